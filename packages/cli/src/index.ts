/**
 * `@dyn/cli`: the `dyn` command line (`run`, `inspect`, `validate`, `models`, `steppers`,
 * `main`), callable in-process through {@link runCli}, plus the SVG plot and progress bar it uses.
 * @packageDocumentation
 */
export { runCli } from "./cli.ts";
export type { CliErrorCode } from "./errors.ts";
export { CLI_ERROR_CODES, CliError } from "./errors.ts";
export type { CliIo } from "./io.ts";
export type { PlotSeries, PlotSpec } from "./plot/svgPlot.ts";
export { renderSvgPlot, SEGMENT_COLORS } from "./plot/svgPlot.ts";
export type { ProgressSink } from "./progress.ts";
export { ProgressBar } from "./progress.ts";

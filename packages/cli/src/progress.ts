/**
 * Where a {@link ProgressBar} draws: anything with `write` (the stderr of a `CliIo`).
 * @category cli
 * @since 0.1.0
 */
export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * A one-line progress bar redrawn in place with `\r` (stderr only, only when it is a TTY, so
 * pipes and log files never see control characters).
 *
 * @example
 * ```ts
 * import { ProgressBar } from "@dyn/cli";
 * let drawn = "";
 * const bar = new ProgressBar({ write: (s: string) => (drawn += s), isTTY: true }, "lorenz");
 * bar.update(0.5, "t=5 of 10");
 * bar.done();
 * console.log(drawn.includes("50%")); // true
 * ```
 * @category cli
 * @since 0.1.0
 */
export class ProgressBar {
  readonly #sink: ProgressSink;
  readonly #label: string;
  #lastDrawn = -1;
  #shown = false;

  constructor(sink: ProgressSink, label: string) {
    this.#sink = sink;
    this.#label = label;
  }

  /** Redraws with `fraction` in [0, 1] done and a short status text (e.g. `t=4.2 of 10`). */
  update(fraction: number, status: string): void {
    const f = Math.min(1, Math.max(0, fraction));
    const percent = Math.floor(f * 100);
    if (percent === this.#lastDrawn) return;
    this.#lastDrawn = percent;
    const width = 30;
    const filled = Math.round(f * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    this.#sink.write(`\r${this.#label} ${bar} ${String(percent).padStart(3)}%  ${status}\u001b[K`);
    this.#shown = true;
  }

  /** Erases the bar so the summary that follows starts on a clean line. */
  done(): void {
    if (this.#shown) this.#sink.write("\r\u001b[K");
    this.#shown = false;
  }
}

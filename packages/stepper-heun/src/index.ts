/**
 * `dyn-stepper-heun`: Heun's method as a dyn stepper plugin. The package only exports the
 * stepper object; it registers nothing on import (a side effect that bundlers drop under
 * `"sideEffects": false`). Pass `heunStepper` where a stepper name goes, or register it once with
 * `register(heunStepper)` from `@dyn/steppers` to use the names `heun`, `explicit_trapezoid` and
 * `improved_euler`.
 * @packageDocumentation
 */
export { heunStepper } from "./heun.ts";

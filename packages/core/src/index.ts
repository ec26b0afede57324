export { crc32, crc32Utf8 } from "./crc32.ts";
export { compareCodePoints, didYouMean, levenshtein, sortedNames, suggestNames } from "./didYouMean.ts";
export type { DynErrorOptions } from "./dynError.ts";
export { DynError, isDynError, toDynError } from "./dynError.ts";
export { pythonFloatRepr } from "./pythonRepr.ts";
export { sha1, sha1Hex } from "./sha1.ts";
export { sha256, sha256Hex } from "./sha256.ts";
export type { DynWarning, WarningHandler } from "./warnings.ts";
export { consoleWarningHandler } from "./warnings.ts";

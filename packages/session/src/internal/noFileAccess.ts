import type { FilePort } from "./filePort.ts";

/** Browsers and bundlers have no file access (the `default` target of `#file-access`). */
export const fileAccess: FilePort | null = null;

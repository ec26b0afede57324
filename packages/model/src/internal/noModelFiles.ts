import type { ModelFileAccess } from "./modelFileAccess.ts";

/** Browsers and bundlers have no file access (the `default` target of `#model-files`). */
export const modelFiles: ModelFileAccess | null = null;

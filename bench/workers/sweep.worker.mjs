// Tinypool entry for workload F. Worker threads of Node 20 do not inherit tsx's loader from the
// main thread, so this plain-JS shim registers tsx first and then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
const worker = await import("./sweep.worker.ts");

export default worker.default;

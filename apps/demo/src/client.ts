import type { FromWorker, Reply, Request } from "./protocol.ts";

/** Promise-based calls into the simulation worker, with progress callbacks. */
export class WorkerClient {
  readonly #worker: Worker;
  #next = 1;
  readonly #pending = new Map<
    number,
    { resolve: (r: Reply) => void; reject: (e: Error) => void; progress: (f: number) => void }
  >();

  constructor() {
    this.#worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      const call = this.#pending.get(message.id);
      if (call === undefined) return;
      if (message.kind === "progress") {
        call.progress(message.fraction);
        return;
      }
      this.#pending.delete(message.id);
      if (message.kind === "reply") call.resolve(message.reply);
      else call.reject(new Error(message.message));
    };
  }

  call(request: Request, progress: (fraction: number) => void = () => {}): Promise<Reply> {
    const id = this.#next++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, progress });
      this.#worker.postMessage({ id, request });
    });
  }
}

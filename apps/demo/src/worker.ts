/// <reference lib="webworker" />
import { Engine } from "./engine.ts";
import type { FromWorker, Reply, ToWorker } from "./protocol.ts";

const engine = new Engine();
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: FromWorker): void {
  const transfer: Transferable[] = [];
  if (message.kind === "reply") {
    const reply: Reply = message.reply;
    if (reply.type === "file") transfer.push(reply.bytes.buffer);
  }
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const { id, request } = event.data;
  let lastPosted = -1;
  try {
    const reply = engine.handle(request, (fraction) => {
      const percent = Math.floor(fraction * 100);
      if (percent !== lastPosted) {
        lastPosted = percent;
        post({ id, kind: "progress", fraction });
      }
    });
    post({ id, kind: "reply", reply });
  } catch (error) {
    post({ id, kind: "error", message: error instanceof Error ? error.message : String(error) });
  }
};

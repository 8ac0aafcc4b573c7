/**
 * The validator worker's inbox: it listens for the page's requests from the worker's first moment
 * and keeps them until the worker is ready. The worker imports it before libxml2-wasm, whose
 * top-level await delays the rest of the worker's code, and a module worker may receive messages
 * before that code has run: without the inbox they would be lost.
 */
import type { WorkerRequest } from './worker-protocol';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}

const waiting: WorkerRequest[] = [];
let handle: ((request: WorkerRequest) => void) | undefined;

(self as unknown as WorkerScope).addEventListener('message', (event) => {
  if (handle) handle(event.data);
  else waiting.push(event.data);
});

/**
 * Sets the handler of the page's requests and hands it those that arrived before.
 * @param handler - Answers one request.
 */
export function onRequest(handler: (request: WorkerRequest) => void): void {
  handle = handler;
  for (const request of waiting.splice(0)) handler(request);
}

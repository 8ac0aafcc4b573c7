/**
 * The validator page's worker as the page sees it: started once, it keeps libxml2 and the
 * compiled schemas (validator.worker.ts). The page module starts it as soon as it is evaluated on
 * /validate itself, before React hydrates the page, so that loading libxml2 and compiling the
 * schemas overlap with hydration; the validator component takes that worker when it mounts.
 */
import type { ValidationResult } from '../../src/validate/diagnostic';
import type { PageDocument } from './permalink';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/** The page's validation worker: started once, it keeps libxml2 and the compiled schemas. */
export interface ValidatorWorker {
  /** Asks for the verdicts on the documents. */
  readonly validate: (
    docs: readonly PageDocument[],
    strict: boolean,
  ) => Promise<{ readonly results: readonly ValidationResult[]; readonly resources: readonly string[] }>;
  /** Stops the worker. */
  readonly stop: () => void;
}

/** Where the page remembers the worker's script URL, for the offline fallback in {@link startWorker}. */
const WORKER_SCRIPT_KEY = 'wireserver-validator-worker';

/**
 * Starts the validation worker. When its script cannot be loaded (offline: Chromium does not
 * always route a worker's own script through the page's service worker), the page fetches the
 * script it ran last time (through the service worker's cache) and starts the worker from that
 * copy; the worker is one self-contained script, so nothing else needs loading.
 * @returns The running worker.
 */
export function startWorker(): ValidatorWorker {
  const pending = new Map<
    number,
    {
      readonly request: WorkerRequest;
      resolve: (reply: { results: readonly ValidationResult[]; resources: readonly string[] }) => void;
      reject: (error: Error) => void;
    }
  >();
  let next = 0;
  let answered = false;
  let fallback = false;
  const failAll = (message: string): void => {
    for (const waiting of pending.values()) waiting.reject(new Error(message));
    pending.clear();
  };
  const attach = (w: Worker): Worker => {
    w.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      answered = true;
      const reply = event.data;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) return waiting?.reject(new Error(reply.error));
      const script = reply.resources[0];
      if (script?.startsWith('http')) localStorage.setItem(WORKER_SCRIPT_KEY, script);
      return waiting?.resolve(reply);
    });
    w.addEventListener('error', (event) => {
      const script = localStorage.getItem(WORKER_SCRIPT_KEY);
      if (answered || fallback || !script) return failAll(event.message || 'the validation worker failed');
      fallback = true;
      void fetch(script)
        .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(`${script}: HTTP ${response.status}`))))
        .then(
          (blob) => {
            worker = attach(new Worker(URL.createObjectURL(new Blob([blob], { type: 'text/javascript' })), { type: 'module' }));
            for (const waiting of pending.values()) worker.postMessage(waiting.request);
          },
          (error: unknown) => failAll(`the validation worker failed to load: ${(error as Error).message}`),
        );
    });
    return w;
  };
  let worker = attach(
    new Worker(/* webpackChunkName: "validator-worker" */ new URL('./validator.worker.ts', import.meta.url), { type: 'module' }),
  );
  return {
    validate: (docs, strict) =>
      new Promise((resolve, reject) => {
        next += 1;
        const request: WorkerRequest = { id: next, docs, strict };
        pending.set(next, { request, resolve, reject });
        worker.postMessage(request);
      }),
    stop: () => worker.terminate(),
  };
}

let started: ValidatorWorker | undefined;

/** Starts the worker ahead of the validator component (see the module's comment); at most once. */
export function prestartWorker(): void {
  started ??= startWorker();
}

/**
 * The worker started ahead, handed over once, or a new one.
 * @returns A running worker, now the caller's to stop.
 */
export function takeWorker(): ValidatorWorker {
  const worker = started ?? startWorker();
  started = undefined;
  return worker;
}

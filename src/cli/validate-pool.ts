/**
 * `wireserver validate --jobs N`: the documents checked in N worker processes. libxmljs2, a
 * native addon, cannot be loaded in worker threads ("Module did not self-register"), so the
 * workers are child processes (`child_process.fork` of `validate-worker`, the compiled `.js` in
 * dist/ or the `.ts` source under tsx, whose `--import` the child inherits with the parent's
 * `execArgv`). The inputs are cut into consecutive chunks handed out as a work queue (a worker
 * that finishes early takes the next chunk); each chunk comes back with its results in input
 * order, and the parent puts the chunks back in order, so the report is the one `--jobs 1` prints.
 * A worker that dies or answers out of protocol stops the run: the others are killed and the
 * caller gets a {@link WorkerFailure}. The workers start while the folders are still walked.
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { CheckedDocument, ItemOptions, ItemsOutcome, WorkItem } from './validate-items';

/** The most worker processes `--jobs` may ask for. */
export const MAX_JOBS = 64;

/**
 * Fewest documents worth a worker process: one worker per this many, and below 2 × this the
 * validator checks them itself. A worker costs a Node start-up and loading libxmljs2 and the
 * validator, about 0.2 s before it checks anything (the parent loads the same in 0.05 s), and
 * compiles again the schemas of each chunk; and on this 2-core VM two processes validating at once
 * each run at 60–70 % of the speed of one alone (a lone Node process already keeps 1.3 cores busy,
 * with its garbage collector and compiler threads; `npm run bench` prints both figures). Measured
 * with the bin on copies of the examples and the corpus (the bench's corpus), --jobs 2 against
 * --jobs 1, medians of 5 alternated runs: 0.84× at 5,000 documents, 1.06× at 10,000, 1.16× at
 * 20,000. Two workers pay from about 10,000 documents.
 */
export const MIN_DOCUMENTS_PER_WORKER = 5000;

/**
 * Chunks per worker, at most: a worker that finishes early (the machine is shared, documents differ
 * in cost) takes another. Few, and of at least {@link MIN_CHUNK} documents, because each chunk
 * costs again what one call of `validateDocuments` costs whatever its size (compiling the schemas
 * it meets): checking 10,000 documents in chunks of 2,500 took 5 % more CPU than in one, in
 * chunks of 1,250 9 %, in chunks of 500 35 %; 800 documents in chunks of 200, 40 % more than in one
 * (medians of 3). Yet not one chunk per worker: with two workers on 10,000 documents, chunks of
 * 1,250 took 2.2–2.4 s, one chunk of 5,000 each 2.8 s (medians of 7; a smaller heap, less to collect).
 */
const CHUNKS_PER_WORKER = 4;

/** Fewest documents in a chunk, unless there are fewer per worker. */
const MIN_CHUNK = 1000;

/**
 * Chunks a worker holds at once: the one it checks and the next, so that it never waits for its
 * parent between two (a round trip took 50–100 ms on the shared 2-core machine).
 */
const CHUNKS_AHEAD = 2;

/**
 * How many worker processes to use.
 * @param jobs - What `--jobs` asks for (at least 1).
 * @param documents - How many documents there are.
 * @returns 0 (check in this process: a single worker would only add its start-up), or 2 or more.
 */
export function workerCount(jobs: number, documents: number): number {
  const count = Math.min(jobs, Math.floor(documents / MIN_DOCUMENTS_PER_WORKER));
  return count >= 2 ? count : 0;
}

/** A worker process died, or answered out of protocol: the run is stopped (exit code 2). */
export class WorkerFailure extends Error {}

/** What the parent sends a worker: one chunk to check. */
export interface ChunkRequest {
  /** The message type. */
  readonly type: 'chunk';
  /** The chunk's number, echoed in the answer. */
  readonly id: number;
  /** The chunk's documents. */
  readonly items: readonly WorkItem[];
  /** The command line's choices. */
  readonly options: ItemOptions;
}

/** What a worker sends: ready for work, a chunk checked, or an unexpected error (an internal error, as in one process). */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcome: ItemsOutcome; readonly stderr: readonly string[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Where {@link WorkerPool.check} reports, in input order. */
export interface PoolHooks {
  /** Lines for standard error (unreadable files, redacted copies written). */
  readonly stderr: (text: string) => void;
  /** Progress: `done` of `total` documents checked (first called with 0). */
  readonly progress?: (done: number, total: number) => void;
}

/** The worker module: `validate-worker.js` next to this file in dist/, `validate-worker.ts` under tsx. */
const WORKER = path.join(__dirname, `validate-worker${path.extname(__filename)}`);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Whether `checked` is a plausible answer for `chunk`: results for some of its files, in order, each with its bundle. */
function isCheckedList(checked: unknown, chunk: readonly WorkItem[]): checked is CheckedDocument[] {
  if (!Array.isArray(checked)) return false;
  let k = 0;
  return checked.every((c: unknown) => {
    if (!isObject(c) || !isObject(c['result']) || !isObject(c['scan'])) return false;
    const { result, scan } = c;
    if (typeof result['valid'] !== 'boolean' || !Array.isArray(result['diagnostics'])) return false;
    if (!Array.isArray(scan['warnings']) || !isObject(scan['facts'])) return false;
    while (k < chunk.length && chunk[k]?.file !== result['file']) k += 1;
    const item = chunk[k];
    k += 1;
    return item !== undefined && item.bundle === c['bundle'];
  });
}

function isDone(message: unknown, id: number, chunk: readonly WorkItem[]): message is Extract<WorkerMessage, { type: 'done' }> {
  if (!isObject(message) || message['type'] !== 'done' || message['id'] !== id) return false;
  const { outcome, stderr } = message;
  return (
    Array.isArray(stderr) &&
    stderr.every((s) => typeof s === 'string') &&
    isObject(outcome) &&
    typeof outcome['ioError'] === 'boolean' &&
    isCheckedList(outcome['checked'], chunk)
  );
}

/** The line of a dead worker's standard error that says most: its error, else its last line. */
function excerpt(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const line = lines.find((l) => /^(\w*Error|FATAL)\b/.test(l)) ?? lines[lines.length - 1];
  return line === undefined ? '' : ` (${line.slice(0, 300)})`;
}

type Done = Extract<WorkerMessage, { type: 'done' }>;

/** One worker process and where it stands. */
interface Worker {
  readonly child: ChildProcess;
  /** How the messages name it. */
  readonly name: string;
  /** Whether it greeted its parent. */
  ready: boolean;
  /** The chunks it holds, the one it is checking first. */
  readonly busy: number[];
  /** The end of its standard error, for the message when it dies. */
  stderr: string;
  /** Whether it has exited (and its standard error was read to the end). */
  exited: boolean;
}

/** A run of {@link WorkerPool.check} under way. */
interface Run {
  readonly chunks: readonly (readonly WorkItem[])[];
  readonly outcomes: (Done | undefined)[];
  readonly options: ItemOptions;
  readonly hooks: PoolHooks;
  readonly total: number;
  readonly resolve: (outcome: ItemsOutcome) => void;
  readonly reject: (error: Error) => void;
  next: number;
  reported: number;
  checked: number;
}

/**
 * Worker processes for `wireserver validate --jobs N`. They can be started before the inputs are
 * all known ({@link WorkerPool.grow}, while the folders are walked), so that their start-up
 * overlaps the walk; {@link WorkerPool.check} then hands out the chunks. A worker that dies or
 * answers out of protocol stops everything: the other workers are killed at once, and the run
 * fails with a {@link WorkerFailure} once they have all exited. {@link WorkerPool.close} must
 * follow, whatever happened.
 */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  #failure: Error | undefined;
  #run: Run | undefined;
  #closed = false;
  readonly #onExited: (() => void)[] = [];

  /** How many workers were started. */
  get size(): number {
    return this.#workers.length;
  }

  /**
   * Starts workers until there are `count` of them.
   * @param count - How many there should be.
   */
  grow(count: number): void {
    while (this.#failure === undefined && this.#workers.length < count) this.#start();
  }

  /**
   * Checks documents in the workers (start them first with {@link WorkerPool.grow}).
   * @param items - The inputs, in order.
   * @param options - The command line's choices.
   * @param hooks - Where to report, in input order.
   * @returns What `checkItems` returns for all of `items` in one process.
   * @throws {@link WorkerFailure} when a worker dies or answers out of protocol; an `Error` with the
   * worker's message when checking threw there (an internal error, as it would be in one process).
   */
  check(items: readonly WorkItem[], options: ItemOptions, hooks: PoolHooks): Promise<ItemsOutcome> {
    const workers = this.#workers.length;
    const perWorker = Math.min(CHUNKS_PER_WORKER, Math.max(1, Math.floor(items.length / (workers * MIN_CHUNK))));
    const size = Math.max(1, Math.ceil(items.length / (workers * perWorker)));
    const chunks: WorkItem[][] = [];
    for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
    hooks.progress?.(0, items.length);
    return new Promise((resolve, reject) => {
      const outcomes = chunks.map(() => undefined);
      this.#run = { chunks, outcomes, options, hooks, total: items.length, resolve, reject, next: 0, reported: 0, checked: 0 };
      if (this.#failure) return this.#exitedNow();
      if (chunks.length === 0) return this.#finish(this.#run);
      for (const worker of this.#workers) this.#dispatch(worker);
    });
  }

  /**
   * Lets the workers go: idle ones are told to exit, any still running (after a failure) are killed.
   * @returns When every worker has exited: none outlives the command.
   */
  close(): Promise<void> {
    this.#stop();
    return new Promise((resolve) => {
      this.#onExited.push(resolve);
      this.#exitedNow();
    });
  }

  #stop(): void {
    this.#closed = true;
    for (const { child } of this.#workers) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      if (this.#failure === undefined && child.connected) child.disconnect();
      else child.kill('SIGKILL');
    }
  }

  /** Calls back those waiting for every worker to exit, if they all have. */
  #exitedNow(): void {
    if (!this.#workers.every((w) => w.exited)) return;
    if (this.#failure) this.#run?.reject(this.#failure);
    for (const resolve of this.#onExited.splice(0)) resolve();
  }

  #start(): void {
    const child = fork(WORKER, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const worker: Worker = {
      child,
      name: `worker process ${child.pid ?? '(not started)'}`,
      ready: false,
      busy: [],
      stderr: '',
      exited: false,
    };
    this.#workers.push(worker);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      worker.stderr = (worker.stderr + text).slice(-8192);
    });
    child.on('message', (message: unknown) => this.#receive(worker, message));
    child.on('error', (error) => {
      // A process that never started sends no 'close'.
      if (child.pid === undefined) worker.exited = true;
      this.#fail(new WorkerFailure(`cannot run ${worker.name}: ${error.message}`));
    });
    // 'exit', not 'close': Node 20 never emits 'close' for a child whose IPC channel the parent disconnected.
    child.on('exit', (code, signal) => {
      const exited = (): void => {
        worker.exited = true;
        // Workers exit when told to (close); before that, no worker may.
        if (!this.#closed) {
          const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
          this.#fail(new WorkerFailure(`${worker.name} ${how} before it finished${excerpt(worker.stderr)}; the run is stopped`));
        }
        this.#exitedNow();
      };
      // Its standard error is read to the end first, for the message.
      if (child.stderr && !child.stderr.destroyed) child.stderr.once('close', exited);
      else exited();
    });
  }

  #receive(worker: Worker, message: unknown): void {
    if (this.#failure) return;
    if (!worker.ready) {
      if (isObject(message) && message['type'] === 'ready') {
        worker.ready = true;
        this.#dispatch(worker);
      } else this.#fail(new WorkerFailure(`${worker.name} sent a malformed greeting; the run is stopped`));
      return;
    }
    const run = this.#run;
    const id = worker.busy.shift();
    if (!run || id === undefined || !isDone(message, id, run.chunks[id] ?? [])) {
      const failed = run && id !== undefined && isObject(message) && message['type'] === 'error' && message['id'] === id;
      // An error thrown while checking is an internal error, as it would be in one process.
      this.#fail(
        failed ? new Error(String(message['message'])) : new WorkerFailure(`${worker.name} sent a malformed reply; the run is stopped`),
      );
      return;
    }
    run.outcomes[id] = message;
    run.checked += run.chunks[id]?.length ?? 0;
    for (let o = run.outcomes[run.reported]; o !== undefined; o = run.outcomes[run.reported]) {
      for (const line of o.stderr) run.hooks.stderr(line);
      run.reported += 1;
    }
    run.hooks.progress?.(run.checked, run.total);
    if (run.reported === run.chunks.length) this.#finish(run);
    else this.#dispatch(worker);
  }

  /** Tops `worker` up with the next chunks, up to {@link CHUNKS_AHEAD}. */
  #dispatch(worker: Worker): void {
    const run = this.#run;
    while (run && worker.ready && worker.busy.length < CHUNKS_AHEAD && run.next < run.chunks.length) {
      const id = run.next;
      run.next += 1;
      worker.busy.push(id);
      const request: ChunkRequest = { type: 'chunk', id, items: run.chunks[id] ?? [], options: run.options };
      worker.child.send(request, (error) => {
        if (error) this.#fail(new WorkerFailure(`cannot send work to ${worker.name}: ${error.message}`));
      });
    }
  }

  #finish(run: Run): void {
    const done = run.outcomes as Done[];
    run.resolve({ checked: done.flatMap((o) => o.outcome.checked), ioError: done.some((o) => o.outcome.ioError) });
  }

  /** Stops everything; the run fails once every worker has exited. */
  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#stop();
    this.#exitedNow();
  }
}

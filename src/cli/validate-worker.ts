/**
 * A worker process of `wireserver validate --jobs N` (forked by `validate-pool.ts`, never run by
 * hand): it greets its parent, then checks the chunks it is sent, in order, answering each with the
 * outcome and the standard-error lines the chunk produced. It writes nothing itself, and exits when
 * its parent disconnects or goes away.
 * @module
 */
import type { ChunkRequest, WorkerMessage } from './validate-pool';
import { checkItems } from './validate-items';

const checkedDirs = new Set<string>();
const waiting: ChunkRequest[] = [];
let checking = false;

/** Checks the next waiting chunk, if any and none is under way. */
function next(): void {
  if (checking) return;
  const request = waiting.shift();
  if (request === undefined) return;
  checking = true;
  const stderr: string[] = [];
  let answer: WorkerMessage;
  try {
    const outcome = checkItems(request.items, request.options, { stderr: (text) => stderr.push(text), checkedDirs });
    answer = { type: 'done', id: request.id, outcome, stderr };
  } catch (error) {
    answer = { type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  // The next chunk only once this answer is written: checking blocks the event loop, and an answer
  // larger than the pipe's buffer would wait for it (400 ms for 1,250 results, measured).
  process.send?.(answer, undefined, undefined, () => {
    checking = false;
    next();
  });
}

process.on('message', (request: ChunkRequest) => {
  waiting.push(request);
  next();
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' } satisfies WorkerMessage);

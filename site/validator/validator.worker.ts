/**
 * The validator page's one long-lived Web Worker: it loads libxml2 (WebAssembly) once, keeps every
 * XSD it has compiled, and answers each request with the verdicts on the page's documents (the
 * checks beyond the XSD included, and `--strict` when asked). While idle after start-up it compiles
 * the schemas ahead, one per task, so a request never waits long behind that work.
 *
 * It is a module worker bundled as one script (libxml2-wasm is imported statically, so it loads no
 * chunk of its own): Chromium fetches a module worker's script through the page's service worker,
 * which is what makes the page work offline. Requests that arrive while libxml2 loads wait in the
 * inbox (imported first).
 */
import { onRequest } from './worker-inbox';
import * as libxml2 from 'libxml2-wasm';
import { withBundleWarnings } from '../../src/validate/bundle-checks';
import { strictResult } from '../../src/validate/diagnostic';
import { xmlDocumentKinds } from '../../src/validate/catalog';
import { WasmEngine } from '../../src/validate/wasm-engine';
import { loadSchemaTexts } from './schemas';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const engine = Promise.resolve(WasmEngine.create(loadSchemaTexts(), libxml2));

/** Compiles the XSDs not compiled yet, one per task, most used first (the catalog's order). */
function compileAhead(pending: readonly string[]): void {
  const [next, ...rest] = pending;
  if (next === undefined) return;
  setTimeout(() => {
    void engine.then((e) => {
      e.compile(next);
      compileAhead(rest);
    });
  }, 0);
}

onRequest((request: WorkerRequest) => {
  void engine
    .then((e) => {
      const start = performance.now();
      const results = e.validate(request.docs.map((d) => ({ file: d.name, input: d.text })));
      const checked = withBundleWarnings(
        results,
        request.docs.map((d, i) => (results[i]?.root === undefined ? undefined : d.text)),
      );
      const resources = [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)];
      scope.postMessage({
        id: request.id,
        results: request.strict ? checked.map(strictResult) : checked,
        engineMs: performance.now() - start,
        resources,
      });
    })
    .catch((error: unknown) => {
      scope.postMessage({ id: request.id, error: String((error as Error | undefined)?.message ?? error) });
    });
});

compileAhead(Array.from(new Set(xmlDocumentKinds.map((kind) => kind.schema))));

/**
 * `npm run bench`, in one run:
 *
 * 1. validation throughput over a corpus of 1,000 documents (copies of the examples and the
 *    corpus/walinuxagent that have a schema, in a temporary folder): `npm run validate`'s code path
 *    (`runValidate`, in process, and as a child process with the default --jobs), schema validation alone
 *    (`validateDocuments`), the checks beyond the XSD alone (`withBundleWarnings`), the one-at-a-time
 *    path (`validateDocument`), the browser engine (libxml2-wasm in Node), and Debian's
 *    `xmllint --noout --schema` (one process per schema with all its files), with ratios against
 *    xmllint measured in the same run; then the package's bin on 10,000 such documents with
 *    `--jobs 1` and `--jobs 2`, the scaling between them (goal ≥ 1.7×), and next to it two
 *    `--jobs 1` processes at once on half the documents each, the most this machine gives, how many
 *    cores one `--jobs 1` process keeps busy, and the same two processes with V8 on one thread;
 * 2. the browser goals of issue 14, each printed with its goal: the page's engine in Node (compile
 *    once, validate many), and in Chromium on the built /validate page the median time from the end
 *    of the debounce to the verdict for a 20 KB Extensions document (goal ≤ 30 ms) and a 3 KB goal
 *    state (≤ 10 ms), the debounce (≤ 150 ms), and the first verdict after a cold page load of a
 *    permalink (≤ 1 s). The bench builds nothing: without `build/` it skips the Chromium part;
 * 3. the start-up of `wireserver --help` from dist/ (goal ≤ 150 ms), and the site's weight in Chromium
 *    (bench/site-weight.ts): what the landing page transfers before any search (goal ≤ 1 MB) and how
 *    much search index a first specification search loads (goal ≤ 600 KB uncompressed), next to the
 *    whole Pagefind index on disk.
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { runValidate } from '../src/cli/validate';
import { withBundleWarnings } from '../src/validate/bundle-checks';
import type { ValidationResult } from '../src/validate/diagnostic';
import { SCHEMA_DIR } from '../src/schema/schema-dir';
import { validateDocument, validateDocuments } from '../src/validate/validate';
import type { WasmEngine } from '../src/validate/wasm-engine';
import { readSchemaTexts, validateWithWasm, wasmEngineFor } from '../src/validate/wasm-loader';
import { encodePermalink } from '../site/validator/permalink';
import { SEARCH_DIR } from '../plugins/spec-search';
import { PAGE_DEBOUNCE_MS, timeColdLoad, timeValidatorPage, type EditTiming } from './browser-timing';
import { EXTENSIONS_TARGET_BYTES, buildExtensionsDocument } from './extensions-document';
import { GOAL_STATE_TARGET_BYTES, buildGoalStateDocument } from './goal-state-document';
import { measureSiteWeight } from './site-weight';

const ROOT = path.resolve(__dirname, '..');
/** The package's bin; it runs dist/ (`npm run build:dist`). */
const BIN = path.join(ROOT, 'bin', 'wireserver.cjs');
const DIST_CLI = path.join(ROOT, 'dist', 'cli', 'wireserver.js');
/** Issue goals printed next to the figures (reported, never asserted). */
const GOAL_PROCESS_RATIO = 2;
const GOAL_JOBS_SCALING = 1.7;
/** The corpus of the --jobs scaling figure. */
const LARGE_TARGET = 10_000;
const GOAL_HELP_MS = 150;
const CORPUS = path.join(ROOT, 'corpus', 'walinuxagent');
const BUILD_DIR = path.join(ROOT, 'build');
const TARGET = 1000;
/** Timed repetitions of each throughput measurement; the median is reported. */
const REPEATS = 7;
/** Timed browser runs after the first; the median is reported. */
const BROWSER_RUNS = 7;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : ((sorted[(sorted.length - 1) >> 1] ?? 0) + (sorted[sorted.length >> 1] ?? 0)) / 2;
};

/** Median wall time of `repeats` calls of `run`, in milliseconds. */
function timeMedian(run: () => void, repeats = REPEATS): number {
  return median(
    Array.from({ length: repeats }, () => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }),
  );
}

/** {@link timeMedian} of an asynchronous `run`. */
async function timeMedianAsync(run: () => Promise<void>, repeats = REPEATS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function makeCorpus(target = TARGET): { dir: string; files: { path: string; schema: string }[]; distinct: number } {
  const sources = fg
    .sync(['examples/**/*.xml', 'corpus/walinuxagent/**/*.xml'], { cwd: ROOT, absolute: true })
    .filter((f) => !f.endsWith('.invalid.xml'))
    .map((file) => ({ file, result: validateDocument(fs.readFileSync(file), file) }))
    .filter((s) => s.result.schema !== undefined && s.result.diagnostics.length === 0); // no warning either: xmllint knows no open world
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bench-'));
  const files: { path: string; schema: string }[] = [];
  for (let i = 0; files.length < target; i += 1) {
    const source = sources[i % sources.length];
    if (!source?.result.schema) throw new Error('no document with a schema');
    const target = path.join(dir, `${i}-${path.basename(source.file)}`);
    fs.copyFileSync(source.file, target);
    files.push({ path: target, schema: source.result.schema });
  }
  return { dir, files, distinct: sources.length };
}

async function throughput(): Promise<void> {
  const { dir, files, distinct } = makeCorpus();
  const schemas = readSchemaTexts();
  const rate = (ms: number): number => Math.round(files.length / (ms / 1000));
  const groups = new Map<string, string[]>();
  for (const f of files) groups.set(f.schema, (groups.get(f.schema) ?? []).concat(f.path));

  const xmllintMs = timeMedian(() => {
    for (const [schema, paths] of groups) {
      const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMA_DIR, schema), ...paths], { encoding: 'utf8' });
      if (run.error) throw run.error;
      if (run.status !== 0) throw new Error(`xmllint rejected the corpus: ${run.stderr.slice(0, 500)}`);
    }
  });
  const xmllint = rate(xmllintMs);
  // What any Node process built on libxml2 pays before validating: Node's start-up, and libxml2 parsing the corpus.
  const parseOnlyMs = timeMedian(() => {
    const run = spawnSync('xmllint', ['--noout', '--nonet', ...files.map((f) => f.path)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xmllint could not parse the corpus: ${run.stderr.slice(0, 500)}`);
  });
  const bareNodeMs = timeMedian(() => {
    spawnSync(process.execPath, ['-e', '0']);
  });

  let summary = '';
  const cli = rate(
    await timeMedianAsync(async () => {
      summary = '';
      const code = await runValidate([dir], {
        stdout: (text) => {
          summary += text;
        },
        stderr: () => undefined,
        stderrIsTty: false,
        readStdin: () => new Uint8Array(),
      });
      if (code !== 0) throw new Error(`npm run validate exited ${code}: ${summary.slice(0, 500)}`);
    }),
  );
  const processRate = (command: string, args: readonly string[], repeats: number): number =>
    rate(
      timeMedian(() => {
        const run = spawnSync(command, args, { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`${path.basename(args[0] ?? command)} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
      }, repeats),
    );
  const built = fs.existsSync(DIST_CLI);
  const binRate = built ? processRate(process.execPath, [BIN, 'validate', dir], 5) : 0;
  const tsxRate = processRate(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'src', 'cli', 'validate.ts'), dir], 3);
  const inputs = files.map((f) => ({ file: f.path, input: fs.readFileSync(f.path) }));
  let results: ValidationResult[] = [];
  const batched = rate(
    timeMedian(() => {
      results = validateDocuments(inputs);
    }),
  );
  const texts = inputs.map((i) => i.input.toString('utf8'));
  const bundle = rate(timeMedian(() => withBundleWarnings(results, texts)));
  const single = rate(
    timeMedian(() => {
      for (const f of files) validateDocument(fs.readFileSync(f.path), f.path);
    }, 1),
  );
  const wasmInputs = files.map((f) => ({ file: f.path, input: fs.readFileSync(f.path) }));
  await validateWithWasm(wasmInputs.slice(0, 1), schemas);
  const start = performance.now();
  await validateWithWasm(wasmInputs, schemas);
  const wasm = rate(performance.now() - start);

  const ratio = (docsPerSecond: number): string => `${(docsPerSecond / xmllint).toFixed(2)}x xmllint`;
  console.log(`corpus: ${files.length} documents (${distinct} distinct, ${groups.size} schemas) in ${dir}; median of ${REPEATS} runs`);
  const jobs = os.availableParallelism();
  console.log(
    `  npm run validate (runValidate in process: read, validate, bundle checks, report; default --jobs, ${jobs}): ${cli} docs/s, ${ratio(cli)}`,
  );
  console.log(`    ${summary.trim().split('\n').pop() ?? ''}`);
  console.log(
    built
      ? `  wireserver validate as a process (the package's bin, dist/, start-up included, default --jobs, ${jobs}; median of 5): ` +
          `${binRate} docs/s, ${ratio(binRate)} (goal >= ${GOAL_PROCESS_RATIO}x)\n` +
          `    the goal's budget: ${(xmllintMs / GOAL_PROCESS_RATIO).toFixed(0)} ms for the ${files.length} documents; in the same run ` +
          `node -e 0 takes ${bareNodeMs.toFixed(0)} ms and libxml2 only parsing them (xmllint --noout, one process, no schema) ` +
          `${parseOnlyMs.toFixed(0)} ms`
      : `  wireserver validate as a process: skipped, no ${DIST_CLI}; run \`npm run build:dist\` first`,
  );
  console.log(
    `  the same from the sources (tsx src/cli/validate.ts, as npm run validate; median of 3): ${tsxRate} docs/s, ${ratio(tsxRate)}`,
  );
  console.log(`  schema validation alone (validateDocuments, batched per schema): ${batched} docs/s, ${ratio(batched)}`);
  console.log(`  checks beyond the XSD alone (withBundleWarnings, part of npm run validate): ${bundle} docs/s, ${ratio(bundle)}`);
  console.log(`  one document per validate() call (validateDocument, schema compiled each time): ${single} docs/s, ${ratio(single)}`);
  console.log(`  libxml2-wasm (the browser engine, in Node, schemas compiled once): ${wasm} docs/s, ${ratio(wasm)}`);
  console.log(`  xmllint --noout --schema (Debian, one process per schema): ${xmllint} docs/s`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** CPU seconds (user and system) of this process's children that have exited, from /proc (Linux), or undefined elsewhere. */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5), cutime and cstime, in clock ticks (100 a second on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Runs the package's bin's validate with `args` (and `nodeFlags` for Node), resolving with its
 * wall time in milliseconds.
 */
function timeBin(args: readonly string[], nodeFlags: readonly string[] = []): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, BIN, 'validate', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - start);
      else reject(new Error(`wireserver validate ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

/**
 * The package's bin on 10,000 documents with --jobs 1 and --jobs 2, and, for what this machine
 * allows, two --jobs 1 processes at once on 5,000 each, the cores one --jobs 1 process keeps busy,
 * and one against two processes with V8 on one thread (runs alternated, median of 3 each).
 */
async function jobsScaling(): Promise<void> {
  if (!fs.existsSync(DIST_CLI)) {
    console.log(`--jobs scaling: skipped, no ${DIST_CLI}; run \`npm run build:dist\` first`);
    return;
  }
  const { dir, files } = makeCorpus(LARGE_TARGET);
  const halves = ['a', 'b'].map((half) => path.join(dir, half));
  for (const half of halves) fs.mkdirSync(half);
  for (const [i, file] of files.entries()) fs.renameSync(file.path, path.join(halves[i % 2] ?? dir, path.basename(file.path)));
  const one: number[] = [];
  const two: number[] = [];
  const halvesAtOnce: number[] = [];
  const busy: number[] = [];
  const singleAlone: number[] = [];
  const singleAtOnce: number[] = [];
  const SINGLE = ['--single-threaded'];
  for (let round = 0; round < 3; round += 1) {
    const cpuBefore = childrenCpuSeconds();
    one.push(await timeBin(['--jobs', '1', dir]));
    const cpuAfter = childrenCpuSeconds();
    if (cpuBefore !== undefined && cpuAfter !== undefined) busy.push(((cpuAfter - cpuBefore) * 1000) / (one[one.length - 1] ?? 1));
    two.push(await timeBin(['--jobs', '2', dir]));
    let start = performance.now();
    await Promise.all(halves.map((half) => timeBin(['--jobs', '1', half])));
    halvesAtOnce.push(performance.now() - start);
    singleAlone.push(await timeBin(['--jobs', '1', halves[0] ?? dir], SINGLE));
    start = performance.now();
    await Promise.all(halves.map((half) => timeBin(['--jobs', '1', half], SINGLE)));
    singleAtOnce.push(performance.now() - start);
  }
  const rate = (times: readonly number[]): number => Math.round(files.length / (median(times) / 1000));
  const scaling = rate(two) / rate(one);
  console.log(
    `--jobs scaling: wireserver validate (the bin, dist/) on ${files.length} documents, median of 3 alternated runs: ` +
      `--jobs 1 ${rate(one)} docs/s, --jobs 2 ${rate(two)} docs/s: ${scaling.toFixed(2)}x ` +
      `(goal >= ${GOAL_JOBS_SCALING}x: ${scaling >= GOAL_JOBS_SCALING ? 'met' : 'NOT met'}; ${os.availableParallelism()} cores, load ` +
      `average ${os.loadavg()[0]?.toFixed(1)} at the end)`,
  );
  console.log(
    `  what the machine allows: two --jobs 1 processes at once on ${files.length / 2} documents each, ${rate(halvesAtOnce)} docs/s: ` +
      `${(rate(halvesAtOnce) / rate(one)).toFixed(2)}x --jobs 1`,
  );
  if (busy.length > 0)
    console.log(
      `  why: one --jobs 1 process alone keeps ${median(busy).toFixed(2)} cores busy (CPU time over wall time: V8 compiles ` +
        `and collects garbage on other threads), so two processes on ${os.availableParallelism()} cores can gain at most ` +
        `${(os.availableParallelism() / median(busy)).toFixed(2)}x`,
    );
  const singleScaling = (2 * median(singleAlone)) / median(singleAtOnce);
  console.log(
    `  with V8 on one thread (node --single-threaded), one process on ${files.length / 2} documents ${median(singleAlone).toFixed(0)} ms, ` +
      `two at once ${median(singleAtOnce).toFixed(0)} ms: ${singleScaling.toFixed(2)}x (the cores themselves scale)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `value unit (goal ≤ limit: met|NOT met)`. */
const goal = (value: number, limit: number, unit = 'ms'): string =>
  `${value.toFixed(1)} ${unit} (goal ≤ ${limit} ${unit}: ${value <= limit ? 'met' : 'NOT met'})`;

/** The browser engine in Node: one engine, schemas compiled once, the median of 21 validations. */
async function nodeEngine(engine: WasmEngine, text: string, file: string): Promise<number> {
  engine.validate([{ file, input: text }]);
  return timeMedian(() => {
    engine.validate([{ file, input: text }]);
  }, 21);
}

async function browser(): Promise<void> {
  const extensions = buildExtensionsDocument(path.join(CORPUS, 'wire'));
  const goalState = buildGoalStateDocument(path.join(ROOT, 'examples'));
  const kb = (text: string): string => (Buffer.byteLength(text) / 1024).toFixed(1);
  console.log(
    `browser: a ${kb(extensions)} KB Extensions document (target ${EXTENSIONS_TARGET_BYTES / 1024} KB, valid, built from the corpus ` +
      `ext_conf*.xml) and a ${kb(goalState)} KB goal state (target ${GOAL_STATE_TARGET_BYTES / 1024} KB, valid)`,
  );
  const node = timeMedian(() => validateDocument(extensions, 'ext_conf-20k.xml'), 21);
  console.log(`  Node (libxmljs2, validateDocument, 20 KB Extensions): ${node.toFixed(1)} ms median of 21`);
  const created = performance.now();
  const engine = await wasmEngineFor(readSchemaTexts());
  engine.compile('extensions.xsd');
  engine.compile('goal-state.xsd');
  console.log(
    `  Node, the page's engine (libxml2-wasm, already loaded): a new engine and two schemas compiled in ` +
      `${(performance.now() - created).toFixed(0)} ms once; then 20 KB Extensions ` +
      `${(await nodeEngine(engine, extensions, 'ext.xml')).toFixed(2)} ms, 3 KB goal state ` +
      `${(await nodeEngine(engine, goalState, 'gs.xml')).toFixed(2)} ms (medians of 21)`,
  );
  console.log(`  page debounce: ${goal(PAGE_DEBOUNCE_MS, 150)}`);
  if (!fs.existsSync(path.join(BUILD_DIR, 'validate', 'index.html'))) {
    console.log(`  Chromium: skipped, no built site in ${BUILD_DIR}; run \`npm run build\` first`);
    return;
  }
  try {
    const report = (name: string, timings: { first: EditTiming; runs: readonly EditTiming[] }, limit: number): void => {
      const after = median(timings.runs.map((t) => t.afterDebounce));
      const total = median(timings.runs.map((t) => t.total));
      console.log(
        `  Chromium, /validate, ${name}: end of debounce to verdict ${goal(after, limit)}, median of ${timings.runs.length}; edit to ` +
          `verdict ${total.toFixed(0)} ms; first edit after load ${timings.first.total.toFixed(0)} ms`,
      );
    };
    report(`${kb(extensions)} KB Extensions`, await timeValidatorPage(BUILD_DIR, extensions, /^Valid Extensions/, BROWSER_RUNS), 30);
    report(`${kb(goalState)} KB goal state`, await timeValidatorPage(BUILD_DIR, goalState, /^Valid GoalState/, BROWSER_RUNS), 10);
    const fragment = await encodePermalink([{ name: 'GoalState.xml', text: goalState }]);
    const coldTimes: number[] = [];
    for (let i = 0; i < 3; i += 1) coldTimes.push(await timeColdLoad(BUILD_DIR, fragment, /^Valid GoalState/));
    const cold = median(coldTimes);
    console.log(
      `  Chromium, cold load of /validate with a permalink (fresh profile) to the first verdict: ${goal(cold, 1000)}, median of 3`,
    );
  } catch (error) {
    console.log(`  Chromium: failed (${(error as Error).message.split('\n')[0] ?? ''}); is ${BUILD_DIR} current? run \`npm run build\``);
    process.exitCode = 1;
  }
}

/** Start-up: `wireserver --help` from dist/, next to a bare Node in the same run. */
function startup(): void {
  if (!fs.existsSync(DIST_CLI)) {
    console.log(`start-up: skipped, no ${DIST_CLI}; run \`npm run build:dist\` first`);
    return;
  }
  const time = (args: readonly string[]): number =>
    timeMedian(() => {
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
    }, 21);
  time([BIN, '--help']);
  const help = time([BIN, '--help']);
  const bare = time(['-e', '0']);
  console.log(
    `start-up: wireserver --help ${help.toFixed(0)} ms median of 21 (goal <= ${GOAL_HELP_MS} ms); node -e 0 ${bare.toFixed(0)} ms`,
  );
}

/** Issue 14's site weight goals, reported next to the figures. */
const GOAL_LANDING_KB = 1024;
const GOAL_SEARCH_INDEX_KB = 600;
/** What the bench searches for on the built site. */
const SEARCH_QUERY = 'incarnation';

/** Site weight in Chromium: the landing page before any search, then what a first specification search loads. */
async function siteWeight(): Promise<void> {
  if (!fs.existsSync(path.join(BUILD_DIR, SEARCH_DIR, 'pagefind-entry.json'))) {
    console.log(`site: skipped, no search index in ${path.join(BUILD_DIR, SEARCH_DIR)}; run \`npm run build\` first`);
    return;
  }
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
  try {
    const { landing, search, onDisk } = await measureSiteWeight(BUILD_DIR, SEARCH_QUERY);
    console.log(
      `site: the landing page transfers ${goal(landing.bytes / 1024, GOAL_LANDING_KB, 'KB')} before the first search, uncompressed ` +
        `(${landing.requests} requests until the network is idle; heaviest ${landing.heaviest.map((r) => `${r.path} ${kb(r.bytes)}`).join(', ')})`,
    );
    console.log(
      `  a first specification search ("${SEARCH_QUERY}", ${search.results} results) loads ` +
        `${goal(search.index.decompressed / 1024, GOAL_SEARCH_INDEX_KB, 'KB')} of search index decompressed (${kb(search.index.bytes)} as sent, ` +
        `${search.index.files} index chunks and page fragments), and ${kb(search.code.bytes)} of Pagefind's code and wasm`,
    );
    console.log(
      `  the whole index on disk: ${kb(onDisk.index.bytes)} in ${onDisk.index.files} chunks (${kb(onDisk.index.decompressed)} decompressed), ` +
        `${kb(onDisk.fragments.bytes)} of page text in ${onDisk.fragments.files} fragments (${kb(onDisk.fragments.decompressed)} decompressed); ` +
        'a search loads the chunks of its words and the fragments of the results it shows',
    );
  } catch (error) {
    console.log(`site: failed (${(error as Error).message.split('\n')[0] ?? ''}); is ${BUILD_DIR} current? run \`npm run build\``);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  startup();
  await siteWeight();
  await throughput();
  await jobsScaling();
  await browser();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

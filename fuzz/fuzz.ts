/**
 * `npm run fuzz -- --count N --seed S [--from I] [--batch B] [--max-rss MB] [--save DIR] [--json]`: runs
 * generated documents (from the schemas) and mutated ones (from the examples, the corpus and the
 * generated ones: truncation, duplication, deep nesting, bad encodings, huge values, entity tricks)
 * through both engines, both in this process — libxmljs2 (Node) and libxml2-wasm (the browser
 * engine, {@link validateWithWasm}) — and through the checks beyond the XSD and the redactor. It
 * reports crashes (anything thrown), hangs (a document taking more than 5 s of CPU time), the peak
 * resident memory of the process, and disagreements (the engines' verdicts or first finding codes
 * differ). Document `i` of seed `S` is the same on every run (`--only i` prints it), so every
 * failure can be replayed. Exit status: 0 when there is no failure and the peak memory is within
 * `--max-rss`, 1 otherwise, 2 for usage errors.
 *
 * The peak memory is the engines', not the tools': `npm run fuzz` loads TypeScript with tsx's
 * CommonJS hook only (tsx's ESM loader costs some 150 MiB to load libxml2-wasm's one-megabyte module),
 * and on Linux the run goes on in a child process with a fixed glibc mmap threshold (see
 * {@link FIXED_MMAP_THRESHOLD}).
 * @module
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import { redactText } from '../src/redact/redact';
import { withBundleWarnings } from '../src/validate/bundle-checks';
import type { ValidationResult } from '../src/validate/diagnostic';
import { decodeInput } from '../src/validate/prechecks';
import { validateDocument } from '../src/validate/validate';
import { readSchemaTexts, validateWithWasm } from '../src/validate/wasm-loader';
import { generateDocument } from './generate';
import { mutate } from './mutate';
import { Random } from './random';

const ROOT = path.resolve(__dirname, '..');

/**
 * A document counts as a hang past this much CPU time in one engine, in milliseconds. CPU time, not
 * wall time: on a shared machine wall time measures the neighbours. Both engines run in this
 * thread, so a document that never finishes stops the run: `--progress` shows how far it got.
 */
export const HANG_MS = 5000;

/**
 * glibc's malloc raises its mmap threshold to the largest block freed so far (up to 32 MiB), and
 * from then on keeps freed blocks below it in its arenas rather than returning them: after a few
 * documents of several MiB, tens of MiB of the process's resident memory are memory glibc holds
 * free, not anything an engine keeps (one such document validated 30 times in a row plateaus).
 * glibc's initial threshold, fixed, turns that off, so that the peak measures what is live.
 */
export const FIXED_MMAP_THRESHOLD = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) };

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** How many documents. */
  readonly count: number;
  /** Index of the first document; default 0 (runs can be split into shards: 0–2499, 2500–4999…). */
  readonly from?: number;
  /** The seed. */
  readonly seed: number;
  /** Documents generated and held at a time, garbage collected after each batch; default 10 (larger batches hold more memory). */
  readonly batch?: number;
  /** Called after each batch with the number of documents done. */
  readonly onProgress?: (done: number) => void;
}

/** One failure. */
export interface FuzzFailure {
  /** The document's index (replay with the same seed and `--only`). */
  readonly index: number;
  /** What went wrong. */
  readonly kind: 'crash' | 'hang' | 'disagreement';
  /** Details. */
  readonly detail: string;
  /** Where the document came from and the mutations applied. */
  readonly origin: string;
}

/** What {@link runFuzz} found. */
export interface FuzzReport {
  /** Documents run. */
  readonly documents: number;
  /** Documents mutated (the others are generated or seed documents as they are). */
  readonly mutated: number;
  /** Documents both engines found valid. */
  readonly validInBoth: number;
  /** Failures, in order. */
  readonly failures: readonly FuzzFailure[];
  /** Peak resident set size of the process (the kernel's high-water mark), in MiB. */
  readonly peakRssMiB: number;
  /** The slowest document in either engine's path, in milliseconds of CPU time. */
  readonly slowestMs: number;
  /** Wall time, in seconds. */
  readonly seconds: number;
}

/** One fuzz input. */
export interface FuzzDocument {
  /** Its name (for the engines' messages). */
  readonly file: string;
  /** Raw bytes or text. */
  readonly input: Uint8Array | string;
  /** Where it came from and the mutations applied. */
  readonly origin: string;
  /** Whether it was mutated. */
  readonly mutated: boolean;
}

let seedDocuments: { name: string; text: string }[] | undefined;

function seeds(): { name: string; text: string }[] {
  seedDocuments ??= fg
    .sync(['examples/**/*.{xml,json}', 'corpus/**/*.{xml,json}'], { cwd: ROOT })
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(ROOT, name), 'utf8') }));
  return seedDocuments;
}

/**
 * Document `index` of a seed: generated from a schema or taken from the seeds, then (mostly) mutated.
 * @param seed - The run's seed.
 * @param index - The document's index.
 */
export function fuzzDocument(seed: number, index: number): FuzzDocument {
  const random = new Random(Math.imul(seed, 1_000_003) + index);
  const base = random.chance(0.35)
    ? (() => {
        const g = generateDocument(random);
        return { name: `generated:${g.root}`, text: g.text };
      })()
    : random.pick(seeds());
  if (random.chance(0.15)) return { file: `fuzz-${index}.xml`, input: base.text, origin: base.name, mutated: false };
  const { input, names } = mutate(base.text, random);
  return { file: `fuzz-${index}.xml`, input, origin: `${base.name} + ${names.join(', ')}`, mutated: true };
}

const verdict = (r: ValidationResult | undefined): string => `${r?.valid ? 'valid' : 'invalid'} ${r?.diagnostics[0]?.code ?? '-'}`;

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Runs one document through the Node path: validation, the checks beyond the XSD, redaction. */
function nodePath(doc: FuzzDocument): ValidationResult {
  const result = validateDocument(doc.input, doc.file);
  const decoded = decodeInput(doc.input, doc.file);
  if ('text' in decoded) {
    withBundleWarnings([result], [decoded.text]);
    redactText(decoded.text);
  }
  return result;
}

/**
 * Runs one engine's path on a document, timed in CPU time; a crash (anything thrown) or a hang is
 * recorded as a failure, and a crash gives no result.
 */
async function enginePath(
  engine: 'node' | 'wasm',
  index: number,
  doc: FuzzDocument,
  failures: FuzzFailure[],
  step: () => Promise<ValidationResult | undefined>,
): Promise<{ result: ValidationResult | undefined; ms: number }> {
  const t0 = process.cpuUsage();
  let result: ValidationResult | undefined;
  try {
    result = await step();
  } catch (error) {
    failures.push({ index, kind: 'crash', detail: `${engine}: ${(error as Error)?.stack ?? String(error)}`, origin: doc.origin });
  }
  const ms = cpuMs(t0);
  if (ms > HANG_MS) failures.push({ index, kind: 'hang', detail: `${engine}: ${Math.round(ms)} ms of CPU`, origin: doc.origin });
  return { result, ms };
}

/**
 * Runs the fuzzer.
 * @param options - Count, seed, batch size.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const schemas = readSchemaTexts();
  const failures: FuzzFailure[] = [];
  const batchSize = options.batch ?? 10;
  const from = options.from ?? 0;
  let peakRss = process.memoryUsage().rss;
  let slowest = 0;
  let mutated = 0;
  let validInBoth = 0;
  for (let start = 0; start < options.count; start += batchSize) {
    const docs = Array.from({ length: Math.min(batchSize, options.count - start) }, (_, k) => fuzzDocument(options.seed, from + start + k));
    for (const [k, doc] of docs.entries()) {
      const index = from + start + k;
      if (doc.mutated) mutated += 1;
      const node = await enginePath('node', index, doc, failures, async () => nodePath(doc));
      // Collect the garbage of large inputs at once, so the peak measures what a document costs
      // rather than when V8 chose to collect (only with node --expose-gc, as npm run fuzz runs).
      if (doc.input.length > 256 * 1024) collectGarbage();
      const wasm = await enginePath('wasm', index, doc, failures, async () => (await validateWithWasm([doc], schemas))[0]);
      slowest = Math.max(slowest, node.ms, wasm.ms);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const [a, b] = [node.result, wasm.result];
      if (!a || !b) continue;
      if (a.valid && b.valid) validInBoth += 1;
      if (verdict(a) !== verdict(b)) {
        failures.push({
          index,
          kind: 'disagreement',
          detail:
            `libxmljs2: ${verdict(a)} (${a.diagnostics[0]?.message ?? ''}); libxml2-wasm: ${verdict(b)} ` +
            `(${b.diagnostics[0]?.message ?? ''})`,
          origin: doc.origin,
        });
      }
    }
    collectGarbage();
    options.onProgress?.(start + docs.length);
  }
  // maxRSS is the kernel's high-water mark: it catches a peak between two samples.
  const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  return {
    documents: options.count,
    mutated,
    validInBoth,
    failures,
    peakRssMiB: Math.round(maxRss / 1024 / 1024),
    slowestMs: Math.round(slowest),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        count: { type: 'string', default: '1000' },
        from: { type: 'string', default: '0' },
        seed: { type: 'string', default: '1' },
        batch: { type: 'string', default: '10' },
        'max-rss': { type: 'string', default: '256' },
        only: { type: 'string' },
        save: { type: 'string' },
        json: { type: 'boolean' },
        progress: { type: 'boolean' },
      },
    }));
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\n`);
    return 2;
  }
  const number = (name: string, text: string | undefined): number => {
    if (text === undefined || !/^\d{1,9}$/.test(text)) throw new Error(`--${name} must be a whole number`);
    return Number(text);
  };
  let count: number, from: number, seed: number, batch: number, maxRss: number;
  try {
    [count, from, seed, batch, maxRss] = [
      number('count', values.count),
      number('from', values.from),
      number('seed', values.seed),
      Math.max(1, number('batch', values.batch)),
      number('max-rss', values['max-rss']),
    ];
    if (values.only !== undefined) {
      const doc = fuzzDocument(seed, number('only', values.only));
      process.stderr.write(`fuzz: document ${values.only} of seed ${seed}: ${doc.origin}\n`);
      process.stdout.write(doc.input);
      return 0;
    }
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\n`);
    return 2;
  }
  const progress = process.stderr.isTTY || values.progress === true;
  const report = await runFuzz({
    count,
    from,
    seed,
    batch,
    ...(progress
      ? { onProgress: (done: number) => process.stderr.write(`fuzz: ${done}/${count}${process.stderr.isTTY ? '\r' : '\n'}`) }
      : {}),
  });
  if (values.save !== undefined) {
    fs.mkdirSync(values.save, { recursive: true });
    for (const f of report.failures)
      fs.writeFileSync(path.join(values.save, `seed${seed}-doc${f.index}.bin`), fuzzDocument(seed, f.index).input);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const count = (kind: FuzzFailure['kind']) => report.failures.filter((f) => f.kind === kind).length;
    process.stdout.write(
      `fuzz: ${report.documents} documents (seed ${seed}, from ${from}; ${report.mutated} mutated, ${report.validInBoth} valid in both engines) in ${report.seconds} s\n` +
        `fuzz: ${count('crash')} crashes, ${count('hang')} hangs (> ${HANG_MS} ms of CPU; slowest ${report.slowestMs} ms), ` +
        `${count('disagreement')} disagreements, peak RSS ${report.peakRssMiB} MiB (limit ${maxRss})\n`,
    );
    for (const f of report.failures.slice(0, 50))
      process.stdout.write(`fuzz: #${f.index} ${f.kind}: ${f.detail.split('\n').slice(0, 4).join(' | ')} [${f.origin}]\n`);
  }
  return report.failures.length === 0 && report.peakRssMiB <= maxRss ? 0 : 1;
}

if (require.main === module) {
  if (process.platform === 'linux' && process.env['MALLOC_MMAP_THRESHOLD_'] === undefined) {
    // The same command in a child process with the fixed threshold (glibc reads it at start-up).
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, ...FIXED_MMAP_THRESHOLD },
    });
    process.exitCode = child.status ?? 1;
  } else
    void main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    });
}

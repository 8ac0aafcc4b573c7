/**
 * `npm run fuzz -- --count N --seed S [--from I] [--batch B] [--max-rss MB] [--save DIR] [--json]`: runs
 * generated documents (from the schemas) and mutated ones (from the examples, the corpus and the
 * generated ones: truncation, duplication, deep nesting, bad encodings, huge values, entity tricks)
 * through both engines — libxmljs2 in this process and xmllint-wasm in its workers — and through the
 * checks beyond the XSD and the redactor. It reports crashes (anything thrown), hangs (a document
 * taking more than 5 s of CPU time), the peak resident memory of the process, and disagreements (the engines'
 * verdicts or first finding codes differ). Document `i` of seed `S` is the same on every run
 * (`--only i` prints it), so every failure can be replayed. Exit status: 0 when there is no
 * failure and the peak memory is within `--max-rss`, 1 otherwise, 2 for usage errors.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import { redactText } from '../src/redact/redact';
import { withBundleWarnings } from '../src/validate/bundle-checks';
import type { ValidationResult } from '../src/validate/diagnostic';
import { chooseSchema, decodeInput } from '../src/validate/prechecks';
import { validateDocument } from '../src/validate/validate';
import { readSchemaTexts, validateWithWasm } from '../src/validate/wasm-loader';
import { generateDocument } from './generate';
import { mutate } from './mutate';
import { Random } from './random';

const ROOT = path.resolve(__dirname, '..');

/**
 * A document counts as a hang past this much CPU time, in milliseconds. CPU time, not wall time: on
 * a shared machine wall time measures the neighbours. A run that takes {@link STUCK_MS} of wall
 * time is a hang too, whatever its CPU time.
 */
export const HANG_MS = 5000;

/** Wall time after which one xmllint-wasm run counts as stuck. */
export const STUCK_MS = 120_000;

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
  /** Documents generated at a time, and most per xmllint-wasm run; default 10 (larger batches are faster but hold more memory: 50 costs about 45 MiB more at the peak). */
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
  /** Peak resident set size of the process (workers included), in MiB. */
  readonly peakRssMiB: number;
  /** The slowest document in the Node engine path, in milliseconds of CPU time. */
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
    const node: (ValidationResult | undefined)[] = docs.map((doc, k) => {
      if (doc.mutated) mutated += 1;
      const t0 = process.cpuUsage();
      try {
        return nodePath(doc);
      } catch (error) {
        failures.push({
          index: from + start + k,
          kind: 'crash',
          detail: `node: ${(error as Error)?.stack ?? String(error)}`,
          origin: doc.origin,
        });
        return undefined;
      } finally {
        // Collect the garbage of large inputs at once, so the peak measures what a document costs
        // rather than when V8 chose to collect (only with node --expose-gc, as npm run fuzz runs).
        if (doc.input.length > 256 * 1024) collectGarbage();
        const ms = cpuMs(t0);
        slowest = Math.max(slowest, ms);
        if (ms > HANG_MS)
          failures.push({ index: from + start + k, kind: 'hang', detail: `node: ${Math.round(ms)} ms of CPU`, origin: doc.origin });
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    });
    const wasmRun = async (subset: readonly FuzzDocument[]): Promise<{ results: (ValidationResult | undefined)[]; cpu: number }> => {
      let timer: NodeJS.Timeout | undefined;
      const t0 = process.cpuUsage();
      try {
        const results = await Promise.race([
          validateWithWasm(
            subset.map((d) => ({ file: d.file, input: d.input })),
            schemas,
          ),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`stuck for ${STUCK_MS} ms`)), STUCK_MS);
          }),
        ]);
        return { results, cpu: cpuMs(t0) };
      } finally {
        clearTimeout(timer);
      }
    };
    const single = async (k: number): Promise<void> => {
      const doc = docs[k] as FuzzDocument;
      try {
        const { results, cpu } = await wasmRun([doc]);
        wasm[k] = results[0];
        if (cpu > HANG_MS)
          failures.push({ index: from + start + k, kind: 'hang', detail: `wasm: ${Math.round(cpu)} ms of CPU`, origin: doc.origin });
      } catch (error) {
        const message = String((error as Error)?.message ?? error);
        failures.push({
          index: from + start + k,
          kind: /stuck/.test(message) ? 'hang' : 'crash',
          detail: `wasm: ${message}`,
          origin: doc.origin,
        });
      }
    };
    // One xmllint run at a time (validateWithWasm runs one per schema, in parallel): a worker each
    // would measure the fuzzer's concurrency rather than the engine's memory.
    const wasm: (ValidationResult | undefined)[] = docs.map(() => undefined);
    const groups = new Map<string, number[]>();
    docs.forEach((doc, k) => {
      const decoded = decodeInput(doc.input, doc.file);
      const chosen = 'text' in decoded ? chooseSchema(decoded.text, doc.file) : undefined;
      const key = chosen && 'kind' in chosen ? chosen.kind.schema : '';
      groups.set(key, [...(groups.get(key) ?? []), k]);
    });
    for (const members of groups.values()) {
      try {
        const { results, cpu } = await wasmRun(members.map((k) => docs[k] as FuzzDocument));
        results.forEach((r, j) => {
          wasm[members[j] ?? 0] = r;
        });
        // A slow group: find the slow document(s) one by one.
        if (cpu > HANG_MS) for (const k of members) await single(k);
      } catch {
        // Find the culprit(s) one by one.
        for (const k of members) await single(k);
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    docs.forEach((doc, k) => {
      const a = node[k];
      const b = wasm[k];
      if (!a || !b) return;
      if (a.valid && b.valid) validInBoth += 1;
      if (verdict(a) !== verdict(b)) {
        failures.push({
          index: from + start + k,
          kind: 'disagreement',
          detail:
            `libxmljs2: ${verdict(a)} (${a.diagnostics[0]?.message ?? ''}); xmllint-wasm: ${verdict(b)} ` +
            `(${b.diagnostics[0]?.message ?? ''})`,
          origin: doc.origin,
        });
      }
    });
    collectGarbage();
    options.onProgress?.(start + docs.length);
  }
  // maxRSS counts the workers' memory too (they are threads of this process).
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

if (require.main === module)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });

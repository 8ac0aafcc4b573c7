/**
 * `npm run validate -- [options] <files, folders, globs or ->`: validates documents against the
 * schemas, runs the checks beyond the XSD on each bundle, and optionally writes redacted copies.
 * Exit codes: 0 every document valid, 1 findings, 2 usage or I/O error.
 * @module
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { readFdBounded } from '../io/bounded-read';
import { withScannedWarnings } from '../validate/bundle-checks';
import { strictResult, type ValidationResult } from '../validate/diagnostic';
import { formatJson, formatResultText, formatSummaryText, summarize } from '../validate/format';
import { MAX_DOCUMENT_BYTES } from '../xml/bounds';
import { ARGUMENTS_BUNDLE, collectInputs } from './collect-inputs';
import type { CheckedDocument, ItemOptions, ItemsOutcome, WorkItem } from './validate-items';
import { MAX_JOBS, MIN_DOCUMENTS_PER_WORKER, WorkerFailure, WorkerPool, workerCount } from './validate-pool';

const USAGE = `usage: validate [--format text|json] [--strict] [--redact [--force]] [--progress] [--jobs N] <file|folder|glob|->...
  Validates WireServer documents against the schemas in schemas/, then runs the checks
  beyond the XSD (warnings) on each bundle: the files directly in one folder, or the
  files named one by one. Folders are searched recursively for documents (symbolic
  links inside them are not followed), skipping
  negative examples (*.invalid.xml) and redacted copies next to their original.
  Quote globs ('captures/**/*.xml') to let the validator expand them. "-" reads stdin.
  --strict    make the open-world warnings errors (unknown-element, unknown-attribute, unknown-property,
              undocumented-value, empty-container): accept only the documented vocabulary
  --redact    also write <name>.redacted.<ext> next to each file, without SAS signatures,
              protected settings, certificate data, passwords or custom data (0600 files,
              created exclusively; the folder must be yours and writable only by you)
  --force     with --redact: replace existing redacted copies (never through a symlink)
  --progress  report progress on stderr (default: only when stderr is a terminal)
  --jobs N    check in up to N processes (default: the number of cores, ${os.availableParallelism()} here; at most ${MAX_JOBS}):
              one per ${MIN_DOCUMENTS_PER_WORKER} documents, as starting one costs more than it saves on fewer,
              so runs of fewer than ${2 * MIN_DOCUMENTS_PER_WORKER} are checked in one. The output is the same for every N.
  Exit status: 0 all valid, 1 findings, 2 usage or I/O error.`;

/** Folders with more documents than this get a progress line (on a terminal or with --progress). */
const PROGRESS_THRESHOLD = 100;

/** Streams the CLI writes to, injectable for tests. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (progress is shown there by default). */
  readonly stderrIsTty: boolean;
  /** Reads standard input, stopping after `maxBytes + 1` bytes (the cap is applied while reading). */
  readonly readStdin: (maxBytes: number) => Uint8Array;
}

/** The process's own streams, as `npm run validate` and `wireserver validate` use them. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  readStdin: (maxBytes) => readFdBounded(0, maxBytes).bytes,
};

/** The number of processes `--jobs` asks for, or a usage message. */
function parseJobs(text: string | undefined): number | string {
  if (text === undefined) return Math.min(os.availableParallelism(), MAX_JOBS);
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > MAX_JOBS)
    return `--jobs must be a whole number from 1 to ${MAX_JOBS}, not "${text.slice(0, 80)}"`;
  return Number(text);
}

/** The documents checked, in `pool`'s worker processes when it has some, else in this process. */
async function check(
  items: readonly WorkItem[],
  options: ItemOptions,
  pool: WorkerPool,
  showProgress: boolean,
  io: CliIo,
): Promise<ItemsOutcome> {
  let shown: number | undefined;
  const progress = (done: number, total: number): void => {
    if (!showProgress || total <= PROGRESS_THRESHOLD) return;
    shown = total;
    io.stderr(`validate: ${done}/${total} documents\r`);
  };
  let outcome: ItemsOutcome;
  if (pool.size > 0) outcome = await pool.check(items, options, { stderr: io.stderr, progress });
  else {
    // Loaded on demand: with workers, this process never needs libxmljs2 and the schemas.
    const { checkItems } = require('./validate-items') as typeof import('./validate-items');
    outcome = checkItems(items, options, { stderr: io.stderr, progress, checkedDirs: new Set() });
  }
  if (shown !== undefined) io.stderr(`validate: ${shown}/${shown} documents\n`);
  return outcome;
}

/** The results with each bundle's warnings, in input order. */
function withBundleChecks(checked: readonly CheckedDocument[]): ValidationResult[] {
  const bundles = new Map<string, number[]>();
  checked.forEach((one, i) => {
    const members = bundles.get(one.bundle) ?? [];
    members.push(i);
    bundles.set(one.bundle, members);
  });
  const results = checked.map((c) => c.result);
  for (const members of bundles.values()) {
    const withWarnings = withScannedWarnings(
      members.map((i) => checked[i]?.result as ValidationResult),
      members.map((i) => checked[i]?.scan as CheckedDocument['scan']),
    );
    members.forEach((i, k) => {
      results[i] = withWarnings[k] ?? (results[i] as ValidationResult);
    });
  }
  return results;
}

/**
 * Runs the validate command. With `--jobs N` (default: the number of cores) and enough documents
 * it checks them in worker processes, and resolves once they have all exited; the output is the
 * same as in one process.
 * @param argv - Arguments after the command name.
 * @param io - Where to write; defaults to the process streams.
 * @returns The exit code.
 */
export async function runValidate(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    return await runValidateUnguarded(argv, io);
  } catch (error) {
    if (error instanceof WorkerFailure) {
      io.stderr(`validate: ${error.message}\n`);
      return 2;
    }
    // Never a stack trace: an unexpected failure is reported in one line (exit 2 is for usage and I/O only).
    io.stderr(`validate: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function runValidateUnguarded(argv: readonly string[], io: CliIo): Promise<number> {
  const pool = new WorkerPool();
  try {
    return await runWithPool(argv, io, pool);
  } finally {
    await pool.close();
  }
}

async function runWithPool(argv: readonly string[], io: CliIo, pool: WorkerPool): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        redact: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        progress: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`validate: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.stderr(`validate: --format must be text or json, not "${values.format}"\n${USAGE}\n`);
    return 2;
  }
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') {
    io.stderr(`validate: ${jobs}\n${USAGE}\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.stderr(`validate: no input given\n${USAGE}\n`);
    return 2;
  }
  // Workers start as soon as enough files are found, so that their start-up overlaps the walk.
  const { files, unreadable } = collectInputs(
    positionals.filter((p) => p !== '-'),
    (found) => {
      if (found % MIN_DOCUMENTS_PER_WORKER === 0) pool.grow(workerCount(jobs, found));
    },
  );
  for (const bad of unreadable) io.stderr(`validate: ${bad.path}: ${bad.reason}\n`);
  const items: WorkItem[] = [];
  if (positionals.includes('-')) {
    let stdin: Uint8Array;
    try {
      stdin = io.readStdin(MAX_DOCUMENT_BYTES);
    } catch (error) {
      io.stderr(`validate: <stdin>: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    items.push({ file: '<stdin>', bundle: ARGUMENTS_BUNDLE, bytes: stdin });
    if (values.redact) io.stderr('validate: --redact writes copies of files only; standard input is not redacted\n');
  }
  for (const file of files) items.push({ file: file.path, bundle: file.bundle });
  const options = { redact: values.redact, force: values.force };
  const showProgress = values.progress || io.stderrIsTty;
  pool.grow(workerCount(jobs, items.length));
  const { checked, ioError } = await check(items, options, pool, showProgress, io);
  let results = withBundleChecks(checked);
  if (values.strict) results = results.map(strictResult);
  if (values.format === 'json') io.stdout(`${formatJson(results)}\n`);
  else {
    for (const result of results) for (const line of formatResultText(result)) io.stdout(`${line}\n`);
    io.stdout(`${formatSummaryText(summarize(results))}\n`);
  }
  if (ioError || unreadable.length > 0) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}

if (require.main === module)
  void runValidate(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });

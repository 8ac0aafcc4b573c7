/**
 * `npm run validate -- [options] <files, folders, globs or ->`: validates documents against the
 * schemas, runs the checks beyond the XSD on each bundle, and optionally writes redacted copies.
 * Exit codes: 0 every document valid, 1 findings, 2 usage or I/O error.
 * @module
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isWireServerError } from '../errors';
import { readFdBounded, readFileBounded } from '../io/bounded-read';
import { prepareSecretDir, writeSecretFile } from '../io/secret-files';
import { isRedactedFileName, redactText, redactedFileName } from '../redact/redact';
import { withBundleWarnings } from '../validate/bundle-checks';
import { strictResult, type ValidationResult } from '../validate/diagnostic';
import { formatJson, formatResultText, formatSummaryText, summarize } from '../validate/format';
import { decodeInput } from '../validate/prechecks';
import { MAX_DOCUMENT_BYTES } from '../xml/bounds';
import { validateDocuments } from '../validate/validate';
import { ARGUMENTS_BUNDLE, collectInputs } from './collect-inputs';

const USAGE = `usage: validate [--format text|json] [--strict] [--redact [--force]] [--progress] <file|folder|glob|->...
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

/** A document read and decoded, waiting for validation. */
interface Loaded {
  readonly file: string;
  readonly bundle: string;
  /** The decoded text, or the raw bytes when they could not be decoded. */
  readonly input: Uint8Array | string;
  readonly text: string | undefined;
}

function load(bytes: Uint8Array, file: string, bundle: string): Loaded {
  const decoded = decodeInput(bytes, file);
  const text = 'text' in decoded ? decoded.text : undefined;
  return { file, bundle, input: text ?? bytes, text };
}

function writeRedactedCopy(file: string, text: string, io: CliIo, force: boolean, checkedDirs: Set<string>): boolean {
  if (isRedactedFileName(file)) return true;
  const target = redactedFileName(file);
  try {
    const dir = path.dirname(target);
    if (!checkedDirs.has(dir)) {
      prepareSecretDir(dir);
      checkedDirs.add(dir);
    }
    const { text: redacted, redactions } = redactText(text);
    writeSecretFile(target, redacted, { force });
    io.stderr(`validate: wrote ${target} (${redactions.length} secret${redactions.length === 1 ? '' : 's'} removed)\n`);
    return true;
  } catch (error) {
    io.stderr(`validate: ${isWireServerError(error) ? `${error.code}: ${error.message}` : `${target}: ${(error as Error).message}`}\n`);
    return false;
  }
}

/**
 * Runs the validate command.
 * @param argv - Arguments after the command name.
 * @param io - Where to write; defaults to the process streams.
 * @returns The exit code.
 */
export function runValidate(argv: readonly string[], io: CliIo = processIo): number {
  try {
    return runValidateUnguarded(argv, io);
  } catch (error) {
    // Never a stack trace: an unexpected failure is reported in one line (exit 2 is for usage and I/O only).
    io.stderr(`validate: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function runValidateUnguarded(argv: readonly string[], io: CliIo): number {
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
  if (positionals.length === 0) {
    io.stderr(`validate: no input given\n${USAGE}\n`);
    return 2;
  }
  const { files, unreadable } = collectInputs(positionals.filter((p) => p !== '-'));
  let ioError = unreadable.length > 0;
  for (const bad of unreadable) io.stderr(`validate: ${bad.path}: ${bad.reason}\n`);
  const loaded: Loaded[] = [];
  if (positionals.includes('-')) {
    let stdin: Uint8Array;
    try {
      stdin = io.readStdin(MAX_DOCUMENT_BYTES);
    } catch (error) {
      io.stderr(`validate: <stdin>: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    loaded.push(load(stdin, '<stdin>', ARGUMENTS_BUNDLE));
    if (values.redact) io.stderr('validate: --redact writes copies of files only; standard input is not redacted\n');
  }
  const checkedDirs = new Set<string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileBounded(file.path, MAX_DOCUMENT_BYTES).bytes;
    } catch (error) {
      io.stderr(`validate: ${file.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      ioError = true;
      continue;
    }
    const one = load(bytes, file.path, file.bundle);
    loaded.push(one);
    if (values.redact && one.text !== undefined && !writeRedactedCopy(file.path, one.text, io, values.force, checkedDirs)) ioError = true;
  }
  const progress = loaded.length > PROGRESS_THRESHOLD && (values.progress || io.stderrIsTty);
  if (progress) io.stderr(`validate: 0/${loaded.length} documents\r`);
  const validated = validateDocuments(loaded, progress ? (done) => io.stderr(`validate: ${done}/${loaded.length} documents\r`) : undefined);
  if (progress) io.stderr(`validate: ${loaded.length}/${loaded.length} documents\n`);
  const bundles = new Map<string, number[]>();
  loaded.forEach((one, i) => {
    const members = bundles.get(one.bundle) ?? [];
    members.push(i);
    bundles.set(one.bundle, members);
  });
  const results = [...validated];
  for (const members of bundles.values()) {
    const withWarnings = withBundleWarnings(
      members.map((i) => validated[i] as ValidationResult),
      members.map((i) => loaded[i]?.text),
    );
    members.forEach((i, k) => {
      results[i] = withWarnings[k] ?? (results[i] as ValidationResult);
    });
  }
  if (values.strict)
    results.forEach((r, i) => {
      results[i] = strictResult(r);
    });
  if (values.format === 'json') io.stdout(`${formatJson(results)}\n`);
  else {
    for (const result of results) for (const line of formatResultText(result)) io.stdout(`${line}\n`);
    io.stdout(`${formatSummaryText(summarize(results))}\n`);
  }
  if (ioError) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}

if (require.main === module) process.exitCode = runValidate(process.argv.slice(2));

/**
 * `npm run validate -- [--format text|json] <files or folders…>`: validates documents against the
 * schemas. Exit codes: 0 every document valid, 1 findings, 2 usage or I/O error.
 * @module
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { ValidationResult } from '../validate/diagnostic';
import { formatJson, formatResultText, formatSummaryText, summarize } from '../validate/format';
import { validateDocument } from '../validate/validate';
import { collectInputs } from './collect-inputs';

const USAGE = `usage: validate [--format text|json] <file|folder|->...
  Validates WireServer documents against the schemas in schemas/.
  Folders are searched recursively for .xml files, skipping negative examples
  (*.invalid.xml; name one to check it). "-" reads standard input.
  Exit status: 0 all valid, 1 findings, 2 usage or I/O error.`;

/** Streams the CLI writes to, injectable for tests. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
  /** Reads standard input fully. */
  readonly readStdin: () => Uint8Array;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => fs.readFileSync(0),
};

/**
 * Runs the validate command.
 * @param argv - Arguments after the command name.
 * @param io - Where to write; defaults to the process streams.
 * @returns The exit code.
 */
export function runValidate(argv: readonly string[], io: CliIo = processIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } });
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
  const paths = positionals.filter((p) => p !== '-');
  const { files, unreadable } = collectInputs(paths);
  const results: ValidationResult[] = [];
  let ioError = unreadable.length > 0;
  for (const bad of unreadable) io.stderr(`validate: ${bad.path}: ${bad.reason}\n`);
  if (positionals.includes('-')) results.push(validateDocument(io.readStdin(), '<stdin>'));
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      io.stderr(`validate: ${file}: ${(error as Error).message}\n`);
      ioError = true;
      continue;
    }
    results.push(validateDocument(bytes, file));
  }
  if (values.format === 'json') io.stdout(`${formatJson(results)}\n`);
  else {
    for (const result of results) for (const line of formatResultText(result)) io.stdout(`${line}\n`);
    io.stdout(`${formatSummaryText(summarize(results))}\n`);
  }
  if (ioError) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}

if (require.main === module) process.exitCode = runValidate(process.argv.slice(2));

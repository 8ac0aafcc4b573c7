/**
 * The examples check run by the site build and the tests: every `examples/<Root>/<scenario>.xml`
 * (or `.json`, whose `<Root>` is the catalog name of the JSON document) must be valid and be of
 * kind `<Root>`; every `<scenario>.invalid.xml` must fail with the message
 * given in its `<!-- expect-error: … -->` comment (the validator's message or the XML engine's
 * original, `engineMessage`).
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ValidationResult } from './diagnostic';
import { NEGATIVE_EXAMPLE_SUFFIX } from './catalog';
import { validateDocument } from './validate';

/** A broken promise made by an example file. */
export interface ExampleProblem {
  /** Path of the example, relative to the current directory. */
  readonly file: string;
  /** 1-based line of the problem (0 for the whole file). */
  readonly line: number;
  /** 1-based column (0 for the whole file). */
  readonly column: number;
  /** What is wrong. */
  readonly message: string;
}

/** The outcome of {@link checkExamples}. */
export interface ExamplesReport {
  /** Valid examples checked. */
  readonly valid: number;
  /** Negative examples checked. */
  readonly negative: number;
  /** Every problem found; empty when all examples keep their promise. */
  readonly problems: readonly ExampleProblem[];
}

const EXPECT = /<!--\s*expect-error:\s*([\s\S]*?)\s*-->/;

function checkOne(file: string, folderRoot: string): ExampleProblem[] {
  const bytes = fs.readFileSync(file);
  const result: ValidationResult = validateDocument(bytes, file);
  const problems: ExampleProblem[] = [];
  if (file.endsWith(NEGATIVE_EXAMPLE_SUFFIX)) {
    const expected = EXPECT.exec(bytes.toString('utf8'))?.[1];
    if (!expected) return [{ file, line: 1, column: 1, message: 'negative example has no <!-- expect-error: … --> comment' }];
    if (result.valid) return [{ file, line: 0, column: 0, message: `negative example is valid; expected the error "${expected}"` }];
    if (!result.diagnostics.some((d) => d.severity === 'error' && (d.message.includes(expected) || d.engineMessage?.includes(expected)))) {
      const got = result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('; ');
      problems.push({ file, line: 0, column: 0, message: `expected the error "${expected}", got: ${got}` });
    }
  } else {
    for (const d of result.diagnostics.filter((x) => x.severity === 'error'))
      problems.push({ file, line: d.line, column: d.column, message: d.message });
  }
  if (result.root !== undefined && result.root !== folderRoot) {
    problems.push({ file, line: 0, column: 0, message: `root element <${result.root}> does not match its folder examples/${folderRoot}/` });
  }
  return problems;
}

/**
 * Checks every example under `dir` (layout `<Root>/<scenario>.xml` or `.json`).
 * @param dir - The examples folder.
 */
export function checkExamples(dir: string): ExamplesReport {
  let valid = 0;
  let negative = 0;
  const problems: ExampleProblem[] = [];
  for (const root of fs.readdirSync(dir).sort()) {
    const folder = path.join(dir, root);
    if (root.endsWith('.md')) continue; // notes such as the provenance of the JSON examples
    if (!fs.statSync(folder).isDirectory()) {
      problems.push({ file: folder, line: 0, column: 0, message: 'examples must sit in a folder named after their root element' });
      continue;
    }
    for (const name of fs.readdirSync(folder).sort()) {
      if (!name.endsWith('.xml') && !name.endsWith('.json')) continue;
      const file = path.join(folder, name);
      if (name.endsWith(NEGATIVE_EXAMPLE_SUFFIX)) negative += 1;
      else valid += 1;
      problems.push(...checkOne(file, root));
    }
  }
  return { valid, negative, problems };
}

/**
 * Formats problems as `file:line:col: message` lines.
 * @param problems - From {@link checkExamples}.
 */
export function formatExampleProblems(problems: readonly ExampleProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
}

/**
 * Generated files written, or compared with `--check`: one mechanism for every generator whose output
 * is committed (element pages, models, the validator's vocabulary, the conformance reference).
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes each file whose content differs, or with `check` only compares.
 * @param files - Path and content of every generated file.
 * @param check - Compare instead of writing.
 * @returns The files that differ (with `check`) or were written.
 */
export function writeGeneratedFiles(files: Iterable<readonly [string, string]>, check: boolean): string[] {
  const touched: string[] = [];
  for (const [file, content] of files) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === content) continue;
    touched.push(file);
    if (!check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  return touched;
}

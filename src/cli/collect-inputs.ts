/**
 * Expands the validator's path arguments into the list of files to check.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';

/** File endings the validator picks up when it walks a folder. */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.xml'];

/** Negative examples end with this; a folder walk skips them, naming one checks it. */
export const NEGATIVE_EXAMPLE_SUFFIX = '.invalid.xml';

/** A path argument that could not be read. */
export interface UnreadablePath {
  /** The argument as given. */
  readonly path: string;
  /** Why it could not be read. */
  readonly reason: string;
}

/**
 * Expands files and folders (recursively, sorted, skipping dot-folders, node_modules and
 * negative examples named `*.invalid.xml`).
 * @param args - Paths as given on the command line.
 * @returns The files found and the arguments that could not be read.
 */
export function collectInputs(args: readonly string[]): { files: string[]; unreadable: UnreadablePath[] } {
  const files: string[] = [];
  const unreadable: UnreadablePath[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (DOCUMENT_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && !entry.name.endsWith(NEGATIVE_EXAMPLE_SUFFIX)) files.push(full);
    }
  };
  for (const arg of args) {
    try {
      if (fs.statSync(arg).isDirectory()) walk(arg);
      else files.push(arg);
    } catch (error) {
      unreadable.push({ path: arg, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message });
    }
  }
  return { files, unreadable };
}

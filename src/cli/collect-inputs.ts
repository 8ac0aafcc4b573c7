/**
 * Expands the validator's path arguments (files, folders, quoted globs) into the files to check,
 * each with the bundle it belongs to.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { isRedactedFileName, redactedFileName } from '../redact/redact';
import { NEGATIVE_EXAMPLE_SUFFIX } from '../validate/examples';

/** File endings the validator picks up when it walks a folder. */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.xml', '.json'];


/** The bundle of the files named one by one (and of standard input). */
export const ARGUMENTS_BUNDLE = '<arguments>';

/** A path argument that could not be read. */
export interface UnreadablePath {
  /** The argument as given. */
  readonly path: string;
  /** Why it could not be read. */
  readonly reason: string;
}

/** A file to check. */
export interface InputFile {
  /** Its path. */
  readonly path: string;
  /**
   * Its bundle: the folder it sits in when found by a folder walk or a glob, else
   * {@link ARGUMENTS_BUNDLE} (files named one by one form one bundle).
   */
  readonly bundle: string;
}

function isDocument(name: string, siblings: ReadonlySet<string>): boolean {
  if (!DOCUMENT_EXTENSIONS.includes(path.extname(name).toLowerCase()) || name.endsWith(NEGATIVE_EXAMPLE_SUFFIX)) return false;
  // A redacted copy next to its original would count the same document twice.
  return !isRedactedFileName(name) || ![...siblings].some((s) => redactedFileName(s) === name);
}

/**
 * Expands files, folders (recursively, sorted, skipping dot-folders, node_modules, negative
 * examples named `*.invalid.xml` and redacted copies whose original is beside them) and globs
 * (arguments with `*`, `?`, `[` or `{` that name no existing file, expanded with fast-glob).
 * @param args - Paths as given on the command line.
 * @returns The files found and the arguments that could not be read.
 */
export function collectInputs(args: readonly string[]): { files: InputFile[]; unreadable: UnreadablePath[] } {
  const files: InputFile[] = [];
  const unreadable: UnreadablePath[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (isDocument(entry.name, names)) files.push({ path: full, bundle: dir });
    }
  };
  for (const arg of args) {
    if (!fs.existsSync(arg) && fg.isDynamicPattern(arg)) {
      const matches = fg.sync(arg, { onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] }).sort();
      if (matches.length === 0) unreadable.push({ path: arg, reason: 'the pattern matches no file' });
      for (const match of matches) files.push({ path: match, bundle: path.dirname(match) });
      continue;
    }
    try {
      if (fs.statSync(arg).isDirectory()) walk(arg);
      else files.push({ path: arg, bundle: ARGUMENTS_BUNDLE });
    } catch (error) {
      unreadable.push({ path: arg, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message });
    }
  }
  return { files, unreadable };
}

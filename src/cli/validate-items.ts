/**
 * The per-document work of `wireserver validate`: read each file, write its redacted copy when
 * asked, validate, and run the per-document half of the bundle checks. The validator runs it in
 * its own process, or in worker processes on consecutive chunks of the inputs (`--jobs N`,
 * `validate-pool.ts`); the cross-document half and the report stay with the parent, so the output
 * is the same either way.
 * @module
 */
import path from 'node:path';
import { isWireServerError } from '../errors';
import { readFileBounded } from '../io/bounded-read';
import { prepareSecretDir, writeSecretFile } from '../io/secret-files';
import { isRedactedFileName, redactText, redactedFileName } from '../redact/redact';
import { scanValidated, type ScannedDocument } from '../validate/bundle-checks';
import type { ValidationResult } from '../validate/diagnostic';
import { decodeInput } from '../validate/prechecks';
import { type DecodedInput, validateDecodedDocuments } from '../validate/validate';
import { MAX_DOCUMENT_BYTES } from '../xml/bounds';

/** One input to check: a file to read, or bytes already read (standard input). */
export interface WorkItem {
  /** Its path, or `<stdin>`. */
  readonly file: string;
  /** The bundle it belongs to. */
  readonly bundle: string;
  /** Its content when already read (standard input, never redacted); else the file is read. */
  readonly bytes?: Uint8Array;
}

/** What the command line asks of every document. */
export interface ItemOptions {
  /** `--redact`: write a redacted copy of each file. */
  readonly redact: boolean;
  /** `--force`: replace existing redacted copies. */
  readonly force: boolean;
}

/** One document checked: its result and what the bundle checks need of it. */
export interface CheckedDocument {
  /** Its bundle. */
  readonly bundle: string;
  /** Its verdict, before the bundle's warnings. */
  readonly result: ValidationResult;
  /** The per-document half of the bundle checks. */
  readonly scan: ScannedDocument;
}

/** The outcome of {@link checkItems}. */
export interface ItemsOutcome {
  /** The documents that could be read, in input order. */
  readonly checked: CheckedDocument[];
  /** Whether a file could not be read or its redacted copy not written (exit code 2). */
  readonly ioError: boolean;
}

/** Where {@link checkItems} reports. */
export interface ItemHooks {
  /** A line for standard error (an unreadable file, a redacted copy written). */
  readonly stderr: (text: string) => void;
  /** Progress: `done` of the `total` inputs have been checked (first called with 0, last with `total`; an unreadable file counts as checked). */
  readonly progress?: (done: number, total: number) => void;
  /** Folders already checked for redacted copies, kept across calls. */
  readonly checkedDirs: Set<string>;
}

function writeRedactedCopy(file: string, text: string, options: ItemOptions, hooks: ItemHooks): boolean {
  if (isRedactedFileName(file)) return true;
  const target = redactedFileName(file);
  try {
    const dir = path.dirname(target);
    if (!hooks.checkedDirs.has(dir)) {
      prepareSecretDir(dir);
      hooks.checkedDirs.add(dir);
    }
    const { text: redacted, redactions } = redactText(text);
    writeSecretFile(target, redacted, { force: options.force });
    hooks.stderr(`validate: wrote ${target} (${redactions.length} secret${redactions.length === 1 ? '' : 's'} removed)\n`);
    return true;
  } catch (error) {
    hooks.stderr(`validate: ${isWireServerError(error) ? `${error.code}: ${error.message}` : `${target}: ${(error as Error).message}`}\n`);
    return false;
  }
}

/**
 * Documents read, validated and let go of together by {@link checkItems}: a slice's texts are
 * dropped once it is checked, and only results and bundle facts are kept, so memory no longer grows
 * with the size of all the inputs together (10,000 documents of the bench's corpus: 230 MB peak
 * instead of 265 MB). A slice costs at most one more schema compilation per document kind.
 */
export const SLICE_DOCUMENTS = 1000;

/**
 * Reads, redacts (with `--redact`) and validates documents, in order, {@link SLICE_DOCUMENTS} at a
 * time: each slice's files are read, then validated together (the XML documents of one schema in
 * batches).
 * @param items - The inputs.
 * @param options - The command line's choices.
 * @param hooks - Where to report.
 */
export function checkItems(items: readonly WorkItem[], options: ItemOptions, hooks: ItemHooks): ItemsOutcome {
  let ioError = false;
  const checked: CheckedDocument[] = [];
  const { progress } = hooks;
  progress?.(0, items.length);
  for (let first = 0; first < items.length; first += SLICE_DOCUMENTS) {
    const loaded: (DecodedInput & { bundle: string; text: string | undefined })[] = [];
    for (const item of items.slice(first, first + SLICE_DOCUMENTS)) {
      let bytes = item.bytes;
      if (bytes === undefined) {
        try {
          bytes = readFileBounded(item.file, MAX_DOCUMENT_BYTES).bytes;
        } catch (error) {
          hooks.stderr(`validate: ${item.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
          ioError = true;
          continue;
        }
      }
      const decoded = decodeInput(bytes, item.file);
      const text = 'text' in decoded ? decoded.text : undefined;
      loaded.push({ file: item.file, bundle: item.bundle, decoded, text });
      if (options.redact && item.bytes === undefined && text !== undefined && !writeRedactedCopy(item.file, text, options, hooks))
        ioError = true;
    }
    // Decoded once, here: the prechecks do not run again in validation.
    const results = validateDecodedDocuments(loaded, progress ? (done) => progress(first + done, items.length) : undefined);
    loaded.forEach((one, i) => {
      const result = results[i] as ValidationResult;
      checked.push({ bundle: one.bundle, result, scan: scanValidated(result, one.text) });
    });
  }
  progress?.(items.length, items.length);
  return { checked, ioError };
}

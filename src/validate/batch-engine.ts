/**
 * Batch validation with libxmljs2. Its `validate()` compiles the XSD on every call, which costs
 * several times more than validating a small document, so documents of one schema are validated
 * together: each is parsed on its own (well-formedness errors and their positions stay exact), then
 * their root elements are placed, line for line, inside one wrapper document whose wrapper schema
 * includes (or imports) the document's schema and accepts any number of its global elements
 * (`xs:any processContents="strict"`). Each error's line tells which document it belongs to.
 *
 * Anything the line mapping cannot attribute with certainty (an error outside every document, an
 * error from the schema compiler, a wrapper that does not parse) sends the chunk back to
 * {@link validateWithLibxml}, one document at a time, so the findings are exactly the single path's.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import libxmljs from 'libxmljs2';
import { SAFE_PARSE_OPTIONS } from '../xml/safe-parse';
import type { DocumentKind } from './catalog';
import type { Diagnostic } from './diagnostic';
import { isDiagnostic, sniffRoot } from './sniff';
import { SCHEMA_DIR, schemaFindings, validateWithLibxml, type LibxmlSchemaError } from './libxml-engine';

/** One well-formed candidate for a batch, as given to {@link validateBatchWithLibxml}. */
export interface BatchJob {
  /** Its path or name, for libxml2's base URL. */
  readonly file: string;
  /** Its decoded, DOCTYPE-free text. */
  readonly text: string;
}

/** What {@link validateBatchWithLibxml} found. */
export interface BatchOutcome {
  /** One list of findings per job, in order. */
  readonly findings: Diagnostic[][];
  /** How many jobs were validated inside a wrapper document (the others were validated alone). */
  readonly batched: number;
}

/**
 * libxml2 keeps element line numbers in 16 bits (65535 means "65535 or more"), so a wrapper
 * document stays below that, and a longer document is validated on its own.
 */
const MAX_BATCH_LINES = 60_000;

/** The wrapper root; a hyphenated name no WireServer schema declares. */
const WRAPPER_ROOT = 'wireserver-spec-batch';

/** Only these XML declarations are dropped; any other (another encoding, XML 1.1) keeps its document out of batches. */
const PLAIN_DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.0\1(?:\s+encoding\s*=\s*(["'])utf-8\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/i;

/** Schemas whose validation is not confined to one element tree (IDs are unique per document). */
const DOCUMENT_WIDE_TYPES = /["'](?:xs|xsd):IDREFS?["']|["'](?:xs|xsd):ID["']/;

const wrapperCache = new Map<string, libxmljs.Document | null>();

function schemaFamily(schema: string, seen = new Set<string>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const text = fs.readFileSync(path.join(SCHEMA_DIR, schema), 'utf8');
  const included = Array.from(text.matchAll(/<xs:(?:include|import)\b[^>]*\bschemaLocation\s*=\s*["']([^"']+)["']/g), (m) => m[1] ?? '');
  return [text, ...included.flatMap((location) => schemaFamily(location, seen))];
}

/**
 * The wrapper schema of a document kind, compiled lazily; `null` when the kind's schema must not be
 * batched (it uses document-wide ID types).
 */
function wrapperSchema(kind: DocumentKind): libxmljs.Document | null {
  const cached = wrapperCache.get(kind.schema);
  if (cached !== undefined) return cached;
  let wrapper: libxmljs.Document | null = null;
  if (!schemaFamily(kind.schema).some((text) => DOCUMENT_WIDE_TYPES.test(text))) {
    const reference = kind.namespace === ''
      ? `<xs:include schemaLocation="${kind.schema}"/>`
      : `<xs:import namespace="${kind.namespace}" schemaLocation="${kind.schema}"/>`;
    const text = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${reference}<xs:element name="${WRAPPER_ROOT}"><xs:complexType><xs:sequence>`
      + '<xs:any namespace="##any" processContents="strict" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element></xs:schema>';
    wrapper = libxmljs.parseXml(text, { ...SAFE_PARSE_OPTIONS, baseUrl: path.join(SCHEMA_DIR, `${WRAPPER_ROOT}.xsd`) });
  }
  wrapperCache.set(kind.schema, wrapper);
  return wrapper;
}

/** A document's part of the wrapper: its prolog reduced to its line breaks, then the rest. */
function wrapperPart(job: BatchJob): string | undefined {
  if (/\r(?!\n)/.test(job.text)) return undefined; // libxml2 counts a lone CR as a line break
  const root = sniffRoot(job.text);
  if (isDiagnostic(root)) return undefined;
  const lineStart = root.line === 1 ? 0 : job.text.split('\n', root.line - 1).join('\n').length + 1;
  const rootOffset = lineStart + root.column - 1;
  const prolog = job.text.slice(0, rootOffset).replace(/^\ufeff/, '');
  if (prolog.startsWith('<?xml') && !PLAIN_DECLARATION.test(prolog)) return undefined;
  if (job.text[rootOffset] !== '<') return undefined;
  return prolog.replace(/[^\n]/g, '') + job.text.slice(rootOffset);
}

interface Placed {
  readonly index: number;
  readonly firstLine: number;
  readonly lineCount: number;
}

function validateChunk(jobs: readonly BatchJob[], placed: readonly Placed[], parts: readonly string[], xsd: libxmljs.Document): Diagnostic[][] | undefined {
  const name = `${WRAPPER_ROOT}.xml`;
  let doc: libxmljs.Document;
  try {
    doc = libxmljs.parseXml(`<${WRAPPER_ROOT}>\n${parts.join('\n')}\n</${WRAPPER_ROOT}>`, { ...SAFE_PARSE_OPTIONS, baseUrl: name });
    if (doc.validate(xsd)) return placed.map(() => []);
  } catch {
    return undefined;
  }
  const errors = placed.map((): LibxmlSchemaError[] => []);
  for (const error of doc.validationErrors as readonly (libxmljs.ValidationError & { readonly file?: string | null })[]) {
    const line = error.line ?? 0;
    const k = placed.findIndex((p) => line >= p.firstLine && line < p.firstLine + p.lineCount);
    if (error.file !== name || k === -1) return undefined;
    errors[k]?.push({ message: error.message, line: line - (placed[k]?.firstLine ?? 0) + 1 });
  }
  return placed.map((p, k) => schemaFindings(jobs[p.index]?.text ?? '', errors[k] ?? []));
}

/**
 * Validates documents of one kind in as few `validate()` calls as possible.
 * @param jobs - Decoded, DOCTYPE-free documents whose root element is `kind`'s.
 * @param kind - Their document kind.
 * @returns One list of findings per job, in order, each equal to {@link validateWithLibxml}'s, and
 * how many jobs were validated inside a wrapper rather than alone.
 */
export function validateBatchWithLibxml(jobs: readonly BatchJob[], kind: DocumentKind): BatchOutcome {
  const out: (Diagnostic[] | undefined)[] = jobs.map(() => undefined);
  const single = (i: number): void => { out[i] = validateWithLibxml(jobs[i]?.text ?? '', jobs[i]?.file ?? '', kind.schema); };
  const xsd = jobs.length > 1 ? wrapperSchema(kind) : null;
  let chunk: Placed[] = [];
  let parts: string[] = [];
  let nextLine = 2;
  let batched = 0;
  const flush = (): void => {
    const found = xsd && chunk.length > 1 ? validateChunk(jobs, chunk, parts, xsd) : undefined;
    if (found) batched += chunk.length;
    chunk.forEach((p, k) => { if (found) out[p.index] = found[k] ?? []; else single(p.index); });
    [chunk, parts, nextLine] = [[], [], 2];
  };
  jobs.forEach((job, i) => {
    const part = xsd ? wrapperPart(job) : undefined;
    const parsed = part === undefined ? undefined : parseRoot(job, kind);
    if (part === undefined || !parsed) return single(i);
    const lineCount = part.split('\n').length;
    if (lineCount >= MAX_BATCH_LINES) return single(i);
    if (nextLine + lineCount >= MAX_BATCH_LINES) flush();
    chunk.push({ index: i, firstLine: nextLine, lineCount });
    parts.push(part);
    nextLine += lineCount;
    return undefined;
  });
  flush();
  return { findings: out.map((found) => found ?? []), batched };
}

/** Whether the document is well-formed on its own and its parsed root is the kind's root element. */
function parseRoot(job: BatchJob, kind: DocumentKind): boolean {
  try {
    const root = libxmljs.parseXml(job.text, { ...SAFE_PARSE_OPTIONS, baseUrl: job.file }).root();
    return root !== null && root.name() === kind.root && (root.namespace()?.href() ?? '') === kind.namespace;
  } catch {
    return false;
  }
}

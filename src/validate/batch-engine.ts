/**
 * Batch validation with libxmljs2. Its `validate()` compiles the XSD on every call, which costs
 * several times more than validating a small document, so documents of one schema are validated
 * together: their root elements are placed, line for line and each after a separator processing
 * instruction, inside one wrapper document whose wrapper schema includes (or imports) the
 * document's schema and accepts any number of its global elements (`xs:any processContents="strict"`).
 * Each error's line tells which document it belongs to.
 *
 * The wrapper is only trusted when it proves that every document would parse alone as it does in the
 * wrapper: it parses without any error or warning, every separator is a child of the wrapper root
 * with exactly one element (the document's root, on its line) after it, each prolog is a plain XML
 * declaration then white space, comments and processing instructions, and each document ends with
 * its root element then white space and comments. Otherwise the wrapper is split in halves, down to
 * single documents validated with {@link validateWithLibxml}; an error the lines cannot attribute to
 * one document, or one from the schema compiler, does the same. The findings are therefore exactly
 * the single path's, which the tests check on every example and capture.
 * @module
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import libxmljs from 'libxmljs2';
import { SAFE_PARSE_OPTIONS } from '../xml/safe-parse';
import type { DocumentKind } from './catalog';
import type { Diagnostic } from './diagnostic';
import { isDiagnostic, sniffRoot } from './sniff';
import { SCHEMA_DIR } from '../schema/schema-dir';
import { schemaFindings, validateWithLibxml, type LibxmlSchemaError } from './libxml-engine';

/** One document for {@link validateBatchWithLibxml}. */
export interface BatchJob {
  /** Its path or name, carried into its result. */
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

/** Characters in one wrapper, to keep its text and libxml2's tree small; a larger document goes alone. */
const MAX_BATCH_CHARS = 8 * 1024 * 1024;

/** The wrapper root; a hyphenated name no WireServer schema declares. */
const WRAPPER_ROOT = 'wireserver-spec-batch';

/** Only these XML declarations are dropped; any other (another encoding, XML 1.1) keeps its document out of batches. */
const PLAIN_DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.0\1(?:\s+encoding\s*=\s*(["'])utf-8\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/i;

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
    const reference =
      kind.namespace === ''
        ? `<xs:include schemaLocation="${kind.schema}"/>`
        : `<xs:import namespace="${kind.namespace}" schemaLocation="${kind.schema}"/>`;
    const text =
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${reference}<xs:element name="${WRAPPER_ROOT}"><xs:complexType><xs:sequence>` +
      '<xs:any namespace="##any" processContents="strict" minOccurs="0" ' +
      'maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element></xs:schema>';
    wrapper = libxmljs.parseXml(text, { ...SAFE_PARSE_OPTIONS, baseUrl: path.join(SCHEMA_DIR, `${WRAPPER_ROOT}.xsd`) });
  }
  wrapperCache.set(kind.schema, wrapper);
  return wrapper;
}

/**
 * A document's part of the wrapper: its prolog without the BOM and with the XML declaration reduced
 * to its line breaks, then the rest. `undefined` when the document must be validated alone: a lone
 * CR (libxml2 counts it as a line break), another XML declaration than plain UTF-8 XML 1.0, or a
 * prolog or a tail after the root element that is not only literal white space and comments (and
 * processing instructions, before the root) — the wrapper could not tell those from its own content.
 */
function wrapperPart(job: BatchJob, index: number): Placed | undefined {
  if (job.text.includes('\r') && /\r(?!\n)/.test(job.text)) return undefined;
  const root = sniffRoot(job.text);
  if (isDiagnostic(root)) return undefined;
  const lineStart = root.line === 1 ? 0 : job.text.split('\n', root.line - 1).join('\n').length + 1;
  const rootOffset = lineStart + root.column - 1;
  if (job.text[rootOffset] !== '<') return undefined;
  const prolog = job.text.slice(0, rootOffset).replace(/^\ufeff/, '');
  const declaration = /^<\?xml[\s?]/.test(prolog) ? PLAIN_DECLARATION.exec(prolog)?.[0] : '';
  if (declaration === undefined || !PROLOG_MISC.test(prolog.slice(declaration.length))) return undefined;
  const body = job.text.slice(rootOffset);
  const qname = /^<([^\s/>]+)/.exec(body)?.[1] ?? '';
  if (!endsWithRootEnd(body, qname)) return undefined;
  const part = declaration.replace(/[^\n]/g, '') + prolog.slice(declaration.length) + body;
  return { index, part, rootLine: root.line, lineCount: lineCount(part) };
}

function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Literal white space, comments and processing instructions, as XML allows them around the root. */
const PROLOG_MISC = /^(?:[ \t\r\n]|<!--(?:[^-]|-(?!-))*-->|<\?(?:[^?]|\?(?!>))*\?>)*$/;

/**
 * Whether the text ends with the root element's end (its end tag, or `/>`) followed only by literal
 * white space and comments. Anything else after the root (a character reference to a space, a
 * processing instruction) makes the document a candidate for validating alone.
 */
function endsWithRootEnd(body: string, qname: string): boolean {
  let end = body.length;
  for (;;) {
    while (end > 0 && ' \t\r\n'.includes(body[end - 1] ?? 'x')) end -= 1;
    if (!body.startsWith('-->', end - 3)) break;
    const open = body.lastIndexOf('<!--', end - 3);
    if (open === -1) return false;
    end = open;
  }
  const rest = body.slice(0, end);
  return rest.endsWith('/>') || new RegExp(`</${qname.replace(/[.]/g, '\\.')}[ \\t\\r\\n]*>$`).test(rest.slice(-qname.length - 64));
}

/** A document placed in a wrapper. */
interface Placed {
  /** Its index among the jobs. */
  readonly index: number;
  /** Its text in the wrapper (see {@link wrapperPart}). */
  readonly part: string;
  /** The line of its root element's start tag, in the document. */
  readonly rootLine: number;
  /** Its number of lines. */
  readonly lineCount: number;
}

/** The target of the processing instructions that separate documents in a wrapper. */
const SEPARATOR = 'wireserver-spec-batch';

/** Part of every separator: documents cannot forge one they cannot predict. */
const NONCE = randomUUID();

/**
 * The wrapper's children must be, for each document in turn: its separator, then exactly one
 * element (its root, on its root line, with the kind's name and namespace), with only comments,
 * processing instructions and white space around. A document left open would swallow the next
 * separator; one with more than a root would add an element.
 */
function rootsAreAligned(wrapper: libxmljs.Element, placed: readonly Placed[], firstLines: readonly number[], kind: DocumentKind): boolean {
  let k = -1;
  let rootSeen = false;
  for (const node of wrapper.childNodes()) {
    const type: string = node.type();
    if (type === 'pi' && (node as libxmljs.ProcessingInstruction).name() === SEPARATOR) {
      if ((k >= 0 && !rootSeen) || (node as libxmljs.ProcessingInstruction).text() !== `${NONCE}-${k + 1}`) return false;
      [k, rootSeen] = [k + 1, false];
    } else if (type === 'element') {
      const element = node as libxmljs.Element;
      if (k < 0 || rootSeen || element.name() !== kind.root || (element.namespace()?.href() ?? '') !== kind.namespace) return false;
      if (element.line() !== (firstLines[k] ?? 0) + (placed[k]?.rootLine ?? 0) - 1) return false;
      rootSeen = true;
    } else if (!(type === 'comment' || type === 'pi' || (type === 'text' && /^[ \t\r\n]*$/.test((node as libxmljs.Text).text())))) {
      return false;
    }
  }
  return rootSeen && k === placed.length - 1;
}

/**
 * Validates the placed documents in one wrapper.
 * @returns Their findings, or `undefined` when the wrapper does not parse cleanly, its roots do not
 * line up with the documents, or an error cannot be attributed to exactly one document.
 */
function validateChunk(
  jobs: readonly BatchJob[],
  placed: readonly Placed[],
  kind: DocumentKind,
  xsd: libxmljs.Document,
): Diagnostic[][] | undefined {
  const firstLines: number[] = [];
  let line = 2;
  for (const p of placed) {
    firstLines.push(line + 1);
    line += p.lineCount + 1;
  }
  const text = `<${WRAPPER_ROOT}>\n${placed.map((p, k) => `<?${SEPARATOR} ${NONCE}-${k}?>\n${p.part}`).join('\n')}\n</${WRAPPER_ROOT}>`;
  let doc: libxmljs.Document;
  try {
    // No base URL: with one, libxml2 2.9 spends time in proportion to the document on each validity error (quadratic).
    doc = libxmljs.parseXml(text, SAFE_PARSE_OPTIONS);
    const wrapper = doc.root();
    if (doc.errors.length > 0 || !wrapper || !rootsAreAligned(wrapper, placed, firstLines, kind)) return undefined;
    if (doc.validate(xsd)) return placed.map(() => []);
  } catch {
    return undefined;
  }
  const errors = placed.map((): LibxmlSchemaError[] => []);
  for (const error of doc.validationErrors as readonly (libxmljs.ValidationError & { readonly file?: string | null })[]) {
    const at = error.line ?? 0;
    const k = documentAtLine(firstLines, placed, at);
    // An error with a file name comes from a schema, not the wrapper (which has none). The wrapper's own
    // wildcard speaks only when a root has no global declaration: let the single path say both.
    if ((error.file ?? '') !== '' || k === -1 || /demanded by the strict wildcard/.test(error.message)) return undefined;
    errors[k]?.push({ message: error.message, line: at - (firstLines[k] ?? 0) + 1 });
  }
  return placed.map((p, k) => schemaFindings(jobs[p.index]?.text ?? '', errors[k] ?? []));
}

/** The index of the placed document holding a wrapper line, by binary search, or -1. */
function documentAtLine(firstLines: readonly number[], placed: readonly Placed[], line: number): number {
  let [low, high] = [0, firstLines.length - 1];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((firstLines[mid] ?? 0) <= line) low = mid;
    else high = mid - 1;
  }
  const first = firstLines[low] ?? 0;
  return line >= first && line < first + (placed[low]?.lineCount ?? 0) ? low : -1;
}

/** Below this many documents, a wrapper that fails is not split further: its documents go alone. */
const MIN_SPLIT = 4;

/**
 * Validates documents of one kind in as few `validate()` calls as possible.
 * @param jobs - Decoded, DOCTYPE-free documents whose root element is `kind`'s.
 * @param kind - Their document kind.
 * @returns One list of findings per job, in order, each equal to {@link validateWithLibxml}'s, and
 * how many jobs were validated inside a wrapper rather than alone.
 */
export function validateBatchWithLibxml(jobs: readonly BatchJob[], kind: DocumentKind): BatchOutcome {
  const out: (Diagnostic[] | undefined)[] = jobs.map(() => undefined);
  const single = (i: number): void => {
    out[i] = validateWithLibxml(jobs[i]?.text ?? '', kind.schema);
  };
  const xsd = jobs.length > 1 ? wrapperSchema(kind) : null;
  let batched = 0;
  // A wrapper that fails (a document not well-formed, say) is split in halves, down to single documents.
  const run = (chunk: readonly Placed[]): void => {
    const found = xsd && chunk.length > 1 ? validateChunk(jobs, chunk, kind, xsd) : undefined;
    if (found) {
      batched += chunk.length;
      chunk.forEach((p, k) => {
        out[p.index] = found[k] ?? [];
      });
    } else if (chunk.length >= MIN_SPLIT) {
      run(chunk.slice(0, chunk.length >> 1));
      run(chunk.slice(chunk.length >> 1));
    } else {
      for (const p of chunk) single(p.index);
    }
  };
  let chunk: Placed[] = [];
  let lines = 2;
  let chars = 0;
  for (const [i, job] of jobs.entries()) {
    const placed = xsd ? wrapperPart(job, i) : undefined;
    if (!placed || placed.lineCount >= MAX_BATCH_LINES || placed.part.length >= MAX_BATCH_CHARS) {
      single(i);
      continue;
    }
    if (lines + placed.lineCount + 1 >= MAX_BATCH_LINES || chars + placed.part.length >= MAX_BATCH_CHARS) {
      run(chunk);
      [chunk, lines, chars] = [[], 2, 0];
    }
    chunk.push(placed);
    lines += placed.lineCount + 1;
    chars += placed.part.length;
  }
  run(chunk);
  return { findings: out.map((found) => found ?? []), batched };
}

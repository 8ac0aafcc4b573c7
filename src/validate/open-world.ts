/**
 * The open-world pass: the verdict model of the validator, the same in Node and in the browser.
 *
 * - An **error** breaks a rule the spec states (a required element missing, a value of the wrong
 *   type, a singleton repeated, …).
 * - What the spec does not know yet (an element or attribute not in the vocabulary, an enumeration
 *   value it does not list) is a **warning** (`unknown-element`, `unknown-attribute`,
 *   `undocumented-value`) in documents the platform sends to the guest, which are open: the server
 *   adds things, and clients ignore what they do not read. In documents the guest sends (closed:
 *   Health, TelemetryData, RoleProperties) an unknown is an **error**: it is the client's bug.
 * - An element a document normally carries but real clients do without (`ws:meta whenAbsent`) is an
 *   `empty-container` warning when absent.
 *
 * How: the XSD engine validates the document first. Only when it complains (or the kind has
 * `whenAbsent` elements) does this pass build the element tree ({@link buildTree}) and compare it
 * with the vocabulary generated from the XSDs; every unknown element and attribute is reported,
 * then blanked out (spaces, line breaks kept), and the engine validates the blanked text again, so
 * an unknown element cannot hide a real error after it. The engine's remaining findings are then
 * classified and translated ({@link interpretEngineFindings}). Both engines see the same blanked text,
 * so they reach the same verdict with the same codes, lines and columns.
 * @module
 */
import type { DocumentKind } from './catalog';
import type { Diagnostic } from './diagnostic';
import { translateEngineMessage, type ElementContext } from './messages';
import type { VocabularyElement } from './vocabulary';
import { VOCABULARY } from './vocabulary.generated';
import { XSI_NAMESPACE, blankSpans, buildTree, emptyElements, walkTree, type TreeElement } from './xml-tree';

/** Where to send people who have a document with vocabulary the spec does not know. */
export const CONTRIBUTE_HINT =
  'if a real server sent it, please contribute the capture (validate --redact; see /docs/tools/validator#contribute)';

/** What the open-world pass found before the engine's second look. */
export interface OpenWorldPlan {
  /** The document kind. */
  readonly kind: DocumentKind;
  /** Findings of the pass itself: unknown elements and attributes, tolerated absences. */
  readonly findings: readonly Diagnostic[];
  /** The text with every unknown blanked out, when anything was; the engine must validate it again. */
  readonly pruned: string | undefined;
  /** The element tree, `undefined` when the text did not scan (the engine's findings are then kept as they are). */
  readonly tree: TreeElement | undefined;
  /** The vocabulary entry matched by each known element. */
  readonly matched: ReadonlyMap<TreeElement, VocabularyElement>;
  /**
   * The line libxml2 gives the findings of each element rewritten as an empty-element tag in
   * `pruned` (that of its `/>`, where its end tag stood); for the others it is their `tagEndLine`.
   */
  readonly emptiedLines: ReadonlyMap<TreeElement, number>;
  /** The document text the tree was built from. */
  readonly text: string;
}

/**
 * Whether a document kind is open (sent by the platform: unknowns are warnings).
 * @param kind - The document kind.
 */
export function isOpenKind(kind: DocumentKind): boolean {
  return kind.direction === 'to-guest';
}

/**
 * Whether documents of this kind need the pass even when the engine finds nothing: their
 * vocabulary has elements whose absence is tolerated but reported.
 * @param kind - The document kind.
 */
export function needsOpenWorldScan(kind: DocumentKind): boolean {
  const root = VOCABULARY.roots[kind.root];
  return root !== undefined && hasWhenAbsent(root);
}

const whenAbsentCache = new WeakMap<VocabularyElement, boolean>();

function hasWhenAbsent(v: VocabularyElement): boolean {
  const cached = whenAbsentCache.get(v);
  if (cached !== undefined) return cached;
  const found = v.whenAbsent !== undefined || (v.children ?? []).some(hasWhenAbsent);
  whenAbsentCache.set(v, found);
  return found;
}

/**
 * How an element is named in messages: `<Name>`, with its namespace when it has one.
 * @param local - Local name.
 * @param ns - Namespace URI.
 */
export function displayName(local: string, ns = ''): string {
  return ns === '' ? `\`<${local}>\`` : `\`<${local}>\` (namespace ${ns})`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * The known name closest to an unknown one: the same name in another letter case or another
 * namespace, or one or two letters away (names of at least five letters).
 */
function nearMiss(name: string, ns: string, known: readonly { name: string; ns: string }[]): { name: string; ns: string } | undefined {
  const lower = name.toLowerCase();
  return (
    known.find((k) => k.name === name && k.ns !== ns) ??
    known.find((k) => k.name.toLowerCase() === lower) ??
    known.find((k) => name.length >= 5 && editDistance(k.name.toLowerCase(), lower) <= (name.length >= 8 ? 2 : 1))
  );
}

/** Where else in the document's vocabulary an element of this name is known. */
function knownElsewhere(root: VocabularyElement, name: string, ns: string): string | undefined {
  const visit = (v: VocabularyElement, parents: string[]): string | undefined => {
    for (const child of v.children ?? []) {
      if (child.name === name && child.ns === ns) return parents.concat(v.name).join('/');
      const inner = visit(child, parents.concat(v.name));
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(root, []);
}

/**
 * Compares a document with its kind's vocabulary.
 * @param text - The decoded document, which the XML engine found well-formed.
 * @param kind - Its document kind.
 */
export function planOpenWorld(text: string, kind: DocumentKind): OpenWorldPlan {
  const tree = buildTree(text);
  const vocabulary = VOCABULARY.roots[kind.root];
  const matched = new Map<TreeElement, VocabularyElement>();
  if (!tree || !vocabulary) return { kind, findings: [], pruned: undefined, tree, matched, emptiedLines: new Map(), text };
  const severity = isOpenKind(kind) ? 'warning' : 'error';
  const findings: Diagnostic[] = [];
  const spans: [number, number][] = [];
  /** Elements declared empty whose content is only white space and unknown elements: the engine sees them empty. */
  const emptied: TreeElement[] = [];
  const visit = (element: TreeElement, v: VocabularyElement): void => {
    matched.set(element, v);
    const attributes = v.attributes ?? {};
    for (const a of element.attributes) {
      if (a.ns === 'xmlns' || a.ns === XSI_NAMESPACE || (a.ns === '' && Object.hasOwn(attributes, a.local)) || v.anyAttribute) continue;
      const guess = a.ns === '' ? Object.keys(attributes).find((k) => k.toLowerCase() === a.local.toLowerCase()) : undefined;
      findings.push({
        code: 'unknown-attribute',
        severity,
        line: a.line,
        column: a.column,
        message:
          severity === 'warning'
            ? `the spec does not know attribute \`${a.qname}\` on \`<${element.local}>\` yet${guess ? ` (did you mean \`${guess}\`?)` : ''}; ${CONTRIBUTE_HINT}`
            : `attribute \`${a.qname}\` is not a ${kind.root} attribute of \`<${element.local}>\`${guess ? `; did you mean \`${guess}\`?` : ''} (the guest sends this document, so an unknown attribute is the client's bug)`,
      });
      spans.push([a.start, a.end]);
    }
    if (v.simple) return; // element content in a value is a type error, left to the engine
    const children = v.children ?? [];
    if (isOpenKind(kind) && children.length === 0 && !v.wildcard && element.tagEnd < element.end && holdsNoText(text, element))
      emptied.push(element);
    for (const child of element.children) {
      const known = children.find((c) => c.name === child.local && c.ns === child.ns);
      if (known) {
        visit(child, known);
        continue;
      }
      if (v.wildcard) continue;
      const guess = nearMiss(child.local, child.ns, children);
      const elsewhere = guess ? undefined : knownElsewhere(vocabulary, child.local, child.ns);
      const hint = guess
        ? `did you mean ${displayName(guess.name, guess.ns === child.ns ? '' : guess.ns)}?`
        : elsewhere
          ? `the spec knows it inside \`<${elsewhere.split('/').pop() ?? ''}>\` (${elsewhere}), not here`
          : '';
      const name = displayName(child.local, child.ns);
      findings.push({
        code: 'unknown-element',
        severity,
        line: child.line,
        column: child.column,
        message:
          severity === 'warning'
            ? `the spec does not know ${name} inside \`<${element.local}>\` yet${hint ? ` (${hint})` : ''}; ${CONTRIBUTE_HINT}`
            : `${name} is not a ${kind.root} element${hint ? `; ${hint}` : ''} (found inside \`<${element.local}>\`; the guest sends this document, so an unknown element is the client's bug)`,
      });
      spans.push([child.start, child.end]);
    }
    for (const c of children) {
      if (c.whenAbsent === undefined || element.children.some((child) => child.local === c.name && child.ns === c.ns)) continue;
      findings.push({
        code: 'empty-container',
        severity: 'warning',
        line: element.line,
        column: element.column,
        message: `\`<${element.local}>\` has no ${displayName(c.name, c.ns === element.ns ? '' : c.ns)}: ${c.whenAbsent}`,
      });
    }
  };
  if (tree.local === vocabulary.name && tree.ns === vocabulary.ns) visit(tree, vocabulary);
  const blanked = spans.length > 0 ? blankSpans(text, spans) : undefined;
  const pruned = emptied.length > 0 ? emptyElements(blanked ?? text, emptied) : blanked;
  const emptiedLines = new Map(emptied.map((e) => [e, e.tagEndLine + lineBreaks(text, e.tagEnd, e.endTag)]));
  return { kind, findings, pruned, tree, matched, emptiedLines, text };
}

/** A value the engine quotes in a type finding (`The value '…'`, `…: '…' is not a valid value`). */
const QUOTED_VALUE = /The value '([^']*)'|: '([^']*)' is not a valid value/;

/** The value an engine finding quotes, if it quotes one. */
function quotedValue(engineMessage: string): string | undefined {
  const m = QUOTED_VALUE.exec(engineMessage);
  return m ? (m[1] ?? m[2] ?? '') : undefined;
}

/**
 * Placeholders people put in captures they publish: a word like REDACTED, a run of asterisks or
 * x's, or an elision (`MIILTAY...`, `…`). Our own `--redact` writes REDACTED only where any text is
 * valid, so its copies never get here.
 */
const REDACTION = /redacted|\*{3}|^\s*(?:x{3,}|X{3,})\s*$|\.{3}|…/i;

/** Whether the value a type finding quotes looks redacted or elided by hand. */
function looksRedacted(engineMessage: string): boolean {
  const value = quotedValue(engineMessage);
  return value !== undefined && REDACTION.test(value);
}

/** The line breaks in `text` between two offsets. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/**
 * Whether an element's content, its child elements aside, is only white space, comments and
 * processing instructions: the server's way of writing an element declared empty, on two lines or
 * around an element the spec does not know yet. The XSD engine refuses even white space there.
 */
function holdsNoText(text: string, element: TreeElement): boolean {
  let at = element.tagEnd;
  for (const child of [...element.children, undefined]) {
    const piece = text.slice(at, child ? child.start : element.endTag);
    if (!/^(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/.test(piece)) return false;
    if (child) at = child.end;
  }
  return true;
}

/**
 * Free candidates examined for a finding's best match; past this many, the first free one is taken.
 * It bounds the work on a hostile document with thousands of same-named elements on one line (each
 * finding would otherwise look at all of them: quadratic); real documents never come near it.
 */
const MATCH_SCAN_LIMIT = 64;

/** The elements of one name on one line, and which of them findings with one message took. */
interface Candidates {
  /** In document order. */
  readonly list: readonly TreeElement[];
  /** Taken by earlier findings with the same message. */
  readonly taken: Set<TreeElement>;
  /** Every candidate before this index is taken. */
  cursor: number;
}

/** Each element's index among its parent's children of the same name, computed a parent at a time. */
class SiblingIndex {
  private readonly index = new Map<TreeElement, number>();

  /** How many earlier siblings share the element's name (0 for the root). */
  of(e: TreeElement): number {
    if (!this.index.has(e)) {
      const counts = new Map<string, number>();
      for (const c of e.parent?.children ?? [e]) {
        const key = `${c.ns}\u0000${c.local}`;
        const n = counts.get(key) ?? 0;
        this.index.set(c, n);
        counts.set(key, n + 1);
      }
    }
    return this.index.get(e) ?? 0;
  }
}

/**
 * The element an engine finding is about, among the elements of its name whose start tag ends on
 * its line (libxml2 gives that line, not a column). With several: a "not expected" finding is about the first one
 * beyond its maximum count, if any (a singleton repeated on one line); a finding about a value is
 * about the first whose text (or named attribute) holds that value; otherwise findings with the
 * same message take the candidates in document order, as libxml2 reports them.
 * @param d - The engine's finding.
 * @param candidates - The elements of the name it gives whose start tag ends on its line, with those taken by its message; updated.
 * @param plan - The open-world plan (for the vocabulary entry of each element).
 * @param siblings - Same-name sibling indices.
 */
function elementOf(d: Diagnostic, candidates: Candidates, plan: OpenWorldPlan, siblings: SiblingIndex): TreeElement | undefined {
  const { list, taken } = candidates;
  if (list.length <= 1) return list[0];
  while (candidates.cursor < list.length && taken.has(list[candidates.cursor] as TreeElement)) candidates.cursor += 1;
  const firstFree = (ok: (e: TreeElement) => boolean): TreeElement | undefined => {
    for (let i = candidates.cursor, seen = 0; i < list.length && seen < MATCH_SCAN_LIMIT; i += 1) {
      const e = list[i] as TreeElement;
      if (taken.has(e)) continue;
      seen += 1;
      if (ok(e)) return e;
    }
    return undefined;
  };
  const beyondMax = (e: TreeElement): boolean => {
    const max = plan.matched.get(e)?.max ?? 1;
    return max !== -1 && siblings.of(e) >= max;
  };
  const wanted = quotedValue(d.message);
  const attribute = /^Element '[^']+', attribute '([^']+)'/.exec(d.message)?.[1];
  const holdsValue = (e: TreeElement, value: string): boolean => {
    // Only an element without element children holds a simple value: looking into others would cost their whole subtree.
    if (attribute === undefined) return e.children.length === 0 && plan.text.slice(e.start, e.end).includes(`>${value}<`);
    const a = e.attributes.find((x) => x.qname === attribute || x.local === attribute);
    return a !== undefined && plan.text.slice(a.start, a.end).includes(value);
  };
  const chosen =
    (/This element is not expected\./.test(d.message) ? firstFree(beyondMax) : undefined) ??
    (wanted !== undefined ? firstFree((e) => holdsValue(e, wanted)) : undefined) ??
    list[candidates.cursor] ??
    list[0];
  if (chosen) taken.add(chosen);
  return chosen;
}

/**
 * Classifies and translates the engine's findings on the (pruned) document, and merges them with
 * the pass's own. Well-formedness findings are kept as they are.
 * @param plan - From {@link planOpenWorld} on the original text.
 * @param engine - The engine's findings on `plan.pruned`, or on the original text when nothing was pruned.
 */
export function interpretEngineFindings(plan: OpenWorldPlan, engine: readonly Diagnostic[]): Diagnostic[] {
  const open = isOpenKind(plan.kind);
  const byPlace = new Map<string, TreeElement[]>();
  for (const e of plan.tree ? walkTree(plan.tree) : []) {
    const key = `${plan.emptiedLines.get(e) ?? e.tagEndLine}\u0000${e.ns}\u0000${e.local}`;
    const list = byPlace.get(key);
    if (list) list.push(e);
    else byPlace.set(key, [e]);
  }
  const out: Diagnostic[] = [...plan.findings];
  const candidates = new Map<string, Candidates>();
  const siblings = new SiblingIndex();
  for (const d of engine) {
    if (d.code !== 'schema-violation' || d.engineMessage !== undefined) {
      out.push(d);
      continue;
    }
    const named = /^Element '(?:\{([^}]*)\})?([^']+)'/.exec(d.message);
    let element: TreeElement | undefined;
    if (named) {
      const place = `${d.line}\u0000${named[1] ?? ''}\u0000${named[2]}`;
      const key = `${d.message}\u0000${place}`;
      let found = candidates.get(key);
      if (!found) {
        found = { list: byPlace.get(place) ?? [], taken: new Set(), cursor: 0 };
        candidates.set(key, found);
      }
      element = elementOf(d, found, plan, siblings);
    }
    const context: ElementContext | undefined = element
      ? { element, vocabulary: plan.matched.get(element), parentVocabulary: element.parent ? plan.matched.get(element.parent) : undefined }
      : undefined;
    const translated = translateEngineMessage(d.message, context, VOCABULARY.types);
    const undocumented = translated.kind === 'enumeration' && open;
    const redacted = !undocumented && translated.kind !== 'structure' && looksRedacted(d.message);
    out.push({
      code: undocumented ? 'undocumented-value' : redacted ? 'redacted-value' : 'schema-violation',
      severity: undocumented || redacted ? 'warning' : 'error',
      message: undocumented
        ? `${translated.message}; ${CONTRIBUTE_HINT}`
        : redacted
          ? `${translated.message}; the value looks redacted or cut short by hand, so it cannot be checked`
          : translated.message,
      // Where the element's start tag begins (libxml2 gives the line where it ends).
      line: element ? element.line : d.line,
      column: element ? element.column : d.column,
      engineMessage: d.message,
    });
  }
  return out;
}

/**
 * A namespace-aware element tree of a well-formed, DOCTYPE-free document, with the exact text span
 * of every element and attribute. The open-world pass ({@link module:open-world}) uses it to find
 * what the vocabulary does not know and to blank it out before the XSD engine sees the document.
 * Engine-independent string code; it is run only on documents the XML engine found well-formed.
 * @module
 */

/** The namespace of `xsi:` attributes. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** An attribute of a {@link TreeElement}. */
export interface TreeAttribute {
  /** The name as written, with its prefix. */
  readonly qname: string;
  /** Local name. */
  readonly local: string;
  /** Namespace URI ('' for an unprefixed attribute); `xmlns` declarations have `xmlns` as namespace. */
  readonly ns: string;
  /** Offset of its first character. */
  readonly start: number;
  /** Offset just after its closing quote. */
  readonly end: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** An element of the tree. */
export interface TreeElement {
  /** The name as written, with its prefix. */
  readonly qname: string;
  /** Local name. */
  readonly local: string;
  /** Namespace URI ('' for none). */
  readonly ns: string;
  /** Offset of the `<` of its start tag. */
  readonly start: number;
  /** Offset just after its start tag (its `>`, or its `/>` when it is self-closing, and then equal to `end`). */
  readonly tagEnd: number;
  /** Offset of the `</` of its end tag (equal to `tagEnd` when it is self-closing). */
  endTag: number;
  /** Offset just after its end tag (or `/>`). */
  end: number;
  /** 1-based line of the start tag. */
  readonly line: number;
  /** 1-based column of the `<`. */
  readonly column: number;
  /**
   * 1-based line of the `>` (or `/>`) that ends its start tag: the line libxml2 gives the element's
   * findings, which differs from {@link TreeElement.line} when the start tag spans lines.
   */
  readonly tagEndLine: number;
  /** Its attributes, namespace declarations included. */
  readonly attributes: readonly TreeAttribute[];
  /** Its child elements. */
  readonly children: TreeElement[];
  /** Its parent, `undefined` for the root. */
  readonly parent: TreeElement | undefined;
}

/** Converts offsets to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /**
   * The line and column of an offset.
   * @param offset - 0-based offset.
   */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

const NAME = /[^\s/>=]+/y;
const SPACE = /\s*/y;
const ATTRIBUTE = /([^\s/>=]+)\s*=\s*("[^"]*"|'[^']*')/y;

const localOf = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '');

/**
 * Builds the element tree of a document.
 * @param text - A well-formed, DOCTYPE-free document.
 * @returns The root element, or `undefined` when the text does not scan as a well-formed document.
 */
export function buildTree(text: string): TreeElement | undefined {
  const lines = new LineIndex(text);
  const stack: { element: TreeElement; scope: ReadonlyMap<string, string> }[] = [];
  let root: TreeElement | undefined;
  let i = text.indexOf('<');
  while (i !== -1) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return undefined;
      i = text.indexOf('<', end + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) return undefined;
      i = text.indexOf('<', end + 3);
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) return undefined;
      i = text.indexOf('<', end + 2);
    } else if (text.startsWith('</', i)) {
      const close = text.indexOf('>', i);
      const top = stack.pop();
      if (close === -1 || !top || text.slice(i + 2, close).trim() !== top.element.qname) return undefined;
      top.element.endTag = i;
      top.element.end = close + 1;
      i = text.indexOf('<', close + 1);
    } else {
      NAME.lastIndex = i + 1;
      const qname = NAME.exec(text)?.[0];
      if (!qname) return undefined;
      let at = i + 1 + qname.length;
      const raw: { qname: string; value: string; start: number; end: number }[] = [];
      for (;;) {
        SPACE.lastIndex = at;
        SPACE.exec(text);
        at = SPACE.lastIndex;
        if (text.startsWith('/>', at) || text[at] === '>') break;
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(text);
        if (!m) return undefined;
        raw.push({ qname: m[1] ?? '', value: (m[2] ?? '').slice(1, -1), start: at, end: ATTRIBUTE.lastIndex });
        at = ATTRIBUTE.lastIndex;
      }
      const selfClosing = text.startsWith('/>', at);
      const parentScope = stack[stack.length - 1]?.scope ?? new Map([['xml', XML_NAMESPACE]]);
      let scope = parentScope;
      for (const a of raw) {
        if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          (scope as Map<string, string>).set(a.qname === 'xmlns' ? '' : a.qname.slice(6), a.value);
        }
      }
      const prefix = prefixOf(qname);
      const ns = scope.get(prefix) ?? '';
      const parent = stack[stack.length - 1]?.element;
      const attributes: TreeAttribute[] = raw.map((a) => {
        const p = prefixOf(a.qname);
        const attrNs = a.qname === 'xmlns' || p === 'xmlns' ? 'xmlns' : p === '' ? '' : (scope.get(p) ?? '');
        return { qname: a.qname, local: localOf(a.qname), ns: attrNs, start: a.start, end: a.end, ...lines.at(a.start) };
      });
      const element: TreeElement = {
        qname,
        local: localOf(qname),
        ns,
        start: i,
        tagEnd: at + (selfClosing ? 2 : 1),
        endTag: at + (selfClosing ? 2 : 1),
        end: at + (selfClosing ? 2 : 1),
        ...lines.at(i),
        tagEndLine: lines.at(at).line,
        attributes,
        children: [],
        parent,
      };
      if (parent) parent.children.push(element);
      else if (root) return undefined;
      else root = element;
      if (!selfClosing) stack.push({ element, scope });
      i = text.indexOf('<', at);
    }
  }
  return stack.length === 0 ? root : undefined;
}

/**
 * Lists an element and its descendants, depth first.
 * @param element - The root of the walk.
 */
export function walkTree(element: TreeElement): TreeElement[] {
  const out: TreeElement[] = [];
  const visit = (e: TreeElement): void => {
    out.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return out;
}

/**
 * Replaces the given spans with spaces, keeping every line break, so that every line and column
 * outside them stays where it was.
 * @param text - The document.
 * @param spans - `[start, end)` offsets; they may nest or overlap.
 */
export function blankSpans(text: string, spans: readonly (readonly [number, number])[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    // One match per run between line breaks, not per character: a per-character global replace
    // of a 4-million-character span held about 180 MiB of match records at once.
    out += text.slice(at, from) + text.slice(from, end).replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Rewrites elements as empty-element tags in place: `<X a="1">…</X>` becomes `<X a="1"` then blanks
 * then `/>` where `</` stood, then blanks, keeping every line break, so that every line and column
 * outside them stays where it was. For elements whose content is only white space, comments and
 * elements already reported (the XSD engine refuses even white space in an element declared empty).
 * @param text - The document, possibly already blanked (same length as the one the tree was built from).
 * @param elements - Elements with an end tag.
 */
export function emptyElements(text: string, elements: readonly TreeElement[]): string {
  const blanked = blankSpans(
    text,
    elements.flatMap((e) => [
      [e.tagEnd - 1, e.endTag],
      [e.endTag + 2, e.end],
    ]),
  );
  // One pass: each end tag's `</` becomes the `/>` that closes its start tag.
  let out = '';
  let at = 0;
  for (const endTag of elements.map((e) => e.endTag).sort((a, b) => a - b)) {
    out += `${blanked.slice(at, endTag)}/>`;
    at = endTag + 2;
  }
  return out + blanked.slice(at);
}

/**
 * A small, engine-independent scanner that lists the elements of a well-formed, DOCTYPE-free
 * document with their path, attributes, text and position. The cross-document checks use it in
 * Node and in the browser alike; it is not a validating or general-purpose XML parser.
 * @module
 */
/** One element found by {@link scanElements}. */
export interface ScannedElement {
  /** Local name (prefix removed). */
  readonly name: string;
  /** Local names from the root to this element, inclusive. */
  readonly path: readonly string[];
  /** Attributes by local name, with the five predefined entities and character references decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's direct text content (not its descendants'), decoded and trimmed. */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
  /** 1-based column of the start tag's `<`. */
  readonly column: number;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the predefined entities and numeric character references; others are left as they are.
 * @param text - Raw character data.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return ENTITIES[ref] ?? whole;
    const cp = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    // Out of Unicode's range: leave it (the prechecks report it; String.fromCodePoint would throw).
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** What {@link scanElements} collects beyond names, paths, attributes and positions. */
export interface ScanOptions {
  /**
   * Whether to collect each element's text (default true). Without it every `text` is empty, and
   * the scan of a document with much character data (Extensions settings) takes about half the time.
   */
  readonly text?: boolean;
}

/**
 * Lists every element of a document in document order. Comments, CDATA sections and processing
 * instructions are skipped (CDATA text counts as text). Input that is not well-formed gives a
 * partial list rather than an error.
 * @param text - The document text.
 * @param options - What to collect.
 */
export function scanElements(text: string, options: ScanOptions = {}): ScannedElement[] {
  return scanElementsUpTo(text, MAX_SCANNED_ELEMENTS, options.text ?? true);
}

/**
 * Most elements {@link scanElements} lists: each carries its path, so the cost grows with elements
 * times depth; real GoalState and Health documents have fewer than 100 elements.
 */
export const MAX_SCANNED_ELEMENTS = 20_000;

/** One attribute of a start tag: name, then its double- or single-quoted value. */
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function scanElementsUpTo(text: string, max: number, withText: boolean): ScannedElement[] {
  const out: { element: ScannedElement; text: string[] }[] = [];
  const open: { name: string; index: number }[] = [];
  const tag =
    /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>/g;
  let last = 0;
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  const addText = (raw: string): void => {
    const top = open[open.length - 1];
    if (top) out[top.index]?.text.push(raw);
  };
  for (let m = tag.exec(text); m && out.length < max; m = tag.exec(text)) {
    if (withText) {
      addText(decodeEntities(text.slice(last, m.index)));
      if (m[5] !== undefined) addText(m[5]);
    }
    last = tag.lastIndex;
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      open.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    const attributeText = m[3] ?? '';
    ATTRIBUTE.lastIndex = 0;
    for (let a = ATTRIBUTE.exec(attributeText); a; a = ATTRIBUTE.exec(attributeText)) {
      attributes[localName(a[1] ?? '')] = decodeEntities(a[2] ?? a[3] ?? '');
    }
    const name = localName(m[2]);
    const path = [...open.map((o) => out[o.index]?.element.name ?? ''), name];
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    counted = m.index;
    out.push({ element: { name, path, attributes, text: '', line, column: m.index - lineStart + 1 }, text: [] });
    if (m[4] !== '/') open.push({ name, index: out.length - 1 });
  }
  return out.map(({ element, text: parts }) => ({ ...element, text: parts.join('').trim() }));
}

/**
 * A small declarative reader shared by the document models: a {@link NodeSpec} says which
 * attributes and child elements of an element become which properties, and {@link readNode}
 * applies it through the `src/xml/dom.ts` helpers. Property names are the XML names; the text of
 * an element that also has attributes is the property `text`. Values stay strings, as sent.
 * @module
 */
import { childElements, requiredChild, rootElement } from '../xml/dom';
import { parseXmlSafely, type XmlElement } from '../xml/safe-parse';
import { WireServerError } from '../errors';

/** How one child element is read. */
export interface ChildSpec {
  /** The child's own spec; absent for a text-only child (read as its trimmed text). */
  readonly spec?: NodeSpec;
  /** Read every occurrence into an array. */
  readonly many?: boolean;
  /** Fail with `XML_MISSING_ELEMENT` when absent. */
  readonly required?: boolean;
}

/** How one element is read. */
export interface NodeSpec {
  /** Attribute names to copy (absent attributes are left out). */
  readonly attrs?: readonly string[];
  /** Attribute names that must be present. */
  readonly requiredAttrs?: readonly string[];
  /** Child elements by name. */
  readonly children?: Readonly<Record<string, ChildSpec>>;
  /** Copy the element's text (untrimmed) into `text`. */
  readonly text?: boolean;
}

/**
 * Reads an element according to its spec.
 * @param element - The element.
 * @param spec - What to read.
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` when a required child or attribute is absent.
 */
export function readNode(element: XmlElement, spec: NodeSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of spec.attrs ?? []) {
    const value = element.attr(name)?.value();
    if (value !== undefined) out[name] = value;
    else if (spec.requiredAttrs?.includes(name)) {
      throw new WireServerError('XML_MISSING_ELEMENT', `line ${element.line()}: <${element.name()}> has no ${name} attribute`, { line: element.line() });
    }
  }
  if (spec.text) out['text'] = element.text();
  for (const [name, child] of Object.entries(spec.children ?? {})) {
    const read = (e: XmlElement) => (child.spec ? readNode(e, child.spec) : e.text().trim());
    if (child.required) requiredChild(element, name);
    const found = childElements(element, name);
    if (child.many) out[name] = found.map(read);
    else if (found[0]) out[name] = read(found[0]);
  }
  return out;
}

/**
 * Parses a document safely and reads its root element.
 * @param xml - The document text.
 * @param root - Expected root element name.
 * @param spec - What to read from the root.
 * @throws {@link WireServerError} when the XML is unsafe, malformed, has another root or lacks a required part.
 */
export function readDocument(xml: string, root: string, spec: NodeSpec): Record<string, unknown> {
  return readNode(rootElement(parseXmlSafely(xml, root), root), spec);
}

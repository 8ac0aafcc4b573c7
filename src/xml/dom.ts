/**
 * Small helpers to read libxmljs2 elements into typed models, with errors that carry the line.
 * Only direct children are read: the models describe documents as the server emits them.
 * @module
 */
import { WireServerError } from '../errors';
import type { XmlDocument, XmlElement } from './safe-parse';

/**
 * The element children of `parent` named `name` (any namespace unless `namespace` is given).
 * @param parent - The parent element.
 * @param name - Local name to match.
 * @param namespace - Namespace URI to match; omit to match any.
 */
export function childElements(parent: XmlElement, name: string, namespace?: string): XmlElement[] {
  return parent
    .childNodes()
    .filter(
      (node): node is XmlElement =>
        node.type() === 'element' &&
        (node as XmlElement).name() === name &&
        (namespace === undefined || ((node as XmlElement).namespace()?.href() ?? '') === namespace),
    );
}

/**
 * The first child element named `name`, if any.
 * @param parent - The parent element.
 * @param name - Local name.
 * @param namespace - Namespace URI to match; omit to match any.
 */
export function optionalChild(parent: XmlElement, name: string, namespace?: string): XmlElement | undefined {
  return childElements(parent, name, namespace)[0];
}

/**
 * The first child element named `name`.
 * @param parent - The parent element.
 * @param name - Local name.
 * @param namespace - Namespace URI to match; omit to match any.
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` naming the parent and its line.
 */
export function requiredChild(parent: XmlElement, name: string, namespace?: string): XmlElement {
  const child = optionalChild(parent, name, namespace);
  if (!child)
    throw new WireServerError('XML_MISSING_ELEMENT', `line ${parent.line()}: <${parent.name()}> has no <${name}> child`, {
      line: parent.line(),
    });
  return child;
}

/**
 * The text of a required child element, trimmed.
 * @param parent - The parent element.
 * @param name - Local name.
 * @param namespace - Namespace URI to match; omit to match any.
 */
export function requiredText(parent: XmlElement, name: string, namespace?: string): string {
  return requiredChild(parent, name, namespace).text().trim();
}

/**
 * The trimmed text of an optional child element, or `undefined` when it is absent.
 * @param parent - The parent element.
 * @param name - Local name.
 * @param namespace - Namespace URI to match; omit to match any.
 */
export function optionalText(parent: XmlElement, name: string, namespace?: string): string | undefined {
  return optionalChild(parent, name, namespace)?.text().trim();
}

/**
 * The root element, checked by local name.
 * @param doc - A parsed document.
 * @param name - The expected root element's local name.
 * @throws {@link WireServerError} `XML_UNEXPECTED_ROOT`.
 */
export function rootElement(doc: XmlDocument, name: string): XmlElement {
  const root = doc.root();
  if (!root || root.name() !== name) {
    throw new WireServerError('XML_UNEXPECTED_ROOT', `expected root element <${name}>, found <${root?.name() ?? 'nothing'}>`, {
      line: root?.line() ?? 0,
    });
  }
  return root;
}

/**
 * Parses a decimal integer, with the element's line in the error.
 * @param element - The element holding the text.
 */
export function integerText(element: XmlElement): number {
  const text = element.text().trim();
  if (!/^\d+$/.test(text))
    throw new WireServerError('XML_BAD_VALUE', `line ${element.line()}: <${element.name()}> must be a non-negative integer`, {
      line: element.line(),
    });
  return Number(text);
}

/**
 * Reads an incarnation: decimal digits, kept as text because clients compare it as an opaque string.
 * @param element - The element holding the text.
 */
export function incarnationText(element: XmlElement): string {
  const text = element.text().trim();
  if (!/^\d+$/.test(text))
    throw new WireServerError('XML_BAD_VALUE', `line ${element.line()}: <${element.name()}> must be a decimal incarnation number`, {
      line: element.line(),
    });
  return text;
}

/**
 * Escapes text for XML character data and attribute values.
 * @param text - Raw text.
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

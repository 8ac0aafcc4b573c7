/**
 * The runtime of the generated models (src/models/generated/): small typed helpers that read an
 * element's children, attributes and values through the libxmljs2 DOM, and a writer that emits
 * well-formed, escaped XML. The generated readers and writers are plain calls to these; no
 * reader returns an untyped record.
 * @module
 */
import { WireServerError } from '../errors';
import { childElements, escapeXml, optionalChild, requiredChild, rootElement } from '../xml/dom';
import { parseXmlSafely, type XmlElement } from '../xml/safe-parse';

export { childElements, optionalChild, requiredChild };

/**
 * Parses a document safely and returns its root element, checked by local name and namespace.
 * @param xml - The document text.
 * @param root - Expected root element name.
 * @param namespace - Expected namespace URI of the root; '' accepts any (the WireServer documents have none, but
 *   the readers stay liberal about a stray default namespace, matching children by local name).
 * @throws {@link WireServerError} when the XML is unsafe or malformed, or has another root.
 */
export function documentRoot(xml: string, root: string, namespace: string): XmlElement {
  const element = rootElement(parseXmlSafely(xml, root), root);
  if (namespace !== '' && (element.namespace()?.href() ?? '') !== namespace) {
    throw new WireServerError('XML_UNEXPECTED_ROOT', `expected root element <${root}> in ${namespace}`, { line: element.line() });
  }
  return element;
}

/**
 * The children named `name`, at least `min` of them.
 * @param parent - The parent element.
 * @param name - Local name.
 * @param min - The schema's minOccurs.
 * @param namespace - Namespace URI; omit to match any.
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` when there are fewer than `min`.
 */
export function repeatedChildren(parent: XmlElement, name: string, min: number, namespace?: string): XmlElement[] {
  const found = childElements(parent, name, namespace);
  if (found.length < min) {
    const line = parent.line();
    throw new WireServerError('XML_MISSING_ELEMENT', `line ${line}: <${parent.name()}> has no <${name}> child`, { line });
  }
  return found;
}

/**
 * Checks that one branch of a required `xs:choice` is present.
 * @param parent - The parent element.
 * @param names - The local names of the branches.
 * @param namespace - Namespace URI; omit to match any.
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` when none is.
 */
export function requireOneOf(parent: XmlElement, names: readonly string[], namespace?: string): void {
  if (names.some((name) => optionalChild(parent, name, namespace))) return;
  const line = parent.line();
  const expected = names.map((n) => `<${n}>`).join(', ');
  throw new WireServerError('XML_MISSING_ELEMENT', `line ${line}: <${parent.name()}> has none of ${expected}`, { line });
}

/**
 * The element's text, trimmed.
 * @param element - The element.
 */
export function textValue(element: XmlElement): string {
  return element.text().trim();
}

/**
 * The element's text as a decimal integer (the XSD integer types).
 * @param element - The element.
 * @throws {@link WireServerError} `XML_BAD_VALUE` when the text is not an integer.
 */
export function integerValue(element: XmlElement): number {
  return toInteger(element.text().trim(), element, `<${element.name()}>`);
}

/** A value quoted for a message, cut at 40 characters (a value in the wrong place may be anything). */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function toInteger(text: string, element: XmlElement, what: string): number {
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  const line = element.line();
  throw new WireServerError('XML_BAD_VALUE', `line ${line}: ${what} must be an integer, not ${shown(text)}`, { line });
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

/**
 * The element's trimmed text, checked against an enumeration.
 * @param element - The element.
 * @param allowed - The enumerated values.
 * @throws {@link WireServerError} `XML_BAD_VALUE` when the text is not one of them.
 */
export function enumValue<T extends string>(element: XmlElement, allowed: readonly T[]): T {
  return toEnum(element.text().trim(), allowed, element, `<${element.name()}>`);
}

function toEnum<T extends string>(value: string, allowed: readonly T[], element: XmlElement, what: string): T {
  if (isOneOf(value, allowed)) return value;
  const line = element.line();
  throw new WireServerError('XML_BAD_VALUE', `line ${line}: ${what} must be one of ${allowed.join(', ')}, not ${shown(value)}`, { line });
}

/**
 * An attribute's value, if present.
 * @param element - The element.
 * @param name - The attribute name (unqualified).
 */
export function optionalAttr(element: XmlElement, name: string): string | undefined {
  return element.attr(name)?.value();
}

/**
 * A required attribute's value.
 * @param element - The element.
 * @param name - The attribute name (unqualified).
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` when it is absent.
 */
export function requiredAttr(element: XmlElement, name: string): string {
  const value = element.attr(name)?.value();
  if (value !== undefined) return value;
  const line = element.line();
  throw new WireServerError('XML_MISSING_ELEMENT', `line ${line}: <${element.name()}> has no ${name} attribute`, { line });
}

/**
 * An attribute's value as an integer (`undefined` stays `undefined`).
 * @param element - The element.
 * @param value - The attribute value, if present.
 * @param name - The attribute name, for the message.
 * @throws {@link WireServerError} `XML_BAD_VALUE` when the value is not an integer.
 */
export function integerAttr(element: XmlElement, value: string, name: string): number;
export function integerAttr(element: XmlElement, value: string | undefined, name: string): number | undefined;
export function integerAttr(element: XmlElement, value: string | undefined, name: string): number | undefined {
  return value === undefined ? undefined : toInteger(value.trim(), element, `@${name}`);
}

/**
 * An attribute's value checked against an enumeration (`undefined` stays `undefined`).
 * @param element - The element.
 * @param value - The attribute value, if present.
 * @param allowed - The enumerated values.
 * @param name - The attribute name, for the message.
 * @throws {@link WireServerError} `XML_BAD_VALUE` when the value is not one of them.
 */
export function enumAttr<T extends string>(element: XmlElement, value: string, allowed: readonly T[], name: string): T;
export function enumAttr<T extends string>(
  element: XmlElement,
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined;
export function enumAttr<T extends string>(
  element: XmlElement,
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  return value === undefined ? undefined : toEnum(value, allowed, element, `@${name}`);
}

/**
 * Applies `read` to a value when it is present.
 * @param value - The value or `undefined`.
 * @param read - The conversion.
 */
export function ifPresent<T, U>(value: T | undefined, read: (value: T) => U): U | undefined {
  return value === undefined ? undefined : read(value);
}

/**
 * `{ [key]: value }` when the value is present, `{}` otherwise: spread into an object literal to
 * leave an optional property out (the models use `exactOptionalPropertyTypes`).
 * @param key - The property name.
 * @param value - The value, if any.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { readonly [P in K]?: V } {
  const out: { [P in K]?: V } = {};
  if (value !== undefined) out[key] = value;
  return out;
}

/** A value an attribute or text node can hold. */
export type XmlValue = string | number;

/** Attributes to write, in order; `undefined` values are left out. */
export type XmlAttributes = readonly (readonly [string, XmlValue | undefined])[];

/** How an {@link XmlWriter} writes text of elements that also have attributes. */
export interface XmlWriterOptions {
  /** Write such text as CDATA (a `]]>` in it is split across two sections). */
  readonly cdata?: boolean;
}

/**
 * Writes XML element by element, escaping every attribute value and text node. Empty elements are
 * written `<Name a="v" />`, as the .NET serializer the real agents imitate does.
 */
export class XmlWriter {
  private readonly parts: string[] = [];
  private readonly options: XmlWriterOptions;

  /**
   * @param declaration - The XML declaration to start with, e.g. `<?xml version="1.0" encoding="utf-8"?>`; '' for none.
   * @param options - Text options.
   */
  constructor(declaration: string, options: XmlWriterOptions = {}) {
    this.options = options;
    if (declaration) this.parts.push(declaration);
  }

  /**
   * Opens an element.
   * @param name - The element name.
   * @param attributes - Attributes in order; `undefined` values are left out.
   */
  open(name: string, attributes: XmlAttributes = []): void {
    this.parts.push(`<${name}${attributeText(attributes)}>`);
  }

  /**
   * Closes an element.
   * @param name - The element name.
   */
  close(name: string): void {
    this.parts.push(`</${name}>`);
  }

  /**
   * Writes an element with only attributes (self-closing).
   * @param name - The element name.
   * @param attributes - Attributes in order; `undefined` values are left out.
   */
  empty(name: string, attributes: XmlAttributes = []): void {
    this.parts.push(`<${name}${attributeText(attributes)} />`);
  }

  /**
   * Writes an element holding text, with optional attributes.
   * @param name - The element name.
   * @param value - The text.
   * @param attributes - Attributes in order; `undefined` values are left out.
   */
  leaf(name: string, value: XmlValue, attributes: XmlAttributes = []): void {
    const text = String(value);
    const body = attributes.length > 0 && this.options.cdata ? `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>` : escapeXml(text);
    this.parts.push(`<${name}${attributeText(attributes)}>${body}</${name}>`);
  }

  /** The document written so far. */
  toString(): string {
    return this.parts.join('');
  }
}

function attributeText(attributes: XmlAttributes): string {
  return attributes
    .filter((a): a is readonly [string, XmlValue] => a[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

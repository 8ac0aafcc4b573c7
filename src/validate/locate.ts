/**
 * Column recovery for schema errors: libxml2 reports line numbers but column 0 for XSD findings,
 * so the column is taken from the named element's start tag on that line.
 * @module
 */

/**
 * Finds the 1-based column of the element named in a libxml2 message on a given line.
 * @param lineText - The text of the line the error is on.
 * @param message - The libxml2 message, e.g. `Element 'Incarnation': …` or `Element '{urn:x}Foo': …`.
 * @returns The column of the `<` of that element's tag, else of the first non-blank character, else 1.
 */
export function columnOfElement(lineText: string, message: string): number {
  const named = /Element '(?:\{[^}]*\})?([^']+)'/.exec(message)?.[1];
  if (named) {
    const tag = new RegExp(`<(?:[\\w.-]+:)?${named.replace(/[.]/g, '\\.')}(?=[\\s/>]|$)`).exec(lineText);
    if (tag) return tag.index + 1;
  }
  const firstNonBlank = lineText.search(/\S/);
  return firstNonBlank === -1 ? 1 : firstNonBlank + 1;
}

/**
 * Offsets to 1-based lines and columns, for messages about a document's text.
 * @module
 */

/**
 * Converts a character offset in `text` to a 1-based line and column.
 * @param text - The document text.
 * @param offset - A 0-based offset into `text`.
 */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * DOCTYPE detection on raw text, before any parser runs. WireServer documents never have a DOCTYPE,
 * and DTDs are how entity-expansion and external-entity attacks start.
 * @module
 */

/** Why a DOCTYPE is refused, in the words every caller uses. */
export const DOCTYPE_MESSAGE =
  'DOCTYPE declarations are not allowed: WireServer documents have none, and DTDs enable entity-expansion and external-entity attacks';

/**
 * A DOCTYPE, or what may contain the text `<!DOCTYPE` without being one: a comment, a CDATA section,
 * a processing instruction (an unterminated one runs to the end: the parser rejects it anyway).
 */
const DOCTYPE_OR_SKIPPED = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|(<!DOCTYPE)/gi;

/**
 * The offset of the first real DOCTYPE declaration in `text` (not one inside a comment, a CDATA
 * section or a processing instruction).
 * @param text - The document text.
 * @returns A 0-based offset, or `undefined` when there is none.
 */
export function doctypeOffset(text: string): number | undefined {
  const pattern = new RegExp(DOCTYPE_OR_SKIPPED);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[1] !== undefined) return match.index;
  }
  return undefined;
}

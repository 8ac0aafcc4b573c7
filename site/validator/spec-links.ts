/**
 * Links from a finding to the place in the spec that describes the element: the catalog's page
 * and the element reference anchor `#el-<Root>-<path>` (elementAnchor of src/schema/anchors.ts,
 * which also names the anchors of the generated element pages), derived in the browser from the
 * document itself.
 */
import { elementAnchor } from '../../src/schema/anchors';
import { findDocumentKind } from '../../src/validate/catalog';
import type { Diagnostic } from '../../src/validate/diagnostic';
import { isDiagnostic, sniffRoot } from '../../src/validate/sniff';
import { scanElements } from '../../src/validate/xml-scan';

/**
 * The spec URL for a finding, or `undefined` when the document kind is unknown.
 * @param text - The document text.
 * @param diagnostic - The finding.
 */
export function specLink(text: string, diagnostic: Diagnostic): string | undefined {
  const root = sniffRoot(text);
  if (isDiagnostic(root)) return undefined;
  const kind = findDocumentKind(root.localName, root.namespace);
  if (!kind) return undefined;
  const named = /Element '(?:\{[^}]*\})?([^']+)'/.exec(diagnostic.message)?.[1];
  const onLine = scanElements(text, { text: false }).filter((e) => e.line === diagnostic.line);
  const element = onLine.find((e) => e.name === named) ?? onLine[0];
  if (!element) return kind.page;
  // An element the schema does not expect has no entry of its own: point at its parent.
  const path = /not expected/.test(diagnostic.message) && element.path.length > 1 ? element.path.slice(0, -1) : element.path;
  return `${kind.page}#${elementAnchor(path)}`;
}

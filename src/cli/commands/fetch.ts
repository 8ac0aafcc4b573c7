/**
 * `wireserver fetch <document>`: one linked document, secrets redacted.
 * @module
 */
import { LINKED_DOCUMENTS, findLinkedDocument } from '../../client/documents';
import { redactText } from '../../redact/redact';
import { makeClient, type CommandContext } from '../options';
import { UsageError } from '../runner';

/**
 * Fetches a linked document and prints it, redacted.
 * @param ctx - The command's context.
 */
export async function fetchCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(1, 'one document name');
  const doc = findLinkedDocument(ctx.args[0] ?? '');
  if (!doc)
    throw new UsageError(`unknown document ${JSON.stringify(ctx.args[0])}; one of ${LINKED_DOCUMENTS.map((d) => d.cliName).join(', ')}`);
  const text = await makeClient(ctx.values, ctx.io).fetchDocumentText(doc.name);
  if (text === undefined) throw new UsageError(`the goal state does not link ${doc.cliName}`);
  // Certificates and RemoteAccess are encrypted for a throw-away transport key; still, never print secrets.
  const shown = redactText(text).text;
  ctx.print({ document: doc.cliName, xml: shown }, shown.trimEnd());
}

/**
 * `wireserver capture DIR`: every document of the goal state, secrets redacted, for `npm run validate`.
 * @module
 */
import path from 'node:path';
import { LINKED_DOCUMENTS } from '../../client/documents';
import { prepareSecretDir, writeSecretFile } from '../../io/secret-files';
import { redactText } from '../../redact/redact';
import { makeClient, type CommandContext } from '../options';

/**
 * Saves the versions, the goal state and every linked document into a folder, redacted, as secret
 * files (a capture still names the VM's container, instance and storage).
 * @param ctx - The command's context.
 */
export async function captureCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(1, 'the folder to write');
  const dir = ctx.args[0] ?? '';
  prepareSecretDir(dir);
  const client = makeClient(ctx.values, ctx.io);
  const written: string[] = [];
  const save = (name: string, text: string) => {
    writeSecretFile(path.join(dir, name), redactText(text).text, { force: ctx.values.force === true });
    written.push(name);
  };
  await client.getVersions();
  save('Versions.xml', client.versionsXml ?? '');
  await client.refreshGoalState();
  for (const doc of LINKED_DOCUMENTS) {
    const text = await client.fetchDocumentText(doc.name);
    if (text === undefined) continue;
    save(doc.fileName, text);
  }
  // Saved last: a 410 during the loop refreshes the goal state, and the documents then match the newer one.
  save('GoalState.xml', client.goalStateXml ?? '');
  ctx.print({ folder: dir, files: written }, written.map((f) => path.join(dir, f)).join('\n'));
}

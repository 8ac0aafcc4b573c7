/**
 * Builds a Pagefind index for plugins/spec-search.ts, in a Node process of its own: Pagefind's Node
 * API is an ES module that its package exports to `import` only, and Docusaurus loads plugins with
 * jiti, which turns `import()` into `require()`.
 *
 * Reads one request as JSON on stdin:
 * `{ pages: [{ url, file }], outputPath, rootSelector, excludeSelectors, skip }`, where `skip` is
 * the source of a regular expression for the names of Pagefind's files not to write. Writes the
 * index to `outputPath` (emptied first) and prints `{ bytes }` as JSON; a problem goes to stderr
 * and the exit code is 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { close, createIndex } from 'pagefind';

async function main() {
  const request = JSON.parse(fs.readFileSync(0, 'utf8'));
  const { index, errors } = await createIndex({
    rootSelector: request.rootSelector,
    excludeSelectors: request.excludeSelectors,
    forceLanguage: 'en',
  });
  if (!index) throw new Error(`Pagefind did not start: ${errors.join('; ')}`);
  for (const { url, file } of request.pages) {
    const added = await index.addHTMLFile({ url, content: fs.readFileSync(file, 'utf8') });
    if (added.errors.length > 0) throw new Error(`${url}: ${added.errors.join('; ')}`);
  }
  const { files, errors: fileErrors } = await index.getFiles();
  if (fileErrors.length > 0) throw new Error(fileErrors.join('; '));
  const skip = new RegExp(request.skip);
  fs.rmSync(request.outputPath, { recursive: true, force: true });
  let bytes = 0;
  for (const file of files) {
    if (skip.test(path.basename(file.path))) continue;
    const destination = path.join(request.outputPath, file.path);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content);
    bytes += file.content.length;
  }
  process.stdout.write(JSON.stringify({ bytes }));
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => close());

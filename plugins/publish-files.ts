/**
 * Docusaurus plugin: publishes files of the repository that pages link with `pathname:///…`, so a reader
 * opens exactly what the page cites: the schemas (`/schemas/…`) and the conformance kit's agent drivers
 * (`/conformance/drivers/…`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** Repository folder → published folder. */
const PUBLISHED: readonly (readonly [string, string])[] = [
  ['schemas', 'schemas'],
  ['src/conformance/drivers', 'conformance/drivers'],
];

export default function publishFilesPlugin(context: LoadContext): Plugin {
  return {
    name: 'publish-files',
    async postBuild({ outDir }) {
      for (const [from, to] of PUBLISHED) fs.cpSync(path.join(context.siteDir, from), path.join(outDir, to), { recursive: true });
    },
  };
}

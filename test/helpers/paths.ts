/** Paths shared by the tests. */
import path from 'node:path';

/** The project root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The corpus of real captures (corpus/README.md: origin, licence, checksums). */
export const CORPUS = path.join(ROOT, 'corpus', 'walinuxagent');
/** The examples folder. */
export const EXAMPLES = path.join(ROOT, 'examples');
/** The built site: `npm test` runs `npm run build` first, which writes it here. */
export const BUILD_DIR = path.join(ROOT, 'build');

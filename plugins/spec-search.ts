/**
 * Docusaurus theme plugin: the site's search. After the build it indexes the specification pages
 * (everything under /docs except the API reference) with Pagefind into `build/pagefind/`, and it
 * provides `@theme/SearchBar` (site/theme/SearchBar), which loads Pagefind only when the box gets
 * the focus.
 *
 * Why Pagefind and not a lunr index: lunr serialises one index that the first search downloads
 * whole, and its size grows about five times faster than the text (word positions, field vectors
 * and a copy of the text); for the specification it was 1,451 KB, and still 973 KB with every
 * element reference and code block left out. Pagefind splits its index into compressed chunks by
 * word and the page text into one fragment per page, and a search fetches only the chunks of its
 * words and the fragments of the results it shows, so every word of every page stays searchable.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** Builds the index (Pagefind's Node API) in a process of its own; see there why. */
const INDEXER = path.join(__dirname, 'pagefind-index.mjs');

/** Where the index is published, under the site's base URL. */
export const SEARCH_DIR = 'pagefind';

/**
 * The part of a page that is indexed: the document (not the sidebar, the table of contents or the
 * pagination), without the collapsed table of contents shown on narrow screens and the headings'
 * `#` links (a zero-width space that would end every section title). Pagefind leaves out `<nav>`
 * (the breadcrumbs) by itself.
 */
const ROOT_SELECTOR = 'article';
const EXCLUDED = ['.theme-doc-toc-mobile', '.hash-link'];

/** Pagefind's own search interfaces and its highlighter: the site has its own search box, so they are not published. */
const UNUSED_FILE = /^pagefind-(?:ui|component-ui|modular-ui|highlight)\b/;

/**
 * The routes a specification search covers: the docs (`<baseUrl>docs` and below) without the API
 * reference (`<baseUrl>docs/api`), which has its own sidebar.
 * @param routesPaths - Every route of the build, with the base URL.
 * @param baseUrl - The site's base URL (`/` or `/path/`).
 */
export function specSearchRoutes(routesPaths: readonly string[], baseUrl: string): string[] {
  const docs = `${baseUrl}docs`;
  const api = `${docs}/api`;
  const under = (route: string, base: string): boolean => route === base || route.startsWith(`${base}/`);
  return [...new Set(routesPaths)].filter((route) => under(route, docs) && !under(route, api)).sort();
}

/** The built HTML file of a route (`/docs/overview` → `docs/overview/index.html`, or `docs/overview.html`). */
function builtFile(outDir: string, baseUrl: string, route: string): string {
  const relative = route.slice(baseUrl.length).replace(/\/$/, '');
  const candidates = [path.join(outDir, relative, 'index.html'), path.join(outDir, `${relative}.html`)];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`[spec-search] no built HTML for ${route} (looked for ${candidates.join(', ')})`);
  return found;
}

/** Runs plugins/pagefind-index.mjs with a request on stdin; resolves with what it printed, rejects with what it said on stderr. */
function runIndexer(request: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [INDEXER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`[spec-search] Pagefind failed (exit ${code}): ${stderr.trim()}`));
    });
    child.stdin.end(JSON.stringify(request));
  });
}

/**
 * Indexes the given routes of a built site and writes the index to `<outDir>/pagefind/`.
 * @param outDir - The built site.
 * @param baseUrl - The site's base URL; the routes start with it, and so do the result URLs.
 * @param routes - The routes to index.
 * @returns How many pages were indexed and how many bytes were written.
 */
export async function writeSpecSearchIndex(
  outDir: string,
  baseUrl: string,
  routes: readonly string[],
): Promise<{ pages: number; bytes: number }> {
  const pages = routes.map((route) => ({ url: route, file: builtFile(outDir, baseUrl, route) }));
  const printed = await runIndexer({
    pages,
    outputPath: path.join(outDir, SEARCH_DIR),
    rootSelector: ROOT_SELECTOR,
    excludeSelectors: EXCLUDED,
    skip: UNUSED_FILE.source,
  });
  const { bytes } = JSON.parse(printed) as { bytes: number };
  return { pages: pages.length, bytes };
}

/** The plugin: the theme path of the search box, the webpack setting it needs, and the index after the build. */
export default function specSearchPlugin(context: LoadContext): Plugin {
  return {
    name: 'spec-search',
    getThemePath: () => path.join(context.siteDir, 'site', 'theme'),
    // The search box loads pagefind.js with import(/* webpackIgnore: true */ url). For the server bundle Docusaurus'
    // Babel preset turns import() into require() and drops the comment, and webpack warns about a require of an
    // expression; the server never runs it (the box loads Pagefind when it gets the focus).
    configureWebpack: (_config, isServer) =>
      isServer
        ? {
            ignoreWarnings: [
              { module: /site[\\/]theme[\\/]SearchBar[\\/]/, message: /Critical dependency: the request of a dependency is an expression/ },
            ],
          }
        : {},
    async postBuild({ outDir, routesPaths, baseUrl }) {
      const routes = specSearchRoutes(routesPaths, baseUrl);
      if (routes.length === 0) throw new Error('[spec-search] no specification page to index');
      const { pages, bytes } = await writeSpecSearchIndex(outDir, baseUrl, routes);
      console.log(`[spec-search] indexed ${pages} specification pages: ${(bytes / 1024).toFixed(0)} KB in ${SEARCH_DIR}/`);
    },
  };
}

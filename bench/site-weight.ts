/**
 * The built site's weight in Chromium (fresh profile, headless, served by the tests' static server on
 * the loopback, which sends files as they are, uncompressed): what the landing page transfers until
 * the network is idle (Docusaurus' prefetches of the pages it links included), and what a first
 * search then loads from `pagefind/` (Pagefind's code, its wasm, and the index chunks and page
 * fragments of that search), next to the whole index on disk.
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SEARCH_DIR } from '../plugins/spec-search';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium';
import { serveDir } from '../test/helpers/static-server';

/** Bytes of a set of files, as sent and with Pagefind's gzip-compressed chunks and fragments decompressed. */
export interface Bytes {
  readonly files: number;
  readonly bytes: number;
  readonly decompressed: number;
}

/** The figures of {@link measureSiteWeight}. */
export interface SiteWeight {
  /** Every response until the network was idle after loading `/`: bytes on the wire (CDP `encodedDataLength`, headers included). */
  readonly landing: { readonly bytes: number; readonly requests: number; readonly heaviest: readonly { path: string; bytes: number }[] };
  /** The files a first search loaded from `pagefind/`. */
  readonly search: { readonly index: Bytes; readonly code: Bytes; readonly results: number };
  /** Every index chunk (`pagefind/index/`) and every page fragment (`pagefind/fragment/`) on disk. */
  readonly onDisk: { readonly index: Bytes; readonly fragments: Bytes };
}

/** Pagefind's index chunks, page fragments and metadata: gzip on disk, decompressed in the browser. */
const INDEX_FILE = /\.pf_(?:index|fragment|meta|filter)$/;

function bytesOf(files: readonly string[]): Bytes {
  let bytes = 0;
  let decompressed = 0;
  for (const file of files) {
    const content = fs.readFileSync(file);
    bytes += content.length;
    decompressed += INDEX_FILE.test(file) ? zlib.gunzipSync(content).length : content.length;
  }
  return { files: files.length, bytes, decompressed };
}

/** Waits until no request of the page has been in flight for `quietMs` (requests of its workers included). */
async function settle(page: Page, quietMs = 500): Promise<void> {
  const inFlight = new Set<object>();
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (inFlight.size > 0) quietSince = Date.now();
    await page.waitForTimeout(50);
  }
}

/**
 * Loads the landing page of a built site, then searches for `query` in the navbar's search box.
 * @param siteDir - The built site (`build/`).
 * @param query - What the reader types.
 */
export async function measureSiteWeight(siteDir: string, query: string): Promise<SiteWeight> {
  const server = await serveDir(siteDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const landing: { path: string; bytes: number }[] = [];
    let counting = true;
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => {
      if (counting) landing.push({ path: (urls.get(event.requestId) ?? '?').replace(server.url, ''), bytes: event.encodedDataLength });
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await settle(page);
    counting = false;

    const searched = new Set<string>();
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.url().startsWith(server.url) && pathname.startsWith(`/${SEARCH_DIR}/`)) searched.add(pathname);
    });
    await page.locator('input.navbar__search-input').fill(query);
    // The results show once the fragments of their pages are in; what is still in flight then is waited for too.
    await page.locator('[role="listbox"] [role="option"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await settle(page);
    const results = await page.locator('[role="listbox"] [role="option"]').count();
    const files = [...searched].map((pathname) => path.join(siteDir, pathname)).filter((file) => fs.existsSync(file));
    const folder = (name: string): string[] =>
      fs.readdirSync(path.join(siteDir, SEARCH_DIR, name)).map((file) => path.join(siteDir, SEARCH_DIR, name, file));
    return {
      landing: {
        bytes: landing.reduce((sum, row) => sum + row.bytes, 0),
        requests: landing.length,
        heaviest: [...landing].sort((a, b) => b.bytes - a.bytes).slice(0, 3),
      },
      search: {
        index: bytesOf(files.filter((file) => INDEX_FILE.test(file))),
        code: bytesOf(files.filter((file) => !INDEX_FILE.test(file))),
        results,
      },
      onDisk: { index: bytesOf(folder('index')), fragments: bytesOf(folder('fragment')) },
    };
  } finally {
    await context?.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

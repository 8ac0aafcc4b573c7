/**
 * The built site in a real Chromium: every page loads without console errors or failed requests to
 * the site, Mermaid diagrams render, dark mode toggles, the local search answers, and screenshots of
 * the landing page, the goal state page and a flow page are written to test-output/screenshots/.
 * Needs `npm run build` first (npm test runs it) and Debian's /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';
import { BUILD_DIR, ROOT } from '../helpers/paths';
import { serveDir, type StaticServer } from '../helpers/static-server';

const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** Every built page, as a site path (`/`, `/docs/overview`, …). */
function builtPages(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'assets' ? [] : builtPages(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name === 'index.html' ? [prefix === '' ? '/' : prefix] : [];
  });
}

interface PageProblems {
  readonly console: string[];
  readonly failed: string[];
}

/** Records console errors, uncaught exceptions and failed or erroring requests to the site. */
function watch(page: Page, origin: string): PageProblems {
  const problems: PageProblems = { console: [], failed: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.console.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // net::ERR_ABORTED is a cancellation (Docusaurus prefetches chunks of linked pages; leaving the page cancels them), not a failure.
    const error = request.failure()?.errorText ?? 'failed';
    if (request.url().startsWith(origin) && error !== 'net::ERR_ABORTED') problems.failed.push(`${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400) problems.failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

describe('the built site in Chromium', { concurrency: false }, () => {
  let server: StaticServer;
  let context: BrowserContext;
  let profile: string;

  before(async () => {
    assert.ok(fs.existsSync(path.join(BUILD_DIR, 'index.html')), 'no build/: run npm run build first (npm test does)');
    assert.ok(fs.existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
    server = await serveDir(BUILD_DIR);
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wireserver-spec-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      headless: true,
      colorScheme: 'light',
      viewport: { width: 1280, height: 900 },
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it('loads every page with no console error and no failed request to the site', async () => {
    const paths = builtPages(BUILD_DIR);
    assert.ok(paths.length >= 40, `only ${paths.length} pages were built`);
    const queue = [...paths];
    const report: string[] = [];
    const worker = async (): Promise<void> => {
      const page = await context.newPage();
      const problems = watch(page, server.url);
      for (let sitePath = queue.shift(); sitePath !== undefined; sitePath = queue.shift()) {
        problems.console.length = 0;
        problems.failed.length = 0;
        const response = await page.goto(server.url + sitePath, { waitUntil: 'load' });
        if (response?.status() !== 200) report.push(`${sitePath}: HTTP ${response?.status()}`);
        // Hydrated: React has run the page's code (errors in it are on the console by now).
        await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
        if ((await page.locator('.docusaurus-mermaid-container').count()) > 0) {
          await page.locator('.docusaurus-mermaid-container svg').first().waitFor({ state: 'visible' });
        }
        for (const message of problems.console) report.push(`${sitePath}: console: ${message}`);
        for (const failure of problems.failed) report.push(`${sitePath}: request: ${failure}`);
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.deepEqual(report, [], `${report.length} problem(s) on ${paths.length} pages`);
  });

  it('renders each flow page with a Mermaid sequence diagram', async () => {
    const page = await context.newPage();
    for (const flow of ['first-boot', 'incarnation', 'retries', 'certificates', 'report-ready', 'fast-track', 'preprovisioning']) {
      await page.goto(`${server.url}/docs/flows/${flow}`, { waitUntil: 'networkidle' });
      const svg = page.locator('.docusaurus-mermaid-container svg').first();
      await svg.waitFor({ state: 'visible' });
      assert.ok((await svg.locator('text').count()) > 3, `the diagram on ${flow} has no labels`);
    }
    await page.close();
  });

  it("loads a landing card's page when the reader points at the card, not before, and opens it without reloading", async () => {
    const js = path.join(BUILD_DIR, 'assets', 'js');
    // The goal state page's own chunk: the only one that holds its last statement.
    const chunks = fs
      .readdirSync(js)
      .filter((file) => file.endsWith('.js') && fs.readFileSync(path.join(js, file), 'utf8').includes('GS-11'));
    assert.equal(chunks.length, 1, `chunks holding GS-11: ${chunks.join(', ')}`);
    const chunk = `/assets/js/${chunks[0]}`;
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    assert.ok(!requested.includes(chunk), 'the landing page loaded the goal state page before the reader pointed at its card');
    const card = page.locator('a.ws-card[href="/docs/wireserver/goalstate"]');
    const loaded = page.waitForRequest((request) => new URL(request.url()).pathname === chunk);
    await card.hover();
    await loaded;
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await card.click();
    await page.waitForURL((url) => url.pathname === '/docs/wireserver/goalstate');
    await page.locator('#GS-11').waitFor({ state: 'attached' });
    assert.deepEqual(documents, [], 'the card reloaded the page');
    await page.close();
  });

  it('toggles dark mode and back', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const theme = () => page.locator('html').getAttribute('data-theme');
    assert.equal(await theme(), 'light');
    const toggle = page.locator('button[class*="toggleButton"]').first();
    const seen: (string | null)[] = [];
    for (let i = 0; i < 3 && (await theme()) !== 'dark'; i++) {
      await toggle.click();
      seen.push(await theme());
    }
    assert.equal(await theme(), 'dark', `the toggle went through ${seen.join(', ')} without reaching dark`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(background, 'rgb(255, 255, 255)', 'the page is still white in dark mode');
    for (let i = 0; i < 3 && (await theme()) !== 'light'; i++) await toggle.click();
    assert.equal(await theme(), 'light');
    await page.close();
  });

  it('has a search box that finds the incarnation flow page', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/docs/overview`, { waitUntil: 'networkidle' });
    const input = page.locator('input.navbar__search-input');
    assert.equal(await input.count(), 1, 'no search box in the navbar');
    await input.fill('incarnation');
    await page
      .locator('[role="listbox"] [role="option"]')
      .filter({ hasText: 'Incarnation changes and when to re-fetch' })
      .first()
      .waitFor({ state: 'visible' });
    await page.close();
  });

  for (const query of ['ContainerId', 'DES_EDE3_CBC', '32526', 'ssh key', 'report ready']) {
    it(`search for "${query}" lists a specification page first, never the API reference`, async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}/docs/overview`, { waitUntil: 'networkidle' });
      await page.locator('input.navbar__search-input').fill(query);
      const first = page.locator('[role="listbox"] [role="option"]').first();
      await first.waitFor({ state: 'visible' });
      const title = ((await first.textContent()) ?? '').trim();
      await first.click();
      await page.waitForURL((url) => url.pathname !== '/docs/overview' || url.hash !== '', { timeout: 10_000 });
      const landed = new URL(page.url());
      assert.match(landed.pathname, /^\/docs\/(?!api(\/|$))/, `the first result for "${query}" (${title}) opens ${landed.pathname}`);
      await page.close();
    });
  }

  // An element name (from the generated element reference), a behaviour ID and a word of a page's prose, each opened at its place.
  for (const [query, target, text] of [
    ['Incarnation', '/docs/wireserver/goalstate#', 'GET /machine/?comp=goalstate'],
    ['StopRolesDeadlineHint', '/docs/wireserver/goalstate#el-GoalState-Machine-StopRolesDeadlineHint', 'StopRolesDeadlineHint'],
    ['GS-1', '/docs/wireserver/goalstate#GS-1', 'GS-1'],
    ['eject', '/docs/pitfalls#', 'eject'],
  ] as const) {
    it(`search for "${query}" lists and opens ${target}`, async () => {
      const page = await context.newPage();
      const problems = watch(page, server.url);
      await page.goto(`${server.url}/docs/overview`, { waitUntil: 'networkidle' });
      await page.locator('input.navbar__search-input').fill(query);
      const listed = page.locator('[role="listbox"] [role="option"]');
      await listed.first().waitFor({ state: 'visible' });
      const hrefs = await listed.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      const index = hrefs.findIndex((href) => href.startsWith(target));
      assert.ok(index >= 0, `no result opens ${target}: ${hrefs.join(', ')}`);
      const option = listed.nth(index);
      assert.match((await option.textContent()) ?? '', new RegExp(text.replace(/[?]/g, '\\?'), 'i'));
      assert.ok((await option.locator('mark').count()) > 0, 'the excerpt marks no word');
      for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
      assert.equal(await option.getAttribute('aria-selected'), 'true', 'the arrow keys did not select the result');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => `${url.pathname}${url.hash}`.startsWith(target), { timeout: 10_000 });
      await assert.doesNotReject(page.locator('[role="listbox"]').waitFor({ state: 'hidden' }), 'the results stayed open');
      const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
      if (hash !== '') {
        // A client-side navigation renders the page, then scrolls to the hash: wait for both.
        const nearTop = (id: string) => {
          const top = document.getElementById(id)?.getBoundingClientRect().top ?? Number.NaN;
          return top > -10 && top < 400;
        };
        const placed = await page.waitForFunction(nearTop, hash, { timeout: 10_000 }).then(
          () => true,
          () => false,
        );
        const top = await page.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? Number.NaN, hash);
        assert.ok(placed, `#${hash} is at ${top}px from the top of the viewport`);
      }
      assert.deepEqual([...problems.console, ...problems.failed], []);
      await page.close();
    });
  }

  it('loads nothing of the search until the box gets the focus', async () => {
    const page = await context.newPage();
    const searchRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pagefind/')) searchRequests.push(request.url());
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    assert.deepEqual(searchRequests, [], 'the landing page loaded the search index');
    const loaded = page.waitForRequest((request) => new URL(request.url()).pathname === '/pagefind/pagefind.js');
    await page.keyboard.press('Control+k');
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('navbar__search-input')),
      true,
      'Ctrl+K did not focus the box',
    );
    await loaded;
    await page.close();
  });

  it('opens each endpoint page with a Rules box that links its statements (HL-3 on health)', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/docs/wireserver/health`, { waitUntil: 'networkidle' });
    const box = page.locator('.markdown .rules').first();
    await box.waitFor({ state: 'visible' });
    assert.ok((await box.locator('a[href="#HL-3"]').count()) === 1, 'the Rules box does not link HL-3');
    const boxTop = await box.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const structureTop = await page.locator('#structure').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    assert.ok(boxTop < structureTop, 'the Rules box comes after the element tree');
    assert.ok(boxTop < 1500, `the Rules box starts ${boxTop}px down the page`);
    await page.close();
  });

  it('takes #gs-5 to the GS-5 statement', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/docs/wireserver/goalstate#gs-5`, { waitUntil: 'networkidle' });
    const top = await page.evaluate(() => document.getElementById('gs-5')?.getBoundingClientRect().top ?? NaN);
    assert.ok(top > -10 && top < 300, `#gs-5 is at ${top}px from the top of the viewport`);
    await page.close();
  });

  it('shows every column of the implementations tables at 1280 px, without breaking words', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/docs/implementations`, { waitUntil: 'networkidle' });
    const tables = await page.locator('.markdown table').evaluateAll((nodes) =>
      nodes.map((table) => {
        const cell = table.querySelector('td');
        const style = cell ? getComputedStyle(cell) : undefined;
        const content = table.closest('.markdown')?.getBoundingClientRect();
        return {
          overflow: table.scrollWidth - table.clientWidth,
          right: table.getBoundingClientRect().right - (content?.right ?? Infinity),
          wrap: `${style?.overflowWrap}/${style?.wordBreak}`,
        };
      }),
    );
    assert.ok(tables.length >= 5, `only ${tables.length} tables`);
    for (const [i, t] of tables.entries()) {
      assert.ok(t.overflow <= 1, `table ${i + 1} scrolls by ${t.overflow}px (hidden columns)`);
      assert.ok(t.right <= 1, `table ${i + 1} sticks out of the content by ${t.right}px`);
      assert.equal(t.wrap, 'normal/normal', `table ${i + 1} breaks words (${t.wrap})`);
    }
    await page.close();
  });

  it('API pages show the included examples, not a literal {@includeCode} tag', () => {
    const api = path.join(BUILD_DIR, 'docs', 'api');
    const literal = builtPages(api).filter((p) => fs.readFileSync(path.join(api, p, 'index.html'), 'utf8').includes('@includeCode'));
    assert.deepEqual(literal, []);
  });

  it('writes screenshots of the landing page, the goal state page and a flow page', async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await context.newPage();
    const shots: [string, string][] = [
      ['/', 'landing.png'],
      ['/docs/wireserver/goalstate', 'goalstate.png'],
      ['/docs/flows/first-boot', 'flow-first-boot.png'],
    ];
    for (const [sitePath, file] of shots) {
      await page.goto(server.url + sitePath, { waitUntil: 'networkidle' });
      if (sitePath.startsWith('/docs/flows/'))
        await page.locator('.docusaurus-mermaid-container svg').first().waitFor({ state: 'visible' });
      const shot = await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: sitePath.startsWith('/docs/flows/') });
      const stats = await imageStats(context, shot);
      assert.ok(stats.width >= 1000 && stats.colours >= 64, `${file} looks blank: ${JSON.stringify(stats)}`);
      assert.ok(stats.luminance > 0.6, `${file} is not a light page: ${JSON.stringify(stats)}`);
    }
    await page.goto(`${server.url}/docs/wireserver/goalstate#structure`, { waitUntil: 'networkidle' });
    const toggle = page.locator('button[class*="toggleButton"]').first();
    for (let i = 0; i < 3 && (await page.locator('html').getAttribute('data-theme')) !== 'dark'; i++) await toggle.click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    const dark = await imageStats(context, await page.screenshot({ path: path.join(SCREENSHOTS, 'goalstate-structure-dark.png') }));
    assert.ok(dark.colours >= 64 && dark.luminance < 0.35, `the dark screenshot is not a dark page: ${JSON.stringify(dark)}`);
    await page.close();
  });
});

/** What a screenshot shows, measured by decoding it in the browser: size, distinct colours (sampled) and mean luminance (0–1). */
async function imageStats(
  context: BrowserContext,
  png: Buffer,
): Promise<{ width: number; height: number; colours: number; luminance: number }> {
  const page = await context.newPage();
  try {
    return await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context2d = canvas.getContext('2d');
        if (!context2d) throw new Error('no 2d canvas');
        context2d.drawImage(image, 0, 0);
        const { data } = context2d.getImageData(0, 0, image.width, image.height);
        const colours = new Set<number>();
        let sum = 0;
        let count = 0;
        for (let i = 0; i < data.length; i += 4 * 7) {
          const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
          colours.add((r << 16) | (g << 8) | b);
          sum += (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          count += 1;
        }
        return { width: image.width, height: image.height, colours: colours.size, luminance: sum / count };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await page.close();
  }
}

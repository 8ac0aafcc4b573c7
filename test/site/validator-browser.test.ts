/**
 * End-to-end tests of the /validate page in real Chromium, on the built site (build/, or
 * SITE_BUILD_DIR): paste, error highlighting, links to the spec, bundles, permalink round trip,
 * --strict, one long-lived validation worker, redaction and offline use.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';
import { BUILD_DIR, CORPUS, EXAMPLES } from '../helpers/paths';
import { serveDir, type StaticServer } from '../helpers/static-server';

const SITE = process.env['SITE_BUILD_DIR'] ?? BUILD_DIR;
const GOAL_STATE = fs.readFileSync(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'), 'utf8');
const CAPTURED_GOAL_STATE = fs.readFileSync(path.join(CORPUS, 'hibernate', 'goal_state_1', 'GoalState.xml'), 'utf8');
const HEALTH = fs.readFileSync(path.join(EXAMPLES, 'Health', 'provisioning-failed.xml'), 'utf8');
const EXT_CONF = fs.readFileSync(path.join(CORPUS, 'wire', 'ext_conf_redact.xml'), 'utf8');

let server: StaticServer;
let context: BrowserContext;
/** Every context opened by a test; closed after it even when an assertion failed, so no Chromium outlives the run. */
const openContexts = new Set<BrowserContext>();

before(async () => {
  server = await serveDir(SITE);
});

afterEach(async () => {
  await Promise.all([...openContexts].map((c) => c.close().catch(() => undefined)));
  openContexts.clear();
});

after(async () => {
  await server?.close();
});

/** Starts Chromium with a fresh profile (its --user-data-dir) and returns its page. */
async function freshPage(): Promise<Page> {
  context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    serviceWorkers: 'allow',
  });
  openContexts.add(context);
  return context.pages()[0] ?? (await context.newPage());
}

/** Starts Chromium with a fresh profile and opens the validator. */
async function openValidator(hash = ''): Promise<Page> {
  const page = await freshPage();
  await page.goto(`${server.url}/validate${hash}`);
  await page.getByTestId('editor').waitFor();
  return page;
}

async function verdict(page: Page, pattern: RegExp): Promise<string> {
  await page.getByTestId('verdict').filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
  return page.getByTestId('verdict').innerText();
}

describe('validator page', () => {
  it('validates a pasted document as one types, marks the line and links to the spec', async () => {
    const page = await openValidator();
    await page.getByTestId('editor').fill(GOAL_STATE);
    assert.match(await verdict(page, /^Valid/), /^Valid GoalState \(schemas\/goal-state\.xsd\): 0 errors, 0 warnings/);
    await page.getByTestId('editor').fill(GOAL_STATE.replace('<Incarnation>1<', '<Incarnation>one<'));
    await verdict(page, /^Invalid/);
    const finding = page.getByTestId('findings').locator('li').first();
    assert.equal(await finding.getAttribute('data-code'), 'schema-violation');
    assert.match(await finding.innerText(), /^5:3\s*error: `<Incarnation>` must be a whole number, got `one`/);
    assert.equal(await page.getByTestId('gutter').locator('[data-line="5"]').getAttribute('data-mark'), 'error');
    assert.equal(await page.getByTestId('gutter').locator('[data-line="4"]').getAttribute('data-mark'), null);
    const href = await finding.getByTestId('spec-link').getAttribute('href');
    assert.equal(href, '/docs/wireserver/goalstate#el-GoalState-Incarnation');
    const specHtml = fs.readFileSync(path.join(SITE, 'docs', 'wireserver', 'goalstate', 'index.html'), 'utf8');
    assert.match(specHtml, /id="el-GoalState-Incarnation"/, 'the anchor exists on the spec page');
    assert.equal(
      await finding.getByRole('link', { name: '[schema-violation]' }).getAttribute('href'),
      '/docs/tools/validator#schema-violation',
    );
    await finding.getByRole('button').click();
    const selected = await page
      .getByTestId('editor')
      .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.equal(selected, '<Incarnation>one</Incarnation>');
    await context.close();
  });

  it('validates JSON documents (vmSettings, provisioning health) with line and column', async () => {
    const page = await openValidator();
    await page.getByTestId('editor').fill(fs.readFileSync(path.join(EXAMPLES, 'vmSettings', 'fast-track.json'), 'utf8'));
    assert.match(await verdict(page, /^Valid/), /^Valid vmSettings \(schemas\/vm-settings\.schema\.json\): 0 errors/);
    await page.getByTestId('editor').fill('{\n  "state": "Started"\n}');
    await verdict(page, /^Invalid/);
    const finding = page.getByTestId('findings').locator('li').first();
    assert.equal(await finding.getAttribute('data-code'), 'schema-violation');
    assert.match(await finding.innerText(), /^2:12\s*error: \/state has the value `Started`, which is not one of `Ready` or `NotReady`/);
  });

  it('refuses a DOCTYPE and reports binary garbage without a crash', async () => {
    const page = await openValidator();
    await page.getByTestId('editor').fill('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<GoalState>&e;</GoalState>');
    await verdict(page, /^Invalid/);
    assert.equal(await page.getByTestId('findings').locator('li').first().getAttribute('data-code'), 'doctype-forbidden');
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'garbage.xml', mimeType: 'application/octet-stream', buffer: Buffer.from([0x3c, 0x47, 0x00, 0xff, 0xfe]) });
    await page
      .getByTestId('status')
      .filter({ hasText: /garbage\.xml: invalid UTF-8/ })
      .waitFor();
    await context.close();
  });

  it('validates several files as one bundle and warns about a stale Health report', async () => {
    const page = await openValidator();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'GoalState.xml', mimeType: 'text/xml', buffer: Buffer.from(CAPTURED_GOAL_STATE) },
      {
        name: 'Health.xml',
        mimeType: 'text/xml',
        buffer: Buffer.from(HEALTH.replace(/<GoalStateIncarnation>\d+</, '<GoalStateIncarnation>9<')),
      },
    ]);
    await page.getByRole('tab', { name: /Health\.xml/ }).click();
    assert.match(await verdict(page, /Health/), /^Valid Health .*0 errors, 1 warnings/);
    assert.equal(await page.getByTestId('findings').locator('li').first().getAttribute('data-code'), 'health-incarnation-mismatch');
    await context.close();
  });

  it('round-trips the documents through the permalink fragment', async () => {
    const page = await openValidator();
    await page.getByTestId('editor').fill(GOAL_STATE);
    await page.getByTestId('add-document').click();
    await page.getByTestId('editor').fill(HEALTH);
    await page.getByTestId('share').click();
    const link = await page.getByTestId('permalink').inputValue();
    assert.match(link, /\/validate#docs=[A-Za-z0-9_-]+$/);
    assert.ok(link.length < GOAL_STATE.length + HEALTH.length, 'the fragment is compressed');
    await context.close();
    const second = await openValidator(link.slice(link.indexOf('#')));
    await second.getByTestId('status').filter({ hasText: 'Loaded 2 documents from the link.' }).waitFor();
    assert.equal(await second.getByTestId('editor').inputValue(), GOAL_STATE);
    await second.getByRole('tab', { name: /document-2\.xml/ }).click();
    assert.equal(await second.getByTestId('editor').inputValue(), HEALTH);
    await context.close();
  });

  it('--strict makes the open-world warnings errors, and the permalink keeps it', async () => {
    const page = await openValidator();
    const unknown = GOAL_STATE.replace('<Machine>', '<Region>westus2</Region><Machine>');
    await page.getByTestId('editor').fill(unknown);
    assert.match(await verdict(page, /^Valid/), /^Valid GoalState .*: 0 errors, 1 warnings$/);
    await page.getByTestId('strict').check();
    assert.match(await verdict(page, /^Invalid/), /^Invalid GoalState .*: 1 errors, 0 warnings \(strict\)$/);
    assert.equal(await page.getByTestId('findings').locator('li').first().getAttribute('data-severity'), 'error');
    assert.equal(page.workers().length, 1, 'one validation worker, kept for every check');
    await page.getByTestId('share').click();
    const link = await page.getByTestId('permalink').inputValue();
    assert.match(link, /#docs=[A-Za-z0-9_-]+&strict=1$/);
    await context.close();
    const second = await openValidator(link.slice(link.indexOf('#')));
    assert.match(await verdict(second, /^Invalid/), /\(strict\)$/);
    assert.equal(await second.getByTestId('strict').isChecked(), true);
    await second.getByTestId('strict').uncheck();
    assert.match(await verdict(second, /^Valid/), /1 warnings$/);
    await context.close();
  });

  it('redacts secrets before sharing, and the redacted document stays valid', async () => {
    const page = await openValidator();
    await page.getByTestId('editor').fill(EXT_CONF);
    await verdict(page, /Extensions/);
    await page.getByTestId('redact').click();
    await page.getByTestId('status').filter({ hasText: 'Redacted: 5 secrets removed' }).waitFor();
    const text = await page.getByTestId('editor').inputValue();
    assert.doesNotMatch(text, /sig=9Zz|"protectedSettings": "MII/);
    assert.equal(text.split('\n').length, EXT_CONF.split('\n').length);
    assert.match(await verdict(page, /Extensions/), /^Valid Extensions/);
    await context.close();
  });

  it('a hovered link to /validate elsewhere starts no worker, and a client-side visit to it validates', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/docs/intro`);
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
    const link = page.getByRole('navigation').getByRole('link', { name: 'Validator', exact: true });
    // Hovering preloads the page's code, which evaluates the page module: it must not start a worker there.
    const pageChunk = page.waitForResponse((response) => /\/assets\/js\/.*\.js$/.test(response.url()), { timeout: 10_000 });
    await link.hover();
    await pageChunk;
    await page.waitForTimeout(500);
    assert.deepEqual(
      page.workers().map((w) => w.url()),
      [],
    );
    await link.click();
    await page.getByTestId('editor').fill(GOAL_STATE);
    assert.match(await verdict(page, /^Valid/), /^Valid GoalState/);
    assert.equal(page.workers().length, 1);
    await context.close();
  });

  it("starts its worker with the page on /validate, before the validator's code: with that code blocked, the worker still runs", async () => {
    const page = await freshPage();
    let blocked = 0;
    // The validator component's chunk is the one script that renders the editor.
    await page.route('**/assets/js/*.js', async (route) => {
      const response = await route.fetch();
      if ((await response.text()).includes('"data-testid":"editor"')) {
        blocked += 1;
        return route.abort();
      }
      return route.fulfill({ response });
    });
    await page.goto(`${server.url}/validate`);
    await page
      .getByRole('alert')
      .filter({ hasText: /^The validator failed to load/ })
      .waitFor();
    assert.ok(blocked > 0, "the validator's chunk was never requested");
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /validator-worker/.test(e.name)));
    assert.equal(page.workers().length, 1);
    assert.equal(await page.getByTestId('editor').count(), 0);
    await context.close();
  });

  it('works offline once loaded', async () => {
    const page = await openValidator();
    await page.getByTestId('editor').fill(GOAL_STATE);
    await verdict(page, /^Valid/);
    await page.locator('[data-offline="ready"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('editor').fill(GOAL_STATE.replace('<Incarnation>1<', '<Incarnation>x<'));
    await verdict(page, /^Invalid GoalState/);
    await context.close();
  });
});

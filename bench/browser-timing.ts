/**
 * Times the built /validate page in Chromium (fresh profile, headless, loopback only): from setting
 * the editor's content to the verdict naming the document, as the page shows it (including the
 * page's debounce after the last edit and the start of the xmllint-wasm worker).
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDir } from '../test/helpers/static-server';

/** Chromium's flags: headless, no sandbox (root on CI), and no traffic beyond the loopback server. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The page's wait after the last edit before it validates (`DEBOUNCE_MS` in site/validator/Validator.tsx). */
export const PAGE_DEBOUNCE_MS = 250;

/** Timings of one document on the page, in milliseconds. */
export interface BrowserTimings {
  /** The first validation after the page loaded. */
  readonly first: number;
  /** Every later run, in order. */
  readonly runs: readonly number[];
}

/**
 * Serves `siteDir` with the tests' static server, opens /validate and times `runs + 1` validations
 * of `text`, clearing the editor between runs.
 * @param siteDir - The built site (`build/`).
 * @param text - The document.
 * @param verdict - What the verdict must match once the document is validated.
 * @param runs - Timed runs after the first.
 */
export async function timeValidatorPage(siteDir: string, text: string, verdict: RegExp, runs: number): Promise<BrowserTimings> {
  const server = await serveDir(siteDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${server.url}/validate`);
    await page.getByTestId('editor').waitFor();
    const times: number[] = [];
    for (let i = 0; i <= runs; i += 1) {
      await page.getByTestId('editor').fill('');
      await page.getByTestId('verdict').filter({ hasText: /^Paste/ }).waitFor();
      // The clock starts at the editor's input event and stops when the verdict names the document.
      const done = page.evaluate((pattern) => new Promise<number>((resolve, reject) => {
        const area = document.querySelector('[data-testid="editor"]');
        const shown = document.querySelector('[data-testid="verdict"]');
        if (!area || !shown) return reject(new Error('the validator page has no editor or verdict'));
        const expected = new RegExp(pattern);
        let start: number | undefined;
        area.addEventListener('input', () => { start ??= performance.now(); }, { capture: true });
        const timer = setTimeout(() => reject(new Error(`no verdict after 30 s: ${shown.textContent ?? ''}`)), 30_000);
        const observer = new MutationObserver(() => {
          if (start === undefined || !expected.test(shown.textContent ?? '')) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - start);
        });
        observer.observe(shown, { childList: true, characterData: true, subtree: true });
        return undefined;
      }), verdict.source);
      await page.getByTestId('editor').fill(text);
      times.push(await done);
    }
    const [first = 0, ...rest] = times;
    return { first, runs: rest };
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

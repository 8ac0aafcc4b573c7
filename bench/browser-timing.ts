/**
 * Times the built /validate page in Chromium (fresh profile, headless, loopback only): for each
 * edit, the time from the editor's input event to the verdict naming the document, and the page's
 * own figure for the part after its debounce (`data-elapsed-ms` on the verdict: from the end of the
 * debounce to the verdict in the DOM, the worker's round trip included); and the first verdict
 * after a cold page load of a permalink (`data-shown-at`: milliseconds since navigation started).
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium';
import { serveDir, type StaticServer } from '../test/helpers/static-server';

export { DEBOUNCE_MS as PAGE_DEBOUNCE_MS } from '../site/validator/debounce';

/** One timed edit. */
export interface EditTiming {
  /** From the input event to the verdict, debounce included, in milliseconds. */
  readonly total: number;
  /** From the end of the page's debounce to the verdict in the DOM, as the page measured it. */
  readonly afterDebounce: number;
}

/** Timings of one document on the page. */
export interface BrowserTimings {
  /** The first validation after the page loaded (the worker may still be compiling schemas). */
  readonly first: EditTiming;
  /** Every later run, in order. */
  readonly runs: readonly EditTiming[];
}

async function withPage<T>(siteDir: string, use: (page: Page, url: string) => Promise<T>): Promise<T> {
  const server: StaticServer = await serveDir(siteDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const page = context.pages()[0] ?? (await context.newPage());
    return await use(page, server.url);
  } finally {
    await context?.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Serves `siteDir` with the tests' static server, opens /validate and times `runs + 1` validations
 * of `text`, clearing the editor between runs.
 * @param siteDir - The built site (`build/`).
 * @param text - The document.
 * @param verdict - What the verdict must match once the document is validated.
 * @param runs - Timed runs after the first.
 */
export function timeValidatorPage(siteDir: string, text: string, verdict: RegExp, runs: number): Promise<BrowserTimings> {
  return withPage(siteDir, async (page, url) => {
    await page.goto(`${url}/validate`);
    await page.getByTestId('editor').waitFor();
    const times: EditTiming[] = [];
    for (let i = 0; i <= runs; i += 1) {
      await page.getByTestId('editor').fill('');
      await page
        .getByTestId('verdict')
        .filter({ hasText: /^Paste/ })
        .waitFor();
      // The clock starts at the editor's input event and stops when the verdict names the document.
      const done = page.evaluate(
        (pattern) =>
          new Promise<EditTiming>((resolve, reject) => {
            const area = document.querySelector('[data-testid="editor"]');
            const shown = document.querySelector<HTMLElement>('[data-testid="verdict"]');
            if (!area || !shown) return reject(new Error('the validator page has no editor or verdict'));
            const expected = new RegExp(pattern);
            let start: number | undefined;
            area.addEventListener(
              'input',
              () => {
                start ??= performance.now();
              },
              { capture: true },
            );
            const timer = setTimeout(() => reject(new Error(`no verdict after 30 s: ${shown.textContent ?? ''}`)), 30_000);
            const observer = new MutationObserver(() => {
              if (start === undefined || !expected.test(shown.textContent ?? '') || shown.dataset['elapsedMs'] === undefined) return;
              const total = performance.now() - start;
              observer.disconnect();
              clearTimeout(timer);
              resolve({ total, afterDebounce: Number(shown.dataset['elapsedMs']) });
            });
            observer.observe(shown, { childList: true, characterData: true, subtree: true, attributes: true });
            return undefined;
          }),
        verdict.source,
      );
      await page.getByTestId('editor').fill(text);
      times.push(await done);
    }
    const [first = { total: 0, afterDebounce: 0 }, ...rest] = times;
    return { first, runs: rest };
  });
}

/**
 * Opens /validate with a permalink fragment in a fresh profile (nothing cached) and returns when
 * the first verdict was shown, in milliseconds since navigation started.
 * @param siteDir - The built site (`build/`).
 * @param fragment - The permalink fragment, without `#`.
 * @param verdict - What the verdict must match.
 */
export function timeColdLoad(siteDir: string, fragment: string, verdict: RegExp): Promise<number> {
  return withPage(siteDir, async (page, url) => {
    await page.goto(`${url}/validate#${fragment}`);
    const shown = page.getByTestId('verdict').filter({ hasText: verdict });
    await shown.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="verdict"]')?.dataset['shownAt'] !== undefined);
    return Number(await shown.getAttribute('data-shown-at'));
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDir } from '/work/wt/open2/test/helpers/static-server';
(async () => {
  const server = await serveDir('/work/wt/open2/build');
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'], serviceWorkers: 'allow' });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.on('console', (m) => console.log('CONSOLE', m.type(), m.text().slice(0, 300)));
    page.on('requestfailed', (r) => console.log('FAILED', r.url()));
    page.on('worker', (w) => { console.log('WORKER', w.url()); w.on('close', () => console.log('WORKER CLOSED')); });
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    page.on('requestfinished', (r) => { if (r.url().includes('/assets/js/8.') || r.url().includes('4748')) console.log('FINISHED', r.url(), r.frame() ? 'frame' : 'worker'); });
    await page.goto(`${server.url}/validate`);
    await page.getByTestId('editor').fill(fs.readFileSync('/work/wt/open2/examples/GoalState/vm-with-extensions.xml', 'utf8'));
    try { await page.locator('[data-offline="ready"]').waitFor({ timeout: 20000 }); } catch (e) { console.log('NOT READY', await page.getByTestId('verdict').innerText(), '|', await page.getByTestId('status').innerText(), await page.evaluate(() => document.querySelector('[data-offline]')?.outerHTML.slice(0, 100))); }
    console.log(await page.evaluate(async () => (await (await caches.open('wireserver-validator-v1')).keys()).map((r) => r.url)));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('editor').fill('<GoalState/>');
    await page.waitForTimeout(5000);
    const url = (await page.evaluate(async () => (await (await caches.open('wireserver-validator-v1')).keys()).map((r) => r.url))).find((u) => u.includes('/assets/js/8.')) ?? '';
    console.log('FETCH', await page.evaluate(async (u) => { try { const r = await fetch(u); return r.status + ' ' + (await r.text()).length; } catch (e) { return String(e); } }, url));
    console.log('WORKERTRY', await page.evaluate((u) => new Promise((res) => { const w = new Worker(u); w.onerror = (e) => res('error ' + e.message); setTimeout(() => res('no error in 3s'), 3000); }), url));
    console.log(await page.evaluate(async () => ({ controller: navigator.serviceWorker.controller?.scriptURL, failed: (window as any).__f })));
    for (const sw of context.serviceWorkers()) console.log('SW', sw.url());
    console.log(await page.getByTestId('verdict').innerText(), await page.getByTestId('status').innerText());
  } finally { await context.close(); await server.close(); }
})();

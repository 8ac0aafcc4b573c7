import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDir } from '/work/wt/open2/test/helpers/static-server';
(async () => {
  const server = await serveDir('/work/wt/open2/build');
  for (let i = 0; i < 6; i++) {
    const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-')), { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'], serviceWorkers: 'allow' });
    const page = context.pages()[0] ?? await context.newPage();
    const log: string[] = [];
    page.on('console', (m) => log.push(`console ${m.type()} ${m.text().slice(0, 200)}`));
    page.on('pageerror', (e) => log.push(`pageerror ${e.message}`));
    page.on('worker', (w) => { log.push(`worker ${w.url().slice(-40)}`); w.on('close', () => log.push('worker closed')); });
    await page.goto(`${server.url}/validate`);
    await page.getByTestId('editor').waitFor();
    const t = Date.now();
    await page.getByTestId('editor').fill(fs.readFileSync('/work/wt/open2/examples/vmSettings/fast-track.json', 'utf8'));
    try { await page.getByTestId('verdict').filter({ hasText: /^Valid/ }).waitFor({ timeout: 15000 }); console.log(i, 'ok', Date.now() - t); } catch { console.log(i, 'FAIL', await page.getByTestId('verdict').innerText(), '|', await page.getByTestId('status').innerText(), log); }
    await context.close();
  }
  await server.close();
})();

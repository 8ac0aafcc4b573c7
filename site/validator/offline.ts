/**
 * Offline support: registers the validator's service worker (static/validate-sw.js, scope
 * /validate) and stores the page and every same-origin asset it has loaded (scripts, styles, the
 * xmllint worker and its wasm) in the worker's cache.
 */

/** The cache the service worker reads; keep in step with static/validate-sw.js. */
export const VALIDATOR_CACHE = 'wireserver-validator-v1';

/**
 * Registers the service worker and caches what the page has loaded so far.
 * @param baseUrl - The site's base URL (`/`).
 */
export async function enableOffline(baseUrl: string): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  await navigator.serviceWorker.register(`${baseUrl}validate-sw.js`, { scope: `${baseUrl}validate` });
  const urls = new Set([location.pathname]);
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === location.origin) urls.add(url.pathname);
  }
  const cache = await caches.open(VALIDATOR_CACHE);
  await Promise.all(Array.from(urls).map(async (url) => {
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response);
  }));
}

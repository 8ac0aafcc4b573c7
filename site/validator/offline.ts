/**
 * Offline support: registers the validator's service worker (static/validate-sw.js, scope
 * /validate) and stores the page and every same-origin asset it has loaded (scripts, styles, the
 * validation worker and the engine it loaded) in the service worker's cache.
 */

/** The cache the service worker reads; keep in step with static/validate-sw.js. */
export const VALIDATOR_CACHE = 'wireserver-validator-v1';

/**
 * Registers the service worker and caches what the page has loaded so far.
 * @param baseUrl - The site's base URL (`/`).
 * @param workerResources - URLs the validation worker loaded (not in the page's own resource timings).
 */
export async function enableOffline(baseUrl: string, workerResources: readonly string[] = []): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  await navigator.serviceWorker.register(`${baseUrl}validate-sw.js`, { scope: `${baseUrl}validate` });
  const urls = new Set([location.pathname]);
  for (const name of [...performance.getEntriesByType('resource').map((entry) => entry.name), ...workerResources]) {
    const url = new URL(name, location.href);
    if (url.origin === location.origin && url.protocol === location.protocol) urls.add(url.pathname);
  }
  const cache = await caches.open(VALIDATOR_CACHE);
  await Promise.all(
    Array.from(urls).map(async (url) => {
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    }),
  );
}

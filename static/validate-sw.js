/*
 * Service worker of the validator page (/validate), registered with scope /validate so it controls
 * that page only. It answers the page's own requests (HTML, scripts, the validation worker and its WebAssembly engine)
 * from the network, and from the cache when offline. The page fills the cache after it loads
 * (site/validator/offline.ts), so a second visit works with no network at all.
 */
const CACHE = 'wireserver-validator-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    } catch (error) {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      throw error;
    }
  })());
});

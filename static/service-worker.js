// Offline use: every file of one build in a cache named after the build, so a
// reload with no network starts the app and opens a sample. The build step
// (scripts/service-worker.mjs) writes dist/service-worker.js as this file
// after two constants: BUILD, a digest of every file in dist/, and FILES,
// their paths. Any change to the build changes this script, which is how the
// browser finds a new build when it checks for updates at each visit.
// It takes over when no page runs the build before (static/offline.js).
/* global BUILD, FILES */

// URLs resolve against the scope: the app may be served from any sub-path.
const SCOPE = self.registration.scope;
// Cache Storage is per origin, which several sites may share (GitHub Pages):
// the names carry the scope, and only this scope's old builds are deleted.
const PREFIX = `takedown-explorer ${SCOPE} `;
const CACHE = PREFIX + BUILD;
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  // Past the HTTP cache: an older copy of a file must not enter a newer build.
  const requests = FILES.map((file) => new Request(new URL(file, SCOPE), { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(old.map((name) => caches.delete(name)));
    // This build activates only when no page runs an older one (no
    // skipWaiting), so claiming takes over no running page of another build:
    // it makes the first visit's page use the cache.
    await self.clients.claim();
  })());
});

// Cache first, from this build's own copy, the page (index.html) too: a page
// from the network with files from the cache would mix two builds. A file
// missing from the cache (it was evicted) comes from the network.
self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  const page = request.mode === 'navigate' && (url.href === SCOPE || url.href === INDEX);
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(page ? INDEX : request))
      .then((hit) => hit ?? fetch(request)),
  );
});

// The page's side of offline use. service-worker.js (written at build time by
// scripts/service-worker.mjs) keeps every file of one build in a cache of its
// own. A newer build installs beside it in the background and waits, as
// browsers make it, until no page runs the older one: a running page never
// changes build, for its worker and reader scripts must match its app.

const SCRIPT = new URL('service-worker.js', import.meta.url);
const SCOPE = new URL('./', import.meta.url);

/**
 * Registers the service worker, which installs in the background, and asks
 * for a newer build now: browsers otherwise check when they see fit.
 */
export async function register() {
  // No service workers outside a secure context (http:// other than localhost).
  if (!navigator.serviceWorker) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(SCRIPT, { scope: SCOPE.href });
  } catch (error) {
    console.warn(`Takedown Explorer will not work offline: ${error}`);
    return;
  }
  // Offline, or the server is gone: the build in the cache goes on.
  registration.update().catch(() => {});
}

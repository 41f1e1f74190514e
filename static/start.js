// Starts the app: the page's only script, a file rather than Trunk's inline
// loader, so that the Content-Security-Policy allows no inline script.
import init from './app.js';
import { register } from './offline.js';

await init({ module_or_path: new URL('app_bg.wasm', import.meta.url) });
// After the app has its files: the first visit's copy for offline use then
// does not compete with them for the network.
register();

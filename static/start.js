// Starts the app: the page's only script, a file rather than Trunk's inline
// loader, so that the Content-Security-Policy allows no inline script.
const { default: init } = await import('./app.js');
await init({ module_or_path: new URL('app_bg.wasm', import.meta.url) });

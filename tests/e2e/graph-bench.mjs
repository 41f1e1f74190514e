// The network drawing's benchmark: a file loaded through the page, its
// Coordination tab opened with the defaults, then
// - how long the network, the first drawing and a settled layout take;
// - frames a second while the layout streams in, and while the view is
//   zoomed in and out once a frame (every frame a full redraw), counted from
//   the browser's own animation frames, with the drawings the canvas made.
// Run by scripts/bench-graph: `node tests/e2e/graph-bench.mjs FILE [SECONDS]`.
import { basename, resolve } from 'node:path';
import { loadAndWait, metric, startHarness } from './harness.mjs';

const file = resolve(process.argv[2]);
const seconds = Number(process.argv[3] ?? 5);
const h = await startHarness();
const { page, errors } = await h.open();
await page.setViewportSize({ width: 1280, height: 900 });
const loadStart = Date.now();
await loadAndWait(page, [file]);
const loadMs = Date.now() - loadStart;

/** Starts recording animation frames; `stop()` returns their times. */
const recordFrames = () => page.evaluate(() => {
  window.__frames = [];
  window.__recording = true;
  const tick = (t) => {
    window.__frames.push(t);
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
const stopFrames = () => page.evaluate(() => {
  window.__recording = false;
  return window.__frames;
});
const draws = () => page.evaluate(() => Number(document.querySelector('.graph-canvas canvas:not(.graph-under)')?.dataset.draws ?? 0));

function rate(frames) {
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const span = frames.at(-1) - frames[0];
  return {
    fps: ((frames.length - 1) / (span / 1000)).toFixed(1),
    medianMs: gaps[gaps.length >> 1]?.toFixed(1),
    worstMs: gaps.at(-1)?.toFixed(1),
  };
}

await recordFrames();
const opened = await page.evaluate(() => performance.now());
await page.click('#tab-coordination');
await page.waitForSelector('[data-metric="edges"]', { timeout: 600_000 });
const networkAt = await page.evaluate(() => performance.now());
await page.waitForFunction(() => Number(document.querySelector('.network-graph')?.dataset.updates) > 0, null, { timeout: 600_000 });
const firstAt = await page.evaluate(() => performance.now());
await page.waitForSelector('.network-graph[data-settled="true"]', { timeout: 1_800_000 });
const settledAt = await page.evaluate(() => performance.now());
const settling = (await stopFrames()).filter((t) => t >= firstAt && t <= settledAt);
const updates = Number(await page.getAttribute('.network-graph', 'data-updates'));
const edges = Number(await metric(page, 'edges'));
const nodes = Number(await metric(page, 'nodes'));

// Zoom in and out once a frame, from inside the page, so that nothing but the
// page's own work paces the frames: at the fit of the whole network, then
// 1.25^6 (3.8×) and 1.25^12 (15×) closer in on its middle.
const zoomAt = (steps) => page.evaluate(([steps, ms]) => new Promise((done) => {
  const canvas = document.querySelector('.graph-canvas canvas:not(.graph-under)');
  const box = canvas.getBoundingClientRect();
  const wheel = (deltaY) => canvas.dispatchEvent(new WheelEvent('wheel', {
    deltaY, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, cancelable: true,
  }));
  for (let i = 0; i < steps; i++) wheel(-100);
  const frames = [];
  let end = 0;
  const frame = (t) => {
    frames.push(t);
    if (!end) end = t + ms;
    if (t >= end) return done(frames);
    wheel(frames.length % 2 ? -100 : 100);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}), [steps, seconds * 1000]);
const zooms = [];
for (const [label, steps] of [['fit', 0], ['3.8x', 6], ['15x', 6]]) {
  const before = await draws();
  const frames = await zoomAt(steps);
  zooms.push({ label, frames, draws: (await draws()) - before - steps });
}

const ms = (t) => Math.round(t - opened);
console.log(`file ${basename(file)}, loaded in ${(loadMs / 1000).toFixed(1)} s`);
console.log(`co_retweet at 60 s, weight 2: ${nodes} accounts, ${edges} pairs`);
console.log(`tab opened -> figures ${ms(networkAt)} ms, first drawing ${ms(firstAt)} ms, settled ${ms(settledAt)} ms (${updates} position updates)`);
const s = rate(settling);
console.log(`while settling: ${s.fps} frames/s (median ${s.medianMs} ms, worst ${s.worstMs} ms between frames)`);
for (const { label, frames, draws } of zooms) {
  const z = rate(frames);
  console.log(`zooming at ${label}: ${z.fps} frames/s (median ${z.medianMs} ms, worst ${z.worstMs} ms), ${draws} drawings for ${frames.length - 1} zoom steps`);
}
if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
await h.close();

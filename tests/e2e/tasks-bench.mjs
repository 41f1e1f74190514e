// The main thread's tasks while a release loads and its overview is drawn,
// RUNS times (6 unless given) each way: in a Chromium trace over the DevTools
// protocol, each task of the page's main thread over 8 ms in order, named by
// what it ran (`message` from the worker, `timer`, `frame` for style, layout
// and paint, `event`, `other`), with the layout forced inside it; then, in
// loads without the trace (which slows the page), the tasks of 50 ms or more
// that Chromium's long-task observer saw until the overview was drawn.
// `node tests/e2e/tasks-bench.mjs [RUNS] [FILE...]`, the Thailand release
// unless given; BENCHMARKS.md has the figures ("The main thread after a load").
import { resolve } from 'node:path';
import { THAILAND, load, startHarness } from './harness.mjs';

const runs = Number(process.argv[2] ?? 6);
const files = process.argv.length > 3 ? process.argv.slice(3).map((f) => resolve(f)) : THAILAND;
const h = await startHarness();
const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline';

/** What a task ran, from the trace events inside it. */
function kind(inside) {
  if (inside.HandlePostMessage) return 'message';
  if (inside.TimerFire) return 'timer';
  if (inside.Layout || inside.Paint) return 'frame';
  return inside.EventDispatch ? 'event' : 'other';
}

/** Loads the files in a fresh page and waits until the overview is drawn and has settled. */
async function loadAll(page) {
  await load(page, files);
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 600_000 });
  await page.waitForSelector('.overview .heatmap');
  await page.waitForTimeout(400);
}

for (let run = 0; run < runs; run++) {
  const { page } = await h.open();
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await loadAll(page);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  // The page's main thread: of the renderers' main threads traced, the busiest.
  const busy = new Map();
  for (const e of events) {
    if (e.name === 'RunTask' && e.ph === 'X') busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  }
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const main = mains.reduce((a, b) => ((busy.get(b) ?? 0) > (busy.get(a) ?? 0) ? b : a));
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur > 8000).map((task) => {
    const inside = {};
    for (const e of onMain) {
      if (e !== task && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) {
        inside[e.name] = (inside[e.name] ?? 0) + e.dur;
      }
    }
    const name = kind(inside);
    const forced = name !== 'frame' && inside.Layout ? ` (layout ${Math.round(inside.Layout / 1000)})` : '';
    return `${name} ${Math.round(task.dur / 1000)}${forced}`;
  });
  console.log(`traced load ${run + 1}: ${tasks.join(', ')} ms`);
}
for (let run = 0; run < runs; run++) {
  const { page } = await h.open();
  const clicked = await page.evaluate(() => performance.now());
  await loadAll(page);
  const long = await page.evaluate(
    (from) => window.__longTasks.filter((t) => t.start >= from).map((t) => ({
      ms: Math.round(t.duration), beforeReady: t.start < window.__statusAt.ready,
    })),
    clicked,
  );
  await page.close();
  const shown = long.map((t) => `${t.ms} ms${t.beforeReady ? ' before the ready status' : ''}`);
  console.log(`load ${run + 1}, tasks of 50 ms or more: ${shown.length ? shown.join(', ') : 'none'}`);
}
await h.close();

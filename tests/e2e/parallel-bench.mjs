// Would two files load sooner in two workers than one after the other in one?
// Loads FILE_A and FILE_B together in one page (one worker), then each in a page
// of its own at the same time (two workers). `node tests/e2e/parallel-bench.mjs A B`
import { basename, resolve } from 'node:path';
import { startHarness } from './harness.mjs';

const files = process.argv.slice(2, 4).map((f) => resolve(f));
const h = await startHarness();

/** Loads `chosen` in `page` and resolves with the worker's time, in seconds. */
async function load(page, chosen) {
  await page.setInputFiles('#file-input', chosen);
  await page.click('#load-button');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 600_000 });
  return Number(await page.getAttribute('.load-panel', 'data-elapsed-ms')) / 1000;
}

const one = await h.open();
const t0 = Date.now();
const together = await load(one.page, files);
const togetherWall = (Date.now() - t0) / 1000;
await one.page.close();

const [a, b] = [await h.open(), await h.open()];
const t1 = Date.now();
const apart = await Promise.all([load(a.page, [files[0]]), load(b.page, [files[1]])]);
const apartWall = (Date.now() - t1) / 1000;
await h.close();

const names = files.map((f) => basename(f)).join(' + ');
console.log(`one worker          ${names}: ${together.toFixed(2)} s in the worker, ${togetherWall.toFixed(2)} s from the click`);
console.log(`two workers         ${names}: ${apart.map((s) => s.toFixed(2)).join(' s and ')} s in the workers, ${apartWall.toFixed(2)} s from the clicks`);

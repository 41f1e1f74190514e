// End to end: the release build in dist/, served from a sub-path on 127.0.0.1,
// driven through its file input in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const SHOTS = join(ROOT, 'target/e2e');
const PORT = 18080 + (process.pid % 1000);
const PREFIX = '/takedown-explorer/';
const URL = `http://127.0.0.1:${PORT}${PREFIX}`;
const THAILAND = [
  'hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip',
  'hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip',
].map((f) => join(CORPUS, f));

let server, context;
const requests = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(join(ROOT, 'dist'), PORT, PREFIX);
  context = await launch();
  context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await context?.close();
  server?.close();
});

async function openApp() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    // Main-thread tasks over 50 ms, and when the app's status changed.
    window.__longTasks = [];
    window.__statusAt = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      const status = document.querySelector('.app')?.dataset.status;
      if (status) window.__statusAt[status] = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  });
  await page.goto(URL);
  await page.waitForSelector('.app[data-status="empty"]');
  await page.waitForSelector('#file-input', { state: 'attached' });
  return { page, errors };
}

async function load(page, files) {
  await page.setInputFiles('#file-input', files);
  await page.click('#load-button');
}

/** Long tasks from the click that started a load until the page showed its result. */
export async function longTasksWhileLoading(page, clicked) {
  return page.evaluate(
    (from) => window.__longTasks.filter((t) => t.start >= from && t.start < window.__statusAt.ready),
    clicked,
  );
}

const metric = (page, name) => page.getAttribute(`[data-metric="${name}"]`, 'data-value');

test('the page shows its shell from a sub-path', async () => {
  const { page, errors } = await openApp();
  assert.equal(await page.textContent('h1'), 'Takedown Explorer');
  await page.screenshot({ path: join(SHOTS, 'empty.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Thailand release loads through the file input with the right figures', async () => {
  const { page, errors } = await openApp();
  await page.setInputFiles('#file-input', THAILAND);
  assert.match(await page.textContent('.staged'), /thailand_092020/);
  const clicked = await page.evaluate(() => performance.now());
  await page.click('#load-button');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 60_000 });
  await page.waitForSelector('[data-campaign="thailand_092020"]');
  assert.equal(await metric(page, 'accounts'), '926');
  assert.equal(await metric(page, 'tweets'), '21385');
  assert.equal(await metric(page, 'rejected-rows'), '0');
  assert.equal(await metric(page, 'first-tweet'), '2015-10-12 13:03');
  assert.equal(await metric(page, 'last-tweet'), '2020-07-20 16:45');
  assert.match(await page.textContent('#load-status'), /22 311 rows/);
  assert.deepEqual(await longTasksWhileLoading(page, clicked), [], 'no main-thread task over 50 ms while loading');
  await page.screenshot({ path: join(SHOTS, 'thailand-overview.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a truncated file and a file that is not an archive are reported, the rest loads', async () => {
  const { page } = await openApp();
  await load(page, [join(CORPUS, 'russian_linked_tweets_csv_hashed.csv'), join(CORPUS, 'README.md')]);
  await page.waitForSelector('.app[data-status="ready"]');
  assert.equal(await metric(page, 'tweets'), '407');
  assert.equal(await metric(page, 'rejected-rows'), '1');
  const problem = await page.textContent('tr[data-file="README.md"] .problems');
  assert.match(problem, /not an information-operations archive/);
  await page.close();
});

test('cancel stops a load within a second and keeps what was loaded before', async () => {
  const { page } = await openApp();
  await load(page, [join(CORPUS, 'russian_linked_tweets_csv_hashed.csv')]);
  await page.waitForSelector('.app[data-status="ready"]');
  // A large generated file keeps the worker busy long enough to cancel it.
  const big = join(ROOT, 'target/e2e/cancel_tweets_csv_hashed.csv');
  const { execFileSync } = await import('node:child_process');
  execFileSync(join(ROOT, 'target/release/takedown'), ['generate', '300000', '500', big]);
  await load(page, [big]);
  await page.waitForSelector('#cancel-button');
  await page.waitForFunction(() => /Reading/.test(document.querySelector('#load-status')?.textContent ?? ''));
  const started = Date.now();
  await page.click('#cancel-button');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 5_000 });
  const took = Date.now() - started;
  assert.ok(took < 1000, `cancel took ${took} ms`);
  assert.match(await page.textContent('#load-status'), /cancelled/);
  assert.equal(await metric(page, 'tweets'), '407');
  assert.equal(await page.$('[data-campaign="cancel"]'), null);
  await page.close();
});

test('the page asks for nothing but its own files', () => {
  const foreign = requests.filter((u) => !u.startsWith(URL) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});

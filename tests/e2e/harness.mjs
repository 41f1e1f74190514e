// What the end-to-end tests share: dist/ served from a sub-path on 127.0.0.1,
// one headless Debian Chromium, every request the pages make, and helpers to
// open the app and load files through its file input.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CORPUS = resolve(ROOT, '../shared/corpus');
export const SHOTS = join(ROOT, 'target/e2e');
export const THAILAND = [
  'hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip',
  'hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip',
].map((f) => join(CORPUS, f));

export async function startHarness() {
  mkdirSync(SHOTS, { recursive: true });
  const port = 18080 + (process.pid % 1000);
  const prefix = '/takedown-explorer/';
  const server = await serve(process.env.DIST ?? join(ROOT, 'dist'), port, prefix);
  const context = await launch();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    /** Requests to anything but the server of dist/. */
    foreignRequests() {
      return requests.filter((u) => !u.startsWith(this.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    },
    async open(hash = '') {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.text().startsWith(CSP_VIOLATION) && errors.push(m.text()));
      await page.addInitScript(reportCspViolations, CSP_VIOLATION);
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
      await page.goto(this.url + hash);
      await page.waitForSelector('.app[data-status="empty"]');
      await page.waitForSelector('#file-input', { state: 'attached' });
      return { page, errors };
    },
    async close() {
      await context.close();
      server.close();
    },
  };
}

export const CSP_VIOLATION = 'Content-Security-Policy violation:';

/** Before a page's own scripts: logs what its Content-Security-Policy refused, for the tests to fail on. */
export function reportCspViolations(prefix) {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`${prefix} ${e.effectiveDirective} refused ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  });
}

/** The directives of the Content-Security-Policy that a page declares, by name. */
export async function contentSecurityPolicy(page) {
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  return Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

/** Chooses files through the page's file input and starts the load. */
export async function load(page, files) {
  await page.setInputFiles('#file-input', files);
  await page.click('#load-button');
}

export async function loadAndWait(page, files) {
  await load(page, files);
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 120_000 });
}

export const metric = (page, name) => page.getAttribute(`[data-metric="${name}"]`, 'data-value');

/** Long tasks from `since` until the page showed its loaded result. */
export function longTasksWhileLoading(page, since) {
  return page.evaluate(
    (from) => window.__longTasks.filter((t) => t.start >= from && t.start < window.__statusAt.ready),
    since,
  );
}

/** The one CSV member of a release zip, through its central directory. */
export function unzipOne(path) {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (;;) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const [method, size, nameLength, extra, comment, local] =
      [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name.endsWith('.csv') && !name.startsWith('__MACOSX')) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : data;
    }
    at += 46 + nameLength + extra + comment;
  }
}


// Offline use: after one visit, a reload with no network and no server starts
// the app and opens a sample, from a sub-path and from the root of
// `python3 -m http.server`; a new build takes over once no page runs the old
// one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP_VIOLATION, ROOT, metric, reportCspViolations } from './harness.mjs';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const DIST = process.env.DIST ?? join(ROOT, 'dist');

/** dist/ under a sub-path, on a port of the system's choosing. */
async function serveSubPath(dir, prefix) {
  const server = await serve(dir, 0, prefix);
  return {
    url: `http://127.0.0.1:${server.address().port}${prefix}`,
    stop() {
      server.close();
      server.closeAllConnections();
    },
  };
}

/** dist/ at the root of Python's static file server. */
async function servePython(dir) {
  const python = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise((found, failed) => {
    python.stdout.on('data', (line) => {
      const port = /port (\d+)/.exec(line)?.[1];
      if (port) found(port);
    });
    python.on('exit', (code) => failed(new Error(`python3 -m http.server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => python.kill() };
}

/** A page of the app, with what it logs as errors, once the app shows its empty state. */
async function open(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(reportCspViolations, CSP_VIOLATION);
  await page.goto(url);
  await page.waitForSelector('.app[data-status="empty"]');
  return { page, errors };
}

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);
/** Waits for a newer build to finish installing beside the one in use. */
const newBuildWaits = (page) => page.evaluate(async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  while (registration.waiting?.state !== 'installed') await new Promise((next) => setTimeout(next, 50));
});
const cacheNames = (page) => page.evaluate(() => caches.keys());
const fetchText = (page, path) => page.evaluate((p) => fetch(p).then((r) => r.text()), path);

/** Opens the smallest synthetic sample through the page's worker. */
async function openSample(page) {
  await page.click('[data-sample="synthetic_catalonia_201906_1"] button.open-sample');
  await page.waitForSelector('[data-campaign="synthetic_catalonia_201906_1"]');
}

async function offlineRoundTrip(server) {
  const context = await launch();
  try {
    const { page, errors } = await open(context, server.url);
    await controlled(page);

    await context.setOffline(true);
    server.stop();
    await page.reload();
    await page.waitForSelector('.app[data-status="empty"]');
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await openSample(page);
    assert.equal(await metric(page, 'accounts'), '130');
    assert.equal(await metric(page, 'tweets'), '650');
    assert.equal(await metric(page, 'rejected-rows'), '0');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

test('after one visit from a sub-path, the app starts and opens a sample with no network and no server', async () => {
  await offlineRoundTrip(await serveSubPath(DIST, '/some/sub/path/'));
});

test('after one visit to python3 -m http.server, the app starts and opens a sample with no network and no server', async () => {
  await offlineRoundTrip(await servePython(DIST));
});

test('a new build installs in the background and takes over at the next visit once no page runs the old one', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'takedown-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await serveSubPath(dir, '/takedown-explorer/');
  const context = await launch();
  try {
    const { page, errors } = await open(context, server.url);
    await controlled(page);
    const [oldCache] = await cacheNames(page);

    // Publish a new build: one file changes, and with it the service worker.
    appendFileSync(join(dir, 'reader.js'), '// the new build\n');
    execFileSync('node', [join(ROOT, 'scripts/service-worker.mjs'), dir]);
    const build = /const BUILD = "(\w+)"/.exec(readFileSync(join(dir, 'service-worker.js'), 'utf8'))[1];
    await page.reload();
    await page.waitForSelector('.app[data-status="empty"]');
    await newBuildWaits(page);

    // While pages run the old build, a reload and a second page keep it.
    const second = await open(context, server.url);
    await page.reload();
    await page.waitForSelector('.app[data-status="empty"]');
    assert.doesNotMatch(await fetchText(page, 'reader.js'), /the new build/);
    assert.deepEqual((await cacheNames(page)).sort(), [oldCache, oldCache.replace(/\S+$/, build)].sort());

    // Once no page runs the old build, the next visit has the new one and the old one is deleted.
    // The browser hands over a moment after the last old page has gone: a visit made at once
    // may still get the old build (the clean clone's CI saw it once), one a little later the new.
    await Promise.all([page.close(), second.page.close()]);
    const newCache = oldCache.replace(/\S+$/, build);
    let next;
    for (const deadline = Date.now() + 10_000; ;) {
      next = await open(context, server.url);
      await controlled(next.page);
      if (/the new build/.test(await fetchText(next.page, 'reader.js')) || Date.now() > deadline) break;
      await next.page.close();
      await new Promise((wait) => setTimeout(wait, 200));
    }
    assert.match(await fetchText(next.page, 'reader.js'), /the new build/);
    await next.page.waitForFunction((name) => caches.keys().then((k) => k.length === 1 && k[0] === name), newCache);
    assert.deepEqual(await cacheNames(next.page), [newCache]);
    assert.deepEqual([...errors, ...second.errors, ...next.errors], []);
  } finally {
    await context.close();
    server.stop();
    rmSync(dir, { recursive: true });
  }
});

// End to end: a large load shows its campaign taking shape while the rows
// arrive (tweets, accounts, tweets per month), not only once it is over.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHOTS, startHarness, load, metric } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const ROWS = 1_000_000;
const ACCOUNTS = 3000;

test('the figures of a large load grow while it reads', async () => {
  const big = join(SHOTS, 'live_tweets_csv_hashed.csv');
  execFileSync(join(ROOT, 'target/release/takedown'), ['generate', String(ROWS), String(ACCOUNTS), big]);
  const { page, errors } = await h.open();
  // Every change of the live figures, as the page showed it.
  await page.evaluate(() => {
    window.__live = [];
    new MutationObserver(() => {
      const figure = document.querySelector('.live-campaign');
      if (!figure) return;
      const seen = ['liveTweets', 'liveAuthors', 'liveMonths'].map((k) => Number(figure.dataset[k]));
      const last = window.__live.at(-1);
      if (!last || seen.some((v, i) => v !== last[i])) window.__live.push(seen);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await load(page, [big]);
  await page.waitForSelector('.live-campaign');
  await page.screenshot({ path: join(SHOTS, 'live-load.png') });
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 120_000 });
  const live = await page.evaluate(() => window.__live);
  assert.equal(await metric(page, 'tweets'), String(ROWS));
  assert.ok(live.length >= 2, `the figures changed ${live.length} time(s) while loading`);
  for (const [i, [tweets, authors, months]] of live.entries()) {
    assert.ok(tweets > 0 && tweets < ROWS, `sample ${i}: ${tweets} tweets, before the load ended`);
    assert.ok(authors > 0 && authors <= ACCOUNTS && authors <= tweets, `sample ${i}: ${authors} accounts`);
    assert.ok(months > 0, `sample ${i}: no month`);
    if (i > 0) {
      const [t0, a0, m0] = live[i - 1];
      assert.ok(tweets > t0 && authors >= a0 && months >= m0, `sample ${i} shrank: ${live[i - 1]} -> ${live[i]}`);
    }
  }
  assert.equal(await page.$('.live-campaign'), null, 'the live figures give way to the summary');
  assert.deepEqual(errors, []);
  await page.close();
  rmSync(big);
});

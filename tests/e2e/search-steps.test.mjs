// End to end: a search over a large campaign shows its first page, newest
// first, before it has read every tweet, says that it is still counting, and
// ends on the full count. The expected tweets are found with PapaParse over
// the generated file (lowercased text, newest first, then file order), not
// by this code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { ROOT, SHOTS, startHarness, loadAndWait } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

// A phrase, not a word: a word the generator writes is seen in most texts
// without folding them (core::sieve), and the count of 150 000 tweets would
// be done within the worker's first slice. Most of these texts hold н, one
// of the phrase's letters, but not the phrase as written, and are folded.
const PHRASE = 'новости правда';
const PAGE = 20;

test('a long search shows its newest page first, then its whole count', async () => {
  const big = join(SHOTS, 'search_steps_tweets_csv_hashed.csv');
  execFileSync(join(ROOT, 'target/release/takedown'), ['generate', '150000', '500', big]);
  const found = [];
  let columns, n = 0;
  Papa.parse(readFileSync(big, 'utf8'), {
    skipEmptyLines: true,
    step: ({ data: r }) => {
      if (!columns) columns = Object.fromEntries(r.map((name, i) => [name, i]));
      else if (r[columns.tweet_text].toLowerCase().includes(PHRASE)) found.push({ id: r[columns.tweetid], time: r[columns.tweet_time], n: n++ });
      else n++;
    },
  });
  found.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : a.n - b.n));
  const { page, errors } = await h.open();
  await loadAndWait(page, [big]);
  await page.click('#tab-tweets');
  await page.waitForSelector('#tweets-count[data-complete="true"]');
  // Every state of the count and the list, as the page showed it.
  await page.evaluate(() => {
    window.__states = [];
    new MutationObserver(() => {
      const count = document.querySelector('#tweets-count');
      if (!count) return;
      const ids = [...document.querySelectorAll('.tweets .tweet')].map((t) => t.dataset.tweet);
      const state = { total: Number(count.dataset.total), complete: count.dataset.complete === 'true', ids };
      const last = window.__states.at(-1);
      if (!last || JSON.stringify(last) !== JSON.stringify(state)) window.__states.push(state);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.fill('#tweet-search', `"${PHRASE}"`);
  await page.waitForFunction((n) => {
    const c = document.querySelector('#tweets-count');
    return c?.dataset.complete === 'true' && c.dataset.total === String(n);
  }, found.length, { timeout: 60_000 });
  const states = await page.evaluate(() => window.__states);
  const newest = found.slice(0, PAGE).map((r) => r.id);
  const counting = states.filter((s) => !s.complete && s.ids.length > 0 && s.total < found.length);
  assert.ok(found.length > PAGE, `${found.length} tweets hold the phrase`);
  assert.ok(counting.length >= 1, `a page shown while counting: ${JSON.stringify(states.map((s) => [s.total, s.complete]))}`);
  for (const s of counting) assert.deepEqual(s.ids, newest, `the page shown at ${s.total} found is the newest`);
  const totals = states.filter((s) => !s.complete).map((s) => s.total);
  assert.ok(totals.every((t, i) => i === 0 || t >= totals[i - 1]), `the count only grows: ${totals}`);
  const last = states.at(-1);
  assert.deepEqual([last.total, last.complete, last.ids], [found.length, true, newest]);
  const grouped = String(found.length).replace(/\B(?=(\d{3})+$)/g, ' ');
  assert.equal(await page.textContent('#tweets-count'), `1–${PAGE} of ${grouped} tweets`);
  await page.screenshot({ path: join(SHOTS, 'search-steps.png') });
  assert.deepEqual(errors, []);
  await page.close();
  rmSync(big);
});

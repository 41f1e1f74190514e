// End to end: the tweets' CSV export, from the Tweets tab (every tweet the
// search finds, not one page) and from an account page (that account's
// tweets). The expected tweet ids come from the release's own tweets file,
// unzipped and parsed here with Node's zlib and PapaParse as strings, never
// through the app's code nor through a JS number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { THAILAND, startHarness, loadAndWait, unzipOne } from './harness.mjs';


const parse = (text) => Papa.parse(text, { header: true, skipEmptyLines: true });
const release = parse(unzipOne(THAILAND[0]).toString('utf8')).data;
const COLUMNS = 'campaign,tweetid,userid,user_screen_name,tweet_time,kind,tweet_language,tweet_client_name,reference,'
  + 'hashtags,urls,user_mentions,like_count,retweet_count,reply_count,quote_count,tweet_text';
/** A word the search folds as toLowerCase does: ASCII. */
const WORD = 'army';
/** The campaign account mentioned most; its id has a `+`, which a formula guard would change. */
const INSIDE = '71fqNbaUiwCbBUFuJ6EfAKuw5FsDjoeacCywB+WAXc=';

let h, page, errors;
before(async () => {
  h = await startHarness();
  ({ page, errors } = await h.open());
  await loadAndWait(page, THAILAND);
});
after(async () => { await h?.close(); });

/** Clicks the list's export button; the downloaded file's name, header and records (BOM checked and removed). */
async function exportTweets() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.tweets-export')]);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
  const parsed = parse(bytes.subarray(3).toString('utf8'));
  assert.deepEqual(parsed.errors, []);
  return { name: download.suggestedFilename(), header: parsed.meta.fields.join(','), rows: parsed.data };
}

const sorted = (ids) => [...ids].sort();

test('a search exports every tweet whose text holds the word, not one page, ids as the file writes them', async () => {
  assert.equal(release.length, 21385, 'the release tweets, all parsed');
  const wanted = release.filter((r) => r.tweet_text.toLowerCase().includes(WORD));
  assert.ok(wanted.length > 20, `more than one page: ${wanted.length}`);
  await page.click('#tab-tweets');
  await page.fill('#tweet-search', WORD);
  await page.waitForSelector(`#tweets-count[data-total="${wanted.length}"]`, { timeout: 10_000 });
  const { name, header, rows } = await exportTweets();
  assert.match(name, /_tweets\.csv$/);
  assert.equal(header, COLUMNS, 'the CLI\'s columns');
  assert.equal(rows.length, wanted.length, 'no tweet twice, none left out');
  assert.deepEqual(sorted(rows.map((r) => r.tweetid)), sorted(wanted.map((r) => r.tweetid)));
  // Each row's ids are the file's, byte for byte.
  const byId = new Map(release.map((r) => [r.tweetid, r]));
  for (const r of rows) assert.equal(r.userid, byId.get(r.tweetid).userid, r.tweetid);
  assert.deepEqual(errors, []);
});

test('an account page exports exactly that account\'s tweets', async () => {
  const wanted = release.filter((r) => r.userid === INSIDE);
  assert.ok(wanted.length > 20, `more than one page: ${wanted.length}`);
  await page.click('#tab-accounts');
  await page.fill('#accounts-filter', INSIDE);
  await page.waitForSelector(`.account-table tbody tr[data-account="${INSIDE}"]`);
  await page.click(`tr[data-account="${INSIDE}"] button.link`);
  await page.waitForSelector(`.account-page[data-account="${INSIDE}"] .tweets-export`);
  const { header, rows } = await exportTweets();
  assert.equal(header, COLUMNS);
  assert.equal(rows.length, wanted.length);
  assert.ok(rows.every((r) => r.userid === INSIDE), 'only the account\'s tweets, its id exact');
  assert.deepEqual(sorted(rows.map((r) => r.tweetid)), sorted(wanted.map((r) => r.tweetid)));
  assert.deepEqual(errors, []);
});

test('"Copy figures" puts the headline figures on the clipboard as a table of the page\'s figures', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#tab-overview');
  await page.click('.copy-figures');
  await page.waitForSelector('.copy-figures:text("Copied")');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const table = Object.fromEntries(text.trim().split('\n').map((line) => line.split('\t')));
  // Counted apart from the app: the users file's rows, the tweets file's distinct ids and authors.
  const authors = new Set(release.map((t) => t.userid));
  assert.equal(table.Tweets, String(new Set(release.map((t) => t.tweetid)).size));
  assert.equal(table['Accounts that tweeted'], String(authors.size));
  assert.equal(table.Accounts, '926');
  for (const [label, name] of [['Retweets', 'retweets'], ['Replies', 'replies'], ['First tweet (UTC)', 'first-tweet']]) {
    assert.equal(table[label], await page.getAttribute(`[data-metric="${name}"]`, 'data-value'), label);
  }
  assert.deepEqual(errors, []);
});

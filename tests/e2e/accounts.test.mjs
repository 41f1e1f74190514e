// End to end: the account table, its CSV export, the overview's lists as
// links, the load report's rejected rows and users-only campaigns. Expected
// figures come from the release files themselves, unzipped and parsed here
// with Node's zlib and PapaParse, never from the app's code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { CORPUS, SHOTS, THAILAND, startHarness, loadAndWait, metric, unzipOne } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });


const parse = (bytes) => Papa.parse(bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
const users = parse(unzipOne(THAILAND[1]));
const tweets = parse(unzipOne(THAILAND[0]));
const digits = (text) => Number(text.replace(/\D/g, ''));

async function openThailand(hash = '') {
  const { page, errors } = await h.open(hash);
  await loadAndWait(page, THAILAND);
  return { page, errors };
}

async function accountsTab(page) {
  await page.click('#tab-accounts');
  await page.waitForSelector('.account-table[data-total] tbody tr');
}

test('the export has every userid of the users file byte for byte, the profiles, and a BOM', async () => {
  assert.equal(users.length, 926);
  assert.equal(users.filter((u) => u.userid.startsWith('+')).length, 7, 'ids of the release that start with +');
  const { page, errors } = await openThailand();
  await accountsTab(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#accounts-export')]);
  const bytes = readFileSync(await download.path());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const rows = parse(bytes.subarray(bom ? 3 : 0));
  const release = new Map(users.map((u) => [u.userid, u]));
  assert.equal(rows.length, 926);
  assert.deepEqual(new Set(rows.map((r) => r.userid)), new Set(release.keys()), 'the userids, byte for byte');
  assert.ok(bom, 'a UTF-8 byte order mark');
  for (const r of rows) {
    const u = release.get(r.userid);
    assert.ok(u, `${r.userid} is a userid of the release`);
    for (const column of ['user_reported_location', 'user_profile_url', 'account_language']) {
      assert.equal(r[column].replace(/^'(?=[=+\-@])/, ''), u[column].trim(), `${column} of ${r.userid}`);
    }
    assert.ok('user_profile_description' in r);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('with a month range the account table lists the accounts the overview counts', async () => {
  const month = '2020-02';
  const expected = new Set(tweets.filter((t) => t.tweet_time.startsWith(month)).map((t) => t.userid)).size;
  assert.ok(expected > 0 && expected < 455, `${expected} accounts tweeted in ${month}`);
  const { page } = await openThailand();
  await page.click('#tab-timeline');
  await page.fill('#range-from', `${month}-01`);
  await page.fill('#range-to', `${month}-29`);
  await page.press('#range-to', 'Enter');
  await page.waitForSelector('.range-bar');
  await page.click('#tab-overview');
  await page.waitForFunction((n) => document.querySelector('[data-metric="accounts"]')?.dataset.value === String(n), expected);
  assert.equal(await metric(page, 'accounts'), String(expected));
  await page.click('#tab-accounts');
  await page.waitForSelector('#accounts-count');
  assert.equal(await page.getAttribute('#accounts-count', 'data-total'), String(expected));
  assert.equal(await page.getAttribute('.quiet-accounts', 'data-without-tweets'), String(926 - expected));
  await page.click('#accounts-without-tweets');
  await page.waitForSelector('#accounts-count[data-total="926"]');
  await page.screenshot({ path: join(SHOTS, 'accounts-range.png'), fullPage: true });
  await page.close();
});

test('the load report says why rows were rejected, by kind, in the Problems column', async () => {
  const { page } = await h.open();
  await loadAndWait(page, [join(CORPUS, 'russian_linked_tweets_csv_hashed.csv')]);
  const cell = page.locator('tr[data-file="russian_linked_tweets_csv_hashed.csv"] .problems');
  assert.ok(await cell.isVisible(), 'the report is open on a file with rejected rows');
  const text = await cell.textContent();
  assert.match(text, /^1 row cut short: russian_linked_tweets_csv_hashed\.csv lines 998–1 000: the record is cut short at the end of the file \(was the download complete\?\)$/);
  await page.screenshot({ path: join(SHOTS, 'load-report-rejected.png'), fullPage: true });
  await page.close();
});

/** The text of one column of the shown rows. */
const column = (page, index) => page.$$eval('.account-table tbody tr', (rows, i) => rows.map((r) => r.cells[i].textContent.trim()), index);
const isBlank = (text) => text === '' || text === '—';

test('sorting puts blank cells last in both directions', async () => {
  const { page } = await openThailand();
  await accountsTab(page);
  for (const [label, index] of [['First tweet', 5], ['Language', 9]]) {
    for (let click = 0; click < 2; click++) {
      const before = await page.getAttribute(`th:has(button[data-sort="${label}"])`, 'aria-sort');
      await page.click(`button[data-sort="${label}"]`);
      await page.waitForFunction(([l, b]) => {
        const th = document.querySelector(`button[data-sort="${l}"]`).closest('th');
        return th.getAttribute('aria-sort') !== b && th.getAttribute('aria-sort') !== 'none';
      }, [label, before]);
      const order = await page.getAttribute(`th:has(button[data-sort="${label}"])`, 'aria-sort');
      // Let the page ask for the sorted rows and show them.
      await page.waitForTimeout(300);
      const cells = await column(page, index);
      assert.ok(cells.every((c) => !isBlank(c)), `${label} ${order}: no blank among the first rows: ${cells.filter(isBlank).length}`);
    }
  }
  await page.close();
});

test('names are whole in the page and in the tooltip, the table says when it scrolls sideways', async () => {
  const { page } = await openThailand();
  const release = new Map(users.map((u) => [u.userid, u]));
  await accountsTab(page);
  const names = await page.$$eval('.account-table tbody tr', (rows) => rows.map((r) => {
    const button = r.cells[0].querySelector('button');
    return { id: r.dataset.account, text: button.textContent, title: button.getAttribute('title'), screen: r.cells[1].getAttribute('title') };
  }));
  assert.ok(names.some((n) => n.text.length > 16), 'some names longer than 16 characters');
  for (const n of names) {
    assert.equal(n.title, release.get(n.id).user_display_name, `the tooltip of ${n.id}`);
    assert.equal(n.text, release.get(n.id).user_display_name, `the name of ${n.id}, whole in the page`);
  }
  const wide = { width: 1920, height: 1000 };
  for (const size of [{ width: 800, height: 900 }, wide]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    const overflows = await page.$eval('.table-scroll', (box) => box.scrollWidth > box.clientWidth);
    if (size.width === 800) assert.ok(overflows, 'the table is wider than 800 pixels');
    assert.equal(await page.locator('.scroll-hint').isVisible(), overflows, `the hint at ${size.width} pixels`);
    await page.screenshot({ path: join(SHOTS, `accounts-${size.width}.png`) });
  }
  await page.close();
});

test('where there is room a long name shows whole', async () => {
  const china = Papa.parse(readFileSync(join(CORPUS, 'china_082019_1_users_csv_hashed.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  // The longest name of an account with a numeric (not hashed) id.
  const { user_display_name: name, userid } = china.filter((u) => /^\d+$/.test(u.userid))
    .sort((a, b) => b.user_display_name.length - a.user_display_name.length)[0];
  assert.ok(name.length > 16, name);
  const { page } = await h.open();
  await page.setViewportSize({ width: 1920, height: 1000 });
  await loadAndWait(page, [join(CORPUS, 'china_082019_1_users_csv_hashed.csv')]);
  await accountsTab(page);
  await page.fill('#accounts-filter', userid);
  await page.waitForSelector(`.account-table tbody tr[data-account="${userid}"]`);
  await page.waitForFunction(() => document.querySelectorAll('.account-table tbody tr').length === 1);
  const button = page.locator(`tr[data-account="${userid}"] td:first-child button`);
  assert.equal(await button.textContent(), name);
  assert.equal(await button.getAttribute('title'), name);
  assert.ok(await button.evaluate((b) => b.scrollWidth <= b.clientWidth), `${name} is not cut`);
  await page.screenshot({ path: join(SHOTS, 'accounts-long-name.png') });
  await page.close();
});

test('a hashtag of the overview opens the tweets that carry it, as many as the overview counts', async () => {
  // The top hashtag, counted once per tweet in any case, from the release's own column.
  const counts = new Map();
  for (const t of tweets) {
    const tags = new Set([...t.hashtags.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].toLowerCase()));
    for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const [topTag, topCount] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const { page } = await openThailand();
  await page.waitForSelector('section[aria-label="Hashtags"] tbody tr');
  const first = page.locator('section[aria-label="Hashtags"] tbody tr').first();
  assert.equal((await first.locator('th').textContent()).trim(), topTag);
  const shown = digits(await first.locator('td').textContent());
  assert.equal(shown, topCount);
  await first.locator('th button').click();
  await page.waitForSelector('#tab-tweets[aria-selected="true"]');
  await page.waitForSelector(`#tweets-count[data-total="${topCount}"]`);
  assert.match(new URL(page.url()).hash, /tag=/);
  await page.close();
});

test('the top language, client and domain of the overview open as many tweets as it counts', async () => {
  const { page } = await openThailand();
  for (const [list, key] of [['Languages', 'lang'], ['Clients', 'client'], ['Linked domains', 'domain']]) {
    await page.click('#tab-overview');
    const first = page.locator(`section[aria-label="${list}"] tbody tr`).first();
    await first.waitFor();
    const shown = digits(await first.locator('td').textContent());
    await first.locator('th button').click();
    await page.waitForSelector('#tab-tweets[aria-selected="true"]');
    await page.waitForSelector('#tweets-count');
    await page.waitForTimeout(300);
    assert.equal(Number(await page.getAttribute('#tweets-count', 'data-total')), shown, `${list}: the tweets of the first`);
    assert.match(new URL(page.url()).hash, new RegExp(`${key}=`));
  }
  await page.screenshot({ path: join(SHOTS, 'tweets-of-domain.png') });
  await page.close();
});

test('a users file alone shows dashes for the tweet figures and one sentence for the lists', async () => {
  for (const file of ['china_082019_1_users_csv_hashed.csv', 'catalonia_201906_1_users_csv_hashed.csv']) {
    const { page, errors } = await h.open();
    await loadAndWait(page, [join(CORPUS, file)]);
    for (const name of ['tweets', 'retweets', 'first-tweet', 'last-tweet']) {
      assert.equal((await page.textContent(`[data-metric="${name}"] dd`)).trim(), '—', `${name} of ${file}`);
    }
    assert.equal(await page.locator('text=None in these files').count(), 0);
    assert.match(await page.textContent('.overview'), /no tweets: load the campaign's tweets file/);
    await page.screenshot({ path: join(SHOTS, `users-only-${file.split('_')[0]}.png`), fullPage: true });
    await accountsTab(page);
    for (const index of [5, 6, 7]) {
      assert.ok((await column(page, index)).every((c) => c === '—'), `column ${index} of ${file}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

// End to end: the Tweets tab on the Thailand release — several words and a
// "phrase", the words marked in the text, a pager below the list, the orders,
// and mentions that open the tweets mentioning an account. The expected
// figures were counted with Python's csv module over the release's CSVs
// (lowercased text, user_mentions split, users file ids), not by this code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, THAILAND, startHarness, loadAndWait } from './harness.mjs';

/** 1214742430601187328 is @army2pr: retweets name it (`RT @army2pr: …`), the users file does not. */
const ARMY2PR = '1214742430601187328';
const MENTIONING_ARMY2PR = 1830;
/** The campaign account mentioned most: 159 tweets mention it, it wrote 514. */
const INSIDE = '71fqNbaUiwCbBUFuJ6EfAKuw5FsDjoeacCywB+WAXc=';
const MENTIONING_INSIDE = 159;
const BY_INSIDE = 514;

let h, page, errors;
before(async () => {
  h = await startHarness();
  ({ page, errors } = await h.open());
  await loadAndWait(page, THAILAND);
  await page.click('#tab-tweets');
  await page.waitForSelector('#tweets-count[data-total="21385"]');
});
after(async () => { await h?.close(); });

const waitTotal = (n) => page.waitForSelector(`#tweets-count[data-total="${n}"]`, { timeout: 10_000 });
const hashParams = () => new URLSearchParams(new URL(page.url()).hash.slice(1));

async function setHash(change) {
  await page.evaluate((change) => {
    const v = new URLSearchParams(location.hash.slice(1));
    for (const [k, value] of Object.entries(change)) value === null ? v.delete(k) : v.set(k, value);
    location.hash = v.toString();
  }, change);
}

test('every word must be in the tweet, in any order, and a quoted phrase as written', async () => {
  await page.fill('#tweet-search', 'army2pr กองทัพ');
  await waitTotal(785);
  await page.fill('#tweet-search', 'กองทัพ ARMY2PR');
  await waitTotal(785);
  await page.fill('#tweet-search', '"RT @army2pr"');
  await waitTotal(1293);
  await page.fill('#tweet-search', 'กองทัพบก army');
  await waitTotal(1060);
});

test('the words found are marked, and the tweet text stays text', async () => {
  await page.fill('#tweet-search', 'กองทัพบก army');
  await waitTotal(1060);
  const tweets = await page.$$eval('.tweet-text', (els) => els.map((e) => ({
    text: e.textContent,
    marks: [...e.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()),
    others: [...e.querySelectorAll('*')].filter((c) => c.tagName !== 'MARK' || c.children.length > 0).length,
  })));
  assert.equal(tweets.length, 20);
  for (const t of tweets) {
    assert.equal(t.others, 0, 'nothing but <mark> around text');
    assert.ok(t.marks.some((m) => m.includes('กองทัพบก')), `กองทัพบก marked in ${t.text}`);
    assert.ok(t.marks.some((m) => m.includes('army')), `army marked in ${t.text}`);
    assert.ok(t.marks.every((m) => m.includes('กองทัพบก') || m.includes('army')), t.marks.join(' | '));
  }
  await page.locator('.tweet').first().screenshot({ path: join(SHOTS, 'tweets-marked.png') });
});

test('a pager below the list turns the page too', async () => {
  await page.fill('#tweet-search', '');
  await waitTotal(21385);
  const first = await page.getAttribute('.tweet', 'data-tweet');
  assert.match(await page.textContent('#tweets-count-below'), /^1–20 of 21.385 tweets$/);
  await page.locator('#tweets-count-below ~ button').click();
  await page.waitForFunction(() => document.querySelector('#tweets-count')?.textContent.startsWith('21–40'));
  assert.match(await page.textContent('#tweets-count-below'), /^21–40 of/);
  assert.notEqual(await page.getAttribute('.tweet', 'data-tweet'), first);
  await page.screenshot({ path: join(SHOTS, 'tweets-pager-below.png'), fullPage: true });
  await page.locator('.pager', { has: page.locator('#tweets-count') }).locator('button').first().click();
  await page.waitForFunction(() => document.querySelector('#tweets-count')?.textContent.startsWith('1–20'));
});

/** Each shown tweet's `[likes, retweets]`, from its foot line. */
const counts = () => page.$$eval('.tweet-foot', (feet) => feet.map((f) => {
  const m = f.textContent.replace(/\s/g, '').match(/♥(\d+)·retweets(\d+)/);
  return m ? [Number(m[1]), Number(m[2])] : null;
}));

test('tweets sort by most liked and most retweeted, and the order is in the link', async () => {
  await page.selectOption('#tweet-sort', 'likes');
  await page.waitForFunction(() => location.hash.includes('tweet_sort=likes'));
  await page.waitForFunction(() => document.querySelector('.tweet-foot')?.textContent.includes('♥ 145'));
  const liked = await counts();
  assert.equal(liked[0][0], 145, 'the most liked tweet of the release');
  assert.deepEqual(liked.map((c) => c[0]), liked.map((c) => c[0]).toSorted((a, b) => b - a));
  await page.selectOption('#tweet-sort', 'retweets');
  await page.waitForFunction(() => /·\s*retweets 229\b/.test(document.querySelector('.tweet-foot')?.textContent ?? ''));
  const retweeted = await counts();
  assert.deepEqual(retweeted.map((c) => c[1]), retweeted.map((c) => c[1]).toSorted((a, b) => b - a));
  await page.screenshot({ path: join(SHOTS, 'tweets-most-retweeted.png'), fullPage: true });
  const again = await h.open(new URL(page.url()).hash);
  await loadAndWait(again.page, THAILAND);
  await again.page.waitForFunction(() => /·\s*retweets 229\b/.test(document.querySelector('.tweet-foot')?.textContent ?? ''));
  assert.equal(await again.page.inputValue('#tweet-sort'), 'retweets');
  await again.page.close();
  await page.selectOption('#tweet-sort', 'oldest');
  await page.waitForFunction(() => location.hash.includes('tweet_sort=oldest'));
  const times = await page.$$eval('.tweet time', (ts) => ts.map((t) => t.textContent));
  assert.ok(times[0].startsWith('2015-10'), `the first tweet, October 2015: ${times[0]}`);
  assert.deepEqual(times, times.toSorted());
  await page.selectOption('#tweet-sort', 'newest');
  await page.waitForFunction(() => !location.hash.includes('tweet_sort'));
});

test('a mention opens the tweets that mention the account, named as its retweets name it', async () => {
  await page.fill('#tweet-search', '"RT @army2pr"');
  await waitTotal(1293);
  const chip = page.locator(`.mention-group[data-mention="${ARMY2PR}"] button.mention`).first();
  assert.match(await chip.textContent(), /^@army2pr/);
  assert.equal(await page.locator(`.mention-group[data-mention="${ARMY2PR}"] .mention-by`).count(), 0,
    'army2pr is not in the campaign: no "tweets by"');
  await chip.click();
  await page.waitForFunction(() => location.hash.includes('mentions='));
  assert.equal(hashParams().get('mentions'), ARMY2PR);
  assert.equal(hashParams().get('by'), null);
  await page.fill('#tweet-search', '');
  await waitTotal(MENTIONING_ARMY2PR);
  assert.match(await page.textContent('#mentions-filter'), /mentioning/);
  await page.screenshot({ path: join(SHOTS, 'tweets-mentioning.png'), fullPage: true });
  await page.click('#mentions-filter button');
  await waitTotal(21385);
});

test('"tweets by" is offered for a mentioned account of the campaign, and finds its tweets', async () => {
  await setHash({ mentions: INSIDE });
  await waitTotal(MENTIONING_INSIDE);
  const by = page.locator(`.mention-group[data-mention="${INSIDE}"] .mention-by`).first();
  await by.click();
  await page.waitForFunction(() => location.hash.includes('by='));
  await setHash({ mentions: null });
  await waitTotal(BY_INSIDE);
  assert.equal(hashParams().get('by'), INSIDE);
  await setHash({ by: null });
  await waitTotal(21385);
});

test('the overview names the mentioned and retweeted accounts as their retweets do', async () => {
  await page.click('#tab-overview');
  await page.waitForFunction(() => document.body.textContent.includes('army2pr'));
  assert.ok(!(await page.textContent('body')).includes(ARMY2PR), 'the name, not the id');
  assert.deepEqual(errors, []);
  assert.deepEqual(h.foreignRequests(), []);
});

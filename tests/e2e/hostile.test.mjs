// Hostile input: tweet text, names and descriptions carrying HTML, scripts,
// javascript: URLs, bidi controls and a 100 kB line are shown as inert text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS, startHarness, loadAndWait, metric } from './harness.mjs';

const HEADER = 'tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions,poll_choices';
const ATTACKS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'link\'">click</a>',
  '\u202Egnp.exe\u202C \u2066isolated\u2069 right-to-left override',
  'x'.repeat(100_000),
];

function row(id, text) {
  const values = {
    tweetid: String(1000 + id),
    userid: '<b>u1</b>',
    user_display_name: '<img src=x onerror="window.__pwned=\'name\'">',
    user_screen_name: '<script>window.__pwned="screen"</script>',
    user_profile_description: '<iframe src="javascript:window.__pwned=1"></iframe>',
    user_profile_url: 'javascript:window.__pwned="url"',
    tweet_text: text,
    tweet_time: '2020-01-01 10:00',
    tweet_language: 'en',
    tweet_client_name: '<svg onload="window.__pwned=\'client\'">',
    is_retweet: 'false',
    hashtags: "['<script>x</script>']",
    urls: "['javascript:window.__pwned=\"u\"']",
    user_mentions: '[]',
  };
  return HEADER.split(',').map((c) => `"${(values[c] ?? '').replaceAll('"', '""')}"`).join(',');
}

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('hostile text is shown as text and nothing runs', async () => {
  const file = join(SHOTS, 'hostile_tweets_csv_hashed.csv');
  writeFileSync(file, [HEADER, ...ATTACKS.map((text, i) => row(i, text))].join('\n'));
  const { page, errors } = await h.open();
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await loadAndWait(page, [file]);
  assert.equal(await metric(page, 'tweets'), String(ATTACKS.length));
  await page.click('#tab-tweets');
  await page.waitForSelector(`#tweets-count[data-total="${ATTACKS.length}"]`);
  const texts = await page.$$eval('.tweet-text', (els) => els.map((e) => e.textContent));
  for (const attack of ATTACKS) assert.ok(texts.includes(attack), `shown literally: ${attack.slice(0, 40)}`);
  assert.equal(await page.$$eval('.tweets script, .tweets img, .tweets iframe, .tweets svg, .tweets a[href]', (els) => els.length), 0);
  await page.click('#tab-accounts');
  await page.waitForSelector('.account-table[data-total="1"]');
  await page.click('.account-table tbody button.link');
  await page.waitForSelector('.account-page');
  assert.match(await page.textContent('.account-page'), /<iframe src="javascript:window.__pwned=1"><\/iframe>/);
  await page.screenshot({ path: join(SHOTS, 'hostile.png'), fullPage: false });
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in the file ran');
  assert.deepEqual(errors, []);
  assert.deepEqual(h.foreignRequests(), []);
  await page.close();
});

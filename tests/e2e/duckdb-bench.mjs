// Click to figures: Takedown Explorer against DuckDB-WASM reading the same
// File in the same Chromium, in alternate fresh pages, RUNS times each (2
// unless set). DuckDB-WASM computes the overview's headline figures with SQL
// (the counts by kind, first and last tweet, accounts, the first languages,
// clients and hashtags, tweets per month, weekday by hour), timed from the
// file's registration, its engine already started, as ours is when the page
// shows its Load button. Its counts are checked against the page's.
// Run by scripts/bench-peers: `node tests/e2e/duckdb-bench.mjs FILE WWW`, WWW
// holding duckdb.js (the package bundled), its worker and its wasm.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { load, metric, startHarness } from './harness.mjs';
import { serve } from './serve.mjs';

const file = resolve(process.argv[2]);
const www = resolve(process.argv[3]);
const RUNS = Number(process.env.RUNS ?? 2);
writeFileSync(join(www, 'index.html'), '<!doctype html><script src="duckdb.js"></script><input type="file" id="file">');
const port = 19080 + (process.pid % 1000);
const server = await serve(www, port);
const h = await startHarness();

async function ours() {
  const { page } = await h.open();
  const clicked = await page.evaluate(() => performance.now());
  await load(page, [file]);
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 1_800_000 });
  const ms = (await page.evaluate(() => window.__statusAt.ready)) - clicked;
  const figures = {};
  for (const name of ['tweets', 'retweets', 'replies', 'quotes', 'first-tweet', 'last-tweet']) figures[name] = await metric(page, name);
  await page.close();
  return { ms, figures };
}

/** The page's part: every figure of the overview from one table of the file's text columns. */
async function figuresInDuckDb() {
  const duckdb = window.duckdb;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker('duckdb-browser-eh.worker.js'));
  await db.instantiate('duckdb-eh.wasm');
  const file = document.querySelector('#file').files[0];
  const t0 = performance.now();
  await db.registerFileHandle('tweets.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const c = await db.connect();
  const rows = async (sql) => (await c.query(sql)).toArray().map((r) => r.toJSON());
  await c.query(`CREATE TABLE t AS SELECT tweetid, userid, tweet_language, tweet_time, tweet_client_name, hashtags,
      CASE WHEN lower(is_retweet) = 'true' THEN 'retweet'
           WHEN coalesce(in_reply_to_tweetid, '') <> '' OR coalesce(in_reply_to_userid, '') <> '' THEN 'reply'
           WHEN coalesce(quoted_tweet_tweetid, '') <> '' THEN 'quote' ELSE 'original' END AS kind
      FROM read_csv('tweets.csv', header = true, quote = '"', escape = '"', all_varchar = true, max_line_size = 10000000)`);
  const kinds = Object.fromEntries((await rows('SELECT kind, count(*)::INTEGER AS n FROM t GROUP BY kind')).map((r) => [r.kind, r.n]));
  const [span] = await rows('SELECT min(tweet_time) AS first, max(tweet_time) AS last, count(DISTINCT userid)::INTEGER AS accounts FROM t');
  const top = (column) => rows(`SELECT ${column} AS k, count(*)::INTEGER AS n FROM t GROUP BY ${column} ORDER BY n DESC, k LIMIT 20`);
  const lists = [await top('tweet_language'), await top('tweet_client_name')];
  lists.push(await rows(`SELECT tag AS k, count(DISTINCT tweetid)::INTEGER AS n FROM (
      SELECT tweetid, lower(unnest(regexp_extract_all(hashtags, '''([^'']*)''', 1))) AS tag FROM t) GROUP BY tag ORDER BY n DESC, k LIMIT 20`));
  lists.push(await rows('SELECT substr(tweet_time, 1, 7) AS k, count(*)::INTEGER AS n FROM t GROUP BY k'));
  lists.push(await rows(`SELECT isodow(CAST(tweet_time || ':00' AS TIMESTAMP)) * 100 + CAST(substr(tweet_time, 12, 2) AS INTEGER) AS k,
      count(*)::INTEGER AS n FROM t GROUP BY k`));
  const ms = performance.now() - t0;
  await db.terminate();
  const total = Object.values(kinds).reduce((a, b) => a + b, 0);
  return {
    ms,
    lists: lists.map((l) => l.length),
    figures: {
      tweets: String(total), retweets: String(kinds.retweet ?? 0), replies: String(kinds.reply ?? 0), quotes: String(kinds.quote ?? 0),
      'first-tweet': span.first, 'last-tweet': span.last,
    },
  };
}

async function theirs() {
  const { page } = await h.open();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.setInputFiles('#file', file);
  const result = await page.evaluate(figuresInDuckDb);
  await page.close();
  return result;
}

const runs = { takedown: [], duckdb: [] };
for (let i = 0; i < RUNS; i++) {
  runs.takedown.push(await ours());
  runs.duckdb.push(await theirs());
}
const best = (list) => Math.min(...list.map((r) => r.ms));
const seconds = (list) => list.map((r) => (r.ms / 1000).toFixed(2) + ' s').join(', ');
console.log(`file                ${basename(file)}`);
console.log(`takedown            ${seconds(runs.takedown)} from the click on Load to the figures`);
console.log(`DuckDB-WASM         ${seconds(runs.duckdb)} from the file's registration to the same figures (lists of ${runs.duckdb[0].lists.join(', ')} rows)`);
console.log(`DuckDB-WASM / ours  ${(best(runs.duckdb) / best(runs.takedown)).toFixed(2)}× (best of ${RUNS} each)`);
assert.deepEqual(runs.duckdb[0].figures, runs.takedown[0].figures, 'DuckDB-WASM counts what the page shows');
console.log('figures             the counts by kind and the first and last tweet agree');
await h.close();
server.close();

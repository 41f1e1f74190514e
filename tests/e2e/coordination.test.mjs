// End to end: the Coordination tab on the Thailand release. The expected
// co_retweet network is counted here from the release file itself (unzipped
// with Node's zlib, parsed with PapaParse, pairs found by brute force), and
// checked against `takedown coordination --undirected` for other settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { ROOT, SHOTS, THAILAND, startHarness, loadAndWait, metric, unzipOne } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const tweets = Papa.parse(unzipOne(THAILAND[0]).toString('utf8'), { header: true, skipEmptyLines: true }).data;
const seconds = (t) => Date.parse(t.tweet_time.replace(' ', 'T') + ':00Z') / 1000;

/** co_retweet by brute force: the weight from A to B is how many of A's
 * retweets have a retweet of the same tweet by B within the window. */
function coRetweet(window, minWeight) {
  const byTweet = new Map();
  for (const t of tweets) {
    if (t.is_retweet.trim().toLowerCase() !== 'true' || !t.retweet_tweetid) continue;
    if (!byTweet.has(t.retweet_tweetid)) byTweet.set(t.retweet_tweetid, []);
    byTweet.get(t.retweet_tweetid).push({ id: t.tweetid, user: t.userid, at: seconds(t) });
  }
  const weight = new Map();
  for (const group of byTweet.values()) {
    for (const a of group) {
      const partners = new Set(group.filter((b) => b.user !== a.user && Math.abs(b.at - a.at) <= window).map((b) => b.user));
      for (const b of partners) weight.set(`${a.user} ${b}`, (weight.get(`${a.user} ${b}`) ?? 0) + 1);
    }
  }
  const edges = new Set();
  for (const [pair, w] of weight) {
    const [a, b] = pair.split(' ');
    if (Math.max(w, weight.get(`${b} ${a}`) ?? 0) >= minWeight) edges.add([a, b].sort().join(' '));
  }
  const nodes = new Set([...edges].flatMap((e) => e.split(' ')));
  return { edges: edges.size, nodes: nodes.size, accounts: nodes };
}

function cli(args) {
  const out = execFileSync(join(ROOT, 'target/release/takedown'), ['coordination', '--undirected', ...args, THAILAND[0]], { encoding: 'utf8' });
  const rows = Papa.parse(out, { header: true, skipEmptyLines: true }).data;
  return { edges: rows.length, nodes: new Set(rows.flatMap((r) => [r.source, r.target])).size };
}

async function figures(page) {
  await page.waitForSelector('[data-metric="edges"]', { timeout: 60_000 });
  return { edges: Number(await metric(page, 'edges')), nodes: Number(await metric(page, 'nodes')) };
}

test('the tab shows the co-retweet network counted from the release, its evidence, and keeps its settings in the URL', async () => {
  const { accounts, ...expected } = coRetweet(60, 2);
  assert.ok(expected.edges > 20, `the release has co-retweeting pairs (${expected.edges})`);
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadAndWait(page, THAILAND);
  await page.click('#tab-coordination');
  assert.deepEqual(await figures(page), expected);
  assert.match(page.url(), /tab=coordination/);
  await page.waitForSelector('.network-graph[data-settled="true"]', { timeout: 60_000 });
  await page.screenshot({ path: join(SHOTS, 'coordination-1280.png'), fullPage: false });

  // The drawing's file for Gephi: every account and pair, placed and coloured.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-network-gexf')]);
  const gexf = readFileSync(await download.path(), 'utf8');
  assert.match(gexf, /<gexf xmlns="http:\/\/gexf.net\/1.3"/);
  assert.equal((gexf.match(/<node /g) ?? []).length, expected.nodes);
  assert.equal((gexf.match(/<edge /g) ?? []).length, expected.edges);
  assert.equal((gexf.match(/<viz:position /g) ?? []).length, expected.nodes, 'every account where the drawing put it');
  // Gephi Lite opens GEXF with graphology-gexf: the same file through the same parser.
  const opened = parseGexf(Graph, gexf);
  assert.deepEqual([opened.order, opened.size, opened.type], [expected.nodes, expected.edges, 'undirected']);
  opened.forEachNode((id, a) => {
    assert.ok(Number.isFinite(a.x) && Number.isFinite(a.y) && /^(#|rgb)/.test(a.color ?? ''), `${id} placed and coloured: ${JSON.stringify(a)}`);
    assert.ok(Number.isInteger(a.community) && Number.isInteger(a.tweets), `${id} has its community and tweets`);
  });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-edges-csv')]);
  const rows = Papa.parse(readFileSync(await csv.path(), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const key = (r) => [r.source, r.target].sort().join(' ');
  const ours = Papa.parse(execFileSync(join(ROOT, 'target/release/takedown'), ['coordination', '--undirected', THAILAND[0]], { encoding: 'utf8' }), { header: true, skipEmptyLines: true }).data;
  assert.deepEqual(new Set(rows.map(key)), new Set(ours.map(key)), 'the CSV holds the pairs the CLI prints');

  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#graph-svg')]);
  assert.equal((readFileSync(await svg.path(), 'utf8').match(/<circle /g) ?? []).length, expected.nodes, 'the SVG draws every account');
  // Sized by tweets, the largest dots are the accounts with the most tweets, counted here.
  const tweetsOf = new Map();
  for (const t of tweets) if (accounts.has(t.userid)) tweetsOf.set(t.userid, (tweetsOf.get(t.userid) ?? 0) + 1);
  const most = Math.max(...tweetsOf.values());
  const busiest = [...tweetsOf].filter(([, n]) => n === most).map(([id]) => id).sort();
  await page.selectOption('#graph-size', 'tweets');
  const [sized] = await Promise.all([page.waitForEvent('download'), page.click('#graph-svg')]);
  const circles = [...readFileSync(await sized.path(), 'utf8').matchAll(/<circle [^>]*r="([\d.]+)"><title>([^<]*)</g)];
  assert.deepEqual(circles.filter((c) => c[1] === '10.0').map((c) => c[2]).sort(), busiest, `the ${busiest.length} accounts with ${most} tweets`);
  await page.selectOption('#graph-size', 'degree');

  // The tweets behind every pair, as the CLI's --evidence lists them.
  const [evidence] = await Promise.all([page.waitForEvent('download'), page.click('#export-evidence-csv')]);
  const pairKey = (r) => [r.source_tweet, r.target_tweet].sort().join(' ');
  const theirs = Papa.parse(execFileSync(join(ROOT, 'target/release/takedown'), ['coordination', '--evidence', THAILAND[0]], { encoding: 'utf8' }), { header: true, skipEmptyLines: true }).data;
  const mine = Papa.parse(readFileSync(await evidence.path(), 'utf8'), { header: true, skipEmptyLines: true }).data;
  assert.ok(mine.length > expected.edges, `at least a pair of tweets per edge (${mine.length})`);
  assert.deepEqual(new Set(mine.map(pairKey)), new Set(theirs.map(pairKey)), 'the evidence CSV holds the pairs the CLI lists');
  // The search rings the account it finds and names it.
  const someone = await page.getAttribute('.edge-table tbody tr:first-child td:first-child', 'title');
  await page.fill('#graph-search', someone);
  await page.waitForFunction(() => document.querySelector('.graph-tools [role="status"]')?.textContent.startsWith('Found'));
  // The search put that account in the middle of the drawing: drag what is
  // there aside, let the layout settle around it, and a click where it was
  // dropped opens the account that was dragged.
  const box = await page.locator('.graph-canvas canvas').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const updates = Number(await page.getAttribute('.network-graph', 'data-updates'));
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(cx + step * 15, cy + step * 5);
  await page.mouse.up();
  await page.waitForFunction((n) => {
    const g = document.querySelector('.network-graph');
    return Number(g.dataset.updates) > n && g.dataset.settled === 'true';
  }, updates, { timeout: 60_000 });
  const placed = await page.getAttribute('.network-graph', 'data-placed');
  assert.ok(placed, 'an account was dragged, not the view');
  await page.screenshot({ path: join(SHOTS, 'coordination-dragged.png') });
  await page.mouse.click(cx + 120, cy + 40);
  await page.waitForFunction((id) => decodeURIComponent(location.hash).includes(`account=${id}`), placed);
  await page.goBack();
  await page.waitForSelector('.network-graph[data-settled="true"]', { timeout: 60_000 });

  // The first pair's tweets: as many as the table says are behind it.
  const pairs = Number((await page.textContent('.edge-table tbody tr:first-child td:nth-child(5)')).replace(/\D/g, ''));
  await page.click('.edge-table tbody tr:first-child td:last-child button');
  await page.waitForSelector('.evidence-table[data-pairs]');
  assert.equal(Number(await page.getAttribute('.evidence-table', 'data-pairs')), pairs);
  assert.match(page.url(), /edge=/);
  await page.screenshot({ path: join(SHOTS, 'coordination-evidence.png'), fullPage: true });

  // An account of that pair: its page lists the other among the accounts it acted with.
  const [first, second] = await page.$$eval('.edge-table tbody tr:first-child td[title]', (tds) => tds.map((td) => td.title));
  await page.click('.edge-table tbody tr:first-child td:first-child button');
  await page.waitForSelector('.partner-table');
  const partners = await page.$$eval('.partner-table tbody td[title]', (tds) => tds.map((td) => td.title));
  assert.ok(partners.includes(second), `${first} acted with ${second}`);
  await page.goBack();
  await page.waitForSelector('[data-metric="edges"]');

  // Another window: the CLI's figures, and the URL says so.
  await page.selectOption('#network-window', '300');
  await page.waitForFunction(() => location.hash.includes('window=300'));
  await page.waitForFunction(() => !document.querySelector('.evidence'));
  assert.deepEqual(await figures(page), cli(['--window', '300']));
  const before = (await figures(page)).edges;
  await page.selectOption('#network-kind', 'co_tweet');
  await page.waitForFunction(() => location.hash.includes('net=co_tweet'));
  await page.waitForFunction((n) => document.querySelector('[data-metric="edges"]')?.dataset.value !== String(n), before);
  assert.deepEqual(await figures(page), cli(['--window', '300', '--kind', 'co_tweet']));

  // A reload of the link shows the same network.
  const link = page.url();
  const again = await h.open(link.slice(link.indexOf('#')));
  await loadAndWait(again.page, THAILAND);
  assert.deepEqual(await figures(again.page), cli(['--window', '300', '--kind', 'co_tweet']));
  for (const width of [1024, 390]) {
    await again.page.setViewportSize({ width, height: 900 });
    await again.page.screenshot({ path: join(SHOTS, `coordination-${width}.png`), fullPage: false });
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(again.errors, []);
  await page.close();
  await again.page.close();
});

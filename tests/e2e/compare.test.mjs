// End to end: the Compare view over the Thailand release, the cut-short
// Russia (Jan 2019) tweets file and the Catalonia users file. The figures
// side by side are counted again here from the files (PapaParse) and held to
// `takedown summary --json`; what each pair shares is `takedown compare`'s.
// A campaign renamed keeps its name in the link and through a reload; a
// chart saves as SVG (parsed by the browser: its lines are there) and PNG
// (the signature, twice the chart's size).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { CORPUS, ROOT, SHOTS, THAILAND, startHarness, loadAndWait, unzipOne } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const RUSSIA = join(CORPUS, 'russian_linked_tweets_csv_hashed.csv');
const CATALONIA = join(CORPUS, 'catalonia_201906_1_users_csv_hashed.csv');
const FILES = [...THAILAND, RUSSIA, CATALONIA];
const cli = (...args) => JSON.parse(execFileSync(join(ROOT, 'target/release/takedown'), [...args, ...FILES], { encoding: 'utf8', maxBuffer: 256 << 20 }));

/** Records of a CSV with every column of its header: a record cut short is not one. */
function records(text) {
  const { data } = Papa.parse(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = data;
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
}

/** What the files hold, counted here: accounts, accounts that tweeted, tweets, first and last tweet. */
function counted(tweets, users) {
  const ids = new Set(tweets.map((t) => t.tweetid));
  const authors = new Set(tweets.map((t) => t.userid));
  const accounts = new Set([...users.map((u) => u.userid), ...authors]);
  const times = tweets.map((t) => t.tweet_time).sort();
  return { accounts: accounts.size, accountsWithTweets: authors.size, tweets: ids.size, first: times[0] ?? '', last: times.at(-1) ?? '' };
}

const expected = {
  thailand_092020: counted(records(unzipOne(THAILAND[0]).toString('utf8')), records(unzipOne(THAILAND[1]).toString('utf8'))),
  russian_linked: counted(records(readFileSync(RUSSIA, 'utf8')), []),
  catalonia_201906_1: counted([], records(readFileSync(CATALONIA, 'utf8'))),
};

const cell = (page, metric, campaign) => page.getAttribute(`td[data-metric="${metric}"][data-campaign="${campaign}"]`, 'data-value');

/** The PNG's width and height from its IHDR chunk. */
function pngSize(png) {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** An SVG file as the browser reads it: well formed, its namespace, its paths and whether any element has a class the stylesheet would be needed for. */
function readSvg(page, text) {
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      namespace: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      title: doc.querySelector('title')?.textContent,
      lines: [...doc.querySelectorAll('path.line')].map((p) => ({ d: p.getAttribute('d'), stroke: /stroke:\s*rgb/.test(p.getAttribute('style') ?? '') })),
      bars: [...doc.querySelectorAll('path.series')].map((p) => p.getAttribute('d')),
      unstyled: [...doc.querySelectorAll('path, text, line')].filter((e) => !e.getAttribute('style')).length,
      links: [...doc.querySelectorAll('link, style')].length,
    };
  }, text);
}

test('Compare: three campaigns side by side, what they share as the CLI finds it, names in the link, charts as SVG and PNG', async () => {
  const summaries = cli('summary', '--json');
  const comparison = cli('compare', '--format', 'json');
  const campaigns = Object.keys(expected);
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadAndWait(page, FILES);

  // From the campaign head, by keyboard.
  await page.focus('#compare-open');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.compare td[data-metric="tweets"]', { timeout: 60_000 });
  assert.match(page.url(), /tab=compare/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-title');
  assert.deepEqual((await page.getAttribute('.compare', 'data-campaigns')).split(' ').sort(), [...campaigns].sort());

  for (const name of campaigns) {
    const want = expected[name];
    const cliSummary = (summaries.campaigns ?? summaries).find((s) => s.name === name);
    assert.ok(cliSummary, `takedown summary names ${name}`);
    assert.equal(Number(await cell(page, 'accounts', name)), want.accounts, `${name} accounts`);
    assert.equal(Number(await cell(page, 'accounts-with-tweets', name)), want.accountsWithTweets, `${name} accounts that tweeted`);
    assert.equal(Number(await cell(page, 'tweets', name)), want.tweets, `${name} tweets`);
    assert.equal(await cell(page, 'first-tweet', name), want.first, `${name} first tweet`);
    assert.equal(await cell(page, 'last-tweet', name), want.last, `${name} last tweet`);
    assert.deepEqual([cliSummary.accounts, cliSummary.accounts_with_tweets, cliSummary.tweets], [want.accounts, want.accountsWithTweets, want.tweets], `the CLI counts ${name} alike`);
    const mean = want.accountsWithTweets ? want.tweets / want.accountsWithTweets : 0;
    assert.equal(await cell(page, 'mean-tweets-per-account', name), mean.toFixed(2));
  }
  assert.deepEqual([expected.thailand_092020.accounts, expected.thailand_092020.accountsWithTweets, expected.thailand_092020.tweets], [926, 455, 21_385]);

  // Every pair as `takedown compare` finds it.
  assert.equal(comparison.pairs.length, 3);
  for (const pair of comparison.pairs) {
    let section = page.locator(`.pair[data-pair="${pair.a}|${pair.b}"]`);
    let flipped = false;
    if ((await section.count()) === 0) {
      section = page.locator(`.pair[data-pair="${pair.b}|${pair.a}"]`);
      flipped = true;
    }
    assert.equal(await section.count(), 1, `a section for ${pair.a} and ${pair.b}`);
    for (const kind of ['hashtags', 'domains', 'retweeted', 'mentioned']) {
      const row = section.locator(`table.overlap tr[data-kind="${kind}"]`);
      const want = pair[kind];
      const [onlyA, onlyB] = flipped ? [want.only_b, want.only_a] : [want.only_a, want.only_b];
      const [shared, a, b, jaccard] = await row.evaluate((tr) => [tr.dataset.shared, tr.dataset.onlyA, tr.dataset.onlyB, tr.dataset.jaccard].map(Number));
      assert.deepEqual([shared, a, b], [want.shared, onlyA, onlyB], `${kind} of ${pair.a} and ${pair.b}`);
      // The same quotient, written by Rust's formatter in the page and by serde_json in the CLI.
      assert.ok(Math.abs(jaccard - want.jaccard) < 1e-15, `${kind} Jaccard ${jaccard} against ${want.jaccard}`);
      assert.ok(Math.abs(jaccard - shared / (shared + a + b || 1)) < 1e-15);
      if (want.shared > 0) {
        const list = section.locator(`details.shared-items[data-kind="${kind}"]`);
        await list.locator('summary').click();
        await list.locator('tbody tr').first().waitFor();
        const items = await list.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.item));
        assert.deepEqual(items.sort(), want.items.map((i) => i.item).sort(), `shared ${kind}`);
      }
    }
    assert.equal(Number(await section.locator('.shared-accounts').getAttribute('data-accounts')), pair.shared_accounts.length);
    for (const [from, to, links] of [[pair.a, pair.b, pair.links_a_to_b], [pair.b, pair.a, pair.links_b_to_a]]) {
      const details = section.locator(`.links[data-direction="${from}>${to}"]`);
      assert.deepEqual([Number(await details.getAttribute('data-links')), Number(await details.getAttribute('data-tweets'))], [links.total, links.tweets]);
    }
  }

  // The overlaid timeline, as shares: one line per campaign that tweeted.
  await page.click('#compare-scale-share');
  await page.waitForSelector('figure.line-chart[data-share="true"]');
  assert.match(page.url(), /scale=share/);

  // Renamed: the name is on the page, in the link, and back after a reload and the same files.
  const russia = campaigns.indexOf('russian_linked');
  const index = await page.locator('.compare-choice li').evaluateAll((lis, name) => lis.findIndex((li) => li.dataset.campaign === name), 'russian_linked');
  assert.ok(index >= 0 && russia >= 0);
  await page.fill(`#compare-name-${index}`, 'Russia Jan 2019');
  await page.press(`#compare-name-${index}`, 'Enter');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('russian_linked:Russia Jan 2019'));
  assert.match(await page.textContent('#compare-title'), /Russia Jan 2019/);
  assert.ok((await page.locator('.compare-figures thead th').allTextContents()).includes('Russia Jan 2019'));

  // Two of the three: the choice goes into the link too.
  const catalonia = await page.locator('.compare-choice li').evaluateAll((lis) => lis.findIndex((li) => li.dataset.campaign === 'catalonia_201906_1'));
  await page.uncheck(`#compare-pick-${catalonia}`);
  await page.waitForFunction(() => document.querySelector('.compare')?.dataset.campaigns.split(' ').length === 2);
  assert.match(page.url(), /compare=/);
  await page.waitForSelector('.pair');
  assert.equal(await page.locator('.pair').count(), 1);
  assert.equal(await page.isDisabled(`#compare-pick-${index}`), true, 'two campaigns are the least compared');

  // A chart as SVG: well formed, in the SVG namespace, its lines drawn and styled with no stylesheet.
  await page.waitForSelector('figure.line-chart path.line');
  const chart = page.locator('figure.line-chart').first();
  const [svgFile] = await Promise.all([page.waitForEvent('download'), chart.locator('.export-svg').click()]);
  assert.match(svgFile.suggestedFilename(), /tweets_per_month_share\.svg$/);
  const svg = await readSvg(page, readFileSync(await svgFile.path(), 'utf8'));
  assert.equal(svg.error, null);
  assert.equal(svg.namespace, 'http://www.w3.org/2000/svg');
  assert.equal(svg.lines.length, 2, 'a line per campaign compared');
  assert.ok(svg.lines.every((l) => /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/.test(l.d) && l.stroke), JSON.stringify(svg.lines).slice(0, 300));
  assert.deepEqual([svg.unstyled, svg.links], [0, 0]);
  assert.match(svg.title, /Tweets per month/);
  const box = await chart.locator('svg').boundingBox();
  assert.ok(Math.abs(svg.width - box.width) <= 1 && Math.abs(svg.height - box.height) <= 1, `${svg.width}×${svg.height} against ${box.width}×${box.height}`);

  // …and as PNG, at twice that size.
  const [pngFile] = await Promise.all([page.waitForEvent('download'), chart.locator('.export-png').click()]);
  assert.match(pngFile.suggestedFilename(), /\.png$/);
  const png = readFileSync(await pngFile.path());
  assert.deepEqual(pngSize(png), [Math.round(svg.width * 2), Math.round(svg.height * 2)]);
  assert.ok(png.length > 10_000, `a drawing, not a blank (${png.length} bytes)`);

  await page.screenshot({ path: join(SHOTS, 'compare-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, 'compare-390.png'), fullPage: true });
  const wide = await page.evaluate(() => [...document.querySelectorAll('.compare *')].filter((e) => !e.closest('.scroll') && e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 8));
  assert.deepEqual(wide, [], 'nothing wider than a phone but the tables, which scroll');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing wider than a phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  const link = page.url();
  await page.reload();
  await page.waitForSelector('.app[data-status="empty"]');
  assert.equal(page.url(), link);
  await loadAndWait(page, FILES);
  await page.waitForSelector('.compare td[data-metric="tweets"]', { timeout: 60_000 });
  assert.equal((await page.getAttribute('.compare', 'data-campaigns')).split(' ').length, 2);
  assert.equal(await page.inputValue(`#compare-name-${index}`), 'Russia Jan 2019');
  assert.match(await page.textContent('#compare-title'), /Russia Jan 2019/);
  assert.equal(await page.isChecked('#compare-scale-share'), true);

  assert.deepEqual(errors, []);
  assert.deepEqual(h.foreignRequests(), []);
});

test('Report: each chart saves as SVG with its bars and as PNG', async () => {
  const { page, errors } = await h.open('#tab=report');
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadAndWait(page, THAILAND);
  await page.waitForSelector('#report-creation figure.chart path.series', { timeout: 60_000 });
  const charts = page.locator('.report figure.chart');
  assert.ok((await charts.count()) >= 4, 'the creation, lag, followers and following charts');
  for (let i = 0; i < (await charts.count()); i += 1) {
    const chart = charts.nth(i);
    const [svgFile] = await Promise.all([page.waitForEvent('download'), chart.locator('.export-svg').click()]);
    assert.match(svgFile.suggestedFilename(), /^thailand_092020_report_.+\.svg$/);
    const svg = await readSvg(page, readFileSync(await svgFile.path(), 'utf8'));
    assert.equal(svg.error, null);
    assert.equal(svg.bars.length, 1);
    const drawn = await chart.locator('path.series').getAttribute('d');
    assert.equal(svg.bars[0], drawn, 'the bars as drawn');
    assert.ok(drawn.length > 20);
    assert.deepEqual([svg.unstyled, svg.links], [0, 0]);
    const [pngFile] = await Promise.all([page.waitForEvent('download'), chart.locator('.export-png').click()]);
    assert.deepEqual(pngSize(readFileSync(await pngFile.path())), [Math.round(svg.width * 2), Math.round(svg.height * 2)]);
  }
  assert.deepEqual(errors, []);
});

test('Compare: a link between two campaigns opens the tweets behind it, those takedown compare names', async () => {
  const samples = join(ROOT, 'static/samples');
  const files = ['1', '2'].flatMap((n) => [`synthetic_iran_201906_${n}_tweets_csv_hashed.zip`, `synthetic_iran_201906_${n}_users_csv_hashed.csv`]).map((f) => join(samples, f));
  const { pairs: [pair] } = JSON.parse(execFileSync(join(ROOT, 'target/release/takedown'), ['compare', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 256 << 20 }));
  const link = pair.links_a_to_b.links[0];
  assert.ok(link.tweet_count > 0, 'the samples link their campaigns');
  const { page, errors } = await h.open();
  await loadAndWait(page, files);
  await page.click('#compare-open');
  const section = page.locator(`.pair[data-pair="${pair.a}|${pair.b}"]`);
  await section.waitFor();
  assert.equal(Number(await section.locator('.shared-accounts').getAttribute('data-accounts')), pair.shared_accounts.length);
  const links = section.locator(`details.links[data-direction="${pair.a}>${pair.b}"]`);
  await links.locator('summary').first().click();
  const row = links.locator(`tr[data-source="${link.source}"][data-target="${link.target}"]`).first();
  await row.waitFor();
  assert.equal(await row.getAttribute('data-kind'), { retweet: 'retweets', reply: 'replies to', mention: 'mentions' }[link.kind]);
  await row.locator('details.link-tweets summary').click();
  await row.locator('li.tweet').first().waitFor();
  const ids = await row.locator('li.tweet').evaluateAll((lis) => lis.map((li) => li.dataset.id));
  assert.deepEqual(ids.sort(), [...link.tweets].sort());
  assert.deepEqual(errors, []);
});

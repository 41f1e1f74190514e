// End to end: the classroom. The guided lesson on its synthetic sample, every
// step on a 1024 × 768 projector with its evidence on screen, checked against
// what the CLI finds in the same files (`takedown lesson`, `report`,
// `coordination`, `tweets`); presentation mode by its button and its keys,
// in the address bar, with the arrows changing tabs and no key taken from a
// field being typed in; the glossary's tooltips on focus and hover, and its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Papa from 'papaparse';
import { ROOT, SHOTS, startHarness } from './harness.mjs';

const takedown = (...args) => execFileSync(join(ROOT, 'target/release/takedown'), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
const lesson = JSON.parse(takedown('lesson'));
const files = lesson.files.map((f) => join(ROOT, 'static/samples', f));
const { campaigns: [report] } = JSON.parse(takedown('report', '--format', 'json', ...files));
const csv = (text) => Papa.parse(text, { header: true, skipEmptyLines: true }).data;

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is now, one line each. */
async function violations(page) {
  // Evaluated, not a script tag: the page's Content-Security-Policy refuses inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return found.map((v) => `${v.id} on ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

/** Whether the element is drawn inside the window as it is scrolled now. */
const onScreen = (page, selector) => page.$eval(selector, (e) => {
  const r = e.getBoundingClientRect();
  return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
});

/** How far the page scrolls sideways: 0 when nothing sticks out. */
const overflow = (page) => page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);

/** Tweets per weekday-and-hour cell (Monday 00:00 first), counted from the CLI's tweets at `offset` hours from UTC. */
function cellsFromCli(offset) {
  const counts = new Array(168).fill(0);
  for (const row of csv(takedown('tweets', ...files))) {
    const t = new Date(`${row.tweet_time.replace(' ', 'T')}:00Z`).getTime() + offset * 3_600_000;
    const d = new Date(t);
    counts[((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours()] += 1;
  }
  return counts;
}

/** What each step's evidence must look like on the page, from the CLI. */
const CHECKS = {
  async batch(page) {
    const largest = report.creations.day_batches.reduce((a, b) => (b.accounts > a.accounts ? b : a));
    const row = 'tr.lesson-mark[data-lesson="batch"]';
    await page.waitForSelector(row);
    assert.equal(await page.getAttribute(row, 'data-first'), largest.first);
    assert.equal(Number(await page.getAttribute(row, 'data-accounts')), largest.accounts);
    return row;
  },
  async cluster(page, evidence) {
    const graph = '[data-lesson="cluster"]';
    await page.waitForSelector(`${graph} canvas`, { timeout: 60_000 });
    const shown = (await page.getAttribute(graph, 'data-cluster')).split(' ').sort();
    const edges = csv(takedown('coordination', '--undirected', ...files));
    const accounts = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
    assert.deepEqual(shown, accounts, 'the cluster marked is the accounts of the CLI’s co-retweet network');
    assert.ok(shown.length >= evidence.accounts, `${shown.length} accounts in the cluster`);
    assert.equal(Number(await page.getAttribute('.community-table tr.lesson-mark', 'data-accounts')), shown.length);
    return graph;
  },
  async hours(page, evidence) {
    const figure = '.heatmap[data-lesson="hours"]';
    await page.waitForSelector(figure);
    assert.equal(await page.inputValue('.heatmap select'), String(evidence.utc_offset));
    const expected = cellsFromCli(evidence.utc_offset);
    const cells = await page.$$eval('.heatmap tbody td', (tds) => tds.map((td) => ({
      n: Number(td.title.split(': ').at(-1).replace(/\D/g, '')), marked: td.classList.contains('in-hours'),
    })));
    assert.deepEqual(cells.map((c) => c.n), expected, 'the chart on the Caracas clock is the CLI’s tweets on that clock');
    const working = cells.map((_, i) => Math.floor(i / 24) < 5 && i % 24 >= evidence.first_hour && i % 24 <= evidence.last_hour);
    assert.deepEqual(cells.map((c) => c.marked), working, 'the working hours are outlined');
    const inside = expected.filter((_, i) => working[i]).reduce((a, b) => a + b, 0);
    const all = expected.reduce((a, b) => a + b, 0);
    assert.ok(inside >= 0.9 * all && inside < all, `${inside} of ${all} tweets in working hours`);
    return figure;
  },
  async hashtag(page, evidence) {
    const tag = evidence.hashtag.toLowerCase();
    const burst = report.bursts.bursts.find((b) => b.hashtag === tag);
    assert.ok(burst, `the CLI's report has a burst of #${tag}`);
    const row = `tr.lesson-mark[data-lesson="hashtag"][data-hashtag="${tag}"]`;
    await page.waitForSelector(row);
    const cells = await page.$$eval(`${row} td`, (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(cells.slice(0, 3), [`#${tag}`, burst.week, String(burst.tweets)]);
    return row;
  },
};

test('the lesson runs every step on a projector, each with its evidence on screen', async () => {
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.click(`[data-sample="${lesson.sample}"] #sample-lesson`);
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 60_000 });
  // On a projector, in presentation mode.
  await page.click('#present-toggle');
  await page.waitForSelector('.app.presenting');
  for (const [i, step] of lesson.steps.entries()) {
    await page.waitForSelector(`.lesson[data-step="${i + 1}"]`);
    assert.equal(await page.textContent('.lesson-sentence'), step.sentence);
    assert.equal(await page.getAttribute('.lesson', 'data-evidence'), step.evidence.kind);
    await page.waitForSelector(`#tab-${step.tab}[aria-selected="true"]`);
    const evidence = await CHECKS[step.evidence.kind](page, step.evidence);
    await page.waitForFunction((s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      return r && r.top >= 0 && r.top < window.innerHeight;
    }, evidence, { timeout: 5_000 }).catch(() => {});
    assert.ok(await onScreen(page, evidence), `step ${i + 1}: ${evidence} is on the screen`);
    assert.ok(await onScreen(page, '.lesson-sentence'), `step ${i + 1}: the sentence is on the screen`);
    assert.match(new URL(page.url()).hash, new RegExp(`present=1&lesson=${i + 1}`));
    await page.screenshot({ path: join(SHOTS, `lesson-${i + 1}.png`) });
    assert.deepEqual(await violations(page), [], `step ${i + 1}: axe-core`);
    if (i + 1 < lesson.steps.length) await page.click('#lesson-next');
  }
  assert.equal(await page.locator('#lesson-next').count(), 0, 'no Next on the last step');
  await page.click('#lesson-back');
  await page.waitForSelector(`.lesson[data-step="${lesson.steps.length - 1}"]`);

  // A phone: the step and its evidence fit the width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#lesson-back');
  await page.waitForSelector(`.lesson[data-step="${lesson.steps.length - 2}"]`);
  await page.waitForSelector('[data-lesson="cluster"] canvas', { timeout: 60_000 });
  assert.equal(await overflow(page), 0, 'the lesson on a phone does not scroll sideways');
  await page.screenshot({ path: join(SHOTS, 'lesson-phone.png') });
  await page.click('#lesson-end');
  await page.waitForSelector('.lesson', { state: 'detached' });
  assert.doesNotMatch(new URL(page.url()).hash, /lesson=/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('presentation mode: a button and P, Escape to leave, in the address bar, the arrows change tabs but not in a field', async () => {
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.click(`[data-sample="${lesson.sample}"] button.open-sample`);
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 60_000 });
  await page.waitForSelector('.overview .heatmap');
  const fontSize = () => page.$eval('.overview .metric dd', (e) => parseFloat(getComputedStyle(e).fontSize));
  const before = await fontSize();

  await page.click('#present-toggle');
  await page.waitForSelector('.app.presenting');
  assert.match(new URL(page.url()).hash, /present=1/);
  assert.ok(!(await page.isVisible('.intake')) && !(await page.isVisible('.load-panel')), 'the intake and the load report are hidden');
  assert.ok((await fontSize()) > before * 1.2, `larger figures: ${before} px, then ${await fontSize()} px`);
  await page.screenshot({ path: join(SHOTS, 'present-overview.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('.app:not(.presenting)');
  assert.doesNotMatch(new URL(page.url()).hash, /present/);

  await page.focus('#tab-overview');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('p');
  await page.waitForSelector('.app.presenting');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('#tab-timeline[aria-selected="true"]');
  assert.match(new URL(page.url()).hash, /tab=timeline/);
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('#tab-accounts[aria-selected="true"]');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('#tab-tweets[aria-selected="true"]');
  await page.waitForSelector('#tweet-search', { timeout: 10_000 });
  await page.screenshot({ path: join(SHOTS, 'present-tweets.png') });
  // Typing in the search box: p and the arrows stay there.
  const search = '#tweet-search';
  await page.click(search);
  await page.keyboard.type('pp');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.inputValue(search), 'pp');
  assert.ok(await page.isVisible('.app.presenting'), 'typing p in a field leaves presentation mode alone');
  await page.waitForSelector('#tab-tweets[aria-selected="true"]');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('#tab-accounts[aria-selected="true"]');

  // A link keeps presentation mode.
  const again = await h.open(new URL(page.url()).hash);
  await again.page.click(`[data-sample="${lesson.sample}"] button.open-sample`);
  await again.page.waitForSelector('.app.presenting[data-status="ready"]', { timeout: 60_000 });
  await again.page.close();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('#tab-timeline[aria-selected="true"]');
  assert.equal(await overflow(page), 0, 'presenting on a phone does not scroll sideways');
  await page.screenshot({ path: join(SHOTS, 'present-phone.png') });
  await page.keyboard.press('p');
  await page.waitForSelector('.app:not(.presenting)');
  assert.deepEqual(errors, []);
  await page.close();
});

/** The glossary's terms, from its source in core. */
const TERMS = [...readFileSync(join(ROOT, 'src/core/glossary.rs'), 'utf8').matchAll(/key: "([a-z-]+)",\s*term: "([^"]+)"/g)].map((m) => ({ key: m[1], term: m[2] }));

test('a glossary term’s ? shows its tooltip on focus and hover, and the glossary page lists every term', async () => {
  assert.equal(TERMS.length, 7, TERMS.map((t) => t.key).join());
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.click(`[data-sample="${lesson.sample}"] button.open-sample`);
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 60_000 });
  await page.waitForSelector('.overview .help-button');

  // With the keyboard: Tab from the Copy figures button reaches the hashed id's ?.
  await page.focus('.overview .metric[data-metric="rejected-rows"] .help-button');
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('.help')?.dataset.term === 'hashed-id');
  }
  assert.ok(reached, 'Tab reaches the ? of hashed ids');
  const tip = await page.evaluate(() => document.activeElement.getAttribute('aria-describedby'));
  const tooltip = `[id="${tip}"]`;
  assert.equal(await page.getAttribute(tooltip, 'role'), 'tooltip');
  assert.ok(await page.isVisible(tooltip), 'the tooltip shows on focus');
  assert.match(await page.textContent(tooltip), /5,000 followers/);
  assert.deepEqual(await violations(page), [], 'a tooltip shown: axe-core');
  await page.screenshot({ path: join(SHOTS, 'glossary-tooltip.png') });
  await page.keyboard.press('Escape');
  assert.ok(!(await page.isVisible(tooltip)), 'Escape hides it');
  await page.keyboard.press('Shift+Tab');
  await page.evaluate(() => document.activeElement.blur());
  const quotes = '.metric[data-metric="quotes"] .help';
  await page.hover(`${quotes} .help-button`);
  assert.ok(await page.isVisible(`${quotes} [role="tooltip"]`), 'the tooltip shows on hover');

  // The terms the page explains, tab by tab, are all in the glossary.
  const seen = new Set();
  for (const tab of ['overview', 'accounts', 'coordination']) {
    await page.click(`#tab-${tab}`);
    if (tab === 'accounts') await page.waitForSelector('.account-table .help');
    if (tab === 'coordination') await page.waitForSelector('.community-table');
    for (const t of await page.$$eval('.help', (els) => els.map((e) => e.dataset.term))) seen.add(t);
  }
  for (const key of seen) assert.ok(TERMS.some((t) => t.key === key), `${key} is in the glossary`);
  assert.ok(seen.size >= 5, [...seen].join());

  await page.click('#glossary-open');
  await page.waitForSelector('.glossary');
  assert.match(new URL(page.url()).hash, /glossary=1/);
  const listed = await page.$$eval('.glossary .term', (els) => els.map((e) => ({ key: e.dataset.term, term: e.querySelector('dt').textContent })));
  assert.deepEqual(listed, TERMS);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'glossary-title', 'the page takes the focus');
  await page.screenshot({ path: join(SHOTS, 'glossary-page.png'), fullPage: true });
  assert.deepEqual(await violations(page), [], 'the glossary page: axe-core');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await overflow(page), 0);
  await page.screenshot({ path: join(SHOTS, 'glossary-phone.png'), fullPage: true });
  await page.click('#glossary-close');
  await page.waitForSelector('#tab-coordination[aria-selected="true"]');
  assert.deepEqual(errors, []);
  assert.deepEqual(h.foreignRequests(), []);
  await page.close();
});

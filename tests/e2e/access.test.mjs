// End to end: access for everyone. axe-core on every view in both colour
// schemes; the page driven with the keyboard alone; a phone's width and a
// projector's screen; the weekday × hour chart in local time, its expected
// cells counted from the corpus itself rather than from the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { CORPUS, SHOTS, THAILAND, startHarness, loadAndWait } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

/** axe-core's violations on the page as it is now, one readable line per element. */
async function violations(page) {
  // Evaluated, not a script tag: the page's Content-Security-Policy refuses inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return found.map((v) => {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
    return `${v.id} (${v.impact}) on ${v.nodes.length} element(s), such as ${where}: ${v.nodes[0].failureSummary.replace(/\s+/g, ' ')}`;
  });
}

/** Opens every chart's table view, so that axe sees the tables too. */
async function openTables(page) {
  await page.evaluate(() => document.querySelectorAll('details.table-view').forEach((d) => { d.open = true; }));
  if (await page.locator('details.table-view').count()) await page.waitForSelector('details.table-view table');
}

/** The views of a loaded campaign, each reached as a person would, and ready. */
const VIEWS = {
  overview: async (page) => { await page.click('#tab-overview'); await page.waitForSelector('.overview .heatmap'); },
  timeline: async (page) => { await page.click('#tab-timeline'); await page.waitForSelector('.timeline svg path.series'); },
  accounts: async (page) => { await page.click('#tab-accounts'); await page.waitForSelector('.account-table[data-total="926"]'); },
  tweets: async (page) => { await page.click('#tab-tweets'); await page.waitForSelector('#tweets-count[data-total="21385"]'); },
  report: async (page) => { await page.click('#tab-report'); await page.waitForSelector('#report-bursts table'); },
  account: async (page) => {
    await page.click('#tab-accounts');
    await page.waitForSelector('.account-table[data-total="926"]');
    await page.click('.account-table tbody tr button.link');
    await page.waitForSelector('.account-page .heatmap');
  },
};

test('axe-core finds no violation on any view, light or dark', async () => {
  const { page } = await h.open();
  const found = [];
  const check = async (view) => {
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      found.push(...(await violations(page)).map((v) => `${view}, ${colorScheme}: ${v}`));
    }
  };
  await check('empty page with the samples');
  await page.setInputFiles('#file-input', THAILAND);
  await page.waitForSelector('.staged table');
  await check('files chosen');
  await page.click('#load-button');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 120_000 });
  for (const [view, reach] of Object.entries(VIEWS)) {
    await reach(page);
    await openTables(page);
    await check(view);
  }
  // A second campaign, and the Compare view with every list and link open.
  await page.setInputFiles('#file-input', join(CORPUS, 'russian_linked_tweets_csv_hashed.csv'));
  await page.click('#load-button');
  await page.click('#compare-open', { timeout: 120_000 });
  await page.waitForSelector('.pair');
  await page.evaluate(() => document.querySelectorAll('.compare details').forEach((d) => { d.open = true; }));
  await page.waitForSelector('.pair details.shared-items table');
  await check('compare');
  const sample = await h.open();
  await sample.page.click('.samples tbody tr button.open-sample');
  await sample.page.waitForSelector('.app[data-status="ready"]', { timeout: 60_000 });
  await VIEWS.overview(sample.page);
  for (const colorScheme of ['light', 'dark']) {
    await sample.page.emulateMedia({ colorScheme });
    found.push(...(await violations(sample.page)).map((v) => `an opened sample, ${colorScheme}: ${v}`));
  }
  await sample.page.close();
  await page.close();
  assert.deepEqual(found, [], `${found.length} violation(s):\n${found.join('\n')}`);
});

/** What has the focus: its tag, id, text and the closest landmark or region. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return {
    tag: e?.tagName.toLowerCase(), id: e?.id, text: e?.textContent.trim().slice(0, 80) ?? '',
    inCampaign: !!e?.closest('.campaign'), inAccountRow: !!e?.closest('.account-table tbody'), inAccountPage: !!e?.closest('.account-page'), inMain: !!e?.closest('main'),
    chart: e?.closest('figure')?.querySelector('h3')?.textContent ?? (e?.closest('.timeline') ? 'timeline' : null),
    svg: e?.tagName.toLowerCase() === 'svg',
  };
});

/** Presses Tab until `wanted` holds for the focused element; fails after `most` presses. */
async function tabTo(page, wanted, what, most = 40) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  assert.fail(`${most} presses of Tab never reached ${what}; the focus is on ${JSON.stringify(await focused(page))}`);
}

const rangeInForce = (page) => page.$eval('.range-bar', (bar) => bar.dataset.range).catch(() => 'none');

async function rangeIs(page, range, what) {
  await page.waitForSelector(`.range-bar[data-range="${range}"]`, { timeout: 5_000 }).catch(async () => {
    assert.fail(`${what} set ${await rangeInForce(page)}, not ${range}`);
  });
}

function lastDayOf(month) {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

test('with the keyboard alone: skip link, choosing files, loading, tabs, charts and an account page', async () => {
  const { page } = await h.open();
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  assert.equal(skip.tag, 'a', `the first Tab reaches the skip link, not ${JSON.stringify(skip)}`);
  assert.equal(skip.text, 'Skip to content');
  await page.keyboard.press('Enter');
  const landed = await focused(page);
  assert.ok(landed.tag === 'main' || landed.inMain, `the skip link moves the focus into main: ${JSON.stringify(landed)}`);
  assert.equal(new URL(page.url()).hash, '', 'the skip link leaves the view in the address bar alone');

  // With other tests loading the machine, Chromium now and then drops the
  // chooser of a key press that came while the page was still busy starting
  // its worker; a second press on the same focused button then opens it.
  let chooser;
  for (let attempt = 1; !chooser; attempt += 1) {
    await tabTo(page, (f) => f.text === 'Choose files…', '“Choose files…”');
    [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 5_000 }).catch((e) => { if (attempt >= 3) throw e; }),
      page.keyboard.press('Enter'),
    ]);
  }
  await chooser.setFiles(THAILAND);
  await tabTo(page, (f) => f.id === 'load-button', 'the Load button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 120_000 });
  await page.waitForFunction(() => document.activeElement?.closest('.campaign'));

  await tabTo(page, (f) => f.id === 'tab-overview', 'the selected tab');
  await page.keyboard.press('End');
  assert.equal((await focused(page)).id, 'tab-report', 'End goes to the last tab');
  await page.waitForSelector('#tab-report[aria-selected="true"]');
  await page.keyboard.press('Home');
  assert.equal((await focused(page)).id, 'tab-overview', 'Home goes to the first tab');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).id, 'tab-timeline');
  await page.waitForSelector('.timeline svg path.series');

  // The periods as the chart's own table lists them.
  await openTables(page);
  const periods = await page.$$eval('.timeline .table-view tbody tr', (rows) => rows.map((r) => r.cells[0].textContent));
  assert.ok(periods.length > 3, periods.join());
  const readout = () => page.textContent('.timeline .hover-value');
  await tabTo(page, (f) => f.svg && f.chart === 'timeline', 'the timeline chart');
  await page.keyboard.press('ArrowRight');
  assert.match(await readout(), new RegExp(`^${periods[0]}: `), 'the first arrow names the first period');
  await page.keyboard.press('ArrowRight');
  assert.match(await readout(), new RegExp(`^${periods[1]}: `));
  await page.keyboard.press('Enter');
  await rangeIs(page, `${periods[1]}-01/${lastDayOf(periods[1])}`, 'Enter');
  await page.keyboard.press('Shift+ArrowRight');
  assert.match(await readout(), new RegExp(`^${periods[2]}: `));
  await rangeIs(page, `${periods[1]}-01/${lastDayOf(periods[2])}`, 'Shift+ArrowRight');
  await page.keyboard.press('End');
  assert.match(await readout(), new RegExp(`^${periods.at(-1)}: `), 'End names the last period');
  await page.keyboard.press('Shift+Enter');
  await rangeIs(page, `${periods[1]}-01/${lastDayOf(periods.at(-1))}`, 'Shift+Enter');
  await page.keyboard.press('Home');
  assert.match(await readout(), new RegExp(`^${periods[0]}: `), 'Home names the first period');
  await page.keyboard.press('Enter');
  await rangeIs(page, `${periods[0]}-01/${lastDayOf(periods[0])}`, 'Enter on the first period');
  await page.screenshot({ path: join(SHOTS, 'access-timeline-keyboard.png') });

  // Back to the tabs, on to the accounts, and into an account page.
  await page.focus('#tab-timeline');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.account-table tbody tr');
  await tabTo(page, (f) => f.tag === 'button' && f.inAccountRow, 'the first account in the table', 60);
  const opened = await focused(page);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.account-page');
  await page.waitForFunction(() => document.activeElement?.closest('.account-page'), null, { timeout: 5_000 }).catch(async () => {
    assert.fail(`opening ${opened.text} left the focus on ${JSON.stringify(await focused(page))}`);
  });
  await page.close();
});

test('the overview chart takes the focus and its readout follows the arrow keys', async () => {
  const { page } = await h.open();
  await loadAndWait(page, THAILAND);
  await page.waitForSelector('.overview .chart svg');
  await openTables(page);
  const months = await page.$eval('.overview .chart', (chart) => [...chart.querySelectorAll('.table-view tbody tr')].map((r) => r.cells[0].textContent));
  await page.focus('#tab-overview');
  await tabTo(page, (f) => f.svg && f.chart === 'Tweets per month', 'the chart of tweets per month');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.overview .chart .hover-value'), new RegExp(`^${months[1]}: `));
  await page.keyboard.press('End');
  assert.match(await page.textContent('.overview .chart .hover-value'), new RegExp(`^${months.at(-1)}: `));
  await page.close();
});

test('opening a sample with the keyboard puts the focus on the campaign', async () => {
  const { page } = await h.open();
  await tabTo(page, (f) => f.text === 'Open', 'the first sample’s Open button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 60_000 });
  await page.waitForFunction(() => document.activeElement?.closest('.campaign'), null, { timeout: 5_000 }).catch(async () => {
    assert.fail(`the focus stayed on ${JSON.stringify(await focused(page))}`);
  });
  await page.close();
});

/** How far the page scrolls sideways: 0 when nothing sticks out. */
const overflow = (page) => page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);

test('at 390 px no view scrolls sideways, chart labels stay readable and no hint says shift-click', async () => {
  const { page } = await h.open();
  const wide = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 390, height: 844 });
    const px = await overflow(page);
    if (px > 0) wide.push(`empty page (${colorScheme}): ${px} px too wide`);
    await page.screenshot({ path: join(SHOTS, `phone-empty-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setInputFiles('#file-input', THAILAND);
  await page.waitForSelector('.staged table');
  if ((await overflow(page)) > 0) wide.push(`files chosen: ${await overflow(page)} px too wide`);
  await page.screenshot({ path: join(SHOTS, 'phone-chosen.png'), fullPage: true });
  await page.click('#load-button');
  await page.waitForSelector('.app[data-status="ready"]', { timeout: 120_000 });
  await page.click('.load-panel summary');
  if ((await overflow(page)) > 0) wide.push(`the load report: ${await overflow(page)} px too wide`);
  await page.click('.load-panel summary');
  for (const [view, reach] of Object.entries(VIEWS)) {
    await reach(page);
    const px = await overflow(page);
    if (px > 0) wide.push(`${view}: ${px} px too wide`);
    await page.screenshot({ path: join(SHOTS, `phone-${view}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await VIEWS.overview(page);
  await page.screenshot({ path: join(SHOTS, 'phone-overview-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(wide, []);

  for (const view of ['overview', 'timeline']) {
    await VIEWS[view](page);
    const labels = await page.$$eval('.chart svg text', (texts) => texts
      .filter((t) => getComputedStyle(t).display !== 'none')
      .map((t) => {
        const r = t.getBoundingClientRect();
        return {
          text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
          left: r.left, right: r.right, top: r.top, x: t.classList.contains('x-label'),
        };
      }));
    assert.ok(labels.length > 0);
    const small = labels.filter((l) => l.size < 10);
    assert.deepEqual(small.map((l) => `${l.text}: ${l.size.toFixed(1)} px`), [], `${view}: labels under 10 px`);
    const xs = labels.filter((l) => l.x);
    const crowded = xs.filter((a, i) => xs.some((b, j) => j > i && Math.abs(a.top - b.top) < 2 && a.left < b.right && b.left < a.right));
    assert.deepEqual(crowded.map((l) => l.text), [], `${view}: x labels on top of each other`);
  }

  // A touch screen: no pointer to hover with, no shift key to click with.
  await VIEWS.timeline(page);
  assert.match(await page.textContent('.timeline .hover-value'), /shift-click/, 'a mouse is told about shift-click');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  assert.ok(await page.evaluate(() => matchMedia('(hover: none)').matches), 'the emulation took');
  const hints = await page.$$eval('body *', (els) => els
    .filter((e) => e.checkVisibility() && [...e.childNodes].some((n) => n.nodeType === 3 && /shift-click|click/i.test(n.textContent)))
    .map((e) => e.textContent.trim()));
  assert.deepEqual(hints, [], 'nothing visible on a touch screen speaks of clicking');
  await page.screenshot({ path: join(SHOTS, 'phone-timeline-touch.png'), fullPage: true });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
  await cdp.detach();
  await page.close();
});

test('on a 1024 × 768 projector the loaded campaign’s figures are on the first screen', async () => {
  const { page } = await h.open();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: join(SHOTS, 'projector-empty.png') });
  await loadAndWait(page, THAILAND);
  await page.waitForSelector('.overview .chart svg');
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = (selector) => page.$eval(selector, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; });
  const intake = await box('.intake');
  assert.ok(intake.height <= 56, `after a load the intake is one low bar, not ${intake.height} px`);
  const metrics = await page.$$eval('.metrics .metric', (els) => els.map((e) => ({ name: e.dataset.metric, bottom: e.getBoundingClientRect().bottom })));
  assert.ok(metrics.length >= 8, JSON.stringify(metrics));
  await page.screenshot({ path: join(SHOTS, 'projector-loaded.png') });
  assert.deepEqual(metrics.filter((m) => m.bottom > 768), [], 'figures below the first screen');
  const chart = await box('.overview .chart h3');
  assert.ok(chart.bottom <= 768, `the first chart's title is on the first screen, not at ${chart.top} px`);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SHOTS, `projector-loaded-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.close();
});

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Tweets per weekday-and-hour cell (Monday 00:00 first, 168 of them), counted from the corpus at `offset` hours from UTC. */
function cellsFromCorpus(offset) {
  const csv = execFileSync('unzip', ['-p', THAILAND[0]], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const { data } = Papa.parse(csv, { header: true, skipEmptyLines: true });
  const counts = new Array(168).fill(0);
  for (const row of data) {
    const [date, hm] = row.tweet_time.split(' ');
    const t = new Date(`${date}T${hm}:00Z`).getTime() + offset * 3_600_000;
    const d = new Date(t);
    counts[((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours()] += 1;
  }
  return counts;
}

/** The heatmap's cells as the page shows them, in the same order, from each cell's own label. */
const cellsOnPage = (page) => page.$$eval('.heatmap tbody td', (tds) => tds.map((td) => Number(td.title.split(': ').at(-1).replace(/\D/g, ''))));

const busiest = (cells) => cells.indexOf(Math.max(...cells));

test('the weekday × hour chart reads in a chosen time zone and says the truth in dark mode', async () => {
  const utc = cellsFromCorpus(0);
  const bangkok = cellsFromCorpus(7);
  assert.equal(busiest(bangkok), (busiest(utc) + 7) % 168, 'the corpus itself moves by seven hours');
  const { page } = await h.open();
  await loadAndWait(page, THAILAND);
  await page.waitForSelector('.overview .heatmap');
  assert.deepEqual(await cellsOnPage(page), utc, 'UTC on the page is UTC in the files');
  await page.selectOption('.heatmap select', '7');
  await page.waitForFunction(() => /UTC\+7/.test(document.querySelector('.heatmap figcaption')?.textContent));
  const shown = await cellsOnPage(page);
  assert.deepEqual(shown, bangkok, 'UTC+7 on the page is UTC+7 counted from the files');
  const at = busiest(shown);
  assert.equal(at, (busiest(utc) + 7) % 168, `busiest ${DAYS[Math.floor(at / 24)]} ${at % 24}:00`);
  assert.match(new URL(page.url()).hash, /tz=7/, 'the offset is part of the view’s link');
  await page.screenshot({ path: join(SHOTS, 'heatmap-utc7.png'), fullPage: true });

  const again = await h.open(new URL(page.url()).hash);
  await loadAndWait(again.page, THAILAND);
  await again.page.waitForSelector('.overview .heatmap');
  assert.deepEqual(await cellsOnPage(again.page), bangkok, 'a link reopens the chart in UTC+7');
  await again.page.close();

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const caption = await page.textContent('.heatmap figcaption');
    assert.doesNotMatch(caption, /darker is busier|lighter is busier/i, `${colorScheme}: ${caption}`);
    const light = await page.evaluate((at) => {
      const luminance = (td) => {
        const [r, g, b] = getComputedStyle(td).backgroundColor.match(/[\d.]+/g).map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const cells = [...document.querySelectorAll('.heatmap tbody td')];
      const empty = cells.find((td) => /: 0 tweets$/.test(td.title)) ?? cells.reduce((a, b) => (luminance(a) > luminance(b) ? a : b));
      return { busiest: luminance(cells[at]), quiet: luminance(empty) };
    }, at);
    if (colorScheme === 'dark') assert.ok(light.busiest > light.quiet, `dark: busier cells are lighter ${JSON.stringify(light)}`);
    else assert.ok(light.busiest < light.quiet, `light: busier cells are darker ${JSON.stringify(light)}`);
    await page.screenshot({ path: join(SHOTS, `heatmap-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.close();
});

test('the access checks asked for nothing but the page’s own files', () => {
  assert.deepEqual(h.foreignRequests(), []);
});

// End to end: the timeline's period and split in the link, the chart zoomed to
// the date range, and a link opened without its files. What the page should
// show is found independently of the code under test: the file names from the
// corpus paths, the days of February 2020 from the calendar, the width of a
// period from the browser's own geometry of the drawn selection band.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { CORPUS, SHOTS, THAILAND, startHarness, loadAndWait } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const hashOf = (page) => new URL(page.url()).hash;

/** The first cells of the chart's table view, opened if it is closed. */
async function tablePeriods(page) {
  const table = page.locator('.timeline .table-view');
  if (!(await table.evaluate((d) => d.open))) await table.locator('summary').click();
  await page.waitForSelector('.timeline .table-view tbody tr');
  return page.$$eval('.timeline .table-view tbody tr', (rows) => rows.map((r) => r.cells[0].textContent));
}

/** Every day of February 2020, from the calendar. */
const FEBRUARY = Array.from({ length: 29 }, (_, i) => new Date(Date.UTC(2020, 1, i + 1)).toISOString().slice(0, 10));

test('the period and the split are in the link, and a link draws them after its files are loaded', async () => {
  const { page, errors } = await h.open();
  await loadAndWait(page, THAILAND);
  await page.click('#tab-timeline');
  await page.waitForSelector('.timeline svg path.series');
  await page.selectOption('#timeline-period', 'day');
  await page.selectOption('#timeline-split', 'language');
  await page.waitForFunction(() => /period=day/.test(location.hash) && /split=language/.test(location.hash), null, { timeout: 5_000 })
    .catch(() => assert.fail(`the hash is ${hashOf(page)}`));
  const link = hashOf(page);
  await page.selectOption('#timeline-period', 'month');
  await page.selectOption('#timeline-split', 'kind');
  await page.waitForFunction(() => !/period=|split=/.test(location.hash), null, { timeout: 5_000 })
    .catch(() => assert.fail(`the defaults stay out of the hash: ${hashOf(page)}`));
  await page.close();

  const opened = await h.open(link);
  await loadAndWait(opened.page, THAILAND);
  await opened.page.waitForSelector('.timeline svg path.series');
  assert.equal(await opened.page.inputValue('#timeline-period'), 'day');
  assert.equal(await opened.page.inputValue('#timeline-split'), 'language');
  const periods = await tablePeriods(opened.page);
  assert.ok(periods.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p)), `periods are days: ${periods.slice(0, 3)}`);
  const headers = await opened.page.$$eval('.timeline .table-view th', (th) => th.map((t) => t.textContent));
  assert.ok(!headers.includes('retweet'), `series are languages: ${headers}`);
  assert.deepEqual(errors.concat(opened.errors), []);
  await opened.page.close();
});

test('with a range set the chart draws only its periods, each wide, and Show all goes back', async () => {
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadAndWait(page, THAILAND);
  await page.click('#tab-timeline');
  await page.waitForSelector('.timeline svg path.series');
  await page.fill('#range-from', '2020-02-01');
  await page.fill('#range-to', '2020-02-29');
  await page.press('#range-to', 'Enter');
  await page.waitForSelector('.range-bar[data-range="2020-02-01/2020-02-29"]');
  await page.selectOption('#timeline-period', 'day');
  await page.waitForFunction(() => /^\d{4}-\d{2}-\d{2}$/.test(document.querySelector('.timeline .x-label')?.textContent ?? ''));
  assert.deepEqual(await tablePeriods(page), FEBRUARY);
  // The selection band covers the range's days: on screen, its width per day.
  const geometry = await page.evaluate(() => {
    const band = document.querySelector('.timeline svg rect.selection').getBoundingClientRect();
    const bars = [];
    for (const path of document.querySelectorAll('.timeline svg path.series')) {
      const ctm = path.getScreenCTM();
      for (const [, x] of path.getAttribute('d').matchAll(/M([\d.]+) [\d.]+h/g)) bars.push(new DOMPoint(Number(x), 0).matrixTransform(ctm).x);
    }
    return { left: band.left, width: band.width, bars: [...new Set(bars.map((x) => x.toFixed(1)))].map(Number) };
  });
  const slot = geometry.width / FEBRUARY.length;
  assert.ok(slot > 20, `a day is ${slot.toFixed(1)} px wide`);
  assert.ok(geometry.bars.length > 0 && geometry.bars.length <= FEBRUARY.length, `${geometry.bars.length} bar positions`);
  assert.ok(geometry.bars.every((x) => x >= geometry.left - 0.5 && x <= geometry.left + geometry.width), 'every bar is inside the range');
  await page.screenshot({ path: join(SHOTS, 'zoom-february-days.png') });

  await page.click('#timeline-show-all');
  await page.waitForFunction(() => document.querySelectorAll('.timeline .table-view tbody tr').length > 29);
  const all = await tablePeriods(page);
  assert.ok(all[0] < '2020-02-01' && all.includes('2020-02-15'), `the whole span: ${all[0]}…${all.at(-1)}`);
  await page.screenshot({ path: join(SHOTS, 'zoom-show-all.png') });
  await page.click('#timeline-zoom');
  await page.waitForFunction(() => document.querySelectorAll('.timeline .table-view tbody tr').length === 29);
  await page.click('.range-bar button');
  await page.waitForFunction((n) => document.querySelectorAll('.timeline .table-view tbody tr').length === n, all.length);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link opened without its files names them, shows no other campaign, and opens once they are loaded', async () => {
  const { page } = await h.open();
  await loadAndWait(page, THAILAND);
  await page.click('#tab-timeline');
  await page.selectOption('#timeline-period', 'week');
  await page.waitForFunction(() => /period=week/.test(location.hash) && /files=/.test(location.hash));
  const link = hashOf(page);
  await page.close();

  const { page: opened, errors } = await h.open(link);
  await opened.waitForSelector('.link-pending');
  const sentence = await opened.textContent('.link-pending');
  assert.match(sentence, /^This link shows thailand_092020 \(Timeline\); open its files to see it: /);
  for (const file of THAILAND.map((f) => basename(f))) assert.ok(sentence.includes(file), `${file} in: ${sentence}`);
  assert.equal(await opened.$('.campaign'), null, 'no campaign is shown');
  await opened.screenshot({ path: join(SHOTS, 'zoom-link-without-files.png') });

  await loadAndWait(opened, [join(CORPUS, 'catalonia_201906_1_users_csv_hashed.csv')]);
  assert.equal(await opened.$('.campaign'), null, 'another campaign is not shown in its place');
  assert.match(await opened.textContent('.link-pending'), /The files loaded hold catalonia/);
  assert.ok(hashOf(opened).includes('campaign=thailand_092020'), `the link stays: ${hashOf(opened)}`);

  await loadAndWait(opened, THAILAND);
  await opened.waitForSelector('.timeline svg path.series');
  assert.equal(await opened.$('.link-pending'), null);
  assert.equal(await opened.textContent('#campaign-title'), 'thailand_092020');
  assert.equal(await opened.getAttribute('#tab-timeline', 'aria-selected'), 'true');
  assert.equal(await opened.inputValue('#timeline-period'), 'week');
  assert.deepEqual(errors, []);
  await opened.screenshot({ path: join(SHOTS, 'zoom-link-opened.png') });
  await opened.close();
});

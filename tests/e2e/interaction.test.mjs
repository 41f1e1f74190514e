// End to end: pointing at the charts, switching their data under the pointer,
// and Back and Forward through the views. What the page should show is found
// from the page itself, independently of the code under test: the chart's
// table view for the figures, the browser's own geometry (getScreenCTM,
// elementFromPoint) for where a bar is drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, THAILAND, startHarness, loadAndWait, metric } from './harness.mjs';

let h, page, errors;
before(async () => {
  h = await startHarness();
  ({ page, errors } = await h.open());
  await loadAndWait(page, THAILAND);
});
after(async () => { await h?.close(); });

const digits = (text) => text.replace(/\D/g, '');

/** The table view's rows of a chart: `[label, total]`, the total in the last column. */
async function tableRows(figure) {
  const table = page.locator(`${figure} .table-view`);
  if (!(await table.evaluate((d) => d.open))) await table.locator('summary').click();
  await page.waitForSelector(`${figure} .table-view tbody tr`);
  return page.$$eval(`${figure} .table-view tbody tr`, (rows) =>
    rows.map((r) => [r.cells[0].textContent, Number(r.cells[r.cells.length - 1].textContent.replace(/\D/g, ''))]));
}

/**
 * The middle of the tallest bar on screen: the highest top of any bar of the
 * chart's paths (stacked series end highest on the tallest stack), turned into
 * viewport pixels by each path's own screen transform.
 */
function tallestBarOnScreen(figure) {
  return page.evaluate((figure) => {
    let best = null;
    for (const path of document.querySelectorAll(`${figure} svg path.series`)) {
      for (const [, x, y, w, height] of path.getAttribute('d').matchAll(/M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)/g)) {
        if (!best || Number(y) < best.top) best = { path, top: Number(y), x: Number(x) + Number(w) / 2, bottom: Number(y) + Number(height) };
      }
    }
    const ctm = best.path.getScreenCTM();
    const top = new DOMPoint(best.x, best.top).matrixTransform(ctm);
    const bottom = new DOMPoint(best.x, best.bottom).matrixTransform(ctm);
    const point = { x: top.x, y: (top.y + bottom.y) / 2 };
    const hit = document.elementFromPoint(point.x, point.y);
    return { ...point, onBar: hit?.matches(`${figure} path.series`) ?? false };
  }, figure);
}

/** The range bar's `from/to`, or `none` without one. */
const rangeInForce = () => page.$eval('.range-bar', (bar) => bar.dataset.range).catch(() => 'none');

function lastDayOf(month) {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

for (const width of [1024, 1280, 1600]) {
  test(`at ${width} px the timeline names and selects the period under the pointer`, async () => {
    await page.setViewportSize({ width, height: 900 });
    await page.click('#tab-timeline');
    await page.waitForSelector('.timeline svg path.series');
    const rows = await tableRows('.timeline');
    const [period, total] = rows.reduce((a, b) => (b[1] > a[1] ? b : a));
    const bar = await tallestBarOnScreen('.timeline');
    assert.ok(bar.onBar, `the point ${bar.x},${bar.y} is on a drawn bar`);
    await page.mouse.move(bar.x, bar.y);
    await page.waitForSelector('.timeline .hover');
    const readout = await page.textContent('.timeline .hover-value');
    assert.equal(readout.split(':')[0], period, readout);
    assert.equal(digits(readout.split(' tweets')[0].split(':')[1]), String(total), readout);
    await page.screenshot({ path: join(SHOTS, `timeline-pointer-${width}.png`) });
    await page.mouse.click(bar.x, bar.y);
    const range = `${period}-01/${lastDayOf(period)}`;
    await page.waitForSelector(`.range-bar[data-range="${range}"]`, { timeout: 5_000 }).catch(async () => {
      assert.fail(`the click set ${await rangeInForce()}, not ${range}`);
    });
    await page.click('.range-bar button');
    await page.waitForSelector('.range-bar', { state: 'detached' });
    await page.mouse.move(0, 0);
  });
}

test('an account page\'s chart names the month under the pointer', async () => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.click('#tab-accounts');
  await page.waitForSelector('.account-table[data-total="926"]');
  await page.click('.account-table tbody tr button.link');
  await page.waitForSelector('.account-page .chart svg path.series');
  const figure = '.account-page .chart';
  const rows = await tableRows(figure);
  const [month, total] = rows.reduce((a, b) => (b[1] > a[1] ? b : a));
  const bar = await tallestBarOnScreen(figure);
  assert.ok(bar.onBar, `the point ${bar.x},${bar.y} is on a drawn bar`);
  await page.mouse.move(bar.x, bar.y);
  await page.waitForSelector(`${figure} .hover`);
  const caption = await page.textContent(`${figure} .hover-value`);
  assert.equal(caption.split(':')[0], month, caption);
  assert.equal(digits(caption.split(':')[1]), String(total), caption);
  await page.screenshot({ path: join(SHOTS, 'account-chart-pointer.png') });
  await page.mouse.move(0, 0);
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('switching the timeline from days to months under the pointer keeps the page alive', async () => {
  await page.click('#tab-timeline');
  await page.selectOption('#timeline-period', 'day');
  await page.waitForFunction(() => /^\d{4}-\d{2}-\d{2}$/.test(document.querySelector('.timeline .x-label')?.textContent ?? ''));
  const days = await tableRows('.timeline');
  // Just inside the right end of the plot, in the SVG's own units, on screen.
  const end = await page.evaluate(() => {
    const svg = document.querySelector('.timeline svg');
    const [, , w, hgt] = svg.getAttribute('viewBox').split(' ').map(Number);
    return new DOMPoint(w - 0.5, hgt / 2).matrixTransform(svg.getScreenCTM());
  });
  await page.mouse.move(end.x, end.y);
  await page.waitForSelector('.timeline .hover');
  const day = (await page.textContent('.timeline .hover-value')).split(':')[0];
  const slot = days.findIndex(([d]) => d === day);
  assert.ok(slot >= 0, `a day is under the pointer: ${day}`);
  // The select changes with the pointer still on the chart (as from the keyboard).
  await page.selectOption('#timeline-period', 'month');
  const switched = await page
    .waitForFunction(() => /^\d{4}-\d{2}$/.test(document.querySelector('.timeline .x-label')?.textContent ?? ''), null, { timeout: 10_000 })
    .then(() => true, () => false);
  await page.waitForTimeout(200);
  assert.deepEqual(errors, [], 'no panic');
  assert.ok(switched, 'the chart shows months');
  assert.equal(await page.getAttribute('.app', 'data-status'), 'ready');
  assert.match(await page.textContent('.timeline .hover-value'), /^Point at a period/, 'the old slot was dropped');
  await page.mouse.move(end.x - 1, end.y);
  const months = await tableRows('.timeline');
  assert.ok(slot >= months.length, `day slot ${slot} has no month slot (${months.length})`);
  await page.waitForFunction((m) => document.querySelector('.timeline .hover-value')?.textContent.startsWith(`${m}:`), months.at(-1)[0]);
  await page.mouse.move(0, 0);
});

/** The overview's tweet count must become `n`. */
async function overviewCounts(n) {
  await page.click('#tab-overview');
  await page.waitForFunction((n) => document.querySelector('[data-metric="tweets"]')?.dataset.value === String(n), n, { timeout: 10_000 })
    .catch(async () => assert.fail(`the overview counts ${await metric(page, 'tweets')} tweets, not ${n}`));
  await page.click('#tab-timeline');
}

const sum = (rows) => rows.reduce((a, [, n]) => a + n, 0);

test('a typed From is applied on Enter, not per keystroke, and alone counts from that day on', async () => {
  await page.click('#tab-timeline');
  await page.waitForSelector('.timeline svg path.series');
  const months = await tableRows('.timeline');
  await page.click('#range-from');
  await page.keyboard.type('2020-02-01', { delay: 20 });
  await page.waitForTimeout(300);
  assert.doesNotMatch(page.url(), /from=/, 'nothing applied while typing');
  assert.equal(await page.$('.range-bar'), null);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.range-bar[data-range="2020-02-01/"]', { timeout: 5_000 })
    .catch(async () => assert.fail(`the range is ${await rangeInForce()}`));
  assert.equal(await page.inputValue('#range-to'), '', 'To stays empty');
  assert.doesNotMatch(page.url(), /[&#]to=/);
  await overviewCounts(sum(months.filter(([m]) => m >= '2020-02')));
});

test('clearing From clears the start of the range', async () => {
  // The chart is zoomed to the range in force: the whole span has every month.
  await page.click('#timeline-show-all');
  const months = await tableRows('.timeline');
  await page.fill('#range-from', '2020-02-01');
  await page.fill('#range-to', '2020-02-29');
  await page.press('#range-to', 'Enter');
  await page.waitForSelector('.range-bar[data-range="2020-02-01/2020-02-29"]');
  await page.fill('#range-from', '');
  await page.press('#range-from', 'Enter');
  await page.waitForSelector('.range-bar[data-range="/2020-02-29"]', { timeout: 5_000 })
    .catch(async () => assert.fail(`the range is ${await rangeInForce()}`));
  assert.doesNotMatch(page.url(), /from=/);
  await overviewCounts(sum(months.filter(([m]) => m <= '2020-02')));
});

test('a reversed or impossible range is reported beside the boxes and not applied', async () => {
  const before = await page.getAttribute('.range-bar', 'data-range');
  await page.fill('#range-from', '2020-03-01');
  await page.fill('#range-to', '2020-02-01');
  await page.press('#range-to', 'Enter');
  await page.waitForSelector('#range-problem:has-text("after")', { timeout: 5_000 });
  const problem = await page.textContent('#range-problem');
  assert.match(problem, /2020-03-01.*2020-02-01/);
  assert.equal(await page.getAttribute('#range-from', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('.range-bar', 'data-range'), before, 'the range in force stays');
  await page.screenshot({ path: join(SHOTS, 'range-problem.png') });
  await page.fill('#range-from', '2020-02-30');
  await page.fill('#range-to', '');
  await page.press('#range-from', 'Enter');
  await page.waitForSelector('#range-problem:has-text("2020-02-30")');
  assert.match(await page.textContent('#range-problem'), /not a day/);
  assert.equal(await page.getAttribute('.range-bar', 'data-range'), before);
  await page.fill('#range-from', '2020-02-01');
  await page.press('#range-from', 'Enter');
  await page.waitForSelector('.range-bar[data-range="2020-02-01/"]');
  assert.equal(await page.textContent('#range-problem'), '', 'the message goes once the range is right');
  await page.click('.range-bar button');
  await page.waitForSelector('.range-bar', { state: 'detached' });
  assert.equal(await page.inputValue('#range-from'), '');
});

test('Back and Forward move through the views and the files stay loaded', async () => {
  const fresh = await h.open();
  const p = fresh.page;
  await loadAndWait(p, THAILAND);
  // A real navigation would start a new document, without this mark.
  await p.evaluate(() => { window.__samePage = true; });
  const samePage = async () => assert.equal(await p.evaluate(() => window.__samePage), true, 'the page never navigated away');
  const selected = (name) => p.waitForSelector(`#tab-${name}[aria-selected="true"]`, { timeout: 5_000 });
  await p.click('#tab-accounts');
  await p.waitForSelector('.account-table[data-total="926"]');
  const account = await p.getAttribute('.account-table tbody tr', 'data-account');
  await p.click('.account-table tbody tr button.link');
  await p.waitForSelector(`.account-page[data-account="${account}"]`);

  await p.evaluate(() => history.back());
  await selected('accounts');
  await p.waitForSelector('.account-table[data-total="926"]');
  await samePage();
  assert.match(p.url(), /tab=accounts/);
  assert.doesNotMatch(p.url(), /account=/);

  await p.evaluate(() => history.back());
  await selected('overview');
  await p.waitForFunction(() => document.querySelector('[data-metric="tweets"]')?.dataset.value === '21385');
  await samePage();
  assert.equal(await metric(p, 'accounts'), '926');
  assert.equal(await p.getAttribute('.app', 'data-status'), 'ready');

  await p.evaluate(() => history.forward());
  await selected('accounts');
  await p.waitForSelector('.account-table[data-total="926"]');
  await samePage();
  await p.screenshot({ path: join(SHOTS, 'history-forward.png') });
  assert.deepEqual(fresh.errors, []);
  await p.close();
});

test('a typed account filter is one history entry per pause, and Back empties the box', async () => {
  const fresh = await h.open();
  const p = fresh.page;
  await loadAndWait(p, THAILAND);
  await p.click('#tab-accounts');
  await p.waitForSelector('.account-table[data-total="926"]');
  const account = await p.getAttribute('.account-table tbody tr', 'data-account');
  const before = await p.evaluate(() => history.length);
  await p.locator('#accounts-filter').pressSequentially(account.slice(0, 12), { delay: 10 });
  await p.waitForSelector('.account-table[data-total="1"]');
  await p.waitForTimeout(400);
  assert.equal(await p.evaluate(() => history.length), before + 1, 'one entry for the whole word');
  await p.evaluate(() => history.back());
  await p.waitForSelector('.account-table[data-total="926"]');
  assert.equal(await p.inputValue('#accounts-filter'), '');
  assert.deepEqual(fresh.errors, []);
  await p.close();
});

test('the interactions asked for nothing but their own files', () => {
  assert.deepEqual(h.foreignRequests(), []);
});

// End to end: the Report tab on the Thailand release. Its batches are the ones
// `takedown report --format json` finds in the same files; the accounts (926)
// and the accounts that tweeted (455) were counted independently, with
// Python's csv module (tests/report.rs). Then the tab is printed to an A4 PDF,
// whose first page is rendered and looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { ROOT, SHOTS, THAILAND, startHarness, loadAndWait, metric } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const { campaigns: [expected] } = JSON.parse(
  execFileSync(join(ROOT, 'target/release/takedown'), ['report', '--format', 'json', ...THAILAND], { encoding: 'utf8', maxBuffer: 64 << 20 }),
);
const campaign = expected.name;

function hasPdftoppm() {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pixels of a binary PPM (P6) that are not near-white, over all its pixels. */
function inkedShare(ppm) {
  const header = ppm.toString('latin1', 0, 64).match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  assert.ok(header, 'pdftoppm wrote a binary PPM');
  const [whole, width, height] = header;
  const pixels = ppm.subarray(whole.length);
  let inked = 0;
  for (let i = 0; i < Number(width) * Number(height) * 3; i += 3) {
    if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) inked += 1;
  }
  return inked / (Number(width) * Number(height));
}

test('the report shows the batches the CLI finds and the headline, exports its tables, and prints on A4', async () => {
  const dayBatches = expected.creations.day_batches;
  assert.ok(dayBatches.length > 1, `Thailand has day batches (${dayBatches.length})`);
  const { page, errors } = await h.open();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadAndWait(page, THAILAND);

  // The tabs are ARIA tabs: End goes to the last one, the report (no account is open).
  await page.focus('#tab-overview');
  await page.keyboard.press('End');
  await page.waitForSelector('[data-metric="creation-batches"]', { timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-report');
  assert.match(page.url(), /tab=report/);
  assert.equal(await page.getAttribute('.report', 'data-campaign'), campaign);

  assert.equal(Number(await metric(page, 'creation-batches')), dayBatches.length);
  assert.equal(await metric(page, 'accounts'), '926');
  assert.equal(await metric(page, 'accounts-with-tweets'), '455');
  assert.equal(await metric(page, 'tweets'), String(expected.headline.tweets));
  const rows = () => page.$$eval('table.batches tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.accounts)));
  assert.deepEqual(await rows(), dayBatches.map((b) => b.accounts));
  assert.match(await page.textContent('[data-metric="creation-batches"]'), /at least 10 new accounts: 10 × the median of the 99 days with any \(1\)/);

  // A batch's accounts, listed once opened; each opens its account page.
  const first = page.locator('table.batches tbody tr').first();
  await first.locator('summary').click();
  await first.locator('.account-list li').first().waitFor();
  assert.deepEqual(await first.locator('.account-list li').allTextContents(), dayBatches[0].ids);

  // Its CSV is the CLI's batches, ids and all.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-csv-batches_day')]);
  assert.equal(download.suggestedFilename(), `${campaign}_report_batches_day.csv`);
  const csv = Papa.parse(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  assert.deepEqual(csv.map((r) => [r.first, r.last, Number(r.accounts), r.userids]), dayBatches.map((b) => [b.first, b.last, b.accounts, b.ids.join(' ')]));

  // Per week: the week batches, and a chart of every week.
  await page.selectOption('#report-period', 'week');
  await page.waitForSelector('table.batches[data-period="week"]');
  assert.deepEqual(await rows(), expected.creations.week_batches.map((b) => b.accounts));
  const [weekly] = await Promise.all([page.waitForEvent('download'), page.click('#report-csv-created_per_week')]);
  const weeks = Papa.parse(readFileSync(await weekly.path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  assert.equal(weeks.reduce((n, r) => n + Number(r.accounts), 0), 926 - expected.creations.without_date);
  await page.selectOption('#report-period', 'day');

  const signals = await page.$$eval('table.signals tbody tr', (trs) => trs.map((tr) => [tr.dataset.signal, Number(tr.dataset.accounts)]));
  assert.deepEqual(signals, expected.signals.map((s) => [s.kind, s.accounts]));
  assert.equal(Number(await page.getAttribute('table.bursts', 'data-total')), expected.bursts.total);
  const citation = await page.textContent('.citation');
  for (const file of THAILAND) assert.ok(citation.includes(file.split('/').pop()), citation);
  assert.ok(citation.includes(new Date().toISOString().slice(0, 10)), citation);

  // No network yet: the report says so and links to the tab that computes one.
  assert.match(await page.textContent('#report-coordination'), /No co-action network has been computed/);
  await page.click('#report-coordination a');
  await page.waitForSelector('[data-metric="edges"]', { timeout: 60_000 });
  const edges = await metric(page, 'edges');
  const nodes = await metric(page, 'nodes');
  await page.click('#tab-report');
  await page.waitForSelector('#report-coordination [data-metric="edges"]');
  assert.deepEqual([await metric(page, 'edges'), await metric(page, 'nodes')], [edges, nodes]);

  await page.screenshot({ path: join(SHOTS, 'report-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing wider than a phone');
  await page.screenshot({ path: join(SHOTS, 'report-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // On paper: no tabs, no controls, the sections.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#tab-report'), false);
  assert.equal(await page.isVisible('#report-period'), false);
  assert.equal(await page.isVisible('#report-creation'), true);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pdfPath = join(ROOT, 'target/e2e/report.pdf');
  writeFileSync(pdfPath, pdf);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 4 && pages <= 12, `the report fills a few A4 pages (${pages})`);
  if (hasPdftoppm()) {
    const base = join(ROOT, 'target/e2e/report-page1');
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-singlefile', pdfPath, base]);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '80', '-png', '-singlefile', pdfPath, base]);
    const share = inkedShare(readFileSync(`${base}.ppm`));
    assert.ok(share > 0.01 && share < 0.6, `page 1 has figures and words on white (${(share * 100).toFixed(1)} % inked)`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(h.foreignRequests(), []);
});

// Printing the page after a what-if change gives a readable A4 scenario report: the state
// line, the totals strip and the changes, the overview, the charts, the checks and the tables,
// with no form field or button, and no table past the page margin (the print rules of
// yusuan-calculator.css, scenario.css, chart.css and page.css: @page A4, 15 mm margins).
// Read as a reader reads the paper: with print media emulated on a page as wide as A4's
// printable width, then in the PDF that Chromium prints (pdftotext, when installed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HOST, openReady, setAmount, stripItem, waitFor } from './helpers.mjs';

const run = promisify(execFile);

// Pages of page.pdf({ format: 'A4' }) after setting 节能减排 to 170: 23 before the print
// rules (tables 8 and 11 ran past the page edge, the edit form's 50 fields were printed),
// 21 with them (and with 15 mm margins where there were none).
const PAGES_BEFORE = 23;

// A4's printable width at 15 mm margins: 180 mm at 96 px to the inch.
const PRINT_WIDTH = Math.floor((180 / 25.4) * 96);

describe('printing a scenario', () => {
  let ctx;

  before(async () => {
    ctx = await openReady();
    await setAmount(ctx.page, '节能减排', '170');
    await waitFor(() => stripItem(ctx.page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'the changed total');
    await ctx.page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
    await ctx.page.emulateMedia({ media: 'print', reducedMotion: 'reduce' });
  });

  after(async () => {
    await ctx?.close();
  });

  test('no form field or button is printed', async () => {
    const shown = await ctx.page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      return [...root.querySelectorAll('input, select, textarea, button')].filter(visible).map((el) => `${el.tagName.toLowerCase()}.${el.className} “${(el.value || el.textContent).trim().slice(0, 20)}”`);
    }, HOST);
    assert.deepEqual(shown, []);
  });

  test('the state line and the changed totals are printed', async () => {
    const { page } = ctx;
    const state = page.locator(`${HOST} [data-section="state"]`);
    assert.ok(await state.isVisible(), 'the state line prints');
    assert.equal((await state.textContent()).trim(), '未保存的方案（1 处修改）');
    assert.ok(await page.locator(`${HOST} .sc-strip [data-key="total"]`).isVisible(), 'the totals strip prints');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    // The change itself, without its field: the line, its published and new figures.
    const changed = page.locator(`${HOST} .sc-row.is-changed`, { hasText: '节能减排' });
    assert.ok(await changed.isVisible(), 'the changed line prints');
    assert.match(await changed.innerText(), /公开数 70 → 170（\+100）/);
    assert.equal(await page.locator(`${HOST} .sc-row:not(.is-changed)`).filter({ visible: true }).count(), 0, 'unchanged lines do not print');
    for (const section of ['overview', 'findings', 'scenario', 'tables']) {
      assert.ok(await page.locator(`${HOST} [data-section="${section}"]`).isVisible(), `${section} prints`);
    }
    assert.ok(await page.locator(`${HOST} .ch-chart`).first().isVisible(), 'the charts print');
  });

  test('no table runs past the margin', async () => {
    const r = await ctx.page.evaluate((host) => {
      const el = document.querySelector(host);
      const box = el.getBoundingClientRect();
      const tables = [...el.shadowRoot.querySelectorAll('table')].filter((t) => t.getClientRects().length > 0);
      return { right: box.right, tables: tables.map((t) => ({ name: t.className || t.caption?.textContent.trim().slice(0, 20), right: t.getBoundingClientRect().right })) };
    }, HOST);
    assert.ok(r.tables.length >= 9, `the budget tables print: ${r.tables.length}`);
    const past = r.tables.filter((t) => t.right > r.right + 0.5);
    assert.deepEqual(past, [], `tables past the element's right edge (${r.right})`);
  });

  test('the PDF has the state line and the new total, on fewer pages', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'yusuan-print-'));
    try {
      const file = join(dir, 'report.pdf');
      await writeFile(file, await ctx.page.pdf({ format: 'A4' }));
      let text;
      try {
        text = (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      } catch (err) {
        if (err.code === 'ENOENT') {
          t.skip('pdftotext is not installed (poppler-utils): the PDF is not read');
          return;
        }
        throw err;
      }
      const pages = text.split('\f').filter((p) => p.trim()).length;
      const flat = text.replace(/\s+/g, '');
      assert.ok(flat.includes('未保存的方案（1处修改）'), 'the state line is in the PDF');
      assert.ok(flat.includes('84,679'), 'the new total is in the PDF');
      assert.ok(!flat.includes('按比例或金额增减'), 'the scale form is not in the PDF');
      assert.ok(pages < PAGES_BEFORE, `${pages} pages, fewer than ${PAGES_BEFORE}`);
      assert.ok(pages >= 10, `the whole report: ${pages} pages`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

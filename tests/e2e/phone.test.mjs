// On a phone (a 360 px wide viewport, so a narrow element: the container queries of
// yusuan-calculator.css), a wide budget table scrolls sideways inside its wrapper while its
// label columns stay put: the first column, and the name column after a 科目编码 code column.
// Checked as a reader sees it: scroll the wrapper, the label cells' left edges stay at the
// wrapper's left edge, and the amounts do not show through them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOST, openReady, seedJson, waitFor } from './helpers.mjs';

/**
 * Scrolls the wrapper of the table labelled `label` by `dx` and reports, for the first body
 * row with text in its first cell (or `rowText`), where its cells are against the wrapper.
 */
function scrollTable(page, label, dx, rowText = null) {
  return page.evaluate(
    async ({ host, label, dx, rowText }) => {
      const root = document.querySelector(host).shadowRoot;
      const table = [...root.querySelectorAll('table.budget-table')].find((t) => t.querySelector('caption .caption__label')?.textContent.trim() === label);
      const wrapper = table.closest('.scroller');
      wrapper.scrollLeft = 0;
      const row = [...table.tBodies[0].rows].find((tr) => (rowText ? tr.textContent.includes(rowText) : tr.cells[0].textContent.trim()));
      window.scrollBy(0, row.getBoundingClientRect().top - 200); // the row in view, to look at it
      const edges = () => [...row.cells].map((c) => c.getBoundingClientRect().left);
      const before = edges();
      wrapper.scrollLeft = dx;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const box = wrapper.getBoundingClientRect();
      const cells = [...row.cells];
      // What a reader sees at the middle of the first cell: that cell, not an amount under it.
      const first = cells[0].getBoundingClientRect();
      const hit = root.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
      return {
        scrollLeft: wrapper.scrollLeft,
        overflow: wrapper.scrollWidth - wrapper.clientWidth,
        innerLeft: box.left + wrapper.clientLeft,
        before,
        after: edges(),
        widths: cells.map((c) => c.getBoundingClientRect().width),
        texts: cells.map((c) => c.textContent.trim()),
        background: getComputedStyle(cells[0]).backgroundColor,
        hitIsFirst: hit === cells[0] || cells[0].contains(hit),
      };
    },
    { host: HOST, label, dx, rowText },
  );
}

describe('budget tables on a phone', () => {
  let ctx;

  before(async () => {
    ctx = await openReady({ width: 360, height: 800 });
  });

  after(async () => {
    await ctx?.close();
  });

  test('表11 scrolls sideways; its 任务名称 column stays at the wrapper’s left edge', async () => {
    const r = await scrollTable(ctx.page, '表11', 200, '商贸管理');
    assert.ok(r.overflow > 100, `表11 is wider than the phone: ${JSON.stringify(r)}`);
    assert.equal(r.scrollLeft, 200);
    assert.equal(r.texts[0], '商贸管理');
    // The amounts moved by the scroll…
    assert.ok(Math.abs(r.before[2] - r.after[2] - 200) <= 1, `the amount column moved 200 px: ${r.before[2]} → ${r.after[2]}`);
    // …the name cell did not: it sits at the wrapper's (inner) left edge.
    assert.ok(Math.abs(r.after[0] - r.innerLeft) <= 1, `the name cell stays at the left edge: ${r.after[0]} vs ${r.innerLeft}`);
    assert.notEqual(r.background, 'rgba(0, 0, 0, 0)', 'the name cell is opaque');
    assert.ok(r.hitIsFirst, 'what shows at the name cell is the name cell, not an amount under it');
  });

  test('表7 scrolls sideways; its first column (预算单位) stays', async () => {
    const r = await scrollTable(ctx.page, '表7', 150);
    assert.ok(r.overflow >= 150, `表7 is wider than the phone: ${JSON.stringify(r)}`);
    assert.ok(Math.abs(r.after[0] - r.innerLeft) <= 1, `the first cell stays at the left edge: ${r.after[0]} vs ${r.innerLeft}`);
    assert.ok(Math.abs(r.before[3] - r.after[3] - 150) <= 1, 'the amounts moved');
  });

  test('a table starting with 科目编码 keeps both the code and the name column in view', async () => {
    const { page } = ctx;
    // The seed budget with 表10 (no other table or figure refers to it) as a code-first
    // table: 表7's columns without 预算单位.
    const budget = JSON.parse(await seedJson(page));
    const t7 = budget.tables.find((t) => t.key === 't7');
    const t10 = budget.tables.find((t) => t.key === 't10');
    t10.header = t7.header.map((row) => row.slice(1));
    t10.rows = t7.rows.filter((row) => row.cells[1]).map((row) => ({ ...row, cells: row.cells.slice(1) }));
    await page.locator(HOST).getByLabel('打开预算文件').setInputFiles({ name: 'code-first.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(budget)) });
    await waitFor(
      () => page.evaluate((host) => [...document.querySelector(host).shadowRoot.querySelectorAll('table.budget-table--t10 thead th')].map((th) => th.textContent.trim()).join('|'), HOST),
      /^科目编码\|科目名称\|支出总计/,
      'the opened 表10',
      15_000,
    );
    // Wide enough to scroll on a phone (the seed's columns fit once 预算单位 is gone).
    await page.evaluate((host) => {
      document.querySelector(host).shadowRoot.querySelector('table.budget-table--t10').style.minWidth = '40em';
    }, HOST);
    const r = await scrollTable(page, '表10', 120, '2011301');
    assert.ok(r.overflow >= 120, `表10 is wider than the phone: ${JSON.stringify(r)}`);
    assert.deepEqual(r.texts.slice(0, 2), ['2011301', '行政运行']);
    assert.ok(Math.abs(r.after[0] - r.innerLeft) <= 1, `the code cell stays at the left edge: ${r.after[0]} vs ${r.innerLeft}`);
    assert.ok(Math.abs(r.after[1] - (r.after[0] + r.widths[0])) <= 1.5, `the name cell stays just after the code cell: ${JSON.stringify(r)}`);
    assert.ok(Math.abs(r.before[2] - r.after[2] - 120) <= 1, 'the amounts moved');
    assert.ok(r.hitIsFirst, 'the code cell is on top');
  });
});

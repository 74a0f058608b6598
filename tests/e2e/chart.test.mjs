// The charts of the what-if panel (图表, www/chart.js) end to end, read as a person reads them:
// open "以表格查看" under a chart and read its table by the caption, a class's row by its name;
// change 节能减排 from 70 to 170 in its labelled field and see the chart follow (its table and the
// SVG's text), undo and redo it, go back to the published figures, switch to English; open a
// share link and see the charts drawn for it at once.
//
// 节能减排 is a project of 2011302 一般行政管理事务 (表7; the project table of 第三部分 books it
// there), so of the class 201 一般公共服务支出: 9,207 → 9,307. Class 215 (73,300) does not move.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOST, amountField, openPage, openReady, setAmount, stripItem, waitFor, waitReady } from './helpers.mjs';

const FN_CAPTION = '功能分类（类）：公开数与方案对照表（单位：万元）';
const YOY_CAPTION = '较上年增减对照表（单位：万元；按增减额绝对值从大到小）';
const FN_SVG = '功能分类（类）：公开数与方案（单位：万元）';

/** The chart group (heading, SVG, table) whose heading reads `name`. */
function chart(page, name) {
  return page.locator(HOST).getByRole('group', { name, exact: true });
}

/** Opens a chart's "以表格查看" (as a reader clicks it) and returns its table, found by its caption. */
async function openTable(page, chartName, caption, summary = '以表格查看') {
  const group = chart(page, chartName);
  const details = group.locator('details');
  if (!(await details.evaluate((d) => d.open))) await group.getByText(summary, { exact: true }).click();
  const table = page.locator(HOST).getByRole('table', { name: caption, exact: true });
  await table.waitFor({ state: 'visible' });
  return table;
}

/** A table row's cells (th and td) as text, the row found by its header's start (`201 `). */
async function row(table, start) {
  const tr = table.locator('tbody tr').filter({ has: table.page().locator('th', { hasText: new RegExp(`^${start}`) }) });
  assert.equal(await tr.count(), 1, `one row starts with ${start}`);
  return (await tr.locator('th, td').allTextContents()).map((s) => s.trim());
}

/** The texts of the chart's SVG (found by its accessible name), whitespace as shown. */
function svgTexts(page, name) {
  return page
    .locator(HOST)
    .getByRole('img', { name, exact: true })
    .evaluate((svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent));
}

const amount = (s) => BigInt(s.replace(/,/g, '').replace(/^\+/, ''));

describe('the charts follow the scenario on the seed budget', () => {
  let ctx;

  before(async () => {
    ctx = await openReady();
  });

  after(async () => {
    await ctx?.close();
  });

  test('the charts sit under 图表, right after the totals, each an image with a title and a table', async () => {
    const { page } = ctx;
    const order = await page.evaluate((host) => {
      const sc = document.querySelector(host).shadowRoot.querySelector('[data-section="scenario"]');
      return [...sc.children].map((c) => c.className.split(' ')[0]);
    }, HOST);
    const charts = order.indexOf('sc-block');
    assert.ok(order.indexOf('sc-bar') < charts && charts < order.indexOf('sc-edit'), `the charts follow the totals: ${order}`);
    assert.equal(await page.locator(HOST).getByRole('heading', { level: 3, name: '图表' }).count(), 1);
    const svgs = await page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      return [...root.querySelectorAll('.sc-charts svg')].map((svg) => ({
        role: svg.getAttribute('role'),
        title: root.getElementById(svg.getAttribute('aria-labelledby'))?.textContent,
        titleIsChild: svg.querySelector(':scope > title')?.id === svg.getAttribute('aria-labelledby'),
        viewBox: svg.getAttribute('viewBox'),
        width: svg.getAttribute('width'),
      }));
    }, HOST);
    assert.deepEqual(
      svgs.map((s) => [s.role, s.title, s.titleIsChild, s.width]),
      [
        ['img', FN_SVG, true, '100%'],
        ['img', '较上年增减（单位：万元）', true, '100%'],
      ],
    );
    for (const s of svgs) assert.match(s.viewBox, /^0 0 \d+ \d+$/);
  });

  test('class 215 reads 73,300 published and 73,300 in the scenario, in the table and the SVG', async () => {
    const { page } = ctx;
    const table = await openTable(page, FN_SVG, FN_CAPTION);
    const heads = (await table.locator('thead th[scope="col"]').allTextContents()).map((s) => s.trim());
    assert.deepEqual(heads, ['功能分类（类）', '公开数', '方案', '增减']);
    assert.deepEqual(await row(table, '215 '), ['215 资源勘探工业信息等支出', '73,300', '73,300', '未变']);
    assert.deepEqual(await row(table, '201 '), ['201 一般公共服务支出', '9,207', '9,207', '未变']);
    // The six classes of 表7, in code order.
    const names = (await table.locator('tbody th[scope="row"]').allTextContents()).map((s) => s.trim().slice(0, 3));
    assert.deepEqual(names, ['201', '208', '210', '213', '215', '221']);
    const texts = await svgTexts(page, FN_SVG);
    assert.ok(texts.includes('215 资源勘探工业信息等支出'), texts.join('|'));
    assert.ok(texts.filter((t) => t === '73,300').length >= 2, 'published and scenario bars both print 73,300');
    assert.ok(!texts.some((t) => t.includes('已改')), 'nothing is marked changed');
  });

  test('节能减排 70 → 170: class 201 moves by +100 in the table and the SVG, 215 does not; the prior-year chart follows', async () => {
    const { page } = ctx;
    const fn = await openTable(page, FN_SVG, FN_CAPTION);
    const before201 = await row(fn, '201 ');
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await waitFor(() => row(fn, '201 ').then((r) => r.join('|')), /^201 一般公共服务支出（已改）\|9,207\|9,307\|\+100$/, 'class 201 in the table');
    const after201 = await row(fn, '201 ');
    assert.equal(amount(after201[2]) - amount(before201[2]), 100n, 'the scenario value moved by exactly +100');
    assert.equal(after201[1], before201[1], 'the published value stays');
    assert.deepEqual(await row(fn, '215 '), ['215 资源勘探工业信息等支出', '73,300', '73,300', '未变']);

    const texts = await svgTexts(page, FN_SVG);
    assert.ok(texts.includes('9,307（+100）'), `the SVG prints the new value: ${texts.join('|')}`);
    assert.ok(texts.includes('201 一般公共服务支出（已改）'), 'the class is marked changed in words');
    assert.ok(texts.includes('9,207'), 'its published bar still prints 9,207');
    // The scenario bar of 201 is longer than its published bar.
    const bars = await page
      .locator(HOST)
      .getByRole('img', { name: FN_SVG, exact: true })
      .evaluate((svg) => [...svg.querySelector('.ch-group.is-changed').querySelectorAll('rect')].map((r) => Number(r.getAttribute('width'))));
    assert.equal(bars.length, 2);
    assert.ok(bars[1] > bars[0], `scenario bar ${bars[1]} > published bar ${bars[0]}`);

    // 较上年增减: 节能减排 now +105 (+162%), the total +15,218 (+22%); the largest change first.
    const yoy = await openTable(page, '较上年增减（单位：万元）', YOY_CAPTION);
    assert.deepEqual(await row(yoy, '节能减排'), ['节能减排（已改）', '170', '+105', '+162%']);
    assert.deepEqual(await row(yoy, '支出总计'), ['支出总计（已改）', '84,679', '+15,218', '+22%']);
    const first = (await yoy.locator('tbody th[scope="row"]').first().textContent()).trim();
    assert.equal(first, '工业和信息化产业发展专项资金');
    const yoyTexts = await svgTexts(page, '较上年增减（单位：万元）');
    assert.ok(yoyTexts.includes('+105（+162%）'), yoyTexts.join('|'));
  });

  test('撤销 puts the chart back, 重做 redoes it, 恢复公开数 clears it', async () => {
    const { page } = ctx;
    const fn = await openTable(page, FN_SVG, FN_CAPTION);
    await page.locator(HOST).getByRole('button', { name: /撤销/ }).click();
    await waitFor(() => row(fn, '201 ').then((r) => r.join('|')), /^201 一般公共服务支出\|9,207\|9,207\|未变$/, 'class 201 after undo');
    let texts = await svgTexts(page, FN_SVG);
    assert.ok(!texts.some((t) => t.includes('9,307')), `the SVG no longer prints 9,307: ${texts.join('|')}`);
    assert.ok(!texts.some((t) => t.includes('已改')));
    const yoy = await openTable(page, '较上年增减（单位：万元）', YOY_CAPTION);
    assert.deepEqual(await row(yoy, '节能减排'), ['节能减排', '70', '+5', '+8%']);

    await page.locator(HOST).getByRole('button', { name: /重做/ }).click();
    await waitFor(() => row(fn, '201 ').then((r) => r.join('|')), /^201 一般公共服务支出（已改）\|9,207\|9,307\|\+100$/, 'class 201 after redo');
    texts = await svgTexts(page, FN_SVG);
    assert.ok(texts.includes('9,307（+100）'));

    await page.locator(HOST).getByRole('button', { name: '恢复公开数' }).click();
    await waitFor(() => row(fn, '201 ').then((r) => r.join('|')), /^201 一般公共服务支出\|9,207\|9,207\|未变$/, 'class 201 after reset');
    assert.equal(await amountField(page, '节能减排').inputValue(), '70');
  });

  test('in English: the heading, captions and tags change, the data stays as published', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170');
    await page.locator(`${HOST} .lang-btn`, { hasText: 'English' }).click();
    assert.equal(await page.locator(HOST).getByRole('heading', { level: 3, name: 'Charts' }).count(), 1);
    const name = 'Functional classes (类): published and scenario (unit: 万元)';
    const fn = await openTable(page, name, 'Functional classes (类): published and scenario, as a table (unit: 万元)', 'View as a table');
    const heads = (await fn.locator('thead th[scope="col"]').allTextContents()).map((s) => s.trim());
    assert.deepEqual(heads, ['Functional class (类)', 'Published', 'Scenario', 'Change']);
    assert.deepEqual(await row(fn, '201 '), ['201 一般公共服务支出 (changed)', '9,207', '9,307', '+100']);
    assert.deepEqual(await row(fn, '215 '), ['215 资源勘探工业信息等支出', '73,300', '73,300', 'unchanged']);
    const texts = await svgTexts(page, name);
    assert.ok(texts.includes('9,307 (+100)'), texts.join('|'));
    assert.ok(texts.includes('published') && texts.includes('scenario'), 'each bar is tagged in words');
    await openTable(page, 'Change against the prior year (unit: 万元)', 'Change against the prior year, as a table (unit: 万元; largest change first)', 'View as a table');
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
    assert.equal(await page.locator(HOST).getByRole('heading', { level: 3, name: '图表' }).count(), 1);
  });

  test('no console errors, no failed requests', () => {
    assert.deepEqual(ctx.errors, []);
  });
});

describe('a share link draws its scenario in the charts at once', () => {
  let ctx;

  before(async () => {
    ctx = await openPage('#s=f;project:p01=170');
    await waitReady(ctx.page);
  });

  after(async () => {
    await ctx?.close();
  });

  test('class 201 shows 9,307 as soon as the page is ready', async () => {
    const { page } = ctx;
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'the share link applied');
    const fn = await openTable(page, FN_SVG, FN_CAPTION);
    assert.deepEqual(await row(fn, '201 '), ['201 一般公共服务支出（已改）', '9,207', '9,307', '+100']);
    assert.ok((await svgTexts(page, FN_SVG)).includes('9,307（+100）'));
    assert.deepEqual(ctx.errors, []);
  });
});

describe('chart.js on its own: no prior-year figures, and data text stays text', () => {
  let ctx;

  before(async () => {
    ctx = await openPage();
    await waitReady(ctx.page);
  });

  after(async () => {
    await ctx?.close();
  });

  test('without a yoy the prior-year chart is a sentence; a hostile label is printed, not parsed', async () => {
    const { page } = ctx;
    const out = await page.evaluate(async () => {
      const { ScenarioCharts } = await import('./chart.js');
      const t = new Proxy(
        { chartYoyNone: 'NO-PRIOR-YEAR', chartTable: 'TABLE', unchanged: 'same', chartChanged: '(chg)' },
        { get: (o, k) => (k in o ? o[k] : (...a) => `${String(k)}:${a.join(',')}`) },
      );
      const charts = new ScenarioCharts({ t, unit: '' });
      const root = charts.element();
      document.body.append(root);
      const evil = '<img src=x onerror="window.__pwned=1">';
      charts.update([
        { key: 'fn:201:total', label: evil, value: '1,000', baseline: '900', delta: '+100', percent: null },
        { key: 'fn:20113:total', label: 'not a class', value: '5', baseline: '5', delta: '' },
        { key: 'total', label: '支出总计', value: '1,000', baseline: '900', delta: '+100', percent: null },
      ]);
      await new Promise((r) => setTimeout(r, 50));
      const yoy = root.querySelector('[data-chart="yoy"]');
      const fn = root.querySelector('[data-chart="fn"]');
      const res = {
        yoyText: yoy.querySelector('.ch-empty')?.textContent ?? null,
        yoySvg: yoy.querySelectorAll('svg').length,
        yoyTableShown: !yoy.querySelector('details').hidden,
        fnRows: [...fn.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
        imgs: root.querySelectorAll('img').length,
        pwned: Boolean(window.__pwned),
        unit: fn.querySelector('caption').textContent,
      };
      root.remove();
      return res;
    });
    assert.equal(out.yoyText, 'NO-PRIOR-YEAR');
    assert.equal(out.yoySvg, 0, 'no empty chart');
    assert.equal(out.yoyTableShown, false);
    assert.deepEqual(out.fnRows, [['<img src=x onerror="window.__pwned=1">(chg)', '900', '1,000', '+100']]);
    assert.equal(out.imgs, 0);
    assert.equal(out.pwned, false);
    assert.equal(out.unit, 'chartFnCaption:万元', 'the unit defaults to 万元');
  });

  test('many prior-year changes: the chart draws the 30 largest, the table lists them all', async () => {
    const { page } = ctx;
    const out = await page.evaluate(async () => {
      const { ScenarioCharts, MAX_YOY_BARS } = await import('./chart.js');
      const t = new Proxy({}, { get: (o, k) => (...a) => `${String(k)}:${a.join(',')}` });
      const charts = new ScenarioCharts({ t, unit: '万元' });
      const root = charts.element();
      document.body.append(root);
      const figs = Array.from({ length: 35 }, (_, i) => ({ key: `project:p${i}`, label: `项目${i}`, value: '1', baseline: '1', delta: '', yoy: i % 2 ? `-${i},000` : `+${i}`, percent: '1%' }));
      charts.update(figs);
      const yoy = root.querySelector('[data-chart="yoy"]');
      const res = {
        max: MAX_YOY_BARS,
        bars: yoy.querySelectorAll('svg rect').length,
        rows: [...yoy.querySelectorAll('tbody th')].map((th) => th.textContent),
        note: yoy.querySelector('.ch-note').hidden ? null : yoy.querySelector('.ch-note').textContent,
      };
      root.remove();
      return res;
    });
    assert.equal(out.bars, out.max);
    assert.equal(out.rows.length, 35);
    // Largest absolute change first: -33,000 before +34.
    assert.deepEqual(out.rows.slice(0, 3), ['项目33', '项目31', '项目29']);
    assert.equal(out.note, `chartYoyMore:${out.max},35`);
  });
});

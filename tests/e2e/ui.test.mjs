// The page's user interface, end to end in Debian's Chromium: <yusuan-calculator> loads the
// embedded seed budget through the wasm core and renders the findings and the tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOST, openPage, waitReady as waitUntilReady } from './helpers.mjs';

/** Waits until the element has loaded the budget (not for the what-if panel). */
const waitReady = (page) => waitUntilReady(page, { scenario: false });

describe('the calculator page (seed budget)', () => {
  let ctx;

  before(async () => {
    ctx = await openPage();
    // Jumps to cells scroll smoothly unless the reader asks for reduced motion.
    await ctx.page.emulateMedia({ reducedMotion: 'reduce' });
    await waitReady(ctx.page);
  });

  after(async () => {
    await ctx?.close();
  });

  test('loads without console errors, failed requests or CSP violations', async () => {
    const { page, errors } = ctx;
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.deepEqual(errors, []);
  });

  test('the element renders into an open shadow root with its own stylesheet', async () => {
    const info = await ctx.page.evaluate((host) => {
      const el = document.querySelector(host);
      const root = el.shadowRoot;
      const link = root?.querySelector('link[rel="stylesheet"]');
      return {
        open: root !== null,
        css: link?.href ?? null,
        cssLoaded: Boolean(link?.sheet),
        inlineStyleAttrs: root ? root.querySelectorAll('[style]').length : -1,
      };
    }, HOST);
    assert.ok(info.open, 'shadow root is open');
    assert.match(info.css, /yusuan-calculator\.css$/);
    assert.ok(info.cssLoaded, 'the stylesheet loaded under the CSP');
    assert.equal(info.inlineStyleAttrs, 0);
  });

  test('keyboard: Enter on the first location of a rounding finding marks and focuses its cell', async () => {
    const { page } = ctx;
    const button = page.locator(`${HOST} .group[data-status="rounding"] button.loc`).first();
    assert.ok((await button.count()) > 0, 'there is a rounding finding with a table location');
    const cellId = await button.getAttribute('data-cell');
    assert.match(cellId, /^[a-z]\d+:\d+:\d+$/);
    await button.focus();
    await page.keyboard.press('Enter');
    const state = await page.evaluate(
      ({ host, cellId }) => {
        const el = document.querySelector(host);
        const root = el.shadowRoot;
        const cell = el.cellElement(cellId);
        if (!cell) return { found: false };
        const style = getComputedStyle(cell);
        const marker = getComputedStyle(cell, '::before').content;
        return {
          found: true,
          inTable: Boolean(cell.closest('table')),
          tag: cell.tagName,
          marked: cell.classList.contains('is-marked'),
          focused: root.activeElement === cell,
          tabindex: cell.getAttribute('tabindex'),
          outline: style.outlineStyle,
          marker,
          markedCount: root.querySelectorAll('.is-marked').length,
          idOk: /^[A-Za-z][\w-]*$/.test(cell.id) && root.querySelectorAll(`[id="${cell.id}"]`).length === 1,
        };
      },
      { host: HOST, cellId },
    );
    assert.ok(state.found, `cell ${cellId} is rendered`);
    assert.ok(state.inTable);
    assert.ok(state.marked, 'the referenced cell is marked');
    assert.ok(state.focused, 'focus moved to the referenced cell');
    assert.equal(state.tabindex, '-1');
    assert.notEqual(state.outline, 'none', 'the mark is an outline, not colour alone');
    assert.match(state.marker, /◆/, 'the mark carries a ◆ badge');
    assert.equal(state.markedCount, 1);
    assert.ok(state.idOk, 'the cell id is valid and unique in the shadow root');

    // Esc goes back to the finding.
    await page.keyboard.press('Escape');
    const back = await page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.getAttribute('data-cell'), HOST);
    assert.equal(back, cellId);
  });

  test('activating a finding marks all its cells at once', async () => {
    const { page } = ctx;
    const finding = page.locator(`${HOST} .finding`).filter({ has: page.locator('.finding__mark') }).first();
    const ids = await finding.locator('button.loc').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-cell')));
    assert.ok(ids.length > 1);
    await finding.locator('.finding__mark').click();
    const marked = await page.evaluate(
      ({ host, ids }) => {
        const el = document.querySelector(host);
        return ids.map((id) => el.cellElement(id)?.classList.contains('is-marked') ?? false);
      },
      { host: HOST, ids },
    );
    assert.deepEqual(marked, ids.map(() => true));
  });

  test('every table has a caption, column headers and row headers', async () => {
    const tables = await ctx.page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      return [...root.querySelectorAll('table')].map((t) => ({
        caption: t.caption?.textContent.trim() ?? '',
        colHeaders: t.querySelectorAll('thead th[scope="col"], thead th[scope="colgroup"]').length,
        rowHeaders: t.querySelectorAll('tbody th[scope="row"]').length,
        scroller: t.parentElement?.getAttribute('tabindex') === '0' && Boolean(t.parentElement?.getAttribute('aria-label')),
      }));
    }, HOST);
    // 表1, 3, 6, 7, 8, 9, 10, 11 and the project table of 第七部分.
    assert.ok(tables.length >= 9, `expected at least 9 tables, got ${tables.length}`);
    for (const t of tables) {
      assert.ok(t.caption.length > 0, 'a table without a caption');
      assert.ok(t.colHeaders > 0, `${t.caption}: no column headers`);
      assert.ok(t.rowHeaders > 0, `${t.caption}: no row headers`);
      assert.ok(t.scroller, `${t.caption}: not inside a focusable, labelled scroll container`);
    }
    const captions = tables.map((t) => t.caption).join('\n');
    for (const label of ['表1', '表3', '表6', '表7', '表8', '表9', '表10', '表11']) {
      assert.ok(captions.includes(label), `no caption names ${label}`);
    }
  });

  test('the missing tables 表2, 表4 and 表5 are named', async () => {
    const { page } = ctx;
    const notice = page.locator(`${HOST} .notice--missing`);
    assert.equal(await notice.count(), 1);
    const text = await notice.textContent();
    for (const name of ['表2', '表4', '表5']) assert.ok(text.includes(name), `${name} not named in: ${text}`);
    for (const present of ['表1 ', '表3 ', '表7 ']) assert.ok(!text.includes(present), `${present.trim()} is present, not missing`);
  });

  test('findings: summary with text labels, groups in order, the ok group collapsed', async () => {
    const info = await ctx.page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      return {
        summary: [...root.querySelectorAll('.summary__item')].map((li) => ({
          status: li.dataset.status,
          text: li.textContent.replace(/\s+/g, ''),
        })),
        groups: [...root.querySelectorAll('.group')].map((g) => g.dataset.status),
        okOpen: root.querySelector('.group[data-status="ok"] details')?.open ?? null,
      };
    }, HOST);
    const labels = { mismatch: '✗不一致', missing: '∅缺失', rounding: '≈尾数误差', unverifiable: '?无法核对', note: 'ℹ说明', ok: '✓一致' };
    assert.deepEqual(info.summary.map((s) => s.status), Object.keys(labels));
    for (const s of info.summary) assert.ok(s.text.startsWith(labels[s.status]), `${s.status}: ${s.text}`);
    const order = ['mismatch', 'missing', 'rounding', 'unverifiable', 'note', 'ok'];
    assert.deepEqual(info.groups, order.filter((s) => info.groups.includes(s)));
    assert.ok(info.groups.includes('rounding'));
    if (info.groups.includes('ok')) assert.equal(info.okOpen, false);
  });

  test('a polite live region announces the result of the check', async () => {
    const { page } = ctx;
    const live = page.locator(`${HOST} [aria-live="polite"]`).first();
    // The load announcement may already have been replaced by a later one: reload the element.
    await page.evaluate((host) => document.querySelector(host).reload(), HOST);
    await waitReady(page);
    await page.waitForFunction((host) => /已核对/.test(document.querySelector(host).shadowRoot.querySelector('[aria-live="polite"]').textContent), HOST);
    assert.match(await live.textContent(), /^已核对 \d+ 项：不一致 \d+ 项，尾数误差 \d+ 项，/);
  });

  test('no element inside a table cell comes from parsing data as HTML', async () => {
    const info = await ctx.page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      const cells = [...root.querySelectorAll('tbody td, tbody th')];
      const foreign = new Set();
      let literalTags = 0;
      let paragraphs = 0;
      for (const cell of cells) {
        for (const el of cell.querySelectorAll('*')) {
          if (!(el.tagName === 'SPAN' && el.className === 'para')) foreign.add(el.tagName);
        }
        if (/<\/?p\s*>/i.test(cell.textContent)) literalTags++;
        paragraphs += cell.querySelectorAll('.para').length;
      }
      const p7 = root.querySelector('#yc-table-p7');
      return {
        cells: cells.length,
        foreign: [...foreign],
        pInCells: root.querySelectorAll('td p, th p').length,
        literalTags,
        paragraphs,
        p7: Boolean(p7),
        p7Multi: p7 ? p7.querySelectorAll('td.multi').length : 0,
      };
    }, HOST);
    assert.ok(info.cells > 100, `only ${info.cells} cells`);
    assert.equal(info.pInCells, 0, 'a <p> element inside a table cell');
    assert.deepEqual(info.foreign, [], 'elements other than our own paragraph spans inside cells');
    assert.equal(info.literalTags, 0, 'a cell shows a literal <p> tag');
    assert.ok(info.p7, 'the 第七部分 project table is rendered');
    assert.ok(info.p7Multi > 0, 'the multi-paragraph cells of 第七部分 are split into paragraphs');
  });

  test('the language toggle switches the interface, not the data', async () => {
    const { page } = ctx;
    const title = page.locator(`${HOST} #yc-findings-title`);
    assert.equal(await title.textContent(), '核对结果');
    // A finding's text and a narrative claim's computation: Chinese, then English (names from
    // the publication stay in Chinese, in quotes), then Chinese again.
    const finding = page.locator(`${HOST} .finding[data-status="rounding"] .finding__msg`).first();
    const claim = page.locator(`${HOST} .claim-detail-text`).first();
    const outsideQuotes = (text) => text.replace(/“[^”]*”/g, '');
    const chinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
    assert.match(await finding.textContent(), /差 1，舍入容差 ±/);
    assert.equal(await finding.getAttribute('lang'), 'zh-CN');
    assert.match(await claim.textContent(), /[：，]/);
    const english = page.locator(`${HOST} .lang-btn`, { hasText: 'English' });
    await english.focus();
    await page.keyboard.press('Enter');
    assert.equal(await title.textContent(), 'Check results');
    assert.equal(await english.getAttribute('aria-pressed'), 'true');
    assert.ok((await page.locator(`${HOST} .summary`).textContent()).includes('Rounding'));
    const findingEn = await finding.textContent();
    assert.match(findingEn, /difference 1, rounding tolerance ±/);
    assert.match(findingEn, /table \d+/);
    assert.doesNotMatch(outsideQuotes(findingEn), chinese, findingEn);
    assert.equal(await finding.getAttribute('lang'), 'en');
    const claimEn = await claim.textContent();
    assert.match(claimEn, /^“[^”]+”: /);
    assert.doesNotMatch(outsideQuotes(claimEn), chinese, claimEn);
    // Data stays as published; its unit is explained.
    assert.ok((await page.locator(`${HOST} table.budget-table caption`).first().textContent()).match(/[\u4e00-\u9fff]/));
    assert.match(await page.locator(`${HOST} .facts`).innerText(), /万元 \(10,000 yuan\)/);
    // The page around the element follows: its title, header, footer and language.
    assert.equal(await page.title(), 'Yusuan 预算 · Department budget checker');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await page.locator('header').innerText(), /Department budget checker/);
    assert.match(await page.locator('footer').innerText(), /10,000 yuan/);
    // The choice is remembered: a reload opens in English.
    await page.reload();
    await page.waitForFunction((host) => document.querySelector(host)?.state === 'ready', HOST);
    assert.equal(await title.textContent(), 'Check results');
    assert.equal(await page.title(), 'Yusuan 预算 · Department budget checker');
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
    assert.equal(await title.textContent(), '核对结果');
    assert.match(await finding.textContent(), /差 1，舍入容差 ±/);
    assert.equal(await page.title(), 'Yusuan 预算 · 部门预算核算');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.reload();
    await page.waitForFunction((host) => document.querySelector(host)?.state === 'ready', HOST);
    assert.equal(await title.textContent(), '核对结果');
  });
});

describe('the calculator page (a src that cannot be read)', () => {
  let ctx;

  before(async () => {
    ctx = await openPage();
  });

  after(async () => {
    await ctx?.close();
  });

  test('shows a clear error in role=alert instead of a blank page', async () => {
    const { page } = ctx;
    await waitReady(page);
    await page.evaluate((host) => document.querySelector(host).setAttribute('src', 'no-such-budget.txt'), HOST);
    await page.waitForFunction((host) => document.querySelector(host).state === 'error', HOST);
    const alert = page.locator(`${HOST} [role="alert"]`);
    assert.equal(await alert.count(), 1);
    const text = await alert.textContent();
    assert.match(text, /无法/);
    assert.match(text, /no-such-budget\.txt/);
    assert.match(text, /404/);
  });
});

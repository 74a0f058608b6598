// <yusuan-calculator> embedded in someone else's page (fixtures/host.html, served on the
// page's own origin at /embed-host.html): a host with `html { font-size: 62.5% }`, inherited
// text styles (red serif, letter-spacing, centred, line-height 3, uppercase, italic…) and the
// element in a 640 px column beside a sidebar. Checked as a reader sees it: the element stays
// in its column (only the tables' own scroll regions scroll sideways), the total reads in full,
// no text is smaller than 12 px and the host's text styles do not reach the element's text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HOST, ROOT, openPage, setAmount, waitFor, stripItem, waitReady } from './helpers.mjs';

const HOST_PAGE = await readFile(new URL('tests/e2e/fixtures/host.html', `file://${ROOT}`), 'utf8');

/** Opens every <details> in the element (groups of findings, notes, paste box, what-if groups). */
function openAllDetails(page) {
  return page.evaluate((host) => {
    for (const d of document.querySelector(host).shadowRoot.querySelectorAll('details')) d.open = true;
  }, HOST);
}

/**
 * What overflows: the element's box against the column, and every rendered element of the
 * shadow root that is wider than its box or reaches out of the column, except inside the
 * tables' scroll regions (which scroll on their own). Also the scroll regions that scroll.
 */
function overflow(page) {
  return page.evaluate((host) => {
    const el = document.querySelector(host);
    const root = el.shadowRoot;
    const column = el.closest('.column').getBoundingClientRect();
    const box = el.getBoundingClientRect();
    const SCROLLERS = '.scroller, .sc-scroller';
    const name = (n) => `${n.tagName.toLowerCase()}.${[...n.classList].join('.')}${n.textContent ? ` «${n.textContent.trim().slice(0, 40)}»` : ''}`;
    const wide = [];
    const outside = [];
    for (const n of root.querySelectorAll('*')) {
      if (n.closest('.visually-hidden') || n.parentElement?.closest(SCROLLERS)) continue;
      if (['LINK', 'STYLE'].includes(n.tagName)) continue;
      const rects = n.getClientRects();
      if (rects.length === 0) continue;
      // (A text field's value scrolls inside the field, as fields do.)
      if (!n.matches(`${SCROLLERS}, input, textarea, select`) && n.clientWidth > 0 && n.scrollWidth > n.clientWidth + 1) wide.push(`${name(n)}: ${n.scrollWidth} > ${n.clientWidth}`);
      for (const r of rects) {
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < column.left - 1 || r.right > column.right + 1) {
          outside.push(`${name(n)}: ${Math.round(r.left)}–${Math.round(r.right)}`);
          break;
        }
      }
    }
    const scrollers = [...root.querySelectorAll(SCROLLERS)]
      .filter((s) => s.getClientRects().length && s.scrollWidth > s.clientWidth)
      .map((s) => ({ tabindex: s.getAttribute('tabindex'), role: s.getAttribute('role'), label: s.getAttribute('aria-label') ?? '' }));
    return {
      column: { left: column.left, right: column.right, width: column.width },
      host: { left: box.left, right: box.right, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth },
      wide,
      outside,
      scrollers,
    };
  }, HOST);
}

function assertContained(o, what) {
  assert.equal(o.column.width, 640, 'the host column is 640 px wide');
  assert.ok(o.host.left >= o.column.left - 0.5 && o.host.right <= o.column.right + 0.5, `${what}: the element's box stays in the column: ${JSON.stringify(o)}`);
  assert.ok(o.host.scrollWidth <= o.host.clientWidth, `${what}: the element's content is wider than its box: ${o.host.scrollWidth} > ${o.host.clientWidth}`);
  assert.deepEqual(o.wide, [], `${what}: elements wider than their box`);
  assert.deepEqual(o.outside, [], `${what}: elements reaching out of the 640 px column (into the sidebar)`);
  for (const s of o.scrollers) {
    assert.equal(s.tabindex, '0', `${what}: a scroll region is reachable by keyboard`);
    assert.equal(s.role, 'region');
    assert.ok(s.label.length > 0, `${what}: a scroll region has a name`);
  }
}

/**
 * Every visible text of the shadow root (text nodes, and ::before/::after content) with its
 * computed text styles; visually hidden text (for screen readers) and text not rendered
 * (closed <details>, hidden) are left out.
 */
function visibleText(page) {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const out = [];
    const record = (el, text, cs, where) => {
      const fs = parseFloat(cs.fontSize);
      out.push({
        text: text.slice(0, 40),
        where,
        fontSize: fs,
        lineRatio: cs.lineHeight === 'normal' ? 1.2 : parseFloat(cs.lineHeight) / fs,
        color: cs.color,
        letterSpacing: cs.letterSpacing,
        wordSpacing: cs.wordSpacing,
        textTransform: cs.textTransform,
        fontStyle: cs.fontStyle,
        fontFamily: cs.fontFamily,
        textIndent: cs.textIndent,
        textAlign: cs.textAlign,
      });
    };
    const tag = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || !t.data.trim() || el.closest('.visually-hidden, style, link')) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      if (![...range.getClientRects()].some((r) => r.width > 1 && r.height > 1)) continue;
      record(el, t.data.trim(), getComputedStyle(el), tag(el));
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.closest('.visually-hidden') || el.getClientRects().length === 0) continue;
      for (const pseudo of ['::before', '::after']) {
        const cs = getComputedStyle(el, pseudo);
        const content = cs.content;
        if (!content || content === 'none' || content === 'normal' || cs.display === 'none') continue;
        const text = content.replace(/^"|"$/g, '').trim();
        if (text) record(el, text, cs, `${tag(el)}${pseudo}`);
      }
    }
    return out;
  }, HOST);
}

function assertReadable(texts, what) {
  assert.ok(texts.length > 200, `${what}: the element shows its text (${texts.length} texts)`);
  const small = texts.filter((t) => t.fontSize < 12).map((t) => `${t.where} «${t.text}» ${t.fontSize}px`);
  assert.deepEqual(small, [], `${what}: text smaller than 12 px`);
}

function assertOwnStyles(texts, what) {
  const leaks = [];
  for (const t of texts) {
    const why = [];
    if (t.color === 'rgb(204, 0, 0)') why.push('colour #c00');
    if (t.letterSpacing === '3px') why.push('letter-spacing 3px');
    if (t.wordSpacing === '4px') why.push('word-spacing 4px');
    if (t.textTransform !== 'none') why.push(`text-transform ${t.textTransform}`);
    if (t.fontStyle !== 'normal') why.push(`font-style ${t.fontStyle}`);
    if (/^"?serif"?$/.test(t.fontFamily) || !/sans-serif|monospace/.test(t.fontFamily)) why.push(`font-family ${t.fontFamily}`);
    if (t.textIndent !== '0px') why.push(`text-indent ${t.textIndent}`);
    if (t.lineRatio > 2.05) why.push(`line-height ${t.lineRatio.toFixed(2)}×`);
    if (why.length) leaks.push(`${t.where} «${t.text}»: ${why.join(', ')}`);
  }
  assert.deepEqual(leaks.slice(0, 20), [], `${what}: host styles reach the element's text (${leaks.length} texts)`);
}

describe('the element embedded in a government page (640 px column, 62.5% root font size)', () => {
  let ctx;

  before(async () => {
    // Opens a file of the origin that loads nothing, then the host page served from the fixture.
    ctx = await openPage('favicon.svg');
    const { page, url } = ctx;
    const origin = new URL(url).origin;
    await page.route(`${origin}/embed-host.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOST_PAGE }));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    ctx.errors.length = 0;
    await page.goto(`${origin}/embed-host.html`);
    await waitReady(page);
  });

  after(async () => {
    await ctx?.close();
  });

  test('the host page is what the test means: 10 px root font, a 640 px column', async () => {
    const { page, errors } = ctx;
    const info = await page.evaluate(() => ({
      root: getComputedStyle(document.documentElement).fontSize,
      column: document.querySelector('.column').getBoundingClientRect().width,
      bodyLetterSpacing: getComputedStyle(document.body).letterSpacing,
    }));
    assert.deepEqual(info, { root: '10px', column: 640, bodyLetterSpacing: '3px' });
    // (The browser may ask for /favicon.ico for the first, blank document; the host page has its icon.)
    assert.deepEqual(errors.filter((e) => !/\/favicon\.ico\b/.test(e)), []);
  });

  test('the overview total reads 84,579 in full, not clipped', async () => {
    const { page } = ctx;
    const total = await page.evaluate((host) => {
      const num = document.querySelector(host).shadowRoot.querySelector('.card--total .card__num');
      const card = num.closest('.card').getBoundingClientRect();
      const r = num.getBoundingClientRect();
      return {
        text: num.textContent.trim(),
        scrollWidth: num.scrollWidth,
        clientWidth: num.clientWidth,
        inCard: r.left >= card.left && r.right <= card.right,
        fontSize: parseFloat(getComputedStyle(num).fontSize),
      };
    }, HOST);
    assert.equal(total.text, '84,579');
    assert.ok(total.scrollWidth <= total.clientWidth, `the total is clipped: ${JSON.stringify(total)}`);
    assert.ok(total.inCard, `the total reaches out of its card: ${JSON.stringify(total)}`);
    assert.ok(total.fontSize >= 20, `the total is shown large (${total.fontSize}px)`);
    // Every card of the overview and of the what-if strip shows its figure within its box.
    const clipped = await page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      return [...root.querySelectorAll('.card, .card dd, .sc-fig, .sc-fig dd')]
        .filter((n) => n.scrollWidth > n.clientWidth + 1)
        .map((n) => `${n.className} «${n.textContent.trim()}» ${n.scrollWidth} > ${n.clientWidth}`);
    }, HOST);
    assert.deepEqual(clipped, []);
  });

  test('nothing reaches out of the 640 px column; wide tables scroll in their own labelled region', async () => {
    const { page } = ctx;
    assertContained(await overflow(page), 'as loaded');
    await openAllDetails(page);
    const o = await overflow(page);
    assertContained(o, 'with every <details> open');
    assert.ok(o.scrollers.length > 0, 'some published table is wider than the column and scrolls in its region');
  });

  test('no visible text is smaller than 12 px, and the host text styles do not reach it', async () => {
    const { page } = ctx;
    await openAllDetails(page);
    const texts = await visibleText(page);
    assertReadable(texts, 'as loaded');
    assertOwnStyles(texts, 'as loaded');
    const own = await page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      const pick = (sel) => {
        const cs = getComputedStyle(root.querySelector(sel));
        return { color: cs.color, letterSpacing: cs.letterSpacing, textAlign: cs.textAlign, fontSize: cs.fontSize };
      };
      return { title: pick('.overview__title'), hint: pick('.tables__hint'), finding: pick('.finding__msg') };
    }, HOST);
    // The element's own look (as on the stand-alone page): its ink and headings' blue, 16 px text.
    assert.deepEqual(own.title, { color: 'rgb(20, 44, 82)', letterSpacing: 'normal', textAlign: 'start', fontSize: '24.8px' });
    assert.deepEqual(own.hint, { color: 'rgb(79, 89, 102)', letterSpacing: 'normal', textAlign: 'start', fontSize: '14.4px' });
    assert.equal(own.finding.color, 'rgb(31, 35, 40)');
    assert.equal(own.finding.letterSpacing, 'normal');
    assert.equal(own.finding.fontSize, '16px');
  });

  test('after an edit and a marked cell: still contained, readable and in its own styles', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170');
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679/, 'the total follows the edit');
    const button = page.locator(`${HOST} button.loc`).first();
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((host) => document.querySelector(host).shadowRoot.querySelector('.is-marked'), HOST);
    await openAllDetails(page);
    assertContained(await overflow(page), 'after an edit');
    const texts = await visibleText(page);
    assert.ok(texts.some((t) => t.where.endsWith('::before') && t.text === '◆'), 'the marked cell shows its ◆ tab');
    assertReadable(texts, 'after an edit');
    assertOwnStyles(texts, 'after an edit');
  });

  test('--yusuan-font-size sets the element\'s text size deliberately', async () => {
    const { page } = ctx;
    const size = () =>
      page.evaluate((host) => {
        const root = document.querySelector(host).shadowRoot;
        return ['.app', '.overview__title', '.finding__msg'].map((s) => parseFloat(getComputedStyle(root.querySelector(s)).fontSize));
      }, HOST);
    const base = await size();
    assert.deepEqual(base, [16, 24.8, 16]);
    await page.evaluate((host) => document.querySelector(host).style.setProperty('--yusuan-font-size', '20px'), HOST);
    // 640 px is 32em at 20 px: the element takes its narrow layout (title 1.3em instead of 1.55em).
    assert.deepEqual(await size(), [20, 26, 20]);
    await page.evaluate((host) => document.querySelector(host).style.removeProperty('--yusuan-font-size'), HOST);
    assert.deepEqual(await size(), base);
  });
});

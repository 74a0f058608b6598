// The classes list beside the amount fields (各类支出, issue 11): each 类 of the functional
// classification with its subtotal, share of the spending and change; the 款/项 of the class
// last changed open under it. Checked as a budget officer reads it: type an amount and press
// Enter, read the list; undo with the button; open a closed class by keyboard; switch the
// language; look at it on a phone and at 200% zoom.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOST, amountField, openPage, openReady, setAmount, stripItem, waitFor, waitReady } from './helpers.mjs';

const CODES = ['201', '208', '210', '213', '215', '221'];

/** The list, found by its name as a screen reader finds it. */
function classList(page, name = '各类支出') {
  return page.locator(HOST).getByRole('region', { name, exact: true });
}

/** A 类's entry as shown: open or not, its line (spaces collapsed) and the 款/项 lines shown under it. */
function classEntry(page, code) {
  return page.locator(`${HOST} .sc-class[data-code="${code}"]`).evaluate((el) => {
    const squash = (s) => s.replace(/\s+/g, ' ').trim();
    // (A closed <details> keeps its content's boxes, hidden by content-visibility.)
    const visible = (n) => n.checkVisibility();
    return {
      open: el.tagName === 'DETAILS' ? el.open : null,
      changed: el.classList.contains('is-changed'),
      line: squash(el.querySelector('.sc-class__sum').innerText),
      parts: [...el.querySelectorAll('.sc-part__line')].filter(visible).map((n) => squash(n.innerText)),
    };
  });
}

/** Overflow of the list at the current viewport: its own, its descendants' and the page's. */
function overflowOf(page) {
  return page.locator(`${HOST} .sc-classes`).evaluate((box) => {
    const r = box.getBoundingClientRect();
    const out = [];
    for (const n of box.querySelectorAll('*')) {
      for (const q of n.getClientRects()) {
        if (q.width && (q.left < r.left - 0.5 || q.right > r.right + 0.5)) out.push(`${n.className} ${Math.round(q.left)}–${Math.round(q.right)}`);
      }
      if (n.clientWidth > 0 && n.scrollWidth > n.clientWidth + 1) out.push(`${n.className} scrolls ${n.scrollWidth} > ${n.clientWidth}`);
    }
    const small = [...box.querySelectorAll('*')]
      .filter((n) => n.getClientRects().length && [...n.childNodes].some((c) => c.nodeType === 3 && c.data.trim()) && parseFloat(getComputedStyle(n).fontSize) < 12)
      .map((n) => `${n.className} ${getComputedStyle(n).fontSize}`);
    return {
      box: { left: r.left, right: r.right, scrollWidth: box.scrollWidth, clientWidth: box.clientWidth },
      viewport: innerWidth,
      page: document.documentElement.scrollWidth,
      outside: out,
      small,
    };
  });
}

describe('the classes list beside the fields (seed budget)', () => {
  let ctx;

  before(async () => {
    ctx = await openReady({ width: 1366, height: 900 });
  });

  after(async () => {
    await ctx?.close();
  });

  test('one entry per 类 with its subtotal and share, all closed, nothing marked changed', async () => {
    const { page } = ctx;
    const list = classList(page);
    assert.ok(await list.isVisible(), 'the list is named 各类支出');
    const codes = await page.locator(`${HOST} .sc-class`).evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(codes, CODES);
    const e201 = await classEntry(page, '201');
    assert.equal(e201.open, false);
    assert.equal(e201.changed, false);
    assert.equal(e201.line, '201 一般公共服务支出 9,207 占支出 11%');
    assert.deepEqual(e201.parts, [], 'its 款/项 are not shown while closed');
    assert.equal((await classEntry(page, '215')).line, '215 资源勘探工业信息等支出 73,300 占支出 87%');
  });

  test('170 for 节能减排 + Enter: 201 shows 9,307 (+100, 11%), its 款/项 open, the field not covered', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170', 'Enter');
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'the edit applies');
    const e201 = await classEntry(page, '201');
    assert.equal(e201.open, true, 'the class of the edited line is open');
    assert.equal(e201.changed, true);
    assert.equal(e201.line, '201 一般公共服务支出 9,207 → 9,307（+100） 已改 占支出 11%');
    assert.ok(e201.parts.includes('20113 商贸事务 9,207 → 9,307（+100）'), `the 款: ${e201.parts}`);
    assert.ok(e201.parts.includes('2011302 一般行政管理事务 3,702 → 3,802（+100）'), `the edited 项: ${e201.parts}`);
    assert.ok(e201.parts.includes('2011301 行政运行 4,146'), 'the other 项 of the 款, unchanged');
    // The change is told by text and a marker, not by colour alone.
    const marker = await page
      .locator(`${HOST} .sc-class[data-code="201"] > .sc-class__sum .sc-class__fig`)
      .evaluate((el) => getComputedStyle(el, '::before').content);
    assert.equal(marker, '"▲ "');
    for (const code of CODES.filter((c) => c !== '201')) {
      const e = await classEntry(page, code);
      assert.equal(e.open, false, `${code} stays closed`);
      assert.equal(e.changed, false, `${code} is unchanged`);
    }
    // Beside the fields (there is room at 1366 px), the list never covers the focused field.
    const field = amountField(page, '节能减排');
    assert.ok(await field.evaluate((el) => el.getRootNode().activeElement === el), 'the field keeps the focus');
    const hit = await field.evaluate((el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const box = el.getRootNode().querySelector('.sc-classes').getBoundingClientRect();
      const atCentre = el.getRootNode().elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const bar = el.getRootNode().querySelector('.sc-bar').getBoundingClientRect();
      return {
        field: atCentre === el,
        beside: r.right <= box.left,
        sticky: getComputedStyle(el.getRootNode().querySelector('.sc-classes')).position,
        belowBar: box.top >= bar.bottom,
        inView: box.bottom <= innerHeight,
      };
    });
    // Stuck below the sticky bar (not under it) and within the window.
    assert.deepEqual(hit, { field: true, beside: true, sticky: 'sticky', belowBar: true, inView: true });
    // Far down the fields, it is still there, just under the bar.
    const far = await page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      const inputs = root.querySelectorAll('.sc-input');
      inputs[inputs.length - 1].scrollIntoView({ block: 'center' });
      const box = root.querySelector('.sc-classes').getBoundingClientRect();
      const bar = root.querySelector('.sc-bar').getBoundingClientRect();
      return { gap: box.top - bar.bottom, barTop: bar.top, bottom: box.bottom <= innerHeight };
    }, HOST);
    assert.ok(far.barTop === 0 && far.gap >= 0 && far.gap < 12 && far.bottom, `stuck below the bar: ${JSON.stringify(far)}`);
  });

  test('撤销 restores 9,207 with no change shown', async () => {
    const { page } = ctx;
    await page.locator(HOST).getByRole('button', { name: /撤销/ }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'undone');
    const e201 = await classEntry(page, '201');
    assert.equal(e201.changed, false);
    assert.equal(e201.line, '201 一般公共服务支出 9,207 占支出 11%');
    assert.doesNotMatch(e201.line, /→|\+|已改/);
    // Still open on the line the undo moved back, now as published.
    assert.equal(e201.open, true);
    assert.ok(e201.parts.includes('2011302 一般行政管理事务 3,702'), `${e201.parts}`);
    assert.equal(await page.locator(`${HOST} .sc-classes .is-changed`).count(), 0, 'no entry marked changed');
  });

  test('redo, then a closed class opens by keyboard', async () => {
    const { page } = ctx;
    await page.locator(HOST).getByRole('button', { name: /重做/ }).click();
    await waitFor(async () => (await classEntry(page, '201')).line, /9,207 → 9,307（\+100）/, 'redone');
    const summary = page.locator(`${HOST} .sc-class[data-code="215"] > summary`);
    await summary.focus();
    await page.keyboard.press('Enter');
    const e215 = await classEntry(page, '215');
    assert.equal(e215.open, true);
    assert.deepEqual(e215.parts, ['21505 工业和信息产业监管 73,300', '2150517 产业发展 73,300']);
    await page.keyboard.press('Enter');
    assert.equal((await classEntry(page, '215')).open, false, 'and closes again');
  });

  test('a scale step on 215 opens 215 and closes 201; reset brings every class back', async () => {
    const { page } = ctx;
    const panel = page.locator(HOST);
    await panel.getByLabel('范围').selectOption({ label: '215 资源勘探工业信息等支出' });
    await panel.getByLabel('增减（如 -5% 或 -100 万元）').fill('-1%');
    await panel.getByRole('button', { name: '应用', exact: true }).click();
    await waitFor(async () => (await classEntry(page, '215')).line, /73,300 → 72,567（-733）/, 'the scale step');
    const e215 = await classEntry(page, '215');
    assert.equal(e215.open, true);
    assert.equal(e215.changed, true);
    assert.ok(e215.parts.includes('2150517 产业发展 73,300 → 72,567（-733）'), `${e215.parts}`);
    const down = await page
      .locator(`${HOST} .sc-class[data-code="215"] > .sc-class__sum .sc-class__fig`)
      .evaluate((el) => getComputedStyle(el, '::before').content);
    assert.equal(down, '"▼ "');
    const e201 = await classEntry(page, '201');
    assert.equal(e201.open, false, '201 closes');
    assert.match(e201.line, /9,207 → 9,307（\+100） 已改/, 'and keeps showing its change');

    await panel.getByRole('button', { name: '恢复公开数' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
    assert.equal(await page.locator(`${HOST} .sc-classes .is-changed`).count(), 0);
    assert.equal((await classEntry(page, '215')).line, '215 资源勘探工业信息等支出 73,300 占支出 87%');
  });

  test('a restored scenario (reload) shows its class open with its change', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170', 'Enter');
    await waitFor(() => stripItem(page, 'total'), /84,679/, 'the edit applies');
    await page.reload();
    await waitReady(page);
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'restored');
    const e201 = await classEntry(page, '201');
    assert.equal(e201.open, true);
    assert.equal(e201.line, '201 一般公共服务支出 9,207 → 9,307（+100） 已改 占支出 11%');
    assert.ok(e201.parts.includes('2011302 一般行政管理事务 3,702 → 3,802（+100）'));
  });

  test('in English the list\'s own words are English; the data stays as published', async () => {
    const { page } = ctx;
    await page.locator(`${HOST} .lang-btn`, { hasText: 'English' }).click();
    const list = classList(page, 'Spending by class');
    assert.ok(await list.isVisible(), 'the list is named in English');
    assert.equal(await list.locator('h4').textContent(), 'Spending by class');
    assert.match(await list.locator('.sc-classes__hint').textContent(), /^published → scenario \(change\) · share of spending · on the prior year/);
    const e201 = await classEntry(page, '201');
    assert.equal(e201.line, '201 一般公共服务支出 9,207 → 9,307 (+100) changed 11% of spending');
    assert.equal(e201.open, true, 'the open class stays open across the switch');
    assert.equal(await page.locator(`${HOST} .sc-class[data-code="201"] .sc-class__parts`).getAttribute('aria-label'), '201 一般公共服务支出: 款 and 项');
    assert.equal((await classEntry(page, '208')).line, '208 社会保障和就业支出 570 1% of spending');
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
    assert.ok(await classList(page).isVisible());
    assert.equal((await classEntry(page, '201')).line, '201 一般公共服务支出 9,207 → 9,307（+100） 已改 占支出 11%');
  });

  test('moving a project between classes opens both classes on their 款/项', async () => {
    const { page } = ctx;
    const panel = page.locator(HOST);
    await panel.getByRole('button', { name: '恢复公开数' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
    await panel.getByLabel('项目', { exact: true }).selectOption({ label: '节能减排' });
    await panel.getByLabel('移到', { exact: true }).selectOption({ label: '2150517 产业发展' });
    await panel.getByRole('button', { name: '移动', exact: true }).click();
    await waitFor(async () => (await classEntry(page, '215')).line, /73,300 → 73,370（\+70）/, 'the move');
    const [e201, e215] = [await classEntry(page, '201'), await classEntry(page, '215')];
    assert.equal(e201.open, true);
    assert.equal(e215.open, true);
    assert.match(e201.line, /^201 一般公共服务支出 9,207 → 9,137（-70） 已改 占支出 \d+%$/);
    assert.ok(e201.parts.includes('2011302 一般行政管理事务 3,702 → 3,632（-70）'), `${e201.parts}`);
    assert.ok(e215.parts.includes('2150517 产业发展 73,300 → 73,370（+70）'), `${e215.parts}`);
    assert.equal((await classEntry(page, '208')).open, false);
    // Undone, both show their published figures again.
    await panel.getByRole('button', { name: /撤销/ }).click();
    await waitFor(async () => (await classEntry(page, '215')).line, /^215 资源勘探工业信息等支出 73,300 占支出 87%$/, 'undone');
    assert.equal(await page.locator(`${HOST} .sc-classes .is-changed`).count(), 0);
  });

  test('a share link opened afresh shows its classes open with their changes', async () => {
    const { page } = ctx;
    const panel = page.locator(HOST);
    await setAmount(page, '节能减排', '170', 'Enter');
    await panel.getByLabel('范围').selectOption({ label: '215 资源勘探工业信息等支出' });
    await panel.getByLabel('增减（如 -5% 或 -100 万元）').fill('-1%');
    await panel.getByRole('button', { name: '应用', exact: true }).click();
    await waitFor(async () => (await classEntry(page, '215')).line, /73,300 → 72,567（-733）/, 'the scale step');
    const link = await panel.getByLabel('分享链接').inputValue();
    assert.match(link, /#s=/);
    await panel.getByRole('button', { name: '恢复公开数' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
    await page.goto('about:blank');
    await page.goto(link);
    await waitReady(page);
    await waitFor(async () => (await classEntry(page, '215')).line, /73,300 → 72,567（-733）/, 'the shared scenario');
    const [e201, e215] = [await classEntry(page, '201'), await classEntry(page, '215')];
    assert.equal(e201.open, true);
    assert.equal(e215.open, true);
    assert.equal(e201.line, '201 一般公共服务支出 9,207 → 9,307（+100） 已改 占支出 11%');
    assert.ok(e215.parts.includes('2150517 产业发展 73,300 → 72,567（-733）'), `${e215.parts}`);
    assert.equal((await classEntry(page, '221')).open, false);
  });

  test('logs no console errors, page errors or failed requests', () => {
    assert.deepEqual(ctx.errors, []);
  });
});

test('in a short window (200% zoom of a 900 px high one) the bar does not stick over the fields', async () => {
  const ctx = await openPage();
  try {
    const { page } = ctx;
    await page.setViewportSize({ width: 683, height: 450 });
    await waitReady(page);
    await setAmount(page, '节能减排', '170', 'Enter');
    const seen = await amountField(page, '节能减排').evaluate((el) => {
      const root = el.getRootNode();
      el.focus();
      // Scrolled to the top edge, as the keyboard's Tab would bring a field into view.
      el.scrollIntoView({ block: 'start' });
      const r = el.getBoundingClientRect();
      return {
        position: getComputedStyle(root.querySelector('.sc-bar')).position,
        atField: root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el,
      };
    });
    assert.equal(seen.position, 'static');
    assert.equal(seen.atField, true, 'nothing covers the focused field');
  } finally {
    await ctx.close();
  }
});

for (const { what, width, height } of [
  { what: 'a 390 px phone', width: 390, height: 844 },
  { what: '200% zoom (683 px of a 1366 px window)', width: 683, height: 450 },
]) {
  describe(`the classes list on ${what}`, () => {
    let ctx;

    before(async () => {
      ctx = await openReady({ width, height });
    });

    after(async () => {
      await ctx?.close();
    });

    test('stacked above the fields, compact, no horizontal overflow, text of 12 px or more', async () => {
      const { page } = ctx;
      await setAmount(page, '节能减排', '170', 'Enter');
      await waitFor(async () => (await classEntry(page, '201')).line, /9,307/, 'the edit applies');
      assert.equal((await classEntry(page, '201')).open, true);
      const o = await overflowOf(page);
      assert.ok(o.box.right <= o.viewport, `the list stays in the viewport: ${JSON.stringify(o.box)}`);
      assert.ok(o.box.scrollWidth <= o.box.clientWidth, `the list does not scroll sideways: ${JSON.stringify(o.box)}`);
      assert.deepEqual(o.outside, [], 'nothing reaches out of the list');
      assert.deepEqual(o.small, [], 'no text under 12 px');
      assert.ok(o.page <= o.viewport, `the page does not scroll sideways: ${o.page} > ${o.viewport}`);
      // Stacked: the list is above the first amount, not beside it, and does not stick.
      const place = await page.locator(`${HOST} .sc-classes`).evaluate((box) => {
        const field = box.getRootNode().querySelector('.sc-input').getBoundingClientRect();
        return { above: box.getBoundingClientRect().bottom <= field.top, position: getComputedStyle(box).position };
      });
      assert.deepEqual(place, { above: true, position: 'static' });
      // Compact: an unchanged 类 takes at most two lines.
      const h = await page.locator(`${HOST} .sc-class[data-code="208"] > .sc-class__sum`).evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20'));
      assert.ok(h < 3.2, `208 takes ${h.toFixed(1)} lines`);
      // With every class open too.
      await page.evaluate((host) => document.querySelector(host).shadowRoot.querySelectorAll('.sc-class').forEach((d) => d.tagName === 'DETAILS' && (d.open = true)), HOST);
      const all = await overflowOf(page);
      assert.deepEqual(all.outside, [], 'nothing reaches out of the list with every class open');
      assert.ok(all.box.scrollWidth <= all.box.clientWidth);
      assert.deepEqual(ctx.errors, []);
    });
  });
}

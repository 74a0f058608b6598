// The what-if panel (方案测算) end to end, acting as a budget officer would: find an amount
// by its label, type, leave the field, read what the page shows; undo; switch to a fixed
// ceiling; save, reload, share, export, import, compare.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HOST, amountField, openPage, openReady, setAmount, stripItem, stripYoy, waitFor, waitReady } from './helpers.mjs';

/** The text of a cell of a published table, found as a reader finds it: by the table's label, a row's text and a column heading. */
function tableCell(page, label, rowText, column) {
  return page.evaluate(
    ({ host, label, rowText, column }) => {
      const root = document.querySelector(host).shadowRoot;
      const table = [...root.querySelectorAll('table.budget-table')].find((t) => t.querySelector('caption .caption__label')?.textContent.trim() === label);
      if (!table) return `no table ${label}`;
      const heads = [...table.querySelectorAll('thead tr:last-child th')].map((th) => th.textContent.trim());
      // A column by its heading, or (where two columns share a heading, as in 表1) by number.
      const col = typeof column === 'number' ? column : heads.indexOf(column);
      const row = [...table.querySelectorAll('tbody tr')].find((tr) => [...tr.children].some((c) => c.textContent.trim() === rowText));
      if (!row || col < 0) return `no row ${rowText} / column ${column}`;
      const cell = row.children[col];
      return `${cell.textContent.trim()}|${cell.classList.contains('sc-changed') ? 'marked' : 'plain'}|${cell.getAttribute('title') ?? ''}`;
    },
    { host: HOST, label, rowText, column },
  );
}

/** Focus on the page (not in a field), inside the element: click a plain text. */
async function clickPlainText(page) {
  await page.locator(`${HOST} .sc-intro`).click();
  const active = await page.evaluate((host) => ({ page: document.activeElement?.tagName, inner: document.querySelector(host).shadowRoot.activeElement?.tagName ?? null }), HOST);
  assert.ok(['BODY', 'MAIN'].includes(active.page), `focus is on the page, not in a field: ${JSON.stringify(active)}`);
  assert.equal(active.inner, null);
}

async function resetScenario(page) {
  const reset = page.locator(HOST).getByRole('button', { name: '恢复公开数' });
  if (await reset.isEnabled()) await reset.click();
  await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
}

describe('what-if scenarios on the seed budget', () => {
  let ctx;

  before(async () => {
    ctx = await openReady();
  });

  after(async () => {
    await ctx?.close();
  });

  test('the panel starts at the published figures, 项目支出 first', async () => {
    const { page } = ctx;
    assert.equal(await page.locator(`${HOST} #yc-scenario-title`).textContent(), '方案测算');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    const groups = await page.locator(`${HOST} .sc-group__title`).allTextContents();
    assert.equal(groups[0], '项目支出');
    const field = amountField(page, '节能减排');
    assert.equal(await field.inputValue(), '70');
    assert.equal(await field.getAttribute('inputmode'), 'decimal');
    const described = await field.getAttribute('aria-describedby');
    const info = await page.evaluate(({ host, ids }) => ids.split(' ').map((id) => document.querySelector(host).shadowRoot.getElementById(id)?.textContent ?? null), { host: HOST, ids: described });
    assert.ok(info[0].includes('公开数 70'), `described by its baseline: ${info}`);
    assert.ok(await page.locator(HOST).getByRole('button', { name: /撤销/ }).isDisabled());
    assert.ok(await page.locator(HOST).getByRole('button', { name: /重做/ }).isDisabled());
  });

  test('changing 节能减排 from 70 to 170: totals, 表7, year-on-year and the sentence follow', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    assert.equal(await stripItem(page, 'project'), '项目支出78,841→78,941（+100）');
    assert.equal(await stripItem(page, 'basic'), '基本支出5,738（未变）');
    const row = page.locator(`${HOST} .sc-row`, { has: page.getByLabel('节能减排', { exact: true }) });
    const rowText = await row.innerText();
    assert.match(rowText, /公开数 70 → 170（\+100）/);
    assert.match(rowText, /较上年 \+162%/);

    const t7 = await tableCell(page, '表7', '2011302', '项目支出');
    assert.equal(t7, '3,802|marked|原 3,702，现 3,802，+100');
    assert.equal(await tableCell(page, '表7', '201', '支出总计'), '9,307|marked|原 9,207，现 9,307，+100');
    // What it printed shows above the new figure, without hovering.
    const was = await page.evaluate((host) => {
      const root = document.querySelector(host).shadowRoot;
      const cell = [...root.querySelectorAll('table.budget-table td.sc-changed')].find((td) => td.textContent.trim() === '9,307');
      return cell ? getComputedStyle(cell, '::before').content : 'no cell';
    }, HOST);
    assert.equal(was, '"原 9,207"');
    // 表1 printed 9,208 for the same class (a rounding difference; its 支出 side, column 3):
    // its mark quotes what it printed.
    assert.equal(await tableCell(page, '表1', '一、一般公共服务支出', 3), '9,308|marked|原 9,208，现 9,308，+100');
    // A figure the edit does not touch stays as published, unmarked.
    assert.equal(await tableCell(page, '表7', '201', '基本支出'), '4,146|plain|');

    const sentences = page.locator(`${HOST} .sc-sentences__changed`);
    await waitFor(() => sentences.innerText(), /节能减排预算 170 万元，较 2021 年预算增加 105 万元，增长 162%。/, 'the regenerated sentence');
    assert.match(await sentences.innerText(), /节能减排预算 70 万元，较 2021 年预算增加 5 万元，增长 8%。/, 'the published sentence beside it');

    const live = page.locator(`${HOST} .sc [aria-live="polite"]`).first();
    await waitFor(() => live.textContent(), /^节能减排 改为 170，支出总计 84,679（\+100）。/, 'the announcement');
    // In follow mode every table identity still holds; the narrative, which still prints 70,
    // is counted apart and points at the regenerated sentences.
    const stale = page.locator(`${HOST} .sc-stale`);
    await waitFor(() => stale.innerText(), /文字部分有 \d+ 处数字仍是公开数/, 'the narrative needs updating');
    assert.doesNotMatch(await live.textContent(), /方案核对：不一致/, 'no table mismatch to announce');
    assert.ok(await page.locator(HOST).getByRole('button', { name: /撤销/ }).isEnabled());
  });

  test('"12abc" is refused with a message beside the field, and 170 is kept', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '12abc', 'Enter');
    const field = amountField(page, '节能减排');
    assert.equal(await field.inputValue(), '170');
    const error = page.locator(`${HOST} .sc-row`, { has: page.getByLabel('节能减排', { exact: true }) }).getByRole('alert');
    assert.match(await error.textContent(), /12abc.*不是有效金额.*仍为 170/);
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    // Escape cancels what was typed.
    await field.fill('999');
    await field.press('Escape');
    assert.equal(await field.inputValue(), '170');
    assert.equal(await error.textContent(), '');
    await field.press('Tab');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
  });

  test('Ctrl+Z on the page undoes, Ctrl+Shift+Z and Ctrl+Y redo; so do the buttons', async () => {
    const { page } = ctx;
    await clickPlainText(page);
    await page.keyboard.press('Control+z');
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'after Ctrl+Z');
    assert.equal(await amountField(page, '节能减排').inputValue(), '70');
    assert.equal(await tableCell(page, '表7', '2011302', '项目支出'), '3,702|plain|', 'the mark is cleared');

    await page.keyboard.press('Control+Shift+z');
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'after Ctrl+Shift+Z');
    await page.keyboard.press('Control+z');
    await waitFor(() => stripItem(page, 'total'), /84,579（未变）/, 'after Ctrl+Z again');
    await page.keyboard.press('Control+y');
    await waitFor(() => stripItem(page, 'total'), /84,679（\+100）/, 'after Ctrl+Y');

    const undo = page.locator(HOST).getByRole('button', { name: /撤销/ });
    await undo.click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'after the undo button');
    assert.ok(await undo.isDisabled(), 'nothing left to undo');
    await page.locator(HOST).getByRole('button', { name: /重做/ }).click();
    await waitFor(() => stripItem(page, 'total'), /84,679（\+100）/, 'after the redo button');
  });

  test('in a text field being edited, Ctrl+Z is the field\'s own undo', async () => {
    const { page } = ctx;
    const field = amountField(page, '电力管理');
    await field.click();
    await field.press('End');
    await page.keyboard.type('9');
    await page.keyboard.press('Control+z');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）', 'the scenario was not undone');
    await field.press('Escape');
    await clickPlainText(page);
  });

  test('Ctrl+Z in the field just edited undoes the edit there: the field shows the value before, and leaving it keeps it', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const field = amountField(page, '节能减排');
    await field.fill('170');
    await field.press('Enter');
    await waitFor(() => stripItem(page, 'total'), /84,679（\+100）/, 'the edit');
    await field.press('Control+z');
    await waitFor(() => field.inputValue(), /^70$/, 'the field shows the value before');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    await field.press('Tab');
    assert.equal(await field.inputValue(), '70', 'leaving the field does not re-apply 170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    await field.focus();
    await page.keyboard.press('Control+Shift+z');
    await waitFor(() => field.inputValue(), /^170$/, 'redo in the field');
    assert.match(await stripItem(page, 'total'), /84,679（\+100）/);
    await resetScenario(page);
  });

  test('a negative amount for a project is refused beside the field; 0 (cutting it) is accepted', async () => {
    const { page } = ctx;
    await resetScenario(page);
    await setAmount(page, '节能减排', '170', 'Enter');
    await setAmount(page, '节能减排', '-5', 'Enter');
    const field = amountField(page, '节能减排');
    assert.equal(await field.inputValue(), '170');
    const error = page.locator(`${HOST} .sc-row`, { has: page.getByLabel('节能减排', { exact: true }) }).getByRole('alert');
    assert.match(await error.textContent(), /支出金额不能为负数.*可以改为 0.*仍为 170/);
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await setAmount(page, '节能减排', '0', 'Enter');
    assert.equal(await error.textContent(), '');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,509（-70）');
    await resetScenario(page);
  });

  test('the top of the page says whether it shows the published budget or a scenario, and the overview cards follow', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const state = page.locator(`${HOST} [data-section="state"]`);
    const card = (key) => page.locator(`${HOST} .card[data-key="${key}"]`);
    assert.equal(await state.textContent(), '当前显示公开数（未修改）');
    assert.equal(await card('total').locator('.card__num').textContent(), '84,579');
    await setAmount(page, '节能减排', '170', 'Enter');
    await waitFor(() => state.textContent(), /^未保存的方案（1 处修改）$/, 'the state');
    assert.equal(await card('total').locator('.card__num').textContent(), '84,679');
    assert.equal(await card('total').locator('.card__change').textContent(), '公开数 84,579，▲ +100');
    assert.equal(await card('project').locator('.card__num').textContent(), '78,941');
    assert.equal(await card('basic').locator('.card__change').textContent(), '', 'basic unchanged');
    // Beside the fields: the total's change against 2021 (84,579 − 15,118 = 69,461), in 万元
    // and in % at the publication's precision.
    assert.equal(await stripYoy(page, 'total'), '较上年 +15,218（+22%）');
    // The state line is the first thing in the overview, above the title.
    const first = await page.evaluate((host) => document.querySelector(host).shadowRoot.querySelector('[data-section="overview"]').firstElementChild.getAttribute('data-section'), HOST);
    assert.equal(first, 'state');
    await resetScenario(page);
    await waitFor(() => state.textContent(), /^当前显示公开数（未修改）$/, 'back to the published figures');
    assert.equal(await card('total').locator('.card__num').textContent(), '84,579');
  });

  test('with no edit made, the scenario\'s checks are the published checks, count for count', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const published = await page.locator(`${HOST} .summary .summary__item`).evaluateAll((items) => items.map((li) => `${li.dataset.status} ${li.querySelector('.badge__count').textContent.replace(/\D/g, '')}`));
    const panel = () => page.locator(`${HOST} .sc-count`).evaluateAll((items) => items.map((li) => `${li.dataset.status} ${li.textContent.replace(/\D/g, '')}`).sort().join(','));
    await waitFor(panel, new RegExp(`^${[...published].sort().join(',')}$`), 'the panel counts');
    assert.ok(published.includes('ok 331'), published.join(','));
  });

  test('a class cut by 5% moves its lines and the total, says the rounding, and undoes in one step', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const panel = page.locator(HOST);
    await panel.getByLabel('范围').selectOption({ label: '201 一般公共服务支出' });
    await panel.getByLabel(/^增减/).fill('-5%');
    await panel.getByRole('button', { name: '应用', exact: true }).click();
    // Its project lines (5,061) move by 5%: −253, each rounded, the remainder said.
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,326（-253）$/, 'the total');
    const msg = await page.locator(`${HOST} .sc-scale__msg`).textContent();
    assert.match(msg, /“201 一般公共服务支出”下 14 行调整，合计 -253（各行按 1 取整，取整余数 -1 计入“电力管理”）/);
    assert.match(msg, /未随之调整/);
    assert.equal(await tableCell(page, '表7', '201', '支出总计'), '8,954|marked|原 9,207，现 8,954，-253');
    // A cut past 100% is refused and changes nothing.
    await panel.getByLabel(/^增减/).fill('-150%');
    await panel.getByRole('button', { name: '应用', exact: true }).click();
    await waitFor(() => page.locator(`${HOST} .sc-scale__msg`).textContent(), /不能为负数；没有做任何修改/, 'the refusal');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,326（-253）');
    // One step: one undo brings every line back.
    await panel.getByRole('button', { name: /撤销/ }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'undone');
  });

  test('a project added under a 项 moves its 项, 款, 类 and the total, and becomes a field of its own', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const panel = page.locator(HOST);
    await panel.getByLabel('项目名称').fill('营商环境监测');
    await panel.getByLabel('所属科目（项）').selectOption({ label: '2011302 一般行政管理事务' });
    await panel.getByLabel('金额', { exact: true }).fill('100');
    await panel.getByRole('button', { name: '添加项目' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'the total');
    assert.equal(await page.locator(`${HOST} .sc-add__msg`).textContent(), '已新增项目“营商环境监测”（2011302 一般行政管理事务）：100。');
    assert.equal(await tableCell(page, '表7', '2011302', '支出总计'), '3,802|marked|原 3,702，现 3,802，+100');
    assert.equal(await tableCell(page, '表7', '201', '支出总计'), '9,307|marked|原 9,207，现 9,307，+100');
    // It is a field like any project: typed to 150, the total follows.
    assert.equal(await amountField(page, '营商环境监测（新增 · 2011302）').inputValue(), '100');
    await setAmount(page, '营商环境监测（新增 · 2011302）', '150');
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,729（\+150）$/, 'after typing');
    // The share link carries it (code and name).
    assert.match(await panel.getByLabel('分享链接').inputValue(), /new:2011302:%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83%E7%9B%91%E6%B5%8B=150/);
    await resetScenario(page);
  });

  test('a project added under a new code opens its 项, 款 and 类 beside the fields; a bad code is refused', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const panel = page.locator(HOST);
    // Not a 项 code: refused with the reason, nothing changes.
    await panel.getByLabel('项目名称').fill('其他支出项目');
    await panel.getByLabel('或新的项级科目编码（选填，7 位数字）').fill('22901');
    await panel.getByLabel('金额', { exact: true }).fill('846');
    await panel.getByRole('button', { name: '添加项目' }).click();
    await waitFor(() => page.locator(`${HOST} .sc-add__msg`).textContent(), /不是项级科目编码/, 'the refusal');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    // A 项 code the budget does not have: a new 类 229 among the classes, its share said.
    await panel.getByLabel('或新的项级科目编码（选填，7 位数字）').fill('2290101');
    await panel.getByRole('button', { name: '添加项目' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→85,425（\+846）$/, 'the total');
    assert.equal(await page.locator(`${HOST} .sc-add__msg`).textContent(), '已新增项目“其他支出项目”（2290101（新增科目））：846。');
    const classes = page.locator(`${HOST} .sc-classes`);
    await waitFor(() => classes.textContent(), /229（新增科目）[^]*846[^]*占支出 1%/, 'the new class in the list');
    assert.equal(await amountField(page, '其他支出项目（新增 · 2290101）').inputValue(), '846');
    // Typed into afterwards: figures the page had not held before the add (an edit's answer
    // names figures by index) follow as any other.
    await setAmount(page, '其他支出项目（新增 · 2290101）', '900', 'Enter');
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→85,479（\+900）$/, 'the total after typing');
    await waitFor(() => classes.textContent(), /229（新增科目）[^]*900/, 'the new class follows');
    await resetScenario(page);
  });

  test('a project moved to another 项 leaves one for the other, the total stays; a removed one goes to 0', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const panel = page.locator(HOST);
    await panel.getByLabel('项目', { exact: true }).selectOption({ label: '节能减排' });
    await panel.getByLabel('移到', { exact: true }).selectOption({ label: '2011304 对外贸易管理' });
    await panel.getByRole('button', { name: '移动', exact: true }).click();
    await waitFor(() => page.locator(`${HOST} .sc-move__msg`).textContent(), /^已将项目“节能减排”（70）移到 2011304 对外贸易管理。$/, 'the move');
    assert.equal(await tableCell(page, '表7', '2011302', '支出总计'), '3,632|marked|原 3,702，现 3,632，-70');
    assert.equal(await tableCell(page, '表7', '2011304', '支出总计'), '781|marked|原 711，现 781，+70');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    assert.equal(await amountField(page, '节能减排').inputValue(), '0');
    assert.equal(await amountField(page, '节能减排（新增 · 2011304）').inputValue(), '70');
    // Removed: 电力管理 to 0, the total falls by its 1,838.
    await panel.getByLabel('项目', { exact: true }).selectOption({ label: '电力管理' });
    await panel.getByRole('button', { name: '删除（改为 0）' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→82,741（-1,838）$/, 'the removal');
    assert.equal(await amountField(page, '电力管理').inputValue(), '0');
    await resetScenario(page);
  });

  test('the first screen offers both jobs; 测算 reaches the first amount field in one step', async () => {
    const { page } = ctx;
    await page.evaluate(() => window.scrollTo(0, 0));
    const jobs = page.locator(`${HOST} nav.jobs`);
    assert.ok(await jobs.getByRole('link', { name: '核对公开数字' }).isVisible());
    await jobs.getByRole('link', { name: '测算方案：修改金额' }).click();
    const focused = await page.evaluate((host) => {
      const el = document.querySelector(host).shadowRoot.activeElement;
      return el ? `${el.tagName} ${el.getAttribute('data-key') ?? ''} ${el.id}` : 'none';
    }, HOST);
    assert.match(focused, /^INPUT /, focused);
    assert.ok(await page.evaluate((host) => {
      const el = document.querySelector(host).shadowRoot.activeElement;
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, HOST), 'the field is on screen');
  });

  test('beside the field, the bar names the 类, 款 and 项 the edit moved, with the class\'s share', async () => {
    const { page } = ctx;
    await resetScenario(page);
    await setAmount(page, '节能减排', '170', 'Enter');
    const path = page.locator(`${HOST} .sc-path`);
    await waitFor(() => path.textContent(), /^这一步改变了： /, 'the path');
    const text = await path.textContent();
    assert.match(text, /201 一般公共服务支出 9,307（\+100，占支出 11%）；/);
    assert.match(text, /20113 商贸事务 9,307（\+100）/);
    assert.match(text, /2011302 一般行政管理事务 3,802（\+100）$/);
    // Seen from the field: the bar is on screen while the field has the focus.
    await amountField(page, '节能减排').focus();
    assert.ok(await path.isVisible());
    const onScreen = await path.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.ok(onScreen, 'the path is on screen beside the focused field');
    await resetScenario(page);
    await waitFor(() => path.isHidden().then(String), /^true$/, 'hidden once nothing is changed');
  });

  test('a host page hears every change: yusuan-change with the state and the new totals', async () => {
    const { page } = ctx;
    await resetScenario(page);
    await page.evaluate(() => {
      window.__changes = [];
      document.addEventListener('yusuan-change', (e) => window.__changes.push(e.detail));
    });
    await setAmount(page, '节能减排', '170', 'Enter');
    await waitFor(() => page.evaluate(() => String(window.__changes.length)), /^[1-9]/, 'an event');
    const last = await page.evaluate(() => window.__changes.at(-1));
    assert.equal(last.state, '未保存的方案（1 处修改）');
    assert.equal(last.modified, true);
    assert.deepEqual(last.totals.total, { value: '84,679', baseline: '84,579', delta: '+100' });
    await resetScenario(page);
  });

  test('a scenario restored from the last visit says so at the top', async () => {
    const { page } = ctx;
    await resetScenario(page);
    await setAmount(page, '节能减排', '170', 'Enter');
    await waitFor(() => stripItem(page, 'total'), /84,679（\+100）/, 'the edit');
    await page.reload();
    await waitReady(page);
    const state = page.locator(`${HOST} [data-section="state"]`);
    await waitFor(() => state.textContent(), /^上次未保存的方案，已恢复（1 处修改）$/, 'the restored state');
    assert.equal(await page.locator(`${HOST} .card[data-key="total"] .card__num`).textContent(), '84,679');
    await resetScenario(page);
    await waitFor(() => state.textContent(), /^当前显示公开数（未修改）$/, 'after the reset');
  });

  test('the narrative\'s statements the scenario makes stale are marked so, with the new figures', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const narrative = page.locator(`${HOST} [data-section="narrative"]`);
    // 第二部分: 部门预算收入84,579万元 agrees with the published tables.
    const claim = () => narrative.getByRole('button', { name: /^84,579万元：/ }).first();
    assert.equal(await claim().getAttribute('aria-label'), '84,579万元：相符');
    assert.equal(await narrative.locator('.claim-stale').count(), 0);
    await setAmount(page, '节能减排', '170', 'Enter');
    await waitFor(() => claim().getAttribute('aria-label'), /^84,579万元：方案下已过时$/, 'marked stale');
    assert.match(await claim().innerText(), /⟳/, 'an icon, not colour alone');
    await claim().click();
    const detail = page.locator(`${HOST} #${await claim().getAttribute('aria-controls')}`);
    assert.match(await detail.innerText(), /84,679/, 'the new figure');
    assert.match(await narrative.locator('.narrative-counts').innerText(), /按当前方案，文中 [1-9]\d* 处数字已过时/);
    await resetScenario(page);
    await waitFor(() => claim().getAttribute('aria-label'), /^84,579万元：相符$/, 'back to the published verdict');
    assert.equal(await narrative.locator('.claim-stale').count(), 0);
  });

  test('fixed ceiling (控制数): 收支差额 -100 and a mismatch in the re-run checks', async () => {
    const { page } = ctx;
    await resetScenario(page);
    const income = amountField(page, '一般公共预算拨款（控制数）');
    assert.ok(await income.isDisabled(), 'the ceiling cannot be typed while income follows');
    await page.locator(HOST).getByLabel('固定控制数').check();
    assert.ok(await income.isEnabled());
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'gap'), '收支差额0→-100（-100）✗支出超出控制数100');
    assert.equal(await stripItem(page, 'income:total'), '收入总计84,579（未变）');
    const checks = page.locator(`${HOST} .sc-checks`);
    const text = await waitFor(() => checks.innerText(), /收支平衡/, 'the re-run checks');
    assert.match(text, /不一致 [1-9]\d* 项/);
    assert.match(text, /方案使 \d+ 项公开时成立的核对不再成立/);
    assert.match(text, /表1 本年收入合计 84,579 ≠ 表1 本年支出合计 84,679/);
    // Back to income following expenditure: the gap closes.
    await page.locator(HOST).getByLabel('收入随支出').check();
    await waitFor(() => stripItem(page, 'gap'), /^收支差额0（未变）/, 'gap after follow');
    assert.equal(await stripItem(page, 'income:total'), '收入总计84,579→84,679（+100）');
    await waitFor(() => checks.innerText(), /^(?![\s\S]*收支平衡)/, 'no balance mismatch');
  });

  test('a named scenario is saved, listed after a reload, and its figures restored', async () => {
    const { page } = ctx;
    await resetScenario(page);
    await setAmount(page, '节能减排', '170');
    // The 三公 amounts are in a group that starts closed: open it first.
    await page.locator(`${HOST} .sc-group__summary`, { hasText: '“三公”经费' }).click();
    await setAmount(page, '公务接待费', '3');
    await page.locator(HOST).getByLabel('方案名称').fill('节能加码');
    await page.locator(HOST).getByRole('button', { name: '保存方案' }).click();
    assert.match(await page.locator(`${HOST} .sc-manage`).innerText(), /已保存方案“节能加码”/);

    await page.reload();
    await waitReady(page);
    const list = page.locator(`${HOST} .sc-saved`);
    assert.match(await list.innerText(), /节能加码[\s\S]*2 处修改/);
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    assert.equal(await amountField(page, '节能减排').inputValue(), '170');
    assert.equal(await amountField(page, '公务接待费').inputValue(), '3');
    assert.equal(await tableCell(page, '表7', '2011302', '项目支出'), '3,802|marked|原 3,702，现 3,802，+100');
    assert.match(await page.locator(`${HOST} .sc-status`).innerText(), /当前方案：“节能加码”/);

    // Back to the published figures, then load the saved scenario from the list.
    await resetScenario(page);
    await page.locator(HOST).getByRole('button', { name: '载入方案“节能加码”' }).click();
    await waitFor(() => stripItem(page, 'total'), /84,679（\+100）/, 'after loading');
    assert.equal(await amountField(page, '公务接待费').inputValue(), '3');
  });

  test('the share link opened in a fresh browser profile shows the same figures', async () => {
    const { page } = ctx;
    const link = await page.locator(HOST).getByLabel('分享链接').inputValue();
    assert.match(link, /#s=f;project:p01=170;sanggong:reception=3$/);
    const other = await page.context().browser().newContext({ locale: 'zh-CN' });
    try {
      const fresh = await other.newPage();
      const errors = [];
      fresh.on('pageerror', (e) => errors.push(String(e)));
      fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await fresh.goto(link);
      await waitReady(fresh);
      await waitFor(() => stripItem(fresh, 'total'), /^支出总计84,579→84,679（\+100）$/, 'in the fresh profile');
      assert.equal(await amountField(fresh, '节能减排').inputValue(), '170');
      assert.match(await fresh.locator(`${HOST} .sc-notice`).innerText(), /已打开分享链接中的方案（2 处修改）/);
      // The page says at the top, before any figure, that it shows a shared scenario.
      assert.equal(await fresh.locator(`${HOST} [data-section="state"]`).textContent(), '来自分享链接的方案（2 处修改，未保存）');
      assert.equal(await tableCell(fresh, '表7', '201', '支出总计'), '9,307|marked|原 9,207，现 9,307，+100');
      assert.equal(new URL(fresh.url()).hash, '', 'the fragment is consumed');
      // A damaged link says so and applies nothing.
      await fresh.goto('about:blank');
      await fresh.goto(link.replace(/#s=.*/, '#s=x;nope'));
      await waitReady(fresh);
      assert.match(await fresh.locator(`${HOST} .sc-notice`).innerText(), /分享链接无法使用：开头必须是 c（固定控制数）或 f（收入随支出）。链接中的方案未应用。/);
      assert.equal(await stripItem(fresh, 'total'), '支出总计84,579（未变）');
      assert.deepEqual(errors, []);
    } finally {
      await other.close();
    }
  });

  test('the tables export as CSV with a UTF-8 BOM and the scenario\'s figures', async () => {
    const { page } = ctx;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(HOST).getByRole('button', { name: '导出预算表（CSV）' }).click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the BOM');
    const text = bytes.toString('utf8');
    assert.ok(text.includes('84,679'), 'the scenario total is in the CSV');
    assert.ok(text.includes('表7') || text.includes('一般公共预算支出'), 'table 7 is in the CSV');
  });

  test('the tables export as an .xlsx workbook that reads back with the scenario\'s figures', async () => {
    const { page } = ctx;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(HOST).getByRole('button', { name: '导出 Excel（.xlsx）' }).click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b], 'a zip');
    // Read back by the page's own workbook reader (crates/open, as 打开预算文件 reads it).
    const text = await page.evaluate(async (data) => {
      const { convert } = await import('./opener.js');
      const out = await convert(new Uint8Array(data), 'scenario.xlsx');
      return out.text;
    }, [...bytes]);
    assert.ok(text.includes('84,679\t84,579\t100'), 'the total: scenario, published, change');
    assert.ok(text.includes('201\t一般公共服务支出\t9,307\t9,207\t100'), 'class 201 in 表7');
    assert.ok(text.includes('节能减排\t70\t170\t100'), 'the changes sheet');
  });

  test('a scenario exports as JSON and imports back; a bad file is refused with a reason', async () => {
    const { page } = ctx;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(HOST).getByRole('button', { name: '导出方案（JSON）' }).click()]);
    const json = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(json.format, 'yusuan-scenario');
    assert.equal(json.version, 1);
    assert.equal(json.budget, '2022 年深圳市龙岗区工业和信息化局 部门预算');
    assert.equal(json.balance, 'follow');
    assert.deepEqual(json.edits, { 'project:p01': '170', 'sanggong:reception': '3' });

    await resetScenario(page);
    const file = page.locator(HOST).getByLabel('导入方案（JSON 文件）');
    const message = page.locator(`${HOST} .sc-manage .sc-msg`).nth(1);
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await waitFor(() => message.textContent(), /无法导入：文件不是 Yusuan 方案/, 'wrong format');
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
    await waitFor(() => message.textContent(), /不是有效的 JSON/, 'not JSON');
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...json, edits: { 'project:p01': 170 } })) });
    await waitFor(() => message.textContent(), /金额必须是字符串/, 'a number, not a string');
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...json, edits: { 'project:p99': '1' } })) });
    await waitFor(() => message.textContent(), /project:p99/, 'an unknown key');
    await file.setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    await waitFor(() => message.textContent(), /文件过大/, 'over 1 MB');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）', 'refused files change nothing');

    await file.setInputFiles({ name: '节能加码.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...json, balance: 'ceiling' })) });
    await waitFor(() => message.textContent(), /已导入方案（2 处修改）/, 'import');
    assert.equal(await stripItem(page, 'gap'), '收支差额0→-100（-100）✗支出超出控制数100');
    assert.ok(await page.locator(HOST).getByLabel('固定控制数').isChecked());
  });

  test('scenarios compared side by side with the published figures', async () => {
    const { page } = ctx;
    await resetScenario(page);
    await page.locator(HOST).getByLabel('收入随支出').check();
    await setAmount(page, '企业服务', '1,007');
    await page.locator(HOST).getByLabel('方案名称').fill('压减企业服务');
    await page.locator(HOST).getByRole('button', { name: '保存方案' }).click();
    await setAmount(page, '节能减排', '270');
    await page.locator(HOST).getByRole('button', { name: '比较所选方案' }).click();
    const table = page.locator(`${HOST} .sc-compare table`);
    await table.waitFor();
    const grid = await table.evaluate((t) => [...t.rows].map((r) => [...r.cells].map((c) => c.textContent.trim())));
    assert.deepEqual(grid[0], ['项目', '公开数', '节能加码', '压减企业服务', '当前方案']);
    const row = (name) => grid.find((r) => r[0] === name);
    assert.deepEqual(row('支出总计'), ['支出总计', '84,579', '84,679（+100）', '84,479（-100）', '84,679（+100）']);
    assert.deepEqual(row('201 一般公共服务支出'), ['201 一般公共服务支出', '9,207', '9,307（+100）', '9,107（-100）', '9,307（+100）']);
    assert.deepEqual(row('215 资源勘探工业信息等支出'), ['215 资源勘探工业信息等支出', '73,300', '73,300', '73,300', '73,300']);
    assert.ok(row('收支差额'), 'the gap is compared');
    assert.ok(grid.length >= 11, 'total, basic, project, income, gap and each 类');
  });

  test('switching the interface to English keeps the scenario and its marks', async () => {
    const { page } = ctx;
    await page.locator(`${HOST} .lang-btn`, { hasText: 'English' }).click();
    assert.equal(await page.locator(`${HOST} #yc-scenario-title`).textContent(), 'What-if scenario');
    assert.equal(await tableCell(page, '表7', '201', '支出总计'), '9,307|marked|published 9,207, now 9,307, +100');
    assert.equal(await amountField(page, '节能减排').inputValue(), '270');
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
    assert.equal(await page.locator(`${HOST} #yc-scenario-title`).textContent(), '方案测算');
  });

  test('logs no console errors, page errors or failed requests', () => {
    assert.deepEqual(ctx.errors, []);
  });
});

describe('what-if when the browser refuses local storage', () => {
  let ctx;

  before(async () => {
    ctx = await openPage();
    await ctx.page.addInitScript(() => {
      const refuse = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      Storage.prototype.setItem = refuse;
    });
    await ctx.page.reload();
    await waitReady(ctx.page);
    // The first load was cut short by the reload (an aborted wasm request): not an error.
    ctx.errors.length = 0;
  });

  after(async () => {
    await ctx?.close();
  });

  test('saving says why it failed and the calculator keeps working', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await page.locator(HOST).getByLabel('方案名称').fill('甲');
    await page.locator(HOST).getByRole('button', { name: '保存方案' }).click();
    assert.match(await page.locator(`${HOST} .sc-manage`).innerText(), /浏览器本地存储不可用/);
    await setAmount(page, '节能减排', '70');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    assert.deepEqual(ctx.errors, []);
  });
});

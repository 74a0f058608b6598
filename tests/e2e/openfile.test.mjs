// 打开预算文件: a reader opens their own published text (.txt) or Yusuan JSON (.json) from the
// page. Bad files are refused in role=alert with the core's reason, and what was on screen
// (the budget and the scenario) stays; a good file replaces the budget and says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HOST, ROOT, amountField, openReady, seedJson, setAmount, stripItem, waitFor } from './helpers.mjs';

const SEED_TEXT = await readFile(new URL('data/longgang-iit-2022-budget.txt', `file://${ROOT}`), 'utf8');
const OTHER = '深圳市龙岗区测试局';
/** The seed publication as another department's: the name replaced everywhere. */
const OTHER_TEXT = SEED_TEXT.split('深圳市龙岗区工业和信息化局').join(OTHER);

const title = (page) => page.locator(`${HOST} .overview__title`).textContent();
const openAlert = (page) => page.locator(`${HOST} .open [role="alert"]`).allTextContents().then((a) => a.join(' '));
const openStatus = (page) => page.locator(`${HOST} .open [role="status"]`).textContent();

/** What the core itself says about a bad budget, in the language the page should show. */
function coreMessage(page, text, lang) {
  return page.evaluate(
    async ({ text, lang }) => {
      const { default: init, Calculator } = await import('./pkg/yusuan.js');
      await init();
      try {
        Calculator.fromJson(text).free();
        return null;
      } catch (err) {
        return lang === 'en' ? (err.messageEn ?? err.message) : err.message;
      }
    },
    { text, lang },
  );
}

describe('opening a budget file from the page', () => {
  let ctx;
  let file;

  before(async () => {
    ctx = await openReady();
    file = ctx.page.locator(HOST).getByLabel('打开预算文件');
  });

  after(async () => {
    await ctx?.close();
  });

  test('the file input is labelled, takes .txt, .json, PDFs and workbooks, says the limits and is reachable by keyboard', async () => {
    const { page } = ctx;
    assert.equal(await file.getAttribute('type'), 'file');
    assert.match(await file.getAttribute('accept'), /^\.txt,\.json\b/);
    assert.match(await page.locator(`${HOST} #yc-open-hint`).textContent(), /^部门预算的 PDF、Excel 工作簿（\.xlsx、\.xls）、\.ods、\.csv（不超过 32 MB），或公开文本（\.txt）、Yusuan JSON（\.json，不超过 8 MB）。一份公开分成几个文件时（如公开文件和公开表），可一起选择。文件只在本机浏览器中读取，不会上传。$/);
    assert.equal(await file.getAttribute('multiple'), '', 'several files of one publication');
    assert.match(await file.getAttribute('accept'), /\.pdf,\.xlsx,\.xls,\.ods,\.csv/);
    // Backwards from the language buttons: the paste box's summary, then the file input.
    await page.locator(`${HOST} .lang-btn`).first().focus();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.className, HOST), 'open__paste-summary');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.id, HOST), 'yc-open-file');
  });

  test('a file over 8 MB is refused at once, with its size and the limit; nothing changes', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await file.setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(8 * 1024 * 1024 + 1, 0x41) });
    await waitFor(() => openAlert(page), /^文件“huge\.txt”过大（8\.0 MB），预算文件不能超过 8 MB。未打开，当前预算不变。$/, 'the refusal');
    assert.equal(await title(page), '2022 年深圳市龙岗区工业和信息化局 部门预算');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
  });

  test('a file the core cannot read: role=alert with the core\'s reason; budget and scenario untouched', async () => {
    const { page } = ctx;
    const bad = '{"title": "x", "department": 1}';
    const reason = await coreMessage(page, bad, 'zh');
    assert.ok(reason, 'the core refuses this JSON');
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const shown = await waitFor(() => openAlert(page), /^无法打开“bad\.json”：/, 'the refusal');
    assert.equal(shown, `无法打开“bad.json”：${reason.replace(/[。.]$/, '')}。当前预算和方案不变。`);
    assert.equal(await title(page), '2022 年深圳市龙岗区工业和信息化局 部门预算');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    assert.equal(await amountField(page, '节能减排').inputValue(), '170');

    // Published text that is not a budget.
    await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是预算。\n') });
    await waitFor(() => openAlert(page), /^无法打开“notes\.txt”：.+。当前预算和方案不变。$/, 'not a budget');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');

    // In English: the core's English message when it gives one.
    await page.locator(`${HOST} .lang-btn`, { hasText: 'English' }).click();
    const reasonEn = await coreMessage(page, bad, 'en');
    await page.locator(HOST).getByLabel('Open a budget file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await waitFor(() => openAlert(page), /^Cannot open “bad\.json”: /, 'the English refusal');
    assert.equal(await openAlert(page), `Cannot open “bad.json”: ${reasonEn.replace(/[。.]$/, '')}. The current budget and scenario are unchanged.`);
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
  });

  test('a published text file replaces the budget and the page says so', async () => {
    const { page } = ctx;
    await file.setInputFiles({ name: '测试局预算.txt', mimeType: 'text/plain', buffer: Buffer.from(OTHER_TEXT) });
    await waitFor(() => title(page), new RegExp(`^2022 年${OTHER} 部门预算$`), 'the new title');
    assert.equal(await openStatus(page), `已打开“测试局预算.txt”：2022 年${OTHER} 部门预算。`);
    assert.equal(await openAlert(page), '', 'the earlier refusal is gone');
    await waitFor(() => page.locator(`${HOST} [aria-live="polite"]`).first().textContent(), /^已打开“测试局预算\.txt”/, 'the announcement');
    // The tables and the what-if panel are those of the new budget (its own published figures).
    assert.match(await page.locator(`${HOST} table.budget-table caption`).first().innerText(), /表|第七部分/);
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    await setAmount(page, '电力管理', '1,938');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    assert.deepEqual(ctx.errors, []);
  });

  test('the opened file survives a trap of the core (rebuilt from the file\'s text)', async () => {
    const { page } = ctx;
    await page.evaluate((host) => document.querySelector(host).abortCoreForTesting(), HOST);
    await waitFor(() => page.locator(`${HOST} .core-alert`).innerText(), /已重新启动并恢复您的 1 项修改/, 'the alert');
    assert.equal(await title(page), `2022 年${OTHER} 部门预算`);
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,779（+200）');
    assert.match(await page.locator(`${HOST} [data-section="tables"]`).innerText(), new RegExp(`部门名称：${OTHER}`));
    assert.equal(ctx.errors.length, 1, ctx.errors.join('\n'));
    ctx.errors.length = 0;
  });

  test('a Yusuan JSON file replaces the budget', async () => {
    const { page } = ctx;
    const json = await seedJson(page);
    const b = JSON.parse(json);
    b.title = '2022 年示例局 部门预算';
    b.department = '示例局';
    await file.setInputFiles({ name: 'example.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(b)) });
    await waitFor(() => title(page), /^2022 年示例局 部门预算$/, 'the JSON budget');
    assert.equal(await openStatus(page), '已打开“example.json”：2022 年示例局 部门预算。');
    assert.equal(await page.locator(`${HOST} .facts .fact dd`).first().textContent(), '示例局');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579（未变）');
    assert.deepEqual(ctx.errors, []);
  });

  test('another publication\'s layout (tables renumbered, cells aligned by spaces) opens and is checked', async () => {
    const { page } = ctx;
    // The seed as pdftotext -layout gives another template: 表7 is 三公, cells padded by spaces.
    const renumber = { 6: 4, 7: 5, 8: 7, 9: 8, 10: 9, 11: 10 };
    const layout = SEED_TEXT.split('\n')
      .map((l) => {
        const m = /^表 (\d+)$/.exec(l);
        if (m) return `表 ${renumber[m[1]] ?? m[1]}`;
        if (!l.includes('\t')) return l;
        return l.split('\t').map((c, i, all) => (i + 1 < all.length ? c + ' '.repeat(Math.max(24 - c.length, 2)) : c)).join('').trimEnd();
      })
      .join('\n')
      .replace('\n支出总表\n', '\n部门支出总表\n');
    await file.setInputFiles({ name: 'layout.txt', mimeType: 'text/plain', buffer: Buffer.from(layout) });
    await waitFor(() => openStatus(page), /^已打开“layout\.txt”/, 'opened');
    const calc = page.locator(HOST);
    await calc.getByText('84,579').first().waitFor({ state: 'visible', timeout: 10000 });
    const findings = await page.locator(`${HOST} [data-section="findings"]`).innerText();
    assert.match(findings, /未发现不一致。/, `no mismatch: ${findings.slice(0, 300)}`);
    assert.match(findings, /一致\s*[1-9]\d+ 项/, 'the figures checked are counted');
    assert.match(await page.locator(`${HOST} [data-section="tables"]`).innerText(), /一般公共预算“三公”经费支出表/);
    // Put back in columns, it reads by the template, finding for finding as the seed (331
    // consistent), and the officer's what-if works on it: a project of 2011302 is a field; its
    // 项, 款, 类 and the total follow.
    assert.match(findings, /一致\s*331 项/, 'read as the seed is');
    await setAmount(page, '节能减排', '170');
    await waitFor(() => stripItem(page, 'total'), /84,579→84,679/, 'the total follows');
    const tables = await page.locator(`${HOST} [data-section="tables"]`).innerText();
    assert.match(tables, /9,307/, 'the 类 201 follows in the tables');
    assert.deepEqual(ctx.errors, []);
  });

  test('a budget officer opens the office\'s workbook: the opener loads then, the tables are read and checked', async () => {
    const { page } = ctx;
    const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/pkg-open/')));
    assert.equal(await loaded(), false, 'no byte of the opener before a workbook is opened');
    const xlsx = await readFile(new URL('crates/sheet/fixtures/seed.xlsx', `file://${ROOT}`));
    await file.setInputFiles({ name: '龙岗工信局2022预算.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await waitFor(() => openStatus(page), /^已打开“龙岗工信局2022预算\.xlsx”：深圳市龙岗区工业和信息化局2022年部门预算。$/, 'opened');
    assert.equal(await loaded(), true, 'the opener was fetched for it');
    const calc = page.locator(HOST);
    await calc.getByText('84,579').first().waitFor({ state: 'visible', timeout: 10000 });
    const findings = await page.locator(`${HOST} [data-section="findings"]`).innerText();
    assert.match(findings, /未发现不一致。/, `no mismatch: ${findings.slice(0, 300)}`);
    assert.match(findings, /一致\s*[1-9]\d+ 项/, 'the figures checked are counted');
    assert.match(await page.locator(`${HOST} [data-section="tables"]`).innerText(), /一般公共预算支出表（按功能分类）/);
    // A stored value its format hides is said, naming the sheet and the cell.
    const stored = await readFile(new URL('crates/sheet/fixtures/seed-stored.xlsx', `file://${ROOT}`));
    await file.setInputFiles({ name: 'stored.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: stored });
    await waitFor(() => openStatus(page), /^已打开“stored\.xlsx”/, 'opened');
    await waitFor(() => page.locator(`${HOST} [data-section="findings"]`).innerText(), /工作表“表7”单元格 D8：存的是 3701\.6，按数字格式显示为 3,702/, 'the note');
    // A damaged workbook is refused with the reason; the budget stays.
    const corrupt = await readFile(new URL('crates/sheet/fixtures/corrupt.xlsx', `file://${ROOT}`));
    await file.setInputFiles({ name: 'corrupt.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: corrupt });
    await waitFor(() => openAlert(page), /^无法打开“corrupt\.xlsx”：.*已损坏/, 'refused');
    assert.match(await title(page), /工业和信息化局2022年部门预算/, 'the budget stays');
    assert.deepEqual(ctx.errors, []);
  });

  test('a public reader drops a budget PDF on the page: its tables are read and checked; a scan is refused', async () => {
    const { page } = ctx;
    const pdf = await readFile(new URL('crates/pdf/fixtures/seed-libreoffice.pdf', `file://${ROOT}`));
    await file.setInputFiles({ name: '龙岗工信局2022年部门预算.pdf', mimeType: 'application/pdf', buffer: pdf });
    await waitFor(() => openStatus(page), /^已打开“龙岗工信局2022年部门预算\.pdf”：/, 'opened');
    assert.match(await title(page), /工业和信息化局/);
    await page.locator(HOST).getByText('84,579').first().waitFor({ state: 'visible', timeout: 10000 });
    const findings = await page.locator(`${HOST} [data-section="findings"]`).innerText();
    assert.match(findings, /未发现不一致。/, `no mismatch: ${findings.slice(0, 300)}`);
    assert.match(findings, /一致\s*[1-9]\d+ 项/, 'the figures checked are counted');
    assert.match(await page.locator(`${HOST} [data-section="tables"]`).innerText(), /一般公共预算支出表（按功能分类）/);
    // A scan has no text layer: refused at once with that reason; the budget stays.
    const shown = await title(page);
    const scan = await readFile(new URL('crates/pdf/fixtures/scanned.pdf', `file://${ROOT}`));
    await file.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: scan });
    await waitFor(() => openAlert(page), /^无法打开“scan\.pdf”：.*没有文字层（可能是扫描件）/, 'refused');
    assert.equal(await title(page), shown, 'the budget stays');
    // In English too.
    await page.locator(`${HOST} .lang-btn`, { hasText: 'English' }).click();
    await page.locator(HOST).getByLabel('Open a budget file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: scan });
    await waitFor(() => openAlert(page), /^Cannot open “scan\.pdf”: .*no text layer \(perhaps a scan\)/, 'the English refusal');
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
    assert.deepEqual(ctx.errors, []);
  });

  test('a publication in two files (its text, then its tables) opens as one when both are chosen', async () => {
    const { page } = ctx;
    const cut = SEED_TEXT.indexOf('\n表 1\n');
    const narrative = SEED_TEXT.slice(0, cut).replace(/\t/g, '    ');
    const tables = SEED_TEXT.slice(cut).replace(/\t/g, '    ');
    await file.setInputFiles([
      { name: '公开文件.txt', mimeType: 'text/plain', buffer: Buffer.from(narrative) },
      { name: '公开表.txt', mimeType: 'text/plain', buffer: Buffer.from(tables) },
    ]);
    await waitFor(() => openStatus(page), /^已打开“公开文件\.txt \+ 公开表\.txt”/, 'opened as one');
    await page.locator(HOST).getByText('84,579').first().waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await title(page), /工业和信息化局/);
    const tablesShown = await page.locator(`${HOST} [data-section="tables"]`).innerText();
    assert.match(tablesShown, /一般公共预算支出表（按功能分类）/, 'the second file\'s tables');
    assert.match(await page.locator(`${HOST} [data-section="findings"]`).innerText(), /未发现不一致。/);
    assert.deepEqual(ctx.errors, []);
  });

  test('a reader pastes a budget\'s text copied from a web page and gets the same reading', async () => {
    const { page } = ctx;
    // Copied from a web page: the breadcrumbs first, then the text, cells one per line.
    const copied = `首页 > 信息公开 > 预决算公开\n${OTHER_TEXT.split('\n').flatMap((l) => (l.includes('\t') ? l.split('\t').filter((c) => c.trim()) : [l])).join('\n')}`;
    const calc = page.locator(HOST);
    await calc.getByText('或粘贴文本').click();
    const area = calc.getByLabel('粘贴预算文本');
    await area.fill(copied);
    await calc.getByRole('button', { name: '读取粘贴的文本' }).click();
    await waitFor(() => openStatus(page), /^已打开“粘贴的文本\.txt”/, 'opened');
    assert.match(await title(page), new RegExp(OTHER));
    await calc.getByText('84,579').first().waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await page.locator(`${HOST} [data-section="findings"]`).innerText(), /未发现不一致。/);
    // Text that is no budget is refused with the reason; the budget stays.
    await area.fill('今天天气很好。');
    await calc.getByRole('button', { name: '读取粘贴的文本' }).click();
    await waitFor(() => openAlert(page), /无法打开“粘贴的文本\.txt”：.*不像部门预算/, 'refused');
    assert.match(await title(page), new RegExp(OTHER), 'the budget stays');
    assert.deepEqual(ctx.errors, []);
  });
});

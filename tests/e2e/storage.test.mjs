// Local storage that fails: full to its quota, or blocked. The reader is told why a scenario
// was not saved, what was saved before stays as it was, and the scenario can still leave the
// browser as a file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HOST, amountField, openPage, setAmount, stripItem, waitFor, waitReady } from './helpers.mjs';

const TITLE = '2022 年深圳市龙岗区工业和信息化局 部门预算';
const STORE_KEY = `yusuan:scenarios:${TITLE}`;

const saveMsg = (page) => page.locator(`${HOST} .sc-manage .sc-msg`).first();

async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(HOST).getByRole('button', { name: '导出方案（JSON）' }).click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

async function save(page, name) {
  await page.locator(HOST).getByLabel('方案名称').fill(name);
  await page.locator(HOST).getByRole('button', { name: '保存方案' }).click();
}

describe('what-if when local storage is full', () => {
  let ctx;

  before(async () => {
    ctx = await openPage();
    await waitReady(ctx.page);
  });

  after(async () => {
    await ctx?.close();
  });

  test('saving says storage is full, the saved scenario is intact, export still works', async () => {
    const { page } = ctx;
    await setAmount(page, '节能减排', '170');
    await save(page, '甲');
    assert.equal(await saveMsg(page).textContent(), '已保存方案“甲”。');
    const stored = await page.evaluate((key) => localStorage.getItem(key), STORE_KEY);
    assert.deepEqual(Object.keys(JSON.parse(stored)), ['甲']);

    // Fill the origin's storage to its quota: big strings, then smaller ones, until even one
    // character does not fit.
    const filled = await page.evaluate(() => {
      let chunk = 'x'.repeat(1 << 20);
      let n = 0;
      let refusal = '';
      while (chunk.length > 0) {
        try {
          localStorage.setItem(`filler:${n++}`, chunk);
        } catch (err) {
          refusal = err.name;
          chunk = chunk.slice(0, chunk.length >> 1);
        }
      }
      let probe = 'fits';
      try {
        localStorage.setItem('probe', 'xx');
      } catch (err) {
        probe = err.name;
      }
      return { refusal, probe, used: Object.keys(localStorage).length };
    });
    assert.equal(filled.refusal, 'QuotaExceededError');
    assert.equal(filled.probe, 'QuotaExceededError', 'the storage is full');

    // Another edit, then save it under another name.
    await setAmount(page, '电力管理', '1,938');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,779（+200）', 'the calculator keeps working');
    await save(page, '乙');
    const msg = saveMsg(page);
    await waitFor(() => msg.textContent(), /^浏览器本地存储空间已满，方案“乙”未能保存；已保存的方案不受影响。/, 'the refusal');
    assert.equal(await msg.getAttribute('role'), 'alert');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORE_KEY), stored, 'the saved scenarios are unchanged');
    assert.deepEqual(await page.locator(`${HOST} .sc-saved__name`).allTextContents(), ['甲']);
    assert.doesNotMatch(await page.locator(`${HOST} .sc-status`).innerText(), /“乙”/, 'not shown as the active scenario');

    // The way out: a file, with both edits.
    const json = await exportJson(page);
    assert.equal(json.format, 'yusuan-scenario');
    assert.equal(json.budget, TITLE);
    assert.deepEqual(Object.keys(json.edits).sort(), ['project:p01', 'project:p03']);
    assert.equal(json.edits['project:p01'], '170');
    assert.match(json.edits['project:p03'], /^1,?938$/);
    assert.deepEqual(ctx.errors, []);
  });

  test('after a reload (storage still full) the saved scenario is listed and loads', async () => {
    const { page } = ctx;
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await page.locator(`${HOST} .sc-saved__name`).allTextContents(), ['甲']);
    const reset = page.locator(HOST).getByRole('button', { name: '恢复公开数' });
    if (await reset.isEnabled()) await reset.click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
    await page.locator(HOST).getByRole('button', { name: '载入方案“甲”' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'loaded');
    assert.equal(await amountField(page, '节能减排').inputValue(), '170');
    assert.equal(await amountField(page, '电力管理').inputValue(), '1,838');
    // Deleting scenarios frees room: then saving works again.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith('filler:')) localStorage.removeItem(key);
    });
    await setAmount(page, '电力管理', '1,938');
    await save(page, '乙');
    await waitFor(() => saveMsg(page).textContent(), /^已保存方案“乙”。$/, 'saved once there is room');
    assert.equal(await saveMsg(page).getAttribute('role'), 'status');
    assert.deepEqual((await page.locator(`${HOST} .sc-saved__name`).allTextContents()).sort(), ['乙', '甲']);
    assert.deepEqual(ctx.errors, []);
  });
});

describe('what-if when the browser blocks local storage (SecurityError)', () => {
  let ctx;

  before(async () => {
    ctx = await openPage();
    // As Chromium does when the reader blocks site data: touching localStorage throws.
    await ctx.page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
        },
      });
    });
    await ctx.page.reload();
    await waitReady(ctx.page);
    ctx.errors.length = 0; // the first load was cut short by the reload
  });

  after(async () => {
    await ctx?.close();
  });

  test('saving says storage is not available; export to a file and the share link still work', async () => {
    const { page } = ctx;
    assert.equal(await page.evaluate(() => {
      try {
        return typeof window.localStorage;
      } catch (err) {
        return err.name;
      }
    }), 'SecurityError');
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await save(page, '甲');
    const msg = saveMsg(page);
    await waitFor(() => msg.textContent(), /^浏览器本地存储不可用（.*Access is denied.*），方案无法保存在本机；仍可导出为文件或复制分享链接。$/, 'the refusal');
    assert.equal(await msg.getAttribute('role'), 'alert');
    assert.deepEqual(await page.locator(`${HOST} .sc-saved__name`).allTextContents(), []);

    const json = await exportJson(page);
    assert.deepEqual(json.edits, { 'project:p01': '170' });
    assert.match(await page.locator(HOST).getByLabel('分享链接').inputValue(), /#s=f;project:p01=170$/);
    // And a file imports back without storage.
    await page.locator(HOST).getByRole('button', { name: '恢复公开数' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
    await page.locator(HOST).getByLabel('导入方案（JSON 文件）').setInputFiles({ name: '甲.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'imported');
    assert.deepEqual(ctx.errors, []);
  });
});

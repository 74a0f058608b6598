// The narrative's numbers, traced both ways, as a reader would: open a claim and see the cells
// it rests on highlighted; activate a table figure and see every place that prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './helpers.mjs';

const HOST = 'yusuan-calculator';

test('claims in the narrative and the places a figure is printed', async (t) => {
  const { page, errors, close } = await openPage();
  try {
    await page.locator(`${HOST} .narrative`).waitFor();

    await t.test('every numeric claim shows its verdict as text, not colour alone', async () => {
      const counts = await page.locator(`${HOST} .narrative-counts`).innerText();
      assert.match(counts, /共 \d+ 处数字：相符 \d+/);
      const claim = page.locator(`${HOST} .narrative button.claim`, { hasText: '增长22%' }).first();
      assert.match(await claim.getAttribute('aria-label'), /增长22%：相符/);
      assert.equal(await claim.locator('.claim-icon').innerText(), '✓');
      const slip = page.locator(`${HOST} .narrative button.claim-note`, { hasText: '80 元' });
      assert.equal(await slip.count(), 1, 'the 80 元 unit slip is marked as a note');
    });

    await t.test('opening a claim shows the computation and highlights its cells', async () => {
      const claim = page.locator(`${HOST} .narrative button.claim`, { hasText: /^.18万元$/ }).first();
      await claim.focus();
      await page.keyboard.press('Enter');
      assert.equal(await claim.getAttribute('aria-expanded'), 'true');
      const detail = page.locator(`${HOST} #${await claim.getAttribute('aria-controls')}`);
      assert.match(await detail.innerText(), /18万元 = 表8 “三公”经费总计 18/);
      const marked = await page.evaluate((host) => {
        const root = document.querySelector(host).shadowRoot;
        return [...root.querySelectorAll('.is-marked')].map((el) => [el.dataset.cell, el.textContent]);
      }, HOST);
      assert.deepEqual(marked, [['t8:1:2', '18']], 'the 表8 2022 总计 cell');
      const focused = await page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.dataset.cell, HOST);
      assert.equal(focused, 't8:1:2');
    });

    await t.test('activating a table figure lists every place that prints it', async () => {
      const cell = page.locator(`${HOST} td[data-cell="t3:0:2"]`);
      assert.equal(await cell.innerText(), '5,738');
      await cell.focus();
      await page.keyboard.press('Enter');
      const places = page.locator(`${HOST} .places`);
      await places.waitFor();
      const text = await places.innerText();
      assert.match(text, /此数字的出处与核对/);
      assert.match(text, /尾数误差.*5,738 ≠ .*5,737/s, 'the 表7 5,737 rounding difference');
      assert.match(text, /基本支出 = 人员支出 \+ 公用支出 \+ 对个人和家庭的补助：5,738 = 3,973 \+ 1,319 \+ 446/);
      const focused = await page.evaluate((host) => document.querySelector(host).shadowRoot.activeElement?.id, HOST);
      assert.equal(focused, 'yc-places-title', 'focus moves to the list');
    });

    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

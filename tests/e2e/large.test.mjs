// A large budget (the seed's narrative repeated to about 2 MB: some 7,000 findings and 5,800
// claims) opens from the page, and its long lists are built a page at a time: each group of
// findings shows 200 with a button for the next ones, the collapsed ok group is built when it
// is opened, the narrative shows 300 paragraphs at a time. (`make bench` times the largest file
// the page accepts, tests/e2e/largest.mjs.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HOST, ROOT, openPage, waitReady } from './helpers.mjs';

const seed = await readFile(new URL('data/longgang-iit-2022-budget.txt', `file://${ROOT}`), 'utf8');
const start = seed.indexOf('\n第一部分') + 1;
const end = seed.lastIndexOf('\n二、表格部分\n') + 1;
const COPIES = 33;
const big = Buffer.from(seed.slice(0, start) + seed.slice(start, end).repeat(COPIES) + seed.slice(end));

describe('a 2 MB budget: long lists built a page at a time', () => {
  let ctx;
  const count = (sel) => ctx.page.locator(`${HOST} ${sel}`).count();

  before(async () => {
    ctx = await openPage();
    await waitReady(ctx.page);
    await ctx.page.locator(HOST).getByLabel('打开预算文件').setInputFiles({ name: 'large.txt', mimeType: 'text/plain', buffer: big });
    await ctx.page.locator(`${HOST} .open [role="status"]`).filter({ hasText: 'large.txt' }).waitFor({ timeout: 60_000 });
    await waitReady(ctx.page);
  });

  after(async () => {
    await ctx?.close();
  });

  test('a group of findings shows 200 and a button for the next 200; the button adds them and moves focus', async () => {
    const { page } = ctx;
    const group = page.locator(`${HOST} .group[data-status="unverifiable"]`);
    const total = Number((await group.locator('.group__count').textContent()).replace(/\D/g, ''));
    assert.ok(total > 400, `unverifiable findings: ${total}`);
    assert.equal(await group.locator('.finding').count(), 200);
    const more = group.getByRole('button', { name: `再显示 200 项（还有 ${total - 200} 项）` });
    await more.click();
    assert.equal(await group.locator('.finding').count(), 400);
    assert.equal(
      await page.evaluate((host) => {
        const root = document.querySelector(host).shadowRoot;
        const items = root.querySelectorAll('.group[data-status="unverifiable"] .finding');
        return root.activeElement === items[200];
      }, HOST),
      true,
      'focus on the first finding added',
    );
    await group.getByRole('button', { name: `再显示 200 项（还有 ${total - 400} 项）` }).waitFor();
  });

  test('the collapsed ok group is built when it is opened', async () => {
    const { page } = ctx;
    const group = page.locator(`${HOST} .group[data-status="ok"]`);
    assert.equal(await group.locator('.finding').count(), 0);
    await group.locator('summary').click();
    await group.locator('.finding').nth(199).waitFor();
    assert.equal(await group.locator('.finding').count(), 200);
    assert.equal(await group.locator('.finding-more').isVisible(), true);
  });

  test('the narrative counts every claim and shows 300 paragraphs, then the next ones', async () => {
    const { page } = ctx;
    const counts = await page.locator(`${HOST} .narrative-counts`).textContent();
    const total = Number(counts.match(/共 (\d+) 处数字/)[1]);
    assert.equal(total, COPIES * 109, counts); // the seed's 109 claims in every copy
    assert.equal(await count('.narrative-paragraph'), 300);
    const more = page.locator(`${HOST} .narrative-more`);
    assert.match(await more.textContent(), /^再显示 300 段（还有 \d+ 段）$/);
    await more.click();
    assert.equal(await count('.narrative-paragraph'), 600);
  });
});

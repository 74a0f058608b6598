// Hostile data: budgets whose names and sentences are markup and script, share links and
// scenario files that reach for Object.prototype, and oversized ones. Nothing may run, nothing
// may be fetched from elsewhere, nothing may change that the reader did not change; markup
// shows as the characters it is made of. The budgets are made from the seed at test time
// (fixtures/hostile.mjs) and served on the page's own origin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HOST, ROOT, amountField, openPage, setAmount, seedJson, stripItem, waitFor, waitReady } from './helpers.mjs';
import { ALL, IMG, JS_URL, SCRIPT, SENTENCE, SVG, hostileJson, hostileText } from './fixtures/hostile.mjs';

const SEED_TEXT = await readFile(new URL('data/longgang-iit-2022-budget.txt', `file://${ROOT}`), 'utf8');

/** Everything in the page that would show markup from data was parsed, or script ran. */
function inspect(page) {
  return page.evaluate((host) => {
    const el = document.querySelector(host);
    const root = el.shadowRoot;
    const all = [...root.querySelectorAll('*'), ...document.querySelectorAll('*')];
    // The what-if panel's charts (chart.js) are our own SVG: an <svg class="ch-svg"> straight in
    // a chart's canvas, made only of these elements (data in them is text).
    const CHART_PARTS = new Set(['title', 'desc', 'g', 'text', 'tspan', 'rect', 'line']);
    const chart = (n) => n.tagName.toLowerCase() === 'svg' && n.classList.contains('ch-svg') && n.parentElement?.classList.contains('ch-canvas');
    const inChart = [...root.querySelectorAll('.ch-canvas > svg.ch-svg *')].filter((n) => !CHART_PARTS.has(n.tagName.toLowerCase()));
    return {
      pwned: typeof window.__pwned,
      polluted: typeof {}.polluted,
      // Elements no part of our interface makes: only data parsed as HTML would bring them.
      foreign: [...all.filter((n) => ['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED'].includes(n.tagName.toUpperCase()) && !chart(n)), ...inChart].map((n) => n.outerHTML.slice(0, 80)),
      scripts: [...root.querySelectorAll('script')].length + [...document.body.querySelectorAll('script')].length,
      handlers: all.flatMap((n) => [...n.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${n.tagName} ${a.name}`)),
      hrefs: [...root.querySelectorAll('[href]')].map((n) => n.getAttribute('href')).filter((h) => !/^#|^blob:|\.css$/.test(h)),
      cookie: document.cookie,
      violations: window.__violations ?? null,
    };
  }, HOST);
}

async function assertInert(page, what) {
  const r = await inspect(page);
  assert.equal(r.pwned, 'undefined', `${what}: a script from data ran`);
  assert.equal(r.polluted, 'undefined', `${what}: Object.prototype was polluted`);
  assert.deepEqual(r.foreign, [], `${what}: elements from data`);
  assert.equal(r.scripts, 0, `${what}: <script> elements in the page body or the element`);
  assert.deepEqual(r.handlers, [], `${what}: inline event handlers`);
  assert.deepEqual(r.hrefs, [], `${what}: links other than in-page anchors`);
  assert.equal(r.cookie, '', `${what}: cookies`);
  assert.deepEqual(r.violations, [], `${what}: CSP violations`);
}

const text = (page, selector) => page.locator(`${HOST} ${selector}`).first().textContent();

/** The narrative's paragraphs as a reader reads them: without the verdict icons and the (hidden) computations. */
function narrativeText(page) {
  return page.evaluate(
    (host) =>
      [...document.querySelector(host).shadowRoot.querySelectorAll('.narrative-paragraph')].map((p) => {
        const copy = p.cloneNode(true);
        for (const n of copy.querySelectorAll('.claim-icon, .claim-detail')) n.remove();
        return copy.textContent;
      }),
    HOST,
  );
}

describe('hostile data', () => {
  let ctx;
  let origin;
  let hostile;
  const dialogs = [];
  const elsewhere = [];
  const cspConsole = [];

  before(async () => {
    ctx = await openPage();
    const { page } = ctx;
    origin = new URL(ctx.url).origin;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) elsewhere.push(url);
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspConsole.push(m.text());
    });
    // CSP violations, as the page itself sees them.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await waitReady(page);
    ctx.errors.length = 0; // the first load was cut short by the reload

    hostile = hostileJson(await seedJson(page));
    // Served on the page's own origin.
    await page.route(`${origin}/hostile/budget.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: hostile.json }));
    await page.route(`${origin}/hostile/budget.txt`, (route) => route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: hostileText(SEED_TEXT) }));
  });

  after(async () => {
    await ctx?.close();
  });

  test('a hostile JSON budget (src attribute): every payload shows as text, none runs', async () => {
    const { page } = ctx;
    await page.evaluate((host) => document.querySelector(host).setAttribute('src', 'hostile/budget.json'), HOST);
    await page.waitForFunction((host) => document.querySelector(host).state === 'loading', HOST).catch(() => {});
    await waitReady(page);
    assert.equal(await text(page, '.facts .fact dd'), SVG, 'the department');
    assert.equal(await text(page, '.overview__title'), `2022 年${SVG} 部门预算`);
    // 表1's title and its note.
    const t1 = page.locator(`${HOST} #yc-table-t1`);
    assert.equal(await t1.locator('.caption__name').textContent(), SCRIPT);
    assert.ok((await page.locator(`${HOST} #yc-table-t1 ~ .table-notes p, ${HOST} #yc-table-t1 .table-notes p`).allTextContents()).includes(SCRIPT), '表1 note');
    assert.match(await t1.locator('.caption__meta').textContent(), new RegExp(`部门名称：${SVG.replace(/[()]/g, '\\$&')}`));
    // The project table of 第七部分: the cell that names the project holds exactly the payload.
    const p7 = await page.evaluate((host) => [...document.querySelector(host).shadowRoot.querySelectorAll('#yc-table-p7 tbody tr > :first-child')].map((c) => c.textContent), HOST);
    assert.ok(p7.includes(IMG), `第七部分 names ${IMG}: ${p7.slice(0, 8)}`);
    // The contents entry of a missing table, in the notice and the table of contents.
    assert.match(await page.locator(`${HOST} .notice--missing`).innerText(), /表2 <img src=x onerror=alert\(1\)>/);
    assert.ok((await page.locator(`${HOST} .toc__missing .toc__title`).allTextContents()).includes(IMG));
    // The narrative sentence, literally.
    assert.ok((await narrativeText(page)).includes(SENTENCE), 'the narrative paragraph shows the sentence as written');
    // The what-if panel: each payload is the label of an amount field.
    assert.equal(await amountField(page, IMG).inputValue(), '70');
    assert.equal(await amountField(page, JS_URL).inputValue(), '170');
    await setAmount(page, IMG, '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await waitFor(() => page.locator(`${HOST} .sc-sentences__changed`).innerText(), /<img src=x onerror=alert\(1\)>预算 170 万元，较 2021 年预算增加 105 万元，增长 162%。/, 'the regenerated sentence');
    await setAmount(page, JS_URL, '1');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,510（-69）');
    // The status, the share link and the names of saved scenarios carry the payload as text too.
    await page.locator(HOST).getByLabel('方案名称').fill(SVG);
    await page.locator(HOST).getByRole('button', { name: '保存方案' }).click();
    // The message first: should the save fail, it says why.
    const saved = `已保存方案“${SVG}”。`;
    await waitFor(() => text(page, '.sc-manage .sc-msg'), { test: (m) => m === saved, toString: () => JSON.stringify(saved) }, 'the save message');
    assert.equal(await page.locator(`${HOST} .sc-saved__name`).first().textContent(), SVG);
    // Everything rendered again in the other language: still inert.
    await page.locator(`${HOST} .lang-btn`, { hasText: 'English' }).click();
    await page.locator(`${HOST} .lang-btn`, { hasText: '中文' }).click();
    await assertInert(page, 'hostile JSON');
  });

  test('a hostile published text opened with the file input (file name included)', async () => {
    const { page } = ctx;
    const name = `${IMG}.txt`;
    await page.locator(HOST).getByLabel('打开预算文件').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(hostileText(SEED_TEXT)) });
    await waitFor(() => text(page, '.open [role="status"]'), /^已打开“/, 'opened');
    assert.equal(await text(page, '.open [role="status"]'), `已打开“${name}”：2022 年深圳市龙岗区工业和信息化局 部门预算。`);
    assert.equal(await amountField(page, IMG).inputValue(), '70');
    const captions = await page.locator(`${HOST} .caption__meta`).allTextContents();
    assert.ok(captions.some((c) => c.includes('部门名称："><svg') && c.includes('onload=alert(1)>')), `the department line as text: ${captions[0]}`);
    assert.ok((await narrativeText(page)).some((p) => p.startsWith(`1. ${IMG}预算 70 万元`)), 'the narrative names the project as written');
    // A bad file whose name is markup: the refusal shows the name as text.
    await page.locator(HOST).getByLabel('打开预算文件').setInputFiles({ name: `${SVG}.json`, mimeType: 'application/json', buffer: Buffer.from('{"__proto__": {"polluted": 1}}') });
    await waitFor(() => page.locator(`${HOST} .open [role="alert"]`).allTextContents().then((a) => a.join('')), /^无法打开“"><svg onload=alert\(1\)>\.json”：/, 'the refusal');
    assert.equal(await amountField(page, IMG).inputValue(), '70', 'the budget stays');
    await assertInert(page, 'hostile text');
  });

  test('share links with __proto__ and constructor.prototype payloads are refused; nothing changes', async () => {
    const { page } = ctx;
    await page.evaluate((host) => document.querySelector(host).removeAttribute('src'), HOST);
    await page.locator(HOST).getByLabel('打开预算文件').setInputFiles({ name: 'seed.txt', mimeType: 'text/plain', buffer: Buffer.from(SEED_TEXT) });
    // The file, not the seed the removed src attribute reloads (both show the same title; the
    // overview shows before the checks): the file's message says it is the one shown.
    await waitFor(() => text(page, '.open [role="status"]'), /^已打开“seed\.txt”/, 'the seed file');
    await waitReady(page);
    await setAmount(page, '节能减排', '170');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    const notice = page.locator(`${HOST} .sc-notice`);
    const cases = [
      ['#s=f;__proto__=1', /“__proto__”不是有效的金额键/],
      ['#s=f;__proto__%5Bpolluted%5D=1', /“__proto__\[polluted\]”不是有效的金额键/],
      ['#s=f;constructor.prototype.polluted=1', /“constructor\.prototype\.polluted”不是有效的金额键/],
      ['#s=c;project:p01=1;constructor=2', /“constructor”不是有效的金额键/],
      ['#s=f;project:p01.__proto__=5', /“project:p01\.__proto__”不是有效的金额键/],
    ];
    for (const [hash, reason] of cases) {
      await page.evaluate((h) => {
        window.location.hash = h;
      }, hash);
      const shown = await waitFor(() => notice.innerText(), /^分享链接无法使用：/, hash);
      assert.match(shown, reason, hash);
      assert.match(shown, /链接中的方案未应用。$/);
      assert.equal(await notice.getAttribute('role'), 'alert', 'a refusal is an alert');
      assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）', `${hash}: the scenario stays`);
      assert.ok(await page.locator(HOST).getByLabel('收入随支出').isChecked(), `${hash}: the balance mode stays`);
      assert.equal(await page.evaluate(() => typeof {}.polluted + typeof Object.prototype.polluted), 'undefinedundefined');
      // The next link must be a change of the fragment again.
      await page.evaluate(() => history.replaceState(null, '', window.location.pathname));
    }
    await assertInert(page, 'share links');
  });

  test('scenario files with __proto__ and constructor.prototype payloads are refused; nothing changes', async () => {
    const { page } = ctx;
    const title = '2022 年深圳市龙岗区工业和信息化局 部门预算';
    const file = page.locator(HOST).getByLabel('导入方案（JSON 文件）');
    const message = page.locator(`${HOST} .sc-manage .sc-msg`).nth(1);
    // Written as text: an object literal would turn "__proto__" into a prototype, not a key.
    const cases = [
      [`{"format":"yusuan-scenario","version":1,"budget":"${title}","edits":{"__proto__":{"polluted":1}}}`, /无法导入：“__proto__”不是有效的金额键/],
      [`{"format":"yusuan-scenario","version":1,"budget":"${title}","edits":{"constructor":{"prototype":{"polluted":1}}}}`, /无法导入：“constructor”不是有效的金额键/],
      [`{"format":"yusuan-scenario","version":1,"budget":"${title}","edits":{"__proto__":"1"}}`, /无法导入：“__proto__”不是有效的金额键/],
      [`{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}`, /无法导入：文件不是 Yusuan 方案/],
      [`{"format":"yusuan-scenario","version":1,"budget":"${title}","edits":{"project:p01":"170","prototype":"1"}}`, /无法导入：“prototype”不是有效的金额键/],
    ];
    for (const [json, reason] of cases) {
      await file.setInputFiles({ name: 'payload.json', mimeType: 'application/json', buffer: Buffer.from(json) });
      await waitFor(() => message.textContent(), reason, json);
      assert.equal(await message.getAttribute('role'), 'alert');
      assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）', `${json}: the scenario stays`);
      assert.equal(await page.evaluate(() => typeof {}.polluted + typeof Object.prototype.polluted), 'undefinedundefined');
      await file.setInputFiles({ name: 'reset.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
      await waitFor(() => message.textContent(), /文件不是 Yusuan 方案/, 'a plain refusal between cases');
    }
    await assertInert(page, 'scenario files');
  });

  test('a scenario may be called "__proto__" or "constructor": saved, listed and loaded like any other', async () => {
    const { page } = ctx;
    for (const name of ['__proto__', 'constructor']) {
      await page.locator(HOST).getByLabel('方案名称').fill(name);
      await page.locator(HOST).getByRole('button', { name: '保存方案' }).click();
      assert.equal(await text(page, '.sc-manage .sc-msg'), `已保存方案“${name}”。`);
    }
    await page.reload();
    await waitReady(page);
    const names = await page.locator(`${HOST} .sc-saved__name`).allTextContents();
    assert.ok(names.includes('__proto__') && names.includes('constructor'), `listed after a reload: ${names}`);
    await page.locator(HOST).getByRole('button', { name: '恢复公开数' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579（未变）$/, 'reset');
    await page.locator(HOST).getByRole('button', { name: '载入方案“__proto__”' }).click();
    await waitFor(() => stripItem(page, 'total'), /^支出总计84,579→84,679（\+100）$/, 'loaded');
    assert.equal(await page.evaluate(() => typeof {}.polluted + typeof Object.prototype.polluted), 'undefinedundefined');
    await assertInert(page, 'scenario names');
  });

  test('an oversized share link and an oversized scenario file are refused; the scenario stays', async () => {
    const { page } = ctx;
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    const big = `#s=f;${'project:p02=1;'.repeat(5000)}`;
    assert.ok(big.length > 64 * 1024);
    await page.evaluate((h) => {
      window.location.hash = h;
    }, big);
    const notice = page.locator(`${HOST} .sc-notice`);
    await waitFor(() => notice.innerText(), /^分享链接无法使用：链接过长（超过 64 KB）。链接中的方案未应用。$/, 'the long link');
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    assert.equal(await amountField(page, '课题调研经费（通用项目）').inputValue(), '170');

    const message = page.locator(`${HOST} .sc-manage .sc-msg`).nth(1);
    await page.locator(HOST).getByLabel('导入方案（JSON 文件）').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    await waitFor(() => message.textContent(), /^无法导入|^文件过大（1\.0 MB），方案文件不能超过 1 MB。$/, 'the big file');
    assert.equal(await message.textContent(), '文件过大（1.0 MB），方案文件不能超过 1 MB。');
    assert.equal(await message.getAttribute('role'), 'alert');
    assert.equal(await stripItem(page, 'total'), '支出总计84,579→84,679（+100）');
    await assertInert(page, 'oversized input');
  });

  test('nothing ran, nothing was fetched from elsewhere, no CSP violation, no cookie', async () => {
    const { page } = ctx;
    assert.deepEqual(dialogs, [], 'dialogs');
    assert.deepEqual(elsewhere, [], 'requests to other origins');
    assert.deepEqual(cspConsole, [], 'CSP reports in the console');
    assert.deepEqual(await page.context().cookies(), [], 'cookies in the context');
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
    assert.deepEqual(ctx.errors, []);
    // Each payload was on screen somewhere, as text.
    assert.ok(ALL.length === 4);
  });
});

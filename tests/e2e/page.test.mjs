// The page as a reader sees it: www/index.html with <yusuan-calculator> (open shadow root)
// showing the embedded seed budget, its tables and the reconciliation findings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './helpers.mjs';

const TIMEOUT = 20_000;
let app;
let calc; // the <yusuan-calculator> element; locators below it pierce its shadow root

before(async () => {
  app = await openPage('');
  calc = app.page.locator('yusuan-calculator');
  // Wait for the shadow root to hold rendered content (not just a <style>).
  const rendered = app.page.waitForFunction(
    () =>
      [...(document.querySelector('yusuan-calculator')?.shadowRoot?.children ?? [])].some(
        (el) => !['STYLE', 'LINK', 'SCRIPT', 'TEMPLATE'].includes(el.tagName) && el.textContent.trim() !== '',
      ),
    null,
    { timeout: TIMEOUT },
  );
  await rendered.catch((err) => {
    throw new Error(
      `<yusuan-calculator> at ${app.url} rendered nothing: ${err.message}\n` +
        `errors in the page: ${JSON.stringify(app.errors, null, 2)}`,
    );
  });
});

after(async () => {
  await app?.close();
});

/** What the wasm API itself says about the seed, read in the page (docs/js-api.md). */
function seedFacts() {
  return app.page.evaluate(async () => {
    const { default: init, Calculator } = await import('./pkg/yusuan.js');
    await init();
    const seed = await (await fetch('./data/longgang-iit-2022-budget.txt')).text();
    const c = Calculator.fromText(seed, 'longgang-iit-2022-budget.txt');
    try {
      return { overview: c.overview(), tables: c.tables().length, summary: c.findings().summary };
    } finally {
      c.free();
    }
  });
}

test('shows the department and the total 84,579', async () => {
  const { overview } = await seedFacts();
  assert.equal(overview.totalIncome, '84,579');
  await calc.getByText('84,579').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await calc.getByText(overview.department).first().waitFor({ state: 'visible', timeout: TIMEOUT });
});

test('renders every table as a <table> with a <caption>', async () => {
  const { tables } = await seedFacts();
  assert.ok(tables > 0);
  // The budget's own tables (the what-if charts' tables, under a closed <details>, come first).
  const captioned = calc.locator('table.budget-table').filter({ has: app.page.locator('caption') });
  await captioned.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  assert.ok((await captioned.count()) >= tables, `expected at least ${tables} captioned tables`);
});

test('shows the findings with a count for each status', async () => {
  const { summary } = await seedFacts();
  // The findings live in a <section data-section="findings"> (or a region whose name says 核查/核对/发现/Findings).
  const findings = calc
    .locator('[data-section="findings"]')
    .or(calc.getByRole('region', { name: /核查|核对|发现|findings/i }))
    .first();
  await findings.waitFor({ state: 'visible', timeout: TIMEOUT });
  const text = await findings.innerText();
  for (const [status, count] of Object.entries(summary)) {
    if (count > 0) {
      assert.match(text, new RegExp(`(^|\\D)${count}(\\D|$)`), `count of ${status} (${count}) not shown`);
    }
  }
});

test('logs no console errors, page errors or failed requests', () => {
  assert.deepEqual(app.errors, []);
});

test('the page\'s code and wasm arrive compressed from make serve (gzip), and decode to what was built', async () => {
  const sizes = await app.page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => /\/pkg\/yusuan_bg\.wasm$|\/yusuan-calculator\.js$/.test(new URL(e.name).pathname))
      .map((e) => ({ name: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
  );
  const wasm = sizes.find((s) => s.name.endsWith('.wasm'));
  assert.ok(wasm, JSON.stringify(sizes));
  assert.ok(wasm.encoded > 0 && wasm.encoded < wasm.decoded * 0.5, `the wasm is compressed: ${JSON.stringify(wasm)}`);
  const js = sizes.find((s) => s.name.endsWith('.js'));
  assert.ok(js && js.encoded < js.decoded, `the script is compressed: ${JSON.stringify(js)}`);
});

test('the first screen shows the total before the checks are done, then the checks', async () => {
  const { page } = app;
  // Every frame until the element is ready: was the total on screen while the checks' summary
  // was not yet, and what did the findings section say then?
  await page.addInitScript(() => {
    const seen = { totalBeforeChecks: false, pending: '' };
    window.__firstScreen = seen;
    const tick = () => {
      const el = document.querySelector('yusuan-calculator');
      const root = el?.shadowRoot;
      const total = root?.querySelector('[data-section="overview"] .card[data-key="total"] .card__num')?.textContent;
      if (total === '84,579' && !root.querySelector('[data-section="findings"] .summary')) {
        seen.totalBeforeChecks = true;
        seen.pending = root.querySelector('[data-section="findings"] [role="status"]')?.textContent ?? '';
      }
      if (el?.state !== 'ready') requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('yusuan-calculator')?.state === 'ready', null, { timeout: TIMEOUT });
  const seen = await page.evaluate(() => window.__firstScreen);
  assert.equal(seen.totalBeforeChecks, true, 'the total was shown before the checks');
  assert.match(seen.pending, /正在逐项核对/);
  // Once ready, the checks are there, counted.
  await calc.locator('[data-section="findings"] .summary').waitFor({ timeout: TIMEOUT });
  assert.match(await calc.locator('[data-section="findings"] .verdict').first().textContent(), /不一致/);
});

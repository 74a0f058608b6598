// Shared set-up for the browser end-to-end tests: serve www/ with scripts/serve.py on a
// free port, drive Debian's Chromium through playwright-core (never a downloaded browser),
// and record every console error, page error and failed request.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// A fresh --user-data-dir comes with every launch(): playwright makes a temporary profile
// and deletes it on close.

/** Start scripts/serve.py with PORT=0 and resolve once it answers; `url` ends with '/'. */
export async function startServer() {
  // YUSUAN_WWW serves another directory (to try the harness on a stand-in page).
  const dir = process.env.YUSUAN_WWW ? [process.env.YUSUAN_WWW] : [];
  const child = spawn('python3', ['scripts/serve.py', ...dir], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${out}`)), 10_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/ at (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve.py exited with ${code}: ${out}`));
      });
    });
    await waitForHttp(url);
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForHttp(url, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${url} does not answer: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Serve www/, launch Chromium with a fresh context and open `path`.
 * Returns { page, url, errors, close }: `errors` collects console errors, uncaught page
 * errors and failed requests (a 404 for pkg/yusuan_bg.wasm shows up here).
 */
export async function openPage(path = '') {
  const server = await startServer();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.stack ?? err}`));
    page.on('requestfailed', (req) =>
      errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`),
    );
    page.on('response', (res) => {
      if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await page.goto(server.url + path);
    const close = async () => {
      await browser.close();
      await server.stop();
    };
    return { page, url: server.url, errors, close };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading and driving <yusuan-calculator> as a person does (used by the fault tests).

/**
 * The page on the seed, ready (its scenario panel shown), motion reduced, at `width` × `height`
 * when given: what most suites open once in `before`. Closed again if it does not get ready.
 */
export async function openReady({ width, height } = {}) {
  const ctx = await openPage();
  try {
    if (width && height) await ctx.page.setViewportSize({ width, height });
    await ctx.page.emulateMedia({ reducedMotion: 'reduce' });
    await waitReady(ctx.page);
  } catch (err) {
    await ctx.close();
    throw err;
  }
  return ctx;
}

export const HOST = 'yusuan-calculator';

/** Waits until the element is ready (fails with its alert when it shows an error). */
export async function waitReady(page, { scenario = true } = {}) {
  await page.waitForFunction((host) => ['ready', 'error'].includes(document.querySelector(host)?.state), HOST, { timeout: 30_000 });
  const state = await page.evaluate((host) => document.querySelector(host).state, HOST);
  if (state !== 'ready') {
    const alert = await page.locator(`${HOST} .state[role="alert"]`).textContent();
    throw new Error(`the calculator shows an error instead of the budget: ${alert}`);
  }
  if (scenario) await page.locator(`${HOST} [data-section="scenario"]`).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Polls `read()` until it matches `re`; fails with the last text seen. */
export async function waitFor(read, re, what, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (re.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: expected ${re}, page shows ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The what-if summary strip's item for a figure key, whitespace removed (`支出总计84,579（未变）`). */
/** A summary-strip item's text, spaces removed, without its change against the prior year (stripYoy). */
export function stripItem(page, key) {
  return page
    .locator(`${HOST} .sc-strip [data-key="${key}"]`)
    .evaluate((el) => {
      const c = el.cloneNode(true);
      c.querySelectorAll('.sc-fig__yoy').forEach((n) => n.remove());
      return c.textContent;
    })
    .then((s) => s.replace(/\s+/g, ''));
}

/** A summary-strip item's change against the prior year (`较上年 +15,218（22%）`), or ''. */
export function stripYoy(page, key) {
  return page
    .locator(`${HOST} .sc-strip [data-key="${key}"] .sc-fig__yoy`)
    .allTextContents()
    .then((a) => a.join(''));
}

export function amountField(page, label) {
  return page.locator(HOST).getByLabel(label, { exact: true });
}

/** Types an amount into the field labelled `label` and leaves it (Tab) or presses Enter. */
export async function setAmount(page, label, value, key = 'Tab') {
  const field = amountField(page, label);
  await field.fill(value);
  await field.press(key);
}

/** The seed budget in Yusuan JSON, from the core the page loads. */
export function seedJson(page) {
  return page.evaluate(async () => {
    const { default: init, Calculator } = await import('./pkg/yusuan.js');
    await init();
    const seed = await (await fetch('./data/longgang-iit-2022-budget.txt')).text();
    const c = Calculator.fromText(seed, 'longgang-iit-2022-budget.txt');
    try {
      return c.toJson();
    } finally {
      c.free();
    }
  });
}

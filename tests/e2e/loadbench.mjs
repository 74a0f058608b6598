// `make bench` also (through bench.mjs): loading index.html on a slow link. Each run is a fresh
// browser context (empty cache) with, through CDP, 150 ms latency, 1.6 Mbit/s down, 750 kbit/s
// up and the CPU 4× slower; and, for comparison, the same runs without throttling. Timed from
// navigation start (the page's performance.now()), polled once per animation frame:
//   totalMs   the seed's total expenditure (84,579) visible in the element's overview card;
//   checksMs  the checks' summary (the findings section's counts by status) visible;
//   readyMs   the element's state 'ready' (its yusuan-ready event);
//   fcpMs     the first contentful paint.
// And what went over the wire: the sum of CDP Network.loadingFinished encodedDataLength (body
// and headers, as transferred), the number of requests and the 5 largest responses.
// Nothing is asserted (the machines are noisy).
//
// Alone: `node tests/e2e/loadbench.mjs` (prints the JSON); bench.mjs calls loadBench() and
// writes the result to target/bench/results.json under `slowLoad`.
import { pathToFileURL } from 'node:url';

export const SLOW_PROFILE = {
  latencyMs: 150,
  downloadBitsPerSecond: 1.6e6,
  uploadBitsPerSecond: 750e3,
  cpuSlowdown: 4,
};
const RUNS = 3;
const SEED_TOTAL = '84,579';
// Inside the element's (open) shadow root.
const TOTAL_SELECTOR = '[data-section="overview"] .card[data-key="total"] .card__num';
const CHECKS_SELECTOR = '[data-section="findings"] .summary';
const TIMEOUT_MS = 120_000;

const median = (xs) => {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};

/** Runs in the page before its scripts: records when each milestone is first seen in a frame. */
function probe({ host, totalSelector, checksSelector, total }) {
  const marks = {};
  window.__yusuanLoadMarks = marks;
  document.addEventListener('yusuan-ready', () => { marks.readyEvent ??= performance.now(); });
  document.addEventListener('yusuan-error', (e) => { marks.error ??= e.detail?.message ?? 'yusuan-error'; });
  const shown = (el) => {
    if (!el || !el.isConnected) return false;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const tick = () => {
    const now = performance.now();
    const el = document.querySelector(host);
    const root = el?.shadowRoot;
    if (root) {
      if (marks.total == null) {
        const n = root.querySelector(totalSelector);
        if (shown(n) && n.textContent.replace(/\s+/g, '').includes(total)) marks.total = now;
      }
      if (marks.checks == null) {
        const s = root.querySelector(checksSelector);
        if (shown(s) && s.textContent.trim()) marks.checks = now;
      }
      if (marks.ready == null && el.state === 'ready') marks.ready = now;
    }
    if (marks.total == null || marks.checks == null || marks.ready == null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** One load of index.html in a fresh context; `slow` applies SLOW_PROFILE. */
async function loadOnce(browser, url, slow) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    await page.addInitScript(probe, { host: 'yusuan-calculator', totalSelector: TOTAL_SELECTOR, checksSelector: CHECKS_SELECTOR, total: SEED_TOTAL });
    const cdp = await context.newCDPSession(page);
    const requests = new Map(); // requestId → { url, bytes, done }
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:')) return;
      // A redirect reuses the requestId: keep the final URL.
      const r = requests.get(e.requestId) ?? { bytes: 0, done: false };
      r.url = e.request.url;
      requests.set(e.requestId, r);
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { done: true, failed: e.errorText });
    });
    await cdp.send('Network.enable');
    if (slow) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: SLOW_PROFILE.latencyMs,
        downloadThroughput: SLOW_PROFILE.downloadBitsPerSecond / 8,
        uploadThroughput: SLOW_PROFILE.uploadBitsPerSecond / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PROFILE.cpuSlowdown });
    }
    await page.goto(`${url}index.html`, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForFunction(
      () => {
        const m = window.__yusuanLoadMarks;
        return m && (m.error != null || (m.total != null && m.checks != null && m.ready != null));
      },
      null,
      { timeout: TIMEOUT_MS, polling: 100 },
    );
    // What the page fetches just after (the core's spare glue) counts too: wait until the
    // network has been quiet for 500 ms (at most 10 s).
    for (let quiet = 0, waited = 0; quiet < 500 && waited < 10_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      quiet = [...requests.values()].every((r) => r.done) ? quiet + 100 : 0;
    }
    const marks = await page.evaluate(() => {
      const m = { ...window.__yusuanLoadMarks };
      m.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return m;
    });
    if (marks.error != null) throw new Error(`loadbench: the calculator shows an error: ${marks.error}`);
    if (slow) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const done = [...requests.values()].filter((r) => r.done && !r.failed);
    const path = (u) => {
      const p = new URL(u);
      return p.pathname + p.search;
    };
    return {
      totalMs: Math.round(marks.total),
      checksMs: Math.round(marks.checks),
      readyMs: Math.round(marks.ready),
      fcpMs: marks.fcp == null ? null : Math.round(marks.fcp),
      bytes: done.reduce((s, r) => s + r.bytes, 0),
      requests: requests.size,
      largest: done
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 5)
        .map((r) => ({ path: path(r.url), bytes: r.bytes })),
      errors,
    };
  } finally {
    await context.close();
  }
}

/** RUNS loads, each in a fresh context: the medians and the raw values. */
async function series(browser, url, slow) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, url, slow));
  const key = (k) => ({ median: median(runs.map((r) => r[k])), runs: runs.map((r) => r[k]) });
  const errors = [...new Set(runs.flatMap((r) => r.errors))];
  return {
    totalMs: key('totalMs'),
    checksMs: key('checksMs'),
    readyMs: key('readyMs'),
    fcpMs: key('fcpMs'),
    bytes: key('bytes'),
    requests: key('requests'),
    largest: runs[runs.length - 1].largest,
    ...(errors.length ? { errors } : {}),
  };
}

/**
 * The slow-link load (SLOW_PROFILE) and, in `unthrottled`, the same without throttling:
 * RUNS fresh-context loads of `${url}index.html` each.
 */
export async function loadBench(browser, url) {
  const slow = await series(browser, url, true);
  const fast = await series(browser, url, false);
  return {
    note: `from navigation start, median of ${RUNS} fresh-context loads; totalMs: ${SEED_TOTAL} visible in the overview card, checksMs: the findings summary visible, readyMs: state 'ready'; bytes: CDP encodedDataLength summed`,
    profile: SLOW_PROFILE,
    ...slow,
    unthrottled: fast,
  };
}

/** One line for the console. */
export function loadSummary(r) {
  const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
  const row = (s) => `total ${s.totalMs.median} ms [${s.totalMs.runs.join(', ')}], checks ${s.checksMs.median} ms [${s.checksMs.runs.join(', ')}], FCP ${s.fcpMs.median} ms`;
  return (
    `slow load (${r.profile.latencyMs} ms, ${r.profile.downloadBitsPerSecond / 1e6} Mbit/s down, CPU ${r.profile.cpuSlowdown}×): ${row(r)}; ` +
    `${kb(r.bytes.median)} in ${r.requests.median} requests (largest: ${r.largest.map((l) => `${l.path} ${kb(l.bytes)}`).join(', ')})\n` +
    `unthrottled load: ${row(r.unthrottled)}; ${kb(r.unthrottled.bytes.median)} in ${r.unthrottled.requests.median} requests`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM, CHROMIUM_ARGS, startServer } = await import('./helpers.mjs');
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const r = await loadBench(browser, server.url);
    console.log(JSON.stringify(r, null, 2));
    console.log(loadSummary(r));
  } finally {
    await browser.close();
    await server.stop();
  }
}

// `make bench`: runs www/bench.html in headless Chromium and writes target/bench/results.json
// (medians and 95th percentiles; the machines are shared and noisy, so nothing is asserted).
// The page also times peers (plain float64, decimal.js, HyperFormula) on the same budgets and
// edits; their files are copied from tests/e2e/node_modules into www/vendor/ (git-ignored), so
// the page loads nothing from elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const E2E = new URL('./', import.meta.url);
// node_modules file → www/vendor/ file.
const VENDOR = [
  ['decimal.js/decimal.mjs', 'decimal.mjs'],
  ['hyperformula/dist/hyperformula.full.min.js', 'hyperformula.full.min.js'],
];

/** Copies the peers into www/vendor/, running `npm ci` first when node_modules lacks them. */
async function vendorPeers() {
  const missing = () => VENDOR.filter(([from]) => !existsSync(new URL(`node_modules/${from}`, E2E)));
  if (missing().length) {
    console.error(`bench: ${missing().map(([f]) => f).join(', ')} missing; running npm ci in tests/e2e`);
    spawnSync('npm', ['ci'], { cwd: E2E, stdio: 'inherit' });
  }
  if (missing().length) {
    throw new Error(`bench: tests/e2e/node_modules lacks ${missing().map(([f]) => f).join(', ')}; run \`cd tests/e2e && npm ci\``);
  }
  const vendor = new URL('../../www/vendor/', import.meta.url);
  await mkdir(vendor, { recursive: true });
  for (const [from, to] of VENDOR) await copyFile(new URL(`node_modules/${from}`, E2E), new URL(to, vendor));
  const version = async (pkg) => JSON.parse(await readFile(new URL(`node_modules/${pkg}/package.json`, E2E), 'utf8')).version;
  return { 'decimal.js': await version('decimal.js'), hyperformula: await version('hyperformula') };
}

const ENGINES = ['yusuan', 'yusuanJson', 'float64', 'decimalIncremental', 'decimalNaive', 'hyperformulaSum', 'hyperformulaSumif'];

/** µs for the table: the block median (16-edit means) beside the median when there is one. */
function us(e) {
  const m = e.medianUs.toFixed(e.medianUs < 100 ? 2 : 0);
  return e.blockMedianUs == null ? m : `${m} (${e.blockMedianUs.toFixed(2)})`;
}

function ratio(e) {
  if (e.yusuanOverPeer === undefined) return '';
  const r = e.yusuanOverPeer == null ? '—' : `${e.yusuanOverPeer}`;
  return e.yusuanOverPeerBlocks == null ? r : `${r} (${e.yusuanOverPeerBlocks})`;
}

/** Engine × size: median µs per edit [edits timed] and Yusuan/peer. */
function printTable(results) {
  const head = ['engine', ...results.map((r) => `${r.projects} projects: median µs [edits]`), ...results.map((r) => `Yusuan/peer @${r.projects}`)];
  const rows = ENGINES.map((name) => [
    results[0].engines[name].label,
    ...results.map((r) => `${us(r.engines[name])} [${r.engines[name].edits}]`),
    ...results.map((r) => ratio(r.engines[name])),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log('(in parentheses: the median of 16-edit block means, one clock reading per block; ratios are median over median)');
  for (const r of results) {
    for (const name of ENGINES.filter((n) => !n.startsWith('yusuan'))) {
      const e = r.engines[name];
      const a = e.agreement;
      const verdict = a.agrees
        ? `agrees with Yusuan (total ${a.total}, ${a.subtotalsChecked} subtotals, ${a.rule})`
        : `DISAGREES with Yusuan: total ${a.total} vs ${a.yusuanTotal}, ${a.subtotalsDisagreeing} of ${a.subtotalsChecked} subtotals differ ${JSON.stringify(a.examples)}`;
      console.log(`${r.projects} projects, ${e.label}: ${verdict}${e.cap ? `; capped: ${e.cap}` : ''}`);
    }
  }
}

const peerVersions = await vendorPeers();
// Imported after vendorPeers(): an `npm ci` there may be what brings playwright-core back.
const { chromium } = await import('playwright-core');
const { CHROMIUM, CHROMIUM_ARGS, ROOT, startServer } = await import('./helpers.mjs');
const { loadBench, loadSummary } = await import('./loadbench.mjs');
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('console', (msg) => { if (msg.text().startsWith('bench:')) console.error(msg.text()); });
  page.on('pageerror', (err) => console.error(`bench page error: ${err.stack ?? err}`));
  await page.goto(`${server.url}bench.html`);
  await page.waitForFunction(() => typeof window.yusuanBench === 'function');
  const run = await page.evaluate(() => window.yusuanBench());
  // index.html on a slow link (and unthrottled), fresh contexts: tests/e2e/loadbench.mjs.
  let slowLoad;
  try {
    slowLoad = await loadBench(browser, server.url);
  } catch (err) {
    console.error(`bench: the slow-link load measurement failed: ${err.stack ?? err}`);
    slowLoad = { error: String(err.message ?? err) };
  }
  const wasm = await readFile(new URL('www/pkg/yusuan_bg.wasm', `file://${ROOT}`));
  const [seed, tenK, hundredK] = run.results;
  const report = {
    date: new Date().toISOString(),
    browser: browser.version(),
    crossOriginIsolated: run.crossOriginIsolated,
    clockStepUs: run.clockStepUs,
    peerVersions,
    wasm: { rawBytes: wasm.length, gzipBytes: gzipSync(wasm, { level: 9 }).length },
    results: run.results,
    slowLoad,
    ratios: {
      editMedian100kOver16: Number((hundredK.edit.medianUs / seed.edit.medianUs).toFixed(2)),
      editMedian10kOver16: Number((tenK.edit.medianUs / seed.edit.medianUs).toFixed(2)),
    },
    goals: {
      edit100kWithin2xOf16: hundredK.edit.medianUs <= 2 * seed.edit.medianUs,
      editMedianUnder50us: hundredK.edit.medianUs < 50,
      load100kUnder500ms: hundredK.loadAndReconcileMs < 500,
      wasmUnder150KBGzip: gzipSync(wasm, { level: 9 }).length < 150 * 1024,
      slowLoadTotalUnder2s: slowLoad.totalMs ? slowLoad.totalMs.median < 2000 : null,
      slowLoadTotalBeforeChecks: slowLoad.totalMs ? slowLoad.totalMs.median < slowLoad.checksMs.median : null,
    },
  };
  await mkdir(new URL('target/bench/', `file://${ROOT}`), { recursive: true });
  await writeFile(new URL('target/bench/results.json', `file://${ROOT}`), JSON.stringify(report, null, 2) + '\n');
  const { results: _, slowLoad: __, ...summary } = report; // slowLoad: one line below
  console.log(JSON.stringify(summary, null, 2));
  printTable(run.results);
  if (slowLoad.totalMs) console.log(loadSummary(slowLoad));
  console.log('full results: target/bench/results.json');
} finally {
  await browser.close();
  await server.stop();
}

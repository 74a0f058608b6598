// `make bench`: runs www/bench.html in headless Chromium and writes target/bench/results.json
// (medians and 95th percentiles; the machines are shared and noisy, so nothing is asserted).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startServer } from './helpers.mjs';

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}bench.html`);
  await page.waitForFunction(() => typeof window.yusuanBench === 'function');
  const run = await page.evaluate(() => window.yusuanBench());
  const wasm = await readFile(new URL('www/pkg/yusuan_bg.wasm', `file://${ROOT}`));
  const [seed, tenK, hundredK] = run.results;
  const report = {
    date: new Date().toISOString(),
    browser: browser.version(),
    crossOriginIsolated: run.crossOriginIsolated,
    wasm: { rawBytes: wasm.length, gzipBytes: gzipSync(wasm, { level: 9 }).length },
    results: run.results,
    ratios: {
      editMedian100kOver16: Number((hundredK.edit.medianUs / seed.edit.medianUs).toFixed(2)),
      editMedian10kOver16: Number((tenK.edit.medianUs / seed.edit.medianUs).toFixed(2)),
    },
    goals: {
      edit100kWithin2xOf16: hundredK.edit.medianUs <= 2 * seed.edit.medianUs,
      editMedianUnder50us: hundredK.edit.medianUs < 50,
      load100kUnder500ms: hundredK.loadAndReconcileMs < 500,
      wasmUnder150KBGzip: gzipSync(wasm, { level: 9 }).length < 150 * 1024,
    },
  };
  await mkdir(new URL('target/bench/', `file://${ROOT}`), { recursive: true });
  await writeFile(new URL('target/bench/results.json', `file://${ROOT}`), JSON.stringify(report, null, 2) + '\n');
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await server.stop();
}

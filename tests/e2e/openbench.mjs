// `make bench` also: opening the files people have. Each corpus PDF (../shared/corpus/jiangsu,
// skipped when absent), the seed printed to PDF and the seed's workbook, opened through
// 打开预算文件 and timed from choosing the file until the page says it is open: the first open
// (which fetches the opener module, www/pkg-open/) and the median of 3 more; and natively, the
// median of 3 runs of `yusuan check FILE --json` (read, convert, check). Writes
// target/bench/open.json.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { HOST, ROOT, openPage, waitReady } from './helpers.mjs';

const run = promisify(execFile);
const at = (p) => new URL(p, `file://${ROOT}`).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const files = [at('crates/pdf/fixtures/seed-libreoffice.pdf'), at('crates/pdf/fixtures/seed-chromium.pdf'), at('crates/sheet/fixtures/seed.xlsx')];
const corpus = at('../shared/corpus/jiangsu/');
if (existsSync(corpus)) {
  for (const f of (await readdir(corpus)).filter((f) => f.endsWith('.pdf')).sort()) files.push(corpus + f);
} else {
  console.log(`openbench: ${corpus} is absent; the corpus PDFs are skipped`);
}

const cli = at('target/release/yusuan');
const ctx = await openPage();
const results = [];
try {
  const { page } = ctx;
  await waitReady(page);
  const input = page.locator(HOST).getByLabel('打开预算文件');
  const status = page.locator(`${HOST} .open [role="status"]`);
  const openOnce = async (name, buffer) => {
    const t0 = performance.now();
    await input.setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await status.filter({ hasText: `已打开“${name}”` }).waitFor({ timeout: 120_000 });
    return performance.now() - t0;
  };
  for (const [i, path] of files.entries()) {
    const buffer = await readFile(path);
    const base = path.split('/').pop();
    const page_ms = [];
    let first = null;
    for (let k = 0; k < 4; k++) {
      // A distinct name each time, so the status line changes.
      const ms = await openOnce(`${k}-${base}`, buffer);
      if (k === 0) first = ms;
      else page_ms.push(ms);
    }
    const native_ms = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      await run(cli, ['check', path, '--json'], { maxBuffer: 64 * 1024 * 1024 }).catch((e) => {
        if (e.code !== 1) throw e; // exit 1: a mismatch found, not a failure
      });
      native_ms.push(performance.now() - t0);
    }
    const row = {
      file: base,
      bytes: buffer.length,
      pageFirstMs: Math.round(first),
      pageMedianMs: Math.round(median(page_ms)),
      nativeMedianMs: Math.round(median(native_ms)),
      firstIncludesOpenerFetch: i === 0,
    };
    results.push(row);
    console.log(JSON.stringify(row));
  }
} finally {
  await ctx.close();
}
const report = { date: new Date().toISOString(), note: 'page: from choosing the file to 已打开 (median of 3 after a first open); native: yusuan check FILE --json, median of 3', results };
await mkdir(at('target/bench/'), { recursive: true });
await writeFile(at('target/bench/open.json'), JSON.stringify(report, null, 2) + '\n');

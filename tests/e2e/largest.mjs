// `make bench` also: the largest budget file the page accepts (the seed's narrative repeated to
// just under the 8 MiB limit), opened through 打开预算文件, timed from choosing the file until
// the page shows it; and a 50 MB file, timed until its refusal shows. Writes
// target/bench/largest.json.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST, ROOT, openPage, waitReady } from './helpers.mjs';

const LIMIT = 8 * 1024 * 1024;
const seed = await readFile(new URL('data/longgang-iit-2022-budget.txt', `file://${ROOT}`), 'utf8');
const start = seed.indexOf('\n第一部分') + 1;
const end = seed.lastIndexOf('\n二、表格部分\n') + 1;
const narrative = seed.slice(start, end);
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const copies = Math.floor((LIMIT - bytes(seed)) / bytes(narrative));
const big = Buffer.from(seed.slice(0, start) + narrative.repeat(copies + 1) + seed.slice(end));

const ctx = await openPage();
try {
  const { page } = ctx;
  await waitReady(page);
  const file = page.locator(HOST).getByLabel('打开预算文件');
  const status = page.locator(`${HOST} .open [role="status"]`);
  const alert = page.locator(`${HOST} .open [role="alert"]`);

  // Playwright passes a buffer of at most 50 MB; a file on disk has no such limit.
  const dir = await mkdtemp(join(tmpdir(), 'yusuan-'));
  const over = join(dir, 'over.txt');
  await writeFile(over, Buffer.alloc(50 * 1024 * 1024, 0x41));
  let t0 = Date.now();
  await file.setInputFiles(over);
  await alert.filter({ hasText: 'over.txt' }).waitFor({ timeout: 60_000 });
  const refuseMs = Date.now() - t0;
  await rm(dir, { recursive: true });
  t0 = Date.now();
  await file.setInputFiles({ name: 'largest.txt', mimeType: 'text/plain', buffer: big });
  await status.filter({ hasText: 'largest.txt' }).waitFor({ timeout: 300_000 });
  await waitReady(page);
  const openMs = Date.now() - t0;

  const report = { date: new Date().toISOString(), largestBytes: big.length, largestOpenMs: openMs, over50MBRefusedMs: refuseMs };
  await mkdir(new URL('target/bench/', `file://${ROOT}`), { recursive: true });
  await writeFile(new URL('target/bench/largest.json', `file://${ROOT}`), JSON.stringify(report, null, 2) + '\n');
  console.log(JSON.stringify(report, null, 2));
} finally {
  await ctx.close();
}

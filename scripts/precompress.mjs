// Brotli copies of the page's text and wasm (NAME.br beside NAME, quality 11), which
// scripts/serve.py sends to a browser that accepts `br`; a web team can serve them the same way
// (nginx `brotli_static on;`). Node's own zlib: nothing to install. Usage: node precompress.mjs DIR…
import { brotliCompressSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.svg', '.wasm']);
let raw = 0;
let packed = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (name !== 'vendor') walk(path);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    writeFileSync(`${path}.br`, br);
    raw += body.length;
    packed += br.length;
  }
}
for (const dir of process.argv.slice(2)) walk(dir);
console.log(`precompress: ${raw} bytes → ${packed} bytes brotli`);

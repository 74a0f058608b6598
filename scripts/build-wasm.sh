#!/usr/bin/env bash
# Build the crate for the browser: target/…/yusuan.wasm → pkg/ (wasm-bindgen --target web) → www/pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
target_dir=${CARGO_TARGET_DIR:-target}

cargo build --release --target wasm32-unknown-unknown --lib
rm -rf pkg
wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir pkg \
  "$target_dir/wasm32-unknown-unknown/release/yusuan.wasm"
rm -rf www/pkg
mkdir -p www
cp -R pkg www/pkg
# The seed, which the page fetches (the .wasm does not embed it).
mkdir -p www/data
cp data/longgang-iit-2022-budget.txt www/data/

wasm=pkg/yusuan_bg.wasm
printf 'build-wasm: %s  %s bytes raw, %s bytes gzipped\n' \
  "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"

# The file opener (PDF, workbooks), a module of its own the page loads only when a reader opens
# such a file: crates/open → www/pkg-open/.
cargo build --release --target wasm32-unknown-unknown -p yusuan-open --lib
rm -rf pkg-open
wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir pkg-open \
  "$target_dir/wasm32-unknown-unknown/release/yusuan_open.wasm"
rm -rf www/pkg-open
cp -R pkg-open www/pkg-open
wasm=pkg-open/yusuan_open_bg.wasm
printf 'build-wasm: %s  %s bytes raw, %s bytes gzipped (loaded on demand)\n' \
  "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"

# Brotli copies beside the files (NAME.br), which serve.py sends to a browser that accepts br:
# about a fifth smaller than gzip for the .wasm. Where Node is absent, gzip alone is served.
if command -v node >/dev/null 2>&1; then
  find www -name '*.br' -delete
  node scripts/precompress.mjs www
fi

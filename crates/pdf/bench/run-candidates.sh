#!/usr/bin/env bash
# Re-run the extractor comparison of REPORT.md: builds one small program per candidate
# crate in a scratch folder, runs it on the Jiangsu corpus (time per file, and the share
# of the twin's non-space characters found in the output) and on fixtures/, then builds a
# minimal wasm32 cdylib per candidate (opt-level "z", LTO, panic=abort) and prints its
# raw and gzip -9 sizes. Needs network access to crates.io; takes a long while (pdf_oxide).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
W=${W:-$(mktemp -d)}
echo "scratch: $W"
mk() { # name dependency-line extraction-expression (bytes: &[u8] -> Result<String, String>)
  mkdir -p "$W/c_$1/src"
  printf '[package]\nname = "c_%s"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s\n' "$1" "$2" > "$W/c_$1/Cargo.toml"
  printf '#[path = "%s/bench/common.rs"] mod common;\nfn main() { common::run("%s", |b: &[u8]| -> Result<String, String> { %s }); }\n' "$HERE" "$1" "$3" > "$W/c_$1/src/main.rs"
}
mk ours "yusuan-pdf = { path = \"$HERE\" }" 'yusuan_pdf::pdf_to_text(b).map(|t| t.text).map_err(|e| e.to_string())'
mk lopdf 'lopdf = "0.47"' 'let d = lopdf::Document::load_mem(b).map_err(|e| e.to_string())?; let p: Vec<u32> = d.get_pages().keys().cloned().collect(); d.extract_text(&p).map_err(|e| e.to_string())'
mk pdf_extract 'pdf-extract = "0.12"' 'pdf_extract::extract_text_from_mem(b).map_err(|e| e.to_string())'
mk pdf_oxide 'pdf_oxide = "0.3"' 'let d = pdf_oxide::PdfDocument::from_bytes(b.to_vec()).map_err(|e| e.to_string())?; let n = d.page_count().map_err(|e| e.to_string())?; let mut s = String::new(); for i in 0..n { s.push_str(&d.extract_text(i).map_err(|e| e.to_string())?); s.push(12 as char); } Ok(s)'
for c in ours lopdf pdf_extract pdf_oxide; do
  (cd "$W/c_$c" && cargo build --release -q && ./target/release/c_$c)
  for f in "$HERE"/fixtures/*.pdf; do
    printf '%s %s: ' "$c" "$(basename "$f")"; (timeout 20 "$W/c_$c/target/release/c_$c" "$f" 2>/dev/null || echo "crashed or timed out (rc=$?)")
  done
done
wasm() { # name dependency-line expression-on-v (v: Vec<u8>) -> usize
  mkdir -p "$W/w_$1/src"
  printf '[package]\nname = "w_%s"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\n%s\n[profile.release]\nopt-level = "z"\nlto = true\ncodegen-units = 1\npanic = "abort"\nstrip = true\n' "$1" "$2" > "$W/w_$1/Cargo.toml"
  printf '#[no_mangle]\npub extern "C" fn run(n: usize) -> usize {\n    let v = std::hint::black_box(vec![7u8; n]);\n    %s\n}\n' "$3" > "$W/w_$1/src/lib.rs"
  (cd "$W/w_$1" && cargo build --release --target wasm32-unknown-unknown -q) && f="$W/w_$1/target/wasm32-unknown-unknown/release/w_$1.wasm" && echo "$1 wasm: raw $(stat -c %s "$f") bytes, gzip -9 $(gzip -9 -c "$f" | wc -c) bytes"
}
wasm ours "yusuan-pdf = { path = \"$HERE\" }" 'yusuan_pdf::pdf_to_text(&v).map(|t| t.text.len()).unwrap_or(0)'
wasm ours_nodecrypt "yusuan-pdf = { path = \"$HERE\", default-features = false }" 'yusuan_pdf::pdf_to_text(&v).map(|t| t.text.len()).unwrap_or(0)'
wasm lopdf 'lopdf = { version = "0.47", default-features = false, features = ["wasm_js"] }' 'match lopdf::Document::load_mem(&v) { Ok(d) => { let p: Vec<u32> = d.get_pages().keys().cloned().collect(); d.extract_text(&p).map(|t| t.len()).unwrap_or(0) } Err(_) => 0 }'
wasm pdf_extract 'pdf-extract = "0.12"' 'pdf_extract::extract_text_from_mem(&v).map(|t| t.len()).unwrap_or(0)'
wasm pdf_oxide 'pdf_oxide = { version = "0.3", default-features = false }' 'match pdf_oxide::PdfDocument::from_bytes(v) { Ok(d) => d.extract_text(0).map(|t| t.len()).unwrap_or(0), Err(_) => 0 }'

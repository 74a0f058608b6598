#!/usr/bin/env bash
# End-to-end: each seed fixture's text, read by Yusuan's checker, against the seed text itself.
# Needs the CLI built: cargo build --release at the repository root.
set -uo pipefail
cd "$(dirname "$0")"
Y=${YUSUAN:-../../target/release/yusuan}
SEED=${SEED:-../../data/longgang-iit-2022-budget.txt}
cargo build --release --example sheet2text -q || exit 1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
summary() { grep -E '^合计：' "$1" || echo "(no summary: $(head -c 200 "$1"))"; }
echo "seed text: $(summary <("$Y" check "$SEED" 2>&1))"
for f in seed.xlsx seed.ods seed.xls seed-utf8bom.csv seed-gbk.csv; do
  ../../target/release/examples/sheet2text "fixtures/$f" >"$out/$f.txt" 2>"$out/$f.err" || { echo "$f: refused: $(cat "$out/$f.err")"; continue; }
  "$Y" check "$out/$f.txt" >"$out/$f.check" 2>&1
  total=$(grep -c '84,579\|84579' "$out/$f.txt")
  echo "$f: $(summary "$out/$f.check")  [lines with 84,579: $total; $(grep 'read in' "$out/$f.err")]"
  if [ -n "${VERBOSE:-}" ]; then sed -n '1,/【一致】/p' "$out/$f.check"; fi
done

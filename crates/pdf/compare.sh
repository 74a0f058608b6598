#!/usr/bin/env bash
# Compare yusuan-pdf's text with poppler's `pdftotext -layout` twins, as Yusuan sees them.
#
# For every PDF in CORPUS (default /work/shared/corpus/jiangsu) it extracts the text with
# this crate (release build, time measured in-process), then runs `yusuan check --json` on
# our text and on the NAME.layout.txt twin, and compares the findings ("text" tells
# whether our text is byte-identical to the twin). Publications in two
# files (NAME-full + NAME-tables) are checked together, full first.
#
# usage: ./compare.sh [CORPUS]   env: YUSUAN=path/to/yusuan  OUT=dir for the extracted texts
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=${1:-$(cd "$(dirname "$0")" && pwd)/../../../shared/corpus/jiangsu}
YUSUAN=${YUSUAN:-$(cd "$(dirname "$0")" && pwd)/../../target/release/yusuan}
OUT=${OUT:-$(mktemp -d)}; mkdir -p "$OUT"
[ -x "$YUSUAN" ] || { echo "yusuan binary not found at $YUSUAN (cargo build --release at the repository root)"; exit 2; }
cargo build --release --example pdf2txt -q --manifest-path "$HERE/Cargo.toml"
BIN="$HERE/../../target/release/examples/pdf2txt"

declare -A PAGES MS
for pdf in "$CORPUS"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  if info=$("$BIN" "$pdf" "$OUT/$name.txt" 2>&1); then
    PAGES[$name]=$(sed -n 's/.*pages=\([0-9]*\).*/\1/p' <<<"$info")
    MS[$name]=$(sed -n 's/.*ms=\([0-9.]*\).*/\1/p' <<<"$info")
  else
    PAGES[$name]="-"; MS[$name]="-"; echo "$name: $info" >&2; : > "$OUT/$name.txt"
  fi
done

# publications: strip -full / -tables
pubs=$(for pdf in "$CORPUS"/*.pdf; do basename "$pdf" .pdf | sed -E 's/-(full|tables)$//'; done | sort -u)

summarize() { # files... -> "ok/rounding/mismatch/missing/unverifiable/note" and a findings digest
  "$YUSUAN" check --json "$@" 2>/dev/null | python3 -c '
import json, sys, hashlib
try:
    d = json.load(sys.stdin)
except Exception:
    print("error -"); sys.exit()
s = d.get("summary", {})
counts = "/".join(str(s.get(k, 0)) for k in ("ok", "rounding", "mismatch", "missing", "unverifiable", "note"))
msgs = sorted(f.get("rule", "") + "|" + f.get("status", "") + "|" + f.get("message", "") for f in d.get("findings", []))
print(counts, hashlib.sha1("\n".join(msgs).encode()).hexdigest()[:10])
'
}

printf '%-26s %5s %8s %-9s %-22s %-22s %s\n' "file" "pages" "ms" "text" "ours ok/rd/mis/miss/unv/note" "twin" "findings"
same=0; total=0; identical=0
for p in $pubs; do
  files=(); ours=(); twins=()
  for suffix in -full -tables ""; do
    n="$p$suffix"
    [ -f "$CORPUS/$n.pdf" ] || continue
    files+=("$n"); ours+=("$OUT/$n.txt"); twins+=("$CORPUS/$n.layout.txt")
  done
  read -r oc oh <<<"$(summarize "${ours[@]}")"
  read -r tc th <<<"$(summarize "${twins[@]}")"
  total=$((total + 1))
  if [ "$oc" = "$tc" ] && [ "$oh" = "$th" ]; then verdict="same"; same=$((same + 1));
  elif [ "$oc" = "$tc" ]; then verdict="same counts, findings differ";
  else verdict="DIFFERENT"; fi
  first=1
  for n in "${files[@]}"; do
    if cmp -s "$OUT/$n.txt" "$CORPUS/$n.layout.txt"; then bytes="identical"; identical=$((identical + 1)); else bytes="differs"; fi
    if [ $first = 1 ]; then
      printf '%-26s %5s %8s %-9s %-22s %-22s %s\n' "$n" "${PAGES[$n]}" "${MS[$n]}" "$bytes" "$oc" "$tc" "$verdict"
      first=0
    else
      printf '%-26s %5s %8s %-9s %-22s %-22s %s\n' "$n" "${PAGES[$n]}" "${MS[$n]}" "$bytes" '"' '"' "(checked with the above)"
    fi
  done
done
nfiles=$(ls "$CORPUS"/*.pdf | wc -l)
echo "publications with the same findings: $same of $total; texts byte-identical to the twin: $identical of $nfiles   (texts in $OUT)"

#!/usr/bin/env bash
# Coverage-guided fuzzing of the native core (libFuzzer through cargo-fuzz), on stable Rust.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets (fuzz/fuzz_targets/): published_text, json, amount, edits, open (workbooks, CSV and
# PDFs through crates/open). Default: all five, 60 s
# each (`make fuzz`); `make test` runs them for about 10 s each. Prints executions and crashes
# per target and exits non-zero when any target crashed (a panic, an overflow, a hang over
# FUZZ_TIMEOUT seconds, default 5, or an out-of-memory over 2 GB).
#
# How it works on stable (no nightly here):
#   cargo install cargo-fuzz --version 0.13.2      (once, about 40 s; skipped when installed)
#   cargo fuzz build -s none                       (-s none: no sanitizer, so no -Z flags;
#                                                   cargo-fuzz adds the sancov RUSTFLAGS itself)
#   cargo fuzz run -s none TARGET fuzz/target/corpus/TARGET fuzz/corpus/TARGET -- \
#       -max_total_time=SECONDS -max_len=... -timeout=5 -dict=fuzz/dict/TARGET.dict
# When cargo-fuzz cannot be installed, the same build is done by hand: libfuzzer-sys (an
# ordinary crates.io dependency of fuzz/) links libFuzzer and its `main`, and needs only the
# sanitizer-coverage instrumentation, which stable rustc accepts as codegen/LLVM flags:
#   RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4
#     -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table
#     -Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth
#     -Cdebug-assertions" \
#   cargo build --release --manifest-path fuzz/Cargo.toml --target x86_64-unknown-linux-gnu --bins
#   fuzz/target/x86_64-unknown-linux-gnu/release/TARGET [libFuzzer flags] CORPUS_DIRS...
# (FUZZ_DIRECT=1 forces this path.)
#
# The seeds in fuzz/corpus/ (from data/longgang-iit-2022-budget.txt) are read, never written:
# what the fuzzer learns goes to fuzz/target/corpus/TARGET (runs of 30 s or less start from the
# seeds alone, in fuzz/target/short/), crashes to fuzz/artifacts/TARGET/.
# Reproduce a crash:  fuzz/target/x86_64-unknown-linux-gnu/release/TARGET fuzz/artifacts/TARGET/crash-…
# Minimise it:        cargo fuzz tmin -s none TARGET fuzz/artifacts/TARGET/crash-…
# Trace an edits input: YUSUAN_FUZZ_TRACE=1 fuzz/target/…/release/edits FILE
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.2
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(published_text json amount edits open)
# 5 s: a hang is caught all the same, and a shared, loaded machine (CI, or tests running
# beside) does not turn a slow-but-finite input (0.3 s instrumented) into a false failure.
timeout_s=${FUZZ_TIMEOUT:-5}
triple=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="fuzz/target/$triple/release"

say() { echo "fuzz: $*"; }

max_len() {
  case "$1" in
    published_text) echo 131072 ;; # the seed is 61 KB
    json) echo 262144 ;;           # the seed's JSON export is about 160 KB
    amount) echo 64 ;;
    open) echo 65536 ;;            # the seed's workbook is 20 KB
    *) echo 4096 ;;
  esac
}

use_cargo_fuzz=true
if [ "${FUZZ_DIRECT:-}" = 1 ]; then
  use_cargo_fuzz=false
elif [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about a minute, once)"
  if ! cargo install --force cargo-fuzz --version "$CARGO_FUZZ_VERSION"; then
    say "cargo-fuzz could not be installed: building the targets directly with libfuzzer-sys"
    use_cargo_fuzz=false
  fi
fi

say "building ${targets[*]} (stable $(rustc --version | cut -d' ' -f2), no sanitizer, sancov instrumentation)"
mkdir -p fuzz/target/logs
build_log=fuzz/target/logs/build.log
if $use_cargo_fuzz; then
  build=(cargo fuzz build -s none --release)
else
  export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
-Cdebug-assertions -Ccodegen-units=1"
  build=(cargo build --release --manifest-path fuzz/Cargo.toml --target "$triple" --bins)
fi
if ! "${build[@]}" >"$build_log" 2>&1; then
  tail -40 "$build_log"
  say "build failed (full log: $build_log)"
  exit 1
fi
unset RUSTFLAGS

failed=()
summary=()
for t in "${targets[@]}"; do
  [ -x "$bin_dir/$t" ] || { say "no such target: $t"; exit 2; }
  # A short run (`make test`) starts from the seeds alone, so its time stays what was asked for;
  # a longer one (`make fuzz`) goes on from everything earlier runs learned.
  if [ "$seconds" -le 30 ]; then
    work="fuzz/target/short/$t"
    rm -rf "$work"
  else
    work="fuzz/target/corpus/$t"
  fi
  artifacts="fuzz/artifacts/$t"
  mkdir -p "$work" "$artifacts"
  log="fuzz/target/logs/$t.log"
  flags=(-max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout="$timeout_s"
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -f "fuzz/dict/$t.dict" ] && flags+=(-dict="fuzz/dict/$t.dict")
  before=$(find "$artifacts" -type f | wc -l)
  say "running $t for ${seconds}s (log: $log)"
  start=$(date +%s)
  status=0
  # Errors print the crashing input's path; the target's own output goes to the log only.
  if $use_cargo_fuzz; then
    cargo fuzz run -s none --release "$t" "$work" "fuzz/corpus/$t" -- "${flags[@]}" >"$log" 2>&1 || status=$?
  else
    "$bin_dir/$t" "${flags[@]}" "$work" "fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  fi
  elapsed=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ -z "$execs" ]; then
    execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -1)
  fi
  crashes=$(($(find "$artifacts" -type f | wc -l) - before))
  if [ "$status" != 0 ] && [ "$crashes" = 0 ]; then crashes=1; fi
  line=$(printf '%-15s executions: %10s  crashes: %s  corpus: %5s  time: %ss' \
    "$t" "${execs:-?}" "$crashes" "$(find "$work" -type f | wc -l)" "$elapsed")
  summary+=("$line")
  if [ "$crashes" != 0 ]; then
    failed+=("$t")
    grep -E 'panicked at|^thread|ERROR: libFuzzer|Test unit written|SUMMARY|^Error|error in line' "$log" |
      head -8 | sed 's/^/    /' || true
  fi
done

echo "fuzz summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: CRASHES in ${failed[*]}; inputs under fuzz/artifacts/ (see the logs in fuzz/target/logs/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} passed, 0 failed"

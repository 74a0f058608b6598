#!/usr/bin/env bash
# Install what the build and the tests need, only where it is missing.
#   scripts/ensure-tools.sh            Rust side: wasm32 target, clippy/rustfmt, wasm-bindgen-cli
#   scripts/ensure-tools.sh browser    + Debian's chromium and chromium-driver (apt-get)
#   scripts/ensure-tools.sh node       + tests/e2e/node_modules (npm ci; no browser download)
# Idempotent; a no-op in about a second when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

want_browser=false want_node=false
for arg in "$@"; do
  case "$arg" in
    browser) want_browser=true ;;
    node) want_node=true ;;
    *) echo "ensure-tools: unknown argument '$arg' (expected: browser, node)" >&2; exit 2 ;;
  esac
done

say() { echo "ensure-tools: $*"; }

# Rust: the wasm target and the lint components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
[ -f Cargo.lock ] || cargo generate-lockfile
wb_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
  echo "ensure-tools: no wasm-bindgen package in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$have" != "wasm-bindgen $wb_version" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wb_version (had: ${have:-none}); this compiles for a few minutes"
  # No --locked: the registry here may lack the newest versions of its dependencies.
  cargo install --force wasm-bindgen-cli --version "$wb_version"
fi

# Debian's Chromium and its WebDriver; never a downloaded browser.
if $want_browser && ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
  say "installing chromium and chromium-driver with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt_get() { apt-get -o DPkg::Lock::Timeout=900 "$@"; }
  apt_get update -q
  apt_get install -y -q chromium chromium-driver
fi

# playwright-core and axe-core for the end-to-end tests (they download nothing on install).
if $want_node && { [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -f tests/e2e/node_modules/axe-core/axe.min.js ]; }; then
  say "npm ci in tests/e2e"
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi

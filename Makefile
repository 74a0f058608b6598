# Yusuan: the two commands are `make serve` and `make test`. Both install what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

PORT ?= 8080
# Extra lints for code that ships (not tests): a panic in wasm loses the user's work.
STRICT := -D warnings -W clippy::unwrap_used -W clippy::expect_used -W clippy::panic -W clippy::indexing_slicing
# wasm-bindgen-test-runner (the runner in .cargo/config.toml) drives Debian's Chromium through
# chromedriver; webdriver.json gives Chromium its flags, chromedriver a fresh profile.
WASM_TEST_ENV := CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/webdriver.json WASM_BINDGEN_TEST_TIMEOUT=120

.PHONY: serve build test lint test-native test-wasm test-e2e test-fuzz fuzz bench clean
.NOTPARALLEL:

serve: build
	PORT=$(PORT) python3 scripts/serve.py

build:
	bash scripts/ensure-tools.sh
	bash scripts/build-wasm.sh

test:
	bash scripts/ensure-tools.sh browser node
	$(MAKE) --no-print-directory lint test-native test-wasm test-e2e test-fuzz

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --lib --bins -- $(STRICT)
	cargo clippy --lib --target wasm32-unknown-unknown -- $(STRICT)
	cargo clippy -p yusuan-open --lib --target wasm32-unknown-unknown -- $(STRICT)

test-native:
	cargo test --workspace
	@# The malformed-input table's count (N/N), which cargo test keeps to itself when it passes.
	cargo test -q --test malformed -- --nocapture 2>&1 | grep -E '^(malformed inputs|English messages): [0-9]+/[0-9]+'

test-wasm:
	$(WASM_TEST_ENV) cargo test --target wasm32-unknown-unknown --test wasm_api

test-e2e:
	bash scripts/build-wasm.sh
	cd tests/e2e && node --test

# Every fuzz target briefly (from the seed corpus alone); `make fuzz` runs each for longer
# (FUZZ_SECONDS, default 60) and keeps what it learns in fuzz/target/corpus/.
test-fuzz:
	bash scripts/fuzz.sh 10

FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

bench:
	bash scripts/ensure-tools.sh browser node
	bash scripts/build-wasm.sh
	node tests/e2e/bench.mjs
	node tests/e2e/largest.mjs
	cargo build --release --bin yusuan
	node tests/e2e/openbench.mjs

clean:
	cargo clean
	rm -rf pkg www/pkg www/data pkg-open www/pkg-open

# folio — `make help` lists the targets.
FOLIO   := target/release/folio
SAMPLES := $(wildcard samples/*.toml)
# Editions `make run` writes; grows as editions land.
FORMATS := all

.PHONY: help run test bench build deps lint golden clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## Build the release binary
	cargo build --release --locked

run: build ## Export every sample to every edition into out/
	$(FOLIO) export $(SAMPLES) --to $(FORMATS) --out-dir out
	$(FOLIO) volume samples/volume/sample.volume.toml --to $(FORMATS) --out-dir out
	@ls -l out

deps: ## Install what the tests need (Debian packages via apt-get)
	./scripts/deps.sh

lint: ## cargo fmt --check and clippy with warnings denied
	cargo fmt --all -- --check
	cargo clippy --locked --all-targets -- -D warnings

test: deps lint ## Run every test (installs what the tests need first)
	cargo test --locked --release

golden: ## Regenerate golden files (review the diff before committing)
	FOLIO_ACCEPT=1 cargo test --locked --release --test text
	git status --short tests/

bench: build ## Benchmarks: whole-process medians per edition (needs hyperfine)
	./scripts/bench.sh

clean: ## Remove build output and exports
	cargo clean
	rm -rf out bench-out

# folio — `make help` lists the targets.
FOLIO   := target/dist/folio
SAMPLES := $(wildcard samples/*.toml samples/long/*.toml)
# Editions `make run` writes; grows as editions land.
FORMATS := all

PREFIX  ?= /usr/local

.PHONY: help run test bench build deps lint golden references clean man install fuzz hostile

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

build: ## Build the shipped binary (profile dist: release with whole-program LTO, docs/speed.md)
	cargo build --profile dist --locked

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

references: build ## Re-render page 1 of every sample in tests/reference (look at the images)
	./scripts/references.sh
	tests/reference/docx-seed-page1.sh
	./scripts/tei-references.sh
	@echo "tests/reference/epub-seed.png needs Chromium: see docs/epub.md"

bench: build ## Benchmarks: whole-process medians per edition (needs hyperfine)
	./scripts/bench.sh

man: build ## Write the manual page to target/folio.1 (clap_mangen)
	$(FOLIO) man > target/folio.1

install: build man ## Install the binary and the man page under PREFIX (default /usr/local)
	install -Dm755 $(FOLIO) $(DESTDIR)$(PREFIX)/bin/folio
	install -Dm644 target/folio.1 $(DESTDIR)$(PREFIX)/share/man/man1/folio.1

fuzz: ## Run each fuzz target for FUZZ_SECONDS (default 60; needs nightly + cargo-fuzz)
	./scripts/fuzz.sh

hostile: build ## 5,000 documents with ~100 hostile ones: every good one exported, every bad one reported
	./scripts/hostile-batch.sh $(FOLIO)

clean: ## Remove build output and exports
	cargo clean
	rm -rf out bench-out

# Convbook — the two README commands are `make serve` and `make test`.
SWIFT        ?= swift
APT_PACKAGES  = libsqlite3-dev libcairo2-dev libopenblas-dev zlib1g-dev fonts-dejavu-core pkg-config \
                chromium chromium-driver libjs-codemirror libjs-markdown-it libjs-katex \
                dataset-fashion-mnist libzmq3-dev libedit-dev
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release test test-release test-venv test-api test-browser test-jupyter test-repl serve bench bench-kernel notebooks fuzz clean

## deps: install the Debian packages the build needs (only those missing)
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Suites that time the kernel as a user sees it (outputs streaming while a cell runs, redraws paced about
# 100 ms apart, an interrupt within 500 ms), and the server's and the kernel child's suites, whose tests each have
# a one-minute limit. They run on their own after the rest: the rest's synchronous convolution tests fill the test
# process's cooperative threads, and then the events these suites time arrive in bunches (seen in fresh-clone CI
# runs: seven redraws in one gap, an interrupt after 1 s), which measures the test runner, not the kernel; on a
# 2-core AMD EPYC without AVX-512 (slower convolutions) the server's tests waited behind them for 280 s and ran
# out of their minute, where on their own all 86 pass in 12 s.
TIMED_SUITES := KernelManagerTests|LiveDisplayKernelTests|KernelChildTests|ServerTests\.

## test: the whole suite
test: deps test-venv
	python3 scripts/module_graph.py
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(TIMED_SUITES)'
	$(SWIFT) test --skip-build --filter '$(TIMED_SUITES)'
	$(MAKE) test-api
	$(MAKE) test-browser
	$(MAKE) test-jupyter
	$(MAKE) test-repl
	# Last, the release build that `make serve` makes (test-release builds it first): a compiler crash only the
	# optimizer hits once broke `make serve` while every debug test passed.
	$(MAKE) test-release

## test-release: what only the optimized build can get wrong. The memory guard under an address-space cap
## (`ulimit -v`, 2 GiB): filling memory with tensors must end in a MemoryError the program catches, not a crash
## (the optimizer once dropped the guard's probe as dead code; Tests/Release/memory_guard.py)
test-release: release
	@bin="$$($(SWIFT) build -c release --show-bin-path)/convbook"; \
	out="$$(ulimit -v 2097152; "$$bin" run Tests/Release/memory_guard.py --quiet 2>&1)"; status=$$?; \
	echo "$$out" | tail -3; \
	echo "$$out" | grep -q "^refused after .* tensors: a tensor of shape \[1000, 1000, 8\] needs" && \
	  echo "$$out" | grep -q "^tensor(1000000.)" && [ $$status = 0 ] || \
	  { echo "test-release: the memory guard did not refuse the tensor past the cap (exit $$status)"; exit 1; }

## test-venv: a Python virtualenv with nbformat, which the Notebook tests use to validate exported .ipynb
## files (set CONVBOOK_NO_PYTHON=1 to skip those tests when running `swift test` by hand)
TEST_VENV := .venv-test
test-venv: $(TEST_VENV)/.nbformat-ok

$(TEST_VENV)/.nbformat-ok:
	python3 -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/pip install --quiet 'nbformat>=5.10,<6'
	$(TEST_VENV)/bin/python -c "import nbformat"
	touch $@

## test-api: schemathesis (pinned, PyPI) against a real `convbook serve` on a free loopback port with a temporary
## database: every operation of /api/openapi.json with generated and invalid requests, at most API_MAX_EXAMPLES
## per operation within API_MAX_SECONDS; fails on any 5xx or a response that does not match its schema
## (Tests/API/run_schemathesis.py; `st replay ID` reproduces a failure it prints)
test-api: deps test-venv $(TEST_VENV)/.schemathesis-ok
	$(SWIFT) build --product convbook
	CONVBOOK_BIN="$$($(SWIFT) build --show-bin-path)/convbook" $(TEST_VENV)/bin/python Tests/API/run_schemathesis.py

$(TEST_VENV)/.schemathesis-ok: $(TEST_VENV)/.nbformat-ok
	$(TEST_VENV)/bin/pip install --quiet 'schemathesis==4.32.5'
	$(TEST_VENV)/bin/st --version
	touch $@

## test-browser: the web page in headless Chromium (selenium) against a real `convbook serve` on a free
## loopback port with a temporary database; screenshots land in .build/browser-artifacts/
test-browser: deps test-venv $(TEST_VENV)/.selenium-ok
	$(SWIFT) build --product convbook
	CONVBOOK_BIN="$$($(SWIFT) build --show-bin-path)/convbook" \
	  $(TEST_VENV)/bin/python -m unittest discover -s Tests/Browser -t Tests/Browser -v

$(TEST_VENV)/.selenium-ok: $(TEST_VENV)/.nbformat-ok
	$(TEST_VENV)/bin/pip install --quiet 'selenium>=4.20,<5'
	$(TEST_VENV)/bin/python -c "import selenium"
	touch $@

## test-jupyter: Convbook as a Jupyter kernel, driven by the Jupyter project's own clients from PyPI (pinned):
## jupyter_kernel_test's conformance suite, jupyter_client (interrupt, restart, signing, stop_on_error, …),
## `jupyter execute`, nbclient and papermill on the example notebooks, `jupyter console` and jupyter_server.
## The kernelspec is installed into a temporary folder that only these tests see.
JUPYTER_PACKAGES := 'jupyter_client==8.10.0' 'jupyter_kernel_test==0.7.0' 'nbclient==0.11.0' 'nbconvert==7.17.2' \
                    'papermill==2.7.0' 'jupyter_console==6.6.3' 'jupyter_server==2.21.1' 'pyzmq==27.3.0' \
                    'websocket-client==1.9.2'
test-jupyter: deps test-venv $(TEST_VENV)/.jupyter-ok
	$(SWIFT) build --product convbook
	CONVBOOK_BIN="$$($(SWIFT) build --show-bin-path)/convbook" \
	  $(TEST_VENV)/bin/python -m unittest discover -s Tests/Jupyter -t Tests/Jupyter -v

$(TEST_VENV)/.jupyter-ok: $(TEST_VENV)/.nbformat-ok
	$(TEST_VENV)/bin/pip install --quiet $(JUPYTER_PACKAGES)
	$(TEST_VENV)/bin/python -c "import jupyter_kernel_test, nbclient, papermill, jupyter_server, websocket"
	touch $@

## test-repl: `convbook repl` in a pseudo-terminal (arrows, Tab, Ctrl-C/R/D, history across runs, pictures) and
## with standard input piped (Tests/Repl/, Python's standard library only)
test-repl: deps test-venv
	$(SWIFT) build --product convbook
	CONVBOOK_BIN="$$($(SWIFT) build --show-bin-path)/convbook" \
	  $(TEST_VENV)/bin/python -m unittest discover -s Tests/Repl -t Tests/Repl -v

## bench-kernel: a toy cell's execute round trip through jupyter_client, p50/p99 over 500 runs, Convbook (release)
## beside ipykernel running the same cell in PyTorch (Benchmarks/peer_kernel.py; its own venv, .venv-bench)
BENCH_VENV := .venv-bench
bench-kernel: release $(BENCH_VENV)/.ok
	$(BENCH_VENV)/bin/python Benchmarks/peer_kernel.py --convbook "$$($(SWIFT) build -c release --show-bin-path)/convbook"

$(BENCH_VENV)/.ok:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet 'jupyter_client==8.10.0' 'ipykernel==7.4.0' 'torch==2.13.0' 'numpy==2.4.6'
	touch $@

## serve: build (release) and start the Convbook server with its defaults (`convbook serve`: 127.0.0.1:8888,
## ./convbook.db, a fresh login token printed in the URL)
serve: release
	$(SWIFT) run -c release --skip-build convbook serve

## bench: the convolution benchmark (release build)
bench: release
	$(SWIFT) run -c release --skip-build convbook bench conv

## notebooks: regenerate the example notebooks, outputs included, from their sources notebooks/src/*.py
## (release build: 13-what-the-channels-learn trains LeNet on all of Fashion-MNIST)
notebooks: deps
	$(SWIFT) build -c release --product convbook
	@bin="$$($(SWIFT) build -c release --show-bin-path)/convbook"; \
	for src in notebooks/src/*.py; do \
	  out="notebooks/$$(basename "$$src" .py).ipynb"; \
	  echo "convbook run $$src --output $$out"; \
	  "$$bin" run "$$src" --output "$$out" --quiet >/dev/null || exit 1; \
	done

## fuzz: libFuzzer on everything the server runs on text it does not control (Fuzz/Targets/): the lexer,
## parser and name analysis (lang), the .ipynb and percent readers, the markdown renderer and the JSON reader.
## Each target runs FUZZ_SECONDS from the committed seeds (Fuzz/Corpus/, Fuzz/Regressions/ and the examples);
## a crash is saved under .build-fuzz/crashes/ and the run exits 1: commit the file as
## Fuzz/Regressions/<target>/<what-it-is>, fix the code, and `make test` replays it from then on.
## `.build-fuzz/release/convbook-fuzz` without the sanitizer flags replays files: `convbook-fuzz lang FILE…`.
FUZZ_SECONDS ?= 120
FUZZ_TARGETS ?= lang ipynb percent markdown json
FUZZ_SEEDS_lang     = notebooks/src Tests/LangTests/Golden
FUZZ_SEEDS_ipynb    = notebooks Tests/NotebookTests/Fixtures
FUZZ_SEEDS_percent  = notebooks/src
FUZZ_SEEDS_markdown =
FUZZ_SEEDS_json     = Fuzz/Corpus/ipynb
fuzz: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product convbook-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DCONVBOOK_LIBFUZZER -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t .build-fuzz/crashes; \
	  dict=""; [ -f Fuzz/$$t.dict ] && dict="-dict=Fuzz/$$t.dict"; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  seeds="Fuzz/Corpus/$$t Fuzz/Regressions/$$t"; \
	  case $$t in lang) seeds="$$seeds $(FUZZ_SEEDS_lang)";; ipynb) seeds="$$seeds $(FUZZ_SEEDS_ipynb)";; \
	    percent) seeds="$$seeds $(FUZZ_SEEDS_percent)";; json) seeds="$$seeds $(FUZZ_SEEDS_json)";; esac; \
	  CONVBOOK_FUZZ_TARGET=$$t SWIFT_BACKTRACE=enable=no .build-fuzz/release/convbook-fuzz \
	    .build-fuzz/corpus/$$t $$seeds $$dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
	    -max_len=131072 -len_control=100 -artifact_prefix=.build-fuzz/crashes/$$t- -print_final_stats=1 \
	    2>.build-fuzz/$$t.log || failed="$$failed $$t"; \
	  grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" .build-fuzz/$$t.log; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in$$failed (see .build-fuzz/crashes/ and .build-fuzz/*.log)"; exit 1; fi

clean:
	rm -rf .build .build-fuzz

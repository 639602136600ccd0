# Cairn — the two commands: `make run` and `make test`. Both install what is missing first: `make
# run` what building and running need, `make test` also what the tests and benchmarks need.
PRESET ?= release
BUILD := build/$(PRESET)
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
PLAN ?= examples/atlas

.PHONY: all deps deps-run configure configure-run build build-run run test test-asan fuzz bench format clean

all: build

# What building and running need; `make test` adds what the tests and benchmarks need
# (scripts/install-deps says which is which).
deps-run:
	@bash scripts/install-deps run

deps:
	@bash scripts/install-deps test

# `make run` builds the tests and benchmarks only when their libraries are installed already
# (after a `make test`); otherwise it leaves them out.
RUN_FLAGS = $(shell pkg-config --exists gtest benchmark 2>/dev/null || echo "-DCAIRN_BUILD_TESTS=OFF -DCAIRN_BUILD_BENCH=OFF")

configure-run: deps-run
	@cmake --preset $(PRESET) $(RUN_FLAGS) >/dev/null

build-run: configure-run
	cmake --build $(BUILD) -j $(JOBS)

configure: deps
	@cmake --preset $(PRESET) -DCAIRN_BUILD_TESTS=ON -DCAIRN_BUILD_BENCH=ON >/dev/null

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job so far (until the server lands): check the example program, print its summary, its
# leveled schedule and its forecast. Exit code 1 of schedule/forecast means findings (a late
# milestone), which the example has on purpose.
# The example program in the embedded SQLite store, served on loopback: `cairn apply` makes the
# stored program equal to the plan (unchanged: nothing written), a new API token (tpm on every
# program) is printed, and `cairn serve` runs until Ctrl-C.
DB ?= $(BUILD)/cairn.db
LISTEN ?= 127.0.0.1:8080
run: build-run
	$(BUILD)/cairn check $(PLAN)
	@out=$$($(BUILD)/cairn apply $(PLAN) --db $(DB)) || { echo "$$out"; exit 1; }; \
	  echo "$$out" | tail -n 1
	@token=$$($(BUILD)/cairn token create --db $(DB) --user demo --role tpm) && \
	  echo "API token (role tpm): $$token" && \
	  echo "try: curl -H \"Authorization: Bearer $$token\" http://$(LISTEN)/api/v1/programs"
	$(BUILD)/cairn serve --db $(DB) --listen $(LISTEN)

test: build
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure --timeout 600

test-asan:
	$(MAKE) test PRESET=asan

# libFuzzer harnesses under fuzz/ (their own configuration, build/fuzz), FUZZ_SECONDS each from
# their seeds; the corpus they grow stays in build/fuzz/corpus. `make test` runs a 5-second round.
fuzz: deps
	bash fuzz/smoke.sh build/fuzz $(FUZZ_SECONDS)

bench: build
	@for b in $(BUILD)/bench/*_bench; do [ -x $$b ] && $$b; done

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build

# Leora Terminal. `make demo` and `make test` are the two set-up commands (see README.md).
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)

.PHONY: deps build test test-postgres soak demo portal bench hot-functions cold-key fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The whole suite: one build of everything, then the tests (they start real servers on 127.0.0.1), then the
# server suite again on PostgreSQL (test-postgres).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	LEORA_TEST_DATABASE=postgres $(SWIFT) test --skip-build --filter PortalServerTests

# The server suite on PostgreSQL alone: a throwaway cluster on a Unix socket, started and removed by the tests,
# at most six test servers at once (LEORA_TEST_SERVERS) so that a loaded two-core machine keeps to the deadlines.
test-postgres: deps
	$(SWIFT) build --build-tests
	LEORA_TEST_DATABASE=postgres $(SWIFT) test --skip-build --filter PortalServerTests

# Random keys and resizes on every pane of the real leora, in tmux, against a freshly seeded portal: at
# least 20,000 of them, with a random seed unless SOAK_SEED is given (printed either way, and on failure
# with the last 50 keys).
SOAK_KEYS ?= 20000
SOAK_SEED ?= $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
soak: deps
	$(SWIFT) build --build-tests
	SOAK_KEYS=$(SOAK_KEYS) SOAK_SEED=$(SOAK_SEED) $(SWIFT) test --skip-build --filter RandomKeysEndToEndTests

# A freshly seeded portal on a free port, and leora against it; the portal stops when leora exits.
demo: deps
	SWIFT=$(SWIFT) scripts/demo.sh

# Every figure of issue 6 beside its reference, in one table (see README, "Benchmarks"); also JSON in
# bench/results/latest.json. Builds the release binaries first (reporting the build time).
bench: deps
	@bench/install.sh
	PATH="$$(dirname $(SWIFT)):$$PATH" python3 bench/run.py $(ARGS)

# Sources/leora/leora.order, the functions a release `leora` links next to each other, from a session run
# under valgrind's callgrind (see README, "Benchmarks"). Run it again when `make bench`'s "hot functions" line
# says listed functions are gone.
hot-functions: deps
	@bench/install.sh
	@scripts/install-deps.sh valgrind binutils
	PATH="$$(dirname $(SWIFT)):$$PATH" python3 bench/hot_functions.py $(ARGS)

# The cache lines one `j` touches after B2's pause, counted under callgrind for leora and the C floor (see
# README, "Where the remaining time goes"): the same build gives nearly the same count, so a change is
# measured by running it before and after. ARGS="--keys N", "--binaries DIR".
cold-key: deps
	@bench/install.sh
	@scripts/install-deps.sh valgrind binutils
	PATH="$$(dirname $(SWIFT)):$$PATH" python3 bench/cold_key.py $(ARGS)

# schemathesis (every check, the stateful phase included) against a freshly seeded portal, as a rep
# and as an admin (see README, "Fuzzing"). ARGS="--quick" is CI's short pass; other ARGS go to `st run`.
fuzz: deps
	SWIFT=$(SWIFT) scripts/fuzz.sh $(ARGS)

portal: build
	$$($(SWIFT) build --show-bin-path)/leora-portal $(ARGS)

clean:
	rm -rf .build

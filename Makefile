# Leora Terminal. `make demo` and `make test` are the two set-up commands (see README.md).
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)

.PHONY: deps build test demo portal clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The whole suite: one build of everything, then the tests (they start real servers on 127.0.0.1).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# A freshly seeded portal on a free port, and leora against it; the portal stops when leora exits.
demo: deps
	SWIFT=$(SWIFT) scripts/demo.sh

portal: build
	$$($(SWIFT) build --show-bin-path)/leora-portal $(ARGS)

clean:
	rm -rf .build

# Leora Terminal. `make demo` and `make test` are the two set-up commands (see README.md).
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)
DEMO_DIR ?= $(shell mktemp -d -t leora-demo-XXXXXX)

.PHONY: deps build test demo portal clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The whole suite: one build of everything, then the tests (they start real servers on 127.0.0.1).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Until the client exists: the seeded reference server in the foreground.
demo: deps
	$(SWIFT) build --product leora-portal
	@echo "Demo accounts: rep@northwind.test, admin@northwind.test, viewer@northwind.test, rep@fjord.test (password leora-demo)"
	$$($(SWIFT) build --show-bin-path)/leora-portal --seed demo --database $(DEMO_DIR)/portal.sqlite --port $${PORT:-8787}

portal: build
	$$($(SWIFT) build --show-bin-path)/leora-portal $(ARGS)

clean:
	rm -rf .build

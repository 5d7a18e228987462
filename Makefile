# Loket. `make run` and `make test` install what they need on a fresh
# Debian machine (as root), then build and run, or test.

export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
export CGO_ENABLED := 1

GO        ?= go
TAGS      := migrated_fynedo
TESTTAGS  := ci,migrated_fynedo
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)

# Debian packages: cgo + Fyne's GL/X11 build deps, and the tools the tests
# and screenshots use (Xvfb, xwininfo and xwd for the real-app tests, xdotool
# for the scripted day that types and taps in the real windows, poppler
# for PDF checks, python3 for the XLSX zip check, espeak-ng/sox for the
# voice clips). Under the ci tag a missing tool fails its test. postgresql:
# the central tests start their own throwaway cluster on loopback from its
# binaries (as the postgres user when root). chromium: the web pages (phone
# ticket, browser display) are tested in Debian's headless Chromium;
# chromium-driver comes with it for WebDriver tools (the Go tests speak the
# DevTools protocol through chromedp and need only chromium).
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev libwayland-dev
TEST_DEPS  := $(BUILD_DEPS) xvfb x11-utils x11-apps libgl1-mesa-dri poppler-utils python3 postgresql espeak-ng sox chromium chromium-driver xdotool

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# staticcheck (its default checks, no staticcheck.conf) runs in `make test`;
# the Makefile installs this version into $(HOME)/go/bin from the module proxy.
STATICCHECK_VERSION := v0.8.2

.PHONY: run build test vet bench deps deps-test check-go staticcheck-install clean

run: deps build
	./bin/loket

build: check-go
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o bin/loket ./cmd/loket

# The fuzz targets of the decoders that face the network run briefly after
# the tests (their seed corpus runs with the tests too). Bounded by a count of
# executions, not by time: go1.26's fuzz coordinator can report a bare
# "context deadline exceeded" when a -fuzztime duration ends while a worker is
# still busy (go.dev/issue/75804, fixed only in Go 1.27); a count has no
# wall-clock deadline, so a slow machine fuzzes longer instead of failing.
# 30000 executions take 6-10 s each here.
test: deps-test check-go staticcheck-install
	$(GO) vet -tags $(TESTTAGS) ./...
	staticcheck -tags $(TESTTAGS) ./...
	$(GO) test -race -tags $(TESTTAGS) -count=1 -timeout 20m ./...
	$(GO) test -tags $(TESTTAGS) -run '^$$' -fuzz FuzzDecodeBatch -fuzztime 30000x ./central
	$(GO) test -tags $(TESTTAGS) -run '^$$' -fuzz FuzzSSEReader -fuzztime 30000x ./hub
	$(GO) test -tags $(TESTTAGS) -run '^$$' -fuzz FuzzDecodeEvent -fuzztime 30000x ./hub

vet: check-go
	$(GO) vet -tags $(TESTTAGS) ./...

# Performance targets live here, never in timed unit tests. -p 1: one package's
# benchmarks at a time, so the hub load test does not share the CPUs with the
# year of sync.
bench: deps-test check-go
	$(GO) test -tags $(TESTTAGS) -run '^$$' -bench 'IssueVsBare' -benchtime 3000x ./store
	LOKET_STRESS=10s $(GO) test -tags $(TESTTAGS) -run '^$$' -bench 'Concurrent8' -benchtime 1x ./store
	$(GO) test -tags $(TESTTAGS) -run '^$$' -bench 'SuggestAnswers|OpenConsultations' -benchtime 1s ./store
	$(GO) test -tags $(TESTTAGS) -run '^$$' -bench 'CallNextWaiting' -benchtime 1000x ./store
	$(GO) test -tags $(TESTTAGS) -run '^$$' -bench 'PhonesWatching' -benchtime 1000x ./web
	$(GO) test -p 1 -tags $(TESTTAGS) -run '^$$' -bench . -benchtime 1s $$($(GO) list ./... | grep -v -e '/store$$' -e '/web$$')

deps:
	@dpkg -s $(BUILD_DEPS) >/dev/null 2>&1 || { $(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(BUILD_DEPS); }

deps-test:
	@dpkg -s $(TEST_DEPS) >/dev/null 2>&1 || { $(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(TEST_DEPS); }

staticcheck-install: check-go
	@staticcheck -version 2>/dev/null | grep -q '($(STATICCHECK_VERSION:v%=%))' || \
		GOBIN=$(HOME)/go/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Go 1.26 tidak ditemukan (diharapkan di /usr/local/go)."; exit 1; }
	@$(GO) mod download

clean:
	rm -rf bin dist

# Packages for counter PCs: make windows, windows-smoke, package-linux, packages, icon.
include packaging/Makefile.inc

# dangjian: plain GNU Makefile. Sources are picked up by wildcard; objects go to $(O).
#   make          build $(O)/dangjian
#   make demo     install what is missing, build, create data/demo.db, serve on :8080
#   make quick    unit + db + api tests (the edit loop)
#   make check    every tier CI runs: lint + quick + new-area-check + ASan/UBSan build of quick
#                 and check-pg + fuzz-check + browser
#   make new-area-check  tools/new-area.sh demo_area in a /tmp copy, built and tested there
#   make check-pg the driver conformance and API suites again on a throwaway PostgreSQL cluster
#   make lint     clang-format check, tools/checksrc.sh, cppcheck
#   make fuzz     libFuzzer targets, FUZZ_RUNS executions each (fuzz-check: FUZZ_SECONDS each, in check)
#   make crash    the SIGKILL crash test with CRASH_KILLS kills (5 in make quick)
#   make bench    benchmarks (not part of check); make bench-textsim: the text-similarity one alone

O ?= build
SAN ?= 0
CC ?= cc
PKGS := libmicrohttpd sqlite3 libpq libsodium jansson xlsxwriter libzip expat libcrypto libqrencode

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wwrite-strings -Wvla -Wformat=2 -Wcast-qual
OPT ?= -O2 -g
CFLAGS += $(OPT) -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) -Isrc -I$(O)/gen \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -pthread -lm
ifeq ($(SAN),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# FUZZ=1 (with CC=clang SAN=1): the library instrumented for libFuzzer's coverage feedback.
ifeq ($(FUZZ),1)
CFLAGS += -fsanitize=fuzzer-no-link
endif

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CFLAGS += -DDANGJIAN_VERSION='"$(VERSION)"'

SRCS := $(shell find src -name '*.c' | sort)
LIB_SRCS := $(filter-out src/cli/main.c,$(SRCS))
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))
LIB_OBJS := $(LIB_SRCS:%.c=$(O)/%.o) $(O)/gen/migrations.o $(O)/gen/modules.o \
	$(O)/gen/openapi_fragments.o $(O)/gen/common_passwords.o
# The composition root: MODULES[] lists every module row found in the areas' adapters (see
# tools/gen-modules.sh and docs/architecture.md), so adding an area edits no shared list.
MODULE_SRCS := $(sort $(wildcard src/domain/*/*_http.c src/io/*_http.c))
# Each area's OpenAPI fragment (response schemas), embedded for `dangjian openapi`.
OPENAPI_FRAGS := $(sort $(wildcard src/domain/*/*.openapi.json src/io/*.openapi.json))

UNIT_SRCS := $(shell find tests/unit tests/db -name '*_test.c' | sort)
UNIT_BINS := $(UNIT_SRCS:%.c=$(O)/%)
FUZZ_BINS := $(patsubst %.c,$(O)/%,$(sort $(wildcard tests/fuzz/*_fuzz.c)))

.SECONDARY:
.DEFAULT_GOAL := all
FORCE:
.PHONY: FORCE all demo quick check new-area-check check-pg unit api browser lint sanitize bench bench-textsim clean deps \
	fuzz fuzz-check fuzz-bins crash
all: $(O)/dangjian web/vendor/.stamp web/gen/.stamp

# The web UI's npm packages, copied as prebuilt browser files into the served web/vendor/.
web/vendor/.stamp: package-lock.json tools/web-vendor.sh web/index.html
	@tools/web-vendor.sh

# The app's modules mirrored into the served web/gen/ with their Vue templates precompiled,
# so the page runs without eval (see the CSP in src/http/server.c).
WEB_SRCS := $(shell find web -name '*.js' -not -path 'web/vendor/*' -not -path 'web/gen/*' -not -path 'web/.*')
web/gen/.stamp: $(WEB_SRCS) tools/web-compile.js web/vendor/.stamp
	@node tools/web-compile.js

# The list of migration files, rewritten only when it changes, so a renumbered (renamed) file
# re-embeds them although no file is newer.
$(O)/gen/migrations.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(MIGRATIONS)' | cmp -s - $@ || echo '$(MIGRATIONS)' > $@
$(O)/gen/migrations.c: $(MIGRATIONS) $(O)/gen/migrations.list tools/embed-migrations.sh
	@mkdir -p $(dir $@)
	@tools/embed-migrations.sh $@ $(MIGRATIONS)

# The common passwords the password rules refuse (src/domain/auth/auth.c), embedded like the
# migrations so the binary needs no data file at run time.
$(O)/gen/common_passwords.c: src/domain/auth/common_passwords.txt tools/embed-wordlist.sh
	@mkdir -p $(dir $@)
	@tools/embed-wordlist.sh $@ $< AUTH_COMMON_PASSWORDS domain/auth/auth_int.h

$(O)/gen/common_passwords.o: $(O)/gen/common_passwords.c
	@$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

# Each compile also writes the headers it read into a .d file beside its output (-MMD), with an
# empty rule per header (-MP) so a deleted header does not stop the build; make includes
# them, so an object is rebuilt when a header it includes changes, and only then.
DEPFLAGS = -MMD -MP -MT $@ -MF $@.d

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(O)/gen/migrations.o: $(O)/gen/migrations.c
	@$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

# Regenerated on every make (one grep), so an area added or removed is seen even when no
# adapter is newer; the file is rewritten, and modules.o rebuilt, only when the rows change.
$(O)/gen/modules.c: FORCE
	@mkdir -p $(dir $@)
	@tools/gen-modules.sh $@ $(MODULE_SRCS)

$(O)/gen/modules.o: $(O)/gen/modules.c
	@$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

# enum perm from the areas' PERM_ROW lines (tools/gen-perms.sh), like modules.c: regenerated
# on every make, rewritten only when the permissions change. Every object may include perm.h,
# so the header must exist before the first compile (an order-only prerequisite; afterwards
# the .d files make the objects that read it depend on it).
$(O)/gen/perm_ids.h: FORCE
	@mkdir -p $(dir $@)
	@tools/gen-perms.sh $@ $(MODULE_SRCS)

$(LIB_OBJS) $(O)/src/cli/main.o $(O)/tests/unit/tap.o $(UNIT_BINS): | $(O)/gen/perm_ids.h

# Like modules.c: rewritten on every make only when a fragment was added, removed or changed.
$(O)/gen/openapi_fragments.c: FORCE
	@mkdir -p $(dir $@)
	@tools/embed-openapi.sh $@ $(OPENAPI_FRAGS)

$(O)/gen/openapi_fragments.o: $(O)/gen/openapi_fragments.c
	@$(CC) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(O)/libdangjian.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(O)/dangjian: $(O)/src/cli/main.o $(O)/libdangjian.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%_test: tests/%_test.c $(O)/tests/unit/tap.o $(O)/libdangjian.a
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	@$(CC) $(CFLAGS) $(DEPFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(O)/tests/unit/tap.o $(O)/libdangjian.a $(LDLIBS)

-include $(addsuffix .d,$(LIB_OBJS) $(O)/src/cli/main.o $(O)/tests/unit/tap.o $(UNIT_BINS) $(FUZZ_BINS))
# An object built before it had a .d file (a build directory from before -MMD) cannot know its
# headers: it depends on all of them, so a changed struct is never linked in two layouts.
HDRS := $(shell find src tests -name '*.h')
$(foreach o,$(LIB_OBJS) $(O)/src/cli/main.o $(O)/tests/unit/tap.o $(UNIT_BINS),$(if $(wildcard $(o).d),,$(eval $(o): $(HDRS))))

deps:
	tools/install-deps.sh

demo: deps
	$(MAKE) all
	tools/demo.sh

unit: $(UNIT_BINS)
	tools/run-unit.sh $(UNIT_BINS)

# Each API test file starts its own server on a fresh database (port 0, its own temp dir), so
# files run side by side, one per core by default.
API_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
api: $(O)/dangjian
	DANGJIAN_BIN=$(O)/dangjian node --test --test-reporter=tap --test-concurrency=$(API_JOBS) tests/api/ 2>&1 | tools/tap-summary.sh api

# Browser files run side by side too (each its own server and chromium), one per core.
BROWSER_JOBS ?= $(API_JOBS)
browser: $(O)/dangjian web/vendor/.stamp web/gen/.stamp
	@if ls tests/browser/*.test.js >/dev/null 2>&1; then \
		DANGJIAN_BIN=$(O)/dangjian node --test --test-reporter=tap --test-concurrency=$(BROWSER_JOBS) tests/browser/ 2>&1 | tools/tap-summary.sh browser; \
	else echo "# browser: 0 passed, 0 failed (no browser tests yet)"; fi

quick: unit api

check-pg: $(O)/dangjian $(O)/tests/db/driver_test
	tools/with-pg.sh sh -c 'tools/run-unit.sh $(O)/tests/db/driver_test && \
		DANGJIAN_BIN=$(O)/dangjian node --test --test-reporter=tap --test-concurrency=$(API_JOBS) tests/api/ 2>&1 | tools/tap-summary.sh api-pg'

sanitize:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(MAKE) O=build/asan SAN=1 OPT='-O1 -g' quick check-pg

lint:
	tools/lint.sh

# tools/new-area.sh demo_area in a copy of the tree, built and tested there (about a minute).
new-area-check: $(O)/dangjian
	O=$(O) tools/new-area-check.sh

# libFuzzer targets (tests/fuzz/*_fuzz.c) over the library built by clang with ASan+UBSan in
# build/fuzz. fuzz-check (in check) runs each for FUZZ_SECONDS from its seed corpus; fuzz runs
# each for FUZZ_RUNS executions (tools/fuzz.sh reports executions and fails on a crash).
$(O)/tests/fuzz/%_fuzz: tests/fuzz/%_fuzz.c $(O)/libdangjian.a
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	@$(CC) $(CFLAGS) $(DEPFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(O)/libdangjian.a $(LDLIBS)
fuzz-bins: $(FUZZ_BINS)
FUZZ_MAKE = $(MAKE) O=build/fuzz CC=clang SAN=1 FUZZ=1 OPT='-O1 -g' fuzz-bins
FUZZ_SECONDS ?= 30
FUZZ_RUNS ?= 10000000
fuzz-check:
	@$(FUZZ_MAKE)
	tools/fuzz.sh build/fuzz -max_total_time=$(FUZZ_SECONDS)
fuzz:
	@$(FUZZ_MAKE)
	tools/fuzz.sh build/fuzz -runs=$(FUZZ_RUNS)

# The crash test of make quick (tests/api/crash.test.js) with more kills.
CRASH_KILLS ?= 50
crash: $(O)/dangjian
	CRASH_KILLS=$(CRASH_KILLS) DANGJIAN_BIN=$(O)/dangjian node --test tests/api/crash.test.js

# The unit, db and API tiers run once, on the ASan/UBSan build (sanitize: make quick and
# check-pg there, SQLite and PostgreSQL); the plain build serves the browser tier and the
# new-area check. make quick is the same tiers on the plain build, for the edit loop.
check: lint new-area-check sanitize fuzz-check browser

bench: $(O)/dangjian $(O)/bench/textsim_bench
	bench/run.sh

# Micro-benchmarks written in C over the library (bench/*_bench.c); bench-textsim runs the
# text-similarity one alone (no server, no dependencies, a few seconds).
$(O)/bench/%_bench: bench/%_bench.c $(O)/libdangjian.a
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libdangjian.a $(LDLIBS)
bench-textsim: $(O)/bench/textsim_bench
	$(O)/bench/textsim_bench

clean:
	rm -rf build

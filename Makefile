# libcareer - build, test, install.
#
#   make                 the libraries (static and shared), the example and
#                        the command-line tools (career-estimate, -project,
#                        -ladder, -import, -merit)
#   make check           build and run every test (installs missing packages);
#                        the Python binding's too when python3 has cffi,
#                        numpy and pytest
#   make python          build the library, regenerate the Python binding's
#                        declarations from career.h and run its tests
#   make demo            build and run the tools on the built-in profile
#   make install         PREFIX=/usr/local DESTDIR=  (also: make uninstall)
#   make deps            install the Debian packages the build needs
#   make clean
#
# Variants build into their own folder, so they never mix objects:
#   make check SAN=1     address + undefined-behaviour sanitizers
#   make check-tsan      every test under the thread sanitizer (SAN=thread)
#   make check-clang     every test, built with clang (CC=clang)
#   make check-valgrind  every test program and each tool under valgrind
#   make coverage        line and branch coverage of lib/ (gcovr), with floors
#   make abi-check       the shared library's ABI against abi/ (abidiff)

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKG_CONFIG ?= pkg-config

VERSION := $(shell sed -n 's/^\#define CAREER_VERSION_STRING "\(.*\)"/\1/p' include/career.h)
MAJOR := $(firstword $(subst ., ,$(VERSION)))

# Debian packages: what the library needs, and what the tests need besides.
LIB_PKGS := gsl jansson libzip libxml-2.0
TEST_PKGS := cmocka
# The command-line tools plot with PLplot (its cairo driver writes PNG) and
# ask fontconfig which characters a font can draw; their
# tests check SVG with xmllint, PNG with python3 and profiles against their
# JSON Schema with Debian's python3-jsonschema.
CLI_PKGS := plplot fontconfig
TEST_CMDS := xmllint python3
DEB_PACKAGES := make gcc pkg-config libgsl-dev libjansson-dev libcmocka-dev \
                valgrind gcovr clang libclang-rt-14-dev libplplot-dev \
                libfontconfig-dev plplot-driver-cairo libxml2-utils python3 \
                python3-mpmath jq python3-jsonschema libzip-dev libxml2-dev \
                python3-openpyxl python3-cffi python3-numpy python3-pytest abigail-tools
deb_of_gsl := libgsl-dev
deb_of_jansson := libjansson-dev
deb_of_libzip := libzip-dev
deb_of_libxml-2.0 := libxml2-dev
deb_of_cmocka := libcmocka-dev
deb_of_plplot := libplplot-dev
deb_of_fontconfig := libfontconfig-dev
deb_of_xmllint := libxml2-utils
deb_of_python3 := python3

ifeq ($(SAN),1)
VARIANT := san
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
else ifeq ($(SAN),thread)
VARIANT := tsan
SAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
else ifeq ($(CLANG),1)
# A second compiler: its warnings and its reading of the code.
VARIANT := clang
CC := clang
SAN_FLAGS :=
else ifeq ($(COVERAGE),1)
VARIANT := cov
# One build of each function: a second, AVX2 clone would never run beside
# the first and would count as untested.
SAN_FLAGS := --coverage -fprofile-update=atomic -DCAREERP_NO_CLONES
OPT := -O0 -g
else
VARIANT := default
SAN_FLAGS :=
endif
B := build/$(VARIANT)

WARNINGS := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion \
            -Wstrict-prototypes -Wmissing-prototypes
OPT ?= -O2 -g
# Recursively expanded on purpose: pkg-config runs when a recipe needs the
# flags, after the dependency check, not when the Makefile is read.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(LIB_PKGS) 2>/dev/null)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(LIB_PKGS) 2>/dev/null) -lpthread -lm
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
CLI_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(CLI_PKGS) 2>/dev/null)
CLI_LIBS = $(shell $(PKG_CONFIG) --libs $(CLI_PKGS) 2>/dev/null)
PLPLOT_DRIVER = $(shell $(PKG_CONFIG) --variable=drvdir plplot 2>/dev/null)/cairo.so
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARNINGS) \
             $(SAN_FLAGS) -Iinclude $(DEP_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN_FLAGS) $(LDFLAGS)

LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
STATIC_LIB := $(B)/libcareer.a
SHARED_REAL := $(B)/libcareer.so.$(VERSION)
SHARED_SONAME := libcareer.so.$(MAJOR)
SHARED_LIB := $(B)/libcareer.so

TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
CLI_NAMES := estimate project ladder import merit
CLI_BIN := $(CLI_NAMES:%=$(B)/bin/career-%)
CLI_OBJ := $(B)/examples/cli.o
EXAMPLE_BIN := $(B)/bin/career-demo $(CLI_BIN)

.PHONY: check-tsan check-clang check-valgrind run-valgrind coverage run-coverage
.PHONY: all lib check run-check demo install uninstall deps deps-check \
        ensure-deps print-deb-packages clean install-cli uninstall-cli
.DEFAULT_GOAL := all

all: deps-check
	@$(MAKE) --no-print-directory lib $(EXAMPLE_BIN)

lib: $(STATIC_LIB) $(SHARED_LIB)

# ---- dependencies ---------------------------------------------------------

# One clear line per missing package, naming what to install.
deps-check:
	@command -v $(PKG_CONFIG) >/dev/null 2>&1 || \
	  { echo "libcareer: pkg-config not found: install the Debian package pkg-config (or run 'make deps')" >&2; exit 1; }
	@for p in $(LIB_PKGS) $(CLI_PKGS) $(if $(filter check run-check,$(MAKECMDGOALS)),$(TEST_PKGS)); do \
	  $(PKG_CONFIG) --exists $$p || \
	  { case $$p in gsl) d=$(deb_of_gsl);; jansson) d=$(deb_of_jansson);; \
	    cmocka) d=$(deb_of_cmocka);; plplot) d=$(deb_of_plplot);; \
	    fontconfig) d=$(deb_of_fontconfig);; \
	    libzip) d=$(deb_of_libzip);; libxml-2.0) d=$(deb_of_libxml-2.0);; \
	    *) d=$$p;; esac; \
	    echo "libcareer: missing $$p: install the Debian package $$d (or run 'make deps')" >&2; \
	    exit 1; }; \
	done
	@$(if $(filter check run-check,$(MAKECMDGOALS)),true,exit 0); \
	[ -e "$(PLPLOT_DRIVER)" ] || \
	  { echo "libcareer: missing PLplot's cairo driver (PNG plots): install the Debian package plplot-driver-cairo (or run 'make deps')" >&2; exit 1; }; \
	for c in $(TEST_CMDS); do \
	  command -v $$c >/dev/null 2>&1 || \
	  { case $$c in xmllint) d=$(deb_of_xmllint);; *) d=$(deb_of_python3);; esac; \
	    echo "libcareer: missing $$c (CLI tests): install the Debian package $$d (or run 'make deps')" >&2; \
	    exit 1; }; \
	done

# Installs missing packages only when something is missing.
ensure-deps:
	@if ! command -v $(PKG_CONFIG) >/dev/null 2>&1 || \
	    ! $(PKG_CONFIG) --exists $(LIB_PKGS) $(TEST_PKGS) $(CLI_PKGS) || \
	    [ ! -e "$(PLPLOT_DRIVER)" ] || \
	    ! command -v xmllint >/dev/null 2>&1 || \
	    ! command -v python3 >/dev/null 2>&1 || \
	    ! /usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1; then \
	  echo "libcareer: installing missing Debian packages (make deps)"; \
	  $(MAKE) --no-print-directory deps; \
	fi

# For .ci/run: the one list of Debian packages, kept here.
print-deb-packages:
	@echo $(DEB_PACKAGES)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
deps:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y \
	  --no-install-recommends $(DEB_PACKAGES)

# ---- the library ----------------------------------------------------------

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -fPIC -fvisibility=hidden -DCAREER_BUILDING \
	  -MMD -MP -c $< -o $@

# The vectorised files (curve.c, simulate.c, select.c, rng.c) ask for -O3
# and no FP traps in their own text, so another build system keeps their
# speed.

$(STATIC_LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(SHARED_REAL): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SHARED_SONAME) -Wl,--no-undefined \
	  $(LDFLAGS_ALL) -o $@ $^ $(DEP_LIBS)

$(SHARED_LIB): $(SHARED_REAL)
	ln -sf $(notdir $(SHARED_REAL)) $(B)/$(SHARED_SONAME)
	ln -sf $(SHARED_SONAME) $@

# ---- examples -------------------------------------------------------------

$(B)/bin/%: examples/%.c $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP $< -o $@ $(LDFLAGS_ALL) $(STATIC_LIB) \
	  $(DEP_LIBS)

# The command-line tools link the shared helpers: cli.o (options, model,
# money, errors) and table.o (text, CSV, JSON); only the tools that draw
# link plot.o and PLplot (with cairo), so the others start without them.
CLI_OBJ := $(B)/examples/cli.o $(B)/examples/table.o
PLOT_OBJ := $(B)/examples/plot.o
PLOT_TOOLS := project ladder merit
PLOT_BIN := $(PLOT_TOOLS:%=$(B)/bin/career-%)

$(B)/examples/%.o: examples/%.c examples/cli.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(PLOT_OBJ): CFLAGS_ALL += $(CLI_CFLAGS)
# career-merit draws its own plot (employees in their ranges) with PLplot.
$(B)/bin/career-merit: CFLAGS_ALL += $(CLI_CFLAGS)

$(CLI_BIN): $(B)/bin/%: examples/%.c examples/cli.h $(CLI_OBJ) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP $< -o $@ $(LDFLAGS_ALL) $(CLI_OBJ) \
	  $(if $(filter $@,$(PLOT_BIN)),$(PLOT_OBJ)) \
	  $(STATIC_LIB) $(DEP_LIBS) $(if $(filter $@,$(PLOT_BIN)),$(CLI_LIBS))

$(PLOT_BIN): $(PLOT_OBJ)

# The three tools on the built-in profile, as the README's quick start shows.
demo: ensure-deps
	@$(MAKE) --no-print-directory -s lib $(EXAMPLE_BIN)
	@echo '$$ career-ladder'; $(B)/bin/career-ladder
	@echo; echo '$$ career-estimate --years 5 --salary 140000'; \
	  $(B)/bin/career-estimate --years 5 --salary 140000
	@echo; echo '$$ career-project --horizon 10'; \
	  $(B)/bin/career-project --horizon 10

# ---- tests ----------------------------------------------------------------

$(B)/tests/%: tests/%.c tests/util.h $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Ilib $(TEST_CFLAGS) -MMD -MP $< -o $@ \
	  $(LDFLAGS_ALL) $(STATIC_LIB) $(DEP_LIBS) $(TEST_LIBS)

# Counts allocations and live blocks, and fails the Nth on demand: links
# libcareer's objects with malloc, calloc, realloc and free wrapped.
$(B)/tests/test_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
# Fails the merit cycle's allocations one at a time, the same way.
$(B)/tests/test_merit_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
# Fails each allocation of the table readers in turn, the same way.
$(B)/tests/test_oews_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

check: ensure-deps
	@$(MAKE) --no-print-directory run-check

run-check: deps-check $(TEST_BIN) $(SHARED_LIB) $(EXAMPLE_BIN)
	@rc=0; B=$(B) CC="$(CC)" MAKE="$(MAKE)" sh tests/run.sh $(TEST_BIN) || rc=1; \
	$(MAKE) --no-print-directory run-python-check || rc=1; exit $$rc

# ---- the Python binding (python/: careerlib, cffi in ABI mode) -------------

# Debian's python3, where python3-cffi, -numpy and -pytest install; a
# virtualenv's or pyenv's python3 earlier on PATH may lack them.
PYTHON3 ?= /usr/bin/python3
PYTEST_ARGS ?=
PYTHON_MODULES := cffi numpy pytest

.PHONY: python run-python-check
# The declarations are regenerated here (never by hand): commit
# python/careerlib/_cdef.py when they change; make check fails while stale.
python: deps-check
	@$(MAKE) --no-print-directory lib
	$(PYTHON3) python/gen_cdef.py
	@$(MAKE) --no-print-directory run-python-check PYTHON_REQUIRED=1

# The tests load this build's library (CAREER_LIBRARY). A sanitized library
# cannot be loaded into an uninstrumented python3: those variants skip them.
run-python-check: $(SHARED_LIB)
	@case "$(VARIANT)" in san|tsan) \
	  echo "python: tests skipped in the $(VARIANT) build (python3 cannot load a sanitized library)"; \
	  exit 0;; esac; \
	for m in $(PYTHON_MODULES); do \
	  $(PYTHON3) -c "import $$m" 2>/dev/null || { \
	    echo "python: $(PYTHON3) has no $$m: Python tests $(if $(PYTHON_REQUIRED),cannot run,skipped) (Debian: python3-$$m; make deps)"; \
	    [ -z "$(PYTHON_REQUIRED)" ]; exit $$?; }; \
	done; \
	CAREER_LIBRARY=$(abspath $(B)) $(PYTHON3) -m pytest -p no:cacheprovider \
	  $(PYTEST_ARGS) python/tests

# ---- the reliability gates -----------------------------------------------

export UBSAN_OPTIONS := halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS := halt_on_error=1

# $(call need,COMMAND,DEBIAN-PACKAGE): one clear line when a tool is missing.
need = @command -v $(1) >/dev/null 2>&1 || { echo "libcareer: $(1) not found: \
  install $(2) from Debian (or run 'make deps')" >&2; exit 1; }

check-tsan: ensure-deps
	@$(MAKE) --no-print-directory run-check SAN=thread

check-clang: ensure-deps
	$(call need,clang,clang)
	@$(MAKE) --no-print-directory run-check CLANG=1

VALGRIND := valgrind -q --leak-check=full --errors-for-leak-kinds=all \
            --error-exitcode=1
# Runs of each tool under valgrind (the tools add theirs here): one word a
# run, its arguments joined by commas.
VALGRIND_RUNS := \
  $(B)/bin/career-ladder,--format,json \
  $(B)/bin/career-estimate,--years,5,--salary,140000 \
  $(B)/bin/career-project,--horizon,10,--scenarios,--target,150000 \
  $(B)/bin/career-project,--paths,2000,--seed,7,--threads,2,--format,csv \
  $(B)/bin/career-import,tests/data/performance-architect-guide.txt \
  $(B)/bin/career-merit,--policy,examples/merit/policy.json,--format,json,examples/merit/employees.csv \
  $(B)/bin/career-import,--oews,tests/data/oews/all_data_M_2018.xlsx,--occ,15-1133,--ep,tests/data/oews/ep_2020-30.xlsx

check-valgrind: ensure-deps
	$(call need,valgrind,valgrind)
	@$(MAKE) --no-print-directory run-valgrind

run-valgrind: deps-check $(TEST_BIN) $(EXAMPLE_BIN)
	@log=$$(mktemp); fails=0; \
	for r in $(TEST_BIN) $(B)/bin/career-demo $(VALGRIND_RUNS); do \
	  if $(VALGRIND) $$(echo "$$r" | tr , ' ') >"$$log" 2>&1; then echo "valgrind ok: $$r"; \
	  else cat "$$log"; echo "valgrind FAILED: $$r"; fails=$$((fails+1)); fi; \
	done; rm -f "$$log"; \
	[ $$fails -eq 0 ] && echo "check-valgrind: no errors and no leaks"

# Floors of lib/'s coverage; raise them by testing, never by excluding code.
COVERAGE_LINES := 95
COVERAGE_BRANCHES := 85

coverage: ensure-deps
	$(call need,gcovr,gcovr)
	@$(MAKE) --no-print-directory run-coverage COVERAGE=1

run-coverage:
	@find $(B) -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) --no-print-directory run-check COVERAGE=1
	gcovr --root . --filter 'lib/' --object-directory $(B) \
	  --exclude-unreachable-branches --exclude-throw-branches \
	  --print-summary --txt - \
	  --fail-under-line $(COVERAGE_LINES) \
	  --fail-under-branch $(COVERAGE_BRANCHES)

# ---- the ABI ----------------------------------------------------------------
#
#   make abi-check       abidiff of the fresh shared library against the
#                        committed baseline: fails on any removed or changed
#                        function, variable or type; added ones pass
#   make abi-baseline    rewrites the baseline (see ABI.md: only on purpose)
ABI_BASELINE := abi/libcareer.so.$(MAJOR).abi
# Only the types of the public header count.
ABI_FLAGS := --headers-dir include
# abidiff's exit status is a bit mask: 1 error, 2 usage error, 4 an ABI
# change, 8 an incompatible one. With --no-added-syms an addition is no
# change at all; anything else is.
ABIDIFF := abidiff --no-added-syms --hd1 include --hd2 include

.PHONY: abi-check run-abi-check abi-baseline
abi-check: ensure-deps
	$(call need,abidiff,abigail-tools)
	@$(MAKE) --no-print-directory run-abi-check

run-abi-check: $(SHARED_LIB)
	@$(ABIDIFF) $(ABI_BASELINE) $(SHARED_REAL) > $(B)/abidiff.txt; rc=$$?; \
	cat $(B)/abidiff.txt; \
	if [ $$rc -eq 0 ]; then echo "abi-check: no change from $(ABI_BASELINE) but additions"; \
	else echo "abi-check: the ABI differs from $(ABI_BASELINE) (abidiff status $$rc)."; \
	  echo "abi-check: a change on purpose needs a new major version, or"; \
	  echo "abi-check: for an addition abidiff misjudged, 'make abi-baseline' and commit it (ABI.md)."; \
	  exit 1; fi

abi-baseline: $(SHARED_LIB)
	$(call need,abidw,abigail-tools)
	@mkdir -p $(dir $(ABI_BASELINE))
	abidw $(ABI_FLAGS) --no-corpus-path --no-comp-dir-path \
	  --out-file $(ABI_BASELINE) $(SHARED_REAL)

# ---- install --------------------------------------------------------------

INCLUDEDIR := $(PREFIX)/include
LIBDIR := $(PREFIX)/lib
PCDIR := $(LIBDIR)/pkgconfig

# Every folder install writes into; those it has to create are noted in
# CREATED, so that uninstall removes them (when empty) and no others.
BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man
DATADIR := $(PREFIX)/share/libcareer
CREATED = $(DESTDIR)$(DATADIR)/created-dirs
INSTALL_DIRS = $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR) \
  $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
# The loader's cache: refreshed when installing to the system itself (no
# DESTDIR), so that programs find libcareer.so.$(MAJOR) at once.
LDCONFIG ?= ldconfig

.PHONY: install-dirs
install-dirs:
	@new=; for d in $(INSTALL_DIRS); do p=$$d; \
	  while [ ! -d "$$p" ]; do new="$$new $$p"; p=$$(dirname "$$p"); done; \
	done; \
	install -d $(INSTALL_DIRS) && \
	for n in $$new; do echo "$$n"; done | sort -u >> "$(CREATED)"

# The .pc file is made at install time: it names PREFIX, which may differ
# from one install to the next.
install: lib install-dirs
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	  career.pc.in > $(B)/libcareer.pc
	install -m 644 include/career.h $(DESTDIR)$(INCLUDEDIR)/career.h
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/libcareer.a
	install -m 755 $(SHARED_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHARED_REAL)) $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME)
	ln -sf $(SHARED_SONAME) $(DESTDIR)$(LIBDIR)/libcareer.so
	install -m 644 $(B)/libcareer.pc $(DESTDIR)$(PCDIR)/libcareer.pc
	@if [ -z "$(DESTDIR)" ]; then \
	  $(LDCONFIG) 2>/dev/null || echo "libcareer: '$(LDCONFIG)' failed (not root?): run it as root, or set LD_LIBRARY_PATH=$(LIBDIR)"; \
	fi

# The tools, the manual pages and the profiles' schema.
MAN1 := $(CLI_NAMES:%=man/career-%.1)
MAN3 := man/libcareer.3
MAN5 := man/career-policy.5 man/career-profile.5

install: install-cli
install-cli: $(CLI_BIN) install-dirs
	install -m 755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/

uninstall: uninstall-cli
uninstall-cli:
	rm -f $(CLI_NAMES:%=$(DESTDIR)$(BINDIR)/career-%) \
	  $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
	  $(MAN3:man/%=$(DESTDIR)$(MANDIR)/man3/%) \
	  $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)

# The folders install created go too, deepest first, when nothing else is
# in them.
uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/career.h $(DESTDIR)$(LIBDIR)/libcareer.a \
	  $(DESTDIR)$(LIBDIR)/libcareer.so $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME) \
	  $(DESTDIR)$(LIBDIR)/libcareer.so.$(VERSION) \
	  $(DESTDIR)$(PCDIR)/libcareer.pc
	@if [ -f "$(CREATED)" ]; then \
	  dirs=$$(sort -r -u "$(CREATED)"); rm -f "$(CREATED)"; \
	  for d in $$dirs; do rmdir "$$d" 2>/dev/null || true; done; \
	fi

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# ---- fuzz: the parsers (lib/json_*.c, guide.c, policy.c, csv.c, xlsx.c,
# oews.c, ep.c) and the numbers ------------------------------------------
#
#   make fuzz [FUZZ_SECONDS=60]   builds tests/fuzz/fuzz_*.c with clang and
#                                 runs each target for FUZZ_SECONDS seconds on
#                                 a copy of its seed corpus (build/fuzz/).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_TARGETS:%=build/fuzz/%)

.PHONY: fuzz fuzz-tools
fuzz-tools:
	$(call need,$(FUZZ_CC),clang libclang-rt-14-dev)
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(wildcard lib/*.h) tests/json_oracle.h include/career.h
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Ilib \
	  $(DEP_CFLAGS) $< $(LIB_SRC) -o $@ $(DEP_LIBS)

fuzz: deps-check fuzz-tools $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	  c=$${t#fuzz_}; mkdir -p build/fuzz/corpus/$$c; \
	  cp tests/fuzz/corpus/$$c/* build/fuzz/corpus/$$c/; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -rss_limit_mb=4096 -print_final_stats=1 \
	    build/fuzz/corpus/$$c 2>&1 | tee build/fuzz/$$t.log | \
	    grep -E '^(stat::number_of_executed_units|==|SUMMARY|Done)' ; \
	  grep -q '^Done ' build/fuzz/$$t.log || \
	    { echo "fuzz: $$t failed: see build/fuzz/$$t.log"; exit 1; }; \
	done
# ---- end of fuzz ---------------------------------------------------------------

# ---- benchmarks -----------------------------------------------------------
#   make bench           build bench/*.c with the normal flags and run them,
#                        then bench/numpy_baseline.py where python3 has numpy
#                        (Debian: python3-numpy; not needed by CI) and the
#                        ratios libcareer / numpy (bench/ratios.awk), then
#                        bench/python_bench.py where it also has cffi: the
#                        Python binding against C and np.interp

# Debian's python3 (numpy 1.24), not a virtualenv's that may shadow it.
BENCH_PYTHON ?= /usr/bin/python3

BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

.PHONY: bench

$(B)/bench/%: bench/%.c $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Ilib -MMD -MP $< -o $@ $(LDFLAGS_ALL) $(STATIC_LIB) \
	  $(DEP_LIBS)

# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are set on the project machine and
# slow numpy down: unset for its run only.
bench: deps-check $(BENCH_BIN) $(SHARED_LIB)
	@figures=$(B)/bench/figures.txt; out=$(B)/bench/out.txt; : > $$figures; \
	for b in $(BENCH_BIN); do echo "== $$b"; \
	  $$b > $$out || { cat $$out; exit 1; }; cat $$out; cat $$out >> $$figures; \
	done; \
	if $(BENCH_PYTHON) -c 'import numpy' 2>/dev/null; then \
	  echo "== bench/numpy_baseline.py"; \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BENCH_PYTHON) \
	    bench/numpy_baseline.py > $$out || exit 1; \
	  cat $$out; cat $$out >> $$figures; awk -f bench/ratios.awk $$figures; \
	else \
	  echo "bench: no numpy for $(BENCH_PYTHON) (Debian: python3-numpy): numpy ratios skipped"; \
	fi; \
	if $(BENCH_PYTHON) -c 'import cffi, numpy' 2>/dev/null; then \
	  echo; echo "== bench/python_bench.py (careerlib against C and np.interp)"; \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE CAREER_LIBRARY=$(abspath $(B)) \
	    $(BENCH_PYTHON) bench/python_bench.py > $$out || { cat $$out; exit 1; }; \
	  cat $$out; cat $$out >> $$figures; \
	else \
	  echo "bench: no cffi or numpy for $(BENCH_PYTHON) (Debian: python3-cffi python3-numpy): Python binding skipped"; \
	fi

# ---- fidelity to the real BLS files (issue 18) ---------------------------
#   make fidelity        import every national occupation of OEWS May 2023
#                        (with EP 2024-34) and the state file from BLS_DIR
#                        with the tools just built, and print a table of
#                        how faithfully the profiles honour the published
#                        figures (bench/fidelity.py; 25-40 s; Debian's
#                        python3-mpmath). BLS_DIR: the real files, by
#                        default shared/ beside the checkout.

BLS_DIR ?= ../shared/data/bls

.PHONY: fidelity
fidelity: deps-check $(CLI_BIN)
	$(BENCH_PYTHON) bench/fidelity.py --bin $(B)/bin --bls $(BLS_DIR)

# ---- slow statistical tests (not in make check) -------------------------
#   make check-slow      the Monte Carlo's normal sampler against GSL's
#                        ziggurat and the normal law over 10^8 draws (~6 s)

.PHONY: check-slow
check-slow: deps-check $(B)/tests/slow_rng
	@$(B)/tests/slow_rng

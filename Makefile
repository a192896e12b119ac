# libcareer - build, test, install.
#
#   make                 the libraries (static and shared), the example and
#                        the command-line tools (career-estimate, -project,
#                        -ladder, -import, -merit)
#   make check           build and run every test (installs missing packages);
#                        the Python binding's too when python3 has cffi,
#                        numpy and pytest
#   make demo            build and run the tools on the built-in profile
#                        (installs missing packages)
#   make lib             the libraries alone
#   make python          build the library, regenerate the Python binding's
#                        declarations from career.h and run its tests
#   make install         PREFIX=/usr/local DESTDIR=  the library and the tools
#                        (also: make uninstall)
#   make install-lib     the library alone, with its header, libcareer.pc and
#                        manual pages: needs neither PLplot nor fontconfig
#                        (also: install-cli, uninstall-lib, uninstall-cli)
#   make deps            install the Debian packages the build needs (the
#                        one list is mk/deps.mk's; print-deb-packages)
#   make style           check the C sources' layout (mk/style.sh)
#   make clean
#
# Variants build into their own folder, so they never mix objects:
#   make check SAN=1     address + undefined-behaviour sanitizers
#   make check-tsan      every test under the thread sanitizer (SAN=thread)
#   make check-clang     every test, built with clang (CC=clang)
#   make check-valgrind  every test program and each tool under valgrind
#   make coverage        line and branch coverage of lib/ (gcovr), with floors
#   make abi-check       the shared library's ABI against abi/ (abidiff;
#                        make abi-baseline rewrites it, see ABI.md)
#   make fuzz            libFuzzer on the parsers [FUZZ_SECONDS=60]
#   make bench           the benchmarks, against numpy where it is installed
#   make check-slow      the normal sampler over 10^8 draws (not in check)
#
# The rules are in mk/, a file for each concern:
#   mk/config.mk   the version, the variants and the compiler flags
#   mk/deps.mk     the Debian packages, in one table: deps, deps-check,
#                  ensure-deps, print-deb-packages
#   mk/build.mk    lib, the example, the tools and the test programs
#   mk/check.mk    the gates beside check: check-tsan, check-clang,
#                  check-valgrind, coverage, abi-check, abi-baseline,
#                  check-slow, style
#   mk/python.mk   python, run-python-check
#   mk/install.mk  install, install-lib, install-cli and their uninstalls
#   mk/fuzz.mk     fuzz
#   mk/bench.mk    bench

PREFIX ?= /usr/local
DESTDIR ?=
PKG_CONFIG ?= pkg-config

include mk/config.mk
include mk/deps.mk
include mk/build.mk

.PHONY: all check run-check demo clean
.DEFAULT_GOAL := all

all: deps-check
	@$(MAKE) --no-print-directory lib $(EXAMPLE_BIN)

# The three tools on the built-in profile, as the README's quick start shows.
demo: ensure-deps
	@$(MAKE) --no-print-directory -s lib $(EXAMPLE_BIN)
	@echo '$$ career-ladder'; $(B)/bin/career-ladder
	@echo; echo '$$ career-estimate --years 5 --salary 140000'; \
	  $(B)/bin/career-estimate --years 5 --salary 140000
	@echo; echo '$$ career-project --horizon 10'; \
	  $(B)/bin/career-project --horizon 10

check: ensure-deps
	@$(MAKE) --no-print-directory run-check

run-check: deps-check $(TEST_BIN) $(SHARED_LIB) $(EXAMPLE_BIN)
	@rc=0; B=$(B) CC="$(CC)" MAKE="$(MAKE)" sh tests/run.sh $(TEST_BIN) || rc=1; \
	$(MAKE) --no-print-directory run-python-check || rc=1; exit $$rc

clean:
	rm -rf build

include mk/python.mk
include mk/check.mk
include mk/install.mk
include mk/fuzz.mk
include mk/bench.mk

-include $(shell find build -name '*.d' 2>/dev/null)

# mk/deps.mk - the Debian packages the build needs: deps-check (one clear
# line per missing package), ensure-deps (installs them when one is
# missing), deps (installs them) and print-deb-packages (for .ci/run).

.PHONY: deps deps-check deps-check-lib ensure-deps print-deb-packages

# ---- the one list of Debian packages ---------------------------------------
#
# Each entry is PROBE:PACKAGE: what the build looks for (a pkg-config
# module, a command or a Python module) and the Debian package that has it.
# The package list (deps, print-deb-packages) and every "missing ..."
# message are derived from these; a package is named here and nowhere else.

# The compiler and the tools of the build itself (commands).
BUILD_DEPS := make:make gcc:gcc pkg-config:pkg-config
# The library's pkg-config modules: all that make install-lib needs.
LIB_DEPS := gsl:libgsl-dev jansson:libjansson-dev libzip:libzip-dev \
            libxml-2.0:libxml2-dev
# The command-line tools plot with PLplot (its cairo driver, a file, writes
# PNG) and ask fontconfig which characters a font can draw.
CLI_DEPS := plplot:libplplot-dev fontconfig:libfontconfig-dev
CAIRO_DEB := plplot-driver-cairo
# make check: the unit tests' module; the commands the tools' tests run
# (xmllint checks SVG, python3 PNG and JSON); Debian's python3's modules
# (profiles checked against their JSON Schema).
TEST_DEPS := cmocka:libcmocka-dev
TEST_CMD_DEPS := xmllint:libxml2-utils python3:python3
TEST_PY_DEPS := jsonschema:python3-jsonschema
# The locales the tests and the fuzzers set (de_DE.UTF-8, ps_AF.UTF-8:
# numbers read and written whatever the host's decimal point); a test
# skips a locale that is not installed, and says so.
LOCALES_DEB := locales-all
# The Python binding's tests and make bench (each skipped without them),
# and the man pages' jq examples (skipped without jq).
BINDING_DEPS := cffi:python3-cffi numpy:python3-numpy pandas:python3-pandas \
                pytest:python3-pytest
DOC_DEPS := jq:jq
# The reliability gates' commands, and clang's sanitizer and libFuzzer
# runtimes (make fuzz).
GATE_DEPS := valgrind:valgrind gcovr:gcovr clang:clang abidiff:abigail-tools \
             abidw:abigail-tools
CLANG_RT_DEB := libclang-rt-14-dev
# The scripts that recompute reference values and fixtures (tests/ref/,
# tests/data/oews/make_fixtures.py; tests/ref/equity_ref.py and the
# credit card data of tests/data/equity/ need statsmodels, pandas and
# scipy); make check does not run them.
REF_DEPS := mpmath:python3-mpmath openpyxl:python3-openpyxl \
            statsmodels:python3-statsmodels pandas:python3-pandas \
            scipy:python3-scipy

ALL_DEPS := $(BUILD_DEPS) $(LIB_DEPS) $(CLI_DEPS) $(TEST_DEPS) \
            $(TEST_CMD_DEPS) $(TEST_PY_DEPS) $(BINDING_DEPS) $(DOC_DEPS) \
            $(GATE_DEPS) $(REF_DEPS)

# $(call dep_names,ENTRIES), $(call dep_debs,ENTRIES): either half.
dep_names = $(foreach e,$(1),$(firstword $(subst :, ,$(e))))
dep_debs = $(foreach e,$(1),$(lastword $(subst :, ,$(e))))
# $(call deb_of,PROBE): the Debian package of a probe in the table.
deb_of = $(call dep_debs,$(filter $(1):%,$(ALL_DEPS)))

DEB_PACKAGES := $(call dep_debs,$(BUILD_DEPS)) \
                $(sort $(call dep_debs,$(filter-out $(BUILD_DEPS),$(ALL_DEPS))) \
                       $(CAIRO_DEB) $(CLANG_RT_DEB) $(LOCALES_DEB))
LIB_PKGS := $(call dep_names,$(LIB_DEPS))
CLI_PKGS := $(call dep_names,$(CLI_DEPS))
TEST_PKGS := $(call dep_names,$(TEST_DEPS))

PLPLOT_DRIVER = $(shell $(PKG_CONFIG) --variable=drvdir plplot 2>/dev/null)/cairo.so

# ---- checking -------------------------------------------------------------

# $(call missing,WHAT,PACKAGE): the one line that names what to install.
missing = { echo "libcareer: missing $(1): install the Debian package $(2) \
  (or run 'make deps')" >&2; exit 1; }
# $(call check_modules,ENTRIES), $(call check_commands,ENTRIES,WHO): stop at
# the first pkg-config module or command missing.
check_modules = $(foreach e,$(1),$(PKG_CONFIG) --exists $(call dep_names,$(e)) \
  || $(call missing,$(call dep_names,$(e)),$(call dep_debs,$(e)));)
check_commands = $(foreach e,$(1),command -v $(call dep_names,$(e)) \
  >/dev/null 2>&1 || $(call missing,$(call dep_names,$(e)) ($(2)),$(call dep_debs,$(e)));)
no_pkg_config = { echo "libcareer: $(PKG_CONFIG) not found: install the Debian \
  package $(call deb_of,pkg-config) (or run 'make deps')" >&2; exit 1; }
# The test packages are checked only for make check (and run-check).
checking = $(filter check run-check,$(MAKECMDGOALS))

# The library's packages alone: every build of lib/ checks them first, so
# that the library builds (and make install-lib installs) without the
# tools' packages.
deps-check-lib:
	@command -v $(PKG_CONFIG) >/dev/null 2>&1 || $(no_pkg_config)
	@$(call check_modules,$(LIB_DEPS))

# The tools' packages too, and for make check the tests'.
deps-check: deps-check-lib
	@$(call check_modules,$(CLI_DEPS) $(if $(checking),$(TEST_DEPS)))
	@$(if $(checking),[ -e "$(PLPLOT_DRIVER)" ] || \
	  $(call missing,PLplot's cairo driver (PNG plots),$(CAIRO_DEB)); \
	  $(call check_commands,$(TEST_CMD_DEPS),CLI tests))

# Installs missing packages only when something is missing.
ensure-deps:
	@if ! command -v $(PKG_CONFIG) >/dev/null 2>&1 || \
	    ! $(PKG_CONFIG) --exists $(LIB_PKGS) $(TEST_PKGS) $(CLI_PKGS) || \
	    [ ! -e "$(PLPLOT_DRIVER)" ] || \
	    $(foreach c,$(call dep_names,$(TEST_CMD_DEPS)),\
	      ! command -v $(c) >/dev/null 2>&1 ||) \
	    $(foreach m,$(call dep_names,$(TEST_PY_DEPS)),\
	      ! /usr/bin/python3 -c 'import $(m)' >/dev/null 2>&1 ||) false; then \
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

# $(call need,COMMAND[,DEBIAN-PACKAGES]): one clear line when a tool is
# missing; the package is the table's unless given.
need = @command -v $(1) >/dev/null 2>&1 || { echo "libcareer: $(1) not found: \
  install $(or $(2),$(call deb_of,$(1))) from Debian (or run 'make deps')" >&2; \
  exit 1; }

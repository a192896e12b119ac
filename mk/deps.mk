# mk/deps.mk - the Debian packages the build needs: deps-check (one clear
# line per missing package), ensure-deps (installs them when one is
# missing), deps (installs them) and print-deb-packages (for .ci/run).

.PHONY: deps deps-check ensure-deps print-deb-packages

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

PLPLOT_DRIVER = $(shell $(PKG_CONFIG) --variable=drvdir plplot 2>/dev/null)/cairo.so

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

# $(call need,COMMAND,DEBIAN-PACKAGE): one clear line when a tool is missing.
need = @command -v $(1) >/dev/null 2>&1 || { echo "libcareer: $(1) not found: \
  install $(2) from Debian (or run 'make deps')" >&2; exit 1; }

# mk/config.mk - the version, the build variants and the compiler flags.

VERSION := $(shell sed -n 's/^\#define CAREER_VERSION_STRING "\(.*\)"/\1/p' include/career.h)
MAJOR := $(firstword $(subst ., ,$(VERSION)))

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
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARNINGS) \
             $(SAN_FLAGS) -Iinclude $(DEP_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN_FLAGS) $(LDFLAGS)

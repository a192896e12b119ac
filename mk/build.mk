# mk/build.mk - the library (static and shared), the example, the
# command-line tools and the test programs, in build/$(VARIANT)/.

.PHONY: lib

LIB_SRC := $(wildcard lib/*/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
STATIC_LIB := $(B)/libcareer.a
SHARED_REAL := $(B)/libcareer.so.$(VERSION)
SHARED_SONAME := libcareer.so.$(MAJOR)
SHARED_LIB := $(B)/libcareer.so

TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
CLI_NAMES := estimate project ladder import merit equity
CLI_BIN := $(CLI_NAMES:%=$(B)/bin/career-%)
EXAMPLE_BIN := $(B)/bin/career-demo $(CLI_BIN)

lib: $(STATIC_LIB) $(SHARED_LIB)

# ---- the library ----------------------------------------------------------

# The library's packages are checked first (deps-check-lib), and only
# they: building and installing the library needs none of the tools'.
$(LIB_OBJ): | deps-check-lib

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Ilib -fPIC -fvisibility=hidden -DCAREER_BUILDING \
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
PLOT_TOOLS := project ladder merit equity
PLOT_BIN := $(PLOT_TOOLS:%=$(B)/bin/career-%)

$(B)/examples/%.o: examples/%.c examples/cli.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(PLOT_OBJ): CFLAGS_ALL += $(CLI_CFLAGS)
# career-merit draws its own plot (employees in their ranges) with PLplot,
# as career-equity does (the bands by sex, the gap by category).
$(B)/bin/career-merit: CFLAGS_ALL += $(CLI_CFLAGS)
$(B)/bin/career-equity: CFLAGS_ALL += $(CLI_CFLAGS)

$(CLI_BIN): $(B)/bin/%: examples/%.c examples/cli.h $(CLI_OBJ) $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP $< -o $@ $(LDFLAGS_ALL) $(CLI_OBJ) \
	  $(if $(filter $@,$(PLOT_BIN)),$(PLOT_OBJ)) \
	  $(STATIC_LIB) $(DEP_LIBS) $(if $(filter $@,$(PLOT_BIN)),$(CLI_LIBS))

$(PLOT_BIN): $(PLOT_OBJ)

# ---- tests ----------------------------------------------------------------

$(B)/tests/%: tests/%.c tests/util.h $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Ilib $(TEST_CFLAGS) -MMD -MP $< -o $@ \
	  $(LDFLAGS_ALL) $(STATIC_LIB) $(DEP_LIBS) $(TEST_LIBS)

# Counts allocations and live blocks, and fails the Nth on demand: links
# libcareer's objects with malloc, calloc, realloc and free wrapped (and
# newlocale, whose C locale object another C library may fail to allocate).
$(B)/tests/test_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=newlocale
# Fails the merit cycle's allocations one at a time, the same way.
$(B)/tests/test_merit_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
# Fails each allocation of the table readers in turn, the same way.
$(B)/tests/test_oews_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
# Fails each allocation of the pay equity functions in turn, the same way.
$(B)/tests/test_equity_alloc: LDFLAGS_ALL += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

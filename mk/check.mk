# mk/check.mk - the reliability gates beside make check: the sanitizers,
# clang, valgrind, coverage, the ABI, and the slow statistical test.

.PHONY: check-tsan check-clang check-valgrind run-valgrind coverage \
        run-coverage abi-check run-abi-check abi-baseline check-slow

export UBSAN_OPTIONS := halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS := halt_on_error=1

check-tsan: ensure-deps
	@$(MAKE) --no-print-directory run-check SAN=thread

check-clang: ensure-deps
	$(call need,clang)
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
  $(B)/bin/career-import,examples/guides/performance-architect.txt \
  $(B)/bin/career-merit,--policy,examples/merit/policy.json,--format,json,examples/merit/employees.csv \
  $(B)/bin/career-equity,examples/equity/employees.csv,--factors,years,--decompose,jann,--bootstrap,5,--remedy,5%,--max-raise,15%,--remedy-each \
  $(B)/bin/career-import,--oews,tests/data/oews/all_data_M_2018.xlsx,--occ,15-1133,--ep,tests/data/oews/ep_2020-30.xlsx

check-valgrind: ensure-deps
	$(call need,valgrind)
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
	$(call need,gcovr)
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

abi-check: ensure-deps
	$(call need,abidiff)
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
	$(call need,abidw)
	@mkdir -p $(dir $(ABI_BASELINE))
	abidw $(ABI_FLAGS) --no-corpus-path --no-comp-dir-path \
	  --out-file $(ABI_BASELINE) $(SHARED_REAL)

# ---- slow statistical tests (not in make check) -------------------------
#   make check-slow      the Monte Carlo's normal sampler against GSL's
#                        ziggurat and the normal law over 10^8 draws (~6 s)

check-slow: deps-check $(B)/tests/slow_rng
	@$(B)/tests/slow_rng

# ---- the sources' layout ------------------------------------------------
#   make style           mk/style.sh on every .c and .h file: no tabs, no
#                        trailing white space, lines within STYLE_COLUMNS,
#                        a comment naming the file first, no // comments,
#                        braces and include guards as the tree writes them

.PHONY: style
style:
	@sh mk/style.sh

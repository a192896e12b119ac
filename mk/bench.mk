# mk/bench.mk - the benchmarks.
#
#   make bench           build bench/*.c with the normal flags and run them,
#                        then bench/equity_baseline.py where python3 has
#                        statsmodels (the decomposition's peer, on
#                        bench_equity's rows), bench/numpy_baseline.py where
#                        it has numpy (Debian: python3-numpy; not needed by
#                        CI) and the ratios libcareer / numpy and statsmodels
#                        (bench/ratios.awk), then
#                        bench/python_bench.py where it also has cffi: the
#                        Python binding against C and np.interp; every row
#                        runs, then the rows that missed are listed, and
#                        make bench fails if there were any

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
#
# Every program runs, whatever the one before it gave: a program that
# misses a target prints MISSED (or OVER) on its row and exits non-zero, and
# make bench lists those rows at the end, then fails. The programs that
# write files write them in a folder of their own under $TMPDIR (mkdtemp),
# so that two runs never share a name.
bench: deps-check $(BENCH_BIN) $(SHARED_LIB)
	@figures=$(B)/bench/figures.txt; out=$(B)/bench/out.txt; : > $$figures; \
	failed=""; \
	run() { name=$$1; shift; echo "== $$name"; \
	  if "$$@" > $$out; then :; else failed="$$failed $$name"; fi; \
	  cat $$out; cat $$out >> $$figures; }; \
	for b in $(BENCH_BIN); do run $$b env BENCH_PYTHON=$(BENCH_PYTHON) $$b; done; \
	if $(BENCH_PYTHON) -c 'import statsmodels' 2>/dev/null; then \
	  run "bench/equity_baseline.py (statsmodels' OaxacaBlinder)" \
	    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BENCH_PYTHON) \
	    bench/equity_baseline.py $(B)/bench/equity.f64; \
	else \
	  echo "bench: no statsmodels for $(BENCH_PYTHON) (Debian: $(call deb_of,statsmodels)): the decomposition's peer skipped"; \
	fi; \
	if $(BENCH_PYTHON) -c 'import numpy' 2>/dev/null; then \
	  run bench/numpy_baseline.py \
	    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BENCH_PYTHON) \
	    bench/numpy_baseline.py; \
	  awk -f bench/ratios.awk $$figures; \
	else \
	  echo "bench: no numpy for $(BENCH_PYTHON) (Debian: $(call deb_of,numpy)): numpy ratios skipped"; \
	fi; \
	if $(BENCH_PYTHON) -c 'import cffi, numpy' 2>/dev/null; then \
	  echo; run "bench/python_bench.py (careerlib against C and np.interp)" \
	    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
	    CAREER_LIBRARY=$(abspath $(B)) $(BENCH_PYTHON) bench/python_bench.py; \
	else \
	  echo "bench: no cffi or numpy for $(BENCH_PYTHON) (Debian: $(call deb_of,cffi) $(call deb_of,numpy)): Python binding skipped"; \
	fi; \
	echo; echo "== what missed"; \
	grep -h -E 'MISSED|OVER' $$figures || echo "nothing: every target met"; \
	if [ -n "$$failed" ]; then \
	  echo "bench: missed a target or failed:$$failed"; exit 1; fi

# ---- fidelity to the real BLS files ------------------------------------------
#   make fidelity        import every national occupation of OEWS May 2023
#                        (with EP 2024-34) and the state file from BLS_DIR
#                        with the tools just built, and print a table of
#                        how faithfully the profiles honour the published
#                        figures (bench/fidelity.py; 25-40 s; Debian's
#                        python3-mpmath). BLS_DIR: the real files, by
#                        default tests/data/bls/.

BLS_DIR ?= tests/data/bls

.PHONY: fidelity
fidelity: deps-check $(CLI_BIN)
	$(BENCH_PYTHON) bench/fidelity.py --bin $(B)/bin --bls $(BLS_DIR)

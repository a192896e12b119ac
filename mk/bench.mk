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
	  BENCH_PYTHON=$(BENCH_PYTHON) $$b > $$out || { cat $$out; exit 1; }; \
	  cat $$out; cat $$out >> $$figures; \
	done; \
	if $(BENCH_PYTHON) -c 'import statsmodels' 2>/dev/null; then \
	  echo "== bench/equity_baseline.py (statsmodels' OaxacaBlinder)"; \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BENCH_PYTHON) \
	    bench/equity_baseline.py $(B)/bench/equity.f64 > $$out || exit 1; \
	  cat $$out; cat $$out >> $$figures; \
	else \
	  echo "bench: no statsmodels for $(BENCH_PYTHON) (Debian: $(call deb_of,statsmodels)): the decomposition's peer skipped"; \
	fi; \
	if $(BENCH_PYTHON) -c 'import numpy' 2>/dev/null; then \
	  echo "== bench/numpy_baseline.py"; \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BENCH_PYTHON) \
	    bench/numpy_baseline.py > $$out || exit 1; \
	  cat $$out; cat $$out >> $$figures; awk -f bench/ratios.awk $$figures; \
	else \
	  echo "bench: no numpy for $(BENCH_PYTHON) (Debian: $(call deb_of,numpy)): numpy ratios skipped"; \
	fi; \
	if $(BENCH_PYTHON) -c 'import cffi, numpy' 2>/dev/null; then \
	  echo; echo "== bench/python_bench.py (careerlib against C and np.interp)"; \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE CAREER_LIBRARY=$(abspath $(B)) \
	    $(BENCH_PYTHON) bench/python_bench.py > $$out || { cat $$out; exit 1; }; \
	  cat $$out; cat $$out >> $$figures; \
	else \
	  echo "bench: no cffi or numpy for $(BENCH_PYTHON) (Debian: $(call deb_of,cffi) $(call deb_of,numpy)): Python binding skipped"; \
	fi

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

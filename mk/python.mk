# mk/python.mk - the Python binding (python/: careerlib, cffi in ABI mode).

# Debian's python3, where the modules of BINDING_DEPS (mk/deps.mk: cffi,
# numpy, pandas, pytest) install; a virtualenv's or pyenv's python3
# earlier on PATH may lack them.
PYTHON3 ?= /usr/bin/python3
PYTEST_ARGS ?=

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
	for e in $(BINDING_DEPS); do m=$${e%%:*}; d=$${e#*:}; \
	  $(PYTHON3) -c "import $$m" 2>/dev/null || { \
	    echo "python: $(PYTHON3) has no $$m: Python tests $(if $(PYTHON_REQUIRED),cannot run,skipped) (Debian: $$d; make deps)"; \
	    [ -z "$(PYTHON_REQUIRED)" ]; exit $$?; }; \
	done; \
	CAREER_LIBRARY=$(abspath $(B)) $(PYTHON3) -m pytest -p no:cacheprovider \
	  $(PYTEST_ARGS) python/tests

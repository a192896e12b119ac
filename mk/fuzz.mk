# mk/fuzz.mk - libFuzzer on the parsers (lib/io/json_*.c, guide.c,
# lib/pay/policy.c, lib/bls/csv.c, xlsx.c, oews.c, ep.c) and the numbers.
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
	$(call need,$(FUZZ_CC),$(call deb_of,clang) $(CLANG_RT_DEB))
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(wildcard lib/*.h lib/*/*.h) tests/json_oracle.h include/career.h
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Ilib \
	  $(DEP_CFLAGS) $< $(LIB_SRC) -o $@ $(DEP_LIBS)

fuzz: deps-check fuzz-tools $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	  c=$${t#fuzz_}; \
	  sh tests/fuzz/corpus.sh $$c build/fuzz/corpus/$$c || exit 1; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -rss_limit_mb=4096 -print_final_stats=1 \
	    build/fuzz/corpus/$$c 2>&1 | tee build/fuzz/$$t.log | \
	    grep -E '^(stat::number_of_executed_units|==|SUMMARY|Done)' ; \
	  grep -q '^Done ' build/fuzz/$$t.log || \
	    { echo "fuzz: $$t failed: see build/fuzz/$$t.log"; exit 1; }; \
	done

# mk/fuzz.mk - libFuzzer on the parsers (lib/io/json_*.c, guide.c,
# lib/pay/policy.c, lib/bls/csv.c, xlsx.c, oews.c, ep.c, workforce.c,
# ladder_template.c), the pay equity functions on what workforce.c reads,
# and the numbers.
#
#   make fuzz [FUZZ_SECONDS=60]   builds tests/fuzz/fuzz_*.c with clang and
#                                 runs each target for FUZZ_SECONDS seconds on
#                                 a copy of its seed corpus (build/fuzz/),
#                                 the time split between the locales of
#                                 FUZZ_LOCALES (CAREER_FUZZ_LOCALE: numbers
#                                 must not depend on the decimal point).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_TARGETS:%=build/fuzz/%)
# C, a comma (de_DE) and a two-byte decimal point (ps_AF, U+066B): Debian's
# locales-all has them.
FUZZ_LOCALES := C de_DE.UTF-8 ps_AF.UTF-8
FUZZ_EACH = $(shell n=$$(( $(FUZZ_SECONDS) / $(words $(FUZZ_LOCALES)) )); \
  [ $$n -ge 1 ] && echo $$n || echo 1)

.PHONY: fuzz fuzz-tools
fuzz-tools:
	$(call need,$(FUZZ_CC),$(call deb_of,clang) $(CLANG_RT_DEB))
build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_locale.h tests/sheet_feed.h $(LIB_SRC) $(wildcard lib/*.h lib/*/*.h) tests/json_oracle.h include/career.h
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Ilib \
	  $(DEP_CFLAGS) $< $(LIB_SRC) -o $@ $(DEP_LIBS)

fuzz: deps-check fuzz-tools $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	  c=$${t#fuzz_}; \
	  sh tests/fuzz/corpus.sh $$c build/fuzz/corpus/$$c || exit 1; \
	  for l in $(FUZZ_LOCALES); do \
	    log=build/fuzz/$$t.$$l.log; \
	    echo "fuzz: $$t under $$l for $(FUZZ_EACH) s"; \
	    CAREER_FUZZ_LOCALE=$$l build/fuzz/$$t \
	      -max_total_time=$(FUZZ_EACH) -max_len=65536 \
	      -rss_limit_mb=4096 -print_final_stats=1 \
	      build/fuzz/corpus/$$c 2>&1 | tee $$log | \
	      grep -E '^(stat::number_of_executed_units|==|SUMMARY|Done|fuzz:)' ; \
	    grep -q '^Done ' $$log || \
	      { echo "fuzz: $$t under $$l failed: see $$log"; exit 1; }; \
	  done; \
	done

build/tsan/tests/test_ladder: tests/test_ladder.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

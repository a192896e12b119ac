build/tsan/tests/test_hostile: tests/test_hostile.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

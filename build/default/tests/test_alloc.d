build/default/tests/test_alloc: tests/test_alloc.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

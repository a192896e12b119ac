build/default/tests/test_error: tests/test_error.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

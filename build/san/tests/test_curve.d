build/san/tests/test_curve: tests/test_curve.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

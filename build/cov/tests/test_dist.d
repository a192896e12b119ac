build/cov/tests/test_dist: tests/test_dist.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

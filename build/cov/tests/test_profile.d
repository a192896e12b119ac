build/cov/tests/test_profile: tests/test_profile.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

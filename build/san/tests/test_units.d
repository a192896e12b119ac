build/san/tests/test_units: tests/test_units.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

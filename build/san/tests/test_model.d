build/san/tests/test_model: tests/test_model.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

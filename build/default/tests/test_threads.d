build/default/tests/test_threads: tests/test_threads.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

build/tsan/tests/test_property: tests/test_property.c tests/util.h \
 include/career.h
tests/util.h:
include/career.h:

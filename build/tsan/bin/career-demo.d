build/tsan/bin/career-demo: examples/career-demo.c include/career.h
include/career.h:

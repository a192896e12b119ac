build/cov/lib/curve.o: lib/curve.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

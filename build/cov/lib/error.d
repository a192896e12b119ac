build/cov/lib/error.o: lib/error.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

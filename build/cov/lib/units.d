build/cov/lib/units.o: lib/units.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

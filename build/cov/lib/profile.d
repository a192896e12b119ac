build/cov/lib/profile.o: lib/profile.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

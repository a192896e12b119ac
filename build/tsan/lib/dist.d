build/tsan/lib/dist.o: lib/dist.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

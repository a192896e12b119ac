build/tsan/lib/ladder.o: lib/ladder.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

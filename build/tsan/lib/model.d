build/tsan/lib/model.o: lib/model.c lib/internal.h include/career.h
lib/internal.h:
include/career.h:

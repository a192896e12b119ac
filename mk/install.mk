# mk/install.mk - install and uninstall, under PREFIX (and DESTDIR).
#
#   make install-lib     the library alone: career.h, libcareer.a, the shared
#                        library with its soname's links, libcareer.pc, and
#                        the pages libcareer(3), career-profile(5) and
#                        career-policy(5) (the formats the library reads);
#                        it needs none of the tools' packages
#   make install-cli     the command-line tools and their pages
#   make install         both
#   make uninstall       removes both (uninstall-lib, uninstall-cli: either)

.PHONY: install install-lib install-cli uninstall uninstall-lib uninstall-cli

INCLUDEDIR := $(PREFIX)/include
LIBDIR := $(PREFIX)/lib
PCDIR := $(LIBDIR)/pkgconfig
BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man
DATADIR := $(PREFIX)/share/libcareer
# The loader's cache: refreshed when installing to the system itself (no
# DESTDIR), so that programs find libcareer.so.$(MAJOR) at once.
LDCONFIG ?= ldconfig

MAN1 := $(CLI_NAMES:%=man/career-%.1)
MAN3 := man/libcareer.3
MAN5 := man/career-policy.5 man/career-profile.5

LIB_FILES = $(DESTDIR)$(INCLUDEDIR)/career.h $(DESTDIR)$(LIBDIR)/libcareer.a \
  $(DESTDIR)$(LIBDIR)/libcareer.so $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME) \
  $(DESTDIR)$(LIBDIR)/libcareer.so.$(VERSION) \
  $(DESTDIR)$(PCDIR)/libcareer.pc \
  $(MAN3:man/%=$(DESTDIR)$(MANDIR)/man3/%) \
  $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
CLI_FILES = $(CLI_NAMES:%=$(DESTDIR)$(BINDIR)/career-%) \
  $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)

# The folders each part writes into. Those install has to create are noted
# in CREATED, so that uninstall removes them (when empty) and no others.
LIB_DIRS = $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR) \
  $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
CLI_DIRS = $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
CREATED = $(DESTDIR)$(DATADIR)/created-dirs

# $(call make_dirs,DIRS): creates them, noting in CREATED those it made.
make_dirs = new=; for d in $(1); do p=$$d; \
    while [ ! -d "$$p" ]; do new="$$new $$p"; p=$$(dirname "$$p"); done; \
  done; \
  install -d $(1) && \
  for n in $$new; do echo "$$n"; done | sort -u >> "$(CREATED)"

# The folders install created go once nothing else is in them, deepest
# first. Those still in use (the other part is installed) stay noted, with
# the note's own folder.
remove_dirs = if [ -f "$(CREATED)" ]; then \
    dirs=$$(sort -r -u "$(CREATED)"); rm -f "$(CREATED)"; \
    for d in $$dirs; do rmdir "$$d" 2>/dev/null || true; done; \
    left=; for d in $$dirs; do [ ! -d "$$d" ] || left="$$left $$d"; done; \
    if [ -n "$$left" ]; then \
      for d in $$dirs; do case "$(DESTDIR)$(DATADIR)" in \
        "$$d"|"$$d"/*) [ -d "$$d" ] || left="$$left $$d";; esac; done; \
      mkdir -p "$(DESTDIR)$(DATADIR)" && \
      for d in $$left; do echo "$$d"; done | sort -u > "$(CREATED)"; \
    fi; \
  fi

install: install-lib install-cli

# The .pc file is made at install time: it names PREFIX, which may differ
# from one install to the next.
install-lib: lib
	@$(call make_dirs,$(LIB_DIRS))
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	  career.pc.in > $(B)/libcareer.pc
	install -m 644 include/career.h $(DESTDIR)$(INCLUDEDIR)/career.h
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/libcareer.a
	install -m 755 $(SHARED_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHARED_REAL)) $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME)
	ln -sf $(SHARED_SONAME) $(DESTDIR)$(LIBDIR)/libcareer.so
	install -m 644 $(B)/libcareer.pc $(DESTDIR)$(PCDIR)/libcareer.pc
	install -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	@if [ -z "$(DESTDIR)" ]; then \
	  $(LDCONFIG) 2>/dev/null || echo "libcareer: '$(LDCONFIG)' failed (not root?): run it as root, or set LD_LIBRARY_PATH=$(LIBDIR)"; \
	fi

install-cli: $(CLI_BIN)
	@$(call make_dirs,$(CLI_DIRS))
	install -m 755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/

# No prerequisites: uninstall-lib and uninstall-cli run side by side would
# both rewrite CREATED.
uninstall:
	rm -f $(CLI_FILES) $(LIB_FILES)
	@$(remove_dirs)

uninstall-lib:
	rm -f $(LIB_FILES)
	@$(remove_dirs)

uninstall-cli:
	rm -f $(CLI_FILES)
	@$(remove_dirs)

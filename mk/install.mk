# mk/install.mk - install and uninstall, under PREFIX (and DESTDIR).

.PHONY: install uninstall install-cli uninstall-cli install-dirs

INCLUDEDIR := $(PREFIX)/include
LIBDIR := $(PREFIX)/lib
PCDIR := $(LIBDIR)/pkgconfig

# Every folder install writes into; those it has to create are noted in
# CREATED, so that uninstall removes them (when empty) and no others.
BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man
DATADIR := $(PREFIX)/share/libcareer
CREATED = $(DESTDIR)$(DATADIR)/created-dirs
INSTALL_DIRS = $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR) \
  $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
# The loader's cache: refreshed when installing to the system itself (no
# DESTDIR), so that programs find libcareer.so.$(MAJOR) at once.
LDCONFIG ?= ldconfig

install-dirs:
	@new=; for d in $(INSTALL_DIRS); do p=$$d; \
	  while [ ! -d "$$p" ]; do new="$$new $$p"; p=$$(dirname "$$p"); done; \
	done; \
	install -d $(INSTALL_DIRS) && \
	for n in $$new; do echo "$$n"; done | sort -u >> "$(CREATED)"

# The .pc file is made at install time: it names PREFIX, which may differ
# from one install to the next.
install: lib install-dirs
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	  career.pc.in > $(B)/libcareer.pc
	install -m 644 include/career.h $(DESTDIR)$(INCLUDEDIR)/career.h
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/libcareer.a
	install -m 755 $(SHARED_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SHARED_REAL)) $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME)
	ln -sf $(SHARED_SONAME) $(DESTDIR)$(LIBDIR)/libcareer.so
	install -m 644 $(B)/libcareer.pc $(DESTDIR)$(PCDIR)/libcareer.pc
	@if [ -z "$(DESTDIR)" ]; then \
	  $(LDCONFIG) 2>/dev/null || echo "libcareer: '$(LDCONFIG)' failed (not root?): run it as root, or set LD_LIBRARY_PATH=$(LIBDIR)"; \
	fi

# The tools, the manual pages and the profiles' schema.
MAN1 := $(CLI_NAMES:%=man/career-%.1)
MAN3 := man/libcareer.3
MAN5 := man/career-policy.5 man/career-profile.5

install: install-cli
install-cli: $(CLI_BIN) install-dirs
	install -m 755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/

uninstall: uninstall-cli
uninstall-cli:
	rm -f $(CLI_NAMES:%=$(DESTDIR)$(BINDIR)/career-%) \
	  $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
	  $(MAN3:man/%=$(DESTDIR)$(MANDIR)/man3/%) \
	  $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)

# The folders install created go too, deepest first, when nothing else is
# in them.
uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/career.h $(DESTDIR)$(LIBDIR)/libcareer.a \
	  $(DESTDIR)$(LIBDIR)/libcareer.so $(DESTDIR)$(LIBDIR)/$(SHARED_SONAME) \
	  $(DESTDIR)$(LIBDIR)/libcareer.so.$(VERSION) \
	  $(DESTDIR)$(PCDIR)/libcareer.pc
	@if [ -f "$(CREATED)" ]; then \
	  dirs=$$(sort -r -u "$(CREATED)"); rm -f "$(CREATED)"; \
	  for d in $$dirs; do rmdir "$$d" 2>/dev/null || true; done; \
	fi

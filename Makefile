# A governing document published as code: make serve | build | check | test
# Every target sets up what it needs: a virtual environment in .venv with the exact
# versions in requirements.lock, installed by the pip pinned in requirements-pip.lock.

PYTHON ?= python3
VENV ?= .venv
# The browser tests drive Debian's headless Chromium (chromium-headless-shell: Chromium's
# engine without the browser's window machinery, what playwright itself runs headless);
# the benchmarks measure the whole browser a reader has (chromium), as their figures say.
CHROMIUM ?= /usr/bin/chromium-headless-shell
BENCH_CHROMIUM ?= /usr/bin/chromium
ADDR ?= 127.0.0.1:8000
BRANCH ?= publicerat
ALIAS ?= gallande

# Nothing a user sets is ever run. Every variable a user may set (on the command line or
# in the environment) is taken as the literal text it is: $(value ...) stops make from
# expanding "$(shell ...)" in it, and ":=" keeps it from being expanded later. The values
# for the publishing commands reach Python through the environment (export), never a
# command line; the few that must stand in a command line (paths of programs, the
# address) are single-quoted for the shell by $(call quote,...).
USER_VARIABLES := PYTHON VENV CHROMIUM BENCH_CHROMIUM ADDR BRANCH ALIAS VERSION TITEL RATTELSE PUSH FRAN TILL DEST MAPP
$(foreach name,$(USER_VARIABLES),$(eval override $(name) := $$(value $(name))))
export BRANCH ALIAS VERSION TITEL RATTELSE PUSH FRAN TILL DEST MAPP
quote = '$(subst ','\'',$(1))'

# VENV also names a target (the install stamp), where ";" or ":" would be make syntax:
# it may hold only letters, digits and . _ - + / (every other character is left over).
path_chars := a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 . _ - + /
leftover = $(if $(2),$(call leftover,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
ifneq ($(words $(VENV))$(call leftover,$(subst $() ,~,$(VENV)),$(path_chars)),1)
$(error VENV får bara innehålla bokstäver a-z, siffror och . _ - + /; ange till exempel VENV=.venv)
endif

BIN := $(call quote,$(VENV))/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-pip.lock requirements.lock 2>/dev/null | cksum | cut -d' ' -f1)
# The second generator, Zensical, in an environment of its own without MkDocs (make
# build-zensical; the tests compare its site with the MkDocs build's).
ZENSICAL_VENV := $(VENV)-zensical
ZENSICAL_BIN := $(call quote,$(ZENSICAL_VENV))/bin
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed-$(shell cat requirements-pip.lock requirements-zensical.lock 2>/dev/null | cksum | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1
# Compiled Python is kept inside the virtual environment, never beside the sources: the
# working copy stays clean, and no command compiles the project's modules anew each time.
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache

.PHONY: help install environments both-environments graphviz bench-browser serve build build-zensical check test test-exempel granskning schemas lock browser clean publish changes export bench bench-check bench-search bench-lighthouse bench-build pdf pdf-packages bench-pdf ny-organisation new-organisation

help:
	@echo 'make serve    bygger och visar webbplatsen på http://'$(call quote,$(ADDR))' (laddas om vid ändring)'
	@echo "make build    bygger webbplatsen strikt till site/ (rör inte site/ om bygget misslyckas;"
	@echo "              två byggen samtidigt turas om, och site/ är hel i varje ögonblick)"
	@echo "make build-zensical  bygger samma webbplats till site/ med Zensical i stället för MkDocs"
	@echo "make pdf      bygger webbplatsen till site/ med dokumentet som PDF/A (arkiv, tillgänglig)"
	@echo "make check    kontrollerar filerna i data/ (snabbt, bygger inget)"
	@echo "make test     kör alla tester, webbläsartesterna i Chromium inräknade, på projektets"
	@echo "              innehåll och på exempelorganisationen i tests/fixtures/region"
	@echo "make test-exempel  kör testerna bara på exempelorganisationen"
	@echo "make granskning  granskar tillgängligheten (axe) och skriver data/granskning.json"
	@echo "make schemas  skriver om JSON-scheman i schemas/ från modellerna"
	@echo "make lock     låser om beroendena i requirements.lock från pyproject.toml, och pip i"
	@echo "              requirements-pip.lock (som installerar dem)"
	@echo "make publish [VERSION=utkastnamn] [TITEL=...] [RATTELSE=...] [PUSH=1]"
	@echo '              publicerar en version med mike på grenen '$(call quote,$(BRANCH))
	@echo "              (bara från en incheckad arbetskopia, utan ändringar som inte är incheckade)"
	@echo "make changes [FRAN=version] [TILL=version]"
	@echo "              visar ändringar (som standard: arbetskopian mot den gällande versionen)"
	@echo "make export DEST=mapp"
	@echo "              skriver alla publicerade versioner till en ny mapp för en webbserver, eller"
	@echo "              ersätter en tidigare export (känns igen på filen .policy-export); vägrar annars"
	@echo "make ny-organisation MAPP=mapp"
	@echo "              skapar ett nytt projekt för en annan organisation i en ny eller tom mapp:"
	@echo "              projektets filer och ett skelett att fylla i (make check visar vad som är kvar)"
	@echo "make bench    mätningarna i bench/ (bygge, sökning, Lighthouse, kontroll, PDF)"

# A stamp's name holds the checksum of its lock files, so a changed lock file means a
# new stamp; its modification time (a fresh checkout, a copy) says nothing.
# A new virtual environment has the pip its Python came with, however old: Python 3.11.7
# brings pip 23.2.1, which rejects this lock in hash mode as soon as the registry has a
# newer release of a dependency asked for with extras (weasyprint's fonttools[woff]). So
# that pip installs only the pip pinned in requirements-pip.lock, and the pinned pip
# installs requirements.lock. Both in hash mode: every file is checked against the lock's
# hashes, and a dependency missing from the lock stops the install. Only wheels
# (--only-binary): building a source distribution would run its code and fetch build
# tools no lock pins. Last, the standard library is compiled into the folder of compiled
# Python (PYTHONPYCACHEPREFIX, above), as pip compiles the packages it installs there:
# Python looks for compiled files in that folder only, so those its own installer made
# beside the standard library are never found, and on a machine that writes no compiled
# Python (PYTHONDONTWRITEBYTECODE, as on CI) every command would compile the part of the
# standard library it uses anew, about 0.7 s a command. (Its tests and the tools that come
# with it are left out; one process does it in 4 s, where a pool of workers takes three
# times as long.) $(call install_venv,folder,lock) makes such an environment.
compile_stdlib := import compileall, re, sysconfig; compileall.compile_dir(sysconfig.get_path("stdlib"), \
  quiet=2, rx=re.compile("/(test|tests|idlelib|tkinter|turtledemo|lib2to3|ensurepip|site-packages|dist-packages)/"))
define install_venv
	$(call quote,$(PYTHON)) -m venv $(call quote,$(1))
	$(call quote,$(1))/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	  --only-binary :all: -r requirements-pip.lock
	$(call quote,$(1))/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	  --only-binary :all: -r $(2)
	$(call quote,$(1))/bin/python -c $(call quote,$(compile_stdlib))
	rm -f $(call quote,$(1))/.installed-*
endef

$(STAMP):
	$(call install_venv,$(VENV),requirements.lock)
	touch $(call quote,$@)

$(ZENSICAL_STAMP):
	$(call install_venv,$(ZENSICAL_VENV),requirements-zensical.lock)
	touch $(call quote,$@)

install: $(STAMP)

# The tests need both environments: installed side by side by a make of its own with two
# jobs, as each install waits on the registry and the disk as much as on the processor (on
# 2 cores, 36 s against 60 s one after the other). Each is installed as alone.
environments:
	@$(MAKE) --no-print-directory -j2 both-environments

both-environments: $(STAMP) $(ZENSICAL_STAMP)
	@:

# The build checks the data itself (the same messages as make check): checked once.
serve: $(STAMP) graphviz
	$(BIN)/python -m macros.mkdocs_adapter.cli serve --dev-addr $(call quote,$(ADDR))

# Build into a staging folder and swap it in whole only when the strict build succeeds,
# under a lock (publishing/build.py): a failed, concurrent or killed build never leaves
# a half-built or missing site/. The build checks the data itself, as make check does.
build: $(STAMP) graphviz
	$(BIN)/python -m publishing.build

# The same site built by Zensical, Material's successor, instead of MkDocs (README: the
# project's lifetime); into site/ as make build does. Versions and the Swedish search
# additions stay with make build and make publish.
build-zensical: $(ZENSICAL_STAMP) graphviz
	$(ZENSICAL_BIN)/python -m publishing.build --generator zensical

check: $(STAMP)
	$(BIN)/python -m macros.site.check

# A new organisation's project in a new or empty folder MAPP (from the environment, never
# a command line): this project's committed machinery and the skeleton in
# publishing/skeleton/, every fact to give marked "FYLL I:" for make check to name.
ny-organisation: $(STAMP)
	$(BIN)/python -m publishing.new_organisation

new-organisation: ny-organisation

# make test runs the suite on this project's content, and then on the fictional second
# organisation in tests/fixtures/region (make test-exempel), so that nothing in the code or
# the tests depends on one organisation's data; the tests marked content_independent read
# no content (tests/unit/test_content_independent.py proves it) and run the first time
# only. Each run is spread over every core by pytest-xdist: with "worksteal" a worker that
# has run out of tests takes half of what another still has waiting, so no core idles
# while tests remain. A site or a published repository that several tests read is made
# once per run and shared by the workers (tests/conftest.py, made_once). The second run
# starts even when the first has failing tests (not when it was interrupted: pytest's exit
# status 2 and above), so that one make test shows the failures on both; the closing lines
# count the tests of both runs and give their times (tests/tally.py, from a file the runs write).
PARALLEL := -n auto --dist worksteal
# The tests build the site with Zensical too (ZENSICAL_PYTHON) and compare it with MkDocs's.
TEST_ENV = CHROMIUM=$(call quote,$(CHROMIUM)) ZENSICAL_PYTHON=$(abspath $(ZENSICAL_VENV))/bin/python
test: environments browser
	@tally=$$(mktemp) && trap 'rm -f "$$tally"' EXIT; \
	echo "== Projektets innehåll: python -m pytest $(PARALLEL)"; \
	$(TEST_ENV) POLICY_TEST_TALLY="$$tally" $(BIN)/python -m pytest $(PARALLEL); \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	echo "== Exemplet: POLICY_CONTENT=tests/fixtures/region python -m pytest $(PARALLEL) -m 'not content_independent'"; \
	$(TEST_ENV) POLICY_TEST_TALLY="$$tally" POLICY_CONTENT=tests/fixtures/region \
	  $(BIN)/python -m pytest $(PARALLEL) -m "not content_independent"; \
	second=$$?; [ $$second -le 1 ] || exit $$second; \
	$(BIN)/python -m tests.tally "$$tally"

test-exempel: environments browser
	$(TEST_ENV) POLICY_CONTENT=tests/fixtures/region $(BIN)/python -m pytest $(PARALLEL)

# The automated accessibility assessment of this site, recorded for the accessibility
# statement (data/granskning.json) only when every page passes; commit the file afterwards.
# One process, without pytest-xdist's workers: the record needs every scheme and width.
granskning: $(STAMP) browser
	POLICY_RECORD_ASSESSMENT=data/granskning.json CHROMIUM=$(call quote,$(CHROMIUM)) \
	  $(BIN)/python -m pytest -q -p no:cacheprovider -p no:xdist tests/browser/test_accessibility.py \
	  -k test_axe_finds_no_violation_on_any_page_scheme_or_width

schemas: $(STAMP)
	$(BIN)/python -m macros.policy.schemas schemas

# Graphviz's dot lays out the reporting-lines diagram (macros/views/diagram.py): every build needs it.
graphviz:
	@command -v dot >/dev/null || PACKAGES=graphviz sh .ci/install-packages

# Graphviz, Debian's headless Chromium for the browser tests (playwright drives it; it downloads no
# browser) and nginx for the test of the exported site.
browser:
	@CHROMIUM=$(call quote,$(CHROMIUM)) sh .ci/install-packages

# pip-tools lives in a venv of its own so that it never ends up in the locked set.
# requirements.lock: the core, MkDocs and the tests; requirements-zensical.lock: the core and
# Zensical, at the versions requirements.lock has for what both hold (-c).
# requirements-pip.lock pins the installer, pip (with the hashes of its wheel and its
# source), from the one requirement "pip" given on standard input; --allow-unsafe lets
# pip-compile pin pip at all. As with requirements.lock, a pin already in the file is kept:
# delete the file first to take the newest pip.
lock:
	$(call quote,$(PYTHON)) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --extra mkdocs --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --extra zensical --strip-extras \
	  --no-emit-index-url --no-emit-find-links -c requirements.lock -o requirements-zensical.lock pyproject.toml
	echo pip | .venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements-pip.lock -

clean:
	rm -rf site .site.bygge-* .publicering-* .mkdocs-publicering-*.yml .pytest_cache .venv-lock

# VERSION, TITEL, RATTELSE, PUSH, FRAN, TILL, DEST, BRANCH and ALIAS reach these through
# the environment (exported above); publishing/make.py reads and checks them. make publish
# checks the content as make check does, in the same process as the publication.
publish: $(STAMP) graphviz
	$(BIN)/python -m publishing.make publish

changes: $(STAMP)
	@$(BIN)/python -m publishing.make changes

export: $(STAMP)
	$(BIN)/python -m publishing.make export

# Benchmarks print measured figures side by side; they are not tests and assert nothing.
# The benchmarks' browser: Debian's chromium (BENCH_CHROMIUM), installed when missing.
bench-browser:
	@CHROMIUM=$(call quote,$(BENCH_CHROMIUM)) PACKAGES=chromium sh .ci/install-packages

bench-search: $(STAMP) bench-browser
	CHROMIUM=$(call quote,$(BENCH_CHROMIUM)) $(BIN)/python bench/search.py

bench/lighthouse/node_modules/.bin/lighthouse: bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error

bench-lighthouse: $(STAMP) bench-browser bench/lighthouse/node_modules/.bin/lighthouse
	CHROME_PATH=$(call quote,$(BENCH_CHROMIUM)) $(BIN)/python bench/lighthouse.py

# make check against the build, as bench-build measures it, without the growth with data.
bench-check: $(STAMP) graphviz
	$(BIN)/python bench/build.py --scales=

bench-build: $(STAMP) graphviz bench-browser
	CHROMIUM=$(call quote,$(BENCH_CHROMIUM)) $(BIN)/python bench/build.py

bench: bench-build bench-search bench-lighthouse

# The PDF of the document (macros/site/pdf.py): the site built as "make build" does, then the
# PDF made from its pages and linked from each of them. "make serve" never makes it.
pdf: pdf-packages
	POLICY_PDF=1 $(MAKE) --no-print-directory build

# Pango and the fonts WeasyPrint needs, from Debian, when missing.
pdf-packages:
	@PACKAGES=pdf sh .ci/install-packages

# Every published version carries its PDF (publishing/ sets POLICY_PDF).
publish: pdf-packages

bench-pdf: $(STAMP) pdf-packages
	$(BIN)/python bench/pdf.py

bench: bench-pdf

# A governing document published as code: make serve | build | check | test
# Every target sets up what it needs: a virtual environment in .venv with the exact
# versions in requirements.lock.

PYTHON ?= python3
VENV ?= .venv
CHROMIUM ?= /usr/bin/chromium
ADDR ?= 127.0.0.1:8000
BRANCH ?= publicerat
ALIAS ?= gallande

# Nothing a user sets is ever run. Every variable a user may set (on the command line or
# in the environment) is taken as the literal text it is: $(value ...) stops make from
# expanding "$(shell ...)" in it, and ":=" keeps it from being expanded later. The values
# for the publishing commands reach Python through the environment (export), never a
# command line; the few that must stand in a command line (paths of programs, the
# address) are single-quoted for the shell by $(call quote,...).
USER_VARIABLES := PYTHON VENV CHROMIUM ADDR BRANCH ALIAS VERSION TITEL RATTELSE PUSH FRAN TILL DEST
$(foreach name,$(USER_VARIABLES),$(eval override $(name) := $$(value $(name))))
export BRANCH ALIAS VERSION TITEL RATTELSE PUSH FRAN TILL DEST
quote = '$(subst ','\'',$(1))'

# VENV also names a target (the install stamp), where ";" or ":" would be make syntax:
# it may hold only letters, digits and . _ - + / (every other character is left over).
path_chars := a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 . _ - + /
leftover = $(if $(2),$(call leftover,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
ifneq ($(words $(VENV))$(call leftover,$(subst $() ,~,$(VENV)),$(path_chars)),1)
$(error VENV får bara innehålla bokstäver a-z, siffror och . _ - + /; ange till exempel VENV=.venv)
endif

BIN := $(call quote,$(VENV))/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1
# Compiled Python is kept inside the virtual environment, never beside the sources: the
# working copy stays clean, and no command compiles the project's modules anew each time.
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache

.PHONY: help install graphviz serve build check test test-exempel granskning schemas lock browser clean publish changes export bench bench-check bench-search bench-lighthouse bench-build pdf pdf-packages bench-pdf

help:
	@echo 'make serve    bygger och visar webbplatsen på http://'$(call quote,$(ADDR))' (laddas om vid ändring)'
	@echo "make build    bygger webbplatsen strikt till site/ (rör inte site/ om bygget misslyckas;"
	@echo "              två byggen samtidigt turas om, och site/ är hel i varje ögonblick)"
	@echo "make pdf      bygger webbplatsen till site/ med dokumentet som PDF/A (arkiv, tillgänglig)"
	@echo "make check    kontrollerar filerna i data/ (snabbt, bygger inget)"
	@echo "make test     kör alla tester, webbläsartesterna i Chromium inräknade, på projektets"
	@echo "              innehåll och på exempelorganisationen i tests/fixtures/region"
	@echo "make test-exempel  kör testerna bara på exempelorganisationen"
	@echo "make granskning  granskar tillgängligheten (axe) och skriver data/granskning.json"
	@echo "make schemas  skriver om JSON-scheman i schemas/ från modellerna"
	@echo "make lock     låser om beroendena i requirements.lock från pyproject.toml"
	@echo "make publish VERSION=2026-2030 [TITEL=...] [RATTELSE=...] [PUSH=1]"
	@echo '              publicerar en version med mike på grenen '$(call quote,$(BRANCH))
	@echo "              (bara från en incheckad arbetskopia, utan ändringar som inte är incheckade)"
	@echo "make changes [FRAN=version] [TILL=version]"
	@echo "              visar ändringar (som standard: arbetskopian mot den gällande versionen)"
	@echo "make export DEST=mapp"
	@echo "              skriver alla publicerade versioner till en ny mapp för en webbserver, eller"
	@echo "              ersätter en tidigare export (känns igen på filen .policy-export); vägrar annars"
	@echo "make bench    mätningarna i bench/ (bygge, sökning, Lighthouse, kontroll, PDF)"

# The stamp's name holds the checksum of requirements.lock, so a changed lock file means a
# new stamp; its modification time (a fresh checkout, a copy) says nothing.
$(STAMP):
	$(call quote,$(PYTHON)) -m venv $(call quote,$(VENV))
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	rm -f $(call quote,$(VENV))/.installed-*
	touch $(call quote,$@)

install: $(STAMP)

# The build checks the data itself (the same messages as make check): checked once.
serve: $(STAMP) graphviz
	$(BIN)/python -m publishing.mkdocs_cli serve --dev-addr $(call quote,$(ADDR))

# Build into a staging folder and swap it in whole only when the strict build succeeds,
# under a lock (publishing/build.py): a failed, concurrent or killed build never leaves
# a half-built or missing site/. The build checks the data itself, as make check does.
build: $(STAMP) graphviz
	$(BIN)/python -m publishing.build

check: $(STAMP)
	$(BIN)/python -m macros.policy.check

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
# count the tests of both runs (tests/tally.py, from a file of counts of the run's own).
PARALLEL := -n auto --dist worksteal
test: $(STAMP) browser
	@tally=$$(mktemp) && trap 'rm -f "$$tally"' EXIT; \
	echo "== Projektets innehåll: python -m pytest $(PARALLEL)"; \
	CHROMIUM=$(call quote,$(CHROMIUM)) POLICY_TEST_TALLY="$$tally" $(BIN)/python -m pytest $(PARALLEL); \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	echo "== Exemplet: POLICY_CONTENT=tests/fixtures/region python -m pytest $(PARALLEL) -m 'not content_independent'"; \
	CHROMIUM=$(call quote,$(CHROMIUM)) POLICY_TEST_TALLY="$$tally" POLICY_CONTENT=tests/fixtures/region \
	  $(BIN)/python -m pytest $(PARALLEL) -m "not content_independent"; \
	second=$$?; [ $$second -le 1 ] || exit $$second; \
	$(BIN)/python -m tests.tally "$$tally"

test-exempel: $(STAMP) browser
	CHROMIUM=$(call quote,$(CHROMIUM)) POLICY_CONTENT=tests/fixtures/region $(BIN)/python -m pytest $(PARALLEL)

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

# Graphviz, Debian's Chromium for the browser tests (playwright drives it; it downloads no
# browser) and nginx for the test of the exported site.
browser:
	@CHROMIUM=$(call quote,$(CHROMIUM)) sh .ci/install-packages

# pip-tools lives in a venv of its own so that it never ends up in the locked set.
lock:
	$(call quote,$(PYTHON)) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site .site.bygge-* .pytest_cache .venv-lock

# VERSION, TITEL, RATTELSE, PUSH, FRAN, TILL, DEST, BRANCH and ALIAS reach these through
# the environment (exported above); publishing/make.py reads and checks them.
publish: $(STAMP) graphviz check
	$(BIN)/python -m publishing.make publish

changes: $(STAMP)
	@$(BIN)/python -m publishing.make changes

export: $(STAMP)
	$(BIN)/python -m publishing.make export

# Benchmarks print measured figures side by side; they are not tests and assert nothing.
bench-search: $(STAMP) browser
	CHROMIUM=$(call quote,$(CHROMIUM)) $(BIN)/python bench/search.py

bench/lighthouse/node_modules/.bin/lighthouse: bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error

bench-lighthouse: $(STAMP) browser bench/lighthouse/node_modules/.bin/lighthouse
	CHROME_PATH=$(call quote,$(CHROMIUM)) $(BIN)/python bench/lighthouse.py

# make check against the build, as bench-build measures it, without the growth with data.
bench-check: $(STAMP) graphviz
	$(BIN)/python bench/build.py --scales=

bench-build: $(STAMP) graphviz browser
	CHROMIUM=$(call quote,$(CHROMIUM)) $(BIN)/python bench/build.py

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

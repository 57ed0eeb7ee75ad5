# Melleruds kommuns informationssäkerhetspolicy: make serve | build | check | test
# Every target sets up what it needs: a virtual environment in .venv with the exact
# versions in requirements.lock.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
ADDR ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

BRANCH ?= publicerat
ALIAS ?= gallande

.PHONY: help install graphviz serve build check test schemas lock browser clean publish changes export bench bench-check bench-search bench-lighthouse pdf pdf-packages bench-pdf

help:
	@echo "make serve    bygger och visar webbplatsen på http://$(ADDR) (laddas om vid ändring)"
	@echo "make build    bygger webbplatsen strikt till site/ (rör inte site/ om bygget misslyckas)"
	@echo "make pdf      bygger webbplatsen till site/ med dokumentet som PDF/A (arkiv, tillgänglig)"
	@echo "make check    kontrollerar filerna i data/ (snabbt, bygger inget)"
	@echo "make test     kör alla tester, webbläsartesterna i Chromium inräknade"
	@echo "make schemas  skriver om JSON-scheman i schemas/ från modellerna"
	@echo "make lock     låser om beroendena i requirements.lock från pyproject.toml"
	@echo "make publish VERSION=2026-2030 [TITEL=...] [RATTELSE=...] [PUSH=1]"
	@echo "              publicerar en version med mike på grenen $(BRANCH)"
	@echo "make changes [FRAN=version] [TILL=version]"
	@echo "              visar ändringar (som standard: arbetskopian mot den gällande versionen)"
	@echo "make export DEST=mapp"
	@echo "              skriver alla publicerade versioner till en mapp för en webbserver"
	@echo "make bench    mätningarna i bench/ (sökning, Lighthouse, kontroll, PDF: make bench-pdf)"

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

serve: $(STAMP) graphviz check
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

# Build into a temporary folder and swap it in only when the strict build succeeds,
# so that a failed build never leaves a half-built or empty site/.
build: $(STAMP) graphviz check
	rm -rf .site.tmp
	$(BIN)/mkdocs build --strict --site-dir .site.tmp
	rm -rf .site.old
	if [ -d site ]; then mv site .site.old; fi
	mv .site.tmp site
	rm -rf .site.old

check: $(STAMP)
	$(BIN)/python -m macros.check

test: $(STAMP) browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

schemas: $(STAMP)
	$(BIN)/python -m macros.schemas schemas

# Graphviz's dot lays out the reporting-lines diagram (macros/diagram.py): every build needs it.
graphviz:
	@command -v dot >/dev/null || PACKAGES=graphviz sh .ci/install-packages

# Graphviz, Debian's Chromium for the browser tests (playwright drives it; it downloads no
# browser) and nginx for the test of the exported site.
browser:
	@CHROMIUM=$(CHROMIUM) sh .ci/install-packages

# pip-tools lives in a venv of its own so that it never ends up in the locked set.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site .site.tmp .site.old .pytest_cache .venv-lock

publish: $(STAMP) graphviz check
	@test -n "$(VERSION)" || { echo "Ange VERSION, till exempel: make publish VERSION=2026-2030" >&2; exit 2; }
	$(BIN)/python -m publishing --gren $(BRANCH) --alias $(ALIAS) publish "$(VERSION)" \
	  $(if $(TITEL),--titel "$(TITEL)") $(if $(RATTELSE),--rattelse "$(RATTELSE)") \
	  $(if $(PUSH),--push)

changes: $(STAMP)
	@$(BIN)/python -m publishing --gren $(BRANCH) --alias $(ALIAS) changes $(if $(FRAN),--fran "$(FRAN)") $(if $(TILL),--till "$(TILL)")

export: $(STAMP)
	@test -n "$(DEST)" || { echo "Ange DEST, till exempel: make export DEST=/srv/informationssakerhet" >&2; exit 2; }
	$(BIN)/python -m publishing --gren $(BRANCH) export "$(DEST)"

# Benchmarks print measured figures side by side; they are not tests and assert nothing.
bench-search: $(STAMP) browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/search.py

bench/lighthouse/node_modules/.bin/lighthouse: bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error

bench-lighthouse: $(STAMP) browser bench/lighthouse/node_modules/.bin/lighthouse
	CHROME_PATH=$(CHROMIUM) $(BIN)/python bench/lighthouse.py

bench-check: $(STAMP)
	$(BIN)/python bench/check.py

bench: bench-check bench-search bench-lighthouse

# The PDF of the document (macros/pdf.py): the site built as "make build" does, then the
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

# Two commands for a fresh machine with Python 3.11, make, Node.js (npm) and, for the
# browser tests, Chromium (installed from Debian's packages when run as root):
#   make serve   set up .venv and serve the site at http://127.0.0.1:8000
#   make test    set up .venv, axe-core and Chromium, and run every test
# For writers:
#   make test PAGE=remedies/gradient-clipping   one page: its blocks, figures, browser checks
#   make bench [PAGE=...] [BENCH=--strict]      how long each block takes (never a test);
#                                               BENCH=--record keeps it for the pages
#   make lighthouse [PAGE=...] [LIGHTHOUSE=--strict]   mobile performance per page (never a test)
#   make seeds                                  every seeded snippet, rerun with other seeds
#   make figures                                recompute figures, tables and notebook outputs
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
JOBS ?= auto
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test bench lighthouse seeds figures chromium clean

# Reinstall whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-site.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive the system's Chromium; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null || test -x "$$CHROMIUM" || { \
	  test "$$(id -u)" = 0 || { echo "Install Chromium (Debian: apt-get install chromium) or set CHROMIUM=/path/to/chromium" >&2; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The build renders committed figures and notebook outputs: it runs no code.
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# One worker per core (pytest-xdist); each block still runs alone in a fresh interpreter.
# The 15 slowest tests are listed at the end: where the time goes (never a failure).
test: $(VENV)/.installed node_modules/.installed chromium
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal --durations=15 $(if $(PAGE),--page=$(PAGE))

bench: $(VENV)/.installed
	$(BIN)/python -m clinic.bench $(if $(PAGE),--page=$(PAGE)) $(BENCH)

# Lighthouse has its own folder and lock file: `make test` never installs it.
tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lighthouse: $(VENV)/.installed tools/lighthouse/node_modules/.installed chromium
	$(BIN)/python -m clinic.lighthouse $(if $(PAGE),--pages $(PAGE)) $(LIGHTHOUSE)

seeds: $(VENV)/.installed
	$(BIN)/python -m clinic.seeds

# Recompute the numbers behind every figure and table, redraw them, and re-run the
# notebooks (commit the result).
figures: $(VENV)/.installed
	$(BIN)/python -m clinic.figures
	$(BIN)/python -m clinic.notebooks

clean:
	rm -rf site .cache   # the built site; the build's caches (notebooks, templates, math)

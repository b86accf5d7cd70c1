# Two commands for a fresh machine with Python 3.11, make, Node.js (npm) and, for the
# browser tests, Chromium (installed from Debian's packages when run as root):
#   make serve   set up .venv and serve the site at http://127.0.0.1:8000
#   make test    set up .venv, axe-core and Chromium, and run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test figures chromium clean

# Reinstall whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
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

# Notebooks run on the first build; later rebuilds reuse their results (NOTEBOOK_CACHE).
serve: $(VENV)/.installed
	NOTEBOOK_CACHE=true $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# pytest builds the site itself (strict), then tests pages, snippets, figures, browser.
test: $(VENV)/.installed node_modules/.installed chromium
	$(BIN)/python -m pytest

# Recompute the numbers behind every figure and redraw them (commit the result).
figures: $(VENV)/.installed
	$(BIN)/python -m clinic.figures

clean:
	rm -rf site

# Two commands for a fresh machine with Python 3.11:
#   make serve   set up .venv and serve the site at http://127.0.0.1:8000
#   make test    set up .venv and run every test (pages, snippets, figures)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build figures clean

# Reinstall whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.installed
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m pytest

# Recompute the numbers behind every figure and redraw them (commit the result).
figures: $(VENV)/.installed
	$(BIN)/python -m clinic.figures

clean:
	rm -rf site

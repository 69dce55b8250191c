# Briefing — the two commands of the README are `make run` and `make test`.
# Both create .venv when missing, install the package with its dev tools, and install the
# system libraries Qt needs when running as root (printing the exact apt-get line otherwise).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := resources/samples/siversk.txt

.PHONY: run test lint typecheck unit gui-tests bench screenshot eval eval-pages clean

$(STAMP): pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Briefing needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@bash scripts/qt-sysdeps.sh x11 $(PY)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(VENV)/bin/briefing gui $(SAMPLE); \
	else \
		echo "No screen here: opening the reader on a virtual screen and saving out/reader.png"; \
		mkdir -p out && xvfb-run -a -s "-screen 0 1440x900x24" \
			$(VENV)/bin/briefing gui --screenshot out/reader.png $(SAMPLE) && \
		echo "Saved out/reader.png"; \
	fi

test: $(STAMP)
	@bash scripts/qt-sysdeps.sh offscreen $(PY)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy briefing
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/run_all.py

eval: $(STAMP) eval-pages
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) eval/quality.py

# Web-page extraction: our import against plain trafilatura.extract() on the 884 pages of
# ../shared/eval/webpages-trafilatura-eval.tar.gz (unpacked under out/), same run.
eval-pages: $(STAMP)
	nice -n 10 $(PY) eval/webpages.py --jobs 2

screenshot: $(STAMP)
	@bash scripts/qt-sysdeps.sh x11 $(PY)
	xvfb-run -a -s "-screen 0 1440x900x24" $(VENV)/bin/briefing gui \
		--screenshot docs/screenshots/reader.png $(SAMPLE)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache out

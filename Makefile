# Briefing — the two commands of the README are `make run` and `make test`.
# Both create .venv when missing, install the package with its dev tools, and install the
# system libraries Qt needs when running as root (printing the exact apt-get line otherwise).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := resources/samples/siversk.txt
NER_C1 ?= 0.2
NER_C2 ?= 0.05

.PHONY: run test lint typecheck unit gui-tests bench screenshot eval eval-entities-cv clean

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

eval: $(STAMP)
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) eval/quality.py

# Entities: 5-fold cross-validation by document over CoNLL-2003 train+dev (the README's
# figure; about 30 minutes on 2 cores), with the shipped regularisation.
eval-entities-cv: $(STAMP)
	nice -n 10 $(PY) scripts/analysis/train_ner.py --cv 5 --c1 $(NER_C1) --c2 $(NER_C2)

screenshot: $(STAMP)
	@bash scripts/qt-sysdeps.sh x11 $(PY)
	xvfb-run -a -s "-screen 0 1440x900x24" $(VENV)/bin/briefing gui \
		--screenshot docs/screenshots/reader.png $(SAMPLE)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache out

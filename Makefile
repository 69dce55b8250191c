# Briefing — the two commands of the README are `make run` and `make test`.
# Both create .venv when missing, install the package with its dev tools, and install the
# system libraries Qt needs when running as root (printing the exact apt-get line otherwise).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := resources/samples/siversk.txt
NER_C1 ?= 0.1
NER_C2 ?= 0.1

.PHONY: run test lock lint typecheck unit gui-tests bench screenshot eval eval-pages eval-entities-cv clean extension

# The exact, hash-checked versions the tests last passed with (make lock refreshes them).
LOCK   := requirements/dev.lock

$(STAMP): pyproject.toml setup.py $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Briefing needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Re-resolve the lock to the newest versions pyproject.toml allows, install them and run the
# whole suite against them: drift is found here before users find it (README: monthly).
lock: $(STAMP)
	$(PY) -m pip install --quiet 'uv>=0.5'
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --upgrade --quiet -o $(LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	@touch $(STAMP)
	$(MAKE) test

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
	@bash scripts/install-syncthing.sh
	@bash scripts/capture-e2e-deps.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy briefing
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -p no:cacheprovider

# The "Send to Briefing" browser extension: out/extension/{chromium,firefox}/ and one zip per
# browser, then `web-ext lint` on the Firefox build.
extension:
	@bash scripts/capture-e2e-deps.sh
	$(PYTHON) scripts/build_extension.py
	cd extension && npx --no-install web-ext lint --source-dir ../out/extension/firefox

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[eval]'  # sumy: the LexRank baseline of bench/analysis.py
	$(PY) bench/run_all.py

eval: $(STAMP) eval-pages
	$(PY) -m pip install --quiet -e '.[eval]'
	$(PY) eval/quality.py

# Entities: 5-fold cross-validation by document over CoNLL-2003 train+dev (the README's
# figure; about 30 minutes on 2 cores), with the shipped regularisation.
eval-entities-cv: $(STAMP)
	nice -n 10 $(PY) scripts/analysis/train_ner.py --cv 5 --c1 $(NER_C1) --c2 $(NER_C2)

# Web-page extraction: our import against plain trafilatura.extract() on the 884 pages of
# ../shared/eval/webpages-trafilatura-eval.tar.gz (unpacked under out/), same run.
eval-pages: $(STAMP)
	nice -n 10 $(PY) eval/webpages.py --jobs 2

screenshot: $(STAMP)
	@bash scripts/qt-sysdeps.sh x11 $(PY)
	xvfb-run -a -s "-screen 0 1440x900x24" $(VENV)/bin/briefing gui \
		--screenshot docs/screenshots/reader.png $(SAMPLE)

# The self-contained PyInstaller folder (dist/briefing, about 30 s), then its checks in the
# built app: the commands, the reader's analysis child, the integrity check's low-priority
# child and the story workers (tests/packaging/test_pyinstaller_dist.py, about 35 s).
.PHONY: pyinstaller
pyinstaller: $(STAMP)
	@bash scripts/qt-sysdeps.sh offscreen $(PY)
	nice -n 10 scripts/build_pyinstaller.sh $(PY)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -p no:cacheprovider \
		tests/packaging/test_pyinstaller_dist.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache out

# The two commands a student, a teacher or CI needs: `make run` and `make test`.
# Both build .venv from nothing when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint unit install clean screenshots bench

run: $(STAMP)
	$(BIN)/studyapp

test: $(STAMP) lint unit

lint: $(STAMP)
	$(BIN)/ruff check studyapp tests
	$(BIN)/lint-imports
	$(BIN)/mypy

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

install: $(STAMP)

screenshots: $(STAMP)  ## every tab, light and dark, into resources/screenshots/ (commit them)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_screenshots.py

# Benchmarks (tests/bench/, not part of `make test`): each prints its table. About 10 minutes.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/bench_startup.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/bench_startup.py --large
	$(BIN)/python tests/bench/bench_import.py
	$(BIN)/python tests/bench/bench_search.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/bench_timeline.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/bench_tabs.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

# --- Packaging (packaging/README.md) -------------------------------------------------------
.PHONY: dist bundle bundle-check install-desktop uninstall-desktop

dist: $(STAMP)  ## the wheel and sdist, into dist/
	$(BIN)/python -m pip install --quiet build
	$(BIN)/python -m build --outdir dist .

bundle: $(STAMP)  ## the PyInstaller one-folder bundle, dist/StudyApp/
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/studyapp.spec
	@du -sh dist/StudyApp | sed 's/^/unpacked size: /'

bundle-check:  ## start the bundle once, offscreen, on a fresh data folder
	packaging/check_bundle.sh dist/StudyApp/studyapp

install-desktop: $(STAMP)  ## menu entry, metainfo and icons for the current user
	$(BIN)/python packaging/install_desktop.py

uninstall-desktop: $(STAMP)
	$(BIN)/python packaging/install_desktop.py --uninstall

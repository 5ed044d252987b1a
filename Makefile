# capella_qgis — one entry point for bootstrap, run, test, package and benchmarks.
# Every target installs what it needs (apt packages, the venv, pinned pip packages) and is idempotent.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
STAMPS      := build/.stamps
SUDO        := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := python3-qgis qgis qgis-providers python3-gdal gdal-bin python3-venv python3-pip \
                xvfb xauth x11-utils imagemagick tinyproxy aria2 zip \
                pyqt5-dev-tools qttools5-dev-tools
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help bootstrap run test check lint typecheck format unit qgis-tests e2e wheelhouse package \
        deploy bench clean qgis-process-smoke package-check translations screenshots

help:
	@echo "make run      QGIS with the plugin against the Console emulator (or the real Console"
	@echo "              when CAPELLA_API_KEY is set); headless machines get build/run.png"
	@echo "make test     lint, unit, QGIS and end-to-end tests, package checks (installs all it needs)"
	@echo "make check    lint, unit and QGIS tests only (the inner loop)"
	@echo "make package  build/capella_qgis.zip for the Plugin Manager"
	@echo "make deploy   install the staged plugin into your default QGIS profile"
	@echo "make bench    benchmarks"

$(STAMPS)/apt: Makefile
	@mkdir -p $(STAMPS)
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing apt packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@touch $@

# numpy is pinned to the one QGIS/GDAL were built against: a pip-upgraded numpy breaks gdal_array.
$(STAMPS)/venv: $(STAMPS)/apt requirements/runtime.txt requirements/dev.txt
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	@echo "numpy==$$(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')" > build/constraints.txt
	$(PY) -m pip install -q -r requirements/dev.txt -c build/constraints.txt
	@touch $@

bootstrap: $(STAMPS)/venv

# QGIS 3.22 on Windows and macOS still ships Python 3.9: vermin checks the plugin runs there.
lint: bootstrap typecheck
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/vermin -t=3.9- --no-tips --eval-annotations --backport typing_extensions \
		--violations -q capella_qgis

# The QGIS/PyQt stubs of python3-qgis, where mypy finds them (they are not PEP 561 packages).
$(STAMPS)/stubs: $(STAMPS)/venv
	@mkdir -p build/stubs
	@for pkg in qgis PyQt5; do \
		ln -sfn "$$($(PY) -c "import $$pkg, os; print(os.path.dirname($$pkg.__file__))")" build/stubs/$$pkg; \
	done
	@touch $@

typecheck: $(STAMPS)/stubs
	$(PY) -m mypy

format: bootstrap
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

unit: bootstrap
	$(PY) -m pytest -p no:qgis tests/unit -q

# pytest-qgis keeps its settings folder between runs (a proxy set by one run leaks into the next).
qgis-tests: bootstrap
	rm -rf .qgis-settings
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/qgis -q

# Real QGIS processes on Xvfb with the built zip: Plugin Manager install, package scans.
e2e: bootstrap wheelhouse
	$(PY) -m pytest -p no:qgis tests/e2e -q

# Wheels for the installer test's local package index (pip runs with --no-index there).
wheelhouse: bootstrap
	$(PY) scripts/wheelhouse.py

check: lint unit qgis-tests

test: lint unit qgis-tests e2e package-check

run: bootstrap
	$(PY) scripts/run_qgis.py

package: bootstrap
	$(PY) scripts/package.py

# The checks plugins.qgis.org runs on upload (metadata, zip layout, bandit, detect-secrets, Qt6).
package-check: package
	$(PY) scripts/validate_package.py build/capella_qgis.zip

deploy: package
	$(PY) scripts/package.py --deploy

# Regenerate i18n/*.ts from the sources, check every message is translated, compile the .qm.
translations: bootstrap
	$(PY) scripts/translations.py

# README screenshots: real QGIS under Xvfb against the emulator.
screenshots: bootstrap
	$(PY) scripts/screenshots.py

qgis-process-smoke: bootstrap
	$(PY) scripts/qgis_process_smoke.py

bench: bootstrap
	$(PY) -m bench

clean:
	rm -rf build .qgis-settings .qgis-profile .pytest_cache .ruff_cache

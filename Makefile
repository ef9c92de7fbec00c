# dossier: two commands on a fresh machine.
#   make demo  — set everything up, then build the bundled examples into build/
#   make test  — set everything up, then run the full test suite
PY := .venv/bin/python
DOSSIER := .venv/bin/dossier

.PHONY: setup demo test bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	$(DOSSIER) check content/示例县
	$(DOSSIER) check content/示例学校
	$(DOSSIER) build

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf build .pytest_cache

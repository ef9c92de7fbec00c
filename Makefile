# dossier: two commands on a fresh machine.
#   make demo  — set everything up, then build the bundled examples into build/
#   make test  — set everything up, then run the full test suite
#   make serve — set everything up, then start the web app (dossier serve) on the bundled examples
PY := .venv/bin/python
DOSSIER := .venv/bin/dossier

.PHONY: setup demo test bench clean serve

HOST ?= 127.0.0.1
PORT ?= 8000
# the first 管理员 of `make serve` (created when missing); set your own: make serve DOSSIER_ADMIN_PASSWORD=…
DOSSIER_ADMIN_PASSWORD ?= dossier-demo-2025
export DOSSIER_ADMIN_PASSWORD

setup:
	@bash scripts/setup.sh

demo: setup
	$(DOSSIER) check content/示例县
	$(DOSSIER) check content/示例学校
	$(DOSSIER) build

test: setup
	$(PY) -m pytest -q

serve: setup
	$(DOSSIER) serve content/示例县 content/示例学校 --create-admin admin --if-missing
	$(DOSSIER) serve content/示例县 content/示例学校 --host $(HOST) --port $(PORT)

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf build .pytest_cache

# Two commands do all the set-up on a fresh machine (Python 3.11 with venv and pip):
#   make run    install into .venv, then run the whole suite on CORPUS (default data/raw); results of
#               data/raw in data/processed/ and figures/, of any other corpus in data/processed/<name>/
#               and figures/<name>/ (the name is printed), so no run overwrites another corpus's results
#   make test   install into .venv, then run the unit tests and execute every notebook
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= data/raw
JOBS   ?= 2
STAMP  := $(VENV)/.installed

.PHONY: install run test lab report bench clean

# etc/jupyter/jupyter_config.json: kernels get CurveZMQ keys (no "running over TCP without encryption")
$(STAMP): pyproject.toml etc/jupyter/jupyter_config.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (claimcritique)" >/dev/null
	mkdir -p $(VENV)/etc/jupyter && cp etc/jupyter/jupyter_config.json $(VENV)/etc/jupyter/jupyter_config.json
	touch $(STAMP)

install: $(STAMP)

# every table to the corpus's folder (read once, in parallel), then every notebook (figures to its folder);
# quoted, so a folder with spaces works: make run CORPUS="my articles"
run: install
	$(BIN)/claimcritique analyze "$(CORPUS)" --jobs $(JOBS)
	$(BIN)/python -m claimcritique.notebooks --corpus "$(CORPUS)" --jobs $(JOBS)

test: install
	$(BIN)/python -m pytest

# JupyterLab on loopback only, with a token; the project's kernel is the notebooks' python3
lab: install
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --no-browser --ServerApp.root_dir=notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root,)

# the write-up (headlines, figures with captions, tables of claims and findings) as one self-contained HTML
# file, build/report/[corpus name/]claimcritique.html, and the executed notebooks as HTML beside it; reuses what
# `make run` produced for CORPUS, and runs it first only when that is missing or out of date (exit status 3 of
# --only-if-current) or RERUN=1; any other failure of the report is shown, not hidden by a rerun
report: install
	@if [ "$(RERUN)" = "1" ]; then status=3; else \
		$(BIN)/claimcritique report --corpus "$(CORPUS)" --only-if-current; status=$$?; fi; \
	if [ $$status -eq 3 ]; then \
		$(MAKE) --no-print-directory run CORPUS="$(CORPUS)" JOBS="$(JOBS)" && \
		$(BIN)/claimcritique report --corpus "$(CORPUS)"; \
	else exit $$status; fi

# speed and memory as ratios against baselines measured in the same run (takes a while)
bench: install
	$(BIN)/claimcritique bench

# every corpus's tables, figures and executed notebooks (the articles themselves are never touched)
clean:
	rm -rf build
	find data/processed figures -mindepth 1 ! -name .gitkeep -delete

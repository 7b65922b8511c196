# Two commands do all the set-up on a fresh machine (Python 3.11 with venv and pip):
#   make run    install into .venv, then run the whole suite on CORPUS (default data/raw)
#   make test   install into .venv, then run the unit tests and execute every notebook
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= data/raw
JOBS   ?= 2
STAMP  := $(VENV)/.installed

.PHONY: install run test lab report bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (claimcritique)" >/dev/null
	touch $(STAMP)

install: $(STAMP)

# every table to data/processed (read once, in parallel), then every notebook (figures to figures/)
run: install
	$(BIN)/claimcritique analyze $(CORPUS) -o data/processed --jobs $(JOBS)
	$(BIN)/python -m claimcritique.notebooks --corpus $(CORPUS) --jobs $(JOBS)

test: install
	$(BIN)/python -m pytest

# JupyterLab on loopback only, with a token; the project's kernel is the notebooks' python3
lab: install
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --no-browser --ServerApp.root_dir=notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root,)

# the write-up (headlines, figures with captions, tables of claims and findings) as one self-contained HTML
# file, build/report/claimcritique.html, and the executed notebooks (from `make run`) as HTML beside it
report: run
	$(BIN)/claimcritique report -o build/report/claimcritique.html
	$(BIN)/jupyter nbconvert --to html --output-dir build/report build/notebooks/*.ipynb
	@echo "report: build/report/claimcritique.html (and the notebooks in build/report/)"

# speed and memory as ratios against baselines measured in the same run (takes a while)
bench: install
	$(BIN)/claimcritique bench

clean:
	rm -rf build data/processed/*.csv data/processed/*.pkl data/processed/*.json figures/*.png figures/*.svg figures/*.pdf

# Two commands do all the set-up on a fresh machine (Python 3.11 with venv and pip):
#   make run    install into .venv, then run the whole suite on CORPUS (default data/raw)
#   make test   install into .venv, then run the unit tests and execute every notebook
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= data/raw
STAMP  := $(VENV)/.installed

.PHONY: install run notebooks test lab clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (claimcritique)" >/dev/null
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/claimcritique analyze $(CORPUS) -o data/processed
	$(BIN)/python -m claimcritique.notebooks --corpus $(CORPUS)

test: install
	$(BIN)/python -m pytest

lab: install
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks

clean:
	rm -rf build data/processed/*.csv figures/*.png figures/*.svg figures/*.pdf

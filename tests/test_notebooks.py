"""Every numbered notebook runs top to bottom on a clean kernel, and is committed stripped."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from claimcritique import paths
from claimcritique.notebooks import execute_notebook, notebook_files

NOTEBOOKS = notebook_files()


def test_notebooks_are_numbered_from_00_without_gaps():
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(len(NOTEBOOKS))]
    assert NOTEBOOKS[0].name == "00_index.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stripped_and_well_formed(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "commit notebooks stripped"
    first = "".join(nb["cells"][0]["source"])
    assert nb["cells"][0]["cell_type"] == "markdown" and first.startswith("# ")
    assert "**Question" in first
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one parameter cell"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, monkeypatch_module):
    """Tables and figures of the notebook runs go to a temporary folder, not the work tree."""
    folder = tmp_path_factory.mktemp("notebook-outputs")
    monkeypatch_module.setenv("CLAIMCRITIQUE_PROCESSED", str(folder / "processed"))
    monkeypatch_module.setenv("CLAIMCRITIQUE_FIGURES", str(folder / "figures"))
    return folder


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path, outputs):
    nb = execute_notebook(path, outputs / "executed")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    if "save_figure(" in path.read_text(encoding="utf-8"):
        prefix = path.name[:2]
        assert any(f.name.startswith(prefix) for f in (outputs / "figures").glob("*.svg")), "figures exported"


def test_make_runs_suite_runner_on_shared_kernels(outputs):
    """What `make run` does: kernels started once and reused (a blocking kernel client), widget notebook included."""
    from claimcritique import notebooks

    assert notebooks.main(["--out", str(outputs / "suite"), "--jobs", "1", "00", "06"]) == 0
    assert {p.name for p in (outputs / "suite").glob("*.ipynb")} == {"00_index.ipynb", "06_explorer.ipynb"}


def test_parameter_cell_is_the_parameter():
    """CORPUS is assigned in the tagged cell only (papermill injects its value after it), from no environment."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])][0]
        assert "CORPUS = None" in tagged.source and "environ" not in tagged.source
        others = "\n".join(c.source for c in nb.cells if c.cell_type == "code" and c is not tagged)
        assert "CORPUS =" not in others and "CLAIMCRITIQUE_CORPUS" not in others


@pytest.fixture(scope="module")
def other_corpus(tmp_path_factory):
    """A second corpus, with a space in its name: two seed articles."""
    folder = tmp_path_factory.mktemp("corpora") / "my articles"
    folder.mkdir()
    for seed in sorted(paths.RAW.glob("*.txt"))[1:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def test_papermill_parameters_choose_the_corpus_and_its_folders(outputs, other_corpus, tmp_path):
    """`papermill -p CORPUS ...` (the real command): the notebook reads that corpus, says so, and writes its
    tables and figures to that corpus's own folders."""
    target = tmp_path / "02.ipynb"
    env = {**os.environ, "CLAIMCRITIQUE_PROCESSED": str(outputs / "processed"),
           "CLAIMCRITIQUE_FIGURES": str(outputs / "figures")}
    subprocess.run([sys.executable, "-m", "papermill", str(paths.NOTEBOOKS / "02_quantitative_claims.ipynb"), str(target),
                    "-p", "CORPUS", str(other_corpus), "--cwd", str(paths.NOTEBOOKS), "--no-progress-bar"],
                   check=True, capture_output=True, text=True, env=env, timeout=600)
    nb = nbformat.read(target, as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert f"Corpus: {other_corpus}" in printed and "2 documents" in printed
    assert (outputs / "processed" / "my-articles" / "claims.csv").exists()
    assert any((outputs / "figures" / "my-articles").glob("02_*.svg"))


def test_stock_nbconvert_runs_the_widget_notebook(outputs, tmp_path):
    """`jupyter nbconvert --to notebook --execute` (plain nbclient) finishes the explorer: no stall, and the
    kernel prints no warning about unencrypted TCP (etc/jupyter/jupyter_config.json, which `make install`
    puts in .venv/etc/jupyter, asks for CurveZMQ keys)."""
    env = {**os.environ, "CLAIMCRITIQUE_PROCESSED": str(outputs / "processed"),
           "CLAIMCRITIQUE_FIGURES": str(outputs / "figures"), "JUPYTER_CONFIG_DIR": str(paths.PROJECT_ROOT / "etc" / "jupyter")}
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                           str(paths.NOTEBOOKS / "06_explorer.ipynb"), "--output-dir", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=paths.PROJECT_ROOT)
    assert done.returncode == 0, done.stderr
    assert "without encryption" not in done.stderr
    nb = nbformat.read(tmp_path / "06_explorer.ipynb", as_version=4)
    shown = json.dumps([o for c in nb.cells for o in c.get("outputs", [])])
    assert "application/vnd.jupyter.widget-view+json" in shown  # the widget cell ran and replied
    assert "Calm, Cramps, Sleep listicle" in shown  # the static view names its document by label


def test_a_run_clears_only_its_own_notebooks_old_figures(tmp_path):
    """Figures left by an older version of a notebook go; other notebooks' figures and other files stay."""
    from claimcritique import notebooks as runner

    for name in ("02_dose_ranges.png", "02_dose_ranges.svg", "05_claim_matrix.pdf", "notes.txt", "02_data.csv"):
        (tmp_path / name).write_text("x")
    removed = runner.clear_figures(tmp_path, [Path("02_quantitative_claims.ipynb")])
    assert sorted(p.name for p in removed) == ["02_dose_ranges.png", "02_dose_ranges.svg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02_data.csv", "05_claim_matrix.pdf", "notes.txt"]


def test_a_kernel_that_dies_ends_the_run_with_a_message_naming_the_notebook(outputs, tmp_path):
    """A crashed kernel (here it exits mid-cell, as the out-of-memory killer would end it) is reported, not waited on."""
    from claimcritique import notebooks

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell("import os\nos._exit(1)")]
    path = tmp_path / "09_crash.ipynb"
    nbformat.write(nb, path)
    outcomes = notebooks.run_suite([path], paths.RAW, tmp_path / "out", jobs=1, timeout=60)
    assert [name for name, _, _ in outcomes] == ["09_crash.ipynb"]
    assert "DeadKernel" in outcomes[0][2] or "died" in outcomes[0][2]


def test_the_runner_gives_each_notebook_the_fingerprint_it_checked(tmp_path):
    """Injected after the parameters cell as papermill does, so no kernel plans the corpus again."""
    from claimcritique.notebooks import read_notebook

    nb = read_notebook(NOTEBOOKS[1], paths.RAW, checked="abc123")
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "FINGERPRINT = \"abc123\"" in injected[0].source
    for path in NOTEBOOKS:
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert "FINGERPRINT = None" in source and "analysis.results(CORPUS, checked=FINGERPRINT)" in source

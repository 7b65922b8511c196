"""Every numbered notebook runs top to bottom on a clean kernel, and is committed stripped."""
from __future__ import annotations

import json

import pytest

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
    monkeypatch_module.delenv("CLAIMCRITIQUE_CORPUS", raising=False)
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


def test_replies_are_polled_in_slices_up_to_the_deadline(monkeypatch):
    """The workaround for jupyter/nbclient#312: a reply a long poll missed is found by the next short poll,
    and a reply that never comes still ends in Empty at the caller's deadline."""
    import asyncio
    import time
    from queue import Empty

    from claimcritique import notebooks

    monkeypatch.setattr(notebooks, "POLL_SLICE", 0.01)
    polls = []

    async def reply_on_third_poll(timeout=None):
        polls.append(timeout)
        if len(polls) < 3:
            raise Empty
        return {"msg_type": "execute_reply"}

    assert asyncio.run(notebooks._get_msg_in_slices(reply_on_third_poll, timeout=600))["msg_type"] == "execute_reply"

    def blocking_reply(timeout=None):  # a shared kernel's blocking client answers without a coroutine
        return {"msg_type": "execute_reply"}

    assert asyncio.run(notebooks._get_msg_in_slices(blocking_reply, timeout=600))["msg_type"] == "execute_reply"
    assert len(polls) == 3 and all(t <= 0.01 for t in polls)

    async def never(timeout=None):
        await asyncio.sleep(timeout)
        raise Empty

    began = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(notebooks._get_msg_in_slices(never, timeout=0.05))
    assert time.monotonic() - began >= 0.05


def test_make_runs_suite_runner_on_shared_kernels(outputs):
    """What `make run` does: kernels started once and reused (a blocking kernel client), widget notebook included."""
    from claimcritique import notebooks

    assert notebooks.main(["--out", str(outputs / "suite"), "--jobs", "1", "00", "06"]) == 0
    assert {p.name for p in (outputs / "suite").glob("*.ipynb")} == {"00_index.ipynb", "06_explorer.ipynb"}

"""`claimcritique analyze` writes batch by batch; what it writes must be what the in-memory analysis computes."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from claimcritique import analysis, cli, paths


def _corpus(folder, copies=3):
    folder.mkdir()
    for i in range(copies):
        for seed in sorted(paths.RAW.iterdir()):
            (folder / f"{i}_{seed.name}").write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_text("")  # a problem, reported, not fatal
    return folder


def test_streamed_tables_equal_the_in_memory_analysis(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    monkeypatch.setattr(analysis, "BATCH", 5)  # several batches, in two processes
    written = analysis.write_analysis([corpus], tmp_path / "out", jobs=2)
    whole = analysis.analyze([corpus])
    assert list(written.rows) == analysis.TABLES == list(whole.tables)
    assert written.documents == 12 and len(written.problems) == 1
    memory = tmp_path / "memory"
    analysis.write_results(whole, memory)
    for name in analysis.TABLES:
        streamed = pd.read_csv(tmp_path / "out" / f"{name}.csv", keep_default_na=False)
        expected = pd.read_csv(memory / f"{name}.csv", keep_default_na=False)
        pd.testing.assert_frame_equal(streamed, expected, check_dtype=False, obj=name)
        assert written.rows[name] == len(whole[name])
    cached = analysis.read_results(tmp_path / "out")  # what the notebooks read back
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(cached[name], whole[name], check_dtype=False, obj=name)
    assert cached.corpus.text("0_000_0856cdaba0ba1b27") == whole.corpus.text("0_000_0856cdaba0ba1b27")


def test_results_reads_the_cache_analyze_wrote(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=1)
    analysis.write_analysis([corpus], tmp_path / "out")
    stamp = (tmp_path / "out" / analysis.CACHE).stat().st_mtime_ns
    again = analysis.results(corpus, folder=tmp_path / "out")
    assert (tmp_path / "out" / analysis.CACHE).stat().st_mtime_ns == stamp  # read, not recomputed
    assert len(again["claims"]) == 33 and len(again.corpus.documents) == 4


def test_cli_analyze_on_an_empty_folder_stops_before_writing(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert cli.main(["analyze", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert f"no readable article in '{tmp_path / 'in'}': the folder is empty" in err
    assert not (tmp_path / "out").exists()


def test_nothing_readable_names_what_was_found(tmp_path, capsys):
    folder = tmp_path / "only pdf and docx"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "b.pdf").write_text("plain text, not a PDF")
    (folder / "c.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    out.mkdir()
    (out / "claims.csv").write_text("an earlier run's table\n")
    assert cli.main(["analyze", str(folder), "-o", str(out), "--no-progress"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "error: no readable" in line]
    assert len(lines) == 1
    assert "2 .pdf files could not be read (a.pdf: could not read the PDF" in lines[0]
    assert "b.pdf: not a PDF (no %PDF header)" in lines[0]
    assert "1 .docx file of an unsupported type (c.docx)" in lines[0] and "nothing written" in lines[0]
    assert (out / "claims.csv").read_text() == "an earlier run's table\n"  # the earlier results are intact
    assert sorted(p.name for p in out.iterdir()) == ["claims.csv"]


def test_each_corpus_has_its_own_folders_and_notebooks_show_the_last_run(tmp_path, monkeypatch, capsys):
    """`make run` on the seeds, then on another corpus (with a space in its name): both results stay."""
    monkeypatch.setenv("CLAIMCRITIQUE_PROCESSED", str(tmp_path / "processed"))
    monkeypatch.setenv("CLAIMCRITIQUE_FIGURES", str(tmp_path / "figures"))
    other = tmp_path / "a b"
    other.mkdir()
    seed = sorted(paths.RAW.glob("*.txt"))[2]
    (other / seed.name).write_bytes(seed.read_bytes())
    assert cli.main(["analyze", "--no-progress"]) == 0
    assert paths.last_run() == [paths.RAW.resolve()]
    seeds_claims = (tmp_path / "processed" / "claims.csv").read_bytes()
    assert cli.main(["analyze", str(other), "--no-progress"]) == 0
    assert (tmp_path / "processed" / "claims.csv").read_bytes() == seeds_claims  # the seeds' results intact
    mine = tmp_path / "processed" / "a-b"
    assert len(pd.read_csv(mine / "corpus.csv")) == 1 and len(pd.read_csv(tmp_path / "processed" / "corpus.csv")) == 4
    assert paths.last_run() == [other.resolve()]
    shown = analysis.results()  # what a notebook opened in JupyterLab shows: the corpus last run
    assert shown.outputs.tables == mine and shown.outputs.figures == tmp_path / "figures" / "a-b"
    assert "Corpus: " + str(other.resolve()) in shown.about and "1 documents" in shown.about
    assert paths.FIGURES == tmp_path / "figures" / "a-b"  # where save_figure writes now
    assert analysis.results(paths.RAW).outputs.tables == tmp_path / "processed"
    assert paths.FIGURES == tmp_path / "figures"
    # another folder with the same name never takes over "a-b"
    twin = tmp_path / "elsewhere" / "a b"
    twin.mkdir(parents=True)
    (twin / seed.name).write_bytes(seed.read_bytes())
    assert paths.corpus_name(twin).startswith("a-b-") and paths.corpus_name(other) == "a-b"
    paths.use_figures(None)


def test_csv_for_people_carries_label_title_url_and_flat_quotes(tmp_path):
    import csv

    analysis.write_analysis([paths.RAW], tmp_path)
    found = pd.read_csv(tmp_path / "claims.csv", keep_default_na=False)
    assert {"label", "title", "url", "quote_flat"} <= set(found.columns)
    assert list(found.columns[:9]) == ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end"]
    row = found[found["quote"].str.contains("\n")].iloc[0]  # a stat block: number and label on two lines
    assert "\n" not in row["quote_flat"] and " ⏎ " in row["quote_flat"]
    assert set(found.loc[found["doc_id"] == "002_92b750b21631aec1", "label"]) == {"Trusted Supplements"}
    with open(tmp_path / "claims.csv", newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(found)  # line breaks inside quotes are quoted
    findings = pd.read_csv(tmp_path / "consistency.csv", keep_default_na=False)
    assert {"label", "title", "url", "other_label", "quote_flat"} <= set(findings.columns)
    contradiction = findings[findings["kind"] == "contradiction"].iloc[0]
    labels = set(pd.read_csv(tmp_path / "corpus.csv")["label"])
    assert contradiction["label"] in labels and contradiction["other_label"] in labels


def test_paths_read_no_environment_at_import(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCRITIQUE_")}
    first = subprocess.run([sys.executable, "-c", "from claimcritique import paths; import os; "
                            f"os.environ['CLAIMCRITIQUE_PROCESSED'] = {str(tmp_path)!r}; print(paths.PROCESSED)"],
                           capture_output=True, text=True, env=env, check=True)
    assert first.stdout.strip() == str(tmp_path)  # set after the import, still obeyed


def test_a_relative_corpus_is_found_from_the_notebooks_folder(monkeypatch):
    """CORPUS = "data/raw" in a notebook (working directory notebooks/) means the project's data/raw."""
    monkeypatch.chdir(paths.NOTEBOOKS)
    assert analysis.resolve_corpus("data/raw") == [paths.PROJECT_ROOT / "data/raw"]
    assert paths.is_default(analysis.resolve_corpus("data/raw"))
    assert analysis.resolve_corpus("elsewhere/none") == [paths.Path("elsewhere/none")]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_a_corpus_with_spaces_as_one_path():
    import subprocess

    dry = subprocess.run(["make", "-n", "run", "CORPUS=my articles"], cwd=paths.PROJECT_ROOT, capture_output=True,
                         text=True, check=True).stdout  # -n: prints the commands, runs none
    assert 'claimcritique analyze "my articles" --jobs 2' in dry
    assert 'claimcritique.notebooks --corpus "my articles" --jobs 2' in dry

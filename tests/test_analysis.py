"""`claimcritique analyze` writes batch by batch; what it writes must be what the in-memory analysis computes."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from claimcritique import analysis, cli, paths, store


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
    assert written.documents == 12 and (written.problems["severity"] == "error").sum() == 1  # the empty file
    copies = written.problems[written.problems["problem"].str.contains("same text as")]
    assert len(copies) == 8 and copies["doc_id"].str.match(r"[12]_").all()  # the 2nd and 3rd copy of each seed
    memory = tmp_path / "memory"
    analysis.write_results(whole, memory)
    for name in analysis.TABLES:
        streamed = pd.read_csv(tmp_path / "out" / f"{name}.csv", keep_default_na=False)
        expected = pd.read_csv(memory / f"{name}.csv", keep_default_na=False)
        pd.testing.assert_frame_equal(streamed, expected, check_dtype=False, obj=name)
        assert written.rows[name] == len(whole[name])
    cached = analysis.read_results(tmp_path / "out")  # what the notebooks read back, from Parquet
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(cached[name], whole[name], check_dtype=False, obj=name)
    assert cached.corpus.text("0_000_0856cdaba0ba1b27") == whole.corpus.text("0_000_0856cdaba0ba1b27")
    assert len(store.batch_files(tmp_path / "out", "claims")) == 3  # one file per batch of 5 documents


def test_one_documents_rows_are_read_without_the_rest(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=2)
    analysis.write_analysis([corpus], tmp_path / "out")
    whole = analysis.read_results(tmp_path / "out")
    one = analysis.read_results(tmp_path / "out", doc_ids=["1_002_92b750b21631aec1"], tables=["claims", "consistency"])
    assert list(one.corpus.documents["doc_id"]) == ["1_002_92b750b21631aec1"]
    assert set(one.tables) == {"corpus", "blocks", "sentences", "problems", "claims", "consistency"}
    expected = whole["claims"][whole["claims"]["doc_id"] == "1_002_92b750b21631aec1"].reset_index(drop=True)
    pd.testing.assert_frame_equal(one["claims"], expected)
    findings = whole["consistency"]
    involved = (findings["doc_id"] == "1_002_92b750b21631aec1") | (findings["other"] == "1_002_92b750b21631aec1")
    assert len(one["consistency"]) == involved.sum() > 0
    assert one.corpus.text("1_002_92b750b21631aec1") == whole.corpus.text("1_002_92b750b21631aec1")
    per_type = store.query(tmp_path / "out", "SELECT claim_type, count(*) AS n FROM claims GROUP BY claim_type ORDER BY n DESC")
    assert per_type["n"].sum() == len(whole["claims"])
    assert dict(zip(per_type["claim_type"], per_type["n"])) == whole["claims"]["claim_type"].value_counts().to_dict()


def test_a_document_that_crashes_the_analysis_is_a_problem_and_the_batch_survives(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in", copies=1)
    real = analysis.claims.extract_claims

    def fails_on_one_document(sentences, blocks):
        if (sentences["doc_id"] == "0_001_e460cccd0a3ea4ba").any():
            raise ZeroDivisionError("a bug met by one page")
        return real(sentences, blocks)

    monkeypatch.setattr(analysis.claims, "extract_claims", fails_on_one_document)
    written = analysis.write_analysis([corpus], tmp_path / "out")
    assert written.documents == 3
    crashed = written.problems[written.problems["doc_id"] == "0_001_e460cccd0a3ea4ba"]
    assert crashed["problem"].tolist() == ["analysis failed (ZeroDivisionError: a bug met by one page)"]
    assert crashed["file"].iloc[0].endswith("0_001_e460cccd0a3ea4ba.txt")
    monkeypatch.setattr(analysis.claims, "extract_claims", real)
    kept = analysis.read_results(tmp_path / "out")
    assert set(kept["claims"]["doc_id"]) == {"0_000_0856cdaba0ba1b27", "0_002_92b750b21631aec1", "0_003_7f032387946272ae"}
    assert "0_001_e460cccd0a3ea4ba" not in set(kept["readability"]["doc_id"])
    assert "0_001_e460cccd0a3ea4ba" in set(pd.read_csv(tmp_path / "out" / "problems.csv")["doc_id"])


def test_results_reads_the_cache_analyze_wrote(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=1)
    analysis.write_analysis([corpus], tmp_path / "out")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    again = analysis.results(corpus, folder=tmp_path / "out")
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == stamps  # read, not recomputed
    assert len(again["claims"]) == 33 and len(again.corpus.documents) == 4
    assert not (tmp_path / "out" / "tables.pkl").exists()
    (corpus / "0_000_0856cdaba0ba1b27.txt").write_text("Take 100 mg a day.\n" * 20)  # an input changed: computed again
    changed = analysis.results(corpus, folder=tmp_path / "out")
    assert changed.corpus.text("0_000_0856cdaba0ba1b27").startswith("Take 100 mg a day.")


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


def _stance(doc: str, **values) -> dict:
    base = {"doc_id": doc, "topic": "dose", "subject": "adults (general)", "low": 1.0, "high": 1.0, "unit": "mg",
            "stance": "1 mg", "quote": f"quote of {doc}", "start": 0, "end": 5, "supplement": "melatonin",
            "population": "adults (general)", "purpose": "general", "basis": "supplement", "elemental": "", "form": "",
            "role": "stance", "claim_subject": "adults"}
    return {**base, **values}


def _large_stances() -> pd.DataFrame:
    """A group of 400 melatonin pages with five dose levels, 150 zinc pages (small and large groups), and food
    timing on both sides for one supplement, more pages than the pairwise rule lists."""
    rows = []
    for i, v in enumerate([1, 2, 3, 20, 25] * 80):
        rows.append(_stance(f"m{i:04d}", low=float(v), high=float(v), stance=f"{v} mg"))
        rows.append(_stance(f"m{i:04d}", topic="food_timing", low=float("nan"), high=float("nan"), unit="",
                            stance="with food" if i % 3 else "on an empty stomach", supplement="magnesium"))
    for i, v in enumerate([8, 40] * 20):
        rows.append(_stance(f"z{i:04d}", low=float(v), high=float(v), stance=f"{v} mg", supplement="zinc",
                            elemental="yes"))
    return pd.DataFrame(rows)


def test_grouped_queries_give_the_in_memory_contradictions(tmp_path):
    """The corpus-wide step over the batches' Parquet files (DuckDB, group by group) finds exactly what
    `between_documents` finds in memory, in the same order, with at most LISTED_PER_GROUP pairs of a large group."""
    from claimcritique import consistency, references

    stances = _large_stances()
    refs = references.load_references()
    documents = list(dict.fromkeys(stances["doc_id"]))
    by_doc = [stances[stances["doc_id"].isin(documents[i:i + 50])] for i in range(0, len(documents), 50)]
    assert sum(len(b) for b in by_doc) == len(stances) and len(by_doc) > 1
    for index, batch in enumerate(by_doc):  # as write_batch writes them: a batch holds whole documents
        store.write_batch(tmp_path, "stances", index, batch)
        store.write_batch(tmp_path, analysis.RANGES, index,
                          consistency.dose_ranges(batch, refs, first_rid=index * analysis.RID_STRIDE))
    written = analysis.write_contradictions(tmp_path, 0)
    streamed = store.read_table(tmp_path, "consistency")
    expected = consistency.between_documents(stances, refs=refs)
    assert written == len(streamed) == len(expected)
    pd.testing.assert_frame_equal(streamed, expected, check_dtype=False)
    melatonin = expected[(expected["topic"] == "dose") & (expected["supplement"] == "melatonin")]
    assert len(melatonin) == consistency.LISTED_PER_GROUP  # capped, and each says how many there are
    assert melatonin["detail"].str.contains("such pairs among the group's 400 documents").all()
    zinc = expected[expected["supplement"] == "zinc"]
    assert len(zinc) == 20 * 20  # 40 documents: every disjoint pair is listed, no count
    assert not zinc["detail"].str.contains("such pairs").any()
    timing = expected[expected["topic"] == "food_timing"]
    assert len(timing) == consistency.LISTED_PER_GROUP and timing["detail"].str.contains("such pairs for magnesium").all()


def test_a_large_corpus_is_shown_as_a_sample_with_summaries_of_every_document(tmp_path, monkeypatch):
    """Past `show_limit` documents the notebooks read whole batches spread over the corpus; the summaries,
    the group table and the explorer's medians and ranks still count every document (queries on Parquet)."""
    from claimcritique import consistency, explorer, report

    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    analysis.write_analysis([corpus], out, batch_size=3)  # 12 documents in 4 batches
    whole = analysis.results([corpus], folder=out)
    assert whole.sample_of is None and len(whole.corpus.documents) == 12
    monkeypatch.setattr(analysis, "SAMPLE", 6)
    shown = analysis.results([corpus], folder=out, show_limit=5)
    assert shown.sample_of == 12 and analysis.sample_batches(5, 12) == [0, 1, 3]  # the 5th batch: empty.txt
    ids = shown.corpus.documents["doc_id"].tolist()
    assert ids == whole.corpus.documents["doc_id"].iloc[[0, 1, 2, 3, 4, 5, 9, 10, 11]].tolist()
    assert set(shown["claims"]["doc_id"]) == set(ids) and set(shown.corpus.sentences["doc_id"]) == set(ids)
    mine = whole["consistency"][whole["consistency"]["doc_id"].isin(ids) | whole["consistency"]["other"].isin(ids)]
    assert len(shown["consistency"]) == len(mine)
    assert "a sample of 9 of 12 documents" in shown.about
    assert report.headlines_markdown(shown).startswith("*In the sample shown (9 of 12 documents")

    supplements = report.corpus_summaries(shown)["per supplement (every document)"].set_index("supplement")
    claims = whole["claims"][whole["claims"]["supplement"] != ""]
    assert supplements["claims"].to_dict() == claims["supplement"].value_counts().to_dict()
    above = whole["consistency"]["kind"].eq("exceeds_reference").sum()
    assert supplements[consistency.VERDICTS["exceeds_reference"]].sum() == above
    publishers = report.corpus_summaries(shown)["per publisher (every document; the largest first)"]
    assert publishers["documents"].sum() == 12 and publishers["words"].sum() == whole.corpus.documents["words"].sum()
    expected = consistency.group_summary(whole["stances"], whole["consistency"])
    pd.testing.assert_frame_equal(report.group_summary(shown), expected, check_dtype=False, check_like=True)

    outside = whole.corpus.documents["doc_id"].iloc[7]  # not in the sample: read on demand
    view, full_view = explorer.document_view(shown, outside), explorer.document_view(whole, outside)
    pd.testing.assert_frame_equal(view["claims"], full_view["claims"])
    pd.testing.assert_frame_equal(view["scores"], full_view["scores"], check_dtype=False)
    assert view["html"] == full_view["html"]

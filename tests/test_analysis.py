"""`claimcritique analyze` writes batch by batch; what it writes must be what the in-memory analysis computes."""
from __future__ import annotations

import pandas as pd

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


def test_cli_analyze_on_an_empty_folder_writes_empty_tables(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert cli.main(["analyze", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 1
    claims = pd.read_csv(tmp_path / "out" / "claims.csv")
    assert list(claims.columns[:9]) == ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end"]
    assert claims.empty
    assert "0 documents" in capsys.readouterr().err

"""The bench's report: every ratio from measurements of the same run (no timing is asserted here)."""
from __future__ import annotations

import pytest

from claimcritique import bench


def _size(size: int, seconds: dict[str, float], peak: float = 300.0) -> dict:
    def run(name: str) -> dict:
        measured = {"seconds": seconds[name], "peak_mb": peak, "returncode": 0}
        return measured if name == "textstat" else {**measured, "client_mb": peak - 50, "workers_mb": peak}

    return {"size": size, "documents": size, "words": size * 1500, "jobs": 2, "stages": {"claims": 1.0},
            "textstat": run("textstat"), "in_process": run("in_process"), "workers_1": run("workers_1"),
            "workers_2": run("workers_2")}


def test_report_gives_every_ratio_of_the_issue():
    results = {"sizes": [_size(1000, {"textstat": 10, "in_process": 8, "workers_1": 9, "workers_2": 5}),
                         _size(10000, {"textstat": 100, "in_process": 90, "workers_1": 95, "workers_2": 50}, peak=1100)]}
    lines = bench.report(results)
    ratios = results["ratios"]
    assert ratios["analyze_vs_textstat@1000"] == pytest.approx(0.8)
    assert ratios["dask_one_vs_in_process@10000"] == pytest.approx(95 / 90)
    assert ratios["two_workers_vs_one@1000"] == pytest.approx(5 / 9)
    assert ratios["scaling@10000/1000"] == pytest.approx((90 / 10000) / (8 / 1000))
    assert ratios["peak_mb@10000"] == 1100 and ratios["client_mb@10000"] == 1050
    assert ratios["client_growth@10000/1000"] == pytest.approx(1050 / 250)  # not flat
    text = "\n".join(lines)
    assert "peak_mb@10000" in text and "MISSED" in text  # 1,100 MB is over the 1 GiB limit


def test_scaling_compares_the_largest_size_with_ten_thousand():
    results = {"sizes": [_size(1000, {"textstat": 1, "in_process": 1, "workers_1": 1, "workers_2": 1}),
                         _size(10000, {"textstat": 1, "in_process": 10, "workers_1": 1, "workers_2": 1}),
                         _size(100000, {"textstat": 1, "in_process": 120, "workers_1": 1, "workers_2": 1})]}
    bench.report(results)
    assert results["ratios"]["scaling@100000/10000"] == pytest.approx(1.2)


def test_a_size_measured_in_part_reports_the_ratios_it_has():
    """At 100,000 articles the bench may run only some measurements (`--measure in_process workers_n`)."""
    large = _size(100000, {"textstat": 1, "in_process": 1100, "workers_1": 1, "workers_2": 600})
    del large["textstat"], large["workers_1"], large["stages"]
    results = {"sizes": [_size(10000, {"textstat": 100, "in_process": 100, "workers_1": 95, "workers_2": 50}), large]}
    text = "\n".join(bench.report(results))
    ratios = results["ratios"]
    assert ratios["scaling@100000/10000"] == pytest.approx(1.1)
    assert "two_workers_vs_one@100000" not in ratios and "analyze_vs_textstat@100000" not in ratios
    assert ratios["client_mb@100000"] == 250 and "textstat alone" in text


def test_the_workers_peak_memory_is_read_from_what_analyze_said():
    """A LocalCluster's workers are forked from a server process, not children of the client: the engine says their
    peak memory at the end, and the bench takes the last such line."""
    said = ("claimcritique: Dask LocalCluster, 2 worker(s); dashboard: http://127.0.0.1:1/status\n"
            "claimcritique: workers' peak memory: 250 MB, 241 MB\nclaimcritique: 150 documents ...\n")
    assert bench.worker_peaks(said) == [250.0, 241.0]
    assert bench.worker_peaks("claimcritique: 3 documents\n") == []

"""The explorer's plain function: what the widgets show, without widgets."""
from __future__ import annotations

import pytest

from claimcritique import analysis, explorer


@pytest.fixture(scope="module")
def results(seeds):
    return analysis.Results(seeds, analysis.all_tables(seeds))


def test_choices(results):
    options = explorer.choices(results)
    assert options["document"][0] == "000_0856cdaba0ba1b27"
    assert options["claim_type"][0] == explorer.ALL and "dose" in options["claim_type"]
    assert "hype" in options["category"]


def test_document_view_filters(results):
    view = explorer.document_view(results, "002_92b750b21631aec1", "absorption_rate", "hype")
    assert set(view["claims"]["claim_type"]) == {"absorption_rate"} and len(view["claims"]) == 4
    assert 'class="cc-hype"' in view["html"] and 'class="cc-booster"' not in view["html"]
    scores = view["scores"].set_index("measure")
    assert scores.at["promo_index", "rank (1 = highest)"] == 1
    everything = explorer.document_view(results, "002_92b750b21631aec1")
    assert len(everything["claims"]) > len(view["claims"])


def test_the_explorer_offers_documents_by_label(results):
    options = dict(explorer.choices(results)["document_options"])
    assert options["Trusted Supplements"] == "002_92b750b21631aec1"
    assert "002_92b750b21631aec1" not in options  # labels are shown, ids are the values behind them
    view = explorer.document_view(results, "002_92b750b21631aec1")
    assert view["label"] == "Trusted Supplements" and view["title"].startswith("Magnesium Glycinate Benefits")

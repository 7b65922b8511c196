"""Gold scoring: the shared scorer's match rule, agreement columns, and the measured tables (seeds and dev)."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from claimcritique import claims, evaluation, paths
from claimcritique.corpus import load_corpus

DEV = paths.DATA / "dev"
DEV_GOLD = [paths.ANNOTATIONS / "dev_gold_a.csv", paths.ANNOTATIONS / "dev_gold_b.csv"]


def table(rows: list[dict]) -> pd.DataFrame:
    base = {"doc_id": "d", "claim_type": "dose", "subject": "", "low": math.nan, "high": math.nan, "unit": "mg",
            "quote": "q", "start": 0, "end": 1, "supplement": "", "elemental": "", "times_per_day": 1}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_keys_follow_the_shared_scorer():
    assert evaluation.claim_key("d", "dose", 2, 2, "g/day") == evaluation.claim_key("d", "dose", 2000, "", "mg")
    assert evaluation.claim_key("d", "dose", 500, 500, "mcg") == ("d", "dose", 0.5, 0.5, "mg")
    assert evaluation.claim_key("d", "dose", "", 50, "mg/day") == ("d", "dose", 50, 50, "mg")  # open bound
    assert evaluation.claim_key("d", "dose", 3e10, 3e10, "CFU")[4] == "cfu"
    assert evaluation.claim_key("d", "onset", 2, 2, "weeks") != evaluation.claim_key("d", "onset", 14, 14, "days")


def test_matching_is_a_multiset_and_pairs_the_nearest_quote():
    gold = table([{"low": 5, "high": 5, "start": 100, "subject": "adults"}, {"low": 5, "high": 5, "start": 10}])
    found = table([{"low": 5, "high": 5, "start": 12}, {"low": 5, "high": 5, "start": 98, "subject": "adults"},
                   {"low": 5, "high": 5, "start": 500}])
    pairs = evaluation.match(found, gold)
    assert pairs["extracted_index"].tolist() == [1, 0]
    scores = evaluation.evaluate(found, gold).set_index("claim_type")
    assert (scores.at["dose", "matched"], scores.at["dose", "extracted"]) == (2, 3)
    assert scores.at["dose", "precision"] == pytest.approx(2 / 3) and scores.at["dose", "recall"] == 1
    assert scores.at["dose", "subject_agreement"] == 1


def test_agreement_columns():
    gold = table([{"low": 5, "high": 5, "subject": "adults (starting dose)", "supplement": "zinc",
                   "elemental": "yes", "times_per_day": ""}])
    found = table([{"low": 5, "high": 5, "subject": "adults", "supplement": "magnesium", "elemental": "yes",
                    "times_per_day": 3}])
    row = evaluation.evaluate(found, gold).set_index("claim_type").loc["dose"]
    assert (row["subject_agreement"], row["supplement_agreement"], row["elemental_agreement"],
            row["times_per_day_agreement"]) == (1, 0, 1, 0)


@pytest.mark.parametrize("gold, found, agree", [
    ("adults (starting dose)", "adults", True), ("sleep", "sleep support", True),
    ("magnesium glycinate", "magnesium glycinate", True), ("men 19-50 (rda)", "women", False), ("adults", "", False),
    # spellings of the same words: singular and plural, hyphen or "+" for a space, footnote markers
    ("randomized clinical studies", "clinical study", True), ("women", "woman over 50", True),
    ("children", "child", True), ("continuous mood-elevating effect", "mood elevating effect", True),
    ("combined epa+dha", "combined epa and dha", True), ("adults[1] under 60", "adults under 60", True),
    ("vitamin d3 per drop", "vitamin d per drop", True), ("vitamin d", "vitamin d3", True),
    ("vitamin k2", "vitamin k", True), ("elemental iron share of ferrous fumarate", "ferrous fumarate, elemental iron "
                                                                                "percentage", True),
    # ... and nothing more: different words, forms or groups never agree
    ("vitamin d2", "vitamin d3", False), ("vitamin b12", "vitamin b", False), ("omega-3", "omega-6", False),
    ("children", "adults", False), ("men", "women", False), ("stress", "stres", False),
])
def test_subjects_agree(gold, found, agree):
    assert evaluation.subjects_agree(gold, found) is agree


def test_gold_files_load_with_their_columns(tmp_path: Path):
    bad = tmp_path / "gold.csv"
    bad.write_text("doc_id,claim_type,subject,low,high,unit,quote,start,end\nd,dosage,,1,1,mg,q,0,1\n")
    with pytest.raises(ValueError, match=r"gold.csv, row 2: unknown claim_type 'dosage'"):
        evaluation.load_gold(bad)


@pytest.fixture(scope="module")
def dev_scores() -> pd.DataFrame:
    corpus = load_corpus([DEV])
    return evaluation.evaluate(claims.extract_claims(corpus.sentences, corpus.blocks),
                               evaluation.load_gold(*DEV_GOLD)).set_index("claim_type")


def test_dev_gold_quotes_match_their_offsets():
    corpus = load_corpus([DEV])
    for row in evaluation.load_gold(*DEV_GOLD).itertuples():
        assert corpus.text(row.doc_id)[row.start:row.end] == row.quote


def test_seeds_are_fit(seeds):
    """The extractor was developed on the seeds: this measures fit, not generalisation."""
    scores = evaluation.evaluate(claims.extract_claims(seeds.sentences, seeds.blocks),
                                 evaluation.load_gold()).set_index("claim_type")
    assert (scores.loc[evaluation.CORE_TYPES, ["precision", "recall"]] >= 0.95).all().all(), scores
    assert scores.at["all", "subject_agreement"] >= 0.85


def test_dev_corpus_meets_the_core_targets(dev_scores):
    """Pages the extractor was not written for (26 pages, 12 supplements other than magnesium): dose,
    absorption and deficiency >= 0.95 precision and recall over the three types together; timing, onset and
    other >= 0.85."""
    core = dev_scores.loc[evaluation.CORE_TYPES]
    assert core["matched"].sum() / core["gold"].sum() >= 0.95 and core["matched"].sum() / core["extracted"].sum() >= 0.95
    rest = dev_scores.loc[["timing", "onset", "other"]]
    assert rest["matched"].sum() / rest["gold"].sum() >= 0.85 and rest["matched"].sum() / rest["extracted"].sum() >= 0.85
    assert dev_scores.at["all", "supplement_agreement"] >= 0.95


def test_a_frequency_range_in_gold_times_per_day_is_compared_as_written():
    # the held-out gold writes "one to three times daily" as times_per_day "1-3"; it must not crash the scorer
    assert evaluation._same_times("1-3", "1-3") and not evaluation._same_times("1-3", 1)
    assert evaluation._same_times("", 1) and evaluation._same_times("3", 3)


HOLDOUT = paths.DATA / "holdout"


def test_holdout_corpus_scores():
    """The held-out pages (14 pages, 12 supplements) were scored once unseen (core 0.74 recall / 0.91 precision);
    their misses were then fixed as classes, so they are no longer unseen: this guards against regressions."""
    corpus = load_corpus([HOLDOUT])
    scores = evaluation.evaluate(claims.extract_claims(corpus.sentences, corpus.blocks),
                                 evaluation.load_gold(paths.ANNOTATIONS / "holdout_gold.csv")).set_index("claim_type")
    core = scores.loc[evaluation.CORE_TYPES]
    assert core["matched"].sum() / core["gold"].sum() >= 0.95 and core["matched"].sum() / core["extracted"].sum() >= 0.95
    rest = scores.loc[["timing", "onset", "other", "enzyme_count"]]
    assert rest["matched"].sum() / rest["gold"].sum() >= 0.85 and rest["matched"].sum() / rest["extracted"].sum() >= 0.85


def test_the_evaluate_command(tmp_path: Path, capsys):
    out = tmp_path / "scores.csv"
    assert evaluation.main(["--gold", str(paths.ANNOTATIONS / "claims_gold.csv"), str(paths.RAW), "-o", str(out)]) == 0
    written = pd.read_csv(out)
    assert list(written.columns) == evaluation.SCORE_COLUMNS
    assert written.set_index("claim_type").at["all", "recall"] == 1


def test_a_second_annotators_subjects_give_the_ceiling_and_the_either_score():
    gold = table([{"low": 5, "high": 5, "start": 0, "subject": "adults"},
                  {"low": 9, "high": 9, "start": 20, "subject": "sleep"},
                  {"low": 7, "high": 7, "start": 40, "subject": "women"}])
    second = table([{"low": 5, "high": 5, "start": 0, "subject": "adults (starting dose)"},
                    {"low": 9, "high": 9, "start": 20, "subject": "melatonin"}])  # the third claim not annotated
    found = table([{"low": 5, "high": 5, "start": 0, "subject": "children"},
                   {"low": 9, "high": 9, "start": 20, "subject": "melatonin"},
                   {"low": 7, "high": 7, "start": 40, "subject": "women"}])
    aligned = evaluation.second_subjects(gold, second)
    assert aligned.tolist()[:2] == ["adults (starting dose)", "melatonin"] and pd.isna(aligned.iloc[2])
    scores = evaluation.evaluate(found, gold, second=aligned).set_index("claim_type")
    assert scores.at["dose", "subject_agreement"] == pytest.approx(1 / 3)
    assert scores.at["dose", "annotator_subject_agreement"] == pytest.approx(1 / 2)  # only claims both annotated
    assert scores.at["dose", "subject_agreement_either"] == pytest.approx(1 / 2)
    assert "annotator_subject_agreement" not in evaluation.evaluate(found, gold).columns


def test_the_committed_second_annotation_covers_its_gold_claim_for_claim():
    for gold_file, second_file in (("holdout4_gold.csv", "holdout4_subjects_b.csv"),
                                   ("holdout3_gold_c.csv", "holdout3_subjects_b_c.csv")):
        gold = evaluation.load_gold(paths.ANNOTATIONS / gold_file)
        aligned = evaluation.second_subjects(gold, evaluation.load_gold(paths.ANNOTATIONS / second_file))
        assert aligned.notna().all() and (aligned.str.strip() != "").all()

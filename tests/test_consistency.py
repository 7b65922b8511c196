"""Consistency: findings on the seeds without special cases, and on a made-up corpus that changes."""
from __future__ import annotations

import pandas as pd
import pytest

from claimcritique import claims, consistency, language, references
from claimcritique.corpus import load_corpus


def findings_for(corpus) -> pd.DataFrame:
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    strength = language.claim_strength(corpus.sentences)
    return consistency.find_inconsistencies(found, corpus.sentences, references.load_references(), strength)


@pytest.fixture(scope="module")
def seed_findings(seeds):
    return findings_for(seeds)


def test_seed_food_timing_contradiction_with_quotes(seed_findings):
    timing = seed_findings[(seed_findings["topic"] == "food_timing") & (seed_findings["kind"] == "contradiction")]
    pairs = {frozenset((r.doc_id, r.other)) for r in timing.itertuples()}
    assert frozenset(("000_0856cdaba0ba1b27", "002_92b750b21631aec1")) in pairs
    row = timing[timing["other"] == "002_92b750b21631aec1"].iloc[0]
    assert "empty stomach" in row["other_quote"] and row["quote"]


def test_seed_doses_above_the_upper_limit(seed_findings):
    above = seed_findings[seed_findings["kind"] == "exceeds_reference"]
    assert (above["other"] == references.UL_SUPPLEMENTAL_ADULT).all()
    athletes = above[above["subject"] == "athletes"]
    assert len(athletes) == 1
    assert "400-600 mg/day for athletes exceeds the 350 mg/day UL" in athletes.iloc[0]["detail"]
    assert "Athletes/Active Individuals 400-600mg" in athletes.iloc[0]["quote"]


def test_seed_absorption_conflicts_with_measured_values(seed_findings):
    conflict = seed_findings[(seed_findings["topic"] == "absorption_rate") & (seed_findings["kind"] == "conflicts_with_evidence")]
    assert conflict["subject"].tolist() == ["magnesium glycinate"]
    assert "23.5%" in conflict.iloc[0]["detail"]


def test_every_finding_quote_is_in_its_document(seeds, seed_findings):
    texts = seeds.texts
    for row in seed_findings.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.quote


def write_corpus(folder, docs):
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return load_corpus([folder])


def test_a_new_contradiction_appears_and_a_removed_one_goes(tmp_path):
    base = {
        "alpha": "Take 200-300 mg daily with food. Magnesium citrate is absorbed at about 30 percent.",
        "beta": "Take 250 mg of magnesium daily with a meal to avoid an upset stomach.",
    }
    before = findings_for(write_corpus(tmp_path / "v1", base))
    assert before[before["kind"] == "contradiction"].empty

    changed = {**base, "gamma": "Take 500-800 mg daily on an empty stomach. Magnesium citrate has 90% absorption."}
    after = findings_for(write_corpus(tmp_path / "v2", changed))
    contradictions = after[after["kind"] == "contradiction"]
    assert {("dose", "alpha", "gamma"), ("dose", "beta", "gamma"), ("food_timing", "alpha", "gamma")} <= {
        (r.topic, *sorted((r.doc_id, r.other))) for r in contradictions.itertuples()}
    assert ((after["kind"] == "exceeds_reference") & (after["doc_id"] == "gamma")).any()

    removed = {k: v for k, v in changed.items() if k != "gamma"}
    again = findings_for(write_corpus(tmp_path / "v3", removed))
    assert again[again["kind"] == "contradiction"].empty


def test_matrix_and_pairwise_agreement(seeds, seed_findings):
    found = claims.extract_claims(seeds.sentences, seeds.blocks)
    stances = consistency.all_stances(found, seeds.sentences, language.claim_strength(seeds.sentences))
    matrix = consistency.claim_matrix(seeds.documents, stances, seed_findings)
    cell = matrix.set_index(["doc_id", "topic"])["status"]
    assert cell[("002_92b750b21631aec1", "food_timing")] == "contradicts"
    assert cell[("003_7f032387946272ae", "dose")] == "outside reference"
    assert cell[("003_7f032387946272ae", "absorption_rate")] == "not stated"
    assert cell[("001_e460cccd0a3ea4ba", "bedtime_timing")] == "agrees"
    assert len(matrix) == len(seeds.documents) * len(consistency.TOPICS)
    pairs = consistency.pairwise_agreement(seed_findings, seeds.documents)
    grid = pairs.pivot(index="doc_id", columns="other", values="agreement")
    assert (grid.values.diagonal() == 1).all()
    assert grid.loc["000_0856cdaba0ba1b27", "002_92b750b21631aec1"] < 1


def test_other_supplements_are_not_held_to_magnesium_values(tmp_path):
    corpus = write_corpus(tmp_path / "mixed", {
        "ash": "Ashwagandha: take 300-600 mg of root extract daily.",
        "mel": "Melatonin: most adults take 0.5 to 5 mg before bed.",
        "mag": "Take 200-300 mg of magnesium glycinate daily.",
    })
    findings = findings_for(corpus)
    assert findings[findings["kind"] == "contradiction"].empty  # different supplements are not compared
    ash = findings[findings["doc_id"] == "ash"]
    assert set(ash["kind"]) == {"unsupported"} and "magnesium only" in ash.iloc[0]["detail"]


def test_several_doses_a_day_are_added_up():
    claims_table = pd.DataFrame([{"doc_id": "d", "claim_type": "dose", "subject": "adults", "low": 250.0, "high": 250.0,
                                  "unit": "mg", "quote": "Take 250 mg three times a day.", "start": 0, "end": 30,
                                  "times_per_day": 3, "supplement": "magnesium"}])
    stance = consistency.numeric_stances(claims_table).iloc[0]
    assert (stance["low"], stance["unit"]) == (750, "mg/day")
    findings = consistency.against_references(consistency.numeric_stances(claims_table), references.load_references())
    assert findings["kind"].tolist() == ["exceeds_reference"]


def test_batches_in_parallel_give_the_tables_of_the_whole_corpus(tmp_path, monkeypatch):
    """analyze cuts the corpus into batches (and processes); stances are per document, so the findings
    must not depend on where the cuts fall or how many processes ran."""
    from claimcritique import analysis, paths

    for i in range(5):  # each seed five times over, cut into batches of three
        for seed in sorted(paths.RAW.iterdir()):
            (tmp_path / f"{i}_{seed.name}").write_bytes(seed.read_bytes())
    monkeypatch.setattr(analysis, "BATCH", 3)
    batched = analysis.analyze([tmp_path], jobs=2)
    whole = analysis.all_tables(load_corpus([tmp_path]))
    for name in ["claims", "stances", "consistency", "readability", "language"]:
        pd.testing.assert_frame_equal(batched[name], whole[name], check_dtype=False, obj=name)

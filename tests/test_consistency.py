"""Consistency: the findings that matter on the seeds, and a made-up corpus whose expected findings AND
expected non-findings are written down and checked both ways."""
from __future__ import annotations

import pandas as pd
import pytest

from claimcritique import claims, consistency, language, references
from claimcritique.corpus import load_corpus

SEED_000, SEED_001, SEED_002, SEED_003 = ("000_0856cdaba0ba1b27", "001_e460cccd0a3ea4ba", "002_92b750b21631aec1",
                                          "003_7f032387946272ae")


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
    assert frozenset((SEED_000, SEED_002)) in pairs
    row = timing[timing["other"] == SEED_002].iloc[0]
    assert "empty stomach" in row["other_quote"] and row["quote"]


def test_seed_doses_above_the_supplemental_upper_limit_and_the_elemental_caveat(seed_findings):
    dose = seed_findings[seed_findings["topic"] == "dose"]
    above = dose[dose["kind"] == "exceeds_reference"]
    # 001 and 003 say "elemental": 400 mg is above the 350 mg/day UL for supplemental magnesium
    assert set(above["doc_id"]) == {SEED_001, SEED_003}
    assert all("350 mg/day UL" in d and "supplements only" in d for d in above["detail"])
    assert set(above["reference_id"]) == {"ul_suppl_age9plus_iom1997"}
    # 000 and 002 do not say: above it only if elemental, never plain "exceeds"
    unclear = dose[dose["kind"] == "unclear_basis"]
    assert {SEED_000, SEED_002} <= set(unclear["doc_id"])
    athletes = unclear[unclear["subject"] == "athletes"]
    assert len(athletes) == 1 and "Athletes/Active Individuals 400-600mg" in athletes.iloc[0]["quote"]
    assert "if it is elemental magnesium" in athletes.iloc[0]["detail"]


def test_seed_absorption_conflicts_with_measured_values(seed_findings):
    """Seed 002's absorption table: oxide's 15-20% is above every value measured in healthy people (4-8%); the
    only glycinate values are from ileal-resection patients, so its 85-90% gets no verdict."""
    absorption = seed_findings[seed_findings["topic"] == "absorption_rate"]
    conflict = absorption[absorption["kind"] == "conflicts_with_evidence"]
    assert conflict["subject"].tolist() == ["magnesium oxide"]
    assert conflict.iloc[0]["doc_id"] == SEED_002 and "15-20%" in conflict.iloc[0]["value"]
    assert "8%" in conflict.iloc[0]["detail"] and "patients" not in conflict.iloc[0]["detail"]
    glycinate = absorption[absorption["subject"] == "magnesium glycinate"]
    assert glycinate["kind"].tolist() == ["unsupported"] and "23.5" not in glycinate.iloc[0]["detail"]
    assert not absorption["detail"].str.contains("patients").any()


def test_seed_findings_are_not_artefacts(seed_findings):
    kinds = set(seed_findings["kind"])
    assert "self_contradiction" not in kinds
    # no dose contradictions between pages whose amounts may or may not be elemental
    assert seed_findings[(seed_findings["kind"] == "contradiction") & (seed_findings["topic"] == "dose")].empty
    # one finding per document pair and topic
    contradictions = seed_findings[seed_findings["kind"] == "contradiction"]
    pairs = contradictions.apply(lambda r: (r["topic"], frozenset((r["doc_id"], r["other"]))), axis=1)
    assert not pairs.duplicated().any()
    assert set(seed_findings["supplement"]) == {"magnesium"}


def test_every_finding_quote_is_in_its_document(seeds, seed_findings):
    texts = seeds.texts
    for row in seed_findings.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.quote


def write_corpus(folder, docs):
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return load_corpus([folder])


MADE_UP = {  # made-up pages: one class of case each
    "zinc_high": "Zinc for immunity\n\nTake 50 mg of elemental zinc daily to support your immune system.\n",
    "zinc_low": "Zinc basics\n\nAdults can take 15-30 mg/day of elemental zinc.\n",
    "vitd_iu": "Vitamin D guide\n\nMost adults should take 5,000 IU of vitamin D every day.\n",
    "vitd_mcg": "Vitamin D in micrograms\n\nA daily vitamin D supplement of 125 mcg is ideal for most adults.\n",
    "vitd_ok": "Vitamin D made simple\n\nMost adults should take 1,000 IU of vitamin D every day.\n",
    "vitc_high": "Vitamin C megadoses\n\nTake 3,000 mg of vitamin C daily.\n",
    "mag_compound": "Magnesium glycinate for sleep\n\nTake 500 mg of magnesium glycinate every day.\n",
    "mag_elemental": "Elemental magnesium\n\nTake 500 mg of elemental magnesium every day.\n",
    "mag_unsaid": "Magnesium for cramps\n\nTake 400 mg of magnesium every day.\n",
    "mag_rda": "How much magnesium do you need?\n\nThe RDA for magnesium is 400-420 mg/day for men and 310-320 mg/day "
               "for women.\n",
    "mag_self": "Magnesium citrate tips\n\nTake magnesium citrate with food to avoid an upset stomach.\n\n"
                "For the best absorption, take magnesium citrate on an empty stomach.\n",
    "mag_rda_twice": "Magnesium RDA\n\nThe RDA for adult men is 420 mg/day of magnesium.\n\n"
                     "The RDA for adult men is 600 mg/day of magnesium.\n",
    "mel_range": "Melatonin dosing\n\nStart with 0.5 mg of melatonin before bed. The maximum is 5 mg of melatonin.\n",
    "mel_mid": "Melatonin for sleep\n\nTake 3 mg of melatonin before bed.\n",
    "mel_high": "Melatonin megadose\n\nTake 20 mg of melatonin before bed.\n",
    "collagen_ten": "Collagen\n\nTake 10 mg of collagen peptides, 5 g with vitamin C, every day.\n",
    "mag_rda_table": "How much magnesium?\n\nRecommended Dietary Allowances for Magnesium\n\n| Age | Men | Women |\n"
                     "|---|---|---|\n| 19-30 years | 400 mg | 310 mg |\n| 31+ years | 420 mg | 320 mg |\n",
    "vitd_warning": "Vitamin D safety\n\nDoses above 10,000 IU of vitamin D a day can be toxic.\n",
    "mel_critic": "Melatonin myths\n\nMany people take 10 mg of melatonin when 0.5 mg would work better.\n",
    "iron_relative": "Iron and calcium\n\nTaking calcium with iron can reduce iron absorption by up to 50%.\n",
    "vitc_described": "Vitamin C absorption\n\nAt higher doses (12 g), only 16% of vitamin C is absorbed.\n",
    # what a product, tablet or form contains or how it is sold describes it; it does not advise a dose
    "iron_sold": "Iron tablets\n\nFerrous sulfate is often sold in 325 mg tablets, containing about 20% elemental iron "
                 "(around 65 mg per tablet).\n",
    "zinc_capsules": "Zinc forms\n\nZinc gluconate is available in 100 mg capsules.\n",
    "iron_each": "Iron content\n\nEach tablet contains 65 mg of elemental iron.\n",
    "iron_provides": "Iron salts\n\n325 mg of ferrous sulfate provides 65 mg of elemental iron.\n",
    "iron_forms_table": "Iron forms\n\n| Iron Salt Form | Elemental Iron (%) | Example Dose (Compound) | Elemental content |\n"
                        "|---|---|---|---|\n| Ferrous Sulfate | 20% | 325 mg | 65 mg |\n| Ferrous Fumarate | 33% | 300 mg "
                        "| 99 mg |\n",
    # advice and a product's own serving are still judged
    "zinc_each_take": "Zinc\n\nEach capsule contains 50 mg of elemental zinc; take one capsule daily.\n",
    "vitd_drops": "Vitamin D3 10000 IU Drops\n\nLiquid vitamin D3 supplement for immune support.\n",
    "mag_vendor": "Magnesium Capsules\n\nTake 2 capsules (250 mg of elemental magnesium each) daily.\n",
    # a study's dose and a worked example describe amounts; they do not advise them
    "vitc_study": "Vitamin C trial\n\nThey gave everyone 4 grams of vitamin C for a week.\n",
    "iron_example": "Reading iron labels\n\nFor example, if a supplement provides 150 mg of ferrous bisglycinate, you get "
                    "about 30 mg of elemental iron.\n",
    # a requirement from all sources, or a list under an intake lead, is a recommended intake, not a supplement dose
    "mag_all_sources": "Magnesium needs\n\nTotal magnesium requirements from all sources (food and supplements) are "
                       "400-420 mg of elemental magnesium per day for men.\n",
    "mag_lead": "Magnesium intake\n\nThe NIH recommends the following daily intake of magnesium:\n\n"
                "- Adult Men: 400-420 mg\n- Adult Women: 310-320 mg\n",
    "zinc_kids_rda": "Zinc for children\n\nThe recommended daily allowances of zinc are:\n\n- Children 1-3 years: 3 mg\n"
                     "- Adolescents 14-18 years (boys): 11 mg\n- Adolescents 14-18 years (girls): 9 mg\n",
    # an amount of fish oil is the oil's mass, not EPA+DHA: the page says what it is
    "fishoil_mass": "Fish oil safety\n\nUp to 3,000 mg of fish oil daily is generally considered safe.\n",
    "epa_dha_high": "Omega-3 dosing\n\nTake 3,000 mg of combined EPA and DHA daily.\n",
    # a table column whose header says elemental makes its cells elemental
    "iron_column": "Iron for deficiency\n\n| Group | Elemental iron (mg) |\n|---|---|\n| Adults with iron deficiency "
                   "| 120 mg |\n",
}
EXPECTED = {  # (kind, doc_id, other or "") that must be found
    ("exceeds_reference", "zinc_high", "zinc_ul_adults_iom2001"),
    ("exceeds_reference", "vitd_iu", "vitd_ul_adults_iom2011"),
    ("exceeds_reference", "vitd_mcg", "vitd_ul_adults_iom2011"),  # 125 mcg = 5,000 IU, through the registry
    ("exceeds_reference", "vitc_high", "vitc_ul_adults_iom2000"),
    ("exceeds_reference", "mag_elemental", "ul_suppl_age9plus_iom1997"),
    ("unclear_basis", "mag_unsaid", "ul_suppl_age9plus_iom1997"),
    ("outside_studied_range", "mel_high", "mel_jet_lag_dose_herxheimer2002"),
    ("self_contradiction", "mag_self", "mag_self"),
    ("self_contradiction", "mag_rda_twice", "mag_rda_twice"),
    ("contradiction", "vitd_ok", "vitd_iu"),
    ("contradiction", "vitd_ok", "vitd_mcg"),  # IU against mcg, compared after conversion
    ("contradiction", "mel_range", "mel_high"),
    ("contradiction", "mel_mid", "mel_high"),
    ("contradiction", "mag_compound", "mag_elemental"),  # 70.5 mg of magnesium against 500 mg
    ("exceeds_reference", "zinc_each_take", "zinc_ul_adults_iom2001"),  # "take one capsule daily" is advice
    ("exceeds_reference", "vitd_drops", "vitd_ul_adults_iom2011"),  # a product title's strength is its serving
    ("exceeds_reference", "iron_column", "iron_ul_adults_iom2001"),  # elemental from its column header
    ("exceeds_reference", "mag_vendor", "ul_suppl_age9plus_iom1997"),  # 2 capsules x 250 mg = 500 mg/day
    # each cell against the RDA of its own age band and column ("31+ years" spans the 31-50 and 51+ rows)
    ("agreement", "mag_rda_table", "rda_men_19_30"), ("agreement", "mag_rda_table", "rda_women_19_30"),
    ("agreement", "mag_rda_table", "rda_men_31_50, rda_men_51plus"),
    ("agreement", "mag_rda_table", "rda_women_31_50, rda_women_51plus"),
}
NOT_EXPECTED = [  # (kind, doc_id, other or None for any) that must not be found
    ("exceeds_reference", "mag_compound", None),  # 500 mg of glycinate holds 70.5 mg of magnesium
    ("exceeds_reference", "mag_unsaid", None),  # not said whether elemental: unclear, not "exceeds"
    ("exceeds_reference", "mag_rda", None),  # an RDA statement is never held to the supplements-only UL
    ("unclear_basis", "mag_rda", None),
    ("conflicts_with_evidence", "mag_rda", None),
    ("exceeds_reference", "mag_rda_table", None),  # an RDA table (its heading says so) is not held to the UL
    ("unclear_basis", "mag_rda_table", None),
    ("self_contradiction", "mag_rda_table", None),  # its rows are different age bands
    ("exceeds_reference", "zinc_low", None),
    ("exceeds_reference", "vitd_ok", None),
    ("contradiction", "mel_range", "mel_mid"),  # a starting dose and a maximum are one range, containing 3 mg
    ("contradiction", "mel_mid", "mel_range"),
    ("contradiction", "vitd_iu", "vitd_mcg"),  # the same amount in two units
    ("contradiction", "vitd_mcg", "vitd_iu"),
    ("self_contradiction", "mel_range", None),
    ("exceeds_reference", "collagen_ten", None),  # "5 g with vitamin C" is not 5 g of vitamin C
    ("conflicts_with_evidence", "iron_relative", None),  # a relative change is not a fractional absorption
    ("exceeds_reference", "vitd_warning", None),  # a warning about doses above a level does not recommend them
    ("contradiction", "vitd_warning", None),
    ("outside_studied_range", "mel_critic", None),  # the dose a page criticises is not its advice
    ("exceeds_reference", "vitc_described", None),  # an amount conditioning another statement is not advice
    *[(kind, doc, None) for doc in ("iron_sold", "zinc_capsules", "iron_each", "iron_provides", "iron_forms_table")
      for kind in ("exceeds_reference", "unclear_basis", "agreement", "contradiction")],  # descriptions: not judged
    ("unclear_basis", "iron_column", None),  # the header says elemental: not "if it is elemental"
    *[(kind, doc, None) for doc in ("vitc_study", "iron_example", "mag_all_sources", "mag_lead", "zinc_kids_rda")
      for kind in ("exceeds_reference", "unclear_basis")],
    ("conflicts_with_evidence", "zinc_kids_rda", None),  # no children's RDA in the table: unsupported, not a conflict
    ("self_contradiction", "zinc_kids_rda", None),  # boys' and girls' RDAs are different groups
    ("unsupported", "vitd_drops", None),
    ("unclear_basis", "fishoil_mass", None),  # not "if it is EPA+DHA; the page does not say": it says fish oil
    ("exceeds_reference", "fishoil_mass", None),
    ("exceeds_reference", "epa_dha_high", None),  # the FDA's 2 g/day is advice (its source: not a UL), no limit
    ("unclear_basis", "epa_dha_high", None),
]


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    corpus = write_corpus(tmp_path_factory.mktemp("made_up"), MADE_UP)
    return corpus, findings_for(corpus)


def test_made_up_corpus_expected_findings(made_up):
    _, findings = made_up
    found = set(zip(findings["kind"], findings["doc_id"], findings["other"]))
    found |= {(k, o, d) for k, d, o in found if k == "contradiction"}  # a pair is found once, either way round
    assert EXPECTED <= found, sorted(EXPECTED - found)


@pytest.mark.parametrize("kind, doc_id, other", NOT_EXPECTED)
def test_made_up_corpus_expected_non_findings(made_up, kind, doc_id, other):
    _, findings = made_up
    hits = findings[(findings["kind"] == kind) & (findings["doc_id"] == doc_id)]
    if other is not None:
        hits = hits[hits["other"] == other]
    assert hits.empty, hits[["kind", "doc_id", "other", "detail"]].to_dict("records")


def test_made_up_corpus_never_compares_supplements_with_each_other(made_up):
    corpus, findings = made_up
    supplement_of = dict(zip(findings["doc_id"], findings["supplement"]))
    pairs = findings[findings["kind"] == "contradiction"]
    assert all(supplement_of[a] == supplement_of[b] for a, b in zip(pairs["doc_id"], pairs["other"]))
    pairs_topics = pairs.apply(lambda r: (r["topic"], frozenset((r["doc_id"], r["other"]))), axis=1)
    assert not pairs_topics.duplicated().any()
    for row in findings.itertuples():  # and every quote is where the offsets say
        assert corpus.texts[row.doc_id][row.start:row.end] == row.quote


def test_made_up_corpus_compound_mass_is_converted_with_the_registry(made_up):
    _, findings = made_up
    row = findings[(findings["doc_id"] == "mag_compound") & (findings["kind"] == "agreement")].iloc[0]
    assert "70.5 mg/day of elemental magnesium (14.1%)" in row["detail"]


def test_a_new_contradiction_appears_and_a_removed_one_goes(tmp_path):
    base = {
        "alpha": "Take 2-3 mg of melatonin before bed. Take melatonin with food.",
        "beta": "Take 2.5 mg of melatonin before bed with a meal to avoid an upset stomach.",
    }
    before = findings_for(write_corpus(tmp_path / "v1", base))
    assert before[before["kind"] == "contradiction"].empty

    changed = {**base, "gamma": "Take 10-20 mg of melatonin before bed on an empty stomach."}
    after = findings_for(write_corpus(tmp_path / "v2", changed))
    contradictions = after[after["kind"] == "contradiction"]
    assert {("dose", "alpha", "gamma"), ("dose", "beta", "gamma"), ("food_timing", "alpha", "gamma")} <= {
        (r.topic, *sorted((r.doc_id, r.other))) for r in contradictions.itertuples()}
    assert ((after["kind"] == "outside_studied_range") & (after["doc_id"] == "gamma")).any()

    removed = {k: v for k, v in changed.items() if k != "gamma"}
    again = findings_for(write_corpus(tmp_path / "v3", removed))
    assert again[again["kind"] == "contradiction"].empty


def test_matrix_shows_verdicts_not_consensus(seeds, seed_findings):
    found = claims.extract_claims(seeds.sentences, seeds.blocks)
    stances = consistency.all_stances(found, seeds.sentences, language.claim_strength(seeds.sentences))
    matrix = consistency.claim_matrix(seeds.documents, stances, seed_findings)
    cell = matrix.set_index(["doc_id", "topic"])["status"]
    assert cell[(SEED_002, "food_timing")] == "contradicted by another document"
    assert cell[(SEED_003, "dose")] == "above upper limit"
    assert cell[(SEED_000, "dose")] == consistency.VERDICTS["unclear_basis"]
    assert cell[(SEED_002, "absorption_rate")] == "conflicts with evidence"
    assert cell[(SEED_003, "absorption_rate")] == "not stated"
    assert cell[(SEED_003, "evidence_strength")] != "contradicted by another document"  # hedging is not a contradiction
    assert len(matrix) == len(seeds.documents) * len(consistency.TOPICS)
    assert set(matrix["status"]) <= set(consistency.VERDICTS.values()) | {consistency.NOT_STATED}
    pairs = consistency.pairwise_agreement(seed_findings, seeds.documents, stances)
    grid = pairs.pivot(index="doc_id", columns="other", values="agreement")
    assert (grid.values.diagonal() == 1).all()
    assert grid.loc[SEED_000, SEED_002] < 1


def test_other_supplements_are_held_to_their_own_references(tmp_path):
    corpus = write_corpus(tmp_path / "mixed", {
        "ash": "Ashwagandha: take 300-600 mg of root extract daily.",
        "mel": "Melatonin: most adults take 0.5 to 5 mg before bed.",
        "zinc": "Adults should take 10 mg of elemental zinc daily.",
        "mag": "Take 200-300 mg of elemental magnesium daily.",
    })
    findings = findings_for(corpus)
    assert findings[findings["kind"] == "contradiction"].empty  # different supplements are not compared
    ash = findings[findings["doc_id"] == "ash"]
    assert set(ash["kind"]) == {"agreement"} and set(ash["reference_id"].str.split(", ").sum()) <= set(
        references.load_references().query("supplement == 'ashwagandha'")["ref_id"])
    for doc in ("mel", "zinc", "mag"):
        rows = findings[findings["doc_id"] == doc]
        assert len(rows) and set(rows["kind"]) == {"agreement"}, rows[["kind", "detail"]].to_dict("records")
    summary = consistency.summary_sentences(consistency.all_stances(
        claims.extract_claims(corpus.sentences, corpus.blocks), corpus.sentences), findings, corpus.documents)
    assert not any("magnesium" in s for s in summary if s.startswith("**zinc"))


def test_summary_sentences_say_nothing_about_a_supplement_the_corpus_lacks(tmp_path):
    corpus = write_corpus(tmp_path / "zinc_only", {"z": "Take 50 mg of elemental zinc daily."})
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    stances = consistency.all_stances(found, corpus.sentences)
    findings = consistency.compare_stances(stances, references.load_references())
    text = " ".join(consistency.summary_sentences(stances, findings, corpus.documents))
    assert "magnesium" not in text.lower()
    assert "**zinc** (1 of 1 document): 1 dose claim, 1 above the upper limit" in text


def test_several_doses_a_day_are_added_up():
    claims_table = pd.DataFrame([{"doc_id": "d", "claim_type": "dose", "subject": "adults", "low": 250.0, "high": 250.0,
                                  "unit": "mg", "quote": "Take 250 mg of elemental magnesium three times a day.",
                                  "start": 0, "end": 53, "value_start": 5, "value_end": 11, "times_per_day": 3,
                                  "supplement": "magnesium", "elemental": "yes"}])
    stance = consistency.numeric_stances(claims_table).iloc[0]
    assert (stance["low"], stance["unit"]) == (750, "mg/day")
    findings = consistency.against_references(consistency.numeric_stances(claims_table), references.load_references())
    assert findings["kind"].tolist() == ["exceeds_reference"]


def test_large_groups_stay_linear_with_one_finding_per_pair():
    """Beyond the pairwise limit each document is paired with its nearest disjoint neighbours only."""
    rows = [{"doc_id": f"d{i:04d}", "topic": "dose", "subject": "adults (general)", "low": float(v), "high": float(v),
             "unit": "mg", "stance": f"{v} mg", "quote": "q", "start": 0, "end": 1, "supplement": "melatonin",
             "population": "adults (general)", "purpose": "general", "basis": "supplement", "elemental": "",
             "form": "", "role": "stance", "claim_subject": "adults"} for i, v in enumerate([1, 2, 3, 20, 25] * 200)]
    found = consistency.between_documents(pd.DataFrame(rows), pairwise_limit=60)
    assert 0 < len(found) <= 2 * len(rows)
    pairs = found.apply(lambda r: (r["topic"], frozenset((r["doc_id"], r["other"]))), axis=1)
    assert not pairs.duplicated().any()


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


def _dose_stance(**values) -> dict:
    base = {"doc_id": "d", "topic": "dose", "subject": "adults (general)", "low": 0.0, "high": 0.0, "unit": "mg/day",
            "stance": "", "quote": "q", "start": 0, "end": 1, "supplement": "vitamin c", "population": "adults (general)",
            "purpose": "general", "basis": "supplement", "elemental": "", "form": "", "role": "stance",
            "claim_subject": ""}
    return {**base, **values}


def test_limits_in_different_units_and_age_bands_compare():
    refs = references.load_references()
    stances = pd.DataFrame([
        _dose_stance(doc_id="adult", low=2500.0, high=2500.0, stance="2500 mg/day"),  # the adult UL is "2 g/day"
        _dose_stance(doc_id="child", low=1500.0, high=1500.0, stance="1500 mg/day", population="children"),
        _dose_stance(doc_id="small", low=300.0, high=300.0, stance="300 mg/day", population="children"),
    ])
    kinds = dict(zip(*consistency.against_references(stances, refs)[["doc_id", "kind"]].T.values))
    assert kinds == {"adult": "exceeds_reference", "child": "unclear_population", "small": "agreement"}


def test_a_value_stated_in_a_sentence_and_in_a_table_gets_one_reading(tmp_path):
    """The same elemental amount in a sentence and in a table whose column header says elemental: both findings
    read it as elemental, neither says the page does not say."""
    corpus = write_corpus(tmp_path / "twice", {"iron": (
        "Iron for deficiency\n\nAdults with iron deficiency take 60 mg of elemental iron daily.\n\n"
        "| Group | Elemental iron per day |\n|---|---|\n| Adults with iron deficiency | 60 mg |\n")})
    findings = findings_for(corpus)
    dose = findings[findings["topic"] == "dose"]
    assert len(dose) == 2 and set(dose["kind"]) == {"exceeds_reference"}, dose[["kind", "detail"]].to_dict("records")
    assert not dose["detail"].str.contains("does not say|if it is elemental").any()


@pytest.mark.parametrize("quote, basis", [
    ("Often in 325 mg tablets.", "composition"),
    ("It comes in 5 mg and 10 mg strengths.", "composition"),
    ("Each softgel provides 1,000 IU.", "composition"),
    ("about 120 mg per 325 mg tablet", "composition"),
    ("Take 2 capsules (500 mg each) daily.", "supplement"),
    ("Each tablet contains 65 mg; take one tablet a day.", "supplement"),
    ("Vitamin D3 10000 IU Drops", "supplement"),
])
def test_dose_basis_tells_descriptions_from_advice(quote, basis):
    assert consistency._dose_basis(quote, "") == basis


def test_a_table_of_forms_is_a_description_unless_its_header_advises():
    forms = "| Iron Salt Form | Elemental Iron Percentage | Example Dose (Compound) | Equivalent Elemental Iron |"
    assert consistency._dose_basis("| Ferrous Fumarate | ~33% | 300 mg | ~99 mg |", forms, forms) == "composition"
    advice = "| Form | Elemental content | Recommended daily dose |"
    assert consistency._dose_basis("| Ferrous Fumarate | 33% | 300 mg |", advice, advice) == "supplement"
    assert consistency._dose_basis("| Ferrous Fumarate | 33% | 300 mg |", forms, forms, "mg/day") == "supplement"


@pytest.mark.parametrize("quote, value, units", [
    ("Take 2 capsules (500 mg each) daily.", "500 mg", 2),
    ("Take two tablets of 200 mg each with a meal.", "200 mg", 2),
    ("Take 2 capsules daily; each holds 500 mg.", "500 mg", 1),  # not said as "N capsules (X each)"
    ("Take 500 mg (2 capsules) daily.", "500 mg", 1),  # the amount is the serving already
])
def test_an_amount_per_unit_is_multiplied_by_the_units_per_serving(quote, value, units):
    at = quote.index(value)
    assert consistency._units_per_serving(quote, at, at + len(value)) == units


def test_a_recommended_intake_for_a_group_without_reference_rows_is_unsupported():
    """Zinc's reference rows give adults' RDAs only: a child's 3 mg RDA is not "outside every RDA"."""
    refs = references.load_references()
    assert refs.query("supplement == 'zinc' and basis == 'rda'")["population_class"].str.contains("children").sum() == 0
    stance = _dose_stance(supplement="zinc", basis="total intake", population="children", low=3.0, high=3.0,
                          stance="3 mg", unit="mg", subject="children")
    found = consistency.against_references(pd.DataFrame([stance]), refs)
    # no RDA to judge it: it is only said to lie within the children's upper limits, never "outside every RDA"
    assert found["kind"].tolist() == ["agreement"] and "no RDA/AI for this group" in found["detail"].iloc[0]
    assert found["reference_id"].iloc[0].startswith("zinc_ul_")


def test_recommended_intakes_for_boys_and_girls_are_not_a_self_contradiction():
    rows = [_dose_stance(supplement="zinc", basis="total intake", low=v, high=v, stance=f"{v:g} mg", unit="mg",
                         subject="adults (general)", claim_subject="adolescents", quote=q)
            for v, q in ((11.0, "Adolescents 14-18 years (boys): 11 mg"), (9.0, "Adolescents 14-18 years (girls): 9 mg"))]
    assert consistency.within_documents(pd.DataFrame(rows)).empty
    same = [{**rows[0]}, {**rows[1], "quote": "Adolescents 14-18 years (boys), again: 9 mg"}]
    assert consistency.within_documents(pd.DataFrame(same))["kind"].tolist() == ["self_contradiction"]

"""Promotional language: negation, hedge scope, claim strength, disease claims, disclaimer, reading view."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import language
from claimcritique.segment import segment_blocks, segment_sentences


def sentences_of(text: str, doc_id: str = "d") -> pd.DataFrame:
    return segment_sentences(text, segment_blocks(doc_id, text))


def matches_of(text: str) -> pd.DataFrame:
    return language.find_matches(sentences_of(text))


def test_negation_cancels_hype():
    found = matches_of("It's not a miracle cure. It is a miracle cure.")
    miracle = found[found["text"].str.lower() == "miracle"]
    assert miracle["negated"].tolist() == [True, False]


def test_hedge_scope_within_a_sentence():
    found = matches_of("Magnesium may reduce insomnia. Magnesium cures insomnia.")
    verbs = found[found["category"] == "disease_verb"]
    assert verbs["hedged"].tolist() == [True, False]


@pytest.mark.parametrize("text, level", [
    ("Magnesium glycinate improves sleep quality.", "direct causal"),
    ("Magnesium glycinate may improve sleep quality.", "conditional causal"),
    ("Low magnesium is associated with poor sleep.", "correlational"),
    ("This formula guarantees deeper sleep every night.", "absolute"),
    ("Magnesium is a mineral found in nuts.", "none"),
])
def test_claim_strength_levels(text, level):
    assert language.claim_strength(sentences_of(text))["strength"].tolist() == [level]


def test_disease_claims_versus_structure_function():
    sentences = sentences_of("It reduces anxiety and treats insomnia. It supports restful sleep. It is not a cure for insomnia.")
    claims = language.disease_claims(sentences, language.find_matches(sentences))
    assert claims["quote"].tolist() == ["It reduces anxiety and treats insomnia."]


@pytest.mark.parametrize("text", [
    "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to "
    "diagnose, treat, cure, or prevent any disease.",
    "*These  statements\nhave NOT been evaluated by the FDA.",
    "This statement has not been evaluated by the U.S. Food & Drug Administration.",
])
def test_fda_disclaimer_is_recognised(text):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    result = language.document_language(docs, sentences_of(text))
    assert bool(result.at[0, "has_fda_disclaimer"])


def test_seeds(seeds):
    scores = language.document_language(seeds.documents, seeds.sentences).set_index("doc_id")
    assert not scores["has_fda_disclaimer"].any()  # none of the seeds carries it
    cautious = "003_7f032387946272ae"
    assert scores["promo_index"].idxmax() == "002_92b750b21631aec1"  # the vendor page sells hardest
    assert scores["promo_index"].idxmin() == cautious
    assert scores["hedge_per_1k"].idxmax() == cautious
    assert scores.at[cautious, "promo_index"] < 0  # not floored: it hedges more than it sells
    assert scores.at["001_e460cccd0a3ea4ba", "disease_claims"] > 0


def test_every_score_is_traceable_to_matches(seeds):
    matches = language.find_matches(seeds.sentences)
    texts = seeds.texts
    for row in matches.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    scores = language.document_language(seeds.documents, seeds.sentences, matches).set_index("doc_id")
    counted = matches[matches["counted"]]
    assert not (counted["negated"]).any()
    for doc_id, words in scores["words"].items():
        mine = counted[counted["doc_id"] == doc_id]
        per_1k = {c: 1000 * (mine["category"] == c).sum() / words for c in language.COUNTED}
        assert scores.at[doc_id, "hedge_per_1k"] == pytest.approx(per_1k["hedge"])
        # promo_index is the weighted sum of the listed matches, nothing else
        disease = 1000 * scores.at[doc_id, "disease_claims"] / words
        expected = sum(language.WEIGHTS[c] * per_1k[c] for c in language.COUNTED) + language.DISEASE_WEIGHT * disease
        assert scores.at[doc_id, "promo_index"] == pytest.approx(expected)


@pytest.mark.parametrize("text, counted", [
    ("A revolutionary formula for deep sleep.", ["revolutionary"]),
    ("It delivers superior absorption and optimal sleep quality.", ["superior", "optimal"]),
    ("A powerful ally for restful nights.", ["powerful"]),
    ("The maximum dose is 350 mg.", []),  # a measurement, not an evaluation
    ("The optimal daily intake varies.", []),
    ("Zinc plays a vital role in immunity.", []),
    ("Iron is crucial for creating hemoglobin, so timing is critical.", []),  # importance to the body, not the product
    ("Our blend adds a crucial ingredient.", ["crucial"]),  # importance of the product
    ("Taking it with food is the ideal way to avoid nausea.", []),
    ("This is not a miracle cure.", []),  # negated
    ("It is a miracle cure.", ["miracle"]),  # always promotional, whatever follows
])
def test_hype_adjectives_count_only_when_they_evaluate(text, counted):
    found = matches_of(text)
    hype = found[found["category"] == "hype"]
    assert hype.loc[hype["counted"], "text"].str.lower().tolist() == counted
    technical = hype[~hype["counted"] & ~hype["negated"]]
    assert (technical["technical"] != "").all()  # the measurement noun that made it technical is quoted


def test_reader_address_and_seller_voice_are_counted():
    found = matches_of("We make our capsules in Ohio. You will love your results.")
    assert set(found.loc[found["category"] == "seller_voice", "text"].str.lower()) == {"we"}  # "our capsules": call to action
    assert found.loc[found["category"] == "reader_address", "text"].str.lower().tolist() == ["you", "your"]


def test_promo_index_is_not_floored():
    text = "It may help some people, and results often vary."
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    result = language.document_language(docs, sentences_of(text))
    assert result.at[0, "promo_index"] < 0 and result.at[0, "promo_index"] == -result.at[0, "hedge_per_1k"]


def test_auc_is_the_share_of_pairs_ranked_right():
    assert language.auc(pd.Series([3, 2, 1, 0]), pd.Series([True, True, False, False])) == 1.0
    assert language.auc(pd.Series([1, 3, 2, 0]), pd.Series([True, False, True, False])) == 0.5
    assert language.auc(pd.Series([1, 1]), pd.Series([True, False])) == 0.5  # a tie counts half


PROMO_AUC_FLOOR = 0.90  # measured 0.939 on the 23 judged pages of data/dev (README, notebook 04)
HELD_OUT_AUC_FLOOR = 0.70  # measured 0.721 on the 25 judged pages of data/holdout + data/holdout2 (README)


@pytest.mark.skipif(not (language.DEV / "manifest_a.csv").exists(), reason="data/dev (the development corpus) absent")
def test_promo_index_separates_selling_from_neutral_pages():
    measures, ranking, matches = language.evaluate_development_corpus()
    assert measures["selling pages"] >= 11 and measures["neutral pages"] >= 12
    assert measures["AUC promo_index"] >= PROMO_AUC_FLOOR
    single_categories = [v for k, v in measures.items() if k.startswith("AUC ") and not k.startswith("AUC promo_index")]
    assert measures["AUC promo_index"] > max(single_categories)  # the index beats each of its parts
    assert ranking["rank"].tolist() == list(range(1, len(ranking) + 1))
    assert len(ranking) == len(language.development_kinds())  # every listed page is scored, blogs included
    assert set(matches["doc_id"]) <= set(ranking["doc_id"])


@pytest.mark.skipif(not all(any(f.glob("manifest*.csv")) for f in language.HELD_OUT), reason="held-out pages absent")
def test_held_out_pages_are_measured_together_and_alone():
    measures, ranking, _ = language.evaluate_development_corpus(language.HELD_OUT)
    assert (measures["selling pages"], measures["neutral pages"]) == (14, 11)
    assert measures["AUC promo_index"] >= HELD_OUT_AUC_FLOOR  # low: the README says so plainly
    tables = language.evaluation_report()
    assert {"promotional_auc_held_out", "promotional_auc_holdout", "promotional_auc_holdout2"} <= set(tables)
    assert len(tables["promotional_ranking_held_out"]) == len(ranking)


@pytest.mark.skipif(not all(any(f.glob("manifest*.csv")) for f in language.UNSEEN), reason="unseen pages absent")
def test_pages_never_seen_by_the_rules_are_measured_together():
    """holdout3, holdout4 and holdout5 (42 judged pages) were annotated after the rules were written: their AUC is
    reported, with a floor below the 0.77 measured when holdout5 arrived, so a change that loses the separation fails."""
    auc = language.evaluation_report(held_out=None)["promotional_auc_unseen"].set_index("measure")["value"]
    assert (auc["selling pages"], auc["neutral pages"]) == (26, 16)
    assert auc["AUC promo_index"] >= 0.75


def test_development_kinds_are_validated(tmp_path):
    (tmp_path / "manifest_x.csv").write_text("doc_id,file,kind\na,a.txt,vendor\nb,b.txt,shop\n")
    with pytest.raises(ValueError, match=r"manifest_x.csv: unknown kind\(s\) \['shop'\]"):
        language.development_kinds(tmp_path)


def test_evaluate_command_prints_the_measurements(capsys, tmp_path):
    from claimcritique import cli

    assert cli.main(["evaluate-language", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "claim_strength_yu2019" in out and "AUC promo_index" in out
    assert (tmp_path / "promotional_ranking.csv").exists() and (tmp_path / "claim_strength_yu2019.csv").exists()


def test_reading_view_escapes_markup():
    text = 'Buy now! <script>alert("x")</script> It reduces anxiety, proven.'
    sentences = sentences_of(text)
    html = language.reading_view(text, "d", sentences, language.find_matches(sentences),
                                 strength=language.claim_strength(sentences))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="cc-booster"' in html and "claim strength:" in html


def test_bad_lexicon_row_is_named(tmp_path):
    bad = tmp_path / "terms.csv"
    bad.write_text("category,term,match,source\nhype,(broken,regex,me\n")
    with pytest.raises(ValueError, match=r"terms.csv, row 2: bad pattern"):
        language.load_lexicon(bad)


HEDGE_WORDS = ["may", "might", "often", "some studies", "suggest", "miracle", "proven", "sleep", "better", "not",
               "clinically proven", "results may vary", "the", "and", ",", "\n", "typically", "you", "we"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(st.sampled_from(HEDGE_WORDS), min_size=1, max_size=12), min_size=1, max_size=5))
def test_hedge_scope_equals_a_search_of_each_sentence(sentence_words):
    """`hedged` (found from word triggers, once per document) equals what the hedge category's regex, searched
    over each sentence on its own, says: a hedge ends before the match starts."""
    texts = [" ".join(words) + "." for words in sentence_words]
    sentences = pd.DataFrame({"doc_id": "d", "sentence_id": range(len(texts)), "start": 0, "text": texts})
    hedge = language.category_patterns(language.language_lexicon())["hedge"]
    found = language.find_matches(sentences)
    for row in found.itertuples():
        text = texts[row.sentence_id]
        first = hedge.search(text)
        expected = row.category != "hedge" and first is not None and first.end() <= row.start
        assert row.hedged == expected, (text, row.text)


@pytest.mark.parametrize("text, category, counted", [
    ("Garden of Life Probiotics | ★4.7/5 | $25-30 (30 capsules) | View on Amazon", "commerce", ["★4.7/5", "$25-30"]),
    ("Disclosure: this article contains affiliate links.", "commerce", ["affiliate links"]),
    ("Once you receive your order, store it cold; we express ship on Mondays.", "commerce", ["your order", "we express ship"]),
    ("Vitamin D3 drops, made in USA, sugar-free, a 60-day supply.", "product_detail",
     ["made in USA", "sugar-free", "day supply"]),
    ("500 drops per bottle. Each capsule holds 15 billion cells.", "product_detail", ["per bottle", "Each capsule"]),
    ("Adults: 1 drop daily or as directed by a healthcare professional.", "product_detail", ["or as directed"]),
    ("Top 10 Vitamin D3 Drops. This is the clear winner.", "product_detail", ["Top 10", "clear winner"]),
    ("Keep out of reach of children. Store in a cool, dry place.", "product_detail",
     ["Keep out of reach of children", "Store in a cool"]),
    ("Each bottle holds 60 softgels.", "product_detail", ["60 softgels"]),
    # what informing pages say about the same things is not a selling signal
    ("Always check the Supplement Facts panel for the elemental amount.", "product_detail", []),
    ("Look for third-party testing on the label.", "product_detail", []),
    ("Choose third-party-tested products.", "product_detail", []),
    ("Take 2 capsules with food; a systematic review found no effect.", "product_detail", []),
    ("A systematic review of 12 trials found 1/5 of adults low.", "commerce", []),
])
def test_selling_signals(text, category, counted):
    found = matches_of(text)
    assert found.loc[(found["category"] == category) & found["counted"], "text"].tolist() == counted


def test_selling_signals_raise_promo_index():
    plain = "Vitamin D helps the body absorb calcium. Most adults get enough from food and sunlight in summer."
    shop = plain + " Made in USA. 500 drops per bottle. View on Amazon for $19."
    docs = pd.DataFrame({"doc_id": ["plain", "shop"], "text": [plain, shop]})
    sentences = pd.concat([sentences_of(plain, "plain"), sentences_of(shop, "shop")], ignore_index=True)
    scores = language.document_language(docs, sentences).set_index("doc_id")
    assert scores.at["shop", "commerce_per_1k"] > 0 and scores.at["shop", "product_detail_per_1k"] > 0
    assert scores.at["shop", "promo_index"] > scores.at["plain", "promo_index"]


def test_every_match_starts_where_the_triggers_say(seeds):
    """The word and symbol triggers never hide a match: wherever a term's own pattern matches a document
    (lower-cased, as find_matches runs it), that offset is among the term's trigger offsets."""
    from claimcritique.scanning import document_strings, for_lowered_text

    terms = language.language_lexicon()
    terms = terms[~terms["category"].isin(language.HELPER_CATEGORIES)]
    triggers = language._Triggers([language._term_literals(t.term, t.match, t.pattern) for t in terms.itertuples()])
    patterns = [for_lowered_text(p) for p in terms["pattern"]]
    extra = sentences_of("Rated 4.5 | ★4.7/5 | $25-30 | #1 pick | 60 softgels | 20% off | Probiotic Sufficiency™ "
                         "| five-star | 4 out of 5 stars | BioPerine® | x#2 | &#39; | a 120-count bottle", "extra")
    for _, joined, _, _ in document_strings(pd.concat([seeds.sentences, extra], ignore_index=True)):
        lowered = joined.lower()
        starts = triggers.starts(lowered)
        for number, pattern in enumerate(patterns):
            found = [m.start() for m in pattern.finditer(lowered)]
            assert set(found) <= set(starts.get(number, ())), terms.iloc[number]["term"]
            assert starts.get(number, []) == sorted(starts.get(number, []))


def test_small_character_classes_are_leading_literals():
    assert language.leading_literals(r"\b[1-5]\.\d") == frozenset({"1.", "2.", "3.", "4.", "5."})
    assert language.leading_literals(r"[$€£]\s?\d") == frozenset("$€£")
    assert language.leading_literals(r"\b\d+ mg") is None  # \d is Unicode: not enumerable
    assert language.leading_literals(r"[^a]b") is None


SIGNAL_WORDS = ["posted", "updated", "on", "march", "3,", "2021", "2021-03-04", "by", "we", "may", "earn", "a",
                "commission", "affiliate", "link", "our", "own", "products", "sell", "sponsored", "\n", "references",
                "1999", "mar.", "12", "paid", "partnership", "conflicts", "of", "interest", "disclosure", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SIGNAL_WORDS), max_size=14))
def test_page_signals_skipped_only_where_they_cannot_match(words):
    """The cheap word checks before a page signal's search never change its answer."""
    text = " ".join(words).lower()
    for name, pattern in language._LOWERED.items():
        assert language._signal(name, text) == bool(pattern.search(text)), (name, text)


def test_one_pass_equals_both_functions(seeds):
    """analysis runs matches_and_strength: the same tables as find_matches and claim_strength."""
    from pandas.testing import assert_frame_equal

    sentences = pd.concat([seeds.sentences, sentences_of("Café ﬁne: İstanbul may cure insomnia. Buy now!", "odd")],
                          ignore_index=True)  # a document whose lower-casing changes its length scans in full
    matches, strength = language.matches_and_strength(sentences)
    assert_frame_equal(matches, language.find_matches(sentences))
    assert_frame_equal(strength, language.claim_strength(sentences))


def test_disease_claims_equal_the_grouped_join(seeds):
    """disease_claims (a loop over the matches) equals the join of disease terms and verbs it replaced."""
    from pandas.testing import assert_frame_equal

    extra = sentences_of("It cures insomnia and treats anxiety. It may prevent Migraine and cure migraine. "
                         "It does not cure insomnia.", "x")
    sentences = pd.concat([seeds.sentences, extra], ignore_index=True)
    matches = language.find_matches(sentences)
    counted = matches[matches["counted"]]
    terms = counted[counted["category"] == "disease_term"]
    verbs = counted[counted["category"] == "disease_verb"]
    keys = terms.merge(verbs, on=["doc_id", "sentence_id"], suffixes=("_disease", "_verb"))
    keys = keys.groupby(["doc_id", "sentence_id"], as_index=False).agg(
        disease=("text_disease", lambda t: ", ".join(sorted(set(x.lower() for x in t)))),
        verb=("text_verb", lambda t: ", ".join(sorted(set(x.lower() for x in t)))),
        hedged=("hedged_verb", "any"))
    expected = keys.merge(sentences[["doc_id", "sentence_id", "text", "start", "end"]],
                          on=["doc_id", "sentence_id"]).rename(columns={"text": "quote"})
    assert_frame_equal(language.disease_claims(sentences, matches), expected)
    assert len(expected[expected["doc_id"] == "x"]) == 2

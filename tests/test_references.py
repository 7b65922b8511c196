"""Reference values: every row cited, its numbers in its quote where the quote states them, selected by column."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from claimcritique import consistency, references, registry

FACTS_SUPPLEMENTS = {"magnesium", "vitamin d", "melatonin", "ashwagandha", "zinc", "omega-3", "iron", "vitamin b12",
                     "calcium", "vitamin c", "creatine"}
POPULATION_CLASSES = {name for name, _ in consistency.POPULATIONS} | {"adults (general)", "infants", "all"}


@pytest.fixture(scope="module")
def refs() -> pd.DataFrame:
    return references.load_references()


def _numbers_in(text: str) -> set[float]:
    """Numbers as a quote writes them: '4,000', '4·4' (a middle dot for a decimal point), '0.5', '−27.27'."""
    text = text.replace("·", ".").replace("−", "-")
    return {float(m.replace(",", "")) for m in re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)}


def test_every_supplement_of_the_facts_files_has_cited_rows(refs):
    assert set(refs["supplement"]) == FACTS_SUPPLEMENTS
    assert (refs["source"].str.strip() != "").all()
    assert set(refs["evidence"]) == {"primary", "secondary"}
    for supplement in FACTS_SUPPLEMENTS:
        dose = refs[(refs["supplement"] == supplement) & (refs["topic"] == "dose")]
        assert len(dose), f"no dose reference for {supplement}"


def test_every_row_states_its_numbers_in_its_quote_where_it_can(refs):
    checked = refs[refs["quote_holds_values"] == "yes"]
    assert len(checked) > 0.7 * len(refs[refs["quote"] != ""])
    for row in checked.itertuples():
        numbers = _numbers_in(row.quote)
        for bound in (row.low, row.high):
            if not pd.isna(bound):
                assert abs(bound) in numbers, f"{row.ref_id}: {bound:g} is not in its quote {row.quote!r}"
    exempt = refs[refs["quote_holds_values"] != "yes"]
    assert exempt["quote_holds_values"].str.startswith("no: ").all(), "an exemption says why"


def test_rows_use_the_registry_names_and_known_classes(refs):
    names = set(registry.load().names)
    assert set(refs["supplement"]) <= names
    classes = {c for cell in refs["population_class"] for c in cell.split(";") if c}
    assert classes <= POPULATION_CLASSES
    upper = refs[refs["basis"].isin(references.UPPER_BASES)]
    assert set(upper["scope"]) <= {"total", "supplemental"}, "every upper limit says what it applies to"
    assert not refs["topic"].eq("elemental_fraction").any(), "elemental fractions are the registry's"


def test_upper_limits_say_total_intake_or_supplements_only(refs):
    ul = refs[(refs["basis"] == "ul") & (refs["region"] == "US") & refs["population_class"].str.contains("adults")]
    scope = dict(zip(ul["supplement"], ul["scope"]))
    assert scope["magnesium"] == "supplemental"
    assert scope["vitamin d"] == scope["zinc"] == scope["iron"] == scope["calcium"] == scope["vitamin c"] == "total"


@pytest.mark.parametrize("supplement, kinds, upper", [
    ("magnesium", {"intake", "upper"}, 350), ("zinc", {"intake", "upper"}, 40), ("vitamin d", {"intake", "upper"}, 4000),
    ("vitamin c", {"intake", "upper"}, 2), ("melatonin", {"studied"}, None), ("creatine", {"studied"}, None),
    ("ashwagandha", {"studied"}, None),
])
def test_dose_bands_are_selected_by_column_for_each_supplement(refs, supplement, kinds, upper):
    bands = references.dose_bands(refs, supplement)
    assert set(bands["kind"]) == kinds
    if upper is not None:
        assert bands.set_index("kind").at["upper", "high"] == upper
    assert bands["ref_ids"].map(lambda ids: set(ids.split(", ")) <= set(refs["ref_id"])).all()


def test_no_bands_for_a_supplement_without_references(refs):
    assert references.dose_bands(refs, "collagen").empty


def test_measured_absorption_and_prevalence_per_supplement(refs):
    assert set(references.measured_absorption(refs, "zinc")["form"]) == {"zinc citrate", "zinc gluconate", "zinc oxide"}
    assert references.measured_absorption(refs, "magnesium")["high"].max() <= 75
    prevalence = references.prevalence_references(refs, "vitamin d")
    assert prevalence["measure"].str.contains("25\\(OH\\)D").all()


def test_readability_guidelines_live_in_their_own_file():
    band = references.readability_band()
    assert (band["target"], band["acceptable"]) == (6, 8)
    assert band == references.readability_band(references.load_references())  # what older notebooks pass


def test_validation_names_file_and_row(tmp_path, refs):
    bad = refs.astype(str).replace("nan", "")
    bad.loc[3, "low"] = "four hundred"
    path = tmp_path / "reference_values.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"reference_values.csv, row 5: low 'four hundred' is not a number"):
        references.load_references(path)

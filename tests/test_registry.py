"""The domain registry: tables read and validated once, and the lookups the extractor builds on them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcritique import registry

REQUIRED_SUPPLEMENTS = ["magnesium", "zinc", "vitamin d", "melatonin", "ashwagandha", "omega-3", "iron", "vitamin b12",
                        "calcium", "vitamin c", "creatine", "collagen", "turmeric", "probiotics", "elderberry", "coq10",
                        "folate", "potassium", "vitamin k2", "vitamin b6", "selenium", "l-theanine", "glucosamine"]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A private copy of the registry that a test may edit."""
    copy = tmp_path / "registry"
    shutil.copytree(registry.FOLDER, copy)
    return copy


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_default_registry_loads_once_and_covers_the_supplements():
    reg = registry.load()
    assert registry.load() is reg and registry.load(registry.FOLDER) is reg
    assert set(REQUIRED_SUPPLEMENTS) <= set(reg.names)
    for table in (reg.units, reg.supplements, reg.forms, reg.conversions, reg.claim_types):
        assert table["source"].str.strip().ne("").all()


@pytest.mark.parametrize("text, expected", [
    ("Vitamin B12 supports energy", ("Vitamin B12", "vitamin b12", "")),
    ("try methylcobalamin first", ("methylcobalamin", "vitamin b12", "methylcobalamin")),
    ("Zinc picolinate is popular", ("Zinc picolinate", "zinc", "picolinate")),
    ("Magnesium Glycinate at night", ("Magnesium Glycinate", "magnesium", "glycinate")),
    ("a D3 softgel", ("D3", "vitamin d", "d3")),
    ("Black elderberry syrup", ("Black elderberry", "elderberry", "")),
    ("fish oil capsules", ("fish oil", "omega-3", "")),
    ("325 mg ferrous sulfate", ("ferrous sulfate", "iron", "sulfate")),
    ("CoQ10 (ubiquinol)", ("CoQ10", "coq10", "")),
    ("KSM-66 ashwagandha", ("KSM-66", "ashwagandha", "ksm-66")),
    ("30 billion CFU of Lactobacillus", ("Lactobacillus", "probiotics", "")),
    ("L-theanine with coffee", ("L-theanine", "l-theanine", "")),
])
def test_identify_finds_the_longest_name(text, expected):
    start, end, supplement, form = registry.load().identify(text)[0]
    assert (text[start:end], supplement, form) == expected


def test_a_form_of_several_supplements_goes_to_the_context():
    reg = registry.load()
    assert reg.identify("citrate")[0][2] == ""  # magnesium, zinc, calcium and potassium all have one
    assert reg.identify("citrate", "zinc")[0][2:] == ("zinc", "citrate")
    assert reg.identify("magnesium sulfate", "iron")[0][2:] == ("magnesium", "sulfate")


def test_every_supplement_name_is_found_whole():
    reg = registry.load()
    for supplement, surface in reg.supplements[["supplement", "surface"]].itertuples(index=False):
        text = f"We compared {surface} with a placebo."
        mentions = reg.identify(text)
        assert mentions and text[mentions[0][0]:mentions[0][1]] == surface, surface
        assert mentions[0][2] == supplement


def test_unit_conversions():
    reg = registry.load()
    assert reg.to_unit(1000, "IU", "mcg", "vitamin d") == pytest.approx(25)
    assert reg.to_unit(25, "mcg", "IU", "vitamin d") == pytest.approx(1000)
    assert reg.to_unit(400, "IU", "mg", "vitamin d") == pytest.approx(0.01)
    assert reg.to_unit(2, "g", "mg") == 2000
    assert reg.to_unit(500, "mcg", "mg") == pytest.approx(0.5)
    assert reg.to_unit(400, "IU", "mcg") is None  # no nutrient, no conversion
    assert reg.to_unit(400, "IU", "mcg", "vitamin e") is None  # no cited factor for vitamin E
    assert reg.to_unit(2, "capsules", "mg") is None
    assert reg.to_unit(30, "minutes", "hours") == pytest.approx(0.5)


def test_elemental_fraction_only_where_cited():
    reg = registry.load()
    assert reg.elemental_fraction("magnesium", "glycinate") == pytest.approx(0.141)
    assert reg.elemental_fraction("iron", "fumarate") == pytest.approx(0.33)
    assert reg.elemental_fraction("zinc", "glycinate") is None


def test_dimensions_come_from_the_tables():
    reg = registry.load()
    assert reg.unit("Micrograms")[:2] == ("mcg", "mass")
    assert reg.dimension("mg/day") == "mass" and reg.dimension("%DV") == "percent_dv"
    assert "cfu" in reg.dimensions_of("dose") and "percent" not in reg.dimensions_of("dose")


def test_a_row_added_to_a_registry_folder_is_picked_up(folder):
    append(folder / "supplements.csv", "ecdysterone,name,ecdysterone,test row")
    append(folder / "units.csv", "fu,FU,activity,1,FU,fibrinolytic units (test row)")
    reg = registry.load(folder)
    assert reg is not registry.load()
    assert reg.identify("Ecdysterone 2,000 FU")[0][2] == "ecdysterone"
    assert reg.unit("FU")[:2] == ("FU", "activity")
    assert "ecdysterone" not in registry.load().names


@pytest.mark.parametrize("file, line, message", [
    ("units.csv", "drams,dram,heft,1,dram,test", r"units.csv, row \d+: unknown dimension 'heft'"),
    ("units.csv", "dram,dram,mass,heavy,dram,test", r"units.csv, row \d+: 'factor' is not a number"),
    ("units.csv", "mg,mg,mass,1,mg,duplicate", r"units.csv, row \d+: duplicate surface"),
    ("supplements.csv", "ecdysterone,alias,natto,test", r"supplements.csv, row \d+: 'kind' must be name or synonym"),
    ("supplements.csv", "ecdysterone,synonym,natto,test", r"supplements.csv, row \d+: supplement 'ecdysterone' has no"),
    ("forms.csv", "ecdysterone,powder,powder,,yes,test", r"forms.csv, row \d+: unknown supplement 'ecdysterone'"),
    ("forms.csv", "zinc,orotate,orotate,1.4,yes,test", r"forms.csv, row \d+: 'elemental_fraction' must be at most 1"),
    ("conversions.csv", "vitamin d,IU,grain,1,test", r"conversions.csv, row 3: unknown unit 'grain'"),
    ("claim_types.csv", "rank,position,,test", r"claim_types.csv, row \d+: unknown dimension"),
])
def test_a_bad_row_names_its_file_and_row(folder, file, line, message):
    append(folder / file, line)
    with pytest.raises(ValueError, match=message):
        registry.load(folder)


def test_the_row_number_is_the_line_in_the_file(folder):
    lines = (folder / "units.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(3, "dram,dram,mass,heavy,dram,test")
    (folder / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"units.csv, row 4: 'factor' is not a number"):
        registry.load(folder)


@pytest.mark.parametrize("surface, reported, dimension", [
    ("fl. oz", "fl oz", "volume"), ("US fluid ounces", "fl oz", "volume"), ("oz", "fl oz", "volume"),
    ("imp fl oz", "imp fl oz", "volume"), ("cups", "cups", "volume"), ("mgs", "mg", "mass"), ("h", "hours", "time"),
    ("daltons", "daltons", "molar_mass"), ("% of the RDA", "%DV", "percent_dv"), ("time(s) per day", "times/day", "frequency"),
])
def test_units_added_for_unseen_pages(surface, reported, dimension):
    reg = registry.load()
    unit, found_dimension, _, report_as = reg.unit(surface)
    assert (report_as, found_dimension) == (reported, dimension)
    assert reg.to_unit(10, "fl oz", "ml") == pytest.approx(295.735, rel=1e-4)
    assert reg.to_unit(10, "imp fl oz", "ml") == pytest.approx(284.131, rel=1e-4)


def test_a_form_that_is_a_compound_of_its_own_names_its_supplement_only_after_the_name():
    """"zinc carnosine" is zinc; "carnosine" alone is the dipeptide beta-alanine pages are about, never zinc."""
    reg = registry.load()
    assert [m[2] for m in reg.identify("Beta-alanine raises muscle carnosine levels.")] == ["beta-alanine"]
    assert reg.identify("Zinc carnosine 75 mg")[0][2:] == ("zinc", "carnosine")


def test_a_companion_ingredient_is_its_own_supplement():
    """Piperine (BioPerine) is added to turmeric formulas; its amount is piperine's, not turmeric's."""
    assert registry.load().supplement_of("5 mg BioPerine", "turmeric") == "piperine"

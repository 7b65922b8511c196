"""Cited reference values (data/reference/reference_values.csv) and the bands the charts compare with.

Every value carries its source, year, DOI or URL, a verbatim quote where one was retrieved and an
evidence tag (primary / secondary). Caveats travel with the rows: the US UL (350 mg/day) covers
supplemental magnesium only, not food; a share below the EAR is not clinical deficiency; intakes
are mg of elemental magnesium (magnesium glycinate is about 14% magnesium by mass).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import read_data_csv

REFERENCE_COLUMNS = ["ref_id", "topic", "population", "form", "low", "high", "unit", "scope", "basis", "source",
                     "year", "url_or_doi", "quote", "evidence", "caveat"]
EVIDENCE = {"primary", "secondary"}
# which rows the charts draw, by id: chosen here once so every notebook shows the same bands
UL_SUPPLEMENTAL_ADULT = "ul_suppl_age9plus_iom1997"
MEASURED_ABSORPTION_TOPICS = ("absorption_form", "absorption_dietary", "absorption_dose_dependence")
PREVALENCE_TOPICS = ("inadequacy_below_ear", "below_rda")


def load_references(path: Path | None = None) -> pd.DataFrame:
    """The reference table, validated: unique ids, numeric bounds, low <= high, a source for every row."""
    path = path or paths.REFERENCE / "reference_values.csv"
    table = read_data_csv(path, required=REFERENCE_COLUMNS, non_empty=["ref_id", "topic", "source", "evidence"])
    duplicated = table["ref_id"][table["ref_id"].duplicated()]
    if len(duplicated):
        raise ValueError(f"{path}: ref_id '{duplicated.iloc[0]}' appears twice")
    for column in ("low", "high"):
        numbers = pd.to_numeric(table[column].replace("", None), errors="coerce")
        bad = table.index[numbers.isna() & (table[column] != "")]
        if len(bad):
            raise ValueError(f"{path}, row {bad[0] + 2}: {column} '{table.at[bad[0], column]}' is not a number")
        table[column] = numbers.astype(float)
    inverted = table.index[table["low"] > table["high"]]
    if len(inverted):
        raise ValueError(f"{path}, row {inverted[0] + 2}: low is greater than high")
    unknown = table.index[~table["evidence"].isin(EVIDENCE)]
    if len(unknown):
        raise ValueError(f"{path}, row {unknown[0] + 2}: evidence must be one of {sorted(EVIDENCE)}")
    return table


def dose_bands(references: pd.DataFrame) -> pd.DataFrame:
    """The adult RDA band (total intake, lowest to highest adult RDA) and the supplemental UL."""
    adult = references[(references["topic"] == "rda") & references["population"].str.match(r"(?:men|women) (?:19|31|51)")]
    ul = references[references["ref_id"] == UL_SUPPLEMENTAL_ADULT]
    if adult.empty or ul.empty:
        raise ValueError("reference table lacks the adult RDA rows or the supplemental UL row "
                         f"('{UL_SUPPLEMENTAL_ADULT}')")
    ul_row = ul.iloc[0]
    return pd.DataFrame([
        {"band": "adult RDA (total intake)", "low": adult["low"].min(), "high": adult["high"].max(),
         "ref_ids": ", ".join(adult["ref_id"]), "source": adult["source"].iloc[0]},
        {"band": "UL (supplemental only)", "low": ul_row["low"], "high": ul_row["high"],
         "ref_ids": ul_row["ref_id"], "source": ul_row["source"]},
    ])


def measured_absorption(references: pd.DataFrame) -> pd.DataFrame:
    """Measured fractional absorption values (not marketing claims), one row per study arm."""
    rows = references[references["topic"].isin(MEASURED_ABSORPTION_TOPICS)].copy()
    rows["label"] = rows["form"].where(rows["form"] != "", rows["topic"]) + " — " + rows["source"].str.split(",").str[0]
    return rows


def prevalence_references(references: pd.DataFrame) -> pd.DataFrame:
    """NHANES shares of people below the EAR (or RDA): what deficiency claims should be compared with."""
    rows = references[references["topic"].isin(PREVALENCE_TOPICS)].copy()
    rows["label"] = rows["population"] + " (" + rows["basis"] + ")"
    return rows


READABILITY_TARGET = "readability_grade_ama_weiss2007"
READABILITY_ACCEPTABLE = "readability_grade_nih_clear_communication"


def readability_band(references: pd.DataFrame) -> dict[str, float | str]:
    """Recommended grade for patient materials: target (6th grade or below) and the upper acceptable grade."""
    rows = references.set_index("ref_id")
    missing = [r for r in (READABILITY_TARGET, READABILITY_ACCEPTABLE) if r not in rows.index]
    if missing:
        raise ValueError(f"reference table lacks the readability rows {missing}")
    target, acceptable = rows.loc[READABILITY_TARGET], rows.loc[READABILITY_ACCEPTABLE]
    return {"target": float(target["high"]), "acceptable": float(acceptable["high"]),
            "caption": (f"Recommended reading level for patient materials: grade {target['high']:g} or below "
                        f"({target['source']}; {target['evidence']}), acceptable up to grade {acceptable['high']:g} "
                        f"({acceptable['source']}; {acceptable['evidence']}).")}

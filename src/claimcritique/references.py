"""Cited reference values (data/reference/reference_values.csv) and the bands the charts compare with.

Every value carries its supplement, source, year, DOI or URL, a verbatim quote where one was retrieved and
an evidence tag (primary / secondary), and says what it applies to: `basis` (rda, ai, ear, ul, dv,
studied_dose, measured, prevalence...), `scope` (total intake, supplements only, food), `population_class`
(the population classes of `consistency.population_class` it covers, separated by ";") and `region`.
Rows are selected by these columns, never by id or position. Elemental fractions of salts and IU/mcg
conversions are the registry's (data/registry/). Readability guidelines are in their own file
(data/reference/readability_guidelines.csv).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import read_data_csv

REFERENCE_COLUMNS = ["ref_id", "supplement", "topic", "basis", "population", "population_class", "form", "low", "high",
                     "unit", "scope", "region", "measure", "source", "year", "url_or_doi", "quote", "evidence",
                     "quote_holds_values", "caveat"]
READABILITY_COLUMNS = ["ref_id", "low", "high", "unit", "population", "basis", "source", "year", "url_or_doi", "quote",
                       "evidence", "caveat"]
EVIDENCE = {"primary", "secondary"}
SCOPES = {"", "total", "supplemental", "food"}
# what each comparison (and each chart band) selects, by the `basis` column
INTAKE_BASES = ("rda", "ai")  # a statement of the recommended (total) intake is compared with these
UPPER_BASES = ("ul",)  # upper limits for a supplement dose; an advisory ceiling ("upper_recommendation": the FDA's
# "no more than 2 g/day of EPA+DHA from supplements", which its source says is not a UL) is not one
STUDIED_BASES = ("studied_dose", "regulatory_dose", "position_stand", "safety_dose", "safety_statement",
                 "recommendation")  # doses a supplement without a UL was studied, authorised or stated safe at
CLINICAL_BASES = ("clinical_guideline",)  # treatment doses for people who are deficient, not intakes for everyone
ADULTS = "adults (general)"
MEASURED = "measured"
PREVALENCE = "prevalence"


def _numbers(table: pd.DataFrame, path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    for column in columns:
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
    duplicated = table["ref_id"][table["ref_id"].duplicated()]
    if len(duplicated):
        raise ValueError(f"{path}: ref_id '{duplicated.iloc[0]}' appears twice")
    return table


def load_references(path: Path | None = None) -> pd.DataFrame:
    """The reference table, validated: unique ids, numeric bounds, low <= high, a source and a supplement for
    every row, a known scope and evidence tag."""
    path = path or paths.REFERENCE / "reference_values.csv"
    table = read_data_csv(path, required=REFERENCE_COLUMNS,
                          non_empty=["ref_id", "supplement", "topic", "basis", "source", "evidence"])
    table = _numbers(table, path, ("low", "high"))
    bad_scope = table.index[~table["scope"].isin(SCOPES)]
    if len(bad_scope):
        raise ValueError(f"{path}, row {bad_scope[0] + 2}: scope must be one of {sorted(SCOPES)}")
    return table


def load_readability_guidelines(path: Path | None = None) -> pd.DataFrame:
    """Recommended reading grades for patient materials, with their sources."""
    path = path or paths.REFERENCE / "readability_guidelines.csv"
    table = read_data_csv(path, required=READABILITY_COLUMNS, non_empty=["ref_id", "source", "evidence"])
    return _numbers(table, path, ("low", "high"))


def supplements(references: pd.DataFrame) -> list[str]:
    """Supplements the reference table has values for."""
    return sorted(set(references["supplement"]))


def _covers(references: pd.DataFrame, population: str) -> pd.Series:
    return references["population_class"].str.split(";").map(lambda classes: population in classes).astype(bool)


def dose_bands(references: pd.DataFrame, supplement: str, population: str = ADULTS) -> pd.DataFrame:
    """A supplement's bands for one population, selected by column: the recommended intake (RDA/AI, total
    intake: lowest to highest of the group's values), the upper limit for supplement doses, or, for a
    supplement without either, the range of its studied doses. Columns: band, kind, low, high, unit,
    ref_ids, source, scope; empty when the table has nothing for the supplement."""
    rows = references[(references["supplement"] == supplement) & (references["topic"] == "dose")
                      & _covers(references, population)]
    rows = rows[rows["region"].isin(["US", ""])] if (rows["region"] == "US").any() else rows
    bands = []
    for kind, bases, label in (("intake", INTAKE_BASES, "recommended intake (RDA/AI, total intake)"),
                               ("upper", UPPER_BASES, "upper limit"), ("studied", STUDIED_BASES, "studied doses")):
        chosen = rows[rows["basis"].isin(bases)].dropna(subset=["high"])
        if kind == "studied" and bands:
            break
        if chosen.empty:
            continue
        unit = chosen["unit"].mode().iloc[0]
        chosen = chosen[chosen["unit"] == unit]
        scope = ", ".join(sorted(set(chosen["scope"]) - {""})) or "not stated"
        if kind == "upper":
            covers = {"supplemental": "supplements only", "total": "total intake"}.get(scope, scope)
            label = f"upper limit ({covers})"
        low = chosen["low"].min() if kind != "upper" else chosen["high"].min()
        bands.append({"band": label, "kind": kind, "low": low, "high": chosen["high"].max(), "unit": unit,
                      "ref_ids": ", ".join(chosen["ref_id"]), "source": "; ".join(dict.fromkeys(chosen["source"])),
                      "scope": scope})
    return pd.DataFrame(bands, columns=["band", "kind", "low", "high", "unit", "ref_ids", "source", "scope"])


def measured_absorption(references: pd.DataFrame, supplement: str | None = None) -> pd.DataFrame:
    """Measured fractional absorption values (not marketing claims), one row per study arm."""
    rows = references[(references["topic"] == "absorption_rate") & (references["basis"] == MEASURED)].copy()
    if supplement is not None:
        rows = rows[rows["supplement"] == supplement]
    rows["label"] = rows["form"].where(rows["form"] != "", rows["supplement"]) + " — " + rows["source"].str.split(",").str[0]
    return rows


def prevalence_references(references: pd.DataFrame, supplement: str | None = None) -> pd.DataFrame:
    """Cited shares of people below a requirement or cut-off, with what each measures."""
    rows = references[(references["topic"] == "deficiency_prevalence") & (references["basis"] == PREVALENCE)].copy()
    if supplement is not None:
        rows = rows[rows["supplement"] == supplement]
    rows["label"] = rows["population"] + " (" + rows["measure"] + ")"
    return rows


def readability_band(guidelines: pd.DataFrame | None = None) -> dict[str, float | str]:
    """Recommended grade for patient materials: target (the strictest 'at or below' guideline) and the upper
    acceptable grade (the most lenient guideline), selected by their values, not by id.

    Accepts the guidelines table (default: data/reference/readability_guidelines.csv); a table without
    readability rows (the reference values, as older notebooks pass) falls back to the default file."""
    if guidelines is None or "readability_grade" not in set(guidelines.get("topic", pd.Series(["readability_grade"]))):
        guidelines = load_readability_guidelines()
    rows = guidelines.dropna(subset=["high"])
    if rows.empty:
        raise ValueError("no readability guideline with an upper grade")
    at_or_below = rows[rows["low"].isna()]
    target = (at_or_below if len(at_or_below) else rows).sort_values(["high", "evidence"]).iloc[0]
    acceptable = rows.sort_values(["high", "evidence"], ascending=[False, True]).iloc[0]
    return {"target": float(target["high"]), "acceptable": float(acceptable["high"]),
            "caption": (f"Recommended reading level for patient materials: grade {target['high']:g} or below "
                        f"({target['source']}; {target['evidence']}), acceptable up to grade {acceptable['high']:g} "
                        f"({acceptable['source']}; {acceptable['evidence']}).")}


def band_caption(bands: pd.DataFrame) -> str:
    """A chart caption naming every band with its values, sources and reference ids."""
    def values(band) -> str:
        return f"{band.high:g} {band.unit}" if band.low == band.high or band.kind == "upper" else \
            f"{band.low:g}–{band.high:g} {band.unit}"
    return "; ".join(f"{b.band}: {values(b)} ({b.source}; refs {b.ref_ids})" for b in bands.itertuples()) + "."

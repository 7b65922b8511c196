"""The domain as data: units, supplements and their forms, nutrient conversions, claim types.

Every unit the claims grammar reads, every supplement it names and every form with its elemental
fraction lives in a CSV under `data/registry/`, with its source, so that a new unit or a new
supplement is a data row and not an edit in three modules:

- `units.csv`: surface form -> canonical unit, its dimension (mass, mass_per_weight, amount, weight,
  activity, cfu, percent, percent_dv, ratio, frequency, serving, volume, time, concentration, count, energy,
  scale) and the factor to the canonical unit of that dimension (mass: mg; mass_per_weight: mg/kg, a
  dose scaled to body weight; amount: mmol; weight: kg; time: minutes; volume: ml); `report_as` is the unit
  written in the claims table (grams are written as mg, micrograms stay mcg).
- `supplements.csv`: one row per surface form (`kind` = name or synonym) of each supplement.
- `forms.csv`: salts and forms, with the elemental fraction only where a cited source gives it;
  `standalone` says whether the surface names the supplement on its own ("glycinate") or only after
  the supplement's name ("fish oil ethyl ester").
- `conversions.csv`: nutrient-specific conversions (vitamin D: 1 IU = 0.025 mcg).
- `claim_types.csv`: which dimensions each claim type accepts and which cue roles
  (`data/lexicons/claim_cues.csv`) it reads.

Tables are read once per folder and validated: a bad row is reported as "file, row N: what is wrong".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import read_data_csv

FOLDER = paths.REGISTRY
DIMENSIONS = frozenset({"mass", "mass_per_weight", "amount", "weight",
                        "activity", "cfu", "percent", "percent_dv", "ratio", "frequency", "serving",
                        "volume", "time", "concentration", "count", "scale", "molar_mass",
                        "energy"})  # "290 kilocalories (1,200 kJ)": a food's energy content
KINDS = frozenset({"name", "synonym"})

Mention = tuple[int, int, str, str]  # start, end, supplement, form ("" when the text names no form)


def _normal(surface: str) -> str:
    return " ".join(surface.lower().split())


def _row_error(path: Path, index: int, message: str) -> ValueError:
    return ValueError(f"{path}, row {index + 2}: {message}")


def _number(path: Path, table: pd.DataFrame, column: str, *, allow_empty: bool, positive: bool = True,
            at_most: float | None = None) -> pd.Series:
    """A numeric column, every cell checked: an error names the file and row of the first bad one."""
    values = []
    for index, cell in table[column].items():
        cell = cell.strip()
        if not cell:
            if not allow_empty:
                raise _row_error(path, index, f"'{column}' is empty")
            values.append(math.nan)
            continue
        try:
            value = float(cell)
        except ValueError:
            raise _row_error(path, index, f"'{column}' is not a number: {cell!r}") from None
        if positive and not value > 0:
            raise _row_error(path, index, f"'{column}' must be positive: {cell!r}")
        if at_most is not None and value > at_most:
            raise _row_error(path, index, f"'{column}' must be at most {at_most:g}: {cell!r}")
        values.append(value)
    return pd.Series(values, index=table.index, dtype=float)


def _no_duplicates(path: Path, table: pd.DataFrame, columns: list[str]) -> None:
    duplicated = table.duplicated(columns)
    if duplicated.any():
        index = table.index[duplicated][0]
        raise _row_error(path, index, f"duplicate {'/'.join(columns)} {tuple(table.loc[index, columns])}")


def trie_pattern(words: list[str]) -> str:
    """One regular expression matching any of the words, longest first, built as a trie: CPython's `re`
    tries the alternatives of a flat 300-word alternation one by one at every position. A space in a word
    matches any run of whitespace."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in " ".join(word.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [(r"\s+" if char == " " else re.escape(char)) + build(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body  # greedy: the longer word is tried first

    return build(trie)


@dataclass(frozen=True, eq=False)
class Registry:
    """The registry tables (tidy DataFrames) and the lookups the extractor needs, computed once."""

    folder: Path
    units: pd.DataFrame
    supplements: pd.DataFrame
    forms: pd.DataFrame
    conversions: pd.DataFrame
    claim_types: pd.DataFrame

    # --- units ---------------------------------------------------------------------------------

    @cached_property
    def unit_by_surface(self) -> dict[str, tuple[str, str, float, str]]:
        """surface (lower case, single spaces) -> (unit, dimension, factor, report_as)."""
        return {s: (u, d, f, r) for s, u, d, f, r in
                self.units[["surface", "unit", "dimension", "factor", "report_as"]].itertuples(index=False)}

    @cached_property
    def _unit_info(self) -> dict[str, tuple[str, float]]:
        """canonical unit (and unit as reported, "tablespoons") -> (dimension, factor to its dimension's unit)."""
        info: dict[str, tuple[str, float]] = {}
        for unit, dimension, factor in self.units[["unit", "dimension", "factor"]].itertuples(index=False):
            if unit:
                info.setdefault(unit, (dimension, factor))
        return info

    def unit(self, surface: str) -> tuple[str, str, float, str] | None:
        """(unit, dimension, factor, report_as) of a surface form ("Milligrams" -> mg, mass, 1, mg)."""
        return self.unit_by_surface.get(_normal(surface))

    def dimension(self, unit: str) -> str:
        """The dimension of a canonical or reported unit ("mcg" -> mass, "%DV" -> percent_dv), "" if unknown;
        "/day" is ignored ("mg/day" -> mass)."""
        unit = unit.removesuffix("/day") if unit != "times/day" else unit
        if unit in self._unit_info:
            return self._unit_info[unit][0]
        found = self.unit(unit)
        return found[1] if found else ""

    def surfaces(self, *dimensions: str) -> list[str]:
        """Surface forms of the given dimensions (all but scale words when none is given), longest first."""
        table = self.units
        table = table[table["dimension"].isin(dimensions)] if dimensions else table[table["dimension"] != "scale"]
        return sorted(table["surface"], key=len, reverse=True)

    def unit_pattern(self, *dimensions: str) -> str:
        """The unit grammar, generated from units.csv: any surface form, longest first, not followed by a
        letter (so "g" does not match the start of "glycinate")."""
        return rf"(?:{trie_pattern(self.surfaces(*dimensions))})(?!(?![\d_])\w)"

    def to_unit(self, value: float, unit: str, to_unit: str, supplement: str | None = None) -> float | None:
        """`value` in `unit` expressed in `to_unit`: among units of one dimension by their factors (mg, mcg,
        g), across dimensions only through a conversions.csv row for that supplement (vitamin D IU <-> mcg).
        None when not convertible."""
        source, target = self._canonical(unit), self._canonical(to_unit)
        if source is None or target is None:
            return None
        if source == target:
            return value
        direct = self._within(value, source, target)
        if direct is not None:
            return direct
        if not supplement:
            return None
        rows = self.conversions[self.conversions["supplement"] == _normal(supplement)]
        for a, b, k in rows[["from_unit", "to_unit", "factor"]].itertuples(index=False):
            for start, end, factor in ((a, b, k), (b, a, 1 / k)):
                there = self._within(value, source, start)
                if there is not None:
                    back = self._within(there * factor, end, target)
                    if back is not None:
                        return back
        return None

    def _canonical(self, unit: str) -> str | None:
        if unit in self._unit_info:
            return unit
        found = self.unit(unit)
        return found[0] or None if found else None

    def _within(self, value: float, unit: str, to_unit: str) -> float | None:
        if unit == to_unit:
            return value
        (d1, f1), (d2, f2) = self._unit_info.get(unit, ("", math.nan)), self._unit_info.get(to_unit, ("", math.nan))
        if d1 and d1 == d2 and not math.isnan(f1) and not math.isnan(f2):
            return value * f1 / f2
        return None

    # --- claim types ----------------------------------------------------------------------------

    def dimensions_of(self, claim_type: str) -> frozenset[str]:
        """The dimensions a claim type accepts (claim_types.csv)."""
        rows = self.claim_types[self.claim_types["claim_type"] == claim_type]
        return frozenset(d for cell in rows["dimensions"] for d in cell.split("|") if d)

    # --- supplements and forms ------------------------------------------------------------------

    @cached_property
    def names(self) -> list[str]:
        """Canonical supplement names, in file order."""
        return list(dict.fromkeys(self.supplements["supplement"]))

    @cached_property
    def _by_surface(self) -> dict[str, tuple[str, str]]:
        """supplement name or synonym -> (supplement, form); a form surface that names one supplement
        on its own ("methylcobalamin", "vitamin d3") also counts."""
        found = {s: (supplement, "") for supplement, s in
                 self.supplements[["supplement", "surface"]].itertuples(index=False)}
        for surface, owners in self._form_owners.items():
            if len(owners) == 1 and found.get(surface, next(iter(owners.items())))[0] in owners:
                found[surface] = next(iter(owners.items()))
        return found

    @cached_property
    def _form_owners(self) -> dict[str, dict[str, str]]:
        """form surface -> {supplement: form}: "citrate" is a form of magnesium, zinc, calcium..."""
        owners: dict[str, dict[str, str]] = {}
        for supplement, form, surface in self.forms[["supplement", "form", "surface"]].itertuples(index=False):
            owners.setdefault(surface, {})[supplement] = form
        return owners

    @cached_property
    def mention_pattern(self) -> re.Pattern:
        """Any supplement name or synonym, optionally followed by one of its forms ("zinc picolinate"),
        or a standalone form ("glycinate"); case-insensitive, longest first."""
        heads = set(self._by_surface) - set(self.forms["surface"])
        heads |= set(self.forms.loc[self.forms["standalone"] == "yes", "surface"])
        heads |= set(self.supplements["surface"])
        forms = set(self.forms["surface"])
        head = trie_pattern(sorted(heads))
        tail = trie_pattern(sorted(forms))
        return re.compile(rf"(?<!\w)(?P<head>{head})(?:\s+(?P<tail>{tail}))?(?!\w)", re.IGNORECASE)

    @cached_property
    def lowered_mention_pattern(self) -> re.Pattern:
        """The mention pattern without IGNORECASE, for text lower-cased once (several times faster)."""
        return re.compile(self.mention_pattern.pattern)

    def identify(self, text: str, context_supplement: str = "") -> list[Mention]:
        """Supplement mentions in a text: (start, end, supplement, form), in text order, longest match first
        ("vitamin b12", never "vitamin b"). A bare form named by several supplements ("citrate") goes to
        `context_supplement` when that supplement has it, else to its only owner, else to ""."""
        lowered = text.lower()
        if len(lowered) == len(text):
            return self._mentions(lowered, self.lowered_mention_pattern, context_supplement)
        return self._mentions(text, self.mention_pattern, context_supplement)

    def _mentions(self, text: str, pattern: re.Pattern, context_supplement: str) -> list[Mention]:
        found: list[Mention] = []
        resolve, cache = self._resolve, self._resolved
        for m in pattern.finditer(text):
            head, tail = m.group(1), m.group(2)
            key = (head, tail, context_supplement)
            answer = cache.get(key)
            if answer is None:
                answer = cache[key] = resolve(head, tail, context_supplement)
            supplement, form, keep_tail = answer
            found.append((m.start(), m.end() if keep_tail else m.end(1), supplement, form))
        return found

    @cached_property
    def _resolved(self) -> dict:
        return {}

    def _resolve(self, head: str, tail: str | None, context_supplement: str) -> tuple[str, str, bool]:
        """(supplement, form, whether the tail is the supplement's form) for one match, computed once per spelling."""
        head = _normal(head)
        supplement, form = self._by_surface.get(head, ("", ""))
        if not supplement:  # a standalone form
            owners = self._form_owners.get(head, {})
            if context_supplement in owners:
                supplement, form = context_supplement, owners[context_supplement]
            elif len(owners) == 1:
                supplement, form = next(iter(owners.items()))
            else:
                form = next(iter(owners.values()), "") if len(set(owners.values())) == 1 else ""
        if tail:
            owners = self._form_owners.get(_normal(tail), {})
            if supplement in owners:
                return supplement, owners[supplement], True
            return supplement, form, False  # "magnesium sulfate" is not iron's sulfate: keep the head only
        return supplement, form, True

    def supplement_of(self, term: str, context_supplement: str = "") -> str:
        """The supplement a term names: "magnesium glycinate" and "glycinate" -> magnesium, "D3" -> vitamin d."""
        mentions = self.identify(term, context_supplement)
        return mentions[0][2] if mentions else ""

    @cached_property
    def _with_fractions(self) -> frozenset[str]:
        return frozenset(self.forms.loc[self.forms["elemental_fraction"].notna(), "supplement"])

    def has_elemental_fractions(self, supplement: str) -> bool:
        """Whether the supplement is sold as salts of known elemental fraction (a mineral: magnesium, zinc, iron,
        calcium), so that naming its form next to an amount says the amount is the compound's."""
        return supplement in self._with_fractions

    def elemental_fraction(self, supplement: str, form: str) -> float | None:
        """Mass fraction of the element in a salt (0.141 for magnesium glycinate), None when no cited source
        gives it."""
        rows = self.forms[(self.forms["supplement"] == _normal(supplement)) & (self.forms["form"] == _normal(form))]
        values = rows["elemental_fraction"].dropna()
        return float(values.iloc[0]) if len(values) else None


def _read(folder: Path, name: str, required: list[str], non_empty: list[str]) -> tuple[Path, pd.DataFrame]:
    path = folder / name
    table = read_data_csv(path, required=required, non_empty=non_empty)
    for column in table.columns:
        if column != "source":
            table[column] = table[column].str.strip()
    return path, table


def _read_units(folder: Path) -> pd.DataFrame:
    path, units = _read(folder, "units.csv", ["surface", "unit", "dimension", "factor", "source"],
                        ["surface", "dimension", "source"])
    units["surface"] = units["surface"].map(_normal)
    if "report_as" not in units.columns:
        units["report_as"] = units["unit"]
    units["report_as"] = units["report_as"].where(units["report_as"] != "", units["unit"])
    for index, dimension in units["dimension"].items():
        if dimension not in DIMENSIONS:
            raise _row_error(path, index, f"unknown dimension {dimension!r}; expected one of {sorted(DIMENSIONS)}")
        if dimension != "scale" and not units.at[index, "unit"]:
            raise _row_error(path, index, "'unit' is empty")
    units["factor"] = _number(path, units, "factor", allow_empty=True)
    for index in units.index[(units["dimension"] == "scale") & units["factor"].isna()]:
        raise _row_error(path, index, "a scale word needs its 'factor'")
    _no_duplicates(path, units, ["surface"])
    return units


def _read_supplements(folder: Path) -> pd.DataFrame:
    path, table = _read(folder, "supplements.csv", ["supplement", "kind", "surface", "source"],
                        ["supplement", "kind", "surface", "source"])
    table["supplement"], table["surface"] = table["supplement"].map(_normal), table["surface"].map(_normal)
    for index, kind in table["kind"].items():
        if kind not in KINDS:
            raise _row_error(path, index, f"'kind' must be name or synonym, not {kind!r}")
    named = set(table.loc[table["kind"] == "name", "supplement"])
    for index, supplement in table["supplement"].items():
        if supplement not in named:
            raise _row_error(path, index, f"supplement {supplement!r} has no 'name' row")
    _no_duplicates(path, table, ["surface"])
    return table


def _read_forms(folder: Path, supplements: pd.DataFrame) -> pd.DataFrame:
    path, table = _read(folder, "forms.csv", ["supplement", "form", "surface", "elemental_fraction", "source"],
                        ["supplement", "form", "surface", "source"])
    for column in ("supplement", "form", "surface"):
        table[column] = table[column].map(_normal)
    if "standalone" not in table.columns:
        table["standalone"] = "yes"
    table["standalone"] = table["standalone"].str.lower().replace("", "yes")
    known = set(supplements["supplement"])
    for index, row in table.iterrows():
        if row["supplement"] not in known:
            raise _row_error(path, index, f"unknown supplement {row['supplement']!r} (not in supplements.csv)")
        if row["standalone"] not in ("yes", "no"):
            raise _row_error(path, index, f"'standalone' must be yes or no, not {row['standalone']!r}")
    table["elemental_fraction"] = _number(path, table, "elemental_fraction", allow_empty=True, at_most=1)
    _no_duplicates(path, table, ["supplement", "surface"])
    return table


def _read_conversions(folder: Path, supplements: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    path, table = _read(folder, "conversions.csv", ["supplement", "from_unit", "to_unit", "factor", "source"],
                        ["supplement", "from_unit", "to_unit", "factor", "source"])
    table["supplement"] = table["supplement"].map(_normal)
    known_units = set(units["unit"]) | set(units["report_as"])
    for index, row in table.iterrows():
        if row["supplement"] not in set(supplements["supplement"]):
            raise _row_error(path, index, f"unknown supplement {row['supplement']!r} (not in supplements.csv)")
        for column in ("from_unit", "to_unit"):
            if row[column] not in known_units:
                raise _row_error(path, index, f"unknown unit {row[column]!r} in '{column}' (not in units.csv)")
    table["factor"] = _number(path, table, "factor", allow_empty=False)
    return table


def _read_claim_types(folder: Path) -> pd.DataFrame:
    path, table = _read(folder, "claim_types.csv", ["claim_type", "dimensions", "cues", "source"],
                        ["claim_type", "dimensions", "source"])
    for index, cell in table["dimensions"].items():
        unknown = [d for d in cell.split("|") if d not in DIMENSIONS]
        if unknown:
            raise _row_error(path, index, f"unknown dimension(s) {unknown}; expected among {sorted(DIMENSIONS)}")
    _no_duplicates(path, table, ["claim_type"])
    return table


@lru_cache(maxsize=8)
def _load(folder: str) -> Registry:
    path = Path(folder)
    units = _read_units(path)
    supplements = _read_supplements(path)
    forms = _read_forms(path, supplements)
    return Registry(folder=path, units=units, supplements=supplements, forms=forms,
                    conversions=_read_conversions(path, supplements, units), claim_types=_read_claim_types(path))


def load(folder: Path | None = None) -> Registry:
    """The registry of a folder (default `data/registry/`), read and validated once per folder."""
    return _load(str(Path(folder or FOLDER).resolve()))

"""Read the project's data CSVs (lexicons, cues, reference values) and validate them on the way in.

Users edit these files without touching code, so a mistake must be reported as
"file, row N: what is wrong", never as a traceback from deep inside pandas or `re`.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd


def read_data_csv(path: Path, required: Iterable[str], non_empty: Iterable[str] = (),
                  regex_columns: Iterable[str] = ()) -> pd.DataFrame:
    """A data table with its required columns present, key fields filled and patterns compilable."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: data file not found")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            records = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"{path}: cannot read as CSV ({error})") from None
    if not records:
        raise ValueError(f"{path}: empty file")
    header = records[0]
    for number, record in enumerate(records[1:], start=2):
        if record and len(record) != len(header):
            raise ValueError(f"{path}, row {number}: {len(record)} fields, expected {len(header)} "
                             "(quote a field that contains a comma)")
    table = pd.DataFrame([r for r in records[1:] if r], columns=header, dtype=str)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; found {list(table.columns)}")
    for column in non_empty:
        blank = table.index[table[column].str.strip() == ""]
        if len(blank):
            raise ValueError(f"{path}, row {blank[0] + 2}: '{column}' is empty")
    for column in regex_columns:
        for index, pattern in table[column].items():
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"{path}, row {index + 2}: bad pattern {pattern!r} in '{column}' ({error})") from None
    return table

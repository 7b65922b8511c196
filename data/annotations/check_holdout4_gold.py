#!/usr/bin/env python3
"""Check data/annotations/holdout4_gold.csv: columns, types, and text[start:end] == quote for every row."""
import csv, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
COLS = ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end",
        "supplement", "elemental", "times_per_day", "note"]
TYPES = {"dose", "absorption_rate", "deficiency_prevalence", "timing", "onset", "enzyme_count", "other"}
f = open(os.path.join(HERE, "holdout4_gold.csv"), newline="", encoding="utf-8")
rd = csv.DictReader(f)
assert rd.fieldnames == COLS, rd.fieldnames
man = list(csv.DictReader(open(os.path.join(HERE, "..", "holdout4", "manifest.csv"), newline="", encoding="utf-8")))
docs = {m["doc_id"] for m in man}
ok = bad = 0
cache = {}
for i, r in enumerate(rd, 2):
    d = r["doc_id"]
    if d not in cache:
        cache[d] = open(os.path.join(HERE, "..", "holdout4", d + ".txt"), encoding="utf-8").read()
    t = cache[d]
    s, e = int(r["start"]), int(r["end"])
    errs = []
    if t[s:e] != r["quote"]: errs.append("offsets")
    if r["claim_type"] not in TYPES: errs.append("type")
    if d not in docs: errs.append("doc not in manifest")
    if not (r["low"] or r["high"]): errs.append("no value")
    for v in (r["low"], r["high"]):
        if v:
            float(v)
    if r["low"] and r["high"] and float(r["low"]) > float(r["high"]): errs.append("low>high")
    if errs:
        bad += 1; print("line", i, d, errs, r["quote"][:60])
    else:
        ok += 1
print(f"{ok} rows OK, {bad} rows with errors; {len(cache)} docs with claims; {len(docs)} docs in manifest")
sys.exit(1 if bad else 0)

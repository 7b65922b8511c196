#!/usr/bin/env python3
"""Check every row of holdout5_gold_g.csv: text[start:end] == quote, columns, types, values."""
import csv, os
HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "holdout5")
COLS = ["doc_id","claim_type","subject","low","high","unit","quote","start","end","supplement","elemental","times_per_day","note"]
TYPES = {"dose","absorption_rate","deficiency_prevalence","timing","onset","enzyme_count","other"}
rows = list(csv.DictReader(open(os.path.join(HERE, "holdout5_gold_g.csv"), encoding="utf-8", newline="")))
assert list(rows[0].keys()) == COLS, rows[0].keys()
man = list(csv.DictReader(open(os.path.join(PAGES, "manifest_g.csv"), encoding="utf-8", newline="")))
assert list(man[0].keys()) == ["doc_id","file","title","publisher","kind","url","notes","supplement","fetched_from"]
docs = {m["doc_id"] for m in man}
bad = 0; per = {}
for n, r in enumerate(rows, 2):
    t = open(os.path.join(PAGES, r["doc_id"] + ".txt"), encoding="utf-8").read()
    s, e = int(r["start"]), int(r["end"])
    ok = t[s:e] == r["quote"] and r["claim_type"] in TYPES and r["doc_id"] in docs and r["unit"] and (r["low"] or r["high"])
    for v in (r["low"], r["high"]):
        if v: float(v)
    if not ok:
        bad += 1; print("BAD line", n, r)
    per[r["doc_id"]] = per.get(r["doc_id"], 0) + 1
for m in man:
    assert os.path.exists(os.path.join(PAGES, m["file"])), m
    assert m["doc_id"] in per and per[m["doc_id"]] >= 4, m["doc_id"]
print(f"{len(rows)} rows checked, {bad} bad; docs: {len(per)}; rows per doc: {per}")

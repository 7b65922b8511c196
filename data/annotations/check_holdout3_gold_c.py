#!/usr/bin/env python3
"""Check every gold row: text[start:end] == quote, columns exact, docs in manifest, files exist."""
import csv, os, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
gold = os.path.join(ROOT, "annotations", "holdout3_gold_c.csv")
man = os.path.join(ROOT, "holdout3", "manifest_c.csv")
GC = "doc_id,claim_type,subject,low,high,unit,quote,start,end,supplement,elemental,times_per_day,note".split(",")
MC = "doc_id,file,title,publisher,kind,url,notes,supplement,fetched_from".split(",")
TYPES = {"dose","absorption_rate","deficiency_prevalence","timing","onset","enzyme_count","other"}
err = 0
mrows = list(csv.DictReader(open(man, encoding="utf-8")))
assert list(mrows[0].keys()) == MC, "manifest columns"
docs = {}
for m in mrows:
    assert m["doc_id"] + ".txt" == m["file"] and m["fetched_from"] == "search pages corpus"
    docs[m["doc_id"]] = open(os.path.join(ROOT, "holdout3", m["file"]), encoding="utf-8").read()
rows = list(csv.DictReader(open(gold, encoding="utf-8")))
assert list(rows[0].keys()) == GC, "gold columns"
count = {}
last = {}
for r in rows:
    t = docs[r["doc_id"]]
    s, e = int(r["start"]), int(r["end"])
    if t[s:e] != r["quote"]:
        err += 1; print("MISMATCH", r["doc_id"], r["quote"][:50])
    if r["claim_type"] not in TYPES: err += 1; print("TYPE", r)
    if not (r["low"] or r["high"]): err += 1; print("NO VALUE", r)
    if r["low"] and r["high"] and float(r["low"]) > float(r["high"]): err += 1; print("LOW>HIGH", r)
    if s < last.get(r["doc_id"], 0): err += 1; print("ORDER", r["doc_id"], s)
    last[r["doc_id"]] = s
    count[r["doc_id"]] = count.get(r["doc_id"], 0) + 1
for d in docs:
    print(d, count.get(d, 0), "claims", "" if count.get(d, 0) >= 4 else "<4 !")
print(f"{len(rows)} rows checked, {err} errors")
sys.exit(1 if err else 0)

#!/usr/bin/env python3
"""Check holdout5_gold_f.csv: text[start:end] == quote for every row, and the columns."""
import csv, os, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "holdout5")
COLS = ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end",
        "supplement", "elemental", "times_per_day", "note"]
TYPES = {"dose", "absorption_rate", "deficiency_prevalence", "timing", "onset", "enzyme_count", "other"}
rows = list(csv.DictReader(open(os.path.join(HERE, "holdout5_gold_f.csv"), encoding="utf-8", newline="")))
bad = 0
with open(os.path.join(HERE, "holdout5_gold_f.csv"), encoding="utf-8") as f:
    header = f.readline().strip().split(",")
if header != COLS:
    print("bad header", header); bad += 1
man = list(csv.DictReader(open(os.path.join(PAGES, "manifest_f.csv"), encoding="utf-8", newline="")))
mcols = ["doc_id", "file", "title", "publisher", "kind", "url", "notes", "supplement", "fetched_from"]
if list(man[0].keys()) != mcols:
    print("bad manifest header"); bad += 1
docs = {m["doc_id"] for m in man}
for m in man:
    if not os.path.exists(os.path.join(PAGES, m["file"])) or m["file"] != m["doc_id"] + ".txt":
        print("manifest file problem", m["doc_id"]); bad += 1
for i, r in enumerate(rows, 2):
    text = open(os.path.join(PAGES, r["doc_id"] + ".txt"), encoding="utf-8").read()
    s, e = int(r["start"]), int(r["end"])
    if text[s:e] != r["quote"]:
        print(f"line {i}: offset mismatch {r['doc_id']}"); bad += 1
    if r["claim_type"] not in TYPES:
        print(f"line {i}: bad type"); bad += 1
    if not (r["low"] or r["high"]):
        print(f"line {i}: no value"); bad += 1
    for k in ("low", "high"):
        if r[k]:
            float(r[k])
    if r["low"] and r["high"] and float(r["low"]) > float(r["high"]):
        print(f"line {i}: low > high"); bad += 1
    if r["doc_id"] not in docs:
        print(f"line {i}: doc not in manifest"); bad += 1
per_doc = Counter(r["doc_id"] for r in rows)
for d in sorted(docs):
    print(f"{d}: {per_doc[d]} rows")
    if per_doc[d] < 4:
        print("  fewer than 4 claims"); bad += 1
print("types:", dict(Counter(r["claim_type"] for r in rows)))
print(f"{len(rows)} rows checked, {len(rows) - bad if bad <= len(rows) else 0} ok, {bad} problems")
sys.exit(1 if bad else 0)

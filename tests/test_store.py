"""Parquet results (one type per column in every batch) and pages files (Parquet, JSON Lines) as input."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import analysis, cli, paths, store
from claimcritique.corpus import page_id, plan_pages


def test_a_column_keeps_its_type_across_batches_with_gaps_and_empty_batches(tmp_path):
    whole = pd.DataFrame({"doc_id": ["a", "b"], "start": [3, 4], "low": [1, 2], "hedged": [True, False],
                          "added_later": [1, 2]})
    gappy = pd.DataFrame({"doc_id": ["c"], "start": [float("nan")], "low": [None], "hedged": [None],
                          "added_later": [float("nan")]})
    empty = whole.iloc[0:0]
    for batch, table in enumerate([whole, gappy, empty]):
        store.write_batch(tmp_path, "t", batch, table)
    schemas = {str(pq.read_schema(f)) for f in store.batch_files(tmp_path, "t")}
    assert len(schemas) == 1  # the empty batch too
    schema = pq.read_schema(store.batch_files(tmp_path, "t")[0])
    assert schema.field("start").type == pa.int64() and schema.field("low").type == pa.float64()
    assert schema.field("hedged").type == pa.bool_() and schema.field("added_later").type == pa.float64()
    back = store.read_table(tmp_path, "t")
    assert back["doc_id"].tolist() == ["a", "b", "c"]
    assert [str(v) for v in store.iter_batches(tmp_path, "t", nullable_int=True).__next__()["start"]] == ["3", "4"]
    as_csv = pd.concat(store.iter_batches(tmp_path, "t", nullable_int=True))[["start"]].to_csv(index=False)
    assert as_csv.splitlines() == ["start", "3", "4", '""']  # never "3.0"
    assert store.read_table(tmp_path, "t", columns=["doc_id"], filters=[("start", ">", 3)])["doc_id"].tolist() == ["b"]


def test_an_undeclared_column_empty_in_one_batch_takes_the_others_type(tmp_path):
    store.write_batch(tmp_path, "t", 0, pd.DataFrame({"doc_id": ["a"], "new_flag": pd.Series([None], dtype=object)}))
    store.write_batch(tmp_path, "t", 1, pd.DataFrame({"doc_id": ["b"], "new_flag": [True]}))
    back = store.read_table(tmp_path, "t")
    assert back["new_flag"].tolist()[1] is True and pd.isna(back["new_flag"].tolist()[0])
    assert len(pd.concat(store.iter_batches(tmp_path, "t"))) == 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-2**40, 2**40)), max_size=8),
       st.lists(st.one_of(st.none(), st.text(max_size=5)), min_size=0, max_size=8))
def test_declared_columns_round_trip(tmp_path_factory, numbers, texts):
    folder = tmp_path_factory.mktemp("round")
    quotes = (texts + [None] * 8)[:len(numbers)]
    table = pd.DataFrame({"start": pd.array(numbers, dtype="Int64"), "quote": pd.Series(quotes, dtype=object)})
    store.write_batch(folder, "t", 0, table)
    back = next(store.iter_batches(folder, "t", nullable_int=True))
    assert back["start"].tolist() == [pd.NA if v is None else v for v in numbers]
    assert [None if pd.isna(v) else v for v in back["quote"]] == quotes


def test_a_half_written_batch_is_never_read(tmp_path):
    store.write_batch(tmp_path, "t", 0, pd.DataFrame({"doc_id": ["a"]}))
    (store.table_folder(tmp_path, "t") / ".batch-00001.parquet.dead.partial").write_bytes(b"PAR1 half")
    assert store.read_table(tmp_path, "t")["doc_id"].tolist() == ["a"]


def _seed_pages() -> list[dict]:
    manifest = pd.read_csv(paths.MANIFEST, dtype=str, keep_default_na=False)
    pages = []
    for row in manifest.to_dict("records"):
        text = (paths.RAW / row["file"]).read_text(encoding="utf-8")
        url = row["url"] or f"https://example.org/seeds/{row['doc_id']}"
        pages.append({"url": url, "text": text, "title": row["title"], "publisher": row["publisher"],
                      "kind": row["kind"], "label": row["label"]})
    return pages


@pytest.mark.parametrize("kind", ["parquet", "jsonl"])
def test_a_pages_file_is_a_corpus_with_its_bad_rows_in_problems(tmp_path, kind):
    pages = _seed_pages()
    html = "<html><head><title>Sleep and magnesium</title></head><body><article><h1>Sleep and magnesium</h1>" + \
        "<p>Most adults take 200 to 400 mg of magnesium a day, and some studies report better sleep.</p>" * 6 + \
        "</article></body></html>"
    rows = [*pages, {"url": "https://example.org/a", "html": html}, {"url": "https://example.org/empty", "text": ""},
            {"doc_id": "given", "text": pages[0]["text"], "kind": "not-a-kind"}]
    path = tmp_path / f"pages.{kind}"
    if kind == "parquet":
        pq.write_table(pa.Table.from_pandas(pd.DataFrame(rows), preserve_index=False), path,
                       row_group_size=2)  # rows read by row group
    else:
        lines = [json.dumps(r) for r in rows]
        lines.insert(2, "{not json")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(path), "-o", str(out), "--no-progress"]) == 0
    written = analysis.read_results(out)
    docs = written.corpus.documents
    assert len(docs) == 6
    assert docs["doc_id"].tolist()[:4] == [page_id(p["url"], "") for p in pages]
    assert docs["doc_id"].tolist()[5] == "given" and docs["format"].tolist()[4] == "html"
    assert docs["label"].tolist()[:4] == [p["label"] for p in pages]
    problems = written["problems"]
    assert "empty page: no html or text" in problems["problem"].tolist()
    assert any("not-a-kind" in p for p in problems["problem"])
    if kind == "jsonl":
        assert any(p.startswith("line 3 is not JSON") for p in problems["problem"])
    seeds = analysis.analyze([paths.RAW])  # the same texts from files: the same claims
    by_page = written["claims"][written["claims"]["doc_id"].isin(docs["doc_id"][:4])]
    assert len(by_page) == len(seeds["claims"])
    assert by_page["quote"].tolist() == seeds["claims"]["quote"].tolist()
    assert (written["claims"]["doc_id"] == docs["doc_id"][4]).any()  # the HTML page's dose range


def test_a_pages_file_without_text_columns_is_a_problem(tmp_path):
    path = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist([{"url": "https://example.org/a", "body": "x"}]), path)
    planned, problems = plan_pages(path)
    assert planned == [] and "no 'html' or 'text' column" in problems[0]["problem"]


def test_page_ids_are_readable_and_distinct():
    a, b = page_id("https://www.example.org/a?x=1", ""), page_id("https://www.example.org/a?x=2", "")
    assert a.startswith("example.org-a-x-1_") and a != b and page_id("", "pages-3") == "pages-3"

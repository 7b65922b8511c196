"""The interactive explorer: pick a document, a claim type and a language category.

Every view is a plain function of the analysis results (`document_view`), so it runs and is tested
without widgets; `explore` only wires ipywidgets controls to it. Documents are offered by label.

The view is put into its Output widget by setting the widget's `outputs` (`append_display_data`),
never by capturing displays (`with output:` or `output.clear_output()`): a capture makes nbclient's
output-widget mimic send a comm message on the kernel's shell socket while it is waiting for the
cell's reply on that same socket, and that reply then never wakes the wait, which is why `jupyter
nbconvert --execute` stalled on this notebook (jupyter/nbclient#312).
"""
from __future__ import annotations

import pandas as pd

from . import language
from .analysis import Results

ALL = "(all)"
SCORE_COLUMNS = [("readability", "flesch_kincaid_grade"), ("readability", "flesch_reading_ease"),
                 ("language", "promo_index"), ("language", "hedge_per_1k"), ("language", "booster_per_1k"),
                 ("language", "disease_claims")]


def choices(results: Results) -> dict[str, list[str]]:
    """What the controls offer: documents (ids, and (label, id) pairs for the dropdown, which shows labels),
    claim types and language categories present in the results."""
    documents = results.corpus.documents
    labels = documents["label"] if "label" in documents.columns else documents["doc_id"]
    return {
        "document": documents["doc_id"].tolist(),
        "document_options": list(zip(labels, documents["doc_id"])),
        "claim_type": [ALL, *sorted(results["claims"]["claim_type"].unique())],
        "category": [ALL, *sorted(results["language_matches"]["category"].unique())],
    }


def scores_next_to_corpus(results: Results, doc_id: str) -> pd.DataFrame:
    """The document's readability and promotional scores beside the corpus median and its rank (for a large
    corpus's sample, median and rank over every document, asked of the Parquet files)."""
    if results.sample_of:
        return _scores_by_query(results, doc_id)
    rows = []
    for table, column in SCORE_COLUMNS:
        values = results[table].set_index("doc_id")[column].astype(float)
        rank = values.rank(ascending=False, method="min").get(doc_id)
        rows.append({"measure": column, "document": values.get(doc_id), "corpus median": values.median(),
                     "rank (1 = highest)": rank})  # NaN when the document is too short to score
    return pd.DataFrame(rows)


def _scores_by_query(results: Results, doc_id: str) -> pd.DataFrame:
    """Each score of the document, the median over every document and its rank, asked of the Parquet files: per
    table, the document's row, then one scan of its score columns for the medians and the counts above it."""
    from . import store

    by_table: dict[str, list[str]] = {}
    for table, column in SCORE_COLUMNS:
        by_table.setdefault(table, []).append(column)
    found: dict[str, dict] = {}
    with store.connect(results.folder, only=list(by_table)) as connection:
        for table, columns in by_table.items():
            values = [f'CAST("{c}" AS DOUBLE)' for c in columns]
            mine = connection.execute(f"SELECT {', '.join(values)} FROM {table} WHERE doc_id = ? LIMIT 1",
                                      [doc_id]).fetchone()
            mine = [None if v is None or pd.isna(v) else float(v) for v in (mine or [None] * len(columns))]
            aggregates = ", ".join(f"median({v}), count(*) FILTER (WHERE {v} > ?)" for v in values)
            row = connection.execute(f"SELECT {aggregates} FROM {table}", mine).fetchone()
            for i, column in enumerate(columns):
                found[column] = {"document": mine[i], "median": row[2 * i], "above": row[2 * i + 1]}
    rows = []
    for _, column in SCORE_COLUMNS:
        document = found[column]["document"]
        rows.append({"measure": column, "document": float("nan") if document is None else document,
                     "corpus median": found[column]["median"],
                     "rank (1 = highest)": float(found[column]["above"] + 1) if document is not None else float("nan")})
    return pd.DataFrame(rows)


def _with_document(results: Results, doc_id: str) -> Results:
    """The results holding this document's rows: these, or (a document outside a large corpus's sample) its rows
    read on demand from the Parquet files."""
    if doc_id in set(results.corpus.documents["doc_id"]) or results.folder is None:
        return results
    from .analysis import read_results

    one = read_results(results.folder, doc_ids=[doc_id])
    one.sample_of, one.outputs = results.sample_of, results.outputs
    return one


def document_view(results: Results, doc_id: str, claim_type: str = ALL, category: str = ALL) -> dict:
    """Reading view (HTML), claims table and scores for one document (read on demand when a large corpus's
    sample does not hold it), filtered by the controls."""
    scores = scores_next_to_corpus(results, doc_id)
    results = _with_document(results, doc_id)
    claims = results["claims"]
    claims = claims[claims["doc_id"] == doc_id]
    if claim_type != ALL:
        claims = claims[claims["claim_type"] == claim_type]
    matches = results["language_matches"]
    if category != ALL:
        matches = matches[matches["category"] == category]
    html = language.reading_view(results.corpus.text(doc_id), doc_id, results.corpus.sentences, matches, claims,
                                 results["claim_strength"])
    table = claims[["claim_type", "subject", "low", "high", "unit", "quote", "start", "end"]].reset_index(drop=True)
    documents = results.corpus.documents.set_index("doc_id")
    label = documents.at[doc_id, "label"] if "label" in documents.columns else doc_id
    return {"html": html, "claims": table, "scores": scores, "label": label,
            "title": documents.at[doc_id, "title"]}


def explore(results: Results):  # pragma: no cover - needs a live kernel; document_view is tested instead
    """ipywidgets controls over `document_view`."""
    import ipywidgets as widgets
    from IPython.display import HTML

    options = choices(results)
    document = widgets.Dropdown(options=options["document_options"], description="document")
    claim_type = widgets.Dropdown(options=options["claim_type"], description="claim type")
    category = widgets.Dropdown(options=options["category"], description="language")
    output = widgets.Output()

    def refresh(*_):
        view = document_view(results, document.value, claim_type.value, category.value)
        output.outputs = ()  # replaced, not captured: see the module's docstring
        for shown in (HTML(f"<h3>{_escape(view['label'])}</h3><p>{_escape(view['title'])}</p>"), view["scores"].round(2),
                      view["claims"],
                      HTML(view["html"])):
            output.append_display_data(shown)

    for control in (document, claim_type, category):
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([document, claim_type, category]), output])


def _escape(text: str) -> str:
    import html

    return html.escape(str(text))

"""The write-up: headline findings, tables formatted for reading, and one self-contained HTML report.

- `headlines(results)`: the sentences the notebooks state, each with its number, computed here (tested)
  rather than in notebook f-strings; `headlines_markdown` renders a chosen few as a bullet list.
- `readable_table` / `display_table`: a table for people: documents by label, numbers as people write
  them (no NaN, no "200.0"), quotes whole, left-aligned and wrapped, line breaks shown as "↵";
  `interactive=True` makes it sortable and searchable (itables with its bundled DataTables, offline).
- `write_report(results_folder, figures_folder, out_path)` (`claimcritique report`, `make report`): one
  HTML file with the headlines, every figure embedded with its caption, and the tables of documents,
  claims and findings with quotes and labels; it loads nothing from the network.
"""
from __future__ import annotations

import argparse
import base64
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from . import consistency, paths, plotting, readability, references
from .analysis import Results, read_shown

OFFSET_COLUMNS = ("start", "end", "sentence_id", "block_id", "first_block")
LINE_BREAK = " ↵ "  # a line break inside a quote, shown so the reader sees where the page broke the line


# --- headlines -----------------------------------------------------------------------------------------

def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _count_list(counts: pd.Series) -> str:
    return ", ".join(f"{n} {plotting.in_words(str(k))}" for k, n in counts.items())


def _in_articles(rows: pd.DataFrame, labels: Mapping[str, str], named: int = 4) -> str:
    """"in 2 articles (*A*, *B*)": how many documents `rows` come from, named (in italics: a label may hold a
    comma) when there are few."""
    doc_ids = list(dict.fromkeys(rows["doc_id"]))
    names = f" ({', '.join(f'*{labels.get(d, plotting.short_id(d))}*' for d in doc_ids)})" if len(doc_ids) <= named else ""
    return f"in {_plural(len(doc_ids), 'article')}{names}"


def _per_supplement(rows: pd.DataFrame, labels: Mapping[str, str], limit: bool = False) -> str:
    """"zinc: 2 in 1 article (A), over 40 mg/day; vitamin d: 1 in 1 article (B)": the rows counted per supplement
    (most first), with the documents and, for limits (`limit`), the reference values the findings name."""
    parts = []
    supplement = rows["supplement"].fillna("").replace("", "supplement not identified")
    for name, group in rows.groupby(supplement, sort=False):
        values = sorted(set(group["other_value"].fillna("")) - {""}) if limit else []
        parts.append((len(group), name, f"{name}: {len(group)} {_in_articles(group, labels)}"
                      + (f", over {' or '.join(values)}" if values else "")))
    return "; ".join(text for _, _, text in sorted(parts, key=lambda p: (-p[0], p[1])))


def _against_upper_limit(findings: pd.DataFrame, refs: pd.DataFrame) -> pd.Series:
    """Which findings were judged against an upper limit (every reference row they cite is one, by `basis`)."""
    upper = set(refs.loc[refs["basis"].isin(references.UPPER_BASES), "ref_id"])
    return findings["reference_id"].fillna("").map(
        lambda ids: bool(ids) and all(i.strip() in upper for i in str(ids).split(","))).astype(bool)


def finding_headlines(findings: pd.DataFrame, stances: pd.DataFrame, documents: pd.DataFrame,
                      refs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The headlines on the findings (key, notebook, sentence, value), each counted per supplement from the
    findings' own kinds, so nothing is said about a supplement the corpus has no claims about: contradictions,
    doses above the upper limit that applies (and, said apart, above it only if the amount is elemental, which
    the page does not say), outside every studied dose, conflicting with the cited evidence, unsupported; then
    `consistency.summary_sentences` per supplement (`supplement:<name>`) and the pages contradicting themselves."""
    refs = references.load_references() if refs is None else refs
    labels = plotting.document_labels(documents)
    rows = []

    def add(key: str, sentence: str, value: float | int | None) -> None:
        rows.append({"key": key, "notebook": "05", "sentence": sentence, "value": value})

    findings = findings.assign(supplement=findings["supplement"].fillna("")) if len(findings) else \
        pd.DataFrame(columns=consistency.FINDING_COLUMNS)
    kind = findings["kind"]
    contradictions = findings[kind == "contradiction"]
    topics = "; ".join(f"{s or 'supplement not identified'}: {', '.join(plotting.in_words(t) for t in sorted(set(g['topic'])))}"
                       for s, g in contradictions.groupby("supplement", sort=True))
    add("contradictions", f"**{_plural(len(contradictions), 'contradiction')}** between articles"
        + (f" (on {topics})." if topics else "."), len(contradictions))

    doses = findings[findings["topic"] == "dose"]
    upper = doses[_against_upper_limit(doses, refs)]
    above = upper[upper["kind"] == "exceeds_reference"]
    if len(above):
        add("above_ul", f"**{_plural(len(above), 'dose claim')}** above the upper limit that applies to them "
            f"({_per_supplement(above, labels, limit=True)}).", len(above))
    elif len(upper):
        add("above_ul", f"**No dose claim** above an upper limit ({_plural(len(upper), 'dose claim')} compared with "
            "one).", 0)
    else:
        add("above_ul", "**No dose claim** could be compared with an upper limit.", 0)
    unclear = upper[upper["kind"] == "unclear_basis"]
    if len(unclear):
        add("unclear_basis", f"**{_plural(len(unclear), 'dose claim')}** above the upper limit if the amount is "
            f"elemental; the page does not say ({_per_supplement(unclear, labels, limit=True)}).", len(unclear))
    outside = doses[doses["kind"] == "outside_studied_range"]
    if len(outside):
        add("outside_studied", f"**{_plural(len(outside), 'dose claim')}** outside every dose the cited studies used "
            f"({_per_supplement(outside, labels)}).", len(outside))
    against = findings[kind == "conflicts_with_evidence"]
    if len(against):
        per_topic = against.assign(supplement=against["supplement"].replace("", "supplement not identified")
                                   + " " + against["topic"].map(plotting.in_words))
        add("against_evidence", f"**{_plural(len(against), 'claim')}** against the cited evidence "
            f"({_per_supplement(per_topic, labels)}).", len(against))
    else:
        add("against_evidence", "**No claim** against the cited evidence.", 0)
    unsupported = findings[kind == "unsupported"]
    add("unsupported", f"**{_plural(len(unsupported), 'numeric claim')}** with no comparable reference value"
        + (f" ({_per_supplement(unsupported, labels)})." if len(unsupported) else "."), len(unsupported))

    sentences = consistency.summary_sentences(stances, findings, documents) if len(documents) else []
    supplements = sorted(set(stances.loc[(stances["supplement"].fillna("") != "")
                                         & (stances.get("role", "stance") == "stance"), "supplement"])) \
        if len(stances) else []
    for supplement, sentence in zip(supplements, sentences[:-2]):
        add(f"supplement:{supplement}", sentence, None)
    selves = findings[kind == "self_contradiction"]
    if sentences:
        add("self_contradictions", _relabel(sentences[-1], labels, set(selves["doc_id"])), selves["doc_id"].nunique())
    return pd.DataFrame(rows, columns=["key", "notebook", "sentence", "value"])


SECTIONS = ("corpus", "claims", "findings", "language", "readability", "naive")  # the order of the headlines
SECTION_OF = {"corpus": "corpus", "claims": "claims", "promotion": "language", "disease_claims": "language",
              "readability": "readability", "readability_band": "readability", "naive_gap": "naive"}  # else: findings


def _section(key: str) -> str:
    return SECTION_OF.get(key, "findings")


def headlines(results: Results, refs: pd.DataFrame | None = None, keys: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per headline: `key`, the `notebook` that shows the detail, the `sentence` (Markdown, numbers in
    bold) and its main `value`. Documents are named by label. Every number is counted from the results' tables.
    `keys`: only the sections holding these headlines are computed (the raw-page readability, `naive_gap`, costs
    textstat on every page; a notebook asks for a few at a time); each section is computed once per results."""
    wanted = SECTIONS if keys is None else [s for s in SECTIONS if s in {_section(k) for k in keys}]
    cache = vars(results).setdefault("_headlines", {}) if refs is None else {}
    refs = references.load_references() if refs is None else refs
    for section in wanted:
        if section not in cache:
            cache[section] = _headline_section(results, refs, section)
    return pd.concat([cache[s] for s in wanted] or [_rows([])], ignore_index=True)


def _rows(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["key", "notebook", "sentence", "value"])


def _headline_section(results: Results, refs: pd.DataFrame, section: str) -> pd.DataFrame:
    corpus = results.corpus
    docs = corpus.documents
    labels = plotting.document_labels(docs)
    rows = []

    def add(key: str, notebook: str, sentence: str, value: float | int | None) -> None:
        rows.append({"key": key, "notebook": notebook, "sentence": sentence, "value": value})

    if section == "corpus":
        kinds = docs["kind"].fillna("").replace("", "unknown").value_counts() if len(docs) else pd.Series(dtype=int)
        words = int(docs["words"].sum()) if len(docs) else 0
        add("corpus", "01", f"**{_plural(len(docs), 'article')}**, {words:,} words, cut into {len(corpus.blocks):,} blocks "
            f"and {len(corpus.sentences):,} sentences" + (f"; kinds of site: {_count_list(kinds)}." if len(kinds) else "."),
            len(docs))
    elif section == "claims":
        found = results["claims"]
        add("claims", "02", f"**{_plural(len(found), 'quantitative claim')}**"
            + (f" ({_count_list(found['claim_type'].value_counts())})." if len(found) else "."), len(found))
    elif section == "findings":
        return finding_headlines(results["consistency"], results["stances"], docs, refs)
    elif section == "language":
        lang = results["language"]
        ranked = lang.dropna(subset=["promo_index"]).sort_values("promo_index", ascending=False, kind="stable")
        if len(ranked):
            most, least = ranked.iloc[0], ranked.iloc[-1]
            hedged = lang.loc[lang["hedge_per_1k"].idxmax()]
            add("promotion", "04", f"Most promotional: **{labels.get(most['doc_id'], most['doc_id'])}** (promo index "
                f"{most['promo_index']:.1f}); least: **{labels.get(least['doc_id'], least['doc_id'])}** "
                f"({least['promo_index']:.1f}); most hedged: **{labels.get(hedged['doc_id'], hedged['doc_id'])}** "
                f"({hedged['hedge_per_1k']:.1f} hedges per 1,000 words).", float(most["promo_index"]))
            add("disease_claims", "04", f"**{_plural(int(lang['disease_claims'].sum()), 'disease claim')}**; an FDA "
                f"disclaimer in {int(lang['has_fda_disclaimer'].sum())} of {len(lang)} articles.",
                int(lang["disease_claims"].sum()))
    elif section == "readability":
        scores = results["readability"]
        band = references.readability_band(refs)
        scored = scores.dropna(subset=["flesch_kincaid_grade"])
        if len(scored):
            hardest = scored.loc[scored["flesch_kincaid_grade"].idxmax()]
            within = int((scored["flesch_kincaid_grade"] <= band["acceptable"]).sum())
            add("readability", "03", f"Hardest to read: **{labels.get(hardest['doc_id'], hardest['doc_id'])}** "
                f"(Flesch-Kincaid grade {hardest['flesch_kincaid_grade']:.1f}); patient materials should be at grade "
                f"{band['target']:g} or below.", float(hardest["flesch_kincaid_grade"]))
            add("readability_band", "03", f"**{within} of {len(scores)}** articles reach the acceptable band "
                f"(Flesch-Kincaid grade {band['acceptable']:g} or below)"
                + (f"; {len(scores) - len(scored)} too short to score." if len(scores) > len(scored) else "."), within)
        else:
            add("readability", "03", "No article is long enough to score for readability.", None)
    elif section == "naive" and results["readability"]["flesch_kincaid_grade"].notna().any():
        comparison = naive_comparison(results)
        fk = comparison[comparison["metric"] == "flesch_kincaid_grade"].pivot_table(
            index="doc_id", columns="method", values="value").dropna()
        if len(fk) and {"naive", "structure-aware"} <= set(fk.columns):
            gap = fk["naive"] - fk["structure-aware"]
            widest = gap.idxmax()
            add("naive_gap", "03", f"textstat on the raw page is furthest off for **{labels.get(widest, widest)}**: "
                f"grade {fk.at[widest, 'naive']:.1f} on the raw page, {fk.at[widest, 'structure-aware']:.1f} over its "
                "sentences.", float(gap.max()))
    return _rows(rows)


def naive_comparison(results: Results) -> pd.DataFrame:
    """`readability.naive_vs_structured` of the results (textstat on each raw page against our sentences), computed
    once per results: notebook 03's chart and table and the `naive_gap` headline read the same table."""
    cached = vars(results).get("_naive")
    if cached is None:
        corpus = results.corpus
        cached = vars(results)["_naive"] = readability.naive_vs_structured(corpus.documents, corpus.sentences,
                                                                            results["readability"])
    return cached.copy()


def headlines_markdown(results: Results, keys: Sequence[str] | None = None) -> str:
    """The chosen headlines (all by default) as a Markdown bullet list, in the order of `keys`; for a large
    corpus's sample, led by a line that says they count the sample (`corpus_summaries` count every document)."""
    table = headlines(results, keys=keys)
    if keys is not None:  # "supplements": every `supplement:<name>` row
        group = table["key"].str.partition(":")[0].replace("supplement", "supplements")
        table = pd.concat([table[(table["key"] == k) | (group == k)] for k in keys] or [table.iloc[:0]])
    lead = (f"*In the sample shown ({len(results.corpus.documents):,} of {results.sample_of:,} documents; the "
            "corpus-wide summaries count every document):*\n\n") if results.sample_of else ""
    return lead + "\n".join(f"- {sentence}" for sentence in table["sentence"])


# --- summaries of the whole corpus, asked of its Parquet files (for a corpus shown as a sample) ---------------

SUMMARY_ROWS = 30  # rows of a corpus-wide summary shown (the largest groups first)


def _verdict_counts() -> str:
    return ", ".join(f"count(*) FILTER (WHERE kind = '{kind}') AS \"{consistency.VERDICTS[kind]}\""
                     for kind in consistency.MATRIX_ORDER)


def corpus_summaries(results: Results, limit: int = SUMMARY_ROWS) -> dict[str, pd.DataFrame]:
    """Per supplement (documents, claims, dose claims and each verdict) and per publisher (documents, words, the
    median reading grade and promo index, disease claims), counted over every document of the corpus by DuckDB
    queries on the Parquet files, never loading a table: what a notebook shows of a corpus too large to list.
    Empty for results held in memory. Asked once per results, on one connection."""
    if results.folder is None:
        return {}
    if "_summaries" in vars(results) and limit == SUMMARY_ROWS:
        return dict(vars(results)["_summaries"])
    supplements, publishers = _queries(results.folder, ["claims", "consistency", "corpus", "readability", "language"], f"""
        WITH c AS (SELECT supplement, count(DISTINCT doc_id) AS documents, count(*) AS claims,
                          count(*) FILTER (WHERE claim_type = 'dose') AS "dose claims"
                   FROM claims WHERE coalesce(supplement, '') <> '' GROUP BY supplement),
             f AS (SELECT supplement, {_verdict_counts()} FROM consistency
                   WHERE coalesce(supplement, '') <> '' GROUP BY supplement)
        SELECT * FROM c LEFT JOIN f USING (supplement) ORDER BY documents DESC, supplement LIMIT {int(limit)}""", f"""
        SELECT coalesce(nullif(c.publisher, ''), '(not stated)') AS publisher, count(*) AS documents,
               sum(c.words) AS words, median(r.flesch_kincaid_grade) AS "median Flesch-Kincaid grade",
               median(l.promo_index) AS "median promo index", sum(l.disease_claims) AS "disease claims"
        FROM corpus c LEFT JOIN readability r USING (doc_id) LEFT JOIN language l USING (doc_id)
        GROUP BY 1 ORDER BY documents DESC, publisher LIMIT {int(limit)}""")
    summaries = {"per supplement (every document)": supplements.fillna(0),
                 "per publisher (every document; the largest first)": publishers}
    if limit == SUMMARY_ROWS:
        vars(results)["_summaries"] = dict(summaries)
    return summaries


def _queries(folder: Path, tables: Sequence[str], *sql: str) -> list[pd.DataFrame]:
    """Several DuckDB queries over some tables of a table folder, on one connection with views of those tables alone
    (binding a view reads every batch file's schema)."""
    from . import store

    with store.connect(folder, only=tables) as connection:
        return [connection.execute(one).df() for one in sql]


def group_summary(results: Results) -> pd.DataFrame:
    """`consistency.group_summary` (documents, claims and each verdict per supplement, topic and population) of
    the results, or, for a large corpus's sample, of every document (grouped DuckDB queries)."""
    if not results.sample_of:
        return consistency.group_summary(results["stances"], results["consistency"])
    keys = ["supplement", "topic", "population"]
    stated, verdicts = _queries(results.folder, ["stances", "consistency"], """
        SELECT supplement, topic, coalesce(population, '') AS population, count(DISTINCT doc_id) AS documents,
               count(*) AS claims
        FROM stances WHERE role = 'stance' AND coalesce(supplement, '') <> '' GROUP BY ALL""", """
        SELECT supplement, topic, coalesce(population, '') AS population, verdict, count(*) AS n
        FROM consistency GROUP BY ALL""")
    out = stated.set_index(keys).astype(float)
    if len(verdicts):
        out = out.join(verdicts.pivot_table(index=keys, columns="verdict", values="n", aggfunc="sum", fill_value=0),
                       how="left")
    return out.fillna(0).reset_index().sort_values(keys, ignore_index=True)


# --- the findings figures (notebook 05), per supplement ---------------------------------------------------------

FIGURE_TOPICS = {"dose": "dose_ranges", "absorption_rate": "absorption_vs_measured",
                 "deficiency_prevalence": "deficiency_vs_references"}


def figure_slug(supplement: str) -> str:
    """A supplement's name as it appears in a figure's file name: "vitamin d" -> "vitamin_d", "omega-3" -> "omega3"."""
    return re.sub(r"[^0-9a-z_]", "", supplement.lower().replace(" ", "_"))


def _sources(rows: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(rows["source"])) + f" (refs {', '.join(rows['ref_id'])})"


def supplement_figures(results: Results, topic: str, refs: pd.DataFrame | None = None,
                       prefix: str = "05") -> list[tuple[str, object, str]]:
    """(file name, figure, caption) for each supplement with claims on `topic` (dose, absorption_rate,
    deficiency_prevalence) and reference rows to set them against: its claims (`consistency.chart_rows`, coloured
    by verdict, documents by label) against its own bands, measured values or cited shares. Nothing for a
    supplement without such rows (its claims are `unsupported` in the findings table)."""
    refs = references.load_references() if refs is None else refs
    stances, findings = results["stances"], results["consistency"]
    style = plotting.document_style(results.corpus.documents)
    mine = stances[(stances["topic"] == topic) & (stances["supplement"].fillna("") != "")]
    out = []
    for supplement in sorted(set(mine["supplement"])):
        name = f"{prefix}_{FIGURE_TOPICS[topic]}_{figure_slug(supplement)}"
        if topic == "dose":
            bands = references.dose_bands(refs, supplement)
            rows = consistency.chart_rows(stances, findings, supplement, topic, bands["unit"].iloc[0]) \
                if len(bands) else pd.DataFrame()
            if bands.empty or rows.empty:
                continue
            figure = plotting.dose_bands_chart(rows, bands, supplement, **style)
            caption = (references.band_caption(bands) + " Claims: daily totals (per-serving amounts times servings "
                       "per day) from claims.csv, converted to the bands' unit and coloured by their verdict in "
                       f"consistency.csv; {len(rows)} claims shown (at most 40), most serious verdicts first.")
        else:
            cited = (references.measured_absorption(refs, supplement) if topic == "absorption_rate"
                     else references.prevalence_references(refs, supplement))
            rows = consistency.chart_rows(stances, findings, supplement, topic)
            if cited.empty or rows.empty:
                continue
            chart = plotting.absorption_chart if topic == "absorption_rate" else plotting.prevalence_chart
            figure = chart(rows, cited, supplement=supplement, **style)
            caption = (f"{supplement}: claims from claims.csv, coloured by their verdict in consistency.csv; in "
                       + ("orange, measured fractional absorption (it depends on dose, meal and method) from "
                          if topic == "absorption_rate" else "orange, cited shares (each labelled with what it "
                                                             "measures) from ") + _sources(cited) + ".")
        out.append((name, figure, caption))
    return out


def matrix_figure(results: Results, limit: int = 20) -> tuple[str, object, str]:
    """("05_claim_matrix", figure, caption): the verdict matrix of the documents with the most serious verdicts."""
    documents = results.corpus.documents
    matrix = consistency.claim_matrix(documents, results["stances"], results["consistency"])
    shown = consistency.top_documents(matrix, limit=limit)
    figure = plotting.verdict_matrix_chart(matrix.set_index("doc_id").loc[shown].reset_index(),
                                           **plotting.document_style(documents))
    which = f"all {len(shown)} documents" if len(shown) == len(documents) else \
        f"the {len(shown)} of {len(documents)} documents with the most serious verdicts"
    caption = (f"Verdicts for {which}, most serious first. Stances from claimcritique's claim extraction and stance "
               "patterns (data/lexicons/stances.csv); reference values from data/reference/reference_values.csv, each "
               "with its source and evidence tag; every verdict with its quote is in consistency.csv.")
    return "05_claim_matrix", figure, caption


# --- tables for reading ----------------------------------------------------------------------------------

def format_number(value: object) -> str:
    """A number as people write it: "" for a missing value, "200" not "200.0", "1,346", "0.67", "yes"/"no"."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"
    digits = 1 if abs(number) >= 10 else 2
    return f"{number:,.{digits}f}".rstrip("0").rstrip(".")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    text = str(value)
    return re.sub(r"\s*\n\s*", LINE_BREAK, text.strip()) if "\n" in text else text


def readable_table(df: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Every cell as the text a reader should see. `doc_id` (and `other`, when it names a document) become a
    `document` column of labels (the frame's own `label` column, else `labels`); column names in words."""
    table = df.copy()
    if "doc_id" in table:
        known = dict(labels or {})
        if "label" in table:
            known.update(dict(zip(table["doc_id"], table["label"].astype(str))))
            table = table.drop(columns=["label"])
        if known or labels is not None:
            name = lambda d: known.get(d, plotting.short_id(d)) if isinstance(d, str) else d  # noqa: E731
            table.insert(table.columns.get_loc("doc_id"), "document", table["doc_id"].map(name))
            if "other" in table:
                table["other"] = table["other"].map(lambda d: known.get(d, d) if isinstance(d, str) else d)
            if "detail" in table:  # a finding's detail names its own document and the other one
                others = df["other"] if "other" in df else pd.Series(None, index=df.index)
                table["detail"] = [_relabel(text, known, (d, o)) for text, d, o in zip(table["detail"], df["doc_id"], others)]
            table = table.drop(columns=["doc_id"])
    shown = pd.DataFrame(index=table.index)
    for column in table.columns:
        values = table[column]
        if str(column) in OFFSET_COLUMNS or str(column).endswith(("_start", "_end")):  # offsets, as code uses them
            shown[plotting.in_words(column)] = values.map(lambda v: "" if pd.isna(v) else str(int(v)))
        elif pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
            shown[plotting.in_words(column)] = values.map(format_number)
        else:
            shown[plotting.in_words(column)] = values.map(_text)
    return shown.reset_index(drop=True)


def _relabel(text: object, labels: Mapping[str, str], doc_ids: Iterable[object]) -> object:
    """`text` with each of `doc_ids` (the row's own document and the other one) replaced by its label."""
    if not isinstance(text, str):
        return text
    for doc_id in doc_ids:
        if isinstance(doc_id, str) and doc_id in labels and doc_id in text:
            text = text.replace(doc_id, labels[doc_id])
    return text


def _numeric_columns(df: pd.DataFrame, shown: pd.DataFrame) -> list[str]:
    """The shown columns that hold numbers (right-aligned), from the source frame's types."""
    numeric = {plotting.in_words(c) for c in df.columns
               if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])}
    return [c for c in shown.columns if c in numeric]


TABLE_CSS = """
table.cc-table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1.5em; }
table.cc-table th, table.cc-table td { text-align: left; vertical-align: top; padding: 0.25em 0.6em;
  border-bottom: 1px solid #ddd; white-space: normal; }
table.cc-table td.cc-number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.cc-table td.cc-quote { min-width: 18em; max-width: 42em; }
table.dataTable td:not(.dt-right), table.dataTable th { text-align: left !important; }
table.dataTable td, table.dataTable th { white-space: normal !important; vertical-align: top; }
"""
# inline as well as in TABLE_CSS: JupyterLab's and nbconvert's own table rules (right-aligned cells) win over a
# style sheet in an output, not over a cell's own style
CELL_STYLES = {"cc-text": "text-align: left; vertical-align: top; white-space: normal",
               "cc-quote": "text-align: left; vertical-align: top; white-space: normal; min-width: 18em; max-width: 42em",
               "cc-number": "text-align: right; vertical-align: top; white-space: nowrap"}
QUOTE_COLUMNS = ("quote", "other quote", "text", "detail", "title", "notes", "sentence")


class Table:
    """A table for reading, shown as HTML in Jupyter and in the report (`.html`), its cells in `.data`."""

    def __init__(self, data: pd.DataFrame, html_text: str):
        self.data = data
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html


def display_table(df: pd.DataFrame, labels: Mapping[str, str] | None = None, interactive: bool = False,
                  caption: str = "", page_length: int = 10) -> Table:
    """A table formatted for people (see `readable_table`). `interactive`: sortable and searchable, paged
    (itables' DataTables, offline: the page needs `interactive_tables()` once, as the report includes)."""
    shown = readable_table(df, labels)
    numbers = set(_numeric_columns(df, shown))
    if interactive:
        from itables import to_html_datatable

        targets = [i for i, c in enumerate(shown.columns) if c in numbers]
        options = {"caption": caption} if caption else {}  # itables refuses options set to None
        if targets:
            options["columnDefs"] = [{"className": "dt-right", "targets": targets}]
        body = to_html_datatable(shown, connected=False, showIndex=False, maxBytes=0, pageLength=page_length,
                                 classes="display compact cell-border", autoWidth=False, **options)
        return Table(shown, body)
    cells = []
    for _, row in shown.iterrows():
        tds = []
        for column, value in row.items():
            cls = "cc-number" if column in numbers else "cc-quote" if column in QUOTE_COLUMNS else "cc-text"
            tds.append(f'<td class="{cls}" style="{CELL_STYLES[cls]}">{html.escape(value)}</td>')
        cells.append("<tr>" + "".join(tds) + "</tr>")
    head = "".join(f'<th style="{CELL_STYLES["cc-text"]}">{html.escape(c)}</th>' for c in shown.columns)
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    body = (f"<style>{TABLE_CSS}</style><table class=\"cc-table\">{title}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(cells)}</tbody></table>")
    return Table(shown, body)


def interactive_tables_html() -> str:
    """The DataTables library, inlined (about 1 MB): what a page needs once for `display_table(interactive=True)`."""
    from itables import javascript, options

    return (javascript.read_package_file("html/init_datatables.html").replace(
        "import { set_or_remove_dark_class } from '" + javascript.UNPKG_DT_BUNDLE_URL_NO_VERSION + "';",
        "const { set_or_remove_dark_class } = await window." + javascript._itables_underscore_version() + ";")
        + javascript.generate_init_offline_itables_html(options.dt_bundle))


def interactive_tables():
    """In a notebook: load the DataTables library once, offline, so `display_table(..., interactive=True)` works
    (in JupyterLab and in the executed notebook's HTML)."""
    from IPython.display import HTML

    return HTML(interactive_tables_html())


# --- the notebooks, read with nbformat ---------------------------------------------------------------------

def notebook_index(notebooks: Iterable[Path]) -> pd.DataFrame:
    """Each notebook's file, title (its first heading) and question (the bold "**Question: ...**" it opens with)."""
    import nbformat

    rows = []
    for path in notebooks:
        cells = nbformat.read(path, as_version=4).cells
        text = cells[0].source if cells and cells[0].cell_type == "markdown" else ""
        title = text.splitlines()[0].lstrip("#").strip() if text else path.stem
        flat = " ".join(text.split())
        question = flat.partition("**Question: ")[2].partition("**")[0]
        rows.append({"file": path.name, "title": title, "question": question})
    return pd.DataFrame(rows, columns=["file", "title", "question"])


def notebook_index_markdown(notebooks: Iterable[Path]) -> str:
    return "\n".join(f"- [{row.title}]({row.file}): {row.question}"
                     for row in notebook_index(notebooks).itertuples(index=False))


def offsets_reproduce_text(corpus) -> bool:
    """Whether every sentence's `start`:`end` slice of its document's text is its text (what 01 states)."""
    texts = corpus.texts
    return all(texts[d][s:e] == t for d, s, e, t in
               corpus.sentences[["doc_id", "start", "end", "text"]].itertuples(index=False))


def sentence_lengths(sentences: pd.DataFrame) -> pd.DataFrame:
    """Words per sentence by document and kind of block: count, mean, median, longest."""
    from .segment import count_words

    words = sentences.assign(words=sentences["text"].map(count_words))
    summary = words.groupby(["doc_id", "block_kind"])["words"].agg(["count", "mean", "median", "max"])
    return summary.rename(columns={"count": "sentences", "mean": "mean words", "median": "median words",
                                   "max": "longest"}).reset_index()


# --- the HTML report -----------------------------------------------------------------------------------------

REPORT_CSS = """
body { font-family: "DejaVu Sans", "Droid Sans Fallback", sans-serif; max-width: 72em; margin: 2em auto; padding: 0 1em;
  line-height: 1.45; color: #222; }
h1 { font-size: 1.8em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5em; }
figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; max-width: 60em; }
.cc-question { color: #555; font-style: italic; }
"""
_SVG = {"svg": "http://www.w3.org/2000/svg", "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "cc": "http://creativecommons.org/ns#"}


def figure_caption(svg: Path) -> str:
    """The caption `save_figure` stored as the SVG's description (empty when none)."""
    try:
        root = ET.parse(svg).getroot()
    except ET.ParseError:
        return ""
    found = root.find(".//dc:description", _SVG)
    return (found.text or "").strip() if found is not None else ""


def _markdown_inline(text: str) -> str:
    """The headlines' Markdown (bold, italics, code) as HTML."""
    escaped = html.escape(text)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"\*(.+?)\*", r"<em>\1</em>", escaped)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)


def _figures_html(figures_folder: Path, notebooks: pd.DataFrame) -> str:
    titles = {row.file[:2]: row for row in notebooks.itertuples(index=False)}
    parts, section = [], None
    for svg in sorted(Path(figures_folder).glob("*.svg")):
        prefix = svg.name[:2]
        if prefix != section:
            section = prefix
            nb = titles.get(prefix)
            parts.append(f"<h3>{html.escape(nb.title if nb else prefix)}</h3>"
                         + (f'<p class="cc-question">{html.escape(nb.question)}</p>' if nb and nb.question else ""))
        data = base64.b64encode(svg.read_bytes()).decode("ascii")
        caption = figure_caption(svg)
        parts.append(f'<figure id="{html.escape(svg.stem)}"><img alt="{html.escape(svg.stem)}" '
                     f'src="data:image/svg+xml;base64,{data}"><figcaption><strong>{html.escape(svg.stem)}.</strong> '
                     f"{html.escape(caption)}</figcaption></figure>")
    return "\n".join(parts) if parts else "<p>No figures in this folder: run the notebooks first (<code>make run</code>).</p>"


def report_tables(results: Results) -> dict[str, pd.DataFrame]:
    """The report's tables, with the columns a reader needs: the documents, every claim, every finding that is
    not an agreement."""
    docs = results.corpus.documents
    labels = plotting.document_labels(docs)
    documents = docs.assign(label=docs["doc_id"].map(labels))
    documents = documents[[c for c in ["doc_id", "label", "title", "publisher", "kind", "url", "file", "words"]
                           if c in documents]]
    claims = results["claims"][["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end"]]
    claims = claims.assign(claim_type=claims["claim_type"].map(plotting.in_words))
    findings = results["consistency"]
    findings = findings[findings["kind"] != "agreement"][["doc_id", "topic", "kind", "other", "detail", "quote",
                                                          "other_quote", "start", "end"]]
    findings = findings.assign(topic=findings["topic"].map(plotting.in_words), kind=findings["kind"].map(plotting.in_words))
    return {"documents": documents, "claims": claims, "findings": findings}


def report_html(results: Results, figures_folder: Path, notebooks_folder: Path | None = None,
                title: str = "claimcritique: what the articles claim, and whether it holds up") -> str:
    """The whole report as one HTML string (see `write_report`)."""
    from .notebooks import notebook_files

    notebooks = notebook_index(notebook_files(notebooks_folder) if notebooks_folder else notebook_files())
    labels = plotting.document_labels(results.corpus.documents)
    tables = report_tables(results)
    lines = "".join(f"<li>{_markdown_inline(s)}</li>" for s in headlines(results)["sentence"])
    shown = len(results.corpus.documents)
    sample = (f"<p><em>A sample of {shown:,} of {results.sample_of:,} articles (whole batches spread over the corpus): "
              "the headlines, figures and tables below show the sample; the summaries after the headlines count every "
              "article.</em></p>") if results.sample_of else ""
    summaries = [(f"Over every article: {title}", display_table(table).html)
                 for title, table in corpus_summaries(results).items()] if results.sample_of else []
    if results.sample_of:
        summaries.append(("Over every article: documents, claims and verdicts per supplement, topic and population",
                          display_table(group_summary(results), interactive=True).html))
    sections = [
        ("Headline findings", sample + f"<ul>{lines}</ul>"),
        *summaries,
        ("The articles" + (" (the sample)" if results.sample_of else ""), display_table(tables["documents"], labels).html),
        ("Figures", _figures_html(figures_folder, notebooks)),
        ("Every quantitative claim, with its quote" + (" (the sample's)" if results.sample_of else ""),
         "<p><code>start</code>–<code>end</code> are character offsets of the quote in the article's text; "
         "↵ marks a line break in the page.</p>" + display_table(tables["claims"], labels, interactive=True).html),
        ("Findings: contradictions and claims against the references" + (" (the sample's)" if results.sample_of else ""),
         display_table(tables["findings"], labels, interactive=True).html),
    ]
    body = "\n".join(f"<h2>{html.escape(name)}</h2>\n{content}" for name, content in sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{REPORT_CSS}{TABLE_CSS}</style>{interactive_tables_html()}</head><body>"
            f"<h1>{html.escape(title)}</h1>\n<p>{results.sample_of or shown:,} articles read by claimcritique. Every "
            "number below comes from a quote in an article (with its offsets) or from a cited reference value "
            "(data/reference/).</p>\n" + body + "</body></html>\n")


def write_report(results_folder: Path, figures_folder: Path, out_path: Path,
                 notebooks_folder: Path | None = None) -> Path:
    """One self-contained HTML write-up of the tables `claimcritique analyze` wrote to `results_folder` and the
    figures the notebooks saved in `figures_folder`: headlines, figures (embedded) with captions, tables of
    documents, claims and findings. It opens offline: nothing is loaded from the network. A corpus too large to
    list (`analysis.read_shown`) is shown as a sample, with summaries of every document asked of its Parquet files:
    no table is read whole."""
    results_folder = Path(results_folder)
    try:
        results = read_shown(results_folder)
    except FileNotFoundError as error:
        raise FileNotFoundError(f"{results_folder}: no tables; run `claimcritique analyze CORPUS -o "
                                f"{results_folder}` first") from error
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(report_html(results, Path(figures_folder), notebooks_folder), encoding="utf-8")
    return out_path


def write_notebooks_html(executed: Path, folder: Path) -> list[Path]:
    """The executed notebooks (with their outputs) as HTML pages in `folder`, for reading without Jupyter."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    written = []
    for notebook in sorted(Path(executed).glob("[0-9][0-9]_*.ipynb")):
        body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
        target = Path(folder) / f"{notebook.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """`claimcritique report`: the HTML write-up of a corpus's last run (tables, figures, executed notebooks)."""
    parser = argparse.ArgumentParser(prog="claimcritique report", description=write_report.__doc__)
    parser.add_argument("--corpus", metavar="PATH", help="the corpus whose results to write up (default: the one "
                        "`claimcritique analyze` last wrote, else data/raw)")
    parser.add_argument("-o", "--output", help="the HTML file (default build/report/[corpus name/]claimcritique.html)")
    parser.add_argument("--tables", help="the corpus's table folder (default: where `claimcritique analyze` wrote it)")
    parser.add_argument("--figures", help="the corpus's figure folder (default: where the notebooks saved them)")
    parser.add_argument("--notebooks", action=argparse.BooleanOptionalAction, default=True,
                        help="also write the executed notebooks as HTML beside the report (default: yes)")
    parser.add_argument("--only-if-current", action="store_true",
                        help="write nothing and exit with status 3 unless the corpus's tables are those of its current "
                             "files and its notebooks have saved figures (what `make report` checks before reusing "
                             "the last `make run`)")
    args = parser.parse_args(argv)
    from .analysis import resolve_corpus, tables_are_current

    chosen = resolve_corpus(args.corpus)
    out = paths.outputs(chosen)
    target = Path(args.output) if args.output else paths.BUILD / "report" / out.name / "claimcritique.html"
    figures = Path(args.figures or out.figures)
    if args.tables is None and (Path(out.tables).is_dir() or args.only_if_current):
        current = tables_are_current(chosen)
        if args.only_if_current and not (current and any(figures.glob("*.svg"))):
            print(f"claimcritique: no current run of {', '.join(map(str, out.corpus))} to reuse (its tables are missing "
                  "or older than its files, or no figures were saved)", file=sys.stderr)
            return 3
        if not current:
            print(f"claimcritique: warning: the tables in {out.tables} are not those of the corpus's current files; "
                  "`make run` (or `make report RERUN=1`) analyses it again", file=sys.stderr)
    try:
        written = write_report(Path(args.tables or out.tables), figures, target)
    except (FileNotFoundError, EOFError) as error:
        print(f"claimcritique: error: {error}", file=sys.stderr)
        return 1
    pages = write_notebooks_html(out.notebooks, written.parent) if args.notebooks and out.notebooks.is_dir() else []
    print(f"claimcritique: report written to {written}" + (f", with {len(pages)} notebooks beside it" if pages else ""),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The write-up: headlines counted from the tables, tables formatted for people, one self-contained HTML report."""
from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from claimcritique import analysis, cli, consistency, paths, plotting, report
from claimcritique.corpus import load_corpus

# what a page would fetch from the network: an external script, style sheet, image, CSS url or module import
FETCHES = re.compile(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//|url\(["']?(https?:)?//"""
                     r"""|import\s[^;]*from\s*['"](https?:)?//|import\(\s*['"](https?:)?//""")


@pytest.fixture(scope="module")
def seeds_results():
    return analysis.analyze([paths.RAW])


@pytest.fixture(scope="module")
def report_inputs(seeds_results, tmp_path_factory):
    """What `make report` reads: the tables `analyze` wrote and figures the notebooks saved (two of them here)."""
    folder = tmp_path_factory.mktemp("run")
    analysis.write_results(seeds_results, folder / "processed", key="test")
    plotting.set_style()
    style = plotting.document_style(seeds_results.corpus.documents)
    plotting.save_figure(plotting.promo_index_chart(seeds_results["language"], **style), "04_promo_index",
                         folder / "figures", caption="Source: the language table (data/lexicons/language_terms.csv).")
    plotting.save_figure(plotting.block_kind_chart(seeds_results.corpus.blocks, **style), "01_block_kinds",
                         folder / "figures", caption="Source: claimcritique's segmentation of each article.")
    return folder


def test_headlines_state_the_numbers_of_the_tables(seeds_results):
    table = report.headlines(seeds_results)
    by_key = table.set_index("key")
    findings, lang = seeds_results["consistency"], seeds_results["language"]
    labels = plotting.document_labels(seeds_results.corpus.documents)
    assert by_key.at["corpus", "value"] == len(seeds_results.corpus.documents) == 4
    assert by_key.at["claims", "value"] == len(seeds_results["claims"])
    assert by_key.at["contradictions", "value"] == (findings["kind"] == "contradiction").sum()
    contradictions = (findings["kind"] == "contradiction").sum()
    assert f"**{contradictions} contradiction{'' if contradictions == 1 else 's'}**" in by_key.at["contradictions", "sentence"]
    assert by_key.at["above_ul", "value"] == (findings["kind"] == "exceeds_reference").sum()
    most = lang.loc[lang["promo_index"].idxmax(), "doc_id"]
    assert f"Most promotional: **{labels[most]}**" in by_key.at["promotion", "sentence"]
    assert most.startswith("002")  # the vendor page, as the README says
    assert "grade 20.1 on the raw page, 11.2 over its sentences" in by_key.at["naive_gap", "sentence"]
    for sentence in table["sentence"]:
        assert "nan" not in sentence.lower() and "_" not in re.sub(r"`[^`]*`", "", sentence), sentence
    assert set(table["notebook"]) <= {"01", "02", "03", "04", "05"}


def test_headlines_of_a_corpus_too_short_to_score(tmp_path):
    (tmp_path / "short.txt").write_text("Take 200 mg of magnesium daily.\n", encoding="utf-8")
    results = analysis.analyze([tmp_path])
    table = report.headlines(results).set_index("key")
    assert table.at["readability", "sentence"] == "No article is long enough to score for readability."
    assert table.at["corpus", "sentence"].startswith("**1 article**, 6 words")
    markdown = report.headlines_markdown(results, ["claims", "readability"])
    assert markdown.splitlines() == ["- **1 quantitative claim** (1 dose).",
                                     "- No article is long enough to score for readability."]


def test_numbers_are_formatted_for_people():
    assert report.format_number(200.0) == "200"
    assert report.format_number(6157) == "6,157"
    assert report.format_number(float("nan")) == ""
    assert report.format_number(11.2345) == "11.2"
    assert report.format_number(0.6667) == "0.67"
    assert report.format_number(True) == "yes"


def test_tables_show_labels_whole_quotes_and_visible_line_breaks():
    quote = "68%\n\nAdults 19-30 fall short of the recommended intake of magnesium from food, a long quote " * 3
    df = pd.DataFrame({"doc_id": ["002_x"], "subject": ["adults"], "low": [68.0], "high": [float("nan")],
                       "unit": ["%"], "quote": [quote], "other": ["002_x"], "detail": ["002_x says 68%"]})
    table = report.display_table(df, {"002_x": "Trusted Supplements"})
    cells = table.data.iloc[0]
    assert list(table.data.columns[:2]) == ["document", "subject"] and "doc id" not in table.data.columns
    assert cells["document"] == "Trusted Supplements" and cells["other"] == "Trusted Supplements"
    assert cells["detail"] == "Trusted Supplements says 68%"
    assert cells["low"] == "68" and cells["high"] == ""
    assert "↵" in cells["quote"] and "\n" not in cells["quote"] and "…" not in cells["quote"]
    assert cells["quote"].count("Adults") == 3  # whole, not cut
    assert 'class="cc-quote"' in table.html and "text-align: left" in table.html
    assert re.search(r'class="cc-number" style="text-align: right[^"]*">68<', table.html)
    assert re.search(r'class="cc-quote" style="text-align: left[^"]*">68%', table.html)


def test_interactive_tables_need_no_network():
    table = report.display_table(pd.DataFrame({"doc_id": ["a"], "low": [1.0]}), {"a": "A page"}, interactive=True)
    assert "A page" in table.html and "<script" in table.html
    library = report.interactive_tables_html()
    assert len(library) > 100_000  # DataTables itself, inlined
    for page in (table.html, library):
        assert not FETCHES.search(page)


def test_notebook_index_reads_titles_and_questions_with_nbformat(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · The corpus\n\n**Question: what are we\nreading?** More text.")]
    nbformat.write(nb, tmp_path / "01_corpus.ipynb")
    index = report.notebook_index([tmp_path / "01_corpus.ipynb"])
    assert index.to_dict("records") == [{"file": "01_corpus.ipynb", "title": "01 · The corpus",
                                         "question": "what are we reading?"}]


def test_offsets_and_sentence_lengths(seeds_results):
    assert report.offsets_reproduce_text(seeds_results.corpus)
    lengths = report.sentence_lengths(seeds_results.corpus.sentences)
    assert lengths["sentences"].sum() == len(seeds_results.corpus.sentences)


def test_report_is_one_self_contained_file_with_figures_captions_headlines_and_tables(report_inputs, seeds_results,
                                                                                     tmp_path):
    out = report.write_report(report_inputs / "processed", report_inputs / "figures", tmp_path / "report.html")
    page = out.read_text(encoding="utf-8")
    assert page.count('src="data:image/svg+xml;base64,') == 2
    assert "Source: the language table (data/lexicons/language_terms.csv)." in page  # the caption, under its figure
    assert page.index("01_block_kinds") < page.index("04_promo_index")
    headline = report.headlines(seeds_results)["sentence"].iloc[2]
    assert report._markdown_inline(headline) in page
    labels = plotting.document_labels(seeds_results.corpus.documents)
    quote = seeds_results["claims"]["quote"].iloc[0]
    assert report._text(quote) in page or report._text(quote).replace("'", "&#x27;") in page
    for label in labels.values():
        assert label in page
    assert not FETCHES.search(page)


def test_report_command(report_inputs, tmp_path, capsys):
    out = tmp_path / "r" / "claimcritique.html"
    assert cli.main(["report", "--tables", str(report_inputs / "processed"), "--figures",
                     str(report_inputs / "figures"), "-o", str(out), "--no-notebooks"]) == 0
    assert out.exists() and "report written" in capsys.readouterr().err
    assert cli.main(["report", "--tables", str(tmp_path / "nothing"), "-o", str(tmp_path / "x.html"),
                     "--no-notebooks"]) == 1
    assert "claimcritique analyze" in capsys.readouterr().err


def test_documents_table_names_each_document_once(seeds_results):
    documents = report.report_tables(seeds_results)["documents"]
    assert documents["label"].is_unique and len(documents) == len(load_corpus([paths.RAW]).documents)


def test_executed_notebooks_are_written_as_html_beside_the_report(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · A title"), cell]
    (tmp_path / "executed").mkdir()
    nbformat.write(nb, tmp_path / "executed" / "01_a.ipynb")
    (tmp_path / "out").mkdir()
    [page] = report.write_notebooks_html(tmp_path / "executed", tmp_path / "out")
    assert page.name == "01_a.html" and "A title" in page.read_text(encoding="utf-8")


def _finding(doc_id, kind, supplement, reference_id, topic="dose", other_value=""):
    return {"topic": topic, "kind": kind, "doc_id": doc_id, "other": reference_id, "detail": "", "quote": "q",
            "other_quote": "", "subject": "adults", "value": "", "other_value": other_value, "start": 0, "end": 1,
            "supplement": supplement, "verdict": consistency.VERDICTS[kind], "reference_id": reference_id,
            "population": "adults (general)", "basis": ""}


def test_finding_headlines_are_per_supplement_and_never_name_one_the_corpus_lacks():
    """A made-up zinc and vitamin D corpus: every sentence counts its own supplements' findings."""
    documents = pd.DataFrame({"doc_id": ["z1", "z2", "d1"], "label": ["Zinc, Daily", "Zinc Shop", "Sun Drops"]})
    findings = pd.DataFrame([
        _finding("z1", "exceeds_reference", "zinc", "zinc_ul_adults_iom2001", other_value="40 mg/day"),
        _finding("z1", "exceeds_reference", "zinc", "zinc_ul_adults_iom2001", other_value="40 mg/day"),
        _finding("d1", "exceeds_reference", "vitamin d", "vitd_ul_adults_iom2011", other_value="4000 IU/day"),
        _finding("z2", "unclear_basis", "zinc", "zinc_ul_adults_iom2001", other_value="40 mg/day"),
        _finding("z2", "agreement", "zinc", "zinc_ul_adults_iom2001"),
        _finding("d1", "unclear_basis", "vitamin d", "vitd_rda_adults_19_50_iom2011"),  # against an RDA, not a limit
        _finding("d1", "unsupported", "vitamin d", ""),
    ], columns=consistency.FINDING_COLUMNS)
    stances = pd.DataFrame({"doc_id": ["z1", "z1", "z2", "z2", "d1", "d1", "d1"], "topic": "dose",
                            "supplement": ["zinc"] * 4 + ["vitamin d"] * 3, "stance": "x", "quote": "q"})
    table = report.finding_headlines(findings, stances, documents).set_index("key")
    above = table.at["above_ul", "sentence"]
    assert above.startswith("**3 dose claims** above the upper limit that applies to them")
    assert "zinc: 2 in 1 article (*Zinc, Daily*), over 40 mg/day" in above
    assert "vitamin d: 1 in 1 article (*Sun Drops*), over 4000 IU/day" in above
    assert table.at["above_ul", "value"] == 3
    unclear = table.at["unclear_basis", "sentence"]
    assert unclear.startswith("**1 dose claim** above the upper limit if the amount is elemental; the page does not say")
    assert "zinc: 1 in 1 article (*Zinc Shop*)" in unclear and "vitamin d" not in unclear
    assert "vitamin d: 1" in table.at["unsupported", "sentence"]
    assert {"supplement:vitamin d", "supplement:zinc"} <= set(table.index)
    assert "contradict" in table.at["self_contradictions", "sentence"]
    for sentence in table["sentence"]:
        assert "magnesium" not in sentence.lower() and "350" not in sentence, sentence


def test_no_upper_limit_finding_says_whether_anything_was_compared():
    documents = pd.DataFrame({"doc_id": ["a"], "label": ["A"]})
    stances = pd.DataFrame({"doc_id": ["a"], "topic": "dose", "supplement": "collagen", "stance": "x", "quote": "q"})
    none = report.finding_headlines(pd.DataFrame([_finding("a", "unsupported", "collagen", "")]), stances, documents)
    assert none.set_index("key").at["above_ul", "sentence"] == "**No dose claim** could be compared with an upper limit."
    within = report.finding_headlines(pd.DataFrame([_finding("a", "agreement", "zinc", "zinc_ul_adults_iom2001")]),
                                      stances.assign(supplement="zinc"), documents)
    assert within.set_index("key").at["above_ul", "sentence"] == ("**No dose claim** above an upper limit (1 dose claim "
                                                                  "compared with one).")


def test_seed_headlines_name_the_seeds_findings_by_supplement(seeds_results):
    table = report.headlines(seeds_results).set_index("key")
    findings = seeds_results["consistency"]
    above = findings[(findings["kind"] == "exceeds_reference")]
    assert table.at["above_ul", "value"] == len(above) > 0
    assert "magnesium: " in table.at["above_ul", "sentence"] and "over 350 mg/day" in table.at["above_ul", "sentence"]
    assert table.at["unclear_basis", "value"] == ((findings["kind"] == "unclear_basis")
                                                  & findings["reference_id"].str.startswith("ul_")).sum()
    assert "*Trusted Supplements*" in table.at["against_evidence", "sentence"]
    markdown = report.headlines_markdown(seeds_results, ["supplements", "above_ul"])
    assert markdown.splitlines()[0].startswith("- **magnesium** (4 of 4 documents)")
    assert len(markdown.splitlines()) == 2


def test_interactive_table_without_numbers_or_caption():
    table = report.display_table(pd.DataFrame({"doc_id": ["a"], "quote": ["Take it with food."]}), {"a": "A page"},
                                 interactive=True)
    assert "A page" in table.html and "Take it with food." in table.html


def test_make_report_reuses_a_current_run_and_asks_for_one_otherwise(tmp_path, monkeypatch, capsys):
    """`claimcritique report --only-if-current` (what `make report` asks before reusing `make run`): status 3 with
    no tables, with tables but no figures, or with tables older than the files; 0, and the report, once all are there."""
    monkeypatch.setenv("CLAIMCRITIQUE_PROCESSED", str(tmp_path / "processed"))
    monkeypatch.setenv("CLAIMCRITIQUE_FIGURES", str(tmp_path / "figures"))
    corpus = tmp_path / "mine"
    corpus.mkdir()
    seed = sorted(paths.RAW.glob("*.txt"))[0]
    (corpus / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "r.html"
    check = ["report", "--corpus", str(corpus), "-o", str(out), "--no-notebooks", "--only-if-current"]
    assert cli.main(check) == 3 and not out.exists()
    assert "no current run" in capsys.readouterr().err
    assert cli.main(["analyze", str(corpus), "--no-progress"]) == 0
    assert cli.main(check) == 3  # no figures saved yet: the notebooks have not run
    figures = paths.outputs([corpus]).figures
    plotting.set_style()
    plotting.save_figure(plotting.block_kind_chart(load_corpus([corpus]).blocks), "01_block_kinds", figures)
    assert cli.main(check) == 0 and out.exists()
    (corpus / "more.txt").write_text("Take 5 mg a day.\n")
    assert cli.main(check) == 3
    capsys.readouterr()
    assert cli.main(["report", "--corpus", str(corpus), "-o", str(out), "--no-notebooks"]) == 0
    assert "not those of the corpus's current files" in capsys.readouterr().err  # written, with a warning


def test_a_saved_figure_shows_as_the_svg_written(tmp_path):
    plotting.set_style()
    saved = plotting.save_figure(plotting.block_kind_chart(load_corpus([paths.RAW]).blocks), "01_block_kinds", tmp_path)
    assert [p.suffix for p in saved] == [".png", ".svg", ".pdf"]
    assert saved._repr_svg_() == (tmp_path / "01_block_kinds.svg").read_text(encoding="utf-8")

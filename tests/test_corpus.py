"""Loading: seeds as saved, manifest metadata, and every kind of bad input named without a traceback."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import paths
from claimcritique.corpus import load_corpus, read_manifest

from .conftest import SEED_IDS

HTML = """<html><head><title>Melatonin dosing | Acme Sleep</title>
<script>var tracking = "SECRET_SCRIPT_TEXT";</script><style>.x { color: red }</style></head>
<body><nav>Home | Shop | Cart</nav><article><h1>How much melatonin?</h1>
<p>Most adults take 0.5 to 5 mg about 30 minutes before bed. Start low, e.g. with 0.5 mg.</p>
<ul><li>Adults: 0.5-5 mg</li><li>Older adults: up to 1 mg</li></ul>
<table><tr><th>Dose</th><th>Onset</th></tr><tr><td>1 mg</td><td>30 minutes</td></tr></table>
<script>document.write("SECRET_SCRIPT_TEXT")</script></article></body></html>"""


@pytest.fixture()
def messy_folder(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n \t\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "cp1252.txt").write_bytes("Take 200\u2013400 mg \u201cdaily\u201d. It\u2019s fine.\n".encode("cp1252"))
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Magnesium is good for you. " * 800_000)  # about 21 MB
    (tmp_path / "good.txt").write_text("Good article. Take 300 mg daily.\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # a header and nothing else
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("ignored")
    return tmp_path


def test_seeds_load_unchanged_with_manifest(seeds):
    docs = seeds.documents.set_index("doc_id")
    assert docs.index.tolist() == SEED_IDS
    for doc_id in SEED_IDS:
        raw = (paths.RAW / f"{doc_id}.txt").read_bytes().decode("utf-8")
        assert docs.at[doc_id, "text"] == raw  # the loaded text is the file, unchanged
    assert docs.at["002_92b750b21631aec1", "publisher"] == "Trusted Supplements"
    assert set(docs["kind"]) <= {"vendor", "affiliate", "informational"}
    assert seeds.problems.empty


def test_bad_inputs_are_reported_and_the_batch_goes_on(messy_folder):
    corpus = load_corpus([messy_folder])
    assert sorted(corpus.documents["doc_id"]) == ["cp1252", "good", "page"]
    problems = corpus.problems.assign(name=corpus.problems["file"].map(lambda f: f.rsplit("/", 1)[-1]))
    by_name = dict(zip(problems["name"], problems["problem"]))
    assert by_name["empty.txt"] == "empty file"
    assert by_name["blank.md"] == "empty file"
    assert by_name["binary.txt"] == "binary file, not text"
    assert by_name["huge.txt"].startswith("too large")
    assert "cp1252" in by_name["cp1252.txt"]
    assert by_name["notes.pdf"].startswith("could not read the PDF")
    assert by_name["report.docx"] == "unsupported file type '.docx'"
    assert ".hidden.txt" not in by_name
    cp = corpus.text("cp1252")
    assert "200\u2013400" in cp and "\u201cdaily\u201d" in cp and "It\u2019s" in cp


def test_html_main_text_without_scripts(messy_folder):
    corpus = load_corpus([messy_folder / "page.html"])
    text = corpus.text("page")
    assert "SECRET_SCRIPT_TEXT" not in text and "color: red" not in text
    assert "0.5 to 5 mg" in text and "Older adults: up to 1 mg" in text  # lists survive
    assert "30 minutes" in text  # tables survive
    kinds = corpus.blocks["kind"].tolist()
    assert "bullet" in kinds and "table_row" in kinds and kinds[0] == "heading"
    assert corpus.documents.at[0, "title"] == "How much melatonin?"  # trafilatura prefers the h1


def test_duplicate_ids_and_manifest_problems(tmp_path):
    (tmp_path / "a.txt").write_text("One sentence here.")
    (tmp_path / "a.md").write_text("Another sentence here.")
    (tmp_path / "corpus.csv").write_text("doc_id,file,title,publisher,kind,url,notes\n"
                                         "alpha,a.txt,Alpha,Pub,vendor,,\nzz,missing.txt,,,,,\n")
    corpus = load_corpus([tmp_path])
    assert sorted(corpus.documents["doc_id"]) == ["a", "alpha"]
    assert corpus.documents.set_index("doc_id").at["alpha", "title"] == "Alpha"
    problems = " | ".join(corpus.problems["problem"])
    assert "missing.txt" in problems


def test_a_folder_in_parts_reads_every_manifest_part(tmp_path):
    """A folder with manifest_a.csv and manifest_b.csv (and no corpus.csv): both give metadata, every kind
    of page is accepted, and the manifests are not reported as unsupported files."""
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("One sentence here.")
    (tmp_path / "manifest_a.csv").write_text("doc_id,file,publisher,kind\nalpha,a.txt,Pub A,brand\n")
    (tmp_path / "manifest_b.csv").write_text("doc_id,file,publisher,kind,extra\n"
                                             "beta,b.txt,Pub B,news,x\ngamma,c.txt,,blog,y\n")
    corpus = load_corpus([tmp_path])
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc[["alpha", "beta", "gamma"], "kind"].tolist() == ["brand", "news", "blog"]
    assert docs.at["beta", "label"] == "Pub B"
    assert not corpus.problems["file"].str.contains("manifest").any()


def test_a_file_listed_in_two_manifest_parts_is_named(tmp_path):
    (tmp_path / "a.txt").write_text("One sentence here.")
    (tmp_path / "manifest_a.csv").write_text("doc_id,file\nalpha,a.txt\n")
    (tmp_path / "manifest_b.csv").write_text("doc_id,file\nbeta,a.txt\n")
    with pytest.raises(ValueError, match=r"manifest_b.csv: 'a.txt' is listed again \(first in .*manifest_a.csv\)"):
        load_corpus([tmp_path])


def test_two_folders_may_each_list_a_file_of_the_same_name(tmp_path):
    """analyze A B: each folder's manifest describes its own p1.md."""
    for name in ("fa", "fb"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "p1.md").write_text(f"One sentence here about {name}.")
        (tmp_path / name / "corpus.csv").write_text(f"doc_id,file,title\n{name},p1.md,Title {name}\n")
    corpus = load_corpus([tmp_path / "fa", tmp_path / "fb"])
    assert corpus.documents.set_index("doc_id")["title"].to_dict() == {"fa": "Title fa", "fb": "Title fb"}
    assert corpus.problems.empty


def test_the_kinds_of_page_are_those_the_language_evaluation_groups():
    from claimcritique import language
    from claimcritique.corpus import DOCUMENT_KINDS

    assert set(language.KIND_GROUPS) == DOCUMENT_KINDS


def test_duplicate_stems_get_distinct_ids(tmp_path):
    (tmp_path / "a.txt").write_text("One sentence here.")
    (tmp_path / "a.md").write_text("Another sentence here.")
    corpus = load_corpus([tmp_path])
    assert sorted(corpus.documents["doc_id"]) == ["a", "a.txt"]
    assert "duplicate doc_id 'a'" in corpus.problems["problem"].iloc[0]


def test_malformed_manifest_is_named(tmp_path):
    bad = tmp_path / "corpus.csv"
    bad.write_text("doc_id,title\nx,y\n")
    with pytest.raises(ValueError, match="corpus.csv: manifest lacks the column"):
        read_manifest(bad)
    bad.write_text("file,kind\na.txt,shop\n")
    with pytest.raises(ValueError, match="row 2: kind 'shop'"):
        read_manifest(bad)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "claimcritique", *args], capture_output=True, text=True, timeout=120)


def test_cli_corpus_on_a_messy_folder(messy_folder):
    result = run_cli("corpus", str(messy_folder))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for name in ("empty.txt", "binary.txt", "huge.txt"):
        assert name in result.stderr
    # a file that cannot be read is skipped, and says so: "error:" is kept for what stops the run
    assert f"claimcritique: skipped: {messy_folder / 'empty.txt'}: empty file" in result.stderr
    assert "error:" not in result.stderr
    table = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert sorted(table["doc_id"]) == ["cp1252", "good", "page"]
    assert list(table.columns[:5]) == ["doc_id", "path", "file", "format", "title"]
    assert {"words", "blocks", "sentences"} <= set(table.columns)


def test_cli_default_corpus_and_missing_path(tmp_path):
    result = run_cli("corpus", "-o", str(tmp_path / "c.csv"))
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(tmp_path / "c.csv")["doc_id"].tolist() == SEED_IDS
    missing = run_cli("corpus", str(tmp_path / "nope"))
    assert missing.returncode == 1
    assert "nope: no such file or folder" in missing.stderr and "Traceback" not in missing.stderr
    assert f"error: no readable article in '{tmp_path / 'nope'}': no such file or folder: '{tmp_path / 'nope'}'" in missing.stderr


def test_seed_labels_are_short_unique_and_from_the_manifest(seeds):
    labels = seeds.documents.set_index("doc_id")["label"]
    assert labels["002_92b750b21631aec1"] == "Trusted Supplements"
    assert labels.is_unique and all(0 < len(label) <= 30 for label in labels)


def test_labels_are_derived_from_publisher_and_title_when_not_given():
    from claimcritique.corpus import assign_labels

    docs = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"],
        "file": ["a.html", "b.html", "c.html", "a-very-long-file-name-from-a-url-slug.html", "e.txt"],
        "publisher": ["Acme Health", "Acme Health", "", "", "Acme Health"],
        "title": ["Magnesium for sleep", "Zinc and colds: what the evidence says about lozenges", "Vitamin D dosing", "",
                  "Magnesium for sleep"],
        "label": ["", "", "", "", ""]})
    labels = assign_labels(docs)["label"].tolist()
    assert labels[0] == "Acme Health" and labels[1].startswith("Acme Health: Zinc") and labels[2] == "Vitamin D dosing"
    assert labels[3] == "a-very-long-file-name-from-a…"  # no title, no publisher: the file stem, shortened
    assert len(set(labels)) == 5 and all(len(label) <= 30 for label in labels)
    given = assign_labels(docs.assign(label=["Mine", "", "", "", ""]))["label"]
    assert given[0] == "Mine"


@pytest.mark.parametrize("heading", ["Formulation:", "Table of Contents", "Key Takeaways", "FAQ",
                                     "This is a whole paragraph that a page put in a heading tag, and it goes on and "
                                     "on with many words, far more than any title has."])
def test_section_headings_and_paragraphs_are_not_titles(heading):
    from claimcritique.corpus import guess_title, plausible_title

    assert not plausible_title(heading)
    assert guess_title({"title": heading}, [heading, "Magnesium glycinate for sleep"]) == "Magnesium glycinate for sleep"


def test_html_text_has_no_markdown_escapes_and_keeps_citation_markers(tmp_path):
    from claimcritique import language

    page = tmp_path / "cited.html"
    page.write_text("""<html><head><title>Contents</title></head><body><article><h2>Formulation:</h2>
<p>Absorption is 80% higher [1]. Two trials agree [2][3]. Use *only* as directed, 5 * 3 = 15.</p>
<p>1. Take 200 mg with <b>food</b> and <em>water</em>.</p><h2>References</h2>
<ol><li>Smith J. Trial. 2020.</li></ol></article></body></html>""", encoding="utf-8")
    corpus = load_corpus([page])
    text = corpus.text("cited")
    assert "\\" not in text and "**" not in text
    assert "80% higher [1]. Two trials agree [2][3]." in text and "1. Take 200 mg with food and water." in text
    assert "Use *only* as directed, 5 * 3 = 15." in text  # literal stars stay
    blocks = corpus.blocks
    assert all(text[s:e] == t for t, s, e in zip(blocks["text"], blocks["start"], blocks["end"]))
    scores = language.document_language(corpus.documents, corpus.sentences, language.find_matches(corpus.sentences))
    assert scores.at[0, "citations"] >= 3
    assert corpus.documents.at[0, "title"] not in ("Contents", "Formulation:")


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_control_bytes_counted_as_one_by_one(data):
    from claimcritique.corpus import _looks_binary
    sample = data[:8192]
    control = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    assert _looks_binary(data) == (b"\x00" in sample or control > max(2, len(sample) // 100))


def test_a_document_with_the_same_text_as_another_is_reported_and_still_analysed(tmp_path):
    """A crawl's mirror or syndicated copy (same words, other case or spacing) is a warning naming the first copy."""
    text = "Magnesium glycinate: take 200 mg daily.\n\nMost adults absorb about 30%."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("  " + text.upper().replace(" ", "   "), encoding="utf-8")
    (tmp_path / "c.txt").write_text("Zinc: take 15 mg daily.", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert len(corpus.documents) == 3
    warnings = corpus.problems[corpus.problems["severity"] == "warning"]
    assert warnings["doc_id"].tolist() == ["b"]
    assert "same text as 'a.txt'" in warnings["problem"].iloc[0]
    hashes = corpus.documents.set_index("doc_id")["text_hash"]
    assert hashes["a"] == hashes["b"] != hashes["c"]


def test_analyze_reports_duplicate_texts_across_batches(tmp_path):
    from claimcritique import analysis

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(5):
        (pages / f"p{i}.txt").write_text(f"Page {i}: take {i + 1}00 mg daily.", encoding="utf-8")
    (pages / "p9.txt").write_text("Page 0: take 100 mg daily.", encoding="utf-8")
    written = analysis.write_analysis([pages], tmp_path / "out", batch_size=2)
    duplicates = written.problems[written.problems["problem"].str.contains("same text as")]
    assert duplicates["doc_id"].tolist() == ["p9"] and "'p0.txt'" in duplicates["problem"].iloc[0]

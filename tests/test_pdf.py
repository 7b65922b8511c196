"""PDFs: the text layer with offsets (pypdf); encrypted and image-only PDFs named as problems.

The PDFs are made here with matplotlib's PDF backend (already a dependency), one line of the seed's
text per line of the page, with an embedded TrueType font so the text layer is the text."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from claimcritique import claims, paths  # noqa: E402
from claimcritique.corpus import load_corpus  # noqa: E402

LINES_PER_PAGE = 60


def text_pdf(text: str, target) -> None:
    lines = text.split("\n")
    with plt.rc_context({"pdf.fonttype": 42}), PdfPages(target) as pdf:
        for first in range(0, len(lines), LINES_PER_PAGE):
            fig = plt.figure(figsize=(60, LINES_PER_PAGE * 0.12))
            for row, line in enumerate(lines[first: first + LINES_PER_PAGE]):
                if line.strip():
                    fig.text(0.005, 1 - (row + 1) / (LINES_PER_PAGE + 1), line, fontsize=6, family="DejaVu Sans")
            pdf.savefig(fig)
            plt.close(fig)


CLAIM_KEY = ["claim_type", "subject", "low", "high", "unit"]


@pytest.mark.parametrize("seed", sorted(p.name for p in paths.RAW.glob("*.txt")))
def test_a_pdf_of_a_seed_gives_the_same_claims_as_its_text(seed, tmp_path):
    source = paths.RAW / seed
    pdf = tmp_path / f"{source.stem}.pdf"
    text_pdf(source.read_text(encoding="utf-8"), pdf)
    from_text, from_pdf = load_corpus([source]), load_corpus([pdf])
    assert from_pdf.problems.empty, from_pdf.problems
    assert from_pdf.documents.at[0, "format"] == "pdf"
    text = from_pdf.text(source.stem)
    found = claims.extract_claims(from_pdf.sentences, from_pdf.blocks)
    expected = claims.extract_claims(from_text.sentences, from_text.blocks)
    assert len(found) == len(expected) > 0
    key = lambda table: sorted(map(tuple, table[CLAIM_KEY].astype(str).values.tolist()))  # noqa: E731
    assert key(found) == key(expected)
    # quotes are the PDF's text at their offsets, and the same as the .txt's (blank lines come back from the gaps)
    assert all(text[s:e] == q for q, s, e in zip(found["quote"], found["start"], found["end"]))
    assert sorted(found["quote"]) == sorted(expected["quote"])
    def lines(t):  # runs of blank lines count as one
        kept = [line.rstrip() for line in t.strip().split("\n")]
        return [line for i, line in enumerate(kept) if line or (i and kept[i - 1])]

    assert lines(text) == lines(from_text.text(source.stem))  # the blank lines between paragraphs come back too


def test_encrypted_and_image_only_pdfs_are_named(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    text_pdf("Take 300 mg of magnesium daily.\n", plain)
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    with open(tmp_path / "locked.pdf", "wb") as handle:
        writer.write(handle)
    fig = plt.figure(figsize=(4, 4))
    fig.figimage(np.random.default_rng(0).random((200, 200)))  # a scanned page: pixels, no text
    fig.savefig(tmp_path / "scan.pdf")
    plt.close(fig)
    (tmp_path / "fake.pdf").write_text("not a pdf at all")
    corpus = load_corpus([tmp_path])
    assert corpus.documents["doc_id"].tolist() == ["plain"]
    problems = dict(zip(corpus.problems["file"].map(lambda f: f.rsplit("/", 1)[-1]), corpus.problems["problem"]))
    assert problems["locked.pdf"].startswith("encrypted PDF")
    assert problems["scan.pdf"].startswith("image-only PDF")
    assert problems["fake.pdf"] == "not a PDF (no %PDF header)"

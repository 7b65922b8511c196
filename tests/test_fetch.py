"""`claimcritique fetch` against a real HTTP server on 127.0.0.1: pages, a redirect, a 404, a slow
response, a huge page, a non-HTML type and a robots.txt disallow. Nothing leaves the machine."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest

from claimcritique import cli, fetch
from claimcritique.corpus import load_corpus

PAGE = """<html><head><title>Melatonin dosing guide | Acme Sleep</title>
<meta property="og:site_name" content="Acme Sleep"><meta property="og:title" content="Melatonin dosing guide">
</head><body><nav>Home | Shop</nav><article><h1>Melatonin dosing guide</h1>
<p>Most adults take 0.5 to 5 mg about 30 minutes before bed [1]. Studies differ [2][3].</p>
<p>1. Start low. Some take 10 mg, which is more than needed.</p></article></body></html>"""
OTHER = """<html><head><title>Table of Contents</title><meta property="og:site_name" content="Vit Shop"></head>
<body><article><h2>Formulation:</h2><p>Each capsule holds 200 mg of magnesium glycinate. Take two daily.</p>
</article></body></html>"""
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _send(self, status, body: bytes, kind="text/html; charset=utf-8", length=True):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size cap): expected
            pass

    def do_GET(self):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            self._send(200, ROBOTS.encode(), "text/plain")
        elif self.path == "/guide":
            self._send(200, PAGE.encode())
        elif self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/product")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path in ("/to-private", "/loop"):
            self.send_response(302)
            self.send_header("Location", "/private/page" if self.path == "/to-private" else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/product":
            self._send(200, OTHER.encode("cp1252"), "text/html; charset=windows-1252")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE.encode())
        elif self.path == "/huge":  # no Content-Length: the cap must apply while streaming
            self._send(200, b"<html><body>" + b"<p>Take 300 mg.</p>" * 200_000 + b"</body></html>", length=False)
        elif self.path == "/huge-declared":
            self._send(200, b"x" * 3_000_000)
        elif self.path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif self.path == "/private/page":
            self._send(200, PAGE.encode())
        elif self.path == "/flaky":
            if Handler.hits[self.path] == 1:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, PAGE.replace("0.5 to 5 mg", "1 to 3 mg").encode())
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SETTINGS = fetch.FetchSettings(timeout=0.5, retries=1, delay=0.0, max_bytes=1_000_000, trust_env=False)


def test_fetch_saves_pages_with_a_manifest_and_names_each_failure(server, tmp_path):
    urls = [f"{server}/guide", f"{server}/old", f"{server}/missing", f"{server}/slow", f"{server}/huge",
            f"{server}/huge-declared", f"{server}/image.png", f"{server}/private/page", f"{server}/flaky",
            f"{server}/to-private", f"{server}/loop",
            "ftp://example.invalid/x"]
    lines = []
    report = fetch.fetch_all(urls, tmp_path, SETTINGS, log=lines.append).set_index("url")
    assert report.loc[f"{server}/guide", "status"] == "saved"
    assert report.loc[f"{server}/old", "final_url"] == f"{server}/product"  # the redirect was followed
    assert report.loc[f"{server}/flaky", "status"] == "saved"  # a 503 is retried
    problems = report["problem"]
    assert problems[f"{server}/missing"] == "HTTP 404 Not Found"
    assert problems[f"{server}/slow"].startswith("timed out after 0.5 s (after 2 attempts)")
    assert problems[f"{server}/huge"].startswith("too large: more than 1 MB")
    assert problems[f"{server}/huge-declared"].startswith("too large: 3.0 MB")
    assert problems[f"{server}/image.png"] == "not an HTML page or a PDF (content type image/png)"
    assert problems[f"{server}/private/page"] == "disallowed by the site's robots.txt"
    assert problems["ftp://example.invalid/x"] == "not an http(s) URL"
    assert problems[f"{server}/to-private"] == f"redirected to {server}/private/page, which the site's robots.txt disallows"
    assert problems[f"{server}/loop"] == "more than 5 redirects"
    assert Handler.hits.get("/private/page", 0) == 0  # robots.txt is read before, never after
    failed = [line for line in lines if line.startswith("failed: ")]
    assert len(failed) == 9 and all(url in " ".join(failed) for url in problems[report["status"] == "failed"].index)

    manifest = pd.read_csv(tmp_path / "corpus.csv", dtype=str, keep_default_na=False).set_index("url")
    assert set(manifest.index) == {f"{server}/guide", f"{server}/product", f"{server}/flaky"}
    guide = manifest.loc[f"{server}/guide"]
    assert guide["publisher"] == "Acme Sleep" and guide["title"] == "Melatonin dosing guide"
    assert guide["fetched"].endswith("Z") and guide["requested_url"] == f"{server}/guide"
    product = manifest.loc[f"{server}/product"]
    assert product["publisher"] == "Vit Shop" and product["title"] not in ("Table of Contents", "Formulation:")
    assert (tmp_path / "fetch_log.csv").exists()

    corpus = load_corpus([tmp_path])  # the folder is a corpus: pages, manifest metadata and labels
    assert corpus.problems.empty, corpus.problems
    docs = corpus.documents.set_index("url")
    same_site = sorted(docs.loc[[f"{server}/guide", f"{server}/flaky"], "label"])
    assert same_site[0] == "Acme Sleep" and same_site[1].startswith("Acme Sleep: ")  # unique: publisher, then title
    assert all(len(label) <= 30 for label in docs["label"])
    assert docs.loc[f"{server}/product", "label"] == "Vit Shop"
    text = docs.loc[f"{server}/guide", "text"]
    assert "[1]" in text and "\\[" not in text and "1\\." not in text  # no Markdown escapes
    assert "0.5 to 5 mg" in text


def test_cli_fetch_from_a_file_of_links(server, tmp_path, capsys, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # loopback, directly
    links = tmp_path / "links.txt"
    links.write_text(f"# my links\n{server}/guide\n\n{server}/missing\n")
    code = cli.main(["fetch", "--from", str(links), "-o", str(tmp_path / "pages"), "--delay", "0", "--timeout", "2",
                     "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"failed: {server}/missing: HTTP 404 Not Found" in err
    assert "1 of 2 pages saved" in err
    assert len(list((tmp_path / "pages").glob("*.html"))) == 1
    assert "next: claimcritique analyze" in err


def test_cli_fetch_that_saves_nothing_suggests_no_analysis(server, tmp_path, capsys, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    code = cli.main(["fetch", f"{server}/missing", "-o", str(tmp_path / "pages"), "--delay", "0", "--timeout", "2",
                     "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert "0 of 1 pages saved" in err and "nothing to analyze" in err and "next:" not in err


def test_pacer_spaces_requests_to_one_host():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    pacer = fetch.HostPacer(2.0, clock=lambda: now[0], sleep=sleep)
    assert pacer.wait("a") == 0.0
    now[0] += 0.5
    assert pacer.wait("a") == pytest.approx(1.5)  # 2 s after the previous request to a
    assert pacer.wait("b") == 0.0  # another host does not wait
    assert pacer.wait("a", delay=5.0) == pytest.approx(5.0)  # robots.txt's Crawl-delay, when longer
    assert slept == [pytest.approx(1.5), pytest.approx(5.0)]


def test_url_list_and_file_names(tmp_path):
    links = tmp_path / "l.txt"
    links.write_text("\ufeff# c\nhttps://a.example/x?y=1\n  \nhttps://a.example/x?y=2\n")
    urls = fetch.read_url_list(links)
    assert urls == ["https://a.example/x?y=1", "https://a.example/x?y=2"]
    names = {fetch.file_name(u, ".html") for u in urls}
    assert len(names) == 2 and all(n.startswith("a-example-x-") for n in names)

"""The explorer in JupyterLab, in a real browser (Debian's chromium driven by Playwright).

Runs when /usr/bin/chromium is present (`.ci/run` installs it); saves a screenshot under
test-output/. JupyterLab listens on 127.0.0.1 only, with a token.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from claimcritique import analysis, paths, plotting, report
from claimcritique.corpus import load_corpus

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SCREENSHOTS = paths.PROJECT_ROOT / "test-output"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def jupyterlab(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    root = tmp_path / "notebooks"  # a copy: JupyterLab saves the notebooks it runs, and the work tree stays as found
    shutil.copytree(paths.NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    env = {**os.environ, "CLAIMCRITIQUE_PROCESSED": str(tmp_path / "processed"),
           "CLAIMCRITIQUE_FIGURES": str(tmp_path / "figures"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    env.pop("CLAIMCRITIQUE_CORPUS", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         f"--FileCheckpoints.checkpoint_dir={tmp_path / 'checkpoints'}",  # not in notebooks/: the tests leave it as found
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "lab.log", "w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text()[-3000:])
        time.sleep(0.5)
    yield base, token
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def run_all_cells(page, base: str, token: str, notebook: str) -> None:
    """Open a notebook in JupyterLab, wait for its kernel, run every cell."""
    page.goto(f"{base}/lab/tree/{notebook}?token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=90_000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
                           timeout=90_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


def test_notebook_tables_are_sortable_and_searchable_in_jupyterlab(jupyterlab):
    """03's long tables are interactive in JupyterLab (itables, offline) and name documents by label."""
    from playwright.sync_api import expect, sync_playwright

    base, token = jupyterlab
    label = plotting.document_labels(load_corpus([paths.RAW]).documents)["002_92b750b21631aec1"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2100})
            run_all_cells(page, base, token, "03_readability.ipynb")
            tables = page.locator(".jp-OutputArea-output table.dataTable")
            tables.first.wait_for(timeout=180_000)
            search = page.locator(".jp-OutputArea-output .dt-search input").first
            search.fill(label)
            expect(tables.first.locator("tbody tr").first).to_contain_text(label)
        finally:
            browser.close()


def test_explorer_updates_and_highlights(jupyterlab):
    from playwright.sync_api import expect, sync_playwright

    base, token = jupyterlab
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2100})
            run_all_cells(page, base, token, "06_explorer.ipynb")
            selects = page.locator(".widget-dropdown select")
            selects.first.wait_for(timeout=120_000)
            view = page.locator(".widget-output")
            view.locator("mark").first.wait_for(timeout=60_000)
            # pick the vendor page 002 and only the hype category: the view must change and show its hype
            vendor = "002_92b750b21631aec1"
            label = plotting.document_labels(load_corpus([paths.RAW]).documents)[vendor]
            assert label == "Trusted Supplements"
            options = [o.replace("\xa0", " ") for o in selects.nth(0).locator("option").all_inner_texts()]
            assert label in options and not any(o in load_corpus([paths.RAW]).documents["doc_id"].tolist()
                                                 for o in options), options  # the dropdown offers labels, not ids
            selects.nth(0).select_option(index=options.index(label))
            selects.nth(2).select_option("hype")
            hype = view.locator("mark.cc-hype", has_text="breakthrough")  # only page 002 says it
            hype.first.wait_for(timeout=60_000)
            expect(view.locator("mark.cc-booster")).to_have_count(0, timeout=60_000)  # the category filter applies
            expect(view.locator("mark.cc-hype").first).to_be_visible()
            assert "Trusted Supplements" in view.inner_text()
            selects.first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / "explorer.png"))
        finally:
            browser.close()


def test_report_opens_offline_with_figures_labels_and_searchable_tables(tmp_path):
    """`make report`'s HTML, opened from disk with the network cut off: figures load, tables are sortable and
    searchable, and documents are named by label, never by doc_id."""
    from playwright.sync_api import expect, sync_playwright

    results = analysis.analyze([paths.RAW])
    analysis.write_results(results, tmp_path / "processed", key="browser")
    plotting.set_style()
    style = plotting.document_style(results.corpus.documents)
    plotting.save_figure(plotting.promo_index_chart(results["language"], **style), "04_promo_index",
                         tmp_path / "figures", caption="Source: the language table.")
    out = report.write_report(tmp_path / "processed", tmp_path / "figures", tmp_path / "report.html")
    labels = plotting.document_labels(results.corpus.documents)
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            context = browser.new_context(offline=True, viewport={"width": 1400, "height": 2000})
            requests = []
            context.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "blob:"))
                       else None)
            page = context.new_page()
            page.goto(out.as_uri())
            figure = page.locator("figure img").first
            expect(figure).to_be_visible()
            assert page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
            claims = page.locator("table.dataTable").first
            claims.wait_for(timeout=60_000)  # DataTables ran, from the inlined library
            search = page.locator(".dt-search input").first
            search.fill("glycinate")
            expect(claims.locator("tbody tr").first).to_contain_text("glycinate", ignore_case=True)
            text = page.locator("body").inner_text()
            for label in labels.values():
                assert label in text
            tables = " ".join(page.locator("table.dataTable").all_inner_texts())  # the claims and the findings
            assert not any(doc_id in tables for doc_id in labels if doc_id != labels[doc_id]), "ids, not labels"
            page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=False)
            assert not requests, requests
        finally:
            browser.close()

"""The explorer in JupyterLab, in a real browser (Debian's chromium driven by Playwright).

Runs when /usr/bin/chromium is present (`.ci/run` installs it); saves a screenshot under
test-output/. JupyterLab listens on 127.0.0.1 only, with a token.
"""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from claimcritique import paths

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
    env = {**os.environ, "CLAIMCRITIQUE_PROCESSED": str(tmp_path / "processed"),
           "CLAIMCRITIQUE_FIGURES": str(tmp_path / "figures"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    env.pop("CLAIMCRITIQUE_CORPUS", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={paths.NOTEBOOKS}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
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


def test_explorer_updates_and_highlights(jupyterlab):
    from playwright.sync_api import expect, sync_playwright

    base, token = jupyterlab
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2100})
            page.goto(f"{base}/lab/tree/06_explorer.ipynb?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=90_000)
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
                                   timeout=90_000)
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            selects = page.locator(".widget-dropdown select")
            selects.first.wait_for(timeout=120_000)
            view = page.locator(".widget-output")
            view.locator("mark").first.wait_for(timeout=60_000)
            # pick the vendor page 002 and only the hype category: the view must change and show its hype
            selects.nth(0).select_option("Trusted Supplements")  # the dropdown offers labels, not ids
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

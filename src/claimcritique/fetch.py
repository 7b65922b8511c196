"""`claimcritique fetch`: save web pages from a list of links into a corpus folder, politely.

Each page is saved as it was served (HTML, or a PDF the link points at) with a row in the folder's
`corpus.csv` manifest: its url, the date it was fetched, and the title and publisher read from the
page's own metadata by trafilatura. The client is httpx, with a timeout per request, retries after
timeouts and server errors, a delay between two requests to the same host, robots.txt honoured
(urllib.robotparser) and a size cap; a URL that fails gets one clear line and the batch goes on.
Every URL tried is listed, with what happened, in `fetch_log.csv`.
"""
from __future__ import annotations

import hashlib
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pandas as pd

from . import __version__
from .corpus import FETCH_LOG, MANIFEST_COLUMNS, MANIFEST_NAME, guess_title

USER_AGENT = f"claimcritique/{__version__} (saves pages for a reading of supplement claims)"
LOG_NAME = FETCH_LOG
LOG_COLUMNS = ["url", "final_url", "status", "problem", "file", "fetched"]
HTML_TYPES = {"text/html", "application/xhtml+xml"}
PDF_TYPES = {"application/pdf"}
RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A page that could not be saved; the message says why in plain words."""


@dataclass
class FetchSettings:
    timeout: float = 20.0  # seconds, per request
    retries: int = 2  # after a timeout, a connection error, 429 or 5xx
    delay: float = 2.0  # seconds between two requests to one host (robots.txt Crawl-delay if longer)
    max_bytes: int = 5_000_000
    user_agent: str = USER_AGENT
    trust_env: bool = True  # proxies from the environment (the tests turn this off: loopback only)


@dataclass
class HostPacer:
    """Waits so that two requests to one host are at least `delay` seconds apart."""

    delay: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str, delay: float | None = None) -> float:
        """Sleep as long as this host still needs; returns the seconds slept."""
        gap = self.delay if delay is None else max(self.delay, delay)
        waited = 0.0
        if host in self.last:
            waited = max(0.0, self.last[host] + gap - self.clock())
            if waited:
                self.sleep(waited)
        self.last[host] = self.clock()
        return waited


def read_url_list(path: Path) -> list[str]:
    """Links from a file, one per line; blank lines and lines starting with # are ignored."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def file_name(url: str, suffix: str) -> str:
    """A readable, unique file name for a URL: host and path as a slug, plus a short hash of the URL."""
    parts = urlsplit(url)
    slug = re.sub(r"[^\w]+", "-", f"{parts.netloc}{parts.path}", flags=re.ASCII).strip("-").lower()
    return f"{slug[:60].rstrip('-') or 'page'}-{hashlib.sha1(url.encode()).hexdigest()[:8]}{suffix}"


class Fetcher:
    """One httpx client, one robots.txt per host, one pacer: what `fetch_all` uses for every URL."""

    def __init__(self, settings: FetchSettings, log: Callable[[str], None] = lambda line: None):
        self.settings = settings
        self.log = log
        self.pacer = HostPacer(settings.delay)
        self.robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.client = httpx.Client(follow_redirects=False, timeout=settings.timeout,
                                   headers={"User-Agent": settings.user_agent}, trust_env=settings.trust_env)

    def close(self) -> None:
        self.client.close()

    def _robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
            try:
                self.pacer.wait(parts.netloc)
                response = self.client.get(f"{origin}/robots.txt")
                if response.status_code in (401, 403):
                    parser.disallow_all = True
                elif response.status_code >= 400:
                    parser.allow_all = True  # no robots.txt: nothing is disallowed
                else:
                    parser.parse(response.text.splitlines())
            except httpx.HTTPError:
                parser.allow_all = True  # unreachable robots.txt: the page request will say what is wrong
            self.robots[origin] = parser
        return self.robots[origin]

    def allowed(self, url: str) -> bool:
        return self._robots(url).can_fetch(self.settings.user_agent, url)

    def get(self, url: str) -> tuple[str, str, bytes]:
        """Final URL, content type and body of a page; FetchError saying why it cannot be had."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) URL")
        if not self.allowed(url):
            raise FetchError("disallowed by the site's robots.txt")
        crawl_delay = self._robots(url).crawl_delay(self.settings.user_agent)
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            self.pacer.wait(parts.netloc, float(crawl_delay) if crawl_delay else None)
            try:
                return self._download(url)
            except _Retry as retry:
                if attempt == attempts:
                    raise FetchError(f"{retry} (after {attempts} attempts)") from None
        raise AssertionError("unreachable")

    def _download(self, url: str) -> tuple[str, str, bytes]:
        """One attempt: redirects followed by hand, so robots.txt is asked before every hop is requested."""
        current = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                response = self.client.send(self.client.build_request("GET", current), stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        target = str(response.url.join(response.headers["location"]))
                        if not self.allowed(target):
                            raise FetchError(f"redirected to {target}, which the site's robots.txt disallows")
                        self.pacer.wait(urlsplit(target).netloc)
                        current = target
                        continue
                    return self._body(response)
                finally:
                    response.close()
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.settings.timeout:g} s") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise _Retry(f"connection failed ({error})") from None
        except httpx.HTTPError as error:
            raise FetchError(f"{type(error).__name__}: {error}") from None
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _body(self, response: httpx.Response) -> tuple[str, str, bytes]:
        limit = self.settings.max_bytes
        if response.status_code in RETRY_STATUS:
            raise _Retry(f"HTTP {response.status_code} {response.reason_phrase}")
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in HTML_TYPES | PDF_TYPES:
            raise FetchError(f"not an HTML page or a PDF (content type {kind or 'not given'})")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"too large: {int(declared) / 1e6:.1f} MB (limit {limit / 1e6:g} MB)")
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > limit:
                raise FetchError(f"too large: more than {limit / 1e6:g} MB (the limit; raise it with --max-mb)")
        final = str(response.url)
        if kind in HTML_TYPES:
            return final, kind, _utf8(bytes(body), response.charset_encoding)
        return final, kind, bytes(body)


class _Retry(Exception):
    """A failure worth another try (timeout, connection error, 429, 5xx)."""


def _utf8(body: bytes, charset: str | None) -> bytes:
    """The page as UTF-8: its declared charset, else trafilatura's detection (reads <meta charset>)."""
    if charset:
        try:
            return body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    from trafilatura.utils import decode_file

    return decode_file(body).encode("utf-8")


def page_metadata(html: str) -> dict[str, str]:
    """Title, publisher (site name) and date from the page's own metadata (trafilatura)."""
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return {"title": "", "publisher": "", "date": ""}
    return {"title": guess_title({"title": meta.title or ""}, []), "publisher": meta.sitename or "",
            "date": meta.date or ""}


def fetch_all(urls: Iterable[str], folder: Path, settings: FetchSettings | None = None,
              log: Callable[[str], None] = lambda line: None) -> pd.DataFrame:
    """Save each URL's page into `folder`, add its row to `folder/corpus.csv`, and return one row per URL
    (`LOG_COLUMNS`, also written to `folder/fetch_log.csv`). Failures are logged and the batch goes on."""
    settings = settings or FetchSettings()
    folder.mkdir(parents=True, exist_ok=True)
    fetcher = Fetcher(settings, log)
    rows, saved = [], []
    try:
        for url in dict.fromkeys(u.strip() for u in urls if u.strip()):
            fetched = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            try:
                final, kind, body = fetcher.get(url)
            except FetchError as error:
                log(f"failed: {url}: {error}")
                rows.append({"url": url, "final_url": "", "status": "failed", "problem": str(error), "file": "",
                             "fetched": fetched})
                continue
            name = file_name(url, ".pdf" if kind in PDF_TYPES else ".html")
            (folder / name).write_bytes(body)
            meta = page_metadata(body.decode("utf-8")) if kind in HTML_TYPES else {"title": "", "publisher": "",
                                                                                  "date": ""}
            saved.append({"doc_id": Path(name).stem, "file": name, "title": meta["title"],
                          "publisher": meta["publisher"], "kind": "", "url": final, "notes": "", "label": "",
                          "fetched": fetched, "published": meta["date"], "requested_url": url})
            rows.append({"url": url, "final_url": final, "status": "saved", "problem": "", "file": name,
                         "fetched": fetched})
            log(f"saved: {url} -> {folder / name}" + (f" (redirected to {final})" if final != url else ""))
    finally:
        fetcher.close()
    _update_manifest(folder / MANIFEST_NAME, saved)
    report = pd.DataFrame(rows, columns=LOG_COLUMNS)
    log_path = folder / LOG_NAME
    previous = pd.read_csv(log_path, dtype=str, keep_default_na=False) if log_path.exists() else None
    pd.concat([previous, report] if previous is not None else [report], ignore_index=True).to_csv(log_path, index=False)
    return report


def _update_manifest(path: Path, saved: list[dict]) -> None:
    """Add the saved pages to the manifest; a page fetched again replaces its old row (same file)."""
    columns = [*MANIFEST_COLUMNS, "fetched", "published", "requested_url"]
    new = pd.DataFrame(saved, columns=columns)
    if path.exists():
        old = pd.read_csv(path, dtype=str, keep_default_na=False)
        old = old[~old["file"].isin(new["file"])] if "file" in old.columns else old
        new = pd.concat([old, new], ignore_index=True)
    if len(new) or not path.exists():
        new.to_csv(path, index=False)

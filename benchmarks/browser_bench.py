"""Measure, in a real headless Chromium, what a citizen's browser downloads.

Serves a built site from 127.0.0.1 with a small threaded `http.server` that
records every request and the body bytes it sent, both as served (files are
stored uncompressed) and as gzip would send them (`gzip.compress` level 6 of
the file, for html, js, css, json, svg and xml; files that are already
compressed, such as Pagefind's `.pf_*` chunks and `.pagefind` wasm, and
images count as they are). Then, with an empty browser cache:

- `page_weight`: the first visit of one page: bytes, requests, and any request
  to another origin (none leaves the machine: they are aborted and listed);
- `pagefind_first_result`: our portal's header search (Pagefind, see
  theme/partials/search.html and docs/site/assets/search.js): the page load,
  then what focusing the box fetches, then what typing a query fetches until
  the first result is shown;
- `material_first_result`: the same on a reference site built by plain MkDocs
  + Material with Material's built-in `search` plugin (lunr in a worker, one
  `search/search_index.json`), from the page load until the first result.

`benchmarks/references.py` writes that reference MkDocs project from a
portal's ideas and answers (the same idea pages at the same URLs `ideas/<id>/`),
for the caller to build:

    .venv/bin/python -m benchmarks.make_corpus --ideas 200 --votes 2000 --commits 300 --to /tmp/bb-portal
    (cd /tmp/bb-portal && NO_MKDOCS_2_WARNING=1 /work/main/.venv/bin/python -m mkdocs build -q)
    .venv/bin/python -m benchmarks.references --search --portal /tmp/bb-portal --to /tmp/bb-ref
    (cd /tmp/bb-ref && NO_MKDOCS_2_WARNING=1 /work/main/.venv/bin/python -m mkdocs build -q)
    .venv/bin/python -m benchmarks.browser_bench --site /tmp/bb-portal/site --page ideas/2020-0001/ \\
        --query belysning --material-site /tmp/bb-ref/site

The browser is the system's Chromium (`/usr/bin/chromium`, or the path in
PORTAL_CHROMIUM), started by Playwright; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypedDict
from urllib.parse import urlsplit

if TYPE_CHECKING:  # Playwright itself is imported only when a browser is needed
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
# Also the browser tests' and scripts/screenshots.py's flags (see `launch`). Without the background-networking
# ones Chromium tries Google's hosts at start; this machine has no network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GZIP_SUFFIXES = frozenset({".html", ".htm", ".js", ".mjs", ".css", ".json", ".svg", ".xml"})
QUIET_SECONDS = 0.5  # the network counts as settled after this long without a request
TIMEOUT_MS = 30_000
TYPE_DELAY_MS = 100.0  # between keystrokes: about ten characters a second

# Our header search (theme/partials/search.html): its own box, not Material's `data-md-component` one.
PORTAL_INPUT = "[data-portal-search] input.md-search__input"
PORTAL_META = "[data-portal-search] .md-search-result__meta"
PORTAL_RESULT = "[data-portal-search] .md-search-result__item"
MATERIAL_INPUT = ".md-search__input"
MATERIAL_RESULT = ".md-search-result__item"
# Files that only Material's search needs: its worker, the lunr language support, and the index.
MATERIAL_SEARCH_MARKERS = ("/workers/search", "/lunr/", "search_index.json")


@dataclass
class Request:
    """One request the server answered: its path, status and body bytes (as served, and as gzip would send)."""

    path: str
    status: int
    served: int = 0
    gzip: int = 0


class Phase(TypedDict):
    """Requests of one phase of a visit: how many, their body bytes, and their paths."""

    files: int
    served: int
    gzip: int
    paths: list[str]


class SearchMeasure(TypedDict):
    """What a page load and a first search result cost (see `pagefind_first_result`)."""

    page: str
    query: str
    results_shown: bool
    result_text: str
    ms_to_result: float | None
    load: Phase
    focus: Phase
    typing: Phase
    search: Phase
    total: Phase
    external: list[str]


class PageWeight(TypedDict):
    """The first visit of one page with an empty cache (see `page_weight`)."""

    page: str
    requests: int
    served: int
    gzip: int
    paths: list[str]
    external: list[str]


@functools.lru_cache(maxsize=4096)
def _gzip_size(path: str, mtime_ns: int, size: int) -> int:
    """Bytes `gzip -6` makes of the file (cached per path, modification time and size)."""
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=6))


def _gzip_bytes(path: str, served: int) -> int:
    """What a server compressing text types with gzip level 6 would send for this file."""
    if Path(path).suffix.lower() not in GZIP_SUFFIXES:
        return served  # images, fonts, Pagefind's chunks and wasm (already gzip)
    stat = os.stat(path)
    return _gzip_size(path, stat.st_mtime_ns, stat.st_size)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A quiet file handler that appends every response to the server's log."""

    protocol_version = "HTTP/1.1"
    server: _Server
    _record: Request | None = None

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Called by `send_response` for every answer, errors and redirects included."""
        status = code if isinstance(code, int) else int(code) if str(code).isdigit() else 0
        self._record = Request(path=self.path, status=status)
        with self.server.lock:
            self.server.log.append(self._record)

    def log_message(self, format: str, *args: Any) -> None:
        """Print nothing."""

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send the file and count its bytes."""
        sent = 0
        reader: BinaryIO = source
        while chunk := reader.read(64 * 1024):
            outputfile.write(chunk)
            sent += len(chunk)
        if self._record is not None:
            self._record.served = sent
            self._record.gzip = _gzip_bytes(str(reader.name), sent) if sent else 0


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    log: list[Request]
    lock: threading.Lock

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore connections the browser drops (aborted fetches, closed pages)."""


NO_CHROMIUM = f"no Chromium at {CHROMIUM} (install the `chromium` package, or set PORTAL_CHROMIUM)"


def launch(playwright: Playwright) -> Browser:
    """The system's Chromium (`CHROMIUM`), headless with `CHROMIUM_ARGS`, started by Playwright: the one launch
    for the benchmarks, scripts/screenshots.py and the browser tests."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextmanager
def serve(site: Path, log: list[Request] | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) and yield its base URL, ending in "/".

    Every answered request is appended to `log` (a new list when none is given)
    as a `Request`: path, status, body bytes as served and as gzip would send them.
    """
    handler = functools.partial(_Handler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    server.log = log if log is not None else []
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _phase(requests: Sequence[Request]) -> Phase:
    return {
        "files": len(requests),
        "served": sum(r.served for r in requests),
        "gzip": sum(r.gzip for r in requests),
        "paths": [r.path for r in requests],
    }


class _Network:
    """Requests the page has in flight, and when the last one started or ended (or reached the server).

    The server's log counts too: requests of a worker may not all be reported as the page's.
    """

    def __init__(self, page: Any, log: list[Request]) -> None:
        self.log = log
        self.in_flight = 0
        self.last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, _request: Any) -> None:
        self.in_flight += 1
        self.last = time.monotonic()

    def _ended(self, _request: Any) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last = time.monotonic()

    def settle(self, page: Any, quiet: float = QUIET_SECONDS, timeout: float = TIMEOUT_MS / 1000) -> None:
        """Wait until nothing is in flight and nothing started for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        seen = len(self.log)
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)  # lets Playwright deliver the events
            if len(self.log) != seen:
                seen = len(self.log)
                self.last = time.monotonic()
            if self.in_flight == 0 and time.monotonic() - self.last >= quiet:
                return


@contextmanager
def _browser_page(base_url: str, external: list[str]) -> Iterator[Any]:
    """A page in a fresh context (empty cache); requests to other origins are listed and aborted."""
    from playwright.sync_api import sync_playwright

    local = urlsplit(base_url).netloc

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            route.abort()

    def note(request: Any) -> None:
        url = request.url
        if urlsplit(url).netloc != local and not url.startswith(("data:", "blob:", "about:")):
            external.append(url)

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
            context.route("**/*", guard)
            page = context.new_page()
            page.on("request", note)
            page.set_default_timeout(TIMEOUT_MS)
            yield page
            context.close()
        finally:
            browser.close()


@dataclass
class _Visit:
    """A page opened on a local server: the page, its network, the server's log, the foreign requests."""

    page: Any
    network: _Network
    log: list[Request]
    external: list[str]


@contextmanager
def _visit(site: Path, url: str) -> Iterator[_Visit]:
    """Serve `site`, open `url` in a fresh browser context and wait until its network is quiet."""
    log: list[Request] = []
    external: list[str] = []
    with serve(site, log) as base, _browser_page(base, external) as page:
        network = _Network(page, log)
        page.goto(base + url.lstrip("/"), wait_until="load")
        network.settle(page)
        yield _Visit(page, network, log, external)


def _first_result(
    site: Path,
    page_url: str,
    query: str,
    *,
    input_selector: str,
    result_selector: str,
    focused: Callable[[Any], None],
    result_text: Callable[[Any], str],
    is_search: Callable[[str], bool],
    type_delay_ms: float,
) -> SearchMeasure:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    with _visit(site, page_url) as visit:
        page, network, log = visit.page, visit.network, visit.log
        loaded = len(log)
        page.click(input_selector)
        focused(page)
        network.settle(page)
        ready = len(log)
        page.locator(input_selector).press_sequentially(query, delay=type_delay_ms)
        start = time.monotonic()
        try:
            page.locator(result_selector).first.wait_for(state="visible")
            shown: float | None = (time.monotonic() - start) * 1000
        except PlaywrightTimeoutError:  # no result within the time limit
            shown = None
        found = len(log)
        text = result_text(page)  # the counter, or "no results"
        network.settle(page)  # let the handlers of the counted requests finish before their bytes are summed
    load, focus, typing = log[:loaded], log[loaded:ready], log[ready:found]
    search = [r for r in load if is_search(r.path)] + focus + typing
    return {
        "page": page_url,
        "query": query,
        "results_shown": shown is not None,
        "result_text": text,
        "ms_to_result": None if shown is None else round(shown, 1),
        "load": _phase(load),
        "focus": _phase(focus),
        "typing": _phase(typing),
        "search": _phase(search),
        "total": _phase(log[:found]),
        "external": visit.external,
    }


def pagefind_first_result(site: Path, page: str, query: str, *, type_delay_ms: float = TYPE_DELAY_MS) -> SearchMeasure:
    """Our portal's header search (Pagefind): what a first search downloads after the page load.

    Opens `page` (site-relative, such as `ideas/2025-0001/`) of the built `site`,
    waits until the network is quiet (phase `load`), clicks the header search box
    and waits until search.js has loaded Pagefind (its result counter leaves the
    "initializing" text; phase `focus`), then types `query` one key every
    `type_delay_ms` ms and waits until the first result is shown (phase `typing`).
    `search` is focus + typing; `total` everything from the page load on.
    """

    def focused(browser_page: Any) -> None:
        browser_page.wait_for_function(
            """selector => {
                const meta = document.querySelector(selector);
                const box = meta && meta.closest("[data-portal-search]");
                return !!box && meta.textContent.trim() === (box.getAttribute("data-placeholder") || "").trim();
            }""",
            arg=PORTAL_META,
        )

    return _first_result(
        site,
        page,
        query,
        input_selector=PORTAL_INPUT,
        result_selector=PORTAL_RESULT,
        focused=focused,
        result_text=lambda p: p.locator(PORTAL_META).inner_text().strip(),
        is_search=lambda path: False,  # the page load fetches nothing for search but search.js (part of the page)
        type_delay_ms=type_delay_ms,
    )


def material_first_result(site: Path, page: str, query: str, *, type_delay_ms: float = TYPE_DELAY_MS) -> SearchMeasure:
    """Material's built-in search (lunr worker, `search/search_index.json`) on a reference site.

    The same steps as `pagefind_first_result`, with Material's `.md-search__input`
    and `.md-search-result__item`. Material starts its search worker, which
    downloads the whole index, at the page load already, so `search` counts the
    worker, lunr's language files and the index whenever they were fetched, plus
    everything after the page load; `total` is everything from the page load
    until the first result was shown.
    """
    return _first_result(
        site,
        page,
        query,
        input_selector=MATERIAL_INPUT,
        result_selector=MATERIAL_RESULT,
        focused=lambda p: None,
        result_text=lambda p: p.locator(".md-search-result__meta").first.inner_text().strip(),
        is_search=lambda path: any(marker in path for marker in MATERIAL_SEARCH_MARKERS),
        type_delay_ms=type_delay_ms,
    )


def page_weight(site: Path, page: str) -> PageWeight:
    """The first visit of `page` with an empty cache: bytes, requests and requests to other origins.

    Requests to any origin but the local server are aborted (nothing leaves the
    machine) and listed in `external`, which must be empty for our portal.
    """
    with _visit(site, page) as visit:
        log = visit.log
    return {
        "page": page,
        "requests": len(log),
        "served": sum(r.served for r in log),
        "gzip": sum(r.gzip for r in log),
        "paths": [r.path for r in log],
        "external": visit.external,
    }


def _kb(value: int) -> str:
    return f"{value / 1000:,.1f} kB"


def _row(label: str, phase: Phase | PageWeight) -> str:
    files = phase["files"] if "files" in phase else phase["requests"]  # type: ignore[typeddict-item]
    return f"| {label} | {files} | {_kb(phase['served'])} | {_kb(phase['gzip'])} |"


def main(argv: Sequence[str] | None = None) -> int:
    """Measure one page and one query, on our portal and optionally on a Material reference site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, required=True, help="our built portal (its site/ folder)")
    parser.add_argument("--page", required=True, help="site-relative page URL, such as ideas/2025-0001/")
    parser.add_argument("--query", required=True, help="a word that occurs in the ideas")
    parser.add_argument("--material-site", type=Path, help="the built Material reference site (references.py --search)")
    parser.add_argument("--type-delay", type=float, default=TYPE_DELAY_MS, help="ms between keystrokes")
    args = parser.parse_args(argv)

    ours_weight = page_weight(args.site, args.page)
    ours = pagefind_first_result(args.site, args.page, args.query, type_delay_ms=args.type_delay)
    rows = [
        _row("Portal: page load (first visit)", ours_weight),
        _row("Portal search: focus (Pagefind start)", ours["focus"]),
        _row(f"Portal search: typing «{args.query}» until first result", ours["typing"]),
        _row("Portal search: total after page load", ours["search"]),
    ]
    notes = [
        f"Portal: results shown: {ours['results_shown']} ({ours['result_text']}), "
        f"first result {ours['ms_to_result']} ms after the last key; "
        f"requests to other origins: {len(ours_weight['external']) + len(ours['external'])}",
    ]
    if args.material_site:
        ref_weight = page_weight(args.material_site, args.page)
        ref = material_first_result(args.material_site, args.page, args.query, type_delay_ms=args.type_delay)
        rows += [
            _row("Material: page load (first visit)", ref_weight),
            _row("Material search: worker + lunr + index + after load", ref["search"]),
            _row("Material: everything from page load until first result", ref["total"]),
        ]
        notes.append(
            f"Material: results shown: {ref['results_shown']} ({ref['result_text']}), "
            f"first result {ref['ms_to_result']} ms after the last key; "
            f"requests to other origins (aborted): {len(ref_weight['external']) + len(ref['external'])}"
        )
    print("| Measure | Files | Served | gzip -6 |")
    print("|---|---:|---:|---:|")
    print("\n".join(rows))
    print()
    print("\n".join(f"- {note}" for note in notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

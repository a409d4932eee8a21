"""Search with Pagefind: the demo site's index, and the header search box in a real browser.

The demo portal is built once per module in a temporary folder (`mkdocs build`,
which indexes it with Pagefind). The browser tests need Playwright and a
Chromium at /usr/bin/chromium; they are skipped, with the reason, without them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gzip
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.browser_bench import CHROMIUM, NO_CHROMIUM, Request, launch, serve
from generator import search
from generator.errors import PortalError
from generator.search import Indexing, Shard, shards

ROOT = Path(__file__).resolve().parents[1]
FRAGMENT_MAGIC = b"pagefind_dcd"

# One extra idea whose body shows markup as text: Pagefind's excerpt of it must stay text.
HOSTILE_ID = "2026-0990"
HOSTILE_WORD = "xylofonkassen"
HOSTILE_IDEA = """\
title: En musikplads ved havnen
kind: idea
submitted: 2026-03-02
author: Anonym
category: culture
channel: web
language: da
body: |
  Skiltet ved xylofonkassen viser `<mark>`, `<img src=x onerror=window.__xss=1>`
  og `<script>window.__xss=2</script>` som tekst, så børn kan lære HTML.
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built and indexed; returns the project folder (the site is in `site/`)."""
    root = tmp_path_factory.mktemp("search-demo")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "docs/site", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "content/ideas" / f"{HOSTILE_ID}.yaml").write_text(HOSTILE_IDEA, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return root


def _ideas(root: Path) -> dict[str, dict[str, Any]]:
    """The ideas the index holds: all but the withheld, whose stub pages say only that they were withheld."""
    ideas = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (root / "content/ideas").glob("*.yaml")
    }
    return {key: idea for key, idea in ideas.items() if "withheld" not in idea}


def _fragments(site: Path, bundle: str = "pagefind") -> list[dict[str, Any]]:
    fragments = []
    for path in sorted((site / bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_MAGIC)
        fragments.append(json.loads(data[len(FRAGMENT_MAGIC) :]))
    return fragments


def _status_label(site: Path, idea_id: str) -> str:
    page = (site / "ideas" / idea_id / "index.html").read_text(encoding="utf-8")
    match = re.search(r'data-pagefind-filter="status">\s*<span[^>]*>([^<]+)<', page)
    assert match, f"no status filter on the page of {idea_id}"
    return match.group(1)


def test_index_has_every_idea_page_and_nothing_else(demo: Path) -> None:
    site = demo / "site"
    assert (site / "pagefind/pagefind.js").is_file()
    ideas = _ideas(demo)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    # One index, Danish (theme.language), so Pagefind stems with its Danish stemmer.
    assert list(entry["languages"]) == ["da"]
    assert entry["languages"]["da"]["page_count"] == len(ideas)
    fragments = _fragments(site)
    assert sorted(f["url"] for f in fragments) == sorted(f"/ideas/{idea_id}/" for idea_id in ideas)
    for fragment in fragments:
        assert fragment["filters"]["status"], fragment["url"]
        assert fragment["filters"]["category"], fragment["url"]
        assert fragment["meta"]["title"], fragment["url"]


def test_answers_are_indexed_with_their_idea(demo: Path) -> None:
    answers = sorted((demo / "content/answers").glob("*.yaml"))
    assert answers
    answer = yaml.safe_load(answers[0].read_text(encoding="utf-8"))["answers"][0]["body"]
    sentence = " ".join(answer.split()[:6])
    by_url = {f["url"]: f for f in _fragments(demo / "site")}
    assert sentence in by_url[f"/ideas/{answers[0].stem}/"]["content"]


def test_search_records_index_exactly_as_the_pages_would(demo: Path, tmp_path: Path) -> None:
    # Pagefind reads small search records, not the finished pages; run over the pages it must find the same.
    Indexing(demo / "site", tmp_path / "from-pages").finish()
    from_pages = _fragments(tmp_path, "from-pages")
    from_records = _fragments(demo / "site")
    assert len(from_records) == len(_ideas(demo))

    def key(fragments: list[dict[str, Any]]) -> list[tuple[str, ...]]:
        return sorted(
            (f["url"], f["content"], json.dumps(f["filters"], sort_keys=True), json.dumps(f["meta"], sort_keys=True))
            for f in fragments
        )

    assert key(from_records) == key(from_pages)


def test_indexing_replaces_a_stale_bundle(demo: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "index").mkdir(parents=True)
    stale = bundle / "index/da_stale.pf_index"
    stale.write_bytes(b"old")
    Indexing(demo / "site", bundle).finish()
    assert not stale.exists()
    assert (bundle / "pagefind.js").is_file()


def test_indexing_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PortalError, match="not a folder of pages"):
        Indexing(tmp_path / "missing", tmp_path / "bundle")
    (tmp_path / "index.html").write_text("<html lang='da'><body><p>Hej</p></body></html>", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(PortalError, match="no Pagefind binary"):
        Indexing(tmp_path, tmp_path / "bundle")
    false = shutil.which("false")
    assert false
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", false)
    indexing = Indexing(tmp_path, tmp_path / "bundle")
    with pytest.raises(PortalError, match="Pagefind failed with exit code 1"):
        indexing.finish()
    assert not (tmp_path / "bundle").exists()


# --- in a browser ------------------------------------------------------------------------------


class _Server:
    """The built site on 127.0.0.1 (the benchmarks' server), remembering every request and its status."""

    def __init__(self, site: Path) -> None:
        self.log: list[Request] = []
        self._stack = contextlib.ExitStack()
        self.url = self._stack.enter_context(serve(site, self.log))

    @property
    def requests(self) -> list[tuple[str, int]]:
        """Each path asked for (without its query) and the status it got, in order."""
        return [(request.path.split("?")[0], request.status) for request in self.log]

    def clear(self) -> None:
        """Forget the requests so far."""
        self.log.clear()

    def close(self) -> None:
        self._stack.close()


class _Browser:
    """Chromium driven from a thread of its own.

    Playwright's sync API refuses to start while another sync Playwright is
    running in the same thread (tests/test_browser.py keeps one for the whole
    session), so every call to this browser happens in one worker thread.
    """

    def __init__(self, server: _Server) -> None:
        from playwright.sync_api import sync_playwright

        self.server = server
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-browser")
        self.playwright = self.pool.submit(lambda: sync_playwright().start()).result()
        self.chromium = self.pool.submit(lambda: launch(self.playwright)).result()

    def check(self, test: Callable[[Any], None], width: int = 1280) -> None:
        """Run `test(page)` on a fresh page `width` pixels wide; its assertions fail the calling test."""

        def run() -> None:
            page = self.chromium.new_page(viewport={"width": width, "height": 900})
            try:
                test(page)
            finally:
                page.close()

        self.pool.submit(run).result(timeout=120)

    def close(self) -> None:
        try:
            self.pool.submit(self.chromium.close).result()
            self.pool.submit(self.playwright.stop).result()
        finally:
            self.pool.shutdown()
            self.server.close()


@pytest.fixture(scope="module")
def browser(demo: Path) -> Iterator[_Browser]:
    if not CHROMIUM.is_file():
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright (pip install playwright)")
    chromium = _Browser(_Server(demo / "site"))
    try:
        yield chromium
    finally:
        chromium.close()


def _unique_body_word(root: Path, year: str = "") -> tuple[str, str]:
    """A Danish word from the body of one idea (of `year`, if given) that no title and no other content file
    contains."""
    ideas = _ideas(root)
    texts = {path: path.read_text(encoding="utf-8").lower() for path in (root / "content").rglob("*.yaml")}
    titles = " ".join(str(idea["title"]).lower() for idea in ideas.values())
    for idea_id, idea in sorted(ideas.items()):
        if idea.get("language", "da") != "da" or not idea_id.startswith(year):
            continue
        own = root / "content/ideas" / f"{idea_id}.yaml"
        for word in re.findall(r"[a-zæøå]{9,}", str(idea["body"]).lower()):
            if word in titles:
                continue
            if not any(word in text for path, text in texts.items() if path != own):
                return idea_id, word
    pytest.fail("the demo content has no body word unique to one idea")


def test_header_search_finds_an_idea_by_a_word_of_its_body(browser: _Browser, demo: Path) -> None:
    server = browser.server
    idea_id, word = _unique_body_word(demo)

    def check(page: Any) -> None:
        server.clear()
        page.goto(server.url + "statistics/")
        page.wait_for_load_state("networkidle")
        assert not [path for path, _ in server.requests if "pagefind" in path], "a page load must not fetch the index"
        page.click(".md-search__input")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.type(word)
        link = page.locator(f".md-search-result__list a.md-search-result__link[href='/ideas/{idea_id}/']")
        link.wait_for(timeout=10_000)
        assert page.locator(".md-search-result__item mark").count() >= 1
        assert any(path.startswith("/pagefind/fragment/") for path, _ in server.requests)
        assert not [(path, code) for path, code in server.requests if code >= 400]  # no Material search_index.json
        link.click()
        page.wait_for_url(f"**/ideas/{idea_id}/")

    browser.check(check)


def test_results_carry_status_and_filters_work(browser: _Browser, demo: Path) -> None:
    server = browser.server
    idea_id, word = _unique_body_word(demo)
    status = _status_label(demo / "site", idea_id)

    def check(page: Any) -> None:
        page.goto(server.url + f"ideas/{idea_id}/")
        page.click(".md-search__input")
        page.keyboard.type(word)
        item = page.locator(".md-search-result__item", has=page.locator(f"a[href='/ideas/{idea_id}/']"))
        item.wait_for(timeout=10_000)
        assert status in item.locator(".md-tag").all_inner_texts()
        outcome = page.evaluate(
            """async ([word, status, id]) => {
                const pagefind = await import("/pagefind/pagefind.js");
                const filters = await pagefind.filters();
                const urls = async (search) => Promise.all(
                    search.results.map(async (result) => (await result.data()).url));
                const all = await pagefind.search(word);
                const data = await Promise.all(all.results.map((result) => result.data()));
                const mine = data.find((d) => d.url === `/ideas/${id}/`);
                const other = Object.keys(filters.status).find((s) => s !== status);
                return {
                    statuses: Object.keys(filters.status),
                    categories: Object.keys(filters.category || {}),
                    status: mine && mine.filters.status,
                    same: await urls(await pagefind.search(word, {filters: {status: status}})),
                    different: await urls(await pagefind.search(word, {filters: {status: other}})),
                };
            }""",
            [word, status, idea_id],
        )
        assert status in outcome["statuses"]
        assert len(outcome["statuses"]) > 1
        assert outcome["categories"]
        assert outcome["status"] == [status]
        assert f"/ideas/{idea_id}/" in outcome["same"]
        assert f"/ideas/{idea_id}/" not in outcome["different"]

    browser.check(check)


def test_phone_magnifier_opens_the_search(browser: _Browser) -> None:
    server = browser.server

    def check(page: Any) -> None:
        page.goto(server.url + "ideas/")
        page.click("header label.md-header__button[for=__search]")
        assert page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")

    browser.check(check, width=400)


def test_excerpts_stay_text(browser: _Browser) -> None:
    server = browser.server

    def check(page: Any) -> None:
        page.goto(server.url)
        page.click(".md-search__input")
        page.keyboard.type(HOSTILE_WORD)
        item = page.locator(".md-search-result__item", has=page.locator(f"a[href='/ideas/{HOSTILE_ID}/']"))
        item.wait_for(timeout=10_000)
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
        assert item.locator("img, script").count() == 0
        assert item.locator("mark").all_inner_texts() == [HOSTILE_WORD]  # Pagefind's own mark, not the body's
        text = item.inner_text()
        assert "<mark>" in text
        assert "<img src=x onerror=window.__xss=1>" in text

    browser.check(check)


# --- a large portal's index in shards ------------------------------------------------------------


def test_a_portal_up_to_the_limit_has_one_bundle_and_a_larger_one_shards_by_year() -> None:
    ids = ["2024-0001", "2024-0002", "2025-0001", "2026-0001", "2026-0002"]
    assert shards(ids, most=5) == [Shard("", "**/*.html")]  # every record, one bundle
    # Newest first, consecutive years together while they fit; the newest shard is the bundle itself.
    assert shards(ids, most=3) == [
        Shard("", "ideas/{2025,2026}-*/index.html"),
        Shard("s/2024/", "ideas/{2024}-*/index.html"),
    ]
    # A year larger than the limit is one shard of its own.
    assert shards(ids, most=1) == [
        Shard("", "ideas/{2026}-*/index.html"),
        Shard("s/2025/", "ideas/{2025}-*/index.html"),
        Shard("s/2024/", "ideas/{2024}-*/index.html"),
    ]


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal (41 ideas of 2025, 35 of 2026) built with shards of at most 40 ideas: 2026 is the
    bundle, 2025 a shard at pagefind/s/2025/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("search-sharded")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "docs/site", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "content/ideas" / f"{HOSTILE_ID}.yaml").write_text(HOSTILE_IDEA, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_IDEAS", 40)
        patch.chdir(root)
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return root


def test_each_idea_is_in_exactly_one_shard_and_every_page_names_the_older_ones(sharded: Path) -> None:
    site = sharded / "site"
    newest = {fragment["url"] for fragment in _fragments(site)}
    older = {fragment["url"] for fragment in _fragments(site, "pagefind/s/2025")}
    ideas = _ideas(sharded)
    assert newest == {f"/ideas/{idea_id}/" for idea_id in ideas if idea_id.startswith("2026")}
    assert older == {f"/ideas/{idea_id}/" for idea_id in ideas if idea_id.startswith("2025")}
    for page in ("index.html", "ideas/index.html", "ideas/2026-0001/index.html"):
        assert 'data-shards="pagefind/s/2025/"' in (site / page).read_text(encoding="utf-8")


def test_a_portal_in_one_bundle_names_no_shards(demo: Path) -> None:
    assert "data-shards" not in (demo / "site/index.html").read_text(encoding="utf-8")
    assert not (demo / "site/pagefind/s").exists()


@pytest.mark.parametrize("year", ["2025", "2026"])
def test_header_search_finds_ideas_of_every_shard(sharded: Path, year: str) -> None:
    if not CHROMIUM.is_file():
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright (pip install playwright)")
    idea_id, word = _unique_body_word(sharded, year)
    browser = _Browser(_Server(sharded / "site"))
    server = browser.server

    def check(page: Any) -> None:
        page.goto(server.url + "ideas/")
        page.click(".md-search__input")
        page.keyboard.type(word)
        link = page.locator(f".md-search-result__list a.md-search-result__link[href='/ideas/{idea_id}/']")
        link.wait_for(timeout=10_000)
        assert ("/pagefind/s/2025/pagefind-entry.json", 200) in server.requests
        assert not [(path, code) for path, code in server.requests if code >= 400]
        link.click()
        page.wait_for_url(f"**/ideas/{idea_id}/")

    try:
        browser.check(check)
    finally:
        browser.close()

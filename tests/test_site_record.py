"""The public record pages: statistics, changes, feeds, open data, how to follow, and the staff pages.

The data tests read what `build_pages` and the plugin's helpers hand the templates. The browser tests build the
demo with its dated Git history (`portal demo`), once in Danish and once in English, serve each on 127.0.0.1 and
look at the pages in Chromium at a phone's and a desktop's width, in both palettes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from generator.check import check_portal
from generator.config import load_project
from generator.demo import build as build_demo
from generator.exports import export_texts
from generator.figures import change_text
from generator.history import read_history
from generator.i18n import strings
from generator.pages import PageSpec, _Views, build_pages
from generator.site_record import data_spec, page_feeds
from generator.statuses import TABLE
from tests import test_browser
from tests.support import TODAY, PortalDir, built, mkdocs_build
from tests.test_browser import Served, _serve

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
# The browser tests' Chromium fixture, one per module (tests/test_browser.py).
browser = test_browser.browser
RECORD_PAGES = ["statistics/", "changes/", "follow/", "data/", "about/", "rules/", "privacy/", "accessibility/"]


# --- The pages' data -----------------------------------------------------------------------------------------------


def _specs(portal: PortalDir, language: str = "en") -> dict[str, PageSpec]:
    return {spec.src_uri: spec for spec in build_pages(built(portal), language, TODAY)}


@pytest.mark.parametrize(("language", "months"), [("en", ["Jan 2026", "Feb 2026"]), ("da", ["jan. 2026", "feb. 2026"])])
def test_statistics_name_months_and_link_each_department_figure(
    portal: PortalDir, language: str, months: list[str]
) -> None:
    stats = _specs(portal, language)["statistics.md"].context
    charts = {chart["key"]: chart for chart in stats["charts"]}
    assert [row["label"] for row in charts["per_month"]["rows"]] == months
    assert len(charts["statuses"]["rows"]) == len(TABLE)
    assert [row["url"] for row in charts["statuses"]["rows"]] == [f"status/{s.key}/" for s in TABLE]
    # 2026-0001 reached its 3 supporters on 2026-01-15 and roads answered on 2026-01-20: in time, 10 days after.
    roads = next(d for d in stats["departments"] if d["url"] == "departments/roads/")
    assert (roads["in_time_count"], roads["median"], roads["overdue"]) == ("1 / 1", "10", "0")
    assert roads["backlog_url"] == "departments/roads/waiting/"
    assert [row["text"] for row in charts["response"]["rows"]] == ["10"]
    assert stats["in_time"]["met"] == "1"
    assert stats["in_time"]["total"] == "1"


@pytest.fixture(scope="module")
def demo_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal with its dated Git history (new answers, status changes, a revision, a removal)."""
    root = tmp_path_factory.mktemp("demo-history") / "fjordby"
    build_demo(root)
    return root


def test_changes_are_grouped_by_day_and_read_as_news(demo_history: Path) -> None:
    project = load_project(demo_history / "mkdocs.yml")
    portal = check_portal(project, today=TODAY).portal
    assert portal is not None
    history = read_history(demo_history, project.settings.content_dir, project.settings.forge_url)
    specs = {spec.src_uri: spec for spec in build_pages(portal, "en", TODAY, history)}
    changes = specs["changes.md"].context
    days = [day["date"] for day in changes["days"]]
    assert days == sorted(days, reverse=True)
    assert len(days) == len(set(days))  # one group per day
    texts = [event["text"] for day in changes["days"] for event in day["events"]]
    assert "New answer" in texts
    for text in texts:
        moved = re.search(r": (.+) → (.+)$", text)
        assert moved is None or moved.group(1) != moved.group(2), text
    first = changes["days"][0]["events"][0]
    assert first["url_idea"].startswith("ideas/")
    assert {s["key"] for s in changes["statuses"]} <= {s.key for s in TABLE}


@pytest.mark.parametrize(
    ("kind", "before", "after", "text"),
    [
        ("answered", "under_review", "under_review", "New answer"),
        ("answered", "new", "planned", "Status changed: New → Planned"),
        ("revised", "planned", "planned", "Published answer revised"),
        ("revised", "planned", "declined", "Answer revised: Planned → Declined"),
        ("revised", "planned", None, "Published answer withdrawn"),
        ("removed", "new", None, "Idea removed (its status was New)"),
    ],
)
def test_a_change_says_what_it_did(portal: PortalDir, kind: str, before: str, after: str | None, text: str) -> None:
    views = _Views(built(portal), "en", TODAY)
    assert change_text(views, kind, before, after) == text


def test_each_page_announces_its_own_feeds(portal: PortalDir) -> None:
    specs = _specs(portal)
    home = page_feeds(specs["index.md"], "en", changes=True)
    assert [feed["href"] for feed in home] == ["feeds/ideas.xml", "feeds/answers.xml", "feeds/changes.xml"]
    assert [f["href"] for f in page_feeds(specs["index.md"], "en", changes=False)] == [
        "feeds/ideas.xml",
        "feeds/answers.xml",
    ]
    idea = page_feeds(specs["ideas/2026-0001.md"], "en", changes=True)
    assert idea == [{"href": "feeds/ideas/2026-0001.xml", "title": "A safe bike lane on Harbour Road (Atom)"}]
    assert [f["href"] for f in page_feeds(specs["changes.md"], "en", changes=True)] == ["feeds/changes.xml"]
    assert page_feeds(specs["statistics.md"], "en", changes=True) == []


def test_the_data_page_describes_the_files_the_build_writes(portal: PortalDir) -> None:
    texts = export_texts(built(portal), site_url=None, today=TODAY)
    files = {f["name"]: f for f in data_spec(texts, "en").context["files"]}
    ideas = json.loads(texts["ideas.json"])
    assert files["ideas.json"]["rows"] == str(len(ideas)) == "2"
    assert files["ideas.csv"]["rows"] == "2"
    votes = list(csv.reader(io.StringIO(texts["votes.csv"])))
    assert files["votes.csv"]["rows"] == str(len(votes) - 1)
    assert files["answers.json"]["rows"] == "2"
    assert files["ideas.csv"]["size"] == f"{round(len(texts['ideas.csv'].encode()) / 1000, 1)} kB"
    assert [field["name"] for field in files["ideas.csv"]["fields"]][:2] == ["id", "url"]
    assert files["ideas.json"]["fields"] == []
    context = data_spec(texts, "da").context
    assert context["licences"][0]["name"] == "Creative Commons Zero v1.0 Universal"
    assert "idea.schema.json" in [s["name"] for s in context["schemas"]]


def test_a_rebuild_describes_the_new_data(portal: PortalDir) -> None:
    """The Open data page is made after the other pages' keys: a rebuild that reuses them still counts anew."""
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write("mkdocs.yml", "theme: {name: material, font: false}\n" + config)
    (portal.root / "docs").mkdir()

    def ideas_rows() -> str:
        result = mkdocs_build(portal.root)
        assert result.returncode == 0, result.stderr
        page = (portal.root / "site/data/index.html").read_text(encoding="utf-8")
        found = re.search(r'ideas\.csv</a></th>.*?data-label="Rows"><span>([^<]+)</span>', page, re.DOTALL)
        assert found is not None
        return found.group(1)

    assert ideas_rows() == "2"
    idea = (portal.root / "content/ideas/2026-0002.yaml").read_text(encoding="utf-8")
    portal.write("content/ideas/2026-0003.yaml", idea.replace("Sundays", "Saturdays"))
    assert ideas_rows() == "3"


# --- The built site in Chromium ------------------------------------------------------------------------------------


def _demo_site(root: Path, language: str) -> Path:
    """Build the demo (with its history) in `language`; the English one keeps the default staff pages only."""
    build_demo(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: da", f"language: {language}"), "utf-8")
    if language != "da":
        # The demo's own about page is Danish staff text; the English site shows the English defaults.
        subprocess.run(["git", "rm", "-q", "content/pages/about.md"], cwd=root, check=True)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The Danish demo with history, served."""
    yield from _serve(_demo_site(tmp_path_factory.mktemp("record") / "fjordby", "da"))


@pytest.fixture(scope="module")
def record_en(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The same demo built in English, served."""
    yield from _serve(_demo_site(tmp_path_factory.mktemp("record-en") / "fjordby", "en"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_serious_accessibility_findings(
    browser: Browser, record: Served, scheme: str, viewport: ViewportSize
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme, viewport=viewport)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        found = []
        for path in RECORD_PAGES:
            page.goto(record.url(path))
            results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
            found += [
                f"{path}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        assert found == []
    finally:
        context.close()


CHART_GEOMETRY = """() => [...document.querySelectorAll('.portal-bars')].map(chart => {
  const box = chart.getBoundingClientRect();
  const texts = [...chart.querySelectorAll('.portal-bars__label, .portal-bars__value')].map(t => {
    const r = t.getBoundingClientRect();
    return {size: parseFloat(getComputedStyle(t).fontSize), left: r.left, right: r.right, top: r.top,
            bottom: r.bottom, clipped: t.scrollWidth > t.clientWidth + 1};
  });
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, height: box.height, texts};
})"""


def _charts(page: Page, served: Served, viewport: ViewportSize) -> list[dict[str, object]]:
    page.set_viewport_size(viewport)
    page.goto(served.url("statistics/"))
    charts: list[dict[str, object]] = page.evaluate(CHART_GEOMETRY)
    return charts


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_keep_a_readable_size_at_every_width(browser: Browser, record: Served, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        phone, desktop = _charts(page, record, PHONE), _charts(page, record, DESKTOP)
        assert len(phone) == len(desktop) == 3
        for width, charts in (("phone", phone), ("desktop", desktop)):
            for chart in charts:
                for text in chart["texts"]:  # type: ignore[attr-defined]
                    assert 12 <= text["size"] <= 20, (width, text)
                    assert not text["clipped"], (width, text)
                    inside = (
                        chart["left"] - 1 <= text["left"]  # type: ignore[operator]
                        and text["right"] <= chart["right"] + 1  # type: ignore[operator]
                        and chart["top"] - 1 <= text["top"]  # type: ignore[operator]
                        and text["bottom"] <= chart["bottom"] + 1  # type: ignore[operator]
                    )
                    assert inside, (width, chart, text)
        # Bars do not grow with the window: a desktop chart is never taller than twice the phone's.
        for on_phone, on_desktop in zip(phone, desktop, strict=True):
            assert on_desktop["height"] <= 2 * on_phone["height"]  # type: ignore[operator]
        # Nor the page: at 1280 px it is within twice the phone's charts' height (the issue saw 3,200 px of bars).
        desktop_page = page.evaluate("document.documentElement.scrollHeight")
        assert desktop_page <= 2 * sum(chart["height"] for chart in phone)  # type: ignore[misc]
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        page.set_viewport_size(PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_the_data_tables_are_visible_under_each_chart(browser: Browser, record: Served) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(record.url("statistics/"))
        tables = page.locator(".portal-chart table")
        assert tables.count() == 3
        for index in range(3):
            assert tables.nth(index).is_visible()
        assert page.locator(".portal-stats table a[href$='/waiting/']").count() >= 1
    finally:
        context.close()


def _changes_state(page: Page) -> dict[str, object]:
    state: dict[str, object] = page.evaluate(
        """() => ({
        department: document.getElementById('portal-department').value,
        status: document.getElementById('portal-status').value,
        shown: [...document.querySelectorAll('.portal-change')].filter(r => !r.hidden && r.offsetParent !== null)
               .map(r => [r.dataset.department, r.dataset.status]),
        total: document.querySelectorAll('.portal-change').length,
        url: location.search})"""
    )
    return state


def test_changes_filters_round_trip_through_the_address(browser: Browser, record: Served) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(record.url("changes/?department=roads&status=done"))
        state = _changes_state(page)
        assert (state["department"], state["status"]) == ("roads", "done")
        assert state["shown"]
        assert all(shown == ["roads", "done"] for shown in state["shown"])  # type: ignore[attr-defined]
        page.select_option("#portal-status", "")
        state = _changes_state(page)
        assert state["url"] == "?department=roads"
        assert {d for d, _ in state["shown"]} == {"roads"}  # type: ignore[attr-defined]
        page.reload()
        assert _changes_state(page)["department"] == "roads"
        page.select_option("#portal-department", "")
        assert _changes_state(page)["url"] == ""
        assert len(_changes_state(page)["shown"]) == _changes_state(page)["total"]  # type: ignore[arg-type]
        text = page.locator("main, .md-content").first.inner_text()
        for before, after in re.findall(r"([^\n:·]+?) → ([^\n·]+?)(?:\s·|\n|$)", text):
            assert before.strip() != after.strip(), f"{before} → {after}"
        # Each entry starts with the idea; the commit link comes second.
        first = page.locator(".portal-change").first.locator("a")
        assert "/ideas/" in (first.nth(0).get_attribute("href") or "")
        assert "commit" in (first.nth(1).get_attribute("href") or "")
    finally:
        context.close()


def test_changes_without_javascript_list_everything(browser: Browser, record: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(record.url("changes/?department=roads"))
        assert not page.locator("#portal-changes-filter").is_visible()
        rows = page.locator(".portal-change")
        assert rows.count() > 20
        assert rows.last.is_visible()
    finally:
        context.close()


def _alternates(page: Page) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = page.evaluate(
        """() => [...document.querySelectorAll('head link[rel=alternate][type="application/atom+xml"]')]
        .map(l => [l.getAttribute('title'), new URL(l.getAttribute('href'), location.href).pathname])"""
    )
    return links


def test_feeds_are_announced_and_exist(browser: Browser, record: Served) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        expected = {
            "": ["/feeds/ideas.xml", "/feeds/answers.xml", "/feeds/changes.xml"],
            "ideas/2025-0019/": ["/feeds/ideas/2025-0019.xml"],
            "changes/": ["/feeds/changes.xml"],
            "follow/": ["/feeds/ideas.xml", "/feeds/answers.xml", "/feeds/changes.xml"],
        }
        for path, feeds in expected.items():
            page.goto(record.url(path))
            links = _alternates(page)
            assert [href for _, href in links] == feeds, path
            for title, href in links:
                assert title
                assert (record.site / href.lstrip("/")).is_file(), href
        page.goto(record.url("ideas/2025-0019/"))
        assert page.locator("#follow a[href$='/follow/']").count() == 1  # the idea's feed, explained
        page.goto(record.url("follow/"))
        assert page.locator(".portal-feeds a[href*='feeds/ideas/']").count() == 1
        # Every page links the staff pages and the follow page at its foot.
        page.goto(record.url("statistics/"))
        footer = [a.get_attribute("href") for a in page.locator(".portal-footer-links a").all()]
        assert [href.rstrip("/").rsplit("/", 1)[-1] for href in footer if href] == [
            "about",
            "rules",
            "privacy",
            "accessibility",
            "follow",
            "data",
        ]
    finally:
        context.close()


def test_an_english_build_speaks_english_on_these_pages(browser: Browser, record_en: Served) -> None:
    danish = {
        value
        for key, value in strings("da").items()
        if value != strings("en")[key] and len(value) >= 6 and "{" not in value
    }
    context = browser.new_context()
    try:
        page = context.new_page()
        for path in RECORD_PAGES:
            page.goto(record_en.url(path))
            # Ideas' titles and departments' names are content, written in whichever language; the rest is UI.
            page.evaluate("document.querySelectorAll('.portal-change__title').forEach(e => e.remove())")
            text = page.locator("body").inner_text()
            found = sorted(value for value in danish if value in text)
            assert found == [], (path, found)
        page.goto(record_en.url("statistics/"))
        assert "Jan 2025" in page.locator(".portal-chart").first.inner_text()
        page.goto(record_en.url("about/"))
        assert page.locator("h1").inner_text().startswith("About ")
    finally:
        context.close()


def test_the_danish_demo_shows_its_own_about_page_and_the_default_rules(browser: Browser, record: Served) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(record.url("about/"))
        assert page.locator("h1").inner_text() == "Om Fjordby Idéportal"
        page.goto(record.url("rules/"))
        assert page.locator("h1").inner_text() == "Regler for bidrag"
        page.goto(record.url("accessibility/"))
        assert "2016/2102" in page.locator(".portal-staff-page").inner_text()
    finally:
        context.close()


def test_screenshots_script_runs_on_a_tiny_portal(portal: PortalDir, tmp_path: Path) -> None:
    """`make screenshots`' script: it builds the portal it is given and writes small PNGs where it is told."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write("mkdocs.yml", "theme: {name: material, font: false}\n" + config)
    (portal.root / "docs").mkdir()
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, str(script), "--portal", str(portal.root), "--out", str(out), "--idea", "2026-0001"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode == 3:
        pytest.skip(result.stderr.strip())
    assert result.returncode == 0, result.stderr
    shots = sorted(path.name for path in out.glob("*.png"))
    assert "home-phone.png" in shots
    assert "statistics-desktop.png" in shots
    assert len(shots) == 10
    assert all(path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for path in out.glob("*.png"))

"""The citizen's pages in a real browser: home, idea page, lists, backlogs, 404; keyboard, contrast, language.

Built like tests/test_browser.py (its fixtures and helpers are reused): the demo portal in a temporary copy,
served on 127.0.0.1, opened in the system's Chromium at a phone's (390×844) and a desktop's (1280×800) size,
in the light and the dark palette. Without Chromium the tests are skipped, saying why.
"""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from generator.i18n import strings
from tests.support import PortalDir, mkdocs_build
from tests.test_browser import REPO, Served, _build, _serve, browser, demo

__all__ = ["browser", "demo"]  # fixtures of tests/test_browser.py, used here by name

SIZES: dict[str, ViewportSize] = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# An idea with support under the demo's threshold of 50, an overdue one, a new one and a list of each kind.
UNDER_THRESHOLD = "2025-0012"
OVERDUE = "2025-0040"
UNDER_THRESHOLD_PLACE = yaml.safe_load((REPO / f"content/ideas/{UNDER_THRESHOLD}.yaml").read_text("utf-8"))["location"]
PAGES = [
    "",
    "ideas/2025-0002/",
    f"ideas/{OVERDUE}/",
    "ideas/",
    "status/new/",
    "categories/traffic/newest/",
    "departments/roads/",
    "departments/roads/waiting/",
    "404.html",  # Python's test server does not send it for unknown addresses; the page is what matters
]


@pytest.fixture(params=[(size, scheme) for size in SIZES for scheme in ("light", "dark")], ids="-".join)
def looks(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    """A browser context at each screen size, in each palette (chosen, as people do, by the system setting)."""
    size, scheme = request.param
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)
    yield context
    context.close()


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=SIZES[request.param])
    yield context
    context.close()


@pytest.fixture(scope="module")
def demo_en(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo portal built with `theme.language: en`."""
    root = tmp_path_factory.mktemp("demo-en")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  language: da\n", "  language: en\n"), encoding="utf-8")
    for folder in ("content", "docs/site", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    yield from _serve(_build(root))


def _serious(page: Page, where: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    return [
        f"{where}: {v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# --- Accessibility: axe-core on every page of this part, and on the open search overlay ----------------------------


def test_no_serious_accessibility_violations(demo: Served, looks: BrowserContext) -> None:
    page = looks.new_page()
    found = []
    for path in PAGES:
        page.goto(demo.url(path))
        found += _serious(page, path or "home")
    assert found == []


def test_the_open_search_overlay_passes_axe(demo: Served, looks: BrowserContext) -> None:
    page = looks.new_page()
    page.goto(demo.url())
    if page.viewport_size and page.viewport_size["width"] < 960:
        page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("[data-portal-search] input.md-search__input")
    box.click()
    box.press_sequentially("cykelsti")
    expect(page.locator("[data-portal-search] .md-search-result__item").first).to_be_visible()
    expect(page.locator("[data-portal-search] .md-search-result .md-tag").first).to_be_visible()
    expect(page.locator("[data-portal-search] .md-search-result mark").first).to_be_visible()
    assert _serious(page, "search overlay") == []


# --- Keyboard -------------------------------------------------------------------------------------------------------

# Where keyboard focus is, and whether a person can see it: the focused element (or, for Material's
# visually hidden palette radio, the toggle label right after it) must have a size, be visible and opaque.
FOCUSED = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  const described = el.outerHTML.slice(0, 120);
  if (el.matches("input.md-option")) el = el.nextElementSibling;
  const box = el.getBoundingClientRect();
  let opacity = 1;
  for (let node = el; node; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
  const style = getComputedStyle(el);
  const inViewport = box.right > 0 && box.bottom > 0 && box.left < innerWidth;
  return {described, width: box.width, height: box.height, visibility: style.visibility, opacity, inViewport,
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== "none"};
}"""


def test_the_first_tab_focuses_the_skip_link(demo: Served, sized: BrowserContext) -> None:
    page = sized.new_page()
    page.goto(demo.url())
    page.keyboard.press("Tab")
    skip = page.locator("a.portal-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Gå til indholdet")
    expect(skip).to_have_css("opacity", "1")  # Material fades it in on focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "portal-main"


@pytest.mark.parametrize("path", ["", "ideas/"])
def test_tabbing_never_focuses_a_hidden_element(demo: Served, sized: BrowserContext, path: str) -> None:
    page = sized.new_page()
    page.goto(demo.url(path))
    hidden = []
    for tab in range(1, 31):
        page.keyboard.press("Tab")
        page.wait_for_timeout(60)  # let Material's and the portal's focus transitions end
        focused: dict[str, Any] | None = page.evaluate(FOCUSED)
        assert focused is not None, f"tab {tab}: focus left the page"
        visible = (
            focused["width"] > 0
            and focused["height"] > 0
            and focused["visibility"] == "visible"
            and focused["opacity"] > 0.5
            and focused["inViewport"]
        )
        if not visible or not (focused["outline"] or focused["shadow"]):
            hidden.append(f"tab {tab}: {focused}")
    assert hidden == []


def test_a_keyboard_opens_the_drawer_and_the_search_on_a_phone(demo: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=SIZES["phone"])
    try:
        page = context.new_page()
        page.goto(demo.url("ideas/"))
        drawer = page.locator("header label[data-portal-button][for='__drawer']")
        expect(drawer).to_have_attribute("role", "button")
        expect(drawer).to_have_accessible_name("Navigation")
        nav = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Statistik")
        expect(nav).to_be_hidden()  # closed: out of sight and out of the tab order
        drawer.focus()
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        page.reload()
        magnifier = page.locator("header label[data-portal-button][for='__search']")
        magnifier.focus()
        page.keyboard.press(" ")
        expect(page.locator("[data-portal-search] input.md-search__input")).to_be_focused()
    finally:
        context.close()


def _luminance(colour: str) -> float:
    values = [float(v) for v in re.findall(r"[\d.]+", colour)[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    a, b = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_search_box_can_be_seen_and_shows_focus(demo: Served, browser: Browser, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(demo.url())
        box = page.locator("#portal-q")
        expect(page.locator("label[for='portal-q']")).to_have_text("Søg i idéer og svar")
        border, background = box.evaluate(
            """el => {
              let bg = "rgba(0, 0, 0, 0)";
              for (let n = el.parentElement; n && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg); n = n.parentElement)
                bg = getComputedStyle(n).backgroundColor;
              return [getComputedStyle(el).borderTopColor, bg];
            }"""
        )
        assert _contrast(border, background) >= 3, (border, background)
        assert float(box.evaluate("el => parseFloat(getComputedStyle(el).borderTopWidth)")) >= 1
        before = box.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).boxShadow]")
        box.focus()
        expect(box).to_be_focused()
        # The focus style may arrive a frame later on a busy machine: wait for it (it never comes if there is none).
        page.wait_for_function("el => getComputedStyle(el).outlineStyle !== 'none'", arg=box.element_handle())
        after = box.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).boxShadow]")
        assert after != before
        assert after[0] != "none"
        # A form to the list of all ideas (so it works without JavaScript), where the header's search opens
        # with the words.
        box.fill("cykelsti")
        # The navigation itself: once the list's search box has the words, search.js may tidy the address.
        with page.expect_navigation(url=re.compile(r"/ideas/\?q=cykelsti$")):
            box.press("Enter")
        expect(page.locator("[data-portal-search] input.md-search__input")).to_have_value("cykelsti")
        # Pagefind loads its index and WebAssembly first: on a busy machine that takes more than the default 5 s.
        expect(page.locator("[data-portal-search] .md-search-result__item").first).to_be_visible(timeout=20_000)
    finally:
        context.close()


# --- Cards, figures, the idea page ------------------------------------------------------------------------------------

MARKERS = """() => [...document.querySelectorAll(".portal-card, .portal-figure, .portal-chips li")].filter(el => {
  const style = getComputedStyle(el);
  const marker = getComputedStyle(el, "::marker").content;
  return style.display === "list-item" && style.listStyleType !== "none" && marker !== "none";
}).map(el => el.outerHTML.slice(0, 80))"""


def test_cards_and_figures_have_no_list_markers(demo: Served, sized: BrowserContext) -> None:
    page = sized.new_page()
    for path in ("", "ideas/", f"ideas/{OVERDUE}/", "departments/roads/waiting/"):
        page.goto(demo.url(path))
        assert page.locator(".portal-card").count() > 0, path
        assert page.evaluate(MARKERS) == [], path


def test_key_figures_lie_in_one_row_on_a_desktop(demo: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=SIZES["desktop"])
    try:
        page = context.new_page()
        page.goto(demo.url())
        tops = page.locator(".portal-figure").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
        assert len(tops) == 3
        assert len(set(tops)) == 1, tops
    finally:
        context.close()


def test_the_main_actions_are_big_enough_to_tap(demo: Served, browser: Browser) -> None:
    context = browser.new_context(viewport=SIZES["phone"])
    try:
        page = context.new_page()
        small = []
        for path, selector in (
            ("", ".portal-main-actions a, .portal-search button, .portal-chips a"),
            ("ideas/", ".portal-filter select, .portal-filter input, .portal-filter .md-button, .portal-chips a"),
            (f"ideas/{OVERDUE}/", ".portal-actions .md-button"),
        ):
            page.goto(demo.url(path))
            if path == "ideas/":
                # On a phone the filter form starts folded behind its button, so the list comes first.
                expect(page.locator("#portal-filter-fields")).to_be_hidden()
                page.locator(".portal-filter__toggle").click()
                expect(page.locator("#portal-filter-fields")).to_be_visible()
            for box in page.locator(selector).evaluate_all(
                "els => els.map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().width,"
                " e.getBoundingClientRect().height])"
            ):
                if box[1] < 44 or box[2] < 44:
                    small.append(f"{path}: {box}")
        assert small == []
    finally:
        context.close()


def test_the_idea_page_shows_support_toward_the_threshold(demo: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(demo.url(f"ideas/{UNDER_THRESHOLD}/"))
        progress = page.get_by_role("progressbar")
        expect(progress).to_have_attribute("max", "50")
        expect(progress).to_have_attribute("value", "13")
        expect(progress).to_have_accessible_name("13 af de 50 støtter, der udløser et officielt svar")
        expect(page.locator(".portal-support__count")).to_have_text("13 støtter")
        assert "Status" not in page.locator(".portal-facts").inner_text()
        # The public place the idea concerns (`location:`), in the facts, under the site's word for it.
        expect(page.locator(".portal-facts dt", has_text="Sted")).to_have_count(1)
        expect(page.locator(".portal-facts dt:text-is('Sted') + dd")).to_have_text(UNDER_THRESHOLD_PLACE)

        page.goto(demo.url(f"ideas/{OVERDUE}/"))
        expect(page.get_by_role("progressbar")).to_have_attribute("value", "50")
        expect(page.locator(".portal-support__duty")).to_have_text(re.compile(r"^Svar forsinket i \d+ dage$"))
        expect(page.locator(".portal-idea__kicker")).to_contain_text("Ny")
        expect(page.locator(".portal-idea__kicker")).to_contain_text(OVERDUE)
        expect(page.locator(".portal-facts")).to_contain_text("Kultur og Fritid")  # its category's department
        # "Follow" lands on a section of the page that says what a feed is, and links the feed from there.
        page.get_by_role("link", name="Følg denne idé").click()
        expect(page).to_have_url(re.compile("#follow$"))
        follow = page.locator("#follow")
        expect(follow).to_be_in_viewport()
        expect(follow).to_contain_text("feedlæser")
        expect(follow.locator("a[type='application/atom+xml']")).to_have_attribute(
            "href", re.compile(rf"feeds/ideas/{OVERDUE}\.xml$")
        )
    finally:
        context.close()


def test_the_answer_timeline_shows_status_changes(demo: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(demo.url("ideas/2025-0002/"))
        first = page.locator(".portal-timeline > li").first
        expect(first.locator(".portal-answer__status")).to_contain_text("Ny")
        expect(first.locator(".portal-answer__status")).to_contain_text("Under behandling")
        expect(first.locator(".portal-answer__head time")).to_be_visible()
        expect(first.locator(".portal-answer__signed")).to_contain_text("Underskrevet")
    finally:
        context.close()


def test_an_unanswered_idea_is_on_its_departments_list_and_backlog(demo: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(demo.url("departments/culture/"))
        expect(page.locator(f"#portal-list a[href$='ideas/{OVERDUE}/']")).to_have_count(1)
        page.goto(demo.url("departments/culture/waiting/"))
        cards = page.locator(".portal-card")
        expect(cards.first).to_contain_text(OVERDUE)  # overdue first
        expect(cards.first.locator(".portal-duty--overdue")).to_be_visible()
        expect(cards.first).to_contain_text(re.compile(r"har ventet \d+ dage"))
        page.goto(demo.url())
        page.locator(".portal-chips a[href$='departments/culture/waiting/']").click()
        expect(page).to_have_url(re.compile(r"departments/culture/waiting/$"))
    finally:
        context.close()


def test_a_filtered_list_lives_in_its_address(demo: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(demo.url("ideas/"))
        page.locator("#filter-status").select_option("new")
        page.locator("#filter-department").select_option("culture")
        expect(page).to_have_url(re.compile(r"ideas/\?status=new&department=culture$"))
        shown = page.locator("#portal-list > li:not([hidden])")
        expect(shown.first).to_be_visible()
        for status, department in shown.evaluate_all("els => els.map(e => [e.dataset.status, e.dataset.department])"):
            assert (status, department) == ("new", "culture")
        shared = page.url
        page.goto(demo.url())
        page.goto(shared)
        expect(page.locator("#filter-status")).to_have_value("new")
        assert page.locator("#portal-list > li:not([hidden])").count() == shown.count()
        page.locator("#filter-sort").select_option("waiting")
        expect(page.locator("#portal-list > li:not([hidden])").first).to_contain_text(OVERDUE)
        # The list of one category starts with it chosen; narrowing it further leads to the list of all ideas.
        page.goto(demo.url("categories/traffic/"))
        expect(page.locator("#filter-category")).to_have_value("traffic")
        page.locator("#filter-status").select_option("new")
        page.locator(".portal-filter button[type='submit']").click()
        expect(page).to_have_url(re.compile(r"ideas/\?status=new&category=traffic$"))
        categories = page.locator("#portal-list > li:not([hidden])").evaluate_all(
            "els => els.map(e => e.dataset.category)"
        )
        assert categories
        assert set(categories) == {"traffic"}
    finally:
        context.close()


def test_without_javascript_the_filters_are_links(demo: Served, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo.url("ideas/"))
        expect(page.locator("[data-portal-filter]")).to_be_hidden()
        page.locator(".portal-orders a", has_text="Længst ventende først").click()
        expect(page).to_have_url(re.compile(r"ideas/waiting/$"))
        expect(page.locator(".portal-card").first).to_contain_text("forsinket")
        page.locator(".portal-lists a[href$='status/new/']").click()
        expect(page.locator("h1")).to_contain_text("Ny")
    finally:
        context.close()


def test_the_404_page_offers_a_way_on(demo: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(demo.url("404.html"))
        expect(page.locator("h1")).to_have_text("Siden findes ikke")
        expect(page.locator("form[role='search'] input[name='q']")).to_be_visible()
        expect(page.locator(".portal-chips a")).to_have_count(4)
    finally:
        context.close()


# --- Language -------------------------------------------------------------------------------------------------------

PALETTE_SITE = """\
site_name: Test portal
docs_dir: pages
theme:
  name: material
  font: false
  language: sv
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Mörkt är bäst}
plugins:
  - portal:
      languages: [en, da]
      support_threshold: 3
"""


def test_the_palette_toggle_speaks_the_site_language(portal: PortalDir) -> None:
    """No browser needed: the plugin names an unnamed toggle in the site's language and keeps a given name."""
    portal.write("mkdocs.yml", PALETTE_SITE)
    portal.write("pages/.keep", "")
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    home = (portal.root / "site/index.html").read_text(encoding="utf-8")
    assert 'title="Byt till mörkt läge"' in home
    assert 'title="Mörkt är bäst"' in home
    assert "Hoppa till innehållet" in home  # the skip link, in Swedish too
    # Material's footer line, which it prints in English in every language.
    assert "Skapad med" in home
    assert "Made with" not in home


def _danish_phrases() -> list[str]:
    """The fixed parts of every Danish UI string that English says differently, long enough not to be a word
    that citizens' own Danish text could hold by chance."""
    english, danish = strings("en"), strings("da")
    phrases = set()
    for key, text in danish.items():
        if text == english[key]:
            continue
        for piece in re.split(r"\{[^}]*\}", text):
            phrase = piece.strip(" :·.,")
            if len(phrase) >= 9:
                phrases.add(phrase)
    return sorted(phrases)


# Citizens' and staff's own words (titles, bodies, answers, signatures) are in the language they wrote them.
CONTENT = ".portal-body, .portal-answer__body, .portal-card__heading, .portal-idea__head h1, .portal-answer__signed"


def test_an_english_site_shows_no_danish_interface(demo_en: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        phrases = _danish_phrases()
        assert "Venter på svar" in phrases
        found = []
        for path in PAGES:
            page.goto(demo_en.url(path))
            page.evaluate(f"document.querySelectorAll({CONTENT!r}).forEach(el => el.remove())")
            text = page.locator("body").inner_text()
            labels = " ".join(
                page.locator("[title], [aria-label]").evaluate_all(
                    "els => els.map(e => (e.title || '') + ' ' + (e.getAttribute('aria-label') || ''))"
                )
            )
            found += [f"{path or 'home'}: {phrase!r}" for phrase in phrases if phrase in text or phrase in labels]
        assert found == []
        page.goto(demo_en.url())
        toggles = page.locator("form[data-md-component='palette'] label").evaluate_all("els => els.map(e => e.title)")
        assert toggles == ["Switch to dark mode", "Switch to light mode"]
        page.goto(demo_en.url(f"ideas/{OVERDUE}/"))
        expect(page.locator(".portal-facts")).to_contain_text("Website")  # channel `web`, in words
        expect(page.locator(".portal-support__duty")).to_have_text(re.compile(r"^Answer overdue by \d+ days$"))
    finally:
        context.close()


# --- Weight ------------------------------------------------------------------------------------------------------

# What a first visit to an idea page may transfer, everything included (the budget).
IDEA_PAGE_BUDGET = 150 * 1024
# Served compressed, as the forge's Pages serves them; fonts and images are compressed already.
COMPRESSED = re.compile(r"\.(?:html|css|js|json|svg|xml|txt)$|/$")


def test_an_idea_page_transfers_at_most_150_kb_from_its_own_origin(demo: Served, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        responses: list[Any] = []

        def keep(response: Any) -> None:  # Playwright wraps its handlers: a bound builtin cannot be one
            responses.append(response)

        page.on("response", keep)
        page.goto(demo.url(f"ideas/{OVERDUE}/"), wait_until="networkidle")
        sizes = {}
        for response in responses:
            body = response.body() if response.status == 200 else b""
            path = response.url.split("?")[0]
            sizes[path] = len(gzip.compress(body, 6)) if COMPRESSED.search(path) else len(body)
        assert all(url.startswith(f"{demo.origin}/") for url in sizes), list(sizes)
        assert any(url.endswith(f"ideas/{OVERDUE}/") for url in sizes)
        assert sum(sizes.values()) <= IDEA_PAGE_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])[:5]
    finally:
        context.close()

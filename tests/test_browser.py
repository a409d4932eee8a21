"""The built site in a real browser: hostile content stays inert, nothing leaves the origin, pages work.

Each site is built once per module with `mkdocs build`, served on 127.0.0.1
and opened in Chromium through Playwright (one browser per session). The
browser is the system's Chromium (`/usr/bin/chromium`, or the path in
PORTAL_CHROMIUM); without it the browser tests are skipped, saying why.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    Locator,
    Page,
    Playwright,
    Request,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser_bench import CHROMIUM, NO_CHROMIUM, launch, serve  # the benchmarks' Chromium and server
from generator.render import ATTRIBUTES, TAGS
from tests.support import (
    ANSWERS,
    CATEGORIES,
    DEPARTMENTS,
    IDEA,
    MKDOCS,
    QUESTION,
    VOTES,
    mkdocs_build,
)

REPO = Path(__file__).resolve().parent.parent
SUPPORT_URL = "https://support.example.org/sign"

# --- Hostile content --------------------------------------------------------------------------------------------
# Every vector tries to set window.__xss (frames: top.__xss) or to open a dialog. Titles and the other one-line
# fields are plain text (3–150 characters for titles); bodies and answers are Markdown.

X = "window.__xss=1"
F = "top.__xss=1;alert(1)"  # inside a frame, where window is the frame's own

TITLES = [
    f"<img src=x onerror={X}>",
    f"<script>{X}</script>",
    f'"><svg onload={X}>',
    "'><script>alert(1)</script>",
    f"</title><script>{X}</script>",
    f"</textarea><img src=x onerror={X}>",
    f'<!--<img src="--><img src=x onerror={X}//">',
    f"&lt;img src=x onerror={X}&gt; (entities must stay text)",
    f"</script><script>{X}</script>",
    f"javascript:{X}",
    f'<iframe srcdoc="<script>{F}</script>"></iframe>',
    f"<a href=javascript:{X}>click</a>",
    "{{ 7*7 }} {% if true %}jinja{% endif %} ${7*7}",
    f"<style>*{{display:none}}</style><body onload={X}>",
    f'<math><mtext><table><mglyph><style><img src=x onerror="{X}">',
]

ONE_LINERS = [  # author (≤80), summary, location (≤200) and the answers' `signed` (3–120)
    f"<img src=x onerror={X}>",
    f'" onmouseover="{X}" x="',
    f"<svg/onload={X}>",
    f"</dd><script>{X}</script>",
    f"<details open ontoggle={X}>",
]

BODIES = [
    f"<script>{X}</script>",
    f"<svg onload={X}>",
    f"<svg/onload={X}><svg><script>{X}</script></svg>",
    f"[click me](javascript:{X})",
    f'<a href="jAvAsCrIpT:{X}">mixed case</a>',
    f'<iframe srcdoc="<script>{F}</script>"></iframe>',
    f'<object data="data:text/html,<script>{F}</script>"></object><embed src="data:text/html,<script>{F}</script>">',
    f'<style>body{{display:none}} *{{background:url("javascript:{X}")}}</style>Styled away?',
    f"<math><mtext><table><mglyph><style><img src=x onerror={X}>",
    f'<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;'
    f'onerror={X}&gt;">',
    f"<details open ontoggle={X}><summary>open me</summary>x</details>",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    '<a href="data:text/html,<script>alert(1)</script>">data</a> '
    f'<a href="data:image/svg+xml,<svg onload={X}>">svg</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a> '
    '<a href="&#x6A;avascript&colon;alert(1)">hex and named entities</a> '
    f"[md entities](&#106;avascript:{X}) [tab](java\tscript:{X}) [space]( javascript:{X})",
    f'<base href="javascript:{X}//"><base href="https://evil.invalid/">[relative](x/)',
    f'<meta http-equiv="refresh" content="0;url=javascript:{X}">'
    '<meta http-equiv="refresh" content="0;url=https://evil.invalid/">',
    f'<form action="javascript:{X}"><button>go</button><button formaction="javascript:{X}">go</button></form>',
    f'[break out](https://a.example/" onmouseover="{X}) '
    f'<a href="https://a.example/" onmouseover="{X}">attr</a> '
    f'[title](https://a.example/ "t\\" onmouseover=\\"{X}")',
    f'![pic](https://a.example/x.png "\\" onerror=\\"{X}") ![pic2](x" onerror="{X})',
    f"<img src=x onerror={X}><video><source onerror={X}></video><audio src=x onerror={X}></audio>",
    f"<input autofocus onfocus={X}><body onload={X}><marquee onstart={X}>m</marquee>",
    f'<svg><a xlink:href="javascript:{X}"><text x="20" y="20">svg link</text></a>'
    f"<animate onbegin={X} attributeName=x dur=1s></animate></svg>",
    f'<noscript><p title="</noscript><img src=x onerror={X}>"></noscript>',
    f"<scr<script>ipt>{X}</scr</script>ipt> <<script>script>{X}<</script>/script>",
    f"<!-- --><script>{X}</script> -->",
    f"</section></div></article><script>{X}</script>",
    f'<div style="background:url(javascript:{X})">styled</div><p style="x:expression(alert(1))">ie</p>',
    f"| a | b |\n|---|---|\n| <img src=x onerror={X}> | [x](javascript:{X}) |",
    f"```html\n<img src=x onerror={X}>\n```\n\nand `<script>{X}</script>` inline",
    f"<javascript:{X}>\n\n[ref link][r]\n\n[r]: javascript:{X}",
    '<a href="vbscript:msgbox(1)">vb</a> <link rel="stylesheet" href="https://evil.invalid/x.css">',
    f'<img srcset="x 1x" onerror={X}><picture><source srcset=x><img src=x onerror={X}></picture>',
    f"<isindex type=image src=1 onerror={X}><xss onafterscriptexecute={X}>x</xss>",
    "<svg><foreignObject><iframe srcdoc='<script>top.__xss=1</script>'></iframe></foreignObject></svg>",
    f"<template><img src=x onerror={X}></template><slot onclick={X}>s</slot>",
]

# Elements left open at the end of a body: whatever follows (the answers) must still show.
UNCLOSED = [
    "<div>\n\nunclosed div",
    "<textarea>\nunclosed textarea",
    "<style>\n#answer-1, .portal-answers { display: none }",
    "<title>unclosed title",
    "<noscript>unclosed noscript",
    "<xmp>unclosed xmp",
    "<plaintext>unclosed plaintext",
    "<iframe>unclosed iframe",
    "<script>unclosed script",
    "text then <!-- an unclosed comment",
    "<select><option>unclosed select",
    "<template>unclosed template",
    "<noembed>unclosed noembed",
    "<table><tr><td>unclosed table",
    "<a href='https://a.example/'>unclosed link",
    "<svg><desc>unclosed svg",
    "<math><mi>unclosed math",
    "<![CDATA[ unclosed cdata",
    "<details><summary>closed details hides the rest",
    "<div style='position:fixed;inset:0;background:#fff;z-index:9'>overlay",
]

ANSWER_BODIES = [
    f"<script>{X}</script>We are looking into it.",
    f"[our plan](javascript:{X})",
    f"<img src=x onerror={X}>",
    "<textarea>\nunclosed textarea in an answer",
    "<style>\n#answer-2 { display: none }",
    "<div>\n\nunclosed div in an answer",
    f'<iframe srcdoc="<script>{F}</script>">',
]

# Long unbroken words, for the phone-sized screen.
WORD = "Donaudampfschifffahrtsgesellschaftskapitänskajüte"
LONG_URL = "https://example.org/" + "a" * 120
LONG_IDEA = (
    f"title: {LONG_URL}\nkind: idea\nsubmitted: 2026-01-10\nauthor: Maja H.\ncategory: traffic\nchannel: web\n"
    f"body: |\n  {LONG_URL}{LONG_URL} `{WORD * 3}`\n\n  ```\n  {WORD * 4}\n  ```\n\n"
    f"  | {WORD} | {WORD} | {WORD} |\n  |---|---|---|\n  | a | b | c |\n"
)
LONG_ID = "2026-0900"

# Vectors in the address: the site has no script that reads them, so they must stay inert too.
URL_VECTORS = [
    f"ideas/?q=<img src=x onerror={X}>",
    f'ideas/2026-0001/#"><img src=x onerror={X}>',
    f"propose/#<script>{X}</script>",
]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in text.split("\n"))


def _idea_yaml(title: str, body: str, n: int) -> str:
    return (
        f"title: {_quoted(title)}\nkind: idea\nsubmitted: 2026-01-10\n"
        f"author: {_quoted(ONE_LINERS[n % len(ONE_LINERS)])}\ncategory: traffic\nchannel: web\n"
        f"summary: {_quoted(ONE_LINERS[(n + 1) % len(ONE_LINERS)])}\n"
        f"location: {_quoted(ONE_LINERS[(n + 2) % len(ONE_LINERS)])}\n"
        f"body: {_block(body, 2)}"
    )


def _answers_yaml(body: str, n: int) -> str:
    signed = ONE_LINERS[(n + 3) % len(ONE_LINERS)]
    return (
        "answers:\n"
        f"  - date: 2026-01-20\n    status: under_review\n    department: roads\n    signed: {_quoted(signed)}\n"
        f"    body: {_block(body, 6)}"
        "  - date: 2026-02-01\n    status: under_review\n    department: roads\n    signed: Ann Berg, Head of Roads\n"
        "    body: |\n      The second answer.\n"
    )


@dataclass(frozen=True)
class HostileIdea:
    id: str
    title: str
    body: str


def _hostile_ideas() -> list[HostileIdea]:
    bodies = BODIES + UNCLOSED
    count = max(len(bodies), len(TITLES))
    return [HostileIdea(f"2026-{n + 3:04d}", TITLES[n % len(TITLES)], bodies[n % len(bodies)]) for n in range(count)]


HOSTILE = _hostile_ideas()
TITLE_OF = {idea.id: idea.title for idea in HOSTILE}
UNCLOSED_IDS = [idea.id for idea in HOSTILE if idea.body in UNCLOSED]
VECTOR_COUNT = len(TITLES) + len(ONE_LINERS) + len(BODIES) + len(UNCLOSED) + len(ANSWER_BODIES) + len(URL_VECTORS)


# --- Building and serving ---------------------------------------------------------------------------------------


def _build(root: Path) -> Path:
    result = mkdocs_build(root)
    assert result.returncode == 0, f"mkdocs build failed in {root}:\n{result.stderr}"
    return root / "site"


@dataclass(frozen=True)
class Served:
    """A built site and the address it is served on."""

    site: Path
    origin: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"


def _serve(site: Path) -> Iterator[Served]:
    with serve(site) as base:
        yield Served(site, base.rstrip("/"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The repository's demo portal, built in a temporary copy (the repository's site/ stays untouched)."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "docs/site", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    yield from _serve(_build(root))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A small portal whose ideas and answers carry the XSS vectors above, with a support link."""
    root = tmp_path_factory.mktemp("hostile")
    files = {
        "mkdocs.yml": (
            f"docs_dir: pages\ntheme: {{name: material, font: false}}\n{MKDOCS}      support_url: {SUPPORT_URL}\n"
        ),
        "content/categories.yaml": CATEGORIES,
        "content/departments.yaml": DEPARTMENTS,
        "content/ideas/2026-0001.yaml": IDEA,
        "content/ideas/2026-0002.yaml": QUESTION,
        "content/answers/2026-0001.yaml": ANSWERS,
        "content/votes/2026-0001.yaml": VOTES,
        f"content/ideas/{LONG_ID}.yaml": LONG_IDEA,
    }
    for n, idea in enumerate(HOSTILE):
        files[f"content/ideas/{idea.id}.yaml"] = _idea_yaml(idea.title, idea.body, n)
        files[f"content/answers/{idea.id}.yaml"] = _answers_yaml(ANSWER_BODIES[n % len(ANSWER_BODIES)], n)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "pages").mkdir()
    yield from _serve(_build(root))


# Module scope, not session scope: Playwright's sync API allows one running instance per thread, and other test
# modules (tests/test_search.py) start their own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for all the tests here; skipped, saying why, where there is none."""
    if not CHROMIUM.is_file():
        pytest.skip(NO_CHROMIUM)
    playwright: Playwright = sync_playwright().start()
    try:
        browser = launch(playwright)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


def _pages(site: Path, *suffixes: str) -> list[str]:
    """Site-relative URLs of every page: folders for index.html, file names for the rest."""
    urls = []
    for path in sorted(p for suffix in suffixes for p in site.rglob(f"*{suffix}")):
        relative = path.relative_to(site).as_posix()
        urls.append(relative.removesuffix("index.html"))
    return urls


# --- 1. Hostile content stays inert -----------------------------------------------------------------------------

# Every on* attribute and script-running URL anywhere in the document, every frame-like element, and every element
# or attribute inside rendered Markdown that the renderer's allow-list does not name.
AUDIT = """([tags, attributes]) => {
  const found = [];
  const url = /^(javascript|vbscript|data:text\\/html)/i;
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith("on")) found.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"].includes(a.name)
          && url.test(a.value.replace(/[\\s\\u0000-\\u001f]/g, ""))) {
        found.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
    const framing = ["iframe", "frame", "object", "embed", "base", "frameset"].includes(el.localName);
    if (framing || (el.localName === "meta" && el.hasAttribute("http-equiv"))) found.push(el.outerHTML.slice(0, 300));
  }
  for (const root of document.querySelectorAll(".portal-body, .portal-answer__body")) {
    for (const el of root.querySelectorAll("*")) {
      if (el.localName === "div" && /^md-typeset__(scrollwrap|table)$/.test(el.className)) continue;  // Material
      const allowed = attributes[el.localName] || [];
      if (!tags.includes(el.localName)) found.push(`not allowed: ${el.outerHTML.slice(0, 300)}`);
      for (const a of el.attributes) {
        const ours = (el.localName === "a" && a.name === "rel")  // added by the sanitiser
          || (el.localName === "pre" && a.name === "id" && /^__code_\\d+$/.test(a.value))  // added by Material
          || (["pre", "code"].includes(el.localName) && a.name === "tabindex" && a.value === "0");  // Material
        if (!allowed.includes(a.name) && !ours)
          found.push(`attribute not allowed: <${el.localName} ${a.name}="${a.value}">`);
      }
    }
  }
  return found;
}"""


def test_there_are_enough_vectors() -> None:
    assert VECTOR_COUNT >= 25
    assert all(3 <= len(title) <= 150 for title in TITLES)


def test_hostile_content_never_runs_script(hostile: Served, context: BrowserContext) -> None:
    problems: list[str] = []
    page = context.new_page()
    page.set_default_timeout(5_000)

    def dialog(opened: Dialog) -> None:
        problems.append(f"{page.url}: a dialog opened: {opened.type} {opened.message!r}")
        opened.dismiss()

    def request(sent: Request) -> None:
        if not _local(sent, hostile):
            problems.append(f"{page.url}: request to {sent.url}")

    page.on("dialog", dialog)
    context.on("request", request)
    context.route(re.compile(rf"^(?!{re.escape(hostile.origin)}/)(https?|wss?)://"), lambda route: route.abort())
    for url in _pages(hostile.site, ".html", ".xml") + URL_VECTORS:
        try:
            page.goto(hostile.url(url), wait_until="load")
            problems += [f"{url}: {problem}" for problem in _inspect(page, hostile.url(url))]
        except PlaywrightError as error:
            problems.append(f"{url}: {error.message.splitlines()[0]}")
    # The propose page lists matching titles from data/ideas.json while one types.
    page.goto(hostile.url("propose/"))
    page.locator("#portal-propose").fill("img script svg onerror onload iframe style textarea math title")
    expect(page.locator("#portal-matches a").first).to_be_visible()
    if page.evaluate("typeof window.__xss") != "undefined":
        problems.append("propose/: window.__xss was set by a listed title")
    assert not problems, "\n".join(problems)


def _local(request: Request, served: Served) -> bool:
    return request.url.startswith(f"{served.origin}/") or request.url.startswith(("data:", "blob:", "about:"))


def _inspect(page: Page, url: str) -> list[str]:
    """What is wrong with the page just loaded from `url`."""
    problems = []
    if page.evaluate("typeof window.__xss") != "undefined":
        problems.append("window.__xss was set")
    if len(page.frames) != 1:
        problems.append(f"{len(page.frames)} frames")
    if urlsplit(page.url).path != urlsplit(url).path:
        problems.append(f"navigated away to {page.url}")
    problems += page.evaluate(AUDIT, [sorted(TAGS), {tag: sorted(names) for tag, names in ATTRIBUTES.items()}])
    match = re.search(r"/ideas/(\d{4}-\d{4})/$", urlsplit(url).path)
    if match and match.group(1) in TITLE_OF:
        title = TITLE_OF[match.group(1)]
        shown = page.locator("article h1").inner_text()
        if shown != title:
            problems.append(f"the title shows as {shown!r}, not as the text {title!r}")
        for selector in ("#answer-1", "#answer-2", "#answer-2 .portal-answer__signed"):
            if not page.locator(selector).is_visible():
                problems.append(f"{selector} is hidden")
    return problems


def test_elements_left_open_do_not_swallow_the_answers(hostile: Served, context: BrowserContext) -> None:
    page = context.new_page()
    assert len(UNCLOSED_IDS) == len(UNCLOSED)
    for idea_id in UNCLOSED_IDS:
        page.goto(hostile.url(f"ideas/{idea_id}/"))
        assert page.locator("#answer-1").is_visible(), idea_id
        assert page.locator("#answer-2").is_visible(), idea_id
        assert page.locator(".portal-answers h2").is_visible(), idea_id


# --- 2. No request leaves the origin ----------------------------------------------------------------------------


def test_no_request_leaves_the_origin(demo: Served, context: BrowserContext) -> None:
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for path in ("", "ideas/2025-0019/", "ideas/", "statistics/", "propose/", "data/", "about/"):
        page.goto(demo.url(path), wait_until="networkidle")
        if path == "propose/":
            page.locator("#portal-propose").press_sequentially("Åbn svømmehallen om søndagen")
            expect(page.locator("#portal-matches a").first).to_be_visible()
    assert any(url.endswith("/data/ideas.json") for url in requests)
    leaving = [url for url in requests if not url.startswith(f"{demo.origin}/")]
    assert not leaving, leaving


# --- 3. Without JavaScript --------------------------------------------------------------------------------------


def _ids(demo: Served) -> list[str]:
    return sorted(path.stem for path in (demo.site.parent / "content/ideas").glob("*.yaml"))


def _listed(demo: Served) -> list[str]:
    """The ideas the lists show: all but the withheld (whose stub pages no list links)."""
    ideas = json.loads((demo.site / "data/ideas.json").read_text(encoding="utf-8"))
    return sorted(i["id"] for i in ideas if i["withheld_reason"] is None)


def test_pages_work_without_javascript(demo: Served, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo.url())
        links = page.locator(".portal-cards a.portal-card__title")
        assert links.count() >= 6
        expect(links.first).to_be_visible()
        assert all(re.search(r"ideas/\d{4}-\d{4}/$", href or "") for href in _hrefs(links))

        page.goto(demo.url("ideas/2025-0019/"))
        expect(page.locator(".portal-body")).to_be_visible()
        expect(page.locator(".portal-body")).to_contain_text("søndag")
        answers = page.locator(".portal-answer")
        assert answers.count() >= 2
        for index in range(answers.count()):
            expect(answers.nth(index)).to_be_visible()

        ideas = json.loads((demo.site / "data/ideas.json").read_text(encoding="utf-8"))
        category = ideas[0]["category"]
        for path, expected in (
            ("ideas/", _listed(demo)),
            ("ideas/newest/", _listed(demo)),
            (
                f"categories/{category}/",
                sorted(i["id"] for i in ideas if i["category"] == category and i["withheld_reason"] is None),
            ),
        ):
            page.goto(demo.url(path))
            hrefs = _hrefs(page.locator("a.portal-card__title"))
            linked = [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]
            assert sorted(linked) == expected, path
    finally:
        context.close()


def _hrefs(locator: Locator) -> list[str]:
    return [str(href) for href in locator.evaluate_all("links => links.map(a => a.href)")]


# --- 4. Proposing: matches and the personal-data warning --------------------------------------------------------


def test_propose_shows_matches_and_warns_about_personal_data(demo: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(demo.url("propose/"))
    box = page.locator("#portal-propose")
    box.press_sequentially("svømmehallen")
    match = page.locator("#portal-matches a", has_text="2025-0019")
    expect(match).to_be_visible()
    expect(match).to_contain_text("svømmehallen")
    assert str(match.get_attribute("href")).endswith("ideas/2025-0019/")
    warning = page.locator("#portal-pii")
    expect(warning).to_be_hidden()
    box.fill("Skriv til mig på someone@example.org om svømmehallen")
    expect(warning).to_be_visible()
    box.fill("Længere åbningstid i svømmehallen")
    expect(warning).to_be_hidden()


# --- 5. The support link ----------------------------------------------------------------------------------------


def test_the_support_button_links_to_the_support_url(hostile: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(hostile.url("ideas/2026-0001/"))
    button = page.locator(".portal-actions a.md-button--primary")
    expect(button).to_have_attribute("href", f"{SUPPORT_URL}?idea=2026-0001")


# --- 6. Phone-sized screens -------------------------------------------------------------------------------------


def test_idea_pages_fit_a_phone(demo: Served, hostile: Served, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for url in (
            demo.url("ideas/2025-0019/"),
            demo.url(f"ideas/{_longest_word_idea(demo)}/"),
            hostile.url(f"ideas/{LONG_ID}/"),
        ):
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{url} is {width}px wide on a 390px screen"
    finally:
        context.close()


def _longest_word_idea(demo: Served) -> str:
    def longest(path: Path) -> int:
        return max(len(word) for word in path.read_text(encoding="utf-8").split())

    return max(sorted((demo.site.parent / "content/ideas").glob("*.yaml")), key=longest).stem


# --- 7. Every idea exactly once ---------------------------------------------------------------------------------


def test_every_idea_appears_exactly_once(demo: Served) -> None:
    ids = _ids(demo)
    assert len(ids) > 50
    pages = sorted(path.parent.name for path in (demo.site / "ideas").glob("*/index.html"))
    assert pages == sorted([*ids, "newest", "waiting"])
    exported = Counter(item["id"] for item in json.loads((demo.site / "data/ideas.json").read_text(encoding="utf-8")))
    assert sorted(exported) == ids
    assert set(exported.values()) == {1}
    feeds = sorted(path.stem for path in (demo.site / "feeds/ideas").glob("*.xml"))
    assert feeds == ids


# --- Accessibility -------------------------------------------------------------------------------------------------

A11Y_PAGES = ["", "ideas/2025-0019/", "ideas/", "statistics/", "propose/", "data/", "changes/", "about/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser: Browser, demo: Served, scheme: str) -> None:
    """WCAG 2.1 AA as axe-core checks it, on every page type, in both palettes (chosen by the system setting)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        found = []
        for path in A11Y_PAGES:
            page.goto(demo.url(path))
            results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
            found += [
                f"{path or 'home'}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        assert found == []
    finally:
        context.close()

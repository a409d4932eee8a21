"""Taking part without an account: the support channels' settings and links, and the Propose page's hand-over.

The browser tests open real builds in Debian's Chromium; no request leaves
127.0.0.1: links are read, never followed, and the few clicks that would leave
are caught with `page.route`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from generator.models import Settings
from generator.personal_data import find_personal_data
from generator.personal_data_js import exported, to_js
from generator.propose import LIMITS, forge_options
from tests.support import ANSWERS, CATEGORIES, DEPARTMENTS, IDEA, MKDOCS, QUESTION, VOTES, PortalDir
from tests.test_browser import REPO, Served, _build, _serve, browser, context, demo

__all__ = ["browser", "context", "demo"]  # fixtures shared with tests/test_browser.py

FORGE = "https://github.com/fjordby-example/idea-portal"
FORM = "https://forms.example.org/support?case={id}&about={title}"
INTAKE_FORM = "https://forms.example.org/propose?kind={kind}&title={title}&text={text}&topic={category}"
SUPPORT_MAIL = "support@fjordby.example.org"
IDEAS_MAIL = "ideas@fjordby.example.org"
OFFLINE = "at the citizens' service desk in the town hall"
TITLE = "A safe bike lane on Harbour Road"
CLOSED_ANSWER = """\
answers:
  - date: 2026-02-10
    status: answered
    department: culture
    signed: Bo Lund, Head of Culture
    body: |
      Sundays 10 to 16.
"""
CHANNELS = f"""\
      forge_url: {FORGE}
      support:
        form: "{FORM}"
        email: {SUPPORT_MAIL}
        forge: true
        offline: "{OFFLINE}"
      intake_email: {IDEAS_MAIL}
      intake_form: "{INTAKE_FORM}"
      contact_allowlist: ["@fjordby.example.org"]
"""


# --- Settings ---------------------------------------------------------------------------------------------------


def _settings(**options: object) -> Settings:
    return Settings.model_validate(options)


def test_several_channels_at_once() -> None:
    settings = _settings(
        forge_url=FORGE, support={"form": FORM, "email": SUPPORT_MAIL, "forge": True, "offline": OFFLINE}
    )
    assert settings.channels.form == FORM
    assert settings.channels.email == SUPPORT_MAIL
    assert settings.channels.forge
    assert settings.channels.offline == OFFLINE


def test_the_old_support_url_is_read_as_a_form_channel() -> None:
    assert _settings(support_url="https://support.example.org/sign").channels.form == (
        "https://support.example.org/sign?idea={id}"
    )
    assert _settings(support_url="https://support.example.org/sign?a=1").channels.form == (
        "https://support.example.org/sign?a=1&idea={id}"
    )
    assert not _settings().channels.any


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"support": {"form": "http://forms.example.org/{id}"}}, "must start with https://"),
        ({"support": {"form": "https://forms.example.org/support"}}, "needs {id} where the idea's id goes"),
        ({"support": {"form": "https://forms.example.org/{id}/{name}"}}, "unknown placeholder(s) {name}"),
        ({"support": {"forge": True}}, "forge: true needs forge_url"),
        ({"support": {"email": "not an address"}}, "should match pattern"),
        ({"support": {"sms": "1234"}}, "Extra inputs are not permitted"),
        ({"support_url": "https://a.example.org", "support": {"form": FORM}}, "remove support_url"),
        ({"intake_form": "https://forms.example.org/?t={titel}"}, "has the unknown placeholder(s) {titel}"),
    ],
)
def test_channel_settings_are_checked(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        _settings(**options)


def test_a_bad_channel_is_reported_by_the_command_line(portal: PortalDir) -> None:
    portal.write("mkdocs.yml", MKDOCS + "      support:\n        forge: true\n        form: https://x.example.org/\n")
    result = portal.validate()
    assert result.exit_code == 1
    assert "mkdocs.yml" in result.output
    assert "support.form: needs {id}" in result.output
    assert "Traceback" not in result.output


def test_an_idea_may_name_its_issue(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0001.yaml", IDEA + "issue: 0\n")
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/ideas/2026-0001.yaml:" in result.output
    assert "must be 1 or more" in result.output
    portal.write("content/ideas/2026-0001.yaml", IDEA + "issue: 12\n")
    assert portal.validate().exit_code == 0


# --- The page's data: personal-data patterns, issue forms, stop words -------------------------------------------


def test_every_exported_pattern_is_the_validators_own() -> None:
    data = exported()
    assert {p["kind"] for p in data["patterns"]} == {"email", "iban", "cpr", "personnummer", "phone"}
    assert "(?P<" not in str(data)


def test_python_only_syntax_is_not_exported() -> None:
    with pytest.raises(ValueError, match="JavaScript lacks"):
        to_js(re.compile(r"(?P<a>x)(?P=a)"))
    with pytest.raises(ValueError, match="JavaScript lacks"):
        to_js(re.compile(r"abc", re.IGNORECASE))


def test_the_issue_forms_give_every_category_an_option() -> None:
    options = forge_options(REPO)
    categories = set(re.findall(r"^  ([a-z_]+):$", (REPO / "content/categories.yaml").read_text(), re.MULTILINE))
    assert set(options) == {"idea", "question"}
    for kind in ("idea", "question"):
        assert set(options[kind]) == categories
        assert options[kind]["traffic"].endswith("(traffic)")
    assert forge_options(REPO / "no-such-folder") == {}


# --- A built portal with every channel --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_channel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A small portal with all four support channels, a form, e-mail and forge for proposals, and issue forms."""
    root = tmp_path_factory.mktemp("participation")
    files = {
        "mkdocs.yml": "docs_dir: pages\ntheme: {name: material, font: false}\n" + MKDOCS + CHANNELS,
        "content/categories.yaml": CATEGORIES,
        "content/departments.yaml": DEPARTMENTS,
        "content/ideas/2026-0001.yaml": IDEA + "issue: 7\n",
        "content/ideas/2026-0002.yaml": QUESTION,
        "content/ideas/2026-0003.yaml": IDEA.replace(TITLE, "Benches & shade at the harbour"),
        "content/answers/2026-0001.yaml": ANSWERS,
        "content/answers/2026-0002.yaml": CLOSED_ANSWER,
        "content/votes/2026-0001.yaml": VOTES,
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "pages").mkdir()
    forms = root / ".github" / "ISSUE_TEMPLATE"
    forms.mkdir(parents=True)
    # The test portal's two categories, written as the repository's forms write theirs.
    options = '        - "Trafik · Traffic (traffic)"\n        - "Kultur · Culture (culture)"\n'
    for name in ("idea.yml", "question.yml"):
        text = (REPO / ".github/ISSUE_TEMPLATE" / name).read_text(encoding="utf-8")
        text = re.sub(r"(      options:\n)(        - \".*\(\w+\)\"\n)+", lambda m: m.group(1) + options, text)
        (forms / name).write_text(text, encoding="utf-8")
    yield from _serve(_build(root))


def _ways(page: Page) -> dict[str, str]:
    links = page.locator(".portal-actions a[data-channel]")
    return {str(link.get_attribute("data-channel")): str(link.get_attribute("href")) for link in links.all()}


def test_an_open_idea_shows_each_channel_with_its_exact_address(every_channel: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(every_channel.url("ideas/2026-0001/"))
    primary = page.locator(".portal-actions a.md-button--primary")
    expect(primary).to_have_count(1)
    expect(primary).to_have_text("Support this idea")
    title = quote(TITLE, safe="")
    subject = quote(f"Support for 2026-0001: {TITLE}", safe="")
    body = quote(f"I support idea 2026-0001: {TITLE}", safe="")
    assert _ways(page) == {
        "form": f"https://forms.example.org/support?case=2026-0001&about={title}",
        "forge": f"{FORGE}/issues/7",
        "email": f"mailto:{SUPPORT_MAIL}?subject={subject}&body={body}",
    }
    assert primary.get_attribute("data-channel") == "form"
    how = page.locator(".portal-support__how")
    expect(how).to_contain_text("Each person counts once")
    ways = page.locator(".portal-support__ways")
    expect(ways).to_contain_text("a thumbs-up (👍; a free GitHub account is needed)")
    expect(ways).to_contain_text(f"Send the prepared e-mail to {SUPPORT_MAIL}")
    expect(ways).to_contain_text(f"In person: {OFFLINE}. Staff count these supports")


def test_an_idea_without_an_issue_has_no_forge_way(every_channel: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(every_channel.url("ideas/2026-0003/"))
    assert set(_ways(page)) == {"form", "email"}


def test_a_closed_idea_says_support_is_closed(every_channel: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(every_channel.url("ideas/2026-0002/"))
    assert _ways(page) == {}
    expect(page.locator(".portal-support__closed")).to_have_text("Support is closed: the status is Answered.")


def test_the_demo_shows_the_whole_loop(demo: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(demo.url("ideas/2025-0002/"))
    ways = _ways(page)
    assert ways["forge"] == f"{FORGE}/issues/3"
    assert ways["email"].startswith("mailto:stoette@fjordby.example.org?subject=St%C3%B8tte%20til%202025-0002")
    expect(page.locator(".portal-actions a.md-button--primary")).to_have_text("Støt denne idé")
    page.goto(demo.url("ideas/2025-0001/"))
    expect(page.locator(".portal-support__closed")).to_have_text("Støtte er lukket: status er Besvaret.")


# --- Proposing: the whole text to every channel -----------------------------------------------------------------


BODY = "Children cycle to school along Harbour Road.\n\nA protected lane, with kerbs & lights, would make it safe."


def _propose(page: Page, served: Served, *, kind: str = "idea", title: str = TITLE, text: str = BODY) -> None:
    page.goto(served.url("propose/"))
    page.locator(f"input[name=kind][value={kind}]").check()
    page.locator("#portal-propose-title").fill(title)
    page.locator("#portal-propose").fill(text)
    page.locator("#portal-propose-category").select_option("traffic")


def _link(page: Page, channel: str) -> str:
    return str(page.locator(f'.portal-handover__link[data-channel="{channel}"]').get_attribute("href"))


def test_the_whole_proposal_goes_to_each_channel(every_channel: Served, context: BrowserContext) -> None:
    page = context.new_page()
    _propose(page, every_channel, kind="question")
    forge = urlsplit(_link(page, "forge"))
    assert f"{forge.scheme}://{forge.netloc}{forge.path}" == f"{FORGE}/issues/new"
    assert parse_qs(forge.query) == {
        "template": ["question.yml"],
        "title": [TITLE],
        "text": [BODY],
        "category": ["Trafik · Traffic (traffic)"],
    }
    mail = urlsplit(_link(page, "email"))
    assert mail.scheme == "mailto"
    assert mail.path == IDEAS_MAIL
    assert parse_qs(mail.query) == {
        "subject": [f"Question: {TITLE}"],
        "body": [f"Question: {TITLE}\nCategory: Traffic (traffic)\n\n{BODY}\n"],
    }
    form = urlsplit(_link(page, "form"))
    assert parse_qs(form.query) == {"kind": ["question"], "title": [TITLE], "text": [BODY], "topic": ["traffic"]}
    expect(page.locator("#portal-copy")).to_be_hidden()
    expect(page.locator("#portal-propose-nojs")).to_be_hidden()


def test_clicking_hands_over_and_nothing_leaves_the_page_itself(every_channel: Served, context: BrowserContext) -> None:
    page = context.new_page()
    _propose(page, every_channel)
    opened: list[str] = []

    def catch(route: Route) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, body="caught", content_type="text/plain")

    page.route("https://forms.example.org/**", catch)
    page.locator('.portal-handover__link[data-channel="form"]').click()
    page.wait_for_url("https://forms.example.org/**")
    assert len(opened) == 1
    assert parse_qs(urlsplit(opened[0]).query)["text"] == [BODY]


def test_a_text_too_long_for_a_link_is_offered_to_copy(every_channel: Served, context: BrowserContext) -> None:
    page = context.new_page()
    long_text = ("The harbour road needs a protected lane. " * 230).strip()
    assert len(long_text) > LIMITS["forge"]
    _propose(page, every_channel, text=long_text)
    forge = _link(page, "forge")
    assert len(forge) <= LIMITS["forge"]
    assert parse_qs(urlsplit(forge).query)["title"] == [TITLE]
    assert "text" not in parse_qs(urlsplit(forge).query)
    note = page.locator('[data-too-long="forge"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("too long")
    for channel in ("email", "form"):
        assert len(_link(page, channel)) <= LIMITS[channel]
    copy = page.locator("#portal-copy-text")
    expect(copy).to_be_visible()
    assert long_text in copy.input_value()
    page.locator("#portal-copy-button").click()
    expect(page.locator("#portal-copy-status")).not_to_be_empty()
    selected = page.evaluate(
        "() => { const t = document.getElementById('portal-copy-text'); "
        "return t.selectionEnd - t.selectionStart === t.value.length; }"
    )
    status = page.locator("#portal-copy-status").inner_text()
    assert status == "Copied." or (selected and "Ctrl+C" in status)


PERSONAL = [
    ("My CPR number is 010190-1234, call me", "a CPR number", "Danish CPR number", "010190-1234"),
    ("Write to maja.h@example.org about it", "an e-mail address", "e-mail address", "maja.h@example.org"),
    ("Ring me on +45 20 30 40 50 in the evening", "a phone number", "phone number", "20 30 40 50"),
    ("Mit nummer er 070-123 45 67", "a phone number", "phone number", "070-123 45 67"),
]


@pytest.mark.parametrize(("text", "named", "validator_kind", "value"), PERSONAL)
def test_personal_data_blocks_the_hand_over_without_echoing_it(
    every_channel: Served, context: BrowserContext, text: str, named: str, validator_kind: str, value: str
) -> None:
    # The validator finds the same kind: the page and intake agree.
    assert [f.kind for f in find_personal_data(text)] == [validator_kind]
    page = context.new_page()
    _propose(page, every_channel, text=f"{BODY}\n{text}")
    warning = page.locator("#portal-pii")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(named)
    assert value not in warning.inner_text()
    for link in page.locator(".portal-handover__link").all():
        assert link.get_attribute("href") is None
        assert link.get_attribute("aria-disabled") == "true"
    before = page.url
    page.locator('.portal-handover__link[data-channel="forge"]').click(force=True)
    assert page.url == before
    # Removing it sends again.
    page.locator("#portal-propose").fill(BODY)
    expect(warning).to_be_hidden()
    assert "Harbour" in _link(page, "forge")


@pytest.mark.parametrize(
    "text",
    [
        "See idea 2025-0019 and the plan of 2025-2026; buses at 07.30 and 16.45",
        "Write to borgerservice@fjordby.example.org for the opening hours",
        "The budget is 1.500.000 kr. from 2026-03-01",
    ],
)
def test_ordinary_text_is_not_blocked(every_channel: Served, context: BrowserContext, text: str) -> None:
    assert find_personal_data(text, allow=["@fjordby.example.org"]) == []
    page = context.new_page()
    _propose(page, every_channel, text=text)
    expect(page.locator("#portal-pii")).to_be_hidden()
    assert "text=" in _link(page, "forge")


def test_without_javascript_every_channel_is_a_plain_link(every_channel: Served, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(every_channel.url("propose/"))
        assert _link(page, "forge") == f"{FORGE}/issues/new?template=idea.yml"
        assert _link(page, "email") == f"mailto:{IDEAS_MAIL}"
        assert _link(page, "form") == "https://forms.example.org/propose?kind=&title=&text=&topic="
        expect(page.locator("#portal-propose-nojs")).to_contain_text("Without JavaScript, the text you type here")
    finally:
        context.close()


def test_similar_ideas_show_statuses_in_the_site_language(demo: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(demo.url("propose/"))
    page.locator("#portal-propose").press_sequentially("svømmehallen om søndagen")
    match = page.locator("#portal-matches li", has_text="2025-0019")
    expect(match).to_be_visible()
    expect(match.locator(".portal-matches__status")).to_have_text(" · Gennemført")
    statuses = page.locator(".portal-matches__status").all_inner_texts()
    assert not any(re.search(r"Done|Answered|In progress|New\b", s) for s in statuses)


def test_stop_words_alone_find_nothing(demo: Served, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(demo.url("propose/"))
    page.locator("#portal-propose").press_sequentially("det er ikke noget for kommunen")
    page.wait_for_timeout(200)
    expect(page.locator("#portal-matches li")).to_have_count(0)


def test_an_english_build_reads_in_english(tmp_path: Path, context: BrowserContext) -> None:
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, tmp_path / name)
    for folder in ("content", "docs/site", "schemas", ".github"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: da", "language: en"), encoding="utf-8")
    for served in _serve(_build(tmp_path)):
        page = context.new_page()
        page.goto(served.url("ideas/2025-0002/"))
        expect(page.locator(".portal-actions a.md-button--primary")).to_have_text("Support this idea")
        page.goto(served.url("propose/"))
        page.locator("#portal-propose").press_sequentially("svømmehallen")
        expect(
            page.locator("#portal-matches li", has_text="2025-0019").locator(".portal-matches__status")
        ).to_have_text(" · Done")

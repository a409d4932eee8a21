"""Community answers: citizens answering each other, stored beside the official answers."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import frictionless
import pytest
from playwright.sync_api import Browser, expect

from generator.check import check_portal
from generator.config import load_project
from generator.exports import write_exports
from generator.feeds import write_feeds
from generator.pages import build_pages
from tests.support import ANSWERS, CATEGORIES, DEPARTMENTS, IDEA, MKDOCS, QUESTION, TODAY, PortalDir, built, run_cli
from tests.test_browser import Served, _build, _serve, browser
from tests.test_feeds import root

COMMUNITY = """\
community:
  - date: 2026-02-02
    name: Lone
    body: |
      The library is open on Sundays from 10 to 16.
  - date: 2026-02-03
    body: |
      The opening hours are on the board by the door, too.
    confirmed:
      department: culture
      signed: Ida Holm, librarian
      date: 2026-02-05
"""
__all__ = ["browser"]  # a fixture of tests/test_browser.py, used here by name
ATOM = "{http://www.w3.org/2005/Atom}"

WITHHELD_QUESTION = """\
title: Withheld question
kind: question
submitted: 2026-02-10
author: Anonymous
category: culture
channel: web
withheld:
  reason: advertising
  date: 2026-02-11
"""


def problems(portal: PortalDir) -> list[str]:
    outcome = check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY)
    return [str(p) for p in outcome.problems]


def test_community_answers_reach_the_record_and_leave_the_status_alone(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY)
    record = built(portal).records["2026-0002"]
    assert [c.name for c in record.community] == ["Lone", None]
    assert record.community[1].confirmed is not None
    assert record.community[1].confirmed.department == "culture"
    assert record.status.key == "new"
    assert record.answers == ()
    assert record.paths["community"] == "content/community/2026-0002.yaml"


def test_for_an_unknown_idea(portal: PortalDir) -> None:
    portal.write("content/community/2026-0009.yaml", COMMUNITY)
    assert problems(portal) == [
        "content/community/2026-0009.yaml:1:1: error: community answers for idea 2026-0009, which does not exist "
        "(add content/ideas/2026-0009.yaml, or check the file name)"
    ]


def test_a_confirmation_naming_an_unknown_department(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("department: culture", "department: parks"))
    assert problems(portal) == [
        "content/community/2026-0002.yaml:10:19: error: unknown department `parks` confirms this community answer "
        "(use a key from content/departments.yaml: culture, roads)"
    ]


def test_a_duplicate_entry(portal: PortalDir) -> None:
    portal.write(
        "content/community/2026-0002.yaml",
        COMMUNITY + "  - date: 2026-02-04\n    body: |\n      The library is open  on Sundays from 10 to 16.\n",
    )
    assert problems(portal) == [
        "content/community/2026-0002.yaml:14:11: error: the same community answer appears twice (first on line 2) "
        "(remove this copy)"
    ]


def test_personal_data_in_a_community_answer(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("to 16.", "to 16. Call me on +45 20 12 34 56."))
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:5:")
    assert "personal data" in found[0]
    assert "phone" in found[0]


def test_personal_data_in_the_name(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("name: Lone", "name: lone@example.org"))
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:3:11: error: name looks like it holds personal data")


def test_length_limit(portal: PortalDir) -> None:
    long = "word " * 1200
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("The library is", long + "The library is"))
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:4:")
    assert "5000" in found[0] or "5,000" in found[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("date: 2026-02-05", "date: 2026-02-01"),
            "content/community/2026-0002.yaml:12:13: error: confirmed 2026-02-01, before the answer was written "
            "(2026-02-03) (check the date)",
        ),
        (
            ("date: 2026-02-02", "date: 2026-01-31"),
            "content/community/2026-0002.yaml:2:11: error: community answer dated 2026-01-31, before the idea was "
            "submitted (2026-02-01) (check the date)",
        ),
        (
            ("date: 2026-02-03", "date: 2026-02-01"),
            "content/community/2026-0002.yaml:6:11: error: community answer dated 2026-02-01 comes after one dated "
            "2026-02-02 (keep community answers in date order; append new ones at the end)",
        ),
    ],
)
def test_dates(portal: PortalDir, change: tuple[str, str], expected: str) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace(*change))
    assert problems(portal) == [expected]


def test_the_cli_names_file_line_and_fix(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("department: culture", "department: parks"))
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/community/2026-0002.yaml:10:19" in result.output
    assert "use a key from content/departments.yaml" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_field(portal: PortalDir) -> None:
    extra = COMMUNITY.replace("name: Lone", "name: Lone\n    status: answered")
    portal.write("content/community/2026-0002.yaml", extra)
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:4:5:")


def test_the_idea_feed_carries_community_answers_titled_as_such(portal: PortalDir, tmp_path: Path) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY)
    write_feeds(built(portal), tmp_path, site_url=None, language="en")
    feed = root(tmp_path / "feeds/ideas/2026-0002.xml")
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == [
        "Answer from a citizen: When does the library open on Sundays?",
        "Answer from a citizen: When does the library open on Sundays?",
        "When does the library open on Sundays?",
    ]
    newest = entries[0]
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "Anonymous"
    assert newest.find(f"{ATOM}category").attrib["term"] == "community"  # type: ignore[union-attr]
    assert (newest.findtext(f"{ATOM}content") or "").endswith("Confirmed by Culture: Ida Holm, librarian, 2026-02-05")
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Lone"
    site_wide = (tmp_path / "feeds/answers.xml").read_text(encoding="utf-8")
    assert "The library is open on Sundays" not in site_wide  # the official answers' feed holds none


def test_open_data_has_community_answers_in_a_table_of_their_own(portal: PortalDir, tmp_path: Path) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY)
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    with (out / "community.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["idea_id"], r["index"], r["name"], r["confirmed_department"], r["confirmed_date"]) for r in rows] == [
        ("2026-0002", "1", "Lone", "", ""),
        ("2026-0002", "2", "", "culture", "2026-02-05"),
    ]
    ideas = json.loads((out / "ideas.json").read_text(encoding="utf-8"))
    assert [(i["id"], i["community_count"], i["status"]) for i in ideas] == [
        ("2026-0001", 0, "planned"),
        ("2026-0002", 2, "new"),
    ]
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_statistics_count_questions_answered_by_the_community(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY)
    pages = {p.src_uri: p for p in build_pages(built(portal), "en", TODAY)}
    assert pages["statistics.md"].context["community"] == (
        "Questions answered by the community: 1, of which confirmed by a department: 1."
    )
    idea = pages["ideas/2026-0002.md"].context
    assert [c["name"] for c in idea["community"]] == ["Lone", "Anonymous"]
    assert idea["community"][1]["confirmed"]["text"] == "Confirmed by Culture"
    assert idea["answers"] == []


# --- The idea page in a real browser -----------------------------------------------------------------------------

OFFICIAL = """\
answers:
  - date: 2026-02-10
    status: answered
    department: culture
    signed: Ida Holm, Head of Libraries
    body: |
      From March the library opens on Sundays from 10 to 16.
"""


# A community answer is anyone's text: the same vectors as an idea's must stay inert.
HOSTILE_ENTRY = """\
  - date: 2026-02-04
    name: "<img src=x onerror=window.__xss=1>"
    body: |
      <script>window.__xss=1</script><img src=x onerror="window.__xss=1">
      [click](javascript:window.__xss=1) <svg onload=window.__xss=1>
"""


@pytest.fixture(scope="module")
def community_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A small portal whose question has an official answer and two community answers, one confirmed."""
    root = tmp_path_factory.mktemp("community")
    site = PortalDir(root)
    site.write("mkdocs.yml", f"docs_dir: pages\ntheme: {{name: material, font: false}}\n{MKDOCS}")
    (root / "pages").mkdir()
    for relative, text in {
        "content/categories.yaml": CATEGORIES,
        "content/departments.yaml": DEPARTMENTS,
        "content/ideas/2026-0001.yaml": IDEA,
        "content/ideas/2026-0002.yaml": QUESTION,
        "content/answers/2026-0001.yaml": ANSWERS,
        "content/answers/2026-0002.yaml": OFFICIAL,
        "content/community/2026-0002.yaml": COMMUNITY + HOSTILE_ENTRY,
    }.items():
        site.write(relative, text)
    yield from _serve(_build(root))


def test_community_answers_are_shown_apart_from_the_official_answer(browser: Browser, community_site: Served) -> None:
    page = browser.new_page()
    try:
        page.goto(community_site.url("ideas/2026-0002/"))
        official = page.locator("section.portal-answers")
        community = page.locator("section.portal-community")
        expect(official.get_by_role("heading", level=2)).to_have_text("Official answers")
        expect(official).to_contain_text("From March the library opens on Sundays")
        expect(official).not_to_contain_text("The library is open on Sundays from 10 to 16")
        # Their own section, after the official one and not inside it, under words that say who wrote them.
        expect(community.get_by_role("heading", level=2)).to_have_text("Answers from other citizens")
        expect(community).to_contain_text("not official answers")
        assert official.locator("section.portal-community").count() == 0
        items = community.locator("li.portal-community__item")
        expect(items).to_have_count(3)
        expect(items.nth(2)).to_contain_text("Written by <img src=x onerror=window.__xss=1>")
        assert items.nth(2).locator("script, img, svg, a[href^='javascript']").count() == 0
        assert page.evaluate("typeof window.__xss") == "undefined"
        expect(items.nth(0)).to_contain_text("Written by Lone")
        expect(items.nth(0)).not_to_contain_text("Confirmed")
        expect(items.nth(1)).to_contain_text("Written by Anonymous")
        expect(items.nth(1).locator(".portal-community__confirmed")).to_have_text(
            re.compile(r"^Confirmed by Culture · Ida Holm, librarian · February 5, 2026$")
        )
        # Never the official styling: no status badge, no timeline, no signature line of an official answer.
        for official_only in (".portal-answer", ".portal-badge", ".portal-answer__signed", "ol.portal-timeline"):
            assert community.locator(official_only).count() == 0, official_only
        style = items.nth(0).evaluate("e => getComputedStyle(e).borderTopStyle")
        official_style = official.locator("li.portal-answer").first.evaluate("e => getComputedStyle(e).borderTopStyle")
        assert (style, official_style) == ("dashed", "none")
        # The status is the official answer's; the community answers changed nothing.
        expect(page.locator(".portal-idea__kicker")).to_contain_text("Answered")
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_with_community_answers_passes_axe(browser: Browser, community_site: Served, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(community_site.url("ideas/2026-0002/"))
        results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        assert [f"{v['id']} ({v['impact']}) at {v['nodes'][0]['target']}" for v in results.response["violations"]] == []
    finally:
        context.close()


def test_the_idea_page_links_the_answer_form_with_the_number_filled_in(portal: PortalDir) -> None:
    portal.write("mkdocs.yml", MKDOCS + "      forge_url: https://github.com/fjordby/portal\n")
    portal.write("content/ideas/2026-0003.yaml", WITHHELD_QUESTION)
    pages = {p.src_uri: p for p in build_pages(built(portal), "en", TODAY)}
    assert pages["ideas/2026-0002.md"].context["answer_form"] == (
        "https://github.com/fjordby/portal/issues/new?template=answer.yml&target=2026-0002"
    )
    assert pages["ideas/2026-0003.md"].context["answer_form"] is None  # nothing to answer on a withheld idea
    # Without a public repository there is no form to link.
    portal.write("mkdocs.yml", MKDOCS)
    assert {p.src_uri: p for p in build_pages(built(portal), "en", TODAY)}["ideas/2026-0002.md"].context[
        "answer_form"
    ] is None


# --- `portal confirm` ---------------------------------------------------------------------------------------------

UNCONFIRMED = """\
community:
  - date: 2026-02-02
    name: Lone
    body: |
      The library is open on Sundays from 10 to 16.

  - date: 2026-02-03
    body: |
      The opening hours are on the board by the door, too.
"""


def test_confirm_adds_the_confirmation_under_the_answer(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", UNCONFIRMED)
    result = run_cli(
        portal.root, "confirm", "2026-0002", "1", "--department", "culture", "--signed", "Ida Holm, librarian",
        "--date", "2026-02-05",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "content/community/2026-0002.yaml"
    assert (portal.root / "content/community/2026-0002.yaml").read_text(encoding="utf-8") == UNCONFIRMED.replace(
        "from 10 to 16.\n",
        "from 10 to 16.\n"
        "    confirmed:\n"
        "      department: culture\n"
        '      signed: "Ida Holm, librarian"\n'
        "      date: 2026-02-05\n",
    )
    record = built(portal).records["2026-0002"]
    assert record.community[0].confirmed is not None
    assert record.community[1].confirmed is None


def test_confirm_refuses_and_leaves_the_file_as_it_was(portal: PortalDir) -> None:
    path = portal.write("content/community/2026-0002.yaml", UNCONFIRMED)
    unknown = run_cli(portal.root, "confirm", "2026-0002", "2", "--department", "parks", "--signed", "Ida Holm")
    assert unknown.exit_code == 1
    assert "--department: unknown department `parks` confirms this community answer" in unknown.output
    assert "Traceback" not in unknown.output
    early = run_cli(
        portal.root, "confirm", "2026-0002", "2", "--department", "culture", "--signed", "Ida Holm",
        "--date", "2026-02-01",
    )  # fmt: skip
    assert early.exit_code == 1
    assert "--date: confirmed 2026-02-01, before the answer was written (2026-02-03)" in early.output
    missing = run_cli(portal.root, "confirm", "2026-0002", "3", "--department", "culture", "--signed", "Ida Holm")
    assert missing.exit_code == 2
    assert "2026-0002 has community answers 1 to 2; there is no number 3" in missing.output
    none = run_cli(portal.root, "confirm", "2026-0001", "1", "--department", "roads", "--signed", "Ann Berg")
    assert none.exit_code == 2
    assert "2026-0001 has no community answers" in none.output
    assert path.read_text(encoding="utf-8") == UNCONFIRMED


def test_a_confirmation_is_not_changed(portal: PortalDir) -> None:
    path = portal.write("content/community/2026-0002.yaml", COMMUNITY)
    result = run_cli(portal.root, "confirm", "2026-0002", "2", "--department", "roads", "--signed", "Ann Berg")
    assert result.exit_code == 1
    assert "community answer 2 to 2026-0002 is already confirmed" in result.output
    assert path.read_text(encoding="utf-8") == COMMUNITY

"""Pages as data: what each generated page holds, in which order, in which language."""

from __future__ import annotations

import json
from pathlib import Path

from generator.pages import PageSpec, build_pages
from generator.render import MarkdownCache
from tests.support import ANSWERS, MKDOCS, TODAY, PortalDir, built


def _pages(portal: PortalDir, language: str = "en") -> dict[str, PageSpec]:
    return {spec.src_uri: spec for spec in build_pages(built(portal), language, TODAY)}


def test_every_idea_gets_exactly_one_page(portal: PortalDir) -> None:
    pages = _pages(portal)
    idea_pages = [uri for uri in pages if uri.startswith("ideas/20")]
    assert idea_pages == ["ideas/2026-0001.md", "ideas/2026-0002.md"]
    assert {"index.md", "statistics.md", "propose.md", "changes.md"} <= set(pages)


def test_idea_page_holds_the_timeline_and_support(portal: PortalDir) -> None:
    spec = _pages(portal)["ideas/2026-0001.md"]
    assert spec.template == "portal/idea.html"
    context = spec.context
    assert context["idea"]["status"] == "planned"
    assert context["idea"]["support_text"] == "6 supporters"
    assert [a["status"] for a in context["answers"]] == ["under_review", "planned"]
    assert context["answers"][1]["date_text"] == "March 1, 2026"
    assert context["answers"][0]["body_html"] == "<p>We are looking into it.</p>"
    assert context["trend"]["points"].split()[-1].endswith(",0.0")  # the line ends at the top: all support counted


def test_labels_follow_the_site_language(portal: PortalDir) -> None:
    spec = _pages(portal, "da")["ideas/2026-0001.md"]
    assert spec.context["idea"]["status_label"] == "Planlagt"
    assert spec.context["idea"]["support_text"] == "6 støtter"
    assert spec.context["answers"][1]["date_text"] == "1. marts 2026"
    assert _pages(portal, "de")["ideas/2026-0001.md"].context["idea"]["kind_label"] == "Idee"
    assert _pages(portal, "sv")["index.md"].title == "Startsida"


def test_lists_come_in_two_orders(portal: PortalDir) -> None:
    pages = _pages(portal)
    by_support = [c["id"] for c in pages["ideas/index.md"].context["cards"]]
    by_date = [c["id"] for c in pages["ideas/newest.md"].context["cards"]]
    assert by_support == ["2026-0001", "2026-0002"]
    assert by_date == ["2026-0002", "2026-0001"]
    assert [c["id"] for c in pages["status/planned/index.md"].context["cards"]] == ["2026-0001"]
    assert pages["status/done/index.md"].context["count"] == 0
    assert [c["id"] for c in pages["departments/roads/index.md"].context["cards"]] == ["2026-0001"]


def test_markdown_is_cleaned_before_it_reaches_a_template(portal: PortalDir) -> None:
    portal.write(
        "content/ideas/2026-0002.yaml",
        "title: Hostile\nkind: idea\nsubmitted: 2026-02-01\nauthor: X\ncategory: culture\nchannel: web\n"
        "body: |\n  <script>alert(1)</script><img src=x onerror=alert(1)>[a](javascript:alert(1))<style>*{}</style>\n",
    )
    html = _pages(portal)["ideas/2026-0002.md"].context["body_html"]
    for bad in ("<script", "onerror", "javascript:", "<style", "<img"):
        assert bad not in html


def test_markdown_is_rendered_with_the_builds_cache(portal: PortalDir, tmp_path: Path) -> None:
    """Every text the pages show goes through the cache the build hands over, which keeps them for the next build."""
    markdown = MarkdownCache()
    markdown.load(tmp_path / "none.json")
    pages = {spec.src_uri: spec for spec in build_pages(built(portal), "en", TODAY, None, markdown)}
    markdown.save(tmp_path / "markdown.json")
    kept = json.loads((tmp_path / "markdown.json").read_text(encoding="utf-8"))["markdown"]
    assert "<p>We are looking into it.</p>" in kept.values()  # an answer
    assert len(kept) == len(markdown.used) >= 3  # two ideas and their answers
    # A second build with the same cache takes its renderings (here one made to look different).
    markdown.load(tmp_path / "markdown.json")
    markdown.used = dict.fromkeys(markdown.known, "<p>kept</p>")
    markdown.clean.clear()
    again = build_pages(built(portal), "en", TODAY, None, markdown)
    assert pages["ideas/2026-0001.md"].context["body_html"] != "<p>kept</p>"
    assert {spec.src_uri: spec for spec in again}["ideas/2026-0001.md"].context["body_html"] == "<p>kept</p>"


def test_home_lists_due_and_overdue(portal: PortalDir) -> None:
    home = _pages(portal)["index.md"].context
    assert home["figures"] == {"ideas": "2", "share_answered": "50%", "median_days": "10"}
    assert [c["id"] for c in home["most_supported"]] == ["2026-0001", "2026-0002"]
    # 2026-0001 reached 3 supports on 2026-01-15 and was answered on 2026-01-20; it waits for nothing.
    assert _pages(portal)["ideas/2026-0001.md"].context["idea"]["duty"]["state"] == "met"
    # The unanswered question waits, since it was submitted on 1 February (295 days before TODAY).
    assert [(c["id"], c["waiting"]) for c in home["waiting"]] == [("2026-0002", 295)]
    assert home["waiting_count"] == 1


# --- Responsibility before an answer, backlogs, the idea page's panels ----------------------------------------------

CATEGORIES_WITH_DEPARTMENTS = """\
categories:
  traffic:
    name: {en: Traffic, da: Trafik}
    department: roads
  culture:
    name: {en: Culture, da: Kultur}
    department: culture
"""

OVERDUE_VOTES = "supporters:\n" + "".join(f"  - {n:016x} 2026-02-0{n + 2} web\n" for n in range(3))


def test_an_unanswered_idea_belongs_to_its_categorys_department(portal: PortalDir) -> None:
    portal.write("content/categories.yaml", CATEGORIES_WITH_DEPARTMENTS)
    pages = _pages(portal)
    question = pages["ideas/2026-0002.md"].context
    assert question["idea"]["department"] == "culture"
    assert question["department_name"] == "Culture"
    assert [c["id"] for c in pages["departments/culture/index.md"].context["cards"]] == ["2026-0002"]
    backlog = pages["departments/culture/waiting.md"]
    assert backlog.template == "portal/backlog.html"
    assert backlog.title == "Culture: waiting for an answer"
    assert [(c["id"], c["waiting_text"]) for c in backlog.context["cards"]] == [("2026-0002", "waiting 295 days")]
    # An answered idea waits for nothing: the roads backlog is empty, its list is not.
    assert pages["departments/roads/waiting.md"].context["cards"] == []
    assert [c["id"] for c in pages["departments/roads/index.md"].context["cards"]] == ["2026-0001"]


def test_without_a_category_department_an_unanswered_idea_has_none(portal: PortalDir) -> None:
    assert _pages(portal)["ideas/2026-0002.md"].context["idea"]["department"] is None


def test_backlogs_put_overdue_first(portal: PortalDir) -> None:
    portal.write("content/categories.yaml", CATEGORIES_WITH_DEPARTMENTS)
    portal.write(
        "content/ideas/2026-0003.yaml",
        "title: Longer opening hours\nkind: idea\nsubmitted: 2026-02-02\nauthor: Ann\ncategory: culture\n"
        "channel: employee\nbody: |\n  Please.\n",
    )
    portal.write("content/votes/2026-0003.yaml", OVERDUE_VOTES)  # 3 supports on 4 February: due 6 March
    pages = _pages(portal)
    waiting = pages["departments/culture/waiting.md"].context["cards"]
    # 2026-0002 waits longer, but 2026-0003 is overdue: it comes first.
    assert [c["id"] for c in waiting] == ["2026-0003", "2026-0002"]
    assert waiting[0]["duty"]["text"] == "Answer overdue by 262 days"
    assert [c["id"] for c in pages["ideas/waiting.md"].context["cards"]] == ["2026-0003", "2026-0002"]
    home = pages["index.md"].context
    assert home["waiting_per_department"] == [
        {
            "key": "culture",
            "name": "Culture",
            "url": "departments/culture/waiting/",
            "count": 2,
            "overdue": 1,
            "overdue_text": "1 overdue",
        }
    ]
    panel = pages["ideas/2026-0003.md"].context["support_panel"]
    assert (panel["count"], panel["value"], panel["threshold"]) == (3, 3, 3)
    assert panel["duty_text"] == "Answer overdue by 262 days"
    assert panel["reached_text"] == "Reached 3 supporters on February 4, 2026: an official answer is due."
    assert pages["ideas/2026-0003.md"].context["channel"] == "Staff"
    assert _pages(portal, "da")["ideas/2026-0003.md"].context["channel"] == "Medarbejder"


def test_the_support_panel_measures_progress_toward_the_threshold(portal: PortalDir) -> None:
    portal.write("mkdocs.yml", MKDOCS.replace("support_threshold: 3", "support_threshold: 10"))
    panel = _pages(portal)["ideas/2026-0001.md"].context["support_panel"]
    assert (panel["count"], panel["value"], panel["threshold"]) == (6, 6, 10)
    assert panel["progress_text"] == "6 of the 10 supporters that oblige an official answer"
    assert panel["reached_text"] is None
    assert panel["duty_text"] is None
    assert _pages(portal)["ideas/2026-0002.md"].context["support_panel"]["value"] == 0


def test_a_question_with_a_duty_of_its_own_shows_no_support_threshold(portal: PortalDir) -> None:
    assert _pages(portal)["ideas/2026-0002.md"].context["support_panel"]["toward_threshold"]
    portal.write(
        "mkdocs.yml", MKDOCS.replace("response_days: 30", "response_days: 30\n      question_response_days: 10")
    )
    pages = _pages(portal)
    question = pages["ideas/2026-0002.md"].context["support_panel"]
    assert not question["toward_threshold"]
    assert question["duty_text"]  # its own duty, from its submission
    assert pages["ideas/2026-0001.md"].context["support_panel"]["toward_threshold"]  # an idea keeps its threshold


def test_a_due_answer_is_announced_with_its_date(portal: PortalDir) -> None:
    portal.write("content/votes/2026-0002.yaml", OVERDUE_VOTES.replace("2026-02", "2026-11"))
    panel = _pages(portal, "da")["ideas/2026-0002.md"].context["support_panel"]
    assert panel["duty_state"] == "due"
    assert panel["duty_text"] == "Kommunen svarer senest 4. december 2026"


def test_the_answer_timeline_shows_each_status_change(portal: PortalDir) -> None:
    answers = _pages(portal)["ideas/2026-0001.md"].context["answers"]
    assert [(a["before"]["status_label"], a["status_label"]) for a in answers] == [
        ("New", "Under review"),
        ("Under review", "Planned"),
    ]
    assert answers[0]["department_name"] == "Roads"
    assert answers[0]["signed"] == "Ann Berg, Head of Roads"


def test_an_answer_that_keeps_the_status_shows_no_change(portal: PortalDir) -> None:
    portal.write("content/answers/2026-0001.yaml", ANSWERS.replace("status: planned", "status: under_review"))
    answers = _pages(portal)["ideas/2026-0001.md"].context["answers"]
    assert answers[1]["before"] is None


def test_lists_offer_their_orders_and_filters(portal: PortalDir) -> None:
    pages = _pages(portal)
    assert [o["url"] for o in pages["ideas/index.md"].context["orders"]] == [
        "ideas/",
        "ideas/newest/",
        "ideas/waiting/",
    ]
    assert [o["key"] for o in pages["status/new/index.md"].context["orders"]] == ["support", "date"]
    assert pages["status/new/newest.md"].context["preset"] == {"status": "new"}
    assert pages["departments/roads/index.md"].context["preset"] == {"department": "roads"}
    assert pages["ideas/index.md"].context["preset"] == {}
    assert "status/new/waiting.md" not in pages
    lists = pages["ideas/index.md"].context["lists"]
    assert [k["key"] for k in lists["kinds"]] == ["idea", "question"]
    assert lists["departments"][0]["backlog"] == "departments/roads/waiting/"


def test_readers_get_a_plain_note_when_history_is_missing(portal: PortalDir) -> None:
    history = _pages(portal, "da")["ideas/2026-0001.md"].context["history"]
    assert history == {
        "available": False,
        "text": "Ændringshistorikken vises ikke på denne udgave af sitet.",
        "events": [],
    }


def test_the_home_page_takes_the_tagline_of_its_language(portal: PortalDir) -> None:
    assert _pages(portal)["index.md"].context["tagline"] is None  # the template says it from the site name
    portal.write("mkdocs.yml", MKDOCS + "      tagline: {en: Tell the council., da: Sig det til kommunen.}\n")
    assert _pages(portal, "da")["index.md"].context["tagline"] == "Sig det til kommunen."


def test_ideas_and_questions_have_lists_of_their_own_without_javascript(portal: PortalDir) -> None:
    pages = _pages(portal)
    questions = pages["kinds/question/index.md"].context
    assert [c["id"] for c in questions["cards"]] == ["2026-0002"]
    assert questions["preset"] == {"kind": "question"}
    assert [c["id"] for c in pages["kinds/idea/index.md"].context["cards"]] == ["2026-0001"]
    kinds = pages["ideas/index.md"].context["lists"]["kinds"]
    assert [(k["key"], k["url"], k["count"]) for k in kinds] == [
        ("idea", "kinds/idea/", 1),
        ("question", "kinds/question/", 1),
    ]

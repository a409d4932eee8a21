"""Pages as data: what each generated page holds, in which order, in which language."""

from __future__ import annotations

import pytest

from generator.pages import PageSpec, build_pages
from tests.conftest import TODAY, PortalDir, built


def _pages(portal: PortalDir, language: str = "en") -> dict[str, PageSpec]:
    return {spec.src_uri: spec for spec in build_pages(built(portal), language, TODAY)}


def test_every_idea_gets_exactly_one_page(portal: PortalDir) -> None:
    pages = _pages(portal)
    idea_pages = [uri for uri in pages if uri.startswith("ideas/20")]
    assert idea_pages == ["ideas/2026-0001.md", "ideas/2026-0002.md"]
    assert {"index.md", "statistics.md", "propose.md", "data/index.md", "about.md"} <= set(pages)


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


def test_home_lists_due_and_overdue(portal: PortalDir) -> None:
    home = _pages(portal)["index.md"].context
    assert home["figures"] == {"ideas": "2", "share_answered": "50%", "median_days": "10"}
    assert [c["id"] for c in home["most_supported"]] == ["2026-0001", "2026-0002"]
    # 2026-0001 reached 3 supports on 2026-01-15 and was answered on 2026-01-20; nothing is still due.
    assert home["due"] == []
    assert _pages(portal)["ideas/2026-0001.md"].context["idea"]["duty"]["state"] == "met"


@pytest.mark.parametrize("language", ["en", "da", "sv", "de"])
def test_statistics_have_a_row_per_status(portal: PortalDir, language: str) -> None:
    stats = _pages(portal, language)["statistics.md"].context
    assert len(stats["statuses"]["rows"]) == 8
    assert [r["label"] for r in stats["per_month"]["rows"]] == ["2026-01", "2026-02"]
    assert stats["in_time"] == {"share": stats["in_time"]["share"], "met": 1, "total": 1}

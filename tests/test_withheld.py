"""Withheld ideas: moderation in the open, with a reason and a date, and no text left behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.check import check_portal
from generator.config import load_project
from generator.pages import build_pages
from tests.support import (
    ANSWERS,
    CATEGORIES,
    DEPARTMENTS,
    IDEA,
    MKDOCS,
    QUESTION,
    TODAY,
    VOTES,
    PortalDir,
    built,
    mkdocs_build,
)

WITHHELD = """\
title: Withheld idea
kind: idea
submitted: 2026-02-10
author: Anonymous
category: traffic
channel: web
withheld:
  reason: offensive
  date: 2026-02-11
"""


def problems(portal: PortalDir) -> list[str]:
    return [str(p) for p in check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY).problems]


def test_a_withheld_idea_without_text_is_valid(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0003.yaml", WITHHELD)
    idea = built(portal).records["2026-0003"].idea
    assert idea.withheld is not None
    assert (idea.withheld.reason, idea.body) == ("offensive", "")


def test_a_withheld_idea_that_still_carries_text_is_refused(portal: PortalDir) -> None:
    portal.write(
        "content/ideas/2026-0003.yaml",
        WITHHELD + "summary: Something rude.\ntags: [rude]\nbody: |\n  The rude text.\n",
    )
    assert problems(portal) == [
        "content/ideas/2026-0003.yaml:10:1: error: a withheld idea still carries its summary (remove `summary`: "
        "a withheld idea's text must leave the repository (keep the neutral title))",
        "content/ideas/2026-0003.yaml:11:1: error: a withheld idea still carries its tags (remove `tags`: "
        "a withheld idea's text must leave the repository (keep the neutral title))",
        "content/ideas/2026-0003.yaml:12:1: error: a withheld idea still carries its body (remove `body`: "
        "a withheld idea's text must leave the repository (keep the neutral title))",
    ]


def test_an_unknown_reason_is_refused_with_a_suggestion(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0003.yaml", WITHHELD.replace("offensive", "ofensive"))
    assert problems(portal) == [
        "content/ideas/2026-0003.yaml:8:11: error: withheld.reason: unknown reason 'ofensive' "
        "(did you mean `offensive`?)"
    ]


def test_an_idea_that_is_not_withheld_needs_its_body(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0003.yaml", WITHHELD.split("withheld:", maxsplit=1)[0])
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/ideas/2026-0003.yaml:1:1: error: the idea has no `body`")


def _portal_site(root: Path, withheld: str) -> PortalDir:
    site = PortalDir(root)
    site.write("mkdocs.yml", f"docs_dir: pages\ntheme: {{name: material, font: false}}\n{MKDOCS}")
    (root / "pages").mkdir()
    for relative, text in {
        "content/categories.yaml": CATEGORIES,
        "content/departments.yaml": DEPARTMENTS,
        "content/ideas/2026-0001.yaml": IDEA,
        "content/ideas/2026-0002.yaml": QUESTION,
        "content/answers/2026-0001.yaml": ANSWERS,
        "content/votes/2026-0001.yaml": VOTES,
        "content/ideas/2026-0003.yaml": withheld,
    }.items():
        site.write(relative, text)
    return site


def test_the_built_site_shows_a_stub_and_nothing_else_of_a_withheld_idea(tmp_path: Path) -> None:
    _portal_site(tmp_path, WITHHELD)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    stub = (site / "ideas/2026-0003/index.html").read_text(encoding="utf-8")
    assert "This idea was withheld on February 11, 2026: it was offensive. Its text is not published." in stub
    assert "Withheld idea" in stub
    assert "data-pagefind-body" not in stub.split('class="portal-idea portal-idea--withheld"')[1]
    # Not in any list, backlog or the site-wide feed; its own feed says it was withheld.
    for page in ("ideas/index.html", "status/new/index.html", "categories/traffic/index.html", "index.html"):
        assert "2026-0003" not in (site / page).read_text(encoding="utf-8"), page
    assert "2026-0003" not in (site / "feeds/ideas.xml").read_text(encoding="utf-8")
    assert "it was offensive" in (site / "feeds/ideas/2026-0003.xml").read_text(encoding="utf-8")
    # The open data says it is withheld and why, with no text.
    ideas = {i["id"]: i for i in json.loads((site / "data/ideas.json").read_text(encoding="utf-8"))}
    row = ideas["2026-0003"]
    assert (row["withheld_reason"], row["withheld_date"], row["summary"], row["tags"]) == (
        "offensive",
        "2026-02-11",
        None,
        [],
    )
    assert ideas["2026-0001"]["withheld_reason"] is None
    # The statistics count withheld ideas by reason, and the ideas per month leave them out.
    statistics = (site / "statistics/index.html").read_text(encoding="utf-8")
    assert re.search(r"Withheld ideas by reason.*?it was offensive</th><td>1</td>", statistics, re.DOTALL)


def test_a_withheld_idea_with_its_text_still_in_the_file_builds_no_site(tmp_path: Path) -> None:
    _portal_site(tmp_path, WITHHELD + "body: |\n  The offending words.\n")
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "content/ideas/2026-0003.yaml:10:1" in result.stderr
    assert "a withheld idea still carries its body" in result.stderr
    assert not (tmp_path / "site").exists()


def test_statistics_count_withheld_ideas_by_reason(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0003.yaml", WITHHELD)
    portal.write("content/ideas/2026-0004.yaml", WITHHELD.replace("offensive", "advertising"))
    portal.write("content/ideas/2026-0005.yaml", WITHHELD.replace("offensive", "advertising"))
    pages = {p.src_uri: p for p in build_pages(built(portal), "da", TODAY)}
    assert pages["statistics.md"].context["withheld"] == [
        {"reason": "den var krænkende", "count": "1"},
        {"reason": "den var reklame", "count": "2"},
    ]
    assert pages["ideas/2026-0003.md"].context["withheld"]["text"] == (
        "Denne idé blev tilbageholdt den 11. februar 2026: den var krænkende. Teksten offentliggøres ikke."
    )
    assert all(c["id"] not in ("2026-0003", "2026-0004") for c in pages["ideas/index.md"].context["cards"])


def test_the_withheld_date_is_checked(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0003.yaml", WITHHELD.replace("date: 2026-02-11", "date: 2026-02-09"))
    assert problems(portal) == [
        "content/ideas/2026-0003.yaml:9:9: error: withheld 2026-02-09, before the idea was submitted (2026-02-10) "
        "(check the date)"
    ]
    portal.write("content/ideas/2026-0003.yaml", WITHHELD.replace("date: 2026-02-11", "date: 2026-12-01"))
    assert problems(portal) == [
        "content/ideas/2026-0003.yaml:9:9: error: withheld 2026-12-01 is in the future (today is 2026-11-23)"
    ]

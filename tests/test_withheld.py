"""Withheld ideas: moderation in the open, with a reason and a date, and no text left behind."""

from __future__ import annotations

from generator.check import check_portal
from generator.config import load_project
from tests.conftest import TODAY, PortalDir, built

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

"""History on the site: the idea page's timeline and revision mark, and the Changes page, from a real repository."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from generator.check import check_portal
from generator.config import load_project
from generator.feeds import write_feeds
from generator.history import read_history
from generator.i18n import strings
from generator.pages import PageSpec, build_pages
from tests.support import TODAY, PortalDir

# The scenario (ten status changes, two revisions, a rename, a deletion), reused from test_history.
from tests.test_history import EXPECTED, Repo, scenario  # noqa: F401 - the fixture is used by name

FORGE = "https://forge.example.org/fjordby/portal"


def _commit(root: Path, message: str, date: str, who: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_COMMITTER_NAME": who,
        "GIT_AUTHOR_EMAIL": "staff@fjordby.invalid",
        "GIT_COMMITTER_EMAIL": "staff@fjordby.invalid",
        "GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def _pages(portal: PortalDir) -> dict[str, PageSpec]:
    project = load_project(portal.root / "mkdocs.yml")
    outcome = check_portal(project, today=TODAY)
    assert outcome.portal is not None
    history = read_history(portal.root, "content", FORGE)
    return {p.src_uri: p for p in build_pages(outcome.portal, "en", TODAY, history)}


def _rows(changes: dict[str, Any]) -> list[dict[str, Any]]:
    """The Changes page's rows, newest first, out of their days."""
    return [event for day in changes["days"] for event in day["events"]]


def test_timeline_revision_mark_and_changes(portal: PortalDir) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=portal.root, check=True)
    answers = portal.root / "content/answers/2026-0001.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.unlink()
    _commit(portal.root, "Submit ideas", "2026-01-10", "Intake Bot")
    answers.write_text(text, encoding="utf-8")
    _commit(portal.root, "Answer 2026-0001", "2026-03-01", "Ann Berg")
    answers.write_text(text.replace("The lane is planned for 2027.", "The lane is planned for 2028."), encoding="utf-8")
    _commit(portal.root, "Correct the year", "2026-03-05", "Ann Berg")
    pages = _pages(portal)

    idea = pages["ideas/2026-0001.md"].context
    assert [(e["kind"], e["date"][:10]) for e in idea["history"]["events"]] == [
        ("submitted", "2026-01-10"),
        ("answered", "2026-03-01"),
        ("answered", "2026-03-01"),
        ("revised", "2026-03-05"),
    ]
    assert idea["history"]["events"][3]["url"].startswith(f"{FORGE}/commit/")
    assert idea["answers"][1]["revised"]["text"] == "revised March 5, 2026 — see what changed"
    assert idea["answers"][0]["revised"] is None

    changes = _rows(pages["changes.md"].context)
    signed = "Ann Berg, Head of Roads"  # the answers' `signed:`, not the commits' names
    assert [(e["kind"], e["idea_id"], e["department"], e["signed"]) for e in changes] == [
        ("revised", "2026-0001", "roads", signed),
        ("answered", "2026-0001", "roads", signed),
        ("answered", "2026-0001", "roads", signed),
    ]
    assert all("@" not in str(e) for e in changes)


def test_outside_git_the_site_says_history_is_unavailable(portal: PortalDir) -> None:
    pages = _pages(portal)
    assert pages["ideas/2026-0001.md"].context["history"]["available"] is False
    assert pages["changes.md"].context["text"] == strings("en")["history_unavailable"]


def test_changes_feed_and_idea_feed_carry_the_revision(portal: PortalDir, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=portal.root, check=True)
    answers = portal.root / "content/answers/2026-0001.yaml"
    text = answers.read_text(encoding="utf-8")
    _commit(portal.root, "Submit and answer", "2026-03-01", "Ann Berg")
    answers.write_text(text.replace("planned for 2027", "planned for 2028"), encoding="utf-8")
    _commit(portal.root, "Correct the year", "2026-03-05", "Ann Berg")
    outcome = check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY)
    assert outcome.portal is not None
    history = read_history(portal.root, "content", FORGE)
    out = tmp_path / "out"
    write_feeds(
        outcome.portal,
        out,
        site_url=None,
        language="en",
        updated=dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
        history=history,
    )
    atom = "{http://www.w3.org/2005/Atom}"
    changes = ET.parse(out / "feeds/changes.xml")  # noqa: S314 - our own output.getroot()
    titles = [e.findtext(f"{atom}title") for e in changes.iter(f"{atom}entry")]
    assert titles[0] == "Published answer revised: A safe bike lane on Harbour Road"
    assert changes.find(f"{atom}entry/{atom}link").get("href").startswith(f"{FORGE}/commit/")  # type: ignore[union-attr]
    idea = ET.parse(out / "feeds/ideas/2026-0001.xml")  # noqa: S314 - our own output.getroot()
    first = next(idea.iter(f"{atom}entry"))
    assert (first.findtext(f"{atom}title") or "").startswith("Published answer revised")
    assert "staff@fjordby.invalid" not in (out / "feeds/changes.xml").read_text(encoding="utf-8")


def test_the_scenario_on_idea_pages_changes_page_and_feed(scenario: Repo, tmp_path: Path) -> None:  # noqa: F811
    outcome = check_portal(load_project(scenario.root / "mkdocs.yml"), today=TODAY)
    assert outcome.portal is not None, outcome.problems
    history = read_history(scenario.root, "content", FORGE)
    pages = {p.src_uri: p for p in build_pages(outcome.portal, "en", TODAY, history)}
    for idea_id in ("2026-0001", "2026-0002", "2026-0004"):
        shown = [(e["kind"], e["date"][:10]) for e in pages[f"ideas/{idea_id}.md"].context["history"]["events"]]
        expected = [
            (kind, day)
            for _, who, kind, *_, day in EXPECTED
            if who == idea_id or (idea_id == "2026-0004" and who == "2025-0099")
        ]
        assert shown == expected, idea_id
    revised = pages["ideas/2026-0002.md"].context["answers"][1]["revised"]
    assert revised["text"] == "revised May 5, 2026 — see what changed"
    changes = pages["changes.md"].context
    listed = [(e["kind"], e["idea_id"], e["date"][:10]) for e in _rows(changes)]
    wanted = [(kind, who, day) for _, who, kind, *_, day in EXPECTED if kind in ("answered", "revised", "removed")]
    assert listed == list(reversed(wanted))
    assert len(listed) == 13
    assert [e["idea_id"] for e in changes["removed"]] == ["2026-0003"]
    write_feeds(
        outcome.portal,
        tmp_path,
        site_url=None,
        language="en",
        updated=dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
        history=history,
    )
    feed = ET.parse(tmp_path / "feeds/changes.xml").getroot()  # noqa: S314 - our own output
    assert len(list(feed.iter("{http://www.w3.org/2005/Atom}entry"))) == 13


def test_commit_metadata_reaches_the_feed_only_when_it_is_safe(portal: PortalDir, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=portal.root, check=True)
    _commit(portal.root, "Submit and answer", "2026-03-01", "Mallory the Impostor")
    answers = portal.root / "content/answers/2026-0001.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace("2027", "2028"), encoding="utf-8")
    # A subject that names a person's national id number and phone number, as one once did.
    _commit(portal.root, "Fix per call from 070761-4285, ring 20 12 34 56", "2026-03-05", "Mallory the Impostor")
    (portal.root / "content/ideas/2026-0002.yaml").unlink()
    _commit(portal.root, "Take down 2026-0002", "2026-03-06", "Mallory the Impostor")
    outcome = check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY)
    assert outcome.portal is not None
    history = read_history(portal.root, "content", FORGE)
    write_feeds(outcome.portal, tmp_path, site_url=None, language="en", history=history)
    feed = (tmp_path / "feeds/changes.xml").read_text(encoding="utf-8")
    for private in ("070761-4285", "20 12 34 56", "Mallory"):
        assert private not in feed
    atom = "{http://www.w3.org/2005/Atom}"
    entries = list(ET.fromstring(feed).iter(f"{atom}entry"))  # noqa: S314 - our own output
    authors = [e.findtext(f"{atom}author/{atom}name") for e in entries]
    signed = outcome.portal.records["2026-0001"].answers[0].signed
    assert authors == ["Moderation", signed, *[signed] * (len(entries) - 2)]
    contents = [e.findtext(f"{atom}content") or "" for e in entries]
    assert "Take down 2026-0002" in contents[0]  # a clean subject is kept
    assert contents[1].splitlines()[1] == history.log[-2].commit.short  # the other one is left out

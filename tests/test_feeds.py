"""Atom feeds: well-formed whatever the content says, stable ids and dates, every idea."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.feeds import FEED_SIZE, write_feeds
from generator.portal import Portal
from generator.statuses import BY_KEY
from tests.support import PortalDir, built

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "feed-ideas.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
UPDATED = dt.datetime(2026, 11, 23, 12, 30, tzinfo=dt.UTC)
SITE = "https://ideas.example.org/"
HOSTILE = "<img src=x onerror=alert(1)> ]]> & \"quoted\" 'single' &amp; <![CDATA[x]]>"


def root(path: Path) -> ET.Element:
    # The file is this build's own output; that the standard parser accepts it is what is tested.
    return ET.parse(path).getroot()  # noqa: S314


def entries(path: Path) -> list[ET.Element]:
    return root(path).findall(f"{ATOM}entry")


def text(element: ET.Element, tag: str) -> str:
    found = element.find(f"{ATOM}{tag}")
    assert found is not None, tag
    return found.text or ""


def href(element: ET.Element, rel: str = "alternate") -> str:
    links = [link.get("href", "") for link in element.findall(f"{ATOM}link") if link.get("rel") == rel]
    assert len(links) == 1, rel
    return links[0]


@pytest.fixture(scope="module")
def demo_site(demo_portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_feeds(demo_portal, out, site_url=None, language="da", updated=UPDATED)
    return out


def test_golden_ideas_feed(portal: PortalDir, tmp_path: Path) -> None:
    """The ideas feed of the fixture portal, byte for byte.

    After an intended change to the feed, regenerate the golden file with
    `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_feeds.py -k golden`
    and review the diff.
    """
    out = tmp_path / "site"
    write_feeds(built(portal), out, site_url=SITE, language="en", updated=UPDATED)
    produced = (out / "feeds" / "ideas.xml").read_bytes()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(produced)
    assert produced == GOLDEN.read_bytes()


def test_files_written_and_returned(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "site"
    written = write_feeds(built(portal), out, site_url=None, language="en", updated=UPDATED)
    names = [p.relative_to(out).as_posix() for p in written]
    assert names == ["feeds/ideas.xml", "feeds/answers.xml", "feeds/ideas/2026-0001.xml", "feeds/ideas/2026-0002.xml"]
    assert sorted(names) == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_hostile_text_is_escaped_and_round_trips(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "site"
    idea = (portal.root / "content/ideas/2026-0001.yaml").read_text(encoding="utf-8")
    quoted = HOSTILE.replace("'", "''")
    idea = idea.replace("title: A safe bike lane on Harbour Road", f"title: '{quoted}'")
    idea = idea.replace("author: Maja H.", "author: '</name><email>x</email> & Co'")
    idea = idea.replace("  A protected lane", "  ]]></content><script>alert(1)</script>\n  A protected lane")
    portal.write("content/ideas/2026-0001.yaml", idea)
    result = built(portal)
    assert result.records["2026-0001"].idea.title == HOSTILE
    write_feeds(result, out, site_url=None, language="en", updated=UPDATED)

    for name in ("ideas.xml", "ideas/2026-0001.xml"):
        path = out / "feeds" / name
        raw = path.read_text(encoding="utf-8")
        assert "<img" not in raw
        assert "<script" not in raw
        assert "<email>" not in raw
        entry = next(e for e in entries(path) if text(e, "id").endswith("ideas/2026-0001/"))
        assert text(entry, "title") == HOSTILE
        author = entry.find(f"{ATOM}author")
        assert author is not None
        assert text(author, "name") == "</name><email>x</email> & Co"
        assert "]]></content><script>alert(1)</script>\n" in text(entry, "content")
    answer = entries(out / "feeds" / "answers.xml")[0]
    assert text(answer, "title") == f"Planned: {HOSTILE}"
    assert root(out / "feeds" / "ideas" / "2026-0001.xml").findtext(f"{ATOM}title") == HOSTILE


def test_characters_xml_cannot_carry_are_replaced(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = built(portal)
    record = result.records["2026-0001"]
    record.idea = record.idea.model_copy(update={"body": "form\x0cfeed\x00\n"})
    write_feeds(result, out, site_url=None, language="en", updated=UPDATED)
    entry = entries(out / "feeds" / "ideas" / "2026-0001.xml")[-1]
    assert text(entry, "content") == "form\ufffdfeed\ufffd\n"


def test_per_idea_feed(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_feeds(built(portal), out, site_url=SITE, language="da", updated=UPDATED)
    feed = root(out / "feeds" / "ideas" / "2026-0001.xml")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    assert feed.findtext(f"{ATOM}id") == SITE + "feeds/ideas/2026-0001.xml"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-23T12:30:00Z"
    assert href(feed, "self") == SITE + "feeds/ideas/2026-0001.xml"
    assert href(feed) == SITE + "ideas/2026-0001/"
    found = [(text(e, "id"), text(e, "title"), text(e, "updated"), href(e)) for e in feed.findall(f"{ATOM}entry")]
    assert found == [
        (
            SITE + "ideas/2026-0001/#answer-2",
            "Planlagt: A safe bike lane on Harbour Road",
            "2026-03-01T00:00:00Z",
            SITE + "ideas/2026-0001/#answer-2",
        ),
        (
            SITE + "ideas/2026-0001/#answer-1",
            "Under behandling: A safe bike lane on Harbour Road",
            "2026-01-20T00:00:00Z",
            SITE + "ideas/2026-0001/#answer-1",
        ),
        (
            SITE + "ideas/2026-0001/",
            "A safe bike lane on Harbour Road",
            "2026-01-10T00:00:00Z",
            SITE + "ideas/2026-0001/",
        ),
    ]
    authors = [a.findtext(f"{ATOM}name") for a in feed.iter(f"{ATOM}author")]
    assert authors == ["Ann Berg, Head of Roads", "Ann Berg, Head of Roads", "Maja H."]
    assert entries(out / "feeds" / "ideas" / "2026-0002.xml")[0].findtext(f"{ATOM}title") == (
        "When does the library open on Sundays?"
    )


def test_only_the_feed_updated_depends_on_the_build(portal: PortalDir, tmp_path: Path) -> None:
    result = built(portal)
    write_feeds(result, tmp_path / "a", site_url=None, language="en", updated=UPDATED)
    write_feeds(result, tmp_path / "b", site_url=None, language="en", updated=UPDATED + dt.timedelta(days=3))
    for path in (tmp_path / "a" / "feeds").rglob("*.xml"):
        other = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert text(root(path), "updated") != text(root(other), "updated")
        stamp = re.compile(r"<updated>2026-11-2[36]T12:30:00Z</updated>\n  ")
        assert stamp.sub("", path.read_text(encoding="utf-8"), count=1) == stamp.sub(
            "", other.read_text(encoding="utf-8"), count=1
        )
        assert all(text(e, "id").startswith("tag:") for e in entries(path))


def test_without_updated_each_feed_is_stamped_by_its_newest_entry(portal: PortalDir, tmp_path: Path) -> None:
    result = built(portal)
    write_feeds(result, tmp_path / "a", site_url=None, language="en")
    write_feeds(result, tmp_path / "b", site_url=None, language="en")
    paths = sorted((tmp_path / "a" / "feeds").rglob("*.xml"))
    assert paths
    for path in paths:
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
        stamps = [text(e, "updated") for e in entries(path)]
        assert text(root(path), "updated") == max(stamps)


def test_naive_updated_is_refused(portal: PortalDir, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        write_feeds(built(portal), tmp_path / "site", site_url=None, language="en", updated=dt.datetime(2026, 11, 23))


def test_every_demo_idea_has_a_feed(demo_portal: Portal, demo_site: Path) -> None:
    feeds = sorted(p.stem for p in (demo_site / "feeds" / "ideas").glob("*.xml"))
    assert feeds == sorted(demo_portal.records)
    for key, record in demo_portal.records.items():
        found = entries(demo_site / "feeds" / "ideas" / f"{key}.xml")
        assert len(found) == 1 + len(record.answers) + len(record.community)
        assert text(found[-1], "title") == record.idea.title


def test_site_feeds_hold_the_newest(demo_portal: Portal, demo_site: Path) -> None:
    assert len(demo_portal.records) > FEED_SIZE
    shown = [r for r in demo_portal.records.values() if r.idea.withheld is None]
    newest = sorted(shown, key=lambda r: (r.idea.submitted, r.id), reverse=True)[:FEED_SIZE]
    ideas = entries(demo_site / "feeds" / "ideas.xml")
    assert [text(e, "title") for e in ideas] == [r.idea.title for r in newest]
    assert [text(e, "updated") for e in ideas] == [f"{r.idea.submitted}T00:00:00Z" for r in newest]

    answers = [(a.date, key, n, a) for key, r in demo_portal.records.items() for n, a in enumerate(r.answers, 1)]
    answers.sort(key=lambda item: item[:3], reverse=True)
    found = entries(demo_site / "feeds" / "answers.xml")
    assert len(found) == FEED_SIZE
    for entry, (day, key, number, answer) in zip(found, answers, strict=False):
        assert text(entry, "id").endswith(f"ideas/{key}/#answer-{number}")
        assert text(entry, "updated") == f"{day}T00:00:00Z"
        assert text(entry, "title").startswith(BY_KEY[answer.status].label("da") + ": ")
        assert text(entry, "content") == answer.body


def test_relative_links_point_at_the_idea_pages(demo_site: Path) -> None:
    for path in (demo_site / "feeds").rglob("*.xml"):
        folder = path.parent.relative_to(demo_site).as_posix()
        assert posixpath.normpath(posixpath.join(folder, href(root(path), "self"))) == (
            path.relative_to(demo_site).as_posix()
        )
        for entry in entries(path):
            target = posixpath.normpath(posixpath.join(folder, href(entry).split("#")[0]))
            assert re.fullmatch(r"ideas/[0-9]{4}-[0-9]{4}", target), (path, target)


def test_demo_feeds_are_atom_without_addresses(demo_site: Path) -> None:
    ids: set[str] = set()
    for path in (demo_site / "feeds").rglob("*.xml"):
        feed = root(path)
        assert feed.tag == f"{ATOM}feed"
        for entry in entries(path):
            for tag in ("id", "title", "updated", "published", "content"):
                assert text(entry, tag), (path, tag)
            author = entry.find(f"{ATOM}author")
            assert author is not None
            assert author.find(f"{ATOM}email") is None
            assert "@" not in text(author, "name")
        ids.add(text(feed, "id"))
    assert len(ids) == len(list((demo_site / "feeds").rglob("*.xml")))


def test_output_is_deterministic(demo_portal: Portal, demo_site: Path, tmp_path: Path) -> None:
    write_feeds(demo_portal, tmp_path, site_url=None, language="da", updated=UPDATED)
    for path in (demo_site / "feeds").rglob("*.xml"):
        data = path.read_bytes()
        assert data == (tmp_path / path.relative_to(demo_site)).read_bytes()
        assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
        assert b"\r" not in data

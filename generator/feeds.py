"""Atom 1.0 feeds of new ideas and official answers, site-wide and per idea.

`write_feeds` writes, below the site directory it is given:

- `feeds/ideas.xml`: the newest ideas and questions;
- `feeds/answers.xml`: the newest official answers;
- `feeds/ideas/<id>.xml`: one idea and every answer to it, official and from
  the community (titled as such, never as official), so one can follow a single case.

A withheld idea is left out of `feeds/ideas.xml`; its own feed says it was withheld and why.

Feeds are rendered from the theme's `portal/feed.xml` (the package's own, or a
portal's override of it) by a Jinja2 environment with
autoescape on, so every title and text is escaped. Entry dates come from the
content, never from the clock, and so, unless a caller passes its own, does
each feed's `updated` (its newest entry's): two builds of the same content are
byte-identical, which lets a rebuild be checked against a clean build.

Entry ids are the entry's absolute URL when `site_url` is set. Without it they
are `tag:` URIs under the reserved `.invalid` domain: unique within this portal
only, which is all a feed without a site address can promise.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator import urls
from generator.history import Event, History
from generator.i18n import date_text, localised, strings, text
from generator.models import Answer, CommunityAnswer
from generator.personal_data import find_personal_data
from generator.portal import Portal, Record
from generator.statuses import BY_KEY
from generator.templates import THEME_DIR

FEED_SIZE = 50
TAG = "tag:idea-portal.invalid,2026:"

# Characters XML 1.0 cannot carry even escaped; a parser would reject the whole feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class _Category:
    term: str
    label: str


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    title: str
    published: str
    updated: str
    author: str
    link: str
    category: _Category
    content: str
    summary: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class _Feed:
    id: str
    title: str
    updated: str
    language: str
    self_link: str
    alternate: str
    entries: tuple[_Entry, ...]


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a feed lives: its path below the site root, and how it links to pages."""

    path: str
    site_url: str | None

    def link(self, page: str) -> str:
        """`page` (site-relative) as an absolute URL, or relative to this feed."""
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{page}"
        return "../" * self.path.count("/") + page

    def id(self, page: str) -> str:
        """A stable, absolute id for `page`."""
        return self.link(page) if self.site_url else TAG + page


_CHANGE_KINDS = ("answered", "revised", "removed")


def _signer(record: Record | None, event: Event, language: str) -> str:
    """Who signed the answer an event is about (reviewed content), else the public body's moderation.

    Commit names are not shown: anyone can type any name into a commit.
    """
    index = event.answer_index
    if record is not None and index is not None and index < len(record.answers):
        return record.answers[index].signed
    return text("moderation", language)


def _subject(portal: Portal, subject: str) -> str | None:
    """A commit subject fit to publish: None when the personal-data guard finds anything in it."""
    return None if find_personal_data(subject, portal.settings.contact_allowlist) else subject


def _xml_text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


@functools.cache
def _template(dirs: tuple[str, ...]) -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_xml_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template(urls.FEED_TEMPLATE)


def _title(feed: str, language: str) -> str:
    return text(f"feed_title:{feed}", language)


EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _idea_entry(portal: Portal, record: Record, place: _Place, language: str) -> _Entry:
    idea = record.idea
    page = urls.idea(record.id)
    content = idea.body
    if idea.withheld is not None:
        t = strings(language)
        content = t["withheld_text"].format(
            date=date_text(idea.withheld.date, language), reason=t[f"withheld_{idea.withheld.reason}"]
        )
    return _Entry(
        id=place.id(page),
        title=idea.title,
        published=_stamp(idea.submitted),
        updated=_stamp(idea.submitted),
        author=idea.author,
        link=place.link(page),
        category=_Category(idea.category, localised(portal.categories[idea.category].name, language)),
        content=content,
        summary=idea.summary,
        language=idea.language if idea.language != language else None,
    )


def _answer_entry(record: Record, number: int, answer: Answer, place: _Place, language: str) -> _Entry:
    page = urls.idea_answer(record.id, number)
    label = BY_KEY[answer.status].label(language)
    return _Entry(
        id=place.id(page),
        title=f"{label}: {record.idea.title}",
        published=_stamp(answer.date),
        updated=_stamp(answer.date),
        author=answer.signed,
        link=place.link(page),
        category=_Category(answer.status, label),
        content=answer.body,
    )


def _community_entry(
    portal: Portal, record: Record, number: int, entry: CommunityAnswer, place: _Place, language: str
) -> _Entry:
    """A citizen's answer, titled as one: never worded as the municipality's."""
    t = strings(language)
    page = urls.idea_community(record.id, number)
    content = entry.body
    updated = entry.date
    if entry.confirmed is not None:
        department = portal.departments.get(entry.confirmed.department)
        name = localised(department.name, language) if department else entry.confirmed.department
        confirmed = t["confirmed_by"].format(department=name)
        content += f"\n\n{confirmed}: {entry.confirmed.signed}, {entry.confirmed.date.isoformat()}"
        updated = entry.confirmed.date
    return _Entry(
        id=place.id(page),
        title=f"{t['community_answer']}: {record.idea.title}",
        published=_stamp(entry.date),
        updated=_stamp(updated),
        author=entry.name or t["community_anonymous"],
        link=place.link(page),
        category=_Category("community", t["community_answer"]),
        content=content,
    )


def _change_entry(portal: Portal, history: History, event: Event, place: _Place, language: str) -> _Entry:
    """A status change, revision or removal from the Git history, linked to the idea and the diff."""
    current = history.renamed.get(event.idea_id, event.idea_id)
    record = portal.records.get(current)
    label = strings(language)[f"event_{event.kind}"]
    before = BY_KEY[event.status_before].label(language) if event.status_before in BY_KEY else "–"
    after = BY_KEY[event.status_after].label(language) if event.status_after in BY_KEY else "–"
    page = urls.idea(current) if record else urls.CHANGES
    subject = _subject(portal, event.commit.subject)
    lines = [f"{before} → {after}", f"{event.commit.short} {subject}" if subject else event.commit.short]
    if event.diff_url:
        lines.append(event.diff_url)
    stamp = event.commit.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _Entry(
        id=place.id(urls.change(f"{event.commit.sha}-{event.idea_id}-{event.kind}-{event.answer_index}")),
        title=f"{label}: {record.idea.title if record else event.idea_id}",
        published=stamp,
        updated=stamp,
        author=_signer(record, event, language),
        link=event.diff_url or place.link(page),
        category=_Category(event.kind, label),
        content="\n".join(lines),
    )


def write_feeds(
    portal: Portal,
    out: Path,
    *,
    site_url: str | None,
    language: str,
    updated: dt.datetime | None = None,
    history: History | None = None,
    template_dirs: Sequence[str] = (str(THEME_DIR),),
) -> list[Path]:
    """Write the Atom feeds below `out`, the site root, and return their paths.

    Links are absolute when `site_url` is set, else relative to each feed's
    own place below `out`. `language` is the site's language (feed titles,
    status labels, `xml:lang`); `updated`, timezone-aware, is the feeds' own
    timestamp: without it, each feed's is its newest entry's, so the same
    content always gives the same bytes. With an available `history`, `feeds/changes.xml` lists
    status changes and revisions, and each idea's feed includes its revisions. `template_dirs` are
    searched in order for `portal/feed.xml` (the build passes the theme's folders, overrides first).
    """
    if updated is not None and updated.tzinfo is None:
        raise ValueError("updated must be timezone-aware, e.g. datetime.now(datetime.UTC)")
    stamp = updated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if updated else None
    records = [portal.records[key] for key in sorted(portal.records)]

    def write(place: _Place, title: str, page: str, entries: list[_Entry]) -> Path:
        feed = _Feed(
            id=place.id(place.path),
            title=title,
            # Every stamp is `YYYY-MM-DDTHH:MM:SSZ`, so the newest sorts last.
            updated=stamp or max((entry.updated for entry in entries), default=EMPTY_FEED_UPDATED),
            language=language,
            self_link=place.link(place.path),
            alternate=place.link(page),
            entries=tuple(entries),
        )
        path = out / place.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_template(tuple(template_dirs)).render(feed=feed), encoding="utf-8", newline="\n")
        return path

    shown = [r for r in records if r.idea.withheld is None]
    newest_ideas = sorted(shown, key=lambda r: (r.idea.submitted, r.id), reverse=True)[:FEED_SIZE]
    place = _Place(urls.IDEAS_FEED, site_url)
    entries = [_idea_entry(portal, record, place, language) for record in newest_ideas]
    written = [write(place, _title("ideas", language), "", entries)]

    answers = [(record, number, answer) for record in records for number, answer in enumerate(record.answers, 1)]
    newest_answers = sorted(answers, key=lambda item: (item[2].date, item[0].id, item[1]), reverse=True)[:FEED_SIZE]
    place = _Place(urls.ANSWERS_FEED, site_url)
    entries = [_answer_entry(record, number, answer, place, language) for record, number, answer in newest_answers]
    written.append(write(place, _title("answers", language), "", entries))

    changes = [e for e in (history.log if history and history.available else []) if e.kind in _CHANGE_KINDS]
    if history is not None and history.available:
        place = _Place(urls.CHANGES_FEED, site_url)
        entries = [_change_entry(portal, history, e, place, language) for e in reversed(changes[-FEED_SIZE:])]
        written.append(write(place, _title("changes", language), urls.CHANGES, entries))

    for record in records:
        place = _Place(urls.idea_feed(record.id), site_url)
        dated = [(a.date, _answer_entry(record, n, a, place, language)) for n, a in enumerate(record.answers, 1)]
        dated += [
            (c.date, _community_entry(portal, record, n, c, place, language)) for n, c in enumerate(record.community, 1)
        ]
        # Newest first (official before community on the same day); answers are never dated before the idea,
        # so it comes last.
        entries = [entry for _, entry in sorted(dated, key=lambda item: item[0], reverse=True)]
        if history is not None and history.available:
            revisions = [e for e in history.for_idea(record.id) if e.kind == "revised"]
            entries = [_change_entry(portal, history, e, place, language) for e in reversed(revisions)] + entries
        entries.append(_idea_entry(portal, record, place, language))
        written.append(write(place, record.idea.title, urls.idea(record.id), entries))
    return written

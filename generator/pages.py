"""The pages of the site as data: one `PageSpec` per page, with everything its template shows.

Python decides what a page holds (which ideas, in which order, with which
labels); the Jinja templates in `theme/portal/` decide how it looks. Plain
text is handed over unescaped and escaped by the templates; Markdown bodies
are handed over as HTML already cleaned by `render.MarkdownCache.html`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator import urls
from generator.duty import Duty, response_duty
from generator.figures import changes_context, statistics_context
from generator.history import Event, History
from generator.i18n import (
    date_text,
    localised,
    number_text,
    percent_text,
    plural_text,
    strings,
    supporters_text,
)
from generator.portal import Portal, Record
from generator.render import MarkdownCache
from generator.statuses import BY_KEY, INITIAL, KINDS, TABLE
from generator.support import support_view

HOME_LIST = 6
HOME_WAITING = 5
RELATED = 5


@dataclass(slots=True)
class PageSpec:
    """One generated page: where it goes, its title and what its template gets."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


class _Views:
    """Turns records into the small dicts templates read, once per record."""

    def __init__(self, portal: Portal, language: str, today: dt.date, markdown: MarkdownCache | None = None) -> None:
        self.portal = portal
        self.language = language
        self.today = today
        self.markdown = markdown or MarkdownCache()
        self.t = strings(language)
        self.duties: dict[str, Duty | None] = {
            key: response_duty(record, portal.settings, today) for key, record in portal.records.items()
        }
        # A withheld idea has its stub page (with a card of its own) but no place in lists, backlogs or figures.
        self.cards = {key: self.card(record) for key, record in portal.records.items() if record.idea.withheld is None}

    def name(self, names: dict[str, str]) -> str:
        return localised(names, self.language)

    def duty_view(self, idea_id: str) -> dict[str, str] | None:
        duty = self.duties[idea_id]
        if duty is None:
            return None
        due = date_text(duty.due, self.language)
        text = {
            "due": lambda: self.t["due"].format(date=due),
            "overdue": lambda: plural_text("overdue_days", (self.today - duty.due).days, self.language),
            "met": lambda: self.t["met"],
            "late": lambda: self.t["late"],
        }[duty.state]()
        return {"state": duty.state, "text": text, "due": duty.due.isoformat(), "due_text": due}

    def waiting_since(self, record: Record) -> dt.date | None:
        """Since when `record` waits for an official answer: unanswered since it was submitted, or answered
        but owed a new answer since it reached the support threshold; None if it waits for nothing."""
        duty = self.duties[record.id]
        if duty is not None and duty.state in ("due", "overdue"):
            return duty.reached if record.answers else record.idea.submitted
        # A question whose duty a department met by confirming a community answer waits for nothing.
        if duty is not None and duty.answered is not None:
            return None
        return None if record.answers else record.idea.submitted

    def event(self, event: Event) -> dict[str, Any]:
        """One history event as a timeline row."""
        day = event.commit.date.date()
        return {
            "kind": event.kind,
            "label": self.t[f"event_{event.kind}"],
            "date": event.commit.date.isoformat(),
            "date_text": date_text(day, self.language),
            "commit": event.commit.short,
            "url": event.diff_url,
            "who": event.commit.committer if event.kind in ("answered", "revised") else event.commit.author,
            "before": BY_KEY[event.status_before].label(self.language) if event.status_before in BY_KEY else None,
            "after": BY_KEY[event.status_after].label(self.language) if event.status_after in BY_KEY else None,
            "answer": event.answer_index + 1 if event.answer_index is not None else None,
            "idea_id": event.idea_id,
        }

    def card(self, record: Record) -> dict[str, Any]:
        """What a list, a backlog or the idea page's head shows of `record`."""
        category = self.portal.categories.get(record.idea.category)
        department = record.department
        known = self.portal.departments.get(department or "")
        since = self.waiting_since(record)
        waiting = (self.today - since).days if since is not None else None
        return {
            "id": record.id,
            "url": urls.idea(record.id),
            "title": record.idea.title,
            "kind": record.idea.kind,
            "kind_label": self.t[f"kind_{record.idea.kind}"],
            "status": record.status.key,
            "status_label": record.status.label(self.language),
            "status_colour": record.status.colour,
            "closed": record.status.closed,
            "category": record.idea.category,
            "category_name": self.name(category.name) if category else record.idea.category,
            "department": department,
            "department_name": self.name(known.name) if known else department,
            "waiting": waiting,
            "waiting_text": plural_text("waiting_days", waiting, self.language) if waiting is not None else None,
            "submitted": record.idea.submitted.isoformat(),
            "submitted_text": date_text(record.idea.submitted, self.language),
            "support": record.support,
            "support_text": supporters_text(record.support, self.language),
            "language": record.idea.language,
            "summary": record.idea.summary,
            "duty": self.duty_view(record.id),
        }


def _trend(record: Record, width: int = 240, height: int = 48) -> dict[str, Any] | None:
    """Cumulative support per day, scaled into an SVG polyline's coordinate box."""
    daily: Counter[dt.date] = Counter()
    for supporter in record.supporters:
        daily[supporter.date] += 1
    for tally in record.tallies:
        daily[tally.date] += tally.count
    if len(daily) < 2:
        return None
    days = sorted(daily)
    start, span = days[0], max((days[-1] - days[0]).days, 1)
    total, top = 0, record.support
    points = []
    for day in days:
        total += daily[day]
        x = round((day - start).days / span * width, 1)
        y = round(height - total / top * height, 1)
        points.append(f"{x},{y}")
    return {
        "points": " ".join(points),
        "width": width,
        "height": height,
        "first": days[0].isoformat(),
        "last": days[-1].isoformat(),
    }


def _forge_links(portal: Portal, record: Record) -> dict[str, str] | None:
    forge = portal.settings.forge_url
    if not forge:
        return None
    base = forge.rstrip("/")
    links = {
        "idea": f"{base}/blob/main/{record.paths['idea']}",
        "history": f"{base}/commits/main/{record.paths['idea']}",
    }
    if "answers" in record.paths:
        links["answers"] = f"{base}/blob/main/{record.paths['answers']}"
        links["history"] = f"{base}/commits/main/{record.paths['answers']}"
    return links


def _unavailable(views: _Views, history: History | None) -> dict[str, Any]:
    # Why the history is missing (a shallow clone, no Git) is for whoever builds the site: `portal check`
    # and the build log say it (history.warnings). Readers get one plain sentence.
    return {"available": False, "text": views.t["history_unavailable"], "events": []}


def _history(views: _Views, history: History | None, record: Record) -> dict[str, Any]:
    if history is None or not history.available:
        return _unavailable(views, history)
    return {"available": True, "events": [views.event(e) for e in history.for_idea(record.id)]}


def _revisions(views: _Views, history: History | None, record: Record) -> dict[int, dict[str, Any]]:
    """Latest revision of each published answer (1-based), for the mark on the answer."""
    marks: dict[int, dict[str, Any]] = {}
    if history is None or not history.available:
        return marks
    for event in history.for_idea(record.id):
        if event.kind == "revised" and event.answer_index is not None:
            view = views.event(event)
            marks[event.answer_index + 1] = {
                "text": views.t["revised_mark"].format(date=view["date_text"]),
                "url": event.diff_url,
            }
    return marks


def _community(views: _Views, record: Record) -> list[dict[str, Any]]:
    """The community answers of `record` as the idea page shows them, apart from the official ones."""
    language, t = views.language, views.t
    entries = []
    for index, entry in enumerate(record.community, start=1):
        confirmed = None
        if entry.confirmed is not None:
            department = views.portal.departments.get(entry.confirmed.department)
            name = views.name(department.name) if department else entry.confirmed.department
            confirmed = {
                "text": t["confirmed_by"].format(department=name),
                "signed": entry.confirmed.signed,
                "date": entry.confirmed.date.isoformat(),
                "date_text": date_text(entry.confirmed.date, language),
            }
        entries.append(
            {
                "index": index,
                "date": entry.date.isoformat(),
                "date_text": date_text(entry.date, language),
                "name": entry.name or t["community_anonymous"],
                "body_html": views.markdown.html(entry.body),
                "confirmed": confirmed,
            }
        )
    return entries


def _answer_form(portal: Portal, record: Record) -> str | None:
    """The forge's answer form with this idea's number filled in (issue forms take a field's value by its id)."""
    forge = portal.settings.forge_url
    if not forge or record.idea.withheld is not None:
        return None
    return f"{forge.rstrip('/')}/issues/new?template=answer.yml&target={record.id}"


def _withheld(views: _Views, record: Record) -> dict[str, str] | None:
    withheld = record.idea.withheld
    if withheld is None:
        return None
    return {
        "reason": withheld.reason,
        "text": views.t["withheld_text"].format(
            date=date_text(withheld.date, views.language), reason=views.t[f"withheld_{withheld.reason}"]
        ),
    }


def _idea_page(
    views: _Views, record: Record, duplicates: list[str], related: list[str], history: History | None
) -> PageSpec:
    portal, language = views.portal, views.language
    revisions = _revisions(views, history, record)
    answers = []
    before = INITIAL
    for index, answer in enumerate(record.answers, start=1):
        department = portal.departments.get(answer.department)
        after = BY_KEY[answer.status]
        answers.append(
            {
                "index": index,
                "date": answer.date.isoformat(),
                "date_text": date_text(answer.date, language),
                "status": answer.status,
                "status_label": BY_KEY[answer.status].label(language),
                "status_colour": BY_KEY[answer.status].colour,
                # The timeline shows where each answer moved the idea from; the first starts at `new`.
                "before": None
                if before is after
                else {"status_label": before.label(language), "status_colour": before.colour},
                "department_name": views.name(department.name) if department else answer.department,
                "signed": answer.signed,
                "body_html": views.markdown.html(answer.body),
                "reopen": answer.reopen,
                "duplicate_of": views.cards.get(answer.duplicate_of or ""),
                "revised": revisions.get(index),
            }
        )
        before = after
    card = views.cards.get(record.id) or views.card(record)
    current = record.department
    context = {
        "idea": card,
        "author": record.idea.author,
        "channel": views.t.get(f"channel_{record.idea.channel}", record.idea.channel),
        "tags": list(record.idea.tags),
        "location": record.idea.location,
        "body_html": views.markdown.html(record.idea.body),
        "answers": answers,
        "community": _community(views, record),
        "answer_form": _answer_form(portal, record),
        "withheld": _withheld(views, record),
        "department_name": views.name(portal.departments[current].name) if current in portal.departments else None,
        "department_url": urls.department(current) if current else None,
        "category_url": urls.category(record.idea.category),
        "trend": _trend(record),
        "support_panel": _support_panel(views, record),
        "duplicate_of": views.cards.get(record.answers[-1].duplicate_of or "") if record.answers else None,
        "duplicates": [views.cards[d] for d in duplicates if d in views.cards],
        "related": [views.cards[r] for r in related],
        "support": support_view(record, portal.settings, views.t, card["status_label"]),
        "forge": _forge_links(portal, record),
        "feed": urls.idea_feed(record.id),
        "history": _history(views, history, record),
    }
    return PageSpec(urls.source(urls.idea(record.id)), f"{record.id}: {record.idea.title}", urls.IDEA_TEMPLATE, context)


def _support_panel(views: _Views, record: Record) -> dict[str, Any]:
    """The support count, its progress toward the threshold and the duty to answer, in words."""
    threshold = views.portal.settings.support_threshold
    language, t = views.language, views.t
    duty = views.duties[record.id]
    reached = record.reached(threshold)
    if duty is not None and duty.state == "due":
        duty_text = t["duty_due"].format(date=date_text(duty.due, language))
    elif duty is not None:
        duty_text = views.duty_view(record.id)["text"]  # type: ignore[index]
    else:
        duty_text = None
    settings = views.portal.settings
    return {
        # A question with a duty of its own is due an answer whatever its support: no threshold to show.
        "toward_threshold": not (record.idea.kind == "question" and settings.question_response_days is not None),
        "count": record.support,
        "value": min(record.support, threshold),
        "threshold": threshold,
        "progress_text": t["support_progress"].format(
            count=number_text(record.support, language), threshold=number_text(threshold, language)
        ),
        "reached_text": t["support_reached"].format(
            threshold=number_text(threshold, language), date=date_text(reached, language)
        )
        if reached is not None
        else None,
        "duty_state": duty.state if duty is not None else None,
        "duty_text": duty_text,
    }


def _by_support(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(cards, key=lambda c: (-c["support"], c["id"]))


def _by_date(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(cards, key=lambda c: (c["submitted"], c["id"]), reverse=True)


def _by_waiting(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What waits for an answer: overdue first (longest overdue first), then the longest waiting."""
    waiting = [c for c in cards if c["waiting"] is not None]
    return sorted(
        waiting,
        key=lambda c: (
            not (c["duty"] and c["duty"]["state"] == "overdue"),
            c["duty"]["due"] if c["duty"] and c["duty"]["state"] == "overdue" else "",
            -c["waiting"],
            c["id"],
        ),
    )


# Pre-rendered orders of a list: file name (index = the list's own URL), sort, and whether every list has it.
# Longest waiting is only pre-rendered for the list of all ideas; a department's backlog is that order too.
_ORDERS = (("index", "support", _by_support), ("newest", "date", _by_date), ("waiting", "waiting", _by_waiting))


def _list_pages(
    url: str,
    title: str,
    cards: list[dict[str, Any]],
    nav: dict[str, Any],
    *,
    preset: dict[str, str] | None = None,
    waiting: bool = False,
) -> list[PageSpec]:
    """The pre-rendered orders of the list at `url`, each linking to the others. The filter form on the list
    of one status, category or department starts with that one chosen (`preset`, by the form's field)."""
    orders = [o for o in _ORDERS if waiting or o[1] != "waiting"]
    links = [{"key": key, "url": url if name == "index" else f"{url}{name}/"} for name, key, _ in orders]
    common = {
        "count": len(cards),
        "url": url,
        "all": url == urls.IDEAS,
        "lists": nav,
        "orders": links,
        "preset": preset or {},
    }
    return [
        PageSpec(f"{url}{name}.md", title, urls.LIST_TEMPLATE, {**common, "cards": sort(cards), "order": key})
        for name, key, sort in orders
    ]


def _backlog(views: _Views, key: str, cards: list[dict[str, Any]], nav: dict[str, Any]) -> PageSpec:
    """A department's backlog: what waits for its answer, overdue first, with days waiting."""
    name = views.name(views.portal.departments[key].name)
    waiting = _by_waiting(cards)
    context = {
        "count": len(waiting),
        "cards": waiting,
        "department": key,
        "department_name": name,
        "department_url": urls.department(key),
        "lists": nav,
    }
    return PageSpec(
        urls.source(urls.waiting(key)),
        views.t["backlog_title"].format(department=name),
        urls.BACKLOG_TEMPLATE,
        context,
    )


class _Related:
    """Ideas that share tags (10 points each) or the category (1 point), most supported first among equals.

    Indexed once per build: comparing every idea with every other grew as the
    square of the portal (16× slower pages for 5× the ideas).
    """

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.by_tag: dict[str, list[str]] = defaultdict(list)
        by_category: dict[str, list[str]] = defaultdict(list)
        for key, record in portal.records.items():
            if record.idea.withheld is not None:
                continue
            for tag in set(record.idea.tags):
                self.by_tag[tag].append(key)
            by_category[record.idea.category].append(key)
        # Ideas that share only the category rank by support, so the best few of each suffice.
        self.top_of_category = {
            category: sorted(keys, key=lambda k: (-portal.records[k].support, k))[: RELATED + 1]
            for category, keys in by_category.items()
        }

    def __call__(self, record: Record) -> list[str]:
        """The ids of up to RELATED ideas related to `record`."""
        scores: Counter[str] = Counter()
        for tag in set(record.idea.tags):
            for key in self.by_tag[tag]:
                scores[key] += 10
        candidates = set(scores) | set(self.top_of_category[record.idea.category])
        candidates.discard(record.id)
        records = self.portal.records
        ranked = sorted(
            candidates,
            key=lambda k: (-(scores[k] + (records[k].idea.category == record.idea.category)), -records[k].support, k),
        )
        return ranked[:RELATED]


def _first_answer_days(record: Record) -> int | None:
    return (record.answers[0].date - record.idea.submitted).days if record.answers else None


def _home(views: _Views) -> dict[str, Any]:
    portal, language = views.portal, views.language
    waiting = _by_waiting(list(views.cards.values()))
    per_department = [
        {
            "key": key,
            "name": views.name(department.name),
            "url": urls.waiting(key),
            "count": sum(c["department"] == key for c in waiting),
            "overdue": sum(c["department"] == key and c["duty"]["state"] == "overdue" for c in waiting if c["duty"]),
        }
        for key, department in portal.departments.items()
    ]
    records = [r for r in portal.records.values() if r.id in views.cards]
    answered = [r for r in records if r.answers]
    days = [d for r in records if (d := _first_answer_days(r)) is not None]
    open_cards = [views.cards[r.id] for r in records if not r.status.closed]
    recent = sorted(answered, key=lambda r: (r.answers[-1].date, r.id), reverse=True)[:HOME_LIST]
    return {
        # A new portal: the home page invites the first idea instead of showing empty lists.
        "empty": not records,
        "figures": {
            "ideas": number_text(len(records), language),
            "share_answered": percent_text(len(answered) / len(records), language) if records else "–",
            "median_days": number_text(statistics.median(days), language) if days else "–",
        },
        "most_supported": _by_support(open_cards)[:HOME_LIST],
        "recent": [{**views.cards[r.id], "answered_text": date_text(r.answers[-1].date, language)} for r in recent],
        "tagline": portal.settings.tagline.get(language),
        "waiting": waiting[:HOME_WAITING],
        "waiting_count": len(waiting),
        "waiting_per_department": [
            {**d, "overdue_text": plural_text("overdue_count", d["overdue"], language) if d["overdue"] else None}
            for d in sorted(per_department, key=lambda d: (-d["overdue"], -d["count"], d["name"]))
            if d["count"]
        ],
    }


class IdeaPages:
    """Each idea's page, from what all idea pages share (the cards, who duplicates whom, the related-ideas
    index), made once per build. A preview (`generator/preview.py`) keeps it to make one idea's page again
    after that idea's files changed, among the other ideas as the build saw them."""

    def __init__(self, views: _Views, history: History | None) -> None:
        self.views = views
        self.history = history
        self.duplicates: dict[str, list[str]] = defaultdict(list)
        for record in views.portal.records.values():
            if record.answers and record.answers[-1].duplicate_of:
                self.duplicates[record.answers[-1].duplicate_of].append(record.id)
        self.related = _Related(views.portal)

    def __call__(self, record: Record) -> PageSpec:
        """The page of one idea of the build's portal."""
        return _idea_page(
            self.views, record, sorted(self.duplicates.get(record.id, [])), self.related(record), self.history
        )

    def again(self, record: Record) -> PageSpec:
        """The page of an idea whose files changed since the build (`record`, validated afresh): its card and
        duty follow the change; lists, related ideas and history stay as the build made them."""
        views = self.views
        views.portal.records[record.id] = record
        views.duties[record.id] = response_duty(record, views.portal.settings, views.today)
        if record.idea.withheld is None:
            views.cards[record.id] = views.card(record)
        else:
            views.cards.pop(record.id, None)
        return self(record)


class Pages:
    """Every generated page of a portal (`specs`, in a stable order), its Markdown rendered with the build's
    `markdown` cache (without one, every text is rendered afresh); `ideas` makes an idea's page again."""

    def __init__(
        self,
        portal: Portal,
        language: str,
        today: dt.date,
        history: History | None = None,
        markdown: MarkdownCache | None = None,
    ) -> None:
        markdown = markdown or MarkdownCache()
        markdown.render_ahead(
            text
            for r in portal.records.values()
            for text in (r.idea.body, *(answer.body for answer in r.answers), *(c.body for c in r.community))
        )
        views = _Views(portal, language, today, markdown)
        self.ideas = IdeaPages(views, history)
        self.specs = _lists_and_figures(views, history) + [self.ideas(record) for record in portal.records.values()]


def build_pages(
    portal: Portal,
    language: str,
    today: dt.date,
    history: History | None = None,
    markdown: MarkdownCache | None = None,
) -> list[PageSpec]:
    """Every generated page of the portal, in a stable order (see `Pages`)."""
    return Pages(portal, language, today, history, markdown).specs


def _lists_and_figures(views: _Views, history: History | None) -> list[PageSpec]:
    """The home page, the figures, the changes and every list and backlog: every page but the ideas'."""
    portal, language, t = views.portal, views.language, views.t
    cards = list(views.cards.values())
    # Every list's filter panel: links to the pre-rendered lists (without JavaScript), keys for lists.js.
    nav = {
        "statuses": [
            {
                "key": s.key,
                "url": urls.status(s.key),
                "name": s.label(language),
                "count": sum(c["status"] == s.key for c in cards),
            }
            for s in TABLE
        ],
        "categories": [
            {
                "key": key,
                "url": urls.category(key),
                "name": views.name(c.name),
                "count": sum(x["category"] == key for x in cards),
            }
            for key, c in portal.categories.items()
        ],
        "departments": [
            {
                "key": key,
                "url": urls.department(key),
                "name": views.name(d.name),
                "count": sum(x["department"] == key for x in cards),
                "backlog": urls.waiting(key),
            }
            for key, d in portal.departments.items()
        ],
        "kinds": [
            {
                "key": kind,
                "url": urls.kind(kind),
                "name": t[f"kind_{kind}"],
                "count": sum(x["kind"] == kind for x in cards),
            }
            for kind in KINDS
        ],
    }
    pages = [
        PageSpec(urls.HOME_PAGE, t["home"], urls.HOME_TEMPLATE, _home(views)),
        PageSpec(urls.STATISTICS_PAGE, t["statistics"], urls.STATISTICS_TEMPLATE, statistics_context(views)),
        PageSpec(urls.PROPOSE_PAGE, t["propose"], urls.PROPOSE_TEMPLATE, {}),
        PageSpec(
            urls.CHANGES_PAGE,
            t["changes"],
            urls.CHANGES_TEMPLATE,
            changes_context(views, history)
            if history is not None and history.available
            else _unavailable(views, history),
        ),
    ]
    pages += _list_pages(urls.IDEAS, t["all_ideas"], cards, nav, waiting=True)
    for status in TABLE:
        pages += _list_pages(
            urls.status(status.key),
            status.label(language),
            [c for c in cards if c["status"] == status.key],
            nav,
            preset={"status": status.key},
        )
    for kind in KINDS:
        pages += _list_pages(
            urls.kind(kind), t[f"kinds_{kind}"], [c for c in cards if c["kind"] == kind], nav, preset={"kind": kind}
        )
    for key, category in portal.categories.items():
        pages += _list_pages(
            urls.category(key),
            views.name(category.name),
            [c for c in cards if c["category"] == key],
            nav,
            preset={"category": key},
        )
    for key, department in portal.departments.items():
        mine = [c for c in cards if c["department"] == key]
        pages += _list_pages(urls.department(key), views.name(department.name), mine, nav, preset={"department": key})
        pages.append(_backlog(views, key, mine, nav))
    return pages

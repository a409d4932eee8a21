"""The data of the Statistics and Changes pages: charts as rows, changes grouped by day.

`pages.build_pages` calls these with its per-build views; the templates
`portal/statistics.html` and `portal/changes.html` draw them. Charts are plain
rows (label, value, share of the largest value) that the template draws as
HTML bars of a fixed size, so they read the same on a phone and a desktop.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from itertools import groupby
from typing import TYPE_CHECKING, Any

from babel.dates import format_skeleton

from generator import urls
from generator.history import History
from generator.i18n import number_text, percent_text
from generator.models import WITHHELD_REASONS
from generator.portal import Record
from generator.statuses import BY_KEY, TABLE

if TYPE_CHECKING:
    from generator.pages import _Views

CHANGES = 200


def month_text(month: dt.date, language: str) -> str:
    """A month as people of `language` abbreviate it: `jan. 2025`, `Jan 2025`."""
    return format_skeleton("yMMM", month, locale=language)


def _rows(items: list[tuple[str, float, str, str | None]]) -> list[dict[str, Any]]:
    """Chart rows: label, value, value as text, bar length in % of the largest value, link."""
    top = max((value for _, value, _, _ in items), default=0) or 1
    return [
        {"label": label, "value": value, "text": text, "percent": round(value / top * 100, 1), "url": url}
        for label, value, text, url in items
    ]


def _first_answer_days(record: Record) -> int | None:
    return (record.answers[0].date - record.idea.submitted).days if record.answers else None


def statistics_context(views: _Views) -> dict[str, Any]:
    """Ideas per month, current status and, per department, answers in time, median days and overdue ideas,
    each department's figures linking to its list of ideas, and its overdue count to what waits for it."""
    portal, language = views.portal, views.language
    # Withheld ideas are counted apart, by reason; the other figures are about the ideas shown.
    records = [r for r in portal.records.values() if r.idea.withheld is None]
    months = Counter(r.idea.submitted.replace(day=1) for r in records)
    per_month = _rows(
        [(month_text(m, language), float(n), number_text(n, language), None) for m, n in sorted(months.items())]
    )
    by_status = Counter(r.status.key for r in records)
    status_rows = _rows(
        [
            (s.label(language), float(by_status[s.key]), number_text(by_status[s.key], language), urls.status(s.key))
            for s in TABLE
        ]
    )
    first_days: dict[str, list[int]] = defaultdict(list)
    for record in records:
        days = _first_answer_days(record)
        if days is not None:
            first_days[record.answers[0].department].append(days)
    met: Counter[str] = Counter()
    due: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    for key, duty in views.duties.items():
        department = portal.records[key].department
        if duty is None or department is None:
            continue
        if duty.state in ("met", "late"):
            due[department] += 1
            met[department] += duty.state == "met"
        elif duty.state == "overdue":
            due[department] += 1
            overdue[department] += 1
    departments = []
    for key, known in portal.departments.items():
        median = statistics.median(first_days[key]) if first_days.get(key) else None
        departments.append(
            {
                "name": views.name(known.name),
                "url": urls.department(key),
                "backlog_url": urls.waiting(key),
                "in_time": percent_text(met[key] / due[key], language) if due[key] else "–",
                "in_time_count": f"{number_text(met[key], language)} / {number_text(due[key], language)}",
                "median": number_text(median, language) if median is not None else "–",
                "median_known": median is not None,
                "in_time_known": bool(due[key]),
                "answered": number_text(len(first_days.get(key, [])), language),
                "overdue": number_text(overdue[key], language),
                "overdue_count": overdue[key],
            }
        )
    response_rows = _rows(
        [
            (
                views.name(known.name),
                float(statistics.median(first_days[k])),
                str(row["median"]),
                urls.department(k),
            )
            for (k, known), row in zip(portal.departments.items(), departments, strict=True)
            if first_days.get(k)
        ]
    )
    duties = [d for d in views.duties.values() if d is not None and d.state in ("met", "late", "overdue")]
    met_all = sum(d.state == "met" for d in duties)
    return {
        "charts": [
            {"key": "per_month", "heading": views.t["per_month"], "unit": views.t["count"], "rows": per_month},
            {
                "key": "statuses",
                "heading": views.t["status_distribution"],
                "unit": views.t["count"],
                "rows": status_rows,
            },
            {"key": "response", "heading": views.t["response_times"], "unit": views.t["days"], "rows": response_rows},
        ],
        "departments": departments,
        "in_time": {
            "share": percent_text(met_all / len(duties), language) if duties else None,
            "met": number_text(met_all, language),
            "total": number_text(len(duties), language),
        },
        "community": _community_figures(views, records),
        "withheld": _withheld_figures(views),
    }


def _community_figures(views: _Views, records: list[Record]) -> str | None:
    """How many questions citizens answered, and how many of those a department confirmed; None if none."""
    questions = [r for r in records if r.idea.kind == "question" and r.community]
    if not questions:
        return None
    confirmed = sum(any(c.confirmed for c in r.community) for r in questions)
    return views.t["community_figures"].format(
        answered=number_text(len(questions), views.language), confirmed=number_text(confirmed, views.language)
    )


def _withheld_figures(views: _Views) -> list[dict[str, str]]:
    """Withheld ideas per reason, in the order of the reasons; empty when none is withheld."""
    reasons = Counter(r.idea.withheld.reason for r in views.portal.records.values() if r.idea.withheld)
    return [
        {"reason": views.t[f"withheld_{key}"], "count": number_text(reasons[key], views.language)}
        for key in WITHHELD_REASONS
        if reasons[key]
    ]


def change_text(views: _Views, kind: str, before: str | None, after: str | None) -> str:
    """What a change did, in words: a new answer that keeps the status is news, not `A → A`."""
    t = views.t

    def label(key: str | None) -> str:
        return BY_KEY[key].label(views.language) if key in BY_KEY else (key or "–")

    if kind == "removed":
        return t["change_removed"].format(status=label(before))
    if kind == "revised":
        if after is None:
            return t["change_withdrawn"]
        if before == after:
            return t["change_revised"]
        return t["change_revised_status"].format(before=label(before), after=label(after))
    if before == after:
        return t["change_new_answer"].format(status=label(after))
    return t["change_status"].format(before=label(before), after=label(after))


def changes_context(views: _Views, history: History) -> dict[str, Any]:
    """Status changes, new answers and revisions across the portal, newest first, grouped by day,
    with the departments and statuses to filter by. `history` must be available."""
    rows = []
    for event in reversed(history.log):
        if event.kind not in ("answered", "revised", "removed"):
            continue
        record = views.portal.records.get(history.renamed.get(event.idea_id, event.idea_id))
        department = signed = None
        if record is not None and event.answer_index is not None and event.answer_index < len(record.answers):
            # Who answered is the answer's signer, never the commit's name (which anyone's Git sets).
            department, signed = (
                record.answers[event.answer_index].department,
                record.answers[event.answer_index].signed,
            )
        status = event.status_after or event.status_before
        rows.append(
            {
                **views.event(event),
                "title": record.idea.title if record else None,
                "language": record.idea.language if record else None,
                "url_idea": urls.idea(record.id) if record else None,
                "department": department,
                "department_name": views.name(views.portal.departments[department].name)
                if department in views.portal.departments
                else None,
                "status": status or "",
                "signed": signed,
                "text": change_text(views, event.kind, event.status_before, event.status_after),
            }
        )
        if len(rows) == CHANGES:
            break
    days = [
        {"date": day, "date_text": group[0]["date_text"], "events": group}
        for day, group in ((day, list(items)) for day, items in groupby(rows, key=lambda r: r["date"][:10]))
    ]
    used = {row["status"] for row in rows}
    return {
        "available": True,
        "days": days,
        "count": len(rows),
        "departments": [{"key": k, "name": views.name(d.name)} for k, d in views.portal.departments.items()],
        "statuses": [{"key": s.key, "name": s.label(views.language)} for s in TABLE if s.key in used],
        "removed": [views.event(e) for e in history.removed],
    }

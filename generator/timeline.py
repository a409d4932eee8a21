"""Show history events in the terminal (`portal history`): one line per event, or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from generator.history import Event
from generator.statuses import BY_KEY

LANGUAGE = "en"


def label(status: str | None) -> str:
    """A status as people read it, from the status table; an unknown (historic) key as it was written."""
    if status is None:
        return "?"
    known = BY_KEY.get(status)
    return known.label(LANGUAGE) if known else status


def describe(event: Event) -> str:
    """What happened, without the date and the commit: `answer 2: Under review → Planned`."""
    number = (event.answer_index or 0) + 1
    fields = f" ({', '.join(event.fields)})" if event.fields else ""
    if event.kind == "submitted":
        return f"added {event.path}"
    if event.kind == "answered":
        return f"answer {number}: {label(event.status_before)} → {label(event.status_after)}"
    if event.kind == "revised":
        if event.status_after is None:
            return f"answer {number} taken out (it said {label(event.status_before)})"
        change = (
            f": {label(event.status_before)} → {label(event.status_after)}"
            if event.status_before != event.status_after
            else ""
        )
        return f"answer {number} changed{fields}{change}"
    if event.kind == "moderated":
        return f"idea edited{fields}"
    if event.kind == "renamed":
        return f"moved from {event.old_path} to {event.path}"
    return f"removed {event.path} (status was {label(event.status_before)})"


def line(event: Event, *, with_id: bool) -> str:
    """One event as a line: date, [id,] kind, what happened, who and which commit."""
    who = event.commit.author if event.kind == "submitted" else event.commit.committer
    idea = f"{event.idea_id}  " if with_id else ""
    day = event.commit.date.date().isoformat()
    text = f"{day}  {idea}{event.kind:<9}  {describe(event)} — {who}, {event.commit.short}"
    if event.diff_url:
        text += f"\n{' ' * 12}{event.diff_url}"
    return text


def text(events: Sequence[Event], *, title: str, with_id: bool) -> str:
    """A title line, then one line per event."""
    count = f"{len(events)} event{'' if len(events) == 1 else 's'}"
    return "\n".join([f"{title}: {count}", *(line(event, with_id=with_id) for event in events)])


def as_json(
    events: Sequence[Event],
    *,
    idea: str | None,
    since: dt.date | None,
    available: bool = True,
    reason: str | None = None,
) -> str:
    """The events as JSON: sorted keys, stable order, the same for the same history."""
    return json.dumps(
        {
            "available": available,
            "events": [event.as_dict() for event in events],
            "idea": idea,
            "reason": reason,
            "since": since.isoformat() if since else None,
        },
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
    )

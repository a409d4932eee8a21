"""The duty to answer: once an idea has enough support, an official answer is due.

One function decides it, so the idea pages, the open data and any report
agree on which ideas were answered in time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from generator.models import Settings
from generator.portal import Record
from generator.statuses import BY_KEY

DutyState = Literal["met", "late", "overdue", "due"]


@dataclass(frozen=True, slots=True)
class Duty:
    """An idea's duty to be answered, and how it went.

    `state` is `met` (answered by `due`), `late` (answered after it),
    `overdue` (unanswered and `due` has passed) or `due` (unanswered, still in time).
    """

    reached: dt.date
    due: dt.date
    answered: dt.date | None
    state: DutyState


def response_duty(record: Record, settings: Settings, today: dt.date) -> Duty | None:
    """The duty that arose when `record` reached `settings.support_threshold`, or None.

    There is none if support never reached the threshold, or if the idea was
    already closed that day (answers dated before it decide). The answer that
    meets the duty is the first one dated on or after the day it arose.
    """
    reached = record.reached(settings.support_threshold)
    if reached is None:
        return None
    earlier = [a for a in record.answers if a.date < reached]
    if earlier and BY_KEY[earlier[-1].status].closed:
        return None
    due = reached + dt.timedelta(days=settings.response_days)
    answered = next((a.date for a in record.answers if a.date >= reached), None)
    if answered is not None:
        return Duty(reached, due, answered, "met" if answered <= due else "late")
    return Duty(reached, due, None, "overdue" if today > due else "due")

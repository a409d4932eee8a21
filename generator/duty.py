"""The duty to answer, and whether it was met in time.

An idea is due an official answer once it has enough support. A question, when
the portal sets `question_response_days`, is due one from the day it was
submitted, whatever its support, within that many working days. One function
decides both, so the idea pages, the backlogs, the statistics and the open data
agree on which ideas and questions were answered in time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Literal

import holidays

from generator.models import Settings
from generator.portal import Record
from generator.statuses import BY_KEY

DutyState = Literal["met", "late", "overdue", "due"]


@dataclass(frozen=True, slots=True)
class Duty:
    """An idea's duty to be answered, and how it went.

    `reached` is the day it arose: the day support reached the threshold, or a
    question's submission. `state` is `met` (answered by `due`), `late` (answered
    after it), `overdue` (unanswered and `due` has passed) or `due` (unanswered,
    still in time).
    """

    reached: dt.date
    due: dt.date
    answered: dt.date | None
    state: DutyState


@cache
def _holidays(country: str) -> holidays.HolidayBase:
    # One calendar per country for the whole build; it fills in years as they are asked for.
    return holidays.country_holidays(country)


def add_working_days(start: dt.date, days: int, country: str | None) -> dt.date:
    """The day `days` working days after `start`: Saturdays, Sundays and `country`'s public holidays skipped."""
    calendar = _holidays(country) if country else None
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and (calendar is None or day not in calendar):
            left -= 1
    return day


def _settled(due: dt.date, reached: dt.date, answered: dt.date | None, today: dt.date) -> Duty:
    if answered is not None:
        return Duty(reached, due, answered, "met" if answered <= due else "late")
    return Duty(reached, due, None, "overdue" if today > due else "due")


def response_duty(record: Record, settings: Settings, today: dt.date) -> Duty | None:
    """The duty to answer `record`, or None when it has none.

    A question has one from its submission when `settings.question_response_days`
    is set: met by the first official answer or the first department confirmation
    of a community answer. Otherwise the duty arises when support reaches
    `settings.support_threshold`; there is none if it never did, or if the idea
    was already closed that day (answers dated before it decide). The answer that
    meets it is the first one dated on or after the day it arose. A withheld idea is due nothing.
    """
    if record.idea.withheld is not None:
        return None
    if record.idea.kind == "question" and settings.question_response_days is not None:
        submitted = record.idea.submitted
        due = add_working_days(submitted, settings.question_response_days, settings.country)
        replies = [a.date for a in record.answers] + [c.confirmed.date for c in record.community if c.confirmed]
        return _settled(due, submitted, min(replies, default=None), today)
    reached = record.reached(settings.support_threshold)
    if reached is None:
        return None
    earlier = [a for a in record.answers if a.date < reached]
    if earlier and BY_KEY[earlier[-1].status].closed:
        return None
    due = reached + dt.timedelta(days=settings.response_days)
    answered = next((a.date for a in record.answers if a.date >= reached), None)
    return _settled(due, reached, answered, today)

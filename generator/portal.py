"""The validated portal: every idea with its answers and support, and the taxonomies.

Later stages (history, pages, exports) read only this; they never see YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.models import Answer, Category, CommunityAnswer, Department, Idea, Settings, Tally
from generator.statuses import BY_KEY, INITIAL, Status


class Supporter(NamedTuple):
    """One supporter line of a vote file: a pseudonymous hash, never an identity.

    A named tuple rather than a dataclass: a portal holds a million of them,
    and a tuple is made in half the time.
    """

    voter: str
    date: dt.date
    channel: str


@dataclass(slots=True)
class Record:
    """One idea (or question) with everything filed under its id."""

    id: str
    idea: Idea
    answers: tuple[Answer, ...] = ()
    supporters: tuple[Supporter, ...] = ()
    tallies: tuple[Tally, ...] = ()
    # Citizens' answers: shown apart from the official ones and never changing the status.
    community: tuple[CommunityAnswer, ...] = ()
    paths: dict[str, str] = field(default_factory=dict)
    # The department of the idea's category: responsible until a first answer names one.
    category_department: str | None = None

    @property
    def status(self) -> Status:
        """The status of the latest answer; `new` without one."""
        return BY_KEY[self.answers[-1].status] if self.answers else INITIAL

    @property
    def department(self) -> str | None:
        """The department now responsible: the latest answer's, else the category's (None if it names none)."""
        return self.answers[-1].department if self.answers else self.category_department

    @property
    def support(self) -> int:
        """Individual supporters plus tallied supports."""
        return len(self.supporters) + sum(t.count for t in self.tallies)

    def reached(self, threshold: int) -> dt.date | None:
        """The day support first reached `threshold`, or None."""
        events = sorted([(s.date, 1) for s in self.supporters] + [(t.date, t.count) for t in self.tallies])
        total = 0
        for day, count in events:
            total += count
            if total >= threshold:
                return day
        return None


@dataclass(slots=True)
class Portal:
    """The whole validated portal."""

    settings: Settings
    categories: dict[str, Category]
    departments: dict[str, Department]
    records: dict[str, Record]

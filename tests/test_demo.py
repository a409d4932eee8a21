"""The demo content validates and shows every part of the contract."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest

from generator.check import Outcome, check_portal
from generator.config import load_project
from generator.portal import Portal
from generator.statuses import TABLE

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return check_portal(load_project(ROOT / "mkdocs.yml"), today=max(TODAY, dt.date.today()))


@pytest.fixture(scope="module")
def demo(outcome: Outcome) -> Portal:
    assert outcome.portal is not None, "\n".join(map(str, outcome.problems[:20]))
    return outcome.portal


def test_demo_validates_without_problems(outcome: Outcome) -> None:
    assert outcome.problems == []


def test_size_and_spread(demo: Portal) -> None:
    assert len(demo.records) >= 60
    assert len(demo.categories) >= 8
    assert len(demo.departments) >= 6
    kinds = collections.Counter(r.idea.kind for r in demo.records.values())
    assert kinds["idea"] >= 20
    assert kinds["question"] >= 10


def test_languages(demo: Portal) -> None:
    languages = collections.Counter(r.idea.language for r in demo.records.values())
    assert languages["da"] >= 10
    assert languages["en"] >= 10
    assert languages["sv"] >= 1
    assert languages["de"] >= 1


def test_every_status_is_current_somewhere(demo: Portal) -> None:
    current = {r.status.key for r in demo.records.values()}
    assert current == {s.key for s in TABLE}


def test_answers_with_several_steps_a_duplicate_and_a_reopening(demo: Portal) -> None:
    records = demo.records.values()
    assert sum(len(r.answers) >= 3 for r in records) >= 5
    assert any(r.status.key == "duplicate" for r in records)
    assert any(a.reopen for r in records for a in r.answers)


def test_support_from_individuals_and_meetings(demo: Portal) -> None:
    records = list(demo.records.values())
    assert any(r.supporters for r in records)
    assert any(t.channel == "meeting" for r in records for t in r.tallies)


def test_employee_ideas(demo: Portal) -> None:
    assert sum(r.idea.channel == "employee" for r in demo.records.values()) >= 3


def test_ideas_past_the_threshold_with_and_without_a_timely_answer(demo: Portal) -> None:
    settings = demo.settings
    timely = late = 0
    for record in demo.records.values():
        reached = record.reached(settings.support_threshold)
        if reached is None:
            continue
        due = reached + dt.timedelta(days=settings.response_days)
        answered = [a.date for a in record.answers if a.date >= reached]
        if answered and answered[0] <= due:
            timely += 1
        else:
            late += 1
    assert timely >= 1
    assert late >= 1

"""The duty to answer an idea that reached the support threshold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check import run
from generator.config import load_project
from generator.duty import Duty, response_duty
from generator.models import Answer, Idea, Settings, Tally
from generator.portal import Portal, Record, Supporter
from tests.conftest import TODAY, PortalDir

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings(support_threshold=3, response_days=30)
D = dt.date


def answer(day: dt.date, status: str = "under_review", *, reopen: bool = False) -> Answer:
    return Answer.model_validate(
        {"date": day, "status": status, "department": "roads", "signed": "Ann Berg", "body": "x", "reopen": reopen}
    )


def record(*answers: Answer, supports: tuple[dt.date, ...] = (), tally: tuple[dt.date, int] | None = None) -> Record:
    idea = Idea.model_validate(
        {
            "title": "Benches",
            "kind": "idea",
            "submitted": D(2026, 1, 1),
            "author": "Maja H.",
            "category": "traffic",
            "channel": "web",
            "body": "x",
        }
    )
    tallies = (Tally.model_validate({"count": tally[1], "date": tally[0], "channel": "meeting"}),) if tally else ()
    supporters = tuple(Supporter(f"{n:016x}", day, "web") for n, day in enumerate(supports))
    return Record("2026-0001", idea, answers, supporters, tallies)


THREE = (D(2026, 1, 2), D(2026, 1, 3), D(2026, 1, 10))  # reaches 3 on 10 January; due 9 February


def test_no_duty_below_the_threshold() -> None:
    assert response_duty(record(supports=THREE[:2]), SETTINGS, TODAY) is None


def test_reached_by_a_tally() -> None:
    duty = response_duty(record(supports=THREE[:1], tally=(D(2026, 1, 5), 2)), SETTINGS, D(2026, 1, 6))
    assert duty == Duty(D(2026, 1, 5), D(2026, 2, 4), None, "due")


def test_an_answer_on_the_day_it_was_reached_meets_it() -> None:
    duty = response_duty(record(answer(D(2026, 1, 10)), supports=THREE), SETTINGS, TODAY)
    assert duty == Duty(D(2026, 1, 10), D(2026, 2, 9), D(2026, 1, 10), "met")


def test_an_answer_on_the_due_day_is_in_time_the_day_after_is_late() -> None:
    assert response_duty(record(answer(D(2026, 2, 9)), supports=THREE), SETTINGS, TODAY) == Duty(
        D(2026, 1, 10), D(2026, 2, 9), D(2026, 2, 9), "met"
    )
    assert response_duty(record(answer(D(2026, 2, 10)), supports=THREE), SETTINGS, TODAY) == Duty(
        D(2026, 1, 10), D(2026, 2, 9), D(2026, 2, 10), "late"
    )


def test_the_first_answer_after_reaching_counts_not_a_later_one() -> None:
    late_then_more = record(answer(D(2026, 3, 1)), answer(D(2026, 3, 2), "planned"), supports=THREE)
    duty = response_duty(late_then_more, SETTINGS, TODAY)
    assert duty is not None
    assert (duty.answered, duty.state) == (D(2026, 3, 1), "late")


@pytest.mark.parametrize(("today", "state"), [(D(2026, 2, 9), "due"), (D(2026, 2, 10), "overdue")])
def test_unanswered_is_due_until_the_due_day_then_overdue(today: dt.date, state: str) -> None:
    duty = response_duty(record(supports=THREE), SETTINGS, today)
    assert duty is not None
    assert (duty.answered, duty.state) == (None, state)


def test_an_answer_before_reaching_does_not_meet_it() -> None:
    duty = response_duty(record(answer(D(2026, 1, 4)), supports=THREE), SETTINGS, D(2026, 3, 1))
    assert duty is not None
    assert (duty.answered, duty.state) == (None, "overdue")


def test_no_duty_when_already_closed_on_the_day_it_was_reached() -> None:
    closed = record(answer(D(2026, 1, 4), "declined"), supports=THREE)
    assert response_duty(closed, SETTINGS, TODAY) is None


def test_a_duty_again_when_reopened_before_it_was_reached() -> None:
    reopened = record(
        answer(D(2026, 1, 4), "declined"), answer(D(2026, 1, 6), "under_review", reopen=True), supports=THREE
    )
    duty = response_duty(reopened, SETTINGS, TODAY)
    assert duty is not None
    assert duty.state == "overdue"


def test_a_closing_answer_on_the_day_it_was_reached_meets_it() -> None:
    duty = response_duty(record(answer(D(2026, 1, 10), "declined"), supports=THREE), SETTINGS, TODAY)
    assert duty is not None
    assert duty.state == "met"


def test_fixture_portal(portal: PortalDir) -> None:
    built = run(load_project(portal.root / "mkdocs.yml"), today=TODAY).portal
    assert built is not None
    duties = {key: response_duty(r, built.settings, TODAY) for key, r in built.records.items()}
    assert duties == {
        "2026-0001": Duty(D(2026, 1, 15), D(2026, 2, 14), D(2026, 1, 20), "met"),
        "2026-0002": None,
    }


def test_demo_has_every_outcome_the_pages_show() -> None:
    demo: Portal | None = run(load_project(ROOT / "mkdocs.yml"), today=max(TODAY, dt.date.today())).portal
    assert demo is not None
    states = {
        duty.state
        for r in demo.records.values()
        if (duty := response_duty(r, demo.settings, max(TODAY, dt.date.today()))) is not None
    }
    assert {"met", "late"} <= states

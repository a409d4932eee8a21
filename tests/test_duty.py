"""The duty to answer an idea that reached the support threshold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check import check_portal
from generator.config import load_project
from generator.duty import Duty, add_working_days, response_duty
from generator.models import Answer, CommunityAnswer, Idea, Settings, Tally
from generator.pages import build_pages
from generator.portal import Portal, Record, Supporter
from tests.support import CATEGORIES, MKDOCS, TODAY, PortalDir, built

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings(support_threshold=3, response_days=30)
MKDOCS_WITH = MKDOCS + "{extra}"
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
    built = check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY).portal
    assert built is not None
    duties = {key: response_duty(r, built.settings, TODAY) for key, r in built.records.items()}
    assert duties == {
        "2026-0001": Duty(D(2026, 1, 15), D(2026, 2, 14), D(2026, 1, 20), "met"),
        "2026-0002": None,
    }


def test_demo_has_every_outcome_the_pages_show() -> None:
    demo: Portal | None = check_portal(load_project(ROOT / "mkdocs.yml"), today=max(TODAY, dt.date.today())).portal
    assert demo is not None
    states = {
        duty.state
        for r in demo.records.values()
        if (duty := response_duty(r, demo.settings, max(TODAY, dt.date.today()))) is not None
    }
    assert {"met", "late"} <= states


QUESTIONS = Settings(support_threshold=3, response_days=30, question_response_days=5, country="DK")
EASTER = D(2026, 3, 26)  # a Thursday; Maundy Thursday, Good Friday and Easter Monday follow within a week


def question(*answers: Answer, community: tuple[CommunityAnswer, ...] = (), submitted: dt.date = EASTER) -> Record:
    idea = Idea.model_validate(
        {
            "title": "When is the library open?",
            "kind": "question",
            "submitted": submitted,
            "author": "Erik",
            "category": "culture",
            "channel": "web",
            "body": "x",
        }
    )
    return Record("2026-0002", idea, answers, community=community)


def community(day: dt.date, confirmed: dt.date | None = None) -> CommunityAnswer:
    entry: dict[str, object] = {"date": day, "body": "Sundays 10-16."}
    if confirmed is not None:
        entry["confirmed"] = {"department": "culture", "signed": "Ida Holm, librarian", "date": confirmed}
    return CommunityAnswer.model_validate(entry)


def test_working_days_skip_weekends_and_danish_easter() -> None:
    assert add_working_days(EASTER, 5, None) == D(2026, 4, 2)
    # Maundy Thursday, Good Friday, the weekend and Easter Monday are not working days in Denmark.
    assert add_working_days(EASTER, 5, "DK") == D(2026, 4, 7)
    assert add_working_days(D(2026, 11, 20), 1, "DK") == D(2026, 11, 23)  # Friday → Monday


def test_a_question_is_due_from_its_submission_without_any_support() -> None:
    assert response_duty(question(), QUESTIONS, D(2026, 4, 7)) == Duty(EASTER, D(2026, 4, 7), None, "due")
    assert response_duty(question(), QUESTIONS, D(2026, 4, 8)) == Duty(EASTER, D(2026, 4, 7), None, "overdue")


def test_an_official_answer_meets_a_question_duty() -> None:
    answered = question(answer(D(2026, 4, 7), "answered"))
    assert response_duty(answered, QUESTIONS, TODAY) == Duty(EASTER, D(2026, 4, 7), D(2026, 4, 7), "met")
    late = question(answer(D(2026, 4, 8), "answered"))
    assert response_duty(late, QUESTIONS, TODAY) == Duty(EASTER, D(2026, 4, 7), D(2026, 4, 8), "late")


def test_a_confirmed_community_answer_meets_a_question_duty_an_unconfirmed_one_does_not() -> None:
    unconfirmed = question(community=(community(D(2026, 3, 27)),))
    assert response_duty(unconfirmed, QUESTIONS, TODAY) == Duty(EASTER, D(2026, 4, 7), None, "overdue")
    confirmed = question(community=(community(D(2026, 3, 27), confirmed=D(2026, 4, 1)),))
    assert response_duty(confirmed, QUESTIONS, TODAY) == Duty(EASTER, D(2026, 4, 7), D(2026, 4, 1), "met")


def test_the_earliest_of_an_answer_and_a_confirmation_counts() -> None:
    both = question(answer(D(2026, 4, 20), "answered"), community=(community(D(2026, 3, 27), confirmed=D(2026, 4, 2)),))
    duty = response_duty(both, QUESTIONS, TODAY)
    assert duty is not None
    assert (duty.answered, duty.state) == (D(2026, 4, 2), "met")


def test_without_the_setting_questions_wait_for_support_like_ideas() -> None:
    assert response_duty(question(), SETTINGS, TODAY) is None


def test_ideas_keep_the_support_threshold_duty() -> None:
    assert response_duty(record(supports=THREE[:2]), QUESTIONS, TODAY) is None


def test_an_unknown_country_is_refused(portal: PortalDir) -> None:
    portal.write("mkdocs.yml", MKDOCS_WITH.format(extra="      country: XX\n      question_response_days: 10\n"))
    result = portal.validate()
    assert result.exit_code == 1
    assert "country" in result.output
    assert "XX" in result.output
    assert "Traceback" not in result.output


def test_the_question_duty_from_mkdocs_yml(portal: PortalDir) -> None:
    portal.write("mkdocs.yml", MKDOCS_WITH.format(extra="      country: DK\n      question_response_days: 10\n"))
    duty = response_duty(built(portal).records["2026-0002"], built(portal).settings, TODAY)
    # Submitted Sunday 1 February 2026; ten working days later.
    assert duty == Duty(D(2026, 2, 1), D(2026, 2, 13), None, "overdue")


def test_pages_show_the_question_duty_like_the_idea_duty(portal: PortalDir) -> None:
    portal.write("mkdocs.yml", MKDOCS_WITH.format(extra="      country: DK\n      question_response_days: 10\n"))
    portal.write(
        "content/categories.yaml",
        CATEGORIES.replace(
            "name: {en: Culture, da: Kultur}", "name: {en: Culture, da: Kultur}\n    department: culture"
        ),
    )
    pages = {p.src_uri: p for p in build_pages(built(portal), "en", TODAY)}
    card = pages["ideas/2026-0002.md"].context["idea"]
    assert card["duty"]["state"] == "overdue"
    assert card["duty"]["due"] == "2026-02-13"
    backlog = pages["departments/culture/waiting.md"].context["cards"]
    assert [c["id"] for c in backlog] == ["2026-0002"]
    statistics = pages["statistics.md"].context
    assert statistics["in_time"]["total"] == "2"  # the idea's duty and the question's
    # A department confirming a community answer in time meets it: the question waits no more.
    portal.write(
        "content/community/2026-0002.yaml",
        "community:\n  - date: 2026-02-02\n    body: |\n      Sundays 10-16.\n    confirmed:\n"
        "      department: culture\n      signed: Ida Holm, librarian\n      date: 2026-02-05\n",
    )
    pages = {p.src_uri: p for p in build_pages(built(portal), "en", TODAY)}
    assert pages["ideas/2026-0002.md"].context["idea"]["duty"]["state"] == "met"
    assert pages["departments/culture/waiting.md"].context["cards"] == []
    assert pages["statistics.md"].context["in_time"]["met"] == "2"

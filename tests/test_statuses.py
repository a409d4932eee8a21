"""The status table: its shape and the transition rules."""

from __future__ import annotations

import pytest

from generator.statuses import BY_KEY, INITIAL, TABLE, transition_problem


def test_the_eight_statuses_in_order() -> None:
    assert [s.key for s in TABLE] == [
        "new", "under_review", "planned", "in_progress", "done", "declined", "duplicate", "answered",
    ]
    assert INITIAL.key == "new"


@pytest.mark.parametrize("status", TABLE)
def test_every_status_has_four_labels_and_known_successors(status: object) -> None:
    assert set(status.labels) == {"en", "da", "sv", "de"}  # type: ignore[attr-defined]
    assert status.leads_to <= set(BY_KEY)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("before", "after", "kind", "reopen", "problem"),
    [
        ("new", "under_review", "idea", False, None),
        ("new", "answered", "question", False, None),
        ("new", "answered", "idea", False, "not used for a idea"),
        ("new", "planned", "question", False, "not used for a question"),
        ("under_review", "under_review", "idea", False, None),
        ("planned", "under_review", "idea", False, "illegal status change planned → under_review"),
        ("in_progress", "planned", "idea", False, "illegal status change"),
        ("done", "planned", "idea", False, "add `reopen: true`"),
        ("done", "planned", "idea", True, None),
        ("declined", "in_progress", "idea", True, None),
        ("declined", "done", "idea", True, "illegal status change"),
        ("answered", "under_review", "question", True, None),
        ("planned", "done", "idea", True, "only reopens a closed status"),
        ("under_review", "new", "idea", False, "cannot set the status back to new"),
    ],
)
def test_transitions(before: str, after: str, kind: str, reopen: bool, problem: str | None) -> None:
    result = transition_problem(before, after, kind, reopen)
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result

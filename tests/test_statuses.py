"""The status table: its shape and the transition rules."""

from __future__ import annotations

import pytest

from generator.statuses import BY_KEY, INITIAL, TABLE, transition_problem


def test_the_eight_statuses_in_order() -> None:
    assert [s.key for s in TABLE] == [
        "new",
        "under_review",
        "planned",
        "in_progress",
        "done",
        "declined",
        "duplicate",
        "answered",
    ]
    assert INITIAL.key == "new"


@pytest.mark.parametrize("status", TABLE)
def test_every_status_has_known_successors(status: object) -> None:
    # Its labels are in the UI catalogue, checked in every language by tests/test_languages.py.
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


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("status", TABLE, ids=lambda s: s.key)
def test_badge_colours_keep_white_text_readable(status: object) -> None:
    # WCAG 2.1 AA: contrast of at least 4.5:1 between the white label and its badge.
    contrast = 1.05 / (_luminance(status.colour) + 0.05)  # type: ignore[attr-defined]
    assert contrast >= 4.5

"""The one table of statuses: names, who may use them and where they may lead.

Validation, badges, labels, filters and the JSON Schema all read this table;
no other module spells a status name out. The labels are in the UI catalogue
(`generator/locale/`), under the context `status:<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.i18n import text

Kind = Literal["idea", "question"]
KINDS: tuple[Kind, ...] = ("idea", "question")


@dataclass(frozen=True, slots=True)
class Status:
    """One status an idea or question can be in."""

    key: str
    kinds: frozenset[Kind]
    closed: bool
    leads_to: frozenset[str]
    description: str
    colour: str  # badge background behind white text; each has a contrast of at least 4.5:1

    def label(self, language: str) -> str:
        """The label in `language`, falling back to English."""
        return text(f"status:{self.key}", language)


_BOTH: frozenset[Kind] = frozenset(KINDS)
_IDEA: frozenset[Kind] = frozenset({"idea"})
_QUESTION: frozenset[Kind] = frozenset({"question"})
# Statuses one may reopen to, with an explicit `reopen: true` on the answer.
_OPEN_AGAIN = frozenset({"under_review", "planned", "in_progress"})

TABLE: tuple[Status, ...] = (
    Status(
        key="new",
        kinds=_BOTH,
        closed=False,
        leads_to=frozenset({"under_review", "planned", "in_progress", "done", "declined", "duplicate", "answered"}),
        description="Submitted, no official answer yet.",
        colour="#37474f",
    ),
    Status(
        key="under_review",
        kinds=_BOTH,
        closed=False,
        leads_to=frozenset({"under_review", "planned", "in_progress", "done", "declined", "duplicate", "answered"}),
        description="A department is looking into it.",
        colour="#6a1b9a",
    ),
    Status(
        key="planned",
        kinds=_IDEA,
        closed=False,
        leads_to=frozenset({"planned", "in_progress", "done", "declined"}),
        description="Decided and scheduled.",
        colour="#1565c0",
    ),
    Status(
        key="in_progress",
        kinds=_IDEA,
        closed=False,
        leads_to=frozenset({"in_progress", "done", "declined"}),
        description="Work has started.",
        colour="#00695c",
    ),
    Status(
        key="done",
        kinds=_IDEA,
        closed=True,
        leads_to=_OPEN_AGAIN,
        description="Carried out.",
        colour="#2e7d32",
    ),
    Status(
        key="declined",
        kinds=_BOTH,
        closed=True,
        leads_to=_OPEN_AGAIN,
        description="Will not be carried out; the answer says why.",
        colour="#b71c1c",
    ),
    Status(
        key="duplicate",
        kinds=_BOTH,
        closed=True,
        leads_to=_OPEN_AGAIN,
        description="Merged into another idea (`duplicate_of`).",
        colour="#5d4037",
    ),
    Status(
        key="answered",
        kinds=_QUESTION,
        closed=True,
        leads_to=frozenset({"under_review"}),
        description="A question with an official answer.",
        colour="#2e7d32",
    ),
)

BY_KEY: dict[str, Status] = {status.key: status for status in TABLE}
INITIAL: Status = TABLE[0]


def transition_problem(before: str, after: str, kind: str, reopen: bool) -> str | None:
    """Why an answer may not move an idea of `kind` from `before` to `after`, or None if it may.

    The message names the rule and the way out, so it can be shown to staff as is.
    """
    target = BY_KEY[after]
    source = BY_KEY[before]
    if kind not in target.kinds:
        allowed = ", ".join(s.key for s in TABLE if kind in s.kinds and s is not INITIAL)
        return f"status {after} is not used for a {kind}; use one of: {allowed}"
    if after == INITIAL.key:
        return f"an answer cannot set the status back to {INITIAL.key}"
    if reopen and not source.closed:
        return f"`reopen: true` only reopens a closed status, and {before} is open; remove it"
    if source.closed and not reopen:
        return (
            f"{before} is a closed status; to move on to {after}, "
            "add `reopen: true` to this answer and say why in its body"
        )
    if after not in source.leads_to:
        allowed = ", ".join(sorted(s for s in source.leads_to if kind in BY_KEY[s].kinds))
        return f"illegal status change {before} → {after}; from {before} an answer may set: {allowed}"
    return None

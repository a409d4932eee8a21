"""Staff authoring: write a new idea skeleton, append an official answer.

Both write the file, validate it with the same rules as `portal validate`,
and put the file back as it was if the result does not validate: a command
never leaves broken content behind.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.check import check_portal
from generator.config import Project
from generator.content_writer import NewIdea, entry_indent, idea_parts, line_fields, next_id, write_validated
from generator.errors import ContentError, PortalError, Problem, UsageProblem
from generator.loader import ID_FILE
from generator.schema import header
from generator.statuses import BY_KEY, transition_problem
from generator.yamlwrite import block, scalar

# What the fields `portal new` writes are given with, to name in a refusal (`kind` and `submitted` are its own).
NEW_OPTIONS = {
    "title": "--title",
    "author": "--author",
    "category": "--category",
    "channel": "--channel",
    "language": "--language",
    "body": "--body",
}
# What an answer's written fields are given with on the command line, to name in a refusal.
ANSWER_OPTIONS = {
    "date": "--date",
    "status": "--status",
    "department": "--department",
    "signed": "--signed",
    "duplicate_of": "--duplicate-of",
    "reopen": "--reopen",
    "body": "--body",
}


def _write(project: Project, path: Path, text: str, today: dt.date, written: dict[int, str]) -> None:
    """Write the file and validate it; on errors it is put back as it was, and they are raised.

    `written` maps the lines the command added to the option that gave each
    one: a problem there is reported against that option, since the file it
    would point at is no longer there as written.
    """
    own = write_validated(project, {path: text}, today)
    if not own:
        return
    if any(p.line not in written for p in own):
        raise ContentError(own)
    raise OptionProblems(own, written)


class OptionProblems(ContentError):
    """Problems in what a command's options gave; the message names each option, not a file it took back."""

    def __init__(self, problems: list[Problem], options: dict[int, str]) -> None:
        super().__init__(problems)
        self.message = "\n".join(
            f"{options[p.line]}: {_plain(p.message)}" + (f" ({p.hint})" if p.hint else "") for p in self.problems
        )


def _plain(message: str) -> str:
    """A validation message without the `answers[2].status: ` prefix that only makes sense in the file."""
    return re.sub(r"^(answers\[\d+\]\.)?[a-z_]+: ", "", message)


def _first_category(project: Project) -> str:
    text = (
        (project.content / "categories.yaml").read_text(encoding="utf-8")
        if (project.content / "categories.yaml").is_file()
        else ""
    )
    match = re.search(r"^  ([a-z][a-z0-9_]{1,31}):", text, re.MULTILINE)
    if not match:
        raise UsageProblem("no category found in content/categories.yaml; give --category")
    return match.group(1)


def new_item(
    project: Project,
    kind: str,
    *,
    title: str | None = None,
    author: str = "Anonymous",
    category: str | None = None,
    channel: str = "web",
    language: str | None = None,
    body: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a valid idea or question under the next free id and return its path.

    The body is required: a placeholder would validate and be published as if someone had written it.
    """
    if not body or not body.strip():
        raise UsageProblem(f"give the text of the {kind} with --body-file FILE (or --body-file - to type it)")
    if not title or not title.strip():
        raise UsageProblem(f"give the {kind}'s title with --title")
    day = today or dt.date.today()
    path = project.content / "ideas" / f"{next_id(project, day.year)}.yaml"
    parts = idea_parts(
        NewIdea(title.strip(), kind, day, author, category or _first_category(project), channel, body, language)
    )
    written = {line: NEW_OPTIONS[field] for line, field in line_fields(parts).items() if field in NEW_OPTIONS}
    _write(project, path, "".join(text for _, text in parts), day, written)
    return path


def add_answer(
    project: Project,
    idea_id: str,
    *,
    status: str,
    department: str,
    signed: str,
    body: str,
    day: dt.date | None = None,
    duplicate_of: str | None = None,
    reopen: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Append an official answer to an idea's answer file and return its path.

    Refuses an illegal status change before writing anything.
    """
    if status not in BY_KEY:
        raise UsageProblem(f"unknown status {status!r}; one of: {', '.join(BY_KEY)}")
    today = today or dt.date.today()
    day = day or today
    idea_path = project.content / "ideas" / f"{idea_id}.yaml"
    if not ID_FILE.match(f"{idea_id}.yaml") or not idea_path.is_file():
        raise UsageProblem(f"there is no idea {idea_id} (no {idea_path.as_posix()})")
    outcome = check_portal(project, [idea_path], today)
    if outcome.portal is None:
        raise ContentError([p for p in outcome.problems if p.severity == "error"])
    record = outcome.portal.records[idea_id]
    why = _refusal(idea_id, record.status.key, status, record.idea.kind, reopen)
    if why:
        raise PortalError(f"cannot answer {idea_id}: {why}")
    if (status == "duplicate") != bool(duplicate_of):
        raise UsageProblem(
            "--status duplicate needs --duplicate-of ID (the original idea)"
            if status == "duplicate"
            else "--duplicate-of goes with --status duplicate"
        )
    path = project.content / "answers" / f"{idea_id}.yaml"
    before = path.read_bytes() if path.is_file() else None
    text = before.decode("utf-8") if before is not None else header("answers", 2) + "answers:\n"
    if not text.endswith("\n"):
        text += "\n"
    dash = entry_indent(text) if before is not None else 2
    pad = " " * (dash + 2)
    entry = [
        f"{' ' * dash}- date: {day.isoformat()}\n",
        f"{pad}status: {status}\n",
        f"{pad}department: {scalar(department)}\n",
        f"{pad}signed: {scalar(signed)}\n",
    ]
    if duplicate_of:
        entry.append(f'{pad}duplicate_of: "{duplicate_of}"\n')
    if reopen:
        entry.append(f"{pad}reopen: true\n")
    entry.append(f"{pad}body: {block(body, dash + 4, dash + 2)}")
    first = text.count("\n") + 1
    written = {first: ANSWER_OPTIONS["date"]}
    for offset, line in enumerate(entry[1:-1], start=1):
        written[first + offset] = ANSWER_OPTIONS[line.strip().split(":", 1)[0]]
    body_line = first + len(entry) - 1
    written.update({body_line + i: ANSWER_OPTIONS["body"] for i in range(entry[-1].count("\n"))})
    _write(project, path, text + "".join(entry), today, written)
    return path


def _refusal(idea_id: str, before: str, after: str, kind: str, reopen: bool) -> str | None:
    """Why the command may not set `after`, in the command's own terms (its flags, not the file's fields)."""
    why = transition_problem(before, after, kind, reopen)
    if why is None:
        return None
    closed = BY_KEY[before].closed
    if closed and not reopen:
        return f"it is {before}, a closed status; to move it on to {after}, add --reopen and say why in the answer"
    if reopen and not closed:
        return f"--reopen only reopens a closed status, and {idea_id} is {before}; leave --reopen out"
    return why

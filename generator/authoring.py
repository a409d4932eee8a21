"""Staff authoring: write a new idea skeleton, append an official answer.

Both write the file, validate it with the same rules as `portal validate`,
and put the file back as it was if the result does not validate: a command
never leaves broken content behind.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.check import run
from generator.config import Project
from generator.errors import ContentError, Problem, UsageProblem
from generator.loader import ID_FILE
from generator.schema import header
from generator.statuses import BY_KEY, transition_problem
from generator.yamlwrite import block, scalar

SKELETON_BODY = {
    "idea": "Describe the idea: what should change, where, and why.\n",
    "question": "Write the question, and what you already found out.\n",
}


def next_id(project: Project, year: int) -> str:
    """The next free id of `year` (`2026-0043` after `2026-0042`)."""
    taken = [
        int(match.group(1)[5:])
        for path in (project.content / "ideas").glob(f"{year}-*.yaml")
        if (match := ID_FILE.match(path.name))
    ]
    return f"{year}-{max(taken, default=0) + 1:04d}"


def _validated(project: Project, path: Path, before: bytes | None, today: dt.date) -> None:
    outcome = run(project, [path], today)
    own = [p for p in outcome.problems if p.severity == "error" and p.path.endswith(path.name)]
    if own:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
        raise ContentError(own)


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
    """Write a valid idea or question under the next free id and return its path."""
    day = today or dt.date.today()
    idea_id = next_id(project, day.year)
    path = project.content / "ideas" / f"{idea_id}.yaml"
    lines = [
        header("idea", 2),
        f"title: {scalar(title or ('New ' + kind))}\n",
        f"kind: {kind}\n",
        f"submitted: {day.isoformat()}\n",
        f"author: {scalar(author)}\n",
        f"category: {scalar(category or _first_category(project))}\n",
        f"channel: {scalar(channel)}\n",
    ]
    if language:
        lines.append(f"language: {scalar(language)}\n")
    lines.append(f"body: {block(body or SKELETON_BODY[kind], 2, 0)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    _validated(project, path, None, day)
    return path


def _answer_indent(text: str) -> int:
    """Column of the `-` of the existing answers, so appended ones line up."""
    match = re.search(r"^( *)- ", text, re.MULTILINE)
    return len(match.group(1)) if match else 2


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
    outcome = run(project, [idea_path], today)
    if outcome.portal is None:
        raise ContentError([p for p in outcome.problems if p.severity == "error"])
    record = outcome.portal.records[idea_id]
    why = transition_problem(record.status.key, status, record.idea.kind, reopen)
    path = project.content / "answers" / f"{idea_id}.yaml"
    if why:
        raise ContentError([Problem(path.relative_to(project.root).as_posix(), 0, 0, f"cannot answer: {why}")])
    before = path.read_bytes() if path.is_file() else None
    text = before.decode("utf-8") if before is not None else header("answers", 2) + "answers:\n"
    if not text.endswith("\n"):
        text += "\n"
    dash = _answer_indent(text) if before is not None else 2
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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "".join(entry), encoding="utf-8")
    _validated(project, path, before, today)
    return path

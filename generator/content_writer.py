"""The one way a command writes content: write, validate, and put everything back on an error.

`portal new`, `portal answer`, `portal intake` and `portal votes import` (and `portal votes reactions`,
through it) write here. Each file is written, validated with the same rules as `portal validate`,
and if the result has an error every file is put back byte for byte as it was (a new one is
removed): a command never leaves broken content behind. The caller turns the errors into its own
message (the command's options, the issue form's fields).

The next free idea id and the text of a new idea file live here too, once for every command.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.check import check_ideas, check_portal
from generator.config import Project
from generator.errors import Problem
from generator.loader import ID_FILE
from generator.models import IDEA_ID
from generator.schema import header
from generator.yamlwrite import block, scalar


def next_id(project: Project, year: int, taken: tuple[str, ...] = ()) -> str:
    """The next id of `year` after every existing idea and every id in `taken` (`2026-0043` after `2026-0042`).

    `taken` are ids given out elsewhere and not in this checkout yet (another open pull request).
    """
    numbers = [
        int(match.group(1)[5:])
        for path in (project.content / "ideas").glob(f"{year}-*.yaml")
        if (match := ID_FILE.match(path.name))
    ]
    numbers += [int(other[5:]) for other in taken if re.fullmatch(IDEA_ID, other) and other.startswith(f"{year}-")]
    return f"{year}-{max(numbers, default=0) + 1:04d}"


@dataclass(frozen=True, slots=True)
class NewIdea:
    """What a new idea file holds, as a command or a form gives it."""

    title: str
    kind: str
    submitted: dt.date
    author: str
    category: str
    channel: str
    body: str
    language: str | None = None
    issue: int | None = None  # the forge issue it came through: supports by 👍 are counted there


def idea_parts(idea: NewIdea) -> list[tuple[str, str]]:
    """The text of a new idea file in parts, each with the field it writes (`""` for the schema line).

    The parts joined are the file; the field of each lets a command name the option or form field
    a problem is in.
    """
    parts = [
        ("", header("idea", 2)),
        ("title", f"title: {scalar(idea.title)}\n"),
        ("kind", f"kind: {idea.kind}\n"),
        ("submitted", f"submitted: {idea.submitted.isoformat()}\n"),
        ("author", f"author: {scalar(idea.author)}\n"),
        ("category", f"category: {scalar(idea.category)}\n"),
        ("channel", f"channel: {scalar(idea.channel)}\n"),
    ]
    if idea.issue is not None:
        parts.append(("issue", f"issue: {idea.issue}\n"))
    if idea.language:
        parts.append(("language", f"language: {scalar(idea.language)}\n"))
    parts.append(("body", f"body: {block(idea.body, 2, 0)}"))
    return parts


def line_fields(parts: list[tuple[str, str]], first: int = 1) -> dict[int, str]:
    """The field each line of the joined parts writes, by line number (the first part starting at `first`)."""
    fields: dict[int, str] = {}
    line = first
    for field, text in parts:
        for _ in range(text.count("\n")):
            fields[line] = field
            line += 1
    return fields


def entry_indent(text: str) -> int:
    """The column of the `-` of a list file's existing entries (answers, community answers), so an appended
    entry lines up with them; 2 when there is none."""
    match = re.search(r"^( *)- ", text, re.MULTILINE)
    return len(match.group(1)) if match else 2


def write_validated(
    project: Project, texts: Mapping[Path, str], today: dt.date, *, ideas: set[str] | None = None
) -> list[Problem]:
    """Write each file its text and validate; on an error put every file back and return the errors.

    Without `ideas`, the written files are validated with the whole portal, and only errors in them
    count (an error elsewhere was there before). With `ideas` (an import touching many files), only
    those ideas' files and the taxonomies they refer to are validated, and every error counts.
    Returns no problem when the files are written and valid.
    """
    before = {path: path.read_bytes() if path.is_file() else None for path in texts}
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if ideas is None:
            outcome = check_portal(project, list(texts), today)
            names = {path.name for path in texts}
            errors = [p for p in outcome.problems if p.severity == "error" and Path(p.path).name in names]
        else:
            outcome = check_ideas(project, ideas, today)
            errors = [p for p in outcome.problems if p.severity == "error"]
    except BaseException:
        _restore(before)  # an interrupted command leaves the content as it found it, too
        raise
    if errors:
        _restore(before)
    return errors


def _restore(before: Mapping[Path, bytes | None]) -> None:
    for path, data in before.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)

"""`portal confirm`: a department confirms that a citizen's answer is correct.

The confirmation is written under the community answer in
`content/community/<id>.yaml`, validated with the same rules as `portal validate`,
and the file is put back as it was if the result does not validate.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.authoring import OptionProblems
from generator.config import Project
from generator.content_writer import write_validated
from generator.errors import ContentError, PortalError, UsageProblem
from generator.loader import KIND_BY_FOLDER, Source, display_path, read
from generator.yamlwrite import scalar


def confirm(
    project: Project,
    idea_id: str,
    number: int,
    *,
    department: str,
    signed: str,
    day: dt.date | None = None,
) -> Path:
    """Add `confirmed:` to community answer `number` (1 for the oldest) of `idea_id`; return the file's path."""
    path = project.content / "community" / f"{idea_id}.yaml"
    shown = display_path(path, project.root)
    if not path.is_file():
        raise UsageProblem(f"{idea_id} has no community answers ({shown} does not exist)")
    document, problems = read(Source(path, shown, KIND_BY_FOLDER["community"], idea_id))
    if document is None:
        raise ContentError(problems)
    entries = document.data.get("community") if isinstance(document.data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ContentError(problems) if problems else PortalError(f"{shown} holds no `community:` list")
    if not 1 <= number <= len(entries):
        raise UsageProblem(f"{idea_id} has community answers 1 to {len(entries)}; there is no number {number}")
    if isinstance(entries[number - 1], dict) and "confirmed" in entries[number - 1]:
        raise PortalError(f"community answer {number} to {idea_id} is already confirmed; a confirmation is not changed")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start, column = document.position(("community", number - 1))
    following = document.position(("community", number))[0] if number < len(entries) else len(lines) + 1
    # After the entry's last line with text: blank lines between entries stay between them.
    end = max(n for n in range(start, following) if lines[n - 1].strip())
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    pad = " " * (column - 1)
    today = dt.date.today()
    date = day or today
    added = [
        f"{pad}confirmed:\n",
        f"{pad}  department: {scalar(department)}\n",
        f"{pad}  signed: {scalar(signed)}\n",
        f"{pad}  date: {date.isoformat()}\n",
    ]
    written = {end + 1: "--department", end + 2: "--department", end + 3: "--signed", end + 4: "--date"}
    errors = write_validated(project, {path: "".join(lines[:end] + added + lines[end:])}, today)
    if errors:
        if any(p.line not in written for p in errors):
            raise ContentError(errors)
        raise OptionProblems(errors, written)
    return path

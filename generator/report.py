"""Print problems for people (text), for GitHub (annotations) and for machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from generator.errors import Problem

Format = Literal["text", "github", "json"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(problems: Sequence[Problem], files_checked: int) -> str:
    """`3 errors in 2 files, 45 files checked`."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    checked = f"{_plural(files_checked, 'file')} checked"
    if not problems:
        return f"no problems, {checked}"
    parts = []
    if errors:
        parts.append(f"{_plural(len(errors), 'error')} in {_plural(len({p.path for p in errors}), 'file')}")
    if warnings:
        parts.append(_plural(len(warnings), "warning"))
    notices = sum(p.severity == "notice" for p in problems)
    if notices:
        parts.append(_plural(notices, "notice"))
    return f"{', '.join(parts)}, {checked}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the pull-request diff."""
    place = f"file={_escape_property(problem.path)}"
    if problem.line:
        place += f",line={problem.line},col={max(problem.column, 1)}"
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return f"::{problem.severity} {place},title=portal validate::{_escape_data(message)}"


def format_report(problems: Sequence[Problem], files_checked: int, fmt: Format) -> str:
    """The whole report in the chosen format, deterministic for the same input."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps(
            {
                "errors": sum(p.severity == "error" for p in ordered),
                "files_checked": files_checked,
                "problems": [p.as_dict() for p in ordered],
                "warnings": sum(p.severity == "warning" for p in ordered),
            },
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )
    lines = [github(p) if fmt == "github" else str(p) for p in ordered]
    lines.append(summary(ordered, files_checked))
    return "\n".join(lines)

"""`portal validate`: load, validate and report, for the whole portal or some files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import collection
from generator.config import Project
from generator.errors import Problem, UsageProblem
from generator.history import warnings as history_warnings
from generator.loader import ID_FILE, KIND_BY_FILE, KIND_BY_FOLDER, display_path, load, load_ideas
from generator.portal import Portal
from generator.staff_pages import FOLDER as STAFF_FOLDER
from generator.staff_pages import check_pages
from generator.validate import validate


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a validation run found."""

    portal: Portal | None
    problems: list[Problem]
    files_checked: int

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


def ids_of(project: Project, files: Sequence[Path]) -> set[str] | None:
    """The idea ids the given files belong to; None when a taxonomy changed (check all)."""
    content = project.content.resolve()
    ids: set[str] = set()
    for file in files:
        path = file.resolve()
        try:
            relative = path.relative_to(content)
        except ValueError:
            raise UsageProblem(f"{file}: not inside the content folder {project.settings.content_dir}/") from None
        if len(relative.parts) == 1 and relative.name in KIND_BY_FILE:
            return None
        if len(relative.parts) == 2 and relative.parts[0] == STAFF_FOLDER:  # a staff page: checked with the rest
            return None
        match = ID_FILE.match(relative.name)
        if len(relative.parts) != 2 or relative.parts[0] not in KIND_BY_FOLDER or not match:
            raise UsageProblem(
                f"{file}: not a content file (expected ideas/, answers/ or votes/<id>.yaml, or pages/<name>.md)"
            )
        ids.add(match.group(1))
    return ids


def check_portal(project: Project, files: Sequence[Path] = (), today: dt.date | None = None) -> Outcome:
    """Validate the whole portal, or only what the given files touch."""
    only = ids_of(project, files) if files else None
    # Millions of objects that all live on: see generator/collection.py.
    with collection.paused():
        loaded = load(project.content, project.root, only)
        portal, problems = validate(loaded, project.settings, today or dt.date.today(), only)
        if not files:  # the site is built from the whole portal: say when it would lack its history
            settings = project.settings
            problems = [*problems, *history_warnings(project.root, settings.content_dir, settings.forge_url)]
        if only is None:
            problems = [*problems, *check_pages(project.content, project.root, project.settings)]
        return Outcome(portal, problems, loaded.files_checked)


def check_ideas(project: Project, ids: set[str], today: dt.date | None = None) -> Outcome:
    """Validate the idea and vote files of these ids with the taxonomies they refer to, and nothing else.

    For `portal votes import`: what it writes, and what that refers to, must
    be valid; a broken file of another idea, or a stray file, must not stop it.
    """
    content, root = project.content, project.root
    relevant = {display_path(content / name, root) for name in KIND_BY_FILE}
    relevant |= {
        display_path(content / folder / f"{idea_id}.yaml", root) for idea_id in ids for folder in ("ideas", "votes")
    }
    with collection.paused():
        loaded = load(content, root, ids, answers=False)
        loaded.problems = [p for p in loaded.problems if p.path in relevant]
        portal, problems = validate(loaded, project.settings, today or dt.date.today(), ids)
        return Outcome(portal, problems, loaded.files_checked)


def check_saved(project: Project, ids: set[str], idea_ids: set[str], today: dt.date | None = None) -> Outcome:
    """Validate the files of these ideas and the taxonomies, and read nothing else: a preview's check of
    saved files (`generator/preview.py`), against the ideas `idea_ids` of the last whole build.

    A duplicate cycle through other ideas' answers is left to the whole build, which reads every file.
    """
    loaded = load_ideas(project.content, project.root, ids, idea_ids)
    portal, problems = validate(loaded, project.settings, today or dt.date.today(), ids)
    return Outcome(portal, problems, loaded.files_checked)

"""Every input of the YAML test suite, placed as an idea, an answers and a votes file.

No input may crash the loader or the validator, every problem must carry a
place and a message, and an input the suite marks as invalid YAML (its folder
holds an `error` file) must never become a valid record.

All 402 inputs go into one portal per file kind, which keeps the run well
under a second.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.loader import load
from generator.models import Settings
from generator.validate import validate

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "yaml-test-suite"
if not CORPUS.is_dir():
    pytest.skip("../shared/corpora not present", allow_module_level=True)

INPUTS = sorted(CORPUS.rglob("in.yaml"))
TODAY = dt.date(2026, 11, 23)
SETTINGS = Settings(languages=["en"])
RECORD_PATH = {"ideas": "idea", "answers": "answers", "votes": "votes"}

IDEA = """\
title: An idea to attach answers and votes to
kind: idea
submitted: 2026-01-01
author: Test
category: traffic
channel: web
body: |
  Text.
"""


def case_name(path: Path) -> str:
    return path.parent.relative_to(CORPUS).as_posix()


def write_portal(root: Path, folder: str) -> dict[str, Path]:
    """A portal whose `folder` holds every corpus input; returns display path → input."""
    content = root / "content"
    (content / folder).mkdir(parents=True)
    (content / "categories.yaml").write_text("categories:\n  traffic:\n    name: {en: Traffic}\n", encoding="utf-8")
    (content / "departments.yaml").write_text("departments:\n  roads:\n    name: {en: Roads}\n", encoding="utf-8")
    placed: dict[str, Path] = {}
    for number, source in enumerate(INPUTS, start=1):
        name = f"2026-{number:04d}.yaml"
        (content / folder / name).write_bytes(source.read_bytes())
        placed[f"content/{folder}/{name}"] = source
        if folder != "ideas":
            # A valid idea for each id, so answers and votes are judged on their own content.
            (content / "ideas").mkdir(exist_ok=True)
            (content / "ideas" / name).write_text(IDEA, encoding="utf-8")
    return placed


def test_the_corpus_is_complete() -> None:
    assert len(INPUTS) == 402
    assert sum((source.parent / "error").exists() for source in INPUTS) > 0


@pytest.mark.parametrize("folder", ["ideas", "answers", "votes"])
def test_every_corpus_input_is_refused_cleanly(tmp_path: Path, folder: str) -> None:
    placed = write_portal(tmp_path, folder)
    loaded = load(tmp_path / "content", tmp_path)
    portal, problems = validate(loaded, SETTINGS, TODAY)

    extra_ideas = 0 if folder == "ideas" else len(INPUTS)
    assert loaded.files_checked == len(INPUTS) + extra_ideas + 2

    malformed = [
        problem
        for problem in problems
        if not (
            isinstance(problem, Problem)
            and problem.path
            and problem.line >= 0
            and problem.column >= 0
            and problem.message.strip()
            and "\n" not in problem.message + problem.hint
        )
    ]
    assert malformed == []
    # Nothing but the corpus files themselves may have problems.
    assert {problem.path for problem in problems} <= set(placed)

    failed = {problem.path for problem in problems if problem.severity == "error"}
    accepted_invalid = [
        case_name(source)
        for display, source in placed.items()
        if (source.parent / "error").exists() and display not in failed
    ]
    assert accepted_invalid == [], "invalid YAML accepted as a valid record"
    if portal is not None:
        kept = {record.paths.get(RECORD_PATH[folder], "") for record in portal.records.values()}
        assert [case_name(placed[p]) for p in kept if p in placed and (placed[p].parent / "error").exists()] == []

"""The validated Portal, partial validation of named files, and the rules between files."""

from __future__ import annotations

import datetime as dt

from generator.check import check_portal
from generator.config import load_project
from tests.support import TODAY, PortalDir


def _run(portal: PortalDir, *files: str):  # type: ignore[no-untyped-def]
    project = load_project(portal.root / "mkdocs.yml")
    return check_portal(project, [portal.root / f for f in files], today=TODAY)


def test_the_fixture_portal_validates_into_records(portal: PortalDir) -> None:
    outcome = _run(portal)
    assert outcome.ok
    assert outcome.files_checked == 6
    assert outcome.portal is not None
    records = outcome.portal.records
    assert list(records) == ["2026-0001", "2026-0002"]
    idea = records["2026-0001"]
    assert idea.status.key == "planned"
    assert records["2026-0002"].status.key == "new"
    assert idea.support == 6
    assert idea.reached(3) == dt.date(2026, 1, 15)
    assert idea.reached(2) == dt.date(2026, 1, 12)
    assert idea.reached(7) is None
    assert idea.paths == {
        "idea": "content/ideas/2026-0001.yaml",
        "answers": "content/answers/2026-0001.yaml",
        "votes": "content/votes/2026-0001.yaml",
    }
    assert sorted(outcome.portal.categories) == ["culture", "traffic"]


def test_named_files_skip_unrelated_ideas(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0002.yaml", "title: [broken\n")
    whole = _run(portal)
    assert not whole.ok
    only = _run(portal, "content/answers/2026-0001.yaml")
    assert only.ok, only.problems
    assert only.files_checked == 5  # two taxonomies and the three files of 2026-0001 (the only answer file)


def test_naming_a_taxonomy_checks_everything(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0002.yaml", "title: [broken\n")
    outcome = _run(portal, "content/categories.yaml")
    assert not outcome.ok
    assert any(p.path == "content/ideas/2026-0002.yaml" for p in outcome.problems)


def test_a_file_outside_content_is_a_usage_error(portal: PortalDir) -> None:
    result = portal.validate("mkdocs.yml")
    assert result.exit_code == 2
    assert "not inside the content folder" in result.output


def test_missing_taxonomy_file_is_reported(portal: PortalDir) -> None:
    (portal.root / "content/departments.yaml").unlink()
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/departments.yaml:0:0: error: the file is missing" in result.output


def test_output_is_identical_across_runs(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0002.yaml", "title: no\n")
    portal.write("content/votes/2026-0009.yaml", "supporters: []\n")
    first = portal.validate("--format", "json").output
    assert first == portal.validate("--format", "json").output
    assert '"errors": ' in first


def test_github_format_annotates_each_problem(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0002.yaml", QUESTION_WITH_TYPO)
    result = portal.validate("--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "::error file=content/ideas/2026-0002.yaml,line=6,col=1,title=portal validate::"
        "unknown field `chanel` (did you mean `channel`?)"
    )


QUESTION_WITH_TYPO = """\
title: When does the library open?
kind: question
submitted: 2026-02-01
author: Erik
category: culture
chanel: email
channel: email
body: |
  Sunday hours?
"""


def test_problems_are_capped_per_file(portal: PortalDir) -> None:
    lines = "".join(f"  - {i:016x} 2026-01-11 web\n" for i in range(150))
    portal.write("content/votes/2026-0001.yaml", "supporters:\n" + lines + lines)
    result = portal.validate()
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 101
    assert errors[0] == (
        "content/votes/2026-0001.yaml:0:0: error: only the first 100 of 150 problems in this file are shown"
        " (fix them and validate again)"
    )


def test_hostile_file_with_many_duplicate_keys_stops_early(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0002.yaml", "a: 1\n" * 20_000)
    result = portal.validate()
    assert result.exit_code == 1
    assert result.output.count("duplicate key") <= 100


def test_a_category_names_a_known_department(portal: PortalDir) -> None:
    portal.write(
        "content/categories.yaml",
        "categories:\n  traffic:\n    name: {en: Traffic, da: Trafik}\n    department: road\n"
        "  culture:\n    name: {en: Culture, da: Kultur}\n    department: culture\n",
    )
    result = portal.validate()
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/categories.yaml:4:17: error: unknown department `road` for category traffic"
        " (use a key from content/departments.yaml: culture, roads)"
    )

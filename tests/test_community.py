"""Community answers: citizens answering each other, stored beside the official answers."""

from __future__ import annotations

import pytest

from generator.check import check_portal
from generator.config import load_project
from tests.conftest import TODAY, PortalDir, built

COMMUNITY = """\
community:
  - date: 2026-02-02
    name: Lone
    body: |
      The library is open on Sundays from 10 to 16.
  - date: 2026-02-03
    body: |
      The opening hours are on the board by the door, too.
    confirmed:
      department: culture
      signed: Ida Holm, librarian
      date: 2026-02-05
"""


def problems(portal: PortalDir) -> list[str]:
    outcome = check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY)
    return [str(p) for p in outcome.problems]


def test_community_answers_reach_the_record_and_leave_the_status_alone(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY)
    record = built(portal).records["2026-0002"]
    assert [c.name for c in record.community] == ["Lone", None]
    assert record.community[1].confirmed is not None
    assert record.community[1].confirmed.department == "culture"
    assert record.status.key == "new"
    assert record.answers == ()
    assert record.paths["community"] == "content/community/2026-0002.yaml"


def test_for_an_unknown_idea(portal: PortalDir) -> None:
    portal.write("content/community/2026-0009.yaml", COMMUNITY)
    assert problems(portal) == [
        "content/community/2026-0009.yaml:1:1: error: community answers for idea 2026-0009, which does not exist "
        "(add content/ideas/2026-0009.yaml, or check the file name)"
    ]


def test_a_confirmation_naming_an_unknown_department(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("department: culture", "department: parks"))
    assert problems(portal) == [
        "content/community/2026-0002.yaml:10:19: error: unknown department `parks` confirms this community answer "
        "(use a key from content/departments.yaml: culture, roads)"
    ]


def test_a_duplicate_entry(portal: PortalDir) -> None:
    portal.write(
        "content/community/2026-0002.yaml",
        COMMUNITY + "  - date: 2026-02-04\n    body: |\n      The library is open  on Sundays from 10 to 16.\n",
    )
    assert problems(portal) == [
        "content/community/2026-0002.yaml:14:11: error: the same community answer appears twice (first on line 2) "
        "(remove this copy)"
    ]


def test_personal_data_in_a_community_answer(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("to 16.", "to 16. Call me on +45 20 12 34 56."))
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:5:")
    assert "personal data" in found[0]
    assert "phone" in found[0]


def test_personal_data_in_the_name(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("name: Lone", "name: lone@example.org"))
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:3:11: error: name looks like it holds personal data")


def test_length_limit(portal: PortalDir) -> None:
    long = "word " * 1200
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("The library is", long + "The library is"))
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:4:")
    assert "5000" in found[0] or "5,000" in found[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("date: 2026-02-05", "date: 2026-02-01"),
            "content/community/2026-0002.yaml:12:13: error: confirmed 2026-02-01, before the answer was written "
            "(2026-02-03) (check the date)",
        ),
        (
            ("date: 2026-02-02", "date: 2026-01-31"),
            "content/community/2026-0002.yaml:2:11: error: community answer dated 2026-01-31, before the idea was "
            "submitted (2026-02-01) (check the date)",
        ),
        (
            ("date: 2026-02-03", "date: 2026-02-01"),
            "content/community/2026-0002.yaml:6:11: error: community answer dated 2026-02-01 comes after one dated "
            "2026-02-02 (keep community answers in date order; append new ones at the end)",
        ),
    ],
)
def test_dates(portal: PortalDir, change: tuple[str, str], expected: str) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace(*change))
    assert problems(portal) == [expected]


def test_the_cli_names_file_line_and_fix(portal: PortalDir) -> None:
    portal.write("content/community/2026-0002.yaml", COMMUNITY.replace("department: culture", "department: parks"))
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/community/2026-0002.yaml:10:19" in result.output
    assert "use a key from content/departments.yaml" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_field(portal: PortalDir) -> None:
    extra = COMMUNITY.replace("name: Lone", "name: Lone\n    status: answered")
    portal.write("content/community/2026-0002.yaml", extra)
    found = problems(portal)
    assert len(found) == 1
    assert found[0].startswith("content/community/2026-0002.yaml:4:5:")

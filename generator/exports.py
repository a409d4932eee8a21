"""Open data: the portal as JSON and CSV files, described by a Frictionless Data Package.

`write_exports` writes into the site's `data/` folder:

- `ideas.json` and `ideas.csv`: one row per idea, with its status, support and
  whether it was answered in time;
- `answers.json`: every official answer, body included;
- `votes.csv`: support per idea and day, as counts only;
- `community.csv`: every community answer (from citizens, never official), with its confirmation if any;
- `schemas/*.schema.json`: the JSON Schemas of the content files;
- `datapackage.json`: the Frictionless descriptor of the files above.

The data is published under `DATA_LICENSE`, CC0-1.0 (public domain dedication):
the texts are public records a municipality publishes anyway, and a waiver
lets anyone reuse them without having to work out an attribution chain.

Supporters' pseudonymous hashes never leave the content repository: votes
are exported as daily counts, so a hash cannot be followed across ideas.
Every file is deterministic (sorted keys, ideas by id, answers by idea and
number, UTF-8, `\\n` line endings, ISO dates), so rebuilding unchanged content
changes no byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import urls
from generator.duty import response_duty
from generator.models import IDEA_ID, Column, CommunityAnswer, Idea, column_values, columns
from generator.portal import Portal, Record
from generator.schema import schema_text, schemas
from generator.statuses import TABLE

DATA_LICENSE: dict[str, str] = {
    "name": "CC0-1.0",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    "title": "Creative Commons Zero v1.0 Universal",
}
PACKAGE_NAME = "idea-portal"
PACKAGE_TITLE = "Ideas, questions and official answers"

# Frictionless matches patterns against the whole cell; the models' patterns carry anchors.
_ID_PATTERN = IDEA_ID.strip("^$")


def _field(name: str, kind: str, description: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _schema_field(column: Column, portal: Portal) -> dict[str, Any]:
    """The Table Schema field of a column a model declares with `Export`."""
    constraints: dict[str, Any] = {"required": True} if column.required else {}
    if column.export.choices:
        constraints["enum"] = sorted(getattr(portal, column.export.choices))
    return _field(column.name, column.kind, column.export.description, **constraints, **column.export.constraints)


def _model_fields(model: type[BaseModel], portal: Portal) -> list[dict[str, Any]]:
    return [_schema_field(column, portal) for column in columns(model)]


def _computed_fields(portal: Portal) -> list[dict[str, Any]]:
    """The ideas.csv columns worked out from a whole record rather than read from the idea file."""
    count = {"required": True, "minimum": 0}
    return [
        _field("id", "string", "Idea id, YYYY-NNNN.", required=True, unique=True, pattern=_ID_PATTERN),
        _field("url", "string", "The idea's page.", required=True),
        _field("status", "string", "Current status key.", required=True, enum=[s.key for s in TABLE]),
        _field(
            "status_label_en",
            "string",
            "Current status, in English.",
            required=True,
            enum=[s.label("en") for s in TABLE],
        ),
        _field("department", "string", "Department of the latest answer.", enum=sorted(portal.departments)),
        _field("support", "integer", "supporters + tallied.", **count),
        _field("supporters", "integer", "Individual supporters.", **count),
        _field("tallied", "integer", "Supports counted together, e.g. at a meeting.", **count),
        _field("answers_count", "integer", "Number of official answers.", **count),
        _field("first_answer_date", "date", "Date of the first answer."),
        _field("latest_answer_date", "date", "Date of the latest answer."),
        _field(
            "due_date",
            "date",
            "The day an answer was due: after support reached the threshold while open, or, for a question, "
            "the portal's working days after submission.",
        ),
        _field("answered_in_time", "boolean", "Whether the due answer came by due_date; empty until known."),
        _field("duplicate_of", "string", "With status duplicate: the idea it joins.", pattern=_ID_PATTERN),
        _field("community_count", "integer", "Number of community answers (not official).", **count),
    ]


# The column order of ideas.csv, which readers may rely on. A column an idea's model adds with `Export`
# and that is not listed here comes after these, in the model's field order: declaring it is enough.
_IDEA_COLUMNS = (
    "id",
    "url",
    "title",
    "kind",
    "status",
    "status_label_en",
    "category",
    "department",
    "submitted",
    "channel",
    "author",
    "language",
    "summary",
    "location",
    "tags",
    "support",
    "supporters",
    "tallied",
    "answers_count",
    "first_answer_date",
    "latest_answer_date",
    "due_date",
    "answered_in_time",
    "duplicate_of",
    "community_count",
    "withheld_reason",
    "withheld_date",
)


def _fields(portal: Portal, model: type[BaseModel]) -> list[dict[str, Any]]:
    """Table Schema fields of ideas.csv, in column order, for ideas of `model`; ideas.json has the same keys."""
    by_name = {field["name"]: field for field in [*_computed_fields(portal), *_model_fields(model, portal)]}
    order = [name for name in _IDEA_COLUMNS if name in by_name]
    return [by_name[name] for name in order] + [by_name[name] for name in by_name if name not in order]


_VOTE_FIELDS: list[dict[str, Any]] = [
    _field("idea_id", "string", "Idea id.", required=True, pattern=_ID_PATTERN),
    _field("date", "date", "Day.", required=True),
    _field("supporters", "integer", "Individual supports that day.", required=True, minimum=0),
    _field("tallied", "integer", "Supports counted together that day.", required=True, minimum=0),
    _field("cumulative", "integer", "Support up to and including that day.", required=True, minimum=1),
]


def _community_fields(portal: Portal) -> list[dict[str, Any]]:
    return [
        _field("idea_id", "string", "Idea id.", required=True, pattern=_ID_PATTERN),
        _field("index", "integer", "Number of the community answer, 1 for the oldest.", required=True, minimum=1),
        *_model_fields(CommunityAnswer, portal),
    ]


def _url(site_url: str | None, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _idea_row(record: Record, portal: Portal, site_url: str | None, today: dt.date) -> dict[str, Any]:
    idea = record.idea
    answers = record.answers
    latest = answers[-1] if answers else None
    duty = response_duty(record, portal.settings, today)
    tallied = sum(t.count for t in record.tallies)
    return {
        **column_values(idea),
        "id": record.id,
        "url": _url(site_url, urls.idea(record.id)),
        "status": record.status.key,
        "status_label_en": record.status.label("en"),
        "department": record.department,
        "support": len(record.supporters) + tallied,
        "supporters": len(record.supporters),
        "tallied": tallied,
        "answers_count": len(answers),
        "first_answer_date": _iso(answers[0].date) if answers else None,
        "latest_answer_date": _iso(latest.date) if latest else None,
        "due_date": _iso(duty.due) if duty else None,
        # Unknown (null) while the answer may still come in time.
        "answered_in_time": None if duty is None or duty.state == "due" else duty.state == "met",
        "duplicate_of": latest.duplicate_of if latest else None,
        "community_count": len(record.community),
    }


def _answer_rows(record: Record) -> list[dict[str, Any]]:
    return [
        {"idea_id": record.id, "index": number, **column_values(answer)}
        for number, answer in enumerate(record.answers, start=1)
    ]


def _community_rows(record: Record) -> list[dict[str, Any]]:
    return [
        {"idea_id": record.id, "index": number, **column_values(entry)}
        for number, entry in enumerate(record.community, start=1)
    ]


def _vote_rows(record: Record) -> list[dict[str, Any]]:
    daily: dict[dt.date, list[int]] = {}
    for supporter in record.supporters:
        daily.setdefault(supporter.date, [0, 0])[0] += 1
    for tally in record.tallies:
        daily.setdefault(tally.date, [0, 0])[1] += tally.count
    rows = []
    cumulative = 0
    for day, (supporters, tallied) in sorted(daily.items()):
        cumulative += supporters + tallied
        rows.append(
            {
                "idea_id": record.id,
                "date": day.isoformat(),
                "supporters": supporters,
                "tallied": tallied,
                "cumulative": cumulative,
            }
        )
    return rows


# A spreadsheet reads a cell starting with one of these as a formula (or, after a tab or CR, may),
# however the CSV quotes it: `=HYPERLINK(...)` in a title would run when someone opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell as a spreadsheet shows it but never evaluates: a leading `'` when it starts like a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Numbers are typed columns (integer/number in the Table Schema): kept as numbers, sign included.
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return neutralise(";".join(map(str, value)))
    return neutralise(str(value))


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    return buffer.getvalue()


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _table(name: str, path: str, title: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _json_resource(name: str, path: str, title: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "data-resource",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    }


def _descriptor(portal: Portal, fields: list[dict[str, Any]], site_url: str | None) -> dict[str, Any]:
    package: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "profile": "data-package",
        "licenses": [DATA_LICENSE],
        "resources": [
            _table("ideas", "ideas.csv", "Ideas and questions", {"fields": fields, "primaryKey": ["id"]}),
            _table(
                "votes",
                "votes.csv",
                "Support per idea and day",
                {
                    "fields": _VOTE_FIELDS,
                    "primaryKey": ["idea_id", "date"],
                    "foreignKeys": [{"fields": ["idea_id"], "reference": {"resource": "ideas", "fields": ["id"]}}],
                },
            ),
            _table(
                "community",
                "community.csv",
                "Community answers: from citizens, not official",
                {
                    "fields": _community_fields(portal),
                    "primaryKey": ["idea_id", "index"],
                    "foreignKeys": [{"fields": ["idea_id"], "reference": {"resource": "ideas", "fields": ["id"]}}],
                },
            ),
            _json_resource("ideas-json", "ideas.json", "Ideas and questions (tags as lists)"),
            _json_resource("answers", "answers.json", "Official answers, oldest first per idea"),
        ],
    }
    if site_url:
        package["homepage"] = site_url
    if portal.settings.forge_url:
        package["sources"] = [{"title": "Content repository", "path": portal.settings.forge_url}]
    return package


def write_exports(portal: Portal, out: Path, *, site_url: str | None, today: dt.date) -> list[Path]:
    """Write the open data files into `out` (the site's `data/` folder) and return their paths.

    `site_url` makes the ideas' `url` absolute; without it they are relative
    to the site root. `today` decides whether an unanswered idea is overdue.
    """
    return write_texts(export_texts(portal, site_url=site_url, today=today), out)


def export_texts(portal: Portal, *, site_url: str | None, today: dt.date) -> dict[str, str]:
    """The open data files as path below `data/` → text: what `write_exports` writes, and what the
    Open data page describes (sizes, rows), so both come from one source."""
    records = [portal.records[key] for key in sorted(portal.records)]
    ideas = [_idea_row(record, portal, site_url, today) for record in records]
    answers = [row for record in records for row in _answer_rows(record)]
    votes = [row for record in records for row in _vote_rows(record)]
    community = [row for record in records for row in _community_rows(record)]
    fields = _fields(portal, Idea)

    texts: dict[str, str] = {
        "ideas.json": _json(ideas),
        "ideas.csv": _csv([f["name"] for f in fields], ideas),
        "answers.json": _json(answers),
        "votes.csv": _csv([f["name"] for f in _VOTE_FIELDS], votes),
        "community.csv": _csv([f["name"] for f in _community_fields(portal)], community),
    }
    texts.update({f"schemas/{name}": schema_text(schema) for name, schema in sorted(schemas().items())})
    texts["datapackage.json"] = _json(_descriptor(portal, fields, site_url))
    return texts


def write_texts(texts: Mapping[str, str], out: Path) -> list[Path]:
    """Write `export_texts`' files below `out` and return their paths."""
    written = []
    for relative, text in texts.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written

"""Check loaded content against the models and the rules between files.

The result is either a `Portal` or every problem at once, each at the exact
line and column it concerns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem
from generator.explain import problems_from
from generator.loader import Loaded, Source
from generator.models import (
    FILE_MODELS,
    AnswerList,
    Categories,
    Category,
    Department,
    Departments,
    Idea,
    Settings,
    Votes,
    personal_texts,
)
from generator.personal_data import find_personal_data
from generator.portal import Portal, Record, Supporter
from generator.render import MAX_NESTING, too_deep
from generator.statuses import INITIAL, transition_problem
from generator.yamlread import MAX_PROBLEMS, Document, Loc, offset_position

# What a withheld idea may no longer hold; its title stays, replaced by a neutral one when it is the problem.
WITHHELD_TEXT_FIELDS = ("body", "summary", "location", "tags")


@dataclass(slots=True)
class _Typed:
    source: Source
    document: Document
    model: Any


@dataclass(slots=True)
class _Check:
    """The state of one validation run: typed files and the problems found so far."""

    settings: Settings
    today: dt.date
    problems: list[Problem] = field(default_factory=list)

    def at(self, document: Document, loc: Loc, message: str, hint: str = "", *, key: bool = False) -> None:
        line, column = document.position(loc, key=key)
        self.problems.append(Problem(document.path, line, column, message, hint))

    def future(self, document: Document, loc: Loc, day: dt.date, what: str) -> None:
        if day > self.today:
            self.at(document, loc, f"{what} {day} is in the future", f"today is {self.today}")

    def personal_data(self, document: Document, loc: Loc, text: str) -> None:
        findings = find_personal_data(text, self.settings.contact_allowlist)
        if not findings:
            return
        start = _source_offset(document, loc)
        for finding in findings:
            needle = text[finding.start : finding.end]
            found = document.source.find(needle, start, start + 4 * len(text) + 200) if needle else -1
            line, column = offset_position(document.source, found) if found >= 0 else document.position(loc)
            # Markup (entities, escapes, emphasis) can split a value that the page shows whole;
            # such a finding has no place in the file, so it points at the field.
            shown = " once shown on the site (the Markdown hides it in this field)" if finding.rendered else ""
            self.problems.append(
                Problem(
                    document.path,
                    line,
                    column,
                    f"{loc[-1]} looks like it holds personal data{shown}: {finding.kind} ({finding.hint})",
                    "remove it: this repository is public, and Git keeps it forever; "
                    "official contact addresses belong in contact_allowlist",
                )
            )

    def personal_fields(self, document: Document, loc: Loc, model: BaseModel) -> None:
        """Check every text the model marks PERSONAL (`generator/models.py`) for personal data."""
        for place, text in personal_texts(model):
            self.personal_data(document, (*loc, *place), text)

    def nesting(self, document: Document, loc: Loc, text: str) -> None:
        """Markdown whose lists or quotes nest deeper than the renderer takes, at the line that does."""
        deep = too_deep(text)
        if deep is None:
            return
        number, depth = deep
        needle = text.splitlines()[number - 1].strip()[:40]
        found = document.source.find(needle, _source_offset(document, loc))
        line, column = offset_position(document.source, found) if found >= 0 else document.position(loc)
        self.problems.append(
            Problem(
                document.path,
                line,
                column,
                f"{loc[-1]} nests lists or quotes {depth} levels deep; the site shows at most {MAX_NESTING}",
                "use fewer levels: start a new list or paragraph instead of nesting further",
            )
        )


def _source_offset(document: Document, loc: Loc) -> int:
    line, column = document.position(loc)
    offset = 0
    for _ in range(line - 1):
        offset = document.source.find("\n", offset) + 1
    return offset + column - 1


def _typed(check: _Check, loaded: Loaded, kind: str) -> list[_Typed]:
    model: type[BaseModel] = FILE_MODELS[kind]
    result = []
    for source, document in loaded.documents.get(kind, []):
        try:
            result.append(_Typed(source, document, model.model_validate(document.data)))
        except ValidationError as exc:
            check.problems.extend(problems_from(exc, document, model))
    return result


def _taxonomy(check: _Check, typed: list[_Typed], field_name: str) -> dict[str, Any] | None:
    if not typed:
        return None
    item = typed[0]
    terms: dict[str, Any] = getattr(item.model, field_name)
    for key, term in terms.items():
        for part in ("name", "description"):
            names = getattr(term, part)
            if names is None:
                continue
            for language in check.settings.languages:
                if language not in names:
                    check.at(
                        item.document,
                        (field_name, key, part),
                        f"{field_name}.{key}.{part} has no `{language}` text",
                        f"add `{language}: ...`; the site languages are {', '.join(check.settings.languages)}",
                    )
    return terms


def _check_idea(check: _Check, item: _Typed, categories: dict[str, Category] | None) -> None:
    idea: Idea = item.model
    document = item.document
    idea_id = item.source.idea_id or ""
    if str(idea.submitted.year) != idea_id[:4]:
        check.at(
            document,
            ("submitted",),
            f"submitted {idea.submitted} does not match the id {idea_id}",
            "the id starts with the year of submission; rename the file or fix the date",
        )
    check.future(document, ("submitted",), idea.submitted, "submitted")
    if categories is not None and idea.category not in categories:
        check.at(
            document,
            ("category",),
            f"unknown category `{idea.category}`",
            "use a key from content/categories.yaml: " + ", ".join(sorted(categories)),
        )
    _check_withheld(check, item)
    check.personal_fields(document, (), idea)
    check.nesting(document, ("body",), idea.body)


def _check_withheld(check: _Check, item: _Typed) -> None:
    """A withheld idea keeps no text (title aside); any other idea needs its body."""
    idea: Idea = item.model
    document = item.document
    if idea.withheld is None:
        if not idea.body:
            check.at(document, (), "the idea has no `body`", "add `body: |` with the text on the lines below it")
        return
    check.future(document, ("withheld", "date"), idea.withheld.date, "withheld")
    if idea.withheld.date < idea.submitted:
        check.at(
            document,
            ("withheld", "date"),
            f"withheld {idea.withheld.date}, before the idea was submitted ({idea.submitted})",
            "check the date",
        )
    for name in WITHHELD_TEXT_FIELDS:
        if getattr(idea, name):
            check.at(
                document,
                (name,),
                f"a withheld idea still carries its {name}",
                f"remove `{name}`: a withheld idea's text must leave the repository (keep the neutral title)",
                key=True,
            )


def _check_category_departments(check: _Check, typed: list[_Typed], departments: dict[str, Department] | None) -> None:
    """Each category's `department` names a department, so new ideas have someone to answer them."""
    if not typed or departments is None:
        return
    item = typed[0]
    for key, category in item.model.categories.items():
        if category.department is not None and category.department not in departments:
            check.at(
                item.document,
                ("categories", key, "department"),
                f"unknown department `{category.department}` for category {key}",
                "use a key from content/departments.yaml: " + ", ".join(sorted(departments)),
            )


def _check_entry_dates(
    check: _Check,
    document: Document,
    field: str,
    dates: list[dt.date],
    idea: Idea | None,
    name: str,
    append_hint: str,
) -> None:
    """The dates of a file's entries (answers, community answers): none in the future, none before the
    idea was submitted, and in order, as entries are only ever appended."""
    previous: dt.date | None = None
    for index, day in enumerate(dates):
        loc: Loc = (field, index, "date")
        check.future(document, loc, day, f"the {name} date")
        if idea is not None and day < idea.submitted:
            check.at(
                document, loc, f"{name} dated {day}, before the idea was submitted ({idea.submitted})", "check the date"
            )
        if previous is not None and day < previous:
            check.at(
                document,
                loc,
                f"{name} dated {day} comes after one dated {previous}",
                f"keep {name}s in date order; {append_hint}",
            )
        previous = day


def _check_answers(
    check: _Check,
    item: _Typed,
    idea: Idea | None,
    departments: dict[str, Department] | None,
    idea_ids: set[str],
) -> None:
    document = item.document
    idea_id = item.source.idea_id or ""
    status = INITIAL.key
    dates = [answer.date for answer in item.model.answers]
    _check_entry_dates(check, document, "answers", dates, idea, "answer", "append new answers at the end")
    for index, answer in enumerate(item.model.answers):
        loc: Loc = ("answers", index)
        if departments is not None and answer.department not in departments:
            check.at(
                document,
                (*loc, "department"),
                f"unknown department `{answer.department}`",
                "use a key from content/departments.yaml: " + ", ".join(sorted(departments)),
            )
        if idea is not None:
            why = transition_problem(status, answer.status, idea.kind, answer.reopen)
            if why:
                check.at(document, (*loc, "status"), why)
        status = answer.status
        _check_duplicate(check, document, loc, answer.status, answer.duplicate_of, idea_id, idea_ids)
        check.personal_fields(document, loc, answer)
        check.nesting(document, (*loc, "body"), answer.body)


def _check_community(check: _Check, item: _Typed, idea: Idea | None, departments: dict[str, Department] | None) -> None:
    """Community answers: dated after the idea, in order, no entry twice, confirmed by a known department."""
    document = item.document
    if idea is not None and idea.withheld is not None:
        check.at(
            document,
            (),
            f"community answers for {item.source.idea_id}, which is withheld",
            "remove this file: a withheld idea's page shows no text, and answers to it neither",
        )
    dates = [entry.date for entry in item.model.community]
    _check_entry_dates(check, document, "community", dates, idea, "community answer", "append new ones at the end")
    seen: dict[str, int] = {}
    for index, entry in enumerate(item.model.community):
        loc: Loc = ("community", index)
        # The same text twice is a form sent twice, whoever signed it.
        text = " ".join(entry.body.split()).casefold()
        if text in seen:
            first_line = document.position(("community", seen[text]))[0]
            check.at(
                document,
                (*loc, "body"),
                f"the same community answer appears twice (first on line {first_line})",
                "remove this copy",
            )
        else:
            seen[text] = index
        check.personal_fields(document, loc, entry)
        check.nesting(document, (*loc, "body"), entry.body)
        confirmed = entry.confirmed
        if confirmed is None:
            continue
        if departments is not None and confirmed.department not in departments:
            check.at(
                document,
                (*loc, "confirmed", "department"),
                f"unknown department `{confirmed.department}` confirms this community answer",
                "use a key from content/departments.yaml: " + ", ".join(sorted(departments)),
            )
        if confirmed.date < entry.date:
            check.at(
                document,
                (*loc, "confirmed", "date"),
                f"confirmed {confirmed.date}, before the answer was written ({entry.date})",
                "check the date",
            )
        check.future(document, (*loc, "confirmed", "date"), confirmed.date, "the confirmation date")


def _attach_community(
    check: _Check, loaded: Loaded, records: dict[str, Record], departments: dict[str, Department] | None
) -> None:
    """Check each community file and give its answers to their idea's record."""
    for item in _typed(check, loaded, "community"):
        if _orphan(check, item, loaded.idea_ids, "community answers"):
            continue
        record = records.get(item.source.idea_id or "")
        _check_community(check, item, record.idea if record else None, departments)
        if record is not None:
            record.community = tuple(item.model.community)
            record.paths["community"] = item.source.display


def _check_duplicate(
    check: _Check, document: Document, loc: Loc, status: str, target: str | None, idea_id: str, idea_ids: set[str]
) -> None:
    if status == "duplicate" and target is None:
        check.at(document, (*loc, "status"), "status duplicate needs `duplicate_of`", 'add `duplicate_of: "YYYY-NNNN"`')
    elif status != "duplicate" and target is not None:
        check.at(
            document,
            (*loc, "duplicate_of"),
            f"`duplicate_of` is only used with status duplicate, not {status}",
            "remove it, or set status: duplicate",
        )
    elif target == idea_id:
        check.at(document, (*loc, "duplicate_of"), "an idea cannot be a duplicate of itself", "name the other idea")
    elif target is not None and target not in idea_ids:
        check.at(
            document,
            (*loc, "duplicate_of"),
            f"duplicate_of names {target}, which does not exist",
            f"check the id; there is no content/ideas/{target}.yaml",
        )


def _check_cycles(check: _Check, answers: Iterable[_Typed]) -> None:
    target: dict[str, tuple[str, _Typed]] = {}
    for item in answers:
        last = item.model.answers[-1]
        # A self-reference is reported on its own; it is not a cycle worth a second message.
        if last.status == "duplicate" and last.duplicate_of not in (None, item.source.idea_id) and item.source.idea_id:
            target[item.source.idea_id] = (last.duplicate_of, item)
    reported: set[str] = set()
    for start in sorted(target):
        seen: list[str] = []
        node = start
        while node in target and node not in seen:
            seen.append(node)
            node = target[node][0]
        if node in seen and node not in reported:
            cycle = seen[seen.index(node) :]
            reported.update(cycle)
            for member in cycle:
                item = target[member][1]
                check.at(
                    item.document,
                    ("answers", len(item.model.answers) - 1, "duplicate_of"),
                    "duplicates form a cycle: " + " → ".join([*cycle, cycle[0]]),
                    "one of these ideas must stay the original; change its status",
                )


def _plain_supporters(lines: list[str], earliest: dt.date, today: dt.date) -> list[Supporter] | None:
    """The supporters, when no line has anything wrong with it; else None.

    Up to a million lines per file, but far fewer distinct days: voters are
    checked as one set and each day once, instead of line by line.
    """
    parts = [line.split(" ") for line in lines]
    if len({voter for voter, _, _ in parts}) != len(parts):
        return None
    days: dict[str, dt.date] = {}
    for text in {day for _, day, _ in parts}:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None
        if not earliest <= day <= today:
            return None
        days[text] = day
    return [Supporter(voter, days[day], channel) for voter, day, channel in parts]


def _check_votes(check: _Check, item: _Typed, idea: Idea | None) -> list[Supporter]:
    document = item.document
    votes: Votes = item.model
    submitted = idea.submitted if idea is not None else None
    earliest = submitted or dt.date.min
    supporters = _plain_supporters(votes.supporters, earliest, check.today)
    if supporters is None:
        supporters = _supporters_line_by_line(check, document, votes.supporters, earliest)
    for index, tally in enumerate(votes.tallies):
        loc = ("tallies", index, "date")
        if submitted is not None and tally.date < submitted:
            check.at(
                document,
                loc,
                f"tally dated {tally.date}, before the idea was submitted ({submitted})",
                "check the date",
            )
        check.future(document, loc, tally.date, "tally dated")
        check.personal_fields(document, ("tallies", index), tally)
    if not votes.supporters and not votes.tallies:
        check.at(document, (), "the vote file has no supporters and no tallies", "delete it, or add support")
    return supporters


def _supporters_line_by_line(check: _Check, document: Document, lines: list[str], earliest: dt.date) -> list[Supporter]:
    """The supporters of a vote file with something wrong in it, and a problem for every wrong line."""
    supporters: list[Supporter] = []
    first_seen: dict[str, int] = {}
    days: dict[str, dt.date | None] = {}
    today = check.today
    for index, line in enumerate(lines):
        voter, day_text, channel = line.split(" ")
        day = days.get(day_text, dt.date.min)
        if day is dt.date.min:
            try:
                day = days[day_text] = dt.date.fromisoformat(day_text)
            except ValueError:
                day = days[day_text] = None
        if day is None:
            check.at(document, ("supporters", index), f"{day_text} is not a real date", "check the month and day")
            continue
        if voter in first_seen:
            first_line = document.position(("supporters", first_seen[voter]))[0]
            check.at(
                document,
                ("supporters", index),
                f"the same supporter appears twice (first on line {first_line})",
                "keep one line; a person supports an idea once",
            )
            continue
        first_seen[voter] = index
        if day < earliest:
            check.at(
                document,
                ("supporters", index),
                f"support dated {day}, before the idea was submitted ({earliest})",
                "check the date",
            )
        if day > today:
            check.future(document, ("supporters", index), day, "support dated")
        supporters.append(Supporter(voter, day, channel))
    return supporters


def _orphan(check: _Check, item: _Typed, idea_ids: set[str], what: str) -> bool:
    if item.source.idea_id in idea_ids:
        return False
    check.problems.append(
        Problem(
            item.document.path,
            1,
            1,
            f"{what} for idea {item.source.idea_id}, which does not exist",
            f"add content/ideas/{item.source.idea_id}.yaml, or check the file name",
        )
    )
    return True


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS per file, then one line saying how many more there are."""
    kept: list[Problem] = []
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.path] = counts.get(problem.path, 0) + 1
        if counts[problem.path] <= MAX_PROBLEMS:
            kept.append(problem)
    for path, count in counts.items():
        if count > MAX_PROBLEMS:
            kept.append(
                Problem(
                    path,
                    0,
                    0,
                    f"only the first {MAX_PROBLEMS} of {count} problems in this file are shown",
                    "fix them and validate again",
                )
            )
    return sorted(kept)


def validate(
    loaded: Loaded,
    settings: Settings,
    today: dt.date,
    only_ids: set[str] | None = None,
) -> tuple[Portal | None, list[Problem]]:
    """Check every loaded file and the rules between them.

    Returns the Portal when there are no errors (warnings allowed), and every
    problem found, sorted by file and position. With `only_ids`, rules about
    an idea run only for those ids (the loader read only their files).
    """
    check = _Check(settings, today, list(loaded.problems))
    typed_categories = _typed(check, loaded, "categories")
    categories = _taxonomy(check, typed_categories, "categories")
    departments = _taxonomy(check, _typed(check, loaded, "departments"), "departments")
    _check_category_departments(check, typed_categories, departments)
    if only_ids is None:
        for name, found in (("categories", categories), ("departments", departments)):
            if found is None and not any(p.path.endswith(f"{name}.yaml") for p in check.problems):
                check.problems.append(
                    Problem(
                        f"{settings.content_dir}/{name}.yaml", 0, 0, "the file is missing", f"create it with `{name}:`"
                    )
                )
    records: dict[str, Record] = {}
    for item in _typed(check, loaded, "idea"):
        _check_idea(check, item, categories)
        assert item.source.idea_id is not None
        category = (categories or {}).get(item.model.category)
        records[item.source.idea_id] = Record(
            item.source.idea_id,
            item.model,
            paths={"idea": item.source.display},
            category_department=category.department if category is not None else None,
        )
    answers = _typed(check, loaded, "answers")
    for item in answers:
        idea_id = item.source.idea_id or ""
        if _orphan(check, item, loaded.idea_ids, "answers") or (only_ids is not None and idea_id not in only_ids):
            continue
        record = records.get(idea_id)
        _check_answers(check, item, record.idea if record else None, departments, loaded.idea_ids)
        if record is not None:
            record.answers = tuple(item.model.answers)
            record.paths["answers"] = item.source.display
    _check_cycles(check, answers)
    for item in _typed(check, loaded, "votes"):
        if _orphan(check, item, loaded.idea_ids, "votes"):
            continue
        record = records.get(item.source.idea_id or "")
        supporters = _check_votes(check, item, record.idea if record else None)
        if record is not None:
            record.supporters = tuple(supporters)
            record.tallies = tuple(item.model.tallies)
            record.paths["votes"] = item.source.display
    _attach_community(check, loaded, records, departments)
    problems = _capped(sorted(set(check.problems)))
    if any(p.severity == "error" for p in problems):
        return None, problems
    portal = Portal(settings, dict(categories or {}), dict(departments or {}), dict(sorted(records.items())))
    return portal, problems


__all__ = ["AnswerList", "Categories", "Departments", "validate"]

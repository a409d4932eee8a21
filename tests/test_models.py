"""The models: strict scalar typing, and no random data can make validation or its explanation crash."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from generator.explain import problems_from
from generator.models import (
    FILE_MODELS,
    PERSONAL,
    Answer,
    Categories,
    Column,
    CommunityAnswer,
    Confirmation,
    Departments,
    Export,
    Idea,
    Personal,
    Settings,
    Tally,
    Votes,
    column_values,
    columns,
    personal_texts,
)
from generator.yamlread import Document, PlainScalar

IDEA: dict[str, Any] = {
    "title": "Benches on the quay",
    "kind": PlainScalar("idea"),
    "submitted": PlainScalar("2026-01-10"),
    "author": PlainScalar("Maja"),
    "category": PlainScalar("traffic"),
    "channel": PlainScalar("web"),
    "body": "Text\n",
}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("author", PlainScalar("0123"), "0123"),
        ("location", PlainScalar("1:20"), "1:20"),
        ("summary", PlainScalar("1.10"), "1.10"),
        ("summary", PlainScalar("2026-01-01"), "2026-01-01"),
        ("summary", PlainScalar("~"), None),
        ("summary", PlainScalar(""), None),
        ("author", "no", "no"),  # quoted: the author meant the word
    ],
)
def test_unquoted_text_stays_exactly_as_written(field: str, value: str, expected: str | None) -> None:
    idea = Idea.model_validate({**IDEA, field: value})
    assert getattr(idea, field) == expected


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "true", "False", "null", "~"])
def test_unquoted_yes_no_null_in_text_must_be_quoted(word: str) -> None:
    with pytest.raises(ValidationError, match=r"is read by YAML as a yes/no value|is empty"):
        Idea.model_validate({**IDEA, "title": PlainScalar(word)})


@pytest.mark.parametrize(
    ("value", "ok"),
    [("12", True), ("0", False), ("0123", False), ("0x10", False), ("1e3", False), ("-1", False)],
)
def test_counts_are_plain_positive_digits(value: str, ok: bool) -> None:
    data = {"count": PlainScalar(value), "date": PlainScalar("2026-01-01"), "channel": PlainScalar("meeting")}
    if ok:
        assert Tally.model_validate(data).count == int(value)
    else:
        with pytest.raises(ValidationError):
            Tally.model_validate(data)


def test_quoted_number_is_not_a_count() -> None:
    with pytest.raises(ValidationError, match="whole number"):
        Tally.model_validate({"count": "12", "date": "2026-01-01", "channel": "meeting"})


@pytest.mark.parametrize("value", ["1700000000", "2026-1-1", "01-02-2026", "2026-02-30"])
def test_dates_only_as_real_iso_days(value: str) -> None:
    with pytest.raises(ValidationError):
        Idea.model_validate({**IDEA, "submitted": PlainScalar(value)})
    assert Idea.model_validate(IDEA).submitted == dt.date(2026, 1, 10)


def test_controls_and_invisible_characters_are_refused() -> None:
    for field, value in (("title", "Bench\u202e"), ("author", "Ma\u200bja"), ("body", "Hi \x1b[2J")):
        with pytest.raises(ValidationError):
            Idea.model_validate({**IDEA, field: value})


_scalars = st.one_of(
    st.text(max_size=30),
    st.text(max_size=30).map(PlainScalar),
    st.sampled_from([PlainScalar(s) for s in ("no", "~", "", "2026-01-01", "12", "0123", "idea", "web")]),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from([*IDEA, "answers", "supporters", "tallies", "count", "x"]), inner, max_size=6),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(FILE_MODELS)), data=_data)
def test_random_data_gives_a_model_or_explained_problems(kind: str, data: object) -> None:
    model: type[BaseModel] = FILE_MODELS[kind]
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc, Document("x.yaml", data, ""), model)
        assert problems
        assert all(p.message and "\n" not in p.message and p.line >= 0 for p in problems)


def test_vote_lines_are_checked_as_a_whole_and_one_by_one() -> None:
    good = ["0123456789abcdef 2025-01-01 web", "fedcba9876543210 2025-01-02 paper"]
    assert Votes.model_validate({"supporters": good}).supporters == good
    # Two valid lines hidden in one item pass the one pattern over the joined lines, not the line count.
    with pytest.raises(ValidationError) as caught:
        Votes.model_validate({"supporters": ["\n".join(good)]})
    assert "is not a valid supporter line" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        Votes.model_validate({"supporters": [*good, "0123456789abcdef 2025-1-01 web", 7]})
    errors = caught.value.errors()
    assert [e["loc"] for e in errors] == [("supporters", 2), ("supporters", 3)]


@pytest.mark.parametrize(
    ("field", "value"),
    [("channel", "web\n"), ("category", "traffic\n"), ("language", "da\n"), ("tags", ["cycling\n"])],
)
def test_a_key_ending_in_a_newline_is_refused(field: str, value: object) -> None:
    # `re.match` with `$` accepts "web\n"; the whole value must match.
    with pytest.raises(ValidationError, match="is not a valid"):
        Idea.model_validate({**IDEA, field: value})


def test_category_and_department_keys_and_teams_ending_in_a_newline_are_refused() -> None:
    name = {"en": "Roads"}
    assert Categories.model_validate({"categories": {"roads": {"name": name}}})
    with pytest.raises(ValidationError, match="is not a valid key"):
        Categories.model_validate({"categories": {"roads\n": {"name": name}}})
    assert Departments.model_validate({"departments": {"roads": {"name": name, "team": "@fjordby/roads"}}})
    with pytest.raises(ValidationError, match="is not a valid forge team"):
        Departments.model_validate({"departments": {"roads": {"name": name, "team": "@fjordby/roads\n"}}})
    with pytest.raises(ValidationError, match="is not a valid language code"):
        Settings.model_validate({"languages": ["da\n"]})
    # pydantic's own `pattern` is a Rust regex, where `$` is the end of the text.
    assert Settings.model_validate({"intake_email": "ideas@fjordby.example"})
    with pytest.raises(ValidationError):
        Settings.model_validate({"intake_email": "ideas@fjordby.example\n"})


# --- the data contract on the fields: PERSONAL (checked for personal data) and Export (open data columns) ---


def _marked_personal(model: type[BaseModel]) -> list[str]:
    return [name for name, info in model.model_fields.items() if any(isinstance(m, Personal) for m in info.metadata)]


def test_the_personal_text_fields_are_the_ones_the_models_mark() -> None:
    assert _marked_personal(Idea) == ["title", "author", "body", "tags", "summary", "location"]
    assert _marked_personal(Answer) == ["signed", "body"]
    assert _marked_personal(CommunityAnswer) == ["name", "body"]
    assert _marked_personal(Confirmation) == ["signed"]
    assert _marked_personal(Tally) == ["note"]


def test_personal_texts_walks_marked_fields_lists_and_nested_models() -> None:
    idea = Idea.model_validate({**IDEA, "tags": [PlainScalar("quay"), PlainScalar("benches")], "location": "Quay"})
    assert list(personal_texts(idea)) == [
        (("title",), "Benches on the quay"),
        (("author",), "Maja"),
        (("body",), "Text\n"),
        (("tags", 0), "quay"),
        (("tags", 1), "benches"),
        (("location",), "Quay"),
    ]
    entry = CommunityAnswer.model_validate(
        {
            "date": PlainScalar("2026-02-01"),
            "body": "Open at ten.\n",
            "confirmed": {
                "department": PlainScalar("culture"),
                "signed": "Ann Berg",
                "date": PlainScalar("2026-02-02"),
            },
        }
    )
    assert list(personal_texts(entry)) == [(("body",), "Open at ten.\n"), (("confirmed", "signed"), "Ann Berg")]


def test_columns_flatten_nested_models_and_take_type_and_requiredness_from_the_field() -> None:
    found = {c.name: (c.path, c.kind, c.required) for c in columns(CommunityAnswer)}
    assert found == {
        "date": (("date",), "date", True),
        "name": (("name",), "string", False),
        "body": (("body",), "string", True),
        # Required in a confirmation, but a community answer need not have one.
        "confirmed_department": (("confirmed", "department"), "string", False),
        "confirmed_signed": (("confirmed", "signed"), "string", False),
        "confirmed_date": (("confirmed", "date"), "date", False),
    }
    assert [c.name for c in columns(Answer)] == [
        "date",
        "status",
        "department",
        "signed",
        "body",
        "duplicate_of",
        "reopen",
    ]
    assert {c.name: c.kind for c in columns(Answer)}["reopen"] == "boolean"


class _WardIdea(Idea):
    """An idea with one more field, declared the way the contract asks: on the model only."""

    ward: Annotated[str | None, PERSONAL, Export("City ward.")] = None


def test_a_new_field_declared_on_the_model_is_checked_and_exported() -> None:
    idea = _WardIdea.model_validate({**IDEA, "ward": "Call 20 12 34 56"})
    assert (("ward",), "Call 20 12 34 56") in list(personal_texts(idea))
    assert columns(_WardIdea)[-1] == Column("ward", ("ward",), "string", False, columns(_WardIdea)[-1].export)
    assert columns(_WardIdea)[-1].export.description == "City ward."
    values = column_values(idea)
    assert values["ward"] == "Call 20 12 34 56"
    assert values["submitted"] == "2026-01-10"
    assert values["withheld_reason"] is None

"""The content contract: one pydantic model per file kind, and the portal settings.

These models are the single source of truth for the data. Validation, the
JSON Schemas in `schemas/` and the field reference in the docs come from them.

Values arrive from `yamlread` untyped: quoted text as `str`, unquoted text as
`PlainScalar`. The scalar types below decide, by field, what a value may be,
so YAML 1.1's guesses (`no` → False, `0123` → 83, `1:20` → 80) never apply.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import types
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
)
from pydantic_core import PydanticCustomError

from generator.statuses import BY_KEY, KINDS, TABLE, Kind
from generator.support import SupportChannels, problem, url_template
from generator.yamlread import PlainScalar, yaml11_reading

IDEA_ID = r"^[0-9]{4}-[0-9]{4}$"
KEY = r"^[a-z][a-z0-9_]{1,31}$"
TAG = r"^[a-z0-9ßà-öø-ÿ][a-z0-9ßà-öø-ÿ-]{0,39}$"
LANGUAGE = r"^[a-z]{2}$"
VOTER = r"[0-9a-f]{16}"
VOTE_ITEM = rf"{VOTER} [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} [a-z][a-z0-9_]{{1,31}}"
VOTE_LINE = rf"^{VOTE_ITEM}$"

_NULLS = {"", "~", "null", "Null", "NULL"}
# Bidirectional overrides can make a title read differently from what it
# says ("Trojan source"); zero-width characters make two names look equal.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Escapes in double-quoted YAML can smuggle terminal controls (ESC, BEL) into text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")


def fail(message: str, hint: str = "") -> PydanticCustomError:
    """A validation error with a message and a hint for the person who wrote the file."""
    return PydanticCustomError("portal", message.replace("{", "(").replace("}", ")"), {"hint": hint})


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{value!r}"


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, PlainScalar) and value in _NULLS)


def _text(value: object) -> str:
    if _is_null(value):
        raise fail("is empty", "write a value, or remove the field if it is optional")
    if isinstance(value, PlainScalar):
        reading = yaml11_reading(value)
        if reading in ("a yes/no value", "an empty value (null)"):
            raise fail(f"`{value}` is read by YAML as {reading}, not text", f'quote it: "{value}"')
        return str(value)
    if isinstance(value, str):
        return str(value)
    raise fail(f"expected text, found {_describe(value)}", "write the text on the same line or as a `|` block")


def _line(value: object) -> str:
    text = _text(value)
    if "\n" in text.strip():
        raise fail("must be a single line", "join the lines; use no `|` block here")
    if _BIDI.search(text) or _INVISIBLE.search(text):
        raise fail(
            "contains invisible or text-direction control characters",
            "retype the text; such characters make it read differently from what it says",
        )
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise fail("contains control characters", "retype the text")
    return text.strip()


def _markdown(value: object) -> str:
    text = _text(value)
    if _BIDI.search(text):
        raise fail(
            "contains text-direction control characters",
            "retype the text; such characters make it read differently from what it says",
        )
    if _CONTROL.search(text):
        raise fail("contains control characters", "remove them; only line breaks and tabs belong in text")
    return text


def _word(value: object) -> str:
    if isinstance(value, str) and not _is_null(value):
        return str(value)
    raise fail(f"expected a name such as `web`, found {_describe(value)}")


def _day(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise fail(f"{value} is not a real date", "check the month and day") from None
    raise fail(f"expected a date written YYYY-MM-DD, found {_describe(value)}", "e.g. 2026-03-01")


def _count(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, PlainScalar) and re.fullmatch(r"0|[1-9][0-9]{0,8}", value):
        number = int(value)
    else:
        raise fail(
            f"expected a whole number such as 12, found {_describe(value)}",
            "write digits without quotes or leading zeros",
        )
    if number < 1:
        raise fail(f"must be 1 or more, found {number}")
    return number


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, PlainScalar) and value in ("true", "false"):
        return value == "true"
    raise fail(f"expected true or false, found {_describe(value)}", "write true or false, without quotes")


def _nullable(value: object) -> object:
    return None if _is_null(value) else value


def _pattern(regex: str, what: str, example: str) -> BeforeValidator:
    compiled = re.compile(regex)

    def check(value: object) -> str:
        text = _word(value)
        # fullmatch: with match, `$` also matches before a final newline ("web\n").
        if not compiled.fullmatch(text):
            raise fail(f"{text!r} is not a valid {what}", f"write it like {example}")
        return text

    return BeforeValidator(check)


def _schema(**schema: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **schema})


def _line_of(min_length: int, max_length: int) -> tuple[Any, ...]:
    return (Field(min_length=min_length, max_length=max_length), BeforeValidator(_line))


Title = Annotated[str, *_line_of(3, 150)]
Name = Annotated[str, *_line_of(1, 80)]
Signature = Annotated[str, *_line_of(3, 120)]
Summary = Annotated[str, *_line_of(1, 300)]
Place = Annotated[str, *_line_of(1, 200)]
Note = Annotated[str, *_line_of(1, 200)]
Description = Annotated[str, *_line_of(1, 500)]
Body = Annotated[
    str,
    Field(min_length=1, max_length=20_000),
    BeforeValidator(_markdown),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 20_000, "contentMediaType": "text/markdown"}),
]
Day = Annotated[dt.date, BeforeValidator(_day), _schema(format="date", pattern=r"^\d{4}-\d{2}-\d{2}$")]
Count = Annotated[int, BeforeValidator(_count), WithJsonSchema({"type": "integer", "minimum": 1})]
Flag = Annotated[bool, BeforeValidator(_flag), WithJsonSchema({"type": "boolean"})]
Key = Annotated[str, _pattern(KEY, "key", "`roads` or `public_health`"), _schema(pattern=KEY)]
IdeaId = Annotated[str, _pattern(IDEA_ID, "idea id", '"2026-0042"'), _schema(pattern=IDEA_ID)]
Tag = Annotated[str, _pattern(TAG, "tag", "`cycling` (lowercase, no spaces)"), _schema(pattern=TAG)]
Language = Annotated[str, _pattern(LANGUAGE, "language code", "`da` or `en`"), _schema(pattern=LANGUAGE)]
VoteLine = Annotated[
    str,
    _pattern(VOTE_LINE, "supporter line", "`8aa0808c443d55a9 2025-03-10 web` (hash, date, channel)"),
    _schema(pattern=VOTE_LINE),
]
TEAM = r"^@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?$"
Team = Annotated[str, _pattern(TEAM, "forge team", "`@fjordby/roads`"), _schema(pattern=TEAM)]
KindField = Annotated[Kind, BeforeValidator(_word)]


def _status(value: object) -> str:
    word = _word(value)
    if word in BY_KEY:
        return word
    close = difflib.get_close_matches(word, list(BY_KEY), n=1)
    hint = f"did you mean `{close[0]}`?" if close else "one of: " + ", ".join(s.key for s in TABLE[1:])
    raise fail(f"unknown status {word!r}", hint)


StatusField = Annotated[str, BeforeValidator(_status), _schema(enum=[s.key for s in TABLE[1:]])]


class Strict(BaseModel):
    """Unknown fields are errors; values are never coerced behind the author's back."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# The data contract's other half lives on the fields too, so a new field is declared in one place:
# PERSONAL marks text that validation checks for personal data; Export marks an open data column.
class Personal:
    """Marks text a person wrote (each item, for a list): validation checks it for personal data."""

    __slots__ = ()


PERSONAL = Personal()


class Export:
    """Marks a field as a column of the open data files (generator/exports.py).

    `description` and `constraints` go into the column's Table Schema field; its type and whether
    it is required come from the field. `choices` names the Portal mapping (`categories`,
    `departments`) whose keys are the allowed values. On a field holding a model, that model's
    marked fields become the columns `<field>_<name>`.
    """

    __slots__ = ("choices", "constraints", "description")

    def __init__(self, description: str = "", *, choices: str | None = None, **constraints: Any) -> None:
        self.description = description
        self.choices = choices
        self.constraints = constraints


@dataclass(frozen=True, slots=True)
class Column:
    """One open data column a model declares: where its value is, and how to describe it."""

    name: str
    path: tuple[str, ...]
    kind: str
    required: bool
    export: Export


def _plain(annotation: Any) -> Any:
    """The type a field holds, without `Annotated` and `None`."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        return _plain(next(a for a in get_args(annotation) if a is not type(None)))
    return annotation


def _table_type(plain: Any) -> str:
    if plain is dt.date:
        return "date"
    if plain is bool:
        return "boolean"
    if plain is int:
        return "integer"
    # Text, keys and lists (joined with `;` in CSV) are strings.
    return "string"


@functools.cache
def columns(model: type[BaseModel]) -> tuple[Column, ...]:
    """The open data columns `model` marks with `Export`, in field order, nested models flattened."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        export = next((m for m in info.metadata if isinstance(m, Export)), None)
        if export is None:
            continue
        plain = _plain(info.annotation)
        if isinstance(plain, type) and issubclass(plain, BaseModel):
            for inner in columns(plain):
                found.append(
                    Column(
                        f"{name}_{inner.name}",
                        (name, *inner.path),
                        inner.kind,
                        inner.required and info.is_required(),
                        inner.export,
                    )
                )
        else:
            found.append(Column(name, (name,), _table_type(plain), info.is_required(), export))
    return tuple(found)


def column_values(model: BaseModel) -> dict[str, Any]:
    """The values of `model`'s open data columns, as JSON holds them: dates as ISO text, lists as lists."""
    values: dict[str, Any] = {}
    for column in columns(type(model)):
        value: Any = model
        for part in column.path:
            value = getattr(value, part) if value is not None else None
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = list(value)
        values[column.name] = value
    return values


def personal_texts(model: BaseModel) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each non-empty text `model` marks PERSONAL, nested models included, with its place in the model."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if any(isinstance(m, Personal) for m in info.metadata):
            if isinstance(value, str):
                if value:
                    yield (name,), value
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield (name, index), item
        elif isinstance(value, BaseModel):
            for loc, text in personal_texts(value):
                yield (name, *loc), text


WITHHELD_REASONS = ("duplicate", "personal_data", "offensive", "not_responsible", "advertising", "other")


class Withheld(Strict):
    """Why and since when an idea is withheld; its text is then removed from the file."""

    reason: Annotated[
        str,
        BeforeValidator(_word),
        _schema(enum=list(WITHHELD_REASONS)),
        Export("Why the idea is withheld (its text is not published).", enum=list(WITHHELD_REASONS)),
    ] = Field(description="One of: " + ", ".join(WITHHELD_REASONS) + ".")
    date: Annotated[Day, Export("Date it was withheld.")] = Field(description="Date it was withheld, YYYY-MM-DD.")

    @field_validator("reason")
    @classmethod
    def _known_reason(cls, value: str) -> str:
        if value not in WITHHELD_REASONS:
            close = difflib.get_close_matches(value, WITHHELD_REASONS, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "one of: " + ", ".join(WITHHELD_REASONS)
            raise fail(f"unknown reason {value!r}", hint)
        return value


class Idea(Strict):
    """An idea or a question, as its submitter wrote it (`content/ideas/<id>.yaml`)."""

    title: Annotated[Title, PERSONAL, Export("Title.")] = Field(description="Short title, one line, 3–150 characters.")
    kind: Annotated[KindField, Export("idea or question.", enum=list(KINDS))] = Field(
        description=f"One of: {', '.join(KINDS)}."
    )
    submitted: Annotated[Day, Export("Date of submission.")] = Field(
        description="Date of submission, YYYY-MM-DD; its year is the id's year."
    )
    author: Annotated[Name, PERSONAL, Export("Display name chosen by the submitter.")] = Field(
        description="Display name chosen by the submitter; never an e-mail, phone or id number."
    )
    category: Annotated[Key, Export("Category key.", choices="categories")] = Field(
        description="A key from content/categories.yaml."
    )
    channel: Annotated[Key, Export("How it reached the municipality.")] = Field(
        description="How it reached us: web, email, meeting, letter, phone, employee, ..."
    )
    # Empty only when withheld: validation requires the text otherwise, so the pages always have a string.
    body: Annotated[Body, PERSONAL] = Field(
        default="", description="The text, in Markdown; removed when the idea is withheld."
    )
    tags: Annotated[
        list[Tag], Field(max_length=10), PERSONAL, Export("Tags, separated by `;` (a list in ideas.json).")
    ] = Field(default_factory=list, description="Up to 10 lowercase tags.")
    language: Annotated[
        Language | None,
        BeforeValidator(_nullable),
        Export("Language of the text (ISO 639-1), if stated.", pattern=LANGUAGE.strip("^$")),
    ] = Field(default=None, description="Language of the text (ISO 639-1), when it differs from the site's.")
    summary: Annotated[Summary | None, BeforeValidator(_nullable), PERSONAL, Export("One-sentence summary.")] = Field(
        default=None, description="One-sentence summary."
    )
    location: Annotated[
        Place | None, BeforeValidator(_nullable), PERSONAL, Export("A public place the idea concerns.")
    ] = Field(default=None, description="A public place the idea concerns; never a private address.")
    issue: Annotated[Count | None, BeforeValidator(_nullable)] = Field(
        default=None,
        description="Number of the forge issue it came through; a 👍 there supports it (support channel `forge`).",
    )
    withheld: Annotated[Withheld | None, Export()] = Field(
        default=None,
        description="Set by staff when the idea is withheld: its page then says so and why, and shows no text.",
    )


class Answer(Strict):
    """One official answer; together they form the idea's decision record."""

    date: Annotated[Day, Export()] = Field(description="Date of the answer, YYYY-MM-DD.")
    status: Annotated[StatusField, Export()] = Field(
        description="Status after this answer: " + ", ".join(s.key for s in TABLE[1:]) + "."
    )
    department: Annotated[Key, Export()] = Field(description="A key from content/departments.yaml.")
    signed: Annotated[Signature, PERSONAL, Export()] = Field(description="Name and title of the official who answers.")
    body: Annotated[Body, PERSONAL, Export()] = Field(description="The answer, in Markdown.")
    duplicate_of: Annotated[IdeaId | None, BeforeValidator(_nullable), Export()] = Field(
        default=None, description="With status duplicate: the id of the idea this one joins."
    )
    reopen: Annotated[Flag, Export()] = Field(
        default=False, description="true when this answer reopens a closed status."
    )


class AnswerList(Strict):
    """The official answers to one idea, oldest first (`content/answers/<id>.yaml`)."""

    answers: Annotated[list[Answer], Field(min_length=1)] = Field(
        description="Answers in date order; append, never rewrite a published one."
    )


class Tally(Strict):
    """Supports counted together, e.g. a show of hands at a citizens' meeting."""

    count: Count = Field(description="Number of supporters, 1 or more.")
    date: Day = Field(description="Date the supports were counted, YYYY-MM-DD.")
    channel: Key = Field(description="Where they were counted, e.g. meeting.")
    note: Annotated[Note | None, BeforeValidator(_nullable), PERSONAL] = Field(
        default=None, description="Where and how they were counted."
    )


# A community answer adds to an idea or answers a question: far shorter than an idea may be.
COMMUNITY_LIMIT = 5_000
CommunityBody = Annotated[
    str,
    Field(min_length=1, max_length=COMMUNITY_LIMIT),
    BeforeValidator(_markdown),
    WithJsonSchema(
        {"type": "string", "minLength": 1, "maxLength": COMMUNITY_LIMIT, "contentMediaType": "text/markdown"}
    ),
]


class Confirmation(Strict):
    """A department's word that a community answer is correct."""

    department: Annotated[Key, Export("Department that confirmed it is correct, if one did.")] = Field(
        description="A key from content/departments.yaml of the department that confirms it."
    )
    signed: Annotated[Signature, PERSONAL, Export("Official who confirmed it.")] = Field(
        description="Name and title of the official who confirms it."
    )
    date: Annotated[Day, Export("Date of the confirmation.")] = Field(
        description="Date of the confirmation, YYYY-MM-DD."
    )


class CommunityAnswer(Strict):
    """An answer or a piece of information from anyone, never an official answer."""

    date: Annotated[Day, Export("Date it was written.")] = Field(description="Date it was written, YYYY-MM-DD.")
    name: Annotated[
        Name | None,
        BeforeValidator(_nullable),
        PERSONAL,
        Export("Display name the writer chose; empty when anonymous."),
    ] = Field(
        default=None, description="Display name the writer chose; shown as anonymous without one. Never an e-mail."
    )
    body: Annotated[CommunityBody, PERSONAL, Export("The answer, in Markdown; written by a citizen, not official.")] = (
        Field(description=f"The answer, in Markdown, up to {COMMUNITY_LIMIT:,} characters.")
    )
    confirmed: Annotated[Confirmation | None, Export()] = Field(
        default=None, description="Set by staff when a department confirms that the answer is correct."
    )


class CommunityList(Strict):
    """Answers and information from citizens for one idea, oldest first (`content/community/<id>.yaml`)."""

    community: Annotated[list[CommunityAnswer], Field(min_length=1)] = Field(
        description="Community answers in date order; append, never rewrite a published one."
    )


_VOTE_LINES = re.compile(rf"(?:{VOTE_ITEM}\n)*{VOTE_ITEM}")


def _vote_lines(value: object, handler: ValidatorFunctionWrapHandler) -> Any:
    # A million lines cost a million validator calls; one pattern over them all
    # accepts the same lists. Anything else is checked line by line, for the messages.
    if isinstance(value, list) and value:
        try:
            joined = "\n".join(value)
        except TypeError:
            return handler(value)
        if joined.count("\n") == len(value) - 1 and _VOTE_LINES.fullmatch(joined):
            return value
    return handler(value)


class Votes(Strict):
    """Support for one idea (`content/votes/<id>.yaml`)."""

    supporters: Annotated[list[VoteLine], WrapValidator(_vote_lines)] = Field(
        default_factory=list,
        description="One line per supporter: pseudonymous hash, date, channel.",
    )
    tallies: list[Tally] = Field(default_factory=list, description="Supports counted offline.")


Names = Annotated[dict[Language, Name], Field(min_length=1)]
Descriptions = Annotated[dict[Language, Description], Field(min_length=1)]


class Category(Strict):
    """A theme ideas are filed under."""

    name: Names = Field(description="Name in each site language, e.g. {da: Trafik, en: Traffic}.")
    description: Annotated[Descriptions | None, BeforeValidator(_nullable)] = Field(
        default=None, description="Description per language."
    )
    department: Annotated[Key | None, BeforeValidator(_nullable)] = Field(
        default=None,
        description="Key from content/departments.yaml of the department that answers this category's new ideas.",
    )


class Department(Strict):
    """A part of the organisation that gives official answers."""

    name: Names = Field(description="Name in each site language.")
    description: Annotated[Descriptions | None, BeforeValidator(_nullable)] = Field(
        default=None, description="Description per language."
    )
    team: Annotated[Team | None, BeforeValidator(_nullable)] = Field(
        default=None, description="Forge team that reviews this department's answers."
    )


class Categories(Strict):
    """The categories (`content/categories.yaml`)."""

    categories: Annotated[dict[Key, Category], Field(min_length=1)]


class Departments(Strict):
    """The departments (`content/departments.yaml`)."""

    departments: Annotated[dict[Key, Department], Field(min_length=1)]


class Settings(BaseModel):
    """Portal settings: the `portal` plugin's options in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    content_dir: str = Field(default="content", description="Folder of the content, relative to mkdocs.yml.")
    languages: Annotated[list[Language], Field(min_length=1)] = Field(
        default_factory=lambda: ["en"], description="Languages every category and department must be named in."
    )
    support_threshold: int = Field(default=500, ge=1, description="Supports after which an official answer is due.")
    response_days: int = Field(default=90, ge=1, description="Days allowed for that answer.")
    question_response_days: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Working days within which every question is due an answer from the day it is submitted, "
            "whatever its support; without it, questions wait for the support threshold like ideas."
        ),
    )
    country: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2}$",
        description="Country code (ISO 3166, e.g. DK) whose public holidays are not working days.",
    )
    forge_url: str | None = Field(
        default=None, pattern=r"^https://", description="Public repository, e.g. https://github.com/org/portal."
    )
    support_url: str | None = Field(
        default=None,
        pattern=r"^https://",
        description="Deprecated: read as `support: {form: <support_url>?idea={id}}`; write that instead.",
    )
    support: SupportChannels = Field(
        default_factory=SupportChannels,
        description="How citizens support an idea: form, email, forge, offline; several at once (docs/take-part.md).",
    )
    intake_form: str | None = Field(
        default=None,
        description=(
            "Address of the municipality's own form for proposals, with any of {kind}, {title}, {text} and "
            "{category} where the proposal's parts go (Propose page)."
        ),
    )
    intake_email: str | None = Field(
        default=None,
        pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
        description="Public address citizens may write to instead of the forge's issue form (Propose page).",
    )
    contact_allowlist: list[str] = Field(
        default_factory=list,
        description=("Public contact addresses allowed in text: an address, or @domain for all of a domain's."),
    )
    tagline: dict[Language, Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        default_factory=dict,
        description="One sentence per language under the home page's title saying what the portal is for.",
    )

    # Field validators, not a model validator, so that each message names its option (`support`, `intake_form`);
    # forge_url and support_url come before support, so they are in `info.data` when it is checked.
    @field_validator("support")
    @classmethod
    def _channels_fit(cls, support: SupportChannels, info: ValidationInfo) -> SupportChannels:
        if info.data.get("support_url") and support.form:
            raise problem(
                "support_url and support.form both name a support form: "
                "remove support_url (the old name) and keep support.form"
            )
        if support.forge and not info.data.get("forge_url"):
            raise problem("forge: true needs forge_url, the public repository whose issues get the 👍")
        return support

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        # Imported here: its calendars cost a quarter of this module's import, and most commands need none.
        import holidays

        if value is not None and value not in holidays.list_supported_countries():
            raise problem(f"no public holidays are known for country {value!r}; write a code such as DK or SE")
        return value

    @field_validator("intake_form")
    @classmethod
    def _intake_form(cls, value: str | None) -> str | None:
        return None if value is None else url_template(value, ("kind", "title", "text", "category"), ())

    @property
    def channels(self) -> SupportChannels:
        """The support channels, with the deprecated `support_url` read as a `form` channel."""
        if self.support_url and not self.support.form:
            separator = "&" if "?" in self.support_url else "?"
            return self.support.model_copy(update={"form": f"{self.support_url}{separator}idea={{id}}"})
        return self.support


FILE_MODELS: dict[str, type[Strict]] = {
    "idea": Idea,
    "answers": AnswerList,
    "votes": Votes,
    "community": CommunityList,
    "categories": Categories,
    "departments": Departments,
}

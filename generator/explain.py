"""Turn pydantic's validation errors into problems a person can act on.

Each problem points at the exact line and column of the value (or key) and
says, in words, what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem
from generator.yamlread import Document, Loc


def _strip(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model whose fields live at `loc` inside `model`, if any."""
    annotation: Any = model
    for part in loc:
        annotation = _strip(annotation)
        if typing.get_origin(annotation) in (list, dict):
            annotation = typing.get_args(annotation)[-1]
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return None
            annotation = field.annotation
            continue
        return None
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _shown(key: str) -> str:
    """A key as written, or quoted with escapes when it holds a line break, tab or invisible character.

    Keys come from the file; a multi-line or invisible one would break the
    one-problem-per-line report or hide what is wrong with it.
    """
    return key if key.isprintable() else repr(key)


def field_name(loc: Loc) -> str:
    """`answers[2].status` for ('answers', 2, 'status')."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{_shown(part)}" if text else _shown(part))
    return text or "the file"


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "allowed here: " + ", ".join(choices)


def _explain(error: Any, document: Document, model: type[BaseModel]) -> tuple[Loc, bool, str, str]:
    loc: Loc = tuple(p for p in error["loc"] if p != "[key]")
    on_key = len(loc) != len(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    name = field_name(loc)
    last = str(loc[-1]) if loc else ""
    if kind == "portal":
        return loc, on_key, f"{name}: {error['msg']}", ctx.get("hint", "")
    if kind == "missing":
        return loc[:-1], False, f"required field `{last}` is missing", f"add `{last}: ...`"
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        fields = sorted(parent.model_fields) if parent else []
        return loc, True, f"unknown field `{_shown(last)}`", _did_you_mean(last, fields)
    if kind in ("enum", "literal_error"):
        expected = [e.strip(" '") for e in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        value = str(_value_at(document.data, loc))
        return loc, on_key, f"{name}: unknown value {value!r}", _did_you_mean(value, [e for e in expected if e])
    if kind in ("string_too_long", "too_long"):
        value = _value_at(document.data, loc)
        size = f"{len(value)} " if value is not None else ""
        unit = "characters" if kind == "string_too_long" else "items"
        return loc, on_key, f"{name} is too long: {size}{unit}, at most {ctx.get('max_length')}", "shorten it"
    if kind in ("string_too_short", "too_short"):
        unit = "characters" if kind == "string_too_short" else "entries"
        return loc, on_key, f"{name} is too short: at least {ctx.get('min_length')} {unit}", "add what is missing"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        what = "the file" if not loc else name
        return loc, on_key, f"{what} must be a set of fields (`name: value` lines)", "check the indentation"
    if kind == "list_type":
        return loc, on_key, f"{name} must be a list", "write one `- item` line per entry"
    if kind == "string_type":
        return loc, on_key, f"{name}: expected text", "quote it"
    return loc, on_key, f"{name}: {error['msg']}", ""


def problems_from(exc: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    """One problem per validation error, placed at the value it concerns."""
    problems = []
    for error in exc.errors(include_url=False):
        loc, on_key, message, hint = _explain(error, document, model)
        line, column = document.position(loc, key=on_key)
        problems.append(Problem(document.path, line, column, message, hint))
    return problems

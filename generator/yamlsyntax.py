"""Say what a YAML syntax error means to someone editing a file in a web editor.

The parser's own words ("mapping values are not allowed in this context",
"did not find expected key") name parser states, not mistakes. The mistakes
behind them are few: a colon or a leading `@`, `` ` ``, `%` in an unquoted
value, a line indented differently from its neighbours, a quote or bracket
never closed. Each gets a message that says so and a hint that says what to
type; anything else keeps the parser's words. The place is always inside the
file: an error found at the end of the file is placed on the line where the
unclosed thing began, or on the last line.
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import Problem

_KEY_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?P<key>[^\s#:'\"][^:#]*?):(?:[ ]+(?P<value>.*))?$")
_STARTERS = {"@": "an @", "`": "a backtick (`)", "%": "a percent sign (%)"}
_CLOSERS = {"[": "]", "{": "}"}


def _indent(line: str) -> int:
    """Where the line's key starts: its spaces and any `- ` list markers."""
    match = _KEY_LINE.match(line)
    if match:
        return len(match.group("indent")) + len(match.group("dashes"))
    return len(line) - len(line.lstrip(" "))


def _content_above(lines: list[str], index: int) -> str | None:
    """The nearest line above `index` that holds something other than a comment."""
    for line in reversed(lines[:index]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _quoted(key: str, value: str, indent: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{indent}{key}: "{escaped}"'


def _place(lines: list[str], mark: Any) -> tuple[int, int]:
    """A 1-based line and column inside the file for a parser mark."""
    if mark is None or not lines:
        return 1, 1
    index = min(mark.line, len(lines) - 1)
    column = mark.column + 1 if mark.line == index else len(lines[index]) + 1
    return index + 1, min(column, len(lines[index]) + 1)


def _colon_in_value(path: str, lines: list[str], index: int, column: int) -> Problem | None:
    match = _KEY_LINE.match(lines[index])
    value = match.group("value") if match else None
    if not match or not value or value[0] in "\"'[{|>" or column <= match.end("key") + 1:
        return None
    key = match.group("key").strip()
    prefix = match.group("indent") + match.group("dashes")
    return Problem(
        path,
        index + 1,
        column,
        f"the value of `{key}` holds a colon followed by a space, which YAML reads as a new field",
        f"put the value in double quotes: {_quoted(key, value.rstrip(), prefix).strip()}",
    )


def _indentation(path: str, lines: list[str], index: int) -> Problem | None:
    above = _content_above(lines, index)
    if above is None:
        return None
    own, theirs = _indent(lines[index]), _indent(above)
    if above.rstrip().endswith(":") and own > theirs:
        # The line above opens a block; this line may rightly sit deeper. Compare with the line before it.
        return None
    if own == theirs:
        return None
    spaces = "space" if own == 1 else "spaces"
    return Problem(
        path,
        index + 1,
        own + 1,
        f"this line is indented {own} {spaces}, the line above uses {theirs}",
        f"line it up with the line above ({theirs} spaces), or with the field it belongs to",
    )


def _unclosed(path: str, lines: list[str], exc: Any) -> Problem | None:
    context = exc.context or ""
    start = exc.context_mark
    if start is None:
        return None
    line, column = _place(lines, start)
    if "quoted scalar" in context:
        quote = lines[line - 1][column - 1 : column] or '"'
        return Problem(
            path,
            line,
            column,
            f"the quote ({quote}) that starts here is never closed",
            "end the value with ' on the same line; write '' for an apostrophe inside it"
            if quote == "'"
            else 'end the value with " on the same line; write \\" for a quote mark inside it',
        )
    for opener, closer in _CLOSERS.items():
        if f"flow {'sequence' if opener == '[' else 'mapping'}" in context:
            return Problem(
                path,
                line,
                column,
                f"the {opener} that starts here is never closed with {closer}",
                f"close it with {closer} on the same line, or put the value in double quotes if {opener} is text",
            )
    return None


def _bad_start(path: str, lines: list[str], line: int, column: int) -> Problem | None:
    char = lines[line - 1][column - 1 : column]
    if char not in _STARTERS:
        return None
    match = _KEY_LINE.match(lines[line - 1])
    example = ""
    if match and match.group("value"):
        prefix = match.group("indent") + match.group("dashes")
        example = ": " + _quoted(match.group("key").strip(), match.group("value").rstrip(), prefix).strip()
    return Problem(
        path,
        line,
        column,
        f"a value cannot start with {_STARTERS[char]} unless it is quoted",
        f"put the value in double quotes{example}",
    )


def syntax_problem(path: str, text: str, exc: Any) -> Problem:
    """The problem a `yaml.MarkedYAMLError` on `text` stands for, in plain words, placed inside the file."""
    lines = text.splitlines() or [""]
    mark = exc.problem_mark or exc.context_mark
    line, column = _place(lines, mark)
    problem = exc.problem or ""
    found: Problem | None = None
    if "mapping values are not allowed" in problem:
        found = _colon_in_value(path, lines, line - 1, column) or _indentation(path, lines, line - 1)
    elif "end of stream" in problem or "did not find expected ',' or" in problem:
        found = _unclosed(path, lines, exc)
    elif "cannot start any token" in problem:
        found = _bad_start(path, lines, line, column)
    elif "expected key" in problem or "indicator" in problem or "block end" in problem:
        found = _indentation(path, lines, line - 1)
    if found is not None:
        return found
    words = f"{problem} ({exc.context})" if exc.context and problem else problem or exc.context or "invalid YAML"
    return Problem(path, line, column, f"the file is not valid YAML here: {words}", "check quoting and indentation")

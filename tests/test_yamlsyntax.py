"""YAML syntax errors read as what to type, for someone editing in a web editor, placed inside the file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.yamlread import parse
from tests.support import PortalDir


def only_problem(text: str) -> str:
    document, problems = parse("f.yaml", text)
    assert document is None
    assert len(problems) == 1
    return str(problems[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: Benches: along the harbour\nkind: idea\n",
            "f.yaml:1:15: error: the value of `title` holds a colon followed by a space, which YAML reads as a new"
            ' field (put the value in double quotes: title: "Benches: along the harbour")',
        ),
        (
            'answers:\n  - date: 2026-01-01\n    body: Note: "soon"\n',
            "f.yaml:3:15: error: the value of `body` holds a colon",
        ),
        (
            "title: x\n  kind: idea\nauthor: a\n",
            "f.yaml:2:3: error: this line is indented 2 spaces, the line above uses 0",
        ),
        ("name:\n    en: x\n  da: y\n", "f.yaml:3:3: error: this line is indented 2 spaces, the line above uses 4"),
        (
            "answers:\n  - date: 2026-01-01\n    status: planned\n   department: roads\n",
            "f.yaml:4:4: error: this line is indented 3 spaces, the line above uses 4",
        ),
        ('title: "A bench\nkind: idea\n', 'f.yaml:1:8: error: the quote (") that starts here is never closed'),
        ("title: 'A bench", "f.yaml:1:8: error: the quote (') that starts here is never closed"),
        ("name: {en: x, da: y\nkind: 1\n", "f.yaml:1:7: error: the { that starts here is never closed with }"),
        (
            "team: @roads/team\n",
            "f.yaml:1:7: error: a value cannot start with an @ unless it is quoted (put the value"
            ' in double quotes: team: "@roads/team")',
        ),
        ("title: `x`\n", "f.yaml:1:8: error: a value cannot start with a backtick"),
    ],
)
def test_syntax_errors_say_what_to_type(text: str, expected: str) -> None:
    found = only_problem(text)
    assert found.startswith(expected)
    assert "mapping values" not in found
    assert "expected" not in found.split("error: ", 1)[1].split(" (")[0]


def test_a_mistake_it_cannot_name_keeps_the_parsers_words_inside_the_file() -> None:
    found = only_problem("a: b\n- c\n")
    assert found.startswith("f.yaml:2:1: error: the file is not valid YAML here:")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab: -'\"[]{}\n#@`|>", max_size=40))
def test_never_a_line_past_the_end_of_the_file(text: str) -> None:
    _, problems = parse("f.yaml", text)
    lines = max(1, len(text.splitlines()))
    for problem in problems:
        assert 1 <= problem.line <= lines, (text, problem)
        assert problem.column >= 1


def test_validate_shows_the_plain_words_with_the_fix(portal: PortalDir) -> None:
    portal.write(
        "content/ideas/2026-0003.yaml",
        "title: Benches: along the harbour\nkind: idea\nsubmitted: 2026-01-10\nauthor: A\ncategory: traffic\n"
        "channel: web\nbody: Benches.\n",
    )
    result = portal.validate()
    assert result.exit_code == 1
    assert (
        "content/ideas/2026-0003.yaml:1:15: error: the value of `title` holds a colon followed by a space, which YAML"
        ' reads as a new field (put the value in double quotes: title: "Benches: along the harbour")'
    ) in result.output

"""`generator.yamlread`: strict parsing into plain data with the position of every value and key."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.models import VOTE_ITEM
from generator.yamlread import Document, LineList, PlainScalar, decode, offset_position, parse, yaml11_reading

ROOT = Path(__file__).resolve().parents[1]

NESTED = textwrap.dedent(
    """\
    title: A bench
    answers:
      - date: 2026-01-20
        body: |
          Line one.
        tags: [a, 'b', {c: d}]
      - signed: "Ann"
    """
)


def parsed(text: str) -> Document:
    document, problems = parse("f.yaml", text)
    assert problems == []
    assert document is not None
    return document


def problems_of(text: str, *, max_depth: int = 10) -> list[str]:
    document, problems = parse("f.yaml", text, max_depth=max_depth)
    assert document is None
    assert problems
    return [str(p) for p in problems]


# --- data and positions --------------------------------------------------------------------


def test_nested_data_is_plain_python() -> None:
    document = parsed(NESTED)
    assert document.data == {
        "title": "A bench",
        "answers": [
            {"date": "2026-01-20", "body": "Line one.\n", "tags": ["a", "b", {"c": "d"}]},
            {"signed": "Ann"},
        ],
    }
    assert document.path == "f.yaml"
    assert document.source == NESTED


def test_positions_of_nested_values() -> None:
    document = parsed(NESTED)
    assert document.values[()] == (1, 1)
    assert document.values[("title",)] == (1, 8)
    assert document.values[("answers",)] == (3, 3)
    assert document.values[("answers", 0)] == (3, 5)
    assert document.values[("answers", 0, "date")] == (3, 11)
    assert document.values[("answers", 0, "body")] == (4, 11)
    assert document.values[("answers", 0, "tags")] == (6, 11)
    assert document.values[("answers", 0, "tags", 1)] == (6, 15)
    assert document.values[("answers", 0, "tags", 2, "c")] == (6, 24)
    assert document.values[("answers", 1, "signed")] == (7, 13)


def test_positions_of_keys() -> None:
    document = parsed(NESTED)
    assert document.keys[("title",)] == (1, 1)
    assert document.keys[("answers",)] == (2, 1)
    assert document.keys[("answers", 0, "tags")] == (6, 5)
    assert document.keys[("answers", 0, "tags", 2, "c")] == (6, 21)
    assert document.keys[("answers", 1, "signed")] == (7, 5)


def test_position_prefers_the_key_and_falls_back_to_the_parent() -> None:
    document = parsed(NESTED)
    assert document.position(("answers", 0, "tags"), key=True) == (6, 5)
    assert document.position(("answers", 0, "tags")) == (6, 11)
    # A missing field is placed at the nearest value that exists.
    assert document.position(("answers", 1, "date")) == (7, 5)
    assert document.position(("answers", 1, "date"), key=True) == (7, 5)
    assert document.position(("nothing", "here")) == (1, 1)
    assert document.position(()) == (1, 1)


def test_positions_count_characters_not_bytes() -> None:
    document = parsed("å: ø\nb: [😀, æ]\n")
    assert document.values[("å",)] == (1, 4)
    assert document.values[("b", 1)] == (2, 8)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("v: no", True),
        ("v: 0123", True),
        ("v: 1:20", True),
        ("v: ~", True),
        ("v: 'no'", False),
        ('v: "no"', False),
        ("v: |\n  no\n", False),
        ("v: >\n  no\n", False),
        ("v: [no]", True),
    ],
)
def test_unquoted_scalars_are_plain_and_quoted_ones_are_str(text: str, plain: bool) -> None:
    value = parsed(text).data["v"]
    if isinstance(value, list):
        value = value[0]
    assert isinstance(value, str)
    assert isinstance(value, PlainScalar) is plain


def test_plain_scalars_keep_their_exact_text() -> None:
    data = parsed("a: 0123\nb: 1.10\nc: 1:20\nd: no\ne: 2026-02-30\nf: ~\ng:\n").data
    assert data == {"a": "0123", "b": "1.10", "c": "1:20", "d": "no", "e": "2026-02-30", "f": "~", "g": ""}


def test_keys_are_text_and_quoted_yaml_11_keys_are_allowed() -> None:
    data = parsed("'yes': 1\n\"null\": 2\n").data
    assert data == {"yes": "1", "null": "2"}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("no", "a yes/no value"),
        ("On", "a yes/no value"),
        ("~", "an empty value (null)"),
        ("0123", "a number"),
        ("1:20", "a number"),
        ("1.10", "a number"),
        ("2026-01-10", "a date"),
        ("Ola", None),
        ("no-parking", None),
    ],
)
def test_yaml11_reading(text: str, reading: str | None) -> None:
    assert yaml11_reading(text) == reading


@pytest.mark.parametrize(
    ("offset", "position"),
    [(0, (1, 1)), (2, (1, 3)), (3, (1, 4)), (4, (2, 1)), (6, (2, 3)), (7, (3, 1))],
)
def test_offset_position(offset: int, position: tuple[int, int]) -> None:
    assert offset_position("abc\nde\n", offset) == position


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml:4:3: error: duplicate key 'c' (first at line 3)"),
        ("a: &x 1\n", "f.yaml:1:4: error: anchor &x is not allowed"),
        ("a: *x\n", "f.yaml:1:4: error: alias *x is not allowed"),
        ("a: !!int 1\n", "f.yaml:1:4: error: explicit tag !!int is not allowed"),
        ("a: !!map {b: 1}\n", "f.yaml:1:4: error: explicit tag !!map is not allowed"),
        ("b: 1\n<<: {a: 1}\n", "f.yaml:2:1: error: merge keys (<<) are not allowed"),
        ("on: 1\n", "f.yaml:1:1: error: the key 'on' is read by YAML as a yes/no value"),
        ("? {a: 1}\n: x\n", "f.yaml:1:3: error: a key must be plain text"),
        ("a: 1\n---\nb: 1\n", "f.yaml:2:1: error: the file holds more than one YAML document"),
        ("a: [1\n", "f.yaml:1:4: error: the [ that starts here is never closed with ]"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: error: a tab is used for indentation"),
        ("a: x\x01y\n", "f.yaml:1:5: error: the file contains the character U+0001, which YAML does not allow"),
        ("a: b\nc: 'x\x7f'\n", "f.yaml:2:6: error: the file contains the character U+007F"),
        # A surrogate cannot come from decode(), but parse() must still not raise on one.
        ("a: '\udcff'\n", "f.yaml:1:5: error: the file contains the character U+DCFF"),
        ("", "f.yaml:1:1: error: the file is empty"),
        ("# only\n", "f.yaml:1:1: error: the file holds no data, only comments"),
        ("---\n...\n", "f.yaml:1:1: error: the file holds no data, only comments"),
    ],
)
def test_refusals_are_placed(text: str, expected: str) -> None:
    assert problems_of(text)[0].startswith(expected)


def test_every_duplicate_and_alias_is_reported() -> None:
    found = problems_of("a: 1\na: 2\nb: *x\na: 3\n")
    assert [line.split(": error: ")[0] for line in found] == ["f.yaml:2:1", "f.yaml:3:4", "f.yaml:4:1"]


def test_every_tab_is_reported() -> None:
    found = problems_of("a:\n\tb: 1\n\tc: 2\n")
    assert [line.split(": error: ")[0] for line in found] == ["f.yaml:2:1", "f.yaml:3:1"]


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_bracket_depth_limit_is_exact(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    assert parse("f.yaml", opening * 10 + closing * 10)[1] == []
    found = problems_of(opening * 11 + "1" + closing * 11)
    assert found == [
        f"f.yaml:1:{10 * len(opening) + 1}: error: brackets are nested more than 10 levels deep "
        "(portal files are shallow; check the brackets)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "title: " + "Sad :-[ " * 11 + "\n",
        "body: |\n  $\\{\\{\\{\\{\\{\\{ x \\}$ and [[[[[[\n  \\left[ [ [ [ [ [\n",
        'summary: "' + "[" * 20 + '"\n',
        "summary: '" + "{" * 20 + "'\n",
        "tags: [" + ", ".join(["a"] * 12) + "]\nbody: '[[[[[[[[[[[['\n",
    ],
    ids=["emoticons", "latex-in-block-scalar", "double-quoted", "single-quoted", "flow-list-and-text"],
)
def test_brackets_in_text_are_not_nesting(text: str) -> None:
    assert parse("f.yaml", text)[1] == []


def test_brackets_inside_quotes_do_not_hide_real_nesting() -> None:
    # Counting characters, `"]"` closes a level it never opened.
    found = problems_of('["]", ' * 11 + "1" + "]" * 11)
    assert found == [
        "f.yaml:1:61: error: brackets are nested more than 10 levels deep "
        "(portal files are shallow; check the brackets)"
    ]


def test_block_depth_limit_counts_every_level() -> None:
    # The root sequence is level 1, so ten dashes are ten levels.
    assert parse("f.yaml", "- " * 10 + "x\n")[1] == []
    assert problems_of("- " * 11 + "x\n")[0].startswith(
        "f.yaml:1:21: error: the data is nested more than 10 levels deep"
    )
    assert problems_of("- " * 4 + "x\n", max_depth=3)[0].startswith("f.yaml:1:7: error: the data is nested")


# --- decode --------------------------------------------------------------------------------


def test_decode_accepts_utf8() -> None:
    assert decode("f.yaml", "title: Smørrebrød 😀\n".encode()) == ("title: Smørrebrød 😀\n", [])


def test_decode_turns_every_line_break_into_lf() -> None:
    assert decode("f.yaml", b"a: 1\r\nb: 2\rc: 3\n") == ("a: 1\nb: 2\nc: 3\n", [])


UTF16 = "the file is UTF-16 or binary, not UTF-8 text"


@pytest.mark.parametrize(
    ("raw", "line", "column", "message"),
    [
        (b"\xef\xbb\xbfa: 1\n", 1, 1, "the file starts with a byte-order mark"),
        ("a: 1\n".encode("utf-16"), 1, 1, UTF16),
        ("a: 1\n".encode("utf-16-be"), 1, 1, UTF16),
        (b"a: \x00\n", 1, 1, UTF16),
        (b"a: 1\nb: \xe6\xf8\n", 2, 4, "byte 0xe6 is not valid UTF-8"),
        ("a: 1\nb: ææ".encode() + b"\xff\n", 2, 6, "byte 0xff is not valid UTF-8"),
        (b"#" * 5000 + b"\na: \x00\n", 2, 4, "the file contains a NUL character"),
        # Old Mac files: CR alone ends a line, as it does for libyaml.
        (b"a: 1\rb: Bj\xbfrn\r", 2, 6, "byte 0xbf is not valid UTF-8"),
        (b"a: 1\r\nb: Bj\xbfrn\r\n", 2, 6, "byte 0xbf is not valid UTF-8"),
        (b"#" * 5000 + b"\ra: 1\rb: \x00\r", 3, 4, "the file contains a NUL character"),
    ],
)
def test_decode_refuses_unusable_bytes(raw: bytes, line: int, column: int, message: str) -> None:
    text, problems = decode("f.yaml", raw)
    assert text is None
    assert [(p.path, p.line, p.column, p.message) for p in problems] == [("f.yaml", line, column, message)]
    assert problems[0].hint


# --- robustness ----------------------------------------------------------------------------


DEEP_SCRIPT = """
import sys
from generator.yamlread import parse
document, problems = parse("deep.yaml", sys.stdin.read())
assert document is None
print(problems[0])
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 30_000, "deep.yaml:1:11: error: brackets are nested more than 10 levels deep"),
        ("{a: " * 30_000, "deep.yaml:1:41: error: brackets are nested more than 10 levels deep"),
        ("- " * 30_000 + "x\n", "deep.yaml:1:21: error: the data is nested more than 10 levels deep"),
        ('["]",' * 30_000, "deep.yaml:1:51: error: brackets are nested more than 10 levels deep"),
        ("[\n" * 30_000, "deep.yaml:11:1: error: brackets are nested more than 10 levels deep"),
    ],
    ids=["brackets", "braces", "dashes", "quoted-closers", "one-per-line"],
)
def test_very_deep_nesting_does_not_crash_the_process(text: str, expected: str) -> None:
    # libyaml's composer recurses once per level and dies near 30,000 `[`; parse()
    # must never get that far. Run apart, so a crash fails only this test.
    result = subprocess.run(
        [sys.executable, "-c", DEEP_SCRIPT],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(expected)


YAMLISH = st.text(alphabet=st.sampled_from(list("-:?,[]{}&*!|>'\"#%@` \n\t\rabyn01.~<=\\")), max_size=80)


def check_outcome(outcome: tuple[Document | None, list[Problem]]) -> None:
    document, problems = outcome
    if document is None:
        assert problems
    else:
        assert problems == []
        assert all(line >= 1 and column >= 1 for line, column in document.values.values())
    for problem in problems:
        assert problem.path == "f.yaml"
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert "\n" not in problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), YAMLISH))
def test_parse_never_raises(text: str) -> None:
    check_outcome(parse("f.yaml", text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_decode_then_parse_never_raises(raw: bytes) -> None:
    text, problems = decode("f.yaml", raw)
    if text is None:
        check_outcome((None, problems))
    else:
        assert problems == []
        check_outcome(parse("f.yaml", text))


# The plain form of vote files is read without the YAML parser; it must give exactly what the parser gives.
VOTES = LineList("supporters", VOTE_ITEM)
_VOTE = st.builds(
    "{} {}-{:02d}-{:02d} {}".format,
    st.text("0123456789abcdef", min_size=16, max_size=16),
    st.integers(2000, 2099),
    st.integers(1, 12),
    st.integers(1, 31),
    st.sampled_from(["web", "paper", "meeting"]),
)
_HEADER = st.lists(st.sampled_from(["# a comment", "", "#", "# yaml-language-server: $schema=x"]), max_size=3)


def _slow(text: str) -> Document:
    document, problems = parse("v.yaml", text)
    assert document is not None, problems
    return document


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(header=_HEADER, lines=st.lists(_VOTE, min_size=1, max_size=30), trailing=st.sampled_from(["", "\n", "\n\n"]))
def test_the_plain_vote_form_reads_as_the_parser_reads_it(header: list[str], lines: list[str], trailing: str) -> None:
    text = "".join(f"{h}\n" for h in header) + "supporters:\n" + "".join(f"  - {line}\n" for line in lines) + trailing
    fast, problems = parse("v.yaml", text, shape=VOTES)
    slow = _slow(text)
    assert problems == []
    assert fast is not None
    assert not isinstance(fast.values, dict), "the fast path was not taken"
    assert fast.data == slow.data
    assert all(type(item) is PlainScalar for item in fast.data["supporters"])
    assert dict(fast.values) == slow.values
    assert dict(fast.keys) == slow.keys
    for index in range(len(lines)):
        assert fast.position(("supporters", index)) == slow.position(("supporters", index))


@pytest.mark.parametrize(
    "text",
    [
        "supporters:\n  - 0123456789abcdef 2025-01-01 web # a comment\n",
        "supporters:\n  - 0123456789abcdef 2025-01-01 web\n\n  - 0123456789abcdef 2025-01-02 web\n",
        "supporters:\n  - 0123456789abcdef 2025-01-01 web\ntallies: []\n",
        "supporters:\n  - '0123456789abcdef 2025-01-01 web'\n",
        "title: x\nsupporters:\n  - 0123456789abcdef 2025-01-01 web\n",
        "supporters:\n  - 0123456789abcdef 2025-01-01 web\nsupporters:\n  - 0123456789abcdef 2025-01-01 web\n",
        "# supporters:\nsupporters:\n   - 0123456789abcdef 2025-01-01 web\n",
        "supporters:\n- 0123456789abcdef 2025-01-01 web\n",
        "supporters:\n",
    ],
)
def test_any_other_form_goes_through_the_parser(text: str) -> None:
    document, problems = parse("v.yaml", text, shape=VOTES)
    if document is not None:
        assert isinstance(document.values, dict), "the fast path must not take this form"
    slow, slow_problems = parse("v.yaml", text)
    assert problems == slow_problems
    assert (document.data if document else None) == (slow.data if slow else None)

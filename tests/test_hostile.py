"""Hostile and broken content: every one is refused at its exact line and column, never with a traceback.

Each case writes one or more files into the fixture portal (ideas 2026-0001
and 2026-0002, answers and votes for 2026-0001) and runs `portal validate`
as a user would. The expected error lines are listed in the order the report
prints them (by path, line and column).
"""

from __future__ import annotations

import re
import time

import pytest

from generator.check import check_portal
from generator.config import load_project
from tests.support import PortalDir

NEW = "content/ideas/2026-0003.yaml"
ANSWERS = "content/answers/2026-0001.yaml"
VOTES = "content/votes/2026-0001.yaml"
CATEGORIES = "content/categories.yaml"
DEPARTMENTS = "content/departments.yaml"

# Field order of `idea()`; value columns: title 8, kind 7, submitted 12, author 9,
# category 11, channel 10, body 7 (its text on line 8); added fields from line 9.
IDEA_FIELDS = {
    "title": "A bench by the harbour",
    "kind": "idea",
    "submitted": "2026-03-01",
    "author": "Ola Nordmann",
    "category": "traffic",
    "channel": "web",
    "body": "|\n  Please put a bench by the harbour.",
}


def idea(**changes: str | None) -> str:
    """A valid idea file with some fields changed (None removes one); new fields go at the end."""
    fields = {**IDEA_FIELDS, **changes}
    return "".join(f"{name}: {value}\n" for name, value in fields.items() if value is not None)


def answer(date: str = "2026-01-20", status: str = "under_review", *extra: str) -> str:
    """One answer entry of six lines (date column 11, status 13, department 17), extra lines after them."""
    lines = [
        f"  - date: {date}",
        f"    status: {status}",
        "    department: roads",
        "    signed: Ann Berg, Head of Roads",
        "    body: |",
        "      We are looking into it.",
        *(f"    {line}" for line in extra),
    ]
    return "\n".join(lines) + "\n"


def answers(*entries: str) -> str:
    return "answers:\n" + "".join(entries)


TALLY = "tallies:\n  - count: {count}\n    date: 2026-01-15\n    channel: meeting\n"

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

# A comment line longer than the 4 KiB the binary sniffing looks at.
LONG_COMMENT = "# " + "x" * 5000 + "\n"

Files = dict[str, str | bytes]
Expected = list[tuple[str, str]]

CASES: list[tuple[str, Files, Expected]] = [
    # --- a value that ends in a newline is not the key it imitates -------------------------
    ("channel-newline", {NEW: idea(channel='"web\\n"')}, [(f"{NEW}:6:10", "'web\\n' is not a valid key")]),
    (
        "language-newline",
        {NEW: idea() + 'language: "da\\n"\n'},
        [(f"{NEW}:9:11", "'da\\n' is not a valid language code")],
    ),
    ("tag-newline", {NEW: idea() + 'tags: ["cycling\\n"]\n'}, [(f"{NEW}:9:8", "'cycling\\n' is not a valid tag")]),
    # --- YAML syntax and the YAML features the loader refuses -------------------------------
    (
        "unclosed-flow-sequence",
        {NEW: "title: [A bench\nkind: idea\n"},
        [(f"{NEW}:1:8", "the [ that starts here is never closed with ]")],
    ),
    (
        "unclosed-quote",
        {NEW: 'title: "A bench\nkind: idea\n'},
        [(f"{NEW}:1:8", 'the quote (") that starts here is never closed')],
    ),
    (
        "bad-indentation",
        {NEW: "title: A bench\n  kind: idea\n"},
        [(f"{NEW}:2:3", "this line is indented 2 spaces, the line above uses 0")],
    ),
    (
        "duplicate-key",
        {NEW: idea(title="A bench") + "title: Another bench\n"},
        [(f"{NEW}:9:1", "duplicate key 'title' (first at line 1)")],
    ),
    (
        "duplicate-key-nested-in-answer",
        {ANSWERS: answers(answer(), answer("2026-02-01", "planned", "status: done"))},
        [(f"{ANSWERS}:14:5", "duplicate key 'status' (first at line 9)")],
    ),
    (
        "duplicate-key-in-taxonomy",
        {CATEGORIES: "categories:\n  traffic:\n    name: {en: Traffic, da: Trafik}\n  traffic:\n    name: {en: T}\n"},
        [(f"{CATEGORIES}:4:3", "duplicate key 'traffic' (first at line 2)")],
    ),
    ("key-yes", {NEW: idea() + "yes: 1\n"}, [(f"{NEW}:9:1", "the key 'yes' is read by YAML as a yes/no value")]),
    ("key-number", {NEW: idea() + "1: one\n"}, [(f"{NEW}:9:1", "the key '1' is read by YAML as a number")]),
    ("key-null", {NEW: idea() + "null: x\n"}, [(f"{NEW}:9:1", "the key 'null' is read by YAML as an empty value")]),
    (
        "complex-key",
        {NEW: idea() + "? [a, b]\n: x\n"},
        [(f"{NEW}:9:3", "a key must be plain text, not a list or mapping")],
    ),
    ("merge-key", {NEW: "<<: {title: A bench}\nkind: idea\n"}, [(f"{NEW}:1:1", "merge keys (<<) are not allowed")]),
    (
        "two-documents",
        {NEW: idea() + "---\n" + idea()},
        [(f"{NEW}:9:1", "the file holds more than one YAML document")],
    ),
    ("anchor", {NEW: idea(author="&who Ola")}, [(f"{NEW}:4:9", "anchor &who is not allowed")]),
    ("alias", {NEW: idea(author="*who")}, [(f"{NEW}:4:9", "alias *who is not allowed")]),
    (
        "nesting-brackets",
        {NEW: idea(tags="[" * 11 + "]" * 11)},
        [(f"{NEW}:9:17", "brackets are nested more than 10 levels deep")],
    ),
    (
        "nesting-dashes",
        {NEW: idea(tags="\n  " + "- " * 11 + "x")},
        [(f"{NEW}:10:21", "the data is nested more than 10 levels deep")],
    ),
    ("tag-binary", {NEW: idea(body="!!binary aGVsbG8=")}, [(f"{NEW}:7:7", "explicit tag !!binary is not allowed")]),
    (
        "tag-python-object",
        {NEW: idea(title="!!python/object/apply:os.system [echo hi]")},
        [(f"{NEW}:1:8", "explicit tag !!python/object/apply:os.system is not allowed")],
    ),
    ("tag-custom", {NEW: idea(kind="!custom idea")}, [(f"{NEW}:2:7", "explicit tag !custom is not allowed")]),
    # --- bytes that are not usable text ----------------------------------------------------
    (
        "over-size-limit",
        {NEW: idea(body="|\n  " + "x" * 64 * 1024)},
        [(f"{NEW}:0:0", "the file is 65 KiB; idea files may be at most 64 KiB")],
    ),
    (
        "latin-1-byte",
        {NEW: idea(author="Søren Bj\xf8rn").encode("latin-1")},
        # The first bad byte is the ø of Søren.
        [(f"{NEW}:4:10", "byte 0xf8 is not valid UTF-8")],
    ),
    (
        "invalid-utf8-after-multibyte",
        {NEW: idea(author="Søren X").encode().replace(b"X", b"\xc3\x28")},
        # The column counts characters, not bytes: the two-byte ø is one column.
        [(f"{NEW}:4:15", "byte 0xc3 is not valid UTF-8")],
    ),
    ("utf8-bom", {NEW: b"\xef\xbb\xbf" + idea().encode()}, [(f"{NEW}:1:1", "the file starts with a byte-order mark")]),
    ("utf16", {NEW: idea().encode("utf-16")}, [(f"{NEW}:1:1", "the file is UTF-16 or binary, not UTF-8 text")]),
    ("nul-early-is-binary", {NEW: idea(author="Ola\x00").encode()}, [(f"{NEW}:1:1", "the file is UTF-16 or binary")]),
    (
        "nul-late",
        {NEW: (LONG_COMMENT + idea(author="Ola\x00")).encode()},
        [(f"{NEW}:5:12", "the file contains a NUL character")],
    ),
    (
        "control-character",
        {NEW: idea(title="A bench\x07 by the sea")},
        [(f"{NEW}:1:15", "the file contains the character U+0007, which YAML does not allow")],
    ),
    ("tab-indent", {NEW: idea(body="|\n\tPlease.")}, [(f"{NEW}:8:1", "a tab is used for indentation")]),
    (
        "tab-after-spaces",
        {NEW: idea(tags="\n  \t- cycling")},
        [(f"{NEW}:10:3", "a tab is used for indentation")],
    ),
    ("empty-file", {NEW: ""}, [(f"{NEW}:1:1", "the file is empty")]),
    ("blank-file", {NEW: "\n   \n"}, [(f"{NEW}:1:1", "the file is empty")]),
    (
        "comment-only",
        {NEW: "# title: A bench\n# kind: idea\n"},
        [(f"{NEW}:1:1", "the file holds no data, only comments")],
    ),
    ("scalar-file", {NEW: "A bench, please\n"}, [(f"{NEW}:1:1", "the file must be a set of fields")]),
    (
        "list-file",
        {VOTES: "- 8aa0808c443d55a9 2026-01-11 web\n"},
        [(f"{VOTES}:1:1", "the file must be a set of fields")],
    ),
    # --- file names ------------------------------------------------------------------------
    (
        "wrong-file-name",
        {"content/ideas/idea1.yaml": idea()},
        [("content/ideas/idea1.yaml:0:0", "unexpected file in ideas/")],
    ),
    (
        "yml-extension",
        {"content/votes/2026-0002.yml": "supporters: []\n"},
        [("content/votes/2026-0002.yml:0:0", "unexpected file in votes/")],
    ),
    (
        # Ids are digits and the extension must be `.yaml`, so a case clash can only
        # come from the extension; on Windows and macOS the two files are one.
        "case-clash",
        {"content/ideas/2026-0001.YAML": idea()},
        [("content/ideas/2026-0001.YAML:0:0", "file name differs only in case from content/ideas/2026-0001.yaml")],
    ),
    # --- values the models refuse ----------------------------------------------------------
    (
        "title-no",
        {NEW: idea(title="no")},
        [(f"{NEW}:1:8", 'title: `no` is read by YAML as a yes/no value, not text (quote it: "no")')],
    ),
    (
        "bidi-override-in-title",
        {NEW: idea(title="Invoice \u202eFDP.exe")},
        [(f"{NEW}:1:8", "title: contains invisible or text-direction control characters")],
    ),
    (
        "zero-width-space-in-author",
        {NEW: idea(author="Ola\u200bNordmann")},
        [(f"{NEW}:4:9", "author: contains invisible or text-direction control characters")],
    ),
    (
        "epoch-timestamp",
        {NEW: idea(submitted="1700000000")},
        [(f"{NEW}:3:12", "submitted: expected a date written YYYY-MM-DD, found '1700000000'")],
    ),
    (
        "impossible-date",
        {NEW: idea(submitted="2026-02-30")},
        [(f"{NEW}:3:12", "submitted: 2026-02-30 is not a real date")],
    ),
    ("unknown-field", {NEW: idea(titel="Typo")}, [(f"{NEW}:9:1", "unknown field `titel` (did you mean `title`?)")]),
    (
        # A multi-line key is shown escaped, so the report keeps one problem per line.
        "multi-line-key",
        {NEW: idea() + "? |\n  block\n  key\n: x\n"},
        [(f"{NEW}:9:3", "unknown field `'block\\nkey\\n'`")],
    ),
    (
        "zero-width-space-in-key",
        {NEW: idea() + "tit\u200ble: x\n"},
        [(f"{NEW}:9:1", "unknown field `'tit\\u200ble'` (did you mean `title`?)")],
    ),
    (
        "line-break-in-taxonomy-key",
        {CATEGORIES: 'categories:\n  traffic:\n    name: {en: T, da: T}\n  "a\\nb":\n    name: {en: x, da: y}\n'},
        [(f"{CATEGORIES}:4:3", "categories.'a\\nb': 'a\\nb' is not a valid key")],
    ),
    ("list-for-text", {NEW: idea(title="[A, bench]")}, [(f"{NEW}:1:8", "title: expected text, found a list")]),
    ("mapping-for-list", {NEW: idea(tags="{a: b}")}, [(f"{NEW}:9:7", "tags must be a list")]),
    ("missing-field", {NEW: idea(author=None)}, [(f"{NEW}:1:1", "required field `author` is missing")]),
    (
        "kind-typo",
        {NEW: idea(kind="questoin")},
        [(f"{NEW}:2:7", "kind: unknown value 'questoin' (did you mean `question`?)")],
    ),
    ("unknown-category", {NEW: idea(category="parks")}, [(f"{NEW}:5:11", "unknown category `parks`")]),
    (
        "year-does-not-match-id",
        {NEW: idea(submitted="2025-12-31")},
        [(f"{NEW}:3:12", "submitted 2025-12-31 does not match the id 2026-0003")],
    ),
    (
        "future-date",
        {"content/ideas/2099-0001.yaml": idea(submitted="2099-01-01")},
        [("content/ideas/2099-0001.yaml:3:12", "submitted 2099-01-01 is in the future")],
    ),
    (
        "taxonomy-missing-language",
        {
            CATEGORIES: "categories:\n  traffic:\n    name: {en: Traffic}\n"
            "  culture:\n    name: {en: Culture, da: Kultur}\n"
        },
        [(f"{CATEGORIES}:3:11", "categories.traffic.name has no `da` text")],
    ),
    (
        "taxonomy-bad-key",
        {
            DEPARTMENTS: "departments:\n  roads:\n    name: {en: Roads, da: Veje}\n"
            "  Culture:\n    name: {en: C, da: K}\n"
        },
        [(f"{DEPARTMENTS}:4:3", "departments.Culture: 'Culture' is not a valid key")],
    ),
    # --- votes -----------------------------------------------------------------------------
    (
        "count-leading-zero",
        {VOTES: TALLY.format(count="0123")},
        [(f"{VOTES}:2:12", "tallies[0].count: expected a whole number such as 12, found '0123'")],
    ),
    (
        "count-zero",
        {VOTES: TALLY.format(count="0")},
        [(f"{VOTES}:2:12", "tallies[0].count: must be 1 or more, found 0")],
    ),
    (
        "bad-vote-line",
        {VOTES: "supporters:\n  - 8aa0808c443d55a9 2026-01-11 web\n  - Maja Hansen 2026-01-12 web\n"},
        [(f"{VOTES}:3:5", "supporters[1]: 'Maja Hansen 2026-01-12 web' is not a valid supporter line")],
    ),
    (
        "duplicate-voter",
        {
            VOTES: "supporters:\n  - 8aa0808c443d55a9 2026-01-11 web\n  - 1f03c5d2a9b04e77 2026-01-12 web\n"
            "  - 8aa0808c443d55a9 2026-01-13 meeting\n"
        },
        [(f"{VOTES}:4:5", "the same supporter appears twice (first on line 2)")],
    ),
    (
        "vote-before-submission",
        {VOTES: "supporters:\n  - 8aa0808c443d55a9 2026-01-11 web\n  - 1f03c5d2a9b04e77 2026-01-09 web\n"},
        [(f"{VOTES}:3:5", "support dated 2026-01-09, before the idea was submitted (2026-01-10)")],
    ),
    (
        "vote-impossible-date",
        {VOTES: "supporters:\n  - 8aa0808c443d55a9 2026-02-30 web\n"},
        [(f"{VOTES}:2:5", "2026-02-30 is not a real date")],
    ),
    (
        "votes-for-missing-idea",
        {"content/votes/2026-0042.yaml": "supporters:\n  - 8aa0808c443d55a9 2026-01-11 web\n"},
        [("content/votes/2026-0042.yaml:1:1", "votes for idea 2026-0042, which does not exist")],
    ),
    # --- answers ---------------------------------------------------------------------------
    (
        "answers-out-of-order",
        {ANSWERS: answers(answer("2026-03-01"), answer("2026-02-01", "planned"))},
        [(f"{ANSWERS}:8:11", "answer dated 2026-02-01 comes after one dated 2026-03-01")],
    ),
    (
        "answer-before-submission",
        {ANSWERS: answers(answer("2026-01-05"))},
        [(f"{ANSWERS}:2:11", "answer dated 2026-01-05, before the idea was submitted (2026-01-10)")],
    ),
    (
        "done-to-planned-without-reopen",
        {ANSWERS: answers(answer("2026-01-20", "done"), answer("2026-02-01", "planned"))},
        [(f"{ANSWERS}:9:13", "done is a closed status; to move on to planned, add `reopen: true`")],
    ),
    (
        "duplicate-without-target",
        {ANSWERS: answers(answer("2026-01-20", "duplicate"))},
        [(f"{ANSWERS}:3:13", "status duplicate needs `duplicate_of`")],
    ),
    (
        "duplicate-of-itself",
        {ANSWERS: answers(answer("2026-01-20", "duplicate", 'duplicate_of: "2026-0001"'))},
        [(f"{ANSWERS}:8:19", "an idea cannot be a duplicate of itself")],
    ),
    (
        "duplicate-of-missing-idea",
        {ANSWERS: answers(answer("2026-01-20", "duplicate", 'duplicate_of: "2026-0099"'))},
        [(f"{ANSWERS}:8:19", "duplicate_of names 2026-0099, which does not exist")],
    ),
    (
        "duplicate-two-cycle",
        {
            ANSWERS: answers(answer("2026-01-20", "duplicate", "duplicate_of: 2026-0002")),
            "content/answers/2026-0002.yaml": answers(answer("2026-02-02", "duplicate", "duplicate_of: 2026-0001")),
        },
        [
            (f"{ANSWERS}:8:19", "duplicates form a cycle: 2026-0001 → 2026-0002 → 2026-0001"),
            ("content/answers/2026-0002.yaml:8:19", "duplicates form a cycle: 2026-0001 → 2026-0002 → 2026-0001"),
        ],
    ),
    (
        "unknown-department",
        {ANSWERS: answers(answer().replace("roads", "parks"))},
        [(f"{ANSWERS}:4:17", "unknown department `parks`")],
    ),
    (
        "answers-for-missing-idea",
        {"content/answers/2026-0042.yaml": answers(answer())},
        [("content/answers/2026-0042.yaml:1:1", "answers for idea 2026-0042, which does not exist")],
    ),
    (
        "answer-in-the-future",
        {ANSWERS: answers(answer(), answer("2099-01-01", "planned"))},
        [(f"{ANSWERS}:8:11", "the answer date 2099-01-01 is in the future")],
    ),
    (
        "tally-in-the-future",
        {VOTES: TALLY.format(count="3").replace("2026-01-15", "2099-01-15")},
        [(f"{VOTES}:3:11", "tally dated 2099-01-15 is in the future")],
    ),
]


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def assert_refused(portal: PortalDir, expected: Expected, *args: str) -> list[str]:
    """Run `portal validate`; exit 1, no traceback, exactly these errors in this order."""
    result = portal.validate(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    errors = error_lines(result.output)
    assert len(errors) == len(expected), result.output
    for line, (where, phrase) in zip(errors, expected, strict=True):
        assert line.startswith(f"{where}: error: "), line
        assert phrase in line, line
    return errors


@pytest.mark.parametrize(("files", "expected"), [pytest.param(f, e, id=i) for i, f, e in CASES])
def test_hostile_input_is_refused_at_its_position(portal: PortalDir, files: Files, expected: Expected) -> None:
    for relative, content in files.items():
        portal.write(relative, content)
    assert_refused(portal, expected)


def test_there_are_enough_distinct_cases() -> None:
    assert len(CASES) >= 35
    assert len({name for name, _, _ in CASES}) == len(CASES)


def test_billion_laughs_is_refused_quickly_without_expanding(portal: PortalDir) -> None:
    portal.write(NEW, BILLION_LAUGHS)
    started = time.perf_counter()
    result = portal.validate()
    elapsed = time.perf_counter() - started
    assert elapsed < 2, f"took {elapsed:.1f} s"
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = error_lines(result.output)
    assert errors[0].startswith(f"{NEW}:1:4: error: anchor &a is not allowed")
    assert errors[2].startswith(f"{NEW}:2:8: error: alias *a is not allowed")
    # 9 anchors and 8 × 9 aliases, each reported once: nothing was expanded.
    assert result.output.splitlines()[-1] == "81 errors in 1 file, 7 files checked"


def test_lone_cr_line_ends_report_the_line_an_editor_shows(portal: PortalDir) -> None:
    # Old Mac line ends: libyaml counts CR as a line break, so every position must too.
    text = idea(body="|\n  Please.\n  Write to jens.hansen@example.org soon.")
    portal.write(NEW, text.replace("\n", "\r").encode())
    assert_refused(portal, [(f"{NEW}:9:12", "body looks like it holds personal data")])


EMAIL = "jens.hansen@example.org"
PHONE = "+45 23 45 67 89"
PERSONAL = idea(
    body=f"|\n  Please put a bench here.\n  Write to   {EMAIL} or call\n  {PHONE} any time.",
)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_personal_data_is_placed_exactly_and_never_echoed(portal: PortalDir, fmt: str) -> None:
    portal.write(NEW, PERSONAL)
    result = portal.validate("--format", fmt)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for secret in (EMAIL, "jens.hansen", "hansen@", PHONE, "23 45 67 89", "23456789"):
        assert secret not in result.output
    if fmt == "text":
        assert_refused(
            portal,
            [
                # Inside the `|` block: line 9, after "  Write to   ".
                (f"{NEW}:9:14", "body looks like it holds personal data: e-mail address"),
                (f"{NEW}:10:3", "body looks like it holds personal data: phone number"),
            ],
        )


def test_personal_data_in_an_answer_is_placed_exactly(portal: PortalDir) -> None:
    entry = answer().replace("We are looking into it.", f"Call {PHONE} to learn more.")
    portal.write(ANSWERS, answers(entry))
    errors = assert_refused(portal, [(f"{ANSWERS}:7:12", "body looks like it holds personal data: phone number")])
    assert PHONE not in "\n".join(errors)


def test_personal_data_hidden_by_markdown_points_at_its_field_and_says_so(portal: PortalDir) -> None:
    # "1203**89-23**45" reads 120389-2345 on the page; the file holds no such run of characters.
    body = "|\n  Please put a bench here.\n  My CPR is 1203**89-23**45, or mail jens&#64;gmail.com."
    portal.write(NEW, idea(body=body))
    result = portal.validate()
    assert_refused(
        portal,
        [
            (f"{NEW}:7:7", "body looks like it holds personal data once shown on the site (the Markdown hides it"),
            (f"{NEW}:7:7", "body looks like it holds personal data once shown on the site (the Markdown hides it"),
        ],
    )
    for secret in ("120389", "89-23", "jens&#64;", "gmail"):
        assert secret not in result.output


def test_personal_data_behind_unicode_separators_is_placed_at_its_line(portal: PortalDir) -> None:
    # An en dash and a no-break space: the written text has the value, only in another form.
    body = "|\n  Please put a bench here.\n  CPR 120389\u20132345 and\n  tlf. 22\u00a034\u00a056\u00a078."
    portal.write(NEW, idea(body=body))
    assert_refused(
        portal,
        [
            (f"{NEW}:9:7", "body looks like it holds personal data: Danish CPR number"),
            (f"{NEW}:10:8", "body looks like it holds personal data: phone number"),
        ],
    )


def test_many_problems_in_several_files_are_reported_at_once_in_order(portal: PortalDir) -> None:
    portal.write(NEW, idea(title="no", titel="Typo"))
    portal.write("content/ideas/bench.yaml", idea())
    portal.write(ANSWERS, answers(answer().replace("roads", "parks"), answer("2026-01-10", "planned")))
    portal.write(VOTES, TALLY.format(count="0"))
    result = portal.validate()
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == [
        f"{ANSWERS}:4:17: error: unknown department `parks` (use a key from content/departments.yaml: culture, roads)",
        f"{ANSWERS}:8:11: error: answer dated 2026-01-10 comes after one dated 2026-01-20 "
        "(keep answers in date order; append new answers at the end)",
        f'{NEW}:1:8: error: title: `no` is read by YAML as a yes/no value, not text (quote it: "no")',
        f"{NEW}:9:1: error: unknown field `titel` (did you mean `title`?)",
        "content/ideas/bench.yaml:0:0: error: unexpected file in ideas/ "
        "(idea files are named by the idea id, e.g. ideas/2026-0042.yaml)",
        f"{VOTES}:2:12: error: tallies[0].count: must be 1 or more, found 0",
        "6 errors in 4 files, 7 files checked",
    ]
    places = [re.match(r"(.+?):(\d+):(\d+): ", line) for line in lines[:-1]]
    keys = [(m.group(1), int(m.group(2)), int(m.group(3))) for m in places if m]
    assert keys == sorted(keys)


def test_yaml_11_surprises_stay_text(portal: PortalDir) -> None:
    portal.write(NEW, idea(author="0123", location="1:20", summary="1.10", tags="[2026, no-parking]"))
    result = portal.validate()
    assert result.exit_code == 0, result.output
    outcome = check_portal(load_project(portal.root / "mkdocs.yml"))
    assert outcome.portal is not None
    record = outcome.portal.records["2026-0003"]
    assert record.idea.author == "0123"
    assert record.idea.location == "1:20"
    assert record.idea.summary == "1.10"
    assert record.idea.tags == ["2026", "no-parking"]
    assert type(record.idea.author) is str

"""`portal votes import`: hashed voters, appended lines, idempotent, and never an identity in a file."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from generator.config import load_project
from generator.errors import ContentError, UsageProblem
from generator.portal import Portal
from generator.votes_import import Columns, add_tally, import_supporters, key_weakness, voter_hash, voter_key
from tests.support import VOTES, PortalDir, run_cli

KEY = "test-voter-key-not-a-real-one-0001"
IDENTITIES = ("anna.example@example.invalid", "bo-login-example", "dk:mitid:sub:0000-example-1")
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_VOTER_KEY", KEY)


def _csv(portal: PortalDir, text: str, name: str = "supports.csv") -> str:
    portal.write(name, text)
    return name


def _expected(idea_id: str, identity: str) -> str:
    """The pseudonym as docs/content-format.md defines it, computed here independently."""
    normal = unicodedata.normalize("NFKC", identity).casefold().strip()
    return hmac.new(KEY.encode(), f"{idea_id}\0{normal}".encode(), hashlib.sha256).hexdigest()[:16]


def _every_file(root: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in root.rglob("*") if p.is_file() and p.suffix != ".csv"
    )


BASIC = f"""voter,idea,date
{IDENTITIES[0]},2026-0001,2026-03-02
{IDENTITIES[1]},2026-0001,2026-03-01
{IDENTITIES[2]},2026-0002,2026-03-03
"""


def test_import_appends_hashed_sorted_lines_and_keeps_existing_bytes(portal: PortalDir) -> None:
    votes = portal.root / "content/votes/2026-0001.yaml"
    before = votes.read_text(encoding="utf-8")
    result = run_cli(portal.root, "votes", "import", _csv(portal, BASIC), "--channel", "web")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "content/votes/2026-0001.yaml: +2",
        "content/votes/2026-0002.yaml: +1",
        "added 3, skipped 0 (already counted), rejected 0",
    ]
    after = votes.read_text(encoding="utf-8")
    new = [
        f"  - {_expected('2026-0001', IDENTITIES[1])} 2026-03-01 web\n",
        f"  - {_expected('2026-0001', IDENTITIES[0])} 2026-03-02 web\n",
    ]
    # The new lines follow the last supporter, in date order; nothing else changed.
    assert after == before.replace("2026-01-12 web\n", "2026-01-12 web\n" + "".join(new))
    created = (portal.root / "content/votes/2026-0002.yaml").read_text(encoding="utf-8")
    assert created == (
        "# yaml-language-server: $schema=../../schemas/votes.schema.json\n"
        "supporters:\n"
        f"  - {_expected('2026-0002', IDENTITIES[2])} 2026-03-03 web\n"
    )
    assert portal.validate().exit_code == 0


def test_the_pseudonym_is_hmac_sha256_of_idea_and_identity_truncated_to_16_hex_digits() -> None:
    key = KEY.encode()
    assert voter_hash(key, "2026-0001", IDENTITIES[0]) == _expected("2026-0001", IDENTITIES[0])
    assert voter_hash(key, "2026-0001", "  ANNA.Example@Example.INVALID ") == _expected("2026-0001", IDENTITIES[0])
    assert voter_hash(b"another key of enough length", "2026-0001", IDENTITIES[0]) != _expected(
        "2026-0001", IDENTITIES[0]
    )


def test_one_person_has_unrelated_pseudonyms_on_two_ideas(portal: PortalDir) -> None:
    key = KEY.encode()
    assert voter_hash(key, "2026-0001", IDENTITIES[0]) != voter_hash(key, "2026-0002", IDENTITIES[0])
    csv = f"voter,idea,date\n{IDENTITIES[0]},2026-0001,2026-03-02\n{IDENTITIES[0]},2026-0002,2026-03-02\n"
    assert run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web").exit_code == 0
    first = (portal.root / "content/votes/2026-0001.yaml").read_text(encoding="utf-8").split()
    second = (portal.root / "content/votes/2026-0002.yaml").read_text(encoding="utf-8").split()
    hashes = [word for word in first + second if len(word) == 16 and not word.startswith("20")]
    assert len(hashes) == len(set(hashes)) == 2 + 2  # two in the fixture, one added to each idea


@pytest.mark.parametrize(
    "variant",
    [
        "ａｎｎａ.ｅｘａｍｐｌｅ＠ｅｘａｍｐｌｅ.ｉｎｖａｌｉｄ",  # fullwidth
        "\u3000Anna.Example@Example.Invalid\u00a0",  # ideographic and no-break space around it
        "ANNA.EXAMPLE@EXAMPLE.INVALID",
    ],
)
def test_an_identity_in_another_unicode_form_counts_once(portal: PortalDir, variant: str) -> None:
    csv = f"voter,idea,date\n{IDENTITIES[0]},2026-0001,2026-03-02\n{variant},2026-0001,2026-03-03\n"
    result = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert result.output.splitlines()[-1] == "added 1, skipped 1 (already counted), rejected 0"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x85", "\x0b", "\x0c"])
def test_a_line_separator_inside_an_identity_does_not_start_a_row(portal: PortalDir, separator: str) -> None:
    # str.splitlines() ends a line at each of these, which made "victim" a row of its own.
    csv = f"voter,idea,date\nx{separator}victim,2026-0002,2026-03-02,\n"
    result = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "added 1, skipped 0 (already counted), rejected 0"
    text = (portal.root / "content/votes/2026-0002.yaml").read_text(encoding="utf-8")
    assert _expected("2026-0002", "victim") not in text
    assert _expected("2026-0002", f"x{separator}victim") in text


def test_row_numbers_count_lines_of_quoted_cells(portal: PortalDir) -> None:
    csv = 'voter,idea,date\n"two\nlines",2026-0001,2026-03-02\nx,2026-0999,2026-03-02\n'
    result = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert "rejected row 4: unknown idea 2026-0999" in result.output.splitlines()


@pytest.mark.parametrize(
    "key",
    [
        "a" * 16,
        "a" * 200,
        "ab" * 64,
        "password1234567890",
        "0123456789abcdef",
        "fjordby-kommune-2026",
    ],
)
def test_weak_keys_are_refused_with_how_to_make_a_good_one(key: str) -> None:
    assert key_weakness(key) is not None
    with pytest.raises(UsageProblem) as caught:
        voter_key({"PORTAL_VOTER_KEY": key})
    message = str(caught.value)
    assert "too weak" in message
    assert "secrets.token_hex(32)" in message
    assert key not in message


@pytest.mark.parametrize(
    "key",
    [
        "5f0c3c8e2b7d4a1f9e6b0d3c7a2f8e1b4d9c6a3f0e7b2d5c8a1f4e9b6d3c0a7f",  # secrets.token_hex(32)
        "9b1d4e7f2a5c8e0b3d6f9a2c5e8b1d4f",  # secrets.token_hex(16)
        "r3V_x9QmT2kLp8WzA7cYb4NfH6jD0sEgU1oKiM5tBq",  # secrets.token_urlsafe(32)
        KEY,
    ],
)
def test_random_keys_are_accepted(key: str) -> None:
    assert key_weakness(key) is None
    assert voter_key({"PORTAL_VOTER_KEY": key}) == key.encode()


def test_a_large_export_is_read_row_by_row(portal: PortalDir) -> None:
    # 20,000 rows of which one adds a support: memory must not grow with the file.
    rows = 10_000
    lines = ["voter,idea,date\n"]
    lines += [f"same.person.example,2026-0001,2026-03-{1 + i % 28:02d}\n" for i in range(rows)]
    lines += [f"person-{i}-example,2025-{i % 50 + 1:04d},2026-03-01\n" for i in range(rows)]
    portal.write("big.csv", "".join(lines))
    size = (portal.root / "big.csv").stat().st_size
    project = load_project(portal.root / "mkdocs.yml")
    tracemalloc.start()
    try:
        summary = import_supporters(project, portal.root / "big.csv", channel="web", key=KEY.encode())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (summary.added, summary.skipped, summary.rejected_count) == (1, rows - 1, rows)
    assert len(summary.rejected) == 100
    assert summary.lines(portal.root)[-3] == f"rejected {rows - 100} more rows"
    # Reading the whole file at once took several times its size; row by row it is about a tenth.
    assert peak < size // 4, (peak, size)


def test_importing_twice_adds_nothing_the_second_time(portal: PortalDir) -> None:
    name = _csv(portal, BASIC)
    assert run_cli(portal.root, "votes", "import", name, "--channel", "web").exit_code == 0
    snapshot = {p: p.read_bytes() for p in (portal.root / "content").rglob("*.yaml")}
    again = run_cli(portal.root, "votes", "import", name, "--channel", "paper")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines() == ["added 0, skipped 3 (already counted), rejected 0"]
    assert {p: p.read_bytes() for p in (portal.root / "content").rglob("*.yaml")} == snapshot


def test_no_raw_identity_reaches_any_written_file(portal: PortalDir) -> None:
    result = run_cli(portal.root, "votes", "import", _csv(portal, BASIC), "--channel", "web")
    assert result.exit_code == 0
    written = _every_file(portal.root)
    for identity in IDENTITIES:
        assert identity not in written
        assert identity not in result.output
        assert identity.split("@")[0] not in written


def test_duplicates_in_the_file_and_in_the_csv_are_skipped_and_counted(portal: PortalDir) -> None:
    csv = f"""voter,idea,date
{IDENTITIES[0]},2026-0001,2026-03-02
{IDENTITIES[0].upper()},2026-0001,2026-03-05
 {IDENTITIES[0]} ,2026-0002,2026-03-05
"""
    first = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert first.output.splitlines()[-1] == "added 2, skipped 1 (already counted), rejected 0"


def test_bad_rows_are_rejected_by_row_number_and_unknown_ids_reported(portal: PortalDir) -> None:
    future = (TODAY + dt.timedelta(days=2)).isoformat()
    csv = f"""voter,idea,date
{IDENTITIES[0]},2026-0999,2026-03-01
{IDENTITIES[0]},2026-0999,2026-03-02
{IDENTITIES[1]},idea 4,2026-03-01
,2026-0001,2026-03-01
{IDENTITIES[1]},2026-0001,2026-02-30
{IDENTITIES[1]},2026-0001,2025-12-31
{IDENTITIES[1]},2026-0001,{future}
{IDENTITIES[2]},2026-0001,2026-03-01T10:11:12Z

"""
    result = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [
        "content/votes/2026-0001.yaml: +1",
        "rejected row 2: unknown idea 2026-0999",
        "rejected row 3: unknown idea 2026-0999",
        "rejected row 4: the idea column holds no idea id such as 2026-0042",
        "rejected row 5: no voter",
        "rejected row 6: the date is not a real date written YYYY-MM-DD",
        "rejected row 7: dated 2025-12-31, before idea 2026-0001 was submitted",
        f"rejected row 8: dated {future}, in the future",
        "unknown idea ids: 2026-0999 (2 rows)",
        "added 1, skipped 0 (already counted), rejected 7",
    ]
    for identity in IDENTITIES:
        assert identity not in result.output


def test_other_column_names_and_delimiters_can_be_mapped(portal: PortalDir) -> None:
    csv = f"\ufeffsubject;when;proposal;extra\n{IDENTITIES[2]};2026-03-01;2026-0001;x\n"
    result = run_cli(
        portal.root,
        "votes",
        "import",
        _csv(portal, csv),
        "--channel",
        "eid",
        "--voter-column",
        "subject",
        "--idea-column",
        "proposal",
        "--date-column",
        "when",
        "--delimiter",
        ";",
    )
    assert result.exit_code == 0, result.output
    assert f"{_expected('2026-0001', IDENTITIES[2])} 2026-03-01 eid" in (
        portal.root / "content/votes/2026-0001.yaml"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("person,idea,date\nx,2026-0001,2026-03-01\n", "no column 'voter' in the header"),
        ("", "the file is empty"),
        ('voter,idea,date\n"unterminated,2026-0001,2026-03-01\n', "not valid CSV"),
    ],
)
def test_unreadable_csv_files_are_usage_errors(portal: PortalDir, csv: str, message: str) -> None:
    result = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_csv_that_is_not_utf8_is_a_usage_error(portal: PortalDir) -> None:
    portal.write("latin.csv", "voter,idea,date\nsøren,2026-0001,2026-03-01\n".encode("latin-1"))
    result = run_cli(portal.root, "votes", "import", "latin.csv", "--channel", "web")
    assert result.exit_code == 2
    assert "not UTF-8" in result.output


@pytest.mark.parametrize("value", [None, "", "too-short", "a" * 16])
def test_without_a_usable_key_nothing_is_imported(
    portal: PortalDir, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("PORTAL_VOTER_KEY")
    else:
        monkeypatch.setenv("PORTAL_VOTER_KEY", value)
    snapshot = _every_file(portal.root)
    result = run_cli(portal.root, "votes", "import", _csv(portal, BASIC), "--channel", "web")
    assert result.exit_code == 2
    assert "PORTAL_VOTER_KEY" in result.output
    assert "Traceback" not in result.output
    assert _every_file(portal.root) == snapshot


def test_usage_mistakes_exit_2(portal: PortalDir) -> None:
    name = _csv(portal, BASIC)
    assert run_cli(portal.root, "votes", "import", "--channel", "web").exit_code == 2
    assert run_cli(portal.root, "votes", "import", name).exit_code == 2
    assert run_cli(portal.root, "votes", "import", name, "--channel", "Web!").exit_code == 2
    assert run_cli(portal.root, "votes", "import", name, "--channel", "no").exit_code == 2
    assert run_cli(portal.root, "votes", "import", name, "--channel", "web", "--note", "x").exit_code == 2
    assert run_cli(portal.root, "votes", "import", name, "--channel", "web", "--tally", "3").exit_code == 2
    assert run_cli(portal.root, "votes", "import", "--tally", "3", "--channel", "meeting").exit_code == 2
    zero = run_cli(portal.root, "votes", "import", "--tally", "0", "--idea", "2026-0001", "--channel", "x1")
    assert zero.exit_code == 2
    assert run_cli(portal.root, "votes", "import", "missing.csv", "--channel", "web").exit_code == 2
    result = run_cli(portal.root, "votes", "import", name, "--channel", "web", "--delimiter", ";;")
    assert result.exit_code == 2


def test_a_tally_is_appended_once(portal: PortalDir) -> None:
    votes = portal.root / "content/votes/2026-0001.yaml"
    args = [
        "votes",
        "import",
        "--tally",
        "12",
        "--idea",
        "2026-0001",
        "--date",
        "2026-03-10",
        "--channel",
        "meeting",
        "--note",
        "Show of hands in Fjordby Hall",
    ]
    result = run_cli(portal.root, *args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "content/votes/2026-0001.yaml: +1",
        "added 1, skipped 0 (already counted), rejected 0",
    ]
    assert votes.read_text(encoding="utf-8") == VOTES + (
        "  - count: 12\n    date: 2026-03-10\n    channel: meeting\n    note: Show of hands in Fjordby Hall\n"
    )
    again = run_cli(portal.root, *args)
    assert again.output.splitlines() == ["added 0, skipped 1 (already counted), rejected 0"]
    assert portal.validate().exit_code == 0


def test_a_tally_starts_a_list_in_a_file_without_tallies(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    summary = add_tally(project, "2026-0002", count=3, channel="meeting", day=dt.date(2026, 3, 1))
    assert summary.added == 1
    text = (portal.root / "content/votes/2026-0002.yaml").read_text(encoding="utf-8")
    assert text.endswith("tallies:\n  - count: 3\n    date: 2026-03-01\n    channel: meeting\n")
    assert portal.validate().exit_code == 0


def test_supporters_are_added_to_a_file_that_has_only_tallies(portal: PortalDir) -> None:
    only = "tallies:\n  - count: 4\n    date: 2026-02-01\n    channel: meeting\n"
    path = portal.write("content/votes/2026-0002.yaml", only)
    project = load_project(portal.root / "mkdocs.yml")
    summary = import_supporters(project, portal.root / _csv(portal, BASIC), channel="web", key=KEY.encode())
    assert summary.added == 3
    assert (
        path.read_text(encoding="utf-8")
        == only + f"supporters:\n  - {_expected('2026-0002', IDENTITIES[2])} 2026-03-03 web\n"
    )
    assert portal.validate().exit_code == 0


def test_an_invalid_result_is_put_back_as_it_was(portal: PortalDir) -> None:
    votes = portal.root / "content/votes/2026-0001.yaml"
    before = votes.read_bytes()
    result = run_cli(
        portal.root,
        "votes",
        "import",
        "--tally",
        "2",
        "--idea",
        "2026-0001",
        "--date",
        "2026-03-10",
        "--channel",
        "meeting",
        "--note",
        "Ask anna.example@example.invalid for the list",
    )
    assert result.exit_code == 1
    assert "personal data" in result.output
    assert "anna.example@example.invalid" not in result.output
    assert votes.read_bytes() == before
    created = run_cli(
        portal.root,
        "votes",
        "import",
        "--tally",
        "2",
        "--idea",
        "2026-0002",
        "--date",
        "2025-01-01",
        "--channel",
        "meeting",
    )
    assert created.exit_code == 1
    assert not (portal.root / "content/votes/2026-0002.yaml").exists()


def test_a_flow_style_list_is_refused_before_anything_is_written(portal: PortalDir) -> None:
    flow = "supporters: []\ntallies:\n  - count: 4\n    date: 2026-02-01\n    channel: meeting\n"
    path = portal.write("content/votes/2026-0001.yaml", flow)
    project = load_project(portal.root / "mkdocs.yml")
    with pytest.raises(UsageProblem, match="block list"):
        import_supporters(project, portal.root / _csv(portal, BASIC), channel="web", key=KEY.encode())
    assert path.read_text(encoding="utf-8") == flow
    assert not (portal.root / "content/votes/2026-0002.yaml").exists()


def test_an_invalid_portal_is_not_imported_into(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0001.yaml", "title: x\n")
    project = load_project(portal.root / "mkdocs.yml")
    with pytest.raises(ContentError):
        import_supporters(
            project, portal.root / _csv(portal, BASIC), channel="web", key=KEY.encode(), columns=Columns()
        )


def test_an_unknown_idea_for_a_tally_is_a_usage_error(portal: PortalDir) -> None:
    result = run_cli(portal.root, "votes", "import", "--tally", "2", "--idea", "2026-0999", "--channel", "meeting")
    assert result.exit_code == 2
    assert "no idea" in result.output


def test_an_unrelated_broken_file_does_not_block_an_import(portal: PortalDir) -> None:
    # Only the written files and what they refer to (their ideas, the taxonomies) are validated.
    portal.write("content/ideas/2026-0003.yaml", "title: [broken\n")
    portal.write("content/answers/2026-0002.yaml", "answers: {broken\n")
    tally = ["votes", "import", "--tally", "3", "--idea", "2026-0001", "--date", "2026-03-10", "--channel", "meeting"]
    result = run_cli(portal.root, *tally)
    assert result.exit_code == 0, result.output
    csv = f"voter,idea,date\n{IDENTITIES[0]},2026-0001,2026-03-02\n"
    result = run_cli(portal.root, "votes", "import", _csv(portal, csv), "--channel", "web")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "added 1, skipped 0 (already counted), rejected 0"
    assert portal.validate().exit_code == 1


def test_a_broken_taxonomy_or_idea_that_the_import_needs_still_blocks_it(portal: PortalDir) -> None:
    votes = portal.root / "content/votes/2026-0001.yaml"
    before = votes.read_bytes()
    portal.write("content/categories.yaml", "categories: {broken\n")
    result = run_cli(portal.root, "votes", "import", "--tally", "3", "--idea", "2026-0001", "--channel", "meeting")
    assert result.exit_code == 1
    assert "content/categories.yaml:1:" in result.output
    assert votes.read_bytes() == before


def test_no_pseudonym_of_the_demo_appears_on_two_ideas(demo_portal: Portal) -> None:
    # Pseudonyms are per idea; one repeated across ideas would let anyone follow that supporter.
    where: dict[str, str] = {}
    for idea_id, record in demo_portal.records.items():
        for supporter in record.supporters:
            assert where.setdefault(supporter.voter, idea_id) == idea_id, (supporter.voter, where[supporter.voter])
    assert len(where) > 2000

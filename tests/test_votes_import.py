"""`portal votes import`: hashed voters, appended lines, idempotent, and never an identity in a file."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path

import pytest

from generator.config import load_project
from generator.errors import ContentError, UsageProblem
from generator.votes_import import Columns, add_tally, import_supporters, voter_hash
from tests.conftest import VOTES, PortalDir, run_cli

KEY = "test-voter-key-not-a-real-one-0001"
IDENTITIES = ("anna.example@example.invalid", "bo-login-example", "dk:mitid:sub:0000-example-1")
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def voter_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_VOTER_KEY", KEY)


def _csv(portal: PortalDir, text: str, name: str = "supports.csv") -> str:
    portal.write(name, text)
    return name


def _expected(identity: str) -> str:
    return hmac.new(KEY.encode(), identity.strip().casefold().encode(), hashlib.sha256).hexdigest()[:16]


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
    new = [f"  - {_expected(IDENTITIES[1])} 2026-03-01 web\n", f"  - {_expected(IDENTITIES[0])} 2026-03-02 web\n"]
    # The new lines follow the last supporter, in date order; nothing else changed.
    assert after == before.replace("2026-01-12 web\n", "2026-01-12 web\n" + "".join(new))
    created = (portal.root / "content/votes/2026-0002.yaml").read_text(encoding="utf-8")
    assert created == (
        "# yaml-language-server: $schema=../../schemas/votes.schema.json\n"
        "supporters:\n"
        f"  - {_expected(IDENTITIES[2])} 2026-03-03 web\n"
    )
    assert portal.validate().exit_code == 0


def test_the_hash_is_hmac_sha256_truncated_to_16_hex_digits() -> None:
    assert voter_hash(KEY.encode(), IDENTITIES[0]) == _expected(IDENTITIES[0])
    assert voter_hash(KEY.encode(), "  ANNA.Example@Example.INVALID ") == _expected(IDENTITIES[0])
    assert voter_hash(b"another key of enough length", IDENTITIES[0]) != _expected(IDENTITIES[0])


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
    assert f"{_expected(IDENTITIES[2])} 2026-03-01 eid" in (portal.root / "content/votes/2026-0001.yaml").read_text(
        encoding="utf-8"
    )


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


@pytest.mark.parametrize("value", [None, "", "too-short"])
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
    assert path.read_text(encoding="utf-8") == only + f"supporters:\n  - {_expected(IDENTITIES[2])} 2026-03-03 web\n"
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

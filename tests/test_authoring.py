"""`portal new` and `portal answer`: they write valid files, append only, and refuse bad changes."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.authoring import add_answer, new_item
from generator.check import check_portal
from generator.config import load_project
from generator.content_writer import next_id
from generator.errors import ContentError, PortalError, UsageProblem
from tests.support import TODAY, PortalDir, run_cli


def test_new_writes_the_next_free_id_with_a_schema_line(portal: PortalDir) -> None:
    result = run_cli(
        portal.root, "new", "idea", "--title", "Benches along the harbour", "--category", "culture", "--body", "Rest."
    )
    assert result.exit_code == 0, result.output
    year = dt.date.today().year
    expected = f"content/ideas/{year}-{'0003' if year == 2026 else '0001'}.yaml"
    assert result.output.strip() == expected
    text = (portal.root / expected).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/idea.schema.json\n")
    assert portal.validate().exit_code == 0


def test_next_id_counts_per_year(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    assert next_id(project, 2026) == "2026-0003"
    assert next_id(project, 2027) == "2027-0001"


def test_new_refuses_an_unknown_category_and_leaves_nothing(portal: PortalDir) -> None:
    result = run_cli(portal.root, "new", "question", "--title", "Rain?", "--category", "weather", "--body", "When?")
    assert result.exit_code == 1
    # The refusal names the option, not a line of a file that is no longer there.
    assert result.output.startswith("Error: --category: unknown category `weather`"), result.output
    assert "2026-0003.yaml" not in result.output
    assert sorted(p.name for p in (portal.root / "content/ideas").iterdir()) == ["2026-0001.yaml", "2026-0002.yaml"]


def test_answer_appends_without_touching_existing_bytes(portal: PortalDir) -> None:
    path = portal.root / "content/answers/2026-0001.yaml"
    before = path.read_bytes()
    result = run_cli(
        portal.root,
        "answer",
        "2026-0001",
        "--status",
        "in_progress",
        "--department",
        "roads",
        "--signed",
        "Ann Berg, Head of Roads",
        "--date",
        "2026-04-01",
        "--body",
        "Work starts in May.",
    )
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(before)
    assert b"status: in_progress" in after[len(before) :]
    outcome = check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY)
    assert outcome.portal is not None
    assert outcome.portal.records["2026-0001"].status.key == "in_progress"


def test_answer_creates_the_file_for_a_first_answer(portal: PortalDir) -> None:
    result = run_cli(
        portal.root,
        "answer",
        "2026-0002",
        "--status",
        "answered",
        "--department",
        "culture",
        "--signed",
        "Eva Lund, Librarian",
        "--date",
        "2026-02-03",
        "--body",
        "Sundays 10–16.",
    )
    assert result.exit_code == 0, result.output
    text = (portal.root / "content/answers/2026-0002.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/answers.schema.json\nanswers:\n  - date:")


def test_answer_refuses_an_illegal_transition(portal: PortalDir) -> None:
    result = run_cli(
        portal.root,
        "answer",
        "2026-0002",
        "--status",
        "planned",
        "--department",
        "culture",
        "--signed",
        "Eva Lund, Librarian",
        "--body",
        "x",
    )
    assert result.exit_code == 1
    assert "status planned is not used for a question" in result.output
    assert not (portal.root / "content/answers/2026-0002.yaml").exists()


def test_answer_that_fails_validation_restores_the_file(portal: PortalDir) -> None:
    path = portal.root / "content/answers/2026-0001.yaml"
    before = path.read_bytes()
    result = run_cli(
        portal.root,
        "answer",
        "2026-0001",
        "--status",
        "done",
        "--department",
        "nowhere",
        "--signed",
        "Ann Berg, Head of Roads",
        "--date",
        "2026-04-01",
        "--body",
        "Done.",
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: --department: unknown department `nowhere`"), result.output
    assert ":0:0" not in result.output
    assert path.read_bytes() == before


def test_answer_needs_exactly_one_body_option(portal: PortalDir) -> None:
    result = run_cli(portal.root, "answer", "2026-0001", "--status", "done", "--department", "roads", "--signed", "A B")
    assert result.exit_code == 2
    assert "exactly one of --body or --body-file" in result.output


def test_answer_to_a_missing_idea_is_a_usage_error(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    with pytest.raises(UsageProblem, match="there is no idea 2026-0099"):
        add_answer(project, "2026-0099", status="done", department="roads", signed="Ann Berg", body="x")


def test_reopening_needs_the_flag(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    add_answer(
        project,
        "2026-0001",
        status="done",
        body="Built.",
        day=dt.date(2026, 5, 1),
        department="roads",
        signed="Ann Berg, Head of Roads",
        today=TODAY,
    )
    with pytest.raises(PortalError, match="add --reopen"):
        add_answer(
            project,
            "2026-0001",
            status="planned",
            body="Again.",
            day=dt.date(2026, 6, 1),
            department="roads",
            signed="Ann Berg, Head of Roads",
            today=TODAY,
        )
    add_answer(
        project,
        "2026-0001",
        status="planned",
        body="Again.",
        day=dt.date(2026, 6, 1),
        reopen=True,
        department="roads",
        signed="Ann Berg, Head of Roads",
        today=TODAY,
    )
    outcome = check_portal(project, today=TODAY)
    assert outcome.portal is not None
    assert outcome.portal.records["2026-0001"].answers[-1].reopen is True


# Text a person could type: letters from the portal's languages, digits, punctuation, YAML's specials.
_ALPHABET = string.ascii_letters + string.digits + " .,:;!?#&*'\"-_()[]{}|>%@`æøåÆØÅäöüß"
_line = st.text(_ALPHABET, min_size=3, max_size=60).filter(lambda s: s.strip() == s and len(s.strip()) >= 3)
_body = (
    st.lists(st.text(_ALPHABET, max_size=40), min_size=1, max_size=6).map("\n".join).filter(lambda s: s.strip() != "")
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_line, author=_line, body=_body, answer=_body)
def test_round_trip_through_new_and_answer(portal: PortalDir, title: str, author: str, body: str, answer: str) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    try:
        path = new_item(project, "idea", title=title, author=author, body=body, today=TODAY)
    except ContentError as exc:
        # Only the personal-data guard may refuse random text (digit runs can look like phone numbers).
        assert all("looks like it holds" in p.message for p in exc.problems), exc.problems
        return
    idea_id = path.stem
    try:
        add_answer(
            project,
            idea_id,
            status="under_review",
            department="roads",
            signed="Ann Berg, Head of Roads",
            body=answer,
            today=TODAY,
        )
    except ContentError as exc:
        assert all("looks like it holds" in p.message for p in exc.problems), exc.problems
        return
    finally:
        outcome = check_portal(project, today=TODAY)
        for extra in (project.content / "answers" / f"{idea_id}.yaml", path):
            Path(extra).unlink(missing_ok=True)
    assert outcome.portal is not None, outcome.problems
    record = outcome.portal.records[idea_id]
    assert record.idea.title == title
    assert record.idea.author == author
    assert record.idea.body == _as_block(body)
    assert record.answers[0].body == _as_block(answer)


def _as_block(text: str) -> str:
    """A literal block always ends in a newline; the text is otherwise kept exactly."""
    return text if text.endswith("\n") else text + "\n"


# --- what a newcomer hit ------------------------------------------------------------------


def test_new_without_a_text_is_refused_and_writes_nothing(portal: PortalDir) -> None:
    result = run_cli(portal.root, "new", "idea", "--title", "Benches along the harbour", "--category", "culture")
    assert result.exit_code == 2
    assert "give the text with exactly one of --body or --body-file" in result.output
    project = load_project(portal.root / "mkdocs.yml")
    with pytest.raises(UsageProblem, match="give the text of the idea"):
        new_item(project, "idea", title="Benches", body="  \n")
    assert sorted(p.name for p in (portal.root / "content/ideas").iterdir()) == ["2026-0001.yaml", "2026-0002.yaml"]


def test_new_reads_the_text_from_a_file_or_stdin(portal: PortalDir) -> None:
    portal.write("idea.md", "Three benches facing the water.\n")
    result = run_cli(
        portal.root, "new", "idea", "--title", "Benches", "--category", "culture", "--body-file", "idea.md"
    )
    assert result.exit_code == 0, result.output
    assert "Three benches facing the water." in (portal.root / result.output.strip()).read_text(encoding="utf-8")


def test_answer_refusals_name_the_flags_not_the_yaml(portal: PortalDir) -> None:
    common = ["--department", "roads", "--signed", "Ann Berg, Head of Roads"]
    done = run_cli(
        portal.root, "answer", "2026-0001", "--status", "done", *common, "--date", "2026-05-01", "--body", "x"
    )
    assert done.exit_code == 0, done.output
    again = run_cli(portal.root, "answer", "2026-0001", "--status", "planned", *common, "--body", "Again.")
    assert again.exit_code == 1
    assert again.output == (
        "Error: cannot answer 2026-0001: it is done, a closed status; to move it on to planned, "
        "add --reopen and say why in the answer\n"
    )
    path = portal.root / "content/answers/2026-0002.yaml"
    open_one = run_cli(
        portal.root,
        "answer",
        "2026-0002",
        "--status",
        "answered",
        "--department",
        "culture",
        "--signed",
        "Eva Lund, Librarian",
        "--reopen",
        "--body",
        "x",
    )
    assert open_one.exit_code == 1
    assert "--reopen only reopens a closed status, and 2026-0002 is new; leave --reopen out" in open_one.output
    assert not path.exists()
    for args, said in [
        (["--status", "duplicate"], "--status duplicate needs --duplicate-of ID"),
        (["--status", "declined", "--duplicate-of", "2026-0001"], "--duplicate-of goes with --status duplicate"),
    ]:
        result = run_cli(
            portal.root, "answer", "2026-0002", *args, "--department", "culture", "--signed", "E L", "--body", "x"
        )
        assert said in result.output, result.output
        assert "reopen: true" not in result.output
        assert "duplicate_of" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        [
            "answer",
            "2026-0001",
            "--status",
            "done",
            "--department",
            "roads",
            "--signed",
            "A B",
            "--body",
            "x",
            "--date",
        ],
        ["history", "--since"],
        ["votes", "import", "--tally", "3", "--idea", "2026-0001", "--channel", "meeting", "--date"],
    ],
)
def test_a_date_that_is_not_a_day_is_named_as_such(portal: PortalDir, command: list[str]) -> None:
    result = run_cli(portal.root, *command, "2026-13-01")
    assert result.exit_code == 2, result.output
    assert "2026-13-01 is not a day; write it as YYYY-MM-DD, e.g. 2026-04-02" in result.output
    assert "%Y" not in result.output


@pytest.mark.parametrize("command", [["validate"], ["new", "idea", "--title", "T", "--body", "B"], ["history"]])
def test_outside_a_portal_it_says_so(tmp_path: Path, command: list[str]) -> None:
    result = run_cli(tmp_path, *command)
    assert result.exit_code == 2
    assert "is not a portal: it has no mkdocs.yml" in result.output
    assert "portal init FOLDER" in result.output
    assert list(tmp_path.iterdir()) == []

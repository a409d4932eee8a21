"""The decision history, read from real Git repositories made in tmp_path with fixed dates."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.check import check_portal
from generator.config import load_project
from generator.git import printable
from generator.history import SHALLOW_REASON, History, _commit, read_history
from tests.support import ANSWERS, CATEGORIES, DEPARTMENTS, IDEA, QUESTION, TODAY, run_cli

FORGE = "https://forge.example.org/fjordby/portal"
MKDOCS = f"""\
site_name: Test portal
plugins:
  - portal:
      languages: [en, da]
      forge_url: {FORGE}
"""
# Every commit carries this address; no output may ever show it (nor any other).
ADDRESS = "anja.dahl.private@example.org"
INTAKE = "Fjordby Borgerservice"


def entry(day: str, status: str, body: str = "We are looking into it.", signed: str = "Ann Berg, Head of Roads") -> str:
    return (
        f"  - date: {day}\n    status: {status}\n    department: roads\n"
        f"    signed: {signed}\n    body: |\n      {body}\n"
    )


def answers(*entries: str) -> str:
    return "answers:\n" + "".join(entries)


def idea(title: str = "A safe bike lane on Harbour Road", submitted: str = "2026-01-10", kind: str = "idea") -> str:
    return (
        IDEA.replace("A safe bike lane on Harbour Road", title)
        .replace("2026-01-10", submitted)
        .replace("kind: idea", f"kind: {kind}")
    )


@dataclass
class Repo:
    """A portal in a real Git repository; every commit has the dates it is given."""

    root: Path
    shas: dict[str, str] = field(default_factory=dict)

    def git(
        self,
        *args: str,
        when: str = "2026-01-01T12:00:00+01:00",
        author: str = INTAKE,
        committer: str | None = None,
        cwd: Path | None = None,
    ) -> str:
        env = {
            **os.environ,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": ADDRESS,
            "GIT_COMMITTER_NAME": committer or author,
            "GIT_COMMITTER_EMAIL": ADDRESS,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        result = subprocess.run(
            ["git", *args], cwd=cwd or self.root, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def commit(
        self,
        name: str,
        day: str,
        files: dict[str, str | None] | None = None,
        *,
        author: str = INTAKE,
        committer: str | None = None,
        moves: dict[str, str] | None = None,
        at: str = "12:00:00+01:00",
    ) -> str:
        for old, new in (moves or {}).items():
            self.git("mv", old, new)
        for path, text in (files or {}).items():
            target = self.root / path
            if text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        when = f"{day}T{at}"
        self.git("add", "-A")
        self.git("commit", "--quiet", "--allow-empty", "-m", name, when=when, author=author, committer=committer)
        self.shas[name] = self.git("rev-parse", "HEAD")
        return self.shas[name]

    def history(self) -> History:
        return read_history(self.root, "content", FORGE)


def new_repo(root: Path) -> Repo:
    root.mkdir(parents=True, exist_ok=True)
    repo = Repo(root)
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.commit(
        "setup",
        "2026-01-02",
        {
            "mkdocs.yml": MKDOCS,
            "content/categories.yaml": CATEGORIES,
            "content/departments.yaml": DEPARTMENTS,
        },
    )
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return new_repo(tmp_path / "portal")


A, B, C = "content/answers/2026-0001.yaml", "content/answers/2026-0002.yaml", "content/answers/2026-0003.yaml"
IA, IB, IC = "content/ideas/2026-0001.yaml", "content/ideas/2026-0002.yaml", "content/ideas/2026-0003.yaml"
WRONG, RIGHT = "content/ideas/2025-0099.yaml", "content/ideas/2026-0004.yaml"
D_WRONG, D_RIGHT = "content/answers/2025-0099.yaml", "content/answers/2026-0004.yaml"
ANN = "Ann Berg"
ERIK = "Erik Ström"  # non-ASCII


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """Ten status changes, two revisions, a rename and a deletion, among commits that touch nothing of it."""
    repo = new_repo(tmp_path_factory.mktemp("scenario") / "portal")
    a1 = entry("2026-01-20", "under_review")
    a2 = entry("2026-03-01", "planned", "The lane is planned for 2027.")
    a3 = entry("2026-04-01", "in_progress", "Work has started.")
    a4 = entry("2026-06-01", "done", "The lane is open.")
    b1 = entry("2026-02-01", "answered", "Sundays 10 to 16.", "Erik Ström, Librarian")
    b2 = entry("2026-04-02", "under_review", "We are checking the hours again.", "Erik Ström, Librarian") + (
        "    reopen: true\n"
    )
    b3 = entry("2026-05-01", "answered", "Sundays 11 to 16 from May.", "Erik Ström, Librarian")
    c1 = entry("2026-02-05", "under_review")
    d1 = entry("2026-03-15", "under_review")
    d2 = entry("2026-06-02", "declined", "No budget.")
    repo.commit("submit A", "2026-01-10", {IA: idea()})
    repo.commit("submit B", "2026-01-11", {IB: QUESTION.replace("2026-02-01", "2026-01-11")})
    repo.commit("submit C", "2026-01-12", {IC: idea("Benches in the park", "2026-01-12")})
    repo.commit("answer A1", "2026-01-20", {A: answers(a1)}, author=ANN)
    votes = "supporters:\n  - 8aa0808c443d55a9 2026-01-24 web\n"
    repo.commit("votes A", "2026-01-25", {"content/votes/2026-0001.yaml": votes})
    repo.commit("answer B1", "2026-02-01", {B: answers(b1)}, author=ERIK)
    repo.commit("answer C1", "2026-02-05", {C: answers(c1)}, author=ANN)
    repo.commit("answer A2", "2026-03-01", {A: answers(a1, a2)}, author=ANN)
    repo.commit(
        "revise A1", "2026-03-02", {A: answers(a1.replace("looking into it", "measuring traffic"), a2)}, author=ANN
    )
    repo.commit("docs", "2026-03-05", {"docs/site/index.md": "# Home\n"})
    repo.commit("submit D", "2026-03-10", {WRONG: idea("Longer opening hours", "2026-03-10")})
    repo.commit("rename D", "2026-03-11", moves={WRONG: RIGHT})
    repo.commit("answer D1", "2026-03-15", {D_RIGHT: answers(d1)}, author=ANN)
    a1r = a1.replace("looking into it", "measuring traffic")
    repo.commit("answer A3", "2026-04-01", {A: answers(a1r, a2, a3)}, author=ANN)
    repo.commit("answer B2", "2026-04-02", {B: answers(b1, b2)}, author=ERIK)
    repo.commit("answer B3", "2026-05-01", {B: answers(b1, b2, b3)}, author=ERIK)
    b2r = b2.replace("checking the hours again", "checking the hours with the staff")
    repo.commit("revise B2", "2026-05-05", {B: answers(b1, b2r, b3)}, author=ERIK, committer="github-actions[bot]")
    repo.commit("answer A4", "2026-06-01", {A: answers(a1r, a2, a3, a4)}, author=ANN)
    repo.commit("answer D2", "2026-06-02", {D_RIGHT: answers(d1, d2)}, author=ANN)
    repo.commit("remove C", "2026-06-10", {IC: None, C: None})
    return repo


# (commit, idea id, kind, status before, status after, answer index, date)
EXPECTED = [
    ("submit A", "2026-0001", "submitted", None, "new", None, "2026-01-10"),
    ("submit B", "2026-0002", "submitted", None, "new", None, "2026-01-11"),
    ("submit C", "2026-0003", "submitted", None, "new", None, "2026-01-12"),
    ("answer A1", "2026-0001", "answered", "new", "under_review", 0, "2026-01-20"),
    ("answer B1", "2026-0002", "answered", "new", "answered", 0, "2026-02-01"),
    ("answer C1", "2026-0003", "answered", "new", "under_review", 0, "2026-02-05"),
    ("answer A2", "2026-0001", "answered", "under_review", "planned", 1, "2026-03-01"),
    ("revise A1", "2026-0001", "revised", "under_review", "under_review", 0, "2026-03-02"),
    ("submit D", "2025-0099", "submitted", None, "new", None, "2026-03-10"),
    ("rename D", "2026-0004", "renamed", None, None, None, "2026-03-11"),
    ("answer D1", "2026-0004", "answered", "new", "under_review", 0, "2026-03-15"),
    ("answer A3", "2026-0001", "answered", "planned", "in_progress", 2, "2026-04-01"),
    ("answer B2", "2026-0002", "answered", "answered", "under_review", 1, "2026-04-02"),
    ("answer B3", "2026-0002", "answered", "under_review", "answered", 2, "2026-05-01"),
    ("revise B2", "2026-0002", "revised", "under_review", "under_review", 1, "2026-05-05"),
    ("answer A4", "2026-0001", "answered", "in_progress", "done", 3, "2026-06-01"),
    ("answer D2", "2026-0004", "answered", "under_review", "declined", 1, "2026-06-02"),
    ("remove C", "2026-0003", "removed", "under_review", None, None, "2026-06-10"),
]


def _key(event: dict[str, object], shas: dict[str, str]) -> tuple[object, ...]:
    names = {sha: name for name, sha in shas.items()}
    commit = event["commit"]
    assert isinstance(commit, dict)
    return (
        names[str(commit["sha"])],
        event["idea_id"],
        event["kind"],
        event["status_before"],
        event["status_after"],
        event["answer_index"],
        str(commit["date"])[:10],
    )


def test_done_when_exactly_the_events_with_their_commits_and_dates(scenario: Repo) -> None:
    result = run_cli(scenario.root, "history", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["available"] is True
    assert [_key(e, scenario.shas) for e in data["events"]] == EXPECTED
    answered = [e for e in data["events"] if e["kind"] == "answered"]
    assert len(answered) == 10
    assert sum(e["kind"] == "revised" for e in data["events"]) == 2
    for event in data["events"]:
        assert event["diff_url"] == f"{FORGE}/commit/{event['commit']['sha']}"
        assert event["commit"]["short"] == event["commit"]["sha"][:12]


def test_the_per_idea_view_and_its_text(scenario: Repo) -> None:
    history = scenario.history()
    assert history.available
    assert sorted(history.events) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    assert [e.kind for e in history.for_idea("2026-0001")] == [
        "submitted",
        "answered",
        "answered",
        "revised",
        "answered",
        "answered",
    ]
    revised = history.for_idea("2026-0001")[3]
    assert revised.fields == ("body",)
    assert revised.commit.author == ANN
    assert revised.path == A
    assert revised.commit.date == dt.datetime(2026, 3, 2, 12, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    # The old id finds the renamed idea; its events moved with it.
    assert history.for_idea("2025-0099") == history.for_idea("2026-0004")
    assert history.renamed == {"2025-0099": "2026-0004"}
    renamed = history.for_idea("2026-0004")[1]
    assert (renamed.old_path, renamed.path) == (WRONG, RIGHT)
    assert [e.idea_id for e in history.removed] == ["2026-0003"]

    result = run_cli(scenario.root, "history", "2026-0002")
    assert result.exit_code == 0, result.output
    short = {name: sha[:12] for name, sha in scenario.shas.items()}
    assert result.output.splitlines() == [
        "2026-0002: 5 events",
        f"2026-01-11  submitted  added {IB} — {INTAKE}, {short['submit B']}",
        f"            {FORGE}/commit/{scenario.shas['submit B']}",
        f"2026-02-01  answered   answer 1: New → Answered — {ERIK}, {short['answer B1']}",
        f"            {FORGE}/commit/{scenario.shas['answer B1']}",
        f"2026-04-02  answered   answer 2: Answered → Under review — {ERIK}, {short['answer B2']}",
        f"            {FORGE}/commit/{scenario.shas['answer B2']}",
        f"2026-05-01  answered   answer 3: Under review → Answered — {ERIK}, {short['answer B3']}",
        f"            {FORGE}/commit/{scenario.shas['answer B3']}",
        f"2026-05-05  revised    answer 2 changed (body) — github-actions[bot], {short['revise B2']}",
        f"            {FORGE}/commit/{scenario.shas['revise B2']}",
    ]


def test_the_old_id_and_the_removed_idea_on_the_command_line(scenario: Repo) -> None:
    result = run_cli(scenario.root, "history", "2025-0099")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "2025-0099 (now 2026-0004): 4 events"
    assert f"moved from {WRONG} to {RIGHT}" in result.output
    result = run_cli(scenario.root, "history", "2026-0003")
    assert f"removed {IC} (status was Under review) — {INTAKE}" in result.output


def test_since_lists_every_change_from_that_day_on(scenario: Repo) -> None:
    result = run_cli(scenario.root, "history", "--since", "2026-05-01")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert lines[0] == "changes since 2026-05-01: 5 events"
    assert [line.split()[:3] for line in lines[1:]] == [
        ["2026-05-01", "2026-0002", "answered"],
        ["2026-05-05", "2026-0002", "revised"],
        ["2026-06-01", "2026-0001", "answered"],
        ["2026-06-02", "2026-0004", "answered"],
        ["2026-06-10", "2026-0003", "removed"],
    ]
    data = json.loads(run_cli(scenario.root, "history", "2026-0001", "--since", "2026-03-02", "--json").output)
    assert data["since"] == "2026-03-02"
    assert [e["kind"] for e in data["events"]] == ["revised", "answered", "answered"]


def test_output_is_deterministic_and_never_shows_an_address(scenario: Repo) -> None:
    outputs = [
        run_cli(scenario.root, *args).output
        for args in (
            ("history",),
            ("history", "--json"),
            ("history", "2026-0002"),
            ("history", "2026-0002", "--json"),
        )
    ]
    assert outputs == [
        run_cli(scenario.root, *args).output
        for args in (
            ("history",),
            ("history", "--json"),
            ("history", "2026-0002"),
            ("history", "2026-0002", "--json"),
        )
    ]
    for output in outputs:
        assert ADDRESS not in output
        assert "@example.org" not in output
        assert "Traceback" not in output
    assert ERIK in outputs[3]  # written as is, not escaped


def test_unknown_and_malformed_ids(scenario: Repo) -> None:
    result = run_cli(scenario.root, "history", "2026-0042")
    assert result.exit_code == 1
    assert "no history for 2026-0042" in result.output
    result = run_cli(scenario.root, "history", "42")
    assert result.exit_code == 2
    assert "not an idea id" in result.output


def test_dates_out_of_order_keep_history_order(repo: Repo) -> None:
    repo.commit("submit", "2026-03-01", {IA: idea()})
    # Committed later, but dated earlier (a clock off, a rebase): still after the submission.
    repo.commit("answer", "2026-02-01", {A: answers(entry("2026-02-01", "under_review"))}, author=ANN)
    both = answers(entry("2026-02-01", "under_review"), entry("2026-04-01", "planned"))
    repo.commit("second", "2026-04-01", {A: both})
    history = repo.history()
    assert [(e.kind, e.commit.date.date().isoformat()) for e in history.for_idea("2026-0001")] == [
        ("submitted", "2026-03-01"),
        ("answered", "2026-02-01"),
        ("answered", "2026-04-01"),
    ]
    assert [e.kind for e in history.events_since(dt.date(2026, 3, 1))] == ["submitted", "answered"]
    assert [e.kind for e in history.events_since(dt.date(2026, 1, 1))] == ["submitted", "answered", "answered"]
    noon = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.UTC)
    assert [e.commit.date.date().isoformat() for e in history.events_since(noon)] == ["2026-04-01"]


def test_a_merge_counts_when_it_is_published(repo: Repo) -> None:
    repo.commit("submit", "2026-01-10", {IA: idea()})
    repo.git("checkout", "--quiet", "-b", "answer")
    repo.commit("answer on a branch", "2026-01-20", {A: answers(entry("2026-01-20", "under_review"))}, author=ANN)
    repo.git("checkout", "--quiet", "main")
    repo.commit("meanwhile", "2026-01-21", {IB: QUESTION})
    repo.git(
        "merge",
        "--quiet",
        "--no-ff",
        "answer",
        "-m",
        "Merge pull request #7",
        when="2026-01-25T09:00:00+01:00",
        author="Mette Skov",
        committer="GitHub",
    )
    merge = repo.git("rev-parse", "HEAD")
    events = repo.history().for_idea("2026-0001")
    assert [(e.kind, e.commit.sha) for e in events] == [("submitted", repo.shas["submit"]), ("answered", merge)]
    assert events[1].commit.committer == "GitHub"
    assert events[1].commit.date.date() == dt.date(2026, 1, 25)
    assert events[1].commit.subject == "Merge pull request #7"


def test_a_commit_touching_hundreds_of_files(repo: Repo) -> None:
    ids = [f"2026-{n:04d}" for n in range(1, 301)]
    repo.commit("import", "2026-01-10", {f"content/ideas/{i}.yaml": idea(f"Idea number {i}") for i in ids})
    repo.commit(
        "tags", "2026-01-11", {f"content/ideas/{i}.yaml": idea(f"Idea number {i}") + "tags: [harbour]\n" for i in ids}
    )
    history = repo.history()
    assert len(history.events) == 300
    assert all([e.kind for e in history.for_idea(i)] == ["submitted", "moderated"] for i in ids)
    assert {e.fields for e in history.log if e.kind == "moderated"} == {("tags",)}
    assert len({e.commit.sha for e in history.log}) == 2


def test_names_as_written_and_addresses_withheld(repo: Repo) -> None:
    repo.commit("submit", "2026-01-10", {IA: idea()}, author="Søren Ågård-Ørsted", committer="李小龍")
    repo.commit(
        "answer",
        "2026-01-20",
        {A: answers(entry("2026-01-20", "under_review"))},
        author="jane.doe@example.org",
        committer="dependabot[bot]",
    )
    first, second = repo.history().for_idea("2026-0001")
    assert (first.commit.author, first.commit.committer) == ("Søren Ågård-Ørsted", "李小龍")
    assert second.commit.author == "(address withheld)"
    assert second.commit.committer == "dependabot[bot]"
    output = run_cli(repo.root, "history", "2026-0001", "--json").output
    assert "jane.doe" not in output
    assert "李小龍" in output


def test_an_answer_file_rewritten_completely(repo: Repo) -> None:
    repo.commit("submit", "2026-01-10", {IA: idea()})
    repo.commit("two", "2026-02-01", {A: answers(entry("2026-01-20", "under_review"), entry("2026-02-01", "planned"))})
    # Same values, other formatting (quotes, flow style, comments): nothing was revised.
    same = (
        "# answers\nanswers:\n"
        '  - {date: "2026-01-20", status: under_review, department: roads, signed: "Ann Berg, Head of Roads", '
        'body: "We are looking into it.\\n"}\n'
        "  - date: 2026-02-01\n    status: 'planned'\n    department: roads\n    signed: Ann Berg, Head of Roads\n"
        "    body: |\n      We are looking into it.\n"
    )
    repo.commit("reformat", "2026-02-02", {A: same})
    # Every published answer replaced, and one more appended.
    repo.commit(
        "rewrite",
        "2026-02-03",
        {
            A: answers(
                entry("2026-01-21", "under_review", "Another text."),
                entry("2026-02-01", "declined", "No."),
                entry("2026-02-03", "under_review", "Reopened.") + "    reopen: true\n",
            )
        },
    )
    events = [
        (e.kind, e.answer_index, e.status_before, e.status_after, e.fields)
        for e in repo.history().for_idea("2026-0001")
    ]
    assert events == [
        ("submitted", None, None, "new", ()),
        ("answered", 0, "new", "under_review", ()),
        ("answered", 1, "under_review", "planned", ()),
        ("revised", 0, "under_review", "under_review", ("body", "date")),
        ("revised", 1, "planned", "declined", ("body", "status")),
        ("answered", 2, "declined", "under_review", ()),
    ]


def test_answers_taken_out_are_revisions(repo: Repo) -> None:
    repo.commit("submit", "2026-01-10", {IA: idea()})
    repo.commit("two", "2026-02-01", {A: answers(entry("2026-01-20", "under_review"), entry("2026-02-01", "planned"))})
    repo.commit("drop last", "2026-02-02", {A: answers(entry("2026-01-20", "under_review"))})
    repo.commit("drop file", "2026-02-03", {A: None})
    events = [(e.kind, e.answer_index, e.status_before, e.status_after) for e in repo.history().for_idea("2026-0001")]
    assert events[-2:] == [("revised", 1, "planned", None), ("revised", 0, "under_review", None)]
    text = run_cli(repo.root, "history", "2026-0001").output
    assert "answer 2 taken out (it said Planned)" in text


def test_invalid_historic_yaml_is_skipped_without_a_crash(repo: Repo) -> None:
    repo.commit("submit", "2026-01-10", {IA: idea()})
    repo.commit("one", "2026-01-20", {A: answers(entry("2026-01-20", "under_review"))})
    repo.commit("broken", "2026-01-21", {A: "answers: [broken\n", IA: "title: [broken\n"})
    repo.commit("anchors", "2026-01-22", {A: "a: &x [1]\nb: *x\n"})
    repo.commit(
        "fixed",
        "2026-02-01",
        {A: answers(entry("2026-01-20", "under_review"), entry("2026-02-01", "planned")), IA: idea()},
    )
    events = [(e.kind, e.answer_index, e.fields) for e in repo.history().for_idea("2026-0001")]
    # The broken answer lists are skipped: the fix is compared with the last readable version.
    # Both idea edits are moderation; what changed is unknown when a version does not read.
    assert events == [
        ("submitted", None, ()),
        ("answered", 0, ()),
        ("moderated", None, ()),
        ("moderated", None, ()),
        ("answered", 1, ()),
    ]


def test_a_removed_and_restored_idea(repo: Repo) -> None:
    repo.commit("submit", "2026-01-10", {IA: idea()})
    repo.commit("remove", "2026-01-11", {IA: None})
    history = repo.history()
    assert [e.kind for e in history.removed] == ["removed"]
    assert history.removed[0].status_before == "new"
    repo.commit("restore", "2026-01-12", {IA: idea()})
    history = repo.history()
    assert history.removed == []
    assert [e.kind for e in history.for_idea("2026-0001")] == ["submitted", "removed", "submitted"]


def test_a_portal_in_a_subfolder_and_without_a_forge(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    repo.commit("submit", "2026-01-10", {"site/content/ideas/2026-0001.yaml": idea(), IA: idea()})
    history = read_history(tmp_path / "repo" / "site", "content", None)
    assert [(e.kind, e.path, e.diff_url) for e in history.log] == [
        ("submitted", "site/content/ideas/2026-0001.yaml", None),
    ]


def test_a_repository_without_commits_has_an_empty_history(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    history = read_history(tmp_path, "content", None)
    assert history.available
    assert history.log == []


def test_outside_a_repository_history_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    for path, text in {
        "content/categories.yaml": CATEGORIES,
        "content/departments.yaml": DEPARTMENTS,
        IA: IDEA,
        A: ANSWERS,
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    history = read_history(tmp_path, "content", FORGE)
    assert not history.available
    assert history.reason == "the portal is not in a Git repository, so there is no history to read"
    result = run_cli(tmp_path, "history", "2026-0001")
    assert result.exit_code == 1
    assert "history unavailable: the portal is not in a Git repository" in result.output
    data = json.loads(run_cli(tmp_path, "history", "--json").output)
    assert (data["available"], data["events"]) == (False, [])
    # validate warns when the portal is meant to live in a forge repository ...
    outcome = check_portal(load_project(tmp_path / "mkdocs.yml"), today=TODAY)
    assert outcome.ok
    expected = [("warning", f"history unavailable: {history.reason}")]
    assert [(p.severity, p.message) for p in outcome.problems] == expected
    # ... and not for a portal without one, nor for named files (a pre-commit hook).
    assert check_portal(load_project(tmp_path / "mkdocs.yml"), [tmp_path / IA], today=TODAY).problems == []
    (tmp_path / "mkdocs.yml").write_text(MKDOCS.replace(f"      forge_url: {FORGE}\n", ""), encoding="utf-8")
    assert check_portal(load_project(tmp_path / "mkdocs.yml"), today=TODAY).problems == []


def test_a_shallow_clone_says_to_fetch_the_full_history(scenario: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{scenario.root}", str(clone)], check=True)
    history = read_history(clone, "content", FORGE)
    assert not history.available
    assert history.reason == SHALLOW_REASON
    assert "fetch-depth: 0" in SHALLOW_REASON
    result = run_cli(clone, "history")
    assert result.exit_code == 1
    assert "fetch-depth: 0" in result.output
    (clone / "mkdocs.yml").write_text(MKDOCS.replace(f"      forge_url: {FORGE}\n", ""), encoding="utf-8")
    warnings = [
        p for p in check_portal(load_project(clone / "mkdocs.yml"), today=TODAY).problems if p.severity == "warning"
    ]
    assert [p.message for p in warnings] == [f"history unavailable: {SHALLOW_REASON}"]
    result = run_cli(clone, "validate")
    assert "warning: history unavailable: this is a shallow clone" in result.output


def test_a_full_clone_has_the_same_history(scenario: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", f"file://{scenario.root}", str(clone)], check=True)
    assert read_history(clone, "content", FORGE).log == scenario.history().log
    assert [
        p for p in check_portal(load_project(clone / "mkdocs.yml"), today=TODAY).problems if p.severity == "warning"
    ] == []


def test_without_git_history_is_unavailable(scenario: Repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    history = read_history(scenario.root, "content", FORGE)
    assert not history.available
    assert history.reason == "git is not installed, so the history of the content cannot be read"


def _as_data(history: History) -> tuple[object, ...]:
    return (
        [e.as_dict() for e in history.log],
        {key: [e.as_dict() for e in events] for key, events in history.events.items()},
        [e.as_dict() for e in history.removed],
        history.renamed,
    )


def test_a_kept_state_reads_only_the_new_commits_and_gives_the_same_history(scenario: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    scenario.git("clone", "--quiet", str(scenario.root), str(clone))
    walk = Repo(clone)
    line = walk.git("rev-list", "--first-parent", "--reverse", "HEAD").split()
    cache = tmp_path / "cache" / "history.json"
    for sha in line:  # commit by commit, as builds after each merge would see them
        walk.git("checkout", "--quiet", sha)
        kept = read_history(clone, "content", FORGE, cache=cache)
        assert _as_data(kept) == _as_data(read_history(clone, "content", FORGE)), sha
        assert f'"tip": "{sha}"' in cache.read_text(encoding="utf-8")
    assert _as_data(read_history(clone, "content", FORGE, cache=cache)) == _as_data(scenario.history())


def test_a_rewritten_history_or_a_broken_state_is_read_in_full(scenario: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    scenario.git("clone", "--quiet", str(scenario.root), str(clone))
    walk = Repo(clone)
    cache = tmp_path / "history.json"
    read_history(clone, "content", FORGE, cache=cache)
    # The kept tip is no longer on the line: "remove C" is replaced by another commit.
    walk.git("reset", "--quiet", "--hard", "HEAD~1")
    walk.commit(
        "answer C2",
        "2026-06-11",
        {C: answers(entry("2026-02-05", "under_review"), entry("2026-06-11", "planned", "Next year."))},
        author=ANN,
    )
    assert _as_data(read_history(clone, "content", FORGE, cache=cache)) == _as_data(
        read_history(clone, "content", FORGE)
    )
    assert not read_history(clone, "content", FORGE, cache=cache).removed
    cache.write_text('{"key": {}, "tip": "nonsense"', encoding="utf-8")
    full = read_history(clone, "content", FORGE)
    assert _as_data(read_history(clone, "content", FORGE, cache=cache)) == _as_data(full)
    # Another forge address is another state.
    other = read_history(clone, "content", None, cache=cache)
    assert all(e.diff_url is None for e in other.log)


def test_a_separator_in_a_name_or_subject_is_read_and_never_crashes(repo: Repo) -> None:
    # Git accepts U+001F, the reader's field separator, in names and subjects.
    repo.commit("submit\x1fx", "2026-01-10", {IA: idea()}, author="Mallory\x1fEvil", committer="Eve\x1f\x1fX")
    repo.commit("answer", "2026-01-20", {A: answers(entry("2026-01-20", "under_review"))}, committer="Ann\x1fBerg")
    history = repo.history()
    first, second = history.for_idea("2026-0001")
    assert (first.kind, first.commit.author, first.commit.committer) == ("submitted", "MalloryEvil", "EveX")
    assert first.commit.subject == "submitx"
    assert first.commit.date == dt.datetime.fromisoformat("2026-01-10T12:00:00+01:00")
    assert (second.kind, second.status_after, second.commit.committer) == ("answered", "under_review", "AnnBerg")
    assert history.skipped == []
    result = run_cli(repo.root, "history", "2026-0001")
    assert result.exit_code == 0, result.output
    assert "MalloryEvil" in result.output


def test_terminal_escapes_in_names_and_subjects_are_never_printed(repo: Repo) -> None:
    link = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
    author = f"Red\x1b[31m alert\x1b[0m {link}"
    repo.commit(f"submit {link}\x07", "2026-01-10", {IA: idea()}, author=author, committer="A\u202eB")
    commit = repo.history().for_idea("2026-0001")[0].commit
    assert (commit.author, commit.subject, commit.committer) == ("Red alert click", "submit click", "AB")
    for args in (("history", "2026-0001"), ("history", "2026-0001", "--json"), ("history",)):
        output = run_cli(repo.root, *args).output
        assert "click" in output
        assert not any(c in output for c in "\x1b\x07\x9b\u202e"), args


def test_printable_strips_escape_sequences_and_controls() -> None:
    assert printable("\x1b[1;31mbold\x1b[0m") == "bold"
    assert printable("\x1b]0;title\x07text") == "text"
    assert printable("a\x1b]8;;https://x.example\x1b\\b") == "ab"
    assert printable("tab\there\nline\x00\x7f\x85") == "tabhereline"
    assert printable("Søren Ågård, 李小龍") == "Søren Ågård, 李小龍"


def test_an_unreadable_commit_header_is_skipped_with_a_reason_naming_it(repo: Repo) -> None:
    sha = repo.shas["setup"]
    reason = _commit(f"{sha}\x1fnot a date\x1f2026-01-01T12:00:00+01:00\x1fA\x1fB\x1fS".encode(), {})
    assert isinstance(reason, str)
    assert sha[:12] in reason
    assert "not readable" in reason
    assert isinstance(_commit(b"zz\x1f\x1f\x1f\x1f\x1f", {}), str)
    # A separator too many, and no second reading of that commit: skipped, never guessed.
    assert "not readable" in str(_commit(f"{sha}\x1fD\x1fD\x1fA\x1fx\x1fB\x1fS".encode(), {}))
    good = _commit(f"{sha}\x1f2026-01-01T12:00:00+01:00\x1f2026-01-01T12:00:00+01:00\x1fA\x1fB\x1fS".encode(), {})
    assert not isinstance(good, str)
    assert (good.author, good.committer, good.subject, good.short) == ("A", "B", "S", sha[:12])

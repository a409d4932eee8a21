"""`portal demo --to DIR`: a stand-alone portal repository whose history shows every kind of event."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from pathlib import Path

import pytest

from generator.check import check_portal
from generator.config import load_project
from generator.demo import COPIED, SHOWCASE, build
from generator.errors import PortalError
from generator.history import History, read_history
from generator.yamlread import parse
from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, float]:
    target = tmp_path_factory.mktemp("demo") / "fjordby"
    started = time.perf_counter()
    result = run_cli(ROOT, "demo", "--to", str(target))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    return target, result.output, elapsed


@pytest.fixture(scope="module")
def history(demo: tuple[Path, str, float]) -> History:
    found = read_history(demo[0], "content", "https://github.com/fjordby-example/idea-portal")
    assert found.available, found.reason
    return found


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_it_is_quick_and_says_what_to_try(demo: tuple[Path, str, float]) -> None:
    target, output, elapsed = demo
    assert elapsed < 10
    assert f"cd {target} && portal history {SHOWCASE}" in output


def test_the_tip_is_the_demo_content_and_validates(demo: tuple[Path, str, float]) -> None:
    target = demo[0]
    for name in COPIED:
        source = ROOT / name
        paths = [source] if source.is_file() else [p for p in source.rglob("*") if p.is_file()]
        for path in paths:
            relative = path.relative_to(ROOT)
            assert (target / relative).read_bytes() == path.read_bytes(), relative
    assert _git(target, "status", "--porcelain") == ""
    outcome = check_portal(load_project(target / "mkdocs.yml"))
    assert outcome.problems == []


def test_every_answer_is_committed_on_its_date_by_who_signed_it(
    demo: tuple[Path, str, float], history: History
) -> None:
    for path in sorted((demo[0] / "content/answers").glob("*.yaml")):
        document, _ = parse(path.name, path.read_text(encoding="utf-8"))
        assert document is not None
        entries = document.data["answers"]
        events = [e for e in history.for_idea(path.stem) if e.kind == "answered"]
        assert [e.answer_index for e in events] == list(range(len(entries)))
        assert [e.commit.date.date().isoformat() for e in events] == [str(a["date"]) for a in entries]
        assert [e.commit.committer for e in events] == [str(a["signed"]).split(",")[0] for a in entries]
        assert [e.status_after for e in events] == [str(a["status"]) for a in entries]


def test_the_showcase_and_the_other_kinds_of_event(history: History) -> None:
    kinds = [e.kind for e in history.for_idea(SHOWCASE)]
    assert kinds[:2] == ["submitted", "moderated"]
    assert kinds.count("revised") == 1
    assert {e.kind for e in history.log} == {"submitted", "answered", "revised", "moderated", "renamed", "removed"}
    assert history.renamed == {"2025-0043": "2026-0001"}
    assert [e.idea_id for e in history.removed] == ["2025-0042"]
    revised = next(e for e in history.log if e.kind == "revised")
    assert revised.fields == ("body",)


def test_dates_run_forward_and_no_address_but_an_invalid_one(demo: tuple[Path, str, float]) -> None:
    target = demo[0]
    dates = [dt.datetime.fromisoformat(d) for d in _git(target, "log", "--reverse", "--format=%cI").split()]
    assert dates == sorted(dates)
    assert len(dates) > 150
    assert set(_git(target, "log", "--format=%ae%n%ce").split()) == {"portal@fjordby.invalid"}
    assert "@" not in run_cli(target, "history", "--json").output.replace("portal@fjordby.invalid", "")


def test_history_command_in_the_demo(demo: tuple[Path, str, float]) -> None:
    result = run_cli(demo[0], "history", SHOWCASE)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{SHOWCASE}: ")
    assert "answer 2 changed (body) — Mads Bjerre" in result.output
    assert "idea edited (title) — Fjordby Borgerservice" in result.output


def test_history_command_keeps_its_state_and_gives_the_same_answer(
    demo: tuple[Path, str, float], tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(demo[0]), str(clone))
    first = run_cli(clone, "history", "--json")
    assert first.exit_code == 0, first.output
    state = clone / ".cache" / "portal" / "history.json"
    assert f'"tip": "{_git(clone, "rev-parse", "HEAD").strip()}"' in state.read_text(encoding="utf-8")
    assert _git(clone, "status", "--porcelain") == ""  # the demo's .gitignore keeps the state out of Git
    again = run_cli(clone, "history", "--json")
    assert again.output == first.output
    state.write_text(state.read_text(encoding="utf-8").replace('"submitted"', '"answered"'), encoding="utf-8")
    assert run_cli(clone, "history", "--json").output != first.output  # the kept state is what was read


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run_cli(tmp_path, "demo", "--to", str(tmp_path))
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_without_the_demo_content_it_says_so(tmp_path: Path) -> None:
    with pytest.raises(PortalError, match="the demo content is not at"):
        build(tmp_path / "out", source=tmp_path)


def test_from_names_the_clone_to_copy_and_the_default_is_the_current_one(tmp_path: Path) -> None:
    # From elsewhere, --from names the clone (an installed package has no demo content of its own).
    made = run_cli(tmp_path, "demo", "--from", str(ROOT), "--to", "copy")
    assert made.exit_code == 0, made.output
    # In a demo copy, the copy itself is the default source: the same content, so the same commits.
    again = run_cli(tmp_path / "copy", "demo", "--to", str(tmp_path / "again"))
    assert again.exit_code == 0, again.output
    assert _git(tmp_path / "copy", "rev-parse", "HEAD") == _git(tmp_path / "again", "rev-parse", "HEAD")
    wrong = run_cli(tmp_path, "demo", "--from", str(tmp_path), "--to", "other")
    assert wrong.exit_code == 1
    assert f"the demo content is not at {tmp_path}" in wrong.output

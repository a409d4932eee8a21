"""The one git runner: a person's Git settings change nothing the portal reads or writes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import git


def _home_with_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(config, encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))


def test_writing_reads_no_user_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _home_with_config(tmp_path, monkeypatch, "[init]\n\tdefaultBranch = trunk\n[user]\n\tname = Someone\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    git.run(repo, "init", "--quiet")
    assert git.run(repo, "symbolic-ref", "HEAD").decode().strip() != "refs/heads/trunk"
    # Reading keeps the person's configuration (CI's safe.directory lives there).
    assert git.run(repo, "config", "user.name", user_config=True).decode().strip() == "Someone"
    with pytest.raises(git.GitError):
        git.run(repo, "config", "user.name")


def test_output_settings_override_the_persons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _home_with_config(tmp_path, monkeypatch, "[core]\n\tquotePath = true\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    git.run(repo, "init", "--quiet")
    (repo / "idé.yml").write_text("x\n", encoding="utf-8")
    git.run(repo, "add", ".")
    listed = git.run(repo, "diff", "--cached", "--name-only", user_config=True).decode("utf-8")
    assert listed.strip() == "idé.yml"


def test_a_hooks_git_dir_does_not_redirect_a_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    subprocess.run(["git", "init", "--quiet", str(elsewhere)], check=True, capture_output=True)
    monkeypatch.setenv("GIT_DIR", str(elsewhere / ".git"))
    repo = tmp_path / "repo"
    repo.mkdir()
    git.run(repo, "init", "--quiet")
    assert (repo / ".git").is_dir()


def test_a_failure_says_what_git_said_in_english_and_printable(tmp_path: Path) -> None:
    with pytest.raises(git.GitError) as caught:
        git.run(tmp_path, "rev-parse", "HEAD")
    assert "not a git repository" in str(caught.value).lower()
    assert not str(caught.value).startswith("fatal:")
    assert caught.value.code != 0


def test_printable_drops_escapes_and_direction_marks() -> None:
    assert git.printable("a\x1b[31mred\x1b[0m \u202eb\x07") == "ared b"


def test_no_git_installed_is_a_file_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FileNotFoundError):
        git.run(tmp_path, "status")


def test_start_streams_output(tmp_path: Path) -> None:
    git.run(tmp_path, "init", "--quiet")
    process = git.start(tmp_path, "rev-parse", "--is-inside-work-tree", stdout=subprocess.PIPE)
    out, _ = process.communicate()
    assert out.strip() == b"true"

"""`portal validate --base REV`: a notice on each published answer a change rewrites or removes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.git import environment as git_environment
from tests.support import PortalDir


def _git(root: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=root, env=git_environment(), check=True, capture_output=True)


def _committed(portal: PortalDir) -> PortalDir:
    _git(portal.root, "init", "--quiet", "--initial-branch=main")
    _git(portal.root, "add", ".")
    _git(portal.root, "commit", "--quiet", "-m", "Published")
    return portal


def test_a_rewritten_signature_gets_a_notice_on_its_line(portal: PortalDir) -> None:
    _committed(portal)
    path = portal.root / "content/answers/2026-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ann Berg, Head of Roads", "Ann Berg, Director", 1))
    result = portal.validate("--format", "github", "--base", "HEAD")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "::notice file=content/answers/2026-0001.yaml,line=5,col=13,title=portal validate::answer 1 (dated "
        "2026-01-20) was published; this change to its `signed` will be shown on the site as a revision, with the "
        "published text kept in its history (for a new decision, append a new answer instead)"
    )
    assert result.output.splitlines()[-1].startswith("1 notice, ")


def test_an_appended_answer_is_no_revision(portal: PortalDir) -> None:
    _committed(portal)
    path = portal.root / "content/answers/2026-0001.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - date: 2026-06-01\n    status: in_progress\n    department: roads\n    signed: Ann Berg, Head of Roads\n"
        "    body: |\n      Work has started.\n"
    )
    result = portal.validate("--base", "HEAD")
    assert result.exit_code == 0, result.output
    assert "notice" not in result.output


def test_a_removed_answer_gets_a_notice(portal: PortalDir) -> None:
    _committed(portal)
    path = portal.root / "content/answers/2026-0001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - date: 2026-03-01")])
    result = portal.validate("--base", "HEAD")
    assert "content/answers/2026-0001.yaml:1:1: notice: answer 2 (dated 2026-03-01) was published and is removed" in (
        result.output
    )


def test_without_the_base_commit_it_warns_and_says_how_to_fix_it(portal: PortalDir) -> None:
    _committed(portal)
    result = portal.validate("--base", "0123456789abcdef0123456789abcdef01234567")
    assert result.exit_code == 0
    assert "warning: cannot compare the answers with 0123456789abcdef0123456789abcdef01234567" in result.output
    assert "fetch-depth: 0" in result.output

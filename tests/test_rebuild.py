"""A rebuild after one new answer gives exactly the site a clean build of the same commit gives.

The portal is a small generated one (`benchmarks/make_corpus.py`) in a real
Git repository. Its site is built, an answer is committed, and the site is
built again in place; a fresh clone of the same commit is built from nothing.
The two trees must hold the same files with the same bytes: nothing stale may
survive a rebuild (an old page, an old search chunk, an old feed entry), and
nothing in the output may depend on the clock or on where the checkout is.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from benchmarks.make_corpus import build as build_corpus
from benchmarks.site_tree import CANONICAL_SEARCH, differences, site_tree
from generator.demo import EMAIL
from generator.git import environment as git_environment
from tests.support import mkdocs_build

TAKEN = re.compile(r"portal: (\d+) of (\d+) generated pages taken from the last build")

REPO = Path(__file__).resolve().parents[1]

ANSWER = """\
answers:
  - date: 2026-11-20
    status: under_review
    department: {department}
    signed: Hanne Riis, Head of Citizen Services
    body: |
      Tak for forslaget. Forvaltningen ser nu på sagen og vender tilbage.
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Hanne Riis", "-c", f"user.email={EMAIL}", *args],
        capture_output=True,
        text=True,
        check=True,
        env=git_environment(),
    ).stdout


def _taken(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    match = TAKEN.search(result.stderr)
    assert match, result.stderr[-3000:]
    return int(match.group(1)), int(match.group(2))


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_a_rebuild_after_one_answer_equals_a_clean_build(tmp_path: Path) -> None:
    portal = tmp_path / "portal"
    build_corpus(portal, ideas=40, votes=400, commits=60, seed=7)
    (portal / ".git/info/exclude").write_text("site/\n.cache/\n", encoding="utf-8")
    taken, generated = _taken(_build(portal))
    assert taken == 0
    before = site_tree(portal / "site")
    # A page changed by hand after the build is not taken again: it no longer has the bytes that were written.
    edited = sorted((portal / "site/ideas").glob("*/index.html"))[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")

    content = portal / "content"
    ideas = sorted((content / "ideas").glob("*.yaml"))
    unanswered = [p.stem for p in ideas if not (content / "answers" / p.name).exists()]
    idea_id = unanswered[0]
    (content / "answers" / f"{idea_id}.yaml").write_text(ANSWER.format(department="roads"), encoding="utf-8")
    _git(portal, "add", "content/answers")
    _git(portal, "commit", "-q", "-m", f"Answer {idea_id}")
    taken, again = _taken(_build(portal))
    # The idea, the pages that list, count or link it (with its status badge), and the hand-edited page
    # are made again; the rest is taken from the last build.
    assert again == generated
    assert 20 < taken < generated
    assert not (portal / "site" / "ideas" / edited.parent.name / "index.html").read_text("utf-8").endswith("-->")

    clean = tmp_path / "clean"
    _git(portal, "clone", "-q", str(portal), str(clean))
    fresh = mkdocs_build(clean)
    assert fresh.returncode == 0, fresh.stderr[-3000:]

    # The same files with the same bytes; Pagefind's search bundle by its content (benchmarks/site_tree.py).
    expected = site_tree(clean / "site")
    assert differences(site_tree(portal / "site"), expected) == []
    # The rebuild did change what the answer touches: the idea's page, its feed and the search index.
    changed = {name for name in expected if before.get(name) != expected[name]}
    assert f"ideas/{idea_id}/index.html" in changed
    assert f"feeds/ideas/{idea_id}.xml" in changed
    assert CANONICAL_SEARCH in changed
    assert not list(portal.glob(".portal-search-*"))
    assert not (portal / "site.partial").exists()

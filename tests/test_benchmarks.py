"""Smoke test of the benchmark harness, so it cannot rot: a small generated portal validates, has a
history, and `python -m benchmarks.run` times every phase of it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.make_corpus import build, demo_shape
from benchmarks.run import PHASES
from generator.check import check_portal
from generator.config import load_project
from generator.history import read_history

REPO = Path(__file__).resolve().parents[1]


def test_generated_corpus_validates_and_has_history(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    counts = build(root, ideas=200, votes=2000, commits=300, seed=3)
    assert counts["commits"] == 300
    assert len(list((root / "content/ideas").glob("*.yaml"))) == 200
    supporters = sum(
        text.count("\n  - ") for text in (p.read_text("utf-8") for p in (root / "content/votes").glob("*.yaml"))
    )
    assert supporters == 2000
    project = load_project(root / "mkdocs.yml")
    outcome = check_portal(project, today=max(dt.date(2026, 11, 23), dt.date.today()))
    assert outcome.ok, [str(p) for p in outcome.problems[:10]]
    assert outcome.portal is not None
    history = read_history(root, "content", project.settings.forge_url)
    assert history.available, history.reason
    assert sum(len(events) for events in history.events.values()) >= 200
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True, check=True
    )
    assert status.stdout == "", "the checkout should equal the last commit"


def test_generated_corpus_answers_like_the_demo(tmp_path: Path) -> None:
    demo = demo_shape()
    assert demo.answered >= 0.7, "the demo itself answers most of its ideas"
    root = tmp_path / "portal"
    counts = build(root, ideas=200, votes=200, commits=250, seed=4)
    shape = demo_shape(root / "content")  # measured on the files, not taken from the counts
    assert shape.answered >= 0.7
    assert counts["answered"] == len(shape.steps)
    multi = sum(1 for steps in shape.steps if steps > 1)
    assert multi >= len(shape.steps) // 4, "about a third of the demo's answered ideas have several answers"
    assert counts["multi_step"] == multi
    assert max(shape.steps) <= max(demo.steps)
    # Bodies as long as the demo's: each drawn length is reached, overshooting by less than one sentence.
    assert min(demo.answer_words) <= min(shape.answer_words)
    assert max(shape.answer_words) < max(demo.answer_words) + 20
    assert min(demo.idea_words) <= min(shape.idea_words)
    assert max(shape.idea_words) < max(demo.idea_words) + 20
    outcome = check_portal(load_project(root / "mkdocs.yml"), today=max(dt.date(2026, 11, 23), dt.date.today()))
    assert outcome.ok, [str(p) for p in outcome.problems[:10]]


def test_older_shape_answers_the_share_asked_for(tmp_path: Path) -> None:
    counts = build(tmp_path / "portal", ideas=100, answered=0.3, votes=100, commits=120, seed=4)
    assert counts["answered"] == 30
    assert len(list((tmp_path / "portal/content/answers").glob("*.yaml"))) == 30


def test_generation_is_deterministic(tmp_path: Path) -> None:
    build(tmp_path / "a", ideas=30, votes=300, commits=40, seed=5)
    build(tmp_path / "b", ideas=30, votes=300, commits=40, seed=5)
    heads = [
        subprocess.run(
            ["git", "-C", str(tmp_path / n), "rev-parse", "HEAD^{tree}"], capture_output=True, text=True, check=True
        ).stdout
        for n in "ab"
    ]
    assert heads[0] == heads[1]


def test_run_prints_every_phase_and_every_reference(tmp_path: Path) -> None:
    options = ["--sizes", "200", "--runs", "1", "--web", "200", "--work", str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for phase in PHASES:
        assert f"| {phase} |" in result.stdout
    assert "× reference" in result.stdout
    for reference in ("(C load)", "(git log + cat-file)", "(Hugo)", "(full build)", "(Pagefind alone)", "(Material)"):
        assert reference in result.stdout
    assert "| requests to other origins | 0 |" in result.stdout

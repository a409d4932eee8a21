"""Smoke test of the benchmark harness, so it cannot rot: a small generated portal validates, has a
history, and `python -m benchmarks.run` times every phase of it against its references (plain MkDocs +
Material among them), sees `mkdocs serve` show a saved answer, and writes issue 14's targets."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.hugo_reference import prepare as hugo_prepare
from benchmarks.make_corpus import build, demo_shape
from benchmarks.references import idea_pages, mkdocs_project
from benchmarks.run import (
    PHASES,
    PLAIN,
    PREVIEW_PHASE,
    Measured,
    Rebuild,
    Timing,
    answered_share,
    corpus,
    describe,
    growth,
    preview,
    targets,
)
from benchmarks.site_tree import differences, site_tree
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


def test_run_prints_every_phase_every_reference_and_the_targets(tmp_path: Path) -> None:
    options = ["--sizes", "30", "--runs", "1", "--web", "30", "--preview", "30", "--work", str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-3000:]
    for phase in (*PHASES, PREVIEW_PHASE):
        assert f"| {phase} |" in out
    assert "× reference" in out
    references = ("(C load)", "(git log + cat-file)", f"({PLAIN})", "(Hugo)", "(full build)", "(Pagefind alone)")
    for reference in (*references, "(Material)"):
        assert reference in out
    assert "| requests to other origins | 0 |" in out
    # The description reads the answered share from the corpus it ran on.
    (root,) = tmp_path.glob("ideas30-*")
    answered = len(list((root / "content/answers").glob("*.yaml")))
    assert f"30 ideas, {answered} of them answered ({answered / 30:.0%})" in out
    # The plain MkDocs + Material reference built every idea's page; the rebuild equals a clean build;
    # `mkdocs serve` showed the saved answer on the idea's page.
    assert f"- {PLAIN}: 30 idea pages built" in out
    assert "- rebuild equals a clean build of the same commit: yes" in out
    shown = re.findall(r"- preview: ideas/(\d{4}-\d{4})/ showed the answer's text after [\d.]+ s", out)
    assert len(shown) == 1
    assert not (root / "content/answers" / f"{shown[0]}.yaml").exists(), "the answer went into a clone"
    assert "Targets at 30 ideas" in out
    targets = [
        line
        for line in out.splitlines()
        if line.startswith(("| clean build ≤", "| preview:", "| rebuild after one answer ≤"))
    ]
    assert len(targets) == 3
    assert all(line.endswith(("| yes |", "| no |")) for line in targets)
    assert re.search(r"^\| 30 \| [\d.]+ s \| [\d.]+ s \|", out, re.MULTILINE), "the growth table's row"


def test_corpus_is_cached_per_answered_share_and_described_by_its_files(tmp_path: Path) -> None:
    older, took = corpus(tmp_path, 40, 2, answered=0.3)
    assert took is not None
    assert "answered0.3" in older.name
    assert corpus(tmp_path, 40, 2, answered=0.3) == (older, None)
    assert answered_share(older) == 0.3
    assert "40 ideas, 12 of them answered (30%)" in describe(older)
    demo_like, _ = corpus(tmp_path, 40, 2)
    assert demo_like != older
    assert answered_share(demo_like) >= 0.7


def test_preview_shows_each_saved_answer_in_mkdocs_serve(tmp_path: Path) -> None:
    root, _ = corpus(tmp_path, 30, 1)
    result = preview(root, tmp_path, runs=2)
    assert len(result.runs) == 2
    first, second = result.runs
    assert first.idea != second.idea, "a new answer each run, on an idea that had none"
    assert first.text != second.text
    for run in result.runs:
        assert run.detected is not None, "serve's log says it saw the change"
        assert run.detected > 0
    assert result.first_build > 0
    assert not (tmp_path / f"preview-{root.name}").exists(), "the clone is removed"
    assert not (root / "content/answers" / f"{first.idea}.yaml").exists(), "the cached corpus is untouched"


def test_reference_pages_hold_title_body_and_every_answer(tmp_path: Path) -> None:
    root, _ = corpus(tmp_path, 30, 1)
    pages = {page.id: page for page in idea_pages(root)}
    assert len(pages) == 30
    answered = sorted((root / "content/answers").glob("*.yaml"))[0]
    answers = yaml.safe_load(answered.read_text("utf-8"))["answers"]
    idea = yaml.safe_load((root / "content/ideas" / answered.name).read_text("utf-8"))
    page = pages[answered.stem]
    assert page.title == idea["title"]
    assert page.markdown.startswith(idea["body"].strip())
    for answer in answers:
        assert f"## {answer['status']}, {answer['date']}\n\n{answer['body'].strip()}" in page.markdown
    # Both references are made of the same pages.
    plain = tmp_path / "plain"
    assert mkdocs_project(root, plain, search=False) == 30
    assert (plain / "docs/ideas" / f"{page.id}.md").read_text("utf-8") == f"# {page.title}\n\n{page.markdown}"
    assert "plugins: []" in (plain / "mkdocs.yml").read_text("utf-8")
    hugo = hugo_prepare(root, tmp_path / "hugo")
    assert (hugo / "content/ideas" / f"{page.id}.md").read_text("utf-8").endswith(page.markdown)


def test_site_trees_differ_by_missing_and_changed_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for site in (first, second):
        (site / "ideas").mkdir(parents=True)
        (site / "index.html").write_text("<p>same</p>", encoding="utf-8")
    (first / "ideas/one.html").write_text("<p>old</p>", encoding="utf-8")
    (second / "ideas/one.html").write_text("<p>new</p>", encoding="utf-8")
    (first / "ideas/stale.html").write_text("<p>gone</p>", encoding="utf-8")
    assert differences(site_tree(first), site_tree(second)) == ["ideas/one.html", "ideas/stale.html"]
    (second / "ideas/one.html").write_text("<p>old</p>", encoding="utf-8")
    (first / "ideas/stale.html").unlink()
    assert differences(site_tree(first), site_tree(second)) == []


def _measured(ideas: int, clean: float, plain: float, memory_mib: float, rebuild: float = 1.0) -> Measured:
    def at(value: float) -> Timing:
        return Timing(value, value, value)

    return Measured(
        ideas=ideas,
        rows=[],
        clean=at(clean),
        plain=at(plain),
        plain_pages=ideas,
        hugo=at(clean / 10),
        rebuild=Rebuild(at(rebuild), (), 100),
        memory_all_mib=at(memory_mib),
        memory_one_mib=at(memory_mib / 2),
        preview=None,
    )


def test_targets_and_growth_tables_read_off_the_targets() -> None:
    results = [
        _measured(1_000, 10.0, 5.0, 200.0),
        _measured(10_000, 50.0, 60.0, 900.0, rebuild=9.0),
        _measured(50_000, 800.0, 300.0, 4000.0),
    ]
    text = targets(results)
    assert "Targets at 10,000 ideas" in text, "the largest size up to 10,000"
    rows = {line.split(" | ")[0]: line for line in text.splitlines() if line.startswith("| ")}
    assert rows[f"| clean build ≤ 1.0 × {PLAIN} building the same idea pages"].endswith("| 0.83 | yes |")
    assert rows["| rebuild after one answer ≤ 20% of the clean build, output identical"].endswith("| 0.18 | yes |")
    assert "900 MiB = 0.94 GB" in rows["| peak memory of the whole build ≤ 1 GB"]
    assert rows["| peak memory of the whole build ≤ 1 GB"].endswith("| yes |")
    # 200 MiB to 4,000 MiB for 50 times the ideas: memory ∝ ideas^0.77.
    assert "ideas^0.77" in rows["| memory grows less than linearly to 50,000 ideas"]
    assert rows["| memory grows less than linearly to 50,000 ideas"].endswith("| yes |")
    assert "13.3 min, 4.19 GB" in rows["| 50,000 ideas build within 15 min and 7 GB"]
    assert rows["| 50,000 ideas build within 15 min and 7 GB"].endswith("| yes |")
    assert "not measured" in rows["| preview: `mkdocs serve` shows a saved answer within 2 s"]
    table = growth(results)
    assert "| 50,000 | 800.0 s | 300.0 s | 2.67 |" in table
    assert table.splitlines()[-1].endswith("| 13.3 min, 4.19 GB: yes |")
    too_slow = targets([_measured(10_000, 50.0, 40.0, 1000.0), _measured(50_000, 901.0, 300.0, 4000.0)])
    slow = {line.split(" | ")[0]: line for line in too_slow.splitlines() if line.startswith("| ")}
    assert slow[f"| clean build ≤ 1.0 × {PLAIN} building the same idea pages"].endswith("| 1.25 | no |")
    assert "1,000 MiB = 1.05 GB" in slow["| peak memory of the whole build ≤ 1 GB"], "1 GB is 10⁹ bytes"
    assert slow["| peak memory of the whole build ≤ 1 GB"].endswith("| no |")
    assert "15.0 min" in slow["| 50,000 ideas build within 15 min and 7 GB"]
    assert slow["| 50,000 ideas build within 15 min and 7 GB"].endswith("| no |"), "901 s is over 15 minutes"


def _record(idea_id: str, text: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>{idea_id}</title></head><body>'
        f'<article data-pagefind-body><h1 data-pagefind-meta="title">{idea_id}</h1><p>{text}</p></article>'
        "</body></html>"
    )


def test_search_shards_find_what_one_bundle_finds(tmp_path: Path) -> None:
    """Shards merged in the browser answer a query with the same pages as one bundle (real Pagefind, Chromium)."""
    from benchmarks.browser_bench import CHROMIUM, NO_CHROMIUM
    from benchmarks.search_shards import compare

    if not CHROMIUM.is_file():
        pytest.skip(NO_CHROMIUM)
    records = tmp_path / "records"
    texts = {
        "2025-0001": "A bench by the harbour.",
        "2025-0002": "Lights on the harbour path.",
        "2026-0001": "More buses at night.",
        "2026-0002": "A harbour bath for everyone.",
        "2026-0003": "Trees along the main street.",
    }
    for idea_id, text in texts.items():
        path = records / "ideas" / idea_id / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(_record(idea_id, text), encoding="utf-8")
    table = compare(records, tmp_path / "work", 2, ["harbour"], "en")
    assert table.startswith("5 ideas; 2 shards of up to 2 (by year)")
    # Three ideas hold "harbour", in both shards (2026 is the bundle, 2025 a shard): each side found all three.
    row = next(line for line in table.splitlines() if "«harbour»" in line)
    assert re.search(r"\(\d+; 3\) \| [\d.]+ kB \(\d+; 3\)", row), row
    assert sorted(path.name for path in (tmp_path / "work" / "sharded" / "pagefind" / "s").iterdir()) == ["2025"]

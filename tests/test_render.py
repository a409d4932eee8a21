"""`generator.render`: Markdown to safe HTML, and the Markdown kept from one build to the next."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

from generator.render import (
    MAX_NESTING,
    RENDERER,
    TIME_BUDGET,
    MarkdownCache,
    safe_html,
    too_deep,
)
from tests.support import PortalDir, mkdocs_build


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def test_markdown_is_rendered_and_cleaned() -> None:
    text = "# Title\n\nSome *text* <script>alert(1)</script> [x](javascript:alert(1))"
    html = MarkdownCache().html(text)
    assert "<h3>Title</h3>" in html
    assert "<em>text</em>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert safe_html(text) == html  # a text outside a build's pages, rendered the same way


def test_a_build_keeps_what_it_rendered_and_only_that(tmp_path: Path) -> None:
    cache = tmp_path / "markdown.json"
    markdown = MarkdownCache()
    markdown.load(tmp_path / "missing.json")
    markdown.html("Kept *text*, build one.")
    markdown.save(cache)
    saved = json.loads(cache.read_text(encoding="utf-8"))
    assert saved["renderer"] == RENDERER
    assert saved["markdown"] == {_key("Kept *text*, build one."): "<p>Kept <em>text</em>, build one.</p>"}
    markdown.load(cache)
    markdown.html("Another text, build two.")
    markdown.save(cache)
    assert list(json.loads(cache.read_text(encoding="utf-8"))["markdown"]) == [_key("Another text, build two.")]


def _loaded(cache: Path, text: str, kept: str) -> MarkdownCache:
    """A cache that loaded the file `cache`, written as an earlier build keeps `text` rendered as `kept`."""
    cache.write_text(json.dumps({"renderer": RENDERER, "markdown": {_key(text): kept}}), encoding="utf-8")
    markdown = MarkdownCache()
    markdown.load(cache)
    return markdown


def test_a_rebuild_with_the_same_cache_takes_what_the_last_build_rendered(tmp_path: Path) -> None:
    """`mkdocs serve` hands each rebuild the last one's cache: its texts are not rendered again, even when
    the file the last build wrote is gone; a new cache, as a new process has, knows only the file."""
    text = "A text a preview rendered before."
    cache = tmp_path / "markdown.json"
    kept = "<p>as an earlier build rendered it</p>"
    markdown = _loaded(cache, text, kept)
    assert markdown.html(text) == kept
    cache.unlink()
    markdown.load(cache)  # the next rebuild
    assert markdown.html(text) == kept
    fresh = MarkdownCache()
    fresh.load(cache)
    assert fresh.html(text) == "<p>A text a preview rendered before.</p>"


def test_kept_markdown_is_used_but_always_cleaned(tmp_path: Path) -> None:
    text = "A text no earlier test rendered in this process."
    kept = '<p>from the cache <script>alert(1)</script><a href="javascript:x" onclick="y">a</a></p>'
    html = _loaded(tmp_path / "markdown.json", text, kept).html(text)
    assert html.startswith("<p>from the cache")  # Markdown did not run again
    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_a_cache_of_another_renderer_or_broken_is_ignored(tmp_path: Path) -> None:
    text = "Yet another text, rendered for real."
    cache = tmp_path / "markdown.json"
    cache.write_text(json.dumps({"renderer": "other", "markdown": {_key(text): "<p>stale</p>"}}), encoding="utf-8")
    markdown = MarkdownCache()
    markdown.load(cache)
    assert markdown.html(text) == "<p>Yet another text, rendered for real.</p>"
    cache.write_text("{not json", encoding="utf-8")
    markdown = MarkdownCache()
    markdown.load(cache)
    assert markdown.html(text) == "<p>Yet another text, rendered for real.</p>"


TEXTS = [
    f"# Idea {n}\n\nSome *text* for number {n}, <script>alert({n})</script> and [a link](java\tscript:x{n}).\n\n"
    f"| a | b |\n|---|---|\n| {n} | {n * 2} |\n\n```\ncode {n}\n```\n"
    for n in range(40)
]


def test_texts_rendered_on_every_core_are_those_one_process_renders(tmp_path: Path) -> None:
    one = MarkdownCache()
    one_process = [one.html(text) for text in TEXTS]
    markdown = MarkdownCache()
    assert markdown.render_ahead([*TEXTS, *TEXTS], least=1, workers=2) == len(TEXTS)  # each text once
    assert markdown.render_ahead(TEXTS, least=1, workers=2) == 0  # nothing left to render
    cache = tmp_path / "markdown.json"
    markdown.save(cache)  # the worker's renderings are this build's, and kept for the next
    assert set(json.loads(cache.read_text(encoding="utf-8"))["markdown"]) == {_key(text) for text in TEXTS}
    assert [markdown.html(text) for text in TEXTS] == one_process
    assert all("<script" not in html and "javascript" not in html for html in one_process)


def test_without_worker_processes_the_texts_are_rendered_here(tmp_path: Path) -> None:
    """A script without a `__main__` guard cannot start workers (each would run the script again)."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from generator.render import MarkdownCache\n"
        "texts = [f'text *{n}*' for n in range(30)]\n"
        "markdown = MarkdownCache()\n"
        "print(markdown.render_ahead(texts, least=1, workers=2), markdown.html(texts[3]))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "30 <p>text <em>3</em></p>"


# Texts that passed intake and `portal validate` and then stopped `mkdocs build` (RecursionError),
# or took seconds each.
DEEP_ORDERED = "Ordinary text.\n\n" + "1. " * 494 + "x"
DEEP_BULLETS = "Ordinary text.\n\n" + "- " * 800
SLOW = {"tags": "<a " * 6667, "setext": "=\n" * 10000}


def _at_depth(depth: int, then: Callable[[], str]) -> str:
    """Call `then` with `depth` frames below this one: a build calls the renderer from deep in MkDocs and Jinja."""
    return then() if depth == 0 else _at_depth(depth - 1, then)


def _with_frames_left(left: int, then: Callable[[], str]) -> str:
    """Call `then` with only `left` frames of the recursion limit still free."""
    frame: FrameType | None = sys._getframe()
    used = 0
    while frame is not None:
        frame, used = frame.f_back, used + 1
    return _at_depth(sys.getrecursionlimit() - used - left, then)


def test_too_deep_counts_markers_and_indents() -> None:
    assert too_deep(DEEP_ORDERED) == (3, 494)
    assert too_deep(DEEP_BULLETS) == (3, 800)
    assert too_deep("> " * (MAX_NESTING + 1) + "x") == (1, MAX_NESTING + 1)
    assert too_deep("> " * MAX_NESTING + "x") is None
    indented = "\n".join("    " * level + f"- level {level}" for level in range(MAX_NESTING + 2))
    assert too_deep(indented) == (MAX_NESTING + 1, MAX_NESTING + 1)
    # Indented code and ordinary text are no nesting at all.
    assert too_deep("    " * 30 + "return x\n" + "-" * 80 + "\n1990. was a year") is None


@pytest.mark.parametrize("text", [DEEP_ORDERED, DEEP_BULLETS])
def test_deep_nesting_is_plain_text_even_deep_in_a_build(text: str, caplog: pytest.LogCaptureFixture) -> None:
    markdown = MarkdownCache()
    with caplog.at_level(logging.WARNING):
        html = _with_frames_left(120, lambda: markdown.html(text, "content/ideas/2026-0009.yaml"))
    assert html.startswith("<p>Ordinary text.<br>")
    assert "1. 1. 1." in html or "- - -" in html
    assert "<li>" not in html
    assert "content/ideas/2026-0009.yaml: the Markdown is nested too deep" in caplog.text


FRAMES_LEFT = 60  # twenty levels need about a hundred frames


def test_a_text_shown_as_plain_text_is_warned_about_once_a_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    markdown = MarkdownCache()
    with caplog.at_level(logging.WARNING):
        markdown.html(DEEP_BULLETS, "content/ideas/2026-0009.yaml")
        markdown.html(DEEP_BULLETS, "content/ideas/2026-0009.yaml")  # the same text on another page
        assert caplog.text.count("2026-0009.yaml: the Markdown is nested too deep") == 1
        markdown.load(tmp_path / "missing.json")  # the next build says it again
        markdown.html(DEEP_BULLETS, "content/ideas/2026-0009.yaml")
    assert caplog.text.count("2026-0009.yaml: the Markdown is nested too deep") == 2


def test_markdown_that_recurses_too_deep_is_plain_text() -> None:
    markdown = MarkdownCache()
    # Within the nesting limit, but with so little stack left that Markdown runs out of it.
    text = "\n".join("    " * level + "- item" for level in range(MAX_NESTING))
    html = _with_frames_left(FRAMES_LEFT, lambda: markdown.html(text))
    assert html.startswith("<p>- item<br>")
    # A converter stopped half-way is not used again: the next text renders as it should.
    assert "<strong>89-23</strong>" in markdown.html("My number is 1203**89-23**45.")
    assert MarkdownCache().html(text).startswith("<ul>")  # with the stack a build has, it renders


@pytest.mark.parametrize("name", sorted(SLOW))
def test_a_text_that_takes_too_long_is_cut_off_and_shown_as_plain_text(name: str, tmp_path: Path) -> None:
    markdown = MarkdownCache()
    started = time.perf_counter()
    html = markdown.html(SLOW[name])
    assert time.perf_counter() - started < TIME_BUDGET + 0.5
    assert html.startswith("<p>")
    assert "<a" not in html
    assert html.count("<br>") == SLOW[name].count("\n")
    # Not kept for the next build: a faster machine may render it in time.
    markdown.save(tmp_path / "markdown.json")
    assert json.loads((tmp_path / "markdown.json").read_text(encoding="utf-8"))["markdown"] == {}


def test_the_fallback_holds_in_the_worker_processes_too(caplog: pytest.LogCaptureFixture) -> None:
    markdown = MarkdownCache()
    texts = [DEEP_ORDERED, SLOW["tags"], "A *normal* text."]
    assert markdown.render_ahead(texts, least=1, workers=2) == len(texts)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING):
        pages = [markdown.html(text, f"file-{n}.yaml") for n, text in enumerate(texts)]
    assert time.perf_counter() - started < 0.5  # rendered in the workers, within their budget
    assert pages[2] == "<p>A <em>normal</em> text.</p>"
    assert pages[0].startswith("<p>Ordinary text.<br>")
    assert pages[1].startswith("<p>&lt;a &lt;a")
    assert "file-0.yaml" in caplog.text
    assert "file-1.yaml" in caplog.text
    assert "file-2.yaml" not in caplog.text


BUILD_CONFIG = """\
site_name: Test portal
docs_dir: pages
theme:
  name: material
  font: false
plugins:
  - portal:
      languages: [en]
"""


def test_a_build_with_a_slow_text_finishes_with_a_warning(portal: PortalDir) -> None:
    body = "Ordinary text.\n\n" + "[" * 6000 + "x" + "]" * 6000
    portal.write(
        "content/answers/2026-0001.yaml",
        "answers:\n  - date: 2026-01-20\n    status: under_review\n"
        "    department: roads\n    signed: Ann Berg, Head of Roads\n    body: |\n"
        + "".join(f"      {line}\n" for line in body.splitlines()),
    )
    portal.write("mkdocs.yml", BUILD_CONFIG)
    portal.write("pages/index.md", "# Home\n")
    validated = portal.validate()
    assert validated.exit_code == 0, validated.output
    result = mkdocs_build(portal.root)
    # Strict mode stops for the warning, but the build ran to its end: no RecursionError, no hang.
    assert "shown as plain" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr

"""`generator.render`: Markdown to safe HTML, and the Markdown kept from one build to the next."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from generator.render import RENDERER, forget, open_cache, render_ahead, safe_html, save_cache


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def test_markdown_is_rendered_and_cleaned() -> None:
    html = safe_html("# Title\n\nSome *text* <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<h3>Title</h3>" in html
    assert "<em>text</em>" in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_a_build_keeps_what_it_rendered_and_only_that(tmp_path: Path) -> None:
    cache = tmp_path / "markdown.json"
    open_cache(tmp_path / "missing.json")
    safe_html("Kept *text*, build one.")
    save_cache(cache)
    saved = json.loads(cache.read_text(encoding="utf-8"))
    assert saved["renderer"] == RENDERER
    assert saved["markdown"] == {_key("Kept *text*, build one."): "<p>Kept <em>text</em>, build one.</p>"}
    open_cache(cache)
    safe_html("Another text, build two.")
    save_cache(cache)
    assert list(json.loads(cache.read_text(encoding="utf-8"))["markdown"]) == [_key("Another text, build two.")]


def test_kept_markdown_is_used_but_always_cleaned(tmp_path: Path) -> None:
    text = "A text no earlier test rendered in this process."
    cache = tmp_path / "markdown.json"
    kept = '<p>from the cache <script>alert(1)</script><a href="javascript:x" onclick="y">a</a></p>'
    cache.write_text(json.dumps({"renderer": RENDERER, "markdown": {_key(text): kept}}), encoding="utf-8")
    open_cache(cache)
    html = safe_html(text)
    assert html.startswith("<p>from the cache")  # Markdown did not run again
    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_a_cache_of_another_renderer_or_broken_is_ignored(tmp_path: Path) -> None:
    text = "Yet another text, rendered for real."
    cache = tmp_path / "markdown.json"
    cache.write_text(json.dumps({"renderer": "other", "markdown": {_key(text): "<p>stale</p>"}}), encoding="utf-8")
    open_cache(cache)
    assert safe_html(text) == "<p>Yet another text, rendered for real.</p>"
    cache.write_text("{not json", encoding="utf-8")
    open_cache(cache)
    assert safe_html(text) == "<p>Yet another text, rendered for real.</p>"


TEXTS = [
    f"# Idea {n}\n\nSome *text* for number {n}, <script>alert({n})</script> and [a link](java\tscript:x{n}).\n\n"
    f"| a | b |\n|---|---|\n| {n} | {n * 2} |\n\n```\ncode {n}\n```\n"
    for n in range(40)
]


def test_texts_rendered_on_every_core_are_those_one_process_renders(tmp_path: Path) -> None:
    forget()
    one_process = [safe_html(text) for text in TEXTS]
    forget()
    assert render_ahead([*TEXTS, *TEXTS], least=1, workers=2) == len(TEXTS)  # each text once
    assert render_ahead(TEXTS, least=1, workers=2) == 0  # nothing left to render
    cache = tmp_path / "markdown.json"
    save_cache(cache)  # the worker's renderings are this build's, and kept for the next
    assert set(json.loads(cache.read_text(encoding="utf-8"))["markdown"]) == {_key(text) for text in TEXTS}
    assert [safe_html(text) for text in TEXTS] == one_process
    assert all("<script" not in html and "javascript" not in html for html in one_process)


def test_without_worker_processes_the_texts_are_rendered_here(tmp_path: Path) -> None:
    """A script without a `__main__` guard cannot start workers (each would run the script again)."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from generator.render import render_ahead, safe_html\n"
        "texts = [f'text *{n}*' for n in range(30)]\n"
        "print(render_ahead(texts, least=1, workers=2), safe_html(texts[3]))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "30 <p>text <em>3</em></p>"

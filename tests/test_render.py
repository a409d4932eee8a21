"""`generator.render`: Markdown to safe HTML, and the Markdown kept from one build to the next."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.render import RENDERER, open_cache, safe_html, save_cache


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

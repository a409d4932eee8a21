"""The post-build scan: it sees markup the way a browser parses it, and says where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sitecheck import scan


def _site(tmp_path: Path, html: str) -> Path:
    (tmp_path / "ideas").mkdir()
    (tmp_path / "ideas" / "index.html").write_text(f"<!doctype html>\n<p>x</p>\n{html}\n", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>fine, and on = off in text</p>", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p onclick="x()">a</p>', "<p onclick=...>"),
        ('<a href="x"onmouseover="y">glued to the previous quote</a>', "<a onmouseover=...>"),
        ("<IMG SRC=x OnError=alert(1)>", "<img onerror=...>"),
        ('<a href=" jav&#x09;ascript:alert(1)">entity tab</a>', '<a href=" jav\tascript'),
        ('<a href="JavaScript:void(0)">upper case</a>', '<a href="JavaScript:void(0)'),
        ('<svg><a xlink:href="javascript:1">svg</a></svg>', "<a xlink:href="),
        ('<iframe src="data:text/html,<script>1</script>"></iframe>', "<iframe src="),
    ],
)
def test_script_running_markup_is_found_with_its_line(tmp_path: Path, html: str, expected: str) -> None:
    findings = scan(_site(tmp_path, html))
    assert len(findings) == 1, findings
    assert findings[0].startswith("ideas/index.html: line 3: ")
    assert expected in findings[0]


def test_harmless_markup_passes(tmp_path: Path) -> None:
    html = (
        '<a href="https://example.org/on=1">on=</a><p title="javascript: a word">t</p>'
        '<img src="data:image/png;base64,AA">'
    )
    assert scan(_site(tmp_path, html)) == []

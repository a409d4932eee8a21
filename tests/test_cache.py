"""What a build keeps: one folder, one atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cache


def test_every_kept_file_is_in_the_one_folder() -> None:
    for path in (cache.HISTORY, cache.MARKDOWN, cache.PAGES, cache.SEARCH_RECORDS):
        assert path.startswith(cache.FOLDER + "/")


def test_write_atomically_creates_the_folder_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / cache.MARKDOWN
    cache.write_atomically(target, "{}")
    cache.write_atomically(target, '{"a": 1}')
    assert target.read_text(encoding="utf-8") == '{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["markdown.json"]


def test_a_failed_write_keeps_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / cache.PAGES
    cache.write_atomically(target, "old")
    with pytest.raises(UnicodeEncodeError):
        cache.write_atomically(target, "half \ud800 written")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.iterdir()] == ["pages.json"]

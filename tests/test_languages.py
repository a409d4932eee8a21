"""Every language the portal speaks is in every table that holds words, so a new language misses none.

The UI strings are in `generator/i18n.py`; a few tables live beside the code that uses them. This test
is what tells someone adding a language (docs/contributing.md) about those.
"""

from __future__ import annotations

import re

import pytest

from generator import feeds, i18n, propose, statuses
from generator.templates import THEME_DIR

LANGUAGES = set(i18n.LANGUAGES)


@pytest.mark.parametrize("status", statuses.TABLE, ids=lambda s: s.key)
def test_every_status_has_a_label_in_every_language(status: statuses.Status) -> None:
    assert set(status.labels) == LANGUAGES


def test_every_feed_title_and_the_moderation_name_are_in_every_language() -> None:
    for feed, titles in feeds._TITLES.items():
        assert set(titles) == LANGUAGES, feed
    assert set(feeds._MODERATION) == LANGUAGES


def test_every_language_has_stop_words_for_similar_ideas() -> None:
    assert set(propose.STOP_WORDS) == LANGUAGES


def test_the_search_script_says_search_is_unavailable_in_every_language() -> None:
    script = (THEME_DIR / "assets" / "search.js").read_text(encoding="utf-8")
    table = re.search(r"var UNAVAILABLE = \{(.*?)\};", script, re.DOTALL)
    assert table is not None
    assert set(re.findall(r"^\s*([a-z]{2}):", table.group(1), re.MULTILINE)) == LANGUAGES


def test_every_language_has_the_default_staff_pages() -> None:
    pages = THEME_DIR / "portal" / "pages"
    assert {folder.name for folder in pages.iterdir() if folder.is_dir()} == LANGUAGES
    english = sorted(path.name for path in (pages / "en").iterdir())
    for language in LANGUAGES:
        assert sorted(path.name for path in (pages / language).iterdir()) == english, language


def test_every_ui_string_has_a_text_in_every_language() -> None:
    for language in LANGUAGES:
        table = i18n.strings(language)
        assert all(text.strip() for text in table.values()), language

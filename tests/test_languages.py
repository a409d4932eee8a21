"""The catalogue of UI strings (generator/locale/): every language complete and in step with the template.

Adding a language is adding one `.po` (docs/contributing.md, "Add a language"). These tests are what tell
a translator what is missing: each problem names the file, the line and the key. At run time a missing
translation falls back to English; here it fails, so a release never ships one by accident.
"""

from __future__ import annotations

import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po
from playwright.sync_api import Browser, expect

from generator import i18n, statuses
from generator.templates import THEME_DIR
from tests.support import ANSWERS, CATEGORIES, DEPARTMENTS, IDEA, MKDOCS, PortalDir, mkdocs_build
from tests.test_browser import Served, _serve, browser

__all__ = ["browser"]  # a fixture of tests/test_browser.py, used here by name

TRANSLATED = i18n.LANGUAGES[1:]


def _po(language: str, folder: Path = i18n.LOCALE_DIR) -> Catalog:
    return i18n.read_catalogue(i18n.po_file(language, folder), language)


def _entries(catalog: Catalog) -> list[Message]:
    """The catalogue's messages without its header."""
    return [message for message in catalog if message.id]


def _ids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _texts(message: Message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string or ())


def _fields(text: str) -> set[str]:
    """The `{name}` placeholders in `text`, as str.format reads them."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _where(language: str, message: Message) -> str:
    path = i18n.po_file(language).relative_to(i18n.LOCALE_DIR.parents[1])
    return f"{path}:{message.lineno}: {message.context}"


def test_the_portal_speaks_english_and_each_language_with_a_po() -> None:
    assert i18n.LANGUAGES[0] == "en"
    assert {"da", "sv", "de"} <= set(TRANSLATED)
    folders = sorted(path.name for path in i18n.LOCALE_DIR.iterdir() if path.is_dir())
    assert folders == sorted(TRANSLATED), "every folder in generator/locale/ needs an LC_MESSAGES/portal.po"
    for language in TRANSLATED:
        assert str(_po(language).locale) == language, f"the Language header of {language}'s portal.po"


def test_every_key_is_in_the_template_once_with_english_text() -> None:
    template = i18n.read_catalogue(i18n.TEMPLATE)
    contexts = [message.context for message in _entries(template)]
    raw = i18n.TEMPLATE.read_text(encoding="utf-8")
    assert len(contexts) == raw.count("\nmsgctxt "), "two entries in portal.pot share a key and an English text"
    assert len(set(contexts)) == len(contexts), {c for c in contexts if contexts.count(c) > 1}
    assert all(contexts), "every entry in portal.pot needs a key (msgctxt)"
    assert all(all(text.strip() for text in _ids(message)) for message in _entries(template))
    assert all(not "".join(_texts(message)) for message in _entries(template)), "the template holds no translation"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_po_is_in_step_with_the_template(language: str) -> None:
    template = [(message.context, _ids(message)) for message in _entries(i18n.read_catalogue(i18n.TEMPLATE))]
    po = [(message.context, _ids(message)) for message in _entries(_po(language))]
    missing = [key for key, _ in template if key not in dict(po)]
    changed = [key for key, ids in po if key in dict(template) and dict(template)[key] != ids]
    extra = [key for key, _ in po if key not in dict(template)]
    assert (missing, changed, extra) == ([], [], []), "run `make catalogue` to merge portal.pot into the .po files"
    assert po == template, "the .po lists its entries in the template's order (`make catalogue` puts them so)"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_po_translates_every_string(language: str) -> None:
    catalog = _po(language)
    untranslated = [_where(language, m) for m in _entries(catalog) if not all(text.strip() for text in _texts(m))]
    fuzzy = [_where(language, m) for m in _entries(catalog) if m.fuzzy]
    assert untranslated == [], "translate these (empty msgstr)"
    assert fuzzy == [], "review these and remove their `#, fuzzy` line: their English changed"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_keeps_the_placeholders_of_its_english(language: str) -> None:
    problems = []
    for message in _entries(_po(language)):
        wanted = set().union(*(_fields(text) for text in _ids(message)))
        for text in _texts(message):
            try:
                found = _fields(text)
            except ValueError as error:
                problems.append(f"{_where(language, message)}: {error}; write a literal brace as {{{{ or }}}}")
                continue
            if found != wanted:
                problems.append(f"{_where(language, message)}: has {sorted(found)}, the English {sorted(wanted)}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_plural_has_the_forms_its_plural_forms_header_names(language: str) -> None:
    catalog = _po(language)
    assert f"nplurals={catalog.num_plurals};" in catalog.plural_forms
    plurals = [message for message in _entries(catalog) if message.pluralizable]
    assert {message.context for message in plurals} >= {"supporters", "overdue_count", "waiting_days", "overdue_days"}
    assert [_where(language, m) for m in plurals if len(_texts(m)) != catalog.num_plurals] == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_language_has_its_own_stop_words_for_similar_ideas(language: str) -> None:
    words = i18n.text("stop_words", language).split()
    assert len(words) >= 30
    assert len(set(words)) == len(words), sorted({word for word in words if words.count(word) > 1})
    assert all(word == word.lower() for word in words)


def test_every_status_has_a_label_from_the_catalogue() -> None:
    for language in i18n.LANGUAGES:
        labels = [status.label(language) for status in statuses.TABLE]
        assert len(set(labels)) == len(labels), (language, labels)
    assert statuses.BY_KEY["in_progress"].label("de") == "In Arbeit"
    assert statuses.BY_KEY["in_progress"].label("en") == "In progress"


def test_plurals_follow_each_language() -> None:
    assert [i18n.supporters_text(n, "en") for n in (0, 1, 2)] == ["0 supporters", "1 supporter", "2 supporters"]
    assert [i18n.supporters_text(n, "da") for n in (1, 1000)] == ["1 støtte", "1.000 støtter"]
    assert i18n.plural_text("waiting_days", 1, "de") == "wartet seit 1 Tag"
    assert i18n.plural_text("waiting_days", 3, "de") == "wartet seit 3 Tagen"


def test_a_language_the_catalogue_lacks_gets_english() -> None:
    assert i18n.strings("fi") == i18n.strings("en")
    assert i18n.strings("en")["home"] == "Home"
    assert i18n.supporters_text(2, "fi") == "2 supporters"


def test_an_untranslated_or_fuzzy_string_is_shown_in_english(tmp_path: Path) -> None:
    catalog = _po("da")
    home = catalog.get("Home", context="home")
    ideas = catalog.get("Ideas and questions", context="ideas")
    supporters = catalog.get(("{n} supporter", "{n} supporters"), context="supporters")
    assert home is not None
    assert ideas is not None
    assert supporters is not None
    home.string = ""
    ideas.flags.add("fuzzy")
    supporters.string = ("", "")
    path = tmp_path / "portal.po"
    with path.open("wb") as file:
        write_po(file, catalog)
    translations = i18n.translations_from(path, "da")
    assert translations.pgettext("home", "Home") == "Home"
    assert translations.pgettext("ideas", "Ideas and questions") == "Ideas and questions"
    assert translations.pgettext("all_ideas", "All ideas and questions") == "Alle idéer og spørgsmål"
    assert translations.npgettext("supporters", "{n} supporter", "{n} supporters", 2) == "{n} supporters"


def test_plural_forms_are_picked_by_the_po_header(tmp_path: Path) -> None:
    """A language with three forms (Polish), so the header's expression, not English's rule, decides."""
    catalog = Catalog(locale="pl")
    assert catalog.num_plurals == 3
    catalog.add(("{n} supporter", "{n} supporters"), ("{n} osoba", "{n} osoby", "{n} osób"), context="supporters")
    path = tmp_path / "portal.po"
    with path.open("wb") as file:
        write_po(file, catalog)
    translations = i18n.translations_from(path, "pl")
    forms = [translations.npgettext("supporters", "{n} supporter", "{n} supporters", n) for n in (1, 3, 5, 22, 25)]
    assert forms == ["{n} osoba", "{n} osoby", "{n} osób", "{n} osoby", "{n} osób"]


def test_make_catalogue_merges_the_template_into_every_po(tmp_path: Path) -> None:
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)
    # In step already: merging changes nothing.
    assert len(i18n.update_catalogues(folder)) == len(TRANSLATED)
    for language in TRANSLATED:
        assert i18n.po_file(language, folder).read_bytes() == i18n.po_file(language).read_bytes(), language
    template = i18n.read_catalogue(folder / "portal.pot")
    template.add("Print this page", context="print")
    template.add("Planning", context="planning")  # close to "Planned", a status: no guess from it
    template.delete("Home", context="home")
    template.add("Home page", context="home")
    template.delete("All ideas and questions", context="all_ideas")
    template.add("All the ideas and questions", context="all_ideas")
    with (folder / "portal.pot").open("wb") as file:
        write_po(file, template)
    i18n.update_catalogues(folder)
    for language in TRANSLATED:
        merged = _po(language, folder)
        # Matched by key, never by resemblance: a new string arrives untranslated (shown in English).
        for english, key in (("Print this page", "print"), ("Planning", "planning")):
            new = merged.get(english, context=key)
            assert new is not None
            assert (new.string, new.fuzzy, new.previous_id) == ("", False, []), (language, key)
        changed = merged.get("All the ideas and questions", context="all_ideas")
        assert changed is not None
        assert changed.fuzzy
        assert changed.string == i18n.text("all_ideas", language)  # the old translation, to review
        # The English it was made for, for the translator (Babel's reader does not keep `#|` lines).
        assert '#| msgid "All ideas and questions"' in i18n.po_file(language, folder).read_text(encoding="utf-8")
        assert merged.get("Home", context="home") is None
        home = merged.get("Home page", context="home")
        assert home is not None
        assert (home.string, home.fuzzy) == (i18n.text("home", language), True)


def test_the_documented_command_starts_a_new_language(tmp_path: Path) -> None:
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)
    # docs/contributing.md, "Add a language": `pybabel init -i generator/locale/portal.pot -d generator/locale ...`
    command = ["init", "-i", str(folder / "portal.pot"), "-d", str(folder), "-D", "portal", "-l", "fi"]
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *command], check=True, capture_output=True)
    assert i18n.languages_in(folder) == ("en", *sorted([*TRANSLATED, "fi"]))
    started = _po("fi", folder)
    assert [m.context for m in _entries(started)] == [m.context for m in _entries(_po("da"))]
    assert all(not "".join(_texts(message)) for message in _entries(started))
    assert started.plural_forms == "nplurals=2; plural=(n != 1);"


def test_every_language_has_the_default_staff_pages() -> None:
    pages = THEME_DIR / "portal" / "pages"
    assert {folder.name for folder in pages.iterdir() if folder.is_dir()} == set(i18n.LANGUAGES)
    english = sorted(path.name for path in (pages / "en").iterdir())
    for language in i18n.LANGUAGES:
        assert sorted(path.name for path in (pages / language).iterdir()) == english, language


def test_no_page_script_holds_interface_words() -> None:
    """The scripts get their words from the page (data- attributes or a JSON block rendered from the catalogue)."""
    texts = {
        text
        for language in i18n.LANGUAGES
        for key, text in i18n.strings(language).items()
        if key != "stop_words" and " " in text.strip()
    }
    for script in sorted((THEME_DIR / "assets").glob("*.js")):
        source = script.read_text(encoding="utf-8")
        assert sorted(text for text in texts if text in source) == [], script.name


# --- A site in Swedish: the catalogue's words reach pages, feeds and the search script -------------------------------

SWEDISH = "site_name: Test portal\ndocs_dir: pages\ntheme:\n  name: material\n  font: false\n  language: sv\n" + (
    MKDOCS.removeprefix("site_name: Test portal\n")
)


@pytest.fixture(scope="module")
def swedish(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = PortalDir(tmp_path_factory.mktemp("swedish"))
    site.write("mkdocs.yml", SWEDISH)
    site.write("pages/.keep", "")
    site.write("content/categories.yaml", CATEGORIES)
    site.write("content/departments.yaml", DEPARTMENTS)
    site.write("content/ideas/2026-0001.yaml", IDEA)
    site.write("content/answers/2026-0001.yaml", ANSWERS)
    result = mkdocs_build(site.root)
    assert result.returncode == 0, result.stderr
    yield from _serve(site.root / "site")


def test_a_swedish_site_takes_its_words_from_the_swedish_catalogue(swedish: Served) -> None:
    words = i18n.strings("sv")
    idea = (swedish.site / "ideas/2026-0001/index.html").read_text(encoding="utf-8")
    assert words["status:planned"] == "Planerad"
    assert f">{words['status:planned']}<" in idea
    assert f'data-unavailable="{words["search_unavailable"]}"' in idea
    feed = (swedish.site / "feeds/ideas.xml").read_text(encoding="utf-8")
    assert f'<title type="text">{words["feed_title:ideas"]}</title>' in feed


def test_the_search_box_says_search_is_unavailable_in_the_site_language(swedish: Served, browser: Browser) -> None:
    shutil.rmtree(swedish.site / "pagefind")  # the index fails to load, as on a copy of the site without it
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(swedish.url("ideas/2026-0001/"))
        page.locator("[data-portal-search] input[name=query]").focus()
        expect(page.locator("[data-portal-search] .md-search-result__meta")).to_have_text(
            "Sökningen är inte tillgänglig just nu."
        )
    finally:
        context.close()

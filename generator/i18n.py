"""The portal's own interface text, from one gettext catalogue, and Babel formatting.

Material translates its own interface through `theme.language`; the catalogue in
`generator/locale/` holds the words the portal adds. `portal.pot` is the template: English
source text as `msgid`, each string's key as `msgctxt` (templates and code ask for keys,
translators read English). Each other language is one `<code>/LC_MESSAGES/portal.po`; the
languages the portal speaks are English plus those folders. A string a `.po` leaves
untranslated (or marks fuzzy) is shown in English.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal, format_percent

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "portal"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# The catalogue's source language: its text is the template's msgid, so it has no .po.
SOURCE_LANGUAGE = "en"


def po_file(language: str, folder: Path = LOCALE_DIR) -> Path:
    """Where the catalogue of `language` is (there is one for every language but English)."""
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages_in(folder: Path) -> tuple[str, ...]:
    """English, then each language with a `<code>/LC_MESSAGES/portal.po` in the catalogue `folder`, by code."""
    found = sorted(path.parents[1].name for path in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *found)


LANGUAGES = languages_in(LOCALE_DIR)


def read_catalogue(path: Path, language: str | None = None) -> Catalog:
    """A `.pot` or `.po` file as Babel reads it."""
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


@functools.cache
def _template() -> Catalog:
    return read_catalogue(TEMPLATE)


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    """Gettext's own lookup over the language's catalogue; for English, or a language the portal lacks, none."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return gettext.NullTranslations()
    return translations_from(po_file(language), language)


def translations_from(path: Path, language: str) -> gettext.GNUTranslations:
    """Python's gettext lookup over the `.po` at `path`.

    Compiled in memory (a few milliseconds, once per language): the .mo format leaves out empty and
    fuzzy entries, so gettext answers those with the English msgid, and it picks plural forms by the
    .po's own Plural-Forms expression.
    """
    compiled = BytesIO()
    write_mo(compiled, read_catalogue(path, language))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@functools.cache
def _strings(language: str) -> dict[str, str]:
    translations = _translations(language)
    return {
        message.context: translations.pgettext(message.context, message.id)
        for message in _template()
        if message.context and isinstance(message.id, str)
    }


def strings(language: str) -> dict[str, str]:
    """Every UI string in `language` by key (English for a language or string the catalogue lacks)."""
    return dict(_strings(language))


def text(key: str, language: str) -> str:
    """One UI string in `language` by its key."""
    return _strings(language)[key]


@functools.cache
def _plurals() -> dict[str, tuple[str, str]]:
    """The English singular and plural of each plural entry, by key."""
    return {
        message.context: (message.id[0], message.id[1])
        for message in _template()
        if message.context and not isinstance(message.id, str)
    }


def plural_text(key: str, count: int, language: str) -> str:
    """The plural entry `key` for `count`, in the form the language's Plural-Forms picks, with `{n}` filled in."""
    singular, plural = _plurals()[key]
    chosen = _translations(language).npgettext(key, singular, plural, count)
    return chosen.format(n=number_text(count, language))


def update_catalogues(folder: Path = LOCALE_DIR) -> list[Path]:
    """Merge the template into every language's `.po` in `folder`, as `pybabel update` does; the files written.

    Strings are matched by key (`msgctxt`), never by resemblance: one new in the template arrives
    untranslated; one whose English changed keeps its old translation marked fuzzy, with the English
    it was made for (`#|`), for the translator to review; one the template dropped is removed. The
    `.po` then lists the strings in the template's order.
    """
    template = read_catalogue(folder / f"{DOMAIN}.pot")
    written = []
    for language in languages_in(folder)[1:]:
        path = po_file(language, folder)
        catalog = read_catalogue(path, language)
        kept = {message.context: message for message in catalog if message.id}
        for message in list(kept.values()):
            catalog.delete(message.id, context=message.context)
        for wanted in template:
            if not wanted.id:
                continue  # the header
            before = kept.get(wanted.context)
            same_shape = before is not None and isinstance(before.id, str) == isinstance(wanted.id, str)
            string = before.string if before is not None and same_shape else ("", "") if wanted.pluralizable else ""
            flags = set(before.flags) if before is not None and same_shape else set()
            # Babel's reader drops `#|` lines, so the English a fuzzy string was made for is shown until the next merge.
            previous: Any = ()
            if before is not None and same_shape and before.id != wanted.id and any(_texts(string)):
                flags.add("fuzzy")
                previous = before.id
            catalog.add(
                wanted.id,
                string,
                auto_comments=wanted.auto_comments,
                user_comments=before.user_comments if before is not None else (),
                flags=flags,
                context=wanted.context,
                previous_id=previous,
            )
        with path.open("wb") as file:
            write_po(file, catalog, ignore_obsolete=True, include_previous=True)
        written.append(path)
    return written


def _texts(string: str | tuple[str, ...] | Any) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def localised(names: dict[str, str], language: str) -> str:
    """A taxonomy name in `language`, else English, else whichever it has."""
    return names.get(language) or names.get("en") or next(iter(names.values()))


def date_text(day: dt.date, language: str) -> str:
    """A date as people of `language` write it, e.g. 3. marts 2026."""
    return format_date(day, format="long", locale=language)


def number_text(value: float, language: str) -> str:
    """A number with the language's separators."""
    return format_decimal(value, locale=language)


def percent_text(value: float, language: str) -> str:
    """A share (0–1) as a percentage in the language's style."""
    return format_percent(value, locale=language)


def supporters_text(count: int, language: str) -> str:
    """`1 supporter` / `12 supporters`, by the language's plural rule."""
    return plural_text("supporters", count, language)

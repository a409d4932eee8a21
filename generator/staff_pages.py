"""The pages staff write: about, rules, privacy and accessibility, with defaults from the settings.

A public body states its rules before it asks the public to take part. Staff
write these pages as Markdown in `content/pages/<name>.md`; the first line,
`# Title`, is the page's title. A portal without one gets the package's default
in the site's language (`theme/portal/pages/<language>/<name>.md`), filled in
from the settings: the site's name, the support threshold, the days allowed to
answer, the public repository. Both are cleaned as every other text is
(`render.MarkdownCache.html`), and staff pages are checked like content: UTF-8, a size
limit, no personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator import urls
from generator.errors import ContentError, Problem
from generator.i18n import LANGUAGES, strings
from generator.loader import display_path
from generator.models import Settings
from generator.pages import PageSpec
from generator.personal_data import find_personal_data
from generator.render import MarkdownCache
from generator.templates import THEME_DIR
from generator.yamlread import decode

FOLDER = "pages"
NAMES = ("about", "rules", "privacy", "accessibility")
MAX_BYTES = 64 * 1024
DEFAULTS = THEME_DIR / "portal" / "pages"
TAKEDOWN = "docs/personal-data-takedown.md"
_TITLE = re.compile(r"\A#[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|\Z)")
# Rendering shifts a citizen's headings two levels down (the page owns h1 and h2); a staff page's
# `##` sections are the page's own h2 again. nh3 leaves no attributes on headings, so the tags are exact.
_HEADING = re.compile(r"<(/?)h([3-6])>")


@dataclass(frozen=True, slots=True)
class StaffPage:
    """One staff page: its name (about, rules, ...), title, cleaned HTML and where it came from."""

    name: str
    title: str
    body_html: str
    source: str | None  # the content file, or None for the package's default


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _read(path: Path, display: str, settings: Settings) -> tuple[str | None, list[Problem]]:
    """A staff page's text, or the problems that keep it off the site."""
    if path.is_symlink():
        return None, [Problem(display, 0, 0, "the page is a symbolic link", "replace the link with the file itself")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 0, 0, f"cannot read the page: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                display,
                0,
                0,
                f"the page is {-(-len(raw) // 1024)} KiB; a staff page may be at most {MAX_BYTES // 1024} KiB",
                "shorten it, or link to a longer document",
            )
        ]
    text, problems = decode(display, raw)
    if text is None:
        return None, problems
    found = find_personal_data(text, settings.contact_allowlist)
    for finding in found:
        line, column = _position(text, finding.start)
        problems.append(
            Problem(
                display,
                line,
                column,
                f"the page contains what looks like a {finding.kind} ({finding.hint})",
                "the site is public: remove it (a public contact e-mail address may be listed in contact_allowlist)",
            )
        )
    return (None if problems else text), problems


def check_pages(content: Path, base: Path, settings: Settings) -> list[Problem]:
    """Every problem with the staff pages in `content/pages/`, all at once (none without the folder)."""
    return _load(content, base, settings)[1]


def _load(content: Path, base: Path, settings: Settings) -> tuple[dict[str, tuple[str, str]], list[Problem]]:
    """The staff pages found in `content/pages/` as name → (display path, text), and their problems."""
    folder = content / FOLDER
    if not folder.is_dir():
        return {}, []
    found: dict[str, tuple[str, str]] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        display = display_path(path, base)
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "readme"):
            continue
        if path.suffix != ".md" or path.stem not in NAMES or not (path.is_file() or path.is_symlink()):
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    f"unexpected file in {FOLDER}/",
                    "staff pages are " + ", ".join(f"{FOLDER}/{name}.md" for name in NAMES),
                )
            )
            continue
        text, read_problems = _read(path, display, settings)
        problems += read_problems
        if text is not None:
            found[path.stem] = (display, text)
    return found, problems


def _default(name: str, language: str, values: dict[str, object]) -> str:
    """The package's default text of a staff page, in `language` (English if there is none)."""
    folder = DEFAULTS / (language if (DEFAULTS / language).is_dir() and language in LANGUAGES else "en")
    source = (folder / f"{name}.md").read_text(encoding="utf-8")
    environment = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)  # noqa: S701 - Markdown, cleaned when rendered
    return environment.from_string(source).render(**values)


def _split(text: str, fallback: str) -> tuple[str, str]:
    """The page's title (its first line, `# Title`, else `fallback`) and the Markdown after it."""
    text = text.lstrip("\n")
    match = _TITLE.match(text)
    if match is None:
        return fallback, text
    return match.group("title").strip(), text[match.end() :]


def _html(text: str, markdown: MarkdownCache) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - 2}>", markdown.html(text))


def staff_pages(
    content: Path,
    base: Path,
    settings: Settings,
    language: str,
    site_name: str,
    markdown: MarkdownCache | None = None,
) -> list[StaffPage]:
    """The four staff pages: each from `content/pages/<name>.md` if staff wrote it, else the default; their
    Markdown rendered with the build's `markdown` cache (without one, afresh).

    Raises ContentError with every problem when a page staff wrote cannot be used.
    """
    found, problems = _load(content, base, settings)
    if problems:
        raise ContentError(problems)
    t = strings(language)
    forge = settings.forge_url.rstrip("/") if settings.forge_url else None
    values: dict[str, object] = {
        "site_name": site_name,
        "threshold": settings.support_threshold,
        "days": settings.response_days,
        "forge_url": forge,
        "intake_email": settings.intake_email,
        "takedown_url": f"{forge}/blob/main/{TAKEDOWN}" if forge else None,
    }
    markdown = markdown or MarkdownCache()
    pages = []
    for name in NAMES:
        source, text = found.get(name, (None, _default(name, language, values)))
        title, body = _split(text, t[f"page_{name}"])
        pages.append(StaffPage(name, title, _html(body, markdown), source))
    return pages


def staff_specs(pages: list[StaffPage]) -> list[PageSpec]:
    """One generated page per staff page, at `<name>/`, each linking to the others."""
    links = [{"url": urls.staff_page(page.name), "title": page.title, "name": page.name} for page in pages]
    return [
        PageSpec(
            urls.source(urls.staff_page(page.name)),
            page.title,
            urls.STAFF_PAGE_TEMPLATE,
            {"name": page.name, "body_html": page.body_html, "source": page.source, "pages": links},
        )
        for page in pages
    ]

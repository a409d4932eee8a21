"""Citizen and staff Markdown to HTML that is safe to put on a public page.

Markdown is rendered with a small set of extensions and no raw-HTML trust,
then cleaned with nh3's allow-list. The result cannot run script, load
anything from another host, restyle the page or leave an element open.

Python-Markdown is most of the cost of the pages (about 6 s for 14,000 texts
at 10,000 ideas), so its output is kept per text in a `MarkdownCache`: a
build makes one and hands it to whatever renders Markdown for its pages, and
the cache's `load` and `save` keep it from one build to the next in a file
keyed by the text's hash and the renderer's own version. Only Markdown's
output is kept: nh3 cleans it on every build, so a tampered cache file cannot
put markup on a page that the allow-list would refuse. When many texts are
new (a first build), `MarkdownCache.render_ahead` renders them on every core.

Crafted text must not stop a build: lists and quotes nested deeper than
`MAX_NESTING` (which the validator refuses too), a text that makes Markdown
recurse too deep, or one that takes longer than `TIME_BUDGET` seconds is shown
as escaped plain text instead, with a build warning. The time bound needs a
signal timer, so it holds in the build's main thread and in the worker
processes; a rebuild that `mkdocs serve` runs in a thread of its own has only
the other two.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import signal
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.cache import write_atomically
from generator.workers import cores, in_processes

TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https"}
# A relative link that names a scheme once its blanks are gone: Python-Markdown turns the tab in
# `[x](java<TAB>script:...)` into spaces, which makes it a "relative" URL the sanitiser keeps.
_SCHEME_LIKE = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Python-Markdown recurses about twice per level of list nesting; past about 450 levels a build dies with
# RecursionError. No one nests twenty lists or quotes on purpose.
MAX_NESTING = 20
# Seconds of Markdown per text. An ordinary text takes well under a millisecond; crafted ones
# (`"<a " * 6667`, `"=\n" * 10000`) take seconds each.
TIME_BUDGET = 1.0
# Leads Markdown output that is the plain-text fallback; nh3 strips it as a comment.
PLAIN = "<!-- portal: shown as plain text -->"
# A container marker at the start of a line, after what came before it on the line.
_CONTAINER = re.compile(r" {0,3}(?:>|[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def too_deep(text: str) -> tuple[int, int] | None:
    """(line number from 1, depth) of the first line whose lists and block quotes nest deeper than
    `MAX_NESTING`, counting each marker (`>`, `-`, `*`, `+`, `1.`) and each four spaces of indentation
    before them; None when no line does."""
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) <= MAX_NESTING:
            continue  # too short to hold that many markers or indents
        expanded = line.expandtabs(4)
        rest = expanded.lstrip(" ")
        indent = (len(expanded) - len(rest)) // 4
        depth = 0
        while match := _CONTAINER.match(rest):
            depth += 1
            rest = rest[match.end() :]
        if depth and depth + indent > MAX_NESTING:
            return number, depth + indent
    return None


class _ShiftHeadings(Treeprocessor):
    """The page owns h1 and h2; a citizen's `# Heading` becomes h3."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + 2)}"


class _ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_ShiftHeadings(md), "portal_shift_headings", 5)


# One converter per thread, reset per text: building a Markdown object cost a third of the page phase,
# and one object cannot convert two texts at once (a preview renders a page while a rebuild runs).
_converters = threading.local()


def _converter() -> markdown.Markdown:
    converter: markdown.Markdown | None = getattr(_converters, "converter", None)
    if converter is None:
        # attr_list, md_in_html and the like are left out on purpose: they let text set attributes.
        converter = _converters.converter = markdown.Markdown(
            extensions=["sane_lists", "tables", "fenced_code", _ShiftHeadingsExtension()]
        )
    return converter


def _relative_url(url: str) -> str | None:
    """Keep a relative link, unless without its blanks it reads as `scheme:...`."""
    return None if _SCHEME_LIKE.match("".join(url.split())) else url


# Changes to this module or to either library make every kept rendering stale.
RENDERER = hashlib.sha256(Path(__file__).read_bytes() + f"markdown {markdown.__version__}".encode()).hexdigest()[:16]


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class _TooSlow(Exception):
    """Markdown ran past its time budget."""


def _too_slow(signum: int, frame: FrameType | None) -> None:
    raise _TooSlow


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `_TooSlow` in the block after `seconds`; only a main thread can have a signal timer."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()
    handler = signal.signal(signal.SIGALRM, _too_slow)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, handler)
        if outer:  # someone else's timer was running: it goes on with what it had left
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


def plain(text: str) -> str:
    """A text as escaped plain text in one paragraph, its line breaks kept."""
    return f"<p>{html.escape(text)}</p>".replace("\n", "<br>\n")


def _convert(text: str) -> str:
    if too_deep(text) is None:
        try:
            with _time_limit(TIME_BUDGET):
                return _converter().reset().convert(text)
        except (RecursionError, _TooSlow):
            # Stopped half-way, the shared converter may keep state (its inline patterns' stack) that
            # spoils the next text: the next one gets a new converter.
            _converters.converter = None
    return PLAIN + plain(text)


# Below this many new texts, starting the worker processes (about 0.3 s: each imports Markdown)
# costs more than it saves.
POOL_LEAST = 2000


class MarkdownCache:
    """Markdown rendered by earlier builds and by this one, by text hash; a build makes one and hands it to
    whatever renders Markdown, and `mkdocs serve` hands the last rebuild's to the next.

    `load` starts a build, `html` renders a text (or takes its kept rendering), `render_ahead` renders many
    new texts at once, `save` keeps this build's renderings for the next build.
    """

    def __init__(self) -> None:
        self.known: dict[str, str] = {}  # rendered by earlier builds: the file, and this process's
        self.used: dict[str, str] = {}  # rendered or taken by this build
        self.clean: dict[str, str] = {}  # this process only: never read from a file
        self.warned: set[str] = set()  # texts shown as plain text this build, each warned about once

    def load(self, path: Path) -> None:
        """Start a build: texts rendered by an earlier build (with this cache, or into the file at `path`) are
        not rendered again.

        A missing, unreadable or stale file (another renderer version) is ignored.
        """
        known = {**self.known, **self.used}
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved.get("renderer") == RENDERER and isinstance(saved.get("markdown"), dict):
                known.update((k, v) for k, v in saved["markdown"].items() if isinstance(v, str))
        except (OSError, ValueError, AttributeError):
            pass
        self.known, self.used = known, {}
        self.warned = set()

    def save(self, path: Path) -> None:
        """Keep what this build rendered, and only that, in the file at `path` for the next build."""
        # A fallback is not kept: how long a text takes depends on the machine, so the next build tries again.
        kept = {key: rendered for key, rendered in self.used.items() if not rendered.startswith(PLAIN)}
        write_atomically(path, json.dumps({"renderer": RENDERER, "markdown": kept}))

    def render_ahead(self, texts: Iterable[str], *, least: int = POOL_LEAST, workers: int | None = None) -> int:
        """Render the Markdown of those `texts` no build has kept yet, on every core when there are at least
        `least` of them, so that `html` finds them done. Returns how many were rendered."""
        new: dict[str, str] = {}
        for text in texts:
            key = _key(text)
            if key not in self.used and key not in self.known:
                new[key] = text
        workers = workers or cores()
        if len(new) >= least and workers >= 2:
            chunk = max(1, len(new) // (workers * 8))
            rendered = in_processes(_convert, list(new.values()), workers, chunk)
            if rendered is not None:  # else no processes to be had: rendered below
                self.used.update(zip(new, rendered, strict=True))
        for key, text in new.items():
            if key not in self.used:
                self.used[key] = _convert(text)
        return len(new)

    def html(self, text: str, source: str | None = None) -> str:
        """Render Markdown and keep only harmless HTML (kept per text: answers repeat across pages).

        A text Markdown cannot render safely (see the module's docstring) is shown as plain text, with a
        warning, once per build, that names `source` (the file it came from) when given, else the text's
        first words.
        """
        key = _key(text)
        rendered = self.used.get(key)
        if rendered is None:
            rendered = self.known.get(key)
            if rendered is None:
                rendered = _convert(text)
            self.used[key] = rendered
        if rendered.startswith(PLAIN) and key not in self.warned:
            self.warned.add(key)
            where = source or f"the text beginning {text[:40]!r}"
            log.warning(
                "portal: %s: the Markdown is nested too deep or takes too long to render; it is shown as plain "
                "text. Use fewer levels of lists and quotes (at most %d).",
                where,
                MAX_NESTING,
            )
        cleaned = self.clean.get(key)
        if cleaned is None:
            cleaned = self.clean[key] = nh3.clean(
                rendered,
                tags=TAGS,
                attributes=ATTRIBUTES,
                url_schemes=URL_SCHEMES,
                url_relative=_relative_url,
                link_rel="nofollow noopener noreferrer ugc",
                strip_comments=True,
            )
        return cleaned


def safe_html(text: str, source: str | None = None) -> str:
    """One text's Markdown as harmless HTML, rendered afresh and kept nowhere: for a text that is not part of a
    build's pages (a text checked for personal data). See `MarkdownCache.html`."""
    return MarkdownCache().html(text, source)

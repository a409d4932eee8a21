"""Citizen and staff Markdown to HTML that is safe to put on a public page.

Markdown is rendered with a small set of extensions and no raw-HTML trust,
then cleaned with nh3's allow-list. The result cannot run script, load
anything from another host, restyle the page or leave an element open.

Python-Markdown is most of the cost of the pages (about 6 s for 14,000 texts
at 10,000 ideas), so its output is kept per text, in the process and, with
`open_cache`/`save_cache`, from one build to the next in a file keyed by the
text's hash and the renderer's own version. Only Markdown's output is kept:
nh3 cleans it on every build, so a tampered cache file cannot put markup
on a page that the allow-list would refuse. When many texts are new (a first
build), `render_ahead` renders them on every core.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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


class _ShiftHeadings(Treeprocessor):
    """The page owns h1 and h2; a citizen's `# Heading` becomes h3."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + 2)}"


class _ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_ShiftHeadings(md), "portal_shift_headings", 5)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # attr_list, md_in_html and the like are left out on purpose: they let text set attributes.
    # One instance, reset per text: building a Markdown object cost a third of the page phase.
    return markdown.Markdown(extensions=["sane_lists", "tables", "fenced_code", _ShiftHeadingsExtension()])


def _relative_url(url: str) -> str | None:
    """Keep a relative link, unless without its blanks it reads as `scheme:...`."""
    return None if _SCHEME_LIKE.match("".join(url.split())) else url


# Changes to this module or to either library make every kept rendering stale.
RENDERER = hashlib.sha256(Path(__file__).read_bytes() + f"markdown {markdown.__version__}".encode()).hexdigest()[:16]


class _Kept:
    """By text hash: Markdown output earlier builds rendered and this build used, and its cleaned HTML."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.clean: dict[str, str] = {}  # this process only: never read from a file


_kept = _Kept()


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _convert(text: str) -> str:
    return _converter().reset().convert(text)


def _markdown(key: str, text: str) -> str:
    rendered = _kept.used.get(key)
    if rendered is None:
        rendered = _kept.known.get(key)
        if rendered is None:
            rendered = _convert(text)
        _kept.used[key] = rendered
    return rendered


# Below this many new texts, starting the worker processes (about 0.3 s: each imports Markdown)
# costs more than it saves.
POOL_LEAST = 2000


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_ahead(texts: Iterable[str], *, least: int = POOL_LEAST, workers: int | None = None) -> int:
    """Render the Markdown of those `texts` no build has kept yet, on every core when there are at least
    `least` of them, so that `safe_html` finds them done. Returns how many were rendered."""
    new: dict[str, str] = {}
    for text in texts:
        key = _key(text)
        if key not in _kept.used and key not in _kept.known:
            new[key] = text
    workers = workers or _cores()
    if len(new) >= least and workers >= 2:
        # A fresh interpreter per worker, not a fork: `mkdocs serve` has threads running, and a fork
        # copies whatever locks they hold.
        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        try:
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                chunk = max(1, len(new) // (workers * 8))
                for key, rendered in zip(new, pool.map(_convert, new.values(), chunksize=chunk), strict=True):
                    _kept.used[key] = rendered
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had (a sandbox, a script without a `__main__` guard): rendered below
    for key, text in new.items():
        if key not in _kept.used:
            _kept.used[key] = _convert(text)
    return len(new)


def forget() -> None:
    """Drop every kept rendering, as a new process starts (the benchmark times first builds with it)."""
    _kept.known, _kept.used, _kept.clean = {}, {}, {}


def open_cache(path: Path) -> None:
    """Start a build: texts rendered by an earlier build (this process, or the file at `path`) are not rendered again.

    A missing, unreadable or stale file (another renderer version) is ignored.
    """
    known = {**_kept.known, **_kept.used}
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("renderer") == RENDERER and isinstance(saved.get("markdown"), dict):
            known.update((k, v) for k, v in saved["markdown"].items() if isinstance(v, str))
    except (OSError, ValueError, AttributeError):
        pass
    _kept.known, _kept.used = known, {}


def save_cache(path: Path) -> None:
    """Keep what this build rendered, and only that, in the file at `path` for the next build."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps({"renderer": RENDERER, "markdown": _kept.used}), encoding="utf-8")
    partial.replace(path)


def safe_html(text: str) -> str:
    """Render Markdown and keep only harmless HTML (kept per text: answers repeat across pages)."""
    key = _key(text)
    rendered = _markdown(key, text)
    cleaned = _kept.clean.get(key)
    if cleaned is None:
        cleaned = _kept.clean[key] = nh3.clean(
            rendered,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            url_relative=_relative_url,
            link_rel="nofollow noopener noreferrer ugc",
            strip_comments=True,
        )
    return cleaned

"""A last look at the built site: nothing on a page may run script the theme did not put there.

Content is sanitised long before this; the scan is the seat belt that
catches a template, an extension or a setting that lets something through.
It refuses:

- event-handler attributes (`on*`) and `javascript:`, `vbscript:` or
  `data:text/html` URLs, also as the values an SVG animation sets;
- `srcdoc` (a whole page inside an attribute), `<meta http-equiv="refresh">`
  (a redirect) and `<base>` (it moves every relative link elsewhere);
- any `<script>` but the theme's own: one whose `src` names a file of the
  built site itself (Material's bundle, the portal's `assets/*.js`, a
  portal's own local `extra_javascript`); an inline data block
  (`type="application/json"`, which a browser never runs); or an inline
  script that is, character for character, one of Material's own
  (`partials/javascripts/*.html` of the installed Material, with only the
  values of its template expressions free, and those unable to leave their
  string). A script from another host is refused: a portal that wants one
  must vendor it into its own files.

Every page is parsed with Lexbor (through selectolax), an HTML5 parser that
builds the tree the way a browser does — so `<a href="x"onclick=...>` or a
tab inside `java&#x09;script:` is seen as the browser would see it — and
five times faster than `html.parser` (see `docs/performance.md`). Lexbor
keeps no line numbers, so a page it flags is read once more with
`html.parser` to say where.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from generator.workers import cores, in_processes

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
# SVG animation sets another attribute (an `href`) to these values; `values` is a `;`-separated list.
ANIMATION_ATTRIBUTES = {"values", "to", "from", "by"}
_RUNS_SCRIPT = ("javascript:", "vbscript:", "data:text/html")
# Script types a browser treats as data and never runs.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
_MATERIAL = importlib.util.find_spec("material")
_MATERIAL_SCRIPTS = Path(_MATERIAL.origin or "" if _MATERIAL else "").parent / "templates/partials/javascripts"
_INLINE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What a template expression may print inside Material's script: a value in a string, never out of it.
_VALUE = r"[^\"'`\\<>]*"


@dataclass(frozen=True, slots=True)
class _Site:
    """A built site: its folder, and the path it is served at."""

    folder: Path
    root: str
    """The path the site is served at, ending in `/`."""


@lru_cache(maxsize=1)
def _material_inline_scripts() -> tuple[re.Pattern[str], ...]:
    """Material's own inline scripts, as patterns with each `{{ ... }}` a value that stays in its string."""
    patterns = []
    for template in sorted(_MATERIAL_SCRIPTS.glob("*.html")):
        for body in _INLINE.findall(template.read_text(encoding="utf-8")):
            if "{%" in body:
                continue  # a script assembled by template logic is never one of the allowed ones
            parts = _EXPRESSION.split(body.strip())
            patterns.append(re.compile(_VALUE.join(re.escape(part) for part in parts)))
    return tuple(patterns)


def _attribute_finding(tag: str, name: str, value: str | None) -> str | None:
    if name.startswith("on"):
        return f"<{tag} {name}=...>"
    if name in URL_ATTRIBUTES and value and "".join(value.split()).lower().startswith(_RUNS_SCRIPT):
        return f'<{tag} {name}="{value[:20]}...">'
    if name in ANIMATION_ATTRIBUTES and value and any(s in "".join(value.split()).lower() for s in _RUNS_SCRIPT):
        return f'<{tag} {name}="{value[:20]}...">'
    if name == "srcdoc":
        return f"<{tag} srcdoc=...>"
    return None


def _own_file(site: Path, page: str, src: str, root: str) -> bool:
    """Whether `src`, on the page at `page`, names a file of the built site, which is served at `root`
    (the path of `site_url`, `/` without it)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(root):
            return False  # another site on the same host
        path = "/" + path[len(root) :]
    base = PurePosixPath("/") if path.startswith("/") else PurePosixPath("/", page).parent
    resolved: list[str] = []
    for part in (base / path).parts[1:]:
        if part == "..":
            if not resolved:
                return False  # above the site's root
            resolved.pop()
        elif part not in (".", ""):
            resolved.append(part)
    return bool(resolved) and site.joinpath(*resolved).is_file()


def _element_finding(site: _Site, page: str, tag: str, attributes: dict[str, str | None], text: str) -> str | None:
    """What is wrong with one element as a whole (beyond its attributes one by one), or None."""
    if tag == "base":
        return "<base> (it would send every relative link elsewhere)"
    if tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
        return '<meta http-equiv="refresh"> (a redirect)'
    if tag != "script":
        return None
    src = attributes.get("src")
    if src is not None:
        return (
            None
            if _own_file(site.folder, page, src, site.root)
            else f'<script src="{src[:40]}"> (not a file of this site)'
        )
    if (attributes.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES:
        return None
    if any(pattern.fullmatch(text.strip()) for pattern in _material_inline_scripts()):
        return None
    return f"<script>{text.strip()[:30]}...</script> (an inline script that is not the theme's)"


class _Locator(HTMLParser):
    """The same rules as the fast pass, with the line of each finding."""

    def __init__(self, site: _Site, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site, self.page = site, page
        self.findings: list[str] = []
        self.script: tuple[int, dict[str, str | None]] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            finding = _attribute_finding(tag, name, value)
            if finding:
                self.findings.append(f"line {line}: {finding}")
        if tag == "script":
            self.script, self.text = (line, dict(attrs)), []
            return
        finding = _element_finding(self.site, self.page, tag, dict(attrs), "")
        if finding:
            self.findings.append(f"line {line}: {finding}")

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            line, attributes = self.script
            self.script = None
            finding = _element_finding(self.site, self.page, "script", attributes, "".join(self.text))
            if finding:
                self.findings.append(f"line {line}: {finding}")


def _fast_findings(site: _Site, page: str, html: bytes) -> list[str]:
    findings = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):  # type: ignore[union-attr]
        tag = node.tag or ""
        attributes = node.attributes
        for name, value in attributes.items():
            finding = _attribute_finding(tag, name, value)
            if finding:
                findings.append(finding)
        if tag in ("script", "meta", "base"):
            finding = _element_finding(site, page, tag, attributes, node.text(deep=True) if tag == "script" else "")
            if finding:
                findings.append(finding)
    return findings


# Below this many pages, starting worker processes costs more than scanning them here (a rebuild scans the
# few pages it did not take from the last build).
POOL_LEAST = 2000


def scan(
    site: Path, skip: Collection[str] = (), site_url: str | None = None, *, workers: int | None = None
) -> list[str]:
    """`path: line N: what` for every script-running attribute, URL or element in the site's HTML.

    `skip` names pages (relative to `site`) a previous build wrote and scanned, taken again byte for byte.
    `site_url` says where the site is served, so that a script at an absolute path (`/portal/assets/...`)
    can be found among its files. From `POOL_LEAST` pages on, the pages are scanned on every core
    (`workers`, default all).
    """
    root = urlsplit(site_url or "").path.rstrip("/") + "/"
    pages = [
        relative for path in sorted(site.rglob("*.html")) if (relative := path.relative_to(site).as_posix()) not in skip
    ]
    workers = workers or cores()
    if len(pages) >= POOL_LEAST and workers >= 2:
        size = -(-len(pages) // (workers * 4))
        parts = [(site, root, pages[start : start + size]) for start in range(0, len(pages), size)]
        found = in_processes(_scan_pages, parts, workers)
        if found is not None:  # else no processes to be had: scanned here
            return [finding for part in found for finding in part]
    return _scan_pages((site, root, pages))


def _scan_pages(part: tuple[Path, str, list[str]]) -> list[str]:
    """The findings on some pages of a site served at a root path (see `scan`), in the pages' order."""
    site, root, pages = part
    served = _Site(site, root)
    findings = []
    for relative in pages:
        data = (site / relative).read_bytes()
        fast = _fast_findings(served, relative, data)
        if not fast:
            continue
        locator = _Locator(served, relative)
        locator.feed(data.decode("utf-8", errors="replace"))
        locator.close()
        findings += [f"{relative}: {finding}" for finding in locator.findings or fast]
    return findings

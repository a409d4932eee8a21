"""A last look at the built site: no event-handler attribute and no `javascript:` URL anywhere.

Content is sanitised long before this; the scan is the seat belt that
catches a template or extension that lets something through.

Every page is parsed with Lexbor (through selectolax), an HTML5 parser that
builds the tree the way a browser does — so `<a href="x"onclick=...>` or a
tab inside `java&#x09;script:` is seen as the browser would see it — and
five times faster than `html.parser` (see `docs/performance.md`). Lexbor
keeps no line numbers, so a page it flags is read once more with
`html.parser` to say where.
"""

from __future__ import annotations

from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
_RUNS_SCRIPT = ("javascript:", "vbscript:", "data:text/html")


def _finding(tag: str, name: str, value: str | None) -> str | None:
    if name.startswith("on"):
        return f"<{tag} {name}=...>"
    if name in URL_ATTRIBUTES and value and "".join(value.split()).lower().startswith(_RUNS_SCRIPT):
        return f'<{tag} {name}="{value[:20]}...">'
    return None


class _Locator(HTMLParser):
    """The same rules as the fast pass, with the line of each finding."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            finding = _finding(tag, name, value)
            if finding:
                self.findings.append(f"line {self.getpos()[0]}: {finding}")


def _fast_findings(html: bytes) -> list[str]:
    findings = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):  # type: ignore[union-attr]
        for name, value in node.attributes.items():
            finding = _finding(node.tag or "", name, value)
            if finding:
                findings.append(finding)
    return findings


def scan(site: Path, skip: Collection[str] = ()) -> list[str]:
    """`path: line N: what` for every script-running attribute or URL in the site's HTML.

    `skip` names pages (relative to `site`) a previous build wrote and scanned, taken again byte for byte.
    """
    findings = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative in skip:
            continue
        data = path.read_bytes()
        fast = _fast_findings(data)
        if not fast:
            continue
        locator = _Locator()
        locator.feed(data.decode("utf-8", errors="replace"))
        locator.close()
        findings += [f"{relative}: {finding}" for finding in locator.findings or fast]
    return findings

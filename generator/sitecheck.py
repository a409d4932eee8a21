"""A last look at the built site: no event-handler attribute and no `javascript:` URL anywhere.

Content is sanitised long before this; the scan is the seat belt that
catches a template or extension that lets something through.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"line {self.getpos()[0]}: <{tag} {name}=...>")
            elif (
                name in URL_ATTRIBUTES
                and value
                and "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:text/html"))
            ):
                self.findings.append(f'line {self.getpos()[0]}: <{tag} {name}="{value[:20]}...">')


def scan(site: Path) -> list[str]:
    """`path: line N: what` for every script-running attribute or URL in the site's HTML."""
    findings = []
    for path in sorted(site.rglob("*.html")):
        scanner = _Scanner()
        scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
        scanner.close()
        findings += [f"{path.relative_to(site).as_posix()}: {finding}" for finding in scanner.findings]
    return findings

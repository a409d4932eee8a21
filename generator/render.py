"""Citizen and staff Markdown to HTML that is safe to put on a public page.

Markdown is rendered with a small set of extensions and no raw-HTML trust,
then cleaned with nh3's allow-list. The result cannot run script, load
anything from another host, restyle the page or leave an element open.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

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


@lru_cache(maxsize=65_536)
def safe_html(text: str) -> str:
    """Render Markdown and keep only harmless HTML (cached per text: answers repeat across pages)."""
    rendered = _converter().reset().convert(text)
    return nh3.clean(
        rendered,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative=_relative_url,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )

"""The pages that say how to follow the portal and reuse its data, and the feeds each page announces.

- `follow/`: what a feed reader is, which feeds exist, and an idea's own feed;
- `data/`: every open data file with its size, rows, contents, licence and
  schema, read from the very texts the build writes (`exports.export_texts`);
- `page_feeds`: the Atom feeds a page announces in its `<head>` for browsers
  and feed readers to find (`<link rel="alternate">`, see `theme/main.html`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from generator import urls
from generator.i18n import number_text, strings
from generator.pages import PageSpec
from generator.portal import Portal

# The data files in the order the page lists them, each with the i18n key of its description.
DATA_FILES = (
    ("ideas.csv", "data_ideas_csv"),
    ("ideas.json", "data_ideas_json"),
    ("answers.json", "data_answers_json"),
    ("votes.csv", "data_votes_csv"),
    ("community.csv", "data_community_csv"),
    ("datapackage.json", "data_datapackage_json"),
)


def site_feeds(language: str, *, changes: bool) -> list[dict[str, str]]:
    """The portal-wide feeds (the changes feed only when the site was built with its Git history)."""
    t = strings(language)
    feeds = [
        {"href": urls.IDEAS_FEED, "title": t["feed_ideas"]},
        {"href": urls.ANSWERS_FEED, "title": t["feed_answers"]},
    ]
    if changes:
        feeds.append({"href": urls.CHANGES_FEED, "title": t["feed_changes"]})
    return feeds


def page_feeds(spec: PageSpec, language: str, *, changes: bool) -> list[dict[str, str]]:
    """The feeds `spec`'s page announces: the home and follow pages all of the portal's, the Changes page
    the changes feed, an idea's page its own feed; other pages none."""
    if spec.src_uri in (urls.HOME_PAGE, urls.FOLLOW_PAGE):
        return site_feeds(language, changes=changes)
    if spec.src_uri == urls.CHANGES_PAGE:
        return [f for f in site_feeds(language, changes=changes) if f["href"] == urls.CHANGES_FEED]
    idea = spec.context.get("idea") if spec.template == urls.IDEA_TEMPLATE else None
    if isinstance(idea, dict):
        return [{"href": urls.idea_feed(idea["id"]), "title": strings(language)["feed_of"].format(title=idea["title"])}]
    return []


def follow_spec(portal: Portal, language: str, *, changes: bool) -> PageSpec:
    """The `follow/` page: feeds in plain words, with one idea's feed as an example."""
    example = max(portal.records.values(), key=lambda r: (r.support, r.id), default=None)
    context: dict[str, Any] = {
        "feeds": site_feeds(language, changes=changes),
        "example": (
            {
                "title": example.idea.title,
                "language": example.idea.language,
                "url": urls.idea(example.id),
                "feed": urls.idea_feed(example.id),
            }
            if example is not None
            else None
        ),
        "changes": changes,
    }
    return PageSpec(urls.FOLLOW_PAGE, strings(language)["follow_page"], urls.FOLLOW_TEMPLATE, context)


def _rows(name: str, text: str) -> int:
    """Data rows of a CSV file (without its header), or entries of a JSON list, counted without parsing
    the file: at 10,000 ideas parsing them cost a second of every build."""
    if name.endswith(".csv"):
        if '"' not in text:  # no quoted cell, so no line break inside one
            return max(text.count("\n") - 1, 0)
        return max(sum(1 for _ in csv.reader(io.StringIO(text))) - 1, 0)
    # The exports write a list of objects indented by two (exports._json); a line break inside a string is
    # written as `\n`, so each entry, and nothing else, starts a line with two spaces and `{`.
    return text.count("\n  {")


def _size(size: int, language: str) -> str:
    kilobytes = max(size / 1000, 0.1)
    return strings(language)["data_kb"].format(n=number_text(round(kilobytes, 1), language))


def _fields(resource: Mapping[str, Any]) -> list[dict[str, str]]:
    schema = resource.get("schema") or {}
    return [
        {"name": str(f["name"]), "type": str(f["type"]), "description": str(f.get("description", ""))}
        for f in schema.get("fields", [])
    ]


def data_spec(texts: Mapping[str, str], language: str) -> PageSpec:
    """The `data/` page: each open data file with its size, rows, contents, licence and schema, from `texts`
    (`exports.export_texts`, the files the build writes). Without texts, the page with nothing on it yet."""
    t = strings(language)
    if not texts:
        return PageSpec(
            urls.DATA_PAGE, t["open_data"], urls.DATA_TEMPLATE, {"files": [], "schemas": [], "licences": []}
        )
    package = json.loads(texts["datapackage.json"])
    resources = {r["path"]: r for r in package.get("resources", [])}
    licences = package.get("licenses", [])
    files = []
    for name, description in DATA_FILES:
        text = texts[name]
        resource = resources.get(name, {})
        rows = None if name == "datapackage.json" else _rows(name, text)
        files.append(
            {
                "name": name,
                "url": urls.data_file(name),
                "size": _size(len(text.encode("utf-8")), language),
                "rows": number_text(rows, language) if rows is not None else "–",
                "description": t[description],
                "fields": _fields(resource),
                "table": "schema" in resource,
            }
        )
    schemas: Iterable[str] = sorted(name for name in texts if name.startswith("schemas/"))
    context = {
        "files": files,
        "schemas": [{"name": name.removeprefix("schemas/"), "url": urls.data_file(name)} for name in schemas],
        "licences": [{"name": lic.get("title") or lic.get("name", ""), "url": lic.get("path")} for lic in licences],
    }
    return PageSpec(urls.DATA_PAGE, t["open_data"], urls.DATA_TEMPLATE, context)

"""The same idea pages, for the builds the portal is measured against.

`idea_pages` reads a generated portal's ideas and answers into one Markdown
text per idea: its body, then each answer as a `## <status>, <date>` heading
and the answer's text, in order. Both references use it, so they build the
same pages:

- `mkdocs_project` writes a plain MkDocs + Material project of those pages
  (`ideas/<id>/`, as on the portal), kept out of the navigation as the
  portal's are (with 10,000 pages in Material's navigation every page would
  render all of them, and the build would grow with the square of the site).
  With `search=False` it has `plugins: []` and nothing else: the clean build
  the portal's is compared with. With `search=True` it has Material's built-in
  search, whose downloads `benchmarks/browser_bench.py` counts;
- `benchmarks/hugo_reference.py` writes the same pages for Hugo.

    .venv/bin/python -m benchmarks.references --portal /tmp/portal-1000 --to /tmp/mkdocs-1000
    (cd /tmp/mkdocs-1000 && NO_MKDOCS_2_WARNING=1 /work/main/.venv/bin/python -m mkdocs build -q)
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT = """\
site_name: Reference (plain MkDocs + Material)
docs_dir: docs
site_dir: site
use_directory_urls: true
nav:
  - index.md
not_in_nav: |
  /ideas/
theme:
  name: material
  language: da
  font: false
plugins: {plugins}
"""


@dataclass(frozen=True, slots=True)
class IdeaPage:
    """One idea's page as the references show it: its id (the file's stem), its title, and its Markdown."""

    id: str
    title: str
    markdown: str  # the body, then every answer's status, date and text


def idea_pages(portal: Path) -> Iterator[IdeaPage]:
    """The idea pages of the portal at `portal`, in the order of their files' names."""
    content = portal / "content"
    for path in sorted((content / "ideas").glob("*.yaml")):
        idea = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)  # CSafeLoader: the safe loader, in C
        parts = [str(idea.get("body") or "").strip()]
        answer_file = content / "answers" / path.name
        if answer_file.is_file():
            answers = yaml.load(answer_file.read_bytes(), Loader=yaml.CSafeLoader) or {}
            for answer in answers.get("answers", []):
                parts.append(f"## {answer['status']}, {answer['date']}\n\n{str(answer.get('body') or '').strip()}")
        yield IdeaPage(path.stem, str(idea.get("title", path.stem)).strip(), "\n\n".join(parts) + "\n")


def mkdocs_project(portal: Path, to: Path, *, search: bool) -> int:
    """Write a plain MkDocs + Material project with the idea pages of `portal` into `to`; return how many.

    Each idea becomes `docs/ideas/<id>.md` (URL `ideas/<id>/`), its title as heading.
    The theme is Material in Danish, `font: false` as on the portal (no Google Fonts);
    `search` adds Material's built-in search plugin, otherwise `plugins: []`. The caller
    builds it (`python -m mkdocs build -q` in `to`). An existing `to` is replaced.
    """
    shutil.rmtree(to, ignore_errors=True)
    docs = to / "docs"
    (docs / "ideas").mkdir(parents=True)
    (to / "mkdocs.yml").write_text(PROJECT.format(plugins="[search]" if search else "[]"), encoding="utf-8")
    links = []
    for page in idea_pages(portal):
        (docs / "ideas" / f"{page.id}.md").write_text(f"# {page.title}\n\n{page.markdown}", encoding="utf-8")
        links.append(f"- [{page.title}](ideas/{page.id}.md)")
    index = "# Reference\n\nThe portal's idea pages, built by MkDocs + Material.\n\n" + "\n".join(links) + "\n"
    (docs / "index.md").write_text(index, encoding="utf-8")
    return len(links)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the plain MkDocs + Material reference project for a generated portal."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portal", type=Path, required=True, help="a portal made by make_corpus.py")
    parser.add_argument("--to", type=Path, required=True, help="folder for the MkDocs project (replaced)")
    parser.add_argument("--search", action="store_true", help="with Material's built-in search plugin")
    args = parser.parse_args(argv)
    pages = mkdocs_project(args.portal, args.to, search=args.search)
    print(f"{pages} idea pages written to {args.to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

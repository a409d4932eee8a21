"""What a portal keeps between builds, all under `.cache/portal/` in its root, and the one way to write it.

Nothing here is needed: deleting the folder only makes the next build start from nothing (see
docs/site.md, "What a build keeps"). The publish workflow restores the folder between runs.
Each path is relative to the portal's root (the folder of `mkdocs.yml`).
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER = ".cache/portal"
# The history reader's state at the last commit read; the build and `portal history` share it.
HISTORY = f"{FOLDER}/history.json"
# Python-Markdown's output by text hash.
MARKDOWN = f"{FOLDER}/markdown.json"
# What the last build wrote for each page, so an unchanged page is reused.
PAGES = f"{FOLDER}/pages.json"
# One search record per page, so only changed ideas are indexed again.
SEARCH_RECORDS = f"{FOLDER}/search-records"


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader finds the old file or the new one, never half of one.

    A build that stops midway, or two builds at once (each writes its own partial file), leaves no
    broken file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)

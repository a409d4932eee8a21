"""Pages of the last build that can be used again, because nothing they are made from changed.

A generated page is a function of its `PageSpec` (the data its template
gets), of the templates, of the configuration and of the code. Each page gets
an *input key*: a hash of its spec and of a *build key*, itself a hash of
the portal's template overrides, `mkdocs.yml`, the generator's source and
the MkDocs and Material versions. After a successful build, the key of each page and a hash of the
bytes written for it are saved in `.cache/portal/pages.json`. The next build
takes a page from the previous site instead of rendering it when its input
key is the same and the file in the site still has exactly the bytes that
were written. Anything else (no manifest, another build key, a site edited by
hand, another site folder) renders the page again.

`tests/test_rebuild.py` builds a site, commits an answer, rebuilds, and
compares the result with a clean build of a fresh clone, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator import cache
from generator.pages import PageSpec


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def build_key(config_file: Path, overrides: Path | None) -> str:
    """What every page depends on besides its own data: templates, configuration, code and versions.

    Material's templates are covered by its version (thousands of icon files, never edited in place);
    the portal's overrides (`custom_dir`) and the generator's source and theme by their bytes.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"mkdocs {version('mkdocs')} material {version('mkdocs-material')}".encode())
    digest.update(config_file.read_bytes())
    folders = [Path(__file__).parent] + ([overrides] if overrides else [])
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def input_key(build: str, spec: PageSpec) -> str:
    """The key of one page: its build key and everything its template is handed."""
    data = [build, spec.src_uri, spec.title, spec.template, spec.context]
    return _hash(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))


class PageReuse:
    """The previous build's pages, and this build's record of what it wrote."""

    def __init__(self, root: Path, site: Path, build: str) -> None:
        self.manifest = root / cache.PAGES
        self.site = site
        self.build = build
        self.previous: dict[str, list[str]] = {}
        self.written: dict[str, list[str]] = {}
        try:
            saved: Any = json.loads(self.manifest.read_text(encoding="utf-8"))
            if saved.get("build") == build and saved.get("site") == str(site) and isinstance(saved["pages"], dict):
                self.previous = saved["pages"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass

    def unchanged(self, dest_uri: str, key: str) -> bool:
        """True when the previous build wrote this page from the same inputs (its file may still be gone)."""
        return self.previous.get(dest_uri, [None])[0] == key

    def take(self, dest_uri: str, key: str) -> str | None:
        """The previous HTML of the page, if it was made from the same inputs and is still as written."""
        if not self.unchanged(dest_uri, key):
            return None
        try:
            data = (self.site / dest_uri).read_bytes()
        except OSError:
            return None
        if _hash(data) != self.previous[dest_uri][1]:
            return None
        return data.decode("utf-8")

    def wrote(self, dest_uri: str, key: str, html: str) -> None:
        """Note what this build wrote for a page (as MkDocs encodes it)."""
        data = html.encode("utf-8", errors="xmlcharrefreplace")
        self.written[dest_uri] = [key, _hash(data)]

    def save(self) -> None:
        """Keep this build's record for the next one (call once the site is in place)."""
        record = {"build": self.build, "site": str(self.site), "pages": self.written}
        cache.write_atomically(self.manifest, json.dumps(record, sort_keys=True))

"""What makes two built sites the same: every file with the same bytes, the search bundle compared by content.

One rule, used by `tests/test_rebuild.py` (a rebuild equals a clean build) and
by `benchmarks/run.py` (which checks the same on the generated portals it times).
Pagefind varies a few of its files from run to run on the same input: it writes
its filter values in hash-map order, and names the filter and meta files by a
hash of those bytes (and `pagefind-entry.json` holds those hashes). Those files
are decoded and compared by their content, in a sorted order; every other file
is compared byte for byte (by SHA-256, so that large sites need not be held in
memory).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any

CANONICAL_SEARCH = "pagefind (canonical)"  # the key under which a tree holds the search bundle's content
_VARYING = re.compile(r"^pagefind/(filter/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$")


def _cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """Decode the CBOR item at `at` (the subset Pagefind writes); return it and where the next one starts."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = 1 << (info - 24)
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major == 0:
        return value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw.decode() if major == 3 else raw), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} is not expected in a Pagefind file")


def canonical_search(site: Path) -> Any:
    """The Pagefind bundle's filters and page list, without the order and hashes Pagefind varies run by run."""
    bundle = site / "pagefind"

    def decoded(path: Path) -> Any:
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(b"pagefind_dcd"):
            raise ValueError(f"{path} is not a Pagefind data file")
        return _cbor(raw, len(b"pagefind_dcd"))[0]

    filters = sorted(
        (name, sorted((value, pages) for value, pages in values))
        for name, values in (decoded(path) for path in bundle.glob("filter/*.pf_filter"))
    )
    (meta,) = bundle.glob("*.pf_meta")
    version, pages, *_ = decoded(meta)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        language.pop("hash")
    return filters, version, pages, entry


def site_tree(site: Path) -> dict[str, str]:
    """Each file of the built `site` (its path, with `/`) and a digest of its bytes; the search bundle's
    varying files as one entry, `CANONICAL_SEARCH`, the digest of their content in a canonical order."""
    tree = {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }
    tree = {name: digest for name, digest in tree.items() if not _VARYING.match(name)}
    if (site / "pagefind").is_dir():
        # repr of lists, tuples, strings, bytes and numbers is the same for the same values.
        tree[CANONICAL_SEARCH] = hashlib.sha256(repr(canonical_search(site)).encode()).hexdigest()
    return tree


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The paths two `site_tree`s disagree on: files only one holds, and files with other bytes; sorted."""
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))

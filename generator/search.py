"""The site's search index: Pagefind, run in the background, written to `site/pagefind/`.

Material's own search ships the whole index to the browser before it can show
a result; Pagefind splits it into small chunks and the browser fetches only
those a query needs (see `docs/performance.md`, "Search").

What is indexed is decided by the templates, not here. Pagefind does not
read the finished site: the plugin writes one small *search record* per idea
(`theme/portal/search-record.html`: `<html lang>` and the very `<article>` the
idea page shows, from the same include, `portal/idea-article.html`) into a
temporary folder, and Pagefind indexes those on the second core while MkDocs
writes the pages on the first. The article marks itself `data-pagefind-body`,
with the parts that are not the idea's own words `data-pagefind-ignore`; the
status and the category are `data-pagefind-filter`s. Pagefind picks the
language (and its stemmer) from `<html lang>`, which follows
`theme.language` as Material's pages do. The header search box
(`theme/partials/search.html`, `theme/assets/search.js`) queries the index.

Pagefind's memory grows with the words it indexes (about 1.25 GB for 10,000
ideas), so a portal of more than `SHARD_IDEAS` ideas is indexed in *shards*:
consecutive years of ideas (by the year in their id), one Pagefind after the
other, so the build's memory is bounded by the largest shard. The newest
shard is the bundle at `pagefind/`, the others sit at `pagefind/s/<year>/`,
and the search box merges them in the browser (Pagefind's `mergeIndex`).
Each shard adds an index chunk to a first search, so a portal of at most
`SHARD_IDEAS` ideas keeps one bundle (`docs/performance.md`).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PortalError

BUNDLE = "pagefind"
SHARDS = "s"  # the older shards' bundles, inside the newest's: pagefind/s/<year>/
TIMEOUT_SECONDS = 600
# Up to this many ideas, one bundle: a first search then fetches one index chunk per word. Above it, shards of at
# most this many ideas (a single year may hold more) keep Pagefind under about 2 GB (docs/performance.md).
SHARD_IDEAS = 15_000


@dataclass(frozen=True, slots=True)
class Shard:
    """Some consecutive years of ideas, indexed by one Pagefind into `folder` (relative to the bundle: "" for
    the newest shard, the bundle itself); `pages` selects their search records (a Pagefind glob)."""

    folder: str
    pages: str


# Every search record: the one bundle of a portal of at most `SHARD_IDEAS` ideas.
WHOLE = Shard("", "**/*.html")


def shards(idea_ids: Iterable[str], most: int | None = None) -> list[Shard]:
    """The search index's shards for these ideas, newest first: one for all of them when there are at most
    `most` (`SHARD_IDEAS` unless given), else consecutive years grouped while they hold at most `most` ideas
    together."""
    most = SHARD_IDEAS if most is None else most
    per_year = Counter(idea_id[:4] for idea_id in idea_ids)
    if sum(per_year.values()) <= most:
        return [WHOLE]
    groups: list[list[str]] = []
    for year in sorted(per_year, reverse=True):
        if groups and sum(per_year[y] for y in groups[-1]) + per_year[year] <= most:
            groups[-1].append(year)
        else:
            groups.append([year])
    return [
        Shard("" if number == 0 else f"{SHARDS}/{min(years)}/", f"ideas/{{{','.join(sorted(years))}}}-*/index.html")
        for number, years in enumerate(groups)
    ]


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise PortalError(
            "search index: the Python package `pagefind` is not installed (pip install 'pagefind[bin]')"
        ) from exc
    executable = get_executable()
    if executable is None or not executable.is_file():
        raise PortalError(
            "search index: no Pagefind binary found; install it with pip install 'pagefind[bin]' "
            "or set PAGEFIND_BINARY_PATH"
        )
    return executable


class Indexing:
    """Pagefind at work in the background, one shard after the other (see `shards`): started on the search
    records, finished into the site."""

    def __init__(self, source: Path, bundle: Path, parts: list[Shard] | None = None) -> None:
        self.bundle = bundle
        self.executable = _executable()
        if not source.is_dir():
            raise PortalError(f"search index: {source} is not a folder of pages")
        self.source = source
        self.parts = parts or [WHOLE]
        # Chunk names are content hashes: a stale bundle would keep every old chunk.
        shutil.rmtree(bundle, ignore_errors=True)
        self.lock = threading.Lock()  # guards `process` and `cancelled`
        self.process: subprocess.Popen[str] | None = None
        self.cancelled = False
        self.error: PortalError | None = None
        self.thread = threading.Thread(target=self._run, name="portal-search-index", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for part in self.parts:
            output = self.bundle / part.folder
            command = [str(self.executable), "--site", str(self.source), "--output-path", str(output), "--quiet"]
            if part != WHOLE:
                command += ["--glob", part.pages]
            with self.lock:
                if self.cancelled:
                    return
                try:
                    self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                except OSError as exc:
                    self.error = PortalError(f"search index: could not run Pagefind ({self.executable}): {exc}")
                    return
                process = self.process
            try:
                stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                self.error = PortalError(f"search index: Pagefind did not finish within {TIMEOUT_SECONDS} s")
                return
            if process.returncode != 0:
                if not self.cancelled:
                    output_text = (stderr.strip() or stdout.strip())[-2000:]
                    self.error = PortalError(
                        f"search index: Pagefind failed with exit code {process.returncode}:\n{output_text}"
                    )
                return

    def finish(self) -> None:
        """Wait for Pagefind; raise `PortalError` (and leave no bundle) when it failed."""
        self.thread.join()
        if self.error is not None:
            shutil.rmtree(self.bundle, ignore_errors=True)
            raise self.error
        for part in self.parts:
            output = self.bundle / part.folder
            if not (output / "pagefind.js").is_file() or not (output / "pagefind-entry.json").is_file():
                raise PortalError(f"search index: Pagefind finished but wrote no search bundle to {output}")

    def cancel(self) -> None:
        """Stop Pagefind and remove what it wrote."""
        with self.lock:
            self.cancelled = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
        self.thread.join()
        shutil.rmtree(self.bundle, ignore_errors=True)

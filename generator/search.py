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
(`theme/partials/search.html`, `docs/site/assets/search.js`) queries the index.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.errors import PortalError

BUNDLE = "pagefind"
TIMEOUT_SECONDS = 600


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
    """Pagefind at work in the background: started on the search records, finished into the site."""

    def __init__(self, source: Path, bundle: Path) -> None:
        self.bundle = bundle
        executable = _executable()
        if not source.is_dir():
            raise PortalError(f"search index: {source} is not a folder of pages")
        # Chunk names are content hashes: a stale bundle would keep every old chunk.
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            self.process = subprocess.Popen(
                [str(executable), "--site", str(source), "--output-path", str(bundle), "--quiet"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except OSError as exc:
            raise PortalError(f"search index: could not run Pagefind ({executable}): {exc}") from exc

    def finish(self) -> None:
        """Wait for Pagefind; raise `PortalError` (and leave no bundle) when it failed."""
        try:
            stdout, stderr = self.process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.cancel()
            raise PortalError(f"search index: Pagefind did not finish within {TIMEOUT_SECONDS} s") from None
        if self.process.returncode != 0:
            shutil.rmtree(self.bundle, ignore_errors=True)
            output = (stderr.strip() or stdout.strip())[-2000:]
            raise PortalError(f"search index: Pagefind failed with exit code {self.process.returncode}:\n{output}")
        if not (self.bundle / "pagefind.js").is_file() or not (self.bundle / "pagefind-entry.json").is_file():
            raise PortalError(f"search index: Pagefind finished but wrote no search bundle to {self.bundle}")

    def cancel(self) -> None:
        """Stop Pagefind and remove what it wrote."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        shutil.rmtree(self.bundle, ignore_errors=True)

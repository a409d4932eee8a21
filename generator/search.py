"""The site's search index: Pagefind run over the built HTML, written to `site/pagefind/`.

Material's own search ships the whole index to the browser before it can show
a result; Pagefind splits it into small chunks and the browser fetches only
those a query needs (see `docs/performance.md`, "Search").

What is indexed is decided by the templates, not here: the idea template marks
its `<article>` with `data-pagefind-body`, so only idea pages (with their
official answers) are indexed and every list, statistics or about page is
left out; the current status and the category are `data-pagefind-filter`s.
Pagefind picks each page's language (and its stemmer) from `<html lang>`,
which Material sets from `theme.language`. The header search box
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


def index_site(site: Path) -> None:
    """Index the built site at `site` with Pagefind, replacing `site/pagefind/`.

    Raises `PortalError` when Pagefind is missing or fails.
    """
    site = Path(site)
    if not site.is_dir():
        raise PortalError(f"search index: {site} is not a built site")
    executable = _executable()
    bundle = site / BUNDLE
    # Chunk names are content hashes: a stale bundle would keep every old chunk.
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        result = subprocess.run(
            [str(executable), "--site", str(site), "--output-subdir", BUNDLE, "--quiet"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(bundle, ignore_errors=True)
        raise PortalError(f"search index: could not run Pagefind ({executable}): {exc}") from exc
    if result.returncode != 0:
        shutil.rmtree(bundle, ignore_errors=True)
        output = (result.stderr.strip() or result.stdout.strip())[-2000:]
        raise PortalError(f"search index: Pagefind failed with exit code {result.returncode}:\n{output}")
    if not (bundle / "pagefind.js").is_file() or not (bundle / "pagefind-entry.json").is_file():
        raise PortalError(f"search index: Pagefind finished but wrote no search bundle to {bundle}")

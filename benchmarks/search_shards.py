"""One Pagefind bundle against the same search records split into shards merged in the browser.

The question (issue 14): would indexing the ideas in shards of consecutive ids bound Pagefind's memory
(and let a rebuild re-index one shard) without making a citizen's first search download much more?

From a folder of search records (a built portal keeps them in `.cache/portal/search-records/`), this
indexes them once as one bundle and once in the shards the build makes (`generator.search.shards`:
consecutive years of at most `--most` ideas), one Pagefind after the other, timing each and taking its
peak memory; the newest shard is the primary bundle at `pagefind/` and the others sit at
`pagefind/s/<first year>/`, merged in the browser with Pagefind's `mergeIndex`.
Then, in headless Chromium (`benchmarks.browser_bench`'s launch and server), a page imports
`pagefind/pagefind.js`, merges the shards, searches each `--query` and opens the first result: the
bytes the browser fetched (as gzip would send them) and the number of results are compared.

    .venv/bin/python -m benchmarks.search_shards --records /tmp/portal/.cache/portal/search-records \\
        --most 2000 --query belysning --query cykelsti --work /tmp/shards
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.browser_bench import Request, launch, serve
from generator.search import SHARD_IDEAS, WHOLE, shards

# Runs one command and prints the peak resident set of its process tree, in KiB, as the kernel kept it.
_WRAPPER = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
_PAGE = """<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>…</title></head><body>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.options({{excerptLength: 24}});
await pagefind.init();
await Promise.all({shards}.map((path) => pagefind.mergeIndex(new URL(path, location.href).pathname)));
const found = await pagefind.search(new URLSearchParams(location.search).get("q"));
const first = found.results.length ? await found.results[0].data() : null;
document.title = `done ${{found.results.length}} ${{first ? first.url : "-"}}`;
</script></body></html>
"""


@dataclass(frozen=True, slots=True)
class Indexed:
    """One Pagefind run: how long it took and its peak memory."""

    seconds: float
    peak_kib: int


@dataclass(frozen=True, slots=True)
class Search:
    """A first search in the browser: results, the first one's address, and what was fetched."""

    results: int
    first: str
    requests: int
    gzip_bytes: int


def pagefind_executable() -> Path:
    """The Pagefind binary the portal's build uses."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SystemExit("no Pagefind binary: pip install 'pagefind[bin]'")
    return Path(executable)


def index(records: Path, bundle: Path, pages: str = WHOLE.pages) -> Indexed:
    """Run Pagefind over the `pages` (a glob) of `records` into `bundle`, in a fresh wrapper process that reports
    its peak memory."""
    start = time.perf_counter()
    command = [str(pagefind_executable()), "--site", str(records), "--output-path", str(bundle), "--quiet"]
    command += ["--glob", pages]
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *command], check=True, capture_output=True, text=True)
    return Indexed(time.perf_counter() - start, int(done.stdout.split()[-1]))


def _site(root: Path, language: str, merged: list[str]) -> None:
    (root / "index.html").write_text(_PAGE.format(language=language, shards=json.dumps(merged)), encoding="utf-8")


def first_search(site: Path, query: str) -> Search:
    """Open `site`'s search page in a fresh Chromium context and search `query` until the first result's data."""
    from playwright.sync_api import sync_playwright

    log: list[Request] = []
    with serve(site, log) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_context().new_page()
            page.goto(f"{base}index.html?q={query}")
            page.wait_for_function("document.title.startsWith('done')", timeout=120_000)
            _, results, first = page.title().split(" ", 2)
        finally:
            browser.close()
    fetched = [r for r in log if not r.path.startswith("/index.html")]
    return Search(int(results), first, len(fetched), sum(r.gzip for r in fetched))


def compare(records: Path, work: Path, most: int, queries: Sequence[str], language: str) -> str:
    """Index `records` both ways under `work` and return the comparison as Markdown."""
    shutil.rmtree(work, ignore_errors=True)
    one, sharded = work / "one", work / "sharded"
    whole = index(records, one / "pagefind")
    _site(one, language, [])
    ideas = [path.name for path in (records / "ideas").iterdir()]
    planned = shards(ideas, most)
    parts = [index(records, sharded / "pagefind" / shard.folder, shard.pages) for shard in planned]
    _site(sharded, language, [f"pagefind/{shard.folder}" for shard in planned if shard.folder])
    lines = [
        f"{len(ideas):,} ideas; {len(planned)} shards of up to {most:,} (by year)",
        "",
        "| | one bundle | shards | × one bundle |",
        "|---|---:|---:|---:|",
        f"| Pagefind's peak memory | {whole.peak_kib / 1024:,.0f} MiB | "
        f"{max(p.peak_kib for p in parts) / 1024:,.0f} MiB (the largest shard) | "
        f"{max(p.peak_kib for p in parts) / whole.peak_kib:.2f} |",
        f"| indexing, one after the other | {whole.seconds:.1f} s | {sum(p.seconds for p in parts):.1f} s | "
        f"{sum(p.seconds for p in parts) / whole.seconds:.2f} |",
    ]
    for query in queries:
        alone, merged = first_search(one, query), first_search(sharded, query)
        lines.append(
            f"| first search «{query}»: gzip bytes (requests; results) | {alone.gzip_bytes / 1000:,.1f} kB "
            f"({alone.requests}; {alone.results:,}) | {merged.gzip_bytes / 1000:,.1f} kB ({merged.requests}; "
            f"{merged.results:,}) | {merged.gzip_bytes / alone.gzip_bytes:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, required=True, help="a folder of search records (ideas/<id>/...)")
    parser.add_argument(
        "--most", type=int, default=SHARD_IDEAS, help=f"most ideas in a shard (default {SHARD_IDEAS:,}, the build's)"
    )
    parser.add_argument("--query", action="append", required=True, help="a word to search; repeat for more")
    parser.add_argument("--language", default="da", help="the records' <html lang> (default da)")
    parser.add_argument("--work", type=Path, required=True, help="a scratch folder; emptied first")
    args = parser.parse_args(argv)
    print(compare(args.records, args.work, args.most, args.query, args.language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

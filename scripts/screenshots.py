"""Take the pictures of the site that README.md and docs/site.md show: `make screenshots`.

Builds a portal in a temporary folder (by default the demo, with its dated Git
history from `portal demo`), serves it on 127.0.0.1 and photographs five pages
in Debian's Chromium at a phone's (390×844) and a desktop's (1280×800) width:
the home page, an idea page with an answer, the list of ideas, statistics and
Changes. Each picture is the first screen of its page, as a person sees it on
arrival, in the light palette, written as a PNG into `--out`
(docs/screenshots/ by default).

    python scripts/screenshots.py                       # the demo, into docs/screenshots/
    python scripts/screenshots.py --portal DIR --out D  # another portal (copied, never changed)

Exit status: 0 done, 1 the build failed, 3 no Chromium here (nothing written).
It uses only the `portal` and `mkdocs` commands and Playwright, none of the
package's code, so it shows what a user would see; Chromium is started and the
site served as the benchmarks and the browser tests do (`benchmarks/browser_bench.py`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Run as a file (`python scripts/screenshots.py`), the script finds the benchmarks package from the repository.
sys.path.insert(0, str(REPO))
from benchmarks.browser_bench import CHROMIUM, launch, serve  # noqa: E402 - needs the line above

BIN = Path(sys.executable).parent
SHOWCASE = "2025-0019"  # the demo's idea with the most to show: support, answers, a revision
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
NO_CHROMIUM = 3


def _pages(idea: str) -> dict[str, str]:
    return {
        "home": "",
        "idea": f"ideas/{idea}/",
        "list": "ideas/",
        "statistics": "statistics/",
        "changes": "changes/",
    }


def _run(*args: str, cwd: Path) -> None:
    result = subprocess.run(
        list(args), cwd=cwd, capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(1)


def build(portal: Path | None, work: Path) -> Path:
    """Build the site in `work`: a copy of `portal`, or the demo with its history. Returns the site folder."""
    root = work / "portal"
    if portal is None:
        _run(str(BIN / "portal"), "demo", "--to", str(root), cwd=REPO)
    else:
        shutil.copytree(portal, root, ignore=shutil.ignore_patterns("site", ".cache", ".venv"))
    _run(str(BIN / "mkdocs"), "build", "--site-dir", str(work / "site"), cwd=root)
    return work / "site"


def photograph(origin: str, out: Path, idea: str) -> list[Path]:
    """One PNG per page and size, `<page>-<size>.png`, of the first screen of each page."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="light")
                page = context.new_page()
                for name, path in _pages(idea).items():
                    page.goto(origin + path, wait_until="networkidle")
                    target = out / f"{name}-{size}.png"
                    page.screenshot(path=str(target), animations="disabled", caret="hide", scale="css")
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Build, serve, photograph; say what was written and how large it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portal", type=Path, help="a portal folder (mkdocs.yml, content/); default: the demo")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots", help="where the PNGs go")
    parser.add_argument("--idea", default=SHOWCASE, help=f"the idea page to show (default {SHOWCASE})")
    options = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        sys.stderr.write(f"no Chromium at {CHROMIUM}: install the chromium package, or set PORTAL_CHROMIUM\n")
        return NO_CHROMIUM
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as work:
        site = build(options.portal.resolve() if options.portal else None, Path(work))
        with serve(site) as origin:
            written = photograph(origin, options.out, options.idea)
    total = sum(path.stat().st_size for path in written)
    for path in written:
        print(f"{path}  {path.stat().st_size // 1024} KiB")
    print(f"{len(written)} pictures, {total // 1024} KiB in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

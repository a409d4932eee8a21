"""Plain helpers and sample content the tests share: a small valid portal's files, a portal on disk, the CLI
run in-process, a real `mkdocs build`. Fixtures that use them are in tests/conftest.py."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from generator.check import check_portal
from generator.cli import cli
from generator.config import load_project
from generator.portal import Portal

TODAY = dt.date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[1]

MKDOCS = """\
site_name: Test portal
plugins:
  - portal:
      languages: [en, da]
      support_threshold: 3
      response_days: 30
"""

CATEGORIES = """\
categories:
  traffic:
    name: {en: Traffic, da: Trafik}
  culture:
    name: {en: Culture, da: Kultur}
"""

DEPARTMENTS = """\
departments:
  roads:
    name: {en: Roads, da: Veje}
  culture:
    name: {en: Culture, da: Kultur}
"""

IDEA = """\
title: A safe bike lane on Harbour Road
kind: idea
submitted: 2026-01-10
author: Maja H.
category: traffic
channel: web
body: |
  Children cycle to school along Harbour Road.
  A protected lane would make it safe.
"""

QUESTION = """\
title: When does the library open on Sundays?
kind: question
submitted: 2026-02-01
author: Erik
category: culture
channel: email
body: |
  I cannot find the Sunday opening hours.
"""

ANSWERS = """\
answers:
  - date: 2026-01-20
    status: under_review
    department: roads
    signed: Ann Berg, Head of Roads
    body: |
      We are looking into it.
  - date: 2026-03-01
    status: planned
    department: roads
    signed: Ann Berg, Head of Roads
    body: |
      The lane is planned for 2027.
"""

VOTES = """\
supporters:
  - 8aa0808c443d55a9 2026-01-11 web
  - 1f03c5d2a9b04e77 2026-01-12 web
tallies:
  - count: 4
    date: 2026-01-15
    channel: meeting
    note: Citizens' meeting
"""


@dataclass
class PortalDir:
    """A portal on disk that tests may change file by file."""

    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def validate(self, *args: str) -> Result:
        return run_cli(self.root, "validate", *args)


def run_cli(cwd: Path, *args: str) -> Result:
    """Run `portal ARGS` in `cwd` in-process, as a user would from a shell."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), prog_name="portal", catch_exceptions=True)
    finally:
        os.chdir(old)


def built(site: PortalDir) -> Portal:
    """The validated Portal of a test portal; fails the test with its problems if there are any."""
    outcome = check_portal(load_project(site.root / "mkdocs.yml"), today=TODAY)
    assert outcome.portal is not None, outcome.problems
    return outcome.portal


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of the portal in `root`, as `make site` runs it, its log on stderr.

    Not `-q`: MkDocs then drops warnings before it counts them, and `--strict` would let them pass.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )

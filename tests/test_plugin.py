"""The MkDocs plugin, in real `mkdocs build` runs: it validates first and stops on problems."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PortalDir

SITE_CONFIG = """\
site_name: Test portal
docs_dir: pages
theme:
  name: material
  font: false
plugins:
  - portal:
      languages: [en, da]
      support_threshold: 3
"""


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=root, capture_output=True, text=True, check=False, timeout=120,
    )


def _site(portal: PortalDir) -> PortalDir:
    portal.write("mkdocs.yml", SITE_CONFIG)
    portal.write("pages/index.md", "# Home\n")
    return portal


def test_a_valid_portal_builds(portal: PortalDir) -> None:
    result = _build(_site(portal).root)
    assert result.returncode == 0, result.stderr
    assert (portal.root / "site/index.html").is_file()


def test_invalid_content_stops_the_build_with_every_problem(portal: PortalDir) -> None:
    _site(portal)
    portal.write("content/ideas/2026-0002.yaml", "title: no\n")
    portal.write("content/votes/2026-0001.yaml", "supporters:\n  - nonsense\n")
    result = _build(portal.root)
    assert result.returncode == 1
    assert "content/ideas/2026-0002.yaml:1:8: error: title: `no` is read by YAML as a yes/no value" in result.stderr
    assert "content/votes/2026-0001.yaml:2:5: error: supporters[0]: 'nonsense' is not a valid supporter line" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (portal.root / "site").exists()


def test_bad_plugin_options_are_config_errors(portal: PortalDir) -> None:
    _site(portal)
    portal.write("mkdocs.yml", SITE_CONFIG + "      support_treshold: 3\n")
    result = _build(portal.root)
    assert result.returncode == 1
    assert "support_treshold" in result.stderr

"""The MkDocs settings Material prints into every page unescaped: markup in them stops the build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from generator.site_settings import problems
from tests.support import PortalDir, mkdocs_build

REPO = Path(__file__).resolve().parents[1]

HOSTILE_CONFIG = """\
site_name: "Fjordby</title><script>alert(1)</script>"
site_description: 'Ideas" onload="alert(1)'
docs_dir: pages
copyright: Fjordby <a href="https://fjordby.example">municipality</a>
theme:
  name: material
  font: false
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Dark<img src=x>
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
nav:
  - Home: index.md
  - <b>Ideas</b>: ideas/index.md
extra:
  social:
    - icon: fontawesome/brands/mastodon
      link: https://social.example/@fjordby
      name: Fjordby on <i>Mastodon</i>
plugins:
  - portal:
      languages: [en]
"""


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "pages").mkdir(exist_ok=True)
    (tmp_path / "pages" / "index.md").write_text("# Home\n", encoding="utf-8")
    return path


def test_every_printed_setting_with_markup_is_named_at_its_line(tmp_path: Path) -> None:
    path = _config(tmp_path, HOSTILE_CONFIG)
    found = [str(problem) for problem in problems(load_config(str(path)), path)]
    assert [line.split(" holds")[0] for line in found] == [
        "mkdocs.yml:1:12: error: site_name 'Fjordby</title><script>alert(1)</script>'",
        "mkdocs.yml:2:19: error: site_description 'Ideas\" onload=\"alert(1)'",
        "mkdocs.yml:4:12: error: copyright 'Fjordby <a href=\"https://fjordby.example\">municipality</a>'",
        "mkdocs.yml:12:15: error: theme.palette.0.toggle.name 'Dark<img src=x>'",
        "mkdocs.yml:24:13: error: extra.social.0.name 'Fjordby on <i>Mastodon</i>'",
        "mkdocs.yml:19:5: error: the navigation title '<b>Ideas</b>'",
    ]
    assert all("write plain text" in line for line in found)


def test_the_demo_settings_pass() -> None:
    config_file = REPO / "mkdocs.yml"
    assert problems(load_config(str(config_file)), config_file) == []


def test_a_build_with_markup_in_the_site_name_stops_before_writing_anything(portal: PortalDir) -> None:
    _config(portal.root, HOSTILE_CONFIG)
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert "the site settings have problems" in result.stderr
    assert "mkdocs.yml:1:12: error: site_name 'Fjordby</title><script>" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (portal.root / "site").exists()


def test_plain_settings_build(portal: PortalDir) -> None:
    _config(portal.root, HOSTILE_CONFIG.replace("<", "(").replace(">", ")").replace('"', ""))
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    assert "Fjordby(/title)(script)alert(1)(/script)" in (portal.root / "site/index.html").read_text(encoding="utf-8")

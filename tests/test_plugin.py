"""The MkDocs plugin, in real `mkdocs build` runs: it validates first and stops on problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import PortalDir, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]

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


def _site(portal: PortalDir) -> PortalDir:
    portal.write("mkdocs.yml", SITE_CONFIG)
    portal.write("pages/index.md", "# Home\n")
    return portal


def test_a_valid_portal_builds(portal: PortalDir) -> None:
    result = mkdocs_build(_site(portal).root)
    assert result.returncode == 0, result.stderr
    assert (portal.root / "site/index.html").is_file()


def test_invalid_content_stops_the_build_with_every_problem(portal: PortalDir) -> None:
    _site(portal)
    portal.write("content/ideas/2026-0002.yaml", "title: no\n")
    portal.write("content/votes/2026-0001.yaml", "supporters:\n  - nonsense\n")
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert "content/ideas/2026-0002.yaml:1:8: error: title: `no` is read by YAML as a yes/no value" in result.stderr
    assert "content/votes/2026-0001.yaml:2:5: error: supporters[0]: 'nonsense' is not a valid supporter line" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (portal.root / "site").exists()


def test_bad_plugin_options_are_config_errors(portal: PortalDir) -> None:
    _site(portal)
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write("mkdocs.yml", config + "      support_treshold: 3\n")
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert "support_treshold" in result.stderr


HOSTILE_TITLE = "<img src=x onerror=alert(1)> & co"


def test_the_site_has_every_page_and_escapes_titles_everywhere(portal: PortalDir) -> None:
    _site(portal)
    idea = (portal.root / "content/ideas/2026-0002.yaml").read_text(encoding="utf-8")
    portal.write(
        "content/ideas/2026-0002.yaml", idea.replace("When does the library open on Sundays?", f'"{HOSTILE_TITLE}"')
    )
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    site = portal.root / "site"
    for page in (
        "index.html",
        "ideas/index.html",
        "ideas/newest/index.html",
        "ideas/2026-0001/index.html",
        "status/planned/index.html",
        "categories/traffic/index.html",
        "departments/roads/index.html",
        "statistics/index.html",
        "propose/index.html",
        "data/index.html",
        "about/index.html",
        "data/ideas.json",
        "feeds/ideas.xml",
        "feeds/ideas/2026-0001.xml",
    ):
        assert (site / page).is_file(), page
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<img src=x" not in text, html
    page = (site / "ideas/2026-0002/index.html").read_text(encoding="utf-8")
    assert "<title>2026-0002: &lt;img src=x onerror=alert(1)&gt; &amp; co - Test portal</title>" in page
    assert not (portal.root / "site.partial").exists()
    assert not list(site.rglob("feed.xml"))  # the theme's feed template is not published


def test_a_failed_build_leaves_the_previous_site_untouched(portal: PortalDir) -> None:
    _site(portal)
    assert mkdocs_build(portal.root).returncode == 0
    before = sorted(p.relative_to(portal.root).as_posix() for p in (portal.root / "site").rglob("*"))
    marker = portal.root / "site/ideas/2026-0001/index.html"
    stamp = marker.read_bytes()
    # Valid content, but a template that lets an event handler through: the post-build scan must stop it.
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write(
        "theme/portal/staff-page.html",
        '{% extends "main.html" %}{% block content %}<p onclick="x()">a</p>{% endblock %}',
    )
    portal.write("mkdocs.yml", config.replace("  font: false\n", "  font: false\n  custom_dir: theme\n"))
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert "about/index.html: line" in result.stderr
    assert "<p onclick=...>" in result.stderr
    after = sorted(p.relative_to(portal.root).as_posix() for p in (portal.root / "site").rglob("*"))
    assert after == before
    assert marker.read_bytes() == stamp
    assert not (portal.root / "site.partial").exists()


def test_a_strict_build_stopped_by_a_warning_leaves_the_previous_site_untouched(portal: PortalDir) -> None:
    _site(portal)
    assert mkdocs_build(portal.root).returncode == 0
    before = sorted(p.relative_to(portal.root).as_posix() for p in (portal.root / "site").rglob("*"))
    # A hand-written page with a broken link: a warning, which `--strict` turns into a failed build.
    portal.write("pages/notes.md", "# Notes\n\nSee [the plan](missing-plan.md).\n")
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert "missing-plan.md" in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    after = sorted(p.relative_to(portal.root).as_posix() for p in (portal.root / "site").rglob("*"))
    assert after == before
    assert not (portal.root / "site.partial").exists()


@pytest.mark.parametrize(
    ("language", "heading", "date"),
    [
        ("en", "Official answers", "March 1, 2026"),
        ("da", "Officielle svar", "1. marts 2026"),
        ("sv", "Officiella svar", "1 mars 2026"),
        ("de", "Offizielle Antworten", "1. März 2026"),
    ],
)
def test_one_build_per_language(portal: PortalDir, language: str, heading: str, date: str) -> None:
    _site(portal)
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write("mkdocs.yml", config.replace("  font: false\n", f"  font: false\n  language: {language}\n"))
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    page = (portal.root / "site/ideas/2026-0001/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in page
    assert f"<h2>{heading}</h2>" in page
    assert date in page


def test_propose_page_offers_the_configured_intake_address(portal: PortalDir) -> None:
    _site(portal)
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write(
        "mkdocs.yml",
        config + "      intake_email: ideer@fjordby.example.org\n      contact_allowlist: ['@fjordby.example.org']\n",
    )
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    page = (portal.root / "site/propose/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:ideer@fjordby.example.org"' in page

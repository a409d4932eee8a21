"""Staff pages: the package's defaults in the site language, a page staff wrote, and what keeps one off the site."""

from __future__ import annotations

import re

import pytest

from generator.check import check_portal
from generator.config import load_project
from generator.errors import ContentError
from generator.i18n import strings
from generator.staff_pages import NAMES, StaffPage, check_pages, staff_pages, staff_specs
from tests.support import TODAY, PortalDir, mkdocs_build


def _pages(portal: PortalDir, language: str = "en") -> dict[str, StaffPage]:
    project = load_project(portal.root / "mkdocs.yml")
    found = staff_pages(project.content, portal.root, project.settings, language, "Test portal")
    return {page.name: page for page in found}


@pytest.mark.parametrize("language", ["en", "da", "sv", "de"])
def test_defaults_come_from_the_settings_in_the_site_language(portal: PortalDir, language: str) -> None:
    pages = _pages(portal, language)
    assert list(pages) == list(NAMES)
    assert all(page.source is None for page in pages.values())
    # The test portal answers at 3 supporters within 30 days (tests/support.py).
    assert re.search(r"<strong>3\s", pages["about"].body_html)
    assert re.search(r"<strong>30\s", pages["about"].body_html)
    assert "Test portal" in pages["about"].title
    t = strings(language)
    assert pages["accessibility"].title == t["page_accessibility"]
    assert pages["privacy"].title == t["page_privacy"]
    # The page owns h1; a page's own `##` sections are h2 again, not h4.
    assert "<h2>" in pages["accessibility"].body_html
    assert "<h4>" not in pages["accessibility"].body_html
    assert "2016/2102" in pages["accessibility"].body_html


def test_the_takedown_procedure_is_linked_when_there_is_a_repository(portal: PortalDir) -> None:
    without = _pages(portal)["privacy"].body_html
    assert "personal-data-takedown" not in without
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write("mkdocs.yml", config + "      forge_url: https://example.org/city/portal\n")
    linked = _pages(portal)["privacy"].body_html
    assert 'href="https://example.org/city/portal/blob/main/docs/personal-data-takedown.md"' in linked


def test_a_page_staff_wrote_replaces_the_default_and_is_cleaned(portal: PortalDir) -> None:
    portal.write(
        "content/pages/about.md",
        "# About our portal\n\nWelcome.\n\n## Who answers\n\nThe roads team.<script>alert(1)</script>\n\n"
        "[mail](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
    )
    pages = _pages(portal)
    about = pages["about"]
    assert about.title == "About our portal"
    assert about.source == "content/pages/about.md"
    assert "<h2>Who answers</h2>" in about.body_html
    for bad in ("<script", "javascript:", "onerror", "<img", "<h1"):
        assert bad not in about.body_html
    assert pages["rules"].source is None  # the others keep their defaults


def test_a_page_without_a_title_line_gets_the_default_title(portal: PortalDir) -> None:
    portal.write("content/pages/rules.md", "Be kind.\n")
    assert _pages(portal, "da")["rules"].title == strings("da")["page_rules"]


def test_every_problem_is_reported_with_file_line_and_column(portal: PortalDir) -> None:
    portal.write("content/pages/rules.md", "# Rules\n\nQuestions? Call\nus on +45 32 12 34 56 any day.\n")
    portal.write("content/pages/privacy.md", b"# Privacy\n\ncaf\xe9\n")
    portal.write("content/pages/contact.md", "# Contact\n")
    portal.write("content/pages/accessibility.md", "x" * (64 * 1024 + 1))
    project = load_project(portal.root / "mkdocs.yml")
    problems = [str(p) for p in check_pages(project.content, portal.root, project.settings)]
    assert any(p.startswith("content/pages/rules.md:4:7: error: ") and "phone number" in p for p in problems)
    assert "32 12 34 56" not in "\n".join(problems)  # the message never repeats the number
    assert any(p.startswith("content/pages/privacy.md:3:4: error: byte 0xe9 is not valid UTF-8") for p in problems)
    assert any(p.startswith("content/pages/contact.md:0:0: error: unexpected file in pages/") for p in problems)
    assert any(p.startswith("content/pages/accessibility.md:0:0: error: the page is 65 KiB") for p in problems)
    with pytest.raises(ContentError) as raised:
        staff_pages(project.content, portal.root, project.settings, "en", "Test portal")
    assert len(raised.value.problems) == 4


def test_an_allowed_contact_address_may_stand_on_a_page(portal: PortalDir) -> None:
    portal.write("content/pages/privacy.md", "# Privacy\n\nWrite to dpo@city.example.org.\n")
    config = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert any("e-mail address" in p.message for p in check_portal(load_project(portal.root / "mkdocs.yml")).problems)
    portal.write("mkdocs.yml", config + "      contact_allowlist: ['@city.example.org']\n")
    assert check_portal(load_project(portal.root / "mkdocs.yml"), today=TODAY).problems == []


def test_validate_reports_staff_pages_and_accepts_the_folder(portal: PortalDir) -> None:
    assert portal.validate().exit_code == 0
    portal.write("content/pages/about.md", "# About\n\nMail me: jens.hansen@example.com\n")
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/pages/about.md:3:10:" in result.output
    assert "Traceback" not in result.output
    assert "unexpected entry" not in result.output


def test_validating_one_staff_page_checks_it(portal: PortalDir) -> None:
    path = portal.write("content/pages/rules.md", "# Rules\n\nMail me: jens.hansen@example.com\n")
    result = portal.validate(str(path))
    assert result.exit_code == 1
    assert "content/pages/rules.md:3:10:" in result.output
    assert "not a content file" not in result.output


def test_a_misspelt_pages_folder_is_pointed_out(portal: PortalDir) -> None:
    portal.write("content/page/about.md", "# About\n")
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/page:0:0: error: unexpected entry in the content folder" in result.output
    assert "did you mean pages?" in result.output


def test_the_build_stops_at_a_bad_page_and_keeps_no_site(portal: PortalDir) -> None:
    portal.write("content/pages/rules.md", "# Rules\n\nCall +45 32 12 34 56.\n")
    (portal.root / "docs").mkdir()
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert "content/pages/rules.md:3:6:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (portal.root / "site").exists()


def test_each_spec_links_the_other_pages(portal: PortalDir) -> None:
    specs = staff_specs(list(_pages(portal).values()))
    assert [spec.src_uri for spec in specs] == [f"{name}.md" for name in NAMES]
    assert [link["url"] for link in specs[0].context["pages"]] == [f"{name}/" for name in NAMES]

"""`portal codeowners`: CODEOWNERS generated from the departments, and checked for drift."""

from __future__ import annotations

from tests.support import PortalDir, run_cli

TEAMS = """\
departments:
  roads:
    name: {en: Roads, da: Veje}
    team: "@fjordby-example/roads"
  culture:
    name: {en: Culture, da: Kultur}
    team: "@fjordby-example/culture"
  mayor:
    name: {en: Mayor, da: Borgmester}
"""


def _owners(text: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in text.splitlines() if line and not line.startswith("#")}


def test_answers_belong_to_the_departments_and_the_rest_to_the_admins(portal: PortalDir) -> None:
    portal.write("content/departments.yaml", TEAMS)
    result = run_cli(portal.root, "codeowners", "--admins", "@fjordby-example/admins", "--admins", "@ann-example")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == ".github/CODEOWNERS"
    owners = _owners((portal.root / ".github/CODEOWNERS").read_text(encoding="utf-8"))
    admins = ["@fjordby-example/admins", "@ann-example"]
    assert owners["/content/answers/"] == ["@fjordby-example/roads", "@fjordby-example/culture"]
    for path in (
        "*",
        "/.github/",
        "/mkdocs.yml",
        "/theme/",
        "/generator/",
        "/.github/CODEOWNERS",
        "/content/departments.yaml",
        "/content/categories.yaml",
    ):
        assert owners[path] == admins, path
    assert owners["/content/ideas/"] == []
    # The last matching line wins: CODEOWNERS itself comes last.
    assert list(owners)[-1] == "/.github/CODEOWNERS"


def test_without_teams_the_admins_own_the_answers(portal: PortalDir) -> None:
    result = run_cli(portal.root, "codeowners", "--admins", "@fjordby-example/admins")
    assert result.exit_code == 0, result.output
    owners = _owners((portal.root / ".github/CODEOWNERS").read_text(encoding="utf-8"))
    assert owners["/content/answers/"] == ["@fjordby-example/admins"]


def test_a_later_run_keeps_the_admins_and_check_finds_drift(portal: PortalDir) -> None:
    assert run_cli(portal.root, "codeowners", "--admins", "@fjordby-example/admins").exit_code == 0
    assert run_cli(portal.root, "codeowners", "--check").exit_code == 0
    portal.write("content/departments.yaml", TEAMS)
    stale = run_cli(portal.root, "codeowners", "--check")
    assert stale.exit_code == 1
    assert "out of date: .github/CODEOWNERS" in stale.output
    assert run_cli(portal.root, "codeowners").exit_code == 0
    assert run_cli(portal.root, "codeowners", "--check").exit_code == 0
    owners = _owners((portal.root / ".github/CODEOWNERS").read_text(encoding="utf-8"))
    assert owners["*"] == ["@fjordby-example/admins"]


def test_other_output_files(portal: PortalDir) -> None:
    result = run_cli(portal.root, "codeowners", "--admins", "@a-example", "--output", "CODEOWNERS")
    assert result.exit_code == 0
    assert (portal.root / "CODEOWNERS").is_file()


def test_usage_mistakes(portal: PortalDir) -> None:
    missing = run_cli(portal.root, "codeowners")
    assert missing.exit_code == 2
    assert "--admins" in missing.output
    assert run_cli(portal.root, "codeowners", "--admins", "admins").exit_code == 2
    assert run_cli(portal.root, "codeowners", "--admins", "@a/b/c").exit_code == 2
    # A newline would start a second CODEOWNERS rule of the caller's choosing.
    assert run_cli(portal.root, "codeowners", "--admins", "@a-example\n/content/ @mallory").exit_code == 2
    assert run_cli(portal.root, "codeowners", "--admins", "@a-example\n").exit_code == 2
    (portal.root / "content/departments.yaml").unlink()
    assert run_cli(portal.root, "codeowners", "--admins", "@a-example").exit_code == 2


def test_broken_departments_are_reported_as_content_problems(portal: PortalDir) -> None:
    portal.write("content/departments.yaml", 'departments:\n  roads:\n    name: {en: Roads}\n    team: "roads"\n')
    result = run_cli(portal.root, "codeowners", "--admins", "@a-example")
    assert result.exit_code == 1
    assert "content/departments.yaml:4:" in result.output
    assert "forge team" in result.output


def test_a_team_ending_in_a_newline_is_a_content_problem(portal: PortalDir) -> None:
    portal.write("content/departments.yaml", 'departments:\n  roads:\n    name: {en: Roads}\n    team: "@x/roads\\n"\n')
    result = run_cli(portal.root, "codeowners", "--admins", "@a-example")
    assert result.exit_code == 1
    assert "content/departments.yaml:4:" in result.output
    assert not (portal.root / ".github/CODEOWNERS").exists()

"""`portal init`: a new portal that validates and builds with no ideas, from templates inside the package."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import __version__
from generator import schema as schemas
from generator.scaffold import FROM_REPOSITORY, Options, files, own_workflows, sync_workflows
from tests.support import REPO, mkdocs_build, run_cli

PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portal made by `portal init --yes` in Danish and English, then built once."""
    parent = tmp_path_factory.mktemp("init")
    result = run_cli(parent, "init", "fjordby", "--yes", "--name", "Fjordby Idéportal", "--languages", "da,en")
    assert result.exit_code == 0, result.output
    return parent / "fjordby"


def test_it_says_the_next_three_steps(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "init", "new-portal", "--yes")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("new-portal: a new portal, ")
    assert lines[0].endswith(" files. Next:")
    assert len(lines) == 4
    assert re.match(r"  1\. cd new-portal && pip install -r requirements.txt", lines[1])
    assert lines[2].startswith("  2. ")
    assert lines[3].startswith("  3. ")


def test_it_validates_with_no_ideas(scaffolded: Path) -> None:
    result = run_cli(scaffolded, "validate")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "no problems, 2 files checked"


def test_it_builds_and_the_empty_portal_has_its_pages(scaffolded: Path) -> None:
    built = mkdocs_build(scaffolded)
    assert built.returncode == 0, built.stderr
    home = (scaffolded / "site" / "index.html").read_text(encoding="utf-8")
    assert "Fjordby Idéportal" in home
    assert 'lang="da"' in home
    assert "assets/logo.svg" in home
    assert "assets/extra.css" in home
    assert (scaffolded / "site" / "assets" / "extra.css").is_file()
    # It invites the first idea instead of showing empty lists.
    assert "Ingen idéer endnu" in home
    assert "Vær den første" in home
    assert "Ingen lige nu." not in home
    # Nothing to search yet: no search bundle, and no error for it.
    assert not (scaffolded / "site" / "pagefind").exists()


def test_settings_come_from_the_options(scaffolded: Path) -> None:
    config = yaml.safe_load((scaffolded / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Fjordby Idéportal"
    assert config["theme"]["custom_dir"] == "theme"
    assert config["plugins"] == [
        {
            "portal": {
                "content_dir": "content",
                "languages": ["da", "en"],
                "support_threshold": 50,
                "response_days": 90,
                "forge_url": "https://github.com/your-org/idea-portal",
            }
        }
    ]


def test_each_category_names_its_department_in_every_language(scaffolded: Path) -> None:
    categories = yaml.safe_load((scaffolded / "content/categories.yaml").read_text(encoding="utf-8"))["categories"]
    departments = yaml.safe_load((scaffolded / "content/departments.yaml").read_text(encoding="utf-8"))
    assert len(categories) >= 3
    for category in categories.values():
        assert set(category["name"]) == {"da", "en"}
        assert category["department"] in departments["departments"]
    for department in departments["departments"].values():
        assert set(department["name"]) == {"da", "en"}
        assert department["team"].startswith("@your-org/")


def test_the_issue_forms_offer_every_category(scaffolded: Path) -> None:
    categories = yaml.safe_load((scaffolded / "content/categories.yaml").read_text(encoding="utf-8"))["categories"]
    for form in ("idea.yml", "question.yml"):
        data = yaml.safe_load((scaffolded / ".github/ISSUE_TEMPLATE" / form).read_text(encoding="utf-8"))
        dropdown = next(field for field in data["body"] if field.get("id") == "category")
        keys = [re.search(r"\((\w+)\)$", option).group(1) for option in dropdown["attributes"]["options"]]  # type: ignore[union-attr]
        assert keys == list(categories)
    chooser = yaml.safe_load((scaffolded / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert chooser["contact_links"][0]["url"] == "https://your-org.github.io/idea-portal/propose/"


def test_the_workflows_install_the_pinned_version_with_least_privilege(scaffolded: Path) -> None:
    assert (scaffolded / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        f"idea-portal=={__version__}"
    )
    for path in sorted((scaffolded / ".github/workflows").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["permissions"] in ({}, {"contents": "read"}), path.name
        for name, job in data["jobs"].items():
            assert "permissions" in job, f"{path.name} › {name}: no permissions of its own"
            for step in job["steps"]:
                if "uses" in step:
                    assert PINNED.match(step["uses"] + " # " + _version_comment(path, step["uses"])), (
                        f"{path.name}: {step['uses']} is not pinned by commit"
                    )
                if "pip install" in step.get("run", ""):
                    assert step["run"] == "python -m pip install --quiet -r requirements.txt", path.name
    check = yaml.safe_load((scaffolded / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    assert check["env"] == {"NO_MKDOCS_2_WARNING": "1"}
    build = check["jobs"]["validate-and-build"]
    assert build["steps"][0]["with"]["fetch-depth"] == 0
    assert "portal validate --format github --base HEAD^1" in [step.get("run") for step in build["steps"]]


def _version_comment(path: Path, uses: str) -> str:
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if uses in line)
    return line.split(" # ", 1)[1].strip()


def test_codeowners_is_what_portal_codeowners_writes(scaffolded: Path) -> None:
    result = run_cli(scaffolded, "codeowners", "--check")
    assert result.exit_code == 0, result.output
    assert "@your-org/portal-admins" in (scaffolded / ".github/CODEOWNERS").read_text(encoding="utf-8")


def test_the_schemas_are_the_models_output(scaffolded: Path) -> None:
    for name, value in schemas.schemas().items():
        text = (scaffolded / "schemas" / name).read_text(encoding="utf-8")
        assert text == schemas.schema_text(value)
        json.loads(text)
    first = (scaffolded / "content/categories.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/categories.schema.json"


def test_it_is_a_git_repository_with_nothing_private(scaffolded: Path) -> None:
    assert (scaffolded / ".git").is_dir()
    made = files(Options())
    text = "\n".join(made.values())
    assert not re.search(r"[\w.+-]+@(?!users\.noreply\.github\.com)[\w-]+\.[\w.]+", text.replace("@your-org/", ""))
    assert ".gitignore" in made
    assert "site/" in made[".gitignore"]


@pytest.mark.parametrize("name", sorted(own_workflows()))
def test_this_repositorys_workflows_come_from_the_same_templates(name: str) -> None:
    how = (
        "run `make workflows` to make the template from it"
        if name in FROM_REPOSITORY
        else f"change generator/starter/workflows/{name}, then run `make workflows`"
    )
    assert (REPO / ".github" / "workflows" / name).read_text(encoding="utf-8") == own_workflows()[name], (
        f".github/workflows/{name} differs from generator/starter/workflows/{name}: {how}"
    )


def test_syncing_loses_no_edit(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "workflows").mkdir()
    for name in FROM_REPOSITORY:
        edited = (REPO / ".github" / "workflows" / name).read_text(encoding="utf-8") + "# an edit\n"
        (tmp_path / ".github" / "workflows" / name).write_text(edited, encoding="utf-8")
    written = sync_workflows(tmp_path, tmp_path)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == [
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        "workflows/intake.yml",
        "workflows/supports.yml",
    ]
    for name in FROM_REPOSITORY:
        template = (tmp_path / "workflows" / name).read_text(encoding="utf-8")
        assert template.endswith("# an edit\n")
        assert "run: python -m pip install --quiet <%= install %>" in template
        assert "fjordby" not in template.lower()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run_cli(tmp_path, "init", "mine", "--yes")
    assert result.exit_code == 2
    assert "mine: the folder is not empty; give a new or empty folder (nothing was written)" in result.output
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_without_yes_it_asks_for_each_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    answers = "Harbour Town Ideas\nsv,en\n25\n60\nhttps://github.com/harbour-town/ideas\n"
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "p")], input=answers)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "p/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Harbour Town Ideas"
    assert config["plugins"][0]["portal"]["languages"] == ["sv", "en"]
    assert config["plugins"][0]["portal"]["support_threshold"] == 25
    assert config["plugins"][0]["portal"]["response_days"] == 60
    owners = (tmp_path / "p/.github/CODEOWNERS").read_text(encoding="utf-8")
    assert "@harbour-town/portal-admins" in owners


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--languages", "da,fi"], "--languages: fi: the portal speaks en, da, de, sv"),
        (["--forge-url", "http://example.org/x"], "--forge-url: http://example.org/x must start with https://"),
    ],
)
def test_options_it_cannot_build_are_refused_by_name(tmp_path: Path, args: list[str], said: str) -> None:
    result = run_cli(tmp_path, "init", "p", "--yes", *args)
    assert result.exit_code == 2
    assert said in result.output
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[iqa]*.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
    ],
)
def test_the_forge_accepts_the_workflows_and_forms(scaffolded: Path, schema: str, pattern: str) -> None:
    files = sorted(scaffolded.glob(pattern))
    assert files
    result = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows(scaffolded: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "zizmor"), "--offline", "--no-progress", str(scaffolded / ".github")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

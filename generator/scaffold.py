"""`portal init`: a new portal repository, ready to validate, build and publish.

The files come from templates inside the package (`generator/starter/`), so
an installed `idea-portal` scaffolds the same portal this repository is
checked against. This repository's own workflows are rendered from the same
templates (with `pip install .` and the demo build), and a test holds them
equal, so a portal's workflows cannot drift from the ones tested here.

The templates use `<%= name %>` and `<% if %>` delimiters: workflows are full
of `${{ }}` and bash `[[ ]]`, which Jinja's default delimiters would take.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator import __version__, codeowners, git
from generator import schema as schemas
from generator.config import load_project
from generator.errors import UsageProblem
from generator.i18n import LANGUAGES

STARTER = Path(__file__).resolve().parent / "starter"
REPOSITORY = Path(__file__).resolve().parents[1]
WORKFLOWS = ("check.yml", "publish.yml", "intake.yml", "supports.yml")
# Edited in this repository's .github/workflows/; their templates are made from them (`make workflows`).
FROM_REPOSITORY = ("intake.yml", "supports.yml")
OWN_BOT = ("Fjordby portal bot", "portal-bot@fjordby.example.org")
# The forge's own address for a workflow's commits: public by design, and nobody's mailbox.
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"

# Starter taxonomies: each category names the department that answers it. Staff rename, add and remove.
_DEPARTMENTS: dict[str, dict[str, str]] = {
    "roads": {"en": "Roads and Parks", "da": "Vej og Park", "sv": "Väg och park", "de": "Straßen und Parks"},
    "environment": {"en": "Environment", "da": "Miljø", "sv": "Miljö", "de": "Umwelt"},
    "culture": {
        "en": "Culture and Leisure",
        "da": "Kultur og Fritid",
        "sv": "Kultur och fritid",
        "de": "Kultur und Freizeit",
    },
}
_CATEGORIES: dict[str, tuple[dict[str, str], str]] = {
    "traffic": (
        {"en": "Traffic and roads", "da": "Trafik og veje", "sv": "Trafik och vägar", "de": "Verkehr und Straßen"},
        "roads",
    ),
    "nature": (
        {"en": "Nature and environment", "da": "Natur og miljø", "sv": "Natur och miljö", "de": "Natur und Umwelt"},
        "environment",
    ),
    "community": (
        {
            "en": "Culture and community",
            "da": "Kultur og fællesskab",
            "sv": "Kultur och gemenskap",
            "de": "Kultur und Gemeinschaft",
        },
        "culture",
    ),
}


@dataclass(frozen=True, slots=True)
class Options:
    """What a new portal is set up with (the options of `portal init`)."""

    name: str = "Idea portal"
    languages: tuple[str, ...] = ("en",)
    threshold: int = 50
    response_days: int = 90
    forge_url: str = "https://github.com/your-org/idea-portal"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(STARTER),
        variable_start_string="<%=",
        variable_end_string="%>",
        block_start_string="<%",
        block_end_string="%>",
        comment_start_string="<%#",
        comment_end_string="#%>",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - YAML, Markdown and text, never HTML
    )


def render(template: str, values: Mapping[str, Any]) -> str:
    """One starter template, filled in."""
    return _environment().get_template(template).render(**values)


def workflows(install: str, *, demo: bool = False, bot: tuple[str, str] = (BOT_NAME, BOT_EMAIL)) -> dict[str, str]:
    """The workflow files by name, installing the package with `pip install <install>`.

    `demo` builds the site from a `portal demo` copy, as this repository publishes its demo.
    """
    values = {"install": install, "demo": demo, "bot_name": bot[0], "bot_email": bot[1]}
    return {name: render(f"workflows/{name}", values) for name in WORKFLOWS}


def own_workflows() -> dict[str, str]:
    """This repository's workflows, as rendered from the package's templates."""
    return workflows(".", demo=True, bot=OWN_BOT)


def template_of(text: str) -> str:
    """The template of a workflow of this repository that differs from a portal's only in the install line
    and the bot's name and address."""
    install = "run: python -m pip install --quiet "
    return (
        text.replace(install + ".\n", install + "<%= install %>\n")
        .replace(OWN_BOT[0], "<%= bot_name %>")
        .replace(OWN_BOT[1], "<%= bot_email %>")
    )


def sync_workflows(root: Path = REPOSITORY, starter: Path = STARTER) -> list[Path]:
    """Bring this repository's workflows and the templates into step, never losing an edit.

    check.yml and publish.yml are written from their templates (this repository builds its demo
    there, so the templates hold both versions); the templates of intake.yml and supports.yml are
    made from this repository's files, which are the ones edited and tested here.
    """
    written = []
    for name, rendered in own_workflows().items():
        own = root / ".github" / "workflows" / name
        if name in FROM_REPOSITORY:
            path, text = starter / "workflows" / name, template_of(own.read_text(encoding="utf-8"))
        else:
            path, text = own, rendered
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _names(names: Mapping[str, str], languages: Sequence[str]) -> str:
    return "{" + ", ".join(f"{language}: {names[language]}" for language in languages) + "}"


def categories_yaml(languages: Sequence[str]) -> str:
    """The starter categories, each named in every language and naming its department."""
    lines = [schemas.header("categories", 1), "categories:\n"]
    for key, (names, department) in _CATEGORIES.items():
        lines += [f"  {key}:\n", f"    name: {_names(names, languages)}\n", f"    department: {department}\n"]
    return "".join(lines)


def departments_yaml(languages: Sequence[str], org: str) -> str:
    """The starter departments, each named in every language with the forge team that approves its answers."""
    lines = [schemas.header("departments", 1), "departments:\n"]
    for key, names in _DEPARTMENTS.items():
        lines += [f"  {key}:\n", f"    name: {_names(names, languages)}\n", f'    team: "@{org}/{key}"\n']
    return "".join(lines)


def _category_options(languages: Sequence[str]) -> list[str]:
    """The issue forms' category choices: the name in the first two languages, ending in the key."""
    shown = list(dict.fromkeys(languages[:2]))
    return [
        json.dumps(" · ".join(names[language] for language in shown) + f" ({key})", ensure_ascii=False)
        for key, (names, _) in _CATEGORIES.items()
    ]


def _org(forge_url: str) -> str:
    parts = forge_url.rstrip("/").split("/")
    return parts[3] if len(parts) > 4 else "your-org"


def _site_url(forge_url: str) -> str:
    """Where the forge's Pages serve the repository: https://<org>.github.io/<repository>/."""
    parts = forge_url.rstrip("/").split("/")
    if len(parts) > 4 and parts[2] == "github.com":
        return f"https://{parts[3].lower()}.github.io/{parts[4]}/"
    return forge_url.rstrip("/") + "/"


def check_options(options: Options) -> None:
    """Refuse options the portal could not be built with, naming the option."""
    unknown = [language for language in options.languages if language not in LANGUAGES]
    if unknown or not options.languages:
        raise UsageProblem(
            f"--languages: {', '.join(unknown) or 'none given'}: the portal speaks {', '.join(LANGUAGES)}"
        )
    if not options.forge_url.startswith("https://"):
        raise UsageProblem(f"--forge-url: {options.forge_url} must start with https://")
    if not options.name.strip():
        raise UsageProblem("--name: give the portal a name")


def files(options: Options) -> dict[str, str]:
    """Every file of the new portal by its path, as text."""
    check_options(options)
    languages = list(options.languages)
    org = _org(options.forge_url)
    values = {
        "name": options.name,
        "languages": languages,
        "threshold": options.threshold,
        "response_days": options.response_days,
        "forge_url": options.forge_url.rstrip("/"),
        "version": __version__,
        "site_url": _site_url(options.forge_url),
        "category_options": _category_options(languages),
        "first_department": next(iter(_DEPARTMENTS)),
    }
    made = {
        "mkdocs.yml": render("mkdocs.yml", values),
        "requirements.txt": render("requirements.txt", values),
        "README.md": render("README.md", values),
        ".gitignore": render("gitignore.txt", values),
        ".pre-commit-config.yaml": render("pre-commit-config.yaml", values),
        "theme/assets/logo.svg": render("theme/assets/logo.svg", values),
        "theme/assets/extra.css": render("theme/assets/extra.css", values),
        "docs/.gitkeep": "",
        "content/categories.yaml": categories_yaml(languages),
        "content/departments.yaml": departments_yaml(languages, org),
        ".github/pull_request_template.md": render("pull_request_template.md", values),
    }
    for form in ("idea.yml", "question.yml", "answer.yml", "config.yml"):
        made[f".github/ISSUE_TEMPLATE/{form}"] = render(f"issue_forms/{form}", values)
    for name, text in workflows("-r requirements.txt").items():
        made[f".github/workflows/{name}"] = text
    for name, value in schemas.schemas().items():
        made[f"schemas/{name}"] = schemas.schema_text(value)
    return made


def init(target: Path, options: Options) -> list[Path]:
    """Write a new portal into `target`, which must not exist or be empty; returns the files written.

    Nothing is written when `target` holds anything, and nothing is overwritten.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageProblem(f"{target}: the folder is not empty; give a new or empty folder (nothing was written)")
    made = files(options)
    written = []
    for relative, text in made.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    # CODEOWNERS as `portal codeowners` writes it, so its --check passes from the start.
    owners = target / codeowners.DEFAULT_OUTPUT
    owners.write_text(
        codeowners.codeowners_text(load_project(target / "mkdocs.yml"), [f"@{_org(options.forge_url)}/portal-admins"]),
        encoding="utf-8",
    )
    written.append(owners)
    # A repository from the start: the portal's history is read from Git, and without one
    # `portal validate` warns that there is none. Committing is left to the administrator.
    # Without git the portal still validates and builds; `portal validate` then says what is missing.
    with contextlib.suppress(FileNotFoundError, git.GitError):
        git.run(target, "init", "--quiet", "--initial-branch=main")
    return written

"""The `portal` command line: parse options, call library functions, print results.

Every content mistake surfaces as a `PortalError` (a ClickException), so the
user sees a message and an exit code (1 for content, 2 for usage), never a
traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

import click

from generator import __version__
from generator.config import load_project
from generator.errors import PortalError, UsageProblem
from generator.report import render
from generator.statuses import KINDS, TABLE

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The portal's mkdocs.yml (default: ./mkdocs.yml).",
)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="portal")
def cli() -> None:
    """Idea Portal: validate and build an idea-and-answer portal kept as YAML in Git.

    Run `portal COMMAND --help` for the options and an example of each command.
    """


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for pull-request annotations, json for machines.",
)
def validate(files: tuple[Path, ...], config_file: Path | None, fmt: str) -> None:
    """Check the content and print every problem at once.

    With FILES, check only those files and the rules between files that they
    touch (as a pre-commit hook does). Exits 0 when clean, 1 on problems, 2 on
    wrong usage.

    \b
    Example:
      portal validate
      portal validate content/answers/2026-0042.yaml --format github
    """
    from generator.check import run

    project = load_project(config_file)
    outcome = run(project, files)
    click.echo(render(outcome.problems, outcome.files_checked, fmt))  # type: ignore[arg-type]
    if not outcome.ok:
        raise SystemExit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("kind", type=click.Choice(KINDS))
@config_option
@click.option("--title", help="Title of the idea or question (default: a placeholder to edit).")
@click.option("--author", default="Anonymous", show_default=True, help="Display name of the submitter.")
@click.option("--category", help="Category key (default: the first in categories.yaml).")
@click.option("--channel", default="web", show_default=True, help="How it reached you: web, email, meeting, ...")
@click.option("--language", help="Language of the text, e.g. da.")
@click.option(
    "--body-file", type=click.File("r", encoding="utf-8"), help="Read the Markdown body from a file (- for stdin)."
)
def new(
    kind: str,
    config_file: Path | None,
    title: str | None,
    author: str,
    category: str | None,
    channel: str,
    language: str | None,
    body_file: TextIO | None,
) -> None:
    """Write a new idea or question under the next free id.

    The file gets a valid skeleton (and the schema line editors use), is
    validated, and its path is printed.

    \b
    Example:
      portal new idea --title "Benches along the harbour" --category urban
    """
    from generator.authoring import new_item

    project = load_project(config_file)
    path = new_item(
        project,
        kind,
        title=title,
        author=author,
        category=category,
        channel=channel,
        language=language,
        body=body_file.read() if body_file else None,
    )
    click.echo(_shown(path, project.root))


@cli.command(context_settings=CONTEXT)
@click.argument("idea_id", metavar="ID")
@config_option
@click.option(
    "--status", required=True, type=click.Choice([s.key for s in TABLE[1:]]), help="Status after this answer."
)
@click.option("--department", required=True, help="Department key from departments.yaml.")
@click.option("--signed", required=True, help='Name and title of the official, e.g. "Ann Berg, Head of Roads".')
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Date of the answer (default: today).")
@click.option("--body", help="The answer text in Markdown.")
@click.option("--body-file", type=click.File("r", encoding="utf-8"), help="Read the answer from a file (- for stdin).")
@click.option("--duplicate-of", help="With --status duplicate: the id of the original idea.")
@click.option("--reopen", is_flag=True, help="Reopen a closed status (done, declined, duplicate, answered).")
def answer(
    idea_id: str,
    config_file: Path | None,
    status: str,
    department: str,
    signed: str,
    day: dt.datetime | None,
    body: str | None,
    body_file: TextIO | None,
    duplicate_of: str | None,
    reopen: bool,
) -> None:
    """Append an official answer to idea ID.

    Refuses an illegal status change, validates the result and puts the file
    back as it was if anything is wrong.

    \b
    Example:
      portal answer 2026-0042 --status planned --department roads \\
        --signed "Ann Berg, Head of Roads" --body-file answer.md
    """
    from generator.authoring import add_answer

    if (body is None) == (body_file is None):
        raise UsageProblem("give the answer text with exactly one of --body or --body-file")
    project = load_project(config_file)
    path = add_answer(
        project,
        idea_id,
        status=status,
        department=department,
        signed=signed,
        body=body if body is not None else body_file.read() if body_file else "",
        day=day.date() if day else None,
        duplicate_of=duplicate_of,
        reopen=reopen,
    )
    click.echo(_shown(path, project.root))


@cli.command(context_settings=CONTEXT)
@click.option(
    "--to",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas to.",
)
@click.option(
    "--reference", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Also write the Markdown field reference to this file, e.g. docs/reference.md.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if what would be written is out of date.")
def schema(directory: Path, reference: Path | None, check: bool) -> None:
    """Write JSON Schemas for every file kind, generated from the models.

    Editors read them through the `# yaml-language-server: $schema=...` line
    at the top of each content file.

    \b
    Example:
      portal schema --to schemas
    """
    from generator import reference as references
    from generator import schema as schemas

    wanted = {directory / name: schemas.render(value) for name, value in schemas.schemas().items()}
    if reference is not None:
        wanted[reference] = references.markdown()
    if check:
        stale = [
            path.as_posix()
            for path, text in wanted.items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text
        ]
        if stale:
            raise PortalError(f"out of date: {', '.join(stale)} (run `portal schema` to regenerate)")
        click.echo("up to date: " + ", ".join(path.as_posix() for path in wanted))
        return
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(path.as_posix())


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def main() -> None:
    """Entry point of the `portal` console script."""
    cli(prog_name="portal")

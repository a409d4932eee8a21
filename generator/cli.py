"""The `portal` command line: parse options, call library functions, print results.

Every content mistake surfaces as a `PortalError`, a plain exception of the
library; here, at the edge, it becomes a message and an exit code (1 for
content, 2 for usage), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

from generator import __version__
from generator.config import load_project
from generator.errors import PortalError, UsageProblem
from generator.report import format_report
from generator.statuses import KINDS, TABLE

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Click's ParamType is generic only in recent releases; subscripting it at run time would break older ones.
if TYPE_CHECKING:
    _ParamType = click.ParamType[dt.date, object]
else:
    _ParamType = click.ParamType


class Day(_ParamType):
    """A calendar day written YYYY-MM-DD; a wrong one is named as a day, not as a format string."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        """The day `value` names, or a usage error that says what is wrong with it."""
        if isinstance(value, dt.date):
            return value
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                return dt.date.fromisoformat(str(value))
        except ValueError:
            pass
        self.fail(f"{value} is not a day; write it as YYYY-MM-DD, e.g. 2026-04-02", param, ctx)


DAY = Day()

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The portal's mkdocs.yml (default: ./mkdocs.yml).",
)


class _PortalGroup(click.Group):
    """The command group; the one place where the library's errors meet click."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PortalError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=_PortalGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="portal")
def cli() -> None:
    """Idea Portal: validate and build an idea-and-answer portal kept as YAML in Git.

    Run `portal COMMAND --help` for the options and an example of each command.
    """


Answer = TypeVar("Answer", str, int)


def _ask(given: Answer | None, prompt: str, default: Answer, yes: bool) -> Answer:
    """An option's value: as given, else the default with --yes, else asked for."""
    if given is not None:
        return given
    if yes:
        return default
    answer: Answer = click.prompt(prompt, default=default, type=type(default))
    return answer


@cli.command(context_settings=CONTEXT)
@click.argument("directory", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help='The portal\'s name, e.g. "Fjordby Idea Portal".')
@click.option("--languages", help="Languages of the site, the first the main one, e.g. da,en.")
@click.option("--threshold", type=click.IntRange(min=1), help="Supports after which an official answer is due.")
@click.option("--response-days", type=click.IntRange(min=1), help="Days allowed for that answer.")
@click.option("--forge-url", help="The portal's public repository, e.g. https://github.com/fjordby/idea-portal.")
@click.option("-y", "--yes", is_flag=True, help="Ask nothing: use the defaults for every option not given.")
def init(
    directory: Path,
    name: str | None,
    languages: str | None,
    threshold: int | None,
    response_days: int | None,
    forge_url: str | None,
    yes: bool,
) -> None:
    """Start a new portal in FOLDER: settings, starter content, theme, workflows, issue forms.

    Asks for each option not given (with --yes, takes the default). FOLDER
    must be new or empty; nothing is ever overwritten. The new portal
    validates and builds as it is, with no ideas yet.

    \b
    Example:
      portal init my-portal --name "Fjordby Idea Portal" --languages da,en \\
        --forge-url https://github.com/fjordby/idea-portal --yes
    """
    from generator.scaffold import Options
    from generator.scaffold import init as scaffold

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UsageProblem(f"{directory}: the folder is not empty; give a new or empty folder (nothing was written)")
    default = Options()
    # Asked in this order: the name first, as a person would tell it.
    title = _ask(name, "Name of the portal", default.name, yes)
    spoken = _ask(languages, "Languages, main one first", ",".join(default.languages), yes)
    chosen = Options(
        name=title,
        languages=tuple(part.strip() for part in spoken.split(",") if part.strip()),
        threshold=_ask(threshold, "Supports after which an answer is due", default.threshold, yes),
        response_days=_ask(response_days, "Days allowed for that answer", default.response_days, yes),
        forge_url=_ask(forge_url, "Public repository address", default.forge_url, yes),
    )
    written = scaffold(directory, chosen)
    click.echo(
        f"{directory}: a new portal, {len(written)} files. Next:\n"
        f"  1. cd {directory} && pip install -r requirements.txt && portal validate && mkdocs serve\n"
        "  2. Name your categories and departments (content/*.yaml), the site (mkdocs.yml) and the logo"
        " (theme/assets/logo.svg)\n"
        "  3. Commit, push to the portal's repository, and turn on Pages and branch protection"
        " (docs/start-a-portal.md of Idea Portal)"
    )


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
@click.option(
    "--base",
    metavar="REV",
    help="Also compare the answers with this Git commit, e.g. the pull request's base: a notice on every "
    "published answer changed or removed.",
)
def validate(files: tuple[Path, ...], config_file: Path | None, fmt: str, base: str | None) -> None:
    """Check the content and print every problem at once.

    With FILES, check only those files and the rules between files that they
    touch (as a pre-commit hook does). Exits 0 when clean, 1 on problems, 2 on
    wrong usage.

    \b
    Example:
      portal validate
      portal validate content/answers/2026-0042.yaml --format github
      portal validate --format github --base HEAD^1
    """
    from generator.check import check_portal

    project = load_project(config_file)
    outcome = check_portal(project, files)
    problems = outcome.problems
    if base is not None:
        from generator.revisions import revised_answers

        problems = [*problems, *revised_answers(project.root, project.settings.content_dir, base)]
    click.echo(format_report(problems, outcome.files_checked, fmt))  # type: ignore[arg-type]
    if not outcome.ok:
        raise SystemExit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("kind", type=click.Choice(KINDS))
@config_option
@click.option("--title", required=True, help="Title of the idea or question.")
@click.option("--author", default="Anonymous", show_default=True, help="Display name of the submitter.")
@click.option("--category", help="Category key (default: the first in categories.yaml).")
@click.option("--channel", default="web", show_default=True, help="How it reached you: web, email, meeting, ...")
@click.option("--language", help="Language of the text, e.g. da.")
@click.option("--body", help="The text in Markdown.")
@click.option(
    "--body-file", type=click.File("r", encoding="utf-8"), help="Read the Markdown text from a file (- for stdin)."
)
def new(
    kind: str,
    config_file: Path | None,
    title: str,
    author: str,
    category: str | None,
    channel: str,
    language: str | None,
    body: str | None,
    body_file: TextIO | None,
) -> None:
    """Write a new idea or question under the next free id.

    The file gets the schema line editors use, is validated, and its path
    is printed; nothing is written if it does not validate.

    \b
    Example:
      portal new idea --title "Benches along the harbour" --category nature \\
        --body "Three benches facing the water would let older people rest."
    """
    from generator.authoring import new_item

    if (body is None) == (body_file is None):
        raise UsageProblem("give the text with exactly one of --body or --body-file")
    project = load_project(config_file)
    path = new_item(
        project,
        kind,
        title=title,
        author=author,
        category=category,
        channel=channel,
        language=language,
        body=body if body is not None else body_file.read() if body_file else "",
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
@click.option("--date", "day", type=DAY, help="Date of the answer, YYYY-MM-DD (default: today).")
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
    day: dt.date | None,
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
        day=day,
        duplicate_of=duplicate_of,
        reopen=reopen,
    )
    click.echo(_shown(path, project.root))


@cli.command(context_settings=CONTEXT)
@click.argument("idea_id", metavar="ID")
@click.argument("number", type=click.IntRange(min=1), metavar="NUMBER")
@config_option
@click.option("--department", required=True, help="Key from departments.yaml of the department that confirms it.")
@click.option("--signed", required=True, help='Name and title of the official, e.g. "Ann Berg, Head of Roads".')
@click.option("--date", "day", type=DAY, help="Date of the confirmation, YYYY-MM-DD (default: today).")
def confirm(
    idea_id: str, number: int, config_file: Path | None, department: str, signed: str, day: dt.date | None
) -> None:
    """Confirm that community answer NUMBER (1 for the oldest) to idea ID is correct.

    The site then marks it "Confirmed by <department>"; for a question with a
    response duty, the confirmation meets the duty. Validates the result and
    puts the file back as it was if anything is wrong.

    \b
    Example:
      portal confirm 2026-0008 1 --department environment \\
        --signed "Mette Kjær, biologist, Nature and Environment"
    """
    from generator.community import confirm as add_confirmation

    project = load_project(config_file)
    path = add_confirmation(project, idea_id, number, department=department, signed=signed, day=day)
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
    "--reference",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
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

    wanted = {directory / name: schemas.schema_text(value) for name, value in schemas.schemas().items()}
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


@cli.command(context_settings=CONTEXT)
@click.argument("idea_id", metavar="[ID]", required=False)
@config_option
@click.option("--since", type=DAY, help="Only changes committed on or after this day (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of text.")
def history(idea_id: str | None, config_file: Path | None, since: dt.date | None, as_json: bool) -> None:
    """Show an idea's decision history from Git, or every change since a date.

    For idea ID: the commit that added it, each official answer (status
    before → after), later revisions of published answers, moderation edits,
    renames and its removal, each with its date, name and commit. Without ID,
    every change to ideas and answers (with --since, from that day on). Needs
    the full Git history: a shallow clone has none.

    \b
    Example:
      portal history 2025-0019
      portal history --since 2026-01-01 --json
    """
    from generator import cache, timeline
    from generator.history import read_history
    from generator.models import IDEA_ID

    if idea_id is not None and not re.match(IDEA_ID, idea_id):
        raise UsageProblem(f"{idea_id}: not an idea id (write it like 2026-0042)")
    project = load_project(config_file)
    settings = project.settings
    # The state the last build or call kept: only the commits since are read.
    found = read_history(project.root, settings.content_dir, settings.forge_url, cache=project.root / cache.HISTORY)
    day = since
    if not found.available:
        if as_json:
            click.echo(timeline.as_json([], idea=idea_id, since=day, available=False, reason=found.reason))
            raise SystemExit(1)
        raise PortalError(f"history unavailable: {found.reason}")
    if idea_id is None:
        events = found.events_since(day) if day else found.log
        title = f"changes since {day.isoformat()}" if day else "all changes"
    else:
        events = found.for_idea(idea_id)
        if not events:
            raise PortalError(f"no history for {idea_id}: no commit added or changed its idea or answers file")
        current = idea_id if idea_id in found.events else found.renamed.get(idea_id, idea_id)
        title = idea_id if current == idea_id else f"{idea_id} (now {current})"
        events = [e for e in events if day is None or e.commit.date.date() >= day]
    if as_json:
        click.echo(timeline.as_json(events, idea=idea_id, since=day))
    else:
        click.echo(timeline.text(events, title=title, with_id=idea_id is None))


@cli.command(context_settings=CONTEXT)
@click.option(
    "--to",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the new repository; it must not exist yet or be empty.",
)
@click.option(
    "--from",
    "source",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A clone of the Idea Portal repository to take the demo content from (default: this folder, "
    "or the clone the package runs from).",
)
def demo(directory: Path, source: Path | None) -> None:
    """Create a stand-alone demo portal repository with a realistic, dated Git history.

    Copies the demo content, mkdocs.yml, docs/site/ and schemas/, and
    commits them as it could have happened: each idea on the day it was
    submitted, each answer on its date by the official who signed it, plus a
    revised answer, a moderation edit, a renumbered idea and a removed one.

    \b
    Example:
      portal demo --to /tmp/fjordby
      cd /tmp/fjordby && portal history 2025-0019
    """
    from generator.demo import build, default_source

    if directory.exists() and any(directory.iterdir()):
        raise UsageProblem(f"{directory}: the folder is not empty; give a new or empty folder")
    made = build(directory, source or default_source(Path.cwd()))
    click.echo(
        f"{directory}: a portal repository with {made.commits} commits, "
        f"{made.first.isoformat()} to {made.last.isoformat()}\n"
        f"Next: cd {directory} && portal history {made.showcase}"
    )


@cli.command(context_settings=CONTEXT)
@click.option(
    "--event",
    "event_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The GitHub `issues` event payload (in a workflow: $GITHUB_EVENT_PATH).",
)
@config_option
@click.option(
    "--comment",
    "comment_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="When the submission is refused, write the Markdown comment for the issue to this file.",
)
@click.option("--channel", default="web", show_default=True, help="How the idea reached the portal.")
@click.option(
    "--taken",
    multiple=True,
    help="An id already claimed elsewhere, e.g. by an open intake pull request; repeat for several.",
)
def intake(
    event_file: Path, config_file: Path | None, comment_file: Path | None, channel: str, taken: tuple[str, ...]
) -> None:
    """Turn an issue-form submission into content/ideas/<next id>.yaml.

    Reads the `issues` event, maps the form's fields to an idea, refuses
    personal data and anything the validator refuses, and prints the new
    file's path. A refusal exits 1, names the fields to change (never their
    text) and, with --comment, writes that as a comment for the issue.

    \b
    Example:
      portal intake --event "$GITHUB_EVENT_PATH" --comment comment.md
    """
    from generator.intake import Refused, comment
    from generator.intake import intake as take

    project = load_project(config_file)
    try:
        made = take(project, event_file, channel=channel, taken=taken)
    except Refused as refused:
        if comment_file is not None:
            comment_file.write_text(comment(refused.reasons), encoding="utf-8")
        raise
    click.echo(_shown(made.path, project.root))


@cli.command(context_settings=CONTEXT)
@config_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write, relative to the portal's folder (default: .github/CODEOWNERS).",
)
@click.option(
    "--admins",
    multiple=True,
    help="A user or team that administers the portal, e.g. @fjordby/portal-admins; repeat for several "
    "(default: those already named in the file).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the file is out of date.")
def codeowners(config_file: Path | None, output: Path | None, admins: tuple[str, ...], check: bool) -> None:
    """Write CODEOWNERS from content/departments.yaml.

    Each department's `team` owns content/answers/; the administrators own
    the workflows, settings, code, theme and taxonomies.

    \b
    Example:
      portal codeowners --admins @fjordby-example/portal-admins
      portal codeowners --check
    """
    from generator import codeowners as owners

    project = load_project(config_file)
    path = project.root / (output or owners.DEFAULT_OUTPUT)
    text = owners.wanted(project, path, list(admins))
    shown = _shown(path, project.root)
    if check:
        if owners.stale(path, text):
            raise PortalError(f"out of date: {shown} (run `portal codeowners` to regenerate)")
        click.echo(f"up to date: {shown}")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(shown)


@cli.group(context_settings=CONTEXT)
def votes() -> None:
    """Support for ideas: import supporters from a CSV export, or a tally.

    \b
    Example:
      PORTAL_VOTER_KEY=... portal votes import supports.csv --channel web
      portal votes import --tally 37 --idea 2026-0042 --channel meeting
    """


@votes.command("import", context_settings=CONTEXT)
@click.argument("csv_file", metavar="[FILE.csv]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@config_option
@click.option("--channel", required=True, help="Channel written on each new line, e.g. web, paper or meeting.")
@click.option("--voter-column", default="voter", show_default=True, help="CSV column with the voter's identity.")
@click.option("--idea-column", default="idea", show_default=True, help="CSV column with the idea id.")
@click.option("--date-column", default="date", show_default=True, help="CSV column with the date (YYYY-MM-DD).")
@click.option("--delimiter", default=",", show_default=True, help="CSV field separator, e.g. ';'.")
@click.option(
    "--tally", type=click.IntRange(min=1), help="Instead of a CSV: add N supports counted together (needs --idea)."
)
@click.option("--idea", "idea_id", help="With --tally: the id of the idea supported.")
@click.option("--date", "day", type=DAY, help="With --tally: the day counted, YYYY-MM-DD (default: today).")
@click.option("--note", help="With --tally: where and how the supports were counted.")
def votes_import(
    csv_file: Path | None,
    config_file: Path | None,
    channel: str,
    voter_column: str,
    idea_column: str,
    date_column: str,
    delimiter: str,
    tally: int | None,
    idea_id: str | None,
    day: dt.date | None,
    note: str | None,
) -> None:
    """Add supporters from a CSV export, or a tally, to content/votes/.

    The CSV has a header line and the columns voter, idea and date. Each
    voter's identity becomes a keyed hash (HMAC-SHA-256 with the key in the
    PORTAL_VOTER_KEY environment variable), so no identity reaches Git.
    Supports already counted are skipped, rows for unknown ideas rejected;
    running the same import twice adds nothing the second time.

    \b
    Example:
      PORTAL_VOTER_KEY=... portal votes import supports.csv --channel web
      portal votes import --tally 37 --idea 2026-0042 --date 2026-04-02 \\
        --channel meeting --note "Show of hands in Fjordby Hall"
    """
    from generator import votes_import as imports

    project = load_project(config_file)
    if tally is not None:
        if csv_file is not None:
            raise UsageProblem("give either FILE.csv or --tally, not both")
        if not idea_id:
            raise UsageProblem("--tally needs --idea ID")
        summary = imports.add_tally(project, idea_id, count=tally, channel=channel, day=day, note=note)
    else:
        if csv_file is None:
            raise UsageProblem("give a CSV file to import, or --tally N --idea ID")
        if idea_id or day or note:
            raise UsageProblem("--idea, --date and --note go with --tally")
        summary = imports.import_supporters(
            project,
            csv_file,
            channel=channel,
            key=imports.voter_key(),
            columns=imports.Columns(voter_column, idea_column, date_column),
            delimiter=delimiter,
        )
    click.echo("\n".join(summary.lines(project.root)))


@votes.command("reactions", context_settings=CONTEXT)
@config_option
@click.option("--channel", default="forge", show_default=True, help="Channel written on each new line.")
@click.option(
    "--api-url",
    envvar="PORTAL_FORGE_API",
    help="Root of the forge's REST API (default: https://api.github.com for a github.com forge_url).",
)
@click.option(
    "--max-wait",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    help="Seconds the import may wait in all when the API's rate limit is reached.",
)
def votes_reactions(config_file: Path | None, channel: str, api_url: str | None, max_wait: float) -> None:
    """Add each 👍 on an idea's forge issue (its `issue:` field) as a support.

    The reacting account's numeric id becomes a keyed hash (PORTAL_VOTER_KEY),
    as in `portal votes import`; logins are never read. A token in
    PORTAL_FORGE_TOKEN or GITHUB_TOKEN raises the API's rate limit. A 👍
    taken back after it was imported does not remove the support.

    \b
    Example:
      PORTAL_VOTER_KEY=... GITHUB_TOKEN=... portal votes reactions
    """
    from generator import reactions
    from generator import votes_import as imports

    project = load_project(config_file)
    if not project.settings.channels.forge:
        click.echo("support.forge is off in mkdocs.yml: no reactions to import")
        return
    root, repo = reactions.api_for(project.settings.forge_url, api_url)
    api = reactions.ForgeAPI(root, repo, reactions.forge_token(), max_wait=max_wait)
    summary = reactions.import_reactions(project, api, channel=channel, key=imports.voter_key())
    click.echo("\n".join(summary.lines(project.root)))


def main() -> None:
    """Entry point of the `portal` console script."""
    cli(prog_name="portal")

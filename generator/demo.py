"""`portal demo`: a stand-alone portal repository with a realistic, dated Git history.

The demo content is replayed as it could have happened: each idea is
submitted on its `submitted` day, each answer is committed on its own date by
the official who signed it, and a few later events show what the history
features report: a revision of a published answer, a moderation edit, a
renamed idea and a deleted one. Commits are written with `git fast-import`
in one process, so the whole history takes well under a second.

Nobody's e-mail address is used: every commit carries `portal@fjordby.invalid`
(`.invalid` is reserved and can never reach anyone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import git
from generator.content_writer import NewIdea, idea_parts
from generator.errors import PortalError
from generator.loader import ID_FILE
from generator.yamlread import Document, decode, parse

EMAIL = "portal@fjordby.invalid"
BRANCH = "main"


def _git(root: Path, *args: str, stdin: bytes | None = None) -> None:
    try:
        git.run(root, *args, stdin=stdin)
    except FileNotFoundError:
        raise PortalError("git is not installed; install it to build the demo repository") from None
    except git.GitError as exc:
        raise PortalError(f"git {args[0]} failed: {exc}") from None


def _stamp(when: dt.datetime) -> bytes:
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{int(when.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}".encode()


def _git_name(name: str) -> bytes:
    if any(c in name for c in "<>\n"):
        raise PortalError(f"not usable as a name in Git: {name!r}")
    return name.encode("utf-8")


class FastImport:
    """A `git fast-import` stream of a linear history on one branch, written in memory and run once.

    Author and committer are the same person at the same time, as when someone commits their own change.
    """

    def __init__(self, branch: str = BRANCH) -> None:
        self.branch = branch
        self.parts: list[bytes] = []
        self.marks = 0

    def commit(
        self,
        *,
        author: str,
        when: dt.datetime,
        message: str,
        changes: Mapping[str, bytes | None] = {},
        renames: Sequence[tuple[str, str]] = (),
    ) -> int:
        """Add a commit; `changes` maps a path to its new bytes, or None to delete it. Returns its mark.

        Renames are applied before the changes, so a renamed file may also be edited.
        """
        self.marks += 1
        text = message.encode("utf-8")
        head = [
            b"commit refs/heads/" + self.branch.encode() + b"\n",
            b"mark :%d\n" % self.marks,
            b"author " + _git_name(author) + b" <" + EMAIL.encode() + b"> " + _stamp(when) + b"\n",
            b"committer " + _git_name(author) + b" <" + EMAIL.encode() + b"> " + _stamp(when) + b"\n",
            b"data %d\n" % len(text) + text + b"\n",
        ]
        self.parts.extend(head)
        for old, new in renames:
            self.parts.append(b'R "' + _quoted(old) + b'" "' + _quoted(new) + b'"\n')
        for path, data in changes.items():
            if data is None:
                self.parts.append(b'D "' + _quoted(path) + b'"\n')
            else:
                self.parts.append(b'M 100644 inline "' + _quoted(path) + b'"\n')
                self.parts.append(b"data %d\n" % len(data) + data + b"\n")
        self.parts.append(b"\n")
        return self.marks

    def run(self, root: Path) -> None:
        """Create a repository at `root` (or use the empty one there) and import the commits into it."""
        root.mkdir(parents=True, exist_ok=True)
        _git(root, "init", "--quiet", f"--initial-branch={self.branch}")
        _git(root, "fast-import", "--quiet", "--done", stdin=b"".join(self.parts) + b"done\n")
        _git(root, "checkout", "--quiet", "--force", self.branch)


def _quoted(path: str) -> bytes:
    return path.replace("\\", "\\\\").replace('"', '\\"').encode("utf-8")


SOURCE = Path(__file__).resolve().parents[1]
COPIED = ("content", "mkdocs.yml", "docs/site", "schemas")
INTAKE = "Fjordby Borgerservice"
SHOWCASE = "2025-0019"
GITIGNORE = b"site/\n.cache/\n.venv/\n__pycache__/\n"
# An idea submitted and later withdrawn (its file removed), written as `portal new` would write it.
WITHDRAWN_BODY = (
    "Der mangler et indhegnet område i byen, hvor hunde kan løbe frit. Den\n"
    "nordlige ende af Fjordparken bliver næsten ikke brugt og kunne blive en\n"
    "hundeskov med hegn, affaldsspande og en bænk.\n"
)


@dataclass(frozen=True, slots=True)
class Summary:
    """What `build` made: the repository, its commits and the idea that shows the most."""

    root: Path
    commits: int
    first: dt.date
    last: dt.date
    showcase: str
    renamed: tuple[str, str]
    removed: str


@dataclass(slots=True)
class _Step:
    when: dt.datetime
    rank: int
    author: str
    message: str
    changes: dict[str, bytes | None] = field(default_factory=dict)
    renames: list[tuple[str, str]] = field(default_factory=list)


def _copenhagen(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """`day` at `hour:minute` in Danish time: CET, or CEST from the last Sunday of March to that of October."""

    def last_sunday(month: int) -> dt.date:
        end = dt.date(day.year, month, 31)
        return end - dt.timedelta(days=(end.weekday() + 1) % 7)

    summer = last_sunday(3) <= day < last_sunday(10)
    zone = dt.timezone(dt.timedelta(hours=2 if summer else 1))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _files(source: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in COPIED:
        path = source / name
        paths = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for item in paths:
            relative = item.relative_to(source)
            if not any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
                files[relative.as_posix()] = item.read_bytes()
    return files


def _document(path: str, raw: bytes) -> Document:
    text, problems = decode(path, raw)
    document, more = parse(path, text) if text is not None else (None, [])
    if document is None or not isinstance(document.data, dict):
        raise PortalError(f"the demo content does not read: {', '.join(map(str, problems + more)) or path}")
    return document


def _day(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value))


def _person(signed: object) -> str:
    """The official's name from a `signed` line ("Jens Kofoed, Head of Roads" → "Jens Kofoed")."""
    return str(signed).split(",")[0].strip()


def _shorter(chunk: list[str]) -> list[str] | None:
    """An answer's lines without its body's last paragraph, or None when the body has only one."""
    body = next((i for i, text in enumerate(chunk) if text.lstrip().startswith("body:")), None)
    blank = [i for i, text in enumerate(chunk) if not text.strip()]
    inner = [i for i in blank if body is not None and i > body + 1 and any(t.strip() for t in chunk[i + 1 :])]
    return chunk[: inner[-1]] if inner else None


def _shouting(raw: bytes) -> bytes:
    """The idea as first submitted: the title in capitals with exclamation marks."""
    lines = raw.decode("utf-8").splitlines(keepends=True)
    for index, text in enumerate(lines):
        if text.startswith("title: "):
            value = text[len("title: ") :].rstrip("\n")
            quote = value[-1] if value[-1:] in "\"'" and len(value) > 1 else ""
            loud = value[: len(value) - len(quote)].upper() + "!!!" + quote
            lines[index] = f"title: {loud}\n"
            break
    return "".join(lines).encode("utf-8")


def _answer_steps(idea_id: str, path: str, raw: bytes, revise: bool) -> list[_Step]:
    """One commit per answer, on its date, by the official who signed it; each adds that answer's lines.

    With `revise`, one answer is first published without its last paragraph
    and completed two days later: a revision of a published answer.
    """
    document = _document(path, raw)
    entries = document.data.get("answers")
    if not isinstance(entries, list) or not entries:
        raise PortalError(f"the demo content does not read: {path} has no answers")
    lines = raw.decode("utf-8").splitlines(keepends=True)
    starts = [document.position(("answers", index))[0] - 1 for index in range(len(entries))] + [len(lines)]
    steps: list[_Step] = []
    revised = False
    for index, entry in enumerate(entries):
        day = _day(entry["date"])
        when = _copenhagen(day, 13, index % 50)
        text = "".join(lines[: starts[index + 1]]).encode("utf-8")
        author = _person(entry["signed"])
        message = f"Answer {idea_id}: {entry['status']}"
        following = _day(entries[index + 1]["date"]) if index + 1 < len(entries) else None
        shorter = _shorter(lines[starts[index] : starts[index + 1]])
        if revise and not revised and shorter and (following is None or following - day >= dt.timedelta(days=3)):
            revised = True
            first = "".join(lines[: starts[index]] + shorter).encode("utf-8")
            steps.append(_Step(when, 2, author, message, {path: first}))
            steps.append(
                _Step(
                    _copenhagen(day + dt.timedelta(days=2), 10),
                    2,
                    author,
                    f"Revise answer {index + 1} to {idea_id}: add the paragraph left out",
                    {path: text},
                )
            )
            continue
        steps.append(_Step(when, 2, author, message, {path: text}))
    return steps


def _votes_day(path: str, raw: bytes, submitted: dt.date) -> dt.date:
    """The last day support was recorded in a votes file."""
    data = _document(path, raw).data
    days = [submitted]
    days += [_day(str(line).split()[1]) for line in data.get("supporters") or [] if len(str(line).split()) == 3]
    days += [_day(tally["date"]) for tally in data.get("tallies") or [] if isinstance(tally, dict)]
    return max(days)


def plan(source: Path = SOURCE) -> tuple[list[_Step], Summary]:
    """The demo history as commits in date order, and what it shows (`root` is left as `source`)."""
    if not (source / "content" / "ideas").is_dir() or not (source / "mkdocs.yml").is_file():
        raise PortalError(
            f"the demo content is not at {source}; run `portal demo` from a clone of the Idea Portal repository"
        )
    files = _files(source)
    ideas = {
        match.group(1): path
        for path in files
        if path.startswith("content/ideas/") and (match := ID_FILE.match(path.rsplit("/", 1)[-1]))
    }
    submitted = {idea_id: _day(_document(path, files[path]).data["submitted"]) for idea_id, path in ideas.items()}
    showcase = (
        SHOWCASE if SHOWCASE in ideas else max(ideas, key=lambda i: len(files.get(f"content/answers/{i}.yaml", b"")))
    )
    years = sorted({idea_id[:4] for idea_id in ideas})
    latest = years[-1]
    # The first idea of the latest year was first filed under last year's numbers, then renumbered;
    # an idea submitted late last year was withdrawn by its submitter and removed.
    renamed = f"{latest}-0001" if f"{latest}-0001" in ideas and len(years) > 1 else None
    before = years[-2] if len(years) > 1 else latest
    last_number = max(int(i[5:]) for i in ideas if i.startswith(before))
    removed = f"{before}-{last_number + 1:04d}"
    wrong = f"{before}-{last_number + 2:04d}"

    setup_day = min(submitted.values()) - dt.timedelta(days=21)
    setup_day -= dt.timedelta(days=setup_day.weekday())  # a Monday, three weeks before the first idea
    steps = [_Step(_copenhagen(setup_day, 9), 0, INTAKE, "Set up the Fjordby idea portal", {".gitignore": GITIGNORE})]
    for idea_id, path in sorted(ideas.items()):
        day = submitted[idea_id]
        raw = files[path]
        title = str(_document(path, raw).data.get("title", idea_id))
        when = _copenhagen(day, 9, int(idea_id[5:]) % 50)
        if idea_id == renamed:
            old = f"content/ideas/{wrong}.yaml"
            steps.append(_Step(when, 1, INTAKE, f"Submit {wrong}: {title}", {old: raw}))
            steps.append(
                _Step(
                    when + dt.timedelta(hours=2),
                    1,
                    INTAKE,
                    f"Renumber {wrong} as {idea_id}: it was submitted in {latest}",
                    renames=[(old, path)],
                )
            )
        elif idea_id == showcase:
            steps.append(_Step(when, 1, INTAKE, f"Submit {idea_id}: {title}", {path: _shouting(raw)}))
            steps.append(
                _Step(
                    _copenhagen(day + dt.timedelta(days=1), 8),
                    1,
                    INTAKE,
                    f"Moderate {idea_id}: write the title in normal case",
                    {path: raw},
                )
            )
        else:
            steps.append(_Step(when, 1, INTAKE, f"Submit {idea_id}: {title}", {path: raw}))
        answers = f"content/answers/{idea_id}.yaml"
        if answers in files:
            steps.extend(_answer_steps(idea_id, answers, files[answers], revise=idea_id == showcase))
        votes = f"content/votes/{idea_id}.yaml"
        if votes in files:
            day = _votes_day(votes, files[votes], submitted[idea_id])
            steps.append(_Step(_copenhagen(day, 17), 3, INTAKE, f"Record support for {idea_id}", {votes: files[votes]}))

    last_day = max(d for i, d in submitted.items() if i.startswith(before))
    withdrawn_day = min(last_day + dt.timedelta(days=1), dt.date(int(before), 12, 31))
    category = next(iter(_document("content/categories.yaml", files["content/categories.yaml"]).data["categories"]))
    withdrawn = f"content/ideas/{removed}.yaml"
    idea = NewIdea("Hundeskov ved Fjordparken", "idea", withdrawn_day, "Lars P.", category, "web", WITHDRAWN_BODY, "da")
    text = "".join(part for _, part in idea_parts(idea)).encode("utf-8")
    steps.append(
        _Step(
            _copenhagen(withdrawn_day, 9, 30),
            1,
            INTAKE,
            f"Submit {removed}: Hundeskov ved Fjordparken",
            {withdrawn: text},
        )
    )
    steps.append(
        _Step(
            _copenhagen(withdrawn_day + dt.timedelta(days=6), 11),
            1,
            INTAKE,
            f"Remove {removed}: withdrawn at the submitter's request",
            {withdrawn: None},
        )
    )
    written = {path for step in steps for path in step.changes} | {new for step in steps for _, new in step.renames}
    steps[0].changes.update({path: data for path, data in files.items() if path not in written})
    steps.sort(key=lambda step: (step.when, step.rank))
    summary = Summary(
        source,
        len(steps),
        steps[0].when.date(),
        steps[-1].when.date(),
        showcase,
        (f"{wrong}", renamed or ""),
        removed,
    )
    return steps, summary


def default_source(here: Path) -> Path:
    """Where the demo content is: `here` when it is a clone of this repository, else the clone the package
    runs from (an editable install)."""
    if (here / "content" / "ideas").is_dir() and (here / "docs" / "site").is_dir() and (here / "mkdocs.yml").is_file():
        return here
    return SOURCE


def build(target: Path, source: Path = SOURCE) -> Summary:
    """Write the demo portal with its dated history into `target` (a new or empty folder)."""
    steps, summary = plan(source)
    stream = FastImport()
    for step in steps:
        stream.commit(
            author=step.author, when=step.when, message=step.message, changes=step.changes, renames=step.renames
        )
    stream.run(target)
    return replace(summary, root=target)

"""The decision history of every idea, read from Git in one pass.

For each idea: the commit that added it, each commit that appended an
official answer (status before → after), every later change to an answer
that was already published (a revision), moderation edits of the idea file,
renames, and the commit that removed it.

How it is read (see docs/performance.md, "History extraction", for the
measurements behind the choice):

1. One `git log --first-parent --reverse --raw -z -M` over the ideas and
   answers folders gives every commit that touched them, oldest first, with
   each changed file's status (added, modified, renamed, deleted) and the ids
   of its blobs before and after.
2. One `git cat-file --batch` process reads each needed blob once: the new
   version of every changed answer file, and both versions of a modified
   idea file.
3. The answer lists are compared, version to version, in Python: entries
   appended at the end are answers, entries that differ from what was
   published are revisions.

The cost grows with the number of commits that touch the content, never
with files × commits. The history of the first parent is the official
record: a merge commit counts as the moment its changes were published, and
its diff against the first parent is what it changed. Commits on a merged
branch are not listed one by one.

Commit e-mail addresses are never read: only the author's and committer's
names (`%an`, `%cn`), and an address someone typed as their name is withheld.
A historic blob that is not valid YAML (or too large) is skipped; the next
readable version is compared with the last readable one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from queue import SimpleQueue
from typing import IO, Any, Literal

from generator import git
from generator.cache import write_atomically
from generator.errors import Problem
from generator.git import GitError, printable
from generator.loader import ID_FILE, KIND_BY_FOLDER
from generator.statuses import INITIAL
from generator.yamlread import decode, parse

EventKind = Literal["submitted", "answered", "revised", "moderated", "renamed", "removed"]
KINDS: tuple[EventKind, ...] = ("submitted", "answered", "revised", "moderated", "renamed", "removed")

SHALLOW_REASON = (
    "this is a shallow clone, so older commits are missing; fetch the full history "
    "(in CI: `fetch-depth: 0` for actions/checkout, or `git fetch --unshallow`)"
)
# Hash and dates first: they never hold U+001F. Names and subjects may (Git accepts any byte but NUL).
_FORMAT = "%x1e%H%x1f%aI%x1f%cI%x1f%an%x1f%cn%x1f%s"
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+")
_WITHHELD = "(address withheld)"
_BLOB_MODES = {b"100644", b"100755"}
# Under MkDocs' logger, so a build shows (and in strict mode counts) the warning.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit, by names only: never an e-mail address."""

    sha: str
    short: str
    date: dt.datetime
    """When the commit entered the history (committer date, with its own UTC offset)."""
    authored: dt.datetime
    """When the change was written (author date)."""
    author: str
    committer: str
    subject: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping with stable keys."""
        return {
            "author": self.author,
            "authored": self.authored.isoformat(),
            "committer": self.committer,
            "date": self.date.isoformat(),
            "sha": self.sha,
            "short": self.short,
            "subject": self.subject,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Commit:
        """The commit `as_dict` gave."""
        return cls(
            sha=data["sha"],
            short=data["short"],
            date=dt.datetime.fromisoformat(data["date"]),
            authored=dt.datetime.fromisoformat(data["authored"]),
            author=data["author"],
            committer=data["committer"],
            subject=data["subject"],
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened to an idea in one commit.

    - `submitted`: the idea file was added; status_after is `new`.
    - `answered`: an answer was appended; status_before → status_after is the
      idea's status before and after it; answer_index is its place in the list.
    - `revised`: a published answer changed; status_before → status_after is
      that answer's own status before and after (None after: the answer was
      taken out); `fields` names what changed.
    - `moderated`: the idea file changed; `fields` names what changed (empty
      when an old version could not be read).
    - `renamed`: the idea's files moved from `old_path` to `path`.
    - `removed`: the idea file was deleted; status_before is the status it had.

    `idea_id` is the id the file had in that commit; after a rename the events
    are listed under the new id.
    """

    idea_id: str
    kind: EventKind
    commit: Commit
    path: str
    status_before: str | None = None
    status_after: str | None = None
    answer_index: int | None = None
    """0-based place of the answer in the file's list (the first answer is 0)."""
    diff_url: str | None = None
    old_path: str | None = None
    fields: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping with stable keys."""
        return {
            "answer_index": self.answer_index,
            "commit": self.commit.as_dict(),
            "diff_url": self.diff_url,
            "fields": list(self.fields),
            "idea_id": self.idea_id,
            "kind": self.kind,
            "old_path": self.old_path,
            "path": self.path,
            "status_after": self.status_after,
            "status_before": self.status_before,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], commit: Commit) -> Event:
        """The event `as_dict` gave, with its (shared) commit."""
        return cls(
            idea_id=data["idea_id"],
            kind=data["kind"],
            commit=commit,
            path=data["path"],
            status_before=data["status_before"],
            status_after=data["status_after"],
            answer_index=data["answer_index"],
            diff_url=data["diff_url"],
            old_path=data["old_path"],
            fields=tuple(data["fields"]),
        )


@dataclass(frozen=True, slots=True)
class History:
    """Every idea's events, or why there are none (`available` False and a `reason`)."""

    available: bool
    reason: str | None = None
    events: dict[str, list[Event]] = field(default_factory=dict)
    """Per current idea id, oldest first (history order, even when commit dates are out of order)."""
    removed: list[Event] = field(default_factory=list)
    """The `removed` event of each idea whose file is deleted at the tip, in history order."""
    log: list[Event] = field(default_factory=list)
    """Every event of every idea, in history order."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Old id → the id the idea has now."""
    skipped: list[str] = field(default_factory=list)
    """Why each commit this read could not use was skipped (its changes count with the next one)."""

    def for_idea(self, idea_id: str) -> list[Event]:
        """The events of `idea_id` (or of the idea it was renamed to), oldest first."""
        if idea_id in self.events:
            return self.events[idea_id]
        return self.events.get(self.renamed.get(idea_id, ""), [])

    def events_since(self, since: dt.date) -> list[Event]:
        """Every event whose commit date is on or after `since`, in history order.

        A date is compared with the commit's own calendar day (in the
        committer's time zone); an aware datetime with the exact instant.
        """
        if isinstance(since, dt.datetime):
            return [e for e in self.log if e.commit.date >= since]
        return [e for e in self.log if e.commit.date.date() >= since]


def _scrub(name: str) -> str:
    """A name or subject as shown: printable, and an e-mail address typed into it withheld."""
    name = printable(name)
    return _EMAIL.sub(_WITHHELD, name) if "@" in name else name


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    # The person's configuration is kept: it may hold the `safe.directory` that lets git open the repository.
    return git.run(cwd, *args, stdin=stdin, user_config=True)


def locate(root: Path, content_dir: str) -> tuple[Path, str] | str:
    """The repository's top folder and the content folder's path in it, or why history is unavailable."""
    try:
        out = _git(root, "rev-parse", "--is-shallow-repository", "--show-toplevel")
    except FileNotFoundError:
        return "git is not installed, so the history of the content cannot be read"
    except GitError as exc:
        if "not a git repository" in str(exc).lower():
            return "the portal is not in a Git repository, so there is no history to read"
        return f"git cannot read the repository: {exc}"
    shallow, top = out.decode("utf-8", "surrogateescape").splitlines()[:2]
    if shallow.strip() == "true":
        return SHALLOW_REASON
    toplevel = Path(top)
    try:
        inside = (root / content_dir).resolve().relative_to(toplevel.resolve())
    except ValueError:
        return f"the content folder {content_dir}/ is outside the Git repository at {toplevel}"
    return toplevel, PurePosixPath(inside).as_posix()


def availability(root: Path, content_dir: str) -> str | None:
    """Why the history cannot be read (not a repository, a shallow clone, no git), or None if it can."""
    found = locate(root, content_dir)
    return found if isinstance(found, str) else None


def warnings(root: Path, content_dir: str, forge_url: str | None) -> list[Problem]:
    """A warning for `portal validate` when the site would be built without the history.

    A shallow clone is always worth a warning (the usual CI default). Outside a
    repository it is only when a forge is set: the portal is then meant to be
    built from its repository, and a copy without `.git` loses the history.
    """
    reason = availability(root, content_dir)
    if reason is None or (reason != SHALLOW_REASON and forge_url is None):
        return []
    hint = "build from a full clone" if reason == SHALLOW_REASON else "build from a clone of the repository"
    return [Problem(content_dir, 0, 0, f"history unavailable: {reason}", hint, severity="warning")]


@dataclass(frozen=True, slots=True)
class _Change:
    status: str
    old_path: str
    new_path: str
    old_blob: str | None
    new_blob: str | None


def _blob(sha: bytes, mode: bytes) -> str | None:
    return sha.decode() if mode in _BLOB_MODES and sha.strip(b"0") else None


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """The NUL-separated fields of `git log -z` output, as they arrive."""
    rest = b""
    while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _parse_log(tokens: Iterator[bytes]) -> Iterator[tuple[bytes, list[_Change]]]:
    """(header fields, changes) per commit from `git log -z --raw --format=...` output."""
    header: bytes | None = None
    changes: list[_Change] = []
    for raw in tokens:
        token = raw.lstrip(b"\n")
        if token.startswith(b"\x1e"):
            if header is not None:
                yield header, changes
            header, changes = token[1:], []
            continue
        if not token.startswith(b":"):
            continue
        old_mode, new_mode, old_sha, new_sha, status = token[1:].split(b" ", 4)
        old_path = next(tokens).decode("utf-8", "surrogateescape")
        new_path = next(tokens).decode("utf-8", "surrogateescape") if status[:1] in (b"R", b"C") else old_path
        changes.append(
            _Change(status[:1].decode(), old_path, new_path, _blob(old_sha, old_mode), _blob(new_sha, new_mode))
        )
    if header is not None:
        yield header, changes


def _load(raw: bytes, folder: str) -> Any:
    """The YAML data of a blob, or None when it is too large or not valid (historic files may be anything)."""
    if len(raw) > KIND_BY_FOLDER[folder].max_bytes:
        return None
    text, _ = decode(folder, raw)
    document = parse(folder, text)[0] if text is not None else None
    return document.data if document is not None else None


class _Blobs:
    """One `git cat-file --batch` process; a thread reads and parses each blob as it arrives.

    Blobs are asked for while `git log` is still writing, so reading and parsing
    them runs alongside it instead of after it.
    """

    def __init__(self, top: Path) -> None:
        self.process = git.start(
            top,
            "cat-file",
            "--batch",
            user_config=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.asked: dict[str, None] = {}
        self.queue: SimpleQueue[tuple[str, str]] = SimpleQueue()
        self.data: dict[str, Any] = {}
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def ask(self, blob: str, folder: str) -> None:
        if blob not in self.asked:
            self.asked[blob] = None
            self.queue.put((blob, folder))
            assert self.process.stdin is not None
            self.process.stdin.write(blob.encode() + b"\n")

    def flush(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.flush()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while head := out.readline():
            blob, folder = self.queue.get()
            fields = head.split()
            if len(fields) != 3:  # "<id> missing": skipped like an unreadable blob
                continue
            raw = out.read(int(fields[2]) + 1)[:-1]
            try:
                self.data[blob] = _load(raw, folder)
            except Exception:  # any historic blob may be hostile; this thread must keep draining
                self.data[blob] = None

    def close(self) -> dict[str, Any]:
        """Wait for every blob asked for; their parsed data by blob id (None: not readable)."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.thread.join()
        self.process.wait()
        return self.data


class _Reader:
    """Turns the raw log and blobs into events; one instance per `read_history` call."""

    def __init__(self, prefix: str, forge_url: str | None) -> None:
        self.prefix = prefix
        self.forge = forge_url.rstrip("/") if forge_url else None
        self.parsed: dict[str, Any] = {}
        self.answers: dict[str, list[Any]] = {}
        self.live: set[str] = set()
        self.events: dict[str, list[Event]] = {}
        self.log: list[Event] = []
        self.removed: dict[str, Event] = {}
        self.renamed: dict[str, str] = {}
        self.skipped: list[str] = []

    def classify(self, path: str) -> tuple[str, str] | None:
        """(folder, idea id) of a content file path, or None for anything else."""
        if not path.startswith(self.prefix):
            return None
        folder, _, name = path[len(self.prefix) :].partition("/")
        match = ID_FILE.match(name)
        return (folder, match.group(1)) if match and folder in KIND_BY_FOLDER else None

    def data(self, blob: str | None) -> Any:
        """The parsed YAML of a blob, or None when it is missing, too large or not valid."""
        return self.parsed.get(blob) if blob is not None else None

    def add(self, event: Event, key: str) -> None:
        self.log.append(event)
        self.events.setdefault(key, []).append(event)

    def event(self, commit: Commit, idea_id: str, kind: EventKind, path: str, **extra: Any) -> Event:
        url = f"{self.forge}/commit/{commit.sha}" if self.forge else None
        event = Event(idea_id, kind, commit, path, diff_url=url, **extra)
        self.add(event, idea_id)
        return event

    def move(self, old: str, new: str) -> None:
        """Carry the events of idea `old` over to `new` (an idea file renamed)."""
        moved = self.events.pop(old, [])
        if new in self.events:
            order = {id(e): i for i, e in enumerate(self.log)}
            moved = sorted(self.events[new] + moved, key=lambda e: order[id(e)])
        if moved:
            self.events[new] = moved
        for before, after in self.renamed.items():
            if after == old:
                self.renamed[before] = new
        self.renamed[old] = new
        self.renamed.pop(new, None)

    def typed(self, changes: list[_Change]) -> list[tuple[str, str, str, _Change]]:
        """(what, folder, idea id, change) per content file, `what` one of A, M, D, R.

        A file moved into or out of the content, or between its folders, is an
        addition and a removal.
        """
        typed: list[tuple[str, str, str, _Change]] = []
        for change in changes:
            old = self.classify(change.old_path)
            new = self.classify(change.new_path)
            if change.status == "R" and old is not None and new is not None and old[0] == new[0]:
                typed.append(("R", new[0], new[1], change))
            elif change.status in ("R", "D"):
                if old is not None:
                    typed.append(("D", *old, change))
                if change.status == "R" and new is not None:
                    typed.append(("A", *new, change))
            elif new is not None:
                typed.append(("A" if change.status in ("A", "C") else "M", *new, change))
        return typed

    def commit(self, commit: Commit, changes: list[_Change]) -> None:
        """Apply one commit: renames, submissions, moderation, removals, then answers."""
        typed = self.typed(changes)
        self.renames(commit, typed)
        for what, folder, idea_id, change in typed:
            if what == "A" and folder == "ideas":
                self.live.add(idea_id)
                self.removed.pop(idea_id, None)
                self.event(commit, idea_id, "submitted", change.new_path, status_after=INITIAL.key)
        for what, folder, idea_id, change in typed:
            if what in ("M", "R") and folder == "ideas" and change.old_blob != change.new_blob:
                self.moderated(commit, idea_id, change)
        for what, folder, idea_id, change in typed:
            if what == "D" and folder == "ideas":
                self.live.discard(idea_id)
                entries = self.answers.get(idea_id)
                self.removed[idea_id] = self.event(
                    commit,
                    idea_id,
                    "removed",
                    change.old_path,
                    status_before=_status(entries[-1]) if entries else INITIAL.key,
                )
        for what, folder, idea_id, change in typed:
            if what == "D" and folder == "answers":
                entries = self.answers.pop(idea_id, [])
                if idea_id in self.live:  # answers taken out of a live idea: each one a revision
                    self.compare(commit, idea_id, change.old_path, entries, [])
            elif what != "D" and folder == "answers":
                self.answered(commit, idea_id, change)

    def renames(self, commit: Commit, typed: list[tuple[str, str, str, _Change]]) -> None:
        """The renamed files of one commit: one `renamed` event per idea, its events carried to the new id."""
        renamed_to: set[str] = set()
        # Idea files first, so a rename of both files is one event with the idea's path.
        for _, folder, new_id, change in sorted((t for t in typed if t[0] == "R"), key=lambda t: t[1] != "ideas"):
            old = self.classify(change.old_path)
            assert old is not None
            old_id = old[1]
            if folder == "ideas":
                self.live.discard(old_id)
                self.live.add(new_id)
                self.removed.pop(new_id, None)
                self.move(old_id, new_id)
            elif old_id in self.answers:
                self.answers[new_id] = self.answers.pop(old_id)
            if new_id not in renamed_to:
                renamed_to.add(new_id)
                self.event(commit, new_id, "renamed", change.new_path, old_path=change.old_path)

    def moderated(self, commit: Commit, idea_id: str, change: _Change) -> None:
        before = self.data(change.old_blob)
        after = self.data(change.new_blob)
        if before is not None and after is not None and before == after:
            return  # formatting or comments only: the text did not change
        fields = _changed(before, after) if before is not None and after is not None else ()
        self.event(commit, idea_id, "moderated", change.new_path, fields=fields)

    def answered(self, commit: Commit, idea_id: str, change: _Change) -> None:
        data = self.data(change.new_blob)
        entries = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            return  # unreadable: the next readable version is compared with the last readable one
        self.compare(commit, idea_id, change.new_path, self.answers.get(idea_id, []), entries)
        self.answers[idea_id] = entries

    def compare(self, commit: Commit, idea_id: str, path: str, before: list[Any], after: list[Any]) -> None:
        """Revisions of entries that were published, then the entries appended."""
        for index, old in enumerate(before):
            new = after[index] if index < len(after) else None
            if new != old:
                self.event(
                    commit,
                    idea_id,
                    "revised",
                    path,
                    answer_index=index,
                    status_before=_status(old),
                    status_after=_status(new) if new is not None else None,
                    fields=_changed(old, new if new is not None else {}),
                )
        for index in range(len(before), len(after)):
            self.event(
                commit,
                idea_id,
                "answered",
                path,
                answer_index=index,
                status_before=_status(after[index - 1]) if index else INITIAL.key,
                status_after=_status(after[index]),
            )

    def state(self) -> dict[str, Any]:
        """Everything the next commits are read against, as JSON-ready data."""
        index = {id(e): i for i, e in enumerate(self.log)}
        return {
            "answers": self.answers,
            "live": sorted(self.live),
            "log": [e.as_dict() for e in self.log],
            "events": {key: [index[id(e)] for e in events] for key, events in self.events.items()},
            "removed": {key: index[id(e)] for key, e in self.removed.items()},
            "renamed": self.renamed,
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Continue from a `state()` of an earlier read."""
        commits: dict[str, Commit] = {}
        for data in state["log"]:
            sha = data["commit"]["sha"]
            commit = commits.get(sha) or commits.setdefault(sha, Commit.from_dict(data["commit"]))
            self.log.append(Event.from_dict(data, commit))
        self.answers = state["answers"]
        self.live = set(state["live"])
        self.events = {key: [self.log[i] for i in indices] for key, indices in state["events"].items()}
        self.removed = {key: self.log[i] for key, i in state["removed"].items()}
        self.renamed = state["renamed"]

    def history(self) -> History:
        order = {id(e): i for i, e in enumerate(self.log)}
        return History(
            available=True,
            events=self.events,
            removed=sorted(self.removed.values(), key=lambda e: order[id(e)]),
            log=self.log,
            renamed=self.renamed,
            skipped=self.skipped,
        )


def _status(entry: Any) -> str | None:
    value = entry.get("status") if isinstance(entry, dict) else None
    return str(value) if isinstance(value, str) else None


def _changed(before: Any, after: Any) -> tuple[str, ...]:
    """The top-level keys whose values differ between two mappings."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ()
    return tuple(sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key)))


def _read_again(top: Path, headers: Iterable[bytes]) -> dict[bytes, list[bytes]]:
    """Author, committer and subject of each commit whose header holds a separator too many (Git allows
    U+001F in names and subjects), read again in one `git log`, NUL-separated: Git allows no NUL there."""
    wanted = {header.split(b"\x1f", 1)[0] for header in headers if header.count(b"\x1f") != _FORMAT.count("%x1f")}
    if not wanted:
        return {}
    try:
        out = _git(
            top,
            "log",
            "--no-walk=unsorted",
            "--no-color",
            "--stdin",
            "--format=%H%x00%an%x00%cn%x00%s%x00",
            stdin=b"\n".join(sorted(wanted)) + b"\n",
        )
    except GitError:
        return {}
    fields = out.split(b"\0")
    return {
        fields[i].strip(): fields[i + 1 : i + 4] for i in range(0, len(fields) - 3, 4) if fields[i].strip() in wanted
    }


def _commit(header: bytes, again: Mapping[bytes, list[bytes]]) -> Commit | str:
    """The commit a `_FORMAT` header describes (its names and subject from `again` when the header holds
    a separator too many), or why it cannot be read, naming the commit."""
    sha, authored, committed, rest = (*header.split(b"\x1f", 3), b"", b"", b"")[:4]
    name = sha[:12].decode("ascii", "replace")
    if not _SHA.fullmatch(sha.decode("ascii", "replace")):
        return f"commit {name!r}: its hash is not readable"
    texts = rest.split(b"\x1f")
    if len(texts) != 3:  # author, committer, subject
        texts = again.get(sha, [])
        if len(texts) != 3:
            return f"commit {name}: its author, committer and subject are not readable"
    try:
        date = dt.datetime.fromisoformat(committed.decode())
        written = dt.datetime.fromisoformat(authored.decode())
    except (UnicodeDecodeError, ValueError):
        return f"commit {name}: its dates {authored!r} and {committed!r} are not readable"
    author, committer, subject = (_scrub(text.decode("utf-8", "replace")) for text in (*texts, b"", b"")[:3])
    return Commit(sha.decode(), name, date, written, author, committer, subject)


# A kept state is only as good as the code that made it: these modules' bytes are part of its key.
_STATE_VERSION = hashlib.blake2b(
    b"".join(Path(__file__).with_name(name).read_bytes() for name in ("history.py", "yamlread.py")), digest_size=8
).hexdigest()


def _kept_state(cache: Path, top: Path, key: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The tip and reader state kept at `cache`, if made by this code for this repository and folder."""
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept["key"] != key:
            return None
        tip = str(kept["tip"])
        _git(top, "cat-file", "-e", f"{tip}^{{commit}}")
        return tip, kept["state"]
    except (OSError, ValueError, KeyError, TypeError, GitError):
        return None


def _new_on_first_parent_line(top: Path, tip: str, head: str) -> list[str] | None:
    """The commits after `tip` on `head`'s first-parent line, oldest first; None when `tip` is not on it."""
    try:
        new = _git(top, "rev-list", "--first-parent", "--reverse", f"{tip}..{head}").decode().split()
        if new and _git(top, "rev-parse", f"{new[0]}^1").decode().strip() != tip:
            return None
    except GitError:
        return None
    return new


def read_history(
    root: Path, content_dir: str = "content", forge_url: str | None = None, cache: Path | None = None
) -> History:
    """The history of every idea in the Git repository that holds `root`.

    Never raises for a missing or unusable repository: the History then says
    `available=False` and why. `forge_url` (e.g. https://github.com/org/portal)
    gives each event a link to its commit's diff.

    With `cache`, the reader's state at the tip is kept in that file, and the
    next read starts from it when the kept tip is on HEAD's first-parent line:
    only the commits since are read. Anything else (another repository,
    folder, forge or version of this code, a rewritten history) reads it all.
    """
    found = locate(root, content_dir)
    if isinstance(found, str):
        return History(available=False, reason=found)
    top, inside = found
    prefix = "" if inside == "." else inside + "/"
    reader = _Reader(prefix, forge_url)
    try:  # one commit for the whole read, even if someone commits meanwhile
        head: str | None = _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    except GitError:
        head = None
    revisions = head or "HEAD"
    key = {"version": _STATE_VERSION, "top": str(top), "prefix": prefix, "forge": forge_url}
    kept = _kept_state(cache, top, key) if cache is not None and head else None
    if kept is not None and head:
        tip, state = kept
        new = _new_on_first_parent_line(top, tip, head)
        if new is not None:
            reader.restore(state)
            if not new:
                return reader.history()
            revisions = f"{tip}..{head}"
    folders = [f"{prefix}{folder}" for folder in KIND_BY_FOLDER if folder != "votes"]
    read = _read_log(top, revisions, folders, reader)
    if isinstance(read, History):
        return read
    again = _read_again(top, (header for header, _ in read))
    for header, changes in read:
        commit = _commit(header, again)
        if isinstance(commit, str):
            # One unreadable commit never stops a build: its changes are compared with the next readable one's.
            reader.skipped.append(f"history: {commit}; skipped")
            log.warning("portal: history: %s; skipped", commit)
            continue
        reader.commit(commit, changes)
    reader.parsed = {}
    if cache is not None and head:
        _keep_state(cache, head, key, reader)
    return reader.history()


def _read_log(
    top: Path, revisions: str, folders: list[str], reader: _Reader
) -> list[tuple[bytes, list[_Change]]] | History:
    """Every commit's header and changes from one `git log`, with the blobs they need read into `reader`;
    or, when `git log` fails, the History to give instead (empty for a repository with no commit yet)."""
    with tempfile.TemporaryFile() as errors:
        process = git.start(
            top,
            "--literal-pathspecs",
            "log",
            "--first-parent",
            "-m",
            "--reverse",
            "--raw",
            "--no-abbrev",
            "-z",
            "-M",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            f"--format={_FORMAT}",
            revisions,
            "--",
            *folders,
            user_config=True,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        blobs = _Blobs(top)
        try:
            assert process.stdout is not None
            commits = []
            for header, changes in _parse_log(_tokens(process.stdout)):
                commits.append((header, changes))
                for change in changes:
                    _ask(reader, blobs, change)
                blobs.flush()
        finally:
            reader.parsed = blobs.close()
            if process.stdout is not None:
                process.stdout.close()  # ends git early (SIGPIPE) if reading stopped before the end
            code = process.wait()
        errors.seek(0)
        message = errors.read()
    if code == 0:
        return commits
    try:
        _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        return History(available=True)  # no commit yet: an empty history
    return History(available=False, reason=f"git log failed: {GitError(code, message)}")


def _keep_state(cache: Path, tip: str, key: dict[str, Any], reader: _Reader) -> None:
    # A cache that cannot be written only costs the next build time.
    with contextlib.suppress(OSError):
        write_atomically(cache, json.dumps({"key": key, "tip": tip, "state": reader.state()}))


def _ask(reader: _Reader, blobs: _Blobs, change: _Change) -> None:
    """Ask for the blobs a change needs: a new answer list, both versions of a changed idea."""
    new = reader.classify(change.new_path)
    if new is None or change.status == "D":
        return
    if new[0] == "answers" and change.new_blob:
        blobs.ask(change.new_blob, "answers")
    elif new[0] == "ideas" and change.status != "A" and change.old_blob != change.new_blob:
        for blob in (change.old_blob, change.new_blob):
            if blob:
                blobs.ask(blob, "ideas")

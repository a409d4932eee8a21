"""Find the content files of a portal and read each one with `yamlread`.

The loader knows where each kind of file lives, what its name must look
like and how large it may be. It types nothing: that is the models' job.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.models import VOTE_ITEM
from generator.yamlread import Document, LineList, decode, parse


@dataclass(frozen=True, slots=True)
class FileKind:
    """One kind of content file: where it lives and how big it may be."""

    name: str
    folder: str | None
    max_bytes: int
    shape: LineList | None = None  # a plain form read without the YAML parser


KIB = 1024
# Limits well above any honest file, low enough that a hostile one cannot
# exhaust memory. Vote files hold up to about 900,000 supporters.
FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("idea", "ideas", 64 * KIB),
    FileKind("answers", "answers", 512 * KIB),
    FileKind("votes", "votes", 32 * KIB * KIB, LineList("supporters", VOTE_ITEM)),
    FileKind("community", "community", 512 * KIB),
    FileKind("categories", None, 256 * KIB),
    FileKind("departments", None, 256 * KIB),
)
KIND_BY_FOLDER = {kind.folder: kind for kind in FILE_KINDS if kind.folder}
KIND_BY_FILE = {f"{kind.name}.yaml": kind for kind in FILE_KINDS if kind.folder is None}
# `\Z`, not `$`: `$` also matches before a final newline, and a file named
# "2025-0001.yaml\n" would pass for the reviewed idea's file.
ID_FILE = re.compile(r"([0-9]{4}-[0-9]{4})\.yaml\Z")


@dataclass(frozen=True, slots=True)
class Source:
    """A content file found on disk."""

    path: Path
    display: str
    kind: FileKind
    idea_id: str | None


@dataclass(slots=True)
class Loaded:
    """Everything read from a portal's content folder."""

    documents: dict[str, list[tuple[Source, Document]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)
    idea_ids: set[str] = field(default_factory=set)
    files_checked: int = 0


def display_path(path: Path, base: Path) -> str:
    """How a path is shown in problems: relative to `base` when inside it."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _symlink_problem(path: Path, base: Path) -> Problem:
    # A link can point outside the repository (a CI runner's secrets, say), and
    # validation messages quote what they read; content is only ever plain files.
    return Problem(
        display_path(path, base),
        0,
        0,
        "the file is a symbolic link",
        "content files must be plain files in the repository; replace the link with the file",
    )


def _dot_file_problem(path: Path, base: Path) -> Problem:
    # A `.gitattributes` here can hide every change from diffs (`-diff`) or make
    # Git re-encode the files on checkout; nothing hidden belongs among content.
    return Problem(
        display_path(path, base),
        0,
        0,
        "unexpected hidden file (its name starts with a dot)",
        "remove it: content folders hold only content files, and a file such as .gitattributes here "
        "changes how Git stores or shows them",
    )


def _strays(content: Path, base: Path) -> list[Problem]:
    """Entries of the content folder the portal would silently ignore (a misspelt `idea/`, a dot-file)."""
    # `pages/` holds the staff pages (Markdown), which generator/staff_pages.py reads and checks.
    known = [*KIND_BY_FILE, *(f"{folder}" for folder in KIND_BY_FOLDER), "pages"]
    problems = []
    for path in sorted(content.iterdir()):
        if path.name.startswith("."):
            problems.append(_dot_file_problem(path, base))
            continue
        if path.name in known or path.name.lower() in ("readme.md", "readme"):
            continue
        close = difflib.get_close_matches(path.name, known, n=1)
        hint = f"did you mean {close[0]}?" if close else "the content folder holds " + ", ".join(known)
        problems.append(
            Problem(display_path(path, base), 0, 0, "unexpected entry in the content folder; it is ignored", hint)
        )
    return problems


def discover(content: Path, base: Path) -> tuple[list[Source], list[Problem]]:
    """Every content file under `content`, with problems for files that do not belong."""
    sources: list[Source] = []
    problems = _strays(content, base)
    for name, kind in KIND_BY_FILE.items():
        path = content / name
        if path.is_symlink():
            problems.append(_symlink_problem(path, base))
        elif path.is_file():
            sources.append(Source(path, display_path(path, base), kind, None))
    for folder, kind in KIND_BY_FOLDER.items():
        directory = content / folder
        if directory.is_symlink():
            # Followed, it would publish whatever folder it points to.
            problems.append(
                Problem(
                    display_path(directory, base),
                    0,
                    0,
                    "the folder is a symbolic link",
                    "content folders must be plain folders in the repository; replace the link with the folder",
                )
            )
        elif directory.exists() and not directory.is_dir():
            problems.append(
                Problem(display_path(directory, base), 0, 0, f"{folder} is a file, not a folder", "make it a folder")
            )
        elif directory.is_dir():
            _discover_folder(directory, folder, kind, base, sources, problems)
    return sources, problems


def _discover_folder(
    directory: Path, folder: str, kind: FileKind, base: Path, sources: list[Source], problems: list[Problem]
) -> None:
    """The files of one per-idea folder into `sources`, and a problem for each that does not belong."""
    paths = sorted(directory.iterdir())
    # A valid name is all digits and lowercase `.yaml`, so only an invalid
    # name (`2026-0042.YAML`) can clash in case with a valid one.
    valid = {
        path.name.casefold(): display_path(path, base) for path in paths if ID_FILE.match(path.name) and path.is_file()
    }
    for path in paths:
        display = display_path(path, base)
        if path.name.startswith("."):
            problems.append(_dot_file_problem(path, base))
            continue
        if path.is_symlink():
            problems.append(_symlink_problem(path, base))
            continue
        match = ID_FILE.match(path.name)
        if match and path.is_file():
            sources.append(Source(path, display, kind, match.group(1)))
            continue
        twin = valid.get(path.name.casefold())
        if twin is not None:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    f"file name differs only in case from {twin}",
                    "keep one; such files collide on Windows and macOS checkouts",
                )
            )
        else:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    f"unexpected file in {folder}/",
                    f"{kind.name} files are named by the idea id, e.g. {folder}/2026-0042.yaml",
                )
            )


def read(source: Source) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file, enforcing its kind's size limit."""
    try:
        size = source.path.stat().st_size
        if size > source.kind.max_bytes:
            # Rounded up: one byte over 64 KiB must not read "64 KiB; at most 64 KiB".
            kib = -(-size // KIB)
            return None, [
                Problem(
                    source.display,
                    0,
                    0,
                    f"the file is {kib} KiB; {source.kind.name} files may be at most "
                    f"{source.kind.max_bytes // KIB} KiB",
                    "split or shorten it",
                )
            ]
        raw = source.path.read_bytes()
    except OSError as exc:
        return None, [Problem(source.display, 0, 0, f"cannot read the file: {exc.strerror}")]
    text, problems = decode(source.display, raw)
    if text is None:
        return None, problems
    return parse(source.display, text, shape=source.kind.shape)


def load(content: Path, base: Path, only_ids: set[str] | None = None, *, answers: bool = True) -> Loaded:
    """Read the content folder: every file, or (with `only_ids`) the taxonomies,
    all answer files and the files of those ids.

    Answer files are always read because duplicate chains run through them,
    unless `answers` is False (for a check of vote files, which need none).
    """
    loaded = Loaded()
    if not content.is_dir():
        loaded.problems.append(
            Problem(
                display_path(content, base),
                0,
                0,
                "the content folder does not exist",
                "check content_dir in mkdocs.yml",
            )
        )
        return loaded
    sources, loaded.problems = discover(content, base)
    for source in sources:
        if source.kind.name == "idea" and source.idea_id:
            loaded.idea_ids.add(source.idea_id)
        if source.kind.name == "answers" and not answers:
            continue
        if (
            only_ids is not None
            and source.idea_id is not None
            and source.idea_id not in only_ids
            and source.kind.name != "answers"
        ):
            continue
        _read_into(loaded, source)
    return loaded


def _read_into(loaded: Loaded, source: Source) -> None:
    """Read one file into `loaded`: its document, or its problems."""
    loaded.files_checked += 1
    document, problems = read(source)
    loaded.problems.extend(problems)
    if document is not None:
        loaded.documents[source.kind.name].append((source, document))


def load_ideas(content: Path, base: Path, ids: set[str], idea_ids: set[str]) -> Loaded:
    """Read the taxonomies and the files of these ideas only, for ideas known to exist (`idea_ids`, e.g.
    the ideas of the last build): no folder is listed, no other idea's file read.

    For a preview of saved files: a duplicate cycle through other ideas' answers is not seen (only a
    whole `load` reads every answer file), so the whole build must follow.
    """
    loaded = Loaded(idea_ids=set(idea_ids))
    sources: list[Source] = []
    for name, kind in KIND_BY_FILE.items():
        sources.append(Source(content / name, display_path(content / name, base), kind, None))
    for folder, kind in KIND_BY_FOLDER.items():
        for idea_id in sorted(ids):
            path = content / folder / f"{idea_id}.yaml"
            sources.append(Source(path, display_path(path, base), kind, idea_id))
    for source in sources:
        if source.path.is_symlink():
            loaded.problems.append(_symlink_problem(source.path, base))
        elif source.path.is_file():
            _read_into(loaded, source)
    return loaded

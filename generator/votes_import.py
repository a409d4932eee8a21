"""`portal votes import`: add supports from a CSV export, or a tally counted at a meeting.

Identities (logins, national e-ID subjects, e-mail addresses) never reach Git:
each becomes a keyed hash, HMAC-SHA-256 with the key in `PORTAL_VOTER_KEY`,
of which the first 16 hex digits are written. The same identity always gives
the same hash under the same key, so an import run twice adds nothing the
second time and a person supports an idea once, whatever the channel.

Vote files are appended to: new lines go after the last existing line of
their list, the existing bytes stay as they were, and the result is validated
(every written file is put back as it was if anything does not validate).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import run
from generator.config import Project
from generator.errors import ContentError, UsageProblem
from generator.models import IDEA_ID, KEY
from generator.portal import Portal, Record
from generator.schema import header
from generator.yamlread import yaml11_reading
from generator.yamlwrite import scalar

KEY_VARIABLE = "PORTAL_VOTER_KEY"
MIN_KEY_LENGTH = 16
MAX_CSV_BYTES = 256 * 1024 * 1024

_DATE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ][0-9:.+\-Z]*)?$")


@dataclass(slots=True)
class Summary:
    """What an import did: counts, the reasons rows were rejected, and the files written."""

    added: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    written: dict[Path, int] = field(default_factory=dict)
    unknown_ids: Counter[str] = field(default_factory=Counter)

    def lines(self, root: Path) -> list[str]:
        """The report, one line each: files written, rejections, then the totals."""
        out = [f"{_shown(path, root)}: +{count}" for path, count in sorted(self.written.items())]
        out += [f"rejected {reason}" for reason in self.rejected]
        if self.unknown_ids:
            out.append(
                "unknown idea ids: "
                + ", ".join(
                    f"{idea_id} ({count} row{'s' if count > 1 else ''})"
                    for idea_id, count in sorted(self.unknown_ids.items())
                )
            )
        out.append(f"added {self.added}, skipped {self.skipped} (already counted), rejected {len(self.rejected)}")
        return out


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def voter_key(environ: Mapping[str, str] | None = None) -> bytes:
    """The key for voter hashes, from PORTAL_VOTER_KEY; refuses to go on without a usable one."""
    value = (os.environ if environ is None else environ).get(KEY_VARIABLE, "")
    if not value.strip():
        raise UsageProblem(
            f"{KEY_VARIABLE} is not set: supporters' identities are hashed with this secret key, "
            "and without it none can be imported (see docs/start-a-portal.md)"
        )
    if len(value) < MIN_KEY_LENGTH:
        raise UsageProblem(f"{KEY_VARIABLE} is too short: use a random key of at least {MIN_KEY_LENGTH} characters")
    return value.encode("utf-8")


def normal_identity(identity: str) -> str:
    """An identity as it is hashed: trimmed, Unicode-normalised, case-folded."""
    return unicodedata.normalize("NFC", identity.strip()).casefold()


def voter_hash(key: bytes, identity: str) -> str:
    """The pseudonym written to Git: the first 16 hex digits of HMAC-SHA-256(key, identity)."""
    return hmac.new(key, normal_identity(identity).encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _check_channel(channel: str) -> str:
    if not re.fullmatch(KEY, channel) or yaml11_reading(channel) is not None:
        raise UsageProblem(f"{channel!r} is not a channel name; write it like web, paper or meeting")
    return channel


def _portal(project: Project, today: dt.date) -> Portal:
    outcome = run(project, (), today)
    if outcome.portal is None:
        raise ContentError([p for p in outcome.problems if p.severity == "error"])
    return outcome.portal


def _day(text: str) -> dt.date | None:
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Columns:
    """Which CSV columns hold the voter, the idea id and the date."""

    voter: str = "voter"
    idea: str = "idea"
    date: str = "date"


def read_rows(path: Path, columns: Columns, delimiter: str) -> list[tuple[int, str, str, str]]:
    """(line number, voter, idea id, date text) for every data row of the CSV file."""
    if len(delimiter) != 1:
        raise UsageProblem(f"--delimiter must be one character, not {delimiter!r}")
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise UsageProblem(f"{path}: larger than {MAX_CSV_BYTES // (1024 * 1024)} MiB; split the export")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageProblem(f"{path}: not UTF-8 text; export the CSV as UTF-8") from None
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    try:
        head = next(reader, None)
        if head is None:
            raise UsageProblem(f"{path}: the file is empty; it needs a header line")
        names = [name.strip() for name in head]
        missing = [name for name in (columns.voter, columns.idea, columns.date) if name not in names]
        if missing:
            raise UsageProblem(
                f"{path}: no column {', '.join(repr(m) for m in missing)} in the header; it has "
                f"{', '.join(repr(n) for n in names)} (map columns with --voter-column, --idea-column, --date-column)"
            )
        where = [names.index(columns.voter), names.index(columns.idea), names.index(columns.date)]
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cells = [row[i] if i < len(row) else "" for i in where]
            rows.append((reader.line_num, cells[0], cells[1].strip(), cells[2]))
    except csv.Error as exc:
        raise UsageProblem(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    return rows


def _insert(text: str, key: str, items: list[str]) -> str:
    """`text` with `items` (list entries without indentation) added at the end of top-level `key`'s list.

    Existing lines are kept byte for byte; without the key, it is appended at the end.
    """
    if not text.endswith("\n") and text:
        text += "\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{key}:", line)), None)
    if start is None:
        return text + f"{key}:\n" + _items(items, "  ")
    if not re.match(rf"^{key}:[ \t]*(#.*)?\n$", lines[start]):
        raise UsageProblem(f"`{key}:` is not written as a block list; write one `- ...` line per entry, then import")
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#")), len(lines))
    last = start
    dash = None
    for i in range(start + 1, end):
        if lines[i].startswith(" ") and lines[i].strip():
            last = i
        if dash is None and (m := re.match(r"^( +)- ", lines[i])):
            dash = len(m.group(1))
    added = _items(items, " " * (2 if dash is None else dash))
    return "".join(lines[: last + 1]) + added + "".join(lines[last + 1 :])


def _items(items: list[str], pad: str) -> str:
    """List entries at indentation `pad`; an entry's further lines start with two spaces."""
    return "".join(pad + "- " + item.replace("\n  ", "\n" + pad + "  ") for item in items)


def _write_all(project: Project, changes: dict[Path, tuple[bytes | None, str]], today: dt.date) -> None:
    """Write every file, validate them together, and put them all back if any is invalid."""
    for path, (_, text) in changes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    outcome = run(project, list(changes), today)
    names = {path.name for path in changes}
    own = [p for p in outcome.problems if p.severity == "error" and Path(p.path).name in names]
    if own:
        for path, (before, _) in changes.items():
            if before is None:
                path.unlink()
            else:
                path.write_bytes(before)
        raise ContentError(own)


def _file_text(path: Path) -> tuple[bytes | None, str]:
    before = path.read_bytes() if path.is_file() else None
    return before, before.decode("utf-8") if before is not None else header("votes", 2)


def import_supporters(
    project: Project,
    csv_path: Path,
    *,
    channel: str,
    key: bytes,
    columns: Columns = Columns(),
    delimiter: str = ",",
    today: dt.date | None = None,
) -> Summary:
    """Add the supporters of a CSV export to the vote files; duplicates are skipped, bad rows rejected."""
    channel = _check_channel(channel)
    today = today or dt.date.today()
    rows = read_rows(csv_path, columns, delimiter)
    portal = _portal(project, today)
    summary = Summary()
    seen: dict[str, set[str]] = {}
    new: dict[str, list[tuple[dt.date, str]]] = {}
    for line, voter, idea_id, date_text in rows:
        record: Record | None = portal.records.get(idea_id)
        if record is None:
            if re.fullmatch(IDEA_ID, idea_id):
                summary.unknown_ids[idea_id] += 1
                summary.rejected.append(f"row {line}: unknown idea {idea_id}")
            else:
                summary.rejected.append(f"row {line}: the idea column holds no idea id such as 2026-0042")
            continue
        if not voter.strip():
            summary.rejected.append(f"row {line}: no voter")
            continue
        day = _day(date_text)
        if day is None:
            summary.rejected.append(f"row {line}: the date is not a real date written YYYY-MM-DD")
            continue
        if day < record.idea.submitted:
            summary.rejected.append(f"row {line}: dated {day}, before idea {idea_id} was submitted")
            continue
        if day > today:
            summary.rejected.append(f"row {line}: dated {day}, in the future")
            continue
        voters = seen.setdefault(idea_id, {s.voter for s in record.supporters})
        pseudonym = voter_hash(key, voter)
        if pseudonym in voters:
            summary.skipped += 1
            continue
        voters.add(pseudonym)
        new.setdefault(idea_id, []).append((day, pseudonym))
    changes: dict[Path, tuple[bytes | None, str]] = {}
    for idea_id, entries in sorted(new.items()):
        path = project.content / "votes" / f"{idea_id}.yaml"
        before, text = _file_text(path)
        items = [f"{pseudonym} {day.isoformat()} {channel}\n" for day, pseudonym in sorted(entries)]
        changes[path] = (before, _insert(text, "supporters", items))
        summary.written[path] = len(items)
        summary.added += len(items)
    if changes:
        _write_all(project, changes, today)
    return summary


def add_tally(
    project: Project,
    idea_id: str,
    *,
    count: int,
    channel: str,
    day: dt.date | None = None,
    note: str | None = None,
    today: dt.date | None = None,
) -> Summary:
    """Add supports counted together (a show of hands); the same tally twice is added once."""
    channel = _check_channel(channel)
    today = today or dt.date.today()
    day = day or today
    if count < 1:
        raise UsageProblem("--tally must be 1 or more")
    portal = _portal(project, today)
    record = portal.records.get(idea_id)
    if record is None:
        raise UsageProblem(f"there is no idea {idea_id!r}")
    summary = Summary()
    note = note.strip() if note else None
    if any((t.count, t.date, t.channel, t.note) == (count, day, channel, note) for t in record.tallies):
        summary.skipped = 1
        return summary
    path = project.content / "votes" / f"{idea_id}.yaml"
    before, text = _file_text(path)
    entry = f"count: {count}\n  date: {day.isoformat()}\n  channel: {channel}\n"
    if note:
        entry += f"  note: {scalar(note)}\n"
    _write_all(project, {path: (before, _insert(text, "tallies", [entry]))}, today)
    summary.added = 1
    summary.written[path] = 1
    return summary

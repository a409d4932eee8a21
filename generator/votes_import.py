"""`portal votes import`: add supports from a CSV export, or a tally counted at a meeting.

Identities (logins, national e-ID subjects, e-mail addresses) never reach Git:
each becomes a keyed pseudonym, HMAC-SHA-256 with the key in
`PORTAL_VOTER_KEY` over the idea id and the identity, of which the first 16
hex digits are written. The same person always gives the same pseudonym on
the same idea, so an import run twice adds nothing the second time and a
person supports an idea once, whatever the channel; on two ideas the same
person has two unrelated pseudonyms, so the public files cannot be joined to
follow one person from idea to idea.

Vote files are appended to: new lines go after the last existing line of
their list, the existing bytes stay as they were, and the written files are
validated with the idea files and taxonomies they refer to (every written file
is put back as it was if anything does not validate). Other files are not
read, so a broken file elsewhere does not stand in the way.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.check import check_ideas
from generator.config import Project
from generator.content_writer import write_validated
from generator.errors import ContentError, UsageProblem
from generator.models import IDEA_ID, KEY
from generator.portal import Portal, Record
from generator.schema import header
from generator.yamlread import yaml11_reading
from generator.yamlwrite import scalar

KEY_VARIABLE = "PORTAL_VOTER_KEY"
# Guessing the key must be out of reach: 112 bits (NIST SP 800-57's least
# security strength for keys), estimated generously as length × log2(distinct
# characters); 28 hex digits just pass, and the docs ask for 64.
MIN_KEY_BITS = 112
MAKE_A_KEY = 'python3 -c "import secrets; print(secrets.token_hex(32))"'
MAX_CSV_BYTES = 256 * 1024 * 1024
# A broken export can reject every row; the report names the first ones and counts the rest.
MAX_REJECTIONS_SHOWN = 100

_IDEA_ID = re.compile(IDEA_ID)
_DATE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ][0-9:.+\-Z]*)?$")


@dataclass(slots=True)
class Summary:
    """What an import did: counts, the reasons rows were rejected, and the files written."""

    added: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    rejected_count: int = 0
    written: dict[Path, int] = field(default_factory=dict)
    unknown_ids: Counter[str] = field(default_factory=Counter)

    def reject(self, reason: str) -> None:
        """Count a rejected row; only the first MAX_REJECTIONS_SHOWN reasons are kept."""
        self.rejected_count += 1
        if len(self.rejected) < MAX_REJECTIONS_SHOWN:
            self.rejected.append(reason)

    def lines(self, root: Path) -> list[str]:
        """The report, one line each: files written, rejections, then the totals."""
        out = [f"{_shown(path, root)}: +{count}" for path, count in sorted(self.written.items())]
        out += [f"rejected {reason}" for reason in self.rejected]
        if self.rejected_count > len(self.rejected):
            out.append(f"rejected {self.rejected_count - len(self.rejected)} more rows")
        if self.unknown_ids:
            out.append(
                "unknown idea ids: "
                + ", ".join(
                    f"{idea_id} ({count} row{'s' if count > 1 else ''})"
                    for idea_id, count in sorted(self.unknown_ids.items())
                )
            )
        out.append(f"added {self.added}, skipped {self.skipped} (already counted), rejected {self.rejected_count}")
        return out


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def voter_key(environ: Mapping[str, str] | None = None) -> bytes:
    """The key for voter pseudonyms, from PORTAL_VOTER_KEY; refuses to go on without a strong one."""
    value = (os.environ if environ is None else environ).get(KEY_VARIABLE, "")
    if not value.strip():
        raise UsageProblem(
            f"{KEY_VARIABLE} is not set: supporters' identities are hashed with this secret key, "
            f"and without it none can be imported; make one with {MAKE_A_KEY} (see docs/start-a-portal.md)"
        )
    weakness = key_weakness(value)
    if weakness is not None:
        raise UsageProblem(
            f"{KEY_VARIABLE} is too weak: {weakness}. A good key is long and random, such as the 64 hex digits "
            f"of {MAKE_A_KEY}; with a guessable key anyone can check who supported an idea"
        )
    return value.encode("utf-8")


def key_weakness(key: str) -> str | None:
    """Why a voter key is too easy to guess, or None when it is strong enough."""
    distinct = len(set(key))
    # A key that is a shorter key repeated ("abcabcabc...") is no stronger than the shorter one.
    if len(key) > 1 and key in (key + key)[1:-1]:
        return "it repeats the same few characters"
    bits = len(key) * math.log2(distinct) if distinct > 1 else 0.0
    if bits < MIN_KEY_BITS:
        return f"it has {len(key)} characters, {distinct} of them different"
    return None


def normal_identity(identity: str) -> str:
    """An identity as it is hashed: Unicode NFKC, case-folded, without surrounding space.

    NFKC makes fullwidth and other compatibility forms ("ａｎｎａ", "anna＠x") the
    plain characters, so one person cannot count twice by writing the same
    name in another form.
    """
    if identity.isascii():  # NFKC leaves ASCII as it is, and casefold is lower
        return identity.lower().strip()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", identity).casefold()).strip()


def voter_hash(key: bytes, idea_id: str, identity: str) -> str:
    """The pseudonym written to Git: the first 16 hex digits of HMAC-SHA-256(key, idea id, NUL, identity).

    The idea id has a fixed form without NUL, so the message splits back into
    id and identity one way only; the same identity gives unrelated pseudonyms
    on two ideas.
    """
    message = idea_id.encode("ascii") + b"\x00" + normal_identity(identity).encode("utf-8")
    return hmac.digest(key, message, hashlib.sha256).hex()[:16]


def _check_channel(channel: str) -> str:
    if not re.fullmatch(KEY, channel) or yaml11_reading(channel) is not None:
        raise UsageProblem(f"{channel!r} is not a channel name; write it like web, paper or meeting")
    return channel


def _portal(project: Project, ids: set[str], today: dt.date) -> Portal:
    """The ideas an import touches, validated with what they refer to; errors elsewhere do not count."""
    outcome = check_ideas(project, ids, today)
    if outcome.portal is None:
        raise ContentError([p for p in outcome.problems if p.severity == "error"])
    return outcome.portal


@lru_cache(maxsize=4096)  # an export repeats the same few hundred days
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


def read_rows(path: Path, columns: Columns, delimiter: str) -> Iterator[tuple[int, str, str, str]]:
    """(line number, voter, idea id, date text) for every data row of the CSV file, read as it goes.

    The file is parsed as CSV with its own line ends only: a U+2028 or U+001C
    inside a cell stays in the cell instead of starting a row of its own.
    """
    if len(delimiter) != 1:
        raise UsageProblem(f"--delimiter must be one character, not {delimiter!r}")
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise UsageProblem(f"{path}: larger than {MAX_CSV_BYTES // (1024 * 1024)} MiB; split the export")
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, delimiter=delimiter, strict=True)
            try:
                where = _columns(path, next(reader, None), columns)
                last = max(where)
                voter, idea, date = where
                for row in reader:
                    if not "".join(row).strip():
                        continue
                    cells = row if len(row) > last else row + [""] * (last + 1 - len(row))
                    yield reader.line_num, cells[voter], cells[idea].strip(), cells[date]
            except csv.Error as exc:
                raise UsageProblem(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageProblem(f"{path}: not UTF-8 text; export the CSV as UTF-8") from None


def _columns(path: Path, head: list[str] | None, columns: Columns) -> list[int]:
    """Where the voter, idea and date columns are in the header line."""
    if head is None:
        raise UsageProblem(f"{path}: the file is empty; it needs a header line")
    names = [name.strip() for name in head]
    missing = [name for name in (columns.voter, columns.idea, columns.date) if name not in names]
    if missing:
        raise UsageProblem(
            f"{path}: no column {', '.join(repr(m) for m in missing)} in the header; it has "
            f"{', '.join(repr(n) for n in names)} (map columns with --voter-column, --idea-column, --date-column)"
        )
    return [names.index(columns.voter), names.index(columns.idea), names.index(columns.date)]


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


def _write_all(project: Project, texts: dict[Path, str], today: dt.date) -> None:
    """Write every file, validate them with what they refer to, and put them all back if any is invalid."""
    errors = write_validated(project, texts, today, ideas={path.stem for path in texts})
    if errors:
        raise ContentError(errors)


def _file_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8") if path.is_file() else header("votes", 2)


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
    """Add the supporters of a CSV export to the vote files; duplicates are skipped, bad rows rejected.

    The file is read twice, row by row, and never held whole: once for the
    ideas it names (only they and the taxonomies are validated), then to count.
    """
    channel = _check_channel(channel)
    today = today or dt.date.today()
    ids = {idea_id for _, _, idea_id, _ in read_rows(csv_path, columns, delimiter) if _IDEA_ID.fullmatch(idea_id)}
    portal = _portal(project, ids, today)
    summary = Summary()
    seen: dict[str, set[str]] = {}
    # "YYYY-MM-DD pseudonym": one short string a support, sorting by date, then pseudonym.
    new: dict[str, list[str]] = {}
    for line, voter, idea_id, date_text in read_rows(csv_path, columns, delimiter):
        record = portal.records.get(idea_id)
        day = _day(date_text)
        reason = _rejection(record, idea_id, voter, day, today)
        if reason is not None or record is None or day is None:
            if record is None and _IDEA_ID.fullmatch(idea_id):
                summary.unknown_ids[idea_id] += 1
            summary.reject(f"row {line}: {reason}")
            continue
        voters = seen.setdefault(idea_id, {s.voter for s in record.supporters})
        pseudonym = voter_hash(key, idea_id, voter)
        if pseudonym in voters:
            summary.skipped += 1
            continue
        voters.add(pseudonym)
        new.setdefault(idea_id, []).append(f"{day.isoformat()} {pseudonym}")
    changes: dict[Path, str] = {}
    for idea_id, entries in sorted(new.items()):
        path = project.content / "votes" / f"{idea_id}.yaml"
        text = _file_text(path)
        entries.sort()
        items = [f"{entry[11:]} {entry[:10]} {channel}\n" for entry in entries]
        changes[path] = _insert(text, "supporters", items)
        summary.written[path] = len(items)
        summary.added += len(items)
    if changes:
        _write_all(project, changes, today)
    return summary


def _rejection(record: Record | None, idea_id: str, voter: str, day: dt.date | None, today: dt.date) -> str | None:
    """Why a row cannot be counted, or None."""
    if record is None:
        if _IDEA_ID.fullmatch(idea_id):
            return f"unknown idea {idea_id}"
        return "the idea column holds no idea id such as 2026-0042"
    if not normal_identity(voter):
        return "no voter"
    if day is None:
        return "the date is not a real date written YYYY-MM-DD"
    if day < record.idea.submitted:
        return f"dated {day}, before idea {idea_id} was submitted"
    if day > today:
        return f"dated {day}, in the future"
    return None


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
    if not _IDEA_ID.fullmatch(idea_id) or not (project.content / "ideas" / f"{idea_id}.yaml").is_file():
        raise UsageProblem(f"there is no idea {idea_id!r}")
    record = _portal(project, {idea_id}, today).records[idea_id]
    summary = Summary()
    note = note.strip() if note else None
    if any((t.count, t.date, t.channel, t.note) == (count, day, channel, note) for t in record.tallies):
        summary.skipped = 1
        return summary
    path = project.content / "votes" / f"{idea_id}.yaml"
    text = _file_text(path)
    entry = f"count: {count}\n  date: {day.isoformat()}\n  channel: {channel}\n"
    if note:
        entry += f"  note: {scalar(note)}\n"
    _write_all(project, {path: _insert(text, "tallies", [entry])}, today)
    summary.added = 1
    summary.written[path] = 1
    return summary

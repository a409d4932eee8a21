"""Time the ways of reading a portal's decision history from Git.

Builds a generated portal repository with `git fast-import` (default: 2,000
ideas, 5,000 commits, about a third of them outside content/ideas and
content/answers), then times, as the median of 5 runs with min–max:

- reference: one `git log --name-status` pass plus one `git cat-file --batch`
  process reading every changed answer blob once, bytes only (no parsing);
- read_history: `generator.history.read_history`, which does the same reading
  and also parses the answer lists and builds the events;
- pygit2 and dulwich: the same walk (first parent, content folders only, every
  changed answer blob read once, bytes only) with each library, when installed
  (`.venv/bin/pip install pygit2 dulwich`; neither is a dependency).

    .venv/bin/python -m benchmarks.history_bench
    .venv/bin/python -m benchmarks.history_bench --ideas 500 --commits 1200 --runs 3

The figures for docs/performance.md ("History extraction") come from here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.demo import FastImport
from generator.git import environment as git_environment
from generator.history import read_history

PATHS = ("content/ideas", "content/answers")
STATUSES = ("under_review", "planned", "in_progress", "done", "declined")
OFFICIALS = ("Jens Kofoed", "Anja Dahl", "Mads Bjerre", "Hanne Riis", "Birgitte Holm", "Søren Ågård")
WORDS = [
    "cykelsti",
    "skole",
    "havn",
    "bænk",
    "lys",
    "vej",
    "park",
    "bibliotek",
    "bus",
    "trafik",
    "støj",
    "affald",
    "genbrug",
    "svømmehal",
    "åbningstid",
    "legeplads",
    "fortov",
    "parkering",
    "budget",
    "udvalg",
    "borgermøde",
]


def _text(rng: random.Random, words: int) -> str:
    lines, line = [], []
    for _ in range(words):
        line.append(rng.choice(WORDS))
        if len(line) == 11:
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines) + "\n"


def _indent(text: str, pad: str) -> str:
    return "".join(pad + line + "\n" for line in text.splitlines())


def _idea(rng: random.Random, idea_id: str, day: dt.date, extra: str = "") -> bytes:
    return (
        "# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
        f"title: {rng.choice(WORDS).capitalize()} ved {rng.choice(WORDS)}{extra}\n"
        "kind: idea\n"
        f"submitted: {day.isoformat()}\n"
        "author: Maja H.\n"
        "category: traffic\n"
        "channel: web\n"
        "body: |\n" + _indent(_text(rng, 90), "  ")
    ).encode()


def _entry(rng: random.Random, day: dt.date, status: str, body: str) -> str:
    return (
        f"  - date: {day.isoformat()}\n"
        f"    status: {status}\n"
        "    department: roads\n"
        f"    signed: {rng.choice(OFFICIALS)}, chef for Vej og Park\n"
        "    body: |\n" + _indent(body, "      ")
    )


class _Portal:
    """The generated portal's content as the commits change it, one kind of change per method."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.live: list[str] = []
        self.answers: dict[str, list[str]] = {}
        self.idea_text: dict[str, bytes] = {}
        self.next_number = 0
        self.changes: dict[str, bytes | None] = {}
        self.renames: list[tuple[str, str]] = []

    def apply(self, kind: str, day: dt.date) -> str:
        """Make one commit's changes (in `changes` and `renames`); returns the kind it turned out to be."""
        self.changes, self.renames = {}, []
        if kind not in ("submitted", "outside", "bulk") and not self.live:
            kind = "outside"
        if kind != "outside":
            kind = getattr(self, kind)(day)
        if kind == "outside":
            self.outside(day)
        return kind

    def _new_id(self) -> str:
        self.next_number += 1
        return f"{2020 + self.next_number // 9000}-{self.next_number % 9000 + 1:04d}"

    def _answers(self, idea_id: str) -> None:
        self.changes[f"content/answers/{idea_id}.yaml"] = ("answers:\n" + "".join(self.answers[idea_id])).encode()

    def submitted(self, day: dt.date) -> str:
        idea_id = self._new_id()
        self.idea_text[idea_id] = _idea(self.rng, idea_id, day)
        self.changes[f"content/ideas/{idea_id}.yaml"] = self.idea_text[idea_id]
        self.live.append(idea_id)
        return "submitted"

    def answered(self, day: dt.date) -> str:
        idea_id = self.rng.choice(self.live)
        entries = self.answers.setdefault(idea_id, [])
        entries.append(_entry(self.rng, day, self.rng.choice(STATUSES), _text(self.rng, 60)))
        self._answers(idea_id)
        return "answered"

    def revised(self, day: dt.date) -> str:
        answered = [i for i in self.live[-400:] if self.answers.get(i)] or [i for i in self.live if self.answers.get(i)]
        if not answered:
            return "outside"
        idea_id = self.rng.choice(answered)
        entries = self.answers[idea_id]
        entries[-1] = entries[-1].rstrip("\n") + " (rettet)\n"
        self._answers(idea_id)
        return "revised"

    def moderated(self, day: dt.date) -> str:
        idea_id = self.rng.choice(self.live)
        self.idea_text[idea_id] = self.idea_text[idea_id].replace(b"Maja H.", b"Maja")
        self.idea_text[idea_id] += b"  (redigeret)\n"
        self.changes[f"content/ideas/{idea_id}.yaml"] = self.idea_text[idea_id]
        return "moderated"

    def renamed(self, day: dt.date) -> str:
        idea_id = self.rng.choice(self.live)
        new_id = self._new_id()
        self.renames.append((f"content/ideas/{idea_id}.yaml", f"content/ideas/{new_id}.yaml"))
        if idea_id in self.answers:
            self.renames.append((f"content/answers/{idea_id}.yaml", f"content/answers/{new_id}.yaml"))
            self.answers[new_id] = self.answers.pop(idea_id)
        self.idea_text[new_id] = self.idea_text.pop(idea_id)
        self.live[self.live.index(idea_id)] = new_id
        return "renamed"

    def removed(self, day: dt.date) -> str:
        idea_id = self.live.pop(self.rng.randrange(len(self.live)))
        self.changes[f"content/ideas/{idea_id}.yaml"] = None
        if self.answers.pop(idea_id, None) is not None:
            self.changes[f"content/answers/{idea_id}.yaml"] = None
        del self.idea_text[idea_id]
        return "removed"

    def bulk(self, day: dt.date) -> str:
        for idea_id in self.live[:300]:
            text = self.idea_text[idea_id].replace(b"channel: web\n", b"channel: web\ntags: [fjordby]\n")
            self.idea_text[idea_id] = self.changes[f"content/ideas/{idea_id}.yaml"] = text
        return "bulk"

    def outside(self, day: dt.date) -> None:
        target = self.rng.choice(self.live) if self.live else "none"
        path = f"content/votes/{target}.yaml" if self.rng.random() < 0.8 else "docs/notes.md"
        self.changes[path] = f"supporters:\n  - {self.rng.getrandbits(64):016x} {day.isoformat()} web\n".encode()


def build(root: Path, ideas: int, commits: int, seed: int = 7) -> dict[str, int]:
    """Write a generated portal history to `root`; return how many commits of each kind it has.

    The pack is then rewritten with full delta compression, as a clone would have it.
    """
    rng = random.Random(seed)  # noqa: S311 - test data
    stream = FastImport()
    when = dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    step = dt.timedelta(minutes=(6 * 365 * 24 * 60) // commits)
    counts = dict.fromkeys(
        ("submitted", "answered", "revised", "moderated", "renamed", "removed", "bulk", "outside"), 0
    )
    # About a third of the commits touch only votes and other files; ideas are
    # submitted evenly over the whole span; the rest answer and edit.
    plan = ["submitted"] * ideas + ["outside"] * (commits // 3)
    rest = commits - len(plan) - 1
    plan += rng.choices(["answered", "revised", "moderated", "renamed", "removed"], [86, 5, 5, 2, 2], k=max(rest, 0))
    rng.shuffle(plan)
    plan.insert(len(plan) // 2, "bulk")
    portal = _Portal(rng)
    for planned in plan:
        when += step
        kind = portal.apply(planned, when.date())
        counts[kind] += 1
        stream.commit(
            author=rng.choice(OFFICIALS),
            when=when,
            message=f"{kind} {when.date()}",
            changes=portal.changes,
            renames=portal.renames,
        )
    stream.run(root)
    _git(root, "repack", "-a", "-d", "-f", "-q")
    return counts


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=True, env=git_environment()
    ).stdout


def reference(root: Path) -> int:
    """One `git log --name-status` pass, then every changed answer blob read once by `git cat-file --batch`."""
    log = _git(root, "log", "--reverse", "--name-status", "-z", "-M", "--format=%x1e%H", "HEAD", "--", *PATHS)
    wanted: list[bytes] = []
    commit = b""
    fields = iter(log.split(b"\0"))
    for field in fields:
        token = field.lstrip(b"\n")
        if token.startswith(b"\x1e"):
            commit = token[1:].strip()
            token = next(fields, b"").lstrip(b"\n")
        if not token:
            continue
        status = token[:1]
        path = next(fields)
        if status in (b"R", b"C"):
            path = next(fields)
        if status != b"D" and path.startswith(b"content/answers/"):
            wanted.append(commit + b":" + path + b"\n")
    out = _git(root, "cat-file", "--batch", stdin=b"".join(wanted))
    return len(out)


def with_read_history(root: Path) -> int:
    history = read_history(root, "content", "https://example.invalid/portal")
    assert history.available, history.reason
    return sum(len(events) for events in history.events.values())


def with_pygit2(root: Path) -> int:
    import pygit2  # type: ignore[import-not-found]

    repo = pygit2.Repository(str(root))
    commits = []
    commit = repo.head.peel(pygit2.Commit)
    while True:
        commits.append(commit)
        if not commit.parents:
            break
        commit = commit.parents[0]
    total = 0

    def subtree(tree: object, name: str) -> object | None:
        try:
            found: object = tree[name]  # type: ignore[index]
            return found
        except KeyError:
            return None

    for commit in reversed(commits):
        parent = commit.parents[0].tree if commit.parents else None
        for folder in ("ideas", "answers"):
            new = subtree(commit.tree, f"content/{folder}")
            old = subtree(parent, f"content/{folder}") if parent is not None else None
            if (new.id if new else None) == (old.id if old else None):  # type: ignore[attr-defined]
                continue
            one = new or old
            diff = one.diff_to_tree(swap=new is None) if old is None or new is None else old.diff_to_tree(new)  # type: ignore[attr-defined]
            diff.find_similar()
            if folder == "answers":
                for delta in diff.deltas:
                    if delta.status_char() != "D":
                        total += len(repo[delta.new_file.id].data)
    return total


def with_dulwich(root: Path) -> int:
    from dulwich.diff_tree import RenameDetector, tree_changes  # type: ignore[import-not-found]
    from dulwich.repo import Repo  # type: ignore[import-not-found]

    repo = Repo(str(root))
    store = repo.object_store
    commits = []
    commit = repo[repo.head()]
    while True:
        commits.append(commit)
        if not commit.parents:
            break
        commit = repo[commit.parents[0]]

    def subtree(tree_id: bytes | None, path: bytes) -> bytes | None:
        if tree_id is None:
            return None
        try:
            return store[tree_id].lookup_path(store.__getitem__, path)[1]  # type: ignore[no-any-return]
        except KeyError:
            return None

    total = 0
    detector = RenameDetector(store)
    for commit in reversed(commits):
        parent = repo[commit.parents[0]].tree if commit.parents else None
        for folder in (b"ideas", b"answers"):
            new = subtree(commit.tree, b"content/" + folder)
            old = subtree(parent, b"content/" + folder)
            if new == old:
                continue
            for change in tree_changes(store, old, new, rename_detector=detector):
                if folder == b"answers" and change.new is not None and change.new.sha is not None:
                    total += len(store[change.new.sha].data)
    return total


def _time(function: Callable[[Path], int], root: Path, runs: int) -> tuple[float, float, float, int]:
    times = []
    result = 0
    for _ in range(runs):
        start = time.perf_counter()
        result = function(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=2000, help="ideas submitted (default 2000)")
    parser.add_argument("--commits", type=int, default=5000, help="commits in all (default 5000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per variant; the median is shown (default 5)")
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--no-libraries", action="store_true", help="time only the reference and read_history")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch) / "portal"
        start = time.perf_counter()
        counts = build(root, args.ideas, args.commits)
        built = time.perf_counter() - start
        touching = int(_git(root, "rev-list", "--count", "HEAD", "--", *PATHS))
        size = _git(root, "count-objects", "-vH").decode().split("size-pack: ")[-1].split("\n")[0]
        print(
            f"repository: {sum(counts.values())} commits ({touching} touching {' and '.join(PATHS)}), "
            f"built in {built:.1f} s; pack {size}"
        )
        print("commits by kind: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(
            f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
            f"Python {platform.python_version()}, {_git(root, 'version').decode().strip()}"
        )
        variants: list[tuple[str, Callable[[Path], int]]] = [
            ("reference: git log --name-status + cat-file --batch", reference),
            ("read_history (git log --raw + cat-file --batch, parsed)", with_read_history),
        ]
        libraries: list[tuple[str, Callable[[Path], int], str]] = [
            ("pygit2 (libgit2), blobs read", with_pygit2, "pygit2"),
            ("dulwich, blobs read", with_dulwich, "dulwich"),
        ]
        for name, function, module in libraries:
            try:
                if args.no_libraries:
                    continue
                __import__(module)
            except ImportError:
                print(f"{module}: not installed, skipped")
                continue
            variants.append((name, function))
        rows = []
        base = None
        for name, function in variants:
            median, low, high, result = _time(function, root, args.runs)
            base = base or median
            rows.append((name, median, low, high, median / base, result))
        print()
        print("| variant | median (s) | min–max (s) | × reference | output (bytes read, or events) |")
        print("|---|---:|---:|---:|---:|")
        for name, median, low, high, ratio, result in rows:
            print(f"| {name} | {median:.3f} | {low:.3f}–{high:.3f} | {ratio:.2f} | {result} |")


if __name__ == "__main__":
    main()

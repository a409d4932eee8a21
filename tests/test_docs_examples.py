"""Every shell example in README.md and docs/*.md runs, on a fresh copy of the demo portal, as written.

The examples are read from the Markdown, so they cannot drift from what the
commands do:

- a ```sh block runs as one bash script (`set -eo pipefail`); when a ```text
  block follows it directly, that is its expected output;
- a ```text or ```console block whose lines start with `$ ` is a session:
  each command runs, and the lines after it are its output (standard output
  and errors together); a line `...` ends a shortened output;
- a block right after `<!-- not run: REASON -->` is skipped, and the reason
  must be given (it needs the network, a forge, or takes half an hour).

Each document gets its own demo copy (`portal demo`, the replayed history
with its fixed commit ids); its blocks run in order in that copy, so one
example may build on the one before. `/tmp/` in an example stands for a
temporary folder of the test. The working folder of every block is the
demo copy.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.demo import build
from generator.git import environment as git_environment
from tests.support import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>\S.*?)\s*-->\s*\Z", re.DOTALL)
SHOWN_TMP = "/tmp/"


@dataclass(frozen=True, slots=True)
class Example:
    """One runnable block of a document."""

    doc: str
    line: int
    commands: list[str]  # one script for a sh block, one per `$ ` line for a session
    outputs: list[Shown | None]  # expected output of each, None when not shown
    skipped: str | None


@dataclass(frozen=True, slots=True)
class Shown:
    """An expected output and where it stands in its document (`start` to `end`, for --update)."""

    text: str
    start: int
    end: int


def _session(body: str, offset: int) -> tuple[list[str], list[Shown | None]]:
    """The commands of a `$ ` session and the output shown after each; `offset` is where `body` starts."""
    commands: list[str] = []
    outputs: list[Shown | None] = []
    lines = body.splitlines(keepends=True)
    starts = [offset + sum(len(line) for line in lines[:index]) for index in range(len(lines) + 1)]
    index = 0
    while index < len(lines):
        command = lines[index][2:].rstrip("\n")
        while command.endswith("\\") and index + 1 < len(lines):
            index += 1
            command = command[:-1] + "\n" + lines[index].rstrip("\n")
        index += 1
        first = index
        while index < len(lines) and not lines[index].startswith("$ "):
            index += 1
        commands.append(command)
        shown = "".join(lines[first:index])
        outputs.append(Shown(shown.rstrip("\n"), starts[first], starts[first] + len(shown.rstrip("\n"))))
    return commands, outputs


def examples(path: Path) -> list[Example]:
    """The runnable blocks of one document, in order."""
    text = path.read_text(encoding="utf-8")
    blocks = list(_FENCE.finditer(text))
    found: list[Example] = []
    used: set[int] = set()
    for number, block in enumerate(blocks):
        if number in used:
            continue
        lang, body = block.group("lang"), block.group("body")
        before = text[blocks[number - 1].end() if number else 0 : block.start()]
        not_run = _NOT_RUN.search(before)
        line = text.count("\n", 0, block.start()) + 1
        doc = path.relative_to(REPO).as_posix()
        if lang in ("sh", "bash"):
            output = None
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if (
                following
                and following.group("lang") == "text"
                and not text[block.end() : following.start()].strip()
                and not following.group("body").startswith("$ ")
            ):
                shown = following.group("body").rstrip("\n")
                output = Shown(shown, following.start("body"), following.start("body") + len(shown))
                used.add(number + 1)
            found.append(Example(doc, line, [body], [output], not_run.group("reason") if not_run else None))
        elif lang in ("text", "console") and body.startswith("$ "):
            commands, outputs = _session(body, block.start("body"))
            found.append(Example(doc, line, commands, outputs, not_run.group("reason") if not_run else None))
    return found


ALL = {path.relative_to(REPO).as_posix(): examples(path) for path in DOCS}


def test_there_are_examples_to_run() -> None:
    runnable = [example for found in ALL.values() for example in found if example.skipped is None]
    assert len(runnable) >= 15
    assert {example.doc for example in runnable} >= {"README.md", "docs/cli.md", "docs/answer-an-idea.md"}


def _environment(home: Path) -> dict[str, str]:
    venv = str(Path(sys.executable).parent)
    return git_environment() | {
        "PATH": os.pathsep.join([venv, os.environ.get("PATH", "")]),
        "HOME": str(home),
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_AUTHOR_NAME": "Docs Example",
        "GIT_AUTHOR_EMAIL": "docs@example.invalid",
        "GIT_COMMITTER_NAME": "Docs Example",
        "GIT_COMMITTER_EMAIL": "docs@example.invalid",
        "PORTAL_VOTER_KEY": "an example key for the docs only",
        "COLUMNS": "100",
    }


def _matches(shown: str, got: str) -> bool:
    want = [line.rstrip() for line in shown.splitlines()]
    have = [line.rstrip() for line in got.rstrip("\n").splitlines()]
    if want and want[-1] == "...":
        return have[: len(want) - 1] == want[:-1]
    return have == want


@dataclass(frozen=True, slots=True)
class Ran:
    """What one command of an example printed, against what the document shows."""

    where: str
    shown: Shown | None
    printed: str
    code: int

    @property
    def ok(self) -> bool:
        """True when the command did as the document says."""
        return self.code == 0 if self.shown is None else _matches(self.shown.text, self.printed)


def run_examples(doc: str, tmp_path: Path) -> list[Ran]:
    """Run every example of `doc` in order, in a fresh demo copy under `tmp_path`."""
    demo = tmp_path / "demo"
    build(demo)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = _environment(tmp_path)
    ran = []
    for example in examples(REPO / doc):
        if example.skipped is not None:
            continue
        for command, shown in zip(example.commands, example.outputs, strict=True):
            script = command.replace(SHOWN_TMP, f"{scratch}/")
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-c", "set -eo pipefail\n" + script],
                cwd=demo,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,  # interleaved, as a terminal shows them
                text=True,
                check=False,
                timeout=300,
            )
            printed = result.stdout.replace(f"{scratch}/", SHOWN_TMP).replace(str(demo), "<demo>")
            ran.append(Ran(f"{doc}:{example.line}: {command.splitlines()[0]}", shown, printed, result.returncode))
    return ran


@pytest.mark.parametrize("doc", [doc for doc, found in ALL.items() if any(e.skipped is None for e in found)])
def test_the_examples_run_as_written(doc: str, tmp_path: Path) -> None:
    failures = [
        f"{ran.where}\n  exit {ran.code}:\n{ran.printed}"
        if ran.shown is None
        else f"{ran.where}\n  shown:\n{ran.shown.text}\n  printed (exit {ran.code}):\n{ran.printed}"
        for ran in run_examples(doc, tmp_path)
        if not ran.ok
    ]
    assert not failures, (
        "\n\n".join(failures) + "\n\nChange the example to what the command prints (`make docs-examples` "
        "writes the printed output into the documents), or mark it with <!-- not run: REASON --> when it "
        "cannot run here."
    )


def _updated(shown: Shown, printed: str) -> str:
    """The printed output in place of the shown one, shortened as the shown one was (`...`)."""
    lines = [line.rstrip() for line in printed.rstrip("\n").splitlines()]
    kept = shown.text.splitlines()
    if kept and kept[-1] == "..." and len(lines) > len(kept) - 1:
        lines = [*lines[: len(kept) - 1], "..."]
    return "\n".join(lines)


def _commit_ids(shown: str, printed: str) -> dict[str, str]:
    """Commit ids that stand in the same place of the same line in both outputs: the old id → the new one."""
    ids = re.compile(r"\b[0-9a-f]{7,40}\b")
    pairs: dict[str, str] = {}
    for before, after in zip(shown.splitlines(), printed.splitlines(), strict=False):
        if ids.sub("", before) == ids.sub("", after):
            pairs |= {old: new for old, new in zip(ids.findall(before), ids.findall(after), strict=True) if old != new}
    return pairs


def update(docs: list[str]) -> list[str]:
    """Write what each example printed into its document where it differs; return the documents changed.

    A command that failed is reported after the documents are written (run again: it may have failed on a
    commit id that was just renamed); the report ends the program with exit 1.
    """
    changed = []
    broken: list[Ran] = []
    for doc in docs:
        with tempfile.TemporaryDirectory() as scratch:
            runs = run_examples(doc, Path(scratch))
        broken += [ran for ran in runs if ran.shown is None and not ran.ok]
        path = REPO / doc
        text = path.read_text(encoding="utf-8")
        renamed: dict[str, str] = {}
        for ran in sorted((r for r in runs if r.shown is not None and not r.ok), key=lambda r: -r.shown.start):  # type: ignore[union-attr]
            assert ran.shown is not None
            new = _updated(ran.shown, ran.printed)
            renamed |= _commit_ids(ran.shown.text, new)
            text = text[: ran.shown.start] + new + text[ran.shown.end :]
        # A commit id also named elsewhere, such as in `git show <id>`, changes with the output that showed it.
        for before, after in renamed.items():
            text = re.sub(rf"\b{before}\b", after, text)
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            changed.append(doc)
    if broken:
        print("\n".join(changed))
        raise SystemExit("\n\n".join(f"{ran.where}\n  exit {ran.code}:\n{ran.printed}" for ran in broken))
    return changed


@pytest.mark.parametrize("doc", sorted(ALL))
def test_every_skipped_example_says_why(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    for match in re.finditer(r"<!--\s*not run:(.*?)-->", text, re.DOTALL):
        assert len(match.group(1).strip()) > 10, f"{doc}: say why the example is not run"


if __name__ == "__main__":
    # `python -m tests.test_docs_examples --update [DOC...]`: write what the examples print into the documents.
    if sys.argv[1:2] != ["--update"]:
        raise SystemExit("usage: python -m tests.test_docs_examples --update [README.md docs/cli.md ...]")
    for written in update(sys.argv[2:] or sorted(ALL)):
        print(written)

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
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.demo import build, git_environment
from tests.conftest import REPO

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
    outputs: list[str | None]  # expected output of each, None when not shown
    skipped: str | None


def _session(body: str) -> tuple[list[str], list[str | None]]:
    commands: list[str] = []
    outputs: list[str | None] = []
    lines = body.splitlines()
    index = 0
    while index < len(lines):
        command = lines[index][2:]
        while command.endswith("\\") and index + 1 < len(lines):
            index += 1
            command = command[:-1] + "\n" + lines[index]
        index += 1
        shown = []
        while index < len(lines) and not lines[index].startswith("$ "):
            shown.append(lines[index])
            index += 1
        commands.append(command)
        outputs.append("\n".join(shown))
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
                output = following.group("body").rstrip("\n")
                used.add(number + 1)
            found.append(Example(doc, line, [body], [output], not_run.group("reason") if not_run else None))
        elif lang in ("text", "console") and body.startswith("$ "):
            commands, outputs = _session(body)
            found.append(Example(doc, line, commands, list(outputs), not_run.group("reason") if not_run else None))
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


@pytest.mark.parametrize("doc", [doc for doc, found in ALL.items() if any(e.skipped is None for e in found)])
def test_the_examples_run_as_written(doc: str, tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    build(demo)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = _environment(tmp_path)
    failures = []
    for example in ALL[doc]:
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
            got = result.stdout.replace(f"{scratch}/", SHOWN_TMP).replace(str(demo), "<demo>")
            where = f"{doc}:{example.line}: {command.splitlines()[0]}"
            if shown is None:
                if result.returncode != 0:
                    failures.append(f"{where}\n  exit {result.returncode}:\n{got}")
            elif not _matches(shown, got):
                failures.append(f"{where}\n  shown:\n{shown}\n  printed (exit {result.returncode}):\n{got}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("doc", sorted(ALL))
def test_every_skipped_example_says_why(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    for match in re.finditer(r"<!--\s*not run:(.*?)-->", text, re.DOTALL):
        assert len(match.group(1).strip()) > 10, f"{doc}: say why the example is not run"

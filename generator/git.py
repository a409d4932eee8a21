"""Every git command the portal runs, through one door, so a person's Git settings cannot change what it reads.

Two kinds of call, one guard:

- Reading the portal's own repository (its history, the answers at a base commit) keeps the person's
  Git configuration, because it can hold what git needs to open the repository at all (`safe.directory`,
  which CI runners set in the global configuration). The settings that would change the format of what
  git prints are overridden on the command line (`OUTPUT_SETTINGS`).
- Writing a new repository (`portal demo`, `portal new`, the benchmarks' and tests' repositories) reads
  no user or system configuration at all: no templates, hooks or signing from someone's `~/.gitconfig`.

Both never prompt, and run with messages in English (`LC_ALL=C`) so an error can be recognised and
shown in plain words.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import IO

# Settings that would change `git log`'s or `git diff`'s output if a user or system config set them.
OUTPUT_SETTINGS = (
    "-c",
    "log.showSignature=false",
    "-c",
    "diff.relative=false",
    "-c",
    "log.follow=false",
    "-c",
    "core.quotePath=false",
)

# Terminal escape sequences (CSI such as colours, OSC such as OSC-8 hyperlinks and titles, and the
# two-byte ones), then any control or text-direction character left.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text from git (a commit's names and subject, an error) as it may be printed or published: no terminal
    escape sequence (colours, OSC-8 links, window titles), no control or text-direction character."""
    return _UNPRINTABLE.sub("", _ESCAPES.sub("", text))


class GitError(Exception):
    """git ran and failed; the message is the first line it wrote to stderr, made printable."""

    def __init__(self, code: int, stderr: bytes) -> None:
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        super().__init__(printable(lines[0].removeprefix("fatal: ")) if lines else f"git exited with code {code}")
        self.code = code


def environment(*, user_config: bool = False, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a git process: with the person's configuration (`user_config`) or none at all.

    `base` is the environment to start from (the process's own by default).
    """
    source = os.environ if base is None else base
    if user_config:
        env = dict(source)
    else:
        # GIT_DIR, GIT_INDEX_FILE and the like (set when the portal runs inside a Git hook) would point
        # git at another repository than the one named with -C.
        env = {key: value for key, value in source.items() if not key.startswith("GIT_")}
        env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    return env


def command(root: Path, *args: str) -> list[str]:
    """The argument list for `git args` run in `root`, with the output settings fixed."""
    return ["git", *OUTPUT_SETTINGS, "-C", str(root), *args]


def run(
    root: Path, *args: str, stdin: bytes | None = None, user_config: bool = False, timeout: float | None = None
) -> bytes:
    """Run `git args` in `root` and return what it printed.

    Raises GitError when git fails, FileNotFoundError when git is not installed.
    """
    result = subprocess.run(
        command(root, *args),
        input=stdin,
        env=environment(user_config=user_config),
        capture_output=True,
        check=False,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise GitError(result.returncode, result.stderr)
    return result.stdout


def start(
    root: Path,
    *args: str,
    user_config: bool = False,
    stdin: int | None = None,
    stdout: int | None = None,
    stderr: int | IO[bytes] | None = None,
) -> subprocess.Popen[bytes]:
    """Start `git args` in `root` as a process the caller reads from (or writes to) while it runs."""
    return subprocess.Popen(
        command(root, *args), env=environment(user_config=user_config), stdin=stdin, stdout=stdout, stderr=stderr
    )

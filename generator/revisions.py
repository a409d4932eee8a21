"""Changes to published answers, found by comparing the answer files with a base commit's.

Published answers are never rewritten in place without it being seen: the
site shows a changed answer as a revision, with the earlier text in its
history. The pull-request check (`portal validate --base REV`) puts a notice
on each changed or removed answer, so the reviewer sees that before merging.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import git
from generator.errors import Problem
from generator.yamlread import Document, decode, parse


def _git(root: Path, *args: str) -> bytes | None:
    """What `git args` printed, or None when it failed (an unknown commit, a file new since it)."""
    try:
        # The person's configuration is kept, as for the history: it may hold the `safe.directory` CI sets.
        return git.run(root, *args, user_config=True, timeout=120)
    except git.GitError:
        return None


def _answers(path: str, raw: bytes) -> tuple[Document | None, list[Any]]:
    text, _ = decode(path, raw)
    document, _ = parse(path, text) if text is not None else (None, [])
    data = document.data if document is not None else None
    entries = data.get("answers") if isinstance(data, dict) else None
    return document, entries if isinstance(entries, list) else []


def _first_change(before: Any, after: Any) -> str | None:
    """The first field of an answer whose value changed, or None when none did."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None if before == after else ""
    for key in [*before, *(k for k in after if k not in before)]:
        if before.get(key) != after.get(key):
            return str(key)
    return None


def revised_answers(root: Path, content_dir: str, base: str) -> list[Problem]:
    """A notice for each answer published at `base` that the working tree changes or removes.

    A warning instead when `base` cannot be read (not a repository, an unknown or shallow commit).
    """
    folder = f"{content_dir.strip('/')}/answers"
    if _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        reason = "not a Git repository" if not (root / ".git").exists() else "no such commit here (a shallow clone?)"
        return [
            Problem(
                content_dir,
                0,
                0,
                f"cannot compare the answers with {base}: {reason}",
                "check out with the whole history (fetch-depth: 0) to see changes to published answers",
                severity="warning",
            )
        ]
    changed = _git(root, "diff", "--name-only", "--no-renames", "-z", base, "--", folder) or b""
    problems: list[Problem] = []
    for name in filter(None, changed.decode("utf-8", "replace").split("\0")):
        earlier = _git(root, "show", f"{base}:{name}")
        if earlier is None:
            continue  # a new file: nothing in it was published
        _, published = _answers(name, earlier)
        path = root / name
        document, now = _answers(name, path.read_bytes()) if path.is_file() else (None, [])
        for index, entry in enumerate(published):
            day = entry.get("date") if isinstance(entry, dict) else None
            which = f"answer {index + 1}" + (f" (dated {day})" if day else "")
            if index >= len(now):
                problems.append(
                    Problem(
                        name,
                        *(document.position(("answers",), key=True) if document is not None else (0, 0)),
                        f"{which} was published and is removed here",
                        "a published answer stays in the public history; correct it with a new answer instead",
                        severity="notice",
                    )
                )
                continue
            field = _first_change(entry, now[index])
            if field is None:
                continue
            assert document is not None
            line, column = document.position(("answers", index, field) if field else ("answers", index))
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    f"{which} was published; this change to its `{field or 'text'}` will be shown on the site as a "
                    "revision, with the published text kept in its history",
                    "for a new decision, append a new answer instead",
                    severity="notice",
                )
            )
    return problems

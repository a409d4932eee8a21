"""Problems found in content, and the errors the library raises on purpose.

Plain exceptions: the command line (`generator/cli.py`) turns them into a
message and an exit code, the MkDocs plugin into a build error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# A notice tells the reviewer something that is allowed (a published answer changed), never a fault.
Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the content, at a place a person can open in an editor.

    `line` and `column` are 1-based; 0 means the whole file.
    """

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = field(default="error", compare=False)

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{hint}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping with stable keys."""
        return {
            "column": self.column,
            "hint": self.hint,
            "line": self.line,
            "message": self.message,
            "path": self.path,
            "severity": self.severity,
        }


class PortalError(Exception):
    """Base of every error the library raises on purpose; `str()` is the message a person reads.

    `exit_code` is what the command line exits with: 1 for content, 2 for usage.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageProblem(PortalError):
    """The command was called wrongly (a missing file, a bad option value)."""

    exit_code = 2


class ContentError(PortalError):
    """The content has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in errors) or "content has problems")

"""Write values as YAML text that the strict loader reads back unchanged.

Authoring commands append to files by hand instead of dumping whole
documents, so a file's existing bytes (and its Git diff) stay as they were.
"""

from __future__ import annotations

import json
import re

_SAFE_PLAIN = re.compile(r"^[A-Za-z0-9ÆØÅæøåÄÖÜäöüßÉéÈè][^:#\n\"'{}\[\],&*!|>%@`]*$")


def scalar(text: str) -> str:
    """`text` as a one-line scalar: plain when that is unambiguous, else double-quoted."""
    from generator.yamlread import yaml11_reading

    if _SAFE_PLAIN.match(text) and text == text.strip() and yaml11_reading(text) is None:
        return text
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int, parent: int) -> str:
    """`text` as a literal block scalar (`|`) under a key at column `parent`, its lines indented by `indent`."""
    body = text if text.endswith("\n") else text + "\n"
    lines = body.rstrip("\n").split("\n")
    # An indentation indicator keeps a leading space or an empty first line intact.
    indicator = "|" + (str(indent - parent) if lines[0][:1] in (" ", "") else "")
    chomp = "+" if body.endswith("\n\n") else ""
    pad = " " * indent
    rendered = "\n".join(pad + line if line else "" for line in lines)
    trailing = "\n" * (len(body) - len(body.rstrip("\n")) - 1) if chomp else ""
    return f"{indicator}{chomp}\n{rendered}\n{trailing}"

"""Problem reports: text, GitHub annotations and JSON, deterministic."""

from __future__ import annotations

import json

from generator.errors import Problem
from generator.report import format_report, github, summary

A = Problem("content/ideas/2026-0002.yaml", 4, 8, "title: is empty", "write a value")
B = Problem("content/answers/2026-0001.yaml", 12, 3, "unknown department `road`", "did you mean `roads`?")
W = Problem("content/ideas/2026-0001.yaml", 1, 1, "odd", severity="warning")


def test_text_is_sorted_and_ends_with_a_summary() -> None:
    text = format_report([A, B], 45, "text")
    assert text.splitlines() == [
        "content/answers/2026-0001.yaml:12:3: error: unknown department `road` (did you mean `roads`?)",
        "content/ideas/2026-0002.yaml:4:8: error: title: is empty (write a value)",
        "2 errors in 2 files, 45 files checked",
    ]


def test_summary_wording() -> None:
    assert summary([], 1) == "no problems, 1 file checked"
    assert summary([A, W], 3) == "1 error in 1 file, 1 warning, 3 files checked"


def test_github_annotation_escapes_properties_and_data() -> None:
    line = github(Problem("a,b:c.yaml", 2, 0, "50% done\nnext", "x"))
    assert line == "::error file=a%2Cb%3Ac.yaml,line=2,col=1,title=portal validate::50%25 done%0Anext (x)"


def test_json_is_stable_and_sorted() -> None:
    first = format_report([A, B, W], 3, "json")
    assert first == format_report([W, B, A], 3, "json")
    data = json.loads(first)
    assert data["errors"] == 2
    assert data["warnings"] == 1
    assert [p["path"] for p in data["problems"]] == [B.path, W.path, A.path]

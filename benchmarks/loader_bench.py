"""Time the strict loader with libyaml's C parser against PyYAML's pure-Python parser.

Usage: python -m benchmarks.loader_bench [--ideas 2000] [--votes 100000] [--runs 5]
Prints the median (min–max) of each variant; figures go to docs/performance.md by hand.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import yaml

from generator import yamlread

IDEA = """\
# yaml-language-server: $schema=../../schemas/idea.schema.json
title: Cykelsti langs Fjordvej nummer {n}
kind: idea
submitted: 2026-03-04
author: Maja H.
category: traffic
tags: [cykel, skolevej]
channel: web
body: |
{body}
"""


def _time(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    """Run the comparison and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ideas", type=int, default=2000)
    parser.add_argument("--votes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    body = "\n".join(
        "  " + "Børn cykler til skole ad Fjordvej hver morgen, og der er ingen cykelsti. " * 3 for _ in range(8)
    )
    ideas = [IDEA.format(n=n, body=body) for n in range(args.ideas)]
    votes = "supporters:\n" + "".join(f"  - {n:016x} 2025-03-10 web\n" for n in range(args.votes))
    print("| input | parser | median s | min–max s |")
    print("|---|---|---:|---:|")
    for name, parser_class in (("C (libyaml)", yaml.CSafeLoader), ("pure Python", yaml.SafeLoader)):
        yamlread.Parser = parser_class
        for label, work in (
            (f"{args.ideas} idea files", lambda: [yamlread.parse("x.yaml", text) for text in ideas]),
            (f"{args.votes} vote lines", lambda: yamlread.parse("v.yaml", votes, max_depth=10)),
        ):
            median, low, high = _time(work, args.runs)
            print(f"| {label} | {name} | {median:.3f} | {low:.3f}–{high:.3f} |")
    reference = _time(lambda: [yaml.load(text, Loader=yaml.CSafeLoader) for text in ideas], args.runs)
    print(
        f"| {args.ideas} idea files | yaml.load with CSafeLoader (no checks, no positions) | {reference[0]:.3f} | "
        f"{reference[1]:.3f}–{reference[2]:.3f} |"
    )


if __name__ == "__main__":
    main()

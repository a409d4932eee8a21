"""The benchmark harness: run from the repository's root as `python -m benchmarks.run` (see docs/performance.md)."""

"""Shared fixtures: a small, valid portal written into tmp_path, and the demo portal validated.

Plain helpers and the sample content are in tests/support.py; import them from there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check import check_portal
from generator.config import load_project
from generator.portal import Portal
from tests.support import ANSWERS, CATEGORIES, DEPARTMENTS, IDEA, MKDOCS, QUESTION, REPO, TODAY, VOTES, PortalDir


@pytest.fixture
def portal(tmp_path: Path) -> PortalDir:
    """A valid two-idea portal in tmp_path."""
    site = PortalDir(tmp_path)
    site.write("mkdocs.yml", MKDOCS)
    site.write("content/categories.yaml", CATEGORIES)
    site.write("content/departments.yaml", DEPARTMENTS)
    site.write("content/ideas/2026-0001.yaml", IDEA)
    site.write("content/ideas/2026-0002.yaml", QUESTION)
    site.write("content/answers/2026-0001.yaml", ANSWERS)
    site.write("content/votes/2026-0001.yaml", VOTES)
    return site


@pytest.fixture(scope="session")
def demo_portal() -> Portal:
    """The repository's own demo content, validated."""
    outcome = check_portal(load_project(REPO / "mkdocs.yml"), today=max(TODAY, dt.date.today()))
    assert outcome.portal is not None, "\n".join(map(str, outcome.problems[:20]))
    return outcome.portal

"""The garbage collector is off while the portal is made, and back as it was after every build."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import collection
from generator.check import check_portal
from generator.config import load_project
from generator.plugin import PortalPlugin
from tests.support import TODAY, PortalDir
from tests.test_plugin import _site


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """Collections that start while the loader or the validator is at work: where each one started."""
    seen: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase != "start":
            return
        frame: FrameType | None = sys._getframe(1)
        while frame is not None:
            if Path(frame.f_code.co_filename).name in ("loader.py", "validate.py", "yamlread.py"):
                seen.append(f"{frame.f_code.co_filename}:{frame.f_lineno}")
                return
            frame = frame.f_back

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def test_paused_turns_the_collector_off_and_back_on() -> None:
    assert gc.isenabled()
    with collection.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_restores_the_collector_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), collection.paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    try:
        with collection.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_validation_runs_without_a_collection(portal: PortalDir, collections: list[str]) -> None:
    # 20,000 supporters make far more objects than the collector's first threshold (700).
    lines = "".join(f"  - {index:016x} 2026-01-{11 + index % 10:02d} web\n" for index in range(20_000))
    portal.write("content/votes/2026-0001.yaml", "supporters:\n" + lines)
    project = load_project(portal.root / "mkdocs.yml")
    gc.collect()
    collections.clear()
    outcome = check_portal(project, today=TODAY)
    assert collections == []
    assert outcome.portal is not None
    assert len(outcome.portal.records["2026-0001"].supporters) == 20_000
    assert gc.isenabled()


def test_a_build_leaves_nothing_frozen_and_the_collector_on(portal: PortalDir) -> None:
    _site(portal)
    config = load_config(str(portal.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert (portal.root / "site" / "ideas" / "2026-0001" / "index.html").is_file()
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_exit_mid_build_stops_the_search_indexer(portal: PortalDir) -> None:
    """MkDocs can stop after `on_config` without reporting a build error; Pagefind must not run on."""
    _site(portal)
    config = load_config(str(portal.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["portal"]
    assert isinstance(plugin, PortalPlugin)
    config = config.plugins.on_config(config)
    assert plugin.build is not None
    indexing = plugin.build.indexing
    assert indexing is not None
    search_dir = plugin.build.search_dir
    assert search_dir is not None
    assert search_dir.is_dir()
    deadline = time.monotonic() + 30
    while indexing.process is None and time.monotonic() < deadline:  # Pagefind starts in a thread of its own
        time.sleep(0.01)
    process = indexing.process
    assert process is not None
    config.plugins.on_shutdown()
    assert not indexing.thread.is_alive()
    assert process.poll() is not None
    assert not search_dir.exists()
    assert not [p for p in os.listdir(portal.root) if p.startswith(".portal-search-")]
    assert gc.get_freeze_count() == 0
    assert not (portal.root / "site.partial").exists()

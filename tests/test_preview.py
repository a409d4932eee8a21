"""`mkdocs serve`'s preview (`generator/preview.py`): a saved file shown on its idea's page before the whole rebuild,
exactly as the rebuild then writes it."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.plugin import PortalPlugin
from generator.preview import Preview
from tests.support import PortalDir
from tests.test_plugin import _site

NEW_ANSWER = """\
answers:
  - date: 2026-02-02
    status: under_review
    department: roads
    signed: Ann Berg, Head of Roads
    body: |
      Thank you. We will *measure the traffic* in the spring.
"""
PAGE = Path("site/ideas/2026-0002/index.html")


class Serving:
    """The portal plugin as `mkdocs serve` drives it: a first build, then rebuilds each with a fresh config."""

    def __init__(self, portal: PortalDir) -> None:
        self.root = _site(portal).root
        self.configs: list[MkDocsConfig] = []
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = config.plugins["portal"]
        assert isinstance(plugin, PortalPlugin)
        self.plugin = plugin
        build(config)
        assert plugin.build is not None
        self.preview = Preview(plugin.build, self.rebuild, lambda: plugin.build)

    def config(self) -> MkDocsConfig:
        config = load_config(str(self.root / "mkdocs.yml"))
        self.configs.append(config)
        return config

    def rebuild(self) -> None:
        config = self.config()
        assert config.plugins["portal"] is self.plugin  # as in `mkdocs serve`: one plugin for every rebuild
        build(config)

    def page(self) -> str:
        return (self.root / PAGE).read_text(encoding="utf-8")

    def close(self) -> None:
        self.preview.stop()
        self.configs[-1].plugins.on_shutdown()


@pytest.fixture
def serving(portal: PortalDir) -> Iterator[Serving]:
    running = Serving(portal)
    try:
        yield running
    finally:
        running.close()


def test_a_saved_answer_is_shown_on_its_page_as_the_whole_rebuild_then_writes_it(
    portal: PortalDir, serving: Serving
) -> None:
    before = serving.page()
    saved = portal.write("content/answers/2026-0002.yaml", NEW_ANSWER)
    assert serving.preview.show({saved})
    shown = serving.page()
    assert "<em>measure the traffic</em>" in shown
    assert shown != before
    serving.rebuild()
    # The page MkDocs writes in a whole build, byte for byte.
    assert serving.page() == shown
    assert serving.plugin.build is not None
    assert serving.plugin.build.complete


def test_the_preview_renders_from_the_last_whole_build_while_the_next_one_runs(
    portal: PortalDir, serving: Serving
) -> None:
    shown = serving.preview.shown
    saved = portal.write("content/answers/2026-0002.yaml", NEW_ANSWER)
    serving.preview._want_rebuild()  # the whole rebuild starts in the preview's thread
    assert serving.preview.show({saved})
    assert "measure the traffic" in serving.page()
    with serving.preview.state:
        serving.preview.state.wait_for(lambda: not (serving.preview.wanted or serving.preview.running), timeout=120)
    assert serving.preview.shown is not shown  # the rebuild is what the next preview starts from
    assert "measure the traffic" in serving.page()


def test_a_saved_file_with_problems_is_not_shown_and_the_page_stays(
    portal: PortalDir, serving: Serving, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    before = serving.page()
    saved = portal.write("content/answers/2026-0002.yaml", NEW_ANSWER.replace("under_review", "pondering"))
    assert not serving.preview.show({saved})
    assert serving.page() == before
    assert re.search(r"content/answers/2026-0002\.yaml:3:\d+: .*pondering", caplog.text)


def test_only_idea_files_are_previewed(portal: PortalDir, serving: Serving) -> None:
    taxonomy = portal.root / "content/categories.yaml"
    assert not serving.preview.show({taxonomy})  # every list and page may change: the whole rebuild
    assert not serving.preview.show({portal.write("content/ideas/notes.txt", "draft")})
    new = portal.write("content/ideas/2026-0003.yaml", (portal.root / "content/ideas/2026-0001.yaml").read_text())
    assert not serving.preview.show({new})  # a new idea is on lists too: the whole rebuild
    gone = portal.root / "content/votes/2026-0001.yaml"
    gone.unlink()
    assert not serving.preview.show({gone})


def _idle(preview: Preview) -> None:
    with preview.state:
        assert preview.state.wait_for(lambda: not (preview.wanted or preview.running), timeout=120)


def test_what_the_listener_showed_gets_one_whole_rebuild_and_anything_else_a_whole_one_before_reload(
    portal: PortalDir, serving: Serving
) -> None:
    preview, rebuilds = serving.preview, []

    def counted() -> None:
        rebuilds.append(1)
        serving.rebuild()

    preview.builder = counted
    saved = portal.write("content/answers/2026-0002.yaml", NEW_ANSWER)
    preview.saved.put_back({saved})
    preview.saved.heard.set()
    listener = threading.Thread(target=preview._listen, daemon=True)
    listener.start()
    deadline = time.monotonic() + 60
    while not preview.previewed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert preview.previewed
    assert "measure the traffic" in serving.page()
    _idle(preview)
    assert rebuilds == [1]
    preview.rebuild()  # MkDocs' own watch saw the same save: nothing more to build
    _idle(preview)
    assert rebuilds == [1]
    # A change that is not an idea's (the site's settings): MkDocs' rebuild is whole, and done before it returns.
    preview.saved.put_back({portal.root / "mkdocs.yml"})
    preview.rebuild()
    assert rebuilds == [1, 1]
    assert not preview.running
    preview.stop()
    listener.join(timeout=5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _until(done: Callable[[], bool], process: subprocess.Popen[str], log: list[tuple[float, str]]) -> None:
    """Wait until `done()`, while `mkdocs serve` runs, for at most two minutes."""
    deadline = time.monotonic() + 120
    while not done():
        assert process.poll() is None, "".join(line for _, line in log)
        assert time.monotonic() < deadline, "".join(line for _, line in log)
        time.sleep(0.05)


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
        return str(response.read().decode("utf-8"))


def test_mkdocs_serve_shows_a_saved_answer_before_its_whole_rebuild_is_done(portal: PortalDir) -> None:
    root = _site(portal).root
    port = _free_port()
    scratch = portal.root / "serve-tmp"  # where `mkdocs serve` makes the folder it serves
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        env={**os.environ, "TMPDIR": str(scratch)},
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    log: list[tuple[float, str]] = []
    stream = process.stderr
    assert stream is not None
    reader = threading.Thread(target=lambda: log.extend((time.monotonic(), line) for line in stream), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/ideas/2026-0002/"
    try:
        _until(lambda: any("Serving on" in line for _, line in log), process, log)
        assert "measure the traffic" not in _page(url)
        portal.write("content/answers/2026-0002.yaml", NEW_ANSWER)
        _until(lambda: "measure the traffic" in _page(url), process, log)
        seen = time.monotonic()
        _until(lambda: any("whole rebuild is in place" in line for _, line in log), process, log)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=10)
    text = "".join(line for _, line in log)
    shown = next(at for at, line in log if "portal: preview: ideas/2026-0002/ shown in" in line)
    rebuilt = next(at for at, line in log if "whole rebuild is in place" in line)
    assert shown < rebuilt, text
    assert seen < rebuilt, text
    assert "error" not in text.lower(), text
    # Nothing of the served site or of its rebuilds is left behind.
    assert list(scratch.iterdir()) == []

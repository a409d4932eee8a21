"""The steps of a build, run without MkDocs driving them, and a preview build through the plugin."""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import cache
from generator.build import Build
from generator.plugin import PortalPlugin
from tests.support import PortalDir
from tests.test_plugin import _site


def test_a_build_stopped_by_an_error_after_its_start_leaves_nothing_behind(portal: PortalDir) -> None:
    _site(portal)
    config = load_config(str(portal.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["portal"]
    assert isinstance(plugin, PortalPlugin)
    try:
        config = config.plugins.on_config(config)  # MkDocs' events run the steps: File.generated needs one
        run = plugin.build
        assert isinstance(run, Build)
        assert run.final_site_dir == str(portal.root / "site")
        assert config.site_dir == str(portal.root / "site.partial")
        assert "ideas/2026-0001.md" in run.specs
        assert "data/index.md" in run.specs
        assert run.reuse is not None
        assert run.indexing is not None
        search_dir = run.search_dir
        assert search_dir is not None
        assert search_dir.is_dir()
        Path(config.site_dir).mkdir()  # MkDocs would start writing here
        config.plugins.on_build_error(error=OSError("disk full"))
    finally:
        config.plugins.on_shutdown()
    assert not (portal.root / "site.partial").exists()
    assert not search_dir.exists()
    assert run.indexing is None
    assert gc.get_freeze_count() == 0
    assert not (portal.root / "site").exists()


def test_a_preview_build_writes_in_place_and_takes_no_page_from_an_earlier_build(portal: PortalDir) -> None:
    _site(portal)
    config = load_config(str(portal.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["portal"]
    assert isinstance(plugin, PortalPlugin)
    try:
        build(config)
        build(config)  # a rebuild: the first build's Pagefind and folders are gone, nothing is reused
    finally:
        config.plugins.on_shutdown()
    assert plugin.build is not None
    assert plugin.build.reuse is None
    assert plugin.build.reused == set()
    assert config.site_dir == str(portal.root / "site")
    assert (portal.root / "site" / "ideas" / "2026-0001" / "index.html").is_file()
    assert (portal.root / "site" / "pagefind").is_dir()
    assert not (portal.root / "site.partial").exists()
    assert not [p for p in portal.root.iterdir() if p.name.startswith(".portal-search-")]


def test_a_preview_rebuild_takes_the_markdown_the_last_one_rendered(portal: PortalDir) -> None:
    """`mkdocs serve` hands each rebuild the last one's Markdown cache: unchanged texts are not rendered again,
    even with the cache file gone."""
    _site(portal)
    config = load_config(str(portal.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["portal"]
    assert isinstance(plugin, PortalPlugin)
    try:
        build(config)
        assert plugin.build is not None
        markdown = plugin.build.markdown
        assert markdown.used  # the first build rendered the ideas' texts
        # What a rendering that is not done again looks like: the last build's, marked.
        markdown.used = dict.fromkeys(markdown.used, "<p>rendered by the last build</p>")
        markdown.clean.clear()
        (portal.root / cache.MARKDOWN).unlink()
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert plugin.build.markdown is markdown
    page = (portal.root / "site" / "ideas" / "2026-0001" / "index.html").read_text(encoding="utf-8")
    assert "rendered by the last build" in page

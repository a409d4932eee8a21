"""The steps of a build, run without MkDocs driving them, and a preview build through the plugin."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from generator import cache
from generator.build import Build, Cards
from generator.i18n import strings
from generator.plugin import PortalPlugin
from generator.templates import theme_dirs
from tests.support import PortalDir, mkdocs_build
from tests.test_plugin import _site


def _started(portal: PortalDir, command: Literal["build", "serve"]) -> tuple[MkDocsConfig, PortalPlugin]:
    """The site's config as MkDocs loads it, its plugins told the command, and the portal plugin."""
    _site(portal)
    config = load_config(str(portal.root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    plugin = config.plugins["portal"]
    assert isinstance(plugin, PortalPlugin)
    return config, plugin


def test_a_build_stopped_by_an_error_after_its_start_leaves_nothing_behind(portal: PortalDir) -> None:
    config, plugin = _started(portal, "build")
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


def test_a_preview_build_puts_a_whole_site_in_place_and_takes_no_page_from_an_earlier_build(portal: PortalDir) -> None:
    config, plugin = _started(portal, "serve")
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
    config, plugin = _started(portal, "serve")
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


def test_a_card_is_rendered_once_per_build_and_links_from_each_list_to_its_idea(portal: PortalDir) -> None:
    config = load_config(str(_site(portal).root / "mkdocs.yml"))
    theme_dirs(config.theme.dirs, config.theme.custom_dir)
    env = config.theme.get_env()
    cards = Cards()
    env.filters["portal_card"] = cards.render
    page = env.from_string('{% import "portal/macros.html" as m with context %}{{ m.cards(list, words) }}')
    card = {"id": "2026-0001", "url": "ideas/2026-0001/", "title": "Bike lane", "kind": "idea", "support": 2}
    card |= {"status": "new", "category": "traffic", "department": None, "waiting": None, "duty": None}

    def listed(url: str) -> str:
        return page.render(
            list=[card], words=strings("en"), page=SimpleNamespace(url=url), base_url=get_relative_url(".", url)
        )

    assert 'href="2026-0001/">Bike lane</a>' in listed("ideas/")
    card["title"] = "Changed after the first rendering"
    # The same build: the card is not rendered again, and its link is the one this list's depth needs.
    assert 'href="../../../ideas/2026-0001/">Bike lane</a>' in listed("categories/traffic/newest/")
    assert 'href="../2026-0001/">Bike lane</a>' in listed("ideas/newest/")
    assert list(cards.rendered) == [id(card)]
    # The next build renders it again.
    env.filters["portal_card"] = Cards().render
    assert 'href="../../ideas/2026-0001/">Changed after the first rendering</a>' in listed("status/new/")


def test_an_ideas_search_record_holds_the_very_article_its_page_shows(portal: PortalDir) -> None:
    result = mkdocs_build(_site(portal).root)
    assert result.returncode == 0, result.stderr
    for idea in ("2026-0001", "2026-0002"):
        record = (portal.root / cache.SEARCH_RECORDS / "ideas" / idea / "index.html").read_text(encoding="utf-8")
        article = re.search(r"<body>\n(.*)\n</body>", record, re.DOTALL)
        assert article is not None
        assert article[1].lstrip().startswith('<article class="portal-idea" data-pagefind-body>')
        assert 'href="../../categories/' in article[1]  # relative to the idea's page
        page = (portal.root / "site" / "ideas" / idea / "index.html").read_text(encoding="utf-8")
        assert article[1] in page

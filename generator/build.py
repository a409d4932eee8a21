"""One build of a portal's site, step by step; the MkDocs plugin (`generator/plugin.py`) runs the steps.

`Build.start` does everything that can be done before MkDocs renders a page: it
validates the content while `git log` reads the history, plans the pages, sends
the output to a partial folder, decides which pages the last build's output can
serve again and starts the search index. MkDocs then renders the pages, which
`add_files`, `fill_page` and `page_written` take part in. `finish` writes the
open data and feeds, scans the output, adds the search index and puts the new
site in place of the old one; `undo` and `let_go` clean up after a build that
did not get there. A `Build` is one `mkdocs build`, or one rebuild of `mkdocs
serve`, which takes no page from earlier builds; it keeps what a preview needs
to render one idea's page again (`generator/preview.py`).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import secrets
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url

from generator import cache, collection, urls
from generator.check import check_portal
from generator.config import Project
from generator.errors import ContentError, PortalError
from generator.exports import export_texts, write_texts
from generator.feeds import write_feeds
from generator.history import History, read_history
from generator.i18n import strings
from generator.models import Settings
from generator.pages import Pages, PageSpec
from generator.portal import Portal, Record
from generator.propose import propose_page
from generator.render import MarkdownCache
from generator.report import format_report
from generator.reuse import PageReuse, build_key, input_key
from generator.search import BUNDLE, Indexing, shards
from generator.site_record import data_spec, follow_spec, page_feeds
from generator.site_settings import check as check_site_settings
from generator.sitecheck import scan
from generator.staff_pages import NAMES as STAFF_PAGE_NAMES
from generator.staff_pages import staff_pages, staff_specs
from generator.templates import STYLESHEET, theme_dirs

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MACROS_TEMPLATE = "portal/macros.html"


def _name_palette_toggles(config: MkDocsConfig, language: str) -> None:
    """Label Material's light/dark toggle in the site's language, unless mkdocs.yml names it."""
    palette = config.theme.get("palette")
    t = strings(language)
    for entry in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and not toggle.get("name"):
            # A toggle is shown while its palette is active and switches to the next one.
            toggle["name"] = t["to_light"] if entry.get("scheme") == "slate" else t["to_dark"]


class Cards:
    """Each idea's card, rendered once per build by the `card` macro of `portal/macros.html` and reused by
    every list it is on (the templates' `portal_card` filter): only its link, relative to the page it is
    on, differs from list to list.
    """

    def __init__(self) -> None:
        # Stands for the link while a card is rendered: random, so that no idea's text can contain it.
        self.link = f"portal-card-link-{secrets.token_hex(16)}"
        # By the card's identity: one dict per idea serves every list; it is kept here, so its id stays its own.
        self.rendered: dict[int, tuple[dict[str, Any], str]] = {}

    @pass_context
    def render(self, context: Context, card: dict[str, Any], words: dict[str, str]) -> str:
        """The card's markup with its link relative to the page being rendered, as the `url` filter makes it."""
        kept = self.rendered.get(id(card))
        if kept is None:
            macros = context.environment.get_template(MACROS_TEMPLATE).module
            kept = self.rendered[id(card)] = (card, str(macros.card(card, words, self.link)))  # type: ignore[attr-defined]
        href = context.environment.filters["url"](context, card["url"])
        # A plain string: MkDocs' templates do not escape by themselves (they escape text with `|e`).
        return kept[1].replace(self.link, href)


class Build:
    """One build of the site from a portal's settings. `atomic` builds write into a partial folder that
    replaces the site only when the whole build succeeded (all but `--dirty` ones, which write in place);
    `reuse` builds (`mkdocs build`) take unchanged pages from the last one (see generator/reuse.py).

    `markdown` is the Markdown an earlier build in this process rendered (a preview's last rebuild), else
    the build starts a cache of its own; either way it also reads what the last build kept on disk.
    """

    def __init__(
        self, settings: Settings, *, atomic: bool, reuse: bool = False, markdown: MarkdownCache | None = None
    ) -> None:
        self.settings = settings
        self.atomic = atomic
        self.reuse_pages = reuse
        self.markdown = markdown or MarkdownCache()
        self.root = Path.cwd()
        self.language = "en"
        self.portal: Portal | None = None
        self.history: History | None = None
        self.specs: dict[str, PageSpec] = {}
        self.files: dict[str, File] = {}
        self.final_site_dir: str | None = None
        self.reuse: PageReuse | None = None
        self.keys: dict[str, str] = {}
        self.reused: set[str] = set()
        self.search_dir: Path | None = None
        self.indexing: Indexing | None = None
        self.search_shards: list[str] = []  # the older shards' bundles, merged in the browser (see search.py)
        self.warnings: CountHandler | None = None
        self.exports: dict[str, str] = {}
        self.cards = Cards()
        self.pages: Pages | None = None
        # What MkDocs renders pages with, kept for a preview: this build's config, files, navigation, templates.
        self.config: MkDocsConfig | None = None
        self.mkdocs_files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.complete = False
        # Set when `mkdocs serve` shuts down during this build: its next page stops it (see `check_stopped`).
        self.stopping = False

    def start(self, config: MkDocsConfig) -> MkDocsConfig:
        """Every step before MkDocs renders a page, in order; stops with every problem in the content."""
        check_site_settings(config)
        self.config = config
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        self.language = str(config.theme.get("language") or "en")
        today = dt.date.today()
        # The portal and its pages' data live to the end of the build: the garbage collector is kept
        # off while they are made, and away from them after.
        with collection.paused():
            self.check(today)
            self.plan_pages(config, today)
        collection.keep_for_the_build()
        self.set_up_theme(config)
        if self.atomic:
            self.go_partial(config)
        if self.reuse_pages:
            self.plan_reuse(config)
        watch = str(self.root / self.settings.content_dir)
        if watch not in config.watch:
            config.watch.append(watch)
        # Made once, after site_dir is final: the search records and add_files both use them.
        # A blank first line keeps MkDocs from reading citizen text as front matter.
        self.files = {
            uri: File.generated(config, uri, content="\n", inclusion=InclusionLevel.NOT_IN_NAV) for uri in self.specs
        }
        self.start_search(config)
        self.add_data_page(config, today)
        return config

    def check(self, today: dt.date) -> None:
        """Validate the content and read its history, stopping with every problem."""
        # Most of the history's time is `git log`, a process of its own: it runs on the other core
        # while this one validates.
        with ThreadPoolExecutor(max_workers=1) as pool:
            settings = self.settings
            history = pool.submit(
                read_history, self.root, settings.content_dir, settings.forge_url, cache=self.root / cache.HISTORY
            )
            outcome = check_portal(Project(self.root, settings), today=today)
            if outcome.portal is None:
                history.cancel()
                raise PluginError(
                    "the content has problems:\n" + format_report(outcome.problems, outcome.files_checked, "text")
                )
            self.history = history.result()
            self.portal = outcome.portal

    def plan_pages(self, config: MkDocsConfig, today: dt.date) -> None:
        """Make every page's data but the Open data page's (see `add_data_page`), with the Markdown cache open."""
        assert self.portal is not None
        # Markdown rendered by earlier builds is kept (by text hash) in a file that CI restores between runs.
        markdown_cache = self.root / cache.MARKDOWN
        self.markdown.load(markdown_cache)
        self.pages = Pages(self.portal, self.language, today, self.history, self.markdown)
        self.specs = {spec.src_uri: spec for spec in self.pages.specs}
        # The Propose page reads the portal's issue forms too, which only the build can find.
        self.specs[urls.PROPOSE_PAGE].context = propose_page(self.portal, self.language, self.root)
        self._add_record_pages(config)
        self.markdown.save(markdown_cache)

    def _add_record_pages(self, config: MkDocsConfig) -> None:
        """Add the staff pages, the follow page, the Open data page's place, and the feeds each page announces."""
        assert self.portal is not None
        settings, language = self.settings, self.language
        try:
            staff = staff_pages(
                self.root / settings.content_dir, self.root, settings, language, config.site_name, self.markdown
            )
        except ContentError as exc:
            raise PluginError("the staff pages have problems:\n" + "\n".join(map(str, exc.problems))) from None
        changes = self._changes()
        # The Open data page's own data comes once Pagefind is at work (add_data_page).
        for spec in [*staff_specs(staff), follow_spec(self.portal, language, changes=changes), data_spec({}, language)]:
            self.specs[spec.src_uri] = spec
        for spec in self.specs.values():
            spec.context["feeds"] = page_feeds(spec, language, changes=changes)

    def _changes(self) -> bool:
        """Whether the site has its history (the changes page and feeds)."""
        return self.history is not None and self.history.available

    def idea_page_again(self, record: Record) -> str:
        """For a preview: the page data of an idea whose files changed since this build, made as
        `plan_pages` made it, in place of the old; returns the page's source path."""
        assert self.pages is not None
        spec = self.pages.ideas.again(record)
        spec.context["feeds"] = page_feeds(spec, self.language, changes=self._changes())
        self.specs[spec.src_uri] = spec
        return spec.src_uri

    def set_up_theme(self, config: MkDocsConfig) -> None:
        """Put the portal's theme under the site's own, its stylesheet first, and a navigation if the site has none."""
        _name_palette_toggles(config, self.language)
        theme_dirs(config.theme.dirs, config.theme.custom_dir)
        if STYLESHEET not in config.extra_css:
            # First, so that a portal's own stylesheets override it.
            config.extra_css.insert(0, STYLESHEET)
        if not config.nav:
            t = strings(self.language)
            config.nav = [
                {t["home"]: urls.HOME_PAGE},
                {t["ideas"]: urls.IDEAS_PAGE},
                {t["changes"]: urls.CHANGES_PAGE},
                {t["statistics"]: urls.STATISTICS_PAGE},
                {t["propose"]: urls.PROPOSE_PAGE},
                {t["open_data"]: urls.DATA_PAGE},
                {
                    t["site_pages"]: [
                        *({t[f"page_{name}"]: urls.source(urls.staff_page(name))} for name in STAFF_PAGE_NAMES),
                        {t["follow_page"]: urls.FOLLOW_PAGE},
                    ]
                },
            ]

    def go_partial(self, config: MkDocsConfig) -> None:
        """Send the output to `<site_dir>.partial`, which `finish` puts in place; count strict-mode warnings."""
        self._count_warnings(config)
        self.final_site_dir = config.site_dir
        config.site_dir = f"{config.site_dir.rstrip('/')}.partial"

    def plan_reuse(self, config: MkDocsConfig) -> None:
        """Key each page by its inputs: pages whose inputs did not change are taken from the last build
        (see generator/reuse.py)."""
        assert self.final_site_dir is not None
        overrides = config.theme.custom_dir
        config_file = Path(config.config_file_path or self.root / "mkdocs.yml")
        build = build_key(config_file, Path(overrides) if overrides else None)
        self.keys = {uri: input_key(build, spec) for uri, spec in self.specs.items()}
        self.reuse = PageReuse(self.root, Path(self.final_site_dir), build)

    def start_search(self, config: MkDocsConfig) -> None:
        """Write each idea's search record and start Pagefind on them, beside all the work still to come.

        Records need only the pages' data, so Pagefind starts before MkDocs has even listed its files.
        """
        site = Path(config.site_dir)
        site.parent.mkdir(parents=True, exist_ok=True)
        # Beside the site, on the same file system, so the finished bundle is moved in by a rename.
        self.search_dir = Path(tempfile.mkdtemp(prefix=".portal-search-", dir=site.parent))
        ideas = {uri: file for uri, file in self.files.items() if self.specs[uri].template == urls.IDEA_TEMPLATE}
        if not ideas:
            # A new portal: Pagefind refuses to index nothing, and there is nothing to find yet.
            return
        records = self._search_records({file.dest_uri for file in ideas.values()})
        parts = shards(self.specs[uri].context["idea"]["id"] for uri in ideas)
        self.search_shards = [f"{BUNDLE}/{part.folder}" for part in parts if part.folder]
        # The records' related ideas are cards too, from the same once-rendered cards as the pages'.
        template = self.set_up_env(config.theme.get_env()).get_template(urls.SEARCH_RECORD_TEMPLATE)
        portal_strings = strings(self.language)
        try:
            for src_uri, file in ideas.items():
                spec = self.specs[src_uri]
                target = records / file.dest_uri
                unchanged = self.reuse is not None and self.reuse.unchanged(file.dest_uri, self.keys[src_uri])
                if unchanged and target.is_file():
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                record = template.render(
                    # All the `url` filter reads of a page is its URL.
                    page=SimpleNamespace(url=file.url),
                    base_url=get_relative_url(".", file.url),
                    lang=self.language,
                    view=spec.context,
                    words=portal_strings,
                    idea=spec.context["idea"],
                )
                target.write_text(record, encoding="utf-8")
        except OSError as exc:
            # A full disk, or something in the way of a record: said plainly, not as a traceback.
            raise PluginError(
                f"search index: could not write the search records into {records}: {exc}. "
                f"Make room on the disk, or delete {records} (the build writes it again), and build again."
            ) from exc
        try:
            self.indexing = Indexing(records, self.search_dir / BUNDLE, parts)
        except PortalError as exc:
            raise PluginError(str(exc)) from exc

    def _search_records(self, wanted: set[str]) -> Path:
        """The folder of search records: kept between builds (only changed ideas are written again), or,
        for `mkdocs serve`, a new one. `wanted` are the records' paths; any other record is removed."""
        assert self.search_dir is not None
        if self.reuse is None:
            return self.search_dir / "records"
        records = self.root / cache.SEARCH_RECORDS
        # The records are about to change: until this build succeeds, no manifest may vouch for them.
        self.reuse.manifest.unlink(missing_ok=True)
        if not self.reuse.previous:
            shutil.rmtree(records, ignore_errors=True)
        for stale in [path for path in records.rglob("*.html") if path.relative_to(records).as_posix() not in wanted]:
            stale.unlink()
        return records

    def add_data_page(self, config: MkDocsConfig, today: dt.date) -> None:
        """Make the open data files, which `finish` writes, and the Open data page that describes them.

        After Pagefind has started: the search index is the build's critical path, and this is not on it.
        """
        assert self.portal is not None
        with collection.paused():
            self.exports = export_texts(self.portal, site_url=config.site_url or None, today=today)
        spec = data_spec(self.exports, self.language)
        spec.context["feeds"] = page_feeds(spec, self.language, changes=False)
        self.specs[spec.src_uri] = spec
        if self.reuse is not None:
            self.keys[spec.src_uri] = input_key(self.reuse.build, spec)

    def add_files(self, files: Files) -> Files:
        """Add one virtual file per generated page; keep the theme's feed template out of the site."""
        for file in list(files):
            if file.src_uri.startswith("portal/") and not file.src_uri.endswith(".html"):
                files.remove(file)
        for src_uri in self.specs:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(self.files[src_uri])
        return files

    def keep_for_preview(self, files: Files, nav: Navigation | None = None, env: Environment | None = None) -> None:
        """Keep MkDocs' files, navigation and templates of this build: a preview renders a page with them."""
        self.mkdocs_files = files
        self.nav = nav or self.nav
        self.env = env or self.env

    def set_up_env(self, env: Environment) -> Environment:
        """Give every template, the 404 page's included, the portal's strings in the site language, and
        `portal_card`, the filter that puts each idea's card, rendered once per build (`Cards`), in a list."""
        env.globals["portal_words"] = strings(self.language)
        env.globals["portal_search_shards"] = self.search_shards
        env.filters["portal_card"] = self.cards.render
        return env

    def check_stopped(self) -> None:
        """Raise when `mkdocs serve` is shutting down during this build, so that it ends at the next page."""
        if self.stopping:
            raise PluginError("mkdocs serve is shutting down: this rebuild stops")

    def fill_page(self, page: Page) -> bool:
        """Give a generated page its template and data, or the HTML the last build wrote for it if its
        inputs did not change; False for a page the portal does not generate."""
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return False
        if self.reuse is not None:
            previous = self.reuse.take(page.file.dest_uri, self.keys[spec.src_uri])
            if previous is not None:
                self.reused.add(page.file.dest_uri)
                page.meta = {
                    "template": urls.REUSED_TEMPLATE,
                    "title": html.escape(spec.title),
                    "portal_reused": previous,
                }
                return True
        # MkDocs and Material print page titles unescaped (nav, <title>, search index).
        page.meta = {
            "template": spec.template,
            "title": html.escape(spec.title),
            "portal": spec.context,
            "portal_strings": strings(self.language),
            "portal_settings": self.settings,
            "hide": ["toc"],
        }
        return True

    def page_written(self, page: Page, output: str) -> None:
        """Note what was written for each generated page, for the next build to take it again."""
        if self.reuse is not None and page.file.src_uri in self.specs:
            self.reuse.wrote(page.file.dest_uri, self.keys[page.file.src_uri], output)

    def finish(self, config: MkDocsConfig) -> None:
        """Write open data and feeds, scan the output, add the search index, then put the site in place."""
        assert self.portal is not None
        site = Path(config.site_dir)
        with ThreadPoolExecutor(max_workers=1) as pool:
            # Every page is written, and the open data and feeds add no HTML: the pages are scanned (in worker
            # processes, for many) while those are written.
            scanning = pool.submit(scan, site, skip=self.reused, site_url=config.site_url)
            write_texts(self.exports, site / urls.DATA)
            write_feeds(
                self.portal,
                site,
                site_url=config.site_url or None,
                language=self.language,
                history=self.history,
                template_dirs=config.theme.dirs,
            )
            findings = scanning.result()
        if findings:
            raise PluginError("the built site contains script-running markup:\n" + "\n".join(findings[:50]))
        self.finish_search(site)
        if self.warnings is not None and self.warnings.get_counts():
            # MkDocs is about to stop the build for these warnings: the previous site stays.
            self._stop_counting()
            return
        self._stop_counting()
        self.put_in_place(config, site)
        if self.reuse is not None:
            self.reuse.save()
            log.info("portal: %d of %d generated pages taken from the last build", len(self.reused), len(self.specs))
        collection.release()
        self.complete = True

    def finish_search(self, site: Path) -> None:
        """Wait for Pagefind and move its bundle into the site."""
        if self.indexing is not None:  # None when there are no ideas to index
            try:
                self.indexing.finish()
            except PortalError as exc:
                raise PluginError(str(exc)) from exc
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
        if self.indexing is not None:
            self.indexing.bundle.rename(site / BUNDLE)
            self.indexing = None
        self._stop_indexing()

    def put_in_place(self, config: MkDocsConfig, site: Path) -> None:
        """Replace the old site with the partial folder (an atomic build; a `--dirty` one wrote in place)."""
        if self.final_site_dir is None:
            return
        final = Path(self.final_site_dir)
        old = final.with_name(final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        site.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(final)

    def let_go(self) -> None:
        """Undo what the build started: the frozen objects, the warning count, Pagefind and its folder."""
        collection.release()
        self._stop_counting()
        self._stop_indexing()

    def undo(self) -> None:
        """After an error: let go, and throw away the partial output."""
        self.let_go()
        if self.final_site_dir is not None:
            shutil.rmtree(f"{self.final_site_dir.rstrip('/')}.partial", ignore_errors=True)

    def _stop_indexing(self) -> None:
        if self.indexing is not None:
            self.indexing.cancel()
            self.indexing = None
        if self.search_dir is not None:
            shutil.rmtree(self.search_dir, ignore_errors=True)
            self.search_dir = None

    def _count_warnings(self, config: MkDocsConfig) -> None:
        """In strict mode, count warnings as MkDocs does: it fails the build for them only after
        `on_post_build`, when the new site would already be in place."""
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

"""The MkDocs plugin `portal`: validate the content, generate the pages, write data and feeds.

Its options are the portal settings (see `models.Settings`), validated by the
same pydantic model the command line uses. `mkdocs build` writes into a
temporary folder that replaces `site/` only when the whole build succeeded,
so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url
from pydantic import ValidationError

from generator import cache, collection
from generator.check import check_portal
from generator.config import Project
from generator.errors import ContentError, PortalError
from generator.exports import export_texts, write_texts
from generator.feeds import write_feeds
from generator.history import History, read_history
from generator.i18n import strings
from generator.models import Settings
from generator.pages import PageSpec, build_pages
from generator.portal import Portal
from generator.propose import propose_page
from generator.render import open_cache, save_cache
from generator.report import format_report
from generator.reuse import PageReuse, build_key, input_key
from generator.search import BUNDLE, Indexing
from generator.site_record import data_spec, follow_spec, page_feeds
from generator.site_settings import check as check_site_settings
from generator.sitecheck import scan
from generator.staff_pages import staff_pages, staff_specs
from generator.templates import STYLESHEET, theme_dirs

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
IDEA_TEMPLATE = "portal/idea.html"
REUSED_TEMPLATE = "portal/reused.html"


def _name_palette_toggles(config: MkDocsConfig, language: str) -> None:
    """Label Material's light/dark toggle in the site's language, unless mkdocs.yml names it."""
    palette = config.theme.get("palette")
    t = strings(language)
    for entry in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and not toggle.get("name"):
            # A toggle is shown while its palette is active and switches to the next one.
            toggle["name"] = t["to_light"] if entry.get("scheme") == "slate" else t["to_dark"]


class PortalPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Builds the portal's pages from the validated content."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.portal: Portal | None = None
        self.specs: dict[str, PageSpec] = {}
        self.command = "build"
        self.final_site_dir: str | None = None
        self.language = "en"
        self.history: History | None = None
        self.search_dir: Path | None = None
        self.indexing: Indexing | None = None
        self.root = Path.cwd()
        self.reuse: PageReuse | None = None
        self.keys: dict[str, str] = {}
        self.reused: set[str] = set()
        self.files: dict[str, File] = {}
        self.warnings: CountHandler | None = None
        self.exports: dict[str, str] = {}

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Validate the plugin's options with the Settings model instead of MkDocs' config schema."""
        self.config_file_path = config_file_path
        try:
            self.settings = Settings.model_validate(options)
        except ValidationError as exc:
            errors: list[tuple[str, Exception]] = [
                (".".join(str(p) for p in error["loc"]), ValueError(error["msg"]))
                for error in exc.errors(include_url=False)
            ]
            return errors, []
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a build (atomic output) or a live preview."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate the content, stopping with every problem; plan the pages and the navigation."""
        check_site_settings(config)
        root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        today = dt.date.today()
        # Most of the history's time is `git log`, a process of its own: it runs on the other core
        # while this one validates. The portal and its pages' data live to the end of the build:
        # the garbage collector is kept off while they are made, and away from them after.
        with collection.paused(), ThreadPoolExecutor(max_workers=1) as pool:
            settings = self.settings
            history = pool.submit(
                read_history, root, settings.content_dir, settings.forge_url, cache=root / cache.HISTORY
            )
            outcome = check_portal(Project(root, self.settings), today=today)
            if outcome.portal is None:
                history.cancel()
                raise PluginError(
                    "the content has problems:\n" + format_report(outcome.problems, outcome.files_checked, "text")
                )
            self.history = history.result()
            self.portal = outcome.portal
            self.language = str(config.theme.get("language") or "en")
            # Markdown rendered by earlier builds is kept (by text hash) in a file that CI restores between runs.
            markdown_cache = root / cache.MARKDOWN
            open_cache(markdown_cache)
            self.specs = {spec.src_uri: spec for spec in build_pages(self.portal, self.language, today, self.history)}
            # The Propose page reads the portal's issue forms too, which only the plugin can find.
            self.specs["propose.md"].context = propose_page(self.portal, self.language, root)
            self._add_record_pages(config, root)
            save_cache(markdown_cache)
        collection.keep_for_the_build()
        _name_palette_toggles(config, self.language)
        theme_dirs(config.theme.dirs, config.theme.custom_dir)
        if STYLESHEET not in config.extra_css:
            # First, so that a portal's own stylesheets override it.
            config.extra_css.insert(0, STYLESHEET)
        if not config.nav:
            t = strings(self.language)
            config.nav = [
                {t["home"]: "index.md"},
                {t["ideas"]: "ideas/index.md"},
                {t["changes"]: "changes.md"},
                {t["statistics"]: "statistics.md"},
                {t["propose"]: "propose.md"},
                {t["open_data"]: "data/index.md"},
                {
                    t["site_pages"]: [
                        {t["page_about"]: "about.md"},
                        {t["page_rules"]: "rules.md"},
                        {t["page_privacy"]: "privacy.md"},
                        {t["page_accessibility"]: "accessibility.md"},
                        {t["follow_page"]: "follow.md"},
                    ]
                },
            ]
        self.root, self.reuse, self.keys, self.reused = root, None, {}, set()
        if self.command == "build":
            self._count_warnings(config)
            self.final_site_dir = config.site_dir
            config.site_dir = f"{config.site_dir.rstrip('/')}.partial"
            # Pages whose inputs did not change are taken from the last build (see generator/reuse.py).
            overrides = config.theme.custom_dir
            config_file = Path(config.config_file_path or root / "mkdocs.yml")
            build = build_key(config_file, Path(overrides) if overrides else None)
            self.keys = {uri: input_key(build, spec) for uri, spec in self.specs.items()}
            self.reuse = PageReuse(root, Path(self.final_site_dir), build)
        watch = str(root / self.settings.content_dir)
        if watch not in config.watch:
            config.watch.append(watch)
        # Made once, after site_dir is final: the search records below and on_files both use them.
        # A blank first line keeps MkDocs from reading citizen text as front matter.
        self.files = {
            uri: File.generated(config, uri, content="\n", inclusion=InclusionLevel.NOT_IN_NAV) for uri in self.specs
        }
        self._start_search(config)
        self._add_data_page(config, today)
        return config

    def _add_record_pages(self, config: MkDocsConfig, root: Path) -> None:
        """Add the staff pages, the follow page, the Open data page's place, and the feeds each page announces."""
        assert self.portal is not None
        settings, language = self.settings, self.language
        try:
            staff = staff_pages(root / settings.content_dir, root, settings, language, config.site_name)
        except ContentError as exc:
            raise PluginError("the staff pages have problems:\n" + "\n".join(map(str, exc.problems))) from None
        changes = self.history is not None and self.history.available
        # The Open data page's own data comes once Pagefind is at work (_add_data_page).
        for spec in [*staff_specs(staff), follow_spec(self.portal, language, changes=changes), data_spec({}, language)]:
            self.specs[spec.src_uri] = spec
        for spec in self.specs.values():
            spec.context["feeds"] = page_feeds(spec, language, changes=changes)

    def _add_data_page(self, config: MkDocsConfig, today: dt.date) -> None:
        """Make the open data files, which on_post_build writes, and the Open data page that describes them.

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

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
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

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give every template, the 404 page's included, the portal's strings in the site language."""
        env.globals["portal_t"] = strings(self.language)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give a generated page its template and data; its Markdown stays empty."""
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        if self.reuse is not None:
            previous = self.reuse.take(page.file.dest_uri, self.keys[spec.src_uri])
            if previous is not None:
                self.reused.add(page.file.dest_uri)
                page.meta = {"template": REUSED_TEMPLATE, "title": html.escape(spec.title), "portal_reused": previous}
                return ""
        # MkDocs and Material print page titles unescaped (nav, <title>, search index).
        page.meta = {
            "template": spec.template,
            "title": html.escape(spec.title),
            "portal": spec.context,
            "portal_strings": strings(self.language),
            "portal_settings": self.settings,
            "hide": ["toc"],
        }
        return ""

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Note what was written for each generated page, for the next build to take it again."""
        if self.reuse is not None and page.file.src_uri in self.specs:
            self.reuse.wrote(page.file.dest_uri, self.keys[page.file.src_uri], output)
        return output

    def _start_search(self, config: MkDocsConfig) -> None:
        """Write each idea's search record and start Pagefind on them, beside all the work still to come.

        Records need only the pages' data, so Pagefind starts before MkDocs has even listed its files.
        """
        self._stop_indexing()
        site = Path(config.site_dir)
        site.parent.mkdir(parents=True, exist_ok=True)
        # Beside the site, on the same file system, so the finished bundle is moved in by a rename.
        self.search_dir = Path(tempfile.mkdtemp(prefix=".portal-search-", dir=site.parent))
        ideas = {uri: file for uri, file in self.files.items() if self.specs[uri].template == IDEA_TEMPLATE}
        if not ideas:
            # A new portal: Pagefind refuses to index nothing, and there is nothing to find yet.
            return
        records = self._search_records({file.dest_uri for file in ideas.values()})
        template = config.theme.get_env().get_template("portal/search-record.html")
        portal_strings = strings(self.language)
        for src_uri, file in ideas.items():
            spec = self.specs[src_uri]
            target = records / file.dest_uri
            if self.reuse is not None and self.reuse.unchanged(file.dest_uri, self.keys[src_uri]) and target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            record = template.render(
                # All the `url` filter reads of a page is its URL.
                page=SimpleNamespace(url=file.url),
                base_url=get_relative_url(".", file.url),
                lang=self.language,
                p=spec.context,
                t=portal_strings,
                i=spec.context["idea"],
            )
            target.write_text(record, encoding="utf-8")
        try:
            self.indexing = Indexing(records, self.search_dir / BUNDLE)
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
        self._stop_counting()
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    # Last of all plugins' post-build work, so that their warnings are counted too.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write open data and feeds, add the search index, scan the output, then put it in place of the old site."""
        assert self.portal is not None
        site = Path(config.site_dir)
        write_texts(self.exports, site / "data")
        write_feeds(
            self.portal,
            site,
            site_url=config.site_url or None,
            language=self.language,
            history=self.history,
            template_dirs=config.theme.dirs,
        )
        findings = scan(site, skip=self.reused, site_url=config.site_url)
        if findings:
            raise PluginError("the built site contains script-running markup:\n" + "\n".join(findings[:50]))
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
        if self.warnings is not None and self.warnings.get_counts():
            # MkDocs is about to stop the build for these warnings: the previous site stays.
            self._stop_counting()
            return
        self._stop_counting()
        if self.final_site_dir is not None:
            final = Path(self.final_site_dir)
            old = final.with_name(final.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if final.exists():
                final.rename(old)
            site.rename(final)
            shutil.rmtree(old, ignore_errors=True)
            config.site_dir = str(final)
        if self.reuse is not None:
            self.reuse.save()
            log.info("portal: %d of %d generated pages taken from the last build", len(self.reused), len(self.specs))
        collection.release()

    def _let_go(self) -> None:
        """Undo what a build started: the frozen objects, the warning count, Pagefind and its folder."""
        collection.release()
        self._stop_counting()
        self._stop_indexing()

    def on_shutdown(self) -> None:
        """Stop a Pagefind still at work when MkDocs exits without finishing the build or reporting an error."""
        self._let_go()

    def on_build_error(self, *, error: Exception) -> None:
        """Throw away the partial output of a failed build, and stop Pagefind."""
        self._let_go()
        if self.final_site_dir is not None:
            shutil.rmtree(f"{self.final_site_dir.rstrip('/')}.partial", ignore_errors=True)

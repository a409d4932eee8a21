"""The MkDocs plugin `portal`: validate the content, generate the pages, write data and feeds.

Its options are the portal settings (see `models.Settings`), validated by the
same pydantic model the command line uses. Each MkDocs event runs one step of
a `Build` (`generator/build.py`), which does the work: `mkdocs build` writes
into a temporary folder that replaces `site/` only when the whole build
succeeded, so a failed build never leaves a half-written site. `mkdocs serve`
writes aside too, so it never serves a half-written site, and shows a saved
idea, answer or support file on its idea's page at once, before the whole
rebuild (`generator/preview.py`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from generator.build import Build
from generator.models import Settings
from generator.preview import Preview


class PortalPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Builds the portal's pages from the validated content."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.command = "build"
        self.dirty = False
        # The build under way, or the last one; `mkdocs serve` makes one per rebuild.
        self.build: Build | None = None
        # `mkdocs serve`'s preview of saved content files, once it serves.
        self.preview: Preview | None = None

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
        """Remember whether this is a build (reusing pages) or a live preview, and whether it is dirty."""
        self.command = command
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate the content, stopping with every problem; plan the pages and the navigation."""
        previous = self.build
        if previous is not None:
            # A preview's rebuild: whatever the last one left running stops.
            previous.let_go()
        # A rebuild takes the Markdown the last one rendered, so only changed texts are rendered again.
        self.build = Build(
            self.settings,
            # `mkdocs serve --dirty` renders only changed pages: they go into the site it serves.
            atomic=self.command == "build" or not self.dirty,
            reuse=self.command == "build",
            markdown=previous.markdown if previous else None,
        )
        return self.build.start(config)

    def _build_for(self, config: MkDocsConfig) -> Build:
        """The build `config` belongs to: the one under way, or the last whole one, whose idea pages a
        preview renders again while the next rebuild runs."""
        shown = self.preview.shown if self.preview is not None else None
        if shown is not None and shown.config is config:
            return shown
        assert self.build is not None
        return self.build

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add one virtual file per generated page."""
        assert self.build is not None
        return self.build.add_files(files)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation, for a preview's page."""
        self._build_for(config).keep_for_preview(files, nav=nav)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give every template the portal's strings in the site language and the filter that renders cards."""
        build = self._build_for(config)
        build.keep_for_preview(files, env=env)
        return build.set_up_env(env)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give a generated page its template and data; its Markdown stays empty."""
        build = self._build_for(config)
        build.check_stopped()
        return "" if build.fill_page(page) else markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Note what was written for each generated page, for the next build to take it again."""
        build = self._build_for(config)
        build.check_stopped()
        build.page_written(page, output)
        return output

    # Last of all plugins' post-build work, so that their warnings are counted too.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write open data and feeds, add the search index, scan the output, then put it in place of the old site."""
        assert self.build is not None
        self.build.finish(config)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Show saved content files on their idea pages at once; rebuild the whole site behind them."""
        assert self.build is not None
        self.preview = Preview(self.build, builder, lambda: self.build)
        self.preview.watch(server)
        return server

    def on_shutdown(self) -> None:
        """Stop a Pagefind still at work when MkDocs exits without finishing the build or reporting an error,
        and a preview's rebuild thread; throw away what a rebuild under way wrote."""
        if self.preview is not None:
            if self.build is not None and not self.build.complete:
                self.build.stopping = True
            self.preview.stop()
        if self.build is not None:
            if self.build.complete:
                self.build.let_go()
            else:
                self.build.undo()

    def on_build_error(self, *, error: Exception) -> None:
        """Throw away the partial output of a failed build, and stop Pagefind."""
        if self.build is not None:
            self.build.undo()

"""The MkDocs plugin `portal`: validate the content, generate the pages, write data and feeds.

Its options are the portal settings (see `models.Settings`), validated by the
same pydantic model the command line uses. Each MkDocs event runs one step of
a `Build` (`generator/build.py`), which does the work: `mkdocs build` writes
into a temporary folder that replaces `site/` only when the whole build
succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from generator.build import Build
from generator.models import Settings


class PortalPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Builds the portal's pages from the validated content."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.command = "build"
        # The build under way, or the last one; `mkdocs serve` makes one per rebuild.
        self.build: Build | None = None

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
        previous = self.build
        if previous is not None:
            # A preview's rebuild: whatever the last one left running stops.
            previous.let_go()
        # A rebuild takes the Markdown the last one rendered, so only changed texts are rendered again.
        self.build = Build(
            self.settings, atomic=self.command == "build", markdown=previous.markdown if previous else None
        )
        return self.build.start(config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add one virtual file per generated page."""
        assert self.build is not None
        return self.build.add_files(files)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give every template the portal's strings in the site language and the filter that renders cards."""
        assert self.build is not None
        return self.build.set_up_env(env)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give a generated page its template and data; its Markdown stays empty."""
        assert self.build is not None
        return "" if self.build.fill_page(page) else markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Note what was written for each generated page, for the next build to take it again."""
        assert self.build is not None
        self.build.page_written(page, output)
        return output

    # Last of all plugins' post-build work, so that their warnings are counted too.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write open data and feeds, add the search index, scan the output, then put it in place of the old site."""
        assert self.build is not None
        self.build.finish(config)

    def on_shutdown(self) -> None:
        """Stop a Pagefind still at work when MkDocs exits without finishing the build or reporting an error."""
        if self.build is not None:
            self.build.let_go()

    def on_build_error(self, *, error: Exception) -> None:
        """Throw away the partial output of a failed build, and stop Pagefind."""
        if self.build is not None:
            self.build.undo()

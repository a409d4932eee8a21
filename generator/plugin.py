"""The MkDocs plugin `portal`: validate the content before MkDocs builds anything.

Its options are the portal settings (see `models.Settings`); they are
validated by the same pydantic model the command line uses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from pydantic import ValidationError

from generator.check import run
from generator.config import Project
from generator.models import Settings
from generator.portal import Portal
from generator.report import render


class PortalPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Loads and validates the portal's content at the start of every build."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.portal: Portal | None = None

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

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Stop the build, listing every problem, if the content does not validate."""
        root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        outcome = run(Project(root, self.settings), today=dt.date.today())
        if outcome.portal is None:
            raise PluginError("the content has problems:\n" + render(outcome.problems, outcome.files_checked, "text"))
        self.portal = outcome.portal
        return config

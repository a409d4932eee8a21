"""Read the portal's settings: the `portal` plugin's options in mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.errors import ContentError, Problem, UsageProblem
from generator.models import Settings

PLUGIN = "portal"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !!python/name:); settings never need them."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True, slots=True)
class Project:
    """Where a portal lives on disk and how it is set up."""

    root: Path
    settings: Settings

    @property
    def content(self) -> Path:
        """The content folder."""
        return self.root / self.settings.content_dir


def _plugin_options(config: Any) -> dict[str, Any]:
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for entry in plugins or []:
        if entry == PLUGIN:
            return {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    if isinstance(plugins, dict) and PLUGIN in plugins:
        return dict(plugins[PLUGIN] or {})
    return {}


def load_project(config_file: Path | None) -> Project:
    """The project described by `config_file` (default: ./mkdocs.yml, which must then exist)."""
    if config_file is None:
        config_file = Path("mkdocs.yml")
        if not config_file.exists():
            raise UsageProblem(
                f"this folder ({Path.cwd().name or Path.cwd()}) is not a portal: it has no mkdocs.yml; run the "
                "command in your portal's folder, name its settings with -f PATH/mkdocs.yml, or start a portal "
                "with `portal init FOLDER`"
            )
    if not config_file.is_file():
        raise UsageProblem(f"{config_file}: no such configuration file")
    display = config_file.as_posix()
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ContentError([Problem(display, line, column, f"cannot read the configuration: {exc}")]) from None
    try:
        settings = Settings.model_validate(_plugin_options(config))
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(
                    display,
                    0,
                    0,
                    f"plugins.{PLUGIN}.{'.'.join(str(p) for p in error['loc'])}: {error['msg']}",
                    "see docs/settings.md",
                )
                for error in exc.errors(include_url=False)
            ]
        ) from None
    return Project(config_file.resolve().parent, settings)

"""The portal's own MkDocs settings that Material prints into every page as they are.

Material puts `site_name`, `site_description`, `site_author`, `copyright`,
`repo_name`, the palette toggles' names, the language selector's and the
social links' names, and the navigation's titles into its pages without
escaping them: `site_name: "Fjordby</title><script>…"` builds a script into
every page. These settings are plain text, so markup (`<`, `>`) and the
double quote that would end an attribute are refused, each at its line in
mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.errors import Problem
from generator.report import format_report

# Characters that make a printed setting markup, or end the attribute Material prints it in.
MARKUP = ("<", ">", '"')
_TOP = ("site_name", "site_description", "site_author", "copyright", "repo_name")

Path_ = tuple[str | int, ...]


def _texts(config: Mapping[str, Any]) -> Iterator[tuple[Path_, str, bool]]:
    """(place in the settings, value, whether the value is a key) of every setting Material prints raw."""
    for name in _TOP:
        if isinstance(config.get(name), str):
            yield (name,), config[name], False
    theme = config.get("theme")
    palette = theme.get("palette") if theme is not None and hasattr(theme, "get") else None
    palettes = [palette] if isinstance(palette, Mapping) else palette if isinstance(palette, list) else []
    for index, option in enumerate(palettes):
        toggle = option.get("toggle") if isinstance(option, Mapping) else None
        if isinstance(toggle, Mapping) and isinstance(toggle.get("name"), str):
            place: Path_ = (
                ("theme", "palette", index, "toggle", "name")
                if isinstance(palette, list)
                else ("theme", "palette", "toggle", "name")
            )
            yield place, toggle["name"], False
    extra = config.get("extra")
    for section in ("alternate", "social"):
        items = extra.get(section) if isinstance(extra, Mapping) else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, Mapping) and isinstance(item.get("name"), str):
                yield ("extra", section, index, "name"), item["name"], False
    yield from _nav(config.get("nav"), ("nav",))


def _nav(items: Any, place: Path_) -> Iterator[tuple[Path_, str, bool]]:
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(title, str):
                    yield (*place, index, title), title, True
                yield from _nav(value, (*place, index, title))


def _position(root: yaml.Node | None, place: Path_, key: bool) -> tuple[int, int]:
    """The 1-based line and column of a setting in the composed mkdocs.yml, or (0, 0) if it is not there
    (a setting from an inherited file or the environment)."""
    node = root
    for step_number, step in enumerate(place):
        last = step_number == len(place) - 1
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        elif isinstance(node, yaml.MappingNode):
            found = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step]
            if not found:
                return 0, 0
            node = found[0][0] if last and key else found[0][1]
        else:
            return 0, 0
    return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (0, 0)


def problems(config: Mapping[str, Any], config_file: Path | None) -> list[Problem]:
    """Every printed setting of `config` that holds markup, at its place in `config_file` when it is there."""
    found = [(place, value, key) for place, value, key in _texts(config) if any(c in value for c in MARKUP)]
    if not found:
        return []
    root: yaml.Node | None = None
    display = config_file.name if config_file is not None else "mkdocs.yml"
    if config_file is not None:
        try:
            root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            root = None
    result = []
    for place, value, key in found:
        line, column = _position(root, place, key)
        dotted = ".".join(str(step) for step in place)
        what = "the navigation title" if key else dotted
        result.append(
            Problem(
                display,
                line,
                column,
                f"{what} {value[:60]!r} holds markup or a double quote ({', '.join(c for c in MARKUP if c in value)}); "
                "the theme prints it into every page as it is",
                'write plain text: no < > or "; use typographic quotes “ ” for quotations',
            )
        )
    return result


def check(config: MkDocsConfig) -> None:
    """Stop the build (the plugin's `on_config`) when a printed setting holds markup, naming each."""
    found = problems(config, Path(config.config_file_path) if config.config_file_path else None)
    if found:
        raise PluginError("the site settings have problems:\n" + format_report(found, 1, "text"))

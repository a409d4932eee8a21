"""Where the portal's own theme lives, and how a portal's overrides take precedence over it.

The page, feed and search-record templates, the partials the portal changes in
Material, and the portal's CSS and scripts ship inside the package
(`generator/theme/`), as Material ships its own. The plugin puts this folder
between a portal's `custom_dir` and Material's theme, so a portal overrides any
file by putting one with the same path in its own `theme/` folder.
"""

from __future__ import annotations

from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent / "theme"
STYLESHEET = "assets/portal.css"


def theme_dirs(dirs: list[str], custom_dir: str | None) -> list[str]:
    """The theme's template folders with the package's own inserted after the portal's overrides.

    `dirs` is MkDocs' list (custom_dir first, then Material and the themes it extends); it is
    returned changed in place, and inserting twice (a live preview's rebuild) changes nothing.
    """
    own = str(THEME_DIR)
    if own not in dirs:
        dirs.insert(1 if custom_dir else 0, own)
    return dirs

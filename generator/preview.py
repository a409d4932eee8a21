"""`mkdocs serve`'s preview: a saved idea, answer or support file shown on its idea's page within seconds.

A whole rebuild takes about a minute at 10,000 ideas (`docs/performance.md`),
and MkDocs holds every request back while it rebuilds. When only idea files
changed (`ideas/`, `answers/`, `votes/`, ... `<id>.yaml`), the preview

1. checks those files and the taxonomies as `portal validate <file>` does
   (a duplicate cycle through other ideas' answers is left to the rebuild);
2. renders each changed idea's page alone, from the last whole build's portal
   with that idea as saved, with that build's configuration, navigation and
   templates and MkDocs' own page steps (every plugin's page events), so it
   is the page a build would write; and puts it into the served site;
3. lets MkDocs reload the browsers, and rebuilds the whole site behind it in
   a thread of its own: the rebuild writes aside and replaces the served site
   when it is done (lists, feeds and the search index with it). The log says
   when.

Anything else (`mkdocs.yml`, the docs, a taxonomy, a staff page), or a saved
file with problems, gets the whole rebuild first, as without a preview; the
rebuild reports the problems and the served site stays as it was.

The preview and the rebuild behind it run outside the main thread, where
Markdown has no time limit (`render._time_limit` needs a signal timer): a text
that takes too long holds up the preview on the editor's own machine, and CI's
`mkdocs build` keeps the limit.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import InclusionLevel
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator import urls
from generator.check import check_saved, ids_of
from generator.config import Project
from generator.errors import UsageProblem
from generator.report import format_report

if TYPE_CHECKING:
    from generator.build import Build

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# A save that writes in steps is taken once no event came for this long (as MkDocs waits for its rebuilds).
QUIET_SECONDS = 0.1
# How long `mkdocs serve` waits, when it stops, for a rebuild under way to stop (it may be validating).
STOP_SECONDS = 20.0


class _Saved(FileSystemEventHandler):
    """The paths under the content folder created, changed, moved or deleted since they were last taken."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paths: set[Path] = set()
        self.heard = threading.Event()
        self.last = 0.0  # `time.monotonic()` of the last event
        # Of the project's own folder, watched for `mkdocs.yml`, only that file counts.
        self.config_file: Path | None = None

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return  # reading a file is no change (the build reads every file)
        with self.lock:
            for name in (event.src_path, getattr(event, "dest_path", "")):
                path = Path(os.fsdecode(name)) if name else None
                config = self.config_file
                if path is not None and (config is None or path.parent != config.parent or path == config):
                    self.paths.add(path)
            self.last = time.monotonic()
        self.heard.set()

    def take(self) -> set[Path]:
        with self.lock:
            paths, self.paths = self.paths, set()
        return paths

    def put_back(self, paths: set[Path]) -> None:
        with self.lock:
            self.paths |= paths


class Preview:
    """The preview of one `mkdocs serve`: `shown` is the last whole build, whose pages it renders again;
    `rebuild` stands in for MkDocs' builder; the whole rebuilds run one at a time in a thread of their own.

    `builder` is MkDocs' own (a whole build with a fresh configuration); `current` gives the build the
    plugin made last, to be shown once it is complete.
    """

    def __init__(self, shown: Build, builder: Callable[[], None], current: Callable[[], Build | None]) -> None:
        self.shown: Build | None = shown if shown.complete else None
        self.builder = builder
        self.current = current
        self.saved = _Saved()
        self.showing = threading.Lock()  # one page rendered at a time
        self.state = threading.Condition()  # guards `wanted`, `running`, `during`, `stopped`
        self.wanted = False
        self.running = False
        self.stopped = False
        # Files shown while a whole rebuild ran: it may have read them before they were saved.
        self.during: set[Path] = set()
        # Saved files shown by the listener since MkDocs last asked for a rebuild (see `rebuild`).
        self.previewed = False
        self.worker = threading.Thread(target=self._rebuild_loop, name="portal-rebuild", daemon=True)
        self.worker.start()
        self.observer: BaseObserver | None = None

    def watch(self, server: LiveReloadServer) -> None:
        """Hear of saved content files at once, and take over MkDocs' rebuilds.

        MkDocs polls its folders every half second, walking every file: at 10,000 ideas, while a rebuild
        ran, it saw a save only after 5.6 s. The preview listens itself (inotify on Linux) to what MkDocs
        watches and shows a saved idea file at once; MkDocs' own watch stays and calls `rebuild`. Without
        inotify, the preview hears the content folder through MkDocs' watch.
        """
        build = self.shown or self.current()
        assert build is not None
        config = build.config
        assert config is not None
        content = str(build.root / build.settings.content_dir)
        server.builder = self.rebuild
        # What MkDocs watches (but a theme's folders, with --watch-theme): so that `rebuild` knows whether what
        # MkDocs saw was only what the listener already showed.
        watched = {content, config.docs_dir, *config.watch}
        observer = Observer()
        try:
            for path in sorted(p for p in watched if Path(p).is_dir()):
                observer.schedule(self.saved, path, recursive=True)
            if config.config_file_path:
                self.saved.config_file = Path(config.config_file_path).resolve()
                observer.schedule(self.saved, str(self.saved.config_file.parent), recursive=False)
            observer.start()
        except OSError as exc:  # no inotify watches left, say: MkDocs' polling hands the saves over
            log.info("portal: preview: cannot listen to %s (%s); saves are seen when MkDocs polls", content, exc)
            server.observer.schedule(self.saved, content, recursive=True)
            return
        self.observer = observer
        threading.Thread(target=self._listen, name="portal-preview", daemon=True).start()

    def _listen(self) -> None:
        while not self.stopped:
            if not self.saved.heard.wait(timeout=0.5):
                continue
            while time.monotonic() - self.saved.last < QUIET_SECONDS:
                time.sleep(QUIET_SECONDS / 4)
            self.saved.heard.clear()
            paths = self.saved.take()
            if paths and self._show(paths):
                with self.state:
                    self.previewed = True
                self._want_rebuild()
            else:  # not only idea files: MkDocs' own rebuild sees them too, and `rebuild` makes it whole
                self.saved.put_back(paths)

    def rebuild(self) -> None:
        """MkDocs' rebuild: saved idea files are shown at once and the whole rebuild follows in the
        background; anything else is rebuilt whole before MkDocs reloads the browsers."""
        paths = self.saved.take()
        shown = bool(paths) and self._show(paths)
        with self.state:
            previewed, self.previewed = self.previewed, False
        if not paths and previewed:
            return  # MkDocs saw what the listener showed, and asked a whole rebuild for
        self._want_rebuild()
        if shown:
            return
        with self.state:
            self.state.wait_for(lambda: self.stopped or not (self.wanted or self.running))

    def _show(self, paths: set[Path]) -> bool:
        """`show`, which never stops MkDocs: an error leaves the change to the whole rebuild."""
        try:
            return self.show(paths)
        except Exception as exc:  # MkDocs would stop serving: the whole rebuild shows the change instead
            # Not a warning: in strict mode a rebuild under way would count it and stop.
            log.info("portal: preview: could not show %s (%s); the whole rebuild follows", sorted(paths), exc)
            return False

    def show(self, paths: set[Path]) -> bool:
        """Render the pages of the ideas these saved files belong to into the served site; False when
        they are not all idea files, or have problems, or there is no whole build to start from."""
        build = self.shown
        if build is None or build.portal is None or build.config is None:
            return False
        started = time.perf_counter()
        project = Project(build.root, build.settings)
        try:
            ids = ids_of(project, sorted(paths))
        except UsageProblem:
            return False  # not an idea's file (a stray file, an editor's): the rebuild says what it is
        # A deleted file, or a new idea: only the whole rebuild can make the lists and pages that change.
        if not ids or not all(path.is_file() for path in paths):
            return False
        if not all(urls.source(urls.idea(idea_id)) in build.files for idea_id in ids):
            return False
        with self.showing:
            # The saved files and the taxonomies only: reading every answer file, as `portal validate <file>`
            # does for duplicate chains, took a second at 10,000 ideas. The whole rebuild reads them all.
            outcome = check_saved(project, ids, set(build.portal.records), today=dt.date.today())
            if outcome.portal is None or not outcome.ok:
                log.info(
                    "portal: preview: the saved files have problems; the whole rebuild reports them:\n%s",
                    format_report(outcome.problems, outcome.files_checked, "text"),
                )
                return False
            records = [outcome.portal.records.get(idea_id) for idea_id in sorted(ids)]
            if None in records:
                return False  # an answer or support file of an idea that has no idea file
            shown = [self._render(build, build.idea_page_again(record)) for record in records if record is not None]
        with self.state:
            if self.running:
                self.during |= paths
        log.info(
            "portal: preview: %s shown in %.2f s; the other pages and the search index follow in a whole rebuild",
            ", ".join(shown),
            time.perf_counter() - started,
        )
        return True

    def _render(self, build: Build, src_uri: str) -> str:
        """Render one generated page of `build` again, from its spec, into the site it put in place."""
        config, files = build.config, build.mkdocs_files
        assert config is not None
        assert files is not None
        assert build.nav is not None
        assert build.env is not None
        file = build.files[src_uri]
        page = file.page
        assert page is not None
        # MkDocs' own steps for one page, so the page is the one a build writes; they are private to
        # MkDocs (pinned below 2 in pyproject.toml), and tests/test_preview.py compares the result with a build's.
        _populate_page(page, config, files)
        target = Path(config.site_dir) / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".preview-")
        os.close(handle)
        # Where `_build_page` writes: beside the page, then moved over it, so no request reads half of it.
        file.abs_dest_path = partial
        try:
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            _build_page(page, config, doc_files, build.nav, build.env)
            os.replace(partial, target)
        finally:
            Path(partial).unlink(missing_ok=True)
        return file.url

    def _want_rebuild(self) -> None:
        with self.state:
            self.wanted = True
            self.state.notify_all()

    def _rebuild_loop(self) -> None:
        while True:
            with self.state:
                self.state.wait_for(lambda: self.wanted or self.stopped)
                if self.stopped:
                    return
                self.wanted, self.running, self.during = False, True, set()
            started = time.perf_counter()
            try:
                self.builder()
            except Exception as exc:  # as MkDocs' own rebuild loop, which goes on after a failed rebuild
                if self.stopped:
                    return  # stopped on purpose: serve is shutting down
                log.error("portal: preview: the whole rebuild failed (%s); the site shown is the last good one", exc)
            build = self.current()
            again: set[Path] = set()
            with self.state:
                if build is not None and build.complete:
                    self.shown = build
                    again = self.during
                    log.info(
                        "portal: preview: the whole rebuild is in place, search index included (%.1f s)",
                        time.perf_counter() - started,
                    )
                self.running = False
                self.state.notify_all()
            if again:
                # Saved while that rebuild ran: shown again on it, in case it read them before the save.
                self.show(again)

    def stop(self, wait: float = STOP_SECONDS) -> None:
        """Let the threads end, waiting `wait` seconds for a rebuild under way (which its build's `stopping`
        ends at its next page): MkDocs is shutting down and then removes the folder it served."""
        with self.state:
            self.stopped = True
            self.state.notify_all()
        if self.observer is not None:
            self.observer.stop()
        self.worker.join(timeout=wait)

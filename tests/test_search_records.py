"""The search records a build writes for Pagefind (`Build.start_search`) when they cannot be written."""

from __future__ import annotations

from generator import cache
from tests.support import PortalDir, mkdocs_build
from tests.test_plugin import _site


def test_a_record_that_cannot_be_written_stops_the_build_in_plain_words(portal: PortalDir) -> None:
    _site(portal)
    # A file where the records' folder belongs: no record can be written under it.
    blocker = portal.write(cache.SEARCH_RECORDS, "not a folder\n")
    result = mkdocs_build(portal.root)
    assert result.returncode == 1
    assert f"search index: could not write the search records into {blocker}: " in result.stderr
    assert f"delete {blocker} (the build writes it again), and build again." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (portal.root / "site").exists()
    # As the message says: without the file in the way, the same portal builds.
    blocker.unlink()
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    assert (portal.root / "site/pagefind/pagefind.js").is_file()

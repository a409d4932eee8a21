"""Every address on the site and every page template's name, in one place.

Addresses are site-relative (`ideas/2025-001/`, no leading slash): templates
pass them through MkDocs' `url` filter, feeds and exports prefix `site_url`.
Python hands templates these addresses as data; templates build none of their own.
A page's Markdown source (what MkDocs turns into the address) is `source(url)`.
"""

from __future__ import annotations

# The page templates in `theme/portal/`, one per kind of generated page.
HOME_TEMPLATE = "portal/home.html"
LIST_TEMPLATE = "portal/list.html"
BACKLOG_TEMPLATE = "portal/backlog.html"
IDEA_TEMPLATE = "portal/idea.html"
STATISTICS_TEMPLATE = "portal/statistics.html"
CHANGES_TEMPLATE = "portal/changes.html"
PROPOSE_TEMPLATE = "portal/propose.html"
FOLLOW_TEMPLATE = "portal/follow.html"
DATA_TEMPLATE = "portal/data.html"
STAFF_PAGE_TEMPLATE = "portal/staff-page.html"
# A page kept from the previous build (`reuse.py`): the template hands over the kept HTML.
REUSED_TEMPLATE = "portal/reused.html"
# Not pages: an idea's search record (`search.py`) and every Atom feed (`feeds.py`).
SEARCH_RECORD_TEMPLATE = "portal/search-record.html"
FEED_TEMPLATE = "portal/feed.xml"

# The Markdown sources of the portal-wide pages.
HOME_PAGE = "index.md"
IDEAS_PAGE = "ideas/index.md"
STATISTICS_PAGE = "statistics.md"
CHANGES_PAGE = "changes.md"
PROPOSE_PAGE = "propose.md"
FOLLOW_PAGE = "follow.md"
DATA_PAGE = "data/index.md"

IDEAS = "ideas/"
CHANGES = "changes/"

IDEAS_FEED = "feeds/ideas.xml"
ANSWERS_FEED = "feeds/answers.xml"
CHANGES_FEED = "feeds/changes.xml"

# The folder of the open data files (`exports.py`) and JSON Schemas.
DATA = "data"


def source(url: str) -> str:
    """The Markdown source MkDocs turns into the page at `url`: `ideas/2025-001/` → `ideas/2025-001.md`."""
    return f"{url.removesuffix('/')}.md"


def idea(idea_id: str) -> str:
    """An idea's page."""
    return f"{IDEAS}{idea_id}/"


def idea_answer(idea_id: str, number: int) -> str:
    """The `number`th official answer (from 1) on an idea's page."""
    return f"{idea(idea_id)}#answer-{number}"


def idea_community(idea_id: str, number: int) -> str:
    """The `number`th community answer (from 1) on an idea's page."""
    return f"{idea(idea_id)}#community-{number}"


def idea_feed(idea_id: str) -> str:
    """An idea's own Atom feed: its answers, community answers and revisions."""
    return f"feeds/ideas/{idea_id}.xml"


def status(key: str) -> str:
    """The list of the ideas with one status."""
    return f"status/{key}/"


def kind(key: str) -> str:
    """The list of the ideas, or of the questions."""
    return f"kinds/{key}/"


def category(key: str) -> str:
    """The list of the ideas in one category."""
    return f"categories/{key}/"


def department(key: str) -> str:
    """The list of the ideas one department answers for."""
    return f"departments/{key}/"


def waiting(key: str) -> str:
    """A department's backlog: what waits for its answer."""
    return f"{department(key)}waiting/"


def change(anchor: str) -> str:
    """One event on the Changes page."""
    return f"{CHANGES}#{anchor}"


def staff_page(name: str) -> str:
    """A page the portal's staff write (`about`, `rules`, ...)."""
    return f"{name}/"


def data_file(name: str) -> str:
    """An open data file or schema, by its name inside the data folder (`ideas.csv`, `schemas/idea.schema.json`)."""
    return f"{DATA}/{name}"

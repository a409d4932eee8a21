from __future__ import annotations

from generator import urls
from generator.pages import PageSpec, build_pages
from generator.statuses import TABLE
from tests.support import TODAY, PortalDir, built


def _made(url: str, specs: dict[str, PageSpec]) -> PageSpec:
    """The generated page MkDocs serves at `url` (`x/` comes from `x.md` or `x/index.md`)."""
    found = [specs[uri] for uri in (urls.source(url), f"{url}index.md") if uri in specs]
    assert len(found) == 1, f"no single page at {url}"
    return found[0]


def test_every_address_is_a_page_the_build_makes_with_its_template(portal: PortalDir) -> None:
    loaded = built(portal)
    specs = {spec.src_uri: spec for spec in build_pages(loaded, "en", TODAY)}
    assert specs[urls.HOME_PAGE].template == urls.HOME_TEMPLATE
    assert specs[urls.CHANGES_PAGE].template == urls.CHANGES_TEMPLATE
    assert _made(urls.IDEAS, specs) is specs[urls.IDEAS_PAGE]
    for idea_id in loaded.records:
        assert _made(urls.idea(idea_id), specs).template == urls.IDEA_TEMPLATE
    for status in TABLE:
        assert _made(urls.status(status.key), specs).template == urls.LIST_TEMPLATE
    for key in loaded.categories:
        assert _made(urls.category(key), specs).template == urls.LIST_TEMPLATE
    for key in loaded.departments:
        assert _made(urls.department(key), specs).template == urls.LIST_TEMPLATE
        assert _made(urls.waiting(key), specs).template == urls.BACKLOG_TEMPLATE


def test_the_addresses_templates_get_lead_to_generated_pages(portal: PortalDir) -> None:
    specs = {spec.src_uri: spec for spec in build_pages(built(portal), "en", TODAY)}
    idea = specs[urls.source(urls.idea("2026-0001"))].context
    handed = [idea["idea"]["url"], idea["category_url"], idea["department_url"]]
    lists = specs[urls.IDEAS_PAGE].context
    handed += [order["url"] for order in lists["orders"]]
    handed += [item["url"] for group in ("statuses", "categories", "departments") for item in lists["lists"][group]]
    handed += [item["backlog"] for item in lists["lists"]["departments"]]
    assert handed
    for url in handed:
        _made(url, specs)


def test_an_anchor_or_feed_hangs_off_the_idea_page() -> None:
    assert urls.idea_answer("2026-0001", 2) == "ideas/2026-0001/#answer-2"
    assert urls.idea_community("2026-0001", 1) == "ideas/2026-0001/#community-1"
    assert urls.idea_feed("2026-0001") == "feeds/ideas/2026-0001.xml"
    assert urls.data_file("schemas/idea.schema.json") == "data/schemas/idea.schema.json"

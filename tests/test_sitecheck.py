"""The post-build scan: it sees markup the way a browser parses it, and says where it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import sitecheck
from generator.sitecheck import scan
from tests.support import PortalDir, mkdocs_build

REPO = Path(__file__).resolve().parents[1]


def _site(tmp_path: Path, html: str) -> Path:
    (tmp_path / "ideas").mkdir()
    (tmp_path / "ideas" / "index.html").write_text(f"<!doctype html>\n<p>x</p>\n{html}\n", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>fine, and on = off in text</p>", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p onclick="x()">a</p>', "<p onclick=...>"),
        ('<a href="x"onmouseover="y">glued to the previous quote</a>', "<a onmouseover=...>"),
        ("<IMG SRC=x OnError=alert(1)>", "<img onerror=...>"),
        ('<a href=" jav&#x09;ascript:alert(1)">entity tab</a>', '<a href=" jav\tascript'),
        ('<a href="JavaScript:void(0)">upper case</a>', '<a href="JavaScript:void(0)'),
        ('<svg><a xlink:href="javascript:1">svg</a></svg>', "<a xlink:href="),
        ('<iframe src="data:text/html,<script>1</script>"></iframe>', "<iframe src="),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe srcdoc=...>"),
        (
            '<svg><a><animate attributeName="href" values="https://x.example/;javascript:alert(1)"/>'
            "<text>click</text></a></svg>",
            '<animate values="https://x.exampl',
        ),
        ('<meta http-equiv="Refresh" content="0; url=https://evil.example/">', '<meta http-equiv="refresh">'),
        ('<base href="https://evil.example/">', "<base>"),
        ("<script>alert(1)</script>", "<script>alert(1)...</script>"),
        ("<SCRIPT>alert(1)</SCRIPT>", "an inline script that is not the theme's"),
        ('<script type="module">alert(1)</script>', "an inline script that is not the theme's"),
        ('<script src="https://evil.example/x.js"></script>', '<script src="https://evil.example/x.js">'),
        ('<script src="//evil.example/x.js"></script>', "not a file of this site"),
        ('<script src="../assets/missing.js"></script>', "not a file of this site"),
        ('<script src="../../../etc/passwd"></script>', "not a file of this site"),
        ("<svg><script>alert(1)</script></svg>", "an inline script that is not the theme's"),
        # Material's own script, but with a value that leaves its string.
        (
            '<script>__md_scope=new URL("x",alert(1),"",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
            "_.charCodeAt(0)),0)</script>",
            "an inline script that is not the theme's",
        ),
    ],
)
def test_script_running_markup_is_found_with_its_line(tmp_path: Path, html: str, expected: str) -> None:
    findings = scan(_site(tmp_path, html))
    assert len(findings) == 1, findings
    assert findings[0].startswith("ideas/index.html: line 3: ")
    assert expected in findings[0]


def test_harmless_markup_passes(tmp_path: Path) -> None:
    html = (
        '<a href="https://example.org/on=1">on=</a><p title="javascript: a word">t</p>'
        '<img src="data:image/png;base64,AA">'
    )
    assert scan(_site(tmp_path, html)) == []


def test_the_themes_own_scripts_pass(tmp_path: Path) -> None:
    site = _site(tmp_path, "")
    (site / "assets").mkdir()
    (site / "assets" / "search.js").write_text("// the portal's", encoding="utf-8")
    html = (
        '<script src="../assets/search.js" defer></script><script src="/assets/search.js"></script>'
        '<script id="__config" type="application/json">{"base": ".."}</script>'
        '<script type="application/json" id="portal-propose-data">{"a": "</p>"}</script>'
        "<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))</script>'
    )
    (site / "ideas" / "index.html").write_text(f"<!doctype html>\n{html}\n", encoding="utf-8")
    assert scan(site) == []


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's demo, built by MkDocs in a temporary copy (the plugin scans it as part of the build)."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "docs/site", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_demo_build_passes_and_holds_the_scripts_the_rules_allow(demo_site: Path) -> None:
    assert scan(demo_site) == []
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert home.count("<script") >= 5  # Material's bundle, config and inline scripts, the portal's own
    assert "__md_scope=new URL(" in home


def test_a_script_slipped_into_a_demo_page_is_found(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"), "utf-8")
    findings = scan(site)
    assert len(findings) == 1
    assert findings[0].startswith("index.html: line ")


def test_pages_scanned_in_worker_processes_give_the_same_findings_in_the_same_order(
    demo_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    for page in (site / "index.html", site / "statistics/index.html", site / "ideas/2026-0001/index.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("</body>", '<a href="javascript:x" onclick="y">z</a></body>'), "utf-8")
    here = scan(site, workers=1)
    assert len(here) == 6
    monkeypatch.setattr(sitecheck, "POOL_LEAST", 1)
    assert scan(site, workers=2) == here


def test_a_script_at_an_absolute_path_must_be_below_the_sites_own_path(tmp_path: Path) -> None:
    site = _site(tmp_path, "")
    (site / "assets").mkdir()
    (site / "assets" / "search.js").write_text("// the portal's", encoding="utf-8")
    (site / "ideas" / "index.html").write_text('<script src="/portal/assets/search.js"></script>', "utf-8")
    assert scan(site, site_url="https://ideas.example.org/portal/") == []
    assert scan(site, site_url="https://ideas.example.org/portal") == []
    assert len(scan(site)) == 1  # served at the root, /portal/... is not this site's
    (site / "ideas" / "index.html").write_text('<script src="/other/assets/search.js"></script>', "utf-8")
    assert "not a file of this site" in scan(site, site_url="https://ideas.example.org/portal/")[0]


def test_a_site_served_below_a_path_builds(portal: PortalDir) -> None:
    # Material's 404 page loads its scripts by absolute path: /portal/assets/...
    portal.write(
        "mkdocs.yml",
        "site_name: Test portal\nsite_url: https://ideas.example.org/portal/\ndocs_dir: pages\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - portal:\n      languages: [en]\n",
    )
    portal.write("pages/index.md", "# Home\n")
    result = mkdocs_build(portal.root)
    assert result.returncode == 0, result.stderr
    assert '<script src="/portal/assets/' in (portal.root / "site/404.html").read_text(encoding="utf-8")

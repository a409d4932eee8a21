"""The package is the product: a wheel of this repository, installed into a fresh venv away from the
checkout, scaffolds a portal that validates, builds and passes an accessibility check.

No network: the wheel is built here without build isolation, and its dependencies come from the wheelhouse
`make test` fills (`.venv/wheelhouse`), through pip's own environment settings, as in
tests/test_workflow_steps.py. The portal's own `pip install -r requirements.txt` (what its workflows run)
finds the wheel in the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.browser_bench import CHROMIUM, NO_CHROMIUM, launch, serve
from generator import __version__
from tests.support import REPO

WHEELHOUSE = REPO / ".venv" / "wheelhouse"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the working tree, built offline as the release workflow builds it."""
    if not any(WHEELHOUSE.glob("setuptools-*.whl")):
        pytest.skip(f"no wheelhouse at {WHEELHOUSE}: `make test` fills it (pip wheel of the dependencies)")
    out = tmp_path_factory.mktemp("release") / "dist"
    source = tmp_path_factory.mktemp("source") / "idea-portal"
    # A copy of what Git would ship: no build/ or egg-info left from an editable install leaks in.
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / name, source / name)
    # The build backend (setuptools) comes from the wheelhouse too, into pip's isolated build environment.
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE), "PIP_CONFIG_FILE": os.devnull}
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), "."],
        cwd=source,
        env=os.environ | offline,
        check=False,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    found = sorted(out.glob("idea_portal-*.whl"))
    assert [p.name for p in found] == [f"idea_portal-{__version__}-py3-none-any.whl"]
    return found[0]


def test_the_wheel_carries_the_theme_the_starter_and_the_plugin(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "generator/plugin.py",
        "generator/theme/main.html",
        "generator/theme/assets/portal.css",
        "generator/theme/assets/search.js",
        "generator/starter/mkdocs.yml",
        "generator/starter/workflows/check.yml",
        "generator/starter/workflows/publish.yml",
        "generator/starter/issue_forms/idea.yml",
        "generator/starter/requirements.txt",
        "generator/starter/gitignore.txt",
        "generator/starter/pre-commit-config.yaml",
        "generator/starter/theme/assets/logo.svg",
    ):
        assert needed in names, needed
    entry_points = zipfile.ZipFile(wheel).read(f"idea_portal-{__version__}.dist-info/entry_points.txt").decode()
    assert "portal = generator.plugin:PortalPlugin" in entry_points
    assert "portal = generator.cli:main" in entry_points


def _environment(venv: Path, wheel: Path) -> dict[str, str]:
    unset = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "NO_MKDOCS_2_WARNING"}
    keep = {key: value for key, value in os.environ.items() if key not in unset}
    ours = str(Path(sys.executable).parent)
    path = [entry for entry in keep.get("PATH", "").split(os.pathsep) if entry and entry != ours]
    return keep | {
        "PATH": os.pathsep.join([str(venv / "bin"), *path]),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": f"{WHEELHOUSE} {wheel.parent}",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_CONFIG_FILE": os.devnull,
    }


@pytest.fixture(scope="module")
def installed_portal(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portal made by the installed package: `portal init`, then its own `pip install -r requirements.txt`."""
    if not any(WHEELHOUSE.glob("*.whl")):
        pytest.skip(f"no wheelhouse at {WHEELHOUSE}: `make test` fills it (pip wheel of the dependencies)")
    work = tmp_path_factory.mktemp("away")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    environment = _environment(venv, wheel)

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            list(args), cwd=cwd, env=environment, capture_output=True, text=True, check=False, timeout=600
        )
        assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result

    run("python", "-m", "pip", "install", "--quiet", str(wheel), cwd=work)
    run("portal", "init", "harbour", "--yes", "--name", "Harbour Town Ideas", "--languages", "en,sv", cwd=work)
    portal = work / "harbour"
    # What the portal's workflows run: install the pinned version, validate, build.
    run("python", "-m", "pip", "install", "--quiet", "-r", "requirements.txt", cwd=portal)
    validated = run("portal", "validate", cwd=portal)
    assert validated.stdout.strip() == "no problems, 2 files checked"
    # Material's notice about MkDocs 2 shows on a bare `mkdocs build`; the workflows' own env silences it.
    bare = run("mkdocs", "build", "--strict", cwd=portal)
    assert "reaches end of life" in bare.stdout + bare.stderr
    workflow = yaml.safe_load((portal / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    environment.update(workflow["env"])
    built = run("mkdocs", "build", "--strict", cwd=portal)
    assert "reaches end of life" not in built.stdout + built.stderr
    where = run("python", "-c", "import generator; print(generator.__file__)", cwd=work).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    return portal


def test_an_installed_package_scaffolds_a_portal_that_builds(installed_portal: Path) -> None:
    portal = installed_portal
    site = portal / "site"
    for page in ("index.html", "ideas/index.html", "propose/index.html", "assets/portal.css", "assets/extra.css"):
        assert (site / page).is_file(), page
    assert "Harbour Town Ideas" in (site / "index.html").read_text(encoding="utf-8")


def test_the_new_portals_home_page_passes_axe(installed_portal: Path) -> None:
    if not CHROMIUM.is_file():
        pytest.skip(NO_CHROMIUM)
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    portal = installed_portal
    with serve(portal / "site") as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            found = []
            for path in ("", "ideas/"):
                page.goto(base + path)
                results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
                found += [
                    f"{path or 'home'}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
                    for v in results.response["violations"]
                ]
        finally:
            browser.close()
    assert found == []


# --- the release workflow ------------------------------------------------------------------------------------------

RELEASE = REPO / ".github" / "workflows" / "release.yml"


def _release() -> dict[str, Any]:
    data = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_release_runs_on_a_version_tag_with_least_privilege() -> None:
    data = _release()
    assert data[True] == {"push": {"tags": ["v*"]}}  # type: ignore[index]  # PyYAML reads the key `on` as True
    assert data["permissions"] == {}
    build, publish = data["jobs"]["build"], data["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    # Trusted publishing: no password or token anywhere.
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == [
        "actions/download-artifact",
        "pypa/gh-action-pypi-publish",
    ]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "python -m build" in runs
    assert any("twine check --strict dist/*" in run for run in runs)


def test_every_release_action_is_pinned_by_commit_with_its_version() -> None:
    lines = [line.strip() for line in RELEASE.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(lines) == 5
    for line in lines:
        assert re.fullmatch(r"- uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def _tag_check() -> str:
    """The build job's check script after its `twine check` line (twine is not installed here)."""
    step = next(s for s in _release()["jobs"]["build"]["steps"] if "twine check" in s.get("run", ""))
    lines = str(step["run"]).splitlines()
    return "\n".join(line for line in lines if "twine check" not in line)


@pytest.mark.parametrize(("tag", "ok"), [(f"v{__version__}", True), ("v9.9.9", False)])
def test_release_refuses_a_tag_that_is_not_the_packages_version(wheel: Path, tag: str, ok: bool) -> None:
    dist = wheel.parent
    (dist / f"idea_portal-{__version__}.tar.gz").touch()  # the sdist's name; its content is not read here
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _tag_check()],
        cwd=dist.parent,
        env=os.environ | {"TAG": tag},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    if not ok:
        assert f"the tag {tag} is not the package's version" in result.stdout

"""The workflows' own install, validate and build steps, run as written, on a clean clone in a fresh venv.

The tests install the package editable, so they cannot see what an installed
package lacks (its templates once lived outside it, and every publish build
failed). Here each job that builds the site runs its `run:` steps exactly as
its workflow file writes them, in order, with `bash -eo pipefail` as the
forge runs them: `python -m pip install .` into a new virtual environment
outside the checkout, then `portal validate` and `mkdocs build --strict` in a
clone of the repository (shallow or full, as the job's checkout asks).

No network: pip reads the package's dependencies from the wheelhouse that
`make test` fills (`.venv/wheelhouse`), through pip's own environment
settings; the steps' text is not changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import REPO

WHEELHOUSE = REPO / ".venv" / "wheelhouse"
# Each workflow and its job that installs the package and builds the site.
BUILD_JOBS = [("check.yml", "validate-and-build"), ("publish.yml", "build")]


def _job(workflow: str, job: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))
    jobs: dict[str, Any] = data["jobs"]
    return dict(jobs[job])


def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def _clean_clone(dest: Path, *, depth: int) -> None:
    """A clone of this repository as the job's checkout makes it, with the working tree's changes committed
    on top, so the test sees the files as they are checked out here (in CI: exactly `main`)."""
    shallow = ["--depth", str(depth)] if depth else []
    _git("clone", "--quiet", "--no-local", *shallow, REPO.as_uri(), str(dest), cwd=REPO)
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        source, target = REPO / name, dest / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        elif target.is_file():
            target.unlink()
    _git("add", "--all", cwd=dest)
    if _git("status", "--porcelain", cwd=dest).strip():
        author = ["-c", "user.name=Working tree", "-c", "user.email=working-tree@example.invalid"]
        _git(*author, "commit", "--quiet", "--no-verify", "-m", "The working tree", cwd=dest)


def _environment(venv: Path) -> dict[str, str]:
    """The runner's environment: the new venv's Python first on PATH (as setup-python puts its own), nothing of
    this test run's venv, and pip pointed at the local wheelhouse."""
    keep = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    ours = str(Path(sys.executable).parent)
    path = [entry for entry in keep.get("PATH", "").split(os.pathsep) if entry and entry != ours]
    return keep | {
        "PATH": os.pathsep.join([str(venv / "bin"), *path]),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_CONFIG_FILE": os.devnull,
        "GITHUB_ACTIONS": "true",
    }


@pytest.mark.parametrize(("workflow", "job"), BUILD_JOBS, ids=[name for name, _ in BUILD_JOBS])
def test_the_workflow_installs_the_package_and_builds_the_site(workflow: str, job: str, tmp_path: Path) -> None:
    if not any(WHEELHOUSE.glob("*.whl")):
        pytest.skip(f"no wheelhouse at {WHEELHOUSE}: `make test` fills it (pip wheel of the dependencies)")
    spec = _job(workflow, job)
    checkout = next(step for step in spec["steps"] if str(step.get("uses", "")).startswith("actions/checkout@"))
    depth = int(checkout.get("with", {}).get("fetch-depth", 1))
    clone, venv = tmp_path / "clone", tmp_path / "venv"
    _clean_clone(clone, depth=depth)
    # setup-python gives the job a Python of its own; a new venv outside the checkout stands for it.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    environment = _environment(venv)
    steps = [step for step in spec["steps"] if "run" in step]
    assert any("pip install" in step["run"] for step in steps), f"{workflow}: no install step to run"
    for step in steps:
        extra = {str(key): str(value) for key, value in step.get("env", {}).items()}
        assert not any("${{" in value for value in extra.values()), f"{step['name']}: needs the forge's context"
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=clone,
            env=environment | extra,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert result.returncode == 0, f"{workflow} › {step['name']}:\n{result.stdout}\n{result.stderr}"
    # The build used the installed package, not this checkout's source.
    where = subprocess.run(
        ["python", "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    site = clone / "site"
    for built in ("index.html", "assets/portal.css", "feeds/ideas.xml", "pagefind/pagefind.js"):
        assert (site / built).is_file(), f"{workflow}: site/{built} was not built"
    assert "portal.css" in (site / "index.html").read_text(encoding="utf-8")

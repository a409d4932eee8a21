"""The forge files: workflows, issue forms, CODEOWNERS.

Linters run offline from the venv (zizmor with `--offline`; check-jsonschema's
built-in schemas are vendored in the package). The workflows' own shell steps
run here too, against a local Git remote and a stand-in for the `gh` command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, TypedDict

import pytest
import yaml

from generator.intake import SECTIONS
from tests.support import PortalDir, run_cli

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = [GITHUB / "ISSUE_TEMPLATE" / "idea.yml", GITHUB / "ISSUE_TEMPLATE" / "question.yml"]
ANSWER_FORM = GITHUB / "ISSUE_TEMPLATE" / "answer.yml"
BIN = Path(sys.executable).parent
EVENTS = Path(__file__).parent / "fixtures" / "events"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed in the venv; run `pip install -e '.[test]'`")
    return str(path)


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    assert isinstance(on, dict)
    return on


def _steps(path: Path) -> list[tuple[str, dict[str, Any]]]:
    workflow = _load(path)
    return [(job_name, step) for job_name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def _run_script(path: Path, name_part: str) -> str:
    for _, step in _steps(path):
        if "run" in step and name_part in step.get("name", ""):
            return str(step["run"])
    raise AssertionError(f"{path.name} has no step named like {name_part!r}")


def test_there_are_the_five_workflows() -> None:
    # release.yml publishes the package itself; tests/test_package.py checks it further.
    assert [p.name for p in WORKFLOWS] == ["check.yml", "intake.yml", "publish.yml", "release.yml", "supports.yml"]


def test_zizmor_reports_nothing_of_medium_severity_or_above() -> None:
    result = subprocess.run(
        [
            _tool("zizmor"),
            "--offline",
            "--no-progress",
            "--format",
            "json",
            "--min-severity",
            "medium",
            str(GITHUB / "workflows"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")} | {"NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", [*FORMS, ANSWER_FORM]),
        ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_check_jsonschema_accepts_every_workflow_and_form(schema: str, files: list[Path]) -> None:
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_schemas_are_built_in_and_need_no_network() -> None:
    import check_jsonschema

    vendored = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor"
    for name in ("github-workflows", "github-issue-forms", "github-issue-config"):
        assert (vendored / f"{name}.json").is_file(), name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        match = re.match(r"^\s*(?:- )?uses:\s*(\S+)\s*#\s*(v\d+(\.\d+)*)\s*$", line)
        assert match, f"{path.name}: {line.strip()} has no `# vX.Y.Z` comment"
        assert PINNED.match(match.group(1)), f"{path.name}: {match.group(1)} is not pinned to a full commit SHA"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_spliced_into_a_script(path: Path) -> None:
    for job, step in _steps(path):
        if "run" in step:
            assert "${{" not in step["run"], f"{path.name} {job}: pass values through env:, not into run:"
            assert "github.event" not in step["run"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_its_own_minimal_permissions(path: Path) -> None:
    workflow = _load(path)
    assert "permissions" in workflow
    assert workflow["permissions"] in ({}, {"contents": "read"})
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name} {name} sets no permissions"
        assert all(value in ("read", "write") for value in job["permissions"].values())
        assert "write-all" not in str(job["permissions"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    for job, step in _steps(path):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name} {job}"


def test_no_workflow_runs_on_pull_request_target() -> None:
    for path in WORKFLOWS:
        assert "pull_request_target" not in _triggers(_load(path)), path.name
        assert "workflow_run" not in _triggers(_load(path)), path.name


def test_check_runs_on_pull_requests_read_only_without_secrets() -> None:
    path = GITHUB / "workflows" / "check.yml"
    workflow = _load(path)
    assert set(_triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in path.read_text(encoding="utf-8")
    for job in workflow["jobs"].values():
        assert set(job["permissions"].values()) == {"read"}
    text = path.read_text(encoding="utf-8")
    assert "portal validate --format github" in text
    assert "mkdocs build --strict" in text
    assert "actions/upload-artifact@" in text


def test_publish_deploys_one_at_a_time_with_pages_rights_only_on_deploy() -> None:
    workflow = _load(GITHUB / "workflows" / "publish.yml")
    assert set(_triggers(workflow)) == {"push", "workflow_dispatch"}
    assert _triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    checkout = next(s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any("mkdocs build --strict" in s.get("run", "") for s in build["steps"])
    assert any(str(s.get("uses", "")).startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_intake_runs_on_the_approved_label_and_supports_on_a_schedule() -> None:
    intake = _load(GITHUB / "workflows" / "intake.yml")
    assert _triggers(intake) == {"issues": {"types": ["labeled"]}}
    assert intake["jobs"]["intake"]["if"] == "github.event.label.name == 'approved'"
    assert 'portal intake --event "$GITHUB_EVENT_PATH"' in _run_script(GITHUB / "workflows" / "intake.yml", "idea")
    supports = _load(GITHUB / "workflows" / "supports.yml")
    assert set(_triggers(supports)) == {"schedule", "workflow_dispatch"}
    assert "portal votes import" in _run_script(GITHUB / "workflows" / "supports.yml", "Import")


# --- issue forms ---------------------------------------------------------------------------------


def _categories() -> list[str]:
    text = (ROOT / "content" / "categories.yaml").read_text(encoding="utf-8")
    return re.findall(r"^  ([a-z][a-z0-9_]{1,31}):", text, re.MULTILINE)


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_forms_have_the_fields_intake_reads(path: Path) -> None:
    form = _load(path)
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) == {"title", "text", "category", "display_name", "consent"}
    for item in fields.values():
        assert item["attributes"]["label"].casefold() in SECTIONS, item["attributes"]["label"]
    options = fields["category"]["attributes"]["options"]
    keys = [match.group(1) for option in options if (match := re.search(r"\(([a-z0-9_]+)\)$", option))]
    assert len(keys) == len(options)
    assert keys == _categories(), "the form's categories differ from content/categories.yaml"
    assert fields["consent"]["attributes"]["options"][0]["required"] is True
    assert fields["title"]["validations"]["required"] is True
    assert fields["display_name"]["validations"]["required"] is False


def test_the_answer_form_has_the_fields_intake_reads() -> None:
    form = _load(ANSWER_FORM)
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) == {"target", "text", "display_name", "consent"}
    for item in fields.values():
        assert item["attributes"]["label"].casefold() in SECTIONS, item["attributes"]["label"]
    assert SECTIONS[fields["text"]["attributes"]["label"].casefold()] == "answer"
    assert fields["consent"]["attributes"]["options"][0]["required"] is True
    assert fields["display_name"]["validations"]["required"] is False
    # A new portal gets the same form.
    assert (ROOT / "generator/starter/issue_forms/answer.yml").read_text(encoding="utf-8") == ANSWER_FORM.read_text(
        encoding="utf-8"
    )


def test_the_issue_chooser_points_to_the_propose_page_first() -> None:
    config = _load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is False
    assert config["contact_links"][0]["url"].endswith("/propose/")


def test_pull_request_template_is_for_staff_answers() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "portal answer" in text
    assert "content/answers/" in text


# --- CODEOWNERS ----------------------------------------------------------------------------------


def test_codeowners_is_in_sync_with_the_departments() -> None:
    result = run_cli(ROOT, "codeowners", "--check")
    assert result.exit_code == 0, result.output


def test_codeowners_covers_what_is_not_content_and_maps_answers_to_departments() -> None:
    text = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    owners = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line and not line.startswith("#")}
    for path in ("/.github/", "/mkdocs.yml", "/theme/", "/generator/", "/.github/CODEOWNERS"):
        assert owners[path] == ["@fjordby-example/portal-admins"], path
    teams = re.findall(r'team: "(@[^"]+)"', (ROOT / "content" / "departments.yaml").read_text(encoding="utf-8"))
    assert len(teams) == 10
    assert owners["/content/answers/"] == teams


# --- the workflows' shell steps, run against a local remote ----------------------------------------

FAKE_GH = """#!/bin/bash
# Stand-in for the forge's `gh` command: logs each call, answers a few.
printf '%s\\n' "$*" >> "$GH_LOG"
if [ -z "${GH_TOKEN:-}" ]; then echo "token=missing" >> "$GH_LOG"; exit 4; fi
prev=""
for arg in "$@"; do
  if [ "$prev" = "--body-file" ]; then cat "$arg" >> "$GH_LOG.bodies"; fi
  prev="$arg"
done
case "$1 $2" in
  "pr view") printf '%s\\n' "${FAKE_DECISION:-}" ;;
  "pr create") echo "https://forge.invalid/fjordby-example/idea-portal/pull/99" ;;
  "pr list") printf '%s\\n' "${FAKE_OPEN_PR:-}" ;;
esac
"""


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


@pytest.fixture
def forge(portal: PortalDir, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone of the test portal with an `origin` remote, and `gh` replaced by a logger."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    # The demo's categories (the issue forms offer them), with the departments they name.
    for taxonomy in ("categories.yaml", "departments.yaml"):
        shutil.copy(ROOT / "content" / taxonomy, portal.root / "content" / taxonomy)
    for name, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(name, value)
    _git(portal.root, "init", "--quiet", "--initial-branch=main")
    _git(portal.root, "add", ".")
    _git(portal.root, "commit", "--quiet", "-m", "Portal")
    base = tmp_path_factory.mktemp("forge")
    _git(base, "clone", "--quiet", "--bare", str(portal.root), "origin.git")
    _git(base, "clone", "--quiet", str(base / "origin.git"), "work")
    tools = base / "bin"
    tools.mkdir()
    gh = tools / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    (base / "tmp").mkdir()
    return base


def _run_step(forge: Path, script: str, *, token: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN")}
    full = {
        **base,
        "PATH": f"{forge / 'bin'}:{BIN}:{os.environ.get('PATH', '')}",
        "GH_LOG": str(forge / "gh.log"),
        "RUNNER_TEMP": str(forge / "tmp"),
        "GITHUB_OUTPUT": str(forge / "output"),
        **({"GH_TOKEN": "unused", "REPO": "fjordby-example/idea-portal", "DEFAULT_BRANCH": "main"} if token else {}),
        **env,
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=forge / "work",
        env=full,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _gh_calls(forge: Path) -> str:
    log = forge / "gh.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _origin_branches(forge: Path) -> list[str]:
    return _git(forge / "origin.git", "for-each-ref", "--format=%(refname:short)", "refs/heads/").split()


INTAKE = GITHUB / "workflows" / "intake.yml"


# What the intake job's expressions stand for in these runs; a step sees only the variables it declares.
_EXPRESSIONS = {
    "secrets.PORTAL_BOT_TOKEN || github.token": "bot-token",
    "github.event.issue.number": "",
    "github.repository": "fjordby-example/idea-portal",
    "github.event.repository.default_branch": "main",
}
_STEP_IF = re.compile(r"^steps\.(\w+)\.outputs\.(\w+) (==|!=) '([^']*)'$")


def _run_intake(forge: Path, event: Path, issue: str) -> tuple[int, str]:
    """Run the intake job's shell steps in order as the runner would: each with only its own `env`
    (plus the runner's variables), skipping a step whose `if:` on earlier outputs is false.
    Returns the first failing exit code (or 0) and the steps' output."""
    outputs: dict[str, dict[str, str]] = {}
    printed = ""
    for _, step in _steps(INTAKE):
        if "run" not in step or step["run"].startswith("python -m pip"):
            continue
        condition = step.get("if")
        if condition:
            match = _STEP_IF.match(condition)
            assert match, f"the test cannot evaluate `if: {condition}`"
            value = outputs.get(match[1], {}).get(match[2], "")
            if (value == match[4]) != (match[3] == "=="):
                continue
        env = {}
        for name, value in step.get("env", {}).items():
            expression = re.fullmatch(r"\$\{\{ (.+) \}\}", str(value))
            env[name] = (_EXPRESSIONS[expression[1]] or issue) if expression else str(value)
        output = forge / "output"
        output.write_text("", encoding="utf-8")
        result = _run_step(forge, step["run"], token=False, GITHUB_EVENT_PATH=str(event), **env)
        printed += result.stdout + result.stderr
        outputs[step.get("id", "")] = dict(
            line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line
        )
        if result.returncode != 0:
            return result.returncode, printed
    return 0, printed


def test_intake_gives_the_token_only_to_the_steps_that_talk_to_the_forge() -> None:
    job = _load(INTAKE)["jobs"]["intake"]
    assert "env" not in job
    reads = [step for step in job["steps"] if "portal intake --event" in step.get("run", "")]
    assert len(reads) == 1
    assert not any("secrets." in str(v) or "token" in str(v) for v in reads[0].get("env", {}).values())
    for step in job["steps"]:
        if "GH_TOKEN" in step.get("env", {}):
            assert "portal" not in step["run"].replace("portal bot", "")
            assert "gh " in step["run"]


def test_intake_step_opens_a_pull_request_that_closes_the_issue(forge: Path) -> None:
    code, printed = _run_intake(forge, EVENTS / "idea.json", "41")
    assert code == 0, printed
    assert "intake/issue-41" in _origin_branches(forge)
    added = _git(forge / "origin.git", "diff", "--name-only", "main", "intake/issue-41")
    assert added.split() == ["content/ideas/2026-0003.yaml"]
    calls = _gh_calls(forge)
    assert "pr create --repo fjordby-example/idea-portal --base main --head intake/issue-41" in calls
    assert "Closes #41" in (forge / "gh.log.bodies").read_text(encoding="utf-8")
    assert "issue comment 41" in calls
    # Every call of `gh` had the token; the fake logs what it was given.
    assert "token=missing" not in calls

    # Approved again while its pull request is open: nothing new.
    _git(forge / "work", "switch", "--quiet", "main")
    code, printed = _run_intake(forge, EVENTS / "idea.json", "41")
    assert code == 0
    assert "already exists" in printed
    assert _gh_calls(forge).count("pr create") == 1

    # Another submission, from a fresh checkout of main, skips the id the open pull request claims.
    _git(forge / "work", "switch", "--quiet", "main")
    code, printed = _run_intake(forge, EVENTS / "question.json", "42")
    assert code == 0, printed
    added = _git(forge / "origin.git", "diff", "--name-only", "main", "intake/issue-42")
    assert added.split() == ["content/ideas/2026-0004.yaml"]


def test_intake_reads_the_issue_without_the_token(forge: Path, tmp_path: Path) -> None:
    # A stand-in for `portal` that records whether a token is in its environment, then does the real work.
    spy = forge / "bin" / "portal"
    spy.write_text(
        f'#!/bin/bash\nprintf "%s\\n" "${{GH_TOKEN:-none}} ${{GITHUB_TOKEN:-none}}" >> "{tmp_path}/seen"\n'
        f'exec "{BIN / "portal"}" "$@"\n',
        encoding="utf-8",
    )
    spy.chmod(spy.stat().st_mode | stat.S_IXUSR)
    code, printed = _run_intake(forge, EVENTS / "idea.json", "44")
    assert code == 0, printed
    assert (tmp_path / "seen").read_text(encoding="utf-8") == "none none\n"
    assert "intake/issue-44" in _origin_branches(forge)


def test_intake_step_comments_and_removes_the_label_when_refused(forge: Path) -> None:
    code, printed = _run_intake(forge, EVENTS / "personal_data.json", "43")
    assert code == 0, printed
    assert _origin_branches(forge) == ["main"]
    calls = _gh_calls(forge)
    assert "issue comment 43 --repo fjordby-example/idea-portal --body-file" in calls
    assert "issue edit 43 --repo fjordby-example/idea-portal --remove-label approved" in calls
    assert "pr create" not in calls
    posted = (forge / "gh.log.bodies").read_text(encoding="utf-8")
    assert "personal data" in posted
    for secret in ("07700", "900123", "example.invalid", "maja.h"):
        assert secret not in posted + printed


def test_intake_step_fails_on_a_payload_that_is_not_an_issue_event(forge: Path, tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text('{"action": "opened"}', encoding="utf-8")
    code, _ = _run_intake(forge, event, "1")
    assert code == 2
    assert _gh_calls(forge).count("issue comment") == 0


CHECK = GITHUB / "workflows" / "check.yml"


class _PullRequest(TypedDict):
    BASE_SHA: str
    HEAD_SHA: str
    PR_NUMBER: str


def _pull_request(forge: Path, files: dict[str, str], rename: tuple[str, str] | None = None) -> _PullRequest:
    work = forge / "work"
    base = _git(work, "rev-parse", "HEAD").strip()
    _git(work, "switch", "--quiet", "--create", "contribution")
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    if rename:
        _git(work, "mv", *rename)
    _git(work, "add", ".")
    _git(work, "commit", "--quiet", "-m", "Contribution")
    return {"BASE_SHA": base, "HEAD_SHA": _git(work, "rev-parse", "HEAD").strip(), "PR_NUMBER": "7"}


def test_check_gate_passes_a_pull_request_that_changes_only_content(forge: Path) -> None:
    env = _pull_request(forge, {"content/ideas/2026-0009.yaml": "title: x\n"})
    result = _run_step(forge, _run_script(CHECK, "outside content/"), **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pr view" not in _gh_calls(forge)


def test_check_gate_fails_code_changes_without_a_code_owner_approval(forge: Path) -> None:
    env = _pull_request(forge, {"content/ideas/2026-0009.yaml": "title: x\n", "mkdocs.yml": "site_name: x\n"})
    result = _run_step(forge, _run_script(CHECK, "outside content/"), FAKE_DECISION="REVIEW_REQUIRED", **env)
    assert result.returncode == 1
    assert "mkdocs.yml" in result.stdout
    assert "A code owner listed in .github/CODEOWNERS must approve" in result.stdout
    approved = _run_step(forge, _run_script(CHECK, "outside content/"), FAKE_DECISION="APPROVED", **env)
    assert approved.returncode == 0, approved.stdout


def test_check_gate_counts_a_file_moved_into_content_as_a_code_change(forge: Path) -> None:
    env = _pull_request(forge, {}, rename=("mkdocs.yml", "content/mkdocs.yml"))
    result = _run_step(forge, _run_script(CHECK, "outside content/"), FAKE_DECISION="", **env)
    assert result.returncode == 1
    assert "mkdocs.yml" in result.stdout


SUPPORTS = GITHUB / "workflows" / "supports.yml"
VOTER_KEY = "test-key-for-the-workflow-0123"


def test_supports_steps_import_and_propose_one_pull_request(forge: Path) -> None:
    csv = forge / "tmp" / "supports.csv"
    csv.write_text("voter,idea,date\nvoter-a@example.invalid,2026-0002,2026-03-01\n", encoding="utf-8")
    imported = _run_step(forge, _run_script(SUPPORTS, "Import"), PORTAL_VOTER_KEY=VOTER_KEY, CHANNEL="web")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "added 1, skipped 0 (already counted), rejected 0" in imported.stdout
    assert not csv.exists()
    proposed = _run_step(forge, _run_script(SUPPORTS, "Propose"))
    assert proposed.returncode == 0, proposed.stdout + proposed.stderr
    assert "supports/import" in _origin_branches(forge)
    assert "pr create" in _gh_calls(forge)
    pushed = _git(forge / "origin.git", "show", "supports/import:content/votes/2026-0002.yaml")
    assert "example.invalid" not in pushed
    assert re.search(r"^  - [0-9a-f]{16} 2026-03-01 web$", pushed, re.MULTILINE)

    # The next run, with its pull request still open, updates it instead of opening another.
    _git(forge / "work", "switch", "--quiet", "main")
    csv.write_text("voter,idea,date\nvoter-a@example.invalid,2026-0002,2026-03-01\n", encoding="utf-8")
    _run_step(forge, _run_script(SUPPORTS, "Import"), PORTAL_VOTER_KEY=VOTER_KEY, CHANNEL="web")
    again = _run_step(forge, _run_script(SUPPORTS, "Propose"), FAKE_OPEN_PR="12")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "pr edit 12" in _gh_calls(forge)
    assert _gh_calls(forge).count("pr create") == 1

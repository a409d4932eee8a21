"""`portal votes reactions`: 👍 on ideas' forge issues become hashed supporters, read from a local fake API.

The fake API is a real HTTP server on 127.0.0.1 serving recorded payloads
(tests/fixtures/forge/); every request it gets is kept, so the tests see the
pages followed, the token sent and the waits honoured.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import load_project
from generator.errors import UsageProblem
from generator.reactions import ForgeAPI, ForgeProblem, api_for, import_reactions
from tests.support import IDEA, QUESTION, PortalDir, run_cli

KEY = "test-voter-key-not-a-real-one-0001"
REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXTURES = Path(__file__).parent / "fixtures" / "forge"
FORGE = "https://github.com/fjordby-example/idea-portal"
REACTIONS = "/repos/fjordby-example/idea-portal/issues/{n}/reactions"
LOGINS = ("harbour-fan-example", "cyclist-example", "heart-giver-example", "late-supporter-example", "newcomer-example")
USER_IDS = ("50101", "50102", "50103", "50104", "50105", "50106")


@dataclass
class Answer:
    """One recorded answer: status, headers and a JSON body (a fixture file's name, or a value)."""

    body: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeForge:
    """What the fake API answers, by path (answers used in order, the last one repeated), and what it was asked."""

    origin: str = ""
    routes: dict[str, list[Answer]] = field(default_factory=dict)
    asked: list[tuple[str, str | None]] = field(default_factory=list)

    def answer(self, path: str) -> Answer:
        answers = self.routes.get(path.split("?", maxsplit=1)[0] + ("?page=2" if "page=2" in path else ""))
        if not answers:
            return Answer({"message": "Not Found"}, 404)
        return answers.pop(0) if len(answers) > 1 else answers[0]


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, forge: FakeForge, *args: Any) -> None:
        self.forge = forge
        super().__init__(*args)

    def do_GET(self) -> None:
        self.forge.asked.append((self.path, self.headers.get("Authorization")))
        answer = self.forge.answer(self.path)
        body = answer.body
        if isinstance(body, str) and body.endswith(".json"):
            body = json.loads((FIXTURES / body).read_text(encoding="utf-8"))
        data = json.dumps(body).encode("utf-8")
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in answer.headers.items():
            self.send_header(name, value.replace("{origin}", self.forge.origin))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def forge() -> Iterator[FakeForge]:
    fake = FakeForge()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, fake))
    fake.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_VOTER_KEY", KEY)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("PORTAL_FORGE_TOKEN", raising=False)


@pytest.fixture
def site(portal: PortalDir) -> PortalDir:
    """The test portal with a forge, whose idea came through issue 7 and whose question through issue 9."""
    mkdocs = (portal.root / "mkdocs.yml").read_text(encoding="utf-8")
    portal.write("mkdocs.yml", mkdocs + f"      forge_url: {FORGE}\n      support: {{forge: true}}\n")
    portal.write("content/ideas/2026-0001.yaml", IDEA.replace("channel: web\n", "channel: web\nissue: 7\n"))
    portal.write("content/ideas/2026-0002.yaml", QUESTION.replace("channel: email\n", "channel: email\nissue: 9\n"))
    return portal


def _two_pages(forge: FakeForge) -> None:
    next_page = "<{origin}" + REACTIONS.format(n=7) + '?content=%2B1&per_page=100&page=2>; rel="next"'
    forge.routes[REACTIONS.format(n=7)] = [Answer("issue-7-page-1.json", headers={"Link": next_page})]
    forge.routes[REACTIONS.format(n=7) + "?page=2"] = [Answer("issue-7-page-2.json")]
    forge.routes[REACTIONS.format(n=9)] = [Answer("issue-9.json")]


def _lines(site: PortalDir, idea_id: str) -> list[str]:
    """The supporter lines of an idea's vote file, in file order."""
    path = site.root / f"content/votes/{idea_id}.yaml"
    if not path.is_file():
        return []
    return [str(line) for line in yaml.safe_load(path.read_text(encoding="utf-8")).get("supporters", [])]


def _reactions(site: PortalDir, forge: FakeForge, *args: str) -> Any:
    return run_cli(site.root, "votes", "reactions", "--api-url", forge.origin, *args)


def test_every_thumbs_up_on_every_page_becomes_one_hashed_supporter(site: PortalDir, forge: FakeForge) -> None:
    _two_pages(forge)
    before = _lines(site, "2026-0001")
    result = _reactions(site, forge)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "content/votes/2026-0001.yaml: +3",
        "content/votes/2026-0002.yaml: +1",
        "added 4, skipped 0 (already counted), rejected 0",
    ]
    # Page 2 was followed; the ❤️ and the deleted account's 👍 count for nothing.
    assert [path.split("?")[0] for path, _ in forge.asked] == [
        REACTIONS.format(n=7),
        REACTIONS.format(n=7),
        REACTIONS.format(n=9),
    ]
    new = [line for line in _lines(site, "2026-0001") if line not in before]
    assert [line.split()[1:] for line in new] == [
        ["2026-01-11", "forge"],
        ["2026-01-12", "forge"],
        ["2026-02-03", "forge"],
    ]
    written = "\n".join(p.read_text(encoding="utf-8") for p in (site.root / "content").rglob("*.yaml"))
    for secret in LOGINS + USER_IDS:
        assert secret not in written


def test_a_second_import_adds_only_new_reactions_and_a_withdrawn_one_stays(site: PortalDir, forge: FakeForge) -> None:
    _two_pages(forge)
    assert _reactions(site, forge).exit_code == 0
    counted = _lines(site, "2026-0001")
    # Later: 50102 took the 👍 back, 50105 gave one.
    forge.routes[REACTIONS.format(n=7)] = [Answer("issue-7-later.json")]
    result = _reactions(site, forge)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "added 1, skipped 3 (already counted), rejected 0"
    after = _lines(site, "2026-0001")
    assert [line for line in after if line in counted] == counted
    assert [line.split()[1] for line in after if line not in counted] == ["2026-03-04"]


def test_the_token_goes_to_the_api_and_nowhere_else(
    site: PortalDir, forge: FakeForge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_exampletoken")
    elsewhere = '<https://elsewhere.example.org/steal?page=2>; rel="next"'
    forge.routes[REACTIONS.format(n=7)] = [Answer("issue-7-page-1.json", headers={"Link": elsewhere})]
    result = _reactions(site, forge)
    assert result.exit_code == 1
    assert "pointed to another host" in result.output
    assert forge.asked == [(REACTIONS.format(n=7) + "?content=%2B1&per_page=100", "Bearer ghs_exampletoken")]
    assert "Traceback" not in result.output


def test_a_rate_limit_with_retry_after_is_waited_for(site: PortalDir, forge: FakeForge) -> None:
    _two_pages(forge)
    forge.routes[REACTIONS.format(n=9)] = [
        Answer({"message": "You have exceeded a secondary rate limit."}, 429, {"Retry-After": "1"}),
        Answer("issue-9.json"),
    ]
    started = time.monotonic()
    result = _reactions(site, forge)
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 1.0
    assert result.output.splitlines()[-1] == "added 4, skipped 0 (already counted), rejected 0"
    assert len(forge.asked) == 4


def test_a_rate_limit_beyond_the_bound_stops_clearly_and_writes_nothing(site: PortalDir, forge: FakeForge) -> None:
    _two_pages(forge)
    reset = str(int(time.time()) + 3600)
    forge.routes[REACTIONS.format(n=9)] = [
        Answer({"message": "API rate limit exceeded"}, 403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
    ]
    before = {p: p.read_bytes() for p in (site.root / "content").rglob("*.yaml")}
    started = time.monotonic()
    result = _reactions(site, forge, "--max-wait", "60")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert "rate limit is reached until" in result.output
    assert "run the import again then" in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in (site.root / "content").rglob("*.yaml")} == before


def test_the_waits_count_against_one_budget(site: PortalDir, forge: FakeForge) -> None:
    _two_pages(forge)
    forge.routes[REACTIONS.format(n=9)] = [Answer({"message": "slow down"}, 429, {"Retry-After": "40"})]
    slept: list[float] = []
    project = load_project(site.root / "mkdocs.yml")
    api = ForgeAPI(forge.origin, "fjordby-example/idea-portal", max_wait=100, sleep=slept.append)
    with pytest.raises(ForgeProblem, match="rate limit"):
        import_reactions(project, api, channel="forge", key=KEY.encode())
    assert slept == [40.0, 40.0]


def test_a_refusal_that_is_no_rate_limit_is_reported(site: PortalDir, forge: FakeForge) -> None:
    forge.routes[REACTIONS.format(n=7)] = [Answer({"message": "Resource not accessible"}, 403)]
    result = _reactions(site, forge)
    assert result.exit_code == 1
    assert "answered 403" in result.output


@pytest.mark.parametrize(
    ("forge_url", "api_url", "message"),
    [
        (None, None, "forge_url is not set"),
        ("https://git.example.org/city/portal", None, "give its API's address with --api-url"),
        (FORGE, "http://api.example.org", "must start with https://"),
        ("https://github.com/only-owner", None, "does not name a repository"),
    ],
)
def test_where_the_api_is_must_be_clear(forge_url: str | None, api_url: str | None, message: str) -> None:
    with pytest.raises(UsageProblem, match=message):
        api_for(forge_url, api_url)


def test_the_github_api_is_found_from_the_forge_url() -> None:
    assert api_for(FORGE, None) == ("https://api.github.com", "fjordby-example/idea-portal")
    assert api_for(FORGE + ".git", "http://127.0.0.1:9/") == ("http://127.0.0.1:9", "fjordby-example/idea-portal")


def test_without_a_voter_key_nothing_is_fetched(
    site: PortalDir, forge: FakeForge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PORTAL_VOTER_KEY")
    _two_pages(forge)
    result = _reactions(site, forge)
    assert result.exit_code == 2
    assert "PORTAL_VOTER_KEY is not set" in result.output
    assert forge.asked == []


def test_with_the_forge_channel_off_nothing_is_asked(portal: PortalDir, forge: FakeForge) -> None:
    portal.write("mkdocs.yml", (portal.root / "mkdocs.yml").read_text(encoding="utf-8") + f"      forge_url: {FORGE}\n")
    result = run_cli(portal.root, "votes", "reactions", "--api-url", forge.origin)
    assert result.exit_code == 0
    assert result.output == "support.forge is off in mkdocs.yml: no reactions to import\n"
    assert forge.asked == []


def test_the_supports_workflow_step_counts_the_reactions(site: PortalDir, forge: FakeForge, tmp_path: Path) -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/supports.yml").read_text(encoding="utf-8"))
    steps = [s for s in workflow["jobs"]["import"]["steps"] if "portal votes reactions" in s.get("run", "")]
    assert len(steps) == 1
    step = steps[0]
    assert workflow["jobs"]["import"]["permissions"]["issues"] == "read"
    assert set(step["env"]) == {"PORTAL_VOTER_KEY", "GITHUB_TOKEN"}
    _two_pages(forge)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "GH_TOKEN")},
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "RUNNER_TEMP": str(tmp_path),
        "PORTAL_VOTER_KEY": KEY,
        "GITHUB_TOKEN": "ghs_workflowtoken",
        "PORTAL_FORGE_API": forge.origin,
    }
    ran = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (tmp_path / "summary.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        "added 4, skipped 0 (already counted), rejected 0"
    )
    assert {token for _, token in forge.asked} == {"Bearer ghs_workflowtoken"}

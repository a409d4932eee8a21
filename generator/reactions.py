"""`portal votes reactions`: count 👍 reactions on ideas' forge issues as supports.

An idea that came through the forge names its issue (`issue:` in the idea
file). Each 👍 on that issue is a support by the forge account that gave it.
The account's numeric id — stable when its login changes — is the identity;
it goes through the same import as a CSV export (`votes_import`), so only a
keyed hash of it reaches Git, and a person who reacts twice or is imported
twice counts once. Logins are never read.

A reaction taken away after it was imported does not take the support away:
supports are appended to the public record and never rewritten, as a signed
paper list is not. Someone who wants a support withdrawn asks staff, who
remove the line by hand (docs/take-part.md).

The forge's API is GitHub's REST API (`GET /repos/{owner}/{repo}/issues/{n}/reactions`),
read page by page through its `Link` headers. When it answers 403 or 429 with
`Retry-After` or an exhausted `x-ratelimit-remaining`, the import waits as
told, up to a bound, and otherwise stops saying when to run it again.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.check import check_portal
from generator.config import Project
from generator.errors import ContentError, PortalError, UsageProblem
from generator.votes_import import Summary, import_supporters

TOKEN_VARIABLES = ("PORTAL_FORGE_TOKEN", "GITHUB_TOKEN")
GITHUB_API = "https://api.github.com"
MAX_WAIT = 300.0
MAX_PAGES = 1000
TIMEOUT = 30.0
IDENTITY = "forge-user:{id}"
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
_REPO = re.compile(r"^/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")


class ForgeProblem(PortalError):
    """The forge's API refused, limited or failed the import; nothing was written."""


@dataclass(frozen=True, slots=True)
class Reaction:
    """One 👍: the account's numeric id and the day it was given."""

    user_id: int
    day: dt.date


def api_for(forge_url: str | None, api_url: str | None) -> tuple[str, str]:
    """The API's root and the repository's `owner/name`, from `forge_url` (and an explicit API root, if given)."""
    if not forge_url:
        raise UsageProblem("forge_url is not set in mkdocs.yml: there is no forge whose reactions could be read")
    parts = urlsplit(forge_url)
    match = _REPO.match(parts.path)
    if not match:
        raise UsageProblem(f"forge_url {forge_url!r} does not name a repository like https://github.com/org/portal")
    if api_url is None:
        if parts.hostname != "github.com":
            raise UsageProblem(
                f"the forge {parts.hostname} is not github.com: give its API's address with --api-url "
                "(GitHub Enterprise: https://HOST/api/v3)"
            )
        api_url = GITHUB_API
    api = urlsplit(api_url)
    loopback = api.hostname in ("127.0.0.1", "localhost", "::1")
    if api.scheme != "https" and not (api.scheme == "http" and loopback):
        raise UsageProblem(f"--api-url {api_url!r} must start with https:// (plain http only on this machine)")
    return api_url.rstrip("/"), f"{match.group(1)}/{match.group(2)}"


def forge_token(environ: Mapping[str, str] | None = None) -> str | None:
    """The API token from PORTAL_FORGE_TOKEN or GITHUB_TOKEN, if any (GitHub allows 60 requests an hour without)."""
    env = os.environ if environ is None else environ
    return next((env[name].strip() for name in TOKEN_VARIABLES if env.get(name, "").strip()), None)


class ForgeAPI:
    """A small reader of the forge's REST API that honours its rate limits, up to `max_wait` seconds in all."""

    def __init__(
        self,
        root: str,
        repo: str,
        token: str | None = None,
        *,
        max_wait: float = MAX_WAIT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root, self.repo, self.token = root, repo, token
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(root))
        self.budget = max_wait
        self.sleep, self.clock = sleep, clock
        self.requests = 0

    def _request(self, url: str) -> tuple[Any, Message]:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "idea-portal-reactions",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        while True:
            self.requests += 1
            # Only https (or http on this machine) reaches here: api_for checks the root, pages() the origin.
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
                    return json.loads(answer.read().decode("utf-8")), answer.headers
            except urllib.error.HTTPError as exc:
                wait = self._rate_limited(exc.code, exc.headers)
                if wait is None:
                    raise ForgeProblem(f"the forge's API answered {exc.code} {exc.reason} for {url}") from None
                self._wait(wait)
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise ForgeProblem(f"cannot reach the forge's API at {url}: {reason}") from None
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise ForgeProblem(f"the forge's API did not answer JSON for {url}") from None

    def _rate_limited(self, code: int, headers: Message) -> float | None:
        """Seconds to wait before asking again, or None when the answer is not about the rate limit."""
        if code not in (403, 429):
            return None
        retry_after = str(headers.get("Retry-After") or "").strip()
        if retry_after.isdigit():
            return float(retry_after)
        reset = str(headers.get("x-ratelimit-reset") or "").strip()
        if str(headers.get("x-ratelimit-remaining") or "").strip() == "0" and reset.isdigit():
            return max(float(reset) - self.clock(), 0.0) + 1.0
        # GitHub's secondary limits may say nothing more; it asks for a minute's pause.
        return 60.0 if code == 429 else None

    def _wait(self, seconds: float) -> None:
        if seconds > self.budget:
            until = dt.datetime.fromtimestamp(self.clock() + seconds, dt.UTC).strftime("%H:%M UTC")
            raise ForgeProblem(
                f"the forge's API rate limit is reached until {until}; run the import again then "
                "(or set PORTAL_FORGE_TOKEN for a higher limit)"
            )
        self.budget -= seconds
        self.sleep(seconds)

    def pages(self, path: str) -> Iterator[list[Any]]:
        """Every page of a listing, following `Link: <…>; rel="next"` on the API's own origin only."""
        url: str | None = f"{self.root}{path}"
        for _ in range(MAX_PAGES):
            if url is None:
                return
            body, headers = self._request(url)
            if not isinstance(body, list):
                raise ForgeProblem(f"the forge's API answered something other than a list for {url}")
            yield body
            found = _NEXT.search(str(headers.get("Link") or ""))
            url = found.group(1) if found else None
            if url is not None and not url.startswith(self.origin + "/"):
                # The token goes with every request: never to another host.
                raise ForgeProblem(f"the forge's API pointed to another host for the next page: {url}")
        raise ForgeProblem(f"more than {MAX_PAGES} pages of reactions for {path}; import stopped")

    def thumbs_up(self, issue: int) -> list[Reaction]:
        """The 👍 reactions on one issue, by account id; reactions by deleted accounts are left out."""
        reactions = []
        for page in self.pages(f"/repos/{self.repo}/issues/{issue}/reactions?content=%2B1&per_page=100"):
            for item in page:
                if not isinstance(item, dict) or item.get("content") != "+1":
                    continue
                user = item.get("user")
                user_id = user.get("id") if isinstance(user, dict) else None
                created = item.get("created_at")
                if not isinstance(user_id, int) or isinstance(user_id, bool) or not isinstance(created, str):
                    continue
                try:
                    day = dt.date.fromisoformat(created[:10])
                except ValueError:
                    continue
                reactions.append(Reaction(user_id, day))
        return reactions


def reaction_rows(project: Project, api: ForgeAPI, today: dt.date) -> list[tuple[str, str, str]]:
    """(identity, idea id, date) for every 👍 on the issue of every idea that names one."""
    outcome = check_portal(project, (), today)
    if outcome.portal is None:
        raise ContentError([p for p in outcome.problems if p.severity == "error"])
    rows = []
    for record in outcome.portal.records.values():
        if record.idea.issue is None:
            continue
        for reaction in api.thumbs_up(record.idea.issue):
            rows.append((IDENTITY.format(id=reaction.user_id), record.id, reaction.day.isoformat()))
    return rows


def import_reactions(
    project: Project,
    api: ForgeAPI,
    *,
    channel: str,
    key: bytes,
    today: dt.date | None = None,
) -> Summary:
    """Add every 👍 not yet counted to the vote files, through the same import as a CSV export."""
    today = today or dt.date.today()
    rows = reaction_rows(project, api, today)
    # The identities are written to a private temporary file only for the length of the import.
    with tempfile.TemporaryDirectory(prefix="portal-reactions-") as folder:
        path = Path(folder) / "reactions.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["voter", "idea", "date"])
            writer.writerows(rows)
        return import_supporters(project, path, channel=channel, key=key, today=today)

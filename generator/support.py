"""How citizens support an idea without an account on the portal: the channels and what an idea page offers.

A static site cannot count anything itself, so every support travels through a
channel the municipality already runs and comes back into `content/votes/` by
an import (`portal votes import`, `portal votes reactions`) or as a tally:

- `form`: the municipality's own form service (for example one behind the
  national e-ID); a URL template with `{id}` and, if wanted, `{title}`. Its
  CSV export is imported by the supports workflow.
- `email`: a `mailto:` link with the idea's id and title filled in; staff
  export or count the e-mails.
- `forge`: a 👍 reaction on the issue the idea came through (the idea's
  `issue:` field), imported from the forge's API by the supports workflow.
- `offline`: words saying where supports are counted in person (the citizens'
  service desk, meetings); staff add them as tallies.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from generator.models import Settings
    from generator.portal import Record

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
FORM_PLACEHOLDERS = ("id", "title")
EMAIL = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
# Known forges by host, for the words on the button; any other host is named as it is.
_FORGE_NAMES = {"github.com": "GitHub", "gitlab.com": "GitLab", "codeberg.org": "Codeberg"}


def problem(message: str) -> PydanticCustomError:
    """A settings error shown as written, braces and all (a message template would read them as its own)."""
    return PydanticCustomError("portal", "{message}", {"message": message})


def url_template(value: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> str:
    """Check a URL template: https, only `allowed` placeholders, every `required` one present."""
    if not value.startswith("https://"):
        raise problem(f"must start with https:// (found {value[:20]!r})")
    names = _PLACEHOLDER.findall(value)
    unknown = sorted({name for name in names if name not in allowed})
    if unknown:
        raise problem(
            f"has the unknown placeholder(s) {', '.join('{' + n + '}' for n in unknown)}; "
            f"use only {', '.join('{' + n + '}' for n in allowed)}"
        )
    missing = [name for name in required if name not in names]
    if missing:
        raise problem(f"needs {', '.join('{' + n + '}' for n in missing)} where the idea's id goes")
    return value


def fill(template: str, values: dict[str, str]) -> str:
    """A URL template with each `{name}` replaced by its value, percent-encoded."""
    return _PLACEHOLDER.sub(lambda m: quote(values.get(m.group(1), ""), safe=""), template)


class SupportChannels(BaseModel):
    """The ways citizens may support an idea (the plugin option `support`); several may be on at once."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    form: str | None = Field(
        default=None,
        description=(
            "Address of the municipality's own support form, with {id} (and optionally {title}) where the "
            "idea goes, e.g. https://forms.example.org/support?idea={id}."
        ),
    )
    email: str | None = Field(default=None, pattern=EMAIL, description="Address that counts supports sent by e-mail.")
    forge: bool = Field(
        default=False,
        description="true: a 👍 on the idea's forge issue (its `issue:` field) counts; needs forge_url.",
    )
    offline: str | None = Field(
        default=None,
        min_length=1,
        max_length=300,
        description="Where supports are counted in person, in the site's language, e.g. the citizens' service desk.",
    )

    @field_validator("form")
    @classmethod
    def _form(cls, value: str | None) -> str | None:
        return None if value is None else url_template(value, FORM_PLACEHOLDERS, ("id",))

    @property
    def any(self) -> bool:
        """Whether any channel is configured."""
        return bool(self.form or self.email or self.forge or self.offline)


def forge_name(forge_url: str) -> str:
    """The forge's name for people: GitHub, GitLab, or its host."""
    host = urlsplit(forge_url).hostname or forge_url
    return _FORGE_NAMES.get(host, host)


def support_view(record: Record, settings: Settings, t: dict[str, str], status_label: str) -> dict[str, Any] | None:
    """What an idea page shows under "support": one primary action, the other ways, how each is counted.

    None when the portal configures no channel. A closed idea gets only the words saying support is closed.
    """
    channels = settings.channels
    if not channels.any:
        return None
    if record.status.closed:
        return {"open": False, "closed_text": t["support_closed"].format(status=status_label)}
    idea_id, title = record.id, record.idea.title
    ways: list[dict[str, str]] = []
    if channels.form:
        ways.append(
            {
                "channel": "form",
                "href": fill(channels.form, {"id": idea_id, "title": title}),
                "text": t["support_by_form"],
                "how": t["support_how_form"],
            }
        )
    if channels.forge and settings.forge_url and record.idea.issue:
        name = forge_name(settings.forge_url)
        ways.append(
            {
                "channel": "forge",
                "href": f"{settings.forge_url.rstrip('/')}/issues/{record.idea.issue}",
                "text": t["support_by_forge"].format(forge=name),
                "how": t["support_how_forge"].format(forge=name),
            }
        )
    if channels.email:
        subject = t["support_mail_subject"].format(id=idea_id, title=title)
        body = t["support_mail_body"].format(id=idea_id, title=title)
        ways.append(
            {
                "channel": "email",
                "href": f"mailto:{channels.email}?subject={quote(subject, safe='')}&body={quote(body, safe='')}",
                "text": t["support_by_email"],
                "how": t["support_how_email"].format(address=channels.email),
            }
        )
    offline = t["support_how_offline"].format(where=channels.offline) if channels.offline else None
    if not ways and offline is None:
        return None
    primary = ways[0] if ways else None
    return {"open": True, "primary": primary, "others": ways[1:], "offline": offline}

"""The Propose page as data: the channels a proposal is handed to, and what its script needs.

Nothing is sent from the static site. The page's script (`theme/assets/propose.js`)
fills each channel's link with the whole proposal — kind, title, text and
category — checks the text with the validator's personal-data patterns first
(`personal_data_js`), and offers the text to copy where a link would grow too long.
Without JavaScript, the same links open each channel empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.i18n import localised, strings
from generator.personal_data_js import exported
from generator.portal import Portal
from generator.statuses import KINDS, TABLE
from generator.support import fill, forge_name

# Longest link each channel gets, in characters, measured on the whole URL.
# GitHub answers 414 beyond about 8,000 characters of request line; mail
# programs on Windows cut mailto: links at 2,048; a municipality's own form
# service is unknown, so it gets the safe length of old browsers and proxies.
LIMITS = {"forge": 8000, "email": 2000, "form": 2000}
# Issue forms in the portal's repository, by kind; their field ids are
# title, text and category (see .github/ISSUE_TEMPLATE/idea.yml).
ISSUE_FORMS = {"idea": "idea.yml", "question": "question.yml"}


def forge_options(root: Path) -> dict[str, dict[str, str]]:
    """Each issue form's category options by category key (an option ends in `(key)`); empty without forms."""
    options: dict[str, dict[str, str]] = {}
    for kind, name in ISSUE_FORMS.items():
        path = root / ".github" / "ISSUE_TEMPLATE" / name
        try:
            form = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        body = form.get("body") if isinstance(form, dict) else None
        for element in body if isinstance(body, list) else []:
            if isinstance(element, dict) and element.get("id") == "category":
                listed = (element.get("attributes") or {}).get("options") or []
                options[kind] = {
                    str(option).rsplit("(", 1)[1].rstrip(") "): str(option) for option in listed if "(" in str(option)
                }
    return options


def _channels(portal: Portal, t: dict[str, str]) -> list[dict[str, Any]]:
    settings = portal.settings
    channels: list[dict[str, Any]] = []
    if settings.forge_url:
        name = forge_name(settings.forge_url)
        channels.append(
            {
                "channel": "forge",
                "href": f"{settings.forge_url.rstrip('/')}/issues/new?template={ISSUE_FORMS['idea']}",
                "base": f"{settings.forge_url.rstrip('/')}/issues/new",
                "text": t["propose_by_forge"].format(forge=name),
                "how": t["propose_how_forge"].format(forge=name),
                "limit": LIMITS["forge"],
            }
        )
    if settings.intake_form:
        channels.append(
            {
                "channel": "form",
                # Without JavaScript the form opens with its placeholders left empty.
                "href": fill(settings.intake_form, {}),
                "template": settings.intake_form,
                "text": t["propose_by_form"],
                "how": t["propose_how_form"],
                "limit": LIMITS["form"],
            }
        )
    if settings.intake_email:
        channels.append(
            {
                "channel": "email",
                "href": f"mailto:{settings.intake_email}",
                "address": settings.intake_email,
                "text": t["propose_by_email"].format(address=settings.intake_email),
                "how": t["propose_how_email"],
                "limit": LIMITS["email"],
            }
        )
    return channels


def propose_page(portal: Portal, language: str, root: Path) -> dict[str, Any]:
    """The Propose page's context: its channels, categories and kinds, and the data its script reads."""
    t = strings(language)
    options = forge_options(root)
    categories = [
        {
            "key": key,
            "name": localised(category.name, language),
            "forge": {kind: options.get(kind, {}).get(key) for kind in KINDS},
        }
        for key, category in portal.categories.items()
    ]
    channels = _channels(portal, t)
    script = {
        "channels": channels,
        "categories": categories,
        "kinds": {kind: t[f"kind_{kind}"] for kind in KINDS},
        "forms": ISSUE_FORMS,
        "statuses": {status.key: status.label(language) for status in TABLE},
        # Words too common to say whether two ideas are about the same thing.
        "stop_words": t["stop_words"].split(),
        "personal": exported(),
        "allow": [entry.strip().lower() for entry in portal.settings.contact_allowlist],
        "strings": {
            key: t[key]
            for key in (
                "propose_too_long",
                "propose_copy",
                "propose_copied",
                "propose_copy_select",
                "propose_blocked",
                "propose_need_title",
                "propose_kind",
                "propose_title",
                "propose_category",
                "pii_email",
                "pii_phone",
                "pii_cpr",
                "pii_personnummer",
                "pii_iban",
                "pii_and",
                "kind_idea",
                "kind_question",
            )
        },
    }
    return {
        "channels": channels,
        "categories": categories,
        "kinds": [{"key": kind, "label": t[f"kind_{kind}"]} for kind in KINDS],
        "script": script,
    }

"""`portal intake`: turn an issue-form submission into a new idea file, or a community answer.

The forge's issue forms (`.github/ISSUE_TEMPLATE/idea.yml`, `question.yml`, `answer.yml`)
render a submission as Markdown sections (`### Title`, blank line, value).
When staff label the issue, a workflow hands the `issues` event payload to
`intake`, which maps the sections to an idea, refuses personal data and
anything the validator would refuse, and writes `content/ideas/<next id>.yaml`;
an answer from the answer form is appended to `content/community/<id>.yaml`
instead, with the same guards and limits.

The text is hostile until proven otherwise: the submitter may have edited the
rendered form, pasted HTML, or written far more than an idea holds. A refusal
names the form field and what to change, never the text itself, because the
reasons end up in a public comment and in CI logs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from generator.config import Project
from generator.content_writer import NewIdea, entry_indent, idea_parts, line_fields, next_id, write_validated
from generator.errors import PortalError, UsageProblem
from generator.models import COMMUNITY_LIMIT, IDEA_ID
from generator.personal_data import find_personal_data
from generator.schema import header
from generator.statuses import Kind
from generator.yamlread import yaml11_reading
from generator.yamlwrite import block, scalar

# GitHub accepts webhook payloads up to 25 MB; an issue body holds at most
# 65,536 characters. Anything much larger is not an honest issue event.
MAX_EVENT_BYTES = 5 * 1024 * 1024
NO_RESPONSE = "_No response_"
ANONYMOUS = "Anonymous"
TITLE_LIMITS = (3, 150)
AUTHOR_LIMIT = 80
BODY_LIMIT = 20_000

# The labels of the issue forms' fields, as GitHub renders them (`### Label`),
# mapped to what they fill. Compared case-insensitively.
SECTIONS: dict[str, str] = {
    "title": "title",
    "your idea": "idea",
    "your question": "question",
    "category": "category",
    "display name": "author",
    "consent to publication": "consent",
    "idea or question": "target",
    "your answer": "answer",
}
# How refusals name the fields: as the submitter sees them on the form.
FIELD_LABELS: dict[str, str] = {
    "form": "Form",
    "title": "Title",
    "idea": "Your idea",
    "question": "Your question",
    "category": "Category",
    "author": "Display name",
    "consent": "Consent to publication",
    "target": "Idea or question",
    "answer": "Your answer",
}

_HEADING = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*#*[ \t]*$")
_TICKED = re.compile(r"^\s*[-*]\s+\[[xX]\]\s+\S")
_KEY_IN_PARENS = re.compile(r"\(([a-z][a-z0-9_]{1,31})\)\s*$")
_TAG = re.compile(r"<[A-Za-z/!?]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A script or data URL, not the word "data:" or "metadata:" in a sentence: a
# scheme starts a word, and a data URL goes on with a media type, `;` or `,`.
_BAD_LINK = re.compile(
    r"(?<![\w.+-])(?:(?:javascript|vbscript)\s*:|data\s*:\s*(?:[\w.+-]+/[\w.+-]+|[;,]))", re.IGNORECASE
)
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"")
_FIELD_PREFIX = re.compile(r"^[a-z_]+(?:\[[0-9]+\])?(?:\.[a-z_]+)*: ")
_TITLE_PREFIX = re.compile(r"^\s*\[?(?:idea|question)\]?\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing the submitter must change, in words safe to post publicly."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.message}"


class Refused(PortalError):
    """The submission cannot become an idea; carries what to change."""

    def __init__(self, issue: int, reasons: list[Reason]) -> None:
        self.issue = issue
        self.reasons = reasons
        super().__init__("\n".join(f"issue #{issue}: {reason}" for reason in reasons))


@dataclass(frozen=True, slots=True)
class Submission:
    """A submission that passed every check, ready to be written."""

    issue: int
    kind: Kind
    title: str
    author: str
    category: str
    body: str
    submitted: dt.date


@dataclass(frozen=True, slots=True)
class AnswerSubmission:
    """A community answer that passed every check, ready to be appended."""

    issue: int
    idea_id: str
    name: str | None
    body: str
    submitted: dt.date


@dataclass(frozen=True, slots=True)
class Intake:
    """What `intake` wrote: a new idea or question, or a community answer to `idea_id`."""

    issue: int
    idea_id: str
    kind: Kind | Literal["community"]
    path: Path


def load_event(path: Path) -> dict[str, Any]:
    """The `issue` object of a GitHub `issues` event payload."""
    try:
        size = path.stat().st_size
        if size > MAX_EVENT_BYTES:
            raise UsageProblem(f"{path}: {size} bytes is too large for an issue event")
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot read the event file: {exc.strerror}") from None
    try:
        event = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UsageProblem(f"{path}: not a JSON event payload") from None
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or not isinstance(issue.get("number"), int):
        raise UsageProblem(f"{path}: not an `issues` event (no issue in the payload)")
    if "pull_request" in issue:
        raise UsageProblem(f"{path}: the event is about a pull request, not an issue")
    if not isinstance(issue.get("body"), str | None) or not isinstance(issue.get("title", ""), str):
        raise UsageProblem(f"{path}: the issue's title or body is not text")
    return issue


def _normal(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


def sections(body: str) -> tuple[dict[str, str], list[Reason]]:
    """The form's sections by field, and what is wrong with the form's shape.

    Only the forms' own labels start a section; any other `###` line belongs
    to the text it is in, so a heading inside the text stays part of it.
    """
    found: dict[str, list[str]] = {}
    reasons: list[Reason] = []
    current: list[str] | None = None
    for line in _normal(body).split("\n"):
        match = _HEADING.match(line)
        field = SECTIONS.get(match.group("label").casefold()) if match else None
        if field is None:
            if current is not None:
                current.append(line)
            continue
        if field in found:
            reasons.append(Reason(field, "the form has this field twice; the form was changed, keep one"))
        current = found[field] = []
    values = {}
    for field, lines in found.items():
        value = "\n".join(lines).strip("\n")
        values[field] = "" if value.strip() == NO_RESPONSE else value
    return values, reasons


def _one_line(field: str, value: str, reasons: list[Reason], limits: tuple[int, int]) -> str:
    text = value.strip()
    if not text:
        reasons.append(Reason(field, "is required"))
    elif "\n" in text or _LINE_BREAKS.search(text):
        # The issue's own title is not normalised like the form's body, so a
        # U+2028 line separator arrives here as itself.
        reasons.append(Reason(field, "must be a single line"))
    elif len(text) < limits[0]:
        reasons.append(Reason(field, f"is too short; write at least {limits[0]} characters"))
    elif len(text) > limits[1]:
        reasons.append(Reason(field, f"is too long; write at most {limits[1]} characters"))
    elif _TAG.search(text):
        reasons.append(Reason(field, "contains HTML; write plain text without < > tags"))
    elif any(unicodedata.category(c) == "Cc" for c in text):
        reasons.append(Reason(field, "contains invisible control characters; retype the text"))
    return text


def clean_body(text: str) -> str:
    """Markdown made inert: no HTML comments, no tags (`<` escaped), no control characters."""
    text = _normal(text)
    text = _HTML_COMMENT.sub("", text)
    text = _TAG.sub(lambda m: "&lt;" + m.group()[1:], text)
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    # The loader refuses tabs in indentation, and a block scalar's lines are indented.
    lines = [line.expandtabs(4).rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _category(value: str, categories: dict[str, dict[str, str]], reasons: list[Reason]) -> str:
    text = value.strip()
    match = _KEY_IN_PARENS.search(text)
    wanted = match.group(1) if match else text
    if wanted in categories:
        return wanted
    folded = text.casefold()
    for key, names in categories.items():
        if any(name.casefold() == folded for name in names.values()):
            return key
    reasons.append(Reason("category", "choose one of the categories offered in the list" if text else "is required"))
    return ""


def _personal_data(field: str, text: str, allow: list[str], reasons: list[Reason]) -> None:
    kinds = list(dict.fromkeys(finding.kind for finding in find_personal_data(text, allow)))
    if kinds:
        reasons.append(
            Reason(
                field,
                f"contains what looks like personal data ({', '.join(kinds)}); remove it: "
                "the portal and its history are public",
            )
        )


def categories_of(project: Project) -> dict[str, dict[str, str]]:
    """Category key → names by language, read from categories.yaml (empty when unreadable)."""
    from generator.loader import KIND_BY_FILE, Source, read

    path = project.content / "categories.yaml"
    if not path.is_file():
        return {}
    document, _ = read(Source(path, path.name, KIND_BY_FILE["categories.yaml"], None))
    data = document.data if document is not None else None
    terms = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(terms, dict):
        return {}
    result: dict[str, dict[str, str]] = {}
    for key, term in terms.items():
        names = term.get("name") if isinstance(term, dict) else None
        result[str(key)] = {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}
    return result


def _text(field: str, text: str, reasons: list[Reason], limit: int = BODY_LIMIT) -> str:
    """A Markdown field of a form, made inert, or "" with the reason it cannot be used."""
    if not text.strip():
        reasons.append(Reason(field, "is required"))
        return ""
    if len(text) > 2 * limit:
        reasons.append(Reason(field, f"is too long; write at most {limit:,} characters"))
        return ""
    body = clean_body(text)
    if not body.strip():
        reasons.append(Reason(field, "is required"))
    elif len(body) > limit:
        reasons.append(Reason(field, f"is too long; write at most {limit:,} characters"))
    elif _BAD_LINK.search(body):
        reasons.append(Reason(field, "contains a link that is not a web address; links must start with https://"))
    else:
        return body
    return ""


def _consent(values: dict[str, str], reasons: list[Reason]) -> None:
    if not any(_TICKED.match(line) for line in values.get("consent", "").split("\n")):
        reasons.append(
            Reason("consent", "tick the box to agree that the text is published; nothing is published without it")
        )


def _target(project: Project, value: str, reasons: list[Reason]) -> str:
    """The id of the idea an answer is for, from its number or its page's address."""
    found = re.findall(r"(?<![0-9])[0-9]{4}-[0-9]{4}(?![0-9])", value)
    if not value.strip():
        reasons.append(Reason("target", "is required"))
    elif len(set(found)) != 1:
        reasons.append(Reason("target", "write the number of one idea or question, such as 2026-0042"))
    elif not (project.content / "ideas" / f"{found[0]}.yaml").is_file():
        reasons.append(
            Reason("target", "no idea or question has this number; copy it from the top of its page, e.g. 2026-0042")
        )
    else:
        return str(found[0])
    return ""


def answer_submission(project: Project, issue: dict[str, Any], today: dt.date | None = None) -> AnswerSubmission:
    """Check an answer-form submission (a citizen answering an idea or question); raise `Refused` with every
    reason at once."""
    number: int = issue["number"]
    values, reasons = sections(issue.get("body") or "")
    for other in ("idea", "question", "title", "category"):
        if other in values:
            reasons.append(Reason("form", "the form mixes the answer form with another; open a new issue"))
            break
    idea_id = _target(project, values.get("target", ""), reasons)
    name = values.get("author", "").strip()
    if name:
        name = _one_line("author", name, reasons, (1, AUTHOR_LIMIT))
    body = _text("answer", values.get("answer", ""), reasons, COMMUNITY_LIMIT)
    _consent(values, reasons)
    failed = {reason.field for reason in reasons}
    for field, value in (("author", name), ("answer", body)):
        if field not in failed and value:
            _personal_data(field, value, project.settings.contact_allowlist, reasons)
    if reasons:
        raise Refused(number, reasons)
    return AnswerSubmission(number, idea_id, name or None, body, _submitted(issue, today))


def submission(project: Project, issue: dict[str, Any], today: dt.date | None = None) -> Submission:
    """Check an issue-form submission; raise `Refused` with every reason at once."""
    number: int = issue["number"]
    values, reasons = sections(issue.get("body") or "")
    if not values:
        raise Refused(
            number,
            [
                Reason(
                    "form",
                    "this issue was not written with the idea or question form; please open a new issue "
                    "and choose Propose an idea or Ask a question",
                )
            ],
        )
    kinds = [kind for kind in ("idea", "question") if kind in values]
    if len(kinds) != 1:
        reasons.append(Reason("form", "the form must have exactly one of the fields Your idea and Your question"))
    kind: Kind = "question" if kinds == ["question"] else "idea"
    allow = project.settings.contact_allowlist

    raw_title = values.get("title") or _TITLE_PREFIX.sub("", issue.get("title") or "")
    title = _one_line("title", raw_title, reasons, TITLE_LIMITS)
    author = values.get("author", "").strip() or ANONYMOUS
    author = _one_line("author", author, reasons, (1, AUTHOR_LIMIT))
    body = _text(kind, values.get(kind, ""), reasons)
    if "category" not in values or not values["category"].strip():
        reasons.append(Reason("category", "is required"))
        category = ""
    else:
        category = _category(values["category"], categories_of(project), reasons)
    _consent(values, reasons)

    failed = {reason.field for reason in reasons}
    for field, value in (("title", title), ("author", author), (kind, body)):
        if field not in failed and value:
            _personal_data(field, value, allow, reasons)
    if reasons:
        raise Refused(number, reasons)
    return Submission(number, kind, title, author, category, body, _submitted(issue, today))


def _submitted(issue: dict[str, Any], today: dt.date | None) -> dt.date:
    created = issue.get("created_at")
    if isinstance(created, str) and re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", created):
        try:
            return dt.date.fromisoformat(created[:10])
        except ValueError:
            pass
    return today or dt.date.today()


def _safe(message: str) -> str:
    """A validator message without the values it quotes."""
    return _QUOTED.sub("…", _FIELD_PREFIX.sub("", message))


def write(
    project: Project, item: Submission, channel: str, taken: tuple[str, ...] = (), today: dt.date | None = None
) -> Intake:
    """Write the idea file, validate it, and remove it again if it does not validate."""
    idea_id = next_id(project, item.submitted.year, taken)
    path = project.content / "ideas" / f"{idea_id}.yaml"
    new = NewIdea(
        item.title, item.kind, item.submitted, item.author, item.category, channel, item.body, issue=item.issue
    )
    parts = idea_parts(new)
    # The form field each line came from; the lines the form does not fill (kind, channel) are the form's.
    form_fields = {"title": "title", "author": "author", "category": "category", "body": item.kind}
    lines = {line: form_fields.get(field, "form") for line, field in line_fields(parts).items()}
    errors = write_validated(project, {path: "".join(text for _, text in parts)}, today or dt.date.today())
    reasons = [Reason(lines.get(problem.line, "form"), _safe(problem.message)) for problem in errors]
    if reasons:
        raise Refused(item.issue, list(dict.fromkeys(reasons)))
    return Intake(item.issue, idea_id, item.kind, path)


def write_answer(project: Project, item: AnswerSubmission, today: dt.date | None = None) -> Intake:
    """Append the community answer to its idea's file, validate, and put the file back if it does not validate."""
    path = project.content / "community" / f"{item.idea_id}.yaml"
    before = path.read_text(encoding="utf-8") if path.is_file() else header("community", 2) + "community:\n"
    if not before.endswith("\n"):
        before += "\n"
    dash = entry_indent(before) if path.is_file() else 2
    pad = " " * (dash + 2)
    fields = [("form", f"{' ' * dash}- date: {item.submitted.isoformat()}\n")]
    if item.name:
        fields.append(("author", f"{pad}name: {scalar(item.name)}\n"))
    fields.append(("answer", f"{pad}body: {block(item.body, dash + 4, dash + 2)}"))
    lines = line_fields(fields, first=before.count("\n") + 1)
    errors = write_validated(project, {path: before + "".join(text for _, text in fields)}, today or dt.date.today())
    # A problem in the lines written names the form field; any other (say, the same answer twice) the form.
    reasons = [Reason(lines.get(problem.line, "form"), _safe(problem.message)) for problem in errors]
    if reasons:
        raise Refused(item.issue, list(dict.fromkeys(reasons)))
    return Intake(item.issue, item.idea_id, "community", path)


def intake(
    project: Project, event: Path, *, channel: str = "web", taken: tuple[str, ...] = (), today: dt.date | None = None
) -> Intake:
    """Read an `issues` event and write the idea it submits; raise `Refused` if it cannot be one."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,31}", channel) or yaml11_reading(channel) is not None:
        raise UsageProblem(f"{channel!r} is not a channel name; write it like web or meeting")
    for other in taken:
        if not re.fullmatch(IDEA_ID, other):
            raise UsageProblem(f"--taken {other!r} is not an idea id such as 2026-0042")
    issue = load_event(event)
    if "answer" in sections(issue.get("body") or "")[0]:
        return write_answer(project, answer_submission(project, issue, today), today)
    item = submission(project, issue, today)
    return write(project, item, channel, taken, today)


def comment(reasons: list[Reason]) -> str:
    """The Markdown comment that tells the submitter what to change; it quotes none of their text."""
    lines = [
        "Thank you for your submission. Before it can be published on the portal, please edit the "
        "issue (the **···** menu at the top of it → **Edit**) and change the following:",
        "",
        *(f"- **{FIELD_LABELS.get(r.field, r.field)}**: {r.message}" for r in reasons),
        "",
        "Staff will look at it again after your edit. Please write no contact details, identity "
        "numbers or other personal data in the issue or its comments: they are public.",
    ]
    return "\n".join(lines) + "\n"

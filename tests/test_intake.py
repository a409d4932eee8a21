"""`portal intake`: recorded issue-form events become valid idea files, or a refusal that quotes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_portal
from generator.config import load_project
from generator.intake import Refused, clean_body, comment, intake, sections
from tests.support import PortalDir, run_cli

ROOT = Path(__file__).resolve().parents[1]
EVENTS = Path(__file__).parent / "fixtures" / "events"
PERSONAL = ("07700", "900123", "example.invalid", "maja.h")


@pytest.fixture
def site(portal: PortalDir) -> PortalDir:
    """The test portal with the real categories, the ones the issue forms offer, and the departments they name."""
    for name in ("categories.yaml", "departments.yaml"):
        shutil.copy(ROOT / "content" / name, portal.root / "content" / name)
    return portal


def _event(name: str) -> dict[str, Any]:
    data = json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write_event(tmp_path: Path, event: dict[str, Any], name: str = "event.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def _ideas(site: PortalDir) -> list[str]:
    return sorted(p.name for p in (site.root / "content" / "ideas").iterdir())


def _refused(site: PortalDir, event: Path) -> Refused:
    with pytest.raises(Refused) as caught:
        intake(load_project(site.root / "mkdocs.yml"), event)
    return caught.value


def test_a_recorded_idea_becomes_a_valid_idea_file(site: PortalDir) -> None:
    result = run_cli(site.root, "intake", "--event", str(EVENTS / "idea.json"))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "content/ideas/2026-0003.yaml"
    text = (site.root / "content/ideas/2026-0003.yaml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
        "title: Safe crossing at Skovbakke School\n"
        "kind: idea\n"
        "submitted: 2026-03-04\n"
        "author: Maja H.\n"
        "category: traffic\n"
        "channel: web\n"
        # The issue it came through: a 👍 on it counts as support (docs/take-part.md).
        "issue: 41\n"
        "body: |\n"
        "  Children cross Fjordvej every morning where cars drive fast.\n"
        "\n"
        "  A raised crossing with a light would make it safe:\n"
        "\n"
        "  - a speed table\n"
        "  - a light that children can press\n"
    )
    assert "\r" not in text
    assert site.validate().exit_code == 0


def test_a_recorded_question_becomes_a_question_by_anonymous(site: PortalDir) -> None:
    result = run_cli(site.root, "intake", "--event", str(EVENTS / "question.json"), "--channel", "forge")
    assert result.exit_code == 0, result.output
    text = (site.root / result.output.strip()).read_text(encoding="utf-8")
    assert "kind: question\n" in text
    assert "author: Anonymous\n" in text
    assert "category: culture\n" in text
    assert "channel: forge\n" in text
    assert "submitted: 2026-03-06\n" in text
    assert site.validate().exit_code == 0


def test_personal_data_is_refused_without_echoing_it(site: PortalDir, tmp_path: Path) -> None:
    note = tmp_path / "comment.md"
    result = run_cli(site.root, "intake", "--event", str(EVENTS / "personal_data.json"), "--comment", str(note))
    assert result.exit_code == 1
    posted = note.read_text(encoding="utf-8")
    assert "**Your idea**: contains what looks like personal data (phone number, e-mail address)" in posted
    for value in PERSONAL:
        assert value not in result.output
        assert value not in posted
    assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]


def test_html_is_made_inert(site: PortalDir) -> None:
    result = run_cli(site.root, "intake", "--event", str(EVENTS / "html.json"))
    assert result.exit_code == 0, result.output
    text = (site.root / result.output.strip()).read_text(encoding="utf-8")
    for tag in ("<script", "<img", "<a ", "</a", "<!--", "hidden"):
        assert tag not in text
    assert "&lt;script>alert('x')&lt;/script>" in text
    assert "cost < 2 % of the budget" in text
    assert site.validate().exit_code == 0


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("Title", "<b>Lights</b> on the cycle path", "Title: contains HTML"),
        ("Display name", "<img src=x>", "Display name: contains HTML"),
        ("Your idea", "See [the plan](javascript:alert(1)) for details.", "Your idea: contains a link"),
        ("Your idea", "See [the plan]( JavaScript :alert(1)).", "Your idea: contains a link"),
        ("Your idea", "See [the map](data:text/html;base64,PHNjcmlwdD4=).", "Your idea: contains a link"),
        ("Your idea", "See [the map](DATA:,hello).", "Your idea: contains a link"),
        ("Title", "Two\nlines", "Title: must be a single line"),
        ("Title", "x" * 151, "Title: is too long"),
        ("Display name", "y" * 81, "Display name: is too long"),
        ("Category", "Weather (weather)", "Category: choose one of the categories"),
    ],
)
def test_hostile_fields_are_refused(site: PortalDir, tmp_path: Path, field: str, value: str, expected: str) -> None:
    event = _event("idea")
    values, _ = sections(event["issue"]["body"])
    body = event["issue"]["body"].replace("\r\n", "\n")
    old = {
        "Title": values["title"],
        "Display name": values["author"],
        "Your idea": values["idea"],
        "Category": values["category"],
    }[field]
    event["issue"]["body"] = body.replace(f"### {field}\n\n{old}", f"### {field}\n\n{value}")
    refused = _refused(site, _write_event(tmp_path, event))
    assert any(str(reason).startswith(expected) for reason in refused.reasons), refused.reasons
    assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "The open data: bus times, counts and noise readings.",
        "Publish the metadata: who measured what, and when.",
        "Data: 14 sensors along the harbour.",
    ],
)
def test_the_word_data_with_a_colon_is_not_a_link(site: PortalDir, tmp_path: Path, text: str) -> None:
    event = _event("idea")
    values, _ = sections(event["issue"]["body"])
    body = event["issue"]["body"].replace("\r\n", "\n")
    event["issue"]["body"] = body.replace(f"### Your idea\n\n{values['idea']}", f"### Your idea\n\n{text}")
    made = intake(load_project(site.root / "mkdocs.yml"), _write_event(tmp_path, event))
    assert text in made.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("title", ["Lights on\u2028the cycle path", "Lights on\u2029the path", "Lights\x85on the path"])
def test_an_issue_title_with_a_line_separator_is_refused(site: PortalDir, tmp_path: Path, title: str) -> None:
    event = _event("idea")
    values, _ = sections(event["issue"]["body"])
    body = event["issue"]["body"].replace("\r\n", "\n")
    # With the form's title empty, the issue's own title is used.
    event["issue"]["body"] = body.replace(f"### Title\n\n{values['title']}", "### Title\n\n_No response_")
    event["issue"]["title"] = title
    refused = _refused(site, _write_event(tmp_path, event))
    assert [str(reason) for reason in refused.reasons] == ["Title: must be a single line"]


def test_huge_text_is_refused_quickly(site: PortalDir) -> None:
    start = time.monotonic()
    refused = _refused(site, EVENTS / "huge.json")
    assert time.monotonic() - start < 5
    assert [str(r) for r in refused.reasons] == ["Your idea: is too long; write at most 20,000 characters"]


def test_an_oversized_event_file_is_a_usage_error(site: PortalDir, tmp_path: Path) -> None:
    event = _event("idea")
    event["issue"]["body"] = "x" * (6 * 1024 * 1024)
    result = run_cli(site.root, "intake", "--event", str(_write_event(tmp_path, event)))
    assert result.exit_code == 2
    assert "too large" in result.output


def test_an_empty_form_names_every_missing_field(site: PortalDir, tmp_path: Path) -> None:
    note = tmp_path / "comment.md"
    result = run_cli(site.root, "intake", "--event", str(EVENTS / "empty.json"), "--comment", str(note))
    assert result.exit_code == 1
    posted = note.read_text(encoding="utf-8")
    for line in (
        "- **Title**: is required",
        "- **Your idea**: is required",
        "- **Category**: is required",
        "- **Consent to publication**: tick the box",
    ):
        assert line in posted


def test_an_edited_form_is_refused(site: PortalDir) -> None:
    reasons = [str(r) for r in _refused(site, EVENTS / "edited.json").reasons]
    assert "Category: the form has this field twice; the form was changed, keep one" in reasons
    assert any(r.startswith("Consent to publication: tick the box") for r in reasons)
    assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]


def test_an_issue_without_a_form_is_refused(site: PortalDir) -> None:
    reasons = _refused(site, EVENTS / "not_a_form.json").reasons
    assert [r.field for r in reasons] == ["form"]
    assert "open a new issue" in reasons[0].message


def test_both_idea_and_question_fields_are_refused(site: PortalDir, tmp_path: Path) -> None:
    event = _event("idea")
    event["issue"]["body"] += "\r\n\r\n### Your question\r\n\r\nAnd also a question?"
    reasons = _refused(site, _write_event(tmp_path, event)).reasons
    assert [r.field for r in reasons] == ["form"]


def test_what_the_validator_refuses_is_refused_and_the_file_removed(site: PortalDir, tmp_path: Path) -> None:
    event = _event("idea")
    event["issue"]["body"] = event["issue"]["body"].replace("Safe crossing", "Safe \u202ecrossing")
    refused = _refused(site, _write_event(tmp_path, event))
    assert [r.field for r in refused.reasons] == ["title"]
    assert "text-direction control characters" in refused.reasons[0].message
    assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]


def test_a_submission_the_validator_refuses_leaves_no_file(site: PortalDir, tmp_path: Path) -> None:
    event = _event("idea")
    # Only the validator knows that a submission may not be dated after today.
    event["issue"]["created_at"] = "2026-12-24T10:00:00Z"
    with pytest.raises(Refused) as caught:
        intake(load_project(site.root / "mkdocs.yml"), _write_event(tmp_path, event), today=dt.date(2026, 11, 23))
    assert [r.field for r in caught.value.reasons] == ["form"]
    assert "in the future" in caught.value.reasons[0].message
    assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]


def test_taken_ids_are_skipped_and_ids_follow_the_year_of_submission(site: PortalDir, tmp_path: Path) -> None:
    result = run_cli(
        site.root, "intake", "--event", str(EVENTS / "idea.json"), "--taken", "2026-0007", "--taken", "2025-0100"
    )
    assert result.output.strip() == "content/ideas/2026-0008.yaml"
    event = _event("question")
    event["issue"]["created_at"] = "2027-01-02T08:00:00Z"
    project = load_project(site.root / "mkdocs.yml")
    made = intake(project, _write_event(tmp_path, event), today=dt.date(2027, 1, 3))
    assert made.idea_id == "2027-0001"


def test_a_bad_taken_id_or_channel_is_a_usage_error(site: PortalDir) -> None:
    assert run_cli(site.root, "intake", "--event", str(EVENTS / "idea.json"), "--taken", "43").exit_code == 2
    assert run_cli(site.root, "intake", "--event", str(EVENTS / "idea.json"), "--channel", "no").exit_code == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a JSON event payload"),
        ('{"action": "labeled"}', "not an `issues` event"),
        ('{"issue": {"number": 3, "body": "x", "pull_request": {}}}', "pull request"),
        ('{"issue": {"number": 3, "body": ["x"]}}', "not text"),
        ("\xff\xfe", "not a JSON event payload"),
    ],
)
def test_payloads_that_are_not_issue_events_are_usage_errors(
    site: PortalDir, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "event.json"
    path.write_bytes(content.encode("latin-1"))
    result = run_cli(site.root, "intake", "--event", str(path))
    assert result.exit_code == 2
    assert message in result.output


def test_a_missing_event_file_is_a_usage_error(site: PortalDir) -> None:
    result = run_cli(site.root, "intake", "--event", "nope.json")
    assert result.exit_code == 2


def test_category_by_key_or_by_name_in_any_language(site: PortalDir, tmp_path: Path) -> None:
    for option, key in (
        ("culture", "culture"),
        ("Kultur og fritid", "culture"),
        ("VERKEHR UND STRASSEN", "traffic"),
        ("Verkehr", ""),
    ):
        event = _event("idea")
        event["issue"]["body"] = event["issue"]["body"].replace("Trafik og veje · Traffic and roads (traffic)", option)
        path = _write_event(tmp_path, event, f"{key or 'none'}.json")
        if key:
            made = intake(load_project(site.root / "mkdocs.yml"), path)
            assert f"category: {key}\n" in made.path.read_text(encoding="utf-8")
        else:
            assert [r.field for r in _refused(site, path).reasons] == ["category"]


def test_a_heading_inside_the_text_stays_part_of_the_text() -> None:
    body = (
        "### Title\n\nBenches\n\n### Your idea\n\nMore benches.\n\n"
        "### Background\n\nOld ones broke.\n\n### Category\n\nx"
    )
    values, reasons = sections(body)
    assert values["idea"] == "More benches.\n\n### Background\n\nOld ones broke."
    assert not reasons


def test_clean_body_removes_control_characters_and_tabs() -> None:
    assert clean_body("a\x00b\tc\r\n\u2028\tindented  \n\n") == "ab  c\n\n    indented\n"


@pytest.mark.parametrize("name", sorted(p.stem for p in EVENTS.glob("*.json")))
def test_every_recorded_payload_ends_without_a_traceback_or_personal_data(site: PortalDir, name: str) -> None:
    result = run_cli(site.root, "intake", "--event", str(EVENTS / f"{name}.json"))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for value in PERSONAL:
        assert value not in result.output


def test_the_comment_quotes_nothing_of_the_submission(site: PortalDir) -> None:
    event = _event("personal_data")
    text = comment(_refused(site, EVENTS / "personal_data.json").reasons)
    assert event["issue"]["body"][:40] not in text
    assert "Edit" in text
    assert copy.deepcopy(event) == _event("personal_data")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(max_size=160),
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    name=st.text(max_size=90),
)
def test_any_submission_becomes_a_valid_file_or_a_refusal(
    site: PortalDir, tmp_path: Path, title: str, text: str, name: str
) -> None:
    event = _event("idea")
    event["issue"]["body"] = (
        f"### Title\n\n{title}\n\n### Your idea\n\n{text}\n\n### Category\n\nculture\n\n"
        f"### Display name\n\n{name}\n\n### Consent to publication\n\n- [x] I agree"
    )
    path = _write_event(tmp_path, event)
    project = load_project(site.root / "mkdocs.yml")
    try:
        made = intake(project, path)
    except Refused as refused:
        assert refused.reasons
        for reason in refused.reasons:
            for value in (title.strip(), name.strip()):
                if len(value) > 8:
                    assert value not in reason.message
        assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]
        return
    assert site.validate().exit_code == 0
    made.path.unlink()


# --- Community answers (the answer form) ------------------------------------------------------------------------


def _community(site: PortalDir) -> str:
    return (site.root / "content/community/2026-0002.yaml").read_text(encoding="utf-8")


def test_a_recorded_answer_becomes_a_community_answer(site: PortalDir) -> None:
    result = run_cli(site.root, "intake", "--event", str(EVENTS / "answer.json"))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "content/community/2026-0002.yaml"
    assert _community(site) == (
        "# yaml-language-server: $schema=../../schemas/community.schema.json\n"
        "community:\n"
        "  - date: 2026-02-03\n"
        "    name: Lone\n"
        "    body: |\n"
        "      The library is open on Sundays from 10 to 16; the hours are on the board by the door.\n"
    )
    assert _ideas(site) == ["2026-0001.yaml", "2026-0002.yaml"]  # no new idea
    assert site.validate().exit_code == 0


def test_a_second_answer_is_appended_and_the_same_one_twice_refused(site: PortalDir, tmp_path: Path) -> None:
    project = load_project(site.root / "mkdocs.yml")
    intake(project, EVENTS / "answer.json")
    html = intake(project, EVENTS / "answer_html.json")
    assert html.kind == "community"
    text = _community(site)
    assert text.count("  - date: ") == 2
    assert "name:" not in text.split("  - date: ")[2]  # no display name: shown as anonymous
    before = text
    again = _event("answer")
    again["issue"]["number"] = 99
    refused = _refused(site, _write_event(tmp_path, again))
    assert [str(r) for r in refused.reasons] == [
        "Your answer: the same community answer appears twice (first on line 3)"
    ]
    assert _community(site) == before  # put back byte for byte


def test_html_in_an_answer_is_made_inert(site: PortalDir) -> None:
    made = intake(load_project(site.root / "mkdocs.yml"), EVENTS / "answer_html.json")
    text = made.path.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "<img" not in text
    assert "notes" not in text  # the HTML comment is gone
    assert "&lt;script>" in text
    assert site.validate().exit_code == 0


def test_a_hostile_answer_is_refused_for_every_reason_without_quoting_it(site: PortalDir, tmp_path: Path) -> None:
    comment_file = tmp_path / "comment.md"
    result = run_cli(
        site.root, "intake", "--event", str(EVENTS / "answer_hostile.json"), "--comment", str(comment_file)
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    text = comment_file.read_text(encoding="utf-8")
    assert "**Idea or question**: write the number of one idea or question" in text
    assert "**Your answer**: contains a link that is not a web address" in text
    assert "**Display name**: contains HTML" in text
    for quoted in ("javascript", "<b>", "Erik", "alert"):
        assert quoted not in text
        assert quoted not in result.output
    assert not (site.root / "content/community").exists()


def test_personal_data_in_an_answer_is_refused(site: PortalDir) -> None:
    refused = _refused(site, EVENTS / "answer_personal_data.json")
    assert [r.field for r in refused.reasons] == ["answer"]
    message = str(refused)
    assert "personal data" in message
    for quoted in (*PERSONAL, "20 12 34 56", "lone.t"):
        assert quoted not in message
    assert not (site.root / "content/community").exists()


def test_an_answer_to_an_unknown_idea_without_consent_is_refused(site: PortalDir) -> None:
    refused = _refused(site, EVENTS / "answer_unknown.json")
    assert [r.field for r in refused.reasons] == ["target", "consent"]
    assert "no idea or question has this number" in refused.reasons[0].message


def test_an_answer_to_a_withheld_idea_is_refused(site: PortalDir) -> None:
    site.write(
        "content/ideas/2026-0002.yaml",
        "title: Withheld question\nkind: question\nsubmitted: 2026-02-01\nauthor: Erik\ncategory: culture\n"
        "channel: email\nwithheld:\n  reason: advertising\n  date: 2026-02-02\n",
    )
    refused = _refused(site, EVENTS / "answer.json")
    assert [str(r) for r in refused.reasons] == ["Form: community answers for 2026-0002, which is withheld"]
    assert not (site.root / "content/community/2026-0002.yaml").exists()


def test_an_answer_form_mixed_with_an_idea_form_is_refused(site: PortalDir, tmp_path: Path) -> None:
    event = _event("answer")
    event["issue"]["body"] += "\n\n### Your idea\n\nMore benches."
    refused = _refused(site, _write_event(tmp_path, event))
    assert [r.field for r in refused.reasons] == ["form"]


def test_an_answer_never_changes_the_status(site: PortalDir) -> None:
    intake(load_project(site.root / "mkdocs.yml"), EVENTS / "answer.json")
    outcome = check_portal(load_project(site.root / "mkdocs.yml"), today=dt.date(2026, 11, 23))
    assert outcome.portal is not None
    record = outcome.portal.records["2026-0002"]
    assert (record.status.key, record.answers, len(record.community)) == ("new", (), 1)


def test_an_answer_over_the_community_limit_is_refused(site: PortalDir, tmp_path: Path) -> None:
    event = _event("answer")
    event["issue"]["body"] = event["issue"]["body"].replace("The library is open", "word " * 1100 + "The library")
    refused = _refused(site, _write_event(tmp_path, event))
    assert [str(r) for r in refused.reasons] == ["Your answer: is too long; write at most 5,000 characters"]

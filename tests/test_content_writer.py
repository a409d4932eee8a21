"""Writing content: write, validate, put back on an error; the next free id; a new idea's text."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.config import load_project
from generator.content_writer import NewIdea, entry_indent, idea_parts, line_fields, next_id, write_validated
from tests.support import IDEA, TODAY, PortalDir, built


def test_next_id_is_after_every_idea_and_every_taken_id(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    assert next_id(project, 2026) == "2026-0003"
    assert next_id(project, 2026, ("2026-0007", "2027-0009", "not-an-id")) == "2026-0008"
    assert next_id(project, 2027) == "2027-0001"


def test_a_new_idea_file_validates_and_names_the_field_of_each_line(portal: PortalDir) -> None:
    idea = NewIdea("Benches", "idea", TODAY, "Ola", "culture", "web", "Rest.\nTwo lines.", language="da")
    parts = idea_parts(idea)
    portal.write("content/ideas/2026-0003.yaml", "".join(text for _, text in parts))
    assert built(portal).records["2026-0003"].idea.language == "da"
    fields = line_fields(parts)
    assert fields[1] == ""  # the schema line
    assert fields[2] == "title"
    assert [line for line, field in fields.items() if field == "body"] == [9, 10, 11]


def test_a_valid_write_stays(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    path = portal.root / "content/ideas/2026-0003.yaml"
    assert write_validated(project, {path: IDEA}, TODAY) == []
    assert path.read_text(encoding="utf-8") == IDEA


def test_an_invalid_write_puts_every_file_back_byte_for_byte(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    kept = portal.write("content/ideas/2026-0001.yaml", IDEA.replace("\n", "\r\n").encode())
    new = portal.root / "content/ideas/2026-0003.yaml"
    errors = write_validated(project, {kept: IDEA, new: IDEA.replace("category: traffic", "category: nowhere")}, TODAY)
    assert errors
    assert all(p.path.endswith("2026-0003.yaml") for p in errors)
    assert kept.read_bytes() == IDEA.replace("\n", "\r\n").encode()
    assert not new.exists()


def test_an_error_elsewhere_does_not_refuse_the_write(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0002.yaml", "title: [\n")
    project = load_project(portal.root / "mkdocs.yml")
    path = portal.root / "content/ideas/2026-0003.yaml"
    assert write_validated(project, {path: IDEA}, TODAY) == []
    assert path.is_file()


def test_for_some_ideas_every_error_counts(portal: PortalDir) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    path = portal.root / "content/votes/2026-0002.yaml"
    errors = write_validated(project, {path: "supporters: 3\n"}, TODAY, ideas={"2026-0002"})
    assert errors
    assert not path.exists()


def test_an_interrupted_validation_puts_the_files_back(portal: PortalDir, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project(portal.root / "mkdocs.yml")
    path = portal.root / "content/ideas/2026-0003.yaml"

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.content_writer.check_portal", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_validated(project, {path: IDEA}, dt.date(2026, 11, 23))
    assert not path.exists()


def test_an_appended_entry_lines_up_with_the_existing_ones() -> None:
    assert entry_indent("answers:\n    - date: 2026-01-01\n") == 4
    assert entry_indent("answers:\n- date: 2026-01-01\n") == 0
    assert entry_indent("answers:\n") == 2

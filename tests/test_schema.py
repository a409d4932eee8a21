"""The committed JSON Schemas and field reference match the models, and demo files obey them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.schema import schemas
from generator.yamlread import parse
from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[1]
KIND_SCHEMA = {"ideas": "idea", "answers": "answers", "votes": "votes"}


def test_committed_schemas_and_reference_are_up_to_date() -> None:
    result = run_cli(ROOT, "schema", "--to", "schemas", "--reference", "docs/reference.md", "--check")
    assert result.exit_code == 0, result.output


def test_check_notices_a_stale_schema(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas/idea.schema.json").write_text("{}", encoding="utf-8")
    result = run_cli(tmp_path, "schema", "--check")
    assert result.exit_code == 1
    assert "schemas/idea.schema.json" in result.output


@pytest.mark.parametrize("name", sorted(schemas()))
def test_schemas_are_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schemas()[name])


def _demo_files() -> list[Path]:
    content = ROOT / "content"
    return sorted(p for folder in KIND_SCHEMA for p in (content / folder).glob("*.yaml")) + sorted(
        content.glob("*.yaml")
    )


def test_there_is_demo_content() -> None:
    assert len(_demo_files()) > 60


def test_every_demo_file_names_its_schema_and_obeys_it() -> None:
    validators = {
        name.removesuffix(".schema.json"): jsonschema.Draft202012Validator(schema, format_checker=None)
        for name, schema in schemas().items()
    }
    for path in _demo_files():
        kind = KIND_SCHEMA.get(path.parent.name, path.stem)
        depth = "../../" if path.parent.name in KIND_SCHEMA else "../"
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema={depth}schemas/{kind}.schema.json\n"), path
        document, problems = parse(path.name, text)
        assert document is not None, problems
        # The schema sees what an editor's YAML reader sees: numbers, booleans, dates as text.
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        errors = sorted(validators[kind].iter_errors(data), key=str)
        assert not errors, f"{path}: {errors[0].message}"

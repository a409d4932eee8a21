"""JSON Schemas for every file kind, generated from the models.

Editors (through the `# yaml-language-server: $schema=...` line at the top of
each file) and the forge's web editor use them to hint while staff type.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.models import FILE_MODELS, Settings

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every content file kind and the settings."""
    models: dict[str, type[BaseModel]] = {**FILE_MODELS, "settings": Settings}
    result = {}
    for name, model in models.items():
        schema = model.model_json_schema()
        result[f"{name}.schema.json"] = {"$schema": DIALECT, "$id": f"{name}.schema.json", **schema}
    return result


def schema_text(schema: dict[str, Any]) -> str:
    """Stable JSON text for a schema, so regenerating it changes nothing."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def header(kind: str, depth: int) -> str:
    """The editor hint that starts every content file of `kind`, `depth` folders below the root."""
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"

"""The JSON Schema of the file formats, for editor completion.

Committed under schema/ so that a `# yaml-language-server: $schema=...` line can point at it;
a test fails when the committed copy is stale (regenerate with `facilitation schema`).
"""

from __future__ import annotations

import json
from typing import Any


def schema_dict(what: str) -> dict[str, Any]:
    if what == "exercise":
        from facilitation.model.exercise import Exercise as model
    else:
        from facilitation.model.session import Session as model  # type: ignore[assignment]
    schema = model.model_json_schema(mode="validation")
    props = schema.get("properties", {})
    props.pop("id", None)
    props.pop("origin", None)
    if "required" in schema:
        schema["required"] = [r for r in schema["required"] if r != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"facilitation {what}"
    return schema


def schema_text(what: str) -> str:
    return json.dumps(schema_dict(what), indent=2, ensure_ascii=False, sort_keys=True) + "\n"

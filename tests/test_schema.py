"""The committed JSON Schemas match the models."""

from conftest import ROOT

from facilitation.jobs.schema import schema_text


def test_schemas_are_fresh():
    for what in ("exercise", "session"):
        committed = (ROOT / "schema" / f"{what}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(what), (
            f"schema/{what}.schema.json is stale: run "
            f"'python cli.py schema {what} > schema/{what}.schema.json'"
        )


def test_schema_knows_the_keys():
    import json

    s = json.loads(schema_text("exercise"))
    assert {"title", "duration", "steps", "materials", "parameters"} <= set(s["properties"])
    assert s["additionalProperties"] is False

"""JSON Schemas of the content files, generated from the model.

Editors' tools (VS Code's YAML extension and similar) read them through the
`# yaml-language-server: $schema=...` line at the top of every content file,
and offer completion and inline errors. `portal schema` rewrites schema/;
a test fails when the committed files are out of date.
"""

from __future__ import annotations

import json

from generator.model import FILE_MODELS

SCHEMA_DIR = "schema"


def json_schemas() -> dict[str, str]:
    """{file name: schema text} for every kind of content file."""
    out = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Fuzhou plan portal: {kind} file"
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out

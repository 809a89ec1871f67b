"""JSON Schema of the plan and school files, generated from the Pydantic models.

Editors (VS Code's YAML extension, anything using yaml-language-server) read the
``# yaml-language-server: $schema=…`` line at the top of each file and then check keys,
choices and types as people type.  The committed ``schemas/*.schema.json`` must equal
:func:`schema_text`; ``tests/test_schema.py`` checks it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from .models import Plan, School

Kind = Literal["plan", "school"]
KINDS: tuple[Kind, ...] = ("plan", "school")
FILES: dict[Kind, str] = {"plan": "plan.schema.json", "school": "school.schema.json"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_MODELS: dict[Kind, type[BaseModel]] = {"plan": Plan, "school": School}
_TITLES: dict[Kind, str] = {
    "plan": "guanxin 年度工作要点 / annual work plan (plans/<year>.yaml)",
    "school": "guanxin 学校进度 / school progress (data/schools/<id>.yaml, data/office.yaml)",
}


def json_schema(kind: Kind) -> dict[str, Any]:
    schema = _MODELS[kind].model_json_schema()
    return {"$schema": DRAFT, **schema, "title": _TITLES[kind]}


def schema_text(kind: Kind) -> str:
    """The schema as committed: 2-space JSON, Chinese kept readable, newline at the end."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"

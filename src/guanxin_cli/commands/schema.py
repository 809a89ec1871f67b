"""``guanxin schema``: print the JSON Schema of plan or school files."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import LangOpt


def schema(
    kind: Annotated[
        str, typer.Argument(help="plan 或 school。Which file kind.", metavar="plan|school")
    ],
    lang: LangOpt = None,
) -> int:
    """打印计划文件或学校文件的 JSON Schema（供编辑器校验和补全）。

    Print the JSON Schema of plan or school files, for editors.

    例 Example:  guanxin schema school > schemas/school.schema.json
    """
    import sys

    from ..errors import UsageError, problem
    from ..schema import KINDS, schema_text

    for known in KINDS:
        if kind == known:
            sys.stdout.write(schema_text(known))
            return 0
    raise UsageError(problem("schema.kind", value=kind))

"""``guanxin export --format markdown``: the year report's blocks as markdown (no Rich needed)."""

from __future__ import annotations

from typing import Any

from ..messages import Lang, t
from .report_doc import (
    Figure,
    Heading,
    Numbered,
    Para,
    Table,
    school_name,
    title_of,
    year_report_blocks,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def year_report_markdown(view: dict[str, Any], lang: Lang) -> str:
    date = view["as_of"].isoformat()
    out = [f"# {title_of(view, lang)}", "", f"> {t('md.as_of', lang, date=date)}", ""]
    name = school_name(view)
    if name:
        out += [t("md.school", lang, name=name), ""]
    for block in year_report_blocks(view, lang):
        if isinstance(block, Heading):
            out += ["#" * (block.level + 1) + " " + block.text, ""]
        elif isinstance(block, Para):
            out += [block.text, ""]
        elif isinstance(block, Numbered):
            out += [f"{n}. {line}" for n, line in enumerate(block.items, start=1)] + [""]
        elif isinstance(block, Table):
            out += [f"**{block.caption}**", ""]
            out.append("| " + " | ".join(_cell(h) for h in block.header) + " |")
            aligns = ("---:" if n in block.numeric else "---" for n in range(len(block.header)))
            out.append("|" + "|".join(aligns) + "|")
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Figure):
            continue  # pictures go into the Word and HTML documents
    return "\n".join(out).rstrip("\n") + "\n"

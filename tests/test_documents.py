"""The documents people hand upward: the Word year report and the HTML dashboard, opened
with the programs people open them with (python-docx, LibreOffice, headless Chromium)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from .openers import cjk_font_installed, measure, print_pdf, soffice_pdf


def _export(run, workspace: Path, fmt: str, name: str, *extra: str) -> Path:  # type: ignore[no-untyped-def]
    out = workspace / "out" / name
    out.parent.mkdir(exist_ok=True)
    result = run(["export", "-f", fmt, "-o", str(out), *extra], cwd=workspace)
    assert result.code == 0, result.err
    return out


def _json(run, workspace: Path, *extra: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    path = _export(run, workspace, "json", "y.json", *extra)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["data"]
    return data


# ---------------------------------------------------------------------------- Word


def test_docx_reads_back_with_chapters_tables_and_youzhihua(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    path = _export(run, workspace, "docx", "y.docx", "--as-of", "2022-12-31")
    data = _json(run, workspace, "--as-of", "2022-12-31")
    doc = Document(str(path))
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[:5] == [
        "一、组织建设",
        "二、主题教育",
        "三、关爱帮扶",
        "四、存在不足",
        "五、明年打算",
    ]
    text = "\n".join(p.text for p in doc.paragraphs)
    short = data["report"]["shortfalls"]
    assert (
        f"逾期未完成 {short['overdue']} 项" in text
        and f"未关闭整改 {short['open_findings']} 项" in text
    )
    plans = text.split("五、明年打算", 1)[1]
    assert "1. " in plans and "完成剩余" in plans
    # real tables: the 优质化 schools, one row each, with the numbers the JSON gives
    yz = data["report"]["youzhihua"]
    tables = {t.cell(0, 0).text + "|" + t.cell(0, 1).text: t for t in doc.tables}
    youzhi = tables["学校|批次"]
    assert [c.text for c in youzhi.rows[0].cells] == [
        "学校",
        "批次",
        "申报",
        "自查自评",
        "区关工委审核",
        "市审批",
    ]
    assert len(youzhi.rows) - 1 == len(yz["schools"])
    passed = sum(1 for row in youzhi.rows[1:] if "通过" in row.cells[4].text)
    assert passed == yz["acceptance_passed"] == 3
    assert f"{yz['acceptance_passed']} 所学校通过区关工委验收" in text
    # the same section numbers as status, in the appendix table
    sections = tables["部分|完成"]
    for row, s in zip(sections.rows[1:], data["sections"], strict=True):
        assert row.cells[1].text == f"{s['rate']['done']}/{s['rate']['total']}"
    # the header row repeats on each page a table runs onto
    assert all(
        t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.xpath("./w:tblHeader")
        for t in doc.tables
    )
    # figures as pictures: completion by section, milestones, 优质化
    assert len(doc.inline_shapes) == 3
    captions = [p.text for p in doc.paragraphs if p.text.startswith("图：")]
    assert "图：优质化创建各环节学校数" in captions


def test_the_review_step_is_named_after_the_issuing_office(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    """A county's plan: the 优质化 review is the county committee's, in the table and the
    figure's data (the report never says 区 for another office)."""
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nyear: 2022\n", "\nyear: 2022\nlevel: county\n", 1), "utf-8")
    doc = Document(str(_export(run, workspace, "docx", "y.docx", "--as-of", "2022-12-31")))
    tables = {t.cell(0, 0).text + "|" + t.cell(0, 1).text: t for t in doc.tables}
    header = [c.text for c in tables["学校|批次"].rows[0].cells]
    assert header[4] == "县关工委审核"
    english = _export(run, workspace, "docx", "en.docx", "--as-of", "2022-12-31", "--lang", "en")
    headers = [[c.text for c in t.rows[0].cells] for t in Document(str(english)).tables]
    assert [
        "School",
        "Cohort",
        "Applied",
        "Self-assessed",
        "Review by the county committee",
        "City approval",
    ] in headers


def test_docx_follows_the_official_layout(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    doc = Document(str(_export(run, workspace, "docx", "y.docx", "--as-of", "2022-12-31")))
    section = doc.sections[0]
    mm = [
        round(length.mm, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]  # A4; GB/T 9704's margins
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)  # 3号
    assert (
        normal.element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "仿宋"
    )
    h1 = doc.styles["Heading 1"]
    assert (
        h1.element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "黑体"
    )
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml


def test_libreoffice_prints_the_docx(run, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _export(run, workspace, "docx", "y.docx", "--as-of", "2022-12-31")
    pdf = PdfReader(soffice_pdf(path, tmp_path))
    assert len(pdf.pages) >= 3
    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = "".join(page.extract_text() for page in pdf.pages)
    for needed in ("组织建设", "存在不足", "明年打算", "优质化创建学校", "— 1 —", "— 2 —"):
        assert needed in text, needed
    assert cjk_font_installed()


def test_docx_in_english_for_one_school_and_reproducible(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    args = ("--as-of", "2022-12-31", "--lang", "en", "--school", "朝阳")
    first = _export(run, workspace, "docx", "a.docx", *args)
    again = _export(run, workspace, "docx", "b.docx", *args)
    assert first.read_bytes() == again.read_bytes()  # the same data gives the same file
    doc = Document(str(first))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "4. Shortcomings" in text and "5. Plans for next year" in text
    assert "Scope: 金坛区朝阳小学" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_binary_export_refuses_the_terminal_and_goes_down_a_pipe(
    workspace: Path, fmt: str
) -> None:
    """`export -f docx -o - > y.docx` (or `| ssh …`) works; into a terminal it is refused."""
    import os
    import pty
    import subprocess
    import sys
    import zipfile

    args = [sys.executable, "-m", "guanxin_cli", "export", "-f", fmt, "-o", "-"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    piped = subprocess.run(args, cwd=workspace, env=env, capture_output=True, timeout=120)
    assert piped.returncode == 0, piped.stderr.decode()
    got = workspace / f"piped.{fmt}"
    got.write_bytes(piped.stdout)
    assert zipfile.is_zipfile(got)  # (docx and xlsx are zip files)
    leader, follower = pty.openpty()
    try:
        tty = subprocess.run(
            args, cwd=workspace, env=env, stdout=follower, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(follower)
        os.close(leader)
    said = tty.stderr.decode()
    assert tty.returncode == 2 and fmt in said and "Traceback" not in said


# ------------------------------------------------------------------------ dashboard


def test_dashboard_is_one_offline_file_with_inline_charts(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    page = _export(run, workspace, "html", "d.html", "--as-of", "2022-06-30").read_text("utf-8")
    assert not re.search(r"https?://", page)  # no CDN, no font, no namespace URL
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#)""", page)  # nothing loaded from anywhere
    assert page.count("<svg") >= 5  # sections, schools, milestones, liaisons, the timeline
    assert "@page" in page and "@media print" in page and "break-before: page" in page
    assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page
    for part in (
        "全年概览",
        "各部分进度",
        "各校进度",
        "工作节点",
        "逾期事项（按包校联系人）",
        "全年时间线",
        "未关闭的整改",
    ):
        assert f"<h2>{part}</h2>" in page, part


def test_dashboard_numbers_are_the_status_numbers(run, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    status = json.loads(run(["status", "--json", "--as-of", "2022-06-30"], cwd=workspace).out)[
        "data"
    ]
    page = _export(run, workspace, "html", "d.html", "--as-of", "2022-06-30").read_text("utf-8")
    marked = page.replace('<div class="value">', '<div class="value" data-measure="kpi">')
    boxes = measure(marked, tmp_path)
    values = [b["text"] for b in boxes if b["kind"] == "kpi"]
    o = status["overall"]
    met = sum(1 for m in status["milestones"] if m["state"] in ("met", "met_late"))
    assert values[:5] == [
        f"{o['done'] * 100 // o['total'] if o['done'] * 100 % o['total'] * 2 < o['total'] else o['done'] * 100 // o['total'] + 1}%",
        str(status["counts"]["overdue"]),
        str(status["counts"]["due_soon"]),
        str(status["open_findings"]),
        f"{met}/{len(status['milestones'])}",
    ]
    for s in status["schools"]:
        assert f"<td>{s['name']}</td>" in page


def test_chromium_prints_the_dashboard_a_part_a_page(run, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = _export(run, workspace, "html", "d.html", "--as-of", "2022-06-30")
    pdf = PdfReader(print_pdf(html, tmp_path / "d.pdf"))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages]
    # (NFKC: the PDF's text may use Kangxi radicals for some ideographs, ⼯ for 工)
    texts = [unicodedata.normalize("NFKC", p.extract_text()).splitlines() for p in pdf.pages]
    assert set(sizes) <= {(595, 842), (842, 595)}  # A4, portrait or landscape
    starts = {}
    for part in ("全年概览", "各部分进度", "各校进度", "全年时间线", "未关闭的整改"):
        starts[part] = next(n for n, lines in enumerate(texts) if part in lines)  # a heading
    assert sorted(starts.values()) == list(starts.values())
    assert len(set(starts.values())) == len(starts)  # each part on a page of its own
    assert sizes[starts["全年时间线"]] == (842, 595)  # the timeline on a landscape page
    assert sizes[0] == (595, 842)


def test_dashboard_for_one_school(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    page = _export(
        run, workspace, "html", "s.html", "--as-of", "2022-06-30", "--school", "河头"
    ).read_text("utf-8")
    assert "<h1>河头小学 · " in page and "<h2>待办事项</h2>" in page
    assert "<h2>各校进度</h2>" not in page
    assert "关工委成员名单两年未调整" in page  # its own open finding
    assert "家长学校无章程" not in page  # another school's
    english = _export(
        run, workspace, "html", "e.html", "--as-of", "2022-06-30", "--lang", "en"
    ).read_text("utf-8")
    assert "<h2>The year at a glance</h2>" in english and 'lang="en"' in english


def test_dashboard_for_an_unknown_school_is_a_usage_error(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    out = workspace / "x.html"
    result = run(
        ["export", "-f", "html", "-o", str(out), "--school", "不存在的学校"], cwd=workspace
    )
    assert result.code == 2 and not out.exists() and "Traceback" not in result.err


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_documents_for_a_plan_without_chapters_or_milestones(
    run, workspace: Path, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("\nmilestones:")] + "\n", encoding="utf-8")
    path = _export(run, workspace, fmt, f"bare.{fmt}", "--as-of", "2022-12-31")
    if fmt == "docx":
        doc = Document(str(path))
        heads = [
            p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
        ]
        # a chapter for each of the six sections (总, 一 … 五), then the two the report adds
        assert heads[6:8] == ["七、存在不足", "八、明年打算"]
        assert "优质化创建" in "\n".join(p.text for p in doc.paragraphs)  # in the appendix
    else:
        assert "<h2>工作节点</h2>" not in path.read_text(encoding="utf-8")

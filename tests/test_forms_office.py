"""Forms in LibreOffice: a made form opens (printed to PDF, saved as CSV), and a form the
school saved in LibreOffice keeps its dropdowns and is read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from .formkit import ACTIVITY, DONE_ROW, QINGMING, columns, fill, git_workspace, row_of
from .openers import soffice_convert

CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def made_form(tmp_path: Path, run: Any) -> tuple[Path, Path]:
    root = git_workspace(tmp_path / "ws")
    result = run(["form", "朝阳", "-o", "forms", "--as-of", "2022-06-30"], cwd=root)
    assert result.code == 0, result.err
    (form,) = (root / "forms").glob("*.xlsx")
    return root, form


def test_libreoffice_prints_and_exports_a_form(tmp_path: Path, run: Any) -> None:
    root, form = made_form(tmp_path, run)
    (pdf,) = soffice_convert(form, tmp_path / "pdf", "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    sheets = soffice_convert(form, tmp_path / "csv", CSV_ALL_SHEETS)
    tasks = next(p for p in sheets if p.stem.endswith("任务进度"))
    text = tasks.read_text(encoding="utf-8")
    assert "重要节日、纪念日主题教育活动（清明前后）" in text and "状态 ▼" in text
    intro = next(p for p in sheets if p.stem.endswith("填表说明")).read_text(encoding="utf-8")
    assert "黄色格子由学校填写" in intro
    # a form saved as CSV is no form: said so, nothing written
    before = (root / "data/schools/chaoyang-primary.yaml").read_bytes()
    result = run(["import", str(tasks)], cwd=root)
    assert result.code == 1 and "这是文本（CSV）文件" in result.err
    assert (root / "data/schools/chaoyang-primary.yaml").read_bytes() == before


def test_a_form_saved_by_libreoffice_keeps_its_dropdowns_and_is_read_back(
    tmp_path: Path, run: Any
) -> None:
    root, form = made_form(tmp_path, run)

    def by_formula(wb: Any) -> None:  # a school that sums its students: LibreOffice works it out
        acts = wb["活动台账"]
        acts[f"{columns(acts)['students']}4"] = "=120+80"

    filled = tmp_path / "filled.xlsx"
    fill(form, filled, tasks={QINGMING: DONE_ROW}, activities=[ACTIVITY], also=by_formula)
    (saved,) = soffice_convert(filled, tmp_path / "lo", "xlsx")

    wb = load_workbook(saved)
    tasks = wb["任务进度"]
    cols = columns(tasks)
    rules = {str(dv.sqref).split(":")[0][0]: dv for dv in tasks.data_validations.dataValidation}
    assert rules[cols["status"]].type == "list"
    assert rules[cols["status"]].formula1 == '"已完成,进行中,受阻,不适用"'
    assert rules[cols["date"]].type == "date"
    assert rules[cols["students"]].type == "whole"
    assert tasks.protection.sheet and tasks.column_dimensions["A"].hidden
    r = row_of(tasks, QINGMING)
    assert tasks[f"{cols['status']}{r}"].value == "已完成"
    assert tasks[f"{cols['date']}{r}"].value == dt.datetime(2022, 4, 14)

    result = run(["import", str(saved)], cwd=root)
    assert result.code == 0, result.err
    assert "记录任务 1 项、整改 0 项、活动 1 条" in result.out
    assert "这里是公式（=120+80），按它的结果“200”导入" in result.err
    text = (root / "data/schools/chaoyang-primary.yaml").read_text(encoding="utf-8")
    assert "evidence: [活动方案, 活动照片, 活动总结]" in text and "students: 200" in text
    assert run(["check"], cwd=root).code == 0


def test_a_form_saved_as_xls_is_refused_with_what_to_do(tmp_path: Path, run: Any) -> None:
    root, form = made_form(tmp_path, run)
    (xls,) = soffice_convert(form, tmp_path / "xls", "xls")
    result = run(["import", str(xls)], cwd=root)
    assert result.code == 1
    assert f"{xls}: 这是旧版 Excel（.xls）文件" in result.err and "另存为" in result.err

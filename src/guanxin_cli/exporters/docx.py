"""``guanxin export --format docx``: the year report (年度工作总结) as a Word document.

Laid out after GB/T 9704-2012 (党政机关公文格式), as year reports loosely follow it: A4 with
its margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), 22 lines of 28 characters;
the title in 2号 小标宋, the body in 3号 仿宋, 一、 headings in 黑体 and （一） in 楷体; page
numbers "— 1 —" in 4号 宋体 at the foot. Tables are real Word tables (their header row
repeats on each page) and the figures PNG pictures, so Word, WPS and LibreOffice show the
same. The words are :mod:`render.report_doc`'s, the same as the markdown report's.

python-docx has no API for East Asian fonts, a repeated table header or a page-number
field; those few settings are made on the public ``element`` of a style or run (lxml).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

from ..messages import Lang, t
from ..render.report_doc import (
    Figure,
    Heading,
    Numbered,
    Para,
    Table,
    subtitle_of,
    title_of,
    year_report_blocks,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

# GB/T 9704 sizes: 2号 22 pt, 3号 16 pt, 4号 14 pt; tables a size smaller than the body
TITLE_PT, BODY_PT, FOOTER_PT, TABLE_PT, CAPTION_PT = 22, 16, 14, 12, 14
LINE_PT = 28.95  # 22 lines in the 225 mm type area
LATIN = "Times New Roman"
# The faces offices have (Windows and WPS); LibreOffice and macOS substitute their own CJK.
TITLE_FONT, HEADING_FONT, KAI_FONT, BODY_FONT, SONG_FONT = (
    "方正小标宋简体",
    "黑体",
    "楷体",
    "仿宋",
    "宋体",
)
FIGURE_WIDTH_CM = 15.0
STYLE_TABLE, STYLE_CAPTION, STYLE_FIGURE = "guanxin 表格", "guanxin 题注", "guanxin 图片"
STYLE_TITLE = "guanxin 标题"
TEXT_WIDTH_CM = 15.6  # 210 mm less the margins


def _fonts(style: ParagraphStyle, east_asian: str, size: float, *, bold: bool = False) -> None:
    """Latin text in Times New Roman, Chinese in ``east_asian`` (no theme fonts)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = LATIN
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names below
    fonts.set(qn("w:eastAsia"), east_asian)


def _spacing(style: ParagraphStyle, *, indent: bool, line: float | None = LINE_PT) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(2 * BODY_PT) if indent else Pt(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)


def _setup(doc: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_PT)
    _spacing(normal, indent=True)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = styles.add_style(STYLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)  # (Word's own is underlined)
    title.base_style = normal
    _fonts(title, TITLE_FONT, TITLE_PT)
    _spacing(title, indent=False, line=None)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Cm(0.5)
    for name, font in (("Heading 1", HEADING_FONT), ("Heading 2", KAI_FONT)):
        heading = styles[name]
        _fonts(heading, font, BODY_PT)
        _spacing(heading, indent=True)
        heading.paragraph_format.keep_with_next = True
    table = styles.add_style(STYLE_TABLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _fonts(table, BODY_FONT, TABLE_PT)
    _spacing(table, indent=False, line=None)
    table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    caption = styles.add_style(STYLE_CAPTION, WD_STYLE_TYPE.PARAGRAPH)
    caption.base_style = normal
    _fonts(caption, HEADING_FONT, CAPTION_PT)
    _spacing(caption, indent=False)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    figure = styles.add_style(STYLE_FIGURE, WD_STYLE_TYPE.PARAGRAPH)
    figure.base_style = normal
    _spacing(figure, indent=False, line=None)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    footer = styles.add_style("guanxin 页码", WD_STYLE_TYPE.PARAGRAPH)
    footer.base_style = normal
    _fonts(footer, SONG_FONT, FOOTER_PT)
    _spacing(footer, indent=False, line=None)
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_numbers(section.footer.paragraphs[0], footer)


def _page_numbers(paragraph: Paragraph, style: ParagraphStyle) -> None:
    """ "— 1 —": a PAGE field between two dashes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.style = style
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1")):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run.element.append(el)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run.element.append(end)
    paragraph.add_run(" —")


def _table(doc: Document, block: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.add_paragraph(block.caption, style=STYLE_CAPTION)
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(block)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for r, values in enumerate([block.header, *block.rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = widths[c]  # Word reads the cells' widths, LibreOffice the grid's
            para = cell.paragraphs[0]
            para.style = doc.styles[STYLE_TABLE]
            run = para.add_run(value)
            if r == 0:
                run.bold = True
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif c in block.numeric:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # the header row again on every page the table runs onto (w:tblHeader on its w:trPr)
    first = table.cell(0, 0).paragraphs[0].runs[0].element
    row = next(first.iterancestors(qn("w:tr")))
    props = row.find(qn("w:trPr"))
    if props is None:
        props = OxmlElement("w:trPr")
        row.insert(0, props)
    props.append(OxmlElement("w:tblHeader"))
    doc.add_paragraph("", style=STYLE_TABLE)  # a gap before the text goes on


def _column_widths(block: Table) -> list[Any]:
    """Each column as wide as its longest text needs, within limits, filling the line."""
    from docx.shared import Cm

    from .xlsx import cell_len

    need = [
        min(36, max(8, *(cell_len(row[c]) for row in [block.header, *block.rows])))
        for c in range(len(block.header))
    ]
    return [Cm(TEXT_WIDTH_CM * n / sum(need)) for n in need]


def _figure(doc: Document, block: Figure, view: dict[str, Any], lang: Lang) -> None:
    from docx.shared import Cm

    from ..render import charts

    if block.kind == "sections":
        rows = [
            (
                f"{s['number']} {s['title_en'] if lang == 'en' and s['title_en'] else s['title']}",
                s["rate"],
                s["overdue"],
            )
            for s in view["sections"]
        ]
        chart = charts.completion_chart("sections", rows, lang)
    elif block.kind == "milestones":
        chart = charts.milestones_chart(view["milestones"], lang)
    else:
        chart = charts.youzhihua_chart(view["report"]["youzhihua"], lang, view["report"]["office"])
    para = doc.add_paragraph(style=STYLE_FIGURE)
    para.add_run().add_picture(io.BytesIO(chart.png()), width=Cm(FIGURE_WIDTH_CM))
    doc.add_paragraph(block.caption, style=STYLE_CAPTION)


def report_docx(view: dict[str, Any], lang: Lang) -> bytes:
    from docx import Document as new_document

    doc = new_document()
    _setup(doc)
    doc.add_paragraph(title_of(view, lang), style=STYLE_TITLE)
    sub = doc.add_paragraph(subtitle_of(view, lang), style=STYLE_CAPTION)
    sub.runs[0].font.name = LATIN
    for block in year_report_blocks(view, lang):
        if isinstance(block, Heading):
            doc.add_paragraph(block.text, style=f"Heading {block.level}")
        elif isinstance(block, Para):
            doc.add_paragraph(block.text)
        elif isinstance(block, Numbered):
            for n, line in enumerate(block.items, start=1):
                doc.add_paragraph(f"{n}. {line}")
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            _figure(doc, block, view, lang)
    props = doc.core_properties
    props.title = title_of(view, lang)
    props.author = props.last_modified_by = "guanxin"
    props.comments = t("md.as_of", lang, date=view["as_of"].isoformat())
    stamp = dt.datetime.combine(view["as_of"], dt.time())
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_times(buf.getvalue(), stamp)


def _fixed_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same package with every member dated ``stamp``: python-docx dates them now, so
    without this the same data would give a different file each time."""
    out = io.BytesIO()
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()

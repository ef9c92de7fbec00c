"""Office files: GB/T 9704-style .docx (python-docx) and table .xlsx (openpyxl), written deterministically.

Owns ``write_docx``, ``write_xlsx`` and ``write_zip_fixed``, which rewrites an OOXML zip with fixed
member timestamps and fixed core-property dates so that every run gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from .common import cn_date


def write_zip_fixed(path: Path, blob: bytes, when: dt.date) -> None:
    """Rewrite an OOXML zip with fixed member timestamps and fixed core-property dates."""
    stamp = f"{when.isoformat()}T09:00:00Z"
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\g<3>", text)
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def save_workbook(path: Path, wb, when: dt.date, author: str, title: str | None = None) -> None:
    """Fix an openpyxl workbook's properties to ``when`` and write it deterministically."""
    stamp = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
    wb.properties.creator = wb.properties.lastModifiedBy = author
    wb.properties.created = wb.properties.modified = stamp
    if title is not None:
        wb.properties.title = title
    bio = io.BytesIO()
    wb.save(bio)
    write_zip_fixed(path, bio.getvalue(), when)


# ---------------------------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------------------------

def _set_font(run, name, size=None, bold=None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(a), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _setup_document():
    """A new A4 document with 公文 margins and a 仿宋 16 pt Normal style at 28.9 pt line spacing."""
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    sec.footer_distance = Mm(25)
    normal = doc.styles["Normal"]
    normal.font.name = "仿宋_GB2312"
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), "仿宋_GB2312")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    for dl in doc.styles.element.findall(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang")):
        dl.set(qn("w:eastAsia"), "zh-CN")
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28.9)
    pf.space_before = pf.space_after = Pt(0)
    return doc


def _para(doc, text, font="仿宋_GB2312", size=16, align=None, indent=True, bold=None):
    from docx.shared import Pt
    par = doc.add_paragraph()
    if align is not None:
        par.alignment = align
    if indent:
        par.paragraph_format.first_line_indent = Pt(32)
    _set_font(par.add_run(text), font, size, bold)
    return par


def _table(doc, header, rows):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    tb = doc.add_table(rows=1 + len(rows), cols=len(header))
    tb.style = "Table Grid"
    tb.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate([header] + list(rows)):
        for j, val in enumerate(row):
            cell = tb.cell(i, j)
            cp = cell.paragraphs[0]
            cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cp.paragraph_format.line_spacing = Pt(16)
            _set_font(cp.add_run(str(val)), "黑体" if i == 0 else "仿宋_GB2312", 10.5)


def _block(doc, b) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    kind = b[0]
    if kind == "p":
        _para(doc, b[1])
    elif kind == "pn":
        _para(doc, b[1], indent=False)
    elif kind == "h1":
        _para(doc, b[1], "黑体")
    elif kind == "h2":
        _para(doc, b[1], "楷体_GB2312")
    elif kind == "center":
        _para(doc, b[1], "黑体", 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    elif kind == "table":
        _table(doc, b[1], b[2])


def _page_number_footer(sec) -> None:
    """Footer "— PAGE —", centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(fp.add_run("— "), "宋体", 14)
    r = fp.add_run()
    _set_font(r, "宋体", 14)
    for tag, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if tag:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), tag)
            r._element.append(fc)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._element.append(it)
    _set_font(fp.add_run(" —"), "宋体", 14)


def write_docx(path: Path, *, doc_title: str, blocks: list, when: dt.date, author: str,
               sign: str | None = None, sign_date: dt.date | None = None) -> None:
    """A GB/T 9704-style .docx: blocks are ("p"|"h1"|"h2"|"pn", text) or ("table", header, rows)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = _setup_document()
    t = _para(doc, doc_title, "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    t.paragraph_format.line_spacing = Pt(36)
    t.paragraph_format.space_after = Pt(16)
    for b in blocks:
        _block(doc, b)
    if sign:
        doc.add_paragraph()
        for text in (sign, cn_date(sign_date or when)):
            par = _para(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            par.paragraph_format.right_indent = Pt(64)
    _page_number_footer(doc.sections[0])

    stamp = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = author
    cp.title = doc_title
    cp.created = cp.modified = cp.last_printed = stamp
    cp.revision = 1
    cp.comments = ""
    bio = io.BytesIO()
    doc.save(bio)
    write_zip_fixed(path, bio.getvalue(), when)


# ---------------------------------------------------------------------------------------------
# .xlsx
# ---------------------------------------------------------------------------------------------

def _write_sheet(wb, sh: dict, border) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sh["name"])
    header = sh["header"] if isinstance(sh["header"][0], (list, tuple)) else [sh["header"]]
    ncol = len(header[-1])
    r0 = 1
    if sh.get("title"):
        ws.cell(1, 1, sh["title"]).font = Font(name="黑体", size=16)
        ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws.row_dimensions[1].height = 30
        r0 = 2
    if sh.get("unit"):
        ws.cell(r0, 1, sh["unit"]).font = Font(name="宋体", size=10)
        ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=ncol)
        r0 += 1
    for i, hr in enumerate(header):
        for j, val in enumerate(hr, 1):
            c = ws.cell(r0 + i, j, val)
            c.font = Font(name="黑体", size=10.5)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            c.fill = PatternFill("solid", fgColor="E7E6E6")
            c.border = border
    for m in sh.get("merges", []):
        ws.merge_cells(start_row=r0 + m[0], start_column=m[1] + 1, end_row=r0 + m[2], end_column=m[3] + 1)
    first = r0 + len(header)
    for i, row in enumerate(sh["rows"]):
        for j, val in enumerate(row, 1):
            c = ws.cell(first + i, j, val)
            c.font = Font(name="宋体", size=10.5)
            c.border = border
            c.alignment = Alignment(horizontal="left" if j in sh.get("left", ()) else "center",
                                    vertical="center")
            fmt_ = sh.get("formats", {}).get(j)
            if fmt_ and isinstance(val, (int, float)):
                c.number_format = fmt_
    for j, w in enumerate(sh.get("widths", []), 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    end = first + len(sh["rows"])
    for k, note in enumerate(sh.get("notes", [])):
        ws.cell(end + 1 + k, 1, note).font = Font(name="宋体", size=10)
    ws.freeze_panes = ws.cell(first, 2 if sh.get("freeze_col", True) else 1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(sh.get("widths", [])) > 110 else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{r0}:{first - 1}"
    ws.sheet_view.zoomScale = 100


def write_xlsx(path: Path, sheets: list[dict], when: dt.date, author: str) -> None:
    """sheets: dicts with name, title, header (list or list of rows), rows, widths, merges, notes, number_format."""
    import openpyxl
    from openpyxl.styles import Border, Side

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for sh in sheets:
        _write_sheet(wb, sh, border)
    save_workbook(path, wb, when, author, sheets[0].get("title") or sheets[0]["name"])

"""Tables in the 公文 layout: borders, a header row repeated on every page, rows that do not break across pages,
cells centred vertically, and tables fitted to the 156 mm text width."""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from dossier.drafts.docxlayout import (CELL_MARGIN_TWIPS, SMALL_TABLE_PT, STYLE_TABLE_HEAD, STYLE_TABLE_TEXT,
                                       TEXT_WIDTH_MM, _get_or_add, set_rpr_lang)


def _borders(tbl_pr, size_eighths: int = 4) -> None:
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is not None:
        tbl_pr.remove(borders)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), str(size_eighths))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "000000")
        borders.append(b)
    # schema order inside tblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    anchor = None
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def repeat_header(row) -> None:
    """Mark a row as a header row, repeated at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        h = OxmlElement("w:tblHeader")
        tr_pr.append(h)
    _cant_split(row)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        c = OxmlElement("w:cantSplit")
        tr_pr.insert(0, c)


def add_table(doc, headers: list[str], widths_mm: list[float], rows: int = 0, font_pt: float = SMALL_TABLE_PT,
              text_width_mm: float = TEXT_WIDTH_MM):
    """A bordered table with one repeated header row (黑体) and `rows` empty body rows (表格文字 style), scaled
    down to `text_width_mm` (the portrait 版心; a landscape page's is wider)."""
    table = doc.add_table(rows=1 + rows, cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _borders(tbl_pr)
    layout = _get_or_add(tbl_pr, "w:tblLayout", before=("w:tblCellMar", "w:tblLook"))
    layout.set(qn("w:type"), "fixed")
    # narrow cell margins (0.8 mm) so that figures fit the columns of wide tables
    mar = _get_or_add(tbl_pr, "w:tblCellMar", before=("w:tblLook",))
    for child in list(mar):
        mar.remove(child)
    for side, twips in (("top", 20), ("left", CELL_MARGIN_TWIPS), ("bottom", 20), ("right", CELL_MARGIN_TWIPS)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    total = sum(widths_mm)
    scale = min(1.0, text_width_mm / total) if total else 1.0
    widths = [Mm(w * scale) for w in widths_mm]
    tbl_w = _get_or_add(tbl_pr, "w:tblW", before=("w:jc", "w:tblBorders", "w:tblLayout", "w:tblLook"))
    tbl_w.set(qn("w:w"), str(int(sum(w.twips for w in widths))))
    tbl_w.set(qn("w:type"), "dxa")
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w.twips)))
    for i, row in enumerate(table.rows):
        _cant_split(row)
        for cell, w in zip(row.cells, widths):
            cell.width = w
            _cell_valign(cell)
            p = cell.paragraphs[0]
            p.style = doc.styles[STYLE_TABLE_HEAD if i == 0 else STYLE_TABLE_TEXT]
    repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers):
        set_cell_text(cell, text)
    return table


def _cell_valign(cell, value: str = "center") -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    v = tc_pr.find(qn("w:vAlign"))
    if v is None:
        v = OxmlElement("w:vAlign")
        tc_pr.append(v)
    v.set(qn("w:val"), value)


def set_cell_text(cell, text: str, align: str | None = None, style: str | None = None) -> None:
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    if style:
        p.style = cell.part.document.styles[style] if hasattr(cell.part, "document") else style
    if text:
        r = p.add_run(text)
        set_rpr_lang(r._r.get_or_add_rPr())
    if align:
        p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]


def add_row(table, texts: list[str] | None = None, style: str = STYLE_TABLE_TEXT):
    row = table.add_row()
    _cant_split(row)
    styles = table.part.document.styles
    for cell in row.cells:
        cell.paragraphs[0].style = styles[style]
        _cell_valign(cell)
    if texts:
        for cell, text in zip(row.cells, texts):
            set_cell_text(cell, text)
    return row



def fit_tables(doc, max_width_mm: float | None = None) -> None:
    """After rendering: rebuild each table's grid from its cells (docxtpl's column loops leave the template's grid)
    and scale the column widths down to the text width (the first section's: wider on landscape pages) when the
    table is wider."""
    if max_width_mm is None:
        s = doc.sections[0]
        max_twips = int(s.page_width.twips - s.left_margin.twips - s.right_margin.twips)
    else:
        max_twips = int(Mm(max_width_mm).twips)
    for tbl in doc.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        if not rows:
            continue
        if tbl.find(".//" + qn("w:gridSpan")) is not None:
            continue

        def widths(tr) -> list[int]:
            out = []
            for tc in tr.findall(qn("w:tc")):
                w = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
                out.append(int(w.get(qn("w:w"))) if w is not None and w.get(qn("w:w")) else 0)
            return out

        ref = max(rows, key=lambda tr: len(tr.findall(qn("w:tc"))))
        ws = widths(ref)
        if not ws or not all(ws):
            continue
        total = sum(ws)
        scale = min(1.0, max_twips / total)
        new = [int(w * scale) for w in ws]
        for tr in rows:
            tcs = tr.findall(qn("w:tc"))
            if len(tcs) != len(new):
                continue
            for tc, w in zip(tcs, new):
                tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
                if tcw is not None:
                    tcw.set(qn("w:w"), str(w))
                    tcw.set(qn("w:type"), "dxa")
        grid = tbl.find(qn("w:tblGrid"))
        if grid is not None:
            for col in list(grid):
                grid.remove(col)
            for w in new:
                col = OxmlElement("w:gridCol")
                col.set(qn("w:w"), str(w))
                grid.append(col)
        tbl_pr = tbl.find(qn("w:tblPr"))
        if tbl_pr is not None:
            tbl_w = tbl_pr.find(qn("w:tblW"))
            if tbl_w is not None:
                tbl_w.set(qn("w:w"), str(sum(new)))
                tbl_w.set(qn("w:type"), "dxa")

"""Documents from their data: turn the descriptions in ``data/*.yaml`` into PDFs and .docx files.

A document description is a mapping (see the data files) with a 题名 (``title``), date, 文号 and a
body made of blocks.  A block is one of

* ``p`` / ``pn`` / ``h1`` / ``h2`` / ``right`` / ``caption`` / ``small`` / ``label``: a paragraph of
  that style (``label``: the small line above a table);
* ``table``: a mapping with ``columns`` (one header row or a list of rows, ``null`` under a merged
  cell), ``widths`` (relative), ``rows`` (a list, or the name of rows the generator supplies),
  optional ``font``, ``left`` (left-aligned column numbers), ``spans`` and ``width`` (``form`` or
  ``land``: the full frame width of a form page or a landscape page);
* ``space``: vertical space in points; ``pagebreak``;
* ``flow``: the name of a flowable (or list of flowables) the generator supplies, e.g. a drawing.

A description without ``date`` is issued once a year: its date comes with the other values.
Every string is a template: ``{name}`` is filled from the values the generator passes.  This module
owns that mapping and the four builders ``issue`` (公文), ``make_report``, ``make_form`` and
``make_docx``; it holds no texts of its own.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.platypus import PageBreak, Spacer

from . import pdf
from .common import BUREAU, dated, fill
from .office import write_docx

_PARAGRAPHS = {"p": pdf.p, "pn": pdf.pn, "h1": pdf.h1, "h2": pdf.h2, "right": pdf.right,
               "caption": pdf.caption, "small": pdf.small, "label": pdf.label}


def rows_of(spec_rows, data: dict):
    """Table rows: given in the data file, or named there and supplied by the generator."""
    return data[spec_rows] if isinstance(spec_rows, str) else spec_rows


def table_width(width: str | None):
    if width == "form":
        return pdf.frame_width(footer="form")
    if width == "land":
        return pdf.frame_width(land=True)
    return None


def make_table(t: dict, data: dict, total_width=None):
    """A PDF table from a ``table`` block."""
    kw = {}
    if "font" in t:
        kw["font"] = t["font"]
    if "left" in t:
        kw["left_cols"] = tuple(t["left"])
    if "spans" in t:
        kw["spans"] = [tuple(tuple(c) for c in sp) for sp in t["spans"]]
    tw = total_width if total_width is not None else table_width(t.get("width"))
    if tw is not None:
        kw["total_width"] = tw
    return pdf.table(t["columns"], rows_of(t["rows"], data), t["widths"], **kw)


def blocks(items: list, data: dict | None = None) -> list:
    """PDF flowables for a list of (already filled) block descriptions."""
    data = data or {}
    out: list = []
    for it in items:
        if it == "pagebreak":
            out.append(PageBreak())
            continue
        (kind, val), = it.items()
        if kind in _PARAGRAPHS:
            out.append(_PARAGRAPHS[kind](val))
        elif kind == "table":
            out.append(make_table(val, data))
        elif kind == "space":
            out.append(Spacer(1, val))
        elif kind == "flow":
            f = data[val]
            out.extend(f if isinstance(f, list) else [f])
        else:
            raise ValueError(f"unknown block {kind!r}")
    return out


# the fields of a description that make the document; any other field is the generator's to use
DOC_KEYS = {"file", "name", "title", "subtitle", "date", "docno", "org", "addressee", "body", "attachments", "sign",
            "cc", "printer", "header", "seal", "author", "unit", "parts", "note", "foot", "land", "footer",
            "blocks", "sign_date"}


def _filled(spec: dict, v: dict | None) -> dict:
    """The description with its templates filled; a yearly document takes its date from ``v``."""
    v = v or {}
    s = {k: fill(x, v) for k, x in spec.items() if k in DOC_KEYS}
    if "date" not in s:
        s["date"] = v["date"]
    return s


def _path(folder: Path, s: dict) -> Path:
    """``file`` if given, else the usual 日期_文号_题名.pdf (``name`` replaces the 题名 there)."""
    if "file" in s:
        return folder / s["file"]
    return folder / dated(s["date"], s["docno"], s.get("name", s["title"]))


def issue(folder: Path, spec: dict, v: dict | None = None, **data) -> None:
    """A 公文 from its description: 发文机关, 文号, 主送, body, 附件, 落款, 抄送, 印发."""
    s = _filled(spec, v)
    atts = [pdf.Attachment(a["title"], blocks(a["body"], data))
            for a in s.get("attachments", [])]
    pdf.gongwen(_path(folder, s), org=s["org"], docno=s["docno"], date=s["date"], doc_title=s["title"],
                addressee=s.get("addressee"), body=blocks(s["body"], data), attachments=atts,
                sign=s.get("sign"), cc=s.get("cc"), printer=s.get("printer"), header=s.get("header"),
                seal=s.get("seal", True))


def make_report(folder: Path, spec: dict, v: dict | None = None, **data) -> None:
    """A plain document (报告、方案) from its description."""
    s = _filled(spec, v)
    pdf.report(_path(folder, s), doc_title=s["title"], date=s["date"], author=s.get("author", BUREAU),
               body=blocks(s["body"], data), subtitle=s.get("subtitle"), sign=s.get("sign"),
               seal=s.get("seal", True), land=s.get("land", False), footer=s.get("footer", "gongwen"),
               docno=s.get("docno"))


def make_form(folder: Path, spec: dict, v: dict | None = None, **data) -> None:
    """A table document (统计表、名册、台账) from its description."""
    s = _filled(spec, v)
    pdf.form(_path(folder, s), doc_title=s["title"], date=s["date"], author=s.get("author", BUREAU),
             parts=blocks(s["parts"], data), unit=s.get("unit"), land=s.get("land", False),
             foot=s.get("foot"), note=s.get("note"), docno=s.get("docno"))


def docx_blocks(items: list, data: dict) -> list:
    out = []
    for it in items:
        (kind, val), = it.items()
        if kind == "table":
            out.append(("table", val["columns"], rows_of(val["rows"], data)))
        else:
            out.append((kind, val))
    return out


def make_docx(folder: Path, spec: dict, v: dict | None = None, **data) -> None:
    """A .docx from its description (``file``, ``title``, ``date``, ``blocks``, optional ``sign``)."""
    s = _filled(spec, v)
    write_docx(folder / s["file"], doc_title=s["title"], blocks=docx_blocks(s["blocks"], data), when=s["date"],
               author=s.get("author", BUREAU), sign=s.get("sign"), sign_date=s.get("sign_date"))

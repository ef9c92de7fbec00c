"""The PDF engine: 公文 (GB/T 9704-like) with 版头, seal and 版记; plain reports; table forms.

Owns the reportlab set-up (fonts, invariant output, CJK line breaking), the paragraph styles and
shorthand constructors (``p``, ``h1`` ...), ``table``, the flowables (``Redhead``, ``SignBlock``,
``Banji``, ``Drawn``), the seal drawing, and the three document builders ``gongwen``, ``report``
and ``form``.  It knows nothing of the example documents' texts.
"""
from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics import shapes
from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)

from .common import BUREAU, cn_date, epoch, fonts

SONG, HEI = fonts.register()  # noqa
rl_config.useA85 = 0            # binary (Flate only) streams: smaller files
# Font choice.  Every CJK glyph costs 150–250 bytes in every PDF that shows it, a glyph used in two
# fonts is embedded twice, and each embedded UMing subset carries a 22 KB name table.  So the
# generated PDFs are set in one font, the 黑体-like DossierHei (smaller glyphs), which keeps the whole
# example evidence under 6 MB; set EVIDENCE_SERIF=1 to set body text in DossierSong instead (about
# 40% larger files).
TEXT = SONG if os.environ.get("EVIDENCE_SERIF") else HEI
shapes.STATE_DEFAULTS["fontName"] = TEXT    # charts: no reference to the non-embedded Helvetica
# reportlab's CJK wrapping knows the ideographic comma and full stop but not the full-width comma,
# semicolon, colon, closing quotes and book-title marks; without them a line may start with "，".
for _mod in (rl_paragraph, rl_textsplit):
    _mod.ALL_CANNOT_START += "，；：？！”’》）％"

RED = colors.Color(0.84, 0.07, 0.09)
BLACK = colors.black
PAGE_W, PAGE_H = A4


def esc(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


BODY_FONT = CELL_FONT = TEXT
ST_BODY = ParagraphStyle("body", fontName=BODY_FONT, fontSize=16, leading=28.9, firstLineIndent=32,
                         alignment=TA_JUSTIFY, wordWrap="CJK")
ST_NOINDENT = ParagraphStyle("noindent", parent=ST_BODY, firstLineIndent=0)
ST_H1 = ParagraphStyle("h1", parent=ST_BODY, fontName=HEI)
ST_H2 = ParagraphStyle("h2", parent=ST_BODY, fontName=BODY_FONT)
ST_TITLE = ParagraphStyle("title", fontName=HEI, fontSize=22, leading=34, alignment=TA_CENTER, wordWrap="CJK",
                          spaceBefore=10, spaceAfter=22)
ST_SUBTITLE = ParagraphStyle("subtitle", fontName=TEXT, fontSize=16, leading=26, alignment=TA_CENTER,
                             wordWrap="CJK", spaceAfter=12)
ST_CAPTION = ParagraphStyle("caption", fontName=HEI, fontSize=16, leading=24, alignment=TA_CENTER,
                            wordWrap="CJK", spaceBefore=6, spaceAfter=8)
ST_RIGHT = ParagraphStyle("right", parent=ST_BODY, alignment=TA_RIGHT, firstLineIndent=0)
ST_SMALL = ParagraphStyle("small", fontName=BODY_FONT, fontSize=12, leading=18, wordWrap="CJK")
ST_ATTLABEL = ParagraphStyle("attlabel", fontName=HEI, fontSize=16, leading=28.9)
ST_CELL = ParagraphStyle("cell", fontName=CELL_FONT, fontSize=10.5, leading=13, alignment=TA_CENTER, wordWrap="CJK")


def p(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_BODY)


def pn(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_NOINDENT)


def h1(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_H1)


def h2(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_H2)


def title(text: str) -> Paragraph:
    return Paragraph(esc(text).replace("\n", "<br/>"), ST_TITLE)


def caption(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_CAPTION)


def small(text: str, align=TA_LEFT) -> Paragraph:
    return Paragraph(esc(text), ParagraphStyle("s", parent=ST_SMALL, alignment=align))


def label(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_SMALL)


def right(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_RIGHT)


def table(header, rows, widths, *, font=10.5, spans=(), left_cols=(), total_width=None):
    """A bordered table; ``header`` is one row or a list of rows; ``widths`` are relative weights."""
    if header and not isinstance(header[0], (list, tuple)):
        header = [header]
    cell = ParagraphStyle("c", parent=ST_CELL, fontSize=font, leading=font * 1.25)
    cell_l = ParagraphStyle("cl", parent=cell, alignment=TA_LEFT)
    head = ParagraphStyle("h", parent=cell, fontName=HEI)
    data = []
    for hr in header:
        data.append([Paragraph(esc(x), head) if x is not None else "" for x in hr])
    for r in rows:
        data.append([Paragraph(esc(x), cell_l if j in left_cols else cell) if x is not None else ""
                     for j, x in enumerate(r)])
    tw = total_width or 156 * mm
    s = float(sum(widths))
    cw = [tw * w / s for w in widths]
    t = Table(data, colWidths=cw, repeatRows=len(header), rowHeights=None)
    style = [("FONTNAME", (0, 0), (-1, -1), TEXT), ("GRID", (0, 0), (-1, -1), 0.5, BLACK), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 2.2 if font >= 10 else 1.4),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6 if font >= 10 else 1.9),
             ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
             ("BACKGROUND", (0, 0), (-1, len(header) - 1), colors.Color(0.93, 0.93, 0.93))]
    for sp in spans:
        style.append(("SPAN",) + tuple(sp))
    t.setStyle(TableStyle(style))
    return t


class Redhead(Flowable):
    """版头: red 发文机关标志, 发文字号 and the red separator line."""

    def __init__(self, org: str, docno: str, signer: str | None = None):
        super().__init__()
        self.org, self.docno, self.signer = org, docno, signer
        self.h = 150

    def wrap(self, aw, ah):
        self.aw = aw
        return aw, self.h

    def draw(self):
        c, aw, h = self.canv, self.aw, self.h
        c.saveState()
        size = 38 if len(self.org) <= 10 else 32
        tw = stringWidth(self.org, TEXT, size)
        hs = min(0.92, (aw * 0.98) / tw)
        c.saveState()                   # text render mode and colours are graphics state: keep them here
        t = c.beginText()
        t.setFont(TEXT, size)
        t.setHorizScale(hs * 100)
        t.setFillColor(RED)
        t.setStrokeColor(RED)
        t.setTextRenderMode(2)          # fill + stroke: the heavy 小标宋 look of a 版头
        c.setLineWidth(0.8)
        t.setTextOrigin((aw - tw * hs) / 2, h - size)
        t.textOut(self.org)
        c.drawText(t)
        c.restoreState()
        c.setFillColor(BLACK)
        c.setFont(TEXT, 16)
        y = h - size - 62
        if self.signer:
            c.drawString(16, y, self.docno)
            c.drawRightString(aw - 16, y, "签发人：" + self.signer)
        else:
            c.drawCentredString(aw / 2, y, self.docno)
        c.setStrokeColor(RED)
        c.setLineWidth(1.6)
        c.line(0, y - 14, aw, y - 14)
        c.restoreState()


def draw_star(c, cx, cy, r):
    pth = c.beginPath()
    for i in range(10):
        a = math.radians(90 + i * 36)
        rr = r if i % 2 == 0 else r * 0.382
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        (pth.moveTo if i == 0 else pth.lineTo)(x, y)
    pth.close()
    c.drawPath(pth, stroke=0, fill=1)


def draw_seal(c, cx, cy, r, text, bottom: str | None = None):
    """A round red official seal: ring, star, the unit's name along the upper arc."""
    c.saveState()
    c.setStrokeColor(RED)
    c.setFillColor(RED)
    c.setFillAlpha(0.78)
    c.setStrokeAlpha(0.78)
    c.setLineWidth(r * 0.055)
    c.circle(cx, cy, r, stroke=1, fill=0)
    draw_star(c, cx, cy, r * 0.3)
    n = len(text)
    span = min(250.0, 21.0 * n + 20)
    fs = min(r * 0.3, r * 0.3 * 12 / max(n, 12) + r * 0.05)
    for i, ch in enumerate(text):
        ang = 90 + span / 2 - span * (i + 0.5) / n
        a = math.radians(ang)
        rr = r * 0.74
        c.saveState()
        c.translate(cx + rr * math.cos(a), cy + rr * math.sin(a))
        c.rotate(ang - 90)
        c.setFont(TEXT, fs)
        c.drawCentredString(0, -fs * 0.36, ch)
        c.restoreState()
    if bottom:
        c.setFont(TEXT, r * 0.2)
        c.drawCentredString(cx, cy - r * 0.58, bottom)
    c.restoreState()


class SignBlock(Flowable):
    """署名 and 成文日期, right-aligned four characters in, with an optional seal over them."""

    def __init__(self, org: str | list[str], date: dt.date, seal: bool = True, seal_text: str | None = None,
                 seal_bottom: str | None = None):
        super().__init__()
        self.orgs = [org] if isinstance(org, str) else list(org)
        self.date, self.seal, self.seal_text, self.seal_bottom = date, seal, seal_text, seal_bottom
        self.h = 66 + 29 * len(self.orgs)

    def wrap(self, aw, ah):
        self.aw = aw
        return aw, self.h

    def draw(self):
        c = self.canv
        ds = cn_date(self.date)
        xr = self.aw - 4 * 16
        dw = stringWidth(ds, TEXT, 16)
        cx = xr - dw / 2
        c.setFont(TEXT, 16)
        c.drawRightString(xr, 8, ds)
        for i, o in enumerate(reversed(self.orgs)):
            c.drawCentredString(cx, 8 + 29 * (i + 1), o)
        if self.seal:
            draw_seal(c, cx, 8 + 29 * len(self.orgs) * 0.62 + 4, 58, self.seal_text or self.orgs[-1],
                      self.seal_bottom)


class Banji(Flowable):
    """版记: 抄送 and 印发 lines between rules, at the foot of the last page of a 公文."""

    def __init__(self, cc: str | None, printer: str, date: dt.date):
        super().__init__()
        self.cc, self.printer, self.date = cc, printer, date
        self.need = 62 if cc else 34

    def wrap(self, aw, ah):
        self.aw = aw
        self.h = max(self.need, ah - 2) if ah < 2000 else self.need
        return aw, self.h

    def draw(self):
        c, aw, y = self.canv, self.aw, self.need
        c.setLineWidth(1)
        c.line(0, y, aw, y)
        c.setFont(TEXT, 14)
        if self.cc:
            c.drawString(14, y - 21, "抄送：" + self.cc)
            c.setLineWidth(0.5)
            c.line(0, y - 29, aw, y - 29)
            y -= 29
        c.drawString(14, y - 21, self.printer)
        c.drawRightString(aw - 14, y - 21, cn_date(self.date) + "印发")
        c.setLineWidth(1)
        c.line(0, y - 29, aw, y - 29)


class Drawn(Flowable):
    """A flowable drawn by a function f(canvas, width, height)."""

    def __init__(self, w, h, f):
        super().__init__()
        self.w, self.h, self.f = w, h, f

    def wrap(self, aw, ah):
        return self.w, self.h

    def draw(self):
        self.f(self.canv, self.w, self.h)


def _footer_gongwen(c, doc):
    n = c.getPageNumber()
    s = f"— {n} —"
    c.saveState()
    c.setFont(TEXT, 14)
    y = 35 * mm - 7 * mm - 11
    pw = c._pagesize[0]
    if n % 2:
        c.drawRightString(pw - 26 * mm - 14, y, s)
    else:
        c.drawString(28 * mm + 14, y, s)
    c.restoreState()


def _footer_form(c, doc):
    n = c.getPageNumber()
    c.saveState()
    c.setFont(TEXT, 10.5)
    pw = c._pagesize[0]
    c.drawCentredString(pw / 2, 11 * mm, f"第 {n} 页")
    c.restoreState()


def build_pdf(path: Path, story: list, *, when: dt.date, title_meta: str, author: str,
              land: bool = False, footer: str = "gongwen", subject: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch(when))
    ps = landscape(A4) if land else A4
    if land:
        frame = Frame(20 * mm, 18 * mm, ps[0] - 40 * mm, ps[1] - 38 * mm, 0, 0, 0, 0, id="f")
    elif footer == "form":
        frame = Frame(22 * mm, 20 * mm, ps[0] - 42 * mm, ps[1] - 42 * mm, 0, 0, 0, 0, id="f")
    else:
        frame = Frame(28 * mm, 35 * mm, 156 * mm, 225 * mm, 0, 0, 0, 0, id="f")
    doc = BaseDocTemplate(str(path), pagesize=ps, invariant=1, pageCompression=1, title=title_meta,
                          author=author, subject=subject, creator=BUREAU, lang="zh-CN",
                          initialFontName=TEXT, initialFontSize=12, initialLeading=14.4)
    doc.addPageTemplates([PageTemplate(id="p", frames=[frame],
                                       onPage=_footer_gongwen if footer == "gongwen" else _footer_form)])
    doc.build(story)
    del os.environ["SOURCE_DATE_EPOCH"]


def frame_width(land=False, footer="gongwen") -> float:
    if land:
        return landscape(A4)[0] - 40 * mm
    return PAGE_W - 42 * mm if footer == "form" else 156 * mm


@dataclass
class Attachment:
    title: str
    body: list
    label_title: str | None = None   # the name in the 附件 line, when it differs


def gongwen(path: Path, *, org: str, docno: str, date: dt.date, doc_title: str, addressee: str | None,
            body: list, attachments: list[Attachment] = (), sign: str | list[str] | None = None,
            cc: str | None = None, printer: str | None = None, header: str | None = None,
            seal: bool = True, signer: str | None = None) -> None:
    """A 公文: red 版头, title, 主送, body, 附件 list, signature and seal, attachments, 版记."""
    story: list = [Redhead(header or (org + "文件"), docno, signer), title(doc_title)]
    if addressee:
        story.append(pn(addressee))
    story.extend(body)
    if attachments:
        story.append(Spacer(1, 28.9))
        names = [a.label_title or a.title for a in attachments]
        if len(names) == 1:
            story.append(Paragraph(esc("附件：" + names[0]), ParagraphStyle(
                "att", parent=ST_BODY, firstLineIndent=-48, leftIndent=32 + 48)))
        else:
            for i, nme in enumerate(names, 1):
                lead = "附件：" if i == 1 else "　　　"
                story.append(Paragraph(esc(f"{lead}{i}. {nme}"), ParagraphStyle(
                    "att", parent=ST_BODY, firstLineIndent=-(48 + 24), leftIndent=32 + 48 + 24)))
    # keep the last paragraph, the 附件 line and the signature together: no page with a signature only
    tail = [Spacer(1, 20), SignBlock(sign or org, date, seal=seal)]
    k = len(story)
    for i in range(len(story) - 1, 1, -1):
        if isinstance(story[i], Paragraph) and story[i].style.name == "body":
            k = i
            break
    story[k:] = [KeepTogether(story[k:] + tail)]
    for i, a in enumerate(attachments, 1):
        story.append(PageBreak())
        story.append(Paragraph("附件" + (str(i) if len(attachments) > 1 else ""), ST_ATTLABEL))
        story.append(title(a.title))
        story.extend(a.body)
    story.append(Spacer(1, 24))
    story.append(CondPageBreak(70))
    story.append(Banji(cc, printer or (org + "办公室" if not org.endswith("办公室") else org), date))
    build_pdf(path, story, when=date, title_meta=doc_title, author=org, subject=docno)


def docno_line(docno: str) -> Paragraph:
    return Paragraph(esc(docno), ParagraphStyle("docno", parent=ST_SMALL, alignment=TA_RIGHT))


def report(path: Path, *, doc_title: str, date: dt.date, author: str, body: list, subtitle: str | None = None,
           sign: str | list[str] | None = None, seal: bool = True, land: bool = False,
           footer: str = "gongwen", docno: str | None = None) -> None:
    """A plain document (报告、方案、表册) without 版头; a 文号, if any, sits top right."""
    story: list = [docno_line(docno) if docno else Spacer(1, 6), title(doc_title)]
    if subtitle:
        story.append(Paragraph(esc(subtitle), ST_SUBTITLE))
    story.extend(body)
    if sign:
        k = len(story)
        for i in range(len(story) - 1, 1, -1):
            if isinstance(story[i], Paragraph) and story[i].style.name == "body":
                k = i
                break
        story[k:] = [KeepTogether(story[k:] + [Spacer(1, 20), SignBlock(sign, date, seal=seal)])]
    build_pdf(path, story, when=date, title_meta=doc_title, author=author, land=land, footer=footer)


def form(path: Path, *, doc_title: str, date: dt.date, author: str, parts: list, unit: str | None = None,
         land: bool = False, foot: str | None = None, note: str | None = None, docno: str | None = None) -> None:
    """A table document (统计表、名册、台账): title, 填报单位 line, tables, footer line; 文号 top right."""
    story: list = [docno_line(docno)] if docno else []
    story += [Paragraph(esc(doc_title), ParagraphStyle("ft", parent=ST_TITLE, fontSize=18, leading=26,
                                                       spaceAfter=8))]
    if unit:
        w = frame_width(land, "form")
        story.append(Table([[Paragraph(esc(unit), ST_SMALL),
                             Paragraph(esc(f"填报日期：{cn_date(date)}"),
                                       ParagraphStyle("r", parent=ST_SMALL, alignment=TA_RIGHT))]],
                           colWidths=[w * 0.62, w * 0.38],
                           style=[("FONTNAME", (0, 0), (-1, -1), TEXT), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(Spacer(1, 4))
    story.extend(parts)
    if note:
        story.append(Spacer(1, 6))
        story.append(small(note))
    if foot:
        story.append(Spacer(1, 10))
        story.append(small(foot))
    build_pdf(path, story, when=date, title_meta=doc_title, author=author, land=land, footer="form")


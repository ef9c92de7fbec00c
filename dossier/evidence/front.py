"""The front and back matter of a volume, drawn with reportlab in the embedded CJK fonts: 案卷封面 (the DA/T 22
cover form), 卷内目录 (as many pages as the rows need; each row's rectangle is returned for its link) and
卷内备考表 (the volume note: what is missing, what was not bound and why, what was repaired). Text in cells is
broken at 、，；： and spaces, never inside a Latin word, and never reaches a cell's border.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from dossier.core.numerals import cn_numeral
from dossier.evidence.names import page_range

MM = 72 / 25.4
A4 = (595.2756, 841.8898)

# page frame for everything we draw: 订口 (binding side) on the left
LEFT, RIGHT, TOP, BOTTOM = 25 * MM, 18 * MM, 22 * MM, 20 * MM


INK = (0, 0, 0)


@dataclass
class _Front:
    data: bytes
    index_pages: int
    row_rects: list[tuple[int, tuple[float, float, float, float]]]   # (index page, rect) per row


# 卷内目录 columns: (heading, width in mm, alignment)
INDEX_COLUMNS = [("序号", 9, "c"), ("文号", 34, "l"), ("责任者", 24, "l"), ("题名", 50, "l"), ("日期", 16, "c"),
                 ("页号", 16, "c"), ("备注", 18, "l")]


def _styles():
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    from dossier.core.fonts import register
    serif, sans = register()
    base = ParagraphStyle("base", fontName=serif, fontSize=10, leading=14, wordWrap="CJK", textColor=INK)
    return {
        "serif": serif, "sans": sans,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.5, alignment=TA_LEFT),
        "cellc": ParagraphStyle("cellc", parent=base, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
        "label": ParagraphStyle("label", parent=base, fontName=sans, fontSize=12, leading=17, alignment=TA_CENTER),
        "value": ParagraphStyle("value", parent=base, fontSize=12, leading=18),
        "small": ParagraphStyle("small", parent=base, fontSize=10.5, leading=16),
        "title": ParagraphStyle("title", parent=base, fontName=sans, fontSize=24, leading=34, alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=base, fontSize=12, leading=21, firstLineIndent=24),
        "noteitem": ParagraphStyle("noteitem", parent=base, fontSize=11, leading=18, leftIndent=24 + 18,
                                   firstLineIndent=-18),
    }


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(text))
    return escape(text)


def draw_front(arch, info: dict, rows: list[dict]) -> _Front:
    """Cover, index pages, [blank pad page], note pages as one reportlab PDF."""
    from reportlab.pdfgen import canvas

    st = _styles()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, initialFontName=st["serif"], initialFontSize=10)
    c.setTitle(info["label"])
    c.setAuthor(arch.fonds)
    c.setCreator("dossier")
    c.setProducer("dossier")
    _draw_cover(c, st, arch, info)
    c.showPage()
    n_index, rects = _draw_index(c, st, arch, info, rows)
    if arch.duplex and (1 + n_index) % 2 == 1:
        c.showPage()        # blank back of the last index page, so content page 1 is a front page
    _draw_note(c, st, arch, info)
    c.save()
    return _Front(buf.getvalue(), n_index, rects)


def _frame(c) -> None:
    W, H = A4
    c.setStrokeColorRGB(*INK)
    c.setLineWidth(1.6)
    c.rect(LEFT, BOTTOM, W - LEFT - RIGHT, H - TOP - BOTTOM)
    c.setLineWidth(0.5)
    c.rect(LEFT + 2.2 * MM, BOTTOM + 2.2 * MM, W - LEFT - RIGHT - 4.4 * MM, H - TOP - BOTTOM - 4.4 * MM)


def one_line(text: str) -> str:
    """Tabs, newlines and runs of spaces as one space (bookmarks, one-line cells)."""
    return " ".join(str(text or "").split())


def _spaced(text: str) -> str:
    return " ".join(text)


_CLOSING = set("、，。；：！？）」』”’》〉】,.;:!?)]}%")


_OPENING = set("（「『“‘《〈【([{")


_STRONG_AFTER = set("、，。；：！？,;:!? ")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-./:%#&=?+@~")


def break_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`, preferring to break after 、，；： and spaces or before （,
    never inside a Latin word or number that fits on a line, and never starting a line with closing punctuation.
    (reportlab's CJK wrapping breaks anywhere and lets long Latin runs run past the edge.)"""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = one_line(text)
    lines: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        # the longest prefix that fits (at least one character)
        m = start + 1
        while m < n and stringWidth(text[start:m + 1], font, size) <= width:
            m += 1
        if m >= n:
            lines.append(text[start:])
            break

        def allowed(i: int) -> bool:
            a, b = text[i - 1], text[i]
            if _is_word_char(a) and _is_word_char(b):
                return False
            return b not in _CLOSING and a not in _OPENING

        floor = start + max(1, (m - start) // 2)
        cut = None
        for pick in (lambda i: text[i - 1] in _STRONG_AFTER or text[i] in _OPENING,
                     lambda i: _is_word_char(text[i - 1]) != _is_word_char(text[i]),
                     lambda i: True):
            for i in range(m, floor - 1, -1):
                if allowed(i) and pick(i):
                    cut = i
                    break
            if cut is not None:
                break
        if cut is None:          # nothing better within the line: break where it is full
            for i in range(m, start, -1):
                if allowed(i):
                    cut = i
                    break
            else:
                cut = m
        lines.append(text[start:cut].rstrip())
        start = cut
        while start < n and text[start] == " ":
            start += 1
    return lines or [""]


def _wrapped(text: str, style, width: float):
    """A Paragraph whose lines are broken by break_lines (so it never reaches the cell's border)."""
    from reportlab.platypus import Paragraph
    lines = break_lines(text, style.fontName, style.fontSize, width - 1)
    return Paragraph("<br/>".join(_esc(line) for line in lines), style)


def _period_text(period: tuple[str, str]) -> str:
    a, b = period
    if not a:
        return ""
    return a if a == b else f"{a}—{b}"


def _cover_form(st, arch, info: dict, width: float, std_style, std_text: str):
    """The cover's form (全宗名称 … 档号) with the standard text in `std_style`; the table and its height."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    lw = 26 * MM
    vw = (width - 2 * lw) / 2
    pad = 6
    wide = width - lw - 2 * pad          # a value cell spanning three columns
    narrow = vw - 2 * pad
    L = lambda text: Paragraph(_esc(text), st["label"])  # noqa: E731
    V = lambda text, w=wide, style=st["value"]: _wrapped(text, style, w)  # noqa: E731
    data = [
        [L("全宗名称"), V(arch.fonds), "", ""],
        [L("类目名称"), V(info["area"] or "—"), "", ""],
        [L("案卷题名"), V(info["label"]), "", ""],
        [L("评估标准"), _wrapped(std_text, std_style, wide), "", ""],
        [L("起止时间"), V(_period_text(info["period"]) or "—"), "", ""],
        [L("件　　数"), V(f"{info['docs']} 件", narrow), L("页　　数"), V(f"{info['pages']} 页", narrow)],
        [L("保管期限"), V(arch.retention or "", narrow), L("档　　号"), V(info["archive_no"], narrow)],
    ]
    form = Table(data, colWidths=[lw, vw, lw, vw])
    form.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), st["serif"]),
        ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3)),
        ("SPAN", (1, 4), (3, 4)),
        ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
    ]))
    return form, form.wrap(width, A4[1])[1]


def _fitted_form(st, arch, info: dict, width: float, most: float):
    """The form with the standard in the largest size (then shortened) that keeps it within `most` points."""
    from reportlab.lib.styles import ParagraphStyle

    standard = one_line(info["standard"]) or "—"
    form = fh = None
    for size, limit in ((10.5, None), (9.5, None), (8.5, None), (8.5, 600), (8.5, 300)):
        style = ParagraphStyle(f"std{size}", parent=st["small"], fontSize=size, leading=size * 1.5)
        text = standard if limit is None or len(standard) <= limit else standard[:limit] + "…"
        form, fh = _cover_form(st, arch, info, width, style, text)
        if fh <= most:
            break
    return form, fh


def _archive_box(c, st, info: dict, right: float) -> None:
    """The 档号 box at the top right of the cover."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    box = Table([[Paragraph("档号", st["label"]), _wrapped(info["archive_no"], st["value"], 52 * MM - 12)]],
                colWidths=[18 * MM, 52 * MM], rowHeights=[10 * MM])
    box.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("FONTNAME", (0, 0), (-1, -1), st["serif"])]))
    bw, bh = box.wrap(0, 0)
    box.drawOn(c, right - bw, A4[1] - TOP - 12 * MM - bh)


def _draw_cover(c, st, arch, info: dict) -> None:
    W, H = A4
    _frame(c)
    inner_l, inner_r = LEFT + 12 * MM, W - RIGHT - 12 * MM
    width = inner_r - inner_l
    centre = W / 2 + (LEFT - RIGHT) / 2
    _archive_box(c, st, info, inner_r)
    # the form, laid out first so that the heading can give way to a long standard text
    form_bottom = BOTTOM + 18 * MM
    form, fh = _fitted_form(st, arch, info, width, H - TOP - 95 * MM - form_bottom)
    # heading: 全宗名称, series, 案卷题名 — the title's size gives way to keep clear of the form
    y = H - TOP - 62 * MM
    c.setFont(st["serif"], 18)
    c.drawCentredString(centre, y, arch.fonds)
    y -= 11 * MM
    if arch.series:
        c.setFont(st["sans"], 14)
        c.drawCentredString(centre, y, f"{arch.series}佐证材料")
        y -= 22 * MM
    room = y - (form_bottom + fh) - 22 * MM
    for size in (24, 21, 18, 16, 14):
        lines = break_lines(info["label"], st["sans"], size, width)
        leading = size * 1.4
        if len(lines) * leading <= room or size == 14:
            break
    c.setFont(st["sans"], size)
    for line in lines:
        y -= leading
        c.drawCentredString(centre, y + (leading - size) * 0.6, line)
    y -= 8 * MM
    c.setLineWidth(0.8)
    c.line(inner_l + 20 * MM, y, inner_r - 20 * MM, y)
    y -= 12 * MM
    form.drawOn(c, inner_l, max(form_bottom, y - fh))
    c.setFont(st["serif"], 11)
    c.drawRightString(inner_r, BOTTOM + 9 * MM, f"立卷单位：{arch.fonds}")


class _Line:
    """A table cell that fits on one line, drawn as a plain string (reportlab paragraphs are slow)."""

    def __init__(self, text: str, style):
        self.text, self.style = text, style

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self.width = width
        return width, self.style.leading

    def drawOn(self, c, x: float, y: float) -> None:
        if not self.text:
            return
        st = self.style
        c.setFont(st.fontName, st.fontSize)
        base = y + st.leading - st.fontSize        # where a one-line Paragraph puts its baseline
        if st.alignment == 1:       # TA_CENTER
            c.drawCentredString(x + self.width / 2, base, self.text)
        else:
            c.drawString(x, base, self.text)


class _Index:
    """The 卷内目录 pages: rows laid out over as many pages as they need, each page with its heading, column
    headings, frame and page count; the rectangle of every row (for its link)."""
    PAD_X, PAD_Y = 2.5, 3.5
    HEAD_H = 9 * MM

    def __init__(self, c, st, info: dict):
        self.c, self.st, self.info = c, st, info
        widths = [w * MM for _, w, _ in INDEX_COLUMNS]
        scale = (A4[0] - LEFT - RIGHT) / sum(widths)
        self.widths = [w * scale for w in widths]
        self.xs = [LEFT]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)

    def cells(self, r: dict) -> list:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Paragraph
        doc = r["doc"]
        values = [str(r["seq"]), doc.doc_no, doc.author, doc.title, doc.date, page_range(r["start"], r["end"]),
                  r["remark"]]
        out = []
        for (_, _, align), text, w in zip(INDEX_COLUMNS, [one_line(v) for v in values], self.widths):
            text = text if len(text) <= 300 else text[:300] + "…"
            style = self.st["cellc" if align == "c" else "cell"]
            if stringWidth(text, style.fontName, style.fontSize) <= w - 2 * self.PAD_X - 1:
                out.append(_Line(text, style))          # fits on one line: no paragraph machinery
            else:
                out.append(Paragraph(_esc(text), style))
        return out

    def header(self) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        c, st, xs, H = self.c, self.st, self.xs, A4[1]
        c.setFont(st["sans"], 20)
        c.drawCentredString((xs[0] + xs[-1]) / 2, H - TOP - 8 * MM, _spaced("卷内目录"))
        c.setFont(st["serif"], 10.5)
        y = H - TOP - 17 * MM
        c.drawString(xs[0], y, f"档号：{self.info['archive_no']}")
        lab = f"案卷题名：{self.info['label']}"
        while stringWidth(lab, st["serif"], 10.5) > (xs[-1] - xs[0]) * 0.62 and len(lab) > 8:
            lab = lab[:-2] + "…"
        c.drawRightString(xs[-1], y, lab)
        top = y - 4 * MM
        c.setLineWidth(0.9)
        c.setFillGray(0.92)
        c.rect(xs[0], top - self.HEAD_H, xs[-1] - xs[0], self.HEAD_H, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(st["sans"], 10.5)
        for i, (name, _, _) in enumerate(INDEX_COLUMNS):
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - self.HEAD_H / 2 - 3.6, name)
        return top

    def frame(self, top: float, y: float) -> None:
        c, xs = self.c, self.xs
        c.setLineWidth(0.9)
        c.rect(xs[0], y, xs[-1] - xs[0], top - y)
        c.setLineWidth(0.5)
        for x in xs[1:-1]:
            c.line(x, y, x, top)
        c.line(xs[0], top - self.HEAD_H, xs[-1], top - self.HEAD_H)

    def paginate(self, rows: list[dict]) -> list[list[tuple]]:
        pages: list[list[tuple[dict, list, float]]] = [[]]
        avail = A4[1] - TOP - 17 * MM - 4 * MM - self.HEAD_H - (BOTTOM + 10 * MM)
        used = 0.0
        for r in rows:
            cs = self.cells(r)
            h = max(p.wrap(w - 2 * self.PAD_X, A4[1])[1] for p, w in zip(cs, self.widths)) + 2 * self.PAD_Y
            h = max(h, 8 * MM)
            if used + h > avail and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append((r, cs, h))
            used += h
        return pages

    def draw(self, rows: list[dict]) -> tuple[int, list]:
        c, st, xs = self.c, self.st, self.xs
        pages = self.paginate(rows)
        rects = []
        for pno, page_rows in enumerate(pages):
            if pno:
                c.showPage()
            top = self.header()
            y = top - self.HEAD_H
            if not rows:
                c.setFont(st["serif"], 11)
                c.drawCentredString((xs[0] + xs[-1]) / 2, y - 7 * MM, "本卷暂无文件")
                y -= 10 * MM
            for r, cs, h in page_rows:
                for p, x, w in zip(cs, xs, self.widths):
                    _, ph = p.wrap(w - 2 * self.PAD_X, A4[1])
                    p.drawOn(c, x + self.PAD_X, y - h + (h - ph) / 2)
                c.setLineWidth(0.5)
                c.line(xs[0], y - h, xs[-1], y - h)
                rects.append((pno, (xs[0], y - h, xs[-1], y)))
                y -= h
            self.frame(top, y)
            c.setFont(st["serif"], 9)
            c.drawCentredString((xs[0] + xs[-1]) / 2, BOTTOM, f"卷内目录 第{pno + 1}页 共{len(pages)}页")
        c.showPage()
        return len(pages), rects


def _draw_index(c, st, arch, info: dict, rows: list[dict]) -> tuple[int, list]:
    return _Index(c, st, info).draw(rows)


def _short_file(p) -> str:
    f = p.file or ""
    m = re.search(r"(?:^|/)evidence/[^/]+/(.+)$", f) or re.search(r"(?:^|/)(evidence/[^/]+)$", f)
    return m.group(1) if m else f


def _draw_note(c, st, arch, info: dict) -> None:
    from reportlab.platypus import Frame, Paragraph, Spacer

    W, H = A4
    story = []
    P = lambda text, style="note": Paragraph(_esc(text), st[style])  # noqa: E731
    story.append(Paragraph("本卷情况说明", st["label"]))
    story.append(Spacer(1, 8))
    text = f"本卷共有文件 {info['docs']} 件，共 {info['pages']} 页"
    text += f"（页号 1—{info['pages']}）。" if info["pages"] else "。"
    text += "封面、卷内目录和本表不编页号。"
    if info["parts"] > 1:
        text += f"本指标佐证材料共分 {info['parts']} 卷装订，本卷为卷{cn_numeral(info['part'])}。"
    story.append(P(text))
    missing = info["missing"]
    if missing:
        story.append(P("对照指标应备佐证材料，按题名未能对应以下应备材料（请核实）："))
        for i, m in enumerate(missing, 1):
            story.append(P(f"{i}. {m}", "noteitem"))
    else:
        story.append(P("对照指标应备佐证材料，按题名比对未发现缺项。"))
    for seq in info.get("oversize", []):
        story.append(P(f"第{seq}件单件超过每卷页数上限（{info['limit']}页），未拆分。"))
    notes = info["notes"]
    if notes:
        story.append(P("以下文件或文件夹有问题，请处理后重新装订（除另有说明外，所列文件未装入本卷）："))
        for i, p in enumerate(notes, 1):
            story.append(P(f"{i}. {_short_file(p)}：{p.message}", "noteitem"))
    repaired = info["repaired"]
    if repaired:
        story.append(P("以下文件经自动处理后装入："))
        for i, r in enumerate(repaired, 1):
            story.append(P(f"{i}. 第 {page_range(r['start'], r['end'])} 页 {r['doc'].title}：{r['conv'].note}",
                           "noteitem"))

    sign_h = 34 * MM
    x0, x1 = LEFT, W - RIGHT
    top = H - TOP - 16 * MM
    while True:
        c.setFont(st["sans"], 20)
        c.drawCentredString((x0 + x1) / 2, H - TOP - 8 * MM, _spaced("卷内备考表"))
        c.setLineWidth(0.9)
        c.rect(x0, BOTTOM, x1 - x0, top - BOTTOM)
        frame = Frame(x0 + 6 * MM, BOTTOM + sign_h, x1 - x0 - 12 * MM, top - BOTTOM - sign_h - 4 * MM,
                      leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0, showBoundary=0)
        frame.addFromList(story, c)          # consumes what fits
        if not story:
            break
        c.showPage()                         # more to say: continue on another note page
    # signatures at the bottom of the (last) note page
    c.setFont(st["serif"], 12)
    y = BOTTOM + sign_h - 10 * MM
    xr = x1 - 10 * MM
    lines = [f"立卷人：{arch.compiler}", f"检查人：{arch.checker}", f"立卷时间：{arch.filed}"]
    label_x = xr - 62 * MM
    for line in lines:
        c.drawString(label_x, y, line)
        y -= 8 * MM
    c.showPage()


def warm_up() -> None:
    """Import what drawing uses (for a process that will bind many volumes)."""
    from reportlab.pdfgen import canvas  # noqa: F401
    from reportlab.platypus import Frame, Paragraph, Table  # noqa: F401
    _styles()

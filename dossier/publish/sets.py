"""The set files of a build, written after every volume is bound:
- `总目录.pdf`: every volume with its 档号, indicator code, 案卷题名, 件数 and 页数 (CJK font embedded);
- `脊背.pdf`: spine labels for the archive boxes (档号 and 案卷题名 as vertical text strips, several per A4 page);
- `覆盖情况.md`: each leaf's expected evidence items (`leaf.evidence`) against the documents bound.

Everything here is deterministic: PDFs carry the build time from `Project.build_time()` (SOURCE_DATE_EPOCH first)
and a fixed document ID.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier import __version__
from dossier.core.numerals import cn_numeral
from dossier.core.zh import date_cn
from dossier.evidence.coverage import (STATUS_COMPLETE, STATUS_FREE, STATUS_NONE, LeafCoverage, leaf_coverage)

INDEX_PDF = "总目录.pdf"
SPINE_PDF = "脊背.pdf"
COVERAGE_MD = "覆盖情况.md"

MM = 72 / 25.4


def _period(volume) -> str:
    """起止时间 as 2023.03—2025.06 (from the volume's period: its documents' dates, else the evidence years)."""
    first, last = volume.period
    if not first:
        return ""

    def short(d: str) -> str:
        return f"{d[:4]}.{d[4:6]}" if len(d) >= 6 and d[4:6] != "00" else d[:4]

    first, last = short(first), short(last or first)
    return f"{first}—{last}" if first != last else first


def write_coverage(rows: list[LeafCoverage], path: Path, project, framework, orphans: list = ()) -> Path:
    """覆盖情况.md: a summary table, then per leaf each expected item with the documents that cover it."""
    unit = project.unit_name
    lines = [f"# {unit} 佐证材料覆盖情况", "",
             f"指标体系：{framework.title}（{framework.id}）；评估年度：{project.year}；"
             f"佐证年度：{'、'.join(str(y) for y in project.evidence_years)}。", "",
             "“应备材料”取自指标体系中各指标所列佐证材料；材料的题名、文号或所在子文件夹含有其关键词即视为已有。", ""]
    total = len(rows)
    complete = sum(1 for r in rows if r.status in (STATUS_COMPLETE, STATUS_FREE))
    none = sum(1 for r in rows if r.status == STATUS_NONE)
    lines += [f"共 {total} 项指标：材料齐全 {complete} 项，部分缺少 {total - complete - none} 项，无材料 {none} 项。", ""]
    lines += ["| 指标 | 名称 | 件数 | 应备材料 | 已有 | 情况 |", "| --- | --- | ---: | ---: | ---: | --- |"]
    for r in rows:
        lines.append(f"| {r.code} | {_md(r.title)} | {r.documents} | {len(r.items)} | {r.found} | {r.status} |")
    lines.append("")
    area = None
    for r in rows:
        if r.area != area:
            area = r.area
            lines += [f"## {area}", ""]
        lines += [f"### {r.code} {r.title}", "", f"现有材料 {r.documents} 件；{r.status}。", ""]
        if r.items:
            lines += ["| 应备材料 | 情况 | 相符的材料 |", "| --- | --- | --- |"]
            for item in r.items:
                docs = "；".join(_md(d.title) for d in item.docs[:5])
                if len(item.docs) > 5:
                    docs += f" 等{len(item.docs)}件"
                state = {"有": "已有", "部分": "部分（未见：" + "、".join(item.shortfall) + "）"}.get(item.status, "**缺少**")
                lines.append(f"| {_md(item.item)} | {_md(state)} | {docs or '—'} |")
            lines.append("")
        if r.unmatched:
            shown = "；".join(_md(d) for d in r.unmatched[:8])
            more = f" 等{len(r.unmatched)}件" if len(r.unmatched) > 8 else ""
            lines += [f"未对应到应备材料的其他材料：{shown}{more}。", ""]
        if r.problems:
            lines += [f"有 {r.problems} 个文件未能装订，见该卷卷内备考表。", ""]
    if orphans:
        lines += ["## 未归入任何指标的文件和问题", "",
                  "以下文件或文件夹不属于任何指标（如文件夹名称的指标编码不在指标体系中），未装订：", ""]
        lines += [f"- {_md(str(p))}" for p in orphans]
        lines.append("")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------------------------------------------
# PDFs: deterministic reportlab canvases
# ---------------------------------------------------------------------------------------------------------------

def _fixed_canvas(build_time: dt.datetime, title: str, author: str):
    """A reportlab Canvas class that stamps `build_time` as creation date and a fixed document ID."""
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    from dossier.core.fonts import register
    initial_font = register()[0]

    class FixedCanvas(Canvas):
        def __init__(self, filename, **kw):
            kw["invariant"] = 1
            kw["initialFontName"] = initial_font
            kw.setdefault("pageCompression", 1)
            super().__init__(filename, **kw)
            stamp = pdfdoc.TimeStamp(invariant=1)
            stamp.t = build_time.replace(tzinfo=dt.timezone.utc).timestamp()
            stamp.lt = build_time.timetuple()
            stamp.YMDhms = tuple(build_time.timetuple())[:6]
            stamp.dhh = stamp.dmm = 0
            self._doc._timeStamp = stamp
            self.setTitle(title)
            self.setAuthor(author)
            self.setCreator(f"dossier {__version__}")
            self.setProducer(f"dossier {__version__}")

    return FixedCanvas


def _index_styles(serif: str, sans: str) -> dict:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    cell = ParagraphStyle("cell", fontName=serif, fontSize=9.5, leading=13, wordWrap="CJK")
    return {"h1": ParagraphStyle("h1", fontName=sans, fontSize=18, leading=26, alignment=TA_CENTER),
            "sub": ParagraphStyle("sub", fontName=serif, fontSize=10.5, leading=16, alignment=TA_CENTER),
            "cell": cell, "head": ParagraphStyle("head", parent=cell, fontName=sans, alignment=TA_CENTER),
            "centre": ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
            "area": ParagraphStyle("a", parent=cell, fontName=sans)}


def _index_rows(project, framework, volumes: list, cov: dict, st: dict) -> tuple[list, list[int], list[int]]:
    """The rows of 总目录 (a heading row per area), the area rows' indexes, and the totals (卷, 件, 页)."""
    from reportlab.platypus import Paragraph
    P = Paragraph
    by_code: dict[str, list] = {}
    for v in volumes:
        by_code.setdefault(v.code, []).append(v)
    rows = [[P(t, st["head"]) for t in ("序号", "档号", "指标", "案卷题名", "件数", "页数", "备注")]]
    area_rows, totals, area_code, group_code = [], [0, 0, 0], None, None
    for leaf in framework.leaves():
        if leaf.area.code != area_code:
            area_code = leaf.area.code
            area_rows.append(len(rows))
            rows.append([P(f"{leaf.area.code} {leaf.area.title}", st["area"])] + [""] * 6)
        group = leaf.parent if leaf.parent is not None and leaf.parent is not leaf.area else None
        if group is not None and group.code != group_code:      # A → B → C: a heading row per B as well
            group_code = group.code
            area_rows.append(len(rows))
            rows.append([P(f"　{group.code} {group.title}", st["area"])] + [""] * 6)
        vols = sorted(by_code.get(leaf.code, []), key=lambda v: v.part or 0)
        if not vols and project.level == "school" and leaf.scope == "county":
            continue                                  # a county-only indicator: not part of a school's set
        if not vols:
            rows.append([P("", st["centre"]), P("—", st["centre"]), P(leaf.code, st["centre"]),
                         P(leaf.title, st["cell"]), P("0", st["centre"]), P("0", st["centre"]),
                         P("无佐证材料，未立卷", st["cell"])])
            continue
        for v in vols:
            totals = [totals[0] + 1, totals[1] + len(v.docs), totals[2] + v.pages]
            notes = ([] if v.docs else ["暂无佐证材料"]) + ([_period(v)] if _period(v) else [])
            c = cov.get(leaf.code)
            if c is not None and c.missing and v is vols[-1]:
                notes.append(f"缺应备材料{len(c.missing)}项")
            rows.append([P(str(totals[0]), st["centre"]), P(v.archive_no, st["centre"]), P(leaf.code, st["centre"]),
                         P(v.label.split(" ", 1)[1], st["cell"]), P(str(len(v.docs)), st["centre"]),
                         P(str(v.pages), st["centre"]), P("；".join(notes), st["cell"])])
    return rows, area_rows, totals


def write_index(project, framework, volumes: list, path: Path, build_time: dt.datetime,
                coverage_rows: list[LeafCoverage] | None = None) -> Path:
    """总目录.pdf: one row per volume (档号, 指标, 案卷题名, 件数, 页数), grouped by area, with totals."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from dossier.core.fonts import register
    serif, sans = register()
    fonds = project.config.archive.fonds or project.unit_name
    title = f"{fonds}迎检佐证材料总目录"
    st = _index_styles(serif, sans)
    rows, area_rows, (n, total_docs, total_pages) = _index_rows(project, framework, volumes,
                                                                {r.code: r for r in (coverage_rows or [])}, st)
    rows.append([Paragraph("合计", st["head"]), Paragraph(f"{n}卷", st["centre"]), "", "",
                 Paragraph(str(total_docs), st["centre"]), Paragraph(str(total_pages), st["centre"]), ""])
    table = Table(rows, colWidths=[10 * MM, 28 * MM, 12 * MM, 60 * MM, 11 * MM, 12 * MM, 37 * MM], repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), serif),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
             ("SPAN", (1, -1), (3, -1))]
    for r in area_rows:
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.Color(0.96, 0.96, 0.96))]
    table.setStyle(TableStyle(style))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(serif, 10)
        canvas.drawCentredString(A4[0] / 2, 12 * MM, f"— {doc.page} —")
        canvas.restoreState()

    years = project.evidence_years
    period = f"{min(years)}—{max(years)}年" if years else ""
    story = [Paragraph(title, st["h1"]), Spacer(1, 3 * MM),
             Paragraph(f"{project.unit_name}　{framework.title}　评估年度{project.year}年　佐证材料{period}", st["sub"]),
             Paragraph(f"共{n}卷，{total_docs}件，{total_pages}页　编制日期：{date_cn(build_time.date())}", st["sub"]),
             Spacer(1, 5 * MM), table]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * MM, rightMargin=15 * MM, topMargin=18 * MM,
                            bottomMargin=20 * MM, title=title, author=fonds, invariant=1,
                            creator=f"dossier {__version__}", producer=f"dossier {__version__}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer,
              canvasmaker=_fixed_canvas(build_time, title, fonds))
    return path


# Vertical presentation forms for punctuation in vertical (top-to-bottom) text.
_VERTICAL = {"（": "︵", "）": "︶", "(": "︵", ")": "︶", "、": "︑", "，": "︐", "。": "︒", "：": "︓", "；": "︔",
             "“": "﹁", "”": "﹂", "‘": "﹃", "’": "﹄", "《": "︽", "》": "︾", "〈": "︿", "〉": "﹀",
             "【": "︻", "】": "︼", "—": "︱", "-": "︱", "…": "︙", "［": "﹇", "］": "﹈"}


_UPPER_RIGHT = set("、，。")


def _vertical_chars(text: str, font_name: str) -> list[str]:
    from reportlab.pdfbase import pdfmetrics
    font = pdfmetrics.getFont(font_name)
    glyphs = getattr(getattr(font, "face", None), "charToGlyph", {})
    out = []
    for ch in text:
        if ch == " ":
            continue
        alt = _VERTICAL.get(ch)
        out.append(alt if alt and ord(alt) in glyphs else ch)
    return out


def _fit_vertical(chars: list[str], width: float, height: float, start: float, minimum: float = 7.0):
    """The largest font size ≤ start at which `chars` fit as vertical columns into width × height."""
    size = start
    while size > minimum:
        per_col = max(1, int(height // (size * 1.08)))
        cols = -(-len(chars) // per_col)
        if cols * size * 1.25 <= width:
            return size, per_col, cols
        size -= 0.5
    per_col = max(1, int(height // (minimum * 1.08)))
    return minimum, per_col, -(-len(chars) // per_col)


SPINE_HEIGHT = 260 * MM
SPINE_GAP = 4 * MM


def write_spines(project, framework, volumes: list, path: Path, build_time: dt.datetime) -> Path:
    """脊背.pdf: one strip per volume (档号 at the top, 案卷题名 as vertical text, years and 保管期限 at the
    foot), `档案.脊背宽度` mm wide (default 40) and 260 mm tall, as many side by side on an A4 page as fit,
    each framed by a thin cutting line."""
    from reportlab.lib.pagesizes import A4

    from dossier.core.fonts import register
    serif, _ = register()
    width = project.config.archive.spine_width * MM
    page_w, page_h = A4
    per_page = max(1, int((page_w - 16 * MM + SPINE_GAP) // (width + SPINE_GAP)))
    x0 = (page_w - per_page * width - (per_page - 1) * SPINE_GAP) / 2
    y0 = (page_h - SPINE_HEIGHT) / 2
    fonds = project.config.archive.fonds or project.unit_name
    order = {leaf.code: i for i, leaf in enumerate(framework.leaves())}
    ordered = sorted(volumes, key=lambda v: (order.get(v.code, 10 ** 6), v.code, v.part or 0))
    c = _fixed_canvas(build_time, f"{fonds}案卷脊背", fonds)(str(path), pagesize=A4)
    if not ordered:
        c.setFont(serif, 12)
        c.drawString(20 * MM, page_h - 30 * MM, "本次构建没有装订任何案卷。")
        c.showPage()
    for i, v in enumerate(ordered):
        slot = i % per_page
        if i and slot == 0:
            c.showPage()
        _spine(c, project, v, x0 + slot * (width + SPINE_GAP), y0, width)
    c.showPage()
    c.save()
    return path


def _spine(c, project, v, x: float, y: float, width: float) -> None:
    """One volume's strip: 全宗名称 and 档号; the 案卷题名 in vertical columns; years, 保管期限, 件数 and 页数."""
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dossier.core.fonts import register
    serif, sans = register()
    height = SPINE_HEIGHT
    fonds = project.config.archive.fonds or project.unit_name
    keep = project.config.archive.retention
    years = project.evidence_years
    period = f"{min(years)}—{max(years)}" if years else str(project.year)
    c.setStrokeColor(colors.Color(0.55, 0.55, 0.55))
    c.setDash(2, 2)
    c.setLineWidth(0.4)
    c.rect(x, y, width, height)
    c.setDash()
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.6)
    inner = width - 4 * MM
    top = y + height
    # band 1: 全宗名称 (small) and 档号
    band1 = 24 * MM
    c.line(x + 2 * MM, top - band1, x + width - 2 * MM, top - band1)
    c.setFont(serif, 7)
    c.drawCentredString(x + width / 2, top - 6 * MM, _shrink(fonds, serif, 7, inner))
    c.setFont(serif, 7.5)
    c.drawCentredString(x + width / 2, top - 11 * MM, "档号")
    size = 11.0
    while size > 6 and stringWidth(v.archive_no, sans, size) > inner:
        size -= 0.5
    c.setFont(sans, size)
    c.drawCentredString(x + width / 2, top - 18 * MM, v.archive_no)
    # band 3 (foot): years and retention
    band3 = 30 * MM
    c.line(x + 2 * MM, y + band3, x + width - 2 * MM, y + band3)
    c.setFont(serif, 8)
    c.drawCentredString(x + width / 2, y + band3 - 8 * MM, period)
    if keep:
        c.drawCentredString(x + width / 2, y + band3 - 15 * MM, f"保管期限：{keep}" if len(keep) <= 4 else keep)
    c.drawCentredString(x + width / 2, y + band3 - 22 * MM, f"{len(v.docs)}件 {v.pages}页")
    # band 2: the 案卷题名 as vertical columns, right to left
    text = f"{v.code}\u3000{v.title}" + (f"（卷{cn_numeral(v.part)}）" if v.part else "")
    _vertical_title(c, sans, _vertical_chars(text, sans), x, y + band3, width, height - band1 - band3 - 10 * MM)


def _vertical_title(c, font: str, chars: list[str], x: float, base: float, width: float, avail_h: float) -> None:
    size, per_col, cols = _fit_vertical(chars, width - 4 * MM, avail_h, 16.0)
    col_w = size * 1.25
    start_x = x + width / 2 + (cols - 1) * col_w / 2
    used_h = min(len(chars), per_col) * size * 1.08
    start_y = base + 5 * MM + (avail_h + used_h) / 2
    c.setFont(font, size)
    for k, ch in enumerate(chars):
        col, row = divmod(k, per_col)
        cx = start_x - col * col_w
        cy = start_y - (row + 1) * size * 1.08 + size * 0.15
        if ch in _UPPER_RIGHT:          # no vertical form in the font: move it to the cell's upper right
            cx, cy = cx + size * 0.45, cy + size * 0.55
        c.drawCentredString(cx, cy, ch)


def _shrink(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def publish(project, framework, build_dir: Path, volumes: list, collection,
            build_time: dt.datetime | None = None) -> list[Path]:
    """Write 总目录.pdf, 脊背.pdf and 覆盖情况.md into `build_dir`; returns their paths. (The manifest is
    written separately, last, by `write_manifest`.)"""
    build_time = build_time or project.build_time()
    build_dir = Path(build_dir)
    bound = BoundView(framework, volumes, collection)
    rows = leaf_coverage(project, framework, bound)
    return [write_index(project, framework, volumes, build_dir / INDEX_PDF, build_time, rows),
            write_spines(project, framework, volumes, build_dir / SPINE_PDF, build_time),
            write_coverage(rows, build_dir / COVERAGE_MD, project, framework, bound.orphans())]


class BoundView:
    """The evidence as it was bound (drafts included, files that failed left out), for the set files: so that
    覆盖情况, 总目录 and the volumes count the same documents."""

    def __init__(self, framework, volumes: list, collection):
        self.collection = collection
        self.by_leaf: dict[str, list] = {leaf.code: [] for leaf in framework.leaves()}
        for v in volumes:
            self.by_leaf.setdefault(v.code, []).extend(doc for doc, _, _ in v.docs)

    @property
    def problems(self) -> list:
        return list(self.collection.problems)

    def problems_for(self, code: str) -> list:
        return self.collection.problems_for(code)

    def orphans(self) -> list:
        """Problems that belong to no leaf's folder (e.g. a folder whose code is not in the framework)."""
        owned = {id(p) for code in self.by_leaf for p in self.problems_for(code)}
        return [p for p in self.problems if id(p) not in owned]



"""The set files of a build: master index, spine labels, coverage, manifest — and `verify`.

After every volume is bound, `publish` writes beside `packets/`:
- `总目录.pdf`: every volume with its 档号, indicator code, 案卷题名, 件数 and 页数 (CJK font embedded);
- `脊背.pdf`: spine labels for the archive boxes (档号 and 案卷题名 as vertical text strips, several per A4 page);
- `覆盖情况.md`: each leaf's expected evidence items (`leaf.evidence`) against the documents that are there;
and `write_manifest` writes `manifest.json` last: the dossier version, framework and build time, and for every
source file (in the content folder) and every output file its path, size and SHA-256, sorted so that the same
inputs give the same bytes. `verify(build_dir)` re-hashes the outputs listed there and reports each one that
changed, is missing, or was added.

Everything here is deterministic: PDFs carry the build time from `Project.build_time()` (SOURCE_DATE_EPOCH first)
and a fixed document ID.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier import __version__
from dossier.core.numerals import cn_numeral, parse_cn_numeral
from dossier.evidence.collect import bad_name
from dossier.core.files import is_junk, sha256_file
from dossier.core.errors import Problem

INDEX_PDF = "总目录.pdf"
SPINE_PDF = "脊背.pdf"
COVERAGE_MD = "覆盖情况.md"
MANIFEST = "manifest.json"
PACKETS = "packets"

MM = 72 / 25.4

STATUS_COMPLETE = "齐全"
STATUS_PARTIAL = "部分缺少"
STATUS_NONE = "无材料"
STATUS_FREE = "未列要求"


# ---------------------------------------------------------------------------------------------------------------
# Volumes: the few facts the set files need, read defensively from bind.Volume
# ---------------------------------------------------------------------------------------------------------------

def part_label(part: Any) -> str:
    """A volume part as printed: None/0 → "", 2 → "卷二", "卷二" → "卷二"."""
    if part in (None, "", 0):
        return ""
    if isinstance(part, int):
        return f"卷{cn_numeral(part)}"
    return str(part)


def part_number(part: Any) -> int | None:
    """2 → 2, "卷二" → 2, "卷十二" → 12, "3" → 3; None for no part."""
    if part in (None, "", 0):
        return None
    if isinstance(part, int):
        return part
    text = str(part).replace("卷", "").strip()
    if text.isdigit():
        return int(text)
    return parse_cn_numeral(text)


def archive_no(project, code: str, part: Any = None) -> str:
    """The 档号 of a volume from the scheme in dossier.yaml (档案.档号; {年度} {代码} {卷} are replaced)."""
    scheme = str(project.get("档案", "档号", default=None) or "{年度}-{代码}")
    number = part_number(part)
    padded = re.sub(r"(?<!\d)(\d)(?!\d)", r"0\1", code)       # C6 → C06, as bind names volumes
    text = scheme.replace("{年度}", str(project.year)).replace("{代码}", padded)
    if "{卷}" in scheme:
        text = text.replace("{卷}", str(number or 1))
    elif number:
        text = f"{text}-{number}"
    return text


def volume_archive_no(project, volume) -> str:
    for name in ("archive_no", "dh", "档号"):
        value = getattr(volume, name, None)
        if value:
            return str(value)
    return archive_no(project, volume.code, getattr(volume, "part", None))


def volume_docs(volume) -> int:
    return len(getattr(volume, "docs", None) or [])


def volume_pages(volume) -> int:
    """Numbered (content) pages of a volume: cover, index and note pages are not counted (DA/T 22)."""
    pages = getattr(volume, "pages", None)
    if isinstance(pages, int):
        return pages
    docs = getattr(volume, "docs", None) or []
    return sum(max(0, end - start + 1) for _, start, end in docs)


def volume_title(volume) -> str:
    label = part_label(getattr(volume, "part", None))
    title = f"{volume.code} {volume.title}"
    return f"{title}（{label}）" if label else title


def _period(volume) -> str:
    """起止时间 as 2023.03—2025.06 (from bind's Volume.period, else the documents' dates)."""
    period = getattr(volume, "period", None)
    if period and period[0]:
        dates = [str(period[0]), str(period[-1] or period[0])]
    else:
        dates = sorted(d for d in (_doc_date(doc) for doc, _, _ in (getattr(volume, "docs", None) or [])) if d)
    if not dates:
        return ""

    def short(d: str) -> str:
        return f"{d[:4]}.{d[4:6]}" if len(d) >= 6 and d[4:6] != "00" else d[:4]

    first, last = short(dates[0]), short(dates[-1])
    return f"{first}—{last}" if first != last else first


def _doc_date(doc) -> str:
    value = getattr(doc, "date", None)
    if value is None or value == "":
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y%m%d")
    return re.sub(r"\D", "", str(value))[:8]


# ---------------------------------------------------------------------------------------------------------------
# Coverage: expected evidence items against the documents that are there
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class LeafCoverage:
    """One leaf's expected evidence items (from the framework) against its documents. `items` are
    `evidence.ItemCoverage` (item, key phrases, phrases not found, matching docs, status 有 / 部分 / 缺): the same
    matching the volume note (卷内备考表) uses, so the two never disagree."""
    code: str
    title: str
    area: str                                       # the top-level area, e.g. "A1 资源配置"
    documents: int                                  # how many documents the leaf has
    items: list                                     # [evidence.ItemCoverage]
    unmatched: list[str] = field(default_factory=list)   # 题名 of documents that match no expected item
    problems: int = 0                               # problems reported for files in this leaf's folder

    @property
    def missing(self) -> list[str]:
        return [i.item for i in self.items if i.status != "有"]

    @property
    def found(self) -> int:
        return sum(1 for i in self.items if i.status == "有")

    @property
    def status(self) -> str:
        if not self.documents:
            return STATUS_NONE
        if not self.items:
            return STATUS_FREE
        return STATUS_COMPLETE if not self.missing else STATUS_PARTIAL

    def to_json(self) -> dict:
        return {"code": self.code, "title": self.title, "area": self.area, "documents": self.documents,
                "status": self.status,
                "items": [{"item": i.item, "status": i.status, "missing": list(i.missing),
                           "documents": [d.title for d in i.docs]} for i in self.items],
                "unmatched": self.unmatched, "problems": self.problems}


def coverage(project, framework, collection) -> list[LeafCoverage]:
    """Every leaf of the framework: its expected evidence items against what the evidence folder holds
    (`collection` from evidence.collect; also for `dossier check`)."""
    from dossier.evidence.collect import coverage as leaf_coverage
    by_leaf = getattr(collection, "by_leaf", None) or {}
    rows = []
    for leaf in framework.leaves():
        docs = list(by_leaf.get(leaf.code, []))
        items = leaf_coverage(leaf, docs)
        used = {id(d) for i in items for d in i.docs}
        unmatched = [d.title for d in docs if id(d) not in used]
        problems = collection.problems_for(leaf.code) if hasattr(collection, "problems_for") else []
        area = leaf.area
        rows.append(LeafCoverage(code=leaf.code, title=leaf.title, area=f"{area.code} {area.title}",
                                 documents=len(docs), items=items, unmatched=unmatched, problems=len(problems)))
    return rows


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
                state = {"有": "已有", "部分": "部分（未见：" + "、".join(item.missing) + "）"}.get(item.status, "**缺少**")
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


def write_index(project, framework, volumes: list, path: Path, build_time: dt.datetime,
                coverage_rows: list[LeafCoverage] | None = None) -> Path:
    """总目录.pdf: one row per volume (档号, 指标, 案卷题名, 件数, 页数), grouped by area, with totals."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from dossier.core.fonts import register
    serif, sans = register()
    fonds = str(project.get("档案", "全宗名称", default=None) or project.unit_name)
    title = f"{fonds}迎检佐证材料总目录"
    h1 = ParagraphStyle("h1", fontName=sans, fontSize=18, leading=26, alignment=TA_CENTER)
    sub = ParagraphStyle("sub", fontName=serif, fontSize=10.5, leading=16, alignment=TA_CENTER)
    cell = ParagraphStyle("cell", fontName=serif, fontSize=9.5, leading=13, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontName=sans, alignment=TA_CENTER)
    centre = ParagraphStyle("centre", parent=cell, alignment=TA_CENTER)

    by_code: dict[str, list] = {}
    for v in volumes:
        by_code.setdefault(v.code, []).append(v)
    cov = {r.code: r for r in (coverage_rows or [])}
    rows = [[Paragraph(t, head) for t in ("序号", "档号", "指标", "案卷题名", "件数", "页数", "备注")]]
    area_rows = []
    n = total_docs = total_pages = 0
    area_code = None
    for leaf in framework.leaves():
        if leaf.area.code != area_code:
            area_code = leaf.area.code
            area_rows.append(len(rows))
            rows.append([Paragraph(f"{leaf.area.code} {leaf.area.title}", ParagraphStyle("a", parent=cell,
                                                                                         fontName=sans))] + [""] * 6)
        vols = sorted(by_code.get(leaf.code, []), key=lambda v: part_number(getattr(v, "part", None)) or 0)
        if not vols and project.level == "school" and leaf.scope == "county":
            continue                                  # a county-only indicator: not part of a school's set
        if not vols:
            note = "无佐证材料，未立卷"
            rows.append([Paragraph("", centre), Paragraph("—", centre), Paragraph(leaf.code, centre),
                         Paragraph(leaf.title, cell), Paragraph("0", centre), Paragraph("0", centre),
                         Paragraph(note, cell)])
            continue
        for v in vols:
            n += 1
            docs, pages = volume_docs(v), volume_pages(v)
            total_docs += docs
            total_pages += pages
            notes = [] if docs else ["暂无佐证材料"]
            period = _period(v)
            if period:
                notes.append(period)
            c = cov.get(leaf.code)
            if c is not None and c.missing and v is vols[-1]:
                notes.append(f"缺应备材料{len(c.missing)}项")
            rows.append([Paragraph(str(n), centre), Paragraph(volume_archive_no(project, v), centre),
                         Paragraph(leaf.code, centre), Paragraph(volume_title(v).split(" ", 1)[1], cell),
                         Paragraph(str(docs), centre), Paragraph(str(pages), centre),
                         Paragraph("；".join(notes), cell)])
    rows.append([Paragraph("合计", head), Paragraph(f"{n}卷", centre), "", "", Paragraph(str(total_docs), centre),
                 Paragraph(str(total_pages), centre), ""])
    widths = [10 * MM, 28 * MM, 12 * MM, 60 * MM, 11 * MM, 12 * MM, 37 * MM]
    table = Table(rows, colWidths=widths, repeatRows=1)
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
    story = [Paragraph(title, h1), Spacer(1, 3 * MM),
             Paragraph(f"{project.unit_name}　{framework.title}　评估年度{project.year}年　佐证材料{period}", sub),
             Paragraph(f"共{n}卷，{total_docs}件，{total_pages}页　编制日期："
                       f"{build_time.year}年{build_time.month}月{build_time.day}日", sub),
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


def write_spines(project, framework, volumes: list, path: Path, build_time: dt.datetime) -> Path:
    """脊背.pdf: one strip per volume (档号 at the top, 案卷题名 as vertical text, years and 保管期限 at the
    foot), `档案.脊背宽度` mm wide (default 40) and 260 mm tall, as many side by side on an A4 page as fit,
    each framed by a thin cutting line."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dossier.core.fonts import register
    serif, sans = register()
    try:
        width = float(project.get("档案", "脊背宽度", default=None) or 40) * MM
    except (TypeError, ValueError):
        width = 40 * MM
    width = min(max(width, 15 * MM), 90 * MM)
    height = 260 * MM
    gap = 4 * MM
    page_w, page_h = A4
    per_page = max(1, int((page_w - 16 * MM + gap) // (width + gap)))
    x0 = (page_w - per_page * width - (per_page - 1) * gap) / 2
    y0 = (page_h - height) / 2
    fonds = str(project.get("档案", "全宗名称", default=None) or project.unit_name)
    keep = str(project.get("档案", "保管期限", default=None) or "")
    years = project.evidence_years
    period = f"{min(years)}—{max(years)}" if years else str(project.year)
    ordered = []
    order = {leaf.code: i for i, leaf in enumerate(framework.leaves())}
    for v in sorted(volumes, key=lambda v: (order.get(v.code, 10 ** 6), v.code,
                                            part_number(getattr(v, "part", None)) or 0)):
        ordered.append(v)

    canvas_cls = _fixed_canvas(build_time, f"{fonds}案卷脊背", fonds)
    c = canvas_cls(str(path), pagesize=A4)
    if not ordered:
        c.setFont(serif, 12)
        c.drawString(20 * MM, page_h - 30 * MM, "本次构建没有装订任何案卷。")
        c.showPage()
    for i, v in enumerate(ordered):
        slot = i % per_page
        if i and slot == 0:
            c.showPage()
        x = x0 + slot * (width + gap)
        y = y0
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
        dh = volume_archive_no(project, v)
        size = 11.0
        while size > 6 and stringWidth(dh, sans, size) > inner:
            size -= 0.5
        c.setFont(sans, size)
        c.drawCentredString(x + width / 2, top - 18 * MM, dh)
        # band 3 (foot): years and retention
        band3 = 30 * MM
        c.line(x + 2 * MM, y + band3, x + width - 2 * MM, y + band3)
        c.setFont(serif, 8)
        c.drawCentredString(x + width / 2, y + band3 - 8 * MM, period)
        if keep:
            c.drawCentredString(x + width / 2, y + band3 - 15 * MM, f"保管期限：{keep}" if len(keep) <= 4 else keep)
        c.drawCentredString(x + width / 2, y + band3 - 22 * MM, f"{volume_docs(v)}件 {volume_pages(v)}页")
        # band 2: the 案卷题名 as vertical columns, right to left
        label = part_label(getattr(v, "part", None))
        text = f"{v.code}\u3000{v.title}" + (label and f"（{label}）")
        chars = _vertical_chars(text, sans)
        avail_h = height - band1 - band3 - 10 * MM
        size, per_col, cols = _fit_vertical(chars, inner, avail_h, 16.0)
        col_w = size * 1.25
        start_x = x + width / 2 + (cols - 1) * col_w / 2
        used_h = min(len(chars), per_col) * size * 1.08
        start_y = y + band3 + 5 * MM + (avail_h + used_h) / 2
        c.setFont(sans, size)
        for k, ch in enumerate(chars):
            col, row = divmod(k, per_col)
            cx = start_x - col * col_w
            cy = start_y - (row + 1) * size * 1.08 + size * 0.15
            if ch in _UPPER_RIGHT:          # no vertical form in the font: move it to the cell's upper right
                cx, cy = cx + size * 0.45, cy + size * 0.55
            c.drawCentredString(cx, cy, ch)
    c.showPage()
    c.save()
    return path


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
    rows = coverage(project, framework, bound)
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
            self.by_leaf.setdefault(v.code, []).extend(doc for doc, _, _ in getattr(v, "docs", []))

    @property
    def problems(self) -> list:
        return list(getattr(self.collection, "problems", []))

    def problems_for(self, code: str) -> list:
        return self.collection.problems_for(code) if hasattr(self.collection, "problems_for") else []

    def orphans(self) -> list:
        """Problems that belong to no leaf's folder (e.g. a folder whose code is not in the framework)."""
        owned = {id(p) for code in self.by_leaf for p in self.problems_for(code)}
        return [p for p in self.problems if id(p) not in owned]


# ---------------------------------------------------------------------------------------------------------------
# Manifest and verify
# ---------------------------------------------------------------------------------------------------------------

def scan_sources(root: Path, known: dict[Path, tuple[int, str]] | None = None) -> list[dict]:
    """Every file in the content folder (hidden files and Office lock files aside), with size and SHA-256;
    `known` maps resolved paths to (size, sha256) already computed (the evidence documents)."""
    root = Path(root).resolve()
    known = known or {}
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not is_junk(d) and not bad_name(d))
        for name in sorted(filenames):
            if is_junk(name) or bad_name(name):
                continue                      # not valid UTF-8: reported by evidence.collect, never bound
            path = Path(dirpath) / name
            try:
                resolved = path.resolve()
                resolved.relative_to(root)
            except (ValueError, OSError):
                continue                      # a link that leaves the content folder: never read
            if not resolved.is_file():
                continue
            hit = known.get(resolved)
            if hit is None:
                hit = (resolved.stat().st_size, sha256_file(resolved)[0])
            out.append({"path": path.relative_to(root).as_posix(), "size": hit[0], "sha256": hit[1]})
    out.sort(key=lambda e: e["path"])
    return out


def scan_outputs(build_dir: Path, known: dict[str, tuple[int, str]] | None = None) -> list[dict]:
    """Every file in the build folder except manifest.json; `known` maps relative paths to (size, sha256)."""
    build_dir = Path(build_dir)
    known = known or {}
    out = []
    for path in sorted(p for p in build_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(build_dir).as_posix()
        if rel == MANIFEST:
            continue
        size = path.stat().st_size
        hit = known.get(rel)
        digest = hit[1] if hit is not None and hit[0] == size else sha256_file(path)[0]
        out.append({"path": rel, "size": size, "sha256": digest})
    out.sort(key=lambda e: e["path"])
    return out


def write_manifest(build_dir: Path, project, framework, build_time: dt.datetime, sources: list[dict],
                   known_outputs: dict[str, tuple[int, str]] | None = None) -> Path:
    """manifest.json: version, framework, build time, every source and output file; sorted keys and lists."""
    build_dir = Path(build_dir)
    doc = {
        "dossier": __version__,
        "framework": {"id": framework.id, "title": framework.title},
        "project": project.name,
        "unit": project.unit_name,
        "build_time": build_time.replace(microsecond=0).isoformat(),
        "sources": sources,
        "outputs": scan_outputs(build_dir, known_outputs),
    }
    path = build_dir / MANIFEST
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_manifest(build_dir: Path) -> dict:
    return json.loads((Path(build_dir) / MANIFEST).read_text(encoding="utf-8"))


def verify(build_dir: Path | str) -> list[Problem]:
    """Re-hash every output listed in BUILD_DIR/manifest.json; one Problem per file that changed, is missing,
    or is in the folder without being listed. An empty list means the build is exactly as it was written."""
    build_dir = Path(build_dir)
    manifest = build_dir / MANIFEST
    if not build_dir.is_dir():
        return [Problem(f"构建文件夹不存在：{build_dir}")]
    if not manifest.is_file():
        return [Problem("缺少 manifest.json，无法核验", file=str(build_dir),
                        hint="请指定 dossier build 的输出文件夹，如 build/示例县")]
    try:
        data = read_manifest(build_dir)
        listed = {e["path"]: e for e in data["outputs"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [Problem(f"manifest.json 无法读取：{exc}", file=str(manifest), hint="该文件已损坏，请重新构建")]
    problems = []
    for rel, entry in sorted(listed.items()):
        path = build_dir / rel
        shown = str(build_dir / rel)
        if not path.is_file():
            problems.append(Problem("文件缺失", file=shown))
            continue
        size = path.stat().st_size
        if size != entry.get("size"):
            problems.append(Problem(f"文件已改动（大小 {entry.get('size')} → {size} 字节）", file=shown))
            continue
        if sha256_file(path)[0] != entry.get("sha256"):
            problems.append(Problem("文件已改动（SHA-256 校验值不符）", file=shown))
    for path in sorted(p for p in build_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(build_dir).as_posix()
        if rel != MANIFEST and rel not in listed:
            problems.append(Problem("多出的文件（未列入 manifest.json）", file=str(path)))
    return problems

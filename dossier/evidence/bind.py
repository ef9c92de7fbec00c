"""Bind one leaf indicator's evidence into archival volumes (案卷).

A volume is: 案卷封面 (cover), 卷内目录 (in-volume index, as many pages as it needs, each row a link to its
document), every content page stamped with its page number (continuous from 1; upper right, upper left on
even pages when 双面), and 卷内备考表 (volume note). It has bookmarks (封面, 卷内目录, one per document,
备考表) and page labels matching the stamps. Volumes with more content pages than 档案.每卷页数上限 split into
卷一, 卷二… at document boundaries, each with its own cover, index and note; page numbers restart per volume.

The front and back matter is drawn with reportlab; the documents are concatenated with pikepdf (qpdf), which
opens sources lazily and copies their streams at write time, so memory stays flat. Page numbers are stamped by
appending a few bytes of content to each page, using one embedded TrueType subset of the CJK font per
volume. The output is byte-identical for the same inputs: fixed dates (build time) and an ID derived from the
content.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dossier.core.numerals import cn_numeral
from dossier.core.errors import DossierError, Problem
from dossier.evidence.collect import EvidenceDoc, missing_items

MM = 72 / 25.4
A4 = (595.2756, 841.8898)
DEFAULT_LIMIT = 300
STAMP_SIZE = 12.0              # 小四
STAMP_MARGIN = 12 * MM         # from the page edge to the number's outer edge
STAMP_TOP = 15 * MM            # from the top edge to the baseline
STAMP_FONT_KEY = "/DossierPageNo"

INK = (0, 0, 0)


@dataclass
class Volume:
    path: Path
    code: str
    title: str
    part: int | None                                  # 1, 2… for split volumes, None when the leaf has one
    docs: list[tuple[EvidenceDoc, int, int]]          # (document, first content page, last content page)
    pages: int                                        # content pages (stamped 1…pages)
    first_page: int                                   # 1-based page in the PDF file of content page 1
    last_page: int                                    # 1-based page in the PDF file of the last content page
    total_pages: int = 0                              # all pages in the file (cover, index, content, note)
    index_pages: int = 0
    archive_no: str = ""                              # 档号
    period: tuple[str, str] = ("", "")                # 起止时间 as YYYYMMDD (or YYYY) strings
    parts: int = 1                                    # how many volumes the leaf has
    missing: list[str] = field(default_factory=list)  # expected evidence items that appear missing
    problems: list[Problem] = field(default_factory=list)   # files not bound (listed in the note)

    @property
    def label(self) -> str:
        """案卷题名: C6 生均教学仪器设备值（卷一）."""
        return f"{self.code} {self.title}" + (f"（卷{cn_numeral(self.part)}）" if self.part else "")


# --------------------------------------------------------------------------------------------------- settings

@dataclass
class Archive:
    fonds: str                 # 全宗名称
    scheme: str                # 档号 scheme
    retention: str             # 保管期限
    limit: int                 # 每卷页数上限
    duplex: bool               # 双面
    compiler: str              # 立卷人
    checker: str               # 检查人
    filed: str                 # 立卷时间 (display)
    year: int
    years: list[int]
    series: str                # framework title, for the cover

    @classmethod
    def of(cls, project, framework, build_time: dt.datetime) -> "Archive":
        get = lambda key, default=None: project.get("档案", key, default=default)  # noqa: E731
        limit = get("每卷页数上限", DEFAULT_LIMIT)
        try:
            limit = int(limit)
            if limit < 1:
                raise ValueError
        except (TypeError, ValueError):
            raise DossierError(Problem(f"“档案.每卷页数上限”应为正整数，现为“{limit}”", file=project.config_file,
                                       line=project.line("档案", "每卷页数上限"), hint="如 300"))
        filed = get("立卷时间")
        if filed:
            from dossier.config.project import parse_date
            d = parse_date(filed, project.config_file, project.line("档案", "立卷时间"))
        else:
            d = build_time.date()
        return cls(fonds=str(get("全宗名称") or project.unit_name), scheme=str(get("档号") or "{年度}-{代码}"),
                   retention=str(get("保管期限") or ""), limit=limit, duplex=_truthy(get("双面", False)),
                   compiler=str(get("立卷人") or ""), checker=str(get("检查人") or ""),
                   filed=f"{d.year}年{d.month}月{d.day}日", year=int(project.year),
                   years=list(project.evidence_years or [project.year]),
                   series=str(getattr(framework, "title", "") or ""))

    def archive_no(self, code: str, part: int | None, parts: int) -> str:
        text = self.scheme.replace("{年度}", str(self.year)).replace("{代码}", pad_code(code))
        if "{卷}" in self.scheme:
            if part:
                text = text.replace("{卷}", str(part))
            else:       # one volume: no volume number, and no separator (or 卷) left dangling before it
                text = re.sub(r"[-－—_·.]?卷?\{卷\}", "", text)
                text = re.sub(r"[-－—_·.\s]+$", "", text)
        elif parts > 1:
            text += f"-{part}"
        return text


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("是", "true", "yes", "y", "1", "双面", "on")


# --------------------------------------------------------------------------------------------------- names

def pad_code(code: str) -> str:
    """C6 → C06, B1-C3 → B01-C03 (so that volumes sort by code)."""
    return re.sub(r"(?<!\d)(\d)(?!\d)", r"0\1", code)


def _safe(text: str) -> str:
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip().rstrip(".")
    return text[:60]


def volume_filename(code: str, title: str, part: int | None) -> str:
    return f"{pad_code(code)} {_safe(title)}" + (f"（卷{cn_numeral(part)}）" if part else "") + ".pdf"


def page_range(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def split_volumes(items: list, pages_of, limit: int) -> list[list]:
    """Greedy split at document boundaries: a volume holds at most `limit` content pages, except that a single
    document longer than the limit gets a volume of its own."""
    groups: list[list] = []
    cur: list = []
    cur_pages = 0
    for item in items:
        n = pages_of(item)
        if cur and cur_pages + n > limit:
            groups.append(cur)
            cur, cur_pages = [], 0
        cur.append(item)
        cur_pages += n
        if cur_pages >= limit:
            groups.append(cur)
            cur, cur_pages = [], 0
    if cur or not groups:
        groups.append(cur)
    return groups


# --------------------------------------------------------------------------------------------------- API

def bind_leaf(project, framework, leaf, docs: list[EvidenceDoc], converted: dict, out_dir: Path, *,
              problems=(), build_time: dt.datetime | None = None) -> list[Volume]:
    """Bind `docs` (in order) of one leaf into one or more volumes in `out_dir`; the volumes written.

    `converted` maps EvidenceDoc.sha256 (or .rel) to convert.Converted. Documents that failed to convert are
    left out and listed in the note, together with `problems` (e.g. collection problems under --keep-going).
    """
    if isinstance(leaf, str):
        node = framework.leaf(leaf)
        if node is None:
            raise DossierError(Problem(f"指标框架中没有指标 {leaf}", file=getattr(framework, "source", None)))
        leaf = node
    build_time = build_time or project.build_time()
    arch = Archive.of(project, framework, build_time)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    notes: list[Problem] = []
    seen = set()

    def note(p: Problem) -> None:
        key = (p.file, p.message)
        if key not in seen:
            seen.add(key)
            notes.append(p)

    for p in problems:
        note(p)
    bindable = []
    for doc in docs:
        conv = converted.get(doc.sha256) or converted.get(doc.rel)
        if conv is None:
            note(Problem("文件未转换为 PDF，未装入", file=doc.display or doc.rel))
        elif conv.problem is not None or conv.pdf is None or conv.pages <= 0:
            note(conv.problem or Problem("文件转换后没有页面，未装入", file=doc.display or doc.rel))
        else:
            bindable.append((doc, conv))

    missing = missing_items(leaf, docs)
    groups = split_volumes(bindable, lambda dc: dc[1].pages, arch.limit)
    parts = len(groups)
    volumes = []
    for i, group in enumerate(groups, start=1):
        part = i if parts > 1 else None
        vol = _bind_volume(project, leaf, arch, group, part, parts, missing, notes, out_dir, build_time)
        volumes.append(vol)
    return volumes


# --------------------------------------------------------------------------------------------------- one volume

def _period(docs: list[EvidenceDoc], years: list[int]) -> tuple[str, str]:
    dates = sorted(d.date for d in docs if d.date)
    if dates:
        return dates[0], dates[-1]
    if years:
        return str(min(years)), str(max(years))
    return "", ""


def _period_text(period: tuple[str, str]) -> str:
    a, b = period
    if not a:
        return ""
    return a if a == b else f"{a}—{b}"


def _short_note(conv) -> str:
    """What the 备注 column says about a converted file (the note page says it in full)."""
    out = []
    if "加密" in (conv.note or ""):
        out.append("已解密")
    if conv.repaired:
        out.append("已修复")
    return "、".join(out)


def _short_file(p: Problem) -> str:
    f = p.file or ""
    m = re.search(r"(?:^|/)evidence/[^/]+/(.+)$", f) or re.search(r"(?:^|/)(evidence/[^/]+)$", f)
    return m.group(1) if m else f


def _bind_volume(project, leaf, arch: Archive, group, part, parts, missing, notes, out_dir: Path,
                 build_time: dt.datetime) -> Volume:
    import pikepdf

    code, title = leaf.code, leaf.title
    rows = []
    page = 1
    for seq, (doc, conv) in enumerate(group, start=1):
        start, end = page, page + conv.pages - 1
        remark = "；".join(x for x in (doc.note, _short_note(conv)) if x)
        rows.append(dict(seq=seq, doc=doc, conv=conv, start=start, end=end, remark=remark))
        page = end + 1
    content = page - 1
    vol_docs = [r["doc"] for r in rows]
    period = _period(vol_docs, arch.years)
    archive_no = arch.archive_no(code, part, parts)
    label = f"{code} {title}" + (f"（卷{cn_numeral(part)}）" if part else "")

    info = dict(code=code, title=title, label=label, part=part, parts=parts, archive_no=archive_no,
                period=period, docs=len(rows), pages=content, area=f"{leaf.area.code} {leaf.area.title}"
                if leaf.area is not leaf else "", standard=leaf.standard, missing=missing, notes=notes,
                repaired=[r for r in rows if r["conv"].note],
                oversize=[r["seq"] for r in rows if r["conv"].pages > arch.limit], limit=arch.limit)
    front = _draw_front(arch, info, rows)
    n_index = front.index_pages
    pad = 1 if arch.duplex and (1 + n_index) % 2 == 1 else 0
    n_front = 1 + n_index + pad
    first_content = n_front                # 0-based index of content page 1

    path = out_dir / volume_filename(code, title, part)
    opened = []
    work = Path(tempfile.mkdtemp(prefix=".bind-", dir=out_dir))
    try:
        # Concatenate with qpdf's own page merging (pikepdf.Job): it copies the sources' streams lazily at
        # write time, where Pdf.pages.extend would read every image into memory first.
        front_pdf = work / "front.pdf"
        front_pdf.write_bytes(front.data)
        n_drawn = len(_count_pages(front.data))
        spec = [{"file": str(front_pdf), "range": f"1-{n_front}"}]
        spec += [{"file": str(Path(r["conv"].pdf).resolve())} for r in rows]
        spec += [{"file": str(front_pdf), "range": f"{n_front + 1}-{n_drawn}"}]
        try:
            job = pikepdf.Job({"empty": "", "pages": spec, "outputFile": str(work / "unused.pdf")})
            out = job.create_pdf()
        except Exception as e:  # noqa: BLE001 - a converted file that vanished or broke since conversion
            raise DossierError(Problem(f"装订 {label} 时无法读取已转换的文件（{str(e).strip()[:200]}）",
                                       hint="请重新运行 dossier build；若仍失败，删除构建缓存后再试"))
        opened.append(out)
        version = "1.7"
        for r in rows:
            v = _pdf_header_version(Path(r["conv"].pdf))
            if _version_key(v) > _version_key(version):
                version = v
        total = len(out.pages)
        note_first = n_front + content

        # page numbers
        if content:
            stamp_font = _stamp_font(out, opened)
            q_open = out.make_stream(b"q\n")
            for i in range(content):
                _stamp(out, out.pages[first_content + i], i + 1, stamp_font, q_open, arch.duplex)

        # index rows link to their documents
        for r, (idx_page, rect) in zip(rows, front.row_rects):
            target = out.pages[first_content + r["start"] - 1]
            _add_link(out, out.pages[1 + idx_page], rect, target)

        # bookmarks
        with out.open_outline() as outline:
            items = [pikepdf.OutlineItem("封面", 0), pikepdf.OutlineItem("卷内目录", 1)]
            for r in rows:
                items.append(pikepdf.OutlineItem(_one_line(r["doc"].title) or _one_line(r["doc"].path.stem),
                                                 first_content + r["start"] - 1))
            items.append(pikepdf.OutlineItem("备考表", note_first))
            outline.root.extend(items)

        # page labels: 封面, 目录 (目录1, 目录2…), 1…N as stamped, 备考表
        nums = [0, pikepdf.Dictionary(P=pikepdf.String("封面"))]
        if n_index == 1:
            nums += [1, pikepdf.Dictionary(P=pikepdf.String("目录"))]
        else:
            nums += [1, pikepdf.Dictionary(P=pikepdf.String("目录"), S=pikepdf.Name.D, St=1)]
        if pad:
            nums += [1 + n_index, pikepdf.Dictionary(P=pikepdf.String("空白页"))]
        if content:
            nums += [first_content, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)]
        if total - note_first == 1:
            nums += [note_first, pikepdf.Dictionary(P=pikepdf.String("备考表"))]
        else:
            nums += [note_first, pikepdf.Dictionary(P=pikepdf.String("备考表"), S=pikepdf.Name.D, St=1)]
        out.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))
        out.Root.PageMode = pikepdf.Name.UseOutlines
        out.Root.Lang = pikepdf.String("zh-CN")
        out.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        stamp = _pdf_date(build_time)
        out.docinfo = out.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(label), Author=pikepdf.String(arch.fonds),
            Subject=pikepdf.String(f"{arch.series}佐证材料 档号 {archive_no}"),
            Creator=pikepdf.String("dossier"), Producer=pikepdf.String("dossier"),
            CreationDate=pikepdf.String(stamp), ModDate=pikepdf.String(stamp)))

        tmp = work / "volume.pdf"
        out.save(tmp, deterministic_id=True, min_version=version, fix_metadata_version=False, encryption=False)
        os.replace(tmp, path)
        del job
    finally:
        for pdf in reversed(opened):
            pdf.close()
        shutil.rmtree(work, ignore_errors=True)

    return Volume(path=path, code=code, title=title, part=part,
                  docs=[(r["doc"], r["start"], r["end"]) for r in rows], pages=content,
                  first_page=first_content + 1, last_page=first_content + content, total_pages=total,
                  index_pages=n_index, archive_no=archive_no, period=period, parts=parts, missing=list(missing),
                  problems=list(notes))


def _count_pages(data: bytes) -> range:
    import pikepdf
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return range(len(pdf.pages))


def _pdf_header_version(path: Path) -> str:
    """The version in a PDF's header (%PDF-1.7), without parsing the file."""
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        return "1.7"
    m = re.search(rb"%PDF-(\d\.\d)", head)
    return m.group(1).decode() if m else "1.7"


def _version_key(v: str) -> tuple:
    try:
        return tuple(int(x) for x in str(v).split("."))
    except ValueError:
        return (1, 7)


def _pdf_date(t: dt.datetime) -> str:
    return "D:" + t.strftime("%Y%m%d%H%M%S")


# --------------------------------------------------------------------------------------------------- stamping

@lru_cache(maxsize=None)
def _stamp_font_pdf() -> tuple[bytes, dict[str, bytes]]:
    """A tiny PDF whose only font is the CJK serif subset holding the digits; and each digit's byte code."""
    from reportlab.pdfgen import canvas

    from dossier.core.fonts import register
    serif, _ = register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, initialFontName=serif, initialFontSize=STAMP_SIZE)
    c.setFont(serif, STAMP_SIZE)
    for i, ch in enumerate("0123456789"):
        c.drawString(50, 800 - 20 * i, ch)
    c.showPage()
    c.save()
    data = buf.getvalue()
    import pikepdf
    codes: dict[str, bytes] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        shown = [bytes(ins.operands[0]) for ins in pikepdf.parse_content_stream(page) if str(ins.operator) == "Tj"]
        fonts = [str(k) for k in page.Resources.Font.keys()]
    if len(shown) != 10 or len(fonts) != 1:
        raise RuntimeError("unexpected stamp font layout from reportlab")
    for ch, code in zip("0123456789", shown):
        codes[ch] = code
    return data, codes


def _stamp_font(out, opened: list):
    """The stamp font, copied into `out` (its source stays open until `out` is saved)."""
    import pikepdf
    data, _ = _stamp_font_pdf()
    src = pikepdf.open(io.BytesIO(data))
    opened.append(src)
    fonts = src.pages[0].Resources.Font
    key = next(iter(fonts.keys()))
    return out.copy_foreign(fonts[key])


def _text_width(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dossier.core.fonts import register
    serif, _ = register()
    return stringWidth(text, serif, STAMP_SIZE)


_MATRIX = {   # display coordinates (u, v) → user space, for /Rotate 0, 90, 180, 270 on box (x0, y0, x1, y1)
    0: lambda x0, y0, x1, y1: (1, 0, 0, 1, x0, y0),
    90: lambda x0, y0, x1, y1: (0, 1, -1, 0, x1, y0),
    180: lambda x0, y0, x1, y1: (-1, 0, 0, -1, x1, y1),
    270: lambda x0, y0, x1, y1: (0, -1, 1, 0, x0, y1),
}


def _stamp(out, page, number: int, font, q_open, duplex: bool) -> None:
    """Draw `number` in the page's upper right corner (upper left on even pages when duplex), as displayed."""
    import pikepdf

    obj = page.obj
    try:
        box = [float(v) for v in page.cropbox]
    except Exception:  # noqa: BLE001 - a page without usable boxes: assume A4
        box = [0.0, 0.0, A4[0], A4[1]]
    x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
    if x1 - x0 < 1 or y1 - y0 < 1:
        x0, y0, x1, y1 = 0.0, 0.0, A4[0], A4[1]
    try:
        rotate = int(obj.get("/Rotate", 0) or 0) % 360
    except (TypeError, ValueError):
        rotate = 0
    if rotate not in _MATRIX:
        rotate = 0
    width, height = (x1 - x0, y1 - y0) if rotate in (0, 180) else (y1 - y0, x1 - x0)
    try:
        unit = float(obj.get("/UserUnit", 1) or 1)
    except (TypeError, ValueError):
        unit = 1.0
    size = STAMP_SIZE / unit
    text = str(number)
    tw = _text_width(text) / unit
    margin, top = STAMP_MARGIN / unit, STAMP_TOP / unit
    margin = min(margin, width / 4)
    top = min(top, height / 4)
    u = margin if (duplex and number % 2 == 0) else width - margin - tw
    v = height - top
    m = _MATRIX[rotate](x0, y0, x1, y1)
    _, codes = _stamp_font_pdf()
    shown = b"".join(codes[ch] for ch in text)
    ops = (b"Q\nq %s cm 0 g BT %s %s Tf %s %s Td %s Tj ET Q\n" % (
        " ".join(_num(x) for x in m).encode(), STAMP_FONT_KEY.encode(), _num(size).encode(), _num(u).encode(),
        _num(v).encode(), pikepdf.String(shown).unparse()))

    res = obj.get("/Resources")
    if res is None or not isinstance(res, pikepdf.Dictionary):
        res = obj.Resources = pikepdf.Dictionary()
    fonts = res.get("/Font")
    if fonts is None or not isinstance(fonts, pikepdf.Dictionary):
        fonts = res.Font = pikepdf.Dictionary()
    fonts[STAMP_FONT_KEY] = font
    page.contents_add(q_open, prepend=True)
    page.contents_add(out.make_stream(ops), prepend=False)


def _num(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _add_link(out, page, rect, target) -> None:
    import pikepdf

    try:
        top = float(target.cropbox[3])
    except Exception:  # noqa: BLE001
        top = A4[1]
    annot = out.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([_round(x) for x in rect]),
        Border=pikepdf.Array([0, 0, 0]), F=4,
        A=pikepdf.Dictionary(S=pikepdf.Name.GoTo,
                             D=pikepdf.Array([target.obj, pikepdf.Name.XYZ, None, _round(top), None]))))
    if "/Annots" not in page.obj:
        page.obj.Annots = pikepdf.Array()
    page.obj.Annots.append(annot)


def _round(x: float):
    from decimal import Decimal
    return Decimal(_num(x))


# --------------------------------------------------------------------------------------------------- drawing

@dataclass
class _Front:
    data: bytes
    index_pages: int
    row_rects: list[tuple[int, tuple[float, float, float, float]]]   # (index page, rect) per row


# page frame for everything we draw: 订口 (binding side) on the left
LEFT, RIGHT, TOP, BOTTOM = 25 * MM, 18 * MM, 22 * MM, 20 * MM

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


def _draw_front(arch: Archive, info: dict, rows: list[dict]) -> _Front:
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


def _one_line(text: str) -> str:
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

    text = _one_line(text)
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


def _draw_cover(c, st, arch: Archive, info: dict) -> None:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    W, H = A4
    _frame(c)
    inner_l, inner_r = LEFT + 12 * MM, W - RIGHT - 12 * MM
    width = inner_r - inner_l
    centre = W / 2 + (LEFT - RIGHT) / 2

    # 档号 box, top right
    box = Table([[Paragraph("档号", st["label"]), _wrapped(info["archive_no"], st["value"], 52 * MM - 12)]],
                colWidths=[18 * MM, 52 * MM], rowHeights=[10 * MM])
    box.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("FONTNAME", (0, 0), (-1, -1), st["serif"])]))
    bw, bh = box.wrap(0, 0)
    box.drawOn(c, inner_r - bw, H - TOP - 12 * MM - bh)

    # the form, laid out first so that the heading can give way to a long standard text
    lw = 26 * MM
    vw = (width - 2 * lw) / 2
    pad = 6
    wide = width - lw - 2 * pad          # a value cell spanning three columns
    narrow = vw - 2 * pad
    L = lambda text: Paragraph(_esc(text), st["label"])  # noqa: E731
    standard = _one_line(info["standard"]) or "—"

    def form_for(std_style, std_text):
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
        return form, form.wrap(width, H)[1]

    form_bottom = BOTTOM + 18 * MM
    most = H - TOP - 95 * MM - form_bottom          # the form never reaches into the heading's minimum
    form = fh = None
    for size, limit in ((10.5, None), (9.5, None), (8.5, None), (8.5, 600), (8.5, 300)):
        style = ParagraphStyle(f"std{size}", parent=st["small"], fontSize=size, leading=size * 1.5)
        text = standard if limit is None or len(standard) <= limit else standard[:limit] + "…"
        form, fh = form_for(style, text)
        if fh <= most:
            break

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


def _draw_index(c, st, arch: Archive, info: dict, rows: list[dict]) -> tuple[int, list]:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    W, H = A4
    x_left = LEFT
    widths = [w * MM for _, w, _ in INDEX_COLUMNS]
    scale = (W - LEFT - RIGHT) / sum(widths)
    widths = [w * scale for w in widths]
    xs = [x_left]
    for w in widths:
        xs.append(xs[-1] + w)
    pad_x, pad_y = 2.5, 3.5
    head_h = 9 * MM
    bottom = BOTTOM + 10 * MM

    def cells(r) -> list:
        doc = r["doc"]
        values = [str(r["seq"]), doc.doc_no, doc.author, doc.title, doc.date, page_range(r["start"], r["end"]),
                  r["remark"]]
        values = [_one_line(v) for v in values]
        out = []
        for (name, _, align), text, w in zip(INDEX_COLUMNS, values, widths):
            text = text if len(text) <= 300 else text[:300] + "…"
            style = st["cellc" if align == "c" else "cell"]
            if stringWidth(text, style.fontName, style.fontSize) <= w - 2 * pad_x - 1:
                out.append(_Line(text, style))          # fits on one line: no paragraph machinery
            else:
                out.append(Paragraph(_esc(text), style))
        return out

    def header(page_no: int) -> float:
        c.setFont(st["sans"], 20)
        c.drawCentredString((xs[0] + xs[-1]) / 2, H - TOP - 8 * MM, _spaced("卷内目录"))
        c.setFont(st["serif"], 10.5)
        y = H - TOP - 17 * MM
        c.drawString(xs[0], y, f"档号：{info['archive_no']}")
        lab = f"案卷题名：{info['label']}"
        while stringWidth(lab, st["serif"], 10.5) > (xs[-1] - xs[0]) * 0.62 and len(lab) > 8:
            lab = lab[:-2] + "…"
        c.drawRightString(xs[-1], y, lab)
        top = y - 4 * MM
        c.setLineWidth(0.9)
        c.setFillGray(0.92)
        c.rect(xs[0], top - head_h, xs[-1] - xs[0], head_h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(st["sans"], 10.5)
        for i, (name, _, _) in enumerate(INDEX_COLUMNS):
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - head_h / 2 - 3.6, name)
        return top

    def finish(page_no: int, top: float, y: float) -> None:
        c.setLineWidth(0.9)
        c.rect(xs[0], y, xs[-1] - xs[0], top - y)
        c.setLineWidth(0.5)
        for x in xs[1:-1]:
            c.line(x, y, x, top)
        c.line(xs[0], top - head_h, xs[-1], top - head_h)

    # lay out rows over pages
    pages: list[list[tuple[dict, list, float]]] = [[]]
    first_top = H - TOP - 17 * MM - 4 * MM
    avail = first_top - head_h - bottom
    used = 0.0
    laid = []
    for r in rows:
        cs = cells(r)
        h = max(p.wrap(w - 2 * pad_x, H)[1] for p, w in zip(cs, widths)) + 2 * pad_y
        h = max(h, 8 * MM)
        laid.append((r, cs, h))
    for item in laid:
        if used + item[2] > avail and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += item[2]
    n_pages = len(pages)
    rects = []
    for pno, page_rows in enumerate(pages):
        if pno:
            c.showPage()
        top = header(pno)
        y = top - head_h
        if not rows:
            c.setFont(st["serif"], 11)
            c.drawCentredString((xs[0] + xs[-1]) / 2, y - 7 * MM, "本卷暂无文件")
            y -= 10 * MM
        for r, cs, h in page_rows:
            for p, x, w, (_, _, align) in zip(cs, xs, widths, INDEX_COLUMNS):
                _, ph = p.wrap(w - 2 * pad_x, H)
                p.drawOn(c, x + pad_x, y - h + (h - ph) / 2)
            c.setLineWidth(0.5)
            c.line(xs[0], y - h, xs[-1], y - h)
            rects.append((pno, (xs[0], y - h, xs[-1], y)))
            y -= h
        finish(pno, top, y)
        c.setFont(st["serif"], 9)
        c.drawCentredString((xs[0] + xs[-1]) / 2, BOTTOM, f"卷内目录 第{pno + 1}页 共{n_pages}页")
    c.showPage()
    return n_pages, rects


def _draw_note(c, st, arch: Archive, info: dict) -> None:
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

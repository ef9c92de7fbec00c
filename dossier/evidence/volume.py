"""Bind one leaf indicator's evidence into archival volumes (案卷).

A volume is: 案卷封面 (cover), 卷内目录 (in-volume index, as many pages as it needs, each row a link to its
document), every content page stamped with its page number (continuous from 1; upper right, upper left on
even pages when 双面), and 卷内备考表 (volume note). It has bookmarks (封面, 卷内目录, one per document,
备考表) and page labels matching the stamps. Volumes with more content pages than 档案.每卷页数上限 split into
卷一, 卷二… at document boundaries, each with its own cover, index and note; page numbers restart per volume.

The front and back matter is drawn by `dossier.evidence.front`; the documents are concatenated with qpdf's page
merging (pikepdf.Job), which copies the sources' streams lazily at write time, so memory stays flat; page
numbers and links are added by `dossier.evidence.stamp`. The output is byte-identical for the same inputs:
fixed dates (build time) and an ID derived from the content.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dossier.core.errors import DossierError, Problem
from dossier.core.numerals import cn_numeral
from dossier.core.zh import date_cn
from dossier.evidence.coverage import missing_items
from dossier.evidence.front import draw_front, one_line
from dossier.evidence.model import EvidenceDoc
from dossier.evidence.names import archive_no, volume_filename
from dossier.evidence.pdfa import make_pdfa
from dossier.evidence.stamp import add_link, stamp, stamp_font


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


@dataclass
class Archive:
    """How the project files its volumes (dossier.yaml 档案), with what binding needs from the project."""
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
    pdfa: bool = True          # write PDF/A-2b (档案.PDF/A)

    @classmethod
    def of(cls, project, framework, build_time: dt.datetime) -> "Archive":
        a = project.config.archive
        return cls(fonds=a.fonds or project.unit_name, scheme=a.scheme, retention=a.retention, limit=a.limit,
                   duplex=a.duplex, compiler=a.compiler, checker=a.checker,
                   filed=date_cn(a.filed or build_time.date()), year=int(project.year),
                   years=list(project.evidence_years or [project.year]), series=framework.title or "",
                   pdfa=a.pdfa)

    def archive_no(self, code: str, part: int | None, parts: int) -> str:
        return archive_no(self.scheme, self.year, code, part, parts)


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

    missing = missing_items(leaf, docs, arch.years)
    groups = split_volumes(bindable, lambda dc: dc[1].pages, arch.limit)
    parts = len(groups)
    volumes = []
    for i, group in enumerate(groups, start=1):
        part = i if parts > 1 else None
        vol = _bind_volume(project, leaf, arch, group, part, parts, missing, notes, out_dir, build_time)
        volumes.append(vol)
    return volumes


def _period(docs: list[EvidenceDoc], years: list[int]) -> tuple[str, str]:
    dates = sorted(d.date for d in docs if d.date)
    if dates:
        return dates[0], dates[-1]
    if years:
        return str(min(years)), str(max(years))
    return "", ""


def _short_note(conv) -> str:
    """What the 备注 column says about a converted file (the note page says it in full)."""
    out = []
    if "加密" in (conv.note or ""):
        out.append("已解密")
    if conv.repaired:
        out.append("已修复")
    return "、".join(out)


def _rows(group) -> list[dict]:
    """The 卷内目录 rows: each document with its first and last content page and its 备注."""
    rows, page = [], 1
    for seq, (doc, conv) in enumerate(group, start=1):
        start, end = page, page + conv.pages - 1
        remark = "；".join(x for x in (doc.note, _short_note(conv)) if x)
        rows.append(dict(seq=seq, doc=doc, conv=conv, start=start, end=end, remark=remark))
        page = end + 1
    return rows


def _bind_volume(project, leaf, arch: Archive, group, part, parts, missing, notes, out_dir: Path,
                 build_time: dt.datetime) -> Volume:
    code, title = leaf.code, leaf.title
    rows = _rows(group)
    content = sum(r["end"] - r["start"] + 1 for r in rows)
    period = _period([r["doc"] for r in rows], arch.years)
    number = arch.archive_no(code, part, parts)
    label = f"{code} {title}" + (f"（卷{cn_numeral(part)}）" if part else "")
    info = dict(code=code, title=title, label=label, part=part, parts=parts, archive_no=number,
                period=period, docs=len(rows), pages=content,
                area=" / ".join(f"{n.code} {n.title}" for n in leaf.path()[:-1]), standard=leaf.standard, missing=missing, notes=notes,
                repaired=[r for r in rows if r["conv"].note],
                oversize=[r["seq"] for r in rows if r["conv"].pages > arch.limit], limit=arch.limit)
    front = draw_front(arch, info, rows)
    pad = 1 if arch.duplex and (1 + front.index_pages) % 2 == 1 else 0
    layout = _Layout(n_index=front.index_pages, pad=pad, content=content)
    path = out_dir / volume_filename(code, title, part)
    total = _write(path, out_dir, front, layout, rows, arch, label, number, build_time)
    return Volume(path=path, code=code, title=title, part=part,
                  docs=[(r["doc"], r["start"], r["end"]) for r in rows], pages=content,
                  first_page=layout.first_content + 1, last_page=layout.first_content + content, total_pages=total,
                  index_pages=layout.n_index, archive_no=number, period=period, parts=parts, missing=list(missing),
                  problems=list(notes))


@dataclass
class _Layout:
    """Where things are in a volume file: cover, index pages, [blank pad], content pages, note pages."""
    n_index: int
    pad: int
    content: int

    @property
    def n_front(self) -> int:
        return 1 + self.n_index + self.pad

    @property
    def first_content(self) -> int:              # 0-based index of content page 1
        return self.n_front

    @property
    def note_first(self) -> int:
        return self.n_front + self.content


def _write(path: Path, out_dir: Path, front, layout: _Layout, rows: list[dict], arch: Archive, label: str,
           number: str, build_time: dt.datetime) -> int:
    """Concatenate front matter, documents and note with qpdf's own page merging (pikepdf.Job: it copies the
    sources' streams lazily at write time, where Pdf.pages.extend would read every image into memory first),
    add numbers, links, bookmarks, labels and metadata, and save to `path`. Returns the page count."""
    import pikepdf

    opened = []
    work = Path(tempfile.mkdtemp(prefix=".bind-", dir=out_dir))
    try:
        front_pdf = work / "front.pdf"
        front_pdf.write_bytes(front.data)
        n_drawn = len(_count_pages(front.data))
        spec = [{"file": str(front_pdf), "range": f"1-{layout.n_front}"}]
        spec += [{"file": str(Path(r["conv"].pdf).resolve())} for r in rows]
        spec += [{"file": str(front_pdf), "range": f"{layout.n_front + 1}-{n_drawn}"}]
        try:
            # noWarn: qpdf's warnings about damaged sources would go through pikepdf's logging bridge, which
            # breaks (UnicodeDecodeError) on a warning holding a non-UTF-8 byte from the file
            job = pikepdf.Job({"empty": "", "pages": spec, "outputFile": str(work / "unused.pdf"), "noWarn": ""})
            out = job.create_pdf()
        except Exception:  # noqa: BLE001 - a converted file that vanished or broke since conversion
            raise DossierError(Problem(f"装订 {label} 时无法读取已转换的文件",
                                       hint="请重新运行 dossier build；若仍失败，删除构建缓存后再试"))
        opened.append(out)
        version = max([_pdf_header_version(Path(r["conv"].pdf)) for r in rows] + ["1.7"], key=_version_key)
        total = len(out.pages)
        _number_and_link(out, opened, layout, rows, front, arch)
        _outline(out, layout, rows)
        out.Root.PageLabels = _page_labels(layout, total)
        out.Root.PageMode = pikepdf.Name.UseOutlines
        out.Root.Lang = pikepdf.String("zh-CN")
        out.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        subject = f"{arch.series}佐证材料 档号 {number}"
        if arch.pdfa:
            make_pdfa(out, title=label, author=arch.fonds, subject=subject, identifier=number,
                      keywords=f"档号 {number}", when=build_time)
            version = "1.7"
        else:
            when = _pdf_date(build_time)
            out.docinfo = out.make_indirect(pikepdf.Dictionary(
                Title=pikepdf.String(label), Author=pikepdf.String(arch.fonds), Subject=pikepdf.String(subject),
                Creator=pikepdf.String("dossier"), Producer=pikepdf.String("dossier"),
                CreationDate=pikepdf.String(when), ModDate=pikepdf.String(when)))
        tmp = work / "volume.pdf"
        try:
            out.save(tmp, deterministic_id=True, encryption=False, fix_metadata_version=False,
                     **({"force_version": version} if arch.pdfa else {"min_version": version}))
        except OSError:
            raise
        except Exception:  # noqa: BLE001 - qpdf, and pikepdf's logging of a non-UTF-8 qpdf warning
            raise DossierError(Problem(f"装订 {label} 时写出失败：其中某个文件在写出时出错",
                                       hint="请重新运行 dossier build；若仍失败，把该卷的文件逐个另存为 PDF 后再放入"))
        os.replace(tmp, path)
        del job
    finally:
        for pdf in reversed(opened):
            pdf.close()
        shutil.rmtree(work, ignore_errors=True)
    return total


def _number_and_link(out, opened: list, layout: _Layout, rows: list[dict], front, arch: Archive) -> None:
    """Page numbers on the content pages; each index row a link to its document's first page."""
    if layout.content:
        font = stamp_font(out, opened)
        q_open = out.make_stream(b"q\n")
        for i in range(layout.content):
            stamp(out, out.pages[layout.first_content + i], i + 1, font, q_open, arch.duplex)
    for r, (idx_page, rect) in zip(rows, front.row_rects):
        target = out.pages[layout.first_content + r["start"] - 1]
        add_link(out, out.pages[1 + idx_page], rect, target)


def _outline(out, layout: _Layout, rows: list[dict]) -> None:
    """Bookmarks: 封面, 卷内目录, one per document, 备考表."""
    import pikepdf
    with out.open_outline() as outline:
        items = [pikepdf.OutlineItem("封面", 0), pikepdf.OutlineItem("卷内目录", 1)]
        for r in rows:
            items.append(pikepdf.OutlineItem(one_line(r["doc"].title) or one_line(r["doc"].path.stem),
                                             layout.first_content + r["start"] - 1))
        items.append(pikepdf.OutlineItem("备考表", layout.note_first))
        outline.root.extend(items)


def _page_labels(layout: _Layout, total: int):
    """Page labels as the pages are stamped: 封面, 目录 (目录1, 目录2…), [空白页], 1…N, 备考表."""
    import pikepdf
    label = lambda **kw: pikepdf.Dictionary(**kw)  # noqa: E731
    nums = [0, label(P=pikepdf.String("封面"))]
    if layout.n_index == 1:
        nums += [1, label(P=pikepdf.String("目录"))]
    else:
        nums += [1, label(P=pikepdf.String("目录"), S=pikepdf.Name.D, St=1)]
    if layout.pad:
        nums += [1 + layout.n_index, label(P=pikepdf.String("空白页"))]
    if layout.content:
        nums += [layout.first_content, label(S=pikepdf.Name.D, St=1)]
    if total - layout.note_first == 1:
        nums += [layout.note_first, label(P=pikepdf.String("备考表"))]
    else:
        nums += [layout.note_first, label(P=pikepdf.String("备考表"), S=pikepdf.Name.D, St=1)]
    return pikepdf.Dictionary(Nums=pikepdf.Array(nums))


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

"""Small evidence fixtures for the evidence, convert and bind tests, generated into tmp_path.

Everything is made on the fly (reportlab PDFs with the embedded CJK font, Pillow images, python-docx files), so
no binary fixture is committed.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

import yaml

from dossier.config import framework as fwm
from dossier.config.project import load_project

A4 = (595.2756, 841.8898)


def make_project(root: Path, *, archive: dict | None = None, name: str = "测试县") -> Path:
    """A content folder with just dossier.yaml (enough for evidence and binding)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    arch = {"全宗名称": f"{name}教育体育局", "档号": "JY·{年度}-{代码}", "保管期限": "永久", "每卷页数上限": 300,
            "双面": "否", "立卷人": "张明", "检查人": "李华", "立卷时间": "2025-10-30"}
    arch.update(archive or {})
    cfg = {"单位": {"全称": f"{name}人民政府", "简称": name, "级别": "县"}, "框架": "youzhi-2017",
           "评估年度": 2025, "佐证年度": [2023, 2024, 2025], "档案": arch, "输出": {"构建时间": "2025-10-30"}}
    (folder / "dossier.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "evidence").mkdir(exist_ok=True)
    return folder


def load(folder: Path):
    project = load_project(folder)
    return project, fwm.load(project.framework_name, project.root)


def make_pdf(path: Path, pages: int = 1, title: str = "测试文件", *, size=A4, rotate: int = 0) -> Path:
    """A PDF whose every page says `title 第n页` near the top left (nothing in the corners)."""
    from reportlab.pdfgen.canvas import Canvas

    from dossier.core.fonts import register
    serif, _ = register()
    path.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(path), pagesize=size, invariant=1, initialFontName=serif)
    for i in range(pages):
        c.setFont(serif, 14)
        c.drawString(72, size[1] - 160, f"{title} 第{i + 1}页")
        c.setFont(serif, 10)
        for j in range(10):
            c.drawString(72, size[1] - 200 - 16 * j, "正文内容，用于测试装订。")
        if rotate:
            c.setPageRotation(rotate)
        c.showPage()
    c.save()
    return path


def make_jpeg(path: Path, w: int = 600, h: int = 800, color="white") -> Path:
    from PIL import Image, ImageDraw
    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", (w, h), color)
    d = ImageDraw.Draw(im)
    d.rectangle([10, 10, w - 10, h - 10], outline="black", width=4)
    d.line([0, 0, w, h], fill="gray", width=3)
    im.save(path, format="JPEG", quality=80)
    return path


def make_docx(path: Path, title: str = "测试文档", paragraphs: int = 5) -> Path:
    import docx
    path.parent.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    d.add_heading(title, 1)
    for i in range(paragraphs):
        d.add_paragraph(f"第{i + 1}段：示例县义务教育学校网络多媒体教室使用情况良好。")
    d.save(path)
    return path


def tree_hashes(folder: Path) -> dict[str, str]:
    """rel path → sha256 of every file (links not followed), to prove sources are never modified."""
    out = {}
    for dirpath, _, files in os.walk(folder):
        for f in files:
            p = Path(dirpath) / f
            if p.is_symlink():
                out[str(p.relative_to(folder))] = "link:" + os.readlink(p)
            else:
                out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def pdftotext(pdf: Path, page: int | None = None, *, layout: bool = False, crop=None) -> str:
    """Text of one page (1-based) or the whole file; crop=(x, y, w, h) in points from the top left."""
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    if layout:
        cmd.append("-layout")
    if crop is not None:
        x, y, w, h = crop
        cmd += ["-r", "72", "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w)), "-H", str(int(h))]
    cmd += [str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) on a page as displayed (pdftotext -bbox, rotation applied), and the size."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    res = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        res.append((m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))))
    return res


def page_size(pdf: Path, page: int) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)], check=True,
                         capture_output=True).stdout.decode()
    m = re.search(r"Page\s+%d size:\s+([\d.]+) x ([\d.]+)" % page, out)
    rot = re.search(r"Page\s+%d rot:\s+(\d+)" % page, out)
    w, h = float(m.group(1)), float(m.group(2))
    if rot and int(rot.group(1)) % 180 == 90:
        w, h = h, w
    return w, h


def stamp_at(pdf: Path, page: int) -> tuple[str, str] | None:
    """The number stamped in a top corner of a page as displayed: (text, 'right' | 'left'), or None."""
    w, h = page_size(pdf, page)
    for text, x0, y0, x1, y1 in words(pdf, page):
        if text.isdigit() and y1 < 25 * 72 / 25.4:
            if x1 > w - 30 * 72 / 25.4:
                return text, "right"
            if x0 < 30 * 72 / 25.4:
                return text, "left"
    return None


def pdffonts(pdf: Path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True).stdout.decode()
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 7:
            rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows

"""The test kit: small real project folders, evidence documents and inspection helpers, generated into a
temporary folder by each test (reportlab PDFs with the embedded CJK font, Pillow images, python-docx files; no
binary fixture is committed).

    projects   make_project (a data project, or an evidence-only one), school, write_table, make_county, load
    documents  make_pdf, make_jpeg, make_docx
    looking    tree_hashes, pdftotext, words, page_size, stamp_at, pdffonts
"""
from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from dossier.config import framework as fwm
from dossier.config.project import load_project
from dossier.load.table import HEADERS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "示例县"
A4 = (595.2756, 841.8898)

BASE_SCHOOL = {
    "学校代码": "1001", "学校名称": "甲小学", "学校类型": "小学", "城乡类型": "城区",
    "小学在校生数": 1000, "小学班级数": 24, "小学最大班额": 45,
    "小学高于规定学历教师数": 50, "小学县级及以上骨干教师数": 12, "小学体育艺术专任教师数": 10,
    "教学及辅助用房面积": 5000, "体育运动场馆面积": 8000, "教学仪器设备值": 250, "网络多媒体教室数": 25,
    "音乐专用教室数": 2, "音乐专用教室面积": 200, "美术专用教室数": 2, "美术专用教室面积": 190,
    "专任教师数": 60, "持证专任教师数": 60,
}
ARCHIVE = {"全宗名称": "{name}教育体育局", "档号": "JY·{年度}-{代码}", "保管期限": "永久", "每卷页数上限": 300,
           "双面": "否", "立卷人": "张明", "检查人": "李华", "立卷时间": "2025-10-30"}


# ---------------------------------------------------------------------------------------------------- projects

def school(**overrides) -> dict:
    row = dict(BASE_SCHOOL)
    row.update(overrides)
    return row


def write_table(path: Path, rows: list[dict], headers: list[str] | None = None) -> Path:
    headers = headers or HEADERS
    if path.suffix == ".xlsx":
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.append(headers)
        for r in rows:
            ws.append([r.get(h) for h in headers])
        wb.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if r.get(h) is None else r.get(h) for h in headers])
    return path


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_project(root: Path, rows: list[dict] | None = None, *, level: str = "县", framework: str = "youzhi-2017",
                 facts: dict | None = None, people: dict | None = None, config: dict | None = None,
                 archive: dict | None = None, table: str = "学校基础数据.csv", name: str = "测试县") -> Path:
    """A content folder: dossier.yaml and, given `rows`, a school table (and the YAML facts given); without
    rows, an evidence-only project (dossier.yaml with 档案 settings and an empty evidence/ folder)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    cfg = {"单位": {"全称": f"{name}人民政府", "简称": name, "级别": level, "上级单位": "测试市人民政府",
                  "教育行政部门": f"{name}教育局"},
           "框架": framework, "评估年度": 2025, "佐证年度": [2023, 2024, 2025]}
    if rows is None or archive is not None:
        cfg["档案"] = {k: v.replace("{name}", name) if isinstance(v, str) else v for k, v in ARCHIVE.items()}
        cfg["档案"].update(archive or {})
        cfg["输出"] = {"构建时间": "2025-10-30"}
        (folder / "evidence").mkdir(exist_ok=True)
    cfg.update(config or {})
    _dump(folder / "dossier.yaml", cfg)
    if rows is not None:
        write_table(folder / table, rows)
    if facts is not None:
        _dump(folder / "指标数据.yaml", facts)
    if people is not None:
        _dump(folder / "人员.yaml", people)
    return folder


def load(folder: Path):
    project = load_project(folder)
    return project, fwm.load(project.framework_name, project.root)


DATA_FILES = ("dossier.yaml", "人员.yaml", "指标数据.yaml", "工作计划.yaml", "学校基础数据.xlsx", "学校基础数据.csv")


def make_county(tmp: Path, name: str = "测试县") -> Path:
    """The example county's data files (not its evidence) with seven evidence documents in four leaves: C1, C6
    (in sub-folders), C8 and C9; nothing that needs LibreOffice."""
    folder = Path(tmp) / name
    folder.mkdir(parents=True)
    for fname in DATA_FILES:
        if (EXAMPLE / fname).is_file():
            shutil.copy2(EXAMPLE / fname, folder / fname)
    ev = folder / "evidence"
    c1 = ev / "C1 每百名学生拥有高于规定学历教师数"
    make_pdf(c1 / "20230310_测教发〔2023〕5号_关于教师学历提升的通知.pdf", 3, "关于教师学历提升的通知", seed=1)
    make_pdf(c1 / "20240901_高于规定学历教师统计表.pdf", 2, "高于规定学历教师统计表", seed=2)
    make_jpeg(c1 / "20250301_教师花名册扫描件.jpg", seed=3)
    make_pdf(ev / "C6" / "2024年" / "20240520_教学仪器设备采购清单.pdf", 4, "教学仪器设备采购清单", seed=4)
    make_pdf(ev / "C6" / "2025年" / "20250520_教学仪器设备资产台账.pdf", 2, "教学仪器设备资产台账", seed=5)
    (ev / "C8 规划布局").mkdir(parents=True)
    (ev / "C8 规划布局" / "20230601_学校布局规划说明.md").write_text(
        "# 学校布局规划说明\n\n测试县义务教育学校布局规划经县政府批准实施。\n\n| 学段 | 学校数 |\n| --- | --- |\n"
        "| 小学 | 18 |\n| 初中 | 7 |\n", encoding="utf-8")
    make_pdf(ev / "C9" / "20230815_城乡统一编制标准.pdf", 1, "城乡统一的教职工编制标准", seed=6)
    return folder


# ---------------------------------------------------------------------------------------------------- documents

def make_pdf(path: Path, pages: int = 1, title: str = "测试文件", *, size=A4, rotate: int = 0,
             seed: int | None = None) -> Path:
    """A PDF whose every page says `title 第n页` near the top left (nothing in the corners); with a seed, its
    body lines carry random figures (different files of the same title)."""
    from reportlab.pdfgen.canvas import Canvas

    from dossier.core.fonts import register
    serif, _ = register()
    path.parent.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    c = Canvas(str(path), pagesize=size, invariant=1, initialFontName=serif)
    for i in range(pages):
        if seed is None:
            c.setFont(serif, 14)
            c.drawString(72, size[1] - 160, f"{title} 第{i + 1}页")
            c.setFont(serif, 10)
            for j in range(10):
                c.drawString(72, size[1] - 200 - 16 * j, "正文内容，用于测试装订。")
        else:
            c.setFont(serif, 16)
            c.drawString(72, 760, f"{title}（第{i + 1}页）")
            c.setFont(serif, 11)
            for line in range(20):
                c.drawString(72, 720 - line * 24, f"第{line + 1}行 测试数据 {rnd.randint(0, 10 ** 6)}")
        if rotate:
            c.setPageRotation(rotate)
        c.showPage()
    c.save()
    return path


def make_jpeg(path: Path, w: int = 600, h: int = 800, color="white", *, seed: int | None = None) -> Path:
    """A JPEG: a framed page with a diagonal; with a seed, a grey scan with lines of "text"."""
    from PIL import Image, ImageDraw
    path.parent.mkdir(parents=True, exist_ok=True)
    if seed is not None:
        rnd = random.Random(seed)
        im = Image.new("L", (620, 877), 245)
        d = ImageDraw.Draw(im)
        for k in range(30):
            y = 60 + k * 25
            d.line((50, y, 50 + rnd.randint(200, 520), y), fill=rnd.randint(20, 80), width=3)
    else:
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


# ---------------------------------------------------------------------------------------------------- looking

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

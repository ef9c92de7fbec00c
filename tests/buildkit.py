"""Small real projects with evidence, for the build and publish tests.

`make_county(tmp)` copies the example county's data files (not its evidence) into a temporary folder and adds
a handful of evidence documents: multi-page PDFs made with reportlab, a JPEG scan and a Markdown note, spread
over a few leaves. Nothing here needs LibreOffice; the drafts (if the drafts module is installed) are the
only Office files a build converts.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

from packetkit import tree_hashes  # noqa: F401  (one helper for every test that hashes sources)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "示例县"
DATA_FILES = ("dossier.yaml", "人员.yaml", "指标数据.yaml", "工作计划.yaml", "学校基础数据.xlsx", "学校基础数据.csv")


def make_pdf(path: Path, title: str, pages: int, seed: int = 0) -> Path:
    """A small multi-page PDF with a CJK title on every page (deterministic)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from dossier.core.fonts import register
    serif, _ = register()
    path.parent.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    c = Canvas(str(path), pagesize=A4, invariant=1, initialFontName=serif)
    for i in range(pages):
        c.setFont(serif, 16)
        c.drawString(72, 760, f"{title}（第{i + 1}页）")
        c.setFont(serif, 11)
        for line in range(20):
            c.drawString(72, 720 - line * 24, f"第{line + 1}行 测试数据 {rnd.randint(0, 10 ** 6)}")
        c.showPage()
    c.save()
    return path


def make_jpeg(path: Path, seed: int = 0) -> Path:
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    im = Image.new("L", (620, 877), 245)
    d = ImageDraw.Draw(im)
    for k in range(30):
        y = 60 + k * 25
        d.line((50, y, 50 + rnd.randint(200, 520), y), fill=rnd.randint(20, 80), width=3)
    im.save(path, "JPEG", quality=80)
    return path


def make_county(tmp: Path, name: str = "测试县") -> Path:
    """A county project with evidence for C1, C6 (in a sub-folder), C8 and C9; returns its folder."""
    folder = Path(tmp) / name
    folder.mkdir(parents=True)
    for fname in DATA_FILES:
        if (EXAMPLE / fname).is_file():
            shutil.copy2(EXAMPLE / fname, folder / fname)
    ev = folder / "evidence"
    make_pdf(ev / "C1 每百名学生拥有高于规定学历教师数" / "20230310_测教发〔2023〕5号_关于教师学历提升的通知.pdf",
             "关于教师学历提升的通知", 3, seed=1)
    make_pdf(ev / "C1 每百名学生拥有高于规定学历教师数" / "20240901_高于规定学历教师统计表.pdf",
             "高于规定学历教师统计表", 2, seed=2)
    make_jpeg(ev / "C1 每百名学生拥有高于规定学历教师数" / "20250301_教师花名册扫描件.jpg", seed=3)
    make_pdf(ev / "C6" / "2024年" / "20240520_教学仪器设备采购清单.pdf", "教学仪器设备采购清单", 4, seed=4)
    make_pdf(ev / "C6" / "2025年" / "20250520_教学仪器设备资产台账.pdf", "教学仪器设备资产台账", 2, seed=5)
    (ev / "C8 规划布局").mkdir(parents=True)
    (ev / "C8 规划布局" / "20230601_学校布局规划说明.md").write_text(
        "# 学校布局规划说明\n\n测试县义务教育学校布局规划经县政府批准实施。\n\n| 学段 | 学校数 |\n| --- | --- |\n"
        "| 小学 | 18 |\n| 初中 | 7 |\n", encoding="utf-8")
    make_pdf(ev / "C9" / "20230815_城乡统一编制标准.pdf", "城乡统一的教职工编制标准", 1, seed=6)
    return folder

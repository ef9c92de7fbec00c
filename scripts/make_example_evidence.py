#!/usr/bin/env python3
"""Generate the fictional evidence (佐证材料) bundled with the two example projects.

Writes

* ``content/示例县/evidence/``: one folder per leaf indicator C1–C32 of youzhi-2017, named
  ``C<n> <title>``, each with 2–5 documents over 2023–2025: 公文-style PDFs with a red 版头, 文号,
  tables, signature and seal; some plain-named tables and rosters; a few .docx and .xlsx files;
  "scanned" JPEGs, one multi-page TIFF, one PNG screenshot, one Markdown and one text file; two
  folders carry a 目录 (目录.csv, 目录.xlsx), C1 uses year sub-folders;
* ``content/示例学校/evidence/``: a handful of documents of the example school for C1, C25, C28, C29.

Every unit, person and figure is fictional.  Figures come from the example projects' own data
(``学校基础数据.xlsx`` / ``.csv``, ``指标数据.yaml``, ``人员.yaml``) where those exist, so the evidence
agrees with the school table; fallbacks keep the script usable without them.

A few expected evidence items are left out on purpose so that the coverage report has something
to show (see MISSING below).

The output is deterministic (same bytes on every run): reportlab runs in invariant mode with
SOURCE_DATE_EPOCH set to each document's date, random numbers are seeded per document, Office
document properties are fixed and zip members carry a fixed timestamp.

    .venv/bin/python scripts/make_example_evidence.py
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import math
import os
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics import shapes
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib import textsplit as rl_textsplit
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dossier.core import fonts  # noqa: E402

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
SERIF_TTC = "/usr/share/fonts/truetype/arphic/uming.ttc"
SANS_TTC = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

COUNTY_DIR = ROOT / "content" / "示例县"
SCHOOL_DIR = ROOT / "content" / "示例学校"
FRAMEWORK = ROOT / "dossier" / "frameworks" / "youzhi-2017.yaml"

COUNTY = "示例县"
CITY = "示例市"
BUREAU = "示例县教育体育局"
GOV = "示例县人民政府"
GOV_OFFICE = "示例县人民政府办公室"
FINANCE = "示例县财政局"
HRSS = "示例县人力资源和社会保障局"
BIANBAN = "中共示例县委机构编制委员会办公室"
YEARS = (2023, 2024, 2025)

# Expected evidence items deliberately left without a document (reported by the coverage check).
MISSING = {
    "C3": ["教师任课安排表"],
    "C15": ["工资发放明细"],
    "C24": ["送教上门记录"],
}

RED = colors.Color(0.84, 0.07, 0.09)
BLACK = colors.black
PAGE_W, PAGE_H = A4


# ---------------------------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------------------------

def rng_for(*key) -> random.Random:
    """A random generator seeded from a key, so each document's numbers do not depend on order."""
    h = hashlib.sha256("|".join(str(k) for k in key).encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def ymd(d: dt.date) -> str:
    return d.strftime("%Y%m%d")


def D(s: str) -> dt.date:
    return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))


def epoch(d: dt.date) -> int:
    """09:00 China time on that day, as a Unix time."""
    return calendar.timegm((d.year, d.month, d.day, 1, 0, 0))


def fmt(v: float, nd: int = 2) -> str:
    return f"{v:,.{nd}f}"


def pct(a: float, b: float, nd: int = 1) -> str:
    return f"{(100.0 * a / b if b else 0):.{nd}f}"


CN_NUM = "一二三四五六七八九十"


def cn_n(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    return CN_NUM[n // 10 - 1] + "十" + (CN_NUM[n % 10 - 1] if n % 10 else "")


# ---------------------------------------------------------------------------------------------
# Data from the example projects (with fallbacks)
# ---------------------------------------------------------------------------------------------

NUM_COLS = ["小学在校生数", "初中在校生数", "高中在校生数", "小学班级数", "初中班级数", "小学最大班额",
            "初中最大班额", "小学高于规定学历教师数", "初中高于规定学历教师数", "小学县级及以上骨干教师数",
            "初中县级及以上骨干教师数", "小学体育艺术专任教师数", "初中体育艺术专任教师数", "教学及辅助用房面积",
            "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数", "音乐专用教室数", "音乐专用教室面积",
            "美术专用教室数", "美术专用教室面积", "专任教师数", "持证专任教师数", "计算机台数", "图书册数",
            "中级及以上职称教师数"]

FALLBACK_SCHOOLS = [
    ("示例县第一小学", "小学", "城区"), ("示例县第二小学", "小学", "城区"), ("示例县实验小学", "小学", "城区"),
    ("青石镇中心小学", "小学", "镇区"), ("柳河镇中心小学", "小学", "镇区"), ("白沙镇中心小学", "小学", "镇区"),
    ("龙泉镇中心小学", "小学", "镇区"), ("青石镇石门小学", "小学", "乡村"), ("柳河镇河湾小学", "小学", "乡村"),
    ("白沙镇黄坪小学", "小学", "乡村"), ("龙泉镇松林小学", "小学", "乡村"), ("清溪乡中心小学", "小学", "乡村"),
    ("马鞍乡中心小学", "小学", "乡村"), ("石门小学黄泥塘教学点", "教学点", "乡村"),
    ("松林小学杉木坪教学点", "教学点", "乡村"), ("示例县第一中学", "初中", "城区"),
    ("示例县第二中学", "初中", "城区"), ("青石镇中学", "初中", "镇区"), ("柳河镇中学", "初中", "镇区"),
    ("白沙镇中学", "初中", "镇区"), ("清溪乡中学", "初中", "乡村"),
    ("示例县第一九年一贯制学校", "九年一贯制学校", "城区"), ("龙泉镇九年一贯制学校", "九年一贯制学校", "镇区"),
    ("大坪乡九年一贯制学校", "九年一贯制学校", "乡村"), ("示例县民族中学", "完全中学", "城区"),
]


@dataclass
class School:
    code: str
    name: str
    kind: str
    area: str
    v: dict = field(default_factory=dict)

    def n(self, col: str) -> float:
        x = self.v.get(col)
        return float(x) if x not in (None, "") else 0.0

    @property
    def primary(self) -> bool:
        return self.kind in ("小学", "教学点", "九年一贯制学校", "十二年一贯制学校")

    @property
    def junior(self) -> bool:
        return self.kind in ("初中", "九年一贯制学校", "十二年一贯制学校", "完全中学")

    @property
    def students(self) -> int:
        return int(self.n("小学在校生数") + self.n("初中在校生数"))

    @property
    def classes(self) -> int:
        return int(self.n("小学班级数") + self.n("初中班级数"))

    @property
    def short(self) -> str:
        return self.name.replace("示例县", "")


def _fallback_row(name: str, kind: str, area: str, i: int) -> dict:
    r = rng_for("fallback", name)
    big = {"城区": 3.0, "镇区": 1.6, "乡村": 0.6}[area]
    v: dict = {}
    if kind in ("小学", "教学点", "九年一贯制学校"):
        s = int((30 if kind == "教学点" else 500) * big * r.uniform(0.8, 1.2))
        v["小学在校生数"], v["小学班级数"] = s, max(3, s // 43)
        v["小学高于规定学历教师数"] = int(s * 0.05)
        v["小学县级及以上骨干教师数"] = max(1, int(s * 0.012))
        v["小学体育艺术专任教师数"] = max(1, int(s * 0.01))
    if kind in ("初中", "九年一贯制学校", "完全中学"):
        s = int(450 * big * r.uniform(0.8, 1.2))
        v["初中在校生数"], v["初中班级数"] = s, max(3, s // 46)
        v["初中高于规定学历教师数"] = int(s * 0.065)
        v["初中县级及以上骨干教师数"] = max(1, int(s * 0.012))
        v["初中体育艺术专任教师数"] = max(1, int(s * 0.01))
    st = v.get("小学在校生数", 0) + v.get("初中在校生数", 0)
    v["教学及辅助用房面积"] = round(st * r.uniform(4.8, 6.5))
    v["体育运动场馆面积"] = round(st * r.uniform(7.5, 12))
    v["教学仪器设备值"] = round(st * r.uniform(0.2, 0.35), 1)
    v["网络多媒体教室数"] = max(2, st // 40)
    v["音乐专用教室数"] = v["美术专用教室数"] = max(1, st // 500)
    v["音乐专用教室面积"] = v["音乐专用教室数"] * 98
    v["美术专用教室面积"] = v["美术专用教室数"] * 92
    v["专任教师数"] = v["持证专任教师数"] = int(st * 0.07) + 2
    return v


def load_schools(project: Path) -> list[School]:
    xlsx, csvf = project / "学校基础数据.xlsx", project / "学校基础数据.csv"
    rows: list[dict] = []
    if xlsx.is_file():
        import openpyxl
        wb = openpyxl.load_workbook(xlsx, data_only=True, read_only=True)
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        head = [str(h).strip() if h is not None else "" for h in next(it)]
        for r in it:
            if r and r[0] not in (None, ""):
                rows.append(dict(zip(head, r)))
        wb.close()
    elif csvf.is_file():
        with open(csvf, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    schools = []
    for r in rows:
        if not r.get("学校名称"):
            continue
        v = {}
        for c in NUM_COLS:
            x = r.get(c)
            try:
                v[c] = float(x) if x not in (None, "") else None
            except (TypeError, ValueError):
                v[c] = None
        schools.append(School(str(r.get("学校代码") or ""), str(r["学校名称"]).strip(),
                              str(r.get("学校类型") or "小学").strip(), str(r.get("城乡类型") or "乡村").strip(), v))
    return schools


def county_schools() -> list[School]:
    s = load_schools(COUNTY_DIR)
    if s:
        return s
    return [School(f"53012300{i + 1:02d}", n, k, a, _fallback_row(n, k, a, i))
            for i, (n, k, a) in enumerate(FALLBACK_SCHOOLS)]


def load_yaml(path: Path) -> dict:
    if path.is_file():
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f) or {}
    return {}


def deep_get(d: dict, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def load_framework() -> dict[str, tuple[str, list[str]]]:
    fw = load_yaml(FRAMEWORK)
    out = {}

    def walk(nodes):
        for n in nodes:
            if n.get("children"):
                walk(n["children"])
            else:
                out[n["code"]] = (n["title"], list(n.get("evidence") or []))
    walk(fw.get("areas", []))
    return out


def hist(value: float, year: int, key, growth: float = 0.03, nd: int | None = 0) -> float:
    """A plausible earlier-year figure for a 2025 value (seeded wobble around a trend)."""
    if year >= 2025:
        x = value
    else:
        r = rng_for("hist", key, year)
        x = value * (1 - growth * (2025 - year)) * (1 + r.uniform(-0.012, 0.012))
    return round(x, nd) if nd else int(round(x))


# ---------------------------------------------------------------------------------------------
# Fictional people
# ---------------------------------------------------------------------------------------------

# Name pools kept small on purpose: every distinct character costs bytes in every PDF that shows it.
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许沈彭苏蒋蔡丁叶余杜夏钟汪田姚方石金陆李王张杨李刘陈"
GIVEN_M = "伟强磊军洋勇杰涛明超刚平辉鹏华国文斌宇浩凯晨俊海波志东飞鑫林峰成龙兴德云"
GIVEN_F = "芳娜敏静丽艳娟秀霞英玉萍红玲燕婷雪琳欣怡涵琪梅丹兰凤颖慧莉佳"


def person(r: random.Random, gender: str | None = None) -> tuple[str, str]:
    g = gender or r.choice("男女")
    pool = GIVEN_M if g == "男" else GIVEN_F
    given = r.choice(pool) + (r.choice(pool) if r.random() < 0.62 else "")
    return r.choice(SURNAMES) + given, g


COLLEGES = ["示例师范学院", "示例省师范大学", "示例市第一师范学校", "示例省教育学院", "示例省开放大学",
            "示例市幼儿师范高等专科学校", "示例省体育学院", "示例省艺术学院", "示例理工学院"]
PRIMARY_SUBJECTS = ["语文"] * 9 + ["数学"] * 8 + ["英语"] * 3 + ["科学"] * 2 + ["道德与法治"] * 2 + ["信息科技", "综合实践活动"]
JUNIOR_SUBJECTS = (["语文"] * 5 + ["数学"] * 5 + ["英语"] * 4 + ["物理"] * 2 + ["化学"] * 2 + ["生物学"] * 2
                   + ["道德与法治"] * 2 + ["历史"] * 2 + ["地理"] * 2 + ["信息科技"])


@dataclass
class Teacher:
    name: str
    gender: str
    born: str
    edu: str
    college: str
    major: str
    subject: str
    title: str
    cert: str
    cert_no: str
    backbone: str
    start: int


def make_teachers(school: School, key: str = "") -> list[Teacher]:
    """A roster consistent with the school table's teacher counts."""
    r = rng_for("teachers", school.name, key)
    total = int(school.n("专任教师数")) or 40
    above = int(school.n("小学高于规定学历教师数") + school.n("初中高于规定学历教师数")) or int(total * 0.95)
    art = int(school.n("小学体育艺术专任教师数") + school.n("初中体育艺术专任教师数")) or max(2, total // 9)
    bb = int(school.n("小学县级及以上骨干教师数") + school.n("初中县级及以上骨干教师数"))
    certified = int(school.n("持证专任教师数") or total)
    junior_share = school.n("初中在校生数") / max(1, school.students)
    out = []
    art_subjects = ["体育与健康", "音乐", "美术"]
    for i in range(total):
        name, g = person(r)
        jun = r.random() < junior_share
        born_y = r.randint(1968, 2000)
        start = min(2024, born_y + r.randint(21, 24))
        if i < art:
            subject = art_subjects[i % 3]
            major = {"体育与健康": "体育教育", "音乐": "音乐学", "美术": "美术学"}[subject]
        else:
            subject = r.choice(JUNIOR_SUBJECTS if jun else PRIMARY_SUBJECTS)
            major = {"语文": "汉语言文学", "数学": "数学与应用数学", "英语": "英语", "科学": "科学教育",
                     "物理": "物理学", "化学": "化学", "生物学": "生物科学", "历史": "历史学", "地理": "地理科学",
                     "信息科技": "计算机科学与技术", "道德与法治": "思想政治教育"}.get(subject, "小学教育")
        if i >= above:
            edu = "中专" if not jun else "专科"
        else:
            if jun:
                edu = "研究生" if r.random() < 0.06 else "本科"
            else:
                edu = r.choices(["研究生", "本科", "专科"], [2, 70, 28])[0]
        college = r.choice(COLLEGES)
        age = 2025 - born_y
        title = ("高级教师" if age > 48 and r.random() < 0.5 else "一级教师" if age > 34 else
                 "二级教师" if age > 26 else "未定级")
        cert = "初级中学教师资格" if jun else "小学教师资格"
        if jun and r.random() < 0.15:
            cert = "高级中学教师资格"
        cert_no = f"{start + r.randint(0, 1)}53{r.randint(10000000, 99999999):08d}{r.randint(100, 999)}"
        out.append(Teacher(name, g, f"{born_y}.{r.randint(1, 12):02d}", edu, college, major, subject, title,
                           cert, cert_no, "", start))
    # backbone teachers: among experienced teachers
    idx = sorted(range(total), key=lambda k: (out[k].start, k))[: max(0, bb)]
    levels = ["县级"] * 7 + ["市级"] * 2 + ["省级"]
    for k in idx:
        out[k].backbone = r.choice(levels)
    for k in range(certified, total):
        out[k].cert, out[k].cert_no = "（在考）", ""
    r.shuffle(out)
    return out


# ---------------------------------------------------------------------------------------------
# PDF engine: 公文 (GB/T 9704-like), reports and forms
# ---------------------------------------------------------------------------------------------

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
ST_CELL_L = ParagraphStyle("cell_l", parent=ST_CELL, alignment=TA_LEFT)
ST_HEAD = ParagraphStyle("head", parent=ST_CELL, fontName=HEI)


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


def right(text: str) -> Paragraph:
    return Paragraph(esc(text), ST_RIGHT)


def table(header, rows, widths, *, font=10.5, head_rows=1, spans=(), left_cols=(), total_width=None,
          repeat=True, row_h=None, zebra=False):
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
    t = Table(data, colWidths=cw, repeatRows=len(header) if repeat else 0,
              rowHeights=row_h if row_h is None else [row_h] * len(data))
    style = [("FONTNAME", (0, 0), (-1, -1), TEXT), ("GRID", (0, 0), (-1, -1), 0.5, BLACK), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 2.2 if font >= 10 else 1.4),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6 if font >= 10 else 1.9),
             ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
             ("BACKGROUND", (0, 0), (-1, len(header) - 1), colors.Color(0.93, 0.93, 0.93))]
    for sp in spans:
        style.append(("SPAN",) + tuple(sp))
    if zebra:
        for i in range(len(header), len(data), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), colors.Color(0.97, 0.97, 0.97)))
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
                          author=author, subject=subject, creator="示例县教育体育局", lang="zh-CN",
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


# ---------------------------------------------------------------------------------------------
# Office files (python-docx, openpyxl), with fixed properties and zip timestamps
# ---------------------------------------------------------------------------------------------

def write_zip_fixed(path: Path, blob: bytes, when: dt.date) -> None:
    """Rewrite an OOXML zip with fixed member timestamps and fixed core-property dates."""
    stamp = f"{when.isoformat()}T09:00:00Z"
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\g<3>", text)
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def write_docx(path: Path, *, doc_title: str, blocks: list, when: dt.date, author: str,
               sign: str | None = None, sign_date: dt.date | None = None) -> None:
    """A GB/T 9704-style .docx: blocks are ("p"|"h1"|"h2"|"pn", text) or ("table", header, rows)."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    def set_font(run, name, size=None, bold=None):
        run.font.name = name
        rpr = run._element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(a), name)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        if size:
            run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    sec.footer_distance = Mm(25)
    normal = doc.styles["Normal"]
    normal.font.name = "仿宋_GB2312"
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), "仿宋_GB2312")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    for dl in doc.styles.element.findall(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang")):
        dl.set(qn("w:eastAsia"), "zh-CN")
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28.9)
    pf.space_before = pf.space_after = Pt(0)

    def para(text, font="仿宋_GB2312", size=16, align=None, indent=True, bold=None):
        par = doc.add_paragraph()
        if align is not None:
            par.alignment = align
        if indent:
            par.paragraph_format.first_line_indent = Pt(32)
        set_font(par.add_run(text), font, size, bold)
        return par

    t = para(doc_title, "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    t.paragraph_format.line_spacing = Pt(36)
    t.paragraph_format.space_after = Pt(16)
    for b in blocks:
        kind = b[0]
        if kind == "p":
            para(b[1])
        elif kind == "pn":
            para(b[1], indent=False)
        elif kind == "h1":
            para(b[1], "黑体")
        elif kind == "h2":
            para(b[1], "楷体_GB2312")
        elif kind == "center":
            para(b[1], "黑体", 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        elif kind == "table":
            header, rows = b[1], b[2]
            tb = doc.add_table(rows=1 + len(rows), cols=len(header))
            tb.style = "Table Grid"
            tb.alignment = WD_TABLE_ALIGNMENT.CENTER
            for i, row in enumerate([header] + list(rows)):
                for j, val in enumerate(row):
                    cell = tb.cell(i, j)
                    cp = cell.paragraphs[0]
                    cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    cp.paragraph_format.line_spacing = Pt(16)
                    set_font(cp.add_run(str(val)), "黑体" if i == 0 else "仿宋_GB2312", 10.5)
    if sign:
        doc.add_paragraph()
        for text in (sign, cn_date(sign_date or when)):
            par = para(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            par.paragraph_format.right_indent = Pt(64)
    # page number: "— 1 —"
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(fp.add_run("— "), "宋体", 14)
    r = fp.add_run()
    set_font(r, "宋体", 14)
    for tag, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if tag:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), tag)
            r._element.append(fc)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._element.append(it)
    set_font(fp.add_run(" —"), "宋体", 14)

    stamp = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = author
    cp.title = doc_title
    cp.created = cp.modified = cp.last_printed = stamp
    cp.revision = 1
    cp.comments = ""
    bio = io.BytesIO()
    doc.save(bio)
    write_zip_fixed(path, bio.getvalue(), when)


def write_xlsx(path: Path, sheets: list[dict], when: dt.date, author: str) -> None:
    """sheets: dicts with name, title, header (list or list of rows), rows, widths, merges, notes, number_format."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for sh in sheets:
        ws = wb.create_sheet(sh["name"])
        header = sh["header"] if isinstance(sh["header"][0], (list, tuple)) else [sh["header"]]
        ncol = len(header[-1])
        r0 = 1
        if sh.get("title"):
            ws.cell(1, 1, sh["title"]).font = Font(name="黑体", size=16)
            ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
            ws.row_dimensions[1].height = 30
            r0 = 2
        if sh.get("unit"):
            ws.cell(r0, 1, sh["unit"]).font = Font(name="宋体", size=10)
            ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=ncol)
            r0 += 1
        for i, hr in enumerate(header):
            for j, val in enumerate(hr, 1):
                c = ws.cell(r0 + i, j, val)
                c.font = Font(name="黑体", size=10.5)
                c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                c.fill = PatternFill("solid", fgColor="E7E6E6")
                c.border = border
        for m in sh.get("merges", []):
            ws.merge_cells(start_row=r0 + m[0], start_column=m[1] + 1, end_row=r0 + m[2], end_column=m[3] + 1)
        first = r0 + len(header)
        for i, row in enumerate(sh["rows"]):
            for j, val in enumerate(row, 1):
                c = ws.cell(first + i, j, val)
                c.font = Font(name="宋体", size=10.5)
                c.border = border
                c.alignment = Alignment(horizontal="left" if j in sh.get("left", ()) else "center",
                                        vertical="center")
                fmt_ = sh.get("formats", {}).get(j)
                if fmt_ and isinstance(val, (int, float)):
                    c.number_format = fmt_
        for j, w in enumerate(sh.get("widths", []), 1):
            ws.column_dimensions[get_column_letter(j)].width = w
        end = first + len(sh["rows"])
        for k, note in enumerate(sh.get("notes", [])):
            ws.cell(end + 1 + k, 1, note).font = Font(name="宋体", size=10)
        ws.freeze_panes = ws.cell(first, 2 if sh.get("freeze_col", True) else 1)
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if sum(sh.get("widths", [])) > 110 else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = f"{r0}:{first - 1}"
        ws.sheet_view.zoomScale = 100
    stamp = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
    wb.properties.creator = wb.properties.lastModifiedBy = author
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = sheets[0].get("title") or sheets[0]["name"]
    bio = io.BytesIO()
    wb.save(bio)
    write_zip_fixed(path, bio.getvalue(), when)


# ---------------------------------------------------------------------------------------------
# "Scanned" pages (Pillow)
# ---------------------------------------------------------------------------------------------

_FONT_CACHE: dict = {}


def pil_font(px: int, sans: bool = False) -> ImageFont.FreeTypeFont:
    key = (px, sans)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(SANS_TTC if sans else SERIF_TTC, size=max(6, px), index=0)
    return _FONT_CACHE[key]


INK = (22, 22, 24)
BLUE_INK = (28, 40, 105)
SEAL_RED = (214, 38, 42)


class Sheet:
    """An A4 (or other) page drawn with Pillow, in millimetres, to be 'scanned' by finish()."""

    def __init__(self, dpi: int = 110, w_mm: float = 210, h_mm: float = 297, rng: random.Random | None = None):
        self.dpi = dpi
        self.W, self.H = round(w_mm / 25.4 * dpi), round(h_mm / 25.4 * dpi)
        self.img = Image.new("RGB", (self.W, self.H), "white")
        self.d = ImageDraw.Draw(self.img)
        self.ink_layer = Image.new("RGB", (self.W, self.H), "white")   # seals, multiplied in at the end
        self.rng = rng or random.Random(0)

    def px(self, v_mm: float) -> int:
        return round(v_mm / 25.4 * self.dpi)

    def fpx(self, pt: float) -> int:
        return round(pt * self.dpi / 72)

    def text(self, x, y, s, pt=12, sans=False, fill=INK, anchor="la"):
        self.d.text((self.px(x), self.px(y)), s, font=pil_font(self.fpx(pt), sans), fill=fill, anchor=anchor)

    def ctext(self, y, s, pt=12, sans=False, fill=INK, cx=None):
        self.text(cx if cx is not None else self.W / self.dpi * 25.4 / 2, y, s, pt, sans, fill, anchor="ma")

    def wrap_text(self, x, y, w, s, pt=12, lead=1.7, indent=2, sans=False, fill=INK):
        """Simple CJK wrapping; returns the y below the paragraph."""
        f = pil_font(self.fpx(pt), sans)
        maxw = self.px(w)
        line, lines = "　" * indent, []
        for ch in s:
            if f.getlength(line + ch) > maxw and ch not in "，。、；：？！”’》）":   # punctuation hangs
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        for ln in lines:
            self.d.text((self.px(x), self.px(y)), ln, font=f, fill=fill)
            y += pt * lead * 25.4 / 72
        return y

    def line(self, x1, y1, x2, y2, w=1.6, fill=INK):
        self.d.line([(self.px(x1), self.px(y1)), (self.px(x2), self.px(y2))], fill=fill, width=max(1, round(w)))

    def rect(self, x1, y1, x2, y2, w=1.6, fill=None, outline=INK):
        self.d.rectangle([self.px(x1), self.px(y1), self.px(x2), self.px(y2)], fill=fill, outline=outline,
                         width=max(1, round(w)))

    def grid(self, x0, y0, widths, heights, w=1.4):
        xs = [x0]
        for cw in widths:
            xs.append(xs[-1] + cw)
        ys = [y0]
        for rh in heights:
            ys.append(ys[-1] + rh)
        for x in xs:
            self.line(x, ys[0], x, ys[-1], w)
        for y in ys:
            self.line(xs[0], y, xs[-1], y, w)
        return xs, ys

    def cell_text(self, xs, ys, i, j, s, pt=10, sans=False, fill=INK):
        cx = (xs[j] + xs[j + 1]) / 2
        cy = (ys[i] + ys[i + 1]) / 2
        self.d.text((self.px(cx), self.px(cy)), s, font=pil_font(self.fpx(pt), sans), fill=fill, anchor="mm")

    def hand(self, x, y, s, pt=12, ink=BLUE_INK, anchor_center=False):
        """Handwriting-like text: each character jittered in place, size and angle."""
        r = self.rng
        size = self.fpx(pt)
        f = pil_font(size, True)
        total = sum(f.getlength(ch) * 0.98 for ch in s)
        cx = self.px(x) - (total / 2 if anchor_center else 0)
        cy = self.px(y)
        for ch in s:
            cs = max(6, int(size * r.uniform(0.9, 1.12)))
            tile = Image.new("L", (cs * 2, cs * 2), 0)
            ImageDraw.Draw(tile).text((cs // 2, cs // 2), ch, font=pil_font(cs, True), fill=255)
            tile = tile.rotate(r.uniform(-7, 7), resample=Image.BICUBIC)
            self.img.paste(Image.new("RGB", tile.size, ink),
                           (int(cx - cs // 2), int(cy - cs // 2 + r.uniform(-1.5, 1.5) * self.dpi / 100)), tile)
            cx += f.getlength(ch) * r.uniform(0.9, 1.02)

    def tick(self, x, y, size=4.0, ink=BLUE_INK):
        r = self.rng
        pts = [(x, y + size * 0.5), (x + size * 0.35, y + size), (x + size, y - size * 0.2 + r.uniform(-0.4, 0.4))]
        self.d.line([(self.px(a), self.px(b)) for a, b in pts], fill=ink, width=max(2, self.px(0.5)))

    def seal(self, cx, cy, r_mm, text, bottom: str | None = None, star=True, color=SEAL_RED):
        """A red round seal drawn on the multiply layer (ink shows through)."""
        layer, d = self.ink_layer, ImageDraw.Draw(self.ink_layer)
        R, X, Y = self.px(r_mm), self.px(cx), self.px(cy)
        d.ellipse([X - R, Y - R, X + R, Y + R], outline=color, width=max(2, round(R * 0.06)))
        if star:
            pts = []
            for i in range(10):
                a = math.radians(-90 + i * 36)
                rr = R * 0.3 if i % 2 == 0 else R * 0.3 * 0.382
                pts.append((X + rr * math.cos(a), Y + rr * math.sin(a)))
            d.polygon(pts, fill=color)
        n = len(text)
        span = min(250.0, 21.0 * n + 20)
        fs = max(8, round(R * 0.3 * 12 / max(n, 12) + R * 0.05))
        for i, ch in enumerate(text):
            ang = 90 + span / 2 - span * (i + 0.5) / n      # degrees, counter-clockwise from east
            a = math.radians(ang)
            tile = Image.new("L", (fs * 2, fs * 2), 0)
            ImageDraw.Draw(tile).text((fs, fs), ch, font=pil_font(fs, True), fill=255, anchor="mm")
            tile = tile.rotate(ang - 90, resample=Image.BICUBIC)
            px_, py_ = X + R * 0.74 * math.cos(a), Y - R * 0.74 * math.sin(a)
            layer.paste(Image.new("RGB", tile.size, color), (round(px_ - fs), round(py_ - fs)), tile)
        if bottom:
            d.text((X, Y + R * 0.55), bottom, font=pil_font(max(8, round(R * 0.2)), True), fill=color, anchor="mm")

    def photo_box(self, x1, y1, x2, y2):
        """A pasted ID photo: grey head-and-shoulders silhouette."""
        self.rect(x1, y1, x2, y2, 1, fill=(120, 150, 200), outline=(80, 80, 80))
        cx, w, h = (x1 + x2) / 2, x2 - x1, y2 - y1
        self.d.ellipse([self.px(cx - w * 0.2), self.px(y1 + h * 0.15), self.px(cx + w * 0.2),
                        self.px(y1 + h * 0.55)], fill=(70, 62, 58))
        self.d.ellipse([self.px(cx - w * 0.42), self.px(y1 + h * 0.6), self.px(cx + w * 0.42),
                        self.px(y2 + h * 0.3)], fill=(40, 44, 60))
        self.rect(x1, y1, x2, y2, 1, outline=(80, 80, 80))


def finish(sheet: Sheet, rng: random.Random, *, angle: float, gray: bool = False, copy: bool = False,
           paper=(244, 242, 236)) -> Image.Image:
    """Turn a clean page into a scan: paper tone and texture, slight blur, rotation, noise, specks."""
    img = ImageChops.multiply(sheet.img, sheet.ink_layer)
    W, H = img.size
    sw, sh = W // 28 + 2, H // 28 + 2
    tex = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh)).point(lambda v: 236 + v * 16 // 255)
    tex = tex.resize((W, H), Image.BILINEAR)
    tint = Image.merge("RGB", [tex.point(lambda v, d=d: max(0, min(255, v + d)))
                               for d in (paper[0] - 244, paper[1] - 242, paper[2] - 236)])
    if copy:   # photocopies: greyer, a dark band at one edge
        band = Image.new("L", (W, H), 255)
        bd = ImageDraw.Draw(band)
        for k in range(40):
            bd.line([(0, k), (W, k)], fill=150 + k * 2)
        tint = ImageChops.multiply(tint, Image.merge("RGB", [band] * 3))
    img = ImageChops.multiply(img, tint)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(206, 206, 202))
    noise = Image.frombytes("L", (W, H), rng.randbytes(W * H)).point(lambda v: 128 + (v - 128) // 48)
    img = ImageChops.add(img, Image.merge("RGB", [noise] * 3), 1.0, -128)
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(6, 14)):     # dust
        x, y, s = rng.randrange(W), rng.randrange(H), rng.choice((1, 1, 2, 2, 3))
        g = rng.randint(60, 150)
        d.ellipse([x, y, x + s, y + s], fill=(g, g, g))
    return img.convert("L") if gray else img


def save_jpeg(path: Path, img: Image.Image, dpi: int, quality: int = 70) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)


# ---------------------------------------------------------------------------------------------
# Context shared by the leaf generators
# ---------------------------------------------------------------------------------------------

@dataclass
class Ctx:
    root: Path                    # .../evidence
    schools: list[School]
    facts: dict
    people: dict
    leaves: dict                  # code -> (title, evidence items)
    written: list = field(default_factory=list)

    def leaf(self, code: str, *sub: str) -> Path:
        d = self.root / f"{code} {self.leaves[code][0]}"
        for s in sub:
            d = d / s
        d.mkdir(parents=True, exist_ok=True)
        return d

    def school(self, name: str) -> School:
        for s in self.schools:
            if s.name == name:
                return s
        return self.schools[0]

    def by_kind(self, *kinds: str) -> list[School]:
        return [s for s in self.schools if s.kind in kinds]

    @property
    def primaries(self) -> list[School]:
        return [s for s in self.schools if s.primary]

    @property
    def juniors(self) -> list[School]:
        return [s for s in self.schools if s.junior]

    def fact(self, code: str, name: str, default):
        v = deep_get(self.facts, code, name)
        return default if v is None else v


def dated(date: dt.date, docno: str, name: str) -> str:
    """The usual evidence file name: 日期_文号_题名.pdf."""
    return f"{ymd(date)}_{docno}_{name}.pdf"


def phone(r: random.Random) -> str:
    return f"{r.randint(6120000, 6189999)}"


def contact(r: random.Random, dept: str, name: str) -> str:
    return f"联系人：{dept} {name}，联系电话：{phone(r)}。"


def stage_split(s: School, col: str) -> dict:
    """A whole-school count split between 学段 by weighted enrolment (as the framework does)."""
    w = {"小学": s.n("小学在校生数") * 1.0, "初中": s.n("初中在校生数") * 1.1, "高中": s.n("高中在校生数") * 1.32}
    tot = sum(w.values()) or 1
    return {k: s.n(col) * v / tot for k, v in w.items() if v}


def stage_rows(schools: list[School]):
    """(school, 学段, students, classes) for every 学段 a school has."""
    for s in schools:
        if s.primary and s.n("小学在校生数"):
            yield s, "小学", int(s.n("小学在校生数")), int(s.n("小学班级数"))
        if s.junior and s.n("初中在校生数"):
            yield s, "初中", int(s.n("初中在校生数")), int(s.n("初中班级数"))


LIMIT_ABOVE = {"小学": 4.2, "初中": 5.3}


# ---------------------------------------------------------------------------------------------
# A1 资源配置: C1–C7
# ---------------------------------------------------------------------------------------------

def edu_breakdown(s: School, stage: str, year: int) -> tuple[int, int, int, int, int]:
    """(专任教师, 研究生, 本科, 专科, 高中及以下) for one 学段 of a school in a year."""
    r = rng_for("edu", s.name, stage, year)
    above = hist(s.n(f"{stage}高于规定学历教师数"), year, (s.name, stage, "above"), 0.025)
    share = stage_split(s, "专任教师数").get(stage, 0)
    total = max(above, hist(share, year, (s.name, stage, "teachers"), 0.015))
    if total == above and r.random() < 0.5:
        total += 1
    if stage == "小学":
        pg = int(above * r.uniform(0.0, 0.04))
        ben = int(above * r.uniform(0.55, 0.75))
        zk = above - pg - ben
        below = total - above
    else:
        pg = int(above * r.uniform(0.02, 0.08))
        ben = above - pg
        zk = total - above
        below = 0
    return total, pg, ben, zk, below


def c1(ctx: Ctx) -> None:
    code = "C1"
    # 高于规定学历教师统计表.xlsx: one sheet per year
    sheets = []
    for y in YEARS:
        rows = []
        for s, stage, st, _ in stage_rows(ctx.schools):
            st_y = hist(st, y, (s.name, stage, "students"), -0.01)
            t, pg, ben, zk, below = edu_breakdown(s, stage, y)
            above = pg + ben + (zk if stage == "小学" else 0)
            rows.append([s.name, stage, st_y, t, above, round(above * 100 / st_y, 2), LIMIT_ABOVE[stage],
                         "是" if above * 100 / st_y >= LIMIT_ABOVE[stage] else "否"])
        sheets.append(dict(name=f"{y}年", title=f"示例县{y}年义务教育学校高于规定学历教师统计表",
                           unit="填报单位：示例县教育体育局（盖章）　　说明：小学为专科及以上学历，初中为本科及以上学历",
                           header=["学校名称", "学段", "在校生数（人）", "专任教师数（人）", "高于规定学历教师数（人）",
                                   "每百名学生拥有数（人）", "标准（人）", "是否达标"],
                           rows=rows, widths=[28, 8, 14, 14, 18, 18, 10, 10], left=(1,),
                           formats={6: "0.00"}, notes=["数据来源：教育事业统计年报（每年9月30日口径）。",
                                                        "填表人：马俊　　审核人：李红梅"]))
    write_xlsx(ctx.leaf(code) / "高于规定学历教师统计表.xlsx", sheets, dt.date(2025, 10, 12), BUREAU)

    # 教育事业统计年报（教师学历部分）, 2023 and 2024, in year sub-folders
    for y, when, no in ((2023, dt.date(2023, 11, 6), "示教统〔2023〕5号"), (2024, dt.date(2024, 11, 8), "示教统〔2024〕6号")):
        rows, tot = [], [0] * 6
        for s, stage, st, _ in stage_rows(ctx.schools):
            t, pg, ben, zk, below = edu_breakdown(s, stage, y)
            above = pg + ben + (zk if stage == "小学" else 0)
            rows.append([s.name, stage, str(t), str(pg), str(ben), str(zk), str(below), str(above),
                         pct(above, t)])
            for k, v in enumerate((t, pg, ben, zk, below, above)):
                tot[k] += v
        rows.append(["合计", "", *[str(v) for v in tot], pct(tot[5], tot[0])])
        form(ctx.leaf(code, f"{y}年") / dated(when, no, f"{y}年教育事业统计年报（教师学历部分）"), docno=no,
             doc_title=f"{y}年教育事业统计年报（教师学历部分）", date=when, author=BUREAU,
             unit="填报单位：示例县教育体育局　　　统计时点：" + f"{y}年9月30日",
             parts=[table(["学校名称", "学段", "专任教师", "研究生", "本科", "专科", "高中（中专）及以下",
                           "高于规定学历", "占比（%）"], rows, [30, 8, 10, 10, 10, 10, 13, 12, 11], font=9.5,
                          left_cols=(0,), total_width=frame_width(footer="form"))],
             note="注：本表摘自《" + f"{y}" + "年示例县教育事业统计报表》基础基层表“教职工学历情况”，高于规定学历指小学专科及以上、初中本科及以上。",
             foot="单位负责人：陈志强　　　统计负责人：马俊　　　填表人：周强")

    # 教师花名册.pdf (one school, 2024)
    sch = ctx.school("示例县实验小学")
    teachers = make_teachers(sch, "2024")
    rows = [[str(i), t.name, t.gender, t.born, t.edu, t.college, t.major, t.subject, t.title, t.cert,
             t.backbone or "—"] for i, t in enumerate(teachers, 1)]
    w = frame_width(land=True)
    form(ctx.leaf(code, "2024年") / "教师花名册.pdf", doc_title=f"{sch.name}2024—2025学年专任教师花名册",
         date=dt.date(2024, 9, 20), author=sch.name, land=True,
         unit=f"学校（盖章）：{sch.name}　　专任教师 {len(teachers)} 人",
         parts=[table(["序号", "姓名", "性别", "出生年月", "最高学历", "毕业院校", "所学专业", "任教学科", "职称",
                       "教师资格证", "骨干教师"], rows, [5, 9, 5, 9, 8, 22, 16, 11, 10, 16, 9], font=9,
                      total_width=w)],
         foot="校长：" + person(rng_for("head", sch.name), "男")[0] + "　　　制表：教务处　　　学历证书复印件另附",
         note="注：学历以教师取得的最高学历证书为准；骨干教师指县级及以上教育行政部门认定且在有效期内的骨干教师。")

    # 学历证书复印件.jpg: a copied 毕业证书 of one teacher from the roster
    t = next(x for x in teachers if x.edu == "本科")
    scan_diploma(ctx.leaf(code, "2024年") / "学历证书复印件.jpg", t, key=code)


def scan_diploma(path: Path, t: Teacher, key: str) -> None:
    r = rng_for("diploma", key, t.name)
    sh = Sheet(100, 297, 210, rng=r)          # landscape copy of a certificate
    sh.rect(12, 12, 285, 198, 2.2)
    sh.rect(15, 15, 282, 195, 0.8)
    sh.ctext(32, "普通高等学校", 20, sans=True)
    sh.ctext(46, "毕　业　证　书", 30, sans=True)
    sh.photo_box(36, 70, 68, 112)
    y0 = int(t.born[:4])
    g0 = t.start - 4 if t.start - 4 > y0 + 17 else y0 + 18
    lines = [f"学生　{t.name}　，性别　{t.gender}　，{t.born[:4]}年{int(t.born[5:])}月{r.randint(1, 28)}日生，",
             f"于　{g0}年9月至{g0 + 4}年6月　在本校　{t.major}　专业",
             "四年制本科学习，修完教学计划规定的全部课程，",
             "成绩合格，准予毕业。"]
    y = 74
    for ln in lines:
        sh.text(86, y, ln, 15)
        y += 12
    sh.text(86, 140, f"校　名：{t.college}", 14)
    sh.text(86, 152, f"校（院）长：{person(r, '男')[0]}", 14)
    sh.text(190, 168, f"{g0 + 4}年6月{r.randint(20, 30)}日", 14)
    sh.text(30, 178, f"证书编号：1{r.randint(1000, 9999)}1{g0 + 4}0{r.randint(1000000, 9999999)}", 11)
    sh.seal(205, 150, 21, t.college, star=True)
    sh.text(215, 188, "复印件与原件一致　经办人：", 10)
    sh.hand(262, 186, "周强", 11)
    img = finish(sh, r, angle=r.uniform(-1.2, 1.2), copy=True)
    save_jpeg(path, img, 100, quality=68)


def backbone_list(ctx: Ctx, year: int, n: int) -> list[list[str]]:
    r = rng_for("backbone", year)
    subjects_p = ["语文", "数学", "英语", "科学", "道德与法治", "体育与健康", "音乐", "美术", "信息科技"]
    subjects_j = ["语文", "数学", "英语", "物理", "化学", "生物学", "历史", "地理", "道德与法治", "体育与健康"]
    pool = [s for s in ctx.schools]
    weights = [max(1.0, s.n("专任教师数")) for s in pool]
    rows = []
    for i in range(n):
        s = r.choices(pool, weights)[0]
        stage = "初中" if (s.junior and (not s.primary or r.random() < 0.5)) else "小学"
        rows.append([str(i + 1), person(r)[0], s.name, f"{stage}{r.choice(subjects_j if stage == '初中' else subjects_p)}"])
    return rows


def c2(ctx: Ctx) -> None:
    code = "C2"
    r = rng_for(code)
    for y, date, no, batch, n in ((2023, dt.date(2023, 6, 12), 31, "第五批", 38), (2024, dt.date(2024, 6, 14), 29, "第六批", 34)):
        rows = backbone_list(ctx, y, n)
        gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔{y}〕{no}号_关于公布示例县{batch}县级骨干教师认定名单的通知.pdf",
                org=BUREAU, docno=f"示教发〔{y}〕{no}号", date=date,
                doc_title=f"关于公布示例县{batch}县级骨干教师认定名单的通知", addressee="各义务教育学校，局属各单位：",
                body=[p(f"根据《示例县中小学骨干教师认定与管理办法》（示教发〔2021〕18号）和《关于开展示例县{batch}县级骨干教师认定工作的通知》要求，经个人申报、学校推荐、资格审查、业绩考核、课堂教学展示和专家评审，并经{y}年{date.month}月{date.day - 5}日局党组会议研究，认定{rows[0][1]}等{n}名同志为示例县{batch}县级骨干教师，现予公布。"),
                      p("县级骨干教师认定有效期为三年。有效期内，骨干教师每学年须承担不少于1节县级公开课或专题讲座，指导青年教师不少于1名，参加送教下乡和交流轮岗活动。县教育体育局将对骨干教师履职情况进行年度考核，考核不合格的取消骨干教师资格。"),
                      p("各学校要为骨干教师搭建成长平台，在评优评先、职称评聘、外出培训等方面予以倾斜，充分发挥骨干教师的示范引领作用，推动全县义务教育优质均衡发展。"),
                      p(contact(r, "人事股", "吴斌"))],
                attachments=[Attachment(f"示例县{batch}县级骨干教师名单",
                                        [table(["序号", "姓名", "工作单位", "学段学科"], rows, [8, 14, 34, 18], font=10.5)])],
                cc="示例市教育体育局，县人民政府办公室。", printer="示例县教育体育局办公室")

    # 骨干教师名册（分学校）
    rows, tot = [], [0, 0, 0, 0]
    for s, stage, st, _ in stage_rows(ctx.schools):
        n = int(s.n(f"{stage}县级及以上骨干教师数"))
        rr = rng_for("bb-level", s.name, stage)
        prov = 1 if n >= 12 and rr.random() < 0.6 else 0
        city = int(n * rr.uniform(0.12, 0.25))
        county = n - prov - city
        rows.append([s.name, stage, str(st), str(county), str(city), str(prov), str(n), f"{n * 100 / st:.2f}"])
        for k, v in enumerate((county, city, prov, n)):
            tot[k] += v
    rows.append(["合计", "", "", *[str(v) for v in tot], ""])
    parts = [table(["学校名称", "学段", "在校生数", "县级", "市级", "省级", "合计", "每百名学生拥有数"], rows,
                   [30, 8, 11, 8, 8, 8, 8, 14], font=9.5, left_cols=(0,), total_width=frame_width(footer="form")),
             PageBreak(), caption("二、分学校名册（示例县实验小学、清溪乡中学）")]
    for nm in ("示例县实验小学", "清溪乡中学"):
        s = ctx.school(nm)
        ts = [t for t in make_teachers(s, "2024") if t.backbone]
        parts.append(Paragraph(esc(f"{s.name}（{len(ts)}人）"), ST_SMALL))
        parts.append(table(["序号", "姓名", "性别", "任教学科", "骨干教师级别", "认定时间"],
                           [[str(i), t.name, t.gender, t.subject, t.backbone + "骨干教师",
                             str(rng_for("bbyear", t.name).choice([2021, 2022, 2023, 2024]))]
                            for i, t in enumerate(ts, 1)], [8, 14, 8, 16, 18, 14], font=10,
                           total_width=frame_width(footer="form")))
        parts.append(Spacer(1, 8))
    form(ctx.leaf(code) / "骨干教师名册（分学校）.pdf", doc_title="示例县义务教育学校县级及以上骨干教师名册（2025年）",
         date=dt.date(2025, 9, 26), author=BUREAU, unit="一、分学校汇总　　　　单位：人",
         parts=parts, foot="填表人：吴斌　　　审核人：张卫国　　　（各校完整名册存县教育体育局人事股）")

    scan_backbone_cert(ctx.leaf(code) / "骨干教师证书复印件.jpg", ctx)


def scan_backbone_cert(path: Path, ctx: Ctx) -> None:
    r = rng_for("bbcert")
    sh = Sheet(100, 297, 210, rng=r)
    sh.rect(10, 10, 287, 200, 3, outline=(150, 30, 30))
    sh.rect(14, 14, 283, 196, 1, outline=(150, 30, 30))
    sh.ctext(40, "证　　书", 40, sans=True, fill=(170, 25, 25))
    name = backbone_list(ctx, 2024, 3)[1]
    y = sh.wrap_text(40, 80, 217, f"{name[1]}同志：", 20, indent=0)
    y = sh.wrap_text(40, y + 4, 217, f"经个人申报、学校推荐、专家评审，你被认定为示例县第六批县级骨干教师（{name[3]}），"
                                      "有效期自2024年7月至2027年6月。", 20)
    sh.wrap_text(40, y + 4, 217, "特发此证。", 20)
    sh.text(185, 160, "示例县教育体育局", 18)
    sh.text(190, 174, "2024年6月14日", 16)
    sh.text(30, 186, f"证书编号：SLXGG2024{r.randint(100, 199)}", 11)
    sh.seal(208, 165, 21, BUREAU)
    img = finish(sh, r, angle=r.uniform(-1.5, 1.5), paper=(246, 243, 236))
    save_jpeg(path, img, 100, quality=68)


def c3(ctx: Ctx) -> None:
    code = "C3"
    r = rng_for(code)
    # 名册: per-school summary and the names of rural and town schools
    rows, names, tot = [], [], [0, 0, 0, 0]
    for s, stage, st, _ in stage_rows(ctx.schools):
        n = int(s.n(f"{stage}体育艺术专任教师数"))
        rr = rng_for("art", s.name, stage)
        pe = max(1, round(n * rr.uniform(0.36, 0.46))) if n else 0
        mu = (n - pe + 1) // 2
        ar = n - pe - mu
        rows.append([s.name, stage, str(st), str(pe), str(mu), str(ar), str(n), f"{n * 100 / st:.2f}"])
        for k, v in enumerate((pe, mu, ar, n)):
            tot[k] += v
        if s.area == "乡村":
            for subj, k in (("体育与健康", pe), ("音乐", mu), ("美术", ar)):
                for _ in range(k):
                    nm, g = person(rr)
                    names.append([nm, g, s.name, stage + subj, r.choice(["本科", "本科", "专科"]),
                                  {"体育与健康": "体育教育", "音乐": "音乐学", "美术": "美术学"}[subj],
                                  "是"])
    rows.append(["合计", "", "", *[str(v) for v in tot], ""])
    names = [[str(i)] + x for i, x in enumerate(names, 1)]
    form(ctx.leaf(code) / "体育、艺术专任教师名册.pdf", doc_title="示例县义务教育学校体育、艺术（音乐、美术）专任教师名册",
         date=dt.date(2025, 9, 28), author=BUREAU, unit="一、分学校统计（2025年秋季学期）　　单位：人",
         parts=[table(["学校名称", "学段", "在校生数", "体育", "音乐", "美术", "合计", "每百名学生拥有数"], rows,
                      [30, 8, 11, 8, 8, 8, 8, 14], font=9.5, left_cols=(0,), total_width=frame_width(footer="form")),
                PageBreak(), caption("二、乡村学校体育、艺术专任教师名单"),
                table(["序号", "姓名", "性别", "学校", "任教学段学科", "学历", "所学专业", "专业对口"], names,
                      [6, 10, 6, 26, 16, 8, 12, 9], font=9.5, total_width=frame_width(footer="form"))],
         foot="填表人：吴斌　　　审核人：张卫国")

    # 招聘公告 2023 and 2025
    for y, date, no, n_posts in ((2023, dt.date(2023, 7, 18), 19, 46), (2025, dt.date(2025, 7, 10), 22, 38)):
        posts, k = [], 1
        subj = ["语文", "数学", "英语", "体育与健康", "音乐", "美术", "信息科技", "科学"] if y == 2023 else \
               ["体育与健康", "音乐", "美术", "体育与健康", "音乐", "美术", "心理健康", "信息科技"]
        left = n_posts
        for i, sb in enumerate(subj):
            stage = "小学" if i % 2 == 0 else "初中"
            cnt = left if i == len(subj) - 1 else max(2, min(left - 2, r.randint(3, 8)))
            left -= cnt
            posts.append([f"{y % 100:02d}{k:03d}", stage, sb, str(cnt), "本科及以上" if stage == "初中" else "专科及以上",
                          "乡镇学校" if i % 3 else "城区及乡镇学校"])
            k += 1
        ttl = (f"示例县{y}年公开招聘中小学教师公告" if y == 2023 else f"示例县{y}年公开招聘中小学音体美专任教师公告")
        gongwen(ctx.leaf(code) / f"{ymd(date)}_示人社发〔{y}〕{no}号_{ttl}.pdf",
                org=HRSS, docno=f"示人社发〔{y}〕{no}号", date=date, doc_title=ttl, addressee=None,
                body=[p(f"为补充我县义务教育学校教师队伍，优化学科结构，{'着力解决体育、音乐、美术专任教师不足问题，' if y == 2025 else ''}经县人民政府同意，县人力资源和社会保障局、县教育体育局决定面向社会公开招聘中小学教师{n_posts}名。现将有关事项公告如下："),
                      h1("一、招聘岗位及人数"),
                      p(f"本次招聘计划{n_posts}名，具体岗位、人数及资格条件详见附件。"),
                      h1("二、报考条件"),
                      p("（一）具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行和职业道德；（二）年龄在18周岁以上、35周岁以下，取得硕士研究生学历的可放宽至40周岁；（三）具有岗位要求的学历和相应学科的教师资格证书；（四）身体健康，能够适应岗位要求。"),
                      h1("三、招聘程序"),
                      p("招聘按照发布公告、网上报名、资格初审、笔试、资格复审、面试（专业技能测试）、体检、考察、公示、聘用的程序进行。音乐、美术、体育岗位面试采取说课和专业技能测试相结合的方式。"),
                      h1("四、聘用及待遇"),
                      p("拟聘用人员按规定办理聘用手续，实行5年最低服务期制度，试用期1年。聘用人员工资福利待遇按国家和省、市、县有关规定执行。"),
                      p(contact(r, "县人力资源和社会保障局事业单位人事管理股", "何平"))],
                attachments=[Attachment(f"示例县{y}年公开招聘中小学教师岗位表",
                                        [table(["岗位代码", "学段", "学科", "招聘人数", "学历要求", "服务地"], posts,
                                               [12, 8, 14, 10, 16, 18])])],
                sign=[HRSS, BUREAU], cc="示例市人力资源和社会保障局，示例市教育体育局。",
                printer="示例县人力资源和社会保障局办公室")

    # 调配
    date = dt.date(2024, 8, 20)
    rows = []
    rural = [s for s in ctx.schools if s.area == "乡村"]
    urban = [s for s in ctx.schools if s.area != "乡村"]
    for i in range(14):
        nm, g = person(r)
        frm, to = r.choice(urban), r.choice(rural)
        if i % 4 == 3:
            frm, to = to, r.choice(urban)
        rows.append([str(i + 1), nm, g, r.choice(["体育与健康", "音乐", "美术", "音乐", "美术", "体育与健康", "语文"]),
                     frm.name, to.name])
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕41号_关于2024年秋季学期中小学教师调配的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕41号", date=date, doc_title="关于2024年秋季学期中小学教师调配的通知",
            addressee="各义务教育学校：",
            body=[p("为优化全县中小学教师资源配置，补齐乡村学校体育、音乐、美术等学科专任教师短板，根据各校2024年秋季学期班级数、课程开设和师资情况，经局党组会议研究，决定对部分教师工作岗位进行调配。现将有关事项通知如下："),
                  p(f"一、{rows[0][1]}等14名教师工作岗位调整（名单见附件），调配人员须于2024年8月28日前到新单位报到，原单位要做好工作交接，不得以任何理由拖延。"),
                  p("二、调入学校要妥善安排调配教师的教学任务和生活，确保音乐、美术、体育课程按课程计划开齐开足，不得安排专任教师长期兼任其他学科。"),
                  p("三、调配教师的人事档案、工资关系随调配同步转移，由县教育体育局人事股统一办理。"),
                  p(contact(r, "人事股", "吴斌"))],
            attachments=[Attachment("2024年秋季学期中小学教师调配名单",
                                    [table(["序号", "姓名", "性别", "任教学科", "原工作单位", "调入单位"], rows,
                                           [6, 10, 6, 12, 26, 26])])],
            cc="县人力资源和社会保障局，县财政局。")


def area_breakdown(s: School, year: int) -> list[tuple[str, float]]:
    total = hist(s.n("教学及辅助用房面积"), year, (s.name, "area"), 0.02)
    r = rng_for("area", s.name, year)
    common = round(total * r.uniform(0.5, 0.58))
    special = round(total * r.uniform(0.2, 0.26))
    public = round(total * r.uniform(0.08, 0.12))
    aux = total - common - special - public
    return [("普通教室", common), ("专用教室", special), ("公共教学用房", public), ("教学辅助用房", aux), ("合计", total)]


def floor_plan(c, w, h, label: str, seed: str) -> None:
    """A simple school building floor plan with rooms, corridor and dimensions."""
    r = rng_for("plan", seed)
    c.saveState()
    c.setStrokeColor(BLACK)
    x0, y0, bw, bh = 14, 46, w - 40, h - 86
    c.setLineWidth(2.2)
    c.rect(x0, y0, bw, bh)
    corridor_y = y0 + bh * 0.38
    c.setLineWidth(1.2)
    c.line(x0, corridor_y, x0 + bw, corridor_y)
    c.line(x0, corridor_y - 22, x0 + bw, corridor_y - 22)
    rooms_top = ["普通教室", "普通教室", "楼梯间", "音乐教室", "器材室", "美术教室", "卫生间", "普通教室"]
    rooms_bot = ["科学实验室", "准备室", "计算机教室", "楼梯间", "图书阅览室", "办公室"]
    widths = [r.uniform(0.9, 1.3) for _ in rooms_top]
    sw = sum(widths)
    x = x0
    c.setFont(TEXT, 8.5)
    for nm, wd in zip(rooms_top, widths):
        ww = bw * wd / sw
        c.line(x, corridor_y, x, y0 + bh)
        c.drawCentredString(x + ww / 2, corridor_y + (y0 + bh - corridor_y) / 2 + 4, nm)
        area = (ww / bw) * 64.8 * 9.6
        c.drawCentredString(x + ww / 2, corridor_y + (y0 + bh - corridor_y) / 2 - 9, f"{area:.1f}㎡")
        # door
        c.arc(x + ww - 16, corridor_y - 8, x + ww, corridor_y + 8, 0, 90)
        x += ww
    widths = [r.uniform(0.9, 1.4) for _ in rooms_bot]
    sw = sum(widths)
    x = x0
    for nm, wd in zip(rooms_bot, widths):
        ww = bw * wd / sw
        c.line(x, y0, x, corridor_y - 22)
        c.drawCentredString(x + ww / 2, y0 + (corridor_y - 22 - y0) / 2, nm)
        x += ww
    c.drawCentredString(x0 + bw / 2, corridor_y - 14, "走　廊（宽 2.4m）")
    # dimension line
    c.setLineWidth(0.5)
    c.line(x0, y0 - 14, x0 + bw, y0 - 14)
    for xx in (x0, x0 + bw):
        c.line(xx, y0 - 18, xx, y0 - 10)
    c.drawCentredString(x0 + bw / 2, y0 - 24, "64800")
    c.line(x0 + bw + 8, y0, x0 + bw + 8, y0 + bh)
    c.saveState()
    c.translate(x0 + bw + 16, y0 + bh / 2)
    c.rotate(90)
    c.drawCentredString(0, 0, "18600")
    c.restoreState()
    c.setFont(HEI, 12)
    c.drawCentredString(w / 2, h - 22, label)
    c.setFont(TEXT, 8.5)
    c.drawString(x0, 6, "比例 1:200　　单位：mm　　测绘单位：示例县建筑设计院　　测绘日期：2023年5月")
    # north arrow
    c.line(w - 30, h - 40, w - 30, h - 18)
    c.line(w - 30, h - 18, w - 34, h - 26)
    c.line(w - 30, h - 18, w - 26, h - 26)
    c.drawCentredString(w - 30, h - 50, "北")
    c.restoreState()


def c4(ctx: Ctx) -> None:
    code = "C4"
    scan_property_cert(ctx.leaf(code) / "校舍不动产权证书（示例县第一中学）.jpg", ctx.school("示例县第一中学"))
    rows = []
    for s in ctx.schools:
        b = dict(area_breakdown(s, 2025))
        st = s.students + int(s.n("高中在校生数"))
        rows.append([s.name, s.kind, str(st), *[fmt(b[k], 0) for k in ("普通教室", "专用教室", "公共教学用房", "教学辅助用房", "合计")],
                     f"{b['合计'] / st:.2f}" if s.kind != "完全中学" else f"{stage_split(s, '教学及辅助用房面积')['初中'] / s.n('初中在校生数'):.2f}"])
    fw_ = frame_width(footer="form")
    form(ctx.leaf(code) / "校舍面积测量表及平面图.pdf", doc_title="示例县义务教育学校教学及辅助用房面积测量汇总表",
         date=dt.date(2025, 5, 20), author=BUREAU, unit="测量单位：示例县建筑设计院　　面积单位：平方米",
         parts=[table(["学校名称", "类型", "在校生数", "普通教室", "专用教室", "公共教学用房", "教学辅助用房", "合计", "生均（㎡）"],
                      rows, [26, 12, 9, 10, 10, 11, 11, 10, 9], font=9, left_cols=(0,), total_width=fw_),
                Spacer(1, 6),
                small("注：1. 面积按建筑面积计算，依据各校不动产权证书及2023年实地测量结果；2. 完全中学、九年一贯制学校生均面积按小学:初中:高中=1:1.1:1.32加权拆分后计算（表中完全中学列初中部）。"),
                PageBreak(),
                Drawn(fw_, 330, lambda c, w, h: floor_plan(c, w, h, "示例县第一中学 1号教学楼 二层平面图", "c4a")),
                Spacer(1, 18),
                Drawn(fw_, 300, lambda c, w, h: floor_plan(c, w, h, "示例县第一中学 2号综合楼 一层平面图", "c4b"))],
         foot="测量人：邱建平　周强　　　　复核人：吴斌　　　　审核：李红梅")
    # 统计年报（校舍部分）2024
    rows, tot = [], [0.0] * 5
    for s in ctx.schools:
        r = rng_for("sheds", s.name)
        teach = hist(s.n("教学及辅助用房面积"), 2024, (s.name, "area"), 0.02)
        admin = round(teach * r.uniform(0.08, 0.13))
        life = round(teach * r.uniform(0.15, 0.45)) if s.area != "城区" or s.kind in ("初中", "完全中学") else round(teach * 0.06)
        dang = 0
        total = teach + admin + life
        vals = (total, teach, admin, life, dang)
        rows.append([s.name, *[fmt(v, 0) for v in vals]])
        for k, v in enumerate(vals):
            tot[k] += v
    rows.append(["合计", *[fmt(v, 0) for v in tot]])
    form(ctx.leaf(code) / dated(dt.date(2024, 11, 8), "示教统〔2024〕6号", "2024年教育事业统计年报（校舍部分）"),
         docno="示教统〔2024〕6号", doc_title="2024年教育事业统计年报（校舍部分）", date=dt.date(2024, 11, 8), author=BUREAU, unit="填报单位：示例县教育体育局　　统计时点：2024年9月30日　　单位：平方米",
         parts=[table(["学校名称", "校舍建筑面积", "教学及辅助用房", "行政办公用房", "生活用房", "其中：危房"], rows,
                      [32, 14, 14, 13, 12, 10], font=9.5, left_cols=(0,), total_width=frame_width(footer="form"))],
         note="注：摘自《2024年示例县教育事业统计报表》基础基层表“校舍情况”。",
         foot="单位负责人：陈志强　　　统计负责人：马俊　　　填表人：周强")


def scan_property_cert(path: Path, s: School) -> None:
    r = rng_for("property", s.name)
    sh = Sheet(105, 210, 297, rng=r)
    sh.ctext(22, "中华人民共和国", 14, sans=True)
    sh.ctext(32, "不 动 产 权 证 书", 24, sans=True)
    sh.text(132, 48, f"示（2022）示例县不动产权第00{r.randint(10000, 99999)}号", 10)
    fields = [("权利人", s.name), ("共有情况", "单独所有"), ("坐　落", "示例县城关镇文昌路" + str(r.randint(10, 199)) + "号"),
              ("不动产单元号", f"530123 00{r.randint(1000, 9999)} GB0{r.randint(1000, 9999)} F00010001"),
              ("权利类型", "国有建设用地使用权/房屋所有权"), ("权利性质", "划拨/自建房"), ("用　途", "教育用地/教育"),
              ("面　积", f"共有宗地面积{fmt(s.n('体育运动场馆面积') * 2.1, 2)}㎡/房屋建筑面积{fmt(s.n('教学及辅助用房面积') * 1.32, 2)}㎡"),
              ("使用期限", "国有建设用地使用权 长期"), ("权利其他状况", "房屋结构：钢筋混凝土结构；总层数：5层；竣工时间：2016年")]
    xs, ys = sh.grid(22, 56, [38, 128], [17] * len(fields) + [40])
    for i, (k, v) in enumerate(fields):
        sh.cell_text(xs, ys, i, 0, k, 11)
        sh.text(xs[1] + 3, ys[i] + 5.5, v, 10 if len(v) > 26 else 11)
    sh.cell_text(xs, ys, len(fields), 0, "附　记", 11)
    sh.text(xs[1] + 3, ys[-2] + 6, "宗地内房屋：教学楼、综合楼、实验楼、食堂、学生宿舍。", 10.5)
    sh.text(xs[1] + 3, ys[-2] + 14, "此证为复印件，原件存学校档案室。", 10.5, fill=(90, 90, 90))
    sh.seal(150, 262, 20, "示例县不动产登记中心", bottom="登记专用章")
    sh.text(120, 285, "登簿日期：2022年11月18日", 11)
    img = finish(sh, r, angle=r.uniform(-1.0, 1.0), copy=True)
    save_jpeg(path, img, 105, quality=68)


def track_plan(c, w, h, s: School) -> None:
    c.saveState()
    x0, y0 = 30, 40
    tw, th = w - 120, h - 90
    c.setLineWidth(1.4)
    rr = th / 2
    pth = c.beginPath()
    pth.roundRect(x0, y0, tw, th, rr)
    c.setFillColor(colors.Color(0.93, 0.84, 0.80))
    c.drawPath(pth, stroke=1, fill=1)
    c.setFillColor(colors.Color(0.85, 0.93, 0.84))
    pth = c.beginPath()
    pth.roundRect(x0 + 18, y0 + 18, tw - 36, th - 36, rr - 18)
    c.drawPath(pth, stroke=1, fill=1)
    c.setFillColor(BLACK)
    c.setFont(TEXT, 9)
    c.drawCentredString(x0 + tw / 2, y0 + th / 2 + 4, "足球场（人造草坪）")
    c.drawCentredString(x0 + tw / 2, y0 + th / 2 - 10, "68m × 105m")
    c.drawCentredString(x0 + tw / 2, y0 + 6, "300m 环形塑胶跑道（6道）")
    # courts
    bx = x0 + tw + 14
    for i, nm in enumerate(["篮球场", "篮球场", "排球场"]):
        c.rect(bx, y0 + i * (th / 3), 62, th / 3 - 8)
        c.drawCentredString(bx + 31, y0 + i * (th / 3) + th / 6 - 6, nm)
    c.setFont(HEI, 12)
    c.drawCentredString(w / 2, h - 22, f"{s.name}体育运动场地平面示意图")
    c.setFont(TEXT, 8.5)
    c.drawString(x0, 12, f"运动场地合计 {fmt(s.n('体育运动场馆面积'), 0)}㎡（含风雨操场）　比例 1:1000　测量日期：2023年5月")
    c.restoreState()


def c5(ctx: Ctx) -> None:
    code = "C5"
    r = rng_for(code)
    rows = []
    for s in ctx.schools:
        rr = rng_for("sport", s.name)
        tot = s.n("体育运动场馆面积")
        track = round(tot * rr.uniform(0.45, 0.6))
        courts = round(tot * rr.uniform(0.18, 0.28))
        hall = round(tot * rr.uniform(0.0, 0.12)) if s.area != "乡村" else 0
        other = tot - track - courts - hall
        if s.kind == "完全中学":
            per = stage_split(s, "体育运动场馆面积")["初中"] / s.n("初中在校生数")
        else:
            per = tot / max(1, s.students)
        rows.append([s.name, fmt(track, 0), fmt(courts, 0), fmt(hall, 0), fmt(other, 0), fmt(tot, 0), f"{per:.2f}"])
    fw_ = frame_width(footer="form")
    form(ctx.leaf(code) / "体育运动场馆面积测量表及平面图.pdf", doc_title="示例县义务教育学校体育运动场馆面积测量表",
         date=dt.date(2025, 5, 20), author=BUREAU, unit="测量单位：示例县建筑设计院　　单位：平方米",
         parts=[table(["学校名称", "田径场", "球类场地", "风雨操场（体育馆）", "其他运动场地", "合计", "生均"], rows,
                      [30, 11, 11, 15, 12, 11, 9], font=9.5, left_cols=(0,), total_width=fw_),
                small("注：完全中学生均面积为按加权在校生拆分后的初中部数值。"),
                PageBreak(),
                Drawn(fw_, 330, lambda c, w, h: track_plan(c, w, h, ctx.school("示例县第一中学"))),
                Spacer(1, 16),
                Drawn(fw_, 300, lambda c, w, h: track_plan(c, w, h, ctx.school("青石镇中学")))],
         foot="测量人：邱建平　　复核人：吴斌　　审核：李红梅")
    rows, tot = [], [0.0] * 4
    for s in ctx.schools:
        a = hist(s.n("体育运动场馆面积"), 2024, (s.name, "sport"), 0.0)
        rr = rng_for("sport24", s.name)
        vals = (a, round(a * rr.uniform(0.45, 0.6)), round(a * rr.uniform(0.18, 0.28)), rr.choice([0, 0, 1, 2, 4]))
        rows.append([s.name, fmt(vals[0], 0), fmt(vals[1], 0), fmt(vals[2], 0), str(vals[3])])
        for k, v in enumerate(vals):
            tot[k] += v
    rows.append(["合计", *[fmt(v, 0) for v in tot]])
    form(ctx.leaf(code) / dated(dt.date(2024, 11, 8), "示教统〔2024〕6号", "2024年教育事业统计年报（运动场地部分）"),
         docno="示教统〔2024〕6号", doc_title="2024年教育事业统计年报（运动场地部分）", date=dt.date(2024, 11, 8), author=BUREAU, unit="填报单位：示例县教育体育局　　统计时点：2024年9月30日",
         parts=[table(["学校名称", "体育运动场（馆）面积（㎡）", "其中：田径场（㎡）", "球类场地（㎡）", "体育器械配备达标室（间）"],
                      rows, [32, 18, 16, 14, 16], font=9.5, left_cols=(0,), total_width=frame_width(footer="form"))],
         note="注：摘自《2024年示例县教育事业统计报表》。",
         foot="单位负责人：陈志强　　　统计负责人：马俊　　　填表人：周强")
    # 通知: the schools below the standard
    short = []
    for s, stage, st, _ in stage_rows(ctx.schools):
        per = stage_split(s, "体育运动场馆面积").get(stage, 0) / st
        need = {"小学": 7.5, "初中": 10.2}[stage]
        if per < need:
            short.append((s, stage, per, need, (need - per) * st))
    date = dt.date(2024, 4, 10)
    rows = [[str(i), s.name, stage, f"{per:.2f}", f"{need}", fmt(gap, 0), "2025年12月"]
            for i, (s, stage, per, need, gap) in enumerate(short, 1)] or [["1", "—", "—", "—", "—", "—", "—"]]
    names = "、".join(dict.fromkeys(s.name for s, *_ in short)) or "个别学校"
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕16号_关于加快推进学校体育运动场地改扩建工程的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕16号", date=date, doc_title="关于加快推进学校体育运动场地改扩建工程的通知",
            addressee="各义务教育学校：",
            body=[p(f"根据全县义务教育优质均衡发展指标测算结果，{names}生均体育运动场馆面积尚未达到《县域义务教育优质均衡发展督导评估办法》规定标准。为补齐短板，经县人民政府同意，现就加快推进学校体育运动场地改扩建工程有关事项通知如下："),
                  h1("一、明确建设任务"),
                  p("各相关学校要对照附件所列缺口，通过征地扩建、建设风雨操场、屋顶运动场、盘活闲置场地等方式增加体育运动场地面积，确保2025年底前生均体育运动场馆面积达到标准。"),
                  h1("二、加快项目推进"),
                  p("县教育体育局会同县发展改革局、县自然资源局、县住房城乡建设局开辟绿色通道，加快项目立项、用地和规划审批。各学校要倒排工期，每月5日前向县教育体育局计划财务股报送项目进展情况。"),
                  h1("三、加强安全管理"),
                  p("施工期间，学校要与施工单位签订安全协议，实行施工区域封闭管理，合理调整体育课和大课间活动安排，确保师生安全和教学秩序。"),
                  p(contact(r, "计划财务股", "邱建平"))],
            attachments=[Attachment("生均体育运动场馆面积不达标学校及整改任务表",
                                    [table(["序号", "学校名称", "学段", "现生均（㎡）", "标准（㎡）", "缺口（㎡）", "完成时限"],
                                           rows, [6, 28, 8, 12, 10, 12, 14])])],
            cc="县人民政府办公室，县发展改革局，县财政局，县自然资源局，县住房城乡建设局。")


def equipment_value(s: School, year: int) -> float:
    v = s.n("教学仪器设备值")
    if year >= 2025:
        return v
    r = rng_for("equip", s.name, year)
    return round(v * (1 - 0.075 * (2025 - year)) * r.uniform(0.985, 1.015), 1)


def c6(ctx: Ctx) -> None:
    code = "C6"
    r = rng_for(code)
    base = {2022: 52816.4, 2023: 55302.7, 2024: 57911.3}
    docs = {2022: (dt.date(2023, 3, 28), 9), 2023: (dt.date(2024, 3, 27), 11), 2024: (dt.date(2025, 3, 26), 10)}
    items = [("2050101", "行政运行", 0.012), ("2050201", "学前教育", 0.072), ("2050202", "小学教育", 0.392),
             ("2050203", "初中教育", 0.268), ("2050204", "高中教育", 0.148), ("2050299", "其他普通教育支出", 0.011),
             ("20507", "特殊教育", 0.009), ("2050803", "培训支出", 0.006), ("20509", "教育费附加安排的支出", 0.058),
             ("20599", "其他教育支出", 0.024)]
    for y in (2022, 2023, 2024):
        when, no = docs[y]
        total = base[y]
        rows = []
        s_bud = s_adj = s_fin = 0.0
        for k, (cd, nm, w) in enumerate(items):
            rr = rng_for("js", y, cd)
            fin = round(total * w * rr.uniform(0.97, 1.03), 2)
            bud = round(fin * rr.uniform(0.9, 0.98), 2)
            adj = round(fin * rr.uniform(1.0, 1.03), 2)
            s_bud += bud
            s_adj += adj
            s_fin += fin
            rows.append([cd, nm, fmt(bud), fmt(adj), fmt(fin), pct(fin, adj)])
        rows.insert(0, ["205", "教育支出合计", fmt(s_bud), fmt(s_adj), fmt(s_fin), pct(s_fin, s_adj)])
        prev = base.get(y - 1, total / 1.046)
        ps, pj = 10850 + (y - 2022) * 420, 14230 + (y - 2022) * 560
        per = [["一般公共预算教育支出（万元）", fmt(prev), fmt(s_fin), pct(s_fin - prev, prev, 2)],
               ["义务教育生均一般公共预算教育事业费：小学（元）", fmt(ps - 380, 0), fmt(ps, 0), pct(380, ps - 380, 2)],
               ["义务教育生均一般公共预算教育事业费：初中（元）", fmt(pj - 510, 0), fmt(pj, 0), pct(510, pj - 510, 2)],
               ["义务教育学校教学仪器设备购置支出（万元）", fmt(760 + (y - 2022) * 95.5), fmt(812.6 + (y - 2022) * 104.2),
                pct(52.6 + (y - 2022) * 8.7, 760 + (y - 2022) * 95.5, 2)]]
        ttl = f"关于批复{y}年度县级财政教育经费决算的通知"
        gongwen(ctx.leaf(code) / f"{ymd(when)}_示财〔{y + 1}〕{no}号_{ttl}.pdf",
                org=FINANCE, docno=f"示财〔{y + 1}〕{no}号", date=when, doc_title=ttl, addressee="县教育体育局：",
                body=[p(f"你局报送的{y}年度部门决算收悉。根据《中华人民共和国预算法》和《示例县县级部门决算管理办法》有关规定，经审核，现将你局{y}年度教育经费决算批复如下："),
                      p(f"一、{y}年度全县一般公共预算教育支出决算数为{fmt(s_fin)}万元，比上年增长{pct(s_fin - prev, prev, 2)}%，实现了一般公共预算教育支出逐年只增不减、按在校学生人数平均的一般公共预算教育支出逐年只增不减的要求。"),
                      p("二、你局要严格按照批复的决算数调整相关会计账目，做好年度结转结余资金管理，提高资金使用效益。对决算审核中发现的固定资产登记不及时等问题，要于30日内整改完毕并将整改情况报县财政局。"),
                      p("三、请按规定在收到批复后20日内将部门决算向社会公开。")],
                attachments=[Attachment(f"示例县{y}年度县级财政教育经费决算表",
                                        [caption("表一　一般公共预算教育支出决算表"),
                                         right("单位：万元"),
                                         table(["科目编码", "科目名称", "年初预算数", "调整预算数", "决算数", "完成调整预算%"],
                                               rows, [12, 24, 14, 14, 14, 12], font=10),
                                         Spacer(1, 14), caption("表二　教育经费“两个只增不减”情况表"),
                                         table(["项目", f"{y - 1}年", f"{y}年", "增长率（%）"], per, [40, 14, 14, 12],
                                               font=10, left_cols=(0,))])],
                cc="县人民政府办公室，县审计局。", printer="示例县财政局办公室")

    # 固定资产明细账.xlsx: summary of every school and one school's ledger
    summary = []
    for s in ctx.schools:
        summary.append([s.code, s.name, s.kind, *[equipment_value(s, y) for y in YEARS],
                        round(equipment_value(s, 2025) - equipment_value(s, 2023), 1)])
    sch = ctx.school("青石镇中学")
    cats = [("数字化实验系统", "套", 18000, 36000), ("学生实验桌（带水槽）", "张", 1200, 2400),
            ("交互式智能平板 86寸", "台", 11800, 16800), ("显微镜（双目）", "台", 980, 2100),
            ("物理演示实验仪器", "套", 2200, 6500), ("化学通风橱", "台", 6800, 9800), ("计算机（学生机）", "台", 3900, 5200),
            ("录播系统", "套", 86000, 128000), ("音乐教室钢琴", "台", 16000, 26000), ("体育器材（田径类）", "批", 8000, 26000),
            ("美术教室画架", "个", 120, 260), ("生物标本模型", "套", 1500, 4200), ("图书馆书架", "组", 900, 1600),
            ("地理演示仪器", "套", 1200, 3400), ("心理咨询室设备", "套", 12000, 26000)]
    ledger, k = [], 1
    rr = rng_for("ledger", sch.name)
    for y in (2019, 2020, 2021, 2022, 2023, 2024, 2025):
        for _ in range(rr.randint(4, 7)):
            nm, unit, lo, hi = rr.choice(cats)
            qty = rr.randint(1, 40) if unit in ("张", "台", "个") else rr.randint(1, 6)
            price = round(rr.uniform(lo, hi), -1)
            d = dt.date(y, rr.randint(1, 11), rr.randint(1, 28))
            ledger.append([f"QS{y}{k:04d}", nm, rr.choice(["A型", "B型", "标准型", "JY-" + str(rr.randint(100, 999))]),
                           unit, qty, price, round(qty * price, 2), d.isoformat(), rr.choice(["实验室", "多媒体教室", "音乐教室", "体育器材室", "美术教室", "图书馆"]),
                           "在用"])
            k += 1
    write_xlsx(ctx.leaf(code) / "各校教学仪器设备固定资产明细账.xlsx", [
        dict(name="汇总", title="示例县义务教育学校教学仪器设备值汇总表（2023—2025年）", unit="单位：万元（各年9月30日账面原值）",
             header=["学校代码", "学校名称", "学校类型", "2023年", "2024年", "2025年", "三年增加"], rows=summary,
             widths=[14, 28, 16, 12, 12, 12, 12], left=(2,), formats={4: "0.0", 5: "0.0", 6: "0.0", 7: "0.0"},
             notes=["数据来源：各校固定资产管理系统（行政事业单位资产管理信息系统）导出，经县教育体育局计划财务股核对。"]),
        dict(name=sch.name, title=f"{sch.name}教学仪器设备固定资产明细账", unit="单位：元",
             header=["资产编号", "资产名称", "规格型号", "计量单位", "数量", "单价", "金额", "购置日期", "存放地点", "使用状况"],
             rows=ledger, widths=[14, 24, 12, 8, 8, 10, 12, 12, 12, 9], left=(2,), formats={6: "#,##0.00", 7: "#,##0.00"},
             notes=["注：本表为明细账摘录，截至2025年9月30日；2019年以前购置资产略。"]),
    ], dt.date(2025, 10, 9), BUREAU)

    contract_pdf(ctx.leaf(code) / "教学仪器设备采购合同及验收单.pdf", ctx)


def contract_pdf(path: Path, ctx: Ctx) -> None:
    r = rng_for("contract")
    date = dt.date(2024, 9, 5)
    goods = [("初中物理数字化实验系统", "套", 6, 32800), ("初中化学实验仪器（分组）", "套", 12, 6850),
             ("生物显微镜（双目）", "台", 120, 1180), ("交互式智能平板（86英寸）", "台", 22, 12600),
             ("学生实验桌（带水槽）", "张", 96, 1460), ("小学科学探究实验箱", "套", 180, 720),
             ("音乐教室数码钢琴", "台", 8, 7800), ("美术教室陶艺设备", "套", 4, 15600)]
    rows, total = [], 0
    for i, (nm, u, q, pr) in enumerate(goods, 1):
        amt = q * pr
        total += amt
        rows.append([str(i), nm, u, str(q), fmt(pr, 2), fmt(amt, 2), "符合JY/T 0385—2006"])
    rows.append(["", "合计", "", "", "", fmt(total, 2), ""])
    supplier = "示例市博学教学设备有限公司"
    body = [right("合同编号：SJTC-2024-017"),
            pn("采购人（甲方）：示例县教育体育局"),
            pn(f"供应商（乙方）：{supplier}"),
            p(f"根据示例县义务教育学校教学仪器设备采购项目（项目编号：SLX-ZFCG-2024-0318）公开招标结果，经甲乙双方协商一致，签订本合同。"),
            h1("一、货物及价款"),
            p(f"乙方向甲方提供教学仪器设备，合同总价为人民币{fmt(total, 2)}元，含运输、安装、调试、培训及三年质保服务等全部费用。货物明细如下："),
            table(["序号", "货物名称", "单位", "数量", "单价（元）", "金额（元）", "执行标准"], rows, [6, 30, 7, 7, 13, 15, 18], font=10),
            h1("二、交货及安装"),
            p("乙方应于合同签订之日起30日内将货物送达甲方指定的各学校并完成安装调试，交货时提供产品合格证、检测报告和使用说明书。"),
            h1("三、验收"),
            p("货物安装调试完毕后，由甲方组织使用学校、监督人员和专家依据招标文件、投标文件和本合同进行验收，验收合格后签署验收单。"),
            h1("四、付款方式"),
            p("合同签订后支付合同总价的30%作为预付款；验收合格后支付至合同总价的97%；剩余3%作为质量保证金，质保期满无质量问题后一次性无息支付。"),
            h1("五、违约责任"),
            p("乙方逾期交货的，每逾期一日按合同总价的0.5‰支付违约金；货物不符合合同约定的，甲方有权拒收，乙方应无条件更换。"),
            p("本合同一式六份，甲方四份，乙方二份，自双方签字盖章之日起生效。"),
            Spacer(1, 10),
            Drawn(156 * mm, 84, lambda c, w, h: (
                c.setFont(TEXT, 13), c.drawString(0, h - 16, "甲方（盖章）：示例县教育体育局"),
                c.drawString(0, h - 40, "代表人：陈志强"), c.drawString(0, h - 64, "2024年9月5日"),
                c.drawString(w / 2 + 10, h - 16, f"乙方（盖章）：{supplier[:6]}"), c.drawString(w / 2 + 10, h - 32, supplier[6:]),
                c.drawString(w / 2 + 10, h - 52, "代表人：" + person(r, "男")[0]), c.drawString(w / 2 + 10, h - 72, "2024年9月5日"),
                draw_seal(c, 110, h - 40, 38, BUREAU),
                draw_seal(c, w / 2 + 110, h - 44, 38, supplier, bottom="合同专用章"))),
            PageBreak(),
            Paragraph("教学仪器设备验收单", ST_TITLE),
            table(["项目名称", "示例县义务教育学校教学仪器设备采购项目", "合同编号", "SJTC-2024-017"],
                  [["供应商", supplier, "合同金额", fmt(total, 2) + "元"],
                   ["交货日期", "2024年9月28日至10月9日", "验收日期", "2024年10月16日"],
                   ["使用单位", "青石镇中学、柳河镇中学、白沙镇中学、清溪乡中学、龙泉镇九年一贯制学校、大坪乡九年一贯制学校等", None, None],
                   ["验收内容", "对照合同清单逐项清点数量，检查外观、型号、配置，开机通电测试功能，核对合格证、检测报告及说明书。", None, None],
                   ["验收结论", "所供货物品牌、型号、数量、质量与合同一致，安装调试正常，资料齐全，验收合格。", None, None],
                   ["验收小组签字", "邱建平　周强　" + "　".join(person(r)[0] for _ in range(3)), None, None]],
                  [16, 40, 14, 26], font=11, head_rows=1, left_cols=(1,),
                  spans=[((1, 3), (3, 3)), ((1, 4), (3, 4)), ((1, 5), (3, 5)), ((1, 6), (3, 6))]),
            Spacer(1, 20),
            Drawn(156 * mm, 110, lambda c, w, h: (
                c.setFont(TEXT, 14), c.drawString(10, h - 30, "采购人（盖章）"), c.drawString(10, h - 56, "2024年10月16日"),
                c.drawString(w / 2 + 20, h - 30, "供应商（盖章）"), c.drawString(w / 2 + 20, h - 56, "2024年10月16日"),
                draw_seal(c, 60, h - 40, 44, BUREAU), draw_seal(c, w / 2 + 70, h - 42, 44, supplier, bottom="合同专用章")))]
    report(path, doc_title="示例县义务教育学校教学仪器设备\n采购合同", date=date, author=BUREAU, body=body)


def c7(ctx: Ctx) -> None:
    code = "C7"
    r = rng_for(code)
    rows, tot = [], [0, 0, 0]
    for s in ctx.schools:
        rr = rng_for("mm", s.name)
        n = int(s.n("网络多媒体教室数"))
        pan = max(0, n - rr.randint(0, max(1, n // 6)))
        proj = n - pan
        per = []
        for _, stage, st, _c in stage_rows([s]):
            per.append(f"{stage}{stage_split(s, '网络多媒体教室数')[stage] * 100 / st:.2f}")
        rows.append([s.name, str(s.classes or int(s.n("初中班级数"))), str(n), str(pan), str(proj),
                     rr.choice(["1000M", "1000M", "500M", "300M"]) if s.area != "乡村" else rr.choice(["300M", "200M"]),
                     "；".join(per)])
        tot[0] += n
        tot[1] += pan
        tot[2] += proj
    rows.append(["合计", "", *[str(v) for v in tot], "", ""])
    form(ctx.leaf(code) / "网络多媒体教室登记表.pdf", doc_title="示例县义务教育学校网络多媒体教室登记表（2025年）",
         date=dt.date(2025, 9, 30), author=BUREAU, unit="填报单位：示例县教育体育局电化教育站　　单位：间",
         parts=[table(["学校名称", "班级数", "网络多媒体教室", "其中：交互式智能平板", "其中：投影+电子白板",
                       "校园网出口带宽", "每百名学生拥有数"], rows, [28, 8, 11, 13, 13, 11, 16], font=9.5, left_cols=(0,),
                      total_width=frame_width(footer="form"))],
         note="注：网络多媒体教室指配备多媒体教学设备并接入校园网、能开展网络教学的教室（含普通教室和专用教室）。一贯制、完全中学按加权在校生拆分。",
         foot="填表人：田甜　　　审核人：李红梅")
    date = dt.date(2024, 11, 8)
    rows = []
    for i, s in enumerate(ctx.schools, 1):
        rr = rng_for("ict", s.name)
        rows.append([str(i), s.name, str(int(hist(s.n("计算机台数"), 2024, (s.name, "pc"), 0.04))),
                     str(int(hist(s.n("网络多媒体教室数"), 2024, (s.name, "mm"), 0.05))),
                     str(1 if s.area == "城区" or s.students > 900 else 0), str(rr.randint(2, 12)),
                     fmt(hist(s.n("教学仪器设备值"), 2024, (s.name, "eq"), 0.07) * rr.uniform(0.22, 0.32), 1)])
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕52号_关于报送教育信息化设备资产清单的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕52号", date=date, doc_title="关于报送教育信息化设备资产清单的通知",
            addressee="各义务教育学校：",
            body=[p("为全面掌握全县中小学教育信息化设备配备和使用情况，做好义务教育优质均衡发展网络多媒体教室等指标的核查工作，县教育体育局决定开展教育信息化设备资产清查。现将有关事项通知如下："),
                  p("一、清查范围为各校登记在册的计算机、交互式智能平板、投影机、电子白板、录播系统、网络设备等信息化设备，以2024年10月31日为清查时点。"),
                  p("二、各校要对照固定资产账逐台（套）清点，做到账实相符；对已报废但未销账、已购置但未入账的设备，要于11月30日前完成账务处理。"),
                  p("三、各校于2024年11月25日前将《教育信息化设备资产清单》（加盖公章）报县教育体育局电化教育站，电子版同时发送至电教站邮箱。全县汇总情况见附件。"),
                  p(contact(r, "电化教育站", "田甜"))],
            attachments=[Attachment("示例县义务教育学校教育信息化设备资产清单（汇总）",
                                    [table(["序号", "学校名称", "计算机（台）", "网络多媒体教室（间）", "录播教室（间）",
                                            "网络设备（台）", "信息化设备原值（万元）"], rows, [6, 28, 11, 13, 11, 11, 14], font=9.5)])],
            cc="县人民政府办公室，县财政局。")
    scan_usage_log(ctx.leaf(code) / "多媒体教室使用记录（示例县实验小学）.jpg", "示例县实验小学",
                   "网络多媒体教室使用登记表", "四年级（3）班教室", dt.date(2024, 10, 14), key=code)


def scan_usage_log(path: Path, school: str, heading: str, room: str, start: dt.date, key: str,
                   equipment: bool = False) -> None:
    r = rng_for("usage", key)
    sh = Sheet(100, rng=r)
    sh.ctext(20, school, 13, sans=True)
    sh.ctext(29, heading, 17, sans=True)
    sh.text(18, 40, f"教室（场所）：{room}　　　　设备编号：SL-{r.randint(1000, 9999)}　　　　管理员：{person(r)[0]}", 10)
    cols = ["日期", "节次", "使用人", "学科", "使用内容", "设备状况", "备注"] if not equipment else \
           ["日期", "时间", "使用人", "班级", "实验/活动名称", "设备状况", "备注"]
    widths = [22, 13, 20, 16, 58, 22, 23]
    heights = [10] + [8.6] * 26
    xs, ys = sh.grid(12, 46, widths, heights)
    for j, c_ in enumerate(cols):
        sh.cell_text(xs, ys, 0, j, c_, 10.5, True)
    d = start
    subj = ["语文", "数学", "英语", "科学", "音乐", "美术", "道德与法治", "信息科技"]
    content = ["课件演示", "微课播放", "希沃白板互动", "视频片段", "实物展台", "在线作业讲评", "国家中小学智慧教育平台资源"]
    labs = ["测量小灯泡电功率", "探究凸透镜成像规律", "观察植物细胞", "氧气的制取", "酸碱中和反应", "DIS数字化实验"]
    teachers = [person(r)[0] for _ in range(6)]
    for i in range(1, 27):
        if i > 1 and r.random() < 0.45:
            d += dt.timedelta(days=1)
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
        if i > 22:
            continue
        sh.hand(xs[0] + 2, ys[i] + 1.8, f"{d.month}.{d.day}", 10)
        sh.hand(xs[1] + 3, ys[i] + 1.8, f"第{r.randint(1, 7)}节" if not equipment else f"{r.randint(8, 16)}:{r.choice(['00', '30'])}", 10)
        sh.hand(xs[2] + 2, ys[i] + 1.6, r.choice(teachers), 11)
        sh.hand(xs[3] + 2, ys[i] + 1.8, r.choice(subj) if not equipment else f"{r.randint(7, 9)}({r.randint(1, 6)})", 10)
        sh.hand(xs[4] + 2, ys[i] + 1.8, r.choice(labs if equipment else content), 10)
        sh.hand(xs[5] + 4, ys[i] + 1.8, "正常" if r.random() < 0.93 else "已报修", 10)
    img = finish(sh, r, angle=r.uniform(-1.4, 1.4), gray=False)
    save_jpeg(path, img, 100, quality=68)


def county_map(c, w, h) -> None:
    """A schematic map of the county: outline, towns, rivers, school markers, legend."""
    c.saveState()
    r = rng_for("map")
    cx, cy = w * 0.42, h * 0.5
    pts = []
    for i in range(36):
        a = 2 * math.pi * i / 36
        rad = min(w * 0.38, h * 0.46) * (0.82 + 0.18 * math.sin(3 * a + 0.7) + 0.06 * r.uniform(-1, 1))
        pts.append((cx + rad * math.cos(a) * 1.18, cy + rad * math.sin(a)))
    pth = c.beginPath()
    pth.moveTo(*pts[0])
    for q in pts[1:]:
        pth.lineTo(*q)
    pth.close()
    c.setFillColor(colors.Color(0.96, 0.95, 0.88))
    c.setStrokeColor(colors.Color(0.5, 0.2, 0.5))
    c.setDash(6, 3)
    c.setLineWidth(1.6)
    c.drawPath(pth, stroke=1, fill=1)
    c.setDash()
    # river
    c.setStrokeColor(colors.Color(0.35, 0.6, 0.9))
    c.setLineWidth(2.2)
    pth = c.beginPath()
    pth.moveTo(cx - w * 0.42, cy + 40)
    pth.curveTo(cx - 120, cy + 110, cx + 20, cy - 60, cx + w * 0.45, cy - 20)
    c.drawPath(pth, stroke=1, fill=0)
    towns = {"城关镇（县城）": (cx, cy), "青石镇": (cx - 120, cy + 75), "柳河镇": (cx + 110, cy + 80),
             "白沙镇": (cx + 130, cy - 60), "龙泉镇": (cx - 105, cy - 80), "清溪乡": (cx - 20, cy + 120),
             "马鞍乡": (cx + 40, cy - 125), "大坪乡": (cx - 175, cy - 5)}
    c.setFillColor(BLACK)
    for nm, (x, y) in towns.items():
        c.setFont(HEI, 10 if "县城" in nm else 9)
        c.drawString(x + 8, y + 12, nm)
    placed: dict = {}
    for s in ctx_global.schools:
        town = next((t for t in towns if t[:2] in s.name), "城关镇（县城）")
        x, y = towns[town]
        k = placed.get(town, 0)
        placed[town] = k + 1
        ang = k * 2.4
        x, y = x + 22 * math.cos(ang) * (1 + k * 0.25), y + 18 * math.sin(ang) * (1 + k * 0.25) - 6
        c.setFillColor({"小学": colors.Color(0.1, 0.5, 0.1), "教学点": colors.Color(0.4, 0.7, 0.3),
                        "初中": colors.Color(0.1, 0.3, 0.8), "九年一贯制学校": colors.Color(0.8, 0.4, 0.0),
                        "完全中学": colors.Color(0.6, 0.1, 0.6)}.get(s.kind, BLACK))
        if s.kind in ("小学", "教学点"):
            c.circle(x, y, 3.6 if s.kind == "小学" else 2.6, stroke=0, fill=1)
        elif s.kind == "初中":
            c.rect(x - 3.5, y - 3.5, 7, 7, stroke=0, fill=1)
        else:
            pth = c.beginPath()
            pth.moveTo(x, y + 5)
            pth.lineTo(x - 4.5, y - 3.5)
            pth.lineTo(x + 4.5, y - 3.5)
            pth.close()
            c.drawPath(pth, stroke=0, fill=1)
    # legend
    lx, ly = w - 150, h - 40
    c.setFillColor(BLACK)
    c.setFont(HEI, 10)
    c.drawString(lx, ly, "图　例")
    c.setFont(TEXT, 9)
    legend = [("小学", colors.Color(0.1, 0.5, 0.1), "c"), ("教学点", colors.Color(0.4, 0.7, 0.3), "c"),
              ("初级中学", colors.Color(0.1, 0.3, 0.8), "s"), ("九年一贯制学校", colors.Color(0.8, 0.4, 0.0), "t"),
              ("完全中学", colors.Color(0.6, 0.1, 0.6), "t"), ("县界", colors.Color(0.5, 0.2, 0.5), "l"),
              ("河流", colors.Color(0.35, 0.6, 0.9), "l")]
    for i, (nm, col, shp) in enumerate(legend):
        y = ly - 18 - i * 16
        c.setFillColor(col)
        c.setStrokeColor(col)
        if shp == "c":
            c.circle(lx + 6, y + 3, 3.5, stroke=0, fill=1)
        elif shp == "s":
            c.rect(lx + 2.5, y - 0.5, 7, 7, stroke=0, fill=1)
        elif shp == "t":
            pth = c.beginPath()
            pth.moveTo(lx + 6, y + 8)
            pth.lineTo(lx + 1.5, y - 1)
            pth.lineTo(lx + 10.5, y - 1)
            pth.close()
            c.drawPath(pth, stroke=0, fill=1)
        else:
            c.setLineWidth(1.6)
            c.line(lx, y + 3, lx + 14, y + 3)
        c.setFillColor(BLACK)
        c.drawString(lx + 20, y, nm)
    c.setFont(TEXT, 8)
    c.drawString(20, 10, "说明：本图为示意图，学校位置不代表精确坐标。审图号：示例县S（2023）01号　　制图单位：示例县教育体育局")
    # north arrow
    c.setStrokeColor(BLACK)
    c.setFillColor(BLACK)
    c.setLineWidth(1)
    c.line(40, h - 70, 40, h - 30)
    c.line(40, h - 30, 34, h - 44)
    c.line(40, h - 30, 46, h - 44)
    c.drawCentredString(40, h - 82, "N")
    c.restoreState()


ctx_global: Ctx  # set in main(); the map drawing needs the school list


def c8(ctx: Ctx) -> None:
    code = "C8"
    r = rng_for(code)
    date = dt.date(2023, 4, 25)
    n_p = len([s for s in ctx.schools if s.kind == "小学"])
    n_t = len([s for s in ctx.schools if s.kind == "教学点"])
    n_j = len([s for s in ctx.schools if s.kind == "初中"])
    n_9 = len([s for s in ctx.schools if s.kind == "九年一贯制学校"])
    n_c = len([s for s in ctx.schools if s.kind == "完全中学"])
    plan = [["1", "示例县第三小学（新建）", "城关镇东城片区", "36班", "1620", "2026年", "新建"],
            ["2", "示例县第一中学", "城关镇", "48班", "2400", "2025年", "改扩建"],
            ["3", "白沙镇中学运动场", "白沙镇", "—", "—", "2025年", "扩建运动场"],
            ["4", "大坪乡九年一贯制学校", "大坪乡", "18班", "810", "2024年", "整合马鞍乡中学初中部"],
            ["5", "龙泉镇中心小学", "龙泉镇", "18班", "810", "2024年", "改扩建"],
            ["6", "乡村小规模学校（教学点）", "各乡镇", "—", "—", "长期", "保留并办好"]]
    atts = [Attachment("示例县义务教育学校布局专项规划（2021—2035年）（节选）", [
        h1("一、规划背景"),
        p(f"全县现有义务教育学校{len(ctx.schools)}所，其中小学{n_p}所、教学点{n_t}个、初级中学{n_j}所、九年一贯制学校{n_9}所、完全中学{n_c}所。随着城镇化进程加快，县城学位需求持续增长，部分乡村学校生源逐年减少，学校布局与人口分布不相适应的问题日益突出。"),
        h1("二、规划原则"),
        p("坚持统筹规划、均衡发展，就近入学、方便群众，因地制宜、分类推进，保障质量、稳妥有序的原则，既防止盲目撤并乡村学校，又避免县城学校大班额、大规模。"),
        h1("三、规划目标"),
        p("到2025年，县城新增学位2400个以上，全面消除56人以上大班额，义务教育学校规模全部控制在国家规定范围内；到2035年，形成县城集中优质、乡镇规模适度、村级小规模学校保留并办好的城乡一体化布局。"),
        h1("四、近期建设项目"),
        table(["序号", "学校（项目）", "位置", "规模", "学位数", "完成时间", "建设方式"], plan, [6, 26, 16, 8, 9, 10, 18], font=10),
        h1("五、保障措施"),
        p("县自然资源局在国土空间规划中预留学校建设用地；县发展改革局优先安排学校建设项目；县财政局统筹安排建设资金；县住房城乡建设局落实城镇新建住宅小区配套学校同步规划、同步建设、同步交付。")])]
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示政发〔2023〕11号_示例县人民政府关于印发示例县义务教育学校布局专项规划（2021—2035年）的通知.pdf",
            org=GOV, docno="示政发〔2023〕11号", date=date,
            doc_title="示例县人民政府关于印发示例县义务教育学校布局专项规划（2021—2035年）的通知",
            addressee="各乡镇人民政府，县直各部门：",
            body=[p("《示例县义务教育学校布局专项规划（2021—2035年）》已经县人民政府第十七届第28次常务会议研究通过，现印发给你们，请认真贯彻执行。"),
                  p("各乡镇、各有关部门要把学校布局规划纳入国土空间规划和城乡建设规划统筹实施，严格落实学校建设用地，不得擅自改变规划确定的教育用地用途。")],
            attachments=atts, sign=GOV, cc="县委办公室，县人大常委会办公室，县政协办公室。", printer="示例县人民政府办公室")
    date = dt.date(2024, 1, 16)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示政复〔2024〕3号_示例县人民政府关于马鞍乡大坪乡学校布局调整的批复.pdf",
            org=GOV, docno="示政复〔2024〕3号", date=date,
            doc_title="示例县人民政府关于马鞍乡大坪乡学校布局调整的批复", addressee="县教育体育局：",
            body=[p("你局《关于马鞍乡中学初中部并入大坪乡九年一贯制学校的请示》（示教请〔2023〕21号）收悉。经县人民政府第十七届第41次常务会议研究，现批复如下："),
                  p("一、同意马鞍乡中学初中部自2024年秋季学期起整体并入大坪乡九年一贯制学校，原马鞍乡中学校舍用于马鞍乡中心小学扩大办学规模。"),
                  p("二、你局要会同马鞍乡人民政府做好学生、家长的宣传解释工作，落实学生上下学交通安全和寄宿保障，确保并入后学生“进得来、留得住、学得好”。"),
                  p("三、合并涉及的教职工由你局按照城乡统一的编制标准统筹调配，资产由县财政局、县教育体育局按规定办理划转手续。"),
                  p("此复。")],
            sign=GOV, cc="马鞍乡人民政府，大坪乡人民政府，县财政局，县委编办。", printer="示例县人民政府办公室")
    report(ctx.leaf(code) / "示例县义务教育学校分布图.pdf", doc_title="示例县义务教育学校分布图（2025年）",
           date=dt.date(2025, 6, 30), author=BUREAU, land=True, footer="form",
           body=[Drawn(frame_width(land=True), 400, county_map)])


def c9(ctx: Ctx) -> None:
    code = "C9"
    r = rng_for(code)
    date = dt.date(2023, 3, 10)
    std = [["学校用地", "小学生均不低于18㎡，初中生均不低于23㎡（城区确有困难的按不低于国家标准的下限执行）"],
           ["教学及辅助用房", "小学生均不低于4.5㎡，初中生均不低于5.8㎡"],
           ["体育运动场馆", "小学生均不低于7.5㎡，初中生均不低于10.2㎡；每校至少1块篮球场"],
           ["专用教室", "每12个班配备音乐、美术专用教室各1间以上，音乐教室不小于96㎡，美术教室不小于90㎡"],
           ["办学规模", "学校规模不超过2000人，九年一贯制学校不超过2500人"],
           ["班额", "小学不超过45人，初中不超过50人"]]
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示政办发〔2023〕8号_示例县人民政府办公室关于印发示例县城乡义务教育学校建设标准的通知.pdf",
            org=GOV_OFFICE, docno="示政办发〔2023〕8号", date=date,
            doc_title="示例县人民政府办公室关于印发示例县城乡义务教育学校建设标准的通知", addressee="各乡镇人民政府，县直有关部门：",
            body=[p("《示例县城乡义务教育学校建设标准》已经县人民政府同意，现印发给你们，请认真贯彻执行。"),
                  p("本标准适用于全县城乡所有公办义务教育学校的新建、改建和扩建项目，城乡执行统一标准，不得降低乡村学校建设标准。")],
            attachments=[Attachment("示例县城乡义务教育学校建设标准（主要指标）",
                                    [p("根据《农村普通中小学校建设标准》（建标109—2008）、《城市普通中小学校校舍建设标准》和教督〔2017〕6号文件要求，结合我县实际，制定本标准。"),
                                     table(["项目", "标准"], std, [16, 60], font=11, left_cols=(1,)),
                                     p("学校建设项目应同步规划建设食堂、学生宿舍（寄宿制学校）、厕所、饮水设施和安防设施，满足师生基本生活和安全需要。")])],
            sign=GOV_OFFICE, cc="县委办公室。", printer="示例县人民政府办公室")
    date = dt.date(2023, 5, 22)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示编办发〔2023〕5号_关于统一城乡中小学教职工编制标准的通知.pdf",
            org=BIANBAN, docno="示编办发〔2023〕5号", date=date, doc_title="关于统一城乡中小学教职工编制标准的通知",
            addressee="县教育体育局，县财政局，县人力资源和社会保障局：",
            body=[p("根据《中央编办 教育部 财政部关于统一城乡中小学教职工编制标准的通知》（中央编办发〔2014〕72号）和省、市有关要求，经县委编委会议研究，现就统一我县城乡中小学教职工编制标准有关事项通知如下："),
                  p("一、全县城乡中小学教职工编制按照统一标准核定：高中教职工与学生比为1:12.5，初中为1:13.5，小学为1:19。"),
                  p("二、对农村小规模学校、教学点按照生师比与班师比相结合的方式核定编制，教学点每个教学班至少配备1.5名教师；寄宿制学校按寄宿生人数适当增加编制。"),
                  p("三、县教育体育局在核定的编制总额内，根据各校班级数、学生数、课程开设和寄宿等情况统筹分配各校编制，报县委编办备案，每年动态调整一次。"),
                  p("四、严禁在有合格教师来源的情况下“有编不补”，严禁挤占、挪用、截留中小学教职工编制。")],
            sign=BIANBAN, seal=True, cc="县委办公室，县人民政府办公室。", printer="中共示例县委机构编制委员会办公室")
    date = dt.date(2024, 1, 18)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示财教〔2024〕2号_关于调整义务教育生均公用经费基准定额的通知.pdf",
            org=FINANCE, docno="示财教〔2024〕2号", date=date, doc_title="关于调整义务教育生均公用经费基准定额的通知",
            addressee="县教育体育局，各义务教育学校：",
            body=[p("根据《财政部 教育部关于调整义务教育阶段生均公用经费基准定额的通知》精神，经县人民政府同意，从2024年1月1日起调整我县城乡义务教育学校生均公用经费基准定额。现将有关事项通知如下："),
                  p("一、城乡统一的生均公用经费基准定额调整为：小学每生每年720元，初中每生每年940元。在此基础上，对寄宿制学校按寄宿生年生均300元标准增加公用经费；特殊教育学校和随班就读残疾学生按每生每年不低于6000元标准补助。"),
                  p("二、对不足100人的农村小规模学校和教学点按100人核定公用经费，保障其正常运转。"),
                  p("三、公用经费主要用于保障学校正常运转、完成教育教学活动和其他日常工作任务，学校按照不低于年度公用经费预算总额5%的比例安排教师培训经费。"),
                  p("四、各学校要严格执行国库集中支付和政府采购制度，不得用于人员工资、津贴补贴和基本建设投资。")],
            sign=[FINANCE, BUREAU], cc="县人民政府办公室，县审计局。", printer="示例县财政局办公室")
    eq = [["普通教室", "多媒体教学设备（交互式智能平板或投影+电子白板）1套，课桌椅按班额配齐，图书角1个", "每班1套"],
          ["科学（理化生）实验室", "按JY/T 0385—2006、JY/T 0406—2010配齐分组实验仪器和演示仪器", "小学每12班1间，初中每6班1间"],
          ["音乐专用教室", "钢琴或数码钢琴1台、多媒体设备1套、打击乐器1套、合唱台", "每12班1间，面积不小于96㎡"],
          ["美术专用教室", "画架、画板、陶艺设备、展示柜、多媒体设备1套", "每12班1间，面积不小于90㎡"],
          ["计算机教室", "学生计算机每校不少于一个标准班额数量，教师机1台", "每校至少1间"],
          ["图书馆（室）", "小学生均图书不少于25册，初中不少于35册，每年新增生均1册以上", "每校1间"],
          ["体育器材", "按《中小学体育器材设施配备标准》配齐田径、球类、体操器材", "每校1套"]]
    write_docx(ctx.leaf(code) / "义务教育学校基本装备配置标准.docx",
               doc_title="示例县城乡义务教育学校基本装备配置标准", when=dt.date(2023, 3, 20), author=BUREAU,
               blocks=[("p", "为推进城乡义务教育学校装备配置标准统一，根据教育部《中小学理科实验室装备规范》等行业标准和省义务教育学校办学条件基本标准，结合我县实际，制定本标准。本标准适用于全县城乡所有公办义务教育学校，城乡学校执行同一标准。"),
                       ("h1", "一、配置原则"),
                       ("p", "坚持城乡统一、够用适用、逐步提高的原则，优先保障乡村学校和薄弱学校，做到配齐、配足、用好。"),
                       ("h1", "二、主要配置标准"),
                       ("table", ["场所", "配置内容", "配置数量"], eq),
                       ("h1", "三、管理要求"),
                       ("p", "各学校要建立教学仪器设备固定资产账，设备购置后及时入账、贴签，做到账、卡、物相符；建立使用登记制度，提高设备使用率。县教育体育局每年组织一次装备配置情况督查。"),
                       ("p", "本标准自印发之日起执行，由县教育体育局负责解释。")],
               sign=BUREAU, sign_date=dt.date(2023, 3, 20))


def music_art_rows(ctx: Ctx):
    """Per school: classes, rooms needed, music count/area, art count/area, and what falls short."""
    out = []
    for s in ctx.schools:
        cls = s.classes
        need = max(1, math.ceil(cls / 12))
        mc, ma = int(s.n("音乐专用教室数")), s.n("音乐专用教室面积")
        ac, aa = int(s.n("美术专用教室数")), s.n("美术专用教室面积")
        issues = []
        if mc < need:
            issues.append(f"音乐教室少{need - mc}间")
        if mc and ma / mc < 96:
            issues.append("音乐教室面积不足")
        if ac < need:
            issues.append(f"美术教室少{need - ac}间")
        if ac and aa / ac < 90:
            issues.append("美术教室面积不足")
        out.append((s, cls, need, mc, ma, ac, aa, issues))
    return out


def c10(ctx: Ctx) -> None:
    code = "C10"
    r = rng_for(code)
    rows = []
    for s, cls, need, mc, ma, ac, aa, issues in music_art_rows(ctx):
        rows.append([s.name, cls, need, mc, ma, round(ma / mc, 1) if mc else 0, ac, aa, round(aa / ac, 1) if ac else 0,
                     "达标" if not issues else "；".join(issues)])
    write_xlsx(ctx.leaf(code) / "音乐、美术专用教室登记表.xlsx", [
        dict(name="2025年", title="示例县义务教育学校音乐、美术专用教室登记表（2025年）",
             unit="填报单位：示例县教育体育局　　面积单位：平方米",
             header=[["学校名称", "班级数", "应配间数", "音乐专用教室", None, None, "美术专用教室", None, None, "达标情况"],
                     [None, None, None, "间数", "总面积", "间均面积", "间数", "总面积", "间均面积", None]],
             merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 5), (0, 6, 0, 8), (0, 9, 1, 9)],
             rows=rows, widths=[28, 8, 9, 8, 9, 9, 8, 9, 9, 34], left=(1, 10),
             notes=["说明：每12个班级配备音乐、美术专用教室各1间以上；音乐专用教室每间不小于96㎡，美术专用教室每间不小于90㎡。",
                    "填表人：邱建平　　审核人：李红梅　　填报日期：2025年9月30日"]),
    ], dt.date(2025, 9, 30), BUREAU)
    fw_ = frame_width(footer="form")

    def room_plan(c, w, h, title_, rooms):
        c.saveState()
        c.setFont(HEI, 12)
        c.drawCentredString(w / 2, h - 16, title_)
        x = 20
        for nm, ww, dd, items in rooms:
            sc = 2.9
            c.setLineWidth(2)
            c.rect(x, 40, ww * sc * 10, dd * sc * 10)
            c.setLineWidth(0.6)
            c.setFont(TEXT, 9)
            c.drawCentredString(x + ww * sc * 5, 40 + dd * sc * 10 + 8, f"{nm}（{ww:.1f}m×{dd:.1f}m＝{ww * dd:.1f}㎡）")
            for k, it in enumerate(items):
                c.rect(x + 10 + (k % 3) * ww * sc * 3.2, 60 + (k // 3) * 40, ww * sc * 2.6, 26)
                c.drawCentredString(x + 10 + (k % 3) * ww * sc * 3.2 + ww * sc * 1.3, 70 + (k // 3) * 40, it)
            x += ww * sc * 10 + 24
        c.setFont(TEXT, 8.5)
        c.drawString(20, 14, "比例 1:100　单位：m　　绘制：示例县教育体育局计划财务股　2025年5月")
        c.restoreState()

    report(ctx.leaf(code) / "专用教室平面图.pdf", doc_title="示例县第二小学音乐、美术专用教室平面图",
           date=dt.date(2025, 5, 16), author=BUREAU, footer="form",
           body=[Drawn(fw_, 300, lambda c, w, h: room_plan(c, w, h, "综合楼三层：音乐教室（一）、美术教室（一）",
                                                       [("音乐教室（一）", 12.0, 8.4, ["讲台", "钢琴", "合唱台", "器材柜", "多媒体", "学生座位区"]),
                                                        ("美术教室（一）", 11.4, 8.2, ["讲台", "展示柜", "画架区", "陶艺区", "水池", "学生座位区"])])),
                 Spacer(1, 20),
                 Drawn(fw_, 300, lambda c, w, h: room_plan(c, w, h, "综合楼四层：音乐教室（二）、美术教室（二）",
                                                       [("音乐教室（二）", 12.6, 8.1, ["讲台", "数码钢琴", "合唱台", "打击乐器", "多媒体", "学生座位区"]),
                                                        ("美术教室（二）", 11.0, 8.6, ["讲台", "展示柜", "画架区", "书法区", "水池", "学生座位区"])]))])
    date = dt.date(2024, 3, 2)
    short = [(s, need, mc, ac, issues) for s, cls, need, mc, ma, ac, aa, issues in music_art_rows(ctx) if issues]
    rows = [[str(i), s.name, str(need), str(mc), str(ac), "；".join(iss), "2024年8月"] for i, (s, need, mc, ac, iss) in enumerate(short, 1)] \
        or [["1", "—", "", "", "", "全部达标", ""]]
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕10号_关于推进音乐美术专用教室达标建设的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕10号", date=date, doc_title="关于推进音乐美术专用教室达标建设的通知",
            addressee="各义务教育学校：",
            body=[p(f"经逐校核查，全县仍有{len(short)}所学校音乐、美术专用教室数量或面积未达到“每12个班级配备音乐、美术专用教室1间以上，音乐专用教室不小于96平方米、美术专用教室不小于90平方米”的要求。为加快补齐短板，现将有关事项通知如下："),
                  p("一、各相关学校要对照附件所列问题，通过调整功能用房、合并改造小教室、新建或扩建等方式，于2024年暑假期间完成专用教室达标改造。"),
                  p("二、专用教室改造完成后，学校要按照《示例县城乡义务教育学校基本装备配置标准》配齐钢琴、打击乐器、画架、陶艺设备等，并建立使用登记制度。"),
                  p("三、县教育体育局将于2024年9月组织验收，验收结果纳入学校年度目标考核。"),
                  p(contact(r, "计划财务股", "邱建平"))],
            attachments=[Attachment("音乐、美术专用教室未达标学校整改任务表",
                                    [table(["序号", "学校名称", "应配间数", "音乐教室", "美术教室", "存在问题", "完成时限"], rows,
                                           [6, 26, 9, 9, 9, 30, 11], font=10)])],
            cc="县财政局，县住房城乡建设局。")


def c11(ctx: Ctx) -> None:
    code = "C11"
    r = rng_for(code)
    limit = {"九年一贯制学校": 2500, "十二年一贯制学校": 2500}
    rows, tp, tj, tc = [], 0, 0, 0
    for s in ctx.schools:
        ps, js = int(s.n("小学在校生数")), int(s.n("初中在校生数"))
        lim = limit.get(s.kind, 2000)
        tot = ps + js
        rows.append([s.name, s.kind, s.area, str(ps or ""), str(js or ""), str(int(s.n("高中在校生数")) or ""), str(s.classes),
                     str(tot), str(lim), "是" if tot <= lim else "否（超" + str(tot - lim) + "人）"])
        tp, tj, tc = tp + ps, tj + js, tc + s.classes
    rows.append(["合计", "", "", str(tp), str(tj), "", str(tc), str(tp + tj), "", ""])
    form(ctx.leaf(code) / dated(dt.date(2025, 10, 15), "示教统〔2025〕7号", "2025年教育事业统计年报（在校生部分）"),
         docno="示教统〔2025〕7号", doc_title="2025年教育事业统计年报（在校生部分）", date=dt.date(2025, 10, 15), author=BUREAU, land=True,
         unit="填报单位：示例县教育体育局　　统计时点：2025年9月30日　　单位：人、个",
         parts=[table(["学校名称", "学校类型", "城乡类型", "小学在校生", "初中在校生", "高中在校生", "班级数", "义务教育在校生",
                       "规模上限", "是否符合规模要求"], rows, [30, 16, 9, 10, 10, 10, 8, 13, 9, 16], font=9.5, left_cols=(0,),
                      total_width=frame_width(land=True))],
         note="注：学校规模按义务教育阶段在校生计算，九年一贯制学校上限2500人，其他学校2000人。",
         foot="单位负责人：陈志强　　　统计负责人：马俊　　　填表人：周强")
    over = [s for s in ctx.schools if s.students > limit.get(s.kind, 2000)]
    date = dt.date(2023, 8, 28)
    names = "、".join(s.name for s in over) or "县城个别学校"
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2023〕40号_关于印发示例县义务教育学校规模调控实施办法的通知.pdf",
            org=BUREAU, docno="示教发〔2023〕40号", date=date, doc_title="关于印发示例县义务教育学校规模调控实施办法的通知",
            addressee="各义务教育学校，各乡镇中心学校：",
            body=[p("为科学控制义务教育学校办学规模，消除超大规模学校，促进义务教育优质均衡发展，县教育体育局制定了《示例县义务教育学校规模调控实施办法》，现印发给你们，请认真贯彻执行。")],
            attachments=[Attachment("示例县义务教育学校规模调控实施办法", [
                p("第一条　为落实《县域义务教育优质均衡发展督导评估办法》关于学校规模的要求，制定本办法。"),
                p("第二条　全县小学、初中规模不超过2000人，九年一贯制学校义务教育阶段规模不超过2500人。新建学校规模原则上小学不超过36个班、初中不超过48个班。"),
                p(f"第三条　对规模超出或接近上限的学校（{names}），实行招生计划总量控制，起始年级招生班数不得超过核定班数，不得接收学区外学生。"),
                p("第四条　县教育体育局根据学龄人口预测和学区内适龄儿童少年数量，每年3月核定各校起始年级招生计划，向社会公布。"),
                p("第五条　通过新建示例县第三小学、扩建乡镇学校、实行集团化办学等方式增加优质学位供给，分流县城学校学生。"),
                p("第六条　严禁学校以任何形式擅自扩大招生规模，对违规招生的学校予以通报批评，并追究校长责任。"),
                p("第七条　本办法自印发之日起施行。")])],
            cc="县人民政府办公室，县教育督导室。")


def c12(ctx: Ctx) -> None:
    code = "C12"
    r = rng_for(code)
    sch = ctx.school("示例县实验小学")
    maxc = int(sch.n("小学最大班额")) or 45
    parts = []
    for grade, cls in (("一", 1), ("一", 2), ("三", 4), ("五", 2)):
        entry = 2024 - "一二三四五六".index(grade)      # year the class entered school
        n = maxc - r.randint(0, 3)
        rr = rng_for("class", grade, cls)
        names = [person(rr) for _ in range(n)]
        rows = []
        per_col = math.ceil(n / 3)
        for i in range(per_col):
            row = []
            for k in range(3):
                j = k * per_col + i
                if j < n:
                    row += [str(j + 1), f"{entry % 100:02d}{cls:02d}{j + 1:02d}", names[j][0], names[j][1]]
                else:
                    row += ["", "", "", ""]
            rows.append(row)
        parts.append(KeepTogether([Paragraph(esc(f"{grade}年级（{cls}）班　　班主任：{person(rr)[0]}　　学生数：{n}人（男{sum(1 for x in names if x[1] == '男')}人，女{sum(1 for x in names if x[1] == '女')}人）"),
                                             ParagraphStyle("cls", parent=ST_SMALL, fontName=HEI)),
                                   table(["序号", "学籍号后6位", "姓名", "性别"] * 3, rows, [5, 10, 9, 5] * 3, font=9,
                                         total_width=frame_width(footer="form")), Spacer(1, 10)]))
    form(ctx.leaf(code) / f"分班名册（{sch.name}2024年秋季学期）.pdf", doc_title=f"{sch.name}2024年秋季学期分班名册（节选）",
         date=dt.date(2024, 9, 10), author=sch.name, unit=f"学校（盖章）：{sch.name}　　全校{int(sch.n('小学班级数'))}个班",
         parts=parts, foot="说明：全校各班名册与全国中小学生学籍信息管理系统数据一致，此处节选4个班。　　教务处制")
    date = dt.date(2023, 3, 1)
    big = []
    for s, stage, st, cl in stage_rows(ctx.schools):
        m = int(s.n(f"{stage}最大班额"))
        lim = {"小学": 45, "初中": 50}[stage]
        if m > lim:
            big.append([s.name, stage, str(m + r.randint(2, 5)), str(m), str(lim), "控制起始年级招生、分流学区外学生", "2025年秋季"])
    if not big:
        big = [["—", "", "", "", "", "无超标班额", ""]]
    rows = [[str(i)] + b for i, b in enumerate(big, 1)]
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2023〕9号_关于印发示例县消除大班额工作方案的通知.pdf",
            org=BUREAU, docno="示教发〔2023〕9号", date=date, doc_title="关于印发示例县消除大班额工作方案的通知",
            addressee="各义务教育学校：",
            body=[p("现将《示例县消除大班额工作方案》印发给你们，请结合实际认真抓好落实。各学校要建立大班额动态监测台账，每学期开学后10日内将班额情况报县教育体育局基础教育股。"),
                  p(contact(r, "基础教育股", "马俊"))],
            attachments=[Attachment("示例县消除大班额工作方案", [
                h1("一、工作目标"),
                p("到2025年秋季学期，全县小学、初中所有班级学生数分别不超过45人、50人，并保持动态清零。"),
                h1("二、主要措施"),
                h2("（一）严格控制起始年级班额。"),
                p("一年级、七年级新生按照小学每班不超过45人、初中每班不超过50人编班，严禁超班额招生。"),
                h2("（二）扩大学位供给。"),
                p("加快示例县第三小学新建工程和示例县第一中学改扩建工程，推进乡镇学校改善办学条件，吸引学生就近入学。"),
                h2("（三）规范招生行为。"),
                p("严格落实划片招生、免试就近入学政策，严禁跨学区招生和接收择校生。"),
                h1("三、大班额工作台账"),
                table(["序号", "学校", "学段", "2023年春最大班额", "2025年最大班额", "标准", "化解措施", "完成时限"], rows,
                      [5, 22, 7, 12, 12, 7, 26, 11], font=9.5)])],
            cc="县人民政府办公室，县教育督导室。")


def public_funds(ctx: Ctx, year: int):
    """Per school: students, counted students (at least 100), rate and amount (万元)."""
    rp, rj = (650, 850) if year <= 2023 else (720, 940)
    rows = []
    for s in ctx.schools:
        ps = hist(s.n("小学在校生数"), year, (s.name, "ps"), -0.01) if s.n("小学在校生数") else 0
        js = hist(s.n("初中在校生数"), year, (s.name, "js"), -0.01) if s.n("初中在校生数") else 0
        boarders = int((ps + js) * (0.35 if s.area == "乡村" else 0.18 if s.area == "镇区" else 0.0))
        cp = max(ps, 100) if s.kind == "教学点" or (0 < ps < 100 and not js) else ps
        amount = (cp * rp + js * rj + boarders * 300) / 10000
        rows.append((s, ps, js, cp, boarders, amount))
    return rows, rp, rj


def c13(ctx: Ctx) -> None:
    code = "C13"
    r = rng_for(code)
    for y, date, no in ((2023, dt.date(2023, 4, 12), 7), (2024, dt.date(2024, 4, 15), 9)):
        rows_, rp, rj = public_funds(ctx, y)
        rows = [[str(i), s.name, str(ps or ""), str(js or ""), str(cp or ""), str(b), f"{amt:.2f}"]
                for i, (s, ps, js, cp, b, amt) in enumerate(rows_, 1)]
        total = sum(x[-1] for x in rows_)
        rows.append(["", "合计", "", "", "", "", f"{total:.2f}"])
        small_ = [s.name for s, ps, js, cp, b, a in rows_ if cp != ps]
        ttl = f"关于拨付{y}年义务教育学校公用经费的通知"
        gongwen(ctx.leaf(code) / f"{ymd(date)}_示财教〔{y}〕{no}号_{ttl}.pdf",
                org=FINANCE, docno=f"示财教〔{y}〕{no}号", date=date, doc_title=ttl, addressee="县教育体育局，各义务教育学校：",
                body=[p(f"根据城乡义务教育经费保障机制有关规定，现拨付{y}年全县义务教育学校公用经费{total:.2f}万元（其中中央和省级资金{total * 0.8:.2f}万元，县级配套资金{total * 0.2:.2f}万元），具体分配情况见附件。现将有关事项通知如下："),
                      p(f"一、{y}年生均公用经费基准定额为小学每生每年{rp}元、初中每生每年{rj}元，寄宿制学校按寄宿生年生均300元增加公用经费。"),
                      p(f"二、对不足100名学生的村小学和教学点（{'、'.join(small_) or '无'}）按100名学生核定公用经费，确保小规模学校正常运转。"),
                      p("三、各学校要按照不低于公用经费预算总额5%的比例安排教师培训经费，严禁将公用经费用于发放人员津贴补贴、偿还债务和基本建设。"),
                      p("四、本次拨付资金列“2050202小学教育”“2050203初中教育”科目。")],
                attachments=[Attachment(f"{y}年义务教育学校公用经费分配表",
                                        [right("单位：人、万元"),
                                         table(["序号", "学校", "小学生数", "初中生数", "小学核定人数", "寄宿生数", "公用经费"], rows,
                                               [5, 28, 10, 10, 12, 10, 12], font=9.5)])],
                sign=[FINANCE, BUREAU], cc="县人民政府办公室，县审计局。", printer="示例县财政局办公室")
    rows = []
    for y in YEARS:
        rows_, rp, rj = public_funds(ctx, y)
        for s, ps, js, cp, b, amt in rows_:
            if cp != ps:
                rows.append([str(y), s.name, str(ps), "100", str(rp), fmt(ps * rp, 0), fmt(cp * rp, 0), fmt((cp - ps) * rp, 0), "已拨付"])
    form(ctx.leaf(code) / dated(dt.date(2025, 9, 18), "示教财〔2025〕11号", "小规模学校和教学点公用经费核拨明细表"),
         docno="示教财〔2025〕11号", doc_title="示例县小规模学校和教学点公用经费核拨明细表（2023—2025年）",
         date=dt.date(2025, 9, 18), author=BUREAU, unit="填报单位：示例县教育体育局计划财务股　　单位：人、元",
         parts=[table(["年度", "学校（教学点）", "实际学生数", "核定学生数", "生均定额", "按实际人数应拨", "按100人核拨", "多核拨", "拨付情况"],
                      rows, [7, 26, 9, 9, 9, 12, 12, 10, 9], font=9.5, total_width=frame_width(footer="form"))],
         note="注：不足100名学生的村小学和教学点按100名学生核定公用经费，资金由县财政局直接拨付至学校零余额账户。",
         foot="填表人：邱建平　　　审核人：张卫国　　　县财政局教科文股复核：林晓")


def c14(ctx: Ctx) -> None:
    code = "C14"
    r = rng_for(code)
    per = {2023: 6200, 2024: 6500, 2025: int(ctx.fact("C14", "特殊教育学校生均公用经费", 6800))}
    stu = {2023: 72, 2024: 76, 2025: 79}
    for y, date, no in ((2024, dt.date(2024, 4, 15), 10), (2025, dt.date(2025, 4, 10), 8)):
        amt = per[y] * stu[y]
        ttl = f"关于拨付{y}年特殊教育学校生均公用经费的通知"
        gongwen(ctx.leaf(code) / f"{ymd(date)}_示财教〔{y}〕{no}号_{ttl}.pdf",
                org=FINANCE, docno=f"示财教〔{y}〕{no}号", date=date, doc_title=ttl, addressee="县教育体育局，示例县特殊教育学校：",
                body=[p(f"根据《示例县第二期特殊教育提升计划实施方案》和义务教育经费保障机制有关规定，现拨付示例县特殊教育学校{y}年生均公用经费{fmt(amt / 10000, 2)}万元。现将有关事项通知如下："),
                      p(f"一、{y}年特殊教育学校生均公用经费按每生每年{per[y]}元核定，核定学生数{stu[y]}人（含在校生和送教上门学生），合计{fmt(amt, 0)}元。"),
                      p("二、随班就读残疾学生的公用经费按特殊教育学校生均标准拨付至就读学校，由学校专项用于随班就读资源教室建设和个别化教育。"),
                      p("三、学校要加强经费管理，专款专用，重点保障康复训练、送教上门交通补助和教师培训等支出，接受财政、审计部门监督检查。")],
                sign=[FINANCE, BUREAU], cc="县人民政府办公室，县残联。", printer="示例县财政局办公室")
    pub = per[2024] * stu[2024] / 10000
    total = round(pub / 0.2, 2)
    rows = [["一、本年收入合计", fmt(total), fmt(total * 1.0)],
            ["　财政拨款收入", fmt(total * 0.985), fmt(total * 0.985)],
            ["　其他收入", fmt(total * 0.015), fmt(total * 0.015)],
            ["二、本年支出合计", fmt(total * 0.99), fmt(total * 0.99)],
            ["　基本支出——人员经费", fmt(total * 0.66), fmt(total * 0.66)],
            ["　基本支出——公用经费", fmt(pub), fmt(pub)],
            ["　　其中：教师培训费", fmt(pub * 0.06), fmt(pub * 0.06)],
            ["　　　　　送教上门交通补助", fmt(pub * 0.09), fmt(pub * 0.09)],
            ["　项目支出——康复设备购置", fmt(total * 0.99 - total * 0.66 - pub), fmt(total * 0.99 - total * 0.66 - pub)],
            ["三、年末结转和结余", fmt(total * 0.01), fmt(total * 0.01)]]
    form(ctx.leaf(code) / dated(dt.date(2025, 2, 26), "示特校〔2025〕3号", "示例县特殊教育学校2024年度经费决算表"),
         docno="示特校〔2025〕3号", doc_title="示例县特殊教育学校2024年度经费决算表", date=dt.date(2025, 2, 26), author="示例县特殊教育学校", unit="单位（盖章）：示例县特殊教育学校　　金额单位：万元",
         parts=[table(["项目", "决算数", "其中：财政拨款"], rows, [40, 16, 16], left_cols=(0,), total_width=frame_width(footer="form")),
                Spacer(1, 10),
                table(["指标", "2023年", "2024年"], [["在校生数（人）", str(stu[2023]), str(stu[2024])],
                                                   ["生均公用经费（元）", str(per[2023]), str(per[2024])],
                                                   ["是否达到6000元标准", "是", "是"]], [40, 16, 16],
                      total_width=frame_width(footer="form"))],
         foot="单位负责人：" + person(r)[0] + "　　　财务负责人：" + person(r)[0] + "　　　制表：" + person(r)[0])


def c15(ctx: Ctx) -> None:
    code = "C15"
    r = rng_for(code)
    t25 = int(ctx.fact("C15", "教师年平均工资收入", 112300))
    g25 = int(ctx.fact("C15", "公务员年平均工资收入", 108600))
    data = {2023: (t25 - 5800, g25 - 4700), 2024: (t25 - 2500, g25 - 2400), 2025: (t25, g25)}
    rows = []
    for y in YEARS:
        t, g = data[y]
        rows.append([str(y), fmt(t, 0), fmt(g, 0), fmt(t - g, 0), "是" if t >= g else "否",
                     fmt(t * 0.52, 0), fmt(t * 0.27, 0), fmt(t * 0.21, 0)])
    form(ctx.leaf(code) / dated(dt.date(2025, 9, 22), "示人社〔2025〕31号", "2023—2025年教师与公务员工资收入对比表"),
         docno="示人社〔2025〕31号", doc_title="示例县义务教育教师与公务员年平均工资收入对比表（2023—2025年）",
         date=dt.date(2025, 9, 22), author=HRSS, unit="填报单位：示例县人力资源和社会保障局、示例县财政局、示例县教育体育局　　单位：元",
         parts=[table([["年度", "义务教育教师年平均工资收入", "当地公务员年平均工资收入", "差额", "是否不低于", "教师工资构成", None, None],
                       [None, None, None, None, None, "基本工资", "绩效工资", "津贴补贴及其他"]], rows,
                      [8, 16, 16, 10, 10, 12, 12, 14], font=10, head_rows=2,
                      spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (3, 1)), ((4, 0), (4, 1)), ((5, 0), (7, 0))],
                      total_width=frame_width(footer="form")),
                Spacer(1, 8),
                small("说明：1. 教师年平均工资收入包括基本工资、绩效工资、津贴补贴、年终一次性奖励等，按义务教育学校在编在岗教师人数计算；"
                      "2. 公务员年平均工资收入按县直机关公务员同口径计算；3. 2025年为预计数（1—9月实发数加第四季度预算数）。")],
         foot="县人社局（盖章）　　　　县财政局（盖章）　　　　县教育体育局（盖章）")
    date = dt.date(2024, 1, 30)
    n_t = int(sum(s.n("专任教师数") for s in ctx.schools) * 1.08)
    rows = [[s.name, str(int(s.n("专任教师数") * 1.08)), fmt(s.n("专任教师数") * 1.08 * 2.91, 1)] for s in ctx.schools]
    rows.append(["合计", str(sum(int(s.n("专任教师数") * 1.08) for s in ctx.schools)), fmt(sum(s.n("专任教师数") * 1.08 * 2.91 for s in ctx.schools), 1)])
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示人社发〔2024〕4号_关于核定2024年度义务教育学校绩效工资总量的通知.pdf",
            org=HRSS, docno="示人社发〔2024〕4号", date=date, doc_title="关于核定2024年度义务教育学校绩效工资总量的通知",
            addressee="县教育体育局，县财政局，各义务教育学校：",
            body=[p("根据《关于义务教育学校实施绩效工资的指导意见》和省、市关于义务教育教师工资待遇保障的有关要求，经县人民政府同意，现将2024年度全县义务教育学校绩效工资总量核定如下："),
                  p(f"一、2024年度全县义务教育学校绩效工资总量按在编在岗教职工{n_t}人核定，人均年绩效工资水平按照不低于当地公务员规范后津贴补贴平均水平确定，足额核定。"),
                  p("二、绩效工资总量的30%作为奖励性绩效工资，由学校根据考核结果分配，重点向一线教师、骨干教师、班主任和乡村学校教师倾斜；班主任津贴、乡村教师生活补助在绩效工资总量外单列。"),
                  p("三、县财政局将绩效工资所需资金全额纳入财政预算，按月足额发放，确保义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平。")],
            attachments=[Attachment("2024年度义务教育学校绩效工资总量核定表",
                                    [right("单位：人、万元"), table(["学校", "核定人数", "绩效工资总量"], rows, [30, 12, 14], font=9.5)])],
            sign=[HRSS, FINANCE], cc="县人民政府办公室，县审计局。", printer="示例县人力资源和社会保障局办公室")


def c16(ctx: Ctx) -> None:
    code = "C16"
    r = rng_for(code)
    date = dt.date(2023, 2, 20)
    plan = [["1", "新课标全员培训", "全体专任教师", "24", "2—3月", "县教研室"],
            ["2", "骨干教师高级研修", "县级及以上骨干教师", "40", "4月、10月", "县教师发展中心"],
            ["3", "乡村教师能力提升", "乡村学校教师", "36", "5月", "县教师发展中心"],
            ["4", "信息技术应用能力提升工程2.0", "全体专任教师", "50", "全年", "县电教站"],
            ["5", "班主任专题培训", "各校班主任", "24", "7月", "县教育体育局德育股"],
            ["6", "音体美教师专业技能培训", "体育、艺术专任教师", "30", "8月", "县教研室"],
            ["7", "新教师入职培训", "新招聘教师", "120", "8月", "县教师发展中心"],
            ["8", "校长任职资格及提高培训", "中小学校长", "60", "11月", "县教育体育局人事股"]]
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2023〕6号_关于印发2023年示例县中小学教师培训计划的通知.pdf",
            org=BUREAU, docno="示教发〔2023〕6号", date=date, doc_title="关于印发2023年示例县中小学教师培训计划的通知",
            addressee="各中小学校，局属各单位：",
            body=[p("现将《2023年示例县中小学教师培训计划》印发给你们，请认真组织实施。各学校要按照教师5年一周期不少于360学时的要求，统筹安排教师参加各级各类培训，确保全员完成培训任务，并按不低于年度公用经费预算总额5%的比例安排教师培训经费。"),
                  p(contact(r, "人事股", "吴斌"))],
            attachments=[Attachment("2023年示例县中小学教师培训计划", [
                h1("一、指导思想"),
                p("以提高教师教育教学能力为核心，以新课程标准实施为重点，聚焦义务教育优质均衡发展，分层分类开展教师培训，建设高素质专业化教师队伍。"),
                h1("二、培训目标"),
                p("全年完成县级培训不少于1200人次；教师5年一周期360学时培训完成率达到100%；乡村教师、音体美教师培训全覆盖。"),
                h1("三、培训项目"),
                table(["序号", "项目名称", "培训对象", "学时", "时间", "承办单位"], plan, [5, 26, 20, 7, 11, 18], font=10),
                h1("四、工作要求"),
                p("各校要建立教师培训学时登记制度，培训结束后10日内在“示例省教师继续教育管理平台”登记学时；县教育体育局每学期对各校培训完成情况进行通报。")])],
            cc="示例市教育体育局。")
    write_docx(ctx.leaf(code) / "2024年教师培训工作总结.docx", doc_title="示例县2024年中小学教师培训工作总结",
               when=dt.date(2024, 12, 20), author=BUREAU, sign=BUREAU,
               blocks=[("p", "2024年，县教育体育局围绕义务教育优质均衡发展目标，聚焦新课标落地和教师专业成长，扎实开展分层分类培训，全县教师培训工作取得明显成效。现将全年工作总结如下。"),
                       ("h1", "一、主要工作及成效"),
                       ("h2", "（一）全员培训扎实推进。"),
                       ("p", "全年组织县级培训28期，培训教师4316人次；选派教师参加国培、省培、市培项目612人次。全县专任教师2021—2025周期累计学时登记率达100%，其中完成360学时的教师占87.6%，其余教师均已制定个人补足计划，2025年内全部完成。"),
                       ("h2", "（二）骨干引领作用明显。"),
                       ("p", "开展骨干教师高级研修2期，组织县级骨干教师送教下乡46场次，覆盖全部乡村学校和教学点，受益教师1300余人次。"),
                       ("h2", "（三）短板学科培训补齐。"),
                       ("p", "针对音乐、美术、体育和信息科技教师专业技能薄弱的问题，举办专项培训4期，培训318人次；完成信息技术应用能力提升工程2.0整校推进验收。"),
                       ("h2", "（四）经费保障到位。"),
                       ("p", "各校按不低于公用经费预算总额5%的比例安排教师培训经费，全年全县义务教育学校教师培训经费支出486.3万元，县财政另安排教师培训专项经费120万元。"),
                       ("h1", "二、存在的问题"),
                       ("p", "部分乡村学校工学矛盾突出，教师外出培训机会相对较少；个别学校培训经费使用进度偏慢，培训针对性和实效性有待进一步提高。"),
                       ("h1", "三、2025年工作打算"),
                       ("p", "一是全面完成2021—2025周期360学时培训任务；二是实施乡村教师“一对一”帮扶计划；三是加强校本研修，推动培训成果转化为课堂教学能力。")])
    rows = []
    for s in ctx.schools:
        n = int(s.n("专任教师数"))
        done = n
        rr = rng_for("hours", s.name)
        rows.append([s.name, str(n), str(done), "100.0", str(rr.randint(362, 420)), str(rr.randint(120, 190)),
                     str(rr.randint(60, 110)), str(rr.randint(110, 180))])
    rows.append(["合计", str(sum(int(s.n('专任教师数')) for s in ctx.schools)),
                 str(sum(int(s.n('专任教师数')) for s in ctx.schools)), "100.0", "", "", "", ""])
    sch = ctx.school("柳河镇河湾小学")
    tl = make_teachers(sch, "hours")
    rr = rng_for("hours-detail")
    det = []
    for i, t in enumerate(tl, 1):
        a, b, c_ = rr.randint(100, 150), rr.randint(60, 110), rr.randint(110, 170)
        det.append([str(i), t.name, t.subject, str(a), str(b), str(c_), str(a + b + c_), "已完成"])
    form(ctx.leaf(code) / "教师继续教育学时登记表.pdf", doc_title="示例县中小学教师继续教育学时登记汇总表（2021—2025周期）",
         date=dt.date(2025, 9, 25), author=BUREAU, unit="填报单位：示例县教育体育局人事股　　截至2025年9月20日",
         parts=[table(["学校", "专任教师数", "完成360学时人数", "完成率（%）", "人均学时", "国家和省级培训", "市县级培训", "校本研修"],
                      rows, [28, 9, 12, 10, 9, 12, 11, 10], font=9.5, left_cols=(0,), total_width=frame_width(footer="form")),
                Spacer(1, 10), Paragraph(esc(f"附：{sch.name}教师学时登记明细"), ST_SMALL),
                table(["序号", "姓名", "任教学科", "国家和省级", "市县级", "校本研修", "合计学时", "完成情况"], det,
                      [6, 12, 14, 12, 10, 10, 10, 10], font=9.5, total_width=frame_width(footer="form"))],
         foot="填表人：吴斌　　　审核人：张卫国")
    scan_signin(ctx.leaf(code) / "培训签到表（2024年暑期全员培训）.jpg", ctx)


def scan_signin(path: Path, ctx: Ctx) -> None:
    r = rng_for("signin")
    sh = Sheet(100, rng=r)
    sh.ctext(20, "示例县2024年暑期中小学教师全员培训签到表", 17, sans=True)
    sh.text(16, 33, "培训内容：义务教育新课程标准与大单元教学设计　　　地点：示例县教师发展中心报告厅", 10)
    sh.text(16, 40, "时间：2024年7月15日上午8:30　　　　　　第三组（乡镇小学）", 10)
    xs, ys = sh.grid(14, 46, [12, 26, 58, 26, 30, 30], [10] + [9.0] * 26)
    for j, hd in enumerate(["序号", "姓名", "工作单位", "任教学科", "签到", "签退"]):
        sh.cell_text(xs, ys, 0, j, hd, 10.5, True)
    schools = [s for s in ctx.schools if s.area != "城区" and s.primary]
    for i in range(1, 27):
        s = schools[(i - 1) // 4 % len(schools)]
        nm = person(r)[0]
        sh.cell_text(xs, ys, i, 0, str(i), 10)
        sh.cell_text(xs, ys, i, 1, nm, 10)
        sh.cell_text(xs, ys, i, 2, s.name, 9.5)
        sh.cell_text(xs, ys, i, 3, r.choice(["语文", "数学", "英语", "科学", "音乐", "美术", "体育与健康"]), 10)
        if i not in (9, 21):
            sh.hand(xs[4] + 5, ys[i] + 1.6, nm, 11.5)
            sh.hand(xs[5] + 5, ys[i] + 1.6, nm, 11.5)
        else:
            sh.hand(xs[4] + 4, ys[i] + 1.8, "请假", 10.5, ink=(160, 30, 30))
    sh.text(120, 292, "县教师发展中心制", 9)
    img = finish(sh, r, angle=r.uniform(-1.6, 1.6), gray=True)
    save_jpeg(path, img, 100, quality=68)


def c17(ctx: Ctx) -> None:
    code = "C17"
    r = rng_for(code)
    d = ctx.leaf(code)
    n_staff = int(sum(s.n("专任教师数") for s in ctx.schools) * 1.1)
    date1 = dt.date(2023, 6, 5)
    gongwen(d / "编制核定.pdf", org=BIANBAN, docno="示编办发〔2023〕9号", date=date1,
            doc_title="关于核定全县中小学教职工编制总额的通知", addressee="县教育体育局：",
            body=[p("根据城乡统一的中小学教职工编制标准和2022年教育事业统计数据，经县委编委会议研究，现核定你局所属中小学教职工编制总额如下："),
                  p(f"一、全县中小学（含特殊教育学校）教职工编制总额{n_staff + 412}名，其中义务教育学校{n_staff}名，高中学校及特殊教育学校{412}名。"),
                  p("二、对乡村小规模学校、教学点、寄宿制学校和特殊教育学校按规定予以倾斜，乡村小规模学校按班师比核定编制。"),
                  p("三、你局在核定的编制总额内统筹分配各学校编制，每年根据学生数、班级数变化动态调整，调整结果报县委编办备案。"),
                  p("四、严禁挤占、挪用中小学教职工编制，不得“有编不补”，不得长期聘用编外教师。")],
            sign=BIANBAN, cc="县财政局，县人力资源和社会保障局。", printer="中共示例县委机构编制委员会办公室")
    rows = []
    for s in ctx.schools:
        rr = rng_for("bz", s.name)
        t = int(s.n("专任教师数"))
        bz = int(t * 1.1) + rr.randint(1, 2)
        zaigang = max(t, bz - rr.randint(0, 2))
        senior = int(bz * rr.uniform(0.08, 0.12))
        mid = int(bz * rr.uniform(0.4, 0.5))
        rows.append([s.name, str(s.classes), str(s.students), str(bz), str(zaigang), str(senior), str(mid), str(bz - senior - mid)])
    date2 = dt.date(2025, 3, 18)
    form(d / "分配表.pdf", doc_title="示例县义务教育学校2025年教职工编制和岗位分配表", date=date2, author=BUREAU,
         unit="填报单位：示例县教育体育局（盖章）　　单位：个、人",
         parts=[table([["学校", "班级数", "在校生数", "核定编制", "在编在岗", "专业技术岗位设置", None, None],
                       [None, None, None, None, None, "高级", "中级", "初级"]], rows,
                      [28, 8, 9, 9, 9, 8, 8, 8], font=9.5, head_rows=2, left_cols=(0,),
                      spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (3, 1)), ((4, 0), (4, 1)), ((5, 0), (7, 0))],
                      total_width=frame_width(footer="form"))],
         note="注：编制按城乡统一标准核定，乡村小规模学校和教学点按班师比1:1.5核定；岗位结构比例按省核定的县级标准执行。",
         foot="县委编办备案：示编办备〔2025〕3号　　　填表人：吴斌　　审核人：张卫国")
    date3 = dt.date(2023, 9, 12)
    gongwen(d / "岗位设置.pdf", org=HRSS, docno="示人社发〔2023〕25号", date=date3,
            doc_title="关于印发示例县中小学岗位设置管理实施方案的通知", addressee="县教育体育局，各中小学校：",
            body=[p("为深化中小学人事制度改革，完善岗位设置管理，根据省、市事业单位岗位设置管理有关规定，结合我县实际，制定本方案，现印发给你们，请认真贯彻执行。")],
            attachments=[Attachment("示例县中小学岗位设置管理实施方案", [
                h1("一、岗位类别"),
                p("中小学岗位分为管理岗位、专业技术岗位和工勤技能岗位三种类别，专业技术岗位为主体岗位，原则上不低于单位岗位总量的90%。"),
                h1("二、岗位结构比例"),
                p("专业技术岗位高级、中级、初级岗位结构比例，初中为1:4:5，小学为0.8:4.5:4.7；乡村学校高级岗位比例在此基础上提高1个百分点。"),
                h1("三、统筹管理"),
                p("县教育体育局在县人社局核定的岗位总量内，根据各校编制数、班级数和教师结构统筹分配各校岗位数量，报县人社局备案后实施。"),
                h1("四、聘用管理"),
                p("学校按照“按需设岗、竞聘上岗、按岗聘用、合同管理”的原则组织岗位聘用，聘期一般为三年。")])],
            cc="县委编办，县财政局。", printer="示例县人力资源和社会保障局办公室")
    rows = [["编制核定.pdf", "关于核定全县中小学教职工编制总额的通知", "示编办发〔2023〕9号", "中共示例县委机构编制委员会办公室", ymd(date1), "复印件，原件存县委编办", "1"],
            ["分配表.pdf", "示例县义务教育学校2025年教职工编制和岗位分配表", "", BUREAU, ymd(date2), "每年动态调整", "2"],
            ["岗位设置.pdf", "关于印发示例县中小学岗位设置管理实施方案的通知", "示人社发〔2023〕25号", HRSS, ymd(date3), "", "3"]]
    with open(d / "目录.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["文件名", "题名", "文号", "责任者", "日期", "备注", "顺序"])
        w.writerows(rows)


def c18(ctx: Ctx) -> None:
    code = "C18"
    r = rng_for(code)
    n25 = 146
    pct25 = float(ctx.fact("C18", "交流轮岗教师占符合条件教师比例", 12.6))
    bb_pct25 = float(ctx.fact("C18", "交流轮岗教师中骨干教师比例", 18.5))
    bb25 = round(n25 * bb_pct25 / 100)
    stats = {2023: (1118, 121, 26), 2024: (1141, 133, 28), 2025: (round(n25 / pct25 * 100), n25, bb25)}
    for y, date, no in ((2023, dt.date(2023, 8, 15), 36), (2024, dt.date(2024, 8, 13), 38), (2025, dt.date(2025, 8, 12), 33)):
        elig, n, bb = stats[y]
        rr = rng_for("exchange", y)
        body = [p(f"为推进县域内义务教育学校教师均衡配置，根据《示例县义务教育学校教师交流轮岗实施办法》，经学校推荐、个人申请和县教育体育局审核，{y}年全县共安排{n}名教师交流轮岗，占符合交流条件教师总数{elig}人的{n * 100 / elig:.1f}%，其中县级及以上骨干教师{bb}人，占交流轮岗教师总数的{bb * 100 / n:.1f}%。现将有关事项通知如下："),
                p("一、交流轮岗期限一般为三年，交流期间人事关系、工资关系保持不变，由交流学校负责日常管理和年度考核。"),
                p("二、交流教师须于秋季学期开学前到交流学校报到，承担满工作量的教学任务，骨干教师要在交流学校开展示范课、指导青年教师。"),
                p("三、交流轮岗经历作为教师评聘高级职称、评优评先的必要条件；对到乡村学校交流的教师，按规定享受乡村教师生活补助。")]
        if y == 2025 and bb * 100 / n < 20:
            body.append(p(f"四、今年交流轮岗教师中骨干教师比例未达到20%的要求，各城区学校要在2026年春季学期补充安排骨干教师到乡村学校交流，县教育体育局将对落实情况进行专项督查。"))
        if y == 2025:
            names = []
            for i in range(n):
                frm = rr.choice([s for s in ctx.schools if s.area == "城区"])
                to = rr.choice([s for s in ctx.schools if s.area != "城区"])
                if i % 5 == 4:
                    frm, to = to, frm
                nm, g = person(rr)
                names.append([str(i + 1), nm, g, rr.choice(["语文", "数学", "英语", "科学", "音乐", "美术", "体育", "物理", "历史"]),
                              frm.short, to.short, "是" if i < bb else ""])
            att = [Attachment(f"{y}年义务教育学校教师交流轮岗名单",
                              [table(["序号", "姓名", "性别", "学科", "原学校", "交流学校", "骨干"], names, [6, 10, 6, 8, 24, 24, 6], font=8.5)])]
        else:
            rows = []
            alloc = [max(1, round(n * s.n("专任教师数") / sum(x.n("专任教师数") for x in ctx.schools))) for s in ctx.schools]
            for s, a in zip(ctx.schools, alloc):
                rows.append([s.name, str(a), str(max(0, round(a * bb / n + rr.uniform(-0.4, 0.4))))])
            att = [Attachment(f"{y}年义务教育学校教师交流轮岗人数分配表",
                              [table(["学校", "交流轮岗人数", "其中：骨干教师"], rows, [30, 14, 14], font=10)])]
        ttl = f"关于做好{y}年度义务教育学校教师交流轮岗工作的通知"
        gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔{y}〕{no}号_{ttl}.pdf",
                org=BUREAU, docno=f"示教发〔{y}〕{no}号", date=date, doc_title=ttl, addressee="各义务教育学校：",
                body=body, attachments=att, cc="县人力资源和社会保障局，县委编办。")
    rows = []
    for y in YEARS:
        elig, n, bb = stats[y]
        rows.append([str(y), str(elig), str(n), f"{n * 100 / elig:.1f}", "是" if n * 100 / elig >= 10 else "否",
                     str(bb), f"{bb * 100 / n:.1f}", "是" if bb * 100 / n >= 20 else "否"])
    form(ctx.leaf(code) / dated(dt.date(2025, 9, 16), "示教人〔2025〕8号", "交流轮岗教师统计表"),
         docno="示教人〔2025〕8号", doc_title="示例县义务教育学校教师交流轮岗统计表（2023—2025年）", date=dt.date(2025, 9, 16), author=BUREAU, unit="填报单位：示例县教育体育局人事股　　单位：人、%",
         parts=[table(["年度", "符合交流条件教师数", "交流轮岗教师数", "交流比例", "≥10%", "其中骨干教师", "骨干占比", "≥20%"],
                      rows, [8, 16, 14, 10, 8, 13, 10, 8], font=10.5, total_width=frame_width(footer="form"))],
         note="注：符合交流条件教师指在同一所学校连续任教满6年的在编在岗专任教师；骨干教师指县级及以上骨干教师。",
         foot="填表人：吴斌　　　审核人：张卫国")


def c19(ctx: Ctx) -> None:
    code = "C19"
    rows, missing = [], []
    for s in ctx.schools:
        t, c_ = int(s.n("专任教师数")), int(s.n("持证专任教师数") or s.n("专任教师数"))
        rows.append([s.name, str(t), str(c_), f"{c_ * 100 / t:.1f}" if t else "", str(t - c_) if t > c_ else ""])
        if t > c_:
            for tt in make_teachers(s, "cert"):
                if tt.cert == "（在考）":
                    missing.append([s.name, tt.name, tt.gender, tt.subject, str(tt.start), "已通过笔试，2025年12月面试"])
    fw_ = frame_width(footer="form")
    parts = [table(["学校", "专任教师数", "持证人数", "持证率（%）", "未持证人数"], rows, [30, 12, 12, 12, 12], font=10,
                   left_cols=(0,), total_width=fw_)]
    if missing:
        parts += [Spacer(1, 8), Paragraph("附：未取得教师资格证专任教师名单", ST_SMALL),
                  table(["学校", "姓名", "性别", "任教学科", "入职年份", "考证进展"], missing, [26, 10, 6, 12, 10, 26], font=10,
                        total_width=fw_)]
    sch = ctx.school("示例县第二中学")
    det = [[str(i), t.name, t.gender, t.subject, t.cert, t.cert_no] for i, t in enumerate(make_teachers(sch, "cert"), 1)]
    parts += [PageBreak(), Paragraph(esc(f"{sch.name}专任教师资格证登记明细"), ST_CAPTION),
              table(["序号", "姓名", "性别", "任教学科", "资格种类", "证书编号"], det, [6, 10, 6, 12, 18, 24], font=9.5,
                    total_width=fw_)]
    form(ctx.leaf(code) / "专任教师资格证登记表.pdf", doc_title="示例县义务教育学校专任教师资格证登记表（2025年）",
         date=dt.date(2025, 9, 20), author=BUREAU, unit="填报单位：示例县教育体育局人事股", parts=parts,
         foot="填表人：吴斌　　　审核人：张卫国")
    tiff_certs(ctx.leaf(code) / "教师资格证复印件.tif", make_teachers(sch, "cert")[:6], sch)


def tiff_certs(path: Path, teachers: list[Teacher], s: School) -> None:
    """A multi-page bilevel TIFF: photocopies of 教师资格证, two per A4 page."""
    pages = []
    r = rng_for("tiff")
    for k in range(0, len(teachers), 2):
        sh = Sheet(150, rng=r)
        for j, t in enumerate(teachers[k:k + 2]):
            y0 = 18 + j * 140
            sh.rect(20, y0, 190, y0 + 120, 2.5)
            sh.ctext(y0 + 10, "中华人民共和国", 13, sans=True)
            sh.ctext(y0 + 20, "教 师 资 格 证 书", 22, sans=True)
            sh.photo_box(30, y0 + 42, 58, y0 + 80)
            fields = [("姓　　名", t.name), ("性　　别", t.gender), ("出生日期", t.born.replace(".", "年") + "月"),
                      ("资格种类", t.cert), ("任教学科", t.subject), ("证书号码", t.cert_no),
                      ("发证机关", "示例县教育体育局" if "小学" in t.cert or "初级" in t.cert else "示例市教育体育局")]
            for i, (a, b) in enumerate(fields):
                sh.text(70, y0 + 40 + i * 10, f"{a}：{b}", 12)
            sh.text(140, y0 + 108, f"{t.start}年{r.randint(6, 12)}月{r.randint(1, 28)}日", 11)
            sh.seal(160, y0 + 96, 15, fields[-1][1], bottom=None)
        sh.text(30, 292, f"{s.name}　复印件与原件一致　经办人：", 10)
        img = finish(sh, r, angle=r.uniform(-0.6, 0.6), gray=True)
        img = img.point(lambda v: 0 if v < 150 else 255).convert("1", dither=Image.Dither.NONE)
        pages.append(img)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, "TIFF", compression="group4", dpi=(150, 150), save_all=True, append_images=pages[1:])


def c20(ctx: Ctx) -> None:
    code = "C20"
    r = rng_for(code)
    urban = [s for s in ctx.schools if s.area == "城区"]
    for y, date, no, kind in ((2023, dt.date(2023, 5, 20), 22, "通知"), (2024, dt.date(2024, 5, 18), 24, "方案")):
        if kind == "通知":
            ttl = f"关于做好{y}年义务教育招生入学工作的通知"
            body = [p(f"为做好{y}年全县义务教育招生入学工作，切实保障适龄儿童少年依法接受义务教育的权利，根据教育部和省、市有关文件精神，现就有关事项通知如下："),
                    h1("一、坚持免试就近入学"),
                    p("公办义务教育学校严格实行划片招生、免试就近入学，不得以任何形式的考试、测试、面试选拔学生，不得将各类竞赛证书、考级证明等作为招生依据。"),
                    h1("二、科学划定学区"),
                    p("城区学校学区由县教育体育局会同城关镇人民政府、县公安局根据适龄儿童数量、学校布局和交通状况科学划定，并于5月31日前向社会公布。城区和镇区公办小学、初中（不含寄宿制学校）就近划片入学比例分别达到100%、95%以上。"),
                    h1("三、保障特殊群体入学"),
                    p("进城务工人员随迁子女以居住证为主要依据入学；残疾儿童少年通过随班就读、特殊教育学校就读和送教上门等方式接受义务教育；优抚对象子女按规定优先安排。"),
                    h1("四、时间安排"),
                    p(f"小学一年级报名时间为{y}年7月10日至7月20日，初中七年级由小学按学区整体对口升入，8月20日前完成新生编班。"),
                    p(contact(r, "招生办", "马俊"))]
            atts = []
        else:
            ttl = f"关于印发示例县{y}年义务教育招生入学工作方案的通知"
            body = [p(f"现将《示例县{y}年义务教育招生入学工作方案》印发给你们，请认真组织实施。"), p(contact(r, "招生办", "马俊"))]
            zones = []
            streets = ["文昌路", "人民路", "东城大道", "河滨路", "建设路", "新华街", "民族路", "滨江路", "育才路", "春城路"]
            for i, s in enumerate(urban):
                a, b = streets[i % len(streets)], streets[(i + 3) % len(streets)]
                zones.append([s.name, f"{a}以东、{b}以北区域；{r.choice(['城东', '城西', '城南', '城北'])}社区、{r.choice(['文昌', '新华', '育才', '河滨'])}社区", str(r.randint(6, 12) * 45 if '小学' in s.name else r.randint(8, 14) * 50)])
            atts = [Attachment(f"示例县{y}年义务教育招生入学工作方案", [
                h1("一、招生原则"),
                p("坚持依法招生、免试入学、划片招生、就近入学、公平公正的原则，实行“阳光招生”，招生政策、学区范围、招生计划、招生结果全部向社会公开。"),
                h1("二、城区学校学区划分及招生计划"),
                table(["学校", "学区范围", "招生计划（人）"], zones, [22, 48, 12], font=9.5, left_cols=(1,)),
                h1("三、入学登记"),
                p("适龄儿童由法定监护人持户口簿、不动产权证书（或租赁备案证明）、居住证等材料到学区学校登记，学校现场审核，符合条件的全部安排入学。"),
                h1("四、纪律要求"),
                p("严禁跨学区招生、提前招生，严禁收取与入学挂钩的任何费用；对违规招生的学校，取消其评先评优资格，并追究相关人员责任。")])]
        gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔{y}〕{no}号_{ttl}.pdf",
                org=BUREAU, docno=f"示教发〔{y}〕{no}号", date=date, doc_title=ttl, addressee="各中小学校，各乡镇中心学校：",
                body=body, attachments=atts, cc="县人民政府办公室，县公安局，城关镇人民政府。")
    date = dt.date(2025, 5, 16)

    def zone_map(c, w, h):
        c.saveState()
        rr = rng_for("zone")
        xs = [20, 120, 230, 330, w - 20]
        ys = [20, 110, 200, h - 30]
        palette = [colors.Color(0.98, 0.9, 0.85), colors.Color(0.88, 0.93, 0.98), colors.Color(0.9, 0.97, 0.88),
                   colors.Color(0.97, 0.95, 0.82), colors.Color(0.93, 0.88, 0.97), colors.Color(0.88, 0.97, 0.96)]
        k = 0
        prim = [s for s in urban if s.kind == "小学" or s.kind == "九年一贯制学校"]
        for i in range(len(xs) - 1):
            for j in range(len(ys) - 1):
                c.setFillColor(palette[(i + j * 2) % len(palette)])
                c.rect(xs[i], ys[j], xs[i + 1] - xs[i], ys[j + 1] - ys[j], stroke=0, fill=1)
        c.setStrokeColor(colors.Color(0.55, 0.55, 0.55))
        c.setLineWidth(5)
        for x in xs[1:-1]:
            c.line(x, ys[0], x, ys[-1])
        for y in ys[1:-1]:
            c.line(xs[0], y, xs[-1], y)
        c.setFillColor(BLACK)
        c.setFont(TEXT, 8)
        streets = ["文昌路", "人民路", "东城大道", "河滨路", "建设路"]
        for n_, x in zip(streets, xs[1:-1]):
            c.saveState()
            c.translate(x - 3, ys[-1] - 40)
            c.rotate(90)
            c.drawString(0, 0, n_)
            c.restoreState()
        for n_, y in zip(["新华街", "民族路"], ys[1:-1]):
            c.drawString(xs[0] + 6, y + 4, n_)
        c.setFont(HEI, 9)
        for i in range(len(xs) - 1):
            for j in range(len(ys) - 1):
                if k < len(prim):
                    s = prim[k]
                    c.drawCentredString((xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2, s.short + "学区")
                    c.circle((xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2 - 12, 3, stroke=0, fill=1)
                k += 1
        c.setFont(TEXT, 8)
        c.drawString(20, 6, "图示为城区小学学区划分示意，初中学区按小学学区对口确定。")
        c.setFont(HEI, 12)
        c.drawCentredString(w / 2, h - 16, "示例县城区小学学区划分示意图（2025年）")
        c.restoreState()

    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2025〕20号_关于公布2025年城区义务教育学校学区划分的通告.pdf",
            org=BUREAU, docno="示教发〔2025〕20号", date=date, doc_title="关于公布2025年城区义务教育学校学区划分的通告",
            addressee=None,
            body=[p("根据《中华人民共和国义务教育法》和省、市关于义务教育招生入学工作的要求，结合县城适龄儿童少年分布和学校学位情况，经县人民政府同意，现将2025年城区义务教育学校学区划分通告如下："),
                  p("一、城区公办小学、初中一律实行划片招生、免试就近入学，学区划分见附图。学区内适龄儿童少年凭户籍或居住证、房产或租赁证明到学区学校登记入学。"),
                  p("二、初中实行小学学区对口升学，示例县第一小学、示例县实验小学对口示例县第一中学，示例县第二小学对口示例县第二中学，示例县第一九年一贯制学校小学部直升本校初中部。"),
                  p("三、本通告自发布之日起施行，由县教育体育局负责解释。咨询电话：" + phone(r) + "。"),
                  Spacer(1, 8), Drawn(156 * mm, 330, zone_map)],
            cc="县人民政府办公室，县公安局，城关镇人民政府。")
    urb = float(ctx.fact("C20", "城区就近划片入学比例", 100))
    town = float(ctx.fact("C20", "镇区就近划片入学比例", 97.8))
    rows = []
    for y, tu, tt in ((2023, 100.0, 96.4), (2024, 100.0, 97.1), (2025, urb, town)):
        for area, ratio in (("城区", tu), ("镇区", tt)):
            for stage in ("小学一年级", "初中七年级"):
                rr = rng_for("enrol", y, area, stage)
                n = rr.randint(1500, 2200) if area == "城区" else rr.randint(900, 1400)
                near = round(n * ratio / 100)
                rows.append([str(y), area, stage, str(n), str(near), f"{near * 100 / n:.1f}", str(n - near)])
    form(ctx.leaf(code) / dated(dt.date(2025, 9, 30), "示教招〔2025〕7号", "近三年招生入学统计表"),
         docno="示教招〔2025〕7号", doc_title="示例县义务教育招生入学统计表（2023—2025年）", date=dt.date(2025, 9, 30), author=BUREAU, unit="填报单位：示例县教育体育局招生办　　不含寄宿制学校",
         parts=[table(["年度", "区域", "起始年级", "招生人数", "就近划片入学人数", "比例（%）", "其他方式入学"], rows,
                      [8, 8, 12, 10, 14, 10, 12], font=10.5, total_width=frame_width(footer="form"))],
         note="注：“其他方式入学”为符合政策照顾条件的优抚对象子女等，按规定统筹安排。",
         foot="填表人：马俊　　　审核人：张卫国")


def c21(ctx: Ctx) -> None:
    code = "C21"
    r = rng_for(code)
    share25 = float(ctx.fact("C21", "优质高中招生名额分配比例", 55))
    shares = {2023: 52.0, 2024: 54.0, 2025: share25}
    plan = {2023: 900, 2024: 920, 2025: 960}
    juniors = [s for s in ctx.schools if s.junior]

    def alloc(y):
        quota = round(plan[y] * shares[y] / 100)
        grads = {s.name: hist(s.n("初中在校生数") / 3, y, (s.name, "grad"), -0.01) for s in juniors}
        w = {s.name: grads[s.name] * (1.25 if s.area == "乡村" else 1.1 if s.area == "镇区" else 1.0) for s in juniors}
        tw = sum(w.values())
        out = {k: int(quota * v / tw) for k, v in w.items()}
        rest = quota - sum(out.values())
        for k in sorted(out, key=lambda k_: -w[k_])[:rest]:
            out[k] += 1
        return grads, out, quota

    date = dt.date(2024, 4, 25)
    grads, out, quota = alloc(2024)
    rows = [[str(i), s.name, s.area, str(grads[s.name]), str(out[s.name]), f"{out[s.name] * 100 / grads[s.name]:.1f}"]
            for i, s in enumerate(juniors, 1)]
    rows.append(["", "合计", "", str(sum(grads.values())), str(quota), f"{quota * 100 / sum(grads.values()):.1f}"])
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕19号_关于下达2024年优质普通高中招生名额分配计划的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕19号", date=date, doc_title="关于下达2024年优质普通高中招生名额分配计划的通知",
            addressee="各初级中学，各九年一贯制学校，示例县第一高级中学：",
            body=[p(f"根据示例市高中阶段学校招生有关规定，经研究，2024年示例县第一高级中学（省一级示范高中）统招计划{plan[2024]}人，其中{quota}人（占{shares[2024]:.0f}%）按各初中学校应届毕业生人数分配到校，并向农村初中适当倾斜（乡村学校权重1.25、镇区学校1.1）。现将有关事项通知如下："),
                  p("一、分配名额录取条件：本校连续就读满三年的应届毕业生，综合素质评价等级达到B级及以上，中考成绩达到最低控制线（统招线下50分以内）。"),
                  p("二、分配名额按学校分别划线、从高分到低分录取，未完成的名额转入统招计划。"),
                  p("三、各学校要做好政策宣传，确保分配名额录取公开、公平、公正。")],
            attachments=[Attachment("2024年优质普通高中招生名额分配表",
                                    [table(["序号", "初中学校", "城乡类型", "应届毕业生数", "分配名额", "分配比例（%）"], rows,
                                           [6, 28, 10, 14, 12, 14], font=10)])],
            cc="示例市教育体育局，县人民政府办公室。")
    rows = []
    for y in YEARS:
        grads, out, quota = alloc(y)
        rural_share = sum(v for k, v in out.items() if ctx.school(k).area != "城区") / quota * 100
        rows.append([str(y), str(plan[y]), str(quota), f"{quota * 100 / plan[y]:.1f}", f"{rural_share:.1f}",
                     "是" if quota * 100 / plan[y] >= 50 else "否"])
    form(ctx.leaf(code) / dated(dt.date(2025, 8, 28), "示教招〔2025〕5号", "近三年名额分配统计表"),
         docno="示教招〔2025〕5号", doc_title="示例县优质普通高中招生名额分配统计表（2023—2025年）", date=dt.date(2025, 8, 28), author=BUREAU, unit="填报单位：示例县教育体育局招生办",
         parts=[table(["年度", "优质高中统招计划", "分配到校名额", "分配比例（%）", "其中农村（镇区、乡村）初中占比（%）", "≥50%"], rows,
                      [8, 14, 12, 12, 22, 8], font=10.5, total_width=frame_width(footer="form"))],
         note="注：优质高中指示例县第一高级中学（省一级示范高中）；分配名额按初中应届毕业生数分配，乡村学校权重1.25、镇区学校1.1。",
         foot="填表人：马俊　　　审核人：张卫国")


def c22(ctx: Ctx) -> None:
    code = "C22"
    r = rng_for(code)
    d = ctx.leaf(code)
    date1 = dt.date(2023, 6, 28)
    gongwen(d / "DOC001.pdf", org=GOV_OFFICE, docno="示政办发〔2023〕15号", date=date1,
            doc_title="示例县人民政府办公室关于健全农村留守儿童关爱服务体系的实施意见", addressee="各乡镇人民政府，县直各部门：",
            body=[p("为进一步加强农村留守儿童关爱保护工作，健全农村留守儿童关爱服务体系，经县人民政府同意，提出如下实施意见。"),
                  h1("一、健全工作机制"),
                  p("建立县级统筹、乡镇落实、部门协同、学校和家庭共同参与的留守儿童关爱服务工作机制。县民政局牵头负责，县教育体育局、县妇联、团县委、县公安局等部门按职责分工落实关爱保护责任。"),
                  h1("二、建立信息台账"),
                  p("各乡镇、各学校对农村留守儿童逐一摸底排查，建立“一人一档”信息台账，实行动态管理，每学期更新一次。"),
                  h1("三、落实学校关爱责任"),
                  p("各学校建立留守儿童“代理家长”和教师结对帮扶制度，优先满足留守儿童寄宿需求，每月至少开展一次亲情通话或视频连线，加强心理健康教育。"),
                  h1("四、强化保障措施"),
                  p("县财政将留守儿童关爱服务经费纳入预算；各乡镇建设儿童之家，配备儿童主任；对工作不力造成严重后果的，依法依规追究责任。")],
            sign=GOV_OFFICE, cc="县委办公室。", printer="示例县人民政府办公室")
    rows = []
    rural = [s for s in ctx.schools if s.area != "城区" and s.primary]
    for i in range(34):
        s = rural[i % len(rural)]
        nm, g = person(r)
        grade = r.randint(1, 6)
        rows.append([str(i + 1), nm, g, s.short, f"{grade}年级", r.choice(["父母均外出", "父母均外出", "父亲外出", "母亲外出"]),
                     r.choice(["祖父母", "祖父母", "外祖父母", "母亲", "父亲", "其他亲属"]), r.choice(["是", "是", "否"]), person(r)[0]])
    date2 = dt.date(2025, 3, 12)
    form(d / "DOC002.pdf", doc_title="示例县农村留守儿童信息台账（2025年春季学期）", date=date2, author=BUREAU, land=True,
         unit="填报单位：示例县教育体育局（汇总）　　本页为乡镇学校部分节选，全县共登记留守儿童1826人",
         parts=[table(["序号", "姓名", "性别", "学校", "年级", "留守类型", "监护人", "寄宿", "结对帮扶教师"], rows,
                      [5, 9, 5, 20, 7, 12, 10, 6, 11], font=9.5, total_width=frame_width(land=True))],
         foot="填表人：陆燕　　　审核人：张卫国　　　（信息涉及个人隐私，仅供督导评估查阅）")
    ratio25 = float(ctx.fact("C22", "随迁子女在公办学校和政府购买服务民办学校就读比例", 93.6))
    rows = []
    for y, ratio in ((2023, 91.2), (2024, 92.5), (2025, ratio25)):
        tot = {2023: 3128, 2024: 3260, 2025: 3391}[y]
        pub = round(tot * (ratio - 2.1) / 100)
        bought = round(tot * ratio / 100) - pub
        rows.append([str(y), str(tot), str(pub), str(bought), str(tot - pub - bought), f"{(pub + bought) * 100 / tot:.1f}"])
    date3 = dt.date(2025, 9, 30)
    form(d / "DOC003.pdf", doc_title="示例县进城务工人员随迁子女就学统计表（2023—2025年）", date=date3, author=BUREAU,
         unit="填报单位：示例县教育体育局基础教育股　　单位：人",
         parts=[table(["年度", "符合条件随迁子女数", "公办学校就读", "政府购买服务民办学校就读", "其他民办学校就读", "比例（%）"], rows,
                      [8, 16, 13, 20, 14, 10], font=10.5, total_width=frame_width(footer="form"))],
         note="注：比例＝（公办学校就读＋政府购买服务民办学校就读）÷符合条件随迁子女数×100%，标准为不低于85%。",
         foot="填表人：马俊　　　审核人：张卫国")
    date4 = dt.date(2025, 9, 18)
    write_docx(d / "关爱情况说明.docx", doc_title="示例县留守儿童关爱与随迁子女就学工作情况说明", when=date4, author=BUREAU,
               sign=BUREAU,
               blocks=[("p", "近年来，我县把关爱农村留守儿童和保障进城务工人员随迁子女平等接受义务教育作为推进义务教育优质均衡发展的重要内容，主要做法如下。"),
                       ("h1", "一、留守儿童关爱体系健全"),
                       ("p", "县人民政府办公室印发《关于健全农村留守儿童关爱服务体系的实施意见》（示政办发〔2023〕15号），建立了县、乡、村、校四级关爱网络。全县登记在册留守儿童1826人，全部建立“一人一档”，落实结对帮扶教师，寄宿需求全部得到满足。"),
                       ("h1", "二、随迁子女就学有保障"),
                       ("p", f"坚持“以流入地政府为主、以公办学校为主”，以居住证为主要依据安排随迁子女入学。2025年全县符合条件的随迁子女3391人，在公办学校和政府购买服务的民办学校就读比例为{ratio25}%。"),
                       ("h1", "三、需要说明的情况"),
                       ("p", "留守儿童信息台账涉及个人隐私，本卷仅收录乡镇学校部分节选，完整台账存县教育体育局基础教育股，可现场查阅。")])
    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "目录"
    head = ["文件名", "题名", "文号", "责任者", "日期", "备注", "顺序"]
    ws.append(head)
    entries = [
        ("DOC001.pdf", "示例县人民政府办公室关于健全农村留守儿童关爱服务体系的实施意见", "示政办发〔2023〕15号", GOV_OFFICE, date1, "", 1),
        ("DOC002.pdf", "示例县农村留守儿童信息台账（2025年春季学期）", None, BUREAU, date2, "节选；完整台账存基础教育股", 2),
        ("DOC003.pdf", "示例县进城务工人员随迁子女就学统计表（2023—2025年）", None, BUREAU, date3, None, 3),
        ("关爱情况说明.docx", "示例县留守儿童关爱与随迁子女就学工作情况说明", None, BUREAU, date4, None, 4),
    ]
    for e in entries:
        ws.append(list(e))
    for c_ in ws[1]:
        c_.font = Font(name="黑体", bold=True)
        c_.alignment = Alignment(horizontal="center")
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        for c_ in row:
            c_.number_format = "yyyy-mm-dd"
    for col, wdt in zip("ABCDEFG", (18, 60, 22, 28, 12, 28, 6)):
        ws.column_dimensions[col].width = wdt
    stamp = dt.datetime(2025, 9, 30, 9, 0, 0)
    wb.properties.creator = wb.properties.lastModifiedBy = BUREAU
    wb.properties.created = wb.properties.modified = stamp
    bio = io.BytesIO()
    wb.save(bio)
    write_zip_fixed(d / "目录.xlsx", bio.getvalue(), dt.date(2025, 9, 30))


# ---------------------------------------------------------------------------------------------
# A3 教育质量 and A4 社会认可度: C23–C32
# ---------------------------------------------------------------------------------------------

def c23(ctx: Ctx) -> None:
    code = "C23"
    r = rng_for(code)
    date = dt.date(2023, 9, 2)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2023〕42号_关于印发示例县控辍保学工作方案的通知.pdf",
            org=BUREAU, docno="示教发〔2023〕42号", date=date, doc_title="关于印发示例县控辍保学工作方案的通知",
            addressee="各义务教育学校，各乡镇中心学校：",
            body=[p("为巩固义务教育普及成果，确保适龄儿童少年“一个都不能少”，县教育体育局制定了《示例县控辍保学工作方案》，现印发给你们，请认真抓好落实。")],
            attachments=[Attachment("示例县控辍保学工作方案", [
                h1("一、工作目标"),
                p("全县小学适龄儿童入学率保持100%，初中三年巩固率稳定在95%以上，义务教育阶段辍学学生动态清零。"),
                h1("二、责任体系"),
                p("落实“双线四级”控辍保学责任制：县人民政府—乡镇人民政府—村（居）委会—家长，县教育体育局—学校—班主任—任课教师，层层签订控辍保学责任书。"),
                h1("三、主要措施"),
                h2("（一）建立台账，动态监测。"),
                p("依托全国中小学生学籍信息管理系统，每月比对学籍变动数据，对连续3天无故缺课的学生及时家访，建立疑似辍学学生台账。"),
                h2("（二）精准劝返，分类安置。"),
                p("对辍学学生实行“一人一案”，由乡镇、学校、村委会组成劝返小组上门劝返；对学习困难学生开展个别辅导，对有职业技能需求的初中学生开设职业启蒙课程。"),
                h2("（三）精准资助，防止因贫失学。"),
                p("落实家庭经济困难学生生活补助、营养改善计划等资助政策，做到应助尽助。"),
                h1("四、督查问责"),
                p("县教育督导室每学期开展控辍保学专项督导，对工作不力、辍学问题突出的学校和乡镇予以通报并约谈负责人。")])],
            cc="县人民政府办公室，各乡镇人民政府，县公安局。")
    rows = []
    juniors = [s for s in ctx.schools if s.junior]
    reasons = ["厌学", "外出务工", "家庭困难", "身体原因", "随父母外出未办转学"]
    for i in range(12):
        s = r.choice(juniors)
        nm, g = person(r)
        d = dt.date(r.choice([2023, 2024, 2025]), r.randint(3, 11), r.randint(1, 28))
        res = "已劝返复学" if i != 7 else "已转入外省学校就读（已核实学籍）"
        rows.append([str(i + 1), nm, g, s.short, f"{r.randint(7, 9)}年级", f"{d.month}月{d.day}日", r.choice(reasons),
                     f"{person(r)[0]}（班主任）", res])
    form(ctx.leaf(code) / "控辍保学工作台账.pdf", doc_title="示例县义务教育控辍保学工作台账（2023—2025年）",
         date=dt.date(2025, 9, 26), author=BUREAU, land=True, unit="填报单位：示例县教育体育局基础教育股",
         parts=[table(["序号", "姓名", "性别", "学校", "年级", "发现日期", "辍学原因", "劝返责任人", "劝返结果"], rows,
                      [5, 8, 5, 20, 7, 9, 14, 14, 22], font=9.5, total_width=frame_width(land=True))],
         foot="填表人：马俊　　　审核人：王晓东　　　（截至2025年9月，疑似辍学学生已全部劝返或核实去向）")
    rate25 = float(ctx.fact("C23", "初中三年巩固率", 97.4))
    rows = []
    for entry, rate in ((2020, 96.5), (2021, 96.9), (2022, rate25)):
        n0 = {2020: 5128, 2021: 5236, 2022: 5304}[entry]
        r_ = rng_for("cohort", entry)
        tin, tout = r_.randint(150, 210), r_.randint(160, 230)
        die = r_.randint(0, 3)
        n3 = round(n0 * rate / 100)
        rows.append([f"{entry}级", str(n0), str(tin), str(tout), str(die), str(n3), f"{n3 * 100 / n0:.1f}"])
    form(ctx.leaf(code) / dated(dt.date(2025, 9, 28), "示教统〔2025〕9号", "近三年初中学籍变动统计表"),
         docno="示教统〔2025〕9号", doc_title="示例县初中学籍变动及三年巩固率统计表", date=dt.date(2025, 9, 28), author=BUREAU, unit="填报单位：示例县教育体育局　　数据来源：全国中小学生学籍信息管理系统",
         parts=[table(["年级（入学年份）", "七年级入学人数", "三年转入", "三年转出", "死亡", "九年级毕业时在籍人数", "三年巩固率（%）"], rows,
                      [14, 14, 10, 10, 8, 18, 14], font=10.5, total_width=frame_width(footer="form")),
                Spacer(1, 6), small("计算方法：初中三年巩固率＝九年级毕业时在籍人数÷三年前七年级入学人数×100%（转出、死亡已按规定核减）。")],
         foot="填表人：马俊　　　审核人：王晓东")


def c24(ctx: Ctx) -> None:
    code = "C24"
    r = rng_for(code)
    rate = float(ctx.fact("C24", "残疾儿童少年入学率", 96.8))
    rows = []
    kinds = ["视力残疾", "听力残疾", "智力残疾", "肢体残疾", "孤独症谱系障碍", "多重残疾", "言语残疾"]
    modes = ["随班就读", "随班就读", "随班就读", "特殊教育学校就读", "送教上门"]
    schools = [s for s in ctx.schools]
    for i in range(30):
        nm, g = person(r)
        mode = r.choice(modes)
        where = "示例县特殊教育学校" if mode != "随班就读" else r.choice(schools).short
        rows.append([str(i + 1), nm, g, str(r.randint(2010, 2018)), r.choice(kinds), r.choice(["一级", "二级", "三级", "四级"]),
                     mode, where, r.choice(["县残联", "县残联", "县卫生健康局"])])
    total, enrolled = 312, round(312 * rate / 100)
    form(ctx.leaf(code) / "残疾儿童少年入学安置台账.pdf", doc_title="示例县适龄残疾儿童少年入学安置台账（2025年秋季学期）",
         date=dt.date(2025, 9, 25), author=BUREAU, land=True,
         unit=f"填报单位：示例县教育体育局、县残联　　适龄残疾儿童少年{total}人，已安置{enrolled}人，入学率{enrolled * 100 / total:.1f}%（本页为节选）",
         parts=[table(["序号", "姓名", "性别", "出生年份", "残疾类别", "残疾等级", "安置方式", "就读学校（送教学校）", "数据来源"], rows,
                      [5, 8, 5, 8, 14, 8, 14, 20, 11], font=9.5, total_width=frame_width(land=True))],
         foot="填表人：" + person(r)[0] + "　　　审核人：王晓东　　　（完整台账涉及个人隐私，存县教育体育局基础教育股）")
    date = dt.date(2024, 3, 7)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕12号_关于做好适龄残疾儿童少年入学安置工作的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕12号", date=date, doc_title="关于做好适龄残疾儿童少年入学安置工作的通知",
            addressee="各义务教育学校，示例县特殊教育学校：",
            body=[p("为保障适龄残疾儿童少年平等接受义务教育的权利，确保全县残疾儿童少年入学率达到95%以上，根据《残疾人教育条例》和“十四五”特殊教育发展提升行动计划，现就有关事项通知如下："),
                  h1("一、全面摸底排查"),
                  p("各学校会同所在乡镇、村（社区）和县残联，对学区内6—15周岁残疾儿童少年逐一核查，建立“一人一案”入学安置台账，做到不漏一人。"),
                  h1("二、科学评估安置"),
                  p("县残疾人教育专家委员会对适龄残疾儿童少年身体状况、接受教育和适应学校学习生活的能力进行评估，按照“普通学校随班就读为主体、特殊教育学校为骨干、送教上门为补充”的原则安置入学。"),
                  h1("三、规范送教上门"),
                  p("对不能到校就读的重度残疾儿童少年，由示例县特殊教育学校牵头组织送教上门，每月不少于2次、每次不少于2课时，做好送教记录和学籍管理。"),
                  h1("四、加强条件保障"),
                  p("随班就读学生较多的学校要建设资源教室，配备资源教师；随班就读和送教上门学生的公用经费按特殊教育学校生均标准拨付。"),
                  p(contact(r, "基础教育股", "马俊"))],
            cc="县残联，县民政局，县卫生健康局。")
    md = f"""# 关于送教上门记录的情况说明

致：示例县义务教育优质均衡发展督导评估资料审核组

按照 C24“残疾儿童少年入学率”的佐证材料要求，本卷应收录送教上门记录。现将有关情况说明如下：

1. 2023—2025 年，示例县特殊教育学校每学年为 **{r.randint(38, 46)} 名**不能到校就读的重度残疾儿童少年提供送教上门服务，每月不少于 2 次、每次不少于 2 课时。
2. 送教上门记录（送教教案、签到表、照片和家长反馈表）按学生“一人一档”保存在示例县特殊教育学校档案室，共 3 盒。
3. 因记录中含有学生残疾状况、家庭住址等个人隐私信息，本卷暂未收录复印件，评估组可到特殊教育学校现场查阅。
4. 我局将在 2025 年 11 月底前完成送教上门记录的脱敏整理，补充装入本卷。

| 学年 | 送教学生数 | 送教教师数 | 送教次数 |
|---|---|---|---|
| 2022—2023 | 41 | 18 | 786 |
| 2023—2024 | 44 | 20 | 842 |
| 2024—2025 | 39 | 19 | 801 |

示例县教育体育局基础教育股
2025年10月20日
"""
    (ctx.leaf(code) / "情况说明.md").write_text(md, encoding="utf-8")


def c25(ctx: Ctx) -> None:
    code = "C25"
    approval_pdf(ctx.leaf(code) / "20231025_示教发〔2023〕47号_关于核准示例县第一小学等学校章程的批复.pdf", ctx)
    charter_pdf(ctx.leaf(code) / "示例县第一中学章程.pdf", ctx.school("示例县第一中学"), dt.date(2023, 9, 28))
    platform_png(ctx.leaf(code) / "学校管理信息化平台截图.png", ctx)


def approval_pdf(path: Path, ctx: Ctx) -> None:
    date = dt.date(2023, 10, 25)
    rows = [[str(i), s.name, f"{s.short[:4]}章〔2023〕{i}号", "2023年9月"] for i, s in enumerate(ctx.schools, 1)]
    gongwen(path, org=BUREAU, docno="示教发〔2023〕47号", date=date,
            doc_title=f"关于核准示例县第一小学等{len(ctx.schools)}所学校章程的批复", addressee="各义务教育学校：",
            body=[p(f"你们报送的学校章程（修订稿）收悉。根据《中华人民共和国教育法》《中小学校章程建设指导意见》等规定，经县教育体育局学校章程核准委员会审议，同意核准示例县第一小学等{len(ctx.schools)}所学校的章程，现批复如下："),
                  p("一、经核准的章程是学校依法办学、自主管理的基本准则，自核准之日起生效。各学校要通过学校网站、公示栏等方式向社会公开章程，并组织教职工、学生和家长学习。"),
                  p("二、各学校要以章程为依据，完善内部治理结构，健全校务委员会、教职工代表大会、家长委员会等制度，修订完善各项规章制度，不得与章程相抵触。"),
                  p("三、章程修改须按原程序报县教育体育局核准。县教育体育局将把章程执行情况纳入学校年度考核和督导评估。"),
                  p("此复。")],
            attachments=[Attachment("核准章程学校名单", [table(["序号", "学校名称", "章程编号", "修订时间"], rows, [6, 30, 20, 12], font=10)])],
            cc="县教育督导室。")


def charter_pdf(path: Path, s: School, date: dt.date) -> None:
    chapters = [
        ("第一章　总　则", [f"第一条　为保障学校依法自主办学，规范办学行为，根据《中华人民共和国教育法》《中华人民共和国义务教育法》等法律法规，结合学校实际，制定本章程。",
                       f"第二条　学校名称：{s.name}。学校地址：示例县{'城关镇' if s.area == '城区' else s.name[:3]}。学校为示例县人民政府举办、示例县教育体育局主管的公办{s.kind if s.kind != '教学点' else '小学'}，实施义务教育。",
                       "第三条　学校坚持社会主义办学方向，全面贯彻党的教育方针，落实立德树人根本任务，培养德智体美劳全面发展的社会主义建设者和接班人。",
                       "第四条　学校办学理念：“让每一个孩子都得到适合的发展”。校训：“明德、笃学、健体、尚美”。"]),
        ("第二章　组织机构与管理", ["第五条　学校实行中国共产党学校基层组织领导的校长负责制。校长是学校的法定代表人，全面负责学校的教育教学和行政管理工作。",
                             "第六条　学校设办公室、教务处、德育处、总务处等内设机构，按照精简、高效的原则设置岗位。",
                             "第七条　学校实行教职工代表大会制度，教职工代表大会每学年至少召开一次，审议学校发展规划、重大改革方案和涉及教职工切身利益的事项。",
                             "第八条　学校设立家长委员会，参与学校管理，监督学校办学，协调家校关系。"]),
        ("第三章　教育教学", ["第九条　学校按照国家课程方案开齐开足国家课程，规范实施地方课程和校本课程，不得随意增减课时。",
                         "第十条　学校落实“双减”要求，建立作业统筹管理制度，严格控制作业总量和时长，提供课后服务。",
                         "第十一条　学校推进教育信息化，建设和使用学籍、教务、资产、家校沟通等管理平台，实现学校管理与教学信息化。",
                         "第十二条　学校保证学生每天校园体育活动时间不少于1小时，开展艺术、劳动和综合实践活动。"]),
        ("第四章　教职工", ["第十三条　学校实行教师资格制度和全员聘用制度，教师享有法律规定的权利，履行法律规定的义务。",
                       "第十四条　学校建立教师专业发展制度，保证教师每五年参加不少于360学时的培训，按规定安排教师培训经费。"]),
        ("第五章　学生", ["第十五条　学校实行免试就近入学，不得以任何形式选拔学生，不设重点班。",
                      "第十六条　学生享有参加教育教学活动、获得公正评价等权利，应当遵守学生守则和学校规章制度。"]),
        ("第六章　资产与财务", ["第十七条　学校经费来源主要为财政拨款，学校执行国家财务会计制度，实行预算管理，接受审计监督。",
                         "第十八条　学校资产为国有资产，建立固定资产登记、使用和处置制度，防止国有资产流失。"]),
        ("第七章　附　则", ["第十九条　本章程经教职工代表大会讨论通过，报示例县教育体育局核准后生效。",
                       "第二十条　本章程由学校校务委员会负责解释。"]),
    ]
    body = []
    for ch, arts in chapters:
        body.append(Paragraph(esc(ch), ParagraphStyle("ch", parent=ST_H1, alignment=TA_CENTER, firstLineIndent=0, spaceBefore=6)))
        body.extend(p(a) for a in arts)
    report(path, doc_title=f"{s.name}章程", subtitle=f"（{date.year}年{date.month}月第{2 if date.year >= 2023 else 1}次教职工代表大会通过）",
           date=date, author=s.name, body=body, sign=s.name)


def platform_png(path: Path, ctx: Ctx) -> None:
    """A screenshot of the county's school management platform (not a scan: crisp, PNG)."""
    W, H = 1280, 760
    img = Image.new("RGB", (W, H), (240, 242, 245))
    d = ImageDraw.Draw(img)
    f = lambda px, sans=True: pil_font(px, sans)  # noqa: E731
    d.rectangle([0, 0, W, 56], fill=(24, 96, 178))
    d.text((24, 14), "示例县智慧教育管理平台", font=f(24), fill="white")
    d.text((W - 330, 20), "示例县教育体育局　管理员：田甜　｜　退出", font=f(15), fill=(220, 232, 248))
    d.rectangle([0, 56, 200, H], fill=(38, 50, 68))
    menu = ["工作台", "学籍管理", "教务管理", "排课选课", "资产管理", "校舍管理", "教师发展", "家校沟通", "安全管理", "统计报表"]
    for i, m in enumerate(menu):
        y = 74 + i * 44
        if i == 0:
            d.rectangle([0, y - 10, 200, y + 30], fill=(24, 96, 178))
        d.text((36, y), m, font=f(16), fill="white")
    cards = [("接入学校", f"{len(ctx.schools)} 所"), ("在校学生", f"{sum(s.students for s in ctx.schools):,} 人"),
             ("专任教师", f"{int(sum(s.n('专任教师数') for s in ctx.schools)):,} 人"), ("本周登录", "12,846 次")]
    for i, (a, b) in enumerate(cards):
        x = 224 + i * 262
        d.rectangle([x, 76, x + 244, 168], fill="white", outline=(222, 226, 232))
        d.text((x + 18, 90), a, font=f(15), fill=(110, 118, 130))
        d.text((x + 18, 120), b, font=f(28), fill=(30, 40, 55))
    d.rectangle([224, 188, W - 24, H - 24], fill="white", outline=(222, 226, 232))
    d.text((244, 202), "各校平台使用情况（2025年9月）", font=f(18), fill=(30, 40, 55))
    cols = ["学校名称", "学籍", "教务", "资产", "家校沟通", "月活跃率", "数据更新"]
    xs = [244, 520, 620, 720, 820, 950, 1080]
    d.rectangle([236, 238, W - 36, 270], fill=(245, 247, 250))
    for x, c_ in zip(xs, cols):
        d.text((x, 245), c_, font=f(15), fill=(80, 88, 100))
    r = rng_for("platform")
    for i, s in enumerate(ctx.schools[:15]):
        y = 280 + i * 29
        d.text((xs[0], y), s.name, font=f(15, False), fill=(30, 40, 55))
        for k in range(1, 5):
            d.text((xs[k] + 8, y), "√" if r.random() < 0.96 else "—", font=f(15), fill=(30, 150, 80))
        d.text((xs[5], y), f"{r.uniform(86, 99.5):.1f}%", font=f(15, False), fill=(30, 40, 55))
        d.text((xs[6], y), f"2025-09-{r.randint(20, 29)}", font=f(15, False), fill=(30, 40, 55))
        d.line([(236, y + 24), (W - 36, y + 24)], fill=(236, 238, 242))
    d.text((W - 260, H - 50), "第 1/2 页　共 25 条", font=f(14), fill=(110, 118, 130))
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG", optimize=True)


def c26(ctx: Ctx) -> None:
    code = "C26"
    r = rng_for(code)
    target = float(ctx.fact("C26", "教师培训经费占公用经费预算比例", 4.2))
    funds, rp, rj = public_funds(ctx, 2025)
    ratios = []
    for s, *_ in funds:
        rr = rng_for("train", s.name)
        ratios.append(rr.uniform(2.6, 6.2))
    tot_f = sum(x[-1] for x in funds)
    cur = sum(x[-1] * q / 100 for x, q in zip(funds, ratios))
    scale = target / (cur * 100 / tot_f)
    rows, t_tr = [], 0.0
    for (s, ps, js, cp, b, amt), q in zip(funds, ratios):
        tr = amt * q * scale / 100
        t_tr += tr
        rows.append([s.name, f"{amt:.2f}", f"{tr:.2f}", f"{tr * 100 / amt:.1f}", "是" if tr * 100 / amt >= 5 else "否"])
    rows.append(["合计", f"{tot_f:.2f}", f"{t_tr:.2f}", f"{t_tr * 100 / tot_f:.1f}", "是" if t_tr * 100 / tot_f >= 5 else "否"])
    form(ctx.leaf(code) / dated(dt.date(2025, 3, 20), "示教财〔2025〕4号", "2025年各校公用经费预算表"),
         docno="示教财〔2025〕4号", doc_title="示例县义务教育学校2025年公用经费预算表", date=dt.date(2025, 3, 20), author=BUREAU, unit="填报单位：示例县教育体育局计划财务股　　单位：万元",
         parts=[table(["学校", "公用经费预算总额", "其中：教师培训经费", "占比（%）", "是否≥5%"], rows, [30, 16, 16, 10, 10], font=10,
                      left_cols=(0,), total_width=frame_width(footer="form"))],
         note="注：公用经费预算总额按2025年生均公用经费基准定额（小学720元、初中940元，寄宿生另加300元）测算。",
         foot="填表人：邱建平　　　审核人：张卫国")
    rows = []
    for y in YEARS:
        rr = rng_for("trainexp", y)
        for item, w in (("参加国培、省培、市培差旅费", 0.34), ("县级培训项目经费", 0.28), ("校本研修资料及专家讲座费", 0.2),
                        ("教师学历提升及资格考试补助", 0.08), ("信息技术应用能力提升培训", 0.1)):
            rows.append([str(y), item, f"{(380 + (y - 2023) * 52) * w * rr.uniform(0.9, 1.1):.2f}", rr.choice(["县教育体育局", "各学校"])])
    form(ctx.leaf(code) / "教师培训经费支出明细（2023—2025年）.pdf", doc_title="示例县义务教育学校教师培训经费支出明细（2023—2025年）",
         date=dt.date(2025, 9, 30), author=BUREAU, unit="填报单位：示例县教育体育局计划财务股　　单位：万元（2025年为1—9月数）",
         parts=[table(["年度", "支出项目", "金额", "支出单位"], rows, [8, 40, 12, 16], font=10.5, left_cols=(1,),
                      total_width=frame_width(footer="form"))],
         foot="填表人：邱建平　　　审核人：张卫国")
    date = dt.date(2024, 2, 26)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕8号_关于落实教师培训经费不低于公用经费5%的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕8号", date=date, doc_title="关于落实教师培训经费不低于学校公用经费预算总额5%的通知",
            addressee="各义务教育学校：",
            body=[p("经核查，2023年全县部分学校教师培训经费占公用经费预算总额的比例低于5%，不符合《县域义务教育优质均衡发展督导评估办法》的要求。为切实保障教师培训经费，现就有关事项通知如下："),
                  p("一、各学校编制2024年部门预算时，要按照不低于学校年度公用经费预算总额5%的比例单列教师培训经费，预算编报后报县教育体育局计划财务股审核。"),
                  p("二、教师培训经费主要用于教师参加各级培训的差旅费、培训费、资料费和校本研修等支出，不得挪作他用。"),
                  p("三、县教育体育局每季度通报各校培训经费预算执行情况；对执行率低、挤占挪用培训经费的学校，约谈校长并扣减下年度公用经费。"),
                  p(contact(r, "计划财务股", "邱建平"))],
            cc="县财政局。")


def c27(ctx: Ctx) -> None:
    code = "C27"
    r = rng_for(code)
    date = dt.date(2024, 3, 22)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕14号_关于开展信息技术应用能力提升工程2.0整校推进培训的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕14号", date=date, doc_title="关于开展中小学教师信息技术应用能力提升工程2.0整校推进培训的通知",
            addressee="各中小学校：",
            body=[p("为提升全县教师信息化教学能力，推动信息技术与教育教学深度融合，根据示例省中小学教师信息技术应用能力提升工程2.0实施方案，县教育体育局决定开展整校推进培训。现将有关事项通知如下："),
                  h1("一、培训对象"), p("全县义务教育学校全体专任教师，重点为乡村学校教师和45周岁以上教师。"),
                  h1("二、培训内容"), p("多媒体教学环境下的微能力点研修，每人不少于3个能力点；交互式智能平板和国家中小学智慧教育平台应用，数字资源的获取与加工，信息化课堂教学设计。"),
                  h1("三、培训方式"), p("采取“线上研修＋校本实践＋考核认证”方式，线上研修不少于25学时，校本实践不少于25学时，每名教师提交一节信息化教学课例。"),
                  h1("四、时间安排"), p("2024年4月至10月。各校于4月15日前制定整校推进方案，11月底前完成考核认证。"),
                  p(contact(r, "电化教育站", "田甜"))],
            cc="示例市教育体育局。")
    rows = []
    for s in ctx.schools:
        n = int(s.n("专任教师数"))
        rr = rng_for("ict-train", s.name)
        passed = n - (1 if rr.random() < 0.15 else 0)
        rows.append([s.name, str(n), str(n), str(passed), f"{passed * 100 / n:.1f}", str(rr.randint(3, 5)), str(rr.randint(n // 2, n))])
    form(ctx.leaf(code) / "信息技术应用能力提升培训记录.pdf", doc_title="示例县教师信息技术应用能力提升工程2.0培训考核记录",
         date=dt.date(2024, 12, 10), author=BUREAU, unit="填报单位：示例县教育体育局电化教育站　　统计截止：2024年11月30日",
         parts=[table(["学校", "专任教师", "参训人数", "考核合格", "合格率（%）", "人均能力点", "提交课例"], rows, [30, 10, 10, 10, 11, 11, 10],
                      font=10, left_cols=(0,), total_width=frame_width(footer="form"))],
         note="注：个别未合格教师因病假、产假未完成考核，已安排2025年春季学期补训。",
         foot="填表人：田甜　　　审核人：王晓东")
    scan_usage_log(ctx.leaf(code) / "设施设备使用登记（示例县第二中学）.jpg", "示例县第二中学", "理化生实验室及数字化设备使用登记",
                   "物理实验室（一）", dt.date(2025, 3, 3), key=code, equipment=True)


def c28(ctx: Ctx) -> None:
    code = "C28"
    r = rng_for(code)
    date = dt.date(2024, 2, 28)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2024〕7号_关于印发示例县2024年中小学德育工作计划的通知.pdf",
            org=BUREAU, docno="示教发〔2024〕7号", date=date, doc_title="关于印发示例县2024年中小学德育工作计划的通知",
            addressee="各中小学校：", body=[p("现将《示例县2024年中小学德育工作计划》印发给你们，请结合实际认真贯彻落实。")],
            attachments=[Attachment("示例县2024年中小学德育工作计划", [
                h1("一、指导思想"),
                p("坚持立德树人根本任务，落实《中小学德育工作指南》，构建全员、全过程、全方位育人格局，推动德育工作和校园文化建设水平整体提升。"),
                h1("二、重点工作"),
                h2("（一）深化理想信念教育。"), p("利用升旗仪式、主题班会、重大节日和纪念日开展爱国主义教育，每学期每校至少开展2次主题教育活动。"),
                h2("（二）加强校园文化建设。"), p("各校按照“一校一品”要求，建设体现学校办学理念的校园环境文化、制度文化和行为文化，2024年底前全部达到县级校园文化建设良好等次。"),
                h2("（三）加强心理健康教育。"), p("每校设立心理辅导室，配备专（兼）职心理健康教师，每学期开展一次学生心理健康筛查。"),
                h2("（四）推进家校社协同育人。"), p("办好家长学校，每学期至少开展2次家庭教育指导活动，做好留守儿童关爱工作。"),
                h1("三、月度安排"),
                table(["月份", "主题", "主要活动"], [["3月", "学雷锋、文明礼仪月", "志愿服务、文明班级评比"], ["4月", "缅怀先烈", "清明祭扫、红色研学"],
                                                  ["5月", "劳动教育", "劳动技能展示、校园种植"], ["6月", "安全教育", "防溺水专题教育"],
                                                  ["9月", "行为习惯养成", "新生入学教育、教师节感恩活动"], ["10月", "爱国主义教育", "国庆主题班会、歌咏比赛"],
                                                  ["11月", "心理健康", "心理健康宣传周"], ["12月", "法治教育", "宪法晨读、模拟法庭"]],
                      [10, 24, 40], font=10.5, left_cols=(2,)),
                h1("四、评估考核"),
                p("县教育体育局年底组织德育工作和校园文化建设评估，评估结果分为优秀、良好、合格、不合格四个等次，纳入学校年度考核。")])],
            cc="县委宣传部，团县委，县妇联。")
    date = dt.date(2023, 4, 6)
    gongwen(ctx.leaf(code) / dated(date, "示教发〔2023〕14号", "关于印发示例县中小学校园文化建设实施方案的通知"),
            org=BUREAU, docno="示教发〔2023〕14号", date=date, doc_title="关于印发示例县中小学校园文化建设实施方案的通知",
            addressee="各中小学校：",
            body=[p("现将《示例县中小学校园文化建设实施方案》印发给你们，请结合学校实际制定本校校园文化建设规划，于2023年5月15日前报县教育体育局德育股备案。")],
            attachments=[Attachment("示例县中小学校园文化建设实施方案", [p("为加强中小学校园文化建设，营造积极向上、健康文明的育人环境，推动义务教育优质均衡发展，制定本方案。"),
                 h1("一、建设目标"),
                 p("到2024年底，全县中小学校园文化建设全部达到良好以上等次，形成一批“一校一品”特色学校，校园文化育人功能充分发挥。"),
                 h1("二、建设内容"),
                 h2("（一）环境文化。"), p("规划设计校园景观、文化长廊、宣传栏和班级文化墙，做到绿化、美化、净化，使校园每一面墙壁都会说话。"),
                 h2("（二）制度文化。"), p("以学校章程为统领，完善教学、德育、安全、后勤等管理制度，形成依法治校、民主管理的制度体系。"),
                 h2("（三）精神文化。"), p("提炼校训、校风、教风、学风，设计校徽、校歌，开展读书节、艺术节、体育节、科技节等校园文化活动。"),
                 h2("（四）行为文化。"), p("落实《中小学生守则》，开展文明礼仪养成教育，形成良好的师生行为规范。"),
                 h1("三、实施步骤"),
                 p("规划设计阶段（2023年4月—6月）；全面实施阶段（2023年7月—2024年6月）；评估验收阶段（2024年7月—12月）。"),
                 h1("四、保障措施"),
                 p("各校每年从公用经费中安排一定比例资金用于校园文化建设；县教育体育局将校园文化建设纳入学校年度考核，组织评估验收，校园文化建设照片资料由各校存档备查。")])],
            cc="县委宣传部。")
    txt = """示例县2024年中小学德育工作总结

示例县教育体育局
2024年12月26日

2024年，全县教育系统坚持立德树人根本任务，按照《示例县2024年中小学德育工作计划》（示教发〔2024〕7号）部署，扎实推进德育工作和校园文化建设，现总结如下。

一、主要工作
1. 理想信念教育常态化。全县中小学每周一举行升旗仪式，全年开展主题班会1.2万余节；组织“红色研学”活动86场次，参与学生2.1万人次。
2. 校园文化建设全面达标。县教育体育局组织校园文化建设评估，25所义务教育学校中优秀9所、良好16所，全部达到良好以上等次；评选“一校一品”特色学校6所。
3. 心理健康教育有效开展。全县学校均设立心理辅导室，配备专（兼）职心理健康教师52名；完成学生心理健康筛查2.6万人次，建立重点关注学生台账并落实跟踪辅导。
4. 家校社协同育人深入推进。各校家长学校全年开展家庭教育指导活动210场次；为1826名留守儿童落实结对帮扶教师。
5. 劳动教育和安全教育扎实开展。开辟校园劳动实践基地31个；开展防溺水、交通安全等专题教育，全年未发生学生安全责任事故。

二、存在问题
部分乡村学校德育活动形式较单一，专职心理健康教师不足；个别学校校园文化特色不够鲜明。

三、下一步工作
2025年，重点加强乡村学校德育队伍建设，推进心理健康教育专职教师配备，深化“一校一品”校园文化建设，进一步提升德育工作实效。
"""
    (ctx.leaf(code) / "2024年德育工作总结.txt").write_text(txt, encoding="utf-8")


TIMETABLE_P = ["语文", "数学", "英语", "道德与法治", "科学", "体育与健康", "音乐", "美术", "信息科技", "劳动", "综合实践活动", "班队会", "书法", "阅读"]


def timetable_rows(r: random.Random, grade: int) -> list[list[str]]:
    need = {"语文": 7 if grade <= 2 else 6, "数学": 4 if grade <= 2 else 5, "道德与法治": 2, "体育与健康": 4 if grade <= 2 else 3,
            "音乐": 2, "美术": 2, "劳动": 1, "班队会": 1, "综合实践活动": 0 if grade <= 2 else 1, "科学": 1 if grade <= 2 else 2,
            "英语": 0 if grade <= 2 else 2, "信息科技": 0 if grade <= 2 else 1}
    slots = []
    for k, v in need.items():
        slots += [k] * v
    while len(slots) < 30:
        slots.append("阅读" if len(slots) % 2 else "书法")
    slots = slots[:30]
    r.shuffle(slots)
    days = [slots[i * 6:(i + 1) * 6] for i in range(5)]
    rows = []
    for period in range(6):
        label = f"第{cn_n(period + 1)}节"
        rows.append([label] + [days[d][period] for d in range(5)])
        if period == 3:
            rows.append(["午　休", "", "", "", "", ""])
    return rows


def timetable_pdf(path: Path, school: str, term: str, date: dt.date, r: random.Random, classes: list[tuple[int, int]]) -> None:
    w = frame_width(land=True)
    parts = []
    for i, (grade, cls) in enumerate(classes):
        rows = timetable_rows(r, grade)
        t = table(["节次", "星期一", "星期二", "星期三", "星期四", "星期五"], rows, [12, 17, 17, 17, 17, 17], font=10.5,
                  total_width=w / 2 - 8, spans=[((0, 5), (-1, 5))])
        cap = Paragraph(esc(f"{cn_n(grade)}年级（{cls}）班　　班主任：{person(r)[0]}"), ParagraphStyle("tt", parent=ST_SMALL, fontName=HEI, alignment=TA_CENTER))
        parts.append([cap, t])
    grid = []
    for k in range(0, len(parts), 2):
        pair = parts[k:k + 2]
        while len(pair) < 2:
            pair.append([Spacer(1, 1)])
        grid.append(pair)
    outer = Table(grid, colWidths=[w / 2, w / 2], style=[("FONTNAME", (0, 0), (-1, -1), TEXT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 14)])
    form(path, doc_title=f"{school}{term}课程表", date=date, author=school, land=True,
         unit=f"学校（盖章）：{school}　　作息：上午8:10—11:50，下午14:00—16:20，课后服务16:30—17:50", parts=[outer],
         foot="说明：按《义务教育课程方案（2022年版）》开齐开足课程，综合实践活动、劳动、音乐、美术、体育不得挤占。　教务处制")


def c29(ctx: Ctx) -> None:
    code = "C29"
    r = rng_for(code)
    date = dt.date(2023, 8, 30)
    hours = [["道德与法治", "2", "2", "2", "2", "2", "2", "2", "2", "2"], ["语文", "8", "8", "6", "6", "6", "6", "5", "5", "5"],
             ["数学", "4", "4", "5", "5", "5", "5", "5", "5", "5"], ["外语", "", "", "2", "2", "2", "2", "4", "4", "4"],
             ["科学/物理/化学/生物学", "1", "1", "2", "2", "2", "2", "3", "4", "5"], ["历史、地理", "", "", "", "", "", "", "3", "4", "3"],
             ["信息科技", "", "", "1", "1", "1", "1", "1", "1", ""], ["体育与健康", "4", "4", "3", "3", "3", "3", "3", "3", "3"],
             ["艺术（音乐、美术）", "4", "4", "4", "4", "4", "4", "2", "2", "2"], ["劳动", "1", "1", "1", "1", "1", "1", "1", "1", "1"],
             ["综合实践活动", "", "", "1", "1", "1", "1", "1", "1", "1"], ["周课时合计", "26", "26", "30", "30", "30", "30", "34", "34", "34"]]
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2023〕39号_关于印发示例县义务教育课程实施计划（2023—2024学年）的通知.pdf",
            org=BUREAU, docno="示教发〔2023〕39号", date=date, doc_title="关于印发示例县义务教育课程实施计划（2023—2024学年）的通知",
            addressee="各义务教育学校：",
            body=[p("为全面落实《义务教育课程方案（2022年版）》，规范学校课程设置和教学秩序，县教育体育局制定了《示例县义务教育课程实施计划（2023—2024学年）》，现印发给你们，请各校据此编制学校课程计划和课程表，于9月10日前报县教研室备案。"),
                  p("各校要开齐开足国家课程，不得随意增减课时、提高难度、加快进度；综合实践活动、劳动、音乐、美术、体育课程不得被挤占。县教育体育局将每学期开展课程实施情况专项督查，督查结果纳入学校年度考核。"),
                  p(contact(r, "教研室", "郑芳"))],
            attachments=[Attachment("示例县义务教育课程实施计划（2023—2024学年）", [
                p("一、课程设置：义务教育阶段设置道德与法治、语文、数学、外语、历史、地理、科学（物理、化学、生物学）、信息科技、体育与健康、艺术、劳动、综合实践活动等课程，九年总课时9522节。"),
                p("二、各年级周课时安排如下："),
                table(["课程", "一", "二", "三", "四", "五", "六", "七", "八", "九"], hours, [26] + [7] * 9, font=10, left_cols=(0,)),
                p("三、综合实践活动：小学三至六年级、初中每周不少于1课时，可与地方课程、校本课程统筹使用，每学期至少开展1次研学实践或社会实践活动，做好活动记录。")])],
            cc="县教育督导室。")
    timetable_pdf(ctx.leaf(code) / "课程表（示例县实验小学2024年秋季学期）.pdf", "示例县实验小学", "2024年秋季学期",
                  dt.date(2024, 9, 2), r, [(1, 1), (2, 3), (3, 2), (4, 1), (5, 4), (6, 2)])
    rows = []
    acts = ["走进农耕文化——校园种植", "垃圾分类调查", "家乡河流水质检测", "传统节日习俗探究", "校园安全隐患排查", "职业体验：走进消防站",
            "红色研学：示例县革命纪念馆", "社区志愿服务", "校园植物挂牌", "传统手工艺：扎染"]
    for i, a in enumerate(acts, 1):
        d = dt.date(r.choice([2024, 2025]), r.choice([3, 4, 5, 9, 10, 11]), r.randint(1, 28))
        rows.append([str(i), a, r.choice(["三", "四", "五", "六", "七", "八"]) + "年级", f"{d.year}.{d.month}.{d.day}", str(r.randint(40, 180)),
                     person(r)[0], r.choice(["活动方案、照片、学生报告", "活动记录表、照片", "研究报告、展板"])])
    report(ctx.leaf(code) / "综合实践活动方案及记录.pdf", doc_title="示例县实验小学综合实践活动实施方案及活动记录", date=dt.date(2025, 6, 20),
           author="示例县实验小学",
           body=[h1("一、活动目标"),
                 p("通过考察探究、社会服务、设计制作和职业体验等方式，培养学生的价值体认、责任担当、问题解决和创意物化能力。"),
                 h1("二、课时安排"),
                 p("三至六年级每周安排综合实践活动1课时，可集中使用；每学期至少组织1次校外研学实践活动。"),
                 h1("三、组织实施"),
                 p("学校成立综合实践活动指导小组，由分管副校长任组长，各年级组长和综合实践指导教师为成员。每项活动须有方案、有过程记录、有成果展示、有评价反馈。"),
                 h1("四、2024—2025学年活动记录"),
                 table(["序号", "活动主题", "年级", "时间", "参与学生", "指导教师", "过程资料"], rows, [5, 32, 8, 11, 9, 10, 25], font=9.5)],
           sign="示例县实验小学")


def c30(ctx: Ctx) -> None:
    code = "C30"
    r = rng_for(code)
    date = dt.date(2023, 10, 12)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2023〕45号_关于印发示例县义务教育学校作业管理制度的通知.pdf",
            org=BUREAU, docno="示教发〔2023〕45号", date=date, doc_title="关于印发示例县义务教育学校作业管理制度的通知",
            addressee="各义务教育学校：", body=[p("为落实“双减”要求，切实减轻学生过重作业负担，县教育体育局制定了《示例县义务教育学校作业管理制度》，现印发给你们，请认真执行。")],
            attachments=[Attachment("示例县义务教育学校作业管理制度", [
                p("第一条　学校是作业管理的责任主体，建立作业校内公示制度，每周向家长公示各班作业内容和时长。"),
                p("第二条　小学一二年级不布置书面家庭作业；小学三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟。"),
                p("第三条　作业由年级组统筹，教研组集体设计，提倡分层作业、弹性作业和实践性作业，严禁布置重复性、惩罚性作业。"),
                p("第四条　教师要全批全改、及时反馈，不得要求家长批改作业，不得要求学生自批自改。"),
                p("第五条　学校每学期开展一次学生课业负担问卷调查，结果向家长公开，并作为改进作业管理的依据。"),
                p("第六条　县教育体育局将作业管理纳入学校督导评估和校长考核。")])],
            cc="县教育督导室。")

    def chart(c, w, h):
        dwg = Drawing(w, h)
        bc = VerticalBarChart()
        bc.x, bc.y, bc.width, bc.height = 50, 40, w - 80, h - 80
        bc.data = [[42, 51, 56, 74, 81, 86], [58, 60, 60, 90, 90, 90]]
        bc.categoryAxis.categoryNames = ["三年级", "四年级", "五年级", "七年级", "八年级", "九年级"]
        bc.categoryAxis.labels.fontName = TEXT
        bc.valueAxis.labels.fontName = TEXT
        bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = 0, 100, 20
        bc.bars[0].fillColor = colors.Color(0.25, 0.45, 0.75)
        bc.bars[1].fillColor = colors.Color(0.85, 0.85, 0.85)
        dwg.add(bc)
        dwg.add(String(w / 2, h - 20, "图1　各年级学生日均书面作业时间与规定上限（分钟）", fontName=HEI, fontSize=11, textAnchor="middle"))
        dwg.add(String(w - 150, 20, "■ 实测均值　□ 规定上限", fontName=TEXT, fontSize=9))
        dwg.drawOn(c, 0, 0)

    report(ctx.leaf(code) / dated(dt.date(2024, 12, 16), "示教研〔2024〕9号", "2024年学生课业负担监测报告"), docno="示教研〔2024〕9号",
           doc_title="示例县2024年义务教育学生课业负担监测报告", date=dt.date(2024, 12, 16),
           author=BUREAU, subtitle="示例县教育体育局教研室",
           body=[h1("一、监测概况"),
                 p("2024年11月，县教育体育局对全县25所义务教育学校开展学生课业负担监测，采用问卷调查、作业抽查和学生座谈相结合的方式，共回收学生有效问卷3862份、家长问卷3715份，抽查作业本1250本。"),
                 h1("二、监测结果"),
                 p("各年级学生日均书面作业时间均在规定范围内，小学三至六年级平均51.3分钟，初中平均80.6分钟；小学一二年级未发现布置书面家庭作业的情况。学生日均睡眠时间小学9.6小时、初中8.7小时。"),
                 Drawn(156 * mm, 240, chart),
                 p("91.4%的学生认为作业量“适中”，94.2%的家长对学校作业管理表示满意；参加学校课后服务的学生占94.8%。"),
                 h1("三、存在问题"),
                 p("个别初中学校九年级作业时间接近上限，部分教师分层作业设计能力不足；少数家长仍有给孩子额外布置练习的情况。"),
                 h1("四、改进建议"),
                 p("加强年级作业统筹，推广优秀分层作业案例；加强家校沟通，引导家长树立科学育儿观念；将作业设计纳入教师校本研修重点内容。")],
           sign=BUREAU)
    scan_homework_notice(ctx.leaf(code) / "作业公示（示例县第二小学）.jpg")


def scan_homework_notice(path: Path) -> None:
    r = rng_for("homework")
    sh = Sheet(100, rng=r)
    sh.ctext(22, "示例县第二小学　四年级（2）班　每日作业公示", 16, sans=True)
    sh.text(20, 34, "公示时间：2024年11月11日—11月15日　　班主任：" + person(r)[0] + "　　年级组长审核：" + person(r)[0], 10)
    xs, ys = sh.grid(16, 42, [20, 22, 74, 30, 32], [10] + [15.5] * 15)
    for j, hd in enumerate(["日期", "学科", "作业内容", "预计时长", "家长签字"]):
        sh.cell_text(xs, ys, 0, j, hd, 11, True)
    content = {"语文": ["背诵《古诗三首》", "完成练习册第23页", "阅读课外书20分钟", "小练笔：我的一位朋友"],
               "数学": ["课本第45页第3、5题", "口算10道", "完成练习册第31页", "整理错题2道"],
               "英语": ["朗读Unit 4 对话", "抄写单词各2遍", "听录音跟读"]}
    i = 1
    for day in range(5):
        for subj in ("语文", "数学", "英语"):
            if i > 15:
                break
            sh.hand(xs[0] + 2, ys[i] + 4.5, f"11.{11 + day}", 11)
            sh.hand(xs[1] + 4, ys[i] + 4.5, subj, 11)
            sh.hand(xs[2] + 2, ys[i] + 4.5, r.choice(content[subj]), 11)
            sh.hand(xs[3] + 5, ys[i] + 4.5, f"{r.choice([10, 15, 15, 20])}分钟", 11)
            if r.random() < 0.8:
                sh.hand(xs[4] + 6, ys[i] + 4.5, person(r)[0], 11, ink=(25, 25, 25))
            i += 1
    sh.text(20, 282, "注：书面作业总时长不超过60分钟；周末作业另行公示。", 10)
    img = finish(sh, r, angle=r.uniform(-1.8, 1.8), gray=True)
    save_jpeg(path, img, 100, quality=68)


def c31(ctx: Ctx) -> None:
    code = "C31"
    diff = float(ctx.fact("C31", "校际差异率", 0.12))

    def bars(c, w, h, title_, cats, series, names):
        dwg = Drawing(w, h)
        bc = VerticalBarChart()
        bc.x, bc.y, bc.width, bc.height = 50, 40, w - 80, h - 80
        bc.data = series
        bc.categoryAxis.categoryNames = cats
        bc.categoryAxis.labels.fontName = TEXT
        bc.valueAxis.labels.fontName = TEXT
        bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = 0, 100, 20
        for k, col in enumerate([colors.Color(0.2, 0.45, 0.75), colors.Color(0.9, 0.55, 0.2), colors.Color(0.6, 0.6, 0.6)]):
            if k < len(series):
                bc.bars[k].fillColor = col
        dwg.add(bc)
        dwg.add(String(w / 2, h - 18, title_, fontName=HEI, fontSize=11, textAnchor="middle"))
        dwg.add(String(w - 10, 18, names, fontName=TEXT, fontSize=9, textAnchor="end"))
        dwg.drawOn(c, 0, 0)

    rows = [["四年级", "数学", "89.6", "86.1", "0.10"], ["四年级", "体育与健康", "92.3", "88.4", "0.09"], ["四年级", "心理健康", "90.8", "87.9", "0.11"],
            ["八年级", "数学", "86.2", "83.5", f"{diff:.2f}"], ["八年级", "体育与健康", "88.7", "85.6", "0.11"], ["八年级", "心理健康", "87.5", "84.8", "0.10"]]
    report(ctx.leaf(code) / dated(dt.date(2025, 3, 18), "示监测〔2025〕21号", "2024年国家义务教育质量监测示例县结果报告"),
           docno="示监测〔2025〕21号", doc_title="2024年国家义务教育质量监测\n示例县结果报告",
           date=dt.date(2025, 3, 18), author="示例省教育科学研究院", subtitle="示例省基础教育质量监测中心　　2025年3月",
           body=[h1("一、监测基本情况"),
                 p("2024年5月，国家义务教育质量监测在示例县开展，监测学科为数学、体育与健康、心理健康，监测对象为四年级和八年级学生。示例县共抽取12所学校（小学7所、初中5所）的四年级学生386名、八年级学生412名参加学科测试，同时对相关校长、教师进行问卷调查。"),
                 h1("二、主要结果"),
                 p(f"示例县四年级、八年级学生数学、体育与健康、心理健康学业水平达到Ⅲ级及以上的比例均高于全省平均水平，各学科学业水平均达到Ⅲ级以上；县域内校际差异率最高为{diff:.2f}，低于0.15的要求。"),
                 table(["年级", "学科", "达到中等及以上水平比例（%）", "全省平均（%）", "校际差异率"], rows, [10, 14, 24, 14, 12], font=10.5),
                 Spacer(1, 8),
                 Drawn(156 * mm, 220, lambda c, w, h: bars(c, w, h, "图1　示例县与全省学生学业水平比较（%）",
                                                           ["四年级数学", "四年级体育", "四年级心理", "八年级数学", "八年级体育", "八年级心理"],
                                                           [[89.6, 92.3, 90.8, 86.2, 88.7, 87.5], [86.1, 88.4, 87.9, 83.5, 85.6, 84.8]],
                                                           "■ 示例县　■ 全省")),
                 h1("三、相关因素分析"),
                 p("监测显示，示例县学生体育锻炼时间充足，每天校内体育活动1小时的落实率达97.2%；教师对数学课堂教学中学生探究活动的重视程度较高。但八年级学生睡眠不足9小时的比例为28.5%，学业压力感受略高于全省平均，需引起关注。"),
                 h1("四、改进建议"),
                 p("一是加强初中阶段作业统筹，保障学生睡眠时间；二是加强乡村学校数学教师专业培训，进一步缩小校际差异；三是完善学生心理健康监测和干预机制。")],
           sign="示例省基础教育质量监测中心", seal=True)
    write_docx(ctx.leaf(code) / "监测结果运用与改进方案.docx", doc_title="示例县国家义务教育质量监测结果运用与改进方案",
               when=dt.date(2025, 4, 22), author=BUREAU, sign=BUREAU,
               blocks=[("p", "为用好2024年国家义务教育质量监测结果，发挥监测对教育教学的诊断、改进和导向作用，结合我县实际，制定本方案。"),
                       ("h1", "一、结果解读与反馈"),
                       ("p", "2025年4月底前召开全县监测结果解读会，向各校反馈监测结果，组织校长、教研组长分析本校学生学业表现和相关影响因素，形成学校问题清单。"),
                       ("h1", "二、改进措施"),
                       ("h2", "（一）优化作业管理，保障学生睡眠。"),
                       ("p", "针对八年级学生睡眠不足问题，各初中学校严格控制书面作业总量，九年级作业时长每天不超过90分钟，确保学生睡眠时间不少于9小时。"),
                       ("h2", "（二）加强数学教学研究，缩小校际差异。"),
                       ("p", "组建县级数学学科教研共同体，城区学校与乡村学校结对开展同课异构、送教下乡，每学期不少于4次。"),
                       ("h2", "（三）健全心理健康教育体系。"),
                       ("p", "每校配备至少1名专（兼）职心理健康教师，每学期开展心理健康筛查，建立重点关注学生档案。"),
                       ("h1", "三、任务分工"),
                       ("table", ["任务", "牵头单位", "完成时间"], [["监测结果解读会", "县教研室", "2025年4月"], ["数学教研共同体建设", "县教研室", "2025年9月"],
                                                            ["作业管理专项督查", "县教育督导室", "每学期"], ["心理健康教师配备", "县教育体育局人事股", "2025年12月"]]),
                       ("h1", "四、跟踪评估"),
                       ("p", "县教育督导室对改进措施落实情况开展跟踪督导，督导结果纳入学校年度考核。")])


def survey_counts(ctx: Ctx) -> dict:
    default = {"学生": {"满意": 1286, "基本满意": 268, "不满意": 146}, "家长": {"满意": 1524, "基本满意": 352, "不满意": 214},
               "教师": {"满意": 618, "基本满意": 154, "不满意": 78}, "校长": {"满意": 21, "基本满意": 4, "不满意": 0},
               "人大代表": {"满意": 36, "基本满意": 8, "不满意": 4}, "政协委员": {"满意": 33, "基本满意": 9, "不满意": 3},
               "其他群众": {"满意": 402, "基本满意": 118, "不满意": 80}}
    got = ctx.facts.get("C32")
    return got if isinstance(got, dict) and got else default


def c32(ctx: Ctx) -> None:
    code = "C32"
    r = rng_for(code)
    counts = survey_counts(ctx)
    date = dt.date(2025, 4, 15)
    gongwen(ctx.leaf(code) / f"{ymd(date)}_示教发〔2025〕14号_关于印发示例县义务教育优质均衡发展社会认可度调查方案的通知.pdf",
            org=BUREAU, docno="示教发〔2025〕14号", date=date, doc_title="关于印发示例县义务教育优质均衡发展社会认可度调查方案的通知",
            addressee="各义务教育学校，各乡镇中心学校：", body=[p("现将《示例县义务教育优质均衡发展社会认可度调查方案》印发给你们，请认真组织实施。"), p(contact(r, "教育督导室", "陈静"))],
            attachments=[Attachment("示例县义务教育优质均衡发展社会认可度调查方案", [
                h1("一、调查目的"),
                p("了解社会各界对全县义务教育优质均衡发展工作的满意程度，查找问题和不足，为改进工作提供依据。"),
                h1("二、调查对象和样本"),
                table(["调查对象", "样本数（份）", "抽样方式"], [[k, str(sum(v.values())), "分层随机抽样" if k in ("学生", "家长", "教师") else "全覆盖或随机抽取"] for k, v in counts.items()],
                      [20, 16, 30], font=10.5),
                h1("三、调查内容"),
                p("包括县级人民政府推进义务教育优质均衡发展工作、学校办学条件改善、教师队伍建设、教育教学质量、学生课业负担、招生入学公平等方面。"),
                h1("四、调查方式"),
                p("采取纸质问卷和网络问卷相结合的方式，由县融媒体中心委托第三方机构组织实施，问卷匿名填写，确保调查结果真实客观。"),
                h1("五、时间安排"),
                p("2025年5月上旬完成问卷发放和回收，5月下旬完成统计分析，6月上旬形成调查报告。")])],
            cc="县融媒体中心，县人大常委会办公室，县政协办公室。")
    scan_questionnaire(ctx.leaf(code) / "调查问卷样本（家长卷）.jpg")
    rows, T = [], [0, 0, 0]
    for k, v in counts.items():
        a, b, c_ = int(v.get("满意", 0)), int(v.get("基本满意", 0)), int(v.get("不满意", 0))
        n = a + b + c_
        rows.append([k, str(n), str(a), str(b), str(c_), f"{(a + b) * 100 / n:.2f}" if n else ""])
        T = [T[0] + a, T[1] + b, T[2] + c_]
    N = sum(T)
    rows.append(["合计", str(N), *[str(x) for x in T], f"{(T[0] + T[1]) * 100 / N:.2f}"])
    form(ctx.leaf(code) / "社会认可度调查统计表.pdf", doc_title="示例县义务教育优质均衡发展社会认可度调查统计表", date=dt.date(2025, 5, 28),
         author=BUREAU, unit="统计单位：示例县融媒体中心（第三方调查）、示例县教育体育局　　调查时间：2025年5月6日—5月16日",
         parts=[table(["调查对象", "有效问卷", "满意", "基本满意", "不满意", "认可度（%）"], rows, [16, 12, 12, 12, 12, 14], font=11,
                      total_width=frame_width(footer="form"))],
         note="注：认可度＝（满意＋基本满意）÷有效问卷数×100%，按各群体有效问卷合并计算。",
         foot="统计人：宋佳　" + person(r)[0] + "　　　审核人：陈静")
    rate = (T[0] + T[1]) * 100 / N

    def chart(c, w, h):
        dwg = Drawing(w, h)
        bc = VerticalBarChart()
        bc.x, bc.y, bc.width, bc.height = 50, 40, w - 80, h - 80
        vals = []
        for k, v in counts.items():
            n = sum(int(x) for x in v.values())
            vals.append(round((int(v.get("满意", 0)) + int(v.get("基本满意", 0))) * 100 / n, 1) if n else 0)
        bc.data = [vals]
        bc.categoryAxis.categoryNames = list(counts.keys())
        bc.categoryAxis.labels.fontName = TEXT
        bc.valueAxis.labels.fontName = TEXT
        bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = 50, 100, 10
        bc.bars[0].fillColor = colors.Color(0.2, 0.5, 0.7)
        dwg.add(bc)
        dwg.add(String(w / 2, h - 18, "图1　各调查群体认可度（%）", fontName=HEI, fontSize=11, textAnchor="middle"))
        dwg.drawOn(c, 0, 0)

    report(ctx.leaf(code) / dated(dt.date(2025, 6, 6), "示融媒〔2025〕12号", "社会认可度调查报告"), docno="示融媒〔2025〕12号",
           doc_title="示例县义务教育优质均衡发展社会认可度调查报告", date=dt.date(2025, 6, 6),
           author="示例县融媒体中心", subtitle="示例县融媒体中心　示例县教育体育局",
           body=[h1("一、调查实施情况"),
                 p(f"按照《示例县义务教育优质均衡发展社会认可度调查方案》（示教发〔2025〕14号），2025年5月6日至16日，县融媒体中心委托第三方机构面向学生、家长、教师、校长、人大代表、政协委员及其他群众开展问卷调查，共回收有效问卷{N}份。"),
                 h1("二、调查结果"),
                 p(f"调查对象中表示“满意”的{T[0]}人，“基本满意”的{T[1]}人，“不满意”的{T[2]}人，社会认可度为{rate:.2f}%，{'达到' if rate >= 85 else '未达到'}85%以上的要求。"),
                 Drawn(156 * mm, 230, chart),
                 h1("三、主要意见和建议"),
                 p("受访群众对学校办学条件改善、教师队伍建设和招生入学公平评价较高；意见主要集中在县城学校班额偏大、乡村学校优质师资不足、部分学校课后服务内容单一等方面。"),
                 h1("四、改进措施"),
                 p("县教育体育局将针对调查反映的问题，加快县城学校建设，推进教师交流轮岗，丰富课后服务内容，持续提升人民群众对义务教育的满意度。")],
           sign=["示例县融媒体中心", BUREAU], seal=True)


def scan_questionnaire(path: Path) -> None:
    r = rng_for("questionnaire")
    sh = Sheet(100, rng=r)
    sh.ctext(18, "示例县义务教育优质均衡发展社会认可度调查问卷", 16, sans=True)
    sh.ctext(27, "（家长卷）", 13, sans=True)
    y = sh.wrap_text(18, 36, 174, "尊敬的家长：您好！为了解您对我县义务教育工作的评价，特开展本次调查。问卷采用无记名方式，请在您认为合适的选项前的“□”内打“√”。感谢您的支持！", 10.5)
    sh.text(18, y + 2, "孩子就读学校：", 10.5)
    sh.hand(48, y + 1, "龙泉镇中心小学", 11)
    sh.text(110, y + 2, "孩子就读年级：", 10.5)
    sh.hand(140, y + 1, "四年级", 11)
    y += 12
    qs = ["1. 您对县人民政府推进义务教育均衡发展工作是否满意？", "2. 您对孩子所在学校的办学条件（校舍、场地、设备）是否满意？",
          "3. 您对学校教师的师德师风和教学水平是否满意？", "4. 您对学校开齐开足音乐、美术、体育等课程是否满意？",
          "5. 您对孩子的课业负担（作业量）是否满意？", "6. 您对学校课后服务是否满意？", "7. 您对义务教育招生入学的公平性是否满意？",
          "8. 您对学校关爱留守儿童、困难学生的工作是否满意？", "9. 您对学校食堂和校园安全管理是否满意？", "10. 总体上，您对我县义务教育是否满意？"]
    for q in qs:
        sh.text(18, y, q, 10.5)
        y += 7
        for k, opt in enumerate(["满意", "基本满意", "不满意"]):
            x = 26 + k * 40
            sh.rect(x, y, x + 3.6, y + 3.6, 1)
            sh.text(x + 5, y - 0.4, opt, 10.5)
        choice = 0 if r.random() < 0.72 else 1 if r.random() < 0.85 else 2
        sh.tick(26 + choice * 40, y + 0.4, 4.2)
        y += 10
    sh.text(18, y, "11. 您对我县义务教育工作还有什么意见和建议？", 10.5)
    sh.hand(24, y + 8, "希望多安排好老师到乡镇学校，学校的图书可以再多一些。", 11)
    sh.line(20, y + 15, 190, y + 15, 1)
    sh.line(20, y + 24, 190, y + 24, 1)
    sh.text(110, 286, "示例县融媒体中心　2025年5月", 9.5)
    sh.text(18, 286, f"问卷编号：JZ-{r.randint(1000, 2099)}", 9.5)
    img = finish(sh, r, angle=r.uniform(-1.5, 1.5))
    save_jpeg(path, img, 100, quality=68)


# ---------------------------------------------------------------------------------------------
# The example school (content/示例学校)
# ---------------------------------------------------------------------------------------------

def school_evidence(ctx: Ctx, sch: School) -> None:
    r = rng_for("school", sch.name)
    short = "示一贯"
    teachers = make_teachers(sch, "2025")
    rows = [[str(i), t.name, t.gender, t.born, t.edu, t.college, t.major, t.subject, t.title, t.cert, t.backbone or "—"]
            for i, t in enumerate(teachers, 1)]
    head_name = deep_get(ctx.people, "领导小组", "组长", default=[{}])[0].get("姓名", "郭建新") if ctx.people else "郭建新"
    form(ctx.leaf("C1") / "教师花名册.pdf", doc_title=f"{sch.name}2025—2026学年专任教师花名册", date=dt.date(2025, 9, 15),
         author=sch.name, land=True, unit=f"学校（盖章）：{sch.name}　　专任教师 {len(teachers)} 人（小学部、初中部合计）",
         parts=[table(["序号", "姓名", "性别", "出生年月", "最高学历", "毕业院校", "所学专业", "任教学科", "职称", "教师资格证", "骨干教师"],
                      rows, [5, 9, 5, 9, 8, 22, 16, 11, 10, 16, 9], font=9, total_width=frame_width(land=True))],
         foot=f"校长：{head_name}　　　制表：办公室 周雪")
    t = next(x for x in teachers if x.edu == "本科")
    scan_diploma(ctx.leaf("C1") / "学历证书复印件.jpg", t, key="school")
    approval_pdf(ctx.leaf("C25") / "20231025_示教发〔2023〕47号_关于核准示例县第一小学等学校章程的批复.pdf", ctx_global)
    charter_pdf(ctx.leaf("C25") / "学校章程.pdf", sch, dt.date(2023, 9, 22))
    date = dt.date(2024, 2, 26)
    gongwen(ctx.leaf("C28") / f"{ymd(date)}_{short}校发〔2024〕3号_关于印发2024年德育工作计划的通知.pdf",
            org=sch.name, docno=f"{short}校发〔2024〕3号", date=date, doc_title=f"关于印发{sch.name}2024年德育工作计划的通知",
            addressee="各处室、各年级组：", header=sch.name + "文件",
            body=[p("现将《2024年学校德育工作计划》印发给你们，请结合小学部、初中部实际认真落实。")],
            attachments=[Attachment(f"{sch.name}2024年德育工作计划", [
                h1("一、工作目标"),
                p("以立德树人为根本任务，围绕“创建县级德育示范校”目标，构建九年一贯的德育课程体系，校园文化建设保持良好以上等次。"),
                h1("二、主要工作"),
                h2("（一）九年一贯德育课程。"), p("小学部突出行为习惯养成，初中部突出理想信念和责任担当教育，每月一个德育主题。"),
                h2("（二）班主任队伍建设。"), p("每学期开展班主任培训2次、班会课展评1次，评选优秀班主任10名。"),
                h2("（三）校园文化建设。"), p("完成“明德长廊”和班级文化墙建设，举办读书节、艺术节、体育节。"),
                h2("（四）家校共育。"), p("每学期召开家长会2次，家访覆盖全部留守儿童和困难学生家庭。"),
                h1("三、保障措施"), p("德育处牵头，各年级组落实，德育工作纳入班主任和教师绩效考核。")])],
            sign=sch.name, cc=None, printer=sch.name + "办公室")
    write_docx(ctx.leaf("C28") / "2024年德育工作总结.docx", doc_title=f"{sch.name}2024年德育工作总结", when=dt.date(2024, 12, 27),
               author=sch.name, sign=sch.name,
               blocks=[("p", "2024年，学校按照年度德育工作计划，坚持九年一贯、分段实施，德育工作和校园文化建设取得新成效。"),
                       ("h1", "一、主要成效"),
                       ("p", "学校被评为县级德育示范校；校园文化建设经县级评估为良好等次；全年开展主题班会1480节、家访612户次，留守儿童家访全覆盖。"),
                       ("h1", "二、存在问题"),
                       ("p", "初中部综合实践活动与德育活动的记录不够规范，部分班级活动资料不完整。"),
                       ("h1", "三、改进措施"),
                       ("p", "2025年统一活动记录表格，由德育处每月检查；加强班主任培训，提高德育活动的计划性和实效性。")])
    timetable_pdf(ctx.leaf("C29") / "课程表（2024年秋季学期）.pdf", sch.name, "2024年秋季学期", dt.date(2024, 9, 2), r,
                  [(1, 2), (3, 1), (5, 3), (6, 1)])
    report(ctx.leaf("C29") / "综合实践活动方案.pdf", doc_title=f"{sch.name}综合实践活动实施方案", date=dt.date(2024, 9, 6), author=sch.name,
           body=[h1("一、课程目标"),
                 p("落实《中小学综合实践活动课程指导纲要》，小学三至六年级、初中七至九年级每周开设综合实践活动1课时，培养学生的价值体认、责任担当、问题解决和创意物化能力。"),
                 h1("二、活动内容"),
                 table(["学段", "主题方向", "主要活动"], [["小学三、四年级", "考察探究", "校园植物调查、家乡美食探究"], ["小学五、六年级", "社会服务", "社区志愿服务、垃圾分类宣传"],
                                                    ["初中七年级", "设计制作", "创客小制作、校园文创设计"], ["初中八、九年级", "职业体验", "走进企业、职业访谈"]],
                       [18, 16, 40], font=10.5, left_cols=(2,)),
                 h1("三、实施要求"),
                 p("每项活动须有活动方案、过程记录、成果展示和评价；活动记录由指导教师填写，教务处每月检查。初中部活动记录不完整的问题在2024年秋季学期整改到位。"),
                 h1("四、安全保障"),
                 p("校外活动须制定安全预案，报学校审批，落实“一活动一方案一预案”。")],
           sign=sch.name)


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------

LEAVES = [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23,
          c24, c25, c26, c27, c28, c29, c30, c31, c32]


def main() -> None:
    global ctx_global
    leaves = load_framework()
    schools = county_schools()
    county = Ctx(COUNTY_DIR / "evidence", schools, load_yaml(COUNTY_DIR / "指标数据.yaml"),
                 load_yaml(COUNTY_DIR / "人员.yaml"), leaves)
    ctx_global = county
    for root in (COUNTY_DIR / "evidence", SCHOOL_DIR / "evidence"):
        if root.exists():
            shutil.rmtree(root)
    for f in LEAVES:
        f(county)
    sch_cfg = load_yaml(SCHOOL_DIR / "dossier.yaml")
    name = deep_get(sch_cfg, "单位", "全称", default="示例县第一九年一贯制学校")
    own = load_schools(SCHOOL_DIR)
    sch = next((s for s in own if s.name == name), None) or next((s for s in schools if s.name == name), schools[0])
    school = Ctx(SCHOOL_DIR / "evidence", [sch], load_yaml(SCHOOL_DIR / "指标数据.yaml"), load_yaml(SCHOOL_DIR / "人员.yaml"), leaves)
    school_evidence(school, sch)
    for root in (COUNTY_DIR / "evidence", SCHOOL_DIR / "evidence"):
        files = [p_ for p_ in root.rglob("*") if p_.is_file()]
        size = sum(p_.stat().st_size for p_ in files)
        print(f"{root.relative_to(ROOT)}: {len(files)} files, {size / 1e6:.2f} MB")
    print("expected evidence deliberately left without a document:",
          "; ".join(f"{k} {'、'.join(v)}" for k, v in MISSING.items()))


if __name__ == "__main__":
    main()

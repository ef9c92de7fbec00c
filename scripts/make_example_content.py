#!/usr/bin/env python3
"""Write the two bundled example projects: content/示例县/ and content/示例学校/.

Everything is fictional but realistic for a Chinese county. The school figures are chosen so that the example
exercises every rule of the youzhi-2017 framework: some schools miss C1–C7 thresholds (two of them fail the
per-school rule, others pass with one miss above 85%), C10/C11/C12/C19 have misses, and of the fourteen
county-wide 差异系数 exactly one (小学 C6) sits just above its limit while one other (初中 C5) sits just below.
The script recomputes all of this from the rows it writes and stops with an error if a property does not hold.

Output is deterministic (no timestamps, fixed zip entry dates), so re-running leaves git clean.

Usage: python3 scripts/make_example_content.py [--check-only]
Needs PyYAML and openpyxl.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import sys
import zipfile
from pathlib import Path

import yaml

import example_history
import example_roster
import example_progress
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FRAMEWORK = ROOT / "dossier" / "config" / "frameworks" / "youzhi-2017.yaml"

COUNTY_DIR = CONTENT / "示例县"
SCHOOL_DIR = CONTENT / "示例学校"

# ---------------------------------------------------------------------------------------------------------------
# The school table
# ---------------------------------------------------------------------------------------------------------------

COLUMNS = [
    "学校代码", "学校名称", "学校类型", "城乡类型",
    "小学在校生数", "初中在校生数", "高中在校生数", "小学班级数", "初中班级数", "小学最大班额", "初中最大班额",
    "小学高于规定学历教师数", "初中高于规定学历教师数", "小学县级及以上骨干教师数", "初中县级及以上骨干教师数",
    "小学体育艺术专任教师数", "初中体育艺术专任教师数",
    "教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数",
    "音乐专用教室数", "音乐专用教室面积", "美术专用教室数", "美术专用教室面积",
    "专任教师数", "持证专任教师数", "计算机台数", "图书册数", "中级及以上职称教师数",
]

# Stage-specific columns: left empty for a school without that 学段 (an empty cell means "not applicable / not
# reported", never zero).
PRIMARY_COLS = ["小学在校生数", "小学班级数", "小学最大班额", "小学高于规定学历教师数", "小学县级及以上骨干教师数",
                "小学体育艺术专任教师数"]
JUNIOR_COLS = ["初中在校生数", "初中班级数", "初中最大班额", "初中高于规定学历教师数", "初中县级及以上骨干教师数",
               "初中体育艺术专任教师数"]


def school(code, name, kind, area, *, p=None, j=None, senior=None, room, sport, equip, mm, music, art,
           teachers, certified=None, computers, books, titled):
    """One row. p / j: (students, classes, max class, qualified, 骨干, 体育艺术) for the primary / junior part."""
    row = {c: None for c in COLUMNS}
    row.update({"学校代码": code, "学校名称": name, "学校类型": kind, "城乡类型": area})
    for part, cols in ((p, PRIMARY_COLS), (j, JUNIOR_COLS)):
        if part is not None:
            row.update(dict(zip(cols, part)))
    row["高中在校生数"] = senior
    row.update({"教学及辅助用房面积": room, "体育运动场馆面积": sport, "教学仪器设备值": equip, "网络多媒体教室数": mm,
                "音乐专用教室数": music[0], "音乐专用教室面积": music[1],
                "美术专用教室数": art[0], "美术专用教室面积": art[1],
                "专任教师数": teachers, "持证专任教师数": teachers if certified is None else certified,
                "计算机台数": computers, "图书册数": books, "中级及以上职称教师数": titled})
    return row


S = school
#                                                                  students cls max qual 骨干 体艺
SCHOOLS = [
    # ---- 小学 -------------------------------------------------------------------------------------------------
    S("5301230001", "示例县第一小学", "小学", "城区", p=(1862, 42, 48, 81, 26, 19),
      room=8920, sport=12850, equip=400.0, mm=44, music=(3, 312), art=(4, 368),
      teachers=84, computers=236, books=57800, titled=54),
    S("5301230002", "示例县第二小学", "小学", "城区", p=(1618, 37, 45, 74, 21, 17),
      room=8150, sport=13400, equip=312.6, mm=39, music=(4, 402), art=(4, 376),
      teachers=76, computers=204, books=50200, titled=50),
    S("5301230003", "示例县实验小学", "小学", "城区", p=(1476, 33, 45, 80, 24, 16),
      room=7760, sport=12100, equip=872.0, mm=36, music=(3, 300), art=(3, 288),
      teachers=82, computers=228, books=48600, titled=57),
    S("5301230004", "青石镇中心小学", "小学", "镇区", p=(836, 20, 44, 47, 10, 9),
      room=4620, sport=8350, equip=178.5, mm=21, music=(2, 196), art=(2, 184),
      teachers=48, computers=112, books=26300, titled=28),
    S("5301230005", "柳河镇中心小学", "小学", "镇区", p=(762, 18, 43, 44, 7, 8),
      room=4010, sport=7050, equip=160.2, mm=19, music=(2, 198), art=(2, 186),
      teachers=45, computers=98, books=23800, titled=26),
    S("5301230006", "白沙镇中心小学", "小学", "镇区", p=(694, 17, 42, 41, 8, 7),
      room=3880, sport=7200, equip=146.3, mm=18, music=(2, 200), art=(2, 184),
      teachers=42, computers=90, books=21500, titled=24),
    S("5301230007", "龙泉镇中心小学", "小学", "镇区", p=(645, 16, 42, 39, 7, 7),
      room=3420, sport=6980, equip=138.9, mm=17, music=(2, 194), art=(2, 182),
      teachers=40, certified=38, computers=86, books=19900, titled=22),
    S("5301230008", "青石镇石门小学", "小学", "乡村", p=(318, 9, 38, 21, 4, 4),
      room=1960, sport=4300, equip=56.5, mm=10, music=(1, 98), art=(1, 92),
      teachers=22, computers=46, books=10200, titled=12),
    S("5301230009", "柳河镇河湾小学", "小学", "乡村", p=(264, 8, 36, 18, 2, 3),
      room=1580, sport=3900, equip=38.6, mm=8, music=(1, 96), art=(1, 90),
      teachers=19, computers=38, books=8300, titled=10),
    S("5301230010", "白沙镇黄坪小学", "小学", "乡村", p=(412, 12, 40, 27, 5, 4),
      room=2280, sport=4850, equip=90.0, mm=12, music=(1, 104), art=(1, 96),
      teachers=27, computers=56, books=13100, titled=15),
    S("5301230011", "龙泉镇松林小学", "小学", "乡村", p=(176, 6, 33, 14, 2, 2),
      room=1180, sport=3100, equip=41.0, mm=6, music=(1, 96), art=(1, 90),
      teachers=14, computers=30, books=6200, titled=7),
    S("5301230012", "清溪乡中心小学", "小学", "乡村", p=(468, 13, 41, 29, 5, 5),
      room=2520, sport=5200, equip=99.0, mm=13, music=(2, 192), art=(2, 180),
      teachers=30, computers=62, books=14800, titled=17),
    S("5301230013", "马鞍乡中心小学", "小学", "乡村", p=(352, 10, 39, 23, 4, 4),
      room=2010, sport=4380, equip=57.0, mm=10, music=(1, 98), art=(1, 78),
      teachers=24, computers=48, books=11000, titled=13),
    # ---- 教学点 -----------------------------------------------------------------------------------------------
    S("5301230014", "石门小学黄泥塘教学点", "教学点", "乡村", p=(38, 4, 12, 4, 1, 1),
      room=360, sport=800, equip=9.2, mm=4, music=(1, 64), art=(1, 60),
      teachers=4, computers=8, books=1500, titled=2),
    S("5301230015", "松林小学杉木坪教学点", "教学点", "乡村", p=(26, 3, 10, 3, 1, 1),
      room=280, sport=620, equip=6.8, mm=3, music=(1, 60), art=(1, 56),
      teachers=3, computers=6, books=1100, titled=1),
    # ---- 初中 -------------------------------------------------------------------------------------------------
    S("5301230016", "示例县第一中学", "初中", "城区", j=(2136, 44, 53, 152, 30, 22),
      room=11900, sport=22100, equip=598.0, mm=54, music=(4, 400), art=(4, 372),
      teachers=168, computers=326, books=89600, titled=104),
    S("5301230017", "示例县第二中学", "初中", "城区", j=(1564, 33, 50, 116, 22, 16),
      room=9600, sport=17300, equip=452.0, mm=40, music=(3, 300), art=(3, 282),
      teachers=126, computers=248, books=65300, titled=79),
    S("5301230018", "青石镇中学", "初中", "镇区", j=(978, 21, 48, 70, 12, 10),
      room=6400, sport=14800, equip=276.0, mm=25, music=(2, 200), art=(2, 186),
      teachers=82, computers=150, books=40100, titled=48),
    S("5301230019", "柳河镇中学", "初中", "镇区", j=(866, 19, 47, 60, 10, 7),
      room=5600, sport=12600, equip=238.0, mm=22, music=(2, 196), art=(2, 184),
      teachers=74, computers=132, books=35800, titled=43),
    S("5301230020", "白沙镇中学", "初中", "镇区", j=(724, 16, 46, 52, 8, 7),
      room=4600, sport=5900, equip=196.0, mm=18, music=(2, 196), art=(2, 184),
      teachers=64, computers=112, books=29700, titled=37),
    S("5301230021", "清溪乡中学", "初中", "乡村", j=(428, 10, 44, 22, 5, 4),
      room=3100, sport=14860, equip=118.0, mm=9, music=(1, 84), art=(1, 90),
      teachers=30, computers=70, books=18200, titled=17),
    # ---- 九年一贯制学校 ------------------------------------------------------------------------------------------
    S("5301230022", "示例县第一九年一贯制学校", "九年一贯制学校", "城区",
      p=(1182, 27, 45, 63, 14, 12), j=(624, 13, 49, 46, 8, 7),
      room=10300, sport=15980, equip=968.0, mm=46, music=(4, 400), art=(4, 372),
      teachers=116, computers=262, books=69800, titled=70),
    S("5301230023", "龙泉镇九年一贯制学校", "九年一贯制学校", "镇区",
      p=(548, 14, 42, 33, 7, 6), j=(386, 9, 46, 27, 5, 4),
      room=5600, sport=10500, equip=230.0, mm=25, music=(2, 196), art=(2, 184),
      teachers=68, computers=124, books=34600, titled=39),
    S("5301230024", "大坪乡九年一贯制学校", "九年一贯制学校", "乡村",
      p=(296, 9, 36, 20, 3, 3), j=(212, 6, 40, 16, 1, 2),
      room=3300, sport=12100, equip=126.0, mm=15, music=(2, 194), art=(2, 182),
      teachers=42, computers=72, books=19400, titled=23),
    # ---- 完全中学 ---------------------------------------------------------------------------------------------
    S("5301230025", "示例县民族中学", "完全中学", "城区", j=(786, 17, 49, 60, 12, 9), senior=954,
      room=13200, sport=24800, equip=760.0, mm=48, music=(2, 200), art=(2, 186),
      teachers=142, computers=268, books=92500, titled=90),
]
del S

# The school project (content/示例学校/) is this row.
EXAMPLE_SCHOOL_CODE = "5301230022"

# ---------------------------------------------------------------------------------------------------------------
# Indicator computation (mirrors the rules in shared/reference; used to tune and assert the example)
# ---------------------------------------------------------------------------------------------------------------

STAGES = ("小学", "初中")
WEIGHTS = {"小学": 1.0, "初中": 1.1, "高中": 1.32}
CV_LIMIT = {"小学": 0.50, "初中": 0.45}
THRESHOLDS = {  # code: (title, {stage: threshold})
    "C1": ("每百名学生拥有高于规定学历教师数", {"小学": 4.2, "初中": 5.3}),
    "C2": ("每百名学生拥有县级及以上骨干教师数", {"小学": 1.0, "初中": 1.0}),
    "C3": ("每百名学生拥有体育、艺术专任教师数", {"小学": 0.9, "初中": 0.9}),
    "C4": ("生均教学及辅助用房面积", {"小学": 4.5, "初中": 5.8}),
    "C5": ("生均体育运动场馆面积", {"小学": 7.5, "初中": 10.2}),
    "C6": ("生均教学仪器设备值", {"小学": 2000, "初中": 2500}),
    "C7": ("每百名学生拥有网络多媒体教室数", {"小学": 2.3, "初中": 2.4}),
}
CODES = list(THRESHOLDS)
SIZE_LIMIT = {"九年一贯制学校": 2500, "十二年一贯制学校": 2500}
CLASS_LIMIT = {"小学": 45, "初中": 50}


def enrolment(row, stage):
    return row.get(f"{stage}在校生数") or 0


def stages_of(row):
    return [s for s in STAGES if enrolment(row, s) > 0]


def stage_values(row, stage):
    """C1–C7 for one school and one 学段; shared resources split by weighted enrolment."""
    n = enrolment(row, stage)
    weighted = sum(WEIGHTS[s] * (row.get(f"{s}在校生数") or 0) for s in ("小学", "初中", "高中"))
    share = WEIGHTS[stage] / weighted          # per-student share of a whole-school resource
    return {
        "C1": row[f"{stage}高于规定学历教师数"] * 100 / n,
        "C2": row[f"{stage}县级及以上骨干教师数"] * 100 / n,
        "C3": row[f"{stage}体育艺术专任教师数"] * 100 / n,
        "C4": row["教学及辅助用房面积"] * share,
        "C5": row["体育运动场馆面积"] * share,
        "C6": row["教学仪器设备值"] * 10000 * share,
        "C7": row["网络多媒体教室数"] * 100 * share,
    }


def school_rule(values, stage):
    """(passes, misses) for the per-school rule: ≥ 6 of 7 met, the remaining one ≥ 85% of its threshold."""
    misses = {c: values[c] / THRESHOLDS[c][1][stage] for c in CODES if values[c] < THRESHOLDS[c][1][stage]}
    ok = len(misses) == 0 or (len(misses) == 1 and min(misses.values()) >= 0.85)
    return ok, misses


def cv(pairs):
    """Enrolment-weighted coefficient of variation over (value, enrolment) pairs."""
    total = sum(p for _, p in pairs)
    mean = sum(x * p for x, p in pairs) / total
    sd = math.sqrt(sum(p * (x - mean) ** 2 for x, p in pairs) / total)
    return sd / mean


def analyse(rows):
    """Everything the assertions and the report need."""
    out = {"stage": {}, "cv": {}, "c10": [], "c11": [], "c12": [], "c19": []}
    for stage in STAGES:
        members = [r for r in rows if enrolment(r, stage) > 0]
        vals = {r["学校代码"]: stage_values(r, stage) for r in members}
        out["stage"][stage] = {code: (r, vals[code], *school_rule(vals[code], stage))
                               for code, r in ((r["学校代码"], r) for r in members)}
        for c in CODES:
            out["cv"][(stage, c)] = cv([(vals[r["学校代码"]][c], enrolment(r, stage)) for r in members])
    for r in rows:
        classes = (r["小学班级数"] or 0) + (r["初中班级数"] or 0)
        need = max(1, math.ceil(classes / 12))
        for kind, min_area in (("音乐", 96), ("美术", 90)):
            n, area = r[f"{kind}专用教室数"], r[f"{kind}专用教室面积"]
            if n < need or area / n < min_area:
                out["c10"].append((r["学校名称"], f"{kind}专用教室{n}间、共{area}平方米（需{need}间、每间≥{min_area}）"))
        size = enrolment(r, "小学") + enrolment(r, "初中")
        if size > SIZE_LIMIT.get(r["学校类型"], 2000):
            out["c11"].append((r["学校名称"], size))
        for stage in stages_of(r):
            if r[f"{stage}最大班额"] > CLASS_LIMIT[stage]:
                out["c12"].append((r["学校名称"], stage, r[f"{stage}最大班额"]))
        if r["持证专任教师数"] < r["专任教师数"]:
            out["c19"].append((r["学校名称"], r["持证专任教师数"], r["专任教师数"]))
    return out


def check_table(rows):
    """Sanity of the rows themselves (types, ranges, internal consistency)."""
    codes = [r["学校代码"] for r in rows]
    assert len(set(codes)) == len(codes), "duplicate school code"
    kinds = [r["学校类型"] for r in rows]
    assert kinds.count("小学") == 13 and kinds.count("初中") == 6, kinds
    assert kinds.count("九年一贯制学校") == 3 and kinds.count("完全中学") == 1 and kinds.count("教学点") == 2
    for r in rows:
        assert re.fullmatch(r"\d{10}", r["学校代码"]), r["学校代码"]
        name = r["学校名称"]
        if r["学校类型"] == "教学点":
            assert 20 <= r["小学在校生数"] <= 60 and 1 <= r["小学班级数"] <= 6, name
        if r["学校类型"] == "完全中学":
            assert r["高中在校生数"], name
        teachers_by_stage = 0
        for stage in stages_of(r):
            n, classes = enrolment(r, stage), r[f"{stage}班级数"]
            assert classes * 8 <= n <= classes * r[f"{stage}最大班额"], (name, stage, "students vs classes")
            for col in ("高于规定学历教师数", "县级及以上骨干教师数", "体育艺术专任教师数"):
                teachers_by_stage = max(teachers_by_stage, r[f"{stage}{col}"])
        assert r["持证专任教师数"] <= r["专任教师数"] and r["中级及以上职称教师数"] <= r["专任教师数"], name
        qualified = sum(r[f"{s}高于规定学历教师数"] for s in stages_of(r))
        assert qualified <= r["专任教师数"], (name, "qualified teachers exceed all teachers")
        assert r["音乐专用教室面积"] >= 0 and r["美术专用教室面积"] >= 0


def check_properties(a):
    """The properties the example is built to show; the script fails if any does not hold."""
    problems = []
    # County-wide CVs: exactly one above its limit (小学 C6, just above), one just below (初中 C5).
    over = [k for k, v in a["cv"].items() if v > CV_LIMIT[k[0]]]
    if over != [("小学", "C6")]:
        problems.append(f"CVs above limit should be exactly 小学 C6, are {over}")
    if not 0.505 <= a["cv"][("小学", "C6")] <= 0.525:
        problems.append(f"小学 C6 CV {a['cv'][('小学', 'C6')]:.4f} not in [0.505, 0.525]")
    if not 0.430 <= a["cv"][("初中", "C5")] <= 0.445:
        problems.append(f"初中 C5 CV {a['cv'][('初中', 'C5')]:.4f} not in [0.430, 0.445]")
    for (stage, c), v in a["cv"].items():
        if (stage, c) not in {("小学", "C6"), ("初中", "C5")} and v > CV_LIMIT[stage] - 0.05:
            problems.append(f"{stage} {c} CV {v:.4f} too close to the limit (keep ≤ limit − 0.05)")
    # Per-school rule.
    fails, one_miss_pass, any_miss = [], [], 0
    for stage, schools in a["stage"].items():
        for code, (row, vals, ok, misses) in schools.items():
            any_miss += bool(misses)
            if not ok:
                fails.append((row["学校名称"], stage))
            elif len(misses) == 1:
                one_miss_pass.append((row["学校名称"], stage))
    if len(fails) < 2:
        problems.append(f"need ≥ 2 schools failing the per-school rule, have {fails}")
    if not one_miss_pass:
        problems.append("need ≥ 1 school passing with exactly one miss ≥ 85%")
    if any_miss < 6:
        problems.append("too few schools with C1–C7 misses")
    if len(a["c10"]) < 2:
        problems.append("need some C10 misses")
    if len(a["c11"]) != 1:
        problems.append(f"need exactly one C11 (size) miss, have {a['c11']}")
    if len(a["c12"]) < 2:
        problems.append(f"need ≥ 2 C12 (class size) misses, have {a['c12']}")
    if len(a["c19"]) != 1:
        problems.append(f"need exactly one C19 miss, have {a['c19']}")
    if problems:
        raise SystemExit("example data does not have the intended properties:\n  " + "\n  ".join(problems))


def report(a):
    print("差异系数 (weighted CV), limit 小学 0.50 / 初中 0.45:")
    for stage in STAGES:
        cells = "  ".join(f"{c} {a['cv'][(stage, c)]:.3f}" for c in CODES)
        print(f"  {stage}: {cells}")
    print("Per-school misses (value / threshold):")
    for stage, schools in a["stage"].items():
        for code, (row, vals, ok, misses) in schools.items():
            if misses:
                text = ", ".join(f"{c} {vals[c]:.2f}/{THRESHOLDS[c][1][stage]} ({r:.0%})" for c, r in misses.items())
                print(f"  {'PASS' if ok else 'FAIL'} {row['学校名称']} {stage}: {text}")
    for key, label in (("c10", "C10"), ("c11", "C11"), ("c12", "C12"), ("c19", "C19")):
        for item in a[key]:
            print(f"  {label}: " + " ".join(str(x) for x in item))


# ---------------------------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------------------------

FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def plain(value):
    """400.0 → 400 (whole 万元 amounts written as integers), everything else unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def write_xlsx(path: Path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "学校基础数据"
    ws.append(COLUMNS)
    for row in rows:
        ws.append([plain(row[c]) for c in COLUMNS])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=1).number_format = "@"          # school codes are text
    for i, col in enumerate(COLUMNS, start=1):
        width = 26 if col == "学校名称" else 13 if col == "学校代码" else 11
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = 42
    ws.freeze_panes = "C2"
    save_fixed(wb, path)


def write_roster_xlsx(path: Path, rows):
    """教职工花名册.xlsx: one row per member of staff (example_roster.COLUMNS)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "教职工花名册"
    columns = example_roster.COLUMNS
    ws.append(columns)
    for row in rows:
        ws.append([row.get(c) for c in columns])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    code_col = columns.index("学校代码") + 1
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=code_col).number_format = "@"
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 13 if col in ("学校代码", "出生年月", "职称") else 10
    ws.freeze_panes = "C2"
    save_fixed(wb, path)


def write_roster_csv(path: Path, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(example_roster.COLUMNS)
    for row in rows:
        writer.writerow([row.get(c, "") for c in example_roster.COLUMNS])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


def save_fixed(wb, path: Path):
    """Fixed document properties and zip entry dates, so the file is byte-identical on every run."""
    stamp = dt.datetime(2025, 1, 1)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = "示例县教育体育局"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


def write_csv(path: Path, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if row[c] is None else plain(row[c]) for c in COLUMNS])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


class Flow(dict):
    """A mapping written on one line: {满意: 1320, 基本满意: 210}."""


class FlowList(list):
    """A short list written on one line: [钱伟, 周强]."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):   # indent list items under their key
        return super().increase_indent(flow, False)


_Dumper.add_representer(Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(),
                                                                   flow_style=True))
_Dumper.add_representer(FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data,
                                                                       flow_style=True))


def ydump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=4096, indent=2)


def yaml_sections(header: str, sections) -> str:
    """A YAML file as a header comment plus top-level sections, each with an optional comment line above it."""
    parts = ["".join(f"# {line}\n" if line else "#\n" for line in header.strip("\n").split("\n"))]
    for comment, key, value in sections:
        text = ydump({key: value})
        parts.append((f"\n# {comment}\n" if comment else "\n") + text)
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# 示例县: dossier.yaml, 指标数据.yaml, 人员.yaml, 工作计划.yaml
# ---------------------------------------------------------------------------------------------------------------

COUNTY_CONFIG = """\
# 示例县：内置示例项目（县级）。单位、人名、数据均为虚构，仅用于演示。
# 本文件由 scripts/make_example_content.py 生成。

单位:
  全称: 示例县人民政府          # 县级项目写县（区）人民政府全称
  简称: 示例县
  级别: 县                      # 县 或 学校
  上级单位: 示例市人民政府
  教育行政部门: 示例县教育体育局
框架: youzhi-2017              # 优质均衡（教督〔2017〕6号）
评估年度: 2025
佐证年度: [2023, 2024, 2025]   # 佐证材料覆盖的年度（近三年）
日期:
  方案印发: 2025-03-10         # 实施方案印发日期
  自评报告: 2025-09-20         # 自评报告成文日期
  汇报: 2025-10-28             # 向督导评估组汇报的日期
  评估: 2025-10-28             # 督导评估组实地评估的日期（整改时限晚于此日期的会被提示）
  整改报告: 2025-10-20         # 整改报告、销号台账的日期
署名: 示例县人民政府            # 文稿落款
档案:
  全宗名称: 示例县教育体育局
  档号: "JY·{年度}-{代码}"      # 档号格式：{年度}{代码}{卷} 会被替换
  保管期限: 永久
  每卷页数上限: 300
  双面: 否
  立卷人: 张明
  检查人: 李华
  立卷时间: 2025-10-30
输出:
  构建时间: 2025-10-30          # 写入 PDF 的固定时间，保证重复构建字节一致
"""

SCHOOL_CONFIG = """\
# 示例学校：内置示例项目（学校级）。单位、人名、数据均为虚构，仅用于演示。
# 本文件由 scripts/make_example_content.py 生成。

单位:
  全称: 示例县第一九年一贯制学校   # 学校项目写学校全称
  简称: 第一九年一贯制学校
  级别: 学校                      # 县 或 学校
  上级单位: 示例县教育体育局
  教育行政部门: 示例县教育体育局
  学校代码: "{code}"          # 本校在学校基础数据表中的代码
框架: youzhi-2017                # 优质均衡（教督〔2017〕6号）
评估年度: 2025
佐证年度: [2023, 2024, 2025]     # 佐证材料覆盖的年度（近三年）
日期:
  方案印发: 2025-03-20           # 学校工作方案印发日期
  自评报告: 2025-09-10           # 自查报告成文日期
  汇报: 2025-10-29               # 向督导评估组汇报的日期
  评估: 2025-10-29               # 实地评估的日期
  整改报告: 2025-10-20           # 整改报告、销号台账的日期
署名: 示例县第一九年一贯制学校    # 文稿落款
档案:
  全宗名称: 示例县第一九年一贯制学校
  档号: "YG·{年度}-{代码}"        # 档号格式：{年度}{代码}{卷} 会被替换
  保管期限: 永久
  每卷页数上限: 200
  双面: 否
  立卷人: 周雪
  检查人: 郭建新
  立卷时间: 2025-10-25
输出:
  构建时间: 2025-10-25            # 写入 PDF 的固定时间，保证重复构建字节一致
"""


def county_facts():
    return [
        ("C13 小规模学校公用经费", "C13", {
            "不足100人学校按100人核定公用经费": "是",
            "说明": "全县不足100人的教学点2所，2023—2025年均按100人核定拨付公用经费",
        }),
        ("C14 特殊教育学校生均公用经费（元）", "C14", {
            "特殊教育学校生均公用经费": 6800,
            "说明": "示例县特殊教育学校2025年预算数",
        }),
        ("C15 教师工资待遇（元/年）", "C15", {
            "教师年平均工资收入": 112300,
            "公务员年平均工资收入": 108600,
            "绩效工资总量足额核定": "是",
        }),
        ("C16 教师培训（%）", "C16", {"教师5年360学时培训完成率": 100}),
        ("C18 教师交流轮岗（%）", "C18", {
            "交流轮岗教师占符合条件教师比例": 12.6,
            "交流轮岗教师中骨干教师比例": 18.5,
            "说明": "2025年交流轮岗教师146人，其中县级及以上骨干教师27人",
        }),
        ("C20 就近划片入学（%）", "C20", {"城区就近划片入学比例": 100, "镇区就近划片入学比例": 97.8}),
        ("C21 优质高中招生名额分配", "C21", {"优质高中招生名额分配比例": 55, "名额分配向农村初中倾斜": "是"}),
        ("C22 留守儿童关爱与随迁子女就学", "C22", {
            "留守儿童关爱体系健全": "是",
            "随迁子女在公办学校和政府购买服务民办学校就读比例": 93.6,
        }),
        ("C23 初中三年巩固率（%）", "C23", {"初中三年巩固率": 97.4}),
        ("C24 残疾儿童少年入学率（%）", "C24", {
            "残疾儿童少年入学率": 96.8,
            "说明": "含随班就读、特殊教育学校就读和送教上门",
        }),
        ("C26 教师培训经费（%）", "C26", {
            "教师培训经费占公用经费预算比例": 4.2,
            "说明": "全县义务教育学校合计，2025年预算数",
        }),
        ("C31 国家义务教育质量监测", "C31", {
            "学业水平达到Ⅲ级以上": "是",
            "校际差异率": 0.12,
            "说明": "2024年国家义务教育质量监测结果",
        }),
    ]


def county_self():
    return [
        ("C8", "达标", "《示例县义务教育学校布局专项规划（2021—2035年）》经县人民政府批准实施，城乡学校布局与人口分布相适应"),
        ("C9", "达标", "县人民政府印发城乡统一的学校建设标准、教职工编制标准、生均公用经费基准定额和基本装备配置标准"),
        ("C17", "达标", "县委编办核定中小学教职工编制总量，县教育体育局按班额、生源等情况统筹分配到校并每年动态调整"),
        ("C25", "达标", "全县义务教育学校均制定章程并经县教育体育局核准，统一使用学籍、资产、教务等管理平台"),
        ("C27", "基本达标", "教师信息技术应用能力提升工程2.0全员培训已完成，部分乡村学校多媒体设备常态化使用仍需加强"),
        ("C28", "达标", "各校德育工作和校园文化建设经县级评估均达到良好以上等次"),
        ("C29", "达标", "各校按国家课程方案开齐开足课程，综合实践活动每周不少于1课时并有记录"),
        ("C30", "达标", "落实作业管理和“双减”要求，书面作业总量控制达标，学生课业负担监测无异常"),
    ]


SURVEY = {  # group: (满意, 基本满意, 不满意)
    "学生": (1286, 268, 146),
    "家长": (1524, 352, 214),
    "教师": (618, 154, 78),
    "校长": (21, 4, 0),
    "人大代表": (36, 8, 4),
    "政协委员": (33, 9, 3),
    "其他群众": (402, 118, 80),
}


def write_county_facts(path: Path, vetoes, leaves):
    # Order by code: county facts and self-assessed indicators interleaved as in the framework.
    entries = {key: (comment, value) for comment, key, value in county_facts()}
    for code, status, basis in county_self():
        entries[code] = (f"{code} {leaves[code]['title']}（自评）", {"状态": status, "依据": basis})
    ordered = sorted(entries, key=lambda k: int(k[1:]))
    out = [(entries[k][0], k, entries[k][1]) for k in ordered]
    out.append(("C32 社会认可度调查：各群体各选项的有效问卷数", "C32",
                {g: Flow(满意=a, 基本满意=b, 不满意=c) for g, (a, b, c) in SURVEY.items()}))
    out.append(("否决项：每项写 是 或 否", "否决项", {title: "否" for title in vetoes}))
    header = """\
示例县 指标数据（虚构，仅用于演示）。本文件由 scripts/make_example_content.py 生成。
县级指标：字段名与指标框架 youzhi-2017 一致，值为数字或 是/否，“说明”可选，写进报告。
自评指标：状态（达标 / 基本达标 / 未达标）和一句依据。
C19 专任教师持证上岗率由学校基础数据表计算，此处不填。"""
    path.write_text(yaml_sections(header, out), encoding="utf-8")


def write_school_facts(path: Path, leaves):
    items = [
        ("C25", "达标", "学校章程于2023年修订并经县教育体育局核准；教务、学籍、资产、家校沟通均使用信息化平台"),
        ("C26", None, {"教师培训经费占公用经费预算比例": 5.6, "说明": "2025年学校公用经费预算中安排教师培训经费"}),
        ("C27", "达标", "教师全员完成信息技术应用能力提升培训，46间网络多媒体教室课堂使用率达95%以上"),
        ("C28", "达标", "学校获评县级德育示范校，校园文化建设经县级评估为良好等次"),
        ("C29", "基本达标", "国家课程开齐开足；初中部综合实践活动记录不够完整，已制定整改措施"),
        ("C30", "达标", "建立作业公示和统筹制度，小学一二年级不布置书面家庭作业，课业负担监测无异常"),
    ]
    out = []
    for code, status, basis in items:
        if status is None:
            out.append((f"{code} 教师培训经费（%）", code, basis))
        else:
            out.append((f"{code} {leaves[code]['title']}（自评）", code, {"状态": status, "依据": basis}))
    header = """\
示例县第一九年一贯制学校 指标数据（虚构，仅用于演示）。本文件由 scripts/make_example_content.py 生成。
学校项目只填本校适用的指标：C25—C30。C1—C7、C10—C12、C19 由学校基础数据表计算。"""
    path.write_text(yaml_sections(header, out), encoding="utf-8")


def team(d):
    """A 工作专班 entry with its name lists on one line each."""
    return {k: FlowList(v) if k in ("副组长", "成员") else v for k, v in d.items()}


def P(name, post, unit=None):
    d = Flow(姓名=name, 职务=post)
    if unit:
        d["单位"] = unit
    return d


def county_people():
    group = {
        "名称": "示例县推进义务教育优质均衡发展工作领导小组",
        "组长": [P("王建国", "县人民政府县长")],
        "副组长": [P("周卫东", "县委副书记"), P("刘芳", "县人民政府副县长")],
        "成员": [
            P("孙海燕", "主任", "县人民政府办公室"),
            P("陈志强", "局长", "县教育体育局"),
            P("吴明辉", "常务副部长", "县委组织部"),
            P("郑晓红", "副部长", "县委宣传部"),
            P("许文军", "主任", "县委编办"),
            P("黄建华", "局长", "县发展改革局"),
            P("林国栋", "局长", "县财政局"),
            P("何丽萍", "局长", "县人社局"),
            P("罗志勇", "局长", "县公安局"),
            P("梁春燕", "局长", "县民政局"),
            P("谢永刚", "局长", "县自然资源局"),
            P("韩东", "局长", "县住房城乡建设局"),
            P("唐晓梅", "局长", "县卫生健康局"),
            P("冯建军", "局长", "县审计局"),
            P("曹文斌", "局长", "县市场监管局"),
            P("邓丽", "主席", "县妇联"),
            P("彭涛", "理事长", "县残联"),
            P("袁伟", "主任", "县融媒体中心"),
        ],
        "办公室": Flow(设在="县教育体育局", 主任="陈志强"),
    }
    teams = [
        {"名称": "资源配置工作专班", "组长": "李红梅", "副组长": ["吴斌"],
         "成员": ["马俊", "周强", "邱建平", "各义务教育学校分管副校长"],
         "职责": [
             "负责C1—C7资源配置指标和C10—C12数据的采集、核对和逐校测算",
             "建立学校办学条件问题清单，提出校舍、场馆、仪器设备、多媒体教室补齐方案",
             "会同县发展改革局、县住房城乡建设局推进学校建设项目",
             "指导学校做好教学仪器设备固定资产登记和专用教室配备",
         ]},
        {"名称": "政府保障工作专班", "组长": "张卫国", "副组长": ["孙丽", "钱伟"],
         "成员": ["许文军", "林晓", "何平", "县财政局教科文股负责人"],
         "职责": [
             "负责C8—C22政府保障程度指标的数据汇总和佐证材料收集",
             "协调县委编办、县财政局、县人社局落实编制、经费和教师工资待遇政策",
             "牵头做好教师交流轮岗、招生入学、随迁子女就学和留守儿童关爱工作",
             "撰写政府保障程度部分自评材料",
         ]},
        {"名称": "教育质量工作专班", "组长": "王晓东", "副组长": ["冯磊"],
         "成员": ["郑芳", "唐敏", "各义务教育学校教务主任"],
         "职责": [
             "负责C23—C31教育质量指标的数据统计和材料整理",
             "组织控辍保学、残疾儿童少年入学安置和国家义务教育质量监测工作",
             "督促学校开齐开足课程、落实作业管理和课后服务要求",
             "指导学校章程建设、德育和校园文化建设",
         ]},
        {"名称": "社会认可度工作专班", "组长": "陈静", "副组长": ["刘洋"],
         "成员": ["宋佳", "县融媒体中心记者1名", "各义务教育学校办公室主任"],
         "职责": [
             "制定社会认可度调查方案，组织学生、家长、教师、校长、人大代表、政协委员及其他群众问卷调查",
             "统计分析调查结果，形成社会认可度调查报告",
             "会同县融媒体中心做好优质均衡发展宣传工作",
         ]},
        {"名称": "档案资料工作专班", "组长": "赵敏", "副组长": ["张明"],
         "成员": ["李华", "杨帆", "各成员单位档案联络员"],
         "职责": [
             "对照32项指标制定佐证材料目录，收集近三年档案资料",
             "指导各成员单位和学校按统一格式整理、装订佐证材料",
             "审核数据和材料，确保上下一致、真实准确",
             "负责申报材料、汇报材料的汇总和迎检资料室布置",
         ]},
    ]
    duties = [
        ("县人民政府办公室", "负责统筹协调各成员单位推进义务教育优质均衡发展工作，督促检查各项工作任务落实情况；在省、市开展督导评估时，负责组织协调迎检工作。"),
        ("县教育体育局", "承担领导小组办公室日常工作，负责制定实施方案和工作计划，分解落实目标任务；负责学校布局规划、办学条件改善、教师队伍建设、教育教学管理等工作的组织实施；负责32项评估指标的数据测算、佐证材料收集整理和自评报告撰写。"),
        ("县委组织部", "将推进义务教育优质均衡发展工作纳入各乡镇和有关部门年度目标责任考核，督促落实党政主要负责人教育工作职责。"),
        ("县委宣传部", "负责统筹推进义务教育优质均衡发展的宣传报道，宣传先进典型和工作成效，营造全社会关心支持教育的良好氛围。"),
        ("县委编办", "负责按照城乡统一的编制标准核定中小学教职工编制，会同县教育体育局做好编制动态调整，杜绝“有编不补”。"),
        ("县发展改革局", "负责将义务教育发展纳入全县国民经济和社会发展规划，做好学校建设项目的立项审批，积极争取上级项目资金支持。"),
        ("县财政局", "负责落实义务教育经费“两个只增不减”，按标准足额拨付生均公用经费和特殊教育学校公用经费，保障学校建设、仪器设备购置和教师培训经费，落实教师工资待遇所需资金。"),
        ("县人社局", "负责落实义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平，足额核定绩效工资总量；会同县教育体育局做好教师招聘、岗位设置和职称评聘工作。"),
        ("县公安局", "负责提供适龄儿童少年户籍信息，配合做好控辍保学和划片招生工作；加强校园及周边治安管理和交通安全管理，维护学校安全稳定。"),
        ("县民政局", "负责健全农村留守儿童和困境儿童关爱服务体系，落实困难家庭学生社会救助政策。"),
        ("县自然资源局", "负责在国土空间规划中预留义务教育学校建设用地，保障学校新建、改扩建项目用地需求。"),
        ("县住房城乡建设局", "负责学校建设工程的质量安全监督，落实城镇新建住宅小区配套学校建设要求。"),
        ("县卫生健康局", "负责指导学校卫生和健康教育工作，做好学生常见病防控和体质健康监测，监督学校食品和饮用水卫生。"),
        ("县审计局", "负责对义务教育经费和专项资金的拨付、使用情况进行审计监督。"),
        ("县市场监管局", "负责学校食堂和校园周边食品安全监督管理，依法查处违规校外培训和虚假招生广告。"),
        ("县妇联、县残联", "负责关爱留守儿童、困境儿童，配合做好残疾儿童少年入学安置和送教上门工作。"),
        ("各乡镇人民政府", "负责组织动员辖区适龄儿童少年按时入学，落实控辍保学责任；协助改善学校办学条件，做好学校周边环境综合治理。"),
    ]
    return [
        ("领导小组：组长、副组长、成员及办公室", "领导小组", group),
        ("工作专班：领导小组下设五个工作专班", "工作专班", [team(t) for t in teams]),
        ("部门职责：写入实施方案", "部门职责", [{"部门": d, "职责": t} for d, t in duties]),
        ("迎检：陪检人员、汇报人、档案室、路线、问卷组织和分组（写入迎检实施方案）", "迎检", {
            "陪检": [Flow(姓名="刘芳", 职务="县人民政府副县长", 分工="全程陪同评估组，负责迎检总协调"),
                   Flow(姓名="陈志强", 职务="县教育体育局局长", 分工="陪同实地核查，解答评估组询问"),
                   Flow(姓名="孙海燕", 职务="县人民政府办公室主任", 分工="负责评估组接待和会务保障")],
            "汇报人": "王建国",
            "档案室": "县教育体育局三楼档案资料室",
            "路线": FlowList(["示例县第一小学", "示例县第二中学", "青石镇中心小学", "清溪乡中学",
                           "大坪乡九年一贯制学校"]),
            "问卷组织": "县教育体育局督导室会同县统计局",
            "分组": [
                team({"名称": "综合协调组", "组长": "孙海燕", "副组长": ["吴斌"], "成员": ["各乡镇分管领导"],
                      "职责": ["负责迎检总体安排、日程衔接和评估组接待", "协调各乡镇、各成员单位按时到位"]}),
                team({"名称": "汇报材料组", "组长": "陈志强", "副组长": ["张卫国"], "成员": ["赵敏", "张明"],
                      "职责": ["准备汇报材料和汇报用数据，回答评估组询问", "核对各类材料中的数据，确保上下一致"]}),
                team({"名称": "实地核查组", "组长": "李红梅", "副组长": ["王晓东"], "成员": ["各义务教育学校校长"],
                      "职责": ["按迎检路线做好学校实地查看准备", "校长介绍学校办学情况，展示专用教室和设施设备使用"]}),
                team({"名称": "档案资料组", "组长": "赵敏", "副组长": ["张明"], "成员": ["李华", "杨帆"],
                      "职责": ["布置档案资料室，按指标分类摆放佐证材料", "安排专人值守，按评估组要求调阅材料"]}),
                team({"名称": "问卷调查组", "组长": "陈静", "副组长": ["刘洋"], "成员": ["宋佳"],
                      "职责": ["配合评估组组织满意度问卷调查和座谈", "做好调查对象的通知和现场组织"]}),
            ],
        }),
    ]


def school_people():
    group = {
        "名称": "示例县第一九年一贯制学校义务教育优质均衡发展工作领导小组",
        "组长": [P("郭建新", "校长")],
        "副组长": [P("沈红", "党支部书记"), P("范立军", "副校长（分管教学）"), P("钟慧", "副校长（分管后勤）")],
        "成员": [
            P("周雪", "办公室主任"),
            P("潘振宇", "小学部教务主任"),
            P("蒋玲", "初中部教务主任"),
            P("陆海波", "德育处主任"),
            P("叶志明", "总务处主任"),
            P("田甜", "信息中心主任"),
            P("严明", "小学部年级组长"),
            P("程静", "初中部年级组长"),
        ],
        "办公室": Flow(设在="学校办公室", 主任="周雪"),
    }
    teams = [
        {"名称": "办学条件工作专班", "组长": "钟慧", "副组长": ["叶志明"], "成员": ["田甜", "孔丽"],
         "职责": [
             "核实校舍、运动场馆、教学仪器设备和网络多媒体教室数据，填报学校基础数据表",
             "建立专用教室、仪器设备、图书管理台账，提高使用率",
             "制定初中部体育运动场馆面积不足的整改方案",
         ]},
        {"名称": "教育教学工作专班", "组长": "范立军", "副组长": ["潘振宇", "蒋玲"], "成员": ["陆海波", "严明", "程静"],
         "职责": [
             "落实课程计划，开齐开足国家课程，规范综合实践活动记录",
             "统筹作业管理和课后服务，落实“双减”要求",
             "组织教师信息技术应用培训和校本研修",
             "做好德育工作和校园文化建设",
         ]},
        {"名称": "档案资料工作专班", "组长": "沈红", "副组长": ["周雪"], "成员": ["田甜", "姚佳"],
         "职责": [
             "对照评估指标收集整理近三年学校档案资料",
             "组织学生、家长、教师满意度问卷调查",
             "撰写学校自查报告和汇报材料",
         ]},
    ]
    duties = [
        ("学校办公室", "负责领导小组日常工作，统筹协调各专班工作，撰写工作方案、自查报告和汇报材料。"),
        ("教务处", "负责课程设置、教学常规管理、教师培训和质量监测，提供教育质量相关数据和材料。"),
        ("德育处", "负责德育工作、校园文化建设、留守儿童关爱和家校共育工作。"),
        ("总务处", "负责校舍、场馆、设施设备和经费管理，提供办学条件相关数据和材料。"),
        ("信息中心", "负责信息化设备管理和运维，支持教师信息化教学，提供信息化应用数据。"),
    ]
    return [
        ("领导小组：校长任组长", "领导小组", group),
        ("工作专班：领导小组下设三个工作专班", "工作专班", [team(t) for t in teams]),
        ("处室职责", "部门职责", [{"部门": d, "职责": t} for d, t in duties]),
    ]


def county_plan():
    rows = [
        ("一、解读评估指标，熟悉标准要求", "2025年3月",
         "组织召开义务教育优质均衡发展指标解读会，学习教督〔2017〕6号文件，熟悉32项评估指标的内容、标准和要求，分析全县存在的问题和不足。",
         "县教育体育局", "各义务教育学校"),
        ("二、制定实施方案，明确部门职责", "2025年3月",
         "制定印发《示例县推进义务教育优质均衡发展工作实施方案》，调整充实领导小组，召开动员大会，分解目标任务，明确各成员单位和学校职责。",
         "县人民政府办公室", "县教育体育局、各成员单位"),
        ("三、开展自查自评，建立问题清单", "2025年4月至5月",
         "各学校对照评估标准全面自查，通过实地测量、盘点固定资产、查阅教师档案等方式摸清底数，做到校校清、项项清；县教育体育局逐校测算指标，形成问题清单和整改措施。",
         "县教育体育局", "各义务教育学校"),
        ("四、建立工作台账，收集档案资料", "2025年5月至9月",
         "围绕资源配置、政府保障程度、教育质量、社会认可度四方面32项指标，收集整理近三年档案资料，建立“一校一档”和数据信息库，确保上下一致。",
         "县教育体育局", "各成员单位、各义务教育学校"),
        ("五、做好国家义务教育质量监测", "2025年5月",
         "组织参加2025年国家义务教育质量监测，做好监测结果分析运用，缩小校际差异。",
         "县教育体育局", "各义务教育学校"),
        ("六、开展社会认可度调查", "2025年6月",
         "组织学生、家长、教师、校长、人大代表、政协委员及其他群众开展社会认可度问卷调查，统计分析调查结果；多渠道宣传优质均衡发展工作成效。",
         "县教育体育局、县融媒体中心", "各乡镇人民政府、各义务教育学校"),
        ("七、阶段总结，查缺补漏", "2025年7月至9月",
         "召开阶段推进会，总结前期工作，对照问题清单督促整改；撰写自评报告，审核申报材料的准确性和一致性。",
         "县教育体育局", "各成员单位、各义务教育学校"),
        ("八、迎接市级、省级督导评估", "2025年10月至12月",
         "做好汇报材料、佐证材料和实地核查准备，迎接市级、省级督导评估；对评估反馈问题认真整改，巩固提升优质均衡发展成果。",
         "县人民政府办公室、县教育体育局", "各成员单位、各乡镇人民政府、各义务教育学校"),
    ]
    keys = ("目标任务", "完成时间", "工作措施", "牵头单位", "责任单位")
    return [dict(zip(keys, r)) for r in rows]


def write_people(path: Path, header: str, sections):
    path.write_text(yaml_sections(header, sections), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Framework cross-check
# ---------------------------------------------------------------------------------------------------------------

def load_framework():
    fw = yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))
    leaves = {}
    for area in fw["areas"]:
        for node in area["children"]:
            leaves[node["code"]] = node
    return fw, leaves


def check_facts(leaves, facts_path: Path, county: bool):
    """Field names match the framework, every county fact is there, and exactly two county facts miss."""
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    misses = []
    for code, node in leaves.items():
        ev = node["evaluate"]
        if ev["type"] == "facts" and (county or ev.get("scope") == "both"):
            assert code in data, f"{facts_path.name}: missing {code}"
            names = {f["name"] for f in ev["fields"]}
            extra = set(data[code]) - names - {"说明"}
            assert not extra, f"{code}: unknown fields {extra}"
            for f in ev["fields"]:
                assert f["name"] in data[code], f"{code}: missing field {f['name']}"
                v = data[code][f["name"]]
                if "expect" in f and v != f["expect"]:
                    misses.append((code, f["name"]))
                if "op" in f:
                    ref = f["value"] if "value" in f else data[code][f["ref"]]
                    ok = {">=": v >= ref, ">": v > ref, "<=": v <= ref, "<": v < ref, "==": v == ref}[f["op"]]
                    if not ok:
                        misses.append((code, f["name"]))
        elif ev["type"] == "self" and (county or ev.get("scope") == "both"):
            assert data[code]["状态"] in ("达标", "基本达标", "未达标") and data[code]["依据"], code
    if county:
        assert "C19" not in data
        assert len(misses) == 2, misses
        statuses = [data[c]["状态"] for c in data if isinstance(data[c], dict) and "状态" in data[c]]
        assert statuses.count("基本达标") == 1, statuses
    else:
        assert set(data) == {"C25", "C26", "C27", "C28", "C29", "C30"}, set(data)
    return misses


def survey_rate():
    fav = sum(a + b for a, b, _ in SURVEY.values())
    total = sum(sum(v) for v in SURVEY.values())
    return fav / total


# ---------------------------------------------------------------------------------------------------------------

def main(argv):
    check_table(SCHOOLS)
    a = analyse(SCHOOLS)
    report(a)
    check_properties(a)
    rate = survey_rate()
    print(f"C32 社会认可度 (pooled): {rate:.1%}")
    assert 0.88 <= rate <= 0.92, rate
    if "--check-only" in argv:
        return
    fw, leaves = load_framework()
    vetoes = [v["title"] for v in fw["vetoes"]]

    COUNTY_DIR.mkdir(parents=True, exist_ok=True)
    (COUNTY_DIR / "dossier.yaml").write_text(COUNTY_CONFIG, encoding="utf-8")
    write_xlsx(COUNTY_DIR / "学校基础数据.xlsx", SCHOOLS)
    history = example_history.tables(SCHOOLS)
    (COUNTY_DIR / "学校基础数据").mkdir(exist_ok=True)
    for year, rows in history.items():
        write_xlsx(COUNTY_DIR / "学校基础数据" / f"{year}.xlsx", rows)
    avoid = ydump(county_people()) + ydump(school_people()) + COUNTY_CONFIG + SCHOOL_CONFIG
    roster = example_roster.roster_rows(SCHOOLS, avoid=avoid)
    write_roster_xlsx(COUNTY_DIR / "教职工花名册.xlsx", roster)
    (COUNTY_DIR / "主要工作.yaml").write_text(example_history.county_work(SCHOOLS), encoding="utf-8")
    write_county_facts(COUNTY_DIR / "指标数据.yaml", vetoes, leaves)
    write_people(COUNTY_DIR / "人员.yaml",
                 "示例县 人员（虚构，仅用于演示）。本文件由 scripts/make_example_content.py 生成。", county_people())
    (COUNTY_DIR / "整改进展.yaml").write_text(example_progress.COUNTY, encoding="utf-8")
    (COUNTY_DIR / "工作计划.yaml").write_text(yaml_sections(
        "示例县 工作计划表中自定的行（虚构）。本文件由 scripts/make_example_content.py 生成。\n"
        "每行：目标任务、完成时间、工作措施、牵头单位、责任单位。",
        [(None, "工作计划", county_plan())]), encoding="utf-8")

    SCHOOL_DIR.mkdir(parents=True, exist_ok=True)
    row = next(r for r in SCHOOLS if r["学校代码"] == EXAMPLE_SCHOOL_CODE)
    (SCHOOL_DIR / "dossier.yaml").write_text(SCHOOL_CONFIG.replace("{code}", EXAMPLE_SCHOOL_CODE), encoding="utf-8")
    write_csv(SCHOOL_DIR / "学校基础数据.csv", [row])
    (SCHOOL_DIR / "学校基础数据").mkdir(exist_ok=True)
    for year, rows in history.items():
        write_csv(SCHOOL_DIR / "学校基础数据" / f"{year}.csv", [r for r in rows if r["学校代码"] == EXAMPLE_SCHOOL_CODE])
    write_roster_csv(SCHOOL_DIR / "教职工花名册.csv", [r for r in roster if r["学校代码"] == EXAMPLE_SCHOOL_CODE])
    (SCHOOL_DIR / "主要工作.yaml").write_text(example_history.SCHOOL_WORK, encoding="utf-8")
    write_school_facts(SCHOOL_DIR / "指标数据.yaml", leaves)
    (SCHOOL_DIR / "整改进展.yaml").write_text(example_progress.SCHOOL, encoding="utf-8")
    write_people(SCHOOL_DIR / "人员.yaml",
                 "示例县第一九年一贯制学校 人员（虚构，仅用于演示）。本文件由 scripts/make_example_content.py 生成。",
                 school_people())

    misses = check_facts(leaves, COUNTY_DIR / "指标数据.yaml", county=True)
    check_facts(leaves, SCHOOL_DIR / "指标数据.yaml", county=False)
    print("county facts that miss:", ", ".join(f"{c} {n}" for c, n in misses))
    for path in sorted(COUNTY_DIR.iterdir()) + sorted(SCHOOL_DIR.iterdir()):
        if path.is_dir():
            continue
        print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])

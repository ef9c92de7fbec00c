"""Paths, shared constants, small helpers, the data-file loader and the example projects' school data.

Owns: where things are (repo root, the two example projects, the framework, the data folder), the
units and years read from ``data/common.yaml``, the seeded random generator, date and number
formatting, loading and filling the YAML texts (``texts``, ``fill``), the ``School`` table with its
fallback, and ``Ctx``, the context every leaf generator receives.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import random
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from dossier.core import fonts  # noqa: E402,F401 - sets the font paths the generators use

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTY_DIR = ROOT / "content" / "示例县"
SCHOOL_DIR = ROOT / "content" / "示例学校"
FRAMEWORK = ROOT / "dossier" / "config" / "frameworks" / "youzhi-2017.yaml"


@lru_cache(maxsize=None)
def texts(name: str) -> dict:
    """The parsed data file ``data/<name>.yaml`` (cached; treat it as read-only)."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def fill(obj, v: dict | None = None):
    """Fill the ``{name}`` placeholders of every string in a data structure from ``v``."""
    if isinstance(obj, str):
        return obj.format_map(v) if v is not None else obj
    if isinstance(obj, list):
        return [fill(x, v) for x in obj]
    if isinstance(obj, dict):
        return {k: fill(x, v) for k, x in obj.items()}
    return obj


COMMON = texts("common")
UNITS = COMMON["单位"]
BUREAU = UNITS["教育局"]
GOV = UNITS["政府"]
GOV_OFFICE = UNITS["政府办"]
FINANCE = UNITS["财政局"]
HRSS = UNITS["人社局"]
BIANBAN = UNITS["编办"]
YEARS = tuple(COMMON["年度"])

# Expected evidence items deliberately left without a document (reported by the coverage check).
MISSING = COMMON["缺失佐证"]


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


def dated(date: dt.date, docno: str, name: str) -> str:
    """The usual evidence file name: 日期_文号_题名.pdf."""
    return f"{ymd(date)}_{docno}_{name}.pdf"


def phone(r: random.Random) -> str:
    return f"{r.randint(6120000, 6189999)}"


def contact(r: random.Random, dept: str, name: str) -> str:
    return COMMON["联系人"].format(dept=dept, name=name, phone=phone(r))


# ---------------------------------------------------------------------------------------------
# Data from the example projects (with fallbacks)
# ---------------------------------------------------------------------------------------------

NUM_COLS = ["小学在校生数", "初中在校生数", "高中在校生数", "小学班级数", "初中班级数", "小学最大班额",
            "初中最大班额", "小学高于规定学历教师数", "初中高于规定学历教师数", "小学县级及以上骨干教师数",
            "初中县级及以上骨干教师数", "小学体育艺术专任教师数", "初中体育艺术专任教师数", "教学及辅助用房面积",
            "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数", "音乐专用教室数", "音乐专用教室面积",
            "美术专用教室数", "美术专用教室面积", "专任教师数", "持证专任教师数", "计算机台数", "图书册数",
            "中级及以上职称教师数"]


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


def _fallback_row(name: str, kind: str, area: str) -> dict:
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


def _read_rows(project: Path) -> list[dict]:
    xlsx, csvf = project / "学校基础数据.xlsx", project / "学校基础数据.csv"
    rows: list[dict] = []
    if xlsx.is_file():
        import openpyxl
        wb = openpyxl.load_workbook(xlsx, data_only=True, read_only=True)
        it = wb.worksheets[0].iter_rows(values_only=True)
        head = [str(h).strip() if h is not None else "" for h in next(it)]
        for r in it:
            if r and r[0] not in (None, ""):
                rows.append(dict(zip(head, r)))
        wb.close()
    elif csvf.is_file():
        with open(csvf, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    return rows


def load_schools(project: Path) -> list[School]:
    schools = []
    for r in _read_rows(project):
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
    return [School(f"53012300{i + 1:02d}", n, k, a, _fallback_row(n, k, a))
            for i, (n, k, a) in enumerate(COMMON["备用学校"])]


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
    county: "Ctx | None" = None   # the county's context (for the example school, which files county documents)

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

    def fact(self, code: str, name: str, default):
        v = deep_get(self.facts, code, name)
        return default if v is None else v

"""Render drafts: 实施方案, 自评（自查）报告, 工作计划, 领导小组名单, 工作专班, 汇报材料, 问题清单.

Every draft is a template filled from one shared context built here from the `Context` (facts and the computed
`Evaluation`; no figure is recomputed): the unit, dates written the Chinese way (2025年3月10日), figures with
thousands separators (4,520.5平方米, 93.2%, 12.4万元), the areas with their indicators and results, per-school
tables of the school-rule indicators, the 差异系数 table, the gap list grouped by indicator into work-plan rows
("解决4所小学生均教学仪器设备值不达标问题"), the implementation phases and the people.

Templates: `templates/docx/<kind>.docx` (docxtpl) and `templates/md/<kind>.md.j2` (Jinja2 → Markdown), bundled
with the package; a file of the same name in the project's `templates/` folder (or `templates/docx/`,
`templates/md/`) overrides the bundled one. Both render in a Jinja2 sandbox with StrictUndefined: an undefined
name or a syntax error is a `DossierError` naming the template file and the line (Markdown) or paragraph (.docx).

Output is reproducible: .docx core properties and zip timestamps come from `project.build_time()`, charts are
PNGs without dates, and nothing random is written.
"""
from __future__ import annotations

import calendar
import datetime as dt
import importlib.resources
import re
import tempfile
import traceback
from pathlib import Path
from typing import Any, Iterable

from dossier.drafts import docxlayout as L
from dossier.core.errors import DossierError, Problem
from dossier.core.numerals import fmt_num
from dossier.compute.model import (STATUS_MET, STATUS_MISSED, STATUS_MISSING, STATUS_NA, STATUS_PARTLY, Gap,
                    IndicatorResult)

KINDS = ["实施方案", "自评报告", "工作计划", "领导小组名单", "工作专班", "汇报材料", "问题清单"]
ALIASES = {"自查报告": "自评报告", "方案": "实施方案", "计划": "工作计划", "名单": "领导小组名单",
           "领导小组": "领导小组名单", "专班": "工作专班", "汇报": "汇报材料", "问题": "问题清单"}
FORMATS = ("docx", "md")
CHART_DIR = "图表"

# which 日期 entry dates each kind's signature (first found wins)
KIND_DATES = {
    "实施方案": ("方案印发",),
    "自评报告": ("自评报告", "自查报告"),
    "工作计划": ("工作计划", "方案印发"),
    "领导小组名单": ("方案印发",),
    "工作专班": ("方案印发",),
    "汇报材料": ("汇报", "汇报材料", "自评报告"),
    "问题清单": ("问题清单", "自评报告"),
}


# ==== kinds and names ================================================================================================
def normalize_kind(kind: str) -> str:
    k = str(kind).strip()
    k = ALIASES.get(k, k)
    if k not in KINDS:
        raise DossierError(Problem(f"未知的文稿种类“{kind}”",
                                   hint="可用：" + "、".join(KINDS[:1] + ["自评报告（学校为自查报告）"] + KINDS[2:])))
    return k


def kind_label(kind: str, level: str) -> str:
    """The kind as the document names itself: a school's 自评报告 is a 自查报告."""
    kind = normalize_kind(kind)
    if kind == "自评报告" and level == "school":
        return "自查报告"
    return kind


def _fw_kind(ctx) -> str:
    """优质均衡 or 基本均衡, as the titles say it: from the framework's kind, else its title."""
    kind = ctx.framework.kind or ""
    if kind.endswith("均衡"):
        return kind
    for word in ("优质均衡", "基本均衡"):
        if word in (ctx.framework.title or ""):
            return word
    return "优质均衡"


def file_stem(ctx, kind: str) -> str:
    """`<单位简称>义务教育<优质均衡>发展<文种>`, e.g. 示例县义务教育优质均衡发展自评报告."""
    return f"{ctx.project.short_name}义务教育{_fw_kind(ctx)}发展{kind_label(kind, ctx.project.level)}"


def file_name(ctx, kind: str, fmt: str) -> str:
    return f"{file_stem(ctx, kind)}.{fmt}"


# ==== Chinese formatting =============================================================================================
def fmt_int(x: Any) -> str:
    return fmt_num(x, 0)


def fmt_auto(x: Any) -> str:
    """A figure shown without a fixed precision: 0.517, 5.14, 1,932, 12.4."""
    if x is None or isinstance(x, str):
        return "" if x is None else x
    ax = abs(float(x))
    if ax < 1:
        return fmt_num(x, 3, strip=True)
    if ax < 100:
        return fmt_num(x, 2, strip=True)
    return fmt_num(x, 1, strip=True)


def fmt_pct(x: Any, decimals: int = 1) -> str:
    """93.2 → "93.2%" (x is already a percentage)."""
    if x is None:
        return ""
    return f"{fmt_num(x, decimals, strip=True)}%"


def fmt_wan(x: Any) -> str:
    """An amount already in 万元: 12.4万元; an amount that one decimal would show as 0.0 keeps two (0.04万元)."""
    if x is None:
        return ""
    decimals = 2 if x and abs(float(x)) < 0.05 else 1
    return f"{fmt_num(x, decimals)}万元"


def fmt_count_wan(x: Any, unit: str) -> str:
    """A count in 万 with the unit: 69,800册 → 6.98万册 (two decimals, trailing zeros dropped, so that the figure
    is not rounded to 7万); a count under 10,000 stays whole: 8,500册."""
    if x is None or x == "" or not float(x):
        return ""
    x = float(x)
    if abs(x) < 10000:
        return f"{fmt_num(x, 0)}{unit}"
    return f"{fmt_num(x / 10000, 2, strip=True)}万{unit}"


def fmt_area(x: Any) -> str:
    return "" if x is None else f"{fmt_num(x, 1, strip=True)}平方米"


def fmt_date(d: dt.date | None) -> str:
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_month(d: dt.date) -> str:
    return f"{d.year}年{d.month}月"


def fmt_month_range(a: dt.date, b: dt.date) -> str:
    if (a.year, a.month) == (b.year, b.month):
        return fmt_month(a)
    if a.year == b.year:
        return f"{a.year}年{a.month}月—{b.month}月"
    return f"{fmt_month(a)}—{fmt_month(b)}"


def fmt_value(value: float | None, threshold: float | None, met: bool | None, unit: str = "") -> str:
    """An indicator value rounded for a table: whole 元 for money, two decimals otherwise; never rounded so that a
    miss would look like a pass (more decimals are shown until the rounded figure is on the right side)."""
    if value is None:
        return "未填报"
    ref = threshold if threshold is not None else value
    decimals = 0 if unit == "元" or abs(ref) >= 100 else 2
    if met is False and threshold is not None:
        below = value < threshold
        while decimals < 4:
            r = round(value, decimals)
            if (below and r < threshold) or (not below and r > threshold):
                break
            decimals += 1
    return fmt_num(value, decimals)


def fmt_threshold(x: float | None) -> str:
    return "" if x is None else fmt_num(x, 2, strip=True)


def join_cn(items: Iterable[str], sep: str = "、") -> str:
    return sep.join(str(i) for i in items if i not in (None, ""))


# ==== template helpers ===============================================================================================
class Numbering:
    """Section numbers for templates: {{ num.h1() }} → 一、, {{ num.h2() }} → （一）, h3 → 1., h4 → （1）; a
    higher level resets the levels below it."""

    def __init__(self):
        self.counts = [0, 0, 0, 0]

    def _next(self, level: int) -> str:
        self.counts[level - 1] += 1
        for i in range(level, 4):
            self.counts[i] = 0
        return L.heading_number(level, self.counts[level - 1])

    def h1(self) -> str:
        return self._next(1)

    def h2(self) -> str:
        return self._next(2)

    def h3(self) -> str:
        return self._next(3)

    def h4(self) -> str:
        return self._next(4)

    def current(self, level: int = 1) -> int:
        return self.counts[level - 1]


class Counter:
    """A plain counter for tables and figures: {{ tables.next() }} → 1, 2, 3…"""

    def __init__(self):
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


# ==== the shared context =============================================================================================
def _unit_words(ctx) -> dict:
    p = ctx.project
    if p.level == "school":
        return {"we": "我校", "whole": "全校", "word": "校"}
    short = p.short_name or ""
    word = short[-1] if short and short[-1] in "县区市旗" else "县"
    return {"we": f"我{word}", "whole": f"全{word}", "word": word}


def _date_or(ctx, keys: Iterable[str]) -> dt.date | None:
    for key in keys:
        d = ctx.project.date(key)
        if d is not None:
            return d
    return None


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def _month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _units_of(leaf) -> str:
    if leaf is None:
        return ""
    ev = leaf.evaluate or {}
    if ev.get("unit"):
        return str(ev["unit"])
    if ev.get("type") == "share":
        return "%"
    gap = ev.get("gap") or {}
    return str(gap.get("unit", "") or "")


SHORT_TITLES = {
    "每百名学生拥有高于规定学历教师数": "高于规定学历教师",
    "每百名学生拥有县级及以上骨干教师数": "骨干教师",
    "每百名学生拥有体育、艺术（美术、音乐）专任教师数": "体育艺术教师",
    "生均教学及辅助用房面积": "教学辅助用房",
    "生均体育运动场馆面积": "体育场馆",
    "生均教学仪器设备值": "仪器设备值",
    "每百名学生拥有网络多媒体教室数": "多媒体教室",
    "音乐、美术专用教室配备": "音美专用教室",
    "学校规模": "学校规模",
    "班额": "最大班额",
    "专任教师持证上岗率": "持证上岗率",
}


def _short_title(title: str) -> str:
    if title in SHORT_TITLES:
        return SHORT_TITLES[title]
    t = re.sub(r"^(每百名学生拥有|生均)", "", title)
    t = re.sub(r"[（(].*?[)）]", "", t)
    return t[:8]


def _rule_codes(ctx) -> list[str]:
    rule = ctx.framework.settings.get("school_rule") or {}
    codes = list(rule.get("indicators") or [])
    if not codes:
        codes = [leaf.code for leaf in ctx.framework.leaves() if leaf.type == "cv"]
    if not codes:
        codes = [leaf.code for leaf in ctx.framework.leaves() if leaf.type == "ratio"]
    return codes


def _rule_text(ctx) -> str:
    rule = ctx.framework.settings.get("school_rule") or {}
    codes = rule.get("indicators") or []
    if not codes:
        return ""
    floor = rule.get("floor_ratio")
    floor_text = f"、其余指标不低于要求的{fmt_num(float(floor) * 100, 0)}%" if floor else ""
    return f"{len(codes)}项指标中至少{rule.get('min_met', len(codes))}项达到要求{floor_text}"


def _stage_of_school_type(t: str) -> set[str]:
    if t in ("小学", "教学点"):
        return {"小学"}
    if t in ("初中", "完全中学"):
        return {"初中"}
    return {"小学", "初中"}


def _stage_word(stages: set[str]) -> str:
    if stages == {"小学"}:
        return "小学"
    if stages == {"初中"}:
        return "初中"
    return "中小学"


def _cell(value, threshold, met, unit) -> dict:
    return {"text": fmt_value(value, threshold, met, unit), "met": met,
            "missed": met is False, "value": value}


# The measures that close a gap, by words in the indicator's title (first match wins). {schools} and {total} are
# filled in; prose a user may rewrite in the draft.
MEASURES: list[tuple[tuple[str, ...], str]] = [
    (("高于规定学历",), "通过公开招聘补充、在职教师学历提升和县域内统筹调配等方式，为{schools}补足高于规定学历教师{total}。"),
    (("骨干教师",), "通过骨干教师评选认定、骨干教师交流轮岗和名师工作室结对培养等方式，为{schools}增加县级及以上骨干教师{total}。"),
    (("体育、艺术", "体育艺术"), "通过公开招聘、“县管校聘”统筹调配和音体美教师走教等方式，为{schools}配足体育、艺术专任教师{total}。"),
    (("教学及辅助用房",), "通过新建、改扩建和闲置校舍调整使用等方式，补足{schools}教学及辅助用房面积{total}。"),
    (("体育运动场馆",), "通过新建、改扩建运动场地和共享周边公共体育设施等方式，补足{schools}体育运动场馆面积{total}。"),
    (("教学仪器设备",), "通过盘点固定资产、新资产及时入账、县域内调配和新增采购等方式，补齐{schools}教学仪器设备值{total}。"),
    (("多媒体教室",), "通过新建和改造网络多媒体教室，为{schools}增配网络多媒体教室{total}。"),
    (("专用教室",), "通过调整使用、改造和扩建等方式，确保{schools}音乐、美术专用教室数量和面积达到标准。"),
    (("学校规模",), "通过优化学区划分、合理分流新生和新建扩建学校等方式，将{schools}在校生规模控制在标准以内。"),
    (("班额",), "通过严格按标准班额招生、增设教学班和合理分流等方式，消除{schools}超标准班额。"),
    (("持证", "教师资格"), "组织{schools}未取得教师资格证的专任教师参加资格考试和认定，限期取得教师资格，期间不得单独承担教学任务。"),
    (("交流轮岗",), "完善教师交流轮岗办法，扩大交流轮岗规模，提高县级及以上骨干教师在交流轮岗教师中的比例。"),
    (("培训经费",), "督促各校按不低于年度公用经费预算总额5%的标准安排教师培训经费，财政、教育部门加强预算审核和执行监督。"),
    (("公用经费",), "按标准核定并足额拨付公用经费，加强经费拨付和使用情况的监督检查。"),
    (("工资",), "落实教师工资待遇保障机制，确保义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平。"),
    (("培训",), "制定教师培训计划，组织未完成学时的教师参加培训，确保按期完成培训任务。"),
    (("入学", "巩固"), "落实控辍保学和入学保障责任，逐人建立台账，确保应入尽入、应保尽保。"),
    (("认可度", "满意度"), "加强政策宣传和家校沟通，回应群众关切，切实提高社会认可度。"),
]
MEASURE_DEFAULT = "对照“{title}”评估标准，逐项制定整改方案，明确责任和时限，确保按期达到要求。"


def _measure(title: str, schools: str, total: str) -> str:
    for words, text in MEASURES:
        if any(w in title for w in words):
            return text.format(schools=schools or "相关学校", total=total, title=title)
    return MEASURE_DEFAULT.format(schools=schools, total=total, title=title)


PHASES = [
    ("动员部署阶段", [
        "学习文件，统一思想。组织学习{basis}，准确把握评估指标的内容、标准和要求。",
        "成立机构，制定方案。调整充实{lg}，制定印发实施方案，召开动员会议，分解目标任务，明确责任分工。",
    ]),
    ("自查自评阶段", [
        "全面自查，摸清底数。{who}对照评估标准，通过实地测量、盘点固定资产、查阅教师档案等方式开展自查，做到底数清、情况明。",
        "测算指标，建立清单。{calc}，梳理存在问题，形成问题清单和整改台账。",
    ]),
    ("整改提升阶段", [
        "对账销号，补齐短板。按照问题清单和工作计划，逐项落实整改措施，整改一项、销号一项。",
        "督查推进，查漏补缺。开展过程督导和专项督查，定期通报进展，确保整改任务按期完成。",
    ]),
    ("{report_phase}", [
        "全面{assess}，撰写报告。对照全部评估指标开展{assess}，撰写{report}，审核数据的准确性和一致性。",
        "整理材料，{apply}。按指标分类整理近三年佐证材料，装订成册，{apply_text}。",
    ]),
    ("迎检评估阶段", [
        "做好迎检准备。完善汇报材料、佐证材料和实地核查准备，迎接{levels}督导评估。",
        "巩固提升成果。对评估反馈问题认真整改，建立长效机制，巩固义务教育{kind}发展成果。",
    ]),
]


def _phases(ctx, lg_name: str) -> list[dict]:
    """实施步骤: from dossier.yaml's 实施步骤 when given, else dated from 方案印发 and 自评报告."""
    p = ctx.project
    given = p.get("实施步骤")
    if isinstance(given, list) and given:
        out = []
        for item in given:
            if not isinstance(item, dict):
                continue
            tasks = item.get("任务") or item.get("内容") or []
            if isinstance(tasks, str):
                tasks = [tasks]
            when = item.get("时间") or ""
            if not when and item.get("开始") and item.get("结束"):
                from dossier.config.project import parse_date
                a = parse_date(item["开始"], p.config_file, p.line("实施步骤"))
                b = parse_date(item["结束"], p.config_file, p.line("实施步骤"))
                when = fmt_month_range(a, b)
            out.append({"name": str(item.get("阶段") or item.get("名称") or ""), "when": str(when),
                        "tasks": [str(t) for t in tasks]})
        return out
    start = _date_or(ctx, ("方案印发",)) or dt.date(p.year, 3, 1)
    report = _date_or(ctx, ("自评报告", "自查报告")) or _add_months(start, 6)
    start = start.replace(day=1)
    report = report.replace(day=1)
    if report <= start:
        report = _add_months(start, 4)
    months = (report.year - start.year) * 12 + report.month - start.month   # months between, ≥ 1
    self_end = _add_months(start, max(1, min(2, months - 2)))
    if months <= 2:
        self_end = _add_months(start, 1) if months == 2 else start
    spans = [(start, start)]
    if months >= 2:
        spans.append((_add_months(start, 1), self_end))
    else:
        spans.append(None)
    fix_start = _add_months(self_end, 1)
    fix_end = _add_months(report, -1)
    spans.append((fix_start, fix_end) if fix_start <= fix_end else None)
    spans.append((report, report))
    end = dt.date(report.year, 12, 1) if report.month < 12 else report
    spans.append((_add_months(report, 1), end) if _add_months(report, 1) <= end else None)
    words = _unit_words(ctx)
    fill = {"basis": ctx.framework.basis or ctx.framework.title, "lg": lg_name or "领导小组",
            "who": "各学校和各成员单位" if p.level == "county" else "各处室和年级组",
            "levels": "市级、省级" if p.level == "county" else "上级", "kind": _fw_kind(ctx),
            "calc": "逐校测算资源配置指标和差异系数" if p.level == "county" else "逐项测算本校各学段资源配置指标",
            "assess": "自评" if p.level == "county" else "自查",
            "report": "自评报告" if p.level == "county" else "自查报告",
            "report_phase": "自评申报阶段" if p.level == "county" else "自查总结阶段",
            "apply": "提出申请" if p.level == "county" else "迎接评估",
            "apply_text": "按程序提出评估申请" if p.level == "county" else "配合做好县级评估和上级督导检查",
            **words}
    out = []
    for (name, tasks), span in zip(PHASES, spans):
        if span is None:
            continue
        out.append({"name": name.format(**fill), "when": fmt_month_range(*span),
                    "tasks": [t.format(**fill) for t in tasks]})
    return out


VISIT_DATES = ("汇报", "迎检", "督导评估", "评估")


def _deadline(ctx) -> dt.date:
    """The one rectification deadline every draft states (inspectors check that the documents agree):
    日期.整改完成 when given; else the end of the month before the 汇报/迎检 date, if that falls after the
    self-assessment report and the plan; else the end of the 评估年度 (or of the report's year, if later)."""
    d = _date_or(ctx, ("整改完成",))
    if d:
        return d
    floor = max((x for x in (_date_or(ctx, ("方案印发",)), _date_or(ctx, ("自评报告", "自查报告"))) if x),
                default=None)
    visit = _date_or(ctx, VISIT_DATES)
    if visit:
        d = _month_end(_add_months(visit.replace(day=1), -1))
        if floor is None or d > floor:
            return d
    year = max(ctx.project.year, floor.year if floor else ctx.project.year)
    return dt.date(year, 12, 31)


def _person(p) -> dict:
    post = p.post or ""
    unit = p.unit or ""
    full = post if (not unit or post.startswith(unit)) else f"{unit}{post}"
    return {"name": p.name, "post": full, "unit": unit, "title": post}


def _group(g, num: int = 0) -> dict:
    if g is None:
        return {"present": False, "name": "", "leaders": [], "deputies": [], "members": [], "roster": [],
                "office_at": "", "office_director": "", "leader_text": "", "deputy_text": "", "members_text": "",
                "leaders_text": "", "deputies_text": "", "duties": [], "n_members": 0, "num": num}
    leaders = [_person(p) for p in g.leaders]
    deputies = [_person(p) for p in g.deputies]
    members = [_person(p) for p in g.members]
    roster = ([{"role": "组长", **p} for p in leaders] + [{"role": "副组长", **p} for p in deputies]
              + [{"role": "成员", **p} for p in members])
    office = g.office or {}
    return {
        "present": True, "num": num, "name": g.name, "leaders": leaders, "deputies": deputies, "members": members,
        "roster": roster, "n_members": len(members),
        "office_at": str(office.get("设在", "") or ""), "office_director": str(office.get("主任", "") or ""),
        "leader_text": join_cn(f"{p['post']}{p['name']}" for p in leaders),
        "deputy_text": join_cn(f"{p['post']}{p['name']}" for p in deputies),
        "leaders_text": join_cn(p["name"] for p in leaders),
        "deputies_text": join_cn(p["name"] for p in deputies),
        "members_text": join_cn(p["name"] for p in members),
        "duties": list(g.duties),
    }


def _overview(ctx) -> dict:
    schools = ctx.facts.schools
    stages = ctx.framework.stages
    types_order = ["小学", "初中", "九年一贯制学校", "十二年一贯制学校", "完全中学", "教学点"]
    type_counts = {t: sum(1 for s in schools if s.type == t) for t in types_order}
    area_counts = {a: sum(1 for s in schools if s.area == a) for a in ("城区", "镇区", "乡村")}

    def total(col: str) -> float | None:
        vals = [s.get(col) for s in schools if s.get(col) is not None]
        return sum(vals) if vals else None

    students = {st: sum(s.students(st) for s in schools) for st in stages}
    classes = {st: total(f"{st}班级数") for st in stages}
    stage_rows = []
    for st in stages:
        having = [s for s in schools if st in (s.stages or [])]
        if not having:
            continue

        def col(c: str) -> float | None:
            vals = [s.get(c) for s in having if s.get(c) is not None]
            return sum(vals) if vals else None

        n_students = sum(s.students(st) for s in having)
        n_classes = col(f"{st}班级数")
        stage_rows.append({
            "stage": st, "schools": fmt_int(len(having)), "students": fmt_int(n_students),
            "classes": fmt_int(n_classes) if n_classes is not None else "—",
            "class_size": fmt_num(n_students / n_classes, 1) if n_classes else "—",
            "qualified": fmt_int(col(f"{st}高于规定学历教师数")) if col(f"{st}高于规定学历教师数") is not None else "—",
            "backbone": fmt_int(col(f"{st}县级及以上骨干教师数")) if col(f"{st}县级及以上骨干教师数") is not None else "—",
            "pe_art": fmt_int(col(f"{st}体育艺术专任教师数")) if col(f"{st}体育艺术专任教师数") is not None else "—",
        })
    teachers = total("专任教师数")
    certified = total("持证专任教师数")
    return {
        "n_schools": len(schools),
        "school_type": schools[0].type if len(schools) == 1 else "",
        "types_text": join_cn(f"{t}{n}所" for t, n in type_counts.items() if n),
        "areas_text": join_cn(f"{a}{n}所" for a, n in area_counts.items() if n),
        "type_counts": type_counts,
        "students_total": fmt_int(sum(students.values())),
        "students_text": join_cn(f"{st}{fmt_int(n)}人" for st, n in students.items() if n),
        "students": {st: fmt_int(n) for st, n in students.items()},
        "classes_total": fmt_int(sum(v for v in classes.values() if v)) if any(classes.values()) else "",
        "classes_text": join_cn(f"{st}{fmt_int(n)}个" for st, n in classes.items() if n),
        "teachers": fmt_int(teachers) if teachers is not None else "",
        "certified": fmt_int(certified) if certified is not None else "",
        "building": fmt_area(total("教学及辅助用房面积")),
        "sports": fmt_area(total("体育运动场馆面积")),
        "equipment": fmt_wan(total("教学仪器设备值")),
        "multimedia": fmt_int(total("网络多媒体教室数")) if total("网络多媒体教室数") is not None else "",
        "computers": fmt_int(total("计算机台数")) if total("计算机台数") is not None else "",
        "books": fmt_num((total("图书册数") or 0) / 10000, 2, strip=True) if total("图书册数") else "",
        "books_text": fmt_count_wan(total("图书册数"), "册"),
        "stage_rows": stage_rows,
        "table_file": ctx.facts.table_file or "",
    }


def _indicator(ind: IndicatorResult, leaf, fw) -> dict:
    return {
        "code": ind.code, "title": ind.title, "short": _short_title(ind.title), "standard": ind.standard,
        "status": ind.status, "value": ind.value, "threshold": ind.threshold, "basis": ind.basis,
        "note": ind.note, "kind": ind.kind,
        "self": ind.kind == "self", "computed": ind.kind not in ("self",),
        "ok": ind.status == STATUS_MET, "partly": ind.status == STATUS_PARTLY,
        "missed": ind.status == STATUS_MISSED, "missing": ind.status == STATUS_MISSING,
        "na": ind.status == STATUS_NA,
        "lead": (leaf.lead if leaf and leaf.lead else fw.settings.get("default_lead", "")),
        "responsible": (leaf.responsible if leaf and leaf.responsible else fw.settings.get("default_responsible", "")),
        "evidence": list(leaf.evidence) if leaf else [],
        "unit": _units_of(leaf),
    }


def _status_counts(items: list[dict]) -> dict:
    c = {"n": 0, "met": 0, "partly": 0, "missed": 0, "missing": 0}
    for i in items:
        if i["na"]:
            continue
        c["n"] += 1
        c["met"] += i["ok"]
        c["partly"] += i["partly"]
        c["missed"] += i["missed"]
        c["missing"] += i["missing"]
    parts = [f"达标{c['met']}项"]
    if c["partly"]:
        parts.append(f"基本达标{c['partly']}项")
    if c["missed"]:
        parts.append(f"未达标{c['missed']}项")
    if c["missing"]:
        parts.append(f"未填报{c['missing']}项")
    c["text"] = "、".join(parts)
    return c


def _gap_row(g: Gap, i: int, ctx, decimals_unit: str) -> dict:
    county = g.school_code is None
    leaf = ctx.framework.leaf(g.code)
    if county and isinstance(g.current, float) and g.current < 1 and g.unit == "":
        current = fmt_num(g.current, 3)
        required = fmt_num(g.required, 2) if isinstance(g.required, float) else str(g.required or "")
    elif (not county and leaf is not None and leaf.type in ("ratio", "cv") and isinstance(g.current, (int, float))
          and isinstance(g.required, (int, float))):
        # a school's indicator value, rounded as in the per-school tables
        current = fmt_value(g.current, g.required, g.current >= g.required, _units_of(leaf))
        required = fmt_threshold(g.required)
    else:
        current = fmt_auto(g.current) if not isinstance(g.current, str) else g.current
        required = fmt_auto(g.required) if not isinstance(g.required, str) else g.required
    shortfall = ""
    if g.shortfall is not None and g.unit:
        shortfall = f"{fmt_num(g.shortfall, 0 if float(g.shortfall).is_integer() and g.unit in ('人', '间') else 1, strip=g.unit in ('人', '间'))}{g.unit}"
    return {"num": i, "code": g.code, "title": g.title, "short": _short_title(g.title), "school": g.school,
            "school_code": g.school_code or "", "stage": g.stage or "", "stage_text": g.stage or "—",
            "current": current, "required": required, "shortfall": shortfall, "unit": g.unit, "text": g.text,
            "county": county, "whole_school": fmt_auto(g.whole_school) if g.whole_school is not None else ""}


def _gap_groups(ctx, deadline: dt.date) -> list[dict]:
    fw = ctx.framework
    index = fw.index()
    school_types = {s.code: s.type for s in ctx.facts.schools}
    by_code: dict[str, list[Gap]] = {}
    for g in ctx.evaluation.gaps:
        by_code.setdefault(g.code, []).append(g)
    order = {leaf.code: i for i, leaf in enumerate(fw.leaves())}
    groups = []
    for code in sorted(by_code, key=lambda c: order.get(c, 10 ** 6)):
        gaps = by_code[code]
        leaf = index.get(code)
        title = gaps[0].title or (leaf.title if leaf else code)
        school_gaps = [g for g in gaps if g.school_code is not None]
        county_gaps = [g for g in gaps if g.school_code is None]
        schools: list[str] = []
        stages: set[str] = set()
        per_school: dict[str, dict] = {}
        for g in school_gaps:
            if g.school not in schools:
                schools.append(g.school)
            if g.stage:
                stages.add(g.stage)
            else:
                stages |= _stage_of_school_type(school_types.get(g.school_code, ""))
            entry = per_school.setdefault(g.school_code, {"whole": [], "parts": []})
            if g.whole_school is not None:
                entry["whole"].append(g.whole_school)
            elif g.shortfall is not None:
                entry["parts"].append(g.shortfall)
        units = {g.unit for g in school_gaps}
        total_text = ""
        total_value = None
        if school_gaps and len(units) == 1 and next(iter(units)):
            unit = next(iter(units))
            total_value = sum((max(e["whole"]) if e["whole"] else 0) + sum(e["parts"]) for e in per_school.values())
            if unit in ("人", "间"):
                total_text = f"{fmt_num(total_value, 0)}{unit}"
            else:
                total_text = f"{fmt_num(total_value, 1)}{unit}"
        n = len(schools)
        stage_word = _stage_word(stages) if stages else ""
        if ctx.project.level == "school":
            task = f"解决{title}不达标问题"
        elif school_gaps:
            task = f"解决{n}所{stage_word}{title}不达标问题"
        else:
            task = f"解决{title}不达标问题"
        cv_items = [g for g in county_gaps if g.stage]
        other_county = [g for g in county_gaps if not g.stage]
        cv_text = ""
        if cv_items:
            limits = join_cn(f"{g.stage}差异系数降至{fmt_num(g.required, 2) if isinstance(g.required, float) else ''}以内"
                             for g in cv_items)
            if school_gaps:
                task += f"，{limits}"
            else:
                task = f"降低{join_cn(g.stage for g in cv_items)}{title}差异系数"
            cv_text = f"统筹调配县域内资源，优先补足低于县均值的学校，缩小校际差距，使{limits}。"
        if ctx.project.level == "school":
            details = [f"{g.stage + '部' if g.stage else ''}{g.text}" for g in school_gaps]
        else:
            details = [f"{g.school}{'（' + g.stage + '）' if g.stage and g.school_code else ''}{g.text}"
                       for g in school_gaps]
        county_details = [g.text for g in county_gaps]
        schools_text = join_cn(schools) if ctx.project.level == "county" else _unit_words(ctx)["we"]
        total_phrase = f"，合计{total_text}" if total_text and n > 1 else (f"{total_text}" if total_text else "")
        measure = _measure(title, schools_text if school_gaps else "", total_phrase) if (school_gaps or other_county) else ""
        measure = (measure + cv_text) if measure else cv_text
        lead = (leaf.lead if leaf and leaf.lead else fw.settings.get("default_lead", "")) or ""
        responsible = (leaf.responsible if leaf and leaf.responsible else fw.settings.get("default_responsible", "")) or ""
        if ctx.project.level == "school":
            lead, responsible = "学校领导小组", "学校各处室、各年级组"
        area = leaf.area if leaf else None
        if school_gaps and ctx.project.level == "school":
            situation = "；".join(details) + "。"
        elif school_gaps:
            situation = f"{n}所学校未达到要求：" + "；".join(details) + "。"
        else:
            situation = ""
        if county_details:
            situation += "；".join(county_details) + "。"
        groups.append({
            "code": code, "title": title, "short": _short_title(title), "task": task,
            "n_schools": n, "schools": schools, "schools_text": schools_text, "stage_word": stage_word,
            "total": total_text, "total_value": total_value, "details": details, "details_text": "；".join(details),
            "county_details": county_details, "situation": situation, "measure": measure,
            "lead": lead, "responsible": responsible, "deadline": f"{fmt_date(deadline)}前",
            # where the gap is, for a list of problems: "3所学校" (county), "初中部" (a school, one 学段)
            "where": (f"{n}所学校" if n else "") if ctx.project.level == "county"
            else (f"{stage_word}部" if stage_word in ("小学", "初中") else ""),
            "area_code": area.code if area else "", "area_title": area.title if area else "",
            "n_items": len(gaps),
        })
    return groups


def _strip_number(text: str) -> str:
    return re.sub(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．])\s*", "", text or "")


_DATE_PART = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")


def _when_span(text: str, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a 完成时间 names: "2025年3月" → (3-1, 3-31), "2025年4月至5月" → (4-1, 5-31),
    "2025年9月30日前" → (9-30, 9-30), "2025年底" → (12-31, 12-31); a month without a year takes the year last
    named (else `year`). None when the text names no date."""
    found: list[tuple[dt.date, dt.date]] = []
    last_year = year
    for m in _DATE_PART.finditer(text or ""):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5), m.group(6))
        y = int(y) if y else last_year
        if y is None:
            continue
        last_year = y
        mo = int(mo)
        if not 1 <= mo <= 12:
            continue
        end_day = calendar.monthrange(y, mo)[1]
        if d and 1 <= int(d) <= end_day:
            day = dt.date(y, mo, int(d))
            found.append((day, day))
        else:
            found.append((dt.date(y, mo, 1), dt.date(y, mo, end_day)))
    if found:
        return found[0][0], found[-1][1]
    m = re.search(r"(\d{4})\s*年\s*(?:底|末|内|年底|全年)", text or "")
    if m:
        day = dt.date(int(m.group(1)), 12, 31)
        return day, day
    return None


def _date_order(rows: list[dict], year: int) -> list[tuple]:
    """Sort keys for rows in their given order: (start, end) of each row's 完成时间; a row that names no date
    keeps its place after the row before it."""
    keys = []
    prev = (dt.date.min, dt.date.min)
    for row in rows:
        span = _when_span(row["when"], year)
        prev = span if span else prev
        keys.append(prev)
    return keys


def _default_plan_rows(ctx) -> list[dict]:
    """工作计划 rows for a project without its own (no 工作计划 in the facts), modeled on the county plan of seed 003
    (解读指标 → 制定方案 → 自查自评 → 建立台账 → 自评报告 → 迎接评估), dated from dossier.yaml's 日期 and worded
    for a county or a school."""
    p = ctx.project
    county = p.level == "county"
    words = _unit_words(ctx)
    fw = ctx.framework
    start = (_date_or(ctx, ("方案印发",)) or dt.date(p.year, 3, 1)).replace(day=1)
    report = (_date_or(ctx, ("自评报告", "自查报告")) or _add_months(start, 6)).replace(day=1)
    if report <= start:
        report = _add_months(start, 4)
    visit = _date_or(ctx, VISIT_DATES)
    visit = visit.replace(day=1) if visit and visit.replace(day=1) >= report else None
    check_end = max(_add_months(start, 1), min(_add_months(start, 2), _add_months(report, -1)))
    after = visit or _add_months(report, 1)
    year_end = dt.date(after.year, 12, 1)
    kind = _fw_kind(ctx)
    basis = fw.basis or fw.title or "评估办法"
    n = len(fw.leaves())
    bureau = str(p.unit.get("教育行政部门", "") or fw.settings.get("default_lead", "") or "教育行政部门")
    if county:
        gov_office = f"{words['word']}人民政府办公室"
        schools, members = "各义务教育学校", "各成员单位"
        rows = [
            ("解读评估指标，熟悉标准要求", fmt_month(start),
             f"组织召开义务教育{kind}发展指标解读会，学习{basis}，熟悉{n}项评估指标的内容、标准和要求，分析"
             f"{words['whole']}存在的问题和不足。", bureau, schools),
            ("制定实施方案，明确部门职责", fmt_month(start),
             f"制定印发实施方案，成立（调整）领导小组，召开动员会议，分解目标任务，明确各成员单位、各乡镇和学校工作职责。",
             gov_office, f"{bureau}、{members}"),
            ("开展自查自评，建立问题清单", fmt_month_range(_add_months(start, 1), check_end),
             "各学校对照评估标准全面自查，通过实地测量、盘点固定资产、查阅教师档案等方式摸清底数，做到校校清、项项清；"
             "逐校测算指标，梳理存在问题，形成问题清单和整改措施。", bureau, schools),
            ("建立工作台账，收集档案资料", fmt_month_range(_add_months(start, 1), report),
             f"围绕{join_cn(a.title for a in fw.areas)}{len(fw.areas)}个方面{n}项评估指标，"
             "收集整理近三年档案资料，建立工作台账和“一校一档”，确保数据准确、上下一致。", bureau, f"{members}、{schools}"),
            ("全面自评，撰写自评报告", fmt_month(report),
             "对照全部评估指标开展自评，撰写自评报告，审核申报材料的准确性和一致性，按程序提出评估申请。",
             bureau, f"{members}、{schools}"),
            ("迎接督导评估，巩固提升成果", fmt_month_range(after, year_end),
             "做好汇报材料、佐证材料和实地核查准备，迎接市级、省级督导评估；对评估反馈问题认真整改，建立长效机制。",
             f"{gov_office}、{bureau}", f"{members}、{schools}"),
        ]
    else:
        office, depts = "学校办公室", "各处室、各年级组"
        rows = [
            ("解读评估指标，熟悉标准要求", fmt_month(start),
             f"组织全体教职工学习{basis}，熟悉评估指标的内容、标准和要求，分析{words['we']}存在的问题和不足。",
             "学校领导小组", depts),
            ("制定工作方案，明确处室分工", fmt_month(start),
             "制定印发学校工作方案，成立（调整）领导小组和工作专班，召开动员会议，分解目标任务，明确各处室、各年级组职责。",
             "学校领导小组", depts),
            ("开展自查，建立问题清单", fmt_month_range(_add_months(start, 1), check_end),
             "对照评估标准，通过实地测量、盘点固定资产、查阅教师档案等方式逐项自查，测算各学段指标，梳理存在问题，"
             "形成问题清单和整改台账。", office, depts),
            ("建立工作台账，整理档案资料", fmt_month_range(_add_months(start, 1), report),
             "按评估指标分类收集整理近三年学校档案资料，建立工作台账，确保数据与学校基础数据表一致。", office, depts),
            ("全面自查，撰写自查报告", fmt_month(report),
             "对照全部评估指标开展自查，撰写自查报告，审核数据和材料的准确性和一致性，按要求报送上级教育行政部门。",
             "学校领导小组", depts),
            ("迎接督导评估，巩固提升成果", fmt_month_range(after, year_end),
             "做好汇报材料、佐证材料和实地核查准备，配合做好县级评估和上级督导检查；对反馈问题认真整改，建立长效机制。",
             "学校领导小组", depts),
        ]
    return [{"task": t, "when": w, "measures": m, "lead": lead, "responsible": resp, "generated": True,
             "default": True} for t, w, m, lead, resp in rows]


def _plan_rows(ctx, groups: list[dict], partly: list[dict], deadline: dt.date) -> list[dict]:
    """工作计划 rows: the project's own rows (or, without any, default rows dated from dossier.yaml) and one
    generated row per gap group and per 基本达标 item, in the order of their 完成时间 (start, then end; a row
    naming no date stays after the row before it): the own rows keep their order and each generated row goes
    before the first own row that starts later (ties: own rows first). Numbered 一、二、… in that order."""
    own = []
    for row in ctx.facts.plan or []:
        own.append({"task": _strip_number(str(row.get("目标任务", "") or "")),
                    "when": str(row.get("完成时间", "") or ""), "measures": str(row.get("工作措施", "") or ""),
                    "lead": str(row.get("牵头单位", "") or ""), "responsible": str(row.get("责任单位", "") or ""),
                    "generated": False})
    if not own:
        own = _default_plan_rows(ctx)
    gen = []
    for g in groups:
        measures = g["measure"]
        if g["details"]:
            measures = f"{g['situation']}{measures}"
        elif g["county_details"]:
            measures = f"{g['situation']}{measures}"
        gen.append({"task": g["task"], "when": g["deadline"], "measures": measures, "lead": g["lead"],
                    "responsible": g["responsible"], "generated": True, "code": g["code"]})
    for i in partly:
        gen.append({"task": f"提升{i['title']}水平",
                    "when": f"{fmt_date(deadline)}前",
                    "measures": f"{i['code']}{i['title']}自评为基本达标：{i['basis']}。对照标准查找差距，制定提升措施，确保达到要求。",
                    "lead": i["lead"] if ctx.project.level == "county" else "学校领导小组",
                    "responsible": i["responsible"] if ctx.project.level == "county" else "学校各处室、各年级组",
                    "generated": True, "code": i["code"]})
    year = ctx.project.year
    own_keyed = list(zip(_date_order(own, year), own))
    gen_keyed = sorted(zip(_date_order(gen, year), gen), key=lambda t: t[0])        # stable: ties keep order
    rows = []
    while own_keyed or gen_keyed:                  # merge; own rows keep their order and win ties
        if gen_keyed and (not own_keyed or gen_keyed[0][0] < own_keyed[0][0]):
            rows.append(gen_keyed.pop(0)[1])
        else:
            rows.append(own_keyed.pop(0)[1])
    for i, row in enumerate(rows, 1):
        row["num"] = i
        row["label"] = f"{L.cn_numeral(i)}、{row['task']}"
    return rows


def build_context(ctx) -> dict:
    """The variables every template sees (format-independent; plain dicts, lists and strings)."""
    p, fw, ev = ctx.project, ctx.framework, ctx.evaluation
    county = p.level == "county"
    words = _unit_words(ctx)
    index = fw.index()
    kind_word = _fw_kind(ctx)

    unit = {
        "name": p.unit_name, "short": p.short_name, "title_name": p.short_name if county else p.unit_name,
        "superior": str(p.unit.get("上级单位", "") or ""),
        "bureau": str(p.unit.get("教育行政部门", "") or fw.settings.get("default_lead", "") or ""),
        "signatory": str(p.get("署名") or p.unit_name),
        **words,
    }
    dates = {}
    for key, value in (p.get("日期") or {}).items():
        d = p.date(key)
        if d is not None:
            dates[str(key)] = fmt_date(d)
    deadline = _deadline(ctx)

    leaves = fw.leaves()
    inds = {i.code: i for i in ev.indicators}
    areas = []
    all_items = []
    rule_codes = _rule_codes(ctx)
    rule_set = set(rule_codes)
    for a_i, area in enumerate(fw.areas, 1):
        items = []
        for leaf in leaves:
            if leaf.area is not area or leaf.code not in inds:
                continue
            items.append(_indicator(inds[leaf.code], leaf, fw))
        counts = _status_counts(items)
        shown = [i for i in items if not i["na"]]
        areas.append({"code": area.code, "title": area.title, "num": a_i, "indicators": shown, "all_indicators": items,
                      "counts": counts,
                      "computed": [i for i in shown if not i["self"] and i["code"] not in rule_set],
                      "self_items": [i for i in shown if i["self"]],
                      "has_rule": any(i["code"] in rule_set for i in shown),
                      "school_codes": [],
                      "survey": any(i["kind"] == "survey" for i in shown)})
        all_items.extend(items)
    summary = _status_counts(all_items)
    summary["missed_list"] = [i for i in all_items if i["missed"]]
    summary["partly_list"] = [i for i in all_items if i["partly"]]
    summary["missed_codes"] = join_cn(f"{i['code']}" for i in summary["missed_list"])

    # per-school tables: the school-rule indicators per 学段
    codes_info = []
    for code in rule_codes:
        leaf = index.get(code)
        if leaf is None:
            continue
        codes_info.append({"code": code, "title": leaf.title, "short": _short_title(leaf.title),
                           "unit": _units_of(leaf)})
    stages_present = [st for st in fw.stages if any(s.stage == st for s in ev.schools)]
    stage_tables = []
    for st in stages_present:
        results = [s for s in ev.schools if s.stage == st]
        rows = []
        thresholds = []
        for c in codes_info:
            th = next((s.indicators[c["code"]].threshold for s in results
                       if c["code"] in s.indicators and s.indicators[c["code"]].threshold is not None), None)
            thresholds.append({"code": c["code"], "text": fmt_threshold(th), "value": th})
        for s in results:
            cells = []
            for c in codes_info:
                v = s.indicators.get(c["code"])
                if v is None:
                    cells.append({"text": "—", "met": None, "missed": False, "value": None})
                else:
                    cells.append(_cell(v.value, v.threshold, v.met, c["unit"]))
            rows.append({"name": s.name, "code": s.code, "type": s.type, "area": s.area, "stage": st,
                         "students": fmt_int(s.students), "cells": cells,
                         "met_count": s.met_count, "met_text": f"{s.met_count}/{len(codes_info)}",
                         "passed": s.passed,
                         "passed_text": "达标" if s.passed else ("未达标" if s.passed is False else "—"),
                         "reason": s.reason,
                         "label": s.name if county else f"{st}部"})
        cv_cells = []
        for c in codes_info:
            cv = ev.cv.get(st, {}).get(c["code"])
            cv_cells.append({"code": c["code"], "text": fmt_num(cv.cv, 3) if cv and cv.cv is not None else "—",
                             "met": cv.met if cv else None, "missed": bool(cv and cv.met is False),
                             "value": cv.cv if cv else None})
        failed = [r for r in rows if r["passed"] is False]
        stage_tables.append({
            "stage": st, "name": st, "n": len(rows), "rows": rows, "thresholds": thresholds, "cv": cv_cells,
            "cv_limit": fmt_num(fw.cv_limit.get(st), 2) if fw.cv_limit.get(st) is not None else "",
            "n_passed": sum(1 for r in rows if r["passed"]), "n_failed": len(failed),
            "failed": failed, "failed_text": join_cn(r["name"] for r in failed),
            "students": fmt_int(sum(s.students for s in results)),
        })

    # the 差异系数 table: one row per indicator, one cell per 学段
    cv_rows = []
    cv_stages = [st for st in fw.stages if any(c.cv is not None for c in (ev.cv.get(st) or {}).values())]
    for c in codes_info:
        cells = []
        any_cv = False
        for st in cv_stages:
            cv = ev.cv.get(st, {}).get(c["code"])
            if cv is not None:
                any_cv = True
            cells.append({
                "stage": st,
                "cv": fmt_num(cv.cv, 3) if cv and cv.cv is not None else "—",
                "text": fmt_num(cv.cv, 3) if cv and cv.cv is not None else "—",
                "value": cv.cv if cv else None,
                "limit": fmt_num(cv.limit, 2) if cv and cv.limit is not None else "",
                "mean": fmt_value(cv.mean, None, None, c["unit"]) if cv and cv.mean is not None else "—",
                "n": cv.n if cv else 0,
                "met": cv.met if cv else None, "missed": bool(cv and cv.met is False),
                "result": ("达标" if cv.met else "未达标" if cv.met is False else "—") if cv else "—",
            })
        if any_cv:
            cv_rows.append({"code": c["code"], "title": c["title"], "short": c["short"], "cells": cells,
                            "ok": all(x["met"] is not False for x in cells)})
    cv_missed = [(r, x) for r in cv_rows for x in r["cells"] if x["missed"]]
    cv_summary = {
        "n": len(cv_rows) * len(cv_stages), "missed": len(cv_missed),
        "missed_text": join_cn(f"{x['stage']}{r['title']}（{x['cv']}）" for r, x in cv_missed),
        "max": {st: max((x["value"] for r in cv_rows for x in r["cells"] if x["stage"] == st and x["value"] is not None),
                        default=None) for st in cv_stages},
    }
    cv_summary["max_text"] = {st: fmt_num(v, 3) if v is not None else "—" for st, v in cv_summary["max"].items()}
    cv_summary["limits_text"] = join_cn(f"{st}不高于{fmt_num(fw.cv_limit[st], 2)}" for st in cv_stages
                                        if st in fw.cv_limit)

    # per-school indicators that are not in the school rule (C10, C11, C12, C19): one table per area
    other_codes = []
    for leaf in leaves:
        if leaf.code in rule_set:
            continue
        if any(leaf.code in s.indicators for s in ev.schools):
            other_codes.append(leaf)
    for area in areas:
        codes = [leaf for leaf in other_codes if leaf.area.code == area["code"]]
        if not codes:
            area["school_codes"] = []
            area["school_rows"] = []
            continue
        area["school_codes"] = [{"code": l.code, "title": l.title, "short": _short_title(l.title),
                                 "unit": _units_of(l) or ("人" if l.type in ("enrolment_max", "column_max") else "")}
                                for l in codes]
        rows = []
        for s in ev.schools:
            cells = []
            for l in codes:
                v = s.indicators.get(l.code)
                if v is None:
                    cells.append({"text": "—", "met": None, "missed": False, "value": None})
                else:
                    text = fmt_auto(v.value) if v.value is not None else "未填报"
                    if l.type == "rooms_per_classes" and v.threshold is not None and v.value is not None:
                        text = f"{fmt_num(v.value, 0)}/{fmt_num(v.threshold, 0)}"
                    cells.append({"text": text, "met": v.met, "missed": v.met is False, "value": v.value})
            rows.append({"name": s.name if county else f"{s.stage}部", "stage": s.stage, "cells": cells,
                         "label": s.name if county else f"{s.stage}部"})
        area["school_rows"] = rows
    for area in areas:
        area.setdefault("school_rows", [])

    # survey
    sv = ev.survey or {}
    groups = []
    for name, g in (sv.get("groups") or {}).items():
        groups.append({"name": name, "valid": fmt_int(g.get("valid")), "favourable": fmt_int(g.get("favourable")),
                       "rate": fmt_pct(g.get("rate"))})
    survey = {"present": bool(groups), "groups": groups, "rate": fmt_pct(sv.get("rate")),
              "threshold": fmt_pct(sv.get("threshold"), 0), "method": str(sv.get("method", "") or ""),
              "ok": (sv.get("rate") or 0) >= (sv.get("threshold") or 0) if groups else None,
              "valid_total": fmt_int(sum(g.get("valid") or 0 for g in (sv.get("groups") or {}).values()))}

    vetoes = []
    for v in ev.vetoes:
        vetoes.append({"code": v.get("code", ""), "title": v.get("title", ""), "value": v.get("value"),
                       "met": v.get("met"), "declared": v.get("value") not in (None, "")})
    vetoes_declared = [v for v in vetoes if v["declared"]]
    vetoes_info = {
        "list": vetoes, "present": bool(vetoes), "declared": bool(vetoes_declared),
        "ok": all(v["met"] is not False for v in vetoes),
        "all_ok": bool(vetoes) and all(v["met"] is True for v in vetoes),
        "failed": [v for v in vetoes if v["met"] is False],
        "failed_text": join_cn(v["title"] for v in vetoes if v["met"] is False),
        "titles": join_cn(v["title"] for v in vetoes),
        "undeclared_text": join_cn(v["title"] for v in vetoes if not v["declared"]),
    }

    gaps = [_gap_row(g, i, ctx, "") for i, g in enumerate(ev.gaps, 1)]
    groups_ = _gap_groups(ctx, deadline)
    partly = [i for i in all_items if i["partly"] and not any(g["code"] == i["code"] for g in groups_)]
    plan = _plan_rows(ctx, groups_, partly, deadline)
    gap_schools = {g.school_code for g in ev.gaps if g.school_code}

    # 主要任务 of the 实施方案: one section per area with gaps or 基本达标 items
    tasks = []
    for area in areas:
        ag = [g for g in groups_ if g["area_code"] == area["code"]]
        ap = [i for i in partly if any(i["code"] == x["code"] for x in area["indicators"])]
        if ag or ap:
            tasks.append({"code": area["code"], "title": area["title"], "heading": _task_heading(area["title"]),
                          "groups": ag, "partly": ap})

    people = ctx.facts.people
    lg = _group(people.leading_group)
    wgs = [_group(g, i) for i, g in enumerate(people.working_groups, 1)]
    duties = [{"dept": d, "text": t} for d, t in people.department_duties]
    phases = _phases(ctx, lg["name"])

    ov = _overview(ctx)
    school_rule = _rule_text(ctx)
    return {
        "county": county, "school": not county, "level": p.level,
        "unit": unit, "year": p.year,
        "evidence_years": join_cn(f"{y}年" for y in p.evidence_years),
        "years": (f"{min(p.evidence_years)}—{max(p.evidence_years)}年" if p.evidence_years else f"{p.year}年"),
        "dates": dates, "deadline": fmt_date(deadline),
        "fw": {"id": fw.id, "title": fw.title, "basis": fw.basis, "kind": kind_word,
               "n_leaves": len(leaves), "n_areas": len(fw.areas), "n_areas_cn": L.cn_numeral(len(fw.areas)),
               "areas_text": join_cn(a.title for a in fw.areas), "rule": school_rule,
               "cv_limits": {st: fmt_num(v, 2) for st, v in fw.cv_limit.items()}},
        "ov": ov, "summary": summary, "areas": areas, "indicators": all_items,
        "rule_codes": codes_info, "stage_tables": stage_tables,
        "cv_rows": cv_rows, "cv_stages": cv_stages, "cv": cv_summary,
        "survey": survey, "vetoes": vetoes_info,
        "gaps": gaps, "gap_groups": groups_, "partly": partly, "has_gaps": bool(gaps),
        "gap_summary": {"n": len(gaps), "n_schools": len(gap_schools),
                        "n_county": sum(1 for g in ev.gaps if g.school_code is None),
                        "n_codes": len(groups_)},
        "plan": plan, "tasks": tasks, "phases": phases,
        "lg": lg, "wgs": wgs, "duties": duties,
        "charts": [],
    }


def _task_heading(area_title: str) -> str:
    for words, text in ((("资源", "办学条件"), "补齐资源配置短板"), (("保障", "政府"), "强化政府保障责任"),
                        (("质量",), "提升教育教学质量"), (("认可", "满意"), "提高社会认可度")):
        if any(w in area_title for w in words):
            return text
    return f"抓好{area_title}工作"


TITLE_CHARS = 20          # 2号 characters on one line of the 156 mm 版心
TITLE_BREAKS = ("推进", "义务教育", "优质均衡", "基本均衡", "工作", "实施方案", "自评报告", "自查报告", "工作计划",
                "成员名单", "问题清单", "汇报")


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def title_lines(title: str, limit: float = TITLE_CHARS) -> list[str]:
    """A long title split in two at a word boundary (GB/T 9704: 标题回行时要词意完整、排列对称), the most balanced
    split whose lines both fit; a title that fits one line, or has no such split, stays whole."""
    if _width(title) <= limit:
        return [title]
    best = None
    for word in TITLE_BREAKS:
        start = 0
        while (i := title.find(word, start)) > 0:
            a, b = title[:i], title[i:]
            if _width(a) <= limit and _width(b) <= limit:
                score = abs(_width(a) - _width(b))
                if best is None or score < best[0]:
                    best = (score, [a, b])
            start = i + 1
    return best[1] if best else [title]


def kind_context(base: dict, ctx, kind: str) -> dict:
    kind = normalize_kind(kind)
    p = ctx.project
    label = kind_label(kind, p.level)
    kw = _fw_kind(ctx)
    tname = base["unit"]["title_name"]
    titles = {
        "实施方案": f"{tname}推进义务教育{kw}发展工作实施方案",
        "自评报告": f"{tname}义务教育{kw}发展{label}",
        "工作计划": f"{tname}推进义务教育{kw}发展工作计划",
        "领导小组名单": f"{base['lg']['name'] or tname + '推进义务教育' + kw + '发展工作领导小组'}成员名单",
        "工作专班": f"{tname}推进义务教育{kw}发展工作专班及职责分工",
        "汇报材料": f"{tname}推进义务教育{kw}发展工作汇报",
        "问题清单": f"{tname}义务教育{kw}发展问题清单",
    }
    d = _date_or(ctx, KIND_DATES[kind]) or p.build_time().date()
    out = dict(base)
    out["kind"] = kind
    out["doc"] = {"kind": kind, "label": label, "title": titles[kind], "date": fmt_date(d),
                  "title_br": "\n".join(title_lines(titles[kind])),
                  "signature": base["unit"]["signatory"], "file": file_stem(ctx, kind)}
    out["num"] = Numbering()
    out["tables"] = Counter()
    out["figures"] = Counter()
    return out


# ==== templates ======================================================================================================
def bundled_templates() -> Path:
    import dossier
    repo = Path(dossier.__file__).resolve().parent.parent / "templates"
    if (repo / "docx").is_dir() or (repo / "md").is_dir():
        return repo
    return Path(str(importlib.resources.files("dossier") / "templates"))


def template_path(ctx, kind: str, fmt: str) -> tuple[Path, str]:
    """The template for `kind` in `fmt`: the project's own (templates/<name> or templates/<fmt>/<name>) if there is
    one, else the bundled one. Returns (path, name as shown in messages)."""
    kind = normalize_kind(kind)
    names = [f"{kind}.docx"] if fmt == "docx" else [f"{kind}.md.j2", f"{kind}.md"]
    label = kind_label(kind, ctx.project.level)
    if label != kind:
        names = ([f"{label}.docx"] if fmt == "docx" else [f"{label}.md.j2", f"{label}.md"]) + names
    user_root = ctx.project.root / "templates"
    for sub in (user_root / fmt, user_root):
        for name in names:
            cand = sub / name
            if cand.is_file():
                resolved = ctx.project.inside(cand, "模板文件")
                return resolved, ctx.project.display(cand)
    bundled = bundled_templates() / fmt / names[-1] if fmt == "docx" else bundled_templates() / fmt / f"{kind}.md.j2"
    if not bundled.is_file():
        raise DossierError(Problem(f"找不到内置模板 {fmt}/{bundled.name}", hint="安装可能不完整，请重新运行 make setup"))
    return bundled, f"templates/{fmt}/{bundled.name}"


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _base_env(autoescape: bool):
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=autoescape, trim_blocks=not autoescape,
                               lstrip_blocks=not autoescape, keep_trailing_newline=True)
    env.filters["cn"] = L.cn_numeral
    env.filters["num"] = lambda x, d=1: fmt_num(x, d)
    env.filters["int"] = fmt_int
    env.filters["pct"] = fmt_pct
    env.filters["wan"] = fmt_wan
    env.filters["date"] = lambda d: fmt_date(d) if isinstance(d, dt.date) else str(d)
    env.filters["join_cn"] = lambda items, sep="、": join_cn(items, sep)
    return env


def _md_env(search: list[Path]):
    from jinja2 import FileSystemLoader
    env = _base_env(autoescape=False)
    env.loader = FileSystemLoader([str(p) for p in search])
    env.filters["cell"] = _md_cell
    env.filters["title_br"] = lambda t: t
    env.filters["mark"] = lambda c: (f"**{_md_cell(c['text'])}**" if c.get("missed") else _md_cell(c["text"]))
    return env


def _docx_env(tpl):
    from docxtpl import RichText
    env = _base_env(autoescape=True)
    env.filters["cell"] = lambda x: x
    env.filters["title_br"] = lambda t: "\n".join(title_lines(str(t)))
    env.filters["mark"] = lambda c: (RichText(c["text"], bold=True, color="C00000") if c.get("missed")
                                     else RichText(c["text"]))
    return env


def _template_lineno(exc: BaseException, filename: str | None) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if (filename and frame.filename == filename) or frame.filename == "<template>":
            found = frame.lineno
    return found


def _explain(exc: BaseException) -> tuple[str, str]:
    from jinja2 import TemplateSyntaxError, UndefinedError
    msg = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined", msg)
        if m:
            return f"模板使用了未定义的变量“{m.group(1)}”", "请检查变量名拼写；可用的变量可参照内置模板 templates/md/*.md.j2"
        m = re.search(r"has no attribute '([^']+)'", msg)
        if m:
            return f"模板使用了不存在的字段“{m.group(1)}”（{msg}）", "请检查字段名拼写"
        return f"模板使用了未定义的值：{msg}", "请检查变量名拼写"
    if isinstance(exc, TemplateSyntaxError):
        return f"模板语法错误：{syntax_message(msg)}", "检查 {{ }} 与 {% %} 是否成对、for/if 是否有对应的 endfor/endif"
    return f"模板渲染出错：{type(exc).__name__}: {msg}", "请检查模板中的表达式"


# Jinja's names for tokens, as a template writer would type them
_TOKEN_NAMES = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "模板结尾",
                "name": "名称", "begin of print statement": "{{", "begin of statement block": "{%"}


def _token(name: str) -> str:
    return _TOKEN_NAMES.get(name, name)


def _tags(text: str) -> str:
    """"'elif' or 'else' or 'endif'" → "{% elif %}、{% else %} 或 {% endif %}"."""
    names = re.findall(r"'(\w+)'", text)
    shown = ["{% " + n + " %}" for n in names]
    return shown[0] if len(shown) == 1 else "、".join(shown[:-1]) + " 或 " + shown[-1] if shown else ""


def syntax_message(msg: str) -> str:
    """Jinja's English syntax error in Chinese (the common cases; anything else is passed through)."""
    m = re.match(r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. "
                 r"The innermost block that needs to be closed is '(\w+)'", msg)
    if m:
        return f"模板结束时仍有未闭合的 {{% {m.group(2)} %}} 块（缺少 {{% end{m.group(2)} %}}）"
    m = re.match(r"[Uu]nexpected end of template, expected '(.+?)'", msg)
    if m:
        return f"模板在标签中间结束，缺少“{_token(m.group(1))}”"
    m = re.match(r"Encountered unknown tag '(\w+)'\. You probably made a nesting mistake\..*?currently looking for "
                 r"(.*?)\. The innermost block that needs to be closed is '(\w+)'", msg)
    if m:
        return (f"{{% {m.group(1)} %}} 的位置不对（嵌套错误）：此处最内层未闭合的是 {{% {m.group(3)} %}} 块，"
                f"应先写 {_tags(m.group(2))}")
    m = re.match(r"Encountered unknown tag '(\w+)'\.(?: Jinja was looking for the following tags: (.*?)\. "
                 r"The innermost block that needs to be closed is '(\w+)')?", msg)
    if m:
        tag = m.group(1)
        if tag.startswith("end"):
            text = f"多余的 {{% {tag} %}}：前面没有与之对应的 {{% {tag[3:]} %}}"
        else:
            text = f"未知的标签 {{% {tag} %}}"
        if m.group(3):
            text += f"（此处最内层未闭合的是 {{% {m.group(3)} %}} 块，可用 {_tags(m.group(2))}）"
        return text
    m = re.match(r"expected token '(.+?)', got '(.+?)'", msg)
    if m:
        return f"此处应为“{_token(m.group(1))}”，实际为“{_token(m.group(2))}”"
    m = re.match(r"Expected an expression, got '(.+?)'", msg)
    if m:
        return f"缺少表达式（“{_token(m.group(1))}”之前应有变量名或表达式）"
    if msg.startswith("tag name expected"):
        return "{% %} 中缺少标签名（如 if、for）"
    m = re.match(r"unexpected char '(.+?)' at \d+", msg)
    if m:
        return f"无法识别的字符“{m.group(1)}”"
    m = re.match(r"unexpected '(.+?)'", msg)
    if m:
        return f"出现了意外的“{_token(m.group(1))}”（{{{{ }}}} 与 {{% %}} 是否成对？）"
    return msg


_BLOCK_TAGS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "set", "trans"}


def unclosed_block_line(source: str) -> int | None:
    """The line where the innermost block still open at the end of `source` starts ({% if %} without its
    {% endif %}), found with Jinja's lexer; None when every block is closed or the source does not lex."""
    from jinja2 import Environment
    env = Environment()
    stack: list[tuple[str, int]] = []
    try:
        tokens = list(env.lex(source))
    except Exception:
        return None
    i = 0
    while i < len(tokens):
        lineno, kind, value = tokens[i]
        if kind == "block_begin":
            body = []
            j = i + 1
            while j < len(tokens) and tokens[j][1] not in ("block_end",):
                if tokens[j][1] != "whitespace":
                    body.append(tokens[j])
                j += 1
            if body and body[0][1] == "name":
                tag = body[0][2]
                if tag in _BLOCK_TAGS and not (tag == "set" and any(t[2] == "=" for t in body)):
                    stack.append((tag, lineno))
                elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
                    stack.pop()
            i = j
        i += 1
    return stack[-1][1] if stack else None


def _tidy_md(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _docx_paragraph_at(tpl, lineno: int | None) -> tuple[int | None, str]:
    """For an error at `lineno` of the XML docxtpl compiles, the paragraph number in the template (counting every
    paragraph, table cells included) and its text."""
    if not lineno:
        return None, ""
    try:
        xml = tpl.patch_xml(tpl.get_xml())
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        lines = xml.splitlines()
        if not 1 <= lineno <= len(lines):
            return None, ""
        text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
        return lineno - 1, text[:60]
    except Exception:  # pragma: no cover - best effort for the message only
        return None, ""


def _is_unclosed(exc: BaseException) -> bool:
    return str(getattr(exc, "message", "") or "").startswith("Unexpected end of template.")


def _docx_unclosed_line(tpl) -> int | None:
    """The line (of the XML docxtpl compiles, one paragraph a line) where an unclosed block starts."""
    try:
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    except Exception:  # pragma: no cover - best effort for the message only
        return None
    return unclosed_block_line(xml)


def _docx_render(ctx, kind: str, context: dict, out_path: Path, charts: list) -> Path:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError
    path, shown = template_path(ctx, kind, "docx")
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:
        raise DossierError(Problem(f"模板不是有效的 .docx 文件（{type(exc).__name__}）", file=shown,
                                   hint="请用 Word 或 WPS 另存为 .docx 格式")) from None
    env = _docx_env(tpl)

    def figure(chart: dict, width_mm: float = 140):
        return InlineImage(tpl, str(chart["path"]), width=Mm(width_mm))

    env.globals["figure"] = figure
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except (TemplateError, Exception) as exc:
        if isinstance(exc, DossierError):
            raise
        line = _template_lineno(exc, None)
        start = _docx_unclosed_line(tpl) if _is_unclosed(exc) else None
        para, text = _docx_paragraph_at(tpl, start or line)
        message, hint = _explain(exc)
        if start and para:
            message += "，该块从本段开始"
        where = f"第{para}段" if para else "模板中"
        if text:
            where += f"（“{text}”）"
        raise DossierError(Problem(f"{where}：{message}", file=shown, hint=hint)) from None
    doc = tpl.docx
    L.fit_tables(doc)
    L.finish(doc, ctx.project.build_time(), author=ctx.project.unit_name, title=context["doc"]["title"])
    return L.save_reproducible(doc, out_path, ctx.project.build_time())


def _charts(ctx, base: dict, out_dir: Path, prefix: str) -> list[dict]:
    from dossier.drafts.charts import school_charts
    if ctx.project.level != "county" or not base["rule_codes"]:
        return []
    codes = [c["code"] for c in base["rule_codes"]]
    titles = {c["code"]: c["title"] for c in base["rule_codes"]}
    units = {c["code"]: c["unit"] for c in base["rule_codes"]}
    made = school_charts(ctx.evaluation, codes, titles, units, out_dir, prefix=prefix,
                         stages=ctx.framework.stages)
    return [{"code": c.code, "title": c.title, "stage": c.stage, "caption": c.caption, "path": c.path,
             "name": c.path.name, "n": c.n, "missed": c.missed,
             "threshold": fmt_threshold(c.threshold)} for c in made]


OUT_SUFFIXES = (".docx", ".md")


def check_out_path(out_path: Path, fmt: str) -> None:
    """Refuse an output path that would surprise: a file inside a folder named like a file (`--out x.docx` with
    several drafts to write would create a folder x.docx), or a .docx/.md name for the other format."""
    out_path = Path(out_path)
    parent = out_path.parent
    if parent.suffix.lower() in OUT_SUFFIXES and not parent.is_dir():
        raise DossierError(Problem(
            f"--out 指定的是文件名“{parent.name}”，但本次要写出多个文稿，无法都写进一个文件",
            hint="请把 --out 改为文件夹（如 --out 文稿），或只起草一种文稿并用 --format docx 或 --format md 指定一种格式"))
    if out_path.suffix.lower() in OUT_SUFFIXES and out_path.suffix.lower() != f".{fmt}":
        raise DossierError(Problem(
            f"--out 的文件名“{out_path.name}”与输出格式 {fmt} 不符",
            hint=f"请改用 .{fmt} 结尾的文件名，或改用 --format {out_path.suffix.lower()[1:]}"))


def render(ctx, kind: str, fmt: str, out_path: Path, _base: dict | None = None) -> Path:
    """Render one draft of `kind` as `fmt` ("docx" or "md") to `out_path`; returns the path written.
    Charts (county 自评报告) go to a 图表/ folder beside a Markdown file; a .docx embeds them."""
    kind = normalize_kind(kind)
    if fmt not in FORMATS:
        raise DossierError(Problem(f"未知的输出格式“{fmt}”", hint="可用 docx 或 md"))
    out_path = Path(out_path)
    check_out_path(out_path, fmt)
    base = _base if _base is not None else build_context(ctx)
    context = kind_context(base, ctx, kind)
    wants_charts = kind == "自评报告"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        if wants_charts:
            chart_dir = out_path.parent / CHART_DIR
            charts = _charts(ctx, base, chart_dir, prefix=f"{ctx.project.short_name}-")
            for c in charts:
                c["link"] = f"{CHART_DIR}/{c['name']}"
            context["charts"] = charts

        def figure(chart: dict, width_mm: float = 150):
            return f"![{chart['stage']}{chart['title']}]({chart['link']})"

        text, _, _ = _render_md_with(ctx, kind, context, figure)
        tmp = out_path.with_name(out_path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out_path)
        return out_path
    with tempfile.TemporaryDirectory(prefix="dossier-charts-") as tmpdir:
        if wants_charts:
            context["charts"] = _charts(ctx, base, Path(tmpdir), prefix="")
        tmp = out_path.with_name(out_path.name + ".tmp")
        try:
            _docx_render(ctx, kind, context, tmp, context["charts"])
            tmp.replace(out_path)
        finally:
            if tmp.exists():
                tmp.unlink()
    return out_path


def _render_md_with(ctx, kind, context, figure):
    context = dict(context)
    # `figure` is a template global in both formats
    path, shown = template_path(ctx, kind, "md")
    env = _md_env([path.parent])
    env.globals["figure"] = figure
    try:
        template = env.get_template(path.name)
        text = template.render(context)
    except DossierError:
        raise
    except Exception as exc:
        line = _template_lineno(exc, str(path))
        message, hint = _explain(exc)
        if _is_unclosed(exc):
            try:
                start = unclosed_block_line(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                start = None
            if start:
                line = start
                message += "，该块从本行开始"
        raise DossierError(Problem(message, file=shown, line=line, hint=hint)) from None
    return _tidy_md(text), path, shown


def render_all(ctx, out_dir: Path, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Every kind in every format into `out_dir`, named `<单位简称>义务教育<…>发展<文种>.<fmt>`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = build_context(ctx)
    written = []
    for kind in KINDS:
        for fmt in formats:
            written.append(render(ctx, kind, fmt, out_dir / file_name(ctx, kind, fmt), _base=base))
    return written

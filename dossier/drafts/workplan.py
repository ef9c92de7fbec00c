"""The work plan and the rectification deadline: the gap list grouped by indicator into 工作计划 rows ("解决4所小学
生均教学仪器设备值不达标问题", the situation, the measure, who leads), the default rows of a plan the user did not
write, and the one deadline every draft states, all ordered by their 完成时间.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from dossier.compute.model import Gap
from dossier.core.numerals import cn_numeral
from dossier.core.zh import date_cn, fmt_auto, fmt_num, fmt_threshold, fmt_value, join_cn, month_cn, month_range_cn
from dossier.drafts.dates import VISIT_DATES, add_months, month_end
from dossier.drafts.kinds import framework_word
from dossier.drafts import prose
from dossier.load.table import SCHOOL_TYPES


def redated(due: dt.date, at: dt.date) -> dt.date:
    """A due date as a draft dated `at` may state it: a date already past is moved to the end of the next month
    (the measure is overdue; the draft promises no date before its own)."""
    return due if due >= at else month_end(add_months(at, 1))


def deadline(ctx, groups: list[dict], at: dt.date) -> dt.date:
    """The deadline a draft dated `at` states for all its open rectification: the latest due date of the open
    groups that can be done before the inspection (else of all open groups, else of the measures in the plan)."""
    safe = [g["due"] for g in groups if not g["risk"]]
    every = [g["due"] for g in groups]
    if safe or every:
        return max(safe or every)
    return redated(max(m.due for m in ctx.rectification.measures.values()), at)


def units_of(leaf) -> str:
    """The unit of a leaf's value: its own, % for a share, else the unit its gaps are stated in."""
    if leaf is None:
        return ""
    ev = leaf.evaluate
    if ev.unit:
        return ev.unit
    if ev.type == "share":
        return "%"
    gap = getattr(ev, "gap", None)
    return gap.unit if gap is not None else ""


def gap_row(g: Gap, i: int, ctx, decimals_unit: str) -> dict:
    county = g.school_code is None
    leaf = ctx.framework.leaf(g.code)
    if county and isinstance(g.current, float) and g.current < 1 and g.unit == "":
        current = fmt_num(g.current, 3)
        required = fmt_num(g.required, 2) if isinstance(g.required, float) else str(g.required or "")
    elif (not county and leaf is not None and leaf.type in ("ratio", "cv") and isinstance(g.current, (int, float))
          and isinstance(g.required, (int, float))):
        # a school's indicator value, rounded as in the per-school tables
        current = fmt_value(g.current, g.required, g.current >= g.required, units_of(leaf))
        required = fmt_threshold(g.required)
    else:
        current = fmt_auto(g.current) if not isinstance(g.current, str) else g.current
        required = fmt_auto(g.required) if not isinstance(g.required, str) else g.required
    shortfall = ""
    if g.shortfall is not None and g.unit:
        shortfall = f"{fmt_num(g.shortfall, 0 if float(g.shortfall).is_integer() and g.unit in ('人', '间') else 1, strip=g.unit in ('人', '间'))}{g.unit}"
    return {"num": i, "code": g.code, "title": g.title, "short": prose.short_title(g.title), "school": g.school,
            "school_code": g.school_code or "", "stage": g.stage or "", "stage_text": g.stage or "—",
            "current": current, "required": required, "shortfall": shortfall, "unit": g.unit, "text": g.text,
            "county": county, "whole_school": fmt_auto(g.whole_school) if g.whole_school is not None else ""}


def gap_groups(ctx, gaps: list[Gap], at: dt.date) -> list[dict]:
    """`gaps` grouped by indicator, in leaf order, as a draft dated `at` states them: one work-plan item per
    indicator, with its measure, who leads, and its deadline."""
    by_code: dict[str, list[Gap]] = {}
    for g in gaps:
        by_code.setdefault(g.code, []).append(g)
    order = {leaf.code: i for i, leaf in enumerate(ctx.framework.leaves())}
    return [_group(ctx, code, by_code[code], at) for code in sorted(by_code, key=lambda c: order.get(c, 10 ** 6))]


def _schools_and_total(ctx, school_gaps: list[Gap]) -> tuple[list[str], set[str], str, float | None]:
    """The schools with a gap (in order), their 学段, and the total shortfall when the gaps share one unit (a
    shared resource counted once for the whole school)."""
    school_types = {s.code: s.type for s in ctx.facts.schools}
    schools: list[str] = []
    stages: set[str] = set()
    per_school: dict[str, dict] = {}
    for g in school_gaps:
        if g.school not in schools:
            schools.append(g.school)
        if g.stage:
            stages.add(g.stage)
        else:
            stages |= set(SCHOOL_TYPES.get(school_types.get(g.school_code, ""), ["小学", "初中"]))
        entry = per_school.setdefault(g.school_code, {"whole": [], "parts": []})
        if g.whole_school is not None:
            entry["whole"].append(g.whole_school)
        elif g.shortfall is not None:
            entry["parts"].append(g.shortfall)
    units = {g.unit for g in school_gaps}
    if not (school_gaps and len(units) == 1 and next(iter(units))):
        return schools, stages, "", None
    unit = next(iter(units))
    total = sum((max(e["whole"]) if e["whole"] else 0) + sum(e["parts"]) for e in per_school.values())
    return schools, stages, f"{fmt_num(total, 0 if unit in ('人', '间') else 1)}{unit}", total


def _task_and_cv(ctx, title: str, n: int, stage_word: str, school_gaps: list, cv_items: list,
                 plans: list) -> tuple[str, str]:
    """The work-plan task ("解决4所小学…不达标问题", with the 差异系数 to reach) and the 差异系数 measure, with the
    plan's figures when there is one."""
    if ctx.project.level == "school" or not school_gaps:
        task = f"解决{title}不达标问题"
    else:
        task = f"解决{n}所{stage_word}{title}不达标问题"
    if not cv_items:
        return task, ""
    limits = join_cn(f"{g.stage}差异系数降至{fmt_num(g.required, 2) if isinstance(g.required, float) else ''}以内"
                     for g in cv_items)
    if school_gaps:
        task += f"，{limits}"
    else:
        task = f"降低{join_cn(g.stage for g in cv_items)}{title}差异系数"
    if not plans:
        return task, f"统筹调配县域内资源，优先补足低于县均值的学校，缩小校际差距，使{limits}。"
    parts = [f"将{p.stage}{join_cn(s.name for s in p.schools)}{len(p.schools)}所学校{prose.short_title(title)}统一补足到"
             f"{fmt_value(p.floor, None, None, p.value_unit)}{p.value_unit}（共需增加{fmt_num(p.total, p.decimals)}{p.unit}），可使{p.stage}"
             f"差异系数由{fmt_num(p.cv_before, 3)}降至{fmt_num(p.cv_after, 3)}" for p in plans]
    return task, "经测算，" + "；".join(parts) + "，达到要求。"


def _group(ctx, code: str, gaps: list[Gap], at: dt.date) -> dict:
    fw, county = ctx.framework, ctx.project.level == "county"
    m = ctx.rectification.measures[code]
    due = redated(m.due, at)
    inspection = ctx.rectification.schedule.inspection
    leaf = fw.index().get(code)
    title = gaps[0].title or (leaf.title if leaf else code)
    school_gaps = [g for g in gaps if g.school_code is not None]
    county_gaps = [g for g in gaps if g.school_code is None]
    schools, stages, total_text, total_value = _schools_and_total(ctx, school_gaps)
    plans = [p for p in ctx.evaluation.cv_plans if p.code == code and any(g.stage == p.stage for g in county_gaps)]
    for p in plans:                            # the 差异系数 plan decides how much the schools add
        schools += [s.name for s in p.schools if s.name not in schools]
        total_value = sum(p.total for p in plans)
        total_text = f"{fmt_num(total_value, plans[0].decimals)}{p.unit}"
    n = len(schools)
    stage_word = prose.stage_word(stages) if stages else ""
    task, cv_text = _task_and_cv(ctx, title, n, stage_word, school_gaps, [g for g in county_gaps if g.stage], plans)
    if not county:
        details = [f"{g.stage + '部' if g.stage else ''}{g.text}" for g in school_gaps]
    else:
        details = [f"{g.school}{'（' + g.stage + '）' if g.stage and g.school_code else ''}{g.text}"
                   for g in school_gaps]
    county_details = [g.text for g in county_gaps]
    schools_text = join_cn(schools) if county else prose.unit_words(ctx)["we"]
    total_phrase = f"，合计{total_text}" if total_text and n > 1 else (f"{total_text}" if total_text else "")
    if plans:                                   # the plan's sentence states the total, once
        total_phrase = ""
    measure = prose.measure(title, schools_text if school_gaps else "", total_phrase) \
        if (school_gaps or any(not g.stage for g in county_gaps)) else ""
    measure = (measure + cv_text) if measure else cv_text
    situation = ""
    if school_gaps:
        situation = ("；".join(details) if not county else f"{n}所学校未达到要求：" + "；".join(details)) + "。"
    if county_details:
        situation += "；".join(county_details) + "。"
    area = leaf.area if leaf else None
    return {
        "code": code, "title": title, "short": prose.short_title(title), "task": task,
        "n_schools": n, "schools": schools, "schools_text": schools_text, "stage_word": stage_word,
        "total": total_text, "total_value": total_value, "details": details, "details_text": "；".join(details),
        "county_details": county_details, "situation": situation, "measure": measure,
        "lead": m.lead, "responsible": m.responsible, "kind": m.kind, "due": due, "deadline": f"{date_cn(due)}前",
        "risk": inspection is not None and due > inspection, "bridge": m.bridge,
        "risk_text": f"预计评估前不能完成，需{m.bridge}" if inspection is not None and due > inspection else "",
        # where the gap is, for a list of problems: "3所学校" (county), "初中部" (a school, one 学段)
        "where": (f"{n}所学校" if n else "") if county else (f"{stage_word}部" if stage_word in ("小学", "初中") else ""),
        "area_code": area.code if area else "", "area_title": area.title if area else "",
        "n_items": len(gaps),
    }


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
    words = prose.unit_words(ctx)
    fw = ctx.framework
    start = (ctx.project.first_date(("方案印发",)) or dt.date(p.year, 3, 1)).replace(day=1)
    report = (ctx.project.first_date(("自评报告", "自查报告")) or add_months(start, 6)).replace(day=1)
    if report <= start:
        report = add_months(start, 4)
    visit = ctx.project.first_date(VISIT_DATES)
    visit = visit.replace(day=1) if visit and visit.replace(day=1) >= report else None
    check_end = max(add_months(start, 1), min(add_months(start, 2), add_months(report, -1)))
    after = visit or add_months(report, 1)
    year_end = dt.date(after.year, 12, 1)
    kind = framework_word(ctx.framework)
    basis = fw.basis or fw.title or "评估办法"
    n = len(fw.leaves())
    bureau = p.unit.bureau or fw.settings.default_lead or "教育行政部门"
    if county:
        gov_office = f"{words['word']}人民政府办公室"
        schools, members = "各义务教育学校", "各成员单位"
        rows = [
            ("解读评估指标，熟悉标准要求", month_cn(start),
             f"组织召开义务教育{kind}发展指标解读会，学习{basis}，熟悉{n}项评估指标的内容、标准和要求，分析"
             f"{words['whole']}存在的问题和不足。", bureau, schools),
            ("制定实施方案，明确部门职责", month_cn(start),
             "制定印发实施方案，成立（调整）领导小组，召开动员会议，分解目标任务，明确各成员单位、各乡镇和学校工作职责。",
             gov_office, f"{bureau}、{members}"),
            ("开展自查自评，建立问题清单", month_range_cn(add_months(start, 1), check_end),
             "各学校对照评估标准全面自查，通过实地测量、盘点固定资产、查阅教师档案等方式摸清底数，做到校校清、项项清；"
             "逐校测算指标，梳理存在问题，形成问题清单和整改措施。", bureau, schools),
            ("建立工作台账，收集档案资料", month_range_cn(add_months(start, 1), report),
             f"围绕{join_cn(a.title for a in fw.areas)}{len(fw.areas)}个方面{n}项评估指标，"
             "收集整理近三年档案资料，建立工作台账和“一校一档”，确保数据准确、上下一致。", bureau, f"{members}、{schools}"),
            ("全面自评，撰写自评报告", month_cn(report),
             "对照全部评估指标开展自评，撰写自评报告，审核申报材料的准确性和一致性，按程序提出评估申请。",
             bureau, f"{members}、{schools}"),
            ("迎接督导评估，巩固提升成果", month_range_cn(after, year_end),
             "做好汇报材料、佐证材料和实地核查准备，迎接市级、省级督导评估；对评估反馈问题认真整改，建立长效机制。",
             f"{gov_office}、{bureau}", f"{members}、{schools}"),
        ]
    else:
        office, depts = "学校办公室", "各处室、各年级组"
        rows = [
            ("解读评估指标，熟悉标准要求", month_cn(start),
             f"组织全体教职工学习{basis}，熟悉评估指标的内容、标准和要求，分析{words['we']}存在的问题和不足。",
             "学校领导小组", depts),
            ("制定工作方案，明确处室分工", month_cn(start),
             "制定印发学校工作方案，成立（调整）领导小组和工作专班，召开动员会议，分解目标任务，明确各处室、各年级组职责。",
             "学校领导小组", depts),
            ("开展自查，建立问题清单", month_range_cn(add_months(start, 1), check_end),
             "对照评估标准，通过实地测量、盘点固定资产、查阅教师档案等方式逐项自查，测算各学段指标，梳理存在问题，"
             "形成问题清单和整改台账。", office, depts),
            ("建立工作台账，整理档案资料", month_range_cn(add_months(start, 1), report),
             "按评估指标分类收集整理近三年学校档案资料，建立工作台账，确保数据与学校基础数据表一致。", office, depts),
            ("全面自查，撰写自查报告", month_cn(report),
             "对照全部评估指标开展自查，撰写自查报告，审核数据和材料的准确性和一致性，按要求报送上级教育行政部门。",
             "学校领导小组", depts),
            ("迎接督导评估，巩固提升成果", month_range_cn(after, year_end),
             "做好汇报材料、佐证材料和实地核查准备，配合做好县级评估和上级督导检查；对反馈问题认真整改，建立长效机制。",
             "学校领导小组", depts),
        ]
    return [{"task": t, "when": w, "measures": m, "lead": lead, "responsible": resp, "generated": True,
             "default": True, "note": ""} for t, w, m, lead, resp in rows]


def plan_rows(ctx, groups: list[dict], partly: list[dict], at: dt.date) -> list[dict]:
    """工作计划 rows: the project's own rows (or, without any, default rows dated from dossier.yaml) and one
    generated row per gap group and per 基本达标 item, in the order of their 完成时间 (start, then end; a row
    naming no date stays after the row before it): the own rows keep their order and each generated row goes
    before the first own row that starts later (ties: own rows first). Numbered 一、二、… in that order."""
    own = []
    for row in ctx.facts.plan or []:
        own.append({"task": _strip_number(str(row.get("目标任务", "") or "")),
                    "when": str(row.get("完成时间", "") or ""), "measures": str(row.get("工作措施", "") or ""),
                    "lead": str(row.get("牵头单位", "") or ""), "responsible": str(row.get("责任单位", "") or ""),
                    "generated": False, "note": ""})
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
                    "responsible": g["responsible"], "generated": True, "code": g["code"], "note": g["risk_text"]})
    for i in partly:
        due = redated(ctx.rectification.measures[i["code"]].due, at)
        gen.append({"task": f"提升{i['title']}水平",
                    "when": f"{date_cn(due)}前", "note": "",
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
        row["label"] = f"{cn_numeral(i)}、{row['task']}"
    return rows

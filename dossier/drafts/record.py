"""What the project has done and what changed, as the drafts tell it: the three years of figures
(`compute.trends`) as sentences and a table, and the 主要工作 items (load.work) grouped into the sections the
reports and briefings use, each worded in the document's own register — the report states findings ("实施了…，
投入…"), the briefing speaks in the first person plural ("我们…"), the plan states the base it builds on — and
dated: a draft tells only what was done (or begun) by its own date.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from dossier.core.zh import fmt_num, join_cn
from dossier.load.work import ORGANISATION

# the sections of 主要工作 / 主要做法, in order: (key, report heading, briefing heading, categories, area words)
SECTIONS = [
    ("org", "加强组织领导，健全推进机制", "高位推动，压实工作责任", {ORGANISATION}, ()),
    ("conditions", "加大经费投入，改善办学条件", "加大投入，补齐办学条件短板",
     {"新建改扩建校舍/场地", "购置设备", "调整学校规模与班额"}, ("资源", "办学条件")),
    ("teachers", "加强教师队伍建设", "配强师资，优化教师队伍结构", {"补充教师/交流轮岗"}, ("教师", "队伍")),
    ("support", "落实政府保障责任", "健全机制，强化政府保障", {"经费与制度"}, ("保障",)),
    ("quality", "深化教育教学改革，提升教育质量", "深化改革，提升育人质量", set(), ("质量",)),
    ("trust", "加强宣传引导，提升社会认可度", "凝聚合力，提升群众满意度", set(), ("认可", "满意")),
]
GROWTH = [  # column, what it is, unit, decimals
    ("教学及辅助用房面积", "教学及辅助用房", "平方米", 0), ("体育运动场馆面积", "体育运动场馆", "平方米", 0),
    ("教学仪器设备值", "教学仪器设备值", "万元", 1), ("网络多媒体教室数", "网络多媒体教室", "间", 0),
    ("计算机台数", "计算机", "台", 0), ("图书册数", "图书", "万册", 2), ("专任教师数", "专任教师", "人", 0),
]


def _section_of(category: str) -> str:
    for key, _, _, cats, words in SECTIONS:
        if category in cats or any(w in category for w in words):
            return key
    return "quality"


# ---------------------------------------------------------------------------------------------------- trends
def known_trends(ctx, at: dt.date):
    """The years a draft dated `at` may speak of: the earlier years' tables, and the assessment year's once
    the self-check that produced it is over (a plan written before it cites only the years before)."""
    t = ctx.trends
    if t is None:
        return None
    done = at >= ctx.rectification.schedule.check_end
    years = [y for y in t.years if y.year < ctx.project.year or done]
    return dataclasses.replace(t, years=years)


def trend_context(ctx, at: dt.date) -> dict:
    t = known_trends(ctx, at)
    if t is None or not t.present:
        return {"present": False, "rows": [], "growth_text": "", "rises": [], "cv_falls": [], "passing_text": "",
                "span": "", "n_years": 0}
    first, last = t.first, t.last
    growth = []
    for col, label, unit, decimals in GROWTH:
        d = t.growth(col)
        if d is None or round(d, decimals) <= 0:
            continue
        if unit == "万册":
            d = d / 10000
        growth.append(f"{label}{fmt_num(d, decimals)}{unit}")
    return {
        "present": True, "span": f"{first.year}—{last.year}年", "n_years": len(t.years),
        "first": first.year, "last": last.year, "years": [y.year for y in t.years],
        "growth_text": join_cn(growth), "senior_note": t.senior_note,
        "rises": _rises(ctx, first, last), "cv_falls": _cv_moves(ctx, first, last),
        "passing_text": _passing(first, last, ctx.project.level == "county"), "rows": _rows(ctx, t),
    }


def _unit_of(leaf) -> str:
    return leaf.evaluate.unit if leaf is not None else ""


def _rises(ctx, first, last, per_stage: int = 3) -> list[str]:
    """"小学生均教学仪器设备值由2,435元提高到2,856元": per 学段, the indicators whose county mean rose most (by
    at least 2 %), largest first."""
    index = ctx.framework.index()
    out = []
    for stage, per in last.means.items():
        rises = []
        for code, b in per.items():
            a = first.means.get(stage, {}).get(code)
            if a and b >= a * 1.02:
                rises.append((b / a, code, a, b))
        for _, code, a, b in sorted(rises, reverse=True)[:per_stage]:
            leaf = index.get(code)
            digits = 0 if abs(b) >= 100 else 2
            unit = _unit_of(leaf)
            out.append(f"{stage}{leaf.title if leaf else code}由{fmt_num(a, digits)}{unit}提高到{fmt_num(b, digits)}{unit}")
    return out


def _cv_moves(ctx, first, last, most: int = 3) -> list[str]:
    """The 差异系数 that fell by at least 0.005, largest fall first."""
    index = ctx.framework.index()
    falls = []
    for stage, per in last.cv.items():
        for code, b in per.items():
            a = first.cv.get(stage, {}).get(code)
            if a is not None and b <= a - 0.005:
                falls.append((a - b, stage, code, a, b))
    return [f"{stage}{index[code].title if code in index else code}差异系数由{fmt_num(a, 3)}降至{fmt_num(b, 3)}"
            for _, stage, code, a, b in sorted(falls, reverse=True)[:most]]


def _passing(first, last, county: bool) -> str:
    parts = []
    for stage, (n_b, rows_b) in last.passed.items():
        n_a = first.passed.get(stage, (None, 0))[0]
        if n_a is None or not rows_b or n_b <= n_a:
            continue
        parts.append(f"{stage}由{n_a}所增加到{n_b}所" if county else f"{stage}部由未达到变为达到")
    return "、".join(parts)


def _rows(ctx, t) -> list[dict]:
    """The trend table: per 学段 and indicator, the county mean each year and the 差异系数 first → last."""
    index = ctx.framework.index()
    rows = []
    for stage in t.last.means:
        for code in t.last.means[stage]:
            leaf = index.get(code)
            values = [y.means.get(stage, {}).get(code) for y in t.years]
            digits = 0 if all(v is None or abs(v) >= 100 for v in values) else 2
            cv_a, cv_b = t.first.cv.get(stage, {}).get(code), t.last.cv.get(stage, {}).get(code)
            rows.append({"stage": stage, "code": code, "title": leaf.title if leaf else code, "unit": _unit_of(leaf),
                         "vals": ["—" if v is None else fmt_num(v, digits) for v in values],
                         "cv": f"{fmt_num(cv_a, 3)}→{fmt_num(cv_b, 3)}" if cv_a is not None and cv_b is not None else "—"})
    return rows


# ---------------------------------------------------------------------------------------------------- work
def work_at(ctx, base: dict, at: dt.date) -> dict:
    """The 主要工作 items begun by `at`, grouped into sections, with each register's paragraphs."""
    names = {s.code: s.name for s in ctx.facts.schools}
    items = [i for i in ctx.facts.work if i.started_by(at)]
    sections = []
    for key, report_h, brief_h, _, _ in SECTIONS:
        mine = [i for i in items if _section_of(i.category) == key]
        facts = _section_facts(key, base, ctx)
        if not mine and not facts:
            continue
        sections.append({"key": key, "report_heading": report_h, "brief_heading": brief_h,
                         "report": _report_paragraph(mine, facts, names, at),
                         "brief": _brief_paragraph(mine, facts, names, at, key), "n_items": len(mine)})
    money = sum(i.money for i in items if i.money)
    done = [i for i in items if i.done_by(at)]
    intro = "；".join("，".join(p for p in (i.name, i.result) if p) for i in done if not i.feature)
    return {"present": bool(items), "sections": sections, "money": fmt_num(money, 0) if money else "",
            "intro": f"近年来，{'学校' if len(names) == 1 else '全县'}先后完成{intro}。" if intro else "",
            "n_items": len(items), "n_done": len(done),
            "features": [{"name": i.name, "text": _feature(i, names)} for i in items if i.feature],
            "base_text": _base_text(done, money, base)}


def _section_facts(key: str, base: dict, ctx) -> str:
    """The figures a section can always state, with or without 主要工作: the leading group, the facilities."""
    lg, ov = base["lg"], base["ov"]
    if key == "org" and lg["present"]:
        return (f"成立{lg['name']}，由{lg['leader_text']}任组长" + (f"，下设{len(base['wgs'])}个工作专班" if base["wgs"] else "")
                + "，制定实施方案和工作计划，明确目标任务、责任分工和完成时限")
    if key == "conditions" and ov["building"]:
        return (f"现有教学及辅助用房{ov['building']}、体育运动场馆{ov['sports']}、教学仪器设备值{ov['equipment']}"
                + (f"、网络多媒体教室{ov['multimedia']}间" if ov["multimedia"] else ""))
    if key == "teachers" and ov["teachers"]:
        return f"现有专任教师{ov['teachers']}人" + (f"，持证上岗{ov['certified']}人" if ov["certified"] else "")
    return ""


def _when(i, at: dt.date) -> str:
    if i.end is None:
        return ""
    month = f"{i.end.year}年{i.end.month}月"
    return f"{month}完成" if i.done_by(at) else f"正在实施，计划{month}完成"


def _schools_of(i, names) -> str:
    return join_cn(names.get(c, c) for c in i.schools)


def _money(i) -> str:
    if not i.money:
        return ""
    amount = f"投入{fmt_num(i.money, 1, strip=True)}万元"
    if not i.source:
        return amount
    return f"{amount}（{i.source}）" if "（" not in i.source else f"{amount}，资金来源为{i.source}"


def _report_paragraph(items, facts: str, names, at) -> list[str]:
    """Findings, one paragraph per item: "示例县第二中学综合楼新建工程：投入2,860万元（…），2024年8月完成，新增…"."""
    out = [facts + "。"] if facts else []
    for i in items:
        where = f"（{_schools_of(i, names)}）" if i.schools and len(i.schools) <= 4 and not _names_school(i, names) else ""
        parts = [p for p in (_money(i), _when(i, at), i.result) if p]
        out.append(f"{i.name}{where}：" + "，".join(parts) + "。" if parts else f"{i.name}{where}。")
    return out


def _names_school(i, names) -> bool:
    """Whether naming the item's schools would repeat what is plain: named in the item, or the only school."""
    return len(names) == 1 or any(names.get(c, c) in i.name for c in i.schools)


def _brief_paragraph(items, facts: str, names, at, key: str = "") -> list[str]:
    """The briefing, first person plural: the section's items as "一是…；二是…", with where things stand (the
    leading group first, the facilities and teachers after)."""
    numerals = "一二三四五六七八九十"
    parts = []
    for n, i in enumerate(items):
        lead = f"{numerals[n]}是" if len(items) > 1 and n < 10 else ""
        if i.end is not None and not i.done_by(at):
            state = "正在加快推进"
        elif i.end is not None and i.category == "新建改扩建校舍/场地":
            state = "已建成投用"
        else:
            state = ""
        money = f"投入{fmt_num(i.money, 1, strip=True)}万元" if i.money else ""
        parts.append("，".join(p for p in (f"{lead}{i.name}", money, state, i.result) if p))
    if len(parts) > 1:
        body = f"我们重点抓了{len(parts)}项工作：" + "；".join(parts) + "。"
    elif parts:
        body = "我们重点推进了" + parts[0] + "。"
    else:
        body = ""
    if facts and key == "org":
        return [f"我们{facts}。" + body]
    if facts:
        body += f"目前，{facts.replace('现有', '共有', 1)}。" if body else f"我们{facts}。"
    return [body] if body else []


def _feature(i, names) -> str:
    """A 特色 item's paragraph under its own heading: where and what it achieved."""
    where = f"在{_schools_of(i, names)}等学校，" if i.schools and not _names_school(i, names) else ""
    return f"{where}{i.result}。" if i.result else ""


def _base_text(done: list, money: float, base: dict) -> str:
    """The plan's 工作基础: the funded projects finished before the plan, in one clause."""
    funded = [i for i in done if i.money]
    if not funded:
        return ""
    names = join_cn(i.name for i in funded[:3]) + ("等" if len(funded) > 3 else "")
    total = sum(i.money for i in funded)
    return f"先后实施{names}{len(funded)}项重点项目，累计投入{fmt_num(total, 0)}万元"

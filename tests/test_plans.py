"""Plans that are true: the 差异系数 plan, measures with durations, dates that agree, the rectification cycle."""
from __future__ import annotations

import datetime as dt
import math
import re

import pytest

from dossier.compute.context import load
from kit import ROOT

COUNTY = ROOT / "content" / "示例县"


@pytest.fixture(scope="module")
def county():
    return load(COUNTY)


def test_c6_plan_by_hand(county):
    """The example county's primary C6 (生均教学仪器设备值, limit 0.50): the least common floor F, worked out here
    in closed form. With the set S of schools below F raised to F and the others (A) unchanged, the weighted mean
    and variance are
        m(F) = (ΣA P·x + F·ΣS P) / ΣP,   v(F) = (ΣA P·x² + F²·ΣS P) / ΣP − m(F)²,
    and the 差异系数 equals the limit L where v(F) = L²·m(F)²: a quadratic in F, solved below."""
    rows = [(r.indicators["C6"].value, r.students, r) for r in county.evaluation.schools
            if r.stage == "小学" and r.indicators["C6"].value is not None and r.students > 0]
    limit = 0.50
    values = sorted(x for x, _, _ in rows)
    floor = None
    for k in range(1, len(values)):                    # try S = the k lowest schools
        low, high = values[k - 1], values[k]
        S = [(x, p) for x, p, _ in rows if x <= low]
        A = [(x, p) for x, p, _ in rows if x > low]
        P, PS = sum(p for _, p in S + A), sum(p for _, p in S)
        s1, s2 = sum(p * x for x, p in A), sum(p * x * x for x, p in A)
        # v − L²m² = 0  ⇔  (s2 + F²PS)/P − (1 + L²)·((s1 + F·PS)/P)² = 0
        a = PS / P - (1 + limit ** 2) * PS ** 2 / P ** 2
        b = -2 * (1 + limit ** 2) * s1 * PS / P ** 2
        c = s2 / P - (1 + limit ** 2) * s1 ** 2 / P ** 2
        roots = [(-b + sgn * math.sqrt(b * b - 4 * a * c)) / (2 * a) for sgn in (1, -1) if b * b >= 4 * a * c]
        inside = [f for f in roots if low <= f <= high]
        if inside:
            floor = min(inside)
            break
    assert floor is not None and 2015 < floor < 2016            # ≈ 2,016 元 per student
    floor = max(floor, 2000)                                     # the threshold is lower: the 差异系数 decides
    below = [(x, p, r) for x, p, r in rows if x < floor]
    assert len(below) == 4
    # each school's addition in 万元: (F − x) × students ÷ 10,000, rounded up to 0.1万元
    adds = {r.name: math.ceil((floor - x) * p / 10000 * 10 - 1e-9) / 10 for x, p, r in below}
    assert round(sum((floor - x) * p / 10000 for x, p, _ in below), 1) == 49.7     # before rounding
    (plan,) = county.evaluation.cv_plans
    assert (plan.stage, plan.code, plan.unit) == ("小学", "C6", "万元")
    assert abs(plan.floor - floor) < 0.01
    assert {s.name: s.add for s in plan.schools} == adds
    assert plan.total == round(sum(adds.values()), 1) == 49.9
    assert plan.cv_before > 0.5 >= plan.cv_after
    # the 差异系数 after the rounded additions, recomputed here
    after = []
    for x, p, r in rows:
        add = adds.get(r.name, 0.0)
        after.append((x + add * 10000 / p, p))
    mean = sum(x * p for x, p in after) / sum(p for _, p in after)
    sd = math.sqrt(sum(p * (x - mean) ** 2 for x, p in after) / sum(p for _, p in after))
    assert abs(sd / mean - plan.cv_after) < 1e-9 and sd / mean <= 0.5


def test_cv_plans_in_check_json(county):
    doc = county.evaluation.to_json()
    (plan,) = doc["cv_plans"]
    assert set(plan) == {"stage", "code", "floor", "unit", "total", "cv_before", "cv_after", "schools"}
    assert plan["floor"] == pytest.approx(2015.65, abs=0.01) and plan["total"] == 49.9
    assert [s["name"] for s in plan["schools"]] == ["示例县第二小学", "青石镇石门小学", "柳河镇河湾小学", "马鞍乡中心小学"]


# ---------------------------------------------------------------------------------------------------- dates

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
PROMISE_BEFORE = re.compile(r"(计划于|预计于|拟于|将于)$")


def date_problems(text: str, own: dt.date) -> list[str]:
    """Every full date in `text` against the draft's own date: a deadline ("…日前", "计划于…") must not be
    before it, anything else (an event the draft reports) must not be after it."""
    out = []
    for m in DATE.finditer(text):
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        promise = text[m.end():m.end() + 1] == "前" or PROMISE_BEFORE.search(text[max(0, m.start() - 3):m.start()])
        if promise and d < own:
            out.append(f"promises {m.group(0)}前 before its own date: …{text[max(0, m.start() - 30):m.end() + 5]}…")
        if not promise and d > own:
            out.append(f"reports {m.group(0)} after its own date: …{text[max(0, m.start() - 30):m.end() + 5]}…")
    return out


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    from dossier import api
    out = {}
    for name in ("示例县", "示例学校"):
        folder = tmp_path_factory.mktemp(name)
        ctx = load(ROOT / "content" / name)
        out[name] = (ctx, api.draft(ROOT / "content" / name, None, folder, ("md",), context=ctx).written)
    return out


@pytest.mark.parametrize("name", ["示例县", "示例学校"])
def test_no_draft_reports_the_future_or_promises_the_past(drafted, name):
    from dossier.drafts import kinds
    ctx, paths = drafted[name]
    assert len(paths) == len(kinds.for_level(ctx.project.level))
    problems = []
    for path in paths:
        kind = next(k for k in kinds.for_level(ctx.project.level)
                    if path.stem == kinds.file_stem(ctx, k))
        own = kind.date(ctx.project) or ctx.project.build_time().date()
        problems += [f"{path.name}: {p}" for p in date_problems(path.read_text("utf-8"), own)]
    assert not problems, "\n".join(problems)


def test_the_date_rule_itself():
    own = dt.date(2025, 9, 20)
    assert date_problems("2025年9月30日前完成；2025年8月25日完成", own) == []
    assert len(date_problems("2025年8月31日前完成", own)) == 1            # a deadline already past
    assert len(date_problems("于2025年10月28日召开", own)) == 1            # an event that has not happened
    assert date_problems("计划于2025年10月28日迎接评估", own) == []


def test_deadlines_differ_by_measure_kind(county):
    from dossier.drafts.context import build_context, kind_context
    from dossier.drafts import kinds
    context = kind_context(build_context(county), county, kinds.get("工作计划"))
    generated = {r["code"]: r["when"] for r in context["plan"] if r.get("code")}
    assert generated["C6"] == "2025年9月30日前"              # 购置设备: four months from June
    assert generated["C2"] == "2025年8月31日前"              # 补充教师: three months
    assert generated["C26"] == "2025年7月31日前"             # 经费与制度: two months
    assert generated["C5"] == "2026年5月31日前"              # building work: a year, after the inspection
    notes = {r["code"]: r["note"] for r in context["plan"] if r.get("code")}
    assert notes["C5"].startswith("预计评估前不能完成，需") and notes["C6"] == ""


def test_drafts_after_the_rectification_report_it(drafted):
    ctx, paths = drafted["示例县"]
    text = {p.stem.removeprefix("示例县义务教育优质均衡发展"): p.read_text("utf-8") for p in paths}
    assert "已为" not in text["实施方案"] and "初步测算" in text["实施方案"]            # before the self-check
    assert "新增采购理化生实验仪器和音体美器材13.6万元" in text["汇报材料"]
    assert "为4所小学新增教学仪器设备49.9万元" in text["整改报告"]
    assert "经测算" in text["工作计划"] and "49.9万元" in text["工作计划"]
    ledger = text["销号台账"]
    assert ledger.count("已销号") >= 1 and "2025年9月12日" in ledger
    assert "已整改销号" in text["自评报告"]

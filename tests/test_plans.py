"""Plans that are true: the 差异系数 plan, measures with durations, dates that agree, the rectification cycle."""
from __future__ import annotations

import math

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

"""The 差异系数 plan: what closes a 差异系数 that is over its limit, at the least cost.

For one indicator in one 学段, every school below a common floor F is raised to F and the schools above F are left
as they are. F is the larger of the threshold (a school must reach it anyway) and the least floor at which the
差异系数 falls to its limit; the additions are then rounded up in the indicator's planning unit per school
(teachers and rooms whole, m² and 万元 to one decimal; for a resource a multi-学段 school shares, both the 学段's
part and the whole school), and the 差异系数 after the rounded additions is checked against the limit (F is
raised until it holds).

Why a common floor is the cheapest plan. Let the schools have values Xᵢ and enrolments Pᵢ, and let a plan add
aᵢ ≥ 0 to each value. The cost of a plan is proportional to ΣPᵢaᵢ, and that is exactly ΣPᵢ times the rise of the
weighted mean X̄ = ΣPᵢXᵢ/ΣPᵢ: whatever way a budget is spent, it raises the mean by the same amount. So the
cheapest plan that reaches the limit is, for the least reachable mean, the one with the smallest variance. For a
fixed mean m the problem  min ΣPᵢ(Xᵢ + aᵢ − m)²  subject to  ΣPᵢaᵢ = const, aᵢ ≥ 0  is convex, and its KKT
conditions read  2Pᵢ(Xᵢ + aᵢ − m) − λPᵢ − μᵢ = 0,  μᵢ ≥ 0,  μᵢaᵢ = 0: every school that receives something
(aᵢ > 0, μᵢ = 0) ends at the same level Xᵢ + aᵢ = m + λ/2 = F, and every school that receives nothing
(μᵢ ≥ 0) is already at or above F. That is water-filling: the lowest schools filled to one level. Raising F
never raises the 差异系数 (max(x, F) is 1-Lipschitz, so the variance cannot grow, while the mean grows), so the
least F is found by bisection.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from dossier.compute.cv import EPS, weighted_cv
from dossier.compute.model import CV, SchoolResult
from dossier.config.framework import Node


@dataclass
class PlanSchool:
    code: str
    name: str
    value: float                   # the school's value now, in the indicator's unit (元 per student …)
    add: float                     # what the 学段's part needs, in the planning unit, rounded up
    whole: float | None = None     # for a shared resource: what the whole school adds, rounded up
    after: float = 0.0             # the value after the rounded addition

    def to_json(self) -> dict:
        out = {"code": self.code, "name": self.name, "value": round(self.value, 4), "add": self.add}
        if self.whole is not None:
            out["whole"] = self.whole
        return out


@dataclass
class CvPlan:
    stage: str
    code: str
    title: str
    floor: float                   # F, in the indicator's unit
    value_unit: str                # the indicator's unit (元, 平方米 …)
    unit: str                      # the planning unit of the additions (万元, 人 …)
    total: float                   # what the schools add in all, in the planning unit (whole schools)
    cv_before: float
    cv_after: float
    limit: float
    schools: list[PlanSchool] = field(default_factory=list)
    decimals: int = 1              # how the planning unit is rounded (0 for whole teachers and rooms)

    def to_json(self) -> dict:
        return {"stage": self.stage, "code": self.code, "floor": round(self.floor, 2), "unit": self.unit,
                "total": self.total, "cv_before": round(self.cv_before, 3), "cv_after": round(self.cv_after, 3),
                "schools": [s.to_json() for s in self.schools]}


def _rounding(node: Node, column_unit: str, whole_units: bool) -> tuple[str, int]:
    """The planning unit of a leaf and its decimals: its gap spec, else the column's unit."""
    gap = getattr(node.evaluate, "gap", None)
    if gap is not None and gap.unit:
        return gap.unit, 0 if gap.integer else gap.decimals
    return column_unit, 0 if whole_units else 1


def _round_up(x: float, decimals: int) -> float:
    f = 10 ** decimals
    return math.ceil(x * f - EPS) / f


def _cv_at(pairs: list[tuple[float, float]], floor: float) -> float:
    cv, _ = weighted_cv([(max(x, floor), p) for x, p in pairs])
    return cv if cv is not None else 0.0


def least_floor(pairs: list[tuple[float, float]], limit: float) -> float:
    """The least F at which the 差异系数 of max(Xᵢ, F) is within `limit` (bisection; the 差异系数 does not rise
    with F)."""
    lo, hi = min(x for x, _ in pairs), max(x for x, _ in pairs)
    if _cv_at(pairs, lo) <= limit + EPS:
        return lo
    for _ in range(200):
        mid = (lo + hi) / 2
        if _cv_at(pairs, mid) <= limit:
            hi = mid
        else:
            lo = mid
        if hi - lo <= 1e-9 * max(1.0, abs(hi)):
            break
    return hi


def plan_for(node: Node, c: CV, rows: list[SchoolResult], threshold: float | None, column_unit: str,
             whole_units: bool) -> CvPlan | None:
    """The plan that brings `c` (one 学段's 差异系数 of `node`, over its limit) within its limit."""
    if c.cv is None or c.limit is None or c.met is not False:
        return None
    schools = [r for r in rows if node.code in r.indicators and r.indicators[node.code].value is not None
               and r.students > 0]
    pairs = [(r.indicators[node.code].value, r.students) for r in schools]
    unit, decimals = _rounding(node, column_unit, whole_units)
    floor = max(least_floor(pairs, c.limit), threshold if threshold is not None else -math.inf)
    step = max(abs(floor), 1.0) * 1e-4
    for _ in range(1000):                       # raise F until the rounded additions keep within the limit
        plan = _rounded(node, c, schools, floor, unit, decimals)
        if plan.cv_after <= c.limit + EPS:
            return plan
        floor += step
    return plan


def _rounded(node: Node, c: CV, schools: list[SchoolResult], floor: float, unit: str, decimals: int) -> CvPlan:
    out, after_pairs, total = [], [], 0.0
    for r in schools:
        v = r.indicators[node.code]
        if v.value >= floor - EPS:
            after_pairs.append((v.value, r.students))
            continue
        f = v.figures
        part = (floor - v.value) * f["students"] / f["scale"]
        share = f.get("share", 1.0)
        add = _round_up(part, decimals)
        whole = _round_up(part / share, decimals) if share not in (0, 1.0) else None
        added = whole * share if whole is not None else add          # what reaches the 学段's part
        after = (f["part"] + added) * f["scale"] / f["students"]
        out.append(PlanSchool(r.code, r.name, v.value, add, whole, after))
        after_pairs.append((after, r.students))
        total += whole if whole is not None else add
    cv_after, _ = weighted_cv(after_pairs)
    return CvPlan(c.stage, node.code, node.title, floor, node.evaluate.unit, unit, round(total, decimals),
                  c.cv, cv_after if cv_after is not None else 0.0, c.limit, out, decimals)

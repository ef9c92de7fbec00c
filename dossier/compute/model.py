"""What the compute stage hands on: every indicator's value per school and 学段, the 差异系数, each leaf's
county-level outcome, the gaps, the vetoes and the survey, as one `Evaluation`. Every later stage (drafts,
binding, publish) reads it and never recomputes a figure, so documents and tables agree everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUS_MET = "达标"
STATUS_PARTLY = "基本达标"
STATUS_MISSED = "未达标"
STATUS_MISSING = "未填报"
STATUS_NA = "不适用"


@dataclass
class Value:
    """One indicator for one school and 学段 (or the whole school when stage is None)."""
    code: str
    value: float | None
    threshold: float | None
    ratio: float | None            # value / threshold (for a ≤ limit: limit / value)
    met: bool | None               # None: not evaluated (data not reported)
    basis: str = ""                # the figures used, in words
    figures: dict = field(default_factory=dict)   # named inputs (numerator, denominator, share…)

    def to_json(self) -> dict:
        return {"value": _r(self.value), "threshold": self.threshold, "ratio": _r(self.ratio), "met": self.met}


@dataclass
class SchoolResult:
    code: str
    name: str
    stage: str                     # 小学 | 初中
    type: str
    area: str
    students: float
    indicators: dict[str, Value]
    met_count: int = 0
    passed: bool | None = None     # the 6-of-7-and-85% rule
    reason: str = ""               # why it passed or failed, in words

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "stage": self.stage,
                "indicators": {k: v.to_json() for k, v in self.indicators.items()},
                "met_count": self.met_count, "passed": self.passed}


@dataclass
class CV:
    """The weighted 差异系数 of one indicator in one 学段."""
    code: str
    stage: str
    cv: float | None
    limit: float | None
    met: bool | None
    mean: float | None             # the enrolment-weighted mean X̄
    n: int                         # schools counted
    # schools that pull the CV up most: [{school, code, value, students, cv_if_mean}], worst first
    drivers: list[dict] = field(default_factory=list)


@dataclass
class IndicatorResult:
    """A leaf indicator's county-level (or school-level, in a school project) outcome."""
    code: str
    title: str
    area_code: str
    area_title: str
    status: str                    # 达标 | 基本达标 | 未达标 | 未填报 | 不适用
    value: str                     # for display, e.g. "6800元" or "小学0.312，初中0.287"
    threshold: str                 # for display, e.g. "≥6000元"
    basis: str                     # why: the figures used, or the self-assessment's basis
    standard: str = ""
    kind: str = ""                 # evaluate.type
    note: str = ""                 # the user's 说明

    def to_json(self) -> dict:
        return {"code": self.code, "title": self.title, "status": self.status, "value": self.value,
                "threshold": self.threshold, "basis": self.basis}


@dataclass
class Gap:
    code: str                      # indicator code
    title: str                     # indicator title
    school: str                    # school name, or the unit's name for a county-level gap
    school_code: str | None
    stage: str | None              # 小学 | 初中 | None
    current: float | str | None
    required: float | str | None
    shortfall: float | None        # in `unit`, rounded as a planner needs it
    unit: str
    text: str                      # e.g. "需增加网络多媒体教室2间"
    whole_school: float | None = None   # for a shared resource at a multi-学段 school: what the school adds in total

    def to_json(self) -> dict:
        return {"code": self.code, "school": self.school, "stage": self.stage, "current": _r(self.current),
                "required": _r(self.required), "shortfall": self.shortfall, "unit": self.unit, "text": self.text}


@dataclass
class Evaluation:
    framework_id: str
    framework_title: str
    unit: str                      # 单位全称
    level: str                     # county | school
    schools: list[SchoolResult]
    cv: dict[str, dict[str, CV]]   # stage → code → CV
    cv_limit: dict[str, float]
    indicators: list[IndicatorResult]
    gaps: list[Gap]
    vetoes: list[dict]             # {code, title, value, met}
    survey: dict = field(default_factory=dict)   # {groups: {group: {favourable, valid, rate}}, rate, threshold}
    cv_plans: list = field(default_factory=list)  # compute.cvplan.CvPlan for every 差异系数 over its limit

    def indicator(self, code: str) -> IndicatorResult | None:
        return next((i for i in self.indicators if i.code == code), None)

    @property
    def missed(self) -> bool:
        return (bool(self.gaps) or any(i.status == STATUS_MISSED for i in self.indicators)
                or any(v.get("met") is False for v in self.vetoes)
                or any(s.passed is False for s in self.schools))

    def to_json(self) -> dict:
        return {
            "framework": self.framework_id,
            "unit": self.unit,
            "schools": [s.to_json() for s in self.schools],
            "cv": {stage: {code: _r(c.cv, 3) for code, c in per.items()} for stage, per in self.cv.items()},
            "cv_limit": self.cv_limit,
            "indicators": [i.to_json() for i in self.indicators],
            "gaps": [g.to_json() for g in self.gaps],
            "vetoes": self.vetoes,
            "cv_plans": [p.to_json() for p in self.cv_plans],
        }


def _r(x: Any, digits: int = 4) -> Any:
    return round(x, digits) if isinstance(x, float) else x

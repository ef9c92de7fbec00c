"""Three years of figures: each year's school table (load.years) evaluated with the same framework, and what
the drafts report from them — totals for the compulsory stages, the enrolment-weighted county mean and the
差异系数 of every per-school indicator, and how many schools met the school rule, per year.

Totals are for the compulsory stages: a 完全中学's or 十二年一贯制学校's whole-school figure is split by weighted
enrolment (the framework's split weights, as the indicators split shared resources), its senior share left out;
teachers there are split the same way. `senior_note` says so when it applies.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from dossier.compute.rules import stage_share
from dossier.load.model import School

TOTALS = ("教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数", "计算机台数", "图书册数",
          "专任教师数", "持证专任教师数", "中级及以上职称教师数")
SENIOR_TYPES = ("完全中学", "十二年一贯制学校")


@dataclass
class YearFigures:
    year: int
    n_schools: int
    students: dict[str, float]                  # stage → students
    totals: dict[str, float]                    # column → compulsory-stage total
    means: dict[str, dict[str, float]]          # stage → code → enrolment-weighted county mean
    cv: dict[str, dict[str, float]]             # stage → code → 差异系数
    passed: dict[str, tuple[int, int]]          # stage → (school rows meeting the school rule, rows)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Trends:
    years: list[YearFigures] = field(default_factory=list)
    senior_note: str = ""                       # which schools' senior share is left out

    @property
    def present(self) -> bool:
        return len(self.years) > 1

    @property
    def first(self) -> YearFigures:
        return self.years[0]

    @property
    def last(self) -> YearFigures:
        return self.years[-1]

    def growth(self, column: str) -> float | None:
        a, b = self.first.totals.get(column), self.last.totals.get(column)
        return None if a is None or b is None else b - a

    def to_json(self) -> dict:
        return {"years": [y.to_json() for y in self.years], "senior_note": self.senior_note}


def compulsory_total(schools: list[School], column: str, weights: dict[str, float]) -> float | None:
    """The column summed over the schools, each school's senior share (if any) left out."""
    values = [(s, s.get(column)) for s in schools if s.get(column) is not None]
    if not values:
        return None
    total = 0.0
    for s, v in values:
        if s.type in SENIOR_TYPES and s.get("高中在校生数"):
            v *= stage_share(s, "小学", weights) + stage_share(s, "初中", weights)
        total += v
    return total


def year_figures(year: int, schools: list[School], evaluation, fw) -> YearFigures:
    weights = fw.split_weights
    stages = [st for st in fw.stages if any(st in s.stages for s in schools)]
    passed = {}
    for st in stages:
        rows = [r for r in evaluation.schools if r.stage == st and r.passed is not None]
        passed[st] = (sum(1 for r in rows if r.passed), len(rows))
    return YearFigures(
        year=year, n_schools=len(schools),
        students={st: sum(s.students(st) for s in schools) for st in stages},
        totals={c: t for c in TOTALS if (t := compulsory_total(schools, c, weights)) is not None},
        means={st: {code: c.mean for code, c in per.items() if c.mean is not None}
               for st, per in evaluation.cv.items()},
        cv={st: {code: c.cv for code, c in per.items() if c.cv is not None} for st, per in evaluation.cv.items()},
        passed=passed)


def trends(project, fw, facts, evaluation, evaluate) -> Trends:
    """Every year with a table, oldest first; the assessment year's figures from `evaluation`."""
    out = Trends()
    for year in sorted(facts.history):
        schools = facts.history[year]
        later = evaluate(project, fw, dataclasses.replace(facts, schools=schools, history={}, rechecks=[]))
        out.years.append(year_figures(year, schools, later, fw))
    out.years.append(year_figures(project.year, facts.schools, evaluation, fw))
    out.senior_note = senior_note(facts.schools)
    return out


def senior_note(schools: list[School]) -> str:
    """Which schools' senior share the compulsory-stage totals leave out, in words ("" when none)."""
    seniors = [s.name for s in schools if s.type in SENIOR_TYPES and s.get("高中在校生数")]
    if not seniors:
        return ""
    return f"{'、'.join(seniors)}含高中部分，其校舍、仪器设备、图书和教师按在校生折算后只计义务教育部分"

"""Evaluation rules: one class per evaluation type of the framework (`dossier.config.evaluation`), registered
under the type's name. A rule knows how its leaf is valued for one school and 学段 (the per-school types),
which gaps a miss leaves, and how the county (or the school of a school project) stands on the leaf.

Adding an evaluation type is its parameter model in `dossier.config.evaluation` and one class here decorated
with `@register`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

from dossier.compute.cv import EPS
from dossier.compute.factcheck import base_fields, facts_result
from dossier.compute.model import (STATUS_MET, STATUS_MISSED, STATUS_MISSING, STATUS_PARTLY, Gap, IndicatorResult,
                                   SchoolResult, Value)
from dossier.config.evaluation import TYPES, FieldSpec, at
from dossier.config.framework import Framework, Node
from dossier.config.project import Project
from dossier.core.zh import num
from dossier.load.model import Facts, School


@dataclass
class Env:
    """What every rule may read: the project, framework and facts, and what rules leave for the evaluation."""
    project: Project
    framework: Framework
    facts: Facts
    survey: dict = field(default_factory=dict)     # filled by the survey rule


RULES: dict[str, type["Rule"]] = {}


def register(cls: type["Rule"]) -> type["Rule"]:
    RULES[cls.type] = cls
    return cls


def rule_for(node: Node, env: Env) -> "Rule":
    return RULES[node.type](node, env)


def ceil_to(x: float, digits: int) -> float:
    """Round up to `digits` decimals, so a stated shortfall really closes the gap."""
    f = 10 ** digits
    return math.ceil(x * f - EPS) / f


def stage_share(school: School, stage: str, weights: dict[str, float]) -> float:
    """The part of a whole-school resource that belongs to `stage`, by weighted enrolment (1 : 1.1 : 1.32)."""
    parts = {"小学": school.students("小学"), "初中": school.students("初中"),
             "高中": float(school.get("高中在校生数") or 0)}
    total = sum(weights.get(k, 1.0) * v for k, v in parts.items())
    if total <= 0:
        return 0.0
    return weights.get(stage, 1.0) * parts[stage] / total


def stage_column(template: str, stage: str | None) -> str:
    return template.replace("{学段}", stage or "")


class Rule:
    type: ClassVar[str]
    whole_school: ClassVar[bool] = False   # one value for the whole school: its gaps are recorded once

    def __init__(self, node: Node, env: Env):
        self.node, self.p, self.env = node, node.evaluate, env

    @property
    def per_school(self) -> bool:
        """Valued per school from the table: what the type's parameters say its default scope is."""
        return TYPES[self.type].default_scope == "school"

    @property
    def has_cv(self) -> bool:
        """Its values have a 差异系数 across schools (the framework says so and gives the limits)."""
        return self.per_school and self.env.framework.cv_limits(self.node) is not None

    def school_value(self, school: School, stage: str) -> Value | None:
        return None

    def school_gaps(self, school: School, stage: str, v: Value) -> list[Gap]:
        return []

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        raise NotImplementedError

    def county_gaps(self, ind: IndicatorResult) -> list[Gap]:
        return []

    def threshold_text(self) -> str:
        return ""

    def gap(self, school: School, stage: str | None, **kw) -> Gap:
        return Gap(self.node.code, self.node.title, school.name, school.code, stage, **kw)

    def county_gap(self, **kw) -> Gap:
        return Gap(self.node.code, self.node.title, self.env.project.unit_name, None, None, **kw)


# ---------------------------------------------------------------------------------------------------- per school

class PerSchool(Rule):
    """A per-school type: its county outcome is how many schools meet it (and its 差异系数, where it has one)."""

    def cv_parts(self, cvs: dict) -> tuple[list[str], bool]:
        """The 差异系数 of each 学段 in words, and whether any is over its limit."""
        parts, bad = [], False
        for stage, per in cvs.items():
            c = per.get(self.node.code)
            if c is not None and c.cv is not None:
                parts.append(f"{stage}差异系数{c.cv:.3f}（≤{c.limit:.2f}）")
                bad |= c.met is False
        return parts, bad

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        node, project = self.node, self.env.project
        rows = [r for r in rows if node.code in r.indicators]
        missing = [r for r in rows if r.indicators[node.code].met is False]
        unknown = [r for r in rows if r.indicators[node.code].value is None]
        cv_parts, cv_bad = self.cv_parts(cvs)
        first = {}
        for i, r in enumerate(rows):
            first.setdefault(r.name, i)
        names = sorted({r.name for r in missing}, key=first.__getitem__)
        count = len({r.code for r in rows})
        base = base_fields(node)
        if project.level == "county":
            value = f"{count}所学校中{len(names)}所未达到" if names else f"{count}所学校均达到"
            if cv_parts:
                value += "；" + "，".join(cv_parts)
        else:
            value = self.value_text(rows)
        if unknown and not missing and not cv_bad:
            status = STATUS_MISSING
        elif cv_bad:
            status = STATUS_MISSED
        elif not missing:
            status = STATUS_MET
        elif self.type == "ratio" and all(r.passed for r in missing):
            status = STATUS_PARTLY
        else:
            status = STATUS_MISSED
        basis = ("未达到的学校：" + "、".join(names)) if names else "全部学校达到要求"
        rule = self.env.framework.settings.school_rule
        if self.type == "ratio" and missing and status == STATUS_PARTLY and rule is not None:
            basis += f"（均符合“{rule.words()}”的要求）"
        if unknown:
            basis += "；数据未填报：" + "、".join(sorted({r.name for r in unknown}))
        return IndicatorResult(**base, status=status, value=value, threshold=self.threshold_text(), basis=basis,
                               note=note)

    def value_text(self, rows: list[SchoolResult]) -> str:
        """The value at the one school of a school project, with its unit."""
        vals = [(r.stage, r.indicators[self.node.code]) for r in rows
                if r.indicators[self.node.code].value is not None]
        if not vals:
            return ""
        return "；".join(f"{stage}{num(x.value)}{self.p.unit}" for stage, x in vals)


@register
class RatioRule(PerSchool):
    """numerator × (the 学段's share of a shared resource) × scale ÷ 学段在校生."""
    type = "ratio"

    def school_value(self, school: School, stage: str) -> Value:
        p, code = self.p, self.node.code
        column = stage_column(p.numerator, stage)
        students = school.students(stage)
        raw = school.get(column)
        threshold = at(p.threshold, stage) if self.type == "ratio" else None
        if raw is None:
            return Value(code, None, threshold, None, None, basis=f"“{column}”未填报")
        env = self.env
        share = stage_share(school, stage, env.framework.split_weights) if column in env.framework.shared_columns \
            else 1.0
        part = raw * share
        value = part * p.scale / students if students else None
        figures = {"column": column, "raw": raw, "share": share, "part": part, "students": students, "scale": p.scale}
        basis = f"{column}{num(raw)}"
        if share != 1.0:
            basis += f"，按加权在校生拆分{stage}占{share:.1%}即{num(part)}"
        basis += f"；{stage}在校生{num(students)}人"
        if value is None:
            return Value(code, None, threshold, None, None, basis=basis, figures=figures)
        met = None if threshold is None else value >= threshold - EPS
        ratio = value / threshold if threshold else None
        return Value(code, value, threshold, ratio, met, basis=basis, figures=figures)

    def school_gaps(self, school: School, stage: str, v: Value) -> list[Gap]:
        if v.met is not False:
            return []
        gap, f = self.p.gap, v.figures
        missing = v.threshold * f["students"] / f["scale"] - f["part"]
        whole = missing / f["share"] if f["share"] not in (0, 1.0) else None
        shortfall = _round(missing, gap)
        text = (gap.text or "缺口{shortfall}{unit}").format(shortfall=_show(shortfall, gap), unit=gap.unit)
        whole_r = None
        if whole is not None:
            whole_r = _round(whole, gap)
            text += f"（{stage}部分；按共用资源拆分，全校需增加{_show(whole_r, gap)}{gap.unit}）"
        return [self.gap(school, stage, current=v.value, required=v.threshold, shortfall=shortfall, unit=gap.unit,
                         text=text, whole_school=whole_r)]

    def threshold_text(self) -> str:
        return stage_text(self.p.threshold, "≥", self.p.unit, self.env.framework.stages)


@register
class CvRule(RatioRule):
    """The ratio's value, judged by its 差异系数 only."""
    type = "cv"

    def school_gaps(self, school: School, stage: str, v: Value) -> list[Gap]:
        return []

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        parts, bad = self.cv_parts(cvs)
        status = STATUS_MISSED if bad else (STATUS_MISSING if not parts else STATUS_MET)
        count = len({r.code for r in rows if self.node.code in r.indicators})
        return IndicatorResult(**base_fields(self.node), status=status, value="；".join(parts),
                               threshold="差异系数不超过要求", basis=f"{count}所学校参与计算", note=note)


def stage_text(value, op: str, unit: str, stages: list[str]) -> str:
    """小学≥4.2人，初中≥5.3人 (one number for every 学段: ≥4.2人)."""
    if isinstance(value, dict):
        return "，".join(f"{s}{op}{num(float(t))}{unit}" for s, t in value.items())
    return f"{op}{num(float(value))}{unit}" if value is not None else ""


def _show(x: float, gap) -> str:
    if gap.integer:
        return num(x, 0)
    return f"{x:,.{gap.decimals}f}"


def _round(x: float, gap) -> float:
    if gap.integer:
        return float(math.ceil(x - EPS))
    return ceil_to(x, gap.decimals)


@register
class RoomsRule(PerSchool):
    """Specialised rooms: ⌈classes ÷ N⌉ (at least one) of each kind, each of at least its minimum area."""
    type = "rooms_per_classes"
    whole_school = True

    def school_value(self, school: School, stage: str) -> Value:
        p, code = self.p, self.node.code
        classes = sum(school.get(f"{s}班级数") or 0 for s in ("小学", "初中"))
        need = max(1, math.ceil(classes / float(p.classes_per_room) - EPS))
        parts, met, missing_data = [], True, False
        lacks: list[tuple[str, int, float, float]] = []   # (room, rooms short, avg area, min area)
        for room in p.rooms:
            count = school.get(room.count)
            area = school.get(room.area)
            if count is None:
                missing_data = True
                parts.append(f"{room.name}未填报")
                continue
            short = max(0, need - int(count))
            avg = (area / count) if (count and area is not None) else None
            small = avg is not None and room.min_area is not None and avg < room.min_area - EPS
            if short or small:
                met = False
                lacks.append((room.name, short, avg if avg is not None else 0.0, room.min_area))
            parts.append(f"{room.name}{num(count)}间" + (f"、均{num(avg, 1)}平方米" if avg is not None else ""))
        basis = f"全校{num(classes)}个班，应配各类专用教室{need}间；" + "，".join(parts)
        figures = {"classes": classes, "need": need, "lacks": lacks}
        if missing_data:
            return Value(code, None, float(need), None, None, basis=basis, figures=figures)
        value = float(min(school.get(r.count) or 0 for r in p.rooms))
        return Value(code, value, float(need), value / need if need else None, met, basis=basis, figures=figures)

    def school_gaps(self, school: School, stage: str, v: Value) -> list[Gap]:
        if v.met is not False:
            return []
        out = []
        for room, short, avg, min_area in v.figures["lacks"]:
            if short:
                out.append(self.gap(school, None, current=v.value, required=v.threshold, shortfall=float(short),
                                    unit="间", text=f"需增加{room}{short}间"))
            elif min_area is not None and avg < min_area:
                out.append(self.gap(school, None, current=round(avg, 1), required=min_area,
                                    shortfall=ceil_to(min_area - avg, 1), unit="平方米",
                                    text=f"{room}平均面积{num(avg, 1)}平方米，每间需扩至{num(min_area)}平方米以上"))
        return out

    def threshold_text(self) -> str:
        return f"每{num(self.p.classes_per_room)}个班各1间以上"

    def value_text(self, rows: list[SchoolResult]) -> str:
        v = next((r.indicators[self.node.code] for r in rows if r.indicators[self.node.code].value is not None), None)
        return "" if v is None else f"应配各类专用教室{num(v.threshold)}间，最少的一类{num(v.value)}间"


class LimitRule(PerSchool):
    """A figure that must not exceed a limit; a miss is stated as how far it is over."""

    def school_gaps(self, school: School, stage: str, v: Value) -> list[Gap]:
        if v.met is not False:
            return []
        gap = self.p.gap
        short = self.shortfall(v)
        text = (gap.text or "超出{shortfall}").format(shortfall=num(short))
        return [self.gap(school, None if self.whole_school else stage, current=v.value, required=v.threshold,
                         shortfall=float(short), unit=gap.unit, text=text)]

    def shortfall(self, v: Value) -> int:
        return math.ceil(v.value - v.threshold - EPS)


@register
class EnrolmentRule(LimitRule):
    type = "enrolment_max"
    whole_school = True

    def school_value(self, school: School, stage: str) -> Value:
        limit = self.p.limit.get(school.type)
        students = school.compulsory_students
        if limit is None:
            return Value(self.node.code, students, None, None, None, basis=f"学校类型{school.type}无规模上限")
        return Value(self.node.code, students, limit, limit / students if students else None,
                     students <= limit + EPS, basis=f"义务教育阶段在校生{num(students)}人，上限{num(limit)}人")

    def threshold_text(self) -> str:
        if self.p.text or not self.p.limit:
            return self.p.text
        by_limit: dict[float, list[str]] = {}
        for kind, limit in self.p.limit.items():
            by_limit.setdefault(limit, []).append(kind)
        common = max(by_limit, key=lambda k: len(by_limit[k]))
        others = "，".join(f"{'、'.join(kinds)}≤{num(limit)}人" for limit, kinds in by_limit.items() if limit != common)
        return f"≤{num(common)}人" + (f"（{others}）" if others else "")

    def value_text(self, rows: list[SchoolResult]) -> str:
        v = next((r.indicators[self.node.code] for r in rows if r.indicators[self.node.code].value is not None), None)
        return "" if v is None else f"{num(v.value)}人"


@register
class ColumnMaxRule(LimitRule):
    type = "column_max"

    def school_value(self, school: School, stage: str) -> Value:
        column = stage_column(self.p.column, stage)
        limit = at(self.p.limit, stage)
        value = school.get(column)
        if value is None:
            return Value(self.node.code, None, limit, None, None, basis=f"“{column}”未填报")
        met = None if limit is None else value <= limit + EPS
        return Value(self.node.code, value, limit, (limit / value) if (limit and value) else None, met,
                     basis=f"{column}{num(value)}人，上限{num(limit)}人")

    def threshold_text(self) -> str:
        return stage_text(self.p.limit, "≤", self.p.unit or "人", self.env.framework.stages)

    def value_text(self, rows: list[SchoolResult]) -> str:
        vals = [(r.stage, r.indicators[self.node.code]) for r in rows
                if r.indicators[self.node.code].value is not None]
        return "；".join(f"{stage}{num(x.value)}{self.p.unit or '人'}" for stage, x in vals)


@register
class ShareRule(LimitRule):
    """numerator ÷ denominator in percent, per school; without school figures, the county fact `fact`."""
    type = "share"
    whole_school = True

    def school_value(self, school: School, stage: str) -> Value | None:
        p = self.p
        n, d = school.get(p.numerator), school.get(p.denominator)
        if n is None or not d:
            return None              # evaluated from the county fact instead
        value = 100.0 * n / d
        threshold = at(p.threshold, stage)
        if threshold is None:
            return None
        return Value(self.node.code, value, threshold, value / threshold if threshold else None,
                     value >= threshold - EPS,
                     basis=f"{p.numerator}{num(n)}人 / {p.denominator}{num(d)}人 = {num(value, 1)}%",
                     figures={"n": n, "d": d})

    def shortfall(self, v: Value) -> int:
        return math.ceil(v.threshold / 100.0 * v.figures["d"] - v.figures["n"] - EPS)

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        if any(self.node.code in r.indicators for r in rows):
            return super().result(rows, cvs, note)
        threshold = self.p.threshold if isinstance(self.p.threshold, float) else min(self.p.threshold.values())
        spec = FieldSpec(name=self.p.fact, unit="%", op=">=", value=threshold)
        entry = self.env.facts.county.get(self.node.code, {})
        return facts_result(self.node, [spec], entry, note)

    def threshold_text(self) -> str:
        return stage_text(self.p.threshold, "≥", "%", self.env.framework.stages)

    def value_text(self, rows: list[SchoolResult]) -> str:
        v = next((r.indicators[self.node.code] for r in rows if r.indicators[self.node.code].value is not None), None)
        return "" if v is None else f"{num(v.value, 1)}%"

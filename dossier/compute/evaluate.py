"""Compute indicators: every leaf of the framework, per school and 学段 and county-wide, with reasons and gaps.

The evaluation types are generic (`ratio`, `cv`, `rooms_per_classes`, `enrolment_max`, `column_max`, `share`,
`facts`, `self`, `survey`); the framework file gives their parameters, so a province's framework is data.
"""
from __future__ import annotations

import math

from dossier.config.framework import Framework, Node
from dossier.compute.model import (CV, STATUS_MET, STATUS_MISSED, STATUS_MISSING, STATUS_NA, STATUS_PARTLY, Evaluation, Facts,
                    Gap, IndicatorResult, School, SchoolResult, Value)
from dossier.core.numerals import fmt_num
from dossier.config.project import Project

EPS = 1e-9
PER_SCHOOL = ("ratio", "cv", "rooms_per_classes", "enrolment_max", "column_max", "share")


# ---------------------------------------------------------------- number formatting used in reasons

def num(x: float | None, digits: int = 2) -> str:
    """4520.5 → "4,520.5"; 12.0 → "12"; thousands separators, trailing zeros dropped; None → "—"."""
    return "—" if x is None else fmt_num(x, digits, strip=True)


def ceil_to(x: float, digits: int) -> float:
    """Round up to `digits` decimals, so a stated shortfall really closes the gap."""
    f = 10 ** digits
    return math.ceil(x * f - EPS) / f


# ---------------------------------------------------------------- shares of multi-学段 schools

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


# ---------------------------------------------------------------- per-school indicators

class Evaluator:
    def __init__(self, project: Project, fw: Framework, facts: Facts):
        self.project, self.fw, self.facts = project, fw, facts
        self.weights = fw.split_weights
        self.shared = set(fw.shared_columns)
        self.gaps: list[Gap] = []
        self.survey_result: dict = {}

    # -- ratio / cv: value = numerator × share × scale / students
    def ratio(self, node: Node, school: School, stage: str) -> Value:
        ev = node.evaluate
        column = stage_column(ev["numerator"], stage)
        students = school.students(stage)
        raw = school.get(column)
        scale = float(ev.get("scale", 1))
        threshold = (ev.get("threshold") or {}).get(stage) if node.type == "ratio" else None
        threshold = float(threshold) if threshold is not None else None
        if raw is None:
            return Value(node.code, None, threshold, None, None, basis=f"“{column}”未填报")
        share = stage_share(school, stage, self.weights) if column in self.shared else 1.0
        part = raw * share
        value = part * scale / students if students else None
        figures = {"column": column, "raw": raw, "share": share, "part": part, "students": students, "scale": scale}
        basis = f"{column}{num(raw)}"
        if share != 1.0:
            basis += f"，按加权在校生拆分{stage}占{share:.1%}即{num(part)}"
        basis += f"；{stage}在校生{num(students)}人"
        if value is None:
            return Value(node.code, None, threshold, None, None, basis=basis, figures=figures)
        met = None if threshold is None else value >= threshold - EPS
        ratio = value / threshold if threshold else None
        return Value(node.code, value, threshold, ratio, met, basis=basis, figures=figures)

    def ratio_gap(self, node: Node, school: School, stage: str, v: Value) -> None:
        ev = node.evaluate
        gap = ev.get("gap") or {}
        f = v.figures
        required_part = v.threshold * f["students"] / f["scale"]
        missing = required_part - f["part"]
        whole = missing / f["share"] if f["share"] not in (0, 1.0) else None
        shortfall = self._round(missing, gap)
        text = gap.get("text", "缺口{shortfall}{unit}").format(shortfall=self._show(shortfall, gap),
                                                               unit=gap.get("unit", ""))
        if whole is not None:
            whole_r = self._round(whole, gap)
            text += f"（{stage}部分；按共用资源拆分，全校需增加{self._show(whole_r, gap)}{gap.get('unit', '')}）"
        else:
            whole_r = None
        self.gaps.append(Gap(node.code, node.title, school.name, school.code, stage,
                             current=v.value, required=v.threshold, shortfall=shortfall, unit=gap.get("unit", ""),
                             text=text, whole_school=whole_r))

    @staticmethod
    def _show(x: float, gap: dict) -> str:
        if gap.get("integer"):
            return num(x, 0)
        return f"{x:,.{int(gap.get('decimals', 1))}f}"

    @staticmethod
    def _round(x: float, gap: dict) -> float:
        if gap.get("integer"):
            return float(math.ceil(x - EPS))
        return ceil_to(x, int(gap.get("decimals", 1)))

    # -- C10: specialised rooms per 12 classes, each of a minimum area
    def rooms(self, node: Node, school: School) -> Value:
        ev = node.evaluate
        classes = sum(school.get(f"{s}班级数") or 0 for s in ("小学", "初中"))
        need = max(1, math.ceil(classes / float(ev["classes_per_room"]) - EPS))
        parts, met, missing_data = [], True, False
        lacks: list[tuple[str, int, float, float]] = []   # (room, rooms short, avg area, min area)
        for room in ev["rooms"]:
            count = school.get(room["count"])
            area = school.get(room["area"])
            if count is None:
                missing_data = True
                parts.append(f"{room['name']}未填报")
                continue
            short = max(0, need - int(count))
            avg = (area / count) if (count and area is not None) else None
            small = avg is not None and avg < float(room["min_area"]) - EPS
            if short or small:
                met = False
                lacks.append((room["name"], short, avg if avg is not None else 0.0, float(room["min_area"])))
            parts.append(f"{room['name']}{num(count)}间" + (f"、均{num(avg, 1)}平方米" if avg is not None else ""))
        basis = f"全校{num(classes)}个班，应配各类专用教室{need}间；" + "，".join(parts)
        figures = {"classes": classes, "need": need, "lacks": lacks}
        if missing_data:
            return Value(node.code, None, float(need), None, None, basis=basis, figures=figures)
        counts = [school.get(r["count"]) or 0 for r in ev["rooms"]]
        value = float(min(counts))
        return Value(node.code, value, float(need), value / need if need else None, met, basis=basis, figures=figures)

    def rooms_gap(self, node: Node, school: School, v: Value) -> None:
        for room, short, avg, min_area in v.figures["lacks"]:
            if short:
                self.gaps.append(Gap(node.code, node.title, school.name, school.code, None,
                                     current=v.value, required=v.threshold, shortfall=float(short), unit="间",
                                     text=f"需增加{room}{short}间"))
            elif avg < min_area:
                self.gaps.append(Gap(node.code, node.title, school.name, school.code, None,
                                     current=round(avg, 1), required=min_area, shortfall=ceil_to(min_area - avg, 1),
                                     unit="平方米", text=f"{room}平均面积{num(avg, 1)}平方米，每间需扩至{num(min_area)}平方米以上"))

    # -- C11: school size
    def enrolment(self, node: Node, school: School) -> Value:
        limit = (node.evaluate.get("limit") or {}).get(school.type)
        students = school.compulsory_students
        if limit is None:
            return Value(node.code, students, None, None, None, basis=f"学校类型{school.type}无规模上限")
        limit = float(limit)
        return Value(node.code, students, limit, limit / students if students else None, students <= limit + EPS,
                     basis=f"义务教育阶段在校生{num(students)}人，上限{num(limit)}人")

    # -- C12: largest class per 学段
    def column_max(self, node: Node, school: School, stage: str) -> Value:
        column = stage_column(node.evaluate["column"], stage)
        limit = (node.evaluate.get("limit") or {}).get(stage)
        value = school.get(column)
        limit = float(limit) if limit is not None else None
        if value is None:
            return Value(node.code, None, limit, None, None, basis=f"“{column}”未填报")
        met = None if limit is None else value <= limit + EPS
        return Value(node.code, value, limit, (limit / value) if (limit and value) else None, met,
                     basis=f"{column}{num(value)}人，上限{num(limit)}人")

    # -- C19: share of two columns, in percent
    def share(self, node: Node, school: School) -> Value:
        ev = node.evaluate
        n, d = school.get(ev["numerator"]), school.get(ev["denominator"])
        threshold = float(ev["threshold"])
        if n is None or not d:
            return Value(node.code, None, threshold, None, None, basis=f"“{ev['numerator']}”或“{ev['denominator']}”未填报")
        value = 100.0 * n / d
        return Value(node.code, value, threshold, value / threshold, value >= threshold - EPS,
                     basis=f"{ev['numerator']}{num(n)}人 / {ev['denominator']}{num(d)}人 = {num(value, 1)}%",
                     figures={"n": n, "d": d})

    def limit_gap(self, node: Node, school: School, stage: str | None, v: Value) -> None:
        gap = node.evaluate.get("gap") or {}
        if node.type == "share":
            short = math.ceil(v.threshold / 100.0 * v.figures["d"] - v.figures["n"] - EPS)
        else:
            short = math.ceil(v.value - v.threshold - EPS)
        text = gap.get("text", "超出{shortfall}").format(shortfall=num(short))
        self.gaps.append(Gap(node.code, node.title, school.name, school.code, stage, current=v.value,
                             required=v.threshold, shortfall=float(short), unit=gap.get("unit", ""), text=text))

    def school_value(self, node: Node, school: School, stage: str, done: set) -> Value | None:
        """Evaluate `node` for one school-学段, recording each gap once (school-wide ones on the first 学段)."""
        kind = node.type
        if kind in ("ratio", "cv"):
            v = self.ratio(node, school, stage)
            if v.met is False and kind == "ratio":
                self.ratio_gap(node, school, stage, v)
            return v
        if kind == "column_max":
            v = self.column_max(node, school, stage)
            if v.met is False:
                self.limit_gap(node, school, stage, v)
            return v
        key = (node.code, school.code)
        if kind == "rooms_per_classes":
            v = self.rooms(node, school)
            if v.met is False and key not in done:
                self.rooms_gap(node, school, v)
        elif kind == "enrolment_max":
            v = self.enrolment(node, school)
            if v.met is False and key not in done:
                self.limit_gap(node, school, None, v)
        elif kind == "share":
            v = self.share(node, school)
            if v.value is None:
                return None          # evaluated from the county fact instead
            if v.met is False and key not in done:
                self.limit_gap(node, school, None, v)
        else:
            return None
        done.add(key)
        return v


def evaluate(project: Project, fw: Framework, facts: Facts) -> Evaluation:
    ev = Evaluator(project, fw, facts)
    stages = fw.stages
    leaves = fw.leaves()
    school_leaves = [n for n in leaves if n.type in PER_SCHOOL]
    rule = fw.settings.get("school_rule") or {}
    rule_codes = list(rule.get("indicators") or [])

    results: list[SchoolResult] = []
    done: set = set()
    for school in facts.schools:
        for stage in [s for s in school.stages if s in stages]:
            values: dict[str, Value] = {}
            for node in school_leaves:
                v = ev.school_value(node, school, stage, done)
                if v is not None:
                    values[node.code] = v
            sr = SchoolResult(school.code, school.name, stage, school.type, school.area, school.students(stage), values)
            if rule_codes:
                _apply_rule(sr, rule_codes, float(rule.get("min_met", len(rule_codes))),
                            float(rule.get("floor_ratio", 1.0)))
            results.append(sr)

    cvs: dict[str, dict[str, CV]] = {}
    cv_gaps: list[Gap] = []
    if project.level == "county":
        for stage in stages:
            per: dict[str, CV] = {}
            for node in leaves:
                if node.type not in ("ratio", "cv"):
                    continue
                c = compute_cv(node.code, stage, [r for r in results if r.stage == stage], fw.cv_limit.get(stage))
                per[node.code] = c
                if c.met is False:
                    cv_gaps.append(_cv_gap(node, c, project))
            if per:
                cvs[stage] = per

    indicators = [_indicator(node, ev, results, cvs, project, facts, fw) for node in leaves]
    vetoes = []
    for veto in (fw.vetoes if project.level == "county" else []):
        answer = facts.vetoes.get(veto["title"])
        vetoes.append({"code": veto.get("code"), "title": veto["title"], "value": answer or STATUS_MISSING,
                       "met": None if answer is None else answer == "否"})
    order = {n.code: i for i, n in enumerate(leaves)}
    school_order = {s.code: i for i, s in enumerate(facts.schools)}
    gaps = sorted(ev.gaps, key=lambda g: (order.get(g.code, 999), school_order.get(g.school_code, -1),
                                          stages.index(g.stage) if g.stage in stages else -1))
    gaps += cv_gaps + _county_gaps(indicators, project, leaves, facts.county)
    gaps.sort(key=lambda g: order.get(g.code, 999))
    return Evaluation(framework_id=fw.id, framework_title=fw.title, unit=project.unit_name, level=project.level,
                      schools=results, cv=cvs, cv_limit=fw.cv_limit, indicators=indicators, gaps=gaps,
                      vetoes=vetoes, survey=ev.survey_result)


def _apply_rule(sr: SchoolResult, codes: list[str], min_met: float, floor: float) -> None:
    vals = [sr.indicators.get(c) for c in codes]
    if any(v is None or v.met is None for v in vals):
        sr.met_count = sum(1 for v in vals if v is not None and v.met)
        sr.passed = None
        sr.reason = "有指标数据未填报，无法判断"
        return
    sr.met_count = sum(1 for v in vals if v.met)
    low = [v for v in vals if not v.met and (v.ratio or 0) < floor - EPS]
    sr.passed = sr.met_count >= min_met and not low
    missed = [v for v in vals if not v.met]
    if not missed:
        sr.reason = f"{len(codes)}项均达到要求"
    else:
        desc = "、".join(f"{v.code}为要求的{v.ratio:.1%}" for v in missed)
        sr.reason = f"{sr.met_count}项达到要求，{desc}"
        if sr.met_count < min_met:
            sr.reason += f"；达标项少于{int(min_met)}项"
        if low:
            sr.reason += f"；{'、'.join(v.code for v in low)}低于要求的{floor:.0%}"


# ---------------------------------------------------------------- 差异系数

def weighted_cv(pairs: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """(value, weight) pairs → (CV, weighted mean). X̄ = ΣXP/P, S = √(ΣP(X−X̄)²/P), CV = S/X̄."""
    total = sum(p for _, p in pairs)
    if total <= 0 or not pairs:
        return None, None
    mean = sum(x * p for x, p in pairs) / total
    if mean == 0:
        return None, mean
    var = sum(p * (x - mean) ** 2 for x, p in pairs) / total
    return math.sqrt(var) / mean, mean


def compute_cv(code: str, stage: str, results: list[SchoolResult], limit: float | None) -> CV:
    rows = [(r, r.indicators[code].value) for r in results
            if code in r.indicators and r.indicators[code].value is not None and r.students > 0]
    pairs = [(value, r.students) for r, value in rows]
    cv, mean = weighted_cv(pairs)
    met = None if cv is None or limit is None else cv <= limit + EPS
    drivers = []
    if cv is not None and mean:
        total = sum(p for _, p in pairs)
        contributions = []
        for i, (r, value) in enumerate(rows):
            share = r.students * (value - mean) ** 2 / total
            adjusted = [(mean if j == i else x, p) for j, (x, p) in enumerate(pairs)]
            cv_if, _ = weighted_cv(adjusted)
            contributions.append({"school": r.name, "code": r.code, "value": value, "students": r.students,
                                  "direction": "低于" if value < mean else "高于",
                                  "contribution": share, "cv_if_mean": cv_if})
        contributions.sort(key=lambda d: -d["contribution"])
        drivers = contributions[:5]
    return CV(code, stage, cv, limit, met, mean, len(pairs), drivers)


def _cv_gap(node: Node, c: CV, project: Project) -> Gap:
    unit = node.evaluate.get("unit", "")
    names = "、".join(
        f"{d['school']}（{d['value']:,.2f}{unit}，{d['direction']}县均值；若调至县均值，差异系数降至{d['cv_if_mean']:.3f}）"
        for d in c.drivers[:3])
    text = (f"{c.stage}{node.title}差异系数{c.cv:.3f}，超过{c.limit:.2f}的要求（县均值{c.mean:,.2f}{unit}）；"
            f"与县均值差距最大、对差异系数影响最大的学校：{names}")
    return Gap(node.code, node.title, project.unit_name, None, c.stage, current=round(c.cv, 3), required=c.limit,
               shortfall=round(c.cv - c.limit, 3), unit="", text=text)


# ---------------------------------------------------------------- county-level results per leaf

_OPS = {">=": lambda a, b: a >= b - EPS, ">": lambda a, b: a > b + EPS, "<=": lambda a, b: a <= b + EPS,
        "<": lambda a, b: a < b - EPS, "==": lambda a, b: abs(a - b) <= EPS}
_OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def _unit_text(value: float, unit: str) -> str:
    return f"{num(value)}{unit}" if unit else num(value, 3)


def _indicator(node: Node, ev: Evaluator, results, cvs, project: Project, facts: Facts, fw: Framework):
    area = node.area
    base = dict(code=node.code, title=node.title, area_code=area.code, area_title=area.title,
                standard=node.standard, kind=node.type)
    entry = facts.county.get(node.code, {})
    note = str(entry.get("说明", "") or "")
    scope = node.scope
    if project.level == "school" and scope == "county":
        return IndicatorResult(**base, status=STATUS_NA, value="", threshold="", basis="县级指标，学校不评估", note=note)
    kind = node.type
    if kind in PER_SCHOOL and not (kind == "share" and not any(node.code in r.indicators for r in results)):
        return _school_indicator(node, base, results, cvs, project, note)
    if kind == "share":       # no per-school figures: fall back to the county fact
        field = node.evaluate.get("fact")
        spec = {"name": field, "unit": "%", "op": ">=", "value": node.evaluate["threshold"]}
        return _facts_indicator(node, base, [spec], entry, note)
    if kind == "facts":
        return _facts_indicator(node, base, node.evaluate.get("fields") or [], entry, note)
    if kind == "self":
        status = entry.get("状态")
        if status is None:
            return IndicatorResult(**base, status=STATUS_MISSING, value="", threshold="自评",
                                   basis=f"未在指标数据中填写{node.code}的状态和依据", note=note)
        return IndicatorResult(**base, status=status, value=status, threshold="自评",
                               basis=str(entry.get("依据", "") or ""), note=note)
    if kind == "survey":
        return _survey_indicator(node, base, ev, facts, fw, note)
    return IndicatorResult(**base, status=STATUS_MISSING, value="", threshold="", basis="", note=note)


def _school_indicator(node: Node, base: dict, results, cvs, project: Project, note: str) -> IndicatorResult:
    rows = [r for r in results if node.code in r.indicators]
    missing = [r for r in rows if r.indicators[node.code].met is False]
    unknown = [r for r in rows if r.indicators[node.code].value is None]
    kind = node.type
    cv_parts, cv_bad = [], False
    for stage, per in cvs.items():
        c = per.get(node.code)
        if c is not None and c.cv is not None:
            cv_parts.append(f"{stage}差异系数{c.cv:.3f}（≤{c.limit:.2f}）")
            cv_bad |= c.met is False
    names = sorted({r.name for r in missing}, key=[r.name for r in rows].index)
    count = len({r.code for r in rows})
    if kind == "cv":
        status = STATUS_MISSED if cv_bad else (STATUS_MISSING if not cv_parts else STATUS_MET)
        value = "；".join(cv_parts)
        return IndicatorResult(**base, status=status, value=value, threshold="差异系数不超过要求",
                               basis=f"{count}所学校参与计算", note=note)
    threshold = _threshold_text(node)
    if project.level == "county":
        value = f"{count}所学校中{len(names)}所未达到" if names else f"{count}所学校均达到"
        if cv_parts:
            value += "；" + "，".join(cv_parts)
    else:
        value = _school_value_text(node, rows)
    if unknown and not missing and not cv_bad:
        status = STATUS_MISSING
    elif cv_bad:
        status = STATUS_MISSED
    elif not missing:
        status = STATUS_MET
    elif kind == "ratio" and all(r.passed for r in missing):
        status = STATUS_PARTLY
    else:
        status = STATUS_MISSED
    basis = ("未达到的学校：" + "、".join(names)) if names else "全部学校达到要求"
    if kind == "ratio" and missing and status == STATUS_PARTLY:
        basis += "（均符合“至少6项达标、其余不低于85%”的要求）"
    if unknown:
        basis += "；数据未填报：" + "、".join(sorted({r.name for r in unknown}))
    return IndicatorResult(**base, status=status, value=value, threshold=threshold, basis=basis, note=note)


def _school_value_text(node: Node, rows: list[SchoolResult]) -> str:
    """The value of one indicator at the one school of a school project, with its unit."""
    vals = [(r.stage, r.indicators[node.code]) for r in rows if r.indicators[node.code].value is not None]
    if not vals:
        return ""
    v = vals[0][1]
    if node.type == "enrolment_max":
        return f"{num(v.value)}人"
    if node.type == "share":
        return f"{num(v.value, 1)}%"
    if node.type == "rooms_per_classes":
        return f"应配各类专用教室{num(v.threshold)}间，最少的一类{num(v.value)}间"
    unit = "人" if node.type == "column_max" else node.evaluate.get("unit", "")
    return "；".join(f"{stage}{num(x.value)}{unit}" for stage, x in vals)


def _threshold_text(node: Node) -> str:
    ev = node.evaluate
    unit = ev.get("unit", "")
    if node.type == "ratio":
        return "，".join(f"{s}≥{num(float(t))}{unit}" for s, t in (ev.get("threshold") or {}).items())
    if node.type == "column_max":
        return "，".join(f"{s}≤{num(float(t))}人" for s, t in (ev.get("limit") or {}).items())
    if node.type == "enrolment_max":
        return "≤2000人（一贯制≤2500人）" if ev.get("limit") else ""
    if node.type == "share":
        return f"≥{num(float(ev['threshold']))}%"
    if node.type == "rooms_per_classes":
        return f"每{ev['classes_per_room']}个班各1间以上"
    return ""


def _facts_indicator(node: Node, base: dict, fields: list[dict], entry: dict, note: str) -> IndicatorResult:
    values, wants, reasons = [], [], []
    missed = unknown = False
    for spec in fields:
        name, unit, op = spec["name"], spec.get("unit", ""), spec.get("op")
        got = entry.get(name)
        if "expect" in spec:
            wants.append(f"{name}：{spec['expect']}")
        elif op is not None:
            target_text = spec["ref"] if "ref" in spec else _unit_text(float(spec["value"]), unit)
            wants.append(f"{name}{_OP_TEXT[op]}{target_text}")
        needed = "expect" in spec or op is not None or any(f.get("ref") == name for f in fields)
        if got is None:
            if needed:
                unknown = True
                reasons.append(f"“{name}”未填报")
            continue
        if "expect" in spec:
            values.append(f"{name}：{got}")
            if got != spec["expect"]:
                missed = True
                reasons.append(f"{name}为“{got}”")
            continue
        values.append(f"{name}{_unit_text(got, unit)}")
        if op is None:
            continue
        target = entry.get(spec["ref"]) if "ref" in spec else float(spec["value"])
        if target is None:
            continue
        if not _OPS[op](got, target):
            missed = True
            shown = spec["ref"] + _unit_text(target, unit) if "ref" in spec else _unit_text(target, unit)
            reasons.append(f"{name}{_unit_text(got, unit)}，未达到{_OP_TEXT[op]}{shown}")
    status = STATUS_MISSED if missed else (STATUS_MISSING if unknown else STATUS_MET)
    basis = "；".join(reasons) if reasons else "各项数据均达到要求"
    if note:
        basis += f"（{note}）"
    return IndicatorResult(**base, status=status, value="；".join(values), threshold="；".join(wants),
                           basis=basis, note=note)


def _survey_indicator(node: Node, base: dict, ev: Evaluator, facts: Facts, fw: Framework, note: str):
    cfg = fw.settings.get("survey") or {}
    threshold = float(cfg.get("threshold", 85))
    favourable = list(cfg.get("favourable") or ["满意", "基本满意"])
    weights = {k: float(v) for k, v in (cfg.get("weights") or {}).items()}
    if not facts.survey or not any(sum(c.values()) for c in facts.survey.values()):
        return IndicatorResult(**base, status=STATUS_MISSING, value="", threshold=f"≥{num(threshold)}%",
                               basis="未填报社会认可度调查数据", note=note)
    groups = {}
    for group, counts in facts.survey.items():
        if not sum(counts.values()):
            continue
        valid = sum(counts.values())
        fav = sum(counts.get(o, 0) for o in favourable)
        groups[group] = {"favourable": fav, "valid": valid, "rate": 100.0 * fav / valid if valid else None}
    if weights and all(g in weights for g in groups):
        total_w = sum(weights[g] for g in groups if groups[g]["rate"] is not None)
        rate = sum(weights[g] * groups[g]["rate"] for g in groups if groups[g]["rate"] is not None) / total_w
        how = "按各群体权重加权"
    else:
        valid = sum(g["valid"] for g in groups.values())
        rate = 100.0 * sum(g["favourable"] for g in groups.values()) / valid if valid else 0.0
        how = "按有效问卷合并计算"
    ev.survey_result = {"groups": groups, "rate": rate, "threshold": threshold, "method": how}
    parts = "，".join(f"{g}{d['rate']:.1f}%" for g, d in groups.items() if d["rate"] is not None)
    status = STATUS_MET if rate >= threshold - EPS else STATUS_MISSED
    return IndicatorResult(**base, status=status, value=f"{rate:.1f}%", threshold=f"≥{num(threshold)}%",
                           basis=f"{how}：{parts}", note=note)


def _county_gaps(indicators: list[IndicatorResult], project: Project, leaves: list[Node],
                 county: dict[str, dict]) -> list[Gap]:
    """Gaps for county-level indicators (facts, self-assessed, survey) that are missed."""
    out = []
    nodes = {n.code: n for n in leaves}
    for ind in indicators:
        node = nodes[ind.code]
        if ind.status != STATUS_MISSED or node.type in PER_SCHOOL:
            continue
        if node.type == "facts":
            for spec in node.evaluate.get("fields") or []:
                out.extend(_fact_gap(node, spec, project, county.get(node.code, {})))
            continue
        if node.type == "survey":
            out.append(Gap(node.code, node.title, project.unit_name, None, None, current=ind.value,
                           required=ind.threshold, shortfall=None, unit="%",
                           text=f"社会认可度{ind.value}，未达到{ind.threshold}"))
            continue
        out.append(Gap(node.code, node.title, project.unit_name, None, None, current=ind.status,
                       required=STATUS_MET, shortfall=None, unit="",
                       text=f"自评未达标：{ind.basis}" if ind.basis else "自评未达标"))
    return out


def _fact_gap(node: Node, spec: dict, project: Project, facts_entry: dict) -> list[Gap]:
    """The gap of one missed county fact field, in its own unit."""
    name, unit = spec["name"], spec.get("unit", "")
    got = facts_entry.get(name)
    if got is None:
        return []
    if "expect" in spec:
        if got == spec["expect"]:
            return []
        return [Gap(node.code, node.title, project.unit_name, None, None, current=got, required=spec["expect"],
                    shortfall=None, unit="", text=f"{name}为“{got}”，应为“{spec['expect']}”")]
    op = spec.get("op")
    if op is None:
        return []
    target = facts_entry.get(spec["ref"]) if "ref" in spec else float(spec["value"])
    if target is None or _OPS[op](got, target):
        return []
    diff = abs(target - got)
    if unit == "%":
        need = f"需提高{num(ceil_to(diff, 1))}个百分点" if op in (">=", ">") else f"需降低{num(ceil_to(diff, 1))}个百分点"
    elif op in ("<", "<="):
        need = f"需降低{_unit_text(diff, unit)}"
    else:
        need = f"差{_unit_text(ceil_to(diff, 1) if unit else diff, unit)}"
    target_text = spec["ref"] if "ref" in spec else _unit_text(target, unit)
    return [Gap(node.code, node.title, project.unit_name, None, None, current=got, required=target,
                shortfall=round(diff, 3), unit=unit,
                text=f"{name}{_unit_text(got, unit)}，未达到{_OP_TEXT[op]}{target_text}的要求，{need}")]


"""Scoring (百分制赋分): each leaf's points from its outcome by the leaf's scoring rule, the B and A totals,
the total out of the framework's maximum and its grade band (`scoring:` in the framework file).

Leaf scores are rounded to two decimals first and every total is the sum of the rounded scores below it, so
the figures in every table add up. A leaf that does not apply (不适用) counts neither in the score nor in the
maximum. A missed `veto` leaf, or a 一票否决 item answered 是, leaves the total without a grade band.
"""
from __future__ import annotations

from dossier.compute.cv import EPS
from dossier.compute.factcheck import OPS
from dossier.compute.model import STATUS_MET, STATUS_MISSING, STATUS_NA, STATUS_PARTLY, IndicatorResult, SchoolResult
from dossier.config.framework import Framework, Node, ScoreSpec


def _clamp(x: float | None) -> float:
    return 0.0 if x is None else max(0.0, min(1.0, x))


def leaf_rule(node: Node) -> ScoreSpec:
    spec = node.score or ScoreSpec()
    if spec.rule is None:
        spec = spec.model_copy(update={"rule": "self" if node.type == "self" else "full"})
    return spec


def proportion(rule, ind: IndicatorResult, rows: list[SchoolResult], cvs: dict, floor: float) -> float:
    """The share of the requirement reached, 0…1 (below `floor`: 0)."""
    code = rule.node.code

    def floored(x: float) -> float:
        return 0.0 if x < floor - EPS else x

    if rule.type == "cv":
        parts = [c.limit / c.cv if c.cv else 1.0 for per in cvs.values() if (c := per.get(code)) and c.cv is not None
                 and c.limit]
        return sum(floored(_clamp(x)) for x in parts) / len(parts) if parts else 0.0
    if rule.per_school:
        vals = [r.indicators[code] for r in rows if code in r.indicators]
        parts = [1.0 if v.met else floored(_clamp(v.ratio)) for v in vals]
        return sum(parts) / len(parts) if parts else 0.0
    county = getattr(rule, "county_values", None)
    if county:
        return sum(1.0 if met else floored(_clamp(ratio)) for *_, met, ratio in county) / len(county)
    if rule.type == "facts":
        return _facts_share(rule, floored)
    rate, threshold = getattr(rule, "rate", None), getattr(rule.p, "threshold", None)
    if rule.type == "survey" and rate is not None:
        threshold = threshold if threshold is not None else rule.env.framework.settings.survey.threshold
        return 1.0 if rate >= threshold - EPS else floored(_clamp(rate / threshold if threshold else 0))
    return 1.0 if ind.status == STATUS_MET else 0.0


def _facts_share(rule, floored) -> float:
    """A facts leaf: the mean over its judged fields of the share reached (an answer: all or nothing)."""
    entry = rule.env.facts.county.get(rule.node.code, {})
    parts = []
    for spec in rule.p.fields:
        got = entry.get(spec.name)
        if spec.expect is not None:
            parts.append(1.0 if got == spec.expect else 0.0)
            continue
        target = entry.get(spec.ref) if spec.ref is not None else spec.value
        if spec.op is None or target is None:
            continue
        if got is None:
            parts.append(0.0)
        elif OPS[spec.op](got, target):
            parts.append(1.0)
        elif spec.op in (">=", ">"):
            parts.append(floored(_clamp(got / target if target else 0.0)))
        else:
            parts.append(floored(_clamp(target / got if got else 0.0)))
    return sum(parts) / len(parts) if parts else 0.0


def leaf_score(rule, ind: IndicatorResult, rows: list[SchoolResult], cvs: dict) -> tuple[float | None, bool]:
    """(points earned or None when the leaf does not apply, whether it vetoes the grade)."""
    node = rule.node
    points = node.points or 0.0
    if ind.status == STATUS_NA:
        return None, False
    spec = leaf_rule(node)
    if spec.rule == "proportional":
        return points * proportion(rule, ind, rows, cvs, spec.floor), False
    if spec.rule == "per_school":
        if ind.status == STATUS_MISSING:
            return 0.0, False
        missed = {r.code for r in rows if node.code in r.indicators and r.indicators[node.code].met is False}
        return max(0.0, points - spec.deduct * len(missed)), False
    if spec.rule == "veto":
        return (points, False) if ind.status == STATUS_MET else (0.0, True)
    if ind.status == STATUS_MET:
        return points, False
    if ind.status == STATUS_PARTLY:
        return points * spec.part, False
    return 0.0, False


def score(fw: Framework, rules: dict, indicators: list[IndicatorResult], rows: list[SchoolResult], cvs: dict,
          vetoes: list[dict]) -> dict | None:
    """The score object (see module doc), or None for a framework without `scoring:`."""
    if fw.scoring is None:
        return None
    by_code = {i.code: i for i in indicators}
    vetoed: list[str] = [v["code"] or v["title"] for v in vetoes if v.get("met") is False]

    def visit(node: Node) -> dict | None:
        if node.is_leaf:
            ind = by_code[node.code]
            got, veto = leaf_score(rules[node.code], ind, rows, cvs)
            if veto:
                vetoed.append(node.code)
            if got is None:
                ind.points, ind.max_points = None, None
                return None
            ind.points, ind.max_points = round(got, 2), float(node.points or 0)
            ind.parent = node.parent.code if node.parent else None
            return {"code": node.code, "title": node.title, "score": ind.points, "max": ind.max_points}
        children = [c for c in (visit(child) for child in node.children) if c is not None]
        if not children:
            return None
        return {"code": node.code, "title": node.title, "score": round(sum(c["score"] for c in children), 2),
                "max": round(sum(c["max"] for c in children), 2), "children": children}

    areas = [a for a in (visit(area) for area in fw.areas) if a is not None]
    total = round(sum(a["score"] for a in areas), 2)
    top = round(sum(a["max"] for a in areas), 2)
    grade = fw.scoring.below
    if not vetoed:
        for band in sorted(fw.scoring.bands, key=lambda b: -b.min):
            if total >= band.min - EPS:
                grade = band.name
                break
    return {"total": total, "max": top, "grade": grade, "vetoed": vetoed, "areas": areas}

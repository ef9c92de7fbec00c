"""The gap list: every shortfall the evaluation found, in the order the documents list them (by leaf, then
school, then 学段), with the 差异系数 gaps and the county-level gaps of each missed leaf."""
from __future__ import annotations

from dossier.compute.model import CV, STATUS_MISSED, Gap, IndicatorResult
from dossier.compute.rules import Env, Rule


def gap_list(env: Env, rules: dict[str, Rule], school_gaps: list[Gap], cvs: dict[str, dict[str, CV]],
             indicators: list[IndicatorResult]) -> list[Gap]:
    fw = env.framework
    stages = fw.stages
    order = {code: i for i, code in enumerate(rules)}
    school_order = {s.code: i for i, s in enumerate(env.facts.schools)}
    gaps = sorted(school_gaps, key=lambda g: (order.get(g.code, 999), school_order.get(g.school_code, -1),
                                              stages.index(g.stage) if g.stage in stages else -1))
    for stage in stages:
        for code, c in cvs.get(stage, {}).items():
            if c.met is False:
                gaps.append(cv_gap(rules[code], c, env.project.unit_name))
    for ind in indicators:
        rule = rules[ind.code]
        if ind.status == STATUS_MISSED and not rule.per_school:
            gaps.extend(rule.county_gaps(ind))
    gaps.sort(key=lambda g: order.get(g.code, 999))
    return gaps


def cv_gap(rule: Rule, c: CV, unit_name: str) -> Gap:
    """A 差异系数 over its limit, with the schools furthest from the county mean."""
    node = rule.node
    unit = node.evaluate.unit
    names = "、".join(
        f"{d['school']}（{d['value']:,.2f}{unit}，{d['direction']}县均值；若调至县均值，差异系数降至{d['cv_if_mean']:.3f}）"
        for d in c.drivers[:3])
    text = (f"{c.stage}{node.title}差异系数{c.cv:.3f}，超过{c.limit:.2f}的要求（县均值{c.mean:,.2f}{unit}）；"
            f"与县均值差距最大、对差异系数影响最大的学校：{names}")
    return Gap(node.code, node.title, unit_name, None, c.stage, current=round(c.cv, 3), required=c.limit,
               shortfall=round(c.cv - c.limit, 3), unit="", text=text)

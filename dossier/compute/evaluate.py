"""Compute indicators: every leaf of the framework, per school and 学段 and county-wide, with reasons and gaps.

The leaf's evaluation type picks its rule (`dossier.compute.rules`, `dossier.compute.county`); this module runs
them in order: each school and 学段 through the per-school rules and the per-school rule of the framework
(至少6项达标、其余不低于85%), the 差异系数 of each such indicator per 学段 (county projects), then each
leaf's outcome, the vetoes, and the gap list (`dossier.compute.plan`).
"""
from __future__ import annotations

from dossier.compute import county  # noqa: F401  (registers the county rules)
from dossier.compute import plan
from dossier.compute.cv import EPS, compute_cv
from dossier.compute.cvplan import plan_for
from dossier.compute.model import (CV, STATUS_MISSING, STATUS_NA, Evaluation, Gap, IndicatorResult, SchoolResult,
                                   Value)
from dossier.compute.rules import Env, Rule, base_fields, rule_for, stage_column
from dossier.config.framework import Framework
from dossier.config.project import Project
from dossier.load.model import Facts
from dossier.load.table import COLUMN_BY_NAME


def evaluate(project: Project, fw: Framework, facts: Facts) -> Evaluation:
    env = Env(project, fw, facts)
    rules = {leaf.code: rule_for(leaf, env) for leaf in fw.leaves()}
    results, school_gaps = _schools(env, [r for r in rules.values() if r.per_school])
    cvs: dict[str, dict[str, CV]] = {}
    if project.level == "county":
        cvs = _cvs(fw, [r for r in rules.values() if r.has_cv], results)
    indicators = [_indicator(rule, results, cvs, env) for rule in rules.values()]
    vetoes = []
    for veto in (fw.vetoes if project.level == "county" else []):
        answer = facts.vetoes.get(veto.title)
        vetoes.append({"code": veto.code or None, "title": veto.title, "value": answer or STATUS_MISSING,
                       "met": None if answer is None else answer == "否"})
    gaps = plan.gap_list(env, rules, school_gaps, cvs, indicators)
    return Evaluation(framework_id=fw.id, framework_title=fw.title, unit=project.unit_name, level=project.level,
                      schools=results, cv=cvs, cv_limit=fw.cv_limit, indicators=indicators, gaps=gaps,
                      vetoes=vetoes, survey=env.survey, cv_plans=_cv_plans(fw, rules, cvs, results))


def _schools(env: Env, rules: list[Rule]) -> tuple[list[SchoolResult], list[Gap]]:
    """Each school and 学段 through the per-school rules; the gaps they leave (whole-school ones once)."""
    fw = env.framework
    rule_codes = fw.rule_codes
    school_rule = fw.settings.school_rule
    results: list[SchoolResult] = []
    gaps: list[Gap] = []
    done: set = set()
    for school in env.facts.schools:
        for stage in [s for s in school.stages if s in fw.stages]:
            values: dict[str, Value] = {}
            for rule in rules:
                v = rule.school_value(school, stage)
                if v is None:
                    continue
                values[rule.node.code] = v
                key = (rule.node.code, school.code)
                if not rule.whole_school or key not in done:
                    gaps.extend(rule.school_gaps(school, stage, v))
                done.add(key)
            sr = SchoolResult(school.code, school.name, stage, school.type, school.area, school.students(stage),
                              values)
            if rule_codes:
                min_met = school_rule.min_met if school_rule.min_met is not None else len(rule_codes)
                apply_school_rule(sr, rule_codes, float(min_met), 1.0 if school_rule.floor_ratio is None else school_rule.floor_ratio)
            results.append(sr)
    return results, gaps


def apply_school_rule(sr: SchoolResult, codes: list[str], min_met: float, floor: float) -> None:
    """至少 min_met 项达到要求、其余不低于要求的 floor: the school-学段's verdict and its reason."""
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


def _cvs(fw: Framework, rules: list[Rule], results: list[SchoolResult]) -> dict[str, dict[str, CV]]:
    out: dict[str, dict[str, CV]] = {}
    for stage in fw.stages:
        rows = [r for r in results if r.stage == stage]
        per = {rule.node.code: compute_cv(rule.node.code, stage, rows, fw.cv_limit.get(stage)) for rule in rules}
        if per:
            out[stage] = per
    return out


def _cv_plans(fw: Framework, rules: dict[str, Rule], cvs: dict, results: list[SchoolResult]) -> list:
    """The least-cost plan for every 差异系数 over its limit (`dossier.compute.cvplan`), by 学段 then leaf."""
    out = []
    for stage in fw.stages:
        for code, c in cvs.get(stage, {}).items():
            if c.met is not False:
                continue
            rule = rules[code]
            column = COLUMN_BY_NAME.get(stage_column(rule.p.numerator, stage))
            threshold = rule.p.threshold.get(stage) if rule.type == "ratio" else None
            found = plan_for(rule.node, c, [r for r in results if r.stage == stage], threshold,
                             column.unit if column else "", bool(column and column.kind == "count"))
            if found is not None:
                out.append(found)
    return out


def _indicator(rule: Rule, results: list[SchoolResult], cvs: dict, env: Env) -> IndicatorResult:
    node = rule.node
    note = str(env.facts.county.get(node.code, {}).get("说明", "") or "")
    if env.project.level == "school" and node.scope == "county":
        return IndicatorResult(**base_fields(node), status=STATUS_NA, value="", threshold="",
                               basis="县级指标，学校不评估", note=note)
    return rule.result(results, cvs, note)

"""Rules for the leaves a county answers for as a whole: county facts (`facts`), self-assessed items (`self`)
and the satisfaction survey (`survey`). Registered with the per-school rules in `dossier.compute.rules`."""
from __future__ import annotations

from dossier.compute.cv import EPS
from dossier.compute.factcheck import base_fields, fact_gap, facts_result
from dossier.compute.model import STATUS_MET, STATUS_MISSED, STATUS_MISSING, Gap, IndicatorResult, SchoolResult
from dossier.compute.rules import Rule, register
from dossier.core.zh import num


@register
class FactsRule(Rule):
    type = "facts"

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        return facts_result(self.node, list(self.p.fields), self.env.facts.county.get(self.node.code, {}), note)

    def county_gaps(self, ind: IndicatorResult) -> list[Gap]:
        entry = self.env.facts.county.get(self.node.code, {})
        return [g for spec in self.p.fields for g in fact_gap(self.node, spec, self.env.project.unit_name, entry)]


@register
class SelfRule(Rule):
    """达标 / 基本达标 / 未达标 as the unit assesses itself, with its 依据."""
    type = "self"

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        entry = self.env.facts.county.get(self.node.code, {})
        status = entry.get("状态")
        base = base_fields(self.node)
        if status is None:
            return IndicatorResult(**base, status=STATUS_MISSING, value="", threshold="自评",
                                   basis=f"未在指标数据中填写{self.node.code}的状态和依据", note=note)
        return IndicatorResult(**base, status=status, value=status, threshold="自评",
                               basis=str(entry.get("依据", "") or ""), note=note)

    def county_gaps(self, ind: IndicatorResult) -> list[Gap]:
        return [self.county_gap(current=ind.status, required=STATUS_MET, shortfall=None, unit="",
                                text=f"自评未达标：{ind.basis}" if ind.basis else "自评未达标")]


@register
class SurveyRule(Rule):
    """Favourable answers over valid questionnaires, pooled or weighted by group (settings.survey)."""
    type = "survey"

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        cfg, p = self.env.framework.settings.survey, self.p
        threshold = cfg.threshold if p.threshold is None else p.threshold
        favourable = list(cfg.favourable if p.favourable is None else p.favourable)
        weights = dict(cfg.weights if p.weights is None else p.weights)
        base = base_fields(self.node)
        surveys = self.env.facts.surveys
        survey = surveys.get(self.node.code, {}) if surveys else self.env.facts.survey
        if not survey or not any(sum(c.values()) for c in survey.values()):
            return IndicatorResult(**base, status=STATUS_MISSING, value="", threshold=f"≥{num(threshold)}%",
                                   basis="未填报社会认可度调查数据", note=note)
        groups = {}
        for group, counts in survey.items():
            if not sum(counts.values()):
                continue
            valid = sum(counts.values())
            fav = sum(counts.get(o, 0) for o in favourable)
            groups[group] = {"favourable": fav, "valid": valid, "rate": 100.0 * fav / valid if valid else None}
        if weights and all(g in weights for g in groups):
            rated = [g for g in groups if groups[g]["rate"] is not None]
            rate = sum(weights[g] * groups[g]["rate"] for g in rated) / sum(weights[g] for g in rated)
            how = "按各群体权重加权"
        else:
            valid = sum(g["valid"] for g in groups.values())
            rate = 100.0 * sum(g["favourable"] for g in groups.values()) / valid if valid else 0.0
            how = "按有效问卷合并计算"
        if not self.env.survey:          # the drafts describe the first survey of the framework
            self.env.survey.update({"groups": groups, "rate": rate, "threshold": threshold, "method": how})
        self.rate = rate
        parts = "，".join(f"{g}{d['rate']:.1f}%" for g, d in groups.items() if d["rate"] is not None)
        status = STATUS_MET if rate >= threshold - EPS else STATUS_MISSED
        return IndicatorResult(**base, status=status, value=f"{rate:.1f}%", threshold=f"≥{num(threshold)}%",
                               basis=f"{how}：{parts}", note=note)

    def county_gaps(self, ind: IndicatorResult) -> list[Gap]:
        return [self.county_gap(current=ind.value, required=ind.threshold, shortfall=None, unit="%",
                                text=f"社会认可度{ind.value}，未达到{ind.threshold}")]

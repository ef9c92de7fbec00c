"""`formula` leaves: the framework's own expressions (`dossier.config.expr`), evaluated per school and 学段
from the school table, or county-wide from the leaf's county facts and sums, means and shares over schools.

A name is a school-table column; `{学段}` in it is replaced by the 学段, and a bare 在校生数 (or any name
that is a column only with a 学段 in front) means the 学段's column. A whole-school column listed in
settings.shared_columns is split between 学段 by weighted enrolment, as the built-in ratios do. A figure not
reported (or a division by zero) leaves the value unknown: the school is listed under 数据未填报.
"""
from __future__ import annotations

import math

from dossier.compute.cv import EPS
from dossier.compute.factcheck import OP_TEXT, OPS, base_fields
from dossier.compute.model import STATUS_MET, STATUS_MISSED, STATUS_MISSING, Gap, IndicatorResult, SchoolResult, Value
from dossier.compute.rules import PerSchool, register, stage_share
from dossier.config import expr
from dossier.config.evaluation import at
from dossier.core.zh import fmt_num, num
from dossier.load.model import School

_ARITH = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
          "/": lambda a, b: a / b if b else None}
_CMP = dict(OPS, **{"!=": lambda a, b: abs(a - b) > EPS})


class Unknown(Exception):
    """A name with no value: the formula cannot be evaluated for this school (or county)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def evaluate(node: tuple, lookup, over=None):
    """The value of a parsed formula; `lookup(name)` gives a name's value (or raises Unknown), `over(fn)`
    evaluates fn per school for sum/mean/count/share (county formulas only)."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        return lookup(node[1])
    if kind == "neg":
        v = evaluate(node[1], lookup, over)
        return None if v is None else -v
    if kind == "not":
        v = evaluate(node[1], lookup, over)
        return None if v is None else not v
    if kind in ("and", "or"):
        a, b = evaluate(node[1], lookup, over), evaluate(node[2], lookup, over)
        if a is None or b is None:
            return None
        return (a and b) if kind == "and" else (a or b)
    if kind in ("bin", "cmp"):
        a, b = evaluate(node[2], lookup, over), evaluate(node[3], lookup, over)
        if a is None or b is None:
            return None
        return (_ARITH if kind == "bin" else _CMP)[node[1]](float(a), float(b))
    fname, args = node[1], node[2]
    if fname in expr.AGGREGATES:
        return _aggregate(fname, args[0], over)
    values = [evaluate(a, lookup, over) for a in args]
    if any(v is None for v in values):
        return None
    if fname == "min":
        return min(values)
    if fname == "max":
        return max(values)
    if fname == "abs":
        return abs(values[0])
    return round(values[0], int(values[1]) if len(values) > 1 else 0)


def _aggregate(fname: str, arg: tuple, over):
    got = [v for v in over(lambda lookup: evaluate(arg, lookup)) if v is not None]
    if fname == "sum":
        return float(sum(got))
    if not got:
        return None
    if fname == "mean":
        return sum(got) / len(got)
    hits = sum(1 for v in got if v)
    return float(hits) if fname == "count" else 100.0 * hits / len(got)


def school_lookup(school: School, stage: str | None, fw, used: dict):
    """Names of a school's columns for one 学段 (None: the whole school, 学段 columns added up)."""
    stages = [stage] if stage else [s for s in school.stages if s in fw.stages]

    def lookup(name: str):
        actual = name.replace("{学段}", stage or "")
        value = school.get(actual) if actual in school.values else None
        if actual in school.values:
            if value is None:
                raise Unknown(actual)
            if stage and actual in fw.shared_columns:
                value = value * stage_share(school, stage, fw.split_weights)
        else:
            parts = [school.get(f"{s}{actual}") for s in stages if f"{s}{actual}" in school.values]
            if not parts or any(p is None for p in parts):
                raise Unknown(f"{stages[0] if stages else ''}{actual}")
            value = float(sum(parts))
        used[actual] = value
        return value

    return lookup


def shown(value: float | None, p) -> str:
    if value is None:
        return "—"
    if p.display == "ratio":
        return f"1:{fmt_num(value, p.decimals, strip=True)}"
    if p.display == "percent":
        return f"{fmt_num(value, p.decimals, strip=True)}%"
    return f"{fmt_num(value, p.decimals, strip=True)}{p.unit}"


def apart(value: float, threshold: float | None, p) -> str:
    """The value as shown, with more decimals when its rounding would read as the threshold (94.96% vs 95%)."""
    text = shown(value, p)
    extra = p.decimals
    while threshold is not None and text == shown(threshold, p) and extra < p.decimals + 3 and value != threshold:
        extra += 1
        text = shown(value, p.model_copy(update={"decimals": extra}))
    return text


@register
class FormulaRule(PerSchool):
    type = "formula"

    @property
    def tree(self) -> tuple:
        return expr.parse(self.p.value)

    @property
    def per_school(self) -> bool:
        return self.node.scope != "county"

    def judge(self, value: float, threshold: float | None) -> tuple[bool | None, float | None]:
        if threshold is None:
            return None, None
        met = _CMP[self.p.op](value, threshold)
        if self.p.op in (">=", ">"):
            ratio = value / threshold if threshold else None
        elif self.p.op in ("<=", "<"):
            ratio = (threshold / value if value else 1.0) if threshold else None
        else:
            ratio = 1.0 if met else 0.0
        return met, ratio

    def school_value(self, school: School, stage: str) -> Value:
        used: dict[str, float] = {}
        threshold = at(self.p.threshold, stage)
        try:
            value = evaluate(self.tree, school_lookup(school, stage, self.env.framework, used))
        except Unknown as exc:
            return Value(self.node.code, None, threshold, None, None, basis=f"“{exc.name}”未填报")
        figures = "，".join(f"{k}{num(v)}" for k, v in used.items())
        if value is None:
            return Value(self.node.code, None, threshold, None, None, basis=f"{figures}：无法计算（除数为0）")
        value = float(value)
        met, ratio = self.judge(value, threshold)
        return Value(self.node.code, value, threshold, ratio, met, basis=f"{figures}：{shown(value, self.p)}",
                     figures={"used": used})

    def school_gaps(self, school: School, stage: str, v: Value) -> list[Gap]:
        if v.met is not False:
            return []
        gap = self.p.gap
        short = abs(v.threshold - v.value)
        short = float(math.ceil(short - EPS)) if gap.integer else math.ceil(short * 10 ** gap.decimals - EPS) / 10 ** gap.decimals
        want = f"{OP_TEXT[self.p.op]}{shown(v.threshold, self.p)}"
        text = (gap.text or "{title}为{value}，未达到{want}").format(
            title=self.node.title, value=apart(v.value, v.threshold, self.p), want=want, shortfall=num(short),
            unit=gap.unit)
        return [self.gap(school, stage, current=v.value, required=v.threshold, shortfall=short, unit=gap.unit,
                         text=text)]

    def threshold_text(self) -> str:
        t = self.p.threshold
        if t is None:
            return ""
        op = OP_TEXT[self.p.op]
        if isinstance(t, dict):
            return "，".join(f"{s}{op}{shown(v, self.p)}" for s, v in t.items())
        return f"{op}{shown(t, self.p)}"

    def value_text(self, rows: list[SchoolResult]) -> str:
        vals = [(r.stage, r.indicators[self.node.code]) for r in rows
                if r.indicators[self.node.code].value is not None]
        return "；".join(f"{stage}{shown(x.value, self.p)}" for stage, x in vals)

    # ------------------------------------------------------------------------------------------ county-wide

    def result(self, rows: list[SchoolResult], cvs: dict, note: str) -> IndicatorResult:
        if self.per_school:
            return super().result(rows, cvs, note)
        base = base_fields(self.node)
        entry = self.env.facts.county.get(self.node.code, {})
        stages = list(self.p.threshold) if isinstance(self.p.threshold, dict) else [None]
        values, reasons, missed, unknown = [], [], False, False
        self.county_values: list[tuple] = []
        for stage in stages:
            value, why = self.county_value(stage, entry)
            label = stage or ""
            if value is None:
                unknown = True
                reasons.append(f"{label}{why}")
                continue
            threshold = at(self.p.threshold, stage)
            met, ratio = self.judge(value, threshold)
            self.county_values.append((stage, value, threshold, met, ratio))
            values.append(f"{label}{shown(value, self.p)}")
            if met is False:
                missed = True
                reasons.append(f"{label}{apart(value, threshold, self.p)}，未达到{OP_TEXT[self.p.op]}{shown(threshold, self.p)}")
        status = STATUS_MISSED if missed else (STATUS_MISSING if unknown else STATUS_MET)
        basis = "；".join(reasons) if reasons else "达到要求"
        if note:
            basis += f"（{note}）"
        return IndicatorResult(**base, status=status, value="；".join(values), threshold=self.threshold_text(),
                               basis=basis, note=note)

    def county_value(self, stage: str | None, entry: dict) -> tuple[float | None, str]:
        fw = self.env.framework
        schools = [s for s in self.env.facts.schools if stage is None or stage in s.stages]

        def lookup(name: str):
            if entry.get(name) is None:
                raise Unknown(name)
            return entry[name]

        def over(fn):
            out = []
            for school in schools:
                try:
                    out.append(fn(school_lookup(school, stage, fw, {})))
                except Unknown:
                    out.append(None)
            return out

        try:
            value = evaluate(self.tree, lookup, over)
        except Unknown as exc:
            return None, f"“{exc.name}”未填报"
        return (None, "无法计算（除数为0或没有学校数据）") if value is None else (float(value), "")

    def county_gaps(self, ind: IndicatorResult) -> list[Gap]:
        out = []
        for stage, value, threshold, met, _ in getattr(self, "county_values", []):
            if met is False:
                out.append(self.county_gap(current=value, required=threshold, shortfall=round(abs(threshold - value), 3),
                                           unit=self.p.unit, text=f"{stage or ''}{self.node.title}{shown(value, self.p)}，"
                                           f"未达到{OP_TEXT[self.p.op]}{shown(threshold, self.p)}"))
        return out

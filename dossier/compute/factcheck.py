"""County facts against their targets: one `facts` leaf's fields (value, ref to another fact, or an expected
answer) as an outcome in words, and the gap a missed field leaves, in its own unit."""
from __future__ import annotations

import math

from dossier.compute.cv import EPS
from dossier.compute.model import STATUS_MET, STATUS_MISSED, STATUS_MISSING, Gap, IndicatorResult
from dossier.config.evaluation import FieldSpec
from dossier.config.framework import Node
from dossier.core.zh import num

OPS = {">=": lambda a, b: a >= b - EPS, ">": lambda a, b: a > b + EPS, "<=": lambda a, b: a <= b + EPS,
       "<": lambda a, b: a < b - EPS, "==": lambda a, b: abs(a - b) <= EPS}
OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def unit_text(value: float, unit: str) -> str:
    return f"{num(value)}{unit}" if unit else num(value, 3)


def ceil1(x: float) -> float:
    return math.ceil(x * 10 - EPS) / 10


def base_fields(node: Node) -> dict:
    area = node.area
    return dict(code=node.code, title=node.title, area_code=area.code, area_title=area.title,
                standard=node.standard, kind=node.type)


def facts_result(node: Node, fields: list[FieldSpec], entry: dict, note: str) -> IndicatorResult:
    """The leaf's outcome from the county facts `entry` (field → value) against `fields`."""
    values, wants, reasons = [], [], []
    missed = unknown = False
    for spec in fields:
        name, unit, op = spec.name, spec.unit, spec.op
        got = entry.get(name)
        if spec.expect is not None:
            wants.append(f"{name}：{spec.expect}")
        elif op is not None:
            target_text = spec.ref if spec.ref is not None else unit_text(spec.value, unit)
            wants.append(f"{name}{OP_TEXT[op]}{target_text}")
        needed = spec.expect is not None or op is not None or any(f.ref == name for f in fields)
        if got is None:
            if needed:
                unknown = True
                reasons.append(f"“{name}”未填报")
            continue
        if spec.expect is not None:
            values.append(f"{name}：{got}")
            if got != spec.expect:
                missed = True
                reasons.append(f"{name}为“{got}”")
            continue
        values.append(f"{name}{unit_text(got, unit)}")
        if op is None:
            continue
        target = entry.get(spec.ref) if spec.ref is not None else spec.value
        if target is None:
            continue
        if not OPS[op](got, target):
            missed = True
            shown = spec.ref + unit_text(target, unit) if spec.ref is not None else unit_text(target, unit)
            reasons.append(f"{name}{unit_text(got, unit)}，未达到{OP_TEXT[op]}{shown}")
    status = STATUS_MISSED if missed else (STATUS_MISSING if unknown else STATUS_MET)
    basis = "；".join(reasons) if reasons else "各项数据均达到要求"
    if note:
        basis += f"（{note}）"
    return IndicatorResult(**base_fields(node), status=status, value="；".join(values), threshold="；".join(wants),
                           basis=basis, note=note)


def fact_gap(node: Node, spec: FieldSpec, unit_name: str, entry: dict) -> list[Gap]:
    """The gap of one missed county fact field, in its own unit."""
    name, unit = spec.name, spec.unit
    got = entry.get(name)
    if got is None:
        return []
    if spec.expect is not None:
        if got == spec.expect:
            return []
        return [Gap(node.code, node.title, unit_name, None, None, current=got, required=spec.expect,
                    shortfall=None, unit="", text=f"{name}为“{got}”，应为“{spec.expect}”")]
    op = spec.op
    if op is None:
        return []
    target = entry.get(spec.ref) if spec.ref is not None else spec.value
    if target is None or OPS[op](got, target):
        return []
    diff = abs(target - got)
    if unit == "%":
        need = f"需提高{num(ceil1(diff))}个百分点" if op in (">=", ">") else f"需降低{num(ceil1(diff))}个百分点"
    elif op in ("<", "<="):
        need = f"需降低{unit_text(diff, unit)}"
    else:
        need = f"差{unit_text(ceil1(diff) if unit else diff, unit)}"
    target_text = spec.ref if spec.ref is not None else unit_text(target, unit)
    return [Gap(node.code, node.title, unit_name, None, None, current=got, required=target,
                shortfall=round(diff, 3), unit=unit,
                text=f"{name}{unit_text(got, unit)}，未达到{OP_TEXT[op]}{target_text}的要求，{need}")]

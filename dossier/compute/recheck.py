"""整改复核: gaps closed by the data itself. A school table filled in again after rectification (dossier.yaml
整改复核: 学校数据, 日期) is evaluated with the same framework and county facts; a gap of the first evaluation that
the later one no longer shows is closed on the recheck's date, with the figure the later table gives.

Matching is by indicator, school and 学段; where one school has two gaps of one indicator (a 音乐 and a 美术
room), both must be gone for either to close: a recheck never closes a gap the data may still show.
"""
from __future__ import annotations

import dataclasses

from dossier.compute.model import Evaluation, Gap
from dossier.core.zh import fmt_num
from dossier.load.progress import DONE, Entry


def _key(g: Gap) -> tuple:
    return g.code, g.school_code, g.stage


def _figure(fw, later: Evaluation, g: Gap) -> str:
    """What the later table shows for the gap's indicator: the school's value, or the 差异系数."""
    if g.school_code is None:
        cv = later.cv.get(g.stage or "", {}).get(g.code)
        return f"{g.stage}差异系数降至{fmt_num(cv.cv, 3)}，达到要求" if cv and cv.cv is not None else ""
    leaf = fw.index().get(g.code)
    unit = leaf.evaluate.unit if leaf is not None else ""
    for r in later.schools:
        if r.code == g.school_code and (g.stage in (None, r.stage)):
            v = r.indicators.get(g.code)
            if v is not None and v.value is not None:
                return f"{g.title}为{fmt_num(v.value, 2, strip=True)}{unit}，达到要求"
    return ""


def entries(project, fw, facts, evaluation: Evaluation, evaluate) -> list[Entry]:
    """The 整改进展 entries the 整改复核 tables give: one per gap each closes, in recheck order."""
    out: list[Entry] = []
    line = project.line("整改复核")
    for date, shown, schools in facts.rechecks:
        later = evaluate(project, fw, dataclasses.replace(facts, schools=schools, rechecks=[]))
        remaining = {_key(g) for g in later.gaps}
        for g in evaluation.gaps:
            if _key(g) in remaining:
                continue
            if g.school_code is None and not g.stage:
                continue                          # a county fact: the school table does not decide it
            out.append(Entry(g.code, g.school if g.school_code else "", g.stage or "", "经整改复核", "", date,
                             DONE, _figure(fw, later, g),
                             [shown], project.config_file, line))
    return out

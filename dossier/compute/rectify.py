"""The rectification cycle: every gap with the measure that closes it (its kind, units and due date, from
`dossier.compute.schedule`) and what has been done about it (整改进展.yaml entries, matched here to the gaps they
are about), so that each gap is 未整改, 整改中 or 已销号 — and a draft dated D reports only what was done by D.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from dossier.compute import recheck
from dossier.compute.evaluate import evaluate
from dossier.compute.model import Evaluation, Gap
from dossier.compute.schedule import Measure, Schedule, check_overrides, measures, schedule
from dossier.config.framework import Framework
from dossier.config.project import Project
from dossier.core.errors import DossierError, Problem
from dossier.core.zh import date_cn
from dossier.load.model import Facts

OPEN, DOING, CLOSED = "未整改", "整改中", "已销号"


def gap_key(g: Gap) -> str:
    """How a gap is named in messages and matched: C6 示例县第二小学（小学）; C6 小学差异系数; C26."""
    if g.school_code is None:
        return f"{g.code} {g.stage}差异系数" if g.stage else f"{g.code} {g.title}"
    return f"{g.code} {g.school}" + (f"（{g.stage}）" if g.stage else "")


@dataclass
class GapState:
    gap: Gap
    measure: Measure
    entries: list = field(default_factory=list)      # load.progress.Entry about this gap

    @property
    def key(self) -> str:
        return gap_key(self.gap)

    def closed_on(self, at: dt.date | None = None) -> dt.date | None:
        """When the gap was closed (an entry 已完成 on that date), if it was by `at` (None: whenever)."""
        days = [e.done for e in self.entries if e.complete and (at is None or e.done <= at)]
        return max(days) if days else None

    def status(self, at: dt.date | None = None) -> str:
        if self.closed_on(at) is not None:
            return CLOSED
        return DOING if any(at is None or (e.done or dt.date.min) <= at for e in self.entries) else OPEN

    def to_json(self) -> dict:
        closed = self.closed_on()
        return {"status": self.status(), "measure": self.measure.kind, "deadline": self.measure.due.isoformat(),
                "risk": self.measure.risk, "closed": closed.isoformat() if closed else None}


@dataclass
class Rectification:
    schedule: Schedule
    measures: dict[str, Measure]
    states: list[GapState]

    def state(self, g: Gap) -> GapState:
        return next(s for s in self.states if s.gap is g)

    def for_code(self, code: str) -> list[GapState]:
        return [s for s in self.states if s.gap.code == code]


def rectification(project: Project, fw: Framework, facts: Facts, evaluation: Evaluation) -> Rectification:
    overrides = {k: v[0] for k, v in facts.measures.items()}
    check_overrides(fw, overrides, {k: (v[1], v[2]) for k, v in facts.measures.items()})
    sched = schedule(project)
    by_code = measures(project, fw, overrides, sched)
    states = [GapState(g, by_code[g.code]) for g in evaluation.gaps]
    problems: list[Problem] = []
    for entry in list(facts.progress) + recheck.entries(project, fw, facts, evaluation, evaluate):
        problems += _attach(entry, states, fw, sched) + _after_last_draft(entry, project)
    if problems:
        raise DossierError(problems)
    return Rectification(sched, by_code, states)


def _attach(entry, states: list[GapState], fw: Framework, sched: Schedule) -> list[Problem]:
    """Match one 整改进展 entry to its gaps; the problems with it."""
    out = []
    if entry.kind and entry.kind not in fw.settings.measures:
        out.append(Problem(f"措施类别“{entry.kind}”不是指标框架中的整改措施类别", **entry.where(),
                           hint="可用：" + "、".join(fw.settings.measures)))
    found = [s for s in states if _matches(entry, s.gap)]
    if not found:
        wanted = f"{entry.code} {entry.school}".strip() + (f"（{entry.stage}）" if entry.stage else "")
        near = difflib.get_close_matches(wanted, [s.key for s in states], n=1, cutoff=0.3)
        out.append(Problem(f"整改进展中的“{wanted}”不是问题清单中的问题", **entry.where(),
                           hint=(f"最接近的是“{near[0]}”；" if near else "") + "请对照 dossier check 的问题清单填写 指标、学校、学段"))
    first_day = sched.check[0] if sched.check else sched.start
    if entry.done is not None and entry.done < first_day:
        out.append(Problem(f"完成日期{date_cn(entry.done)}早于自查发现问题的时间（{date_cn(first_day)}起）", **entry.where(),
                           hint="请核对完成日期"))
    for s in found:
        s.entries.append(entry)
    return out


def _after_last_draft(entry, project: Project) -> list[Problem]:
    """A completion dated after every date in dossier.yaml's 日期 is in no draft: almost always a typo."""
    dates = project.config.dates
    if not (entry.complete and dates):
        return []
    key = max(dates, key=lambda k: dates[k])
    if entry.done <= dates[key]:
        return []
    return [Problem(f"完成日期{date_cn(entry.done)}晚于最晚的文稿日期（日期.{key}：{date_cn(dates[key])}），"
                    "该项不会写入任何文稿", **entry.where(),
                    hint="请核对完成日期；尚未完成的写“完成情况: 整改中”，或在 dossier.yaml 的 日期 中加上更晚的整改报告日期")]


def _matches(entry, g: Gap) -> bool:
    if entry.code != g.code:
        return False
    if entry.stage and g.stage and entry.stage != g.stage:
        return False
    if not entry.school:
        return g.school_code is None
    return entry.school in (g.school, g.school_code)

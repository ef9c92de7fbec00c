"""The project's timetable and what it means for every gap: when each phase runs, when each kind of measure is
due, and which deadlines fall after the inspection.

The phases follow dossier.yaml's dates: 动员部署 in the month of 方案印发, 自查自评 in the one or two months after,
整改提升 from the next month until the month before 自评报告, 自评申报 in the month of 自评报告, 迎检评估 after.
A measure kind (framework settings.measures, overridable in dossier.yaml or 工作计划.yaml 整改措施) is due at the end
of the month `months` after 整改提升 starts; a deadline after the planned inspection (日期.评估, else 督导评估,
迎检 or 汇报) is a risk, stated with the kind's bridge ("预计评估前不能完成，需……"). 日期.整改完成, when given, is the
common deadline every draft states for the measures that can be done by then: a measure due earlier is due then
(finishing early breaks no promise), one that takes longer keeps its own later date.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from dossier.config.framework import Framework
from dossier.config.project import Project
from dossier.core.errors import DossierError, Problem

INSPECTION_DATES = ("评估", "督导评估", "迎检", "汇报")


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month `n` months after `d`'s month."""
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


@dataclass(frozen=True)
class Schedule:
    start: dt.date                          # first day of the month of 方案印发
    check: tuple[dt.date, dt.date] | None   # 自查自评 (first days of its first and last month)
    fix: tuple[dt.date, dt.date] | None     # 整改提升
    report: dt.date                         # first day of the month of 自评报告
    after: tuple[dt.date, dt.date] | None   # 迎检评估
    inspection: dt.date | None              # the planned inspection

    @property
    def fix_start(self) -> dt.date:
        """When rectification starts: 整改提升's first month, else the month after 自查自评 (or 方案印发)."""
        if self.fix:
            return self.fix[0]
        return add_months((self.check or (self.start, self.start))[1], 1)

    @property
    def check_end(self) -> dt.date:
        """The last day of 自查自评: from then on the self-assessment's results are known."""
        return month_end((self.check or (self.start, self.start))[1])

    def due(self, months: int) -> dt.date:
        return month_end(add_months(self.fix_start, months - 1))

    def spans(self) -> list[tuple[dt.date, dt.date] | None]:
        """动员部署, 自查自评, 整改提升, 自评申报, 迎检评估 (None for a phase the dates leave no room for)."""
        return [(self.start, self.start), self.check, self.fix, (self.report, self.report), self.after]


def schedule(project: Project) -> Schedule:
    start = project.date("方案印发") or dt.date(project.year, 3, 1)
    report = project.first_date(("自评报告", "自查报告")) or add_months(start, 6)
    start, report = start.replace(day=1), report.replace(day=1)
    if report <= start:
        report = add_months(start, 4)
    months = (report.year - start.year) * 12 + report.month - start.month   # months between, ≥ 1
    self_end = add_months(start, max(1, min(2, months - 2)))
    if months <= 2:
        self_end = add_months(start, 1) if months == 2 else start
    check = (add_months(start, 1), self_end) if months >= 2 else None
    fix_start, fix_end = add_months(self_end, 1), add_months(report, -1)
    end = dt.date(report.year, 12, 1) if report.month < 12 else report
    after = (add_months(report, 1), end) if add_months(report, 1) <= end else None
    return Schedule(start, check, (fix_start, fix_end) if fix_start <= fix_end else None, report, after,
                    project.first_date(INSPECTION_DATES))


@dataclass(frozen=True)
class Measure:
    kind: str
    months: int
    lead: str
    responsible: str
    bridge: str
    due: dt.date
    risk: bool                              # due after the planned inspection


def measures(project: Project, fw: Framework, overrides: dict, sched: Schedule) -> dict[str, Measure]:
    """The measure of every leaf: its kind, duration and units, with the project's overrides applied."""
    kinds = fw.settings.measures
    target = project.date("整改完成")
    out = {}
    for leaf in fw.leaves():
        kind = leaf.measure or fw.settings.default_measure
        base = kinds[kind]
        own = overrides.get(kind)
        months = own.months if own and own.months else base.months
        lead = (own.lead if own and own.lead else "") or leaf.lead or base.lead or fw.settings.default_lead
        responsible = (own.responsible if own and own.responsible else "") or leaf.responsible or base.responsible \
            or fw.settings.default_responsible
        if project.level == "school":
            lead, responsible = "学校领导小组", "学校各处室、各年级组"
        due = max(sched.due(months), target) if target else sched.due(months)
        out[leaf.code] = Measure(kind, months, lead, responsible, base.bridge, due,
                                 sched.inspection is not None and due > sched.inspection)
    return out


def check_overrides(fw: Framework, overrides: dict, where: dict) -> None:
    """Measure kinds named in 整改措施 must be the framework's: each unknown one a Problem at its line."""
    probs = [Problem(f"“整改措施”中的类别“{kind}”不是指标框架中的整改措施类别", file=where[kind][0], line=where[kind][1],
                     hint="可用：" + "、".join(fw.settings.measures)) for kind in overrides if kind not in fw.settings.measures]
    if probs:
        raise DossierError(probs)

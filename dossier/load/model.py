"""What the load stage hands on: the school table's rows, the county facts, the people and the work plan as
the user gave them, parsed and checked. Nothing here is computed; `dossier.compute` starts from `Facts`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class School:
    """One row of the school table, with numbers parsed; `values` maps each Chinese column to its value
    (float for numeric columns, None when the optional cell is empty)."""
    code: str
    name: str
    type: str                      # 小学 | 初中 | 九年一贯制学校 | 十二年一贯制学校 | 完全中学 | 教学点
    area: str                      # 城区 | 镇区 | 乡村
    values: dict[str, Any]
    row: int                       # spreadsheet row number, for messages
    stages: list[str] = field(default_factory=list)   # 学段 the school has: subset of [小学, 初中]

    def get(self, column: str) -> float | None:
        return self.values.get(column)

    def students(self, stage: str) -> float:
        return float(self.values.get(f"{stage}在校生数") or 0)

    @property
    def compulsory_students(self) -> float:
        return self.students("小学") + self.students("初中")


@dataclass
class Person:
    name: str
    post: str = ""
    unit: str = ""


@dataclass
class Group:
    """The leading group or a working group (工作专班)."""
    name: str
    leaders: list[Person] = field(default_factory=list)        # 组长
    deputies: list[Person] = field(default_factory=list)       # 副组长
    members: list[Person] = field(default_factory=list)        # 成员
    duties: list[str] = field(default_factory=list)
    office: dict = field(default_factory=dict)                 # 办公室: {设在, 主任}


@dataclass
class Inspection:
    """人员.yaml 迎检: who receives the inspectors, where the archive is, the route, and the teams."""
    escorts: list[Person] = field(default_factory=list)       # 陪检 (post holds the 分工)
    reporter: str = ""                                        # 汇报人
    archive_room: str = ""                                    # 档案室
    route: list[str] = field(default_factory=list)            # 路线: school names or codes, in order
    survey: str = ""                                          # 问卷组织: who organises the survey
    groups: list[Group] = field(default_factory=list)         # 分组


@dataclass
class People:
    leading_group: Group | None = None
    working_groups: list[Group] = field(default_factory=list)
    department_duties: list[tuple[str, str]] = field(default_factory=list)   # (部门, 职责)
    inspection: Inspection | None = None


@dataclass
class Facts:
    schools: list[School]
    county: dict[str, dict]        # indicator code → {field: value, "说明": ..., "状态": ..., "依据": ...}
    vetoes: dict[str, Any]         # veto title → "是"/"否" (as given)
    survey: dict[str, dict]        # group → {option: count}
    people: People
    plan: list[dict]               # 工作计划 rows as given (目标任务, 完成时间, 工作措施, 牵头单位, 责任单位)
    table_file: str | None = None  # display path of the school table
    measures: dict = field(default_factory=dict)   # 整改措施 overrides: kind → (MeasureOverride, file, line)
    progress: list = field(default_factory=list)   # 整改进展 entries (load.progress.Entry)
    rechecks: list = field(default_factory=list)   # 整改复核 tables: (date, display path, [School])
    warnings: list = field(default_factory=list)   # core.errors.Problem: worth a look, never stops a run
    history: dict = field(default_factory=dict)    # earlier years' school tables: year → [School]
    work: list = field(default_factory=list)       # 主要工作 items (load.work.WorkItem)
    surveys: dict[str, dict] = field(default_factory=dict)   # survey leaf code → its groups (survey: the first)
    roster: Any = None             # 教职工花名册 as counts per school (load.roster.RosterCounts), no names

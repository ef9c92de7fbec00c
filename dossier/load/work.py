"""主要工作.yaml: what the project has done, as data — the projects and measures the 自评报告's 主要工作, the
汇报材料's 做法/成效/特色 and the 实施方案's 工作基础 are written from:

    主要工作:
      - 名称: 示例县第二中学综合楼新建工程
        类别: 新建改扩建校舍/场地       # 组织领导、办学条件、教师队伍、政府保障、教育质量、社会认可度，
                                       # 或指标框架的一级指标名称、整改措施类别
        投入: 2860                     # 万元（可写“2,860万元”）
        来源: 中央薄弱环节改善资金、县级财政
        开始: 2023-03                  # 年-月 或 年-月-日
        结束: 2024-08                  # 未完工的不写
        学校: [示例县第二中学]          # 学校名称或代码
        成效: 新增教学及辅助用房3,600平方米
        佐证: [20240830_综合楼竣工验收报告.pdf]
        特色: 否                       # 是：写进汇报材料的特色亮点

Entries are typed here (file and line for every problem); a school the table does not have is named with the
nearest one, a 类别 outside the allowed ones lists them.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from dossier.config import schema
from dossier.config.schema import Flag, Model, Text, parse_date_text
from dossier.config.yamlio import Located
from dossier.core.errors import DossierError, Problem, ProblemList

ORGANISATION = "组织领导"
# categories any framework accepts (the drafts' sections), besides its own areas and measure kinds
GENERAL = (ORGANISATION, "办学条件", "教师队伍", "政府保障", "教育质量", "社会认可度")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_MONEY = re.compile(r"^([+]?\d[\d,]*(?:\.\d+)?)\s*(万元|万)?$")


def _month(value: Any) -> Any:
    """2023-03, 2023年3月, or a full date: (year, month, day or None)."""
    if value is None:
        return None
    text = str(value).strip()
    m = _MONTH.match(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return (int(m.group(1)), int(m.group(2)), None)
    d = parse_date_text(value)
    if d is None:
        raise PydanticCustomError("dossier_month", "时间“{value}”无法识别，请写成 2023-03 或 2023-03-15", {"value": value})
    return (d.year, d.month, d.day)


def _money(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("dossier_money", "投入应为万元数，现为“{value}”", {"value": value})
    if isinstance(value, (int, float)):
        if value < 0:
            raise PydanticCustomError("dossier_money", "投入不能为负数，现为“{value}”", {"value": value})
        return float(value)
    m = _MONEY.match(str(value).strip())
    if not m:
        raise PydanticCustomError("dossier_money", "投入应为万元数（如 2860 或“2,860万元”），现为“{value}”", {"value": value})
    return float(m.group(1).replace(",", ""))


Month = Annotated[tuple | None, BeforeValidator(_month)]
Money = Annotated[float, BeforeValidator(_money)]


class ItemSpec(Model):
    name: Annotated[Text, Field(min_length=1)] = Field(alias="名称")
    category: Annotated[Text, Field(min_length=1)] = Field(alias="类别")
    money: Money | None = Field(None, alias="投入")
    source: Text = Field("", alias="来源")
    start: Month = Field(None, alias="开始")
    end: Month = Field(None, alias="结束")
    schools: list[Text] = Field(default_factory=list, alias="学校")
    result: Text = Field("", alias="成效")
    evidence: list[Text] = Field(default_factory=list, alias="佐证")
    feature: Flag = Field(False, alias="特色")


@dataclass
class WorkItem:
    name: str
    category: str
    money: float | None                 # 万元
    source: str
    start: dt.date | None               # first day of the start month (or the day given)
    end: dt.date | None                 # last day of the end month (or the day given); None: still under way
    schools: list[str]                  # school codes
    result: str
    evidence: list[str] = field(default_factory=list)
    feature: bool = False
    file: str = ""
    line: int | None = None

    def done_by(self, at: dt.date) -> bool:
        return self.end is not None and self.end <= at

    def started_by(self, at: dt.date) -> bool:
        return self.start is None or self.start <= at


def _day(ym: tuple | None, last: bool) -> dt.date | None:
    if ym is None:
        return None
    y, m, d = ym
    return dt.date(y, m, d or (calendar.monthrange(y, m)[1] if last else 1))


def read_work(doc: Located, schools, categories: list[str], probs: ProblemList) -> list[WorkItem]:
    data = doc.data or {}
    rows = data.get("主要工作") if isinstance(data, dict) else data
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise DossierError(Problem("主要工作应为列表，每项写明 名称、类别、投入、开始、结束、学校、成效", file=doc.file, line=1))
    base = ("主要工作",) if isinstance(data, dict) else ()
    by_name = {s.name: s.code for s in schools}
    codes = {s.code for s in schools}
    out = []
    for i, raw in enumerate(rows):
        try:
            spec = ItemSpec.model_validate(raw if isinstance(raw, dict) else {})
        except ValidationError as exc:
            probs.extend(schema.problems(exc, doc, ItemSpec, base=base + (i,), label=f"主要工作第{i + 1}项"))
            continue
        line = doc.line(*base, i)
        if spec.category not in categories:
            probs.add(f"主要工作“{spec.name}”的类别“{spec.category}”不是可用的类别", file=doc.file,
                      line=doc.line(*base, i, "类别"), hint="可用：" + "、".join(categories))
        item_codes = []
        for name in spec.schools:
            if name in codes or name in by_name:
                item_codes.append(name if name in codes else by_name[name])
                continue
            near = difflib.get_close_matches(name, list(by_name), n=1, cutoff=0.4)
            probs.add(f"主要工作“{spec.name}”中的学校“{name}”不在学校基础数据表中", file=doc.file,
                      line=doc.line(*base, i, "学校"), hint=(f"最接近的是“{near[0]}”；" if near else "") + "请写学校名称或学校代码")
        start, end = _day(spec.start, False), _day(spec.end, True)
        if start and end and end < start:
            probs.add(f"主要工作“{spec.name}”的结束时间早于开始时间", file=doc.file, line=doc.line(*base, i, "结束"))
        out.append(WorkItem(spec.name, spec.category, spec.money, spec.source, start, end, item_codes, spec.result,
                            list(spec.evidence), spec.feature, doc.file, line))
    return out

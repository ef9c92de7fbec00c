"""The columns of the school table: the built-in ones every framework may use (学校代码, 在校生数, the
national 优质均衡 and 基本均衡 figures), and the ones a framework file declares under `columns:` for its own
formulas (name, unit, kind, required or optional).

The framework check (`dossier.config.framework`) makes sure every column a leaf reads is one of these, so a
typo in a framework is an error with its line instead of "未填报" at every school; the load stage
(`dossier.load.table`) reads and checks the declared columns like the built-in ones; `dossier init --framework`
writes them into the table's header.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dossier.config.schema import Flag, Model, Text

STAGE_WORD = "{学段}"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str               # text | enum | count | number
    unit: str = ""          # display unit
    suffixes: tuple = ()    # unit suffixes accepted in a cell
    required: str = "no"    # yes | stage:小学 | stage:初中 | senior | no


PERSONS = ("人", "名")
M2 = ("平方米", "㎡", "m²", "m2", "平米")
SUFFIXES = {"人": PERSONS, "名": PERSONS, "平方米": M2, "个": ("个", "班"), "间": ("间", "个"), "台": ("台",),
            "册": ("册", "本"), "万元": ("万元",), "元": ("元",), "%": ("%", "％")}
COLUMNS = [
    Column("学校代码", "text", required="yes"),
    Column("学校名称", "text", required="yes"),
    Column("学校类型", "enum", required="yes"),
    Column("城乡类型", "enum", required="yes"),
    Column("小学在校生数", "count", "人", PERSONS, "stage:小学"),
    Column("初中在校生数", "count", "人", PERSONS, "stage:初中"),
    Column("高中在校生数", "count", "人", PERSONS, "senior"),
    Column("小学班级数", "count", "个", ("个", "班"), "stage:小学"),
    Column("初中班级数", "count", "个", ("个", "班"), "stage:初中"),
    Column("小学最大班额", "count", "人", PERSONS),
    Column("初中最大班额", "count", "人", PERSONS),
    Column("小学高于规定学历教师数", "count", "人", PERSONS, "stage:小学"),
    Column("初中高于规定学历教师数", "count", "人", PERSONS, "stage:初中"),
    Column("小学县级及以上骨干教师数", "count", "人", PERSONS, "stage:小学"),
    Column("初中县级及以上骨干教师数", "count", "人", PERSONS, "stage:初中"),
    Column("小学体育艺术专任教师数", "count", "人", PERSONS, "stage:小学"),
    Column("初中体育艺术专任教师数", "count", "人", PERSONS, "stage:初中"),
    Column("教学及辅助用房面积", "number", "平方米", M2, "yes"),
    Column("体育运动场馆面积", "number", "平方米", M2, "yes"),
    Column("教学仪器设备值", "number", "万元", ("万元",), "yes"),
    Column("网络多媒体教室数", "count", "间", ("间", "个"), "yes"),
    Column("音乐专用教室数", "count", "间", ("间", "个")),
    Column("音乐专用教室面积", "number", "平方米", M2),
    Column("美术专用教室数", "count", "间", ("间", "个")),
    Column("美术专用教室面积", "number", "平方米", M2),
    Column("专任教师数", "count", "人", PERSONS),
    Column("持证专任教师数", "count", "人", PERSONS),
    Column("计算机台数", "count", "台", ("台",)),
    Column("图书册数", "count", "册", ("册", "本")),
    Column("中级及以上职称教师数", "count", "人", PERSONS),
]
BUILTIN = {c.name: c for c in COLUMNS}


class ColumnSpec(Model):
    """A school-table column a framework needs beyond the built-in ones (`columns:` in the framework file)."""
    name: Text
    unit: Text = ""
    kind: Literal["count", "number"] = "number"      # count: whole numbers (人、间、台); number: any
    required: Flag = False                           # must be filled for every school (that has the 学段)
    note: Text = ""                                  # what to fill in: shown in the table template

    def stage_names(self, stages: list[str]) -> list[str]:
        """`{学段}图书册数` is one column per 学段."""
        return [self.name.replace(STAGE_WORD, s) for s in stages] if STAGE_WORD in self.name else [self.name]

    def columns(self, stages: list[str]) -> list[Column]:
        per_stage = STAGE_WORD in self.name
        out = []
        for stage, name in zip(stages if per_stage else [None], self.stage_names(stages)):
            required = ("stage:" + stage if stage else "yes") if self.required else "no"
            out.append(Column(name, self.kind, self.unit, SUFFIXES.get(self.unit, (self.unit,) if self.unit else ()),
                              required))
        return out


def known(declared: list[Column]) -> dict[str, Column]:
    """Every column a framework may read: the built-in ones and those it declares."""
    out = dict(BUILTIN)
    out.update({c.name: c for c in declared})
    return out


def resolves(name: str, stages: list[str], columns: dict[str, Column]) -> bool:
    """Whether a column reference (`{学段}` replaced per 学段; a bare 在校生数 meaning the 学段's column) names a
    column for every 学段."""
    for stage in stages:
        actual = name.replace(STAGE_WORD, stage)
        if actual not in columns and f"{stage}{actual}" not in columns:
            return False
    return True

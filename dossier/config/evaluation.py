"""The `evaluate:` block of a framework leaf: one typed parameter model per evaluation type.

A framework file says how each leaf indicator is assessed by naming a type and its parameters; this module is
the complete list of types and what each accepts (the computing side, `dossier.compute.rules`, has one rule
class per type registered under the same name). Adding a type is one model here and one rule class there.

    ratio              per school and 学段: numerator column × scale ÷ 学段在校生 ≥ threshold[学段]
    cv                 the same value, judged only by its 差异系数 across schools
    rooms_per_classes  specialised rooms per N classes, each room of a minimum area
    enrolment_max      义务教育 enrolment of a school ≤ limit[学校类型]
    column_max         a per-学段 column (e.g. 最大班额) ≤ limit[学段]
    share              numerator ÷ denominator (two columns) in percent ≥ threshold, else a county fact
    facts              county facts compared with values, other facts (ref) or an expected answer
    self               self-assessed: 达标 / 基本达标 / 未达标 with a basis
    survey             satisfaction survey: favourable answers ÷ valid questionnaires
"""
from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from dossier.config.schema import Model, Text

Scope = Literal["school", "county", "both"]
Op = Literal[">=", ">", "<=", "<", "=="]


class GapSpec(Model):
    """How a shortfall is stated: its unit, rounding (whole units, or up to `decimals`), and wording."""
    unit: Text = ""
    integer: bool = False
    decimals: Annotated[int, Field(ge=0, le=4)] = 1
    text: Text | None = None


class Params(Model):
    """What every evaluation type accepts."""
    type: Text = "self"
    scope: Scope | None = None         # where it is assessed: per school, by county facts, or both
    unit: Text = ""                    # the unit of the indicator's value, for tables and charts
    default_scope: ClassVar[str] = "county"


class Ratio(Params):
    numerator: Text                    # a column of the school table; {学段} is replaced by 小学 / 初中
    scale: float
    threshold: dict[Text, float]       # per 学段
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"


class Cv(Params):
    numerator: Text
    scale: float
    default_scope: ClassVar[str] = "school"


class Room(Model):
    name: Text
    count: Text                        # column: how many rooms
    area: Text                         # column: their total area
    min_area: float


class RoomsPerClasses(Params):
    rooms: list[Room]
    classes_per_room: Annotated[float, Field(gt=0)]
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"


class EnrolmentMax(Params):
    limit: dict[Text, float]           # per 学校类型
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"


class ColumnMax(Params):
    column: Text
    limit: dict[Text, float]           # per 学段
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"


class Share(Params):
    numerator: Text
    denominator: Text
    threshold: float                   # percent
    fact: Text | None = None           # the county fact used when the table gives no figures
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"


class FieldSpec(Model):
    """One county fact of a `facts` leaf."""
    name: Text
    unit: Text = ""
    op: Op | None = None
    value: float | None = None
    ref: Text | None = None            # compare with another fact of the leaf
    expect: Text | None = None         # an answer: 是 / 否

    @model_validator(mode="after")
    def _target(self) -> "FieldSpec":
        if self.op is not None and self.value is None and self.ref is None:
            raise ValueError(f"“{self.name}”有比较符 op 但没有 value 或 ref")
        return self


class Facts(Params):
    fields: list[FieldSpec]


class SelfAssessed(Params):
    pass


class Survey(Params):
    pass


TYPES: dict[str, type[Params]] = {
    "ratio": Ratio, "cv": Cv, "rooms_per_classes": RoomsPerClasses, "enrolment_max": EnrolmentMax,
    "column_max": ColumnMax, "share": Share, "facts": Facts, "self": SelfAssessed, "survey": Survey,
}

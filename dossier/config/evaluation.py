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
    formula            any expression (`dossier.config.expr`) per school and 学段, or county-wide, against a
                       threshold with a comparison; optional 差异系数; "1:N" display for 生机比-style ratios
    facts              county facts compared with values, other facts (ref) or an expected answer
    self               self-assessed: 达标 / 基本达标 / 未达标 with a basis
    survey             satisfaction survey: favourable answers ÷ valid questionnaires (any number of them)

Thresholds and limits are one number for every 学段 or one per 学段 ({小学: 4.2, 初中: 5.3}). The 差异系数
of a per-school indicator is switched with `cv`: true / false, or its own per-学段 limits.
"""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from dossier.config import expr
from dossier.config.schema import Model, Text

Scope = Literal["school", "county", "both"]
Op = Literal[">=", ">", "<=", "<", "=="]


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = "（不要写百分号，85% 写作 85）" if isinstance(value, str) and value.strip().endswith(("%", "％")) else ""
        raise PydanticCustomError("dossier_number", "应为数字，现为“{value}”{hint}", {"value": value, "hint": hint})
    return float(value)


def _per_stage(value: Any) -> Any:
    """One number for every 学段, or {学段: number}."""
    if isinstance(value, dict):
        return {str(k): _number(v) for k, v in value.items()}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        raise PydanticCustomError("dossier_number", "应为数字，现为“{value}”（不要写百分号，85% 写作 85）",
                                  {"value": value})
    raise PydanticCustomError("dossier_stage_values", "应为数字，或按学段写成 {{小学: 数字, 初中: 数字}}，现为“{value}”",
                              {"value": value})


PerStage = Annotated[float | dict[str, float], BeforeValidator(_per_stage)]


def at(value: "float | dict[str, float] | None", stage: str | None) -> float | None:
    """A per-学段 value for `stage` (a single number applies to every 学段)."""
    if value is None or isinstance(value, float):
        return value
    return value.get(stage) if stage else None


def _cv_switch(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and value.strip() in ("是", "否"):
        return value.strip() == "是"
    return _per_stage(value)


CvSwitch = Annotated[bool | float | dict[str, float] | None, BeforeValidator(_cv_switch)]


def _formula(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("dossier_formula", "公式应为文字，如 图书册数 / 在校生数")
    try:
        expr.parse(value)
    except expr.ExprError as exc:
        raise PydanticCustomError("dossier_formula", str(exc))
    return value


Formula = Annotated[str, BeforeValidator(_formula)]


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
    has_cv: ClassVar[bool] = False     # a per-school value whose 差异系数 is computed unless `cv: false`

    def column_refs(self) -> list[tuple[str, tuple]]:
        """The school-table columns this leaf reads, each with the key path it is written at."""
        return []

    def cv_on(self) -> bool:
        value = getattr(self, "cv", None)
        return self.has_cv if value is None else value is not False


class Ratio(Params):
    numerator: Text                    # a column of the school table; {学段} is replaced by 小学 / 初中
    scale: float
    threshold: PerStage                # per 学段, or one for all
    gap: GapSpec = GapSpec()
    cv: CvSwitch = None                # 差异系数: on (default), off, or its own limits
    default_scope: ClassVar[str] = "school"
    has_cv: ClassVar[bool] = True

    def column_refs(self) -> list[tuple[str, tuple]]:
        return [(self.numerator, ("numerator",))]


class Cv(Params):
    numerator: Text
    scale: float
    cv: CvSwitch = None
    default_scope: ClassVar[str] = "school"
    has_cv: ClassVar[bool] = True

    def column_refs(self) -> list[tuple[str, tuple]]:
        return [(self.numerator, ("numerator",))]


class Room(Model):
    name: Text
    count: Text                        # column: how many rooms
    area: Text | None = None           # column: their total area (with min_area)
    min_area: float | None = None      # each room at least this large; none: the count alone

    @model_validator(mode="after")
    def _area(self) -> "Room":
        if self.min_area is not None and self.area is None:
            raise ValueError(f"“{self.name}”有 min_area 但没有写面积列 area")
        return self


class RoomsPerClasses(Params):
    rooms: Annotated[list[Room], Field(min_length=1)]
    classes_per_room: Annotated[float, Field(gt=0)]
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"

    def column_refs(self) -> list[tuple[str, tuple]]:
        out = []
        for i, room in enumerate(self.rooms):
            out.append((room.count, ("rooms", i, "count")))
            if room.area:
                out.append((room.area, ("rooms", i, "area")))
        return out


class EnrolmentMax(Params):
    limit: dict[Text, float]           # per 学校类型
    text: Text = ""                    # the limit in words, e.g. ≤2000人（一贯制≤2500人）; default from `limit`
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"


class ColumnMax(Params):
    column: Text
    limit: PerStage                    # per 学段, or one for all
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"

    def column_refs(self) -> list[tuple[str, tuple]]:
        return [(self.column, ("column",))]


class Share(Params):
    numerator: Text
    denominator: Text
    threshold: PerStage                # percent; per 学段, or one for all
    fact: Text | None = None           # the county fact used when the table gives no figures
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"

    def column_refs(self) -> list[tuple[str, tuple]]:
        return [(self.numerator, ("numerator",)), (self.denominator, ("denominator",))]


class FieldSpec(Model):
    """One county fact of a `facts` leaf."""
    name: Text
    unit: Text = ""
    op: Op | None = None
    value: Annotated[float | None, BeforeValidator(lambda v: v if v is None else _number(v))] = None
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
    """A satisfaction survey; what it leaves out comes from settings.survey. A framework may have several
    (学生、家长满意度 and 社会认可度), each filled in under its own code in 指标数据.yaml."""
    threshold: float | None = None
    favourable: list[Text] | None = None
    weights: dict[Text, float] | None = None


class FormulaParams(Params):
    """`value` is a formula (`dossier.config.expr`): per school and 学段 by default, county-wide with
    `scope: county` (then it reads the leaf's `facts` and sums, means and shares over schools)."""
    value: Formula
    op: Op = ">="
    threshold: PerStage | None = None  # none: the value is reported, not judged
    cv: CvSwitch = None                # 差异系数 of a per-school formula: off unless switched on
    display: Literal["number", "percent", "ratio"] = "number"   # ratio: shown as 1:N
    decimals: Annotated[int, Field(ge=0, le=4)] = 2
    facts: list[FieldSpec] = []        # county facts a county formula reads (filled in 指标数据.yaml)
    gap: GapSpec = GapSpec()
    default_scope: ClassVar[str] = "school"

    def column_refs(self) -> list[tuple[str, tuple]]:
        fact_names = {f.name for f in self.facts}
        tree = expr.parse(self.value)
        county = self.scope == "county"
        return [(name, ("value",)) for name, per_school in expr.names(tree)
                if (per_school or not county) and name not in fact_names]

    @model_validator(mode="after")
    def _scope(self) -> "FormulaParams":
        tree = expr.parse(self.value)
        if self.scope != "county" and expr.uses_aggregates(tree):
            raise ValueError("sum/mean/count/share 只能用于县级公式（scope: county）")
        if self.scope == "county":
            fact_names = {f.name for f in self.facts}
            loose = [n for n, per_school in expr.names(tree) if not per_school and n not in fact_names]
            if loose:
                raise ValueError(f"县级公式中的“{'、'.join(dict.fromkeys(loose))}”既不在 facts 中，"
                                 "也不在 sum/mean/count/share 里；请在 facts 中列出该县级数据")
        return self


TYPES: dict[str, type[Params]] = {
    "ratio": Ratio, "cv": Cv, "rooms_per_classes": RoomsPerClasses, "enrolment_max": EnrolmentMax,
    "column_max": ColumnMax, "share": Share, "formula": FormulaParams, "facts": Facts, "self": SelfAssessed,
    "survey": Survey,
}

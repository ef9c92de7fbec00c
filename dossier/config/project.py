"""A user's project: the content folder and its dossier.yaml, validated once into typed settings.

The content folder is what the user owns and edits; dossier only ever reads it. This module finds the folder,
validates dossier.yaml (every section typed; every error, with its line, reported at once), and resolves every
path the user gives so that nothing outside the folder can be reached (links included). Later stages read the
typed settings (`project.config.archive.limit`), never the raw YAML.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError


from dossier.config import schema
from dossier.config.schema import Date, Flag, Model, Text
from dossier.config.yamlio import Located, load_yaml
from dossier.core.errors import DossierError, Problem

CONFIG = "dossier.yaml"
FACTS = "指标数据.yaml"
PEOPLE = "人员.yaml"
PLAN = "工作计划.yaml"
PROGRESS = "整改进展.yaml"
WORK = "主要工作.yaml"
TABLE_STEMS = ("学校基础数据",)
EVIDENCE = "evidence"

LEVELS = {"县": "county", "county": "county", "县级": "county", "区": "county",
          "学校": "school", "school": "school", "校": "school"}


def _level(value: Any) -> Any:
    level = LEVELS.get(str(value or "").strip())
    if level is None:
        raise PydanticCustomError("dossier_level", "应为 县 或 学校，现为“{value}”", {"value": value})
    return level


class Unit(Model):
    full_name: Annotated[Text, Field(min_length=1)] = Field(alias="全称")
    short_name: Text = Field("", alias="简称")
    level: Annotated[Literal["county", "school"], BeforeValidator(_level)] = Field(alias="级别")
    superior: Text = Field("", alias="上级单位")
    bureau: Text = Field("", alias="教育行政部门")
    school_code: Text = Field("", alias="学校代码")


class Archive(Model):
    """档案: how the evidence volumes are filed (cover, 档号, page limit, signatures)."""
    fonds: Text = Field("", alias="全宗名称")
    scheme: Text = Field("{年度}-{代码}", alias="档号")
    retention: Text = Field("", alias="保管期限")
    limit: Annotated[int, Field(gt=0)] = Field(300, alias="每卷页数上限")
    duplex: Flag = Field(False, alias="双面")
    compiler: Text = Field("", alias="立卷人")
    checker: Text = Field("", alias="检查人")
    filed: Date | None = Field(None, alias="立卷时间")
    spine_width: Annotated[float, Field(ge=15, le=90)] = Field(40.0, alias="脊背宽度")
    ocr: Flag = Field(True, alias="文字识别")       # OCR text layer for scans (where tesseract is installed)
    pdfa: Flag = Field(True, alias="PDF/A")         # volumes written as PDF/A-2b

    @field_validator("limit", mode="before")
    @classmethod
    def _whole(cls, value: Any) -> Any:
        if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.isdigit())):
            raise PydanticCustomError("dossier_limit", "应为正整数（如 300），现为“{value}”", {"value": value})
        return value


class Recheck(Model):
    """整改复核: a school table filled in again after rectification; a gap it no longer shows is closed that day."""
    table: Annotated[Text, Field(min_length=1)] = Field(alias="学校数据")
    date: Date = Field(alias="日期")


class Output(Model):
    build_time: Date | None = Field(None, alias="构建时间")


class Step(Model):
    """One phase of 实施步骤 as the user words it."""
    name: Text = Field("", alias="阶段")
    title: Text = Field("", alias="名称")
    when: Text = Field("", alias="时间")
    start: Date | None = Field(None, alias="开始")
    end: Date | None = Field(None, alias="结束")
    tasks: Text | list[Text] = Field(default_factory=list, alias="任务")
    content: Text | list[Text] = Field(default_factory=list, alias="内容")


def _months(value: Any) -> Any:
    """A duration in months: 3, "3", "3个月"."""
    if isinstance(value, str):
        text = value.strip().removesuffix("个月").removesuffix("月").strip()
        if text.isdigit():
            return int(text)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PydanticCustomError("dossier_months", "工期应为正整数个月（如 3 或“3个月”），现为“{value}”", {"value": value})
    return value


class MeasureOverride(Model):
    """整改措施: the project's own duration and units for a kind of measure."""
    months: Annotated[int, BeforeValidator(_months)] | None = Field(None, alias="工期")
    lead: Text = Field("", alias="牵头单位")
    responsible: Text = Field("", alias="责任单位")


def _year(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise PydanticCustomError("dossier_year", "应为四位年份，现为“{value}”", {"value": value})
    return value


Year = Annotated[int, BeforeValidator(_year)]


class ProjectConfig(Model):
    """dossier.yaml."""
    unit: Unit = Field(alias="单位")
    framework: Annotated[Text, Field(min_length=1)] = Field(alias="框架")
    year: Year = Field(alias="评估年度")
    evidence_years: list[Year] | None = Field(None, alias="佐证年度")
    dates: dict[Text, Date] = Field(default_factory=dict, alias="日期")
    signatory: Text = Field("", alias="署名")
    issuers: dict[Text, Text] = Field(default_factory=dict, alias="发文机关代字")   # 机关代字 → 责任者 (示教: …)
    archive: Archive = Field(default_factory=Archive, alias="档案")
    output: Output = Field(default_factory=Output, alias="输出")
    steps: list[Step] = Field(default_factory=list, alias="实施步骤")
    measures: dict[Text, MeasureOverride] = Field(default_factory=dict, alias="整改措施")
    rechecks: list[Recheck] = Field(default_factory=list, alias="整改复核")

    @field_validator("rechecks", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value


@dataclass(frozen=True)
class Project:
    root: Path                       # the content folder (resolved)
    config: ProjectConfig
    located: Located                 # dossier.yaml as read, for the lines of later messages

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def unit(self) -> Unit:
        return self.config.unit

    @property
    def level(self) -> str:
        return self.config.unit.level

    @property
    def framework_name(self) -> str:
        return self.config.framework

    @property
    def year(self) -> int:
        return self.config.year

    @property
    def evidence_years(self) -> list[int]:
        years = self.config.evidence_years
        return list(years) if years is not None else [self.year - 2, self.year - 1, self.year]

    @property
    def unit_name(self) -> str:
        return self.unit.full_name or self.root.name

    @property
    def short_name(self) -> str:
        return self.unit.short_name or self.unit_name

    @property
    def signatory(self) -> str:
        return self.config.signatory or self.unit_name

    @property
    def config_file(self) -> str:
        return self.display(self.root / CONFIG)

    def display(self, path: Path) -> str:
        """Path as shown to the user: from the content folder's parent (e.g. 示例县/学校基础数据.xlsx)."""
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve().parent))
        except ValueError:
            return str(path)

    def line(self, *keys) -> int | None:
        return self.located.line(*keys)

    def inside(self, path: Path, what: str = "文件") -> Path:
        """Resolve `path` (links included) and refuse anything that leaves the content folder."""
        resolved = Path(path).resolve()
        try:
            resolved.relative_to(self.root.resolve())
        except ValueError:
            raise DossierError(Problem(f"{what}指向项目文件夹之外：{resolved}", file=self.display(path),
                                       hint="请把文件复制到项目文件夹内，不要使用指向外部的链接或“..”路径"))
        return resolved

    def table_path(self) -> Path | None:
        """The school table (.xlsx, .xls or .csv); refuses to guess when two of them are there."""
        for stem in TABLE_STEMS:
            found = [self.root / f"{stem}{ext}" for ext in (".xlsx", ".xls", ".csv") if (self.root / f"{stem}{ext}").exists()]
            if len(found) > 1:
                raise DossierError(Problem(f"同时有 {found[0].name} 和 {found[1].name}，不知道该用哪一个",
                                           file=self.name, hint="请只保留一个学校基础数据表（另一个可改名或移出项目文件夹）"))
            if found:
                return found[0]
        return None

    def date(self, key: str) -> dt.date | None:
        """A date from the 日期 section, or None when it is not given."""
        return self.config.dates.get(key)

    def first_date(self, keys) -> dt.date | None:
        """The first of the 日期 entries `keys` that is given."""
        return next((d for d in (self.date(k) for k in keys) if d is not None), None)

    def build_time(self) -> dt.datetime:
        """The fixed time stamped into outputs: SOURCE_DATE_EPOCH, else 输出.构建时间, else the 评估年度's end."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
        d = self.config.output.build_time
        if d is not None:
            return dt.datetime(d.year, d.month, d.day)
        return dt.datetime(self.year, 12, 31)


def find_projects(base: Path) -> list[Path]:
    """Every project folder under `base` (a folder holding dossier.yaml), sorted by name."""
    if (base / CONFIG).is_file():
        return [base]
    return sorted(p.parent for p in base.glob(f"*/{CONFIG}"))


def load_project(folder: Path | str) -> Project:
    root = Path(folder)
    if not root.exists():
        raise DossierError(Problem(f"项目文件夹不存在：{root}", hint="用 dossier init 新建，或检查路径"))
    if not root.is_dir():
        raise DossierError(Problem(f"不是文件夹：{root}"))
    cfg_path = root / CONFIG
    if not cfg_path.is_file():
        raise DossierError(Problem(f"文件夹中没有 {CONFIG}", file=str(root),
                                   hint="每个项目文件夹都需要 dossier.yaml；可用 dossier init 生成"))
    root = root.resolve()
    doc = load_yaml(cfg_path, f"{root.name}/{CONFIG}")
    if not isinstance(doc.data, dict):
        raise DossierError(Problem("dossier.yaml 应为键值结构（单位、框架、评估年度…）", file=doc.file, line=1))
    try:
        config = ProjectConfig.model_validate(doc.data)
    except ValidationError as exc:
        raise DossierError(schema.problems(exc, doc, ProjectConfig)) from None
    return Project(root=root, config=config, located=doc)

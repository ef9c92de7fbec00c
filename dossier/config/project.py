"""A user's project: the content folder and its dossier.yaml.

The content folder is what the user owns and edits; dossier only ever reads it. This module finds the folder,
reads dossier.yaml into a `Project`, and resolves every path the user gives so that nothing outside the folder
can be reached (links included).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.config.yamlio import Located, load_yaml

CONFIG = "dossier.yaml"
FACTS = "指标数据.yaml"
PEOPLE = "人员.yaml"
PLAN = "工作计划.yaml"
TABLE_STEMS = ("学校基础数据",)
EVIDENCE = "evidence"
TEMPLATES = "templates"

LEVELS = {"县": "county", "county": "county", "县级": "county", "区": "county",
          "学校": "school", "school": "school", "校": "school"}


@dataclass
class Project:
    root: Path                       # the content folder
    config: dict
    located: Located
    level: str                       # "county" | "school"
    framework_name: str
    year: int
    evidence_years: list[int]
    unit: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def unit_name(self) -> str:
        return self.unit.get("全称") or self.root.name

    @property
    def short_name(self) -> str:
        return self.unit.get("简称") or self.unit_name

    @property
    def config_file(self) -> str:
        return self.display(self.root / CONFIG)

    def display(self, path: Path) -> str:
        """Path as shown to the user: from the content folder's parent (e.g. 示例县/学校基础数据.xlsx)."""
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve().parent))
        except ValueError:
            return str(path)

    def get(self, *keys, default=None) -> Any:
        node: Any = self.config
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

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
        """The school table; refuses to guess when both an .xlsx and a .csv are there."""
        for stem in TABLE_STEMS:
            found = [self.root / f"{stem}{ext}" for ext in (".xlsx", ".csv") if (self.root / f"{stem}{ext}").exists()]
            if len(found) > 1:
                raise DossierError(Problem(f"同时有 {found[0].name} 和 {found[1].name}，不知道该用哪一个",
                                           file=self.name, hint="请只保留一个学校基础数据表（另一个可改名或移出项目文件夹）"))
            if found:
                return found[0]
        return None

    def date(self, key: str, default: dt.date | None = None) -> dt.date | None:
        """A date from the 日期 section (YYYY-MM-DD)."""
        value = self.get("日期", key)
        if value is None:
            return default
        return parse_date(value, self.config_file, self.line("日期", key))

    def build_time(self) -> dt.datetime:
        """The fixed time stamped into outputs: SOURCE_DATE_EPOCH, else 输出.构建时间, else the 评估年度's end."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
        value = self.get("输出", "构建时间")
        if value is not None:
            d = parse_date(value, self.config_file, self.line("输出", "构建时间"))
            return dt.datetime(d.year, d.month, d.day)
        return dt.datetime(self.year, 12, 31)


def parse_date(value: Any, file: str, line: int | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise DossierError(Problem(f"日期“{text}”无法识别", file=file, line=line, hint="请写成 2025-03-10 的形式"))


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
    display = f"{root.name}/{CONFIG}"
    doc = load_yaml(cfg_path, display)
    data = doc.data
    probs = ProblemList()
    if not isinstance(data, dict):
        raise DossierError(Problem("dossier.yaml 应为键值结构", file=display, line=1))

    unit = data.get("单位") or {}
    if not isinstance(unit, dict):
        probs.add("“单位”应包含 全称、级别 等项", file=display, line=doc.line("单位"))
        unit = {}
    if not unit.get("全称"):
        probs.add("缺少“单位.全称”", file=display, line=doc.line("单位"), hint="填写县（区）人民政府或学校的全称")
    level_raw = str(unit.get("级别", "")).strip()
    level = LEVELS.get(level_raw)
    if level is None:
        probs.add(f"“单位.级别”应为 县 或 学校，现为“{level_raw}”", file=display, line=doc.line("单位", "级别"))
        level = "county"
    fw_name = data.get("框架")
    if not fw_name:
        probs.add("缺少“框架”", file=display, line=1, hint="如 youzhi-2017（优质均衡）或 jiben-2012（基本均衡）")
    year = data.get("评估年度")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        probs.add(f"“评估年度”应为四位年份，现为“{year}”", file=display, line=doc.line("评估年度"))
        year = 2025
    years = data.get("佐证年度")
    if years is None:
        years = [year - 2, year - 1, year]
    if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        probs.add("“佐证年度”应为年份列表，如 [2023, 2024, 2025]", file=display, line=doc.line("佐证年度"))
        years = [year - 2, year - 1, year]
    dates = data.get("日期") or {}
    if not isinstance(dates, dict):
        probs.add("“日期”应为“名称: 年-月-日”的键值结构", file=display, line=doc.line("日期"))
        dates = {}
    for path in [("日期", k) for k in dates] + [("档案", "立卷时间"), ("输出", "构建时间")]:
        section = data.get(path[0])
        if isinstance(section, dict) and section.get(path[1]) is not None:
            try:
                parse_date(section[path[1]], display, doc.line(*path))
            except DossierError as exc:
                probs.extend(exc.problems)
    probs.raise_if_any()
    return Project(root=root, config=data, located=doc, level=level, framework_name=str(fw_name),
                   year=year, evidence_years=years, unit=unit)

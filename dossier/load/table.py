"""The school table (学校基础数据.xlsx, .xls or .csv; workbooks are read by `dossier.load.sheets`): its header
(units in brackets taken off and checked, duplicate names refused), its columns, and every row read into a
`School` with numbers parsed and checked against the school's type (less a 未开设学段 the school names). Every problem is collected with its row and column, so a user
fixes the whole table in one pass; the file is opened read-only."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dossier.config.columns import COLUMNS, M2 as _M2, PERSONS, Column  # noqa: F401  (re-exported)
from dossier.config.project import Project
from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.load.model import School
from dossier.load.sheets import column_letter, read_sheet

SCHOOL_TYPES = {
    "小学": ["小学"],
    "初中": ["初中"],
    "九年一贯制学校": ["小学", "初中"],
    "十二年一贯制学校": ["小学", "初中"],
    "完全中学": ["初中"],
    "教学点": ["小学"],
}
HAS_SENIOR = {"十二年一贯制学校", "完全中学"}
AREAS = ("城区", "镇区", "乡村")


COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
HEADERS = [c.name for c in COLUMNS]
# Every unit word we recognise, to tell "wrong unit" from "not a number".
UNITS = ("平方米", "㎡", "m²", "m2", "平米", "万元", "元", "人", "名", "个", "班", "间", "台", "册", "本", "%", "％")
_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class Header(list):
    """The header's column names (units in brackets taken off), with the unit each header gave."""
    units: dict[str, str]


_UNIT_WORDS = set(UNITS) | {u for col in COLUMNS for u in col.suffixes} | {"个数", "台数", "万册", "元/生", "平方米/生"}
_BRACKETED = re.compile(r"^(.+?)\s*[（(]\s*([^()（）]*?)\s*[)）]$")


def read_rows(path: Path, display: str, year: int | None = None) -> tuple[Header, list[tuple[int, list[Any]]], str]:
    """Header and data rows (with their 1-based spreadsheet row numbers) of an .xlsx, .xls or .csv file; of a
    workbook with several sheets, the one for `year` (see `dossier.load.sheets`)."""
    rows, shown = read_sheet(path, display, year)
    return _split_header(rows, shown)


def _split_header(rows, display):
    rows = [(i, r) for i, r in rows if any(c not in (None, "") and str(c).strip() for c in r)]
    if not rows:
        raise DossierError(Problem("表格是空的", file=display, hint="第一行应为表头（学校代码、学校名称…）"))
    header_row, raw = rows[0]
    header, units = Header(), {}
    seen: dict[str, int] = {}
    probs = ProblemList()
    for i, h in enumerate(raw):
        name = str(h).strip() if h is not None else ""
        m = _BRACKETED.match(name)
        if m and m.group(2) in _UNIT_WORDS:
            name, units[m.group(1)] = m.group(1), m.group(2)
        if name and name in seen:
            probs.add(f"第{column_letter(seen[name])}列和第{column_letter(i)}列的表头都是“{name}”，不知道该用哪一列",
                      file=display, row=header_row, hint="每个项目只保留一列：删去重复的一列或改名")
        seen.setdefault(name, i)
        header.append(name)
    probs.raise_if_any()
    header.units = units
    return header, rows[1:], display


def _header_units(header, by_name, display, probs) -> None:
    """A unit in a header's brackets must be the column's unit (教学仪器设备值（万元）, not （元）)."""
    for name, unit in getattr(header, "units", {}).items():
        col = by_name.get(name)
        if col is None or not col.unit or unit in col.suffixes or unit == col.unit:
            continue
        probs.add(f"表头“{name}（{unit}）”的单位与本列不符（本列单位为{col.unit}）", file=display, row=1, column=name,
                  hint=f"请把数据换算为{col.unit}，表头写“{name}（{col.unit}）”或只写“{name}”")


def read_school_table(path: Path, display: str, probs: ProblemList, declared: list[Column] = (),
                      framework: str = "", table: tuple | None = None, year: int | None = None) -> list[School]:
    """The schools of the table; `declared` are the columns the framework adds to the built-in ones; `table`
    is (header, rows, display) already read (one year's rows of a table with a 年度 column)."""
    header, rows, display = table or read_rows(path, display, year)
    index = {name: i for i, name in enumerate(header) if name}
    by_name = {**COLUMN_BY_NAME, **{c.name: c for c in declared}}
    _header_units(header, by_name, display, probs)
    missing = [c.name for c in COLUMNS if c.required in ("yes",) and c.name not in index]
    stage_cols = [c.name for c in COLUMNS if c.required.startswith("stage") and c.name not in index]
    for col in declared:
        if col.name not in index:
            need = "必填" if col.required != "no" else "选填"
            probs.add(f"缺少指标框架 {framework} 要求的{need}列“{col.name}”（单位：{col.unit or '无'}）", file=display,
                      row=1, hint="请在表头加上此列（dossier init --framework 生成的模板已含此列）")
    if missing or stage_cols:
        for name in missing + stage_cols:
            probs.add(f"缺少必填列“{name}”", file=display, row=1,
                      hint="表头须与模板一致（可用 dossier init 生成模板）；列名前后不要有空格")
        # keep going with what is there to report cell problems too, but only if the key columns exist
        if any(n in missing for n in ("学校代码", "学校类型")):
            return []
    schools: list[School] = []
    seen: dict[str, int] = {}
    for rownum, cells in rows:
        def cell(name):
            i = index.get(name)
            if i is None or i >= len(cells):
                return None
            v = cells[i]
            if isinstance(v, str):
                v = v.strip()
                if v == "":
                    return None
            return v

        where = dict(file=display, row=rownum)
        code = _code(cell("学校代码"))
        name = str(cell("学校名称") or "").strip()
        if not code:
            probs.add("学校代码为空", column="学校代码", **where)
            continue
        if code in seen:
            probs.add(f"学校代码“{code}”重复（第{seen[code]}行已出现）", column="学校代码", **where,
                      hint="每所学校一行，学校代码须唯一")
            continue
        seen[code] = rownum
        if not name:
            probs.add("学校名称为空", column="学校名称", **where)
        stype = str(cell("学校类型") or "").strip()
        if stype not in SCHOOL_TYPES:
            probs.add(f"未知的学校类型“{stype}”", column="学校类型", **where,
                      hint="应为：" + "、".join(SCHOOL_TYPES))
            continue
        area = str(cell("城乡类型") or "").strip()
        if area not in AREAS:
            probs.add(f"未知的城乡类型“{area}”", column="城乡类型", **where, hint="应为：城区、镇区、乡村")
        values: dict[str, Any] = {}
        bad: set[str] = set()                # cells already reported: no follow-on messages about them
        for name_, i in index.items():
            col = by_name.get(name_)
            raw = cell(name_)
            if col is None:
                values[name_] = raw          # columns not listed are kept (a provincial framework may use them)
                continue
            if col.kind in ("text", "enum"):
                continue
            before = len(probs)
            values[name_] = _number(raw, col, probs, where)
            if len(probs) > before:
                bad.add(name_)
        stages = _open_stages(stype, cell(NOT_OPEN), probs, where)
        _check_school(values, stype, stages, probs, where, bad, [c for c in declared if c.name in index])
        schools.append(School(code=code, name=name, type=stype, area=area, values=values, row=rownum,
                              stages=list(stages)))
    if not rows:
        probs.add("表格只有表头，没有学校数据", file=display, row=2)
    return schools


NOT_OPEN = "未开设学段"       # optional column: a 九年一贯制学校 whose 初中 has not opened yet says so here


def _open_stages(stype: str, raw: Any, probs: ProblemList, where: dict) -> list[str]:
    """The school type's stages less those the school says have not opened (未开设学段: 初中)."""
    stages = list(SCHOOL_TYPES[stype])
    text = str(raw or "").strip()
    if not text or text in ("无", "否", "—", "-"):
        return stages
    closed = [s for s in ("小学", "初中") if s in text]
    if not closed:
        probs.add(f"“{NOT_OPEN}”应为 小学 或 初中，现为“{text}”", column=NOT_OPEN, **where,
                  hint="学段都已开设的请留空")
        return stages
    wrong = [s for s in closed if s not in stages]
    if wrong or len(closed) >= len(stages):
        probs.add(f"{stype}的“{NOT_OPEN}”不能是“{text}”", column=NOT_OPEN, **where,
                  hint="只有九年一贯制、十二年一贯制学校可以注明尚未开设的一个学段；否则请核对学校类型")
        return stages
    return [s for s in stages if s not in closed]


def _code(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _number(raw: Any, col: Column, probs: ProblemList, where: dict) -> float | None:
    """A numeric cell: a number, or text with the column's unit; None when empty."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        probs.add(f"应为数字，现为“{raw}”", column=col.name, **where)
        return None
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().replace("，", ",").replace(" ", "")
        unit = None if NUMBER.match(text) else next((u for u in _LONGEST_FIRST if text.endswith(u)), None)
        if unit is not None:
            number = text[: -len(unit)]
            if unit not in col.suffixes:
                probs.add(f"单位“{unit}”与本列不符（本列单位为{col.unit}）", column=col.name, **where,
                          hint=f"请换算为{col.unit}后只填数字")
                return None
            text = number
        if not NUMBER.match(text):
            probs.add(f"应为数字，现为“{raw}”", column=col.name, **where,
                      hint=f"只填数字（单位：{col.unit}）" if col.unit else "只填数字")
            return None
        value = float(text.replace(",", ""))
    if value < 0:
        probs.add(f"不能为负数（现为{show_number(value)}）", column=col.name, **where)
        return None
    if col.kind == "count" and not float(value).is_integer():
        probs.add(f"应为整数（现为{show_number(value)}）", column=col.name, **where)
        return None
    return value


def show_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _check_school(values: dict, stype: str, stages: list[str], probs: ProblemList, where: dict,
                  bad: set[str] = frozenset(), declared: list[Column] = ()) -> None:
    columns = COLUMNS + list(declared)
    for c in columns:
        if c.required == "yes" and c.kind in ("count", "number") and values.get(c.name) is None and c.name not in bad:
            probs.add("此项必填，不能为空", column=c.name, **where, hint=f"全校数据，单位：{c.unit}；确实没有请填 0")
    for stage in ("小学", "初中"):
        has = stage in stages
        for c in columns:
            if c.required != f"stage:{stage}":
                continue
            v = values.get(c.name)
            if has and v is None and c.name not in bad:
                probs.add(f"{stype}有{stage}学段，此项必填", column=c.name, **where)
        students = values.get(f"{stage}在校生数")
        if has and students is not None and students == 0:
            probs.add(f"{stype}有{stage}学段，在校生数不能为 0", column=f"{stage}在校生数", **where,
                      hint=f"该学段尚未招生的，请在“{NOT_OPEN}”列填写“{stage}”" if len(SCHOOL_TYPES[stype]) > 1
                      else "学校类型与在校生数不符：请核对学校类型或学生数")
        if not has and students and stage in SCHOOL_TYPES[stype]:
            probs.add(f"“{NOT_OPEN}”写了{stage}，却填了{stage}在校生数{show_number(students)}人", column=f"{stage}在校生数",
                      **where, hint=f"{stage}已招生的，请清空“{NOT_OPEN}”")
        elif not has and students:
            probs.add(f"{stype}没有{stage}学段，却填了{stage}在校生数{show_number(students)}人", column=f"{stage}在校生数",
                      **where, hint="请核对学校类型（如应为九年一贯制学校）")
        classes = values.get(f"{stage}班级数")
        if f"{stage}在校生数" in bad or (has and students == 0):
            continue                         # the student count is already reported: nothing to compare with
        if has and students and classes == 0:
            probs.add(f"有{stage}在校生但班级数为 0", column=f"{stage}班级数", **where)
        if students is not None and classes and classes > students:
            probs.add(f"{stage}班级数（{show_number(classes)}）多于在校生数（{show_number(students)}）", column=f"{stage}班级数", **where)
        big = values.get(f"{stage}最大班额")
        if big and classes and students and big * classes < students:
            probs.add(f"{stage}最大班额{show_number(big)}人 × {show_number(classes)}个班 小于在校生数{show_number(students)}人，数据矛盾",
                      column=f"{stage}最大班额", **where)
    if stype in HAS_SENIOR and not values.get("高中在校生数"):
        probs.add(f"{stype}应填写高中在校生数", column="高中在校生数", **where,
                  hint="高中部分要分担全校共用资源；如无高中请核对学校类型")
    teachers = values.get("专任教师数")
    if teachers is not None:
        for label, cols in (("县级及以上骨干教师", ("小学县级及以上骨干教师数", "初中县级及以上骨干教师数")),
                            ("高于规定学历教师", ("小学高于规定学历教师数", "初中高于规定学历教师数")),
                            ("体育艺术专任教师", ("小学体育艺术专任教师数", "初中体育艺术专任教师数")),
                            ("持证专任教师", ("持证专任教师数",)),
                            ("中级及以上职称教师", ("中级及以上职称教师数",))):
            total = sum(values.get(c) or 0 for c in cols)
            if total > teachers:
                probs.add(f"{label}数（{show_number(total)}）多于专任教师数（{show_number(teachers)}），数据矛盾",
                          column=cols[0], **where)
    for room in ("音乐", "美术"):
        n, a = values.get(f"{room}专用教室数"), values.get(f"{room}专用教室面积")
        if n == 0 and a:
            probs.add(f"{room}专用教室数为 0 却填了面积{show_number(a)}平方米", column=f"{room}专用教室面积", **where)


def pick_school(project: Project, schools: list[School], table_file: str | None, probs: ProblemList):
    code = _code(project.unit.school_code)
    if code:
        chosen = [s for s in schools if s.code == code]
        if not chosen:
            probs.add(f"学校基础数据表中没有学校代码为“{code}”的学校", file=project.config_file,
                      line=project.line("单位", "学校代码"), hint=f"请核对 dossier.yaml 的 单位.学校代码 与 {table_file}")
        return chosen
    if len(schools) > 1:
        probs.add("学校项目的数据表有多所学校，但 dossier.yaml 未指定 单位.学校代码", file=project.config_file,
                  line=project.line("单位"))
    return schools[:1]



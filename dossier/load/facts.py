"""Load facts: the school table (.xlsx or .csv), the county facts and the people of a project.

Every problem found is collected with its file, row and column (or YAML line) and all of them are raised
together, so a user fixes a whole table in one pass. Source files are opened read-only.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.config.framework import Framework
from dossier.compute.model import Facts, Group, People, Person, School
from dossier.config.project import FACTS, PEOPLE, PLAN, Project
from dossier.config.yamlio import Located, load_yaml

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


@dataclass(frozen=True)
class Column:
    name: str
    kind: str               # text | enum | count | number
    unit: str = ""          # display unit
    suffixes: tuple = ()    # unit suffixes accepted in a cell
    required: str = "no"    # yes | stage:小学 | stage:初中 | senior | no


PERSONS = ("人", "名")
_M2 = ("平方米", "㎡", "m²", "m2", "平米")
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
    Column("教学及辅助用房面积", "number", "平方米", _M2, "yes"),
    Column("体育运动场馆面积", "number", "平方米", _M2, "yes"),
    Column("教学仪器设备值", "number", "万元", ("万元",), "yes"),
    Column("网络多媒体教室数", "count", "间", ("间", "个"), "yes"),
    Column("音乐专用教室数", "count", "间", ("间", "个")),
    Column("音乐专用教室面积", "number", "平方米", _M2),
    Column("美术专用教室数", "count", "间", ("间", "个")),
    Column("美术专用教室面积", "number", "平方米", _M2),
    Column("专任教师数", "count", "人", PERSONS),
    Column("持证专任教师数", "count", "人", PERSONS),
    Column("计算机台数", "count", "台", ("台",)),
    Column("图书册数", "count", "册", ("册", "本")),
    Column("中级及以上职称教师数", "count", "人", PERSONS),
]
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
HEADERS = [c.name for c in COLUMNS]
# Every unit word we recognise, to tell "wrong unit" from "not a number".
_ALL_UNITS = ("平方米", "㎡", "m²", "m2", "平米", "万元", "元", "人", "名", "个", "班", "间", "台", "册", "本", "%", "％")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def load(project: Project, framework: Framework) -> Facts:
    probs = ProblemList()
    schools, table_file = [], None
    path = project.table_path()
    if path is None:
        probs.add("找不到学校基础数据表", file=project.name,
                  hint="请在项目文件夹中放入 学校基础数据.xlsx 或 学校基础数据.csv（可用 dossier init 生成模板）")
    else:
        project.inside(path, "学校基础数据表")
        table_file = project.display(path)
        try:
            schools = read_school_table(path, table_file, probs)
        except DossierError as exc:
            probs.extend(exc.problems)
    if project.level == "school" and schools:
        schools = _pick_school(project, schools, table_file, probs)

    def optional(name: str, reader, default):
        """Read an optional YAML file of the project with `reader`, collecting its problems."""
        path = project.root / name
        if not path.exists():
            return default
        project.inside(path)
        try:
            return reader(load_yaml(path, project.display(path)))
        except DossierError as exc:
            probs.extend(exc.problems)
            return default

    county, vetoes, survey = optional(FACTS, lambda doc: read_county_facts(doc, framework, probs), ({}, {}, {}))
    people = optional(PEOPLE, lambda doc: read_people(doc, probs), People())
    plan = optional(PLAN, lambda doc: read_plan(doc, probs), [])
    probs.raise_if_any()
    return Facts(schools=schools, county=county, vetoes=vetoes, survey=survey, people=people, plan=plan,
                 table_file=table_file)


# ---------------------------------------------------------------- school table

def read_rows(path: Path, display: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Header and data rows (with their 1-based spreadsheet row numbers) of an .xlsx or .csv file."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, display)
    if suffix == ".csv":
        return _read_csv(path, display)
    raise DossierError(Problem(f"不支持的表格格式“{path.suffix}”", file=display, hint="请保存为 .xlsx 或 .csv"))


def _read_xlsx(path: Path, display: str):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    if not zipfile.is_zipfile(path):
        raise DossierError(Problem("文件不是有效的 Excel (.xlsx) 文件", file=display,
                                   hint="可能是改了扩展名的其他文件或已损坏；请在 Excel/WPS 中另存为 .xlsx"))
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DossierError(Problem(f"无法读取 Excel 文件：{exc}", file=display, hint="请在 Excel/WPS 中另存为 .xlsx"))
    try:
        sheets = []
        for name in wb.sheetnames:
            rows = [(i, list(row)) for i, row in enumerate(wb[name].iter_rows(values_only=True), 1)]
            sheets.append((name, rows))
            if any("学校代码" in [str(c).strip() for c in r if c is not None] for _, r in rows[:5]):
                break                        # the sheet with the school table's header
        else:
            name, rows = sheets[0]
    finally:
        wb.close()
    shown = display if len(wb.sheetnames) == 1 else f"{display}（工作表“{name}”）"
    return _split_header(rows, shown)


def _read_csv(path: Path, display: str):
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything
        raise DossierError(Problem("CSV 文件编码无法识别", file=display, hint="请另存为 UTF-8 编码的 CSV"))
    reader = csv.reader(io.StringIO(text))
    rows = [(i, row) for i, row in enumerate(reader, 1)]
    return _split_header(rows, display)


def _split_header(rows, display):
    rows = [(i, r) for i, r in rows if any(c not in (None, "") and str(c).strip() for c in r)]
    if not rows:
        raise DossierError(Problem("表格是空的", file=display, hint="第一行应为表头（学校代码、学校名称…）"))
    header_row, header = rows[0]
    header = [str(h).strip() if h is not None else "" for h in header]
    return header, rows[1:], display


def read_school_table(path: Path, display: str, probs: ProblemList) -> list[School]:
    header, rows, display = read_rows(path, display)
    index = {name: i for i, name in enumerate(header) if name}
    missing = [c.name for c in COLUMNS if c.required in ("yes",) and c.name not in index]
    stage_cols = [c.name for c in COLUMNS if c.required.startswith("stage") and c.name not in index]
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
            col = COLUMN_BY_NAME.get(name_)
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
        stages = SCHOOL_TYPES[stype]
        _check_school(values, stype, stages, probs, where, bad)
        schools.append(School(code=code, name=name, type=stype, area=area, values=values, row=rownum,
                              stages=list(stages)))
    if not rows:
        probs.add("表格只有表头，没有学校数据", file=display, row=2)
    return schools


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
        unit = next((u for u in sorted(_ALL_UNITS, key=len, reverse=True) if text.endswith(u)), None)
        if unit is not None:
            number = text[: -len(unit)]
            if unit not in col.suffixes:
                probs.add(f"单位“{unit}”与本列不符（本列单位为{col.unit}）", column=col.name, **where,
                          hint=f"请换算为{col.unit}后只填数字")
                return None
            text = number
        if not _NUMBER.match(text):
            probs.add(f"应为数字，现为“{raw}”", column=col.name, **where,
                      hint=f"只填数字（单位：{col.unit}）" if col.unit else "只填数字")
            return None
        value = float(text.replace(",", ""))
    if value < 0:
        probs.add(f"不能为负数（现为{_fmt(value)}）", column=col.name, **where)
        return None
    if col.kind == "count" and not float(value).is_integer():
        probs.add(f"应为整数（现为{_fmt(value)}）", column=col.name, **where)
        return None
    return value


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _check_school(values: dict, stype: str, stages: list[str], probs: ProblemList, where: dict,
                  bad: set[str] = frozenset()) -> None:
    for c in COLUMNS:
        if c.required == "yes" and c.kind in ("count", "number") and values.get(c.name) is None and c.name not in bad:
            probs.add("此项必填，不能为空", column=c.name, **where, hint=f"全校数据，单位：{c.unit}；确实没有请填 0")
    for stage in ("小学", "初中"):
        has = stage in stages
        for c in COLUMNS:
            if c.required != f"stage:{stage}":
                continue
            v = values.get(c.name)
            if has and v is None and c.name not in bad:
                probs.add(f"{stype}有{stage}学段，此项必填", column=c.name, **where)
        students = values.get(f"{stage}在校生数")
        if has and students is not None and students == 0:
            probs.add(f"{stype}有{stage}学段，在校生数不能为 0", column=f"{stage}在校生数", **where,
                      hint="学校类型与在校生数不符：请核对学校类型或学生数")
        if not has and students:
            probs.add(f"{stype}没有{stage}学段，却填了{stage}在校生数{_fmt(students)}人", column=f"{stage}在校生数",
                      **where, hint="请核对学校类型（如应为九年一贯制学校）")
        classes = values.get(f"{stage}班级数")
        if f"{stage}在校生数" in bad or (has and students == 0):
            continue                         # the student count is already reported: nothing to compare with
        if has and students and classes == 0:
            probs.add(f"有{stage}在校生但班级数为 0", column=f"{stage}班级数", **where)
        if students is not None and classes and classes > students:
            probs.add(f"{stage}班级数（{_fmt(classes)}）多于在校生数（{_fmt(students)}）", column=f"{stage}班级数", **where)
        big = values.get(f"{stage}最大班额")
        if big and classes and students and big * classes < students:
            probs.add(f"{stage}最大班额{_fmt(big)}人 × {_fmt(classes)}个班 小于在校生数{_fmt(students)}人，数据矛盾",
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
                probs.add(f"{label}数（{_fmt(total)}）多于专任教师数（{_fmt(teachers)}），数据矛盾",
                          column=cols[0], **where)
    for room in ("音乐", "美术"):
        n, a = values.get(f"{room}专用教室数"), values.get(f"{room}专用教室面积")
        if n == 0 and a:
            probs.add(f"{room}专用教室数为 0 却填了面积{_fmt(a)}平方米", column=f"{room}专用教室面积", **where)


def _pick_school(project: Project, schools: list[School], table_file: str | None, probs: ProblemList):
    code = _code(project.unit.get("学校代码"))
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


# ---------------------------------------------------------------- county facts

TRUE = {"是", "有", "已", "true", "True", "yes", "达到", "已落实", True}
FALSE = {"否", "无", "未", "false", "False", "no", "未落实", False}
STATUSES = ("达标", "基本达标", "未达标")
VETO_KEYS = ("否决项", "一票否决")
_PCT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*[%％]$")


def read_county_facts(doc: Located, framework: Framework, probs: ProblemList):
    data = doc.data or {}
    if not isinstance(data, dict):
        raise DossierError(Problem("指标数据文件应为“指标编码: 数据”的键值结构", file=doc.file, line=1))
    index = framework.index()
    county: dict[str, dict] = {}
    vetoes: dict[str, Any] = {}
    survey: dict[str, dict] = {}
    veto_titles = {v["title"]: v for v in framework.vetoes}
    veto_codes = {str(v.get("code")): v for v in framework.vetoes}
    for key, value in data.items():
        line = doc.line(key)
        if key in VETO_KEYS:
            if not isinstance(value, dict):
                probs.add("否决项应为“项目: 是/否”的列表", file=doc.file, line=line)
                continue
            for title, answer in value.items():
                veto = veto_titles.get(title) or veto_codes.get(str(title))
                if veto is None:
                    probs.add(f"未知的否决项“{title}”", file=doc.file, line=doc.line(key, title),
                              hint=("应为：" + "、".join(veto_titles)) if veto_titles
                              else f"{framework.id} 没有一票否决项，请删除“{key}”")
                    continue
                if answer not in TRUE and answer not in FALSE:
                    probs.add(f"否决项“{title}”应填 是 或 否，现为“{answer}”", file=doc.file, line=doc.line(key, title))
                    continue
                vetoes[veto["title"]] = "是" if answer in TRUE else "否"
            continue
        code = str(key).strip()
        node = index.get(code)
        if node is None or not node.is_leaf:
            probs.add(f"未知的指标编码“{code}”", file=doc.file, line=line,
                      hint=f"{framework.id} 的指标编码为 " + "、".join(n.code for n in framework.leaves()))
            continue
        if not isinstance(value, dict):
            probs.add(f"{code} 的数据应为“字段: 值”的键值结构", file=doc.file, line=line)
            continue
        kind = node.type
        if kind == "survey":
            survey = _read_survey(code, value, doc, framework, probs)
            county[code] = {"说明": value.get("说明")} if "说明" in value else {}
            continue
        entry: dict[str, Any] = {}
        if "说明" in value:
            entry["说明"] = str(value["说明"])
        if kind == "self" or "状态" in value:
            status = value.get("状态")
            if status is not None and str(status).strip() not in STATUSES:
                probs.add(f"{code} 的状态应为 达标、基本达标 或 未达标，现为“{status}”", file=doc.file,
                          line=doc.line(key, "状态"))
            elif status is not None:
                entry["状态"] = str(status).strip()
            if "依据" in value:
                entry["依据"] = str(value["依据"])
            if kind == "self":
                extra = [k for k in value if k not in ("状态", "依据", "说明")]
                for k in extra:
                    probs.add(f"{code} 是自评指标，只需填 状态 和 依据，不认识“{k}”", file=doc.file, line=doc.line(key, k))
                county[code] = entry
                continue
        fields = {f["name"]: f for f in (node.evaluate.get("fields") or [])}
        fact_field = node.evaluate.get("fact")
        if fact_field:
            fields.setdefault(fact_field, {"name": fact_field, "unit": "%"})
        if not fields:
            probs.add(f"{code} 由学校基础数据表计算，不需要在指标数据中填写", file=doc.file, line=line)
            continue
        for fname, fvalue in value.items():
            if fname in ("说明", "状态", "依据"):
                continue
            spec = fields.get(fname)
            if spec is None:
                probs.add(f"{code} 没有字段“{fname}”", file=doc.file, line=doc.line(key, fname),
                          hint="应填写：" + "、".join(fields))
                continue
            parsed = _fact_value(fvalue, spec, code, doc, (key, fname), probs)
            if parsed is not None:
                entry[fname] = parsed
        county[code] = entry
    return county, vetoes, survey


def _fact_value(raw: Any, spec: dict, code: str, doc: Located, path: tuple, probs: ProblemList):
    where = dict(file=doc.file, line=doc.line(*path))
    name = spec["name"]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None            # left empty: not reported yet
    if "expect" in spec:
        if raw in TRUE or str(raw).strip() in TRUE:
            return "是"
        if raw in FALSE or str(raw).strip() in FALSE:
            return "否"
        probs.add(f"{code}“{name}”应填 是 或 否，现为“{raw}”", **where)
        return None
    unit = spec.get("unit", "")
    value: float | None = None
    if isinstance(raw, bool) or raw is None:
        value = None
    elif isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().replace(",", "").replace("，", "")
        m = _PCT.match(text)
        if m and unit == "%":
            value = float(m.group(1))
        elif unit and text.endswith(unit) and _NUMBER.match(text[: -len(unit)]):
            value = float(text[: -len(unit)])
        elif _NUMBER.match(text):
            value = float(text)
        else:
            u = next((u for u in _ALL_UNITS if text.endswith(u)), None)
            if u and _NUMBER.match(text[: -len(u)]):
                probs.add(f"{code}“{name}”的单位“{u}”不对，应为{unit or '无单位的数字'}", **where)
                return None
    if value is None:
        probs.add(f"{code}“{name}”应为数字，现为“{raw}”", **where, hint=f"单位：{unit}" if unit else None)
        return None
    if value < 0:
        probs.add(f"{code}“{name}”不能为负数（现为{_fmt(value)}）", **where)
        return None
    if unit == "%" and value > 100:
        probs.add(f"{code}“{name}”是百分比，不能超过100（现为{_fmt(value)}）", **where,
                  hint="填写百分数的数值，如 96.5 表示 96.5%")
        return None
    return value


def _read_survey(code: str, value: dict, doc: Located, framework: Framework, probs: ProblemList) -> dict:
    options = list((framework.settings.get("survey") or {}).get("favourable") or ["满意", "基本满意"])
    out: dict[str, dict] = {}
    for group, counts in value.items():
        if group == "说明":
            continue
        where = dict(file=doc.file, line=doc.line(code, group))
        if not isinstance(counts, dict):
            probs.add(f"{code} 调查群体“{group}”应写成 {{满意: 人数, 基本满意: 人数, 不满意: 人数}}", **where)
            continue
        parsed: dict[str, float] = {}
        for option, n in counts.items():
            if isinstance(n, bool) or not isinstance(n, (int, float)) or n < 0 or not float(n).is_integer():
                probs.add(f"{code}“{group}”的“{option}”应为非负整数（有效问卷数），现为“{n}”", **where)
                continue
            parsed[str(option)] = float(n)
        if parsed and not any(o in parsed for o in options):
            probs.add(f"{code}“{group}”没有“{'”或“'.join(options)}”的人数", **where)
        out[str(group)] = parsed
    return out


# ---------------------------------------------------------------- people and plan

def _persons(raw: Any, doc: Located, path: tuple, probs: ProblemList) -> list[Person]:
    if raw is None:
        return []
    if isinstance(raw, (str, dict)):
        raw = [raw]
    if not isinstance(raw, list):
        probs.add("应为人员列表", file=doc.file, line=doc.line(*path))
        return []
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(Person(name=item.strip()))
        elif isinstance(item, dict) and item.get("姓名"):
            out.append(Person(name=str(item["姓名"]).strip(), post=str(item.get("职务", "") or ""),
                              unit=str(item.get("单位", "") or "")))
        else:
            probs.add("人员应写成 {姓名: …, 职务: …, 单位: …}，至少要有姓名", file=doc.file, line=doc.line(*path, i))
    return out


def _group(raw: Any, doc: Located, path: tuple, probs: ProblemList, default_name: str) -> Group | None:
    if not isinstance(raw, dict):
        probs.add("应为键值结构（名称、组长、副组长、成员…）", file=doc.file, line=doc.line(*path))
        return None
    duties = raw.get("职责") or []
    if isinstance(duties, str):
        duties = [duties]
    office = raw.get("办公室") or {}
    return Group(name=str(raw.get("名称") or default_name),
                 leaders=_persons(raw.get("组长"), doc, path + ("组长",), probs),
                 deputies=_persons(raw.get("副组长"), doc, path + ("副组长",), probs),
                 members=_persons(raw.get("成员"), doc, path + ("成员",), probs),
                 duties=[str(d) for d in duties], office=office if isinstance(office, dict) else {})


def read_people(doc: Located, probs: ProblemList) -> People:
    data = doc.data or {}
    if not isinstance(data, dict):
        raise DossierError(Problem("人员文件应包含 领导小组、工作专班、部门职责", file=doc.file, line=1))
    people = People()
    if "领导小组" in data:
        people.leading_group = _group(data["领导小组"], doc, ("领导小组",), probs, "工作领导小组")
        if people.leading_group and not people.leading_group.leaders:
            probs.add("领导小组缺少组长", file=doc.file, line=doc.line("领导小组"))
    groups = data.get("工作专班") or []
    if not isinstance(groups, list):
        probs.add("工作专班应为列表", file=doc.file, line=doc.line("工作专班"))
        groups = []
    for i, raw in enumerate(groups):
        g = _group(raw, doc, ("工作专班", i), probs, f"工作专班{i + 1}")
        if g is not None:
            people.working_groups.append(g)
    duties = data.get("部门职责") or []
    if not isinstance(duties, list):
        probs.add("部门职责应为列表", file=doc.file, line=doc.line("部门职责"))
        duties = []
    for i, item in enumerate(duties):
        if isinstance(item, dict) and item.get("部门") and item.get("职责"):
            people.department_duties.append((str(item["部门"]), str(item["职责"])))
        else:
            probs.add("部门职责每项应写成 {部门: …, 职责: …}", file=doc.file, line=doc.line("部门职责", i))
    unknown = [k for k in data if k not in ("领导小组", "工作专班", "部门职责")]
    for k in unknown:
        probs.add(f"不认识的项“{k}”", file=doc.file, line=doc.line(k), hint="可用：领导小组、工作专班、部门职责")
    return people


PLAN_COLUMNS = ("目标任务", "完成时间", "工作措施", "牵头单位", "责任单位")


def read_plan(doc: Located, probs: ProblemList) -> list[dict]:
    data = doc.data or {}
    rows = data.get("工作计划") if isinstance(data, dict) else data
    if rows is None:
        return []
    if not isinstance(rows, list):
        probs.add("工作计划应为列表，每行包含 目标任务、完成时间、工作措施、牵头单位、责任单位", file=doc.file, line=1)
        return []
    out = []
    for i, row in enumerate(rows):
        line = doc.line("工作计划", i) if isinstance(data, dict) else doc.line(i)
        if not isinstance(row, dict):
            probs.add("工作计划每行应为键值结构", file=doc.file, line=line)
            continue
        missing = [c for c in ("目标任务", "完成时间") if not row.get(c)]
        for c in missing:
            probs.add(f"工作计划第{i + 1}行缺少“{c}”", file=doc.file, line=line)
        out.append({c: str(row.get(c) or "") for c in PLAN_COLUMNS})
    return out

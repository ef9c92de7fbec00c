"""The teacher roster (教职工花名册.xlsx or .csv, as seed 004's 表三): one row per member of staff, read with the
school table's reader and each row validated with pydantic; what the rest of dossier sees is only the counts
per school (`RosterCounts`) — names and birth dates never leave this module.

Columns: 姓名, 性别, 出生年月, 学校代码, 任教学段 (小学/初中, 高中 for a school with a senior section), 是否专任教师,
最高学历 (研究生/本科/专科/高中及以下), 职称, 骨干级别 (国家级/省级/市级/县级/无), 任教学科, 教师资格证 (有/无).
Other columns (序号, 民族, 籍贯, 备注 …) are ignored; a title row above the header is skipped.

Every cell problem is an error naming file, row and column; a 学校代码 the school table does not have names the
nearest code; the same person twice (姓名, 出生年月 and school alike) is a warning naming both rows (not the
person). The counts are compared with the school table in `dossier.load.rostercheck`.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from dossier.config import schema
from dossier.config.schema import Model
from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.load.model import School
from dossier.load.table import HAS_SENIOR, read_rows

STEM = "教职工花名册"
COLUMNS = ("姓名", "性别", "出生年月", "学校代码", "任教学段", "是否专任教师", "最高学历", "职称", "骨干级别",
           "任教学科", "教师资格证")
DEGREES = ("研究生", "本科", "专科", "高中及以下")
TITLES = ("正高级教师", "高级教师", "一级教师", "二级教师", "三级教师", "未定级")
BACKBONE = ("国家级", "省级", "市级", "县级", "无")
# the degrees above the required one: primary 专科及以上, junior 本科及以上
QUALIFIED = {"小学": {"研究生", "本科", "专科"}, "初中": {"研究生", "本科"}}
MIDDLE_TITLES = {"正高级教师", "高级教师", "一级教师"}            # 中级及以上职称
PE_ART = ("体育", "音乐", "美术")

_DEGREE_WORDS = {"硕士": "研究生", "博士": "研究生", "硕士研究生": "研究生", "博士研究生": "研究生", "大学本科": "本科",
                 "大专": "专科", "大学专科": "专科", "高中": "高中及以下", "中专": "高中及以下", "中师": "高中及以下",
                 "初中": "高中及以下", "初中及以下": "高中及以下"}
# the titles before the 2015 reform, as the new ones (人社部发〔2015〕79号)
_TITLE_WORDS = {"正高级": "正高级教师", "高级": "高级教师", "中学高级教师": "高级教师", "一级": "一级教师",
                "中学一级教师": "一级教师", "小学高级教师": "一级教师", "二级": "二级教师", "中学二级教师": "二级教师",
                "小学一级教师": "二级教师", "三级": "三级教师", "中学三级教师": "三级教师", "小学二级教师": "三级教师",
                "小学三级教师": "三级教师", "无": "未定级", "未评": "未定级", "": "未定级"}
_BACKBONE_WORDS = {"国家级骨干": "国家级", "省级骨干": "省级", "市级骨干": "市级", "县级骨干": "县级", "否": "无", "": "无"}
_YES = {"是": True, "专任": True, "否": False, "非专任": False}
_CERT = {"有": "有", "是": "有", "已取得": "有", "无": "无", "否": "无", "未取得": "无", "": "无"}
_BIRTH = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})(?:\s*[.\-/月]\s*(\d{1,2})\s*日?)?\s*月?$")


def _words(table: dict):
    """A validator mapping the words users write to the allowed value (others pass on to the Literal check)."""
    def convert(value: Any) -> Any:
        text = "" if value is None else str(value).strip()
        return table.get(text, text)
    return BeforeValidator(convert)


def _required(value: Any) -> Any:
    if value is None or not str(value).strip():
        raise PydanticCustomError("dossier_required", "不能为空")
    return schema._to_text(value).strip() if not isinstance(value, str) else value.strip()


def _birth(value: Any) -> Any:
    """1985.03, 1985-03, 1985年3月, 1990.08.04, or a date cell: (year, month)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.year, value.month)
    if isinstance(value, float):                  # 1985.03 typed as a number: two decimals are the month
        value = f"{value:.2f}"
    text = "" if value is None else str(value).strip()
    m = _BIRTH.match(text) or re.match(r"^(\d{4})(\d{2})()$", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return (int(m.group(1)), int(m.group(2)))
    if not text:
        raise PydanticCustomError("dossier_required", "不能为空")
    raise PydanticCustomError("dossier_birth", "出生年月“{value}”无法识别，请写成 1985.03 或 1985-03",
                              {"value": value})


class RosterRow(Model):
    """One member of staff as the roster gives them."""
    name: Annotated[str, BeforeValidator(_required)] = Field(alias="姓名")
    sex: Literal["男", "女"] = Field(alias="性别")
    born: Annotated[tuple[int, int], BeforeValidator(_birth)] = Field(alias="出生年月")
    school: Annotated[str, BeforeValidator(_required)] = Field(alias="学校代码")
    stage: Annotated[Optional[Literal["小学", "初中", "高中"]], _words({"": None})] = Field(None, alias="任教学段")
    full_time: Annotated[bool, _words(_YES)] = Field(alias="是否专任教师")
    degree: Annotated[Literal[DEGREES], _words(_DEGREE_WORDS)] = Field(alias="最高学历")
    title: Annotated[Literal[TITLES], _words(_TITLE_WORDS)] = Field("未定级", alias="职称")
    backbone: Annotated[Literal[BACKBONE], _words(_BACKBONE_WORDS)] = Field("无", alias="骨干级别")
    subject: Annotated[str, _words({})] = Field("", alias="任教学科")
    certificate: Annotated[Literal["有", "无"], _words(_CERT)] = Field("无", alias="教师资格证")


@dataclass
class StageCounts:
    """The full-time teachers of one 学段 of a school."""
    teachers: int = 0
    qualified: int = 0                 # 高于规定学历
    backbone: int = 0                  # 县级及以上骨干
    pe: int = 0
    music: int = 0
    art: int = 0
    certified: int = 0
    titled: int = 0                    # 中级及以上职称

    @property
    def pe_art(self) -> int:
        return self.pe + self.music + self.art


@dataclass
class SchoolCounts:
    code: str
    staff: int = 0                                   # every row, full-time or not
    stages: dict[str, StageCounts] = field(default_factory=dict)   # 小学 | 初中 | 高中

    def total(self, attr: str) -> int:
        return sum(getattr(s, attr) for s in self.stages.values())


@dataclass
class RosterCounts:
    """What the roster says, as counts only: per school (code), and where it came from."""
    file: str                                        # display path
    schools: dict[str, SchoolCounts] = field(default_factory=dict)
    rows: int = 0                                    # data rows read

    def of(self, code: str) -> SchoolCounts | None:
        return self.schools.get(code)


def roster_path(root: Path) -> Path | None:
    """教职工花名册.xlsx or .csv in the content folder; both is an error (which one is meant?)."""
    found = [root / f"{STEM}{ext}" for ext in (".xlsx", ".csv") if (root / f"{STEM}{ext}").is_file()]
    if len(found) > 1:
        raise DossierError(Problem(f"项目文件夹中同时有 {STEM}.xlsx 和 {STEM}.csv", file=root.name, hint="请只保留一个"))
    return found[0] if found else None


def _header(header: list[str], rows: list, shown: str) -> tuple[list[str], list, int]:
    """The header row: the first row unless a title row (红梧完小教职工花名册) stands above it."""
    if "姓名" in header:
        return header, rows, 1
    for k, (rownum, cells) in enumerate(rows[:4]):
        names = [str(c).strip() if c is not None else "" for c in cells]
        if "姓名" in names:
            return names, rows[k + 1:], rownum
    return header, rows, 1


def read_roster(path: Path, shown: str, schools: list[School], probs: ProblemList,
                warnings: list[Problem]) -> RosterCounts | None:
    """The roster's counts per school; cell problems go to `probs`, duplicates to `warnings`."""
    try:
        header, rows, shown = read_rows(path, shown)
    except DossierError as exc:
        probs.extend(exc.problems)
        return None
    header, rows, header_row = _header(header, rows, shown)
    index = {name: i for i, name in enumerate(header) if name}
    missing = [c for c in COLUMNS if c not in index]
    for name in missing:
        probs.add(f"教职工花名册缺少“{name}”列", file=shown, row=header_row,
                  hint="表头应有：" + "、".join(COLUMNS) + "（其他列如序号、民族、备注可保留）")
    if missing:
        return None
    by_code = {s.code: s for s in schools}
    out = RosterCounts(file=shown)
    seen: dict[tuple, int] = {}
    for rownum, cells in rows:
        raw = {c: _cell(cells, index[c]) for c in COLUMNS}
        person = _validate(raw, shown, rownum, probs)
        if person is None:
            continue
        school = by_code.get(person.school)
        if school is None:
            _unknown_school(person.school, schools, shown, rownum, probs)
            continue
        if not _stage_ok(person, school, shown, rownum, probs):
            continue
        key = (person.name, person.born, person.school)
        if key in seen:
            warnings.append(Problem(f"与第{seen[key]}行的姓名、出生年月和学校相同，可能重复登记", file=shown, row=rownum,
                                    hint="同一人只登记一行；确为两人的请核对出生年月"))
        else:
            seen[key] = rownum
        _count(out.schools.setdefault(school.code, SchoolCounts(school.code)), person)
        out.rows += 1
    if not rows:
        probs.add("教职工花名册只有表头，没有数据", file=shown, row=header_row + 1)
    return out


def _cell(cells: list, i: int) -> Any:
    v = cells[i] if i < len(cells) else None
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _validate(raw: dict, shown: str, rownum: int, probs: ProblemList) -> RosterRow | None:
    if isinstance(raw.get("学校代码"), float) and raw["学校代码"].is_integer():
        raw["学校代码"] = str(int(raw["学校代码"]))
    try:
        return RosterRow.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            message, hint = schema._message(err, None)
            column = str(err["loc"][0]) if err["loc"] else None
            if err["type"] == "literal_error" and column in ("最高学历", "职称", "骨干级别"):
                hint = {"最高学历": "硕士、博士填 研究生；大专填 专科；中专、中师填 高中及以下",
                        "职称": "改革前的职称可照填（如 中学一级教师、小学高级教师）",
                        "骨干级别": "不是骨干教师的填 无"}[column]
            probs.add(message, file=shown, row=rownum, column=column, hint=hint)
        return None


def _unknown_school(code: str, schools: list[School], shown: str, rownum: int, probs: ProblemList) -> None:
    by_name = {s.name: s for s in schools}
    if code in by_name:
        s = by_name[code]
        probs.add(f"学校代码一栏填的是学校名称“{code}”", file=shown, row=rownum, column="学校代码",
                  hint=f"请填学校代码 {s.code}")
        return
    near = difflib.get_close_matches(code, [s.code for s in schools], n=1, cutoff=0.5)
    names = {s.code: s.name for s in schools}
    hint = (f"最接近的是“{near[0]}”（{names[near[0]]}）；" if near else "") + "学校代码须与学校基础数据表一致"
    probs.add(f"学校代码“{code}”不在学校基础数据表中", file=shown, row=rownum, column="学校代码", hint=hint)


def _stage_ok(person: RosterRow, school: School, shown: str, rownum: int, probs: ProblemList) -> bool:
    stage = person.stage
    if stage is None:
        if person.full_time:
            probs.add("专任教师须填写任教学段", file=shown, row=rownum, column="任教学段",
                      hint="填 " + "、".join(school.stages + (["高中"] if school.type in HAS_SENIOR else [])))
            return False
        return True
    allowed = list(school.stages) + (["高中"] if school.type in HAS_SENIOR else [])
    if stage not in allowed:
        probs.add(f"{school.name}（{school.type}）没有{stage}学段", file=shown, row=rownum, column="任教学段",
                  hint="应为：" + "、".join(allowed))
        return False
    return True


def _count(counts: SchoolCounts, p: RosterRow) -> None:
    counts.staff += 1
    if not p.full_time:
        return
    st = counts.stages.setdefault(p.stage, StageCounts())
    st.teachers += 1
    st.qualified += p.degree in QUALIFIED.get(p.stage, ())
    st.backbone += p.backbone != "无"
    subject = p.subject or ""
    for word, attr in zip(PE_ART, ("pe", "music", "art")):
        if word in subject:
            setattr(st, attr, getattr(st, attr) + 1)
            break
    st.certified += p.certificate == "有"
    st.titled += p.title in MIDDLE_TITLES

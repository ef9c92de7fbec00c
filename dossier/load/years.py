"""The school tables of every year: `学校基础数据/2023.xlsx`, `2024.xlsx`… (or .csv) beside the assessment
year's `学校基础数据.xlsx` (which may also sit in that folder as `学校基础数据/2025.xlsx`), or one table with a 年度
column. Each year is read and checked like the main table; across years the tables must have the same columns and
years within 佐证年度. A school that
appears or disappears between two years, and a figure that jumps implausibly (an area halved, students tripled),
are warnings naming school, column and both values: worth a look, never a stop.
"""
from __future__ import annotations

import re
from pathlib import Path

from dossier.config.project import Project
from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.load.model import School
from dossier.load.table import pick_school, read_rows, read_school_table, show_number

FOLDER = "学校基础数据"
YEAR_FILE = re.compile(r"^(\d{4})(?:年)?\.(xlsx|xls|csv)$", re.IGNORECASE)
# columns whose year-on-year change is checked, and by how much a change is implausible (ratio up, ratio down)
JUMPS = {"小学在校生数": (3.0, 1 / 3), "初中在校生数": (3.0, 1 / 3), "教学及辅助用房面积": (3.0, 0.5),
         "体育运动场馆面积": (3.0, 0.5), "教学仪器设备值": (3.0, 0.5), "专任教师数": (3.0, 0.5), "图书册数": (3.0, 0.5)}
SMALL = 10          # both values below this: too small to judge


def year_files(project: Project) -> dict[int, Path]:
    """The yearly tables in 学校基础数据/, by year; a file there not named by its year is an error."""
    folder = project.root / FOLDER
    if not folder.is_dir():
        return {}
    out: dict[int, Path] = {}
    probs = ProblemList()
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or path.is_dir():
            continue
        m = YEAR_FILE.match(path.name)
        if not m:
            probs.add(f"“{FOLDER}”文件夹中的“{path.name}”不是按年度命名的学校基础数据表", file=project.display(folder),
                      hint="每年一个表，文件名为年度，如 2023.xlsx、2024.csv")
            continue
        year = int(m.group(1))
        if year in out:
            probs.add(f"{year}年有两个学校基础数据表：{out[year].name} 和 {path.name}", file=project.display(folder),
                      hint="每年只保留一个")
            continue
        out[year] = path
    probs.raise_if_any()
    return out


def main_table(project: Project) -> Path | None:
    """The assessment year's table: 学校基础数据.xlsx/.csv, or 学校基础数据/<评估年度>.xlsx — not both."""
    path, yearly = project.table_path(), year_files(project).get(project.year)
    if path is not None and yearly is not None:
        raise DossierError(Problem(f"{project.year}年的学校基础数据表有两个：{path.name} 和 {FOLDER}/{yearly.name}",
                                   file=project.name, hint="请只保留一个"))
    return path or yearly


YEAR_COLUMN = "年度"


def read_tables(project: Project, framework, probs: ProblemList):
    """The assessment year's schools, its table's display path, and the earlier years: {year: (path, schools)}."""
    path = main_table(project)
    if path is None:
        probs.add("找不到学校基础数据表", file=project.name,
                  hint="请在项目文件夹中放入 学校基础数据.xlsx 或 学校基础数据.csv（可用 dossier init 生成模板）")
        return [], None, {}
    project.inside(path, "学校基础数据表")
    shown = project.display(path)
    try:
        table = read_rows(path, shown, project.year)
    except DossierError as exc:
        probs.extend(exc.problems)
        return [], shown, {}
    if YEAR_COLUMN in table[0]:
        return _by_year_column(project, framework, path, table, probs)
    schools = _schools(project, framework, path, shown, table, probs)
    return schools, shown, read_years(project, framework, table[0] if year_files(project) else None, probs)


def _schools(project, framework, path, shown, table, probs) -> list[School]:
    schools = read_school_table(path, shown, probs, framework.table_columns(), framework.id, table=table)
    return pick_school(project, schools, shown, probs) if project.level == "school" and schools else schools


def _by_year_column(project: Project, framework, path: Path, table, probs: ProblemList):
    """One table, every year's rows in it: split by the 年度 column, each year read as its own table."""
    header, rows, shown = table
    col = header.index(YEAR_COLUMN)
    if year_files(project):
        probs.add(f"学校基础数据表有“{YEAR_COLUMN}”列，同时“{FOLDER}”文件夹中也有按年度的表", file=shown,
                  hint="两种方式只用一种")
    by_year: dict[int, list] = {}
    for rownum, cells in rows:
        raw = cells[col] if col < len(cells) else None
        text = str(raw).strip().removesuffix("年") if raw is not None else ""
        if not (text.isdigit() and len(text) == 4):
            probs.add(f"“{YEAR_COLUMN}”应为四位年份，现为“{raw if raw is not None else ''}”", file=shown, row=rownum,
                      column=YEAR_COLUMN)
            continue
        by_year.setdefault(int(text), []).append((rownum, cells))
    if project.year not in by_year:
        probs.add(f"表中没有评估年度（{project.year}年）的数据", file=shown, column=YEAR_COLUMN)
        return [], shown, {}
    allowed = set(project.evidence_years)
    out = {}
    for year, year_rows in sorted(by_year.items()):
        if allowed and year not in allowed:
            probs.add(f"{year}年不在佐证年度（{'、'.join(str(y) for y in sorted(allowed))}）之内", file=shown,
                      column=YEAR_COLUMN, hint="请删去该年的行，或在 dossier.yaml 的 佐证年度 中加上该年")
            continue
        out[year] = (shown, _schools(project, framework, path, shown, (header, year_rows, shown), probs))
    current = out.pop(project.year, (shown, []))[1]
    return current, shown, out


def read_years(project: Project, framework, main_header: list[str] | None,
               probs: ProblemList) -> dict[int, tuple[str, list[School]]]:
    """Every earlier year's table (the assessment year's is the main table): year → (display path, schools)."""
    out = {}
    allowed = set(project.evidence_years)
    for year, path in sorted(year_files(project).items()):
        if year == project.year:
            continue                                    # the main table, read by load.facts
        shown = project.display(path)
        project.inside(path, "学校基础数据表")
        if allowed and year not in allowed:
            probs.add(f"{year}年不在佐证年度（{'、'.join(str(y) for y in sorted(allowed))}）之内", file=shown,
                      hint="请移走该表，或在 dossier.yaml 的 佐证年度 中加上该年")
            continue
        try:
            table = read_rows(path, shown, year)
            if main_header is not None:
                _same_columns(table[0], main_header, shown, project.year, probs)
            schools = read_school_table(path, shown, probs, framework.table_columns(), framework.id, table=table)
        except DossierError as exc:
            probs.extend(exc.problems)
            continue
        if project.level == "school" and schools:
            schools = pick_school(project, schools, shown, probs)
        out[year] = (shown, schools)
    return out


def _same_columns(header: list[str], main: list[str], shown: str, year: int, probs: ProblemList) -> None:
    mine, theirs = [h for h in header if h], [h for h in main if h]
    missing = [h for h in theirs if h not in mine]
    extra = [h for h in mine if h not in theirs]
    if missing or extra:
        parts = ([f"缺少“{'”“'.join(missing)}”"] if missing else []) + ([f"多出“{'”“'.join(extra)}”"] if extra else [])
        probs.add(f"列与{year}年的学校基础数据表不同：" + "，".join(parts), file=shown, row=1,
                  hint="各年度的表应使用同一套表头（可用 dossier init 生成模板）")


def compare(tables: dict[int, tuple[str, list[School]]]) -> list[Problem]:
    """Warnings between consecutive years: schools that appear or disappear, figures that jump."""
    out = []
    years = sorted(tables)
    for a, b in zip(years, years[1:]):
        (_, old), (file_b, new) = tables[a], tables[b]
        before, after = {s.code: s for s in old}, {s.code: s for s in new}
        for code in before.keys() - after.keys():
            out.append(Problem(f"学校“{before[code].name}”（{code}）在{a}年的表中有，{b}年的表中没有",
                               file=file_b, hint="学校撤并或改代码时请核对；同一学校各年应使用同一学校代码"))
        for code in after.keys() - before.keys():
            out.append(Problem(f"学校“{after[code].name}”（{code}）在{b}年的表中新出现（{a}年的表中没有）",
                               file=file_b, row=after[code].row, hint="新建学校无需处理；改了学校代码的请统一"))
        for code in sorted(before.keys() & after.keys()):
            out += _jumps(before[code], after[code], a, b, file_b)
    return out


def _jumps(old: School, new: School, a: int, b: int, file_b: str) -> list[Problem]:
    out = []
    for column, (up, down) in JUMPS.items():
        x, y = old.get(column), new.get(column)
        if not x or not y or (x < SMALL and y < SMALL):
            continue
        if y / x >= up or y / x <= down:
            out.append(Problem(f"{new.name}的“{column}”由{a}年的{show_number(x)}变为{b}年的{show_number(y)}，变化异常",
                               file=file_b, row=new.row, column=column, hint="请核对两年的数据是否填错单位或位数"))
    return out

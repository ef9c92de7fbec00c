"""The roster against the school table: the counts `dossier.load.roster` derives for each school beside the
school table's own figures (高于规定学历, 县级及以上骨干, 体育艺术专任 per 学段; 专任, 持证, 中级及以上职称 for the
whole school). Every disagreement is a warning naming school, column, the table's figure and the roster's count;
a school the roster does not list at all is one warning. Warnings never stop a run (`dossier check` shows them
under 【数据提示】)."""
from __future__ import annotations

from dossier.config.project import Project
from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.load.model import School
from dossier.load.roster import RosterCounts, SchoolCounts, read_roster, roster_path
from dossier.load.table import show_number

# school-table column → how the roster's count is read from a school's counts
STAGE_COLUMNS = {"高于规定学历教师数": "qualified", "县级及以上骨干教师数": "backbone", "体育艺术专任教师数": "pe_art"}
SCHOOL_COLUMNS = {"专任教师数": "teachers", "持证专任教师数": "certified", "中级及以上职称教师数": "titled"}


def load_roster(project: Project, schools: list[School], probs: ProblemList) -> tuple[RosterCounts | None, list]:
    """The project's roster as counts (None without one) and its warnings (duplicates, disagreements)."""
    try:
        path = roster_path(project.root)
    except DossierError as exc:
        probs.extend(exc.problems)
        return None, []
    if path is None or not schools:
        return None, []
    project.inside(path, "教职工花名册")
    warnings: list[Problem] = []
    before = len(probs)
    counts = read_roster(path, project.display(path), schools, probs, warnings)
    if counts is None or len(probs) > before:
        return counts, warnings
    return counts, warnings + compare(counts, schools)


def roster_value(counts: SchoolCounts, column: str) -> int | None:
    """The roster's count for a school-table column (None: the column is not one the roster gives)."""
    for stage in ("小学", "初中"):
        if column.startswith(stage) and column[len(stage):] in STAGE_COLUMNS:
            st = counts.stages.get(stage)
            return getattr(st, STAGE_COLUMNS[column[len(stage):]]) if st else 0
    if column in SCHOOL_COLUMNS:
        return counts.total(SCHOOL_COLUMNS[column])
    return None


def columns_for(school: School) -> list[str]:
    return [f"{st}{c}" for st in school.stages for c in STAGE_COLUMNS] + list(SCHOOL_COLUMNS)


def compare(roster: RosterCounts, schools: list[School]) -> list[Problem]:
    out = []
    for school in schools:
        counts = roster.of(school.code)
        if counts is None:
            out.append(Problem(f"{school.name}（{school.code}）在教职工花名册中没有人员", file=roster.file,
                               hint="请补登该校教职工，或核对花名册的学校代码"))
            continue
        for column in columns_for(school):
            table = school.get(column)
            count = roster_value(counts, column)
            if table is None or count is None or float(table) == count:
                continue
            out.append(Problem(f"{school.name}（{school.code}）的“{column}”：学校基础数据表为{show_number(table)}人，"
                               f"教职工花名册统计为{count}人", file=roster.file,
                               hint="请核对两处数据，以准确的一处为准修改另一处"))
    return out

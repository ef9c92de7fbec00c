"""Load facts: the school table, the county facts (指标数据.yaml: facts, self-assessed items, the survey and the
vetoes), the people (人员.yaml) and the work plan (工作计划.yaml) of a project, into one `Facts`.

Every problem found is collected with its file and line and all of them are raised together. Source files are
opened read-only.
"""
from __future__ import annotations

import re
from typing import Any

from dossier.config.evaluation import FieldSpec
from dossier.config.framework import Framework
from dossier.config.project import FACTS, PEOPLE, PLAN, PROGRESS, WORK, Project
from dossier.config.yamlio import Located, load_yaml
from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.load.model import Facts, People
from dossier.load.people import read_people, read_plan
from dossier.load.progress import read_progress
from dossier.load import years
from dossier.load.rostercheck import load_roster
from dossier.load.work import GENERAL, read_work
from dossier.load.table import NUMBER, UNITS, pick_school, read_school_table, show_number


def load(project: Project, framework: Framework) -> Facts:
    probs = ProblemList()
    schools, table_file, history = years.read_tables(project, framework, probs)
    warnings = years.compare({**history, project.year: (table_file, schools)}) if history and schools else []
    roster, roster_warnings = load_roster(project, schools, probs)
    warnings += roster_warnings
    rechecks = [r for r in (_recheck(project, framework, spec, i, probs)
                            for i, spec in enumerate(project.config.rechecks)) if r]

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

    county, vetoes, surveys = optional(FACTS, lambda doc: read_county_facts(doc, framework, probs), ({}, {}, {}))
    people = optional(PEOPLE, lambda doc: read_people(doc, probs), People())
    _check_route(project, people, schools, probs)
    plan, plan_measures = optional(PLAN, lambda doc: read_plan(doc, probs), ([], {}))
    progress = optional(PROGRESS, lambda doc: read_progress(doc, probs), [])
    categories = list(dict.fromkeys([*GENERAL, *(a.title for a in framework.areas), *framework.settings.measures]))
    work = optional(WORK, lambda doc: read_work(doc, schools, categories, probs), [])
    measures = {kind: (spec, project.config_file, project.line("整改措施", kind))
                for kind, spec in project.config.measures.items()}
    measures.update(plan_measures)                 # 工作计划.yaml is the more specific of the two
    probs.raise_if_any()
    first = next((surveys[n.code] for n in framework.leaves() if n.code in surveys), {})
    return Facts(schools=schools, county=county, vetoes=vetoes, survey=first, people=people, plan=plan,
                 table_file=table_file, measures=measures, progress=progress, rechecks=rechecks, surveys=surveys,
                 history={y: schools for y, (_, schools) in history.items()}, warnings=warnings, work=work,
                 roster=roster)


def _check_route(project: Project, people: People, schools, probs: ProblemList) -> None:
    """迎检 路线 names schools of the table (by name or code), each with the nearest name when it does not."""
    import difflib
    if people.inspection is None or not schools:
        return
    names = [s.name for s in schools]
    codes = {s.code for s in schools}
    for stop in people.inspection.route:
        if stop not in names and stop not in codes:
            near = difflib.get_close_matches(stop, names, n=1, cutoff=0.4)
            probs.add(f"迎检路线中的学校“{stop}”不在学校基础数据表中", file=project.display(project.root / PEOPLE),
                      hint=(f"最接近的是“{near[0]}”；" if near else "") + "请写学校名称或学校代码")


def _recheck(project: Project, framework: Framework, spec, i: int, probs: ProblemList):
    """One 整改复核 table, read and checked like the school table: (date, display path, schools) or None."""
    path = project.root / spec.table
    many = isinstance((project.located.data or {}).get("整改复核"), list)
    line = project.line("整改复核", i, "学校数据") if many else project.line("整改复核", "学校数据")
    if not path.is_file():
        probs.add(f"整改复核的学校数据“{spec.table}”不存在", file=project.config_file, line=line,
                  hint="请把整改后重新填报的学校基础数据表放进项目文件夹，并写对文件名")
        return None
    project.inside(path, "整改复核的学校数据")
    shown = project.display(path)
    try:
        schools = read_school_table(path, shown, probs, framework.table_columns(), framework.id)
    except DossierError as exc:
        probs.extend(exc.problems)
        return None
    if project.level == "school" and schools:
        schools = pick_school(project, schools, shown, probs)
    return spec.date, shown, schools


# ---------------------------------------------------------------- county facts

class _Words(frozenset):
    """A set of answer words that a list or mapping (unhashable) is simply not in."""

    def __contains__(self, item) -> bool:
        try:
            return super().__contains__(item)
        except TypeError:
            return False


TRUE = _Words({"是", "有", "已", "true", "True", "yes", "达到", "已落实", True})
FALSE = _Words({"否", "无", "未", "false", "False", "no", "未落实", False})
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
    surveys: dict[str, dict] = {}           # survey leaf code → {group: {option: count}}
    veto_titles = {v.title: v for v in framework.vetoes}
    veto_codes = {v.code: v for v in framework.vetoes if v.code}
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
                vetoes[veto.title] = "是" if answer in TRUE else "否"
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
            surveys[code] = _read_survey(code, value, doc, framework, probs, node.evaluate.favourable)
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
        fields = {f.name: f for f in getattr(node.evaluate, "fields", None) or getattr(node.evaluate, "facts", [])}
        fact_field = getattr(node.evaluate, "fact", None)
        if fact_field:
            fields.setdefault(fact_field, FieldSpec(name=fact_field, unit="%"))
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
    return county, vetoes, surveys


def _fact_value(raw: Any, spec: FieldSpec, code: str, doc: Located, path: tuple, probs: ProblemList):
    where = dict(file=doc.file, line=doc.line(*path))
    name = spec.name
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None            # left empty: not reported yet
    if spec.expect is not None:
        if raw in TRUE or str(raw).strip() in TRUE:
            return "是"
        if raw in FALSE or str(raw).strip() in FALSE:
            return "否"
        probs.add(f"{code}“{name}”应填 是 或 否，现为“{raw}”", **where)
        return None
    unit = spec.unit
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
        elif unit and text.endswith(unit) and NUMBER.match(text[: -len(unit)]):
            value = float(text[: -len(unit)])
        elif NUMBER.match(text):
            value = float(text)
        else:
            u = next((u for u in UNITS if text.endswith(u)), None)
            if u and NUMBER.match(text[: -len(u)]):
                probs.add(f"{code}“{name}”的单位“{u}”不对，应为{unit or '无单位的数字'}", **where)
                return None
    if value is None:
        probs.add(f"{code}“{name}”应为数字，现为“{raw}”", **where, hint=f"单位：{unit}" if unit else None)
        return None
    if value < 0:
        probs.add(f"{code}“{name}”不能为负数（现为{show_number(value)}）", **where)
        return None
    if unit == "%" and value > 100:
        probs.add(f"{code}“{name}”是百分比，不能超过100（现为{show_number(value)}）", **where,
                  hint="填写百分数的数值，如 96.5 表示 96.5%")
        return None
    return value


def _read_survey(code: str, value: dict, doc: Located, framework: Framework, probs: ProblemList,
                 favourable: list[str] | None = None) -> dict:
    options = list(favourable or framework.settings.survey.favourable)
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

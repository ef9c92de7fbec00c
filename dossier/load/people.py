"""人员.yaml (the leading group, the working groups and the departments' duties) and 工作计划.yaml (the rows
the user writes into the work plan), read with every problem named by its line."""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from dossier.config import schema
from dossier.config.project import MeasureOverride
from dossier.config.yamlio import Located
from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.load.model import Group, People, Person

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


def read_plan(doc: Located, probs: ProblemList) -> tuple[list[dict], dict]:
    """The rows the user writes into the 工作计划 and, under 整改措施, the project's own measure durations and
    units: (rows, {kind: (MeasureOverride, file, line)})."""
    data = doc.data or {}
    overrides = read_measures(doc, data.get("整改措施"), ("整改措施",), probs) if isinstance(data, dict) else {}
    return _plan_rows(doc, data, probs), overrides


def read_measures(doc: Located, raw: Any, path: tuple, probs: ProblemList) -> dict:
    """整改措施 (in 工作计划.yaml or dossier.yaml): {kind: {工期, 牵头单位, 责任单位}}, typed, with their lines."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        probs.add("“整改措施”应为“类别: {工期: 月数, 牵头单位: …, 责任单位: …}”的键值结构", file=doc.file,
                  line=doc.line(*path))
        return {}
    out = {}
    for kind, spec in raw.items():
        try:
            out[str(kind)] = (MeasureOverride.model_validate(spec or {}), doc.file, doc.line(*path, kind))
        except ValidationError as exc:
            probs.extend(schema.problems(exc, doc, MeasureOverride, base=path + (kind,), label=f"整改措施.{kind}"))
    return out


def _plan_rows(doc: Located, data, probs: ProblemList) -> list[dict]:
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

"""Indicator frameworks: data files, not code.

A framework is a YAML tree (A → C, or a provincial A → B → C) whose leaves say how each indicator is evaluated.
The bundled ones live in `dossier/frameworks/`; a project may name its own file in dossier.yaml. Validation
here makes a broken framework file a clear error naming the file and line, before anything is computed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.core.errors import DossierError, Problem, ProblemList
from dossier.config.yamlio import Located, load_yaml

STAGES = ("小学", "初中")

# evaluate.type → required keys
EVAL_TYPES = {
    "ratio": ("numerator", "scale", "threshold"),
    "cv": ("numerator", "scale"),
    "rooms_per_classes": ("rooms", "classes_per_room"),
    "enrolment_max": ("limit",),
    "column_max": ("column", "limit"),
    "share": ("numerator", "denominator", "threshold"),
    "facts": ("fields",),
    "self": (),
    "survey": (),
}
# Where an evaluation type is assessed by default: per school (school table) or by the county's facts.
SCHOOL_TYPES = {"ratio", "cv", "rooms_per_classes", "enrolment_max", "column_max", "share"}
OPS = {">=", ">", "<=", "<", "=="}


@dataclass
class Node:
    code: str
    title: str
    level: str                      # "A", "B" or "C": the first letter of the code by convention
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    standard: str = ""
    evaluate: dict = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    lead: str = ""
    responsible: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def type(self) -> str:
        return self.evaluate.get("type", "self")

    @property
    def scope(self) -> str:
        """'school' (per school, from the table), 'county' (county facts) or 'both'."""
        if "scope" in self.evaluate:
            return self.evaluate["scope"]
        return "school" if self.type in SCHOOL_TYPES else "county"

    @property
    def area(self) -> "Node":
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def path(self) -> list["Node"]:
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return list(reversed(out))


@dataclass
class Framework:
    id: str
    title: str
    basis: str
    kind: str
    settings: dict
    areas: list[Node]
    vetoes: list[dict]
    source: str                     # file it was read from, for messages

    def leaves(self) -> list[Node]:
        out: list[Node] = []

        def walk(node: Node) -> None:
            if node.is_leaf:
                out.append(node)
            for child in node.children:
                walk(child)

        for area in self.areas:
            walk(area)
        return out

    def leaf(self, code: str) -> Node | None:
        return self.index().get(code)

    def index(self) -> dict[str, Node]:
        out: dict[str, Node] = {}

        def walk(node: Node) -> None:
            out[node.code] = node
            for child in node.children:
                walk(child)

        for area in self.areas:
            walk(area)
        return out

    @property
    def stages(self) -> list[str]:
        return list(self.settings.get("stages", STAGES))

    @property
    def cv_limit(self) -> dict[str, float]:
        return {k: float(v) for k, v in (self.settings.get("cv_limit") or {}).items()}

    @property
    def split_weights(self) -> dict[str, float]:
        w = self.settings.get("split_weights") or {"小学": 1, "初中": 1.1, "高中": 1.32}
        return {k: float(v) for k, v in w.items()}

    @property
    def shared_columns(self) -> list[str]:
        return list(self.settings.get("shared_columns") or [])


def bundled_dir() -> Path:
    return Path(str(resources.files("dossier.config") / "frameworks"))


def bundled_ids() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def resolve(name: str, project_dir: Path | None = None, where: Problem | None = None) -> Path:
    """A framework named in dossier.yaml: a bundled id, or a YAML path relative to the project folder."""
    if project_dir is not None and (name.endswith((".yaml", ".yml")) or "/" in name):
        path = (project_dir / name).resolve()
        try:
            path.relative_to(project_dir.resolve())
        except ValueError:
            raise DossierError(Problem(f"指标框架文件“{name}”不在项目文件夹内", file=where.file if where else None,
                                       line=where.line if where else None, hint="请把框架文件放进项目文件夹后再引用"))
        if not path.is_file():
            raise DossierError(Problem(f"找不到指标框架文件“{name}”", file=where.file if where else None,
                                       line=where.line if where else None, hint="检查文件名和路径（相对于项目文件夹）"))
        return path
    candidate = bundled_dir() / f"{name}.yaml"
    if candidate.is_file():
        return candidate
    if project_dir is None and name.endswith((".yaml", ".yml")) and Path(name).is_file():
        return Path(name)             # `dossier frameworks show 某省框架.yaml`: a file the user names directly
    if project_dir is not None:
        for ext in (".yaml", ".yml"):
            local = project_dir / f"{name}{ext}"
            if local.is_file():
                return local
    raise DossierError(Problem(f"未知的指标框架“{name}”", file=where.file if where else None,
                               line=where.line if where else None,
                               hint="可用的内置框架：" + "、".join(bundled_ids()) + "；或填写项目文件夹内的框架 YAML 文件名"))


def load(name: str, project_dir: Path | None = None, where: Problem | None = None) -> Framework:
    path = resolve(name, project_dir, where)
    display = str(path) if project_dir is None else _display(path, project_dir)
    return parse(load_yaml(path, display))


def _display(path: Path, project_dir: Path) -> str:
    try:
        return str(path.resolve().relative_to(project_dir.resolve().parent))
    except ValueError:
        return path.name


def parse(doc: Located) -> Framework:
    data, f = doc.data, doc.file
    probs = ProblemList()
    if not isinstance(data, dict):
        raise DossierError(Problem("指标框架文件应为键值结构（id、title、areas…）", file=f, line=1))
    for key in ("id", "title", "areas"):
        if key not in data:
            probs.add(f"缺少“{key}”", file=f, line=1, hint="框架文件必须有 id、title 和 areas")
    probs.raise_if_any()
    seen: dict[str, int] = {}

    def build(raw: Any, path: tuple, parent: Node | None) -> Node | None:
        line = doc.line(*path)
        if not isinstance(raw, dict):
            probs.add("指标应为键值结构（code、title…）", file=f, line=line)
            return None
        code = str(raw.get("code", "")).strip()
        title = str(raw.get("title", "")).strip()
        if not code:
            probs.add("指标缺少 code", file=f, line=line)
            return None
        if not title:
            probs.add(f"指标 {code} 缺少 title", file=f, line=line)
        if code in seen:
            probs.add(f"指标编码 {code} 重复（第{seen[code]}行已出现）", file=f, line=line)
        seen[code] = line or 0
        node = Node(code=code, title=title, level=code[0].upper(), parent=parent,
                    standard=str(raw.get("standard", "") or ""),
                    evaluate=dict(raw.get("evaluate") or {}),
                    evidence=[str(e) for e in (raw.get("evidence") or [])],
                    lead=str(raw.get("lead", "") or ""), responsible=str(raw.get("responsible", "") or ""))
        kids = raw.get("children") or []
        if not isinstance(kids, list):
            probs.add(f"指标 {code} 的 children 应为列表", file=f, line=line)
            kids = []
        for i, child in enumerate(kids):
            built = build(child, path + ("children", i), node)
            if built is not None:
                node.children.append(built)
        if node.is_leaf:
            _check_leaf(node, doc, path, probs)
        return node

    areas = []
    raw_areas = data.get("areas")
    if not isinstance(raw_areas, list) or not raw_areas:
        probs.add("areas 应为非空列表", file=f, line=doc.line("areas"))
    else:
        for i, raw in enumerate(raw_areas):
            node = build(raw, ("areas", i), None)
            if node is not None:
                areas.append(node)
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        probs.add("settings 应为键值结构", file=f, line=doc.line("settings"))
        settings = {}
    vetoes = data.get("vetoes") or []
    if not isinstance(vetoes, list) or not all(isinstance(v, dict) and v.get("title") for v in vetoes):
        probs.add("vetoes 应为列表，每项有 code 和 title", file=f, line=doc.line("vetoes"))
        vetoes = []
    probs.raise_if_any()
    fw = Framework(id=str(data["id"]), title=str(data["title"]), basis=str(data.get("basis", "") or ""),
                   kind=str(data.get("kind", "") or ""), settings=settings, areas=areas, vetoes=vetoes, source=f)
    _check_settings(fw, doc, probs)
    probs.raise_if_any()
    return fw


def _check_leaf(node: Node, doc: Located, path: tuple, probs: ProblemList) -> None:
    ev = node.evaluate
    line = doc.line(*path, "evaluate")
    kind = ev.get("type", "self")
    if kind not in EVAL_TYPES:
        probs.add(f"指标 {node.code} 的评估方式“{kind}”未知", file=doc.file, line=line,
                  hint="可用：" + "、".join(EVAL_TYPES))
        return
    for key in EVAL_TYPES[kind]:
        if key not in ev:
            probs.add(f"指标 {node.code}（{kind}）缺少“{key}”", file=doc.file, line=line)
    if kind == "facts":
        for i, fld in enumerate(ev.get("fields") or []):
            fl = doc.line(*path, "evaluate", "fields", i)
            if not isinstance(fld, dict) or not fld.get("name"):
                probs.add(f"指标 {node.code} 的 fields 每项需有 name", file=doc.file, line=fl)
                continue
            op = fld.get("op")
            if op is not None and op not in OPS:
                probs.add(f"指标 {node.code} 的比较符“{op}”无效", file=doc.file, line=fl, hint="可用 >=、>、<=、<、==")
            if op is not None and "value" not in fld and "ref" not in fld:
                probs.add(f"指标 {node.code} 的“{fld['name']}”有比较符但没有 value 或 ref", file=doc.file, line=fl)
    if "scope" in ev and ev["scope"] not in ("school", "county", "both"):
        probs.add(f"指标 {node.code} 的 scope 应为 school、county 或 both", file=doc.file, line=line)


def _check_settings(fw: Framework, doc: Located, probs: ProblemList) -> None:
    codes = fw.index()
    rule = fw.settings.get("school_rule")
    if rule:
        for code in rule.get("indicators", []):
            if code not in codes:
                probs.add(f"settings.school_rule 引用了不存在的指标 {code}", file=doc.file,
                          line=doc.line("settings", "school_rule"))
    for stage in fw.cv_limit:
        if stage not in STAGES:
            probs.add(f"settings.cv_limit 中的学段“{stage}”未知", file=doc.file, line=doc.line("settings", "cv_limit"),
                      hint="学段为小学或初中")

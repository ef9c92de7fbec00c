"""Indicator frameworks: data files, not code.

A framework is a YAML tree (A → C, or a provincial A → B → C) whose leaves say how each indicator is evaluated
(`dossier.config.evaluation`), plus typed `settings` (学段, 差异系数 limits, the per-school rule, the survey,
default lead units, the drafts bound as evidence) and the 一票否决 items. The bundled ones live in
`dossier/config/frameworks/`; a project may name its own file in dossier.yaml. Everything is validated here,
once, and every error names the file and line, so a broken framework never reaches the computation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError

from dossier.config import evaluation, schema
from dossier.config.schema import Model, Text
from dossier.config.yamlio import Located, load_yaml
from dossier.core.errors import DossierError, Problem, ProblemList

STAGES = ("小学", "初中")


def _codes(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class SchoolRule(Model):
    """The per-school rule: at least `min_met` of `indicators` met, the others at least `floor_ratio`."""
    indicators: list[Text]
    min_met: float | None = None
    floor_ratio: float | None = None


class MeasureKind(Model):
    """A kind of rectification measure: how long it takes once the rectification phase starts, who leads it, and
    what to do meanwhile when it cannot be finished before the inspection."""
    months: Annotated[int, Field(gt=0)]
    lead: Text = ""
    responsible: Text = ""
    bridge: Text = ""


DEFAULT_MEASURES = {
    "购置设备": MeasureKind(months=4, lead="县教育体育局、县财政局", responsible="各义务教育学校",
                        bridge="先行在县域内调配设备，确保评估时设备到位"),
    "补充教师/交流轮岗": MeasureKind(months=3, lead="县教育体育局、县委编办、县人社局", responsible="各义务教育学校",
                             bridge="先行通过县域内交流轮岗、走教支教补足"),
    "新建改扩建校舍/场地": MeasureKind(months=12, lead="县发展改革局、县教育体育局",
                              responsible="县住房城乡建设局、县自然资源局、县财政局、各义务教育学校",
                              bridge="评估前完成立项和开工，并通过调整使用闲置校舍、共享周边场地等方式过渡"),
    "调整学校规模与班额": MeasureKind(months=3, lead="县教育体育局", responsible="各乡镇（街道）、各义务教育学校",
                             bridge="结合秋季招生分流新生、增设教学班"),
    "经费与制度": MeasureKind(months=2, lead="县财政局、县教育体育局", responsible="各义务教育学校",
                          bridge="由县政府专题研究，限期出台并落实"),
}


class SurveySettings(Model):
    threshold: float = 85
    favourable: list[Text] = ["满意", "基本满意"]
    weights: dict[Text, float] = {}


class Settings(Model):
    stages: list[Text] = list(STAGES)
    cv_limit: dict[Text, float] = {}
    split_weights: dict[Text, float] = {"小学": 1, "初中": 1.1, "高中": 1.32}
    shared_columns: list[Text] = []
    school_rule: SchoolRule | None = None
    survey: SurveySettings = SurveySettings()
    default_lead: Text = ""
    default_responsible: Text = ""
    draft_evidence: dict[Text, Annotated[list[Text], BeforeValidator(_codes)]] = {}
    measures: dict[Text, MeasureKind] = DEFAULT_MEASURES
    default_measure: Text = "经费与制度"


class Veto(Model):
    code: Text = ""
    title: Annotated[Text, Field(min_length=1)]


class Header(Model):
    """The top of a framework file (the tree is read by `_build`)."""
    id: Annotated[Text, Field(min_length=1)]
    title: Annotated[Text, Field(min_length=1)]
    basis: Text = ""
    kind: Text = ""
    settings: Settings = Settings()
    vetoes: list[Veto] = []
    areas: list[Any] = Field(min_length=1)


class NodeSpec(Model):
    code: Annotated[Text, Field(min_length=1)]
    title: Annotated[Text, Field(min_length=1)]
    standard: Text = ""
    evaluate: dict[Text, Any] | None = None
    evidence: list[Text] = []
    lead: Text = ""
    responsible: Text = ""
    measure: Text = ""                 # the kind of measure that closes its gaps (settings.measures)
    children: list[Any] = []


@dataclass(eq=False)
class Node:
    code: str
    title: str
    level: str                      # "A", "B" or "C": the first letter of the code by convention
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    standard: str = ""
    evaluate: evaluation.Params = field(default_factory=evaluation.SelfAssessed)
    evidence: list[str] = field(default_factory=list)
    lead: str = ""
    responsible: str = ""
    measure: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def type(self) -> str:
        return self.evaluate.type

    @property
    def scope(self) -> str:
        """'school' (per school, from the table), 'county' (county facts) or 'both'."""
        return self.evaluate.scope or self.evaluate.default_scope

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


@dataclass(eq=False)
class Framework:
    id: str
    title: str
    basis: str
    kind: str
    settings: Settings
    areas: list[Node]
    vetoes: list[Veto]
    source: str                     # file it was read from, for messages

    def walk(self) -> list[Node]:
        """Every node, depth first, in file order."""
        out: list[Node] = []

        def visit(node: Node) -> None:
            out.append(node)
            for child in node.children:
                visit(child)

        for area in self.areas:
            visit(area)
        return out

    def leaves(self) -> list[Node]:
        return [n for n in self.walk() if n.is_leaf]

    def index(self) -> dict[str, Node]:
        return {n.code: n for n in self.walk()}

    def leaf(self, code: str) -> Node | None:
        return self.index().get(code)

    @property
    def stages(self) -> list[str]:
        return list(self.settings.stages)

    @property
    def cv_limit(self) -> dict[str, float]:
        return dict(self.settings.cv_limit)

    @property
    def split_weights(self) -> dict[str, float]:
        return dict(self.settings.split_weights)

    @property
    def shared_columns(self) -> list[str]:
        return list(self.settings.shared_columns)

    @property
    def rule_codes(self) -> list[str]:
        rule = self.settings.school_rule
        return list(rule.indicators) if rule else []


def bundled_dir() -> Path:
    return Path(str(resources.files("dossier.config") / "frameworks"))


def bundled_ids() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def resolve(name: str, project_dir: Path | None = None, where: Problem | None = None) -> Path:
    """A framework named in dossier.yaml: a bundled id, or a YAML path relative to the project folder."""
    at = dict(file=where.file if where else None, line=where.line if where else None)
    if project_dir is not None and (name.endswith((".yaml", ".yml")) or "/" in name):
        path = (project_dir / name).resolve()
        try:
            path.relative_to(project_dir.resolve())
        except ValueError:
            raise DossierError(Problem(f"指标框架文件“{name}”不在项目文件夹内", **at,
                                       hint="请把框架文件放进项目文件夹后再引用"))
        if not path.is_file():
            raise DossierError(Problem(f"找不到指标框架文件“{name}”", **at, hint="检查文件名和路径（相对于项目文件夹）"))
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
    raise DossierError(Problem(f"未知的指标框架“{name}”", **at,
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
    """A framework file into a Framework; every problem in it, with its line, raised together."""
    if not isinstance(doc.data, dict):
        raise DossierError(Problem("指标框架文件应为键值结构（id、title、areas…）", file=doc.file, line=1))
    probs = ProblemList()
    try:
        head = Header.model_validate(doc.data)
    except ValidationError as exc:                 # reported with the tree's problems, all at once
        probs.extend(schema.problems(exc, doc, Header))
        head = None
    raw_areas = doc.data.get("areas") if isinstance(doc.data.get("areas"), list) else []
    seen: dict[str, int] = {}
    areas = [n for i, raw in enumerate(raw_areas) if (n := _build(raw, ("areas", i), None, doc, probs, seen))]
    if head is None:
        probs.raise_if_any()
    fw = Framework(id=head.id, title=head.title, basis=head.basis, kind=head.kind, settings=head.settings,
                   areas=areas, vetoes=list(head.vetoes), source=doc.file)
    if not probs:
        _check_settings(fw, doc, probs)
    probs.raise_if_any()
    return fw


def _build(raw: Any, path: tuple, parent: Node | None, doc: Located, probs: ProblemList,
           seen: dict[str, int]) -> Node | None:
    line = doc.line(*path)
    if not isinstance(raw, dict):
        probs.add("指标应为键值结构（code、title…）", file=doc.file, line=line)
        return None
    try:
        spec = NodeSpec.model_validate(raw)
    except ValidationError as exc:
        probs.extend(schema.problems(exc, doc, NodeSpec, base=path, label=str(raw.get("code", "")) or "指标"))
        return None
    if spec.code in seen:
        probs.add(f"指标编码 {spec.code} 重复（第{seen[spec.code]}行已出现）", file=doc.file, line=line)
    seen[spec.code] = line or 0
    node = Node(code=spec.code, title=spec.title, level=spec.code[0].upper(), parent=parent, standard=spec.standard,
                evidence=list(spec.evidence), lead=spec.lead, responsible=spec.responsible, measure=spec.measure)
    for i, child in enumerate(spec.children):
        built = _build(child, path + ("children", i), node, doc, probs, seen)
        if built is not None:
            node.children.append(built)
    if node.is_leaf:
        params = _evaluation(spec, doc, path, probs)
        if params is not None:
            node.evaluate = params
    elif spec.evaluate:
        probs.add(f"指标 {spec.code} 有下级指标，不能再写 evaluate", file=doc.file, line=doc.line(*path, "evaluate"))
    return node


def _evaluation(spec: NodeSpec, doc: Located, path: tuple, probs: ProblemList) -> evaluation.Params | None:
    raw = dict(spec.evaluate or {})
    kind = str(raw.get("type", "self"))
    model = evaluation.TYPES.get(kind)
    line = doc.line(*path, "evaluate")
    if model is None:
        probs.add(f"指标 {spec.code} 的评估方式“{kind}”未知", file=doc.file, line=line,
                  hint="可用：" + "、".join(evaluation.TYPES))
        return None
    raw["type"] = kind
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        probs.extend(schema.problems(exc, doc, model, base=path + ("evaluate",), label=f"{spec.code}.evaluate"))
        return None


def _check_settings(fw: Framework, doc: Located, probs: ProblemList) -> None:
    """What the settings say about the tree: indicator codes that exist, 学段 that exist."""
    codes = fw.index()
    leaves = {n.code for n in fw.leaves()}
    for code in fw.rule_codes:
        if code not in codes:
            probs.add(f"settings.school_rule 引用了不存在的指标 {code}", file=doc.file,
                      line=doc.line("settings", "school_rule"))
    for stage in list(fw.cv_limit) + fw.stages:
        if stage not in STAGES:
            probs.add(f"settings 中的学段“{stage}”未知", file=doc.file, line=doc.line("settings"),
                      hint="学段为小学或初中")
    kinds = fw.settings.measures
    if fw.settings.default_measure not in kinds:
        probs.add(f"settings.default_measure“{fw.settings.default_measure}”不在 settings.measures 中", file=doc.file,
                  line=doc.line("settings", "default_measure"), hint="可用：" + "、".join(kinds))
    for node, path in _leaf_paths(fw):
        if node.measure and node.measure not in kinds:
            probs.add(f"指标 {node.code} 的整改措施类别“{node.measure}”未知", file=doc.file,
                      line=doc.line(*path, "measure"), hint="可用：" + "、".join(kinds))
    for kind, wanted in fw.settings.draft_evidence.items():
        for code in wanted:
            if code not in leaves:
                probs.add(f"settings.draft_evidence 中“{kind}”指向的指标 {code} 不是框架中的叶子指标", file=doc.file,
                          line=doc.line("settings", "draft_evidence", kind), hint="请填写叶子指标代码，如 C8")


def _leaf_paths(fw: Framework) -> list[tuple[Node, tuple]]:
    """Every leaf with its key path in the file (areas, i, children, j …), for the line of a message."""
    out = []

    def visit(node: Node, path: tuple) -> None:
        if node.is_leaf:
            out.append((node, path))
        for j, child in enumerate(node.children):
            visit(child, path + ("children", j))

    for i, area in enumerate(fw.areas):
        visit(area, ("areas", i))
    return out

"""Indicator frameworks: data files, not code.

A framework is a YAML tree (A → C, or a provincial A → B → C) whose leaves say how each indicator is evaluated
(`dossier.config.evaluation`), plus typed `settings` (学段, 差异系数 limits, the per-school rule, the survey,
default lead units, the drafts bound as evidence) and the 一票否决 items. The bundled ones live in
`dossier/config/frameworks/`; a project may name its own file in dossier.yaml. Everything is validated here,
once, and every error names the file and line, so a broken framework never reaches the computation.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, model_validator

from dossier.config import columns as cols
from dossier.config import evaluation, schema
from dossier.config.columns import ColumnSpec
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
    text: Text = ""                    # the rule in words, as documents quote it; default from the numbers

    def words(self) -> str:
        """至少6项达标、其余不低于85%"""
        if self.text:
            return self.text
        n = len(self.indicators)
        need = int(self.min_met) if self.min_met is not None else n
        if need >= n or self.floor_ratio is None:
            return f"{n}项均达标"
        return f"至少{need}项达标、其余不低于{round(100 * self.floor_ratio)}%"


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


class Goal(Model):
    title: Annotated[Text, Field(min_length=1)]
    text: Annotated[Text, Field(min_length=1)]


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
    # the per-school indicators outside the school rule that the per-school matrix of `check` shows
    matrix: list[Text] | None = None
    # the work goals the 实施方案 states (工作目标), one per line; none: the national 优质均衡 wording
    goals: list[Goal] = []


class ScoreSpec(Model):
    """How a leaf's points are earned (the leaf's `score:`); the default is `full`, `self` for 自评 leaves.

        full          all points when met (基本达标: `part` of them), none otherwise
        proportional  points × the ratio reached (value ÷ requirement, at most 1); nothing below `floor`;
                      for a per-school leaf the mean over schools and 学段
        per_school    all points less `deduct` for each school that misses (not below 0)
        self          达标 / 基本达标 / 未达标 → all / `part` / none
        veto          all points when met; when missed none, and the total gets no grade (一票否决)
    """
    rule: Literal["full", "proportional", "per_school", "self", "veto"] | None = None
    floor: Annotated[float, Field(ge=0, le=1)] = 0
    deduct: Annotated[float, Field(gt=0)] | None = None
    part: Annotated[float, Field(ge=0, le=1)] = 0.5

    @model_validator(mode="after")
    def _deduct(self) -> "ScoreSpec":
        if self.rule == "per_school" and self.deduct is None:
            raise ValueError("per_school 计分要写 deduct（每所未达标学校扣几分）")
        return self


class Band(Model):
    min: float
    name: Annotated[Text, Field(min_length=1)]


class Scoring(Model):
    """百分制 (or any maximum): the leaves' points add up to `max`; grade bands from the highest `min` down."""
    max: Annotated[float, Field(gt=0)] = 100
    bands: list[Band] = []
    below: Text = "未达到评估标准"       # the grade under the lowest band (and after a 一票否决)


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
    columns: list[ColumnSpec] = []
    scoring: Scoring | None = None
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
    points: Annotated[float, Field(ge=0)] | None = None
    score: ScoreSpec | None = None
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
    points: float | None = None     # what the node is worth (a parent: its children's sum)
    score: ScoreSpec | None = None

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
    columns: list[ColumnSpec] = field(default_factory=list)
    scoring: Scoring | None = None

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

    def table_columns(self) -> list[cols.Column]:
        """The school-table columns this framework declares beyond the built-in ones."""
        return [c for spec in self.columns for c in spec.columns(self.stages)]

    def cv_limits(self, node: Node) -> dict[str, float] | None:
        """The 差异系数 limits of a per-school leaf per 学段 (its own, else settings.cv_limit), or None when off."""
        p = node.evaluate
        if not p.cv_on():
            return None
        own = getattr(p, "cv", None)
        if isinstance(own, (dict, float)):
            return {s: evaluation.at(own, s) for s in self.stages if evaluation.at(own, s) is not None}
        return {s: v for s, v in self.settings.cv_limit.items() if s in self.stages}

    @property
    def bundled(self) -> bool:
        """One of dossier's own frameworks (not a project's file)."""
        return Path(self.source).parent == bundled_dir()

    @property
    def levels(self) -> list[str]:
        """The levels the tree has, e.g. ["A", "C"] or ["A", "B", "C"]."""
        return sorted({n.level for n in self.walk()})


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
        for path in framework_files(project_dir):
            if _file_id(path) == name:
                return path
    raise DossierError(Problem(f"未知的指标框架“{name}”", **at,
                               hint="可用的内置框架：" + "、".join(bundled_ids()) + "；或填写项目文件夹内的框架 YAML 文件名"))


NOT_FRAMEWORKS = {"dossier.yaml", "指标数据.yaml", "人员.yaml", "工作计划.yaml"}


def framework_files(folder: Path) -> list[Path]:
    """The framework files in a project folder: YAML files with `areas:` at the top."""
    out = []
    for path in sorted(Path(folder).glob("*.y*ml")):
        if path.name in NOT_FRAMEWORKS or path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        try:
            head = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(line.startswith("areas:") for line in head.splitlines()):
            out.append(path)
    return out


def _file_id(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("id:"):
            return line[3:].split("#")[0].strip().strip("\"'")
    return None


def project_frameworks(folder: Path) -> list[Framework]:
    """The frameworks a project folder holds (each validated: a broken one is an error with its line)."""
    return [parse(load_yaml(path, _display(path, folder))) for path in framework_files(folder)]


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
                   areas=areas, vetoes=list(head.vetoes), source=doc.file, columns=list(head.columns),
                   scoring=head.scoring)
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
                evidence=list(spec.evidence), lead=spec.lead, responsible=spec.responsible, measure=spec.measure,
                points=spec.points, score=spec.score)
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
    for code in fw.settings.matrix or []:
        if code not in leaves:
            probs.add(f"settings.matrix 引用了不存在的叶子指标 {code}", file=doc.file, line=doc.line("settings", "matrix"))
    _check_leaves(fw, doc, probs)
    _check_points(fw, doc, probs)


def _node_paths(doc: Located) -> dict[str, tuple]:
    """Each node's key path in the file (for the line of a message about it)."""
    out: dict[str, tuple] = {}

    def visit(raw: Any, path: tuple) -> None:
        if isinstance(raw, dict):
            out.setdefault(str(raw.get("code", "")), path)
            for i, child in enumerate(raw.get("children") or []):
                visit(child, path + ("children", i))

    for i, raw in enumerate(doc.data.get("areas") or []):
        visit(raw, ("areas", i))
    return out


def _check_leaves(fw: Framework, doc: Located, probs: ProblemList) -> None:
    """Every column a leaf reads exists (built in or declared in `columns:`); every 差异系数 has its limits;
    per-学段 values name the framework's 学段."""
    paths = _node_paths(doc)
    known = cols.known(fw.table_columns())
    for spec in fw.columns:
        if spec.name in cols.BUILTIN:
            probs.add(f"columns 中的“{spec.name}”是内置列，不需要声明", file=doc.file, line=doc.line("columns"))
    names = sorted({n.replace(cols.STAGE_WORD, s) for n in known for s in fw.stages})
    missing_cv: dict[tuple, list[str]] = {}
    for leaf in fw.leaves():
        base = paths.get(leaf.code, ())
        p = leaf.evaluate
        for ref, key in p.column_refs():
            if not cols.resolves(ref, fw.stages, known):
                near = difflib.get_close_matches(ref.replace(cols.STAGE_WORD, fw.stages[0]), names, n=1, cutoff=0.5)
                hint = (f"是否想写“{near[0]}”？" if near else "") + "不是内置列的，请在框架文件的 columns: 中声明（名称、单位）"
                probs.add(f"指标 {leaf.code} 引用的学校基础数据列“{ref}”不存在", file=doc.file,
                          line=doc.line(*base, "evaluate", *key), hint=hint)
        for key in ("threshold", "limit", "cv"):
            value = None if isinstance(p, evaluation.EnrolmentMax) else getattr(p, key, None)
            if isinstance(value, dict):
                for stage in value:
                    if stage not in fw.stages:
                        probs.add(f"指标 {leaf.code} 的 {key} 中的学段“{stage}”不在本框架的学段（{'、'.join(fw.stages)}）中",
                                  file=doc.file, line=doc.line(*base, "evaluate", key))
        limits = fw.cv_limits(leaf)
        if limits is not None and leaf.scope == "school":
            lacking = tuple(s for s in fw.stages if s not in limits)
            if lacking:
                own = isinstance(getattr(p, "cv", None), (dict, float))
                settings = doc.data.get("settings") if isinstance(doc.data.get("settings"), dict) else {}
                where = (doc.line(*base, "evaluate", "cv") if own else
                         doc.line("settings", "cv_limit") if "cv_limit" in settings else doc.line("settings"))
                missing_cv.setdefault((lacking, where or doc.line(*base)), []).append(leaf.code)
    for (lacking, where), codes in missing_cv.items():
        probs.add(f"指标 {'、'.join(codes)} 计算差异系数，但没有{'、'.join(lacking)}的差异系数上限", file=doc.file,
                  line=where, hint="在 settings.cv_limit 中写出每个学段的上限（如 {小学: 0.50, 初中: 0.45}），"
                                   "或在指标的 evaluate 中写 cv: false 关闭差异系数")


def _check_points(fw: Framework, doc: Located, probs: ProblemList) -> None:
    """With `scoring:`, every leaf has points, a parent's points are its children's sum, and the areas add up
    to the maximum; points without `scoring:` are an error too (they would be ignored)."""
    paths = _node_paths(doc)
    scored = [n for n in fw.walk() if n.points is not None or n.score is not None]
    if fw.scoring is None:
        if scored:
            probs.add(f"指标 {scored[0].code} 写了 points/score，但框架没有 scoring 设置（满分与等级）", file=doc.file,
                      line=doc.line(*paths.get(scored[0].code, ())), hint="在框架文件顶层加 scoring: {max: 100, bands: […]}")
        return

    def total(node: Node) -> float | None:
        if node.is_leaf:
            if node.points is None:
                probs.add(f"框架按分计分，叶子指标 {node.code} 缺少 points", file=doc.file,
                          line=doc.line(*paths.get(node.code, ())))
            return node.points
        parts = [total(c) for c in node.children]
        if any(x is None for x in parts):
            return node.points
        got = round(sum(parts), 6)
        if node.points is None:
            node.points = got
        elif abs(node.points - got) > 1e-6:
            probs.add(f"指标 {node.code} 的分值 {node.points:g} 与其下级指标分值之和 {got:g} 不一致", file=doc.file,
                      line=doc.line(*paths.get(node.code, ()), "points"))
        return node.points

    whole = [total(a) for a in fw.areas]
    if all(x is not None for x in whole) and abs(sum(whole) - fw.scoring.max) > 1e-6:
        probs.add(f"各一级指标分值之和 {sum(whole):g} 与满分 {fw.scoring.max:g} 不一致", file=doc.file,
                  line=doc.line("scoring", "max") or doc.line("scoring"))
    for leaf in fw.leaves():
        spec = leaf.score
        if spec and spec.rule == "self" and leaf.type != "self":
            probs.add(f"指标 {leaf.code} 不是自评指标，不能用 self 计分", file=doc.file,
                      line=doc.line(*paths.get(leaf.code, ()), "score"))


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

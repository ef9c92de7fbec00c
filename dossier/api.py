"""dossier as a library: every command as a function that takes paths and returns a result object.

The command line (`dossier.cli`) and the web app are thin layers over these functions. They never read the
working folder, print, or change module state: paths are given, progress goes to the listener given, problems
the user must fix are raised as `DossierError` (with every `Problem`, each naming file and line). So they may
be called from a long-running, threaded process, for several projects at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.compute.context import Context, load
from dossier.config import framework as _framework
from dossier.config.project import find_projects as _find_projects
from dossier.core.errors import DossierError, Problem
from dossier.drafts import kinds as _kinds
from dossier.evidence.collect import collect
from dossier.evidence.coverage import LeafCoverage, leaf_coverage
from dossier.evidence.model import Collection
from dossier.publish import manifest as _manifest
from dossier.publish import report as _report

if TYPE_CHECKING:                                   # the build side is imported when a build runs
    from dossier.build.progress import Listener
    from dossier.build.result import BuildResult


@dataclass
class CheckResult:
    context: Context
    coverage: list[LeafCoverage]
    evidence_problems: list[Problem]
    evidence_warnings: list[Problem] = field(default_factory=list)
    collection: Collection | None = None          # the evidence documents per leaf (for the web app's lists)

    @property
    def missed(self) -> bool:
        """Whether anything is short of the standard: a gap, a miss, a veto, a school, an evidence problem."""
        return self.context.evaluation.missed or bool(self.evidence_problems)

    def text(self) -> str:
        """The report `dossier check` prints."""
        return (_report.render_text(self.context) + "\n"
                + _report.render_coverage(self.coverage, self.evidence_problems, self.evidence_warnings))

    def to_json(self) -> dict:
        doc = self.context.evaluation.to_json()
        for entry, state in zip(doc["gaps"], self.context.rectification.states):
            entry.update(state.to_json())
        doc["data_warnings"] = [str(p) for p in self.context.facts.warnings]
        doc["coverage"] = [r.to_json() for r in self.coverage]
        doc["evidence_problems"] = [str(p) for p in self.evidence_problems]
        if self.evidence_warnings:
            doc["evidence_warnings"] = [str(p) for p in self.evidence_warnings]
        return doc


def find_projects(base: Path | str) -> list[Path]:
    """Every project folder under `base` (a folder holding dossier.yaml), or `base` itself if it is one."""
    return _find_projects(Path(base))


def check(folder: Path | str, context: Context | None = None) -> CheckResult:
    """Load the project, compute every indicator, and match its evidence against what the framework expects
    (`context`: the project already loaded and computed, when only its evidence may have changed)."""
    ctx = context or load(folder)
    collection = collect(ctx.project, ctx.framework)
    _known_text(ctx.project, collection)
    rows = [r for r in leaf_coverage(ctx.project, ctx.framework, collection)
            if r.documents or getattr(ctx.evaluation.indicator(r.code), "status", "") != "不适用"]
    return CheckResult(ctx, rows, list(collection.problems), list(collection.warnings), collection)


def _known_text(project, collection) -> None:
    """The documents' text where a build has taken it already (its dates, its headings), as the build sees it."""
    from dossier.evidence.dating import date_undated
    from dossier.evidence.ocr import TextLayer
    docs = collection.docs
    TextLayer(ocr=project.config.archive.ocr).known(docs)
    if date_undated(docs):
        for leaf_docs in collection.by_leaf.values():
            leaf_docs.sort(key=lambda d: d.order)


@dataclass
class DraftResult:
    project: str
    written: list[Path] = field(default_factory=list)


def draft_kinds() -> list[str]:
    return _kinds.names()


def draft(folder: Path | str, kinds: list[str] | None, out: Path | str, formats: tuple[str, ...] = ("docx", "md"),
          context: Context | None = None, jobs: int | None = None) -> DraftResult:
    """Draft `kinds` (names or aliases; None for every kind) of the project into the folder `out`, or — one kind
    in one format — into the file `out` (a path ending in .docx or .md)."""
    from dossier.drafts import render
    ctx = context or load(folder)
    level = ctx.project.level
    chosen = _kinds.for_level(level) if kinds is None else [_kinds.get(k) for k in kinds]
    for kind in chosen:
        if level not in kind.levels:
            raise DossierError(Problem(f"{kind.name}只用于{'县级项目' if 'county' in kind.levels else '学校项目'}，"
                                       f"{ctx.project.name}是{'学校' if level == 'school' else '县级'}项目",
                                       hint="可写的文稿：" + "、".join(k.label(level) for k in _kinds.for_level(level))))
    out = Path(out)
    single = len(chosen) == 1 and len(formats) == 1 and out.suffix.lower() in render.OUT_SUFFIXES
    from dossier.build.pipeline import default_jobs
    from dossier.drafts.pool import render_many
    result = DraftResult(ctx.project.name)
    for kind in chosen:                      # refused before anything is drawn
        for fmt in formats:
            render.check_out_path(out if single else out / _kinds.file_name(ctx, kind, fmt), fmt)
    items = [(kind, fmt, out if single else out / _kinds.file_name(ctx, kind, fmt))
             for kind in chosen for fmt in formats]
    result.written.extend(render_many(ctx, items, jobs=jobs if jobs is not None else default_jobs()))
    return result


def export_table(folder: Path | str, out: Path | str, context: Context | None = None) -> Path:
    """评估表.xlsx of the project at `out`."""
    from dossier.drafts.sheet import export_table as write
    return write(context or load(folder), Path(out))


def build(folder: Path | str, out: Path | str, *, keep_going: bool = False, listener: Listener | None = None,
          cache_dir: Path | str | None = None, skip: set[str] = frozenset(), jobs: int | None = None) -> BuildResult:
    """Build the project into the folder `out` (replaced atomically; the cache beside it), see
    `dossier.build.pipeline.build`."""
    from dossier.build.pipeline import build as _build
    return _build(folder, out, keep_going=keep_going, listener=listener, cache_dir=cache_dir, skip=skip, jobs=jobs)


def default_build_dir(folder: Path | str, build_root: Path | str) -> Path:
    """Where a project builds by default: `<build_root>/<content folder's name>`."""
    return Path(build_root) / Path(folder).resolve().name


@dataclass
class VerifyResult:
    build_dir: Path
    problems: list[Problem]
    manifest: dict

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(build_dir: Path | str) -> VerifyResult:
    """Re-hash every output of a build against its manifest.json."""
    build_dir = Path(build_dir)
    if not build_dir.is_dir():
        raise DossierError(f"构建文件夹不存在：{build_dir}（请指定 dossier build 的输出文件夹，如 build/示例县）")
    problems = _manifest.verify(build_dir)
    manifest = {} if problems else _manifest.read_manifest(build_dir)
    return VerifyResult(build_dir, problems, manifest)


def package(build_dir: Path | str, out: Path | str) -> Path:
    """The build in `build_dir` as an archival package: a BagIt bag at `out` (SHA-256 and SHA-512 manifests,
    bag-info with 全宗名称, 档号 scheme, unit, framework and build time). The build is verified first."""
    from dossier.publish.package import package as _package
    return _package(build_dir, out)


def init(folder: Path | str, level: str = "county", framework: str | None = None) -> list[Path]:
    """A commented project skeleton in the new (or empty) folder `folder` for `framework` (a bundled id or a
    framework file, copied into the folder; youzhi-2017 by default); the paths written."""
    from dossier.load.skeleton import init_project
    return init_project(Path(folder), level, framework)


def frameworks(project: Path | str | None = None) -> list[_framework.Framework]:
    """The bundled frameworks, and those in the project folder `project` if given."""
    found = [_framework.load(fid) for fid in _framework.bundled_ids()]
    if project is not None:
        found += _framework.project_frameworks(Path(project))
    return found


def framework_tree(name: str, project: Path | str | None = None) -> str:
    """A framework (bundled id, or file, in the project folder if given) as an indented tree."""
    return _report.framework_tree(_framework.load(name, Path(project) if project else None))

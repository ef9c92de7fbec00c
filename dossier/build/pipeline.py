"""`dossier build`: every stage for one project, into BUILD_DIR, atomically and incrementally.

Stages, in order:
  1. load and check (context.load): facts in, every indicator evaluated; invalid input stops here (exit 2);
  2. drafts (drafts.render_all) into `drafts/`, and 评估表.xlsx (export.export_table);
  3. evidence: collect (evidence.collect) → convert (convert.Converter, cached by content hash) → bind one volume
     per leaf (bind.bind_leaf) into `packets/`; the drafts the framework names in `settings.draft_evidence`
     ({自评报告: [C8], …}) are converted with the same Converter and bound at the end of those volumes;
  4. publish: 总目录.pdf, 脊背.pdf, 覆盖情况.md (publish.py), and manifest.json last.

Atomic: everything is written into a temporary sibling folder (`build/.<name>.tmp-XXXX`) and swapped in only
when complete (the previous build is renamed to a trash name, the new one renamed into place, the old deleted).
Killed midway, the previous build stays as it was; the next build removes the stale temporary folder first.
A lock file beside the build folder keeps two builds of the same project from running at once.

Incremental: a persistent cache (`build/.cache/<name>/`) holds the conversions (the Converter's cache_dir), the
bound volumes — keyed by a hash of everything a volume depends on: dossier's version and binding code, the
leaf's definition, the unit and archive settings from dossier.yaml, the build time, every document's content
hash and metadata, the conversion results, the problems listed in its note — and the drafts and 评估表 (keyed by
every non-evidence source file and the package's code). An unchanged volume is hard-linked (or copied) from
the cache, so after one evidence file changes only that volume is bound again.

Deterministic: every stage stamps `Project.build_time()` (SOURCE_DATE_EPOCH, else 输出.构建时间), so the same
inputs give byte-identical outputs.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from dossier import __version__

from dossier.publish import sets as publish
from dossier.core.files import sha256_file
from dossier.core.errors import DossierError, Problem
from dossier.publish.sets import COVERAGE_MD, INDEX_PDF, MANIFEST, PACKETS, SPINE_PDF

BUILD_ROOT = Path("build")
CACHE = ".cache"
DRAFTS = "drafts"
TABLE = "评估表.xlsx"
KNOWN_OUTPUTS = {MANIFEST, TABLE, DRAFTS, PACKETS, INDEX_PDF, SPINE_PDF, COVERAGE_MD}

CACHE_FORMAT = 1


@dataclass
class BuildResult:
    project: str                   # the content folder's name
    unit: str                      # 单位全称
    build_dir: Path
    volumes: list = field(default_factory=list)          # bind.Volume, paths inside build_dir
    drafts: list[Path] = field(default_factory=list)
    table: Path | None = None
    set_files: list[Path] = field(default_factory=list)  # 总目录.pdf, 脊背.pdf, 覆盖情况.md
    manifest: Path | None = None
    problems: list[Problem] = field(default_factory=list)  # with --keep-going: listed in the volume notes
    rebuilt: int = 0               # volumes bound in this build
    reused: int = 0                # volumes taken from the cache
    converted: int = 0             # documents converted in this build
    conversions_cached: int = 0    # documents whose conversion came from the cache
    documents: int = 0             # evidence documents found (drafts bound as evidence included)
    drafts_reused: bool = False
    skipped: list[str] = field(default_factory=list)     # stages whose module is not installed
    timings: dict[str, float] = field(default_factory=dict)
    inputs: dict[str, list[Path]] = field(default_factory=dict)  # leaf → the PDFs bound, in order (for bench)

    @property
    def pages(self) -> int:
        return sum(publish.volume_pages(v) for v in self.volumes)

    @property
    def total_pages(self) -> int:
        """Pages of all volume files, covers, indexes and notes included."""
        return sum(int(getattr(v, "total_pages", 0) or 0) for v in self.volumes)

    def summary(self) -> list[str]:
        """The Chinese lines `dossier build` prints."""
        lines = [f"{self.project}（{self.unit}）：构建完成，输出在 {_shown(self.build_dir)}/"]
        if self.volumes:
            codes = len({v.code for v in self.volumes})
            lines.append(f"  佐证材料：{codes} 项指标 {len(self.volumes)} 卷，{self.documents} 件，{self.pages} 页"
                         f"（重新装订 {self.rebuilt} 卷，沿用上次 {self.reused} 卷；"
                         f"转换 {self.converted} 个文件，沿用缓存 {self.conversions_cached} 个）")
        elif PACKETS not in self.skipped:
            lines.append("  佐证材料：没有找到佐证材料（evidence/ 文件夹为空或不存在），未装订案卷")
        if self.drafts:
            kinds = len({p.stem for p in self.drafts})
            lines.append(f"  文稿：{kinds} 种 {len(self.drafts)} 个文件，在 {_shown(self.build_dir / DRAFTS)}/"
                         + ("（沿用上次结果）" if self.drafts_reused else ""))
        if self.table:
            lines.append(f"  评估表：{_shown(self.table)}")
        if self.set_files:
            lines.append("  总目录、脊背、覆盖情况：" + "、".join(p.name for p in self.set_files) + "，清单 manifest.json")
        for stage in self.skipped:
            lines.append(f"  （未生成 {stage}：所需模块尚未安装）")
        if self.problems:
            lines.append(f"  有 {len(self.problems)} 个问题已按 --keep-going 跳过（记入相应案卷的卷内备考表；"
                         f"不属于任何指标的记入覆盖情况.md）：")
            for p in self.problems:
                lines.append(f"    - {p}")
        lines.append(f"  用时 {self.timings.get('total', 0):.1f} 秒")
        return lines

    def to_json(self) -> dict:
        return {"project": self.project, "build_dir": str(self.build_dir), "volumes": len(self.volumes),
                "pages": self.pages, "total_pages": self.total_pages, "documents": self.documents,
                "rebuilt": self.rebuilt, "reused": self.reused, "converted": self.converted,
                "conversions_cached": self.conversions_cached, "drafts": len(self.drafts),
                "drafts_reused": self.drafts_reused, "problems": [str(p) for p in self.problems],
                "skipped": self.skipped, "timings": {k: round(v, 3) for k, v in self.timings.items()}}


# ---------------------------------------------------------------------------------------------------------------
# Progress on a terminal
# ---------------------------------------------------------------------------------------------------------------

class Bar:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str, total: int, enabled: bool, stream=None):
        self.label, self.total = label, max(0, total)
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.total > 0
        self._last = 0.0
        self.done = 0

    def __call__(self, done: int, total: int | None = None, note: str = "") -> None:
        self.update(done, note, total)

    def update(self, done: int, note: str = "", total: int | None = None) -> None:
        if total is not None:
            self.total = total
        self.done = done
        if not self.enabled:
            return
        now = time.monotonic()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        width = 28
        filled = int(width * done / self.total) if self.total else width
        cols = shutil.get_terminal_size((80, 20)).columns
        text = f"{self.label} [{'█' * filled}{'·' * (width - filled)}] {done}/{self.total} {note}"
        self.stream.write("\r" + _clip(text, cols - 1) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _shown(path: Path) -> str:
    """A path as printed: relative to the working folder when it is inside it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _clip(text: str, cols: int) -> str:
    out, width = [], 0
    for ch in text:
        w = 2 if ord(ch) > 0x2E80 else 1
        if width + w > cols:
            break
        out.append(ch)
        width += w
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Hashing helpers
# ---------------------------------------------------------------------------------------------------------------

def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _module_files(*names: str) -> list[Path]:
    pkg = Path(__file__).resolve().parent
    return [pkg / f"{n}.py" for n in names if (pkg / f"{n}.py").is_file()]


def _files_digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode("utf-8"))
        h.update(p.read_bytes())
    return h.hexdigest()


def _code_digest_binding() -> str:
    """The code a bound volume depends on: binding, fonts, the evidence model (and the version)."""
    return _files_digest(_module_files("bind", "fonts", "evidence")) + __version__


# Modules the drafts and 评估表 do not depend on (the evidence side and the command line).
_NOT_FOR_DRAFTS = {"bind", "convert", "evidence", "build", "publish", "cli", "scaffold"}


def _code_digest_drafts() -> str:
    """The code, bundled frameworks and templates the drafts and 评估表 depend on: every module of the package
    but the evidence side's, every data file, and the templates folder."""
    pkg = Path(__file__).resolve().parent
    files = [p for p in pkg.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
             and not (p.parent == pkg and p.suffix == ".py" and p.stem in _NOT_FOR_DRAFTS)]
    try:
        from dossier.drafts.render import bundled_templates
        tpl = Path(bundled_templates())
    except ImportError:
        tpl = pkg.parent / "templates"
    if tpl.is_dir() and tpl.resolve() != pkg:
        files += [p for p in tpl.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    h = hashlib.sha256(__version__.encode())
    for p in sorted(files):
        h.update(str(p.name).encode("utf-8"))
        h.update(p.read_bytes())
    return h.hexdigest()


def _stat_key(path: Path) -> list:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _place(src: Path, dst: Path) -> None:
    """Hard-link `src` to `dst` (same file system), else copy."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


# ---------------------------------------------------------------------------------------------------------------
# The build folder: guard, lock, stale temporaries, swap
# ---------------------------------------------------------------------------------------------------------------

def _guard_target(build_dir: Path, project) -> None:
    root = project.root.resolve()
    target = build_dir.resolve()
    if target == root or root in target.parents or target in root.parents:
        raise DossierError(Problem(f"输出文件夹不能是项目文件夹本身、其中的文件夹或其上级：{build_dir}",
                                   hint="请用 --out 指定项目文件夹以外的位置，默认为 build/<项目名>/"))
    if target.exists():
        if not target.is_dir():
            raise DossierError(Problem(f"输出位置已有同名文件：{build_dir}", hint="请另选 --out 或先删除该文件"))
        if not (target / MANIFEST).is_file():
            foreign = sorted(p.name for p in target.iterdir() if p.name not in KNOWN_OUTPUTS)
            if foreign:
                raise DossierError(Problem(
                    f"输出文件夹已存在，且不是 dossier 的构建结果（含有 {'、'.join(foreign[:5])}）：{build_dir}",
                    hint="构建会整体替换输出文件夹；请另选 --out，或确认后手动清空该文件夹"))


@contextmanager
def _locked(lock_path: Path):
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise DossierError(Problem(f"另一个 dossier build 正在写入 {lock_path.parent}，请等它结束后再试",
                                           file=str(lock_path)))
            raise
        yield
    finally:
        os.close(fd)


def _temp_prefix(name: str) -> str:
    return f".{name}.tmp-"


def _trash_prefix(name: str) -> str:
    return f".{name}.old-"


def clean_stale(build_dir: Path) -> list[Path]:
    """Remove temporary folders left by an interrupted build; restore a previous build left in the trash
    by a swap that was cut short. Call only while holding the lock. Returns what was removed."""
    parent, name = build_dir.parent, build_dir.name
    removed = []
    if not parent.is_dir():
        return removed
    for p in sorted(parent.glob(_temp_prefix(name) + "*")):
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p)
    trash = sorted(parent.glob(_trash_prefix(name) + "*"), key=lambda p: p.stat().st_mtime)
    if trash and not build_dir.exists():
        os.rename(trash.pop(), build_dir)       # the swap was interrupted between its two renames
    for p in trash:
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p)
    return removed


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD = -100
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(AT_FDCWD, os.fsencode(str(a)), AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    return rc == 0


def _swap(tmp: Path, build_dir: Path) -> None:
    """Put the finished `tmp` at `build_dir`; the previous build (if any) goes to the trash and is deleted."""
    if not build_dir.exists():
        os.rename(tmp, build_dir)
        return
    if _exchange(tmp, build_dir):
        old = tmp                                   # now holds the previous build
        trash = Path(tempfile.mkdtemp(prefix=_trash_prefix(build_dir.name), dir=build_dir.parent))
        os.rmdir(trash)
        os.rename(old, trash)
    else:
        trash = Path(tempfile.mkdtemp(prefix=_trash_prefix(build_dir.name), dir=build_dir.parent))
        os.rmdir(trash)
        os.rename(build_dir, trash)
        os.rename(tmp, build_dir)
    shutil.rmtree(trash, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------------------------------------------

def default_jobs() -> int:
    value = os.environ.get("DOSSIER_JOBS", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(2, os.cpu_count() or 1))


def default_build_dir(project_name: str) -> Path:
    return BUILD_ROOT / project_name


def build(folder: Path | str, out: Path | str | None = None, keep_going: bool = False, progress: bool = True,
          *, cache_dir: Path | str | None = None, drafts: bool = True, jobs: int | None = None) -> BuildResult:
    """Build one project into `out` (default build/<project name>/). Raises DossierError (nothing replaced)
    on invalid input, or — without keep_going — on any problem with an evidence file.

    `cache_dir` overrides the persistent cache (default build/.cache/<name>/); `drafts=False` leaves the drafts
    (and the drafts bound as evidence) out, e.g. for tests of the binding alone; `jobs` is how many processes
    bind volumes at once (default: DOSSIER_JOBS, else up to 2 by the CPU count)."""
    from dossier.compute.context import load
    started = time.monotonic()
    timings: dict[str, float] = {}
    ctx = load(folder)
    timings["load"] = time.monotonic() - started
    project = ctx.project
    build_dir = Path(out) if out else default_build_dir(project.name)
    build_dir = Path(os.path.abspath(build_dir))
    _guard_target(build_dir, project)
    build_dir.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(cache_dir) if cache_dir else build_dir.parent / CACHE / build_dir.name
    show = bool(progress) and sys.stderr.isatty()
    with _locked(build_dir.parent / f".{build_dir.name}.lock"):
        clean_stale(build_dir)
        tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(build_dir.name), dir=build_dir.parent))
        try:
            result = _run(ctx, tmp, cache, keep_going, show, timings, drafts, jobs or default_jobs())
            t = time.monotonic()
            _swap(tmp, build_dir)
            timings["swap"] = time.monotonic() - t
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    result.build_dir = build_dir
    result.volumes = [_relocate(v, tmp, build_dir) for v in result.volumes]
    result.drafts = [build_dir / p.relative_to(tmp) for p in result.drafts]
    result.table = build_dir / result.table.relative_to(tmp) if result.table else None
    result.set_files = [build_dir / p.relative_to(tmp) for p in result.set_files]
    result.manifest = build_dir / MANIFEST
    timings["total"] = time.monotonic() - started
    result.timings = timings
    return result


def _relocate(volume, old: Path, new: Path):
    path = Path(volume.path)
    try:
        return dataclasses.replace(volume, path=new / path.relative_to(old))
    except ValueError:
        return volume


def _run(ctx, tmp: Path, cache: Path, keep_going: bool, show: bool, timings: dict, with_drafts: bool = True,
         jobs: int = 1) -> BuildResult:
    project, fw = ctx.project, ctx.framework
    build_time = project.build_time()
    result = BuildResult(project=project.name, unit=project.unit_name, build_dir=tmp)

    # sources: hashed once, for the manifest and the drafts cache key
    t = time.monotonic()
    collection = None
    try:
        from dossier.evidence.collect import collect
    except ImportError:
        collect = None
    if collect is not None:
        collection = collect(project, fw)
    known = {}
    if collection is not None:
        for doc in collection.docs:
            known[Path(doc.path).resolve()] = (doc.size, doc.sha256)
    sources = publish.scan_sources(project.root, known)
    timings["collect"] = time.monotonic() - t

    # without --keep-going any problem with an evidence file stops here, before anything is converted
    if collection is not None and collection.problems and not keep_going:
        raise DossierError(collection.problems)

    # drafts and 评估表 (cached on every non-evidence source and the package's code)
    t = time.monotonic()
    _drafts_and_table(ctx, tmp, cache, sources, build_time, result, with_drafts)
    timings["drafts"] = time.monotonic() - t

    # evidence: convert, bind
    volumes: list = []
    known_outputs: dict[str, tuple[int, str]] = {}
    if collection is None:
        result.skipped.append(PACKETS)
    else:
        try:
            from dossier.evidence.bind import bind_leaf
            from dossier.evidence.convert import Converter
        except ImportError:
            bind_leaf = Converter = None
            result.skipped.append(PACKETS)
        if bind_leaf is not None:
            volumes, known_outputs = _evidence(ctx, collection, tmp, cache, keep_going, show, build_time, result,
                                               timings, bind_leaf, Converter, jobs)
    result.volumes = volumes

    # set files, manifest last
    t = time.monotonic()
    if collection is not None:
        result.set_files = publish.publish(project, fw, tmp, volumes, collection, build_time)
    timings["publish"] = time.monotonic() - t
    _normalize_modes(tmp)
    t = time.monotonic()
    result.manifest = publish.write_manifest(tmp, project, fw, build_time, sources, known_outputs)
    timings["manifest"] = time.monotonic() - t
    return result


def _normalize_modes(folder: Path) -> None:
    """Ordinary permissions (as the umask allows) for everything in the build: temporary files and folders
    are created private (0600/0700) by the stages that write them."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)
    for dirpath, dirnames, filenames in os.walk(folder):
        for d in dirnames:
            os.chmod(Path(dirpath) / d, 0o777 & ~mask)
        for f in filenames:
            p = Path(dirpath) / f
            if (p.stat().st_mode & 0o777) != (0o666 & ~mask):
                os.chmod(p, 0o666 & ~mask)


def _drafts_and_table(ctx, tmp: Path, cache: Path, sources: list[dict], build_time: dt.datetime,
                      result: BuildResult, with_drafts: bool = True) -> None:
    drafts_mod = None
    if with_drafts:
        try:
            from dossier.drafts import render as drafts_mod
        except ImportError:
            result.skipped.append(DRAFTS)
    try:
        from dossier.drafts.sheet import export_table
    except ImportError:
        export_table = None
        result.skipped.append(TABLE)
    inputs = [s for s in sources if not s["path"].startswith("evidence/")]
    key = _digest({"format": CACHE_FORMAT, "code": _code_digest_drafts(), "sources": inputs,
                   "build_time": build_time.isoformat(), "env": os.environ.get("SOURCE_DATE_EPOCH", ""),
                   "drafts": drafts_mod is not None, "table": export_table is not None})
    entry = cache / "derived" / key
    meta_path = entry / "meta.json"
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            for rel, stat in meta["files"].items():
                if _stat_key(entry / rel) != stat:
                    raise ValueError(rel)
            for rel in meta["files"]:
                _place(entry / rel, tmp / rel)
            result.drafts = [tmp / rel for rel in meta["drafts"]]
            result.table = tmp / meta["table"] if meta.get("table") else None
            result.drafts_reused = True
            return
        except (OSError, ValueError, KeyError):
            for rel in (json.loads(meta_path.read_text("utf-8")).get("files", {}) if meta_path.is_file() else {}):
                (tmp / rel).unlink(missing_ok=True)
            shutil.rmtree(entry, ignore_errors=True)
    if drafts_mod is not None:
        result.drafts = sorted(Path(p) for p in drafts_mod.render_all(ctx, tmp / DRAFTS, formats=("docx", "md")))
    if export_table is not None:
        result.table = Path(export_table(ctx, tmp / TABLE) or tmp / TABLE)
    # store in the cache (hard links: the build folder keeps its own names)
    files = [p for p in result.drafts + ([result.table] if result.table else []) if p.is_file()]
    # chart images and other files render_all wrote beside the drafts
    if (tmp / DRAFTS).is_dir():
        files = sorted({*files, *(p for p in (tmp / DRAFTS).rglob("*") if p.is_file())})
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=_mkdir(cache / "derived")))
    try:
        for p in files:
            _place(p, staging / p.relative_to(tmp))
        meta = {"files": {p.relative_to(tmp).as_posix(): _stat_key(staging / p.relative_to(tmp)) for p in files},
                "drafts": [p.relative_to(tmp).as_posix() for p in result.drafts],
                "table": result.table.relative_to(tmp).as_posix() if result.table else None}
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        _prune(cache / "derived", keep={staging.name})     # one entry is enough: drafts are cheap to redo
        os.rename(staging, entry)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove cache entries (sub-folders) of `folder` not in `keep`, temporary ones included."""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.is_dir() and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# Evidence: drafts as evidence, conversion, binding with the volume cache
# ---------------------------------------------------------------------------------------------------------------

def _applies(project, leaf) -> bool:
    """Whether a leaf is assessed for this project: county-only indicators are not a school's."""
    return not (project.level == "school" and leaf.scope == "county")


def draft_evidence(ctx, drafts: list[Path]) -> dict[str, list]:
    """The drafts the framework names as evidence (settings.draft_evidence: {kind: [codes]}), as EvidenceDocs
    per leaf, in the order the setting lists them. Kinds not drafted are skipped."""
    from dossier.evidence.collect import make_doc
    project, fw = ctx.project, ctx.framework
    wanted = fw.settings.get("draft_evidence") or {}
    if not isinstance(wanted, dict):
        raise DossierError(Problem("settings.draft_evidence 应为“文稿种类: [指标代码…]”的键值结构", file=fw.source))
    docx = [p for p in drafts if p.suffix.lower() == ".docx"]
    index = fw.index()
    out: dict[str, list] = {}
    for n, (kind, codes) in enumerate(wanted.items()):
        codes = [codes] if isinstance(codes, str) else list(codes or [])
        match = next((p for p in docx if kind in p.stem), None)
        if match is None:
            continue
        date_key = {"实施方案": "方案印发", "自评报告": "自评报告", "自查报告": "自评报告", "汇报材料": "汇报"}.get(kind)
        date = project.date(date_key) if date_key else None
        for code in codes:
            if code in index and index[code].is_leaf and not _applies(project, index[code]):
                continue
            if code not in index or not index[code].is_leaf:
                raise DossierError(Problem(f"settings.draft_evidence 中“{kind}”指向的指标 {code} 不是框架中的叶子指标",
                                           file=fw.source, hint="请填写叶子指标代码，如 C8"))
            doc = make_doc(match, code, rel=f"{DRAFTS}/{match.name}", title=match.stem,
                           author=str(project.get("署名", default=None) or project.unit_name),
                           date=date.strftime("%Y%m%d") if date else "",
                           note="dossier 依据项目数据生成的文稿", order=(9, n, match.name),
                           display=f"{DRAFTS}/{match.name}")
            out.setdefault(code, []).append(doc)
    return out


def _evidence(ctx, collection, tmp: Path, cache: Path, keep_going: bool, show: bool, build_time: dt.datetime,
              result: BuildResult, timings: dict, bind_leaf: Callable, Converter, jobs: int = 1
              ) -> tuple[list, dict]:
    project, fw = ctx.project, ctx.framework
    by_leaf: dict[str, list] = {code: list(docs) for code, docs in collection.by_leaf.items()}
    for code, extra in draft_evidence(ctx, result.drafts).items():
        by_leaf.setdefault(code, []).extend(extra)
    all_docs = [d for docs in by_leaf.values() for d in docs]
    result.documents = len(all_docs)

    # convert (cached by content hash across builds)
    t = time.monotonic()
    converter = Converter(cache / "convert", timeout=120)
    bar = Bar("转换", len({d.sha256 for d in all_docs}), show)
    try:
        converted = converter.convert_all(all_docs, progress=bar)
    finally:
        bar.close()
    timings["convert"] = time.monotonic() - t
    stats = getattr(converter, "stats", {}) or {}
    result.conversions_cached = int(stats.get("cached", 0))
    result.converted = len({d.sha256 for d in all_docs}) - result.conversions_cached
    failures = []
    for doc in all_docs:
        conv = converted.get(doc.sha256)
        if conv is None or conv.problem is not None or conv.pdf is None:
            problem = conv.problem if conv is not None and conv.problem is not None else \
                Problem("文件未能转换为 PDF", file=doc.display or doc.rel)
            if problem.file != (doc.display or doc.rel):
                problem = dataclasses.replace(problem, file=doc.display or doc.rel)
            failures.append((doc, problem))
    if failures and not keep_going:
        raise DossierError([p for _, p in failures])

    # bind, leaf by leaf, through the volume cache
    t = time.monotonic()
    failed = {id(d): p for d, p in failures}
    leaf_problems: dict[str, list[Problem]] = {}
    for code in by_leaf:
        leaf_problems[code] = list(collection.problems_for(code)) if keep_going else []
    for doc, problem in failures:
        leaf_problems.setdefault(doc.leaf, []).append(problem)
    if keep_going:
        result.problems = list(dict.fromkeys(list(collection.problems) + [p for _, p in failures]))
    packets = tmp / PACKETS
    packets.mkdir(parents=True, exist_ok=True)
    volumes_cache = cache / "volumes"
    code_digest = _code_digest_binding()
    # one volume per leaf that applies to the project (a school binds no county-only indicator unless it has
    # put documents there); an empty volume's note lists the evidence the leaf expects
    leaves = [leaf for leaf in fw.leaves()
              if _applies(project, leaf) or by_leaf.get(leaf.code) or leaf_problems.get(leaf.code)]
    known_outputs: dict[str, tuple[int, str]] = {}
    used: set[str] = set()
    plan: list[tuple] = []                     # (leaf, docs, problems, key, volumes or None)
    for leaf in leaves:
        docs = [d for d in by_leaf.get(leaf.code, []) if id(d) not in failed]
        problems = leaf_problems.get(leaf.code, [])
        key = _volume_key(project, fw, leaf, docs, converted, problems, build_time, code_digest)
        used.add(key)
        vols = _cached_volumes(volumes_cache / key, packets, docs)
        if vols is not None:
            result.reused += len(vols)
        plan.append((leaf, docs, problems, key, vols))
        result.inputs[leaf.code] = [Path(converted[d.sha256].pdf) for d in docs]
    misses = [i for i, item in enumerate(plan) if item[4] is None]
    bar = Bar("装订", len(misses), show)
    try:
        for i, vols in _bind_misses(ctx, plan, misses, converted, packets, build_time, bind_leaf, jobs, bar):
            leaf, docs, problems, key, _ = plan[i]
            vols = [_with_docs(v, docs) for v in vols]
            _store_volumes(volumes_cache, key, vols, packets)
            result.rebuilt += len(vols)
            plan[i] = (leaf, docs, problems, key, vols)
    finally:
        bar.close()
    volumes: list = []
    for leaf, docs, problems, key, vols in plan:
        meta = _read_meta(volumes_cache / key)
        for rel, entry in (meta or {}).get("files", {}).items():
            known_outputs[f"{PACKETS}/{rel}"] = (entry["size"], entry["sha256"])
        volumes.extend(vols)
    result.documents = sum(len(docs) for _, docs, _, _, _ in plan)     # what was bound, as the volumes count it
    _prune(volumes_cache, used)
    timings["bind"] = time.monotonic() - t
    return volumes, known_outputs


_WORK: dict = {}           # what forked binding workers inherit (set just before the pool starts)


def _bind_one(index: int) -> list:
    """Bind plan item `index` (in a worker process, or in this one)."""
    from dossier.evidence import bind
    w = _WORK
    leaf, docs, problems, _, _ = w["plan"][index]
    subset = {d.sha256: w["converted"][d.sha256] for d in docs}
    return bind.bind_leaf(w["project"], w["framework"], leaf, docs, subset, w["packets"], problems=problems,
                          build_time=w["build_time"])


def _bind_misses(ctx, plan, misses, converted, packets, build_time, bind_leaf, jobs, bar):
    """Yield (plan index, volumes) for every leaf not in the cache: in `jobs` forked worker processes when
    there are several (binding is CPU-bound Python and qpdf work; threads would not overlap), else here."""
    import multiprocessing
    done = 0
    if jobs > 1 and len(misses) > 1 and "fork" in multiprocessing.get_all_start_methods():
        from concurrent.futures import ProcessPoolExecutor, as_completed
        _WORK.update(project=ctx.project, framework=ctx.framework, plan=plan, converted=converted,
                     packets=packets, build_time=build_time)
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(misses)),
                                     mp_context=multiprocessing.get_context("fork")) as pool:
                futures = {pool.submit(_bind_one, i): i for i in misses}
                try:
                    for fut in as_completed(futures):
                        i = futures[fut]
                        done += 1
                        bar.update(done, f"{plan[i][0].code} {plan[i][0].title}")
                        yield i, fut.result()
                except BaseException:
                    for fut in futures:
                        fut.cancel()
                    raise
        finally:
            _WORK.clear()
        return
    for i in misses:
        leaf, docs, problems, _, _ = plan[i]
        bar.update(done, f"{leaf.code} {leaf.title}")
        vols = bind_leaf(ctx.project, ctx.framework, leaf, docs, converted, packets, problems=problems,
                         build_time=build_time)
        done += 1
        bar.update(done)
        yield i, vols


def _with_docs(volume, docs: list):
    """A volume whose (document, start, end) entries use this process's EvidenceDoc objects (a worker returns
    copies)."""
    by_rel = {d.rel: d for d in docs}
    try:
        return dataclasses.replace(volume, docs=[(by_rel.get(d.rel, d), a, b) for d, a, b in volume.docs])
    except (TypeError, ValueError):
        return volume


def _doc_fingerprint(doc, conv) -> dict:
    return {"rel": doc.rel, "title": doc.title, "doc_no": doc.doc_no, "author": doc.author, "date": doc.date,
            "note": doc.note, "order": doc.order, "sha256": doc.sha256, "size": doc.size, "leaf": doc.leaf,
            "display": getattr(doc, "display", ""),
            "pages": getattr(conv, "pages", None), "converted_note": getattr(conv, "note", ""),
            "repaired": getattr(conv, "repaired", False),
            "pdf_is_source": conv is not None and conv.pdf is not None and Path(conv.pdf) == Path(doc.path)}


def _volume_key(project, fw, leaf, docs, converted, problems, build_time, code_digest) -> str:
    return _digest({
        "format": CACHE_FORMAT,
        "code": code_digest,
        "framework": fw.id,
        "leaf": {"code": leaf.code, "title": leaf.title, "standard": leaf.standard, "evidence": leaf.evidence,
                 "path": [(n.code, n.title) for n in leaf.path()]},
        "unit": project.unit, "archive": project.get("档案"), "year": project.year,
        "years": project.evidence_years, "build_time": build_time.isoformat(),
        "env": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "docs": [_doc_fingerprint(d, converted.get(d.sha256)) for d in docs],
        "problems": [str(p) for p in problems],
    })


def _read_meta(entry: Path) -> dict | None:
    try:
        return json.loads((entry / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _to_json(value):
    """A Volume field as JSON that `_from_json` turns back into the same value."""
    if isinstance(value, Problem):
        return {"__problem__": dataclasses.asdict(value)}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [_to_json(v) for v in value]}
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _from_json(value):
    if isinstance(value, dict):
        if "__problem__" in value:
            return Problem(**value["__problem__"])
        if "__path__" in value:
            return Path(value["__path__"])
        if "__tuple__" in value:
            return tuple(_from_json(v) for v in value["__tuple__"])
        return {k: _from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return value


def _volume_to_json(volume, packets: Path) -> dict:
    out = {}
    for f in dataclasses.fields(volume):
        value = getattr(volume, f.name)
        if f.name == "path":
            out["path"] = Path(value).relative_to(packets).as_posix()
        elif f.name == "docs":
            out["docs"] = [[doc.rel, start, end] for doc, start, end in value]
        else:
            out[f.name] = _to_json(value)
    return out


def _volume_from_json(data: dict, cls, packets: Path, docs: list):
    by_rel = {d.rel: d for d in docs}
    kwargs = {}
    for key, value in data.items():
        if key == "path":
            kwargs[key] = packets / value
        elif key == "docs":
            kwargs[key] = [(by_rel[rel], start, end) for rel, start, end in value]
        else:
            kwargs[key] = _from_json(value)
    return cls(**kwargs)


def _store_volumes(volumes_cache: Path, key: str, vols: list, packets: Path) -> None:
    """Put freshly bound volumes into the cache (hard links), with what is needed to reuse them."""
    entry = volumes_cache / key
    if entry.exists():
        shutil.rmtree(entry, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=_mkdir(volumes_cache)))
    try:
        files = {}
        for v in vols:
            src = Path(v.path)
            rel = src.relative_to(packets).as_posix()
            _place(src, staging / rel)
            files[rel] = {"size": src.stat().st_size, "sha256": sha256_file(src)[0],
                          "stat": _stat_key(staging / rel)}
        meta = {"volumes": [_volume_to_json(v, packets) for v in vols], "files": files}
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        os.rename(staging, entry)
    except (OSError, TypeError, ValueError):
        shutil.rmtree(staging, ignore_errors=True)


def _cached_volumes(entry: Path, packets: Path, docs: list) -> list | None:
    """The volumes of a cache entry placed into `packets`, or None (a miss, or an entry that was tampered with)."""
    meta = _read_meta(entry)
    if meta is None:
        return None
    try:
        from dossier.evidence.bind import Volume
        for rel, info in meta["files"].items():
            if _stat_key(entry / rel) != info["stat"]:
                raise ValueError(rel)
        vols = [_volume_from_json(v, Volume, packets, docs) for v in meta["volumes"]]
        for rel in meta["files"]:
            _place(entry / rel, packets / rel)
        return vols
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(entry, ignore_errors=True)
        return None

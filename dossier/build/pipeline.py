"""`build`: every stage for one project, into the build folder, atomically and incrementally.

    load and check (compute.context.load)   facts in, every indicator evaluated; invalid input stops here
    inventory and evidence (load.inventory, evidence.collect)   the content folder walked once
    builders (build.builders), in order     drafts, 评估表, evidence volumes, set files
    manifest (publish.manifest), last       then the temporary folder is swapped in (build.folder)

Every stage stamps `Project.build_time()` (SOURCE_DATE_EPOCH, else 输出.构建时间), so the same inputs give
byte-identical outputs. Nothing here depends on the working folder or on module state: the build folder is
given, progress goes to the listener given, so builds of several projects may run at once in one process.
"""
from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

from dossier.build import folder as bf
from dossier.build import volumes  # noqa: F401  (registers the volumes builder)
from dossier.build.builders import BUILDERS, State, start_workers_early
from dossier.build.progress import Event, Listener, Progress
from dossier.build.result import BuildResult
from dossier.compute.context import Context, load
from dossier.core import cleanup
from dossier.core.errors import DossierError, Problem
from dossier.evidence.collect import collect
from dossier.load.inventory import Inventory
from dossier.publish.manifest import MANIFEST, scan_sources, write_manifest


def default_jobs() -> int:
    value = os.environ.get("DOSSIER_JOBS", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(2, os.cpu_count() or 1))


def build(folder: Path | str, out: Path | str, *, keep_going: bool = False, listener: Listener | None = None,
          cache_dir: Path | str | None = None, skip: set[str] = frozenset(), jobs: int | None = None,
          context: Context | None = None) -> BuildResult:
    """Build one project into `out`. Raises DossierError (nothing replaced) on invalid input, or — without
    keep_going — on any problem with an evidence file.

    `cache_dir` is the persistent cache (default `<out's parent>/.cache/<out's name>/`); `skip` names builders
    to leave out (e.g. {"drafts"}); `jobs` is how many processes bind volumes at once (default DOSSIER_JOBS,
    else up to 2 by the CPU count)."""
    started = time.monotonic()
    ctx = context or load(folder)
    loaded = time.monotonic() - started
    project = ctx.project
    build_dir = Path(os.path.abspath(out))
    bf.guard_target(build_dir, project)
    build_dir.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(cache_dir) if cache_dir else build_dir.parent / bf.CACHE / build_dir.name
    with bf.locked(bf.lock_path(build_dir)):
        bf.clean_stale(build_dir)
        tmp = bf.make_temp(build_dir)
        try:
            result = _run(ctx, tmp, cache, keep_going, Progress(listener), skip, jobs or default_jobs())
            t = time.monotonic()
            bf.swap(tmp, build_dir)
            result.timings["swap"] = time.monotonic() - t
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if _disk_full(exc):             # one line, not one per file that could not be written
                raise DossierError(Problem("磁盘空间不足，构建已停止（之前的输出保持不变）", file=str(build_dir.parent),
                                           hint="请清理磁盘空间后重新运行")) from None
            raise
    result.relocated(tmp, build_dir)
    result.timings["load"] = loaded
    result.timings["total"] = time.monotonic() - started
    return result


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(exc, DossierError) and any("磁盘空间不足" in p.message for p in exc.problems)


def _run(ctx: Context, tmp: Path, cache: Path, keep_going: bool, progress: Progress, skip: set[str],
         jobs: int) -> BuildResult:
    project, fw = ctx.project, ctx.framework
    result = BuildResult(project=project.name, unit=project.unit_name, build_dir=tmp)
    t = time.monotonic()
    start_workers_early(cache, jobs)
    inventory = Inventory(project.root, memo=cache / "digests.json")
    collection = collect(project, fw, inventory)
    sources = scan_sources(inventory)
    result.timings["collect"] = time.monotonic() - t
    if collection.problems and not keep_going:      # before anything is converted
        raise DossierError(collection.problems)
    state = State(ctx=ctx, inventory=inventory, collection=collection, sources=sources, tmp=tmp, cache=cache,
                  build_time=project.build_time(), result=result, progress=progress, keep_going=keep_going,
                  jobs=jobs)
    builders = [b for b in (cls() for cls in BUILDERS) if b.enabled(state, set(skip))]
    for i, builder in enumerate(builders):
        progress.emit(Event("构建", i, len(builders), note=builder.label))   # which output is being made
        t = time.monotonic()
        builder.run(state)
        cleanup.raise_if_stopping()                 # stopped during this stage: nothing is swapped in
        result.timings.setdefault(builder.name, time.monotonic() - t)
    progress.emit(Event("构建", len(builders), len(builders), finished=True))
    bf.normalize_modes(tmp)
    t = time.monotonic()
    result.manifest = write_manifest(tmp, project, fw, state.build_time, sources, state.known_outputs)
    inventory.save_memo()
    result.timings["manifest"] = time.monotonic() - t
    return result


__all__ = ["build", "default_jobs", "MANIFEST"]

"""Builders: one per kind of output, run in order by the pipeline over the same `State` (the loaded and computed
project, its inventory and evidence, the temporary build folder, the cache).

A builder has a name (its timing and its cache folder), the stage label users see, and `run(state)`. The
registry order is the build order: drafts (.docx and Markdown), 评估表.xlsx, the evidence volumes (which bind
the drafts the framework names as evidence, so they come after the drafts), the set files, then the offline site
(网页/, which links to all of them). Adding an
output is one `Builder` subclass registered with `register`.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from dossier.build import cache
from dossier.build.folder import DRAFTS, TABLE
from dossier.build.progress import Progress
from dossier.build.result import BuildResult
from dossier.compute.context import Context
from dossier.evidence.model import Collection
from dossier.load.inventory import Inventory


@dataclass
class State:
    ctx: Context
    inventory: Inventory
    collection: Collection
    sources: list[dict]                 # every source file with size and SHA-256 (the manifest's list)
    tmp: Path                           # the temporary build folder
    cache: Path                         # this project's persistent cache
    build_time: dt.datetime
    result: BuildResult
    progress: Progress
    keep_going: bool = False
    jobs: int = 1
    known_outputs: dict[str, tuple[int, str]] = field(default_factory=dict)   # rel → (size, sha256), already hashed

    def inputs_key(self) -> list[dict]:
        """The sources every output but the volumes depends on: the content folder without evidence/."""
        return [s for s in self.sources if not s["path"].startswith("evidence/")]


class Builder:
    name: ClassVar[str]
    label: ClassVar[str]

    def enabled(self, state: State, skip: set[str]) -> bool:
        return self.name not in skip

    def run(self, state: State) -> None:
        raise NotImplementedError


BUILDERS: list[type[Builder]] = []

# what the one forkserver of a build process preloads, for every stage that forks workers from it (drafts,
# binding): the server is started once, by the first stage that needs it, with all of them
FORKSERVER_PRELOAD = ("dossier.build.bindserver", "dossier.drafts.poolserver")


def worker_context(jobs: int):
    """The multiprocessing context every stage's workers start from (the forkserver, preloaded with
    FORKSERVER_PRELOAD), or None when the work stays in this process (one job, or no forkserver here)."""
    from dossier.drafts.pool import mp_context
    return mp_context(FORKSERVER_PRELOAD) if jobs > 1 else None


def start_workers_early(cache: Path, jobs: int) -> None:
    """On a cold build (nothing cached for the drafts or the volumes yet), start the worker server now: its
    imports and fonts (matplotlib, pikepdf, reportlab, two seconds) then overlap reading the content folder
    instead of holding up the first stage that forks."""
    if (cache / "drafts").is_dir() and (cache / "volumes").is_dir():
        return
    if worker_context(jobs) is not None:
        from multiprocessing import forkserver
        forkserver.ensure_running()


def register(cls: type[Builder], before: str | None = None) -> type[Builder]:
    """Add a builder at the end of the order, or before the builder named `before`."""
    names = [b.name for b in BUILDERS]
    BUILDERS.insert(names.index(before) if before in names else len(BUILDERS), cls)
    return cls


def unregister(name: str) -> None:
    BUILDERS[:] = [b for b in BUILDERS if b.name != name]


def _rel(path: Path | None, root: Path) -> str | None:
    return None if path is None else Path(path).relative_to(root).as_posix()


class CachedBuilder(Builder):
    """A builder whose outputs depend only on the project's non-evidence sources and its own code: reused from
    the cache when neither changed."""
    modules: ClassVar[tuple[str, ...]]          # where its code starts (the digest follows their imports)
    data: ClassVar[tuple[str, ...]] = ()        # data folders its output depends on (templates, frameworks)

    def key(self, state: State) -> str:
        code = cache.code_digest(*self.modules, data=self.data, memo=state.cache / cache.CODE_MEMO)
        return cache.digest({"format": cache.CACHE_FORMAT, "code": code,
                             "sources": state.inputs_key(), "build_time": state.build_time.isoformat(),
                             "env": os.environ.get("SOURCE_DATE_EPOCH", "")})

    def run(self, state: State) -> None:
        folder = state.cache / self.name
        key = self.key(state)
        meta = cache.reuse(folder / key, state.tmp)
        if meta is not None:
            self.record(state, [state.tmp / rel for rel in meta["outputs"]], reused=True)
            return
        outputs = self.make(state)
        written = sorted({p for p in outputs if p.is_file()} | set(self.extra_files(state)))
        cache.prune(folder, keep=set())           # one entry is enough: these outputs are cheap to redo
        cache.store(folder, key, state.tmp, written,
                    {"outputs": [p.relative_to(state.tmp).as_posix() for p in outputs]})
        self.record(state, outputs, reused=False)

    def make(self, state: State) -> list[Path]:
        raise NotImplementedError

    def extra_files(self, state: State) -> list[Path]:
        """Files written beside the outputs that belong to them (chart images)."""
        return []

    def record(self, state: State, outputs: list[Path], reused: bool) -> None:
        raise NotImplementedError


@register
class DraftsBuilder(CachedBuilder):
    name, label = "drafts", "文稿"
    modules = ("dossier.drafts.render",)
    data = ("templates", "dossier/config/frameworks")

    def make(self, state: State) -> list[Path]:
        from dossier.drafts.render import render_all
        context = worker_context(state.jobs)
        return sorted(Path(p) for p in render_all(state.ctx, state.tmp / DRAFTS, formats=("docx", "md"),
                                                  chart_cache=state.cache / "charts", jobs=state.jobs,
                                                  context=context))

    def extra_files(self, state: State) -> list[Path]:
        folder = state.tmp / DRAFTS
        return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []

    def record(self, state: State, outputs: list[Path], reused: bool) -> None:
        state.result.drafts = outputs
        state.result.drafts_reused = reused


@register
class TableBuilder(CachedBuilder):
    name, label = "table", "评估表"
    modules = ("dossier.drafts.sheet",)
    data = ("dossier/config/frameworks",)

    def make(self, state: State) -> list[Path]:
        from dossier.drafts.sheet import export_table
        return [export_table(state.ctx, state.tmp / TABLE)]

    def record(self, state: State, outputs: list[Path], reused: bool) -> None:
        state.result.table = outputs[0] if outputs else None


class VolumesBuilder(Builder):
    """The evidence volumes: registered by `dossier.build.volumes`, where the work is."""
    name, label = "volumes", "佐证材料"


@register
class SetsBuilder(CachedBuilder):
    """总目录.pdf, 脊背.pdf, 覆盖情况.md: made from the volumes and the evidence, so their key adds the volumes (as
    the volume cache records them), every source (evidence included) and the problems to the usual key."""
    name, label = "publish", "总目录"
    modules = ("dossier.publish.sets",)
    data = ("dossier/config/frameworks",)

    def key(self, state: State) -> str:
        from dossier.build.volumes import volume_record
        return cache.digest({"base": super().key(state), "sources": state.sources,
                             "volumes": [volume_record(v, state) for v in state.result.volumes],
                             "problems": [str(p) for p in state.collection.problems],
                             "keep_going": state.keep_going})

    def make(self, state: State) -> list[Path]:
        from dossier.publish.sets import publish
        ctx = state.ctx
        return publish(ctx.project, ctx.framework, state.tmp, state.result.volumes, state.collection,
                       state.build_time)

    def record(self, state: State, outputs: list[Path], reused: bool) -> None:
        state.result.set_files = outputs


@register
class SiteBuilder(CachedBuilder):
    """网页/: the offline site, written from everything the builders before it produced (so it runs last, before
    the manifest, which lists the site's files like any other output). Its key adds what it is made from: every
    source, the volumes, and every output already written (its checksums page lists them)."""
    name, label = "site", "网页"
    modules = ("dossier.publish.site",)
    data = ("dossier/config/frameworks",)

    def key(self, state: State) -> str:
        from dossier.build.volumes import volume_record
        from dossier.publish.manifest import scan_outputs
        r = state.result
        outputs = scan_outputs(state.tmp, state.known_outputs)     # what its checksums page lists
        state.known_outputs.update((e["path"], (e["size"], e["sha256"])) for e in outputs)   # hashed once
        return cache.digest({"base": super().key(state), "sources": state.sources,
                             "volumes": [volume_record(v, state) for v in r.volumes], "outputs": outputs,
                             "named": [_rel(p, state.tmp) for p in [*r.drafts, r.table, *r.set_files]],
                             "problems": [str(p) for p in state.collection.problems], "keep_going": state.keep_going})

    def make(self, state: State) -> list[Path]:
        from dossier.publish.site import write_site
        step = state.progress.stage(self.label, 1)
        r = state.result
        try:
            site = write_site(state.ctx, state.tmp, volumes=r.volumes, collection=state.collection, drafts=r.drafts,
                              table=r.table, set_files=r.set_files, sources=state.sources,
                              build_time=state.build_time, known=state.known_outputs)
            step(1)
        finally:
            step.close()
        return site

    def record(self, state: State, outputs: list[Path], reused: bool) -> None:
        state.result.site = outputs

"""Rendering many drafts of one project at once: the charts they share drawn once (a `ChartBook`), and with
several jobs the charts and then the drafts made in worker processes. Workers are started from multiprocessing's
forkserver (never forked from the caller, which may be a threaded web server); the server preloads
`dossier.drafts.poolserver`, so a worker starts with matplotlib and the templates' libraries imported. What is
written does not depend on the number of jobs: every draft and chart is the same function of the same data.
"""
from __future__ import annotations

import multiprocessing
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dossier.drafts.charts import ChartBook

PRELOAD = ("dossier.drafts.poolserver",)

_job: dict = {}          # a worker's share of the job: set once per worker by `_start`


def mp_context(preload: tuple[str, ...] = PRELOAD):
    """The forkserver context workers start from (None where there is none: then drafts render here)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context


def _start(ctx, base: dict, chart_folder: str) -> None:
    _job.update(ctx=ctx, base=base, book=ChartBook(Path(chart_folder)))


def _render_in_worker(kind, fmt: str, dest: str) -> str:
    from dossier.drafts.render import render
    return str(render(_job["ctx"], kind, fmt, Path(dest), base=_job["base"], book=_job["book"]))


def _in_pool(pool, book: ChartBook, specs: list, items: list) -> list[Path]:
    """The shared charts first (each once, the largest first), the drafts without charts queued right behind
    them so no worker waits for the last chart, then the drafts that show the charts."""
    from dossier.drafts.charts import draw_spec
    charts = [(key, pool.submit(draw_spec, spec)) for key, spec in book.misses(specs).items()]
    submit = lambda i: pool.submit(_render_in_worker, items[i][0], items[i][1], str(items[i][2]))  # noqa: E731
    futures = {i: submit(i) for i, (kind, _, _) in enumerate(items) if not kind.charts}
    for key, fut in charts:
        book.add(key, fut.result())
    futures |= {i: submit(i) for i, (kind, _, _) in enumerate(items) if kind.charts}
    return [Path(futures[i].result()) for i in range(len(items))]


def render_many(ctx, items: list, base: dict | None = None, chart_cache: Path | None = None, jobs: int = 1,
                context=None) -> list[Path]:
    """Render `items` — (kind, fmt, destination) — in that order; returns the paths written. `chart_cache` is
    a folder that keeps the charts between calls (the build cache's charts/, pruned to this call's charts);
    `context` the multiprocessing context for `jobs` > 1 (default: `mp_context()`)."""
    from dossier.drafts.render import build_context, chart_specs, render
    base = base if base is not None else build_context(ctx)
    specs = chart_specs(ctx, base) if any(kind.charts for kind, _, _ in items) else []
    context = context if context is not None or jobs <= 1 else mp_context()
    parallel = jobs > 1 and len(items) > 1 and context is not None
    with tempfile.TemporaryDirectory(prefix="dossier-charts-") as tmp:
        book = ChartBook(chart_cache if chart_cache is not None else (Path(tmp) if parallel else None))
        if parallel:
            with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context, initializer=_start,
                                     initargs=(ctx, base, str(book.folder))) as pool:
                written = _in_pool(pool, book, specs, items)
        else:
            book.prefetch(specs)
            written = [render(ctx, kind, fmt, dest, base=base, book=book) for kind, fmt, dest in items]
        if chart_cache is not None:
            book.prune()
    return written

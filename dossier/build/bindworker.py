"""The worker side of parallel binding. Binding workers are forked from multiprocessing's forkserver, which
preloads this module: importing it loads what binding uses (pikepdf, reportlab) and registers the CJK fonts, so
every worker forked from the server starts ready instead of paying for that once per build."""
from __future__ import annotations

from dossier.core.fonts import register
from dossier.evidence import front, stamp
from dossier.evidence.volume import Volume, bind_leaf

register()
front.warm_up()
stamp.warm_up()


_job: dict = {}        # a worker process's build: set once per worker by `start`, read by `bind_in_worker`


def start(project, framework, packets, build_time) -> None:
    """The pool's initializer: what every task of this build shares, sent to each worker once."""
    _job.update(project=project, framework=framework, packets=packets, build_time=build_time)


def bind_in_worker(code: str, docs: list, converted: dict, problems: list) -> list[Volume]:
    j = _job
    return bind_task(j["project"], j["framework"], code, docs, converted, j["packets"], problems, j["build_time"])


def bind_task(project, framework, code: str, docs: list, converted: dict, packets, problems: list,
              build_time) -> list[Volume]:
    """Bind one leaf (in a worker process, or in the caller's)."""
    return bind_leaf(project, framework, framework.leaf(code), docs, converted, packets, problems=problems,
                     build_time=build_time)

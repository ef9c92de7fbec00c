"""The worker side of parallel binding. Binding workers are forked from multiprocessing's forkserver, which
preloads `dossier.build.bindserver`: what binding uses (pikepdf, reportlab) is imported and the CJK fonts are
registered once in the server, so every worker forked from it starts ready."""
from __future__ import annotations

from dossier.evidence.volume import Volume, bind_leaf


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

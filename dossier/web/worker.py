"""Builds in the background: one thread per running build, at most one build per project at a time. A build runs
on a snapshot of the project's inputs (hard links, taken when it starts, with a fingerprint of the folder), so
uploads during the build do not change what it binds; a change after the snapshot marks its result out of date.
Progress events from `dossier.api.build`'s listener are written to the BuildRun row (at most a few times a
second), from where the build page's event stream pushes them to the browser.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from dossier import api
from dossier.core.errors import DossierError
from dossier.web import projects
from dossier.web.models import BuildRun
from dossier.web.storage import copy_inputs

_guard = threading.Lock()
_running: dict[str, threading.Thread] = {}


class Busy(Exception):
    """A build of the project is already running."""


def running(name: str) -> bool:
    thread = _running.get(name)
    return thread is not None and thread.is_alive()


def recover() -> None:
    """Runs left 'running' by a server that stopped are over: mark them failed."""
    BuildRun.objects.filter(status__in=[BuildRun.QUEUED, BuildRun.RUNNING]).update(
        status=BuildRun.FAILED, message="服务器在构建过程中停止，本次构建未完成", finished=timezone.now())


def start(served: projects.Served, user) -> BuildRun:
    """Snapshot the inputs and start the build in a thread; Busy if the project is being built."""
    with _guard:
        if running(served.name):
            raise Busy(served.name)
        fp = projects.fingerprint(served.folder)
        run = BuildRun.objects.create(project=served.name, user=user, status=BuildRun.RUNNING, fingerprint=fp,
                                      stage="读取与计算")
        base = Path(settings.DOSSIER_DATA) / "snapshots"
        base.mkdir(parents=True, exist_ok=True)
        holder = Path(tempfile.mkdtemp(prefix=f"{run.pk}-", dir=base))
        try:
            snapshot = copy_inputs(served.folder, holder)
        except OSError as exc:
            shutil.rmtree(holder, ignore_errors=True)
            run.status, run.message, run.finished = BuildRun.FAILED, f"无法复制项目文件：{exc}", timezone.now()
            run.save()
            return run
        thread = threading.Thread(target=_run, args=(run.pk, snapshot, holder, served.build_dir),
                                  name=f"build-{served.name}", daemon=True)
        _running[served.name] = thread
        thread.start()
        return run


class _Listener:
    """Writes the latest progress event to the run's row, at most every 0.3 s (and always at a stage's end)."""

    def __init__(self, run_id: int):
        self.run_id, self.last = run_id, 0.0

    def __call__(self, event) -> None:
        now = time.monotonic()
        if not event.finished and now - self.last < 0.3 and event.done < event.total:
            return
        self.last = now
        BuildRun.objects.filter(pk=self.run_id).update(stage=event.stage, done=event.done, total=event.total,
                                                       note=(event.note or "")[:300])


def _run(run_id: int, snapshot: Path, holder: Path, out: Path) -> None:
    close_old_connections()
    status, message = BuildRun.FAILED, ""
    try:
        result = api.build(snapshot, out, listener=_Listener(run_id), keep_going=True)
        status = BuildRun.DONE
        message = "\n".join(result.summary(lambda p: os.path.relpath(p, out.parent)))
    except DossierError as exc:
        message = "构建未完成，请先修改以下问题：\n" + "\n".join(f"{i}. {p}" for i, p in enumerate(exc.problems, 1))
    except Exception as exc:  # noqa: BLE001 - shown on the build page; the server goes on
        message = f"dossier 内部错误：{type(exc).__name__}: {exc}"
    finally:
        shutil.rmtree(holder, ignore_errors=True)
        BuildRun.objects.filter(pk=run_id).update(status=status, message=message, finished=timezone.now(),
                                                  stage="完成" if status == BuildRun.DONE else "失败")
        connection.close()


def latest(name: str) -> BuildRun | None:
    return BuildRun.objects.filter(project=name).first()


def out_of_date(run: BuildRun | None, served: projects.Served) -> bool:
    """Whether the project changed after the snapshot of its last finished build."""
    if run is None or run.status != BuildRun.DONE:
        return False
    return run.fingerprint != projects.fingerprint(served.folder)

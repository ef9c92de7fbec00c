"""构建: start a build (in the background worker), its progress pushed to the page as server-sent events, the
volumes and the whole set (a zip) for download, `verify` against the manifest; and the built files themselves
(the offline site of part 1 among them, which is what a 查阅 account reads)."""
from __future__ import annotations

import json
import mimetypes
import os
import tempfile
import time
import zipfile
from pathlib import Path

from django.contrib import messages
from django.db import close_old_connections
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dossier import api
from dossier.build.folder import PACKETS, SITE
from dossier.core.errors import DossierError
from dossier.web import worker
from dossier.web.access import route
from dossier.web.models import AuditEntry, BuildRun

STREAM_SECONDS = 1800


def _outputs(build_dir: Path) -> dict:
    if not (build_dir / "manifest.json").is_file():
        return {"built": False, "volumes": [], "files": []}
    vols = sorted(p.name for p in (build_dir / PACKETS).glob("*.pdf")) if (build_dir / PACKETS).is_dir() else []
    files = sorted(p.relative_to(build_dir).as_posix() for p in build_dir.iterdir() if p.is_file())
    return {"built": True, "volumes": vols, "files": files}


def _run_json(run: BuildRun | None) -> dict:
    if run is None:
        return {}
    return {"id": run.pk, "status": run.status, "label": run.get_status_display(), "stage": run.stage,
            "done": run.done, "total": run.total, "note": run.note, "message": run.message,
            "finished": run.status in (BuildRun.DONE, BuildRun.FAILED)}


@route("build")
def build(request, served):
    run = worker.latest(served.name)
    return render(request, "web/build.html", {
        "run": run, "run_data": _run_json(run), "out": _outputs(served.build_dir),
        "stale": worker.out_of_date(run, served), "busy": worker.running(served.name),
        "history": BuildRun.objects.filter(project=served.name)[:10]})


@route("build_start")
@require_POST
def build_start(request, served):
    try:
        run = worker.start(served, request.user)
    except worker.Busy:
        messages.error(request, "该项目正在构建，请等它完成后再开始新的构建")
        return redirect("build", project=served.name)
    AuditEntry.objects.create(user=request.user, username=request.user.username, project=served.name,
                              action="构建", path=f"#{run.pk}", detail=f"输入指纹 {run.fingerprint[:16]}")
    return redirect("build", project=served.name)


@route("build_events")
def build_events(request, served):
    """Server-sent events: the latest run's progress whenever it changes, until it is finished."""
    def stream():
        last, started, beat = None, time.monotonic(), time.monotonic()
        yield "retry: 2000\n\n"
        try:
            while time.monotonic() - started < STREAM_SECONDS:
                close_old_connections()
                data = _run_json(worker.latest(served.name))
                if data != last:
                    last = data
                    yield f"data: {json.dumps(data, ensure_ascii=False)}\n\n"
                    beat = time.monotonic()
                    if not data or data.get("finished"):
                        yield "event: end\ndata: {}\n\n"
                        return
                elif time.monotonic() - beat > 10:
                    yield ": 心跳\n\n"
                    beat = time.monotonic()
                time.sleep(0.4)
        finally:
            close_old_connections()

    response = StreamingHttpResponse(stream(), content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@route("build_verify")
@require_POST
def build_verify(request, served):
    try:
        result = api.verify(served.build_dir)
    except DossierError as exc:
        messages.error(request, "；".join(str(p) for p in exc.problems))
        return redirect("build", project=served.name)
    if result.ok:
        messages.success(request, f"核验通过：{len(result.manifest.get('outputs', []))} 个文件与 manifest.json 完全一致"
                                  f"（构建时间 {result.manifest.get('build_time', '')}）")
    else:
        messages.error(request, f"核验未通过，有 {len(result.problems)} 处与清单不符：" +
                       "；".join(str(p) for p in result.problems[:10]))
    AuditEntry.objects.create(user=request.user, username=request.user.username, project=served.name,
                              action="核验", detail="通过" if result.ok else f"{len(result.problems)} 处不符")
    return redirect("build", project=served.name)


@route("build_zip")
def build_zip(request, served):
    root = served.build_dir
    if not (root / "manifest.json").is_file():
        raise Http404("尚未构建")
    handle = tempfile.TemporaryFile()
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as z:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            z.write(path, f"{served.name}/{path.relative_to(root).as_posix()}")
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{served.name}迎检材料.zip")


def _inside(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        raise Http404("没有这个文件")
    return path


@route("output")
def output(request, served, rel):
    path = _inside(served.build_dir, rel)
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        kind = "text/javascript"
    inline = path.suffix.lower() in (".html", ".css", ".js", ".pdf", ".png", ".svg")
    response = FileResponse(open(path, "rb"), content_type=kind, as_attachment=not inline, filename=path.name)
    response["Content-Length"] = str(os.path.getsize(path))
    return response


@route("site")
def site(request, served):
    if not (served.build_dir / SITE / "index.html").is_file():
        return render(request, "web/no_site.html", status=404)
    return redirect("output", project=served.name, rel=f"{SITE}/index.html")

"""数据: upload a new school table — validated on a copy of the project, every error shown at its row and column
(in the grid of the uploaded table), nothing replaced until it is valid; the previous table kept in .已撤回/ —
and download 评估表.xlsx."""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dossier import api
from dossier.core.errors import DossierError
from dossier.core.files import decode_text
from dossier.web import projects, storage
from dossier.web.access import route
from dossier.web.forms import TableForm
from dossier.web.models import AuditEntry
from dossier.web.views_pages import loaded_or_error

TABLE_STEM = "学校基础数据"
MAX_GRID_ROWS = 200


def current_table(folder: Path) -> Path | None:
    for suffix in (".xlsx", ".csv"):
        if (folder / f"{TABLE_STEM}{suffix}").is_file():
            return folder / f"{TABLE_STEM}{suffix}"
    return None


def read_grid(path: Path) -> list[list[str]]:
    """The uploaded table as text cells (first sheet), for showing errors in place; [] if unreadable."""
    try:
        if path.suffix == ".xlsx":
            import openpyxl
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = [["" if c is None else str(c) for c in r] for r in wb.worksheets[0].iter_rows(values_only=True)]
            wb.close()
        else:
            text = decode_text(path.read_bytes()) or ""
            rows = [list(r) for r in csv.reader(io.StringIO(text))]
    except Exception:  # noqa: BLE001 - an unreadable table is reported by the check itself
        return []
    return rows[:MAX_GRID_ROWS]


def grid_with_problems(rows: list[list[str]], problems: list) -> dict:
    """{header, rows: [{n, cells: [{text, problems}]}]} with each problem put at its (row, column) cell."""
    if not rows:
        return {"header": [], "rows": []}
    header = rows[0]
    at: dict[tuple[int, int], list[str]] = {}
    for p in problems:
        if p.row is not None:
            col = header.index(p.column) if p.column in header else -1
            at.setdefault((p.row, col), []).append(p.message + (f"（{p.hint}）" if p.hint else ""))
    out = []
    for n, row in enumerate(rows[1:], start=2):
        cells = [{"text": t, "problems": at.get((n, j), [])} for j, t in enumerate(row + [""] * (len(header) - len(row)))]
        out.append({"n": n, "cells": cells, "row_problems": at.get((n, -1), [])})
    return {"header": header, "rows": out}


def _validate(served, upload_path: Path, suffix: str) -> list:
    """Problems of the project with the uploaded table in place of its own (checked on a copy); [] if valid."""
    with tempfile.TemporaryDirectory(prefix="dossier-table-", dir=settings.DOSSIER_DATA) as tmp:
        copy = storage.copy_inputs(served.folder, Path(tmp), skip_evidence=True)
        for old in (copy / f"{TABLE_STEM}.xlsx", copy / f"{TABLE_STEM}.csv"):
            if old.exists():
                old.unlink()
        shutil.copyfile(upload_path, copy / f"{TABLE_STEM}{suffix}")
        try:
            api.check(copy)
        except DossierError as exc:
            return exc.problems
    return []


@route("data")
def data(request, served):
    table = current_table(served.folder)
    ctx = {"form": TableForm(), "table": table.name if table else "", "problems": [], "grid": None}
    if request.method == "POST":
        form = TableForm(request.POST, request.FILES)
        ctx["form"] = form
        if form.is_valid():
            suffix = Path(form.cleaned_data["file"].name).suffix.lower()
            tmp, digest, size = storage.receive(form.cleaned_data["file"].chunks(), served.folder,
                                                settings.DOSSIER_UPLOAD_LIMIT)
            try:
                problems = _validate(served, tmp, suffix)
                if problems:
                    ctx.update(problems=problems, grid=grid_with_problems(_grid(tmp, suffix), problems))
                    return render(request, "web/data.html", ctx, status=400)
                _install(request, served, tmp, suffix, digest, size)
            finally:
                if tmp.exists():
                    tmp.unlink()
            messages.success(request, "学校基础数据表已校验通过并替换，指标已按新数据重新计算")
            return redirect("data", project=served.name)
    return render(request, "web/data.html", ctx)


def _grid(tmp: Path, suffix: str) -> list[list[str]]:
    view = tmp.with_name(tmp.name + suffix)
    os.link(tmp, view)
    try:
        return read_grid(view)
    finally:
        view.unlink()


def _install(request, served, tmp: Path, suffix: str, digest: str, size: int) -> None:
    """The valid table into place: the previous one kept (hard-linked) in .已撤回/, the new one renamed over it."""
    target = served.folder / f"{TABLE_STEM}{suffix}"
    now = timezone.localtime()
    with storage.folder_lock(served.folder):
        old = current_table(served.folder)
        kept = ""
        if old is not None:
            aside = served.folder / projects.WITHDRAWN / f"{now:%Y%m%d-%H%M%S}_{old.name}"
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.link(old, aside)
            kept = aside.relative_to(served.folder).as_posix()
        os.replace(tmp, target)
        if old is not None and old != target:
            old.unlink()            # its content is in .已撤回/ (the link made above)
    AuditEntry.objects.create(user=request.user, username=request.user.username, project=served.name,
                              action="学校基础数据表", path=target.name, sha256=digest,
                              detail=f"{size} 字节" + (f"；原表保留在 {kept}" if kept else ""))


@route("table_download")
def table_download(request, served):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    tmp = tempfile.TemporaryDirectory(prefix="dossier-sheet-")
    path = api.export_table(served.folder, Path(tmp.name) / "评估表.xlsx", context=loaded.check.context)
    handle = tempfile.TemporaryFile()
    handle.write(path.read_bytes())
    handle.seek(0)
    tmp.cleanup()
    return FileResponse(handle, as_attachment=True, filename=f"{served.name}评估表.xlsx")


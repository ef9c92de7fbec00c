"""佐证材料: per indicator, the expected items against the files there (with their 目录 metadata), and the
upload, replacement and withdrawal of files; a 责任单位 only for the indicators it answers for. Every change is
written through `storage` and recorded in the audit log with its SHA-256."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dossier.core.errors import DossierError
from dossier.core.zh import ymd_cn
from dossier.evidence.model import EVIDENCE_DIR
from dossier.evidence.names import pad_code
from dossier.web import storage
from dossier.web.access import may_code, own_codes, route
from dossier.web.forms import EvidenceForm
from dossier.web.models import AuditEntry
from dossier.web.views_pages import coverage_rows, loaded_or_error


def _audit(request, action: str, path: str, sha: str, detail: str = "") -> None:
    AuditEntry.objects.create(user=request.user, username=request.user.username, project=request.served.name,
                              action=action, path=path, sha256=sha, detail=detail)


def _leaf(loaded, code: str):
    leaf = loaded.check.context.framework.leaf(code)
    if leaf is None or not leaf.is_leaf:
        raise Http404("没有这项指标")
    return leaf


def leaf_folder(served, loaded, leaf):
    """The indicator's evidence folder: the one that exists, else evidence/<code> <title>/ (made on upload)."""
    folder = (loaded.check.collection.folders or {}).get(leaf.code) if loaded.check.collection else None
    return folder or served.folder / EVIDENCE_DIR / f"{leaf.code} {leaf.title}"


def _rows(docs: list) -> list[dict]:
    return [{"rel": d.rel, "title": d.title, "doc_no": d.doc_no, "author": d.author,
             "date": ymd_cn(d.date) if d.date else "", "size": d.size} for d in docs]


def _docs(loaded, code: str) -> list:
    return list(loaded.check.collection.by_leaf.get(code, [])) if loaded.check.collection else []


def _doc(loaded, code: str, rel: str):
    found = next((d for d in _docs(loaded, code) if d.rel == rel), None)
    if found is None:
        raise Http404("没有这个文件")
    return found


@route("evidence")
def evidence(request, served):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    return render(request, "web/evidence.html", {"rows": coverage_rows(loaded.check, own_codes(request)),
                                                 "problems": loaded.check.evidence_problems})


@route("evidence_leaf")
def evidence_leaf(request, served, code):
    may_code(request, code)
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    return _leaf_page(request, served, loaded, code, EvidenceForm())


def _leaf_page(request, served, loaded, code, form, status=200):
    leaf = _leaf(loaded, code)
    cov = next((r for r in loaded.check.coverage if r.code == code), None)
    rows = coverage_rows(loaded.check, {code})
    problems = loaded.check.collection.problems_for(code) if loaded.check.collection else []
    return render(request, "web/evidence_leaf.html", {
        "leaf": leaf, "cov": cov, "bar": rows[0]["bar"] if rows else "", "docs": _rows(_docs(loaded, code)),
        "form": form, "problems": problems, "limit_mb": settings.DOSSIER_UPLOAD_LIMIT // (1024 * 1024),
        "result": loaded.check.context.evaluation.indicator(code), "padded": pad_code(code)}, status=status)


@route("evidence_upload")
@require_POST
def evidence_upload(request, served, code):
    may_code(request, code)
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    leaf = _leaf(loaded, code)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _leaf_page(request, served, loaded, code, form, status=400)
    try:
        written, _ = storage.add_evidence(leaf_folder(served, loaded, leaf), served.folder,
                                          form.cleaned_data["file"], form.index_values(), settings.DOSSIER_UPLOAD_LIMIT)
    except DossierError as exc:
        for p in exc.problems:
            form.add_error("file", str(p))
        return _leaf_page(request, served, loaded, code, form, status=400)
    _audit(request, "上传", written.rel, written.sha256, f"{written.size} 字节；题名：{form.cleaned_data.get('title') or '（取自文件名）'}")
    messages.success(request, f"已上传 {written.rel}")
    return redirect("evidence_leaf", project=served.name, code=code)


@route("evidence_withdraw")
@require_POST
def evidence_withdraw(request, served, code):
    may_code(request, code)
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    leaf = _leaf(loaded, code)
    doc = _doc(loaded, code, request.POST.get("f", ""))
    try:
        moved = storage.withdraw(doc.path, served.folder, timezone.localtime(), leaf_folder(served, loaded, leaf))
    except DossierError as exc:
        messages.error(request, "；".join(str(p) for p in exc.problems))
        return redirect("evidence_leaf", project=served.name, code=code)
    _audit(request, "撤回", doc.rel, moved.sha256, f"移至 {moved.rel}")
    messages.success(request, f"已撤回 {doc.rel}（文件已移至 {moved.rel}，未删除）")
    return redirect("evidence_leaf", project=served.name, code=code)


@route("evidence_replace")
@require_POST
def evidence_replace(request, served, code):
    """A new version of a file: the old one withdrawn, the new one uploaded with the metadata given."""
    may_code(request, code)
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    _leaf(loaded, code)
    doc = _doc(loaded, code, request.POST.get("f", ""))
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _leaf_page(request, served, loaded, code, form, status=400)
    try:
        written, moved = storage.add_evidence(doc.path.parent, served.folder, form.cleaned_data["file"],
                                              form.index_values(), settings.DOSSIER_UPLOAD_LIMIT, replacing=doc.path,
                                              now=timezone.localtime())
    except DossierError as exc:
        for p in exc.problems:
            form.add_error("file", str(p))
        return _leaf_page(request, served, loaded, code, form, status=400)
    _audit(request, "替换（撤回旧文件）", doc.rel, moved.sha256, f"移至 {moved.rel}")
    _audit(request, "替换（上传新文件）", written.rel, written.sha256, f"{written.size} 字节")
    messages.success(request, f"已用 {written.rel} 替换 {doc.rel}")
    return redirect("evidence_leaf", project=served.name, code=code)


@route("evidence_file")
def evidence_file(request, served, code):
    may_code(request, code)
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    doc = _doc(loaded, code, request.GET.get("f", ""))
    return FileResponse(open(doc.path, "rb"), as_attachment=True, filename=doc.name)

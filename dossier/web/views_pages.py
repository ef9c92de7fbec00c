"""The read pages of a project: 总览 (results by area, coverage per indicator and per unit, the last build),
学校 (the matrix and one page per school), 问题清单, 文稿 (draft any kind, download .docx/.md), 操作记录, and the
管理员's 分工 (which unit answers for which indicator)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dossier import api
from dossier.publish.site import pages as site_pages
from dossier.publish.site import svg
from dossier.web import projects, worker
from dossier.web.access import ROUTES, may_school, own_codes, role_of, route
from dossier.web.models import ROLE_LABELS, Assignment, AuditEntry


@login_required
def home(request):
    rows = []
    for name, served in projects.served().items():
        role, unit = role_of(request.user, name)
        if role:
            first = "overview" if role in ROUTES["overview"] else "site"
            rows.append({"name": name, "role": ROLE_LABELS[role], "unit": unit, "url": f"/p/{name}/"
                         if first == "overview" else f"/p/{name}/site/"})
    return render(request, "web/home.html", {"projects": rows})


def loaded_or_error(request, served, template="web/error_data.html"):
    loaded = projects.load(served)
    if loaded.check is None:
        return loaded, render(request, template, {"problems": loaded.error.problems}, status=200)
    return loaded, None


def coverage_rows(check, codes: set[str] | None) -> list[dict]:
    out = []
    for r in check.coverage:
        if codes is not None and r.code not in codes:
            continue
        total = len(r.items)
        out.append({"code": r.code, "title": r.title, "documents": r.documents, "found": r.found, "total": total,
                    "status": r.status, "bar": svg.progress_bar(r.found, total, f"{r.found}/{total}")
                    if total else svg.progress_bar(1 if r.documents else 0, 1, f"{r.documents} 件")})
    return out


def unit_rows(check, assignments: dict[str, list[str]], only: str | None) -> list[dict]:
    by_code = {r.code: r for r in check.coverage}
    out = []
    for unit, codes in sorted(assignments.items()):
        if only is not None and unit != only:
            continue
        rows = [by_code[c] for c in codes if c in by_code]
        found = sum(r.found for r in rows)
        total = sum(len(r.items) for r in rows)
        out.append({"unit": unit, "codes": "、".join(codes[:12]) + ("等" if len(codes) > 12 else ""),
                    "n": len(codes), "bar": svg.progress_bar(found, total, f"{found}/{total}")})
    return out


@route("overview")
def overview(request, served):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    check = loaded.check
    codes = own_codes(request)
    ev = check.context.evaluation
    indicators = [i for i in ev.indicators if codes is None or i.code in codes]
    areas: dict[str, dict] = {}
    for i in indicators:
        a = areas.setdefault(i.area_code, {"title": f"{i.area_code} {i.area_title}", "rows": [], "counts": {}})
        a["rows"].append({"i": i, "css": site_pages.STATUS_CLASS.get(i.status, ""), "score": site_pages.score_of(i)})
        a["counts"][i.status] = a["counts"].get(i.status, 0) + 1
    run = worker.latest(served.name)
    return render(request, "web/overview.html", {
        "ev": ev, "areas": list(areas.values()), "score": site_pages.score_of(ev),
        "coverage": coverage_rows(check, codes),
        "units": unit_rows(check, projects.assignments(served.name), request.unit if codes is not None else None),
        "run": run, "stale": worker.out_of_date(run, served), "problems": check.evidence_problems})


@route("schools")
def schools(request, served):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    ev = loaded.check.context.evaluation
    return render(request, "web/schools.html", {"matrix": site_pages.matrix(ev), "ev": ev})


@route("school")
def school(request, served, code):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    ev = loaded.check.context.evaluation
    rows = [s for s in ev.schools if s.code == code]
    if not rows:
        raise Http404("没有这所学校")
    may_school(request, rows[0])
    stages = [{"s": s, "values": [{"code": c, "v": v, "title": getattr(ev.indicator(c), "title", c)}
                                  for c, v in s.indicators.items()]} for s in rows]
    return render(request, "web/school.html", {"school": rows[0], "stages": stages,
                                               "gaps": [g for g in ev.gaps if g.school_code == code]})


@route("gaps")
def gaps(request, served):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    codes = own_codes(request)
    ev = loaded.check.context.evaluation
    rows = [g for g in ev.gaps if codes is None or g.code in codes]
    return render(request, "web/gaps.html", {"gaps": rows})


@route("drafts")
def drafts(request, served):
    return render(request, "web/drafts.html", {"kinds": api.draft_kinds()})


@route("draft_download")
def draft_download(request, served, kind, fmt):
    if fmt not in ("docx", "md") or kind not in api.draft_kinds():
        raise Http404("没有这种文稿")
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    with tempfile.TemporaryDirectory(prefix="dossier-draft-") as tmp:
        written = api.draft(served.folder, [kind], Path(tmp), (fmt,), context=loaded.check.context).written[0]
        data = written.read_bytes()
        name = written.name
    tmpfile = tempfile.TemporaryFile()
    tmpfile.write(data)
    tmpfile.seek(0)
    return FileResponse(tmpfile, as_attachment=True, filename=name)


@route("audit")
def audit(request, served):
    entries = AuditEntry.objects.filter(project=served.name)[:300]
    return render(request, "web/audit.html", {"entries": entries})


@route("assignments")
@require_http_methods(["GET", "POST"])
def assignments(request, served):
    loaded, failed = loaded_or_error(request, served)
    if failed:
        return failed
    leaves = loaded.check.context.framework.leaves()
    current: dict[str, list[str]] = {}
    for a in Assignment.objects.filter(project=served.name):
        current.setdefault(a.code, []).append(a.unit)
    if request.method == "POST":
        for leaf in leaves:
            wanted = {u.strip() for u in request.POST.get(f"units-{leaf.code}", "").replace("，", "、").split("、")
                      if u.strip()}
            have = set(current.get(leaf.code, []))
            Assignment.objects.filter(project=served.name, code=leaf.code, unit__in=have - wanted).delete()
            Assignment.objects.bulk_create([Assignment(project=served.name, code=leaf.code, unit=u)
                                            for u in sorted(wanted - have)], ignore_conflicts=True)
            if wanted != have:
                AuditEntry.objects.create(user=request.user, username=request.user.username, project=served.name,
                                          action="分工", path=leaf.code, detail="、".join(sorted(wanted)))
        return redirect("assignments", project=served.name)
    rows = [{"leaf": leaf, "units": "、".join(current.get(leaf.code, []))} for leaf in leaves]
    return render(request, "web/assignments.html", {"rows": rows})



def denied(request, exception=None):
    return render(request, "web/denied.html", {"reason": str(exception) if exception else ""}, status=403)

"""Who may use which route. Every project route is declared with `@route(name)`, and `ROUTES` says which roles
may use it; a user's role in a project comes from a `Membership` (a superuser is 管理员 everywhere). A 责任单位
is further held to its own indicators and, for a school, its own school (`may_code`, `may_school`). The nav
shows only what the role may open.
"""
from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from dossier.web import projects
from dossier.web.models import ROLE_ADMIN, ROLE_LABELS, ROLE_LEAD, ROLE_UNIT, ROLE_VIEW, Membership

ALL = frozenset({ROLE_ADMIN, ROLE_LEAD, ROLE_UNIT, ROLE_VIEW})
STAFF = frozenset({ROLE_ADMIN, ROLE_LEAD})
WORKERS = frozenset({ROLE_ADMIN, ROLE_LEAD, ROLE_UNIT})
READERS = frozenset({ROLE_ADMIN, ROLE_LEAD, ROLE_VIEW})

ROUTES: dict[str, frozenset] = {
    "overview": WORKERS, "schools": STAFF, "school": WORKERS, "gaps": WORKERS,
    "drafts": STAFF, "draft_download": STAFF,
    "evidence": WORKERS, "evidence_leaf": WORKERS, "evidence_upload": WORKERS, "evidence_replace": WORKERS,
    "evidence_withdraw": WORKERS, "evidence_file": WORKERS,
    "data": STAFF, "table_download": STAFF,
    "build": STAFF, "build_start": STAFF, "build_events": STAFF, "build_verify": STAFF, "build_zip": STAFF,
    "output": READERS, "site": READERS,
    "audit": STAFF, "assignments": frozenset({ROLE_ADMIN}),
}

NAV = [("overview", "总览"), ("schools", "学校"), ("gaps", "问题清单"), ("drafts", "文稿"), ("evidence", "佐证材料"),
       ("data", "数据"), ("build", "构建"), ("site", "网页版"), ("audit", "操作记录"), ("assignments", "分工")]


def role_of(user, project: str) -> tuple[str | None, str]:
    """(role, unit) of the user in the project; (None, "") without access."""
    if not user.is_authenticated or not user.is_active:
        return None, ""
    if user.is_superuser:
        return ROLE_ADMIN, ""
    rows = {m.project: m for m in Membership.objects.filter(user=user, project__in=[project, ""])}
    m = rows.get(project) or rows.get("")
    return (m.role, m.unit) if m else (None, "")


def route(name: str):
    """The view of route `name` for a project (its first argument after the request is the project's name):
    login required, the role checked against ROUTES, request.project / role / unit set."""
    allowed = ROUTES[name]

    def wrap(view):
        @functools.wraps(view)
        def inner(request, project, *args, **kwargs):
            if not request.user.is_authenticated:
                query = request.META.get("QUERY_STRING", "")
                return redirect_to_login(request.path + (f"?{query}" if query else ""))
            served = projects.get(project)
            role, unit = role_of(request.user, project)
            if role not in allowed:
                raise PermissionDenied("您的角色不能使用此页面")
            request.served, request.role, request.unit = served, role, unit
            return view(request, served, *args, **kwargs)
        inner.route_name = name
        return inner
    return wrap


def own_codes(request) -> set[str] | None:
    """The codes a 责任单位 answers for; None for roles that see every indicator."""
    if request.role != ROLE_UNIT:
        return None
    projects.load(request.served)                  # seeds the assignments the first time a project is served
    return set(projects.assignments(request.served.name).get(request.unit, []))


def may_code(request, code: str) -> None:
    codes = own_codes(request)
    if codes is not None and code not in codes:
        raise PermissionDenied("该指标不由您的单位负责")


def may_school(request, school) -> None:
    if request.role == ROLE_UNIT and request.unit not in (school.name, school.code):
        raise PermissionDenied("只能查看本校的数据")


def nav(request) -> dict:
    """Template context: the project's nav items the user's role may open, the role's label."""
    served = getattr(request, "served", None)
    role = getattr(request, "role", None)
    if served is None or role is None:
        return {}
    items = [(name, label) for name, label in NAV if role in ROUTES[name]]
    return {"nav_items": items, "project_name": served.name, "role_label": ROLE_LABELS.get(role, ""),
            "unit_name": getattr(request, "unit", "")}

"""The routes. Every project route's view is declared with `access.route(name)` under the same name here, so the
role table (`access.ROUTES`) covers every route (the test walks them all with every role)."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from dossier.web import views_build as b
from dossier.web import views_data as d
from dossier.web import views_evidence as e
from dossier.web import views_pages as v

P = "p/<str:project>/"

urlpatterns = [
    path("", v.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path(P, v.overview, name="overview"),
    path(P + "schools/", v.schools, name="schools"),
    path(P + "schools/<str:code>/", v.school, name="school"),
    path(P + "gaps/", v.gaps, name="gaps"),
    path(P + "drafts/", v.drafts, name="drafts"),
    path(P + "drafts/<str:kind>/<str:fmt>/", v.draft_download, name="draft_download"),
    path(P + "audit/", v.audit, name="audit"),
    path(P + "assignments/", v.assignments, name="assignments"),
    path(P + "evidence/", e.evidence, name="evidence"),
    path(P + "evidence/<str:code>/", e.evidence_leaf, name="evidence_leaf"),
    path(P + "evidence/<str:code>/upload/", e.evidence_upload, name="evidence_upload"),
    path(P + "evidence/<str:code>/replace/", e.evidence_replace, name="evidence_replace"),
    path(P + "evidence/<str:code>/withdraw/", e.evidence_withdraw, name="evidence_withdraw"),
    path(P + "evidence/<str:code>/file/", e.evidence_file, name="evidence_file"),
    path(P + "data/", d.data, name="data"),
    path(P + "data/table/", d.table_download, name="table_download"),
    path(P + "build/", b.build, name="build"),
    path(P + "build/start/", b.build_start, name="build_start"),
    path(P + "build/events/", b.build_events, name="build_events"),
    path(P + "build/verify/", b.build_verify, name="build_verify"),
    path(P + "build/zip/", b.build_zip, name="build_zip"),
    path(P + "out/<path:rel>", b.output, name="output"),
    path(P + "site/", b.site, name="site"),
]

handler403 = "dossier.web.views_pages.denied"

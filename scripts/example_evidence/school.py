"""The example school's evidence (content/示例学校/evidence): C1, C25, C28 and C29.

The school is a 九年一贯制学校 of the county; it files a roster of its own, the county's charter
approval, its own charter, a 德育 plan and summary, a timetable and a 综合实践活动 plan.  The texts
are in ``data/school.yaml`` (and, for the documents shared with the county, ``data/a3.yaml``).
"""
from __future__ import annotations

from .a1 import roster
from .a3 import approval_pdf, charter_pdf, timetable_pdf
from .common import Ctx, School, deep_get, rng_for, texts
from .docs import issue, make_docx, make_form, make_report
from .people import make_teachers
from .scans import scan_diploma

T = texts("school")


def school_evidence(ctx: Ctx, sch: School) -> None:
    r = rng_for("school", sch.name)
    v = dict(school=sch.name, short=T["代字"])
    teachers = make_teachers(sch, "2025")
    head = deep_get(ctx.people, "领导小组", "组长", default=[{}])[0].get("姓名", T["默认校长"]) if ctx.people else T["默认校长"]
    make_form(ctx.leaf("C1"), T["C1"]["花名册"], dict(v, n=len(teachers), head=head), roster=roster(teachers))
    one = next(x for x in teachers if x.edu == "本科")
    scan_diploma(ctx.leaf("C1") / T["C1"]["学历证书"], one, key="school")
    approval_pdf(ctx.leaf("C25"), ctx.county)
    x = T["C25"]["章程"]
    charter_pdf(ctx.leaf("C25") / x["file"], sch, x["date"])
    issue(ctx.leaf("C28"), T["C28"]["德育计划"], v)
    make_docx(ctx.leaf("C28"), T["C28"]["德育总结"], v)
    x = T["C29"]["课程表"]
    timetable_pdf(ctx.leaf("C29") / x["file"], sch.name, x["term"], x["date"], r, x["classes"])
    make_report(ctx.leaf("C29"), T["C29"]["综合实践活动"], v)

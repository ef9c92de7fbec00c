"""A3 教育质量 (C23–C31): dropout control, disabled children's enrolment, school charters and management
platform, training funds, ICT training, moral education, curriculum, homework and quality monitoring.

One function per leaf folder (``c23`` … ``c31``), plus the documents the example school files too
(the charter approval, a charter, a timetable).  The texts are in ``data/a3.yaml``.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table

from . import pdf
from .common import YEARS, Ctx, School, cn_n, contact, rng_for, texts
from .docs import issue, make_docx, make_form, make_report
from .drawings import D as DRAWINGS, bar_chart
from .a2_conditions import public_funds
from .people import person
from .scans import platform_png, scan_homework_notice, scan_usage_log

T = texts("a3")


def c23(ctx: Ctx) -> None:
    t = T["C23"]
    r = rng_for("C23")
    issue(ctx.leaf("C23"), t["控辍保学方案"])
    x = t["台账"]
    rows = []
    juniors = [s for s in ctx.schools if s.junior]
    for i in range(x["n"]):
        s = r.choice(juniors)
        nm, g = person(r)
        d = dt.date(r.choice([2023, 2024, 2025]), r.randint(3, 11), r.randint(1, 28))
        res = x["结果"] if i != 7 else x["转学"]
        rows.append([str(i + 1), nm, g, s.short, x["grade"].format(n=r.randint(7, 9)), x["found"].format(m=d.month, d=d.day),
                     r.choice(x["原因"]), x["teacher"].format(name=person(r)[0]), res])
    make_form(ctx.leaf("C23"), x, rows=rows)
    x = t["学籍变动统计表"]
    rates = {**x["巩固率"], 2022: float(ctx.fact("C23", "初中三年巩固率", 97.4))}
    rows = []
    for entry, rate in rates.items():
        n0 = x["入学人数"][entry]
        r_ = rng_for("cohort", entry)
        tin, tout = r_.randint(150, 210), r_.randint(160, 230)
        die = r_.randint(0, 3)
        n3 = round(n0 * rate / 100)
        rows.append([x["cohort"].format(y=entry), str(n0), str(tin), str(tout), str(die), str(n3), f"{n3 * 100 / n0:.1f}"])
    make_form(ctx.leaf("C23"), x, rows=rows)


def c24(ctx: Ctx) -> None:
    t = T["C24"]
    r = rng_for("C24")
    rate = float(ctx.fact("C24", "残疾儿童少年入学率", 96.8))
    x = t["安置台账"]
    rows = []
    for i in range(x["n"]):
        nm, g = person(r)
        mode = r.choice(x["安置方式"])
        where = x["特教学校"] if mode != x["随班就读"] else r.choice(ctx.schools).short
        rows.append([str(i + 1), nm, g, str(r.randint(2010, 2018)), r.choice(x["残疾类别"]), r.choice(x["残疾等级"]),
                     mode, where, r.choice(x["数据来源"])])
    total = x["total"]
    enrolled = round(total * rate / 100)
    v = dict(total=total, enrolled=enrolled, rate=enrolled * 100 / total)
    v["clerk"] = person(r)[0]
    make_form(ctx.leaf("C24"), x, v, rows=rows)
    x = t["入学安置通知"]
    issue(ctx.leaf("C24"), x, dict(contact=contact(r, *x["contact"])))
    x = t["情况说明"]
    (ctx.leaf("C24") / x["file"]).write_text(x["text"].format(n=r.randint(38, 46)), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# C25 章程与管理信息化 (the charter documents are filed by the example school too)
# ---------------------------------------------------------------------------------------------

def approval_pdf(folder: Path, county: Ctx) -> None:
    """The 批复 approving the charters of all the county's schools."""
    x = T["C25"]["章程批复"]
    rows = [[str(i), s.name, x["charter_no"].format(short=s.short[:4], i=i), x["revised"]]
            for i, s in enumerate(county.schools, 1)]
    issue(folder, x, dict(n=len(county.schools)), rows=rows)


def charter_pdf(path: Path, s: School, date: dt.date) -> None:
    """A school's 章程."""
    x = T["章程"]
    v = dict(school=s.name, place=x["城区"] if s.area == "城区" else s.name[:3], kind=s.kind if s.kind != "教学点" else "小学",
             y=date.year, m=date.month, n=2 if date.year >= 2023 else 1)
    style = ParagraphStyle("ch", parent=pdf.ST_H1, alignment=TA_CENTER, firstLineIndent=0, spaceBefore=6)
    body = []
    for ch in x["chapters"]:
        body.append(Paragraph(pdf.esc(ch["title"]), style))
        body.extend(pdf.p(a.format_map(v)) for a in ch["articles"])
    pdf.report(path, doc_title=x["title"].format_map(v), subtitle=x["subtitle"].format_map(v), date=date,
               author=s.name, body=body, sign=s.name)


def c25(ctx: Ctx) -> None:
    t = T["C25"]
    approval_pdf(ctx.leaf("C25"), ctx)
    x = t["章程"]
    charter_pdf(ctx.leaf("C25") / x["file"], ctx.school(x["school"]), x["date"])
    platform_png(ctx.leaf("C25") / t["截图"], ctx)


def c26(ctx: Ctx) -> None:
    t = T["C26"]
    r = rng_for("C26")
    target = float(ctx.fact("C26", "教师培训经费占公用经费预算比例", 4.2))
    funds, rp, rj = public_funds(ctx, 2025)
    ratios = [rng_for("train", s.name).uniform(2.6, 6.2) for s, *_ in funds]
    tot_f = sum(x[-1] for x in funds)
    cur = sum(x[-1] * q / 100 for x, q in zip(funds, ratios))
    scale = target / (cur * 100 / tot_f)
    rows, t_tr = [], 0.0
    for (s, ps, js, cp, b, amt), q in zip(funds, ratios):
        tr = amt * q * scale / 100
        t_tr += tr
        rows.append([s.name, f"{amt:.2f}", f"{tr:.2f}", f"{tr * 100 / amt:.1f}", "是" if tr * 100 / amt >= 5 else "否"])
    rows.append(["合计", f"{tot_f:.2f}", f"{t_tr:.2f}", f"{t_tr * 100 / tot_f:.1f}", "是" if t_tr * 100 / tot_f >= 5 else "否"])
    make_form(ctx.leaf("C26"), t["预算表"], rows=rows)
    x = t["支出明细"]
    rows = []
    for y in YEARS:
        rr = rng_for("trainexp", y)
        for item, w in x["项目"]:
            rows.append([str(y), item, f"{(380 + (y - 2023) * 52) * w * rr.uniform(0.9, 1.1):.2f}", rr.choice(x["支出单位"])])
    make_form(ctx.leaf("C26"), x, rows=rows)
    x = t["培训经费通知"]
    issue(ctx.leaf("C26"), x, dict(contact=contact(r, *x["contact"])))


def c27(ctx: Ctx) -> None:
    t = T["C27"]
    r = rng_for("C27")
    x = t["提升工程通知"]
    issue(ctx.leaf("C27"), x, dict(contact=contact(r, *x["contact"])))
    rows = []
    for s in ctx.schools:
        n = int(s.n("专任教师数"))
        rr = rng_for("ict-train", s.name)
        passed = n - (1 if rr.random() < 0.15 else 0)
        rows.append([s.name, str(n), str(n), str(passed), f"{passed * 100 / n:.1f}", str(rr.randint(3, 5)), str(rr.randint(n // 2, n))])
    make_form(ctx.leaf("C27"), t["培训记录"], rows=rows)
    x = t["使用登记"]
    scan_usage_log(ctx.leaf("C27") / x["file"], x["school"], x["heading"], x["room"], x["start"], key="C27", equipment=True)


def c28(ctx: Ctx) -> None:
    t = T["C28"]
    issue(ctx.leaf("C28"), t["德育计划"])
    issue(ctx.leaf("C28"), t["校园文化方案"])
    x = t["德育总结"]
    (ctx.leaf("C28") / x["file"]).write_text(x["text"], encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# C29 课程 (the timetable is filed by the example school too)
# ---------------------------------------------------------------------------------------------

def timetable_rows(r: random.Random, grade: int) -> list[list[str]]:
    x = T["课程表"]
    need = x["课时"]["低年级" if grade <= 2 else "其他"]
    slots = []
    for k, v in need.items():
        slots += [k] * v
    while len(slots) < 30:
        slots.append(x["补齐"][len(slots) % 2])
    slots = slots[:30]
    r.shuffle(slots)
    days = [slots[i * 6:(i + 1) * 6] for i in range(5)]
    rows = []
    for period in range(6):
        rows.append([x["period"].format(n=cn_n(period + 1))] + [days[d][period] for d in range(5)])
        if period == 3:
            rows.append([x["lunch"], "", "", "", "", ""])
    return rows


def timetable_pdf(path: Path, school: str, term: str, date: dt.date, r: random.Random, classes: list) -> None:
    """Timetables of some classes, two side by side on a landscape page."""
    x = T["课程表"]
    w = pdf.frame_width(land=True)
    parts = []
    for grade, cls in classes:
        rows = timetable_rows(r, grade)
        t = pdf.table(x["columns"], rows, [12, 17, 17, 17, 17, 17], font=10.5, total_width=w / 2 - 8,
                      spans=[((0, 5), (-1, 5))])
        cap = Paragraph(pdf.esc(x["caption"].format(grade=cn_n(grade), cls=cls, teacher=person(r)[0])),
                        ParagraphStyle("tt", parent=pdf.ST_SMALL, fontName=pdf.HEI, alignment=TA_CENTER))
        parts.append([cap, t])
    grid = []
    for k in range(0, len(parts), 2):
        pair = parts[k:k + 2]
        while len(pair) < 2:
            pair.append([Spacer(1, 1)])
        grid.append(pair)
    outer = Table(grid, colWidths=[w / 2, w / 2], style=[("FONTNAME", (0, 0), (-1, -1), pdf.TEXT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 14)])
    v = dict(school=school, term=term)
    pdf.form(path, doc_title=x["title"].format_map(v), date=date, author=school, land=True,
             unit=x["unit"].format_map(v), parts=[outer], foot=x["foot"])


def c29(ctx: Ctx) -> None:
    t = T["C29"]
    r = rng_for("C29")
    x = t["课程实施计划"]
    issue(ctx.leaf("C29"), x, dict(contact=contact(r, *x["contact"])))
    x = t["课程表"]
    timetable_pdf(ctx.leaf("C29") / x["file"], x["school"], x["term"], x["date"], r, x["classes"])
    x = t["综合实践活动"]
    rows = []
    for i, a in enumerate(x["活动"], 1):
        d = dt.date(r.choice([2024, 2025]), r.choice([3, 4, 5, 9, 10, 11]), r.randint(1, 28))
        rows.append([str(i), a, x["grade"].format(g=r.choice(x["年级"])), f"{d.year}.{d.month}.{d.day}", str(r.randint(40, 180)),
                     person(r)[0], r.choice(x["过程资料"])])
    make_report(ctx.leaf("C29"), x, rows=rows)


# ---------------------------------------------------------------------------------------------
# C30 作业, C31 质量监测
# ---------------------------------------------------------------------------------------------

def c30(ctx: Ctx) -> None:
    t = T["C30"]
    issue(ctx.leaf("C30"), t["作业管理制度"])
    g = DRAWINGS["作业时间图"]
    chart = pdf.Drawn(156 * pdf.mm, 240, lambda c, w, h: bar_chart(
        c, w, h, title=g["title"], categories=g["grades"], series=g["series"], title_y=20, vrange=(0, 100, 20),
        fills=[colors.Color(0.25, 0.45, 0.75), colors.Color(0.85, 0.85, 0.85)], legend=(g["legend"], 150, 20, "start")))
    make_report(ctx.leaf("C30"), t["监测报告"], chart=chart)
    scan_homework_notice(ctx.leaf("C30") / t["作业公示"])


def c31(ctx: Ctx) -> None:
    t = T["C31"]
    diff = float(ctx.fact("C31", "校际差异率", 0.12))
    g = DRAWINGS["质量监测图"]
    fills = [colors.Color(0.2, 0.45, 0.75), colors.Color(0.9, 0.55, 0.2), colors.Color(0.6, 0.6, 0.6)][:len(g["series"])]
    chart = pdf.Drawn(156 * pdf.mm, 220, lambda c, w, h: bar_chart(
        c, w, h, title=g["title"], categories=g["categories"], series=g["series"], vrange=(0, 100, 20), fills=fills,
        legend=(g["legend"], 10, 18, "end")))
    make_report(ctx.leaf("C31"), t["监测结果报告"], dict(diff=diff), chart=chart)
    make_docx(ctx.leaf("C31"), t["改进方案"])


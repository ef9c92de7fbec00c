"""A2 政府保障程度, first part (C8–C14): school layout, unified standards, music and art rooms, school
size, class size, public funds per student and special-education funds.

One function per leaf folder (``c8`` … ``c14``); the texts are in ``data/a2_conditions.yaml``, the
figures are computed here from the school table.
"""
from __future__ import annotations

import math

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from . import pdf
from .common import BUREAU, CN_NUM, YEARS, Ctx, contact, fmt, hist, rng_for, stage_rows, texts
from .docs import issue, make_docx, make_form, make_report
from .drawings import county_map, room_plan
from .office import write_xlsx
from .people import person

T = texts("a2_conditions")


def c8(ctx: Ctx) -> None:
    t = T["C8"]
    kinds = [len([s for s in ctx.schools if s.kind == k]) for k in ("小学", "教学点", "初中", "九年一贯制学校", "完全中学")]
    v = dict(zip(("n_p", "n_t", "n_j", "n_9", "n_c"), kinds), n=len(ctx.schools))
    issue(ctx.leaf("C8"), t["布局规划"], v)
    issue(ctx.leaf("C8"), t["布局调整批复"])
    county = ctx.county or ctx
    make_report(ctx.leaf("C8"), t["分布图"],
                map=pdf.Drawn(pdf.frame_width(land=True), 400, lambda c, w, h: county_map(c, w, h, county.schools)))


def c9(ctx: Ctx) -> None:
    t = T["C9"]
    for key in ("建设标准", "编制标准", "公用经费定额"):
        issue(ctx.leaf("C9"), t[key])
    make_docx(ctx.leaf("C9"), t["装备标准"])


# ---------------------------------------------------------------------------------------------
# C10 音乐、美术专用教室
# ---------------------------------------------------------------------------------------------

def music_art_rows(ctx: Ctx):
    """Per school: classes, rooms needed, music count/area, art count/area, and what falls short."""
    q = T["C10"]["问题"]
    out = []
    for s in ctx.schools:
        cls = s.classes
        need = max(1, math.ceil(cls / 12))
        mc, ma = int(s.n("音乐专用教室数")), s.n("音乐专用教室面积")
        ac, aa = int(s.n("美术专用教室数")), s.n("美术专用教室面积")
        issues = []
        if mc < need:
            issues.append(q["音乐间数"].format(n=need - mc))
        if mc and ma / mc < 96:
            issues.append(q["音乐面积"])
        if ac < need:
            issues.append(q["美术间数"].format(n=need - ac))
        if ac and aa / ac < 90:
            issues.append(q["美术面积"])
        out.append((s, cls, need, mc, ma, ac, aa, issues))
    return out


def c10(ctx: Ctx) -> None:
    t = T["C10"]
    r = rng_for("C10")
    x = t["登记表"]
    rows = []
    for s, cls, need, mc, ma, ac, aa, issues in music_art_rows(ctx):
        rows.append([s.name, cls, need, mc, ma, round(ma / mc, 1) if mc else 0, ac, aa, round(aa / ac, 1) if ac else 0,
                     x["达标"] if not issues else "；".join(issues)])
    write_xlsx(ctx.leaf("C10") / x["file"], [dict(x["sheet"], rows=rows)], x["date"], BUREAU)
    f1, f2 = texts("drawings")["专用教室平面图"]["floors"]
    fw_ = pdf.frame_width(footer="form")
    make_report(ctx.leaf("C10"), t["平面图"],
                floor1=pdf.Drawn(fw_, 300, lambda c, w, h: room_plan(c, w, h, f1)),
                floor2=pdf.Drawn(fw_, 300, lambda c, w, h: room_plan(c, w, h, f2)))
    x = t["达标建设通知"]
    short = [(s, need, mc, ac, issues) for s, cls, need, mc, ma, ac, aa, issues in music_art_rows(ctx) if issues]
    rows = [[str(i), s.name, str(need), str(mc), str(ac), "；".join(iss), x["deadline"]]
            for i, (s, need, mc, ac, iss) in enumerate(short, 1)] or [x["none"]]
    issue(ctx.leaf("C10"), x, dict(n=len(short), contact=contact(r, *x["contact"])), rows=rows)


# ---------------------------------------------------------------------------------------------
# C11 学校规模, C12 班额
# ---------------------------------------------------------------------------------------------

def c11(ctx: Ctx) -> None:
    t = T["C11"]
    x = t["统计年报"]
    limit = {"九年一贯制学校": 2500, "十二年一贯制学校": 2500}
    rows, tp, tj, tc = [], 0, 0, 0
    for s in ctx.schools:
        ps, js = int(s.n("小学在校生数")), int(s.n("初中在校生数"))
        lim = limit.get(s.kind, 2000)
        tot = ps + js
        rows.append([s.name, s.kind, s.area, str(ps or ""), str(js or ""), str(int(s.n("高中在校生数")) or ""), str(s.classes),
                     str(tot), str(lim), "是" if tot <= lim else x["over"].format(n=tot - lim)])
        tp, tj, tc = tp + ps, tj + js, tc + s.classes
    rows.append(["合计", "", "", str(tp), str(tj), "", str(tc), str(tp + tj), "", ""])
    make_form(ctx.leaf("C11"), x, rows=rows)
    x = t["规模调控"]
    over = [s for s in ctx.schools if s.students > limit.get(s.kind, 2000)]
    issue(ctx.leaf("C11"), x, dict(names="、".join(s.name for s in over) or x["none"]))


def _class_list(x: dict, r, grade: str, cls: int, maxc: int):
    """One class of the 分班名册: its label and a three-column name table, kept together."""
    entry = 2024 - CN_NUM.index(grade)      # year the class entered school
    n = maxc - r.randint(0, 3)
    rr = rng_for("class", grade, cls)
    names = [person(rr) for _ in range(n)]
    rows = []
    per_col = math.ceil(n / 3)
    for i in range(per_col):
        row = []
        for k in range(3):
            j = k * per_col + i
            if j < n:
                row += [str(j + 1), f"{entry % 100:02d}{cls:02d}{j + 1:02d}", names[j][0], names[j][1]]
            else:
                row += ["", "", "", ""]
        rows.append(row)
    label = x["class_label"].format(grade=grade, cls=cls, teacher=person(rr)[0], n=n,
                                    boys=sum(1 for y in names if y[1] == "男"),
                                    girls=sum(1 for y in names if y[1] == "女"))
    return KeepTogether([Paragraph(pdf.esc(label), ParagraphStyle("cls", parent=pdf.ST_SMALL, fontName=pdf.HEI)),
                         pdf.table(x["columns"] * 3, rows, [5, 10, 9, 5] * 3, font=9,
                                   total_width=pdf.frame_width(footer="form")), Spacer(1, 10)])


def c12(ctx: Ctx) -> None:
    t = T["C12"]
    r = rng_for("C12")
    x = t["分班名册"]
    sch = ctx.school(x["school"])
    maxc = int(sch.n("小学最大班额")) or 45
    classes = [_class_list(x, r, grade, cls, maxc) for grade, cls in x["classes"]]
    make_form(ctx.leaf("C12"), x, dict(school=sch.name, classes=int(sch.n("小学班级数"))), classes=classes)
    x = t["消除大班额"]
    big = []
    for s, stage, st, cl in stage_rows(ctx.schools):
        m = int(s.n(f"{stage}最大班额"))
        lim = {"小学": 45, "初中": 50}[stage]
        if m > lim:
            big.append([s.name, stage, str(m + r.randint(2, 5)), str(m), str(lim), *x["measure"]])
    if not big:
        big = [x["none"]]
    rows = [[str(i)] + b for i, b in enumerate(big, 1)]
    issue(ctx.leaf("C12"), x, dict(contact=contact(r, *x["contact"])), rows=rows)


# ---------------------------------------------------------------------------------------------
# C13 公用经费, C14 特殊教育经费
# ---------------------------------------------------------------------------------------------

def public_funds(ctx: Ctx, year: int):
    """Per school: students, counted students (at least 100), rate and amount (万元)."""
    rp, rj = (650, 850) if year <= 2023 else (720, 940)
    rows = []
    for s in ctx.schools:
        ps = hist(s.n("小学在校生数"), year, (s.name, "ps"), -0.01) if s.n("小学在校生数") else 0
        js = hist(s.n("初中在校生数"), year, (s.name, "js"), -0.01) if s.n("初中在校生数") else 0
        boarders = int((ps + js) * (0.35 if s.area == "乡村" else 0.18 if s.area == "镇区" else 0.0))
        cp = max(ps, 100) if s.kind == "教学点" or (0 < ps < 100 and not js) else ps
        amount = (cp * rp + js * rj + boarders * 300) / 10000
        rows.append((s, ps, js, cp, boarders, amount))
    return rows, rp, rj


def c13(ctx: Ctx) -> None:
    t = T["C13"]
    x = t["公用经费拨付"]
    for e in x["each"]:
        rows_, rp, rj = public_funds(ctx, e["y"])
        rows = [[str(i), s.name, str(ps or ""), str(js or ""), str(cp or ""), str(b), f"{amt:.2f}"]
                for i, (s, ps, js, cp, b, amt) in enumerate(rows_, 1)]
        total = sum(x_[-1] for x_ in rows_)
        rows.append(["", "合计", "", "", "", "", f"{total:.2f}"])
        small_ = [s.name for s, ps, js, cp, b, a in rows_ if cp != ps]
        v = dict(e, total=total, central=total * 0.8, county=total * 0.2, rp=rp, rj=rj,
                 small="、".join(small_) or x["none"])
        issue(ctx.leaf("C13"), x, v, rows=rows)
    x = t["核拨明细"]
    rows = []
    for y in YEARS:
        rows_, rp, rj = public_funds(ctx, y)
        for s, ps, js, cp, b, amt in rows_:
            if cp != ps:
                rows.append([str(y), s.name, str(ps), "100", str(rp), fmt(ps * rp, 0), fmt(cp * rp, 0), fmt((cp - ps) * rp, 0),
                             x["paid"]])
    make_form(ctx.leaf("C13"), x, rows=rows)


def c14(ctx: Ctx) -> None:
    t = T["C14"]
    r = rng_for("C14")
    per = {**t["生均公用经费"], 2025: int(ctx.fact("C14", "特殊教育学校生均公用经费", 6800))}
    stu = t["学生数"]
    x = t["特教经费拨付"]
    for e in x["each"]:
        y = e["y"]
        amt = per[y] * stu[y]
        issue(ctx.leaf("C14"), x, dict(e, amount_wan=fmt(amt / 10000, 2), per=per[y], students=stu[y], amount=fmt(amt, 0)))
    pub = per[2024] * stu[2024] / 10000
    total = round(pub / 0.2, 2)
    vals = [(total, total * 1.0), (total * 0.985,) * 2, (total * 0.015,) * 2, (total * 0.99,) * 2, (total * 0.66,) * 2,
            (pub, pub), (pub * 0.06,) * 2, (pub * 0.09,) * 2, (total * 0.99 - total * 0.66 - pub,) * 2,
            (total * 0.01,) * 2]
    x = t["决算表"]
    rows = [[item, fmt(a), fmt(b)] for item, (a, b) in zip(x["项目"], vals)]
    v = dict(s23=stu[2023], s24=stu[2024], p23=per[2023], p24=per[2024])
    v.update(head=person(r)[0])
    v.update(finance=person(r)[0])
    v.update(clerk=person(r)[0])
    make_form(ctx.leaf("C14"), x, v, rows=rows)

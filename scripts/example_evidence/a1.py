"""A1 资源配置 (C1–C7): teachers' qualifications, backbone and art teachers, buildings, sports grounds,
equipment and multimedia rooms.

One function per leaf folder (``c1`` … ``c7``).  The texts of the documents are in ``data/a1.yaml``;
here are the figures: every table row is computed from the county's school table, and random
draws come from generators seeded per document.
"""
from __future__ import annotations

import datetime as dt

from reportlab.platypus import Spacer

from . import pdf
from .common import (BUREAU, YEARS, Ctx, School, contact, fill, fmt, hist, pct, rng_for, stage_rows,
                     stage_split, texts)
from .docs import issue, make_form, make_report, make_table
from .drawings import floor_plan, track_plan
from .office import write_xlsx
from .people import ART_MAJORS, Teacher, make_teachers, person
from .scans import scan_backbone_cert, scan_diploma, scan_property_cert, scan_usage_log

T = texts("a1")
LIMIT_ABOVE = {"小学": 4.2, "初中": 5.3}


def _drawn_form(draw, height):
    """A drawing as wide as a form page."""
    return pdf.Drawn(pdf.frame_width(footer="form"), height, draw)


# ---------------------------------------------------------------------------------------------
# C1 高于规定学历教师
# ---------------------------------------------------------------------------------------------

def edu_breakdown(s: School, stage: str, year: int) -> tuple[int, int, int, int, int]:
    """(专任教师, 研究生, 本科, 专科, 高中及以下) for one 学段 of a school in a year."""
    r = rng_for("edu", s.name, stage, year)
    above = hist(s.n(f"{stage}高于规定学历教师数"), year, (s.name, stage, "above"), 0.025)
    share = stage_split(s, "专任教师数").get(stage, 0)
    total = max(above, hist(share, year, (s.name, stage, "teachers"), 0.015))
    if total == above and r.random() < 0.5:
        total += 1
    if stage == "小学":
        pg = int(above * r.uniform(0.0, 0.04))
        ben = int(above * r.uniform(0.55, 0.75))
        zk = above - pg - ben
        below = total - above
    else:
        pg = int(above * r.uniform(0.02, 0.08))
        ben = above - pg
        zk = total - above
        below = 0
    return total, pg, ben, zk, below


def roster(teachers: list[Teacher]):
    """The 教师花名册 table of a school."""
    rows = [[str(i), t.name, t.gender, t.born, t.edu, t.college, t.major, t.subject, t.title, t.cert,
             t.backbone or "—"] for i, t in enumerate(teachers, 1)]
    return make_table(T["C1"]["花名册表格"], {"rows": rows})


def _c1_sheets(ctx: Ctx, x: dict) -> None:
    sheets = []
    for y in YEARS:
        rows = []
        for s, stage, st, _ in stage_rows(ctx.schools):
            st_y = hist(st, y, (s.name, stage, "students"), -0.01)
            t, pg, ben, zk, below = edu_breakdown(s, stage, y)
            above = pg + ben + (zk if stage == "小学" else 0)
            rows.append([s.name, stage, st_y, t, above, round(above * 100 / st_y, 2), LIMIT_ABOVE[stage],
                         "是" if above * 100 / st_y >= LIMIT_ABOVE[stage] else "否"])
        sheets.append(dict(fill(x["sheet"], {"y": y}), rows=rows))
    write_xlsx(ctx.leaf("C1") / x["file"], sheets, x["date"], BUREAU)


def _c1_yearbooks(ctx: Ctx, x: dict) -> None:
    for e in x["each"]:
        y = e["y"]
        rows, tot = [], [0] * 6
        for s, stage, st, _ in stage_rows(ctx.schools):
            t, pg, ben, zk, below = edu_breakdown(s, stage, y)
            above = pg + ben + (zk if stage == "小学" else 0)
            rows.append([s.name, stage, str(t), str(pg), str(ben), str(zk), str(below), str(above),
                         pct(above, t)])
            for k, v in enumerate((t, pg, ben, zk, below, above)):
                tot[k] += v
        rows.append(["合计", "", *[str(v) for v in tot], pct(tot[5], tot[0])])
        make_form(ctx.leaf("C1", f"{y}年"), x, e, rows=rows)


def c1(ctx: Ctx) -> None:
    t = T["C1"]
    _c1_sheets(ctx, t["学历统计表"])
    _c1_yearbooks(ctx, t["统计年报"])
    x = t["花名册"]
    sch = ctx.school(x["school"])
    teachers = make_teachers(sch, "2024")
    v = dict(school=sch.name, n=len(teachers), head=person(rng_for("head", sch.name), "男")[0])
    make_form(ctx.leaf("C1", "2024年"), x, v, roster=roster(teachers))
    one = next(x for x in teachers if x.edu == "本科")
    scan_diploma(ctx.leaf("C1", "2024年") / x["diploma"], one, key="C1")


# ---------------------------------------------------------------------------------------------
# C2 骨干教师, C3 体育艺术教师
# ---------------------------------------------------------------------------------------------

def backbone_list(ctx: Ctx, year: int, n: int) -> list[list[str]]:
    r = rng_for("backbone", year)
    subjects_p, subjects_j = T["C2"]["小学学科"], T["C2"]["初中学科"]
    pool = [s for s in ctx.schools]
    weights = [max(1.0, s.n("专任教师数")) for s in pool]
    rows = []
    for i in range(n):
        s = r.choices(pool, weights)[0]
        stage = "初中" if (s.junior and (not s.primary or r.random() < 0.5)) else "小学"
        rows.append([str(i + 1), person(r)[0], s.name, f"{stage}{r.choice(subjects_j if stage == '初中' else subjects_p)}"])
    return rows


def _c2_register(ctx: Ctx, x: dict) -> None:
    rows, tot = [], [0, 0, 0, 0]
    for s, stage, st, _ in stage_rows(ctx.schools):
        n = int(s.n(f"{stage}县级及以上骨干教师数"))
        rr = rng_for("bb-level", s.name, stage)
        prov = 1 if n >= 12 and rr.random() < 0.6 else 0
        city = int(n * rr.uniform(0.12, 0.25))
        county = n - prov - city
        rows.append([s.name, stage, str(st), str(county), str(city), str(prov), str(n), f"{n * 100 / st:.2f}"])
        for k, v in enumerate((county, city, prov, n)):
            tot[k] += v
    rows.append(["合计", "", "", *[str(v) for v in tot], ""])
    rosters = []
    for nm in x["schools"]:
        s = ctx.school(nm)
        ts = [t for t in make_teachers(s, "2024") if t.backbone]
        rosters.append(pdf.label(x["school_label"].format(school=s.name, n=len(ts))))
        named = [[str(i), t.name, t.gender, t.subject, x["level"].format(level=t.backbone),
                  str(rng_for("bbyear", t.name).choice([2021, 2022, 2023, 2024]))] for i, t in enumerate(ts, 1)]
        rosters += [make_table(x["school_table"], {"rows": named}), Spacer(1, 8)]
    make_form(ctx.leaf("C2"), x, rows=rows, rosters=rosters)


def c2(ctx: Ctx) -> None:
    t = T["C2"]
    r = rng_for("C2")
    x = t["认定名单"]
    for e in x["each"]:
        rows = backbone_list(ctx, e["y"], e["n"])
        d = e["date"]
        v = dict(e, month=d.month, meeting_day=d.day - 5, first=rows[0][1], contact=contact(r, *x["contact"]))
        issue(ctx.leaf("C2"), x, v, rows=rows)
    _c2_register(ctx, t["名册"])
    one = backbone_list(ctx, 2024, 3)[1]
    scan_backbone_cert(ctx.leaf("C2") / t["名册"]["certificate"], one[1], one[3])


def _c3_register(ctx: Ctx, r, x: dict) -> None:
    rows, names, tot = [], [], [0, 0, 0, 0]
    majors = ART_MAJORS
    for s, stage, st, _ in stage_rows(ctx.schools):
        n = int(s.n(f"{stage}体育艺术专任教师数"))
        rr = rng_for("art", s.name, stage)
        pe = max(1, round(n * rr.uniform(0.36, 0.46))) if n else 0
        mu = (n - pe + 1) // 2
        ar = n - pe - mu
        rows.append([s.name, stage, str(st), str(pe), str(mu), str(ar), str(n), f"{n * 100 / st:.2f}"])
        for k, v in enumerate((pe, mu, ar, n)):
            tot[k] += v
        if s.area == "乡村":
            for subj, k in zip(majors, (pe, mu, ar)):
                for _ in range(k):
                    nm, g = person(rr)
                    names.append([nm, g, s.name, stage + subj, r.choice(x["学历"]), majors[subj], "是"])
    rows.append(["合计", "", "", *[str(v) for v in tot], ""])
    names = [[str(i)] + n_ for i, n_ in enumerate(names, 1)]
    make_form(ctx.leaf("C3"), x, rows=rows, names=names)


def _c3_recruitment(ctx: Ctx, r, x: dict) -> None:
    for e in x["each"]:
        y, n_posts, subj = e["y"], e["posts"], e["subjects"]
        posts, k = [], 1
        left = n_posts
        for i, sb in enumerate(subj):
            stage = "小学" if i % 2 == 0 else "初中"
            cnt = left if i == len(subj) - 1 else max(2, min(left - 2, r.randint(3, 8)))
            left -= cnt
            posts.append([f"{y % 100:02d}{k:03d}", stage, sb, str(cnt), x["学历要求"][stage],
                          x["服务地"][1] if i % 3 else x["服务地"][0]])
            k += 1
        issue(ctx.leaf("C3"), x, dict(e, contact=contact(r, *x["contact"])), posts=posts)


def _c3_transfer(ctx: Ctx, r, x: dict) -> None:
    rows = []
    rural = [s for s in ctx.schools if s.area == "乡村"]
    urban = [s for s in ctx.schools if s.area != "乡村"]
    for i in range(x["n"]):
        nm, g = person(r)
        frm, to = r.choice(urban), r.choice(rural)
        if i % 4 == 3:
            frm, to = to, r.choice(urban)
        rows.append([str(i + 1), nm, g, r.choice(x["学科"]), frm.name, to.name])
    issue(ctx.leaf("C3"), x, dict(first=rows[0][1], contact=contact(r, *x["contact"])), rows=rows)


def c3(ctx: Ctx) -> None:
    t = T["C3"]
    r = rng_for("C3")
    _c3_register(ctx, r, t["名册"])
    _c3_recruitment(ctx, r, t["招聘公告"])
    _c3_transfer(ctx, r, t["调配"])


# ---------------------------------------------------------------------------------------------
# C4 校舍, C5 运动场馆
# ---------------------------------------------------------------------------------------------

def area_breakdown(s: School, year: int) -> list[tuple[str, float]]:
    total = hist(s.n("教学及辅助用房面积"), year, (s.name, "area"), 0.02)
    r = rng_for("area", s.name, year)
    common = round(total * r.uniform(0.5, 0.58))
    special = round(total * r.uniform(0.2, 0.26))
    public = round(total * r.uniform(0.08, 0.12))
    aux = total - common - special - public
    return [("普通教室", common), ("专用教室", special), ("公共教学用房", public), ("教学辅助用房", aux), ("合计", total)]


def _c4_survey(ctx: Ctx, x: dict) -> None:
    rows = []
    for s in ctx.schools:
        b = dict(area_breakdown(s, 2025))
        st = s.students + int(s.n("高中在校生数"))
        rows.append([s.name, s.kind, str(st), *[fmt(b[k], 0) for k in ("普通教室", "专用教室", "公共教学用房", "教学辅助用房", "合计")],
                     f"{b['合计'] / st:.2f}" if s.kind != "完全中学" else f"{stage_split(s, '教学及辅助用房面积')['初中'] / s.n('初中在校生数'):.2f}"])
    p1, p2 = x["plans"]
    make_form(ctx.leaf("C4"), x, rows=rows,
              plan1=_drawn_form(lambda c, w, h: floor_plan(c, w, h, p1, "c4a"), 330),
              plan2=_drawn_form(lambda c, w, h: floor_plan(c, w, h, p2, "c4b"), 300))


def _c4_yearbook(ctx: Ctx, x: dict) -> None:
    rows, tot = [], [0.0] * 5
    for s in ctx.schools:
        r = rng_for("sheds", s.name)
        teach = hist(s.n("教学及辅助用房面积"), 2024, (s.name, "area"), 0.02)
        admin = round(teach * r.uniform(0.08, 0.13))
        life = round(teach * r.uniform(0.15, 0.45)) if s.area != "城区" or s.kind in ("初中", "完全中学") else round(teach * 0.06)
        dang = 0
        total = teach + admin + life
        vals = (total, teach, admin, life, dang)
        rows.append([s.name, *[fmt(v, 0) for v in vals]])
        for k, v in enumerate(vals):
            tot[k] += v
    rows.append(["合计", *[fmt(v, 0) for v in tot]])
    make_form(ctx.leaf("C4"), x, rows=rows)


def c4(ctx: Ctx) -> None:
    t = T["C4"]
    x = t["产权证书"]
    scan_property_cert(ctx.leaf("C4") / x["file"], ctx.school(x["school"]))
    _c4_survey(ctx, t["测量表"])
    _c4_yearbook(ctx, t["统计年报"])


def _c5_survey(ctx: Ctx, x: dict) -> None:
    rows = []
    for s in ctx.schools:
        rr = rng_for("sport", s.name)
        tot = s.n("体育运动场馆面积")
        track = round(tot * rr.uniform(0.45, 0.6))
        courts = round(tot * rr.uniform(0.18, 0.28))
        hall = round(tot * rr.uniform(0.0, 0.12)) if s.area != "乡村" else 0
        other = tot - track - courts - hall
        if s.kind == "完全中学":
            per = stage_split(s, "体育运动场馆面积")["初中"] / s.n("初中在校生数")
        else:
            per = tot / max(1, s.students)
        rows.append([s.name, fmt(track, 0), fmt(courts, 0), fmt(hall, 0), fmt(other, 0), fmt(tot, 0), f"{per:.2f}"])
    s1, s2 = (ctx.school(n) for n in x["plans"])
    make_form(ctx.leaf("C5"), x, rows=rows,
              plan1=_drawn_form(lambda c, w, h: track_plan(c, w, h, s1), 330),
              plan2=_drawn_form(lambda c, w, h: track_plan(c, w, h, s2), 300))


def _c5_yearbook(ctx: Ctx, x: dict) -> None:
    rows, tot = [], [0.0] * 4
    for s in ctx.schools:
        a = hist(s.n("体育运动场馆面积"), 2024, (s.name, "sport"), 0.0)
        rr = rng_for("sport24", s.name)
        vals = (a, round(a * rr.uniform(0.45, 0.6)), round(a * rr.uniform(0.18, 0.28)), rr.choice([0, 0, 1, 2, 4]))
        rows.append([s.name, fmt(vals[0], 0), fmt(vals[1], 0), fmt(vals[2], 0), str(vals[3])])
        for k, v in enumerate(vals):
            tot[k] += v
    rows.append(["合计", *[fmt(v, 0) for v in tot]])
    make_form(ctx.leaf("C5"), x, rows=rows)


def _c5_notice(ctx: Ctx, r, x: dict) -> None:
    short = []
    for s, stage, st, _ in stage_rows(ctx.schools):
        per = stage_split(s, "体育运动场馆面积").get(stage, 0) / st
        need = {"小学": 7.5, "初中": 10.2}[stage]
        if per < need:
            short.append((s, stage, per, need, (need - per) * st))
    rows = [[str(i), s.name, stage, f"{per:.2f}", f"{need}", fmt(gap, 0), x["deadline"]]
            for i, (s, stage, per, need, gap) in enumerate(short, 1)] or [["1", "—", "—", "—", "—", "—", "—"]]
    names = "、".join(dict.fromkeys(s.name for s, *_ in short)) or x["none"]
    issue(ctx.leaf("C5"), x, dict(names=names, contact=contact(r, *x["contact"])), rows=rows)


def c5(ctx: Ctx) -> None:
    t = T["C5"]
    r = rng_for("C5")
    _c5_survey(ctx, t["测量表"])
    _c5_yearbook(ctx, t["统计年报"])
    _c5_notice(ctx, r, t["改扩建通知"])


# ---------------------------------------------------------------------------------------------
# C6 教学仪器设备
# ---------------------------------------------------------------------------------------------

def equipment_value(s: School, year: int) -> float:
    v = s.n("教学仪器设备值")
    if year >= 2025:
        return v
    r = rng_for("equip", s.name, year)
    return round(v * (1 - 0.075 * (2025 - year)) * r.uniform(0.985, 1.015), 1)


def _c6_accounts(ctx: Ctx, x: dict) -> None:
    for e in x["each"]:
        y, total = e["y"], e["total"]
        rows = []
        s_bud = s_adj = s_fin = 0.0
        for cd, nm, w in x["科目"]:
            rr = rng_for("js", y, cd)
            fin = round(total * w * rr.uniform(0.97, 1.03), 2)
            bud = round(fin * rr.uniform(0.9, 0.98), 2)
            adj = round(fin * rr.uniform(1.0, 1.03), 2)
            s_bud += bud
            s_adj += adj
            s_fin += fin
            rows.append([cd, nm, fmt(bud), fmt(adj), fmt(fin), pct(fin, adj)])
        rows.insert(0, [*x["合计科目"], fmt(s_bud), fmt(s_adj), fmt(s_fin), pct(s_fin, s_adj)])
        prev = {e_["y"]: e_["total"] for e_ in x["each"]}.get(y - 1, total / 1.046)
        ps, pj = 10850 + (y - 2022) * 420, 14230 + (y - 2022) * 560
        labels = x["两个只增不减"]
        per = [[labels[0], fmt(prev), fmt(s_fin), pct(s_fin - prev, prev, 2)],
               [labels[1], fmt(ps - 380, 0), fmt(ps, 0), pct(380, ps - 380, 2)],
               [labels[2], fmt(pj - 510, 0), fmt(pj, 0), pct(510, pj - 510, 2)],
               [labels[3], fmt(760 + (y - 2022) * 95.5), fmt(812.6 + (y - 2022) * 104.2),
                pct(52.6 + (y - 2022) * 8.7, 760 + (y - 2022) * 95.5, 2)]]
        v = dict(e, prev=y - 1, spent=fmt(s_fin), growth=pct(s_fin - prev, prev, 2))
        issue(ctx.leaf("C6"), x, v, rows=rows, per=per)


def _c6_ledger(ctx: Ctx, x: dict) -> None:
    summary = []
    for s in ctx.schools:
        summary.append([s.code, s.name, s.kind, *[equipment_value(s, y) for y in YEARS],
                        round(equipment_value(s, 2025) - equipment_value(s, 2023), 1)])
    sch = ctx.school(x["ledger_school"])
    ledger, k = [], 1
    rr = rng_for("ledger", sch.name)
    for y in (2019, 2020, 2021, 2022, 2023, 2024, 2025):
        for _ in range(rr.randint(4, 7)):
            nm, unit, lo, hi = rr.choice(x["资产"])
            qty = rr.randint(1, 40) if unit in x["按件计量"] else rr.randint(1, 6)
            price = round(rr.uniform(lo, hi), -1)
            d = dt.date(y, rr.randint(1, 11), rr.randint(1, 28))
            model = rr.choice([*x["规格型号"], "JY-" + str(rr.randint(100, 999))])
            ledger.append([f"QS{y}{k:04d}", nm, model, unit, qty, price, round(qty * price, 2), d.isoformat(),
                           rr.choice(x["存放地点"]), x["使用状况"]])
            k += 1
    write_xlsx(ctx.leaf("C6") / x["file"], [dict(x["summary"], rows=summary),
                                            dict(fill(x["ledger"], {"school": sch.name}), rows=ledger)],
               x["date"], BUREAU)


def _signatures(c, w, h, x: dict, r) -> None:
    """甲方 and 乙方 signatures and seals under the contract."""
    g, supplier = x["签章"], x["supplier"]
    c.setFont(pdf.TEXT, 13)
    c.drawString(0, h - 16, g["甲方"][0])
    c.drawString(0, h - 40, g["甲方"][1])
    c.drawString(0, h - 64, g["甲方"][2])
    c.drawString(w / 2 + 10, h - 16, f"{g['乙方']}{supplier[:6]}")
    c.drawString(w / 2 + 10, h - 32, supplier[6:])
    c.drawString(w / 2 + 10, h - 52, g["代表人"] + person(r, "男")[0])
    c.drawString(w / 2 + 10, h - 72, g["日期"])
    pdf.draw_seal(c, 110, h - 40, 38, BUREAU)
    pdf.draw_seal(c, w / 2 + 110, h - 44, 38, supplier, bottom=x["seal_bottom"])


def _acceptance_seals(c, w, h, x: dict) -> None:
    a, supplier = x["验收单"], x["supplier"]
    c.setFont(pdf.TEXT, 14)
    c.drawString(10, h - 30, a["签章"][0])
    c.drawString(10, h - 56, a["日期"])
    c.drawString(w / 2 + 20, h - 30, a["签章"][1])
    c.drawString(w / 2 + 20, h - 56, a["日期"])
    pdf.draw_seal(c, 60, h - 40, 44, BUREAU)
    pdf.draw_seal(c, w / 2 + 70, h - 42, 44, supplier, bottom=x["seal_bottom"])


def contract_pdf(folder, x: dict) -> None:
    r = rng_for("contract")
    rows, total = [], 0
    for i, (nm, u, q, pr) in enumerate(x["货物"], 1):
        amt = q * pr
        total += amt
        rows.append([str(i), nm, u, str(q), fmt(pr, 2), fmt(amt, 2), x["执行标准"]])
    rows.append(["", "合计", "", "", "", fmt(total, 2), ""])
    v = dict(contract_no=x["contract_no"], supplier=x["supplier"], total=fmt(total, 2))
    v["signers"] = "　".join(person(r)[0] for _ in range(3))
    acceptance = make_table(fill(x["验收单"], v), {})
    make_report(folder, x, v, goods=rows,
                signatures=pdf.Drawn(156 * pdf.mm, 84, lambda c, w, h: _signatures(c, w, h, x, r)),
                acceptance_title=pdf.title(x["验收单"]["title"]), acceptance=acceptance,
                acceptance_seals=pdf.Drawn(156 * pdf.mm, 110, lambda c, w, h: _acceptance_seals(c, w, h, x)))


def c6(ctx: Ctx) -> None:
    t = T["C6"]
    _c6_accounts(ctx, t["决算批复"])
    _c6_ledger(ctx, t["资产明细账"])
    contract_pdf(ctx.leaf("C6"), t["采购合同"])


# ---------------------------------------------------------------------------------------------
# C7 网络多媒体教室
# ---------------------------------------------------------------------------------------------

def _c7_register(ctx: Ctx, x: dict) -> None:
    rows, tot = [], [0, 0, 0]
    for s in ctx.schools:
        rr = rng_for("mm", s.name)
        n = int(s.n("网络多媒体教室数"))
        pan = max(0, n - rr.randint(0, max(1, n // 6)))
        proj = n - pan
        per = []
        for _, stage, st, _c in stage_rows([s]):
            per.append(f"{stage}{stage_split(s, '网络多媒体教室数')[stage] * 100 / st:.2f}")
        rows.append([s.name, str(s.classes or int(s.n("初中班级数"))), str(n), str(pan), str(proj),
                     rr.choice(x["带宽"]["城镇"]) if s.area != "乡村" else rr.choice(x["带宽"]["乡村"]),
                     "；".join(per)])
        tot[0] += n
        tot[1] += pan
        tot[2] += proj
    rows.append(["合计", "", *[str(v) for v in tot], "", ""])
    make_form(ctx.leaf("C7"), x, rows=rows)


def _c7_notice(ctx: Ctx, r, x: dict) -> None:
    rows = []
    for i, s in enumerate(ctx.schools, 1):
        rr = rng_for("ict", s.name)
        rows.append([str(i), s.name, str(int(hist(s.n("计算机台数"), 2024, (s.name, "pc"), 0.04))),
                     str(int(hist(s.n("网络多媒体教室数"), 2024, (s.name, "mm"), 0.05))),
                     str(1 if s.area == "城区" or s.students > 900 else 0), str(rr.randint(2, 12)),
                     fmt(hist(s.n("教学仪器设备值"), 2024, (s.name, "eq"), 0.07) * rr.uniform(0.22, 0.32), 1)])
    issue(ctx.leaf("C7"), x, dict(contact=contact(r, *x["contact"])), rows=rows)


def c7(ctx: Ctx) -> None:
    t = T["C7"]
    r = rng_for("C7")
    _c7_register(ctx, t["登记表"])
    _c7_notice(ctx, r, t["资产清单通知"])
    x = t["使用记录"]
    scan_usage_log(ctx.leaf("C7") / x["file"], x["school"], x["heading"], x["room"], x["start"], key="C7")

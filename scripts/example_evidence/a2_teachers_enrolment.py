"""A2 政府保障程度, second part (C15–C22): teachers' pay, training, staffing quotas and posts,
rotation, qualifications; admission near home, allocation of senior-high places, left-behind and
migrant children.

One function per leaf folder (``c15`` … ``c22``); the texts are in ``data/a2_teachers_enrolment.yaml``,
the figures are computed here from the school table and the indicator data.
"""
from __future__ import annotations

import csv

from reportlab.platypus import Spacer

from . import pdf
from .common import BUREAU, YEARS, Ctx, contact, fmt, hist, phone, rng_for, texts, ymd
from .docs import issue, make_docx, make_form, make_table
from .drawings import zone_map
from .office import save_workbook
from .people import NO_CERT, make_teachers, person
from .scans import scan_signin, tiff_certs

T = texts("a2_teachers_enrolment")


def c15(ctx: Ctx) -> None:
    t = T["C15"]
    t25 = int(ctx.fact("C15", "教师年平均工资收入", 112300))
    g25 = int(ctx.fact("C15", "公务员年平均工资收入", 108600))
    data = {2023: (t25 - 5800, g25 - 4700), 2024: (t25 - 2500, g25 - 2400), 2025: (t25, g25)}
    rows = []
    for y in YEARS:
        a, g = data[y]
        rows.append([str(y), fmt(a, 0), fmt(g, 0), fmt(a - g, 0), "是" if a >= g else "否",
                     fmt(a * 0.52, 0), fmt(a * 0.27, 0), fmt(a * 0.21, 0)])
    make_form(ctx.leaf("C15"), t["工资对比表"], rows=rows)
    n_t = int(sum(s.n("专任教师数") for s in ctx.schools) * 1.08)
    rows = [[s.name, str(int(s.n("专任教师数") * 1.08)), fmt(s.n("专任教师数") * 1.08 * 2.91, 1)] for s in ctx.schools]
    rows.append(["合计", str(sum(int(s.n("专任教师数") * 1.08) for s in ctx.schools)),
                 fmt(sum(s.n("专任教师数") * 1.08 * 2.91 for s in ctx.schools), 1)])
    issue(ctx.leaf("C15"), t["绩效工资"], dict(n=n_t), rows=rows)


def _c16_hours(ctx: Ctx, x: dict) -> None:
    rows = []
    for s in ctx.schools:
        n = int(s.n("专任教师数"))
        rr = rng_for("hours", s.name)
        rows.append([s.name, str(n), str(n), "100.0", str(rr.randint(362, 420)), str(rr.randint(120, 190)),
                     str(rr.randint(60, 110)), str(rr.randint(110, 180))])
    total = str(sum(int(s.n('专任教师数')) for s in ctx.schools))
    rows.append(["合计", total, total, "100.0", "", "", "", ""])
    sch = ctx.school(x["school"])
    rr = rng_for("hours-detail")
    det = []
    for i, t in enumerate(make_teachers(sch, "hours"), 1):
        a, b, c_ = rr.randint(100, 150), rr.randint(60, 110), rr.randint(110, 170)
        det.append([str(i), t.name, t.subject, str(a), str(b), str(c_), str(a + b + c_), x["done"]])
    make_form(ctx.leaf("C16"), x, dict(school=sch.name), rows=rows, detail=det)


def c16(ctx: Ctx) -> None:
    t = T["C16"]
    r = rng_for("C16")
    x = t["培训计划"]
    issue(ctx.leaf("C16"), x, dict(contact=contact(r, *x["contact"])))
    make_docx(ctx.leaf("C16"), t["培训总结"])
    _c16_hours(ctx, t["学时登记表"])
    scan_signin(ctx.leaf("C16") / t["签到表"]["file"], ctx.schools)


# ---------------------------------------------------------------------------------------------
# C17 编制, C18 交流轮岗, C19 教师资格
# ---------------------------------------------------------------------------------------------

def catalogue_entry(spec: dict, order: int) -> list:
    """One line of a folder's 目录: 文件名, 题名, 文号, 责任者, 日期, 备注, 顺序."""
    return [spec["file"], spec["title"], spec.get("docno"), spec.get("org", spec.get("author", BUREAU)),
            spec["date"], spec.get("remark"), order]


def c17(ctx: Ctx) -> None:
    t = T["C17"]
    d = ctx.leaf("C17")
    n_staff = int(sum(s.n("专任教师数") for s in ctx.schools) * 1.1)
    issue(d, t["编制核定"], dict(total=n_staff + 412, n=n_staff, other=412))
    rows = []
    for s in ctx.schools:
        rr = rng_for("bz", s.name)
        n = int(s.n("专任教师数"))
        bz = int(n * 1.1) + rr.randint(1, 2)
        zaigang = max(n, bz - rr.randint(0, 2))
        senior = int(bz * rr.uniform(0.08, 0.12))
        mid = int(bz * rr.uniform(0.4, 0.5))
        rows.append([s.name, str(s.classes), str(s.students), str(bz), str(zaigang), str(senior), str(mid), str(bz - senior - mid)])
    make_form(d, t["分配表"], rows=rows)
    issue(d, t["岗位设置"])
    with open(d / "目录.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(T["目录表头"])
        for i, key in enumerate(("编制核定", "分配表", "岗位设置"), 1):
            e = catalogue_entry(t[key], i)
            w.writerow([e[0], e[1], e[2] or "", e[3], ymd(e[4]), e[5], str(e[6])])


def _c18_attachment(ctx: Ctx, x: dict, rr, y: int, n: int, bb: int):
    """The 2025 list of rotated teachers, or the numbers per school in earlier years."""
    if y == 2025:
        a = x["名单"]
        names = []
        for i in range(n):
            frm = rr.choice([s for s in ctx.schools if s.area == "城区"])
            to = rr.choice([s for s in ctx.schools if s.area != "城区"])
            if i % 5 == 4:
                frm, to = to, frm
            nm, g = person(rr)
            names.append([str(i + 1), nm, g, rr.choice(a["学科"]), frm.short, to.short, a["骨干"] if i < bb else ""])
        return a["kind"], make_table(dict(a, rows="rows"), {"rows": names})
    a = x["分配表"]
    rows = []
    alloc = [max(1, round(n * s.n("专任教师数") / sum(x_.n("专任教师数") for x_ in ctx.schools))) for s in ctx.schools]
    for s, k in zip(ctx.schools, alloc):
        rows.append([s.name, str(k), str(max(0, round(k * bb / n + rr.uniform(-0.4, 0.4))))])
    return a["kind"], make_table(dict(a, rows="rows"), {"rows": rows})


def c18(ctx: Ctx) -> None:
    t = T["C18"]
    n25 = t["交流人数2025"]
    pct25 = float(ctx.fact("C18", "交流轮岗教师占符合条件教师比例", 12.6))
    bb_pct25 = float(ctx.fact("C18", "交流轮岗教师中骨干教师比例", 18.5))
    bb25 = round(n25 * bb_pct25 / 100)
    stats = {**{y: tuple(v) for y, v in t["统计"].items()}, 2025: (round(n25 / pct25 * 100), n25, bb25)}
    x = t["交流轮岗通知"]
    for e in x["each"]:
        y = e["y"]
        elig, n, bb = stats[y]
        rr = rng_for("exchange", y)
        shortfall = [pdf.p(x["shortfall"])] if y == 2025 and bb * 100 / n < 20 else []
        kind, att = _c18_attachment(ctx, x, rr, y, n, bb)
        v = dict(e, n=n, elig=elig, bb=bb, share=n * 100 / elig, bb_share=bb * 100 / n, list_kind=kind)
        issue(ctx.leaf("C18"), x, v, shortfall=shortfall, attachment=att)
    rows = []
    for y in YEARS:
        elig, n, bb = stats[y]
        rows.append([str(y), str(elig), str(n), f"{n * 100 / elig:.1f}", "是" if n * 100 / elig >= 10 else "否",
                     str(bb), f"{bb * 100 / n:.1f}", "是" if bb * 100 / n >= 20 else "否"])
    make_form(ctx.leaf("C18"), t["统计表"], rows=rows)


def c19(ctx: Ctx) -> None:
    t = T["C19"]
    x = t["登记表"]
    rows, missing = [], []
    for s in ctx.schools:
        n, c_ = int(s.n("专任教师数")), int(s.n("持证专任教师数") or s.n("专任教师数"))
        rows.append([s.name, str(n), str(c_), f"{c_ * 100 / n:.1f}" if n else "", str(n - c_) if n > c_ else ""])
        if n > c_:
            for tt in make_teachers(s, "cert"):
                if tt.cert == NO_CERT:
                    missing.append([s.name, tt.name, tt.gender, tt.subject, str(tt.start), x["progress"]])
    extra = []
    if missing:
        extra = [Spacer(1, 8), pdf.label(x["missing_label"]), make_table(x["missing_table"], {"missing": missing})]
    sch = ctx.school(x["school"])
    det = [[str(i), t_.name, t_.gender, t_.subject, t_.cert, t_.cert_no] for i, t_ in enumerate(make_teachers(sch, "cert"), 1)]
    make_form(ctx.leaf("C19"), x, dict(school=sch.name), rows=rows, missing=extra, detail=det)
    tiff_certs(ctx.leaf("C19") / t["复印件"], make_teachers(sch, "cert")[:6], sch)


# ---------------------------------------------------------------------------------------------
# C20 就近入学, C21 名额分配, C22 留守儿童与随迁子女
# ---------------------------------------------------------------------------------------------

def _c20_zones(r, x: dict, urban) -> list:
    zones = []
    streets = x["streets"]
    for i, s in enumerate(urban):
        a, b = streets[i % len(streets)], streets[(i + 3) % len(streets)]
        q1 = r.choice(x["quarters"])
        area = x["zone"].format(a=a, b=b, q1=q1, q2=r.choice(x["communities"]))
        zones.append([s.name, area, str(r.randint(6, 12) * 45 if '小学' in s.name else r.randint(8, 14) * 50)])
    return zones


def c20(ctx: Ctx) -> None:
    t = T["C20"]
    r = rng_for("C20")
    urban = [s for s in ctx.schools if s.area == "城区"]
    x = t["招生通知"]
    issue(ctx.leaf("C20"), x, dict(contact=contact(r, *x["contact"])))
    x = t["招生方案"]
    v = dict(contact=contact(r, *x["contact"]))
    issue(ctx.leaf("C20"), x, v, zones=_c20_zones(r, x, urban))
    issue(ctx.leaf("C20"), t["学区通告"], dict(phone=phone(r)),
          map=pdf.Drawn(156 * pdf.mm, 330, lambda c, w, h: zone_map(c, w, h, urban)))
    x = t["入学统计表"]
    urb = float(ctx.fact("C20", "城区就近划片入学比例", 100))
    town = float(ctx.fact("C20", "镇区就近划片入学比例", 97.8))
    rows = []
    for y, (tu, tt) in {**x["比例"], 2025: (urb, town)}.items():
        for area, ratio in (("城区", tu), ("镇区", tt)):
            for stage in x["grades"]:
                rr = rng_for("enrol", y, area, stage)
                n = rr.randint(1500, 2200) if area == "城区" else rr.randint(900, 1400)
                near = round(n * ratio / 100)
                rows.append([str(y), area, stage, str(n), str(near), f"{near * 100 / n:.1f}", str(n - near)])
    make_form(ctx.leaf("C20"), x, rows=rows)


def _c21_alloc(juniors, plan: int, share: float, y: int):
    quota = round(plan * share / 100)
    grads = {s.name: hist(s.n("初中在校生数") / 3, y, (s.name, "grad"), -0.01) for s in juniors}
    w = {s.name: grads[s.name] * (1.25 if s.area == "乡村" else 1.1 if s.area == "镇区" else 1.0) for s in juniors}
    tw = sum(w.values())
    out = {k: int(quota * v / tw) for k, v in w.items()}
    rest = quota - sum(out.values())
    for k in sorted(out, key=lambda k_: -w[k_])[:rest]:
        out[k] += 1
    return grads, out, quota


def c21(ctx: Ctx) -> None:
    t = T["C21"]
    shares = {**t["分配比例"], 2025: float(ctx.fact("C21", "优质高中招生名额分配比例", 55))}
    plan = t["统招计划"]
    juniors = [s for s in ctx.schools if s.junior]
    grads, out, quota = _c21_alloc(juniors, plan[2024], shares[2024], 2024)
    rows = [[str(i), s.name, s.area, str(grads[s.name]), str(out[s.name]), f"{out[s.name] * 100 / grads[s.name]:.1f}"]
            for i, s in enumerate(juniors, 1)]
    rows.append(["", "合计", "", str(sum(grads.values())), str(quota), f"{quota * 100 / sum(grads.values()):.1f}"])
    issue(ctx.leaf("C21"), t["名额分配通知"], dict(plan=plan[2024], quota=quota, share=shares[2024]), rows=rows)
    rows = []
    for y in YEARS:
        grads, out, quota = _c21_alloc(juniors, plan[y], shares[y], y)
        rural_share = sum(v for k, v in out.items() if ctx.school(k).area != "城区") / quota * 100
        rows.append([str(y), str(plan[y]), str(quota), f"{quota * 100 / plan[y]:.1f}", f"{rural_share:.1f}",
                     "是" if quota * 100 / plan[y] >= 50 else "否"])
    make_form(ctx.leaf("C21"), t["统计表"], rows=rows)


def _c22_left_behind(ctx: Ctx, r, x: dict) -> list:
    rows = []
    rural = [s for s in ctx.schools if s.area != "城区" and s.primary]
    for i in range(x["n"]):
        s = rural[i % len(rural)]
        nm, g = person(r)
        grade = r.randint(1, 6)
        rows.append([str(i + 1), nm, g, s.short, x["grade"].format(n=grade), r.choice(x["留守类型"]),
                     r.choice(x["监护人"]), r.choice(x["寄宿"]), person(r)[0]])
    return rows


def _c22_catalogue(d, t: dict) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    x = t["目录"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = x["sheet"]
    ws.append(T["目录表头"])
    for i, key in enumerate(("实施意见", "留守儿童台账", "随迁子女统计表", "情况说明"), 1):
        ws.append(catalogue_entry(t[key], i))
    for c_ in ws[1]:
        c_.font = Font(name="黑体", bold=True)
        c_.alignment = Alignment(horizontal="center")
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        for c_ in row:
            c_.number_format = "yyyy-mm-dd"
    for col, wdt in zip("ABCDEFG", (18, 60, 22, 28, 12, 28, 6)):
        ws.column_dimensions[col].width = wdt
    save_workbook(d / x["file"], wb, x["date"], BUREAU)


def c22(ctx: Ctx) -> None:
    t = T["C22"]
    r = rng_for("C22")
    d = ctx.leaf("C22")
    issue(d, t["实施意见"])
    make_form(d, t["留守儿童台账"], rows=_c22_left_behind(ctx, r, t["留守儿童台账"]))
    x = t["随迁子女统计表"]
    ratio25 = float(ctx.fact("C22", "随迁子女在公办学校和政府购买服务民办学校就读比例", 93.6))
    rows = []
    for y, ratio in {**x["比例"], 2025: ratio25}.items():
        tot = x["随迁子女数"][y]
        pub = round(tot * (ratio - 2.1) / 100)
        bought = round(tot * ratio / 100) - pub
        rows.append([str(y), str(tot), str(pub), str(bought), str(tot - pub - bought), f"{(pub + bought) * 100 / tot:.1f}"])
    make_form(d, x, rows=rows)
    make_docx(d, t["情况说明"], dict(ratio=ratio25))
    _c22_catalogue(d, t)

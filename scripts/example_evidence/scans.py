"""The 'scanned' evidence images: certificates, registers, sign-in sheets, a questionnaire, a screenshot.

Each function lays out one kind of page with ``scan.Sheet`` and writes it as JPEG, TIFF or PNG; the
words on the pages come from ``data/scans.yaml``.  Random draws (names, numbers, handwriting jitter)
are seeded per document and happen in a fixed order, so the images are the same on every run.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from PIL import Image, ImageDraw

from .common import BUREAU, Ctx, School, fmt, rng_for, texts
from .people import Teacher, person
from .scan import Sheet, finish, pil_font, save_jpeg

T = texts("scans")


def scan_diploma(path: Path, t: Teacher, key: str) -> None:
    """A photocopied 毕业证书 of one teacher."""
    x = T["毕业证书"]
    r = rng_for("diploma", key, t.name)
    sh = Sheet(100, 297, 210, rng=r)          # landscape copy of a certificate
    sh.rect(12, 12, 285, 198, 2.2)
    sh.rect(15, 15, 282, 195, 0.8)
    sh.ctext(32, x["heading"], 20, sans=True)
    sh.ctext(46, x["title"], 30, sans=True)
    sh.photo_box(36, 70, 68, 112)
    y0 = int(t.born[:4])
    g0 = t.start - 4 if t.start - 4 > y0 + 17 else y0 + 18
    v = dict(name=t.name, gender=t.gender, born_y=t.born[:4], born_m=int(t.born[5:]), day=r.randint(1, 28),
             g0=g0, g1=g0 + 4, major=t.major, college=t.college)
    v.update(president=person(r, "男")[0], grad_day=r.randint(20, 30))
    v.update(no1=r.randint(1000, 9999), no2=r.randint(1000000, 9999999))
    y = 74
    for ln in x["lines"]:
        sh.text(86, y, ln.format_map(v), 15)
        y += 12
    sh.text(86, 140, x["college"].format_map(v), 14)
    sh.text(86, 152, x["president"].format_map(v), 14)
    sh.text(190, 168, x["date"].format_map(v), 14)
    sh.text(30, 178, x["number"].format_map(v), 11)
    sh.seal(205, 150, 21, t.college, star=True)
    sh.text(215, 188, x["copy_note"], 10)
    sh.hand(262, 186, x["clerk"], 11)
    img = finish(sh, r, angle=r.uniform(-1.2, 1.2), copy=True)
    save_jpeg(path, img, 100, quality=68)


def scan_backbone_cert(path: Path, name: str, subject: str) -> None:
    """A 县级骨干教师 certificate."""
    x = T["骨干教师证书"]
    r = rng_for("bbcert")
    sh = Sheet(100, 297, 210, rng=r)
    sh.rect(10, 10, 287, 200, 3, outline=(150, 30, 30))
    sh.rect(14, 14, 283, 196, 1, outline=(150, 30, 30))
    sh.ctext(40, x["title"], 40, sans=True, fill=(170, 25, 25))
    y = sh.wrap_text(40, 80, 217, x["salutation"].format(name=name), 20, indent=0)
    y = sh.wrap_text(40, y + 4, 217, x["text"].format(subject=subject), 20)
    sh.wrap_text(40, y + 4, 217, x["closing"], 20)
    sh.text(185, 160, x["issuer"], 18)
    sh.text(190, 174, x["date"], 16)
    sh.text(30, 186, x["number"].format(no=r.randint(100, 199)), 11)
    sh.seal(208, 165, 21, BUREAU)
    img = finish(sh, r, angle=r.uniform(-1.5, 1.5), paper=(246, 243, 236))
    save_jpeg(path, img, 100, quality=68)


def scan_property_cert(path: Path, s: School) -> None:
    """A photocopied 不动产权证书 of a school."""
    x = T["不动产权证书"]
    r = rng_for("property", s.name)
    sh = Sheet(105, 210, 297, rng=r)
    sh.ctext(22, x["heading"], 14, sans=True)
    sh.ctext(32, x["title"], 24, sans=True)
    sh.text(132, 48, x["number"].format(no=r.randint(10000, 99999)), 10)
    v = dict(school=s.name, street_no=r.randint(10, 199))
    v.update(unit1=r.randint(1000, 9999))
    v.update(unit2=r.randint(1000, 9999), land=fmt(s.n("体育运动场馆面积") * 2.1, 2),
             floor=fmt(s.n("教学及辅助用房面积") * 1.32, 2))
    fields = [(k, val.format_map(v)) for k, val in x["fields"]]
    xs, ys = sh.grid(22, 56, [38, 128], [17] * len(fields) + [40])
    for i, (k, val) in enumerate(fields):
        sh.cell_text(xs, ys, i, 0, k, 11)
        sh.text(xs[1] + 3, ys[i] + 5.5, val, 10 if len(val) > 26 else 11)
    sh.cell_text(xs, ys, len(fields), 0, x["remark_label"], 11)
    sh.text(xs[1] + 3, ys[-2] + 6, x["remarks"][0], 10.5)
    sh.text(xs[1] + 3, ys[-2] + 14, x["remarks"][1], 10.5, fill=(90, 90, 90))
    sh.seal(150, 262, 20, x["seal"], bottom=x["seal_bottom"])
    sh.text(120, 285, x["date"], 11)
    img = finish(sh, r, angle=r.uniform(-1.0, 1.0), copy=True)
    save_jpeg(path, img, 105, quality=68)


def _usage_row(sh: Sheet, r: random.Random, xs, ys, i, d: dt.date, teachers, equipment: bool) -> None:
    x = T["使用登记"]
    sh.hand(xs[0] + 2, ys[i] + 1.8, f"{d.month}.{d.day}", 10)
    sh.hand(xs[1] + 3, ys[i] + 1.8, x["period"].format(n=r.randint(1, 7)) if not equipment
            else f"{r.randint(8, 16)}:{r.choice(['00', '30'])}", 10)
    sh.hand(xs[2] + 2, ys[i] + 1.6, r.choice(teachers), 11)
    sh.hand(xs[3] + 2, ys[i] + 1.8, r.choice(x["subjects"]) if not equipment else f"{r.randint(7, 9)}({r.randint(1, 6)})", 10)
    sh.hand(xs[4] + 2, ys[i] + 1.8, r.choice(x["labs"] if equipment else x["contents"]), 10)
    sh.hand(xs[5] + 4, ys[i] + 1.8, x["status"][0] if r.random() < 0.93 else x["status"][1], 10)


def scan_usage_log(path: Path, school: str, heading: str, room: str, start: dt.date, key: str,
                   equipment: bool = False) -> None:
    """A handwritten register of a multimedia room or laboratory."""
    x = T["使用登记"]
    r = rng_for("usage", key)
    sh = Sheet(100, rng=r)
    sh.ctext(20, school, 13, sans=True)
    sh.ctext(29, heading, 17, sans=True)
    sh.text(18, 40, x["line"].format(room=room, no=r.randint(1000, 9999), keeper=person(r)[0]), 10)
    cols = x["columns_equipment" if equipment else "columns"]
    widths = [22, 13, 20, 16, 58, 22, 23]
    heights = [10] + [8.6] * 26
    xs, ys = sh.grid(12, 46, widths, heights)
    for j, c_ in enumerate(cols):
        sh.cell_text(xs, ys, 0, j, c_, 10.5, True)
    d = start
    teachers = [person(r)[0] for _ in range(6)]
    for i in range(1, 27):
        if i > 1 and r.random() < 0.45:
            d += dt.timedelta(days=1)
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
        if i > 22:
            continue
        _usage_row(sh, r, xs, ys, i, d, teachers, equipment)
    img = finish(sh, r, angle=r.uniform(-1.4, 1.4), gray=False)
    save_jpeg(path, img, 100, quality=68)


def scan_signin(path: Path, schools: list[School]) -> None:
    """The sign-in sheet of one group at the 2024 summer training."""
    x = T["培训签到表"]
    r = rng_for("signin")
    sh = Sheet(100, rng=r)
    sh.ctext(20, x["title"], 17, sans=True)
    sh.text(16, 33, x["lines"][0], 10)
    sh.text(16, 40, x["lines"][1], 10)
    xs, ys = sh.grid(14, 46, [12, 26, 58, 26, 30, 30], [10] + [9.0] * 26)
    for j, hd in enumerate(x["columns"]):
        sh.cell_text(xs, ys, 0, j, hd, 10.5, True)
    schools = [s for s in schools if s.area != "城区" and s.primary]
    for i in range(1, 27):
        s = schools[(i - 1) // 4 % len(schools)]
        nm = person(r)[0]
        sh.cell_text(xs, ys, i, 0, str(i), 10)
        sh.cell_text(xs, ys, i, 1, nm, 10)
        sh.cell_text(xs, ys, i, 2, s.name, 9.5)
        sh.cell_text(xs, ys, i, 3, r.choice(x["subjects"]), 10)
        if i not in (9, 21):
            sh.hand(xs[4] + 5, ys[i] + 1.6, nm, 11.5)
            sh.hand(xs[5] + 5, ys[i] + 1.6, nm, 11.5)
        else:
            sh.hand(xs[4] + 4, ys[i] + 1.8, x["absent"], 10.5, ink=(160, 30, 30))
    sh.text(120, 292, x["maker"], 9)
    img = finish(sh, r, angle=r.uniform(-1.6, 1.6), gray=True)
    save_jpeg(path, img, 100, quality=68)


def _cert_copy(sh: Sheet, r: random.Random, t: Teacher, y0: float) -> None:
    x = T["教师资格证书"]
    sh.rect(20, y0, 190, y0 + 120, 2.5)
    sh.ctext(y0 + 10, x["heading"], 13, sans=True)
    sh.ctext(y0 + 20, x["title"], 22, sans=True)
    sh.photo_box(30, y0 + 42, 58, y0 + 80)
    by, bm = t.born.split(".")
    issuer = x["issuers"]["县" if "小学" in t.cert or "初级" in t.cert else "市"]
    values = [t.name, t.gender, x["born"].format(y=by, m=bm), t.cert, t.subject, t.cert_no, issuer]
    for i, (a, b) in enumerate(zip(x["fields"], values)):
        sh.text(70, y0 + 40 + i * 10, f"{a}：{b}", 12)
    sh.text(140, y0 + 108, x["date"].format(y=t.start, m=r.randint(6, 12), d=r.randint(1, 28)), 11)
    sh.seal(160, y0 + 96, 15, issuer, bottom=None)


def tiff_certs(path: Path, teachers: list[Teacher], s: School) -> None:
    """A multi-page bilevel TIFF: photocopies of 教师资格证, two per A4 page."""
    pages = []
    r = rng_for("tiff")
    for k in range(0, len(teachers), 2):
        sh = Sheet(150, rng=r)
        for j, t in enumerate(teachers[k:k + 2]):
            _cert_copy(sh, r, t, 18 + j * 140)
        sh.text(30, 292, T["教师资格证书"]["copy_note"].format(school=s.name), 10)
        img = finish(sh, r, angle=r.uniform(-0.6, 0.6), gray=True)
        img = img.point(lambda v: 0 if v < 150 else 255).convert("1", dither=Image.Dither.NONE)
        pages.append(img)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, "TIFF", compression="group4", dpi=(150, 150), save_all=True, append_images=pages[1:])


def scan_homework_notice(path: Path) -> None:
    """A class's handwritten weekly homework notice, signed by parents."""
    x = T["作业公示"]
    r = rng_for("homework")
    sh = Sheet(100, rng=r)
    sh.ctext(22, x["title"], 16, sans=True)
    teacher = person(r)[0]
    sh.text(20, 34, x["line"].format(teacher=teacher, head=person(r)[0]), 10)
    xs, ys = sh.grid(16, 42, [20, 22, 74, 30, 32], [10] + [15.5] * 15)
    for j, hd in enumerate(x["columns"]):
        sh.cell_text(xs, ys, 0, j, hd, 11, True)
    content = x["contents"]
    i = 1
    for day in range(5):
        for subj in content:
            if i > 15:
                break
            sh.hand(xs[0] + 2, ys[i] + 4.5, x["date"].format(day=11 + day), 11)
            sh.hand(xs[1] + 4, ys[i] + 4.5, subj, 11)
            sh.hand(xs[2] + 2, ys[i] + 4.5, r.choice(content[subj]), 11)
            sh.hand(xs[3] + 5, ys[i] + 4.5, x["minutes"].format(n=r.choice([10, 15, 15, 20])), 11)
            if r.random() < 0.8:
                sh.hand(xs[4] + 6, ys[i] + 4.5, person(r)[0], 11, ink=(25, 25, 25))
            i += 1
    sh.text(20, 282, x["note"], 10)
    img = finish(sh, r, angle=r.uniform(-1.8, 1.8), gray=True)
    save_jpeg(path, img, 100, quality=68)


def scan_questionnaire(path: Path) -> None:
    """A parent's filled-in satisfaction questionnaire."""
    x = T["调查问卷"]
    r = rng_for("questionnaire")
    sh = Sheet(100, rng=r)
    sh.ctext(18, x["title"], 16, sans=True)
    sh.ctext(27, x["subtitle"], 13, sans=True)
    y = sh.wrap_text(18, 36, 174, x["intro"], 10.5)
    sh.text(18, y + 2, x["school_label"], 10.5)
    sh.hand(48, y + 1, x["school"], 11)
    sh.text(110, y + 2, x["grade_label"], 10.5)
    sh.hand(140, y + 1, x["grade"], 11)
    y += 12
    for q in x["questions"]:
        sh.text(18, y, q, 10.5)
        y += 7
        for k, opt in enumerate(x["options"]):
            xx = 26 + k * 40
            sh.rect(xx, y, xx + 3.6, y + 3.6, 1)
            sh.text(xx + 5, y - 0.4, opt, 10.5)
        choice = 0 if r.random() < 0.72 else 1 if r.random() < 0.85 else 2
        sh.tick(26 + choice * 40, y + 0.4, 4.2)
        y += 10
    sh.text(18, y, x["open_question"], 10.5)
    sh.hand(24, y + 8, x["answer"], 11)
    sh.line(20, y + 15, 190, y + 15, 1)
    sh.line(20, y + 24, 190, y + 24, 1)
    sh.text(110, 286, x["footer"], 9.5)
    sh.text(18, 286, x["number"].format(no=r.randint(1000, 2099)), 9.5)
    img = finish(sh, r, angle=r.uniform(-1.5, 1.5))
    save_jpeg(path, img, 100, quality=68)


def _platform_table(d, f, schools, x: dict, W: int) -> None:
    cols = x["columns"]
    xs = [244, 520, 620, 720, 820, 950, 1080]
    d.rectangle([236, 238, W - 36, 270], fill=(245, 247, 250))
    for xx, c_ in zip(xs, cols):
        d.text((xx, 245), c_, font=f(15), fill=(80, 88, 100))
    r = rng_for("platform")
    for i, s in enumerate(schools[:15]):
        y = 280 + i * 29
        d.text((xs[0], y), s.name, font=f(15, False), fill=(30, 40, 55))
        for k in range(1, 5):
            d.text((xs[k] + 8, y), "√" if r.random() < 0.96 else "—", font=f(15), fill=(30, 150, 80))
        d.text((xs[5], y), f"{r.uniform(86, 99.5):.1f}%", font=f(15, False), fill=(30, 40, 55))
        d.text((xs[6], y), f"2025-09-{r.randint(20, 29)}", font=f(15, False), fill=(30, 40, 55))
        d.line([(236, y + 24), (W - 36, y + 24)], fill=(236, 238, 242))


def platform_png(path: Path, ctx: Ctx) -> None:
    """A screenshot of the county's school management platform (not a scan: crisp, PNG)."""
    x = T["平台截图"]
    W, H = 1280, 760
    img = Image.new("RGB", (W, H), (240, 242, 245))
    d = ImageDraw.Draw(img)
    f = lambda px, sans=True: pil_font(px, sans)  # noqa: E731
    d.rectangle([0, 0, W, 56], fill=(24, 96, 178))
    d.text((24, 14), x["title"], font=f(24), fill="white")
    d.text((W - 330, 20), x["user"], font=f(15), fill=(220, 232, 248))
    d.rectangle([0, 56, 200, H], fill=(38, 50, 68))
    for i, m in enumerate(x["menu"]):
        y = 74 + i * 44
        if i == 0:
            d.rectangle([0, y - 10, 200, y + 30], fill=(24, 96, 178))
        d.text((36, y), m, font=f(16), fill="white")
    v = dict(schools=len(ctx.schools), students=sum(s.students for s in ctx.schools),
             teachers=int(sum(s.n("专任教师数") for s in ctx.schools)))
    for i, (a, b) in enumerate(x["cards"]):
        xx = 224 + i * 262
        d.rectangle([xx, 76, xx + 244, 168], fill="white", outline=(222, 226, 232))
        d.text((xx + 18, 90), a, font=f(15), fill=(110, 118, 130))
        d.text((xx + 18, 120), b.format_map(v), font=f(28), fill=(30, 40, 55))
    d.rectangle([224, 188, W - 24, H - 24], fill="white", outline=(222, 226, 232))
    d.text((244, 202), x["panel"], font=f(18), fill=(30, 40, 55))
    _platform_table(d, f, ctx.schools, x, W)
    d.text((W - 260, H - 50), x["pager"], font=f(14), fill=(110, 118, 130))
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG", optimize=True)

"""A4 社会认可度 (C32): the satisfaction survey's plan, a filled-in questionnaire, the tally and the report.

The texts and the default survey counts are in ``data/a4.yaml``; counts in the project's
``指标数据.yaml`` (key C32) take precedence.
"""
from __future__ import annotations

from reportlab.lib import colors

from . import pdf
from .common import Ctx, contact, rng_for, texts
from .docs import issue, make_form, make_report
from .drawings import D as DRAWINGS, bar_chart
from .people import person
from .scans import scan_questionnaire

T = texts("a4")


def survey_counts(ctx: Ctx) -> dict:
    got = ctx.facts.get("C32")
    return got if isinstance(got, dict) and got else T["C32"]["调查结果"]


def _chart(c, w, h, counts: dict) -> None:
    vals = []
    for k, v in counts.items():
        n = sum(int(x) for x in v.values())
        vals.append(round((int(v.get("满意", 0)) + int(v.get("基本满意", 0))) * 100 / n, 1) if n else 0)
    bar_chart(c, w, h, title=DRAWINGS["认可度图"]["title"], categories=list(counts.keys()), series=[vals],
              fills=[colors.Color(0.2, 0.5, 0.7)], vrange=(50, 100, 10))


def c32(ctx: Ctx) -> None:
    t = T["C32"]
    r = rng_for("C32")
    counts = survey_counts(ctx)
    x = t["调查方案"]
    ways = x["抽样方式"]
    samples = [[k, str(sum(v.values())), ways.get(k, ways["其他"])] for k, v in counts.items()]
    issue(ctx.leaf("C32"), x, dict(contact=contact(r, *x["contact"])), samples=samples)
    scan_questionnaire(ctx.leaf("C32") / t["问卷样本"])
    rows, tot = [], [0, 0, 0]
    for k, v in counts.items():
        a, b, c_ = int(v.get("满意", 0)), int(v.get("基本满意", 0)), int(v.get("不满意", 0))
        n = a + b + c_
        rows.append([k, str(n), str(a), str(b), str(c_), f"{(a + b) * 100 / n:.2f}" if n else ""])
        tot = [tot[0] + a, tot[1] + b, tot[2] + c_]
    n = sum(tot)
    rows.append(["合计", str(n), *[str(x_) for x_ in tot], f"{(tot[0] + tot[1]) * 100 / n:.2f}"])
    make_form(ctx.leaf("C32"), t["统计表"], dict(clerk=person(r)[0]), rows=rows)
    x = t["调查报告"]
    rate = (tot[0] + tot[1]) * 100 / n
    v = dict(n=n, a=tot[0], b=tot[1], c=tot[2], rate=rate, verdict=x["verdict"]["达标" if rate >= 85 else "未达标"])
    make_report(ctx.leaf("C32"), x, v, chart=pdf.Drawn(156 * pdf.mm, 230, lambda c, w, h: _chart(c, w, h, counts)))

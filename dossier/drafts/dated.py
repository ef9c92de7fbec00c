"""What a draft dated D may say about the gaps: which are still open and which were closed by then (with what
was done, from 整改进展.yaml), the deadlines it promises (none before D; a measure's due date already past is
moved forward), the risks (a deadline after the inspection), the work-plan rows, and whether it speaks of the
baseline (dated before the self-assessment's results: 据统计数据初步测算) or of the self-assessment's results.
"""
from __future__ import annotations

import datetime as dt

from dossier.compute.rectify import CLOSED
from dossier.core.zh import date_cn, join_cn
from dossier.drafts import prose, workplan


def _done(ctx, states, at: dt.date) -> list[dict]:
    """The 整改进展 entries completed by `at` for these gaps, each once, in date order."""
    seen, out = set(), []
    for s in states:
        for e in s.entries:
            if e.complete and e.done <= at and id(e) not in seen:
                seen.add(id(e))
                out.append({"code": e.code, "school": e.school, "stage": e.stage, "measure": e.measure,
                            "figures": e.figures, "date": date_cn(e.done), "done": e.done,
                            "evidence": list(e.evidence)})
    return sorted(out, key=lambda d: d["done"])


def _done_groups(ctx, closed: list, at: dt.date) -> list[dict]:
    """One item per indicator whose gaps were all closed by `at`: what was done."""
    rect, index = ctx.rectification, ctx.framework.index()
    out = []
    for code in dict.fromkeys(s.gap.code for s in closed):
        states = [s for s in closed if s.gap.code == code]
        if any(s.status(at) != CLOSED for s in rect.for_code(code)):
            continue                                   # partly closed: reported with the open ones
        done = _done(ctx, states, at)
        out.append({"code": code, "title": index[code].title, "short": prose.short_title(index[code].title),
                    "n_items": len(states), "done": done, "done_text": "；".join(_done_line(d) for d in done),
                    "closed": date_cn(max(d["done"] for d in done)) if done else ""})
    return out


def _done_line(d: dict) -> str:
    who = d["school"] + (f"（{d['stage']}）" if d["stage"] and d["school"] else "")
    text = f"{who}{d['measure']}" if who else d["measure"]
    return text + (f"，{d['figures']}" if d["figures"] else "") + f"（{d['date']}完成）"


def _rows(ctx, at: dt.date) -> list[dict]:
    """The 问题清单 rows: every gap with its measure, units, deadline and its status as of `at`."""
    rect = ctx.rectification
    out = []
    for i, s in enumerate(rect.states, 1):
        row = workplan.gap_row(s.gap, i, ctx, "")
        m, closed = s.measure, s.closed_on(at)
        due = workplan.redated(m.due, at)
        row.update(kind=m.kind, lead=m.lead, responsible=m.responsible, planned=date_cn(m.due),
                   units=join_cn([m.lead, m.responsible], "；"), deadline="" if closed else f"{date_cn(due)}前",
                   status=s.status(at), closed=date_cn(closed) if closed else "",
                   measure=_row_measure(ctx, s), done="；".join(_done_line(d) for d in _done(ctx, [s], at)))
        out.append(row)
    return out


def _row_measure(ctx, s) -> str:
    """The measure of one gap, with the 差异系数 plan's figure for a school the plan raises."""
    g = s.gap
    for p in ctx.evaluation.cv_plans:
        if p.code == g.code and (g.stage in (None, p.stage)):
            if g.school_code is None:
                return f"{s.measure.kind}：{len(p.schools)}所学校合计增加{p.total:g}{p.unit}"
            for sp in p.schools:
                if sp.code == g.school_code:
                    return f"{s.measure.kind}：增加{sp.add:g}{p.unit}（按差异系数测算）"
    return s.measure.kind


def plan_at(ctx, base: dict, at: dt.date) -> dict:
    """The template variables about gaps and plans for a draft dated `at`."""
    rect = ctx.rectification
    open_states = [s for s in rect.states if s.status(at) != CLOSED]
    closed = [s for s in rect.states if s.status(at) == CLOSED]
    groups = workplan.gap_groups(ctx, [s.gap for s in open_states], at)
    for g in groups:                              # what was done for the indicator's gaps already closed
        g["done_text"] = "；".join(_done_line(d) for d in _done(ctx, [s for s in closed if s.gap.code == g["code"]], at))
    partly = [{**i, "deadline": f"{date_cn(workplan.redated(rect.measures[i['code']].due, at))}前"}
              for i in base["indicators"] if i["partly"] and not rect.for_code(i["code"])]
    tasks = []
    for area in base["areas"]:
        ag = [g for g in groups if g["area_code"] == area["code"]]
        ap = [i for i in partly if any(i["code"] == x["code"] for x in area["indicators"])]
        if ag or ap:
            tasks.append({"code": area["code"], "title": area["title"], "heading": prose.task_heading(area["title"]),
                          "groups": ag, "partly": ap})
    deadline = workplan.deadline(ctx, groups, at)
    risks = [g for g in groups if g["risk"]]
    risk_kinds = []
    for kind in dict.fromkeys(g["kind"] for g in risks):
        these = [g for g in risks if g["kind"] == kind]
        risk_kinds.append({"kind": kind, "titles": join_cn(g["short"] for g in these), "bridge": these[0]["bridge"],
                           "deadline": f"{date_cn(max(g['due'] for g in these))}前"})
    rows = _rows(ctx, at)
    ev = ctx.evaluation
    return {
        "deadline": date_cn(deadline), "deadline_all": date_cn(max([deadline] + [g["due"] for g in groups])),
        "gaps": rows, "gap_groups": groups, "done_groups": _done_groups(ctx, closed, at),
        "done": _done(ctx, rect.states, at), "partly": partly, "has_gaps": bool(rows), "risks": risks, "risk_kinds": risk_kinds, "has_safe": any(not g["risk"] for g in groups),
        "rectified": bool(closed), "all_closed": bool(rect.states) and not open_states,
        "gap_summary": {"n": len(rows), "n_schools": len({g.school_code for g in ev.gaps if g.school_code}),
                        "n_county": sum(1 for g in ev.gaps if g.school_code is None), "n_codes": len(groups),
                        "n_open": len(open_states), "n_closed": len(closed)},
        "plan": workplan.plan_rows(ctx, groups, partly, at), "tasks": tasks,
        "baseline": at < rect.schedule.check_end,
        "fix_start": f"{rect.schedule.fix_start.year}年{rect.schedule.fix_start.month}月",
        "inspection": date_cn(rect.schedule.inspection) if rect.schedule.inspection else "",
    }

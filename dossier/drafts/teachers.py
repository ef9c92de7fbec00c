"""The 教师情况统计表's context (`teachers`): per school its full-time teachers, 持证, 中级及以上职称 and, per 学段,
the teachers with a degree above the required one, the 县级及以上骨干 and the 体育艺术 teachers — counted from the
教职工花名册 (`dossier.load.roster`, counts only: no name or birth date reaches a template) when the project
has one, else taken from the school table. Evidence for C1–C3 and C19."""
from __future__ import annotations

from dossier.core.zh import fmt_int, fmt_pct, join_cn
from dossier.load.rostercheck import roster_value

STAGES = ("小学", "初中")
DASH = "—"


def _show(value) -> str:
    return DASH if value is None else fmt_int(value)


def _stage_cells(school, counts, stage: str) -> dict:
    if stage not in school.stages:
        return {"students": DASH, "teachers": DASH, "qualified": DASH, "backbone": DASH, "pe_art": DASH}
    if counts is not None:
        st = counts.stages.get(stage)
        got = (lambda a: getattr(st, a) if st else 0)
        teachers = got("teachers")
        return {"students": fmt_int(school.students(stage)), "teachers": fmt_int(teachers),
                "qualified": fmt_int(got("qualified")), "backbone": fmt_int(got("backbone")),
                "pe_art": fmt_int(got("pe_art"))}
    only = len(school.stages) == 1 and school.type not in ("完全中学", "十二年一贯制学校")
    return {"students": fmt_int(school.students(stage)),
            "teachers": _show(school.get("专任教师数")) if only else DASH,
            "qualified": _show(school.get(f"{stage}高于规定学历教师数")),
            "backbone": _show(school.get(f"{stage}县级及以上骨干教师数")),
            "pe_art": _show(school.get(f"{stage}体育艺术专任教师数"))}


def _rate(certified, teachers) -> str:
    return fmt_pct(100.0 * certified / teachers) if teachers else DASH


def _totals(schools, roster) -> dict:
    """The whole project's figures: from the roster's counts, or the school table's sums."""
    def total(column):
        vals = [roster_value(roster.of(s.code), column) if roster and roster.of(s.code) else s.get(column)
                for s in schools]
        vals = [v for v in vals if v is not None]
        return sum(vals) if vals else None

    out = {c: total(c) for c in ("专任教师数", "持证专任教师数", "中级及以上职称教师数")}
    for stage in STAGES:
        having = [s for s in schools if stage in s.stages]
        out[stage] = {"schools": len(having), "students": sum(s.students(stage) for s in having)}
        for key, column in (("qualified", "高于规定学历教师数"), ("backbone", "县级及以上骨干教师数"),
                            ("pe_art", "体育艺术专任教师数")):
            out[stage][key] = total(f"{stage}{column}") if having else None
        if roster:
            stage_counts = [roster.of(s.code).stages.get(stage) for s in having if roster.of(s.code)]
            out[stage]["teachers"] = sum(st.teachers for st in stage_counts if st)
            out[stage]["split"] = {w: sum(getattr(st, a) for st in stage_counts if st)
                                   for w, a in (("体育", "pe"), ("音乐", "music"), ("美术", "art"))}
    return out


def _summary(t: dict, roster) -> str:
    """One paragraph of the totals, in the order of the table."""
    parts = []
    for stage in STAGES:
        s = t[stage]
        if not s["schools"] or s["qualified"] is None:
            continue
        text = (f"{stage}{'专任教师' + fmt_int(s['teachers']) + '人，其中' if roster else ''}高于规定学历教师"
                f"{fmt_int(s['qualified'])}人、县级及以上骨干教师{_show(s['backbone'])}人、体育艺术专任教师"
                f"{_show(s['pe_art'])}人")
        if roster and s["pe_art"]:
            text += "（" + "、".join(f"{w}{n}人" for w, n in s["split"].items() if n) + "）"
        parts.append(text)
    return "；".join(parts)


def teachers_context(ctx) -> dict:
    schools, roster = ctx.facts.schools, ctx.facts.roster
    rows = []
    for i, s in enumerate(schools, 1):
        counts = roster.of(s.code) if roster else None
        teachers = roster_value(counts, "专任教师数") if counts else s.get("专任教师数")
        certified = roster_value(counts, "持证专任教师数") if counts else s.get("持证专任教师数")
        titled = roster_value(counts, "中级及以上职称教师数") if counts else s.get("中级及以上职称教师数")
        if roster and counts is None:
            teachers = certified = titled = 0
        rows.append({"num": i, "name": s.name, "teachers": _show(teachers), "certified": _show(certified),
                     "rate": _rate(certified, teachers) if certified is not None else DASH, "titled": _show(titled),
                     **{f"{'p' if st == '小学' else 'j'}_{k}": v for st in STAGES
                        for k, v in _stage_cells(s, counts, st).items()}})
    t = _totals(schools, roster)
    total = {"teachers": _show(t["专任教师数"]), "certified": _show(t["持证专任教师数"]),
             "titled": _show(t["中级及以上职称教师数"]),
             "rate": _rate(t["持证专任教师数"], t["专任教师数"]) if t["持证专任教师数"] is not None else DASH}
    for st, key in (("小学", "p"), ("初中", "j")):
        s = t[st]
        total.update({f"{key}_students": fmt_int(s["students"]) if s["schools"] else DASH,
                      f"{key}_teachers": fmt_int(s["teachers"]) if roster and s["schools"] else DASH,
                      **{f"{key}_{k}": _show(s[k]) for k in ("qualified", "backbone", "pe_art")}})
    staff = sum(c.staff for c in roster.schools.values()) if roster else 0
    source = (f"教职工花名册（登记教职工{fmt_int(staff)}人）逐人统计"
              if roster else f"学校基础数据表（{ctx.facts.table_file or '学校基础数据'}）")
    return {"present": True, "from_roster": bool(roster), "rows": rows, "total": total, "source": source,
            "summary": _summary(t, roster), "teachers": total["teachers"], "certified": total["certified"],
            "rate": total["rate"], "titled": total["titled"],
            "senior": join_cn(s.name for s in schools if s.type in ("完全中学", "十二年一贯制学校"))}

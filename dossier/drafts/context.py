"""The context every template sees: plain dicts, lists and strings built once from the `Context` (facts and
the computed `Evaluation`; no figure is recomputed): the unit, dates written the Chinese way, the areas with
their indicators and results, the per-school tables (`dossier.drafts.tables`), the survey, the vetoes, the gap
list and work plan (`dossier.drafts.workplan`), the implementation phases and the people; then, per kind, the
document's own title and date (`kind_context`).
"""
from __future__ import annotations

from dossier.compute.model import STATUS_MET, STATUS_MISSED, STATUS_MISSING, STATUS_NA, STATUS_PARTLY, IndicatorResult
from dossier.compute.trends import TOTALS, compulsory_total, senior_note
from dossier.core.numerals import cn_numeral
from dossier.core.zh import date_cn, fmt_area, fmt_count_wan, fmt_int, fmt_num, fmt_pct, fmt_wan, join_cn
from dossier.drafts import dated, kinds, prose, record, tables
from dossier.drafts.jinja import Counter, Numbering
from dossier.drafts.kinds import DraftKind, framework_word
from dossier.drafts.prose import short_title, title_lines, unit_words
from dossier.drafts.teachers import teachers_context
from dossier.drafts.workplan import units_of


def _rule_text(fw) -> str:
    rule = fw.settings.school_rule
    if rule is None or not rule.indicators:
        return ""
    codes = rule.indicators
    floor = rule.floor_ratio
    floor_text = f"、其余指标不低于要求的{fmt_num(float(floor) * 100, 0)}%" if floor else ""
    min_met = rule.min_met if rule.min_met is not None else len(codes)
    return f"{len(codes)}项指标中至少{fmt_num(min_met, 0)}项达到要求{floor_text}"


def _person(p) -> dict:
    post = p.post or ""
    unit = p.unit or ""
    full = post if (not unit or post.startswith(unit)) else f"{unit}{post}"
    return {"name": p.name, "post": full, "unit": unit, "title": post}


def _group(g, num: int = 0) -> dict:
    if g is None:
        return {"present": False, "name": "", "leaders": [], "deputies": [], "members": [], "roster": [],
                "office_at": "", "office_director": "", "leader_text": "", "deputy_text": "", "members_text": "",
                "leaders_text": "", "deputies_text": "", "duties": [], "n_members": 0, "num": num}
    leaders = [_person(p) for p in g.leaders]
    deputies = [_person(p) for p in g.deputies]
    members = [_person(p) for p in g.members]
    roster = ([{"role": "组长", **p} for p in leaders] + [{"role": "副组长", **p} for p in deputies]
              + [{"role": "成员", **p} for p in members])
    office = g.office or {}
    return {
        "present": True, "num": num, "name": g.name, "leaders": leaders, "deputies": deputies, "members": members,
        "roster": roster, "n_members": len(members),
        "office_at": str(office.get("设在", "") or ""), "office_director": str(office.get("主任", "") or ""),
        "leader_text": join_cn(f"{p['post']}{p['name']}" for p in leaders),
        "deputy_text": join_cn(f"{p['post']}{p['name']}" for p in deputies),
        "leaders_text": join_cn(p["name"] for p in leaders),
        "deputies_text": join_cn(p["name"] for p in deputies),
        "members_text": join_cn(p["name"] for p in members),
        "duties": list(g.duties),
    }


SHARED = set(TOTALS) | {"持证专任教师数"}


def _overview(ctx) -> dict:
    schools = ctx.facts.schools
    stages = ctx.framework.stages
    types_order = ["小学", "初中", "九年一贯制学校", "十二年一贯制学校", "完全中学", "教学点"]
    type_counts = {t: sum(1 for s in schools if s.type == t) for t in types_order}
    area_counts = {a: sum(1 for s in schools if s.area == a) for a in ("城区", "镇区", "乡村")}

    def total(col: str) -> float | None:
        """The compulsory stages' total: a 完全中学's senior share left out (see compute.trends)."""
        if col in SHARED:
            value = compulsory_total(schools, col, ctx.framework.split_weights)
            return None if value is None else round(value, 1 if col == "教学仪器设备值" else 0)
        vals = [s.get(col) for s in schools if s.get(col) is not None]
        return sum(vals) if vals else None

    students = {st: sum(s.students(st) for s in schools) for st in stages}
    classes = {st: total(f"{st}班级数") for st in stages}
    stage_rows = []
    for st in stages:
        having = [s for s in schools if st in (s.stages or [])]
        if not having:
            continue

        def col(c: str) -> float | None:
            vals = [s.get(c) for s in having if s.get(c) is not None]
            return sum(vals) if vals else None

        n_students = sum(s.students(st) for s in having)
        n_classes = col(f"{st}班级数")
        stage_rows.append({
            "stage": st, "schools": fmt_int(len(having)), "students": fmt_int(n_students),
            "classes": fmt_int(n_classes) if n_classes is not None else "—",
            "class_size": fmt_num(n_students / n_classes, 1) if n_classes else "—",
            "qualified": fmt_int(col(f"{st}高于规定学历教师数")) if col(f"{st}高于规定学历教师数") is not None else "—",
            "backbone": fmt_int(col(f"{st}县级及以上骨干教师数")) if col(f"{st}县级及以上骨干教师数") is not None else "—",
            "pe_art": fmt_int(col(f"{st}体育艺术专任教师数")) if col(f"{st}体育艺术专任教师数") is not None else "—",
        })
    teachers = total("专任教师数")
    certified = total("持证专任教师数")
    return {
        "n_schools": len(schools),
        "school_type": schools[0].type if len(schools) == 1 else "",
        "types_text": join_cn(f"{t}{n}所" for t, n in type_counts.items() if n),
        "areas_text": join_cn(f"{a}{n}所" for a, n in area_counts.items() if n),
        "type_counts": type_counts,
        "students_total": fmt_int(sum(students.values())),
        "students_text": join_cn(f"{st}{fmt_int(n)}人" for st, n in students.items() if n),
        "students": {st: fmt_int(n) for st, n in students.items()},
        "classes_total": fmt_int(sum(v for v in classes.values() if v)) if any(classes.values()) else "",
        "classes_text": join_cn(f"{st}{fmt_int(n)}个" for st, n in classes.items() if n),
        "teachers": fmt_int(teachers) if teachers is not None else "",
        "certified": fmt_int(certified) if certified is not None else "",
        "building": fmt_area(total("教学及辅助用房面积")),
        "sports": fmt_area(total("体育运动场馆面积")),
        "equipment": fmt_wan(total("教学仪器设备值")),
        "multimedia": fmt_int(total("网络多媒体教室数")) if total("网络多媒体教室数") is not None else "",
        "computers": fmt_int(total("计算机台数")) if total("计算机台数") is not None else "",
        "books": fmt_num((total("图书册数") or 0) / 10000, 2, strip=True) if total("图书册数") else "",
        "books_text": fmt_count_wan(total("图书册数"), "册"),
        "stage_rows": stage_rows,
        "table_file": ctx.facts.table_file or "",
        "senior_note": senior_note(schools),
    }


def _indicator(ind: IndicatorResult, leaf, fw) -> dict:
    return {
        "code": ind.code, "title": ind.title, "short": short_title(ind.title), "standard": ind.standard,
        "status": ind.status, "value": ind.value, "threshold": ind.threshold, "basis": ind.basis,
        "note": ind.note, "kind": ind.kind,
        "self": ind.kind == "self", "computed": ind.kind not in ("self",),
        "ok": ind.status == STATUS_MET, "partly": ind.status == STATUS_PARTLY,
        "missed": ind.status == STATUS_MISSED, "missing": ind.status == STATUS_MISSING,
        "na": ind.status == STATUS_NA,
        "lead": (leaf.lead if leaf and leaf.lead else fw.settings.default_lead),
        "responsible": (leaf.responsible if leaf and leaf.responsible else fw.settings.default_responsible),
        "evidence": list(leaf.evidence) if leaf else [],
        "unit": units_of(leaf),
    }


def _status_counts(items: list[dict]) -> dict:
    c = {"n": 0, "met": 0, "partly": 0, "missed": 0, "missing": 0}
    for i in items:
        if i["na"]:
            continue
        c["n"] += 1
        c["met"] += i["ok"]
        c["partly"] += i["partly"]
        c["missed"] += i["missed"]
        c["missing"] += i["missing"]
    parts = [f"达标{c['met']}项"]
    if c["partly"]:
        parts.append(f"基本达标{c['partly']}项")
    if c["missed"]:
        parts.append(f"未达标{c['missed']}项")
    if c["missing"]:
        parts.append(f"未填报{c['missing']}项")
    c["text"] = "、".join(parts)
    return c


def _areas(ctx) -> tuple[list[dict], list[dict]]:
    """The framework's areas, each with its indicators' results; and every indicator in leaf order."""
    fw, ev = ctx.framework, ctx.evaluation
    inds = {i.code: i for i in ev.indicators}
    rule_set = set(tables.rule_codes(fw))
    areas, all_items = [], []
    for a_i, area in enumerate(fw.areas, 1):
        items = [_indicator(inds[leaf.code], leaf, fw) for leaf in fw.leaves()
                 if leaf.area is area and leaf.code in inds]
        shown = [i for i in items if not i["na"]]
        groups = [child for child in area.children if not child.is_leaf]          # the B level, if any
        areas.append({"code": area.code, "title": area.title, "num": a_i, "indicators": shown, "all_indicators": items,
                      "groups": [{"code": g.code, "title": g.title} for g in groups],
                      "groups_text": join_cn(f"{g.code}{g.title}" for g in groups),
                      "counts": _status_counts(items),
                      "computed": [i for i in shown if not i["self"] and i["code"] not in rule_set],
                      "self_items": [i for i in shown if i["self"]],
                      "has_rule": any(i["code"] in rule_set for i in shown),
                      "school_codes": [],
                      "survey": any(i["kind"] == "survey" for i in shown)})
        all_items.extend(items)
    return areas, all_items


def _summary(all_items: list[dict]) -> dict:
    summary = _status_counts(all_items)
    summary["missed_list"] = [i for i in all_items if i["missed"]]
    summary["partly_list"] = [i for i in all_items if i["partly"]]
    summary["missed_codes"] = join_cn(f"{i['code']}" for i in summary["missed_list"])
    return summary


def _survey(ev) -> dict:
    sv = ev.survey or {}
    groups = [{"name": name, "valid": fmt_int(g.get("valid")), "favourable": fmt_int(g.get("favourable")),
               "rate": fmt_pct(g.get("rate"))} for name, g in (sv.get("groups") or {}).items()]
    return {"present": bool(groups), "groups": groups, "rate": fmt_pct(sv.get("rate")),
            "threshold": fmt_pct(sv.get("threshold"), 0), "method": str(sv.get("method", "") or ""),
            "ok": (sv.get("rate") or 0) >= (sv.get("threshold") or 0) if groups else None,
            "valid_total": fmt_int(sum(g.get("valid") or 0 for g in (sv.get("groups") or {}).values()))}


def _score(ev) -> dict | None:
    """A scored framework's totals for the 自评报告: rows for each A and B, the total and the grade."""
    sc = ev.score
    if sc is None:
        return None
    rows = []
    for area in sc["areas"]:
        rows.append({"label": f"{area['code']} {area['title']}", "score": fmt_num(area["score"], 2, strip=True),
                     "max": fmt_num(area["max"], 2, strip=True)})
        for child in area.get("children", []):
            if "children" in child:
                rows.append({"label": f"　{child['code']} {child['title']}",
                             "score": fmt_num(child["score"], 2, strip=True), "max": fmt_num(child["max"], 2, strip=True)})
    lost = [a for a in sc["areas"] if a["score"] < a["max"]]
    lost_text = ("失分主要在" + join_cn(f"{a['code']}{a['title']}（{fmt_num(a['max'] - a['score'], 2, strip=True)}分）"
                                       for a in sorted(lost, key=lambda a: a["score"] - a["max"])[:3]) + "。") if lost else ""
    return {"total": fmt_num(sc["total"], 2, strip=True), "max": fmt_num(sc["max"], 2, strip=True),
            "grade": sc["grade"], "rows": rows, "lost_text": lost_text,
            "veto_text": f"（一票否决：{join_cn(sc['vetoed'])}）" if sc.get("vetoed") else ""}


def _vetoes(ev) -> dict:
    vetoes = [{"code": v.get("code", ""), "title": v.get("title", ""), "value": v.get("value"), "met": v.get("met"),
               "declared": v.get("value") not in (None, "")} for v in ev.vetoes]
    return {
        "list": vetoes, "present": bool(vetoes), "declared": any(v["declared"] for v in vetoes),
        "ok": all(v["met"] is not False for v in vetoes),
        "all_ok": bool(vetoes) and all(v["met"] is True for v in vetoes),
        "failed": [v for v in vetoes if v["met"] is False],
        "failed_text": join_cn(v["title"] for v in vetoes if v["met"] is False),
        "titles": join_cn(v["title"] for v in vetoes),
        "undeclared_text": join_cn(v["title"] for v in vetoes if not v["declared"]),
    }


def _unit(ctx) -> dict:
    p, fw = ctx.project, ctx.framework
    return {"name": p.unit_name, "short": p.short_name,
            "title_name": p.short_name if p.level == "county" else p.unit_name,
            "superior": p.unit.superior, "bureau": p.unit.bureau or fw.settings.default_lead,
            "signatory": p.signatory, **unit_words(ctx)}


def _framework(fw) -> dict:
    return {"id": fw.id, "title": fw.title, "basis": fw.basis, "kind": framework_word(fw),
            "n_leaves": len(fw.leaves()), "n_areas": len(fw.areas), "n_areas_cn": cn_numeral(len(fw.areas)),
            "areas_text": join_cn(a.title for a in fw.areas), "rule": _rule_text(fw),
            "cv_limits": {st: fmt_num(v, 2) for st, v in fw.cv_limit.items()},
            "goals": [{"title": g.title, "text": g.text} for g in fw.settings.goals]}


def build_context(ctx) -> dict:
    """The variables every template sees (format-independent; plain dicts, lists and strings)."""
    p, fw, ev = ctx.project, ctx.framework, ctx.evaluation
    county = p.level == "county"
    areas, all_items = _areas(ctx)
    info = tables.codes_info(fw)
    cv_rows, cv_stages, cv_summary = tables.cv_table(ctx, info)
    tables.other_school_tables(ctx, areas)
    people = ctx.facts.people
    lg = _group(people.leading_group)
    fw_info, st_tables = _framework(fw), tables.stage_tables(ctx, info)
    return {
        "county": county, "school": not county, "level": p.level, "unit": _unit(ctx), "year": p.year,
        "evidence_years": join_cn(f"{y}年" for y in p.evidence_years),
        "years": (f"{min(p.evidence_years)}—{max(p.evidence_years)}年" if p.evidence_years else f"{p.year}年"),
        "dates": {str(k): date_cn(d) for k, d in p.config.dates.items()},
        "fw": fw_info, "ov": _overview(ctx), "summary": _summary(all_items), "areas": areas,
        "indicators": all_items, "rule_codes": info, "stage_tables": st_tables,
        "judgement": tables.resource_judgement(ctx, fw_info, st_tables, cv_summary),
        "cv_rows": cv_rows, "cv_stages": cv_stages, "cv": cv_summary, "survey": _survey(ev), "vetoes": _vetoes(ev),
        "score": _score(ev),
        "phases": prose.phases(ctx, lg["name"]), "lg": lg,
        "wgs": [_group(g, i) for i, g in enumerate(people.working_groups, 1)],
        "duties": [{"dept": d, "text": t} for d, t in people.department_duties],
        "charts": [], "teachers": teachers_context(ctx),
    }


def _inspection(ctx, base: dict) -> dict:
    """迎检 (人员.yaml): escorts, the reporter, the archive room, the route, the teams — with defaults from the
    leading group and the working groups where the project gives none."""
    insp, lg = ctx.facts.people.inspection, base["lg"]
    names = {s.code: s.name for s in ctx.facts.schools}
    posts = {p["name"]: p["post"] for p in lg["roster"]}
    if insp is not None and insp.escorts:
        escorts = [{"name": e.name, "post": e.post or posts.get(e.name, ""), "duty": e.unit or "陪同评估组"} for e in insp.escorts]
    else:
        escorts = [{"name": p["name"], "post": p["post"], "duty": "陪同评估组"} for p in lg["leaders"] + lg["deputies"]]
    reporter = (insp.reporter if insp and insp.reporter else "") or (lg["leaders"][0]["name"] if lg["leaders"] else "")
    route = [names.get(r, r) for r in (insp.route if insp else [])]
    when = ctx.rectification.schedule.inspection
    bureau = base["unit"]["bureau"] if ctx.project.level == "county" else "学校办公室"
    return {
        "date": date_cn(when) if when else "", "escorts": escorts,
        "reporter": f"{posts.get(reporter, '')}{reporter}", "route": route,
        "archive_room": (insp.archive_room if insp and insp.archive_room else "") or f"{bureau}档案资料室",
        "survey_org": (insp.survey if insp and insp.survey else "") or bureau,
        "groups": [_group(g, i) for i, g in enumerate(insp.groups, 1)] if insp and insp.groups else base["wgs"],
        "own_groups": bool(insp and insp.groups),
    }


def kind_context(base: dict, ctx, kind: DraftKind) -> dict:
    """The shared context plus the document's own: its kind, title, date, signature, and fresh counters."""
    p = ctx.project
    label = kind.label(p.level)
    word = framework_word(ctx.framework)
    unit = base["unit"]["title_name"]
    group = base["lg"]["name"] or f"{unit}推进义务教育{word}发展工作领导小组"
    title = kind.title.format(unit=unit, full=p.unit_name, framework=ctx.framework.title, kind=word, label=label,
                              group=group)
    d = kind.date(p) or p.build_time().date()
    out = dict(base)
    out.update(dated.plan_at(ctx, base, d))
    out["work"] = record.work_at(ctx, base, d)
    out["insp"] = _inspection(ctx, base)
    leader = base["lg"]["leaders"][0] if base["lg"]["leaders"] else None
    out["speech"] = {"speaker": f"{leader['post']}  {leader['name']}" if leader else ""}
    out["trend"] = record.trend_context(ctx, d)
    out["kind"] = kind.name
    out["doc"] = {"kind": kind.name, "label": label, "title": title, "date": date_cn(d),
                  "title_br": "\n".join(title_lines(title)), "signature": base["unit"]["signatory"],
                  "file": kinds.file_stem(ctx, kind)}
    out["titles"] = {k.name: k.title.format(unit=unit, full=p.unit_name, framework=ctx.framework.title, kind=word,
                                            label=k.label(p.level), group=group) for k in kinds.KINDS.values()}
    out["num"] = Numbering()
    out["tables"] = Counter()
    out["figures"] = Counter()
    return out

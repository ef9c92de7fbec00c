"""The tables of the drafts, as rows of display cells: the school-rule indicators per 学段 (one row per school,
the 差异系数 row under them), the 差异系数 table (one row per indicator, one cell per 学段), and the other
per-school indicators of each area (C10, C11, C12, C19). Figures are rounded as `dossier.core.zh.fmt_value`
rounds them, never so that a miss would read as a pass."""
from __future__ import annotations

from dossier.core.zh import fmt_auto, fmt_int, fmt_num, fmt_threshold, fmt_value, join_cn
from dossier.drafts.prose import short_title
from dossier.drafts.workplan import units_of

EMPTY = {"text": "—", "met": None, "missed": False, "value": None}


def rule_codes(fw) -> list[str]:
    """The indicators of the per-school tables: the school rule's, else the cv or ratio leaves."""
    codes = fw.rule_codes
    if not codes:
        codes = [leaf.code for leaf in fw.leaves() if leaf.type == "cv"]
    if not codes:
        codes = [leaf.code for leaf in fw.leaves() if leaf.type == "ratio"]
    return codes


def codes_info(fw) -> list[dict]:
    index = fw.index()
    return [{"code": code, "title": index[code].title, "short": short_title(index[code].title),
             "unit": units_of(index[code])} for code in rule_codes(fw) if code in index]


def _cell(v, unit: str) -> dict:
    if v is None:
        return dict(EMPTY)
    return {"text": fmt_value(v.value, v.threshold, v.met, unit), "met": v.met, "missed": v.met is False,
            "value": v.value}


def _school_row(s, stage: str, info: list[dict], county: bool) -> dict:
    return {"name": s.name, "code": s.code, "type": s.type, "area": s.area, "stage": stage,
            "students": fmt_int(s.students), "cells": [_cell(s.indicators.get(c["code"]), c["unit"]) for c in info],
            "met_count": s.met_count, "met_text": f"{s.met_count}/{len(info)}", "passed": s.passed,
            "passed_text": "达标" if s.passed else ("未达标" if s.passed is False else "—"), "reason": s.reason,
            "label": s.name if county else f"{stage}部"}


def stage_tables(ctx, info: list[dict]) -> list[dict]:
    """One table per 学段 that has schools: the school-rule indicators of each school, thresholds, 差异系数."""
    fw, ev = ctx.framework, ctx.evaluation
    county = ctx.project.level == "county"
    out = []
    for st in [st for st in fw.stages if any(s.stage == st for s in ev.schools)]:
        results = [s for s in ev.schools if s.stage == st]
        thresholds = []
        for c in info:
            th = next((s.indicators[c["code"]].threshold for s in results
                       if c["code"] in s.indicators and s.indicators[c["code"]].threshold is not None), None)
            thresholds.append({"code": c["code"], "text": fmt_threshold(th), "value": th})
        rows = [_school_row(s, st, info, county) for s in results]
        cv_cells = []
        for c in info:
            cv = ev.cv.get(st, {}).get(c["code"])
            cv_cells.append({"code": c["code"], "text": fmt_num(cv.cv, 3) if cv and cv.cv is not None else "—",
                             "met": cv.met if cv else None, "missed": bool(cv and cv.met is False),
                             "value": cv.cv if cv else None})
        failed = [r for r in rows if r["passed"] is False]
        out.append({
            "stage": st, "name": st, "n": len(rows), "rows": rows, "thresholds": thresholds, "cv": cv_cells,
            "cv_limit": fmt_num(fw.cv_limit.get(st), 2) if fw.cv_limit.get(st) is not None else "",
            "n_passed": sum(1 for r in rows if r["passed"]), "n_failed": len(failed),
            "failed": failed, "failed_text": join_cn(r["name"] for r in failed),
            "students": fmt_int(sum(s.students for s in results)),
        })
    return out


def _cv_cell(cv, stage: str, unit: str) -> dict:
    shown = fmt_num(cv.cv, 3) if cv and cv.cv is not None else "—"
    return {
        "stage": stage, "cv": shown, "text": shown, "value": cv.cv if cv else None,
        "limit": fmt_num(cv.limit, 2) if cv and cv.limit is not None else "",
        "mean": fmt_value(cv.mean, None, None, unit) if cv and cv.mean is not None else "—",
        "n": cv.n if cv else 0, "met": cv.met if cv else None, "missed": bool(cv and cv.met is False),
        "result": ("达标" if cv.met else "未达标" if cv.met is False else "—") if cv else "—",
    }


def cv_table(ctx, info: list[dict]) -> tuple[list[dict], list[str], dict]:
    """The 差异系数 table (rows, the 学段 it has), and its summary (how many over the limit, the highest)."""
    fw, ev = ctx.framework, ctx.evaluation
    stages = [st for st in fw.stages if any(c.cv is not None for c in (ev.cv.get(st) or {}).values())]
    rows = []
    for c in info:
        found = [ev.cv.get(st, {}).get(c["code"]) for st in stages]
        if any(cv is not None for cv in found):
            cells = [_cv_cell(cv, st, c["unit"]) for cv, st in zip(found, stages)]
            rows.append({"code": c["code"], "title": c["title"], "short": c["short"], "cells": cells,
                         "ok": all(x["met"] is not False for x in cells)})
    missed = [(r, x) for r in rows for x in r["cells"] if x["missed"]]
    summary = {
        "n": len(rows) * len(stages), "missed": len(missed),
        "missed_text": join_cn(f"{x['stage']}{r['title']}（{x['cv']}）" for r, x in missed),
        "max": {st: max((x["value"] for r in rows for x in r["cells"] if x["stage"] == st and x["value"] is not None),
                        default=None) for st in stages},
    }
    summary["max_text"] = {st: fmt_num(v, 3) if v is not None else "—" for st, v in summary["max"].items()}
    summary["limits_text"] = join_cn(f"{st}不高于{fmt_num(fw.cv_limit[st], 2)}" for st in stages if st in fw.cv_limit)
    return rows, stages, summary


def _other_cell(v, leaf) -> dict:
    if v is None:
        return dict(EMPTY)
    text = fmt_auto(v.value) if v.value is not None else "未填报"
    if leaf.type == "rooms_per_classes" and v.threshold is not None and v.value is not None:
        text = f"{fmt_num(v.value, 0)}/{fmt_num(v.threshold, 0)}"
    return {"text": text, "met": v.met, "missed": v.met is False, "value": v.value}


def rooms_words(leaf) -> str:
    """The rooms of a rooms_per_classes leaf in words: 音乐专用教室, 美术专用教室 → 音乐、美术专用教室."""
    import os.path
    names = [room.name for room in leaf.evaluate.rooms]
    suffix = os.path.commonprefix([n[::-1] for n in names])[::-1] if len(names) > 1 else ""
    return "、".join(n[: len(n) - len(suffix)] for n in names) + suffix


def other_school_tables(ctx, areas: list[dict]) -> None:
    """Each area's per-school indicators outside the school rule (C10, C11, C12, C19): `school_codes` and
    `school_rows` of the area, one row per school and 学段."""
    fw, ev = ctx.framework, ctx.evaluation
    county = ctx.project.level == "county"
    rule_set = set(rule_codes(fw))
    others = [leaf for leaf in fw.leaves()
              if leaf.code not in rule_set and any(leaf.code in s.indicators for s in ev.schools)]
    for area in areas:
        codes = [leaf for leaf in others if leaf.area.code == area["code"]]
        area["school_codes"] = [{"code": leaf.code, "title": leaf.title, "short": short_title(leaf.title),
                                 "unit": units_of(leaf) or ("人" if leaf.type in ("enrolment_max", "column_max")
                                                            else "")} for leaf in codes]
        area["rooms_note"] = "".join(f"{rooms_words(leaf)}一栏为“已配间数/应配间数”，间数或每间面积未达到要求的均加粗标示。"
                                     for leaf in codes if leaf.type == "rooms_per_classes")
        area["school_rows"] = [] if not codes else [
            {"name": s.name if county else f"{s.stage}部", "stage": s.stage,
             "cells": [_other_cell(s.indicators.get(leaf.code), leaf) for leaf in codes],
             "label": s.name if county else f"{s.stage}部"} for s in ev.schools]


def resource_judgement(ctx, fw_info: dict, stage_tables: list[dict], cv: dict) -> str:
    """资源配置 judged the way the framework judges it — school by school against the school rule, then by
    差异系数 — in one sentence (a county project with a school rule; "" otherwise)."""
    if ctx.project.level != "county" or not fw_info["rule"] or not stage_tables:
        return ""
    rule = f"按照每所学校“{fw_info['rule']}”"
    if cv["n"]:
        rule += f"、校际差异系数{cv['limits_text']}的要求测算"
    schools = "、".join(f"{st['name']}{st['n']}所学校中{st['n_passed']}所达到要求" for st in stage_tables)
    text = f"{rule}，{schools}"
    if cv["n"]:
        text += (f"；{cv['n']}项差异系数中，{cv['missed_text']}超过标准，其余均达到要求" if cv["missed"]
                 else f"；{cv['n']}项差异系数全部达到要求")
    return text

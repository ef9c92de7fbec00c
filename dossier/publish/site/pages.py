"""What the offline site shows, gathered from a build's state into plain dicts for the templates: the unit and
framework, the results by area (score and grade where the evaluation carries them), every indicator with its
figures, chart, gaps, coverage and bound documents (each with the volume PDF and the page it starts on), the
per-school matrix, the drafts, the volumes of 总目录 and the checksums of the other outputs.

Scores are optional: a framework that scores gives the evaluation (and its indicators and areas) a `score`
attribute, and the site shows it; without one nothing about scores is shown. Nothing here imports the scoring.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from dossier.core.zh import fmt_auto, ymd_cn
from dossier.evidence.coverage import leaf_coverage
from dossier.publish.sets import BoundView
from dossier.publish.site import svg

STATUS_CLASS = {"达标": "met", "基本达标": "partly", "未达标": "missed", "未填报": "missing", "不适用": "na"}


def page_name(code: str) -> str:
    """The file of an indicator's page: C1.html (codes are ASCII letters and digits in every framework)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code)
    return f"{safe}.html"


def href(rel: str) -> str:
    """A link from a page in 网页/ to a file of the build (a POSIX path relative to the build folder)."""
    return "../" + quote(rel)


def score_of(obj) -> dict | None:
    """{value, max, grade} of an object's optional `score` (a number, or an object with total/value, max and
    grade), or None when it has none."""
    s = getattr(obj, "score", None)
    if s is None:
        return None
    if isinstance(s, (int, float)):
        value, top, grade = s, getattr(obj, "max_score", None), getattr(obj, "grade", "")
    else:
        value = getattr(s, "total", getattr(s, "value", None))
        top = getattr(s, "max", getattr(s, "max_score", None))
        grade = getattr(s, "grade", "") or getattr(obj, "grade", "")
    return {"value": fmt_auto(value) if value is not None else "", "max": fmt_auto(top) if top else "",
            "grade": str(grade or "")}


class _Scored:
    """A bare area score (a number or an object) seen as something that has a `score`."""

    def __init__(self, score):
        self.score = score


def area_scores(evaluation) -> dict[str, dict]:
    """code → {value, max, grade} of each area, where the evaluation's score lists areas (a dict or a list)."""
    areas = getattr(getattr(evaluation, "score", None), "areas", None) or {}
    items = areas.items() if isinstance(areas, dict) else [(getattr(a, "code", ""), a) for a in areas]
    out = {}
    for code, a in items:
        got = score_of(a) if hasattr(a, "score") else score_of(_Scored(a))
        if got:
            out[str(code)] = got
    return out


def _school_rows(evaluation, code: str) -> dict[str, list]:
    """stage → [(school, value, met, threshold, basis)] of a school-level indicator."""
    out: dict[str, list] = {}
    for s in evaluation.schools:
        v = s.indicators.get(code)
        if v is not None:
            out.setdefault(s.stage, []).append((s.name, v.value, v.met, v.threshold, v.basis))
    return out


def _unit_of(leaf) -> str:
    return str(getattr(leaf.evaluate, "unit", "") or "")


SEARCH_TEXT = 600                     # characters of a document's own text in the search index


def documents(volumes: list) -> dict[str, list[dict]]:
    """leaf → its bound documents in binding order, each with the link to its first page in the volume PDF."""
    out: dict[str, list[dict]] = {}
    for v in volumes:
        rel = f"packets/{Path(v.path).name}"
        for doc, start, end in v.docs:
            page = v.first_page + start - 1
            out.setdefault(v.code, []).append({
                "title": doc.title, "doc_no": doc.doc_no, "author": doc.author,
                "date": ymd_cn(doc.date) if doc.date else "", "note": doc.note, "volume": v.label,
                "pages": f"{start}—{end}" if end != start else str(start), "pdf_page": page,
                "href": f"{href(rel)}#page={page}", "file": doc.rel,
                "text": "".join((getattr(doc, "text", "") or "").split())[:SEARCH_TEXT]})
    return out


def indicator_pages(ctx, volumes: list, collection) -> list[dict]:
    ev, fw = ctx.evaluation, ctx.framework
    docs = documents(volumes)
    cov = {r.code: r for r in leaf_coverage(ctx.project, fw, BoundView(fw, volumes, collection))}
    out = []
    for ind in ev.indicators:
        leaf = fw.leaf(ind.code)
        unit = _unit_of(leaf) if leaf else ""
        charts, tables = [], []
        for stage, rows in _school_rows(ev, ind.code).items():
            threshold = next((t for _, _, _, t, _ in rows if t is not None), None)
            charts.append(svg.bar_chart(f"{ind.code} {ind.title}（{stage}）", [(n, v, m) for n, v, m, _, _ in rows],
                                        threshold, unit))
            tables.append({"stage": stage, "rows": [{"school": n, "value": fmt_auto(v) if v is not None else "未填报",
                                                     "met": m, "basis": b} for n, v, m, _, b in rows]})
        cvs = [{"stage": stage, "cv": fmt_auto(round(c.cv, 3)) if c.cv is not None else "—",
                "limit": fmt_auto(c.limit) if c.limit is not None else "—", "met": c.met}
               for stage, per in ev.cv.items() for code, c in per.items() if code == ind.code]
        r = cov.get(ind.code)
        out.append({"code": ind.code, "title": ind.title, "area": f"{ind.area_code} {ind.area_title}",
                    "area_code": ind.area_code, "status": ind.status, "css": STATUS_CLASS.get(ind.status, ""),
                    "value": ind.value, "threshold": ind.threshold, "basis": ind.basis, "note": ind.note,
                    "standard": ind.standard or (leaf.standard if leaf else ""), "score": score_of(ind),
                    "page": page_name(ind.code), "charts": [c for c in charts if c], "tables": tables, "cv": cvs,
                    "gaps": [g.text if g.school in ("", ev.unit) else f"{g.school}{'（' + g.stage + '）' if g.stage else ''}："
                             f"{g.text}" for g in ev.gaps if g.code == ind.code],
                    "docs": docs.get(ind.code, []),
                    "coverage": [{"item": i.item, "status": i.status, "missing": list(i.shortfall)}
                                 for i in (r.items if r else [])],
                    "coverage_bar": svg.progress_bar(r.found, len(r.items), f"{r.found}/{len(r.items)}")
                    if r and r.items else ""})
    return out


def areas(indicators: list[dict], evaluation) -> list[dict]:
    scores = area_scores(evaluation)
    out: dict[str, dict] = {}
    for ind in indicators:
        a = out.setdefault(ind["area_code"], {"code": ind["area_code"], "title": ind["area"],
                                              "score": scores.get(ind["area_code"]), "indicators": [],
                                              "counts": {}})
        a["indicators"].append(ind)
        a["counts"][ind["status"]] = a["counts"].get(ind["status"], 0) + 1
    return list(out.values())


def matrix(evaluation) -> dict:
    """The per-school matrix: columns are the school-level indicators, one row per school and 学段."""
    codes: list[str] = []
    for s in evaluation.schools:
        for code in s.indicators:
            if code not in codes:
                codes.append(code)
    rows = [{"name": s.name, "code": s.code, "stage": s.stage, "type": s.type, "area": s.area,
             "students": fmt_auto(s.students), "met_count": s.met_count, "passed": s.passed, "reason": s.reason,
             "cells": [{"met": s.indicators[c].met, "value": fmt_auto(s.indicators[c].value)
                        if c in s.indicators and s.indicators[c].value is not None else ""} if c in s.indicators
                       else None for c in codes]} for s in evaluation.schools]
    return {"codes": codes, "rows": rows}


def catalog(volumes: list) -> list[dict]:
    return [{"archive_no": v.archive_no, "code": v.code, "label": v.label, "docs": len(v.docs), "pages": v.pages,
             "href": href(f"packets/{Path(v.path).name}"), "file": Path(v.path).name} for v in volumes]


def search_index(indicators: list[dict]) -> list[list[str]]:
    """[kind, text, detail, link, body] for every indicator and every bound document (题名 and 文号; body: the
    start of the document's own text, its OCR text for scans, searched but not shown)."""
    out = []
    for ind in indicators:
        out.append(["指标", f"{ind['code']} {ind['title']}", ind["status"], ind["page"], ""])
        for n, d in enumerate(ind["docs"], 1):
            out.append(["材料", d["title"], " ".join(x for x in (d["doc_no"], d["date"], ind["code"]) if x),
                        f"{ind['page']}#doc-{n}", d.get("text", "")])
    return out

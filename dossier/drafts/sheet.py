"""评估表.xlsx: the evaluation as a workbook — one sheet per 学段 (the school-rule indicators per school, with the
差异系数 row), one sheet for the other indicators and, for a scored framework, the 评分表 (each A, B and C with
its score and maximum, the total and the grade). Written to a temporary file and moved into place."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dossier.core.files import normalize_zip
from dossier.core.printsetup import apply as print_setup
from dossier.compute.model import STATUS_MISSED
from dossier.drafts.kinds import framework_word



PRINT_TITLES = {"其他指标": "1:1", "评分表": "2:2"}      # the stage sheets: "2:3"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    thin = Side(style="thin", color="999999")
    return {"bold": Font(bold=True), "head_fill": PatternFill("solid", fgColor="DDEBF7"),
            "red_fill": PatternFill("solid", fgColor="F8CBAD"),
            "border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "center": Alignment(horizontal="center", vertical="center", wrap_text=True)}


def export_table(ctx, target: Path) -> Path:
    from openpyxl import Workbook

    ev, fw = ctx.evaluation, ctx.framework
    codes = fw.rule_codes or [n.code for n in fw.leaves()
                              if n.type in ("ratio", "cv") or (n.type == "formula" and n.scope != "county")]
    wb = Workbook()
    wb.remove(wb.active)
    st = _styles()
    for stage in fw.stages:
        rows = [r for r in ev.schools if r.stage == stage]
        if rows:
            _stage_sheet(wb.create_sheet(stage), ctx, stage, rows, codes, st)
    _other_sheet(wb.create_sheet("其他指标"), ev, codes, st)
    if ev.score is not None:
        _score_sheet(wb.create_sheet("评分表"), ctx, st)
    for ws in wb.worksheets:               # landscape, fitted to the width, the header rows on every page
        print_setup(ws, PRINT_TITLES.get(ws.title, "2:3"), landscape=True)
    return _save(wb, Path(target), ctx.project.build_time())


def _score_sheet(ws, ctx, st: dict) -> None:
    """评分表: every node of the tree with its score and maximum (A, B bold), then the total and the grade."""
    from openpyxl.styles import Alignment, Font

    ev = ctx.evaluation
    sc = ev.score
    ws.append([f"{ev.unit}义务教育{framework_word(ctx.framework)}发展评分表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["编码", "指标", "层级", "得分", "满分"])
    for cell in ws[2]:
        cell.font, cell.fill, cell.border, cell.alignment = st["bold"], st["head_fill"], st["border"], st["center"]

    def rows(node: dict, depth: int) -> None:
        level = node["code"][:1].upper()
        ws.append([node["code"], "　" * depth + node["title"], level, node["score"], node["max"]])
        if "children" in node:
            for cell in ws[ws.max_row]:
                cell.font = st["bold"]
            for child in node["children"]:
                rows(child, depth + 1)

    for area in sc["areas"]:
        rows(area, 0)
    ws.append(["", "总分", "", sc["total"], sc["max"]])
    grade = sc["grade"] + (f"（一票否决：{'、'.join(sc['vetoed'])}）" if sc.get("vetoed") else "")
    ws.append(["", "评定", "", grade, ""])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.border = st["border"]
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    for cell in ws[ws.max_row - 1] + ws[ws.max_row]:
        cell.font = st["bold"]
    for letter, w in zip("ABCDE", (8, 40, 6, 10, 10)):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A3"


def _stage_sheet(ws, ctx, stage: str, rows: list, codes: list[str], st: dict) -> None:
    """One 学段: each school's school-rule indicators (数值, 标准, 达标), its verdict, and the 差异系数 row."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ev, fw = ctx.evaluation, ctx.framework
    titles = {n.code: n.title for n in fw.leaves()}
    units = {n.code: n.evaluate.unit for n in fw.leaves()}
    ws.append([f"{ev.unit}义务教育{framework_word(fw)}发展评估表（{stage}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4 + 3 * len(codes) + 2)
    ws["A1"].font = Font(bold=True, size=14)
    head1 = ["学校代码", "学校名称", "学校类型", f"{stage}在校生数"]
    head2 = ["", "", "", ""]
    for c in codes:
        head1 += [f"{c} {titles.get(c, '')}（{units.get(c, '')}）", "", ""]
        head2 += ["数值", "标准", "达标"]
    ws.append(head1 + ["达到项数", "结论"])
    ws.append(head2 + ["", ""])
    for i in range(len(codes)):
        col = 5 + 3 * i
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 2)
    for col in (1, 2, 3, 4, 5 + 3 * len(codes), 6 + 3 * len(codes)):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    for r in rows:
        ws.append(_school_line(r, codes))
    if ev.cv:
        ws.append(_cv_line(ev, stage, codes))
    last = ws.max_row
    for row in ws.iter_rows(min_row=2, max_row=last):
        for cell in row:
            cell.border = st["border"]
            cell.alignment = st["center"]
    for row in ws.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.font, cell.fill = st["bold"], st["head_fill"]
    ws.column_dimensions["A"].width = 13
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 14
    for i in range(5, 7 + 3 * len(codes)):
        ws.column_dimensions[get_column_letter(i)].width = 9
    ws.row_dimensions[2].height = 54        # merged indicator titles wrap on three lines (not auto-fitted)
    ws.freeze_panes = "C4"
    _mark_misses(ws, codes, last, st)


def _school_line(r, codes: list[str]) -> list:
    line = [r.code, r.name, r.type, r.students]
    for c in codes:
        v = r.indicators.get(c)
        if v is None:
            line += [None, None, ""]
        else:
            line += [None if v.value is None else round(v.value, 2), v.threshold,
                     "" if v.met is None else ("✓" if v.met else "✗")]
    return line + [r.met_count, {True: "达标", False: "未达标", None: "待补数据"}[r.passed]]


def _cv_line(ev, stage: str, codes: list[str]) -> list:
    line = ["", "差异系数", "", ""]
    for c in codes:
        cv = ev.cv.get(stage, {}).get(c)
        line += [None if cv is None or cv.cv is None else round(cv.cv, 3),
                 ev.cv_limit.get(stage), "" if cv is None or cv.met is None else ("✓" if cv.met else "✗")]
    return line + ["", ""]


def _mark_misses(ws, codes: list[str], last: int, st: dict) -> None:
    """Conditional formatting: misses in red (marks and the value next to them, and 未达标 verdicts)."""
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.utils import get_column_letter

    red = st["red_fill"]
    marks = " ".join(f"{get_column_letter(7 + 3 * i)}4:{get_column_letter(7 + 3 * i)}{last}"
                     for i in range(len(codes)))
    ws.conditional_formatting.add(marks, CellIsRule(operator="equal", formula=['"✗"'], fill=red))
    for i in range(len(codes)):
        value_col, mark_col = get_column_letter(5 + 3 * i), get_column_letter(7 + 3 * i)
        ws.conditional_formatting.add(f"{value_col}4:{value_col}{last}",
                                      FormulaRule(formula=[f'${mark_col}4="✗"'], fill=red))
    verdict = get_column_letter(6 + 3 * len(codes))
    ws.conditional_formatting.add(f"{verdict}4:{verdict}{last}",
                                  CellIsRule(operator="equal", formula=['"未达标"'], fill=red))


def _other_sheet(ws, ev, codes: list[str], st: dict) -> None:
    """The indicators outside the per-school tables, and the vetoes."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment

    ws.append(["编码", "指标", "所属", "结果", "现状", "要求", "依据"])
    for ind in ev.indicators:
        if ind.code not in codes:
            ws.append([ind.code, ind.title, f"{ind.area_code} {ind.area_title}", ind.status, ind.value,
                       ind.threshold, ind.basis])
    for v in ev.vetoes:
        ws.append([v.get("code") or "", v["title"], "一票否决", {True: "无", False: "存在", None: "未声明"}[v["met"]],
                   v["value"], "否", ""])
    for cell in ws[1]:
        cell.font, cell.fill = st["bold"], st["head_fill"]
    for letter, w in zip("ABCDEFG", (7, 30, 18, 10, 40, 36, 50)):
        ws.column_dimensions[letter].width = w
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    last = ws.max_row
    ws.conditional_formatting.add(f"D2:D{last}", CellIsRule(operator="equal", formula=[f'"{STATUS_MISSED}"'],
                                                            fill=st["red_fill"]))
    ws.conditional_formatting.add(f"D2:D{last}", CellIsRule(operator="equal", formula=['"存在"'], fill=st["red_fill"]))
    ws.freeze_panes = "C2"


def _save(wb, target: Path, stamp) -> Path:
    """Fixed properties and zip times; written beside the target and moved into place."""
    wb.properties.creator = "dossier"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = "dossier"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        Path(tmp).write_bytes(normalize_zip(Path(tmp).read_bytes(), stamp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target

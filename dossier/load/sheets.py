"""Spreadsheets as staff keep them, read into rows: .xlsx (openpyxl), .xls (xlrd) and .csv. This module owns
which sheet is the table (the one named for the year asked for, else the only one with a header, else a refusal
naming the sheets), merged cells (every cell of a merged range reads as the value it shows), formulas without a
cached value (named cell by cell: a file written by a script and never opened in Excel), encrypted workbooks,
zips and OLE files that are not workbooks, and over-long CSV cells. Every refusal is a Chinese `Problem` naming
the file; the file itself is only ever read.

xlrd reads .xls directly (no LibreOffice in `check`: it is fast, pure Python and gives merged ranges);
msoffcrypto-tool tells an encrypted workbook (stored as an OLE file) from an old .xls.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from dossier.core.errors import DossierError, Problem
from dossier.core.files import decode_text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_MARK = "学校代码"            # a sheet whose first rows hold this is a school table
CSV_CELL_LIMIT = 131072            # the csv module's own field limit; a longer cell is refused
_RESAVE = "请在 Excel/WPS 中打开后另存为 .xlsx"

Rows = list[tuple[int, list[Any]]]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_sheet(path: Path, display: str, year: int | None = None) -> tuple[Rows, str]:
    """The rows of the school-table sheet of `path` (1-based row numbers) and the display name (with the sheet
    named when the workbook has several)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path, display), display
    if suffix not in (".xlsx", ".xls"):
        raise DossierError(Problem(f"不支持的表格格式“{path.suffix}”", file=display, hint="请保存为 .xlsx、.xls 或 .csv"))
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        if _encrypted(path):
            raise DossierError(Problem("Excel 文件设有密码（已加密），无法读取", file=display,
                                       hint="请在 Excel/WPS 中取消“打开密码”后另存，再放入"))
        sheets = _xls_sheets(path, display)
    elif zipfile.is_zipfile(path):
        sheets = _xlsx_sheets(path, display)
    else:
        what = "旧版 .xls" if suffix == ".xls" else ".xlsx"
        raise DossierError(Problem(f"文件不是有效的 Excel（{what}）文件", file=display,
                                   hint="可能是改了扩展名的其他文件或已损坏；" + _RESAVE))
    return _choose(sheets, display, year)


def _encrypted(path: Path) -> bool:
    import msoffcrypto
    try:
        with open(path, "rb") as fh:
            return bool(msoffcrypto.OfficeFile(fh).is_encrypted())
    except Exception:  # noqa: BLE001 - not an Office OLE file msoffcrypto knows: xlrd decides below
        return False


def _choose(sheets: list[tuple[str, Rows]], display: str, year: int | None) -> tuple[Rows, str]:
    if not sheets:
        raise DossierError(Problem("工作簿中没有工作表", file=display, hint=_RESAVE))
    if len(sheets) == 1:
        return sheets[0][1], display
    if year is not None:
        named = [s for s in sheets if _names_year(s[0], year)]
        if len(named) == 1:
            return named[0][1], f"{display}（工作表“{named[0][0]}”）"
    tables = [s for s in sheets if _has_header(s[1])]
    if len(tables) == 1:
        return tables[0][1], f"{display}（工作表“{tables[0][0]}”）"
    if not tables:
        return sheets[0][1], f"{display}（工作表“{sheets[0][0]}”）"
    names = "”“".join(name for name, _ in tables)
    want = f"“{year}年”" if year else "评估年度"
    raise DossierError(Problem(f"工作簿中有 {len(tables)} 张工作表都像学校基础数据表（“{names}”），"
                               f"没有以{want}命名的工作表，不知道该用哪一张", file=display,
                               hint=f"请把评估年度的工作表命名为{want}，或把其他年度的表移到 学校基础数据/<年度>.xlsx"))


def _names_year(name: str, year: int) -> bool:
    return re.fullmatch(rf"\s*{year}\s*(年度?)?(学校基础数据|数据|基础数据)?\s*", name) is not None


def _has_header(rows: Rows) -> bool:
    return any(HEADER_MARK in [str(c).strip() for c in r if c is not None] for _, r in rows[:5])


# ---------------------------------------------------------------------------------------------------- .xlsx

def _xlsx_sheets(path: Path, display: str) -> list[tuple[str, Rows]]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise DossierError(Problem("文件是一个压缩包（zip），但不是 Excel 表格", file=display,
                                   hint="可能是改了扩展名的压缩包或其他 Office 文件；" + _RESAVE))
    try:
        data = path.read_bytes()       # a file object, not the name: an .xlsx saved as .xls is read too
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, ValueError, zip errors) on damage
        raise DossierError(Problem("Excel 文件已损坏或结构不完整，无法读取", file=display, hint=_RESAVE))
    try:
        out = []
        for ws in values.worksheets:
            rows = _merged_filled(ws)
            if ws.title in formulas.sheetnames:
                _name_formulas(rows, formulas[ws.title], display)
            out.append((ws.title, rows))
        return out
    finally:
        formulas.close()


def _merged_filled(ws) -> Rows:
    """The sheet's rows, every row of a merged range holding the value of its top-left cell (what Excel shows
    there: 城乡类型 “乡村” merged over five schools is 乡村 for each)."""
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        _fill(grid, rng.min_row - 1, rng.max_row, rng.min_col - 1)
    return [(i, row) for i, row in enumerate(grid, 1)]


def _fill(grid: list[list], r0: int, r1: int, c: int) -> None:
    """Rows r0..r1-1 of column c take row r0's value (a merged range across columns is one column's value:
    the others stay empty, so a header merged over two columns is not read as two columns of that name)."""
    if r0 >= len(grid) or c >= len(grid[r0]):
        return
    top = grid[r0][c]
    for r in range(r0 + 1, min(r1, len(grid))):
        if c < len(grid[r]):
            grid[r][c] = top


def _name_formulas(rows: Rows, ws_formulas, display: str) -> None:
    """Refuse formula cells that carry no computed value, naming each (at most 10)."""
    missing = []
    for (rownum, cells), fcells in zip(rows, ws_formulas.iter_rows(values_only=True)):
        for c, f in enumerate(fcells):
            if isinstance(f, str) and f.startswith("=") and (c >= len(cells) or cells[c] is None):
                missing.append(f"{column_letter(c)}{rownum}（{f[:40]}）")
    if missing:
        more = f"等 {len(missing)} 个单元格" if len(missing) > 10 else ""
        raise DossierError(Problem(f"单元格 {'、'.join(missing[:10])}{more}是公式，文件中没有保存公式的计算结果",
                                   file=display, hint="这类文件通常由程序生成、未在 Excel 中保存过：请在 Excel/WPS 中打开"
                                                      "后保存一次（会算出结果），或把公式换成数值"))


# ---------------------------------------------------------------------------------------------------- .xls

def _xls_sheets(path: Path, display: str) -> list[tuple[str, Rows]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
    except Exception:  # noqa: BLE001 - xlrd.XLRDError, CompDocError, struct errors on damage
        raise DossierError(Problem("文件不是有效的 Excel 表格（可能是其他 Office 文件或已损坏）", file=display,
                                   hint=_RESAVE))
    try:
        out = []
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            grid = [[_xls_value(sh.cell(r, c)) for c in range(sh.ncols)] for r in range(sh.nrows)]
            for r0, r1, c0, _c1 in sh.merged_cells:
                _fill(grid, r0, r1, c0)
            out.append((sh.name, [(r + 1, row) for r, row in enumerate(grid)]))
        return out
    finally:
        book.release_resources()


def _xls_value(cell) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#错误")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


# ---------------------------------------------------------------------------------------------------- .csv

def _csv_rows(path: Path, display: str) -> Rows:
    text = decode_text(path.read_bytes())
    if text is None:
        raise DossierError(Problem("CSV 文件编码无法识别", file=display, hint="请另存为 UTF-8 编码的 CSV"))
    reader = csv.reader(io.StringIO(text))
    rows: Rows = []
    try:
        for row in reader:
            rows.append((len(rows) + 1, row))
    except csv.Error:
        raise DossierError(Problem(f"有一个单元格超过 {CSV_CELL_LIMIT} 个字符（或引号不成对），无法读取",
                                   file=display, row=len(rows) + 1,
                                   hint="请检查该行是否有未闭合的英文引号，或误粘贴了大段文字"))
    return rows

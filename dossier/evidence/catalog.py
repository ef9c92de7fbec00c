"""目录.xlsx / 目录.csv: the optional catalogue in an evidence folder that gives each file its 题名, 文号, 责任者,
日期, 备注 and 顺序 (the header row is found below any title rows; column names have the aliases people type).
Every problem names the catalogue file, row and column.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from dossier.core.errors import Problem
from dossier.core.files import decode_text

INDEX_STEM = "目录"


# 目录 columns, with the aliases people actually type
COLUMNS = {
    "文件名": ("文件名", "文件", "文件名称"),
    "题名": ("题名", "标题", "名称", "文件题名"),
    "文号": ("文号", "发文字号"),
    "责任者": ("责任者", "发文单位", "责任单位"),
    "日期": ("日期", "成文日期", "时间", "发文日期"),
    "备注": ("备注", "说明"),
    "顺序": ("顺序", "排序", "序号"),
}


@dataclass
class _Row:
    line: int
    values: dict


def _read_index(path: Path, display: str, problems: list[Problem]) -> list[_Row]:
    """Rows of a 目录 file keyed by canonical column name; problems for anything unreadable."""
    try:
        if path.suffix.lower() == ".xlsx":
            import openpyxl
            with open(path, "rb") as f:
                data = f.read()
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            wb.close()
        else:
            text = decode_text(path.read_bytes())
            if text is None:
                problems.append(Problem("目录文件的编码无法识别", file=display, hint="请另存为 UTF-8 编码的 CSV 或 .xlsx"))
                return []
            rows = [list(r) for r in csv.reader(io.StringIO(text))]
    except Exception:  # noqa: BLE001 - any unreadable spreadsheet is the user's to fix
        problems.append(Problem("目录文件无法读取，可能已损坏或不是表格文件", file=display,
                                hint="请用 Excel 或 WPS 打开后重新保存为 .xlsx 或 .csv"))
        return []

    # the header row is the first one that names 文件名 (title rows above it are allowed)
    header_at = None
    for i, row in enumerate(rows[:20]):
        cells = [str(c).strip() if c is not None else "" for c in row]
        if any(c in COLUMNS["文件名"] for c in cells):
            header_at = i
            break
    if header_at is None:
        problems.append(Problem("目录文件缺少“文件名”列", file=display, row=1,
                                hint="表头应包含：文件名、题名、文号、责任者、日期、备注、顺序"))
        return []
    colmap: dict[int, str] = {}
    for j, cell in enumerate(rows[header_at]):
        name = str(cell).strip() if cell is not None else ""
        for canon, aliases in COLUMNS.items():
            if name in aliases and canon not in colmap.values():
                colmap[j] = canon
    out = []
    for i, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        values = {}
        for j, canon in colmap.items():
            v = row[j] if j < len(row) else None
            if isinstance(v, str):
                v = v.strip()
            values[canon] = v
        if all(v in (None, "") for v in values.values()):
            continue
        out.append(_Row(i, values))
    return out


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()

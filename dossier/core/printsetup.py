"""Print setup for spreadsheets (openpyxl): A4, fit to the page width (as many pages down as the rows need),
landscape when the columns are wider than a portrait page, the header rows repeated on every page.

Used by 评估表.xlsx (`dossier.drafts.sheet`) and, on a temporary copy, for spreadsheets placed in evidence/
before LibreOffice converts them (`dossier.evidence.converters.office`): without it LibreOffice prints a wide
sheet at 100 % and the columns that do not fit run onto extra pages, headers cut off from their figures. A
sheet that already has its own fit-to-page setting is left as the user set it.
"""
from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

# the printable width of a portrait A4 page with LibreOffice's default margins (2 cm each side), in mm
PORTRAIT_WIDTH_MM = 170
_MM_PER_CHAR = 1.95                  # one character of column width (Calibri 11) on paper
DEFAULT_WIDTH = 8.43


def apply(ws, title_rows: str | None = None, landscape: bool | None = None) -> None:
    """Fit `ws` to the page width; `title_rows` ("2:3") repeat on every page; `landscape` None: by its width."""
    if landscape is None:
        landscape = used_width_mm(ws) > PORTRAIT_WIDTH_MM
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0                  # as many pages down as needed
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def used_width_mm(ws) -> float:
    from openpyxl.utils import get_column_letter
    total = 0.0
    for i in range(1, (ws.max_column or 1) + 1):
        dim = ws.column_dimensions.get(get_column_letter(i))
        if dim is not None and dim.hidden:
            continue
        width = dim.width if dim is not None and dim.width else DEFAULT_WIDTH
        total += width * _MM_PER_CHAR
    return total


def header_rows(ws) -> str | None:
    """The rows to repeat: those above the frozen pane, else the title rows down to the first row that fills at
    least half the columns (the header); None for a sheet with nothing in it."""
    from openpyxl.utils.cell import coordinate_from_string
    if ws.freeze_panes:
        row = coordinate_from_string(ws.freeze_panes)[1]
        if row > 1:
            return f"1:{row - 1}"
    width = ws.max_column or 0
    for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=min(ws.max_row or 0, 6), values_only=True), 1):
        filled = sum(1 for c in cells if c not in (None, ""))
        if width and filled * 2 >= width:
            return f"1:{r}"
    return None


def _has_own_fit(ws) -> bool:
    pr = ws.sheet_properties.pageSetUpPr
    return bool(pr is not None and pr.fitToPage)


def fit_copy(path: Path) -> bool:
    """Give every sheet of the .xlsx at `path` (a temporary copy, never a source) the print setup, in place.
    False, the file untouched, when openpyxl cannot read it (LibreOffice then converts it as it is)."""
    from openpyxl import load_workbook
    path = Path(path)
    try:
        wb = load_workbook(path, rich_text=True)
    except Exception:  # noqa: BLE001 - any file openpyxl cannot read is converted without the print setup
        return False
    changed = False
    for ws in wb.worksheets:
        if _has_own_fit(ws) or not ws.max_row or ws.max_row < 1:
            continue
        apply(ws, ws.print_title_rows or header_rows(ws))
        changed = True
    if not changed:
        return True
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        with zipfile.ZipFile(tmp) as z:
            if z.testzip() is not None:
                return False
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a workbook openpyxl cannot write back: converted as it is
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return True


def fit_copies(paths: list[Path], timeout: float, nice: list[str] | None = None) -> list[bool]:
    """`fit_copy` of each path, in a child process: openpyxl is pure Python, and in the converter's worker thread
    it would hold the interpreter lock for seconds while this process converts PDFs and images. Done here when
    the child cannot run; a file the child did not answer for counts as not fitted (converted as it is)."""
    import subprocess
    import sys
    if not paths:
        return []
    root = str(Path(__file__).resolve().parents[2])
    env = os.environ | {"PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    cmd = [*(nice or []), sys.executable, "-m", "dossier.core.printsetup", *map(str, paths)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              stdin=subprocess.DEVNULL)        # in this session: its nice value counts
    except OSError:
        return [fit_copy(p) for p in paths]
    except subprocess.TimeoutExpired:
        return [False] * len(paths)
    answers = proc.stdout.split()
    return [i < len(answers) and answers[i] == "1" for i in range(len(paths))]


if __name__ == "__main__":                  # python -m dossier.core.printsetup FILE…: one 1 or 0 per file
    import sys
    for arg in sys.argv[1:]:
        print(1 if fit_copy(Path(arg)) else 0, flush=True)

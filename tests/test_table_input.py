"""The school table as staff really keep it: a workbook with one sheet per year, merged cells, headers with their
unit in brackets, an old .xls (read by xlrd), formulas Excel has computed, and a 九年一贯制学校 whose 初中 has not
opened yet. Each is read as it shows in Excel; what cannot be read is refused (see test_bad_input_suite.py)."""
from __future__ import annotations

import csv
import shutil
import subprocess

import pytest
from openpyxl import Workbook

from dossier.compute.context import load
from dossier.load.table import HEADERS
from kit import make_project, school, write_table

UNITS = {"教学及辅助用房面积": "平方米", "体育运动场馆面积": "平方米", "教学仪器设备值": "万元", "小学在校生数": "人",
         "音乐专用教室面积": "㎡", "网络多媒体教室数": "间"}


def _workbook(path, sheets: dict[str, list[dict]], headers=HEADERS, merges=()):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(headers)
        for r in rows:
            ws.append([r.get(h) for h in HEADERS])
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def _folder(tmp_path):
    folder = make_project(tmp_path, [school()])
    (folder / "学校基础数据.csv").unlink()
    return folder


def _soffice(src, fmt: str, outdir):
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{outdir}/profile",
                    "--convert-to", fmt, "--outdir", str(outdir), str(src)], check=True, capture_output=True,
                   timeout=180)
    return outdir / (src.stem + "." + fmt.split(":")[0])


@pytest.mark.parametrize("name", ["2025年", "2025", "2025年度"])
def test_the_assessment_years_sheet_is_used(tmp_path, name):
    folder = _folder(tmp_path)
    _workbook(folder / "学校基础数据.xlsx", {"2024年": [school(小学在校生数=500)], name: [school(小学在校生数=1000)]})
    (s,) = load(folder).facts.schools
    assert s.get("小学在校生数") == 1000


def test_merged_cells_read_as_the_value_they_show(tmp_path):
    folder = _folder(tmp_path)
    rows = [school(学校代码=str(1000 + i), 学校名称=f"第{i}小学", 城乡类型="乡村" if i == 0 else None) for i in range(3)]
    col = chr(ord("A") + HEADERS.index("城乡类型"))
    _workbook(folder / "学校基础数据.xlsx", {"学校": rows}, merges=[f"{col}2:{col}4"])
    schools = load(folder).facts.schools
    assert [s.area for s in schools] == ["乡村"] * 3


def test_headers_with_their_unit_in_brackets(tmp_path):
    folder = make_project(tmp_path, [school()])
    headers = [f"{h}（{UNITS[h]}）" if h in UNITS else h for h in HEADERS]
    headers[HEADERS.index("体育运动场馆面积")] = "体育运动场馆面积(平方米)"          # ASCII brackets too
    with (folder / "学校基础数据.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([headers, [school().get(h) for h in HEADERS]])
    (s,) = load(folder).facts.schools
    assert s.get("教学及辅助用房面积") == 5000 and s.get("体育运动场馆面积") == 8000 and s.get("教学仪器设备值") == 250


def test_a_junior_section_not_yet_open(tmp_path):
    folder = make_project(tmp_path, [school()])
    row = school(学校类型="九年一贯制学校", 初中在校生数=0, 未开设学段="初中")
    write_table(folder / "学校基础数据.csv", [row], HEADERS + ["未开设学段"])
    (s,) = load(folder).facts.schools
    assert s.type == "九年一贯制学校" and s.stages == ["小学"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/setup.sh")
def test_xls_with_sheets_and_merged_cells(tmp_path):
    folder = _folder(tmp_path)
    rows = [school(学校代码=str(1000 + i), 学校名称=f"第{i}小学", 城乡类型="镇区" if i == 0 else None) for i in range(2)]
    col = chr(ord("A") + HEADERS.index("城乡类型"))
    src = _workbook(tmp_path / "学校基础数据.xlsx", {"2024年": rows[:1], "2025年": rows}, merges=[f"{col}2:{col}3"])
    xls = _soffice(src, "xls", tmp_path)
    shutil.copy(xls, folder / "学校基础数据.xls")
    schools = load(folder).facts.schools
    assert [(s.code, s.area) for s in schools] == [("1000", "镇区"), ("1001", "镇区")]
    assert schools[0].get("小学在校生数") == 1000


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/setup.sh")
def test_formulas_excel_has_computed_are_read(tmp_path):
    folder = _folder(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append([school().get(h) for h in HEADERS])
    ws.cell(2, HEADERS.index("专任教师数") + 1, "=50+10")
    wb.save(tmp_path / "公式.xlsx")
    out = tmp_path / "saved"
    out.mkdir()
    saved = _soffice(tmp_path / "公式.xlsx", "xlsx:Calc MS Excel 2007 XML", out)     # computes and caches
    shutil.copy(saved, folder / "学校基础数据.xlsx")
    (s,) = load(folder).facts.schools
    assert s.get("专任教师数") == 60

"""The issue-2 commands end to end: init, frameworks, check on the bundled examples, export-table."""
import hashlib
import json
from pathlib import Path

import pytest

from click.testing import CliRunner
from openpyxl import load_workbook

from dossier.cli import main
from dossier.compute.context import load

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "content" / "示例县"
SCHOOL = ROOT / "content" / "示例学校"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_init_writes_a_complete_skeleton_that_checks(tmp_path):
    target = tmp_path / "某县"
    r = run("init", target, "--level", "county")
    assert r.exit_code == 0, r.output
    for name in ("dossier.yaml", "指标数据.yaml", "人员.yaml", "工作计划.yaml", "学校基础数据.xlsx", "佐证材料清单.txt"):
        assert (target / name).is_file(), name
    assert (target / "evidence" / "C6 生均教学仪器设备值").is_dir()
    wb = load_workbook(target / "学校基础数据.xlsx")
    ws = wb.active
    assert ws.cell(1, 1).value == "学校代码" and ws.cell(2, 2).value == "某某县第一小学"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("九年一贯制学校" in dv.formula1 for dv in lists)
    assert any("乡村" in dv.formula1 for dv in lists)
    check = run("check", target)
    assert check.exit_code == 0, check.output
    assert "待补数据" in check.output


def test_init_school_level_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "某校"
    assert run("init", target, "--level", "school").exit_code == 0
    assert run("check", target).exit_code == 0
    people = (target / "人员.yaml").read_text(encoding="utf-8")
    facts = (target / "指标数据.yaml").read_text(encoding="utf-8")
    assert "校长" in people and "县长" not in people
    assert "C25:" in facts and "C14:" not in facts and "否决项" not in facts      # no county-only items
    assert (target / "工作计划.yaml").is_file()
    again = run("init", target)
    assert again.exit_code == 2 and "不为空" in again.output


def test_frameworks_list_and_show():
    r = run("frameworks")
    assert r.exit_code == 0 and "youzhi-2017" in r.output and "jiben-2012" in r.output
    tree = run("frameworks", "show", "youzhi-2017")
    assert tree.exit_code == 0
    for text in ("A1 资源配置", "C6 生均教学仪器设备值", "C32 社会认可度", "近三年县级财政教育经费决算表"):
        assert text in tree.output
    bad = run("frameworks", "show", "nope")
    assert bad.exit_code == 2 and "未知的指标框架" in bad.output


def test_example_county_check():
    r = run("check", COUNTY)
    assert r.exit_code == 0, r.output
    for text in ("【A1 资源配置】", "【逐校达标情况】", "【差异系数】", "【问题清单】", "0.517✗"):
        assert text in r.output
    doc = json.loads(run("check", COUNTY, "--json").output)
    assert doc["framework"] == "youzhi-2017" and len(doc["indicators"]) == 32
    # one 差异系数 just above its limit, one just below (the example was chosen that way)
    assert doc["cv"]["小学"]["C6"] > 0.50 and doc["cv"]["初中"]["C5"] < 0.45 < doc["cv"]["初中"]["C5"] + 0.02
    stages = {(s["code"], s["stage"]) for s in doc["schools"]}
    nine = [s for s in load(COUNTY).facts.schools if s.type == "九年一贯制学校"]
    assert nine and all((s.code, "小学") in stages and (s.code, "初中") in stages for s in nine)
    assert any(not s["passed"] for s in doc["schools"]) and any(s["passed"] for s in doc["schools"])


def test_example_school_check():
    r = run("check", SCHOOL, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert {s["stage"] for s in doc["schools"]} == {"小学", "初中"}
    statuses = {i["code"]: i["status"] for i in doc["indicators"]}
    assert statuses["C14"] == "不适用" and statuses["C25"] in ("达标", "基本达标", "未达标")


def test_export_table(tmp_path):
    out = tmp_path / "评估表.xlsx"
    r = run("export-table", COUNTY, "--out", out)
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["小学", "初中", "其他指标"]
    ws = wb["小学"]
    ev = load(COUNTY).evaluation
    primary = [s for s in ev.schools if s.stage == "小学"]
    assert ws.max_row == 3 + len(primary) + 1                     # title, 2 header rows, schools, 差异系数
    first = primary[0]
    row = [c.value for c in ws[4]]
    assert row[1] == first.name and row[4] == round(first.indicators["C1"].value, 2)
    last = [c.value for c in ws[ws.max_row]]
    assert last[1] == "差异系数" and last[4] == round(ev.cv["小学"]["C1"].cv, 3)
    assert len(ws.conditional_formatting) > 0
    other = wb["其他指标"]
    codes = [other.cell(i, 1).value for i in range(2, other.max_row + 1)]
    assert "C8" in codes and "C32" in codes and "C1" not in codes
    # deterministic: the same inputs give the same bytes
    again = tmp_path / "again.xlsx"
    run("export-table", COUNTY, "--out", again)
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(again.read_bytes()).digest()


def test_check_reports_evidence_coverage(tmp_path):
    from kit import make_project, school
    folder = make_project(tmp_path, [school()])
    leaf = folder / "evidence" / "C6 生均教学仪器设备值"
    leaf.mkdir(parents=True)
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(leaf / "20240301_测教发〔2024〕3号_2023年县级财政教育经费决算表.pdf"))
    c.drawString(72, 720, "2023")
    c.save()
    (folder / "evidence" / "C99 不存在").mkdir()
    r = run("check", folder)
    assert r.exit_code == 0, r.output
    assert "【佐证材料覆盖情况】" in r.output and "【佐证材料问题】" in r.output and "C99" in r.output
    doc = json.loads(run("check", folder, "--json").output)
    cov = {c["code"]: c for c in doc["coverage"]}
    assert len(cov) == 32 and cov["C6"]["documents"] == 1 and cov["C1"]["documents"] == 0
    yearly = next(i for i in cov["C6"]["items"] if i["item"] == "近三年县级财政教育经费决算表")
    assert yearly["status"] == "部分" and yearly["missing"] == ["2024年、2025年的财政教育经费决算表"]
    assert doc["evidence_problems"] and run("check", folder, "--strict").exit_code == 1
    school_doc = json.loads(run("check", SCHOOL, "--json").output)
    assert "C14" not in {c["code"] for c in school_doc["coverage"]}      # county-only leaf, not a school's


def test_strict_counts_every_gap_even_when_the_school_passes():
    # 示例学校 passes the 6-of-7 rule but its 初中 C5 is short: --strict must say so
    assert run("check", SCHOOL).exit_code == 0
    assert run("check", SCHOOL, "--strict").exit_code == 1


def test_frameworks_show_a_provincial_file():
    r = run("frameworks", "show", Path(__file__).parent / "fixtures" / "province-abc.yaml")
    assert r.exit_code == 0 and "B1 图书与装备" in r.output


@pytest.mark.parametrize("command", ["", "check", "draft", "build", "verify", "init", "frameworks", "export-table",
                                     "serve", "package"])
def test_help_and_usage_errors_are_chinese(command):
    """click's own words ("Usage:", "Options", "Show this message and exit.", "No such option") come in Chinese
    too; what is left in Latin letters is names: commands, options, formats, file names."""
    import re
    from click.testing import CliRunner
    from dossier.cli import main
    args = [command] if command else []
    names = {"dossier", "help", "version", "build", "check", "draft", "verify", "init", "frameworks", "export-table",
             "show", "all", "out", "docx", "md", "both", "xlsx", "json", "format", "strict", "level", "county",
             "school", "keep-going", "cache", "dir", "framework", "content", "templates", "drafts", "manifest.json",
             "dossier.yaml", "md.j2", "SHA-256", "PDF", "JSON", "Word", "Markdown",
             "serve", "host", "port", "data", "build-dir", "create-admin", "if-missing", "DOSSIER_ADMIN_PASSWORD",
             "DATABASE_URL", "PostgreSQL", "SQLite", "package", "BagIt", "RFC", "manifest.json.sha256", "SHA-512",
             "bag-info.txt"}
    for argv in (args + ["--help"], args + ["--no-such-option"]):
        result = CliRunner().invoke(main, argv, prog_name="dossier")
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_.-]{2,}", result.output)) - names - {"no-such-option"}
        assert not words, (argv, words, result.output)
    assert "用法：" in result.output and "没有“--no-such-option”这个选项" in result.output

"""The teacher roster (教职工花名册, issue 9): counts per school worked out by hand, disagreements with the school
table as warnings, each kind of bad input, the 教师情况统计表 bound for C1–C3 and C19 without a name in any
output — and the print setup of 评估表.xlsx and of spreadsheets placed in evidence/."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from dossier.compute.context import load
from dossier.core.errors import DossierError
from dossier.drafts import render as drafts
from kit import ROOT, make_county, make_project, pdftotext, school

COUNTY = ROOT / "content" / "示例县"
HEAD = ["序号", "姓名", "性别", "出生年月", "学校代码", "任教学段", "是否专任教师", "最高学历", "职称", "骨干级别",
        "任教学科", "教师资格证"]


def person(num, name, code, stage, degree, backbone="无", subject="语文", cert="有", title="二级教师",
           full="是", born="1985.03", sex="女"):
    return [num, name, sex, born, code, stage, full, degree, title, backbone, subject, cert]


# a 小学 (1001) and a 九年一贯制学校 (1002): ten people, counted by hand in the test below
PEOPLE = [
    person(1, "赵一", "1001", "小学", "本科", "县级", "语文", title="一级教师"),
    person(2, "钱二", "1001", "小学", "专科", "无", "体育"),
    person(3, "孙三", "1001", "小学", "高中及以下", "市级", "音乐", cert="无", title="高级教师"),
    person(4, "李四", "1001", "", "本科", full="否", subject="", cert="无"),            # 会计: not a teacher
    person(5, "周五", "1002", "小学", "专科", "无", "美术"),
    person(6, "吴六", "1002", "初中", "专科", "省级", "数学", title="中学一级教师"),    # junior: 专科 is not above
    person(7, "郑七", "1002", "初中", "本科", "无", "体育与健康"),
    person(8, "王八", "1002", "初中", "硕士", "无", "物理", title="一级教师"),
    person(9, "冯九", "1002", "初中", "本科", "县级", "音乐", cert="无"),
    person(10, "陈十", "1002", "小学", "大专", "国家级", "英语", title="小学高级教师"),
]


def write_roster(folder: Path, rows, head=HEAD, name="教职工花名册.csv", title_row=None) -> Path:
    path = folder / name
    if path.suffix == ".xlsx":
        wb = Workbook()
        ws = wb.active
        if title_row:
            ws.append([title_row])
        ws.append(head)
        for r in rows:
            ws.append(r)
        wb.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        if title_row:
            w.writerow([title_row])
        w.writerow(head)
        w.writerows(rows)
    return path


def two_schools(tmp_path, **table):
    rows = [school(**{"学校代码": "1001", "学校名称": "甲小学", "专任教师数": 3, "持证专任教师数": 2,
                      "小学高于规定学历教师数": 2, "小学县级及以上骨干教师数": 2, "小学体育艺术专任教师数": 2,
                      "中级及以上职称教师数": 2, **table}),
            school(**{"学校代码": "1002", "学校名称": "乙学校", "学校类型": "九年一贯制学校", "初中在校生数": 400,
                      "初中班级数": 9, "初中最大班额": 45, "专任教师数": 6, "持证专任教师数": 5,
                      "小学高于规定学历教师数": 2, "小学县级及以上骨干教师数": 1, "小学体育艺术专任教师数": 1,
                      "初中高于规定学历教师数": 3, "初中县级及以上骨干教师数": 2, "初中体育艺术专任教师数": 2,
                      "中级及以上职称教师数": 3})]
    return make_project(tmp_path, rows)


def _messages(folder) -> list[str]:
    with pytest.raises(DossierError) as info:
        load(folder)
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------------------------------------------- counts
def test_counts_of_one_school_by_hand(tmp_path):
    folder = two_schools(tmp_path)
    write_roster(folder, PEOPLE)
    ctx = load(folder)
    b = ctx.facts.roster.of("1002")
    # 乙学校, 小学: 周五 (专科, 美术), 陈十 (大专 = 专科, 国家级) → 2 teachers, both 专科 and above (primary rule),
    # 1 骨干 (陈十), 1 体育艺术 (周五 美术), both certified, 1 中级及以上 (陈十: 小学高级教师 = 一级教师)
    p = b.stages["小学"]
    assert (p.teachers, p.qualified, p.backbone, p.pe_art, p.art, p.certified, p.titled) == (2, 2, 1, 1, 1, 2, 1)
    # 初中: 吴六 专科 (not 本科 and above), 郑七 本科, 王八 硕士 = 研究生, 冯九 本科 → 3 above the required degree;
    # 骨干 吴六 (省级) and 冯九 (县级) = 2; 体育艺术 郑七 (体育与健康) and 冯九 (音乐) = 2; certified 3 of 4 (冯九 无);
    # 中级及以上 吴六 (中学一级教师) and 王八 (一级教师) = 2
    j = b.stages["初中"]
    assert (j.teachers, j.qualified, j.backbone, j.pe_art, j.pe, j.music, j.certified, j.titled) == (4, 3, 2, 2, 1, 1, 3, 2)
    assert b.total("teachers") == 2 + 4 and b.staff == 6
    # 甲小学: 3 teachers (李四 is not one), 2 above 专科 (孙三 is 高中及以下), 2 骨干, 2 体育艺术, 2 certified, 2 中级
    a = ctx.facts.roster.of("1001")
    assert a.staff == 4 and a.total("teachers") == 3 and a.stages["小学"].qualified == 2
    # the school table says the same of both schools (乙学校's 持证 5 = 2 + 3, 中级 3 = 1 + 2): no warning
    warnings = [str(w) for w in ctx.facts.warnings]
    assert warnings == [], warnings


def test_every_disagreement_is_a_warning_naming_school_column_and_both_figures(tmp_path):
    folder = two_schools(tmp_path, **{"小学县级及以上骨干教师数": 3, "持证专任教师数": 3})
    write_roster(folder, PEOPLE)
    warnings = [str(w) for w in load(folder).facts.warnings]
    assert warnings == [
        "测试县/教职工花名册.csv：甲小学（1001）的“小学县级及以上骨干教师数”：学校基础数据表为3人，教职工花名册统计为2人"
        "（请核对两处数据，以准确的一处为准修改另一处）",
        "测试县/教职工花名册.csv：甲小学（1001）的“持证专任教师数”：学校基础数据表为3人，教职工花名册统计为2人"
        "（请核对两处数据，以准确的一处为准修改另一处）"]


def test_xlsx_roster_with_a_title_row(tmp_path):
    folder = two_schools(tmp_path)
    write_roster(folder, PEOPLE, name="教职工花名册.xlsx", title_row="乙学校教职工花名册")
    assert load(folder).facts.roster.rows == 10


def test_example_county_check_reports_the_one_disagreement():
    proc = subprocess.run([str(Path(sys.executable).parent / "dossier"), "check", str(COUNTY)], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    hits = [line for line in proc.stdout.splitlines() if "教职工花名册" in line]
    assert hits == ["  1. 示例县/教职工花名册.xlsx：青石镇中学（5301230018）的“初中体育艺术专任教师数”：学校基础数据表为"
                    "10人，教职工花名册统计为9人（请核对两处数据，以准确的一处为准修改另一处）"], hits


# ---------------------------------------------------------------------------------------------------- bad input
def test_unknown_school_code_names_row_and_nearest_code(tmp_path):
    folder = two_schools(tmp_path)
    write_roster(folder, PEOPLE + [person(11, "褚十一", "10021", "小学", "本科")])
    msgs = _messages(folder)
    assert msgs == ["测试县/教职工花名册.csv，第12行，“学校代码”列：学校代码“10021”不在学校基础数据表中"
                    "（最接近的是“1002”（乙学校）；学校代码须与学校基础数据表一致）"], msgs


def test_duplicate_person_is_a_warning_that_names_rows_not_the_person(tmp_path):
    folder = two_schools(tmp_path)
    write_roster(folder, PEOPLE + [person(11, "赵一", "1001", "小学", "本科", "县级", title="一级教师")])
    warnings = [str(w) for w in load(folder).facts.warnings]
    assert "测试县/教职工花名册.csv，第12行：与第2行的姓名、出生年月和学校相同，可能重复登记（同一人只登记一行；确为两人的请核对出生年月）" \
        in warnings
    assert not any("赵一" in w for w in warnings)


def test_bad_values_are_named_by_row_and_column(tmp_path):
    folder = two_schools(tmp_path)
    bad = [list(r) for r in PEOPLE]
    bad[0][7] = "大学"                 # 最高学历
    bad[1][9] = "校级"                 # 骨干级别
    bad[2][3] = "八五年三月"            # 出生年月
    bad[4][5] = "高中"                 # 乙学校 (九年一贯制) has no 高中
    bad[5][11] = "待定"                # 教师资格证
    write_roster(folder, bad)
    msgs = _messages(folder)
    assert msgs == [
        "测试县/教职工花名册.csv，第2行，“最高学历”列：应为“研究生”、“本科”、“专科”、“高中及以下”之一，现为“大学”"
        "（硕士、博士填 研究生；大专填 专科；中专、中师填 高中及以下）",
        "测试县/教职工花名册.csv，第3行，“骨干级别”列：应为“国家级”、“省级”、“市级”、“县级”、“无”之一，现为“校级”"
        "（不是骨干教师的填 无）",
        "测试县/教职工花名册.csv，第4行，“出生年月”列：出生年月“八五年三月”无法识别，请写成 1985.03 或 1985-03",
        "测试县/教职工花名册.csv，第6行，“任教学段”列：乙学校（九年一贯制学校）没有高中学段（应为：小学、初中）",
        "测试县/教职工花名册.csv，第7行，“教师资格证”列：应为“有”、“无”之一，现为“待定”"], msgs
    assert not any(n in "".join(msgs) for n in ("赵一", "钱二", "孙三"))      # no name in any message


def test_missing_column(tmp_path):
    folder = two_schools(tmp_path)
    head = [h for h in HEAD if h != "骨干级别"]
    write_roster(folder, [[c for h, c in zip(HEAD, r) if h != "骨干级别"] for r in PEOPLE], head=head)
    msgs = _messages(folder)
    assert len(msgs) == 1 and msgs[0].startswith("测试县/教职工花名册.csv，第1行：教职工花名册缺少“骨干级别”列（表头应有："), msgs


def test_two_rosters_are_refused(tmp_path):
    folder = two_schools(tmp_path)
    write_roster(folder, PEOPLE)
    write_roster(folder, PEOPLE, name="教职工花名册.xlsx")
    assert _messages(folder) == ["测试县：项目文件夹中同时有 教职工花名册.xlsx 和 教职工花名册.csv（请只保留一个）"]


# ---------------------------------------------------------------------------------------------------- the draft
def test_the_statistics_table_counts_and_never_names(tmp_path):
    folder = two_schools(tmp_path)
    write_roster(folder, PEOPLE)
    ctx = load(folder)
    paths = drafts.render_all(ctx, tmp_path / "out")
    md = next(p for p in paths if p.name == "测试县义务教育优质均衡发展教师情况统计表.md").read_text("utf-8")
    assert "| 2 | 乙学校 | 6 | 5 | 83.3% | 3 | 1,000 | 2 | 2 | 1 | 1 | 400 | 4 | 3 | 2 | 2 |" in md
    assert "| | 合计 | 9 | 7 | 77.8% | 5 |" in md.replace("|  |", "| |")
    assert "登记教职工10人" in md and "（体育1人、音乐1人、美术1人）" in md
    names = [r[1] for r in PEOPLE]
    for path in paths:
        text = path.read_text("utf-8") if path.suffix == ".md" else _zip_text(path)
        assert not [n for n in names if n in text], path.name


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdftotext(path)
    if path.suffix in (".docx", ".xlsx"):
        return _zip_text(path)
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        return ""


@pytest.mark.slow
def test_build_binds_the_table_for_c1_c3_and_c19_and_no_roster_name_anywhere(tmp_path):
    """A full build of a county with the example's roster: the 教师情况统计表 is in the C1, C2, C3 and C19
    volumes, and none of the roster's names is in any output (text, Office XML, PDF text) or in the log."""
    from dossier.api import build
    folder = make_county(tmp_path / "content")
    shutil.copy(COUNTY / "教职工花名册.xlsx", folder)
    others = "".join(p.read_text("utf-8") for p in folder.glob("*.yaml"))
    ws = load_workbook(folder / "教职工花名册.xlsx", read_only=True).active
    names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if len(r[1]) == 3 and r[1] not in others]
    assert len(names) > 500
    out = tmp_path / "build" / "测试县"
    result = build(folder, out)
    log = "\n".join(result.summary()) + "\n".join(str(p) for p in result.problems)
    catalog = {v.code: v for v in result.volumes}
    for code in ("C1", "C2", "C3", "C19"):
        assert "教师情况统计" in pdftotext(catalog[code].path), code
    texts = [_text_of(p) for p in out.rglob("*") if p.is_file()] + [log]
    found = {n for n in names for t in texts if n in t}
    assert not found, sorted(found)[:5]


# ---------------------------------------------------------------------------------------------------- print setup
def test_evaluation_workbook_prints_landscape_fitted_with_header_rows(tmp_path):
    from dossier.api import export_table
    path = export_table(COUNTY, tmp_path / "评估表.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["小学", "初中"]
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == {"小学": "$2:$3", "初中": "$2:$3", "其他指标": "$1:$1"}[ws.title], ws.title


@pytest.mark.slow
def test_wide_spreadsheet_evidence_fits_the_page_width(tmp_path):
    """30 columns, 60 rows with a page break every 20: fitted to the width it prints on 3 pages (one per block of
    rows), each with the header row and both the first and the last column; the source is not touched."""
    from dossier.evidence.collect import make_doc
    from dossier.evidence.converters import Converter
    wb = Workbook()
    ws = wb.active
    ws.append([f"列{i:02d}标题" for i in range(1, 31)])
    for r in range(1, 61):
        ws.append([f"R{r}C{c}" for c in range(1, 31)])
    from openpyxl.worksheet.pagebreak import Break
    for r in (21, 41):
        ws.row_breaks.append(Break(id=r))
    src = tmp_path / "src" / "教师任课一览表.xlsx"
    src.parent.mkdir()
    wb.save(src)
    before = src.read_bytes()
    doc = make_doc(src, "C1", rel=f"evidence/C1/{src.name}", display=f"测试县/evidence/C1/{src.name}")
    conv = Converter(tmp_path / "cache")
    result = conv.convert_all([doc])[doc.sha256]
    assert result.ok, result.problem
    assert result.pages == 3
    for page in (1, 2, 3):
        text = pdftotext(result.pdf, page)
        assert "列01标题" in text and "列30标题" in text, page           # the header on every page, all columns
        first = 1 + 20 * (page - 1)
        assert f"R{first}C1" in text and f"R{first + 19}C30" in text, page
    assert src.read_bytes() == before
    # the same for the .ods LibreOffice saves (converted to .xlsx first, then fitted)
    ods = tmp_path / "src" / "任课一览表.ods"
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(ods.parent), str(src)],
                   check=True, capture_output=True)
    (ods.parent / "教师任课一览表.ods").rename(ods)
    doc2 = make_doc(ods, "C1", rel=f"evidence/C1/{ods.name}", display=f"测试县/evidence/C1/{ods.name}")
    r2 = Converter(tmp_path / "cache2").convert_all([doc2])[doc2.sha256]
    assert r2.ok and r2.pages == 3, (r2.pages, r2.problem)
    assert "列30标题" in pdftotext(r2.pdf, 3)


def test_without_a_roster_the_table_takes_the_school_table(tmp_path):
    folder = two_schools(tmp_path)
    ctx = load(folder)
    assert ctx.facts.roster is None
    md = drafts.render(ctx, "教师情况统计表", "md", tmp_path / "t.md").read_text("utf-8")
    assert "根据学校基础数据表（测试县/学校基础数据.csv）" in md
    # 甲小学 (one 学段): its 专任 is the stage's; 乙学校 (九年一贯制): per-stage 专任 unknown, shown as —
    assert "| 1 | 甲小学 | 3 | 2 | 66.7% | 2 | 1,000 | 3 | 2 | 2 | 2 | — | — | — | — | — |" in md
    assert "| 2 | 乙学校 | 6 | 5 | 83.3% | 3 | 1,000 | — | 2 | 1 | 1 | 400 | — | 3 | 2 | 2 |" in md


def test_example_generator_is_reproducible_roster_included():
    """scripts/make_example_content.py writes the example county and school, rosters included, byte for byte."""
    folders = [ROOT / "content" / "示例县", ROOT / "content" / "示例学校"]

    def files():
        return {p: p.read_bytes() for f in folders for p in f.rglob("*")
                if p.is_file() and "evidence" not in p.relative_to(f).parts}
    before = files()
    assert COUNTY / "教职工花名册.xlsx" in before and ROOT / "content" / "示例学校" / "教职工花名册.csv" in before
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_example_content.py")], check=True, capture_output=True)
    assert files() == before

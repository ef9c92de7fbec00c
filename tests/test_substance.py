"""Drafts with substance (issue 9): three years of school tables and their trends, 主要工作.yaml, each document
in its own register, the new kinds, keep-with-next — and the bad input of each."""
from __future__ import annotations

import re
import shutil

import docx
import pytest
from openpyxl import load_workbook

from dossier.compute.context import load
from dossier.core.errors import DossierError
from dossier.drafts import docxlayout as L
from dossier.drafts import render as drafts
from kit import ROOT

COUNTY = ROOT / "content" / "示例县"
SCHOOL = ROOT / "content" / "示例学校"


@pytest.fixture(scope="module")
def county():
    return load(COUNTY)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Every kind of both examples, Markdown and .docx: {level: (ctx, [paths])}."""
    out = {}
    for level, folder in (("county", COUNTY), ("school", SCHOOL)):
        ctx = load(folder)
        out[level] = (ctx, drafts.render_all(ctx, tmp_path_factory.mktemp(level)))
    return out


def _rows(path):
    ws = load_workbook(path, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


# ---------------------------------------------------------------------------------------------------- trends
def test_trend_of_primary_equipment_by_hand(county):
    """小学 C6 (生均教学仪器设备值) in 2023, worked out from 学校基础数据/2023.xlsx: for every school with pupils, its
    equipment value (万元 × 10,000) times the primary share of a shared resource (weighted 1 : 1.1 : 1.32 by
    enrolment), over all primary pupils."""
    rows = _rows(COUNTY / "学校基础数据" / "2023.xlsx")
    value = pupils = 0.0
    for r in rows:
        p, j, h = (float(r[c] or 0) for c in ("小学在校生数", "初中在校生数", "高中在校生数"))
        if not p:
            continue
        share = p / (p + 1.1 * j + 1.32 * h)
        value += r["教学仪器设备值"] * 10000 * share
        pupils += p
    mean_2023 = value / pupils
    t = county.trends
    assert [y.year for y in t.years] == [2023, 2024, 2025]
    assert t.first.means["小学"]["C6"] == pytest.approx(mean_2023, rel=1e-9)
    assert t.last.means["小学"]["C6"] == pytest.approx(county.evaluation.cv["小学"]["C6"].mean, rel=1e-12)
    # 教学及辅助用房 gained what 主要工作.yaml built: 3,600 + 520 + 460 + 380 + 300 m²
    assert t.growth("教学及辅助用房面积") == pytest.approx(5260)
    assert t.growth("体育运动场馆面积") == pytest.approx(6000 + 4500)
    assert t.first.passed["小学"] == (4, 18) and t.last.passed["小学"] == (16, 18)


def test_trends_reach_the_drafts_as_of_their_date(written):
    ctx, paths = written["county"]
    text = {p.stem[len("示例县义务教育优质均衡发展"):]: p.read_text("utf-8") for p in paths if p.suffix == ".md"}
    # the plan (2025-03-10) predates the 2025 self-check: it speaks of 2023—2024 only, and of no project finished later
    assert "2023—2024年义务教育学校新增教学及辅助用房5,260平方米、体育运动场馆6,000平方米" in text["实施方案"]
    assert "大坪乡九年一贯制学校运动场扩建工程" not in text["实施方案"]
    assert "2023—2025年，全县义务教育学校累计新增教学及辅助用房5,260平方米、体育运动场馆10,500平方米" in text["自评报告"]
    assert "资源配置达到要求的学校小学由4所增加到16所、初中由2所增加到7所" in text["汇报材料"]
    assert "| 小学 | 生均教学仪器设备值 | 2,435 | 2,662 | 2,856 | 0.552→0.517 |" in text["自评报告"]


# ---------------------------------------------------------------------------------------------------- registers
def _paragraphs(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n\s*\n", text):
        b = block.strip()
        if b and not b.startswith(("|", "#", "!")):
            out.append(b)
    return out


def _no_repeats(paths) -> None:
    owner: dict[str, str] = {}
    for path in (p for p in paths if p.suffix == ".md"):
        paras = _paragraphs(path.read_text("utf-8"))
        sentences = [s.strip() for p in paras for s in re.split(r"(?<=[。；！？])", p) if len(s.strip()) >= 15]
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert not repeated, (path.name, sorted(repeated)[:3])
        for p in paras:
            if len(p) >= 40:
                assert owner.setdefault(p, path.name) == path.name, (p[:60], owner[p], path.name)


def test_no_sentence_twice_and_no_paragraph_shared_between_kinds(written, tmp_path):
    """Each shortfall is stated once in a document, and no two kinds carry the same paragraph (the 汇报 is not
    the 报告 read aloud) — for both examples, and for the provincial one with no dates and no 主要工作."""
    for level in ("county", "school"):
        _no_repeats(written[level][1])
    ctx = load(ROOT / "content" / "示例宁夏县")
    _no_repeats(drafts.render_all(ctx, tmp_path, formats=["md"]))


def test_the_briefing_is_a_briefing(written):
    _, paths = written["county"]
    brief = next(p for p in paths if p.name == "示例县义务教育优质均衡发展汇报材料.md").read_text("utf-8")
    body = re.sub(r"\s", "", "\n".join(_paragraphs(brief)))
    assert len(body) >= 3000, len(body)
    assert brief.count("我们") >= 5                                    # the first person plural
    assert "示例县第二中学综合楼新建工程，投入2,860万元，已建成投用" in brief   # 主要工作, with its figures
    assert "城乡学校集团化办学" in brief.split("特色亮点")[1]
    assert "未达标11项" not in brief.split("## 二")[0]                # it does not open with the misses


def test_report_work_is_facts_not_slogans(written):
    _, paths = written["county"]
    report = next(p for p in paths if p.name.endswith("自评报告.md")).read_text("utf-8")
    work = report.split("## 二、主要工作")[1].split("## 三")[0]
    paras = [p for p in _paragraphs(work) if not p.startswith(("表", "注"))]
    assert all(re.search(r"\d", p) for p in paras), [p for p in paras if not re.search(r"\d", p)]
    assert "示例县第二中学综合楼新建工程：投入2,860万元（中央薄弱环节改善与能力提升补助资金1,200万元、县级财政1,660万元），2024年8月完成" in work


# ---------------------------------------------------------------------------------------------------- new kinds, layout
def test_new_kinds_by_level(written):
    county = {p.stem for p in written["county"][1]}
    school = {p.stem for p in written["school"][1]}
    assert "示例县义务教育优质均衡发展迎检实施方案" in county and "示例县义务教育优质均衡发展动员讲话" in county
    assert "第一九年一贯制学校义务教育优质均衡发展学校简介" in school
    assert not any("动员讲话" in s or "请示" in s for s in school) and not any("学校简介" in s for s in county)
    ctx, paths = written["county"]
    plan = next(p for p in paths if p.name.endswith("迎检实施方案.md")).read_text("utf-8")
    for needle in ("督导评估组预计于2025年10月28日", "县人民政府县长王建国向督导评估组汇报", "| 刘芳 | 县人民政府副县长 |",
                   "1.示例县第一小学；2.示例县第二中学", "档案资料室设在县教育体育局三楼档案资料室", "### （四）档案资料组"):
        assert needle in plan, needle
    speech = next(p for p in paths if p.name.endswith("动员讲话.md")).read_text("utf-8")
    assert "县人民政府县长  王建国" in speech and speech.count("同志们") == 2
    assert "清溪乡中学（初中）需增加高于规定学历教师1人" in speech and "据统计数据初步测算" in speech


def test_keep_with_next_on_headings_captions_and_signature(written):
    for level in ("county", "school"):
        for path in (p for p in written[level][1] if p.suffix == ".docx"):
            document = docx.Document(str(path))
            for name in L.STYLE_HEADINGS + (L.STYLE_CAPTION,):
                assert document.styles[name].paragraph_format.keep_with_next, (path.name, name)
            items = list(document.iter_inner_content())                     # paragraphs and tables, in order
            for i, p in enumerate(items):
                if not (hasattr(p, "style") and p.style.name == L.STYLE_SIGNATURE and hasattr(p, "text")):
                    continue
                if i + 1 < len(items) and getattr(getattr(items[i + 1], "style", None), "name", "") == L.STYLE_SIGNATURE:
                    assert p.paragraph_format.keep_with_next, path.name           # the unit's name with the date
                    last = next(q for q in reversed(items[:i]) if not hasattr(q, "text") or q.text.strip())
                    paras = [c for cell in last.rows[-1].cells for c in cell.paragraphs] if hasattr(last, "rows") else [last]
                    assert all(q.paragraph_format.keep_with_next for q in paras), path.name   # and the last text


def test_attachment_note_hangs(written):
    ctx, paths = written["county"]
    document = docx.Document(str(next(p for p in paths if p.name.endswith("申请评估的请示.docx"))))
    notes = [p for p in document.paragraphs if p.style.name in (L.STYLE_ATTACH_NOTE, L.STYLE_ATTACH_MORE)]
    assert [p.text[:5] for p in notes] == ["附件：1.", "2.示例县", "3.示例县"]
    ind = document.styles[L.STYLE_ATTACH_NOTE].paragraph_format
    assert ind.first_line_indent < 0 and ind.left_indent > 0                  # hanging under the name


# ---------------------------------------------------------------------------------------------------- bad input
@pytest.fixture
def copy(tmp_path):
    dest = tmp_path / "示例县"
    shutil.copytree(COUNTY, dest, ignore=shutil.ignore_patterns("evidence"))
    return dest


def _messages(folder) -> list[str]:
    with pytest.raises(DossierError) as info:
        load(folder)
    return [str(p) for p in info.value.problems]


def _edit_xlsx(path, edit):
    wb = load_workbook(path)
    edit(wb.active)
    wb.save(path)


def test_a_year_with_other_columns_is_named(copy):
    _edit_xlsx(copy / "学校基础数据" / "2023.xlsx", lambda ws: ws.delete_cols(29))     # 图书册数
    msgs = _messages(copy)
    assert any(m.startswith("示例县/学校基础数据/2023.xlsx，第1行：列与2025年的学校基础数据表不同：缺少“图书册数”") for m in msgs), msgs


def test_a_year_outside_the_evidence_years(copy):
    shutil.copy(copy / "学校基础数据" / "2023.xlsx", copy / "学校基础数据" / "2021.xlsx")
    msgs = _messages(copy)
    assert msgs == ["示例县/学校基础数据/2021.xlsx：2021年不在佐证年度（2023、2024、2025）之内"
                    "（请移走该表，或在 dossier.yaml 的 佐证年度 中加上该年）"]
    (copy / "学校基础数据" / "2021.xlsx").rename(copy / "学校基础数据" / "旧表.xlsx")
    assert "“学校基础数据”文件夹中的“旧表.xlsx”不是按年度命名的学校基础数据表" in _messages(copy)[0]


def test_schools_that_appear_or_jump_are_warnings(copy):
    def edit(ws):
        head = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            if row[1].value == "示例县第二中学":
                row[head.index("教学及辅助用房面积")].value = 1500            # 6,000 m² in 2023, 9,600 in 2025
            if row[1].value == "示例县民族中学":
                ws.delete_rows(row[0].row)
                break
    _edit_xlsx(copy / "学校基础数据" / "2024.xlsx", edit)
    ctx = load(copy)                                                       # warnings, not errors
    warnings = [str(w) for w in ctx.facts.warnings]
    assert any("示例县第二中学的“教学及辅助用房面积”由2023年的6000变为2024年的1500，变化异常" in w for w in warnings), warnings
    assert any("由2024年的1500变为2025年的9600" in w for w in warnings)
    assert any("学校“示例县民族中学”（5301230025）在2023年的表中有，2024年的表中没有" in w for w in warnings)
    assert any("学校“示例县民族中学”（5301230025）在2025年的表中新出现" in w for w in warnings)
    from click.testing import CliRunner
    from dossier.cli import main
    result = CliRunner().invoke(main, ["check", str(copy)])
    assert result.exit_code == 0 and "【数据提示】共5处" in result.output      # + the roster's deliberate one


def test_work_items_checked(copy):
    path = copy / "主要工作.yaml"
    path.write_text(
        "主要工作:\n"
        "  - {名称: 甲工程, 类别: 新建改扩建校舍/场地, 投入: 很多}\n"
        "  - {名称: 丁工程, 类别: 新建改扩建校舍/场地, 投入: 2860, 学校: [示例县第二中学校]}\n"
        "  - {名称: 乙工程, 类别: 基建, 投入: 120, 开始: 2024-05, 结束: 2024-02}\n"
        "  - {名称: 丙工程, 类别: 购置设备, 开始: 2024年13月}\n", encoding="utf-8")
    msgs = _messages(copy)
    assert any("第2行" in m and "投入应为万元数（如 2860 或“2,860万元”），现为“很多”" in m for m in msgs), msgs
    assert any("学校“示例县第二中学校”不在学校基础数据表中（最接近的是“示例县第二中学”" in m for m in msgs), msgs
    assert any("类别“基建”不是可用的类别（可用：组织领导、办学条件、教师队伍、政府保障、教育质量、社会认可度、资源配置" in m
               for m in msgs), msgs
    assert any("乙工程”的结束时间早于开始时间" in m for m in msgs), msgs
    assert any("时间“2024年13月”无法识别" in m for m in msgs), msgs


def test_an_unknown_school_on_the_route(copy):
    people = copy / "人员.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("青石镇中心小学, 清溪乡中学", "青石镇中心校, 清溪乡中学"),
                      encoding="utf-8")
    msgs = _messages(copy)
    assert any("迎检路线中的学校“青石镇中心校”不在学校基础数据表中（最接近的是“青石镇中心小学”" in m for m in msgs), msgs


def test_one_table_with_a_year_column_reads_like_the_yearly_tables(copy, county):
    """学校基础数据.csv with a 年度 column holding all three years gives the same trends as the yearly files."""
    import csv
    rows = []
    for year, path in ((2023, copy / "学校基础数据" / "2023.xlsx"), (2024, copy / "学校基础数据" / "2024.xlsx"),
                       (2025, copy / "学校基础数据.xlsx")):
        rows += [{"年度": year, **r} for r in _rows(path)]
    shutil.rmtree(copy / "学校基础数据")
    (copy / "学校基础数据.xlsx").unlink()
    with open(copy / "学校基础数据.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    ctx = load(copy)
    assert [y.year for y in ctx.trends.years] == [2023, 2024, 2025]
    assert ctx.trends.first.means["小学"] == pytest.approx(county.trends.first.means["小学"])
    assert [s.code for s in ctx.facts.schools] == [s.code for s in county.facts.schools]
    text = (copy / "学校基础数据.csv").read_text(encoding="utf-8").replace("\n2024,", "\n二〇二四,", 1)
    (copy / "学校基础数据.csv").write_text(text, encoding="utf-8")
    msgs = _messages(copy)
    assert any("“年度”列：“年度”应为四位年份，现为“二〇二四”" in m for m in msgs), msgs

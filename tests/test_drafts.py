"""Drafts (issue 3): every kind rendered for both example projects and checked as a reader would check them.

The .docx files are opened with python-docx (no template tags left, headings in order, table figures equal to
`dossier check --json`, GB/T 9704 page and fonts, zh-CN on every run, page-number footers); the Markdown files are
parsed with markdown-it-py (headings in order, well-formed tables, chart images on disk); LibreOffice converts
every .docx to PDF and a rendered page is not blank (slow). Template overrides and template errors are tested
with real files in a copy of the example project.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest

from dossier.core.fonts import soffice_env
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from markdown_it import MarkdownIt

from dossier.core import zh
from dossier.core.numerals import cn_numeral
from dossier.drafts import context as dctx
from dossier.drafts import docxlayout as L
from dossier.drafts import jinja, kinds, prose, workplan
from dossier.drafts import render as drafts
from dossier.compute.context import load
from dossier.core.errors import DossierError
from dossier.compute.model import Gap

ROOT = Path(__file__).resolve().parents[1]
COUNTY = ROOT / "content" / "示例县"
SCHOOL = ROOT / "content" / "示例学校"
BIN = Path(sys.executable).parent
TAGS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")

H1 = {
    ("county", "实施方案"): ["一、指导思想", "二、工作基础", "三、工作目标", "四、组织机构", "五、主要任务", "六、部门职责",
                         "七、实施步骤", "八、保障措施"],
    ("school", "实施方案"): ["一、指导思想", "二、工作基础", "三、工作目标", "四、组织机构", "五、主要任务", "六、处室分工",
                         "七、实施步骤", "八、保障措施"],
    ("county", "自评报告"): ["一、基本情况", "二、主要工作", "三、指标达成情况", "四、存在的问题", "五、整改情况",
                         "六、下一步整改措施"],
    ("school", "自评报告"): ["一、基本情况", "二、主要工作", "三、指标达成情况", "四、存在的问题", "五、下一步整改措施"],
    ("county", "汇报材料"): ["一、基本情况", "二、主要做法", "三、取得成效", "四、特色亮点", "五、存在的问题和下一步打算"],
    ("school", "汇报材料"): ["一、基本情况", "二、主要做法", "三、取得成效", "四、特色亮点", "五、存在的问题和下一步打算"],
    ("county", "工作专班"): ["一、资源配置工作专班", "二、政府保障工作专班", "三、教育质量工作专班",
                         "四、社会认可度工作专班", "五、档案资料工作专班", "六、工作要求"],
    ("county", "整改报告"): ["一、总体情况", "二、已完成整改的问题", "三、正在整改的问题", "四、下一步工作"],
    ("school", "整改报告"): ["一、总体情况", "二、正在整改的问题", "三、下一步工作"],
    ("county", "迎检实施方案"): ["一、迎检时间和内容", "二、组织领导", "三、工作分组及职责", "四、实地核查路线", "五、档案资料室",
                           "六、满意度调查", "七、工作要求"],
    ("county", "动员讲话"): ["一、统一思想，充分认识推进义务教育优质均衡发展的重要意义", "二、正视差距，清醒认识当前面临的困难和问题",
                         "三、突出重点，全力补齐短板", "四、压实责任，确保各项任务按期完成"],
}
WORK_H2 = ["（一）加强组织领导，健全推进机制", "（二）加大经费投入，改善办学条件", "（三）加强教师队伍建设"]
H2_REPORT = {   # 主要工作 from 主要工作.yaml, then the areas of 指标达成情况
    "county": WORK_H2 + ["（四）落实政府保障责任", "（五）深化教育教学改革，提升教育质量", "（六）加强宣传引导，提升社会认可度",
                         "（一）资源配置", "（二）政府保障程度", "（三）教育质量", "（四）社会认可度", "（五）一票否决事项"],
    "school": WORK_H2 + ["（四）深化教育教学改革，提升教育质量", "（一）资源配置", "（二）政府保障程度", "（三）教育质量"],
}
LANDSCAPE = {"工作计划", "问题清单", "销号台账", "教师情况统计表"}                                  # wide tables on A4 landscape


# ---- fixtures ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def county():
    return load(COUNTY)


@pytest.fixture(scope="module")
def school():
    return load(SCHOOL)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, county, school):
    """Every kind in both formats for both examples: {level: (ctx, folder, [paths])}."""
    out = {}
    for level, ctx in (("county", county), ("school", school)):
        folder = tmp_path_factory.mktemp(f"drafts-{level}")
        out[level] = (ctx, folder, drafts.render_all(ctx, folder))
    return out


@pytest.fixture(scope="module")
def check_json():
    """What `dossier check --json` prints for the example county: the figures every table must show."""
    proc = subprocess.run([str(BIN / "dossier"), "check", str(COUNTY), "--json"], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def docx_path(rendered, level, kind):
    ctx, folder, _ = rendered[level]
    return folder / kinds.file_name(ctx, kinds.get(kind), "docx")


def md_path(rendered, level, kind):
    ctx, folder, _ = rendered[level]
    return folder / kinds.file_name(ctx, kinds.get(kind), "md")


def all_text(document) -> list[str]:
    """Every paragraph's text: body, table cells (nested too), headers and footers."""
    texts = []

    def walk(container):
        for p in container.paragraphs:
            texts.append(p.text)
        for t in getattr(container, "tables", []):
            for row in t.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    for s in document.sections:
        for part in (s.footer, s.even_page_footer, s.header):
            walk(part)
    return texts


def headings(document, level: int) -> list[str]:
    name = L.STYLE_HEADINGS[level - 1]
    return [p.text for p in document.paragraphs if p.style.name == name]


def east_asia(style) -> str | None:
    rpr = style.element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def number(text: str) -> float:
    return float(text.replace(",", "").replace("%", "").strip())


def table_rows(table) -> list[list[str]]:
    return [[c.text.strip() for c in row.cells] for row in table.rows]


# ---- names and files ------------------------------------------------------------------------------------------------
def test_render_all_writes_every_kind_with_clear_names(rendered):
    ctx, folder, paths = rendered["county"]
    names = sorted(p.name for p in paths)
    expected = sorted(f"示例县义务教育优质均衡发展{k.name}.{f}" for k in kinds.for_level("county") for f in ("docx", "md"))
    assert names == expected
    ctx, folder, paths = rendered["school"]
    names = {p.name for p in paths}
    assert "第一九年一贯制学校义务教育优质均衡发展自查报告.docx" in names          # a school's report is a 自查报告
    assert not any("自评报告" in n for n in names)
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)


def test_kind_names_and_aliases():
    assert kinds.get("自查报告").name == "自评报告"
    assert kinds.get("自评报告").label("school") == "自查报告"
    assert kinds.get("自评报告").label("county") == "自评报告"
    with pytest.raises(DossierError, match="未知的文稿种类“报告”"):
        kinds.get("报告")


# ---- .docx: tags, headings, layout, fonts ---------------------------------------------------------------------------
@pytest.mark.parametrize("level", ["county", "school"])
def test_docx_has_no_leftover_template_tags(rendered, level):
    _, _, paths = rendered[level]
    for path in paths:
        if path.suffix != ".docx":
            continue
        leftovers = [t for t in all_text(docx.Document(str(path))) if TAGS.search(t)]
        assert not leftovers, f"{path.name}: {leftovers[:3]}"


@pytest.mark.parametrize("level,kind", sorted(H1))
def test_docx_section_headings_in_order(rendered, level, kind):
    document = docx.Document(str(docx_path(rendered, level, kind)))
    assert headings(document, 1) == H1[(level, kind)]


@pytest.mark.parametrize("level", ["county", "school"])
def test_report_second_level_headings(rendered, level):
    document = docx.Document(str(docx_path(rendered, level, "自评报告")))
    assert headings(document, 2) == H2_REPORT[level]
    title = document.paragraphs[0]
    assert title.style.name == "Title"
    label = "自评报告" if level == "county" else "自查报告"
    assert title.text.replace("\n", "").endswith(f"义务教育优质均衡发展{label}")


@pytest.mark.parametrize("kind", kinds.names())
def test_docx_page_fonts_footers_and_language(rendered, kind):
    level = "county" if "county" in kinds.get(kind).levels else "school"
    path = docx_path(rendered, level, kind)
    document = docx.Document(str(path))
    for section in document.sections:
        mm = [round(x.mm, 1) for x in (section.page_width, section.page_height, section.top_margin,
                                       section.bottom_margin, section.left_margin, section.right_margin)]
        page = [297, 210] if kind in LANDSCAPE else [210, 297]
        assert mm == page + [37, 35, 28, 26]                                    # A4, GB/T 9704 margins
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:linePitch")) == str(L.LINE_TWIPS)            # 22 lines on the page
    styles = document.styles
    assert east_asia(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)
    assert east_asia(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size == Pt(16)
    assert styles["Normal"].paragraph_format.line_spacing == Pt(L.LINE_PT)
    assert [east_asia(styles[n]) for n in L.STYLE_HEADINGS] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    assert all(styles[n].font.size == Pt(16) for n in L.STYLE_HEADINGS)
    assert document.paragraphs[0].style.name == "Title"
    # no run overrides the fonts its style gives
    for p in document.paragraphs:
        for r in p.runs:
            fonts = r._r.rPr.find(qn("w:rFonts")) if r._r.rPr is not None else None
            assert fonts is None, f"{path.name}: run “{r.text}” sets its own font"
    # every run, body and footers, marks its East Asian text as zh-CN
    parts = [document.element.body] + [f._element for s in document.sections
                                       for f in (s.footer, s.even_page_footer)]
    for part in parts:
        for run in part.iter(qn("w:r")):
            lang = run.find(qn("w:rPr") + "/" + qn("w:lang"))
            assert lang is not None and lang.get(qn("w:eastAsia")) == "zh-CN"
    # "— N —" page numbers: odd pages right, even pages left, both a PAGE field
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
    # every table repeats its header row on each page
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_docx_core_properties_are_fixed(rendered, county):
    document = docx.Document(str(docx_path(rendered, "county", "自评报告")))
    cp = document.core_properties
    assert cp.created.replace(tzinfo=None) == county.project.build_time() == cp.modified.replace(tzinfo=None)
    assert cp.title == "示例县义务教育优质均衡发展自评报告"
    assert cp.author == "示例县人民政府"


# ---- .docx: figures equal the computed ones -------------------------------------------------------------------------
def test_report_school_tables_equal_check_json(rendered, check_json):
    document = docx.Document(str(docx_path(rendered, "county", "自评报告")))
    codes = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    tables = [t for t in document.tables if table_rows(t)[0][:2] == ["学校", "在校生（人）"]]
    assert len(tables) == 2                                                    # 小学, 初中
    seen = 0
    for stage, table in zip(("小学", "初中"), tables):
        rows = table_rows(table)
        assert rows[0][2:9] == codes
        expected = {s["name"]: s for s in check_json["schools"] if s["stage"] == stage}
        body = rows[1:-1]
        assert rows[-1][0] == "标准值"
        assert [r[0] for r in body] == [s["name"] for s in check_json["schools"] if s["stage"] == stage]
        for row in body:
            school = expected[row[0]]
            for code, text in zip(codes, row[2:9]):
                value = school["indicators"][code]["value"]
                decimals = len(text.split(".")[1]) if "." in text else 0
                assert abs(number(text) - value) <= 0.5 * 10 ** -decimals + 1e-9, (row[0], stage, code, text, value)
                seen += 1
            assert row[9] == f"{school['met_count']}/7"
            assert row[10] == ("达标" if school["passed"] else "未达标")
        thresholds = rows[-1][2:9]
        first = next(iter(expected.values()))
        assert [number(t) for t in thresholds] == [first["indicators"][c]["threshold"] for c in codes]
    assert seen == 7 * len(check_json["schools"])


def test_report_cv_table_equals_check_json(rendered, check_json):
    document = docx.Document(str(docx_path(rendered, "county", "自评报告")))
    table = next(t for t in document.tables if table_rows(t)[0][:3] == ["指标", "小学差异系数", "初中差异系数"])
    rows = table_rows(table)
    for row in rows[1:-1]:
        code = row[0].split()[0]
        for stage, text, result in (("小学", row[1], row[3]), ("初中", row[2], row[4])):
            cv = check_json["cv"][stage][code]
            assert text == f"{cv:.3f}"
            assert result == ("达标" if cv <= check_json["cv_limit"][stage] else "未达标")
    assert rows[-1][1:3] == [f"≤{check_json['cv_limit']['小学']:.2f}", f"≤{check_json['cv_limit']['初中']:.2f}"]


def test_report_indicator_tables_and_survey(rendered, check_json):
    document = docx.Document(str(docx_path(rendered, "county", "自评报告")))
    by_code = {i["code"]: i for i in check_json["indicators"]}
    found = 0
    for table in document.tables:
        rows = table_rows(table)
        if rows[0] != ["编号", "指标", "评估要求", "实际情况", "结论"]:
            continue
        for code, title, threshold, value, status in rows[1:]:
            ind = by_code[code]
            assert (title, threshold, value, status) == (ind["title"], ind["threshold"], ind["value"], ind["status"])
            found += 1
    computed = [i for i in check_json["indicators"] if i["threshold"] != "自评" and i["code"] not in
                {"C1", "C2", "C3", "C4", "C5", "C6", "C7"}]
    assert found == len(computed)
    text = "\n".join(all_text(document))
    assert "认可度为90.2%" in text
    # self-assessed indicators are stated with their basis
    for i in check_json["indicators"]:
        if i["threshold"] == "自评":
            assert f"{i['code']}{i['title']}：自评{i['status']}。{i['basis']}" in text


def test_problem_list_table_equals_gaps(rendered, check_json):
    document = docx.Document(str(docx_path(rendered, "county", "问题清单")))
    table = document.tables[0]
    rows = table_rows(table)
    assert rows[0] == ["序号", "指标", "学校（单位）", "学段", "现状", "要求", "整改要求", "整改措施", "责任单位",
                       "完成时限"]
    gaps = check_json["gaps"]
    assert len(rows) - 1 == len(gaps)
    for row, gap in zip(rows[1:], gaps):
        assert row[1].split()[0] == gap["code"]
        assert row[2] == gap["school"]
        assert row[3] == (gap["stage"] or "—")
        assert row[6] == gap["text"]
        assert row[7].startswith(gap["measure"])
        # closed by the list's date (2025-09-20): 已销号 and the day; open: the measure's deadline
        if gap["closed"] and gap["closed"] <= "2025-09-20":
            assert row[9] == "已销号" + zh.date_cn(dt.date.fromisoformat(gap["closed"]))
        else:
            assert row[9] == zh.date_cn(dt.date.fromisoformat(gap["deadline"])) + "前"
        if isinstance(gap["current"], float) and gap["school"] != "示例县人民政府":
            decimals = len(row[4].split(".")[1]) if "." in row[4] else 0
            assert abs(number(row[4]) - gap["current"]) <= 0.5 * 10 ** -decimals + 1e-9, row


def test_work_plan_rows_from_facts_and_gaps(rendered, check_json, county):
    document = docx.Document(str(docx_path(rendered, "county", "工作计划")))
    rows = table_rows(document.tables[0])
    assert rows[0] == ["目标任务", "完成时间", "工作措施", "牵头单位", "责任单位", "备注"]
    tasks = [r[0] for r in rows[1:]]
    # numbered 一、二、… across the project's own rows and the generated ones
    assert all(t.startswith(cn_numeral(i) + "、") for i, t in enumerate(tasks, 1))
    own = [workplan._strip_number(r["目标任务"]) for r in county.facts.plan]
    plain = [t.split("、", 1)[1] for t in tasks]
    assert [t for t in plain if t in own] == own                               # all kept, in their order
    # one row per indicator with gaps; C6 names its schools and the total shortfall
    c6 = [g for g in check_json["gaps"] if g["code"] == "C6" and g["unit"] == "万元"]
    row = next(r for r in rows if "生均教学仪器设备值" in r[0])
    assert row[0].split("、", 1)[1].startswith(f"解决{len(c6)}所小学生均教学仪器设备值不达标问题")
    plan = next(p for p in check_json["cv_plans"] if p["code"] == "C6")      # the 差异系数 plan sets the total
    total = f"{plan['total']:,.1f}万元"
    assert row[2].count(total) == 1 and f"共需增加{total}" in row[2]
    assert all(g["school"] in row[2] for g in c6)
    assert row[3] == "县财政局、县教育体育局"                                   # the leaf's lead units
    assert row[4] == "各乡镇（街道）、各义务教育学校"
    # rectification rows (due 2025年9月30日) come in date order: after the rows starting by September, before
    # the 迎检 row of October–December
    assert row[1] == "2025年9月30日前"
    i_c6 = tasks.index(row[0])
    assert plain.index("阶段总结，查缺补漏") < i_c6 < plain.index("迎接市级、省级督导评估")
    starts = [workplan._when_span(r[1])[0] for r in rows[1:]]
    assert starts == sorted(starts)
    codes_with_gaps = []
    for g in check_json["gaps"]:
        if g["code"] not in codes_with_gaps:
            codes_with_gaps.append(g["code"])
    generated = [r for r in rows[1:] if r[0].split("、", 1)[1].startswith("解决")]
    assert len(generated) == len(codes_with_gaps)


def test_rosters_list_every_person(rendered, county):
    document = docx.Document(str(docx_path(rendered, "county", "领导小组名单")))
    rows = table_rows(document.tables[0])
    lg = county.facts.people.leading_group
    people = lg.leaders + lg.deputies + lg.members
    assert [r[1] for r in rows[1:]] == [p.name for p in people]
    assert rows[1] == ["组长", "王建国", "县人民政府县长"]
    assert ["成员", "陈志强", "县教育体育局局长"] in rows
    document = docx.Document(str(docx_path(rendered, "county", "工作专班")))
    rows = table_rows(document.tables[0])
    assert [r[1] for r in rows[1:]] == [g.name for g in county.facts.people.working_groups]
    text = "\n".join(all_text(document))
    for g in county.facts.people.working_groups:
        for duty in g.duties:
            assert duty in text
    # the 实施方案 carries the roster as its attachment
    document = docx.Document(str(docx_path(rendered, "county", "实施方案")))
    assert any(p.text == "附件" and p.style.name == L.STYLE_ATTACHMENT for p in document.paragraphs)
    assert [r[1] for r in table_rows(document.tables[-1])[1:]] == [p.name for p in people]


def test_plan_and_report_dates(rendered):
    text = "\n".join(all_text(docx.Document(str(docx_path(rendered, "county", "实施方案")))))
    assert "2025年3月10日" in text                                             # 日期.方案印发
    assert "（一）动员部署阶段（2025年3月）" in text
    assert "（五）迎检评估阶段（2025年10月—12月）" in text
    report = docx.Document(str(docx_path(rendered, "county", "自评报告")))
    sig = [p for p in report.paragraphs if p.style.name == L.STYLE_SIGNATURE]
    assert [p.text for p in sig] == ["示例县人民政府", "2025年9月20日"]
    assert all(p.alignment is None and p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in sig)
    text = "\n".join(all_text(report))
    assert "截至2025年9月20日，已整改销号17项，尚有11项正在整改" in text      # 整改进展.yaml, as of the report
    assert "2026年5月31日前完成（评估前先行过渡）" in text                    # construction: after the inspection
    assert "等需新建改扩建校舍/场地的问题预计评估前不能完成，评估前完成立项和开工" in text
    assert "2025年10月31日前达到要求" in text                                # overdue 基本达标: next month's end


def test_school_report_uses_its_own_figures(rendered, school):
    document = docx.Document(str(docx_path(rendered, "school", "自评报告")))
    text = "\n".join(all_text(document))
    assert "示例县第一九年一贯制学校是一所九年一贯制学校" in text
    assert "小学部教学班27个、在校生1,182人" in text
    tables = [t for t in document.tables if table_rows(t)[0][:2] == ["学段", "在校生（人）"]
              and table_rows(t)[0][-1] == "结论"]
    assert [table_rows(t)[1][0] for t in tables] == ["小学部", "初中部"]
    assert "体育运动场馆面积缺口494.2平方米" in text


# ---- Markdown --------------------------------------------------------------------------------------------------------
def _cells(line: str) -> int:
    line = line.strip()
    assert line.startswith("|") and line.endswith("|"), line
    return len(re.split(r"(?<!\\)\|", line[1:-1]))


@pytest.mark.parametrize("level", ["county", "school"])
def test_markdown_parses_with_headings_in_order_and_wellformed_tables(rendered, level):
    ctx, folder, paths = rendered[level]
    md = MarkdownIt("commonmark").enable("table")
    for path in paths:
        if path.suffix != ".md":
            continue
        source = path.read_text(encoding="utf-8")
        assert not TAGS.search(source), path.name
        tokens = md.parse(source)
        heads = [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert heads[0][0] == 1, path.name
        assert sum(1 for lv, _ in heads if lv == 1) == 1
        for (a, _), (b, text) in zip(heads, heads[1:]):
            assert b <= a + 1, f"{path.name}: heading “{text}” jumps from h{a} to h{b}"
        kind = next(k.name for k in kinds.for_level(ctx.project.level) if path.stem == kinds.file_stem(ctx, k))
        if (level, kind) in H1:
            expected = H1[(level, kind)]
            if kind == "实施方案":                                               # the attached roster
                expected = expected + [f"{ctx.facts.people.leading_group.name}成员名单"]
            assert [t for lv, t in heads if lv == 2] == expected, path.name
        lines = source.splitlines()
        for t in tokens:
            if t.type != "table_open":
                continue
            start, end = t.map
            width = _cells(lines[start])
            assert re.fullmatch(r"\|( --- \|)+", lines[start + 1].strip()), lines[start + 1]
            for line in lines[start:end]:
                assert _cells(line) == width, f"{path.name}: {line}"
        images = [c for t in tokens if t.type == "inline" for c in (t.children or []) if c.type == "image"]
        for img in images:
            assert (path.parent / unquote(img.attrs["src"])).is_file()
        if kind == "自评报告" and level == "county":
            assert len(images) == 14                                             # C1–C7 × 小学, 初中
        else:
            assert not images


def test_markdown_tables_equal_docx_tables(rendered):
    source = md_path(rendered, "county", "自评报告").read_text(encoding="utf-8")
    assert "| 柳河镇河湾小学 | 264 | 6.82 | **0.76** | 1.14 | 5.98 | 14.77 | **1,462** | 3.03 | 5/7 | 未达标 |" in source
    assert "| C6 生均教学仪器设备值 | **0.517** | 0.257 | 未达标 | 达标 |" in source


# ---- charts ------------------------------------------------------------------------------------------------------------
def test_charts_show_threshold_and_misses(rendered):
    from PIL import Image
    _, folder, _ = rendered["county"]
    png = folder / drafts.CHART_DIR / "示例县-C6-小学.png"
    data = png.read_bytes()
    assert b"Software" not in data and b"matplotlib" not in data.lower()
    img = Image.open(png).convert("RGB")
    colors = img.getcolors(maxcolors=1 << 20)
    red = sum(n for n, (r, g, b) in colors if r > 170 and g < 40 and b < 40)
    blue = sum(n for n, (r, g, b) in colors if (r, g, b) == (0x2F, 0x55, 0x97))
    assert red > 500 and blue > 5000                                           # misses in red, the rest in blue


# ---- reproducible --------------------------------------------------------------------------------------------------
def test_rendering_twice_gives_identical_bytes(rendered, county, tmp_path):
    _, first, _ = rendered["county"]
    again = drafts.render_all(county, tmp_path)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    n = len(kinds.for_level("county"))
    assert len(again) == 2 * n and len(files) == 2 * n + 14                   # + the 14 chart images
    for rel in files:
        assert (first / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


# ---- context details ---------------------------------------------------------------------------------------------------
def test_chinese_formatting():
    assert zh.fmt_num(4520.5) == "4,520.5"
    assert zh.fmt_area(4520.5) == "4,520.5平方米"
    assert zh.fmt_pct(93.2) == "93.2%"
    assert zh.fmt_wan(12.4) == "12.4万元"
    assert zh.date_cn(dt.date(2025, 3, 10)) == "2025年3月10日"
    assert zh.month_range_cn(dt.date(2025, 10, 1), dt.date(2025, 12, 1)) == "2025年10月—12月"
    assert zh.month_range_cn(dt.date(2025, 11, 1), dt.date(2026, 2, 1)) == "2025年11月—2026年2月"
    assert [cn_numeral(n) for n in (1, 10, 12, 20, 35)] == ["一", "十", "十二", "二十", "三十五"]
    assert [L.heading_number(lv, 2) for lv in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    # a miss is never rounded up to look like a pass
    assert zh.fmt_value(1999.6, 2000, False, "元") == "1,999.6"
    assert zh.fmt_value(2148.2, 2000, True, "元") == "2,148"
    assert zh.fmt_value(4.1996, 4.2, False, "人") == "4.1996"
    assert zh.fmt_value(50.004, 50, False, "人") == "50.004"               # over a ≤ limit
    # counts shown in 万 are not rounded to a figure the data does not hold (69,800册 is not 7万册)
    assert zh.fmt_count_wan(69800, "册") == "6.98万册"
    assert zh.fmt_count_wan(70000, "册") == "7万册"
    assert zh.fmt_count_wan(123456, "册") == "12.35万册"
    assert zh.fmt_count_wan(8500, "册") == "8,500册"
    assert zh.fmt_wan(0.04) == "0.04万元" and zh.fmt_wan(968) == "968.0万元"


def test_title_lines_break_at_words():
    assert prose.title_lines("示例县义务教育优质均衡发展自评报告") == ["示例县义务教育优质均衡发展自评报告"]
    assert prose.title_lines("示例县推进义务教育优质均衡发展工作领导小组成员名单") == \
        ["示例县推进义务教育优质均衡发展", "工作领导小组成员名单"]


def test_gap_groups_sum_whole_school_once(county):
    """A 九年一贯制 school short in both 学段 of a shared resource adds the larger whole-school figure once."""
    gaps = [
        Gap("C6", "生均教学仪器设备值", "甲校", "A1", "小学", 1800.0, 2000.0, 3.0, "万元", "缺口3.0万元", whole_school=5.0),
        Gap("C6", "生均教学仪器设备值", "甲校", "A1", "初中", 2300.0, 2500.0, 2.0, "万元", "缺口2.0万元", whole_school=4.0),
        Gap("C6", "生均教学仪器设备值", "乙校", "B2", "小学", 1900.0, 2000.0, 1.5, "万元", "缺口1.5万元"),
        Gap("C18", "教师交流轮岗", "示例县人民政府", None, None, 18.5, 20.0, 1.5, "%", "需提高1.5个百分点"),
    ]
    ctx = dataclasses.replace(county, evaluation=dataclasses.replace(county.evaluation, gaps=gaps))
    c6, c18 = workplan.gap_groups(ctx, gaps, dt.date(2025, 3, 10))
    assert c6["task"] == "解决2所中小学生均教学仪器设备值不达标问题"
    assert c6["total"] == "6.5万元" and c6["schools"] == ["甲校", "乙校"]
    assert "合计6.5万元" in c6["measure"]
    assert c18["task"] == "解决教师交流轮岗不达标问题" and c18["total"] == ""
    assert c18["lead"] == "县教育体育局" and c18["responsible"] == "县人社局、各义务教育学校"


# ---- deadlines that are true, school wording, the work plan (QA review) ---------------------------------------------
DEADLINE_PHRASES = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)前|时限为(\d{4}年\d{1,2}月\d{1,2}日)")


def _deadlines(paths) -> dict[str, set[dt.date]]:
    """The dates every draft gives as a deadline ("…日前", "时限为…"), by file."""
    out = {}
    for path in paths:
        if path.suffix == ".docx":
            text = "\n".join(all_text(docx.Document(str(path))))
        else:
            text = path.read_text(encoding="utf-8")
        out[path.name] = {_ymd(a or b) for a, b in DEADLINE_PHRASES.findall(text)}
    return out


def _ymd(text: str) -> dt.date:
    return dt.date(*map(int, re.findall(r"\d+", text)))


def _stated_dates(ctx) -> dict[str, dt.date]:
    return {kinds.file_name(ctx, k, f): k.date(ctx.project) for k in kinds.for_level(ctx.project.level)
            for f in ("docx", "md")}


def test_every_deadline_is_a_measures_due_date_not_before_the_draft(rendered):
    """Inspectors check that the documents agree and that no promise is already broken: every deadline a draft
    states is the due date of a measure in the plan (or, when that date has passed by the draft's date, the end of
    the next month), and none falls before the draft's own date."""
    for level in ("county", "school"):
        ctx, _, paths = rendered[level]
        dues = {m.due for m in ctx.rectification.measures.values()}
        dated = _stated_dates(ctx)
        found = _deadlines(paths)
        assert sum(1 for d in found.values() if d) >= 14, found                # 7 kinds × 2 formats at least
        for name, dates in found.items():
            at = dated[name]
            for d in dates:
                assert d >= at, (name, d, at)
                assert d in dues or d == workplan.redated(dt.date.min, at), (name, d)


def test_deadline_from_dossier_yaml_or_the_measures(project_copy, tmp_path):
    """日期.整改完成 is the common deadline for the measures that can be done by then; construction keeps its own."""
    config = project_copy / "dossier.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  汇报: 2025-10-28", "  汇报: 2025-10-28\n  整改完成: 2025-11-15"), encoding="utf-8")
    ctx = load(project_copy)
    assert {m.due for m in ctx.rectification.measures.values()} == {dt.date(2025, 11, 15), dt.date(2026, 5, 31)}
    paths = drafts.render_all(ctx, tmp_path / "a", formats=["md"])
    stated = set().union(*_deadlines(paths).values())
    assert stated == {dt.date(2025, 11, 15), dt.date(2026, 5, 31)}, stated
    plan = (tmp_path / "a" / "示例县义务教育优质均衡发展工作计划.md").read_text(encoding="utf-8")
    assert "2025年11月15日前" in plan and "2025年9月30日前" not in plan


def test_school_drafts_read_as_written_for_a_school(rendered):
    report = docx.Document(str(docx_path(rendered, "school", "自评报告")))
    headers = [table_rows(t)[0] for t in report.tables]
    assert not any("学校数（所）" in h for h in headers)
    assert all(len(set(h)) == len(h) for h in headers), headers               # no "学段 | 学段"
    basic = next(t for t in report.tables if "平均班额（人）" in table_rows(t)[0])
    assert [r[0] for r in table_rows(basic)[1:]] == ["小学部", "初中部"]
    text = "\n".join(all_text(report))
    assert "图书6.98万册" in text                                              # 69,800 books, not 7万
    assert "共发现问题1项，另有1项指标自评为基本达标：" in text
    briefing = "\n".join(all_text(docx.Document(str(docx_path(rendered, "school", "汇报材料")))))
    assert "莅临我校指导工作" in briefing and "第一九年一贯制学校指导" not in briefing
    assert "体育场馆（初中部）" in briefing
    problems = docx.Document(str(docx_path(rendered, "school", "问题清单")))
    assert table_rows(problems.tables[0])[0] == ["序号", "指标", "学段", "现状", "要求", "整改要求", "整改措施",
                                                 "责任单位", "完成时限"]
    county_words = re.compile(r"逐校|全县|各校|\d+所学校|县域内|各乡镇|成员单位|我县|学校数")
    for path in rendered["school"][2]:
        if path.suffix == ".md":
            assert not county_words.findall(path.read_text(encoding="utf-8")), path.name


def test_work_plan_without_own_rows_gets_default_rows(rendered, school):
    """A school with no 工作计划.yaml (and even with no gaps) gets the phases of seed 003 as rows, dated from
    dossier.yaml and worded for a school; the gap rows fall in date order among them."""
    assert not school.facts.plan
    rows = workplan.plan_rows(school, [], [], dt.date(2025, 9, 30))
    assert [r["task"] for r in rows][:2] == ["解读评估指标，熟悉标准要求", "制定工作方案，明确处室分工"]
    assert [r["when"] for r in rows] == ["2025年3月", "2025年3月", "2025年4月—5月", "2025年4月—9月", "2025年9月",
                                         "2025年10月—12月"]
    assert all("县" not in r["lead"] + r["responsible"] for r in rows)
    table = table_rows(docx.Document(str(docx_path(rendered, "school", "工作计划"))).tables[0])
    tasks = [r[0] for r in table[1:]]
    assert all(t.startswith(cn_numeral(i) + "、") for i, t in enumerate(tasks, 1))
    assert "五、提升课程开设水平" in tasks                                   # 基本达标, due by July
    assert tasks[-2:] == ["七、迎接督导评估，巩固提升成果", "八、解决生均体育运动场馆面积不达标问题"]   # 2026
    starts = [workplan._when_span(r[1])[0] for r in table[1:]]
    assert starts == sorted(starts)


def test_work_plan_rows_in_date_order(project_copy):
    """Own rows keep their order; a generated row goes before the first own row starting later."""
    (project_copy / "工作计划.yaml").write_text(
        "工作计划:\n"
        "  - {目标任务: 一、制定方案, 完成时间: 2025年3月, 工作措施: 甲, 牵头单位: 甲, 责任单位: 甲}\n"
        "  - {目标任务: 二、迎接评估, 完成时间: 2025年10月至12月, 工作措施: 乙, 牵头单位: 乙, 责任单位: 乙}\n"
        "  - {目标任务: 三、质量监测, 完成时间: 2025年5月, 工作措施: 丙, 牵头单位: 丙, 责任单位: 丙}\n",
        encoding="utf-8")
    ctx = load(project_copy)
    rows = dctx.kind_context(dctx.build_context(ctx), ctx, kinds.get("工作计划"))["plan"]
    tasks = [r["task"] for r in rows]
    i_visit, i_last = tasks.index("迎接评估"), tasks.index("质量监测")
    assert tasks[0] == "制定方案" and i_visit < i_last
    assert all(r["generated"] for r in rows[1:i_visit]) and i_visit > 1        # gaps due July–September
    assert all(r["generated"] for r in rows[i_last + 1:])                      # construction, due 2026
    assert all(not r["generated"] for r in rows[i_visit:i_last + 1])
    assert [r["label"].split("、")[0] for r in rows] == [cn_numeral(i) for i in range(1, len(rows) + 1)]
    assert workplan._when_span("2025年4月至5月") == (dt.date(2025, 4, 1), dt.date(2025, 5, 31))
    assert workplan._when_span("2025年9月30日前") == (dt.date(2025, 9, 30), dt.date(2025, 9, 30))
    assert workplan._when_span("2025年11月—2026年1月") == (dt.date(2025, 11, 1), dt.date(2026, 1, 31))
    assert workplan._when_span("长期坚持") is None


# ---- user templates and template errors ----------------------------------------------------------------------------
@pytest.fixture
def project_copy(tmp_path):
    dest = tmp_path / "示例县"
    shutil.copytree(COUNTY, dest, ignore=shutil.ignore_patterns("evidence"))
    (dest / "templates").mkdir(exist_ok=True)
    return dest


def _docx_template(path: Path, paragraphs: list[str]) -> None:
    document = L.new_document()
    for text in paragraphs:
        L.add_paragraph(document, text)
    document.save(str(path))


def test_user_templates_override_bundled_ones(project_copy, tmp_path):
    (project_copy / "templates" / "工作计划.md.j2").write_text(
        "# {{ unit.short }}自定义工作计划\n\n共{{ plan|length }}项任务，首项：{{ plan[0].task }}。\n", encoding="utf-8")
    (project_copy / "templates" / "docx").mkdir()
    _docx_template(project_copy / "templates" / "docx" / "领导小组名单.docx",
                   ["{{ lg.name }}（本县格式）", "组长：{{ lg.leaders_text }}"])
    ctx = load(project_copy)
    out = tmp_path / "out"
    md = drafts.render(ctx, "工作计划", "md", out / "plan.md")
    assert md.read_text(encoding="utf-8").startswith("# 示例县自定义工作计划\n\n共")
    assert "首项：解读评估指标，熟悉标准要求。" in md.read_text(encoding="utf-8")
    doc = docx.Document(str(drafts.render(ctx, "领导小组名单", "docx", out / "lg.docx")))
    assert [p.text for p in doc.paragraphs] == ["示例县推进义务教育优质均衡发展工作领导小组（本县格式）", "组长：王建国"]
    # kinds without an override still use the bundled template
    doc = docx.Document(str(drafts.render(ctx, "工作计划", "docx", out / "plan.docx")))
    assert table_rows(doc.tables[0])[0][0] == "目标任务"
    path, shown = drafts.template_path(ctx, "工作计划", "md")
    assert shown == "示例县/templates/工作计划.md.j2"


def test_markdown_template_syntax_error_names_file_and_line(project_copy, tmp_path):
    (project_copy / "templates" / "问题清单.md.j2").write_text(
        "# {{ doc.title }}\n\n{% for g in gaps %}\n- {{ g.text }\n{% endfor %}\n", encoding="utf-8")
    ctx = load(project_copy)
    with pytest.raises(DossierError) as err:
        drafts.render(ctx, "问题清单", "md", tmp_path / "x.md")
    message = str(err.value)
    assert "示例县/templates/问题清单.md.j2" in message and "第4行" in message and "模板语法错误" in message
    assert not (tmp_path / "x.md").exists()
    (project_copy / "templates" / "问题清单.md.j2").write_text(
        "# {{ doc.title }}\n\n{% for g in gaps %}\n- {{ g.text }}\n\n{{ doc.date }}\n", encoding="utf-8")
    with pytest.raises(DossierError) as err:
        drafts.render(load(project_copy), "问题清单", "md", tmp_path / "x.md")
    message = str(err.value)
    assert "第3行" in message and "未闭合的 {% for %} 块（缺少 {% endfor %}）" in message


def test_syntax_errors_in_chinese():
    from jinja2.sandbox import SandboxedEnvironment
    env = SandboxedEnvironment()

    def said(source):
        with pytest.raises(Exception) as err:
            env.parse(source)
        return jinja.syntax_message(err.value.message)

    assert said("{% for x in y %}a") == "模板结束时仍有未闭合的 {% for %} 块（缺少 {% endfor %}）"
    assert said("{% foo %}") == "未知的标签 {% foo %}"
    assert said("{% for x y %}{% endfor %}") == "此处应为“in”，实际为“y”"
    assert said("{{ x") == "模板在标签中间结束，缺少“}}”"
    assert said("{% if x %}{% endif %}{% endif %}").startswith("多余的 {% endif %}")
    assert said("{% for x in y %}{% if z %}{% endfor %}").startswith("{% endfor %} 的位置不对")
    assert jinja.unclosed_block_line("a\n{% for x in y %}\n{% if z %}\n{% set q = 1 %}\n{% endif %}\n") == 2


def test_markdown_template_undefined_name_names_file_and_line(project_copy, tmp_path):
    (project_copy / "templates" / "汇报材料.md.j2").write_text(
        "# {{ doc.title }}\n\n{{ unit.name }}\n\n{{ no_such_variable }}\n", encoding="utf-8")
    ctx = load(project_copy)
    with pytest.raises(DossierError) as err:
        drafts.render(ctx, "汇报材料", "md", tmp_path / "x.md")
    message = str(err.value)
    assert "示例县/templates/汇报材料.md.j2" in message and "第5行" in message
    assert "未定义的变量“no_such_variable”" in message
    # a missing field of a known variable is an error too, never an empty string
    (project_copy / "templates" / "汇报材料.md.j2").write_text("# {{ doc.title }}\n{{ unit.no_such_field }}\n",
                                                             encoding="utf-8")
    with pytest.raises(DossierError, match="no_such_field") as err:
        drafts.render(load(project_copy), "汇报材料", "md", tmp_path / "x.md")
    assert "第2行" in str(err.value)


def test_docx_template_errors_name_file_and_paragraph(project_copy, tmp_path):
    folder = project_copy / "templates" / "docx"
    folder.mkdir()
    _docx_template(folder / "汇报材料.docx", ["{{ doc.title }}", "正文", "{{ unit.name }}{{ no_such_name }}"])
    with pytest.raises(DossierError) as err:
        drafts.render(load(project_copy), "汇报材料", "docx", tmp_path / "x.docx")
    message = str(err.value)
    assert "示例县/templates/docx/汇报材料.docx" in message
    assert "第3段" in message and "no_such_name" in message and "{{ unit.name }}{{ no_such_name }}" in message
    _docx_template(folder / "汇报材料.docx", ["{{ doc.title }}", "{% for x in %}", "尾"])
    with pytest.raises(DossierError) as err:
        drafts.render(load(project_copy), "汇报材料", "docx", tmp_path / "x.docx")
    message = str(err.value)
    assert "示例县/templates/docx/汇报材料.docx" in message and "第2段" in message and "模板语法错误" in message
    assert not (tmp_path / "x.docx").exists()
    # an unclosed block is named where it starts, in Chinese, not at the last paragraph in Jinja's English
    _docx_template(folder / "汇报材料.docx", ["{{ doc.title }}", "正文", "{% if county %}开始", "中间",
                                           "{{ unit.name }}", "{{ doc.date }}"])
    with pytest.raises(DossierError) as err:
        drafts.render(load(project_copy), "汇报材料", "docx", tmp_path / "x.docx")
    message = str(err.value)
    assert "第3段（“{% if county %}开始”）" in message
    assert "模板结束时仍有未闭合的 {% if %} 块（缺少 {% endif %}）" in message and "Unexpected" not in message
    _docx_template(folder / "汇报材料.docx", ["{{ doc.title }}", "{% bogus %}"])
    with pytest.raises(DossierError, match="第2段.*未知的标签 {% bogus %}"):
        drafts.render(load(project_copy), "汇报材料", "docx", tmp_path / "x.docx")
    (folder / "汇报材料.docx").write_bytes(b"not a zip")
    with pytest.raises(DossierError, match="不是有效的 .docx 文件"):
        drafts.render(load(project_copy), "汇报材料", "docx", tmp_path / "x.docx")


def test_templates_run_in_a_sandbox(project_copy, tmp_path):
    (project_copy / "templates" / "汇报材料.md.j2").write_text(
        "{{ unit.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with pytest.raises(DossierError, match="汇报材料.md.j2"):
        drafts.render(load(project_copy), "汇报材料", "md", tmp_path / "x.md")


def test_bundled_templates_are_generated_by_the_committed_script(tmp_path):
    """templates/docx/make_templates.py reproduces the committed templates byte for byte."""
    script = ROOT / "templates" / "docx" / "make_templates.py"
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "dossier", work / "dossier", ignore=shutil.ignore_patterns("__pycache__"))
    (work / "templates" / "docx").mkdir(parents=True)
    shutil.copy(script, work / "templates" / "docx" / script.name)
    subprocess.run([sys.executable, str(work / "templates" / "docx" / script.name)], check=True, capture_output=True)
    for kind in kinds.names():
        for rel in (f"docx/{kind}.docx", f"md/{kind}.md.j2"):
            assert (work / "templates" / rel).read_bytes() == (ROOT / "templates" / rel).read_bytes(), rel


# ---- command line ------------------------------------------------------------------------------------------------------
def test_draft_command(tmp_path):
    run = lambda *args: subprocess.run([str(BIN / "dossier"), "draft", *args], capture_output=True, text=True,
                                       cwd=ROOT)
    proc = run("自查报告", str(SCHOOL), "--format", "md", "--out", str(tmp_path / "a"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a" / "第一九年一贯制学校义务教育优质均衡发展自查报告.md").is_file()
    proc = run("问题清单", str(COUNTY), "--format", "docx", "--out", str(tmp_path / "清单.docx"))
    assert proc.returncode == 0 and (tmp_path / "清单.docx").is_file()
    proc = run("全部", str(COUNTY), "--format", "docx", "--out", str(tmp_path / "all"))
    assert proc.returncode == 0
    assert len(list((tmp_path / "all").glob("*.docx"))) == len(kinds.for_level("county"))
    # --out names one file but several would be written: refused, nothing created
    for args in (["全部", str(COUNTY), "--out", str(tmp_path / "x.docx")],
                 ["问题清单", str(COUNTY), "--out", str(tmp_path / "y.md")]):
        proc = run(*args)
        assert proc.returncode == 2 and "要写出多个文稿" in proc.stderr, proc.stderr
    proc = run("问题清单", str(COUNTY), "--format", "docx", "--out", str(tmp_path / "z.md"))
    assert proc.returncode == 2 and "与输出格式 docx 不符" in proc.stderr
    assert not [p for p in tmp_path.iterdir() if p.name in ("x.docx", "y.md", "z.md")]
    proc = run("报告", str(COUNTY))
    assert proc.returncode == 2 and "未知的文稿种类“报告”" in proc.stderr
    assert "Traceback" not in proc.stderr


# ---- LibreOffice -------------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_every_docx_converts_to_pdf_and_renders(rendered, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is required (make setup installs it)"
    docs = [p for level in ("county", "school") for p in rendered[level][2] if p.suffix == ".docx"]
    profile = tmp_path / "profile"
    out = tmp_path / "pdf"
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out), *map(str, docs)], capture_output=True, text=True, timeout=600,
                          env=soffice_env())
    assert proc.returncode == 0, proc.stderr
    for d in docs:
        pdf = out / f"{d.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, d.name
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= 1
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
        w, h = float(size.group(1)), float(size.group(2))
        short, long_ = sorted((w, h))
        assert abs(short - 595.3) < 1 and abs(long_ - 841.9) < 1, d.name        # A4
        assert (w > h) == any(d.stem.endswith(k) for k in LANDSCAPE), d.name   # landscape for the wide tables
    report = out / "示例县义务教育优质均衡发展自评报告.pdf"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(report), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert "自评报告" in first and "一、基本情况" in first and re.search(r"—\s*1\s*—", first)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(report), str(tmp_path / "page")],
                   check=True)
    from PIL import Image
    img = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(n for n, v in img.getcolors(maxcolors=256) if v < 128)
    assert dark / (img.width * img.height) > 0.01                              # text on the page, not blank
    # dossier's fontconfig map: 仿宋/小标宋 become the serif CJK face, 黑体 the sans one, all embedded
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())   # emb column


# ---- other frameworks and bare projects ------------------------------------------------------------------------------
@pytest.mark.parametrize("framework", ["youzhi-2017", "jiben-2012", "province-abc.yaml"])
def test_bare_project_with_any_framework_drafts_every_kind(tmp_path, framework):
    """No 人员.yaml, no 指标数据.yaml, no dates: every kind still renders, without leftovers, for the national
    frameworks and a provincial A/B/C one."""
    from kit import make_project, school as school_row
    rows = [school_row(), school_row(**{"学校代码": "1002", "学校名称": "乙小学", "教学仪器设备值": 150,
                                         "小学在校生数": 900})]
    folder = make_project(tmp_path, rows, framework=framework, name="测试县")
    if framework.endswith(".yaml"):
        shutil.copy(Path(__file__).parent / "fixtures" / framework, folder)
    ctx = load(folder)
    paths = drafts.render_all(ctx, tmp_path / "out")
    assert len(paths) == 2 * len(kinds.for_level("county"))
    md = MarkdownIt("commonmark").enable("table")
    for path in paths:
        if path.suffix == ".docx":
            assert not [t for t in all_text(docx.Document(str(path))) if TAGS.search(t)], path.name
        else:
            source = path.read_text(encoding="utf-8")
            assert not TAGS.search(source) and "None" not in source, path.name
            md.parse(source)
    report = docx.Document(str(tmp_path / "out" / kinds.file_name(ctx, kinds.get("自评报告"), "docx")))
    header = table_rows(next(t for t in report.tables if table_rows(t)[0][0] == "学校"))[0]
    if framework == "jiben-2012":                                             # judged on 差异系数 only
        assert header == ["学校", "在校生（人）", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"]
    else:
        assert header[-2:] == ["达到项数", "结论"]
    assert "义务教育优质均衡发展" in paths[0].name or framework == "jiben-2012"

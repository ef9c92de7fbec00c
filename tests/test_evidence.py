"""evidence.collect: leaf folders, metadata from 目录 files and file names, order, and every bad input."""
from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

import pytest

from dossier.core.zh import ymd_cn as format_date
from dossier.evidence.collect import collect
from dossier.evidence.coverage import alternatives, coverage, missing_items
from dossier.evidence.names import match_code, parse_date_value, parse_filename
from kit import load, make_jpeg, make_pdf, make_project, tree_hashes


@pytest.fixture()
def proj(tmp_path):
    return make_project(tmp_path)


def ev(folder: Path, name: str) -> Path:
    p = folder / "evidence" / name
    p.mkdir(parents=True, exist_ok=True)
    return p


def messages(coll) -> str:
    return "\n".join(str(p) for p in coll.problems)


# ------------------------------------------------------------------------------------------------ folders

def test_leaf_folders_by_code_prefix(proj):
    make_pdf(ev(proj, "C1 每百名学生拥有高于规定学历教师数") / "a.pdf")
    make_pdf(ev(proj, "C10") / "b.pdf")
    make_pdf(ev(proj, "C06 生均教学仪器设备值") / "c.pdf")          # padded, as the volumes are named
    coll = collect(*load(proj))
    assert not coll.problems
    assert [d.path.name for d in coll.by_leaf["C1"]] == ["a.pdf"]
    assert [d.path.name for d in coll.by_leaf["C10"]] == ["b.pdf"]
    assert [d.path.name for d in coll.by_leaf["C6"]] == ["c.pdf"]
    # every leaf is present, most of them empty
    assert len(coll.by_leaf) == 32 and coll.by_leaf["C32"] == []


def test_match_code_does_not_confuse_c1_and_c10():
    codes = ["C1", "C10", "C11", "C2"]
    assert match_code("C1", codes) == "C1"
    assert match_code("C1 高学历教师", codes) == "C1"
    assert match_code("C10音乐美术", codes) == "C10"
    assert match_code("C11", codes) == "C11"
    assert match_code("C12", codes) is None
    assert match_code("C01 x", codes) == "C1"
    assert match_code("资料", codes) is None


def test_unknown_code_folder_is_a_problem(proj):
    make_pdf(ev(proj, "C99 不存在的指标") / "a.pdf")
    make_pdf(ev(proj, "杂项") / "b.pdf")
    coll = collect(*load(proj))
    text = messages(coll)
    assert "C99 不存在的指标" in text and "杂项" in text
    assert "不以指标框架中的指标代码开头" in text
    assert all(not docs for docs in coll.by_leaf.values())


def test_two_folders_for_one_leaf_and_stray_files(proj):
    make_pdf(ev(proj, "C6") / "a.pdf")
    make_pdf(ev(proj, "C6 生均教学仪器设备值") / "b.pdf")
    make_pdf(proj / "evidence" / "散落的文件.pdf")
    coll = collect(*load(proj))
    text = messages(coll)
    assert "指标 C6 有两个佐证材料文件夹" in text
    assert "散落的文件.pdf" in text and "不在任何指标文件夹中" in text


def test_no_evidence_folder(tmp_path):
    folder = make_project(tmp_path)
    os.rmdir(folder / "evidence")
    coll = collect(*load(folder))
    assert not coll.problems and all(v == [] for v in coll.by_leaf.values())


# ------------------------------------------------------------------------------------------------ metadata

def test_parse_filename():
    assert parse_filename("20230315_峨教发〔2023〕12号_关于印发方案的通知") == \
        ("20230315", "峨教发〔2023〕12号", "关于印发方案的通知")
    assert parse_filename("20230315_关于印发方案的通知") == ("20230315", "", "关于印发方案的通知")
    assert parse_filename("峨教发[2023]12号_关于印发方案的通知") == ("", "峨教发〔2023〕12号", "关于印发方案的通知")
    assert parse_filename("2023-03-15 会议纪要") == ("20230315", "", "会议纪要")
    assert parse_filename("学校平面图") == ("", "", "学校平面图")
    assert parse_filename("20231340_不是日期") == ("", "", "20231340_不是日期")
    assert parse_filename("20230315_会议记录_第二次") == ("20230315", "", "会议记录_第二次")


def test_parse_date_value():
    import datetime as dt
    assert parse_date_value(dt.datetime(2023, 3, 15)) == "20230315"
    assert parse_date_value("2023-3-5") == "20230305"
    assert parse_date_value("2023年3月15日") == "20230315"
    assert parse_date_value(20230315) == "20230315"
    assert parse_date_value("2023.03") == "20230300"          # DA/T 22: unknown day as 00
    assert parse_date_value("2023") == "20230000"
    assert parse_date_value("") == "" and parse_date_value(None) == ""
    assert parse_date_value("三月") is None and parse_date_value("2023-02-30") is None
    assert format_date("20230315") == "2023年3月15日" and format_date("20230300") == "2023年3月"


def test_metadata_from_file_names_and_order(proj):
    folder = ev(proj, "C6 生均教学仪器设备值")
    make_pdf(folder / "学校平面图.pdf")
    make_pdf(folder / "20240610_固定资产明细账.pdf")
    make_pdf(folder / "20230315_峨教发〔2023〕12号_关于下达采购资金的通知.pdf")
    make_pdf(folder / "2 附表.pdf")
    make_pdf(folder / "10 附表.pdf")
    coll = collect(*load(proj))
    assert not coll.problems
    docs = coll.by_leaf["C6"]
    # dated first (by date), then undated by name (natural order: 2 before 10)
    assert [d.title for d in docs] == ["关于下达采购资金的通知", "固定资产明细账", "2 附表", "10 附表", "学校平面图"]
    first = docs[0]
    assert (first.date, first.doc_no, first.leaf) == ("20230315", "峨教发〔2023〕12号", "C6")
    assert first.rel == "evidence/C6 生均教学仪器设备值/20230315_峨教发〔2023〕12号_关于下达采购资金的通知.pdf"
    assert first.sha256 == hashlib.sha256(first.path.read_bytes()).hexdigest()
    assert first.size == first.path.stat().st_size
    assert first.display.startswith("测试县/evidence/")


def test_subfolders_keep_their_order(proj):
    folder = ev(proj, "C6")
    make_pdf(folder / "2025" / "20250101_c.pdf")
    make_pdf(folder / "2023" / "20231201_a.pdf")
    make_pdf(folder / "2024" / "20240101_b.pdf")
    make_pdf(folder / "20260101_top.pdf")
    coll = collect(*load(proj))
    assert [d.rel.split("/", 2)[2] for d in coll.by_leaf["C6"]] == [
        "20260101_top.pdf", "2023/20231201_a.pdf", "2024/20240101_b.pdf", "2025/20250101_c.pdf"]


def test_index_xlsx_overrides_and_orders(proj):
    import openpyxl
    folder = ev(proj, "C6")
    for name in ("a.pdf", "b.pdf", "c.pdf", "20200101_d.pdf"):
        make_pdf(folder / name)
    make_pdf(folder / "2024" / "e.pdf")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["C6 佐证材料目录"])                       # a title row above the header is fine
    ws.append(["顺序", "文件名", "题名", "文号", "责任者", "日期", "备注"])
    ws.append([2, "a.pdf", "甲文件", "示教发〔2024〕1号", "示例县教育体育局", "2024-05-06", "复印件"])
    ws.append([1, "c.pdf", "丙文件", None, "示例县财政局", None, None])
    ws.append([None, "2024/e.pdf", "子文件夹里的文件", None, None, "2024年6月", None])
    wb.save(folder / "目录.xlsx")
    coll = collect(*load(proj))
    assert not coll.problems, messages(coll)
    docs = coll.by_leaf["C6"]
    assert [d.title for d in docs] == ["丙文件", "甲文件", "d", "b", "子文件夹里的文件"]
    a = docs[1]
    assert (a.doc_no, a.author, a.date, a.note) == ("示教发〔2024〕1号", "示例县教育体育局", "20240506", "复印件")
    assert docs[4].date == "20240600"
    assert all(d.path.name != "目录.xlsx" for d in docs)


def test_index_csv_in_gbk(proj):
    folder = ev(proj, "C6")
    make_pdf(folder / "x.pdf")
    with open(folder / "目录.csv", "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件名", "题名", "日期"])
        w.writerow(["x.pdf", "国标编码的题名", "20230101"])
    coll = collect(*load(proj))
    assert not coll.problems
    assert coll.by_leaf["C6"][0].title == "国标编码的题名"
    assert coll.by_leaf["C6"][0].date == "20230101"


def test_index_problems_name_file_row_and_column(proj):
    folder = ev(proj, "C6")
    make_pdf(folder / "a.pdf")
    make_pdf(folder / "b.pdf")
    make_pdf(folder / "c.pdf")
    with open(folder / "目录.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件名", "顺序", "日期"])
        w.writerow(["a.pdf", "1", "2023-01-01"])
        w.writerow(["b.pdf", "1", "下个月"])
        w.writerow(["c.pdf", "一", ""])
        w.writerow(["不存在.pdf", "3", ""])
    coll = collect(*load(proj))
    text = messages(coll)
    assert "“顺序”1 重复" in text                                  # duplicate 顺序
    assert "目录.csv，第3行，“日期”列：日期“下个月”无法识别" in text
    assert "目录.csv，第4行，“顺序”列：顺序“一”不是整数" in text
    assert "“不存在.pdf”在文件夹中不存在" in text


def test_duplicate_order_is_a_problem(proj):
    import openpyxl
    folder = ev(proj, "C7")
    make_pdf(folder / "a.pdf")
    make_pdf(folder / "b.pdf")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["文件名", "顺序"])
    ws.append(["a.pdf", 3])
    ws.append(["b.pdf", 3.0])
    wb.save(folder / "目录.xlsx")
    coll = collect(*load(proj))
    assert len(coll.problems) == 1
    p = coll.problems[0]
    assert "“顺序”3 重复" in p.message and "a.pdf" in p.message and "b.pdf" in p.message
    assert p.file.endswith("evidence/C7")


# ------------------------------------------------------------------------------------------------ bad files

def test_zero_byte_unknown_type_hidden_and_lock_files(proj):
    folder = ev(proj, "C6")
    make_pdf(folder / "ok.pdf")
    (folder / "空文件.pdf").write_bytes(b"")
    (folder / "压缩包.zip").write_bytes(b"PK\x03\x04")
    (folder / "无扩展名").write_bytes(b"x")
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "~$目录.xlsx").write_bytes(b"lock")
    (folder / "Thumbs.db").write_bytes(b"junk")
    coll = collect(*load(proj))
    text = messages(coll)
    assert [d.path.name for d in coll.by_leaf["C6"]] == ["ok.pdf"]
    assert "空文件.pdf：文件是空的（0 字节）" in text
    assert "压缩包.zip：不支持的文件类型“.zip”" in text
    assert "无扩展名：不支持的文件类型" in text
    assert len(coll.problems) == 3


def test_symlinks_leaving_the_content_folder(tmp_path):
    folder = make_project(tmp_path / "p")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = make_pdf(outside / "外部.pdf")
    leaf = ev(folder, "C6")
    make_pdf(leaf / "ok.pdf")
    (leaf / "链接.pdf").symlink_to(secret)
    (leaf / "外部文件夹").symlink_to(outside, target_is_directory=True)
    (leaf / "内部链接.pdf").symlink_to(leaf / "ok.pdf")          # inside the folder: allowed
    (folder / "evidence" / "C7").symlink_to(outside, target_is_directory=True)
    coll = collect(*load(folder))
    text = messages(coll)
    assert "链接.pdf" in text and "外部文件夹" in text and "evidence/C7" in text
    assert text.count("指向项目文件夹之外") == 3
    assert sorted(d.path.name for d in coll.by_leaf["C6"]) == ["ok.pdf", "内部链接.pdf"]
    assert coll.by_leaf["C7"] == []


def test_collect_never_modifies_sources(proj):
    folder = ev(proj, "C6")
    make_pdf(folder / "a.pdf", 2)
    make_jpeg(folder / "b.jpg")
    before = tree_hashes(proj)
    mtimes = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    collect(*load(proj))
    assert tree_hashes(proj) == before
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == mtimes


def test_problems_for_leaf(proj):
    folder = ev(proj, "C6 生均教学仪器设备值")
    (folder / "空.pdf").write_bytes(b"")
    make_pdf(ev(proj, "C7") / "a.pdf")
    coll = collect(*load(proj))
    assert [p.message for p in coll.problems_for("C6")] == ["文件是空的（0 字节）"]
    assert coll.problems_for("C7") == []


# ------------------------------------------------------------------------------------------------ coverage

def key_phrases(item):
    return [part for alt in alternatives(item) for part in alt]


def test_key_phrases():
    assert key_phrases("各校教师花名册及学历证书复印件") == ["教师花名册", "学历证书"]
    assert key_phrases("县级及以上骨干教师认定文件") == ["骨干教师认定"]
    assert key_phrases("近三年教育事业统计年报（教师学历部分）") == ["教育事业统计年报"]
    assert key_phrases("音乐、美术专用教室登记表（间数、面积）") == ["音乐", "美术专用教室登记表"]


def test_coverage_and_missing_items(proj):
    folder = ev(proj, "C6")
    make_pdf(folder / "20231120_2023年示例县财政教育经费决算表.pdf")
    make_pdf(folder / "示例一中固定资产明细账（教学仪器设备）.pdf")
    make_pdf(folder / "20230315_关于下达教学仪器设备采购资金的通知.pdf")
    project, fw = load(proj)
    coll = collect(project, fw)
    leaf = fw.leaf("C6")
    cov = {c.item: c for c in coverage(leaf, coll.by_leaf["C6"])}
    assert cov["近三年县级财政教育经费决算表"].status == "有"
    assert cov["各校教学仪器设备固定资产明细账"].status == "有"
    # 采购资金 is not 采购合同, and there is no 验收单
    assert cov["教学仪器设备采购合同及验收单"].status == "缺"
    assert missing_items(leaf, coll.by_leaf["C6"]) == ["教学仪器设备采购合同及验收单"]
    make_jpeg(folder / "验收单.jpg")
    coll = collect(project, fw)
    assert missing_items(leaf, coll.by_leaf["C6"]) == ["教学仪器设备采购合同及验收单（未能对应：教学仪器设备采购合同）"]


# ------------------------------------------------------------------------------------------------ QA defects

def test_name_not_in_utf8_is_a_problem_of_its_leaf_and_not_collected(proj):
    folder = ev(proj, "C6 生均教学仪器设备值")
    make_pdf(folder / "a.pdf")
    bad = os.fsdecode(b"\xb2\xe2\xca\xd4.pdf")             # 测试.pdf in GBK, as a Windows zip leaves it
    make_pdf(folder / bad)
    sub = ev(proj, "C6 生均教学仪器设备值") / os.fsdecode(b"\xd7\xd3")   # a sub-folder too
    make_pdf(sub / "b.pdf")
    coll = collect(*load(proj))
    assert [d.path.name for d in coll.by_leaf["C6"]] == ["a.pdf"]
    text = messages(coll)
    text.encode("utf-8")                                       # printable everywhere
    assert "\\xb2\\xe2\\xca\\xd4.pdf" in text and "测试.pdf" in text and "重新命名" in text
    assert "测试县/evidence/C6 生均教学仪器设备值/\\xb2\\xe2\\xca\\xd4.pdf" in [p.file for p in coll.problems]
    assert len(coll.problems_for("C6")) == 2 and coll.problems_for("C7") == []


def test_two_folders_for_one_leaf_bind_both_and_the_problem_is_the_leafs(proj):
    make_pdf(ev(proj, "C6 生均教学仪器设备值") / "20230101_主文件夹.pdf")
    make_pdf(ev(proj, "C6") / "20240101_另一个.pdf")
    coll = collect(*load(proj))
    # both folders' documents, the folder whose name sorts first first
    assert [d.title for d in coll.by_leaf["C6"]] == ["另一个", "主文件夹"]
    (p,) = coll.problems
    assert "两个佐证材料文件夹" in p.message
    assert coll.problems_for("C6") == [p]


def test_link_out_of_the_project_is_named_by_its_own_path(proj, tmp_path):
    outside = tmp_path / "外面"
    make_pdf(outside / "机密.pdf")
    folder = ev(proj, "C6 生均教学仪器设备值")
    make_pdf(folder / "a.pdf")
    os.symlink(outside / "机密.pdf", folder / "外部链接.pdf")
    os.symlink(outside, folder / "外部文件夹")
    os.symlink(outside, proj / "evidence" / "C7 链到外面")
    coll = collect(*load(proj))
    files = sorted(p.file for p in coll.problems)
    assert files == ["测试县/evidence/C6 生均教学仪器设备值/外部文件夹", "测试县/evidence/C6 生均教学仪器设备值/外部链接.pdf",
                     "测试县/evidence/C7 链到外面"]
    assert all("机密" not in str(p) and str(tmp_path) not in str(p) for p in coll.problems)
    assert len(coll.problems_for("C6")) == 2 and len(coll.problems_for("C7")) == 1


def test_coverage_matches_key_terms_not_literal_phrases(proj):
    c8 = ev(proj, "C8 规划布局")
    make_pdf(c8 / "20210601_示政发〔2021〕8号_示例县人民政府关于印发示例县义务教育学校布局专项规划（2021—2035年）的通知.pdf")
    make_pdf(c8 / "20220301_示政复〔2022〕3号_示例县人民政府关于马鞍乡大坪乡学校布局调整的批复.pdf")
    c17 = ev(proj, "C17 编制")
    make_pdf(c17 / "20230301_示编〔2023〕2号_关于核定全县中小学教职工编制总额的通知.pdf")
    c3 = ev(proj, "C3 体艺教师")
    make_pdf(c3 / "体育、艺术专任教师名册.pdf")
    make_pdf(c3 / "示例县2023年公开招聘中小学教师公告.pdf")
    make_pdf(c3 / "关于2024年秋季学期中小学教师调配的通知.pdf")
    make_pdf(c3 / "关于规范课程安排的通知.pdf")                # 安排 alone is not 教师任课安排表
    project, fw = load(proj)
    coll = collect(project, fw)

    def status(code):
        return {c.item: c.status for c in coverage(fw.leaf(code), coll.by_leaf[code])}

    assert status("C8")["县域义务教育学校布局规划文件"] == "有"
    assert status("C8")["学校布局调整批复文件"] == "有"
    assert status("C17")["教职工编制核定文件"] == "有"
    s3 = status("C3")
    assert s3["近三年教师招聘及调配文件"] == "有" and s3["体育、艺术专任教师名册"] == "有"
    assert s3["教师任课安排表"] == "缺"


def test_coverage_of_the_bundled_example():
    """Items that are really there are 有; the deliberately missing ones stay 缺."""
    root = Path(__file__).resolve().parents[1] / "content" / "示例县"
    project, fw = load(root)
    coll = collect(project, fw)
    status = {(leaf.code, c.item): c.status for leaf in fw.leaves()
              for c in coverage(leaf, coll.by_leaf.get(leaf.code, []))}
    for key in [("C8", "县域义务教育学校布局规划文件"), ("C8", "学校布局调整批复文件"), ("C17", "教职工编制核定文件"),
                ("C2", "县级及以上骨干教师认定文件"), ("C3", "近三年教师招聘及调配文件"), ("C15", "绩效工资总量核定文件"),
                ("C6", "近三年县级财政教育经费决算表"), ("C11", "学校规模调控措施文件"), ("C21", "优质高中招生名额分配文件")]:
        assert status[key] == "有", key
    for key in [("C3", "教师任课安排表"), ("C15", "工资发放明细"), ("C24", "送教上门记录")]:
        assert status[key] == "缺", key

"""evidence.collect: leaf folders, metadata from 目录 files and file names, order, and every bad input."""
from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

import pytest

from dossier.evidence import (coverage, collect, format_date, key_phrases, match_code, missing_items,
                              parse_date_value, parse_filename)
from packetkit import load, make_jpeg, make_pdf, make_project, tree_hashes


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

def test_key_phrases():
    assert key_phrases("各校教师花名册及学历证书复印件") == ["教师花名册", "学历证书"]
    assert key_phrases("县级及以上骨干教师认定文件") == ["骨干教师认定文件"]
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
    assert missing_items(leaf, coll.by_leaf["C6"]) == ["教学仪器设备采购合同及验收单（未见：教学仪器设备采购合同）"]

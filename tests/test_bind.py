"""bind.bind_leaf: cover, index, stamped content, note, bookmarks, page labels, links, splits, determinism."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pikepdf
import pypdf
import pytest

from dossier.core.numerals import cn_numeral
from dossier.evidence.names import pad_code, volume_filename
from dossier.evidence.volume import bind_leaf, split_volumes
from dossier.evidence.converters import Converter
from dossier.core.errors import Problem
from dossier.evidence.collect import collect
from kit import (load, make_jpeg, make_pdf, make_project, pdffonts, pdftotext, stamp_at, tree_hashes)

BUILD = dt.datetime(2025, 10, 30)


def setup_leaf(tmp_path: Path, pages: list[int], *, code="C6", archive=None, extra=None):
    """A project whose leaf `code` has one PDF per entry of `pages` (dated, so their order is known)."""
    folder = make_project(tmp_path / "p", archive=archive)
    leaf_dir = folder / "evidence" / f"{code} 佐证"
    for i, n in enumerate(pages):
        make_pdf(leaf_dir / f"2024{i // 28 + 1:02d}{i % 28 + 1:02d}_文件{i + 1:03d}.pdf", n, f"文件{i + 1:03d}")
    for name, maker in (extra or {}).items():
        maker(leaf_dir / name)
    project, fw = load(folder)
    coll = collect(project, fw)
    assert not coll.problems, coll.problems
    converted = Converter(tmp_path / "cache").convert_all(coll.docs)
    return project, fw, coll, converted


def bind(tmp_path, project, fw, coll, converted, code="C6", out="out", **kw):
    return bind_leaf(project, fw, fw.leaf(code), coll.by_leaf[code], converted, tmp_path / out,
                     build_time=BUILD, **kw)


# ------------------------------------------------------------------------------------------------ helpers

def test_names_and_numbers():
    assert pad_code("C6") == "C06" and pad_code("C16") == "C16" and pad_code("B1-C3") == "B01-C03"
    assert [cn_numeral(n) for n in (1, 2, 10, 11, 20, 21, 99, 100, 105, 110)] == \
        ["一", "二", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十"]
    assert volume_filename("C6", "生均教学仪器设备值", None) == "C06 生均教学仪器设备值.pdf"
    assert volume_filename("C6", "生均教学仪器设备值", 2) == "C06 生均教学仪器设备值（卷二）.pdf"
    assert volume_filename("C3", "体育/艺术", None) == "C03 体育_艺术.pdf"


def test_split_volumes_at_document_boundaries():
    groups = split_volumes([4, 4, 4, 12, 3], lambda n: n, 10)
    assert groups == [[4, 4], [4], [12], [3]]
    assert split_volumes([], lambda n: n, 10) == [[]]
    assert split_volumes([10, 1], lambda n: n, 10) == [[10], [1]]


# ------------------------------------------------------------------------------------------------ one volume

def test_volume_structure(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [3, 1, 2])
    before = tree_hashes(project.root)
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    assert vol.path == tmp_path / "out" / "C06 生均教学仪器设备值.pdf"
    assert vol.part is None and vol.pages == 6 and vol.index_pages == 1
    assert vol.first_page == 3 and vol.last_page == 8 and vol.total_pages == 9   # cover + index + 6 + note
    assert [(d.title, a, b) for d, a, b in vol.docs] == [("文件001", 1, 3), ("文件002", 4, 4), ("文件003", 5, 6)]
    assert vol.archive_no == "JY·2025-C06" and vol.period == ("20240101", "20240103")
    assert tree_hashes(project.root) == before

    reader = pypdf.PdfReader(vol.path)
    assert len(reader.pages) == 9
    # page labels: 封面, 目录, the stamped numbers, 备考表
    assert reader.page_labels == ["封面", "目录", "1", "2", "3", "4", "5", "6", "备考表"]
    # bookmarks: 封面, 卷内目录, one per document at its first page, 备考表
    outline = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    assert outline == [("封面", 0), ("卷内目录", 1), ("文件001", 2), ("文件002", 5), ("文件003", 6), ("备考表", 8)]

    # cover
    cover = pdftotext(vol.path, 1)
    for text in ("测试县教育体育局", "C6 生均教学仪器设备值", "A1 资源配置", "2000元以上", "20240101—20240103",
                 "3 件", "6 页", "永久", "JY·2025-C06"):
        assert text in cover, text
    # every content page carries its number in the upper right corner, and each document starts where the
    # index says
    for n in range(1, 7):
        assert stamp_at(vol.path, vol.first_page + n - 1) == (str(n), "right")
    for d, start, end in vol.docs:
        assert f"{d.title} 第1页" in pdftotext(vol.path, vol.first_page + start - 1)
        assert f"{d.title} 第{end - start + 1}页" in pdftotext(vol.path, vol.first_page + end - 1)
    # the 页号 column
    index = pdftotext(vol.path, 2, layout=True)
    assert "卷内目录" in index.replace(" ", "") and "序号" in index and "页号" in index
    rows = {m.group(1): m.group(2) for m in re.finditer(r"(文件\d{3})\s+\d{8}\s+(\d+(?:–\d+)?)", index)}
    assert rows == {"文件001": "1–3", "文件002": "4", "文件003": "5–6"}
    # note
    note = pdftotext(vol.path, 9)
    assert "卷内备考表" in note.replace(" ", "") and "本卷共有文件 3 件，共 6 页" in note
    assert "张明" in note and "李华" in note and "2025年10月30日" in note


def test_index_rows_link_to_their_documents(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [2, 1, 3])
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    with pikepdf.open(vol.path) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        annots = list(pdf.pages[1].obj.Annots)
        assert len(annots) == 3
        targets = []
        for a in annots:
            assert a.Subtype == pikepdf.Name.Link and a.A.S == pikepdf.Name.GoTo
            targets.append(pages[a.A.D[0].objgen])
        assert targets == [vol.first_page - 1 + start - 1 for _, start, _ in vol.docs]
        # rows top to bottom
        tops = [float(a.Rect[3]) for a in annots]
        assert tops == sorted(tops, reverse=True)


def test_cjk_font_is_embedded_everywhere(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [2])
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    fonts = pdffonts(vol.path)
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
    assert any("UMing" in f["name"] or "ZenHei" in f["name"] for f in fonts)


def test_rebinding_is_byte_identical(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [2, 3], extra={"20240601_照片.jpg": make_jpeg})
    (a,) = bind(tmp_path, project, fw, coll, converted, out="one")
    (b,) = bind(tmp_path, project, fw, coll, converted, out="two")
    assert a.path.read_bytes() == b.path.read_bytes()
    (c,) = bind_leaf(project, fw, fw.leaf("C6"), coll.by_leaf["C6"], converted, tmp_path / "three",
                     build_time=dt.datetime(2026, 1, 1))
    assert c.path.read_bytes() != a.path.read_bytes()            # the dates come from build_time
    assert pypdf.PdfReader(a.path).metadata["/CreationDate"] == "D:20251030000000"


def test_index_over_several_pages(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [1] * 45)
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    assert vol.index_pages >= 2 and vol.pages == 45
    reader = pypdf.PdfReader(vol.path)
    labels = reader.page_labels
    assert labels[:1 + vol.index_pages] == ["封面"] + [f"目录{i}" for i in range(1, vol.index_pages + 1)]
    assert labels[vol.first_page - 1] == "1" and labels[-1] == "备考表"
    for i in range(vol.index_pages):
        text = pdftotext(vol.path, 2 + i)
        assert "序号" in text and "题名" in text                   # header repeated on every index page
        assert f"第{i + 1}页 共{vol.index_pages}页" in text
    # every document's row on some index page, every link in place
    with pikepdf.open(vol.path) as pdf:
        links = sum(len(pdf.pages[1 + i].obj.get("/Annots", [])) for i in range(vol.index_pages))
    assert links == 45
    assert stamp_at(vol.path, vol.last_page) == ("45", "right")


def test_rotated_and_landscape_pages_are_stamped_upper_right_as_displayed(tmp_path):
    from reportlab.lib.pagesizes import A4, landscape
    project, fw, coll, converted = setup_leaf(tmp_path, [], extra={
        "20240101_横向.pdf": lambda p: make_pdf(p, 1, "横向", size=landscape(A4)),
        "20240102_旋转.pdf": lambda p: make_pdf(p, 1, "旋转", rotate=90),
        "20240103_旋转270.pdf": lambda p: make_pdf(p, 1, "旋转", rotate=270),
        "20240104_扫描.jpg": lambda p: make_jpeg(p, 1600, 1000),
    })
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    for n in range(1, 5):
        assert stamp_at(vol.path, vol.first_page + n - 1) == (str(n), "right"), n


def test_double_sided_stamps_even_pages_upper_left(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [3], archive={"双面": "是"})
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    assert (vol.total_pages, vol.first_page) == (6, 3)          # cover + index: content page 1 on a front
    assert [stamp_at(vol.path, vol.first_page + i) for i in range(3)] == \
        [("1", "right"), ("2", "left"), ("3", "right")]


def test_double_sided_pads_an_odd_front_matter(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [1] * 45, archive={"双面": "是"})
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    assert vol.index_pages == 2                                 # cover + 2 index pages: odd
    assert vol.first_page == 5 and vol.total_pages == 5 + 45
    labels = pypdf.PdfReader(vol.path).page_labels
    assert labels[:5] == ["封面", "目录1", "目录2", "空白页", "1"]
    assert pdftotext(vol.path, 4).strip() == ""
    assert labels[vol.first_page - 1] == "1"


# ------------------------------------------------------------------------------------------------ splitting

def test_split_volumes(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [4, 4, 4, 12, 3], archive={"每卷页数上限": 10})
    vols = bind(tmp_path, project, fw, coll, converted)
    assert [v.part for v in vols] == [1, 2, 3, 4]
    assert [v.pages for v in vols] == [8, 4, 12, 3]
    assert [v.path.name for v in vols] == [f"C06 生均教学仪器设备值（卷{n}）.pdf" for n in "一二三四"]
    assert [v.archive_no for v in vols] == ["JY·2025-C06-1", "JY·2025-C06-2", "JY·2025-C06-3", "JY·2025-C06-4"]
    titles = [d.title for v in vols for d, _, _ in v.docs]
    assert titles == ["文件001", "文件002", "文件003", "文件004", "文件005"]
    for v in vols:
        reader = pypdf.PdfReader(v.path)
        assert len(reader.pages) == 1 + v.index_pages + v.pages + 1
        assert reader.page_labels[v.first_page - 1] == "1"        # numbers restart in every volume
        assert stamp_at(v.path, v.first_page) == ("1", "right")
        assert stamp_at(v.path, v.last_page) == (str(v.pages), "right")
        cover = pdftotext(v.path, 1)
        assert f"（卷{cn_numeral(v.part)}）" in cover
        assert f"共分 4 卷装订，本卷为卷{cn_numeral(v.part)}" in pdftotext(v.path, len(reader.pages))
    assert vols[0].docs[1][1:] == (5, 8) and vols[1].docs[0][1:] == (1, 4)


def test_archive_number_scheme_with_volume(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [2, 2], archive={"每卷页数上限": 2, "档号": "{代码}-{年度}-卷{卷}"})
    vols = bind(tmp_path, project, fw, coll, converted)
    assert [v.archive_no for v in vols] == ["C06-2025-卷1", "C06-2025-卷2"]


# ------------------------------------------------------------------------------------------------ the note

def test_note_lists_missing_items_failures_and_repairs(tmp_path):
    def truncated(p: Path):
        make_pdf(p, 2, "截断的文件")
        data = p.read_bytes()
        p.write_bytes(data[:data.rindex(b"xref")])

    def broken(p: Path):
        p.write_bytes(b"%PDF-1.4 nothing")

    project, fw, coll, converted = setup_leaf(tmp_path, [1], extra={
        "20230101_县级财政教育经费决算表.pdf": lambda p: make_pdf(p, 1, "决算表"),
        "20240301_截断.pdf": truncated, "20240302_损坏.pdf": broken})
    extra_problem = Problem("文件是空的（0 字节）", file="测试县/evidence/C6 佐证/空.pdf")
    (vol,) = bind(tmp_path, project, fw, coll, converted, problems=[extra_problem])
    titles = [d.title for d, _, _ in vol.docs]
    assert "损坏" not in titles and "截断" in titles and len(titles) == 3
    note = pdftotext(vol.path, vol.total_pages)
    assert "按题名未能对应以下应备材料（请核实）" in note
    assert "各校教学仪器设备固定资产明细账" in note and "教学仪器设备采购合同及验收单" in note
    # 近三年: the 2023 决算表 alone does not make the item complete; the note names the missing years
    assert "近三年县级财政教育经费决算表（缺2024年、2025年的财政教育经费决算表）" in note.replace("\n", "")
    assert "20240302_损坏.pdf：PDF 文件已损坏" in note
    assert "空.pdf：文件是空的（0 字节）" in note
    assert "原文件有损坏，已自动修复" in note
    index = pdftotext(vol.path, 2)
    assert "已修复" in index                                         # and in the 备注 column
    assert [p.message for p in vol.problems][0] == "文件是空的（0 字节）"


def test_empty_leaf_still_gets_a_volume(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [])
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    assert vol.pages == 0 and vol.docs == [] and vol.total_pages == 3
    assert vol.first_page == 3 and vol.last_page == 2
    assert vol.period == ("2023", "2025")                           # the 佐证年度 when nothing is dated
    reader = pypdf.PdfReader(vol.path)
    assert reader.page_labels == ["封面", "目录", "备考表"]
    assert "本卷暂无文件" in pdftotext(vol.path, 2)
    assert "本卷共有文件 0 件，共 0 页" in pdftotext(vol.path, 3)
    assert "2023—2025" in pdftotext(vol.path, 1)


def test_page_limit_must_be_a_positive_number(tmp_path):
    """Checked when dossier.yaml is loaded (not at binding time), with the file and the line."""
    from dossier.core.errors import DossierError
    with pytest.raises(DossierError) as e:
        setup_leaf(tmp_path, [1], archive={"每卷页数上限": "很多"})
    assert "每卷页数上限" in str(e.value) and "dossier.yaml" in str(e.value) and "第" in str(e.value)
    with pytest.raises(DossierError) as e:
        setup_leaf(tmp_path / "b", [1], archive={"每卷页数上限": "三百"})
    assert "正整数" in str(e.value)


def test_leaf_given_by_code(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [1])
    (vol,) = bind_leaf(project, fw, "C6", coll.by_leaf["C6"], converted, tmp_path / "out", build_time=BUILD)
    assert vol.code == "C6" and vol.label == "C6 生均教学仪器设备值"


def test_a_long_note_continues_over_pages(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [1])
    many = [Problem(f"不支持的文件类型“.zip”（第{i}个）", file=f"测试县/evidence/C6 佐证/压缩包{i:02d}.zip")
            for i in range(1, 61)]
    (vol,) = bind(tmp_path, project, fw, coll, converted, problems=many)
    reader = pypdf.PdfReader(vol.path)
    labels = reader.page_labels
    notes = labels[vol.last_page:]
    assert len(notes) >= 2 and notes == [f"备考表{i}" for i in range(1, len(notes) + 1)]
    text = "".join(pdftotext(vol.path, n) for n in range(vol.last_page + 1, vol.total_pages + 1))
    assert all(f"压缩包{i:02d}.zip" in text for i in range(1, 61))
    assert "立卷人" not in pdftotext(vol.path, vol.last_page + 1)      # signatures on the last note page
    assert "立卷人：张明" in pdftotext(vol.path, vol.total_pages)
    assert [o.title for o in reader.outline][-1] == "备考表"


# ------------------------------------------------------------------------------------------------ QA defects

def test_a_document_longer_than_the_limit_is_noted_in_its_volume(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [2, 12, 1], archive={"每卷页数上限": 10})
    vols = bind(tmp_path, project, fw, coll, converted)
    assert [v.pages for v in vols] == [2, 12, 1]
    notes = [pdftotext(v.path, v.total_pages) for v in vols]
    assert "第1件单件超过每卷页数上限（10页），未拆分。" in notes[1]
    assert "超过每卷页数上限" not in notes[0] and "超过每卷页数上限" not in notes[2]


def test_archive_number_of_an_unsplit_volume_has_no_volume_suffix(tmp_path):
    from dossier.evidence.volume import Archive
    arch = Archive(fonds="", scheme="JY·{年度}-{代码}-{卷}", retention="", limit=300, duplex=False, compiler="",
                   checker="", filed="", year=2025, years=[2025], series="")
    assert arch.archive_no("C6", None, 1) == "JY·2025-C06"
    assert arch.archive_no("C6", 2, 3) == "JY·2025-C06-2"
    arch.scheme = "{代码}-{年度}-卷{卷}"
    assert arch.archive_no("C6", None, 1) == "C06-2025"
    project, fw, coll, converted = setup_leaf(tmp_path, [1], archive={"档号": "JY·{年度}-{代码}-{卷}"})
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    assert vol.archive_no == "JY·2025-C06" and "C06-1" not in pdftotext(vol.path, 1)


def test_bookmarks_have_no_tabs_or_newlines(tmp_path):
    project, fw, coll, converted = setup_leaf(tmp_path, [1])
    doc = coll.by_leaf["C6"][0]
    doc.title = "关于\t印发\n示例县  方案\r的通知"
    (vol,) = bind(tmp_path, project, fw, coll, converted)
    titles = [o.title for o in pypdf.PdfReader(vol.path).outline]
    assert "关于 印发 示例县 方案 的通知" in titles


def test_cover_texts_wrap_inside_their_cells(tmp_path):
    from dossier.evidence.front import break_lines
    from dossier.core.fonts import register
    project, fw, coll, converted = setup_leaf(tmp_path, [1])
    leaf = fw.leaf("C6")
    leaf.standard = ("所有小学、初中每12名学生拥有的教学仪器设备值分别达到2000元以上和2500元以上，" * 2 +
                     "参见 http://www.moe.gov.cn/srcsite/A11/s7057/201705/t20170512_304462.html_ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    leaf.title = "义务教育学校音乐、美术专用教室配备及网络多媒体教室（含计算机教室）生均教学仪器设备值Comprehensive Evaluation"
    (vol,) = bind_leaf(project, fw, leaf, coll.by_leaf["C6"], converted, tmp_path / "out", build_time=BUILD)
    W = 595.2756
    inner_right = W - 18 * 72 / 25.4 - 12 * 72 / 25.4        # the form's right border
    from kit import words
    for text, x0, y0, x1, y1 in words(vol.path, 1):
        if text.startswith("立卷单位"):                         # right-aligned under the form, outside it
            continue
        assert x1 <= inner_right - 3, (text, x1, inner_right)   # nothing touches or crosses the border
    # the title breaks at 、，（ or between words, not inside "Comprehensive"
    serif, sans = register()
    lines = break_lines(leaf.title, sans, 24, 120 * 72 / 25.4)
    assert all(not line.endswith(("Comprehens", "（")) for line in lines)
    assert "".join(lines).replace(" ", "") == leaf.title.replace(" ", "")
    assert not any(line.startswith(("、", "，", "）")) for line in lines)
    assert any(line.endswith("、") or line.endswith("）") or lines[i + 1].startswith("（")
               for i, line in enumerate(lines[:-1]))

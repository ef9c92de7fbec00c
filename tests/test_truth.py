"""Metadata and coverage that tell the truth: 责任者 from the 文号's 机关代字, dates from the text, 近三年 needing
every 佐证年度, a school counting only its own leaves, no English in a volume."""
from __future__ import annotations

import datetime as dt

from dossier import api
from dossier.evidence.collect import collect, issuer
from dossier.evidence.converters import Converter
from dossier.evidence.coverage import coverage, doc_years, leaf_coverage
from dossier.evidence.dating import NOTE_FROM_TEXT, NOTE_UNDATED, date_undated, text_date
from dossier.evidence.ocr import TextLayer
from dossier.evidence.volume import bind_leaf
from kit import load, make_pdf, make_project, pdftotext

BUILD = dt.datetime(2025, 10, 30)
ISSUERS = {"示政": "示例县人民政府", "示教": "示例县教育体育局", "示教督": "示例县人民政府教育督导室"}


def test_issuer_from_the_doc_no():
    assert issuer("示教发〔2024〕16号", ISSUERS) == "示例县教育体育局"
    assert issuer("示政办〔2023〕3号", ISSUERS) == "示例县人民政府"
    assert issuer("示教督〔2025〕1号", ISSUERS) == "示例县人民政府教育督导室"     # the longest 代字 wins
    assert issuer("峨教发〔2023〕12号", ISSUERS) == ""
    assert issuer("", ISSUERS) == ""


def test_author_comes_from_the_mapping_in_dossier_yaml(tmp_path):
    folder = make_project(tmp_path / "p", config={"发文机关代字": {"示教": "示例县教育体育局"}})
    leaf = folder / "evidence" / "C6 佐证"
    make_pdf(leaf / "20240410_示教发〔2024〕16号_关于采购教学仪器的通知.pdf", 1, "关于采购教学仪器的通知")
    make_pdf(leaf / "20240411_峨教发〔2024〕2号_外县文件.pdf", 1, "外县文件")
    project, fw = load(folder)
    docs = {d.doc_no: d for d in collect(project, fw).by_leaf["C6"]}
    assert docs["示教发〔2024〕16号"].author == "示例县教育体育局"
    assert docs["峨教发〔2024〕2号"].author == ""


def test_a_wrong_mapping_is_a_clear_error(tmp_path):
    folder = make_project(tmp_path / "p", config={"发文机关代字": ["示教"]})
    import pytest
    from dossier.core.errors import DossierError
    with pytest.raises(DossierError) as err:
        load(folder)
    assert "发文机关代字" in str(err.value) and "dossier.yaml" in str(err.value)


def test_dates_from_text():
    assert text_date("根据2023年5月1日的通知……\n示例县教育体育局\n2024年3月5日") == "20240305"
    assert text_date("二〇二四年十二月三十一日") == "20241231"
    assert text_date("2024-02-30") == "" and text_date("没有日期") == ""


def test_undated_documents_are_dated_from_their_text_or_marked(tmp_path):
    folder = make_project(tmp_path / "p")
    leaf = folder / "evidence" / "C6 佐证"
    make_pdf(leaf / "采购清单.pdf", 1, "采购清单 2024年5月20日")
    make_pdf(leaf / "台账.pdf", 1, "设备台账")
    project, fw = load(folder)
    docs = collect(project, fw).by_leaf["C6"]
    converted = Converter(tmp_path / "cache").convert_all(docs)
    TextLayer(tmp_path / "ocr").apply(docs, converted)
    assert date_undated(docs)
    by_title = {d.title: d for d in docs}
    assert by_title["采购清单"].date == "20240520" and NOTE_FROM_TEXT in by_title["采购清单"].note
    assert by_title["台账"].date == "" and NOTE_UNDATED in by_title["台账"].note
    vol = bind_leaf(project, fw, fw.leaf("C6"), docs, converted, tmp_path / "out", build_time=BUILD)[0]
    index = pdftotext(vol.path, 2).replace(" ", "").replace("\n", "")
    assert "20240520" in index and NOTE_UNDATED in index


def _yearly_project(tmp_path, years):
    folder = make_project(tmp_path / "p")
    leaf = folder / "evidence" / "C1 学历"
    for y in years:
        make_pdf(leaf / f"{y}年" / f"{y + 1}0301_{y}年教育事业统计年报（教师学历部分）.pdf", 1, f"{y}年年报")
    make_pdf(leaf / "20240901_高于规定学历教师统计表.pdf", 1, "统计表")
    project, fw = load(folder)
    return project, fw, collect(project, fw)


def test_three_years_are_needed_for_an_item_that_says_so(tmp_path):
    project, fw, coll = _yearly_project(tmp_path, [2023, 2024])
    docs = coll.by_leaf["C1"]
    assert {y for d in docs for y in doc_years(d)} >= {2023, 2024}
    item = next(i for i in coverage(fw.leaf("C1"), docs, [2023, 2024, 2025]) if "近三年" in i.item)
    assert item.status == "部分" and item.shortfall == ["2025年的教育事业统计年报"]
    row = next(r for r in leaf_coverage(project, fw, coll) if r.code == "C1")
    assert row.status == "部分缺少"
    # without the years, the old matching would have called it complete
    assert next(i for i in coverage(fw.leaf("C1"), docs) if "近三年" in i.item).status == "有"


def test_all_three_years_make_it_complete(tmp_path):
    project, fw, coll = _yearly_project(tmp_path, [2023, 2024, 2025])
    item = next(i for i in coverage(fw.leaf("C1"), coll.by_leaf["C1"], [2023, 2024, 2025]) if "近三年" in i.item)
    assert item.status == "有"


def test_a_school_counts_only_the_leaves_that_apply_to_it():
    res = api.check("content/示例学校")
    fw = res.context.framework
    county_only = {leaf.code for leaf in fw.leaves() if leaf.scope == "county"}
    shown = {r.code for r in res.coverage}
    assert county_only and not (county_only & shown) - {r.code for r in res.coverage if r.documents}
    rows = leaf_coverage(res.context.project, fw, res.collection)
    assert all(r.documents or r.code not in county_only for r in rows)

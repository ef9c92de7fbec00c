"""Archival grade: searchable scans (OCR), PDF/A-2b volumes, the BagIt package, and manifest.json covered.

PDF/A is checked with dossier.evidence.pdfa.check, a structural checker of the PDF/A-2b clauses a volume can break
(veraPDF, the reference validator, is a Java program no package registry available here carries).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pikepdf
import pytest

from dossier.api import build
from dossier.cli import main as cli_main
from dossier.evidence import ocr, pdfa
from dossier.evidence.collect import collect
from dossier.evidence.converters import Converter
from dossier.evidence.volume import bind_leaf
from dossier.publish import manifest as publish
from kit import load, make_county, make_pdf, make_project, pdftotext, tree_hashes

BUILD = dt.datetime(2025, 10, 30)
SCAN_LINES = ["示例县教育体育局", "关于开展校舍安全排查的通知", "各学校：请于三月底前完成排查。", "二〇二四年三月五日"]


def make_scan(path: Path, lines=SCAN_LINES, dpi: int = 200) -> Path:
    """A scanned A4 page as a greyscale JPEG at scan resolution: Chinese text rendered with a CJK font."""
    from PIL import Image, ImageDraw, ImageFont
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    im = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", round(dpi * 0.22))
    for i, line in enumerate(lines):
        d.text((round(dpi * 0.9), round(dpi * (1.2 + 0.5 * i))), line, font=font, fill=20)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, format="JPEG", quality=85, dpi=(dpi, dpi))
    return path


def _bind_scan(tmp_path: Path, ocr_cache: Path, *, ocr_on: bool = True, out: str = "out"):
    folder = make_project(tmp_path / "p", archive={"文字识别": "是" if ocr_on else "否"})
    leaf = folder / "evidence" / "C9 四统一"
    scan = make_scan(leaf / "20240305_校舍安全排查通知扫描件.jpg")
    make_pdf(leaf / "20240401_城乡统一编制标准.pdf", 1, "城乡统一的教职工编制标准")
    project, fw = load(folder)
    coll = collect(project, fw)
    docs = coll.by_leaf["C9"]
    converted = Converter(tmp_path / "cache").convert_all(docs)
    layer = ocr.TextLayer(ocr_cache, ocr=project.config.archive.ocr)
    converted = layer.apply(docs, converted)
    vols = bind_leaf(project, fw, fw.leaf("C9"), docs, converted, tmp_path / out, build_time=BUILD)
    return scan, vols[0], layer, docs


def _jpeg_streams(pdf_path: Path) -> list[bytes]:
    with pikepdf.open(pdf_path) as pdf:
        return [obj.read_raw_bytes() for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
                and obj.get("/Filter") == "/DCTDecode"]


def test_ocr_is_installed_by_setup():
    assert ocr.available(), "tesseract with chi_sim should be installed by scripts/setup.sh"


def test_a_scanned_jpeg_is_searchable_in_its_volume_and_its_image_is_untouched(tmp_path):
    scan, vol, layer, docs = _bind_scan(tmp_path, tmp_path / "ocr")
    assert layer.stats["ocr"] == 1
    text = pdftotext(vol.path).replace(" ", "")
    for words in ("关于开展校舍安全排查的通知", "三月底前完成排查"):     # only in the scan's image
        assert words in text, text
    assert scan.read_bytes() in _jpeg_streams(vol.path)          # the JPEG embedded byte for byte
    doc = next(d for d in docs if d.path == scan)
    assert "校舍安全排查" in doc.text.replace(" ", "")              # for coverage and the site search
    assert "文字识别" in pdftotext(vol.path, vol.total_pages)        # the 备考表 says what was done


def test_ocr_is_cached_by_content_and_byte_identical(tmp_path):
    cache = tmp_path / "ocr"
    _, a, first, _ = _bind_scan(tmp_path / "a", cache)
    _, b, second, _ = _bind_scan(tmp_path / "b", cache)
    assert first.stats["ocr"] == 1 and second.stats["ocr"] == 0 and second.stats["ocr_cached"] == 1
    _, c, third, _ = _bind_scan(tmp_path / "c", tmp_path / "ocr-fresh")     # OCR'd again from scratch
    assert third.stats["ocr"] == 1
    assert a.path.read_bytes() == b.path.read_bytes() == c.path.read_bytes()


def test_ocr_in_worker_processes_gives_the_same_bytes_and_text_as_here(tmp_path):
    """OCR and pdftotext run in two forkserver workers when there are several documents to do: the cached text
    layers, the documents' text and the bound volume are exactly those of the serial run."""
    from dossier.drafts.pool import mp_context
    folder = make_project(tmp_path / "p")
    leaf = folder / "evidence" / "C9 四统一"
    make_scan(leaf / "20240305_校舍安全排查通知扫描件.jpg")
    make_scan(leaf / "20240306_排查情况汇总扫描件.jpg", lines=["排查情况汇总", "全县共排查校舍四十二栋"])
    make_pdf(leaf / "20240401_城乡统一编制标准.pdf", 1, "城乡统一的教职工编制标准")
    project, fw = load(folder)
    results = []
    for jobs in (1, 2):
        docs = collect(project, fw).by_leaf["C9"]
        converted = Converter(tmp_path / f"cache{jobs}").convert_all(docs)
        layer = ocr.TextLayer(tmp_path / f"ocr{jobs}")
        converted = layer.apply(docs, converted, jobs=jobs, context=mp_context() if jobs > 1 else None)
        assert layer.stats["ocr"] == 2 and layer.stats["text"] == 1
        vol = bind_leaf(project, fw, fw.leaf("C9"), docs, converted, tmp_path / f"out{jobs}", build_time=BUILD)[0]
        results.append(([d.text for d in docs], tree_hashes(tmp_path / f"ocr{jobs}"), vol.path.read_bytes()))
    assert "四十二栋" in "".join(results[0][0]).replace(" ", "")
    assert results[0] == results[1]


def test_ocr_can_be_switched_off(tmp_path):
    _, vol, layer, _ = _bind_scan(tmp_path, tmp_path / "ocr", ocr_on=False)
    assert not layer.ocr and layer.stats["ocr"] == 0
    assert "三月底前" not in pdftotext(vol.path).replace(" ", "")


def test_a_pdf_with_text_is_not_ocred(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", 1, "有文字的文件")
    scan = tmp_path / "s.pdf"
    import img2pdf
    scan.write_bytes(img2pdf.convert(str(make_scan(tmp_path / "s.jpg"))))
    assert ocr.has_text(pdf) and not ocr.has_text(scan)


# ---------------------------------------------------------------------------------------------------- PDF/A

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small county built once (no drafts), with a scan in C9."""
    tmp = tmp_path_factory.mktemp("archive")
    county = make_county(tmp / "content")
    make_scan(county / "evidence" / "C9" / "20240305_校舍安全排查通知扫描件.jpg")
    out = tmp / "build" / "测试县"
    result = build(county, out, skip={"drafts"})
    return county, out, result


def test_every_volume_is_pdfa_2b(built):
    _, out, result = built
    assert result.volumes
    for vol in result.volumes:
        assert pdfa.check(vol.path) == [], vol.path.name
        qpdf = subprocess.run(["qpdf", "--check", str(vol.path)], capture_output=True, text=True)
        assert qpdf.returncode == 0 and "No syntax or stream encoding errors" in qpdf.stdout, qpdf.stdout
    c9 = next(v for v in result.volumes if v.code == "C9")
    with pikepdf.open(c9.path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:identifier"] == c9.archive_no == "JY·2025-C09"
        assert meta["dc:title"] == c9.label
        assert meta["dc:creator"] == ["示例县教育体育局"]
        assert meta["xmp:CreateDate"].startswith("2025-10-30")
        assert pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes() == pdfa.srgb_profile()
        assert pdf.pdf_version == "1.7" and not pdf.is_encrypted
    assert "三月底前完成排查" in pdftotext(c9.path).replace(" ", "")


def test_the_checker_finds_what_breaks_pdfa(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", 1, "普通文件")
    found = " ".join(pdfa.check(plain))
    assert "output intent" in found and "XMP" in found
    from reportlab.pdfgen.canvas import Canvas
    c = Canvas(str(tmp_path / "helv.pdf"), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "not embedded")
    c.showPage()
    c.save()
    assert any("not embedded" in p for p in pdfa.check(tmp_path / "helv.pdf"))


def test_a_source_that_breaks_pdfa_is_bound_without_the_claim(tmp_path):
    folder = make_project(tmp_path / "p")
    from reportlab.pdfgen.canvas import Canvas
    path = folder / "evidence" / "C6 佐证" / "20240101_英文字体文件.pdf"
    path.parent.mkdir(parents=True)
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "Helvetica is not embedded")
    c.showPage()
    c.save()
    project, fw = load(folder)
    coll = collect(project, fw)
    converted = Converter(tmp_path / "cache").convert_all(coll.docs)
    vol = bind_leaf(project, fw, fw.leaf("C6"), coll.by_leaf["C6"], converted, tmp_path / "out", build_time=BUILD)[0]
    with pikepdf.open(vol.path) as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()
    assert any("not embedded" in p for p in pdfa.check(vol.path))


def test_pdfa_can_be_switched_off(tmp_path):
    folder = make_project(tmp_path / "p", archive={"PDF/A": "否"})
    make_pdf(folder / "evidence" / "C6 佐证" / "20240101_文件.pdf", 1, "文件")
    project, fw = load(folder)
    coll = collect(project, fw)
    converted = Converter(tmp_path / "cache").convert_all(coll.docs)
    vol = bind_leaf(project, fw, fw.leaf("C6"), coll.by_leaf["C6"], converted, tmp_path / "out", build_time=BUILD)[0]
    with pikepdf.open(vol.path) as pdf:
        assert "/OutputIntents" not in pdf.Root and "/Metadata" not in pdf.Root


# ---------------------------------------------------------------------------------------------------- package

def test_package_is_a_valid_bag_that_verify_accepts(built, tmp_path, runner):
    county, out, _ = built
    before = tree_hashes(out)
    bag_dir = tmp_path / "归档包"
    res = runner.invoke(cli_main, ["package", str(out), str(bag_dir)])
    assert res.exit_code == 0, res.output
    assert "归档包" in res.output
    assert tree_hashes(out) == before                                  # the build is read, never changed
    bag = bagit.Bag(str(bag_dir))
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert (bag_dir / "tagmanifest-sha256.txt").is_file() and (bag_dir / "tagmanifest-sha512.txt").is_file()
    info = bag.info
    assert info["全宗名称"] == "示例县教育体育局" and info["档号规则"] == "JY·{年度}-{代码}"
    assert info["单位"] == "示例县人民政府" and info["构建时间"] == "2025-10-30T00:00:00"
    assert info["指标框架"].startswith("youzhi-2017") and info["Bagging-Date"] == "2025-10-30"
    assert (bag_dir / "data" / "manifest.json").is_file()
    cli = subprocess.run([str(Path(sys.executable).parent / "bagit.py"), "--validate", str(bag_dir)],
                         capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    res = runner.invoke(cli_main, ["verify", str(bag_dir)])
    assert res.exit_code == 0, res.output
    # a payload file changed in the bag: both bagit and dossier verify say so
    vol = next((bag_dir / "data" / "packets").glob("C09*.pdf"))
    vol.write_bytes(vol.read_bytes() + b"%")
    res = runner.invoke(cli_main, ["verify", str(bag_dir)])
    assert res.exit_code == 1 and "归档包校验未通过" in res.output
    assert "C09" in res.output and "文件已改动" in res.output
    res = runner.invoke(cli_main, ["package", str(out), str(bag_dir)])
    assert res.exit_code == 2 and "已存在" in res.output


def test_package_refuses_a_build_that_does_not_verify(built, tmp_path, runner):
    _, out, _ = built
    copy = tmp_path / "b"
    shutil.copytree(out, copy)
    (copy / "覆盖情况.md").write_text("改过", encoding="utf-8")
    res = runner.invoke(cli_main, ["package", str(copy), str(tmp_path / "bag")])
    assert res.exit_code == 2 and "未通过核验" in res.output and "覆盖情况.md" in res.output
    assert not (tmp_path / "bag").exists() and not list(tmp_path.glob(".bag.tmp-*"))


def test_editing_manifest_json_is_detected(built, tmp_path, runner):
    _, out, _ = built
    copy = tmp_path / "b"
    shutil.copytree(out, copy)
    assert publish.verify(copy) == []
    side = (copy / publish.MANIFEST_SUM).read_text("utf-8")
    assert side == f"{hashlib.sha256((copy / 'manifest.json').read_bytes()).hexdigest()}  manifest.json\n"
    m = copy / "manifest.json"
    m.write_text(m.read_text("utf-8").replace('"project": "测试县"', '"project": "别的县"'), encoding="utf-8")
    res = runner.invoke(cli_main, ["verify", str(copy)])
    assert res.exit_code == 1 and "manifest.json 已被改动" in res.output
    (copy / publish.MANIFEST_SUM).unlink()
    res = runner.invoke(cli_main, ["verify", str(copy)])
    assert res.exit_code == 1 and "缺少 manifest.json.sha256" in res.output


def test_the_site_search_finds_a_scan_by_its_text(built):
    _, out, _ = built
    index = (out / "网页" / "search-index.js").read_text("utf-8")
    assert "三月底前完成排查" in index.replace(" ", "")


def test_no_english_in_any_volume(built):
    """Cover, 卷内目录 and 备考表 in Chinese only (档号 letters like JY and codes like C06 aside)."""
    import re
    _, _, result = built
    for vol in result.volumes:
        own = list(range(1, vol.first_page)) + list(range(vol.last_page + 1, vol.total_pages + 1))
        for page in own:
            words = re.findall(r"[A-Za-z]{3,}", pdftotext(vol.path, page))
            assert not words, (vol.path.name, page, words)

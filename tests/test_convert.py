"""convert.Converter: every format to PDF, the content-hash cache, determinism and each bad input."""
from __future__ import annotations

import os
import struct
import sys
import subprocess
import zlib
from pathlib import Path

import pikepdf
import pytest

from dossier.evidence.converters import Converter, typeset
from dossier.evidence.collect import make_doc
from kit import make_docx, make_jpeg, make_pdf, pdffonts, pdftotext, tree_hashes


def doc(path: Path, leaf: str = "C6"):
    return make_doc(path, leaf, rel=f"evidence/{leaf}/{path.name}", display=f"测试县/evidence/{leaf}/{path.name}")


def convert(tmp_path: Path, *paths: Path, **kw):
    conv = Converter(tmp_path / "cache", **kw)
    docs = [doc(p) for p in paths]
    res = conv.convert_all(docs)
    return conv, docs, [res[d.sha256] for d in docs]


@pytest.fixture()
def src(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    return d


# ------------------------------------------------------------------------------------------------ PDF

def test_sound_pdf_is_used_as_is_and_cached(tmp_path, src):
    pdf = make_pdf(src / "a.pdf", 3)
    conv, docs, (r,) = convert(tmp_path, pdf)
    assert r.ok and r.pages == 3 and r.pdf == pdf and not r.repaired
    again = Converter(tmp_path / "cache")              # a later build: nothing is validated twice
    r2 = again.convert_all(docs)[docs[0].sha256]
    assert again.stats["cached"] == 1 and again.stats["pdf"] == 0
    assert (r2.pdf, r2.pages) == (pdf, 3)


def test_encrypted_pdf_without_open_password_is_decrypted(tmp_path, src):
    plain = make_pdf(src / "plain.pdf", 2, "加密测试")
    enc = src / "enc.pdf"
    with pikepdf.open(plain) as p:
        p.save(enc, encryption=pikepdf.Encryption(owner="owner-secret", user="", R=4))
    with pikepdf.open(enc) as p:
        assert p.is_encrypted
    _, _, (r,) = convert(tmp_path, enc)
    assert r.ok and r.pages == 2 and r.pdf != enc
    assert "已解除加密" in r.note
    with pikepdf.open(r.pdf) as p:
        assert not p.is_encrypted
    assert "加密测试" in pdftotext(r.pdf, 1)


def test_encrypted_pdf_with_open_password_is_a_clear_problem(tmp_path, src):
    plain = make_pdf(src / "plain.pdf")
    enc = src / "密码.pdf"
    with pikepdf.open(plain) as p:
        p.save(enc, encryption=pikepdf.Encryption(owner="o", user="user-secret", R=6))
    _, _, (r,) = convert(tmp_path, enc)
    assert r.pdf is None and r.pages == 0
    assert "打开密码" in r.problem.message
    assert r.problem.file == "测试县/evidence/C6/密码.pdf"
    assert "取消" in r.problem.hint


def test_truncated_pdf_is_repaired(tmp_path, src):
    good = make_pdf(src / "good.pdf", 3, "截断测试")
    data = good.read_bytes()
    cut = src / "截断.pdf"
    cut.write_bytes(data[:data.rindex(b"xref")])        # cross-reference table and trailer lost
    _, _, (r,) = convert(tmp_path, cut)
    assert r.ok and r.repaired and r.pages == 3
    assert "已自动修复" in r.note
    with pikepdf.open(r.pdf) as p:                        # the clean copy opens without complaint
        assert len(p.pages) == 3 and not p.get_warnings()
    assert "截断测试" in pdftotext(r.pdf, 3)


def test_corrupt_pdf_is_a_clear_problem(tmp_path, src):
    bad = src / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    html = src / "网页.pdf"
    html.write_bytes(b"<html><body>not a pdf</body></html>")
    _, _, results = convert(tmp_path, bad, html)
    for r in results:
        assert r.pdf is None and "PDF 文件已损坏" in r.problem.message and r.problem.hint


def test_failures_are_cached_too(tmp_path, src):
    bad = src / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    convert(tmp_path, bad)
    again = Converter(tmp_path / "cache")
    d = doc(bad)
    r = again.convert_all([d])[d.sha256]
    assert again.stats["cached"] == 1 and r.problem is not None


# ------------------------------------------------------------------------------------------------ images

def test_jpeg_is_placed_on_a4_without_reencoding(tmp_path, src):
    jpg = make_jpeg(src / "scan.jpg", 1240, 1754)
    _, _, (r,) = convert(tmp_path, jpg)
    assert r.ok and r.pages == 1
    with pikepdf.open(r.pdf) as p:
        page = p.pages[0]
        w, h = float(page.mediabox[2]), float(page.mediabox[3])
        assert abs(w - 595.28) < 1 and abs(h - 841.89) < 1
        (name, img), = page.Resources.XObject.items()
        assert img.Filter == pikepdf.Name.DCTDecode
        assert img.read_raw_bytes() == jpg.read_bytes()      # the JPEG data itself, not re-encoded


def test_landscape_image_gets_a_landscape_page(tmp_path, src):
    jpg = make_jpeg(src / "wide.jpg", 1600, 900)
    _, _, (r,) = convert(tmp_path, jpg)
    with pikepdf.open(r.pdf) as p:
        page = p.pages[0]
        w, h = float(page.mediabox[2]), float(page.mediabox[3])
        rot = int(page.obj.get("/Rotate", 0))
        assert (w > h) != (rot % 180 == 90)


def test_png_with_alpha_and_multipage_tiff(tmp_path, src):
    from PIL import Image
    png = src / "alpha.png"
    Image.new("RGBA", (300, 200), (255, 0, 0, 128)).save(png)
    tif = src / "三页.tiff"
    frames = [Image.new("L", (400, 560), c) for c in (255, 200, 150)]
    frames[0].save(tif, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    _, _, (rp, rt) = convert(tmp_path, png, tif)
    assert rp.ok and rp.pages == 1
    assert rt.ok and rt.pages == 3


def _png_header_only(path: Path, w: int, h: int) -> Path:
    """A PNG that declares w × h pixels (Pillow reads the size without decoding anything)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def test_huge_and_absurd_images_are_clear_problems(tmp_path, src):
    huge = _png_header_only(src / "巨大.png", 12000, 9000)       # 108 megapixels
    bomb = _png_header_only(src / "超大.png", 20000, 20000)      # past Pillow's own decompression-bomb limit
    thin = _png_header_only(src / "细长.png", 10, 2000)
    broken = src / "坏图.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 3)
    _, _, (rh, rx, rt, rb) = convert(tmp_path, huge, bomb, thin, broken)
    assert "图片过大（12000×9000 像素" in rh.problem.message and "1 亿像素" in rh.problem.hint
    assert "图片过大" in rx.problem.message and "400 百万像素" in rx.problem.message
    assert "长宽比异常" in rt.problem.message
    assert "图片无法读取" in rb.problem.message
    assert all(r.pdf is None for r in (rh, rt, rb))


# ------------------------------------------------------------------------------------------------ text

def test_markdown_and_text_are_typeset_with_the_embedded_cjk_font(tmp_path, src):
    md = src / "说明.md"
    md.write_text("# 工作说明\n\n示例县**义务教育**优质均衡发展工作说明。" + "段落内容很长。" * 60 +
                  "\n\n## 二、数据\n\n| 学校 | 人数 |\n|---|---|\n| 一小 | 300 |\n\n- 条目一\n- 条目二\n",
                  encoding="utf-8")
    txt = src / "记录.txt"
    txt.write_bytes(("　　国标编码的文本文件。\n第二行。\n" * 80).encode("gb18030"))
    _, _, (rm, rt) = convert(tmp_path, md, txt)
    assert rm.ok and rt.ok and rt.pages >= 2
    text = pdftotext(rm.pdf)
    assert "工作说明" in text and "二、数据" in text and "一小" in text and "**" not in text
    assert "国标编码的文本文件" in pdftotext(rt.pdf, 1)
    for pdf in (rm.pdf, rt.pdf):
        fonts = pdffonts(pdf)
        assert fonts and all(f["emb"] == "yes" for f in fonts)


def test_text_in_unknown_encoding_is_a_problem(tmp_path, src):
    bad = src / "乱码.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" + bytes(range(128, 256)) * 3)
    _, _, (r,) = convert(tmp_path, bad)
    assert r.problem is not None and "编码" in r.problem.message


def test_output_is_deterministic(tmp_path, src):
    md = src / "a.md"
    md.write_text("# 标题\n\n正文。", encoding="utf-8")
    jpg = make_jpeg(src / "b.jpg")
    _, _, first = convert(tmp_path / "one", md, jpg)
    _, _, second = convert(tmp_path / "two", md, jpg)
    for a, b in zip(first, second):
        assert a.pdf != b.pdf and a.pdf.read_bytes() == b.pdf.read_bytes()
    assert typeset("同样的输入") == typeset("同样的输入")


def test_progress_and_sources_unchanged(tmp_path, src):
    make_pdf(src / "a.pdf")
    make_jpeg(src / "b.jpg")
    (src / "c.md").write_text("# 标题", encoding="utf-8")
    (src / "d.md").write_text("# 标题", encoding="utf-8")          # same content as c.md: converted once
    before = tree_hashes(src)
    seen = []
    conv = Converter(tmp_path / "cache")
    docs = [doc(p) for p in sorted(src.iterdir())]
    res = conv.convert_all(docs, progress=lambda n, total, name: seen.append((n, total, name)))
    assert len(res) == 3
    assert [s[0] for s in seen] == [1, 2, 3] and all(s[1] == 3 for s in seen)
    assert tree_hashes(src) == before


# ------------------------------------------------------------------------------------------------ LibreOffice

def _soffice_running(marker: str) -> bool:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return any("soffice" in line and marker in line for line in out.splitlines())


@pytest.mark.slow
def test_office_files_in_one_batch_and_the_culprit_found(tmp_path, src):
    import openpyxl
    a = make_docx(src / "20240301_多媒体教室使用记录.docx", "多媒体教室使用记录", 40)
    b = make_docx(src / "教师任课安排.docx", "教师任课安排")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["学校", "网络多媒体教室数"])
    for i in range(30):
        ws.append([f"第{i + 1}小学", i])
    x = src / "登记表.xlsx"
    wb.save(x)
    bad = src / "坏文件.docx"
    import zipfile
    with zipfile.ZipFile(bad, "w") as z:         # the right container (so it reaches LibreOffice), broken inside
        z.writestr("[Content_Types].xml", "<Types><broken")
        z.writestr("word/document.xml", "this is not a docx" * 50)
    before = tree_hashes(src)
    conv, docs, (ra, rb, rx, rbad) = convert(tmp_path, a, b, x, bad, jobs=1)
    assert ra.ok and ra.pages >= 2 and rb.ok and rx.ok
    assert "多媒体教室使用记录" in pdftotext(ra.pdf, 1)
    assert rbad.pdf is None and "无法转换为 PDF" in rbad.problem.message and rbad.problem.file.endswith("坏文件.docx")
    # one call for the batch, then one per file it did not convert
    assert conv.stats["soffice_calls"] == 2
    assert tree_hashes(src) == before
    # LibreOffice's timestamps and IDs are gone: converting again gives the same bytes
    _, _, again = convert(tmp_path / "again", a, x, jobs=1)
    assert again[0].pdf.read_bytes() == ra.pdf.read_bytes()
    assert again[1].pdf.read_bytes() == rx.pdf.read_bytes()
    # cached across Converter instances (later builds)
    later = Converter(tmp_path / "cache")
    later.convert_all(docs)
    # the three conversions come from the cache; LibreOffice failures are not cached, so the bad file is retried
    assert later.stats["cached"] == 3 and later.stats["soffice_calls"] == 1


@pytest.mark.slow
def test_office_timeout_kills_libreoffice(tmp_path, src):
    a = make_docx(src / "a.docx")
    # a limit no LibreOffice start-up can meet, so the test does not depend on the machine's speed
    conv, _, (r,) = convert(tmp_path, a, timeout=0.01, jobs=1)
    assert r.pdf is None and "秒仍未完成" in r.problem.message
    assert not _soffice_running("dossier-lo-")


# ------------------------------------------------------------------------------------------------ QA defects

def _chinese_only(message: str) -> bool:
    """No Latin words (format names like PDF/DOCX/LibreOffice aside) and no paths in a user-facing message."""
    import re
    words = set(re.findall(r"[A-Za-z]{2,}", message)) - {"PDF", "DOCX", "DOC", "XLSX", "XLS", "PPTX", "PPT", "ODT",
                                                           "ODS", "ODP", "RTF", "Word", "Excel", "PowerPoint",
                                                           "LibreOffice", "JPG", "PNG", "UTF"}
    return not words and "/" not in message


def test_corrupt_pdf_messages_are_chinese_without_paths(tmp_path, src):
    trunc = src / "截断.pdf"
    make_pdf(trunc, 2, "截断")
    data = trunc.read_bytes()
    trunc.write_bytes(data[:len(data) // 2])
    bad = src / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    img = src / "坏图.jpg"
    img.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2000))
    _, docs, results = convert(tmp_path, trunc, bad, img)
    for d, r in zip(docs, results):
        if r.problem is None:            # qpdf may well repair the truncated one
            continue
        assert _chinese_only(r.problem.message), r.problem.message
        assert str(tmp_path) not in str(r.problem) and r.problem.file == d.display


@pytest.mark.parametrize("name, data", [
    ("随机.docx", None), ("随机.xlsx", None), ("随机.doc", None), ("随机.odt", None), ("随机.rtf", None),
    ("压缩包.docx", "zip"),
])
def test_office_file_that_is_not_its_container_is_refused_before_libreoffice(tmp_path, src, name, data):
    import random
    import zipfile
    path = src / name
    if data == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("readme.txt", "不是 Word 文档")
    else:
        path.write_bytes(bytes(random.Random(7).randrange(256) for _ in range(4000)))
    conv, docs, (r,) = convert(tmp_path, path)
    assert r.pdf is None and r.problem is not None
    app = {"x": "Excel"}.get(path.suffix[1], "Word")
    assert f"不是有效的 {app} 文件" in r.problem.message and "可能已损坏或扩展名不对" in r.problem.message
    assert _chinese_only(r.problem.message) and r.problem.file.endswith(name)
    assert conv.stats["soffice_calls"] == 0
    again = Converter(tmp_path / "cache")                      # a deterministic failure: cached
    assert again.convert_all(docs)[docs[0].sha256].problem.message == r.problem.message
    assert again.stats["cached"] == 1 and again.stats["soffice_calls"] == 0


def test_office_containers_that_are_right_pass_the_check(src):
    from dossier.evidence.converters import office_container_problem
    docx = make_docx(src / "a.docx")
    assert office_container_problem(docx) is None
    rtf = src / "b.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    assert office_container_problem(rtf) is None
    ole = src / "c.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert office_container_problem(ole) is None
    html_xls = src / "导出.xls"                                   # what many systems export as .xls
    html_xls.write_bytes("<html><table><tr><td>学校</td></tr></table></html>".encode())
    assert office_container_problem(html_xls) is None


# ------------------------------------------------------------------------------------------------ JPEG fast path

def _dht_with_bad_counts(jpeg: bytes) -> bytes:
    """The JPEG with its first Huffman table claiming more than 256 codes (libjpeg: a fatal error)."""
    i = jpeg.index(b"\xff\xc4")
    body = bytearray(jpeg)
    body[i + 5:i + 21] = bytes([255] * 16)
    return bytes(body)


def test_jpeg_structure_check_knows_a_whole_file_from_a_cut_or_damaged_one(tmp_path):
    from PIL import Image
    from dossier.evidence.converters.image import jpeg_whole
    whole = make_jpeg(tmp_path / "whole.jpg", seed=3)
    data = whole.read_bytes()
    prog = tmp_path / "progressive.jpg"
    Image.open(whole).save(prog, "JPEG", progressive=True, quality=80)
    cases = {"cut.jpg": data[: len(data) // 2], "zero-padded.jpg": data[: len(data) // 2] + bytes(len(data) // 2),
             "no-eoi.jpg": data[:-2], "bad-dht.jpg": _dht_with_bad_counts(data),
             "progressive-cut.jpg": prog.read_bytes()[: prog.stat().st_size * 2 // 3],
             "trailing-bytes.jpg": data + b"\x00junk"}
    for name, body in cases.items():
        (tmp_path / name).write_bytes(body)
    found = {p.name: jpeg_whole(p.read_bytes()) for p in tmp_path.glob("*.jpg")}
    assert found == {"whole.jpg": True, "progressive.jpg": True, "trailing-bytes.jpg": True, "cut.jpg": False,
                     "zero-padded.jpg": False, "no-eoi.jpg": False, "bad-dht.jpg": False,
                     "progressive-cut.jpg": False}


def test_a_cut_jpeg_is_still_refused_and_a_whole_one_placed_byte_for_byte_deterministically(tmp_path, src):
    whole = make_jpeg(src / "whole.jpg", seed=5)
    cut = src / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[:-4000])
    _, _, (ok, bad) = convert(tmp_path, whole, cut)
    assert bad.problem is not None and "已截断" in bad.problem.message
    assert ok.ok and ok.pages == 1
    with pikepdf.open(ok.pdf) as pdf:
        streams = [o.read_raw_bytes() for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert streams == [whole.read_bytes()]
    assert subprocess.run(["qpdf", "--check", str(ok.pdf)], capture_output=True).returncode == 0
    again = subprocess.run(                      # another process, another second: the same bytes
        [sys.executable, "-c", "import sys; from pathlib import Path; from dossier.evidence.converters import Converter;"
         "from dossier.evidence.collect import make_doc; p = Path(sys.argv[1]);"
         "r = Converter(Path(sys.argv[2])).convert_all([make_doc(p, 'C6')]);"
         "print(next(iter(r.values())).pdf)", str(whole), str(tmp_path / "cache2")],
        capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert Path(again.stdout.strip()).read_bytes() == Path(ok.pdf).read_bytes(), again.stderr


def test_many_scans_are_placed_in_worker_processes_with_the_same_result_as_here(tmp_path, src):
    """Twenty scans (and a cut one) through the image workers: the same PDFs, pages and problem as converted in
    this process, and the seconds recorded for images are the workers' wall time."""
    from dossier.drafts.pool import mp_context
    scans = [make_jpeg(src / f"scan{i:02d}.jpg", seed=i) for i in range(20)]
    cut = src / "cut.jpg"
    cut.write_bytes(scans[0].read_bytes()[:-3000])
    docs = [doc(p) for p in scans + [cut]]
    here = Converter(tmp_path / "here", jobs=1).convert_all(docs)
    farm = Converter(tmp_path / "farm", jobs=2, context=mp_context())
    there = farm.convert_all(docs)
    assert farm.seconds["image"] > 0 and farm.stats["image"] == 20 and farm.stats["failed"] == 1
    for d in docs:
        a, b = here[d.sha256], there[d.sha256]
        assert (a.pages, a.problem) == (b.pages, b.problem)
        if a.pdf is not None:
            assert Path(a.pdf).read_bytes() == Path(b.pdf).read_bytes()
    assert "已截断" in there[docs[-1].sha256].problem.message

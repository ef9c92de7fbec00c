"""The set files of a build (总目录.pdf, 脊背.pdf, 覆盖情况.md, manifest.json) and `verify`."""
from __future__ import annotations

import hashlib
import json
import math
import subprocess
from pathlib import Path

import pytest

from dossier import __version__
from dossier.api import build as _api_build
from dossier.core.numerals import cn_numeral
from dossier.evidence import coverage as cov
from dossier.load.inventory import Inventory
from dossier.publish import manifest
from dossier.publish import sets as publish
from kit import make_county, make_pdf


def build(project, out, **kw):
    return _api_build(project, out, skip={"drafts"}, **kw)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(pdf)).pages)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build, shared by the read-only tests of this module."""
    tmp = tmp_path_factory.mktemp("pub")
    county = make_county(tmp / "content")
    out = tmp / "build" / "测试县"
    result = build(county, out)
    return county, out, result


@pytest.fixture
def fresh(tmp_path):
    county = make_county(tmp_path / "content")
    out = tmp_path / "build" / "测试县"
    return county, out, build(county, out)


# --------------------------------------------------------------------------------------------------- manifest

def test_manifest_lists_every_source_and_output_with_size_and_hash(built):
    county, out, result = built
    m = json.loads((out / "manifest.json").read_text("utf-8"))
    assert m["dossier"] == __version__
    assert m["framework"]["id"] == "youzhi-2017"
    assert m["build_time"] == "2025-10-30T00:00:00"          # 输出.构建时间 of the example's dossier.yaml
    assert m["project"] == "测试县"
    sources = [e["path"] for e in m["sources"]]
    assert sources == sorted(sources)
    expected_sources = sorted(p.relative_to(county).as_posix() for p in county.rglob("*") if p.is_file())
    assert sources == expected_sources
    for entry in m["sources"]:
        data = (county / entry["path"]).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    outputs = [e["path"] for e in m["outputs"]]
    assert outputs == sorted(outputs)
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert outputs == [p for p in on_disk if p not in ("manifest.json", "manifest.json.sha256")]
    for entry in m["outputs"]:
        data = (out / entry["path"]).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    text = (out / "manifest.json").read_text("utf-8")
    assert str(out) not in text and str(county) not in text           # relative paths only
    assert text == json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_manifest_skips_hidden_and_office_lock_files(tmp_path):
    county = make_county(tmp_path / "content")
    (county / ".DS_Store").write_bytes(b"junk")
    (county / "evidence" / "C9" / "~$草稿.docx").write_bytes(b"lock")
    sources = manifest.scan_sources(Inventory(county))
    names = [e["path"] for e in sources]
    assert ".DS_Store" not in names and not any("~$" in n for n in names)


# --------------------------------------------------------------------------------------------------- verify

def test_verify_passes_on_a_fresh_build(built):
    assert manifest.verify(built[1]) == []


def test_verify_catches_one_changed_byte(fresh):
    _, out, _ = fresh
    victim = out / "packets" / "C06 生均教学仪器设备值.pdf"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    problems = manifest.verify(out)
    assert len(problems) == 1
    assert "C06 生均教学仪器设备值.pdf" in problems[0].file and "已改动" in problems[0].message


def test_verify_catches_missing_extra_and_resized_files(fresh):
    _, out, _ = fresh
    (out / "脊背.pdf").unlink()
    (out / "packets" / "多出来的.pdf").write_bytes(b"%PDF")
    with open(out / "覆盖情况.md", "a", encoding="utf-8") as fh:
        fh.write("手工补充\n")
    problems = {Path(p.file).name: p.message for p in manifest.verify(out)}
    assert problems["脊背.pdf"] == "文件缺失"
    assert "多出" in problems["多出来的.pdf"]
    assert "已改动" in problems["覆盖情况.md"]
    assert len(problems) == 3


def test_verify_without_a_manifest(tmp_path):
    assert "manifest.json" in manifest.verify(tmp_path)[0].message
    assert "不存在" in manifest.verify(tmp_path / "nowhere")[0].message
    (tmp_path / "manifest.json").write_text("{broken", "utf-8")
    assert "无法读取" in manifest.verify(tmp_path)[0].message


# --------------------------------------------------------------------------------------------------- 总目录 and 脊背

def test_master_index_lists_every_volume_with_an_embedded_cjk_font(built):
    _, out, result = built
    pdf = out / "总目录.pdf"
    text = _text(pdf)
    for v in result.volumes:
        assert v.archive_no in text
    assert "JY·2025-C06" in text and "生均教学仪器设备值" in text
    assert f"共{len(result.volumes)}卷，{result.documents}件，{result.pages}页" in text.replace(" ", "")
    assert "暂无佐证材料" in text                             # leaves without evidence have an (empty) volume too
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), fonts        # every font embedded
    assert any("UMing" in r[0] or "WenQuanYi" in r[0] for r in rows)


def test_spine_labels_hold_archive_number_and_title(built):
    _, out, result = built
    pdf = out / "脊背.pdf"
    text = _text(pdf)
    for v in result.volumes:
        assert v.archive_no in text
    assert "永久" in text
    assert _pages(pdf) == math.ceil(len(result.volumes) / 4)       # 40 mm strips: four to an A4 page


def test_split_volumes_appear_as_parts(tmp_path):
    county = make_county(tmp_path / "content")
    cfg = county / "dossier.yaml"
    cfg.write_text(cfg.read_text("utf-8").replace("每卷页数上限: 300", "每卷页数上限: 3")
                   .replace("档案:", "档案:\n  脊背宽度: 30", 1), "utf-8")
    out = tmp_path / "b"
    result = build(county, out)
    c1 = [v for v in result.volumes if v.code == "C1"]
    assert [v.part for v in c1] == [1, 2]                       # 3 pages | 2 + 1 pages
    text = _text(out / "总目录.pdf")
    assert "（卷一）" in text.replace(" ", "") or "卷一" in text
    assert "JY·2025-C01-2" in text
    spine = _text(out / "脊背.pdf")
    assert "JY·2025-C01-2" in spine
    assert _pages(out / "脊背.pdf") == math.ceil(len(result.volumes) / 5)    # 30 mm strips: five per page


def test_set_files_are_deterministic(built, tmp_path):
    county, out, result = built
    again = tmp_path / "again"
    again.mkdir()
    from dossier.compute.context import load
    from dossier.evidence.collect import collect
    ctx = load(county)
    paths = publish.publish(ctx.project, ctx.framework, again, result.volumes, collect(ctx.project, ctx.framework))
    for p in paths:
        assert p.read_bytes() == (out / p.name).read_bytes(), p.name


# --------------------------------------------------------------------------------------------------- coverage

def test_coverage_rows_for_every_leaf(built):
    county, _, _ = built
    from dossier.compute.context import load
    from dossier.evidence.collect import collect
    ctx = load(county)
    rows = cov.leaf_coverage(ctx.project, ctx.framework, collect(ctx.project, ctx.framework))
    assert [r.code for r in rows] == [leaf.code for leaf in ctx.framework.leaves()]
    by = {r.code: r for r in rows}
    assert by["C1"].documents == 3
    c1 = {i.item: i.status for i in by["C1"].items}
    assert c1["高于规定学历教师统计表"] == "有"
    assert by["C13"].status == cov.STATUS_NONE and by["C13"].documents == 0
    assert by["C1"].status in (cov.STATUS_PARTIAL, cov.STATUS_COMPLETE)
    json.dumps([r.to_json() for r in rows], ensure_ascii=False)


def test_coverage_markdown_is_well_formed(built):
    from markdown_it import MarkdownIt
    _, out, _ = built
    text = (out / "覆盖情况.md").read_text("utf-8")
    tokens = MarkdownIt().enable("table").parse(text)
    assert sum(1 for t in tokens if t.type == "table_open") >= 2
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].endswith("佐证材料覆盖情况")
    assert "C6 生均教学仪器设备值" in headings
    assert "**缺少**" in text


# --------------------------------------------------------------------------------------------------- helpers

def test_numbers_and_archive_numbers():
    from dossier.evidence.names import archive_no
    assert [cn_numeral(n) for n in (1, 9, 10, 12, 20, 23)] == ["一", "九", "十", "十二", "二十", "二十三"]
    assert archive_no("JY·{年度}-{代码}", 2025, "C6", None, 1) == "JY·2025-C06"
    assert archive_no("JY·{年度}-{代码}", 2025, "C6", 2, 2) == "JY·2025-C06-2"
    assert archive_no("JY·{年度}-{代码}-卷{卷}", 2025, "C6", None, 1) == "JY·2025-C06"
    assert archive_no("JY·{年度}-{代码}-卷{卷}", 2025, "C6", 3, 3) == "JY·2025-C06-卷3"


def test_keep_going_counts_only_what_was_bound_and_lists_orphans(tmp_path):
    county = make_county(tmp_path / "src")
    make_pdf(county / "evidence" / "C99 未知指标" / "多出来的.pdf", 1, "多出来的", seed=9)
    broken = county / "evidence" / "C6" / "2025年" / "截断.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    out = tmp_path / "out" / "测试县"
    result = build(county, out, keep_going=True)
    c6 = next(v for v in result.volumes if v.code == "C6")
    cov = (out / "覆盖情况.md").read_text(encoding="utf-8")
    row = next(line for line in cov.splitlines() if line.startswith("| C6 "))
    assert row.split("|")[3].strip() == str(len(c6.docs)) == "2"      # the broken file is not counted as bound
    assert result.documents == sum(len(v.docs) for v in result.volumes)
    assert "## 未归入任何指标的文件和问题" in cov and "C99 未知指标" in cov


def test_verify_of_a_missing_folder_is_an_input_error(tmp_path):
    from click.testing import CliRunner
    from dossier.cli import main
    r = CliRunner().invoke(main, ["verify", str(tmp_path / "没有")])
    assert r.exit_code == 2 and "构建文件夹不存在" in r.output

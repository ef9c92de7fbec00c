"""`dossier build`: stages, atomic replacement, the incremental cache, --keep-going, determinism.

Most tests build a small county (kit.make_county: the example county's data and seven evidence documents in
four leaves) without the drafts builder, so they need no LibreOffice; the tests marked slow build everything.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from dossier.api import build
from dossier.build import folder as build_folder
from dossier.config import framework as _framework
from dossier.core.errors import DossierError
from dossier.publish import manifest as publish
from kit import ROOT, make_county, make_pdf, pdftotext, tree_hashes

PY = sys.executable
LEAVES = len(_framework.load("youzhi-2017").leaves())      # every leaf of the framework gets a volume


def _build(project, out, **kw):
    kw.setdefault("skip", {"drafts"})
    return build(project, out, **kw)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "build" / "测试县"


def test_cold_build_writes_the_full_set(county, out):
    result = _build(county, out)
    assert result.build_dir == out
    names = sorted(p.name for p in (out / "packets").iterdir())
    # one volume per leaf: the four with documents and the empty ones (their notes list what is missing)
    assert len(names) == LEAVES
    assert {"C01 每百名学生拥有高于规定学历教师数.pdf", "C06 生均教学仪器设备值.pdf",
            "C08 县域内义务教育学校规划布局合理.pdf", "C09 城乡义务教育学校“四统一”.pdf"} <= set(names)
    for name in ("总目录.pdf", "脊背.pdf", "覆盖情况.md", "manifest.json", "评估表.xlsx"):
        assert (out / name).is_file(), name
    assert (result.rebuilt, result.reused) == (LEAVES, 0)
    assert result.documents == 7
    pages = {v.code: v.pages for v in result.volumes}
    assert pages["C1"] == 3 + 2 + 1 and pages["C6"] == 4 + 2 and pages["C9"] == 1 and pages["C8"] >= 1
    assert result.pages == sum(pages.values())
    assert all(v.path.parent == out / "packets" for v in result.volumes)
    # nothing left beside the build but the cache and the lock
    assert sorted(p.name for p in out.parent.iterdir()) == [".cache", ".测试县.lock", "测试县"]
    text = "\n".join(result.summary())
    assert f"{LEAVES} 卷" in text and f"重新装订 {LEAVES} 卷" in text and str(out) in text


def test_rebuild_is_byte_identical_with_and_without_cache(county, tmp_path):
    a, b, c = tmp_path / "a" / "测试县", tmp_path / "b" / "测试县", tmp_path / "c" / "测试县"
    _build(county, a)
    _build(county, b)                                    # separate caches: everything bound afresh
    warm = _build(county, a)                             # same cache: everything reused
    assert warm.reused == LEAVES and warm.rebuilt == 0
    _build(county, c, cache_dir=tmp_path / "a" / ".cache" / "测试县")
    assert tree_hashes(a) == tree_hashes(b) == tree_hashes(c)


def test_source_date_epoch_sets_the_build_time(county, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "x" / "测试县"
    _build(county, out)
    manifest = publish.read_manifest(out)
    assert manifest["build_time"] == "2023-11-14T22:13:20"


def test_changing_one_evidence_file_rebinds_only_its_volume(county, out):
    _build(county, out)
    before = tree_hashes(out)
    make_pdf(county / "evidence" / "C6" / "2025年" / "20250520_教学仪器设备资产台账.pdf", 3, "教学仪器设备资产台账（修订）", seed=99)
    result = _build(county, out)
    assert (result.rebuilt, result.reused) == (1, LEAVES - 1)
    assert result.converted == 1
    after = tree_hashes(out)
    changed = sorted(k for k in before if before[k] != after.get(k))
    assert [c for c in changed if not c.startswith("网页/")] == [
        "manifest.json", "manifest.json.sha256", "packets/C06 生均教学仪器设备值.pdf", "总目录.pdf", "脊背.pdf"]
    # the offline site: the indicator's page (its pages), 总目录 and the checksums, nothing else
    assert {"网页/C6.html", "网页/catalog.html", "网页/checksums.html"} <= {c for c in changed if c.startswith("网页/")} <= {
        "网页/C6.html", "网页/catalog.html", "网页/checksums.html", "网页/index.html", "网页/search-index.js"}
    # 覆盖情况.md lists titles and counts only: unchanged here


def test_metadata_change_in_dossier_yaml_rebinds_every_volume(county, out):
    _build(county, out)
    cfg = county / "dossier.yaml"
    cfg.write_text(cfg.read_text("utf-8").replace("立卷人: 张明", "立卷人: 王芳"), "utf-8")
    result = _build(county, out)
    assert (result.rebuilt, result.reused) == (LEAVES, 0)


def test_a_volume_tampered_with_in_the_build_is_not_reused(county, out):
    _build(county, out)
    victim = out / "packets" / "C09 城乡义务教育学校“四统一”.pdf"
    data = bytearray(victim.read_bytes())
    data[-10] ^= 0xFF
    with open(victim, "r+b") as fh:                     # in place: the cache's hard link sees it too
        fh.write(data)
    result = _build(county, out)
    assert (result.rebuilt, result.reused) == (1, LEAVES - 1)
    assert publish.verify(out) == []


def test_source_files_are_never_modified(county, out):
    before = tree_hashes(county)
    _build(county, out)
    make_pdf(county / "evidence" / "C9" / "20240101_补充.pdf", 1, "补充材料", seed=7)
    before = tree_hashes(county)
    _build(county, out)
    _build(county, out, keep_going=True)
    assert tree_hashes(county) == before


def test_failure_inside_a_stage_leaves_the_previous_build_intact(county, out, monkeypatch):
    _build(county, out)
    before = tree_hashes(out)
    make_pdf(county / "evidence" / "C1 每百名学生拥有高于规定学历教师数" / "20250601_新增.pdf", 2, "新增", seed=8)

    def boom(*args, **kwargs):
        raise RuntimeError("injected failure")

    from dossier.publish import sets
    monkeypatch.setattr(sets, "publish", boom)
    with pytest.raises(RuntimeError):
        _build(county, out)
    assert tree_hashes(out) == before
    assert not list(out.parent.glob(".测试县.tmp-*"))
    monkeypatch.undo()
    result = _build(county, out)
    # the failed build had bound the new C1 volume into the cache already: nothing is bound twice
    assert (result.rebuilt, result.reused) == (0, LEAVES)
    assert publish.verify(out) == []
    c1 = next(v for v in result.volumes if v.code == "C1")
    assert any("新增" in doc.rel for doc, _, _ in c1.docs)


def test_killed_build_leaves_the_previous_build_and_the_next_succeeds(county, out):
    _build(county, out)
    before = tree_hashes(out)
    make_pdf(county / "evidence" / "C6" / "2025年" / "20250520_教学仪器设备资产台账.pdf", 2, "改过的台账", seed=42)
    # a build whose binding stalls, so that it can be killed while its temporary folder is half written
    script = (
        "import time, dossier.build.bindworker as b\n"
        "real = b.bind_leaf\n"
        "def slow(*a, **k):\n"
        "    vols = real(*a, **k)\n"
        "    time.sleep(60)\n"
        "    return vols\n"
        "b.bind_leaf = slow\n"
        "from dossier.api import build\n"
        f"build({str(county)!r}, {str(out)!r}, skip={{'drafts'}}, jobs=1)\n")
    proc = subprocess.Popen([PY, "-c", script], cwd=str(ROOT), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            tmps = list(out.parent.glob(".测试县.tmp-*"))
            if tmps and list((tmps[0] / "packets").glob("*.pdf")):
                break
            assert proc.poll() is None, "the build ended before it could be killed"
            time.sleep(0.05)
        else:
            pytest.fail("the build never started binding")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert tree_hashes(out) == before
    assert publish.verify(out) == []
    assert list(out.parent.glob(".测试县.tmp-*"))            # the stale half-build is still there …
    result = _build(county, out)                            # … and the next build cleans it up
    assert not list(out.parent.glob(".测试县.tmp-*"))
    assert result.rebuilt == 1 and publish.verify(out) == []


def test_interrupted_swap_is_recovered(county, out):
    _build(county, out)
    before = tree_hashes(out)
    trash = out.parent / ".测试县.old-abc123"
    os.rename(out, trash)                                   # as if killed between the swap's two renames
    build_folder.clean_stale(out)
    assert tree_hashes(out) == before and not trash.exists()


def test_a_bad_file_stops_the_build_without_keep_going(county, out):
    _build(county, out)
    before = tree_hashes(out)
    bad = county / "evidence" / "C6" / "2025年" / "20250601_损坏的文件.pdf"
    bad.write_bytes(b"%PDF-1.4\n this is not a PDF at all")
    with pytest.raises(DossierError) as err:
        _build(county, out)
    assert any("损坏的文件.pdf" in str(p) for p in err.value.problems)
    assert tree_hashes(out) == before


def test_keep_going_lists_the_bad_file_in_the_volume_note(county, out):
    bad = county / "evidence" / "C6" / "2025年" / "20250601_损坏的文件.pdf"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"%PDF-1.4\n this is not a PDF at all")
    (county / "evidence" / "C6" / "空文件.pdf").write_bytes(b"")
    result = _build(county, out, keep_going=True)
    files = " ".join(str(p) for p in result.problems)
    assert "损坏的文件.pdf" in files and "空文件.pdf" in files
    c6 = next(v for v in result.volumes if v.code == "C6")
    assert len(c6.docs) == 2
    note = subprocess.run(["pdftotext", "-f", str(c6.total_pages), "-l", str(c6.total_pages), str(c6.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "损坏的文件" in note and "空文件" in note
    assert publish.verify(out) == []


def test_output_folder_guards(county, tmp_path):
    with pytest.raises(DossierError):
        _build(county, county)                               # would replace the content folder
    with pytest.raises(DossierError):
        _build(county, county / "out")                       # inside the content folder
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "论文.docx").write_text("x")
    with pytest.raises(DossierError):
        _build(county, foreign)
    assert (foreign / "论文.docx").read_text() == "x"


def test_a_second_concurrent_build_is_refused(county, out):
    import fcntl
    out.parent.mkdir(parents=True)
    with open(out.parent / ".测试县.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(DossierError) as err:
            _build(county, out)
    assert "正在写入" in str(err.value)


def _cli(*args, cwd=None):
    """Run the `dossier` command line in a subprocess, with the drafts stage switched off (fast, no LibreOffice)."""
    script = ("import sys\nsys.argv=['dossier', *%r]\n"
              "import dossier.api as b\nreal=b.build\n"
              "b.build=lambda *a, **k: real(*a, **{**k, 'skip': {'drafts'}})\n"
              "from dossier.cli import main\nmain()\n") % (list(args),)
    return subprocess.run([PY, "-c", script], capture_output=True, text=True, cwd=cwd)


def test_cli_build_and_verify(county, tmp_path):
    out = tmp_path / "cli-out"
    run = _cli("build", str(county), "--out", str(out), cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "构建完成" in run.stdout and f"{LEAVES} 卷" in run.stdout and "输出在 cli-out/" in run.stdout
    assert run.stderr == ""                                  # no progress bar when stderr is not a terminal
    ok = _cli("verify", str(out))
    assert ok.returncode == 0 and "核验通过" in ok.stdout
    (out / "总目录.pdf").unlink()
    bad = _cli("verify", str(out))
    assert bad.returncode == 1 and "总目录.pdf" in bad.stderr and "缺失" in bad.stderr


def test_cli_build_every_project_under_content(county, tmp_path):
    make_county(tmp_path / "content", name="另一县")
    run = _cli("build", cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "build" / "测试县" / "manifest.json").is_file()
    assert (tmp_path / "build" / "另一县" / "manifest.json").is_file()
    assert "测试县" in run.stdout and "另一县" in run.stdout


def test_cli_build_bad_file_exits_2(county, tmp_path):
    (county / "evidence" / "C9" / "空文件.pdf").write_bytes(b"")
    run = _cli("build", str(county), "--out", str(tmp_path / "o"))
    assert run.returncode == 2
    assert "空文件.pdf" in run.stderr
    assert not (tmp_path / "o").exists()


def test_draft_evidence_setting_is_checked_when_the_framework_is_loaded(county, out, tmp_path):
    import yaml

    from dossier.config.framework import bundled_dir
    fw = yaml.safe_load((bundled_dir() / "youzhi-2017.yaml").read_text("utf-8"))
    fw["settings"]["draft_evidence"] = {"自评报告": ["A1"]}
    (county / "我的框架.yaml").write_text(yaml.safe_dump(fw, allow_unicode=True), "utf-8")
    cfg = county / "dossier.yaml"
    cfg.write_text(cfg.read_text("utf-8").replace("框架: youzhi-2017", "框架: 我的框架.yaml"), "utf-8")
    from dossier.compute.context import load
    with pytest.raises(DossierError) as err:
        load(county)
    assert "A1" in str(err.value) and "我的框架.yaml" in str(err.value)


@pytest.mark.slow
def test_drafts_are_bound_only_in_their_finished_version(county, tmp_path):
    out = tmp_path / "full" / "测试县"
    result = build(county, out)
    assert result.drafts, "the drafts stage wrote nothing"
    assert all(p.is_file() and p.parent == out / "drafts" for p in result.drafts)
    c8 = next(v for v in result.volumes if v.code == "C8")
    c9 = next(v for v in result.volumes if v.code == "C9")
    assert not any(doc.rel.startswith(("drafts/", "定稿/")) for v in (c8, c9) for doc, _, _ in v.docs)
    note = pdftotext(c8.path, c8.total_pages)
    assert "自评报告：尚未定稿" in note.replace("\n", "") and "dossier" not in note
    assert publish.verify(out) == []
    again = build(county, out)
    assert again.drafts_reused and again.reused == len(again.volumes) and again.rebuilt == 0
    # the user places the finished 自评报告 in 定稿/: it is bound into C8, after the folder's own documents
    final = county / "定稿" / "20250920_测试县义务教育优质均衡发展自评报告.docx"
    final.parent.mkdir()
    shutil.copy2(next(p for p in result.drafts if "自评报告" in p.stem and p.suffix == ".docx"), final)
    done = build(county, out)
    c8 = next(v for v in done.volumes if v.code == "C8")
    assert c8.docs[-1][0].rel == f"定稿/{final.name}"
    assert "自评报告：尚未定稿" not in pdftotext(c8.path, c8.total_pages).replace("\n", "")
    other = tmp_path / "full2" / "测试县"
    build(county, other)
    assert tree_hashes(out) == tree_hashes(other)


def test_swap_without_rename_exchange(county, out, monkeypatch):
    _build(county, out)
    monkeypatch.setattr(build_folder, "_exchange", lambda a, b: False)     # e.g. a file system without renameat2
    make_pdf(county / "evidence" / "C9" / "20240101_补充.pdf", 1, "补充材料", seed=11)
    result = _build(county, out)
    assert result.rebuilt == 1 and publish.verify(out) == []
    assert sorted(p.name for p in out.parent.iterdir()) == [".cache", ".测试县.lock", "测试县"]


def test_progress_reaches_listeners_and_the_terminal_bar_draws_it():
    import io

    from dossier.build.progress import Progress, TerminalBar
    events = []
    step = Progress(events.append).stage("转换", 10)
    step(3, 10, "甲.pdf")
    step.close()
    assert [(e.stage, e.done, e.total, e.note, e.finished) for e in events] == \
        [("转换", 3, 10, "甲.pdf", False), ("转换", 3, 10, "", True)]
    stream = io.StringIO()
    step = Progress(TerminalBar(stream)).stage("转换", 10)
    step(3, 10, "甲.pdf")
    step(10, 10, "乙.pdf")
    step.close()
    text = stream.getvalue()
    assert "转换" in text and "3/10" in text and "10/10" in text and text.endswith("\r\x1b[K")
    quiet = Progress(None).stage("转换", 10)                  # no listener: nothing happens
    quiet(5, 10, "x")
    quiet.close()


def test_parallel_and_serial_binding_give_the_same_bytes(county, tmp_path):
    one = _build(county, tmp_path / "one" / "测试县", jobs=1)
    two = _build(county, tmp_path / "two" / "测试县", jobs=2)
    assert one.rebuilt == two.rebuilt == LEAVES
    assert [v.path.name for v in one.volumes] == [v.path.name for v in two.volumes]
    assert [[d.rel for d, _, _ in v.docs] for v in one.volumes] == [[d.rel for d, _, _ in v.docs] for v in two.volumes]
    assert tree_hashes(tmp_path / "one" / "测试县") == tree_hashes(tmp_path / "two" / "测试县")


def test_a_file_name_that_is_not_utf8_is_reported_and_the_build_goes_on(county, out):
    import os as _os
    folder = _os.fsencode(str(county / "evidence" / "C6" / "2024年"))
    with open(_os.path.join(folder, b"\xb2\xe2\xca\xd4.pdf"), "wb") as fh:      # GBK bytes for 测试
        fh.write((county / "evidence" / "C6" / "2024年" / "20240520_教学仪器设备采购清单.pdf").read_bytes())
    with pytest.raises(DossierError) as info:
        _build(county, out)
    assert "不是有效的 UTF-8 编码" in str(info.value) and "测试.pdf" in str(info.value)
    result = _build(county, out, keep_going=True)
    assert publish.verify(out) == []
    assert any("UTF-8" in str(p) for p in result.problems)


@pytest.mark.slow
def test_parallel_and_serial_builds_with_drafts_and_office_files_give_the_same_bytes(county, tmp_path):
    """Drafts (charts included) and LibreOffice conversion use both cores as binding does; the bytes are those of
    a serial build."""
    from kit import make_docx
    for i in range(4):
        make_docx(county / "evidence" / "C9" / f"2024030{i + 1}_编制说明{i + 1}.docx", f"编制说明{i + 1}", 3 + i)
    one = build(county, tmp_path / "one" / "测试县", jobs=1)
    two = build(county, tmp_path / "two" / "测试县", jobs=2)
    assert one.drafts and [p.name for p in one.drafts] == [p.name for p in two.drafts]
    assert one.converted == two.converted >= 4 + 7
    assert tree_hashes(tmp_path / "one" / "测试县") == tree_hashes(tmp_path / "two" / "测试县")
    cached = sorted((tmp_path / "two" / ".cache" / "测试县" / "charts").iterdir())     # each chart drawn once, kept
    shown = sorted((tmp_path / "two" / "测试县").rglob("图表/*.png"))
    assert shown and len(cached) == len(shown) and all(p.suffix == ".png" for p in cached)

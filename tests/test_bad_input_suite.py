"""The bad-input suite: every kind of bad school table, YAML file, template and evidence file, each run through the
real `dossier` command, asserting the exit code (2: the user's to fix; never 3, an internal error), a Chinese
message naming the place, no English (no ASCII word of 4+ letters beyond file names, paths and product names)
and sources left byte for byte as they were. The single cases in test_bad_input.py check wording in detail."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dossier.cli import main
from dossier.load.table import HEADERS
from kit import make_county, make_jpeg, make_pdf, make_project, school, tree_hashes, write_table
from test_corpus import CORPUS, english_words

NAME = "测试县"
TABLE = f"{NAME}/学校基础数据"


# ---------------------------------------------------------------------------------------------------- makers

def _project(tmp: Path, rows=None, **kw) -> Path:
    return make_project(tmp, rows if rows is not None else [school()], **kw)


def _csv(tmp, rows, headers=None) -> Path:
    folder = _project(tmp)
    write_table(folder / "学校基础数据.csv", rows, headers)
    return folder


def _xlsx(tmp, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    from openpyxl import Workbook
    folder = _project(tmp)
    (folder / "学校基础数据.csv").unlink()
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    wb.save(folder / "学校基础数据.xlsx")
    return folder


def _rows(*schools) -> list[list]:
    return [HEADERS] + [[s.get(h) for h in HEADERS] for s in schools]


def _bytes_table(tmp, name: str, data: bytes) -> Path:
    folder = _project(tmp)
    (folder / "学校基础数据.csv").unlink()
    (folder / name).write_bytes(data)
    return folder


def _yaml_file(tmp, name: str, text: str | bytes) -> Path:
    folder = _project(tmp)
    target = folder / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def _config(tmp, **changes) -> Path:
    folder = _project(tmp, archive={})
    cfg = yaml.safe_load((folder / "dossier.yaml").read_text("utf-8"))
    for dotted, value in changes.items():
        node = cfg
        *path, last = dotted.split("__")
        for key in path:
            node = node.setdefault(key, {})
        node[last] = value
    (folder / "dossier.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return folder


def _header_renamed(tmp, renames: dict[str, str]) -> Path:
    return _csv(tmp, [school()], [renames.get(h, h) for h in HEADERS])


def _encrypted(tmp) -> Path:
    import msoffcrypto
    folder = _project(tmp)
    plain = write_table(tmp / "plain.xlsx", [school()])
    out = io.BytesIO()
    with open(plain, "rb") as fh:
        msoffcrypto.OfficeFile(fh).encrypt("mima", out)
    (folder / "学校基础数据.csv").unlink()
    (folder / "学校基础数据.xlsx").write_bytes(out.getvalue())
    return folder


def _zip_not_excel(tmp) -> Path:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("说明.txt", "不是表格")
    return _bytes_table(tmp, "学校基础数据.xlsx", buf.getvalue())


def _formula(tmp) -> Path:
    rows = _rows(school())
    rows[1][HEADERS.index("专任教师数")] = "=50+10"
    return _xlsx(tmp, {"学校": rows})


def _year_file(tmp, name: str) -> Path:
    folder = _project(tmp)
    (folder / "学校基础数据").mkdir()
    write_table(folder / "学校基础数据" / name, [school()])
    return folder


def _template(tmp, text: str | bytes) -> Path:
    folder = _project(tmp)
    (folder / "templates").mkdir()
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (folder / "templates" / "自评报告.md.j2").write_bytes(data)
    return folder


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
NESTED = "C14: " + "[" * 200 + "]" * 200 + "\n"


# (id, maker, command, needles): the first needle names the place
CHECK = "check"
CASES = [
    # --- the school table
    ("duplicate-header", lambda t: _header_renamed(t, {"音乐专用教室数": "学校名称"}), CHECK,
     [f"{TABLE}.csv，第1行", "表头都是“学校名称”"]),
    ("duplicate-header-by-unit", lambda t: _header_renamed(t, {"音乐专用教室面积": "教学及辅助用房面积（平方米）"}), CHECK,
     [f"{TABLE}.csv，第1行", "表头都是“教学及辅助用房面积”"]),
    ("header-unit-contradicts", lambda t: _header_renamed(t, {"教学仪器设备值": "教学仪器设备值（元）"}), CHECK,
     [f"{TABLE}.csv，第1行，“教学仪器设备值”列", "单位与本列不符"]),
    ("two-year-sheets-neither-named-2025", lambda t: _xlsx(t, {"2023年": _rows(school()), "2024年": _rows(school())}),
     CHECK, [f"{TABLE}.xlsx", "“2023年”“2024年”", "“2025年”"]),
    ("formula-without-cached-value", _formula, CHECK, [f"{TABLE}.xlsx", "是公式", "没有保存公式的计算结果"]),
    ("encrypted-xlsx", _encrypted, CHECK, [f"{TABLE}.xlsx", "设有密码（已加密）"]),
    ("zip-that-is-not-excel", _zip_not_excel, CHECK, [f"{TABLE}.xlsx", "是一个压缩包（zip），但不是 Excel 表格"]),
    ("xlsx-that-is-text", lambda t: _bytes_table(t, "学校基础数据.xlsx", "学校代码,学校名称\n".encode()), CHECK,
     [f"{TABLE}.xlsx", "不是有效的 Excel"]),
    ("xls-that-is-garbage", lambda t: _bytes_table(t, "学校基础数据.xls", b"\x00\x01garbage" * 50), CHECK,
     [f"{TABLE}.xls", "不是有效的 Excel"]),
    ("ole-that-is-not-a-workbook", lambda t: _bytes_table(t, "学校基础数据.xls",
                                                          (CORPUS / "derived" / "corrupt-slides.ppt").read_bytes()),
     CHECK, [f"{TABLE}.xls", "不是有效的 Excel 表格"]),
    ("csv-cell-of-200000-characters", lambda t: _csv(t, [school(学校名称="甲" * 200_000)]), CHECK,
     [f"{TABLE}.csv，第2行", "超过 131072 个字符"]),
    ("csv-in-an-unknown-encoding", lambda t: _bytes_table(t, "学校基础数据.csv", b"\x80\x00\x81\x00" * 40), CHECK,
     [f"{TABLE}.csv", "编码无法识别"]),
    ("empty-table", lambda t: _bytes_table(t, "学校基础数据.csv", b""), CHECK, [f"{TABLE}.csv", "表格是空的"]),
    ("header-only", lambda t: _csv(t, []), CHECK, [f"{TABLE}.csv，第2行", "只有表头"]),
    ("text-in-a-number", lambda t: _csv(t, [school(体育运动场馆面积="很大")]), CHECK,
     [f"{TABLE}.csv，第2行，“体育运动场馆面积”列", "应为数字"]),
    ("csv-1e400", lambda t: _csv(t, [school(教学仪器设备值="1e400")]), CHECK,
     [f"{TABLE}.csv，第2行，“教学仪器设备值”列", "应为数字"]),
    ("csv-nan", lambda t: _csv(t, [school(教学仪器设备值="nan")]), CHECK,
     [f"{TABLE}.csv，第2行，“教学仪器设备值”列", "应为数字"]),
    ("negative", lambda t: _csv(t, [school(网络多媒体教室数=-3)]), CHECK,
     [f"{TABLE}.csv，第2行，“网络多媒体教室数”列", "不能为负数"]),
    ("fractional-count", lambda t: _csv(t, [school(专任教师数=60.5)]), CHECK,
     [f"{TABLE}.csv，第2行，“专任教师数”列", "应为整数"]),
    ("unit-in-a-cell-contradicts", lambda t: _csv(t, [school(教学仪器设备值="350000元")]), CHECK,
     [f"{TABLE}.csv，第2行，“教学仪器设备值”列", "单位“元”与本列不符"]),
    ("unknown-school-type", lambda t: _csv(t, [school(学校类型="职业中学")]), CHECK,
     [f"{TABLE}.csv，第2行，“学校类型”列", "未知的学校类型"]),
    ("unknown-area", lambda t: _csv(t, [school(城乡类型="郊区")]), CHECK,
     [f"{TABLE}.csv，第2行，“城乡类型”列", "未知的城乡类型"]),
    ("duplicate-code", lambda t: _csv(t, [school(), school(学校名称="乙小学")]), CHECK,
     [f"{TABLE}.csv，第3行，“学校代码”列", "重复"]),
    ("empty-code", lambda t: _csv(t, [school(学校代码="")]), CHECK, [f"{TABLE}.csv，第2行，“学校代码”列", "为空"]),
    ("zero-students-without-saying-why",
     lambda t: _csv(t, [school(学校类型="九年一贯制学校", 初中在校生数=0, 初中班级数=0)]), CHECK,
     [f"{TABLE}.csv，第2行，“初中在校生数”列", "未开设学段"]),
    ("not-open-stage-on-a-primary-school", lambda t: _csv(t, [school(未开设学段="初中")], HEADERS + ["未开设学段"]),
     CHECK, [f"{TABLE}.csv，第2行，“未开设学段”列", "不能是“初中”"]),
    ("not-open-stage-with-students",
     lambda t: _csv(t, [school(学校类型="九年一贯制学校", 初中在校生数=40, 未开设学段="初中")], HEADERS + ["未开设学段"]),
     CHECK, [f"{TABLE}.csv，第2行，“初中在校生数”列", "却填了初中在校生数40人"]),
    ("not-open-stage-garbage",
     lambda t: _csv(t, [school(学校类型="九年一贯制学校", 未开设学段="高中")], HEADERS + ["未开设学段"]), CHECK,
     [f"{TABLE}.csv，第2行，“未开设学段”列", "应为 小学 或 初中"]),
    ("missing-column", lambda t: _csv(t, [school()], [h for h in HEADERS if h != "教学仪器设备值"]), CHECK,
     [f"{TABLE}.csv，第1行", "缺少必填列“教学仪器设备值”"]),
    ("students-in-a-stage-it-lacks", lambda t: _csv(t, [school(初中在校生数=120)]), CHECK,
     [f"{TABLE}.csv，第2行，“初中在校生数”列", "没有初中学段"]),
    ("more-classes-than-students", lambda t: _csv(t, [school(小学班级数=2000)]), CHECK,
     [f"{TABLE}.csv，第2行，“小学班级数”列", "多于在校生数"]),
    ("xlsx-and-csv-both", lambda t: write_table(_project(t) / "学校基础数据.xlsx", [school()]).parent, CHECK,
     [NAME, "同时有"]),
    ("yearly-file-misnamed", lambda t: _year_file(t, "去年.xlsx"), CHECK, [f"{NAME}/学校基础数据", "不是按年度命名"]),
    ("yearly-file-outside-evidence-years", lambda t: _year_file(t, "2019.csv"), CHECK,
     [f"{NAME}/学校基础数据/2019.csv", "不在佐证年度"]),
    # --- YAML files
    ("billion-laughs", lambda t: _yaml_file(t, "指标数据.yaml", LAUGHS), CHECK, [f"{NAME}/指标数据.yaml，第", "别名"]),
    ("recursive-alias", lambda t: _yaml_file(t, "指标数据.yaml", "a: &a [1, *a]\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第1行", "循环引用"]),
    ("sequence-as-key", lambda t: _yaml_file(t, "指标数据.yaml", "? [C14, C15]\n: 1\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第1行", "键只能是文字或数字"]),
    ("mapping-as-key", lambda t: _yaml_file(t, "指标数据.yaml", "{a: 1}: 2\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第1行", "键只能是文字或数字"]),
    ("nan-fact", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n  特殊教育学校生均公用经费: .nan\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "不是有效的数字"]),
    ("inf-fact", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n  特殊教育学校生均公用经费: -.inf\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "不是有效的数字"]),
    ("1e400-fact", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n  特殊教育学校生均公用经费: 1e400\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "应为数字"]),
    ("1.0e+400-fact", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n  特殊教育学校生均公用经费: 1.0e+400\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "不是有效的数字"]),
    ("tab", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n\t特殊教育学校生均公用经费: 1\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "Tab"]),
    ("unclosed-bracket", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n  说明: [未闭合\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第", "YAML 格式错误"]),
    ("duplicate-key", lambda t: _yaml_file(t, "指标数据.yaml", "C14: {}\nC14: {}\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "重复出现"]),
    ("undefined-alias", lambda t: _yaml_file(t, "指标数据.yaml", "C14: *nothing\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第1行", "未定义的别名"]),
    ("python-tag", lambda t: _yaml_file(t, "指标数据.yaml", "C14: !!python/object:os.system {}\n"), CHECK,
     [f"{NAME}/指标数据.yaml，第1行", "无法识别"]),
    ("huge-yaml", lambda t: _yaml_file(t, "指标数据.yaml", "# " + "x" * 6_000_000 + "\n"), CHECK,
     [f"{NAME}/指标数据.yaml", "文件过大"]),
    ("deep-nesting", lambda t: _yaml_file(t, "指标数据.yaml", NESTED), CHECK, [f"{NAME}/指标数据.yaml", "嵌套"]),
    ("not-utf8", lambda t: _yaml_file(t, "指标数据.yaml", "C14:\n  说明: 中文\n".encode("gbk")), CHECK,
     [f"{NAME}/指标数据.yaml", "不是 UTF-8"]),
    ("list-where-a-name-is-expected", lambda t: _config(t, 署名=[1, 2]), CHECK, [f"{NAME}/dossier.yaml，第", "署名"]),
    ("mapping-where-a-name-is-expected", lambda t: _config(t, 单位__全称={"a": 1}), CHECK,
     [f"{NAME}/dossier.yaml，第", "全称"]),
    ("list-as-a-yes-no-answer", lambda t: _project(t, facts={"C13": {"不足100人学校按100人核定公用经费": [1, 2]}}), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "应填 是 或 否"]),
    ("list-as-a-veto-answer", lambda t: _project(t, facts={"否决项": {"违规择校": [1]}}), CHECK,
     [f"{NAME}/指标数据.yaml，第2行", "应填 是 或 否"]),
    ("page-limit-in-words", lambda t: _config(t, 档案__每卷页数上限="三百"), CHECK,
     [f"{NAME}/dossier.yaml，第", "每卷页数上限", "三百"]),
    ("page-limit-negative", lambda t: _config(t, 档案__每卷页数上限=-5), CHECK, [f"{NAME}/dossier.yaml，第", "每卷页数上限"]),
    ("year-in-words", lambda t: _config(t, 评估年度="二〇二五"), CHECK, [f"{NAME}/dossier.yaml，第", "四位年份"]),
    ("unknown-level", lambda t: _config(t, 单位__级别="省"), CHECK, [f"{NAME}/dossier.yaml，第", "应为 县 或 学校"]),
    ("impossible-date", lambda t: _yaml_file(t, "dossier.yaml", (_project(t) / "dossier.yaml").read_text("utf-8")
                                             + "日期:\n  方案印发: 2025-02-30\n"), CHECK,
     [f"{NAME}/dossier.yaml，第", "不是有效的日期"]),
    ("unknown-framework", lambda t: _config(t, 框架="youzhi-2099"), CHECK, [f"{NAME}/dossier.yaml，第", "未知的指标框架"]),
    ("config-is-a-list", lambda t: _yaml_file(t, "dossier.yaml", "- 单位\n- 框架\n"), CHECK, [f"{NAME}/dossier.yaml", ""]),
    ("people-is-a-list", lambda t: _yaml_file(t, "人员.yaml", "- 张三\n- 李四\n"), CHECK, [f"{NAME}/人员.yaml", ""]),
    ("unknown-indicator", lambda t: _project(t, facts={"C99": {"x": 1}}), CHECK,
     [f"{NAME}/指标数据.yaml，第1行", "未知的指标编码"]),
    # --- templates (a project's own templates/自评报告.md.j2)
    ("template-security", lambda t: _template(t, "{{ ''.__class__.__mro__ }}\n"), "draft",
     [f"{NAME}/templates/自评报告.md.j2", "不允许的操作"]),
    ("template-not-found", lambda t: _template(t, "{% include '没有.md.j2' %}\n"), "draft",
     [f"{NAME}/templates/自评报告.md.j2", "“没有.md.j2”不存在"]),
    ("template-not-utf8", lambda t: _template(t, "{{ 单位 }} 自评报告\n".encode("gbk")), "draft",
     [f"{NAME}/templates/自评报告.md.j2", "不是 UTF-8"]),
    ("template-unclosed-block", lambda t: _template(t, "{% if true %}\n甲\n"), "draft",
     [f"{NAME}/templates/自评报告.md.j2", "未闭合"]),
    ("template-undefined-name", lambda t: _template(t, "{{ 没有这个变量 }}\n"), "draft",
     [f"{NAME}/templates/自评报告.md.j2", "未定义的变量"]),
    ("template-division-by-zero", lambda t: _template(t, "{{ 1 / 0 }}\n"), "draft",
     [f"{NAME}/templates/自评报告.md.j2", "无法计算"]),
]


def _args(command: str, folder: Path, tmp: Path) -> list[str]:
    if command == "draft":
        return ["draft", "自评报告", str(folder), "--format", "md", "--out", str(tmp / "out")]
    return [command, str(folder)]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case, tmp_path):
    _, make, command, needles = case
    folder = make(tmp_path)
    before = tree_hashes(folder)
    result = CliRunner().invoke(main, _args(command, folder, tmp_path))
    text = result.output
    assert result.exit_code == 2, text
    assert "内部错误" not in text and "Traceback" not in text
    assert all(n in text for n in needles), f"{needles} not in:\n{text}"
    assert not english_words(text, str(folder), str(tmp_path)), text
    assert tree_hashes(folder) == before


def test_the_suite_covers_at_least_sixty_cases():
    assert len(CASES) + len(EVIDENCE) + len(COLLECTED) >= 60


# ---------------------------------------------------------------------------------------------------- evidence

EVIDENCE = {   # file in evidence/C20/ → text its problem line must hold
    "20240101_截断的扫描件.jpg": "已截断",
    "20240102_动态表单.pdf": "XFA 动态表单",
    "20240103_有密码.pdf": "打开密码",
    "20240104_损坏.pdf": "已损坏，无法修复",
    "20240105_改了扩展名.docx": "不是有效的 Word 文件",
    "20240107_图片坏了.pdf": "任何阅读器都无法显示",
    "20240108_损坏的幻灯片.ppt": "无法转换为 PDF",
    "20240109_空白幻灯片.pptx": "每一页都是空白",
    "20240110_损坏的TIFF.tif": "图片已损坏",
}
# found while collecting, before anything is converted
COLLECTED = {"20240201_循环链接.pdf": "链接层数过多", "循环文件夹甲": "链接层数过多", "20240106_空文件.pdf": "文件是空的",
             "20240202_外部链接.pdf": "项目文件夹之外"}


def _evidence_county(tmp: Path) -> Path:
    county = make_county(tmp / "content")
    leaf = county / "evidence" / "C20"
    leaf.mkdir()
    make_pdf(leaf / "20240301_正常文件.pdf", 2, "正常文件")
    jpeg = make_jpeg(tmp / "whole.jpg", seed=7).read_bytes()
    sources = {"20240101_截断的扫描件.jpg": jpeg[: len(jpeg) // 2],
               "20240102_动态表单.pdf": CORPUS / "derived" / "xfa-dynamic.pdf",
               "20240103_有密码.pdf": CORPUS / "py-pdf" / "libreoffice-writer-password.pdf",
               "20240104_损坏.pdf": CORPUS / "qpdf" / "bad1.pdf",
               "20240105_改了扩展名.docx": "这只是一段文字".encode(),
               "20240107_图片坏了.pdf": CORPUS / "qpdf" / "bad-jpeg.pdf",
               "20240108_损坏的幻灯片.ppt": CORPUS / "derived" / "corrupt-slides.ppt",
               "20240109_空白幻灯片.pptx": CORPUS / "python-pptx" / "sld-blank.pptx",
               "20240110_损坏的TIFF.tif": CORPUS / "pillow" / "crash-86214e58.tif"}
    for name, src in sources.items():
        (leaf / name).write_bytes(src if isinstance(src, bytes) else src.read_bytes())
    return county


def _dossier(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "dossier"), *map(str, args)], capture_output=True,
                          text=True, timeout=1500)


@pytest.fixture(scope="module")
def evidence_run(tmp_path_factory):
    """One build (without --keep-going) over every bad evidence file: exit 2, each file named."""
    tmp = tmp_path_factory.mktemp("evidence")
    county = _evidence_county(tmp)
    before = tree_hashes(county)
    run = _dossier("build", county, "--out", tmp / "out")
    return county, run, before, tmp


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EVIDENCE))
def test_bad_evidence_file(name, evidence_run):
    county, run, before, tmp = evidence_run
    text = run.stdout + run.stderr
    assert run.returncode == 2, text
    assert "内部错误" not in text and "Traceback" not in text
    line = next((ln for ln in text.splitlines() if name in ln), "")
    assert f"测试县/evidence/C20/{name}" in line and EVIDENCE[name] in line, text
    assert not english_words(line, name, str(county)), line
    assert tree_hashes(county) == before
    assert not (tmp / "out").exists()                       # nothing half-built where the output goes


@pytest.mark.parametrize("name", sorted(COLLECTED))
def test_bad_entries_in_evidence(name, tmp_path):
    county = make_county(tmp_path / "content")
    leaf = county / "evidence" / "C20"
    leaf.mkdir()
    (leaf / "20240201_循环链接.pdf").symlink_to("20240201_循环链接.pdf")
    (leaf / "循环文件夹甲").symlink_to("循环文件夹乙")
    (leaf / "循环文件夹乙").symlink_to("循环文件夹甲")
    (leaf / "20240106_空文件.pdf").write_bytes(b"")
    (leaf / "20240202_外部链接.pdf").symlink_to(make_pdf(tmp_path / "外部.pdf", 1, "外部"))
    before = tree_hashes(county)
    result = CliRunner().invoke(main, ["build", str(county), "--out", str(tmp_path / "out")])
    text = result.output
    assert result.exit_code == 2, text
    line = next((ln for ln in text.splitlines() if name in ln), "")
    assert COLLECTED[name] in line and f"测试县/evidence/C20/{name}" in line, text
    assert not english_words(line, name, str(county))
    assert tree_hashes(county) == before

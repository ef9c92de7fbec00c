"""Frameworks as data: every broken framework shape is a framework error (exit 2, file and line), formula
indicators, per-学段 thresholds, 差异系数 on or off, several surveys, declared columns, scoring by hand, the
bundled provincial framework and its example, init --framework, lookup by name, and the linear 差异系数."""
import json
import random
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import main
from dossier.compute.context import load
from dossier.compute.cv import compute_cv, weighted_cv
from dossier.compute.model import SchoolResult, Value
from dossier.config import expr
from dossier.load.table import HEADERS
from kit import ROOT, make_project, school, write_table

YOUZHI = (ROOT / "dossier" / "config" / "frameworks" / "youzhi-2017.yaml").read_text(encoding="utf-8")
EXAMPLE = ROOT / "content" / "示例县"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code != 3, result.output
    return result


def example_with(tmp_path, framework_text: str, name: str = "县") -> Path:
    """The example county's data (no evidence, no 整改进展) with its framework replaced by `framework_text` (fw.yaml)."""
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("evidence", "整改进展.yaml"))
    (folder / "fw.yaml").write_text(framework_text, encoding="utf-8")
    cfg = (folder / "dossier.yaml").read_text(encoding="utf-8").replace("框架: youzhi-2017", "框架: fw.yaml")
    (folder / "dossier.yaml").write_text(cfg, encoding="utf-8")
    return folder


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ---------------------------------------------------------------------------------------------- broken shapes

BROKEN = {
    # name: (replace this, with this, a word of the message, the line the message must name (a needle in it))
    "percent string on a fact": ('op: ">=", value: 6000}', 'op: ">=", value: 85%}', "不要写百分号",
                                 "value: 85%"),
    "no cv_limit at all": ("  cv_limit: {小学: 0.50, 初中: 0.45}\n", "", "差异系数上限", "settings:"),
    "one-stage cv_limit": ("cv_limit: {小学: 0.50, 初中: 0.45}", "cv_limit: {小学: 0.50}", "没有初中的差异系数上限",
                           "cv_limit: {小学: 0.50}"),
    "column typo": ("numerator: 网络多媒体教室数", "numerator: 网络多媒体教室", "是否想写“网络多媒体教室数”",
                    "numerator: 网络多媒体教室"),
    "points without scoring": ("        title: 社会认可度\n", "        title: 社会认可度\n        points: 5\n",
                               "没有 scoring 设置", "  - code: C32"),
    "misspelt scoring key": ("vetoes:\n", "scorng: {max: 100}\nvetoes:\n", "是否想写“scoring”", "scorng:"),
    "unknown node key": ("        title: 社会认可度\n", "        title: 社会认可度\n        pionts: 5\n",
                         "是否想写“points”", "pionts: 5"),
    "threshold for an unknown 学段": ("threshold: {小学: 4.2, 初中: 5.3}", "threshold: {小学: 4.2, 高中: 5.3}",
                                     "学段“高中”", "threshold: {小学: 4.2, 高中: 5.3}"),
    "formula syntax": ("evaluate: {type: survey}", 'evaluate: {type: formula, value: "图书册数 / "}', "公式",
                       'value: "图书册数 / "'),
    "unknown function": ("evaluate: {type: survey}", 'evaluate: {type: formula, value: "median(图书册数)"}',
                         "函数“median”", "median"),
    "aggregate in a per-school formula": ("evaluate: {type: survey}",
                                          'evaluate: {type: formula, value: "sum(图书册数)"}', "scope: county",
                                          "sum(图书册数)"),
    "unknown column in a formula": ("evaluate: {type: survey}",
                                    'evaluate: {type: formula, value: "图书总册数 / 在校生数", threshold: 20}',
                                    "图书总册数", "图书总册数"),
    "per_school scoring without deduct": ("vetoes:\n", "vetoes:\n", "deduct", None),
}


@pytest.mark.parametrize("shape", sorted(BROKEN))
def test_broken_framework_shapes_are_framework_errors(tmp_path, shape):
    old, new, word, needle = BROKEN[shape]
    text = YOUZHI.replace(old, new, 1)
    if shape == "per_school scoring without deduct":
        text = text.replace("        title: 社会认可度\n", "        title: 社会认可度\n        score: {rule: per_school}\n", 1)
        needle = "score: {rule: per_school}"
    assert text != YOUZHI
    folder = example_with(tmp_path, text)
    result = run("check", folder)
    assert result.exit_code == 2, result.output
    line = line_of(text, needle)
    hits = [m for m in result.output.splitlines() if word in m]
    assert hits, result.output
    assert any(f"县/fw.yaml，第{line}行" in m for m in hits), (line, hits)


ACCEPTED = {
    # shapes that were internal errors and are now part of the format
    "per-stage share threshold": ("threshold: 100\n          fact: 专任教师持证上岗率",
                                  "threshold: {小学: 100, 初中: 100}\n          fact: 专任教师持证上岗率", "C19"),
    "scalar ratio threshold": ("threshold: {小学: 4.2, 初中: 5.3}", "threshold: 4.2", "C1"),
    "scalar column_max limit": ("limit: {小学: 45, 初中: 50}", "limit: 45", "C12"),
    "rooms without min_area": (", min_area: 96}", "}", "C10"),
}


@pytest.mark.parametrize("shape", sorted(ACCEPTED))
def test_shapes_that_are_now_valid_are_computed(tmp_path, shape):
    old, new, code = ACCEPTED[shape]
    folder = example_with(tmp_path, YOUZHI.replace(old, new, 1))
    result = run("check", folder, "--json")
    assert result.exit_code == 0, result.output
    ind = next(i for i in json.loads(result.output)["indicators"] if i["code"] == code)
    assert ind["status"] in ("达标", "未达标", "基本达标")
    if shape == "scalar ratio threshold":
        assert ind["threshold"] == "≥4.2人"
    if shape == "scalar column_max limit":
        assert ind["threshold"] == "≤45人"


def test_all_framework_errors_at_once(tmp_path):
    text = YOUZHI.replace("numerator: 网络多媒体教室数", "numerator: 网络多媒体教室", 1).replace(
        'op: ">=", value: 6000}', 'op: ">=", value: 85%}', 1)
    result = run("check", example_with(tmp_path, text))
    assert result.exit_code == 2 and "发现 2 处问题" in result.output


# ------------------------------------------------------------------------------------------ formula language

def test_expression_language():
    tree = expr.parse("({学段}骨干教师数 + 1) × 100 ÷ 专任教师数 ≥ 10 且 not 班级数 == 0")
    assert [n for n, _ in expr.names(tree)] == ["{学段}骨干教师数", "专任教师数", "班级数"]
    assert expr.parse('"5年 培训" * 2')[2] == ("name", "5年 培训")
    for bad, word in (("a +", "不完整"), ("a $ b", "写法有误"), ("a ! b", "无法识别"), ("foo(1)", "不可用"), ("sum(sum(a))", "另一个汇总函数"),
                      ("abs(1, 2)", "参数个数")):
        with pytest.raises(expr.ExprError, match=word):
            expr.parse(bad)
    from dossier.compute.formula import evaluate
    values = {"a": 6.0, "b": 3.0}
    assert evaluate(expr.parse("min(a, b) / (a - b) + max(1, 2) * -1"), values.__getitem__) == 1.0 - 2.0
    assert evaluate(expr.parse("a / (b - 3)"), values.__getitem__) is None        # division by zero: unknown
    assert evaluate(expr.parse("round(a / 4, 1) == 1.5 或 b > 5"), values.__getitem__) is True


SCORED = """
id: test-scored
title: 测试省义务教育均衡发展评估
kind: 均衡
settings:
  stages: [小学]
  cv_limit: {小学: 0.5}
columns:
  - {name: 学生用计算机台数, unit: 台, kind: count, required: 是}
  - {name: 小学新生数, unit: 人, kind: count}
  - {name: 小学应报到新生数, unit: 人, kind: count}
scoring:
  max: 20
  bands: [{min: 15, name: 基本均衡}, {min: 10, name: 初步均衡}]
  below: 未达标
areas:
  - code: A1
    title: 办学条件
    children:
      - code: B1
        title: 装备
        children:
          - {code: C1, title: 生均图书册数, points: 4, score: {rule: proportional, floor: 0.5},
             evaluate: {type: formula, value: "图书册数 / 在校生数", threshold: 25, unit: 册}}
          - {code: C2, title: 生机比, points: 4, score: {rule: per_school, deduct: 1.5},
             evaluate: {type: formula, value: "在校生数 / 学生用计算机台数", op: "<=", threshold: 10, display: ratio}}
      - code: B2
        title: 班额
        children:
          - {code: C3, title: 平均班额, points: 2,
             evaluate: {type: formula, value: "在校生数 / 班级数", op: "<=", threshold: 45, unit: 人}}
  - code: A2
    title: 政府保障
    children:
      - {code: C4, title: 规划, points: 4, evaluate: {type: self}}
      - {code: C5, title: 经费, points: 4, score: {rule: proportional},
         evaluate: {type: facts, fields: [{name: 生均公用经费, unit: 元, op: ">=", value: 800}]}}
      - {code: C6, title: 到位率, points: 2,
         evaluate: {type: formula, scope: county, value: "sum(小学新生数) / sum(小学应报到新生数) * 100", threshold: 98,
                    display: percent}}
"""
EXTRA = ["图书册数", "学生用计算机台数", "小学新生数", "小学应报到新生数"]


def scored_county(tmp_path) -> Path:
    rows = [school(学校代码="1", 学校名称="甲", 小学在校生数=1000, 小学班级数=24, 图书册数=30000, 学生用计算机台数=100,
                   小学新生数=170, 小学应报到新生数=172),
            school(学校代码="2", 学校名称="乙", 小学在校生数=500, 小学班级数=10, 小学最大班额=50, 图书册数=10000,
                   学生用计算机台数=40, 小学新生数=80, 小学应报到新生数=80),
            school(学校代码="3", 学校名称="丙", 小学在校生数=400, 小学班级数=10, 图书册数=4000, 学生用计算机台数=50,
                   小学新生数=70, 小学应报到新生数=70)]
    folder = make_project(tmp_path, rows, framework="测试框架.yaml",
                          facts={"C4": {"状态": "基本达标", "依据": "规划待批复"}, "C5": {"生均公用经费": 720}})
    (folder / "测试框架.yaml").write_text(SCORED, encoding="utf-8")
    write_table(folder / "学校基础数据.csv", rows, HEADERS + [h for h in EXTRA if h not in HEADERS])
    return folder


def test_a_small_county_scored_by_hand(tmp_path):
    result = run("check", scored_county(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    by = {i["code"]: i for i in doc["indicators"]}
    # C1 生均图书: 甲 30 ≥ 25 (1), 乙 20/25 = 0.8, 丙 10/25 = 0.4 < floor 0.5 (0): 4 × (1 + 0.8 + 0) / 3
    assert by["C1"]["points"] == round(4 * (1 + 0.8 + 0) / 3, 2) == 2.4
    # C2 生机比 ≤ 1:10: 乙 500/40 = 12.5 misses: 4 − 1.5
    assert by["C2"]["points"] == 4 - 1.5
    # C3 平均班额 ≤ 45: 乙 500/10 = 50 misses: full-or-nothing
    assert by["C3"]["points"] == 0
    # C4 自评基本达标: half of 4; C5 720/800 of 4; C6 320/322 = 99.4% ≥ 98%: all 2
    assert by["C4"]["points"] == 2 and by["C5"]["points"] == round(4 * 720 / 800, 2) and by["C6"]["points"] == 2
    assert by["C6"]["value"] == f"{100 * 320 / 322:.2f}%"
    assert {i["code"]: i["parent"] for i in doc["indicators"]} == {"C1": "B1", "C2": "B1", "C3": "B2", "C4": "A2",
                                                                    "C5": "A2", "C6": "A2"}
    sc = doc["score"]
    assert sc["max"] == 20 and sc["total"] == round(2.4 + 2.5 + 0 + 2 + 3.6 + 2, 2) == 12.5
    assert sc["grade"] == "初步均衡"                                   # 10 ≤ 12.5 < 15
    a1, a2 = sc["areas"]
    assert (a1["score"], a1["max"], a2["score"], a2["max"]) == (4.9, 10, 7.6, 10)
    assert [(b["code"], b["score"]) for b in a1["children"]] == [("B1", 4.9), ("B2", 0)]

    def leaves(node):
        return [node] if "children" not in node else [x for c in node["children"] for x in leaves(c)]

    for node in [a1, a2] + a1["children"]:
        assert round(sum(x["score"] for x in leaves(node)), 2) == node["score"]
    assert round(sum(by[c]["points"] for c in by), 2) == sc["total"]


def test_scored_check_text_and_sheet(tmp_path):
    folder = scored_county(tmp_path)
    text = run("check", folder).output
    assert "【得分】总分12.5分（满分20分），评定：初步均衡" in text
    assert re.search(r"B1\s+装备\s+4\.9\s+8", text)
    assert "【A1 办学条件 ▸ B1 装备】" in text
    assert "乙（小学）：生机比为1:12.5，未达到≤1:10" in text
    out = tmp_path / "评估表.xlsx"
    run("export-table", folder, "--out", out)
    from openpyxl import load_workbook
    ws = load_workbook(out)["评分表"]
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "测试县人民政府义务教育均衡发展评分表"
    assert ("B1", "\u3000装备", "B", 4.9, 8) in values and values[-2][1:] == ("总分", None, 12.5, 20)


def test_a_veto_leaf_denies_the_grade(tmp_path):
    folder = scored_county(tmp_path)
    text = (folder / "测试框架.yaml").read_text(encoding="utf-8").replace(
        "{code: C4, title: 规划, points: 4,", "{code: C4, title: 规划, points: 4, score: {rule: veto},")
    (folder / "测试框架.yaml").write_text(text, encoding="utf-8")
    sc = json.loads(run("check", folder, "--json").output)["score"]
    assert sc["grade"] == "未达标" and sc["vetoed"] == ["C4"]


def test_points_must_add_up(tmp_path):
    folder = scored_county(tmp_path)
    path = folder / "测试框架.yaml"
    text = SCORED.replace("  max: 20", "  max: 25").replace("title: 装备\n", "title: 装备\n        points: 9\n")
    path.write_text(text, encoding="utf-8")
    out = run("check", folder).output
    assert f"测试县/测试框架.yaml，第{line_of(text, 'points: 9')}行：指标 B1 的分值 9 与其下级指标分值之和 8 不一致" in out
    assert "各一级指标分值之和" in out and "与满分 25 不一致" in out


def test_declared_columns_are_asked_for_by_name(tmp_path):
    folder = scored_county(tmp_path)
    write_table(folder / "学校基础数据.csv", [school()], HEADERS)
    out = run("check", folder).output
    assert "缺少指标框架 test-scored 要求的必填列“学生用计算机台数”（单位：台）" in out
    assert "缺少指标框架 test-scored 要求的选填列“小学新生数”" in out


def test_several_surveys_are_kept_apart(tmp_path):
    text = YOUZHI.replace(
        "      - code: C32\n        title: 社会认可度\n",
        "      - code: C33\n        title: 学生满意度\n        evaluate: {type: survey, threshold: 90}\n"
        "      - code: C32\n        title: 社会认可度\n", 1)
    folder = example_with(tmp_path, text)
    facts = (folder / "指标数据.yaml").read_text(encoding="utf-8")
    (folder / "指标数据.yaml").write_text(facts + "C33:\n  学生: {满意: 80, 基本满意: 8, 不满意: 12}\n", encoding="utf-8")
    doc = json.loads(run("check", folder, "--json").output)
    by = {i["code"]: i for i in doc["indicators"]}
    assert by["C33"]["value"] == "88.0%" and by["C33"]["threshold"] == "≥90%" and by["C33"]["status"] == "未达标"
    base = json.loads(run("check", EXAMPLE, "--json").output)
    assert by["C32"] == next(i for i in base["indicators"] if i["code"] == "C32")   # the first one is untouched


def test_cv_switched_off_and_own_limits(tmp_path):
    text = YOUZHI.replace("threshold: {小学: 4.2, 初中: 5.3}", "threshold: {小学: 4.2, 初中: 5.3}\n          cv: false", 1)
    text = text.replace("threshold: {小学: 1.0, 初中: 1.0}", "threshold: {小学: 1.0, 初中: 1.0}\n          cv: {小学: 0.01, 初中: 0.01}", 1)
    doc = json.loads(run("check", example_with(tmp_path, text), "--json").output)
    assert "C1" not in doc["cv"]["小学"] and "C2" in doc["cv"]["小学"]
    assert any(g["code"] == "C2" and "超过0.01的要求" in g["text"] for g in doc["gaps"])


# ------------------------------------------------------------------------------- the bundled provincial example

def test_bundled_provincial_framework():
    from dossier.config.framework import load as load_fw
    fw = load_fw("ningxia-2010")
    levels = {lv: [n for n in fw.walk() if n.level == lv] for lv in "ABC"}
    assert (len(levels["A"]), len(levels["B"]), len(levels["C"])) == (5, 18, 47)
    assert sum(a.points for a in fw.areas) == fw.scoring.max == 100
    assert [(b.min, b.name) for b in fw.scoring.bands] == [(85, "基本均衡"), (75, "初步均衡")]
    assert all(leaf.points for leaf in fw.leaves())
    text = (ROOT / "dossier" / "config" / "frameworks" / "ningxia-2010.yaml").read_text(encoding="utf-8")
    assert text.count("假定") >= 30                   # every assumed value is marked


def test_provincial_example_project():
    result = run("check", ROOT / "content" / "示例宁夏县")
    assert result.exit_code == 0, result.output
    assert re.search(r"【得分】总分[\d.]+分（满分100分），评定：基本均衡", result.output)
    doc = json.loads(run("check", ROOT / "content" / "示例宁夏县", "--json").output)
    sc = doc["score"]
    assert round(sum(a["score"] for a in sc["areas"]), 2) == sc["total"]
    assert round(sum(i["points"] for i in doc["indicators"]), 2) == sc["total"]
    for area in sc["areas"]:
        assert round(sum(b["score"] for b in area["children"]), 2) == area["score"]
        for b in area["children"]:
            assert round(sum(c["score"] for c in b["children"]), 2) == b["score"]
    c18 = next(i for i in doc["indicators"] if i["code"] == "C18")
    assert c18["threshold"] == "≤1:12" and c18["parent"] == "B6"


def test_example_generator_is_reproducible(tmp_path):
    import subprocess
    import sys
    target = ROOT / "content" / "示例宁夏县"
    before = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_ningxia_example.py")], check=True,
                   capture_output=True)
    assert {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()} == before


# -------------------------------------------------------------------------------- init, lookup, evidence names

def test_init_with_a_framework_writes_its_columns_facts_and_folders(tmp_path):
    result = run("init", tmp_path / "新县", "--framework", "ningxia-2010")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "新县"
    assert "框架: ningxia-2010" in (folder / "dossier.yaml").read_text(encoding="utf-8")
    from openpyxl import load_workbook
    header = [c.value for c in load_workbook(folder / "学校基础数据.xlsx").active[1]]
    assert {"校园占地面积", "学生用计算机台数", "小学新生数", "初中应报到新生数", "择校生数"} <= set(header)
    facts = (folder / "指标数据.yaml").read_text(encoding="utf-8")
    assert "公办学校就读随迁子女数:" in facts and "C46:" in facts
    assert (folder / "evidence" / "C18 生机比").is_dir()
    assert "C47 无违规办学行为" in (folder / "佐证材料清单.txt").read_text(encoding="utf-8")


def test_init_with_a_framework_file_copies_it(tmp_path):
    (tmp_path / "省框架.yaml").write_text(SCORED, encoding="utf-8")
    result = run("init", tmp_path / "新县", "--framework", tmp_path / "省框架.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "新县" / "省框架.yaml").read_text(encoding="utf-8") == SCORED
    assert "框架: 省框架.yaml" in (tmp_path / "新县" / "dossier.yaml").read_text(encoding="utf-8")
    bad = run("init", tmp_path / "坏县", "--framework", "no-such-framework")
    assert bad.exit_code == 2 and "未知的指标框架" in bad.output and not (tmp_path / "坏县").exists()


def test_framework_lookup_by_its_id_in_the_project_folder(tmp_path):
    folder = scored_county(tmp_path)
    listed = run("frameworks", "--dir", folder).output
    assert "test-scored" in listed and "满分20分" in listed
    assert "C6 到位率" in run("frameworks", "show", "test-scored", "--dir", folder).output
    cfg = (folder / "dossier.yaml").read_text(encoding="utf-8").replace("框架: 测试框架.yaml", "框架: test-scored")
    (folder / "dossier.yaml").write_text(cfg, encoding="utf-8")
    assert run("check", folder).exit_code == 0


def test_evidence_folder_of_another_framework_is_a_warning(tmp_path):
    folder = scored_county(tmp_path)
    (folder / "evidence" / "C3 音乐、美术专用教室配备").mkdir(parents=True)
    (folder / "evidence" / "C1 生均图书册数").mkdir()
    out = run("check", folder).output
    assert "文件夹“C3 音乐、美术专用教室配备”的名称与指标框架 test-scored 中 C3 的名称“平均班额”不一致" in out
    assert "C1 生均图书册数" not in out.split("【佐证材料提示】")[-1]


# -------------------------------------------------------------------------------------------- linear 差异系数

def _brute(code, rows):
    """The former quadratic drivers: the whole 差异系数 again with each school moved to the mean."""
    pairs = [(r.indicators[code].value, r.students) for r in rows]
    cv, mean = weighted_cv(pairs)
    out = []
    for i, r in enumerate(rows):
        adjusted = [(mean if j == i else x, p) for j, (x, p) in enumerate(pairs)]
        out.append((r.students * (r.indicators[code].value - mean) ** 2, weighted_cv(adjusted)[0], r.code))
    out.sort(key=lambda t: -t[0])
    return cv, [(c, code_) for _, c, code_ in out[:5]]


def test_cv_drivers_in_closed_form_match_the_quadratic_computation():
    rnd = random.Random(7)
    rows = [SchoolResult(str(i), f"校{i}", "小学", "小学", "城区", float(rnd.randint(20, 3000)),
                         {"C1": Value("C1", rnd.uniform(0.5, 12), 4.0, None, None)}) for i in range(300)]
    got = compute_cv("C1", "小学", rows, 0.5)
    cv, drivers = _brute("C1", rows)
    assert got.cv == pytest.approx(cv, rel=1e-12)
    assert [d["code"] for d in got.drivers] == [c for _, c in drivers]
    for d, (expected, _) in zip(got.drivers, drivers):
        assert d["cv_if_mean"] == pytest.approx(expected, rel=1e-9)


def test_check_of_many_schools_is_linear(tmp_path):
    import time
    base = load(EXAMPLE).facts.schools
    times = {}
    for n in (100, 800):
        rows = []
        for i in range(n):
            s = base[i % len(base)]
            row = {"学校代码": f"9{i:05d}", "学校名称": f"校{i}", "学校类型": s.type, "城乡类型": s.area}
            row.update({k: v for k, v in s.values.items()})
            rows.append(row)
        folder = make_project(tmp_path / str(n), rows)
        from dossier.compute.evaluate import evaluate
        ctx = load(folder)
        t = time.perf_counter()
        evaluate(ctx.project, ctx.framework, ctx.facts)
        times[n] = time.perf_counter() - t
    assert times[800] < 8 * times[100] * 2.5 + 0.05    # close to linear (8× the schools), with slack for a busy machine

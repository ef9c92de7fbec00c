"""Computation: 差异系数 by hand, the 6-of-7-and-85% rule at its edges, the 一贯制 split, gaps, frameworks."""
import math
import shutil
from pathlib import Path

import pytest

from dossier.compute.context import load
from dossier.compute.cv import weighted_cv
from dossier.compute.rules import stage_share
from kit import make_project, school

FIXTURES = Path(__file__).parent / "fixtures"


def _school(code, name, students, rooms, **kw):
    # A school that meets everything except what the test changes; rooms drive C7 (per 100 students).
    base = dict(学校代码=code, 学校名称=name, 小学在校生数=students, 小学班级数=max(1, math.ceil(students / 40)),
                小学最大班额=45, 小学高于规定学历教师数=math.ceil(students * 0.05),
                小学县级及以上骨干教师数=math.ceil(students * 0.012), 小学体育艺术专任教师数=math.ceil(students * 0.01),
                教学及辅助用房面积=students * 5, 体育运动场馆面积=students * 8, 教学仪器设备值=students * 0.25,
                网络多媒体教室数=rooms, 音乐专用教室数=1, 音乐专用教室面积=100, 美术专用教室数=1, 美术专用教室面积=95,
                专任教师数=math.ceil(students * 0.08), 持证专任教师数=math.ceil(students * 0.08))
    base.update(kw)
    return school(**base)


def test_weighted_cv_by_hand():
    # Three schools, values X = 2, 3, 5 with enrolments P = 100, 200, 100 (P = 400):
    #   X̄ = (2·100 + 3·200 + 5·100) / 400 = 1300 / 400 = 3.25
    #   Σ P(X − X̄)² = 100·(−1.25)² + 200·(−0.25)² + 100·(1.75)² = 156.25 + 12.5 + 306.25 = 475
    #   S = √(475 / 400) = √1.1875 = 1.089725…;  CV = 1.089725 / 3.25 = 0.335300…
    cv, mean = weighted_cv([(2.0, 100), (3.0, 200), (5.0, 100)])
    assert mean == pytest.approx(3.25)
    assert cv == pytest.approx(math.sqrt(1.1875) / 3.25)
    assert round(cv, 3) == 0.335


def test_cv_from_school_table(tmp_path):
    # The same figures through the whole pipeline: C7 = rooms per 100 students → 2.0, 3.0, 5.0.
    rows = [_school("1", "甲", 100, 2), _school("2", "乙", 200, 6), _school("3", "丙", 100, 5)]
    ctx = load(make_project(tmp_path, rows))
    c = ctx.evaluation.cv["小学"]["C7"]
    assert c.cv == pytest.approx(0.3353, abs=1e-4)
    assert c.mean == pytest.approx(3.25)
    assert c.met is True and c.limit == 0.50
    assert ctx.evaluation.to_json()["cv"]["小学"]["C7"] == 0.335


def test_cv_over_limit_names_the_schools_that_pull_it_up(tmp_path):
    # X = 1, 3, 3, 3 with equal enrolment: X̄ = 2.5, S = √((2.25 + 3·0.25)/4) = √0.75, CV = 0.3464;
    # make it larger: X = 0.5, 3, 3, 3: X̄ = 2.375, S = √((3.515625 + 3·0.390625)/4) = 1.0825, CV = 0.4558
    # and X = 0.25, 3, 3, 3.5: X̄ = 2.4375 → CV ≈ 0.529 > 0.50.
    rows = [_school("1", "甲", 400, 1), _school("2", "乙", 400, 12), _school("3", "丙", 400, 12),
            _school("4", "丁", 400, 14)]
    ctx = load(make_project(tmp_path, rows))
    c = ctx.evaluation.cv["小学"]["C7"]
    x = [0.25, 3, 3, 3.5]
    mean = sum(x) / 4
    expected = math.sqrt(sum((v - mean) ** 2 for v in x) / 4) / mean
    assert c.cv == pytest.approx(expected)
    assert c.met is False
    assert c.drivers[0]["school"] == "甲"
    # raising 甲 to the mean lowers the CV below the limit
    assert c.drivers[0]["cv_if_mean"] < 0.5
    gap = next(g for g in ctx.evaluation.gaps if g.code == "C7" and g.school_code is None)
    assert "甲" in gap.text and gap.current == round(expected, 3)
    assert ctx.evaluation.indicator("C7").status == "未达标"


def _rule_project(tmp_path, c6_ratio, c7_rooms=5):
    # One school of 200 students: C6 = 教学仪器设备值 × 10000 / 200 against 2000 元 → ratio = value / 2000.
    value_wan = 2000 * c6_ratio * 200 / 10000
    rows = [_school("1", "甲", 200, c7_rooms, 教学仪器设备值=value_wan)]
    return load(make_project(tmp_path, rows)).evaluation


def test_rule_passes_with_one_miss_at_exactly_85_percent(tmp_path):
    ev = _rule_project(tmp_path, 0.85)
    r = ev.schools[0]
    assert r.indicators["C6"].met is False
    assert r.indicators["C6"].ratio == pytest.approx(0.85)
    assert r.met_count == 6 and r.passed is True
    assert ev.indicator("C6").status == "基本达标"


def test_rule_fails_just_below_85_percent(tmp_path):
    ev = _rule_project(tmp_path, 0.849)
    r = ev.schools[0]
    assert r.met_count == 6 and r.passed is False
    assert "C6" in r.reason and "85%" in r.reason


def test_rule_fails_with_two_misses(tmp_path):
    # C7: 4 rooms for 200 students = 2.0 < 2.3 (ratio 0.87); C6 at 0.95: two misses, both above 85 %.
    ev = _rule_project(tmp_path, 0.95, c7_rooms=4)
    r = ev.schools[0]
    assert r.met_count == 5 and r.passed is False


def test_rule_all_met(tmp_path):
    ev = _rule_project(tmp_path, 1.0)
    assert ev.schools[0].met_count == 7 and ev.schools[0].passed is True


def test_split_of_a_nine_year_school_matches_the_worked_example(tmp_path):
    # school-table.md: 166 primary and 210 junior students share 23,226 books:
    #   primary books per student = 23226 ÷ (166 + 1.1 × 210) = 23226 ÷ 397 = 58.5
    #   primary part = 58.5 × 166 ≈ 9,711; junior part ≈ 13,515.
    row = school(学校代码="9", 学校名称="九年制", 学校类型="九年一贯制学校", 小学在校生数=166, 初中在校生数=210,
                 小学班级数=6, 初中班级数=6, 小学最大班额=30, 初中最大班额=40, 初中高于规定学历教师数=15,
                 初中县级及以上骨干教师数=3, 初中体育艺术专任教师数=3, 小学高于规定学历教师数=10,
                 小学县级及以上骨干教师数=2, 小学体育艺术专任教师数=2, 图书册数=23226, 专任教师数=40,
                 持证专任教师数=40)
    ctx = load(make_project(tmp_path, [row], framework="jiben-2012"))
    s = ctx.facts.schools[0]
    assert stage_share(s, "小学", ctx.framework.split_weights) * 23226 == pytest.approx(9711, abs=1)
    assert stage_share(s, "初中", ctx.framework.split_weights) * 23226 == pytest.approx(13515, abs=1)
    by_stage = {r.stage: r for r in ctx.evaluation.schools}
    assert set(by_stage) == {"小学", "初中"}                      # counted in both 学段
    assert by_stage["小学"].indicators["C5"].value == pytest.approx(23226 / 397, rel=1e-9)   # 58.5 books
    # junior books per student: 13,515 / 210 = 64.4 (1.1 × 58.5)
    assert by_stage["初中"].indicators["C5"].value == pytest.approx(1.1 * 23226 / 397, rel=1e-9)
    # teachers are per 学段 and not split: junior 本科及以上 teachers 15 per 210 students
    assert by_stage["初中"].indicators["C7"].value == pytest.approx(100 * 15 / 210)


def test_complete_middle_school_shares_with_senior_students(tmp_path):
    # 完全中学: junior share = 1.1B ÷ (1.1B + 1.32C) = B ÷ (B + 1.2C)
    row = school(学校代码="7", 学校名称="完中", 学校类型="完全中学", 小学在校生数=None, 小学班级数=None,
                 小学最大班额=None, 小学高于规定学历教师数=None, 小学县级及以上骨干教师数=None, 小学体育艺术专任教师数=None,
                 初中在校生数=600, 初中班级数=12, 初中最大班额=50, 高中在校生数=500, 初中高于规定学历教师数=40,
                 初中县级及以上骨干教师数=7, 初中体育艺术专任教师数=6, 专任教师数=110, 持证专任教师数=110)
    ctx = load(make_project(tmp_path, [row]))
    s = ctx.facts.schools[0]
    assert stage_share(s, "初中", ctx.framework.split_weights) == pytest.approx(600 / (600 + 1.2 * 500))
    assert [r.stage for r in ctx.evaluation.schools] == ["初中"]


def test_gap_rounding_for_planners(tmp_path):
    # 300 students, 5 rooms: C7 needs 2.3 × 3 = 6.9 → 7 rooms, so "需增加网络多媒体教室2间";
    # C6 at 40 万元 needs 2000 × 300 / 10000 = 60 万元 → "缺口20.0万元".
    rows = [_school("1", "甲", 300, 5, 教学仪器设备值=40)]
    ev = load(make_project(tmp_path, rows)).evaluation
    texts = {g.code: g for g in ev.gaps}
    assert texts["C7"].text == "需增加网络多媒体教室2间" and texts["C7"].shortfall == 2
    assert texts["C6"].text == "教学仪器设备值缺口20.0万元" and texts["C6"].unit == "万元"
    # 4.5 m² per student: 300 × 4.5 = 1350; with 1300.02 m² the gap 49.98 rounds UP to 50.0
    rows = [_school("1", "甲", 300, 7, 教学及辅助用房面积=1300.02)]
    ev = load(make_project(tmp_path / "b", rows)).evaluation
    g = next(g for g in ev.gaps if g.code == "C4")
    assert g.shortfall == 50.0 and g.text == "教学及辅助用房面积缺口50.0平方米"


def test_whole_school_gap_for_a_shared_resource(tmp_path):
    row = school(学校代码="9", 学校名称="九年制", 学校类型="九年一贯制学校", 小学在校生数=400, 初中在校生数=400,
                 小学班级数=10, 初中班级数=10, 小学最大班额=40, 初中最大班额=40, 初中高于规定学历教师数=30,
                 初中县级及以上骨干教师数=5, 初中体育艺术专任教师数=4, 小学高于规定学历教师数=20,
                 小学县级及以上骨干教师数=5, 小学体育艺术专任教师数=4, 网络多媒体教室数=10, 专任教师数=90,
                 持证专任教师数=90, 教学仪器设备值=300)
    ev = load(make_project(tmp_path, [row])).evaluation
    # junior share = 440 / 840; junior rooms = 10 × 440/840 = 5.238; needs 2.4 × 4 = 9.6 → gap 4.362 → 5 rooms
    # for the part; the whole school adds 4.362 ÷ (440/840) = 8.33 → 9 rooms.
    g = next(g for g in ev.gaps if g.code == "C7" and g.stage == "初中")
    assert g.shortfall == 5 and g.whole_school == 9
    assert "全校需增加9间" in g.text


def test_school_wide_indicators(tmp_path):
    rows = [_school("1", "甲", 2100, 60, 小学班级数=47, 小学最大班额=52, 音乐专用教室数=3, 音乐专用教室面积=240,
                    专任教师数=170, 持证专任教师数=167)]
    ev = load(make_project(tmp_path, rows)).evaluation
    gaps = {(g.code, g.text) for g in ev.gaps}
    # 47 classes → ⌈47/12⌉ = 4 rooms each; music has 3 rooms → 1 more; art has 1 → 3 more
    assert ("C10", "需增加音乐专用教室1间") in gaps
    assert ("C10", "需增加美术专用教室3间") in gaps
    assert ("C11", "在校生超出规模上限100人") in gaps
    assert ("C12", "最大班额超出7人") in gaps
    assert ("C19", "3名专任教师未取得教师资格证") in gaps


def test_county_facts_self_assessed_survey_and_vetoes(tmp_path):
    facts = {
        "C14": {"特殊教育学校生均公用经费": "5800元", "说明": "2025年预算"},
        "C15": {"教师年平均工资收入": 110000, "公务员年平均工资收入": 108000, "绩效工资总量足额核定": "是"},
        "C18": {"交流轮岗教师占符合条件教师比例": "12%", "交流轮岗教师中骨干教师比例": 18.5},
        "C8": {"状态": "基本达标", "依据": "布局规划已批复，个别教学点待撤并"},
        "C32": {"学生": {"满意": 80, "基本满意": 5, "不满意": 15}, "家长": {"满意": 70, "基本满意": 20, "不满意": 10}},
        "否决项": {"以考试方式招生": "否", "弄虚作假": "否"},
    }
    ev = load(make_project(tmp_path, [_school("1", "甲", 400, 10)], facts=facts)).evaluation
    assert ev.indicator("C14").status == "未达标"
    assert ev.indicator("C15").status == "达标"
    assert ev.indicator("C18").status == "未达标"
    assert ev.indicator("C8").status == "基本达标"
    assert ev.indicator("C9").status == "未填报"
    # pooled: (85 + 90) / 200 = 87.5 %
    assert ev.indicator("C32").value == "87.5%" and ev.indicator("C32").status == "达标"
    texts = [g.text for g in ev.gaps]
    assert "特殊教育学校生均公用经费5,800元，未达到≥6,000元的要求，差200元" in texts
    assert any("交流轮岗教师中骨干教师比例18.5%" in t and "需提高1.5个百分点" in t for t in texts)
    vetoes = {v["title"]: v for v in ev.vetoes}
    assert vetoes["以考试方式招生"]["met"] is True and vetoes["违规择校"]["met"] is None


def test_provincial_three_level_framework(tmp_path):
    rows = [_school("1", "甲", 400, 10, 图书册数=8000, 教学仪器设备值=50),
            _school("2", "乙", 200, 5, 图书册数=6000, 教学仪器设备值=40)]
    folder = make_project(tmp_path, rows, framework="省级框架.yaml",
                          facts={"C3": {"小学生均公用经费": 850}, "C4": {"群众": {"满意": 95, "不满意": 5}}})
    shutil.copy(FIXTURES / "province-abc.yaml", folder / "省级框架.yaml")
    ctx = load(folder)
    fw = ctx.framework
    assert [a.code for a in fw.areas] == ["A1", "A2"]
    assert [n.code for n in fw.areas[0].children] == ["B1", "B2"]
    assert [n.code for n in fw.leaves()] == ["C1", "C2", "C3", "C4"]
    assert fw.leaf("C1").path()[1].code == "B1"
    ev = ctx.evaluation
    by = {r.name: r for r in ev.schools}
    assert by["甲"].indicators["C1"].value == pytest.approx(20.0)     # 8000 / 400 < 25
    assert by["甲"].passed is False                                   # rule: both must be met
    assert by["乙"].indicators["C1"].value == pytest.approx(30.0)
    assert ev.cv_limit == {"小学": 0.40, "初中": 0.40}
    assert ev.indicator("C3").status == "达标"
    assert next(g for g in ev.gaps if g.code == "C1").text == "需增加图书2,000册"


def test_json_shape(tmp_path):
    import json
    from click.testing import CliRunner
    from dossier.cli import main
    folder = make_project(tmp_path, [_school("1", "甲", 300, 5, 教学仪器设备值=40)])
    result = CliRunner().invoke(main, ["check", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) >= {"framework", "unit", "schools", "cv", "cv_limit", "indicators", "gaps", "vetoes"}
    s = doc["schools"][0]
    assert set(s) == {"code", "name", "stage", "indicators", "met_count", "passed"}
    assert set(s["indicators"]["C1"]) == {"value", "threshold", "ratio", "met"}
    assert doc["cv_limit"] == {"小学": 0.5, "初中": 0.45}
    assert set(doc["indicators"][0]) == {"code", "title", "status", "value", "threshold", "basis"}
    assert set(doc["gaps"][0]) == {"code", "school", "stage", "current", "required", "shortfall", "unit", "text",
                                   "status", "measure", "deadline", "risk", "closed"}
    assert doc["gaps"][0]["status"] == "未整改" and "cv_plans" in doc
    assert len(doc["indicators"]) == 32
    strict = CliRunner().invoke(main, ["check", str(folder), "--strict"])
    assert strict.exit_code == 1


def test_basic_balance_2012_framework_on_the_example_table(tmp_path):
    # jiben-2012: eight 差异系数 per 学段 against 0.65 / 0.55; no per-school thresholds.
    folder = tmp_path / "县"
    shutil.copytree(Path(__file__).resolve().parent.parent / "content" / "示例县", folder,
                    ignore=shutil.ignore_patterns("evidence", "指标数据.yaml", "整改进展.yaml"))  # 2017's gaps
    cfg = (folder / "dossier.yaml").read_text(encoding="utf-8").replace("框架: youzhi-2017", "框架: jiben-2012")
    (folder / "dossier.yaml").write_text(cfg, encoding="utf-8")
    ev = load(folder).evaluation
    assert ev.cv_limit == {"小学": 0.65, "初中": 0.55}
    assert sorted(ev.cv["小学"]) == [f"C{i}" for i in range(1, 9)]
    assert all(c.met for per in ev.cv.values() for c in per.values())
    assert all(r.passed is None for r in ev.schools)          # no school rule in 2012
    assert ev.indicator("C10").threshold == "政府推进工作评估得分≥85分" and ev.indicator("C10").status == "未填报"
    # 生均图书册数 uses the weighted split of a shared column, like 2017's resources
    nine = next(r for r in ev.schools if r.type == "九年一贯制学校" and r.stage == "初中")
    primary = next(r for r in ev.schools if r.code == nine.code and r.stage == "小学")
    assert nine.indicators["C5"].value == pytest.approx(1.1 * primary.indicators["C5"].value)

"""Bad input: every kind gives a clear message naming file and row/column or line; all errors at once; exit 2;
nothing the user gave is modified."""
import hashlib

import pytest
from click.testing import CliRunner

from dossier.cli import main
from dossier.compute.context import load
from dossier.core.errors import DossierError
from dossier.load.table import HEADERS
from kit import make_project, school, write_table


def problems(folder) -> list[str]:
    with pytest.raises(DossierError) as info:
        load(folder)
    return [str(p) for p in info.value.problems]


def one(folder, *needles) -> str:
    msgs = problems(folder)
    hits = [m for m in msgs if all(n in m for n in needles)]
    assert hits, f"no message with {needles} in {msgs}"
    return hits[0]


def test_missing_required_column(tmp_path):
    folder = make_project(tmp_path, [school()])
    headers = [h for h in HEADERS if h != "教学仪器设备值"]
    write_table(folder / "学校基础数据.csv", [school()], headers)
    msg = one(folder, "缺少必填列“教学仪器设备值”")
    assert msg.startswith("测试县/学校基础数据.csv，第1行")


def test_duplicate_school_code(tmp_path):
    folder = make_project(tmp_path, [school(), school(学校名称="另一所")])
    assert one(folder, "重复") == ("测试县/学校基础数据.csv，第3行，“学校代码”列：学校代码“1001”重复（第2行已出现）"
                                   "（每所学校一行，学校代码须唯一）")


def test_text_in_a_number_cell(tmp_path):
    folder = make_project(tmp_path, [school(体育运动场馆面积="很大")])
    assert "第2行，“体育运动场馆面积”列：应为数字，现为“很大”" in one(folder, "很大")


def test_negative_figure(tmp_path):
    folder = make_project(tmp_path, [school(网络多媒体教室数=-3)])
    assert "“网络多媒体教室数”列：不能为负数" in one(folder, "负数")


def test_more_key_teachers_than_teachers(tmp_path):
    folder = make_project(tmp_path, [school(小学县级及以上骨干教师数=70, 专任教师数=60)])
    assert "县级及以上骨干教师数（70）多于专任教师数（60）" in one(folder, "骨干")


def test_zero_students_in_a_stage_the_school_has(tmp_path):
    folder = make_project(tmp_path, [school(小学在校生数=0)])
    assert "小学有小学学段，在校生数不能为 0" in one(folder, "在校生数不能为 0")


def test_students_in_a_stage_the_school_does_not_have(tmp_path):
    folder = make_project(tmp_path, [school(初中在校生数=120)])
    one(folder, "没有初中学段")


def test_unknown_school_type(tmp_path):
    folder = make_project(tmp_path, [school(学校类型="职业中学")])
    assert "未知的学校类型“职业中学”" in one(folder, "学校类型")


def test_unit_that_contradicts_the_column(tmp_path):
    folder = make_project(tmp_path, [school(教学仪器设备值="350000元", 教学及辅助用房面积="5000平方米")])
    msgs = problems(folder)
    assert any("“教学仪器设备值”列：单位“元”与本列不符（本列单位为万元）" in m for m in msgs)
    assert not any("教学及辅助用房面积" in m for m in msgs)     # the matching unit is read


def test_matching_unit_is_read(tmp_path):
    folder = make_project(tmp_path, [school(教学仪器设备值="250万元", 教学及辅助用房面积="5,000平方米")])
    s = load(folder).facts.schools[0]
    assert s.get("教学仪器设备值") == 250 and s.get("教学及辅助用房面积") == 5000


def test_unknown_framework(tmp_path):
    folder = make_project(tmp_path, [school()], framework="youzhi-2099")
    msg = one(folder, "未知的指标框架")
    assert msg.startswith("测试县/dossier.yaml，第") and "youzhi-2017" in msg


def test_unknown_indicator_code_and_field(tmp_path):
    folder = make_project(tmp_path, [school()], facts={"C99": {"x": 1}, "C14": {"生均经费": 6000}})
    msgs = problems(folder)
    assert any(m.startswith("测试县/指标数据.yaml，第1行：未知的指标编码“C99”") for m in msgs)
    assert any("C14 没有字段“生均经费”" in m and "特殊教育学校生均公用经费" in m for m in msgs)


def test_bad_fact_values(tmp_path):
    folder = make_project(tmp_path, [school()], facts={
        "C16": {"教师5年360学时培训完成率": 130},
        "C14": {"特殊教育学校生均公用经费": -5},
        "C13": {"不足100人学校按100人核定公用经费": "也许"},
        "C8": {"状态": "优秀"}})
    msgs = problems(folder)
    assert any("不能超过100" in m for m in msgs)
    assert any("不能为负数" in m for m in msgs)
    assert any("应填 是 或 否" in m for m in msgs)
    assert any("状态应为 达标、基本达标 或 未达标" in m for m in msgs)


def test_malformed_yaml_names_the_line(tmp_path):
    folder = make_project(tmp_path, [school()])
    (folder / "指标数据.yaml").write_text("C14:\n  特殊教育学校生均公用经费: 6000\n  说明: [未闭合\n", encoding="utf-8")
    msg = one(folder, "YAML 格式错误")
    assert msg.startswith("测试县/指标数据.yaml，第")


def test_tab_in_yaml(tmp_path):
    folder = make_project(tmp_path, [school()])
    (folder / "dossier.yaml").write_text("单位:\n\t全称: 测试县\n", encoding="utf-8")
    assert "Tab" in one(folder, "YAML")


def test_xlsx_that_is_not_one(tmp_path):
    folder = make_project(tmp_path, [school()])
    (folder / "学校基础数据.csv").unlink()
    (folder / "学校基础数据.xlsx").write_text("学校代码,学校名称\n1,甲\n", encoding="utf-8")
    assert one(folder, "不是有效的 Excel") .startswith("测试县/学校基础数据.xlsx")


def test_xlsx_cells_are_located(tmp_path):
    folder = make_project(tmp_path, [school(), school(学校代码="1002", 学校类型="幼儿园")], table="学校基础数据.xlsx")
    (folder / "学校基础数据.csv").unlink(missing_ok=True)
    assert "学校基础数据.xlsx，第3行，“学校类型”列" in one(folder, "幼儿园")


def test_all_errors_of_a_run_are_listed_at_once(tmp_path):
    folder = make_project(tmp_path, [school(体育运动场馆面积="很大"), school(学校代码="2", 学校类型="幼儿园")],
                          facts={"C99": {}})
    msgs = problems(folder)
    assert len(msgs) >= 3
    assert {m.split("：")[0].split("，")[0] for m in msgs} == {"测试县/学校基础数据.csv", "测试县/指标数据.yaml"}


def test_cli_exit_status_2_and_no_traceback(tmp_path):
    folder = make_project(tmp_path, [school(学校类型="幼儿园")])
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "未知的学校类型“幼儿园”" in result.output


def test_missing_folder_and_missing_config(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["check", str(tmp_path / "没有")])
    assert r.exit_code == 2 and "项目文件夹不存在" in r.output
    r = runner.invoke(main, ["check", str(tmp_path)])
    assert r.exit_code == 2 and "没有 dossier.yaml" in r.output


def test_framework_file_outside_the_project(tmp_path):
    folder = make_project(tmp_path, [school()], framework="../外部框架.yaml")
    (tmp_path / "外部框架.yaml").write_text("id: x\n", encoding="utf-8")
    assert "不在项目文件夹内" in one(folder, "框架")


def test_table_symlinked_from_outside_is_refused(tmp_path):
    outside = write_table(tmp_path / "外部.csv", [school()])
    folder = make_project(tmp_path, [school()])
    (folder / "学校基础数据.csv").unlink()
    (folder / "学校基础数据.csv").symlink_to(outside)
    assert "项目文件夹之外" in one(folder, "之外")


def test_broken_framework_file(tmp_path):
    folder = make_project(tmp_path, [school()], framework="坏框架.yaml")
    (folder / "坏框架.yaml").write_text(
        "id: bad\ntitle: 坏\nareas:\n  - code: A1\n    title: 甲\n    children:\n"
        "      - code: C1\n        title: 乙\n        evaluate: {type: magic}\n", encoding="utf-8")
    msg = one(folder, "评估方式“magic”未知")
    assert msg.startswith("测试县/坏框架.yaml，第9行")


def test_sources_are_never_modified(tmp_path):
    folder = make_project(tmp_path, [school(), school(学校代码="2", 学校类型="幼儿园")], facts={"C99": {}})

    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    before = digest()
    CliRunner().invoke(main, ["check", str(folder)])
    CliRunner().invoke(main, ["check", str(folder), "--json"])
    assert digest() == before


def test_errors_keep_their_details_across_processes():
    import pickle
    from dossier.core.errors import Problem
    err = DossierError([Problem("页数不符", file="示例县/evidence/C6/a.pdf", row=3, column="页号", hint="重新扫描")])
    back = pickle.loads(pickle.dumps(err))
    assert back.problems == err.problems and str(back) == str(err)


def test_blank_required_whole_school_cell_is_an_error_not_a_silent_skip(tmp_path):
    # an empty 教学仪器设备值 would drop the school from the 差异系数: it must be reported instead
    folder = make_project(tmp_path, [school(), school(学校代码="1002", 教学仪器设备值=None)])
    msg = one(folder, "此项必填")
    assert msg.startswith("测试县/学校基础数据.csv，第3行，“教学仪器设备值”列")


def test_one_message_per_bad_cell(tmp_path):
    folder = make_project(tmp_path, [school(小学在校生数="约1500")])
    msgs = problems(folder)
    assert len([m for m in msgs if "小学在校生数" in m]) == 1


def test_impossible_and_unreadable_dates(tmp_path):
    folder = make_project(tmp_path, [school()], config={"日期": {"方案印发": "2025-02-30"}})
    text = (folder / "dossier.yaml").read_text(encoding="utf-8").replace("'2025-02-30'", "2025-02-30")
    (folder / "dossier.yaml").write_text(text, encoding="utf-8")
    assert "“2025-02-30”不是有效的日期" in one(folder, "日期")
    folder = make_project(tmp_path / "b", [school()], config={"档案": {"立卷时间": "明年三月"}})
    assert one(folder, "明年三月").startswith("测试县/dossier.yaml，第")


def test_both_table_formats_present_is_refused(tmp_path):
    folder = make_project(tmp_path, [school()])
    write_table(folder / "学校基础数据.xlsx", [school()])
    assert "同时有 学校基础数据.xlsx 和 学校基础数据.csv" in one(folder, "同时有")


def test_table_on_a_later_sheet_is_found(tmp_path):
    from openpyxl import Workbook
    folder = make_project(tmp_path, [school()])
    (folder / "学校基础数据.csv").unlink()
    wb = Workbook()
    wb.active.title = "填表说明"
    wb.active.append(["请在下一张表中填写"])
    ws = wb.create_sheet("数据")
    ws.append(HEADERS)
    ws.append([school().get(h) for h in HEADERS])
    ws.append([school(学校代码="1002", 学校类型="幼儿园").get(h) for h in HEADERS])
    wb.save(folder / "学校基础数据.xlsx")
    assert "学校基础数据.xlsx（工作表“数据”），第3行，“学校类型”列" in one(folder, "幼儿园")

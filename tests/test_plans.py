"""Plans that are true: the 差异系数 plan, measures with durations, dates that agree, the rectification cycle."""
from __future__ import annotations

import datetime as dt
import math
import re

import pytest

from dossier.compute.context import load
from kit import ROOT

COUNTY = ROOT / "content" / "示例县"


@pytest.fixture(scope="module")
def county():
    return load(COUNTY)


def test_c6_plan_by_hand(county):
    """The example county's primary C6 (生均教学仪器设备值, limit 0.50): the least common floor F, worked out here
    in closed form. With the set S of schools below F raised to F and the others (A) unchanged, the weighted mean
    and variance are
        m(F) = (ΣA P·x + F·ΣS P) / ΣP,   v(F) = (ΣA P·x² + F²·ΣS P) / ΣP − m(F)²,
    and the 差异系数 equals the limit L where v(F) = L²·m(F)²: a quadratic in F, solved below."""
    rows = [(r.indicators["C6"].value, r.students, r) for r in county.evaluation.schools
            if r.stage == "小学" and r.indicators["C6"].value is not None and r.students > 0]
    limit = 0.50
    values = sorted(x for x, _, _ in rows)
    floor = None
    for k in range(1, len(values)):                    # try S = the k lowest schools
        low, high = values[k - 1], values[k]
        S = [(x, p) for x, p, _ in rows if x <= low]
        A = [(x, p) for x, p, _ in rows if x > low]
        P, PS = sum(p for _, p in S + A), sum(p for _, p in S)
        s1, s2 = sum(p * x for x, p in A), sum(p * x * x for x, p in A)
        # v − L²m² = 0  ⇔  (s2 + F²PS)/P − (1 + L²)·((s1 + F·PS)/P)² = 0
        a = PS / P - (1 + limit ** 2) * PS ** 2 / P ** 2
        b = -2 * (1 + limit ** 2) * s1 * PS / P ** 2
        c = s2 / P - (1 + limit ** 2) * s1 ** 2 / P ** 2
        roots = [(-b + sgn * math.sqrt(b * b - 4 * a * c)) / (2 * a) for sgn in (1, -1) if b * b >= 4 * a * c]
        inside = [f for f in roots if low <= f <= high]
        if inside:
            floor = min(inside)
            break
    assert floor is not None and 2015 < floor < 2016            # ≈ 2,016 元 per student
    floor = max(floor, 2000)                                     # the threshold is lower: the 差异系数 decides
    below = [(x, p, r) for x, p, r in rows if x < floor]
    assert len(below) == 4
    # each school's addition in 万元: (F − x) × students ÷ 10,000, rounded up to 0.1万元
    adds = {r.name: math.ceil((floor - x) * p / 10000 * 10 - 1e-9) / 10 for x, p, r in below}
    assert round(sum((floor - x) * p / 10000 for x, p, _ in below), 1) == 49.7     # before rounding
    (plan,) = county.evaluation.cv_plans
    assert (plan.stage, plan.code, plan.unit) == ("小学", "C6", "万元")
    assert abs(plan.floor - floor) < 0.01
    assert {s.name: s.add for s in plan.schools} == adds
    assert plan.total == round(sum(adds.values()), 1) == 49.9
    assert plan.cv_before > 0.5 >= plan.cv_after
    # the 差异系数 after the rounded additions, recomputed here
    after = []
    for x, p, r in rows:
        add = adds.get(r.name, 0.0)
        after.append((x + add * 10000 / p, p))
    mean = sum(x * p for x, p in after) / sum(p for _, p in after)
    sd = math.sqrt(sum(p * (x - mean) ** 2 for x, p in after) / sum(p for _, p in after))
    assert abs(sd / mean - plan.cv_after) < 1e-9 and sd / mean <= 0.5


def test_cv_plans_in_check_json(county):
    doc = county.evaluation.to_json()
    (plan,) = doc["cv_plans"]
    assert set(plan) == {"stage", "code", "floor", "unit", "total", "cv_before", "cv_after", "schools"}
    assert plan["floor"] == pytest.approx(2015.65, abs=0.01) and plan["total"] == 49.9
    assert [s["name"] for s in plan["schools"]] == ["示例县第二小学", "青石镇石门小学", "柳河镇河湾小学", "马鞍乡中心小学"]


# ---------------------------------------------------------------------------------------------------- dates

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
PROMISE_BEFORE = re.compile(r"(计划于|预计于|拟于|将于)$")


def date_problems(text: str, own: dt.date) -> list[str]:
    """Every full date in `text` against the draft's own date: a deadline ("…日前", "计划于…") must not be
    before it, anything else (an event the draft reports) must not be after it."""
    out = []
    for m in DATE.finditer(text):
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        promise = text[m.end():m.end() + 1] == "前" or PROMISE_BEFORE.search(text[max(0, m.start() - 3):m.start()])
        if promise and d < own:
            out.append(f"promises {m.group(0)}前 before its own date: …{text[max(0, m.start() - 30):m.end() + 5]}…")
        if not promise and d > own:
            out.append(f"reports {m.group(0)} after its own date: …{text[max(0, m.start() - 30):m.end() + 5]}…")
    return out


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    from dossier import api
    out = {}
    for name in ("示例县", "示例学校"):
        folder = tmp_path_factory.mktemp(name)
        ctx = load(ROOT / "content" / name)
        out[name] = (ctx, api.draft(ROOT / "content" / name, None, folder, ("md",), context=ctx).written)
    return out


@pytest.mark.parametrize("name", ["示例县", "示例学校"])
def test_no_draft_reports_the_future_or_promises_the_past(drafted, name):
    from dossier.drafts import kinds
    ctx, paths = drafted[name]
    assert len(paths) == len(kinds.for_level(ctx.project.level))
    problems = []
    for path in paths:
        kind = next(k for k in kinds.for_level(ctx.project.level)
                    if path.stem == kinds.file_stem(ctx, k))
        own = kind.date(ctx.project) or ctx.project.build_time().date()
        problems += [f"{path.name}: {p}" for p in date_problems(path.read_text("utf-8"), own)]
    assert not problems, "\n".join(problems)


def test_the_date_rule_itself():
    own = dt.date(2025, 9, 20)
    assert date_problems("2025年9月30日前完成；2025年8月25日完成", own) == []
    assert len(date_problems("2025年8月31日前完成", own)) == 1            # a deadline already past
    assert len(date_problems("于2025年10月28日召开", own)) == 1            # an event that has not happened
    assert date_problems("计划于2025年10月28日迎接评估", own) == []


def test_deadlines_differ_by_measure_kind(county):
    from dossier.drafts.context import build_context, kind_context
    from dossier.drafts import kinds
    context = kind_context(build_context(county), county, kinds.get("工作计划"))
    generated = {r["code"]: r["when"] for r in context["plan"] if r.get("code")}
    assert generated["C6"] == "2025年9月30日前"              # 购置设备: four months from June
    assert generated["C2"] == "2025年8月31日前"              # 补充教师: three months
    assert generated["C26"] == "2025年7月31日前"             # 经费与制度: two months
    assert generated["C5"] == "2026年5月31日前"              # building work: a year, after the inspection
    notes = {r["code"]: r["note"] for r in context["plan"] if r.get("code")}
    assert notes["C5"].startswith("预计评估前不能完成，需") and notes["C6"] == ""


def test_drafts_after_the_rectification_report_it(drafted):
    ctx, paths = drafted["示例县"]
    text = {p.stem.removeprefix("示例县义务教育优质均衡发展"): p.read_text("utf-8") for p in paths}
    assert "已为" not in text["实施方案"] and "初步测算" in text["实施方案"]            # before the self-check
    assert "新增采购理化生实验仪器和音体美器材13.6万元" in text["汇报材料"]
    assert "为4所小学新增教学仪器设备49.9万元" in text["整改报告"]
    assert "经测算" in text["工作计划"] and "49.9万元" in text["工作计划"]
    ledger = text["销号台账"]
    assert ledger.count("已销号") >= 1 and "2025年9月12日" in ledger
    assert "已整改销号" in text["自评报告"]


# ---- bad input: 整改进展.yaml and 整改措施 --------------------------------------------------------------------------
@pytest.fixture
def copy(tmp_path):
    import shutil
    dest = tmp_path / "示例县"
    shutil.copytree(COUNTY, dest, ignore=shutil.ignore_patterns("evidence"))
    return dest


def _progress(folder, *entries: str) -> None:
    (folder / "整改进展.yaml").write_text("整改进展:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")


def _messages(folder) -> list[str]:
    from dossier.core.errors import DossierError
    with pytest.raises(DossierError) as info:
        load(folder)
    return [str(p) for p in info.value.problems]


def test_progress_for_a_gap_that_does_not_exist_names_the_nearest(copy):
    _progress(copy, "{指标: C6, 学校: 示例县第二小学校, 措施: 采购, 完成日期: 2025-09-12}",
              "{指标: C9, 学校: 示例县第一小学, 措施: 采购, 完成日期: 2025-09-12}")
    msgs = _messages(copy)
    assert msgs[0] == ("示例县/整改进展.yaml，第2行：整改进展中的“C6 示例县第二小学校”不是问题清单中的问题"
                       "（最接近的是“C6 示例县第二小学（小学）”；请对照 dossier check 的问题清单填写 指标、学校、学段）")
    assert "“C9 示例县第一小学”不是问题清单中的问题" in msgs[1] and "第3行" in msgs[1]


def test_progress_completed_before_the_self_check_or_after_every_draft(copy):
    _progress(copy, "{指标: C26, 措施: 追加预算, 完成日期: 2025-02-01}",
              "{指标: C18, 措施: 交流轮岗, 完成日期: 2026-01-05}")
    msgs = _messages(copy)
    assert "第2行：完成日期2025年2月1日早于自查发现问题的时间（2025年4月1日起）" in msgs[0]
    assert ("第3行：完成日期2026年1月5日晚于最晚的文稿日期（日期.汇报：2025年10月28日），该项不会写入任何文稿"
            in msgs[1]), msgs


def test_progress_fields_checked(copy):
    _progress(copy, "{指标: C18, 措施: 交流轮岗, 完成情况: 已完成}",
              "{指标: C19, 学校: 龙泉镇中心小学, 措施: 考证, 完成日期: 2025-07-15, 完成情况: 差不多}",
              "{指标: C26, 措施: 追加预算, 完成日期: 2025年7月}")
    msgs = _messages(copy)
    assert msgs[0] == "示例县/整改进展.yaml，第2行：整改进展第1项已完成，但没有写“完成日期”"
    assert msgs[1] == "示例县/整改进展.yaml，第3行：“整改进展第2项.完成情况”应为“已完成”、“整改中”之一，现为“差不多”"
    assert "第4行" in msgs[2] and "2025年7月" in msgs[2], msgs


def test_progress_measure_kind_not_in_the_framework(copy):
    _progress(copy, "{指标: C26, 措施: 追加预算, 措施类别: 财政拨款, 完成日期: 2025-07-20}")
    assert _messages(copy) == ["示例县/整改进展.yaml，第2行：措施类别“财政拨款”不是指标框架中的整改措施类别"
                               "（可用：购置设备、补充教师/交流轮岗、新建改扩建校舍/场地、调整学校规模与班额、经费与制度）"]


@pytest.mark.parametrize("value", ["0", "-2", "半年", "true"])
def test_measure_durations_must_be_positive_months(copy, value):
    config = copy / "dossier.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"整改措施:\n  购置设备: {{工期: {value}}}\n",
                      encoding="utf-8")
    msgs = _messages(copy)
    assert any("工期应为正整数个月" in m and "dossier.yaml" in m for m in msgs), msgs


def test_measure_override_of_an_unknown_kind(copy):
    config = copy / "dossier.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "整改措施:\n  采购设备: {工期: 3}\n", encoding="utf-8")
    msgs = _messages(copy)
    assert any("“整改措施”中的类别“采购设备”不是指标框架中的整改措施类别" in m and "（可用：购置设备" in m
               for m in msgs), msgs


def test_measure_override_moves_the_deadline(copy):
    config = copy / "dossier.yaml"
    config.write_text(config.read_text(encoding="utf-8") +
                      "整改措施:\n  购置设备: {工期: 2个月, 牵头单位: 县财政局}\n", encoding="utf-8")
    ctx = load(copy)
    m = ctx.rectification.measures["C6"]
    assert (m.due, m.lead) == (dt.date(2025, 7, 31), "县财政局")


def test_progress_errors_through_the_cli_exit_2(copy):
    from click.testing import CliRunner
    from dossier.cli import main
    _progress(copy, "{指标: C6, 学校: 不存在的学校, 完成日期: 2025-09-12}")
    result = CliRunner().invoke(main, ["check", str(copy)])
    assert result.exit_code == 2
    assert "不是问题清单中的问题" in result.output and "Traceback" not in result.output


def test_a_recheck_table_closes_the_gaps_it_no_longer_shows(copy):
    """整改复核: the school table filled in again after the equipment purchase and the new multimedia rooms; the
    C6 gaps (the four schools and the 小学 差异系数) and C7 close on the recheck's date, the rest stay open."""
    import openpyxl
    (copy / "整改进展.yaml").unlink()
    wb = openpyxl.load_workbook(copy / "学校基础数据.xlsx")
    ws = wb.active
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    adds = {"示例县第二小学": 13.6, "青石镇石门小学": 7.6, "柳河镇河湾小学": 14.7, "马鞍乡中心小学": 14.0}
    for row in ws.iter_rows(min_row=2):
        name = row[col["学校名称"]].value
        if name in adds:
            row[col["教学仪器设备值"]].value += adds[name]
        if name == "清溪乡中学":
            row[col["网络多媒体教室数"]].value += 2
    wb.save(copy / "学校基础数据_复核.xlsx")
    config = copy / "dossier.yaml"
    config.write_text(config.read_text(encoding="utf-8") +
                      "整改复核:\n  学校数据: 学校基础数据_复核.xlsx\n  日期: 2025-09-15\n", encoding="utf-8")
    ctx = load(copy)
    closed = {(s.gap.code, s.gap.school) for s in ctx.rectification.states if s.status() == "已销号"}
    assert closed == {("C6", n) for n in adds} | {("C6", "示例县人民政府"), ("C7", "清溪乡中学")}
    c7 = next(s for s in ctx.rectification.states if s.gap.code == "C7")
    entry = c7.entries[0]
    assert (entry.done, entry.evidence) == (dt.date(2025, 9, 15), ["示例县/学校基础数据_复核.xlsx"])
    assert entry.figures == "每百名学生拥有网络多媒体教室数为2.57间，达到要求"
    cv = next(s for s in ctx.rectification.states if s.gap.code == "C6" and s.gap.school_code is None)
    assert cv.entries[0].figures == "小学差异系数降至0.500，达到要求"
    assert all(s.status() == "未整改" for s in ctx.rectification.states if s.gap.code not in ("C6", "C7"))


def test_a_recheck_table_that_is_missing_or_wrong(copy):
    config = copy / "dossier.yaml"
    base = config.read_text(encoding="utf-8")
    config.write_text(base + "整改复核:\n  学校数据: 复核.xlsx\n  日期: 2025-09-15\n", encoding="utf-8")
    msgs = _messages(copy)
    assert any(m.startswith("示例县/dossier.yaml，第") and "整改复核的学校数据“复核.xlsx”不存在" in m for m in msgs), msgs
    (copy / "复核.csv").write_text("学校代码,学校名称\n1,甲\n", encoding="utf-8")
    config.write_text(base + "整改复核:\n  学校数据: 复核.csv\n  日期: 2025年9月\n", encoding="utf-8")
    msgs = _messages(copy)
    assert any("整改复核" in m and "日期" in m and "2025年9月" in m for m in msgs), msgs
    config.write_text(base + "整改复核:\n  学校数据: 复核.csv\n  日期: 2025-09-15\n", encoding="utf-8")
    msgs = _messages(copy)
    assert any(m.startswith("示例县/复核.csv，第1行") and "缺少必填列" in m for m in msgs), msgs


def test_a_school_cannot_draft_the_countys_request(tmp_path):
    from click.testing import CliRunner
    from dossier.cli import main
    result = CliRunner().invoke(main, ["draft", "请示", str(ROOT / "content" / "示例学校"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "申请评估的请示只用于县级项目，示例学校是学校项目" in result.output, result.output
    assert not list(tmp_path.iterdir())

"""The wording the drafts share: how the unit calls itself (我县, 全县), short names of indicators, the measures
that close each kind of gap, the implementation phases of a 实施方案, task headings, and titles broken over two
lines the way GB/T 9704 wants them. Prose a user may rewrite in the finished document; figures are filled in
from the evaluation.
"""
from __future__ import annotations

import datetime as dt
import re

from dossier.core.zh import month_range_cn, width
from dossier.drafts.kinds import framework_word
from dossier.drafts.dates import add_months


def unit_words(ctx) -> dict:
    p = ctx.project
    if p.level == "school":
        return {"we": "我校", "whole": "全校", "word": "校"}
    short = p.short_name or ""
    word = short[-1] if short and short[-1] in "县区市旗" else "县"
    return {"we": f"我{word}", "whole": f"全{word}", "word": word}


SHORT_TITLES = {
    "每百名学生拥有高于规定学历教师数": "高于规定学历教师",
    "每百名学生拥有县级及以上骨干教师数": "骨干教师",
    "每百名学生拥有体育、艺术（美术、音乐）专任教师数": "体育艺术教师",
    "生均教学及辅助用房面积": "教学辅助用房",
    "生均体育运动场馆面积": "体育场馆",
    "生均教学仪器设备值": "仪器设备值",
    "每百名学生拥有网络多媒体教室数": "多媒体教室",
    "音乐、美术专用教室配备": "音美专用教室",
    "学校规模": "学校规模",
    "班额": "最大班额",
    "专任教师持证上岗率": "持证上岗率",
}


def short_title(title: str) -> str:
    if title in SHORT_TITLES:
        return SHORT_TITLES[title]
    t = re.sub(r"^(每百名学生拥有|生均)", "", title)
    t = re.sub(r"[（(].*?[)）]", "", t)
    return t[:8]


def stage_word(stages: set[str]) -> str:
    if stages == {"小学"}:
        return "小学"
    if stages == {"初中"}:
        return "初中"
    return "中小学"


# The measures that close a gap, by words in the indicator's title (first match wins). {schools} and {total} are
# filled in; prose a user may rewrite in the draft.
MEASURES: list[tuple[tuple[str, ...], str]] = [
    (("高于规定学历",), "通过公开招聘补充、在职教师学历提升和县域内统筹调配等方式，为{schools}补足高于规定学历教师{total}。"),
    (("骨干教师",), "通过骨干教师评选认定、骨干教师交流轮岗和名师工作室结对培养等方式，为{schools}增加县级及以上骨干教师{total}。"),
    (("体育、艺术", "体育艺术"), "通过公开招聘、“县管校聘”统筹调配和音体美教师走教等方式，为{schools}配足体育、艺术专任教师{total}。"),
    (("教学及辅助用房",), "通过新建、改扩建和闲置校舍调整使用等方式，补足{schools}教学及辅助用房面积{total}。"),
    (("体育运动场馆",), "通过新建、改扩建运动场地和共享周边公共体育设施等方式，补足{schools}体育运动场馆面积{total}。"),
    (("教学仪器设备",), "通过盘点固定资产、新资产及时入账、县域内调配和新增采购等方式，补齐{schools}教学仪器设备值{total}。"),
    (("多媒体教室",), "通过新建和改造网络多媒体教室，为{schools}增配网络多媒体教室{total}。"),
    (("专用教室",), "通过调整使用、改造和扩建等方式，确保{schools}音乐、美术专用教室数量和面积达到标准。"),
    (("学校规模",), "通过优化学区划分、合理分流新生和新建扩建学校等方式，将{schools}在校生规模控制在标准以内。"),
    (("班额",), "通过严格按标准班额招生、增设教学班和合理分流等方式，消除{schools}超标准班额。"),
    (("持证", "教师资格"), "组织{schools}未取得教师资格证的专任教师参加资格考试和认定，限期取得教师资格，期间不得单独承担教学任务。"),
    (("交流轮岗",), "完善教师交流轮岗办法，扩大交流轮岗规模，提高县级及以上骨干教师在交流轮岗教师中的比例。"),
    (("培训经费",), "督促各校按不低于年度公用经费预算总额5%的标准安排教师培训经费，财政、教育部门加强预算审核和执行监督。"),
    (("公用经费",), "按标准核定并足额拨付公用经费，加强经费拨付和使用情况的监督检查。"),
    (("工资",), "落实教师工资待遇保障机制，确保义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平。"),
    (("培训",), "制定教师培训计划，组织未完成学时的教师参加培训，确保按期完成培训任务。"),
    (("入学", "巩固"), "落实控辍保学和入学保障责任，逐人建立台账，确保应入尽入、应保尽保。"),
    (("认可度", "满意度"), "加强政策宣传和家校沟通，回应群众关切，切实提高社会认可度。"),
]


MEASURE_DEFAULT = "对照“{title}”评估标准，逐项制定整改方案，明确责任和时限，确保按期达到要求。"


def measure(title: str, schools: str, total: str) -> str:
    for words, text in MEASURES:
        if any(w in title for w in words):
            return text.format(schools=schools or "相关学校", total=total, title=title)
    return MEASURE_DEFAULT.format(schools=schools, total=total, title=title)


def given_step(step) -> dict:
    """One phase of dossier.yaml's 实施步骤, as the 实施方案 lists it."""
    tasks = step.tasks or step.content
    tasks = [tasks] if isinstance(tasks, str) else list(tasks)
    when = step.when or (month_range_cn(step.start, step.end) if step.start and step.end else "")
    return {"name": step.name or step.title, "when": when, "tasks": tasks}


PHASES = [
    ("动员部署阶段", [
        "学习文件，统一思想。组织学习{basis}，准确把握评估指标的内容、标准和要求。",
        "成立机构，制定方案。调整充实{lg}，制定印发实施方案，召开动员会议，分解目标任务，明确责任分工。",
    ]),
    ("自查自评阶段", [
        "全面自查，摸清底数。{who}对照评估标准，通过实地测量、盘点固定资产、查阅教师档案等方式开展自查，做到底数清、情况明。",
        "测算指标，建立清单。{calc}，梳理存在问题，形成问题清单和整改台账。",
    ]),
    ("整改提升阶段", [
        "对账销号，补齐短板。按照问题清单和工作计划，逐项落实整改措施，整改一项、销号一项。",
        "督查推进，查漏补缺。开展过程督导和专项督查，定期通报进展，确保整改任务按期完成。",
    ]),
    ("{report_phase}", [
        "全面{assess}，撰写报告。对照全部评估指标开展{assess}，撰写{report}，审核数据的准确性和一致性。",
        "整理材料，{apply}。按指标分类整理近三年佐证材料，装订成册，{apply_text}。",
    ]),
    ("迎检评估阶段", [
        "做好迎检准备。完善汇报材料、佐证材料和实地核查准备，迎接{levels}督导评估。",
        "巩固提升成果。对评估反馈问题认真整改，建立长效机制，巩固义务教育{kind}发展成果。",
    ]),
]


def phases(ctx, lg_name: str) -> list[dict]:
    """实施步骤: from dossier.yaml's 实施步骤 when given, else dated from 方案印发 and 自评报告."""
    p = ctx.project
    if p.config.steps:
        return [given_step(step) for step in p.config.steps]
    start = p.date("方案印发") or dt.date(p.year, 3, 1)
    report = p.first_date(("自评报告", "自查报告")) or add_months(start, 6)
    start = start.replace(day=1)
    report = report.replace(day=1)
    if report <= start:
        report = add_months(start, 4)
    months = (report.year - start.year) * 12 + report.month - start.month   # months between, ≥ 1
    self_end = add_months(start, max(1, min(2, months - 2)))
    if months <= 2:
        self_end = add_months(start, 1) if months == 2 else start
    spans = [(start, start)]
    if months >= 2:
        spans.append((add_months(start, 1), self_end))
    else:
        spans.append(None)
    fix_start = add_months(self_end, 1)
    fix_end = add_months(report, -1)
    spans.append((fix_start, fix_end) if fix_start <= fix_end else None)
    spans.append((report, report))
    end = dt.date(report.year, 12, 1) if report.month < 12 else report
    spans.append((add_months(report, 1), end) if add_months(report, 1) <= end else None)
    words = unit_words(ctx)
    fill = {"basis": ctx.framework.basis or ctx.framework.title, "lg": lg_name or "领导小组",
            "who": "各学校和各成员单位" if p.level == "county" else "各处室和年级组",
            "levels": "市级、省级" if p.level == "county" else "上级", "kind": framework_word(ctx.framework),
            "calc": "逐校测算资源配置指标和差异系数" if p.level == "county" else "逐项测算本校各学段资源配置指标",
            "assess": "自评" if p.level == "county" else "自查",
            "report": "自评报告" if p.level == "county" else "自查报告",
            "report_phase": "自评申报阶段" if p.level == "county" else "自查总结阶段",
            "apply": "提出申请" if p.level == "county" else "迎接评估",
            "apply_text": "按程序提出评估申请" if p.level == "county" else "配合做好县级评估和上级督导检查",
            **words}
    out = []
    for (name, tasks), span in zip(PHASES, spans):
        if span is None:
            continue
        out.append({"name": name.format(**fill), "when": month_range_cn(*span),
                    "tasks": [t.format(**fill) for t in tasks]})
    return out


def task_heading(area_title: str) -> str:
    for words, text in ((("资源", "办学条件"), "补齐资源配置短板"), (("保障", "政府"), "强化政府保障责任"),
                        (("质量",), "提升教育教学质量"), (("认可", "满意"), "提高社会认可度")):
        if any(w in area_title for w in words):
            return text
    return f"抓好{area_title}工作"


TITLE_CHARS = 20          # 2号 characters on one line of the 156 mm 版心


TITLE_BREAKS = ("推进", "义务教育", "优质均衡", "基本均衡", "工作", "实施方案", "自评报告", "自查报告", "工作计划",
                "成员名单", "问题清单", "汇报")


def _title_width(text: str) -> float:
    """Width in 2号 characters: a CJK character is one, a Latin letter or digit half."""
    return width(text) / 2


def title_lines(title: str, limit: float = TITLE_CHARS) -> list[str]:
    """A long title split in two at a word boundary (GB/T 9704: 标题回行时要词意完整、排列对称), the most balanced
    split whose lines both fit; a title that fits one line, or has no such split, stays whole."""
    if _title_width(title) <= limit:
        return [title]
    best = None
    for word in TITLE_BREAKS:
        start = 0
        while (i := title.find(word, start)) > 0:
            a, b = title[:i], title[i:]
            if _title_width(a) <= limit and _title_width(b) <= limit:
                score = abs(_title_width(a) - _title_width(b))
                if best is None or score < best[0]:
                    best = (score, [a, b])
            start = i + 1
    return best[1] if best else [title]

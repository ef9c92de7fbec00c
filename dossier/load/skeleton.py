"""`dossier init`: a complete, commented project skeleton that a user fills in: the files the load stage reads
(dossier.yaml, 指标数据.yaml, 人员.yaml, 工作计划.yaml, the school table with the columns `dossier.load.table`
defines), an evidence folder per leaf and the list of the evidence each expects."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.config import framework as fw_mod
from dossier.core.errors import DossierError, Problem
from dossier.load.table import AREAS, COLUMNS, SCHOOL_TYPES
from dossier.config.project import CONFIG, EVIDENCE, FACTS, PEOPLE, PLAN

EXAMPLE_ROW = {
    "学校代码": "5300000001", "学校名称": "某某县第一小学", "学校类型": "小学", "城乡类型": "城区",
    "小学在校生数": 1200, "小学班级数": 27, "小学最大班额": 45, "小学高于规定学历教师数": 58,
    "小学县级及以上骨干教师数": 14, "小学体育艺术专任教师数": 12, "教学及辅助用房面积": 6200,
    "体育运动场馆面积": 9800, "教学仪器设备值": 268.5, "网络多媒体教室数": 30, "音乐专用教室数": 3,
    "音乐专用教室面积": 300, "美术专用教室数": 3, "美术专用教室面积": 280, "专任教师数": 70, "持证专任教师数": 70,
    "计算机台数": 120, "图书册数": 36000, "中级及以上职称教师数": 40,
}


def _config(level: str, year: int) -> str:
    county = level == "county"
    unit = """单位:
  全称: 某某县人民政府          # 县（区）人民政府全称
  简称: 某某县
  级别: 县                      # 县 或 学校
  上级单位: 某某市人民政府
  教育行政部门: 某某县教育体育局""" if county else """单位:
  全称: 某某县第一小学          # 学校全称
  简称: 某某县第一小学
  级别: 学校                    # 县 或 学校
  上级单位: 某某县教育体育局
  教育行政部门: 某某县教育体育局
  学校代码: "5300000001"        # 本校在 学校基础数据 表中的学校代码"""
    return f"""# dossier 项目配置。修改后运行 dossier check 检查。
{unit}

# 指标框架：youzhi-2017（优质均衡，教督〔2017〕6号）、jiben-2012（基本均衡，教督〔2012〕3号），
# 或放在本文件夹中的省级框架文件名（如 某省框架.yaml）
框架: youzhi-2017
评估年度: {year}
佐证年度: [{year - 2}, {year - 1}, {year}]   # 佐证材料覆盖的三个年度

日期:                           # 写成 年-月-日
  方案印发: {year}-03-10
  自评报告: {year}-09-20
  汇报: {year}-10-15
  # 整改完成: {year}-09-30        # 可选：各文稿统一写的整改完成时限（工期更长的措施仍按各自工期；不填时按措施工期推算）

署名: {'某某县人民政府' if county else '某某县第一小学'}       # 文稿落款

档案:                           # 佐证材料装订（案卷封面、备考表）
  全宗名称: {'某某县教育体育局' if county else '某某县第一小学'}
  档号: "JY·{{年度}}-{{代码}}"      # {{年度}} {{代码}} {{卷}} 会被替换
  保管期限: 永久
  每卷页数上限: 300
  双面: 否                      # 是：偶数页页号在左上角
  立卷人: 张三
  检查人: 李四
  立卷时间: {year}-10-30

输出:
  构建时间: {year}-10-30          # 写入 PDF 的固定时间，保证重复构建结果一致
"""


def _facts(framework, level: str) -> str:
    lines = ["# 指标数据：学校基础数据表算不出的指标。数字可带单位（如 6800元、96.5%），是/否项填 是 或 否。",
             "# 每项可加“说明”，会写进报告。自评指标填“状态”（达标 / 基本达标 / 未达标）和一句“依据”。", ""]
    for leaf in framework.leaves():
        if level == "school" and leaf.scope == "county":
            continue                  # county-only indicators are not a school's to report
        kind = leaf.type
        if kind == "facts":
            lines.append(f"{leaf.code}:                # {leaf.title}：{leaf.standard}")
            for f in leaf.evaluate.fields:
                hint = "是 或 否" if f.expect is not None else (f"单位：{f.unit}" if f.unit else "数字")
                lines.append(f"  {f.name}:            # {hint}")
            lines.append("  说明: \"\"")
        elif kind == "self":
            lines.append(f"{leaf.code}:                # {leaf.title}（自评）")
            lines.append("  状态:                # 达标 / 基本达标 / 未达标")
            lines.append("  依据: \"\"")
        elif kind == "survey":
            lines.append(f"{leaf.code}:                # {leaf.title}：各群体各选项的有效问卷数")
            for g in ("学生", "家长", "教师", "校长", "人大代表", "政协委员", "其他群众"):
                lines.append(f"  {g}: {{满意: 0, 基本满意: 0, 不满意: 0}}")
        elif kind == "share" and leaf.evaluate.fact:
            lines.append(f"# {leaf.code} {leaf.title}：由学校基础数据表的持证专任教师数计算；表中未填时可在此填写：")
            lines.append(f"# {leaf.code}:")
            lines.append(f"#   {leaf.evaluate.fact}: 100")
    if framework.vetoes and level == "county":
        lines += ["", "否决项:                # 一票否决事项，每项填 是 或 否"]
        lines += [f"  {v.title}: 否" for v in framework.vetoes]
    return "\n".join(lines) + "\n"


PEOPLE_TEXT = """# 人员：领导小组、工作专班、部门职责（写入实施方案和名单）
领导小组:
  名称: 某某县推进义务教育优质均衡发展工作领导小组
  组长:
    - {姓名: 张某某, 职务: 县人民政府县长}
  副组长:
    - {姓名: 李某某, 职务: 县人民政府副县长}
  成员:
    - {姓名: 王某某, 职务: 局长, 单位: 县教育体育局}
    - {姓名: 赵某某, 职务: 局长, 单位: 县财政局}
  办公室: {设在: 县教育体育局, 主任: 王某某}

工作专班:
  - 名称: 资源配置工作专班
    组长: 王某某
    副组长: []
    成员: []
    职责:
      - 负责资源配置7项指标的数据采集、核实和整改

部门职责:
  - 部门: 县教育体育局
    职责: 牵头做好创建工作的日常组织、协调和督促。
"""

SCHOOL_PEOPLE_TEXT = """# 人员：学校领导小组、工作专班（写入实施方案和名单）
领导小组:
  名称: 某某县第一小学义务教育优质均衡发展工作领导小组
  组长:
    - {姓名: 张某某, 职务: 校长}
  副组长:
    - {姓名: 李某某, 职务: 副校长}
  成员:
    - {姓名: 王某某, 职务: 教务处主任}
    - {姓名: 赵某某, 职务: 总务处主任}
  办公室: {设在: 校长办公室, 主任: 李某某}

工作专班:
  - 名称: 办学条件工作专班
    组长: 李某某
    副组长: []
    成员: [赵某某]
    职责:
      - 负责校舍、场地、装备数据的核实和资料整理
  - 名称: 教育质量工作专班
    组长: 王某某
    副组长: []
    成员: []
    职责:
      - 负责课程开设、教学管理和质量监测资料的整理
"""

SCHOOL_PLAN_TEXT = """# 工作计划表中自定的行（未达标指标的整改行由 dossier 根据问题清单自动生成）
工作计划:
  - 目标任务: 学习评估标准，开展全面自查
    完成时间: 3月
    工作措施: 组织教师学习评估指标，对照标准逐项自查，摸清学校底数，形成问题清单。
    牵头单位: 校长办公室
    责任单位: 各处室、各年级组
"""

PLAN_TEXT = """# 工作计划表中自定的行（未达标指标的整改行由 dossier 根据问题清单自动生成）
工作计划:
  - 目标任务: 解读指标，熟悉标准
    完成时间: 3月
    工作措施: 组织召开指标解读会，熟悉评估内容、标准和要求。
    牵头单位: 县教育体育局
    责任单位: 各义务教育学校
"""


def write_table_template(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "学校基础数据"
    ws.append([c.name for c in COLUMNS])
    ws.append([EXAMPLE_ROW.get(c.name) for c in COLUMNS])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        note = {"yes": "必填", "no": "选填"}.get(col.required, "有该学段时必填" if col.required.startswith("stage")
                                             else "完全中学、十二年一贯制学校必填")
        cell.comment = Comment(f"{note}；单位：{col.unit or '文本'}", "dossier")
        ws.column_dimensions[cell.column_letter].width = max(10, len(col.name) * 2 + 2)
    letters = {c.name: ws.cell(row=1, column=i).column_letter for i, c in enumerate(COLUMNS, 1)}
    for name, options in (("学校类型", list(SCHOOL_TYPES)), ("城乡类型", list(AREAS))):
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=False,
                            showErrorMessage=True, errorTitle="输入有误", error="请从下拉列表中选择：" + "、".join(options))
        dv.add(f"{letters[name]}2:{letters[name]}500")
        ws.add_data_validation(dv)
    for col in COLUMNS:
        if col.kind in ("count", "number"):
            dv = DataValidation(type="whole" if col.kind == "count" else "decimal", operator="greaterThanOrEqual",
                                formula1="0", allow_blank=True, showErrorMessage=True, errorTitle="输入有误",
                                error=f"请填写不小于0的{'整数' if col.kind == 'count' else '数字'}（单位：{col.unit}）")
            dv.add(f"{letters[col.name]}2:{letters[col.name]}500")
            ws.add_data_validation(dv)
    ws.freeze_panes = "C2"
    wb.save(path)


def init_project(folder: Path, level: str) -> list[Path]:
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise DossierError(Problem(f"文件夹已存在且不为空：{folder}", hint="为避免覆盖已有材料，请指定一个新的文件夹"))
    folder.mkdir(parents=True, exist_ok=True)
    framework = fw_mod.load("youzhi-2017")
    year = dt.date.today().year
    written = []

    def write(name: str, text: str) -> None:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write(CONFIG, _config(level, year))
    write(FACTS, _facts(framework, level))
    write(PEOPLE, PEOPLE_TEXT if level == "county" else SCHOOL_PEOPLE_TEXT)
    write(PLAN, PLAN_TEXT if level == "county" else SCHOOL_PLAN_TEXT)
    table = folder / "学校基础数据.xlsx"
    write_table_template(table)
    written.append(table)
    evidence = folder / EVIDENCE
    checklist = ["佐证材料清单：把每项指标的佐证文件（PDF、Word、Excel、图片）放进 evidence/ 下对应的文件夹。",
                 "文件名可写成 20240315_文号_题名.pdf；也可在文件夹里放 目录.xlsx 指定题名、文号、责任者、日期和顺序。", ""]
    for leaf in framework.leaves():
        if level == "school" and leaf.scope == "county":
            continue
        (evidence / f"{leaf.code} {leaf.title}").mkdir(parents=True, exist_ok=True)
        checklist.append(f"{leaf.code} {leaf.title}")
        checklist += [f"    - {e}" for e in leaf.evidence]
    write("佐证材料清单.txt", "\n".join(checklist) + "\n")
    written.append(evidence)
    (folder / "templates").mkdir(exist_ok=True)
    return written

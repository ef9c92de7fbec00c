#!/usr/bin/env python3
"""Write the bundled provincial example project content/示例宁夏县/ (framework ningxia-2010, 百分制赋分).

Its 25 schools are the example county's (content/示例县/学校基础数据.xlsx) with the columns the provincial
framework declares added, derived deterministically from each school's own figures, so that most schools meet
the provincial thresholds, a few miss some (平均班额, 择校生, 生机比) and the county scores in the 基本均衡 band.
Everything is fictional. Deterministic: re-running leaves git clean.

Usage: python3 scripts/make_ningxia_example.py
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dossier.config.framework import load as load_framework  # noqa: E402
from dossier.load.table import HEADERS, read_school_table  # noqa: E402
from dossier.core.errors import ProblemList  # noqa: E402

SOURCE = ROOT / "content" / "示例县" / "学校基础数据.xlsx"
TARGET = ROOT / "content" / "示例宁夏县"
NAME = "示例宁夏县"


def rows() -> tuple[list[str], list[dict]]:
    fw = load_framework("ningxia-2010")
    extra = [c.name for c in fw.table_columns()]
    schools = read_school_table(SOURCE, "示例县", ProblemList())
    out = []
    for i, s in enumerate(schools):
        v = {k: x for k, x in s.values.items()}
        students = s.compulsory_students + float(v.get("高中在校生数") or 0)
        classes = sum(v.get(f"{st}班级数") or 0 for st in ("小学", "初中"))
        teachers = v.get("专任教师数") or round(students / 16)
        row = {"学校代码": s.code, "学校名称": s.name.replace("示例县", NAME), "学校类型": s.type, "城乡类型": s.area}
        row.update({h: v.get(h) for h in HEADERS if h not in row})
        row["校园占地面积"] = round(students * (19 + i % 9) + 800)
        row["校舍建筑面积"] = round((v.get("教学及辅助用房面积") or 0) * 1.45)
        standard = 600 + 12 * classes
        row["仪器标准配备件数"] = standard
        row["仪器实际配备件数"] = round(standard * (0.92 if i % 9 == 4 else 0.96 + (i % 5) * 0.02))
        row["音体美器材标准配备件数"] = 300 + 6 * classes
        row["音体美器材实际配备件数"] = round((300 + 6 * classes) * (0.90 if i % 10 == 7 else 0.96 + (i % 6) * 0.01))
        row["学生用计算机台数"] = max(1, round(students / (8 + i % 4 + (6 if i % 11 == 3 else 0))))
        row["教师用计算机台数"] = teachers if i % 8 else max(1, teachers - 3)
        row["在岗教师数"] = teachers + 2
        row["教师编制数"] = teachers + 2 + (3 if i % 12 == 5 else i % 2)
        row["骨干教师数"] = round(sum(v.get(f"{st}县级及以上骨干教师数") or 0 for st in ("小学", "初中")))
        row["高级职称教师数"] = round(teachers * (0.22 + (i % 4) * 0.02))
        row["学科对口教师数"] = round(teachers * (0.91 + (i % 3) * 0.03))
        for st in ("小学", "初中"):
            if st in s.stages:
                new = round(s.students(st) / (6 if st == "小学" else 3))
                row[f"{st}新生数"] = new
                row[f"{st}应报到新生数"] = new + (1 if i % 4 == 0 else 0)
        row["择校生数"] = 3 if i in (4, 17) else 0
        out.append({k: ("" if x is None else (int(x) if isinstance(x, float) and x.is_integer() else x))
                    for k, x in row.items()})
    return HEADERS + extra, out


CONFIG = f"""# {NAME}：内置示例项目（县级，宁夏回族自治区评估验收方案，百分制赋分）。单位、人名、数据均为虚构。
# 本文件由 scripts/make_ningxia_example.py 生成。

单位:
  全称: {NAME}人民政府
  简称: {NAME}
  级别: 县
  上级单位: 示例市人民政府
  教育行政部门: {NAME}教育局
框架: ningxia-2010              # 宁夏义务教育均衡发展评估指标体系（试行）：5个A级、18个B级、47个C级指标
评估年度: 2025
佐证年度: [2023, 2024, 2025]
日期:
  方案印发: 2025-03-10
  自评报告: 2025-09-20
  汇报: 2025-10-28
署名: {NAME}人民政府
档案:
  全宗名称: {NAME}教育局
  档号: "NX·{{年度}}-{{代码}}"
  保管期限: 永久
  每卷页数上限: 300
  双面: 否
  立卷人: 马明
  检查人: 李芳
  立卷时间: 2025-10-30
输出:
  构建时间: 2025-10-30
"""

FACTS = {
    "C1": {"状态": "达标", "依据": "县政府印发《推进义务教育均衡发展规划（2023—2027年）》"},
    "C2": {"状态": "达标", "依据": "学校布局调整规划经市政府批复，布局调整已完成"},
    "C3": {"义务教育经费依法增长": "是"},
    "C4": {"生均公用经费足额拨付": "是"},
    "C5": {"状态": "达标", "依据": "近三年薄弱学校改造资金占义务教育基建投入的62%"},
    "C6": {"小学适龄儿童入学率": 99.9, "初中适龄少年入学率": 98.6},
    "C7": {"残疾儿童少年入学率": 76.0},
    "C8": {"公办学校就读随迁子女数": 1840, "随迁子女总数": 2010},
    "C9": {"状态": "达标", "依据": "建立留守儿童关爱档案，结对帮扶全覆盖"},
    "C10": {"状态": "达标", "依据": "公办学校全部免试就近入学"},
    "C13": {"状态": "基本达标", "依据": "3所乡村小学缺少独立的科学实验室"},
    "C21": {"状态": "达标", "依据": "学校规模与生源相适应"},
    "C23": {"按标准核定教职工编制": "是"},
    "C28": {"交流教师占专任教师比例": 6.2},
    "C29": {"状态": "达标", "依据": "校长、骨干教师按规定交流"},
    "C30": {"教师全员培训完成率": 97.5},
    "C31": {"状态": "达标", "依据": "各校管理制度健全"},
    "C32": {"状态": "达标", "依据": "课程开齐开足"},
    "C33": {"状态": "基本达标", "依据": "城乡学校课堂教学评价优良率相差8个百分点"},
    "C34": {"教学质量监测合格率": 92.4},
    "C35": {"学业考试成绩校际差异率": 0.12},
    "C36": {"升学考试各科平均及格率": 68.0},
    "C37": {"状态": "达标", "依据": "县特殊教育学校已建成并招生"},
    "C38": {"小学巩固率": 99.6},
    "C39": {"初中巩固率": 96.8},
    "C40": {"按时毕业比例": 97.2},
    "C41": {"初中毕业生升学率": 88.5},
    "C44": {"学生": {"满意": 1650, "基本满意": 240, "不满意": 110}},
    "C45": {"家长": {"满意": 1320, "基本满意": 300, "不满意": 180}},
    "C46": {"发生重大安全责任事故": "否"},
    "C47": {"存在违规办学行为": "否"},
}


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "dossier.yaml").write_text(CONFIG, encoding="utf-8")
    header, data = rows()
    with open(TARGET / "学校基础数据.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in data:
            w.writerow([r.get(h, "") for h in header])
    text = "# 县级指标数据（示例宁夏县，虚构）。本文件由 scripts/make_ningxia_example.py 生成。\n"
    text += yaml.safe_dump(FACTS, allow_unicode=True, sort_keys=False)
    (TARGET / "指标数据.yaml").write_text(text, encoding="utf-8")
    people = (ROOT / "content" / "示例县" / "人员.yaml").read_text(encoding="utf-8").replace("示例县", NAME)
    (TARGET / "人员.yaml").write_text(people.replace("优质均衡", "均衡"), encoding="utf-8")
    print(f"written {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

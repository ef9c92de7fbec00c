"""The example projects' earlier years and their 主要工作.yaml, written by make_example_content.py.

Fictional, like the rest of the examples. The 2023 and 2024 school tables are derived from the 2025 table by
undoing what 主要工作.yaml says was built and bought: the 第二中学 teaching building (+3,600 m², 2024), four rural
schools' rooms (2024), two sports grounds (清溪乡中学 2024, 大坪乡 2025), equipment, multimedia rooms, computers,
books and teachers added year by year; town pupils move to the county seat (urban enrolment +3 % a year, rural
−4 %). The 主要工作 amounts for equipment, rooms, books and teachers are computed here from the same increments,
so the drafts' "三年来新增…" figures and the projects they name agree.
"""
from __future__ import annotations

import math

YEARS = (2023, 2024)
# (school name, column, increment, first year the increment is in the table)
BUILT = [
    ("示例县第二中学", "教学及辅助用房面积", 3600, 2024),
    ("清溪乡中心小学", "教学及辅助用房面积", 520, 2024),
    ("马鞍乡中心小学", "教学及辅助用房面积", 460, 2024),
    ("柳河镇河湾小学", "教学及辅助用房面积", 380, 2024),
    ("龙泉镇松林小学", "教学及辅助用房面积", 300, 2024),
    ("清溪乡中学", "体育运动场馆面积", 6000, 2024),
    ("大坪乡九年一贯制学校", "体育运动场馆面积", 4500, 2025),
]
STUDENT_DRIFT = {"城区": 1.03, "镇区": 1.0, "乡村": 0.96}      # enrolment this year / last year
STUDENT_COLS = ("小学在校生数", "初中在校生数", "高中在校生数", "小学班级数", "初中班级数")
TEACHER_COLS = ("专任教师数", "小学高于规定学历教师数", "初中高于规定学历教师数", "小学县级及以上骨干教师数",
                "初中县级及以上骨干教师数", "小学体育艺术专任教师数", "初中体育艺术专任教师数", "中级及以上职称教师数")
GROWTH = {"教学仪器设备值": (1.08, 1.10), "计算机台数": (1.06, 1.08), "图书册数": (1.05, 1.05)}   # 2025/2024, 2024/2023


def _back(value, year: int, col: str):
    """A growing resource one or two years back."""
    if value is None:
        return None
    g25, g24 = GROWTH[col]
    v = value / g25 if year <= 2024 else value
    v = v / g24 if year <= 2023 else v
    if col == "教学仪器设备值":
        return round(v, 1)
    if col == "图书册数":
        return int(round(v, -2))
    return int(round(v))


def earlier(row: dict, year: int) -> dict:
    """The school's row in `year` (2023 or 2024), from its 2025 row. A school with a senior part keeps its
    row (so its compulsory share of shared resources stays the same): what
    主要工作 says was added is then exactly what the compulsory-stage totals gained."""
    out = dict(row)
    if row["高中在校生数"]:
        return out
    steps = 2025 - year
    drift = STUDENT_DRIFT[row["城乡类型"]] ** steps
    for col in STUDENT_COLS:
        if row[col] is not None:
            out[col] = max(1, int(round(row[col] / drift)))
    for stage in ("小学", "初中"):
        col = f"{stage}最大班额"
        if row[col] is not None:
            bigger = row[col] + (steps if row["城乡类型"] == "城区" else 0)   # the big classes were bigger
            out[col] = max(bigger, math.ceil(out[f"{stage}在校生数"] / out[f"{stage}班级数"]))
    for col in GROWTH:
        out[col] = _back(row[col], year, col)
    mm = row["网络多媒体教室数"]
    for _ in range(steps):
        mm -= math.ceil(mm * 0.08)
    out["网络多媒体教室数"] = mm
    for col in TEACHER_COLS:
        if row[col] is not None:
            v = row[col]
            for rate in (0.025, 0.03)[:steps]:
                v -= round(v * rate)
            out[col] = v
    gap = row["专任教师数"] - row["持证专任教师数"]
    out["持证专任教师数"] = out["专任教师数"] - gap
    for name, col, inc, first in BUILT:
        if row["学校名称"] == name and year < first:
            out[col] = row[col] - inc
    return out


def tables(rows: list[dict]) -> dict[int, list[dict]]:
    return {y: [earlier(r, y) for r in rows] for y in YEARS}


def _total(rows, col):
    return sum(r[col] or 0 for r in rows)


def county_work(rows: list[dict]) -> str:
    """The county's 主要工作.yaml, its amounts from the increments between the 2023 and 2025 tables."""
    old = tables(rows)[2023]
    equip = round(_total(rows, "教学仪器设备值") - _total(old, "教学仪器设备值"), 1)
    mm = _total(rows, "网络多媒体教室数") - _total(old, "网络多媒体教室数")
    pcs = _total(rows, "计算机台数") - _total(old, "计算机台数")
    books = _total(rows, "图书册数") - _total(old, "图书册数")
    teachers = _total(rows, "专任教师数") - _total(old, "专任教师数")
    return COUNTY_WORK.format(equip=f"{equip:,}", mm=mm, pcs=f"{pcs:,}", books=f"{books / 10000:.2f}",
                              teachers=teachers, books_money=f"{books * 0.0025:.0f}")


HEAD = """# {unit} 主要工作（虚构，仅用于演示）。本文件由 scripts/make_example_content.py 生成。
# 每项：名称、类别（组织领导、一级指标名称或整改措施类别）、投入（万元）、来源、开始、结束（未完工不写）、学校、成效、佐证、特色。
"""

COUNTY_WORK = HEAD.format(unit="示例县") + """主要工作:
  - 名称: 将义务教育优质均衡发展纳入乡镇和部门年度目标考核
    类别: 组织领导
    开始: 2023-02
    结束: 2023-03
    成效: 县政府与18个成员单位、6个乡镇签订目标责任书，每季度通报推进情况
    佐证: [20230315_示政发〔2023〕8号_关于印发义务教育优质均衡发展目标责任考核办法的通知.pdf]
  - 名称: 县委常委会、县政府常务会议专题研究义务教育工作
    类别: 组织领导
    开始: 2023-01
    成效: 三年来专题研究教育工作9次，解决学校建设用地、教师编制、经费保障等问题21个
  - 名称: 示例县第二中学综合楼新建工程
    类别: 新建改扩建校舍/场地
    投入: 2860
    来源: 中央薄弱环节改善与能力提升补助资金1,200万元、县级财政1,660万元
    开始: 2023-03
    结束: 2024-08
    学校: [示例县第二中学]
    成效: 新增教学及辅助用房3,600平方米，增设教学班12个，城区初中学位紧张问题得到缓解
    佐证: [20240830_示例县第二中学综合楼竣工验收报告.pdf]
  - 名称: 乡村学校校舍改造工程
    类别: 新建改扩建校舍/场地
    投入: 1150
    来源: 县级财政
    开始: 2023-04
    结束: 2024-07
    学校: [清溪乡中心小学, 马鞍乡中心小学, 柳河镇河湾小学, 龙泉镇松林小学]
    成效: 改造和新建教学及辅助用房1,660平方米，4所乡村小学的功能教室全部独立设置
  - 名称: 清溪乡中学运动场改造工程
    类别: 新建改扩建校舍/场地
    投入: 840
    来源: 地方政府专项债券
    开始: 2023-09
    结束: 2024-05
    学校: [清溪乡中学]
    成效: 新建标准田径场和篮球场，体育运动场馆面积增加6,000平方米
  - 名称: 大坪乡九年一贯制学校运动场扩建工程
    类别: 新建改扩建校舍/场地
    投入: 420
    来源: 县级财政
    开始: 2024-10
    结束: 2025-06
    学校: [大坪乡九年一贯制学校]
    成效: 体育运动场馆面积增加4,500平方米
  - 名称: 中小学教学仪器设备更新
    类别: 购置设备
    投入: "{equip}万元"
    来源: 义务教育薄弱环节改善资金、县级财政
    开始: 2023-03
    结束: 2025-06
    成效: 全县中小学按省定标准补充理化生实验仪器、音体美器材和劳动教育设备，教学仪器设备值增加{equip}万元，实验开出率达到100%
  - 名称: 教育信息化提升工程
    类别: 购置设备
    投入: 680
    来源: 县级财政
    开始: 2023-05
    结束: 2025-05
    成效: 新增网络多媒体教室{mm}间、学生用计算机{pcs}台，全县中小学千兆光纤和无线网络全覆盖
  - 名称: 中小学图书配备
    类别: 购置设备
    投入: {books_money}
    来源: 县级财政
    开始: 2023-03
    结束: 2025-04
    成效: 新增图书{books}万册，建成乡村学校图书角186个
  - 名称: 公开招聘和“特岗计划”补充教师
    类别: 补充教师/交流轮岗
    开始: 2023-07
    结束: 2025-08
    成效: 新增专任教师{teachers}人，音乐、体育、美术和信息科技教师优先配备到乡村学校
    佐证: [20250805_2025年中小学教师公开招聘拟聘用人员公示.pdf]
  - 名称: “县管校聘”管理改革和教师交流轮岗
    类别: 补充教师/交流轮岗
    开始: 2024-03
    结束: 2024-09
    成效: 全县教师编制和岗位统筹到校，两年来交流轮岗教师286人次，其中县级及以上骨干教师68人
  - 名称: 优化学区划分，化解大班额
    类别: 调整学校规模与班额
    开始: 2024-04
    结束: 2024-09
    成效: 城区学校按学区招生，新增学位1,080个，56人以上大班额全部消除
  - 名称: 提高义务教育学校生均公用经费标准
    类别: 经费与制度
    投入: 480
    来源: 县级财政（每年）
    开始: 2024-01
    结束: 2024-03
    成效: 小学、初中生均公用经费分别提高到每生每年800元、1,000元，不足100人的学校按100人核定
  - 名称: 城乡学校集团化办学
    类别: 教育质量
    开始: 2024-09
    结束: 2025-01
    学校: [示例县第一小学, 示例县实验小学, 示例县第一中学]
    成效: 组建3个教育集团，覆盖城乡学校15所，集团内统一教学进度、统一教研、共享名师
    特色: 是
  - 名称: 课后服务和“双减”工作
    类别: 教育质量
    开始: 2023-09
    结束: 2024-06
    成效: 课后服务学校覆盖率100%，学生参与率96.2%，开设体育、艺术、科技类课后服务项目312个
    特色: 是
  - 名称: 家校社协同育人和优质均衡宣传
    类别: 社会认可度
    开始: 2024-03
    结束: 2025-05
    成效: 建成家长学校25所，开展“优质均衡宣传月”活动，发放明白卡2.4万份
"""

SCHOOL_WORK = HEAD.format(unit="示例县第一九年一贯制学校") + """主要工作:
  - 名称: 把创建工作纳入学校年度目标考核
    类别: 组织领导
    开始: 2023-03
    结束: 2023-04
    成效: 校长与各处室、年级组签订责任书11份，每月召开推进会
  - 名称: 理化生实验室和创客教室改造
    类别: 购置设备
    投入: 85
    来源: 县级财政
    开始: 2023-06
    结束: 2024-08
    学校: [示例县第一九年一贯制学校]
    成效: 改造实验室4间、新建创客教室1间，实验开出率达到100%
  - 名称: 引进和培养骨干教师
    类别: 补充教师/交流轮岗
    开始: 2023-09
    结束: 2025-07
    学校: [示例县第一九年一贯制学校]
    成效: 新增县级及以上骨干教师6人，建成市级名师工作室1个
  - 名称: 九年一贯课程衔接和课后服务
    类别: 教育质量
    开始: 2023-09
    结束: 2024-07
    学校: [示例县第一九年一贯制学校]
    成效: 小初衔接课程覆盖六、七年级，课后服务开设社团42个，学生参与率97.5%
    特色: 是
"""

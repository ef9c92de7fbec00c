"""The example projects' teacher roster (教职工花名册), written by make_example_content.py.

Fictional people, one row per member of staff, consistent with the 2025 school table: per school and 学段 the
full-time teachers with a degree above the required one, the 县级及以上骨干 and the 体育/音乐/美术 teachers are
exactly the table's figures, and the school's 专任, 持证 and 中级及以上职称 totals too (a 完全中学's senior
teachers are listed with 任教学段 高中, as its 专任教师数 counts the whole school) — except ONE deliberate
disagreement (DISAGREE) that `dossier check content/示例县` reports. A few non-teaching staff (是否专任教师 否) are
listed too, as real rosters have them. Deterministic: a seeded random.Random per school.
"""
from __future__ import annotations

import random

COLUMNS = ["序号", "姓名", "性别", "出生年月", "学校代码", "任教学段", "是否专任教师", "最高学历", "职称", "骨干级别",
           "任教学科", "教师资格证", "备注"]
# the one disagreement: (school name, table column); the roster has one 体育艺术 teacher fewer than the table
DISAGREE = ("青石镇中学", "初中体育艺术专任教师数")

_SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_GIVEN = "晓静丽娟敏燕艳霞芳玲秀英华明伟强军勇杰涛斌超磊鹏辉刚健平波宇浩然嘉欣雨婷琳怡梦洁雪慧颖琪思诗晨阳光亮新春秋海江山林峰松柏梅兰竹菊红霞玉珍凤云飞鸿文武志国建德良忠信义礼智"
_SUBJECTS = {"小学": ["语文", "数学", "英语", "科学", "道德与法治", "信息技术", "综合实践"],
             "初中": ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治", "信息技术"],
             "高中": ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "思想政治", "技术"]}
_PE_ART = ["体育", "音乐", "美术"]
_OFFICE = ["会计", "校医", "图书管理员", "后勤管理", "档案管理"]


def _name(rng: random.Random, used: set[str], avoid: str) -> str:
    while True:
        given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.8 else "")
        name = rng.choice(_SURNAMES) + given
        if name not in used and name not in avoid:
            used.add(name)
            return name


def _split(row: dict, stages: list[str]) -> dict[str, int]:
    """The full-time teachers per 学段: in proportion to pupils, each at least the stage's largest count."""
    total = int(row["专任教师数"])
    pupils = {st: float(row.get(f"{st}在校生数") or 0) for st in stages}
    if "高中" in stages:
        pupils["高中"] = float(row.get("高中在校生数") or 0) * 1.3
    need = {st: max(int(row.get(f"{st}{c}") or 0) for c in ("高于规定学历教师数", "县级及以上骨干教师数",
                                                             "体育艺术专任教师数")) for st in stages}
    weight = sum(pupils.values())
    out = {st: max(need[st], round(total * pupils[st] / weight)) for st in stages}
    while sum(out.values()) != total:                 # give back (or take) where there is most room
        step = 1 if sum(out.values()) < total else -1
        st = max(stages, key=lambda s: (out[s] - need[s], s))
        out[st] += step
    assert all(out[st] >= need[st] for st in stages), (row["学校名称"], out, need)
    return out


def _stages(row: dict) -> list[str]:
    out = [st for st in ("小学", "初中") if row.get(f"{st}在校生数")]
    return out + (["高中"] if row.get("高中在校生数") else [])


def _teachers(row: dict, stage: str, n: int, rng: random.Random) -> list[dict]:
    """n full-time teachers of one 学段 with the table's counts of 高于规定学历, 骨干 and 体育艺术."""
    qualified = int(row.get(f"{stage}高于规定学历教师数") or 0) if stage != "高中" else n
    backbone = int(row.get(f"{stage}县级及以上骨干教师数") or 0) if stage != "高中" else round(n * 0.15)
    pe_art = int(row.get(f"{stage}体育艺术专任教师数") or 0) if stage != "高中" else round(n * 0.08)
    if (row["学校名称"], f"{stage}体育艺术专任教师数") == DISAGREE:
        pe_art -= 1
    people = []
    for i in range(n):
        if i < qualified:
            degree = ("本科" if rng.random() < 0.75 else "研究生") if stage != "小学" else \
                rng.choice(["本科", "本科", "本科", "专科", "研究生"])
        else:
            degree = "专科" if stage != "小学" else "高中及以下"
        people.append({"任教学段": stage, "最高学历": degree, "骨干级别": "无",
                       "任教学科": rng.choice(_SUBJECTS[stage])})
    order = list(range(n))
    rng.shuffle(order)
    for k in order[:backbone]:
        people[k]["骨干级别"] = rng.choice(["县级", "县级", "县级", "市级", "市级", "省级"])
    rng.shuffle(order)
    for j, k in enumerate(order[:pe_art]):
        people[k]["任教学科"] = _PE_ART[j % 3]
    return people


def roster_rows(schools: list[dict], avoid: str = "") -> list[dict]:
    """Every member of staff of `schools` (rows of the 2025 school table), as roster rows; no name is one that
    occurs in `avoid` (the examples' other files), so a test can tell a roster name wherever it turns up."""
    rows, used = [], set()
    for row in schools:
        rng = random.Random(f"roster-{row['学校代码']}")
        stages = _stages(row)
        people = [p for st, n in _split(row, stages).items() for p in _teachers(row, st, n, rng)]
        total = len(people)
        uncertified = total - int(row.get("持证专任教师数") or total)
        titled = int(row.get("中级及以上职称教师数") or 0)
        order = list(range(total))
        rng.shuffle(order)
        for rank, k in enumerate(order):
            people[k]["职称"] = (rng.choice(["高级教师", "高级教师", "一级教师", "一级教师", "一级教师"])
                               if rank < titled else rng.choice(["二级教师", "二级教师", "三级教师", "未定级"]))
        rng.shuffle(order)
        for rank, k in enumerate(order):
            people[k]["教师资格证"] = "无" if rank < uncertified else "有"
        for p in people:
            p["是否专任教师"] = "是"
        for k in range(1 + total // 40):                       # the office and support staff
            people.append({"任教学段": "", "是否专任教师": "否", "最高学历": rng.choice(["专科", "本科", "高中及以下"]),
                           "职称": "未定级", "骨干级别": "无", "任教学科": "", "教师资格证": "无",
                           "备注": rng.choice(_OFFICE)})
        for p in people:
            young = p["职称"] in ("三级教师", "未定级") and p["是否专任教师"] == "是"
            year = rng.randint(1992, 2001) if young else rng.randint(1966, 1991)
            p.update({"姓名": _name(rng, used, avoid), "性别": "女" if rng.random() < 0.62 else "男",
                      "出生年月": f"{year}.{rng.randint(1, 12):02d}", "学校代码": row["学校代码"]})
            if p["任教学段"] == "高中":
                p.setdefault("备注", "高中部")
            rows.append(p)
    for i, p in enumerate(rows, 1):
        p["序号"] = i
    return rows

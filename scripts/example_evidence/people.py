"""Fictional people: seeded names and teacher rosters consistent with the school table.

Owns ``person`` (a name and gender drawn from the pools in ``data/common.yaml``), the ``Teacher``
record and ``make_teachers``, which builds a school's roster so that its counts (学历, 体育艺术,
骨干, 持证) agree with the school table.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .common import COMMON, School, rng_for

SURNAMES = COMMON["姓氏"]
GIVEN_M = COMMON["男名用字"]
GIVEN_F = COMMON["女名用字"]
COLLEGES = COMMON["毕业院校"]


def _weighted(d: dict) -> list[str]:
    """{item: count} as a list with each item repeated count times."""
    return [k for k, n in d.items() for _ in range(n)]


PRIMARY_SUBJECTS = _weighted(COMMON["小学学科"])
JUNIOR_SUBJECTS = _weighted(COMMON["初中学科"])
ART_MAJORS = COMMON["体育艺术学科"]
MAJORS = COMMON["学科专业"]
BACKBONE_LEVELS = _weighted(COMMON["骨干教师级别"])
NO_CERT = COMMON["未持证"]


def person(r: random.Random, gender: str | None = None) -> tuple[str, str]:
    g = gender or r.choice("男女")
    pool = GIVEN_M if g == "男" else GIVEN_F
    given = r.choice(pool) + (r.choice(pool) if r.random() < 0.62 else "")
    return r.choice(SURNAMES) + given, g


@dataclass
class Teacher:
    name: str
    gender: str
    born: str
    edu: str
    college: str
    major: str
    subject: str
    title: str
    cert: str
    cert_no: str
    backbone: str
    start: int


def _education(r: random.Random, jun: bool, above: bool) -> str:
    if not above:
        return "中专" if not jun else "专科"
    if jun:
        return "研究生" if r.random() < 0.06 else "本科"
    return r.choices(["研究生", "本科", "专科"], [2, 70, 28])[0]


def _teacher(r: random.Random, i: int, art: int, above: int, junior_share: float) -> Teacher:
    art_subjects = list(ART_MAJORS)
    name, g = person(r)
    jun = r.random() < junior_share
    born_y = r.randint(1968, 2000)
    start = min(2024, born_y + r.randint(21, 24))
    if i < art:
        subject = art_subjects[i % 3]
        major = ART_MAJORS[subject]
    else:
        subject = r.choice(JUNIOR_SUBJECTS if jun else PRIMARY_SUBJECTS)
        major = MAJORS.get(subject, COMMON["其他专业"])
    edu = _education(r, jun, i < above)
    college = r.choice(COLLEGES)
    age = 2025 - born_y
    title = ("高级教师" if age > 48 and r.random() < 0.5 else "一级教师" if age > 34 else
             "二级教师" if age > 26 else "未定级")
    cert = "初级中学教师资格" if jun else "小学教师资格"
    if jun and r.random() < 0.15:
        cert = "高级中学教师资格"
    cert_no = f"{start + r.randint(0, 1)}53{r.randint(10000000, 99999999):08d}{r.randint(100, 999)}"
    return Teacher(name, g, f"{born_y}.{r.randint(1, 12):02d}", edu, college, major, subject, title,
                   cert, cert_no, "", start)


def make_teachers(school: School, key: str = "") -> list[Teacher]:
    """A roster consistent with the school table's teacher counts."""
    r = rng_for("teachers", school.name, key)
    total = int(school.n("专任教师数")) or 40
    above = int(school.n("小学高于规定学历教师数") + school.n("初中高于规定学历教师数")) or int(total * 0.95)
    art = int(school.n("小学体育艺术专任教师数") + school.n("初中体育艺术专任教师数")) or max(2, total // 9)
    bb = int(school.n("小学县级及以上骨干教师数") + school.n("初中县级及以上骨干教师数"))
    certified = int(school.n("持证专任教师数") or total)
    junior_share = school.n("初中在校生数") / max(1, school.students)
    out = [_teacher(r, i, art, above, junior_share) for i in range(total)]
    # backbone teachers: among experienced teachers
    idx = sorted(range(total), key=lambda k: (out[k].start, k))[: max(0, bb)]
    for k in idx:
        out[k].backbone = r.choice(BACKBONE_LEVELS)
    for k in range(certified, total):
        out[k].cert, out[k].cert_no = NO_CERT, ""
    r.shuffle(out)
    return out

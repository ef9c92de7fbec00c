"""Build small, real project folders in a temporary directory for tests."""
from __future__ import annotations

import csv
from pathlib import Path

import yaml

from dossier.load.facts import HEADERS

BASE_SCHOOL = {
    "学校代码": "1001", "学校名称": "甲小学", "学校类型": "小学", "城乡类型": "城区",
    "小学在校生数": 1000, "小学班级数": 24, "小学最大班额": 45,
    "小学高于规定学历教师数": 50, "小学县级及以上骨干教师数": 12, "小学体育艺术专任教师数": 10,
    "教学及辅助用房面积": 5000, "体育运动场馆面积": 8000, "教学仪器设备值": 250, "网络多媒体教室数": 25,
    "音乐专用教室数": 2, "音乐专用教室面积": 200, "美术专用教室数": 2, "美术专用教室面积": 190,
    "专任教师数": 60, "持证专任教师数": 60,
}


def school(**overrides) -> dict:
    row = dict(BASE_SCHOOL)
    row.update(overrides)
    return row


def write_table(path: Path, rows: list[dict], headers: list[str] | None = None) -> Path:
    headers = headers or HEADERS
    if path.suffix == ".xlsx":
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.append(headers)
        for r in rows:
            ws.append([r.get(h) for h in headers])
        wb.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if r.get(h) is None else r.get(h) for h in headers])
    return path


def make_project(root: Path, rows: list[dict], *, level: str = "县", framework: str = "youzhi-2017",
                 facts: dict | None = None, people: dict | None = None, config: dict | None = None,
                 table: str = "学校基础数据.csv", name: str = "测试县") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    cfg = {"单位": {"全称": f"{name}人民政府", "简称": name, "级别": level, "上级单位": "测试市人民政府",
                  "教育行政部门": f"{name}教育局"},
           "框架": framework, "评估年度": 2025, "佐证年度": [2023, 2024, 2025]}
    if config:
        cfg.update(config)
    (folder / "dossier.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_table(folder / table, rows)
    if facts is not None:
        (folder / "指标数据.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    if people is not None:
        (folder / "人员.yaml").write_text(yaml.safe_dump(people, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder

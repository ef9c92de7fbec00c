"""The generator's main program: regenerate both example projects' evidence folders from scratch.

Owns the order of the work (the county's 32 leaf folders C1–C32, then the example school), the
removal of the old evidence, and the summary printed at the end.
"""
from __future__ import annotations

import shutil

from . import a1, a2_conditions, a2_teachers_enrolment, a3, a4
from .common import (COUNTY_DIR, MISSING, ROOT, SCHOOL_DIR, Ctx, county_schools, deep_get, load_framework,
                     load_schools, load_yaml, texts)
from .school import school_evidence

LEAVES = [a1.c1, a1.c2, a1.c3, a1.c4, a1.c5, a1.c6, a1.c7,
          a2_conditions.c8, a2_conditions.c9, a2_conditions.c10, a2_conditions.c11, a2_conditions.c12,
          a2_conditions.c13, a2_conditions.c14,
          a2_teachers_enrolment.c15, a2_teachers_enrolment.c16, a2_teachers_enrolment.c17, a2_teachers_enrolment.c18,
          a2_teachers_enrolment.c19, a2_teachers_enrolment.c20, a2_teachers_enrolment.c21, a2_teachers_enrolment.c22,
          a3.c23, a3.c24, a3.c25, a3.c26, a3.c27, a3.c28, a3.c29, a3.c30, a3.c31,
          a4.c32]


def _project_ctx(project, schools, leaves, county=None) -> Ctx:
    return Ctx(project / "evidence", schools, load_yaml(project / "指标数据.yaml"), load_yaml(project / "人员.yaml"),
               leaves, county)


def main() -> None:
    leaves = load_framework()
    schools = county_schools()
    county = _project_ctx(COUNTY_DIR, schools, leaves)
    for root in (COUNTY_DIR / "evidence", SCHOOL_DIR / "evidence"):
        if root.exists():
            shutil.rmtree(root)
    for f in LEAVES:
        f(county)
    name = deep_get(load_yaml(SCHOOL_DIR / "dossier.yaml"), "单位", "全称", default=texts("school")["默认学校"])
    own = load_schools(SCHOOL_DIR)
    sch = next((s for s in own if s.name == name), None) or next((s for s in schools if s.name == name), schools[0])
    school_evidence(_project_ctx(SCHOOL_DIR, [sch], leaves, county), sch)
    for root in (COUNTY_DIR / "evidence", SCHOOL_DIR / "evidence"):
        files = [p_ for p_ in root.rglob("*") if p_.is_file()]
        size = sum(p_.stat().st_size for p_ in files)
        print(f"{root.relative_to(ROOT)}: {len(files)} files, {size / 1e6:.2f} MB")
    print("expected evidence deliberately left without a document:",
          "; ".join(f"{k} {'、'.join(v)}" for k, v in MISSING.items()))

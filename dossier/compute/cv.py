"""The weighted 差异系数 (coefficient of variation) of one indicator across the schools of one 学段, and the
schools that drive it.

    X̄ = ΣXᵢPᵢ / ΣPᵢ,   S = √(ΣPᵢ(Xᵢ − X̄)² / ΣPᵢ),   CV = S / X̄

where Xᵢ is a school's value and Pᵢ its enrolment in the 学段 (教督〔2017〕6号 附件).
"""
from __future__ import annotations

import math

from dossier.compute.model import CV, SchoolResult

EPS = 1e-9


def weighted_cv(pairs: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """(value, weight) pairs → (CV, weighted mean)."""
    total = sum(p for _, p in pairs)
    if total <= 0 or not pairs:
        return None, None
    mean = sum(x * p for x, p in pairs) / total
    if mean == 0:
        return None, mean
    var = sum(p * (x - mean) ** 2 for x, p in pairs) / total
    return math.sqrt(var) / mean, mean


def compute_cv(code: str, stage: str, results: list[SchoolResult], limit: float | None) -> CV:
    """The 差异系数 of `code` over `results` (one 学段), with the five schools that raise it most."""
    rows = [(r, r.indicators[code].value) for r in results
            if code in r.indicators and r.indicators[code].value is not None and r.students > 0]
    pairs = [(value, r.students) for r, value in rows]
    cv, mean = weighted_cv(pairs)
    met = None if cv is None or limit is None else cv <= limit + EPS
    drivers = []
    if cv is not None and mean:
        total = sum(p for _, p in pairs)
        contributions = []
        for i, (r, value) in enumerate(rows):
            share = r.students * (value - mean) ** 2 / total
            adjusted = [(mean if j == i else x, p) for j, (x, p) in enumerate(pairs)]
            cv_if, _ = weighted_cv(adjusted)
            contributions.append({"school": r.name, "code": r.code, "value": value, "students": r.students,
                                  "direction": "低于" if value < mean else "高于",
                                  "contribution": share, "cv_if_mean": cv_if})
        contributions.sort(key=lambda d: -d["contribution"])
        drivers = contributions[:5]
    return CV(code, stage, cv, limit, met, mean, len(pairs), drivers)

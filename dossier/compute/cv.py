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
    """The 差异系数 of `code` over `results` (one 学段), with the five schools that raise it most.

    Linear in the schools: each school's "CV if it were at the mean" comes from the sums, not from a new pass.
    With dᵢ = Xᵢ − X̄ and Q = ΣPᵢdᵢ², moving school i to X̄ shifts the mean by δ = −Pᵢdᵢ/W and leaves the
    variance (Q − Pᵢdᵢ²)/W − δ²."""
    rows = [(r, r.indicators[code].value) for r in results
            if code in r.indicators and r.indicators[code].value is not None and r.students > 0]
    pairs = [(value, r.students) for r, value in rows]
    cv, mean = weighted_cv(pairs)
    met = None if cv is None or limit is None else cv <= limit + EPS
    drivers = []
    if cv is not None and mean:
        total = sum(p for _, p in pairs)
        q = sum(p * (x - mean) ** 2 for x, p in pairs)
        contributions = []
        for r, value in rows:
            d = value - mean
            share = r.students * d ** 2 / total
            contributions.append((-share, len(contributions), r, value, d))
        contributions.sort(key=lambda c: c[:2])
        for neg_share, _, r, value, d in contributions[:5]:
            delta = -r.students * d / total
            mean_if = mean + delta
            var_if = max(0.0, (q - r.students * d ** 2) / total - delta ** 2)
            cv_if = None if mean_if == 0 else math.sqrt(var_if) / mean_if
            drivers.append({"school": r.name, "code": r.code, "value": value, "students": r.students,
                            "direction": "低于" if value < mean else "高于", "contribution": -neg_share,
                            "cv_if_mean": cv_if})
    return CV(code, stage, cv, limit, met, mean, len(pairs), drivers)

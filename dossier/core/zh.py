"""Chinese formatting, one function for each thing: figures (4,520.5平方米, 12.4万元, 93.2%), dates
(2025年3月10日, 2025年3月—5月, 档案 dates written YYYYMMDD), lists (甲、乙、丙) and display widths (a CJK
character takes two terminal columns). Every stage formats through here, so a figure reads the same in the
terminal, the drafts, the volumes and the set files.
"""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Any, Iterable


# ---------------------------------------------------------------------------------------------------- figures

def fmt_num(x: Any, decimals: int = 1, strip: bool = False, sep: bool = True) -> str:
    """4520.5 → "4,520.5"; decimals fixed unless `strip` drops trailing zeros; None → ""."""
    if x is None or x == "":
        return ""
    if isinstance(x, str):
        return x
    x = float(x)
    if math.isnan(x):
        return ""
    text = f"{x:,.{decimals}f}" if sep else f"{x:.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text[0] == "-" and not text.strip("-0."):      # -0, -0.0, -0.00 …: a zero has no sign
        text = text[1:]
    return text


def num(x: float | None, digits: int = 2) -> str:
    """A figure in a reason or a check table: 4,520.5; 12; trailing zeros dropped; None → "—"."""
    return "—" if x is None else fmt_num(x, digits, strip=True)


def fmt_int(x: Any) -> str:
    return fmt_num(x, 0)


def fmt_auto(x: Any) -> str:
    """A figure shown without a fixed precision: 0.517, 5.14, 1,932, 12.4."""
    if x is None or isinstance(x, str):
        return "" if x is None else x
    ax = abs(float(x))
    if ax < 1:
        return fmt_num(x, 3, strip=True)
    if ax < 100:
        return fmt_num(x, 2, strip=True)
    return fmt_num(x, 1, strip=True)


def fmt_pct(x: Any, decimals: int = 1) -> str:
    """93.2 → "93.2%" (x is already a percentage)."""
    if x is None:
        return ""
    return f"{fmt_num(x, decimals, strip=True)}%"


def fmt_wan(x: Any) -> str:
    """An amount already in 万元: 12.4万元; an amount that one decimal would show as 0.0 keeps two (0.04万元)."""
    if x is None:
        return ""
    decimals = 2 if x and abs(float(x)) < 0.05 else 1
    return f"{fmt_num(x, decimals)}万元"


def fmt_count_wan(x: Any, unit: str) -> str:
    """A count in 万 with the unit: 69,800册 → 6.98万册 (two decimals, trailing zeros dropped, so that the figure
    is not rounded to 7万); a count under 10,000 stays whole: 8,500册."""
    if x is None or x == "" or not float(x):
        return ""
    x = float(x)
    if abs(x) < 10000:
        return f"{fmt_num(x, 0)}{unit}"
    return f"{fmt_num(x / 10000, 2, strip=True)}万{unit}"


def fmt_area(x: Any) -> str:
    return "" if x is None else f"{fmt_num(x, 1, strip=True)}平方米"


def fmt_value(value: float | None, threshold: float | None, met: bool | None, unit: str = "") -> str:
    """An indicator value rounded for a table: whole 元 for money, two decimals otherwise; never rounded so that a
    miss would look like a pass (more decimals are shown until the rounded figure is on the right side)."""
    if value is None:
        return "未填报"
    ref = threshold if threshold is not None else value
    decimals = 0 if unit == "元" or abs(ref) >= 100 else 2
    if met is False and threshold is not None:
        below = value < threshold
        while decimals < 4:
            r = round(value, decimals)
            if (below and r < threshold) or (not below and r > threshold):
                break
            decimals += 1
    return fmt_num(value, decimals)


def fmt_threshold(x: float | None) -> str:
    return "" if x is None else fmt_num(x, 2, strip=True)


def join_cn(items: Iterable[Any], sep: str = "、") -> str:
    """甲、乙、丙: the items that are not empty, joined."""
    return sep.join(str(i) for i in items if i not in (None, ""))


# ---------------------------------------------------------------------------------------------------- dates

def date_cn(d: dt.date | None) -> str:
    """2025-03-10 → 2025年3月10日; None → ""."""
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


def month_cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月"


def month_range_cn(a: dt.date, b: dt.date) -> str:
    """2025年4月—5月; 2025年11月—2026年1月; one month: 2025年4月."""
    if (a.year, a.month) == (b.year, b.month):
        return month_cn(a)
    if a.year == b.year:
        return f"{a.year}年{a.month}月—{b.month}月"
    return f"{month_cn(a)}—{month_cn(b)}"


def ymd_cn(date: str) -> str:
    """An archival date YYYYMMDD as words: 20230315 → 2023年3月15日, 20230300 → 2023年3月, 20230000 → 2023年."""
    if not date or len(date) != 8 or not date.isdigit():
        return date or ""
    y, m, d = int(date[:4]), int(date[4:6]), int(date[6:])
    if m == 0:
        return f"{y}年"
    if d == 0:
        return f"{y}年{m}月"
    return f"{y}年{m}月{d}日"


# ---------------------------------------------------------------------------------------------------- widths

def width(text: str) -> int:
    """Display width in terminal columns: wide and full-width characters (CJK) count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def pad(text: str, w: int, right: bool = False) -> str:
    """`text` padded with spaces to `w` columns (on the left when `right`)."""
    text = str(text)
    fill = " " * max(0, w - width(text))
    return fill + text if right else text + fill


def cut(text: str, w: int) -> str:
    """`text` shortened to at most `w` columns, with "…" where it was cut."""
    text = str(text)
    if width(text) <= w:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > w - 1:
            break
        out += ch
    return out + "…"


def clip(text: str, cols: int) -> str:
    """`text` cut (without a mark) to fit `cols` columns: a terminal line that must not wrap."""
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > cols:
            break
        out.append(ch)
        used += w
    return "".join(out)

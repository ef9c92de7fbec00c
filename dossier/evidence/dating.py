"""Dates for undated documents, from their own text: a document whose file name and 目录 give no date is dated by
the date its text shows (the last one found in its first pages: a letter's or notice's 落款 comes after the dates it
quotes), written 2024年3月5日, 2024-03-05, 2024.3.5 or 二〇二四年三月五日. One whose text shows none is marked
未注明日期 in its 备注, so the 卷内目录 never leaves a blank date unexplained.
"""
from __future__ import annotations

import re

from dossier.evidence.names import _valid_ymd

NOTE_FROM_TEXT = "日期取自正文"
NOTE_UNDATED = "未注明日期"

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_ARABIC = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?")
_CHINESE = re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")


def _cn_small(text: str) -> int:
    """一 … 三十一."""
    if "十" not in text:
        return _DIGITS.get(text, -1) if len(text) == 1 else -1
    tens, _, ones = text.partition("十")
    return (_DIGITS.get(tens, -1) if tens else 1) * 10 + (_DIGITS.get(ones, -1) if ones else 0)


def text_date(text: str) -> str:
    """The last valid date in `text` as YYYYMMDD, or ""."""
    found: list[tuple[int, str]] = []
    for m in _ARABIC.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid_ymd(y, mo, d, partial=False):
            found.append((m.end(), f"{y:04d}{mo:02d}{d:02d}"))
    for m in _CHINESE.finditer(text):
        y = int("".join(str(_DIGITS[c]) for c in m.group(1)))
        mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
        if _valid_ymd(y, mo, d, partial=False):
            found.append((m.end(), f"{y:04d}{mo:02d}{d:02d}"))
    return max(found)[1] if found else ""


def date_undated(docs) -> bool:
    """Date each undated document from its text (or mark it undated); True when any document got a date (its
    leaf's order may have changed)."""
    changed = False
    for doc in docs:
        if doc.date:
            continue
        date = text_date(getattr(doc, "text", "") or "")
        mark = NOTE_FROM_TEXT if date else NOTE_UNDATED
        if mark not in doc.note:
            doc.note = "；".join(x for x in (doc.note, mark) if x)
        if date:
            doc.date = date
            if len(doc.order) >= 5 and doc.order[3:5] == (1, ""):      # collect's order: (seq, group, date, name)
                doc.order = doc.order[:3] + (0, date) + doc.order[5:]
            changed = True
    return changed

"""Chinese numerals as documents and archives write them: 一、二…十一…一百零五 (section numbers, 卷二)."""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五, 100 → 一百, 105 → 一百零五, 110 → 一百一十."""
    n = int(n)
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + DIGITS[rest]
        return head + DIGITS[rest // 10] + "十" + (DIGITS[rest % 10] if rest % 10 else "")
    return str(n)

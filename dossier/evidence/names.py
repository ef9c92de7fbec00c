"""Names in the evidence folder: which leaf a folder belongs to (C6 …, C06 …; C1 never matches C10), the
date, 文号 and 题名 a file name carries (20230315_峨教发〔2023〕12号_关于….pdf), dates as 目录 cells give them,
file names that are not UTF-8, and the names of bound volumes (C06 生均教学仪器设备值（卷二）.pdf, their 档号).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dossier.core.numerals import cn_numeral


@lru_cache(maxsize=1 << 16)
def natural_key(text: str) -> tuple:
    """'2.pdf' before '10.pdf'; case-insensitive otherwise."""
    return tuple((0, int(t), t) if t.isdigit() else (1, 0, t.lower()) for t in re.split(r"(\d+)", text) if t)


def code_matches(name: str, code: str) -> bool:
    """Does a folder name start with `code`, followed by a non-digit or the end? (C1 never matches C10.)"""
    if not name[:len(code)].upper() == code.upper():
        return False
    rest = name[len(code):]
    return not rest or not rest[0].isdigit()


def _unpad(text: str) -> str:
    """C06 → C6 (for folders named like the bound volumes)."""
    return re.sub(r"(?<![0-9])0+(\d)", r"\1", text)


def match_code(name: str, codes: list[str]) -> str | None:
    """The leaf code a folder name starts with (the longest that matches), or None."""
    best = None
    for code in codes:
        if code_matches(name, code) and (best is None or len(code) > len(best)):
            best = code
    if best is None:
        m = re.match(r"[A-Za-z]*\d+(?:[.\-]\d+)*", name)
        if m:
            head = _unpad(m.group(0))
            for code in codes:
                if _unpad(code).upper() == head.upper() and code_matches(head + name[m.end():], head):
                    best = code
                    break
    return best


_DOCNO = re.compile(r"^[\u4e00-\u9fffA-Za-z·]+\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*第?\s*\d+\s*号$")


_DATE_PREFIX = [
    re.compile(r"^(\d{4})(\d{2})(\d{2})(?=[_\s\-－—.、]|$)"),
    re.compile(r"^(\d{4})[-.](\d{1,2})[-.](\d{1,2})(?=[_\s\-－—、]|$)"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日"),
]


def normalize_doc_no(text: str) -> str:
    """峨教发[2023]12号 → 峨教发〔2023〕12号 (the 六角括号 of GB/T 9704)."""
    return re.sub(r"[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]", r"〔\1〕", text.strip())


def is_doc_no(text: str) -> bool:
    return bool(_DOCNO.match(text.strip()))


def _valid_ymd(y: int, m: int, d: int, partial: bool = False) -> bool:
    if partial and (m == 0 or d == 0):
        return 1900 <= y <= 2100 and 0 <= m <= 12 and (m != 0 or d == 0)
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def parse_filename(stem: str) -> tuple[str, str, str]:
    """(date YYYYMMDD or "", 文号 or "", 题名) from a file name without extension."""
    date = ""
    rest = stem.strip()
    for rx in _DATE_PREFIX:
        m = rx.match(rest)
        if m and _valid_ymd(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            date = f"{int(m.group(1)):04d}{int(m.group(2)):02d}{int(m.group(3)):02d}"
            rest = rest[m.end():].lstrip("_ -－—.、\t")
            break
    doc_no = ""
    if "_" in rest:
        head, tail = rest.split("_", 1)
        if is_doc_no(head) and tail.strip():
            doc_no = normalize_doc_no(head)
            rest = tail.strip()
    if not rest:           # e.g. "20230315.pdf": no title beyond the date
        rest = stem.strip()
    return date, doc_no, rest


def parse_date_value(value) -> str | None:
    """A 目录 cell as YYYYMMDD ("00" for an unknown month or day); "" for blank; None if unreadable."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            value = str(int(value))
        else:
            return None
    text = str(value).strip()
    if not text:
        return ""
    text = text.replace("／", "/").replace("．", ".").replace("－", "-")
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        m = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f"{y:04d}{mo:02d}{d:02d}" if _valid_ymd(y, mo, d, partial=True) else None
    m = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?", text) or re.fullmatch(r"(\d{4})(\d{2})", text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y:04d}{mo:02d}00" if 1 <= mo <= 12 and 1900 <= y <= 2100 else None
    m = re.fullmatch(r"(\d{4})\s*年?", text)
    if m and 1900 <= int(m.group(1)) <= 2100:
        return f"{int(m.group(1)):04d}0000"
    return None


def bad_name(name: str) -> bool:
    """A file name that is not valid UTF-8 (Python holds its bytes as surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def shown_name(name: str) -> str:
    """A name that can always be printed: undecodable bytes as \\xNN."""
    if not bad_name(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _guess_name(name: str) -> str | None:
    """What a name not in UTF-8 probably says (Windows zips carry GBK names), or None."""
    raw = name.encode("utf-8", "surrogateescape")
    try:
        guess = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return guess if guess.isprintable() else None


# ---------------------------------------------------------------------------------------------------- volumes

def pad_code(code: str) -> str:
    """C6 → C06, B1-C3 → B01-C03 (so that volumes sort by code)."""
    return re.sub(r"(?<!\d)(\d)(?!\d)", r"0\1", code)


def _safe(text: str) -> str:
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip().rstrip(".")
    return text[:60]


def volume_filename(code: str, title: str, part: int | None) -> str:
    return f"{pad_code(code)} {_safe(title)}" + (f"（卷{cn_numeral(part)}）" if part else "") + ".pdf"


def page_range(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def archive_no(scheme: str, year: int, code: str, part: int | None, parts: int) -> str:
    """The 档号 of a volume from the scheme in dossier.yaml (档案.档号: {年度} {代码} {卷} are replaced). A leaf
    bound in one volume has no volume number (nor a separator or 卷 left dangling before it); without {卷} in
    the scheme, split volumes get -1, -2…"""
    text = scheme.replace("{年度}", str(year)).replace("{代码}", pad_code(code))
    if "{卷}" in scheme:
        if part:
            text = text.replace("{卷}", str(part))
        else:
            text = re.sub(r"[-－—_·.]?卷?\{卷\}", "", text)
            text = re.sub(r"[-－—_·.\s]+$", "", text)
    elif parts > 1:
        text += f"-{part}"
    return text

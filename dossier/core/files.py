"""Small file helpers shared by the stages: content hashes, which files are junk, reproducible Office zips."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

JUNK_NAMES = {"thumbs.db", "desktop.ini", "ehthumbs.db", "__pycache__"}
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def sha256_file(path: Path, bufsize: int = 1 << 20) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read once, read-only, in chunks (flat memory)."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(bufsize)
            if not chunk:
                break
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def is_junk(name: str) -> bool:
    """Hidden files, Office lock files (~$…) and system clutter: never sources, never outputs."""
    return name.startswith(".") or name.startswith("~$") or name.lower() in JUNK_NAMES


def normalize_zip(data: bytes, when: dt.datetime | None = None) -> bytes:
    """Rewrite a saved .docx/.xlsx so its bytes depend only on its content: fixed entry timestamps and attributes,
    [Content_Types].xml first, no thumbnail, and (given `when`) the core properties' created/modified dates."""
    stamp = ZIP_EPOCH if when is None else (max(when.year, 1980), when.month, when.day, when.hour, when.minute,
                                            when.second - when.second % 2)
    src = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in src.namelist() if not n.startswith("docProps/thumbnail")]
    names.sort(key=lambda n: n != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            body = src.read(name)
            if when is not None and name == "docProps/core.xml":
                iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + iso + rb"\g<2>",
                              body)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, body)
    return out.getvalue()


def decode_text(raw: bytes) -> str | None:
    """Text as Chinese offices save it: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (the
    superset of GBK and GB2312); None for bytes that are not text (a NUL byte, or nothing decodes)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def os_reason(e: OSError) -> str:
    """An OSError in words (Chinese), never the system's English message."""
    import errno
    return {errno.ENOENT: "文件不存在或已被移走", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
            errno.EISDIR: "是文件夹", errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "链接层数过多（可能形成循环）",
            errno.EIO: "磁盘读取出错", errno.ENOSPC: "磁盘空间不足", errno.EROFS: "磁盘或文件夹是只读的"}.get(e.errno, "读取出错")


def write_reason(e: OSError) -> str:
    """An OSError while writing, in words (Chinese): a full disk, a read-only folder, a missing permission."""
    import errno
    return {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已用完", errno.EROFS: "磁盘或文件夹是只读的",
            errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENOENT: "文件夹不存在或已被移走",
            errno.EFBIG: "文件过大", errno.EMFILE: "同时打开的文件过多", errno.ENOTDIR: "路径中有一部分不是文件夹",
            errno.EEXIST: "同名文件已存在"}.get(e.errno, os_reason(e))


def low_space(*paths, need: int = 16 << 20) -> bool:
    """Whether any of `paths` (or its nearest existing parent) has less than `need` bytes free: a program that
    failed there most likely ran out of disk."""
    import shutil
    for path in paths:
        path = Path(path)
        while not path.exists() and path != path.parent:
            path = path.parent
        try:
            if shutil.disk_usage(path).free < need:
                return True
        except OSError:
            continue
    return False

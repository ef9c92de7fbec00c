"""Every write the web app makes into a content folder, each atomic and recorded by the caller in the audit log:

- an evidence upload: the file checked by its content (not its extension) against the types the converters
  take, archives refused, the size limited, the name sanitised so that no path leaves the indicator's folder;
  streamed to a hidden temporary file in the target folder, then linked into place (never over an existing
  file), then its row added to the folder's 目录 (目录.xlsx or 目录.csv, rewritten to a temporary file and
  renamed over the old one);
- a withdrawal: the file moved (renamed, never deleted) to .已撤回/ in the content folder, and its 目录 row taken
  out; a replacement is a withdrawal and an upload;
- a new school table: validated on a copy of the project first, written in place only when it is valid.
Writes to one folder are serialised by a lock.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import tempfile
import threading
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype

from dossier.core.errors import DossierError, Problem
from dossier.core.files import decode_text
from dossier.evidence.catalog import COLUMNS, INDEX_STEM
from dossier.evidence.converters import supported_extensions
from dossier.web.projects import WITHDRAWN

INDEX_HEADER = ["文件名", "题名", "文号", "责任者", "日期", "备注", "顺序"]
OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ODF = {".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
       ".odp": "application/vnd.oasis.opendocument.presentation"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAGIC = {".pdf": (b"%PDF-",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
         ".tif": (b"II*\x00", b"MM\x00*"), ".tiff": (b"II*\x00", b"MM\x00*"), ".rtf": (b"{\\rtf",),
         ".doc": (OLE2,), ".xls": (OLE2,), ".ppt": (OLE2,), ".wps": (OLE2,), ".et": (OLE2,), ".dps": (OLE2,)}
TEXT = {".md", ".txt", ".markdown"}
_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


class Refused(DossierError):
    """An upload that is not taken, with the reason in Chinese."""


@dataclass
class Written:
    rel: str            # relative to the content folder
    sha256: str
    size: int


def folder_lock(path: Path) -> threading.RLock:
    with _locks_guard:
        return _locks.setdefault(str(Path(path).resolve()), threading.RLock())


def sanitize(name: str) -> str:
    """A safe file name from what the browser sent: the last path part only, no control characters, no
    characters Windows forbids, no leading dots, at most 120 characters (the extension kept)."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*\x00]', "_", name).strip().lstrip(". ").rstrip(". ")
    stem, suffix = os.path.splitext(name)
    if len(name) > 120:
        name = stem[:120 - len(suffix)] + suffix
    if not stem or name in (".", ".."):
        raise Refused(Problem("文件名无效", hint="请把文件改名为有意义的名称后再上传"))
    if Path(name).stem == INDEX_STEM:
        raise Refused(Problem("“目录”是目录文件的保留名称，不能作为佐证材料的文件名", hint="请改名后再上传"))
    return name


def check_content(path: Path, name: str) -> None:
    """Refuse a file whose content is not what its extension says, any archive, and types the build cannot bind."""
    suffix = Path(name).suffix.lower()
    if suffix not in supported_extensions():
        raise Refused(Problem(f"不支持的文件类型“{suffix or '无扩展名'}”", file=name,
                              hint="可上传 PDF、Word、Excel、PowerPoint、WPS、图片（JPG/PNG/TIFF）或 Markdown/TXT"))
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head:
        raise Refused(Problem("文件是空的", file=name))
    if suffix in OOXML or suffix in ODF:
        _check_office_zip(path, name, suffix)
        return
    kind = filetype.guess(head)
    if kind is not None and filetype.is_archive(head) and kind.extension not in ("pdf", "rtf"):
        raise Refused(Problem(f"不能上传压缩包（内容为 {kind.extension} 格式）", file=name, hint="请解压后逐个上传其中的文件"))
    if suffix in MAGIC:
        if not any(head.startswith(m) for m in MAGIC[suffix]):
            found = f"实际内容为 {kind.extension} 格式" if kind else "无法识别其内容"
            raise Refused(Problem(f"文件内容与扩展名“{suffix}”不符（{found}）", file=name,
                                  hint="请确认文件未损坏，并使用正确的扩展名"))
        return
    if suffix in TEXT:
        if b"\x00" in head or decode_text(path.read_bytes()) is None:
            raise Refused(Problem("文本文件的内容不是可识别的文字（可能是二进制文件）", file=name))
        return
    raise Refused(Problem(f"无法核实“{suffix}”文件的内容", file=name))


def _check_office_zip(path: Path, name: str, suffix: str) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if suffix in OOXML:
                ok = "[Content_Types].xml" in names and any(n.startswith(OOXML[suffix]) for n in names)
            else:
                ok = "mimetype" in names and z.read("mimetype").decode("ascii", "replace").strip() == ODF[suffix]
    except (zipfile.BadZipFile, OSError, KeyError):
        ok = False
    if not ok:
        raise Refused(Problem(f"文件内容不是有效的“{suffix}”文档（压缩包或损坏的文件不能上传）", file=name,
                              hint="请用 Word、Excel、WPS 打开后重新保存再上传"))


def receive(chunks, folder: Path, limit: int) -> tuple[Path, str, int]:
    """Stream an upload into a hidden temporary file in `folder`; (temp path, sha256, size). Over `limit`
    bytes it is removed and refused."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=folder)
    h, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise Refused(Problem(f"文件超过 {limit // (1024 * 1024)} MB 的上限", hint="请压缩图片或拆分文件后再上传"))
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp), h.hexdigest(), size


def place(tmp: Path, target: Path) -> None:
    """Move the finished temporary file to `target` atomically, never over an existing file."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise Refused(Problem(f"该指标的文件夹中已有同名文件“{target.name}”", hint="如要更换，请对原文件使用“替换”"))
    finally:
        os.unlink(tmp)


def _header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:20]):
        cells = [str(c).strip() if c is not None else "" for c in row]
        if any(c in COLUMNS["文件名"] for c in cells):
            cols: dict[str, int] = {}
            for j, c in enumerate(cells):
                for canon, aliases in COLUMNS.items():
                    if c in aliases and canon not in cols:
                        cols[canon] = j
            return i, cols
    return None


def _index_file(folder: Path) -> Path:
    for suffix in (".xlsx", ".csv"):
        if (folder / f"{INDEX_STEM}{suffix}").is_file():
            return folder / f"{INDEX_STEM}{suffix}"
    return folder / f"{INDEX_STEM}.csv"


def _read_rows(path: Path) -> list[list]:
    if not path.exists():
        return [list(INDEX_HEADER)]
    if path.suffix == ".xlsx":
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
        return rows
    text = decode_text(path.read_bytes())
    if text is None:
        raise Refused(Problem("目录文件的编码无法识别，未能登记", file=path.name, hint="请另存为 UTF-8 编码的 CSV 或 .xlsx"))
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _write_rows(path: Path, rows: list[list]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        if path.suffix == ".xlsx":
            import openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            for r in rows:
                ws.append(["" if c is None else c for c in r])
            wb.save(tmp)
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def edit_index(folder: Path, name: str, values: dict | None) -> None:
    """Take the row of file `name` out of the folder's 目录, and add `values` (canonical column → text) as its new
    row when given; the 目录 is created (as 目录.csv) if the folder has none."""
    path = _index_file(folder)
    if values is None and not path.exists():
        return
    rows = _read_rows(path)
    found = _header(rows)
    if found is None:
        raise Refused(Problem("目录文件缺少“文件名”列，未能登记", file=path.name, hint="表头应包含：" + "、".join(INDEX_HEADER)))
    at, cols = found
    for canon in INDEX_HEADER:
        if canon not in cols:
            cols[canon] = max(len(rows[at]), max(cols.values()) + 1)
            rows[at] = list(rows[at]) + [None] * (cols[canon] + 1 - len(rows[at]))
            rows[at][cols[canon]] = canon
    width = len(rows[at])
    kept = rows[:at + 1] + [r for r in rows[at + 1:]
                            if not (len(r) > cols["文件名"] and str(r[cols["文件名"]] or "").strip() == name)]
    if values is not None:
        row = [None] * width
        row[cols["文件名"]] = name
        for canon, value in values.items():
            if canon in cols and value not in (None, ""):
                row[cols[canon]] = value
        kept.append(row)
    _write_rows(path, kept)


def add_evidence(leaf_folder: Path, root: Path, upload, meta: dict, limit: int, *, replacing: Path | None = None,
                 now: dt.datetime | None = None) -> tuple[Written, Written | None]:
    """Upload one evidence file into `leaf_folder` with its 目录 row; with `replacing`, that file is withdrawn
    once the new one has passed its checks (and before it is placed, so it may keep the same name). Returns what
    was written and what was withdrawn."""
    name = sanitize(upload.name)
    target = leaf_folder / name
    if target.resolve().parent != leaf_folder.resolve():
        raise Refused(Problem("文件名无效", hint="请改名后再上传"))
    with folder_lock(leaf_folder):
        tmp, digest, size = receive(upload.chunks(), leaf_folder, limit)
        moved = None
        try:
            check_content(tmp, name)
            if target.exists() and (replacing is None or target.resolve() != Path(replacing).resolve()):
                raise Refused(Problem(f"该指标的文件夹中已有同名文件“{target.name}”",
                                      hint="如要更换，请对原文件使用“替换”"))
            if replacing is not None:
                moved = withdraw(Path(replacing), root, now or dt.datetime.now(), leaf_folder)
        except BaseException:
            os.unlink(tmp)
            raise
        place(tmp, target)
        edit_index(leaf_folder, name, meta)
    return Written(target.relative_to(root).as_posix(), digest, size), moved


def withdraw(path: Path, root: Path, now: dt.datetime, leaf_folder: Path | None = None) -> Written:
    """Move an evidence file to .已撤回/ (same relative folder, the time in front of its name) and take its row out
    of the 目录; returns where it went and its hash."""
    path = Path(path)
    if not path.is_file() or root.resolve() not in path.resolve().parents:
        raise Refused(Problem("文件不存在或不在项目文件夹中"))
    rel = path.relative_to(root)
    dest_dir = root / WITHDRAWN / rel.parent
    dest_dir.mkdir(parents=True, exist_ok=True)
    with folder_lock(path.parent):
        from dossier.core.files import sha256_file
        digest, size = sha256_file(path)
        dest = dest_dir / f"{now:%Y%m%d-%H%M%S}_{path.name}"
        n = 1
        while dest.exists():
            n += 1
            dest = dest_dir / f"{now:%Y%m%d-%H%M%S}-{n}_{path.name}"
        os.rename(path, dest)
        folder, name = path.parent, path.name
        while True:                     # its row may be in this folder's 目录 or in a 目录 above it
            edit_index(folder, name, None)
            if leaf_folder is None or folder.resolve() == Path(leaf_folder).resolve() or folder == root:
                break
            name, folder = f"{folder.name}/{name}", folder.parent
    return Written(dest.relative_to(root).as_posix(), digest, size)


def keep_aside(path: Path, root: Path, now: dt.datetime) -> str:
    """Move a project file (a replaced school table) to .已撤回/; its new relative path."""
    dest_dir = root / WITHDRAWN
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{now:%Y%m%d-%H%M%S}_{path.name}"
    os.rename(path, dest)
    return dest.relative_to(root).as_posix()


def copy_inputs(folder: Path, dest: Path, skip_evidence: bool = False) -> Path:
    """A copy of the project's inputs (hidden files aside) in `dest/<name>`, files hard-linked where possible:
    the web only ever replaces files by renaming, so a link keeps the content it had when copied."""
    target = dest / folder.name

    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    ignore = shutil.ignore_patterns(".*", "~$*", *(("evidence",) if skip_evidence else ()))
    shutil.copytree(folder, target, ignore=ignore, copy_function=link_or_copy, symlinks=True)
    return target

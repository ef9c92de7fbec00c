"""Evidence documents in the content folder: `<project>/evidence/<code>…/`.

Each leaf indicator has at most one folder whose name starts with its code (`C6 生均教学仪器设备值/` or `C6/`;
the code must be followed by a non-digit or the end, so `C1` never matches `C10`). Sub-folders are allowed and
keep their order (sorted by name). Each document's 题名, 文号, 责任者, 日期, 备注 and 顺序 come from an optional
`目录.xlsx` / `目录.csv` in its folder, else from the file name (`20230315_峨教发〔2023〕12号_关于….pdf`).

`collect()` only reads: it never opens a source for writing. Everything a user can get wrong becomes a
`Problem` naming the file; the caller raises them, or with --keep-going lists them in the volume's note.
`coverage()` matches the evidence items a leaf expects against the documents' titles (also used for the
volume note and the coverage report).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from dossier.core.files import is_junk, sha256_file
from dossier.core.errors import DossierError, Problem

EVIDENCE_DIR = "evidence"
INDEX_STEM = "目录"

# file kinds by extension (lower case, with dot)
PDF_EXT = {".pdf"}
OFFICE_EXT = {".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt", ".ods", ".odp", ".rtf"}
IMAGE_EXT = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
TEXT_EXT = {".md", ".markdown", ".txt"}
SUPPORTED_EXT = PDF_EXT | OFFICE_EXT | IMAGE_EXT | TEXT_EXT

# junk the operating systems and office suites leave behind; skipped silently

# 目录 columns, with the aliases people actually type
COLUMNS = {
    "文件名": ("文件名", "文件", "文件名称"),
    "题名": ("题名", "标题", "名称", "文件题名"),
    "文号": ("文号", "发文字号"),
    "责任者": ("责任者", "发文单位", "责任单位"),
    "日期": ("日期", "成文日期", "时间", "发文日期"),
    "备注": ("备注", "说明"),
    "顺序": ("顺序", "排序", "序号"),
}


def kind_of(path: Path | str) -> str | None:
    """'pdf', 'office', 'image', 'text', or None for an unsupported type."""
    ext = Path(path).suffix.lower()
    if ext in PDF_EXT:
        return "pdf"
    if ext in OFFICE_EXT:
        return "office"
    if ext in IMAGE_EXT:
        return "image"
    if ext in TEXT_EXT:
        return "text"
    return None


@dataclass
class EvidenceDoc:
    path: Path                 # the file under evidence/ (read only)
    rel: str                   # POSIX path relative to the content folder, e.g. "evidence/C6/a.pdf"
    leaf: str                  # leaf code, e.g. "C6"
    title: str                 # 题名
    doc_no: str                # 文号
    author: str                # 责任者
    date: str                  # YYYYMMDD ("00" for an unknown month or day, DA/T 22), or ""
    note: str                  # 备注
    order: tuple               # sort key within the leaf
    sha256: str
    size: int
    display: str = ""          # how messages name the file (e.g. 示例县/evidence/C6/a.pdf)

    @property
    def kind(self) -> str | None:
        return kind_of(self.path)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Collection:
    by_leaf: dict[str, list[EvidenceDoc]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    folders: dict[str, Path] = field(default_factory=dict)    # leaf code → its (first) evidence folder
    extra_folders: dict[str, list[Path]] = field(default_factory=dict)   # leaf code → further folders (an error)
    owners: dict[int, str] = field(default_factory=dict)      # id(problem) → the leaf it belongs to

    @property
    def docs(self) -> list[EvidenceDoc]:
        return [d for docs in self.by_leaf.values() for d in docs]

    def assign(self, code: str, problems) -> None:
        for p in problems:
            self.owners[id(p)] = code

    def problems_for(self, code: str) -> list[Problem]:
        """Problems of the leaf (for the volume note with --keep-going): those collect() found in or about its
        folders, and any other problem located inside one of its folders."""
        folders = ([self.folders[code]] if code in self.folders else []) + list(self.extra_folders.get(code, []))
        prefixes = [f.name for f in folders]
        out = []
        for p in self.problems:
            owner = self.owners.get(id(p))
            if owner is not None:
                if owner == code:
                    out.append(p)
                continue
            if p.file and any(f"/{prefix}/" in p.file or p.file.endswith(f"/{prefix}") for prefix in prefixes):
                out.append(p)
        return out

    def raise_if_any(self) -> None:
        if self.problems:
            raise DossierError(self.problems)


# ---------------------------------------------------------------------------------------------------------------
# helpers

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


def format_date(date: str) -> str:
    """20230315 → 2023年3月15日 (20230300 → 2023年3月; 20230000 → 2023年)."""
    if not date or len(date) != 8 or not date.isdigit():
        return date or ""
    y, m, d = int(date[:4]), int(date[4:6]), int(date[6:])
    if m == 0:
        return f"{y}年"
    if d == 0:
        return f"{y}年{m}月"
    return f"{y}年{m}月{d}日"


# ---------------------------------------------------------------------------------------------------------------
# 目录.xlsx / 目录.csv

@dataclass
class _Row:
    line: int
    values: dict


def _read_index(path: Path, display: str, problems: list[Problem]) -> list[_Row]:
    """Rows of a 目录 file keyed by canonical column name; problems for anything unreadable."""
    try:
        if path.suffix.lower() == ".xlsx":
            import openpyxl
            with open(path, "rb") as f:
                data = f.read()
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            wb.close()
        else:
            raw = path.read_bytes()
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    text = raw.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                problems.append(Problem("目录文件的编码无法识别", file=display, hint="请另存为 UTF-8 编码的 CSV 或 .xlsx"))
                return []
            rows = [list(r) for r in csv.reader(io.StringIO(text))]
    except Exception as e:  # noqa: BLE001 - any unreadable spreadsheet is the user's to fix
        problems.append(Problem("目录文件无法读取，可能已损坏或不是表格文件", file=display,
                                hint="请用 Excel 或 WPS 打开后重新保存为 .xlsx 或 .csv"))
        return []

    # the header row is the first one that names 文件名 (title rows above it are allowed)
    header_at = None
    for i, row in enumerate(rows[:20]):
        cells = [str(c).strip() if c is not None else "" for c in row]
        if any(c in COLUMNS["文件名"] for c in cells):
            header_at = i
            break
    if header_at is None:
        problems.append(Problem("目录文件缺少“文件名”列", file=display, row=1,
                                hint="表头应包含：文件名、题名、文号、责任者、日期、备注、顺序"))
        return []
    colmap: dict[int, str] = {}
    for j, cell in enumerate(rows[header_at]):
        name = str(cell).strip() if cell is not None else ""
        for canon, aliases in COLUMNS.items():
            if name in aliases and canon not in colmap.values():
                colmap[j] = canon
    out = []
    for i, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        values = {}
        for j, canon in colmap.items():
            v = row[j] if j < len(row) else None
            if isinstance(v, str):
                v = v.strip()
            values[canon] = v
        if all(v in (None, "") for v in values.values()):
            continue
        out.append(_Row(i, values))
    return out


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


# ---------------------------------------------------------------------------------------------------------------
# names and paths as the user sees them

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


def show(project, path: Path) -> str:
    """`path` as messages name it, from the content folder's parent (示例县/evidence/C6/a.pdf), WITHOUT resolving
    links, so a link is named by its own place in the project, never by its target."""
    path = Path(path)
    root = Path(project.root)
    try:
        rel = path.relative_to(root)
    except ValueError:
        try:
            rel = path.absolute().relative_to(root.absolute())
        except ValueError:
            return shown_name(project.display(path))
    parts = [root.name] + [shown_name(part) for part in rel.parts]
    return "/".join(parts)


def os_reason(e: OSError) -> str:
    """An OSError in words (Chinese), never the system's English message."""
    import errno
    return {errno.ENOENT: "文件不存在或已被移走", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
            errno.EISDIR: "是文件夹", errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "链接层数过多（可能形成循环）",
            errno.EIO: "磁盘读取出错"}.get(e.errno, "读取出错")


def _outside_problem(project, path: Path, what: str) -> Problem | None:
    """A problem when `path` (or its link target) leaves the content folder, naming the path in the project."""
    try:
        project.inside(path, what)
    except DossierError:
        link = Path(path).is_symlink()
        return Problem(f"{what}是指向项目文件夹之外的链接，未装入" if link else f"{what}位于项目文件夹之外，未装入",
                       file=show(project, path),
                       hint="请把文件复制到项目文件夹内，不要使用指向外部的链接或“..”路径")
    except OSError as e:
        return Problem(f"{what}无法读取（{os_reason(e)}）", file=show(project, path))
    return None


def _bad_name_problem(project, folder: Path, name: str) -> Problem:
    guess = _guess_name(name)
    shown = shown_name(name)
    return Problem(f"文件名“{shown}”不是有效的 UTF-8 编码" + (f"（可能是“{guess}”）" if guess else "") + "，未装入",
                   file=f"{show(project, folder)}/{shown}",
                   hint="这类文件名常见于在 Windows 上打包、在其他系统上解压的 zip；请把文件重新命名后再放入")


# ---------------------------------------------------------------------------------------------------------------
# collection

def collect(project, framework) -> Collection:
    """Every evidence document of the project, per leaf, in binding order; problems rather than exceptions."""
    leaves = framework.leaves()
    codes = [leaf.code for leaf in leaves]
    coll = Collection(by_leaf={code: [] for code in codes})
    base = Path(project.root) / EVIDENCE_DIR
    if not base.exists() and not base.is_symlink():
        return coll
    problems = coll.problems

    outside = _outside_problem(project, base, "文件夹")
    if outside is not None:
        problems.append(outside)
        return coll
    try:
        entries = sorted(base.iterdir(), key=lambda p: natural_key(p.name))
    except OSError as e:
        problems.append(Problem(f"无法读取佐证材料文件夹（{os_reason(e)}）", file=show(project, base)))
        return coll

    for entry in entries:
        if is_junk(entry.name):
            continue
        code = match_code(entry.name, codes)
        if bad_name(entry.name):
            p = _bad_name_problem(project, base, entry.name)
            problems.append(p)
            if code is not None:
                coll.assign(code, [p])
            continue
        is_dir = entry.is_dir()
        outside = _outside_problem(project, entry, "文件夹" if is_dir else "文件")
        if outside is not None:
            problems.append(outside)
            if code is not None and (is_dir or entry.is_symlink()):
                coll.assign(code, [outside])
            continue
        if not is_dir:
            problems.append(Problem("文件不在任何指标文件夹中", file=show(project, entry),
                                    hint="请放进以指标代码开头的文件夹，如 evidence/C6 生均教学仪器设备值/"))
            continue
        if code is None:
            problems.append(Problem(f"文件夹名称“{entry.name}”不以指标框架中的指标代码开头", file=show(project, entry),
                                    hint=f"文件夹名应以 {framework.id} 的叶子指标代码开头，如“{codes[0]} …”；"
                                         f"可用的代码：{'、'.join(codes[:8])}{'…' if len(codes) > 8 else ''}"))
            continue
        before = len(problems)
        if code in coll.folders:
            # an error; with --keep-going both folders are bound, the one whose name sorts first first
            first = coll.folders[code]
            problems.append(Problem(f"指标 {code} 有两个佐证材料文件夹：“{first.name}”和“{entry.name}”"
                                    f"（装订时两处的文件都装入本指标案卷，先“{first.name}”后“{entry.name}”）",
                                    file=show(project, entry),
                                    hint="请合并为一个文件夹（可用子文件夹分类）"))
            coll.extra_folders.setdefault(code, []).append(entry)
            coll.by_leaf[code] = coll.by_leaf[code] + _collect_leaf(project, code, entry, problems)
        else:
            coll.folders[code] = entry
            coll.by_leaf[code] = _collect_leaf(project, code, entry, problems)
        coll.assign(code, problems[before:])
    return coll


def _collect_leaf(project, code: str, folder: Path, problems: list[Problem]) -> list[EvidenceDoc]:
    docs: list[EvidenceDoc] = []
    seen_dirs: set[Path] = set()

    def walk(d: Path, group: tuple, inherited: dict[str, tuple]) -> None:
        real = d.resolve()
        if real in seen_dirs:        # a link back into an ancestor
            problems.append(Problem("文件夹链接形成循环，已跳过", file=show(project, d)))
            return
        seen_dirs.add(real)
        try:
            children = sorted(d.iterdir(), key=lambda p: natural_key(p.name))
        except OSError as e:
            problems.append(Problem(f"无法读取文件夹（{os_reason(e)}）", file=show(project, d)))
            return
        bad = [c for c in children if bad_name(c.name) and not is_junk(c.name)]
        for c in bad:                 # never collected: later stages could not even print the name
            problems.append(_bad_name_problem(project, d, c.name))
        children = [c for c in children if c not in bad]
        index_files = [c for c in children if c.stem == INDEX_STEM and c.is_file() and not is_junk(c.name)]
        meta = dict(inherited)
        for name, entry in _index_metadata(project, d, index_files, problems).items():
            if name in meta:
                problems.append(Problem(f"文件“{name}”在两个目录文件中都有登记，使用本文件夹的目录", file=entry[1],
                                        row=entry[0].line, column="文件名"))
            meta[name] = entry
        files, subdirs = [], []
        for c in children:
            if is_junk(c.name) or c in index_files:
                continue
            outside = _outside_problem(project, c, "文件夹" if c.is_dir() else "文件")
            if outside is not None:
                problems.append(outside)
                continue
            if c.is_dir():
                subdirs.append(c)
            elif c.is_file():
                files.append(c)
            else:
                problems.append(Problem("不是普通文件，已跳过", file=show(project, c)))
        for f in files:
            doc = _make(project, code, f, group, meta.pop(f.name, None), problems)
            if doc is not None:
                docs.append(doc)
        for s in subdirs:
            prefix = s.name + "/"
            passed = {k[len(prefix):]: meta.pop(k) for k in list(meta) if k.startswith(prefix)}
            walk(s, group + (natural_key(s.name),), passed)
        for name, (row, idx_display) in meta.items():
            problems.append(Problem(f"目录中列出的文件“{name}”在文件夹中不存在", file=idx_display, row=row.line,
                                    column="文件名", hint="检查文件名（含扩展名和子文件夹名）是否与文件夹中的文件完全一致"))

    walk(folder, (), {})

    # duplicate 顺序 within the leaf
    by_seq: dict[int, EvidenceDoc] = {}
    for doc in docs:
        if doc.order[0] == 0:
            seq = doc.order[1]
            if seq in by_seq:
                problems.append(Problem(f"“顺序”{seq} 重复：{by_seq[seq].rel} 和 {doc.rel}",
                                        file=show(project, folder), column="顺序",
                                        hint="同一指标内每个文件的顺序号应唯一"))
            else:
                by_seq[seq] = doc
    docs.sort(key=lambda d: d.order)
    return docs


def _index_metadata(project, folder: Path, index_files: list[Path], problems) -> dict[str, tuple]:
    """file name → (_Row, display of the 目录 file) from the folder's 目录.xlsx / 目录.csv."""
    usable = [p for p in index_files if p.suffix.lower() in (".xlsx", ".csv")]
    for p in index_files:
        if p.suffix.lower() not in (".xlsx", ".csv"):
            problems.append(Problem(f"目录文件格式“{p.suffix}”不支持，已忽略", file=show(project, p),
                                    hint="请另存为 目录.xlsx 或 目录.csv"))
    if not usable:
        return {}
    if len(usable) > 1:
        problems.append(Problem("同一文件夹中同时有 目录.xlsx 和 目录.csv，只读取了 目录.xlsx",
                                file=show(project, folder), hint="请只保留一个目录文件"))
        usable = [p for p in usable if p.suffix.lower() == ".xlsx"][:1]
    path = usable[0]
    outside = _outside_problem(project, path, "目录文件")
    if outside is not None:
        problems.append(outside)
        return {}
    display = show(project, path)
    out: dict[str, tuple] = {}
    for row in _read_index(path, display, problems):
        name = _cell_text(row.values.get("文件名"))
        if not name:
            problems.append(Problem("“文件名”为空", file=display, row=row.line, column="文件名"))
            continue
        name = "/".join(part for part in name.replace("\\", "/").split("/") if part and part != ".")
        if name in out:
            problems.append(Problem(f"文件“{name}”在目录中出现了两次", file=display, row=row.line, column="文件名"))
            continue
        out[name] = (row, display)
    return out


def _make(project, code: str, path: Path, group: tuple, meta, problems) -> EvidenceDoc | None:
    display = show(project, path)
    if kind_of(path) is None:
        ext = path.suffix or "（无扩展名）"
        problems.append(Problem(f"不支持的文件类型“{ext}”", file=display,
                                hint="支持 PDF、Word（doc/docx）、Excel（xls/xlsx）、PPT（pptx）、ODT、RTF、"
                                     "JPG、PNG、TIFF、Markdown 和 TXT；其他文件请先另存或打印为 PDF"))
        return None
    try:
        digest, size = sha256_file(path)
    except OSError as e:
        problems.append(Problem(f"文件无法读取（{os_reason(e)}）", file=display))
        return None
    if size == 0:
        problems.append(Problem("文件是空的（0 字节）", file=display, hint="请放入完整的文件，或删除这个空文件"))
        return None

    date, doc_no, title = parse_filename(path.stem)
    author = note = ""
    seq = None
    if meta is not None:
        row, idx_display = meta
        v = row.values
        if _cell_text(v.get("题名")):
            title = _cell_text(v.get("题名"))
        if _cell_text(v.get("文号")):
            doc_no = normalize_doc_no(_cell_text(v.get("文号")))
        author = _cell_text(v.get("责任者"))
        note = _cell_text(v.get("备注"))
        if "日期" in v:
            parsed = parse_date_value(v.get("日期"))
            if parsed is None:
                problems.append(Problem(f"日期“{_cell_text(v.get('日期'))}”无法识别", file=idx_display, row=row.line,
                                        column="日期", hint="请写成 2023-03-15 或 20230315；月日不详可写 2023-03"))
            elif parsed:
                date = parsed
        raw_seq = v.get("顺序")
        if raw_seq not in (None, ""):
            try:
                f = float(str(raw_seq).strip())
                if not f.is_integer():
                    raise ValueError
                seq = int(f)
            except ValueError:
                problems.append(Problem(f"顺序“{_cell_text(raw_seq)}”不是整数", file=idx_display, row=row.line,
                                        column="顺序", hint="顺序应为 1、2、3… 这样的整数"))
    rel = path.relative_to(project.root).as_posix() if _is_under(path, project.root) else path.as_posix()
    order = ((0, seq) if seq is not None else (1, 0)) + (group,) + \
        ((0, date) if date else (1, "")) + (natural_key(path.name),)
    return EvidenceDoc(path=path, rel=rel, leaf=code, title=title, doc_no=doc_no, author=author, date=date,
                       note=note, order=order, sha256=digest, size=size, display=display)


def _is_under(path: Path, root: Path) -> bool:
    try:
        Path(path).relative_to(root)
        return True
    except ValueError:
        return False


def make_doc(path: Path, leaf: str, *, rel: str | None = None, title: str | None = None, doc_no: str = "",
             author: str = "", date: str = "", note: str = "", order: tuple = (2,), display: str = "") -> EvidenceDoc:
    """An EvidenceDoc for a file that is not under evidence/ (e.g. a generated draft bound as evidence)."""
    path = Path(path)
    digest, size = sha256_file(path)
    return EvidenceDoc(path=path, rel=rel or path.name, leaf=leaf, title=title if title is not None else path.stem,
                       doc_no=doc_no, author=author, date=date, note=note, order=order, sha256=digest, size=size,
                       display=display or (rel or str(path)))


# ---------------------------------------------------------------------------------------------------------------
# expected evidence items against the documents (volume note, coverage report)

# Words that say nothing about WHICH document is meant: who (县域, 各校), when (近三年), what kind of paper (文件,
# 材料, 复印件), and connectives. They are cut out, and what remains between them are the key terms.
_GENERIC = ("近三年", "近3年", "近两年", "近年来", "县级及以上", "县级以上", "各学校", "各校", "各级", "全县", "县域内",
            "县域", "本县", "县级", "义务教育", "学校", "相关", "有关", "复印件", "文件", "材料", "资料", "证明", "措施",
            "情况", "的")
_PART_SPLIT = re.compile(r"[及和与、，,；;/＋+]+")
_ALTERNATIVES = re.compile(r"[或]+")
_KIND_SUFFIX = "表单册账书"
_MIN_PIECE = 2          # a term matches when it can be cut into pieces of ≥ 2 characters that all occur in a title


def _strip_notes(item: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", item)


def key_terms(part: str) -> list[str]:
    """The meaningful terms of one part of an expected item: 教职工编制核定文件 → [教职工编制核定];
    城乡统一的教职工编制标准 → [城乡统一, 教职工编制标准]; 学校布局调整批复文件 → [布局调整批复]."""
    text = _strip_notes(part).replace("及以上", "以上")
    for g in sorted(_GENERIC, key=len, reverse=True):
        text = text.replace(g, "\x00")
    terms = [t.strip() for t in text.split("\x00")]
    return [t for t in terms if len(t) >= _MIN_PIECE]


def _parts(alternative: str) -> list[str]:
    """An alternative split at 及、和、与 into parts, each a document of its own; parts without a key term dropped."""
    text = _strip_notes(alternative).replace("及以上", "\x00")
    out = []
    for chunk in _PART_SPLIT.split(text):
        chunk = chunk.replace("\x00", "及以上").strip()
        terms = key_terms(chunk)
        if terms:
            out.append("".join(terms) if len(terms) == 1 else chunk_display(chunk))
    return out


def chunk_display(chunk: str) -> str:
    """A part as the note names it: the part without leading qualifiers and trailing generic words."""
    text = chunk
    changed = True
    while changed:
        changed = False
        for g in sorted(_GENERIC, key=len, reverse=True):
            if text.startswith(g) and len(text) > len(g) + 1:
                text, changed = text[len(g):], True
            if text.endswith(g) and len(text) > len(g) + 1:
                text, changed = text[:-len(g)], True
    return text


def alternatives(item: str) -> list[list[str]]:
    """An expected item as alternatives (split at 或), each a list of parts (split at 及、和、与)."""
    text = _strip_notes(item)
    alts = [_parts(a) for a in _ALTERNATIVES.split(text)]
    alts = [a for a in alts if a]
    return alts or [[item.strip()]]


def key_phrases(item: str) -> list[str]:
    """The parts of an expected evidence item, without generic words: 各校教师花名册及学历证书复印件 →
    [教师花名册, 学历证书] (the parts of every alternative, for an item with 或)."""
    return [p for alt in alternatives(item) for p in alt]


def _term_found(term: str, haystack: str) -> bool:
    """Can `term` be cut into pieces of ≥ 2 characters that each occur in `haystack` (in any order)? So
    学校布局规划 ~ …学校布局专项规划…, 编制核定 ~ …核定…编制…, but 采购合同 ≁ 采购资金."""
    if term in haystack:
        return True
    if len(term) >= 4 and term[-1] in _KIND_SUFFIX and _term_found(term[:-1], haystack):
        return True             # 决算表 ~ 决算, 验收单 ~ 验收: the kind of paper is often left out of a title
    n = len(term)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(_MIN_PIECE, n + 1):
        for j in range(0, i - _MIN_PIECE + 1):
            if ok[j] and term[j:i] in haystack:
                ok[i] = True
                break
    return ok[n]


def phrase_found(phrase: str, haystack: str) -> bool:
    """Is every key term of `phrase` in `haystack` (one document's title, 文号 and sub-folder names)?"""
    terms = key_terms(phrase) or [phrase]
    return all(_term_found(t, haystack) for t in terms)


def doc_text(doc: EvidenceDoc) -> str:
    """What the matching looks at: 题名, 文号 and the path inside the leaf folder."""
    parts = doc.rel.split("/")
    inner = "/".join(parts[2:]) if len(parts) > 2 and parts[0] == EVIDENCE_DIR else doc.rel
    return " ".join((doc.title, doc.doc_no, inner))


@dataclass
class ItemCoverage:
    item: str                       # the expected evidence item as the framework words it
    phrases: list[str]              # its parts (of the alternative that matches best)
    missing: list[str]              # parts no document title matches
    docs: list[EvidenceDoc]         # documents that match at least one part

    @property
    def status(self) -> str:
        """'有' (every part found), '部分' (some), '缺' (none)."""
        if not self.missing:
            return "有"
        return "缺" if len(self.missing) == len(self.phrases) else "部分"


def coverage(leaf, docs: list[EvidenceDoc]) -> list[ItemCoverage]:
    """Each evidence item the leaf expects (leaf.evidence), matched against the documents: a part is there when
    one document's title (or sub-folder name) holds all its key terms; for A或B the better alternative counts."""
    texts = [(d, doc_text(d)) for d in docs]
    out = []
    for item in getattr(leaf, "evidence", []) or []:
        best = None
        for parts in alternatives(item):
            missing, matched = [], []
            for ph in parts:
                hits = [d for d, t in texts if phrase_found(ph, t)]
                if not hits:
                    missing.append(ph)
                for d in hits:
                    if d not in matched:
                        matched.append(d)
            cov = ItemCoverage(item=item, phrases=parts, missing=missing, docs=matched)
            if best is None or len(cov.missing) / len(parts) < len(best.missing) / len(best.phrases):
                best = cov
        out.append(best)
    return out


def missing_items(leaf, docs: list[EvidenceDoc]) -> list[str]:
    """Expected items no document title could be matched to, worded for the volume note."""
    out = []
    for cov in coverage(leaf, docs):
        if cov.status == "缺":
            out.append(cov.item)
        elif cov.status == "部分":
            out.append(f"{cov.item}（未能对应：{'、'.join(cov.missing)}）")
    return out


__all__ = ["EvidenceDoc", "Collection", "collect", "make_doc", "coverage", "missing_items", "ItemCoverage",
           "key_phrases", "key_terms", "phrase_found", "kind_of", "parse_filename", "parse_date_value", "format_date", "natural_key", "match_code",
           "SUPPORTED_EXT"]

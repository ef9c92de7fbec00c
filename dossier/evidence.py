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

from .files import is_junk, sha256_file
from .errors import DossierError, Problem

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
    folders: dict[str, Path] = field(default_factory=dict)    # leaf code → its evidence folder

    @property
    def docs(self) -> list[EvidenceDoc]:
        return [d for docs in self.by_leaf.values() for d in docs]

    def problems_for(self, code: str) -> list[Problem]:
        """Problems located inside the leaf's folder (for the volume note with --keep-going)."""
        folder = self.folders.get(code)
        if folder is None:
            return []
        out = []
        prefix = folder.name
        for p in self.problems:
            if p.file and (f"/{prefix}/" in p.file or p.file.endswith(f"/{prefix}")):
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
        problems.append(Problem(f"目录文件无法读取（{type(e).__name__}）", file=display,
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
# collection

def collect(project, framework) -> Collection:
    """Every evidence document of the project, per leaf, in binding order; problems rather than exceptions."""
    leaves = framework.leaves()
    codes = [leaf.code for leaf in leaves]
    coll = Collection(by_leaf={code: [] for code in codes})
    base = Path(project.root) / EVIDENCE_DIR
    if not base.exists():
        return coll
    problems = coll.problems

    def refuse(path: Path) -> bool:
        """True (and a problem) when `path` or its link target leaves the content folder."""
        try:
            project.inside(path, "文件夹" if path.is_dir() else "文件")
        except DossierError as e:
            problems.extend(e.problems)
            return True
        return False

    if refuse(base):
        return coll
    try:
        entries = sorted(base.iterdir(), key=lambda p: natural_key(p.name))
    except OSError as e:
        problems.append(Problem(f"无法读取佐证材料文件夹（{e.strerror}）", file=project.display(base)))
        return coll

    for entry in entries:
        if is_junk(entry.name):
            continue
        if refuse(entry):
            continue
        if not entry.is_dir():
            problems.append(Problem("文件不在任何指标文件夹中", file=project.display(entry),
                                    hint="请放进以指标代码开头的文件夹，如 evidence/C6 生均教学仪器设备值/"))
            continue
        code = match_code(entry.name, codes)
        if code is None:
            problems.append(Problem(f"文件夹名称“{entry.name}”不以指标框架中的指标代码开头", file=project.display(entry),
                                    hint=f"文件夹名应以 {framework.id} 的叶子指标代码开头，如“{codes[0]} …”；"
                                         f"可用的代码：{'、'.join(codes[:8])}{'…' if len(codes) > 8 else ''}"))
            continue
        if code in coll.folders:
            problems.append(Problem(f"指标 {code} 有两个佐证材料文件夹：“{coll.folders[code].name}”和“{entry.name}”",
                                    file=project.display(entry), hint="请合并为一个文件夹（可用子文件夹分类）"))
            continue
        coll.folders[code] = entry
        coll.by_leaf[code] = _collect_leaf(project, code, entry, problems)
    return coll


def _collect_leaf(project, code: str, folder: Path, problems: list[Problem]) -> list[EvidenceDoc]:
    docs: list[EvidenceDoc] = []
    seen_dirs: set[Path] = set()

    def walk(d: Path, group: tuple, inherited: dict[str, tuple]) -> None:
        real = d.resolve()
        if real in seen_dirs:        # a link back into an ancestor
            problems.append(Problem("文件夹链接形成循环，已跳过", file=project.display(d)))
            return
        seen_dirs.add(real)
        try:
            children = sorted(d.iterdir(), key=lambda p: natural_key(p.name))
        except OSError as e:
            problems.append(Problem(f"无法读取文件夹（{e.strerror}）", file=project.display(d)))
            return
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
            try:
                project.inside(c, "文件夹" if c.is_dir() else "文件")
            except DossierError as e:
                problems.extend(e.problems)
                continue
            if c.is_dir():
                subdirs.append(c)
            elif c.is_file():
                files.append(c)
            else:
                problems.append(Problem("不是普通文件，已跳过", file=project.display(c)))
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
                                        file=project.display(folder), column="顺序",
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
            problems.append(Problem(f"目录文件格式“{p.suffix}”不支持，已忽略", file=project.display(p),
                                    hint="请另存为 目录.xlsx 或 目录.csv"))
    if not usable:
        return {}
    if len(usable) > 1:
        problems.append(Problem("同一文件夹中同时有 目录.xlsx 和 目录.csv，只读取了 目录.xlsx",
                                file=project.display(folder), hint="请只保留一个目录文件"))
        usable = [p for p in usable if p.suffix.lower() == ".xlsx"][:1]
    path = usable[0]
    try:
        project.inside(path)
    except DossierError as e:
        problems.extend(e.problems)
        return {}
    display = project.display(path)
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
    display = project.display(path)
    if kind_of(path) is None:
        ext = path.suffix or "（无扩展名）"
        problems.append(Problem(f"不支持的文件类型“{ext}”", file=display,
                                hint="支持 PDF、Word（doc/docx）、Excel（xls/xlsx）、PPT（pptx）、ODT、RTF、"
                                     "JPG、PNG、TIFF、Markdown 和 TXT；其他文件请先另存或打印为 PDF"))
        return None
    try:
        digest, size = sha256_file(path)
    except OSError as e:
        problems.append(Problem(f"文件无法读取（{e.strerror}）", file=display))
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

_QUALIFIERS = ("近三年", "近3年", "近两年", "各学校", "各校", "各级", "全县", "县域", "县级及以上", "县级", "本县",
               "相关")
_GENERIC_TAIL = ("复印件", "材料", "资料")
_SPLIT = re.compile(r"[及和与、，,；;/或]+")


def key_phrases(item: str) -> list[str]:
    """The key words of an expected evidence item: 各校教师花名册及学历证书复印件 → [教师花名册, 学历证书]."""
    text = re.sub(r"[（(][^）)]*[）)]", "", item)
    text = text.replace("及以上", "\x00")
    phrases = []
    for chunk in _SPLIT.split(text):
        chunk = chunk.replace("\x00", "及以上").strip()
        changed = True
        while changed:
            changed = False
            for q in _QUALIFIERS:
                if chunk.startswith(q) and len(chunk) > len(q) + 1:
                    chunk, changed = chunk[len(q):], True
            for t in _GENERIC_TAIL:
                if chunk.endswith(t) and len(chunk) > len(t) + 1:
                    chunk, changed = chunk[:-len(t)], True
        if len(chunk) >= 2:
            phrases.append(chunk)
    return phrases or [item.strip()]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def phrase_found(phrase: str, haystack: str) -> bool:
    """Containment, tolerant of word order: ≥ 80% of the phrase's character pairs occur in the text."""
    if phrase in haystack:
        return True
    grams = _bigrams(phrase)
    if len(grams) < 2:
        return False
    hay = _bigrams(haystack)
    return sum(g in hay for g in grams) / len(grams) >= 0.8


def doc_text(doc: EvidenceDoc) -> str:
    """What the matching looks at: 题名, 文号 and the path inside the leaf folder."""
    parts = doc.rel.split("/")
    inner = "/".join(parts[2:]) if len(parts) > 2 and parts[0] == EVIDENCE_DIR else doc.rel
    return " ".join((doc.title, doc.doc_no, inner))


@dataclass
class ItemCoverage:
    item: str                       # the expected evidence item as the framework words it
    phrases: list[str]              # its key words
    missing: list[str]              # key words no document title contains
    docs: list[EvidenceDoc]         # documents that match at least one key word

    @property
    def status(self) -> str:
        """'有' (all key words found), '部分' (some), '缺' (none)."""
        if not self.missing:
            return "有"
        return "缺" if len(self.missing) == len(self.phrases) else "部分"


def coverage(leaf, docs: list[EvidenceDoc]) -> list[ItemCoverage]:
    """Each evidence item the leaf expects (leaf.evidence), matched against the documents by key words."""
    texts = [(d, doc_text(d)) for d in docs]
    out = []
    for item in getattr(leaf, "evidence", []) or []:
        phrases = key_phrases(item)
        missing, matched = [], []
        for ph in phrases:
            hits = [d for d, t in texts if phrase_found(ph, t)]
            if not hits:
                missing.append(ph)
            for d in hits:
                if d not in matched:
                    matched.append(d)
        out.append(ItemCoverage(item=item, phrases=phrases, missing=missing, docs=matched))
    return out


def missing_items(leaf, docs: list[EvidenceDoc]) -> list[str]:
    """Expected items that appear missing, worded for the volume note."""
    out = []
    for cov in coverage(leaf, docs):
        if cov.status == "缺":
            out.append(cov.item)
        elif cov.status == "部分":
            out.append(f"{cov.item}（未见：{'、'.join(cov.missing)}）")
    return out


__all__ = ["EvidenceDoc", "Collection", "collect", "make_doc", "coverage", "missing_items", "ItemCoverage",
           "kind_of", "parse_filename", "parse_date_value", "format_date", "natural_key", "match_code",
           "SUPPORTED_EXT"]

"""Collect the evidence documents of a project: `<project>/evidence/<code>…/`, from the content folder's inventory.

Each leaf indicator has at most one folder whose name starts with its code (`C6 生均教学仪器设备值/` or `C6/`).
Sub-folders are allowed and keep their order (sorted by name). Each document's 题名, 文号, 责任者, 日期, 备注 and
顺序 come from an optional 目录 file in its folder (`dossier.evidence.catalog`), else from the file name
(`dossier.evidence.names`). Nothing is opened for writing. Everything a user can get wrong becomes a `Problem`
naming the file; the caller raises them, or with --keep-going lists them in the volume's note.
"""
from __future__ import annotations

import os
from pathlib import Path

from dossier.core.errors import Problem
from dossier.core.files import is_junk, os_reason, sha256_file
from dossier.evidence import converters
from dossier.evidence.catalog import INDEX_STEM, _cell_text, _read_index
from dossier.evidence.model import EVIDENCE_DIR, Collection, EvidenceDoc
from dossier.load.inventory import Entry, Inventory
from dossier.evidence.names import (match_code, natural_key, normalize_doc_no, parse_date_value,
                                    parse_filename, shown_name, _guess_name)


def show(project, path: Path) -> str:
    """`path` as messages name it, from the content folder's parent (示例县/evidence/C6/a.pdf), WITHOUT resolving
    links, so a link is named by its own place in the project, never by its target."""
    inside = _rel_parts(path, project.root)
    if inside is not None:                # the common case, without pathlib's parsing (thousands of files)
        return "/".join([os.path.basename(str(project.root))] + [shown_name(part) for part in inside])
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


def _rel_parts(path, root) -> list[str] | None:
    """The parts of `path` below `root` when it is written as under it (no resolving), else None."""
    text, base = str(path), str(root).rstrip(os.sep)
    if not text.startswith(base + os.sep) or len(text) == len(base) + 1:
        return None
    parts = text[len(base) + 1:].split(os.sep)
    return None if any(part in ("", ".", "..") for part in parts) else parts


def _entry_problem(project, e: Entry, what: str) -> Problem | None:
    """A problem when the entry (or its link target) leaves the content folder or cannot be examined."""
    if e.error is not None:
        return Problem(f"{what}无法读取（{os_reason(e.error)}）", file=show(project, e.path))
    if e.outside:
        return Problem(f"{what}是指向项目文件夹之外的链接，未装入", file=show(project, e.path),
                       hint="请把文件复制到项目文件夹内，不要使用指向外部的链接或“..”路径")
    return None


def _bad_name_problem(project, folder: Path, name: str) -> Problem:
    guess = _guess_name(name)
    shown = shown_name(name)
    return Problem(f"文件名“{shown}”不是有效的 UTF-8 编码" + (f"（可能是“{guess}”）" if guess else "") + "，未装入",
                   file=f"{show(project, folder)}/{shown}",
                   hint="这类文件名常见于在 Windows 上打包、在其他系统上解压的 zip；请把文件重新命名后再放入")


def collect(project, framework, inventory: Inventory | None = None) -> Collection:
    """Every evidence document of the project, per leaf, in binding order; problems rather than exceptions."""
    inventory = inventory or Inventory(project.root)
    codes = [leaf.code for leaf in framework.leaves()]
    coll = Collection(by_leaf={code: [] for code in codes})
    top = next((e for e in inventory.children(project.root) if e.name == EVIDENCE_DIR), None)
    if top is None:
        return coll
    problem = _entry_problem(project, top, "文件夹")
    if problem is not None:
        coll.problems.append(problem)
        return coll
    try:
        entries = sorted(inventory.children(top.path), key=lambda e: natural_key(e.name))
    except OSError as e:
        coll.problems.append(Problem(f"无法读取佐证材料文件夹（{os_reason(e)}）", file=show(project, top.path)))
        return coll
    for entry in entries:
        if not is_junk(entry.name):
            _collect_top(project, framework, inventory, coll, codes, entry)
    return coll


def _collect_top(project, framework, inventory: Inventory, coll: Collection, codes: list[str], entry: Entry) -> None:
    """One entry of evidence/: a leaf's folder is collected; anything else is a problem."""
    problems = coll.problems
    code = match_code(entry.name, codes)
    if not entry.valid_name:
        p = _bad_name_problem(project, entry.path.parent, entry.name)
        problems.append(p)
        if code is not None:
            coll.assign(code, [p])
        return
    problem = _entry_problem(project, entry, "文件夹" if entry.is_dir else "文件")
    if problem is not None:
        problems.append(problem)
        if code is not None and (entry.is_dir or entry.is_link):
            coll.assign(code, [problem])
        return
    if not entry.is_dir:
        problems.append(Problem("文件不在任何指标文件夹中", file=show(project, entry.path),
                                hint="请放进以指标代码开头的文件夹，如 evidence/C6 生均教学仪器设备值/"))
        return
    if code is None:
        problems.append(Problem(f"文件夹名称“{entry.name}”不以指标框架中的指标代码开头", file=show(project, entry.path),
                                hint=f"文件夹名应以 {framework.id} 的叶子指标代码开头，如“{codes[0]} …”；"
                                     f"可用的代码：{'、'.join(codes[:8])}{'…' if len(codes) > 8 else ''}"))
        return
    before = len(problems)
    folder = entry.path
    _check_title(project, framework, coll, code, entry)
    if code in coll.folders:
        # an error; with --keep-going both folders are bound, the one whose name sorts first first
        first = coll.folders[code]
        problems.append(Problem(f"指标 {code} 有两个佐证材料文件夹：“{first.name}”和“{entry.name}”"
                                f"（装订时两处的文件都装入本指标案卷，先“{first.name}”后“{entry.name}”）",
                                file=show(project, folder), hint="请合并为一个文件夹（可用子文件夹分类）"))
        coll.extra_folders.setdefault(code, []).append(folder)
        coll.by_leaf[code] = coll.by_leaf[code] + _collect_leaf(project, inventory, code, folder, problems)
    else:
        coll.folders[code] = folder
        coll.by_leaf[code] = _collect_leaf(project, inventory, code, folder, problems)
    coll.assign(code, problems[before:])


def _plain(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _check_title(project, framework, coll: Collection, code: str, entry: Entry) -> None:
    """A folder named for another framework's indicator (C10 音乐、美术专用教室配备 under a framework whose C10 is
    平均班额) would be bound into a different indicator without a word: a warning naming both titles."""
    node = framework.leaf(code)
    rest = entry.name[len(code):].lstrip(" _-—.、　") if entry.name.upper().startswith(code.upper()) else ""
    if node is None or not _plain(rest):
        return
    named, title = _plain(rest), _plain(node.title)
    if named in title or title in named:
        return
    coll.warnings.append(Problem(f"文件夹“{entry.name}”的名称与指标框架 {framework.id} 中 {code} 的名称“{node.title}”不一致，"
                                 f"其中的文件将装入 {code} {node.title}", file=show(project, entry.path),
                                 hint=f"如果这是其他框架的指标，请按本框架的指标代码重新归类；否则可把文件夹改名为“{code} {node.title}”"))


def _collect_leaf(project, inventory: Inventory, code: str, folder: Path, problems: list[Problem]) -> list[EvidenceDoc]:
    docs: list[EvidenceDoc] = []
    seen_dirs: set[Path] = set()

    def walk(d: Path, group: tuple, inherited: dict[str, tuple]) -> None:
        try:
            real = d.resolve()
        except RuntimeError:          # Python 3.11: a link loop
            problems.append(Problem("文件夹链接形成循环，已跳过", file=show(project, d)))
            return
        if real in seen_dirs:        # a link back into an ancestor
            problems.append(Problem("文件夹链接形成循环，已跳过", file=show(project, d)))
            return
        seen_dirs.add(real)
        try:
            children = sorted(inventory.children(d), key=lambda e: natural_key(e.name))
        except OSError as e:
            problems.append(Problem(f"无法读取文件夹（{os_reason(e)}）", file=show(project, d)))
            return
        for c in children:             # never collected: later stages could not even print the name
            if not c.valid_name and not is_junk(c.name):
                problems.append(_bad_name_problem(project, d, c.name))
        children = [c for c in children if c.valid_name]
        index_files = [c for c in children if os.path.splitext(c.name)[0] == INDEX_STEM and c.is_file and not is_junk(c.name)]
        meta = dict(inherited)
        for name, entry in _index_metadata(project, d, index_files, problems).items():
            if name in meta:
                problems.append(Problem(f"文件“{name}”在两个目录文件中都有登记，使用本文件夹的目录", file=entry[1],
                                        row=entry[0].line, column="文件名"))
            meta[name] = entry
        files, subdirs = _sort_children(project, children, index_files, problems)
        for f in files:
            doc = _make(project, inventory, code, f, group, meta.pop(f.name, None), problems)
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
    _check_sequence(project, folder, docs, problems)
    docs.sort(key=lambda d: d.order)
    return docs


def _sort_children(project, children: list[Entry], index_files: list[Entry], problems) -> tuple[list[Path], list[Path]]:
    """A folder's files and sub-folders to collect (junk and the 目录 files aside; others are problems)."""
    files, subdirs = [], []
    for c in children:
        if is_junk(c.name) or c in index_files:
            continue
        problem = _entry_problem(project, c, "文件夹" if c.is_dir else "文件")
        if problem is not None:
            problems.append(problem)
        elif c.is_dir:
            subdirs.append(c.path)
        elif c.is_file:
            files.append(c.path)
        else:
            problems.append(Problem("不是普通文件，已跳过", file=show(project, c.path)))
    return files, subdirs


def _check_sequence(project, folder: Path, docs: list[EvidenceDoc], problems) -> None:
    """Duplicate 顺序 within the leaf."""
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


def _index_metadata(project, folder: Path, index_files: list[Entry], problems) -> dict[str, tuple]:
    """file name → (_Row, display of the 目录 file) from the folder's 目录.xlsx / 目录.csv."""
    suffix = lambda e: Path(e.name).suffix.lower()  # noqa: E731
    usable = [e for e in index_files if suffix(e) in (".xlsx", ".csv")]
    for e in index_files:
        if suffix(e) not in (".xlsx", ".csv"):
            problems.append(Problem(f"目录文件格式“{Path(e.name).suffix}”不支持，已忽略", file=show(project, e.path),
                                    hint="请另存为 目录.xlsx 或 目录.csv"))
    if not usable:
        return {}
    if len(usable) > 1:
        problems.append(Problem("同一文件夹中同时有 目录.xlsx 和 目录.csv，只读取了 目录.xlsx",
                                file=show(project, folder), hint="请只保留一个目录文件"))
        usable = [e for e in usable if suffix(e) == ".xlsx"][:1]
    problem = _entry_problem(project, usable[0], "目录文件")
    if problem is not None:
        problems.append(problem)
        return {}
    path = usable[0].path
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


def _make(project, inventory: Inventory, code: str, path: Path, group: tuple, meta, problems) -> EvidenceDoc | None:
    display = show(project, path)
    if converters.converter_for(path) is None:
        ext = path.suffix or "（无扩展名）"
        problems.append(Problem(f"不支持的文件类型“{ext}”", file=display,
                                hint="支持 PDF、Word（doc/docx）、Excel（xls/xlsx）、PPT（pptx）、ODT、RTF、"
                                     "JPG、PNG、TIFF、Markdown 和 TXT；其他文件请先另存或打印为 PDF"))
        return None
    try:
        digest, size = inventory.digest(path)
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
    if not author and doc_no:
        author = issuer(doc_no, project.config.issuers)
    parts = _rel_parts(path, project.root)
    rel = "/".join(parts) if parts is not None else \
        (path.relative_to(project.root).as_posix() if _is_under(path, project.root) else path.as_posix())
    order = ((0, seq) if seq is not None else (1, 0)) + (group,) + \
        ((0, date) if date else (1, "")) + (natural_key(path.name),)
    return EvidenceDoc(path=path, rel=rel, leaf=code, title=title, doc_no=doc_no, author=author, date=date,
                       note=note, order=order, sha256=digest, size=size, display=display)


def issuer(doc_no: str, issuers: dict[str, str]) -> str:
    """责任者 from a 文号's 机关代字 through dossier.yaml 发文机关代字: 示教发〔2023〕5号 → 示例县教育体育局 for
    {示教: 示例县教育体育局}; the longest 代字 the 文号 starts with wins (示教督 before 示教); "" when none does."""
    head = doc_no.split("〔", 1)[0].strip()
    best = ""
    for code in issuers:
        if code and head.startswith(code) and len(code) > len(best):
            best = code
    return issuers.get(best, "") if best else ""


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

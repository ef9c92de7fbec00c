"""The build cache: keys, and entries that hold finished outputs between builds.

A key is the SHA-256 of everything an output depends on. The code part of a key is derived, never listed by
hand: `code_digest(module)` hashes the source of the module and of every dossier module it imports, directly
or through others (read from the import statements, lazy imports included), so changing any helper a stage uses
invalidates that stage's entries and nothing else (the digest is remembered in the cache with the stat of the
files it was made from, so an unchanged tree is not parsed again). An entry is a folder of hard links to the outputs plus a
meta.json with their stat (an entry whose files were touched is thrown away) and what is needed to reuse them.
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import dossier
from dossier.core.errors import Problem
from dossier.core.files import sha256_file

CACHE_FORMAT = 2
CODE_MEMO = "code.json"          # code_digest's memo, in a project's cache
PACKAGE_ROOT = Path(dossier.__file__).resolve().parent


def digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------------- code

def module_file(name: str, root: Path = PACKAGE_ROOT, package: str = "dossier") -> Path | None:
    """The source file of module `name` (a package's __init__.py) under `root`, or None."""
    if name != package and not name.startswith(package + "."):
        return None
    parts = name.split(".")[1:]
    base = root.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imports(path: Path, name: str, package: str) -> set[str]:
    """The modules of `package` that module `name` (at `path`) imports, anywhere in its source."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)      # `from pkg import module`
    return {m for m in out if m == package or m.startswith(package + ".")}


def module_closure(*names: str, root: Path = PACKAGE_ROOT, package: str = "dossier") -> list[Path]:
    """The source files of `names` and of every module of `package` they import, transitively (parent
    packages included: importing a.b runs a/__init__.py)."""
    seen: dict[str, Path] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_file(name, root, package)
        if path is None:
            continue
        seen[name] = path
        parent = name.rpartition(".")[0]
        todo.extend(([parent] if parent else []) + sorted(_imports(path, name, package)))
    return sorted(set(seen.values()))


def files_digest(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode("utf-8"))
        h.update(p.read_bytes())
    return h.hexdigest()


def _data_files(data: tuple[str, ...]) -> list[Path]:
    files = []
    for folder in data:
        base = PACKAGE_ROOT.parent / folder if not Path(folder).is_absolute() else Path(folder)
        files += [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts] if base.is_dir() else []
    return files


def _stats(paths) -> dict[str, list] | None:
    try:
        return {str(p): stat_key(Path(p)) for p in paths}
    except OSError:
        return None


@lru_cache(maxsize=None)
def code_digest(*modules: str, data: tuple[str, ...] = (), memo: Path | None = None) -> str:
    """What the output of a stage entered at `modules` depends on in dossier itself: the closure of their
    imports, the package version, and the data folders named in `data` (paths under the repository root).

    `memo` (a file in the build cache) keeps the digest with the stat of every file it was made from: while
    none of them changed (and the data folders hold the same files), the next build reads it instead of parsing
    every module again."""
    name = digest({"modules": modules, "data": data, "version": dossier.__version__})
    data_files = _data_files(data)
    if memo is not None:
        try:
            entry = json.loads(Path(memo).read_text("utf-8")).get(name)
        except (OSError, ValueError, AttributeError):
            entry = None
        if isinstance(entry, dict) and sorted(map(str, data_files)) == entry.get("data") \
                and _stats(entry.get("stats", {})) == entry.get("stats"):
            return entry["digest"]
    files = module_closure(*modules) + data_files
    value = files_digest(files, PACKAGE_ROOT.parent) + dossier.__version__
    stats = _stats(files)
    if memo is not None and stats is not None:
        _remember(Path(memo), name, {"digest": value, "data": sorted(map(str, data_files)), "stats": stats})
    return value


def _remember(memo: Path, name: str, entry: dict) -> None:
    try:
        known = json.loads(memo.read_text("utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    known[name] = entry
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=memo.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(known, fh, ensure_ascii=False)
        os.replace(tmp, memo)
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------------- entries

def stat_key(path: Path) -> list:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def place(src: Path, dst: Path) -> None:
    """Hard-link `src` to `dst` (same file system), else copy."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def read_meta(entry: Path) -> dict | None:
    try:
        return json.loads((entry / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def reuse(entry: Path, dest: Path) -> dict | None:
    """Place the files of cache entry `entry` into `dest`; its meta, or None (a miss, or a tampered entry)."""
    meta = read_meta(entry)
    if meta is None:
        return None
    try:
        for rel, info in meta["files"].items():
            stat = info["stat"] if isinstance(info, dict) else info
            if stat_key(entry / rel) != stat:
                raise ValueError(rel)
        for rel in meta["files"]:
            place(entry / rel, dest / rel)
        return meta
    except (OSError, ValueError, KeyError, TypeError):
        for rel in meta.get("files", {}):
            (dest / rel).unlink(missing_ok=True)
        shutil.rmtree(entry, ignore_errors=True)
        return None


def store(folder: Path, key: str, source: Path, files: list[Path], meta: dict) -> None:
    """Hard-link `files` (under `source`) into a new entry `folder/key` with `meta`; written under a temporary
    name and renamed, so a half-written entry is never read."""
    entry = folder / key
    if entry.exists():
        shutil.rmtree(entry, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
    try:
        recorded = {}
        for p in files:
            rel = p.relative_to(source).as_posix()
            place(p, staging / rel)
            recorded[rel] = {"stat": stat_key(staging / rel), "size": p.stat().st_size, "sha256": sha256_file(p)[0]}
        (staging / "meta.json").write_text(json.dumps({**meta, "files": recorded}, ensure_ascii=False), "utf-8")
        os.rename(staging, entry)
    except (OSError, TypeError, ValueError):
        shutil.rmtree(staging, ignore_errors=True)


def prune(folder: Path, keep: set[str]) -> None:
    """Remove the entries (sub-folders) of `folder` not in `keep`, temporary ones included."""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.is_dir() and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------- values

def to_json(value):
    """A value of a cached record as JSON that `from_json` turns back into the same value."""
    if isinstance(value, Problem):
        return {"__problem__": dataclasses.asdict(value)}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [to_json(v) for v in value]}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def from_json(value):
    if isinstance(value, dict):
        if "__problem__" in value:
            return Problem(**value["__problem__"])
        if "__path__" in value:
            return Path(value["__path__"])
        if "__tuple__" in value:
            return tuple(from_json(v) for v in value["__tuple__"])
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value

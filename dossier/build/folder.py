"""The build folder: its output names, the guard against writing into a folder that is not a build, the lock
that keeps two builds of one project apart, and the atomic swap.

Everything is written into a temporary sibling folder (`build/.<name>.tmp-XXXX`) and swapped in only when
complete (renameat2 RENAME_EXCHANGE where the kernel has it; else the previous build is renamed to a trash
name and the new one renamed into place), then the old one is deleted. Killed midway, the previous build stays
as it was; the next build removes the stale temporary folder first.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from dossier.core.errors import DossierError, Problem

MANIFEST = "manifest.json"
DRAFTS = "drafts"
TABLE = "评估表.xlsx"
PACKETS = "packets"
INDEX_PDF = "总目录.pdf"
SPINE_PDF = "脊背.pdf"
COVERAGE_MD = "覆盖情况.md"
SITE = "网页"
CACHE = ".cache"
KNOWN_OUTPUTS = {MANIFEST, MANIFEST + ".sha256", TABLE, DRAFTS, PACKETS, INDEX_PDF, SPINE_PDF, COVERAGE_MD, SITE}


def lock_path(build_dir: Path) -> Path:
    return build_dir.parent / f".{build_dir.name}.lock"


def make_temp(build_dir: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=_temp_prefix(build_dir.name), dir=build_dir.parent))


def guard_target(build_dir: Path, project) -> None:
    root = project.root.resolve()
    target = build_dir.resolve()
    if target == root or root in target.parents or target in root.parents:
        raise DossierError(Problem(f"输出文件夹不能是项目文件夹本身、其中的文件夹或其上级：{build_dir}",
                                   hint="请用 --out 指定项目文件夹以外的位置，默认为 build/<项目名>/"))
    if target.exists():
        if not target.is_dir():
            raise DossierError(Problem(f"输出位置已有同名文件：{build_dir}", hint="请另选 --out 或先删除该文件"))
        if not (target / MANIFEST).is_file():
            foreign = sorted(p.name for p in target.iterdir() if p.name not in KNOWN_OUTPUTS)
            if foreign:
                raise DossierError(Problem(
                    f"输出文件夹已存在，且不是 dossier 的构建结果（含有 {'、'.join(foreign[:5])}）：{build_dir}",
                    hint="构建会整体替换输出文件夹；请另选 --out，或确认后手动清空该文件夹"))


@contextmanager
def locked(lock_path: Path):
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise DossierError(Problem(f"另一个 dossier build 正在写入 {lock_path.parent}，请等它结束后再试",
                                           file=str(lock_path)))
            raise
        yield
    finally:
        os.close(fd)


def _temp_prefix(name: str) -> str:
    return f".{name}.tmp-"


def _trash_prefix(name: str) -> str:
    return f".{name}.old-"


def clean_stale(build_dir: Path) -> list[Path]:
    """Remove temporary folders left by an interrupted build; restore a previous build left in the trash
    by a swap that was cut short. Call only while holding the lock. Returns what was removed."""
    parent, name = build_dir.parent, build_dir.name
    removed = []
    if not parent.is_dir():
        return removed
    for p in sorted(parent.glob(_temp_prefix(name) + "*")):
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p)
    trash = sorted(parent.glob(_trash_prefix(name) + "*"), key=lambda p: p.stat().st_mtime)
    if trash and not build_dir.exists():
        os.rename(trash.pop(), build_dir)       # the swap was interrupted between its two renames
    for p in trash:
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p)
    return removed


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD = -100
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(AT_FDCWD, os.fsencode(str(a)), AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    return rc == 0


def swap(tmp: Path, build_dir: Path) -> None:
    """Put the finished `tmp` at `build_dir`; the previous build (if any) goes to the trash and is deleted."""
    if not build_dir.exists():
        os.rename(tmp, build_dir)
        return
    if _exchange(tmp, build_dir):
        old = tmp                                   # now holds the previous build
        trash = Path(tempfile.mkdtemp(prefix=_trash_prefix(build_dir.name), dir=build_dir.parent))
        os.rmdir(trash)
        os.rename(old, trash)
    else:
        trash = Path(tempfile.mkdtemp(prefix=_trash_prefix(build_dir.name), dir=build_dir.parent))
        os.rmdir(trash)
        os.rename(build_dir, trash)
        os.rename(tmp, build_dir)
    shutil.rmtree(trash, ignore_errors=True)


def normalize_modes(folder: Path) -> None:
    """Ordinary permissions (as the umask allows) for everything in the build: temporary files and folders
    are created private (0600/0700) by the stages that write them."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)
    for dirpath, dirnames, filenames in os.walk(folder):
        for d in dirnames:
            os.chmod(Path(dirpath) / d, 0o777 & ~mask)
        for f in filenames:
            p = Path(dirpath) / f
            if (p.stat().st_mode & 0o777) != (0o666 & ~mask):
                os.chmod(p, 0o666 & ~mask)

"""The content folder, walked once: every folder is listed at most once (when a stage first asks for it), every
file hashed at most once, and what each entry is (file, folder, a link, a link that leaves the folder, or
something that cannot be read) decided in one place. Evidence collection and the manifest's list of sources
both read this inventory instead of the file system. A build passes a digest memo (a file in its cache): a file
whose size, mtime, ctime and inode are what they were when it was hashed is not read again.
"""
from __future__ import annotations

import errno
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from dossier.core.files import is_junk, sha256_file
from dossier.core.readmemo import RACY_S


@dataclass(frozen=True)
class Entry:
    path: Path                 # as found: the folder asked for, joined with the name (links are not resolved)
    name: str
    is_dir: bool               # a folder, or a link to one
    is_file: bool              # a regular file, or a link to one
    is_link: bool
    outside: bool              # it resolves outside the content folder (a link out, or ".." tricks)
    error: OSError | None = None   # it could not be examined (a link loop, no permission …)

    @property
    def valid_name(self) -> bool:
        """Whether the name is valid UTF-8 (Python holds undecodable bytes as surrogate escapes)."""
        try:
            self.name.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True




class Inventory:
    def __init__(self, root: Path | str, memo: Path | None = None):
        self.root = Path(root).resolve()
        self._listed: dict[Path, list[tuple[str, bool, bool, bool, bool, OSError | None]] | OSError] = {}
        self._digests: dict[str, tuple[str, int]] = {}
        self._real_dirs: dict[str, str] = {}
        self._memo_path = memo
        self._memo_old: dict[str, list] = _read_memo(memo)
        self._memo_new: dict[str, list] = {}

    def _list(self, real: Path):
        if real not in self._listed:
            try:
                with os.scandir(real) as it:
                    found = [self._describe(real, e) for e in it]
                self._listed[real] = sorted(found, key=lambda f: f[0])
            except OSError as exc:
                self._listed[real] = exc
        return self._listed[real]

    def _describe(self, folder: Path, e: os.DirEntry):
        try:
            link = e.is_symlink()
            outside = False
            if link:
                target = _resolve(Path(e.path))
                outside = not _under(target, self.root)
            return e.name, e.is_dir(), e.is_file(), link, outside, None
        except OSError as exc:
            return e.name, False, False, True, False, exc

    def children(self, folder: Path | str) -> list[Entry]:
        """The entries of `folder` (inside the content folder), by name; OSError if it cannot be listed."""
        folder = Path(folder)
        listed = self._list(_resolve(folder, strict=False))
        if isinstance(listed, OSError):
            raise listed
        return [Entry(folder / name, name, d, f, link, outside, err) for name, d, f, link, outside, err in listed]

    def files(self) -> list[tuple[str, Path]]:
        """Every regular file of the content folder with its POSIX path relative to it: hidden files, Office
        lock files, names that are not UTF-8 and anything that leads out of the folder left out; folders reached
        through links inside the folder are not entered twice."""
        out: list[tuple[str, Path]] = []
        seen: set[Path] = set()

        def walk(folder: Path, rel: tuple[str, ...]) -> None:
            try:
                real = _resolve(folder, strict=False)
            except OSError:
                return
            if real in seen:
                return
            seen.add(real)
            try:
                entries = self.children(folder)
            except OSError:
                return
            for e in entries:
                if is_junk(e.name) or not e.valid_name or e.outside or e.error is not None:
                    continue
                if e.is_dir and not e.is_link:
                    walk(e.path, rel + (e.name,))
                elif e.is_file:
                    out.append(("/".join(rel + (e.name,)), e.path))

        walk(self.root, ())
        return sorted(out)

    def digest(self, path: Path) -> tuple[str, int]:
        """SHA-256 and size of a file, computed once per build."""
        real = self._real(os.fspath(path))
        if real not in self._digests:
            self._digests[real] = self._hash(real)
        return self._digests[real]

    def _real(self, path: str) -> str:
        """os.path.realpath of a file, with its folder's resolved once (a file's own link still followed)."""
        if os.path.islink(path):
            return str(Path(path).resolve())
        parent, name = os.path.split(path)
        real = self._real_dirs.get(parent)
        if real is None:
            real = self._real_dirs[parent] = str(Path(parent).resolve())
        return os.path.join(real, name)

    def _hash(self, real: str) -> tuple[str, int]:
        if self._memo_path is None:
            return sha256_file(real)
        st = os.stat(real)
        key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        old = self._memo_old.get(real)
        if old is not None and old[:4] == key:
            digest = old[4]
        else:
            digest, size = sha256_file(real)
            if size != st.st_size:                  # changed while being read: hash it again next time
                return digest, size
        if time.time() - max(st.st_mtime, st.st_ctime) > RACY_S:
            self._memo_new[str(real)] = key + [digest]
        return digest, st.st_size

    def save_memo(self) -> None:
        """Write the digests of this run's files (the memo keeps no file this run did not see)."""
        if self._memo_path is None:
            return
        path = Path(self._memo_path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._memo_new, sort_keys=True), "utf-8")
            os.replace(tmp, path)
        except OSError:
            pass                                    # only a speed-up: the next build hashes again


def _read_memo(path: Path | None) -> dict[str, list]:
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 5} if isinstance(data, dict) else {}


def _resolve(path: Path, strict: bool = True) -> Path:
    """Path.resolve, with a link loop an OSError (ELOOP) like any other unreadable entry (Python 3.11 raises
    RuntimeError for it)."""
    try:
        return path.resolve(strict=strict)
    except RuntimeError:
        raise OSError(errno.ELOOP, "link loop", str(path))


def _under(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False

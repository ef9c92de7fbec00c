"""`ReadMemo`: what many small cache files say, remembered in one JSON file, so a rebuild opens one file instead of
thousands. Each remembered content carries its file's size and modification time; a file that was changed,
removed or replaced since is read again. The memo is only a speed-up: a lost or damaged memo file just means
every file is read once more, and the memo is rewritten (atomically) only when something was added.
"""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path


RACY_S = 2.0          # a file changed this recently may change again within its timestamp's tick: not memoised


class ReadMemo:
    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self._old = self._load()
        self._new: dict[str, list] = {}
        self._lock = threading.Lock()

    def _load(self) -> dict[str, list]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def read_text(self, path: Path) -> str:
        """The text of `path` (UTF-8), from the memo when the file is as it was; OSError when it cannot be read."""
        key = str(path)
        st = os.stat(path)
        stamp = [st.st_size, st.st_mtime_ns]
        old = self._old.get(key)
        if isinstance(old, list) and len(old) == 3 and old[:2] == stamp and isinstance(old[2], str):
            text = old[2]
        else:
            text = Path(path).read_text("utf-8")
        if time.time() - st.st_mtime > RACY_S:        # a file this recent may change again within its tick
            with self._lock:
                self._new[key] = stamp + [text]
        return text

    def save(self) -> None:
        """Keep what this run read (files it did not read are dropped); written only when it differs."""
        if self.path is None or self._new == self._old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._new, ensure_ascii=False, sort_keys=True), "utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass

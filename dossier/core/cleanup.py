"""Nothing left behind: temporary folders carry the process id in their name (`dossier-<kind>-<pid>-…` in the
system's temporary folder), so a later run removes those of a process that no longer exists (one killed with
SIGKILL could not clean up itself); child processes (LibreOffice) are tracked, and killed — with their whole
process group — when dossier exits by an exception, Ctrl+C, SIGTERM or normally."""
from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

_children: set[subprocess.Popen] = set()
_lock = threading.Lock()
_stopping = threading.Event()        # set when dossier is being stopped: start no new child
_STALE = re.compile(r"^dossier-[a-z]+-(\d+)-")


def prefix(kind: str) -> str:
    """The name prefix of this process's temporary folders of `kind`."""
    return f"dossier-{kind}-{os.getpid()}-"


def temp_dir(kind: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix(kind)))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(root: Path | None = None) -> int:
    """Remove the temporary folders of dossier processes that no longer run; how many were removed."""
    root = Path(root or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    for e in entries:
        m = _STALE.match(e.name)
        if not m or int(m.group(1)) == os.getpid() or _alive(int(m.group(1))):
            continue
        try:
            if e.is_dir(follow_symlinks=False) and e.stat(follow_symlinks=False).st_uid == os.getuid():
                shutil.rmtree(e.path, ignore_errors=True)
                removed += 1
        except OSError:
            pass
    return removed


def stopping() -> bool:
    """Whether dossier is being stopped (Ctrl+C, SIGTERM): converters start no further LibreOffice."""
    return _stopping.is_set()


def raise_if_stopping() -> None:
    """Unwind now if dossier is being stopped. The signal handler's KeyboardInterrupt can land where Python
    only prints it (a finalizer run by the garbage collector): the stages ask here as well."""
    if _stopping.is_set():
        raise KeyboardInterrupt()


def track(proc: subprocess.Popen) -> None:
    with _lock:
        _children.add(proc)
    if _stopping.is_set():
        kill_children()


def untrack(proc: subprocess.Popen) -> None:
    with _lock:
        _children.discard(proc)


def kill_children(stop: bool = False) -> None:
    """SIGKILL every tracked child's process group (LibreOffice forks helpers into its own session); with
    `stop`, no further child may start (until `resume`)."""
    if stop:
        _stopping.set()
    with _lock:
        procs = list(_children)
        _children.clear()
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass


def resume() -> None:
    """Children may start again (a long-running process, such as the web app, after a stopped build)."""
    _stopping.clear()


atexit.register(kill_children)


def on_terminate() -> None:
    """Make SIGTERM (and SIGHUP) unwind like Ctrl+C, so `finally` blocks remove temporary folders and kill
    children; only from the main thread (the CLI)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum, frame):
        kill_children(stop=True)
        raise KeyboardInterrupt()

    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(sig, handler)
        except (ValueError, OSError):
            pass

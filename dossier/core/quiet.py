"""Library chatter kept away from the user: libtiff, libjpeg and qpdf write English warnings straight to the
process's stderr (file descriptor 2), Pillow and pikepdf through Python's warnings and logging. `quiet()` runs
a block with all three captured; what was said is returned (for a log or a decision), never printed. Nested
and concurrent uses share one redirection."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
import warnings

_lock = threading.Lock()
_depth = 0
_saved_fd: int | None = None
_sink = None
_released = False                     # set by release(): dossier is on its way out, fd 2 stays the user's


class Heard:
    """What the libraries said inside a `quiet()` block."""

    def __init__(self):
        self.warnings: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.warnings)


@contextlib.contextmanager
def quiet():
    """Capture fd 2, Python warnings and the pikepdf/PIL loggers for the duration of the block."""
    heard = Heard()
    _enter()
    handler = _Collect(heard)
    loggers = [logging.getLogger(n) for n in ("pikepdf", "pikepdf._core", "PIL")]
    saved = [(lg, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield heard
        heard.warnings += [str(w.message) for w in caught]
    finally:
        for lg, prop in saved:
            lg.removeHandler(handler)
            lg.propagate = prop
        _leave()


class _Collect(logging.Handler):
    def __init__(self, heard: Heard):
        super().__init__(logging.DEBUG)
        self.heard = heard

    def emit(self, record) -> None:
        try:
            self.heard.warnings.append(record.getMessage())
        except Exception:  # noqa: BLE001 - a message that cannot even be formatted is still dropped quietly
            pass


def _enter() -> None:
    global _depth, _saved_fd, _sink
    with _lock:
        _depth += 1
        if _depth > 1 or _released:
            return
        try:
            sys.stderr.flush()
            _sink = tempfile.TemporaryFile(prefix="dossier-stderr-")
            _saved_fd = os.dup(2)
            os.dup2(_sink.fileno(), 2)
        except (OSError, ValueError):     # no fd 2 (an embedded interpreter): nothing to redirect
            _saved_fd = None


def _leave() -> None:
    global _depth, _saved_fd, _sink
    with _lock:
        _depth -= 1
        if _depth > 0:
            return
        if _saved_fd is not None:
            os.dup2(_saved_fd, 2)
            os.close(_saved_fd)
            _saved_fd = None
        if _sink is not None:
            _sink.close()
            _sink = None


def release() -> None:
    """Give fd 2 back for good, whatever blocks other threads still have open: dossier's last words (an error
    on the way out) must reach the user even while a converter thread is inside `quiet()`."""
    global _saved_fd, _sink, _released
    with _lock:
        _released = True
        if _saved_fd is not None:
            os.dup2(_saved_fd, 2)
            os.close(_saved_fd)
            _saved_fd = None
        if _sink is not None:
            _sink.close()
            _sink = None

"""Progress of a build as events: each stage says how far it is (done of total, and what it is working on), and
listeners receive the events. The terminal bar is one listener; the web app pushes the same events to the page.
A build never writes to the terminal itself.
"""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from typing import Callable

from dossier.core.zh import clip


@dataclass(frozen=True)
class Event:
    stage: str                 # the step as users read it: 转换, 装订 …
    done: int
    total: int
    note: str = ""             # what it is working on (a file, an indicator)
    finished: bool = False     # the stage is over


Listener = Callable[[Event], None]


class Progress:
    """What a stage reports through: `step = progress.stage("转换", n)`, then `step(done, total, note)` as work is
    done and `step.close()` at the end. Without a listener every call is a no-op."""

    def __init__(self, listener: Listener | None = None):
        self.listener = listener

    def stage(self, name: str, total: int) -> "Step":
        return Step(self, name, total)

    def emit(self, event: Event) -> None:
        if self.listener is not None:
            self.listener(event)


class Step:
    def __init__(self, progress: Progress, name: str, total: int):
        self.progress, self.name, self.total, self.done = progress, name, max(0, total), 0

    def __call__(self, done: int, total: int | None = None, note: str = "") -> None:
        if total is not None:
            self.total = total
        self.done = done
        self.progress.emit(Event(self.name, done, self.total, note))

    def close(self) -> None:
        self.progress.emit(Event(self.name, self.done, self.total, finished=True))


class TerminalBar:
    """A listener that draws a one-line bar on a terminal (stderr by default), at most ten times a second."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self._last = 0.0
        self._shown = False

    def __call__(self, event: Event) -> None:
        if event.finished:
            if self._shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._shown = False
            return
        if event.total <= 0:
            return
        now = time.monotonic()
        if event.done < event.total and now - self._last < 0.1:
            return
        self._last = now
        width = 28
        filled = int(width * event.done / event.total) if event.total else width
        cols = shutil.get_terminal_size((80, 20)).columns
        text = f"{event.stage} [{'█' * filled}{'·' * (width - filled)}] {event.done}/{event.total} {event.note}"
        self.stream.write("\r" + clip(text, cols - 1) + "\x1b[K")
        self.stream.flush()
        self._shown = True


def terminal_listener(enabled: bool = True) -> Listener | None:
    """The terminal bar when stderr is a terminal (and `enabled`), else nothing."""
    return TerminalBar() if enabled and sys.stderr.isatty() else None

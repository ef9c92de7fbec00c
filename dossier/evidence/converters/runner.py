"""`Converter`: every evidence document to PDF through the registered converters, cached by content hash.

The cache lives in `cache_dir`, one file per source content (`<sha256>.<kind>.v<N>.pdf` plus a small JSON), so
an unchanged file is never converted twice, across builds; deterministic failures are cached too, failures of
an external program are retried next time. Converters that work in batches (LibreOffice) run in worker threads
while the others convert in the calling thread. Progress is reported through a callback.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Iterable

from dossier.core import cleanup
from dossier.core.errors import Problem
from dossier.core.files import os_reason
from dossier.core.readmemo import ReadMemo
from dossier.evidence.converters.base import (ConversionError, Converted, FileConverter, atomic_write, converter_for,
                                              display)
from dossier.evidence.converters.office import Slot
from dossier.evidence.model import EvidenceDoc

Progress = Callable[[int, int, str], None]


class Converter:
    def __init__(self, cache_dir: Path, timeout: float = 120, *, jobs: int | None = None, batch_size: int = 100,
                 soffice: str | None = None, memo: Path | None = None, context=None):
        """`memo`: a file that remembers the cache's small JSON files between builds (`ReadMemo`); `context`:
        the multiprocessing context the workers of `parallel` converters start from (None: all here)."""
        self.cache_dir = Path(cache_dir)
        self.context = context
        self.memo = ReadMemo(memo)
        self.timeout = float(timeout)
        self.jobs = jobs or max(1, min(2, os.cpu_count() or 1))
        self.batch_size = max(1, batch_size)
        self.soffice = soffice
        self.stats = {"cached": 0, "pdf": 0, "office": 0, "image": 0, "text": 0, "failed": 0, "soffice_calls": 0}
        # seconds by converter: the sum of its conversions here, and for batch converters the wall time from
        # their first batch's start to their last one's end (they run beside the others)
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()
        self._instances: dict[type, FileConverter] = {}

    # ------------------------------------------------------------------------------------------------ cache
    def converter(self, doc: EvidenceDoc) -> FileConverter | None:
        cls = converter_for(doc.path)
        if cls is None:
            return None
        if cls not in self._instances:
            self._instances[cls] = cls(timeout=self.timeout, soffice=self.soffice)
        return self._instances[cls]

    def _stem(self, doc: EvidenceDoc) -> str:
        conv = converter_for(doc.path)
        return f"{doc.sha256}.{conv.name if conv else 'unknown'}.v{conv.version if conv else 0}"

    def cache_pdf(self, doc: EvidenceDoc) -> Path:
        return self.cache_dir / (self._stem(doc) + ".pdf")

    def _meta_path(self, doc: EvidenceDoc) -> Path:
        return self.cache_dir / (self._stem(doc) + ".json")

    def _load_cached(self, doc: EvidenceDoc) -> Converted | None:
        try:
            meta = json.loads(self.memo.read_text(self._meta_path(doc)))
        except (OSError, ValueError):
            return None
        if meta.get("problem"):
            p = meta["problem"]
            return Converted(None, 0, Problem(p["message"], file=display(doc), hint=p.get("hint")))
        if meta.get("pdf") == "source":
            return Converted(doc.path, int(meta["pages"])) if doc.path.is_file() else None
        pdf = self.cache_pdf(doc)
        if not pdf.is_file() or pdf.stat().st_size != meta.get("size"):
            return None
        return Converted(pdf, int(meta["pages"]), repaired=bool(meta.get("repaired")), note=meta.get("note", ""))

    def _store(self, doc: EvidenceDoc, result: Converted, cache_problem: bool = True) -> None:
        if result.problem is not None and not cache_problem:
            return
        conv = converter_for(doc.path)
        meta: dict = {"source": doc.rel, "kind": conv.name if conv else None, "version": conv.version if conv else 0}
        if result.problem is not None:
            meta["problem"] = {"message": result.problem.message, "hint": result.problem.hint}
        elif result.pdf is not None and Path(result.pdf) == Path(doc.path):
            meta.update(pdf="source", pages=result.pages)
        else:
            meta.update(pdf="cache", pages=result.pages, size=Path(result.pdf).stat().st_size,
                        repaired=result.repaired, note=result.note)
        atomic_write(self._meta_path(doc), json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))

    def _count(self, key: str) -> None:
        with self._lock:
            self.stats[key] = self.stats.get(key, 0) + 1

    def _time(self, key: str, seconds: float) -> None:
        with self._lock:
            self.seconds[key] = self.seconds.get(key, 0.0) + seconds

    # ------------------------------------------------------------------------------------------------ API
    def convert_all(self, docs: Iterable[EvidenceDoc], progress: Progress | None = None) -> dict[str, Converted]:
        """Every document as PDF, keyed by EvidenceDoc.sha256 (documents with the same content share one)."""
        unique: dict[str, EvidenceDoc] = {}
        for d in docs:
            unique.setdefault(d.sha256, d)
        total, done = len(unique), 0
        results: dict[str, Converted] = {}

        def finished(doc: EvidenceDoc, result: Converted) -> None:
            nonlocal done
            results[doc.sha256] = result
            done += 1
            if progress is not None:
                progress(done, total, doc.path.name)

        self.cache_dir.mkdir(parents=True, exist_ok=True)
        batches: dict[FileConverter, list[EvidenceDoc]] = {}
        rest: list[EvidenceDoc] = []
        for doc in unique.values():
            hit = self._load_cached(doc)
            conv = self.converter(doc) if hit is None else None
            if hit is not None:
                self.stats["cached"] += 1
                finished(doc, hit)
            elif conv is not None and conv.batch:
                bad = self._precheck(conv, doc)
                if bad is not None:
                    finished(doc, bad)
                elif not conv.is_available():
                    finished(doc, Converted(None, 0, conv.unavailable(doc)))
                else:
                    batches.setdefault(conv, []).append(doc)
            else:
                rest.append(doc)
        farmed = self._farmed(rest)
        away = {id(d) for d in farmed}            # by identity: documents compare field by field
        here = [d for d in rest if id(d) not in away]
        with _BatchPool(self, batches) as pool, _FilePool(self, farmed) as files:
            for doc, res in files.results():      # scans on every core first, then the rest here
                finished(doc, res)
            for doc in here:                      # PDFs, text (and images without workers) while the batches run
                finished(doc, self.convert(doc))
            for doc, res in pool.results():
                finished(doc, res)
        self.memo.save()
        return results

    def _farmed(self, docs: list[EvidenceDoc]) -> list[EvidenceDoc]:
        """The files of converters marked `parallel`, for `jobs` worker processes, when there are enough of them."""
        if self.context is None or self.jobs <= 1:
            return []
        found = [d for d in docs if getattr(self.converter(d), "parallel", False)]
        return found if len(found) >= FARM_MIN else []

    def _finish(self, doc: EvidenceDoc, conv: FileConverter, outcome: tuple) -> Converted:
        """What `convert` does with a conversion's outcome: ("ok", Converted), ("os", reason) or
        ("error", message, hint, cache) — counted, stored in the cache, a Problem naming the file."""
        if outcome[0] == "ok":
            self._count(conv.name)
            self._store(doc, outcome[1])
            return outcome[1]
        self._count("failed")
        if outcome[0] == "os":                # vanished or unreadable since it was collected: try again next time
            return Converted(None, 0, Problem(f"文件无法读取（{outcome[1]}）", file=display(doc)))
        result = Converted(None, 0, Problem(outcome[1], file=display(doc), hint=outcome[2]))
        self._store(doc, result, cache_problem=outcome[3])
        return result

    def convert(self, doc: EvidenceDoc) -> Converted:
        """One document (a batch converter's file goes through a batch of one)."""
        hit = self._load_cached(doc)
        if hit is not None:
            return hit
        conv = self.converter(doc)
        if conv is not None and conv.batch:
            bad = self._precheck(conv, doc)
            if bad is not None:
                return bad
            if not conv.is_available():
                return Converted(None, 0, conv.unavailable(doc))
            with _BatchPool(self, {conv: [doc]}) as pool:
                return next(iter(pool.results()))[1]
        if conv is None:
            result = Converted(None, 0, Problem(f"不支持的文件类型“{doc.path.suffix}”", file=display(doc),
                                                hint="请另存或打印为 PDF 后放入"))
            self._count("failed")
            self._store(doc, result)
            return result
        started = time.monotonic()
        outcome = run_converter(conv, doc, self.cache_pdf(doc))
        if outcome[0] == "ok":
            self._time(conv.name, time.monotonic() - started)
        return self._finish(doc, conv, outcome)

    def _precheck(self, conv: FileConverter, doc: EvidenceDoc) -> Converted | None:
        """A failed result (cached: it is deterministic) when the file is not the container its extension
        promises."""
        try:
            reason = conv.precheck(doc)
        except OSError as e:
            self._count("failed")
            return Converted(None, 0, Problem(f"文件无法读取（{os_reason(e)}）", file=display(doc)))
        if reason is None:
            return None
        result = Converted(None, 0, Problem(reason, file=display(doc),
                                            hint="请用 Office 或 WPS 打开确认；能打开的请另存为 PDF 后放入，"
                                                 "打不开的请找回原始文件"))
        self._count("failed")
        self._store(doc, result)
        return result


FARM_MIN = 16              # fewer files of a parallel converter than this are converted here


def run_converter(conv: FileConverter, doc: EvidenceDoc, dst: Path) -> tuple:
    """One file through `conv`: ("ok", Converted), ("os", reason) or ("error", message, hint, cache)."""
    try:
        return ("ok", conv.convert(doc, Path(dst)))
    except OSError as e:
        return ("os", os_reason(e))
    except ConversionError as e:
        return ("error", e.message, e.hint, e.cache)


def convert_in_worker(name: str, timeout: float, doc: EvidenceDoc, dst: str) -> tuple:
    """`run_converter` in a worker process, with the registered converter of that name."""
    from dossier.evidence.converters.base import REGISTRY
    return run_converter(REGISTRY[name](timeout=timeout), doc, Path(dst))


class _FilePool:
    """The files of `parallel` converters (scans and photos) in `jobs` worker processes beside the batches and
    this thread; the seconds recorded for their converter are the wall time from the first to the last."""

    def __init__(self, runner: Converter, docs: list[EvidenceDoc]):
        self.runner, self.docs = runner, docs
        self.convs = [runner.converter(d) for d in docs]
        self.pool = None
        self.outcomes = iter(())

    def __enter__(self) -> "_FilePool":
        if not self.docs:
            return self
        r = self.runner
        from concurrent.futures import ProcessPoolExecutor
        self.started = time.monotonic()
        self.pool = ProcessPoolExecutor(max_workers=r.jobs, mp_context=r.context)
        self.outcomes = self.pool.map(convert_in_worker, [c.name for c in self.convs], [r.timeout] * len(self.docs),
                                      self.docs, [str(r.cache_pdf(d)) for d in self.docs],
                                      chunksize=max(1, min(32, len(self.docs) // (4 * r.jobs))))
        return self

    def results(self):
        from concurrent.futures.process import BrokenProcessPool
        r = self.runner
        done = 0
        try:
            for doc, conv, outcome in zip(self.docs, self.convs, self.outcomes):
                done += 1
                yield doc, r._finish(doc, conv, outcome)
                with r._lock:
                    r.seconds[conv.name] = time.monotonic() - self.started
        except BrokenProcessPool:             # a worker died (out of memory, killed): the rest here
            for doc in self.docs[done:]:
                yield doc, r.convert(doc)

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _BatchPool:
    """The batch converters' work in `jobs` threads, each with its own working folder (a LibreOffice profile):
    ceil(n / jobs) files per batch (at most `batch_size`), so that every thread has work and LibreOffice starts
    as few times as it can."""

    def __init__(self, runner: Converter, batches: dict[FileConverter, list[EvidenceDoc]]):
        self.runner, self.batches = runner, {c: d for c, d in batches.items() if d}
        self.pool = self.tmp_root = None
        self.futures = []
        self.started: dict[str, float] = {}

    def __enter__(self) -> "_BatchPool":
        if not self.batches:
            return self
        r = self.runner
        self.pool = ThreadPoolExecutor(max_workers=r.jobs, thread_name_prefix="convert")
        cleanup.sweep()
        self.tmp_root = cleanup.temp_dir("lo")
        slots: queue.Queue = queue.Queue()
        for i in range(r.jobs):
            slots.put(Slot(self.tmp_root / f"profile{i}", r._count))
        for conv, docs in self.batches.items():
            self.started[conv.name] = time.monotonic()
            size = max(1, min(r.batch_size, -(-len(docs) // r.jobs)))
            for i in range(0, len(docs), size):
                self.futures.append(self.pool.submit(self._run, conv, docs[i:i + size], slots))
        return self

    def _run(self, conv: FileConverter, docs: list[EvidenceDoc], slots: queue.Queue):
        slot = slots.get()
        try:
            out = conv.convert_batch(docs, self.runner.cache_pdf, slot)
        finally:
            slots.put(slot)
            with self.runner._lock:        # the wall time of this converter's batches so far
                self.runner.seconds[conv.name] = time.monotonic() - self.started[conv.name]
        for doc, res in out:
            self.runner._count(conv.name if res.problem is None else "failed")
            self.runner._store(doc, res, cache_problem=False)
        return out

    def results(self):
        for fut in as_completed(self.futures):
            yield from fut.result()

    def __exit__(self, *exc) -> None:
        stop = exc[0] is not None and issubclass(exc[0], KeyboardInterrupt)
        if exc[0] is not None:                   # Ctrl+C, SIGTERM, an error: LibreOffice must not outlive us
            cleanup.kill_children(stop=stop)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(self.tmp_root, ignore_errors=True)
        if stop:
            cleanup.resume()

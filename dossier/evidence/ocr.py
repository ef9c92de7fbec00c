"""The text layer of evidence documents: OCR for scans, and the text every document shows, for coverage matching,
dates and the site search.

A document whose converted PDF has no text at all (a photo, a scan, an image-only PDF) gets an invisible text layer
from OCRmyPDF driving Debian's tesseract with its Simplified Chinese model (`chi_sim`). The image itself is left
exactly as it was: `--output-type pdf` (no PDF/A re-distilling through Ghostscript), `--optimize 0` (no
recompression), no deskew, no cleaning; only a text layer is grafted onto each page. OCR runs when tesseract and
its Chinese model are installed and `档案.文字识别` is not 否.

OCR is slow (seconds a page), so results are cached by content hash in a cache shared by every build of the user
(`$DOSSIER_OCR_CACHE`, else `$XDG_CACHE_HOME/dossier/ocr`, else `~/.cache/dossier/ocr`): the source's SHA-256,
its converter and version, the OCR version and languages. The text of documents that have their own text is taken
with poppler's pdftotext and cached the same way. OCRmyPDF's random names for the text layer's XObjects are
replaced by fixed ones, and the file is finalized (no dates, ID from content), so the output stays byte-identical.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from dossier.evidence.converters.base import Converted, atomic_write, converter_for, finalize, tmp_beside
from dossier.evidence.model import EvidenceDoc

OCR_VERSION = 1                    # bump when the OCR output changes (part of the cache key)
LANGUAGES = ("chi_sim",)
TEXT_LIMIT = 4000                  # characters of a document's text kept for matching and search
OCR_NOTE = "已做文字识别，加了可检索的文字层（图像未改动）"
OCR_FAILED_NOTE = "文字识别未成功，本件没有可检索的文字层（图像照常装订）"


@lru_cache(maxsize=None)
def available() -> bool:
    """tesseract with the Simplified Chinese model, and ocrmypdf, are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    import importlib.util
    if importlib.util.find_spec("ocrmypdf") is None:      # found, not imported: that costs half a second
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    langs = {line.strip() for line in out.splitlines()}
    return all(lang in langs for lang in LANGUAGES)


def default_cache() -> Path:
    env = os.environ.get("DOSSIER_OCR_CACHE", "").strip()
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "dossier" / "ocr"


def has_text(pdf_path: Path) -> bool:
    """Does any page of the PDF use a font (directly or in a form XObject)? A PDF without is an image-only scan."""
    import pikepdf

    def uses_font(res, depth=0) -> bool:
        if res is None or depth > 4:
            return False
        if res.get("/Font") is not None and len(res.Font.keys()) > 0:
            return True
        xobjects = res.get("/XObject")
        for key in (xobjects.keys() if xobjects is not None else ()):
            x = xobjects[key]
            if x.get("/Subtype") == "/Form" and uses_font(x.get("/Resources"), depth + 1):
                return True
        return False

    try:
        with pikepdf.open(pdf_path) as pdf:
            return any(uses_font(page.obj.get("/Resources")) for page in pdf.pages)
    except Exception:  # noqa: BLE001 - an unreadable file is not OCR'd (conversion reported it already)
        return True


class TextLayer:
    """OCR for the documents that need it, and the text of every document, both cached by content hash."""

    def __init__(self, cache_dir: Path | None = None, *, ocr: bool = True):
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache()
        self.ocr = bool(ocr) and available()
        self.stats = {"ocr": 0, "ocr_cached": 0, "text": 0}

    def _stem(self, doc: EvidenceDoc) -> str:
        conv = converter_for(doc.path)
        kind = f"{conv.name}.v{conv.version}" if conv else "unknown"
        return f"{doc.sha256}.{kind}.o{OCR_VERSION}-{'+'.join(LANGUAGES)}"

    def apply(self, docs: list[EvidenceDoc], converted: dict[str, Converted], *, jobs: int = 1,
              context=None) -> dict[str, Converted]:
        """`converted` with scans replaced by their OCR'd copies; every document's `text` set. What is not
        cached yet (OCR, pdftotext) runs in `jobs` worker processes started from `context` when there is more
        than one such document; the results do not depend on where they were made."""
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return converted
        out = dict(converted)
        texts: dict[str, str] = {}
        todo: dict[str, tuple[EvidenceDoc, Converted]] = {}
        for doc in docs:
            conv = out.get(doc.sha256)
            if conv is None or not conv.ok or doc.sha256 in texts or doc.sha256 in todo:
                continue
            hit = self._cached(doc, conv)
            if hit is None:
                todo[doc.sha256] = (doc, conv)
            else:
                out[doc.sha256], texts[doc.sha256] = hit
        tasks = [self._task(doc, conv) for doc, conv in todo.values()]
        for (sha, (doc, conv)), (outcome, text) in zip(todo.items(), _run_tasks(tasks, jobs, context)):
            out[sha], texts[sha] = self._outcome(doc, conv, outcome, text)
        for doc in docs:
            if doc.sha256 in texts:
                doc.text = texts[doc.sha256]
        return out

    def known(self, docs: list[EvidenceDoc]) -> None:
        """Set `text` of the documents whose text a build has already taken (no conversion, no OCR: for
        `dossier check`, so that it matches as the build does)."""
        for doc in docs:
            stem = self._stem(doc)
            for name in ((f"{stem}.txt",) if self.ocr else ()) + (f"{stem}.plain.txt",):
                if (self.cache_dir / name).is_file():
                    doc.text = _read(self.cache_dir / name)
                    break

    def _paths(self, doc: EvidenceDoc) -> tuple[Path, Path, Path]:
        stem = self._stem(doc)
        return (self.cache_dir / f"{stem}.pdf", self.cache_dir / f"{stem}.txt",
                self.cache_dir / f"{stem}.plain.txt")

    def _cached(self, doc: EvidenceDoc, conv: Converted) -> tuple[Converted, str] | None:
        pdf, txt, plain = self._paths(doc)
        if self.ocr and pdf.is_file() and txt.is_file():
            self.stats["ocr_cached"] += 1
            return _ocred(conv, pdf), _read(txt)
        if plain.is_file():
            text = _read(plain)
            if text.strip() or not self.ocr:
                return conv, text
        return None

    def _task(self, doc: EvidenceDoc, conv: Converted) -> tuple:
        pdf, txt, plain = self._paths(doc)
        return str(conv.pdf), str(pdf), str(txt), str(plain), self.ocr

    def _outcome(self, doc: EvidenceDoc, conv: Converted, outcome: str, text: str) -> tuple[Converted, str]:
        if outcome == "ocr":
            self.stats["ocr"] += 1
            return _ocred(conv, self._paths(doc)[0]), text
        if outcome == "ocr-failed":
            logging.getLogger(__name__).debug("OCR failed for %s: %s", doc.rel, text)
            conv = dataclasses.replace(conv, note="；".join(x for x in (conv.note, OCR_FAILED_NOTE) if x))
            text = _read(self._paths(doc)[2])
        self.stats["text"] += 1
        return conv, text


def text_task(src: str, ocr_pdf: str, ocr_txt: str, plain: str, ocr: bool) -> tuple[str, str]:
    """One document's text layer, in a worker or here: ("ocr", text) when a text layer was added (written to
    `ocr_pdf`, its text to `ocr_txt`), else ("plain", text) — or ("ocr-failed", reason) — with the text
    pdftotext finds written to `plain`."""
    failed = ""
    if ocr and not has_text(Path(src)):
        try:
            text = run_ocr(Path(src), Path(ocr_pdf))
        except Exception as e:  # noqa: BLE001 - OCR is an addition: the scan is bound without a text layer, and says so
            failed = f"{type(e).__name__}: {e}"
        else:
            atomic_write(Path(ocr_txt), text.encode("utf-8"))
            return "ocr", text
    text = pdf_text(Path(src))
    atomic_write(Path(plain), text.encode("utf-8"))
    return ("ocr-failed", failed) if failed else ("plain", text)


def _run_tasks(tasks: list[tuple], jobs: int, context) -> list[tuple[str, str]]:
    if jobs <= 1 or len(tasks) <= 1 or context is None:
        return [text_task(*t) for t in tasks]
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        return list(pool.map(text_task, *zip(*tasks), chunksize=max(1, min(8, len(tasks) // (4 * jobs)))))


def _ocred(conv: Converted, pdf: Path) -> Converted:
    note = "；".join(x for x in (conv.note, OCR_NOTE) if x)
    return dataclasses.replace(conv, pdf=pdf, note=note, ocr=True)


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")[:TEXT_LIMIT]
    except (OSError, UnicodeDecodeError):
        return ""


def pdf_text(pdf: Path, pages: int = 3) -> str:
    """The text of the first `pages` pages (poppler's pdftotext), or "" when it cannot be read."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return ""
    try:
        res = subprocess.run([exe, "-q", "-l", str(pages), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                             timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return res.stdout.decode("utf-8", "replace")[:TEXT_LIMIT]


def run_ocr(src: Path, dst: Path) -> str:
    """OCR `src` into `dst` (the images untouched, a text layer added); the recognised text."""
    import ocrmypdf
    from PIL import Image

    for name in ("ocrmypdf", "pikepdf", "PIL", "fpdf", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)   # library chatter is never shown to the user
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")            # one thread: deterministic, and fair to others
    raw = tmp_beside(dst)
    sidecar = raw.with_suffix(".txt")
    limit = Image.MAX_IMAGE_PIXELS            # ocrmypdf sets Pillow's process-wide limit; the converters use theirs
    try:
        ocrmypdf.ocr(src, raw, language=list(LANGUAGES), output_type="pdf", optimize=0, skip_text=True,
                     deskew=False, clean=False, rotate_pages=False, progress_bar=False, jobs=1, sidecar=sidecar)
        _fixed_names(raw)
        finalize(raw, dst)
        text = sidecar.read_text("utf-8") if sidecar.is_file() else ""
    finally:
        Image.MAX_IMAGE_PIXELS = limit
        raw.unlink(missing_ok=True)
        sidecar.unlink(missing_ok=True)
    return text.replace("\f", "\n")[:TEXT_LIMIT]


_OCR_NAME = re.compile(rb"/OCR-[A-Za-z0-9_\-]+")


def _fixed_names(path: Path) -> None:
    """Rename OCRmyPDF's randomly named text-layer XObjects (/OCR-xxxx) to /OCRText1…, in the page resources and
    the page content that draws them, so the same scan always gives the same bytes."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            xobjects = page.obj.get("/Resources", {}).get("/XObject")
            if xobjects is None:
                continue
            names = sorted(k for k in xobjects.keys() if k.startswith("/OCR-"))
            if not names:
                continue
            mapping = {k.encode(): f"/OCRText{i}".encode() for i, k in enumerate(names, 1)}
            for old, new in mapping.items():
                xobjects[new.decode()] = xobjects[old.decode()]
                del xobjects[old.decode()]
            contents = page.obj.Contents
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            for s in streams:
                data = s.read_bytes()
                fixed = _OCR_NAME.sub(lambda m: mapping.get(m.group(0), m.group(0)), data)
                if fixed != data:
                    s.write(fixed)
        pdf.save(path)

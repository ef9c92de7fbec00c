"""What every converter shares: the result of a conversion, the error a converter raises for a file it cannot
convert, the `FileConverter` base class and the registry of converters by file extension, and the
deterministic writing of a PDF (no dates, no XMP, an ID derived from the content).

A converter is one class: the extensions it takes, a `version` (part of the cache key: bump it when its output
changes), `is_available()`, and `convert(doc, dst)` for one file, or `convert_batch` for converters that run
an external program over many files at once. `register` puts it in the registry; `dossier.evidence.converters`
imports the bundled ones.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ClassVar

from dossier.core.errors import Problem
from dossier.evidence.model import EvidenceDoc

MM = 72 / 25.4
A4 = (595.2756, 841.8898)            # points


@dataclass
class Converted:
    pdf: Path | None                  # the PDF to bind (the source itself for a sound PDF), or None on failure
    pages: int
    problem: Problem | None = None
    repaired: bool = False            # qpdf reconstructed a damaged PDF
    note: str = ""                    # what was done to it, for the 备注 column (e.g. 已解除加密)
    ocr: bool = False                 # a text layer was added by OCR (dossier.evidence.ocr)

    @property
    def ok(self) -> bool:
        return self.problem is None and self.pdf is not None and self.pages > 0


class ConversionError(Exception):
    """A file that cannot be converted: the message and hint of the Problem to report."""

    def __init__(self, message: str, hint: str | None = None, cache: bool = True):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.cache = cache            # deterministic failures are cached; LibreOffice ones are retried next build


def display(doc: EvidenceDoc) -> str:
    return doc.display or doc.rel


class FileConverter:
    """One kind of source file to PDF."""
    name: ClassVar[str]                      # the kind, e.g. "pdf"; part of the cache file names
    extensions: ClassVar[frozenset[str]]     # lower case, with the dot
    version: ClassVar[int] = 3
    batch: ClassVar[bool] = False            # converts many files per call (convert_batch), in worker threads
    parallel: ClassVar[bool] = False         # convert() may run in a worker process (needs no state of the run)

    def __init__(self, timeout: float = 120, soffice: str | None = None):
        """Options of a run (a converter takes those it needs): the per-file timeout, the LibreOffice program."""

    def is_available(self) -> bool:
        return True

    def unavailable(self, doc: EvidenceDoc) -> Problem:
        return Problem("无法转换此类文件：本机缺少所需程序", file=display(doc), hint="请运行 make setup")

    def precheck(self, doc: EvidenceDoc) -> str | None:
        """Why the file cannot be what its extension says (a cached failure), or None."""
        return None

    def convert(self, doc: EvidenceDoc, dst: Path) -> Converted:
        raise NotImplementedError

    def convert_batch(self, docs: list[EvidenceDoc], dst_of: Callable[[EvidenceDoc], Path],
                      slot) -> list[tuple[EvidenceDoc, Converted]]:
        raise NotImplementedError


REGISTRY: dict[str, type[FileConverter]] = {}


_BY_EXTENSION: dict[str, type[FileConverter] | None] = {}     # converter_for's answers, until the registry changes


def register(cls: type[FileConverter]) -> type[FileConverter]:
    """Add a converter class to the registry; for an extension two converters claim, the later one wins."""
    REGISTRY[cls.name] = cls
    _BY_EXTENSION.clear()
    return cls


def unregister(name: str) -> None:
    REGISTRY.pop(name, None)
    _BY_EXTENSION.clear()


def converter_for(path: Path | str) -> type[FileConverter] | None:
    ext = os.path.splitext(str(path))[1].lower()
    if ext not in _BY_EXTENSION:
        found = None
        for conv in REGISTRY.values():
            if ext in conv.extensions:
                found = conv
        _BY_EXTENSION[ext] = found
    return _BY_EXTENSION[ext]


def supported_extensions() -> set[str]:
    return {ext for conv in REGISTRY.values() for ext in conv.extensions}


def tmp_beside(dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=dst.parent)
    os.close(fd)
    return Path(name)


def atomic_write(dst: Path, data: bytes) -> None:
    tmp = tmp_beside(dst)
    tmp.write_bytes(data)
    os.replace(tmp, dst)


_KEEP_INFO = {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer"}


def finalize(src: bytes | Path, dst: Path) -> int:
    """Write `src` to `dst` deterministically: no dates, no XMP, ID from the content. Returns the page count."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(src) if isinstance(src, (bytes, bytearray)) else src)
    with pdf:
        info = pdf.trailer.get("/Info")
        if info is not None:           # dates and LibreOffice's /DocChecksum change on every run
            for key in list(info.keys()):
                if key not in _KEEP_INFO:
                    del info[key]
        for key in list(pdf.trailer.keys()):   # /ID and LibreOffice's /DocChecksum differ run to run
            if key not in ("/Root", "/Info", "/Size"):
                del pdf.trailer[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        _fix_font_ids(pdf)
        n = len(pdf.pages)
        tmp = tmp_beside(dst)
        try:
            pdf.save(tmp, deterministic_id=True, encryption=False)
        except Exception:
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, dst)
    return n


_UNIQUE_ID = re.compile(rb"/UniqueID (\d+) def")


def _fix_font_ids(pdf) -> None:
    """LibreOffice numbers the Type 1 fonts it embeds with a /UniqueID that counts up across the documents of one
    call, so a file's bytes would depend on its place in a batch. Replace each by a constant of the same length,
    in the cleartext part and in the eexec-encrypted private dictionary (lengths, so /Length1–3, stay valid)."""
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/FontDescriptor":
            continue
        stream = obj.get("/FontFile")
        if stream is None:
            continue
        data = stream.read_bytes()
        n1 = int(stream.get("/Length1", 0))
        n2 = int(stream.get("/Length2", 0))
        if not (0 < n1 and 0 < n2 and n1 + n2 <= len(data)):
            continue
        clear = _UNIQUE_ID.sub(_same_length_id, data[:n1])
        private = _eexec(_UNIQUE_ID.sub(_same_length_id, _eexec(data[n1:n1 + n2], decrypt=True)), decrypt=False)
        fixed = clear + private + data[n1 + n2:]
        if fixed != data:
            stream.write(fixed)


def _same_length_id(m: "re.Match") -> bytes:
    return b"/UniqueID " + b"4" + b"0" * (len(m.group(1)) - 1) + b" def"


def _eexec(data: bytes, decrypt: bool) -> bytes:
    """The Type 1 eexec cipher (r = 55665), both ways."""
    r, out = 55665, bytearray(len(data))
    for i, byte in enumerate(data):
        out[i] = byte ^ (r >> 8)
        cipher = byte if decrypt else out[i]      # the key stream advances on the ciphertext
        r = ((cipher + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)

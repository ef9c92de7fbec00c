"""Every evidence document to PDF, cached by content hash.

- PDF: validated with pikepdf. A sound, unencrypted PDF is used as it is (no copy); an encrypted one that opens
  with the empty password, or a damaged one that qpdf can reconstruct, is saved as a clean copy in the cache
  (and the result says so). Anything else is a clear Problem.
- DOCX, DOC, XLSX, XLS, PPTX, PPT, ODT, ODS, ODP, RTF: LibreOffice headless, batched (one `soffice
  --convert-to pdf` call per batch, each worker with its own throw-away profile, a batch timeout scaled by its
  file count); files a batch did not convert are retried one by one to find the culprit. Sources are copied
  to a temporary folder first, so LibreOffice never touches them.
- JPG, PNG, TIFF (multi-page): one A4 page per image (landscape for landscape images), fitted inside margins;
  JPEG data is embedded as it is (img2pdf), never re-encoded. Images too large to place are a Problem.
- MD, TXT: typeset on A4 with the embedded CJK font (reportlab platypus).

The cache lives in `cache_dir`, one file per source content (`<sha256>.<kind>.v<N>.pdf` plus a small JSON),
so an unchanged file is never converted twice, across builds. Outputs are deterministic: no dates, no
XMP, document IDs derived from the content.
"""
from __future__ import annotations

import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from dossier.core.errors import Problem
from dossier.core.fonts import soffice_env
from dossier.evidence.collect import EvidenceDoc, kind_of, os_reason

CONVERTER_VERSION = 3      # 2: LibreOffice runs with dossier's fontconfig map; 3: Chinese-only problem messages

MM = 72 / 25.4
A4 = (595.2756, 841.8898)            # points
MAX_PIXELS = 100_000_000              # an image above this cannot be placed sensibly
MAX_SIDE = 30_000                     # pixels on either side
MAX_ASPECT = 50                       # long side / short side

Progress = Callable[[int, int, str], None]
_PDF_BROKEN = "PDF 文件已损坏，无法修复"
_TOO_LARGE_HINT = "请缩小到 1 亿像素以内（A4 扫描用 300dpi 即可，约 2480×3508 像素）"


@dataclass
class Converted:
    pdf: Path | None                  # the PDF to bind (the source itself for a sound PDF), or None on failure
    pages: int
    problem: Problem | None = None
    repaired: bool = False            # qpdf reconstructed a damaged PDF
    note: str = ""                    # what was done to it, for the 备注 column (e.g. 已解除加密)

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


def _soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.path.exists(path):
            return path
    return None


class Converter:
    def __init__(self, cache_dir: Path, timeout: int = 120, *, jobs: int | None = None, batch_size: int = 10,
                 soffice: str | None = None):
        self.cache_dir = Path(cache_dir)
        self.timeout = float(timeout)
        self.jobs = jobs or max(1, min(2, os.cpu_count() or 1))
        self.batch_size = max(1, batch_size)
        self.soffice = soffice or _soffice()
        self.stats = {"cached": 0, "pdf": 0, "office": 0, "image": 0, "text": 0, "failed": 0, "soffice_calls": 0}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------------------ cache
    def _stem(self, doc: EvidenceDoc) -> str:
        return f"{doc.sha256}.{kind_of(doc.path) or 'unknown'}.v{CONVERTER_VERSION}"

    def cache_pdf(self, doc: EvidenceDoc) -> Path:
        return self.cache_dir / (self._stem(doc) + ".pdf")

    def _meta_path(self, doc: EvidenceDoc) -> Path:
        return self.cache_dir / (self._stem(doc) + ".json")

    def _load_cached(self, doc: EvidenceDoc) -> Converted | None:
        meta_path = self._meta_path(doc)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("problem"):
            p = meta["problem"]
            return Converted(None, 0, Problem(p["message"], file=_display(doc), hint=p.get("hint")))
        if meta.get("pdf") == "source":
            if not doc.path.is_file():
                return None
            return Converted(doc.path, int(meta["pages"]))
        pdf = self.cache_pdf(doc)
        if not pdf.is_file() or pdf.stat().st_size != meta.get("size"):
            return None
        return Converted(pdf, int(meta["pages"]), repaired=bool(meta.get("repaired")), note=meta.get("note", ""))

    def _store(self, doc: EvidenceDoc, result: Converted, cache_problem: bool = True) -> None:
        if result.problem is not None and not cache_problem:
            return
        meta: dict = {"source": doc.rel, "kind": kind_of(doc.path), "version": CONVERTER_VERSION}
        if result.problem is not None:
            meta["problem"] = {"message": result.problem.message, "hint": result.problem.hint}
        elif result.pdf is not None and Path(result.pdf) == Path(doc.path):
            meta.update(pdf="source", pages=result.pages)
        else:
            meta.update(pdf="cache", pages=result.pages, size=Path(result.pdf).stat().st_size,
                        repaired=result.repaired, note=result.note)
        _atomic_write(self._meta_path(doc), json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))

    # ------------------------------------------------------------------------------------------------ API
    def convert_all(self, docs: Iterable[EvidenceDoc], progress: Progress | None = None) -> dict[str, Converted]:
        """Every document as PDF, keyed by EvidenceDoc.sha256 (documents with the same content share one)."""
        unique: dict[str, EvidenceDoc] = {}
        for d in docs:
            unique.setdefault(d.sha256, d)
        total = len(unique)
        done = 0
        results: dict[str, Converted] = {}

        def tick(doc: EvidenceDoc) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total, doc.path.name)

        self.cache_dir.mkdir(parents=True, exist_ok=True)
        office: list[EvidenceDoc] = []
        rest: list[EvidenceDoc] = []
        for sha, doc in unique.items():
            hit = self._load_cached(doc)
            if hit is not None:
                results[sha] = hit
                self.stats["cached"] += 1
                tick(doc)
            elif kind_of(doc.path) == "office":
                bad = self._office_precheck(doc)
                if bad is not None:
                    results[sha] = bad
                    tick(doc)
                else:
                    office.append(doc)
            else:
                rest.append(doc)

        futures = []
        pool = None
        if office:
            if self.soffice is None:
                for doc in office:
                    results[doc.sha256] = Converted(None, 0, Problem(
                        "无法转换 Office 文件：本机未安装 LibreOffice", file=_display(doc),
                        hint="请运行 make setup 安装 LibreOffice，或把文件另存为 PDF 后放入"))
                    tick(doc)
            else:
                pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="soffice")
                profiles: queue.Queue = queue.Queue()
                tmp_root = Path(tempfile.mkdtemp(prefix="dossier-lo-"))
                for i in range(self.jobs):
                    profiles.put(tmp_root / f"profile{i}")
                size = self.batch_size
                # keep both workers busy: no more than ceil(n / jobs) files per batch
                size = max(1, min(size, -(-len(office) // self.jobs)))
                for i in range(0, len(office), size):
                    futures.append(pool.submit(self._office_batch, office[i:i + size], profiles))

        for doc in rest:                      # PDFs, images, text in this thread while LibreOffice works
            results[doc.sha256] = self.convert(doc)
            tick(doc)

        if pool is not None:
            try:
                for fut in as_completed(futures):
                    for doc, res in fut.result():
                        results[doc.sha256] = res
                        tick(doc)
            finally:
                pool.shutdown(wait=True)
                shutil.rmtree(tmp_root, ignore_errors=True)
        return results

    def convert(self, doc: EvidenceDoc) -> Converted:
        """One document (Office files go through a batch of one)."""
        hit = self._load_cached(doc)
        if hit is not None:
            return hit
        kind = kind_of(doc.path)
        if kind == "office":
            bad = self._office_precheck(doc)
            if bad is not None:
                return bad
            if self.soffice is None:
                return Converted(None, 0, Problem("无法转换 Office 文件：本机未安装 LibreOffice", file=_display(doc)))
            tmp_root = Path(tempfile.mkdtemp(prefix="dossier-lo-"))
            try:
                profiles: queue.Queue = queue.Queue()
                profiles.put(tmp_root / "profile0")
                return self._office_batch([doc], profiles)[0][1]
            finally:
                shutil.rmtree(tmp_root, ignore_errors=True)
        handler = {"pdf": self._pdf, "image": self._image, "text": self._text}.get(kind)
        try:
            if handler is None:
                raise ConversionError(f"不支持的文件类型“{doc.path.suffix}”", "请另存或打印为 PDF 后放入")
            result = handler(doc)
            self._count(kind)
        except OSError as e:                  # vanished or unreadable since it was collected: try again next time
            self._count("failed")
            return Converted(None, 0, Problem(f"文件无法读取（{os_reason(e)}）", file=_display(doc)))
        except ConversionError as e:
            result = Converted(None, 0, Problem(e.message, file=_display(doc), hint=e.hint))
            self._count("failed")
            self._store(doc, result, cache_problem=e.cache)
            return result
        self._store(doc, result)
        return result

    def _count(self, key: str) -> None:
        with self._lock:
            self.stats[key] = self.stats.get(key, 0) + 1

    # ------------------------------------------------------------------------------------------------ PDF
    def _pdf(self, doc: EvidenceDoc) -> Converted:
        import pikepdf

        try:
            pdf = pikepdf.open(doc.path)          # read only; the empty password is tried automatically
        except pikepdf.PasswordError:
            raise ConversionError("PDF 文件设有打开密码，无法读取",
                                  "请用原软件取消打开密码后另存，或打印为新的 PDF 后放入")
        except Exception as e:  # noqa: BLE001 - pikepdf raises several kinds for unreadable files
            raise ConversionError(_PDF_BROKEN,
                                  "请从原始来源重新导出或重新扫描这份文件")
        with pdf:
            try:
                n = _touch_pages(pdf)
            except Exception as e:  # noqa: BLE001
                raise ConversionError(_PDF_BROKEN,
                                      "请从原始来源重新导出或重新扫描这份文件")
            if n == 0:
                raise ConversionError("PDF 文件没有任何页面", "请检查文件是否完整")
            warnings = list(pdf.get_warnings())
            encrypted = bool(pdf.is_encrypted)
            if not warnings and not encrypted:
                return Converted(doc.path, n)
            notes = []
            if encrypted:
                notes.append("原文件已加密（无打开密码），已解除加密")
            if warnings:
                notes.append("原文件有损坏，已自动修复")
            dst = self.cache_pdf(doc)
            tmp = _tmp_beside(dst)
            try:
                pdf.save(tmp, deterministic_id=True, encryption=False)
            except Exception as e:  # noqa: BLE001
                tmp.unlink(missing_ok=True)
                raise ConversionError(_PDF_BROKEN,
                                      "请从原始来源重新导出或重新扫描这份文件")
        # the clean copy must open without complaint
        try:
            with pikepdf.open(tmp) as check:
                n2 = _touch_pages(check)
        except Exception as e:  # noqa: BLE001
            tmp.unlink(missing_ok=True)
            raise ConversionError(_PDF_BROKEN, "请从原始来源重新导出或重新扫描这份文件")
        if n2 == 0:
            tmp.unlink(missing_ok=True)
            raise ConversionError("PDF 文件已损坏，修复后没有任何页面", "请从原始来源重新导出或重新扫描这份文件")
        os.replace(tmp, dst)
        return Converted(dst, n2, repaired=bool(warnings), note="；".join(notes))

    # ------------------------------------------------------------------------------------------------ images
    def _image(self, doc: EvidenceDoc) -> Converted:
        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)   # our own, clearer limit applies
            return self._image_checked(doc)

    def _image_checked(self, doc: EvidenceDoc) -> Converted:
        import img2pdf
        from PIL import Image

        try:
            with Image.open(doc.path) as im:      # reads the header only
                frames = getattr(im, "n_frames", 1)
                sizes = []
                for i in range(frames):
                    if i:
                        im.seek(i)
                    sizes.append(im.size)
        except Image.DecompressionBombError as e:
            m = re.search(r"\((\d+) pixels\)", str(e))
            size = f"（约 {int(m.group(1)) / 1e6:.0f} 百万像素）" if m else ""
            raise ConversionError(f"图片过大{size}，无法排入 A4 页面", _TOO_LARGE_HINT)
        except Exception as e:  # noqa: BLE001
            raise ConversionError("图片无法读取，可能已损坏或格式与扩展名不符", "请用看图软件打开确认，必要时重新扫描或另存为 JPG")
        for w, h in sizes:
            if w <= 0 or h <= 0:
                raise ConversionError("图片尺寸无效", "请重新扫描或另存为 JPG")
            if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
                raise ConversionError(f"图片过大（{w}×{h} 像素，约 {w * h / 1e6:.0f} 百万像素），无法排入 A4 页面",
                                      _TOO_LARGE_HINT)
            if max(w, h) / min(w, h) > MAX_ASPECT:
                raise ConversionError(f"图片长宽比异常（{w}×{h} 像素），无法排入 A4 页面", "请裁切或分段后再放入")
        layout = img2pdf.get_layout_fun(pagesize=A4, border=(18 * MM, 15 * MM), fit=img2pdf.FitMode.into,
                                        auto_orient=True)
        try:
            data = img2pdf.convert(str(doc.path), layout_fun=layout, nodate=True, creator="dossier",
                                   producer="dossier")
        except Exception:  # noqa: BLE001 - alpha channels, odd colour spaces, 16-bit PNG: re-encode losslessly
            try:
                data = img2pdf.convert(*_flatten_frames(doc.path), layout_fun=layout, nodate=True,
                                       creator="dossier", producer="dossier")
            except Exception as e:  # noqa: BLE001
                raise ConversionError("图片无法转换为 PDF（颜色模式或编码不受支持）", "请另存为 JPG 或 PNG 后放入")
        dst = self.cache_pdf(doc)
        pages = _finalize(data, dst)
        return Converted(dst, pages)

    # ------------------------------------------------------------------------------------------------ text
    def _text(self, doc: EvidenceDoc) -> Converted:
        raw = doc.path.read_bytes()
        text = _decode_text(raw)
        if text is None:
            raise ConversionError("文本文件的编码无法识别", "请另存为 UTF-8 编码")
        markdown = doc.path.suffix.lower() in (".md", ".markdown")
        data = typeset(text, markdown=markdown)
        dst = self.cache_pdf(doc)
        pages = _finalize(data, dst)
        return Converted(dst, pages)

    # ------------------------------------------------------------------------------------------------ Office
    def _office_batch(self, docs: list[EvidenceDoc], profiles: queue.Queue) -> list[tuple[EvidenceDoc, Converted]]:
        profile = profiles.get()
        try:
            out: dict[str, Converted] = {}
            try:
                converted, failure = self._run_soffice(docs, profile)
            except OSError as e:                 # a source that vanished, a full disk: retry one by one
                converted, failure = {}, f"文件无法读取（{os_reason(e)}）"
            out.update(converted)
            left = [d for d in docs if d.sha256 not in out]
            if len(docs) > 1:
                for d in left:                       # find the culprit: one by one
                    try:
                        one, fail1 = self._run_soffice([d], profile)
                    except OSError as e:
                        one, fail1 = {}, f"文件无法读取（{os_reason(e)}）"
                    if d.sha256 in one:
                        out[d.sha256] = one[d.sha256]
                    else:
                        out[d.sha256] = self._office_problem(d, fail1)
            else:
                for d in left:
                    out[d.sha256] = self._office_problem(d, failure)
            results = []
            for d in docs:
                res = out[d.sha256]
                self._count("office" if res.problem is None else "failed")
                self._store(d, res, cache_problem=False)
                results.append((d, res))
            return results
        finally:
            profiles.put(profile)

    def _office_precheck(self, doc: EvidenceDoc) -> Converted | None:
        """A failed result (cached: it is deterministic) when the file is not the container its extension
        promises; LibreOffice would import anything else as plain text and bind pages of mojibake."""
        try:
            reason = office_container_problem(doc.path)
        except OSError as e:
            self._count("failed")
            return Converted(None, 0, Problem(f"文件无法读取（{os_reason(e)}）", file=_display(doc)))
        if reason is None:
            return None
        result = Converted(None, 0, Problem(reason, file=_display(doc),
                                            hint="请用 Office 或 WPS 打开确认；能打开的请另存为 PDF 后放入，"
                                                 "打不开的请找回原始文件"))
        self._count("failed")
        self._store(doc, result)
        return result

    def _office_problem(self, doc: EvidenceDoc, failure: str) -> Converted:
        return Converted(None, 0, Problem(f"无法转换为 PDF（{failure or 'LibreOffice 未能输出 PDF'}）", file=_display(doc),
                                          hint="请用 Word/WPS/Excel 打开后另存为 PDF 再放入；若文件受密码保护请先取消密码"))

    def batch_timeout(self, n: int) -> float:
        """A batch of n files may take the per-file timeout plus a quarter of it for every further file."""
        return self.timeout * (1 + (n - 1) / 4)

    def _run_soffice(self, docs: list[EvidenceDoc], profile: Path) -> tuple[dict[str, Converted], str]:
        """One LibreOffice call for `docs`; the ones it converted, and what went wrong otherwise."""
        results: dict[str, Converted] = {}
        with self._lock:
            self.stats["soffice_calls"] += 1
        with tempfile.TemporaryDirectory(prefix="dossier-batch-") as tmp:
            tmp = Path(tmp)
            indir, outdir = tmp / "in", tmp / "out"
            indir.mkdir()
            outdir.mkdir()
            names = []
            for i, d in enumerate(docs):
                name = f"{i:04d}{d.path.suffix.lower()}"
                shutil.copyfile(d.path, indir / name)       # soffice never sees the source
                names.append(name)
            cmd = [self.soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
                   "--convert-to", "pdf", "--outdir", str(outdir)] + [str(indir / n) for n in names]
            env = soffice_env()
            env.setdefault("HOME", str(tmp))
            env["SAL_USE_VCLPLUGIN"] = "svp"
            failure = ""
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    env=env, cwd=tmp, start_new_session=True)
            try:
                _, err = proc.communicate(timeout=self.batch_timeout(len(docs)))
                if proc.returncode != 0:
                    failure = "LibreOffice 异常退出"
                # LibreOffice's own (English) messages stay out of the problem: a file it did not convert is
                # reported as such below
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                failure = f"LibreOffice 超过 {self.batch_timeout(len(docs)):g} 秒仍未完成"
            for d, name in zip(docs, names):
                produced = outdir / (Path(name).stem + ".pdf")
                if not produced.is_file() or produced.stat().st_size == 0:
                    continue
                try:
                    dst = self.cache_pdf(d)
                    pages = _finalize(produced, dst)
                except Exception:  # noqa: BLE001 - a half-written PDF from a killed run: retried individually
                    continue
                if pages > 0:
                    results[d.sha256] = Converted(dst, pages)
        return results, failure


# ----------------------------------------------------------------------------------------------------- helpers

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_APP = {".docx": "Word", ".doc": "Word", ".odt": "Word", ".rtf": "Word", ".xlsx": "Excel", ".xls": "Excel",
        ".ods": "Excel", ".pptx": "PowerPoint", ".ppt": "PowerPoint", ".odp": "PowerPoint"}
_OOXML = {".docx", ".xlsx", ".pptx"}
_ODF = {".odt", ".ods", ".odp"}
_BINARY = {".doc", ".xls", ".ppt"}


def _zip_names(path: Path) -> set[str] | None:
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            return set(z.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        return None


def office_container_problem(path: Path) -> str | None:
    """Why `path` cannot be the Office file its extension says (the Problem's message), or None when its
    container looks right: OOXML a zip with [Content_Types].xml, ODF a zip with a mimetype entry, the binary
    formats an OLE compound file, RTF text starting with {\\rtf. A few honest mix-ups LibreOffice reads well are
    accepted: a .doc/.xls that is really RTF, HTML or XML (exports from many systems), and an OOXML name on an
    OLE file (password-protected OOXML is stored that way; LibreOffice then reports the password)."""
    ext = Path(path).suffix.lower()
    app = _APP.get(ext)
    if app is None:
        return None
    with open(path, "rb") as f:
        head = f.read(512)
    kind = ext.lstrip(".").upper()

    def bad(what: str) -> str:
        return f"不是有效的 {app} 文件（{what}），可能已损坏或扩展名不对"

    if not head:
        return bad("文件是空的")
    is_zip = head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06")
    if ext in _OOXML or ext in _ODF:
        if head.startswith(OLE_MAGIC):
            return None
        if not is_zip:
            return bad(f"内容不是 {kind} 格式")
        names = _zip_names(path)
        if names is None:
            return bad("压缩包结构已损坏")
        if ext in _OOXML and "[Content_Types].xml" not in names:
            return bad(f"压缩包中没有 {kind} 文档的内容")
        if ext in _ODF and "mimetype" not in names:
            return bad(f"压缩包中没有 {kind} 文档的内容")
        return None
    if ext in _BINARY:
        if head.startswith(OLE_MAGIC):
            return None
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped.startswith(b"{\\rtf") and ext == ".doc":
            return None
        if stripped.startswith(b"<") and ext in (".doc", ".xls"):
            return None
        if is_zip:
            names = _zip_names(path)
            if names is not None and "[Content_Types].xml" in names:
                return None
        return bad(f"内容不是 {kind} 格式")
    if ext == ".rtf":
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
            return None
        return bad("内容不是 RTF 格式")
    return None


def _display(doc: EvidenceDoc) -> str:
    return doc.display or doc.rel


def _short(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    text = re.sub(r"^/\S+:\s*", "", text)        # drop the temporary path qpdf prefixes
    return text[:100]


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _touch_pages(pdf) -> int:
    """Resolve every page's box and content references (makes qpdf notice damage); the page count."""
    n = 0
    for page in pdf.pages:
        _ = page.mediabox
        _ = page.obj.get("/Contents")
        _ = page.obj.get("/Resources")
        n += 1
    return n


def _tmp_beside(dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=dst.parent)
    os.close(fd)
    return Path(name)


def _atomic_write(dst: Path, data: bytes) -> None:
    tmp = _tmp_beside(dst)
    tmp.write_bytes(data)
    os.replace(tmp, dst)


_KEEP_INFO = {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer"}


def _finalize(src: bytes | Path, dst: Path) -> int:
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
        tmp = _tmp_beside(dst)
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


def _flatten_frames(path: Path) -> list[bytes]:
    """Every frame as a lossless 8-bit PNG (alpha flattened onto white), for images img2pdf refuses."""
    from PIL import Image, ImageOps

    out = []
    with Image.open(path) as im:
        for i in range(getattr(im, "n_frames", 1)):
            im.seek(i)
            frame = ImageOps.exif_transpose(im.copy()) if i == 0 else im.copy()
            if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
                rgba = frame.convert("RGBA")
                bg = Image.new("RGB", rgba.size, "white")
                bg.paste(rgba, mask=rgba.getchannel("A"))
                frame = bg
            elif frame.mode not in ("RGB", "L", "1"):
                frame = frame.convert("RGB")
            buf = io.BytesIO()
            frame.save(buf, format="PNG")
            out.append(buf.getvalue())
    return out


def _decode_text(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            return None
        return text
    return None


# ----------------------------------------------------------------------------------------------------- typesetting

_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape
    return escape(_CTRL.sub("", text))


def _inline_md(text: str) -> str:
    """Markdown inline markup to plain text (the CJK fonts have no bold or italic faces)."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)         # images → alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)          # links → their text
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return text


def _indent_of(line: str, size: float) -> tuple[float, str]:
    """Leading ASCII and full-width spaces as an indent in points, and the rest of the line."""
    width = 0.0
    i = 0
    while i < len(line) and line[i] in " \u3000\t":
        width += {" ": size / 2, "\u3000": size, "\t": size * 2}[line[i]]
        i += 1
    return width, line[i:]


def typeset(text: str, *, markdown: bool = False) -> bytes:
    """Plain text or Markdown typeset on A4 pages in the embedded CJK font; the PDF's bytes (deterministic)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
                                    XPreformatted)

    from dossier.core.fonts import register
    serif, sans = register()
    size = 12
    body = ParagraphStyle("body", fontName=serif, fontSize=size, leading=size * 1.65, wordWrap="CJK",
                          spaceAfter=size * 0.4)
    heads = {
        1: ParagraphStyle("h1", parent=body, fontName=sans, fontSize=18, leading=28, alignment=TA_CENTER,
                          spaceBefore=6, spaceAfter=12),
        2: ParagraphStyle("h2", parent=body, fontName=sans, fontSize=15, leading=24, spaceBefore=8, spaceAfter=6),
        3: ParagraphStyle("h3", parent=body, fontName=sans, fontSize=13, leading=21, spaceBefore=6, spaceAfter=4),
    }
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=14, spaceAfter=0)
    code = ParagraphStyle("code", parent=body, fontSize=9.5, leading=13, backColor=colors.HexColor("#f3f3f3"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    story: list = []
    frame_width = A4[0] - 50 * MM

    def para(line: str, style=body, extra_indent: float = 0.0, bullet: str | None = None) -> None:
        indent, rest = _indent_of(line, style.fontSize)
        if not rest.strip():
            return
        st = ParagraphStyle("p", parent=style, firstLineIndent=indent if bullet is None else 0,
                            leftIndent=extra_indent)
        content = _esc(_inline_md(rest) if markdown else rest)
        if bullet is not None:
            st.leftIndent = extra_indent + style.fontSize * 1.5
            st.bulletIndent = extra_indent
            st.bulletFontName = style.fontName
            story.append(Paragraph(content, st, bulletText=bullet))
        else:
            story.append(Paragraph(content, st))

    if not markdown:
        for line in lines:
            if line.strip():
                para(line)
            else:
                story.append(Spacer(1, size * 0.6))
    else:
        i = 0
        buf: list[str] = []

        def flush() -> None:
            if buf:
                joined = buf[0]
                for nxt in buf[1:]:
                    nxt = nxt.strip()
                    sep = " " if joined[-1:].isascii() and nxt[:1].isascii() else ""
                    joined += sep + nxt
                para(joined)
                buf.clear()

        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if stripped.startswith("```") or stripped.startswith("~~~"):
                flush()
                fence = stripped[:3]
                block = []
                i += 1
                while i < len(lines) and not lines[i].strip().startswith(fence):
                    block.append(lines[i])
                    i += 1
                story.append(XPreformatted(_esc("\n".join(block)), code))
                i += 1
                continue
            m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", stripped)
            if m:
                flush()
                level = min(len(m.group(1)), 3)
                story.append(Paragraph(_esc(_inline_md(m.group(2))), heads[level]))
            elif re.match(r"^([-*_])(\s*\1){2,}$", stripped):
                flush()
                story.append(HRFlowable(width="100%", thickness=0.6, color=colors.grey, spaceBefore=4, spaceAfter=8))
            elif stripped.startswith("|"):
                flush()
                rows = []
                while i < len(lines) and lines[i].strip().startswith("|"):
                    cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                    if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                        rows.append(cells)
                    i += 1
                if rows:
                    ncol = max(len(r) for r in rows)
                    data = [[Paragraph(_esc(_inline_md(c)), cell) for c in r] + [""] * (ncol - len(r)) for r in rows]
                    t = Table(data, colWidths=[frame_width / ncol] * ncol, repeatRows=1)
                    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                           ("FONTNAME", (0, 0), (-1, -1), serif),
                                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
                    story.append(t)
                    story.append(Spacer(1, 6))
                continue
            elif re.match(r"^\s*([-*+]|\d+[.、)])\s+", line):
                flush()
                mm_ = re.match(r"^(\s*)([-*+]|\d+[.、)])\s+(.*)$", line)
                depth = len(mm_.group(1).replace("\t", "    ")) // 2
                marker = mm_.group(2)
                para(mm_.group(3), extra_indent=depth * size, bullet="•" if marker in "-*+" else marker)
            elif stripped.startswith(">"):
                flush()
                para(stripped.lstrip("> "), extra_indent=size * 2)
            elif not stripped:
                flush()
            else:
                buf.append(line)
            i += 1
        flush()
    if not story:
        story.append(Paragraph("（空白文档）", body))

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * MM, rightMargin=25 * MM, topMargin=30 * MM,
                            bottomMargin=25 * MM, invariant=1, initialFontName=serif, creator="dossier",
                            producer="dossier", title="", author="")
    doc.build(story)
    return out.getvalue()

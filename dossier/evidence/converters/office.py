"""Office files (DOCX, DOC, XLSX, XLS, PPTX, PPT, ODT, ODS, ODP, RTF) through LibreOffice headless, batched: one
`soffice --convert-to pdf` call per batch, each worker thread with its own throw-away profile, a batch timeout
scaled by its file count; the files a batch did not convert are retried by halves until each culprit is alone. Sources are
copied to a temporary folder first, so LibreOffice never touches them. A file whose container is not what its
extension promises is refused before LibreOffice sees it (LibreOffice would import it as text).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from dossier.core import cleanup
from dossier.core.errors import Problem
from dossier.core.files import low_space, os_reason
from dossier.core.fonts import soffice_env
from dossier.evidence.converters.base import Converted, FileConverter, display, finalize, register
from dossier.evidence.converters.ink import all_blank
from dossier.evidence.model import EvidenceDoc


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.path.exists(path):
            return path
    return None


NICENESS = 10


def niced(cmd: list[str]) -> list[str]:
    """`cmd` at a lower scheduling priority (nice 10) where `nice` exists. LibreOffice's batches are the long work
    of a build: niced, they yield the processor to the short conversions beside them (PDFs, images, in this
    process) and to a web app serving its users, and still take every cycle nothing else wants."""
    exe = shutil.which("nice")
    return [exe, "-n", str(NICENESS), *cmd] if exe else cmd


def lower_session(pid: int) -> None:
    """Give the new session of `pid` the same lower priority: with the kernel's autogroups (on by default on
    desktop and many server kernels) a session is scheduled as one group against the others, and the nice
    value of its processes counts only inside it; the group's own nice value is set here (where the kernel
    has none, nothing happens)."""
    try:
        with open(f"/proc/{pid}/autogroup", "w") as fh:
            fh.write(str(NICENESS))
    except OSError:
        pass


@dataclass
class Slot:
    """A worker's own LibreOffice profile, and the runner's counter."""
    profile: Path
    count: Callable[[str], None]


@register
class OfficeConverter(FileConverter):
    name = "office"
    extensions = frozenset({".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt", ".ods", ".odp", ".rtf"})
    batch = True
    version = 5                              # 4: spreadsheets fitted to the page width; 5: all-blank results refused

    def __init__(self, timeout: float = 120, soffice: str | None = None):
        self.timeout = float(timeout)
        self.soffice = soffice or find_soffice()

    def is_available(self) -> bool:
        return self.soffice is not None

    def unavailable(self, doc: EvidenceDoc) -> Problem:
        return Problem("无法转换 Office 文件：本机未安装 LibreOffice", file=display(doc),
                       hint="请运行 make setup 安装 LibreOffice，或把文件另存为 PDF 后放入")

    def precheck(self, doc: EvidenceDoc) -> str | None:
        return office_container_problem(doc.path)

    def batch_timeout(self, n: int) -> float:
        """A batch of n files may take the per-file timeout plus a quarter of it for every further file."""
        return self.timeout * (1 + (n - 1) / 4)

    def convert_batch(self, docs: list[EvidenceDoc], dst_of, slot: Slot) -> list[tuple[EvidenceDoc, Converted]]:
        out: dict[str, Converted] = {}
        try:
            converted, failure = self._run(docs, dst_of, slot)
        except OSError as e:                 # a source that vanished, a full disk: retry by halves
            converted, failure = {}, f"文件无法读取（{os_reason(e)}）"
        out.update(converted)
        missing = [d for d in docs if d.sha256 not in out]
        if missing and cleanup.stopping():   # dossier is being stopped: no more LibreOffice
            out.update((d.sha256, self._problem(d, "已中断")) for d in missing)
        elif len(docs) == 1:
            out.update((d.sha256, self._problem(d, failure)) for d in missing)
        elif len(missing) == 1 or len(missing) == len(docs):   # alone (nothing converted: each alone)
            for d in missing:
                out.update((d.sha256, r) for d, r in self.convert_batch([d], dst_of, slot))
        elif missing:                        # find the culprits by halves: a few calls, not one per file
            half = (len(missing) + 1) // 2
            for part in (missing[:half], missing[half:]):
                out.update((d.sha256, r) for d, r in self.convert_batch(part, dst_of, slot))
        return [(d, out[d.sha256]) for d in docs]

    def _problem(self, doc: EvidenceDoc, failure: str) -> Converted:
        return Converted(None, 0, Problem(f"无法转换为 PDF（{failure or 'LibreOffice 未能输出 PDF'}）", file=display(doc),
                                          hint="请用 Word/WPS/Excel 打开后另存为 PDF 再放入；若文件受密码保护请先取消密码"))

    def _run(self, docs: list[EvidenceDoc], dst_of, slot: "Slot") -> tuple[dict[str, Converted], str]:
        """One LibreOffice call for `docs`; the ones it converted, and what went wrong otherwise."""
        results: dict[str, Converted] = {}
        slot.count("soffice_calls")
        profile = slot.profile
        with tempfile.TemporaryDirectory(prefix=cleanup.prefix("batch")) as tmp:
            tmp = Path(tmp)
            indir, outdir = tmp / "in", tmp / "out"
            indir.mkdir()
            outdir.mkdir()
            names = []
            for i, d in enumerate(docs):
                name = f"{i:04d}{d.path.suffix.lower()}"
                shutil.copyfile(d.path, indir / name)       # soffice never sees the source
                names.append(name)
            env = soffice_env()
            env.setdefault("HOME", str(tmp))
            env["SAL_USE_VCLPLUGIN"] = "svp"
            names = self._fit_sheets(indir, names, slot, env, tmp)
            cmd = [self.soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
                   "--convert-to", "pdf", "--outdir", str(outdir)] + [str(indir / n) for n in names]
            failure = ""
            proc = subprocess.Popen(niced(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    env=env, cwd=tmp, start_new_session=True)
            cleanup.track(proc)
            lower_session(proc.pid)
            try:
                _, err = proc.communicate(timeout=self.batch_timeout(len(docs)))
                if proc.returncode < 0:
                    failure = "LibreOffice 被终止"
                elif proc.returncode != 0:
                    failure = "LibreOffice 异常退出"
                # LibreOffice's own (English) messages stay out of the problem: a file it did not convert is
                # reported as such below
            except subprocess.TimeoutExpired:
                kill_group(proc)
                failure = f"LibreOffice 超过 {self.batch_timeout(len(docs)):g} 秒仍未完成"
            finally:
                cleanup.untrack(proc)
            for d, name in zip(docs, names):
                produced = outdir / (Path(name).stem + ".pdf")
                if not produced.is_file() or produced.stat().st_size == 0:
                    continue
                try:
                    dst = dst_of(d)
                    pages = finalize(produced, dst)
                except Exception:  # noqa: BLE001 - a half-written PDF from a killed run: retried individually
                    continue
                if pages > 0 and all_blank(dst):
                    results[d.sha256] = Converted(None, 0, Problem(
                        "转换后每一页都是空白（原文件没有内容，或已损坏、内容未能读出），未装入", file=display(d),
                        hint="请用 Office/WPS 打开确认；能打开的请另存为 PDF 后放入，打不开的请找回原始文件"))
                elif pages > 0:
                    results[d.sha256] = Converted(dst, pages)
            if len(results) < len(docs) and low_space(tmp, dst_of(docs[0]).parent):
                failure = "磁盘空间不足"
        return results, failure


    def _fit_sheets(self, indir: Path, names: list[str], slot: "Slot", env: dict, cwd: Path) -> list[str]:
        """Spreadsheets fitted to the page width before they are printed (`dossier.core.printsetup`, on the
        copies): an .xls or .ods is first saved as .xlsx by LibreOffice (one call for all of them), a copy that
        cannot be fitted is printed as it is. Returns the names to convert."""
        from dossier.core.printsetup import fit_copies
        other = [n for n in names if Path(n).suffix in (".xls", ".ods")]
        if other:
            slot.count("soffice_calls")
            cmd = [self.soffice, f"-env:UserInstallation={slot.profile.resolve().as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
                   "--convert-to", "xlsx", "--outdir", str(indir / "xlsx")] + [str(indir / n) for n in other]
            try:
                subprocess.run(niced(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=env, cwd=cwd, timeout=self.batch_timeout(len(other)),
                               start_new_session=True)
            except subprocess.TimeoutExpired:
                pass                                   # printed as they are

        def sheet(n: str) -> Path | None:
            ext, saved = Path(n).suffix, indir / "xlsx" / (Path(n).stem + ".xlsx")
            return indir / n if ext == ".xlsx" else saved if ext in (".xls", ".ods") and saved.is_file() else None

        sheets = {n: path for n in names if (path := sheet(n)) is not None}
        fitted = dict(zip(sheets, fit_copies(list(sheets.values()), self.batch_timeout(len(sheets) or 1), niced([]))))
        out = []
        for n in names:
            if not fitted.get(n):
                out.append(n)
            else:
                out.append(n if Path(n).suffix == ".xlsx" else f"xlsx/{sheets[n].name}")
        return out


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


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        pass

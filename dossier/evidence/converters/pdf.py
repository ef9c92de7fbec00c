"""PDF sources, checked with pikepdf (qpdf). A sound, unencrypted PDF is bound as it is (no copy); one that is
encrypted without an open password, or damaged but reconstructible, is saved as a clean copy (and the volume
note says so). The file is written once to a null sink on the way (qpdf only notices some damage, e.g. broken
streams, when it writes), so a file that would break the volume's writing is repaired or refused here, one file
at a time. A dynamic XFA form, whose pages hold only its "please wait" placeholder, is refused. Anything else
is a clear Problem; qpdf's own (English) warnings are never shown."""
from __future__ import annotations

import os
from pathlib import Path

from dossier.core.quiet import quiet
from dossier.evidence.converters.ink import all_blank
from dossier.evidence.converters.base import ConversionError, Converted, FileConverter, register, tmp_beside
from dossier.evidence.model import EvidenceDoc

_PDF_BROKEN = "PDF 文件已损坏，无法修复"


def _touch_pages(pdf) -> int:
    """Resolve every page's box and content references (makes qpdf notice damage); the page count."""
    n = 0
    for page in pdf.pages:
        _ = page.mediabox
        _ = page.obj.get("/Contents")
        _ = page.obj.get("/Resources")
        n += 1
    return n


def _refuse_dynamic_xfa(pdf) -> None:
    """A dynamic XFA form (AcroForm /XFA with /NeedsRendering) shows its content only in Adobe Reader; its pages
    are a placeholder ("To view the full contents of this document…")."""
    form = pdf.Root.get("/AcroForm")
    if form is not None and "/XFA" in form and bool(pdf.Root.get("/NeedsRendering", False)):
        raise ConversionError("PDF 是 XFA 动态表单，页面上只有“请稍候/请用 Adobe Reader 打开”的占位内容，未装入",
                              "请用 Adobe Acrobat Reader 打开后“打印”为 PDF，再放入")


def _refuse_broken_jpegs(pdf) -> None:
    """A JPEG image whose data is not JPEG (no start-of-image marker) shows as nothing in every viewer."""
    import pikepdf

    for number, page in enumerate(pdf.pages, 1):
        try:
            images = list(page.images.values())
        except Exception:  # noqa: BLE001 - damaged resources: the test write decides
            continue
        for image in images:
            filters = image.get("/Filter")
            names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
            if names[-1:] != [pikepdf.Name.DCTDecode] or len(names) != 1:
                continue
            try:
                head = image.read_raw_bytes()[:2]
            except Exception:  # noqa: BLE001
                head = b""
            if head != b"\xff\xd8":
                raise ConversionError(f"PDF 第{number}页中的图片已损坏，任何阅读器都无法显示，未装入",
                                      "请从原始来源重新导出或重新扫描这份文件")


@register
class PdfConverter(FileConverter):
    name = "pdf"
    extensions = frozenset({".pdf"})

    version = 5                            # 5: test write, XFA, broken JPEGs and blank repairs refused

    def convert(self, doc: EvidenceDoc, dst: Path) -> Converted:
        with quiet():
            return self._convert(doc, dst)

    def _convert(self, doc: EvidenceDoc, dst: Path) -> Converted:
        import pikepdf

        try:
            pdf = pikepdf.open(doc.path)          # read only; the empty password is tried automatically
        except pikepdf.PasswordError:
            raise ConversionError("PDF 文件设有打开密码，无法读取",
                                  "请用原软件取消打开密码后另存，或打印为新的 PDF 后放入")
        except Exception:  # noqa: BLE001 - pikepdf raises several kinds for unreadable files
            raise ConversionError(_PDF_BROKEN,
                                  "请从原始来源重新导出或重新扫描这份文件")
        with pdf:
            try:
                n = _touch_pages(pdf)
            except Exception:  # noqa: BLE001
                raise ConversionError(_PDF_BROKEN,
                                      "请从原始来源重新导出或重新扫描这份文件")
            if n == 0:
                raise ConversionError("PDF 文件没有任何页面", "请检查文件是否完整")
            _refuse_dynamic_xfa(pdf)
            _refuse_broken_jpegs(pdf)
            try:
                with open(os.devnull, "wb") as null:
                    pdf.save(null, deterministic_id=True, encryption=False)
            except Exception:  # noqa: BLE001 - qpdf, and pikepdf's logging of a non-UTF-8 qpdf warning
                raise ConversionError(_PDF_BROKEN, "请从原始来源重新导出或重新扫描这份文件")
            warnings = list(pdf.get_warnings())
            encrypted = bool(pdf.is_encrypted)
            if not warnings and not encrypted:
                return Converted(doc.path, n)
            notes = []
            if encrypted:
                notes.append("原文件已加密（无打开密码），已解除加密")
            if warnings:
                notes.append("原文件有损坏，已自动修复")
            tmp = tmp_beside(dst)
            try:
                pdf.save(tmp, deterministic_id=True, encryption=False)
            except Exception:  # noqa: BLE001
                tmp.unlink(missing_ok=True)
                raise ConversionError(_PDF_BROKEN,
                                      "请从原始来源重新导出或重新扫描这份文件")
        # the clean copy must open without complaint
        try:
            with pikepdf.open(tmp) as check:
                n2 = _touch_pages(check)
        except Exception:  # noqa: BLE001
            tmp.unlink(missing_ok=True)
            raise ConversionError(_PDF_BROKEN, "请从原始来源重新导出或重新扫描这份文件")
        if n2 == 0 or (warnings and all_blank(tmp)):
            tmp.unlink(missing_ok=True)
            what = "没有任何页面" if n2 == 0 else "每一页都是空白"
            raise ConversionError(f"PDF 文件已损坏，修复后{what}，未装入", "请从原始来源重新导出或重新扫描这份文件")
        os.replace(tmp, dst)
        return Converted(dst, n2, repaired=bool(warnings), note="；".join(notes))

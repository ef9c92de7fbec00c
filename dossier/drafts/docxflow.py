"""Pagination rules applied to a rendered .docx: what must stay on one page. The 落款 (unit and date) never
stands alone at the top of a page: it is kept with the last text above it. Headings and captions keep with
what follows through their styles (`dossier.drafts.docxlayout`)."""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from dossier.drafts.docxlayout import STYLE_SIGNATURE


def keep_signature(doc) -> None:
    """The 落款 never stands alone on a page: each signature block, the blank lines above it and the last text
    before it (a paragraph, or a table's last row) are kept on one page (keep-with-next on all but the date)."""
    body = doc.element.body
    items = [Paragraph(el, doc) if el.tag == qn("w:p") else Table(el, doc) for el in body
             if el.tag in (qn("w:p"), qn("w:tbl"))]
    for i, item in enumerate(items):
        if not _is_signature(item) or (i + 1 < len(items) and _is_signature(items[i + 1])):
            continue
        j = i - 1
        while j >= 0 and _is_signature(items[j]):
            items[j].paragraph_format.keep_with_next = True
            j -= 1
        while j >= 0:                                   # the blank lines, then the last text or table row
            item = items[j]
            if isinstance(item, Table):
                for cell in item.rows[-1].cells:
                    for para in cell.paragraphs:
                        para.paragraph_format.keep_with_next = True
                break
            item.paragraph_format.keep_with_next = True
            if item.text.strip():
                break
            j -= 1


def _is_signature(item) -> bool:
    return hasattr(item, "style") and getattr(item.style, "name", "") == STYLE_SIGNATURE and hasattr(item, "text")

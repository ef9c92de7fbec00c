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
    is_signature = _signature_test(doc)
    for i, item in enumerate(items):
        if not is_signature(item) or (i + 1 < len(items) and is_signature(items[i + 1])):
            continue
        j = i - 1
        while j >= 0 and is_signature(items[j]):
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


def _signature_test(doc):
    """Whether an item is a paragraph in the 落款 style, as `paragraph.style.name` says (a missing or foreign
    style id falls back to the default paragraph style) — with the styles read once per document, not once per
    paragraph."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles import BabelFish
    styles = doc.styles
    default_is = getattr(styles.default(WD_STYLE_TYPE.PARAGRAPH), "name", "") == STYLE_SIGNATURE
    by_id: dict = {}
    for el in styles.element.style_lst:
        by_id.setdefault(el.styleId, el)

    def test(item) -> bool:
        if not isinstance(item, Paragraph):
            return False
        sid = item._p.style
        el = by_id.get(sid) if sid is not None else None
        if el is None or el.type != WD_STYLE_TYPE.PARAGRAPH:
            return default_is
        return BabelFish.internal2ui(el.name_val) == STYLE_SIGNATURE
    return test

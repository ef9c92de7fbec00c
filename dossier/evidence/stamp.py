"""Page numbers and links added to a bound volume: each content page stamped with its number (a few bytes of
content appended to the page, in one embedded TrueType subset of the CJK serif holding the digits, placed as the
page is displayed, whatever its /Rotate or /UserUnit), and each 卷内目录 row made a link to its document.
"""
from __future__ import annotations

import io
from functools import lru_cache

MM = 72 / 25.4
A4 = (595.2756, 841.8898)


STAMP_SIZE = 12.0              # 小四


STAMP_MARGIN = 12 * MM         # from the page edge to the number's outer edge


STAMP_TOP = 15 * MM            # from the top edge to the baseline


STAMP_FONT_KEY = "/DossierPageNo"


@lru_cache(maxsize=None)
def _stamp_font_pdf() -> tuple[bytes, dict[str, bytes]]:
    """A tiny PDF whose only font is the CJK serif subset holding the digits; and each digit's byte code."""
    from reportlab.pdfgen import canvas

    from dossier.core.fonts import register
    serif, _ = register()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, initialFontName=serif, initialFontSize=STAMP_SIZE)
    c.setFont(serif, STAMP_SIZE)
    for i, ch in enumerate("0123456789"):
        c.drawString(50, 800 - 20 * i, ch)
    c.showPage()
    c.save()
    data = buf.getvalue()
    import pikepdf
    codes: dict[str, bytes] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        shown = [bytes(ins.operands[0]) for ins in pikepdf.parse_content_stream(page) if str(ins.operator) == "Tj"]
        fonts = [str(k) for k in page.Resources.Font.keys()]
    if len(shown) != 10 or len(fonts) != 1:
        raise RuntimeError("unexpected stamp font layout from reportlab")
    for ch, code in zip("0123456789", shown):
        codes[ch] = code
    return data, codes


def stamp_font(out, opened: list):
    """The stamp font, copied into `out` (its source stays open until `out` is saved)."""
    import pikepdf
    data, _ = _stamp_font_pdf()
    src = pikepdf.open(io.BytesIO(data))
    opened.append(src)
    fonts = src.pages[0].Resources.Font
    key = next(iter(fonts.keys()))
    return out.copy_foreign(fonts[key])


def _text_width(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dossier.core.fonts import register
    serif, _ = register()
    return stringWidth(text, serif, STAMP_SIZE)


_MATRIX = {   # display coordinates (u, v) → user space, for /Rotate 0, 90, 180, 270 on box (x0, y0, x1, y1)
    0: lambda x0, y0, x1, y1: (1, 0, 0, 1, x0, y0),
    90: lambda x0, y0, x1, y1: (0, 1, -1, 0, x1, y0),
    180: lambda x0, y0, x1, y1: (-1, 0, 0, -1, x1, y1),
    270: lambda x0, y0, x1, y1: (0, -1, 1, 0, x0, y1),
}


def stamp(out, page, number: int, font, q_open, duplex: bool) -> None:
    """Draw `number` in the page's upper right corner (upper left on even pages when duplex), as displayed."""
    import pikepdf

    obj = page.obj
    try:
        box = [float(v) for v in page.cropbox]
    except Exception:  # noqa: BLE001 - a page without usable boxes: assume A4
        box = [0.0, 0.0, A4[0], A4[1]]
    x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
    if x1 - x0 < 1 or y1 - y0 < 1:
        x0, y0, x1, y1 = 0.0, 0.0, A4[0], A4[1]
    try:
        rotate = int(obj.get("/Rotate", 0) or 0) % 360
    except (TypeError, ValueError):
        rotate = 0
    if rotate not in _MATRIX:
        rotate = 0
    width, height = (x1 - x0, y1 - y0) if rotate in (0, 180) else (y1 - y0, x1 - x0)
    try:
        unit = float(obj.get("/UserUnit", 1) or 1)
    except (TypeError, ValueError):
        unit = 1.0
    size = STAMP_SIZE / unit
    text = str(number)
    tw = _text_width(text) / unit
    margin, top = STAMP_MARGIN / unit, STAMP_TOP / unit
    margin = min(margin, width / 4)
    top = min(top, height / 4)
    u = margin if (duplex and number % 2 == 0) else width - margin - tw
    v = height - top
    m = _MATRIX[rotate](x0, y0, x1, y1)
    _, codes = _stamp_font_pdf()
    shown = b"".join(codes[ch] for ch in text)
    ops = (b"Q\nq %s cm 0 g BT %s %s Tf %s %s Td %s Tj ET Q\n" % (
        " ".join(_num(x) for x in m).encode(), STAMP_FONT_KEY.encode(), _num(size).encode(), _num(u).encode(),
        _num(v).encode(), pikepdf.String(shown).unparse()))

    res = obj.get("/Resources")
    if res is None or not isinstance(res, pikepdf.Dictionary):
        res = obj.Resources = pikepdf.Dictionary()
    fonts = res.get("/Font")
    if fonts is None or not isinstance(fonts, pikepdf.Dictionary):
        fonts = res.Font = pikepdf.Dictionary()
    fonts[STAMP_FONT_KEY] = font
    page.contents_add(q_open, prepend=True)
    page.contents_add(out.make_stream(ops), prepend=False)


def _num(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def add_link(out, page, rect, target) -> None:
    import pikepdf

    try:
        top = float(target.cropbox[3])
    except Exception:  # noqa: BLE001
        top = A4[1]
    annot = out.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array([_round(x) for x in rect]),
        Border=pikepdf.Array([0, 0, 0]), F=4,
        A=pikepdf.Dictionary(S=pikepdf.Name.GoTo,
                             D=pikepdf.Array([target.obj, pikepdf.Name.XYZ, None, _round(top), None]))))
    if not isinstance(page.obj.get("/Annots", None), pikepdf.Array):     # absent, or damaged (null, a number)
        page.obj.Annots = pikepdf.Array()
    page.obj.Annots.append(annot)


def _round(x: float):
    from decimal import Decimal
    return Decimal(_num(x))


def warm_up() -> None:
    """Build the stamp font once (for a process that will bind many volumes)."""
    _stamp_font_pdf()

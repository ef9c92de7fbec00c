"""python-docx helpers for the GB/T 9704-2012 公文 layout.

Everything a .docx draft looks like is decided here, in code, so that it can be reviewed: page size and margins,
the text grid (22 lines × 28 characters), the styles (title, body, four heading levels, table text, signature),
fonts with their East Asian slot and the zh-CN language mark, "— N —" page numbers on odd (right) and even (left)
pages, table borders and header rows repeated across pages, Chinese section numbering, and the fixed core
properties and zip timestamps that make a saved file byte-identical from one run to the next.

The bundled templates are made with these helpers (templates/docx/make_templates.py), and the draft stage runs
`finish()` on every rendered document.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from dossier.core.files import normalize_zip
from dossier.core.numerals import cn_numeral

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

# ---- page (GB/T 9704: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm) ----------------------------------------
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM      # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM    # 225
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PAGE_NUMBER_GAP_MM = 7          # page number sits 7 mm below the 版心

# ---- type sizes (号): 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt, 小四 12 pt --------------------------------
TITLE_PT = 22
BODY_PT = 16
PAGE_NUMBER_PT = 14
TABLE_PT = 12
SMALL_TABLE_PT = 10.5
CELL_MARGIN_TWIPS = 45          # 0.8 mm left and right inside table cells


def _pt_per_mm(mm: float) -> float:
    return mm / 25.4 * 72


# exact line spacing so that 22 lines fill the 225 mm 版心 (≈ 28.95 pt)
LINE_TWIPS = int(_pt_per_mm(TEXT_HEIGHT_MM) * 20 / LINES_PER_PAGE)
LINE_PT = LINE_TWIPS / 20
# 28 characters in the 156 mm line: 16 pt characters condensed by a quarter point (442 pt / 15.75 pt = 28.07).
# Word's character grid (docGrid linesAndChars) would do the same, but LibreOffice spreads such text over twice
# the width, so the condensing is done on the text itself and the grid only fixes the lines.
CHAR_SPACING_TWIPS = -int((BODY_PT - _pt_per_mm(TEXT_WIDTH_MM) / CHARS_PER_LINE) * 20 + 1)

# ---- fonts: (name written into the document, the fallback Word uses when it is not installed) -----------------
FONT_TITLE = ("方正小标宋简体", "宋体")
FONT_BODY = ("仿宋_GB2312", "仿宋")
FONT_H1 = ("黑体", "SimHei")
FONT_H2 = ("楷体_GB2312", "楷体")
FONT_SONG = ("宋体", "SimSun")
FONT_FAMILY = {"方正小标宋简体": "roman", "仿宋_GB2312": "modern", "楷体_GB2312": "script", "黑体": "swiss",
               "宋体": "roman"}
LANG = "zh-CN"

# style ids/names used by templates and checked by tests
STYLE_TITLE = "Title"
STYLE_BODY = "Normal"
STYLE_HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
STYLE_TABLE_TEXT = "表格文字"
STYLE_TABLE_HEAD = "表头文字"
STYLE_SIGNATURE = "落款"
STYLE_PLAIN = "无缩进正文"
STYLE_FIGURE = "图片"
STYLE_CAPTION = "图题"
STYLE_ATTACHMENT = "附件标识"
STYLE_NOTE = "表注"
STYLE_SUBTITLE = "副标题"
STYLE_ATTACH_NOTE = "附件说明"
STYLE_ATTACH_MORE = "附件说明续行"
HEADING_FONTS = {1: FONT_H1, 2: FONT_H2, 3: FONT_BODY, 4: FONT_BODY}



# ---- numbering --------------------------------------------------------------------------------------------------
def heading_number(level: int, n: int) -> str:
    """Section numbers by level: 一、 → （一） → 1. → （1）."""
    if level == 1:
        return f"{cn_numeral(n)}、"
    if level == 2:
        return f"（{cn_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


# ---- low-level XML helpers ----------------------------------------------------------------------------------------
def _get_or_add(parent, tag: str, before: tuple[str, ...] = ()):
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        # keep schema order roughly right: insert before the first of `before` present
        for name in before:
            anchor = parent.find(qn(name))
            if anchor is not None:
                anchor.addprevious(child)
                break
        else:
            parent.append(child)
    return child


def set_rpr_fonts(rpr, font: tuple[str, str] | str, size_pt: float | None = None, bold: bool | None = None,
                  color: str | None = None) -> None:
    """Set every font slot (ascii, hAnsi, eastAsia, cs) of a run-properties element, remove theme fonts, and mark
    the East Asian language zh-CN."""
    name = font[0] if isinstance(font, tuple) else font
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = rpr.find(qn(tag))
            if el is not None:
                rpr.remove(el)
            if bold:
                rpr.append(OxmlElement(tag))
    if color is not None:
        el = rpr.find(qn("w:color"))
        if el is not None:
            rpr.remove(el)
        if color:
            c = OxmlElement("w:color")
            c.set(qn("w:val"), color)
            rpr.append(c)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is not None:
                rpr.remove(el)
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(int(round(size_pt * 2))))
            rpr.append(el)
    set_rpr_lang(rpr)
    _order_rpr(rpr)


# CT_RPr child order (ECMA-376), so that Word accepts the file without repair
_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
              "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"]


def _order_children(element, order: list[str]) -> None:
    """Put an element's children in the schema's order (unknown ones last), as Word requires."""
    rank = {qn(t): i for i, t in enumerate(order)}
    children = sorted(element, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        element.remove(el)
    for el in children:
        element.append(el)


def _order_rpr(rpr) -> None:
    _order_children(rpr, _RPR_ORDER)


# CT_PPrBase child order (ECMA-376)
_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"]


def _order_ppr(ppr) -> None:
    _order_children(ppr, _PPR_ORDER)


def set_rpr_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    if lang.get(qn("w:val")) is None:
        lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), LANG)


def mark_all_runs_zh(element) -> int:
    """Give every run (w:r) under `element` an rPr with w:lang eastAsia="zh-CN"; returns the number of runs."""
    count = 0
    for run in element.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            run.insert(0, rpr)
        set_rpr_lang(rpr)
        _order_rpr(rpr)
        count += 1
    return count


def _set_spacing(ppr, before_pt: float = 0, after_pt: float = 0, line_twips: int | None = LINE_TWIPS,
                 rule: str = "exact") -> None:
    sp = _get_or_add(ppr, "w:spacing", before=("w:ind", "w:jc", "w:outlineLvl"))
    for attr in list(sp.attrib):
        del sp.attrib[attr]
    sp.set(qn("w:before"), str(int(before_pt * 20)))
    sp.set(qn("w:after"), str(int(after_pt * 20)))
    if line_twips is not None:
        sp.set(qn("w:line"), str(line_twips))
        sp.set(qn("w:lineRule"), rule)


def _set_indent(ppr, first_chars: float = 0, left_chars: float = 0, right_chars: float = 0,
                size_pt: float = BODY_PT, hanging_chars: float = 0) -> None:
    ind = _get_or_add(ppr, "w:ind", before=("w:jc", "w:outlineLvl"))
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    # explicit zeros: a style based on 正文 would otherwise inherit its two-character first-line indent
    ind.set(qn("w:left"), str(int(left_chars * size_pt * 20)))
    ind.set(qn("w:leftChars"), str(int(left_chars * 100)))
    ind.set(qn("w:right"), str(int(right_chars * size_pt * 20)))
    ind.set(qn("w:rightChars"), str(int(right_chars * 100)))
    if hanging_chars:
        ind.set(qn("w:hanging"), str(int(hanging_chars * size_pt * 20)))
        ind.set(qn("w:hangingChars"), str(int(hanging_chars * 100)))
    else:
        ind.set(qn("w:firstLine"), str(int(first_chars * size_pt * 20)))
        ind.set(qn("w:firstLineChars"), str(int(first_chars * 100)))


# ---- document set-up ---------------------------------------------------------------------------------------------
def new_document() -> Document:
    """A blank document laid out for GB/T 9704: page, styles, footers with page numbers, font table."""
    doc = Document()
    drop_thumbnail(doc)
    setup_page(doc.sections[0])
    setup_styles(doc)
    setup_font_table(doc)
    add_page_number_footers(doc)
    setup_settings(doc)
    return doc


def setup_page(section, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    w, h = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    # the footer's top edge (the page number's top) 7 mm below the 版心
    number_height_mm = PAGE_NUMBER_PT / 72 * 25.4
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - number_height_mm)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))


def _paragraph_style(doc, name: str, base: str | None = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    return style


def _reset_style(style) -> tuple:
    """Clear a style's paragraph and run properties (theme fonts, colours, spacing) before restyling."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = el.find(qn(tag))
        if old is not None:
            el.remove(old)
    ppr = OxmlElement("w:pPr")
    rpr = OxmlElement("w:rPr")
    el.append(ppr)
    el.append(rpr)
    return ppr, rpr


def _jc(ppr, value: str) -> None:
    jc = _get_or_add(ppr, "w:jc", before=("w:outlineLvl",))
    jc.set(qn("w:val"), value)


def _flag(ppr, tag: str, before: tuple[str, ...] = ()) -> None:
    _get_or_add(ppr, tag, before=before)


def setup_styles(doc) -> None:
    """Every style of a draft: defaults, body, title, headings, the block styles, table text, captions, footer;
    then the schema order of every paragraph-properties element touched (Word refuses misordered XML)."""
    _base_styles(doc)
    _heading_styles(doc)
    _block_styles(doc)
    _table_and_caption_styles(doc)
    for el in doc.styles.element.iter(qn("w:pPr")):
        _order_ppr(el)


def _base_styles(doc) -> None:
    styles = doc.styles
    # document defaults: body font, zh-CN, no theme fonts
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rpr_fonts(rpr_default, FONT_BODY, BODY_PT)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None:
        ppr = ppr_default.find(qn("w:pPr"))
        if ppr is not None:
            for child in list(ppr):
                ppr.remove(child)

    # 正文: 3号仿宋, exact line spacing for 22 lines, first line indented two characters, justified
    normal = styles["Normal"]
    ppr, rpr = _reset_style(normal)
    _flag(ppr, "w:widowControl")
    _flag(ppr, "w:snapToGrid")
    _set_spacing(ppr)
    _set_indent(ppr, first_chars=2)
    _jc(ppr, "both")
    set_rpr_fonts(rpr, FONT_BODY, BODY_PT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    rpr.append(spacing)
    _order_rpr(rpr)

    # 标题: 2号小标宋, centred, one blank line after
    title = _paragraph_style(doc, "Title")
    ppr, rpr = _reset_style(title)
    _flag(ppr, "w:keepNext")
    _get_or_add(ppr, "w:snapToGrid", before=("w:spacing", "w:ind", "w:jc")).set(qn("w:val"), "0")
    _set_spacing(ppr, before_pt=0, after_pt=LINE_PT, line_twips=int(TITLE_PT * 1.5 * 20))
    _set_indent(ppr)
    _jc(ppr, "center")
    set_rpr_fonts(rpr, FONT_TITLE, TITLE_PT, bold=False, color="")
    title.next_paragraph_style = styles["Normal"]


def _heading_styles(doc) -> None:
    styles = doc.styles
    # headings: body size; 一、黑体 （一）楷体 1.（1）仿宋; indented two characters like body text
    for level, name in enumerate(STYLE_HEADINGS, 1):
        style = _paragraph_style(doc, name)
        ppr, rpr = _reset_style(style)
        _flag(ppr, "w:keepNext")
        _flag(ppr, "w:keepLines")
        _set_spacing(ppr)
        _set_indent(ppr, first_chars=2)
        _jc(ppr, "both")
        lvl = _get_or_add(ppr, "w:outlineLvl")
        lvl.set(qn("w:val"), str(level - 1))
        set_rpr_fonts(rpr, HEADING_FONTS[level], BODY_PT, bold=False, color="")
        style.next_paragraph_style = styles["Normal"]


def _block_styles(doc) -> None:
    # 副标题: a line under the title (date of a speech, 征求意见稿), 楷体, centred
    sub = _paragraph_style(doc, STYLE_SUBTITLE)
    ppr, rpr = _reset_style(sub)
    _set_spacing(ppr, before_pt=0, after_pt=LINE_PT / 2)
    _set_indent(ppr)
    _jc(ppr, "center")
    set_rpr_fonts(rpr, FONT_H2, BODY_PT)

    # paragraph without indent (roster lines, attachment titles' neighbours)
    plain = _paragraph_style(doc, STYLE_PLAIN)
    ppr, rpr = _reset_style(plain)
    _set_spacing(ppr)
    _set_indent(ppr)
    _jc(ppr, "both")

    # 落款: signature and date, right-aligned four characters in from the right
    sig = _paragraph_style(doc, STYLE_SIGNATURE)
    ppr, rpr = _reset_style(sig)
    _set_spacing(ppr)
    _set_indent(ppr, right_chars=4)
    _jc(ppr, "right")

    # 附件说明 under the body: "附件：1.…" two characters in, wrapped lines under the attachment's name
    note = _paragraph_style(doc, STYLE_ATTACH_NOTE)
    ppr, rpr = _reset_style(note)
    _flag(ppr, "w:keepLines")
    _set_spacing(ppr)
    _set_indent(ppr, left_chars=5, hanging_chars=3)
    _jc(ppr, "both")
    more = _paragraph_style(doc, STYLE_ATTACH_MORE)         # "2.…" under "1.…"
    ppr, rpr = _reset_style(more)
    _flag(ppr, "w:keepLines")
    _set_spacing(ppr)
    _set_indent(ppr, left_chars=5)
    _jc(ppr, "both")

    # 附件 mark at the top left of an attachment page, 黑体
    att = _paragraph_style(doc, STYLE_ATTACHMENT)
    ppr, rpr = _reset_style(att)
    _set_spacing(ppr)
    _set_indent(ppr)
    _jc(ppr, "left")
    set_rpr_fonts(rpr, FONT_H1, BODY_PT)


def _table_and_caption_styles(doc) -> None:
    # table text: 小四仿宋, single line, centred by default
    for name, font, size in ((STYLE_TABLE_TEXT, FONT_BODY, SMALL_TABLE_PT), (STYLE_TABLE_HEAD, FONT_H1, SMALL_TABLE_PT)):
        style = _paragraph_style(doc, name)
        ppr, rpr = _reset_style(style)
        _set_spacing(ppr, line_twips=int(size * 1.25 * 20), rule="atLeast")
        _set_indent(ppr)
        _jc(ppr, "center")
        _get_or_add(ppr, "w:snapToGrid").set(qn("w:val"), "0")
        set_rpr_fonts(rpr, font, size)

    # figure paragraphs: centred, no fixed line height (an exact height would clip the picture)
    fig = _paragraph_style(doc, STYLE_FIGURE)
    ppr, rpr = _reset_style(fig)
    _flag(ppr, "w:keepNext")
    _set_spacing(ppr, before_pt=6, after_pt=0, line_twips=240, rule="auto")
    _set_indent(ppr)
    _jc(ppr, "center")
    _get_or_add(ppr, "w:snapToGrid").set(qn("w:val"), "0")

    for name, size, after in ((STYLE_CAPTION, TABLE_PT, 6), (STYLE_NOTE, SMALL_TABLE_PT, 0)):
        style = _paragraph_style(doc, name)
        ppr, rpr = _reset_style(style)
        if name == STYLE_CAPTION:
            _flag(ppr, "w:keepNext")                  # a table's caption stays with the table
        _set_spacing(ppr, before_pt=2, after_pt=after, line_twips=int(size * 1.4 * 20), rule="atLeast")
        _set_indent(ppr)
        _jc(ppr, "center" if name == STYLE_CAPTION else "both")
        _get_or_add(ppr, "w:snapToGrid").set(qn("w:val"), "0")
        set_rpr_fonts(rpr, FONT_H2 if name == STYLE_CAPTION else FONT_BODY, size)

    # footer paragraphs: 4号宋体 page numbers
    footer = _paragraph_style(doc, "Footer")
    ppr, rpr = _reset_style(footer)
    _set_spacing(ppr, line_twips=None)
    _set_indent(ppr)
    set_rpr_fonts(rpr, FONT_SONG, PAGE_NUMBER_PT)


def setup_font_table(doc) -> None:
    """Declare the fonts with their fallback (w:altName), so Word substitutes 仿宋 for a missing 仿宋_GB2312."""
    part = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
    if part is None:
        return
    from lxml import etree
    root = etree.fromstring(part.blob)
    wns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for font in (FONT_TITLE, FONT_BODY, FONT_H1, FONT_H2, FONT_SONG):
        name, alt = font
        for old in root.findall(f"{{{wns}}}font"):
            if old.get(f"{{{wns}}}name") == name:
                root.remove(old)
        el = etree.SubElement(root, f"{{{wns}}}font")
        el.set(f"{{{wns}}}name", name)
        a = etree.SubElement(el, f"{{{wns}}}altName")
        a.set(f"{{{wns}}}val", alt)
        cs = etree.SubElement(el, f"{{{wns}}}charset")
        cs.set(f"{{{wns}}}val", "86")
        fam = etree.SubElement(el, f"{{{wns}}}family")
        fam.set(f"{{{wns}}}val", FONT_FAMILY.get(name, "auto"))
        pitch = etree.SubElement(el, f"{{{wns}}}pitch")
        pitch.set(f"{{{wns}}}val", "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def setup_settings(doc) -> None:
    settings = doc.settings
    settings.odd_and_even_pages_header_footer = True
    el = settings.element
    # Chinese typography: compress punctuation, no Western auto-spacing quirks; zh-CN theme language
    lang = el.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        el.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), LANG)
    # python-docx's default settings carry a random-looking rsid list; drop it for reproducible output
    rsids = el.find(qn("w:rsids"))
    if rsids is not None:
        el.remove(rsids)


def _page_field_runs(paragraph, size_pt: float = PAGE_NUMBER_PT) -> None:
    """Append "— {PAGE} —" as runs (the PAGE field in between) to a footer paragraph."""

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None):
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        r.append(rpr)
        set_rpr_fonts(rpr, FONT_SONG, size_pt)
        if fld:
            f = OxmlElement("w:fldChar")
            f.set(qn("w:fldCharType"), fld)
            r.append(f)
        if instr:
            i = OxmlElement("w:instrText")
            i.set(qn("xml:space"), "preserve")
            i.text = instr
            r.append(i)
        if text is not None:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
        paragraph._p.append(r)

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")


def add_page_number_footers(doc, section=None) -> None:
    """Odd pages: page number right-aligned one character in; even pages: left-aligned one character in."""
    section = section or doc.sections[0]
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
        p.style = doc.styles["Footer"]
        p.alignment = align
        ppr = p._p.get_or_add_pPr()
        if side == "right":
            _set_indent(ppr, right_chars=1, size_pt=PAGE_NUMBER_PT)
        else:
            _set_indent(ppr, left_chars=1, size_pt=PAGE_NUMBER_PT)
        _page_field_runs(p)


# ---- paragraphs --------------------------------------------------------------------------------------------------
def add_paragraph(doc_or_cell, text: str = "", style: str | None = None):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        r = p.add_run(text)
        set_rpr_lang(r._r.get_or_add_rPr())
    return p


def add_page_break(doc) -> None:
    p = doc.add_paragraph(style=STYLE_PLAIN)
    r = p.add_run()
    r.add_break(WD_BREAK.PAGE)


# ---- reproducible files ------------------------------------------------------------------------------------------
def fix_core_properties(doc, when: dt.datetime, author: str = "", title: str = "") -> None:
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    cp.comments = ""
    cp.keywords = ""
    cp.subject = ""
    cp.category = ""


def drop_thumbnail(doc) -> None:
    """python-docx's default package ships a thumbnail of an empty page; remove it (and its relationship)."""
    pkg = doc.part.package
    for rel_id, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg.rels.pop(rel_id)


def save_reproducible(doc, path: Path, when: dt.datetime) -> Path:
    buf = io.BytesIO()
    doc.save(buf)
    data = normalize_zip(buf.getvalue(), when)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def finish(doc, when: dt.datetime, author: str = "", title: str = "") -> None:
    """Last touches before saving a rendered draft: zh-CN on every run (body and footers), fixed properties."""
    mark_all_runs_zh(doc.element.body)
    for section in doc.sections:
        for part in (section.footer, section.even_page_footer, section.first_page_footer,
                     section.header, section.even_page_header, section.first_page_header):
            if not part.is_linked_to_previous:
                mark_all_runs_zh(part._element)
    drop_thumbnail(doc)
    fix_core_properties(doc, when, author, title)

"""Markdown and plain text notes, typeset on A4 in the embedded CJK font (reportlab platypus): headings, lists,
tables, quotes and code blocks from Markdown; plain text line by line with its indentation."""
from __future__ import annotations

import io
import re
from pathlib import Path

from dossier.core.files import decode_text
from dossier.evidence.converters.base import MM, A4, ConversionError, Converted, FileConverter, finalize, register
from dossier.evidence.model import EvidenceDoc


@register
class TextConverter(FileConverter):
    name = "text"
    extensions = frozenset({".md", ".markdown", ".txt"})

    def convert(self, doc: EvidenceDoc, dst: Path) -> Converted:
        text = decode_text(doc.path.read_bytes())
        if text is None:
            raise ConversionError("文本文件的编码无法识别", "请另存为 UTF-8 编码")
        data = typeset(text, markdown=doc.path.suffix.lower() in (".md", ".markdown"))
        return Converted(dst, finalize(data, dst))


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

    from dossier.core.fonts import register as register_fonts
    serif, sans = register_fonts()
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

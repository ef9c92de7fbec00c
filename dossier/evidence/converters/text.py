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


def _styles(serif: str, sans: str) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    size = 12
    body = ParagraphStyle("body", fontName=serif, fontSize=size, leading=size * 1.65, wordWrap="CJK",
                          spaceAfter=size * 0.4)
    return {
        "size": size, "body": body,
        1: ParagraphStyle("h1", parent=body, fontName=sans, fontSize=18, leading=28, alignment=TA_CENTER,
                          spaceBefore=6, spaceAfter=12),
        2: ParagraphStyle("h2", parent=body, fontName=sans, fontSize=15, leading=24, spaceBefore=8, spaceAfter=6),
        3: ParagraphStyle("h3", parent=body, fontName=sans, fontSize=13, leading=21, spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=14, spaceAfter=0),
        "code": ParagraphStyle("code", parent=body, fontSize=9.5, leading=13, backColor=colors.HexColor("#f3f3f3")),
    }


class _Story:
    """The flowables of one text: paragraphs with their indentation, and Markdown's blocks."""

    def __init__(self, markdown: bool, serif: str, sans: str):
        self.markdown, self.serif = markdown, serif
        self.st = _styles(serif, sans)
        self.items: list = []
        self.buf: list[str] = []

    def para(self, line: str, style=None, extra_indent: float = 0.0, bullet: str | None = None) -> None:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph
        style = style or self.st["body"]
        indent, rest = _indent_of(line, style.fontSize)
        if not rest.strip():
            return
        st = ParagraphStyle("p", parent=style, firstLineIndent=indent if bullet is None else 0,
                            leftIndent=extra_indent)
        content = _esc(_inline_md(rest) if self.markdown else rest)
        if bullet is not None:
            st.leftIndent = extra_indent + style.fontSize * 1.5
            st.bulletIndent = extra_indent
            st.bulletFontName = style.fontName
            self.items.append(Paragraph(content, st, bulletText=bullet))
        else:
            self.items.append(Paragraph(content, st))

    def plain(self, lines: list[str]) -> None:
        from reportlab.platypus import Spacer
        for line in lines:
            if line.strip():
                self.para(line)
            else:
                self.items.append(Spacer(1, self.st["size"] * 0.6))

    def flush(self) -> None:
        """The lines of a Markdown paragraph joined (a space only between two Latin words)."""
        if self.buf:
            joined = self.buf[0]
            for nxt in self.buf[1:]:
                nxt = nxt.strip()
                sep = " " if joined[-1:].isascii() and nxt[:1].isascii() else ""
                joined += sep + nxt
            self.para(joined)
            self.buf.clear()

    def markdown_blocks(self, lines: list[str]) -> None:
        i = 0
        while i < len(lines):
            i = self._block(lines, i)
        self.flush()

    def _block(self, lines: list[str], i: int) -> int:
        """One block starting at line i; the index of the line after it."""
        from reportlab.lib import colors
        from reportlab.platypus import HRFlowable, Paragraph, XPreformatted
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            self.flush()
            fence, block, i = stripped[:3], [], i + 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                block.append(lines[i])
                i += 1
            self.items.append(XPreformatted(_esc("\n".join(block)), self.st["code"]))
            return i + 1
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", stripped)
        if m:
            self.flush()
            self.items.append(Paragraph(_esc(_inline_md(m.group(2))), self.st[min(len(m.group(1)), 3)]))
        elif re.match(r"^([-*_])(\s*\1){2,}$", stripped):
            self.flush()
            self.items.append(HRFlowable(width="100%", thickness=0.6, color=colors.grey, spaceBefore=4,
                                         spaceAfter=8))
        elif stripped.startswith("|"):
            self.flush()
            return self._table(lines, i)
        elif re.match(r"^\s*([-*+]|\d+[.、)])\s+", line):
            self.flush()
            mm_ = re.match(r"^(\s*)([-*+]|\d+[.、)])\s+(.*)$", line)
            depth = len(mm_.group(1).replace("\t", "    ")) // 2
            marker = mm_.group(2)
            self.para(mm_.group(3), extra_indent=depth * self.st["size"], bullet="•" if marker in "-*+" else marker)
        elif stripped.startswith(">"):
            self.flush()
            self.para(stripped.lstrip("> "), extra_indent=self.st["size"] * 2)
        elif not stripped:
            self.flush()
        else:
            self.buf.append(line)
        return i + 1

    def _table(self, lines: list[str], i: int) -> int:
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
        rows = []
        while i < len(lines) and lines[i].strip().startswith("|"):
            cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                rows.append(cells)
            i += 1
        if rows:
            ncol = max(len(r) for r in rows)
            data = [[Paragraph(_esc(_inline_md(c)), self.st["cell"]) for c in r] + [""] * (ncol - len(r))
                    for r in rows]
            t = Table(data, colWidths=[(A4[0] - 50 * MM) / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("FONTNAME", (0, 0), (-1, -1), self.serif),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
            self.items.append(t)
            self.items.append(Spacer(1, 6))
        return i


def typeset(text: str, *, markdown: bool = False) -> bytes:
    """Plain text or Markdown typeset on A4 pages in the embedded CJK font; the PDF's bytes (deterministic)."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from dossier.core.fonts import register as register_fonts
    serif, sans = register_fonts()
    story = _Story(markdown, serif, sans)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if markdown:
        story.markdown_blocks(lines)
    else:
        story.plain(lines)
    if not story.items:
        story.items.append(Paragraph("（空白文档）", story.st["body"]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * MM, rightMargin=25 * MM, topMargin=30 * MM,
                            bottomMargin=25 * MM, invariant=1, initialFontName=serif, creator="dossier",
                            producer="dossier", title="", author="")
    doc.build(story.items)
    return out.getvalue()

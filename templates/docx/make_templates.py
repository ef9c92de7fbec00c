"""Generate the bundled draft templates from one description per kind.

    .venv/bin/python templates/docx/make_templates.py

writes templates/docx/<kind>.docx (docxtpl templates laid out by dossier.drafts.docxlayout for GB/T 9704) and
templates/md/<kind>.md.j2 (Jinja2 → Markdown). Each kind below is described once, as a sequence of blocks
(title, headings, paragraphs, tables, figures, control statements), and written out by two writers, so the two
formats say the same thing in the same order and the styles are reviewable here and in docxlayout.py.

Template variables are built by dossier.drafts.build_context() and kind_context(); `num.h1()`…`num.h4()` give
GB section numbers (一、 （一） 1. （1）), `tables.next()` counts tables, `figure(chart)` places a chart, the
filter `mark` prints a table figure (bold red in .docx, **bold** in Markdown when the value misses its
threshold) and `cell` escapes Markdown table cells. The generated files are committed; run this script again
after changing it (the output is byte-identical when nothing changed).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dossier.drafts import docxlayout as L  # noqa: E402
from dossier.drafts import docxtables as T  # noqa: E402

DOCX_DIR = ROOT / "templates" / "docx"
MD_DIR = ROOT / "templates" / "md"


# ==== the block description ==========================================================================================
@dataclass
class Col:
    header: str
    cell: str                    # template text, e.g. "{{ r.name }}"; with mark=True: an expression
    width: float                 # mm
    align: str = "center"
    mark: bool = False


@dataclass
class Dyn:
    """A run of columns repeated by a loop: header loop over `head_loop`, cells over `cell_loop`."""
    head_loop: str               # e.g. "c in rule_codes"
    header: str                  # e.g. "{{ c.code }}"
    cell_loop: str               # e.g. "v in r.cells"
    cell: str                    # expression, e.g. "v"
    width: float
    mark: bool = True
    align: str = "center"


@dataclass
class Row:
    """A static row after the looped rows; cells line up with the columns (a Dyn column takes a DynCell)."""
    cells: list


@dataclass
class DynCell:
    loop: str
    cell: str
    mark: bool = False


@dataclass
class Table:
    columns: list
    rows: str                    # loop, e.g. "r in st.rows"
    extra: list = field(default_factory=list)
    font: str = "small"


class Doc:
    def __init__(self, name: str, landscape: bool = False):
        self.name = name
        self.landscape = landscape          # a wide table: the whole document on landscape pages
        self.blocks: list[tuple] = []

    def title(self, text, md=None):
        """The document title; `text` for the .docx (may hold line breaks), `md` for Markdown (one line)."""
        self.blocks.append(("title", text, md or text))

    def subtitle(self, text):
        self.blocks.append(("subtitle", text))

    def h(self, level, text):
        self.blocks.append(("h", level, text))

    def p(self, text, style=None):
        self.blocks.append(("p", text, style))

    def plain(self, text):
        self.p(text, "plain")

    def stmt(self, s):
        self.blocks.append(("stmt", s))

    def table(self, t: Table, caption: str | None = None, note: str | None = None):
        if caption:
            self.blocks.append(("caption", caption))
        self.blocks.append(("table", t))
        if note:
            self.blocks.append(("note", note))

    def note(self, text):
        self.blocks.append(("note", text))

    def figure(self, expr, caption):
        self.blocks.append(("figure", expr, caption))

    def page_break(self):
        self.blocks.append(("pagebreak",))

    def attachment(self, mark, title):
        self.blocks.append(("attachment", mark, title))

    def sign(self, *lines):
        self.blocks.append(("sign", lines))


# ==== writers ========================================================================================================
class DocxWriter:
    def __init__(self):
        self.doc = L.new_document()

    def write(self, d: Doc, path: Path):
        doc = self.doc
        if d.landscape:
            L.setup_page(doc.sections[0], landscape=True)
        # the template's own first paragraph (python-docx starts empty): nothing to remove
        for block in d.blocks:
            getattr(self, "_" + block[0])(*block[1:])
        L.finish(doc, _FIXED, author="dossier", title=d.name)
        L.save_reproducible(doc, path, _FIXED)

    def _title(self, text, md):
        L.add_paragraph(self.doc, text, L.STYLE_TITLE)

    def _subtitle(self, text):
        L.add_paragraph(self.doc, text, L.STYLE_SUBTITLE)

    def _h(self, level, text):
        L.add_paragraph(self.doc, text, L.STYLE_HEADINGS[level - 1])

    def _p(self, text, style):
        name = {None: L.STYLE_BODY, "plain": L.STYLE_PLAIN, "sign": L.STYLE_SIGNATURE,
                "attach": L.STYLE_ATTACH_NOTE, "attach_more": L.STYLE_ATTACH_MORE}[style]
        L.add_paragraph(self.doc, text, name)

    def _stmt(self, s):
        L.add_paragraph(self.doc, "{%p " + s + " %}", L.STYLE_PLAIN)

    def _caption(self, text):
        L.add_paragraph(self.doc, text, L.STYLE_CAPTION)

    def _note(self, text):
        L.add_paragraph(self.doc, text, L.STYLE_NOTE)

    def _figure(self, expr, caption):
        L.add_paragraph(self.doc, "{{ " + expr + " }}", L.STYLE_FIGURE)
        L.add_paragraph(self.doc, caption, L.STYLE_CAPTION)

    def _pagebreak(self):
        L.add_page_break(self.doc)

    def _attachment(self, mark, title):
        L.add_page_break(self.doc)
        L.add_paragraph(self.doc, mark, L.STYLE_ATTACHMENT)
        L.add_paragraph(self.doc, title, L.STYLE_TITLE)

    def _sign(self, lines):
        L.add_paragraph(self.doc, "", L.STYLE_PLAIN)
        for line in lines:
            L.add_paragraph(self.doc, line, L.STYLE_SIGNATURE)

    @staticmethod
    def _cell_text(text: str, mark: bool, expr: bool = False) -> str:
        if mark:
            return "{{r (" + text + ")|mark }}"
        return "{{ " + text + " }}" if expr else text

    def _table(self, t: Table):
        headers, widths, cells, aligns = [], [], [], []
        for col in t.columns:
            if isinstance(col, Dyn):
                headers += ["{%tc for " + col.head_loop + " %}", col.header, "{%tc endfor %}"]
                widths += [1, col.width, 1]
                cells += ["{%tc for " + col.cell_loop + " %}", self._cell_text(col.cell, col.mark, True),
                          "{%tc endfor %}"]
                aligns += ["center", col.align, "center"]
            else:
                headers.append(col.header)
                widths.append(col.width)
                cells.append(self._cell_text(col.cell, col.mark))
                aligns.append(col.align)
        s = self.doc.sections[0]                     # the page's text width: wider on landscape pages
        table = T.add_table(self.doc, headers, widths,
                            text_width_mm=(s.page_width - s.left_margin - s.right_margin) / 36000)
        blank = [""] * len(headers)
        T.add_row(table, ["{%tr for " + t.rows + " %}"] + blank[1:])
        row = T.add_row(table, cells)
        for cell, align in zip(row.cells, aligns):
            cell.paragraphs[0].alignment = _ALIGN[align]
        T.add_row(table, ["{%tr endfor %}"] + blank[1:])
        for extra in t.extra:
            texts = []
            for col, c in zip(t.columns, extra.cells):
                if isinstance(col, Dyn):
                    dc = c if isinstance(c, DynCell) else DynCell(col.head_loop, c)
                    texts += ["{%tc for " + dc.loop + " %}", self._cell_text(dc.cell, dc.mark), "{%tc endfor %}"]
                else:
                    texts.append(c)
            T.add_row(table, texts)
        L.add_paragraph(self.doc, "", L.STYLE_NOTE)


from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "both": WD_ALIGN_PARAGRAPH.JUSTIFY}
import datetime as _dt  # noqa: E402

_FIXED = _dt.datetime(2025, 1, 1)


class MdWriter:
    def __init__(self):
        self.out: list[str] = []

    def write(self, d: Doc, path: Path):
        head = ("{# " + d.name + "：由 templates/docx/make_templates.py 生成；可复制到项目的 templates/ 中修改。\n"
                "   变量见 dossier/drafts/context.py 的 build_context() 和 dossier/drafts/dated.py 的 plan_at()。 #}\n")
        self.out.append(head)
        for block in d.blocks:
            getattr(self, "_" + block[0])(*block[1:])
        text = "".join(self.out)
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")

    @staticmethod
    def _keep(text: str) -> str:
        """A content line ending in a block tag ({% endif %}) would lose its newline to trim_blocks: mark the tag
        with +%} so the line break stays."""
        return re.sub(r"\s*%\}(?=\n|$)", " +%}", text, flags=re.M) if "%}" in text else text

    @staticmethod
    def _cells(text: str) -> str:
        """Escape every {{ expr }} of a table cell for Markdown."""
        return re.sub(r"\{\{\s*(.+?)\s*\}\}", lambda m: "{{ (" + m.group(1) + ")|cell }}", text)

    def _title(self, text, md):
        self.out.append(self._keep(f"# {md}\n\n"))

    def _subtitle(self, text):
        self.out.append(self._keep(f"{text}\n\n"))

    def _h(self, level, text):
        self.out.append(self._keep("#" * (level + 1) + f" {text}\n\n"))

    def _p(self, text, style):
        self.out.append(self._keep(f"{text}\n\n"))

    def _stmt(self, s):
        self.out.append("{% " + s + " %}\n")

    def _caption(self, text):
        self.out.append(self._keep(f"{text}\n\n"))

    def _note(self, text):
        self.out.append(self._keep(f"{text}\n\n"))

    def _figure(self, expr, caption):
        self.out.append("{{ " + expr + " }}\n\n" + f"{caption}\n\n")

    def _pagebreak(self):
        pass

    def _attachment(self, mark, title):
        self.out.append(f"{mark}\n\n## {title}\n\n")

    def _sign(self, lines):
        self.out.append(self._keep("".join(f"{line}\n\n" for line in lines)))

    def _cell_text(self, text: str, mark: bool, expr: bool = False) -> str:
        if mark:
            return "{{ (" + text + ")|mark }}"
        return "{{ (" + text + ")|cell }}" if expr else self._cells(text)

    def _table(self, t: Table):
        head, sep, row = [], [], []
        for col in t.columns:
            if isinstance(col, Dyn):
                head.append("{% for " + col.head_loop + " %}" + col.header + " | {% endfor %}")
                sep.append("{% for " + col.head_loop + " %}--- | {% endfor %}")
                row.append("{% for " + col.cell_loop + " %}" + self._cell_text(col.cell, col.mark, True)
                           + " | {% endfor %}")
            else:
                head.append(col.header + " | ")
                sep.append("--- | ")
                row.append(self._cell_text(col.cell, col.mark) + " | ")
        keep = self._keep
        lines = [keep("| " + "".join(head).rstrip() + "\n"), keep("| " + "".join(sep).rstrip() + "\n"),
                 "{% for " + t.rows + " %}\n", keep("| " + "".join(row).rstrip() + "\n"), "{% endfor %}\n"]
        for extra in t.extra:
            parts = []
            for col, c in zip(t.columns, extra.cells):
                if isinstance(col, Dyn):
                    dc = c if isinstance(c, DynCell) else DynCell(col.head_loop, c)
                    parts.append("{% for " + dc.loop + " %}" + self._cell_text(dc.cell, dc.mark) + " | {% endfor %}")
                else:
                    parts.append(self._cells(c) + " | ")
            lines.append(keep("| " + "".join(parts).rstrip() + "\n"))
        self.out.append("".join(lines) + "\n")


# ==== shared pieces ==================================================================================================
def roster_table(d: Doc):
    d.table(Table([Col("组内职务", "{{ m.role }}", 24), Col("姓名", "{{ m.name }}", 28),
                   Col("单位及职务", "{{ m.post }}", 104, align="left")], rows="m in lg.roster"))


def school_rule_tables(d: Doc):
    """Per-school tables of the school-rule indicators (C1–C7), one per 学段; without a school rule (a framework
    judged on 差异系数 only) the same tables without thresholds and conclusions."""
    caption = ("表{{ tables.next() }}　{% if county %}{{ st.name }}各校{% else %}{{ st.name }}部{% endif %}"
               "资源配置指标{{ '达成情况' if fw.rule else '' }}")
    first = Col("{{ '学校' if county else '学段' }}", "{{ r.label }}", 28, align="left")
    students = Col("在校生（人）", "{{ r.students }}", 13)
    d.stmt("for st in stage_tables")
    d.stmt("if fw.rule")
    d.table(Table([first, students, Dyn("c in rule_codes", "{{ c.code }}", "v in r.cells", "v", 13.5),
                   Col("达到项数", "{{ r.met_text }}", 9), Col("结论", "{{ r.passed_text }}", 13)],
                  rows="r in st.rows",
                  extra=[Row(["标准值", "", DynCell("t in st.thresholds", "{{ t.text }}"), "", ""])]),
            caption=caption)
    d.stmt("else")
    d.table(Table([first, students, Dyn("c in rule_codes", "{{ c.code }}", "v in r.cells", "v", 13.5)],
                  rows="r in st.rows"),
            caption=caption)
    d.stmt("endif")
    d.stmt("endfor")
    d.note("注：{% for c in rule_codes %}{{ c.code }}为{{ c.title }}{% if c.unit %}（{{ c.unit }}）{% endif %}"
        "{{ '；' if not loop.last else '。' }}{% endfor %}{% if fw.rule %}未达到标准值的数值加粗标示；“达到项数”为"
        "{{ rule_codes|length }}项指标中达到标准值的项数。{% endif %}")


def cv_table(d: Doc):
    cols = [Col("指标", "{{ r.code }} {{ r.title }}", 62, align="left"),
            Dyn("s in cv_stages", "{{ s }}差异系数", "x in r.cells", "x", 24),
            Dyn("s in cv_stages", "{{ s }}结论", "x in r.cells", "x.result", 23, mark=False)]
    d.table(Table(cols, rows="r in cv_rows",
                  extra=[Row(["标准", DynCell("s in cv_stages", "≤{{ fw.cv_limits[s] }}"),
                              DynCell("s in cv_stages", "")])]),
            caption="表{{ tables.next() }}　资源配置指标校际差异系数")


def indicator_table(d: Doc, items: str):
    cols = [Col("编号", "{{ i.code }}", 11), Col("指标", "{{ i.title }}", 33, align="left"),
            Col("评估要求", "{{ i.threshold }}", 40, align="left"),
            Col("实际情况", "{{ i.value }}", 54, align="left"), Col("结论", "{{ i.status }}", 16)]
    d.table(Table(cols, rows=f"i in {items}"),
            caption="表{{ tables.next() }}　{{ a.title }}指标达成情况")


def other_school_table(d: Doc):
    """The per-school indicators outside the school rule; a school's rows are its 学段 (小学部, 初中部), so its
    table has no separate 学段 column."""
    dyn = Dyn("c in a.school_codes", "{{ c.code }} {{ c.short }}", "v in r.cells", "v", 24)
    d.stmt("if county")
    d.table(Table([Col("学校", "{{ r.label }}", 44, align="left"), Col("学段", "{{ r.stage }}", 14), dyn],
                  rows="r in a.school_rows"),
            caption="表{{ tables.next() }}　{{ a.title }}中逐校评估的指标")
    d.stmt("else")
    d.table(Table([Col("学段", "{{ r.label }}", 44, align="left"), dyn], rows="r in a.school_rows"),
            caption="表{{ tables.next() }}　{{ a.title }}中分学段评估的指标")
    d.stmt("endif")
    d.note("注：{% for c in a.school_codes %}{{ c.code }}{{ c.title }}"
        "{% if c.unit %}（{{ c.unit }}）{% endif %}{{ '；' if not loop.last else '。' }}{% endfor %}"
        "{{ a.rooms_note }}")


def survey_table(d: Doc):
    cols = [Col("调查对象", "{{ g.name }}", 40), Col("有效问卷（份）", "{{ g.valid }}", 38),
            Col("满意和基本满意（份）", "{{ g.favourable }}", 42), Col("认可度", "{{ g.rate }}", 36)]
    d.table(Table(cols, rows="g in survey.groups",
                  extra=[Row(["合计", "{{ survey.valid_total }}", "", "{{ survey.rate }}"])]),
            caption="表{{ tables.next() }}　社会认可度调查结果")


def score_table(d: Doc):
    """A scored framework: each A and B indicator with its score and maximum, and the total."""
    cols = [Col("指标", "{{ s.label }}", 96, align="left"), Col("得分", "{{ s.score }}", 30),
            Col("满分", "{{ s.max }}", 30)]
    d.table(Table(cols, rows="s in score.rows", extra=[Row(["合计", "{{ score.total }}", "{{ score.max }}"])]),
            caption="表{{ tables.next() }}　自评得分")


def gap_table(d: Doc):
    """The gap list; a school's own list has no 学校（单位） column (every row would name the school)."""
    head = [Col("序号", "{{ g.num }}", 10), Col("指标", "{{ g.code }} {{ g.short }}", 24, align="left")]
    tail = [Col("学段", "{{ g.stage_text }}", 11), Col("现状", "{{ g.current }}", 15),
            Col("要求", "{{ g.required }}", 14)]
    plan = [Col("整改措施", "{{ g.measure }}", 34, align="left"), Col("责任单位", "{{ g.units }}", 34, align="left"),
            Col("完成时限", "{{ g.deadline or ('已销号' ~ g.closed) }}", 19)]
    d.stmt("if county")
    d.table(Table(head + [Col("学校（单位）", "{{ g.school }}", 30, align="left")] + tail
                  + [Col("整改要求", "{{ g.text }}", 52, align="left")] + plan, rows="g in gaps"))
    d.stmt("else")
    d.table(Table(head + tail + [Col("整改要求", "{{ g.text }}", 82, align="left")] + plan, rows="g in gaps"))
    d.stmt("endif")


# ==== the kinds ======================================================================================================
def 实施方案() -> Doc:
    d = Doc("实施方案")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.stmt("if county")
    d.p("为深入贯彻落实{{ fw.basis }}精神，巩固义务教育基本均衡发展成果，推动{{ unit.whole }}义务教育向更高水平的"
        "{{ fw.kind }}发展迈进，切实保障适龄儿童少年享有公平而有质量的义务教育，结合{{ unit.we }}实际，制定本方案。")
    d.stmt("else")
    d.p("为贯彻落实{{ fw.basis }}和{{ unit.superior }}工作部署，全面改善{{ unit.we }}办学条件，提升教育教学质量，"
        "确保{{ unit.we }}各项指标达到义务教育{{ fw.kind }}发展要求，结合{{ unit.we }}实际，制定本方案。")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}指导思想")
    d.p("坚持以人民为中心的发展思想，全面贯彻党的教育方针，落实立德树人根本任务，以促进教育公平、提高教育质量为"
        "核心，以补齐办学条件短板、优化教师资源配置、提升教育教学质量为重点，强化{{ '政府主体责任' if county else '学校主体责任' }}，"
        "{% if county %}推动城乡之间、校际之间均衡协调发展{% else %}推动学校各项工作规范、协调发展{% endif %}，"
        "努力办好人民满意的教育。")

    d.h(1, "{{ num.h1() }}工作基础")
    d.stmt("if county")
    d.p("目前，{{ unit.whole }}共有义务教育学校{{ ov.n_schools }}所（{{ ov.types_text }}），"
        "义务教育阶段在校生{{ ov.students_total }}人（{{ ov.students_text }}）。{% if baseline %}据教育事业统计数据和各校"
        "上报数据初步测算{% else %}经逐校测算{% endif %}，对照{{ summary.n }}项指标，{{ summary.text }}"
        "{% if baseline %}，具体情况待{{ fix_start }}前完成自查后核实{% endif %}。")
    d.stmt("else")
    d.p("目前，{{ unit.we }}{% for r in ov.stage_rows %}{{ r.stage }}部有在校生{{ r.students }}人、教学班{{ r.classes }}个"
        "{{ '，' if not loop.last else '' }}{% endfor %}。{% if baseline %}据学校统计数据初步测算{% else %}经逐项测算"
        "{% endif %}，对照{{ summary.n }}项适用指标，{{ summary.text }}{% if baseline %}，具体情况待{{ fix_start }}前完成"
        "自查后核实{% endif %}。")
    d.stmt("endif")
    d.stmt("if work.base_text or trend.present")
    d.p("近年来，{{ unit.we }}{% if work.base_text %}{{ work.base_text }}{% endif %}{% if trend.present %}"
        "{{ '，' if work.base_text else '' }}{{ trend.span }}义务教育学校新增{{ trend.growth_text }}{% endif %}，"
        "为推进义务教育{{ fw.kind }}发展打下了基础。{% if gap_groups %}但对照标准，{{ unit.we }}在"
        "{% for g in gap_groups[:4] %}{{ g.short }}{{ '、' if not loop.last else '' }}{% endfor %}"
        "{{ '等' if gap_groups|length > 4 else '' }}方面仍有差距，必须下大力气补齐。{% endif %}")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}工作目标")
    d.p("严格对照{{ fw.title }}{% if county %}{{ fw.n_areas_cn }}个方面{{ fw.n_leaves }}项{% else %}中适用于学校的"
        "{{ summary.n }}项{% endif %}指标要求，{{ deadline }}前补齐短板{% for r in risk_kinds %}{% if loop.first %}"
        "（{% endif %}{{ r.titles }}等需{{ r.kind }}的项目{{ r.deadline }}完成，{{ r.bridge }}"
        "{{ '；' if not loop.last else '）' }}{% endfor %}，"
        "{{ unit.whole }}义务教育{{ fw.kind }}发展各项指标全面达到标准，确保{{ year }}年顺利通过督导评估。")
    d.stmt("if fw.goals")
    d.stmt("for g in fw.goals")
    d.p("{{ num.h3() }}{{ g.title }}：{{ g.text }}")
    d.stmt("endfor")
    d.stmt("else")
    d.stmt("if stage_tables")
    d.p("{{ num.h3() }}资源配置：{% if fw.rule %}{% if county %}每所义务教育学校{% else %}{{ unit.we }}各学段"
        "{% endif %}{{ fw.rule }}{% endif %}{% if county and fw.cv_limits %}{{ '；' if fw.rule else '' }}"
        "各项指标校际差异系数{% for s, v in fw.cv_limits.items() %}{{ s }}不高于{{ v }}"
        "{{ '、' if not loop.last else '' }}{% endfor %}{% endif %}。")
    d.stmt("endif")
    d.p("{{ num.h3() }}政府保障与教育质量：{% if county %}政府保障程度和教育质量各项指标全部达到评估标准，"
        "不出现一票否决情形。{% else %}学校层面的专用教室、规模、班额、持证上岗和教育质量各项指标全部达到标准。{% endif %}")
    d.stmt("if survey.present or county")
    d.p("{{ num.h3() }}社会认可度：学生、家长、教师、校长、人大代表、政协委员及其他群众对义务教育的认可度达到"
        "{{ survey.threshold or '85%' }}以上。")
    d.stmt("endif")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}组织机构")
    d.stmt("if lg.present")
    d.p("成立{{ lg.name }}，由{{ lg.leader_text }}任组长{% if lg.deputy_text %}，{{ lg.deputy_text }}任副组长"
        "{% endif %}{% if lg.n_members %}，{{ lg.n_members }}名{{ '相关部门' if county else '处室和年级' }}负责同志为成员"
        "{% endif %}（名单见附件），统筹推进{{ unit.whole }}义务教育{{ fw.kind }}发展工作。"
        "{% if lg.office_at %}领导小组下设办公室，办公室设在{{ lg.office_at }}"
        "{% if lg.office_director %}，由{{ lg.office_director }}同志兼任办公室主任{% endif %}，负责日常工作。{% endif %}")
    d.stmt("else")
    d.p("成立推进义务教育{{ fw.kind }}发展工作领导小组，统筹推进{{ unit.whole }}义务教育{{ fw.kind }}发展工作。")
    d.stmt("endif")
    d.stmt("if wgs")
    d.p("领导小组下设{{ wgs|length }}个工作专班：{% for g in wgs %}{{ g.name }}（组长：{{ g.leaders_text }}）"
        "{{ '、' if not loop.last else '' }}{% endfor %}，分别负责相应指标的数据测算、整改推进和佐证材料整理。")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}主要任务")
    d.stmt("if tasks")
    d.p("{% if baseline %}针对初步测算发现的问题{% else %}针对自查发现的问题{% endif %}，重点抓好以下任务：")
    d.stmt("for t in tasks")
    d.h(2, "{{ num.h2() }}{{ t.heading }}")
    d.stmt("for g in t.groups")
    d.p("{{ num.h3() }}{{ g.task }}。{{ g.situation }}{{ g.measure|clause }}（牵头单位：{{ g.lead }}，责任单位："
        "{{ g.responsible }}，完成时限：{{ g.deadline }}{% if g.risk %}，评估前先行过渡{% endif %}）。")
    d.stmt("endfor")
    d.stmt("for i in t.partly")
    d.p("{{ num.h3() }}提升{{ i.title }}水平。该项自评为基本达标：{{ i.basis|clause }}。要对照{{ i.title }}的标准查找差距，制定提升措施，"
        "{{ i.deadline }}达到要求。")
    d.stmt("endfor")
    d.stmt("endfor")
    d.stmt("if risk_kinds")
    d.p("{% for r in risk_kinds %}{{ r.titles }}等需{{ r.kind }}的任务预计评估前不能完成，{{ r.bridge }}"
        "{{ '；' if not loop.last else '。' }}{% endfor %}")
    d.stmt("endif")
    d.h(2, "{{ num.h2() }}巩固已达标指标成果")
    d.p("对已达到标准的指标，建立动态监测和定期复核机制，防止出现反弹；统筹做好新学年学位供给、教师补充和经费保障，"
        "确保各项指标持续稳定达标。")
    d.stmt("else")
    d.p("经自查，各项指标均已达到标准。要建立动态监测和定期复核机制，巩固提升各项指标水平，确保持续稳定达标。")
    d.stmt("endif")

    d.stmt("if duties")
    d.h(1, "{{ num.h1() }}{{ '部门职责' if county else '处室分工' }}")
    d.p("{{ '各成员单位' if county else '各处室' }}要按照职责分工，各司其职、密切配合，形成工作合力。")
    d.stmt("for x in duties")
    d.p("{{ x.dept }}：{{ x.text }}")
    d.stmt("endfor")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}实施步骤")
    d.stmt("for ph in phases")
    d.h(2, "{{ num.h2() }}{{ ph.name }}（{{ ph.when }}）")
    d.stmt("for t in ph.tasks")
    d.p("{{ loop.index }}.{{ t }}")
    d.stmt("endfor")
    d.stmt("endfor")

    d.h(1, "{{ num.h1() }}保障措施")
    d.h(2, "{{ num.h2() }}加强组织领导")
    d.p("{% if county %}各乡镇、各有关部门{% else %}各处室、各年级组{% endif %}要把推进义务教育{{ fw.kind }}发展作为"
        "重要任务，主要负责同志亲自抓、分管负责同志具体抓，层层压实责任，确保各项任务按期完成。")
    d.h(2, "{{ num.h2() }}强化经费保障")
    d.p("{% if county %}落实义务教育经费“两个只增不减”要求，优先保障学校建设、装备配备、教师补充和培训所需经费，"
        "统筹用好上级专项资金，提高资金使用效益。{% else %}统筹用好公用经费和上级专项资金，优先保障办学条件改善和"
        "教师培训，严格执行财务制度，提高资金使用效益。{% endif %}")
    d.h(2, "{{ num.h2() }}严格督查考核")
    d.p("建立工作台账和定期通报制度，对照问题清单逐项督办、对账销号；{% if county %}将推进情况纳入对乡镇和有关部门的"
        "年度考核{% else %}将推进情况纳入教职工考核{% endif %}，对工作不力、影响评估的严肃追责。")
    d.h(2, "{{ num.h2() }}营造良好氛围")
    d.p("通过多种渠道宣传义务教育{{ fw.kind }}发展的政策要求和工作成效，及时回应群众关切，引导全社会关心支持教育，"
        "为督导评估营造良好氛围。")

    d.stmt("if lg.present")
    d.p("")
    d.p("附件：{{ lg.name }}成员名单", "attach")
    d.stmt("endif")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")

    d.stmt("if lg.present")
    d.attachment("附件", "{{ (lg.name ~ '成员名单')|title_br }}")
    roster_table(d)
    d.stmt("if lg.office_at")
    d.p("领导小组下设办公室，办公室设在{{ lg.office_at }}{% if lg.office_director %}，由{{ lg.office_director }}同志"
        "兼任办公室主任{% endif %}。")
    d.stmt("endif")
    d.stmt("endif")
    return d


def 自评报告() -> Doc:
    d = Doc("自评报告")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.stmt("if county")
    d.p("根据{{ fw.basis }}{% if unit.superior %}和{{ unit.superior }}的工作安排{% endif %}，{{ unit.name }}对照"
        "{{ fw.title }}{{ fw.n_areas_cn }}个方面{{ fw.n_leaves }}项指标，组织各成员单位和{{ ov.n_schools }}所义务教育"
        "学校开展了全面自评。现将自评情况报告如下。")
    d.stmt("else")
    d.p("根据{{ fw.basis }}{% if unit.superior %}和{{ unit.superior }}的工作安排{% endif %}，{{ unit.we }}对照"
        "{{ fw.title }}指标要求，逐项开展了自查。现将自查情况报告如下。")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}基本情况")
    d.stmt("if county")
    d.p("{{ unit.whole }}共有义务教育学校{{ ov.n_schools }}所（{{ ov.types_text }}），其中{{ ov.areas_text }}。"
        "义务教育阶段在校生{{ ov.students_total }}人（{{ ov.students_text }}）{% if ov.classes_text %}，"
        "教学班{{ ov.classes_total }}个（{{ ov.classes_text }}）{% endif %}{% if ov.teachers %}，"
        "专任教师{{ ov.teachers }}人{% endif %}。")
    d.stmt("else")
    d.p("{{ unit.name }}是一所{{ ov.school_type or '义务教育学校' }}，现有"
        "{% for r in ov.stage_rows %}{{ r.stage }}部教学班{{ r.classes }}个、在校生{{ r.students }}人"
        "{{ '，' if not loop.last else '' }}{% endfor %}{% if ov.teachers %}，专任教师{{ ov.teachers }}人{% endif %}。")
    d.stmt("endif")
    d.p("{{ unit.whole }}{% if ov.building %}教学及辅助用房面积{{ ov.building }}，{% endif %}"
        "{% if ov.sports %}体育运动场馆面积{{ ov.sports }}，{% endif %}{% if ov.equipment %}教学仪器设备值"
        "{{ ov.equipment }}，{% endif %}{% if ov.multimedia %}网络多媒体教室{{ ov.multimedia }}间{% endif %}"
        "{% if ov.books_text %}，图书{{ ov.books_text }}{% endif %}{% if ov.senior_note %}（{{ ov.senior_note }}）{% endif %}。"
        "各学段基本情况见下表。")
    stage_cols = [Col("在校生（人）", "{{ r.students }}", 20), Col("教学班（个）", "{{ r.classes }}", 18),
                  Col("平均班额（人）", "{{ r.class_size }}", 20),
                  Col("高于规定学历教师（人）", "{{ r.qualified }}", 22),
                  Col("骨干教师（人）", "{{ r.backbone }}", 20), Col("体育艺术教师（人）", "{{ r.pe_art }}", 22)]
    d.stmt("if county")
    d.table(Table([Col("学段", "{{ r.stage }}", 16), Col("学校数（所）", "{{ r.schools }}", 18)] + stage_cols,
                  rows="r in ov.stage_rows"),
            caption="表{{ tables.next() }}　各学段基本情况")
    d.stmt("else")
    d.table(Table([Col("学段", "{{ r.stage }}部", 25)] + stage_cols, rows="r in ov.stage_rows"),
            caption="表{{ tables.next() }}　本校基本情况")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}主要工作")
    d.stmt("if trend.present")
    d.p("{{ trend.span }}，{{ unit.whole }}义务教育学校累计新增{{ trend.growth_text }}"
        "{% if work.money %}，{{ work.n_items }}项重点工作累计投入{{ work.money }}万元{% endif %}。主要指标变化见下表。")
    d.table(Table([Col("学段", "{{ r.stage }}", 14), Col("指标", "{{ r.title }}", 56, align="left"),
                   Dyn("y in trend.years", "{{ y }}年", "v in r.vals", "v", 18, mark=False),
                   Col("差异系数", "{{ r.cv }}", 26)], rows="r in trend.rows"),
            caption="表{{ tables.next() }}　{{ trend.span }}资源配置主要指标变化",
            note="注：各年数值为{{ '全县' if county else '本校' }}按在校生加权的平均值（每百名学生指标单位为人或间，生均指标为平方米或元）；"
                 "差异系数为{{ trend.first }}年→{{ trend.last }}年。{% if trend.senior_note %}{{ trend.senior_note }}。{% endif %}")
    d.stmt("endif")
    d.stmt("for s in work.sections")
    d.h(2, "{{ num.h2() }}{{ s.report_heading }}")
    d.stmt("for t in s.report")
    d.p("{{ t }}")
    d.stmt("endfor")
    d.stmt("endfor")

    d.h(1, "{{ num.h1() }}指标达成情况")
    d.p("对照{{ summary.n }}项{{ '' if county else '适用' }}指标，{{ summary.text }}。各方面情况如下。")
    d.stmt("for a in areas")
    d.stmt("if a.indicators")
    d.h(2, "{{ num.h2() }}{{ a.title }}")
    d.p("{% if a.has_rule and fw.rule %}本方面{{ a.counts.n }}项指标{{ '逐校评估，并计算校际差异系数' if county else '按学段评估' }}"
        "（结论不按单项指标计）{% if judgement %}：{{ judgement }}{% endif %}。{% else %}本方面{% if a.groups %}包括"
        "{{ a.groups_text }}{{ a.groups|length }}个二级指标，{% endif %}共{{ a.counts.n }}项指标，{{ a.counts.text }}。"
        "{% endif %}")
    d.stmt("if a.has_rule and stage_tables")
    d.h(3, "{{ num.h3() }}{{ '各校' if county else '各学段' }}{{ '达标情况' if fw.rule else '指标数值' }}")
    d.stmt("if not fw.rule")
    d.p("{{ '各校' if county else '各学段' }}各项指标的数值见下表，校际差异系数见后。")
    d.stmt("elif county")
    d.p("按照“{{ fw.rule }}”的要求逐校测算：{% for st in stage_tables %}{{ st.name }}阶段{{ st.n }}所学校"
        "（含一贯制学校的{{ st.name }}部）中，{{ st.n_passed }}所达到要求{% if st.n_failed %}，{{ st.failed_text }}"
        "未达到要求{% endif %}{{ '；' if not loop.last else '。' }}{% endfor %}")
    d.stmt("else")
    d.p("按照“{{ fw.rule }}”的要求测算：{% for st in stage_tables %}{% for r in st.rows %}{{ r.label }}达到"
        "{{ r.met_count }}项，{{ '达到要求' if r.passed else '未达到要求' }}{% endfor %}"
        "{{ '；' if not loop.last else '。' }}{% endfor %}")
    d.stmt("endif")
    school_rule_tables(d)
    d.stmt("if county and cv_rows")
    d.h(3, "{{ num.h3() }}校际差异系数")
    d.p("按在校生数加权计算各项指标的校际差异系数（{{ cv.limits_text }}），{% if cv.missed %}{{ cv.missed_text }}"
        "超过标准，其余均达到要求{% else %}全部达到要求{% endif %}。{% for st, v in cv.max_text.items() %}"
        "{{ st }}最高为{{ v }}{{ '，' if not loop.last else '。' }}{% endfor %}")
    cv_table(d)
    d.stmt("endif")
    d.stmt("if charts")
    d.h(3, "{{ num.h3() }}各校指标分布")
    d.p("下图按学段列出各校每项指标的数值{% if fw.rule %}，虚线为标准值，红色为未达到标准的学校{% endif %}。")
    d.stmt("for ch in charts")
    d.figure("figure(ch)", "图{{ figures.next() }}　{{ ch.caption }}")
    d.stmt("endfor")
    d.stmt("endif")
    d.stmt("endif")
    d.stmt("if a.computed")
    indicator_table(d, "a.computed")
    d.stmt("endif")
    d.stmt("if a.school_rows")
    other_school_table(d)
    d.stmt("endif")
    d.stmt("for i in a.computed")
    d.stmt("if not i.ok")
    d.p("{{ i.code }}{{ i.title }}：{{ i.status }}。{{ i.basis }}{{ '' if i.basis.endswith('。') else '。' }}")
    d.stmt("endif")
    d.stmt("endfor")
    d.stmt("for i in a.self_items")
    d.p("{{ i.code }}{{ i.title }}：自评{{ i.status }}。{{ i.basis }}{{ '' if i.basis.endswith('。') else '。' }}")
    d.stmt("endfor")
    d.stmt("if a.survey and survey.present")
    d.p("社会认可度调查{{ survey.method and '（' ~ survey.method ~ '）' }}共回收有效问卷{{ survey.valid_total }}份，"
        "认可度为{{ survey.rate }}，{{ '达到' if survey.ok else '未达到' }}{{ survey.threshold }}的要求。")
    survey_table(d)
    d.stmt("endif")
    d.stmt("endif")
    d.stmt("endfor")
    d.stmt("if county and vetoes.present")
    d.h(2, "{{ num.h2() }}一票否决事项")
    d.p("{% if vetoes.failed %}经自查，存在{{ vetoes.failed_text }}的情形。{% elif vetoes.all_ok %}经自查，"
        "{{ unit.whole }}不存在{{ vetoes.titles }}等情形。{% else %}{{ vetoes.undeclared_text }}尚未声明，"
        "请核实后补充。{% endif %}")
    d.stmt("endif")
    d.stmt("if score")
    d.h(2, "{{ num.h2() }}评估得分")
    d.p("按{{ fw.title }}的评分办法逐项赋分，{{ unit.whole }}自评总分为{{ score.total }}分（满分{{ score.max }}分），"
        "评定为{{ score.grade }}{{ score.veto_text }}。{{ score.lost_text }}")
    score_table(d)
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}存在的问题")
    d.stmt("if gap_groups or partly or rectified")
    d.p("经{{ '自评' if county else '自查' }}，共发现问题{{ gap_summary.n }}项{% if county %}，涉及"
        "{{ gap_summary.n_schools }}所学校{% if gap_summary.n_county %}和{{ gap_summary.n_county }}项县级指标"
        "{% endif %}{% endif %}{% if partly %}，另有{{ partly|length }}项指标自评为基本达标{% endif %}"
        "{% if rectified %}。截至{{ doc.date }}，已整改销号{{ gap_summary.n_closed }}项，"
        "{% if gap_summary.n_open %}尚有{{ gap_summary.n_open }}项正在整改{% else %}全部完成整改{% endif %}{% endif %}"
        "{{ '：' if gap_groups or partly else '。' }}")
    d.stmt("for g in gap_groups")
    d.p("{{ loop.index }}.{{ g.title }}。{{ g.situation }}")
    d.stmt("endfor")
    d.stmt("for i in partly")
    d.p("{{ gap_groups|length + loop.index }}.{{ i.title }}自评为基本达标（{{ i.code }}，依据见指标达成情况），"
        "尚需对照标准补齐差距。")
    d.stmt("endfor")
    d.stmt("else")
    d.p("经{{ '自评' if county else '自查' }}，各项指标均达到要求，未发现需要整改的问题。")
    d.stmt("endif")

    d.stmt("if done_groups")
    d.h(1, "{{ num.h1() }}整改情况")
    d.stmt("for g in done_groups")
    d.p("{{ loop.index }}.{{ g.title }}。{{ g.done_text }}，已整改销号。")
    d.stmt("endfor")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}下一步整改措施")
    d.stmt("for g in gap_groups")
    d.p("{{ loop.index }}.{{ g.task }}。{{ g.measure|clause }}，由{{ g.lead }}牵头，{{ g.deadline }}完成"
        "{% if g.risk %}（评估前先行过渡）{% endif %}。")
    d.stmt("endfor")
    d.stmt("for i in partly")
    d.p("{{ gap_groups|length + loop.index }}.提升{{ i.title }}水平，对照标准查找差距，制定提升措施，"
        "{{ i.deadline }}达到要求。")
    d.stmt("endfor")
    d.stmt("if risk_kinds")
    d.p("{% for r in risk_kinds %}{{ r.titles }}等需{{ r.kind }}的问题预计评估前不能完成，{{ r.bridge }}"
        "{{ '；' if not loop.last else '。' }}{% endfor %}")
    d.stmt("endif")
    d.p("{{ unit.we }}将以此次{{ '自评' if county else '自查' }}为契机，对照问题清单逐项整改、对账销号，建立长效机制，"
        "持续巩固提升义务教育{{ fw.kind }}发展水平。")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 工作计划() -> Doc:
    d = Doc("工作计划", landscape=True)
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.p("为确保{{ unit.whole }}义务教育{{ fw.kind }}发展各项任务按期完成，对照问题清单和实施方案，制定本工作计划。"
        "{% if gap_groups %}其中{{ gap_groups|length }}项为针对未达标指标的整改任务。{% endif %}")
    d.table(Table([Col("目标任务", "{{ r.label }}", 44, align="left"), Col("完成时间", "{{ r.when }}", 24),
                   Col("工作措施", "{{ r.measures }}", 85, align="left"), Col("牵头单位", "{{ r.lead }}", 28),
                   Col("责任单位", "{{ r.responsible }}", 30), Col("备注", "{{ r.note }}", 32, align="left")],
                  rows="r in plan"))
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 领导小组名单() -> Doc:
    d = Doc("领导小组名单")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.stmt("if lg.present")
    roster_table(d)
    d.stmt("if lg.office_at")
    d.p("领导小组下设办公室，办公室设在{{ lg.office_at }}{% if lg.office_director %}，由{{ lg.office_director }}同志"
        "兼任办公室主任{% endif %}，负责领导小组日常工作。")
    d.stmt("endif")
    d.p("领导小组成员如有变动，由所在单位接任人员自然递补，不再另行发文。")
    d.stmt("else")
    d.p("人员.yaml 中尚未填写领导小组。")
    d.stmt("endif")
    return d


def 工作专班() -> Doc:
    d = Doc("工作专班")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.stmt("if wgs")
    d.p("为扎实推进义务教育{{ fw.kind }}发展工作，{% if lg.present %}{{ lg.name }}{% else %}领导小组{% endif %}"
        "下设{{ wgs|length }}个工作专班，在领导小组统一领导下开展工作。各专班组成和职责如下。")
    d.table(Table([Col("序号", "{{ g.num }}", 10), Col("工作专班", "{{ g.name }}", 34, align="left"),
                   Col("组长", "{{ g.leaders_text }}", 20), Col("副组长", "{{ g.deputies_text }}", 24),
                   Col("成员", "{{ g.members_text }}", 68, align="left")], rows="g in wgs"),
            caption="表{{ tables.next() }}　工作专班组成")
    d.stmt("for g in wgs")
    d.h(1, "{{ num.h1() }}{{ g.name }}")
    d.p("组长：{{ g.leaders_text }}{% if g.deputies_text %}；副组长：{{ g.deputies_text }}{% endif %}"
        "{% if g.members_text %}；成员：{{ g.members_text }}{% endif %}。")
    d.stmt("if g.duties")
    d.p("主要职责：")
    d.stmt("for t in g.duties")
    d.p("{{ loop.index }}.{{ t }}{{ '' if t.endswith('。') else '。' }}")
    d.stmt("endfor")
    d.stmt("endif")
    d.stmt("endfor")
    d.h(1, "{{ num.h1() }}工作要求")
    d.p("各专班组长负责指导、督办本专班工作，副组长负责具体协调落实；各专班要按照工作计划倒排工期，每月向领导小组"
        "办公室报告进展，确保数据准确、材料规范、任务按期完成。")
    d.stmt("else")
    d.p("人员.yaml 中尚未填写工作专班。")
    d.stmt("endif")
    return d


def 汇报材料() -> Doc:
    d = Doc("汇报材料")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.subtitle("（{{ doc.date }}）")
    d.plain("尊敬的各位领导、专家：")
    d.p("首先，我代表{{ unit.name }}，对各位领导、专家莅临{{ unit.short if county else unit.we }}指导工作表示热烈欢迎和"
        "衷心感谢！近年来，{{ unit.we }}把推进义务教育{{ fw.kind }}发展作为{{ '最大的民生工程' if county else '学校发展的头等大事' }}，"
        "{{ '政府主导、部门协同、学校落实' if county else '校长负责、处室协同、全员参与' }}，办学条件和教育质量持续提升。"
        "下面，我就有关工作情况作简要汇报。")

    d.h(1, "{{ num.h1() }}基本情况")
    d.stmt("if county")
    d.p("{{ unit.we }}现有义务教育学校{{ ov.n_schools }}所，分别是{{ ov.types_text }}；按城乡分，{{ ov.areas_text }}。义务教育阶段在校生{{ ov.students_total }}人，其中{{ ov.students_text }}"
        "{% if ov.teachers %}；专任教师{{ ov.teachers }}人{% endif %}。")
    d.stmt("else")
    d.p("{{ unit.we }}是一所{{ ov.school_type or '义务教育学校' }}，{% for r in ov.stage_rows %}{{ r.stage }}部有"
        "{{ r.classes }}个教学班、{{ r.students }}名学生{{ '，' if not loop.last else '' }}{% endfor %}"
        "{% if ov.teachers %}，共有专任教师{{ ov.teachers }}人{% endif %}。")
    d.stmt("endif")
    d.p("{% if ov.building %}义务教育学校校舍中，教学及辅助用房{{ ov.building }}，{% endif %}{% if ov.sports %}"
        "体育运动场馆{{ ov.sports }}，{% endif %}{% if ov.equipment %}教学仪器设备总值{{ ov.equipment }}{% endif %}"
        "{% if ov.computers %}，计算机{{ ov.computers }}台{% endif %}{% if ov.books_text %}，藏书{{ ov.books_text }}{% endif %}。"
        "{% if ov.senior_note %}（{{ ov.senior_note }}。）{% endif %}")

    d.h(1, "{{ num.h1() }}主要做法")
    d.stmt("for s in work.sections")
    d.h(2, "{{ num.h2() }}{{ s.brief_heading }}")
    d.stmt("for t in s.brief")
    d.p("{{ t }}")
    d.stmt("endfor")
    d.stmt("endfor")

    d.h(1, "{{ num.h1() }}取得成效")
    d.stmt("if trend.present")
    d.h(2, "{{ num.h2() }}办学条件明显改善")
    d.p("{{ trend.span }}，{{ unit.we }}义务教育学校新增{{ trend.growth_text }}。"
        "{% if trend.rises %}{{ trend.rises|join('，') }}。{% endif %}")
    d.stmt("endif")
    d.h(2, "{{ num.h2() }}均衡水平稳步提升")
    d.p("{% if trend.present and trend.passing_text %}资源配置达到要求的学校{{ trend.passing_text }}"
        "{% if trend.cv_falls %}，{{ trend.cv_falls|join('，') }}{% endif %}。{% endif %}"
        "{% if judgement %}{{ judgement }}。{% endif %}对照{{ summary.n }}项{{ '' if county else '适用' }}指标，"
        "目前{{ summary.text }}。")
    d.stmt("if survey.present")
    d.h(2, "{{ num.h2() }}群众认可度不断提高")
    d.p("在{{ survey.valid_total }}份有效问卷中，学生、家长、教师和社会各界对义务教育的认可度达到{{ survey.rate }}，"
        "{{ '高于' if survey.ok else '低于' }}{{ survey.threshold }}的标准。")
    d.stmt("endif")
    d.stmt("if done_groups")
    d.h(2, "{{ num.h2() }}问题整改扎实有效")
    d.p("自评以来，我们对照问题清单逐项整改、对账销号，已完成整改{{ gap_summary.n_closed }}项"
        "{% if gap_summary.n_open %}，其余{{ gap_summary.n_open }}项正在推进{% endif %}：{% for g in done_groups %}"
        "{{ g.short }}方面，{{ g.done_text }}{{ '；' if not loop.last else '。' }}{% endfor %}")
    d.stmt("endif")

    d.stmt("if work.features")
    d.h(1, "{{ num.h1() }}特色亮点")
    d.stmt("for f in work.features")
    d.h(2, "{{ num.h2() }}{{ f.name }}")
    d.p("{{ f.text }}")
    d.stmt("endfor")
    d.stmt("endif")

    d.h(1, "{{ num.h1() }}存在的问题和下一步打算")
    d.stmt("if gap_groups or partly")
    d.p("对照标准，我们还存在一些短板：{% for g in gap_groups %}{{ g.short }}{% if g.where %}（{{ g.where }}）{% endif %}"
        "{{ '、' if not loop.last else '' }}{% endfor %}{% if partly %}{{ '未达到要求，' if gap_groups else '' }}"
        "{% for i in partly %}{{ i.title }}{{ '、' if not loop.last else '' }}{% endfor %}仅为基本达标{% else %}未达到要求"
        "{% endif %}。")
    d.p("下一步，我们将{% for g in gap_groups[:3] %}{{ g.task }}{{ '，' if not loop.last else '' }}{% endfor %}"
        "{% if gap_groups|length > 3 %}等，{% elif gap_groups %}，{% endif %}"
        "{% if has_safe %}{{ deadline }}前完成{{ '其余' if risk_kinds else '全部' }}整改任务，{% endif %}"
        "{% for r in risk_kinds %}{{ r.titles }}等{{ r.kind }}项目{{ r.deadline }}完成，{{ r.bridge }}，{% endfor %}"
        "持续巩固提升义务教育{{ fw.kind }}发展成果。")
    d.stmt("else")
    d.p("下一步，我们将建立长效机制，持续巩固提升义务教育{{ fw.kind }}发展成果。")
    d.stmt("endif")
    d.p("以上汇报，不妥之处，恳请各位领导、专家批评指正。谢谢！")
    return d


def 问题清单() -> Doc:
    d = Doc("问题清单", landscape=True)
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.stmt("if gaps")
    d.p("经{{ '逐校、' if county else '' }}逐项测算，共发现问题{{ gap_summary.n }}项{% if county %}，涉及{{ gap_summary.n_schools }}所学校"
        "{% if gap_summary.n_county %}和{{ gap_summary.n_county }}项县级指标{% endif %}{% endif %}，"
        "分属{{ gap_summary.n_codes }}项指标{% if rectified %}，截至{{ doc.date }}已整改销号{{ gap_summary.n_closed }}项"
        "{% endif %}。各项问题的整改措施、责任单位和完成时限见下表{% if risk_kinds %}；{% for r in risk_kinds %}"
        "{{ r.titles }}等需{{ r.kind }}的问题预计评估前不能完成，{{ r.bridge }}{{ '；' if not loop.last else '' }}"
        "{% endfor %}{% endif %}。")
    gap_table(d)
    d.note("注：“现状”“要求”为该指标的实际值和标准值（每百名学生指标为人或间，生均指标为平方米或元，差异系数无单位）；"
        "“整改要求”为达到标准所需补足的数量，一贯制学校的共用资源同时给出全校应增加的数量。")
    d.stmt("else")
    d.p("经{{ '逐校、' if county else '' }}逐项测算，各项指标均达到要求，未发现需要整改的问题。")
    d.stmt("endif")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 整改报告() -> Doc:
    d = Doc("整改报告")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.p("根据{{ fw.basis }}{% if unit.superior %}和{{ unit.superior }}的工作安排{% endif %}，{{ unit.name }}对"
        "{{ '自评' if county else '自查' }}发现的问题逐项制定整改措施，明确责任单位和完成时限，整改一项、销号一项。"
        "现将整改情况报告如下。")
    d.h(1, "{{ num.h1() }}总体情况")
    d.stmt("if has_gaps")
    d.p("{{ '自评' if county else '自查' }}共发现问题{{ gap_summary.n }}项，分属{{ gap_summary.n_codes + done_groups|length }}"
        "项指标。截至{{ doc.date }}，已整改销号{{ gap_summary.n_closed }}项{% if gap_summary.n_open %}，正在整改"
        "{{ gap_summary.n_open }}项{% else %}，全部完成整改{% endif %}{% for r in risk_kinds %}；{{ r.titles }}等需"
        "{{ r.kind }}的问题预计评估前不能完成，{{ r.bridge }}{% endfor %}。")
    d.stmt("else")
    d.p("经{{ '自评' if county else '自查' }}，各项指标均达到要求，未发现需要整改的问题。")
    d.stmt("endif")
    d.stmt("if done_groups")
    d.h(1, "{{ num.h1() }}已完成整改的问题")
    d.stmt("for g in done_groups")
    d.h(2, "{{ num.h2() }}{{ g.title }}")
    d.p("{{ g.done_text }}。{{ g.n_items }}项问题已全部整改到位，于{{ g.closed }}销号。")
    d.stmt("endfor")
    d.stmt("endif")
    d.stmt("if gap_groups")
    d.h(1, "{{ num.h1() }}正在整改的问题")
    d.stmt("for g in gap_groups")
    d.h(2, "{{ num.h2() }}{{ g.title }}")
    d.p("{% if g.done_text %}已完成：{{ g.done_text }}。尚未完成：{% endif %}{{ g.situation }}{{ g.measure|clause }}，"
        "由{{ g.lead }}牵头，{{ g.responsible }}配合，{{ g.deadline }}完成{% if g.risk %}（评估前先行过渡）{% endif %}。")
    d.stmt("endfor")
    d.stmt("endif")
    d.h(1, "{{ num.h1() }}下一步工作")
    d.p("{{ unit.we }}将{% if gap_groups %}按照时限要求抓好剩余问题整改，{% endif %}建立问题整改长效机制，"
        "定期复核已销号问题，防止反弹，持续巩固提升义务教育{{ fw.kind }}发展成果。")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 销号台账() -> Doc:
    d = Doc("销号台账", landscape=True)
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.stmt("if gaps")
    d.p("截至{{ doc.date }}，共{{ gap_summary.n }}项问题，已销号{{ gap_summary.n_closed }}项，"
        "未销号{{ gap_summary.n_open }}项。")
    d.table(Table([Col("序号", "{{ g.num }}", 10), Col("指标", "{{ g.code }} {{ g.short }}", 24, align="left"),
                   Col("问题", "{{ g.school }}{% if g.stage and not g.county %}（{{ g.stage }}）{% endif %}："
                       "{{ g.text }}", 62, align="left"),
                   Col("整改措施", "{{ g.measure }}", 30, align="left"),
                   Col("责任单位", "{{ g.units }}", 34, align="left"),
                   Col("完成时限", "{{ g.deadline or g.planned }}", 19),
                   Col("完成情况", "{{ g.done or g.status }}", 44, align="left"),
                   Col("销号日期", "{{ g.closed }}", 20)], rows="g in gaps"))
    d.stmt("else")
    d.p("经{{ '逐校、' if county else '' }}逐项测算，各项指标均达到要求，没有需要销号的问题。")
    d.stmt("endif")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 申请评估的请示() -> Doc:
    d = Doc("申请评估的请示")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.plain("{{ unit.superior or '上级人民政府' }}：")
    d.p("根据{{ fw.basis }}，{{ unit.whole }}把推进义务教育{{ fw.kind }}发展作为重大民生工程，{{ fix_start }}起对照"
        "问题清单集中整改。按照评估办法，{{ unit.name }}组织有关部门和{{ ov.n_schools }}所义务教育学校，对照"
        "{{ fw.title }}{{ fw.n_areas_cn }}个方面{{ fw.n_leaves }}项指标开展了自评。")
    d.p("自评结果：对照{{ summary.n }}项指标，{{ summary.text }}{% if fw.rule %}；{% for st in stage_tables %}"
        "{{ st.name }}{{ st.n }}所学校中{{ st.n_passed }}所资源配置达到要求{{ '，' if not loop.last else '' }}"
        "{% endfor %}{% endif %}{% if cv_rows %}，资源配置指标校际差异系数{% if cv.missed %}{{ cv.missed_text }}超过标准"
        "{% else %}均达到要求{% endif %}{% endif %}{% if survey.present %}，社会认可度{{ survey.rate }}{% endif %}。"
        "{% if vetoes.all_ok %}不存在一票否决情形。{% endif %}"
        "{% if rectified %}自评发现的{{ gap_summary.n }}项问题已整改销号{{ gap_summary.n_closed }}项{% if gap_summary.n_open %}"
        "，其余{{ gap_summary.n_open }}项正在整改，{{ deadline }}前完成{% endif %}。"
        "{% elif has_gaps %}自评发现的{{ gap_summary.n }}项问题已制定整改措施，{{ deadline }}前完成整改。{% endif %}")
    d.p("经研究，{{ unit.whole }}已具备接受义务教育{{ fw.kind }}发展督导评估的条件，特申请"
        "{{ unit.superior or '上级人民政府' }}对{{ unit.short }}义务教育{{ fw.kind }}发展进行督导评估。")
    d.p("妥否，请批示。")
    d.plain("")
    d.p("附件：1.{{ titles.自评报告 }}", "attach")
    d.p("2.{{ titles.整改报告 if rectified else titles.问题清单 }}", "attach_more")
    d.p("3.{{ unit.short }}义务教育{{ fw.kind }}发展佐证材料总目录", "attach_more")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 教师情况统计表() -> Doc:
    """Evidence for C1–C3 and C19: per school counts (never names), from the roster when there is one."""
    d = Doc("教师情况统计表", landscape=True)
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.p("根据{{ teachers.source }}，{{ unit.whole if county else unit.name }}{% if county %}{{ ov.n_schools }}所义务教育学校"
        "{% endif %}共有专任教师{{ teachers.teachers }}人，其中持有教师资格证{{ teachers.certified }}人、持证上岗率"
        "{{ teachers.rate }}，中级及以上职称{{ teachers.titled }}人{% if teachers.summary %}；{{ teachers.summary }}{% endif %}。"
        "{{ '各校' if county else '具体' }}情况见下表。")
    stage = lambda st, key: [Col(f"{st}在校生", "{{ r.%s_students }}" % key, 15),
                             Col(f"{st}专任教师", "{{ r.%s_teachers }}" % key, 13),
                             Col(f"{st}高于规定学历", "{{ r.%s_qualified }}" % key, 14),
                             Col(f"{st}县级及以上骨干", "{{ r.%s_backbone }}" % key, 14),
                             Col(f"{st}体育艺术", "{{ r.%s_pe_art }}" % key, 13)]
    head = [Col("序号", "{{ r.num }}", 8), Col("学校", "{{ r.name }}", 40, align="left"),
            Col("专任教师", "{{ r.teachers }}", 13), Col("持证", "{{ r.certified }}", 12),
            Col("持证率", "{{ r.rate }}", 14), Col("中级及以上职称", "{{ r.titled }}", 14)]
    total = ["", "合计", "{{ teachers.total.teachers }}", "{{ teachers.total.certified }}", "{{ teachers.total.rate }}",
             "{{ teachers.total.titled }}"] + [f"{{{{ teachers.total.{k}_{c} }}}}" for k in ("p", "j")
                                                for c in ("students", "teachers", "qualified", "backbone", "pe_art")]
    d.table(Table(head + stage("小学", "p") + stage("初中", "j"), rows="r in teachers.rows",
                  extra=[Row(total)]),
            caption="表{{ tables.next() }}　{{ '各校' if county else '' }}教师情况统计")
    d.note("注：单位为人。专任教师、持证、中级及以上职称为全校数{% if teachers.senior %}（{{ teachers.senior }}含高中部）"
           "{% endif %}；高于规定学历指小学专科及以上、初中本科及以上学历；骨干指县级及以上骨干教师；体育艺术指任教体育、"
           "音乐、美术的专任教师。{% if not teachers.from_roster %}一贯制学校分学段的专任教师数学校基础数据表未填，以“—”表示。"
           "{% endif %}")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 迎检实施方案() -> Doc:
    d = Doc("迎检实施方案")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.p("为做好义务教育{{ fw.kind }}发展督导评估迎检工作，全面、真实、准确地展示{{ unit.we }}推进义务教育{{ fw.kind }}"
        "发展的工作成效，确保评估工作顺利进行，结合{{ unit.we }}实际，制定本方案。")
    d.h(1, "{{ num.h1() }}迎检时间和内容")
    d.p("{% if insp.date %}督导评估组预计于{{ insp.date }}到{{ unit.short if county else unit.we }}开展实地评估。{% else %}"
        "督导评估的具体时间以上级通知为准。{% endif %}评估主要采取听取汇报、查阅档案资料、实地查看学校、问卷调查和"
        "个别访谈等方式，对照{{ fw.title }}{% if county %}{{ fw.n_areas_cn }}个方面{{ fw.n_leaves }}项{% endif %}指标逐项核查。")
    d.h(1, "{{ num.h1() }}组织领导")
    d.p("迎检工作由{{ lg.name or '工作领导小组' }}统一领导{% if insp.reporter %}，{{ insp.reporter }}向督导评估组汇报"
        "{{ unit.we }}推进义务教育{{ fw.kind }}发展工作情况{% endif %}。陪同评估组的人员及分工如下：")
    d.table(Table([Col("姓名", "{{ e.name }}", 24), Col("职务", "{{ e.post }}", 52, align="left"),
                   Col("分工", "{{ e.duty }}", 80, align="left")], rows="e in insp.escorts"),
            caption="表{{ tables.next() }}　陪检人员及分工")
    d.h(1, "{{ num.h1() }}工作分组及职责")
    d.p("{% if insp.own_groups %}迎检期间设{{ insp.groups|length }}个工作组{% else %}迎检期间由各工作专班按原分工"
        "承担迎检任务{% endif %}，各组职责如下：")
    d.stmt("for g in insp.groups")
    d.h(2, "{{ num.h2() }}{{ g.name }}")
    d.p("组长：{{ g.leaders_text }}{% if g.deputies_text %}；副组长：{{ g.deputies_text }}{% endif %}"
        "{% if g.members_text %}；成员：{{ g.members_text }}{% endif %}。")
    d.stmt("for x in g.duties")
    d.p("{{ loop.index }}.{{ x }}")
    d.stmt("endfor")
    d.stmt("endfor")
    d.h(1, "{{ num.h1() }}实地核查路线")
    d.stmt("if insp.route")
    d.p("实地查看按以下路线安排，如督导评估组另行抽取学校，按评估组要求随时调整：{% for r in insp.route %}"
        "{{ loop.index }}.{{ r }}{{ '；' if not loop.last else '。' }}{% endfor %}")
    d.stmt("else")
    d.p("实地查看的学校由督导评估组随机抽取，{{ '各校' if county else '各处室' }}均应按评估标准做好接受核查的准备。")
    d.stmt("endif")
    d.p("{% if county %}各校校长是介绍学校情况的第一责任人，要熟悉本校各项数据，做到数据与档案、与年报一致；"
        "{% endif %}专用教室、功能室、图书室要正常开放并有使用记录，校园环境整洁有序，正常开展教育教学活动。")
    d.h(1, "{{ num.h1() }}档案资料室")
    d.p("档案资料室设在{{ insp.archive_room }}。佐证材料按{{ fw.n_areas_cn }}个方面、每项指标一卷装订，卷内有目录、"
        "页码和备考表，总目录置于首位；{{ evidence_years }}的材料齐全，数据与自评报告一致。安排专人值守，评估组调阅"
        "材料时随调随到。")
    d.h(1, "{{ num.h1() }}满意度调查")
    d.p("满意度调查由{{ insp.survey_org }}配合督导评估组组织，调查对象包括学生、家长、教师、校长、人大代表、政协委员"
        "及其他群众。要如实宣传义务教育{{ fw.kind }}发展政策和工作成效，{% if survey.present %}自评阶段调查的认可度为"
        "{{ survey.rate }}，{% endif %}要针对群众意见较多的问题做好解释和整改。")
    d.h(1, "{{ num.h1() }}工作要求")
    d.h(2, "{{ num.h2() }}提高认识，落实责任")
    d.p("{{ '各乡镇、各成员单位、各学校' if county else '各处室、各年级组' }}要把迎检作为当前的重要任务，"
        "主要负责同志亲自抓，按照分工明确到人，确保迎检期间人员在岗在位。")
    d.h(2, "{{ num.h2() }}实事求是，数据一致")
    d.p("汇报材料、档案资料、学校基础数据和现场情况要相互一致，严禁弄虚作假；{% if gap_groups %}对评估前不能完成整改的"
        "问题，要如实说明整改措施和完成时限。{% else %}发现问题及时整改。{% endif %}")
    d.h(2, "{{ num.h2() }}严守纪律，热情周到")
    d.p("严格执行中央八项规定及其实施细则精神，接待工作简朴务实，不搞形式主义；对评估组提出的问题，及时研究、"
        "认真整改。")
    d.sign("{{ doc.signature }}", "{{ doc.date }}")
    return d


def 动员讲话() -> Doc:
    d = Doc("动员讲话")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.subtitle("{{ speech.speaker }}")
    d.subtitle("（{{ doc.date }}）")
    d.plain("同志们：")
    d.p("今天，我们召开{{ unit.whole }}推进义务教育{{ fw.kind }}发展工作动员会，主要任务是贯彻落实{{ fw.basis }}精神，"
        "动员{{ '各乡镇、各部门和各学校' }}统一思想、明确任务，确保{{ year }}年顺利通过督导评估。下面，我讲四点意见。")
    d.h(1, "{{ num.h1() }}统一思想，充分认识推进义务教育{{ fw.kind }}发展的重要意义")
    d.p("义务教育是国家提供并予以保障的基本公共服务，是教育公平最重要的领域。推进义务教育{{ fw.kind }}发展，"
        "就是要让每一所学校都达到标准、让每一个孩子都享有公平而有质量的教育。{{ unit.we }}义务教育{{ fw.kind }}发展"
        "评估涉及{{ fw.n_areas_cn }}个方面{{ fw.n_leaves }}项指标，{{ ov.n_schools }}所学校一所都不能掉队，"
        "这是对{{ unit.whole }}教育工作的一次全面检验。")
    d.h(1, "{{ num.h1() }}正视差距，清醒认识当前面临的困难和问题")
    d.stmt("if gap_groups")
    d.p("{% if baseline %}据统计数据初步测算{% else %}经逐校测算{% endif %}，对照{{ summary.n }}项指标，"
        "{{ unit.whole }}{{ summary.text }}。差距主要在以下方面：")
    d.stmt("for g in gap_groups")
    d.p("{{ num.h3() }}{{ g.short }}方面，{{ g.situation }}")
    d.stmt("endfor")
    d.p("这些问题，有的需要真金白银投入，有的需要调整编制和人员，有的涉及项目建设周期，时间紧、任务重，"
        "必须拿出超常规的举措。")
    d.stmt("else")
    d.p("{% if baseline %}据统计数据初步测算{% else %}经逐校测算{% endif %}，{{ unit.whole }}各项指标基本达到要求，"
        "但巩固提升的任务依然繁重，决不能有松劲歇脚的思想。")
    d.stmt("endif")
    d.h(1, "{{ num.h1() }}突出重点，全力补齐短板")
    d.stmt("for g in gap_groups")
    d.p("{{ num.h3() }}{{ g.task }}，由{{ g.lead }}牵头、{{ g.responsible }}配合，{{ g.deadline }}完成"
        "{% if g.risk %}，评估前必须完成立项、落实过渡措施{% endif %}。")
    d.stmt("endfor")
    d.p("{{ num.h3() }}抓好档案资料建设。对照{{ fw.n_leaves }}项指标收集整理{{ evidence_years }}的档案资料，"
        "做到数据准确、资料齐全、上下一致。")
    d.h(1, "{{ num.h1() }}压实责任，确保各项任务按期完成")
    d.p("{{ lg.name or '领导小组' }}要加强统筹调度{% if wgs %}，{{ wgs|length }}个工作专班要按职责分工抓好落实{% endif %}。"
        "各乡镇、各部门主要负责同志是第一责任人，要对照问题清单和完成时限，倒排工期、挂图作战。"
        "{{ unit.bureau }}要定期通报进展，对工作不力、影响评估的单位和个人，严肃追责问责。")
    d.p("同志们，推进义务教育{{ fw.kind }}发展，时间紧迫、责任重大。希望大家以只争朝夕的精神，扎实做好各项工作，"
        "确保{{ unit.short }}顺利通过督导评估，办好人民满意的教育！")
    return d


def 学校简介() -> Doc:
    d = Doc("学校简介")
    d.title("{{ doc.title_br }}", "{{ doc.title }}")
    d.p("{{ unit.name }}是一所{{ ov.school_type or '义务教育学校' }}，{% for r in ov.stage_rows %}{{ r.stage }}部设"
        "{{ r.classes }}个教学班、有学生{{ r.students }}人{{ '，' if not loop.last else '' }}{% endfor %}。"
        "{% if ov.teachers %}学校有专任教师{{ ov.teachers }}人{% for r in ov.stage_rows %}{% if r.qualified != '—' %}，"
        "{{ r.stage }}部高于规定学历教师{{ r.qualified }}人、县级及以上骨干教师{{ r.backbone }}人{% endif %}{% endfor %}。{% endif %}")
    d.p("学校{% if ov.building %}有教学及辅助用房{{ ov.building }}，{% endif %}{% if ov.sports %}体育运动场馆{{ ov.sports }}，{% endif %}"
        "{% if ov.equipment %}教学仪器设备价值{{ ov.equipment }}，{% endif %}{% if ov.multimedia %}网络多媒体教室"
        "{{ ov.multimedia }}间，{% endif %}{% if ov.books_text %}藏书{{ ov.books_text }}，{% endif %}"
        "各类专用教室按标准配备并常态化使用。")
    d.stmt("if work.intro")
    d.p("{{ work.intro }}")
    d.stmt("endif")
    d.stmt("for f in work.features")
    d.p("{{ '学校特色：' if loop.first else '' }}{{ f.name }}，{{ f.text }}")
    d.stmt("endfor")
    d.stmt("if survey.present")
    d.p("学生、家长和教师对学校的认可度为{{ survey.rate }}。")
    d.stmt("endif")
    return d


KINDS = [实施方案, 自评报告, 工作计划, 领导小组名单, 工作专班, 汇报材料, 问题清单, 整改报告, 销号台账, 教师情况统计表,
         迎检实施方案, 动员讲话,
         学校简介, 申请评估的请示]


def main() -> None:
    for make in KINDS:
        d = make()
        DocxWriter().write(d, DOCX_DIR / f"{d.name}.docx")
        MdWriter().write(d, MD_DIR / f"{d.name}.md.j2")
        print(f"wrote templates/docx/{d.name}.docx and templates/md/{d.name}.md.j2")


if __name__ == "__main__":
    main()

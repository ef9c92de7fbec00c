"""The Jinja2 sandbox the templates render in, and its errors in Chinese.

Both formats render in a `SandboxedEnvironment` with StrictUndefined: an undefined name, a syntax error or an
unclosed block becomes a `DossierError` naming the template file and the line (Markdown) or paragraph (.docx),
with Jinja's English message translated. Also the small helpers templates call: section numbering
({{ num.h1() }} → 一、) and counters for tables and figures.
"""
from __future__ import annotations

import datetime as dt
import re
import traceback
from pathlib import Path
from typing import Any

from dossier.core.numerals import cn_numeral
from dossier.core.zh import date_cn, fmt_int, fmt_num, fmt_pct, fmt_wan, join_cn
from dossier.drafts.docxlayout import heading_number
from dossier.drafts.prose import title_lines


class Numbering:
    """Section numbers for templates: {{ num.h1() }} → 一、, {{ num.h2() }} → （一）, h3 → 1., h4 → （1）; a
    higher level resets the levels below it."""

    def __init__(self):
        self.counts = [0, 0, 0, 0]

    def _next(self, level: int) -> str:
        self.counts[level - 1] += 1
        for i in range(level, 4):
            self.counts[i] = 0
        return heading_number(level, self.counts[level - 1])

    def h1(self) -> str:
        return self._next(1)

    def h2(self) -> str:
        return self._next(2)

    def h3(self) -> str:
        return self._next(3)

    def h4(self) -> str:
        return self._next(4)

    def current(self, level: int = 1) -> int:
        return self.counts[level - 1]


class Counter:
    """A plain counter for tables and figures: {{ tables.next() }} → 1, 2, 3…"""

    def __init__(self):
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


_COMPILED: dict = {}           # (environment's settings, source, name, …) → code: each template compiled once
_COMPILED_MAX = 256


def _env_class():
    from jinja2.sandbox import SandboxedEnvironment

    class Env(SandboxedEnvironment):
        """The sandbox, compiling each template source once per process: the drafts of a build render the same
        templates (docxtpl compiles a .docx's XML parts on every render) and compiling is most of Jinja's
        time. The code depends only on the source and the settings in the key; filters and globals are looked
        up when it runs."""

        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            if not isinstance(source, str):
                return super().compile(source, name, filename, raw, defer_init)
            key = (self.autoescape, self.trim_blocks, self.lstrip_blocks, self.keep_trailing_newline,
                   tuple(sorted(self.filters)), tuple(sorted(self.tests)), source, name, filename, raw, defer_init)
            code = _COMPILED.get(key)
            if code is None:
                code = super().compile(source, name, filename, raw, defer_init)
                if len(_COMPILED) >= _COMPILED_MAX:
                    _COMPILED.clear()
                _COMPILED[key] = code
            return code
    return Env


_ENV = []


def _base_env(autoescape: bool):
    from jinja2 import StrictUndefined
    if not _ENV:
        _ENV.append(_env_class())
    env = _ENV[0](undefined=StrictUndefined, autoescape=autoescape, trim_blocks=not autoescape,
                               lstrip_blocks=not autoescape, keep_trailing_newline=True)
    env.filters["cn"] = cn_numeral
    env.filters["num"] = lambda x, d=1: fmt_num(x, d)
    env.filters["int"] = fmt_int
    env.filters["pct"] = fmt_pct
    env.filters["wan"] = fmt_wan
    env.filters["date"] = lambda d: date_cn(d) if isinstance(d, dt.date) else str(d)
    env.filters["join_cn"] = lambda items, sep="、": join_cn(items, sep)
    env.filters["clause"] = lambda text: str(text or "").rstrip("。；，. ")     # a sentence to continue
    return env


def md_env(search: list[Path]):
    from jinja2 import FileSystemLoader
    env = _base_env(autoescape=False)
    env.loader = FileSystemLoader([str(p) for p in search])
    env.filters["cell"] = md_cell
    env.filters["title_br"] = lambda t: t
    env.filters["mark"] = lambda c: (f"**{md_cell(c['text'])}**" if c.get("missed") else md_cell(c["text"]))
    return env


def docx_env():
    from docxtpl import RichText
    env = _base_env(autoescape=True)
    env.filters["cell"] = lambda x: x
    env.filters["title_br"] = lambda t: "\n".join(title_lines(str(t)))
    env.filters["mark"] = lambda c: (RichText(c["text"], bold=True, color="C00000") if c.get("missed")
                                     else RichText(c["text"]))
    return env


def template_lineno(exc: BaseException, filename: str | None) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if (filename and frame.filename == filename) or frame.filename == "<template>":
            found = frame.lineno
    return found


def explain(exc: BaseException) -> tuple[str, str]:
    """A template error in Chinese words (message, hint); Jinja's English never reaches the user."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    msg = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined", msg)
        if m:
            return f"模板使用了未定义的变量“{m.group(1)}”", "请检查变量名拼写；可用的变量可参照内置模板 templates/md/*.md.j2"
        m = re.search(r"has no attribute '([^']+)'", msg)
        if m:
            return f"模板使用了不存在的字段“{m.group(1)}”", "请检查字段名拼写"
        return "模板使用了未定义的值", "请检查变量名拼写"
    if isinstance(exc, TemplateNotFound):
        return f"模板引用的文件“{exc.name}”不存在", "include/import/extends 引用的模板须放在同一个 templates/ 文件夹中"
    if isinstance(exc, TemplateSyntaxError):
        return f"模板语法错误：{syntax_message(msg)}", "检查 {{ }} 与 {% %} 是否成对、for/if 是否有对应的 endfor/endif"
    if isinstance(exc, SecurityError):
        return ("模板使用了不允许的操作（出于安全考虑，模板不能访问以下划线开头的属性或调用内部方法）",
                "请只使用模板变量及其字段，参照内置模板 templates/md/*.md.j2")
    if isinstance(exc, UnicodeDecodeError):
        return "模板文件不是 UTF-8 编码", "请用 UTF-8 编码另存该模板"
    if isinstance(exc, RecursionError):
        return "模板引用自身或相互引用，形成了循环", "请检查 include/extends"
    return "模板中的表达式无法计算（如类型不符、除以零）", "请检查模板中的表达式"


# Jinja's names for tokens, as a template writer would type them
_TOKEN_NAMES = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "模板结尾",
                "name": "名称", "begin of print statement": "{{", "begin of statement block": "{%"}


def _token(name: str) -> str:
    return _TOKEN_NAMES.get(name, name)


def _tags(text: str) -> str:
    """"'elif' or 'else' or 'endif'" → "{% elif %}、{% else %} 或 {% endif %}"."""
    names = re.findall(r"'(\w+)'", text)
    shown = ["{% " + n + " %}" for n in names]
    return shown[0] if len(shown) == 1 else "、".join(shown[:-1]) + " 或 " + shown[-1] if shown else ""


def syntax_message(msg: str) -> str:
    """Jinja's English syntax error in Chinese (the common cases; anything else is passed through)."""
    m = re.match(r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. "
                 r"The innermost block that needs to be closed is '(\w+)'", msg)
    if m:
        return f"模板结束时仍有未闭合的 {{% {m.group(2)} %}} 块（缺少 {{% end{m.group(2)} %}}）"
    m = re.match(r"[Uu]nexpected end of template, expected '(.+?)'", msg)
    if m:
        return f"模板在标签中间结束，缺少“{_token(m.group(1))}”"
    m = re.match(r"Encountered unknown tag '(\w+)'\. You probably made a nesting mistake\..*?currently looking for "
                 r"(.*?)\. The innermost block that needs to be closed is '(\w+)'", msg)
    if m:
        return (f"{{% {m.group(1)} %}} 的位置不对（嵌套错误）：此处最内层未闭合的是 {{% {m.group(3)} %}} 块，"
                f"应先写 {_tags(m.group(2))}")
    m = re.match(r"Encountered unknown tag '(\w+)'\.(?: Jinja was looking for the following tags: (.*?)\. "
                 r"The innermost block that needs to be closed is '(\w+)')?", msg)
    if m:
        tag = m.group(1)
        if tag.startswith("end"):
            text = f"多余的 {{% {tag} %}}：前面没有与之对应的 {{% {tag[3:]} %}}"
        else:
            text = f"未知的标签 {{% {tag} %}}"
        if m.group(3):
            text += f"（此处最内层未闭合的是 {{% {m.group(3)} %}} 块，可用 {_tags(m.group(2))}）"
        return text
    m = re.match(r"expected token '(.+?)', got '(.+?)'", msg)
    if m:
        return f"此处应为“{_token(m.group(1))}”，实际为“{_token(m.group(2))}”"
    m = re.match(r"Expected an expression, got '(.+?)'", msg)
    if m:
        return f"缺少表达式（“{_token(m.group(1))}”之前应有变量名或表达式）"
    if msg.startswith("tag name expected"):
        return "{% %} 中缺少标签名（如 if、for）"
    m = re.match(r"unexpected char '(.+?)' at \d+", msg)
    if m:
        return f"无法识别的字符“{m.group(1)}”"
    m = re.match(r"unexpected '(.+?)'", msg)
    if m:
        return f"出现了意外的“{_token(m.group(1))}”（{{{{ }}}} 与 {{% %}} 是否成对？）"
    return msg


_BLOCK_TAGS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "set", "trans"}


def unclosed_block_line(source: str) -> int | None:
    """The line where the innermost block still open at the end of `source` starts ({% if %} without its
    {% endif %}), found with Jinja's lexer; None when every block is closed or the source does not lex."""
    from jinja2 import Environment
    env = Environment()
    stack: list[tuple[str, int]] = []
    try:
        tokens = list(env.lex(source))
    except Exception:
        return None
    i = 0
    while i < len(tokens):
        lineno, kind, value = tokens[i]
        if kind == "block_begin":
            body = []
            j = i + 1
            while j < len(tokens) and tokens[j][1] not in ("block_end",):
                if tokens[j][1] != "whitespace":
                    body.append(tokens[j])
                j += 1
            if body and body[0][1] == "name":
                tag = body[0][2]
                if tag in _BLOCK_TAGS and not (tag == "set" and any(t[2] == "=" for t in body)):
                    stack.append((tag, lineno))
                elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
                    stack.pop()
            i = j
        i += 1
    return stack[-1][1] if stack else None


def docx_paragraph_at(tpl, lineno: int | None) -> tuple[int | None, str]:
    """For an error at `lineno` of the XML docxtpl compiles, the paragraph number in the template (counting every
    paragraph, table cells included) and its text."""
    if not lineno:
        return None, ""
    try:
        xml = tpl.patch_xml(tpl.get_xml())
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        lines = xml.splitlines()
        if not 1 <= lineno <= len(lines):
            return None, ""
        text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
        return lineno - 1, text[:60]
    except Exception:  # pragma: no cover - best effort for the message only
        return None, ""


def is_unclosed(exc: BaseException) -> bool:
    return str(getattr(exc, "message", "") or "").startswith("Unexpected end of template.")


def docx_unclosed_line(tpl) -> int | None:
    """The line (of the XML docxtpl compiles, one paragraph a line) where an unclosed block starts."""
    try:
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    except Exception:  # pragma: no cover - best effort for the message only
        return None
    return unclosed_block_line(xml)

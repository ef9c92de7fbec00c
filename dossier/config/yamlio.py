"""YAML reading that remembers where each value came from, so errors can name the line, with limits: a file
size cap, a cap on the values aliases may expand to (billion laughs), no recursive aliases, no nesting deeper
than a person writes, scalar keys only, and no inf/NaN numbers. Each breach is a Chinese Problem with its line."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from dossier.core.errors import DossierError, Problem


class Located:
    """Parsed YAML data plus the line (1-based) of every key path."""

    def __init__(self, data: Any, lines: dict[tuple, int], file: str):
        self.data = data
        self.lines = lines
        self.file = file

    def line(self, *path) -> int | None:
        """Line of the deepest known prefix of `path`."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


MAX_BYTES = 5_000_000          # a facts or settings file is a few KB; a framework file some 100 KB
MAX_VALUES = 200_000           # values after alias expansion
MAX_DEPTH = 60                 # levels of nesting


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Loader(yaml.SafeLoader):
    pass


class _Walk:
    """The state of one document's walk: values seen, alias nodes on the current path."""

    def __init__(self, file: str, ctor: yaml.constructor.SafeConstructor):
        self.file, self.ctor = file, ctor
        self.values = 0
        self.open: set[int] = set()

    def fail(self, message: str, node: yaml.Node, hint: str | None = None) -> DossierError:
        return DossierError(Problem(message, file=self.file, line=node.start_mark.line + 1, hint=hint))


def _walk(node: yaml.Node, path: tuple, lines: dict, file: "str | _Walk", ctor=None) -> Any:
    state = file if isinstance(file, _Walk) else _Walk(file, ctor)
    state.values += 1
    if state.values > MAX_VALUES:
        raise state.fail(f"内容过多：别名（&/*）展开后超过 {MAX_VALUES} 个值", node,
                         "请不要用别名层层引用；每项直接写出")
    if len(path) > MAX_DEPTH:
        raise state.fail(f"嵌套超过 {MAX_DEPTH} 层", node, "请检查缩进或括号是否成对")
    if id(node) in state.open:
        raise state.fail("别名（*）引用了包含它自身的内容（循环引用）", node, "请删去该别名，直接写出内容")
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if node.tag not in _PLAIN_TAGS:
            raise state.fail("YAML 内容无法识别：出现了不支持的“!标签”", node,
                             "不支持“!标签”等特殊写法；请只写文字、数字、列表和键值")
        state.open.add(id(node))
        try:
            return _walk_collection(node, path, lines, state)
        finally:
            state.open.discard(id(node))
    return _scalar(node, state)


def _walk_collection(node: yaml.Node, path: tuple, lines: dict, state: _Walk) -> Any:
    file, ctor = state.file, state.ctor
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise state.fail("键只能是文字或数字，不能是列表或键值结构", key_node,
                                 "“? [..]” 或 “[a, b]: …” 这样的写法不受支持；请把键写成一个名称")
            try:
                key = ctor.construct_object(key_node, deep=True)
            except ValueError:
                raise DossierError(Problem(f"键“{key_node.value}”无法识别", file=file, line=key_node.start_mark.line + 1))
            if isinstance(key, float) and not math.isfinite(key):
                raise state.fail(f"键“{key_node.value}”无法识别", key_node)
            if key in out:
                raise DossierError(Problem(f"键“{key}”重复出现", file=file, line=key_node.start_mark.line + 1,
                                           hint="每个键只能写一次，请删除或合并重复项"))
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, path + (key,), lines, state)
        return out
    return [_walk(item, path + (i,), lines, state) for i, item in enumerate(node.value)]


def _scalar(node: yaml.Node, state: _Walk) -> Any:
    try:
        value = state.ctor.construct_object(node, deep=True)
    except ValueError:                # e.g. 2025-02-30: looks like a date, is none
        raise state.fail(f"“{node.value}”不是有效的日期", node, "请写成 2025-03-10 的形式，并确认该月有这一天")
    if isinstance(value, float) and not math.isfinite(value):
        raise state.fail(f"“{node.value}”不是有效的数字（无穷大或非数）", node, "请填写一个具体的数值")
    return value


def load_yaml(path: Path, display: str | None = None) -> Located:
    """Read a YAML file; malformed YAML becomes a Problem naming file and line."""
    display = display or str(path)
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise DossierError(Problem(f"文件过大（超过 {MAX_BYTES // 1_000_000} MB），不像是手写的设置或数据文件",
                                       file=display, hint="请检查是否放错了文件"))
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DossierError(Problem("文件不是 UTF-8 编码的文本", file=display, hint="请用 UTF-8 编码另存为"))
    except OSError as exc:
        raise DossierError(Problem(f"无法读取文件：{exc.strerror or exc}", file=display))
    return parse_yaml(text, display)


_FAST = getattr(yaml, "CSafeLoader", None)        # libyaml: the same nodes and marks, several times faster


def _compose(text: str):
    """The YAML node tree: parsed by libyaml when it is there; a text it refuses is parsed again by the Python
    parser, whose messages `_explain` translates."""
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_Loader)


def parse_yaml(text: str, display: str) -> Located:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        raise DossierError(Problem(f"YAML 格式错误：{_explain(what)}", file=display, line=line,
                                   hint="检查缩进（用空格，不用 Tab）、冒号后的空格和引号是否成对"))
    except yaml.YAMLError:
        raise DossierError(Problem("YAML 格式错误，无法读取", file=display,
                                   hint="检查缩进（用空格，不用 Tab）、冒号后的空格和引号是否成对"))
    except RecursionError:
        raise DossierError(Problem(f"YAML 嵌套层数过多（超过 {MAX_DEPTH} 层）", file=display,
                                   hint="请检查缩进或括号是否成对"))
    if node is None:
        return Located({}, {(): 1}, display)
    lines: dict[tuple, int] = {}
    try:
        data = _walk(node, (), lines, _Walk(display, yaml.constructor.SafeConstructor()))   # one per document
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise DossierError(Problem(f"YAML 内容无法识别：{_explain(exc.problem or '')}", file=display,
                                   line=mark.line + 1 if mark else None,
                                   hint="不支持“!标签”等特殊写法；请只写文字、数字、列表和键值"))
    return Located(data, lines, display)


_EXPLAIN = {
    "found character '\\t' that cannot start any token": "出现了 Tab 字符",
    "mapping values are not allowed here": "此处不应出现冒号（值里含冒号时请加引号）",
    "could not find expected ':'": "缺少冒号",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "found undefined alias": "引用了未定义的别名（*）",
    "found duplicate anchor": "同一个锚点（&）定义了两次",
    "expected <block end>": "缩进不一致",
    "did not find expected key": "缩进不一致或缺少“键: 值”中的键",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "expected ',' or ']'": "方括号列表未闭合或缺少逗号",
    "expected ',' or '}'": "花括号未闭合或缺少逗号",
    "found unknown escape character": "双引号中的反斜杠写法无法识别（路径请用单引号或正斜杠）",
    "expected a comment or a line break": "引号后面多出了内容",
    "found character": "出现了不能出现在此处的字符（如 @、`、%，以它开头的值请加引号）",
    "found unacceptable character": "出现了无法识别的字符",
    "could not determine a constructor for the tag": "出现了不支持的“!标签”",
    "found unhashable key": "键不能是列表或键值结构",
}


def _explain(problem: str) -> str:
    """pyyaml's (English) problem in Chinese; one we have not seen is described, not shown."""
    for en, zh in _EXPLAIN.items():
        if problem.startswith(en) or en in problem:
            return zh
    return "无法解析此处的写法"

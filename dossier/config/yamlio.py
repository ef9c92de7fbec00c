"""YAML reading that remembers where each value came from, so errors can name the line."""
from __future__ import annotations

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


class _Loader(yaml.SafeLoader):
    pass


def _walk(node: yaml.Node, path: tuple, lines: dict, file: str, ctor: yaml.constructor.SafeConstructor) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            try:
                key = ctor.construct_object(key_node, deep=True)
            except ValueError:
                raise DossierError(Problem(f"键“{key_node.value}”无法识别", file=file, line=key_node.start_mark.line + 1))
            if key in out:
                raise DossierError(Problem(f"键“{key}”重复出现", file=file, line=key_node.start_mark.line + 1,
                                           hint="每个键只能写一次，请删除或合并重复项"))
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, path + (key,), lines, file, ctor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, path + (i,), lines, file, ctor) for i, item in enumerate(node.value)]
    try:
        return ctor.construct_object(node, deep=True)
    except ValueError:                # e.g. 2025-02-30: looks like a date, is none
        raise DossierError(Problem(f"“{node.value}”不是有效的日期", file=file, line=node.start_mark.line + 1,
                                   hint="请写成 2025-03-10 的形式，并确认该月有这一天"))


def load_yaml(path: Path, display: str | None = None) -> Located:
    """Read a YAML file; malformed YAML becomes a Problem naming file and line."""
    display = display or str(path)
    try:
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
    except yaml.YAMLError as exc:
        raise DossierError(Problem(f"YAML 格式错误：{exc}", file=display))
    if node is None:
        return Located({}, {(): 1}, display)
    lines: dict[tuple, int] = {}
    try:
        data = _walk(node, (), lines, display, yaml.constructor.SafeConstructor())   # one per document
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise DossierError(Problem(f"YAML 内容无法识别：{exc.problem}", file=display,
                                   line=mark.line + 1 if mark else None))
    return Located(data, lines, display)


_EXPLAIN = {
    "found character '\\t' that cannot start any token": "出现了 Tab 字符",
    "mapping values are not allowed here": "此处不应出现冒号（值里含冒号时请加引号）",
    "could not find expected ':'": "缺少冒号",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
}


def _explain(problem: str) -> str:
    for en, zh in _EXPLAIN.items():
        if problem.startswith(en):
            return zh
    return problem

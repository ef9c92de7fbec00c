"""The expression language of `formula` indicators: a small grammar parsed with lark (no eval, no Python
syntax: only what is listed below can be written, so a framework file can never run code).

    numbers        12   4.5   1e4
    names          column names of the school table (生均图书册数 needs none: 图书册数 / 在校生数), with
                   `{学段}` replaced by 小学 / 初中; a bare 在校生数 / 班级数 … means the 学段's column; in a
                   county formula also the leaf's county facts; names with spaces or symbols in quotes: "5年培训率"
    arithmetic     +  -  *  /  (also × ÷), unary minus, parentheses
    comparisons    >=  >  <=  <  ==  !=  (also ≥ ≤ ≠), joined with and / or (且 / 或) and negated with not (非)
    functions      min(a, b, …)  max(a, b, …)  abs(a)  round(a, n)
    over schools   sum(x)  mean(x)  count(条件)  share(条件)  (county formulas only: x and the condition are
                   evaluated per school; share is the percentage of schools meeting the condition)

`parse` turns the text into a tree of tuples and reports syntax errors in Chinese; `names` lists the names it
reads (for the framework check); `dossier.compute.formula` evaluates the tree.
"""
from __future__ import annotations

from functools import lru_cache

from lark import Lark, Transformer, v_args
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

GRAMMAR = r"""
?start: or_
?or_: and_ | or_ OR and_ -> or_
?and_: not_ | and_ AND not_ -> and_
?not_: comparison | NOT not_ -> not_
?comparison: sum | sum CMP sum -> cmp
?sum: product | sum ADD product -> bin
?product: unary | product MUL unary -> bin
?unary: atom | "-" unary -> neg
?atom: NUMBER -> num
     | STRING -> name
     | NAME -> name
     | NAME "(" [or_ ("," or_)*] ")" -> call
     | "(" or_ ")"
OR.2: "or" | "或"
AND.2: "and" | "且"
NOT.2: "not" | "非"
CMP: ">=" | "<=" | "==" | "!=" | ">" | "<" | "≥" | "≤" | "≠"
ADD: "+" | "-"
MUL: "*" | "/" | "×" | "÷"
NUMBER: /\d+(\.\d+)?([eE][+-]?\d+)?/
STRING: /"[^"]+"|“[^”]+”|「[^」]+」/
NAME: /[^\s\d()（）,，"“”「」+\-*\/×÷<>=!≥≤≠][^\s()（）,，"“”「」+\-*\/×÷<>=!≥≤≠]*/
%ignore /[ \t\u3000]+/
"""

FUNCTIONS = {"min": (1, None), "max": (1, None), "abs": (1, 1), "round": (1, 2)}
AGGREGATES = {"sum": (1, 1), "mean": (1, 1), "count": (1, 1), "share": (1, 1)}
_CMP = {"≥": ">=", "≤": "<=", "≠": "!="}
_OPS = {"×": "*", "÷": "/"}


class ExprError(ValueError):
    """A formula that cannot be parsed or uses what the language does not have (message in Chinese)."""


@v_args(inline=True)
class _Tree(Transformer):
    def num(self, tok):
        return ("num", float(tok))

    def name(self, tok):
        text = str(tok)
        return ("name", text[1:-1] if text[0] in "\"“「" else text)

    def call(self, fname, *args):
        return ("call", str(fname), tuple(a for a in args if a is not None))

    def bin(self, a, op, b):
        return ("bin", _OPS.get(str(op), str(op)), a, b)

    def neg(self, a):
        return ("neg", a)

    def cmp(self, a, op, b):
        return ("cmp", _CMP.get(str(op), str(op)), a, b)

    def and_(self, a, _op, b):
        return ("and", a, b)

    def or_(self, a, _op, b):
        return ("or", a, b)

    def not_(self, _op, a):
        return ("not", a)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", maybe_placeholders=True)


@lru_cache(maxsize=512)
def parse(text: str) -> tuple:
    """The formula as a tree of tuples, or ExprError naming what is wrong and where (1-based character)."""
    try:
        tree = _Tree().transform(_parser().parse(text))
    except UnexpectedEOF:
        raise ExprError(f"公式“{text}”不完整（缺少运算对象或右括号）")
    except UnexpectedToken as exc:
        if exc.token.type == "$END":
            raise ExprError(f"公式“{text}”不完整（缺少运算对象或右括号）")
        raise ExprError(f"公式“{text}”第{exc.column}个字符“{exc.token}”处写法有误")
    except UnexpectedCharacters as exc:
        raise ExprError(f"公式“{text}”第{exc.column}个字符“{text[exc.pos_in_stream]}”无法识别")
    except UnexpectedInput as exc:
        raise ExprError(f"公式“{text}”第{getattr(exc, 'column', '?')}个字符附近写法有误")
    except LarkError as exc:                  # pragma: no cover - lark's other errors
        raise ExprError(f"公式“{text}”写法有误：{exc}")
    _check_calls(tree, text, inside_aggregate=False)
    return tree


def _check_calls(node: tuple, text: str, inside_aggregate: bool) -> None:
    kind = node[0]
    if kind == "call":
        fname, args = node[1], node[2]
        spec = FUNCTIONS.get(fname) or AGGREGATES.get(fname)
        if spec is None:
            raise ExprError(f"公式“{text}”中的函数“{fname}”不可用；可用："
                            + "、".join(list(FUNCTIONS) + list(AGGREGATES)))
        low, high = spec
        if len(args) < low or (high is not None and len(args) > high):
            raise ExprError(f"公式“{text}”中 {fname}() 的参数个数不对")
        if fname in AGGREGATES and inside_aggregate:
            raise ExprError(f"公式“{text}”中 {fname}() 不能写在另一个汇总函数里")
        for a in args:
            _check_calls(a, text, inside_aggregate or fname in AGGREGATES)
    elif kind in ("bin", "cmp", "and", "or"):
        _check_calls(node[2] if kind in ("bin", "cmp") else node[1], text, inside_aggregate)
        _check_calls(node[3] if kind in ("bin", "cmp") else node[2], text, inside_aggregate)
    elif kind in ("neg", "not"):
        _check_calls(node[1], text, inside_aggregate)


def names(node: tuple, inside: bool = False) -> list[tuple[str, bool]]:
    """Every name the formula reads, with whether it is read per school (inside sum/mean/count/share)."""
    kind = node[0]
    if kind == "name":
        return [(node[1], inside)]
    if kind == "call":
        return [n for a in node[2] for n in names(a, inside or node[1] in AGGREGATES)]
    if kind in ("bin", "cmp"):
        return names(node[2], inside) + names(node[3], inside)
    if kind in ("and", "or"):
        return names(node[1], inside) + names(node[2], inside)
    if kind in ("neg", "not"):
        return names(node[1], inside)
    return []


def uses_aggregates(node: tuple) -> bool:
    if node[0] == "call":
        return node[1] in AGGREGATES or any(uses_aggregates(a) for a in node[2])
    return any(uses_aggregates(c) for c in node[1:] if isinstance(c, tuple))

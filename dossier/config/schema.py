"""Typed configuration files: the pydantic base model and field types dossier's YAML files are validated
with, and the translation of pydantic's errors into Chinese `Problem`s that name the file and the line.

Every model forbids keys it does not know (a typo such as 档安 would otherwise be ignored without a word) and
the error says which keys are allowed, with the nearest one when the unknown key looks like a typo. Validation
runs once, when a file is loaded, and reports every error of the file at once.
"""
from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from dossier.config.yamlio import Located
from dossier.core.errors import Problem


class Model(BaseModel):
    """A section of a configuration file: keys are the Chinese (or English) names users write, unknown keys are
    errors, values are frozen once validated."""
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, arbitrary_types_allowed=True)


def _to_text(value: Any) -> Any:
    """Names, codes and sentences: numbers are taken as text (学校代码 5301230022); lists and mappings are not."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, (list, dict)):
        raise PydanticCustomError("dossier_text", "应为文字，不能是列表或键值结构")
    return value


Text = Annotated[str, BeforeValidator(_to_text)]

TRUE_WORDS = ("是", "true", "yes", "y", "1", "双面", "on", "有")
FALSE_WORDS = ("否", "false", "no", "n", "0", "单面", "off", "无", "")


def _to_flag(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise PydanticCustomError("dossier_flag", "应填 是 或 否，现为“{value}”", {"value": value})


Flag = Annotated[bool, BeforeValidator(_to_flag)]

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def parse_date_text(value: Any) -> dt.date | None:
    """A date as users write it (2025-03-10, 2025/3/10, 2025年3月10日, 20250310), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def _to_date(value: Any) -> Any:
    parsed = parse_date_text(value)
    if parsed is None:
        raise PydanticCustomError("dossier_date", "日期“{value}”无法识别，请写成 2025-03-10 的形式", {"value": value})
    return parsed


Date = Annotated[dt.date, BeforeValidator(_to_date)]


# ---------------------------------------------------------------------------------------------------- errors

_MESSAGES = {
    "missing": "缺少此项",
    "string_type": "应为文字",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数",
    "float_type": "应为数字", "float_parsing": "应为数字", "finite_number": "应为有限的数字",
    "bool_type": "应填 是 或 否", "bool_parsing": "应填 是 或 否",
    "list_type": "应为列表", "tuple_type": "应为列表",
    "dict_type": "应为键值结构", "model_type": "应为键值结构", "model_attributes_type": "应为键值结构",
    "greater_than": "应大于 {gt}", "greater_than_equal": "应不小于 {ge}", "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}", "too_short": "不能为空", "string_too_short": "不能为空",
}


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as “a”、“b”、“c”."""
    items = [t.strip().strip("'\"") for t in expected.replace(" or ", ",").split(",") if t.strip()]
    return "、".join(f"“{t}”" for t in items)


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _message(err: dict, model: type[BaseModel] | None) -> tuple[str, str | None]:
    kind, ctx, loc = err["type"], err.get("ctx") or {}, err["loc"]
    if kind == "extra_forbidden":
        known = known_keys(model) if model else []
        name = str(loc[-1])
        near = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f"是否想写“{near[0]}”？" if near else None
        allowed = "可用：" + "、".join(known) if known else None
        return f"不认识的项“{name}”", "；".join(h for h in (hint, allowed) if h) or None
    if kind == "literal_error":
        return f"应为{_choices(ctx.get('expected', ''))}之一，现为“{_shown(err.get('input'))}”", None
    if kind.startswith("dossier") or kind == "value_error":
        text = err["msg"]
        return (text[len("Value error, "):] if text.startswith("Value error, ") else text), None
    template = _MESSAGES.get(kind)
    if template is None:
        return f"内容不符合要求（{kind}）", None
    text = template.format(**ctx)
    if kind != "missing" and "input" in err and not isinstance(err["input"], (dict, list)):
        text += f"，现为“{_shown(err['input'])}”"
    return text, None


def known_keys(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts, as users write them (the aliases)."""
    return [f.alias or name for name, f in model.model_fields.items()]


def _unwrap(annotation: Any) -> Any:
    """The type inside Annotated[…] and Optional[…] (of a union of several, the model if there is one)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the last key of `loc` (for the allowed keys of an unknown-key error)."""
    annotation: Any = root
    for key in loc[:-1]:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next((f for n, f in annotation.model_fields.items() if key in (n, f.alias)), None)
            if field is None:
                return None
            annotation = field.annotation
        elif typing.get_origin(annotation) in (list, tuple, dict):
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def problems(exc: ValidationError, doc: Located, root: type[BaseModel], base: tuple = (),
             label: str = "") -> list[Problem]:
    """pydantic's errors as Chinese Problems, each naming the file and the line of the key it is about.
    `base` is where the validated data sits in the file; `label` prefixes the dotted key in messages."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        model = model_at(root, loc) if err["type"] == "extra_forbidden" else None
        message, hint = _message(err, model)
        keys = [str(k) for k in loc if not isinstance(k, int)]
        where = ".".join(([label] if label else []) + keys)
        if err["type"] == "extra_forbidden":
            parent = ".".join(([label] if label else []) + keys[:-1])
            text = f"“{parent}”中{message}" if parent else message
        else:
            text = f"“{where}”{message}" if where else message
        out.append(Problem(text, file=doc.file, line=doc.line(*base, *loc), hint=hint))
    return out

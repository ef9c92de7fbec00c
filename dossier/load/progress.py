"""整改进展.yaml: what the project has done about the gaps, one entry per gap (or per 差异系数 plan):

    整改进展:
      - 指标: C6
        学校: 示例县第二小学          # 学校名称或学校代码；县级指标和差异系数不写
        学段: 小学                    # 可选；差异系数写学段
        措施: 新购置理化生实验仪器设备13.6万元
        完成日期: 2025-08-25
        完成情况: 已完成              # 已完成 / 整改中
        佐证文件: [20250825_教学仪器设备采购验收单.pdf]

Entries are typed and checked here (file and line for each problem); which gap an entry is about is decided by
`dossier.compute.rectify`, which knows the gaps.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, ValidationError

from dossier.config import schema
from dossier.config.schema import Date, Model, Text
from dossier.config.yamlio import Located
from dossier.core.errors import DossierError, Problem, ProblemList

DONE, DOING = "已完成", "整改中"


class EntrySpec(Model):
    code: Text = Field(alias="指标")
    school: Text = Field("", alias="学校")
    stage: Literal["", "小学", "初中"] = Field("", alias="学段")
    measure: Text = Field("", alias="措施")
    kind: Text = Field("", alias="措施类别")
    done: Date | None = Field(None, alias="完成日期")
    status: Literal["已完成", "整改中"] = Field(DONE, alias="完成情况")
    figures: Text = Field("", alias="成效")
    evidence: list[Text] = Field(default_factory=list, alias="佐证文件")


@dataclass
class Entry:
    code: str
    school: str
    stage: str
    measure: str
    kind: str
    done: dt.date | None
    status: str
    figures: str
    evidence: list[str] = field(default_factory=list)
    file: str = ""
    line: int | None = None

    @property
    def complete(self) -> bool:
        return self.status == DONE and self.done is not None

    def where(self) -> dict:
        return {"file": self.file, "line": self.line}


def read_progress(doc: Located, probs: ProblemList) -> list[Entry]:
    data = doc.data or {}
    rows = data.get("整改进展") if isinstance(data, dict) else data
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise DossierError(Problem("整改进展应为列表，每项写明 指标、学校、措施、完成日期、完成情况", file=doc.file, line=1))
    base = ("整改进展",) if isinstance(data, dict) else ()
    out = []
    for i, raw in enumerate(rows):
        try:
            spec = EntrySpec.model_validate(raw if isinstance(raw, dict) else {})
        except ValidationError as exc:
            probs.extend(schema.problems(exc, doc, EntrySpec, base=base + (i,), label=f"整改进展第{i + 1}项"))
            continue
        if spec.status == DONE and spec.done is None:
            probs.add(f"整改进展第{i + 1}项已完成，但没有写“完成日期”", file=doc.file, line=doc.line(*base, i))
        out.append(Entry(spec.code, spec.school, spec.stage, spec.measure, spec.kind, spec.done, spec.status,
                         spec.figures, list(spec.evidence), doc.file, doc.line(*base, i)))
    return out

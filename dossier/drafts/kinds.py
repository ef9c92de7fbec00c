"""The draft kinds: one `DraftKind` entry each, in the order `dossier draft 全部` writes them.

A kind says what the document is called (and, for a school, what it calls itself: a 自查报告), the aliases a
user may type, which dossier.yaml 日期 entry dates it (first found wins; the same date when the framework binds
the draft as evidence), its title, and whether it carries charts. Its content is its two templates,
`templates/docx/<name>.docx` and `templates/md/<name>.md.j2`. Adding a kind is one `register(DraftKind(…))`
plus those two templates (in the package, or in a project's own `templates/` folder).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dossier.core.errors import DossierError, Problem


@dataclass(frozen=True)
class DraftKind:
    name: str
    title: str                           # format string: {unit} {full} {framework} {kind} {label} {group}
    date_keys: tuple[str, ...]           # 日期 entries that date the document, first found wins
    aliases: tuple[str, ...] = ()
    school_label: str = ""               # what a school calls the document, if it differs
    charts: bool = False                 # charts of the per-school indicators (county projects)
    levels: tuple[str, ...] = ("county", "school")   # the projects that write it

    def label(self, level: str) -> str:
        """The kind as the document names itself: a school's 自评报告 is a 自查报告."""
        return self.school_label if level == "school" and self.school_label else self.name

    def date(self, project) -> dt.date | None:
        return project.first_date(self.date_keys)


KINDS: dict[str, DraftKind] = {}


def register(kind: DraftKind) -> DraftKind:
    KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    KINDS.pop(name, None)


register(DraftKind("实施方案", "{unit}推进义务教育{kind}发展工作实施方案", ("方案印发",), aliases=("方案",)))
register(DraftKind("自评报告", "{unit}义务教育{kind}发展{label}", ("自评报告", "自查报告"), aliases=("自查报告",),
                   school_label="自查报告", charts=True))
register(DraftKind("工作计划", "{unit}推进义务教育{kind}发展工作计划", ("工作计划", "方案印发"), aliases=("计划",)))
register(DraftKind("领导小组名单", "{group}成员名单", ("方案印发",), aliases=("名单", "领导小组")))
register(DraftKind("工作专班", "{unit}推进义务教育{kind}发展工作专班及职责分工", ("方案印发",), aliases=("专班",)))
register(DraftKind("汇报材料", "{unit}推进义务教育{kind}发展工作汇报", ("汇报", "汇报材料", "自评报告"), aliases=("汇报",)))
register(DraftKind("问题清单", "{unit}义务教育{kind}发展问题清单", ("问题清单", "自评报告"), aliases=("问题",)))
register(DraftKind("整改报告", "{unit}义务教育{kind}发展问题整改情况报告", ("整改报告", "整改完成", "汇报"),
                   aliases=("整改",)))
register(DraftKind("销号台账", "{unit}义务教育{kind}发展问题整改销号台账", ("销号台账", "整改报告", "整改完成", "汇报"),
                   aliases=("台账", "销号")))
register(DraftKind("教师情况统计表", "{unit}义务教育教师情况统计表", ("自评报告", "自查报告"),
                   aliases=("教师统计表", "花名册统计表")))
register(DraftKind("迎检实施方案", "{unit}迎接义务教育{kind}发展督导评估工作方案", ("迎检方案", "整改报告", "自评报告"),
                   aliases=("迎检方案", "迎检")))
register(DraftKind("动员讲话", "在{unit}推进义务教育{kind}发展工作动员会上的讲话", ("动员会", "方案印发"),
                   aliases=("讲话", "动员会讲话"), levels=("county",)))
register(DraftKind("学校简介", "{unit}简介", ("学校简介", "汇报", "自评报告"), aliases=("简介",), levels=("school",)))
register(DraftKind("申请评估的请示", "{full}关于申请{framework}的请示", ("申请评估", "请示", "自评报告"),
                   aliases=("请示", "申请评估"), levels=("county",)))


def names() -> list[str]:
    return list(KINDS)


def for_level(level: str) -> list[DraftKind]:
    """The kinds a county (or a school) project writes, in order."""
    return [k for k in KINDS.values() if level in k.levels]


def get(name: str) -> DraftKind:
    """The kind a user names (by name or alias); a Problem listing the kinds otherwise."""
    text = str(name).strip()
    if text in KINDS:
        return KINDS[text]
    for kind in KINDS.values():
        if text in kind.aliases:
            return kind
    shown = [k.name + (f"（学校为{k.school_label}）" if k.school_label else "") for k in KINDS.values()]
    raise DossierError(Problem(f"未知的文稿种类“{name}”", hint="可用：" + "、".join(shown)))


def framework_word(framework) -> str:
    """优质均衡 or 基本均衡, as the titles say it: from the framework's kind, else its title."""
    kind = framework.kind or ""
    if kind.endswith("均衡"):
        return kind
    for word in ("优质均衡", "基本均衡"):
        if word in (framework.title or ""):
            return word
    return "优质均衡"


def file_stem(ctx, kind: DraftKind) -> str:
    """`<单位简称>义务教育<优质均衡>发展<文种>`, e.g. 示例县义务教育优质均衡发展自评报告."""
    return f"{ctx.project.short_name}义务教育{framework_word(ctx.framework)}发展{kind.label(ctx.project.level)}"


def file_name(ctx, kind: DraftKind, fmt: str) -> str:
    return f"{file_stem(ctx, kind)}.{fmt}"

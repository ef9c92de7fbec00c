"""Readable terminal output of an evaluation (`dossier check`) and of a framework tree."""
from __future__ import annotations

from dossier.config.framework import Framework, Node
from dossier.core.zh import cut, date_cn, fmt_num, num, pad, width
from dossier.compute.model import STATUS_MET, STATUS_MISSED, STATUS_MISSING, STATUS_NA, STATUS_PARTLY

MARKS = {STATUS_MET: "✓", STATUS_MISSED: "✗", STATUS_PARTLY: "△", STATUS_MISSING: "?", STATUS_NA: "-"}


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    widths = [max([width(h)] + [width(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    line = "  ".join(pad(h, widths[i]) for i, h in enumerate(headers))
    rule = "  ".join("─" * w for w in widths)
    body = ["  ".join(pad(str(c), widths[i], i in right) for i, c in enumerate(r)) for r in rows]
    return "\n".join([line, rule] + body)


def mark(status: str, kind: str) -> str:
    if kind == "self" and status in (STATUS_MET, STATUS_PARTLY, STATUS_MISSED):
        return f"自评{MARKS[status]}"
    return MARKS.get(status, "?")


def render_text(ctx) -> str:
    """The report `dossier check` prints: results by area, the schools, 差异系数 and its plan, vetoes, missing
    data and the gap list."""
    out: list[str] = []
    for section in (_header, _areas, _schools, _cv, _cv_plans, _vetoes, _missing, _data_warnings, _gaps):
        out += section(ctx)
    return "\n".join(out) + "\n"


def _header(ctx) -> list[str]:
    ev, fw, project = ctx.evaluation, ctx.framework, ctx.project
    level = "县级" if project.level == "county" else "学校"
    out = [f"■ {ev.unit}（{level}项目）  框架：{fw.title}（{fw.id}）  学校{len(ctx.facts.schools)}所"]
    if ctx.facts.table_file:
        out.append(f"  数据：{ctx.facts.table_file}")
    counts: dict[str, int] = {}
    for ind in ev.indicators:
        counts[ind.status] = counts.get(ind.status, 0) + 1
    return out + ["  " + "，".join(f"{k}{v}项" for k, v in counts.items()), ""]


def _areas(ctx) -> list[str]:
    out = []
    for area in ctx.framework.areas:
        codes = {n.code for n in _leaves(area)}
        rows = [[ind.code, mark(ind.status, ind.kind), cut(ind.title, 22), cut(ind.value, 34), cut(ind.threshold, 26)]
                for ind in ctx.evaluation.indicators if ind.code in codes and ind.status != STATUS_NA]
        if rows:
            out += [f"【{area.code} {area.title}】", table(["指标", "结果", "名称", "现状", "要求"], rows), ""]
    return out


def _schools(ctx) -> list[str]:
    ev, fw = ctx.evaluation, ctx.framework
    rule, codes = fw.settings.school_rule, fw.rule_codes
    if not (ev.schools and codes):
        return []
    extra = [c for c in ("C10", "C11", "C12", "C19") if any(c in r.indicators for r in ev.schools)]
    out = ["【逐校达标情况】（✓ 达到，✗ 未达到，? 未填报；规则：至少%d项达到、其余不低于%d%%）"
           % (int(rule.min_met if rule.min_met is not None else len(codes)),
              round(100 * (1.0 if rule.floor_ratio is None else rule.floor_ratio)))]
    rows = []
    for r in ev.schools:
        cells = []
        for c in codes + extra:
            v = r.indicators.get(c)
            cells.append("?" if v is None or v.met is None else ("✓" if v.met else "✗"))
        verdict = {True: "达标", False: "未达标", None: "待补数据"}[r.passed]
        rows.append([cut(r.name, 18), r.stage] + cells + [f"{r.met_count}/{len(codes)}", verdict])
    return out + [table(["学校", "学段"] + codes + extra + ["达到", "结论"], rows), ""]


def _cv(ctx) -> list[str]:
    ev = ctx.evaluation
    if not ev.cv:
        return []
    codes_cv = list(next(iter(ev.cv.values())).keys())
    rows = []
    for stage in ev.cv:
        row = [stage]
        for c in codes_cv:
            cv = ev.cv[stage].get(c)
            row.append("—" if cv is None or cv.cv is None else f"{cv.cv:.3f}{'' if cv.met else '✗'}")
        rows.append(row + [f"{ev.cv_limit.get(stage, 0):.2f}"])
    return ["【差异系数】", table(["学段"] + codes_cv + ["上限"], rows), ""]


def _cv_plans(ctx) -> list[str]:
    plans = ctx.evaluation.cv_plans
    if not plans:
        return []
    out = ["【差异系数整改测算】（把低于同一水平的学校补到该水平，是使差异系数降到上限以内花费最少的办法）"]
    for p in plans:
        out.append(f"  {p.stage} {p.code} {p.title}：差异系数{p.cv_before:.3f}，上限{p.limit:.2f}；把{len(p.schools)}所"
                   f"学校补到{num(p.floor)}{p.value_unit}，合计增加{fmt_num(p.total, p.decimals)}{p.unit}，"
                   f"补足后差异系数{p.cv_after:.3f}")
        for s in p.schools:
            whole = f"（按共用资源拆分，全校需增加{fmt_num(s.whole, p.decimals)}{p.unit}）" if s.whole is not None else ""
            out.append(f"    {s.name}：{num(s.value)}{p.value_unit}，增加{fmt_num(s.add, p.decimals)}{p.unit}{whole}")
    return out + [""]


def _vetoes(ctx) -> list[str]:
    vetoes = ctx.evaluation.vetoes
    if not vetoes:
        return []
    bad = [v for v in vetoes if v["met"] is False]
    unknown = [v for v in vetoes if v["met"] is None]
    text = "无否决情形" if not bad and not unknown else ""
    if bad:
        text = "存在否决情形：" + "、".join(v["title"] for v in bad)
    if unknown:
        text += ("；" if text else "") + "未声明：" + "、".join(v["title"] for v in unknown)
    return [f"【一票否决】{text}", ""]


def _missing(ctx) -> list[str]:
    missing = [i for i in ctx.evaluation.indicators if i.status == STATUS_MISSING]
    if not missing:
        return []
    return [f"【待补数据】共{len(missing)}项"] + [f"  {i.code} {i.title}：{i.basis}" for i in missing] + [""]


def _data_warnings(ctx) -> list[str]:
    """What the loaders found worth a look (figures that disagree or jump between years): never an error."""
    warnings = ctx.facts.warnings
    if not warnings:
        return []
    return [f"【数据提示】共{len(warnings)}处（不影响计算，请核对）"] + [f"  {i}. {p}" for i, p in enumerate(warnings, 1)] + [""]


def _gaps(ctx) -> list[str]:
    gaps, rect = ctx.evaluation.gaps, ctx.rectification
    sched = rect.schedule
    head = f"【问题清单】共{len(gaps)}项"
    if gaps:
        head += (f"（整改时限按措施类别推算：整改提升自{sched.fix_start.year}年{sched.fix_start.month}月起"
                 + (f"，预计评估日期{date_cn(sched.inspection)}" if sched.inspection else "") + "）")
    out = [head]
    for i, s in enumerate(rect.states, 1):
        g, m = s.gap, s.measure
        who = g.school + (f"（{g.stage}）" if g.stage else "")
        closed = s.closed_on()
        state = f"已销号（{date_cn(closed)}）" if closed else s.status()
        out.append(f"  {i}. {g.code} {who}：{g.text}［{m.kind}，{date_cn(m.due)}前；{state}］")
    return out + _risks(ctx)


def _risks(ctx) -> list[str]:
    """Measures due after the planned inspection, for the gaps not yet closed."""
    rect = ctx.rectification
    codes = list(dict.fromkeys(s.gap.code for s in rect.states if s.measure.risk and s.closed_on() is None))
    if not codes:
        return []
    index = ctx.framework.index()
    out = ["", f"【整改风险】{len(codes)}项指标的整改时限晚于预计评估日期（{date_cn(rect.schedule.inspection)}）："]
    for code in codes:
        m = rect.measures[code]
        out.append(f"  {code} {index[code].title}（{m.kind}，{date_cn(m.due)}前）：预计评估前不能完成，需{m.bridge}")
    return out


def _leaves(node: Node) -> list[Node]:
    if node.is_leaf:
        return [node]
    return [leaf for child in node.children for leaf in _leaves(child)]


def framework_tree(fw: Framework) -> str:
    lines = [f"{fw.title}（{fw.id}）", f"依据：{fw.basis}" if fw.basis else ""]
    lines = [l for l in lines if l]

    def walk(node: Node, depth: int) -> None:
        prefix = "  " * depth
        if node.is_leaf:
            how = {"ratio": "逐校计算", "cv": "差异系数", "rooms_per_classes": "逐校计算", "enrolment_max": "逐校计算",
                   "column_max": "逐校计算", "share": "逐校计算", "facts": "县级数据", "self": "自评",
                   "survey": "满意度调查"}.get(node.type, node.type)
            lines.append(f"{prefix}{node.code} {node.title}  [{how}]")
            if node.standard:
                lines.append(f"{prefix}    标准：{node.standard}")
            if node.evidence:
                lines.append(f"{prefix}    佐证：" + "；".join(node.evidence))
        else:
            lines.append(f"{prefix}{node.code} {node.title}")
        for child in node.children:
            walk(child, depth + 1)

    for area in fw.areas:
        walk(area, 0)
    limits = fw.cv_limit
    if limits:
        lines.append("差异系数上限：" + "，".join(f"{k}{v:.2f}" for k, v in limits.items()))
    if fw.vetoes:
        lines.append("一票否决：" + "；".join(v.title for v in fw.vetoes))
    return "\n".join(lines)


def render_coverage(rows, problems) -> str:
    """【佐证材料】: per leaf, documents found against the evidence items the framework expects."""
    if not rows:
        return ""
    out = ["【佐证材料覆盖情况】（应备材料取自指标体系；题名含其关键词即视为已有）"]
    table_rows = []
    for r in rows:
        missing = "；".join(r.missing)
        table_rows.append([r.code, cut(r.title, 20), str(r.documents), f"{r.found}/{len(r.items)}", r.status,
                           cut(missing, 40)])
    out.append(table(["指标", "名称", "件数", "应备", "情况", "缺少"], table_rows, right={2}))
    if problems:
        out.append("")
        out.append(f"【佐证材料问题】共{len(problems)}处（dossier build 会因此停止；加 --keep-going 则记入备考表后继续）")
        out += [f"  {i}. {p}" for i, p in enumerate(problems, 1)]
    return "\n".join(out) + "\n"

"""Readable terminal output of an evaluation (`dossier check`) and of a framework tree."""
from __future__ import annotations

from dossier.config.framework import Framework, Node
from dossier.core.zh import cut, num, pad, width
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
    ev, fw, project = ctx.evaluation, ctx.framework, ctx.project
    out = []
    level = "县级" if project.level == "county" else "学校"
    out.append(f"■ {ev.unit}（{level}项目）  框架：{fw.title}（{fw.id}）  学校{len(ctx.facts.schools)}所")
    if ctx.facts.table_file:
        out.append(f"  数据：{ctx.facts.table_file}")
    counts = {}
    for ind in ev.indicators:
        counts[ind.status] = counts.get(ind.status, 0) + 1
    out.append("  " + "，".join(f"{k}{v}项" for k, v in counts.items()))
    out.append("")
    scored = ev.score is not None
    for area, heading in _groups(fw):
        rows = []
        codes = {n.code for n in _leaves(area)}
        for ind in ev.indicators:
            if ind.code in codes and ind.status != STATUS_NA:
                row = [ind.code, mark(ind.status, ind.kind), cut(ind.title, 22), cut(ind.value, 34),
                       cut(ind.threshold, 26)]
                if scored:
                    row.append(f"{num(ind.points)}/{num(ind.max_points)}")
                rows.append(row)
        if rows:
            out.append(heading)
            out.append(table(["指标", "结果", "名称", "现状", "要求"] + (["得分"] if scored else []), rows,
                             right={5} if scored else frozenset()))
            out.append("")
    if scored:
        out += score_lines(ev.score)
    rule = fw.settings.school_rule
    codes = fw.rule_codes
    extra = [c for c in matrix_codes(fw) if any(c in r.indicators for r in ev.schools)]
    if ev.schools and codes:
        out.append("【逐校达标情况】（✓ 达到，✗ 未达到，? 未填报；规则：至少%d项达到、其余不低于%d%%）"
                   % (int(rule.min_met if rule.min_met is not None else len(codes)),
                      round(100 * (1.0 if rule.floor_ratio is None else rule.floor_ratio))))
        rows = []
        for r in ev.schools:
            cells = []
            for c in codes + extra:
                v = r.indicators.get(c)
                cells.append("?" if v is None or v.met is None else ("✓" if v.met else "✗"))
            verdict = {True: "达标", False: "未达标", None: "待补数据"}[r.passed]
            rows.append([cut(r.name, 18), r.stage] + cells + [f"{r.met_count}/{len(codes)}", verdict])
        out.append(table(["学校", "学段"] + codes + extra + ["达到", "结论"], rows))
        out.append("")
    if ev.cv:
        out.append("【差异系数】")
        stages = list(ev.cv)
        codes_cv = list(next(iter(ev.cv.values())).keys())
        rows = []
        for stage in stages:
            row = [stage]
            for c in codes_cv:
                cv = ev.cv[stage].get(c)
                row.append("—" if cv is None or cv.cv is None else f"{cv.cv:.3f}{'' if cv.met else '✗'}")
            row.append(f"{ev.cv_limit.get(stage, 0):.2f}")
            rows.append(row)
        out.append(table(["学段"] + codes_cv + ["上限"], rows))
        out.append("")
    if ev.vetoes:
        bad = [v for v in ev.vetoes if v["met"] is False]
        unknown = [v for v in ev.vetoes if v["met"] is None]
        text = "无否决情形" if not bad and not unknown else ""
        if bad:
            text = "存在否决情形：" + "、".join(v["title"] for v in bad)
        if unknown:
            text += ("；" if text else "") + "未声明：" + "、".join(v["title"] for v in unknown)
        out.append(f"【一票否决】{text}")
        out.append("")
    missing = [i for i in ev.indicators if i.status == STATUS_MISSING]
    if missing:
        out.append(f"【待补数据】共{len(missing)}项")
        out += [f"  {i.code} {i.title}：{i.basis}" for i in missing]
        out.append("")
    out.append(f"【问题清单】共{len(ev.gaps)}项")
    for i, g in enumerate(ev.gaps, 1):
        who = g.school + (f"（{g.stage}）" if g.stage else "")
        out.append(f"  {i}. {g.code} {who}：{g.text}")
    return "\n".join(out) + "\n"


def _groups(fw: Framework) -> list[tuple[Node, str]]:
    """The check tables: one per area (A → C), or one per B under its area (A → B → C)."""
    out = []
    for area in fw.areas:
        if any(not child.is_leaf for child in area.children):
            for child in area.children:
                out.append((child, f"【{area.code} {area.title} ▸ {child.code} {child.title}】"))
        else:
            out.append((area, f"【{area.code} {area.title}】"))
    return out


def matrix_codes(fw: Framework) -> list[str]:
    """The per-school indicators outside the school rule that the per-school matrix shows: settings.matrix,
    else every leaf valued per school that is not in the rule."""
    if fw.settings.matrix is not None:
        return list(fw.settings.matrix)
    per_school = {"ratio", "rooms_per_classes", "enrolment_max", "column_max", "share", "formula"}
    rule = set(fw.rule_codes)
    return [n.code for n in fw.leaves() if n.type in per_school and n.scope != "county" and n.code not in rule]


def score_lines(sc: dict) -> list[str]:
    """【得分】: the total and grade, then each area and its B indicators with score and maximum."""
    vetoed = f"（一票否决：{'、'.join(sc['vetoed'])}）" if sc.get("vetoed") else ""
    out = [f"【得分】总分{num(sc['total'])}分（满分{num(sc['max'])}分），评定：{sc['grade']}{vetoed}"]
    rows = []
    for area in sc["areas"]:
        rows.append([area["code"], cut(area["title"], 26), num(area["score"]), num(area["max"])])
        for child in area.get("children", []):
            if "children" in child:
                rows.append(["  " + child["code"], "  " + cut(child["title"], 24), num(child["score"]), num(child["max"])])
    out.append(table(["指标", "名称", "得分", "满分"], rows, right={2, 3}))
    out.append("")
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


def render_coverage(rows, problems, warnings=()) -> str:
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
    if warnings:
        out.append("")
        out.append(f"【佐证材料提示】共{len(warnings)}处（不影响构建，请核对）")
        out += [f"  {i}. {p}" for i, p in enumerate(warnings, 1)]
    return "\n".join(out) + "\n"

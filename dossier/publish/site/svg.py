"""Bar charts as inline SVG: every school's value of one school-level indicator in one 学段 against its threshold
line. Drawn as text, with fixed geometry and number formats, so the same evaluation gives the same bytes; no
script, font or image file is needed to show them (the offline site and the web app both use them)."""
from __future__ import annotations

from html import escape

from dossier.core.zh import fmt_auto

COLOR_MET = "#2F5597"
COLOR_MISSED = "#C00000"
COLOR_NONE = "#A6A6A6"


def bar_chart(title: str, rows: list[tuple[str, float | None, bool | None]], threshold: float | None,
              unit: str = "") -> str:
    """Horizontal bars, one per (school name, value, met); the threshold as a dashed line. A '' for no rows."""
    if not rows:
        return ""
    bar_h, gap, left, right, top = 16, 6, 150, 70, 28
    width = 640
    plot_w = width - left - right
    values = [v for _, v, _ in rows if v is not None] + ([threshold] if threshold else [])
    top_value = max(values) if values else 1.0
    top_value = top_value * 1.1 if top_value > 0 else 1.0
    height = top + len(rows) * (bar_h + gap) + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
           f'<text x="{left}" y="16" class="chart-title">{escape(title)}</text>']
    for i, (name, value, met) in enumerate(rows):
        y = top + i * (bar_h + gap)
        colour = COLOR_NONE if met is None else (COLOR_MET if met else COLOR_MISSED)
        w = 0 if value is None else round(plot_w * max(value, 0) / top_value, 1)
        label = "未填报" if value is None else fmt_auto(value)
        out.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end" class="chart-label">{escape(name)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}"/>')
        out.append(f'<text x="{left + w + 4}" y="{y + 12}" class="chart-value">{escape(label)}</text>')
    if threshold:
        x = round(left + plot_w * threshold / top_value, 1)
        bottom = top + len(rows) * (bar_h + gap)
        out.append(f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{bottom}" stroke="{COLOR_MISSED}" '
                   f'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x}" y="{bottom + 16}" text-anchor="middle" class="chart-value">'
                   f'标准 {escape(fmt_auto(threshold))}{escape(unit)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def progress_bar(done: float, total: float, label: str = "") -> str:
    """A small horizontal bar (done of total) as SVG, with its percentage; used for coverage."""
    share = 0.0 if not total else max(0.0, min(1.0, done / total))
    w = round(160 * share, 1)
    colour = COLOR_MET if share >= 1 else ("#E69F00" if share > 0 else COLOR_NONE)
    text = escape(label or f"{round(share * 100)}%")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="bar" viewBox="0 0 220 14" width="220" height="14">'
            f'<rect x="0" y="2" width="160" height="10" fill="#E7E6E6"/>'
            f'<rect x="0" y="2" width="{w}" height="10" fill="{colour}"/>'
            f'<text x="166" y="11" class="bar-label">{text}</text></svg>')

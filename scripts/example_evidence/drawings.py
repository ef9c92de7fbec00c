"""Drawings inside the PDFs: floor plans, sports grounds, the county map, the 学区 map and bar charts.

Each function draws on a reportlab canvas ``c`` in a box ``w`` × ``h`` (the ``pdf.Drawn`` flowable
calls it); the labels, legends and captions come from ``data/drawings.yaml``.
"""
from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from .common import School, fmt, rng_for, texts
from .pdf import BLACK, HEI, TEXT

D = texts("drawings")


def _dimension_lines(c, x0, y0, bw, bh, t: dict) -> None:
    c.setLineWidth(0.5)
    c.line(x0, y0 - 14, x0 + bw, y0 - 14)
    for xx in (x0, x0 + bw):
        c.line(xx, y0 - 18, xx, y0 - 10)
    c.drawCentredString(x0 + bw / 2, y0 - 24, t["length"])
    c.line(x0 + bw + 8, y0, x0 + bw + 8, y0 + bh)
    c.saveState()
    c.translate(x0 + bw + 16, y0 + bh / 2)
    c.rotate(90)
    c.drawCentredString(0, 0, t["depth"])
    c.restoreState()


def floor_plan(c, w, h, label: str, seed: str) -> None:
    """A simple school building floor plan with rooms, corridor and dimensions."""
    t = D["平面图"]
    r = rng_for("plan", seed)
    c.saveState()
    c.setStrokeColor(BLACK)
    x0, y0, bw, bh = 14, 46, w - 40, h - 86
    c.setLineWidth(2.2)
    c.rect(x0, y0, bw, bh)
    corridor_y = y0 + bh * 0.38
    c.setLineWidth(1.2)
    c.line(x0, corridor_y, x0 + bw, corridor_y)
    c.line(x0, corridor_y - 22, x0 + bw, corridor_y - 22)
    rooms_top, rooms_bot = t["走廊北侧"], t["走廊南侧"]
    widths = [r.uniform(0.9, 1.3) for _ in rooms_top]
    sw = sum(widths)
    x = x0
    c.setFont(TEXT, 8.5)
    for nm, wd in zip(rooms_top, widths):
        ww = bw * wd / sw
        c.line(x, corridor_y, x, y0 + bh)
        c.drawCentredString(x + ww / 2, corridor_y + (y0 + bh - corridor_y) / 2 + 4, nm)
        area = (ww / bw) * 64.8 * 9.6
        c.drawCentredString(x + ww / 2, corridor_y + (y0 + bh - corridor_y) / 2 - 9, t["room_area"].format(area=area))
        c.arc(x + ww - 16, corridor_y - 8, x + ww, corridor_y + 8, 0, 90)      # door
        x += ww
    widths = [r.uniform(0.9, 1.4) for _ in rooms_bot]
    sw = sum(widths)
    x = x0
    for nm, wd in zip(rooms_bot, widths):
        ww = bw * wd / sw
        c.line(x, y0, x, corridor_y - 22)
        c.drawCentredString(x + ww / 2, y0 + (corridor_y - 22 - y0) / 2, nm)
        x += ww
    c.drawCentredString(x0 + bw / 2, corridor_y - 14, t["corridor"])
    _dimension_lines(c, x0, y0, bw, bh, t)
    c.setFont(HEI, 12)
    c.drawCentredString(w / 2, h - 22, label)
    c.setFont(TEXT, 8.5)
    c.drawString(x0, 6, t["footer"])
    _north_arrow(c, w, h, t["north"])
    c.restoreState()


def _north_arrow(c, w, h, label: str) -> None:
    c.line(w - 30, h - 40, w - 30, h - 18)
    c.line(w - 30, h - 18, w - 34, h - 26)
    c.line(w - 30, h - 18, w - 26, h - 26)
    c.drawCentredString(w - 30, h - 50, label)


def track_plan(c, w, h, s: School) -> None:
    """A school's sports ground: track around a pitch, courts beside it."""
    t = D["运动场平面图"]
    c.saveState()
    x0, y0 = 30, 40
    tw, th = w - 120, h - 90
    c.setLineWidth(1.4)
    rr = th / 2
    pth = c.beginPath()
    pth.roundRect(x0, y0, tw, th, rr)
    c.setFillColor(colors.Color(0.93, 0.84, 0.80))
    c.drawPath(pth, stroke=1, fill=1)
    c.setFillColor(colors.Color(0.85, 0.93, 0.84))
    pth = c.beginPath()
    pth.roundRect(x0 + 18, y0 + 18, tw - 36, th - 36, rr - 18)
    c.drawPath(pth, stroke=1, fill=1)
    c.setFillColor(BLACK)
    c.setFont(TEXT, 9)
    c.drawCentredString(x0 + tw / 2, y0 + th / 2 + 4, t["pitch"])
    c.drawCentredString(x0 + tw / 2, y0 + th / 2 - 10, t["pitch_size"])
    c.drawCentredString(x0 + tw / 2, y0 + 6, t["track"])
    bx = x0 + tw + 14
    for i, nm in enumerate(t["courts"]):
        c.rect(bx, y0 + i * (th / 3), 62, th / 3 - 8)
        c.drawCentredString(bx + 31, y0 + i * (th / 3) + th / 6 - 6, nm)
    c.setFont(HEI, 12)
    c.drawCentredString(w / 2, h - 22, t["title"].format(school=s.name))
    c.setFont(TEXT, 8.5)
    c.drawString(x0, 12, t["footer"].format(area=fmt(s.n("体育运动场馆面积"), 0)))
    c.restoreState()


# ---------------------------------------------------------------------------------------------
# C8: the county map
# ---------------------------------------------------------------------------------------------

KIND_COLOURS = {"小学": colors.Color(0.1, 0.5, 0.1), "教学点": colors.Color(0.4, 0.7, 0.3),
                "初中": colors.Color(0.1, 0.3, 0.8), "九年一贯制学校": colors.Color(0.8, 0.4, 0.0),
                "完全中学": colors.Color(0.6, 0.1, 0.6)}
BORDER = colors.Color(0.5, 0.2, 0.5)
RIVER = colors.Color(0.35, 0.6, 0.9)
# one colour per legend entry of drawings.yaml, in its order
LEGEND_COLOURS = [KIND_COLOURS["小学"], KIND_COLOURS["教学点"], KIND_COLOURS["初中"], KIND_COLOURS["九年一贯制学校"],
                  KIND_COLOURS["完全中学"], BORDER, RIVER]


def _map_outline(c, w, h, cx, cy) -> None:
    r = rng_for("map")
    pts = []
    for i in range(36):
        a = 2 * math.pi * i / 36
        rad = min(w * 0.38, h * 0.46) * (0.82 + 0.18 * math.sin(3 * a + 0.7) + 0.06 * r.uniform(-1, 1))
        pts.append((cx + rad * math.cos(a) * 1.18, cy + rad * math.sin(a)))
    pth = c.beginPath()
    pth.moveTo(*pts[0])
    for q in pts[1:]:
        pth.lineTo(*q)
    pth.close()
    c.setFillColor(colors.Color(0.96, 0.95, 0.88))
    c.setStrokeColor(BORDER)
    c.setDash(6, 3)
    c.setLineWidth(1.6)
    c.drawPath(pth, stroke=1, fill=1)
    c.setDash()
    c.setStrokeColor(RIVER)
    c.setLineWidth(2.2)
    pth = c.beginPath()
    pth.moveTo(cx - w * 0.42, cy + 40)
    pth.curveTo(cx - 120, cy + 110, cx + 20, cy - 60, cx + w * 0.45, cy - 20)
    c.drawPath(pth, stroke=1, fill=0)


def _triangle(c, *pts) -> None:
    pth = c.beginPath()
    pth.moveTo(*pts[0])
    for q in pts[1:]:
        pth.lineTo(*q)
    pth.close()
    c.drawPath(pth, stroke=0, fill=1)


def _map_schools(c, schools: list[School], towns: dict, county_town: str) -> None:
    placed: dict = {}
    for s in schools:
        town = next((t for t in towns if t[:2] in s.name), county_town)
        x, y = towns[town]
        k = placed.get(town, 0)
        placed[town] = k + 1
        ang = k * 2.4
        x, y = x + 22 * math.cos(ang) * (1 + k * 0.25), y + 18 * math.sin(ang) * (1 + k * 0.25) - 6
        c.setFillColor(KIND_COLOURS.get(s.kind, BLACK))
        if s.kind in ("小学", "教学点"):
            c.circle(x, y, 3.6 if s.kind == "小学" else 2.6, stroke=0, fill=1)
        elif s.kind == "初中":
            c.rect(x - 3.5, y - 3.5, 7, 7, stroke=0, fill=1)
        else:
            _triangle(c, (x, y + 5), (x - 4.5, y - 3.5), (x + 4.5, y - 3.5))


def _map_legend(c, w, h, t: dict) -> None:
    lx, ly = w - 150, h - 40
    c.setFillColor(BLACK)
    c.setFont(HEI, 10)
    c.drawString(lx, ly, t["legend_title"])
    c.setFont(TEXT, 9)
    for i, ((nm, shp), col) in enumerate(zip(t["legend"], LEGEND_COLOURS)):
        y = ly - 18 - i * 16
        c.setFillColor(col)
        c.setStrokeColor(col)
        if shp == "c":
            c.circle(lx + 6, y + 3, 3.5, stroke=0, fill=1)
        elif shp == "s":
            c.rect(lx + 2.5, y - 0.5, 7, 7, stroke=0, fill=1)
        elif shp == "t":
            _triangle(c, (lx + 6, y + 8), (lx + 1.5, y - 1), (lx + 10.5, y - 1))
        else:
            c.setLineWidth(1.6)
            c.line(lx, y + 3, lx + 14, y + 3)
        c.setFillColor(BLACK)
        c.drawString(lx + 20, y, nm)


def county_map(c, w, h, schools: list[School]) -> None:
    """A schematic map of the county: outline, towns, rivers, school markers, legend."""
    t = D["学校分布图"]
    c.saveState()
    cx, cy = w * 0.42, h * 0.5
    _map_outline(c, w, h, cx, cy)
    towns = {nm: (cx + dx, cy + dy) for nm, (dx, dy) in t["towns"].items()}
    c.setFillColor(BLACK)
    for nm, (x, y) in towns.items():
        c.setFont(HEI, 10 if "县城" in nm else 9)
        c.drawString(x + 8, y + 12, nm)
    _map_schools(c, schools, towns, t["county_town"])
    _map_legend(c, w, h, t)
    c.setFont(TEXT, 8)
    c.drawString(20, 10, t["note"])
    c.setStrokeColor(BLACK)
    c.setFillColor(BLACK)
    c.setLineWidth(1)
    c.line(40, h - 70, 40, h - 30)
    c.line(40, h - 30, 34, h - 44)
    c.line(40, h - 30, 46, h - 44)
    c.drawCentredString(40, h - 82, t["north"])
    c.restoreState()


# ---------------------------------------------------------------------------------------------
# C10 专用教室, C20 学区
# ---------------------------------------------------------------------------------------------

def room_plan(c, w, h, floor: dict) -> None:
    """One floor with its music and art rooms and their furniture."""
    t = D["专用教室平面图"]
    c.saveState()
    c.setFont(HEI, 12)
    c.drawCentredString(w / 2, h - 16, floor["title"])
    x = 20
    for nm, ww, dd, items in floor["rooms"]:
        sc = 2.9
        c.setLineWidth(2)
        c.rect(x, 40, ww * sc * 10, dd * sc * 10)
        c.setLineWidth(0.6)
        c.setFont(TEXT, 9)
        c.drawCentredString(x + ww * sc * 5, 40 + dd * sc * 10 + 8, t["room"].format(name=nm, w=ww, d=dd, area=ww * dd))
        for k, it in enumerate(items):
            c.rect(x + 10 + (k % 3) * ww * sc * 3.2, 60 + (k // 3) * 40, ww * sc * 2.6, 26)
            c.drawCentredString(x + 10 + (k % 3) * ww * sc * 3.2 + ww * sc * 1.3, 70 + (k // 3) * 40, it)
        x += ww * sc * 10 + 24
    c.setFont(TEXT, 8.5)
    c.drawString(20, 14, t["footer"])
    c.restoreState()


ZONE_PALETTE = [colors.Color(0.98, 0.9, 0.85), colors.Color(0.88, 0.93, 0.98), colors.Color(0.9, 0.97, 0.88),
                colors.Color(0.97, 0.95, 0.82), colors.Color(0.93, 0.88, 0.97), colors.Color(0.88, 0.97, 0.96)]


def _zone_streets(c, xs, ys, t: dict) -> None:
    c.setStrokeColor(colors.Color(0.55, 0.55, 0.55))
    c.setLineWidth(5)
    for x in xs[1:-1]:
        c.line(x, ys[0], x, ys[-1])
    for y in ys[1:-1]:
        c.line(xs[0], y, xs[-1], y)
    c.setFillColor(BLACK)
    c.setFont(TEXT, 8)
    for n_, x in zip(t["avenues"], xs[1:-1]):
        c.saveState()
        c.translate(x - 3, ys[-1] - 40)
        c.rotate(90)
        c.drawString(0, 0, n_)
        c.restoreState()
    for n_, y in zip(t["streets"], ys[1:-1]):
        c.drawString(xs[0] + 6, y + 4, n_)


def zone_map(c, w, h, urban: list[School]) -> None:
    """The town's primary-school 学区 as coloured blocks between streets."""
    t = D["学区图"]
    c.saveState()
    xs = [20, 120, 230, 330, w - 20]
    ys = [20, 110, 200, h - 30]
    k = 0
    prim = [s for s in urban if s.kind == "小学" or s.kind == "九年一贯制学校"]
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            c.setFillColor(ZONE_PALETTE[(i + j * 2) % len(ZONE_PALETTE)])
            c.rect(xs[i], ys[j], xs[i + 1] - xs[i], ys[j + 1] - ys[j], stroke=0, fill=1)
    _zone_streets(c, xs, ys, t)
    c.setFont(HEI, 9)
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            if k < len(prim):
                s = prim[k]
                c.drawCentredString((xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2, t["zone"].format(school=s.short))
                c.circle((xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2 - 12, 3, stroke=0, fill=1)
            k += 1
    c.setFont(TEXT, 8)
    c.drawString(20, 6, t["note"])
    c.setFont(HEI, 12)
    c.drawCentredString(w / 2, h - 16, t["title"])
    c.restoreState()


# ---------------------------------------------------------------------------------------------
# Bar charts (C30, C31, C32)
# ---------------------------------------------------------------------------------------------

def bar_chart(c, w, h, *, title: str, categories: list, series: list, fills: list, vrange: tuple,
              title_y: float = 18, legend: tuple | None = None) -> None:
    """A vertical bar chart; ``legend`` is (text, distance from the right edge, y, text anchor)."""
    dwg = Drawing(w, h)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 50, 40, w - 80, h - 80
    bc.data = series
    bc.categoryAxis.categoryNames = categories
    bc.categoryAxis.labels.fontName = TEXT
    bc.valueAxis.labels.fontName = TEXT
    bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = vrange
    for k, col in enumerate(fills):
        bc.bars[k].fillColor = col
    dwg.add(bc)
    dwg.add(String(w / 2, h - title_y, title, fontName=HEI, fontSize=11, textAnchor="middle"))
    if legend:
        text, dx, y, anchor = legend
        dwg.add(String(w - dx, y, text, fontName=TEXT, fontSize=9, textAnchor=anchor))
    dwg.drawOn(c, 0, 0)

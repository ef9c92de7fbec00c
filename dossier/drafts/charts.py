"""Bar charts for the county report: every school's value of one school-level indicator in one 学段, against the
threshold line.

Charts are drawn with matplotlib's Agg backend in a CJK font and saved as PNG with fixed size, dpi and no
software/date metadata, so the same evaluation always gives the same bytes. The figures are read from the
`Evaluation` (never recomputed).

Each chart is drawn once per build: a `ChartSpec` holds everything the picture depends on, its `key` is the
SHA-256 of that data (and of this module and matplotlib's version), and a `ChartBook` hands out the PNG of a key,
drawing it only when neither its memory nor its folder (the build cache's charts/) has it. Misses can be drawn
in worker processes (`ChartBook.prefetch`); the bytes do not depend on where a chart was drawn.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from dossier.core.fonts import matplotlib_font
from dossier.compute.model import Evaluation

WIDTH_IN = 6.3            # ≈ 16 cm: the 156 mm text width of a GB/T 9704 page
DPI = 150
COLOR_MET = "#2F5597"
COLOR_MISSED = "#C00000"
COLOR_NONE = "#A6A6A6"
COLOR_LINE = "#C00000"


@dataclass
class Chart:
    code: str
    title: str
    stage: str
    unit: str
    threshold: float | None
    path: Path
    caption: str
    n: int
    missed: int


@lru_cache(maxsize=1)
def _font_family() -> str | None:
    """Register the CJK font with matplotlib and return the family to use (the simplified-Chinese face of a
    collection when there is one)."""
    path = matplotlib_font()
    if path is None:
        return None
    from matplotlib import font_manager as fm
    fm.fontManager.addfont(path)
    names = [f.name for f in fm.fontManager.ttflist if str(f.fname) == str(path)]
    for pref in (" SC", "CN", "GB"):
        for name in names:
            if name.endswith(pref) or pref in name:
                return name
    return names[0] if names else None


def _plt():
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    family = _font_family()
    rc = {"font.size": 8, "axes.unicode_minus": False, "svg.hashsalt": "dossier", "path.simplify": True}
    if family:
        rc["font.family"] = [family]
    return plt, rc


def _fmt(x: float) -> str:
    if x is None:
        return ""
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.2f}"


def draw(title: str, stage: str, unit: str, threshold: float | None, rows: list[tuple[str, float | None, bool | None]],
         subtitle: str = "") -> bytes:
    """One horizontal bar chart: `rows` are (school, value, met); returns PNG bytes."""
    plt, rc = _plt()
    shown = [r for r in rows if r[1] is not None]
    shown.sort(key=lambda r: (r[1], r[0]))          # lowest at the bottom, highest on top
    n = max(len(shown), 1)
    height = 0.95 + 0.165 * n
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
        ys = list(range(len(shown)))
        values = [r[1] for r in shown]
        colors = [COLOR_MISSED if r[2] is False else COLOR_MET if r[2] else COLOR_NONE for r in shown]
        ax.barh(ys, values, color=colors, height=0.66, zorder=2)
        ax.set_yticks(ys)
        ax.set_yticklabels([r[0] for r in shown])
        ax.set_ylim(-0.6, len(shown) - 0.4)
        top = max(values + ([threshold] if threshold else []) + [0])
        ax.set_xlim(0, top * 1.16 if top > 0 else 1)
        for y, v in zip(ys, values):
            ax.text(v + top * 0.01, y, _fmt(v), va="center", ha="left", fontsize=7.5, zorder=5,
                    bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        if threshold is not None:
            ax.axvline(threshold, color=COLOR_LINE, linestyle="--", linewidth=1.2, zorder=3,
                       label=f"标准值 {_fmt(threshold)}")
            ax.legend(loc="lower right", fontsize=8, frameon=True, framealpha=0.9)
        ax.set_xlabel(unit)
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.6, zorder=0)
        ax.spines[["top", "right"]].set_visible(False)
        head = f"{title}（{stage}）"
        ax.set_title(head + (f"\n{subtitle}" if subtitle else ""), fontsize=10, loc="left")
        fig.tight_layout()
        # tight_layout leaves a placeholder layout engine, for which savefig would lay the figure out again in a
        # draw of its own (a third of the drawing time); the layout is done, so none is needed: same pixels
        fig.set_layout_engine(None)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        plt.close(fig)
    return buf.getvalue()


@dataclass(frozen=True)
class ChartSpec:
    """What one chart shows: its PNG depends on nothing else (besides this module and matplotlib)."""
    title: str
    stage: str
    unit: str
    threshold: float | None
    rows: tuple[tuple[str, float | None, bool | None], ...]
    subtitle: str = ""

    def key(self) -> str:
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256((data + _code_version()).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _code_version() -> str:
    import matplotlib
    font = matplotlib_font()
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest() + matplotlib.__version__ + str(font or "")


def draw_spec(spec: ChartSpec) -> bytes:
    return draw(spec.title, spec.stage, spec.unit, spec.threshold, list(spec.rows), spec.subtitle)


class ChartBook:
    """The PNG of every chart of one build, each drawn once: kept in memory and, when `folder` is given, as
    `<key>.png` files there (written atomically, so a worker process or the next build reads them)."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else None
        self._png: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.drawn = 0

    def _file(self, key: str) -> Path | None:
        return self.folder / f"{key}.png" if self.folder else None

    def _stored(self, key: str) -> bytes | None:
        if key in self._png:
            return self._png[key]
        path = self._file(key)
        if path is not None and path.is_file():
            data = path.read_bytes()
            if data.startswith(b"\x89PNG\r\n\x1a\n"):
                self._png[key] = data
                return data
        return None

    def _keep(self, key: str, data: bytes) -> None:
        self._png[key] = data
        path = self._file(key)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)

    def png(self, spec: ChartSpec) -> bytes:
        key = spec.key()
        self.used.add(key)
        data = self._stored(key)
        if data is None:
            data = draw_spec(spec)
            self.drawn += 1
            self._keep(key, data)
        return data

    def misses(self, specs: list[ChartSpec]) -> dict[str, ChartSpec]:
        """The specs not stored yet, by key, the largest (slowest to draw) first: drawn in parallel, the last
        ones to start are then the short ones."""
        out = {}
        for spec in specs:
            key = spec.key()
            self.used.add(key)
            if key not in out and self._stored(key) is None:
                out[key] = spec
        return dict(sorted(out.items(), key=lambda kv: -len(kv[1].rows)))

    def add(self, key: str, data: bytes) -> None:
        """A chart drawn elsewhere (a worker's `draw_spec`)."""
        self._keep(key, data)
        self.drawn += 1

    def prefetch(self, specs: list[ChartSpec], map_fn=map) -> None:
        """Draw every spec not stored yet, through `map_fn` (a process pool's map to draw them in parallel)."""
        misses = self.misses(specs)
        for key, data in zip(misses, map_fn(draw_spec, list(misses.values()))):
            self.add(key, data)

    def prune(self) -> None:
        """Remove the files of charts this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.is_file() and path.stem not in self.used:
                path.unlink(missing_ok=True)


def chart_specs(evaluation: Evaluation, codes: list[str], titles: dict[str, str], units: dict[str, str],
                stages: list[str] | None = None) -> list[tuple[ChartSpec, dict]]:
    """(spec, facts for the caption) per (indicator, 学段) with at least one school, in code, then stage order."""
    out = []
    stages = stages or sorted({s.stage for s in evaluation.schools}, key=lambda s: (s != "小学", s))
    for code in codes:
        for stage in stages:
            rows = []
            threshold = None
            for s in evaluation.schools:
                if s.stage != stage or code not in s.indicators:
                    continue
                v = s.indicators[code]
                rows.append((s.name, v.value, v.met))
                if v.threshold is not None:
                    threshold = v.threshold
            if not any(r[1] is not None for r in rows):
                continue
            cv = evaluation.cv.get(stage, {}).get(code)
            verdict = ""
            if cv is not None and cv.cv is not None:
                verdict = f"差异系数{cv.cv:.3f}"
                if cv.limit is not None:
                    verdict += f"，{'超过' if cv.met is False else '不高于'}{cv.limit:.2f}"
            spec = ChartSpec(f"{code} {titles.get(code, code)}", stage, units.get(code, ""), threshold,
                             tuple(rows), verdict)
            out.append((spec, {"code": code, "verdict": verdict, "missed": sum(1 for r in rows if r[2] is False),
                               "n": len(rows)}))
    return out


def school_charts(evaluation: Evaluation, codes: list[str], titles: dict[str, str], units: dict[str, str],
                  out_dir: Path, prefix: str = "", stages: list[str] | None = None,
                  book: ChartBook | None = None) -> list[Chart]:
    """Write one PNG per (indicator, 学段) with at least one school (from `book`, drawn when it has none yet);
    returns the charts in code, then stage order."""
    out_dir = Path(out_dir)
    book = book if book is not None else ChartBook()
    charts: list[Chart] = []
    for spec, facts in chart_specs(evaluation, codes, titles, units, stages):
        code, verdict, missed = facts["code"], facts["verdict"], facts["missed"]
        png = book.png(spec)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{prefix}{code}-{spec.stage}.png"
        if not path.exists() or path.read_bytes() != png:
            path.write_bytes(png)
        missed_text = f"{missed}所未达到标准" if missed else "均达到标准"
        caption = f"{spec.stage}各校{titles.get(code, code)}（{missed_text}" + (f"；{verdict}" if verdict else "") + "）"
        charts.append(Chart(code, titles.get(code, code), spec.stage, spec.unit, spec.threshold, path,
                            caption, facts["n"], missed))
    return charts

#!/usr/bin/env python3
"""Benchmark `dossier build` on a county-sized workload.

At full size (scale 1) the generated project has 120 schools and, in every leaf indicator's evidence folder,
about 75 documents: 2,400 files and about 15,000 pages in all, of which about 10% are Office files (.docx made
with python-docx, .xlsx with openpyxl), 30% JPEG scans (noisy, slightly skewed grey pages made with Pillow) and
the rest multi-page PDFs (reportlab). Generation is deterministic (seeded, fixed dates, fixed zip times) and
runs on every core; it is skipped when the workload of that size is already in bench/work/.

For each size it runs three rounds (--rounds) and reports the median of each figure; every round is kept in
the results file bench/results/<date>T<time>.json (a new file per run). A round, each build in a fresh
subprocess:
  - cold build: wall time, peak RSS of the dossier process (getrusage RUSAGE_SELF in the child) and of the
    processes it started (LibreOffice, the draft and binding workers; RUSAGE_CHILDREN), the stage timings,
    with the conversion split by kind of source;
  - a rebuild with nothing changed, then a warm rebuild after changing the content of one evidence file
    (time in the build, and wall time with the interpreter's start);
  - each stage against its floor over the same files, measured right after, on the same machine load:
      Office conversion      vs one `soffice --headless --convert-to pdf` call over all the Office files
      image placement        vs img2pdf (the library) placing each image on an A4 page, the same layout
      PDF check and repair   vs `qpdf --check` on every source PDF
      binding                vs `qpdf --empty --pages <the same PDFs> -- out.pdf`, one call per leaf
      drafts                 vs the same drafts without charts (the same jobs).

It runs at two sizes (scale/4 and scale) to show whether peak RSS stays flat as pages grow, and prints a
summary with each ratio, its target (TARGETS) and whether it is met, judged on the larger size.

    .venv/bin/python bench/run.py               # 0.25 and 1.0, three rounds each (about half an hour)
    .venv/bin/python bench/run.py --scale 0.1 --rounds 1   # quick: 0.025 and 0.1
    .venv/bin/python bench/run.py --check-only  # only `dossier check` at 25, 500 and 2,000 schools

It also times `dossier check --json` (a fresh process, best of three) on data-only projects of 25, 500 and
2,000 schools: target under 1.5 s at 2,000 schools and growth close to linear.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
RESULTS = HERE / "results"
EXAMPLE = ROOT / "content" / "示例县"
NAME = "基准县"

FULL_SCHOOLS = 120
FULL_FILES = 2400
FULL_PAGES = 15000
SHARE_OFFICE = 0.10
SHARE_JPEG = 0.30
FIXED_TIME = (2025, 1, 1, 0, 0, 0)
GEN_VERSION = 3

# ---------------------------------------------------------------------------------------------------------------
# The workload
# ---------------------------------------------------------------------------------------------------------------

def plan(scale: float) -> dict:
    files = max(40, round(FULL_FILES * scale))
    pages = max(250, round(FULL_PAGES * scale))
    schools = max(6, round(FULL_SCHOOLS * scale))
    n_office = round(files * SHARE_OFFICE)
    n_jpeg = round(files * SHARE_JPEG)
    n_pdf = files - n_office - n_jpeg
    # office files: docx about 2 pages, xlsx 1; jpeg 1 page; PDFs take the rest
    pdf_pages = max(n_pdf, pages - n_jpeg - round(n_office * 1.5))
    return {"scale": scale, "schools": schools, "files": files, "office": n_office, "jpeg": n_jpeg,
            "pdf": n_pdf, "target_pages": pages, "pdf_mean_pages": pdf_pages / max(1, n_pdf)}


def tasks_for(p: dict, leaves: list[tuple[str, str, list[str]]], schools: list[str]) -> list[dict]:
    rnd = random.Random(20251030)
    kinds = ["office"] * p["office"] + ["jpeg"] * p["jpeg"] + ["pdf"] * p["pdf"]
    rnd.shuffle(kinds)
    mean = p["pdf_mean_pages"]
    out = []
    for i, kind in enumerate(kinds):
        code, title, items = leaves[i % len(leaves)]
        year = 2023 + (i // len(leaves)) % 3
        month, day = 1 + rnd.randrange(12), 1 + rnd.randrange(28)
        school = schools[rnd.randrange(len(schools))]
        item = items[rnd.randrange(len(items))] if items else title
        item = re.sub(r"^近三年|^各校|复印件$", "", item)
        name = f"{year}{month:02d}{day:02d}_{school}{year}年{item}"
        folder = f"evidence/{code} {title}/{year}年"
        if kind == "office":
            ext = ".docx" if i % 2 == 0 else ".xlsx"
            pages = 2 if ext == ".docx" else 1
        elif kind == "jpeg":
            ext, pages = ".jpg", 1
        else:
            ext = ".pdf"
            pages = max(1, min(int(2 * mean) - 1, round(rnd.triangular(1, 2 * mean - 1, mean))))
        out.append({"i": i, "kind": ext[1:], "path": f"{folder}/{name}-{i:04d}{ext}", "pages": pages,
                    "title": f"{school}{year}年{item}", "seed": 1000 + i})
    return out


def _fixed_zip(data: bytes) -> bytes:
    """An Office zip with fixed entry times and fixed core-property dates: the same bytes on every run."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>2025-01-01T00:00:00Z\g<2>", body)
            zi = zipfile.ZipInfo(info.filename, FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return buf.getvalue()


_PHRASES = ["根据县教育体育局工作安排", "经学校行政会议研究决定", "现将有关情况报告如下", "全面落实立德树人根本任务",
            "按照义务教育学校办学标准", "进一步完善教育教学设施设备", "加强教师队伍建设", "严格执行国家课程方案",
            "认真开展自查自评工作", "确保各项指标达到要求", "统计数据截至当年九月三十日", "经核对无误后上报"]


def _sentence(rnd: random.Random) -> str:
    return "，".join(rnd.choice(_PHRASES) for _ in range(3)) + f"，共计{rnd.randint(3, 9999)}项。"


def _gen(task: dict, root: str) -> int:
    path = Path(root) / task["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(task["seed"])
    kind = task["kind"]
    if kind == "pdf":
        _pdf(path, task["title"], task["pages"], rnd)
    elif kind == "jpg":
        _jpeg(path, task["title"], rnd)
    elif kind == "docx":
        _docx(path, task["title"], rnd)
    else:
        _xlsx(path, task["title"], rnd)
    return path.stat().st_size


def _pdf(path: Path, title: str, pages: int, rnd: random.Random) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = Canvas(str(path), pagesize=A4, invariant=1, initialFontName="STSong-Light")
    w, h = A4
    for n in range(pages):
        c.setFont("STSong-Light", 16)
        c.drawCentredString(w / 2, h - 80, title)
        c.setFont("STSong-Light", 10.5)
        y = h - 120
        for _ in range(22):
            c.drawString(70, y, _sentence(rnd)[:38])
            y -= 22
        c.setLineWidth(0.5)
        top = y - 10
        for r in range(7):
            c.line(70, top - r * 18, w - 70, top - r * 18)
        for k in range(5):
            x = 70 + k * (w - 140) / 4
            c.line(x, top, x, top - 108)
        c.drawCentredString(w / 2, 40, f"- {n + 1} -")
        c.showPage()
    c.save()


_NOISE = {}


def _noise(size):
    from PIL import Image
    if size not in _NOISE:
        _NOISE[size] = Image.effect_noise((size[0] + 64, size[1] + 64), 22)
    return _NOISE[size]


def _jpeg(path: Path, title: str, rnd: random.Random) -> None:
    """A scanned-looking A4 page at 120 dpi: grey paper, text-like strokes, a red-ish seal, noise, skew."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    W, H = 992, 1403
    page = Image.new("L", (W, H), 232 + rnd.randint(-6, 6))
    d = ImageDraw.Draw(page)
    d.rectangle((W // 2 - 220, 110, W // 2 + 220, 140), fill=40)          # the title line
    y = 200
    while y < H - 200:
        x = 110 + (48 if rnd.random() < 0.2 else 0)
        end = W - 110 - (rnd.randint(0, 500) if rnd.random() < 0.15 else 0)
        while x < end:
            word = rnd.randint(14, 60)
            d.rectangle((x, y, min(end, x + word), y + 14), fill=rnd.randint(25, 90))
            x += word + rnd.randint(6, 12)
        y += 34
    cx, cy = W - 260, H - 300
    d.ellipse((cx - 90, cy - 90, cx + 90, cy + 90), outline=110, width=6)
    noise = _noise((W, H))
    ox, oy = rnd.randrange(64), rnd.randrange(64)
    page = ImageChops.add(page, noise.crop((ox, oy, ox + W, oy + H)), 1.0, -128)
    page = page.rotate(rnd.uniform(-0.8, 0.8), resample=Image.BILINEAR, fillcolor=225)
    page = page.filter(ImageFilter.GaussianBlur(0.5))
    page.save(path, "JPEG", quality=72, dpi=(120, 120))


def _docx(path: Path, title: str, rnd: random.Random) -> None:
    import docx

    doc = docx.Document()
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2025, 1, 1)
    doc.core_properties.author = "基准县教育体育局"
    doc.add_heading(title, level=1)
    for _ in range(18):
        doc.add_paragraph(_sentence(rnd) + _sentence(rnd))
    table = doc.add_table(rows=12, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for k, cell in enumerate(row.cells):
            cell.text = ["序号", "项目", "数量", "备注"][k] if r == 0 else str(rnd.randint(1, 999))
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def _xlsx(path: Path, title: str, rnd: random.Random) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    ws.append([title])
    ws.append(["序号", "学校", "项目", "数量", "金额（万元）", "备注"])
    for r in range(36):
        ws.append([r + 1, f"第{rnd.randint(1, 120)}学校", rnd.choice(_PHRASES)[:8], rnd.randint(1, 500),
                   round(rnd.uniform(0.5, 99), 1), ""])
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def school_rows(n: int) -> list[dict]:
    """n schools made from the example county's 25 (figures kept, names and codes renumbered)."""
    sys.path.insert(0, str(ROOT))
    from dossier.compute.context import load
    base = load(EXAMPLE).facts.schools
    kind_names = {"小学": "小学", "初中": "中学", "九年一贯制学校": "九年一贯制学校", "十二年一贯制学校": "十二年一贯制学校",
                  "完全中学": "完全中学", "教学点": "教学点"}
    rows = []
    for i in range(n):
        s = base[i % len(base)]
        row = {"学校代码": f"53990{i + 1:05d}", "学校名称": f"{NAME}第{i + 1}{kind_names.get(s.type, '学校')}",
               "学校类型": s.type, "城乡类型": s.area}
        for col, value in s.values.items():
            row[col] = "" if value is None else (int(value) if float(value).is_integer() else value)
        rows.append(row)
    return rows


def copy_facts(project: Path, rows: list[dict]) -> None:
    """The example county's YAML facts under the bench county's name; the 迎检 route visits generated schools."""
    import yaml
    for name in ("人员.yaml", "指标数据.yaml", "工作计划.yaml"):
        if not (EXAMPLE / name).is_file():
            continue
        text = (EXAMPLE / name).read_text("utf-8").replace("示例县", NAME).replace("示例市", "基准市")
        if name == "人员.yaml":
            data = yaml.safe_load(text)
            route = (data.get("迎检") or {}).get("路线")
            if route:
                data["迎检"]["路线"] = [r["学校名称"] for r in rows[:len(route)]]
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (project / name).write_text(text, "utf-8")


def generate(scale: float, jobs: int) -> dict:
    """The project for `scale` in bench/work/scale-<scale>/content/基准县 (skipped if already there)."""
    import csv
    from concurrent.futures import ProcessPoolExecutor

    import yaml
    sys.path.insert(0, str(ROOT))
    from dossier.load.table import HEADERS
    from dossier.config.framework import load as load_framework

    p = plan(scale)
    base = WORK / f"scale-{scale:g}"
    project = base / "content" / NAME
    stamp = base / "generated.json"
    fw = load_framework("youzhi-2017")
    leaves = [(leaf.code, leaf.title, leaf.evidence) for leaf in fw.leaves()]
    rows = school_rows(p["schools"])
    tasks = tasks_for(p, leaves, [r["学校名称"] for r in rows])
    key = {"version": GEN_VERSION, "plan": p}
    if stamp.is_file() and json.loads(stamp.read_text("utf-8")).get("key") == key:
        info = json.loads(stamp.read_text("utf-8"))
        _gen(info["touch"]["task"], str(project))             # undo a previous run's touch
        return info
    t0 = time.monotonic()
    shutil.rmtree(base, ignore_errors=True)
    project.mkdir(parents=True)
    copy_facts(project, rows)
    cfg = yaml.safe_load((EXAMPLE / "dossier.yaml").read_text("utf-8"))
    cfg_text = yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False).replace("示例县", NAME).replace("示例市", "基准市")
    (project / "dossier.yaml").write_text(f"# {NAME}：dossier 基准测试生成的项目（bench/run.py）。\n" + cfg_text, "utf-8")
    with open(project / "学校基础数据.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for r in rows:
            w.writerow([r.get(h, "") for h in HEADERS])
    total = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for size in pool.map(_gen, tasks, [str(project)] * len(tasks), chunksize=16):
            total += size
    touch = next(t for t in tasks if t["kind"] == "pdf" and t["path"].startswith("evidence/C6 "))
    info = {"key": key, "plan": p, "project": str(project), "files": len(tasks), "bytes": total,
            "pages": sum(t["pages"] for t in tasks),
            "by_kind": {k: sum(1 for t in tasks if t["kind"] == k) for k in ("pdf", "jpg", "docx", "xlsx")},
            "seconds": round(time.monotonic() - t0, 1), "touch": {"task": touch}}
    stamp.write_text(json.dumps(info, ensure_ascii=False, indent=1), "utf-8")
    return info


CHECK_SIZES = (25, 500, 2000)
CHECK_TARGET_S = 1.5            # `dossier check` of 2,000 schools, wall time


def check_project(n: int) -> Path:
    """A data-only project of n schools (no evidence) for the `dossier check` benchmark."""
    import csv
    import yaml
    sys.path.insert(0, str(ROOT))
    from dossier.load.table import HEADERS
    project = WORK / f"check-{n}" / NAME
    stamp = project.parent / f"generated-v{GEN_VERSION}"
    if stamp.is_file():
        return project
    shutil.rmtree(project.parent, ignore_errors=True)
    project.mkdir(parents=True)
    rows = school_rows(n)
    copy_facts(project, rows)
    cfg = yaml.safe_load((EXAMPLE / "dossier.yaml").read_text("utf-8"))
    (project / "dossier.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
                                          .replace("示例县", NAME), "utf-8")
    with open(project / "学校基础数据.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for r in rows:
            w.writerow([r.get(h, "") for h in HEADERS])
    stamp.write_text("", "utf-8")
    return project


def measure_check(sizes=CHECK_SIZES, repeat: int = 3) -> dict:
    """`dossier check --json` wall time (best of `repeat`, a fresh process each) at each number of schools."""
    exe = Path(sys.executable).parent / "dossier"
    runs = []
    for n in sizes:
        project = check_project(n)
        times = []
        for _ in range(repeat):
            t = time.monotonic()
            proc = subprocess.run([str(exe), "check", str(project), "--json"], capture_output=True, text=True)
            times.append(time.monotonic() - t)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"dossier check failed at {n} schools:\n{proc.stderr}")
        runs.append({"schools": n, "wall_s": round(min(times), 3), "all_s": [round(x, 3) for x in times]})
    small, big = runs[0], runs[-1]
    per_school = [(r["wall_s"] - small["wall_s"]) / (r["schools"] - small["schools"]) for r in runs[1:]]
    return {"runs": runs, "target_s": CHECK_TARGET_S, "ok": big["wall_s"] < CHECK_TARGET_S,
            # close to linear: the cost of one more school at the largest size is within 2x of the mid size
            "linear": len(per_school) < 2 or per_school[-1] <= 2 * max(per_school[0], 1e-6)}


# ---------------------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------------------

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from dossier.api import build
t = time.monotonic()
r = build({project!r}, {out!r}, skip=set() if {drafts!r} else {{"drafts"}})
wall = time.monotonic() - t
self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
doc = r.to_json()
doc.update(wall_in_process=wall, peak_rss_mb=round(self_mb, 1), children_peak_rss_mb=round(kids_mb, 1),
           inputs={{k: [str(p) for p in v] for k, v in r.inputs.items()}})
json.dump(doc, open({report!r}, "w"), ensure_ascii=False)
"""

# the drafts of the project rendered as the build renders them (same jobs), with or without the charts: the
# floor of the drafts stage is the same drafts without charts
DRAFTS_CHILD = r"""
import dataclasses, json, sys, tempfile, time
sys.path.insert(0, {root!r})
from pathlib import Path
from dossier.build.builders import FORKSERVER_PRELOAD
from dossier.build.pipeline import default_jobs
from dossier.compute.context import load
from dossier.drafts import kinds
from dossier.drafts.pool import mp_context
from dossier.drafts.render import render_all
ctx = load({project!r})
if not {charts!r}:
    for name, kind in list(kinds.KINDS.items()):
        kinds.KINDS[name] = dataclasses.replace(kind, charts=False)
jobs = default_jobs()
with tempfile.TemporaryDirectory() as tmp:
    t = time.monotonic()
    render_all(ctx, Path(tmp), jobs=jobs, context=mp_context(FORKSERVER_PRELOAD) if jobs > 1 else None)
    print(json.dumps({{"seconds": time.monotonic() - t}}))
"""

# image placement's floor: img2pdf over the same images, each to its own A4 PDF, the same layout
IMG2PDF_CHILD = r"""
import json, sys, time, img2pdf
from pathlib import Path
MM = 72 / 25.4
layout = img2pdf.get_layout_fun(pagesize=(595.2756, 841.8898), border=(18 * MM, 15 * MM),
                                fit=img2pdf.FitMode.into, auto_orient=True)
out = Path({out!r})
images = json.loads(Path({images!r}).read_text("utf-8"))
t = time.monotonic()
for i, path in enumerate(images):
    (out / f"{{i}}.pdf").write_bytes(img2pdf.convert(path, layout_fun=layout, nodate=True))
print(json.dumps({{"seconds": time.monotonic() - t}}))
"""


def run_child(script: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", script], cwd=str(ROOT), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"bench child failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# the text layer's cache (OCR, pdftotext) is per user and outlives build caches, as it does for users: the bench
# keeps its own, so a cold build is one with an empty build cache and the text layers of earlier runs (the first
# run on a machine pays the OCR: its cold build's text_layer figure says what that costs)
OCR_CACHE = WORK / "ocr-cache"


def run_build(project: Path, out: Path, report: Path, drafts: bool) -> dict:
    script = CHILD.format(root=str(ROOT), project=str(project), out=str(out), report=str(report), drafts=drafts)
    t = time.monotonic()
    env = os.environ | {"DOSSIER_OCR_CACHE": str(OCR_CACHE)}
    proc = subprocess.run([sys.executable, "-c", script], cwd=str(ROOT), capture_output=True, text=True, env=env)
    wall = time.monotonic() - t
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"dossier build failed (exit {proc.returncode})")
    doc = json.loads(report.read_text("utf-8"))
    doc["wall_s"] = round(wall, 2)
    return doc


def sources(project: Path, exts: set[str]) -> list[str]:
    return sorted(str(p) for p in (project / "evidence").rglob("*") if p.suffix.lower() in exts)


def qpdf_bind_time(inputs: dict[str, list[str]], scratch: Path) -> float:
    """Binding's floor: `qpdf --empty --pages <the same PDFs> -- out.pdf`, one call per leaf."""
    scratch.mkdir(parents=True, exist_ok=True)
    total = 0.0
    for code, pdfs in inputs.items():
        if not pdfs:
            continue
        out = scratch / f"{code}.pdf"
        t = time.monotonic()
        subprocess.run(["qpdf", "--empty", "--pages", *pdfs, "--", str(out)], check=True)
        total += time.monotonic() - t
        out.unlink()
    return total


def qpdf_check_time(pdfs: list[str]) -> float:
    """PDF checking's floor: `qpdf --check` on every source PDF."""
    t = time.monotonic()
    for pdf in pdfs:
        subprocess.run(["qpdf", "--check", pdf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t


def soffice_time(files: list[str], scratch: Path) -> float:
    """Office conversion's floor: one `soffice --headless --convert-to pdf` call over copies of the same files,
    with a fresh profile (as a build starts with)."""
    from dossier.core.fonts import soffice_env
    from dossier.evidence.converters.office import find_soffice
    shutil.rmtree(scratch, ignore_errors=True)
    indir, outdir = scratch / "in", scratch / "out"
    indir.mkdir(parents=True)
    copies = []
    for i, f in enumerate(files):
        dst = indir / f"{i:04d}{Path(f).suffix.lower()}"
        shutil.copyfile(f, dst)
        copies.append(str(dst))
    env = soffice_env() | {"HOME": str(scratch), "SAL_USE_VCLPLUGIN": "svp"}
    cmd = [find_soffice(), f"-env:UserInstallation={(scratch / 'profile').as_uri()}", "--headless",
           "--convert-to", "pdf", "--outdir", str(outdir), *copies]
    t = time.monotonic()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    seconds = time.monotonic() - t
    made = len(list(outdir.glob("*.pdf")))
    shutil.rmtree(scratch, ignore_errors=True)
    if made != len(files):
        raise SystemExit(f"soffice converted {made} of {len(files)} files")
    return seconds


def img2pdf_time(images: list[str], scratch: Path) -> float:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        listing = scratch / "images.json"              # thousands of paths: a file, not the command line
        listing.write_text(json.dumps(images, ensure_ascii=False), "utf-8")
        return run_child(IMG2PDF_CHILD.format(out=str(scratch), images=str(listing)))["seconds"]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def drafts_time(project: Path, charts: bool) -> float:
    return run_child(DRAFTS_CHILD.format(root=str(ROOT), project=str(project), charts=charts))["seconds"]


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def settle() -> None:
    """Let the file system finish the previous round's work (writing back and freeing a gigabyte of build and
    cache) before a timed build: seen here, without it the next cold build's first stage took 12 s, not 0.7 s."""
    os.sync()
    time.sleep(2)


def one_round(info: dict, drafts: bool, n: int) -> dict:
    """Cold, unchanged and warm builds, then every stage's floor over the same files: one round."""
    project = Path(info["project"])
    base = project.parent.parent
    out = base / "build" / NAME
    shutil.rmtree(base / "build", ignore_errors=True)
    settle()
    cold = run_build(project, out, base / "cold.json", drafts)
    t = cold["timings"]
    print(f"   [{n}] cold {cold['wall_s']} s (drafts {t.get('drafts', 0):.1f}, convert {t.get('convert', 0):.1f}, "
          f"bind {t.get('bind', 0):.1f}), RSS {cold['peak_rss_mb']} MB, children {cold['children_peak_rss_mb']} MB, "
          f"{cold['volumes']} volumes, {cold['pages']} pages", flush=True)
    noop = run_build(project, out, base / "noop.json", drafts)
    touched = dict(info["touch"]["task"])            # one file changed: new content, same name
    touched["seed"] += 7919
    touched["title"] += "（修订）"
    _gen(touched, str(project))
    try:
        warm = run_build(project, out, base / "warm.json", drafts)
    finally:
        _gen(info["touch"]["task"], str(project))       # restore
    print(f"   [{n}] no change {noop['wall_s']} s ({noop['timings']['total']:.2f} s in the build), "
          f"warm {warm['wall_s']} s: rebound {warm['rebuilt']}, reused {warm['reused']}", flush=True)
    office = sources(project, {".docx", ".xlsx", ".doc", ".xls"})
    images = sources(project, {".jpg", ".jpeg", ".png", ".tif", ".tiff"})
    pdfs = sources(project, {".pdf"})
    floors = {"bind": qpdf_bind_time(cold["inputs"], base / "qpdf"),
              "office": soffice_time(office, base / "soffice") if office else None,
              "image": img2pdf_time(images, base / "img2pdf") if images else None,
              "pdf": qpdf_check_time(pdfs) if pdfs else None}
    stages = {"bind": t.get("bind"), "office": t.get("convert_office"), "image": t.get("convert_image"),
              "pdf": t.get("convert_pdf")}
    if drafts:
        floors["drafts"] = drafts_time(project, charts=False)
        stages["drafts"] = t.get("drafts")
    for doc in (cold, noop, warm):
        doc.pop("inputs", None)
    ratios = {k: ratio(stages[k], floors[k]) for k in floors}
    print("   [{}] against the floors: ".format(n) + ", ".join(
        f"{k} {stages[k] or 0:.1f}/{floors[k] or 0:.1f} s = {ratios[k] or 0:.2f}×" for k in floors), flush=True)
    return {"cold": cold, "unchanged": noop, "warm": warm, "stages": stages, "floors": floors, "ratios": ratios,
            "figures": {"cold_s": cold["wall_s"], "cold_build_s": t.get("total"),
                        "unchanged_s": noop["wall_s"], "unchanged_build_s": noop["timings"].get("total"),
                        "warm_s": warm["wall_s"], "warm_build_s": warm["timings"].get("total"),
                        "warm_share": ratio(warm["timings"].get("total"), t.get("total")),
                        "drafts_share": ratio(t.get("drafts"), t.get("total")) if drafts else None,
                        "peak_rss_mb": cold["peak_rss_mb"], "children_peak_rss_mb": cold["children_peak_rss_mb"],
                        **{f"{k}_ratio": v for k, v in ratios.items()}}}


def median(values: list) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def measure(scale: float, jobs: int, drafts: bool, rounds: int) -> dict:
    print(f"\n== scale {scale:g}: generating the workload …", flush=True)
    info = generate(scale, jobs)
    print(f"   {info['files']} files, {info['pages']} pages planned ({info['by_kind']}), "
          f"{info['bytes'] / 1e6:.0f} MB, generated in {info['seconds']} s", flush=True)
    runs = [one_round(info, drafts, n + 1) for n in range(rounds)]
    keys = runs[0]["figures"].keys()
    return {"scale": scale, "workload": {k: info[k] for k in ("files", "pages", "by_kind", "bytes", "seconds")}
            | {"schools": info["plan"]["schools"]},
            "median": {k: median([r["figures"][k] for r in runs]) for k in keys}, "rounds": runs}


# what each figure must reach: (figure of the full-size run, comparison, limit, how the summary says it)
TARGETS = {
    "bind_ratio": ("<=", 1.0, "binding ≤ 1.0× qpdf --empty --pages"),
    "office_ratio": ("<=", 1.2, "Office ≤ 1.2× one soffice --convert-to pdf call"),
    "image_ratio": ("<=", 1.5, "images ≤ 1.5× img2pdf"),
    "drafts_share": ("<=", 0.10, "drafts ≤ 10% of the cold build"),
    "warm_share": ("<=", 0.03, "one file changed ≤ 3% of the cold build"),
    "unchanged_build_s": ("<=", 1.0, "nothing changed ≤ 1 s (in the build; wall with the interpreter in the table)"),
    "peak_rss_mb": ("<=", 300, "peak RSS of dossier ≤ 300 MB"),
    "children_peak_rss_mb": ("<=", 400, "peak RSS of LibreOffice (any child) ≤ 400 MB"),
}
REPORTED = {"pdf_ratio": "PDF check/repair vs qpdf --check", "drafts_ratio": "drafts vs the same drafts without charts"}


def judge(runs: list[dict], check: dict) -> dict:
    big = runs[-1]["median"]
    out = {}
    for key, (op, limit, label) in TARGETS.items():
        value = big.get(key)
        out[key] = {"label": label, "value": value, "limit": limit, "ok": value is not None and value <= limit}
    for key in ("peak_rss_mb", "children_peak_rss_mb"):
        rss = [r["median"][key] for r in runs]
        out[key + "_flat"] = {"label": f"{key} flat from {runs[0]['scale']:g} to {runs[-1]['scale']:g} (≤ 1.25× + 20 MB)",
                              "value": max(rss), "limit": round(1.25 * min(rss) + 20, 1),
                              "ok": max(rss) <= 1.25 * min(rss) + 20}
    big_check = check["runs"][-1]
    out["check_2000"] = {"label": f"dossier check of {big_check['schools']} schools < {CHECK_TARGET_S:g} s",
                         "value": big_check["wall_s"], "limit": CHECK_TARGET_S, "ok": check["ok"]}
    out["check_linear"] = {"label": "dossier check close to linear in schools", "value": None, "limit": None,
                           "ok": check["linear"]}
    return out


def _fmt(value, key: str) -> str:
    key = key.removesuffix("_flat")
    if value is None:
        return "—"
    if key.endswith("_share"):
        return f"{100 * value:.1f}%"
    if key.endswith("_ratio"):
        return f"{value:.2f}×"
    if key.endswith("_mb"):
        return f"{value:.0f} MB"
    return f"{value:.2f} s"


def summary(runs: list[dict], checks: dict, check: dict, rounds: int) -> list[str]:
    lines = [f"== summary: the median of {rounds} rounds at each size "
             f"(every round is in the results file)"]
    lines.append(f"{'scale':>6} {'files':>6} {'pages':>7} {'cold s':>7} {'drafts':>7} {'nochg s':>8} {'(wall)':>6} {'warm %':>7} "
                 f"{'RSS MB':>7} {'kids MB':>7} {'bind×':>6} {'office×':>8} {'image×':>7} {'pdf×':>6} {'drafts×':>8}")
    for r in runs:
        m = r["median"]
        lines.append(f"{r['scale']:>6g} {r['workload']['files']:>6} {r['rounds'][0]['cold']['pages']:>7} "
                     f"{m['cold_s']:>7.1f} {_fmt(m['drafts_share'], '_share'):>7} {m['unchanged_build_s']:>8.2f} {m['unchanged_s']:>6.1f} "
                     f"{_fmt(m['warm_share'], '_share'):>7} {m['peak_rss_mb']:>7.0f} {m['children_peak_rss_mb']:>7.0f} "
                     + " ".join(f"{_fmt(m.get(k + '_ratio'), '_ratio'):>{w}}"
                                for k, w in (("bind", 6), ("office", 8), ("image", 7), ("pdf", 6), ("drafts", 8))))
    lines.append("   floors: " + "; ".join(
        f"scale {r['scale']:g}: " + ", ".join(f"{k} {median([x['floors'][k] for x in r['rounds']]) or 0:.1f} s"
                                              for k in r["rounds"][0]["floors"]) for r in runs))
    lines.append("   check: " + ", ".join(f"{x['schools']} schools {x['wall_s']:.2f} s" for x in check["runs"]))
    lines.append(f"-- targets (scale {runs[-1]['scale']:g}):")
    for key, c in checks.items():
        shown = _fmt(c["value"], key) if c["value"] is not None else ""
        limit = _fmt(c["limit"], key) if c["limit"] is not None else ""
        lines.append(f"  {'✓' if c['ok'] else '✗'} {c['label']}: {shown}" + (f" (target {limit})" if limit else ""))
    big = runs[-1]["median"]
    for key, label in REPORTED.items():
        if big.get(key) is not None:
            lines.append(f"  · {label}: {_fmt(big[key], key)} (reported, no target)")
    met = sum(1 for c in checks.values() if c["ok"])
    lines.append(f"  {met} of {len(checks)} targets met")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="dossier build benchmark")
    ap.add_argument("--scale", type=float, default=1.0, help="full size = 1 (2,400 files, 15,000 pages)")
    ap.add_argument("--sizes", help="comma-separated scales to run (default: scale/4 and scale)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds at each size; figures are their median")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="processes for generating the workload")
    ap.add_argument("--no-drafts", action="store_true", help="leave the drafts stage out of the builds")
    ap.add_argument("--out", type=Path, help="results file (default bench/results/<date>T<time>.json)")
    ap.add_argument("--check-only", action="store_true", help="only the `dossier check` benchmark (25/500/2,000 schools)")
    args = ap.parse_args(argv)
    check = measure_check()
    print("== dossier check: " + ", ".join(f"{r['schools']} schools {r['wall_s']:.2f} s" for r in check["runs"]))
    if args.check_only:
        print(f"  {'✓' if check['ok'] else '✗'} check_2000_under_{CHECK_TARGET_S:g}s  "
              f"{'✓' if check['linear'] else '✗'} check_close_to_linear")
        return 0
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else [args.scale / 4, args.scale]
    if not shutil.which("qpdf"):
        raise SystemExit("qpdf is not installed: run make setup")
    started = dt.datetime.now()
    runs = [measure(s, args.jobs, not args.no_drafts, max(1, args.rounds)) for s in sizes]
    checks = judge(runs, check)
    lines = summary(runs, checks, check, max(1, args.rounds))
    import dossier
    doc = {"date": started.isoformat(timespec="seconds"), "dossier": dossier.__version__,
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                       "load_average": os.getloadavg()},
           "drafts": not args.no_drafts, "targets": {k: v[1] for k, v in TARGETS.items()}, "checks": checks,
           "runs": runs, "check": check, "summary": lines}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = args.out or RESULTS / f"{started.strftime('%Y-%m-%dT%H%M%S')}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print()
    print("\n".join(lines))
    print(f"written {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

"""Render drafts: every kind of the registry (`dossier.drafts.kinds`) as .docx (GB/T 9704) and Markdown.

Templates: `templates/docx/<kind>.docx` (docxtpl) and `templates/md/<kind>.md.j2` (Jinja2 → Markdown), bundled
with the package; a file of the same name in the project's `templates/` folder (or `templates/docx/`,
`templates/md/`) overrides the bundled one. Both render in the sandbox of `dossier.drafts.jinja`.

Output is reproducible: .docx core properties and zip timestamps come from `project.build_time()`, charts are
PNGs without dates, and nothing random is written. Each file is written beside its target and moved into place.
"""
from __future__ import annotations

import importlib.resources
import re
import tempfile
from pathlib import Path
from typing import Iterable

from dossier.core import cleanup
from dossier.core.errors import DossierError, Problem
from dossier.core.zh import fmt_threshold
from dossier.drafts import docxlayout as L
from dossier.drafts.docxflow import keep_signature
from dossier.drafts import docxtables as T
from dossier.drafts import kinds
from dossier.drafts.context import build_context, kind_context
from dossier.drafts.jinja import (docx_env, docx_paragraph_at, docx_unclosed_line, explain, is_unclosed, md_env,
                                  template_lineno, unclosed_block_line)

FORMATS = ("docx", "md")
CHART_DIR = "图表"


def bundled_templates() -> Path:
    import dossier
    repo = Path(dossier.__file__).resolve().parent.parent / "templates"
    if (repo / "docx").is_dir() or (repo / "md").is_dir():
        return repo
    return Path(str(importlib.resources.files("dossier") / "templates"))


def _kind(kind: "kinds.DraftKind | str") -> kinds.DraftKind:
    return kind if isinstance(kind, kinds.DraftKind) else kinds.get(kind)


def template_path(ctx, kind: "kinds.DraftKind | str", fmt: str) -> tuple[Path, str]:
    """The template for `kind` in `fmt`: the project's own (templates/<name> or templates/<fmt>/<name>) if there is
    one, else the bundled one. Returns (path, name as shown in messages)."""
    kind = _kind(kind)
    label = kind.label(ctx.project.level)
    names = [f"{kind.name}.docx"] if fmt == "docx" else [f"{kind.name}.md.j2", f"{kind.name}.md"]
    if label != kind.name:
        names = ([f"{label}.docx"] if fmt == "docx" else [f"{label}.md.j2", f"{label}.md"]) + names
    user_root = ctx.project.root / "templates"
    for sub in (user_root / fmt, user_root):
        for name in names:
            cand = sub / name
            if cand.is_file():
                resolved = ctx.project.inside(cand, "模板文件")
                return resolved, ctx.project.display(cand)
    bundled = bundled_templates() / fmt / (f"{kind.name}.docx" if fmt == "docx" else f"{kind.name}.md.j2")
    if not bundled.is_file():
        raise DossierError(Problem(f"找不到内置模板 {fmt}/{bundled.name}", hint="安装可能不完整，请重新运行 make setup"))
    return bundled, f"templates/{fmt}/{bundled.name}"


def _tidy_md(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _docx_render(ctx, kind: kinds.DraftKind, context: dict, out_path: Path) -> Path:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError
    path, shown = template_path(ctx, kind, "docx")
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:
        raise DossierError(Problem(f"模板不是有效的 .docx 文件（{type(exc).__name__}）", file=shown,
                                   hint="请用 Word 或 WPS 另存为 .docx 格式")) from None
    env = docx_env()

    def figure(chart: dict, width_mm: float = 140):
        return InlineImage(tpl, str(chart["path"]), width=Mm(width_mm))

    env.globals["figure"] = figure
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except (TemplateError, Exception) as exc:
        if isinstance(exc, DossierError):
            raise
        line = template_lineno(exc, None)
        start = docx_unclosed_line(tpl) if is_unclosed(exc) else None
        para, text = docx_paragraph_at(tpl, start or line)
        message, hint = explain(exc)
        if start and para:
            message += "，该块从本段开始"
        where = f"第{para}段" if para else "模板中"
        if text:
            where += f"（“{text}”）"
        raise DossierError(Problem(f"{where}：{message}", file=shown, hint=hint)) from None
    doc = tpl.docx
    T.fit_tables(doc)
    keep_signature(doc)
    L.finish(doc, ctx.project.build_time(), author=ctx.project.unit_name, title=context["doc"]["title"])
    return L.save_reproducible(doc, out_path, ctx.project.build_time())


def _chart_args(ctx, base: dict) -> tuple | None:
    """(codes, titles, units) of the charted indicators, or None when the project has no charts."""
    if ctx.project.level != "county" or not base["rule_codes"]:
        return None
    codes = [c["code"] for c in base["rule_codes"]]
    titles = {c["code"]: c["title"] for c in base["rule_codes"]}
    units = {c["code"]: c["unit"] for c in base["rule_codes"]}
    return codes, titles, units


def chart_specs(ctx, base: dict) -> list:
    """The `ChartSpec`s every draft with charts shows (one set, shared by the .docx and the Markdown)."""
    from dossier.drafts.charts import chart_specs as specs
    args = _chart_args(ctx, base)
    return [] if args is None else [s for s, _ in specs(ctx.evaluation, *args, stages=ctx.framework.stages)]


def _charts(ctx, base: dict, out_dir: Path, prefix: str, book=None) -> list[dict]:
    from dossier.drafts.charts import school_charts
    args = _chart_args(ctx, base)
    if args is None:
        return []
    made = school_charts(ctx.evaluation, *args, out_dir, prefix=prefix, stages=ctx.framework.stages, book=book)
    return [{"code": c.code, "title": c.title, "stage": c.stage, "caption": c.caption, "path": c.path,
             "name": c.path.name, "n": c.n, "missed": c.missed,
             "threshold": fmt_threshold(c.threshold)} for c in made]


OUT_SUFFIXES = (".docx", ".md")


def check_out_path(out_path: Path, fmt: str) -> None:
    """Refuse an output path that would surprise: a file inside a folder named like a file (`--out x.docx` with
    several drafts to write would create a folder x.docx), or a .docx/.md name for the other format."""
    out_path = Path(out_path)
    parent = out_path.parent
    if parent.suffix.lower() in OUT_SUFFIXES and not parent.is_dir():
        raise DossierError(Problem(
            f"--out 指定的是文件名“{parent.name}”，但本次要写出多个文稿，无法都写进一个文件",
            hint="请把 --out 改为文件夹（如 --out 文稿），或只起草一种文稿并用 --format docx 或 --format md 指定一种格式"))
    if out_path.suffix.lower() in OUT_SUFFIXES and out_path.suffix.lower() != f".{fmt}":
        raise DossierError(Problem(
            f"--out 的文件名“{out_path.name}”与输出格式 {fmt} 不符",
            hint=f"请改用 .{fmt} 结尾的文件名，或改用 --format {out_path.suffix.lower()[1:]}"))


def render(ctx, kind: "kinds.DraftKind | str", fmt: str, out_path: Path, base: dict | None = None,
           book=None) -> Path:
    """Render one draft of `kind` as `fmt` ("docx" or "md") to `out_path`; returns the path written. `base` is
    the shared context (`build_context(ctx)`) and `book` the `ChartBook` when several drafts are rendered from
    one evaluation (each chart is then drawn once).
    Charts (kinds with charts, county projects) go to a 图表/ folder beside a Markdown file; a .docx embeds them."""
    kind = _kind(kind)
    if fmt not in FORMATS:
        raise DossierError(Problem(f"未知的输出格式“{fmt}”", hint="可用 docx 或 md"))
    out_path = Path(out_path)
    check_out_path(out_path, fmt)
    base = base if base is not None else build_context(ctx)
    context = kind_context(base, ctx, kind)
    wants_charts = kind.charts
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        if wants_charts:
            chart_dir = out_path.parent / CHART_DIR
            charts = _charts(ctx, base, chart_dir, prefix=f"{ctx.project.short_name}-", book=book)
            for c in charts:
                c["link"] = f"{CHART_DIR}/{c['name']}"
            context["charts"] = charts

        def figure(chart: dict, width_mm: float = 150):
            return f"![{chart['stage']}{chart['title']}]({chart['link']})"

        text, _, _ = _render_md_with(ctx, kind, context, figure)
        tmp = out_path.with_name(out_path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out_path)
        return out_path
    with tempfile.TemporaryDirectory(prefix=cleanup.prefix("charts")) as tmpdir:
        if wants_charts:
            context["charts"] = _charts(ctx, base, Path(tmpdir), prefix="", book=book)
        tmp = out_path.with_name(out_path.name + ".tmp")
        try:
            _docx_render(ctx, kind, context, tmp)
            tmp.replace(out_path)
        finally:
            if tmp.exists():
                tmp.unlink()
    return out_path


def _render_md_with(ctx, kind, context, figure):
    context = dict(context)
    # `figure` is a template global in both formats
    path, shown = template_path(ctx, kind, "md")
    env = md_env([path.parent])
    env.globals["figure"] = figure
    try:
        template = env.get_template(path.name)
        text = template.render(context)
    except DossierError:
        raise
    except Exception as exc:
        line = template_lineno(exc, str(path))
        message, hint = explain(exc)
        if is_unclosed(exc):
            try:
                start = unclosed_block_line(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                start = None
            if start:
                line = start
                message += "，该块从本行开始"
        raise DossierError(Problem(message, file=shown, line=line, hint=hint)) from None
    return _tidy_md(text), path, shown


def render_all(ctx, out_dir: Path, formats: Iterable[str] = FORMATS, *, chart_cache: Path | None = None,
               jobs: int = 1, context=None) -> list[Path]:
    """Every kind in every format into `out_dir`, named `<单位简称>义务教育<…>发展<文种>.<fmt>`. Each chart is
    drawn once (and kept in `chart_cache`, the build cache's folder, when given); with `jobs` > 1 the charts and
    the drafts are made in that many worker processes, with the same bytes as a serial run."""
    from dossier.drafts.pool import render_many
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = [(kind, fmt, out_dir / kinds.file_name(ctx, kind, fmt))
             for kind in kinds.for_level(ctx.project.level) for fmt in formats]
    return render_many(ctx, items, chart_cache=chart_cache, jobs=jobs, context=context)

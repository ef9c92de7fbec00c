"""Write the offline site into BUILD_DIR/网页/: the pages (from the package's Jinja2 templates, autoescaped), the
search index as a script file (`search-index.js`, read by a <script> tag, so it works from file:// where fetch is
refused), the stylesheet and the search script. Links to the volumes, drafts and set files are relative
(`../packets/….pdf#page=N`), so the build folder can be copied anywhere. No clock, no random, sorted output:
the same build gives the same bytes.

The checksum page lists every output of the build outside 网页/ (and every source file), hashed when the site is
written — after the volumes and set files, before manifest.json. The site cannot list its own files or the
manifest (which lists the site), so it says so and points to manifest.json for those.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jinja2

from dossier import __version__
from dossier.core.zh import date_cn
from dossier.publish.manifest import MANIFEST, scan_outputs
from dossier.publish.site import pages

SITE_DIR = "网页"
ASSETS = ("site.css", "site.js")


def _env() -> jinja2.Environment:
    root = resources.files("dossier.publish.site") / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root)), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["href"] = pages.href
    return env


def checksums(build_dir: Path, known: dict[str, tuple[int, str]]) -> list[dict]:
    """Every output already in the build folder, except the site itself and the manifest."""
    return [e for e in scan_outputs(build_dir, known)
            if not e["path"].startswith(SITE_DIR + "/") and e["path"] != MANIFEST]


def write_site(ctx, build_dir: Path, *, volumes: list, collection, drafts: list[Path], table: Path | None,
               set_files: list[Path], sources: list[dict], build_time, known: dict | None = None) -> list[Path]:
    """Write 网页/ into `build_dir` (the temporary build folder); the files written, sorted."""
    build_dir = Path(build_dir)
    site = build_dir / SITE_DIR
    site.mkdir(parents=True, exist_ok=True)
    ev, project, fw = ctx.evaluation, ctx.project, ctx.framework
    indicators = pages.indicator_pages(ctx, volumes, collection)
    rel = lambda p: Path(p).relative_to(build_dir).as_posix()  # noqa: E731
    common = {
        "unit": project.unit_name, "short": project.short_name or project.unit_name, "year": project.year,
        "framework": {"id": fw.id, "title": fw.title, "basis": fw.basis, "kind": fw.kind},
        "level": "学校" if project.level == "school" else "县",
        "built": date_cn(build_time.date()), "build_time": build_time.replace(microsecond=0).isoformat(),
        "version": __version__, "score": pages.score_of(ev), "manifest": MANIFEST,
    }
    drafts_rows = sorted({(Path(p).stem, rel(p)) for p in drafts if Path(p).is_file()})
    out: list[Path] = []
    env = _env()

    def page(name: str, template: str, **data) -> None:
        text = env.get_template(template).render(**common, **data, current=name)
        path = site / name
        path.write_text(text, encoding="utf-8")
        out.append(path)

    page("index.html", "index.html.j2", areas=pages.areas(indicators, ev), vetoes=ev.vetoes,
         n_gaps=len(ev.gaps), n_docs=sum(len(i["docs"]) for i in indicators), n_volumes=len(volumes),
         survey=ev.survey, schools=len({s.code for s in ev.schools}))
    for i, ind in enumerate(indicators):
        prev = indicators[i - 1] if i else None
        nxt = indicators[i + 1] if i + 1 < len(indicators) else None
        page(ind["page"], "indicator.html.j2", ind=ind, prev=prev, next=nxt)
    page("schools.html", "schools.html.j2", matrix=pages.matrix(ev))
    page("gaps.html", "gaps.html.j2", gaps=ev.gaps, indicators={i["code"]: i for i in indicators})
    page("drafts.html", "drafts.html.j2", drafts=_group_drafts(drafts_rows),
         table=rel(table) if table and Path(table).is_file() else "")
    page("catalog.html", "catalog.html.j2", volumes=pages.catalog(volumes),
         set_files=[rel(p) for p in set_files if Path(p).is_file()])
    page("checksums.html", "checksums.html.j2", outputs=checksums(build_dir, known or {}), sources=sources)
    index = json.dumps(pages.search_index(indicators), ensure_ascii=False, separators=(",", ":"))
    (site / "search-index.js").write_text(f"window.DOSSIER_SEARCH = {index};\n", encoding="utf-8")
    out.append(site / "search-index.js")
    for name in ASSETS:
        data = (resources.files("dossier.publish.site") / "assets" / name).read_bytes()
        (site / name).write_bytes(data)
        out.append(site / name)
    return sorted(out)


def _group_drafts(rows: list[tuple[str, str]]) -> list[dict]:
    """One entry per draft with its .docx and .md (and other files, e.g. charts, left out)."""
    by_stem: dict[str, dict] = {}
    for stem, path in rows:
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in ("docx", "md") and Path(path).parent.name == "drafts":
            by_stem.setdefault(stem, {"title": stem, "files": []})["files"].append((suffix, path))
    return [by_stem[k] for k in sorted(by_stem)]

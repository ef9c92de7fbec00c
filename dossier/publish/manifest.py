"""manifest.json and `dossier verify`.

`write_manifest` writes manifest.json last in a build: the dossier version, framework and build time, and for
every source file (the content folder's inventory) and every output file its path, size and SHA-256, sorted so
that the same inputs give the same bytes. `verify(build_dir)` re-hashes the outputs listed there and reports each
one that changed, is missing, or was added.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from dossier import __version__
from dossier.core.errors import Problem
from dossier.core.files import sha256_file

MANIFEST = "manifest.json"



def scan_sources(inventory) -> list[dict]:
    """Every file of the content folder (its inventory: hidden files, Office lock files and names that are not
    UTF-8 aside), with size and SHA-256, sorted by path."""
    out = []
    for rel, path in inventory.files():
        digest, size = inventory.digest(path)
        out.append({"path": rel, "size": size, "sha256": digest})
    return out


def scan_outputs(build_dir: Path, known: dict[str, tuple[int, str]] | None = None) -> list[dict]:
    """Every file in the build folder except manifest.json; `known` maps relative paths to (size, sha256)."""
    build_dir = Path(build_dir)
    known = known or {}
    out = []
    for path in sorted(p for p in build_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(build_dir).as_posix()
        if rel == MANIFEST:
            continue
        size = path.stat().st_size
        hit = known.get(rel)
        digest = hit[1] if hit is not None and hit[0] == size else sha256_file(path)[0]
        out.append({"path": rel, "size": size, "sha256": digest})
    out.sort(key=lambda e: e["path"])
    return out


def write_manifest(build_dir: Path, project, framework, build_time: dt.datetime, sources: list[dict],
                   known_outputs: dict[str, tuple[int, str]] | None = None) -> Path:
    """manifest.json: version, framework, build time, every source and output file; sorted keys and lists."""
    build_dir = Path(build_dir)
    doc = {
        "dossier": __version__,
        "framework": {"id": framework.id, "title": framework.title},
        "project": project.name,
        "unit": project.unit_name,
        "build_time": build_time.replace(microsecond=0).isoformat(),
        "sources": sources,
        "outputs": scan_outputs(build_dir, known_outputs),
    }
    path = build_dir / MANIFEST
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_manifest(build_dir: Path) -> dict:
    return json.loads((Path(build_dir) / MANIFEST).read_text(encoding="utf-8"))


def verify(build_dir: Path | str) -> list[Problem]:
    """Re-hash every output listed in BUILD_DIR/manifest.json; one Problem per file that changed, is missing,
    or is in the folder without being listed. An empty list means the build is exactly as it was written."""
    build_dir = Path(build_dir)
    manifest = build_dir / MANIFEST
    if not build_dir.is_dir():
        return [Problem(f"构建文件夹不存在：{build_dir}")]
    if not manifest.is_file():
        return [Problem("缺少 manifest.json，无法核验", file=str(build_dir),
                        hint="请指定 dossier build 的输出文件夹，如 build/示例县")]
    try:
        data = read_manifest(build_dir)
        listed = {e["path"]: e for e in data["outputs"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [Problem(f"manifest.json 无法读取：{exc}", file=str(manifest), hint="该文件已损坏，请重新构建")]
    problems = []
    for rel, entry in sorted(listed.items()):
        path = build_dir / rel
        shown = str(build_dir / rel)
        if not path.is_file():
            problems.append(Problem("文件缺失", file=shown))
            continue
        size = path.stat().st_size
        if size != entry.get("size"):
            problems.append(Problem(f"文件已改动（大小 {entry.get('size')} → {size} 字节）", file=shown))
            continue
        if sha256_file(path)[0] != entry.get("sha256"):
            problems.append(Problem("文件已改动（SHA-256 校验值不符）", file=shown))
    for path in sorted(p for p in build_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(build_dir).as_posix()
        if rel != MANIFEST and rel not in listed:
            problems.append(Problem("多出的文件（未列入 manifest.json）", file=str(path)))
    return problems

"""manifest.json and `dossier verify`.

`write_manifest` writes manifest.json last in a build: the dossier version, framework and build time, and for
every source file (the content folder's inventory) and every output file its path, size and SHA-256, sorted so
that the same inputs give the same bytes. `verify(build_dir)` re-hashes the outputs listed there and reports each
one that changed, is missing, or was added. manifest.json itself is covered by `manifest.json.sha256` (its SHA-256
in sha256sum's format), so an edited manifest is detected too. A BagIt bag made by `dossier package` is verified
as a bag (bagit's own validation of its SHA-256 and SHA-512 manifests) and then as the build in its data/.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from dossier import __version__
from dossier.core.errors import Problem
from dossier.core.files import sha256_file

MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.json.sha256"
_OWN = (MANIFEST, MANIFEST_SUM)



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
        if rel in _OWN:
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
        "archive": _archive(project),
        "sources": sources,
        "outputs": scan_outputs(build_dir, known_outputs),
    }
    path = build_dir / MANIFEST
    data = (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    path.write_bytes(data)
    (build_dir / MANIFEST_SUM).write_text(f"{hashlib.sha256(data).hexdigest()}  {MANIFEST}\n", encoding="utf-8")
    return path


def _archive(project) -> dict:
    """How the volumes are filed, for the archival package's bag-info."""
    a = getattr(getattr(project, "config", None), "archive", None)
    if a is None:
        return {}
    return {"fonds": a.fonds or project.unit_name, "scheme": a.scheme, "retention": a.retention}


def read_manifest(build_dir: Path) -> dict:
    """A build's manifest.json (in data/ for an archival package)."""
    build_dir = Path(build_dir)
    if (build_dir / "bagit.txt").is_file():
        build_dir = build_dir / "data"
    return json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))


def verify(build_dir: Path | str) -> list[Problem]:
    """Re-hash every output listed in BUILD_DIR/manifest.json; one Problem per file that changed, is missing,
    or is in the folder without being listed. An empty list means the build is exactly as it was written."""
    build_dir = Path(build_dir)
    manifest = build_dir / MANIFEST
    if not build_dir.is_dir():
        return [Problem(f"构建文件夹不存在：{build_dir}")]
    if (build_dir / "bagit.txt").is_file():
        return verify_bag(build_dir)
    if not manifest.is_file():
        return [Problem("缺少 manifest.json，无法核验", file=str(build_dir),
                        hint="请指定 dossier build 的输出文件夹，如 build/示例县")]
    try:
        data = read_manifest(build_dir)
        listed = {e["path"]: e for e in data["outputs"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [Problem(f"manifest.json 无法读取：{exc}", file=str(manifest), hint="该文件已损坏，请重新构建")]
    own = _check_own_sum(build_dir)
    if own is not None:
        return [own]
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
        if rel not in _OWN and rel not in listed:
            problems.append(Problem("多出的文件（未列入 manifest.json）", file=str(path)))
    return problems


def _check_own_sum(build_dir: Path) -> Problem | None:
    """manifest.json against manifest.json.sha256: a Problem when it was edited (or its checksum is missing)."""
    manifest, side = build_dir / MANIFEST, build_dir / MANIFEST_SUM
    if not side.is_file():
        return Problem("缺少 manifest.json.sha256，无法确认 manifest.json 未被改动", file=str(side),
                       hint="请重新运行 dossier build")
    try:
        expected = side.read_text("utf-8").split()[0].lower()
    except (OSError, UnicodeDecodeError, IndexError):
        return Problem("manifest.json.sha256 无法读取", file=str(side), hint="请重新运行 dossier build")
    if sha256_file(manifest)[0] != expected:
        return Problem("manifest.json 已被改动（与 manifest.json.sha256 记录的 SHA-256 不符）", file=str(manifest),
                       hint="清单本身不可手工修改；请重新运行 dossier build")
    return None


def verify_bag(bag_dir: Path) -> list[Problem]:
    """A BagIt bag of a build: bagit's validation (every payload file against the SHA-256 and SHA-512 manifests,
    the tag manifests, Payload-Oxum), then the build in data/ against its own manifest.json."""
    from dossier.publish.package import validate_bag
    problems = validate_bag(bag_dir)
    data = bag_dir / "data"
    if (data / MANIFEST).is_file():           # names each changed file even where bagit stops at Payload-Oxum
        problems += [p for p in verify(data) if p not in problems]
    return problems

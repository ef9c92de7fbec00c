"""`dossier package`: a build as an archival package, a BagIt bag (RFC 8493) written with bagit-python.

The build is verified first (its manifest.json and every output); then it is copied into a temporary folder beside
OUT, made into a bag there (payload in data/, manifest-sha256.txt and manifest-sha512.txt over the payload, the
same two as tag manifests, bag-info.txt), and renamed to OUT when complete, so a half-written package is never
left under OUT's name. bag-info.txt says who and what: 全宗名称, the 档号 scheme, the unit, the framework and the
build time, as BagIt's own fields (Source-Organization, Bagging-Date, External-Identifier…) and in Chinese ones.
Bagging-Date is the build's date, never today's, so packaging the same build twice gives the same tag files.
`dossier verify OUT` validates the bag and then the build inside it.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from dossier.core.errors import DossierError, Problem
from dossier.publish import manifest as _manifest

ALGORITHMS = ("sha256", "sha512")


def bag_info(data: dict) -> dict[str, str]:
    """bag-info.txt from a build's manifest.json."""
    arch = data.get("archive") or {}
    fw = data.get("framework") or {}
    built = str(data.get("build_time", ""))
    info = {
        "Source-Organization": arch.get("fonds") or data.get("unit", ""),
        "Organization-Address": data.get("unit", ""),
        "External-Description": f"{data.get('unit', '')}{fw.get('title', '')}迎检材料（dossier 构建）",
        "External-Identifier": f"{data.get('project', '')}-{built[:10]}",
        "Bagging-Date": built[:10],
        "全宗名称": arch.get("fonds") or data.get("unit", ""),
        "档号规则": arch.get("scheme", ""),
        "保管期限": arch.get("retention", ""),
        "单位": data.get("unit", ""),
        "项目": data.get("project", ""),
        "指标框架": f"{fw.get('id', '')} {fw.get('title', '')}".strip(),
        "构建时间": built,
        "dossier版本": str(data.get("dossier", "")),
    }
    return {k: v for k, v in info.items() if v}


def package(build_dir: Path | str, out: Path | str) -> Path:
    """Write the build in `build_dir` as a BagIt bag at `out` (which must not exist yet); the bag's path."""
    import bagit

    build_dir, out = Path(build_dir), Path(os.path.abspath(out))
    if not build_dir.is_dir():
        raise DossierError(Problem(f"构建文件夹不存在：{build_dir}", hint="请先运行 dossier build，再指定其输出文件夹"))
    if (build_dir / "bagit.txt").is_file():
        raise DossierError(Problem("该文件夹已是归档包", file=str(build_dir), hint="请指定 dossier build 的输出文件夹"))
    problems = _manifest.verify(build_dir)
    if problems:
        raise DossierError([Problem("构建结果未通过核验，不能打包：" + p.message, file=p.file, hint=p.hint)
                            for p in problems])
    if out.exists() or out.is_symlink():
        raise DossierError(Problem(f"输出位置已存在：{out}", hint="请另选一个尚不存在的文件夹作为归档包位置"))
    build_abs = build_dir.resolve()
    if out == build_abs or build_abs in out.parents:
        raise DossierError(Problem(f"归档包不能写在构建文件夹之内：{out}", hint="请另选构建文件夹以外的位置"))
    data = _manifest.read_manifest(build_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        shutil.copytree(build_dir, staging, dirs_exist_ok=True, symlinks=False, copy_function=shutil.copy2)
        _quiet()
        bagit.make_bag(str(staging), bag_info=bag_info(data), processes=1, checksums=list(ALGORITHMS),
                       encoding="utf-8")
        os.rename(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def _quiet() -> None:
    logging.getLogger("bagit").setLevel(logging.CRITICAL)      # bagit logs in English; dossier reports itself


def validate_bag(bag_dir: Path | str) -> list[Problem]:
    """bagit's full validation of the bag at `bag_dir` (every checksum of every manifest); Problems in Chinese."""
    import bagit

    _quiet()
    bag_dir = Path(bag_dir)
    try:
        bag = bagit.Bag(str(bag_dir))
        bag.validate(processes=1)
    except bagit.BagValidationError as e:
        out = []
        for d in getattr(e, "details", None) or []:
            path = str(bag_dir / getattr(d, "path", ""))
            if isinstance(d, bagit.ChecksumMismatch):
                out.append(Problem(f"归档包中的文件已改动（{d.algorithm} 校验值不符）", file=path))
            elif isinstance(d, bagit.FileMissing):
                out.append(Problem("归档包中的文件缺失", file=path))
            elif isinstance(d, bagit.UnexpectedFile):
                out.append(Problem("归档包中多出的文件（未列入 BagIt 清单）", file=path))
            else:
                out.append(Problem("归档包校验未通过", file=path))
        return out or [Problem("归档包校验未通过（BagIt 清单或 Payload-Oxum 记录的文件数量、大小与内容不符）",
                               file=str(bag_dir),
                               hint="请从构建结果重新运行 dossier package")]
    except bagit.BagError:
        return [Problem("不是有效的 BagIt 归档包（bagit.txt 或清单文件缺失、损坏）", file=str(bag_dir),
                        hint="请从构建结果重新运行 dossier package")]
    return []

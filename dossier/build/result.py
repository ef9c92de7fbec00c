"""What a build returns: where everything was written, what was rebuilt and what reused, the problems skipped
with --keep-going, and the timings; and the Chinese lines `dossier build` prints about it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier.build.folder import DRAFTS
from dossier.core.errors import Problem


@dataclass
class BuildResult:
    project: str                   # the content folder's name
    unit: str                      # 单位全称
    build_dir: Path
    volumes: list = field(default_factory=list)          # evidence.volume.Volume, paths inside build_dir
    drafts: list[Path] = field(default_factory=list)
    table: Path | None = None
    set_files: list[Path] = field(default_factory=list)  # 总目录.pdf, 脊背.pdf, 覆盖情况.md
    manifest: Path | None = None
    site: list[Path] = field(default_factory=list)       # 网页/: the offline site's files
    problems: list[Problem] = field(default_factory=list)  # with --keep-going: listed in the volume notes
    rebuilt: int = 0               # volumes bound in this build
    reused: int = 0                # volumes taken from the cache
    converted: int = 0             # documents converted in this build
    conversions_cached: int = 0    # documents whose conversion came from the cache
    documents: int = 0             # evidence documents bound (drafts bound as evidence included)
    drafts_reused: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    inputs: dict[str, list[Path]] = field(default_factory=dict)  # leaf → the PDFs bound, in order (for bench)

    @property
    def pages(self) -> int:
        """Numbered (content) pages of all volumes: covers, indexes and notes are not counted (DA/T 22)."""
        return sum(v.pages for v in self.volumes)

    @property
    def total_pages(self) -> int:
        """Pages of all volume files, covers, indexes and notes included."""
        return sum(v.total_pages for v in self.volumes)

    def relocated(self, old: Path, new: Path) -> "BuildResult":
        """The same result with every path under `old` (the temporary folder) moved to `new`."""
        import dataclasses

        def move(p: Path) -> Path:
            try:
                return new / Path(p).relative_to(old)
            except ValueError:
                return p

        self.volumes = [dataclasses.replace(v, path=move(v.path)) for v in self.volumes]
        self.drafts = [move(p) for p in self.drafts]
        self.table = move(self.table) if self.table else None
        self.set_files = [move(p) for p in self.set_files]
        self.manifest = move(self.manifest) if self.manifest else None
        self.site = [move(p) for p in self.site]
        self.build_dir = new
        return self

    def summary(self, shown=str) -> list[str]:
        """The Chinese lines `dossier build` prints; `shown` formats a path for the reader."""
        lines = [f"{self.project}（{self.unit}）：构建完成，输出在 {shown(self.build_dir)}/"]
        if self.volumes:
            codes = len({v.code for v in self.volumes})
            lines.append(f"  佐证材料：{codes} 项指标 {len(self.volumes)} 卷，{self.documents} 件，{self.pages} 页"
                         f"（重新装订 {self.rebuilt} 卷，沿用上次 {self.reused} 卷；"
                         f"转换 {self.converted} 个文件，沿用缓存 {self.conversions_cached} 个）")
        else:
            lines.append("  佐证材料：没有找到佐证材料（evidence/ 文件夹为空或不存在），未装订案卷")
        if self.drafts:
            kinds = len({p.stem for p in self.drafts})
            lines.append(f"  文稿：{kinds} 种 {len(self.drafts)} 个文件，在 {shown(self.build_dir / DRAFTS)}/"
                         + ("（沿用上次结果）" if self.drafts_reused else ""))
        if self.table:
            lines.append(f"  评估表：{shown(self.table)}")
        if self.set_files:
            lines.append("  总目录、脊背、覆盖情况：" + "、".join(p.name for p in self.set_files) + "，清单 manifest.json")
        if self.site:
            lines.append(f"  网页：{shown(self.build_dir / '网页' / 'index.html')}"
                         "（可直接用浏览器打开，无需联网）")
        if self.problems:
            lines.append(f"  有 {len(self.problems)} 个问题已按 --keep-going 跳过（记入相应案卷的卷内备考表；"
                         f"不属于任何指标的记入覆盖情况.md）：")
            lines += [f"    - {p}" for p in self.problems]
        lines.append(f"  用时 {self.timings.get('total', 0):.1f} 秒")
        return lines

    def to_json(self) -> dict:
        return {"project": self.project, "build_dir": str(self.build_dir), "volumes": len(self.volumes),
                "pages": self.pages, "total_pages": self.total_pages, "documents": self.documents,
                "rebuilt": self.rebuilt, "reused": self.reused, "converted": self.converted,
                "conversions_cached": self.conversions_cached, "drafts": len(self.drafts),
                "drafts_reused": self.drafts_reused, "problems": [str(p) for p in self.problems],
                "timings": {k: round(v, 3) for k, v in self.timings.items()}}

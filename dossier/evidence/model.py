"""The evidence documents as collected: one `EvidenceDoc` per file (its metadata, content hash and binding order)
and the `Collection` of a project (documents per leaf, and the problems found, each owned by its leaf).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier.core.errors import DossierError, Problem

EVIDENCE_DIR = "evidence"


@dataclass
class EvidenceDoc:
    path: Path                 # the file under evidence/ (read only)
    rel: str                   # POSIX path relative to the content folder, e.g. "evidence/C6/a.pdf"
    leaf: str                  # leaf code, e.g. "C6"
    title: str                 # 题名
    doc_no: str                # 文号
    author: str                # 责任者
    date: str                  # YYYYMMDD ("00" for an unknown month or day, DA/T 22), or ""
    note: str                  # 备注
    order: tuple               # sort key within the leaf
    sha256: str
    size: int
    display: str = ""          # how messages name the file (e.g. 示例县/evidence/C6/a.pdf)
    text: str = ""             # the start of the document's own text (its text layer or OCR), set when converted

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Collection:
    by_leaf: dict[str, list[EvidenceDoc]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    folders: dict[str, Path] = field(default_factory=dict)    # leaf code → its (first) evidence folder
    extra_folders: dict[str, list[Path]] = field(default_factory=dict)   # leaf code → further folders (an error)
    owners: dict[int, str] = field(default_factory=dict)      # id(problem) → the leaf it belongs to
    warnings: list[Problem] = field(default_factory=list)     # worth a look, never stops a build

    @property
    def docs(self) -> list[EvidenceDoc]:
        return [d for docs in self.by_leaf.values() for d in docs]

    def assign(self, code: str, problems) -> None:
        for p in problems:
            self.owners[id(p)] = code

    def problems_for(self, code: str) -> list[Problem]:
        """Problems of the leaf (for the volume note with --keep-going): those collect() found in or about its
        folders, and any other problem located inside one of its folders."""
        folders = ([self.folders[code]] if code in self.folders else []) + list(self.extra_folders.get(code, []))
        prefixes = [f.name for f in folders]
        out = []
        for p in self.problems:
            owner = self.owners.get(id(p))
            if owner is not None:
                if owner == code:
                    out.append(p)
                continue
            if p.file and any(f"/{prefix}/" in p.file or p.file.endswith(f"/{prefix}") for prefix in prefixes):
                out.append(p)
        return out

    def raise_if_any(self) -> None:
        if self.problems:
            raise DossierError(self.problems)

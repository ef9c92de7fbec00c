"""The content folders the server was started on, and what the pages read from them: the checked project
(`dossier.api.check`), reloaded only when a fingerprint of the folder (every input file's path, size and
modification time) changes, so that the CLI and the web always see the same project; the indicator assignments,
seeded from 人员.yaml and the framework the first time a project is served."""
from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import Http404

from dossier import api
from dossier.core.errors import DossierError
from dossier.evidence.model import EVIDENCE_DIR

WITHDRAWN = ".已撤回"          # withdrawn files, inside the content folder but never an input (a hidden name)


@dataclass
class Served:
    name: str
    folder: Path
    build_dir: Path


@dataclass
class Loaded:
    fingerprint: str               # of the data files (everything but evidence/), then of evidence/
    check: api.CheckResult | None = None
    error: DossierError | None = None
    units: dict[str, list[str]] = field(default_factory=dict)   # unit → codes (filled from the database)


_lock = threading.Lock()
_project_locks: dict[str, threading.Lock] = {}
_loaded: dict[str, Loaded] = {}


def served() -> dict[str, Served]:
    root = Path(settings.DOSSIER_BUILD_ROOT)
    return {name: Served(name, Path(folder), api.default_build_dir(folder, root))
            for name, folder in settings.DOSSIER_PROJECTS.items()}


def get(name: str) -> Served:
    found = served().get(name)
    if found is None:
        raise Http404("没有这个项目")
    return found


def fingerprint(folder: Path, part: str = "all") -> str:
    """A digest of every input file's relative path, size and modification time (hidden files aside): of the
    whole folder, of its data files only (`part="data"`: everything but evidence/), or of evidence/ only."""
    h = hashlib.sha256()
    top = Path(folder) / EVIDENCE_DIR if part == "evidence" else Path(folder)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (part == "data" and dirpath == str(top) and d == EVIDENCE_DIR))
        for name in sorted(filenames):
            if name.startswith(".") or name.startswith("~$"):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            h.update(f"{os.path.relpath(path, folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "replace"))
    return h.hexdigest()


def _project_lock(name: str) -> threading.Lock:
    with _lock:
        return _project_locks.setdefault(name, threading.Lock())


def load(project: Served) -> Loaded:
    """The checked project, from the cache while the folder is unchanged; when only evidence/ changed, the
    computed facts are kept and only the evidence is collected again."""
    data_fp, evidence_fp = fingerprint(project.folder, "data"), fingerprint(project.folder, "evidence")
    fp = f"{data_fp}:{evidence_fp}"
    cached = _loaded.get(project.name)
    if cached is not None and cached.fingerprint == fp:
        return cached
    with _project_lock(project.name):
        cached = _loaded.get(project.name)
        if cached is not None and cached.fingerprint == fp:
            return cached
        context = None
        if cached is not None and cached.check is not None and cached.fingerprint.split(":")[0] == data_fp:
            context = cached.check.context
        try:
            loaded = Loaded(fp, check=api.check(project.folder, context=context))
        except DossierError as exc:
            loaded = Loaded(fp, error=exc)
        _loaded[project.name] = loaded
        if loaded.check is not None:
            seed_assignments(project.name, loaded.check)
        return loaded


_RANGE = re.compile(r"([A-Z])(\d+)(?:\s*[—–\-~～至到]+\s*(?:[A-Z])?(\d+))?")


def codes_in(text: str, known: list[str]) -> list[str]:
    """Indicator codes named in a duty: C8—C22 (a range) or C6 (one), in the order the framework has them."""
    found = set()
    for letter, a, b in _RANGE.findall(text):
        last = int(b) if b else int(a)
        found.update(f"{letter}{n}" for n in range(int(a), last + 1))
    return [c for c in known if c in found]


def default_assignments(check: api.CheckResult) -> list[tuple[str, str]]:
    """(code, unit) pairs from the framework's 牵头单位, the 工作专班 duties of 人员.yaml that name indicators,
    the 部门职责 that do, and every school for the indicators evaluated per school."""
    ctx = check.context
    fw, people = ctx.framework, ctx.facts.people
    leaves = [leaf.code for leaf in fw.leaves()]
    pairs: list[tuple[str, str]] = []
    for leaf in fw.leaves():
        for unit in re.split(r"[、，,；;]", leaf.lead or ""):
            if unit.strip():
                pairs.append((leaf.code, unit.strip()))
    for group in people.working_groups:
        for code in codes_in(" ".join(group.duties), leaves):
            pairs.append((code, group.name))
    for dept, duty in people.department_duties:
        for code in codes_in(duty, leaves):
            pairs.append((code, dept))
    for school in ctx.evaluation.schools:
        for code in school.indicators:
            pairs.append((code, school.name))
    return list(dict.fromkeys(pairs))


def seed_assignments(name: str, check: api.CheckResult) -> None:
    from dossier.web.models import Assignment
    if Assignment.objects.filter(project=name).exists():
        return
    Assignment.objects.bulk_create([Assignment(project=name, code=c, unit=u) for c, u in default_assignments(check)],
                                   ignore_conflicts=True)


def assignments(name: str) -> dict[str, list[str]]:
    """unit → the codes it answers for."""
    from dossier.web.models import Assignment
    out: dict[str, list[str]] = {}
    for code, unit in Assignment.objects.filter(project=name).values_list("code", "unit"):
        out.setdefault(unit, []).append(code)
    return out

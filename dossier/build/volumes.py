"""The evidence volumes of a build: every document converted (cached by content hash across builds), the drafts
the framework names as evidence added to their leaves, and one volume per leaf that applies to the project bound
through the volume cache: a volume whose inputs did not change is hard-linked from the cache, the others are bound
in worker processes (binding is CPU-bound Python and qpdf work; threads would not overlap). The workers are forked
from a clean server process (multiprocessing's forkserver), never from the caller, which may be a threaded server.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from dossier.build import cache
from dossier.build import bindworker
from dossier.build.builders import FORKSERVER_PRELOAD, State, VolumesBuilder, register
from dossier.build.folder import DRAFTS, PACKETS
from dossier.core.errors import DossierError, Problem
from dossier.evidence.collect import make_doc
from dossier.evidence.converters import Converter
from dossier.evidence.volume import Volume
from dossier.drafts import kinds

BIND_MODULES = ("dossier.evidence.volume",)


def applies(project, leaf) -> bool:
    """Whether a leaf is assessed for this project: county-only indicators are not a school's."""
    return not (project.level == "school" and leaf.scope == "county")


def draft_evidence(state: State) -> dict[str, list]:
    """The drafts the framework names as evidence (settings.draft_evidence: {kind: [codes]}), as EvidenceDocs per
    leaf, in the order the setting lists them, dated as the kind is dated. Kinds not drafted are skipped."""
    project, fw = state.ctx.project, state.ctx.framework
    docx = [p for p in state.result.drafts if p.suffix.lower() == ".docx"]
    index = fw.index()
    out: dict[str, list] = {}
    for n, (name, codes) in enumerate(fw.settings.draft_evidence.items()):
        match = next((p for p in docx if name in p.stem), None)
        if match is None:
            continue
        kind = next((k for k in kinds.KINDS.values() if name in (k.name, k.school_label, *k.aliases)), None)
        date = kind.date(project) if kind else None
        for code in codes:
            if not applies(project, index[code]):
                continue
            doc = make_doc(match, code, rel=f"{DRAFTS}/{match.name}", title=match.stem, author=project.signatory,
                           date=date.strftime("%Y%m%d") if date else "", note="dossier 依据项目数据生成的文稿",
                           order=(9, n, match.name), display=f"{DRAFTS}/{match.name}")
            out.setdefault(code, []).append(doc)
    return out


def convert(state: State, by_leaf: dict[str, list]) -> tuple[dict, list]:
    """Every document as PDF (keyed by content hash), and the (document, problem) pairs that failed."""
    docs = [d for ds in by_leaf.values() for d in ds]
    converter = Converter(state.cache / "convert", timeout=120)
    step = state.progress.stage("转换", len({d.sha256 for d in docs}))
    try:
        converted = converter.convert_all(docs, progress=step)
    finally:
        step.close()
    result = state.result
    result.conversions_cached = int(converter.stats.get("cached", 0))
    for kind, seconds in converter.seconds.items():           # what each kind of source took (the bench's figures)
        result.timings[f"convert_{kind}"] = seconds
    result.converted = len({d.sha256 for d in docs}) - result.conversions_cached
    failures = []
    for doc in docs:
        conv = converted.get(doc.sha256)
        if conv is None or conv.problem is not None or conv.pdf is None:
            problem = conv.problem if conv is not None and conv.problem is not None else \
                Problem("文件未能转换为 PDF", file=doc.display or doc.rel)
            if problem.file != (doc.display or doc.rel):
                problem = dataclasses.replace(problem, file=doc.display or doc.rel)
            failures.append((doc, problem))
    return converted, failures


def _fingerprint(doc, conv) -> dict:
    return {"rel": doc.rel, "title": doc.title, "doc_no": doc.doc_no, "author": doc.author, "date": doc.date,
            "note": doc.note, "order": doc.order, "sha256": doc.sha256, "size": doc.size, "leaf": doc.leaf,
            "display": doc.display, "pages": getattr(conv, "pages", None), "converted_note": getattr(conv, "note", ""),
            "repaired": getattr(conv, "repaired", False),
            "pdf_is_source": conv is not None and conv.pdf is not None and Path(conv.pdf) == Path(doc.path)}


def volume_key(state: State, leaf, docs: list, converted: dict, problems: list) -> str:
    project, fw = state.ctx.project, state.ctx.framework
    return cache.digest({
        "format": cache.CACHE_FORMAT, "code": cache.code_digest(*BIND_MODULES, memo=state.cache / cache.CODE_MEMO),
        "framework": fw.id,
        "leaf": {"code": leaf.code, "title": leaf.title, "standard": leaf.standard, "evidence": leaf.evidence,
                 "path": [(n.code, n.title) for n in leaf.path()]},
        "unit": project.unit.model_dump(), "archive": project.config.archive.model_dump(mode="json"),
        "year": project.year, "years": project.evidence_years, "build_time": state.build_time.isoformat(),
        "env": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "docs": [_fingerprint(d, converted.get(d.sha256)) for d in docs],
        "problems": [str(p) for p in problems],
    })


def _volume_to_json(volume: Volume, packets: Path) -> dict:
    out = {}
    for f in dataclasses.fields(volume):
        value = getattr(volume, f.name)
        if f.name == "path":
            out["path"] = Path(value).relative_to(packets).as_posix()
        elif f.name == "docs":
            out["docs"] = [[doc.rel, start, end] for doc, start, end in value]
        else:
            out[f.name] = cache.to_json(value)
    return out


def volume_record(volume: Volume, state: State) -> dict:
    """A volume as its cache entry records it (what the set files are made from)."""
    return _volume_to_json(volume, state.tmp / PACKETS)


def _volume_from_json(data: dict, packets: Path, docs: list) -> Volume:
    by_rel = {d.rel: d for d in docs}
    kwargs = {}
    for key, value in data.items():
        if key == "path":
            kwargs[key] = packets / value
        elif key == "docs":
            kwargs[key] = [(by_rel[rel], start, end) for rel, start, end in value]
        else:
            kwargs[key] = cache.from_json(value)
    return Volume(**kwargs)


def cached_volumes(entry: Path, packets: Path, docs: list) -> list[Volume] | None:
    """The volumes of a cache entry placed into `packets`, or None (a miss, or an entry that was tampered with)."""
    meta = cache.reuse(entry, packets)
    if meta is None:
        return None
    try:
        return [_volume_from_json(v, packets, docs) for v in meta["volumes"]]
    except (KeyError, TypeError, ValueError):
        shutil.rmtree(entry, ignore_errors=True)
        return None


def store_volumes(folder: Path, key: str, vols: list[Volume], packets: Path) -> None:
    cache.store(folder, key, packets, [Path(v.path) for v in vols],
                {"volumes": [_volume_to_json(v, packets) for v in vols]})


# ---------------------------------------------------------------------------------------------------- binding

def _bind_misses(state: State, plan: list, misses: list[int], converted: dict, packets: Path):
    """Yield (plan index, volumes) for every leaf not in the cache: in `state.jobs` worker processes when there
    are several, else here."""
    ctx = state.ctx
    step = state.progress.stage("装订", len(misses))

    def task(i: int) -> tuple:
        leaf, docs, problems, _, _ = plan[i]
        return leaf.code, docs, {d.sha256: converted[d.sha256] for d in docs}, problems

    try:
        if state.jobs > 1 and len(misses) > 1 and "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
            with ProcessPoolExecutor(max_workers=min(state.jobs, len(misses)), mp_context=context,
                                     initializer=bindworker.start,
                                     initargs=(ctx.project, ctx.framework, packets, state.build_time)) as pool:
                futures = {pool.submit(bindworker.bind_in_worker, *task(i)): i for i in misses}
                for done, fut in enumerate(as_completed(futures), 1):
                    i = futures[fut]
                    step(done, note=f"{plan[i][0].code} {plan[i][0].title}")
                    yield i, fut.result()
            return
        for done, i in enumerate(misses, 1):
            step(done - 1, note=f"{plan[i][0].code} {plan[i][0].title}")
            code, docs, subset, problems = task(i)
            yield i, bindworker.bind_task(ctx.project, ctx.framework, code, docs, subset, packets, problems,
                                          state.build_time)
            step(done)
    finally:
        step.close()


def _with_docs(volume: Volume, docs: list) -> Volume:
    """A volume whose entries use this process's EvidenceDoc objects (a worker returns copies)."""
    by_rel = {d.rel: d for d in docs}
    return dataclasses.replace(volume, docs=[(by_rel.get(d.rel, d), a, b) for d, a, b in volume.docs])


def _plan(state: State, by_leaf: dict, failed: dict, leaf_problems: dict, converted: dict, packets: Path) -> list:
    """(leaf, docs, problems, key, volumes or None) for every leaf that applies to the project (a school binds no
    county-only indicator unless it has put documents there); cached volumes are placed already."""
    project, fw = state.ctx.project, state.ctx.framework
    leaves = [leaf for leaf in fw.leaves()
              if applies(project, leaf) or by_leaf.get(leaf.code) or leaf_problems.get(leaf.code)]
    plan = []
    for leaf in leaves:
        docs = [d for d in by_leaf.get(leaf.code, []) if id(d) not in failed]
        problems = leaf_problems.get(leaf.code, [])
        key = volume_key(state, leaf, docs, converted, problems)
        vols = cached_volumes(state.cache / "volumes" / key, packets, docs)
        if vols is not None:
            state.result.reused += len(vols)
        plan.append((leaf, docs, problems, key, vols))
        state.result.inputs[leaf.code] = [Path(converted[d.sha256].pdf) for d in docs]
    return plan


class Volumes(VolumesBuilder):
    def run(self, state: State) -> None:
        collection, result = state.collection, state.result
        by_leaf = {code: list(docs) for code, docs in collection.by_leaf.items()}
        for code, extra in draft_evidence(state).items():
            by_leaf.setdefault(code, []).extend(extra)
        result.documents = sum(len(d) for d in by_leaf.values())
        started = time.monotonic()
        converted, failures = convert(state, by_leaf)
        result.timings["convert"] = time.monotonic() - started
        if failures and not state.keep_going:
            raise DossierError([p for _, p in failures])
        leaf_problems = {code: (list(collection.problems_for(code)) if state.keep_going else []) for code in by_leaf}
        for doc, problem in failures:
            leaf_problems.setdefault(doc.leaf, []).append(problem)
        if state.keep_going:
            result.problems = list(dict.fromkeys(list(collection.problems) + [p for _, p in failures]))
        started = time.monotonic()
        packets = state.tmp / PACKETS
        packets.mkdir(parents=True, exist_ok=True)
        plan = _plan(state, by_leaf, {id(d): p for d, p in failures}, leaf_problems, converted, packets)
        misses = [i for i, item in enumerate(plan) if item[4] is None]
        for i, vols in _bind_misses(state, plan, misses, converted, packets):
            leaf, docs, problems, key, _ = plan[i]
            vols = [_with_docs(v, docs) for v in vols]
            store_volumes(state.cache / "volumes", key, vols, packets)
            result.rebuilt += len(vols)
            plan[i] = (leaf, docs, problems, key, vols)
        for _, _, _, key, vols in plan:
            meta = cache.read_meta(state.cache / "volumes" / key) or {}
            for v in vols:
                rel = Path(v.path).relative_to(packets).as_posix()
                entry = meta.get("files", {}).get(rel)
                if entry and "sha256" in entry:
                    state.known_outputs[f"{PACKETS}/{rel}"] = (entry["size"], entry["sha256"])
            result.volumes.extend(vols)
        result.documents = sum(len(docs) for _, docs, _, _, _ in plan)   # what was bound, as the volumes count it
        cache.prune(state.cache / "volumes", {item[3] for item in plan})
        result.timings["bind"] = time.monotonic() - started


register(Volumes, before="publish")

"""The evidence volumes of a build: every document converted (cached by content hash across builds), the drafts
the framework names as evidence added to their leaves, and one volume per leaf that applies to the project bound
through the volume cache: a volume whose inputs did not change is hard-linked from the cache, the others are bound
in worker processes (binding is CPU-bound Python and qpdf work; threads would not overlap). The workers are forked
from a clean server process (multiprocessing's forkserver), never from the caller, which may be a threaded server.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from dossier.build import cache
from dossier.build import bindworker
from dossier.build.builders import State, VolumesBuilder, register, worker_context
from dossier.build.folder import DRAFTS, PACKETS
from dossier.core.errors import DossierError, Problem
from dossier.core.files import is_junk
from dossier.evidence.collect import make_doc
from dossier.evidence.names import parse_filename
from dossier.evidence.converters import Converter
from dossier.evidence.dating import date_undated
from dossier.evidence.ocr import TextLayer
from dossier.evidence.volume import Volume
from dossier.drafts import kinds

BIND_MODULES = ("dossier.evidence.volume",)


def applies(project, leaf) -> bool:
    """Whether a leaf is assessed for this project: county-only indicators are not a school's."""
    return not (project.level == "school" and leaf.scope == "county")


FINAL_DIR = "定稿"


def _finished(project, name: str) -> Path | None:
    """The finished version of a draft the user placed in the content folder's 定稿/ (its name holds `name`)."""
    folder = Path(project.root) / FINAL_DIR
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not is_junk(p.name) and name in p.stem)
    except OSError:
        return None
    return files[0] if files else None


COMPUTED_NOTE = "依据项目数据生成"


def draft_evidence(state: State) -> tuple[dict[str, list], dict[str, list]]:
    """The drafts the framework names as evidence (settings.draft_evidence: {kind: [codes]}), as EvidenceDocs per
    leaf in the order the setting lists them. A kind wholly computed from the data (a statistics table) is bound as
    generated; any other only in its finished version: a file in the content folder's 定稿/, or one the user put
    in the leaf's own evidence folder. Until then the leaf's 备考表 says it is pending: those notes per leaf are
    the second value."""
    project, fw = state.ctx.project, state.ctx.framework
    index = fw.index()
    docx = [p for p in state.result.drafts if p.suffix.lower() == ".docx"]
    out: dict[str, list] = {}
    pending: dict[str, list] = {}
    for n, (name, codes) in enumerate(fw.settings.draft_evidence.items()):
        kind = next((k for k in kinds.KINDS.values() if name in (k.name, k.school_label, *k.aliases)), None)
        computed = kind is not None and kind.computed
        if computed:
            final = next((p for p in docx if name in p.stem), None)
            if final is None:
                continue                                 # not drafted (e.g. no roster): nothing to bind
        else:
            final = _finished(project, name)
        for code in codes:
            if not applies(project, index[code]):
                continue
            if not computed and any(name in d.title for d in state.collection.by_leaf.get(code, [])):
                continue                                 # the user filed the finished document in the leaf
            if final is None:
                pending.setdefault(code, []).append(Problem(
                    f"尚未定稿，未装入本卷（定稿后放入项目文件夹的“{FINAL_DIR}”文件夹即装入）", file=name))
                continue
            out.setdefault(code, []).append(_draft_doc(project, kind, code, final, n, computed))
    return out, pending


def _draft_doc(project, kind, code: str, path: Path, n: int, computed: bool):
    """The EvidenceDoc of a bound draft: a computed one from drafts/, a finished one from 定稿/."""
    date, _, _ = parse_filename(path.stem)
    if not date and kind is not None and kind.date(project):
        date = kind.date(project).strftime("%Y%m%d")
    rel = f"{DRAFTS}/{path.name}" if computed else f"{FINAL_DIR}/{path.name}"
    display = rel if computed else f"{Path(project.root).name}/{rel}"
    return make_doc(path, code, rel=rel, title=path.stem, author=project.signatory, date=date,
                    note=COMPUTED_NOTE if computed else "", order=(9, n, path.name), display=display)


def convert(state: State, by_leaf: dict[str, list]) -> tuple[dict, list]:
    """Every document as PDF (keyed by content hash), and the (document, problem) pairs that failed."""
    docs = [d for ds in by_leaf.values() for d in ds]
    context = worker_context(state.jobs)
    converter = Converter(state.cache / "convert", timeout=120, memo=state.cache / "convert-memo.json",
                          jobs=state.jobs, context=context)
    step = state.progress.stage("转换", len({d.sha256 for d in docs}))
    try:
        converted = converter.convert_all(docs, progress=step)
    finally:
        step.close()
    layer = TextLayer(ocr=state.ctx.project.config.archive.ocr)
    started = time.monotonic()
    converted = layer.apply(docs, converted, jobs=state.jobs, context=context)
    state.result.timings["text_layer"] = time.monotonic() - started
    if date_undated(docs):                        # dated from their own text: the leaves' order may change
        for leaf_docs in by_leaf.values():
            leaf_docs.sort(key=lambda d: d.order)
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
            "repaired": getattr(conv, "repaired", False), "ocr": getattr(conv, "ocr", False), "text": doc.text,
            "pdf_is_source": conv is not None and conv.pdf is not None and os.fspath(conv.pdf) == os.fspath(doc.path)}


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
        context = worker_context(state.jobs) if len(misses) > 1 else None
        if context is not None:
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
        finals, pending = draft_evidence(state)
        for code, extra in finals.items():
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
        for code, notes in pending.items():
            leaf_problems.setdefault(code, []).extend(notes)
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

"""Expected evidence against what is there: each item a leaf expects (`leaf.evidence`, as the framework words
it) split into alternatives (或) and parts (及、和、与), each part's key terms matched against the documents'
题名, 文号 and sub-folder names. The same matching serves the volume note, `dossier check` and 覆盖情况.md, so
they never disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from dossier.evidence.model import EVIDENCE_DIR, EvidenceDoc


# Words that say nothing about WHICH document is meant: who (县域, 各校), when (近三年), what kind of paper (文件,
# 材料, 复印件), and connectives. They are cut out, and what remains between them are the key terms.
_GENERIC = ("近三年", "近3年", "近两年", "近年来", "县级及以上", "县级以上", "各学校", "各校", "各级", "全县", "县域内",
            "县域", "本县", "县级", "义务教育", "学校", "相关", "有关", "复印件", "文件", "材料", "资料", "证明", "措施",
            "情况", "的")


_PART_SPLIT = re.compile(r"[及和与、，,；;/＋+]+")


_ALTERNATIVES = re.compile(r"[或]+")


_KIND_SUFFIX = "表单册账书"


_MIN_PIECE = 2          # a term matches when it can be cut into pieces of ≥ 2 characters that all occur in a title


def _strip_notes(item: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", item)


def key_terms(part: str) -> list[str]:
    """The meaningful terms of one part of an expected item: 教职工编制核定文件 → [教职工编制核定];
    城乡统一的教职工编制标准 → [城乡统一, 教职工编制标准]; 学校布局调整批复文件 → [布局调整批复]."""
    text = _strip_notes(part).replace("及以上", "以上")
    for g in sorted(_GENERIC, key=len, reverse=True):
        text = text.replace(g, "\x00")
    terms = [t.strip() for t in text.split("\x00")]
    return [t for t in terms if len(t) >= _MIN_PIECE]


def _parts(alternative: str) -> list[str]:
    """An alternative split at 及、和、与 into parts, each a document of its own; parts without a key term dropped."""
    text = _strip_notes(alternative).replace("及以上", "\x00")
    out = []
    for chunk in _PART_SPLIT.split(text):
        chunk = chunk.replace("\x00", "及以上").strip()
        terms = key_terms(chunk)
        if terms:
            out.append("".join(terms) if len(terms) == 1 else chunk_display(chunk))
    return out


def chunk_display(chunk: str) -> str:
    """A part as the note names it: the part without leading qualifiers and trailing generic words."""
    text = chunk
    changed = True
    while changed:
        changed = False
        for g in sorted(_GENERIC, key=len, reverse=True):
            if text.startswith(g) and len(text) > len(g) + 1:
                text, changed = text[len(g):], True
            if text.endswith(g) and len(text) > len(g) + 1:
                text, changed = text[:-len(g)], True
    return text


def alternatives(item: str) -> list[list[str]]:
    """An expected item as alternatives (split at 或), each a list of parts (split at 及、和、与)."""
    text = _strip_notes(item)
    alts = [_parts(a) for a in _ALTERNATIVES.split(text)]
    alts = [a for a in alts if a]
    return alts or [[item.strip()]]


def _term_found(term: str, haystack: str) -> bool:
    """Can `term` be cut into pieces of ≥ 2 characters that each occur in `haystack` (in any order)? So
    学校布局规划 ~ …学校布局专项规划…, 编制核定 ~ …核定…编制…, but 采购合同 ≁ 采购资金."""
    if term in haystack:
        return True
    if len(term) >= 4 and term[-1] in _KIND_SUFFIX and _term_found(term[:-1], haystack):
        return True             # 决算表 ~ 决算, 验收单 ~ 验收: the kind of paper is often left out of a title
    n = len(term)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(_MIN_PIECE, n + 1):
        for j in range(0, i - _MIN_PIECE + 1):
            if ok[j] and term[j:i] in haystack:
                ok[i] = True
                break
    return ok[n]


def phrase_found(phrase: str, haystack: str) -> bool:
    """Is every key term of `phrase` in `haystack` (one document's title, 文号 and sub-folder names)?"""
    terms = key_terms(phrase) or [phrase]
    return all(_term_found(t, haystack) for t in terms)


def doc_text(doc: EvidenceDoc) -> str:
    """What the matching looks at: 题名, 文号 and the path inside the leaf folder."""
    parts = doc.rel.split("/")
    inner = "/".join(parts[2:]) if len(parts) > 2 and parts[0] == EVIDENCE_DIR else doc.rel
    return " ".join((doc.title, doc.doc_no, inner))


@dataclass
class ItemCoverage:
    item: str                       # the expected evidence item as the framework words it
    phrases: list[str]              # its parts (of the alternative that matches best)
    missing: list[str]              # parts no document title matches
    docs: list[EvidenceDoc]         # documents that match at least one part

    @property
    def status(self) -> str:
        """'有' (every part found), '部分' (some), '缺' (none)."""
        if not self.missing:
            return "有"
        return "缺" if len(self.missing) == len(self.phrases) else "部分"


def coverage(leaf, docs: list[EvidenceDoc]) -> list[ItemCoverage]:
    """Each evidence item the leaf expects (leaf.evidence), matched against the documents: a part is there when
    one document's title (or sub-folder name) holds all its key terms; for A或B the better alternative counts."""
    texts = [(d, doc_text(d)) for d in docs]
    out = []
    for item in getattr(leaf, "evidence", []) or []:
        best = None
        for parts in alternatives(item):
            missing, matched = [], []
            for ph in parts:
                hits = [d for d, t in texts if phrase_found(ph, t)]
                if not hits:
                    missing.append(ph)
                for d in hits:
                    if d not in matched:
                        matched.append(d)
            cov = ItemCoverage(item=item, phrases=parts, missing=missing, docs=matched)
            if best is None or len(cov.missing) / len(parts) < len(best.missing) / len(best.phrases):
                best = cov
        out.append(best)
    return out


def missing_items(leaf, docs: list[EvidenceDoc]) -> list[str]:
    """Expected items no document title could be matched to, worded for the volume note."""
    out = []
    for cov in coverage(leaf, docs):
        if cov.status == "缺":
            out.append(cov.item)
        elif cov.status == "部分":
            out.append(f"{cov.item}（未能对应：{'、'.join(cov.missing)}）")
    return out


STATUS_COMPLETE = "齐全"
STATUS_PARTIAL = "部分缺少"
STATUS_NONE = "无材料"
STATUS_FREE = "未列要求"


@dataclass
class LeafCoverage:
    """One leaf's expected evidence items (from the framework) against its documents. `items` are
    `evidence.ItemCoverage` (item, key phrases, phrases not found, matching docs, status 有 / 部分 / 缺): the same
    matching the volume note (卷内备考表) uses, so the two never disagree."""
    code: str
    title: str
    area: str                                       # the top-level area, e.g. "A1 资源配置"
    documents: int                                  # how many documents the leaf has
    items: list                                     # [evidence.ItemCoverage]
    unmatched: list[str] = field(default_factory=list)   # 题名 of documents that match no expected item
    problems: int = 0                               # problems reported for files in this leaf's folder

    @property
    def missing(self) -> list[str]:
        return [i.item for i in self.items if i.status != "有"]

    @property
    def found(self) -> int:
        return sum(1 for i in self.items if i.status == "有")

    @property
    def status(self) -> str:
        if not self.documents:
            return STATUS_NONE
        if not self.items:
            return STATUS_FREE
        return STATUS_COMPLETE if not self.missing else STATUS_PARTIAL

    def to_json(self) -> dict:
        return {"code": self.code, "title": self.title, "area": self.area, "documents": self.documents,
                "status": self.status,
                "items": [{"item": i.item, "status": i.status, "missing": list(i.missing),
                           "documents": [d.title for d in i.docs]} for i in self.items],
                "unmatched": self.unmatched, "problems": self.problems}


def leaf_coverage(project, framework, collection) -> list[LeafCoverage]:
    """Every leaf of the framework: its expected evidence items against what the evidence folder holds
    (`collection` from evidence.collect; also for `dossier check`)."""
    by_leaf = collection.by_leaf
    rows = []
    for leaf in framework.leaves():
        docs = list(by_leaf.get(leaf.code, []))
        items = coverage(leaf, docs)
        used = {id(d) for i in items for d in i.docs}
        unmatched = [d.title for d in docs if id(d) not in used]
        problems = collection.problems_for(leaf.code)
        area = leaf.area
        rows.append(LeafCoverage(code=leaf.code, title=leaf.title, area=f"{area.code} {area.title}",
                                 documents=len(docs), items=items, unmatched=unmatched, problems=len(problems)))
    return rows

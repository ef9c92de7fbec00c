"""Expected evidence against what is there: each item a leaf expects (`leaf.evidence`, as the framework words
it) split into alternatives (或) and parts (及、和、与), each part's key terms matched against the documents'
题名, 文号, sub-folder names and the first lines of its own text (its text layer, or OCR for scans). An item that
asks for 近三年 / 每年 needs, for each part, documents of every 佐证年度 (the year in the title or folder name, else
the document's date). The same matching serves the volume note, `dossier check` and 覆盖情况.md, so they never
disagree.
"""
from __future__ import annotations

import re
from functools import lru_cache
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


_YEARLY = ("近三年", "近3年", "近两年", "近2年", "每年", "历年", "逐年", "每学年", "各年度")


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


_TEXT_LINES = 3          # the first lines of a document's own text count as its title (a scan's heading)


_MIN_PIECE = 2          # a term matches when it can be cut into pieces of ≥ 2 characters that all occur in a title


def _strip_notes(item: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", item)


def key_terms(part: str) -> list[str]:
    return list(_key_terms(part))


@lru_cache(maxsize=4096)
def _key_terms(part: str) -> tuple[str, ...]:
    """The meaningful terms of one part of an expected item: 教职工编制核定文件 → [教职工编制核定];
    城乡统一的教职工编制标准 → [城乡统一, 教职工编制标准]; 学校布局调整批复文件 → [布局调整批复]."""
    text = _strip_notes(part).replace("及以上", "以上")
    for g in sorted(_GENERIC, key=len, reverse=True):
        text = text.replace(g, "\x00")
    terms = [t.strip() for t in text.split("\x00")]
    return tuple(t for t in terms if len(t) >= _MIN_PIECE)


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
    terms = _key_terms(phrase) or (phrase,)
    return all(_term_found(t, haystack) for t in terms)


def _inner(doc: EvidenceDoc) -> str:
    parts = doc.rel.split("/")
    return "/".join(parts[2:]) if len(parts) > 2 and parts[0] == EVIDENCE_DIR else doc.rel


def text_head(doc: EvidenceDoc) -> str:
    """The first lines of the document's own text (where the heading of a scan or a letter is)."""
    lines = [" ".join(line.split()) for line in (getattr(doc, "text", "") or "").splitlines()]
    return " ".join([line for line in lines if line][:_TEXT_LINES]).replace(" ", "")


def doc_text(doc: EvidenceDoc) -> str:
    """What the matching looks at: 题名, 文号, the path inside the leaf folder and the text's first lines."""
    return " ".join((doc.title, doc.doc_no, _inner(doc), text_head(doc)))


def doc_years(doc: EvidenceDoc) -> set[int]:
    """The years a document is evidence for: those in its title or folder names, else its date's year."""
    found = {int(y) for y in _YEAR.findall(" ".join((doc.title, _inner(doc).rpartition("/")[0])))}
    if not found and doc.date[:4].isdigit():
        found = {int(doc.date[:4])}
    return found


def is_yearly(item: str) -> bool:
    """Does the item ask for every year (近三年, 每年…)?"""
    return any(w in item for w in _YEARLY)


@dataclass
class ItemCoverage:
    item: str                       # the expected evidence item as the framework words it
    phrases: list[str]              # its parts (of the alternative that matches best)
    missing: list[str]              # parts no document title matches
    docs: list[EvidenceDoc]         # documents that match at least one part
    lacking: dict[str, list[int]] = field(default_factory=dict)   # part → 佐证年度 without a document (近三年)

    @property
    def status(self) -> str:
        """'有' (every part found, for every year it asks for), '部分' (some), '缺' (none)."""
        if not self.missing and not self.lacking:
            return "有"
        return "缺" if len(self.missing) == len(self.phrases) else "部分"

    @property
    def shortfall(self) -> list[str]:
        """What the note says is short: parts not found, and parts without a document of some year."""
        out = list(self.missing)
        out += [f"{'、'.join(f'{y}年' for y in ys)}的{ph}" for ph, ys in self.lacking.items()]
        return out


def coverage(leaf, docs: list[EvidenceDoc], years=None) -> list[ItemCoverage]:
    """Each evidence item the leaf expects (leaf.evidence), matched against the documents: a part is there when
    one document's title (or sub-folder name) holds all its key terms; for A或B the better alternative counts.
    With `years` (the 佐证年度), an item asking for 近三年 / 每年 needs each part's documents for every year."""
    texts = [(d, doc_text(d)) for d in docs]
    out = []
    for item in getattr(leaf, "evidence", []) or []:
        best, best_score = None, None
        yearly = bool(years) and is_yearly(item)
        for parts in alternatives(item):
            missing, matched, lacking = [], [], {}
            seen: set[int] = set()
            for ph in parts:
                hits = [d for d, t in texts if phrase_found(ph, t)]
                if not hits:
                    missing.append(ph)
                elif yearly:
                    have = set().union(*(doc_years(d) for d in hits))
                    gaps = [y for y in sorted(years) if y not in have]
                    if gaps:
                        lacking[ph] = gaps
                for d in hits:              # by identity: comparing documents field by field is slow
                    if id(d) not in seen:
                        seen.add(id(d))
                        matched.append(d)
            cov = ItemCoverage(item=item, phrases=parts, missing=missing, docs=matched, lacking=lacking)
            score = (len(missing) + 0.5 * len(lacking)) / len(parts)
            if best is None or score < best_score:
                best, best_score = cov, score
        out.append(best)
    return out


def missing_items(leaf, docs: list[EvidenceDoc], years=None) -> list[str]:
    """Expected items no document title could be matched to, worded for the volume note."""
    out = []
    for cov in coverage(leaf, docs, years):
        if cov.status == "缺":
            out.append(cov.item)
        elif cov.status == "部分":
            said = [f"未能对应：{'、'.join(cov.missing)}"] if cov.missing else []
            said += [f"缺{s}" for s in cov.shortfall[len(cov.missing):]]
            out.append(f"{cov.item}（{'；'.join(said)}）")
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
                "items": [{"item": i.item, "status": i.status, "missing": list(i.shortfall),
                           "documents": [d.title for d in i.docs]} for i in self.items],
                "unmatched": self.unmatched, "problems": self.problems}


def leaf_coverage(project, framework, collection) -> list[LeafCoverage]:
    """Every leaf of the framework: its expected evidence items against what the evidence folder holds
    (`collection` from evidence.collect; also for `dossier check`)."""
    by_leaf = collection.by_leaf
    years = list(getattr(project, "evidence_years", None) or [project.year])
    rows = []
    for leaf in framework.leaves():
        docs = list(by_leaf.get(leaf.code, []))
        if not docs and project.level == "school" and leaf.scope == "county":
            continue                     # a school's project counts only the leaves that apply to it
        items = coverage(leaf, docs, years)
        used = {id(d) for i in items for d in i.docs}
        unmatched = [d.title for d in docs if id(d) not in used]
        problems = collection.problems_for(leaf.code)
        area = leaf.area
        rows.append(LeafCoverage(code=leaf.code, title=leaf.title, area=f"{area.code} {area.title}",
                                 documents=len(docs), items=items, unmatched=unmatched, problems=len(problems)))
    return rows

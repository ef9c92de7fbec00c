"""The corpus (tests/corpus/: real files from public test suites, sources and licences in its README): every file
converts as tests/corpus/expected.toml says — bound with its pages, or reported with its message — and one
`dossier build --keep-going` over all of them finishes, binds every file that converts and names every one that
does not, in Chinese, leaving the sources as they were."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dossier.evidence.converters import Converter
from dossier.evidence.model import EvidenceDoc
from kit import make_county, tree_hashes

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text("utf-8"))
LEAF = "C20"
# words a Chinese message may contain in Latin letters: product and format names, and file extensions
ALLOWED = {"PDF", "Office", "Word", "Excel", "PowerPoint", "LibreOffice", "Adobe", "Acrobat", "Reader", "WPS",
           "UTF", "YAML", "make", "setup", "dossier", "build", "init", "xlsx", "docx", "pptx", "jpeg", "tiff",
           "youzhi", "jiben", "ningxia",                                 # framework ids
           "include", "import", "extends", "endif", "endfor", "endmacro", "endblock", "macro", "block"}  # Jinja


def english_words(text: str, *names: str) -> list[str]:
    """ASCII words of 4+ letters in `text`, file names and paths (`names`) and the allowed words aside."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"[\w./-]*[/\\][\w./-]*", " ", text)           # paths
    text = re.sub(r"[\w.-]+\.[A-Za-z0-9]{1,5}\b", " ", text)          # file names (dossier.yaml)
    allowed = {w.lower() for w in ALLOWED}
    return [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in allowed]


def test_every_corpus_file_has_an_expected_outcome():
    files = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}
    assert files - {"README.md", "expected.toml"} == set(EXPECTED)
    assert sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) < 4_000_000


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    docs = {}
    for rel in EXPECTED:
        path = CORPUS / rel
        data = path.read_bytes()
        docs[rel] = EvidenceDoc(path=path, rel=rel, leaf=LEAF, title=path.stem, doc_no="", author="", date="",
                                note="", order=(), sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                display=f"evidence/{rel}")
    before = {rel: hashlib.sha256((CORPUS / rel).read_bytes()).hexdigest() for rel in EXPECTED}
    results = Converter(tmp_path_factory.mktemp("cache")).convert_all(docs.values())
    after = {rel: hashlib.sha256((CORPUS / rel).read_bytes()).hexdigest() for rel in EXPECTED}
    assert before == after                                       # sources are only read
    return {rel: results[d.sha256] for rel, d in docs.items()}


@pytest.mark.slow
@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_corpus_file(rel, converted):
    want, got = EXPECTED[rel], converted[rel]
    if "pages" in want:
        assert got.ok, f"{rel}: {got.problem}"
        assert got.pages == want["pages"]
        assert got.note == want.get("note", "")
    else:
        assert not got.ok and got.problem is not None
        text = str(got.problem)
        assert want["reported"] in text and f"evidence/{rel}" in text
        assert not english_words(text, f"evidence/{rel}"), text


def _outline_pages(volume: Path) -> dict[str, int]:
    """Pages per bookmarked document of a volume: title → pages (from each bookmark to the next)."""
    import pikepdf
    with pikepdf.open(volume) as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            marks = [(item.title, index[item.destination[0].objgen]) for item in outline.root]
    return {title: marks[i + 1][1] - start for i, (title, start) in enumerate(marks[:-1])}


@pytest.mark.slow
def test_keep_going_build_over_the_corpus(tmp_path):
    county = make_county(tmp_path / "content")
    leaf = county / "evidence" / LEAF
    for rel in EXPECTED:
        target = leaf / rel.replace("/", "_")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / rel, target)
    before = tree_hashes(county)
    out = tmp_path / "out"
    run = subprocess.run([str(Path(sys.executable).parent / "dossier"), "build", str(county), "--out", str(out),
                          "--keep-going"], capture_output=True, text=True, timeout=1500)
    text = run.stdout + run.stderr
    assert run.returncode == 0, text
    assert "内部错误" not in text and "Traceback" not in text
    assert tree_hashes(county) == before
    for rel, want in EXPECTED.items():
        name = rel.replace("/", "_")
        if "reported" in want:
            line = next((ln for ln in text.splitlines() if name in ln), None)
            assert line is not None and want["reported"] in line, f"{name} not reported:\n{text}"
            assert not english_words(line, name, str(county), "测试县/evidence/" + LEAF), line
    volume = next((out / "packets").glob(f"C{LEAF[1:]:0>2} *.pdf"))
    bound = _outline_pages(volume)
    for rel, want in EXPECTED.items():
        if "pages" in want:
            title = Path(rel.replace("/", "_")).stem
            assert bound.get(title) == want["pages"], (title, bound)

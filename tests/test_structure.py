"""The extension points and the library API: a draft kind and an evidence converter added from outside the
package, builds from two threads at once, the cache keys derived from the code a stage imports, and typed
configuration errors."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import yaml

from dossier import api
from dossier.build import cache
from dossier.core.errors import DossierError
from dossier.drafts import kinds
from dossier.evidence import converters
from kit import ROOT, make_county, make_pdf, tree_hashes


# ---------------------------------------------------------------------------------------------------- draft kinds

DOCX_TEMPLATE = "{{ doc.title }}\n{{ ov.n_schools }}所学校\n{{ doc.date }}"


def _docx_template(path: Path) -> None:
    import docx
    d = docx.Document()
    for line in DOCX_TEMPLATE.split("\n"):
        d.add_paragraph(line)
    d.save(path)


@pytest.fixture
def briefing_kind():
    """A kind the package does not have, registered by the test: one DraftKind entry."""
    kind = kinds.register(kinds.DraftKind("督导简报", "{unit}义务教育{kind}发展督导简报", ("汇报",), aliases=("简报",)))
    yield kind
    kinds.unregister(kind.name)


def test_a_draft_kind_is_one_entry_plus_its_two_templates(briefing_kind, county, tmp_path):
    templates = county / "templates"
    templates.mkdir()
    (templates / "督导简报.md.j2").write_text("# {{ doc.title }}\n\n全县{{ ov.n_schools }}所学校。{{ doc.date }}\n",
                                           encoding="utf-8")
    _docx_template(templates / "督导简报.docx")
    result = api.draft(county, ["简报"], tmp_path / "out")
    names = sorted(p.name for p in result.written)
    assert names == ["示例县义务教育优质均衡发展督导简报.docx", "示例县义务教育优质均衡发展督导简报.md"]
    md = (tmp_path / "out" / names[1]).read_text("utf-8")
    assert md.startswith("# 示例县义务教育优质均衡发展督导简报") and "25所学校" in md and "2025年10月28日" in md
    import docx
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / names[0])).paragraphs)
    assert "示例县义务教育优质均衡发展督导简报" in text and "25所学校" in text
    assert "督导简报" in api.draft_kinds()


def test_a_registered_kind_is_drafted_by_the_build(briefing_kind, county, tmp_path):
    templates = county / "templates"
    templates.mkdir()
    (templates / "督导简报.md.j2").write_text("# {{ doc.title }}\n", encoding="utf-8")
    _docx_template(templates / "督导简报.docx")
    out = tmp_path / "b" / "测试县"
    result = api.build(county, out, skip={"volumes", "publish"})
    assert out / "drafts" / "示例县义务教育优质均衡发展督导简报.md" in result.drafts


# ---------------------------------------------------------------------------------------------------- converters

@pytest.fixture
def csv_converter():
    """A file type the package does not take (.csv), added by the test: one FileConverter class."""

    @converters.register
    class CsvConverter(converters.FileConverter):
        name = "csv"
        extensions = frozenset({".csv"})

        def convert(self, doc, dst):
            import csv
            import io
            from dossier.evidence.converters.base import finalize
            rows = list(csv.reader(io.StringIO(doc.path.read_text("utf-8"))))
            table = "\n".join("| " + " | ".join(r) + " |" for r in rows[:1] + [["---"] * len(rows[0])] + rows[1:])
            return converters.Converted(dst, finalize(converters.typeset(table, markdown=True), dst))

    yield CsvConverter
    converters.unregister("csv")


def test_an_evidence_type_is_one_converter_class(csv_converter, county, tmp_path):
    sheet = county / "evidence" / "C9" / "20240301_编制核定表.csv"
    sheet.write_text("学校,编制数\n甲小学,60\n乙小学,45\n", encoding="utf-8")
    assert ".csv" in converters.supported_extensions()
    out = tmp_path / "b" / "测试县"
    result = api.build(county, out, skip={"drafts"})
    c9 = next(v for v in result.volumes if v.code == "C9")
    assert [d.title for d, _, _ in c9.docs] == ["城乡统一编制标准", "编制核定表"]
    import subprocess
    text = subprocess.run(["pdftotext", str(c9.path), "-"], capture_output=True, text=True, check=True).stdout
    assert "甲小学" in text and "编制数" in text


def test_without_the_converter_the_type_is_refused(county, tmp_path):
    (county / "evidence" / "C9" / "20240301_编制核定表.csv").write_text("学校\n甲\n", encoding="utf-8")
    with pytest.raises(DossierError) as err:
        api.build(county, tmp_path / "b" / "测试县", skip={"drafts"})
    assert "不支持的文件类型“.csv”" in str(err.value)


# ---------------------------------------------------------------------------------------------------- the api

def test_two_builds_at_once_in_one_process(tmp_path):
    """api.build from two threads on two projects: no shared state, no working folder, the same bytes as one
    build at a time."""
    a = make_county(tmp_path / "content", name="甲县")
    b = make_county(tmp_path / "content", name="乙县")
    make_pdf(b / "evidence" / "C6" / "2025年" / "20250901_补充台账.pdf", 2, "补充台账", seed=3)
    results, errors = {}, []
    events = {"甲县": [], "乙县": []}

    def run(folder: Path) -> None:
        try:
            results[folder.name] = api.build(folder, tmp_path / "together" / folder.name, skip={"drafts"},
                                             listener=events[folder.name].append)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert {r.project for r in results.values()} == {"甲县", "乙县"}
    assert all(ev and ev[-1].finished for ev in events.values())      # each listener saw its own build
    for folder in (a, b):
        alone = api.build(folder, tmp_path / "alone" / folder.name, skip={"drafts"})
        assert tree_hashes(alone.build_dir) == tree_hashes(tmp_path / "together" / folder.name)


def test_check_and_verify_results(county, tmp_path):
    result = api.check(county)
    assert result.missed and result.context.project.name == "测试县"
    assert result.to_json()["framework"] == "youzhi-2017" and "【佐证材料覆盖情况】" in result.text()
    out = tmp_path / "b" / "测试县"
    api.build(county, out, skip={"drafts"})
    assert api.verify(out).ok
    (out / "覆盖情况.md").write_text("改过", encoding="utf-8")
    assert not api.verify(out).ok


# ---------------------------------------------------------------------------------------------------- cache keys

def test_stage_code_is_the_closure_of_its_imports():
    files = {p.relative_to(cache.PACKAGE_ROOT).as_posix() for p in cache.module_closure("dossier.evidence.volume")}
    assert {"evidence/volume.py", "evidence/front.py", "evidence/stamp.py", "core/numerals.py", "core/zh.py",
            "core/fonts.py", "evidence/__init__.py", "__init__.py"} <= files
    assert "drafts/charts.py" not in files and "cli/commands.py" not in files


def test_changing_a_helper_a_stage_uses_invalidates_that_stage_only(tmp_path):
    root = tmp_path / "dossier"
    shutil.copytree(cache.PACKAGE_ROOT, root, ignore=shutil.ignore_patterns("__pycache__"))

    def digest(*modules: str) -> str:
        return cache.files_digest(cache.module_closure(*modules, root=root), root)

    bind, drafts = digest("dossier.evidence.volume"), digest("dossier.drafts.render")
    with open(root / "core" / "numerals.py", "a", encoding="utf-8") as fh:     # used by binding (卷二)
        fh.write("\n# changed\n")
    assert digest("dossier.evidence.volume") != bind
    bind = digest("dossier.evidence.volume")
    with open(root / "drafts" / "charts.py", "a", encoding="utf-8") as fh:     # not used by binding
        fh.write("\n# changed\n")
    assert digest("dossier.evidence.volume") == bind
    assert digest("dossier.drafts.render") != drafts


# ---------------------------------------------------------------------------------------------------- typed settings

def _config(folder: Path, **changes) -> None:
    path = folder / "dossier.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_dossier_yaml_errors_name_key_and_line_all_at_once(county):
    _config(county, 档安={"全宗名称": "甲"}, 评估年度="明年")
    text = (county / "dossier.yaml").read_text("utf-8").replace("双面: 否", "双面: 也许")
    (county / "dossier.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DossierError) as err:
        api.check(county)
    messages = [str(p) for p in err.value.problems]
    assert len(messages) == 3, messages
    assert any("不认识的项“档安”" in m and "是否想写“档案”" in m and "第" in m for m in messages)
    assert any("评估年度" in m and "四位年份" in m for m in messages)
    assert any("档案.双面" in m and "是 或 否" in m for m in messages)


def test_framework_settings_are_typed(county):
    data = yaml.safe_load((ROOT / "dossier" / "config" / "frameworks" / "youzhi-2017.yaml").read_text("utf-8"))
    data["settings"]["cv_limits"] = {"小学": 0.5}
    data["areas"][0]["children"][0]["evaluate"]["threshhold"] = 1
    (county / "框架.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _config(county, 框架="框架.yaml")
    with pytest.raises(DossierError) as err:
        api.check(county)
    text = str(err.value)
    assert "不认识的项“cv_limits”" in text and "cv_limit" in text
    assert "threshhold" in text and "threshold" in text and "测试县/框架.yaml" in text


# ---------------------------------------------------------------------------------------------------- layout

STAGES = ["core", "config", "load", "compute", "drafts", "evidence", "publish", "build", "api", "web", "cli"]


def test_data_flows_one_way_between_the_stage_packages():
    """A module imports only from its own stage and the stages before it (core → config → load → compute →
    drafts → evidence → publish → build → api → cli)."""
    import ast
    wrong = []
    for path in sorted(cache.PACKAGE_ROOT.rglob("*.py")):
        rel = path.relative_to(cache.PACKAGE_ROOT).with_suffix("").parts
        if rel == ("__init__",):
            continue
        here = STAGES.index(rel[0])
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                parts = name.split(".")
                if parts[0] == "dossier" and len(parts) > 1 and parts[1] in STAGES:
                    if STAGES.index(parts[1]) > here:
                        wrong.append(f"{'/'.join(rel)} imports {name}")
    assert not wrong, wrong


def test_every_module_says_what_it_owns_and_stays_short():
    import ast
    for path in sorted(cache.PACKAGE_ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        assert ast.get_docstring(tree), f"{path} has no opening docstring"
        assert path.read_text("utf-8").count("\n") <= 650, f"{path} is over 650 lines"
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno < 90, f"{path}:{node.lineno} {node.name} is over 90 lines"

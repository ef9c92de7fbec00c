"""The offline site (BUILD_DIR/网页/): written by every build, byte-reproducible, with only relative links that
all resolve inside the build folder, no network address, and — in a real browser opened by file:// — navigation,
the search over titles and 文号, and links that open the volume PDF at the document's first page."""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, unquote, urlparse

import pytest

from dossier import api
from kit import make_county, make_pdf, pdftotext, tree_hashes
from webkit import shot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    folder = make_county(tmp / "content")
    make_pdf(folder / "evidence" / "C6" / "2024年" / "20240601_示教装〔2024〕7号_教学仪器设备验收单.pdf", 3,
             "教学仪器设备验收单", seed=8)
    result = api.build(folder, tmp / "build" / folder.name)
    return folder, result, tmp


def test_every_build_writes_the_site_and_the_manifest_lists_it(built):
    folder, result, _ = built
    site = result.build_dir / "网页"
    names = {p.name for p in site.iterdir()}
    assert {"index.html", "schools.html", "gaps.html", "drafts.html", "catalog.html", "checksums.html",
            "search-index.js", "site.css", "site.js", "C1.html", "C32.html"} <= names
    manifest = api.verify(result.build_dir)
    assert manifest.ok
    listed = {e["path"] for e in manifest.manifest["outputs"]}
    assert "网页/index.html" in listed and "网页/checksums.html" in listed
    # the checksum page lists the other outputs with the hashes the manifest has, never the site or the manifest
    page = (site / "checksums.html").read_text("utf-8")
    for entry in manifest.manifest["outputs"]:
        if entry["path"].startswith("网页/"):
            assert entry["sha256"] not in page
        else:
            assert entry["sha256"] in page, entry["path"]
    assert "manifest.json" in page and "dossier verify" in page


def test_the_site_is_byte_reproducible(built, tmp_path):
    folder, result, _ = built
    again = api.build(folder, tmp_path / "again" / folder.name)
    assert tree_hashes(again.build_dir / "网页") == tree_hashes(result.build_dir / "网页")


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_links_are_relative_and_resolve_and_nothing_is_fetched_from_a_network(built):
    _, result, _ = built
    site = result.build_dir / "网页"
    for page in sorted(site.glob("*.html")):
        html = page.read_text("utf-8")
        assert not re.search(r'(?:href|src)="(?:https?:)?//', html), page.name
        assert "@import" not in html and "url(http" not in html
        for link in _links(html):
            target = unquote(urlparse(link).path)
            if not target:
                continue                                    # an anchor on the same page
            assert (page.parent / target).resolve().is_file(), f"{page.name}: {link}"
    for asset in ("site.css", "site.js", "search-index.js"):
        text = (site / asset).read_text("utf-8")
        assert "http:" not in text and "https:" not in text and "fetch(" not in text, asset


def test_each_document_links_to_its_first_page_in_the_volume(built):
    _, result, _ = built
    c6 = (result.build_dir / "网页" / "C6.html").read_text("utf-8")
    volume = next(v for v in result.volumes if v.code == "C6")
    for doc, start, _ in volume.docs:
        page = volume.first_page + start - 1
        href = "../" + quote(f"packets/{Path(volume.path).name}")
        assert f'href="{href}#page={page}"' in c6, doc.title
    doc, start, _ = next(d for d in volume.docs if d[0].title == "教学仪器设备验收单")
    assert "示教装〔2024〕7号" in c6 and "2024年6月1日" in c6
    assert "教学仪器设备验收单" in pdftotext(volume.path, volume.first_page + start - 1)


def test_score_and_grade_are_shown_when_the_evaluation_has_them(built, tmp_path):
    """Scoring frameworks give the evaluation (and its areas and indicators) a `score`: the site shows it."""
    folder, result, _ = built
    from dossier.publish.site import write_site
    ctx = api.check(folder).context
    ctx.evaluation.score = SimpleNamespace(total=86.5, max=100, grade="优秀", areas={"A1": SimpleNamespace(total=30, max=35, grade="良好")})
    ctx.evaluation.indicators[0].score = 4.5
    out = tmp_path / "scored"
    out.mkdir()
    write_site(ctx, out, volumes=[], collection=api.check(folder).collection, drafts=[], table=None, set_files=[],
               sources=[], build_time=ctx.project.build_time())
    index = (out / "网页" / "index.html").read_text("utf-8")
    assert "总分 <b>86.5</b> / 100" in index and "等级 <b>优秀</b>" in index and "得分 30 / 35，良好" in index
    plain = (result.build_dir / "网页" / "index.html").read_text("utf-8")
    assert "总分" not in plain and "得分" not in plain


def test_the_site_in_a_browser_from_file_urls(built, page):
    _, result, _ = built
    index = (result.build_dir / "网页" / "index.html").as_uri()
    page.goto(index)
    assert "示例县人民政府迎检材料" in page.inner_text("h1")
    shot(page, "site-index")
    page.click("text=生均教学仪器设备值")
    assert page.url.endswith("/C6.html")
    assert page.inner_text("h1").startswith("C6 生均教学仪器设备值")
    assert page.locator("figure svg").count() >= 1                      # the chart, inline
    shot(page, "site-indicator")
    # the search: a 文号 typed, the document found, its row opened
    page.fill("#q", "示教装〔2024〕7号")
    hit = page.locator("#results a.hit").first
    hit.wait_for()
    assert "教学仪器设备验收单" in hit.inner_text()
    shot(page, "site-search")
    hit.click()
    assert re.search(r"/C6\.html#doc-\d+$", page.url)
    row = page.locator("#" + page.url.split("#")[1])
    link = row.locator("a.pdf")
    href, pdf_page = link.get_attribute("href"), int(link.get_attribute("data-page"))
    assert href.endswith(f"#page={pdf_page}")
    # following the link opens that volume PDF (Chromium's viewer) at that page
    link.click()
    page.wait_for_url(re.compile(r".*\.pdf#page=\d+$"))
    opened = Path(unquote(urlparse(page.url).path))
    volume = next(v for v in result.volumes if v.code == "C6")
    assert opened == Path(volume.path) and page.url.endswith(f"#page={pdf_page}")
    assert "教学仪器设备验收单" in pdftotext(opened, pdf_page)
    shot(page, "site-pdf")
    # a search for an indicator title, and the matrix
    page.goto(index)
    page.fill("#q", "班额")
    page.locator("#results a.hit").first.click()
    assert page.url.endswith("/C12.html")
    page.click("nav >> text=学校")
    assert page.locator("table.matrix tbody tr").count() > 10
    shot(page, "site-schools")

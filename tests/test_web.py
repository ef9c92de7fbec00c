"""`dossier serve` in a real browser and over HTTP, on SQLite and (where a server answers on 127.0.0.1:5432) on
PostgreSQL: every route walked with every role against the allowed set, logins per role, a 责任单位 uploading a
file and its coverage bar moving, refused uploads (content, archives, size, names, CSRF, a 查阅 account), a
withdrawal, a school table with an error shown at its cell, a build with live progress to the end, a volume and
the set downloaded, verify, and the result marked out of date by a later upload."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest

from kit import make_county, make_pdf
from webkit import PASSWORD, Server, login, postgres_answers, postgres_database, shot

pytestmark = pytest.mark.slow
PROJECT = "测试县"
SCHOOL = "5301230001"                  # 示例县第一小学
OTHER_SCHOOL = "5301230002"
USERS = {"admin": ("admin", "", ""), "lead": ("lead", PROJECT, ""), "unit": ("unit", PROJECT, "县教育体育局"),
         "school": ("unit", PROJECT, "示例县第一小学"), "view": ("view", PROJECT, "")}

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not postgres_answers(),
                                                                          reason="no PostgreSQL on 127.0.0.1:5432"))]


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    work = tmp_path_factory.mktemp(f"web-{request.param}")
    folder = make_county(work / "content", name=PROJECT)
    if request.param == "postgresql":
        ctx = postgres_database(f"dossier_web_{abs(hash(str(work))) % 10 ** 8}")
        url = ctx.__enter__()
    else:
        ctx, url = None, None
    srv = Server([folder], work, url)
    created = srv.create_admin()
    assert created.returncode == 0 and "已创建管理员 admin" in created.stdout, created.stderr
    assert PASSWORD not in created.stdout + created.stderr
    for name, (role, project, unit) in USERS.items():
        if name != "admin":
            srv.create_user(name, role, project, unit)
    srv.create_user("throttled", "view", PROJECT)
    srv.folder = folder
    srv.start()
    yield srv
    srv.stop()
    assert PASSWORD not in srv.log.read_text()
    if ctx is not None:
        ctx.__exit__(None, None, None)


def api_as(browser, server, name):
    """An HTTP client (Playwright's request context) logged in as `name`, with its CSRF token."""
    context = browser.new_context()
    page = context.new_page()
    login(page, server, name)
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    return context, token


# ---------------------------------------------------------------------------------------------------- roles

P = f"/p/{PROJECT}"
# route → (method, path); every route of dossier.web.urls, and the roles that may use it (written out here,
# not taken from the code: a change to access.ROUTES must be made here too)
ROUTES = {
    "overview": f"{P}/", "schools": f"{P}/schools/", "school": f"{P}/schools/{SCHOOL}/", "gaps": f"{P}/gaps/",
    "drafts": f"{P}/drafts/", "draft_download": f"{P}/drafts/工作计划/md/", "evidence": f"{P}/evidence/",
    "evidence_leaf": f"{P}/evidence/C6/", "evidence_upload": f"{P}/evidence/C6/upload/",
    "evidence_replace": f"{P}/evidence/C6/replace/", "evidence_withdraw": f"{P}/evidence/C6/withdraw/",
    "evidence_file": f"{P}/evidence/C6/file/?f=evidence/C6/2024年/20240520_教学仪器设备采购清单.pdf",
    "data": f"{P}/data/", "table_download": f"{P}/data/table/", "build": f"{P}/build/",
    "build_start": f"{P}/build/start/", "build_events": f"{P}/build/events/", "build_verify": f"{P}/build/verify/",
    "build_zip": f"{P}/build/zip/", "output": f"{P}/out/manifest.json", "site": f"{P}/site/",
    "audit": f"{P}/audit/", "assignments": f"{P}/assignments/",
}
ALLOWED = {
    "overview": {"admin", "lead", "unit", "school"}, "schools": {"admin", "lead"},
    "school": {"admin", "lead", "school"}, "gaps": {"admin", "lead", "unit", "school"},
    "drafts": {"admin", "lead"}, "draft_download": {"admin", "lead"},
    **{r: {"admin", "lead", "unit", "school"} for r in ("evidence", "evidence_leaf", "evidence_upload",
                                                         "evidence_replace", "evidence_withdraw", "evidence_file")},
    "data": {"admin", "lead"}, "table_download": {"admin", "lead"},
    **{r: {"admin", "lead"} for r in ("build", "build_start", "build_events", "build_verify", "build_zip")},
    "output": {"admin", "lead", "view"}, "site": {"admin", "lead", "view"},
    "audit": {"admin", "lead"}, "assignments": {"admin"},
}


def test_the_role_table_names_every_route(tmp_path):
    from pathlib import Path
    from dossier.web import settings as web_settings
    web_settings.configure(tmp_path / "data", {}, Path(tmp_path / "build"))
    from django.urls import get_resolver
    from dossier.web.access import ROUTES as CODE_ROUTES
    names = {p.name for p in get_resolver().url_patterns if getattr(p, "name", None)}
    assert names - {"home", "login", "logout"} == set(ROUTES) == set(CODE_ROUTES)


def test_every_route_with_every_role(server, browser):
    """A route a role may use answers (200, 404, 405 for a GET on a form's target…); any other answers 403.
    A 责任单位 of the 教育体育局 cannot open a school's page; the school's account cannot open another school's."""
    anonymous = browser.new_context()
    for name, path in ROUTES.items():
        r = anonymous.request.get(server.url + path, max_redirects=0)
        assert r.status == 302 and "/login/" in r.headers["location"], (name, r.status)
    anonymous.close()
    seen = {}
    for user in USERS:
        context, _ = api_as(browser, server, user)
        for name, path in ROUTES.items():
            r = context.request.get(server.url + path, max_redirects=0)
            assert r.status not in (302, 500), (user, name, r.status)
            seen.setdefault(name, set())
            if r.status != 403:
                seen[name].add(user)
            else:
                assert "无权访问" in r.text()
        if user == "school":
            assert context.request.get(server.url + f"{P}/schools/{OTHER_SCHOOL}/").status == 403
            assert context.request.get(server.url + f"{P}/evidence/C14/").status == 403
        admin = context.request.get(server.url + "/admin/", max_redirects=0)
        assert (admin.status == 200) == (user == "admin"), (user, admin.status)
        context.close()
    assert seen == ALLOWED


def test_each_role_logs_in_and_sees_its_pages(server, page):
    expected = {"admin": "分工", "lead": "构建", "unit": "佐证材料", "view": None}
    for user, item in expected.items():
        login(page, server, user)
        assert page.locator(".who").inner_text().startswith(user)
        page.click(f"text={PROJECT}")
        if item is None:                                  # 查阅: the site of the build, or "not built yet"
            assert "/site/" in page.url
        else:
            nav = page.locator("header nav").inner_text()
            assert item in nav
            assert ("数据" in nav) == (user in ("admin", "lead")) and ("分工" in nav) == (user == "admin")
            shot(page, f"web-overview-{user}")
        page.click("button:has-text('退出')")


def test_login_is_throttled_after_repeated_failures(server, page):
    for _ in range(4):
        login(page, server, "throttled", "wrong-password")
        assert "用户名或密码不正确" in page.content()
    login(page, server, "throttled", "wrong-password")    # the fifth failure locks the account
    assert "暂停登录" in page.content()
    login(page, server, "throttled")                       # the right password, too late
    assert "暂停登录" in page.content() and "/login/" in page.url
    login(page, server, "view")                            # other accounts are not affected
    assert "暂停登录" not in page.content()


# ---------------------------------------------------------------------------------------------------- evidence

def _found(page) -> int:
    return int(page.locator("#bar").get_attribute("data-found"))


def test_a_unit_uploads_a_file_and_the_coverage_bar_moves(server, page, tmp_path):
    pdf = make_pdf(tmp_path / "各校教学仪器设备固定资产明细账.pdf", 2, "教学仪器设备固定资产明细账", seed=11)
    login(page, server, "unit")
    page.goto(server.url + f"{P}/evidence/C6/")
    before = _found(page)
    page.set_input_files("#upload-form input[name=file]", str(pdf))
    page.fill("#upload-form input[name=title]", "各校教学仪器设备固定资产明细账")
    page.fill("#upload-form input[name=doc_no]", "测财〔2025〕3号")
    page.fill("#upload-form input[name=author]", "测试县财政局")
    page.fill("#upload-form input[name=date]", "2025-03-10")
    page.click("#upload-form button[type=submit]")
    assert "已上传" in page.locator(".messages").inner_text()
    assert _found(page) == before + 1
    shot(page, "web-evidence-uploaded")
    folder = server.folder / "evidence" / "C6"
    assert (folder / pdf.name).read_bytes() == pdf.read_bytes()
    rows = list(csv.DictReader(io.StringIO((folder / "目录.csv").read_text("utf-8-sig"))))
    assert [r for r in rows if r["文件名"] == pdf.name] == [
        {"文件名": pdf.name, "题名": "各校教学仪器设备固定资产明细账", "文号": "测财〔2025〕3号", "责任者": "测试县财政局",
         "日期": "2025-03-10", "备注": "", "顺序": ""}]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]        # no temporary file left
    # the overview shows it for the unit, the audit log has who, what and the SHA-256
    page.goto(server.url + f"{P}/")
    assert page.locator("#coverage tr[data-code=C6] td.cov").get_attribute("data-found") == str(before + 1)
    login(page, server, "lead")
    page.goto(server.url + f"{P}/audit/")
    text = page.locator("table").inner_text()
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert "unit" in text and "上传" in text and digest[:17] in text


def _post_upload(context, token, server, name, data, title="测试"):
    return context.request.post(server.url + f"{P}/evidence/C6/upload/", headers={"X-CSRFToken": token},
                                multipart={"file": {"name": name, "mimeType": "application/pdf", "buffer": data},
                                           "title": title})


def test_uploads_are_checked_by_content_size_and_name(server, browser, tmp_path):
    context, token = api_as(browser, server, "unit")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.pdf", b"%PDF-1.4 nothing")
    r = _post_upload(context, token, server, "伪装.pdf", zipped.getvalue())
    assert r.status == 400 and "不能上传压缩包（内容为 zip 格式）" in r.text()
    png = io.BytesIO()
    from PIL import Image
    Image.new("RGB", (20, 20), "white").save(png, format="PNG")
    r = _post_upload(context, token, server, "图片.pdf", png.getvalue())
    assert r.status == 400 and "与扩展名“.pdf”不符（实际内容为 png 格式）" in r.text()
    r = _post_upload(context, token, server, "材料.zip", zipped.getvalue())
    assert r.status == 400 and "不支持的文件类型“.zip”" in r.text()
    r = _post_upload(context, token, server, "材料.docx", zipped.getvalue())
    assert r.status == 400 and "不是有效的“.docx”文档" in r.text()
    big = make_pdf(tmp_path / "big.pdf", 1, "大文件").read_bytes() + b"%" * (2 * 1024 * 1024 + 10)
    r = _post_upload(context, token, server, "大文件.pdf", big)
    assert r.status == 400 and "MB 的上限" in r.text()
    pdf = make_pdf(tmp_path / "x.pdf", 1, "逃逸测试").read_bytes()
    r = _post_upload(context, token, server, "../../../逃逸.pdf", pdf)
    assert r.status == 200
    assert (server.folder / "evidence" / "C6" / "逃逸.pdf").is_file()
    assert not (server.folder.parent / "逃逸.pdf").exists() and not (server.folder / "逃逸.pdf").exists()
    no_token = context.request.post(server.url + f"{P}/evidence/C6/upload/",
                                    multipart={"file": {"name": "b.pdf", "mimeType": "application/pdf", "buffer": pdf}})
    assert no_token.status == 403                          # CSRF
    context.close()
    viewer, token = api_as(browser, server, "view")
    r = _post_upload(viewer, token, server, "查阅.pdf", pdf)
    assert r.status == 403 and not (server.folder / "evidence" / "C6" / "查阅.pdf").exists()
    viewer.close()


def test_a_withdrawal_moves_the_file_aside(server, page):
    login(page, server, "unit")
    page.goto(server.url + f"{P}/evidence/C6/")
    before = _found(page)
    rel = "evidence/C6/各校教学仪器设备固定资产明细账.pdf"
    page.on("dialog", lambda d: d.accept())
    page.locator(f"#docs tr[data-rel='{rel}'] button:has-text('撤回')").click()
    page.wait_for_load_state()
    assert "已撤回" in page.locator(".messages").inner_text()
    assert _found(page) == before - 1
    assert not (server.folder / rel).exists()
    kept = list((server.folder / ".已撤回" / "evidence" / "C6").glob("*_各校教学仪器设备固定资产明细账.pdf"))
    assert len(kept) == 1
    assert "各校教学仪器设备固定资产明细账.pdf" not in (server.folder / "evidence" / "C6" / "目录.csv").read_text("utf-8-sig")


def test_a_replacement_keeps_the_old_version_aside(server, browser, tmp_path):
    context, token = api_as(browser, server, "unit")
    rel = "evidence/C6/2025年/20250520_教学仪器设备资产台账.pdf"
    old = (server.folder / rel).read_bytes()
    new = make_pdf(tmp_path / "新.pdf", 2, "教学仪器设备资产台账（修订）", seed=21).read_bytes()
    r = context.request.post(server.url + f"{P}/evidence/C6/replace/", headers={"X-CSRFToken": token},
                             multipart={"f": rel, "title": "教学仪器设备资产台账（修订）",
                                        "file": {"name": "20250520_教学仪器设备资产台账.pdf", "mimeType": "application/pdf",
                                                 "buffer": new}})
    assert r.status == 200 and "替换" in r.text()
    assert (server.folder / rel).read_bytes() == new
    kept = list((server.folder / ".已撤回" / "evidence" / "C6" / "2025年").glob("*_20250520_教学仪器设备资产台账.pdf"))
    assert [k.read_bytes() for k in kept] == [old]
    index = (server.folder / "evidence" / "C6" / "2025年" / "目录.csv").read_text("utf-8-sig")
    assert "教学仪器设备资产台账（修订）" in index
    context.close()


def test_an_admin_reassigns_an_indicator(server, page):
    login(page, server, "admin")
    page.goto(server.url + f"{P}/assignments/")
    field = page.locator("input[name=units-C14]")
    field.fill(field.input_value() + "、示例县第一小学")
    page.click("button:has-text('保存')")
    login(page, server, "school")
    assert page.goto(server.url + f"{P}/evidence/C14/").status == 200


# ---------------------------------------------------------------------------------------------------- data

def test_a_school_table_with_an_error_is_shown_at_its_cell_and_not_taken(server, page, tmp_path):
    import openpyxl
    table = server.folder / "学校基础数据.xlsx"
    original = table.read_bytes()
    wb = openpyxl.load_workbook(table)
    ws = wb.active
    header = [c.value for c in ws[1]]
    col = header.index("教学仪器设备值") + 1
    ws.cell(row=3, column=col, value="三百万")
    bad = tmp_path / "学校基础数据.xlsx"
    wb.save(bad)
    login(page, server, "lead")
    page.goto(server.url + f"{P}/data/")
    page.set_input_files("#table-form input[name=file]", str(bad))
    page.click("#table-form button[type=submit]")
    assert "原表未替换" in page.content()
    cell = page.locator("#grid td.bad").first
    assert "三百万" in cell.inner_text()
    row = cell.locator("xpath=..")
    assert row.locator("th").inner_text() == "3"
    assert page.locator("#grid thead th").nth(col).inner_text() == "教学仪器设备值"
    shot(page, "web-data-error")
    assert table.read_bytes() == original


# ---------------------------------------------------------------------------------------------------- build

def test_a_build_runs_with_live_progress_and_its_outputs_download(server, page, tmp_path):
    login(page, server, "lead")
    page.goto(server.url + f"{P}/build/")
    page.click("#start")
    page.wait_for_selector("#progress[data-status=running]", timeout=30_000)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    again = page.request.post(server.url + f"{P}/build/start/", headers={"X-CSRFToken": token})
    assert "该项目正在构建" in again.text()                  # one build at a time per project
    statuses = set()
    page.locator("#pstatus").wait_for()
    for _ in range(600):
        statuses.add(page.locator("#pstatus").inner_text())
        if page.locator("#progress[data-status=done], #progress[data-status=failed]").count():
            break
        page.wait_for_timeout(250)
    page.wait_for_selector("#progress[data-status=done]", timeout=300_000)
    assert any(s.startswith("进行中：") for s in statuses), statuses        # events pushed while it ran
    assert "构建完成" in page.locator("#pmessage").inner_text()
    shot(page, "web-build-done")
    with page.expect_download() as info:
        page.locator("ul.volumes a", has_text="C06").first.click()
    volume = info.value.path().read_bytes() if hasattr(info.value.path(), "read_bytes") else open(info.value.path(), "rb").read()
    assert volume.startswith(b"%PDF")
    with page.expect_download() as info:
        page.click("#zip")
    with zipfile.ZipFile(info.value.path()) as z:
        assert f"{PROJECT}/manifest.json" in z.namelist() and f"{PROJECT}/网页/index.html" in z.namelist()
    page.click("#verify")
    assert "核验通过" in page.locator(".messages").inner_text()
    assert page.locator("#stale").count() == 0
    # a later upload makes the result out of date
    login(page, server, "unit")
    page.goto(server.url + f"{P}/evidence/C6/")
    page.set_input_files("#upload-form input[name=file]", str(make_pdf(tmp_path / "台账补充.pdf", 1, "台账补充")))
    page.click("#upload-form button[type=submit]")
    login(page, server, "lead")
    page.goto(server.url + f"{P}/build/")
    assert "已过期" in page.locator("#stale").inner_text()


def test_a_viewer_reads_the_built_site(server, page):
    login(page, server, "view")
    page.goto(server.url + f"{P}/site/")
    assert page.url.endswith("/网页/index.html") or "%E7%BD%91%E9%A1%B5/index.html" in page.url
    assert "迎检材料" in page.inner_text("h1")
    page.click("text=生均教学仪器设备值")
    assert page.inner_text("h1").startswith("C6")
    shot(page, "web-viewer-site")
    assert page.goto(server.url + f"{P}/evidence/C6/").status == 403
    assert "无权访问" in page.content()

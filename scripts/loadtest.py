"""A small load run of `dossier serve` on loopback: 20 simulated users browsing and uploading for 60 s while one
build of the example county runs. Prints the request count, the errors and the page times (p50, p95, max).

    .venv/bin/python scripts/loadtest.py [--users 20] [--seconds 60] [--database-url postgresql://…]

The server runs on a copy of content/示例县 in a temporary folder (the bundled example is never written to);
only 127.0.0.1 is ever contacted, and every loop stops at the deadline.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from kit import make_pdf  # noqa: E402
from webkit import PASSWORD, Server  # noqa: E402

PROJECT = "示例县"
P = "/p/" + urllib.parse.quote(PROJECT)
CODES = ["C1", "C4", "C6", "C7", "C8", "C10", "C23", "C30"]          # 县教育体育局 answers for these


class Client:
    def __init__(self, base: str):
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def login(self, name: str) -> None:
        self.request("/login/")
        body = urllib.parse.urlencode({"username": name, "password": PASSWORD,
                                       "csrfmiddlewaretoken": self.csrf()}).encode()
        status, _ = self.request("/login/", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Referer": self.base + "/login/"})
        assert status == 200, status

    def post_file(self, path: str, fields: dict, name: str, data: bytes) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in {**fields, "csrfmiddlewaretoken": self.csrf()}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                     f"Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def user_loop(server: Server, name: str, kind: str, deadline: float, pdf: bytes, out: list, lock) -> None:
    rnd = random.Random(name)
    client = Client(server.url)
    client.login(name)
    pages = {"lead": [f"{P}/", f"{P}/schools/", f"{P}/gaps/", f"{P}/evidence/", f"{P}/build/", f"{P}/data/"],
             "unit": [f"{P}/", f"{P}/gaps/", f"{P}/evidence/"] + [f"{P}/evidence/{c}/" for c in CODES],
             "view": [f"{P}/out/网页/index.html", f"{P}/out/网页/C6.html", f"{P}/out/网页/schools.html"]}[kind]
    n = 0
    while time.monotonic() < deadline:
        n += 1
        if kind == "unit" and n % 5 == 0:
            code = rnd.choice(CODES)
            fname = f"负载测试_{name}_{n}.pdf"
            t = time.monotonic()
            status, text = client.post_file(f"{P}/evidence/{code}/upload/", {"title": f"负载测试{n}"}, fname, pdf)
            ok = status == 200 and "已上传" in text
            record(out, lock, "upload", time.monotonic() - t, ok, status)
            m = re.search(r'data-rel="([^"]*' + re.escape(fname) + ')"', text)
            if ok and m:                                   # and take it back, as people do
                t = time.monotonic()
                body = urllib.parse.urlencode({"f": m.group(1), "csrfmiddlewaretoken": client.csrf()}).encode()
                status, text = client.request(f"{P}/evidence/{code}/withdraw/", body,
                                              {"Content-Type": "application/x-www-form-urlencoded"})
                record(out, lock, "withdraw", time.monotonic() - t, status == 200 and "已撤回" in text, status)
            continue
        path = rnd.choice(pages)
        t = time.monotonic()
        status, _ = client.request(urllib.parse.quote(path, safe="/?=&%"))
        # the site exists only once the build is done: 404 before, for the viewers
        ok = status == 200 or (kind == "view" and status == 404)
        record(out, lock, "page", time.monotonic() - t, ok, status)
        time.sleep(rnd.uniform(0.2, 1.0))               # a person reads the page


def record(out, lock, kind, seconds, ok, status) -> None:
    with lock:
        out.append((kind, seconds, ok, status))


def create_users(server: Server, users: list[tuple[str, str, str]]) -> None:
    code = ("import json, sys; from pathlib import Path; from dossier.web import server; a = json.loads(sys.argv[1]); "
            "server.setup([Path(p) for p in a['folders']], Path(a['build']), Path(a['data'])); "
            "[server.create_user(n, a['password'], r, a['project'], u) for n, r, u in a['users']]")
    arg = json.dumps({"folders": [str(f) for f in server.folders], "build": str(server.build_root),
                      "data": str(server.data), "password": PASSWORD, "project": PROJECT, "users": users})
    subprocess.run([sys.executable, "-c", code, arg], cwd=ROOT, env=server.env, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--database-url", default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dossier-load-"))
    try:
        shutil.copytree(ROOT / "content" / PROJECT, work / "content" / PROJECT)
        server = Server([work / "content" / PROJECT], work, args.database_url, upload_limit_mb=20)
        kinds = (["lead"] * 4 + ["unit"] * 12 + ["view"] * 4) * (args.users // 20 + 1)
        users = [(f"u{i:02d}", kinds[i], "县教育体育局" if kinds[i] == "unit" else "") for i in range(args.users)]
        create_users(server, [(n, k if k != "unit" else "unit", u) for n, k, u in users])
        server.start()
        pdf = make_pdf(work / "load.pdf", 2, "负载测试文件", seed=1).read_bytes()
        starter = Client(server.url)
        starter.login(users[0][0])
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": starter.csrf()}).encode()
        started = time.monotonic()
        status, _ = starter.request(f"{P}/build/start/", body, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, status
        deadline = started + args.seconds
        out, lock = [], threading.Lock()
        threads = [threading.Thread(target=user_loop, args=(server, n, k, deadline, pdf, out, lock)) for n, k, _ in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
        build_state = "未完成"
        for _ in range(600):                             # the build, to its end (bounded)
            status, text = starter.request(f"{P}/build/")
            m = re.search(r'<p id="pstatus">([^<]*)</p>', text)
            if m and m.group(1).strip() in ("完成", "失败"):
                build_state = m.group(1).strip()
                break
            time.sleep(1)
        build_seconds = time.monotonic() - started
        server.stop()
        times = sorted(s for _, s, _, _ in out)
        pages = sorted(s for k, s, _, _ in out if k == "page")
        errors = [(k, st) for k, _, ok, st in out if not ok]
        q = statistics.quantiles(times, n=100) if len(times) > 1 else [0] * 99
        qp = statistics.quantiles(pages, n=100) if len(pages) > 1 else [0] * 99
        print(f"数据库：{'PostgreSQL' if args.database_url else 'SQLite'}；{args.users} 个模拟用户，{args.seconds} 秒，"
              f"同时进行 1 次构建（{build_state}，{build_seconds:.0f} 秒）")
        print(f"请求 {len(out)} 次（页面 {len(pages)}，上传 {sum(1 for k, *_ in out if k == 'upload')}，"
              f"撤回 {sum(1 for k, *_ in out if k == 'withdraw')}），错误 {len(errors)} 次 {errors[:10]}")
        print(f"全部请求：p50 {q[49] * 1000:.0f} ms，p95 {q[94] * 1000:.0f} ms，最长 {times[-1] * 1000:.0f} ms")
        print(f"页面：p50 {qp[49] * 1000:.0f} ms，p95 {qp[94] * 1000:.0f} ms，最长 {pages[-1] * 1000:.0f} ms")
        return 1 if errors or build_state != "完成" else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

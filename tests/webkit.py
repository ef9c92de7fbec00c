"""The kit of the web tests: a real `dossier serve` started in a subprocess on a free loopback port (on SQLite,
or on a fresh PostgreSQL database where a server answers on 127.0.0.1:5432), accounts made through the web
app's own functions, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = [str(Path(sys.executable).with_name("dossier"))]          # the console script of this environment
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PG_URL = "postgresql://127.0.0.1:5432/test"
PASSWORD = "correct-horse-battery-9"


def postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        import psycopg
        with psycopg.connect(PG_URL, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - no server: the PostgreSQL variant is skipped
        return False


@contextlib.contextmanager
def postgres_database(name: str):
    """A fresh database on the local server for one test module, dropped afterwards; its DATABASE_URL."""
    import psycopg
    with psycopg.connect(PG_URL, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, folders: list[Path], work: Path, database_url: str | None, upload_limit_mb: int = 2):
        self.folders, self.work = folders, work
        self.data, self.build_root = work / "data", work / "build"
        self.env = dict(os.environ, DOSSIER_UPLOAD_LIMIT_MB=str(upload_limit_mb), PYTHONUNBUFFERED="1")
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = work / "serve.log"

    def args(self) -> list[str]:
        return [*map(str, self.folders), "--data", str(self.data), "--build-dir", str(self.build_root)]

    def create_admin(self, name: str = "admin", password: str = PASSWORD) -> subprocess.CompletedProcess:
        return subprocess.run([*DOSSIER, "serve", *self.args(), "--create-admin", name], cwd=ROOT, text=True,
                              env=dict(self.env, DOSSIER_ADMIN_PASSWORD=password), capture_output=True, timeout=120)

    def create_user(self, name: str, role: str, project: str = "", unit: str = "") -> None:
        code = ("import sys; from pathlib import Path; from dossier.web import server; "
                "a = sys.argv[1:]; server.setup([Path(p) for p in a[5].split('|')], Path(a[6]), Path(a[7])); "
                "server.create_user(a[0], a[1], a[2], a[3], a[4])")
        subprocess.run([sys.executable, "-c", code, name, PASSWORD, role, project, unit,
                        "|".join(map(str, self.folders)), str(self.build_root), str(self.data)],
                       cwd=ROOT, env=self.env, check=True, timeout=120)

    def start(self) -> "Server":
        self.proc = subprocess.Popen([*DOSSIER, "serve", *self.args(), "--port", str(self.port)], cwd=ROOT,
                                     env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dossier serve stopped: {self.log.read_text()}")
            with contextlib.suppress(OSError):
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            time.sleep(0.2)
        raise RuntimeError("dossier serve did not answer")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def login(page, server: Server, name: str, password: str = PASSWORD) -> None:
    """Log in afresh as `name` (the previous session's cookies dropped)."""
    page.context.clear_cookies()
    page.goto(server.url + "/login/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def shot(page, name: str) -> None:
    """A screenshot into DOSSIER_SCREENSHOTS (when set), for looking at the pages."""
    folder = os.environ.get("DOSSIER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))

"""Django settings, built from what `dossier serve` was told: the data folder (the SQLite database, the secret key,
build snapshots), the content folders served, where builds go, and DATABASE_URL for a PostgreSQL server.

`configure()` is called once per process before Django is set up; nothing else in dossier reads these settings.
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

UPLOAD_LIMIT_MB = 50


def secret_key(data_dir: Path) -> str:
    """The server's secret key: made on first start, kept private in the data folder."""
    path = data_dir / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database(data_dir: Path, url: str | None) -> dict:
    if url:
        import dj_database_url
        db = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        return db
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir / "dossier.sqlite3"),
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE",
                        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}


def build_settings(data_dir: Path, projects: dict[str, str], build_root: Path, *, database_url: str | None = None,
                   hosts: tuple[str, ...] = (), upload_limit_mb: int | None = None, debug: bool = False) -> dict:
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if upload_limit_mb is None:
        value = os.environ.get("DOSSIER_UPLOAD_LIMIT_MB", "")
        upload_limit_mb = int(value) if value.strip().isdigit() and int(value) > 0 else UPLOAD_LIMIT_MB
    here = Path(__file__).resolve().parent
    allowed = ["127.0.0.1", "localhost", "[::1]", *hosts]
    return dict(
        DEBUG=debug,
        SECRET_KEY=secret_key(data_dir),
        ALLOWED_HOSTS=["*"] if any(h in ("0.0.0.0", "::", "*") for h in hosts) else allowed,
        INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                        "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles", "axes",
                        "dossier.web.apps.WebConfig"],
        MIDDLEWARE=["django.middleware.security.SecurityMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware",
                    "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.common.CommonMiddleware",
                    "django.middleware.csrf.CsrfViewMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware",
                    "django.contrib.messages.middleware.MessageMiddleware",
                    "django.middleware.clickjacking.XFrameOptionsMiddleware", "axes.middleware.AxesMiddleware"],
        AUTHENTICATION_BACKENDS=["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"],
        AUTH_PASSWORD_VALIDATORS=[
            {"NAME": "dossier.web.validators.MinimumLength", "OPTIONS": {"min_length": 8}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"}],
        ROOT_URLCONF="dossier.web.urls",
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True,
                    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                       "django.contrib.auth.context_processors.auth",
                                                       "django.contrib.messages.context_processors.messages",
                                                       "dossier.web.access.nav"]}}],
        DATABASES={"default": database(data_dir, database_url)},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        LANGUAGE_CODE="zh-hans", TIME_ZONE="Asia/Shanghai", USE_I18N=True, USE_TZ=True,
        STATIC_URL="/static/", WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=debug,
        LOGIN_URL="/login/", LOGIN_REDIRECT_URL="/", LOGOUT_REDIRECT_URL="/login/",
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", CSRF_COOKIE_SAMESITE="Lax",
        X_FRAME_OPTIONS="SAMEORIGIN",
        FILE_UPLOAD_MAX_MEMORY_SIZE=2_621_440, DATA_UPLOAD_MAX_NUMBER_FILES=10,
        FILE_UPLOAD_PERMISSIONS=0o644,
        AXES_FAILURE_LIMIT=5, AXES_COOLOFF_TIME=dt.timedelta(minutes=15), AXES_RESET_ON_SUCCESS=True,
        AXES_LOCKOUT_PARAMETERS=[["username", "ip_address"]], AXES_LOCKOUT_TEMPLATE="web/locked.html",
        AXES_VERBOSE=False,
        LOGGING={"version": 1, "disable_existing_loggers": False,
                 "handlers": {"console": {"class": "logging.StreamHandler"}},
                 "loggers": {"django": {"handlers": ["console"], "level": "WARNING"},
                             "axes": {"handlers": ["console"], "level": "WARNING"}}},
        DOSSIER_PROJECTS=dict(projects), DOSSIER_BUILD_ROOT=str(build_root), DOSSIER_DATA=str(data_dir),
        DOSSIER_UPLOAD_LIMIT=upload_limit_mb * 1024 * 1024,
        DOSSIER_TEMPLATES=str(here / "templates"),
    )


def configure(data_dir: Path, projects: dict[str, str], build_root: Path, **kwargs) -> None:
    """Configure and set up Django for this process (once)."""
    import django
    from django.conf import settings
    if not settings.configured:
        settings.configure(**build_settings(data_dir, projects, build_root, **kwargs))
    django.setup()

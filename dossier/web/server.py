"""Starting the web app: Django configured for the folders given, the database migrated (SQLite is created on
first start), interrupted builds marked as such, then waitress (a production WSGI server in pure Python, which
also runs on the Windows machines of a bureau) on 127.0.0.1 unless told otherwise. And the first 管理员."""
from __future__ import annotations

import os
from pathlib import Path

from dossier.web import settings as web_settings


def setup(folders: list[Path], build_root: Path, data_dir: Path, host: str = "127.0.0.1",
          database_url: str | None = None) -> dict[str, str]:
    """Configure Django and migrate; the served projects (name → folder)."""
    projects: dict[str, str] = {}
    for folder in folders:
        folder = Path(folder).resolve()
        projects.setdefault(folder.name, str(folder))
    web_settings.configure(Path(data_dir).resolve(), projects, Path(build_root).resolve(),
                           database_url=database_url if database_url is not None else os.environ.get("DATABASE_URL"),
                           hosts=(host,))
    from django.core.management import call_command
    call_command("migrate", interactive=False, verbosity=0)
    return projects


def create_admin(username: str, password: str, if_missing: bool = False) -> bool:
    """The 管理员 (a Django superuser: hashed password, the admin pages); False if it exists and `if_missing`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from dossier.web.models import ROLE_ADMIN, Membership
    User = get_user_model()
    existing = User.objects.filter(username=username).first()
    if existing is not None and if_missing:
        return False
    validate_password(password, existing)
    user = existing or User(username=username)
    user.is_superuser = user.is_staff = user.is_active = True
    user.set_password(password)
    user.save()
    Membership.objects.update_or_create(user=user, project="", defaults={"role": ROLE_ADMIN, "unit": ""})
    return True


def run(host: str, port: int, threads: int = 24) -> None:
    """Serve until interrupted."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from waitress import serve
    from dossier.web import worker
    worker.recover()
    app = get_wsgi_application()
    serve(app, host=host, port=port, threads=threads, ident="dossier",
          max_request_body_size=2 * settings.DOSSIER_UPLOAD_LIMIT + 1024 * 1024, channel_timeout=120,
          connection_limit=200, clear_untrusted_proxy_headers=True)


def create_user(username: str, password: str, role: str, project: str = "", unit: str = "") -> None:
    """An account with a role in a project ("" for every project), as the 管理员 makes one in 用户管理."""
    from django.contrib.auth import get_user_model
    from dossier.web.models import ROLES, Membership
    if role not in dict(ROLES):
        raise ValueError(f"unknown role {role}")
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    Membership.objects.update_or_create(user=user, project=project, defaults={"role": role, "unit": unit})

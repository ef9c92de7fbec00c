"""The Django app of dossier's web layer (label `web`)."""
from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dossier.web"
    label = "web"
    verbose_name = "迎检材料"
    default_auto_field = "django.db.models.BigAutoField"

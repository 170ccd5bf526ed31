from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "绩效目标管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import dbroles  # noqa: F401  (registers its system check)

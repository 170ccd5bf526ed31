from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _keep_search_index(using: str = "default", **_kwargs: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put the search index's back (and refill it)."""
    from .services import search

    search.install_sqlite(connections[using])


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "绩效目标管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import dbroles  # noqa: F401  (registers its system check)

        post_migrate.connect(_keep_search_index, sender=self)
